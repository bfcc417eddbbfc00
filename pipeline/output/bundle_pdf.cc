// pipeline/output/bundle_pdf.cc — writes the review bundle with qpdf; see bundle.h.
//
// The qpdf adapter: qpdf's types stay in this file. qpdf copies a page from
// another file by reference and reads that page's streams from the source file
// only while the bundle is written, one stream at a time, so a 600-page
// submission is never held in memory at once. Each source PDF is first opened in
// a reader process of its own (sandbox.h), so a file that crashes or hangs the
// library costs only its own place in the bundle, which then shows a placeholder.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <qpdf/Buffer.hh>
#include <qpdf/ClosedFileInputSource.hh>
#include <qpdf/Pl_Discard.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFLogger.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <set>

#include "pipeline/core/media_types.h"
#include "pipeline/core/rules.h"
#include "pipeline/output/bundle.h"
#include "pipeline/platform/call.h"
#include "pipeline/platform/sandbox.h"
#include "redaction/masking.h"

namespace qpm::bundle {
namespace {

constexpr double kPageW = 595.276, kPageH = 841.89;  // A4
constexpr double kMargin = 50;
constexpr int kIndexRowsPerPage = 44;
constexpr double kRowHeight = 14;
constexpr int kTextLinesPerPage = 62;

// Glyph widths of Helvetica and Helvetica-Bold (the base-14 fonts' metrics, in
// thousandths of the size) for the printable ASCII characters 32-126.
constexpr int16_t kHelvetica[95] = {
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333,  278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,  611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278,  556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,  500, 334, 260, 334, 584};
constexpr int16_t kHelveticaBold[95] = {
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584};

// UTF-8 to the fonts' WinAnsiEncoding; what it lacks becomes '?'.
std::string ToWinAnsi(std::string_view utf8) {
  static const std::map<uint32_t, char> kSpecial = {
      {0x20AC, '\x80'}, {0x2026, '\x85'}, {0x2018, '\x91'}, {0x2019, '\x92'}, {0x201C, '\x93'},
      {0x201D, '\x94'}, {0x2022, '\x95'}, {0x2013, '\x96'}, {0x2014, '\x97'}, {0x2122, '\x99'}};
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    uint32_t cp = 0;
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > utf8.size()) {
      out += '?';
      ++i;
      continue;
    }
    cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += n;
    if (cp == '\t') {
      out += "    ";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += ' ';
    } else if (cp < 0x7F || (cp >= 0xA0 && cp <= 0xFF)) {
      out += static_cast<char>(cp);
    } else if (auto it = kSpecial.find(cp); it != kSpecial.end()) {
      out += it->second;
    } else if (cp == 0x00B7 || cp == 0x2219) {
      out += '\xB7';
    } else {
      out += '?';
    }
  }
  return out;
}

// One character's width, in thousandths of the size.
int CharUnits(char ch, bool bold) {
  const int16_t* table = bold ? kHelveticaBold : kHelvetica;
  auto c = static_cast<unsigned char>(ch);
  return c >= 32 && c <= 126      ? table[c - 32]
         : c == 0x85 || c == 0x97 ? 1000
         : c == 0xB7 || c == 0xA0 ? 278
         : c >= 0x91 && c <= 0x94 ? 333
                                  : 556;
}

double Width(std::string_view ansi, double size, bool bold) {
  double units = 0;
  for (char ch : ansi) units += CharUnits(ch, bold);
  return units * size / 1000;
}

// How many characters of `ansi` from the front fit in `width`: one pass.
size_t FittingPrefix(std::string_view ansi, double width, double size, bool bold) {
  double units = 0, limit = width * 1000 / size;
  for (size_t i = 0; i < ansi.size(); ++i) {
    units += CharUnits(ansi[i], bold);
    if (units > limit) return i;
  }
  return ansi.size();
}

// Cut to `width`, ending in "…" when cut.
std::string Fit(std::string ansi, double width, double size, bool bold) {
  if (Width(ansi, size, bold) <= width) return ansi;
  double room = std::max(0.0, width - Width("\x85", size, bold));
  return ansi.substr(0, FittingPrefix(ansi, room, size, bold)) + "\x85";
}

// Cut from the front to `width`, starting with "…": the end of a path says most.
std::string FitTail(std::string ansi, double width, double size, bool bold) {
  if (Width(ansi, size, bold) <= width) return ansi;
  double room = std::max(0.0, width - Width("\x85", size, bold));
  std::string reversed(ansi.rbegin(), ansi.rend());
  size_t keep = FittingPrefix(reversed, room, size, bold);
  return "\x85" + ansi.substr(ansi.size() - keep);
}

