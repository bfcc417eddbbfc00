#include "extractors/read/pdf_forms.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <podofo/podofo.h>
#pragma GCC diagnostic pop

#include "extractors/read/pdf_text.h"
#include "extractors/read/read_apart.h"
#include "pipeline/core/model_json.h"
#include "pipeline/core/rules.h"
#include "pipeline/core/utf8.h"

namespace qpm::extract {
namespace {

using PoDoFo::PdfObject;

// Bounds on what a hostile file can make us walk. Poppler treats an /Annots array
// of more than 10,000 entries as malformed; a real form is far below all of these.
constexpr size_t kMaxAnnotsPerPage = 10'000;
constexpr size_t kMaxFields = 50'000;
constexpr size_t kMaxPageTreeNodes = 200'000;
constexpr int kMaxDepth = 64;               // /Parent chains, /Kids trees, reference chains
constexpr size_t kMaxValueBytes = 1 << 20;  // one field's value
constexpr size_t kMaxChoices = 1'000;       // selected values of one list box

struct Rect {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

// What a page inherits from the page tree and what decides where its widgets show.
struct PageAttrs {
  Rect media{0, 0, 612, 792};  // Poppler's default when no node gives one
  std::optional<Rect> crop;
  int rotate = 0;
};

struct PageInfo {
  const PdfObject* dict = nullptr;
  Rect crop;       // as Poppler uses it: defaulted, clamped and clipped to the media box
  int rotate = 0;  // 0, 90, 180 or 270
};

// Bytes of a PDF text string (PDFDocEncoding, UTF-16BE or UTF-8 with a mark) as UTF-8.
std::string DecodeTextString(std::string_view bytes) {
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
      static_cast<unsigned char>(bytes[1]) == 0xFF) {
    return Utf16ToUtf8(bytes);
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    return ValidUtf8(bytes.substr(3));  // PDF 2.0
  }
  // PDFDocEncoding (ISO 32000-1, Annex D): Latin-1 except these two runs.
  static constexpr uint16_t k18[8] = {0x02D8, 0x02C7, 0x02C6, 0x02D9,
                                      0x02DD, 0x02DB, 0x02DA, 0x02DC};
  static constexpr uint16_t k80[33] = {
      0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
      0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
      0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFD, 0x20AC};
  std::string out;
  out.reserve(bytes.size());
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x18 && c <= 0x1F) {
      AppendUtf8(k18[c - 0x18], out);
    } else if (c >= 0x80 && c <= 0xA0) {
      AppendUtf8(k80[c - 0x80], out);
    } else if (c == 0) {
      continue;  // padding some writers leave at the end
    } else {
      AppendUtf8(c, out);
    }
  }
  return out;
}

// The text of a string object. `aes`: the document is encrypted with AES, and
// PoDoFo 0.9.8 leaves the cipher's PKCS#7 padding on every string it decrypts
// (16 bytes of 0x10 after "Alice" read as "Alice\x10\x10..."); a decrypted
// string still carrying it is a whole number of blocks long.
std::string TextOf(const PoDoFo::PdfString& s, bool aes) {
  if (!s.IsValid()) return "";
  const char* data = s.GetString();
  if (data == nullptr) return "";
  auto length = static_cast<size_t>(std::max<PoDoFo::pdf_long>(s.GetLength(), 0));
  // PoDoFo drops the FE FF mark of the strings it recognises as UTF-16.
  std::string bytes = s.IsUnicode() ? std::string("\xFE\xFF", 2) : std::string();
  bytes.append(data, std::min(length, kMaxValueBytes));
  if (aes && !bytes.empty() && bytes.size() % 16 == 0) {
    auto pad = static_cast<unsigned char>(bytes.back());
    if (pad >= 1 && pad <= 16 && bytes.size() >= pad &&
        bytes.find_first_not_of(static_cast<char>(pad), bytes.size() - pad) == std::string::npos) {
      bytes.resize(bytes.size() - pad);
    }
  }
  return DecodeTextString(bytes);
}

