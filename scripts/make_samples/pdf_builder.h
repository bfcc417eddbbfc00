// scripts/make_samples/pdf_builder.h — PDF writing with PoDoFo 0.9.8.
//
// A small flowing-text layout: titles, headings, paragraphs, "label: value" rows and bullets,
// wrapped with the base-14 Helvetica metrics and broken across A4 pages. Base-14 fonts are not
// embedded, which keeps every PDF a few kilobytes and free of font-subset randomness.
//
// It includes PoDoFo's headers for the writers that draw with PoDoFo themselves, with the
// warnings those headers raise silenced.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_PDF_BUILDER_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_PDF_BUILDER_H_

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// PoDoFo 0.9.8's headers do not build cleanly under -Wconversion -Wshadow -Wpedantic.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wall"
#pragma GCC diagnostic ignored "-Wextra"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#include <podofo/podofo.h>
#pragma GCC diagnostic pop

#include "fixed_values.h"

namespace qpm::samples {

// A4, in points, and the text block on it.
constexpr double kPageWidth = 595;
constexpr double kPageHeight = 842;
constexpr double kMarginLeft = 72;
constexpr double kMarginRight = 72;
constexpr double kTop = 770;
constexpr double kBottom = 72;
constexpr double kTextWidth = kPageWidth - kMarginLeft - kMarginRight;

// What a PDF says about itself (Info), and the line printed on every page.
struct PdfOptions {
  std::string title;
  std::string subject;
  std::string keywords;
  std::string footer;          // printed at the foot of every page, before "Page N"
  bool footer_at_top = false;  // print that line at the head of every page instead
};

// How Finish() encrypts a PDF (AES-256): the passwords and PoDoFo's permission flags.
struct PdfEncryption {
  std::string user_password;
  std::string owner_password;
  int permissions = 0;
};

// `value` with two decimals, for content streams.
std::string FormatNumber(double value);

// A PDF string for text that may go beyond ASCII ("\u2013"): PoDoFo converts a Unicode string
// into the font's encoding, but would read a plain std::string as PdfDocEncoding bytes.
PoDoFo::PdfString PdfText(const std::string& utf8);

// `items` with `separator` between them.
std::string Join(const std::vector<std::string>& items, std::string_view separator);

// 7 -> "07", for file names.
std::string TwoDigits(int n);

// Lays out one PDF, page by page, with the current line at y(); Finish() gives its bytes.
class PdfBuilder {
 public:
  explicit PdfBuilder(PdfOptions options) : options_(std::move(options)) {
    const PoDoFo::PdfEncoding* encoding =
        PoDoFo::PdfEncodingFactory::GlobalWinAnsiEncodingInstance();
    regular_ = doc_.CreateFont("Helvetica", false, false, false, encoding,
                               PoDoFo::PdfFontCache::eFontCreationFlags_AutoSelectBase14, false);
    // The base-14 name itself: asking for "Helvetica" with bBold set still yields Helvetica.
    bold_ = doc_.CreateFont("Helvetica-Bold", false, false, false, encoding,
                            PoDoFo::PdfFontCache::eFontCreationFlags_AutoSelectBase14, false);
    if (regular_ == nullptr || bold_ == nullptr) Fail("PoDoFo could not create Helvetica");
    StartPage();
  }

  PdfBuilder(const PdfBuilder&) = delete;
  PdfBuilder& operator=(const PdfBuilder&) = delete;

  ~PdfBuilder() {
    // PoDoFo complains when a painter dies mid-page; only reached when an error unwinds.
    if (painting_) {
      try {
        painter_.FinishPage();
      } catch (...) {
      }
    }
  }

  void Title(std::string_view text) {
    Draw(text, bold_, 17, kMarginLeft, kTextWidth, 22);
    y_ -= 8;
  }

  void Heading(std::string_view text) {
    // Keep a heading with at least three lines of what follows it.
    if (!page_empty_) y_ -= 8;
    EnsureSpace(16 + 3 * 14.5);
    Draw(text, bold_, 13, kMarginLeft, kTextWidth, 17);
    y_ -= 3;
  }

  void Paragraph(std::string_view text) {
    Draw(text, regular_, 10.5f, kMarginLeft, kTextWidth, 14.5);
    y_ -= 6;
  }

  // One line of a form: the label in bold in a left column, the value wrapped beside it.
  void Row(std::string_view label, std::string_view value) {
    constexpr double kLabelWidth = 150;
    std::vector<std::string> lines = Wrap(value, regular_, 10.5f, kTextWidth - kLabelWidth);
    EnsureSpace(14.5 * static_cast<double>(std::min<size_t>(lines.size(), 3)));
    DrawLine(label, bold_, 10.5f, kMarginLeft);
    Draw(value, regular_, 10.5f, kMarginLeft + kLabelWidth, kTextWidth - kLabelWidth, 14.5);
    y_ -= 3;
  }

  void Bullet(std::string_view text) {
    EnsureSpace(14.5);
    DrawLine("-", regular_, 10.5f, kMarginLeft + 4);
    Draw(text, regular_, 10.5f, kMarginLeft + 16, kTextWidth - 16, 14.5);
    y_ -= 2;
  }

  void Space(double points) { y_ -= points; }

  // Starts a fresh page unless nothing has been drawn on the current one yet.
  void NewPage() {
    if (page_empty_) return;
    EndPage();
    StartPage();
  }