// Words of `ansi` in lines no wider than `width`; a word wider than a line is
// broken over as many lines as it needs, so nothing is lost.
std::vector<std::string> Wrap(const std::string& ansi, double width, double size, bool bold) {
  std::vector<std::string> lines;
  std::string line;
  double line_width = 0;
  const double space = Width(" ", size, bold);
  size_t i = 0;
  while (i < ansi.size()) {
    size_t end = ansi.find(' ', i);
    if (end == std::string::npos) end = ansi.size();
    std::string word = ansi.substr(i, end - i);
    i = end + 1;
    double w = Width(word, size, bold);
    if (!line.empty() && line_width + space + w <= width) {
      line += " " + word;
      line_width += space + w;
      continue;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    line.clear();
    size_t from = 0;
    while (w > width) {  // a word longer than a line: break it
      std::string_view rest(word.data() + from, word.size() - from);
      size_t n = std::max<size_t>(1, FittingPrefix(rest, width, size, bold));
      lines.emplace_back(rest.substr(0, n));
      w -= Width(rest.substr(0, n), size, bold);
      from += n;
    }
    line = word.substr(from);
    line_width = w;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string PdfLiteral(std::string_view bytes) {
  std::string out = "(";
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == '(' || ch == ')' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c >= 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + ")";
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::abs(v) < 0.005 ? 0.0 : v);
  return buf;
}

struct Link {
  double x0, y0, x1, y1;
  int target;  // bundle page, 1-based
};

// Content of a page we draw ourselves, on A4 in points from the bottom left.
class Canvas {
 public:
  void Text(double x, double y, double size, bool bold, const std::string& ansi,
            const char* rgb = "0 0 0") {
    ops_ += "BT /" + std::string(bold ? "QPMb" : "QPMh") + " " + Num(size) + " Tf " + rgb + " rg " +
            Num(x) + " " + Num(y) + " Td " + PdfLiteral(ansi) + " Tj ET\n";
  }
  void TextRight(double right, double y, double size, bool bold, const std::string& ansi,
                 const char* rgb = "0 0 0") {
    Text(right - Width(ansi, size, bold), y, size, bold, ansi, rgb);
  }
  void Fill(double x, double y, double w, double h, const char* rgb) {
    ops_ += "q " + std::string(rgb) + " rg " + Num(x) + " " + Num(y) + " " + Num(w) + " " + Num(h) +
            " re f Q\n";
  }
  void Rule(double x0, double y, double x1) {
    ops_ += "q 0.6 G 0.5 w " + Num(x0) + " " + Num(y) + " m " + Num(x1) + " " + Num(y) + " l S Q\n";
  }
  void AddLink(double x0, double y0, double x1, double y1, int target) {
    links_.push_back({x0, y0, x1, y1, target});
  }
  std::string& ops() { return ops_; }
  const std::vector<Link>& links() const { return links_; }

 private:
  std::string ops_;
  std::vector<Link> links_;
};

// The stamp: "p. N of M" and the reference under it, bottom right of the page as
// displayed, in its own graphics state.
std::string StampOps(int page, int total, const std::string& reference, double width) {
  Canvas c;
  std::string number = "p. " + std::to_string(page) + " of " + std::to_string(total);
  std::string ref = Fit(ToWinAnsi(reference), std::max(width - 60, 60.0), 6.5, false);
  c.TextRight(width - 18, 19, 9, true, number);
  c.TextRight(width - 18, 10, 6.5, false, ref, "0.25 0.25 0.25");
  return c.ops();
}

// ---- Sources --------------------------------------------------------------

std::shared_ptr<QPDFLogger> QuietLogger() {
  auto logger = QPDFLogger::create();
  logger->discard();
  return logger;
}

// Opens a PDF, trying no password and then each one given. Throws on failure.
// With `closed`, the file is opened only while it is read, so that a submission of
// thousands of PDFs needs no more open files than one.
std::unique_ptr<QPDF> OpenPdf(const std::string& path, const std::vector<std::string>& passwords,
                              bool& locked, bool closed = false) {
  locked = false;
  std::vector<const char*> tries = {nullptr};
  for (const std::string& pw : passwords) tries.push_back(pw.c_str());
  for (size_t i = 0; i < tries.size(); ++i) {
    auto q = std::make_unique<QPDF>();
    q->setLogger(QuietLogger());
    q->setSuppressWarnings(true);
    try {
      if (closed) {
        q->processInputSource(std::make_shared<ClosedFileInputSource>(path.c_str()), tries[i]);
      } else {
        q->processFile(path.c_str(), tries[i]);
      }
      return q;
    } catch (const QPDFExc& e) {
      if (e.getErrorCode() != qpdf_e_password) throw;
      locked = true;
      if (i + 1 == tries.size()) throw;
    }
  }
  return nullptr;
}

// Makes a source's pages ready to copy: inherited attributes on each page, form
// fields and annotations drawn into the page (a filled-in form shows its values)
// and then removed with everything else that points at other pages or runs.
std::vector<QPDFPageObjectHelper> PreparePages(QPDF& q) {
  QPDFPageDocumentHelper pages(q);
  pages.pushInheritedAttributesToPage();
  try {
    QPDFAcroFormDocumentHelper forms(q);
    forms.generateAppearancesIfNeeded();
    pages.flattenAnnotations();
  } catch (const std::exception&) {
    // A broken form: the pages are shown without their fields drawn in.
  }
  std::vector<QPDFPageObjectHelper> all = pages.getAllPages();
  for (QPDFPageObjectHelper& p : all) {
    QPDFObjectHandle page = p.getObjectHandle();
    // Metadata (XMP) of the page and its pictures can carry names nobody sees: it
    // is not copied. The file's own properties never are (only pages are).
    for (const char* key : {"/Annots", "/B", "/AA", "/Thumb", "/PieceInfo", "/Metadata"}) {
      page.removeKey(key);
    }
    try {
      for (auto& [name, image] : p.getImages()) image.getDict().removeKey("/Metadata");
    } catch (const std::exception&) {
      // Damaged resources: the probe's check of the page decides about it.
    }
  }
  return all;
}

class IgnoreContent : public QPDFObjectHandle::ParserCallbacks {
 public:
  void handleObject(QPDFObjectHandle /*object*/) override {}
  void handleEOF() override {}
};

// Whether every stream the page uses decodes (pictures, fonts, forms, its
// content), as `qpdf --check` decodes them. Objects reached from the page are
// walked, never its parent or other pages, at most kMaxObjects of them.
bool StreamsDecode(QPDFPageObjectHelper& page) {
  constexpr size_t kMaxObjects = 20000;
  QPDFObjectHandle root = page.getObjectHandle();
  std::set<QPDFObjGen> seen;
  std::vector<QPDFObjectHandle> todo = {root};
  Pl_Discard discard;
  while (!todo.empty()) {
    QPDFObjectHandle h = todo.back();
    todo.pop_back();
    if (h.isIndirect() && !seen.insert(h.getObjGen()).second) continue;
    if (seen.size() > kMaxObjects) return false;
    if (h.isArray()) {
      for (QPDFObjectHandle item : h.getArrayAsVector()) todo.push_back(item);
      continue;
    }
    QPDFObjectHandle dict = h.isStream() ? h.getDict() : h;
    if (!dict.isDictionary()) continue;
    if (h.getObjGen() != root.getObjGen() && dict.getKey("/Type").isNameAndEquals("/Page")) {
      continue;
    }
    for (const std::string& key : dict.getKeys()) {
      if (key != "/Parent") todo.push_back(dict.getKey(key));
    }
    if (h.isStream() && !h.pipeStreamData(&discard, nullptr, 0, qpdf_dl_all, true)) return false;
  }
  return true;
}

// Whether a page's streams decode and its content parses, as `qpdf --check` reads
// them; a page that does not gets a placeholder, so the bundle itself stays sound.
bool PageReadable(QPDF& q, QPDFPageObjectHelper& page) {
  size_t before = q.numWarnings();
  try {
    IgnoreContent ignore;
    page.parseContents(&ignore);
    if (!StreamsDecode(page)) return false;
  } catch (const std::exception&) {
    return false;
  }
  return q.numWarnings() == before;
}

struct Probe {
  std::string problem;  // "" when the file can be shown
  bool locked = false;
  int pages = 0;
  std::vector<int> unreadable;  // 1-based pages whose content cannot be read
};
// Its form in a reader process's frames (pipeline/platform/call.h).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Probe, problem, locked, pages, unreadable)

Probe ProbePdf(const std::string& path, const std::vector<std::string>& passwords) {
  Probe probe;
  try {
    std::unique_ptr<QPDF> q = OpenPdf(path, passwords, probe.locked);
    std::vector<QPDFPageObjectHelper> pages = PreparePages(*q);
    probe.pages = static_cast<int>(pages.size());
    for (size_t i = 0; i < pages.size(); ++i) {
      if (!PageReadable(*q, pages[i])) probe.unreadable.push_back(static_cast<int>(i) + 1);
    }
    if (probe.pages == 0) probe.problem = "the file has no pages";
  } catch (const QPDFExc& e) {
    probe.problem = e.getErrorCode() == qpdf_e_password
                        ? "it is locked with a password that was not given"
                        : "it is damaged and could not be opened";
  } catch (const std::exception&) {
    probe.problem = "it is damaged and could not be opened";
  }
  return probe;
}

// JPEG size, colour components and bits, from its start-of-frame marker.
struct JpegInfo {
  int width = 0, height = 0, components = 0, bits = 0;
};

// Walks a JPEG's segments up to the start of the scan. For each segment before it,
// calls keep(marker) to decide whether it is copied; copies the kept ones and then
// everything from the scan on to `out` when `out` is given. Returns the frame's
// description (width 0 when the file is not a JPEG we can place).
JpegInfo WalkJpeg(const std::string& path, Pipeline* out) {
  JpegInfo info;
  std::ifstream in(path, std::ios::binary);
  unsigned char soi[2] = {0, 0};
  if (!in.read(reinterpret_cast<char*>(soi), 2) || soi[0] != 0xFF || soi[1] != 0xD8) return info;
  if (out != nullptr) out->write(soi, 2);
  std::vector<unsigned char> segment;
  for (int count = 0; count < 10000; ++count) {
    unsigned char head[4];
    if (!in.read(reinterpret_cast<char*>(head), 4) || head[0] != 0xFF) return JpegInfo{};
    unsigned char marker = head[1];
    size_t len = (static_cast<size_t>(head[2]) << 8) | head[3];
    if (len < 2) return JpegInfo{};
    segment.resize(len - 2);
    if (!in.read(reinterpret_cast<char*>(segment.data()), static_cast<std::streamsize>(len - 2))) {
      return JpegInfo{};
    }
    bool frame = (marker >= 0xC0 && marker <= 0xC3) || (marker >= 0xC5 && marker <= 0xC7) ||
                 (marker >= 0xC9 && marker <= 0xCB) || (marker >= 0xCD && marker <= 0xCF);
    if (frame && len >= 8) {
      info.bits = segment[0];
      info.height = (segment[1] << 8) | segment[2];
      info.width = (segment[3] << 8) | segment[4];
      info.components = segment[5];
    }
    // EXIF and XMP (APP1), comments and the other application segments can carry
    // a place, a name, a camera's owner or an uncropped thumbnail: they are left
    // out. JFIF (APP0) and Adobe's colour transform (APP14) are kept.
    bool drop = (marker >= 0xE1 && marker <= 0xEF && marker != 0xEE) || marker == 0xFE;
    if (out != nullptr && !drop) {
      out->write(head, 4);
      if (!segment.empty()) out->write(segment.data(), segment.size());
    }
    if (marker == 0xDA) {  // start of scan: the rest is image data
      if (out != nullptr) {
        std::vector<char> buf(1 << 16);
        while (in) {
          in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
          auto n = static_cast<size_t>(in.gcount());
          if (n > 0) out->write(reinterpret_cast<unsigned char*>(buf.data()), n);
        }
      }
      return info;
    }
  }
  return JpegInfo{};
}

// Gives a JPEG's bytes, without its metadata, only when the bundle is written.
class JpegProvider : public QPDFObjectHandle::StreamDataProvider {
 public:
  explicit JpegProvider(std::string path) : path_(std::move(path)) {}
  void provideStreamData(QPDFObjGen const& /*og*/, Pipeline* pipeline) override {
    WalkJpeg(path_, pipeline);
    pipeline->finish();
  }

 private:
  std::string path_;
};

// ---- Pages of the bundle --------------------------------------------------

// One page of the bundle before it is numbered.
struct Item {
  size_t entry = 0;
  std::string what;  // "document", "placeholder", "text", "image"
  int source_page = 0;
  std::string reference;
  int source = -1;  // index into the open sources, for a copied page
  int source_index = 0;
  std::string ops;   // a page we draw
  std::string jpeg;  // an image page: the JPEG's path
  JpegInfo jpeg_info;
};

// A page saying what a document is and why it is not shown.
std::string PlaceholderOps(const Entry& e, const Document& d, const std::string& why) {
  Canvas c;
  double y = kPageH - kMargin - 20;
  c.Text(kMargin, y, 16, true, Fit(ToWinAnsi(e.title), kPageW - 2 * kMargin, 16, true));
  y -= 30;
  c.Fill(kMargin, y - 8, kPageW - 2 * kMargin, 26, "0.96 0.93 0.85");
  c.Text(kMargin + 8, y, 11, true, "This document is not shown here.");
  y -= 34;
  for (const std::string& line :
       Wrap(ToWinAnsi("Why: " + why + "."), kPageW - 2 * kMargin, 10.5, false)) {
    c.Text(kMargin, y, 10.5, false, line);
    y -= 15;
  }
  y -= 10;
  auto row = [&](const std::string& label, const std::string& value) {
    c.Text(kMargin, y, 9.5, true, label);
    for (const std::string& line : Wrap(ToWinAnsi(value), kPageW - 2 * kMargin - 110, 9.5, false)) {
      c.Text(kMargin + 110, y, 9.5, false, line);
      y -= 13;
    }
    y -= 3;
  };
  row("Source file", e.file);
  row("SHA-256", d.sha256);
  row("Size", std::to_string(d.size) + " bytes");
  row("Type", std::string(DescribeMediaType(d.media_type)));
  y -= 10;
  for (const std::string& line : Wrap(
           ToWinAnsi("The file as received is kept, unchanged, in the originals folder beside this "
                     "bundle; its SHA-256 above identifies it. manifest.json lists every file "
                     "received and where each is in this bundle."),
           kPageW - 2 * kMargin, 9.5, false)) {
    c.Text(kMargin, y, 9.5, false, line);
    y -= 13;
  }
  return c.ops();
}

// Pages showing a document's text, when it cannot be shown as it looks.
// A password the run used never reaches the bundle: an email that gave one may be
// shown as its text.
std::vector<std::pair<int, std::string>> TextPages(const Entry& e, const Document& d,
                                                   const std::string& why,
                                                   const std::vector<std::string>& passwords) {
  std::vector<std::pair<int, std::string>> lines;  // source page, line
  double width = kPageW - 2 * kMargin;
  for (const Page& p : d.pages) {
    std::string text = p.text;
    redaction::StarOutPasswords(text, passwords);
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string para = ToWinAnsi(text.substr(start, end - start));
      while (!para.empty() && para.back() == '\r') para.pop_back();
      for (std::string& line : Wrap(para, width, 9, false)) lines.emplace_back(p.number, line);
      start = end + 1;
    }
  }
  if (lines.empty()) lines.emplace_back(1, "(no text could be read from this document)");
  std::vector<std::pair<int, std::string>> pages;
  for (size_t i = 0; i < lines.size(); i += kTextLinesPerPage) {
    Canvas c;
    double y = kPageH - kMargin;
    c.Text(kMargin, y, 11, true, Fit(ToWinAnsi(e.title), width, 11, true));
    y -= 14;
    c.Text(kMargin, y, 8, false,
           Fit(ToWinAnsi("Shown as its text: " + why +
                         ". Layout, pictures and tables are not "
                         "shown; the original is in the originals folder."),
               width, 8, false),
           "0.35 0.35 0.35");
    y -= 8;
    c.Rule(kMargin, y, kPageW - kMargin);
    y -= 14;
    for (size_t k = i; k < lines.size() && k < i + kTextLinesPerPage; ++k) {
      c.Text(kMargin, y, 9, false, lines[k].second);
      y -= 11.2;
    }
    pages.emplace_back(lines[i].first, c.ops());
  }
  return pages;
}

// The component of a case file that page `page` of `document` belongs to.
std::string ComponentOf(const Submission& s, const std::string& document, int page) {
  for (const CaseFile& cf : s.case_files) {
    for (const auto& [name, places] : cf.components) {
      for (const ComponentPlace& p : places) {
        if (p.document == document && page >= p.first_page && page <= p.last_page) return name;
      }
    }
  }
  return "";
}

// Every office file, Word .docx included, was converted once before it was read
// (pipeline/output/office.h), and the bundle shows that PDF, never a conversion of its own.
bool IsWord(const std::string& media) { return media == kMediaDocx; }

std::string WhyNotRead(const Document& d) {
  if (d.encrypted) return "it is locked with a password that was not given";
  if (IsConvertedOffice(d.media_type) && d.converted_pdf.empty()) {
    return "it could not be turned into a PDF, so it was not read (see the report)";
  }
  if (d.status == DocStatus::kNotRead) {
    return "this version cannot show a file of this type (" +
           std::string(DescribeMediaType(d.media_type)) + ")";
  }
  return "it could not be read (see the report)";
}

// What of a document was not checked, so that the bundle never shows it as itself
// (bundle.h): the whole document, or some of its pages. Each part comes with why.
struct Unchecked {
  std::string whole;                 // why the whole document is not shown; "" when it may be
  std::map<int, std::string> pages;  // page → why it is not shown
};

// Which of `d` was not checked. A reading finding that leaves content unchecked
// (LeavesUnchecked) covers its page, or with no page the whole document; so does a
// document that was not read, and a page a reader never handed over (a page limit, a
// reader that stopped). Files attached to a PDF are not copied into the bundle (the
// page's annotations are dropped), so they leave its pages checked; a Word file's
// embedded objects show on its pages.
Unchecked WhatWasNotChecked(const Submission& s, const Document& d, int page_count) {
  Unchecked u;
  if (d.status == DocStatus::kNotRead || d.status == DocStatus::kFailed) {
    u.whole = WhyNotRead(d);
    return u;
  }
  for (const Finding& f : s.findings) {
    if (f.document != d.id || !LeavesUnchecked(f.rule)) continue;
    if (f.rule == rule::kExtractEmbeddedNotRead && d.media_type == kMediaPdf) continue;
    std::string why = "it could not be read in full, so it was not checked (" + f.rule + ")";
    // With OCR off, one no-text finding stands for every page OCR would have read.
    if (f.page > 0 && d.media_type != kMediaDocx && f.rule != rule::kExtractNoText) {
      u.pages.emplace(f.page, "page " + std::to_string(f.page) +
                                  " of this file could not be read, so it was not checked (" +
                                  f.rule + ")");
    } else if (u.whole.empty()) {
      u.whole = why;
    }
  }
  std::set<int> read;
  for (const Page& p : d.pages) {
    if (p.source != TextSource::kNone) read.insert(p.number);
  }
  // A Word file's body is one page of text, whatever it renders to.
  if (d.media_type == kMediaDocx) return u;
  if (read.empty()) {
    if (u.whole.empty()) u.whole = "none of its pages could be read, so it was not checked";
    return u;
  }
  for (int p = 1; p <= page_count; ++p) {
    if (read.count(p) == 0) {
      u.pages.emplace(p, "page " + std::to_string(p) +
                             " of this file was not read, so it was "
                             "not checked");
    }
  }
  return u;
}

// Adds `marks` under `parent` and returns how many items show under it. The root
// (depth 0) and the sections (depth 1) are open, so each document shows; a case
// file's components show when the reader opens it.
long long AddOutline(QPDF& out, QPDFObjectHandle parent, const std::vector<Bookmark>& marks,
                     const std::vector<QPDFObjectHandle>& pages, int depth) {
  std::vector<QPDFObjectHandle> items;
  for (const Bookmark& b : marks) {
    QPDFObjectHandle item = out.makeIndirectObject(QPDFObjectHandle::newDictionary());
    item.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(b.title));
    item.replaceKey("/Parent", parent);
    item.replaceKey("/Dest", QPDFObjectHandle::newArray(
                                 {pages[static_cast<size_t>(b.page - 1)],
                                  QPDFObjectHandle::newName("/XYZ"), QPDFObjectHandle::newNull(),
                                  QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull()}));
    items.push_back(item);
  }
  long long shown = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) items[i].replaceKey("/Prev", items[i - 1]);
    if (i + 1 < items.size()) items[i].replaceKey("/Next", items[i + 1]);
    ++shown;
    if (!marks[i].children.empty()) {
      long long below = AddOutline(out, items[i], marks[i].children, pages, depth + 1);
      if (depth + 1 <= 1) shown += below;  // an open item's children show too
    }
  }
  if (!items.empty()) {
    parent.replaceKey("/First", items.front());
    parent.replaceKey("/Last", items.back());
    // PDF 32000 12.3.3: positive for an open item, the negative for a closed one.
    parent.replaceKey("/Count", QPDFObjectHandle::newInteger(depth <= 1 ? shown : -shown));
  }
  return shown;
}

