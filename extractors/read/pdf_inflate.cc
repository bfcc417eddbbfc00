#include "extractors/read/pdf_inflate.h"

#include <Catalog.h>
#include <Error.h>
#include <GlobalParams.h>
#include <Object.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <XRef.h>
#include <goo/GooString.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "pipeline/core/rules.h"
#include "pipeline/core/utf8.h"

namespace qpm::extract {
namespace {

void Quiet(ErrorCategory /*category*/, Goffset /*pos*/, const char* /*msg*/) {}

std::unique_ptr<PDFDoc> Open(const std::string& path, const std::vector<std::string>& passwords) {
  auto open = [&path](const std::string& pw) {
    std::optional<GooString> p;
    if (!pw.empty()) p = GooString(pw);
    return std::make_unique<PDFDoc>(std::make_unique<GooString>(path), p, p);
  };
  std::unique_ptr<PDFDoc> doc = open("");
  for (size_t k = 0; k < passwords.size() && !doc->isOk() && doc->getErrorCode() == errEncrypted;
       ++k) {
    for (const std::string& pw : {passwords[k], PasswordAsLatin1(passwords[k])}) {
      if (pw.empty()) continue;
      doc = open(pw);
      if (doc->isOk() || doc->getErrorCode() != errEncrypted) break;
    }
  }
  return doc;
}

// Reads a stream's bytes in order, at most `cap` of them: big-endian numbers, or
// bytes skipped.
class ByteReader {
 public:
  ByteReader(Stream* stream, uint64_t cap) : stream_(stream), cap_(cap) {}

  std::optional<uint32_t> Number(int bytes) {
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) {
      if (read_ >= cap_) return std::nullopt;
      int c = stream_->getChar();
      if (c == EOF) return std::nullopt;
      ++read_;
      v = v << 8 | static_cast<uint32_t>(c);
    }
    return v;
  }

  bool Skip(uint64_t n) {
    std::array<unsigned char, 1 << 14> buf{};
    while (n > 0) {
      if (read_ >= cap_) return false;
      uint64_t want = std::min<uint64_t>({n, buf.size(), cap_ - read_});
      int got = stream_->doGetChars(static_cast<int>(want), buf.data());
      if (got <= 0) return false;
      read_ += static_cast<uint64_t>(got);
      n -= static_cast<uint64_t>(got);
    }
    return true;
  }

  uint64_t read() const { return read_; }

