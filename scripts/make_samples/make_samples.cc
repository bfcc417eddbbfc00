// make_samples — writes the invented sample submissions in samples/ and, beside each one, the
// result qpm-intake is expected to give for it.
//
// Usage: make_samples OUTDIR
//
// Every person, organisation, address and case in these files is invented. Personal data is
// planted only where a sample exists to test a detector, and then only in ranges that can never
// belong to anyone: NHS numbers from the never-issued 999 range, example.com/example.org email
// addresses. The expected results are written from what this program planted, never from what
// the tool reports, so that a test over samples/ checks the tool against the truth.
//
// Output is byte-for-byte reproducible (fixed dates, times, IDs, boundaries and entry order)
// except where the format demands randomness: WinZip AES and traditional PKWARE (ZipCrypto)
// encryption draw a random salt / header inside libzip, so broken/aes-no-password.zip,
// broken/zipcrypto.zip and the email that carries the AES zip
// (broken/password-in-second-email/1 submission.eml) differ from one fresh run to the next.
// When OUTDIR already holds those zips with the same decrypted contents, their old bytes are
// kept, so regenerating samples/ leaves unchanged files unchanged.
//
// This is a build-time tool, not part of the product, so it talks to PoDoFo and libzip
// directly rather than through the pipeline's adapters, and it stops at the first error.

#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <locale>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
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
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#pragma GCC diagnostic pop
#include <zlib.h>

#include "embedded_samples.h"
#include "file_bits.h"
#include "office_samples.h"
#include "pictures_samples.h"
#include "redaction_samples.h"
#include "scripts/scan_copy/scan_copy.h"

namespace qpm::samples {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using scan_copy::Bitmap;
using scan_copy::Copy;
using scan_copy::Render;
using scan_copy::Threshold;
using scan_copy::Tilt;
using scan_copy::Turn;

// ---------------------------------------------------------------------------------------------
// Fixed values. Everything that would otherwise carry "now" carries these instead, so that two
// runs give the same bytes.

// 2026-11-20 10:00:00 UTC, the day the invented submission arrives.
constexpr std::time_t kFixedTime = 1795168800;
constexpr char kPdfDate[] = "D:20261120100000Z";
constexpr char kIsoDate[] = "2026-11-20T10:00:00Z";

constexpr char kOrganisation[] = "Example Advocacy";
constexpr char kZipPassword[] = "Harbour-Tulip-2026";
constexpr char kPdfUserPassword[] = "Orchard-Lantern-7";
constexpr char kPdfOwnerPassword[] = "Owner-Key-99";

// NHS numbers are checked with the mod-11 rule at compile time, so a typo cannot turn a planted
// "valid" number into one the detector is right to ignore.
constexpr bool IsValidNhsNumber(std::string_view digits_with_spaces) {
  int digits[10] = {};
  int n = 0;
  for (char c : digits_with_spaces) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || n == 10) return false;
    digits[n++] = c - '0';
  }
  if (n != 10) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += digits[i] * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == digits[9];
}
// Planted on the case-notes page of broken/planted-pii.zip (3-3-4 spacing, as printed on forms).
constexpr char kNhsOnPage[] = "999 314 1593";
// Planted in the same PDF's Info /Keywords, as ten digits.
constexpr char kNhsInKeywords[] = "9992718285";
constexpr char kPlantedEmail[] = "client.c@example.com";
static_assert(IsValidNhsNumber(kNhsOnPage) && IsValidNhsNumber(kNhsInKeywords));
static_assert(kNhsOnPage[0] == '9' && kNhsOnPage[1] == '9' && kNhsOnPage[2] == '9');
static_assert(kNhsInKeywords[0] == '9' && kNhsInKeywords[1] == '9' && kNhsInKeywords[2] == '9');

[[noreturn]] void Fail(const std::string& message) { throw std::runtime_error(message); }

int CountWords(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// The generator counts words by whitespace, the tool only words with a letter or digit in them
// (match::CountWords): a narrative the two would count differently is a mistake here.
int CheckedWords(std::string_view text) {
  std::istringstream tokens{std::string(text)};
  std::string token;
  while (tokens >> token) {
    if (std::none_of(token.begin(), token.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
      Fail("the token '" + token + "' is no word to the tool; reword the narrative");
    }
  }
  return CountWords(text);
}

// ---------------------------------------------------------------------------------------------
// PDF writing with PoDoFo 0.9.8.
//
// A small flowing-text layout: titles, headings, paragraphs, "label: value" rows and bullets,
// wrapped with the base-14 Helvetica metrics and broken across A4 pages. Base-14 fonts are not
// embedded, which keeps every PDF a few kilobytes and free of font-subset randomness.

constexpr double kPageWidth = 595;
constexpr double kPageHeight = 842;
constexpr double kMarginLeft = 72;
constexpr double kMarginRight = 72;
constexpr double kTop = 770;
constexpr double kBottom = 72;
constexpr double kTextWidth = kPageWidth - kMarginLeft - kMarginRight;

struct PdfOptions {
  std::string title;
  std::string subject;
  std::string keywords;
  std::string footer;          // printed at the foot of every page, before "Page N"
  bool footer_at_top = false;  // print that line at the head of every page instead
};

struct PdfEncryption {
  std::string user_password;
  std::string owner_password;
  int permissions = 0;
};

std::string FormatNumber(double value) {
  std::ostringstream out;
  out.imbue(std::locale::classic());  // a decimal point, whatever the user's locale
  out << std::fixed << std::setprecision(2) << value;
  return out.str();
}

// A PDF string for text that may go beyond ASCII ("\u2013"): PoDoFo converts a Unicode string
// into the font's encoding, but would read a plain std::string as PdfDocEncoding bytes.
PoDoFo::PdfString PdfText(const std::string& utf8) {
  bool ascii = std::all_of(utf8.begin(), utf8.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return PoDoFo::PdfString(utf8);
  return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// 7 -> "07", for file names.
std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

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

// ---------------------------------------------------------------------------------------------
// Zip writing with libzip.

struct ZipEntryOptions {
  zip_uint16_t encryption = ZIP_EM_NONE;  // ZIP_EM_AES_256 or ZIP_EM_TRAD_PKWARE to lock it
  bool store = false;                     // stored instead of deflated
  std::optional<zip_uint32_t> unix_mode;  // st_mode bits, e.g. S_IFLNK | 0777
};

// A libzip source serving either a string or `size` zero bytes made on demand (so a 4 GiB
// entry never sits in memory), whose stat() reports kFixedTime. The time matters beyond the
// directory entry: libzip's ZipCrypto encoder takes the password check byte from the source's
// mtime, and zip_source_buffer would report the wall clock, leaving a check byte that matches
// neither the CRC nor the entry time, so no reader accepts the password.
class FixedTimeSource {
 public:
  static FixedTimeSource Bytes(std::string bytes) {
    FixedTimeSource source;
    source.size_ = bytes.size();
    source.bytes_ = std::move(bytes);
    return source;
  }
  static FixedTimeSource Zeros(zip_uint64_t size) {
    FixedTimeSource source;
    source.size_ = size;
    source.zeros_ = true;
    return source;
  }

  FixedTimeSource(FixedTimeSource&&) = default;
  ~FixedTimeSource() { zip_error_fini(&error_); }

  static zip_int64_t Callback(void* state, void* data, zip_uint64_t length,
                              zip_source_cmd_t command) {
    auto* self = static_cast<FixedTimeSource*>(state);
    switch (command) {
      case ZIP_SOURCE_OPEN:
        self->offset_ = 0;
        return 0;
      case ZIP_SOURCE_READ: {
        zip_uint64_t n = std::min(length, self->size_ - self->offset_);
        if (self->zeros_) {
          std::memset(data, 0, static_cast<size_t>(n));
        } else {
          std::memcpy(data, self->bytes_.data() + self->offset_, static_cast<size_t>(n));
        }
        self->offset_ += n;
        return static_cast<zip_int64_t>(n);
      }
      case ZIP_SOURCE_CLOSE:
      case ZIP_SOURCE_FREE:  // the ZipWriter owns this object
        return 0;
      case ZIP_SOURCE_STAT: {
        auto* stat = static_cast<zip_stat_t*>(data);
        zip_stat_init(stat);
        stat->valid = ZIP_STAT_SIZE | ZIP_STAT_MTIME;
        stat->size = self->size_;
        stat->mtime = kFixedTime;
        return static_cast<zip_int64_t>(sizeof(zip_stat_t));
      }
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&self->error_, data, length);
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
      default:
        zip_error_set(&self->error_, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
  }

 private:
  FixedTimeSource() { zip_error_init(&error_); }

  std::string bytes_;
  bool zeros_ = false;
  zip_uint64_t size_ = 0;
  zip_uint64_t offset_ = 0;
  zip_error_t error_;
};

// Builds a zip archive in memory. Every entry gets the fixed time, deflate level 9 (unless
// stored) and the given encryption; entries keep the order they were added in.
class ZipWriter {
 public:
  ZipWriter() {
    zip_error_t error;
    zip_error_init(&error);
    buffer_ = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer_ == nullptr) Fail(std::string("zip buffer: ") + zip_error_strerror(&error));
    archive_ = zip_open_from_source(buffer_, ZIP_TRUNCATE, &error);
    if (archive_ == nullptr) Fail(std::string("zip open: ") + zip_error_strerror(&error));
    // Keep the buffer alive after zip_close so its bytes can be read back.
    zip_source_keep(buffer_);
    zip_error_fini(&error);
  }

  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  ~ZipWriter() {
    if (archive_ != nullptr) zip_discard(archive_);
    if (buffer_ != nullptr) zip_source_free(buffer_);
  }

  void Add(const std::string& name, std::string bytes, const ZipEntryOptions& options = {}) {
    AddSource(name, FixedTimeSource::Bytes(std::move(bytes)), options);
  }

  // An entry of `size` zero bytes, generated while the archive is written.
  void AddZeros(const std::string& name, zip_uint64_t size) {
    AddSource(name, FixedTimeSource::Zeros(size), {});
  }

  // Closes the archive and returns its bytes. The writer cannot be used afterwards.
  std::string Finish() {
    if (zip_close(archive_) != 0) Fail(std::string("zip close: ") + zip_strerror(archive_));
    archive_ = nullptr;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer_, &stat) != 0 || zip_source_open(buffer_) != 0) {
      Fail("zip buffer read-back failed");
    }
    std::string bytes(static_cast<size_t>(stat.size), '\0');
    zip_int64_t read = zip_source_read(buffer_, bytes.data(), stat.size);
    zip_source_close(buffer_);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) Fail("zip buffer short read");
    return bytes;
  }

 private:
  void AddSource(const std::string& name, FixedTimeSource data, const ZipEntryOptions& options) {
    // libzip reads the data only at zip_close, so the source must outlive this call.
    FixedTimeSource& kept = sources_.emplace_back(std::move(data));
    zip_source_t* source = zip_source_function(archive_, &FixedTimeSource::Callback, &kept);
    if (source == nullptr) Fail("zip source for " + name + ": " + zip_strerror(archive_));
    zip_int64_t index = zip_file_add(archive_, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      Fail("zip add " + name + ": " + zip_strerror(archive_));
    }
    auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(archive_, i, options.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 options.store ? 0 : 9) != 0 ||
        zip_file_set_mtime(archive_, i, kFixedTime, 0) != 0) {
      Fail("zip settings for " + name + ": " + zip_strerror(archive_));
    }
    if (options.unix_mode && zip_file_set_external_attributes(archive_, i, 0, ZIP_OPSYS_UNIX,
                                                              *options.unix_mode << 16) != 0) {
      Fail("zip attributes for " + name + ": " + zip_strerror(archive_));
    }
    if (options.encryption != ZIP_EM_NONE &&
        zip_file_set_encryption(archive_, i, options.encryption, kZipPassword) != 0) {
      Fail("zip encryption for " + name + ": " + zip_strerror(archive_));
    }
  }

  zip_source_t* buffer_ = nullptr;
  zip_t* archive_ = nullptr;
  std::deque<FixedTimeSource> sources_;  // deque: growing it never moves what libzip points at
};

// ---------------------------------------------------------------------------------------------
// MIME. Messages are assembled by hand, with CRLF line ends, fixed boundaries, Message-IDs and
// Dates, so they are reproducible and each encoding a sample needs is exactly where we put it.

std::string CrLf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::string Base64(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::string line;
  auto flush = [&] {
    out += line + "\r\n";
    line.clear();
  };
  for (size_t i = 0; i < data.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (i + 1 < data.size())
      chunk |= static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    if (i + 2 < data.size())
      chunk |= static_cast<uint32_t>(static_cast<unsigned char>(data[i + 2]));
    line += kAlphabet[(chunk >> 18) & 63];
    line += kAlphabet[(chunk >> 12) & 63];
    line += i + 1 < data.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    line += i + 2 < data.size() ? kAlphabet[chunk & 63] : '=';
    if (line.size() == 76) flush();
  }
  if (!line.empty()) flush();
  return out;
}

std::string Hex2(unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return {'=', kHex[c >> 4], kHex[c & 15]};
}

// Quoted-printable (RFC 2045 6.7) of UTF-8 text whose lines end in '\n'.
std::string QuotedPrintable(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    std::string encoded;
    size_t width = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      auto c = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      std::string piece;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
        piece = std::string(1, static_cast<char>(c));
      } else {
        piece = Hex2(c);
      }
      if (width + piece.size() > 75) {  // soft line break keeps lines within 76
        encoded += "=\r\n";
        width = 0;
      }
      encoded += piece;
      width += piece.size();
    }
    out += encoded;
    if (end == text.size()) break;
    out += "\r\n";
    start = end + 1;
  }
  return out;
}

// One RFC 2047 encoded-word ("Q" encoding) for a header holding non-ASCII text.
std::string EncodedWord(std::string_view utf8) {
  std::string out = "=?UTF-8?Q?";
  for (char ch : utf8) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ') {
      out += '_';
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '!' || c == '*' || c == '+' || c == '-' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += Hex2(c);
    }
  }
  out += "?=";
  if (out.size() > 75) Fail("encoded-word longer than 75 characters: " + out);
  return out;
}

// RFC 2231 / 5987 percent-encoding for filename*=UTF-8''...
std::string PercentEncode(std::string_view utf8) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : utf8) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct Header {
  std::string name;
  std::string value;
};

std::string Headers(const std::vector<Header>& headers) {
  std::string out;
  for (const Header& h : headers) out += h.name + ": " + h.value + "\r\n";
  return out;
}

// A MIME body part: its headers, a blank line, its (already encoded) body.
std::string Part(const std::vector<Header>& headers, std::string_view body) {
  std::string out = Headers(headers) + "\r\n" + std::string(body);
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

std::string TextPart(std::string_view text, bool quoted_printable) {
  if (quoted_printable) {
    return Part({{"Content-Type", "text/plain; charset=UTF-8"},
                 {"Content-Transfer-Encoding", "quoted-printable"}},
                QuotedPrintable(text));
  }
  return Part(
      {{"Content-Type", "text/plain; charset=UTF-8"}, {"Content-Transfer-Encoding", "7bit"}},
      CrLf(text));
}

std::string AttachmentPart(std::string_view content_type, std::string_view disposition,
                           std::string_view bytes) {
  return Part({{"Content-Type", std::string(content_type)},
               {"Content-Disposition", std::string(disposition)},
               {"Content-Transfer-Encoding", "base64"}},
              Base64(bytes));
}

std::string ForwardedPart(std::string_view file_name, std::string_view message) {
  // message/rfc822 may only be 7bit, 8bit or binary (RFC 2046 5.2.1); ours is 7-bit ASCII.
  return Part({{"Content-Type", "message/rfc822"},
               {"Content-Disposition", "attachment; filename=\"" + std::string(file_name) + "\""},
               {"Content-Transfer-Encoding", "7bit"}},
              message);
}

std::string Multipart(const std::string& boundary, const std::vector<std::string>& parts) {
  std::string out = "This is a multi-part message in MIME format.\r\n";
  for (const std::string& part : parts) out += "\r\n--" + boundary + "\r\n" + part;
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

std::string Message(std::vector<Header> headers, const std::string& boundary,
                    const std::vector<std::string>& parts) {
  headers.push_back({"MIME-Version", "1.0"});
  headers.push_back({"Content-Type", "multipart/mixed; boundary=\"" + boundary + "\""});
  return Headers(headers) + "\r\n" + Multipart(boundary, parts);
}

// ---------------------------------------------------------------------------------------------
// Expected results.

Json FindingJson(std::string rule, std::string file = "", int page = -1, std::string field = "",
                 int count = 0) {
  Json f;
  f["rule"] = std::move(rule);
  if (!file.empty()) f["file"] = std::move(file);
  if (page >= 0) f["page"] = page;
  if (!field.empty()) f["field"] = std::move(field);
  if (count > 0) f["count"] = count;
  return f;
}

Json DocJson(std::string path, std::string media_type = "", int pages = -1,
             std::string status = "") {
  Json d;
  d["path"] = std::move(path);
  if (!media_type.empty()) d["media_type"] = std::move(media_type);
  if (pages >= 0) d["pages"] = pages;
  if (!status.empty()) d["status"] = std::move(status);
  return d;
}

Json RunJson(std::string command, std::vector<std::string> args, std::optional<int> exit_code,
             Json findings, std::vector<std::string> absent_rules,
             std::optional<std::string> max_severity, Json documents) {
  Json run;
  run["command"] = std::move(command);
  run["args"] = std::move(args);
  run["exit_code"] = exit_code ? Json(*exit_code) : Json(nullptr);
  run["findings"] = findings.is_null() ? Json::array() : std::move(findings);
  run["absent_rules"] = std::move(absent_rules);
  run["max_severity"] = max_severity ? Json(*max_severity) : Json(nullptr);
  run["documents"] = documents.is_null() ? Json::array() : std::move(documents);
  return run;
}

constexpr char kPdf[] = "application/pdf";
constexpr char kZip[] = "application/zip";
constexpr char kEml[] = "message/rfc822";
constexpr char kDocx[] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr char kText[] = "text/plain";

// Every rule a clean sample must not raise.
const std::vector<std::string> kAllProblemRules = {
    "ingest.unsafe-entry", "ingest.zip-bomb",   "ingest.too-deep",  "ingest.password-needed",
    "ingest.junk",         "ingest.empty-file", "ingest.duplicate", "extract.truncated",
    "extract.unreadable",  "pii.nhs-number",    "pii.email"};

// Where the samples go, what was written, and the table for README.md.
class Output {
 public:
  explicit Output(fs::path root) : root_(std::move(root)) {}

  void Write(const std::string& relative, std::string_view bytes) {
    fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    // Write to a temporary name and rename, so a reader never sees half a sample.
    fs::path temporary = path;
    temporary += ".tmp";
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out) Fail("cannot write " + temporary.string());
    }
    fs::rename(temporary, path);
    written_.emplace_back(relative, bytes.size());
  }

  // Writes `<sample>.expected.json` and remembers the sample for README.md.
  void Expect(const std::string& sample, const std::string& planted, Json runs,
              Json planted_values = Json::array(), Json secrets = Json::array(),
              Json extra = Json::object()) {
    Json expected;
    expected["sample"] = sample;
    expected["planted"] = planted;
    expected["runs"] = runs;
    expected["planted_values"] = std::move(planted_values);
    expected["secrets"] = std::move(secrets);
    for (auto& [key, value] : extra.items()) expected[key] = value;
    Write(sample + ".expected.json", expected.dump(2) + "\n");
    table_.push_back({sample, planted, Summarise(runs)});
  }

  std::string Readme() const {
    std::string out =
        "# Samples\n\n"
        "Invented QPM desktop submissions, written by `scripts/make-samples` "
        "(`scripts/make_samples/make_samples.cc`). Do not edit these files by hand: change the "
        "generator and run it again.\n\n"
        "Every organisation, person and case here is invented. Planted personal data uses only "
        "NHS numbers from the never-issued 999 range and `example.com` / `example.org` email "
        "addresses.\n\n"
        "Beside each sample, `<sample>.expected.json` holds what `qpm-intake` must report for "
        "it, written from what the generator planted (never from the tool's output): the runs "
        "(`scan` or `triage`, arguments, exit code, findings that must appear, rules that must "
        "not, the worst severity allowed, documents with media type, pages and status), the "
        "personal-data values planted and the passwords involved. A finding may name its "
        "rule, file, page, field and `message_contains` (words its message must hold, such as "
        "an indicator id) and a `count`; a run with `only_findings` must give exactly the "
        "findings listed above info, each `count` times, and no other: a planted gap gives its "
        "finding and nothing else.\n\n"
        "Planted personal data other than in `broken/` and `scans/`: the Gateway samples' "
        "referees have invented names, `example.org` addresses and numbers from Ofcom's drama "
        "ranges (01632 960xxx, 07700 900xxx), never allocated to anyone.\n\n"
        "Byte-for-byte reproducible, except `broken/aes-no-password.zip`, "
        "`broken/zipcrypto.zip` and `broken/password-in-second-email/1 submission.eml`: "
        "WinZip AES and ZipCrypto encryption use a random salt or header on every run. "
        "Running the generator again over an existing `samples/` keeps those files' old bytes "
        "when what they decrypt to has not changed.\n\n"
        "`fail-closed/case-notes.doc` is not written by the generator either: it is "
        "`fail-closed/case-notes.odt` saved as Word 97-2003 by LibreOffice, made once by "
        "`scripts/make-legacy-doc` and committed, since the generator cannot write that binary "
        "format (its expected result is the generator's).\n\n"
        "`scans/ocr/` holds what Tesseract read on the scanned samples, recorded by "
        "`scripts/record-ocr` (not by the generator). The end-to-end runs replay it "
        "(`--ocr-replay scans/ocr`), so they need no OCR engine and do not depend on its "
        "version; `tests/ocr_test.cc` checks every recording against the words the generator "
        "drew, and its tests labelled `ocr` check that the engine still reads the same.\n\n"
        "`pii/` holds the labelled set for the personal-data detectors: 458 cases of "
        "referral forms, case notes, letters, consent forms and look-alikes, written by people "
        "(not by the generator) who had not read the detectors. `pii/README.md` gives its "
        "format; `scripts/bench-pii` scores the detectors on it.\n\n"
        "| sample | what it exercises | expected |\n|---|---|---|\n";
    for (const Row& row : table_) {
      out +=
          "| `" + row.sample + "` | " + Escape(row.planted) + " | " + Escape(row.outcome) + " |\n";
    }
    return out;
  }

  const std::vector<std::pair<std::string, size_t>>& written() const { return written_; }
  const fs::path& root() const { return root_; }

 private:
  struct Row {
    std::string sample;
    std::string planted;
    std::string outcome;
  };

  static std::string Escape(std::string text) {
    std::string out;
    for (char c : text) {
      if (c == '|') out += '\\';
      out += c;
    }
    return out;
  }

  static std::string Summarise(const Json& runs) {
    std::string out;
    for (const Json& run : runs) {
      if (!out.empty()) out += "; ";
      out += "`" + run["command"].get<std::string>();
      for (const Json& arg : run["args"]) out += " " + arg.get<std::string>();
      out += "`: exit ";
      out +=
          run["exit_code"].is_null() ? "not asserted" : std::to_string(run["exit_code"].get<int>());
      std::map<std::string, int> rules;
      for (const Json& f : run["findings"]) {
        rules[f["rule"].get<std::string>()] += f.contains("count") ? f["count"].get<int>() : 1;
      }
      for (const auto& [rule, count] : rules) {
        out += ", " + rule + (count > 1 ? " x" + std::to_string(count) : "");
      }
      if (!run["max_severity"].is_null()) {
        out += ", nothing above " + run["max_severity"].get<std::string>();
      }
    }
    return out;
  }

  fs::path root_;
  std::vector<std::pair<std::string, size_t>> written_;
  std::vector<Row> table_;
};

// ---------------------------------------------------------------------------------------------
// Content: the Assessment Workbook. The indicator wording is invented for these samples; it
// follows the shape of a QPM workbook (principle, numbered indicators, tick or narrative) without
// copying any edition's text.

struct Indicator {
  const char* id;
  bool tick;
  const char* wording;
  const char* answer;  // narrative indicators only
};

struct Principle {
  const char* name;
  const char* summary;
  std::vector<Indicator> indicators;
};