// Walks the objects of one loaded document. Every pointer it hands out belongs
// to the document and lives as long as it.
class FormReader {
 public:
  explicit FormReader(PoDoFo::PdfMemDocument& doc) : doc_(doc) {
    const PoDoFo::PdfEncrypt* encrypt = doc.GetEncrypt();
    aes_ = encrypt != nullptr &&
           (encrypt->GetEncryptAlgorithm() == PoDoFo::PdfEncrypt::ePdfEncryptAlgorithm_AESV2 ||
            encrypt->GetEncryptAlgorithm() == PoDoFo::PdfEncrypt::ePdfEncryptAlgorithm_AESV3 ||
            encrypt->GetEncryptAlgorithm() == PoDoFo::PdfEncrypt::ePdfEncryptAlgorithm_AESV3R6);
  }

  std::vector<FormField> Read(uint32_t max_pages) {
    const PdfObject* catalog = Resolve(doc_.GetCatalog());
    if (catalog == nullptr) return {};
    std::vector<PageInfo> pages;
    std::set<const PdfObject*> seen_nodes;
    size_t nodes = 0;
    CollectPages(Key(catalog, "Pages"), PageAttrs{}, 0, max_pages, seen_nodes, nodes, pages);

    std::vector<FormField> fields;
    for (size_t i = 0; i < pages.size() && fields.size() < kMaxFields; ++i) {
      const PdfObject* annots = Key(pages[i].dict, "Annots");
      if (annots == nullptr || !annots->IsArray()) continue;
      const PoDoFo::PdfArray& list = annots->GetArray();
      size_t count = std::min(list.size(), kMaxAnnotsPerPage);
      for (size_t k = 0; k < count && fields.size() < kMaxFields; ++k) {
        // One broken annotation costs only itself.
        try {
          const PdfObject* annot = Resolve(&list[k]);
          if (annot == nullptr || !annot->IsDictionary()) continue;
          std::string subtype = NameOf(Key(annot, "Subtype"));
          if (subtype != "Widget") {
            if (std::optional<FormField> c = Comment(annot, subtype, static_cast<int>(i + 1))) {
              fields.push_back(std::move(*c));
            }
            continue;
          }
          if (!widgets_.insert(annot).second) continue;  // listed twice: once is enough
          std::optional<FormField> f = Describe(annot, static_cast<int>(i + 1), &pages[i]);
          if (f) fields.push_back(std::move(*f));
        } catch (const PoDoFo::PdfError&) {
        }
      }
    }

    // Fields whose widgets no page shows still hold values.
    const PdfObject* form = Key(catalog, "AcroForm");
    if (form != nullptr && form->IsDictionary()) {
      std::set<const PdfObject*> seen_fields;
      const PdfObject* roots = Key(form, "Fields");
      if (roots != nullptr && roots->IsArray()) {
        const PoDoFo::PdfArray& list = roots->GetArray();
        for (size_t k = 0; k < list.size() && fields.size() < kMaxFields; ++k) {
          CollectUnplaced(Resolve(&list[k]), 0, seen_fields, fields);
        }
      }
    }
    // The names of attached files (the /EmbeddedFiles name tree).
    const PdfObject* names = Key(catalog, "Names");
    std::set<const PdfObject*> seen_files;
    CollectAttachments(Key(names, "EmbeddedFiles"), 0, seen_files, fields);
    return fields;
  }

 private:
  // Walks a name tree's /Kids and /Names; each value is a file specification.
  void CollectAttachments(const PdfObject* node, int depth, std::set<const PdfObject*>& seen,
                          std::vector<FormField>& out) {
    if (node == nullptr || !node->IsDictionary() || depth > kMaxDepth || out.size() >= kMaxFields ||
        !seen.insert(node).second) {
      return;
    }
    if (const PdfObject* kids = Key(node, "Kids"); kids != nullptr && kids->IsArray()) {
      for (const PdfObject& kid : kids->GetArray()) {
        CollectAttachments(Resolve(&kid), depth + 1, seen, out);
      }
    }
    const PdfObject* list = Key(node, "Names");
    if (list == nullptr || !list->IsArray()) return;
    const PoDoFo::PdfArray& a = list->GetArray();
    for (size_t k = 0; k + 1 < a.size() && out.size() < kMaxFields; k += 2) {
      const PdfObject* spec = Resolve(&a[k + 1]);
      FormField f;
      f.kind = "attachment";
      for (const char* key : {"UF", "F"}) {
        const PdfObject* n = Key(spec, key);
        if (n != nullptr && n->IsString()) {
          f.name = TextOf(n->GetString(), aes_);
          if (!f.name.empty()) break;
        }
      }
      if (f.name.empty() && a[k].IsString()) f.name = TextOf(a[k].GetString(), aes_);
      if (const PdfObject* d = Key(spec, "Desc"); d != nullptr && d->IsString()) {
        f.value = TextOf(d->GetString(), aes_);
      }
      if (!f.name.empty() || !f.value.empty()) out.push_back(std::move(f));
    }
  }