QPDFObjectHandle Fonts() {
  QPDFObjectHandle fonts = QPDFObjectHandle::newDictionary();
  for (const auto& [key, base] : {std::pair{"/QPMh", "/Helvetica"}, {"/QPMb", "/Helvetica-Bold"}}) {
    QPDFObjectHandle f = QPDFObjectHandle::newDictionary();
    f.replaceKey("/Type", QPDFObjectHandle::newName("/Font"));
    f.replaceKey("/Subtype", QPDFObjectHandle::newName("/Type1"));
    f.replaceKey("/BaseFont", QPDFObjectHandle::newName(base));
    f.replaceKey("/Encoding", QPDFObjectHandle::newName("/WinAnsiEncoding"));
    fonts.replaceKey(key, f);
  }
  return fonts;
}

std::string PdfDate(const std::string& ymd) {
  if (ymd.size() != 10) return "";
  return "D:" + ymd.substr(0, 4) + ymd.substr(5, 2) + ymd.substr(8, 2) + "000000Z";
}

// ---- Writing the bundle ---------------------------------------------------
//
// Write makes the bundle in phases: the sources (how each document is shown, and the
// PDFs opened again to copy pages from), the page numbers, the cover and index, the
// documents' pages with their stamps, the outline, then the file. They run in the
// order the PDF's objects are made in, which is what keeps the bundle's bytes the
// same for the same submission.