const std::vector<Principle>& Principles() {
  static const std::vector<Principle> kPrinciples = {
      {"Clarity of purpose",
       "The organisation is clear about what its advocacy is for and tells people about it.",
       {{"1.1", true,
         "The organisation has a written statement of the aims of its advocacy service, "
         "approved by the board of trustees.",
         nullptr},
        {"1.2", false,
         "Describe how advocates explain what advocacy is, and what it is not, at the first "
         "meeting with a person.",
         "At the first meeting the advocate uses our one-page leaflet, which is also available "
         "in easy read and large print. The advocate explains that they work only for the "
         "person, that they will not make decisions for them, and that they cannot give legal "
         "or medical advice. They check understanding by asking the person to say in their own "
         "words what will happen next. The explanation is repeated at the second meeting and "
         "recorded in the case notes."},
        {"1.3", true,
         "Published information says who can use the service and how to make a referral.",
         nullptr}}},
      {"Independence",
       "Advocacy is free from the influence of the bodies that fund or provide services.",
       {{"2.1", true,
         "The organisation is structurally independent of the bodies that commission or "
         "provide the services people receive.",
         nullptr},
        {"2.2", false, "Describe how conflicts of interest are identified, recorded and managed.",
         "Every member of staff and every trustee completes a declaration of interests when "
         "they join and each April. Advocates check for a possible conflict before accepting a "
         "case, for example if they know the person or the care provider. Any conflict is "
         "recorded on the case file and discussed with the service manager, who reallocates the "
         "case where needed. The board reviews the register of interests twice a year. In the "
         "last year three cases were reallocated for this reason."},
        {"2.3", true,
         "Advocates do not provide any other service, such as care, support or assessment, to "
         "the people they advocate for.",
         nullptr}}},
      {"Person-centred approach",
       "Advocacy is led by the wishes, needs and pace of the person.",
       {{"3.1", false,
         "Give an example of how advocacy was shaped around one person's own wishes, "
         "communication and pace.",
         "One person we supported found meetings in offices stressful and communicated best "
         "with pictures. The advocate met them in a quiet room at their day centre, used a "
         "picture board agreed with the person, and kept each meeting short. The person chose "
         "which topics to cover first. With this approach the person was able to tell their "
         "review meeting, in their own way, that they wanted to move closer to their family, "
         "and this was added to their support plan."},
        {"3.2", true, "Advocates record the person's views in their own words wherever possible.",
         nullptr}}},
      {"Empowerment",
       "Advocacy supports people to have their voice heard and to speak for themselves.",
       {{"4.1", true,
         "People are supported to speak for themselves wherever they wish to, with the "
         "advocate stepping in only as far as the person wants.",
         nullptr},
        {"4.2", false, "Describe how people who use the service influence the way it is run.",
         "People who use the service are invited to a feedback group that meets every quarter. "
         "Two places on the board are held for people with lived experience of advocacy. "
         "Feedback forms are offered at the end of every case, in standard and easy read "
         "versions. Last year the group asked for evening appointments, and we now offer them "
         "one day a week. Changes made after feedback are reported in our newsletter."},
        {"4.3", true,
         "Advocacy ends in a planned way agreed with the person, and the reasons are recorded.",
         nullptr}}},
      {"Equal opportunity",
       "The service is open to everyone who needs it and challenges discrimination.",
       {{"5.1", true,
         "The organisation has an equality and diversity policy that covers both service "
         "delivery and employment.",
         nullptr},
        {"5.2", false,
         "Describe how you monitor who uses the service and what you have changed as a result.",
         "We collect anonymous equality information at referral, which the person may decline "
         "to give. Each quarter the service manager compares it with local population figures. "
         "This showed that few referrals came for older people living in care homes, so we ran "
         "information sessions with care home managers and referrals from that group doubled. "
         "The figures and actions are reported to the board."},
        {"5.3", true, "Interpreters and accessible formats are provided at no cost to the person.",
         nullptr}}},
      {"Accountability",
       "The organisation checks the quality of its work and answers for it.",
       {{"6.1", true, "The board receives a report on the advocacy service at least every quarter.",
         nullptr},
        {"6.2", false, "Describe how you check the quality of advocacy casework.",
         "Each month the service manager reviews two open case files for every advocate, using "
         "a checklist that covers consent, recording of the person's views, timeliness and case "
         "closure. Findings are discussed in supervision and themes are shared at the team "
         "meeting. Once a year a trustee and an advocate from a partner organisation audit a "
         "random sample of closed files. The last audit led us to improve how we record the "
         "end of a case."},
        {"6.3", true,
         "Policies and procedures are reviewed at least every three years and show a review "
         "date.",
         nullptr}}},
      {"Accessibility",
       "Advocacy is easy to find, easy to reach and free to use.",
       {{"7.1", true, "The service is free at the point of use.", nullptr},
        {"7.2", false,
         "Describe how you make sure people who do not use words to communicate can access "
         "advocacy.",
         "Advocates are trained in non-instructed advocacy and use approaches such as watching "
         "how the person responds, talking with people who know them well and looking at "
         "their history and preferences. We keep a set of communication tools, including "
         "picture cards and objects of reference. Where a person uses signing, we book an "
         "interpreter. Non-instructed work is authorised and reviewed by the service manager."},
        {"7.3", true, "Meetings take place at times and in places that suit the person.",
         nullptr}}},
      {"Supporting advocates",
       "Advocates are trained, supervised and supported to do their work well.",
       {{"8.1", true, "Every advocate receives one-to-one supervision at least every six weeks.",
         nullptr},
        {"8.2", true,
         "Advocates hold, or are working towards, a recognised advocacy qualification.", nullptr},
        {"8.3", false,
         "Describe how advocates are supported after a difficult or distressing case.",
         "After a difficult case the advocate can ask for a debrief with the service manager "
         "within two working days. Advocates can also use a confidential counselling line paid "
         "for by the organisation. Peer support sessions run monthly. When a case involves a "
         "death or a serious safeguarding concern, the manager contacts the advocate the same "
         "day and agrees any change to their caseload."}}},
      {"Confidentiality",
       "Information about people is kept private and shared only with consent or when the law "
       "requires it.",
       {{"9.1", true,
         "The confidentiality policy explains the limits of confidentiality, including "
         "safeguarding.",
         nullptr},
        {"9.2", false, "Describe how case records are stored and who can see them.",
         "Case records are kept on an encrypted case management system. Each advocate can see "
         "only their own cases; the service manager can see all cases for supervision. Paper "
         "notes made during meetings are scanned within two working days and then shredded. "
         "Records are kept for six years after a case closes and then deleted. Access is "
         "reviewed when staff join or leave."},
        {"9.3", true, "People are told how their information is used when advocacy begins.",
         nullptr}}},
      {"Complaints",
       "People can complain easily and complaints lead to learning.",
       {{"10.1", true, "The complaints procedure is available in accessible formats.", nullptr},
        {"10.2", false,
         "Describe the last complaint you received, without identifying anyone, and what you "
         "learned from it.",
         "A relative complained that they had not been told when a case was closed. We "
         "explained that the person had asked us not to share information with family, and "
         "that we had followed their wishes. We apologised that our letter to the person had "
         "been sent late. As a result we now send closure letters within five working days and "
         "check this in file audits."},
        {"10.3", true, "Complaints and their outcomes are reported to the board.", nullptr}}},
  };
  return kPrinciples;
}

// ---------------------------------------------------------------------------------------------
// Content: policies.

struct Section {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<std::string> bullets;
};

struct Policy {
  std::string number;  // "01"
  std::string title;   // "Safeguarding"
  std::string version;
  std::string approved;
  std::vector<Section> sections;
};

const std::vector<Policy>& Policies() {
  static const std::vector<Policy> kPolicies = {
      {"01",
       "Safeguarding",
       "4.0",
       "2026-06-30",
       {{"Purpose",
         {"This policy sets out how Example Advocacy protects adults at risk of abuse or "
          "neglect and how staff and volunteers must respond to concerns. Safeguarding adults "
          "is everyone's business: every member of staff, volunteer and trustee has a duty to "
          "act on a concern."},
         {}},
        {"Scope",
         {"The policy applies to everyone who works for or on behalf of Example Advocacy, "
          "including sessional advocates, volunteers and trustees. It covers concerns raised by "
          "the people we support, by others, and concerns that staff notice themselves."},
         {}},
        {"Principles",
         {"We follow the six safeguarding principles of the Care Act 2014: empowerment, "
          "prevention, proportionality, protection, partnership and accountability. The person "
          "at risk is at the centre of every decision, and their wishes about what happens next "
          "are sought and recorded."},
         {}},
        {"Responding to a concern",
         {"An advocate who has a concern must make sure the person is safe from immediate harm, "
          "calling the emergency services if needed. They must then tell the Designated "
          "Safeguarding Lead the same working day."},
         {"Listen, do not investigate, and do not promise to keep the concern secret.",
          "Record what was said or seen, in the person's words, with the date and time.",
          "The Designated Safeguarding Lead decides, with the person where possible, whether to "
          "refer to the local authority.",
          "Where the person does not want a referral, their wishes are respected unless others "
          "are at risk, a crime has been committed or the person lacks capacity to decide."}},
        {"Advocacy in safeguarding enquiries",
         {"Where the local authority makes a safeguarding enquiry under section 42 of the Care "
          "Act 2014 and the person has substantial difficulty in being involved, Example "
          "Advocacy provides an independent advocate. The advocate supports the person to "
          "express their views and desired outcomes throughout the enquiry."},
         {}},
        {"Training and supervision",
         {"All staff complete safeguarding training at induction and refresher training every "
          "two years. Safeguarding concerns are a standing item in supervision."},
         {}}}},
      {"02",
       "Confidentiality",
       "3.2",
       "2026-06-30",
       {{"Purpose",
         {"People trust us with private information. This policy explains how we keep it "
          "confidential, when we may share it, and how we tell people about the limits of "
          "confidentiality."},
         {}},
        {"Our commitment",
         {"Information about a person who uses our service is shared only with their consent, "
          "or where the law requires or allows it. Advocates explain this at the first meeting "
          "and record that they have done so."},
         {}},
        {"Limits of confidentiality",
         {"We may share information without consent where:"},
         {"a person, or someone else, is at risk of serious harm;", "a child may be at risk;",
          "we are required to by a court order or another legal duty;",
          "information is needed to prevent or detect a serious crime."}},
        {"Sharing without consent",
         {"Any decision to share without consent is made by the service manager, recorded with "
          "the reasons, and the person is told unless telling them would increase the risk."},
         {}},
        {"Anonymised information",
         {"Case files used for quality assessment, audit or training are anonymised first. Names "
          "are replaced with labels such as Client A, and other identifying details are removed "
          "and marked [REDACTED]."},
         {}}}},
      {"03",
       "Complaints",
       "2.5",
       "2026-06-30",
       {{"Purpose",
         {"We welcome complaints because they help us improve. This policy explains how anyone "
          "can complain about our service and what will happen next."},
         {}},
        {"Who can complain",
         {"Anyone who uses our service, or someone acting for them, can complain. People may "
          "complain in writing, by phone, in person or through another organisation. Help to "
          "make a complaint is available, including from an advocate who has not worked with "
          "the person."},
         {}},
        {"Stage one: informal resolution",
         {"Most concerns can be resolved quickly by the advocate or service manager. We aim to "
          "respond within five working days."},
         {}},
        {"Stage two: formal complaint",
         {"If the person is not satisfied, the complaint is investigated by the chief officer, "
          "who replies in writing within twenty working days, explaining what was found and any "
          "action taken."},
         {}},
        {"Stage three: review by the board",
         {"If the person remains unhappy, a panel of two trustees reviews the complaint. Their "
          "decision is final within Example Advocacy, and the letter explains where the person "
          "can go next, such as the Local Government and Social Care Ombudsman."},
         {}},
        {"Learning from complaints",
         {"All complaints are logged. A summary of complaints, outcomes and changes made is "
          "reported to the board every quarter."},
         {}}}},
      {"04",
       "Equality and Diversity",
       "3.0",
       "2026-06-30",
       {{"Purpose",
         {"Example Advocacy is committed to equality of opportunity in the services we provide "
          "and as an employer. We value diversity and challenge discrimination."},
         {}},
        {"Legal framework",
         {"We meet our duties under the Equality Act 2010 and do not discriminate on the grounds "
          "of age, disability, gender reassignment, marriage or civil partnership, pregnancy or "
          "maternity, race, religion or belief, sex or sexual orientation."},
         {}},
        {"Service delivery",
         {"We make reasonable adjustments so that everyone can use our service, including "
          "interpreters, easy read information and meetings in accessible places. Advocates "
          "support people to challenge discrimination they experience from services."},
         {}},
        {"Monitoring",
         {"We ask people who use the service for anonymous equality information, which they may "
          "decline to give. We compare it with local population data every quarter and act on "
          "any gaps we find."},
         {}},
        {"Employment",
         {"Recruitment, training and promotion are based on ability and merit. Job adverts are "
          "placed where they will reach under-represented groups."},
         {}}}},
      {"05",
       "Independence and Conflicts of Interest",
       "2.1",
       "2026-06-30",
       {{"Purpose",
         {"Advocacy only works if it is independent. This policy explains how Example Advocacy "
          "stays independent of the bodies that fund it and how we manage conflicts of "
          "interest."},
         {}},
        {"Structural independence",
         {"Example Advocacy is a registered charity with its own board. We do not provide care, "
          "housing or assessment services. Funding agreements do not give commissioners any say "
          "over individual cases."},
         {}},
        {"Conflicts of interest",
         {"A conflict of interest arises when an advocate's personal or professional links could "
          "affect, or be seen to affect, their work for a person."},
         {"Staff and trustees declare interests on joining and every year.",
          "Advocates check for conflicts before accepting a case.",
          "Conflicts are recorded and the case is reallocated where needed.",
          "The board reviews the register of interests twice a year."}},
        {"Gifts and hospitality",
         {"Staff do not accept gifts from the people they support or from service providers, "
          "other than items of token value, which are recorded."},
         {}}}},
      {"06",
       "Supervision and Support",
       "2.0",
       "2026-06-30",
       {{"Purpose",
         {"Advocates do demanding work. This policy sets out the supervision, training and "
          "support that every advocate receives."},
         {}},
        {"Supervision",
         {"Every advocate has one-to-one supervision with the service manager at least every six "
          "weeks. Supervision covers caseload, case decisions, safeguarding, wellbeing and "
          "learning. A written record is agreed and kept securely."},
         {}},
        {"Training",
         {"New advocates complete an induction programme and work towards a recognised advocacy "
          "qualification within their first year. Each advocate has an annual training plan."},
         {}},
        {"Wellbeing",
         {"Advocates can ask for a debrief after a difficult case and can use a confidential "
          "counselling service paid for by the organisation. Peer support sessions are held "
          "every month."},
         {}},
        {"Appraisal",
         {"Every member of staff has an annual appraisal, which reviews their work, their "
          "development and their wellbeing."},
         {}}}},
      {"07",
       "Recording and Case Management",
       "3.1",
       "2026-06-30",
       {{"Purpose",
         {"Good records show what the person wanted, what the advocate did and what changed. "
          "This policy sets the standard for case recording."},
         {}},
        {"What every case file contains",
         {"Every case file holds the following, each kept up to date:"},
         {"a referral form;", "an advocacy agreement or action plan agreed with the person;",
          "a signed consent form, or an authorisation form for non-instructed advocacy;",
          "dated case notes of every contact;", "copies of correspondence sent and received."}},
        {"Standards of recording",
         {"Notes are factual, dated, written within two working days and, where possible, "
          "record the person's views in their own words. Opinions are clearly marked as the "
          "advocate's own."},
         {}},
        {"Closing a case",
         {"A case is closed when the agreed issues are resolved or the person asks to end "
          "advocacy. The advocate writes a closing summary and sends a closing letter within "
          "five working days."},
         {}},
        {"File audits",
         {"The service manager audits two open files per advocate every month and records the "
          "findings."},
         {}}}},
      {"08",
       "Data Protection",
       "3.3",
       "2026-06-30",
       {{"Purpose",
         {"This policy explains how Example Advocacy complies with the UK General Data "
          "Protection Regulation and the Data Protection Act 2018."},
         {}},
        {"Lawful basis",
         {"We process personal data to provide advocacy, relying on the performance of a task "
          "in the public interest for statutory advocacy and on legitimate interests for other "
          "advocacy. Health information is processed for the provision of social care."},
         {}},
        {"Keeping data secure",
         {"Case records are held on an encrypted system with role-based access. Laptops are "
          "encrypted and screens lock after five minutes. Paper notes are scanned and shredded "
          "within two working days."},
         {}},
        {"Retention",
         {"Case records are kept for six years after a case closes and are then securely "
          "deleted. A log of deletions is kept."},
         {}},
        {"Rights of individuals",
         {"People can ask to see the information we hold about them, ask for it to be corrected "
          "and, in some cases, ask for it to be deleted. Requests are answered within one "
          "month."},
         {}},
        {"Breaches",
         {"Any suspected data breach is reported to the data protection lead at once. Breaches "
          "that risk people's rights are reported to the Information Commissioner's Office "
          "within 72 hours."},
         {}}}},
  };
  return kPolicies;
}

std::string PolicyFileName(const Policy& policy) {
  return policy.number + " " + policy.title + " Policy.pdf";
}

struct RenderedPdf {
  std::string bytes;
  int pages = 0;
};

RenderedPdf RenderPolicy(const Policy& policy,
                         const std::optional<PdfEncryption>& encryption = std::nullopt) {
  std::string title = policy.title + " Policy";
  PdfBuilder b({title, "Policy", "QPM; policy; " + policy.title,
                std::string(kOrganisation) + "    " + title});
  b.Title(title);
  b.Paragraph(kOrganisation);
  b.Paragraph("Version " + policy.version + ". Approved by the board of trustees: " +
              policy.approved + ". Review date: 2027-06-30");
  for (const Section& section : policy.sections) {
    b.Heading(section.heading);
    for (const std::string& p : section.paragraphs) b.Paragraph(p);
    for (const std::string& bullet : section.bullets) b.Bullet(bullet);
    if (!section.bullets.empty()) b.Space(4);
  }
  b.Heading("Monitoring and review");
  b.Paragraph(
      "The chief officer is responsible for this policy. It is reviewed every year, or "
      "sooner if the law or our practice changes. Next review: 2027-06-30.");
  RenderedPdf out;
  out.pages = b.current_page();
  out.bytes = b.Finish(encryption);
  if (out.pages < 1 || out.pages > 2) Fail(title + " should be 1-2 pages");
  return out;
}

// ---------------------------------------------------------------------------------------------
// Content: case files. Each has the five components a QPM case file needs, each starting on its
// own page under a clear heading. Clients are "Client A" to "Client E"; everything that would
// identify someone in a real file is "[REDACTED]".

struct CaseNote {
  std::string date;
  std::string text;
};

struct Letter {
  std::string date;
  std::string to;
  std::string subject;
  std::vector<std::string> paragraphs;
};

struct CaseFile {
  std::string id;
  std::string client;
  std::string advocate;
  std::string advocacy_type;
  std::string referred_by;
  std::string referral_date;
  std::string reason;
  std::string communication;
  bool action_plan = false;    // heading "Action plan" instead of "Advocacy agreement"
  bool authorisation = false;  // heading "Authorisation form" instead of "Consent form"
  std::string plan_intro;
  std::vector<std::string> plan_items;
  std::vector<CaseNote> notes;
  std::vector<Letter> letters;
};

// The five components, under the names a profile would use, in file order.
const std::vector<std::string> kComponentKeys = {"referral form", "advocacy agreement",
                                                 "consent form", "case notes", "correspondence"};

std::vector<std::string> ComponentHeadings(const CaseFile& c) {
  return {"Referral form", c.action_plan ? "Action plan" : "Advocacy agreement",
          c.authorisation ? "Authorisation form" : "Consent form", "Case notes", "Correspondence"};
}

const std::vector<CaseFile>& CaseFiles() {
  static const std::vector<CaseFile> kCases = {
      {"CF01",
       "Client A",
       "Advocate B",
       "Care Act advocacy - needs assessment",
       "Social worker, Adult Social Care Team 2",
       "2026-02-09",
       "Client A is having a Care Act needs assessment after a stay in hospital. They have "
       "substantial difficulty understanding and retaining information about the assessment "
       "and there is no appropriate person to support them.",
       "Prefers short meetings in the morning. Written information in large print.",
       false,
       false,
       "Client A and Advocate B agreed that the advocate will support Client A to take part in "
       "their needs assessment and to say what matters to them. Client A wants to stay in "
       "their own home.",
       {"Explain the assessment process in large print before the first assessment meeting.",
        "Support Client A at the assessment meeting and check the draft assessment with them.",
        "Make sure Client A's wish to remain at home is recorded in the assessment."},
       {{"2026-02-11",
         "First visit at home. Explained the advocacy role and the assessment. "
         "Client A said they want to manage at home with help in the mornings."},
        {"2026-02-18",
         "Went through the large print assessment guide. Client A listed the tasks "
         "they find hard: washing, shopping and taking medication on time."},
        {"2026-02-25",
         "Attended the assessment with the social worker. Client A explained their "
         "mornings. Asked for the assessment to note their wish to stay at home."},
        {"2026-03-06",
         "Read the draft assessment with Client A. They agreed it reflects their "
         "views. Support plan meeting booked for 2026-03-13."},
        {"2026-03-13",
         "Support plan agreed: morning calls seven days a week. Client A is happy "
         "with the outcome and agreed that advocacy can end."}},
       {{"2026-03-16",
         "Client A",
         "End of advocacy support",
         {"Thank you for working with Example Advocacy. As we agreed on 2026-03-13, your "
          "advocacy support has now ended because your support plan is in place.",
          "If you need advocacy again in future, you or someone on your behalf can contact us "
          "at any time."}}}},
      {"CF02",
       "Client B",
       "Advocate C",
       "Community advocacy - housing repairs",
       "Self-referral by telephone",
       "2026-03-02",
       "Client B has asked their landlord several times to repair damp in their flat. They feel "
       "they are not being listened to and want help to raise the issue formally.",
       "Uses British Sign Language. A qualified interpreter is booked for every meeting.",
       true,
       false,
       "Client B and Advocate C agreed the following actions. Client B will lead the "
       "conversation with the landlord, with the advocate supporting.",
       {"Help Client B write a formal repair request to the landlord.",
        "Support Client B at a meeting with the housing officer.",
        "If repairs are not made within the landlord's timescale, support Client B to use the "
        "landlord's complaints procedure."},
       {{"2026-03-05",
         "Met Client B at our office with a BSL interpreter. Client B described "
         "the damp in two rooms and the requests made since last winter."},
        {"2026-03-12",
         "Client B drafted the repair request; the advocate helped with the "
         "wording. Client B sent it the same day."},
        {"2026-03-26",
         "Housing officer visit. Client B showed the damage. Repairs agreed for "
         "April. Client B said they felt listened to for the first time."},
        {"2026-04-23", "Repairs completed. Client B is satisfied and asked to close the case."}},
       {{"2026-03-12",
         "Housing officer, [REDACTED] Housing Association",
         "Repair request",
         {"I am writing with Client B, who has asked me to support them as their advocate.",
          "Client B has reported damp in the bedroom and bathroom of their flat several times. "
          "Client B asks for an inspection and a date for the repairs. Please reply to Client B "
          "directly, with a copy to Example Advocacy."}},
        {"2026-04-27",
         "Client B",
         "Closing your case",
         {"As you asked, we have now closed your case because the repairs are complete. You can "
          "contact us again at any time."}}}},
      {"CF03",
       "Client C",
       "Advocate B",
       "Care Act advocacy - safeguarding enquiry",
       "Safeguarding team, [REDACTED] Council",
       "2026-04-14",
       "A safeguarding enquiry has started about money going missing from Client C's account. "
       "Client C has substantial difficulty in being involved in the enquiry and has no "
       "appropriate person to support them.",
       "Communicates well verbally but tires quickly. Meetings no longer than 45 minutes.",
       false,
       false,
       "Client C and Advocate B agreed that the advocate will support Client C through the "
       "safeguarding enquiry so that their views and wishes are at the centre of it.",
       {"Explain the enquiry process and what Client C can expect.",
        "Help Client C say what outcome they want from the enquiry.",
        "Attend the enquiry meetings with Client C and check the outcome with them."},
       {{"2026-04-16",
         "First meeting. Explained the safeguarding enquiry. Client C said they "
         "want their money to be safe and do not want to fall out with their "
         "family."},
        {"2026-04-23",
         "Client C said the outcome they want is for the bank to stop others "
         "using their card. Recorded in their words."},
        {"2026-05-07",
         "Enquiry meeting. Client C's wishes were shared. Agreed plan: new card, "
         "bank support with budgeting, review in two months."},
        {"2026-07-09",
         "Review meeting. No further concerns. Client C happy for advocacy to "
         "end."}},
       {{"2026-05-08",
         "Safeguarding team, [REDACTED] Council",
         "Views of Client C",
         {"As Client C's advocate I attended the enquiry meeting on 2026-05-07.",
          "Client C's desired outcome is that their money is safe and that they keep their "
          "relationships with their family. Client C agreed to the plan made at the meeting."}},
        {"2026-07-10",
         "Client C",
         "End of advocacy support",
         {"Your advocacy support has ended as agreed at the review meeting on 2026-07-09. Thank "
          "you for working with us."}}}},
      {"CF04",
       "Client D",
       "Advocate D",
       "Non-instructed Care Act advocacy - care review",
       "Care home manager, [REDACTED] House",
       "2026-05-04",
       "Client D lives in a care home and is having a Care Act review. Client D does not use "
       "words to communicate and cannot instruct an advocate.",
       "Does not use words. Responds to music and familiar objects. Staff who know Client D "
       "well should be present.",
       true,
       true,
       "Because Client D cannot instruct an advocate, Advocate D will use a non-instructed "
       "approach, agreed with the service manager.",
       {"Observe Client D at different times of day and record responses.",
        "Talk with staff and others who know Client D well.",
        "Attend the review and ask questions on Client D's behalf."},
       {{"2026-05-07",
         "Observed Client D in the lounge and garden. Client D smiled and moved "
         "towards the garden door several times."},
        {"2026-05-14",
         "Spoke with two care staff. Both said Client D is calmer outdoors and "
         "enjoys music sessions."},
        {"2026-05-28",
         "Review meeting. Asked that daily time outdoors and music sessions be "
         "written into the care plan. Agreed."},
        {"2026-06-11", "Care plan updated. Case closed with the service manager's agreement."}},
       {{"2026-05-29",
         "Social worker, Adult Social Care Team 1",
         "Care review for Client D",
         {"Following the review on 2026-05-28, I confirm the questions I raised as Client D's "
          "non-instructed advocate: whether Client D's care plan includes daily time outdoors "
          "and regular music sessions.",
          "Thank you for agreeing to add both to the care plan."}}}},
      {"CF05",
       "Client E",
       "Advocate C",
       "Care Act advocacy - care and support planning",
       "Social worker, Adult Social Care Team 3",
       "2026-01-19",
       "Client E is moving from hospital to a new home and a care and support plan is being "
       "written. Client E has substantial difficulty weighing up the options.",
       "Prefers information in writing and time to think between meetings.",
       false,
       false,
       "Client E and Advocate C agreed that the advocate will support Client E to take part "
       "fully in planning their care and support.",
       {"Help Client E understand each option for where they could live.",
        "Support Client E at planning meetings.",
        "Check the final plan with Client E and help them challenge anything they disagree "
        "with."},
       {{"2026-01-21",
         "First meeting on the ward. Explained the advocacy role and how it "
         "differs from the social worker's role. Client E is worried about "
         "leaving hospital and wants to know what the options are. Agreed to meet "
         "weekly on Wednesdays after lunch, when Client E is least tired."},
        {"2026-01-28",
         "Went through three options with Client E: return home with support, "
         "extra care housing, or a care home. Left a written summary of each, in "
         "large print, so that Client E could read them again before the next "
         "meeting."},
        {"2026-02-02",
         "Client E had read the summaries and asked questions about extra care "
         "housing, especially about having their own front door and whether they "
         "could bring their cat. Agreed to find out and report back."},
        {"2026-02-04",
         "Telephoned the extra care scheme. Pets are allowed with the manager's "
         "agreement. Passed this on to Client E by letter, as they prefer."},
        {"2026-02-09",
         "Visited an extra care scheme with Client E and a ward nurse. Client E "
         "liked the flat, the communal lounge and the garden. Client E asked "
         "about the cost; the social worker will explain the financial "
         "assessment."},
        {"2026-02-16",
         "Planning meeting on the ward. Client E said clearly, in their own "
         "words, that they want extra care housing. The social worker agreed to "
         "look for a vacancy and to start the financial assessment."},
        {"2026-02-23",
         "Financial assessment. Supported Client E to ask questions about "
         "charges. Client E understood the contribution and was content with "
         "it."},
        {"2026-03-02",
         "Vacancy found. Client E wants to see the flat again before deciding, "
         "and wants to check that their furniture will fit. Visit arranged for "
         "next week."},
        {"2026-03-09",
         "Second visit. Client E accepted the flat. Worried about the cost of new "
         "furniture; the social worker agreed to refer for a grant. Client E "
         "asked me to check the tenancy agreement with them."},
        {"2026-03-12",
         "Read the tenancy agreement with Client E, section by section. Client E "
         "asked about repairs and visitors; both answered from the agreement."},
        {"2026-03-16",
         "Draft care and support plan received. Read it with Client E. They "
         "asked for help with shopping to be added, and for visits to be in the "
         "morning."},
        {"2026-03-23",
         "Plan revised to include shopping support and morning visits. Client E "
         "agreed the plan and signed it."},
        {"2026-04-06",
         "Client E moved into the flat. Visited the next day; they are settling "
         "in well and the grant has paid for a new bed and chair."},
        {"2026-04-20",
         "Final visit. Client E is happy in the new flat and agreed that advocacy "
         "can end. Explained how to contact us again. Closing summary written."},
        {"2026-04-21",
         "Case reviewed with the service manager and closed. Closing letter "
         "sent."}},
       {{"2026-02-17",
         "Social worker, Adult Social Care Team 3",
         "Client E's preferred option",
         {"Following the planning meeting on 2026-02-16, I confirm that Client E's preferred "
          "option is extra care housing.",
          "Client E would like to visit any flat offered before deciding, and would like time "
          "to think between meetings."}},
        {"2026-04-21",
         "Client E",
         "End of advocacy support",
         {"Your advocacy support has now ended, as we agreed on 2026-04-20. We wish you well in "
          "your new home."}}}},
  };
  return kCases;
}