  // The object `o` stands for, following indirect references; null when missing.
  const PdfObject* Resolve(const PdfObject* o) const {
    for (int i = 0; o != nullptr && o->IsReference() && i < kMaxDepth; ++i) {
      o = doc_.GetObjects().GetObject(o->GetReference());
    }
    return o != nullptr && !o->IsReference() ? o : nullptr;
  }

  const PdfObject* Key(const PdfObject* dict, const char* key) const {
    if (dict == nullptr || !dict->IsDictionary()) return nullptr;
    return Resolve(dict->GetDictionary().GetKey(PoDoFo::PdfName(key)));
  }

  static std::string NameOf(const PdfObject* o) {
    return o != nullptr && o->IsName() ? o->GetName().GetName() : std::string();
  }

  static std::optional<double> NumberOf(const PdfObject* o) {
    if (o == nullptr || !(o->IsNumber() || o->IsReal())) return std::nullopt;
    return o->GetReal();
  }

  // A comment or mark-up (sticky note, highlight, free text, box, ink, stamp): its
  // author (/T) as the name and its text (/Contents, with /Subj) as the value.
  // Links and pop-ups (whose text is their parent's) are left out.
  std::optional<FormField> Comment(const PdfObject* annot, const std::string& subtype, int page) {
    if (subtype == "Link" || subtype == "Popup" || subtype.empty()) return std::nullopt;
    FormField f;
    f.kind = "comment";
    f.page = page;
    // PoDoFo 0.9.8 tells <hex> strings from (literal) ones; LibreOffice writes hex.
    if (const PdfObject* t = Key(annot, "T"); t != nullptr && (t->IsString() || t->IsHexString())) {
      f.name = TextOf(t->GetString(), aes_);
    }
    for (const char* key : {"Subj", "Contents"}) {
      const PdfObject* v = Key(annot, key);
      if (v == nullptr || !(v->IsString() || v->IsHexString())) continue;
      std::string text = TextOf(v->GetString(), aes_);
      if (text.empty()) continue;
      if (!f.value.empty()) f.value += "\n";
      f.value += text;
    }
    if (f.name.empty() && f.value.empty()) return std::nullopt;
    if (f.value.size() > 64 * 1024) f.value.resize(64 * 1024);
    return f;
  }