 private:
  Stream* stream_;
  uint64_t cap_;
  uint64_t read_ = 0;
};

// a × b, or the largest uint64_t when that overflows.
uint64_t Times(uint64_t a, uint64_t b) {
  uint64_t product = 0;
  return __builtin_mul_overflow(a, b, &product) ? UINT64_MAX : product;
}

// A picture decoder's own account of what it will make.
struct Declared {
  uint64_t bytes = 0;
  uint64_t width = 0, height = 0;  // of the largest picture it declares
  // A picture of w × h dots, `depth` bytes a dot (0: one bit a dot).
  void Add(uint64_t w, uint64_t h, uint64_t depth = 0) {
    uint64_t more = Times(depth == 0 ? (w + 7) / 8 : Times(w, depth), h);
    bytes = more > UINT64_MAX - bytes ? UINT64_MAX : bytes + more;
    if (Times(w, h) > Times(width, height)) {
      width = w;
      height = h;
    }
  }
};

// What JBIG2 data (ITU-T T.88 as PDF embeds it: segments, no file header) declares:
// its page, and every region, each of which the decoder makes whole, one bit a dot.
// Reads no more than `cap` bytes of the encoded data.
Declared Jbig2Declared(Stream* in, uint64_t cap) {
  static constexpr uint32_t kPageInfo = 48, kEndOfStripe = 50, kEndOfFile = 51;
  static constexpr uint32_t kRegions[] = {4, 6, 7, 20, 22, 23, 36, 38, 39, 40, 42, 43};
  Declared d;
  ByteReader r(in, cap);
  // A page of unknown height (0xFFFFFFFF) grows stripe by stripe, to its last stripe's end.
  uint64_t striped_width = 0, striped_rows = 0;
  for (int segment = 0; segment < 100'000; ++segment) {
    std::optional<uint32_t> number = r.Number(4);
    std::optional<uint32_t> flags = r.Number(1);
    std::optional<uint32_t> refs = r.Number(1);
    if (!number || !flags || !refs) break;
    uint64_t count = *refs >> 5;
    if (count == 7) {  // the long form: a 29-bit count, then its retention bits
      std::optional<uint32_t> rest = r.Number(3);
      if (!rest) break;
      count = (static_cast<uint64_t>(*refs & 0x1F) << 24) | *rest;
      if (!r.Skip((count + 8) / 8)) break;
    } else if (count > 4) {
      break;
    }
    uint64_t ref_size = *number <= 256 ? 1 : *number <= 65536 ? 2 : 4;
    if (!r.Skip(count * ref_size) || !r.Number((*flags & 0x40) != 0 ? 4 : 1)) break;
    std::optional<uint32_t> length = r.Number(4);
    if (!length) break;
    uint32_t type = *flags & 0x3F;
    uint64_t start = r.read();
    if (type == kPageInfo ||
        std::find(std::begin(kRegions), std::end(kRegions), type) != std::end(kRegions)) {
      std::optional<uint32_t> w = r.Number(4);
      std::optional<uint32_t> h = r.Number(4);
      if (!w || !h) break;
      if (type == kPageInfo && *h == 0xFFFFFFFFu) {
        striped_width = *w;
      } else {
        d.Add(*w, *h);
      }
    } else if (type == kEndOfStripe) {
      std::optional<uint32_t> end_row = r.Number(4);
      if (!end_row) break;
      striped_rows = std::max<uint64_t>(striped_rows, uint64_t{*end_row} + 1);
    }
    // Data of unknown length (an immediate generic region's) runs to the end.
    if (type == kEndOfFile || *length == 0xFFFFFFFFu) break;
    if (!r.Skip(*length - std::min<uint64_t>(*length, r.read() - start))) break;
  }
  if (striped_width > 0) d.Add(striped_width, striped_rows);
  return d;
}

// What JPEG 2000 data declares, from its codestream's SIZ marker: the image's size and
// components, made 8 bits each. Looks in the first MiB only.
Declared JpxDeclared(Stream* in) {
  Declared d;
  ByteReader r(in, 1u << 20);
  uint32_t window = 0;  // the last 4 bytes read
  for (;;) {
    std::optional<uint32_t> c = r.Number(1);
    if (!c) return d;
    window = window << 8 | *c;
    if (window == 0xFF4FFF51u) break;  // SOC then SIZ
  }
  std::array<uint32_t, 4> v{};  // Xsiz Ysiz XOsiz YOsiz
  if (!r.Skip(4)) return d;     // Lsiz Rsiz
  for (size_t i = 0; i < 4; ++i) {
    std::optional<uint32_t> n = r.Number(4);
    if (!n) return d;
    v[i] = *n;
  }
  // Csiz, after the tiles' size and offset
  std::optional<uint32_t> components = r.Skip(16) ? r.Number(2) : std::nullopt;
  if (!components) return d;
  uint64_t w = v[0] > v[2] ? v[0] - v[2] : 0;
  uint64_t h = v[1] > v[3] ? v[1] - v[3] : 0;
  d.Add(w, h, *components);
  return d;
}

// The streams pages use as content, whatever their dictionaries say they are: page
// contents, forms, tiling patterns, Type 3 glyphs, annotation appearances and soft
// masks, as Poppler's interpreter runs them. Object numbers.
class ContentUse {
 public:
  explicit ContentUse(XRef* xref) : xref_(xref) {}