// `c` under another case number and client: every mention of its client is renamed.
CaseFile Renumbered(CaseFile c, const std::string& id, const std::string& client) {
  const std::string old = c.client;
  auto rename = [&](std::string& text) {
    for (size_t pos = text.find(old); pos != std::string::npos;
         pos = text.find(old, pos + client.size())) {
      text.replace(pos, old.size(), client);
    }
  };
  for (std::string* field :
       {&c.client, &c.advocacy_type, &c.referred_by, &c.reason, &c.communication, &c.plan_intro}) {
    rename(*field);
  }
  for (std::string& item : c.plan_items) rename(item);
  for (CaseNote& note : c.notes) rename(note.text);
  for (Letter& letter : c.letters) {
    rename(letter.to);
    rename(letter.subject);
    for (std::string& p : letter.paragraphs) rename(p);
  }
  c.id = id;
  return c;
}

// The three cases an office merged into one PDF (case-files/several-cases-in-one.pdf). CF09 is
// CF05 under another number and client: its case notes run over two pages, so one page of the
// merged file names no case at its top.
const std::vector<CaseFile>& MergedCaseFiles() {
  static const std::vector<CaseFile> kCases = {
      {"CF07",
       "Client H",
       "Advocate B",
       "Care Act advocacy - review of care and support plan",
       "Social worker, Adult Social Care Team 4",
       "2026-06-01",
       "Client H's care and support plan is being reviewed after a fall at home. Client H has "
       "substantial difficulty weighing up the changes suggested and has no appropriate person "
       "to support them.",
       "Wears hearing aids. Prefers meetings at home in the afternoon.",
       false,
       false,
       "Client H and Advocate B agreed that the advocate will support Client H to take part in "
       "the review and to say what help they want after the fall.",
       {"Explain the review and the changes the social worker is suggesting.",
        "Support Client H at the review meeting.",
        "Check the revised plan with Client H before it is signed."},
       {{"2026-06-03",
         "First visit at home. Explained the review. Client H wants to keep going to the "
         "lunch club and is worried about being moved."},
        {"2026-06-10",
         "Review meeting at home. Client H asked for a pendant alarm rather than more visits. "
         "Agreed by the social worker."},
        {"2026-06-24",
         "Read the revised plan with Client H. They agreed it and were happy for advocacy to "
         "end."}},
       {{"2026-06-25",
         "Client H",
         "End of advocacy support",
         {"Your advocacy support has ended, as we agreed on 2026-06-24, now that your revised "
          "plan is in place.",
          "You can contact Example Advocacy again at any time."}}}},
      {"CF08",
       "Client I",
       "Advocate D",
       "IMCA - serious medical treatment",
       "Consultant, [REDACTED] Hospital",
       "2026-07-06",
       "A decision is needed about dental treatment under general anaesthetic. Client I "
       "cannot make the decision and has no family or friends to consult.",
       "Does not use words. Shows distress with raised voices. Calmer with music.",
       true,
       true,
       "Because Client I cannot instruct an advocate, Advocate D will represent Client I's "
       "wishes, feelings and beliefs as far as they can be found out.",
       {"Meet Client I at home and observe how they respond to people and places.",
        "Speak with the support workers who know Client I best.",
        "Write an IMCA report for the decision maker before the best interests meeting."},
       {{"2026-07-08",
         "Met Client I at home with a support worker. Client I pointed to their jaw and "
         "pushed food away at lunch."},
        {"2026-07-15",
         "Spoke with two support workers. Both said Client I has been eating less for a "
         "month and is calmer with music playing."},
        {"2026-07-22",
         "Best interests meeting. Asked that music be played before the anaesthetic. Agreed "
         "and written into the treatment plan."}},
       {{"2026-07-16",
         "Consultant, [REDACTED] Hospital",
         "IMCA report for Client I",
         {"Please find my report attached. Client I shows signs of pain when eating and is "
          "calmer with music.",
          "I ask that the best interests meeting considers how the treatment day can be made "
          "less distressing for Client I."}}}},
      Renumbered(CaseFiles()[4], "CF09", "Client J"),
  };
  return kCases;
}

// Extra text that turns the clean CF03 into the planted-personal-data sample.
struct Plant {
  std::vector<std::string> case_notes_lines;  // added to the case-notes page
  std::string keywords;                       // replaces the Info /Keywords
};

// Writes component `index` (0-4) of case file `c` on the builder's current page onwards.
void RenderComponent(PdfBuilder& b, const CaseFile& c, size_t index,
                     const std::optional<Plant>& plant) {
  const std::vector<std::string> headings = ComponentHeadings(c);
  b.Title(headings[index]);
  b.Row("Case reference:", c.id);
  b.Row("Client:", c.client);
  b.Row("Advocate:", c.advocate);
  b.Space(6);
  switch (index) {
    case 0:
      b.Row("Date of referral:", c.referral_date);
      b.Row("Referred by:", c.referred_by);
      b.Row("Type of advocacy:", c.advocacy_type);
      b.Row("Address:", "[REDACTED]");
      b.Row("Reason for referral:", c.reason);
      b.Row("Communication needs:", c.communication);
      b.Row("Risks to advocate:", "None known at referral.");
      b.Row("Referral accepted:", c.referral_date + ", by the service manager.");
      break;
    case 1:
      b.Paragraph(c.plan_intro);
      b.Heading(c.action_plan ? "Actions" : "What we agreed");
      for (const std::string& item : c.plan_items) b.Bullet(item);
      b.Space(6);
      b.Paragraph("This " + std::string(c.action_plan ? "plan" : "agreement") +
                  " will be reviewed at every meeting and can be changed at any time at " +
                  c.client + "'s request.");
      b.Row("Agreed on:", c.notes.front().date);
      break;
    case 2:
      if (c.authorisation) {
        b.Paragraph(c.client +
                    " cannot instruct an advocate. This form authorises "
                    "non-instructed advocacy, so that an advocate can act to make sure " +
                    c.client + "'s rights, wishes and interests are taken into account.");
        b.Row("Reason:",
              "Client does not use words to communicate and cannot give consent to "
              "advocacy. Assessed by the advocate and the care home manager.");
        b.Row("Approach:", "Observation, and talking with people who know the client well.");
        b.Row("Authorised by:", "Service manager, Example Advocacy");
        b.Row("Date:", c.referral_date);
        b.Row("Review:", "At the care review, or sooner if circumstances change.");
      } else {
        b.Paragraph("I agree that Example Advocacy may support me as my advocate.");
        b.Paragraph(
            "I understand that my advocate works for me and will only share information "
            "about me with my agreement, except where someone is at risk of serious "
            "harm or the law requires it.");
        b.Paragraph("I agree that my advocate may speak to the following people about my case:");
        b.Bullet(c.referred_by + ".");
        b.Bullet("Other professionals involved in my care, when I agree at the time.");
        b.Space(6);
        b.Row("Signed:", "[REDACTED]");
        b.Row("Date:", c.notes.front().date);
        b.Row("Witnessed by:", c.advocate);
      }
      break;
    case 3:
      for (const CaseNote& note : c.notes) {
        b.Row(note.date, note.text);
        b.Space(2);
      }
      if (plant) {
        for (const std::string& line : plant->case_notes_lines) b.Paragraph(line);
      }
      break;
    case 4:
      for (size_t i = 0; i < c.letters.size(); ++i) {
        const Letter& letter = c.letters[i];
        if (i > 0) b.Space(14);
        b.Row("Date:", letter.date);
        b.Row("To:", letter.to);
        b.Row("Subject:", letter.subject);
        b.Space(4);
        for (const std::string& p : letter.paragraphs) b.Paragraph(p);
        b.Paragraph("Yours sincerely,");
        b.Paragraph(c.advocate + ", Example Advocacy");
      }
      break;
    default:
      Fail("no such component");
  }
}

struct RenderedCaseFile {
  std::vector<std::pair<std::string, std::string>> files;  // name in "Case files/", bytes
  std::vector<std::pair<int, int>> ranges;                 // per component, 1-based pages
  std::vector<int> pages;                                  // per file
};

// Writes a case file as one PDF (`split` false) or as a folder of one PDF per component.
RenderedCaseFile RenderCaseFile(const CaseFile& c, bool split,
                                const std::optional<Plant>& plant = std::nullopt) {
  RenderedCaseFile out;
  const std::vector<std::string> headings = ComponentHeadings(c);
  std::string footer = std::string(kOrganisation) + "    " + c.id;
  std::string keywords = plant ? plant->keywords : "QPM; case file; " + c.id;
  if (!split) {
    PdfBuilder b({c.id + " case file", "Anonymised case file", keywords, footer});
    for (size_t i = 0; i < headings.size(); ++i) {
      b.NewPage();
      int first = b.current_page();
      RenderComponent(b, c, i, plant);
      out.ranges.emplace_back(first, b.current_page());
    }
    out.pages.push_back(b.current_page());
    out.files.emplace_back(c.id + ".pdf", b.Finish());
    return out;
  }
  for (size_t i = 0; i < headings.size(); ++i) {
    PdfBuilder b({c.id + " " + headings[i], "Anonymised case file", keywords, footer});
    RenderComponent(b, c, i, plant);
    out.ranges.emplace_back(1, b.current_page());
    out.pages.push_back(b.current_page());
    out.files.emplace_back(c.id + "/" + std::to_string(i + 1) + " " + headings[i] + ".pdf",
                           b.Finish());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Content: IMCA and Care Act advocacy reports. The person is "P" throughout, as in many real
// anonymised reports.

struct Report {
  std::string kind;  // "IMCA" or "Care Act"
  int number = 0;
  std::string date;
  std::string subject;  // the decision or the Care Act process
  std::string instructed_by;
  std::string background;
  std::string what_i_did;
  std::string wishes;
  std::string others;
  std::vector<std::string> points;  // options considered, or issues raised
  std::string conclusion;
};

const std::vector<Report>& Reports() {
  static const std::vector<Report> kReports = {
      {"IMCA",
       1,
       "2026-02-20",
       "Long-term accommodation after discharge from hospital",
       "Discharge coordinator, [REDACTED] Hospital",
       "P was admitted to hospital after a fall at home. The hospital team has assessed that P "
       "lacks capacity to decide where to live after discharge. P has no family or friends "
       "who can be consulted.",
       "I met P twice on the ward, in private. I read the capacity assessment and the "
       "occupational therapy report, and spoke with the ward manager and the discharge "
       "coordinator.",
       "P told me several times that they want to go home. P spoke warmly about their garden "
       "and their neighbours. P became upset when a care home was mentioned.",
       "The occupational therapist believes P could manage at home with four calls a day and "
       "equipment. The ward manager is worried about further falls at night.",
       {"Return home with a package of care and a falls alarm.",
        "A trial period in a residential care home.",
        "Return home with a package of care and a review after six weeks."},
       "I ask the decision maker to give weight to P's clear and consistent wish to go home, "
       "and to consider whether the risk of falls could be reduced with equipment before a "
       "care home is chosen. The decision maker decided that P will return home with four "
       "calls a day, a falls alarm and a review after six weeks."},
      {"IMCA",
       2,
       "2026-03-18",
       "Serious medical treatment: dental treatment under general "
       "anaesthetic",
       "Consultant in special care dentistry, [REDACTED] Dental Service",
       "P has severe tooth decay that is causing pain. The dental team has assessed that P "
       "lacks capacity to consent to treatment under general anaesthetic.",
       "I met P at their supported living home with a support worker P knows well. I read the "
       "dental assessment and the capacity assessment, and spoke with the consultant.",
       "P showed signs of pain when eating and pointed to their mouth. P was anxious in "
       "clinical settings during past appointments, according to their support records.",
       "Support staff say P has been eating less and has been more withdrawn. The consultant "
       "believes treatment would relieve P's pain.",
       {"Treatment under general anaesthetic, with familiar staff present before and after.",
        "Pain relief only, with a review in three months."},
       "I raised whether the appointment could be at a quiet time, with a familiar support "
       "worker present, to reduce P's anxiety. The decision maker agreed to treatment under "
       "general anaesthetic with these adjustments."},
      {"IMCA",
       3,
       "2026-04-22",
       "Review of accommodation arranged by the local authority",
       "Reviewing officer, [REDACTED] Council",
       "P has lived in a care home for one year following an IMCA-supported decision. This is "
       "the review of that arrangement.",
       "I visited P at the care home twice, at different times of day. I read P's care plan "
       "and daily notes and spoke with the home manager and P's key worker.",
       "P appeared relaxed and settled. P showed me their room and their photographs, and "
       "joined in an afternoon music session with other residents.",
       "Staff report that P sleeps well, eats well and takes part in activities. The home "
       "manager has no concerns about the placement.",
       {"P remains at the care home with the current care plan.",
        "P moves to a smaller home nearer to their former neighbourhood."},
       "There is no evidence that P is unhappy at the home, and a move would cause disruption. "
       "I asked that P's interest in music be written into the care plan. The decision maker "
       "decided that P remains at the home, with music added to the care plan."},
      {"IMCA",
       4,
       "2026-06-10",
       "Adult safeguarding: protective measures",
       "Safeguarding lead, [REDACTED] Council",
       "Concerns were raised that P may be being financially exploited by an acquaintance. P "
       "lacks capacity to decide on protective measures and has no one appropriate to "
       "consult.",
       "I met P at a day centre they attend, and again at home. I read the safeguarding "
       "referral and spoke with the day centre manager and the social worker.",
       "P said the acquaintance is their friend and that they like the visits. P also said "
       "they sometimes have no money left for food at the end of the week.",
       "The day centre manager has noticed P arriving hungry. The social worker is concerned "
       "that P's benefits are being taken.",
       {"An appointee to manage P's benefits, with weekly spending money for P.",
        "Support from a money advice service, with P keeping control of their account.",
        "No change, with monitoring by the day centre."},
       "I asked the decision maker to choose the least restrictive option that keeps P's "
       "friendship, which matters to P. The decision maker chose support from a money advice "
       "service with weekly checks, to be reviewed in three months."},
      {"IMCA",
       5,
       "2026-08-27",
       "Serious medical treatment: treatment options for cancer",
       "Consultant oncologist, [REDACTED] Hospital",
       "P has been diagnosed with cancer. The treating team has assessed that P lacks capacity "
       "to decide between the treatment options offered.",
       "I met P three times, twice at home and once at the clinic. I read the medical notes "
       "and the capacity assessment and spoke with the consultant and P's GP.",
       "P said they do not want to stay in hospital. P has always avoided hospitals, according "
       "to their GP records, and was distressed at the clinic.",
       "The consultant explained that surgery offers the best chance of cure but needs a long "
       "stay in hospital. The GP feels P would cope better with treatment at home.",
       {"Surgery followed by a stay in hospital.",
        "Radiotherapy as an outpatient, with transport and a familiar companion.",
        "Palliative care at home."},
       "I asked the decision maker to weigh P's strong and lasting wish to avoid hospital "
       "stays against the benefit of surgery. The decision maker chose outpatient "
       "radiotherapy with transport and a familiar companion."},
      {"Care Act",
       1,
       "2026-02-12",
       "Needs assessment",
       "Social worker, Adult Social Care Team 2",
       "P is having a Care Act needs assessment. P has substantial difficulty understanding "
       "the process and no appropriate person to support them.",
       "I met P three times at home and attended the assessment meeting with them. I went "
       "through easy read information about the assessment before each meeting.",
       "P wants to keep going to their allotment and to see their friends at the community "
       "centre. P said they need help with cooking and with letters.",
       "The social worker agreed that P's wellbeing depends on staying active in their "
       "community.",
       {"P's wish to keep their allotment and friendships was recorded as a wellbeing outcome.",
        "P asked for help with letters; this was added as an eligible need.",
        "P was given the draft assessment in easy read before it was finalised."},
       "P took part fully in the assessment and agreed with the final version. Advocacy "
       "ended when the assessment was complete."},
      {"Care Act",
       2,
       "2026-04-08",
       "Care and support planning",
       "Social worker, Adult Social Care Team 1",
       "P has eligible needs and a care and support plan is being prepared. P has substantial "
       "difficulty weighing up the options for support.",
       "I met P twice at home and once by video call, and attended the planning meeting.",
       "P wants support workers who speak their first language and who arrive at the same "
       "time each day.",
       "P's daughter, who P asked to be involved, supports P's wishes.",
       {"P asked for support workers who speak their first language; the provider agreed.",
        "P asked for regular call times; the plan sets a fixed morning call.",
        "P chose a direct payment for their day activity."},
       "The plan reflects P's wishes. P signed the plan and advocacy ended."},
      {"Care Act",
       3,
       "2026-05-20",
       "Review of care and support plan",
       "Reviewing officer, [REDACTED] Council",
       "P's care and support plan is being reviewed after six months. P has substantial "
       "difficulty being involved and no appropriate person.",
       "I met P at their supported living home and attended the review meeting.",
       "P said they are happy with their support but would like to go swimming again, which "
       "they did before.",
       "Support staff said they could support P to go swimming once a week.",
       {"Swimming once a week was added to the plan.",
        "P asked for the review letter in easy read; this was agreed."},
       "The review concluded with the plan updated. P was pleased and advocacy ended."},
      {"Care Act",
       4,
       "2026-07-15",
       "Safeguarding enquiry under section 42",
       "Safeguarding team, [REDACTED] Council",
       "A safeguarding enquiry was opened after P reported being shouted at by a member of "
       "staff at their day service. P has substantial difficulty being involved in the "
       "enquiry.",
       "I met P three times, explained the enquiry, and attended two enquiry meetings with "
       "them.",
       "P wants to keep attending the day service but does not want to work with that member "
       "of staff.",
       "The day service manager agreed to change staffing arrangements while the enquiry "
       "continued.",
       {"P's desired outcome was recorded in their own words.",
        "P was kept informed of progress in easy read letters.",
        "P was supported to say whether they felt safe at the end of the enquiry."},
       "The enquiry concluded with new staffing arrangements and training at the day service. "
       "P said they feel safe and advocacy ended."},
      {"Care Act",
       5,
       "2026-09-16",
       "Carer's assessment",
       "Carers' support worker, [REDACTED] Council",
       "P cares for their adult son and is having a carer's assessment. P has substantial "
       "difficulty retaining information because of a memory condition.",
       "I met P twice at home, left written notes after each meeting and attended the "
       "assessment.",
       "P wants a break one afternoon a week and help to understand their son's support plan.",
       "The carers' support worker agreed that P is at risk of carer breakdown without a "
       "break.",
       {"A weekly sitting service was agreed so that P can have a break.",
        "A written summary of their son's support plan was provided."},
       "P's needs as a carer were assessed and a support plan agreed. Advocacy ended."},
  };
  return kReports;
}

std::string ReportPath(const Report& r) {
  return "Reports/" + r.kind + "/" + r.kind + " report " + TwoDigits(r.number) + ".pdf";
}

RenderedPdf RenderReport(const Report& r) {
  bool imca = r.kind == "IMCA";
  std::string title =
      imca ? "Independent Mental Capacity Advocate report" : "Care Act advocacy report";
  std::string reference = (imca ? "IMCA-2026-" : "CAA-2026-") + TwoDigits(r.number);
  PdfBuilder b({title + " " + reference, "Anonymised advocacy report", "QPM; report; " + r.kind,
                std::string(kOrganisation) + "    " + reference});
  b.Title(title);
  b.Row("Report reference:", reference);
  b.Row("Date of report:", r.date);
  b.Row(imca ? "Decision:" : "Care Act process:", r.subject);
  b.Row("Instructed by:", r.instructed_by);
  b.Row("Person:", "P (name withheld in this anonymised copy)");
  b.Row("Advocate:", "Advocate B, Example Advocacy");
  b.Heading("Background");
  b.Paragraph(r.background);
  b.Heading("What I did");
  b.Paragraph(r.what_i_did);
  b.Heading(imca ? "P's wishes, feelings, beliefs and values" : "What P told me");
  b.Paragraph(r.wishes);
  b.Heading("Views of others");
  b.Paragraph(r.others);
  b.Heading(imca ? "Options considered" : "Issues raised on P's behalf");
  for (const std::string& point : r.points) b.Bullet(point);
  b.Heading(imca ? "Representations and outcome" : "Outcome");
  b.Paragraph(r.conclusion);
  b.Paragraph("Advocate B, Example Advocacy, " + r.date + ".");
  RenderedPdf out;
  out.pages = b.current_page();
  out.bytes = b.Finish();
  if (out.pages < 1 || out.pages > 2) Fail(reference + " should be 1-2 pages");
  return out;
}

// ---------------------------------------------------------------------------------------------
// The fillable workbook. Field names are generic ("Check Box1", "Text1"), as Word's PDF export
// names them, so the tool has to find each answer's indicator from the page layout, not from
// the name. Every widget carries its own appearance stream, so viewers show the ticks and the
// text without regenerating anything (NeedAppearances stays false).

class FormFields {
 public:
  explicit FormFields(PoDoFo::PdfMemDocument& doc) : doc_(doc) {
    form_ = doc_.GetAcroForm(PoDoFo::ePdfCreateObject, PoDoFo::ePdfAcroFormDefaultAppearance_None);
    // Plain base-14 font dictionaries for the form's default resources (/DR): what a viewer
    // uses if it ever rebuilds an appearance from /DA.
    helv_ = NewFont("Helvetica", true);
    zadb_ = NewFont("ZapfDingbats", false);
    PoDoFo::PdfDictionary fonts;
    fonts.AddKey(PoDoFo::PdfName("Helv"), helv_->Reference());
    fonts.AddKey(PoDoFo::PdfName("ZaDb"), zadb_->Reference());
    PoDoFo::PdfDictionary resources;
    resources.AddKey(PoDoFo::PdfName("Font"), fonts);
    PoDoFo::PdfDictionary& form = form_->GetObject()->GetDictionary();
    form.AddKey(PoDoFo::PdfName("DR"), resources);
    form.AddKey(PoDoFo::PdfName("DA"), PoDoFo::PdfString("/Helv 0 Tf 0 g"));
    form_->SetNeedAppearances(false);
  }

  // A ticked check box whose "on" appearance state is `on_state` (Word exports use "Yes",
  // other tools "On"; readers must not assume either).
  void AddTickedCheckBox(PoDoFo::PdfPage* page, const PoDoFo::PdfRect& rect,
                         const std::string& on_state) {
    PoDoFo::PdfCheckBox box(page, rect, form_);
    box.SetFieldName(PoDoFo::PdfString("Check Box" + std::to_string(++check_boxes_)));
    PoDoFo::PdfAnnotation* widget = box.GetWidgetAnnotation();
    PrepareWidget(widget);
    double w = rect.GetWidth();
    double h = rect.GetHeight();
    std::string frame =
        "0 G 0.8 w 0.4 0.4 " + FormatNumber(w - 0.8) + " " + FormatNumber(h - 0.8) + " re S\n";
    // The tick is a stroked path rather than a ZapfDingbats glyph, so it renders even where
    // no Dingbats font is installed.
    std::string tick = "1.6 w 1 J 1 j " + FormatNumber(w * 0.22) + " " + FormatNumber(h * 0.52) +
                       " m " + FormatNumber(w * 0.42) + " " + FormatNumber(h * 0.25) + " l " +
                       FormatNumber(w * 0.80) + " " + FormatNumber(h * 0.80) + " l S\n";
    PoDoFo::PdfObject* on = NewAppearance(w, h, "q\n" + frame + tick + "Q\n", false);
    PoDoFo::PdfObject* off = NewAppearance(w, h, "q\n" + frame + "Q\n", false);
    PoDoFo::PdfDictionary normal;
    normal.AddKey(PoDoFo::PdfName(on_state), on->Reference());
    normal.AddKey(PoDoFo::PdfName("Off"), off->Reference());
    PoDoFo::PdfDictionary appearance;
    appearance.AddKey(PoDoFo::PdfName("N"), normal);
    PoDoFo::PdfDictionary& field = box.GetFieldObject()->GetDictionary();
    field.AddKey(PoDoFo::PdfName("AP"), appearance);
    field.AddKey(PoDoFo::PdfName("V"), PoDoFo::PdfName(on_state));
    field.AddKey(PoDoFo::PdfName("AS"), PoDoFo::PdfName(on_state));
    field.AddKey(PoDoFo::PdfName("DA"), PoDoFo::PdfString("/ZaDb 0 Tf 0 g"));
    box.SetCaption(PoDoFo::PdfString("4"));  // /MK /CA: the Dingbats check a viewer would use
  }

  // A multi-line text field holding `value`, already wrapped into `lines` for the appearance.
  void AddTextField(PoDoFo::PdfPage* page, const PoDoFo::PdfRect& rect, const std::string& value,
                    const std::vector<std::string>& lines, float font_size, double leading) {
    PoDoFo::PdfTextField field(page, rect, form_);
    field.SetFieldName(PoDoFo::PdfString("Text" + std::to_string(++text_fields_)));
    field.SetMultiLine(true);
    field.SetText(PoDoFo::PdfString(value));
    PrepareWidget(field.GetWidgetAnnotation());
    PoDoFo::PdfDictionary& dict = field.GetFieldObject()->GetDictionary();
    dict.RemoveKey(PoDoFo::PdfName("DS"));  // PoDoFo's 12pt rich-text default; we use 9pt plain
    std::string size = FormatNumber(font_size);
    dict.AddKey(PoDoFo::PdfName("DA"), PoDoFo::PdfString("/Helv " + size + " Tf 0 g"));
    double w = rect.GetWidth();
    double h = rect.GetHeight();
    std::string content = "/Tx BMC\nq\n1 1 " + FormatNumber(w - 2) + " " + FormatNumber(h - 2) +
                          " re W n\nBT\n/Helv " + size + " Tf\n0 g\n" + FormatNumber(leading) +
                          " TL\n4 " + FormatNumber(h - 3 - font_size) + " Td\n";
    for (size_t i = 0; i < lines.size(); ++i) {
      content += (i == 0 ? "" : "T* ") + PdfLiteral(lines[i]) + " Tj\n";
    }
    content += "ET\nQ\nEMC\n";
    PoDoFo::PdfObject* normal = NewAppearance(w, h, content, true);
    PoDoFo::PdfDictionary appearance;
    appearance.AddKey(PoDoFo::PdfName("N"), normal->Reference());
    dict.AddKey(PoDoFo::PdfName("AP"), appearance);
  }

  int check_boxes() const { return check_boxes_; }
  int text_fields() const { return text_fields_; }

 private:
  static void PrepareWidget(PoDoFo::PdfAnnotation* widget) {
    widget->SetFlags(PoDoFo::ePdfAnnotationFlags_Print);
    widget->SetBorderStyle(0, 0, 0);  // the appearance streams draw what is needed
    // PoDoFo stamps each annotation's /M with the wall clock.
    widget->GetObject()->GetDictionary().AddKey(PoDoFo::PdfName("M"), PoDoFo::PdfString(kPdfDate));
  }

  PoDoFo::PdfObject* NewFont(const char* base_font, bool win_ansi) {
    PoDoFo::PdfObject* font = doc_.GetObjects().CreateObject("Font");
    PoDoFo::PdfDictionary& dict = font->GetDictionary();
    dict.AddKey(PoDoFo::PdfName("Subtype"), PoDoFo::PdfName("Type1"));
    dict.AddKey(PoDoFo::PdfName("BaseFont"), PoDoFo::PdfName(base_font));
    if (win_ansi) dict.AddKey(PoDoFo::PdfName("Encoding"), PoDoFo::PdfName("WinAnsiEncoding"));
    return font;
  }

  // A form XObject of size w x h with the given content stream.
  PoDoFo::PdfObject* NewAppearance(double w, double h, const std::string& content, bool uses_helv) {
    PoDoFo::PdfXObject xobject(PoDoFo::PdfRect(0, 0, w, h), &doc_);
    if (uses_helv) {
      xobject.AddResource(PoDoFo::PdfName("Helv"), helv_->Reference(), PoDoFo::PdfName("Font"));
    }
    xobject.GetContentsForAppending()->GetStream()->Set(
        content.c_str(), static_cast<PoDoFo::pdf_long>(content.size()));
    return xobject.GetObject();
  }

  PoDoFo::PdfMemDocument& doc_;
  PoDoFo::PdfAcroForm* form_ = nullptr;
  PoDoFo::PdfObject* helv_ = nullptr;
  PoDoFo::PdfObject* zadb_ = nullptr;
  int check_boxes_ = 0;
  int text_fields_ = 0;
};

struct RenderedWorkbook {
  std::string bytes;
  int pages = 0;
  Json answers = Json::array();
  std::map<std::string, int> page_of;     // indicator id -> the page it is printed on
  std::vector<std::string> across_pages;  // narratives printed over a page break
};

// What the front of a workbook states, and how its edition differs from Principles().
struct WorkbookEdition {
  std::string wte = "6";
  int band = 1;
  std::string issued = "2026-09-01";
  std::string edition;               // printed under the title when set: "Edition 5"
  std::vector<std::string> dropped;  // indicator ids this edition no longer has
  std::vector<Indicator> added;      // each at the end of the principle its id's number names
  // Narrative id -> the answer written instead of Principles()' own ("" = left blank): the
  // planted gaps of samples/gaps/.
  std::map<std::string, std::string> answers;
};

// Principles() as an edition has them.
std::vector<Principle> EditionPrinciples(const WorkbookEdition& edition) {
  std::vector<Principle> out = Principles();
  for (size_t p = 0; p < out.size(); ++p) {
    std::vector<Indicator>& list = out[p].indicators;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const Indicator& i) {
                                return std::find(edition.dropped.begin(), edition.dropped.end(),
                                                 i.id) != edition.dropped.end();
                              }),
               list.end());
    std::string prefix = std::to_string(p + 1) + ".";
    for (const Indicator& i : edition.added) {
      if (std::string_view(i.id).substr(0, prefix.size()) == prefix) list.push_back(i);
    }
  }
  size_t before = 0, after = 0;
  for (const Principle& p : Principles()) before += p.indicators.size();
  for (const Principle& p : out) after += p.indicators.size();
  if (after != before - edition.dropped.size() + edition.added.size()) {
    Fail("a dropped indicator is not in Principles(), or an added one names no principle");
  }
  return out;
}