// What the phases of Write share: the bundle as it grows and the PDF it goes into.
struct Draft {
  Draft(const Submission& submission, const Options& options,
        const std::map<std::string, Probe>& source_probes, std::vector<Entry> planned)
      : s(submission), o(options), probes(source_probes), entries(std::move(planned)) {
    for (const Document& d : s.documents) docs[d.id] = &d;
    out.setLogger(QuietLogger());
    out.emptyPDF();
  }

  const Submission& s;
  const Options& o;
  const std::map<std::string, Probe>& probes;  // which sources open
  std::map<std::string, const Document*> docs;
  std::vector<Entry> entries;
  Bundle bundle;  // its pages are the documents' own until FinishBundle
  QPDF out;
  QPDFPageDocumentHelper out_pages{out};
  // The PDFs pages are copied from, open until the bundle is written.
  std::vector<std::unique_ptr<QPDF>> sources;
  std::vector<std::vector<QPDFPageObjectHelper>> source_pages;
  std::vector<Item> items;  // the documents' pages, in bundle order
  int index_pages = 1;
  int first_doc_page = 3;
  int total = 0;                               // pages in the bundle
  std::vector<QPDFObjectHandle> page_objects;  // every page added so far, in order
  std::vector<Canvas> index;                   // the index pages, whose links wait for the rest
};

// ---- Sources ----

// The stamp's reference on page `source_page` of entry `e`: "QPM-1234 · CF03 consent form".
std::string PageReference(const Draft& d, const Entry& e, int source_page) {
  std::string component = ComponentOf(d.s, e.document, source_page);
  return d.o.id + " \xC2\xB7 " + e.reference + (component.empty() ? "" : " " + component);
}

