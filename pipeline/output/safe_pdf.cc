// pipeline/output/safe_pdf.cc — writes a safe copy's PDF with qpdf; see safe_pdf.h.
//
// The qpdf adapter for safe copies: qpdf's types stay in this file. qpdf writes the
// objects it is given and nothing of its own (no Info dictionary, no Producer), and
// asks for a stream's bytes only when it writes that stream: every stream here comes
// from one StreamDataProvider that reads a page's picture from its work file, or
// makes a page's content from the words and boxes kept, so no more than one page's
// bytes are in memory at once.
#include "pipeline/output/safe_pdf.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFLogger.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFSystemError.hh>
#include <qpdf/QPDFWriter.hh>
#include <stdexcept>
#include <utility>
#include <vector>

#include "pipeline/core/utf8.h"
#include "pipeline/platform/workdir.h"

namespace qpm::output {
namespace {

// Helvetica's glyph widths (thousandths of the size) for WinAnsiEncoding's codes 32 to
// 255: the standard Helvetica metrics (Adobe's Helvetica.afm, as in groff's devps/HR and
// URW's metric-compatible NimbusSans-Regular.afm), looked up by each code's glyph name.
// Codes WinAnsi leaves undefined (0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D) are never written
// (ToWinAnsi makes them '?'); they carry the bullet's width, which readers show there.
constexpr std::array<int16_t, 224> kHelveticaWidths = {
    278,  278, 355, 556, 556, 889,  667,  191,  333, 333,  389, 584, 278,  333, 278, 278,  // 0x20
    556,  556, 556, 556, 556, 556,  556,  556,  556, 556,  278, 278, 584,  584, 584, 556,  // 0x30
    1015, 667, 667, 722, 722, 667,  611,  778,  722, 278,  500, 667, 556,  833, 722, 778,  // 0x40
    667,  778, 722, 667, 611, 722,  667,  944,  667, 667,  611, 278, 278,  278, 469, 556,  // 0x50
    333,  556, 556, 500, 556, 556,  278,  556,  556, 222,  222, 500, 222,  833, 556, 556,  // 0x60
    556,  556, 333, 500, 278, 556,  500,  722,  500, 500,  500, 334, 260,  334, 584, 350,  // 0x70
    556,  350, 222, 556, 333, 1000, 556,  556,  333, 1000, 667, 333, 1000, 350, 611, 350,  // 0x80
    350,  222, 222, 333, 333, 350,  556,  1000, 333, 1000, 500, 333, 944,  350, 500, 667,  // 0x90
    278,  333, 556, 556, 556, 556,  260,  556,  333, 737,  370, 556, 584,  333, 737, 333,  // 0xA0
    400,  584, 333, 333, 333, 556,  537,  278,  333, 333,  365, 556, 834,  834, 834, 611,  // 0xB0
    667,  667, 667, 667, 667, 667,  1000, 722,  667, 667,  667, 667, 278,  278, 278, 278,  // 0xC0
    722,  722, 778, 778, 778, 778,  778,  584,  778, 722,  722, 722, 722,  667, 667, 611,  // 0xD0
    556,  556, 556, 556, 556, 556,  889,  500,  556, 556,  556, 556, 278,  278, 278, 278,  // 0xE0
    556,  556, 556, 556, 556, 556,  556,  584,  611, 556,  556, 556, 556,  500, 556, 500,  // 0xF0
};

// The characters WinAnsiEncoding puts at 0x80-0x9F (Windows code page 1252); 0 where
// it has none. Every other code it has is Latin-1's.
constexpr std::array<uint16_t, 32> kWinAnsiSpecials = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Helvetica's cap height and descender, as fractions of the size: a word's glyphs
// reach from the descender to the cap height, and readers (Poppler) report a word
// set in a standard font as that tall.
constexpr double kCapHeight = 0.718;
constexpr double kDescender = 0.207;

constexpr double kLabelMaxSize = 8;  // points
constexpr double kLabelMinSize = 4;  // smaller is not drawn: nobody could read it
constexpr double kLabelMargin = 1;   // points kept clear inside the box on each side

// Acrobat's largest page side (200 inches); a larger page is a caller's bug.
constexpr double kMaxPageSide = 14400;

// UTF-8 text in WinAnsiEncoding: a character it lacks, a control character or a byte
// that is not UTF-8 becomes '?'.
std::string ToWinAnsi(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    size_t n = Utf8CharLength(utf8, i);
    if (n == 0) {
      out += '?';
      ++i;
      continue;
    }
    auto c = static_cast<unsigned char>(utf8[i]);
    uint32_t cp = n == 1 ? c : c & (0xFFu >> (n + 1));
    for (size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    i += n;
    if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF)) {
      out += static_cast<char>(cp);
      continue;
    }
    auto it = std::find(kWinAnsiSpecials.begin(), kWinAnsiSpecials.end(), cp);
    out += cp != 0 && it != kWinAnsiSpecials.end()
               ? static_cast<char>(0x80 + (it - kWinAnsiSpecials.begin()))
               : '?';
  }
  return out;
}

