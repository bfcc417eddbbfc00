#include "extractors/word_text.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/rules.h"
#include "pipeline/utf8.h"
#include "pipeline/zip_archive.h"

namespace qpm::extract {
namespace {

constexpr int kMaxDepth = 256;  // deeper XML is a trap, not a document

// How a part with text is parsed: pugixml drops text that is only spaces, but Word
// writes the space between two differently formatted words as a run of its own
// (<w:t xml:space="preserve"> </w:t>); an element's only text is kept, spaces or not.
constexpr unsigned kTextParse = pugi::parse_default | pugi::parse_ws_pcdata_single;

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Fonts whose characters are pictures: Word stores a ticked box drawn in
// Wingdings as the letter its picture replaces (0xFE, or 0xF0FE in the private
// use area), so the text means nothing until it is mapped.
enum class SymbolFont { kNone, kWingdings, kWingdings2, kOther };

SymbolFont SymbolFontNamed(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "wingdings") return SymbolFont::kWingdings;
  if (lower == "wingdings 2") return SymbolFont::kWingdings2;
  if (lower == "wingdings 3" || lower == "webdings" || lower == "symbol") return SymbolFont::kOther;
  return SymbolFont::kNone;
}

constexpr std::string_view kChecked = "\u2612";    // ☒
constexpr std::string_view kUnchecked = "\u2610";  // ☐

// What a symbol-font character shows, when it is a box, a ticked or crossed box
// (☐, ☒), or a bare tick or cross (✓, ✗); "" for any other picture. Codes
// checked against published Wingdings and Wingdings 2 to Unicode tables.
std::string_view BoxGlyph(SymbolFont font, uint32_t code) {
  if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
  if (font == SymbolFont::kWingdings) {
    switch (code) {
      case 0x6F:  // □ white square
      case 0x70:  // bold white square
      case 0x71:  // ❑ lower right shadowed white square
      case 0x72:  // ❒ upper right shadowed white square
      case 0xA8:  // ◻ white medium square
        return kUnchecked;
      case 0x78:  // ⌧ X in a rectangle box
      case 0xFD:  // ☒ ballot box with X
      case 0xFE:  // ☑ ballot box with check
        return kChecked;
      case 0xFB:
        return "\u2717";  // ✗ ballot X
      case 0xFC:
        return "\u2713";  // ✓ check mark
      default:
        return "";
    }
  }
  if (font == SymbolFont::kWingdings2) {
    switch (code) {
      case 0xA3:  // □ white square
        return kUnchecked;
      case 0x51:  // ballot box with script X
      case 0x52:  // ☑ ballot box with check
      case 0x53:  // ballot box with light X
      case 0x54:  // ☒ ballot box with X
        return kChecked;
      case 0x4F:
        return "\u2717";  // ballot script X, as ✗
      case 0x50:
        return "\u2713";  // light check mark, as ✓
      default:
        return "";
    }
  }
  return "";
}

// A character of a font that is not a symbol font: boxes as ☐ / ☒, anything
// else as itself.
void AppendUnicodeSymbol(uint32_t code, std::string& out) {
  switch (code) {
    case 0x2610:  // ☐
      out += kUnchecked;
      return;
    case 0x2611:   // ☑
    case 0x2612:   // ☒
    case 0x2BBD:   // ballot box with light X
    case 0x1F5F5:  // ballot box with script X
    case 0x1F5F7:  // ballot box with bold script X
    case 0x1F5F9:  // ballot box with bold check
      out += kChecked;
      return;
    default:
      if (code >= 0xE000 && code <= 0xF8FF) return;  // private use: a picture we cannot name
      AppendUtf8(code, out);
  }
}

// The value of `node`'s attribute with local name `name` (w:val, w14:val, ...).
const char* Attr(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view n = a.name();
    size_t colon = n.find(':');
    if ((colon == std::string_view::npos ? n : n.substr(colon + 1)) == name) return a.value();
  }
  return nullptr;
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  }
  return pugi::xml_node();
}

// An ST_OnOff element: <w:checked/> and <w:checked w:val="true"/> are on.
bool OnOff(const pugi::xml_node& node) {
  const char* v = Attr(node, "val");
  if (v == nullptr) return true;
  std::string_view s = v;
  return s == "1" || s == "true" || s == "on";
}

uint32_t HexCode(const char* text) {
  if (text == nullptr) return 0;
  char* end = nullptr;
  unsigned long v = std::strtoul(text, &end, 16);
  return end != text && *end == '\0' && v <= 0x10FFFF ? static_cast<uint32_t>(v) : 0;
}