// Shows entry `i` as the pages of its PDF (the file itself, or the PDF an office file
// was turned into), opened again to copy them from; a damaged page, or one that was
// not checked, becomes a placeholder. False when the document must be shown some other
// way, with `why` set when there is a reason to give.
bool ShowAsPdf(Draft& d, size_t i, std::string& why) {
  Entry& e = d.entries[i];
  const Document& doc = *d.docs.at(e.document);
  std::string pdf_path;
  if (doc.media_type == kMediaPdf && !doc.work_path.empty()) pdf_path = doc.work_path;
  if (!doc.converted_pdf.empty()) pdf_path = doc.converted_pdf;
  auto probe = d.probes.find(doc.id);
  if (pdf_path.empty() || probe == d.probes.end() || !probe->second.problem.empty()) return false;
  bool locked = false;
  try {
    std::unique_ptr<QPDF> q = OpenPdf(pdf_path, d.o.passwords, locked, true);
    std::vector<QPDFPageObjectHelper> prepared = PreparePages(*q);
    d.sources.push_back(std::move(q));
    d.source_pages.push_back(std::move(prepared));
  } catch (const std::exception&) {
    why = "it could not be opened a second time";
  }
  int n = why.empty() ? static_cast<int>(d.source_pages.back().size()) : 0;
  Unchecked unchecked = WhatWasNotChecked(d.s, doc, n);
  if (why.empty() && !unchecked.whole.empty()) why = unchecked.whole;
  if (!why.empty()) return false;
  int src = static_cast<int>(d.sources.size()) - 1;
  std::set<int> bad(probe->second.unreadable.begin(), probe->second.unreadable.end());
  int not_checked = 0;
  for (int p = 1; p <= n; ++p) {
    Item item;
    item.entry = i;
    item.source_page = p;
    item.reference = PageReference(d, e, p);
    if (bad.count(p) != 0) {
      item.what = "placeholder";
      item.ops = PlaceholderOps(
          e, doc, "page " + std::to_string(p) + " of this file is damaged and cannot be shown");
    } else if (auto it = unchecked.pages.find(p); it != unchecked.pages.end()) {
      item.what = "placeholder";
      item.ops = PlaceholderOps(e, doc, it->second);
      ++not_checked;
    } else {
      item.what = "document";
      item.source = src;
      item.source_index = p - 1;
    }
    d.items.push_back(std::move(item));
  }
  e.shown_as = doc.converted_pdf.empty() ? "pdf" : "converted";
  e.status = bad.empty()
                 ? (doc.status == DocStatus::kPartlyRead ? "shown; only partly read" : "shown")
                 : "shown; " + std::to_string(bad.size()) + " damaged page(s) left out";
  if (not_checked > 0) {
    e.status += "; " + std::to_string(not_checked) + " page(s) not checked left out";
    d.bundle.notes.push_back(e.title + ": pages that were not checked left out");
  }
  if (IsWord(doc.media_type)) {
    e.status = "converted from Word; " + e.status;
  } else if (!doc.converted_pdf.empty()) {
    e.status = "read and shown as a PDF made of it; " + e.status;
  }
  if (!bad.empty()) d.bundle.notes.push_back(e.title + ": damaged pages left out");
  return true;
}

// Shows entry `i` as its picture on a page of its own, when it is a JPEG that was
// checked whole and that a PDF can carry as it is.
bool ShowAsImage(Draft& d, size_t i) {
  Entry& e = d.entries[i];
  const Document& doc = *d.docs.at(e.document);
  Unchecked unchecked = WhatWasNotChecked(d.s, doc, 1);
  if (doc.media_type != kMediaJpeg || doc.status == DocStatus::kFailed ||
      !unchecked.whole.empty() || !unchecked.pages.empty()) {
    return false;
  }
  JpegInfo info = WalkJpeg(doc.work_path, nullptr);
  if (info.width <= 0 || info.height <= 0 || info.bits != 8 ||
      (info.components != 1 && info.components != 3)) {
    return false;
  }
  Item item;
  item.entry = i;
  item.what = "image";
  item.source_page = 1;
  item.reference = PageReference(d, e, 1);
  item.jpeg = doc.work_path;
  item.jpeg_info = info;
  d.items.push_back(std::move(item));
  e.shown_as = "image";
  e.status = "shown";
  return true;
}

// Shows entry `i` as its text, when any was read: `why` (or what the document is)
// says why it is not shown as it looks.
bool ShowAsText(Draft& d, size_t i, const std::string& why) {
  Entry& e = d.entries[i];
  const Document& doc = *d.docs.at(e.document);
  bool has_text = false;
  for (const Page& p : doc.pages) has_text = has_text || !p.text.empty();
  if (!has_text || doc.status == DocStatus::kFailed) return false;
  std::string how =
      !why.empty() ? why
      : IsWord(doc.media_type)
          ? (doc.convert_problem.empty() ? "it could not be converted" : doc.convert_problem)
      : doc.media_type.rfind("image/", 0) == 0
          ? "a picture this version does not place in a PDF, read by OCR"
          : "it is " + std::string(DescribeMediaType(doc.media_type));
  for (auto& [source_page, ops] : TextPages(e, doc, how, d.o.passwords)) {
    Item item;
    item.entry = i;
    item.what = "text";
    item.source_page = source_page;
    item.reference = PageReference(d, e, source_page);
    item.ops = std::move(ops);
    d.items.push_back(std::move(item));
  }
  e.shown_as = "text";
  e.status = "as text: " + how;
  d.bundle.notes.push_back(e.title + ": shown as its text (" + how + ")");
  return true;
}

// Shows entry `i` as one page saying what it is and `why` it is not shown.
void ShowAsPlaceholder(Draft& d, size_t i, const std::string& why) {
  Entry& e = d.entries[i];
  Item item;
  item.entry = i;
  item.what = "placeholder";
  item.reference = PageReference(d, e, 0);
  item.ops = PlaceholderOps(e, *d.docs.at(e.document), why);
  d.items.push_back(std::move(item));
  e.shown_as = "placeholder";
  e.status = "not shown: " + why;
  d.bundle.notes.push_back(e.title + ": not shown (" + why + ")");
}

// How each document is shown, in the index's order, and the pages it takes: as it
// looks when its PDF opens again, else as its picture, else as its text, else as a
// placeholder.
void PlanSourcePages(Draft& d) {
  for (size_t i = 0; i < d.entries.size(); ++i) {
    std::string why;
    if (ShowAsPdf(d, i, why)) continue;
    const Document& doc = *d.docs.at(d.entries[i].document);
    auto probe = d.probes.find(doc.id);
    if (probe != d.probes.end() && !probe->second.problem.empty()) why = probe->second.problem;
    if (ShowAsImage(d, i)) continue;
    if (ShowAsText(d, i, why)) continue;
    if (why.empty()) why = WhyNotRead(doc);
    ShowAsPlaceholder(d, i, why);
  }
}

// Numbering: the cover, the index, then the documents.
void NumberPages(Draft& d) {
  d.index_pages =
      std::max(1, static_cast<int>((d.entries.size() + kIndexRowsPerPage - 1) / kIndexRowsPerPage));
  d.first_doc_page = 2 + d.index_pages;
  d.total = d.first_doc_page - 1 + static_cast<int>(d.items.size());
  for (size_t k = 0; k < d.items.size(); ++k) {
    Entry& e = d.entries[d.items[k].entry];
    int page = d.first_doc_page + static_cast<int>(k);
    if (e.first_page == 0) e.first_page = page;
    e.last_page = page;
  }
}

// ---- Cover and index ----

// Adds a page we draw, on A4; `image`, when given, is its picture /QPMi.
void AddDrawnPage(Draft& d, const std::string& ops,
                  QPDFObjectHandle image = QPDFObjectHandle::newNull()) {
  QPDFObjectHandle page = QPDFObjectHandle::newDictionary();
  page.replaceKey("/Type", QPDFObjectHandle::newName("/Page"));
  page.replaceKey("/MediaBox",
                  QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(0, 0, kPageW, kPageH)));
  QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
  resources.replaceKey("/Font", Fonts());
  if (!image.isNull()) {
    QPDFObjectHandle xobjects = QPDFObjectHandle::newDictionary();
    xobjects.replaceKey("/QPMi", image);
    resources.replaceKey("/XObject", xobjects);
  }
  page.replaceKey("/Resources", resources);
  page.replaceKey("/Contents", d.out.newStream(ops));
  QPDFObjectHandle indirect = d.out.makeIndirectObject(page);
  d.out_pages.addPage(QPDFPageObjectHelper(indirect), false);
  d.page_objects.push_back(d.out_pages.getAllPages().back().getObjectHandle());
}