// The width of WinAnsi text in Helvetica, in thousandths of the size.
double TextUnits(const std::string& win_ansi) {
  double units = 0;
  for (char ch : win_ansi) {
    auto c = static_cast<unsigned char>(ch);
    units += c >= 32 ? kHelveticaWidths[c - 32] : 0;
  }
  return units;
}

// WinAnsi text as a PDF string literal.
std::string PdfString(const std::string& win_ansi) {
  std::string out = "(";
  for (char c : win_ansi) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

// A number for a content stream: at most three decimals, in the C locale, and the
// same text for the same value on every machine.
std::string Num(double v) {
  if (!std::isfinite(v)) return "0";
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
  if (ec != std::errc()) return "0";
  std::string s(buf, end);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Status IoError(const std::string& what, const std::string& path, int err) {
  return Status(StatusCode::kIo, what + " " + BaseName(path) + ": " + std::strerror(err));
}

// The frame of a JPEG: its size in pixels and number of components.
struct JpegFrame {
  int width = 0, height = 0, components = 0;
  bool found = false;
  bool supported = false;  // baseline or progressive Huffman, which every reader decodes
};

// Walks a JPEG's markers to its frame header. `read(offset, n, out)` gives n bytes at
// offset, or false past the end.
JpegFrame ReadJpegFrame(const std::function<bool(uint64_t, size_t, unsigned char*)>& read) {
  JpegFrame frame;
  unsigned char b[10];
  if (!read(0, 2, b) || b[0] != 0xFF || b[1] != 0xD8) return frame;
  uint64_t at = 2;
  for (int segments = 0; segments < 10000; ++segments) {
    if (!read(at, 4, b) || b[0] != 0xFF) return frame;
    unsigned char marker = b[1];
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    size_t length = static_cast<size_t>(b[2]) << 8 | b[3];
    bool sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (!read(at + 4, 6, b)) return frame;
      frame.found = true;
      frame.supported = marker <= 0xC2 && b[0] == 8;
      frame.height = b[1] << 8 | b[2];
      frame.width = b[3] << 8 | b[4];
      frame.components = b[5];
      return frame;
    }
    if (marker == 0xD9 || marker == 0xDA || length < 2) return frame;  // no frame first
    at += 2 + length;
  }
  return frame;
}

// What is kept of a page until the file is written: its sizes, where its picture's
// bytes are, and the words and labels to set on it (text already in WinAnsi).
struct Text {
  std::string win_ansi;
  Box box;
};
struct KeptPage {
  int number = 1;
  double width = 0, height = 0;
  int width_px = 0, height_px = 0, components = 1;
  bool jpeg = false;
  std::string file;   // the picture's bytes, as they go into the file (jpeg) or raw
  uint64_t size = 0;  // bytes in `file`
  std::vector<Text> words;
  int turn = 0;  // CopyPage::text_turn
  std::vector<Text> labels;
};

// One word of the invisible layer: Helvetica sized so its glyphs fill the box across
// its line, scaled along it (Tz) so it fills the box's length, on a baseline at the
// box's descender. `turn` is the page's CopyPage::text_turn: at 90 the words run up the
// page (their tops to its left), at 270 down it, at 180 upside down.
void AppendWord(const Text& w, double page_height, int turn, std::string& out) {
  // In PDF space, y up: the box's sides.
  double left = w.box.x0, right = w.box.x1;
  double bottom = page_height - w.box.y1, top = page_height - w.box.y0;
  bool sideways = turn == 90 || turn == 270;
  double along = sideways ? top - bottom : right - left;
  double across = sideways ? right - left : top - bottom;
  double units = TextUnits(w.win_ansi);
  if (!(along > 0) || !(across > 0) || units <= 0) return;
  double size = across / (kCapHeight + kDescender);
  double scale = 100 * along / (units / 1000 * size);
  double descent = kDescender * size;
  std::string matrix;
  switch (turn) {
    case 90:  // read upwards, the glyphs' tops to the left
      matrix = "0 1 -1 0 " + Num(right - descent) + " " + Num(bottom);
      break;
    case 180:
      matrix = "-1 0 0 -1 " + Num(right) + " " + Num(top - descent);
      break;
    case 270:  // read downwards, the glyphs' tops to the right
      matrix = "0 -1 1 0 " + Num(left + descent) + " " + Num(top);
      break;
    default:
      matrix = "1 0 0 1 " + Num(left) + " " + Num(bottom + descent);
      break;
  }
  out += "/F1 " + Num(size) + " Tf " + Num(scale) + " Tz " + matrix + " Tm " +
         PdfString(w.win_ansi) + " Tj\n";
}

// One box's label: white, centred, as large as fits up to kLabelMaxSize; nothing when
// that is under kLabelMinSize.
void AppendLabel(const Text& l, double page_height, std::string& out) {
  double width = l.box.x1 - l.box.x0, height = l.box.y1 - l.box.y0;
  double em = TextUnits(l.win_ansi) / 1000;
  if (em <= 0) return;
  double size = std::min({kLabelMaxSize, (height - 2 * kLabelMargin) / (kCapHeight + kDescender),
                          (width - 2 * kLabelMargin) / em});
  if (!(size >= kLabelMinSize)) return;
  double x = l.box.x0 + (width - em * size) / 2;
  double centre = page_height - (l.box.y0 + l.box.y1) / 2;
  double baseline = centre - (kCapHeight - kDescender) / 2 * size;
  out += "/F1 " + Num(size) + " Tf 1 0 0 1 " + Num(x) + " " + Num(baseline) + " Tm " +
         PdfString(l.win_ansi) + " Tj\n";
}

// A page's content: the picture over the whole page, the invisible words, the labels.
std::string PageContent(const KeptPage& p) {
  std::string out = "q " + Num(p.width) + " 0 0 " + Num(p.height) + " 0 0 cm /Im0 Do Q\n";
  if (!p.words.empty()) {
    out += "BT 3 Tr\n";
    for (const Text& w : p.words) AppendWord(w, p.height, p.turn, out);
    out += "ET\n";
  }
  if (!p.labels.empty()) {
    out += "q 1 g BT 0 Tr 100 Tz\n";
    for (const Text& l : p.labels) AppendLabel(l, p.height, out);
    out += "ET Q\n";
  }
  return out;
}

// Gives every stream's bytes when qpdf writes it: a picture from its work file, a
// content stream made from the page kept. A work file that cannot be read stops the
// writing (an exception through QPDFWriter), and `failed` names it.
class PageStreams : public QPDFObjectHandle::StreamDataProvider {
 public:
  explicit PageStreams(const std::vector<KeptPage>& pages) : pages_(pages) {}

  void AddImage(QPDFObjGen og, size_t page) { streams_[og] = {page, true}; }
  void AddContent(QPDFObjGen og, size_t page) { streams_[og] = {page, false}; }
  const std::string& failed() const { return failed_; }
  int failed_errno() const { return failed_errno_; }

  void provideStreamData(QPDFObjGen const& og, Pipeline* pipeline) override {
    auto [page, image] = streams_.at(og);
    const KeptPage& p = pages_[page];
    if (image) {
      CopyFile(p, pipeline);
    } else {
      std::string content = PageContent(p);
      pipeline->write(reinterpret_cast<const unsigned char*>(content.data()), content.size());
    }
    pipeline->finish();
  }

 private:
  void CopyFile(const KeptPage& p, Pipeline* pipeline) {
    int fd = open(p.file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) Fail(p.file, errno);
    std::vector<unsigned char> buf(1 << 16);
    uint64_t total = 0;
    for (;;) {
      ssize_t n = read(fd, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        close(fd);
        Fail(p.file, err);
      }
      if (n == 0) break;
      pipeline->write(buf.data(), static_cast<size_t>(n));
      total += static_cast<uint64_t>(n);
    }
    close(fd);
    // A file that changed since AddPage checked it would make a broken picture.
    if (total != p.size) Fail(p.file, EIO);
  }

  [[noreturn]] void Fail(const std::string& file, int err) {
    failed_ = file;
    failed_errno_ = err;
    throw std::runtime_error("cannot read a work file");
  }

  const std::vector<KeptPage>& pages_;
  std::map<QPDFObjGen, std::pair<size_t, bool>> streams_;  // page index, is the picture
  std::string failed_;
  int failed_errno_ = 0;
};

QPDFObjectHandle Name(const std::string& name) { return QPDFObjectHandle::newName(name); }

// The one font every page uses: Helvetica, a standard font readers have, not embedded.
QPDFObjectHandle Helvetica(QPDF& q) {
  QPDFObjectHandle f = QPDFObjectHandle::newDictionary();
  f.replaceKey("/Type", Name("/Font"));
  f.replaceKey("/Subtype", Name("/Type1"));
  f.replaceKey("/BaseFont", Name("/Helvetica"));
  f.replaceKey("/Encoding", Name("/WinAnsiEncoding"));
  return q.makeIndirectObject(f);
}

QPDFObjectHandle Image(QPDF& q, const KeptPage& p, size_t index,
                       const std::shared_ptr<PageStreams>& streams) {
  QPDFObjectHandle image = q.newStream();
  QPDFObjectHandle dict = image.getDict();
  dict.replaceKey("/Type", Name("/XObject"));
  dict.replaceKey("/Subtype", Name("/Image"));
  dict.replaceKey("/Width", QPDFObjectHandle::newInteger(p.width_px));
  dict.replaceKey("/Height", QPDFObjectHandle::newInteger(p.height_px));
  dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(8));
  dict.replaceKey("/ColorSpace", Name(p.components == 1 ? "/DeviceGray" : "/DeviceRGB"));
  // Raw pixels go in unfiltered; QPDFWriter compresses them with /FlateDecode.
  image.replaceStreamData(streams, p.jpeg ? Name("/DCTDecode") : QPDFObjectHandle::newNull(),
                          QPDFObjectHandle::newNull());
  streams->AddImage(image.getObjGen(), index);
  return image;
}