// The font a run is set in when it is a symbol font, from its own rPr.
SymbolFont RunSymbolFont(const pugi::xml_node& run) {
  pugi::xml_node fonts = Child(Child(run, "rPr"), "rFonts");
  if (!fonts) return SymbolFont::kNone;
  for (const char* which : {"ascii", "hAnsi"}) {
    const char* name = Attr(fonts, which);
    if (name == nullptr) continue;
    SymbolFont font = SymbolFontNamed(name);
    if (font != SymbolFont::kNone) return font;
  }
  return SymbolFont::kNone;
}

// The code point of the UTF-8 character of `length` bytes at s[i].
uint32_t CodePoint(std::string_view s, size_t i, size_t length) {
  auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (length) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

// Text typed in a symbol font: its boxes and ticks as Unicode, other characters as stored.
void AppendSymbolText(std::string_view text, SymbolFont font, std::string& out) {
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8CharLength(text, i);
    if (length == 0) {
      out += text[i++];
      continue;
    }
    std::string_view glyph = BoxGlyph(font, CodePoint(text, i, length));
    if (glyph.empty()) {
      out += text.substr(i, length);
    } else {
      out += glyph;
    }
    i += length;
  }
}

// `text` without the characters a check-box content control draws its state
// with: the control's own state is written in their place.
std::string WithoutBoxGlyphs(std::string_view text, const std::vector<uint32_t>& drawn) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8CharLength(text, i);
    if (length == 0) {
      out += text[i++];
      continue;
    }
    uint32_t code = CodePoint(text, i, length);
    bool box = code == 0x2610 || code == 0x2611 || code == 0x2612;
    for (uint32_t d : drawn) box = box || code == d || (d < 0x100 && code == (0xF000 | d));
    if (!box) out += text.substr(i, length);
    i += length;
  }
  return out;
}

void AppendText(const pugi::xml_node& node, std::string& out, int depth,
                SymbolFont font = SymbolFont::kNone);

// A run Word does not show: formatted as hidden (w:vanish, w:specVanish), or one
// point high or less (w:sz is in half-points). Not w:webHidden, which hides text in
// Web view only (Word sets it on every page number of a table of contents).
bool RunIsHidden(const pugi::xml_node& run) {
  pugi::xml_node props = Child(run, "rPr");
  if (!props) return false;
  for (const char* flag : {"vanish", "specVanish"}) {
    if (pugi::xml_node f = Child(props, flag); f && OnOff(f)) return true;
  }
  if (const char* size = Attr(Child(props, "sz"), "val")) {
    char* end = nullptr;
    double half_points = std::strtod(size, &end);
    if (end != size && half_points <= 2) return true;
  }
  return false;
}

// A fill that is not the page's white ("auto", "FFFFFF" or none).
bool Shaded(const pugi::xml_node& props) {
  const char* fill = Attr(Child(props, "shd"), "fill");
  if (fill == nullptr) return false;
  std::string_view f = fill;
  return !(f == "auto" || f == "FFFFFF" || f == "ffffff");
}

// A run in white on no shading of its own (its cell's and paragraph's are `on_shading`).
bool RunIsWhite(const pugi::xml_node& run, bool on_shading) {
  pugi::xml_node props = Child(run, "rPr");
  if (!props || on_shading || Shaded(props)) return false;
  if (const char* mark = Attr(Child(props, "highlight"), "val");
      mark != nullptr && std::string_view(mark) != "none") {
    return false;
  }
  pugi::xml_node color = Child(props, "color");
  // "White, Background 1, Darker 25%" is a grey: a shade or tint is not white.
  if (Attr(color, "themeShade") != nullptr || Attr(color, "themeTint") != nullptr) return false;
  const char* value = Attr(color, "val");
  const char* theme = Attr(color, "themeColor");
  return (value != nullptr &&
          (std::string_view(value) == "FFFFFF" || std::string_view(value) == "ffffff")) ||
         (theme != nullptr &&
          (std::string_view(theme) == "background1" || std::string_view(theme) == "light1"));
}