void AddCover(Draft& d) {
  const Options& o = d.o;
  Canvas c;
  double width = kPageW - 2 * kMargin;
  double y = kPageH - kMargin - 10;
  c.Text(kMargin, y, 20, true, "Review bundle");
  y -= 22;
  c.Text(kMargin, y, 12, false, Fit(ToWinAnsi(o.subtitle), width, 12, false), "0.3 0.3 0.3");
  y -= 36;
  if (!o.forced_warning.empty()) {
    std::vector<std::string> lines = Wrap(ToWinAnsi(o.forced_warning), width - 20, 10.5, true);
    double h = 22 + 14 * static_cast<double>(lines.size());
    c.Fill(kMargin, y - h + 14, width, h, "0.80 0.10 0.10");
    c.Text(kMargin + 10, y, 12, true, "WARNING: PERSONAL DATA MAY REMAIN", "1 1 1");
    y -= 18;
    for (const std::string& line : lines) {
      c.Text(kMargin + 10, y, 10.5, true, line, "1 1 1");
      y -= 14;
    }
    y -= 22;
  }
  auto row = [&](const std::string& label, const std::string& value) {
    c.Text(kMargin, y, 10.5, true, label);
    for (const std::string& line : Wrap(ToWinAnsi(value), width - 170, 10.5, false)) {
      c.Text(kMargin + 170, y, 10.5, false, line);
      y -= 15;
    }
    y -= 4;
  };
  row("Organisation", o.organisation.empty() ? "not stated" : o.organisation);
  row("Submission", o.id);
  if (o.banded) row("Band", o.band.empty() ? "not known" : o.band);
  row("Date received", o.received.empty() ? "not known" : o.received);
  std::string due = !o.due.empty()        ? o.due + " (" + o.due_basis + ")"
                    : o.due_basis.empty() ? "not known"
                                          : o.due_basis;
  // The label is the profile's: cut to its column rather than run into the value.
  row(Fit(ToWinAnsi(o.due_label), 165, 10.5, true), due);
  y -= 12;
  c.Text(kMargin, y, 13, true, "Status");
  y -= 18;
  for (const std::string& line : Wrap(ToWinAnsi(o.status), width, 10.5, false)) {
    c.Text(kMargin, y, 10.5, false, line);
    y -= 15;
  }
  for (const std::string& item : o.summary) {
    for (const std::string& line : Wrap(ToWinAnsi("\xE2\x80\xA2 " + item), width, 10, false)) {
      c.Text(kMargin + 8, y, 10, false, line);
      y -= 14;
    }
  }
  y -= 16;
  c.Text(kMargin, y, 13, true, "How to use this bundle");
  y -= 18;
  std::string how =
      "Every page is numbered bottom right, and the number is the PDF page number: p. 57 is "
      "page 57 in any viewer. The index on page 2 lists each document with its pages; click a "
      "row to go there. The bookmarks give each section, each document and each case file's "
      "parts. Titles come from what each document is, not from its file name. report.html "
      "beside this file gives every finding with a link to its page here; manifest.json ties "
      "every page to the file and page it came from.";
  for (const std::string& line : Wrap(ToWinAnsi(how), width, 10, false)) {
    c.Text(kMargin, y, 10, false, line);
    y -= 14;
  }
  c.Text(kMargin, kMargin, 8, false,
         ToWinAnsi("Made by qpm-intake " + o.version + " on the computer that received it."),
         "0.4 0.4 0.4");
  c.ops() += StampOps(1, d.total, o.id + " \xC2\xB7 cover", kPageW);
  AddDrawnPage(d, c.ops());
}

// The index: a row per document, each a link to its first page (LinkIndex adds the
// links once every page exists).
void AddIndex(Draft& d) {
  d.index.assign(static_cast<size_t>(d.index_pages), Canvas());
  struct Column {
    const char* name;
    double x, w;
  };
  const Column cols[] = {{"Section", kMargin, 100},
                         {"Document", kMargin + 100, 128},
                         {"Source file", kMargin + 228, 150},
                         {"Pages", kMargin + 378, 40},
                         {"Status", kMargin + 418, kPageW - kMargin - (kMargin + 418)}};
  for (int p = 0; p < d.index_pages; ++p) {
    Canvas& c = d.index[static_cast<size_t>(p)];
    double y = kPageH - kMargin - 10;
    c.Text(kMargin, y, 18, true, p == 0 ? "Index" : "Index (continued)");
    y -= 28;
    for (const Column& col : cols) c.Text(col.x, y, 8.5, true, col.name);
    c.Rule(kMargin, y - 4, kPageW - kMargin);
    size_t first = static_cast<size_t>(p) * kIndexRowsPerPage;
    for (size_t r = first; r < d.entries.size() && r < first + kIndexRowsPerPage; ++r) {
      const Entry& e = d.entries[r];
      y -= kRowHeight;
      if (r % 2 == 1) c.Fill(kMargin, y - 4, kPageW - 2 * kMargin, kRowHeight, "0.95 0.95 0.95");
      std::string pages = e.first_page == e.last_page
                              ? std::to_string(e.first_page)
                              : std::to_string(e.first_page) + "-" + std::to_string(e.last_page);
      std::string section = std::string(1, e.section_letter) + " " + e.section;
      const std::string values[] = {section, e.title, e.file, pages, e.status};
      for (size_t k = 0; k < 5; ++k) {
        std::string ansi = ToWinAnsi(values[k]);
        c.Text(cols[k].x, y, 7.5, k == 1,
               k == 2 ? FitTail(ansi, cols[k].w - 4, 7.5, false)
                      : Fit(ansi, cols[k].w - 4, 7.5, k == 1),
               k == 1 ? "0 0.2 0.6" : "0 0 0");
      }
      c.AddLink(kMargin, y - 4, kPageW - kMargin, y - 4 + kRowHeight, e.first_page);
    }
    if (p == 0) {
      y -= 24;
      c.Text(kMargin, y, 8, false,
             "Click a row to go to the document. Source file names are shown with personal data "
             "masked.",
             "0.35 0.35 0.35");
    }
    c.ops() += StampOps(2 + p, d.total, d.o.id + " \xC2\xB7 index", kPageW);
    AddDrawnPage(d, c.ops());
  }
}

// ---- Pages and stamps ----

// A JPEG placed whole, centred on an A4 page of its own above the stamp.
void AddImagePage(Draft& d, const Item& item, int number) {
  const JpegInfo& info = item.jpeg_info;
  QPDFObjectHandle image = d.out.newStream();
  QPDFObjectHandle dict = image.getDict();
  dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
  dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Image"));
  dict.replaceKey("/Width", QPDFObjectHandle::newInteger(info.width));
  dict.replaceKey("/Height", QPDFObjectHandle::newInteger(info.height));
  dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(8));
  dict.replaceKey("/ColorSpace",
                  QPDFObjectHandle::newName(info.components == 1 ? "/DeviceGray" : "/DeviceRGB"));
  image.replaceStreamData(std::make_shared<JpegProvider>(item.jpeg),
                          QPDFObjectHandle::newName("/DCTDecode"), QPDFObjectHandle::newNull());
  double avail_w = kPageW - 2 * kMargin, avail_h = kPageH - 2 * kMargin - 20;
  double scale = std::min(avail_w / info.width, avail_h / info.height);
  double w = info.width * scale, h = info.height * scale;
  double x = (kPageW - w) / 2, y = kMargin + 20 + (avail_h - h) / 2;
  std::string ops = "q " + Num(w) + " 0 0 " + Num(h) + " " + Num(x) + " " + Num(y) +
                    " cm /QPMi Do Q\n" + StampOps(number, d.total, item.reference, kPageW);
  AddDrawnPage(d, ops, image);
}