// The fillable workbook: a check box beside every tick indicator, a text field under every
// narrative, all of them filled in.
RenderedWorkbook RenderWorkbook(const WorkbookEdition& edition = {}) {
  PdfBuilder b({"QPM Assessment Workbook - Example Advocacy", "QPM Assessment Workbook",
                "QPM; workbook; Band " + std::to_string(edition.band),
                "QPM Assessment Workbook    Example Advocacy"});
  FormFields fields(b.doc());
  RenderedWorkbook out;

  b.Title("QPM Assessment Workbook");
  if (!edition.edition.empty()) b.Paragraph(edition.edition);
  b.Paragraph("Advocacy Quality Performance Mark - desktop assessment");
  b.Space(12);
  b.Paragraph("Organisation: Example Advocacy");
  b.Paragraph("Whole-time equivalent advocates: " + edition.wte);
  b.Paragraph("Band " + std::to_string(edition.band));
  b.Paragraph("Workbook issued: " + edition.issued);
  b.Paragraph("Submitted: 2026-11-20");
  b.Space(12);
  b.Heading("How to complete this workbook");
  b.Paragraph(
      "The workbook has ten sections, one for each principle of the Advocacy Charter. "
      "For each indicator, either tick the box to confirm that the organisation meets "
      "it, or write a narrative in the box provided. Narratives should describe "
      "current practice and must not identify any person who uses the service.");
  b.Paragraph(
      "Send the completed workbook with your policies, anonymised case files and "
      "advocacy reports as one desktop submission.");

  constexpr double kIdX = kMarginLeft;
  constexpr double kWordingX = kMarginLeft + 34;
  constexpr double kBoxSize = 13;
  constexpr double kBoxX = kPageWidth - kMarginRight - kBoxSize;
  constexpr double kTickWordingWidth = kBoxX - 16 - kWordingX;
  constexpr double kFieldWidth = kPageWidth - kMarginRight - kWordingX;
  constexpr float kFieldFont = 9;
  constexpr double kFieldLeading = 11;
  constexpr double kLeading = 14;

  int principle_number = 0;
  for (const Principle& principle : EditionPrinciples(edition)) {
    ++principle_number;
    b.NewPage();
    b.Title("Section " + std::to_string(principle_number) + ": " + principle.name);
    b.Paragraph(principle.summary);
    b.Space(6);
    for (const Indicator& indicator : principle.indicators) {
      double wording_width = indicator.tick ? kTickWordingWidth : kFieldWidth;
      size_t wording_lines = b.Wrap(indicator.wording, b.regular(), 10.5f, wording_width).size();
      std::vector<std::string> answer_lines;
      double field_height = 0;
      auto planted = edition.answers.find(indicator.id);
      const bool replaced = planted != edition.answers.end();
      const std::string text = indicator.tick ? ""
                               : replaced     ? planted->second
                                              : std::string(indicator.answer);
      if (!indicator.tick) {
        answer_lines = b.Wrap(text, b.regular(), kFieldFont, kFieldWidth - 8);
        field_height = static_cast<double>(answer_lines.size()) * kFieldLeading + 8;
      }
      b.EnsureSpace(static_cast<double>(wording_lines) * kLeading + field_height + 16);
      double top = b.y();
      b.DrawAt(indicator.id, b.bold(), 10.5f, kIdX, top - 10.5);
      out.page_of[indicator.id] = b.current_page();
      b.Draw(indicator.wording, b.regular(), 10.5f, kWordingX, wording_width, kLeading);
      Json answer;
      answer["indicator"] = indicator.id;
      if (indicator.tick) {
        // Alternate the on-state name so readers cannot rely on "/Yes".
        std::string on_state = fields.check_boxes() % 2 == 0 ? "Yes" : "On";
        fields.AddTickedCheckBox(b.page(), PoDoFo::PdfRect(kBoxX, top - 12.5, kBoxSize, kBoxSize),
                                 on_state);
        answer["kind"] = "tick";
        answer["state"] = "ticked";
        answer["words"] = 0;
        b.Space(10);
      } else {
        int words = CountWords(text);
        if (!replaced && (words < 40 || words > 120)) {
          Fail(std::string("narrative for ") + indicator.id + " has " + std::to_string(words) +
               " words; want 40-120");
        }
        b.Space(4);
        double bottom = b.y() - field_height;
        PoDoFo::PdfPainter& painter = b.painter();
        painter.SetStrokingColor(0.6, 0.6, 0.6);
        painter.SetStrokeWidth(0.5);
        painter.Rectangle(kWordingX, bottom, kFieldWidth, field_height);
        painter.Stroke();
        painter.SetStrokingColor(0, 0, 0);
        fields.AddTextField(b.page(), PoDoFo::PdfRect(kWordingX, bottom, kFieldWidth, field_height),
                            text, answer_lines, kFieldFont, kFieldLeading);
        b.set_y(bottom - 14);
        answer["kind"] = "narrative";
        answer["state"] = words > 0 ? "answered" : "empty";
        answer["words"] = words;
      }
      out.answers.push_back(answer);
    }
  }
  out.pages = b.current_page();
  out.bytes = b.Finish();
  return out;
}

// ---------------------------------------------------------------------------------------------
// The workbook printed to PDF (or flattened): no form fields, every answer drawn. Ticks are
// characters of the base-14 ZapfDingbats font, as flattened check boxes draw them: '4' is ✔
// (U+2714), 'o' is ❏ (U+274F) and 'q' is ❑ (U+2751), beside a drawn box or after "Yes" and "No".

// ZapfDingbats glyphs, each a small form XObject showing one character, as a form's
// appearance streams are kept when it is flattened. One XObject per character, reused.
class Dingbats {
 public:
  explicit Dingbats(PoDoFo::PdfMemDocument& doc) : doc_(doc) {
    font_ = doc_.GetObjects().CreateObject("Font");
    PoDoFo::PdfDictionary& dict = font_->GetDictionary();
    dict.AddKey(PoDoFo::PdfName("Subtype"), PoDoFo::PdfName("Type1"));
    dict.AddKey(PoDoFo::PdfName("BaseFont"), PoDoFo::PdfName("ZapfDingbats"));
  }

  // Draws `glyph` at 10 points with its box's lower left corner at (x, y).
  void Draw(PoDoFo::PdfPainter& painter, char glyph, double x, double y) {
    auto it = forms_.find(glyph);
    if (it == forms_.end()) {
      auto form = std::make_unique<PoDoFo::PdfXObject>(PoDoFo::PdfRect(0, 0, 10, 10), &doc_);
      form->AddResource(PoDoFo::PdfName("ZaDb"), font_->Reference(), PoDoFo::PdfName("Font"));
      std::string content =
          "BT\n/ZaDb 10 Tf\n0 g\n0.6 1.8 Td\n(" + std::string(1, glyph) + ") Tj\nET\n";
      form->GetContentsForAppending()->GetStream()->Set(
          content.c_str(), static_cast<PoDoFo::pdf_long>(content.size()));
      it = forms_.emplace(glyph, std::move(form)).first;
    }
    painter.DrawXObject(x, y, it->second.get());
  }

 private:
  PoDoFo::PdfMemDocument& doc_;
  PoDoFo::PdfObject* font_ = nullptr;
  std::map<char, std::unique_ptr<PoDoFo::PdfXObject>> forms_;
};

constexpr char kDingbatTick = '4';         // ✔
constexpr char kDingbatBox = 'o';          // ❏
constexpr char kDingbatShadowedBox = 'q';  // ❑

// How a printed tick indicator shows its answer.
enum class PrintedTick {
  kBox,    // a box drawn beside the wording, with ✔ in it when ticked
  kYesNo,  // a line under the wording: "Yes ✔   No ❑"
};

struct PrintedTickAnswer {
  const char* id;
  PrintedTick how;
  const char* yes_no;  // kYesNo: the glyphs after "Yes" and after "No" ("4q": Yes ✔ No ❑)
  bool ticked;
};

const std::vector<PrintedTickAnswer>& PrintedTicks() {
  using T = PrintedTick;
  static const std::vector<PrintedTickAnswer> k = {
      {"1.1", T::kBox, "", true},      {"1.3", T::kYesNo, "4q", true},
      {"2.1", T::kBox, "", true},      {"2.3", T::kBox, "", false},
      {"3.2", T::kYesNo, "o4", false}, {"4.1", T::kBox, "", true},
      {"4.3", T::kYesNo, "4o", true},  {"5.1", T::kBox, "", true},
      {"5.3", T::kYesNo, "qq", false}, {"6.1", T::kBox, "", true},
      {"6.3", T::kYesNo, "4q", true},  {"7.1", T::kBox, "", true},
      {"7.3", T::kBox, "", false},     {"8.1", T::kYesNo, "4o", true},
      {"8.2", T::kBox, "", true},      {"9.1", T::kYesNo, "q4", false},
      {"9.3", T::kBox, "", true},      {"10.1", T::kYesNo, "4q", true},
      {"10.3", T::kBox, "", true},
  };
  return k;
}

// The narrative the printed workbook leaves blank: the next indicator follows its wording.
constexpr char kPrintedBlankNarrative[] = "6.2";

RenderedWorkbook RenderPrintedWorkbook(const WorkbookEdition& edition) {
  PdfOptions options{"QPM Assessment Workbook - Example Advocacy", "QPM Assessment Workbook",
                     "QPM; workbook; Band 1",
                     "QPM Assessment Workbook \xE2\x80\x93 Example Advocacy"};
  options.footer_at_top = true;  // "QPM Assessment Workbook – Example Advocacy    Page N"
  PdfBuilder b(options);
  Dingbats dingbats(b.doc());
  RenderedWorkbook out;

  b.Title("QPM Assessment Workbook");
  b.Paragraph("Advocacy Quality Performance Mark - desktop assessment");
  b.Space(12);
  b.Paragraph("Organisation: Example Advocacy");
  b.Paragraph("Whole-time equivalent advocates: " + edition.wte);
  b.Paragraph("Band " + std::to_string(edition.band));
  b.Paragraph("Workbook issued: " + edition.issued);
  b.Paragraph("Submitted: 2026-11-20");
  b.Space(12);
  b.Paragraph(
      "For each indicator, tick Yes or the box to confirm that the organisation meets it, or "
      "write a narrative under it. Narratives must not identify any person who uses the "
      "service.");

  constexpr double kIdX = kMarginLeft;
  constexpr double kWordingX = kMarginLeft + 34;
  constexpr double kBoxSize = 12;
  constexpr double kBoxX = kPageWidth - kMarginRight - kBoxSize;
  constexpr double kTickWordingWidth = kBoxX - 16 - kWordingX;
  constexpr double kWidth = kPageWidth - kMarginRight - kWordingX;
  constexpr double kLeading = 14;

  size_t ticks_used = 0;
  int number = 0;
  for (const Principle& principle : Principles()) {
    b.Heading("Section " + std::to_string(++number) + ": " + principle.name);
    b.Paragraph(principle.summary);
    for (const Indicator& indicator : principle.indicators) {
      const PrintedTickAnswer* tick = nullptr;
      for (const PrintedTickAnswer& t : PrintedTicks()) {
        if (std::string_view(t.id) == indicator.id) tick = &t;
      }
      if (indicator.tick && tick == nullptr)
        Fail(std::string("no printed tick for ") + indicator.id);
      bool box = tick != nullptr && tick->how == PrintedTick::kBox;
      double wording_width = box ? kTickWordingWidth : kWidth;
      size_t wording_lines = b.Wrap(indicator.wording, b.regular(), 10.5f, wording_width).size();
      b.EnsureSpace(static_cast<double>(wording_lines + 2) * kLeading);
      double top = b.y();
      b.DrawAt(indicator.id, b.bold(), 10.5f, kIdX, top - 10.5);
      out.page_of[indicator.id] = b.current_page();
      b.Draw(indicator.wording, b.regular(), 10.5f, kWordingX, wording_width, kLeading);
      Json answer;
      answer["indicator"] = indicator.id;
      if (indicator.tick) {
        ++ticks_used;
        if (box) {
          PoDoFo::PdfPainter& painter = b.painter();
          painter.SetStrokeWidth(0.8);
          painter.Rectangle(kBoxX, top - 12, kBoxSize, kBoxSize);
          painter.Stroke();
          if (tick->ticked) dingbats.Draw(painter, kDingbatTick, kBoxX + 1.2, top - 11.4);
        } else {
          std::string_view glyphs = tick->yes_no;
          if (glyphs.size() != 2) Fail("a Yes/No line needs two glyphs");
          bool yes = glyphs[0] == kDingbatTick, no = glyphs[1] == kDingbatTick;
          if (yes == no ? tick->ticked : yes != tick->ticked)
            Fail("Yes/No glyphs and state differ");
          b.Space(2);
          double line = b.y() - 10.5;
          b.DrawAt("Yes", b.regular(), 10.5f, kWordingX, line);
          dingbats.Draw(b.painter(), glyphs[0], kWordingX + 22, line - 1.5);
          b.DrawAt("No", b.regular(), 10.5f, kWordingX + 48, line);
          dingbats.Draw(b.painter(), glyphs[1], kWordingX + 64, line - 1.5);
          b.Space(kLeading);
        }
        answer["kind"] = "tick";
        answer["state"] = tick->ticked ? "ticked" : "unticked";
        answer["words"] = 0;
      } else {
        bool blank = std::string_view(indicator.id) == kPrintedBlankNarrative;
        if (!blank) {
          b.Space(3);
          int first_page = b.current_page();
          b.Draw(indicator.answer, b.regular(), 10.5f, kWordingX, kWidth, kLeading);
          if (b.current_page() != first_page) out.across_pages.push_back(indicator.id);
        }
        answer["kind"] = "narrative";
        answer["state"] = blank ? "empty" : "answered";
        answer["words"] = blank ? 0 : CheckedWords(indicator.answer);
      }
      b.Space(8);
      out.answers.push_back(answer);
    }
  }
  if (ticks_used != PrintedTicks().size()) Fail("a printed tick names no tick indicator");
  if (out.across_pages.empty()) Fail("the printed workbook should break a narrative over pages");
  out.pages = b.current_page();
  out.bytes = b.Finish();
  return out;
}

// ---------------------------------------------------------------------------------------------
// A minimal WordprocessingML package: enough parts for Word, LibreOffice and a zip+XML reader.

constexpr char kXmlHead[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char kWordNs[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

// The package around a document.xml and its styles.xml, with core properties naming `title`
// and `creator`.
// `extra` parts (name, bytes) go in after the others: comments, for one.
std::string DocxPackage(const std::string& document, const std::string& styles,
                        const std::string& title, const std::string& creator,
                        const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  const std::string xml_head = kXmlHead;
  const std::string content_types =
      xml_head +
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "</Types>";
  const std::string package_rels =
      xml_head +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"word/document.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
      "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
      "</Relationships>";
  const std::string document_rels =
      xml_head +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/styles\" Target=\"styles.xml\"/>"
      "</Relationships>";
  const std::string core =
      xml_head +
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      "<dc:title>" +
      title + "</dc:title><dc:creator>" + creator + "</dc:creator><cp:lastModifiedBy>" + creator +
      "</cp:lastModifiedBy><cp:revision>1</cp:revision>"
      "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" +
      std::string(kIsoDate) + "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" +
      kIsoDate + "</dcterms:modified></cp:coreProperties>";
  ZipWriter zip;
  // [Content_Types].xml first, as Word writes it; some readers sniff for it there.
  zip.Add("[Content_Types].xml", content_types);
  zip.Add("_rels/.rels", package_rels);
  zip.Add("word/document.xml", document);
  zip.Add("word/_rels/document.xml.rels", document_rels);
  zip.Add("word/styles.xml", styles);
  zip.Add("docProps/core.xml", core);
  for (const auto& [name, bytes] : extra) zip.Add(name, bytes);
  return zip.Finish();
}

// Table borders on every side and between all cells.
std::string WordTableBorders() {
  std::string border;
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    border += std::string("<w:") + side +
              " w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
              "w:color=\"000000\"/>";
  }
  return "<w:tblBorders>" + border + "</w:tblBorders>";
}

std::string SafeguardingDocx() {
  const std::string xml_head = kXmlHead;
  const std::string w_ns = kWordNs;
  const std::string styles =
      xml_head + "<w:styles " + w_ns +
      "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/>"
      "<w:sz w:val=\"22\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
      "<w:spacing w:after=\"160\"/></w:pPr></w:pPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
      "<w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:rPr><w:b/>"
      "<w:sz w:val=\"40\"/></w:rPr></w:style>"
      "</w:styles>";
  auto paragraph = [](const std::string& text) {
    return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
  };
  auto cell = [](const std::string& text, int width, bool bold) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) +
           "\" w:type=\"dxa\"/></w:tcPr><w:p><w:r>" + (bold ? "<w:rPr><w:b/></w:rPr>" : "") +
           "<w:t>" + text + "</w:t></w:r></w:p></w:tc>";
  };
  const std::string document =
      xml_head + "<w:document " + w_ns + "><w:body>" +
      "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Safeguarding Policy</w:t></w:r>"
      "</w:p>" +
      paragraph(
          "Example Advocacy is committed to protecting adults at risk of abuse or neglect. "
          "Safeguarding adults is everyone's business, and every member of staff, "
          "volunteer and trustee must act on a concern without delay.") +
      paragraph(
          "An advocate who has a concern makes sure the person is safe from immediate "
          "harm, then tells the Designated Safeguarding Lead the same working day. The "
          "person's wishes about what happens next are sought and recorded.") +
      paragraph(
          "This policy is reviewed every year by the chief officer. Review date: "
          "2027-06-30.") +
      "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/>" + WordTableBorders() +
      "</w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"6000\"/>"
      "</w:tblGrid>" +
      "<w:tr>" + cell("Role", 3000, true) + cell("Responsibility", 6000, true) + "</w:tr>" +
      "<w:tr>" + cell("Designated Safeguarding Lead", 3000, false) +
      cell(
          "Advises staff, decides on referrals to the local authority and keeps the "
          "safeguarding log.",
          6000, false) +
      "</w:tr></w:tbl><w:p/>"
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" "
      "w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>"
      "</w:sectPr></w:body></w:document>";
  return DocxPackage(document, styles, "Safeguarding Policy", kOrganisation);
}

// ---------------------------------------------------------------------------------------------
// The workbook as a Word file, filled in the ways organisations fill it in: each principle a
// heading, each indicator one table row (id | wording | answer), and the tick answers carried by
// every kind of check box Word files hold.

std::string XmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// How a tick indicator's answer cell carries its tick.
enum class WordTick {
  kContentControl,  // a check-box content control (Word 2010 on): state in w14:checked, ☒/☐ drawn
  kLegacyField,     // a legacy FORMCHECKBOX form field: w:checked, else w:default
  kLegacyDefault,  // the same, designed ticked: w:default on and no w:checked
  kTypedGlyph,     // ☒ or ☐ typed as text
  kWingdings,      // a Wingdings w:sym: F0FE (☑) ticked, F0A8 (◻) empty
  kWingdingsX,     // a Wingdings w:sym: F0FD (☒) ticked
  kYesNo,          // "Yes ☒ No ☐": a content control beside each word
};