void AddPdfPage(QPDF& q, QPDFPageDocumentHelper& doc, const KeptPage& p, size_t index,
                QPDFObjectHandle font, const std::shared_ptr<PageStreams>& streams) {
  QPDFObjectHandle content = q.newStream();
  content.replaceStreamData(streams, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
  streams->AddContent(content.getObjGen(), index);

  QPDFObjectHandle xobjects = QPDFObjectHandle::newDictionary();
  xobjects.replaceKey("/Im0", Image(q, p, index, streams));
  QPDFObjectHandle fonts = QPDFObjectHandle::newDictionary();
  fonts.replaceKey("/F1", font);
  QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
  resources.replaceKey("/XObject", xobjects);
  resources.replaceKey("/Font", fonts);

  QPDFObjectHandle page = QPDFObjectHandle::newDictionary();
  page.replaceKey("/Type", Name("/Page"));
  page.replaceKey("/MediaBox",
                  QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(0, 0, p.width, p.height)));
  page.replaceKey("/Resources", resources);
  page.replaceKey("/Contents", content);
  doc.addPage(QPDFPageObjectHelper(q.makeIndirectObject(page)), false);
}

// Writes the whole PDF to the open `file`. Throws what qpdf or the provider throws.
void WritePdf(const std::vector<KeptPage>& pages, const std::shared_ptr<PageStreams>& streams,
              FILE* file) {
  QPDF q;
  auto logger = QPDFLogger::create();
  logger->discard();  // qpdf's warnings are not the user's business
  q.setLogger(logger);
  q.emptyPDF();
  QPDFPageDocumentHelper doc(q);
  QPDFObjectHandle font = Helvetica(q);
  for (size_t i = 0; i < pages.size(); ++i) AddPdfPage(q, doc, pages[i], i, font, streams);
  QPDFWriter writer(q);
  writer.setOutputFile("safe copy", file, false);
  writer.setDeterministicID(true);
  writer.setCompressStreams(true);
  writer.setObjectStreamMode(qpdf_o_generate);
  writer.write();
}