  // A box as Poppler reads one: four numbers, not all zero, put in order.
  std::optional<Rect> RectOf(const PdfObject* o) const {
    if (o == nullptr || !o->IsArray() || o->GetArray().size() != 4) return std::nullopt;
    double v[4];
    for (size_t i = 0; i < 4; ++i) {
      std::optional<double> n = NumberOf(Resolve(&o->GetArray()[i]));
      if (!n) return std::nullopt;
      v[i] = *n;
    }
    if (v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 0) return std::nullopt;
    return Rect{std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]),
                std::max(v[1], v[3])};
  }

  // The pages in the order Poppler numbers them: depth first through /Kids, a
  // node being a page when its /Type says so or it has no /Kids.
  void CollectPages(const PdfObject* node, PageAttrs attrs, int depth, uint32_t max_pages,
                    std::set<const PdfObject*>& seen, size_t& nodes,
                    std::vector<PageInfo>& pages) const {
    if (node == nullptr || !node->IsDictionary() || depth > kMaxDepth ||
        pages.size() >= max_pages || ++nodes > kMaxPageTreeNodes || !seen.insert(node).second) {
      return;
    }
    if (std::optional<Rect> media = RectOf(Key(node, "MediaBox"))) attrs.media = *media;
    if (std::optional<Rect> crop = RectOf(Key(node, "CropBox"))) attrs.crop = crop;
    const PdfObject* rotate = Key(node, "Rotate");
    if (rotate != nullptr && rotate->IsNumber()) {  // Poppler takes integers only
      attrs.rotate = static_cast<int>(((rotate->GetNumber() % 360) + 360) % 360);
    }
    const PdfObject* kids = Key(node, "Kids");
    bool is_page = NameOf(Key(node, "Type")) == "Page" ||
                   !node->GetDictionary().HasKey(PoDoFo::PdfName("Kids"));
    if (!is_page && (kids == nullptr || !kids->IsArray())) return;
    if (is_page) {
      PageInfo page;
      page.dict = node;
      page.rotate = attrs.rotate % 90 == 0 ? attrs.rotate : 0;
      Rect crop = attrs.crop.value_or(attrs.media);
      const Rect& media = attrs.media;
      if (crop.x2 - crop.x1 > media.x2 - media.x1) {
        crop.x1 = media.x1;
        crop.x2 = media.x2;
      }
      if (crop.y2 - crop.y1 > media.y2 - media.y1) {
        crop.y1 = media.y1;
        crop.y2 = media.y2;
      }
      crop.x1 = std::max(crop.x1, media.x1);
      crop.y1 = std::max(crop.y1, media.y1);
      crop.x2 = std::min(crop.x2, media.x2);
      crop.y2 = std::min(crop.y2, media.y2);
      page.crop = crop;
      pages.push_back(page);
      return;
    }
    const PoDoFo::PdfArray& list = kids->GetArray();
    for (size_t i = 0; i < list.size() && pages.size() < max_pages; ++i) {
      CollectPages(Resolve(&list[i]), attrs, depth + 1, max_pages, seen, nodes, pages);
    }
  }

  // Walks /Kids below one /AcroForm /Fields entry; each leaf no page listed
  // becomes a field with page 0.
  void CollectUnplaced(const PdfObject* node, int depth, std::set<const PdfObject*>& seen,
                       std::vector<FormField>& fields) {
    if (node == nullptr || !node->IsDictionary() || depth > kMaxDepth ||
        fields.size() >= kMaxFields || !seen.insert(node).second) {
      return;
    }
    const PdfObject* kids = Key(node, "Kids");
    if (kids != nullptr && kids->IsArray() && !kids->GetArray().empty()) {
      const PoDoFo::PdfArray& list = kids->GetArray();
      for (size_t i = 0; i < list.size() && fields.size() < kMaxFields; ++i) {
        CollectUnplaced(Resolve(&list[i]), depth + 1, seen, fields);
      }
      return;
    }
    if (widgets_.count(node) != 0) return;
    try {
      std::optional<FormField> f = Describe(node, 0, nullptr);
      if (f) fields.push_back(std::move(*f));
    } catch (const PoDoFo::PdfError&) {
    }
  }

  // The widget and the fields above it, nearest first.
  std::vector<const PdfObject*> Chain(const PdfObject* widget) const {
    std::vector<const PdfObject*> chain;
    std::set<const PdfObject*> seen;
    for (const PdfObject* node = widget; node != nullptr && node->IsDictionary() &&
                                         chain.size() <= kMaxDepth && seen.insert(node).second;
         node = Key(node, "Parent")) {
      chain.push_back(node);
    }
    return chain;
  }

  // The nearest value of an inheritable field attribute.
  const PdfObject* Inherited(const std::vector<const PdfObject*>& chain, const char* key) const {
    for (const PdfObject* node : chain) {
      if (const PdfObject* v = Key(node, key); v != nullptr && !v->IsNull()) return v;
    }
    return nullptr;
  }

  // The name of the widget's "on" appearance: the key of /AP /N (or /D) that is not /Off.
  std::string OnState(const PdfObject* widget) const {
    const PdfObject* ap = Key(widget, "AP");
    for (const char* which : {"N", "D"}) {
      const PdfObject* states = Key(ap, which);
      if (states == nullptr || !states->IsDictionary()) continue;
      for (const auto& [name, value] : states->GetDictionary().GetKeys()) {
        if (name.GetName() != "Off") return name.GetName();
      }
    }
    return "";
  }

  // A check box or radio button's export value: the state's name, or the text
  // its /Opt gives for it when states are numbered ("0", "1", ...).
  std::string ExportValue(const std::vector<const PdfObject*>& chain,
                          const std::string& state) const {
    const PdfObject* opt = Inherited(chain, "Opt");
    if (opt != nullptr && opt->IsArray() && !state.empty() &&
        state.find_first_not_of("0123456789") == std::string::npos && state.size() < 9) {
      size_t index = static_cast<size_t>(std::atoi(state.c_str()));
      if (index < opt->GetArray().size()) {
        const PdfObject* text = Resolve(&opt->GetArray()[index]);
        if (text != nullptr && (text->IsString() || text->IsHexString())) {
          return TextOf(text->GetString(), aes_);
        }
      }
    }
    return ValidUtf8(state);
  }

  std::string TextValue(const PdfObject* v) const {
    if (v == nullptr) return "";
    if (v->IsString() || v->IsHexString()) return TextOf(v->GetString(), aes_);
    if (v->IsName()) return ValidUtf8(v->GetName().GetName());
    if (!v->IsArray()) return "";  // a text stream or a broken value: not read
    std::string joined;
    const PoDoFo::PdfArray& list = v->GetArray();
    for (size_t i = 0; i < list.size() && i < kMaxChoices && joined.size() < kMaxValueBytes; ++i) {
      const PdfObject* item = Resolve(&list[i]);
      if (item == nullptr || !(item->IsString() || item->IsHexString())) continue;
      if (!joined.empty()) joined += '\n';
      joined += TextOf(item->GetString(), aes_);
    }
    return joined;
  }

  // The widget's /Rect on the page as displayed, as Poppler's TextOutputDev maps
  // user space (GfxState with upsideDown): origin at the crop box's top left
  // after the page's /Rotate (clockwise), y downwards.
  static Box OnPage(const Rect& r, const PageInfo& page) {
    const Rect& c = page.crop;
    auto map = [&](double x, double y) -> std::pair<double, double> {
      switch (page.rotate) {
        case 90:
          return {y - c.y1, x - c.x1};
        case 180:
          return {c.x2 - x, y - c.y1};
        case 270:
          return {c.y2 - y, c.x2 - x};
        default:
          return {x - c.x1, c.y2 - y};
      }
    };
    auto [ax, ay] = map(r.x1, r.y1);
    auto [bx, by] = map(r.x2, r.y2);
    return Box{std::min(ax, bx), std::min(ay, by), std::max(ax, bx), std::max(ay, by)};
  }

  std::optional<FormField> Describe(const PdfObject* widget, int page_number,
                                    const PageInfo* page) const {
    std::vector<const PdfObject*> chain = Chain(widget);
    std::string type = NameOf(Inherited(chain, "FT"));
    const PdfObject* flags_object = Inherited(chain, "Ff");
    int64_t flags = flags_object != nullptr && flags_object->IsNumber()
                        ? static_cast<int64_t>(flags_object->GetNumber())
                        : 0;
    FormField f;
    if (type == "Btn") {
      f.kind = (flags & (1 << 16)) != 0   ? "button"
               : (flags & (1 << 15)) != 0 ? "radio"
                                          : "checkbox";
    } else if (type == "Tx") {
      f.kind = "text";
    } else if (type == "Ch") {
      f.kind = "choice";
    } else if (type == "Sig") {
      f.kind = "signature";
    } else {
      return std::nullopt;  // not a field, or one of no type we know
    }

    std::string name;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const PdfObject* t = Key(*it, "T");
      if (t == nullptr || !(t->IsString() || t->IsHexString())) continue;
      std::string part = TextOf(t->GetString(), aes_);
      if (part.empty()) continue;
      if (!name.empty()) name += '.';
      name += part;
    }
    f.name = std::move(name);

    const PdfObject* value = Inherited(chain, "V");
    if (f.kind == "checkbox" || f.kind == "radio") {
      const PdfObject* as = Key(widget, "AS");
      std::string state;
      if (as != nullptr && as->IsName()) {
        state = as->GetName().GetName();
      } else if (f.kind == "checkbox") {
        state = NameOf(value);
      } else {
        // A radio button without /AS is on when the group's value is its own state.
        std::string own = OnState(widget);
        if (!own.empty() && NameOf(value) == own) state = own;
      }
      f.on = !state.empty() && state != "Off";
      if (f.on) f.value = ExportValue(chain, state);
    } else if (f.kind == "text" || f.kind == "choice") {
      f.value = TextValue(value);
    }

    const PdfObject* annot_flags = Key(widget, "F");
    int64_t shown = annot_flags != nullptr && annot_flags->IsNumber()
                        ? static_cast<int64_t>(annot_flags->GetNumber())
                        : 0;
    f.hidden = (shown & 2) != 0 || (shown & 32) != 0;  // Hidden, NoView
    f.page = page_number;
    std::optional<Rect> rect = RectOf(Key(widget, "Rect"));
    if (page == nullptr) {
      f.hidden = true;  // on no page: no viewer shows it
    } else if (rect) {
      f.box = OnPage(*rect, *page);
      const Rect& c = page->crop;
      bool no_area = rect->x2 - rect->x1 <= 0 || rect->y2 - rect->y1 <= 0;
      bool off_page = rect->x2 <= c.x1 || rect->x1 >= c.x2 || rect->y2 <= c.y1 || rect->y1 >= c.y2;
      if (no_area || off_page) f.hidden = true;
    } else {
      f.hidden = true;  // no usable /Rect: nothing to see
    }
    return f;
  }

  PoDoFo::PdfMemDocument& doc_;
  bool aes_ = false;                    // strings were decrypted with AES
  std::set<const PdfObject*> widgets_;  // widgets found on pages
};