// The text of the runs under `node` that Word does not show (`hidden`) and of those
// in white on white (`white`), one line per paragraph.
void CollectUnseenRuns(const pugi::xml_node& node, std::string& hidden, std::string& white,
                       int depth, bool on_shading = false) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    if (n == "r") {
      std::string text;
      for (pugi::xml_node t = child.first_child(); t; t = t.next_sibling()) {
        if (LocalName(t) == "t") text += t.child_value();
      }
      if (text.empty()) continue;
      // Word splits words across runs ("Jo" "hn"): runs that follow each other are
      // joined as they are; a run that shows parts them.
      if (RunIsHidden(child)) {
        hidden += text;
      } else if (RunIsWhite(child, on_shading)) {
        white += text;
      } else {
        for (std::string* s : {&hidden, &white}) {
          if (!s->empty() && s->back() != ' ' && s->back() != '\n') *s += ' ';
        }
      }
    } else if (n == "txbxContent") {
      // A text box: its own fill, which this reader does not see, may be dark.
      CollectUnseenRuns(child, hidden, white, depth + 1, true);
    } else if (n == "tc" || n == "p" || n == "tbl") {
      pugi::xml_node props = Child(child, n == "tc" ? "tcPr" : n == "p" ? "pPr" : "tblPr");
      CollectUnseenRuns(child, hidden, white, depth + 1, on_shading || Shaded(props));
      if (n == "p") {
        for (std::string* s : {&hidden, &white}) {
          if (!s->empty() && s->back() == ' ') s->back() = '\n';
          if (!s->empty() && s->back() != '\n') *s += '\n';
        }
      }
    } else if (n != "del" && n != "moveFrom" && n != "rPr" && n != "pPr" && n != "Fallback") {
      CollectUnseenRuns(child, hidden, white, depth + 1, on_shading);
    }
  }
}

// A table cell's text on one line, so that a row reads "1.1<TAB>wording<TAB>☒":
// empty lines at its start and end are dropped, each run of paragraph and line
// breaks inside it becomes one space, and each tab a space.
std::string CellText(const pugi::xml_node& cell, int depth) {
  std::string text;
  AppendText(cell, text, depth);
  size_t begin = text.find_first_not_of("\n\t");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of("\n\t") + 1;
  std::string line;
  for (size_t i = begin; i < end; ++i) {
    if (text[i] == '\n') {
      if (line.empty() || line.back() != ' ' || text[i - 1] != '\n') line += ' ';
    } else {
      line += text[i] == '\t' ? ' ' : text[i];
    }
  }
  return line;
}

// A check-box content control (w14:checkbox): its state, then whatever else its
// content shows besides the glyph Word drew for that state.
void AppendCheckBoxControl(const pugi::xml_node& sdt, const pugi::xml_node& box, std::string& out,
                           int depth) {
  pugi::xml_node checked = Child(box, "checked");
  bool on = checked && OnOff(checked);
  std::vector<uint32_t> drawn;
  for (const char* state : {"checkedState", "uncheckedState"}) {
    if (uint32_t code = HexCode(Attr(Child(box, state), "val")); code != 0) drawn.push_back(code);
  }
  std::string content;
  AppendText(Child(sdt, "sdtContent"), content, depth + 1);
  out += on ? kChecked : kUnchecked;
  out += WithoutBoxGlyphs(content, drawn);
}

