#include "extractors/read/extract.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <set>
#include <string_view>

#include "extractors/read/ocr.h"
#include "extractors/read/pdf_forms.h"
#include "extractors/read/pdf_hidden.h"
#include "extractors/read/pdf_inflate.h"
#include "extractors/read/pdf_text.h"
#include "extractors/read/word_text.h"
#include "pipeline/core/html_text.h"
#include "pipeline/core/media_types.h"
#include "pipeline/core/model_json.h"
#include "pipeline/core/rules.h"
#include "pipeline/core/utf8.h"

namespace qpm::extract {
namespace {

// A plain-text file is its own page text, byte for byte, so offsets index the file.
Summary ReadPlain(const std::string& path, uint64_t max_bytes, const PageFn& on_page) {
  Summary s;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    s.status = DocStatus::kFailed;
    s.findings.push_back(
        ReadingFinding(rule::kExtractUnreadable, "",
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
        ReadingFinding(rule::kExtractPageLimit, "",
                       "This text file is larger than " + std::to_string(max_bytes >> 20) +
                           " MiB; only the start was read and checked.",
                       "Split it into smaller files if all of it must be checked."));
  }
  on_page(std::move(page));
  return s;
}

// Comments and mark-ups whose text was read (pdf_forms.h) but whose cover was not
// checked (pdf_hidden.h could not run).
Finding MarkupsNotChecked(int markups) {
  return ReadingFinding(
      rule::kExtractAnnotationsNotRead, "",
      "This PDF carries " + std::to_string(markups) +
          (markups == 1 ? " comment or mark-up" : " comments or mark-ups") +
          " (sticky notes, highlights, stamps, drawn boxes). " +
          (markups == 1 ? "Its text was" : "Their text was") +
          " checked for personal data, but whether one hides text beneath it could not be "
          "checked.",
      "Open the PDF's comments panel and check them, or delete them (and flatten the file) "
      "before sending.");
}

// A PDF: its pages, form fields and comments, and hidden text.
Summary ReadWholePdf(const std::string& path, const std::vector<std::string>& passwords,
                     const Limits& limits, const PageFn& on_page) {
  auto started = std::chrono::steady_clock::now();
  Summary s;
  if (!WithinInflateLimit(path, passwords, limits, s)) return s;
  s = ReadPdf(path, passwords, limits.max_pages, on_page);
  AddPdfFormFields(path, passwords, limits, started, s);
  AddPdfHiddenText(path, passwords, limits, started, s);
  if (s.markups > 0 && !s.markups_checked) s.findings.push_back(MarkupsNotChecked(s.markups));
  if (!PdfHasEndMarker(path)) {
    s.findings.insert(
        s.findings.begin(),
        ReadingFinding(rule::kExtractTruncated, "",
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

// The words of a text as they are compared: runs of letters and digits, ASCII folded
// to lower case. Spaces, dashes, quotes and other punctuation (ASCII, U+00A0, U+00AD,
// U+2000 to U+206F, U+3000, U+FEFF) part words; any other character is a letter, so
// "Zoë" is one word. The ligatures U+FB00 to U+FB06 stand for their letters.
std::vector<std::string> ComparedWords(std::string_view text) {
  static constexpr std::string_view kLigatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  std::vector<std::string> words;
  std::string word;
  auto end_word = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c) != 0) {
        word += static_cast<char>(std::tolower(c));
      } else {
        end_word();
      }
      ++i;
      continue;
    }
    size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    length = std::min(length, text.size() - i);
    uint32_t code = length == 2 ? (c & 0x1Fu) << 6 | (text[i + 1] & 0x3Fu)
                    : length == 3
                        ? (c & 0x0Fu) << 12 | (text[i + 1] & 0x3Fu) << 6 | (text[i + 2] & 0x3Fu)
                        : 0xFFFD;
    if (code == 0xA0 || code == 0xAD || (code >= 0x2000 && code <= 0x206F) || code == 0x3000 ||
        code == 0xFEFF) {
      end_word();
    } else if (code >= 0xFB00 && code <= 0xFB06) {
      word += kLigatures[code - 0xFB00];
    } else {
      word.append(text.substr(i, length));
    }
    i += length;
  }
  end_word();
  return words;
}

// A word that says something only printing can add: a list's number ("1", "iv",
// "xii") or a page's ("12") is not.
bool SaysSomething(const std::string& word) {
  if (word.size() <= 2) return false;
  static const std::set<std::string> kRoman = [] {
    std::set<std::string> r;
    for (const char* tens : {"", "x", "xx", "xxx"}) {
      for (const char* units : {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"}) {
        r.insert(std::string(tens) + units);
      }
    }
    return r;
  }();
  return kRoman.count(word) == 0;
}

// A word of the file's own text, or two run together where nothing printed parts
// them ("FairweatherClient": a tracked deletion and the insertion after it).
bool Known(const std::string& word, const std::set<std::string>& known) {
  if (known.count(word) != 0) return true;
  for (size_t cut = 1; cut < word.size(); ++cut) {
    if (known.count(word.substr(0, cut)) != 0 && known.count(word.substr(cut)) != 0) return true;
  }
  return false;
}

// What a Word file shows when printed that its own text does not hold: the lines of
// the PDF LibreOffice made of it (pipeline/output/office.h) with a word that is not in
// `known`, the words read from the file's XML (body, headers, footers, notes, comments,
// tracked changes). A drawing's words (EMF, WMF, SmartArt, a chart) and a field worked
// out again come in this way. They become a part of their own, checked like the rest,
// so that the bundle, which shows that PDF, shows nothing that was not checked.
void AddTextShownWhenPrinted(const std::string& pdf, const std::set<std::string>& known,
                             const Limits& limits, Summary& s) {
  std::string shown;
  ReadPdf(pdf, {}, limits.max_pages, [&](Page&& page) {
    size_t start = 0;
    while (start < page.text.size()) {
      size_t end = page.text.find('\n', start);
      if (end == std::string::npos) end = page.text.size();
      std::string_view line(page.text.data() + start, end - start);
      for (const std::string& word : ComparedWords(line)) {
        if (SaysSomething(word) && !Known(word, known)) {
          shown.append(line).push_back('\n');
          break;
        }
      }
      start = end + 1;
    }
  });
  if (!shown.empty()) s.parts.push_back(TextPart{"text shown when printed", shown, false});
}

// Text a shape or picture laid over it hides on a Word file's pages: where it lands
// takes Word's layout, which only the printed copy has. The PDF hidden-text check
// (pdf_hidden.h) finds it there; only text something is painted over counts, since
// colours (a dark highlight, white text) are judged from the XML, as Word draws them
// (the printed copy is of the file as WriteWordAsDrawn marks it, word_text.h).
void AddTextUnderShapes(const std::string& pdf, const Limits& limits, Summary& s) {
  Result<std::vector<HiddenText>> found = FindHiddenText(pdf, "", limits.max_pages);
  if (!found.ok()) return;
  for (HiddenText& h : found.value()) {
    if (!h.drawn_over) continue;
    // Under a dark shape: a redaction that only looks done. Under a white one: text
    // nobody sees, as in a PDF ("background").
    if (h.kind == "covered") h.kind = "covered-by-shape";
    h.where = "printed copy";
    s.hidden.push_back(std::move(h));
  }
}

// A .docx: its XML, and in triage the PDF the bundle shows.
Summary ReadWordAsShown(const Document& doc, const Limits& limits, const PageFn& on_page) {
  std::set<std::string> known;
  auto learn = [&known](std::string_view text) {
    for (std::string& word : ComparedWords(text)) known.insert(std::move(word));
  };
  Summary s = ReadWord(doc.work_path, limits, [&](Page&& page) {
    if (!doc.converted_pdf.empty()) learn(page.text);
    on_page(std::move(page));
  });
  if (doc.converted_pdf.empty() || s.status == DocStatus::kFailed) return s;
  for (const TextPart& part : s.parts) learn(part.text);
  AddTextShownWhenPrinted(doc.converted_pdf, known, limits, s);
  AddTextUnderShapes(doc.converted_pdf, limits, s);
  return s;
}

}  // namespace

Summary Extract(const Document& doc, const std::vector<std::string>& passwords,
                const Limits& limits, const PageFn& on_page) {
  const std::string& type = doc.media_type;
  if (type == kMediaPdf) return ReadWholePdf(doc.work_path, passwords, limits, on_page);
  if (IsConvertedOffice(type)) {
    // Read from the PDF LibreOffice made of it (pipeline/output/office.h), page by page as
    // any PDF, so that what is checked is what the bundle shows.
    if (doc.converted_pdf.empty()) {
      Summary s;
      s.status = DocStatus::kNotRead;
      s.findings.push_back(
          ReadingFinding(rule::kExtractConvertFailed, "",
                         "This " + std::string(DescribeMediaType(type)) +
                             " was not read: it is read from a PDF made of it, and none was made.",
                         "Ask the organisation to save it as a PDF and send that instead."));
      return s;
    }
    Summary s = ReadWholePdf(doc.converted_pdf, {}, limits, on_page);
    if (!doc.converted_docx.empty()) AddUnshownWordParts(doc.converted_docx, limits, s);
    return s;
  }
  if (type == kMediaDocx) return ReadWordAsShown(doc, limits, on_page);
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
    // An image is read by OCR (extractors/read/ocr_stage.h), a frame at a time. Here each
    // frame becomes a page with no text yet, left to OCR (Page::needs_ocr), which reads
    // it or says why it could not. One that OCR cannot read at all is said so here.
    Result<ocr::ImageFrames> frames = ocr::ListImageFrames(doc.work_path, limits.max_pages);
    if (!frames.ok()) {
      Finding f = ReadingFinding(
          rule::kExtractNoText, "",
          "This is " + DescribeWithArticle(type) + ", and OCR cannot read it (" +
              frames.status().message() + "), so what it shows was not checked for personal data.",
          "Check the image by eye before sending it on, or send it as a PNG, JPEG or PDF.");
      f.page = 1;
      s.findings.push_back(std::move(f));
      return s;
    }
    s.page_count = frames->frames;
    for (Page& page : frames->pages) {
      page.needs_ocr = OcrNeed::kImage;
      on_page(std::move(page));
    }
    if (frames->frames > static_cast<int>(frames->pages.size())) {
      s.findings.push_back(ReadingFinding(
          rule::kExtractPageLimit, "",
          "This image has " + std::to_string(frames->frames) + " pages; only the first " +
              std::to_string(frames->pages.size()) + " were read and checked.",
          "If the document really is this long, run again with a higher --max-pages."));
    }
  }
  return s;
}

void to_json(nlohmann::json& j, const Summary& s) {
  j = {{"status", static_cast<int>(s.status)},
       {"page_count", s.page_count},
       {"encrypted", s.encrypted},
       {"locked", s.locked},
       {"password_used", s.password_used},
       {"metadata", s.metadata},
       {"parts", s.parts},
       {"fields", s.fields},
       {"hidden", s.hidden},
       {"markups", s.markups},
       {"markups_checked", s.markups_checked},
       {"findings", s.findings}};
}

void from_json(const nlohmann::json& j, Summary& s) {
  int status = j.at("status").get<int>();
  if (status < static_cast<int>(DocStatus::kPending) ||
      status > static_cast<int>(DocStatus::kUnpacked)) {
    throw nlohmann::json::other_error::create(501, "a document status out of range", &j);
  }
  s.status = static_cast<DocStatus>(status);
  j.at("page_count").get_to(s.page_count);
  j.at("encrypted").get_to(s.encrypted);
  j.at("locked").get_to(s.locked);
  j.at("password_used").get_to(s.password_used);
  j.at("metadata").get_to(s.metadata);
  j.at("parts").get_to(s.parts);
  j.at("fields").get_to(s.fields);
  j.at("hidden").get_to(s.hidden);
  j.at("markups").get_to(s.markups);
  j.at("markups_checked").get_to(s.markups_checked);
  j.at("findings").get_to(s.findings);
}

}  // namespace qpm::extract