struct WordTickAnswer {
  const char* id;
  WordTick how;
  bool ticked;
};

// Every tick indicator of Principles(), each with the check box it is answered in.
const std::vector<WordTickAnswer>& WordTicks() {
  using T = WordTick;
  static const std::vector<WordTickAnswer> k = {
      {"1.1", T::kContentControl, true},   {"1.3", T::kLegacyField, true},
      {"2.1", T::kTypedGlyph, true},       {"2.3", T::kWingdings, true},
      {"3.2", T::kContentControl, false},  {"4.1", T::kYesNo, true},
      {"4.3", T::kLegacyField, false},     {"5.1", T::kWingdingsX, true},
      {"5.3", T::kTypedGlyph, false},      {"6.1", T::kContentControl, true},
      {"6.3", T::kWingdings, false},       {"7.1", T::kLegacyDefault, true},
      {"7.3", T::kTypedGlyph, true},       {"8.1", T::kYesNo, false},
      {"8.2", T::kContentControl, true},   {"9.1", T::kWingdings, true},
      {"9.3", T::kLegacyField, true},      {"10.1", T::kTypedGlyph, true},
      {"10.3", T::kContentControl, false},
  };
  return k;
}

// How a narrative's answer cell holds its text, when not as plain paragraphs.
constexpr char kWordPlaceholderNarrative[] = "6.2";  // Word's placeholder, never replaced
constexpr char kWordControlNarrative[] = "9.2";      // typed into a rich-text content control
constexpr char kWordTwoParagraphs[] = "3.1";         // split into two paragraphs

std::string WordRun(const std::string& text, const std::string& run_properties = "") {
  return "<w:r>" + (run_properties.empty() ? "" : "<w:rPr>" + run_properties + "</w:rPr>") +
         "<w:t xml:space=\"preserve\">" + XmlEscape(text) + "</w:t></w:r>";
}

std::string WordParagraph(const std::string& runs, const std::string& style = "") {
  return "<w:p>" +
         (style.empty() ? std::string() : "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>") +
         runs + "</w:p>";
}

constexpr char kGothic[] =
    "<w:rFonts w:ascii=\"MS Gothic\" w:eastAsia=\"MS Gothic\" w:hAnsi=\"MS Gothic\" "
    "w:hint=\"eastAsia\"/>";
constexpr char kBallotChecked[] = "\xE2\x98\x92";    // ☒
constexpr char kBallotUnchecked[] = "\xE2\x98\x90";  // ☐

// Numbers the content controls and form fields of one document, as Word does.
class WordIds {
 public:
  int Next() { return ++last_; }

 private:
  int last_ = 100;
};

std::string WordCheckBoxControl(WordIds& ids, bool checked) {
  return "<w:sdt><w:sdtPr><w:id w:val=\"" + std::to_string(ids.Next()) +
         "\"/><w14:checkbox><w14:checked w14:val=\"" + (checked ? "1" : "0") +
         "\"/><w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/>"
         "<w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox>"
         "</w:sdtPr><w:sdtContent>" +
         WordRun(checked ? kBallotChecked : kBallotUnchecked, kGothic) + "</w:sdtContent></w:sdt>";
}

std::string WordLegacyCheckBox(WordIds& ids, bool checked, bool by_default) {
  std::string state =
      by_default ? "<w:default w:val=\"1\"/>"
                 : std::string("<w:default w:val=\"0\"/>") + (checked ? "<w:checked/>" : "");
  return "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Check" +
         std::to_string(ids.Next()) +
         "\"/><w:enabled/><w:calcOnExit w:val=\"0\"/><w:checkBox><w:sizeAuto/>" + state +
         "</w:checkBox></w:ffData></w:fldChar></w:r>"
         "<w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
}

std::string WordSymbol(const char* code) {
  return std::string(
             "<w:r><w:rPr><w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\"/></w:rPr>"
             "<w:sym w:font=\"Wingdings\" w:char=\"") +
         code + "\"/></w:r>";
}

// The runs of a tick answer cell's one paragraph.
std::string WordTickRuns(WordIds& ids, const WordTickAnswer& tick) {
  switch (tick.how) {
    case WordTick::kContentControl:
      return WordCheckBoxControl(ids, tick.ticked);
    case WordTick::kLegacyField:
      return WordLegacyCheckBox(ids, tick.ticked, false);
    case WordTick::kLegacyDefault:
      if (!tick.ticked) Fail("a box designed ticked is ticked");
      return WordLegacyCheckBox(ids, true, true);
    case WordTick::kTypedGlyph:
      return WordRun(tick.ticked ? kBallotChecked : kBallotUnchecked,
                     "<w:rFonts w:ascii=\"Segoe UI Symbol\" w:hAnsi=\"Segoe UI Symbol\"/>");
    case WordTick::kWingdings:
      return WordSymbol(tick.ticked ? "F0FE" : "F0A8");
    case WordTick::kWingdingsX:
      if (!tick.ticked) Fail("F0FD is a ticked box");
      return WordSymbol("F0FD");
    case WordTick::kYesNo:
      return WordRun("Yes ") + WordCheckBoxControl(ids, tick.ticked) + WordRun("   No ") +
             WordCheckBoxControl(ids, !tick.ticked);
  }
  Fail("no such tick");
}

// The answer cell's paragraphs for a narrative.
std::string WordNarrativeParagraphs(WordIds& ids, const Indicator& indicator) {
  const std::string id = indicator.id;
  std::string answer = indicator.answer;
  if (id == kWordPlaceholderNarrative) {
    return "<w:sdt><w:sdtPr><w:id w:val=\"" + std::to_string(ids.Next()) +
           "\"/><w:placeholder><w:docPart w:val=\"DefaultPlaceholder_-1854013440\"/>"
           "</w:placeholder><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" +
           WordParagraph(WordRun("Click or tap here to enter text.",
                                 "<w:rStyle w:val=\"PlaceholderText\"/>")) +
           "</w:sdtContent></w:sdt>";
  }
  if (id == kWordControlNarrative) {
    return "<w:sdt><w:sdtPr><w:id w:val=\"" + std::to_string(ids.Next()) +
           "\"/><w:placeholder><w:docPart w:val=\"DefaultPlaceholder_-1854013440\"/>"
           "</w:placeholder></w:sdtPr><w:sdtContent>" +
           WordParagraph(WordRun(answer)) + "</w:sdtContent></w:sdt>";
  }
  if (id == kWordTwoParagraphs) {
    size_t middle = answer.find(". ", answer.size() / 2);
    if (middle == std::string::npos) Fail("no sentence to split " + id + " at");
    return WordParagraph(WordRun(answer.substr(0, middle + 1))) +
           WordParagraph(WordRun(answer.substr(middle + 2)));
  }
  return WordParagraph(WordRun(answer));
}

struct RenderedDocx {
  std::string bytes;
  Json answers = Json::array();
};

constexpr char kNorthOrganisation[] = "Example Advocacy North";

RenderedDocx RenderWordWorkbook(const WorkbookEdition& edition) {
  const std::string xml_head = kXmlHead;
  const std::string styles =
      xml_head + "<w:styles " + kWordNs +
      "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/>"
      "<w:sz w:val=\"22\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
      "<w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
      "<w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:rPr><w:b/>"
      "<w:sz w:val=\"40\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/>"
      "<w:spacing w:before=\"360\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/>"
      "<w:sz w:val=\"28\"/></w:rPr></w:style>"
      "<w:style w:type=\"character\" w:styleId=\"PlaceholderText\">"
      "<w:name w:val=\"Placeholder Text\"/><w:rPr><w:color w:val=\"808080\"/></w:rPr></w:style>"
      "</w:styles>";
  auto cell = [](const std::string& paragraphs, int width) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>" +
           paragraphs + "</w:tc>";
  };
  constexpr int kIdWidth = 800, kWordingWidth = 4300, kAnswerWidth = 3900;
  WordIds ids;
  RenderedDocx out;
  std::string body;
  body += WordParagraph(WordRun("QPM Assessment Workbook"), "Title");
  body +=
      WordParagraph(WordRun("Advocacy Quality Performance Mark \xE2\x80\x93 desktop assessment"));
  body += WordParagraph(WordRun(std::string("Organisation: ") + kNorthOrganisation));
  body += WordParagraph(WordRun("Whole-time equivalent advocates: " + edition.wte));
  body += WordParagraph(WordRun("Band " + std::to_string(edition.band)));
  body += WordParagraph(WordRun("Workbook issued: " + edition.issued));
  body += WordParagraph(WordRun("Submitted: 2026-11-20"));
  body += WordParagraph(WordRun("How to complete this workbook"), "Heading1");
  body += WordParagraph(
      WordRun("Answer every indicator in the right-hand column: tick the box to confirm that the "
              "organisation meets it, or write a narrative that describes current practice without "
              "identifying any person who uses the service."));
  size_t ticks_used = 0;
  int number = 0;
  for (const Principle& principle : Principles()) {
    body += WordParagraph(WordRun("Section " + std::to_string(++number) + ": " + principle.name),
                          "Heading1");
    body += WordParagraph(WordRun(principle.summary));
    std::string rows = "<w:tr>" + cell(WordParagraph(WordRun("No.", "<w:b/>")), kIdWidth) +
                       cell(WordParagraph(WordRun("Indicator", "<w:b/>")), kWordingWidth) +
                       cell(WordParagraph(WordRun("Your answer", "<w:b/>")), kAnswerWidth) +
                       "</w:tr>";
    for (const Indicator& indicator : principle.indicators) {
      Json answer;
      answer["indicator"] = indicator.id;
      std::string answer_cell;
      if (indicator.tick) {
        const WordTickAnswer* tick = nullptr;
        for (const WordTickAnswer& t : WordTicks()) {
          if (std::string_view(t.id) == indicator.id) tick = &t;
        }
        if (tick == nullptr) Fail(std::string("no Word check box for ") + indicator.id);
        ++ticks_used;
        answer_cell = WordParagraph(WordTickRuns(ids, *tick));
        answer["kind"] = "tick";
        answer["state"] = tick->ticked ? "ticked" : "unticked";
        answer["words"] = 0;
      } else {
        answer_cell = WordNarrativeParagraphs(ids, indicator);
        bool empty = std::string_view(indicator.id) == kWordPlaceholderNarrative;
        answer["kind"] = "narrative";
        answer["state"] = empty ? "empty" : "answered";
        answer["words"] = empty ? 0 : CheckedWords(indicator.answer);
      }
      rows += "<w:tr>" + cell(WordParagraph(WordRun(indicator.id, "<w:b/>")), kIdWidth) +
              cell(WordParagraph(WordRun(indicator.wording)), kWordingWidth) +
              cell(answer_cell, kAnswerWidth) + "</w:tr>";
      out.answers.push_back(answer);
    }
    body += "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/>" + WordTableBorders() +
            "</w:tblPr><w:tblGrid><w:gridCol w:w=\"" + std::to_string(kIdWidth) +
            "\"/><w:gridCol w:w=\"" + std::to_string(kWordingWidth) + "\"/><w:gridCol w:w=\"" +
            std::to_string(kAnswerWidth) + "\"/></w:tblGrid>" + rows + "</w:tbl>";
    body += "<w:p/>";
  }
  if (ticks_used != WordTicks().size()) Fail("a Word check box names no tick indicator");
  const std::string document =
      xml_head + "<w:document " + kWordNs +
      " xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
      "mc:Ignorable=\"w14\"><w:body>" +
      body +
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" "
      "w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>"
      "</w:sectPr></w:body></w:document>";
  out.bytes = DocxPackage(document, styles, "QPM Assessment Workbook", kNorthOrganisation);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scans. A scanned document here is one of ours printed and copied: each page of a PDF this
// program wrote is rendered by Poppler at kScanDpi, tilted a little, given a copier's grain and
// thresholded to black and white, then stored as an image-only PDF page (or a PNG), so it has
// no text layer at all. Some sheets went through the copier sideways or upside down. The grain
// comes from a fixed seed, so the bytes are the same on every run. What each page says is taken
// from the PDF before it was rasterised (Poppler's text of our own file), never from OCR: it is
// what the recorded OCR output in samples/scans/ocr/ is checked against (tests/ocr_test.cc).

constexpr int kScanDpi = 200;
// Planted on the case-notes page of scans/scanned-case-file.pdf, readable only by OCR.
constexpr char kNhsInScan[] = "999 482 0036";
static_assert(IsValidNhsNumber(kNhsInScan) && kNhsInScan[0] == '9' && kNhsInScan[1] == '9' &&
              kNhsInScan[2] == '9');
// Planted in scans/scanned-letter.png.
constexpr char kEmailInScan[] = "client.g@example.com";

// A rectangle in points, top-left origin, y downwards (as Poppler gives text boxes).
struct Rect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// What a page of a text PDF says, as Poppler reads it, and where its first word is.
struct PageTruth {
  std::vector<std::string> words;
  Rect first_word;  // points, top-left origin
};

std::string ToUtf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

std::unique_ptr<poppler::document> OpenPdf(const std::string& pdf) {
  std::vector<char> data(pdf.begin(), pdf.end());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_data(&data));
  if (!doc || doc->is_locked()) Fail("Poppler cannot open a PDF this program wrote");
  return doc;
}

PageTruth ReadTruth(const poppler::document& doc, int index) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) Fail("Poppler cannot open page " + std::to_string(index + 1));
  PageTruth truth;
  for (const poppler::text_box& box : page->text_list()) {
    std::string word = ToUtf8(box.text());
    if (word.empty()) continue;
    if (truth.words.empty()) {
      poppler::rectf r = box.bbox();
      truth.first_word = Rect{r.x(), r.y(), r.x() + r.width(), r.y() + r.height()};
    }
    truth.words.push_back(word);
  }
  return truth;
}

// Where a box on the upright page ends up on the copy: tilted, then turned clockwise.
Rect ScannedBox(const Rect& b, double tilt_degrees, int turn, double width, double height) {
  double x0 = 1e9;
  double y0 = 1e9;
  double x1 = -1e9;
  double y1 = -1e9;
  for (auto [cx, cy] : {std::pair{b.x0, b.y0}, {b.x1, b.y0}, {b.x0, b.y1}, {b.x1, b.y1}}) {
    auto [x, y] = Tilt(cx, cy, tilt_degrees, width, height);
    double tx = turn == 90 ? height - y : turn == 180 ? width - x : turn == 270 ? y : x;
    double ty = turn == 90 ? x : turn == 180 ? height - y : turn == 270 ? width - x : y;
    x0 = std::min(x0, tx);
    y0 = std::min(y0, ty);
    x1 = std::max(x1, tx);
    y1 = std::max(y1, ty);
  }
  auto round2 = [](double v) { return std::round(v * 100) / 100; };
  return Rect{round2(x0), round2(y0), round2(x1), round2(y1)};
}

// An image-only PDF: each bitmap is one page, drawn over the whole of it at kScanDpi.
std::string ImagePdf(const std::vector<Bitmap>& pages, const std::string& title) {
  PoDoFo::PdfMemDocument doc;
  std::deque<PoDoFo::PdfImage> images;  // alive until the document is written
  for (const Bitmap& b : pages) {
    double w = b.width * 72.0 / kScanDpi;
    double h = b.height * 72.0 / kScanDpi;
    PoDoFo::PdfPage* page = doc.CreatePage(PoDoFo::PdfRect(0, 0, w, h));
    PoDoFo::PdfImage& image = images.emplace_back(&doc);
    image.SetImageColorSpace(PoDoFo::ePdfColorSpace_DeviceGray);
    std::string bits = Threshold(b);
    PoDoFo::PdfMemoryInputStream stream(bits.data(), static_cast<PoDoFo::pdf_long>(bits.size()));
    image.SetImageData(static_cast<unsigned>(b.width), static_cast<unsigned>(b.height), 1, &stream);
    PoDoFo::PdfPainter painter;
    painter.SetPage(page);
    painter.DrawImage(0, 0, &image, w / b.width, h / b.height);
    painter.FinishPage();
  }
  PoDoFo::PdfInfo* info = doc.GetInfo();
  info->SetTitle(PoDoFo::PdfString(title));
  info->SetCreator(PoDoFo::PdfString("qpm-intake make_samples (scan)"));
  info->SetProducer(PoDoFo::PdfString("PoDoFo 0.9.8"));
  PoDoFo::PdfDictionary& dict = info->GetObject()->GetDictionary();
  dict.AddKey(PoDoFo::PdfName("CreationDate"), PoDoFo::PdfString(kPdfDate));
  dict.AddKey(PoDoFo::PdfName("ModDate"), PoDoFo::PdfString(kPdfDate));
  std::ostringstream out;
  {
    PoDoFo::PdfOutputDevice device(&out);
    doc.Write(&device);
  }
  return out.str();
}

// A black-and-white PNG stating kScanDpi, written by hand so nothing in it varies by run.
std::string Png(const Bitmap& b) {
  std::string bits = Threshold(b);
  size_t row_bytes = (static_cast<size_t>(b.width) + 7) / 8;
  std::string raw;
  for (int y = 0; y < b.height; ++y) {
    raw += '\0';  // filter: none
    raw.append(bits, static_cast<size_t>(y) * row_bytes, row_bytes);
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(packed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                9) != Z_OK) {
    Fail("zlib could not compress the PNG");
  }
  packed.resize(packed_size);
  std::string header = BigEndian32(static_cast<uint32_t>(b.width)) +
                       BigEndian32(static_cast<uint32_t>(b.height)) +
                       std::string("\x01\x00\x00\x00\x00", 5);  // 1 bit, grey, no interlace
  uint32_t per_metre = static_cast<uint32_t>(std::lround(kScanDpi / 0.0254));
  std::string phys = BigEndian32(per_metre) + BigEndian32(per_metre) + std::string(1, '\x01');
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", header) + PngChunk("pHYs", phys) +
         PngChunk("IDAT", packed) + PngChunk("IEND", "");
}

const CaseFile& ScannedCaseFile() {
  static const CaseFile kCase = {
      "CF06",
      "Client F",
      "Advocate D",
      "IMCA - change of accommodation",
      "Hospital discharge team, Ward 7",
      "2026-05-11",
      "Client F is in hospital and a move to a care home is being considered. They cannot "
      "decide where to live and have no family or friends to consult.",
      "Hears better on the left side. Likes to be called by their first name.",
      false,
      false,
      "Advocate D will meet Client F, find out what they would want, and represent their "
      "views in the decision about where they live.",
      {"Meet Client F on the ward and note how they communicate.",
       "Read the capacity assessment and the care plan.",
       "Write a report for the decision maker before the best interests meeting."},
      {{"2026-05-13", "Met Client F on the ward. They said they miss their garden and their cat."},
       {"2026-05-20", "Read the capacity assessment. Spoke with the ward nurse about routines."},
       {"2026-05-27", "Best interests meeting. Client F's wish for a garden was recorded."}},
      {{"2026-06-01",
        "The decision maker",
        "IMCA report for Client F",
        {"Please find attached my report. Client F values being outdoors and having a routine.",
         "Advocacy will close once the move has taken place."}}}};
  return kCase;
}

// One page of a scan and what it should read as.
struct ScannedPage {
  Bitmap bitmap;
  PageTruth truth;
  int turned = 0;  // clockwise turn of the sheet in the copier
  double tilt = 0;
  double width = 0;  // points, as displayed
  double height = 0;
};

ScannedPage ScanPage(const poppler::document& doc, int index, int turned, double tilt,
                     uint64_t seed) {
  ScannedPage page;
  Bitmap upright = Render(doc, index, kScanDpi);
  page.truth = ReadTruth(doc, index);
  double w = upright.width * 72.0 / kScanDpi;
  double h = upright.height * 72.0 / kScanDpi;
  page.truth.first_word = ScannedBox(page.truth.first_word, tilt, turned, w, h);
  page.bitmap = Turn(Copy(upright, tilt, seed), turned);
  page.turned = turned;
  page.tilt = tilt;
  page.width = page.bitmap.width * 72.0 / kScanDpi;
  page.height = page.bitmap.height * 72.0 / kScanDpi;
  return page;
}

Json TruthJson(const std::vector<ScannedPage>& pages, const std::vector<std::string>& headings) {
  Json out = Json::array();
  for (size_t i = 0; i < pages.size(); ++i) {
    const ScannedPage& p = pages[i];
    Json page;
    page["page"] = i + 1;
    page["turned"] = p.turned;
    page["ocr_rotation"] = (360 - p.turned) % 360;
    page["heading"] = headings[i];
    page["size"] = {std::round(p.width * 100) / 100, std::round(p.height * 100) / 100};
    page["first_word_box"] = {p.truth.first_word.x0, p.truth.first_word.y0, p.truth.first_word.x1,
                              p.truth.first_word.y1};
    page["words"] = p.truth.words;
    out.push_back(page);
  }
  return out;
}

const std::vector<std::string> kScanAbsentRules = {
    "extract.no-text",      "extract.ocr-failed",
    "extract.ocr-timeout",  "extract.ocr-low-confidence",
    "extract.ocr-no-words", "extract.unreadable",
    "extract.truncated"};

void WriteScannedCaseFile(Output& out) {
  const CaseFile& c = ScannedCaseFile();
  Plant plant;
  plant.case_notes_lines = {std::string("NHS number: ") + kNhsInScan};
  plant.keywords = "QPM; case file; " + c.id;
  RenderedCaseFile text = RenderCaseFile(c, false, plant);
  for (size_t i = 0; i < text.ranges.size(); ++i) {
    if (text.ranges[i] != std::make_pair(static_cast<int>(i) + 1, static_cast<int>(i) + 1)) {
      Fail("scanned CF06: every component should fill exactly one page");
    }
  }
  std::unique_ptr<poppler::document> doc = OpenPdf(text.files[0].second);
  // The consent form went through sideways, the letter upside down.
  const int kTurns[] = {0, 0, 90, 0, 180};
  const double kTilts[] = {0.4, -0.3, 0.5, -0.4, 0.3};
  std::vector<ScannedPage> pages;
  std::vector<Bitmap> bitmaps;
  for (int i = 0; i < 5; ++i) {
    pages.push_back(ScanPage(*doc, i, kTurns[i], kTilts[i], 0x5ca9 + static_cast<uint64_t>(i)));
    bitmaps.push_back(pages.back().bitmap);
  }
  std::string name = "scans/scanned-case-file.pdf";
  out.Write(name, ImagePdf(bitmaps, "Scan of CF06 case file"));
  std::string file = "scanned-case-file.pdf";
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {"--ocr-replay", "scans/ocr"}, 1,
                         {FindingJson("pii.nhs-number", file, 4)}, kScanAbsentRules, std::nullopt,
                         {DocJson(file, kPdf, 5, "read")}));
  runs.push_back(RunJson("scan", {"--no-ocr"}, 1, {FindingJson("extract.no-text", file, 1)},
                         {"pii.nhs-number", "extract.ocr-failed"}, std::nullopt,
                         {DocJson(file, kPdf, 5, "read")}));
  // Triage reads the case file's five parts from the OCR text, one per page.
  Json triaged = DocJson(file, kPdf, 5, "read");
  triaged["role"] = "case-file";
  triaged["role_detail"] = c.id;
  runs.push_back(RunJson("triage", {"--ocr-replay", "scans/ocr", "--received", "2026-11-20"}, 1,
                         {FindingJson("pii.nhs-number", file, 4)}, kScanAbsentRules, std::nullopt,
                         {triaged}));
  Json extra;
  extra["ocr"] = {{"recordings", "scans/ocr"},
                  {"dpi", kScanDpi},
                  {"pages", TruthJson(pages, ComponentHeadings(c))}};
  {
    Json components = Json::object();
    Json headings = Json::object();
    std::vector<std::string> printed = ComponentHeadings(c);
    for (size_t i = 0; i < kComponentKeys.size(); ++i) {
      int page = static_cast<int>(i) + 1;
      components[kComponentKeys[i]] = {page, page};
      headings[kComponentKeys[i]] = printed[i];
    }
    extra["case_files"] = Json::array(
        {{{"id", c.id}, {"file", file}, {"components", components}, {"headings", headings}}});
  }
  out.Expect(name,
             "An invented case file (CF06) printed and copied: five image-only pages at 200 dpi, "
             "black and white, a little askew, with a copier's grain; no text layer. The consent "
             "form (page 3) went through sideways and the letter (page 5) upside down. An NHS "
             "number (999 range) is on the case-notes page (page 4), readable only by OCR. Runs "
             "replay recorded OCR output (scans/ocr/).",
             runs, {kNhsInScan}, Json::array(), extra);
}

// samples/fail-closed/ pictures (pictures_samples.h): the planted values are only in a
// picture, read by OCR; runs replay the recordings in fail-closed/ocr/ (scripts/record-ocr).
void WriteFailClosedPictures(Output& out) {
  for (const PictureSample& p : FailClosedPictureSamples()) {
    std::string bytes = p.bytes;
    if (!p.package.empty()) {
      ZipWriter zip;
      for (const auto& [part, data] : p.package) zip.Add(part, data);
      bytes = zip.Finish();
    }
    out.Write(p.name, bytes);
    std::string file = fs::path(p.name).filename().string();
    Json found = Json::array();
    for (const char* rule : {"pii.person-name", "pii.nhs-number"}) {
      found.push_back(FindingJson(rule, file, p.page > 0 ? p.page : -1, p.field));
    }
    Json runs = Json::array();
    runs.push_back(
        RunJson("triage", {"--ocr-replay", "fail-closed/ocr", "--received", "2026-11-20"}, 1, found,
                {"extract.images-not-read", "extract.ocr-failed", "extract.ocr-timeout"},
                std::nullopt, {DocJson(file, p.media_type, 1, "read")}));
    // Without OCR no picture is read, and a note says so; a drawing's words written as
    // text are read all the same.
    Json not_read = p.printed ? found : Json::array();
    not_read.push_back(FindingJson("extract.images-not-read", file));
    runs.push_back(
        RunJson("scan", {"--no-ocr"}, std::nullopt, not_read,
                p.printed ? std::vector<std::string>{} : std::vector<std::string>{"pii.nhs-number"},
                std::nullopt, Json::array()));
    out.Expect(p.name, p.planted, runs, p.values);
  }
}