// Where the stamp goes on a copied page: bottom right of the page as displayed, which
// is its crop box turned by /Rotate.
struct StampPlace {
  std::string cm;  // the transformation to draw the stamp with
  double width;    // of the page as displayed
};

StampPlace PlaceStamp(QPDFPageObjectHelper& page) {
  QPDFObjectHandle::Rectangle box = page.getCropBox(false, false).getArrayAsRectangle();
  // Corners may come in any order.
  box = {std::min(box.llx, box.urx), std::min(box.lly, box.ury), std::max(box.llx, box.urx),
         std::max(box.lly, box.ury)};
  if (box.urx <= box.llx || box.ury <= box.lly) box = {0, 0, kPageW, kPageH};
  int rotate = 0;
  if (QPDFObjectHandle r = page.getObjectHandle().getKey("/Rotate"); r.isNumber()) {
    long long turns = std::llround(r.getNumericValue() / 90.0);
    rotate = static_cast<int>(((turns % 4) + 4) % 4) * 90;
  }
  double bw = box.urx - box.llx, bh = box.ury - box.lly;
  switch (rotate) {
    case 90:
      return {"0 1 -1 0 " + Num(box.urx) + " " + Num(box.lly), bh};
    case 180:
      return {"-1 0 0 -1 " + Num(box.urx) + " " + Num(box.ury), bw};
    case 270:
      return {"0 -1 1 0 " + Num(box.llx) + " " + Num(box.ury), bh};
    default:
      return {"1 0 0 1 " + Num(box.llx) + " " + Num(box.lly), bw};
  }
}

// Copies a source page into the bundle and stamps it; a page that cannot be copied
// after all gets a placeholder in its place.
void AddCopiedPage(Draft& d, const Item& item, int number) {
  QPDFPageObjectHelper& src =
      d.source_pages[static_cast<size_t>(item.source)][static_cast<size_t>(item.source_index)];
  size_t had = d.out_pages.getAllPages().size();
  try {
    d.out_pages.addPage(src, false);
    QPDFPageObjectHelper page = d.out_pages.getAllPages().back();
    QPDFObjectHandle handle = page.getObjectHandle();
    StampPlace place = PlaceStamp(page);
    // The stamp's fonts join the page's own resources, under names of ours.
    QPDFObjectHandle resources = handle.getKey("/Resources");
    resources =
        resources.isDictionary() ? resources.shallowCopy() : QPDFObjectHandle::newDictionary();
    QPDFObjectHandle fonts = resources.getKey("/Font");
    fonts = fonts.isDictionary() ? fonts.shallowCopy() : QPDFObjectHandle::newDictionary();
    QPDFObjectHandle ours = Fonts();
    fonts.replaceKey("/QPMh", ours.getKey("/QPMh"));
    fonts.replaceKey("/QPMb", ours.getKey("/QPMb"));
    resources.replaceKey("/Font", fonts);
    handle.replaceKey("/Resources", resources);
    page.addPageContents(d.out.newStream("q\n"), true);
    page.addPageContents(
        d.out.newStream("\nQ\nq " + place.cm + " cm\n" +
                        StampOps(number, d.total, item.reference, place.width) + "Q\n"),
        false);
    d.page_objects.push_back(handle);
  } catch (const std::exception&) {
    // The page could not be copied after all: a placeholder takes its place.
    std::vector<QPDFPageObjectHelper> now = d.out_pages.getAllPages();
    if (now.size() > had) d.out_pages.removePage(now.back());
    const Entry& e = d.entries[item.entry];
    AddDrawnPage(d, PlaceholderOps(e, *d.docs.at(e.document),
                                   "page " + std::to_string(item.source_page) +
                                       " of this file could not be copied") +
                        StampOps(number, d.total, item.reference, kPageW));
    d.bundle.pages.back().what = "placeholder";
    d.bundle.notes.push_back(e.title + ": a page could not be copied");
  }
}

// The documents' pages, each stamped with its number and reference.
void AddDocumentPages(Draft& d) {
  for (size_t k = 0; k < d.items.size(); ++k) {
    const Item& item = d.items[k];
    int number = d.first_doc_page + static_cast<int>(k);
    d.bundle.pages.push_back({number, item.what, d.entries[item.entry].document, item.source_page});
    if (item.what == "image") {
      AddImagePage(d, item, number);
    } else if (item.source < 0) {
      AddDrawnPage(d, item.ops + StampOps(number, d.total, item.reference, kPageW));
    } else {
      AddCopiedPage(d, item, number);
    }
  }
}

// ---- Outline ----

// The index rows' links, now that every page exists.
void LinkIndex(Draft& d) {
  for (int p = 0; p < d.index_pages; ++p) {
    QPDFObjectHandle annots = QPDFObjectHandle::newArray();
    for (const Link& link : d.index[static_cast<size_t>(p)].links()) {
      if (link.target < 1 || link.target > d.total) continue;
      QPDFObjectHandle a = QPDFObjectHandle::newDictionary();
      a.replaceKey("/Type", QPDFObjectHandle::newName("/Annot"));
      a.replaceKey("/Subtype", QPDFObjectHandle::newName("/Link"));
      a.replaceKey("/Rect", QPDFObjectHandle::newArray(
                                QPDFObjectHandle::Rectangle(link.x0, link.y0, link.x1, link.y1)));
      a.replaceKey("/Border", QPDFObjectHandle::newArray({QPDFObjectHandle::newInteger(0),
                                                          QPDFObjectHandle::newInteger(0),
                                                          QPDFObjectHandle::newInteger(0)}));
      a.replaceKey("/Dest", QPDFObjectHandle::newArray(
                                {d.page_objects[static_cast<size_t>(link.target - 1)],
                                 QPDFObjectHandle::newName("/XYZ"), QPDFObjectHandle::newNull(),
                                 QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull()}));
      annots.appendItem(d.out.makeIndirectObject(a));
    }
    d.page_objects[static_cast<size_t>(1 + p)].replaceKey("/Annots", annots);
  }
}

// Bookmarks: sections, documents, and each case file's components.
void MakeBookmarks(Draft& d) {
  std::vector<Bookmark>& marks = d.bundle.bookmarks;
  marks.push_back({"Cover (p. 1)", 1, {}});
  marks.push_back({"Index (p. 2)", 2, {}});
  for (const Entry& e : d.entries) {
    std::string section = std::string(1, e.section_letter) + " " + e.section;
    if (marks.back().title.rfind(section + " (p. ", 0) != 0) {
      marks.push_back({section + " (p. " + std::to_string(e.first_page) + ")", e.first_page, {}});
    }
    Bookmark& sec = marks.back();
    if (e.case_file.empty()) {
      sec.children.push_back(
          {e.title + " (p. " + std::to_string(e.first_page) + ")", e.first_page, {}});
      continue;
    }
    std::string label = "Case file " + e.case_file;
    if (sec.children.empty() || sec.children.back().title.rfind(label + " (p. ", 0) != 0) {
      sec.children.push_back(
          {label + " (p. " + std::to_string(e.first_page) + ")", e.first_page, {}});
    }
    Bookmark& cf = sec.children.back();
    // Each component where it starts in this document.
    std::string last;
    for (const PageRef& p : d.bundle.pages) {
      if (p.document != e.document || p.source_page == 0) continue;
      std::string component = ComponentOf(d.s, e.document, p.source_page);
      if (component.empty() || component == last) continue;
      last = component;
      std::string title = component;
      if (!title.empty()) {
        title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
      }
      cf.children.push_back({title + " (p. " + std::to_string(p.page) + ")", p.page, {}});
    }
  }
}