// True when the file's bytes name an /AcroForm or a /Widget: it has a form (a
// lower bound: both can hide in compressed object streams).
bool MentionsForm(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  constexpr size_t kChunk = 1 << 20;
  constexpr size_t kKeep = 16;  // so a name split across two chunks is still seen
  std::string window;
  std::vector<char> buf(kChunk);
  bool found = false;
  for (ssize_t n; !found && (n = read(fd, buf.data(), buf.size())) > 0;) {
    window.append(buf.data(), static_cast<size_t>(n));
    found = window.find("/AcroForm") != std::string::npos ||
            window.find("/Widget") != std::string::npos;
    if (window.size() > kKeep) window.erase(0, window.size() - kKeep);
  }
  close(fd);
  return found;
}

}  // namespace

Result<std::vector<FormField>> ReadPdfFormFields(const std::string& path,
                                                 const std::string& password, uint32_t max_pages) {
  // PoDoFo logs what it trips over to stderr, with fragments of the file.
  PoDoFo::PdfError::EnableLogging(false);
  PoDoFo::PdfError::EnableDebug(false);
  try {
    PoDoFo::PdfMemDocument doc;
    try {
      doc.Load(path.c_str());
    } catch (const PoDoFo::PdfError& e) {
      if (e.GetError() != PoDoFo::ePdfError_InvalidPassword) throw;
      bool opened = false;
      for (const std::string& pw : {password, PasswordAsLatin1(password)}) {
        if (opened || (pw.empty() && !password.empty())) continue;
        try {
          doc.SetPassword(pw);
          opened = true;
        } catch (const PoDoFo::PdfError& wrong) {
          if (wrong.GetError() != PoDoFo::ePdfError_InvalidPassword) throw;
        }
      }
      if (!opened) {
        return Status(StatusCode::kPasswordNeeded,
                      "the password that opened it does not open its form fields");
      }
    }
    return FormReader(doc).Read(max_pages);
  } catch (const PoDoFo::PdfError& e) {
    return Status(StatusCode::kUnreadable,
                  e.GetError() == PoDoFo::ePdfError_UnsupportedFilter ||
                          e.GetError() == PoDoFo::ePdfError_UnsupportedFontFormat
                      ? "its form reader does not support how it is stored"
                      : "its form reader could not make sense of the file");
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kLimit, "its form fields need more memory than allowed");
  } catch (...) {
    return Status(StatusCode::kUnreadable, "its form reader could not make sense of the file");
  }
}