// Appends the visible text under `node`. Property elements (pPr, rPr, ...) hold no
// text but do hold <w:tab> tab-stop definitions, so they are skipped whole.
// `font` is the symbol font of the run being read, if it is set in one.
void AppendText(const pugi::xml_node& node, std::string& out, int depth, SymbolFont font) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    if (n == "t") {
      if (font == SymbolFont::kWingdings || font == SymbolFont::kWingdings2) {
        AppendSymbolText(child.child_value(), font, out);
      } else {
        out += child.child_value();
      }
    } else if (n == "r") {
      // Hidden runs are no text a reader sees: ReadParts keeps them apart.
      if (!RunIsHidden(child)) AppendText(child, out, depth + 1, RunSymbolFont(child));
    } else if (n == "sym") {
      SymbolFont sym_font = SymbolFontNamed(Attr(child, "font") ? Attr(child, "font") : "");
      uint32_t code = HexCode(Attr(child, "char"));
      if (sym_font == SymbolFont::kNone) {
        if (code != 0) AppendUnicodeSymbol(code, out);
      } else {
        out += BoxGlyph(sym_font, code);
      }
    } else if (n == "fldChar") {
      // A legacy form check box (FORMCHECKBOX) stands where its field begins;
      // Word draws it, so its result holds no text.
      pugi::xml_node box = Child(Child(child, "ffData"), "checkBox");
      if (box) {
        pugi::xml_node state = Child(box, "checked");
        if (!state) state = Child(box, "default");
        out += state && OnOff(state) ? kChecked : kUnchecked;
      }
    } else if (n == "sdt") {
      pugi::xml_node properties = Child(child, "sdtPr");
      pugi::xml_node box = Child(properties, "checkbox");
      pugi::xml_node placeholder = Child(properties, "showingPlcHdr");
      if (box) {
        AppendCheckBoxControl(child, box, out, depth);
      } else if (placeholder && OnOff(placeholder)) {
        // A control nobody has typed into shows the template's prompt ("Click or tap
        // here to enter text.", or any prompt the template's author wrote) in grey:
        // the prompt is no text of this document, and no answer.
      } else {
        AppendText(child, out, depth + 1);
      }
    } else if (n == "tab" || n == "ptab") {
      out += '\t';
    } else if (n == "br" || n == "cr") {
      out += '\n';
    } else if (n == "noBreakHyphen") {
      out += '-';
    } else if (n == "delText" || n == "instrText" || n == "del" || n == "Fallback" || n == "pPr" ||
               n == "rPr" || n == "sectPr" || n == "tblPr" || n == "trPr" || n == "tcPr" ||
               n == "tblGrid" || n == "sdtPr" || n == "moveFrom") {
      // Deleted revisions, field codes, duplicate fallback content and properties:
      // none of it is body text a reader sees.
    } else if (n == "p") {
      AppendText(child, out, depth + 1);
      out += '\n';
    } else if (n == "tc") {
      out += CellText(child, depth + 1);
      out += '\t';
    } else if (n == "tr") {
      std::string row;
      AppendText(child, row, depth + 1);
      if (!row.empty() && row.back() == '\t') row.pop_back();
      out += row;
      out += '\n';
    } else {
      AppendText(child, out, depth + 1, font);
    }
  }
}

// The package part holding the main document: usually word/document.xml, but the
// package's relationships are what decide.
std::string MainPartName(zip::Archive& archive) {
  if (archive.Find("word/document.xml") != nullptr) return "word/document.xml";
  Result<std::string> rels = archive.Read("_rels/.rels", 1 << 20);
  if (!rels.ok()) return "word/document.xml";
  pugi::xml_document xml;
  if (!xml.load_buffer(rels->data(), rels->size())) return "word/document.xml";
  for (pugi::xml_node r : xml.document_element().children()) {
    std::string_view type = r.attribute("Type").value();
    if (type.size() >= 15 && type.substr(type.size() - 15) == "/officeDocument") {
      std::string target = r.attribute("Target").value();
      while (!target.empty() && target[0] == '/') target.erase(0, 1);
      return target;
    }
  }
  return "word/document.xml";
}

void ReadProperties(zip::Archive& archive, const char* part,
                    std::vector<std::pair<std::string, std::string>>& out) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"title", "Title"},       {"subject", "Subject"},      {"creator", "Author"},
      {"keywords", "Keywords"}, {"description", "Comments"}, {"lastModifiedBy", "Last modified by"},
      {"category", "Category"}, {"Company", "Company"},      {"Manager", "Manager"}};
  if (archive.Find(part) == nullptr) return;
  Result<std::string> bytes = archive.Read(part, 1 << 20);
  if (!bytes.ok()) return;
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes->data(), bytes->size())) return;
  for (pugi::xml_node n : xml.document_element().children()) {
    std::string_view local = LocalName(n);
    for (const auto& [xml_name, shown] : kNames) {
      if (local == xml_name) {
        std::string value = n.child_value();
        if (!value.empty()) out.emplace_back(shown, value);
      }
    }
  }
}

// Text deleted with tracked changes (w:delText): gone from the page Word shows in
// "no markup" view, still in the file for anyone to read. One line per deletion.
void AppendDeleted(const pugi::xml_node& node, std::string& out, int depth) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    if (n == "delText") {
      out += child.child_value();
    } else {
      AppendDeleted(child, out, depth + 1);
      if (n == "del" && !out.empty() && out.back() != '\n') out += '\n';
    }
  }
}

// Who made the tracked changes and the comments of a document, and how many
// insertions there are: accepted or not, changes stay in the file.
struct Revisions {
  std::set<std::string> authors;          // of w:ins, w:del, w:moveFrom, w:moveTo
  std::set<std::string> comment_authors;  // of w:comment
  int insertions = 0;
};