void WriteScannedLetter(Output& out) {
  PdfBuilder b({"Letter to Client G", "Correspondence", "QPM; letter", kOrganisation});
  b.Title("Example Advocacy");
  b.Row("Date:", "2026-06-15");
  b.Row("To:", "Client G");
  b.Row("Subject:", "Your advocacy review");
  b.Space(6);
  b.Paragraph(
      "Thank you for meeting me last week. As we agreed, I have asked the care home to "
      "arrange a review of your care plan, and I will come with you to the review meeting.");
  b.Paragraph(
      "You told me that you would like more time outdoors and a quieter room. I will make "
      "sure the review hears this in your own words.");
  b.Paragraph(std::string("A copy of this letter was sent by email to ") + kEmailInScan + ".");
  b.Paragraph("Yours sincerely,");
  b.Paragraph("Advocate E, Example Advocacy");
  std::string pdf = b.Finish();
  std::unique_ptr<poppler::document> doc = OpenPdf(pdf);
  if (doc->pages() != 1) Fail("the scanned letter should be one page");
  std::vector<ScannedPage> pages = {ScanPage(*doc, 0, 0, -0.5, 0x1e77e5)};
  std::string name = "scans/scanned-letter.png";
  out.Write(name, Png(pages[0].bitmap));
  std::string file = "scanned-letter.png";
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {"--ocr-replay", "scans/ocr"}, 1,
                         {FindingJson("pii.email", file, 1)}, kScanAbsentRules, std::nullopt,
                         {DocJson(file, "image/png", 1, "read")}));
  runs.push_back(RunJson("scan", {"--no-ocr"}, 1, {FindingJson("extract.no-text", file, 1)},
                         {"pii.email", "extract.ocr-failed"}, std::nullopt,
                         {DocJson(file, "image/png", 1, "not-read")}));
  Json extra;
  extra["ocr"] = {{"recordings", "scans/ocr"},
                  {"dpi", kScanDpi},
                  {"pages", TruthJson(pages, {"Example Advocacy"})}};
  out.Expect(name,
             "A one-page letter printed and copied to a black-and-white PNG at 200 dpi (stated in "
             "the file), a little askew. An email address is in its text, readable only by OCR. "
             "Runs replay recorded OCR output (scans/ocr/).",
             runs, {kEmailInScan}, Json::array(), extra);
}

// ---------------------------------------------------------------------------------------------
// The samples.

// Sizes and packed sizes of a zip's entries, read back with libzip, for the expected files.
std::vector<zip_stat_t> ZipEntries(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) Fail("zip read-back source");
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    Fail(std::string("zip read-back: ") + zip_error_strerror(&error));
  }
  std::vector<zip_stat_t> out;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0) Fail("zip stat");
    out.push_back(stat);
  }
  zip_close(archive);  // also frees the source
  zip_error_fini(&error);
  return out;
}

struct Item {
  std::string name;  // entry name in the submission zip
  std::string bytes;
  int pages = 0;
};

// The clean submission, rendered once and reused by the samples built from its parts.
struct CleanSet {
  RenderedWorkbook workbook;
  std::vector<RenderedPdf> policies;  // in Policies() order
  std::vector<RenderedCaseFile> cases;
  std::vector<Item> items;  // every file, in zip order
  std::string zip;
  Json case_files = Json::array();

  const Item& Find(const std::string& name) const {
    for (const Item& item : items) {
      if (item.name == name) return item;
    }
    Fail("no item " + name);
  }
};

CleanSet BuildCleanSet() {
  CleanSet set;
  set.workbook = RenderWorkbook();
  set.items.push_back({"Workbook/QPM Assessment Workbook - Example Advocacy.pdf",
                       set.workbook.bytes, set.workbook.pages});
  for (const Policy& policy : Policies()) {
    RenderedPdf pdf = RenderPolicy(policy);
    set.items.push_back({"Policies/" + PolicyFileName(policy), pdf.bytes, pdf.pages});
    set.policies.push_back(std::move(pdf));
  }
  for (const CaseFile& c : CaseFiles()) {
    bool split = c.id == "CF04";
    RenderedCaseFile rendered = RenderCaseFile(c, split);
    for (size_t i = 0; i < rendered.files.size(); ++i) {
      set.items.push_back(
          {"Case files/" + rendered.files[i].first, rendered.files[i].second, rendered.pages[i]});
    }
    Json components = Json::object();
    Json headings = Json::object();
    std::vector<std::string> printed = ComponentHeadings(c);
    for (size_t i = 0; i < kComponentKeys.size(); ++i) {
      components[kComponentKeys[i]] = {rendered.ranges[i].first, rendered.ranges[i].second};
      headings[kComponentKeys[i]] = printed[i];
    }
    Json entry;
    entry["id"] = c.id;
    if (split) {
      Json files = Json::array();
      for (const auto& file : rendered.files) files.push_back("Case files/" + file.first);
      entry["files"] = files;
    } else {
      entry["file"] = "Case files/" + rendered.files[0].first;
    }
    entry["components"] = components;
    entry["headings"] = headings;
    set.case_files.push_back(entry);
    set.cases.push_back(std::move(rendered));
  }
  // Invariants the expected results rely on.
  const auto& cf05 = set.cases[4].ranges[3];
  if (cf05.second - cf05.first != 1) Fail("CF05 case notes should run over exactly 2 pages");
  for (const Report& report : Reports()) {
    RenderedPdf pdf = RenderReport(report);
    set.items.push_back({ReportPath(report), pdf.bytes, pdf.pages});
  }
  ZipWriter zip;
  for (const Item& item : set.items) zip.Add(item.name, item.bytes);
  set.zip = zip.Finish();
  return set;
}

Json CleanDocuments(const CleanSet& set, const std::string& prefix) {
  Json docs = Json::array();
  for (const Item& item : set.items)
    docs.push_back(DocJson(prefix + item.name, kPdf, item.pages, "read"));
  return docs;
}

constexpr char kCleanAttachment[] = "Example Advocacy QPM submission.zip";

void WriteClean(Output& out, const CleanSet& set) {
  out.Write("clean/example-advocacy-submission.zip", set.zip);
  Json extra;
  extra["band"] = 1;
  extra["wte"] = 6;
  extra["issued"] = "2026-09-01";
  extra["workbook_answers"] = set.workbook.answers;
  extra["case_files"] = set.case_files;
  {
    Json docs = Json::array();
    docs.push_back(DocJson("example-advocacy-submission.zip", kZip, -1, "unpacked"));
    for (const Json& d : CleanDocuments(set, "example-advocacy-submission.zip > "))
      docs.push_back(d);
    // A zip has no date of its own: triage is told when it arrived, as the support team
    // would, so the workbook's deadlines are judged on that day and not on the day the
    // test runs.
    Json runs = Json::array();
    runs.push_back(RunJson("scan", {}, 0, {}, kAllProblemRules, "info", docs));
    runs.push_back(
        RunJson("triage", {"--received", "2026-11-20"}, 0, {}, kAllProblemRules, "info", docs));
    out.Expect("clean/example-advocacy-submission.zip",
               "A complete, clean Band 1 desktop submission (WTE 6, workbook issued 2026-09-01): "
               "a fillable workbook with every indicator answered, eight policies, five "
               "anonymised case files (CF04 as a folder of five PDFs) and five IMCA and five "
               "Care Act reports. No personal data.",
               runs, Json::array(), Json::array(), extra);
  }

  // The same zip, byte for byte, attached to the email that delivered it.
  std::string body =
      "Hello,\n\n"
      "Please find attached the QPM desktop submission for Example Advocacy \xE2\x80\x93 the "
      "Assessment Workbook, our policies, five anonymised case files and ten advocacy "
      "reports.\n\n"
      "Kind regards,\nQPM Lead\nExample Advocacy\n";
  std::string eml = Message(
      {{"From", "QPM Lead <qpm.lead@example.org>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", EncodedWord("QPM desktop submission \xE2\x80\x93 Example Advocacy")},
       {"Date", "Fri, 20 Nov 2026 10:15:00 +0000"},
       {"Message-ID", "<qpm-submission-20261120101500@example.org>"}},
      "=_qpm_sample_clean_1",
      {TextPart(body, true),
       AttachmentPart(std::string("application/zip; name=\"") + kCleanAttachment + "\"",
                      std::string("attachment; filename=\"") + kCleanAttachment + "\"", set.zip)});
  out.Write("clean/example-advocacy-submission.eml", eml);
  {
    std::string top = "example-advocacy-submission.eml";
    Json docs = Json::array();
    docs.push_back(DocJson(top, kEml, -1, "unpacked"));
    docs.push_back(DocJson(top + " > " + kCleanAttachment, kZip, -1, "unpacked"));
    for (const Json& d : CleanDocuments(set, top + " > " + kCleanAttachment + " > ")) {
      docs.push_back(d);
    }
    Json runs = Json::array();
    for (const char* command : {"scan", "triage"}) {
      runs.push_back(RunJson(command, {}, 0, {}, kAllProblemRules, "info", docs));
    }
    out.Expect("clean/example-advocacy-submission.eml",
               "The clean submission zip, byte for byte, attached (base64) to the email that "
               "sent it; RFC 2047 subject, quoted-printable body with no personal data.",
               runs, Json::array(), Json::array(), extra);
  }
}

// ---------------------------------------------------------------------------------------------
// samples/gateway/: a micro-provider's application to another quality mark's Gateway, read
// with profiles/quality-mark-gateway.json. The form is a Word file (questions Q1-Q12 as table
// rows: id, wording, answer); its wording is copied from that profile. Three referees (Q10-Q12)
// each have an invented name, a relation, an example.org address and a number from Ofcom's
// drama ranges. Supporting evidence: the four documents the profile asks for, as PDFs.

constexpr char kMicroProvider[] = "Example Micro Support";

struct GatewayQuestion {
  const char* id;
  const char* kind;  // "tick" | "narrative" | "contact"
  const char* wording;
  const char* answer;  // narrative and contact only
};

struct GatewaySection {
  const char* title;
  std::vector<GatewayQuestion> questions;
};

const std::vector<GatewaySection>& GatewayForm() {
  static const std::vector<GatewaySection> kForm = {
      {"About your service",
       {{"Q1", "narrative", "Describe the support you offer and who it is for.",
         "We support up to twelve older people in their own homes in and around the town with "
         "shopping, paperwork, appointments and getting out to local groups, mostly people who "
         "live alone and have no family nearby."},
        {"Q2", "tick",
         "You are a micro-provider: you employ or engage no more than five full-time-equivalent "
         "staff.",
         ""},
        {"Q3", "narrative", "Describe how the people you support have a say in how you work.",
         "Each person agrees the days, times and tasks of their visits with us and can change "
         "them at any time. Twice a year we ask everyone what we should do differently and "
         "share what we changed."}}},
      {"Keeping people safe",
       {{"Q4", "tick", "You hold public liability insurance that covers the support you provide.",
         ""},
        {"Q5", "tick",
         "Everyone who supports people has an enhanced DBS check, renewed at least every three "
         "years.",
         ""},
        {"Q6", "narrative",
         "Describe what you would do if you were worried that someone you support was being "
         "harmed.",
         "We would make sure the person is safe now, listen to what they want, write down what "
         "we saw and heard, and contact the council's adult safeguarding team the same day, as "
         "our safeguarding policy sets out."}}},
      {"Running your service well",
       {{"Q7", "tick",
         "You keep records securely and share them only with consent or where the law requires "
         "it.",
         ""},
        {"Q8", "narrative",
         "Describe how someone can complain, and what happened with the last complaint or "
         "compliment you received.",
         "People can complain by phone, by letter or in person, to us or to the council. Our "
         "last complaint was about a late visit; we apologised, changed the rota so visits are "
         "never back to back, and told the person what we had done."},
        {"Q9", "tick", "You have read and agree to the Quality Mark's code of conduct.", ""}}},
      {"Referees",
       {{"Q10", "contact",
         "Referee 1: name, how they know your service, and an email address or telephone "
         "number.",
         "Jordan Example, manager of the day centre we work with, jordan.example@example.org, "
         "01632 960418"},
        {"Q11", "contact",
         "Referee 2: name, how they know your service, and an email address or telephone "
         "number.",
         "Priya Example, volunteer coordinator at the community library, 07700 900731"},
        {"Q12", "contact",
         "Referee 3: name, how they know your service, and an email address or telephone "
         "number.",
         "Morgan Example, clerk to the parish council, morgan.example@example.org"}}},
  };
  return kForm;
}

// The application form as a Word file; `blank` names questions whose answer cell is left empty.
std::string RenderGatewayForm(const std::vector<std::string>& blank) {
  const std::string xml_head = kXmlHead;
  const std::string styles =
      xml_head + "<w:styles " + kWordNs +
      "><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
      "<w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:rPr><w:b/><w:sz w:val=\"40\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/>"
      "<w:sz w:val=\"28\"/></w:rPr></w:style></w:styles>";
  auto cell = [](const std::string& paragraphs, int width) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>" +
           paragraphs + "</w:tc>";
  };
  constexpr int kIdWidth = 800, kWordingWidth = 4300, kAnswerWidth = 3900;
  WordIds ids;
  std::string body;
  body += WordParagraph(WordRun("Quality Mark Gateway application form"), "Title");
  body += WordParagraph(WordRun("For micro-providers of care and support"));
  body += WordParagraph(WordRun(std::string("Organisation: ") + kMicroProvider));
  body += WordParagraph(WordRun("Form issued: 1 September 2026"));
  for (const GatewaySection& section : GatewayForm()) {
    body += WordParagraph(WordRun(section.title), "Heading1");
    std::string rows;
    for (const GatewayQuestion& q : section.questions) {
      bool left_blank = std::find(blank.begin(), blank.end(), q.id) != blank.end();
      std::string answer;
      if (std::string_view(q.kind) == "tick") {
        answer = WordParagraph(WordCheckBoxControl(ids, true) + WordRun(" Yes"));
      } else {
        if (std::string_view(q.kind) == "narrative" && CountWords(q.answer) < 25) {
          Fail(std::string("Gateway narrative ") + q.id + " has fewer than 25 words");
        }
        answer = WordParagraph(left_blank ? "" : WordRun(q.answer));
      }
      rows += "<w:tr>" + cell(WordParagraph(WordRun(q.id, "<w:b/>")), kIdWidth) +
              cell(WordParagraph(WordRun(q.wording)), kWordingWidth) + cell(answer, kAnswerWidth) +
              "</w:tr>";
    }
    body += "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/>" + WordTableBorders() +
            "</w:tblPr>" + rows + "</w:tbl><w:p/>";
  }
  const std::string document =
      xml_head + "<w:document " + kWordNs +
      " xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
      "mc:Ignorable=\"w14\"><w:body>" +
      body + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";
  return DocxPackage(document, styles, "Gateway application form", kMicroProvider);
}

// One supporting document: a short PDF whose title is the profile's title for it.
std::string GatewayEvidence(const std::string& title, const std::vector<std::string>& paragraphs) {
  PdfBuilder b({title, title, "Gateway; supporting evidence", std::string(kMicroProvider)});
  b.Title(title);
  b.Paragraph(kMicroProvider);
  for (const std::string& p : paragraphs) b.Paragraph(p);
  return b.Finish();
}

std::string GatewayZip(const std::vector<std::string>& blank) {
  ZipWriter zip;
  zip.Add("Gateway application form - Example Micro Support.docx", RenderGatewayForm(blank));
  zip.Add("Evidence/Safeguarding policy.pdf",
          GatewayEvidence("Safeguarding policy",
                          {"Everyone who works with us is trained to notice harm and abuse and to "
                           "report it the same day to the council's adult safeguarding team.",
                           "Review date: 2027-06-30."}));
  zip.Add("Evidence/Complaints procedure.pdf",
          GatewayEvidence("Complaints procedure",
                          {"Anyone can complain to us by phone, letter or in person. We reply "
                           "within ten working days and say how to take it further.",
                           "Review date: 2027-06-30."}));
  zip.Add("Evidence/Data protection policy.pdf",
          GatewayEvidence("Data protection policy",
                          {"We keep only the records we need, locked away or on encrypted "
                           "devices, and share them only with consent or where the law says so.",
                           "Review date: 2027-06-30."}));
  zip.Add("Evidence/Insurance certificate.pdf",
          GatewayEvidence("Public liability insurance certificate",
                          {"Insured: Example Micro Support. Cover: public liability, five "
                           "million pounds. Period: 1 April 2026 to 31 March 2027."}));
  return zip.Finish();
}

void WriteGateway(Output& out) {
  const std::vector<std::string> args = {"--profile", "quality-mark-gateway", "--received",
                                         "2026-11-20"};
  // Referees' emails are asked for: each is a pii.email finding of severity info, not a
  // warning, so pii.email is allowed here and "info" is the worst severity.
  std::vector<std::string> absent;
  for (const std::string& rule : kAllProblemRules) {
    if (rule != "pii.email") absent.push_back(rule);
  }
  out.Write("gateway/example-gateway-application.zip", GatewayZip({}));
  out.Expect(
      "gateway/example-gateway-application.zip",
      "A complete application to the Gateway of the Quality Mark for micro-providers "
      "(profile quality-mark-gateway): the application form as a Word file (Q1-Q12, "
      "ticks as check-box content controls, issued 1 September 2026), three referees "
      "each with a name and an example.org email or a drama-range telephone number, and "
      "the four supporting documents as PDFs.",
      Json::array({RunJson("triage", args, 0, Json::array(), absent, "info", Json::array())}));
  Json run = RunJson("triage", args, 1, Json::array(), {}, std::nullopt, Json::array());
  Json finding = FindingJson("completeness.contact-missing", "", -1, "", 1);
  finding["message_contains"] = "Q12";
  run["findings"] = Json::array({finding});
  run["only_findings"] = true;
  out.Write("gateway/gateway-two-referees.zip", GatewayZip({"Q12"}));
  out.Expect("gateway/gateway-two-referees.zip",
             "The complete Gateway application with only two referees: the answer to Q12 "
             "(Referee 3) is left empty.",
             Json::array({run}));
}

// ---------------------------------------------------------------------------------------------
// samples/gaps/: the clean submission with exactly one gap each, for the completeness checks.
// Each is triaged on the clean sample's date received (or its email's Date) and must give
// exactly its one finding above info ("only_findings").

// The clean zip without the entries `drop` names, and with the workbook's entry holding
// `workbook` when that is not empty.
std::string GapZip(const CleanSet& set, const std::vector<std::string>& drop,
                   const std::string& workbook = "") {
  ZipWriter zip;
  int dropped = 0;
  for (const Item& item : set.items) {
    if (std::find(drop.begin(), drop.end(), item.name) != drop.end()) {
      ++dropped;
      continue;
    }
    bool is_workbook = item.name.rfind("Workbook/", 0) == 0;
    zip.Add(item.name, is_workbook && !workbook.empty() ? workbook : item.bytes);
  }
  if (dropped != static_cast<int>(drop.size())) Fail("a gap drops a file the clean set lacks");
  return zip.Finish();
}

void WriteGap(Output& out, const std::string& name, const std::string& bytes,
              const std::string& planted, std::vector<std::string> args, Json finding) {
  finding["count"] = 1;
  Json run = RunJson("triage", std::move(args), 1, Json::array({finding}), {}, std::nullopt,
                     Json::array());
  run["only_findings"] = true;
  out.Expect("gaps/" + name, planted, Json::array({run}));
  out.Write("gaps/" + name, bytes);
}

void WriteGaps(Output& out, const CleanSet& set) {
  const std::vector<std::string> received = {"--received", "2026-11-20"};
  WriteGap(out, "missing-consent-form.zip",
           GapZip(set, {"Case files/CF04/3 Authorisation form.pdf"}),
           "The clean submission without CF04's consent part: its folder of five PDFs loses "
           "'3 Authorisation form.pdf' (a non-instructed advocacy authorisation, which stands "
           "for the consent form).",
           received, FindingJson("completeness.case-file-component"));
  WriteGap(out, "four-case-files-band-1.zip", GapZip(set, {"Case files/CF05.pdf"}),
           "The clean Band 1 submission (WTE 6) with four case files, CF01 to CF04, where band 1 "
           "asks for five. The numbering has no gap.",
           received, FindingJson("completeness.case-file-count"));
  WriteGap(out, "missing-policy.zip", GapZip(set, {"Policies/03 Complaints Policy.pdf"}),
           "The clean submission without its Complaints policy; the other seven policies are "
           "there.",
           received, FindingJson("completeness.policy-missing"));

  struct WorkbookGap {
    const char* name;
    const char* indicator;
    std::string answer;
    const char* rule;
    const char* planted;
  };
  std::string with_reference;
  for (const Principle& p : Principles()) {
    for (const Indicator& i : p.indicators) {
      if (std::string_view(i.id) == "6.2") {
        with_reference = std::string(i.answer) + " The audit form we use is in Appendix C.";
      }
    }
  }
  for (const WorkbookGap& gap : std::vector<WorkbookGap>{
           {"blank-narrative.zip", "4.2", "", "completeness.narrative-empty",
            "The clean submission with the narrative for indicator 4.2 left blank in the "
            "workbook's form field."},
           {"not-applicable.zip", "5.2", "N/A", "completeness.narrative-placeholder",
            "The clean submission with indicator 5.2 answered only 'N/A'."},
           {"broken-reference.zip", "6.2", with_reference, "completeness.reference-unresolved",
            "The clean submission whose answer to indicator 6.2 ends 'The audit form we use is "
            "in Appendix C.': no appendix is sent."},
       }) {
    WorkbookEdition edition;
    edition.answers[gap.indicator] = gap.answer;
    Json finding = FindingJson(gap.rule);
    finding["message_contains"] = gap.indicator;
    WriteGap(out, gap.name, GapZip(set, {}, RenderWorkbook(edition).bytes), gap.planted, received,
             finding);
  }

  // Late: the clean zip sent four months and ten days after the workbook's issue date
  // (2026-09-01): after the recommended 3 months, before the final 6.
  std::string late = Message(
      {{"From", "QPM Lead <qpm.lead@example.org>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", "QPM desktop submission - Example Advocacy"},
       {"Date", "Mon, 11 Jan 2027 09:30:00 +0000"},
       {"Message-ID", "<qpm-submission-20270111093000@example.org>"}},
      "=_qpm_sample_late_1",
      {TextPart("Hello,\n\nSorry this is later than planned: our QPM desktop submission is "
                "attached.\n\nKind regards,\nQPM Lead\nExample Advocacy\n",
                true),
       AttachmentPart(std::string("application/zip; name=\"") + kCleanAttachment + "\"",
                      std::string("attachment; filename=\"") + kCleanAttachment + "\"", set.zip)});
  WriteGap(out, "late-submission.eml", late,
           "The clean submission zip attached to an email dated Mon, 11 Jan 2027: the workbook "
           "was issued on 2026-09-01, so this is after the recommended 3 months (2026-12-01) and "
           "before the final 6 (2027-03-01). No --received: the email's Date is the date "
           "received.",
           {}, FindingJson("completeness.submission-late"));
}

void WriteZipSlip(Output& out, const CleanSet& set) {
  const Item& policy = set.Find("Policies/01 Safeguarding Policy.pdf");
  ZipWriter zip;
  zip.Add("policy.pdf", policy.bytes);
  zip.Add("../evil.txt", "This entry tries to climb out of the folder it is unpacked into.\n");
  zip.Add("/tmp/evil-absolute.txt", "This entry names an absolute path.\n");
  zip.Add("sub/../../evil2.txt", "This entry climbs out through a sub-folder.\n");
  ZipEntryOptions link;
  link.store = true;
  link.unix_mode = S_IFLNK | 0777;
  zip.Add("link-to-passwd", "/etc/passwd", link);
  out.Write("broken/zip-slip.zip", zip.Finish());
  Json runs = Json::array();
  runs.push_back(
      RunJson("scan", {}, 1, {FindingJson("ingest.unsafe-entry", "zip-slip.zip", -1, "", 4)},
              {"ingest.zip-bomb", "ingest.password-needed", "pii.nhs-number"}, std::nullopt,
              {DocJson("zip-slip.zip > policy.pdf", kPdf, policy.pages, "read")}));
  out.Expect("broken/zip-slip.zip",
             "A valid policy PDF beside four entries that must never be written: '../evil.txt', "
             "'/tmp/evil-absolute.txt', 'sub/../../evil2.txt' and a Unix symlink "
             "'link-to-passwd' pointing at /etc/passwd.",
             runs);
}

void WriteZipBomb(Output& out) {
  constexpr zip_uint64_t kZeros = 4ull << 30;  // 4 GiB: past 0xFFFFFFFF, so Zip64
  std::string inner;
  {
    ZipWriter zip;
    zip.AddZeros("zeros.bin", kZeros);
    inner = zip.Finish();
  }
  ZipWriter outer;
  outer.Add("inner.zip", inner);
  std::string bytes = outer.Finish();
  out.Write("broken/zip-bomb.zip", bytes);
  zip_stat_t zeros = ZipEntries(inner).at(0);
  zip_stat_t packed_inner = ZipEntries(bytes).at(0);
  std::string planted =
      "Gigabytes declared, kilobytes packed. zip-bomb.zip is " + std::to_string(bytes.size()) +
      " bytes and holds inner.zip (" + std::to_string(packed_inner.size) + " bytes, packed to " +
      std::to_string(packed_inner.comp_size) +
      "), which holds zeros.bin: " + std::to_string(zeros.size) +
      " zero bytes (4 GiB, Zip64) deflated to " + std::to_string(zeros.comp_size) + " bytes.";
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 1,
                         {FindingJson("ingest.zip-bomb", "zip-bomb.zip > inner.zip")},
                         {"ingest.unsafe-entry", "ingest.password-needed"}, std::nullopt, {}));
  out.Expect("broken/zip-bomb.zip", planted, runs);
}