// Writes `bytes` to a new file at `path` (mode 0600). Fails with kIo naming it.
Status WriteNewFile(const std::string& path, std::string_view bytes) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot write", path, errno);
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      close(fd);
      unlink(path.c_str());
      return IoError("cannot write", path, err);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  if (close(fd) != 0) {
    int err = errno;
    unlink(path.c_str());
    return IoError("cannot write", path, err);
  }
  return Status::Ok();
}

// Checks what AddPage can without the picture's bytes: sizes, components, encoding.
Status CheckShape(const CopyPage& page) {
  std::string at = "page " + std::to_string(page.number) + ": ";
  const CopyImage& im = page.image;
  if (!(page.width > 0) || !(page.height > 0) || !std::isfinite(page.width) ||
      !std::isfinite(page.height)) {
    return Status(StatusCode::kUnsupported, at + "the page has no size");
  }
  if (page.width > kMaxPageSide || page.height > kMaxPageSide) {
    return Status(StatusCode::kUnsupported, at + "the page is larger than PDF allows (200 inches)");
  }
  if (im.width_px <= 0 || im.height_px <= 0) {
    return Status(StatusCode::kUnsupported, at + "the picture has no pixels");
  }
  if (im.components != 1 && im.components != 3) {
    return Status(StatusCode::kUnsupported, at + "the picture has " +
                                                std::to_string(im.components) +
                                                " colour components, not 1 (grey) or 3 (RGB)");
  }
  if (im.encoding != "jpeg" && im.encoding != "raw") {
    return Status(StatusCode::kUnsupported, at + "the picture's encoding \"" +
                                                Printable(im.encoding) +
                                                "\" is neither \"jpeg\" nor \"raw\"");
  }
  if (im.data.empty() && im.file.empty()) {
    return Status(StatusCode::kUnsupported, at + "the picture has no bytes");
  }
  return Status::Ok();
}