void CollectRevisions(const pugi::xml_node& node, Revisions& r, int depth) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    bool change = n == "ins" || n == "del" || n == "moveFrom" || n == "moveTo";
    if (change || n == "comment") {
      if (n == "ins" || n == "moveTo") ++r.insertions;
      std::set<std::string>& authors = change ? r.authors : r.comment_authors;
      if (const char* author = Attr(child, "author"); author != nullptr && *author != '\0') {
        if (authors.size() < 100) authors.insert(author);
      }
    }
    CollectRevisions(child, r, depth + 1);
  }
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The text of one XML part of the package, or "" when it is missing or broken.
// `deleted` collects its tracked deletions.
// The most bytes one part may unpack to: Word's XML packs well, but not a
// thousand to one.
uint64_t PartCap(const zip::Archive& archive, const std::string& name, const Limits& limits) {
  constexpr uint64_t kHardCap = 256ull << 20;
  const zip::Entry* e = archive.Find(name);
  uint64_t packed = std::max<uint64_t>(e != nullptr ? e->packed_size : 0, 1);
  uint64_t by_ratio =
      packed > UINT64_MAX / limits.max_ratio ? UINT64_MAX : packed * limits.max_ratio;
  return std::min(kHardCap, std::max(limits.ratio_floor_bytes, by_ratio));
}

// `hidden` and `white` collect the runs CollectUnseenRuns finds, and `revisions`
// who made tracked changes and comments, when given.
std::string PartText(zip::Archive& archive, const std::string& name, const Limits& limits,
                     std::string* deleted, std::string* hidden = nullptr,
                     std::string* white = nullptr, Revisions* revisions = nullptr) {
  Result<std::string> bytes = archive.Read(name, PartCap(archive, name, limits));
  if (!bytes.ok()) return "";
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes->data(), bytes->size(), kTextParse)) return "";
  std::string text;
  AppendText(xml.document_element(), text, 0);
  if (deleted != nullptr) AppendDeleted(xml.document_element(), *deleted, 0);
  if (hidden != nullptr && white != nullptr) {
    CollectUnseenRuns(xml.document_element(), *hidden, *white, 0);
  }
  if (revisions != nullptr) {
    CollectRevisions(xml.document_element(), *revisions, 0);
  }
  return text;
}

// Custom document properties (docProps/custom.xml): name and value of each.
void ReadCustomProperties(zip::Archive& archive,
                          std::vector<std::pair<std::string, std::string>>& out) {
  if (archive.Find("docProps/custom.xml") == nullptr) return;
  Result<std::string> bytes = archive.Read("docProps/custom.xml", 1 << 20);
  if (!bytes.ok()) return;
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes->data(), bytes->size())) return;
  for (pugi::xml_node property : xml.document_element().children()) {
    std::string name = property.attribute("name").value();
    pugi::xml_node value = property.first_child();
    std::string text = value ? value.child_value() : "";
    if (!name.empty() && !text.empty()) out.emplace_back("Custom: " + name, text);
  }
}

// The text outside the body: headers, footers, notes, comments, deletions.
void ReadParts(zip::Archive& archive, const std::string& main_part, const Limits& limits,
               Summary& s) {
  std::string deleted, hidden, white;
  Revisions revisions;
  // The body's own deletions, hidden runs, white text and tracked changes.
  PartText(archive, main_part, limits, &deleted, &hidden, &white, &revisions);
  struct Kind {
    const char* prefix;
    const char* name;
    bool hidden;
  };
  static const Kind kKinds[] = {{"word/header", "header", false},
                                {"word/footer", "footer", false},
                                {"word/footnotes", "footnotes", false},
                                {"word/endnotes", "endnotes", false},
                                {"word/comments", "comments", true}};
  for (const Kind& kind : kKinds) {
    std::string joined;
    for (const zip::Entry& e : archive.entries()) {
      if (!StartsWith(e.name, kind.prefix) || e.name.size() < 4 ||
          e.name.substr(e.name.size() - 4) != ".xml" || e.name.find('/', 5) != std::string::npos) {
        continue;  // word/header1.xml, not word/_rels/header1.xml.rels
      }
      std::string text = PartText(archive, e.name, limits, &deleted, &hidden, &white, &revisions);
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      if (!joined.empty()) joined += '\n';
      joined += text;
    }
    if (!joined.empty()) s.parts.push_back(TextPart{kind.name, joined, kind.hidden});
  }
  if (!deleted.empty()) s.parts.push_back(TextPart{"deleted text", deleted, true});
  if (!hidden.empty()) s.parts.push_back(TextPart{"hidden text", hidden, true});
  // White text stays in the body's text too (it is in the flow of the page), so the
  // personal-data scan reads it there, with its place; this part only says it is white.
  if (!white.empty()) s.parts.push_back(TextPart{"white text", white, true});
  // Insertions show as text, but the changes (who, when, what was there before)
  // travel with the file until they are accepted: their authors are a part.
  if (revisions.insertions > 0 || !revisions.authors.empty()) {
    std::string authors;
    for (const std::string& a : revisions.authors) authors += a + "\n";
    if (authors.empty()) authors = "(no author named)\n";
    s.parts.push_back(TextPart{"change authors", authors, true});
  }
  if (!revisions.comment_authors.empty()) {
    std::string authors;
    for (const std::string& a : revisions.comment_authors) authors += a + "\n";
    s.parts.push_back(TextPart{"comment authors", authors, true});
  }
}