  void Page(PDFDoc& doc, int n) {
    ++visits_;
    ::Page* page = doc.getPage(n);
    if (page == nullptr) return;
    Object dict = xref_->fetch(page->getRef());
    if (!dict.isDict()) return;
    Object contents = dict.dictLookupNF("Contents").copy();
    if (contents.isArray()) {
      for (int i = 0; i < contents.arrayGetLength(); ++i) Mark(contents.arrayGetNF(i), 0);
    } else {
      Mark(contents, 0);
    }
    // Pages share their resources, by reference or from the page tree: each is walked once.
    const Object& res = dict.dictLookupNF("Resources");
    Dict* resources = page->getResourceDict();
    if (res.isRef() ? walked_.insert(res.getRefNum()).second
                    : walked_dicts_.insert(resources).second) {
      Resources(resources, 0);
    }
    Object annots = dict.dictLookup("Annots");
    for (int i = 0; annots.isArray() && i < annots.arrayGetLength(); ++i) {
      Object annot = annots.arrayGet(i);
      Object ap = annot.isDict() ? annot.dictLookup("AP") : Object(objNull);
      if (!ap.isDict()) continue;
      for (const char* key : {"N", "R", "D"}) {
        const Object& look = ap.dictLookupNF(key);
        Object state = look.fetch(xref_);
        if (state.isDict()) {  // one appearance per state: /On, /Off
          for (int k = 0; k < state.dictGetLength(); ++k) Mark(state.dictGetValNF(k), 0);
        } else {
          Mark(look, 0);
        }
      }
    }
  }

  bool Has(int num) const { return used_.count(num) != 0; }
  bool full() const { return visits_ > kMaxVisits; }

 private:
  static constexpr int kMaxDepth = 32;
  static constexpr uint64_t kMaxVisits = 1'000'000;

  // A stream run as content: noted, and its own resources walked.
  void Mark(const Object& ref, int depth) {
    if (!ref.isRef() || ++visits_ > kMaxVisits || !used_.insert(ref.getRefNum()).second) return;
    Object stream = ref.fetch(xref_);
    if (stream.isStream()) Resources(stream.streamGetDict()->lookup("Resources"), depth + 1);
  }

  void Resources(const Object& resources, int depth) {
    if (resources.isDict()) Resources(resources.getDict(), depth);
  }

  void Resources(Dict* res, int depth) {
    if (res == nullptr || depth > kMaxDepth || ++visits_ > kMaxVisits) return;
    Object xobjects = res->lookup("XObject");
    for (int i = 0; xobjects.isDict() && i < xobjects.dictGetLength(); ++i) {
      const Object& ref = xobjects.dictGetValNF(i);
      Object x = ref.fetch(xref_);
      if (x.isStream() && x.streamGetDict()->lookup("Subtype").isName("Form")) Mark(ref, depth);
    }
    Object patterns = res->lookup("Pattern");
    for (int i = 0; patterns.isDict() && i < patterns.dictGetLength(); ++i) {
      Mark(patterns.dictGetValNF(i), depth);  // a tiling pattern is a stream; shadings are not
    }
    Object fonts = res->lookup("Font");
    for (int i = 0; fonts.isDict() && i < fonts.dictGetLength(); ++i) {
      Object font = fonts.dictGetVal(i);
      if (!font.isDict() || !font.dictLookup("Subtype").isName("Type3")) continue;
      Object procs = font.dictLookup("CharProcs");
      for (int k = 0; procs.isDict() && k < procs.dictGetLength(); ++k) {
        Mark(procs.dictGetValNF(k), depth);
      }
      Resources(font.dictLookup("Resources"), depth + 1);
    }
    Object states = res->lookup("ExtGState");
    for (int i = 0; states.isDict() && i < states.dictGetLength(); ++i) {
      Object state = states.dictGetVal(i);
      Object mask = state.isDict() ? state.dictLookup("SMask") : Object(objNull);
      if (mask.isDict()) Mark(mask.dictLookupNF("G"), depth);
    }
  }