void WriteNested(Output& out) {
  std::string name = "deepest.txt";
  std::string bytes = "This is the deepest file, inside twenty zips.\n";
  for (int level = 20; level >= 1; --level) {
    ZipWriter zip;
    zip.Add(name, bytes);
    bytes = zip.Finish();
    name = "level-" + TwoDigits(level) + ".zip";
  }
  out.Write("broken/nested-20.zip", bytes);
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 1, {FindingJson("ingest.too-deep", "", -1, "", 1)},
                         {"ingest.zip-bomb", "ingest.unsafe-entry"}, std::nullopt,
                         {DocJson("nested-20.zip", kZip, -1, "unpacked")}));
  out.Expect("broken/nested-20.zip",
             "Zips nested 20 deep: nested-20.zip > level-02.zip > ... > level-20.zip > "
             "deepest.txt, far past the default depth limit of 8.",
             runs);
}

struct ZipEntryContent {
  std::string name;
  zip_uint16_t encryption = 0;
  std::time_t mtime = 0;
  std::string data;
  bool operator==(const ZipEntryContent&) const = default;
};

// Every entry of a zip, decrypted with kZipPassword; nullopt if it cannot be read.
std::optional<std::vector<ZipEntryContent>> ReadZip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr) zip_source_free(source);
    return std::nullopt;
  }
  zip_set_default_password(archive, kZipPassword);
  std::vector<ZipEntryContent> entries;
  bool ok = true;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; ok && i < count; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    zip_file_t* file = nullptr;
    if (zip_stat_index(archive, index, 0, &stat) != 0 ||
        (file = zip_fopen_index(archive, index, 0)) == nullptr) {
      ok = false;
      break;
    }
    ZipEntryContent entry{stat.name, stat.encryption_method, stat.mtime,
                          std::string(static_cast<size_t>(stat.size), '\0')};
    ok = zip_fread(file, entry.data.data(), stat.size) == static_cast<zip_int64_t>(stat.size);
    zip_fclose(file);
    entries.push_back(std::move(entry));
  }
  zip_close(archive);  // also frees the source
  if (!ok) return std::nullopt;
  return entries;
}

// Encrypted zips differ on every run (libzip's random salt or header). When OUTDIR already
// holds one with the same entries, times, encryption and decrypted bytes, keep its bytes, so
// running the generator again leaves the committed samples untouched.
std::string KeepEquivalent(const fs::path& existing_path, std::string fresh) {
  std::ifstream in(existing_path, std::ios::binary);
  if (!in) return fresh;
  std::string existing((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto old_entries = ReadZip(existing);
  auto new_entries = ReadZip(fresh);
  if (!new_entries) Fail("cannot read back " + existing_path.string());
  return old_entries && *old_entries == *new_entries ? existing : fresh;
}

constexpr char kLockedReadme[] = "The policies are protected by a password sent separately.\n";

// The same two entries, the policy locked with `method`.
std::string LockedZip(const CleanSet& set, zip_uint16_t method) {
  ZipWriter zip;
  ZipEntryOptions locked;
  locked.encryption = method;
  zip.Add("Policies/01 Safeguarding Policy.pdf",
          set.Find("Policies/01 Safeguarding Policy.pdf").bytes, locked);
  zip.Add("README.txt", kLockedReadme);
  return zip.Finish();
}

Json LockedZipRuns(const std::string& top, int policy_pages) {
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 4, {FindingJson("ingest.password-needed")},
                         {"ingest.password-used"}, std::nullopt,
                         {DocJson(top + " > README.txt", kText, -1, "read")}));
  runs.push_back(
      RunJson("scan", {"--password", kZipPassword}, 0, {FindingJson("ingest.password-used")},
              {"ingest.password-needed"}, "info",
              {DocJson(top + " > Policies/01 Safeguarding Policy.pdf", kPdf, policy_pages, "read"),
               DocJson(top + " > README.txt", kText, -1, "read")}));
  return runs;
}

// Returns the AES zip, which the two-email sample attaches.
std::string WriteLockedZips(Output& out, const CleanSet& set) {
  int pages = set.Find("Policies/01 Safeguarding Policy.pdf").pages;
  // Not reproducible: libzip draws a fresh random salt for every WinZip AES entry.
  std::string aes =
      KeepEquivalent(out.root() / "broken/aes-no-password.zip", LockedZip(set, ZIP_EM_AES_256));
  out.Write("broken/aes-no-password.zip", aes);
  out.Expect("broken/aes-no-password.zip",
             "The clean Safeguarding policy locked with WinZip AES-256 (password "
             "'Harbour-Tulip-2026'), beside an unlocked README.txt saying the password was sent "
             "separately. Not byte-for-byte reproducible (random AES salt).",
             LockedZipRuns("aes-no-password.zip", pages), Json::array(), {kZipPassword});
  // Not reproducible either: ZipCrypto starts each entry with 12 random header bytes.
  out.Write("broken/zipcrypto.zip", KeepEquivalent(out.root() / "broken/zipcrypto.zip",
                                                   LockedZip(set, ZIP_EM_TRAD_PKWARE)));
  out.Expect("broken/zipcrypto.zip",
             "The same two entries with traditional PKWARE (ZipCrypto) encryption and the same "
             "password. Not byte-for-byte reproducible (random encryption header).",
             LockedZipRuns("zipcrypto.zip", pages), Json::array(), {kZipPassword});
  return aes;
}

void WritePasswordInSecondEmail(Output& out, const CleanSet& set, const std::string& aes_zip) {
  const std::string first_id = "<qpm-submission-locked-20261120101500@example.org>";
  std::string first = Message(
      {{"From", "QPM Lead <qpm.lead@example.org>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", "QPM desktop submission"},
       {"Date", "Fri, 20 Nov 2026 10:15:00 +0000"},
       {"Message-ID", first_id}},
      "=_qpm_sample_locked_1",
      {TextPart("Hello,\n\nPlease find attached our QPM submission. The zip file is protected "
                "with a password, which I will send in a separate email.\n\n"
                "Kind regards,\nQPM Lead\nExample Advocacy\n",
                false),
       AttachmentPart("application/zip; name=\"QPM submission.zip\"",
                      "attachment; filename=\"QPM submission.zip\"", aes_zip)});
  std::string second =
      Headers({{"From", "QPM Lead <qpm.lead@example.org>"},
               {"To", "QPM Support <qpm@example.com>"},
               {"Subject", "Re: QPM desktop submission"},
               {"Date", "Fri, 20 Nov 2026 10:20:00 +0000"},
               {"Message-ID", "<qpm-password-20261120102000@example.org>"},
               {"In-Reply-To", first_id},
               {"References", first_id},
               {"MIME-Version", "1.0"},
               {"Content-Type", "text/plain; charset=UTF-8"},
               {"Content-Transfer-Encoding", "7bit"}}) +
      "\r\n" +
      CrLf(
          "Hello,\n\nThe password for the zip file is: Harbour-Tulip-2026\n\nKind regards,\n"
          "QPM Lead\nExample Advocacy\n");
  out.Write("broken/password-in-second-email/1 submission.eml", first);
  out.Write("broken/password-in-second-email/2 password.eml", second);
  std::string zip = "password-in-second-email/1 submission.eml > QPM submission.zip";
  Json runs = Json::array();
  runs.push_back(RunJson(
      "triage", {}, 1, {FindingJson("ingest.password-used"), FindingJson("workbook.not-found")},
      {"ingest.password-needed"}, "blocker",
      {DocJson("password-in-second-email/1 submission.eml", kEml, -1, "unpacked"),
       DocJson(zip, kZip, -1, "unpacked"),
       DocJson(zip + " > Policies/01 Safeguarding Policy.pdf", kPdf,
               set.Find("Policies/01 Safeguarding Policy.pdf").pages, "read"),
       DocJson("password-in-second-email/2 password.eml", kEml)}));
  out.Expect("broken/password-in-second-email",
             "A folder of two emails: the first carries the AES-locked zip from "
             "aes-no-password.zip as 'QPM submission.zip'; the second, a reply to it, gives the "
             "password in its body. The tool should find the password and open the zip. The "
             "first email is not byte-for-byte reproducible (it carries the AES zip).",
             runs, Json::array(), {kZipPassword});
}

void WriteTruncated(Output& out, const CleanSet& set) {
  const std::string& whole = set.Find("Policies/02 Confidentiality Policy.pdf").bytes;
  out.Write("broken/truncated.pdf", whole.substr(0, whole.size() / 2));
  Json runs = Json::array();
  runs.push_back(
      RunJson("scan", {}, std::nullopt, {FindingJson("extract.truncated", "truncated.pdf")},
              {"ingest.password-needed"}, std::nullopt, {DocJson("truncated.pdf", kPdf)}));
  out.Expect("broken/truncated.pdf",
             "The clean Confidentiality policy cut to the first half of its " +
                 std::to_string(whole.size()) +
                 " bytes: no cross-reference table, no trailer, "
                 "no %EOF.",
             runs);
}

void WriteForwarded(Output& out, const CleanSet& set) {
  const Item& policy = set.Find("Policies/01 Safeguarding Policy.pdf");
  const Item& cf01 = set.Find("Case files/CF01.pdf");
  const Item& cf02 = set.Find("Case files/CF02.pdf");
  const Item& cf03 = set.Find("Case files/CF03.pdf");
  ZipWriter zip;
  zip.Add(policy.name, policy.bytes);
  zip.Add(cf01.name, cf01.bytes);
  std::string small_zip = zip.Finish();

  const std::string en_dash = "\xE2\x80\x93";
  std::string original = Message(
      {{"From", "QPM Lead <qpm.lead@example.org>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", "QPM submission"},
       {"Date", "Thu, 19 Nov 2026 16:40:00 +0000"},
       {"Message-ID", "<qpm-original-20261119164000@example.org>"}},
      "=_qpm_sample_original",
      {TextPart("Hello,\n\nHere is the first part of our QPM submission " + en_dash +
                    " the safeguarding policy and three case files. The workbook and reports "
                    "will follow.\n\nKind regards,\nQPM Lead\nExample Advocacy\n",
                true),
       AttachmentPart("application/zip; name=\"QPM submission.zip\"",
                      "attachment; filename=\"QPM submission.zip\"", small_zip),
       // The name has an en dash, so it travels RFC 2231-encoded.
       AttachmentPart(
           "application/pdf",
           "attachment; filename*=UTF-8''" + PercentEncode("Case file " + en_dash + " B.pdf"),
           cf02.bytes),
       AttachmentPart("application/pdf", "inline; filename=\"CF03.pdf\"", cf03.bytes)});
  std::string forwarded_once =
      Message({{"From", "QPM Support <qpm@example.com>"},
               {"To", "QPM Assessor <qpm.assessor@example.com>"},
               {"Subject", "Fwd: QPM submission"},
               {"Date", "Fri, 20 Nov 2026 09:05:00 +0000"},
               {"Message-ID", "<qpm-forward-1-20261120090500@example.com>"}},
              "=_qpm_sample_forward_1",
              {TextPart("Forwarding the submission below as it arrived.\n\nQPM Support\n", false),
               ForwardedPart("QPM submission.eml", original)});
  std::string forwarded_twice = Message(
      {{"From", "QPM Assessor <qpm.assessor@example.com>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", "Fwd: Fwd: QPM submission"},
       {"Date", "Fri, 20 Nov 2026 09:30:00 +0000"},
       {"Message-ID", "<qpm-forward-2-20261120093000@example.com>"}},
      "=_qpm_sample_forward_2",
      {TextPart("Sending this back to the support inbox for intake.\n\nQPM Assessor\n", false),
       ForwardedPart("Fwd QPM submission.eml", forwarded_once)});
  out.Write("broken/forwarded.eml", forwarded_twice);

  std::string fwd = "forwarded.eml > Fwd QPM submission.eml";
  std::string orig = fwd + " > QPM submission.eml";
  std::string zipped = orig + " > QPM submission.zip";
  Json runs = Json::array();
  runs.push_back(
      RunJson("scan", {}, 0, {},
              {"pii.nhs-number", "pii.email", "ingest.too-deep", "ingest.password-needed"}, "info",
              {DocJson("forwarded.eml", kEml, -1, "unpacked"), DocJson(fwd, kEml, -1, "unpacked"),
               DocJson(orig, kEml, -1, "unpacked"), DocJson(zipped, kZip, -1, "unpacked"),
               DocJson(zipped + " > " + policy.name, kPdf, policy.pages, "read"),
               DocJson(zipped + " > " + cf01.name, kPdf, cf01.pages, "read"),
               DocJson(orig + " > Case file " + en_dash + " B.pdf", kPdf, cf02.pages, "read"),
               DocJson(orig + " > CF03.pdf", kPdf, cf03.pages, "read")}));
  out.Expect("broken/forwarded.eml",
             "An email forwarded twice: each forward carries the previous message as a "
             "message/rfc822 attachment. The original carries a zip (Safeguarding policy and "
             "CF01), CF02 as 'Case file \xE2\x80\x93 B.pdf' (RFC 2231 filename*) and CF03 as an "
             "inline PDF. Its body is quoted-printable; attachments are base64.",
             runs);
}

void WriteJunk(Output& out, const CleanSet& set) {
  const Item& policy = set.Find("Policies/01 Safeguarding Policy.pdf");
  ZipWriter zip;
  zip.Add("policy.pdf", policy.bytes);
  zip.Add("copy of policy.pdf", policy.bytes);
  // The first bytes of each kind of clutter, enough for a reader that sniffs magic numbers.
  zip.Add("__MACOSX/._policy.pdf",
          std::string("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x00", 26));
  zip.Add(".DS_Store", std::string("\x00\x00\x00\x01"
                                   "Bud1\x00\x00\x10\x00\x00\x00\x08\x00",
                                   16));
  zip.Add("Thumbs.db", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00", 12));
  zip.Add("~$Workbook.docx", std::string("\x08QPM Lead\x00\x00\x00\x00", 13));
  zip.Add("empty.pdf", "");
  out.Write("broken/junk.zip", zip.Finish());
  Json runs = Json::array();
  runs.push_back(RunJson(
      "scan", {}, 1,
      {FindingJson("ingest.junk", "", -1, "", 4), FindingJson("ingest.empty-file", "", -1, "", 1),
       FindingJson("ingest.duplicate", "", -1, "", 1)},
      {"ingest.unsafe-entry", "pii.nhs-number"}, std::nullopt,
      {DocJson("junk.zip > policy.pdf", kPdf, policy.pages, "read"),
       DocJson("junk.zip > copy of policy.pdf", kPdf, -1, "set-aside"),
       DocJson("junk.zip > __MACOSX/._policy.pdf", "", -1, "set-aside"),
       DocJson("junk.zip > .DS_Store", "", -1, "set-aside"),
       DocJson("junk.zip > Thumbs.db", "", -1, "set-aside"),
       DocJson("junk.zip > ~$Workbook.docx", "", -1, "set-aside"),
       DocJson("junk.zip > empty.pdf")}));
  out.Expect("broken/junk.zip",
             "A policy PDF with the clutter real zips carry: an identical 'copy of policy.pdf', "
             "__MACOSX/._policy.pdf, .DS_Store, Thumbs.db, a Word lock file ~$Workbook.docx and "
             "a 0-byte empty.pdf.",
             runs);
}

// Rules a well-formed file with no personal data must not raise: nothing failed to read, nothing
// was left unchecked.
const std::vector<std::string> kReadProblemRules = {"extract.unreadable",
                                                    "extract.truncated",
                                                    "extract.timeout",
                                                    "extract.crashed",
                                                    "extract.page-limit",
                                                    "extract.no-text",
                                                    "extract.forms-not-read",
                                                    "extract.annotations-not-read",
                                                    "extract.embedded-not-read",
                                                    "extract.images-not-read",
                                                    "pii.nhs-number",
                                                    "pii.email"};

std::vector<std::string> WithRules(std::vector<std::string> rules,
                                   const std::vector<std::string>& more) {
  rules.insert(rules.end(), more.begin(), more.end());
  return rules;
}

Json WithRole(Json doc, const std::string& role) {
  doc["role"] = role;
  return doc;
}

// What the front of a workbook states, as triage must read it.
Json FactsJson(const WorkbookEdition& edition) {
  return {{"band", edition.band}, {"wte", Json::parse(edition.wte)}, {"issued", edition.issued}};
}

// Triage of a workbook alone: the answers the generator drew, no case files. The exit code is
// not asserted: the completeness checks will find the rest of the submission missing.
void ExpectWorkbook(Output& out, const std::string& name, const std::string& media_type, int pages,
                    const Json& answers, const Json& facts, Json findings,
                    std::vector<std::string> absent, const std::string& planted) {
  std::string file = fs::path(name).filename().string();
  Json runs = Json::array();
  runs.push_back(RunJson("triage", {}, std::nullopt, std::move(findings),
                         WithRules(std::move(absent), kReadProblemRules), std::nullopt,
                         {WithRole(DocJson(file, media_type, pages, "read"), "workbook")}));
  Json extra = facts;
  extra["workbook_answers"] = answers;
  extra["case_files"] = Json::array();
  out.Expect(name, planted, runs, Json::array(), Json::array(), extra);
}

void WriteWordWorkbook(Output& out) {
  WorkbookEdition edition;
  edition.wte = "22";
  edition.band = 2;
  RenderedDocx docx = RenderWordWorkbook(edition);
  std::string name = "workbooks/word-workbook.docx";
  out.Write(name, docx.bytes);
  ExpectWorkbook(
      out, name, kDocx, 1, docx.answers, FactsJson(edition), Json::array(),
      {"workbook.not-found", "workbook.no-indicators", "workbook.indicator-missing",
       "workbook.indicator-not-in-profile"},
      "The Assessment Workbook as a Word file (Example Advocacy North, WTE 22, Band 2, issued "
      "2026-09-01): each principle a heading, each indicator a table row (id, wording, answer). "
      "Ticks in every kind of Word check box: content controls (w14:checkbox), legacy form "
      "fields (FORMCHECKBOX, checked or by default), typed \xE2\x98\x92/\xE2\x98\x90 and "
      "Wingdings symbols (F0FE, F0FD, F0A8); six are not ticked, one of them 'Yes "
      "\xE2\x98\x90 No \xE2\x98\x92'. Narrative 6.2 still shows Word's placeholder "
      "('Click or tap here to enter text.') and is empty; 9.2 is typed into a content "
      "control, 3.1 is two paragraphs.");
}

void WritePrintedWorkbook(Output& out) {
  WorkbookEdition edition;
  edition.wte = "9.5";
  RenderedWorkbook printed = RenderPrintedWorkbook(edition);
  std::string name = "workbooks/printed-workbook.pdf";
  out.Write(name, printed.bytes);
  ExpectWorkbook(
      out, name, kPdf, printed.pages, printed.answers, FactsJson(edition), Json::array(),
      {"workbook.not-found", "workbook.no-indicators", "workbook.indicator-missing",
       "workbook.indicator-not-in-profile"},
      "The Assessment Workbook printed to PDF (WTE 9.5, Band 1, issued 2026-09-01): no form "
      "fields, a running line 'QPM Assessment Workbook \xE2\x80\x93 Example Advocacy    Page N' "
      "at the head of every page. Ticks are ZapfDingbats characters (\xE2\x9C\x94, "
      "\xE2\x9D\x8F, \xE2\x9D\x91) drawn as flattened check boxes draw them: in a box beside "
      "the wording (which Poppler reads after the rest of the page) or after 'Yes' and 'No'; "
      "five are not ticked. Narratives are paragraphs under the wording (" +
          Join(printed.across_pages, ", ") +
          " across a page break); 6.2 is left blank, so 6.3 follows its wording.");
}

void WriteNewEditionWorkbook(Output& out) {
  WorkbookEdition edition;
  edition.edition = "Edition 5";
  edition.dropped = {"8.2"};
  edition.added = {{"7.4", true,
                    "Information about the service is available in easy read and in the main "
                    "community languages of the area.",
                    nullptr}};
  RenderedWorkbook workbook = RenderWorkbook(edition);
  std::string name = "workbooks/new-edition-workbook.pdf";
  std::string file = "new-edition-workbook.pdf";
  out.Write(name, workbook.bytes);
  Json findings = Json::array();
  findings.push_back(FindingJson("workbook.indicator-not-in-profile", file,
                                 workbook.page_of.at(edition.added[0].id)));
  findings.push_back(FindingJson("workbook.indicator-missing", file));
  ExpectWorkbook(out, name, kPdf, workbook.pages, workbook.answers, FactsJson(edition), findings,
                 {"workbook.not-found", "workbook.no-indicators"},
                 "A fillable workbook of a later edition ('Edition 5'), otherwise the clean "
                 "sample's: it adds indicator 7.4 (a tick, ticked), which the qpm-v4 profile "
                 "lacks, and drops 8.2, which the profile has. Every indicator it has is "
                 "answered.");
}

// Several PDFs merged into one, pages in order, as a merging tool does it (the first file's
// document information is kept).
std::string MergePdfs(const std::vector<std::string>& pdfs) {
  // Loading stamps the wall clock into a document's Info /ModDate, and Append copies the
  // appended document's Info along with its pages: both get the fixed date back.
  auto fix_dates = [](PoDoFo::PdfMemDocument& doc) {
    PoDoFo::PdfDictionary& info = doc.GetInfo()->GetObject()->GetDictionary();
    info.AddKey(PoDoFo::PdfName("CreationDate"), PoDoFo::PdfString(kPdfDate));
    info.AddKey(PoDoFo::PdfName("ModDate"), PoDoFo::PdfString(kPdfDate));
  };
  PoDoFo::PdfMemDocument merged;
  merged.LoadFromBuffer(pdfs.at(0).data(), static_cast<long>(pdfs[0].size()));
  for (size_t i = 1; i < pdfs.size(); ++i) {
    PoDoFo::PdfMemDocument next;
    next.LoadFromBuffer(pdfs[i].data(), static_cast<long>(pdfs[i].size()));
    fix_dates(next);
    merged.Append(next);
  }
  fix_dates(merged);
  std::ostringstream out;
  {
    PoDoFo::PdfOutputDevice device(&out);
    merged.Write(&device);
  }
  return out.str();
}

void WriteSeveralCases(Output& out) {
  std::string name = "case-files/several-cases-in-one.pdf";
  std::string file = "several-cases-in-one.pdf";
  std::vector<std::string> pdfs;
  Json case_files = Json::array();
  int offset = 0;
  for (const CaseFile& c : MergedCaseFiles()) {
    RenderedCaseFile rendered = RenderCaseFile(c, false);
    Json components = Json::object();
    Json headings = Json::object();
    std::vector<std::string> printed = ComponentHeadings(c);
    for (size_t i = 0; i < kComponentKeys.size(); ++i) {
      components[kComponentKeys[i]] = {offset + rendered.ranges[i].first,
                                       offset + rendered.ranges[i].second};
      headings[kComponentKeys[i]] = printed[i];
    }
    Json entry;
    entry["id"] = c.id;
    entry["file"] = file;
    entry["components"] = components;
    entry["headings"] = headings;
    case_files.push_back(entry);
    offset += rendered.pages[0];
    pdfs.push_back(rendered.files[0].second);
  }
  const Json& cf09_notes = case_files[2]["components"]["case notes"];
  if (cf09_notes[1].get<int>() - cf09_notes[0].get<int>() != 1) {
    Fail("CF09's case notes should run over exactly 2 pages");
  }
  std::string merged = MergePdfs(pdfs);
  out.Write(name, merged);
  Json runs = Json::array();
  runs.push_back(RunJson("triage", {}, std::nullopt, Json::array(), kReadProblemRules, std::nullopt,
                         {WithRole(DocJson(file, kPdf, offset, "read"), "case-file")}));
  Json extra;
  extra["workbook_answers"] = Json::array();
  extra["case_files"] = case_files;
  out.Expect(name,
             "Three invented case files (CF07, CF08 with an action plan and a non-instructed "
             "authorisation form, CF09 with case notes over two pages) merged into one PDF of " +
                 std::to_string(offset) +
                 " pages, one after another, each component starting on its own page; each "
                 "page keeps its own case's footer and page number.",
             runs, Json::array(), Json::array(), extra);
}

void WritePlantedPii(Output& out) {
  const CaseFile& cf03 = CaseFiles()[2];
  Plant plant;
  plant.case_notes_lines = {std::string("NHS number: ") + kNhsOnPage,
                            std::string("Email: ") + kPlantedEmail};
  plant.keywords = std::string("QPM; case file; CF03; ") + kNhsInKeywords;
  RenderedCaseFile rendered = RenderCaseFile(cf03, false, plant);
  if (rendered.ranges[3] != std::make_pair(4, 4)) Fail("planted CF03: case notes not on page 4");
  ZipWriter zip;
  zip.Add("Case files/CF03.pdf", rendered.files[0].second);
  out.Write("broken/planted-pii.zip", zip.Finish());
  std::string file = "planted-pii.zip > Case files/CF03.pdf";
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 1,
                         {FindingJson("pii.nhs-number", file, 4),
                          FindingJson("pii.nhs-number", file, 0, "metadata:Keywords"),
                          FindingJson("pii.email", file, 4)},
                         {"ingest.password-needed", "extract.truncated"}, std::nullopt,
                         {DocJson(file, kPdf, rendered.pages[0], "read")}));
  out.Expect("broken/planted-pii.zip",
             "The clean CF03 with personal data planted: an NHS number (999 range, 3-3-4 "
             "spacing) and an email address on the case-notes page (page 4), and a second NHS "
             "number as ten digits in the PDF's Info /Keywords.",
             runs, {kNhsOnPage, kNhsInKeywords, kPlantedEmail});
}