// Checks the picture's bytes against its shape: a raw picture's length, a JPEG's frame.
// `read` reads the bytes wherever they are; `size` is their length.
Status CheckBytes(const CopyPage& page, uint64_t size,
                  const std::function<bool(uint64_t, size_t, unsigned char*)>& read) {
  std::string at = "page " + std::to_string(page.number) + ": ";
  const CopyImage& im = page.image;
  if (im.encoding == "raw") {
    uint64_t want = static_cast<uint64_t>(im.width_px) * static_cast<uint64_t>(im.height_px) *
                    static_cast<uint64_t>(im.components);
    if (size == want) return Status::Ok();
    return Status(StatusCode::kUnsupported,
                  at + "the raw picture has " + std::to_string(size) + " bytes, not " +
                      std::to_string(want) + " (" + std::to_string(im.width_px) + " × " +
                      std::to_string(im.height_px) + " × " + std::to_string(im.components) + ")");
  }
  JpegFrame f = ReadJpegFrame(read);
  if (!f.found) return Status(StatusCode::kUnsupported, at + "the picture is not a JPEG");
  if (!f.supported) {
    return Status(StatusCode::kUnsupported,
                  at + "the JPEG is not a baseline or progressive 8-bit one");
  }
  if (f.width != im.width_px || f.height != im.height_px || f.components != im.components) {
    return Status(StatusCode::kUnsupported,
                  at + "the JPEG is " + std::to_string(f.width) + " × " + std::to_string(f.height) +
                      " with " + std::to_string(f.components) + " components, not " +
                      std::to_string(im.width_px) + " × " + std::to_string(im.height_px) +
                      " with " + std::to_string(im.components));
  }
  return Status::Ok();
}

Status CheckBytesInMemory(const CopyPage& page) {
  const std::string& data = page.image.data;
  return CheckBytes(page, data.size(), [&](uint64_t at, size_t n, unsigned char* out) {
    if (at > data.size() || n > data.size() - at) return false;
    std::memcpy(out, data.data() + at, n);
    return true;
  });
}

Status CheckBytesInFile(const CopyPage& page, uint64_t* size) {
  const std::string& path = page.image.file;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot read", path, errno);
  struct stat st {};
  int err = fstat(fd, &st) != 0 ? errno : S_ISREG(st.st_mode) ? 0 : EINVAL;
  if (err != 0) {
    close(fd);
    return IoError("cannot read", path, err);
  }
  *size = static_cast<uint64_t>(st.st_size);
  Status s = CheckBytes(page, *size, [&](uint64_t at, size_t n, unsigned char* out) {
    ssize_t got = pread(fd, out, n, static_cast<off_t>(at));
    return got == static_cast<ssize_t>(n);
  });
  close(fd);
  return s;
}

}  // namespace

struct SafePdfWriter::State {
  std::string work_dir;
  Options options;
  std::string own_dir;  // the writer's folder inside work_dir, made on the first page
  std::vector<KeptPage> pages;
  std::vector<std::string> taken_files;  // callers' files taken over, outside own_dir
  uint64_t next_file = 0;

  // Removes every work file: the writer's folder and the files taken over.
  void RemoveFiles() {
    if (!own_dir.empty()) RemoveTree(own_dir);
    own_dir.clear();
    for (const std::string& f : taken_files) unlink(f.c_str());
    taken_files.clear();
  }
};