  XRef* xref_;
  std::set<int> used_;
  std::set<int> walked_;                // resources by reference, by object number
  std::set<const Dict*> walked_dicts_;  // and the others, which the pages keep while `doc` lives
  uint64_t visits_ = 0;
};

// Whether a stream's dictionary says it is one no reader unpacks: a picture, or an
// attached file.
bool NotUnpacked(Stream* stream) {
  Dict* dict = stream->getDict();
  if (dict == nullptr) return false;
  return dict->lookup("Subtype").isName("Image") || dict->lookup("Type").isName("EmbeddedFile");
}

// Adds what one stream unpacks to, up to just past `max` in all.
void Count(Stream* stream, int num, uint64_t max, Inflation& in) {
  uint64_t left = max - in.bytes;
  // A JBIG2 or JPEG 2000 decoder makes its whole picture when it starts: only what its
  // header declares may start it.
  for (Stream* s = stream; s != nullptr; s = s->getNextStream()) {
    StreamKind kind = s->getKind();
    if ((kind != strJBIG2 && kind != strJPX) || s->getNextStream() == nullptr) continue;
    Stream* data = s->getNextStream();
    data->reset();
    Declared d = kind == strJBIG2 ? Jbig2Declared(data, left + 1) : JpxDeclared(data);
    data->close();
    if (d.bytes > left) {
      in.over = true;
      in.object = num;
      in.bytes = max + 1;
      in.picture = std::to_string(d.width) + " \u00d7 " + std::to_string(d.height) + " dots";
      return;
    }
  }
  stream->reset();
  std::array<unsigned char, 1 << 16> buf{};
  uint64_t got = 0;
  for (;;) {
    int want = static_cast<int>(std::min<uint64_t>(buf.size(), left + 1 - got));
    int n = stream->doGetChars(want, buf.data());
    if (n <= 0) break;
    got += static_cast<uint64_t>(n);
    if (got > left) break;
  }
  stream->close();
  in.bytes += got;
  if (got > left) {
    in.over = true;
    in.object = num;
  }
}

std::string Mebibytes(uint64_t bytes) {
  if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

Result<Inflation> MeasureInflation(const std::string& path,
                                   const std::vector<std::string>& passwords, uint64_t max_bytes) {
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  setErrorCallback(&Quiet);
  std::unique_ptr<PDFDoc> doc = Open(path, passwords);
  if (!doc->isOk()) {
    if (doc->getErrorCode() == errEncrypted) {
      return Status(StatusCode::kPasswordNeeded, "the PDF is locked with a password");
    }
    return Status(StatusCode::kUnreadable, "the PDF could not be opened");
  }
  XRef* xref = doc->getXRef();
  ContentUse content(xref);
  Inflation in;
  bool walked = false;  // the pages, once a stream asks to be left out
  for (int num = 0; num < xref->getNumObjects() && !in.over; ++num) {
    XRefEntry* entry = xref->getEntry(num);
    if (entry == nullptr || entry->type == xrefEntryFree) continue;
    Object object = xref->fetch(num, entry->type == xrefEntryCompressed ? 0 : entry->gen);
    if (!object.isStream()) continue;
    Stream* stream = object.getStream();
    if (NotUnpacked(stream)) {
      if (!walked) {
        for (int n = 1; n <= doc->getNumPages() && !content.full(); ++n) content.Page(*doc, n);
        walked = true;
      }
      if (!content.Has(num)) continue;
    }
    Count(stream, num, max_bytes, in);
  }
  return in;
}

bool WithinInflateLimit(const std::string& path, const std::vector<std::string>& passwords,
                        const Limits& limits, Summary& s) {
  Result<Inflation> measured = MeasureInflation(path, passwords, limits.max_inflate_bytes);
  if (!measured.ok() || !measured->over) return true;
  const Inflation& in = measured.value();
  std::string where =
      in.picture.empty()
          ? "the count passed it at object " + std::to_string(in.object)
          : "object " + std::to_string(in.object) + " declares a picture of " + in.picture;
  s.status = DocStatus::kFailed;
  s.findings.push_back(ReadingFinding(
      rule::kExtractInflateLimit, "",
      "This PDF was not read: its compressed parts unpack to more than " +
          Mebibytes(limits.max_inflate_bytes) + ", the most one document may unpack (" + where +
          "). A file built like this stalls the programs that open it. Nothing in it was "
          "checked.",
      "Ask the organisation to save or export it as a PDF again and resend it. If it is a "
      "genuine, very large document, run again with a higher --max-inflate."));
  return false;
}

}  // namespace qpm::extract