  // Makes sure `height` points fit above the bottom margin, else moves to a new page.
  void EnsureSpace(double height) {
    if (y_ - height < kBottom) NewPage();
  }

  // Draws `text` wrapped into `width` at `x`, starting at the current line; returns the
  // number of lines drawn. Page breaks happen between lines.
  int Draw(std::string_view text, PoDoFo::PdfFont* font, float size, double x, double width,
           double leading) {
    std::vector<std::string> lines = Wrap(text, font, size, width);
    for (const std::string& line : lines) {
      EnsureSpace(leading);
      DrawAt(line, font, size, x, y_ - size);
      y_ -= leading;
    }
    return static_cast<int>(lines.size());
  }

  // Draws one line at the current position without advancing (the caller draws the rest of
  // the row and advances).
  void DrawLine(std::string_view text, PoDoFo::PdfFont* font, float size, double x) {
    DrawAt(text, font, size, x, y_ - size);
  }

  void DrawAt(std::string_view text, PoDoFo::PdfFont* font, float size, double x, double y) {
    font->SetFontSize(size);
    painter_.SetFont(font);
    painter_.DrawText(x, y, PoDoFo::PdfString(std::string(text)));
    page_empty_ = false;
  }

  std::vector<std::string> Wrap(std::string_view text, PoDoFo::PdfFont* font, float size,
                                double width) const {
    font->SetFontSize(size);
    const PoDoFo::PdfFontMetrics* metrics = font->GetFontMetrics();
    std::vector<std::string> lines;
    std::string line;
    std::istringstream words{std::string(text)};
    std::string word;
    while (words >> word) {
      std::string candidate = line.empty() ? word : line + " " + word;
      if (!line.empty() && metrics->StringWidth(candidate.c_str()) > width) {
        lines.push_back(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
  }

  int current_page() const { return page_count_; }
  double y() const { return y_; }
  void set_y(double y) { y_ = y; }
  PoDoFo::PdfMemDocument& doc() { return doc_; }
  PoDoFo::PdfPage* page() { return page_; }
  PoDoFo::PdfFont* regular() { return regular_; }
  PoDoFo::PdfFont* bold() { return bold_; }
  PoDoFo::PdfPainter& painter() { return painter_; }

  // Finishes the document and returns its bytes. The builder cannot be used afterwards.
  std::string Finish(const std::optional<PdfEncryption>& encryption = std::nullopt) {
    EndPage();
    PoDoFo::PdfInfo* info = doc_.GetInfo();
    info->SetTitle(PoDoFo::PdfString(options_.title));
    info->SetAuthor(PoDoFo::PdfString(kOrganisation));
    if (!options_.subject.empty()) info->SetSubject(PoDoFo::PdfString(options_.subject));
    if (!options_.keywords.empty()) info->SetKeywords(PoDoFo::PdfString(options_.keywords));
    info->SetCreator(PoDoFo::PdfString("qpm-intake make_samples"));
    info->SetProducer(PoDoFo::PdfString("PoDoFo 0.9.8"));
    // PdfInfo stamps the wall clock on creation. PoDoFo derives the trailer /ID from an MD5 of
    // the Info dictionary, so fixing these dates also fixes the /ID.
    PoDoFo::PdfDictionary& dict = info->GetObject()->GetDictionary();
    dict.AddKey(PoDoFo::PdfName("CreationDate"), PoDoFo::PdfString(kPdfDate));
    dict.AddKey(PoDoFo::PdfName("ModDate"), PoDoFo::PdfString(kPdfDate));
    if (encryption) {
      // AES-256 (revision 6). PoDoFo's AES-128 (R4) and RC4 both need RC4 to compute /O, and
      // Debian 12's OpenSSL 3 only offers RC4 in the legacy provider, so they fail at Write().
      doc_.SetEncrypted(encryption->user_password, encryption->owner_password,
                        encryption->permissions, PoDoFo::PdfEncrypt::ePdfEncryptAlgorithm_AESV3R6,
                        PoDoFo::PdfEncrypt::ePdfKeyLength_256);
    }
    std::ostringstream out;
    {
      PoDoFo::PdfOutputDevice device(&out);
      doc_.Write(&device);
    }
    return out.str();
  }

 private:
  void StartPage() {
    page_ = doc_.CreatePage(PoDoFo::PdfPage::CreateStandardPageSize(PoDoFo::ePdfPageSize_A4));
    ++page_count_;
    painter_.SetPage(page_);
    painting_ = true;
    y_ = kTop;
    page_empty_ = true;
  }

  void EndPage() {
    if (!painting_) return;
    std::string footer = options_.footer.empty() ? std::string() : options_.footer + "    ";
    footer += "Page " + std::to_string(page_count_);
    regular_->SetFontSize(8);
    painter_.SetFont(regular_);
    painter_.DrawText(kMarginLeft, options_.footer_at_top ? kPageHeight - 40 : 40, PdfText(footer));
    painter_.FinishPage();
    painting_ = false;
  }

  PdfOptions options_;
  PoDoFo::PdfMemDocument doc_;
  PoDoFo::PdfPainter painter_;
  PoDoFo::PdfFont* regular_ = nullptr;
  PoDoFo::PdfFont* bold_ = nullptr;
  PoDoFo::PdfPage* page_ = nullptr;
  int page_count_ = 0;
  double y_ = kTop;
  bool page_empty_ = true;
  bool painting_ = false;
};

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_PDF_BUILDER_H_