SafePdfWriter::SafePdfWriter(std::string work_dir, Options options)
    : state_(std::make_unique<State>()) {
  state_->work_dir = std::move(work_dir);
  state_->options = options;
}

SafePdfWriter::~SafePdfWriter() { state_->RemoveFiles(); }

Status SafePdfWriter::AddPage(CopyPage page) {
  State& s = *state_;
  if (Status shape = CheckShape(page); !shape.ok()) return shape;
  KeptPage kept;
  if (!page.image.data.empty()) {
    if (Status bytes = CheckBytesInMemory(page); !bytes.ok()) return bytes;
    if (s.own_dir.empty()) {
      std::string templ = s.work_dir + "/safe-pdf-XXXXXX";
      std::vector<char> name(templ.begin(), templ.end());
      name.push_back('\0');
      if (mkdtemp(name.data()) == nullptr) return IoError("cannot write in", s.work_dir, errno);
      s.own_dir = name.data();
    }
    char name[32];
    std::snprintf(name, sizeof name, "/page-%06llu.img",
                  static_cast<unsigned long long>(++s.next_file));
    kept.file = s.own_dir + name;
    if (Status w = WriteNewFile(kept.file, page.image.data); !w.ok()) return w;
    kept.size = page.image.data.size();
  } else {
    if (Status bytes = CheckBytesInFile(page, &kept.size); !bytes.ok()) return bytes;
    kept.file = page.image.file;
    s.taken_files.push_back(kept.file);
  }
  kept.number = page.number;
  kept.width = page.width;
  kept.height = page.height;
  kept.width_px = page.image.width_px;
  kept.height_px = page.image.height_px;
  kept.components = page.image.components;
  kept.jpeg = page.image.encoding == "jpeg";
  kept.turn = page.text_turn;
  for (const Word& w : page.words) {
    std::string text = ToWinAnsi(w.text);
    if (!text.empty()) kept.words.push_back({std::move(text), w.box});
  }
  if (s.options.labels) {
    for (const CopyBox& b : page.boxes) {
      // A box over text that lay off the page (outside its crop box) is burnt into no
      // pixel: its label, clipped to the page, goes where some of the box shows, or
      // nowhere, never off the page where no reader would see it.
      Box on{std::max(std::min(b.box.x0, b.box.x1), 0.0),
             std::max(std::min(b.box.y0, b.box.y1), 0.0),
             std::min(std::max(b.box.x0, b.box.x1), page.width),
             std::min(std::max(b.box.y0, b.box.y1), page.height)};
      std::string text = ToWinAnsi(b.label);
      if (!text.empty() && on.x1 > on.x0 && on.y1 > on.y0)
        kept.labels.push_back({std::move(text), on});
    }
  }
  s.pages.push_back(std::move(kept));
  return Status::Ok();
}

Status SafePdfWriter::Write(const std::string& path) {
  State& s = *state_;
  if (s.pages.empty()) {
    return Status(StatusCode::kUnsupported, "cannot write " + BaseName(path) + ": it has no pages");
  }
  std::string templ = path + ".tmp-XXXXXX";
  std::vector<char> name(templ.begin(), templ.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) return IoError("cannot write", path, errno);
  std::string temp = name.data();
  FILE* file = fdopen(fd, "wb");
  if (file == nullptr) {
    int err = errno;
    close(fd);
    unlink(temp.c_str());
    return IoError("cannot write", path, err);
  }
  auto streams = std::make_shared<PageStreams>(s.pages);
  Status status;
  try {
    WritePdf(s.pages, streams, file);
    if (std::fflush(file) != 0 || fsync(fileno(file)) != 0)
      status = IoError("cannot write", path, errno);
  } catch (const QPDFSystemError& e) {
    // qpdf's messages name the temporary file; ours name what the user knows.
    status = IoError("cannot write", path, e.getErrno() != 0 ? e.getErrno() : EIO);
  } catch (const std::exception&) {
    status = !streams->failed().empty()
                 ? IoError("cannot read the work file", streams->failed(), streams->failed_errno())
                 : IoError("cannot write", path, EIO);
  }
  if (std::fclose(file) != 0 && status.ok()) status = IoError("cannot write", path, errno);
  if (status.ok() && std::rename(temp.c_str(), path.c_str()) != 0) {
    status = IoError("cannot write", path, errno);
  }
  if (!status.ok()) {
    unlink(temp.c_str());
    return status;
  }
  s.pages.clear();
  s.RemoveFiles();
  return Status::Ok();
}

}  // namespace qpm::output