void WriteLockedPdfs(Output& out) {
  const Policy& policy = Policies()[7];  // Data Protection
  PdfEncryption user;
  user.user_password = kPdfUserPassword;
  user.owner_password = kPdfOwnerPassword;
  user.permissions = PoDoFo::PdfEncrypt::ePdfPermissions_Print |
                     PoDoFo::PdfEncrypt::ePdfPermissions_Copy |
                     PoDoFo::PdfEncrypt::ePdfPermissions_Accessible |
                     PoDoFo::PdfEncrypt::ePdfPermissions_HighPrint;
  RenderedPdf locked = RenderPolicy(policy, user);
  out.Write("broken/user-password.pdf", locked.bytes);
  Json runs = Json::array();
  runs.push_back(
      RunJson("scan", {}, 4, {FindingJson("ingest.password-needed", "user-password.pdf")},
              {"ingest.password-used"}, std::nullopt, {DocJson("user-password.pdf", kPdf)}));
  runs.push_back(RunJson("scan", {"--password", kPdfUserPassword}, 0,
                         {FindingJson("ingest.password-used", "user-password.pdf")},
                         {"ingest.password-needed"}, "info",
                         {DocJson("user-password.pdf", kPdf, locked.pages, "read")}));
  out.Expect("broken/user-password.pdf",
             "The Data Protection policy encrypted with AES-256 (R6): user password "
             "'Orchard-Lantern-7', owner password 'Owner-Key-99'.",
             runs, Json::array(), {kPdfUserPassword, kPdfOwnerPassword});

  PdfEncryption owner;
  owner.owner_password = kPdfOwnerPassword;
  // Opens without a password, but printing is not allowed.
  owner.permissions =
      PoDoFo::PdfEncrypt::ePdfPermissions_Copy | PoDoFo::PdfEncrypt::ePdfPermissions_Accessible;
  RenderedPdf restricted = RenderPolicy(policy, owner);
  out.Write("broken/owner-only.pdf", restricted.bytes);
  Json owner_runs = Json::array();
  owner_runs.push_back(RunJson("scan", {}, 0, {}, {"ingest.password-needed", "extract.unreadable"},
                               "info",
                               {DocJson("owner-only.pdf", kPdf, restricted.pages, "read")}));
  out.Expect("broken/owner-only.pdf",
             "The same policy encrypted with AES-256 (R6), an empty user password and owner "
             "password 'Owner-Key-99': it opens without a password, printing is restricted.",
             owner_runs, Json::array(), {kPdfOwnerPassword});
}

void WriteDocx(Output& out) {
  out.Write("word/safeguarding-policy.docx", SafeguardingDocx());
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 0, {}, kAllProblemRules, "info",
                         {DocJson("safeguarding-policy.docx", kDocx, 1, "read")}));
  out.Expect("word/safeguarding-policy.docx",
             "A minimal Word document (title, three paragraphs, a two-row table; creator "
             "'Example Advocacy') whose body says 'Safeguarding adults is everyone's business'.",
             runs);
}

// ---------------------------------------------------------------------------------------------
// samples/redaction/: a file per way a redaction fails or data hides, and controls that only
// look like one (redaction_samples.h for the PDFs; the Word files are here, beside the other
// Word writers).

// A one-paragraph Word note whose second paragraph is `paragraph` (raw WordprocessingML).
std::string RedactionNoteDocx(const std::string& paragraph,
                              const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  const std::string styles = std::string(kXmlHead) + "<w:styles " + kWordNs + "/>";
  const std::string document =
      std::string(kXmlHead) + "<w:document " + kWordNs + "><w:body>" +
      "<w:p><w:r><w:t>Case notes: CF12</w:t></w:r></w:p>" + paragraph +
      "<w:p><w:r><w:t>Visit on 3 March 2026 at the day centre.</w:t></w:r></w:p>"
      "</w:body></w:document>";
  return DocxPackage(document, styles, "Case notes", kOrganisation, extra);
}

// A rectangle filled with `fill` (RRGGBB) floating `x` EMU right of the column and `y` EMU
// below the top of its paragraph, `cx` x `cy` EMU, in front of the text or, with `behind`,
// behind it: a run to put in a paragraph, as Word writes an Insert > Shapes rectangle.
std::string FloatingBox(const std::string& fill, bool behind, long x, long y, long cx, long cy) {
  std::string extent = "cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\"";
  return "<w:r><w:drawing><wp:anchor "
         "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
         "distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"2\" "
         "behindDoc=\"" +
         std::string(behind ? "1" : "0") +
         "\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
         "<wp:positionH relativeFrom=\"column\"><wp:posOffset>" +
         std::to_string(x) +
         "</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>" +
         std::to_string(y) + "</wp:posOffset></wp:positionV><wp:extent " + extent +
         "/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapNone/>"
         "<wp:docPr id=\"1\" name=\"Rectangle 1\"/><wp:cNvGraphicFramePr/>"
         "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
         "<a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
         "<wps:wsp xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
         "<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext " +
         extent +
         "/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill>"
         "<a:srgbClr val=\"" +
         fill +
         "\"/></a:solidFill><a:ln><a:noFill/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>"
         "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>";
}

void WriteRedaction(Output& out) {
  const std::vector<std::string>& rules = RedactionRuleIds();
  auto expect = [&](const std::string& file, const std::string& planted,
                    const std::vector<std::pair<std::string, int>>& expected,
                    const std::string& media_type, std::vector<std::string> absent = {},
                    const std::string& inside = "") {
    std::string sample = "redaction/" + file;
    Json findings = Json::array();
    for (const auto& [rule, page] : expected) {
      Json f = FindingJson(rule, file + inside, page);
      // A Word file has no pages of its own: a finding in its body has none (null).
      if (media_type == kDocx && page == 1) f["page"] = nullptr;
      findings.push_back(std::move(f));
    }
    if (expected.empty()) absent = rules;
    Json runs = Json::array();
    // --no-ocr: the scans' words are in their own text layers, or deliberately nowhere.
    runs.push_back(RunJson("scan", {"--no-ocr"}, std::nullopt, findings, absent, std::nullopt,
                           {DocJson(file, media_type, 1, "read")}));
    out.Expect(sample, planted, runs);
  };
  for (const RedactionSample& r : RedactionPdfSamples()) {
    out.Write("redaction/" + r.name, r.bytes);
    expect(r.name, r.planted, r.expected, kPdf, r.absent, r.inside);
  }
  struct Word {
    std::string name, planted, paragraph;
    std::vector<std::pair<std::string, std::string>> extra;
    std::vector<std::pair<std::string, int>> expected;
  };
  const std::string label = "<w:r><w:t xml:space=\"preserve\">Client name: </w:t></w:r>";
  const std::vector<Word> words = {
      {"tracked-changes.docx",
       "The client's name deleted with Track Changes on and 'Client A' inserted: the deletion "
       "is still in the file.",
       "<w:p>" + label +
           "<w:del w:id=\"1\" w:author=\"Advocate B\" w:date=\"2026-03-03T10:00:00Z\"><w:r>"
           "<w:delText>Marjorie Fairweather</w:delText></w:r></w:del>"
           "<w:ins w:id=\"2\" w:author=\"Advocate B\" w:date=\"2026-03-03T10:00:00Z\"><w:r>"
           "<w:t>Client A</w:t></w:r></w:ins></w:p>",
       {},
       {{"hidden-data.tracked-changes", 0}}},
      {"tracked-insertion.docx",
       "'Client A' inserted with Track Changes on and never accepted: the change and its author "
       "travel with the file.",
       "<w:p>" + label +
           "<w:ins w:id=\"2\" w:author=\"Advocate B\" w:date=\"2026-03-03T10:00:00Z\"><w:r>"
           "<w:t>Client A</w:t></w:r></w:ins></w:p>",
       {},
       {{"hidden-data.tracked-changes", 0}}},
      {"comments.docx",
       "A comment by 'Advocate B' on the note, in word/comments.xml.",
       "<w:p>" + label +
           "<w:commentRangeStart w:id=\"0\"/><w:r><w:t>Client A</w:t></w:r>"
           "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>",
       {{"word/comments.xml",
         std::string(kXmlHead) + "<w:comments " + kWordNs +
             "><w:comment w:id=\"0\" w:author=\"Advocate B\" w:initials=\"AB\"><w:p><w:r>"
             "<w:t>Her son called back; she is settled now.</w:t></w:r></w:p></w:comment>"
             "</w:comments>"}},
       {{"hidden-data.comments", 0}}},
      {"hidden-text.docx",
       "An NHS number in a run formatted as hidden (w:vanish).",
       "<w:p>" + label +
           "<w:r><w:t>Client A</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>"
           "<w:t xml:space=\"preserve\"> NHS 999 612 0015</w:t></w:r></w:p>",
       {},
       {{"hidden-data.hidden-text", 0}}},
      {"white-text.docx",
       "The client's name in white on the white page, after 'Client A'.",
       "<w:p>" + label +
           "<w:r><w:t>Client A</w:t></w:r><w:r><w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr>"
           "<w:t xml:space=\"preserve\"> Marjorie Fairweather</w:t></w:r></w:p>",
       {},
       {{"hidden-data.background-text", 0}}},
      {"properties.docx",
       "A custom document property (docProps/custom.xml) that holds an NHS number.",
       "<w:p>" + label + "<w:r><w:t>Client A</w:t></w:r></w:p>",
       {{"docProps/custom.xml",
         std::string(kXmlHead) +
             "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
             "custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/"
             "2006/docPropsVTypes\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" "
             "pid=\"2\" name=\"Client\"><vt:lpwstr>NHS 999 612 0015</vt:lpwstr></property>"
             "</Properties>"}},
       {{"pii.nhs-number", 0}}},
      {"blacked-out-highlight.docx",
       "An NHS number 'redacted' with a black highlight over black text: it looks blacked out, "
       "and is still typed there.",
       "<w:p><w:r><w:t xml:space=\"preserve\">Client A, NHS number </w:t></w:r>"
       "<w:r><w:rPr><w:color w:val=\"000000\"/><w:highlight w:val=\"black\"/></w:rPr>"
       "<w:t>999 612 0015</w:t></w:r></w:p>",
       {},
       {{"redaction.dark-highlight", 1}}},
      {"control-highlights-that-read.docx",
       "Control: a yellow highlight, white and automatic text on black, a light grey table "
       "header, and a real removal ('[redacted]', a row of blocks) under a black highlight.",
       "<w:p><w:r><w:rPr><w:highlight w:val=\"yellow\"/></w:rPr><w:t>Review due in May"
       "</w:t></w:r></w:p>"
       "<w:p><w:r><w:rPr><w:color w:val=\"FFFFFF\"/><w:highlight w:val=\"black\"/></w:rPr>"
       "<w:t>Advocacy contact record</w:t></w:r></w:p>"
       "<w:p><w:r><w:rPr><w:highlight w:val=\"black\"/></w:rPr><w:t>Issue-based advocacy"
       "</w:t></w:r></w:p>"
       "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid>"
       "<w:gridCol w:w=\"9000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"9000\" "
       "w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/></w:tcPr>"
       "<w:p><w:r><w:rPr><w:color w:val=\"000000\"/></w:rPr><w:t>Date of contact</w:t></w:r>"
       "</w:p></w:tc></w:tr></w:tbl>"
       "<w:p><w:r><w:t xml:space=\"preserve\">NHS number: </w:t></w:r>"
       "<w:r><w:rPr><w:color w:val=\"000000\"/><w:highlight w:val=\"black\"/></w:rPr>"
       "<w:t>[redacted]</w:t></w:r></w:p>"
       "<w:p><w:r><w:t xml:space=\"preserve\">Signed: </w:t></w:r>"
       "<w:r><w:rPr><w:color w:val=\"000000\"/><w:highlight w:val=\"black\"/></w:rPr>"
       "<w:t>\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88</w:t></w:r></w:p>",
       {},
       {}},
      {"shape-over-text.docx",
       "An NHS number 'redacted' with a black rectangle laid over it (a shape in front of the "
       "text, as Insert > Shapes draws one): it looks blacked out, and is still typed there. "
       "Where the shape lands takes the page's layout: it is found on the PDF LibreOffice "
       "makes of the file.",
       "<w:p>" + FloatingBox("000000", false, 1600000, -20000, 1100000, 200000) +
           "<w:r><w:t xml:space=\"preserve\">Client A, NHS number 999 612 0015, was seen "
           "today.</w:t></w:r></w:p>",
       {},
       {{"redaction.text-under-box", 1}}},
      {"control-shapes-that-hide-nothing.docx",
       "Control: a black rectangle behind nothing but the margin, in front of the text, and a "
       "yellow one behind a line of text, which reads through it.",
       "<w:p>" + FloatingBox("000000", false, 4800000, 300000, 600000, 200000) +
           FloatingBox("FFFF00", true, 0, -20000, 3000000, 200000) +
           "<w:r><w:t xml:space=\"preserve\">Client A asked for a copy of the plan.</w:t>"
           "</w:r></w:p>",
       {},
       {}},
      {"control-white-on-dark-cell.docx",
       "Control: white text in a table cell shaded dark blue, which shows.",
       "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid>"
       "<w:gridCol w:w=\"9000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"9000\" "
       "w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"1F3864\"/></w:tcPr>"
       "<w:p><w:r><w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr><w:t>Advocacy contact record"
       "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
       {},
       {}},
  };
  for (const Word& w : words) {
    out.Write("redaction/" + w.name, RedactionNoteDocx(w.paragraph, w.extra));
    expect(w.name, w.planted, w.expected, kDocx);
  }
}

// ---------------------------------------------------------------------------------------------
// samples/fail-closed/: one file per way a document reaches the bundle, each holding a client's
// full name and NHS number only in the place it exercises (tests/fail_closed_test.cc reads the
// bundle back and checks that every place showing them has its finding).

struct FailClosedPlant {
  const char* name;  // with a title, so that it is a name by any rule
  const char* nhs;
};
constexpr FailClosedPlant kPlantInPdfText = {"Mrs Winifred Ashcombe", "999 217 5338"};
constexpr FailClosedPlant kPlantInScan = {"Mr Desmond Pellow", "999 772 7479"};
constexpr FailClosedPlant kPlantInWordBody = {"Ms Harriet Gedling", "999 434 1588"};
constexpr FailClosedPlant kPlantInEmail = {"Mr Ambrose Kettering", "999 232 3353"};
constexpr FailClosedPlant kPlantInImage = {"Mrs Imelda Trask", "999 983 7344"};
static_assert(IsValidNhsNumber(kPlantInPdfText.nhs) && IsValidNhsNumber(kPlantInScan.nhs) &&
              IsValidNhsNumber(kPlantInWordBody.nhs) && IsValidNhsNumber(kPlantInEmail.nhs) &&
              IsValidNhsNumber(kPlantInImage.nhs));

// A page of case notes that names the client and gives their NHS number.
std::string FailClosedNotesPdf(const FailClosedPlant& plant, const std::string& title) {
  PdfBuilder b({title, "Case notes", "QPM; case notes", kOrganisation});
  b.Title("Example Advocacy: case notes");
  b.Row("Case:", "CF21");
  b.Row("Date:", "2026-03-04");
  b.Space(6);
  b.Paragraph(std::string("Met with ") + plant.name +
              " at the day centre to talk about the review of the care plan.");
  b.Paragraph(std::string("NHS number: ") + plant.nhs);
  b.Paragraph("Agreed to meet again before the review meeting.");
  return b.Finish();
}

Json FailClosedRun(const std::string& file, int page, std::vector<std::string> args = {}) {
  args.insert(args.begin(), {"--received", "2026-11-20"});
  Json runs = Json::array();
  runs.push_back(RunJson(
      "triage", args, 1,
      {FindingJson("pii.person-name", file, page), FindingJson("pii.nhs-number", file, page)}, {},
      std::nullopt, Json::array()));
  return runs;
}

void WriteFailClosed(Output& out) {
  // A PDF's own text.
  out.Write("fail-closed/pdf-text-page.pdf",
            FailClosedNotesPdf(kPlantInPdfText, "Case notes CF21"));
  out.Expect("fail-closed/pdf-text-page.pdf",
             "A page of case notes as a PDF with a text layer: the client's full name and NHS "
             "number in its text.",
             FailClosedRun("pdf-text-page.pdf", 1), {kPlantInPdfText.name, kPlantInPdfText.nhs});

  // The same page printed and scanned: no text layer.
  {
    std::string pdf = FailClosedNotesPdf(kPlantInScan, "Case notes CF22");
    std::unique_ptr<poppler::document> doc = OpenPdf(pdf);
    std::vector<ScannedPage> pages = {ScanPage(*doc, 0, 0, 0.4, 0xfa11c105ed)};
    std::string name = "fail-closed/scanned-page.pdf";
    out.Write(name, ImagePdf({pages[0].bitmap}, "Case notes CF22"));
    Json extra;
    extra["ocr"] = {{"recordings", "scans/ocr"},
                    {"dpi", kScanDpi},
                    {"pages", TruthJson(pages, {"Example Advocacy: case notes"})}};
    out.Expect(name,
               "The page of case notes printed and scanned to an image-only PDF (200 dpi, a "
               "little askew): the client's name and NHS number are readable only by OCR. Runs "
               "replay recorded OCR output (scans/ocr/).",
               FailClosedRun("scanned-page.pdf", 1, {"--ocr-replay", "scans/ocr"}),
               {kPlantInScan.name, kPlantInScan.nhs}, Json::array(), extra);
  }

  // A Word file's body.
  {
    const std::string styles = std::string(kXmlHead) + "<w:styles " + kWordNs + "/>";
    const std::string document =
        std::string(kXmlHead) + "<w:document " + kWordNs + "><w:body>" +
        "<w:p><w:r><w:t>Case notes: CF23</w:t></w:r></w:p>" +
        "<w:p><w:r><w:t xml:space=\"preserve\">Met with " + kPlantInWordBody.name +
        " at home to go through the assessment.</w:t></w:r></w:p>" +
        "<w:p><w:r><w:t xml:space=\"preserve\">NHS number: " + kPlantInWordBody.nhs +
        "</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Agreed to meet again before the review meeting.</w:t></w:r></w:p>"
        "</w:body></w:document>";
    out.Write("fail-closed/word-body.docx",
              DocxPackage(document, styles, "Case notes", kOrganisation));
    out.Expect("fail-closed/word-body.docx",
               "A Word file of case notes: the client's full name and NHS number in its body.",
               // A Word body has no pages of its own: its findings have none.
               FailClosedRun("word-body.docx", -1), {kPlantInWordBody.name, kPlantInWordBody.nhs});
  }

  // An email inside the submission (a letter kept in a case file's folder): its body is shown.
  {
    std::string email =
        Message({{"From", "Advocate K <advocate.k@example.org>"},
                 {"To", "Social worker <duty.team@example.com>"},
                 {"Subject", "Review meeting"},
                 {"Date", "Wed, 04 Mar 2026 10:15:00 +0000"},
                 {"Message-ID", "<qpm-fail-closed-20260304101500@example.org>"}},
                "=_qpm_sample_fail_closed",
                {TextPart(std::string("Hello,\n\nI am writing about ") + kPlantInEmail.name +
                              " (NHS number " + kPlantInEmail.nhs +
                              "), who would like the review meeting moved to the afternoon.\n\n"
                              "Kind regards,\nAdvocate K\nExample Advocacy\n",
                          true)});
    ZipWriter zip;
    zip.Add("CF24/Email to social worker.eml", email);
    out.Write("fail-closed/email-body.zip", zip.Finish());
    out.Expect("fail-closed/email-body.zip",
               "A zip holding a case file's email to a social worker (an .eml kept as "
               "correspondence): the client's full name and NHS number in its body, which the "
               "bundle shows as text.",
               FailClosedRun("email-body.zip > CF24/Email to social worker.eml", 1),
               {kPlantInEmail.name, kPlantInEmail.nhs});
  }

  // A photo of the notes, sent as an image file.
  {
    std::string pdf = FailClosedNotesPdf(kPlantInImage, "Case notes CF25");
    std::unique_ptr<poppler::document> doc = OpenPdf(pdf);
    std::vector<ScannedPage> pages = {ScanPage(*doc, 0, 0, -0.3, 0x1a9e)};
    std::string name = "fail-closed/image-file.png";
    out.Write(name, Png(pages[0].bitmap));
    Json extra;
    extra["ocr"] = {{"recordings", "scans/ocr"},
                    {"dpi", kScanDpi},
                    {"pages", TruthJson(pages, {"Example Advocacy: case notes"})}};
    out.Expect(name,
               "The page of case notes copied to a black-and-white PNG at 200 dpi: the client's "
               "name and NHS number are readable only by OCR. Runs replay recorded OCR output "
               "(scans/ocr/).",
               FailClosedRun("image-file.png", 1, {"--ocr-replay", "scans/ocr"}),
               {kPlantInImage.name, kPlantInImage.nhs}, Json::array(), extra);
  }
}

// A fail-closed sample (embedded_samples.h): the file, and a triage run that must find the
// planted name and NHS number where they were planted, and so withhold the bundle.
void WriteFailClosed(Output& out, const FailClosedSample& sample) {
  out.Write("fail-closed/" + sample.name, sample.bytes);
  Json findings = Json::array();
  for (const char* rule : {"pii.nhs-number", "pii.person-name"}) {
    Json f = FindingJson(rule, sample.finding_file, std::max(sample.finding_page, 0));
    if (sample.finding_page < 0) f["page"] = nullptr;
    findings.push_back(std::move(f));
  }
  Json runs = Json::array();
  runs.push_back(
      RunJson("triage", {"--received", "2026-11-20"}, 1, findings, {}, std::nullopt, {}));
  out.Expect("fail-closed/" + sample.name, sample.planted, runs,
             Json::array({sample.client, sample.nhs}));
}

// samples/fail-closed/ and samples/redaction/: office files other than .docx (office_samples.h).
void WriteOffice(Output& out) {
  for (const OfficeSample& o : OfficeSamples()) {
    if (!o.made_by_libreoffice) {
      std::string bytes = o.bytes;
      if (!o.entries.empty()) {
        ZipWriter zip;
        for (size_t i = 0; i < o.entries.size(); ++i) {
          ZipEntryOptions options;
          options.store = o.store_first && i == 0;
          zip.Add(o.entries[i].first, o.entries[i].second, options);
        }
        bytes = zip.Finish();
      }
      out.Write(o.path, bytes);
    }
    std::string file = o.path.substr(o.path.rfind('/') + 1);
    Json findings = Json::array();
    for (const auto& [rule, page] : o.expected) findings.push_back(FindingJson(rule, file, page));
    Json runs = Json::array();
    if (o.path.rfind("fail-closed/", 0) == 0) {
      runs.push_back(RunJson("triage", {"--received", "2026-11-20"}, 1, findings, {}, std::nullopt,
                             {DocJson(file, o.media_type, o.pages, "read")}));
    } else {
      runs.push_back(RunJson("scan", {"--no-ocr"}, std::nullopt, findings, {}, std::nullopt,
                             {DocJson(file, o.media_type, o.pages, "read")}));
    }
    out.Expect(o.path, o.planted, runs, Json(o.planted_values));
  }
}

void WriteAll(Output& out) {
  CleanSet set = BuildCleanSet();
  WriteClean(out, set);
  WriteGaps(out, set);
  WriteGateway(out);
  WriteZipSlip(out, set);
  WriteZipBomb(out);
  WriteNested(out);
  std::string aes = WriteLockedZips(out, set);
  WritePasswordInSecondEmail(out, set, aes);
  WriteTruncated(out, set);
  WriteForwarded(out, set);
  WriteJunk(out, set);
  WritePlantedPii(out);
  WriteLockedPdfs(out);
  WriteDocx(out);
  WriteWordWorkbook(out);
  WritePrintedWorkbook(out);
  WriteNewEditionWorkbook(out);
  WriteSeveralCases(out);
  WriteScannedCaseFile(out);
  WriteScannedLetter(out);
  WriteRedaction(out);
  WriteFailClosed(out);
  WriteFailClosed(out, AttachmentInPdfSample([](const std::vector<std::string>& paragraphs) {
                    std::string body;
                    for (const std::string& p : paragraphs)
                      body += "<w:p><w:r><w:t>" + p + "</w:t></w:r></w:p>";
                    return DocxPackage(std::string(kXmlHead) + "<w:document " + kWordNs +
                                           "><w:body>" + body + "</w:body></w:document>",
                                       std::string(kXmlHead) + "<w:styles " + kWordNs + "/>",
                                       "Case notes", kOrganisation);
                  }));
  WriteOffice(out);
  WriteFailClosedPictures(out);
  out.Write("README.md", out.Readme());
}

}  // namespace
}  // namespace qpm::samples

// PoDoFo 0.9.8 draws the AES-256 file key and every AES IV from rand(), after calling
// srand(time(NULL)) (PdfEncrypt.cpp, PdfEncryptSHABase::ComputeEncryptionKey), so each run
// would encrypt differently. This definition pre-empts libc's srand for this program only:
// rand() keeps glibc's default seed and the encrypted sample PDFs come out the same every run.
// The keys of invented samples need no secrecy; nothing else here uses rand().
extern "C" void srand(unsigned int /*seed*/) noexcept {}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_samples OUTDIR\n";
    return 2;
  }
  // libzip turns entry times into DOS times with localtime(): pin the zone so the bytes do not
  // depend on where the generator runs.
  setenv("TZ", "UTC", 1);
  tzset();
  // PoDoFo logs warnings to stderr; they are noise here.
  PoDoFo::PdfError::EnableLogging(false);
  qpm::samples::Output out{std::filesystem::path(argv[1])};
  try {
    qpm::samples::WriteAll(out);
  } catch (const PoDoFo::PdfError& error) {
    std::cerr << "make_samples: PoDoFo: " << error.what() << "\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "make_samples: " << error.what() << "\n";
    return 1;
  }
  size_t total = 0;
  for (const auto& [path, size] : out.written()) {
    std::cout << std::setw(9) << size << "  " << (out.root() / path).string() << "\n";
    total += size;
  }
  std::cout << out.written().size() << " files, " << total << " bytes\n";
  return 0;
}