// The outline from the bookmarks, how the bundle opens, and its document information.
void AddOutlineAndInfo(Draft& d) {
  QPDFObjectHandle root = d.out.getRoot();
  QPDFObjectHandle outlines = d.out.makeIndirectObject(QPDFObjectHandle::newDictionary());
  outlines.replaceKey("/Type", QPDFObjectHandle::newName("/Outlines"));
  AddOutline(d.out, outlines, d.bundle.bookmarks, d.page_objects, 0);
  root.replaceKey("/Outlines", outlines);
  root.replaceKey("/PageMode", QPDFObjectHandle::newName("/UseOutlines"));
  root.replaceKey("/Lang", QPDFObjectHandle::newString("en-GB"));
  root.replaceKey("/OpenAction", QPDFObjectHandle::newArray(
                                     {d.page_objects.front(), QPDFObjectHandle::newName("/XYZ"),
                                      QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull(),
                                      QPDFObjectHandle::newInteger(1)}));
  QPDFObjectHandle prefs = QPDFObjectHandle::newDictionary();
  prefs.replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(true));
  root.replaceKey("/ViewerPreferences", prefs);
  QPDFObjectHandle info = d.out.makeIndirectObject(QPDFObjectHandle::newDictionary());
  info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(d.o.id + " review bundle"));
  info.replaceKey("/Producer", QPDFObjectHandle::newString("qpm-intake " + d.o.version));
  if (std::string date = PdfDate(d.o.received); !date.empty()) {
    info.replaceKey("/CreationDate", QPDFObjectHandle::newString(date));
    info.replaceKey("/ModDate", QPDFObjectHandle::newString(date));
  }
  d.out.getTrailer().replaceKey("/Info", info);
}

// ---- Write ----

// Writes the PDF to `path`, deterministically: the same submission gives the same bytes.
void SavePdf(QPDF& out, const std::string& path) {
  QPDFWriter writer(out, path.c_str());
  writer.setDeterministicID(true);
  writer.setDecodeLevel(qpdf_dl_none);
  writer.setCompressStreams(true);
  writer.setObjectStreamMode(qpdf_o_generate);
  writer.write();
}

// The bundle as the caller sees it: its entries, and the page map with the cover and
// index first.
Bundle FinishBundle(Draft& d) {
  Bundle bundle = std::move(d.bundle);
  bundle.entries = std::move(d.entries);
  bundle.index_pages = d.index_pages;
  std::vector<PageRef> all = {{1, "cover", "", 0}};
  for (int p = 0; p < d.index_pages; ++p) all.push_back({2 + p, "index", "", 0});
  for (PageRef& p : bundle.pages) all.push_back(std::move(p));
  bundle.pages = std::move(all);
  return bundle;
}

// The whole bundle, written in this process. `probes` say which sources open.
Bundle Write(const Submission& s, std::vector<Entry> entries, const Options& o,
             const std::map<std::string, Probe>& probes, const std::string& path) {
  Draft d(s, o, probes, std::move(entries));
  PlanSourcePages(d);
  NumberPages(d);
  AddCover(d);
  AddIndex(d);
  AddDocumentPages(d);
  LinkIndex(d);
  MakeBookmarks(d);
  AddOutlineAndInfo(d);
  SavePdf(d.out, path);
  return FinishBundle(d);
}

}  // namespace

Result<Bundle> WriteBundlePdf(const Submission& s, const Profile& profile,
                              std::vector<Entry> entries, const Options& o,
                              const std::string& path) {
  (void)profile;
  std::map<std::string, const Document*> docs;
  for (const Document& d : s.documents) docs[d.id] = &d;

  // Each PDF is first opened in a process of its own.
  std::vector<std::pair<std::string, std::string>> to_probe;  // id, path
  for (const Entry& e : entries) {
    const Document& d = *docs.at(e.document);
    // A document that was not read is a placeholder whatever it opens to
    // (WhatWasNotChecked); one refused as hostile (--max-inflate) is not opened again.
    if (d.status == DocStatus::kNotRead || d.status == DocStatus::kFailed) continue;
    if (!d.converted_pdf.empty()) {
      to_probe.emplace_back(d.id, d.converted_pdf);
    } else if (d.media_type == kMediaPdf && !d.work_path.empty()) {
      to_probe.emplace_back(d.id, d.work_path);
    }
  }
  std::map<std::string, Probe> probes;
  // The run's limits for reading one file (--doc-timeout, --max-memory).
  sandbox::Budget budget;
  budget.timeout_seconds = s.limits.doc_timeout_seconds;
  budget.max_memory_bytes = s.limits.max_memory_bytes;
  sandbox::RunAll(
      to_probe.size(),
      [&](size_t i) -> sandbox::Task {
        return [&, i](sandbox::Channel& ch) {
          sandbox::SendValue(ch, ProbePdf(to_probe[i].second, o.passwords));
        };
      },
      o.jobs, budget,
      [&](size_t i, sandbox::Outcome&& outcome) {
        sandbox::Reply<sandbox::NoItems, Probe> reply =
            sandbox::Decode<sandbox::NoItems, Probe>(std::move(outcome));
        Probe p;
        if (reply.outcome.end == sandbox::End::kFinished && reply.value) {
          p = std::move(*reply.value);
        } else if (reply.outcome.end == sandbox::End::kFinished && reply.garbled) {
          p.problem = "it could not be opened";
        } else {
          p.problem = "opening it " + reply.outcome.Describe(budget);
        }
        probes[to_probe[i].first] = std::move(p);
      });

  // The bundle itself, in a process of its own too, with the memory limit of a reader.
  // The writer reads every page once more: ten minutes and a second a page. Its
  // memory does not grow with the submission (bundle.h), so a reader's limit is its.
  sandbox::Budget write_budget;
  size_t pages = 0;
  for (const auto& [id, probe] : probes) pages += static_cast<size_t>(probe.pages);
  write_budget.timeout_seconds = static_cast<uint32_t>(600 + std::min<size_t>(pages, 100000));
  write_budget.max_memory_bytes = s.limits.max_memory_bytes;
  auto run_writer = [&](const std::map<std::string, Probe>& use) {
    return sandbox::Decode<sandbox::NoItems, Bundle>(sandbox::RunOne(
        [&](sandbox::Channel& ch) { sandbox::SendValue(ch, Write(s, entries, o, use, path)); },
        write_budget));
  };
  sandbox::Reply<sandbox::NoItems, Bundle> written = run_writer(probes);
  std::string retry_note;
  if (written.outcome.end != sandbox::End::kFinished &&
      written.outcome.end != sandbox::End::kInterrupted) {
    // A source the probes passed still stopped the writer: try once more with
    // every PDF shown as its text or a placeholder, so that a bundle is made.
    retry_note = "the bundle writer " + written.outcome.Describe(write_budget) +
                 " while copying PDF pages, so no PDF is shown as it looks";
    std::map<std::string, Probe> none = probes;
    for (auto& [id, probe] : none) {
      if (probe.problem.empty()) probe.problem = "the bundle could not copy its pages";
    }
    written = run_writer(none);
  }
  if (written.outcome.end != sandbox::End::kFinished || !written.value) {
    std::remove(path.c_str());
    return Status(StatusCode::kIo, "the bundle could not be written: the writer " +
                                       written.outcome.Describe(write_budget));
  }
  Bundle bundle = std::move(*written.value);
  if (!retry_note.empty()) bundle.notes.insert(bundle.notes.begin(), retry_note);
  return bundle;
}

}  // namespace qpm::bundle
