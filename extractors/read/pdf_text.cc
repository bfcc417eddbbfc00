#include "extractors/read/pdf_text.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <poppler/cpp/poppler-toc.h>
#pragma GCC diagnostic pop

#include "extractors/read/poppler_page.h"
#include "pipeline/core/rules.h"
#include "pipeline/core/utf8.h"

namespace qpm::extract {
namespace {

// Poppler reports syntax errors with fragments of the file; they must not reach a log.
void DropPopplerMessage(const std::string&, void*) {}

std::string ToUtf8(const poppler::ustring& s) {
  if (s.empty()) return "";
  poppler::byte_array bytes = s.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

Box ToBox(const poppler::rectf& r) {
  return Box{r.x(), r.y(), r.x() + r.width(), r.y() + r.height()};
}

// Joins the page's words into one text: a space where Poppler saw one, a newline
// where the next word starts on another line.
Page BuildPage(int number, const poppler::page& p) {
  Page page;
  page.number = number;
  poppler::rectf crop = p.page_rect(poppler::crop_box);
  page.width = crop.width();
  page.height = crop.height();
  std::vector<poppler::text_box> boxes = p.text_list();
  for (size_t i = 0; i < boxes.size(); ++i) {
    std::string text = ToUtf8(boxes[i].text());
    if (text.empty()) continue;
    Word w;
    w.text = text;
    w.box = ToBox(boxes[i].bbox());
    w.start = static_cast<uint32_t>(page.text.size());
    page.text += text;
    w.end = static_cast<uint32_t>(page.text.size());
    if (i + 1 < boxes.size()) {
      poppler::rectf a = boxes[i].bbox();
      poppler::rectf b = boxes[i + 1].bbox();
      double mid_a = a.y() + a.height() / 2;
      double mid_b = b.y() + b.height() / 2;
      double tolerance = std::max(a.height(), b.height()) / 2;
      // Poppler marks no space between two table cells on one line, so a visible
      // gap counts as a space too: "NHS number" and "9995678918" in neighbouring
      // cells must not become one word.
      double gap = b.x() - (a.x() + a.width());
      if (std::fabs(mid_a - mid_b) > tolerance || b.x() < a.x()) {
        page.text += '\n';
      } else if (boxes[i].has_space_after() || gap > std::min(a.height(), b.height()) * 0.2) {
        page.text += ' ';
      }
    }
    page.words.push_back(std::move(w));
  }
  page.source = page.words.empty() ? TextSource::kNone : TextSource::kTextLayer;
  return page;
}

Finding Damaged(std::string message) {
  return ReadingFinding(rule::kExtractUnreadable, "", std::move(message),
                        "Ask the organisation to save or export the document as a PDF again and "
                        "resend it.");
}

// Marks the document failed and locked, and says why: none of `passwords` opens it.
void MarkLocked(const std::vector<std::string>& passwords, Summary& s) {
  s.status = DocStatus::kFailed;
  s.locked = true;
  std::string tried = passwords.empty()
                          ? "no password was given or found in the submission's emails"
                          : "none of the " + std::to_string(passwords.size()) +
                                " passwords given or found in the submission's emails opens it";
  s.findings.push_back(ReadingFinding(
      rule::kIngestPasswordNeeded, "",
      "This PDF is locked with a password, and " + tried + ". It was not checked.",
      "Ask the organisation for the password (by phone, or in a separate email), then run "
      "again with --password or --password-file; or ask them to send it unlocked."));
}

// The document's information fields and XMP, as metadata.
void ReadMetadata(poppler::document& doc, Summary& s) {
  for (const std::string& key : doc.info_keys()) {
    std::string value = ToUtf8(doc.info_key(key));
    if (!value.empty()) s.metadata.emplace_back(key, value);
  }
  if (std::string xmp = ToUtf8(doc.metadata()); !xmp.empty()) s.metadata.emplace_back("XMP", xmp);
}

// Bookmarks are text the file carries too. (Attached files' names are read with
// the form fields, pdf_forms.h: Poppler cuts a UTF-16 name at its first zero byte.)
void ReadBookmarks(poppler::document& doc, Summary& s) {
  std::unique_ptr<poppler::toc> toc(doc.create_toc());
  if (!toc || !toc->root()) return;
  std::string titles;
  size_t items = 0;
  std::vector<const poppler::toc_item*> stack = {toc->root()};
  while (!stack.empty() && items < 10'000) {
    const poppler::toc_item* item = stack.back();
    stack.pop_back();
    std::string title = ToUtf8(item->title());
    if (!title.empty()) titles += title + "\n";
    ++items;
    for (const poppler::toc_item* child : item->children()) stack.push_back(child);
  }
  if (!titles.empty()) s.parts.push_back(TextPart{"bookmarks", titles, true});
}

// Hands each page to `on_page`. A page without a usable text layer (none, or a few
// words over what is probably a scanned image) is left to the OCR stage
// (extractors/read/ocr_stage.h, Page::needs_ocr), which reads it or says why it could
// not; on a page with text of its own, the PDF's `images` are (Page::pictures_to_read),
// so that it lists the pictures there and reads those big enough to hold words.
// Returns the numbers of the pages that could not be found.
std::vector<int> ReadPages(poppler::document& doc, int limit, int images, const PageFn& on_page) {
  std::vector<int> missing;
  for (int i = 0; i < limit; ++i) {
    std::unique_ptr<poppler::page> p(doc.create_page(i));
    if (!p) {
      missing.push_back(i + 1);
      continue;
    }
    Page page = BuildPage(i + 1, *p);
    if (page.source == TextSource::kNone) {
      page.needs_ocr = OcrNeed::kNoTextLayer;
    } else if (images > 0) {
      size_t letters = 0;
      for (char c : page.text) letters += std::isspace(static_cast<unsigned char>(c)) == 0;
      if (letters < 40) {
        page.needs_ocr = OcrNeed::kThinText;
      } else {
        page.pictures_to_read = images;
      }
    }
    on_page(std::move(page));
  }
  return missing;
}

}  // namespace

OpenedPdf OpenPdf(const std::string& path, const std::vector<std::string>& passwords) {
  poppler::set_debug_error_function(DropPopplerMessage, nullptr);
  OpenedPdf o;
  o.doc.reset(poppler::document::load_from_file(path));
  if (!o.doc || !o.doc->is_locked()) return o;
  o.was_locked = true;
  for (size_t k = 0; k < passwords.size() && o.doc->is_locked(); ++k) {
    for (const std::string& pw : {passwords[k], PasswordAsLatin1(passwords[k])}) {
      if (pw.empty()) continue;
      if (!o.doc->unlock(pw, pw)) {  // unlock() returns whether it is *still* locked
        o.password_used = static_cast<int>(k);
        break;
      }
    }
  }
  return o;
}

Result<OpenedPage> OpenPdfPage(const std::string& path, int number,
                               const std::vector<std::string>& passwords) {
  OpenedPage o;
  o.pdf = OpenPdf(path, passwords);
  if (!o.pdf.doc) return Status(StatusCode::kUnreadable, "the PDF could not be opened");
  if (o.pdf.doc->is_locked()) {
    return Status(StatusCode::kPasswordNeeded, "the PDF is locked with a password");
  }
  if (number < 1 || number > o.pdf.doc->pages()) {
    return Status(StatusCode::kUnreadable,
                  "the PDF has no page " + std::to_string(number) + " to read");
  }
  o.page.reset(o.pdf.doc->create_page(number - 1));
  if (!o.page) {
    return Status(StatusCode::kUnreadable,
                  "page " + std::to_string(number) + " of the PDF is damaged");
  }
  return o;
}

Result<Page> ReadPdfPageText(const std::string& path, int number,
                             const std::vector<std::string>& passwords) {
  Result<OpenedPage> opened = OpenPdfPage(path, number, passwords);
  if (!opened.ok()) return opened.status();
  return BuildPage(number, *opened->page);
}

Result<int> CountPdfPages(const std::string& path, const std::vector<std::string>& passwords) {
  OpenedPdf pdf = OpenPdf(path, passwords);
  if (!pdf.doc) return Status(StatusCode::kUnreadable, "the PDF could not be opened");
  if (pdf.doc->is_locked()) {
    return Status(StatusCode::kPasswordNeeded, "the PDF is locked with a password");
  }
  return pdf.doc->pages();
}

PdfObjectCounts CountPdfObjects(const std::string& path) {
  // Annotations people use to comment or mark up a page; each can carry text.
  static const std::set<std::string, std::less<>> kMarkups = {
      "Text",  "FreeText", "Highlight", "Underline", "StrikeOut",     "Squiggly",
      "Ink",   "Square",   "Circle",    "Line",      "Polygon",       "PolyLine",
      "Stamp", "Caret",    "Sound",     "Redact",    "FileAttachment"};
  PdfObjectCounts counts;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return counts;
  constexpr size_t kChunk = 1 << 20;
  constexpr size_t kKeep = 64;  // so a key split across two chunks is still seen
  std::string window;
  std::vector<char> buf(kChunk);
  for (;;) {
    ssize_t n = read(fd, buf.data(), buf.size());
    if (n <= 0) break;
    window.append(buf.data(), static_cast<size_t>(n));
    size_t scanned_to = 0;
    for (size_t pos = window.find("/Subtype"); pos != std::string::npos;
         pos = window.find("/Subtype", pos + 8)) {
      size_t v = pos + 8;
      while (v < window.size() && std::isspace(static_cast<unsigned char>(window[v]))) ++v;
      if (v >= window.size() || window[v] != '/') {
        scanned_to = v;
        continue;
      }
      size_t end = v + 1;
      while (end < window.size() && std::isalnum(static_cast<unsigned char>(window[end]))) ++end;
      if (end >= window.size()) break;  // the name may go on in the next chunk
      std::string_view name(window.data() + v + 1, end - v - 1);
      if (name == "Image") ++counts.images;
      if (kMarkups.count(name) != 0) ++counts.markups;
      scanned_to = end;
    }
    if (window.size() > kKeep) window.erase(0, std::max(scanned_to, window.size() - kKeep));
  }
  close(fd);
  return counts;
}

void KeepPopplerReady() {
  // Poppler's C++ interface builds its tables when the first document opens and frees
  // them when the last one closes: a document kept open keeps them. This one is a
  // blank page, written here, so nothing of a submission is held.
  static constexpr char kBlank[] =
      "%PDF-1.4\n"
      "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
      "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
      "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10]>> endobj\n"
      "trailer <</Root 1 0 R /Size 4>>\n"
      "%%EOF\n";
  static std::unique_ptr<poppler::document> kept;
  if (kept) return;
  poppler::set_debug_error_function(DropPopplerMessage, nullptr);
  kept.reset(poppler::document::load_from_raw_data(kBlank, sizeof kBlank - 1));
}

bool PdfHasEndMarker(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  off_t size = lseek(fd, 0, SEEK_END);
  off_t start = size > 16384 ? size - 16384 : 0;
  std::string tail(static_cast<size_t>(size - start), '\0');
  ssize_t n = pread(fd, tail.data(), tail.size(), start);
  close(fd);
  if (n <= 0) return false;
  tail.resize(static_cast<size_t>(n));
  return tail.find("%%EOF") != std::string::npos;
}

Summary ReadPdf(const std::string& path, const std::vector<std::string>& passwords,
                uint32_t max_pages, const PageFn& on_page) {
  Summary s;
  OpenedPdf pdf = OpenPdf(path, passwords);
  if (!pdf.doc) {
    s.status = DocStatus::kFailed;
    s.findings.push_back(
        Damaged("This PDF could not be opened: it is damaged, or it is not really a PDF."));
    return s;
  }
  poppler::document* doc = pdf.doc.get();
  s.encrypted = pdf.was_locked || doc->is_encrypted();
  s.password_used = pdf.password_used;
  // A locked document has no page tree yet: asking for its pages crashes Poppler.
  if (doc->is_locked()) {
    MarkLocked(passwords, s);
    return s;
  }
  ReadMetadata(*doc, s);
  PdfObjectCounts objects = CountPdfObjects(path);
  s.markups = objects.markups;
  ReadBookmarks(*doc, s);

  int count = doc->pages();
  if (count < 0) count = 0;
  s.page_count = count;
  int limit = std::min<int>(count, static_cast<int>(max_pages));
  std::vector<int> missing = ReadPages(*doc, limit, objects.images, on_page);
  if (count == 0 || static_cast<int>(missing.size()) == limit) {
    s.status = DocStatus::kFailed;
    s.findings.push_back(
        Damaged("This PDF opens but none of its pages could be found: it is damaged."));
    return s;
  }
  if (!missing.empty()) {
    s.status = DocStatus::kPartlyRead;
    Finding f = ReadingFinding(
        rule::kExtractUnreadable, "",
        "Pages " + PageList(missing) +
            " of this PDF could not be read: the file is damaged there. "
            "Those pages were not checked.",
        "Ask the organisation to save or export the document as a PDF again and resend it.");
    f.page = missing.front();
    s.findings.push_back(std::move(f));
  }
  if (count > limit) {
    s.status = DocStatus::kPartlyRead;
    s.findings.push_back(ReadingFinding(
        rule::kExtractPageLimit, "",
        "This PDF says it has " + std::to_string(count) + " pages; only the first " +
            std::to_string(limit) + " were read and checked.",
        "If the document really is this long, run again with a higher --max-pages."));
  }
  return s;
}

}  // namespace qpm::extract