Result<std::vector<FormField>> ReadPdfFormFieldsApart(const std::string& path,
                                                      const std::string& password,
                                                      const Limits& limits,
                                                      uint32_t timeout_seconds) {
  return ReadPdfApart(ReadPdfFormFields, path, password, limits, timeout_seconds,
                      "the form reader");
}

void AddPdfFormFields(const std::string& path, const std::vector<std::string>& passwords,
                      const Limits& limits, std::chrono::steady_clock::time_point started,
                      Summary& s) {
  if (s.status == DocStatus::kFailed) return;
  Result<std::vector<FormField>> fields = ReadAfterPdf<std::vector<FormField>>(
      ReadPdfFormFieldsApart, path, passwords, limits, started, s);
  if (fields.ok()) {
    s.fields = std::move(fields.value());
    return;
  }
  if (fields.status().code() == StatusCode::kInterrupted || !MentionsForm(path)) return;
  s.findings.push_back(ReadingFinding(
      rule::kExtractFormsNotRead, "",
      "This PDF has a fillable form, but " + fields.status().message() +
          ": ticks and typed answers in its fields were not read or checked.",
      "Open the PDF and check its form fields by eye; or ask the organisation to print it to "
      "PDF (which keeps what the fields show) and resend it."));
}

}  // namespace qpm::extract
