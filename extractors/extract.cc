#include "extractors/extract.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "extractors/ocr.h"
#include "extractors/pdf_forms.h"
#include "extractors/pdf_hidden.h"
#include "extractors/pdf_text.h"
#include "extractors/word_text.h"
#include "pipeline/html_text.h"
#include "pipeline/rules.h"
#include "pipeline/sniff.h"
#include "pipeline/utf8.h"

namespace qpm::extract {
namespace {

// A plain-text file is its own page text, byte for byte, so offsets index the file.
Summary ReadPlain(const std::string& path, uint64_t max_bytes, const PageFn& on_page) {
  Summary s;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    s.status = DocStatus::kFailed;
    s.findings.push_back(
        ReadingFinding("extract.unreadable", "",
                       std::string("This file could not be read: ") + std::strerror(errno) + ".",
                       "Check that it is still there and readable."));
    return s;
  }
  Page page;
  page.number = 1;
  page.source = TextSource::kPlain;
  char buf[1 << 16];
  bool cut = false;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (page.text.size() + static_cast<size_t>(n) > max_bytes) {
      page.text.append(buf, max_bytes - page.text.size());
      cut = true;
      break;
    }
    page.text.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  s.page_count = 1;
  if (cut) {
    s.status = DocStatus::kPartlyRead;
    s.findings.push_back(
        ReadingFinding("extract.page-limit", "",
                       "This text file is larger than " + std::to_string(max_bytes >> 20) +
                           " MiB; only the start was read and checked.",
                       "Split it into smaller files if all of it must be checked."));
  }
  on_page(std::move(page));
  return s;
}

// A PDF: its pages, form fields and comments, and hidden text.
Summary ReadWholePdf(const std::string& path, const std::vector<std::string>& passwords,
                     const Limits& limits, const PageFn& on_page) {
  auto started = std::chrono::steady_clock::now();
  Summary s = ReadPdf(path, passwords, limits.max_pages, on_page);
  AddPdfFormFields(path, passwords, limits, started, s);
  AddPdfHiddenText(path, passwords, limits, started, s);
  if (!PdfHasEndMarker(path)) {
    s.findings.insert(
        s.findings.begin(),
        ReadingFinding("extract.truncated", "",
                       "This PDF has no end-of-file marker: it was probably cut short when it "
                       "was saved or sent, and part of it may be missing.",
                       "Ask the organisation to send this file again."));
  }
  return s;
}

// The parts of a word-processing file that its PDF does not show, from the .docx
// LibreOffice made of it: tracked deletions and who made changes, comments and their
// authors, and text formatted as hidden. The rest (body, headers, properties) is on
// the PDF's pages and in its properties already.
void AddUnshownWordParts(const std::string& docx, const Limits& limits, Summary& s) {
  Summary word = ReadWord(docx, limits, [](Page&&) {});
  for (TextPart& part : word.parts) {
    if (part.name == "deleted text" || part.name == "change authors" || part.name == "comments" ||
        part.name == "comment authors" || part.name == "hidden text") {
      s.parts.push_back(std::move(part));
    }
  }
}

}  // namespace

Summary Extract(const Document& doc, const std::vector<std::string>& passwords,
                const Limits& limits, const PageFn& on_page) {
  const std::string& type = doc.media_type;
  if (type == kMediaPdf) return ReadWholePdf(doc.work_path, passwords, limits, on_page);
  if (IsConvertedOffice(type)) {
    // Read from the PDF LibreOffice made of it (pipeline/office.h), page by page as
    // any PDF, so that what is checked is what the bundle shows.
    if (doc.converted_pdf.empty()) {
      Summary s;
      s.status = DocStatus::kNotRead;
      s.findings.push_back(
          ReadingFinding("extract.convert-failed", "",
                         "This " + std::string(DescribeMediaType(type)) +
                             " was not read: it is read from a PDF made of it, and none was made.",
                         "Ask the organisation to save it as a PDF and send that instead."));
      return s;
    }
    Summary s = ReadWholePdf(doc.converted_pdf, {}, limits, on_page);
    if (!doc.converted_docx.empty()) AddUnshownWordParts(doc.converted_docx, limits, s);
    return s;
  }
  if (type == kMediaDocx) return ReadWord(doc.work_path, limits, on_page);
  uint64_t max_text = std::min<uint64_t>(limits.max_total_bytes, 256ull << 20);
  if (type == kMediaText) return ReadPlain(doc.work_path, max_text, on_page);
  if (type == kMediaText16) {
    // Offsets then index the text converted to UTF-8, not the file's bytes.
    return ReadPlain(doc.work_path, max_text, [&on_page](Page&& page) {
      page.text = Utf16ToUtf8(page.text);
      on_page(std::move(page));
    });
  }
  if (type == kMediaHtml) {
    // What a browser shows: "999&nbsp;234&nbsp;5675" must read as the number it is.
    return ReadPlain(doc.work_path, max_text, [&on_page](Page&& page) {
      page.text = HtmlToText(page.text);
      page.source = TextSource::kHtml;
      on_page(std::move(page));
    });
  }
  Summary s;
  s.status = DocStatus::kNotRead;
  if (type.rfind("image/", 0) == 0) {
    // An image is read by OCR (pipeline/ocr_stage.h), a frame at a time. Here each
    // frame becomes a page with no text yet and a finding that says it was not
    // checked; OCR replaces both, or says why it could not.
    Result<ocr::ImageFrames> frames = ocr::ListImageFrames(doc.work_path, limits.max_pages);
    if (!frames.ok()) {
      Finding f = ReadingFinding(
          "extract.no-text", "",
          "This is " + DescribeWithArticle(type) + ", and OCR cannot read it (" +
              frames.status().message() + "), so what it shows was not checked for personal data.",
          "Check the image by eye before sending it on, or send it as a PNG, JPEG or PDF.");
      f.page = 1;
      s.findings.push_back(std::move(f));
      return s;
    }
    s.page_count = frames->frames;
    bool several = frames->frames > 1;
    for (Page& page : frames->pages) {
      Finding f = ReadingFinding(
          "extract.no-text", "",
          (several ? "Page " + std::to_string(page.number) + " of this " : std::string("This ")) +
              std::string(DescribeMediaType(type)) +
              " has not been read by OCR, so what it shows was not checked for personal data.",
          "Check the image by eye before sending it on.");
      f.page = page.number;
      s.findings.push_back(std::move(f));
      on_page(std::move(page));
    }
    if (frames->frames > static_cast<int>(frames->pages.size())) {
      s.findings.push_back(ReadingFinding(
          "extract.page-limit", "",
          "This image has " + std::to_string(frames->frames) + " pages; only the first " +
              std::to_string(frames->pages.size()) + " were read and checked.",
          "If the document really is this long, run again with a higher --max-pages."));
    }
  }
  return s;
}

}  // namespace qpm::extract