// Images and embedded objects in the package: listed, since their content is
// not read in this version.
void ReportUnreadContent(const zip::Archive& archive, Summary& s) {
  int images = 0;
  int embedded = 0;
  for (const zip::Entry& e : archive.entries()) {
    if (e.is_directory) continue;
    if (StartsWith(e.name, "word/media/")) ++images;
    if (StartsWith(e.name, "word/embeddings/")) ++embedded;
  }
  if (images > 0) {
    s.findings.push_back(ReadingFinding(
        "extract.images-not-read", "",
        "This Word document holds " + std::to_string(images) +
            (images == 1 ? " image" : " images") +
            " (logos, photos, scans or screenshots). Text inside images is not read in this "
            "version, so it was not checked.",
        "Look at the images before sending; replace any that show personal details."));
  }
  if (embedded > 0) {
    s.findings.push_back(ReadingFinding(
        "extract.embedded-not-read", "",
        "This Word document carries " + std::to_string(embedded) +
            (embedded == 1 ? " embedded file" : " embedded files") +
            " (such as a spreadsheet or another document), which this version does not open; "
            "they were not checked.",
        "Open the embedded files and check them, or remove them and send them separately."));
  }
}

}  // namespace

Result<std::string> WordBodyText(const std::string& document_xml) {
  pugi::xml_document xml;
  // parse_default does not process the DOCTYPE, so no entity is ever expanded or fetched.
  pugi::xml_parse_result parsed =
      xml.load_buffer(document_xml.data(), document_xml.size(), kTextParse);
  if (!parsed) {
    return Status(StatusCode::kUnreadable,
                  std::string("its text is damaged (") + parsed.description() + ")");
  }
  std::string text;
  for (pugi::xml_node body : xml.document_element().children()) {
    if (LocalName(body) == "body") AppendText(body, text, 0);
  }
  return text;
}

Summary ReadWord(const std::string& path, const Limits& limits, const PageFn& on_page) {
  Summary s;
  auto fail = [&s](const std::string& why) {
    s.status = DocStatus::kFailed;
    s.findings.push_back(ReadingFinding(
        "extract.unreadable", "", "This Word document could not be read: " + why + ".",
        "Ask the organisation to open it in Word, save it again (or save it as a PDF) and "
        "resend it."));
  };
  Result<zip::Archive> archive = zip::Archive::Open(path);
  if (!archive.ok()) {
    fail(archive.status().message());
    return s;
  }
  std::string main_part = MainPartName(archive.value());
  Result<std::string> xml = archive->Read(main_part, PartCap(archive.value(), main_part, limits));
  if (!xml.ok()) {
    fail(xml.status().code() == StatusCode::kLimit
             ? "its text unpacks to far more than it is packed, past the limit of " +
                   std::to_string(limits.max_ratio) + " to 1 (built like a \"zip bomb\")"
             : "its text part " + xml.status().message());
    return s;
  }
  Result<std::string> text = WordBodyText(xml.value());
  if (!text.ok()) {
    fail(text.status().message());
    return s;
  }
  ReadProperties(archive.value(), "docProps/core.xml", s.metadata);
  ReadProperties(archive.value(), "docProps/app.xml", s.metadata);
  ReadCustomProperties(archive.value(), s.metadata);
  ReadParts(archive.value(), main_part, limits, s);
  ReportUnreadContent(archive.value(), s);
  Page page;
  page.number = 1;
  page.source = TextSource::kWordBody;
  page.text = std::move(text.value());
  s.page_count = 1;
  on_page(std::move(page));
  return s;
}

}  // namespace qpm::extract
