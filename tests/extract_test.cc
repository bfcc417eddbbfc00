// Text extraction over real files from ../shared/corpus (see its MANIFEST.tsv).
// Assertions are about structure and the phrases the manifest names, never about
// the content of the court filings in corpus/redaction.
#include "extractors/read/extract.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "extractors/read/pdf_hidden.h"
#include "extractors/read/pdf_text.h"
#include "extractors/read/read_apart.h"
#include "extractors/read/word_text.h"
#include "pipeline/ingest/sniff.h"
#include "tests/test_util.h"

namespace qpm::extract {
namespace {

using qpm::testing::CorpusDir;

struct Read {
  Summary summary;
  std::vector<Page> pages;
};

Read ReadFile(const std::string& relative, std::vector<std::string> passwords = {}) {
  Document doc;
  doc.work_path = CorpusDir() + "/" + relative;
  doc.media_type = SniffFile(doc.work_path, relative);
  // Telling a .docx from a zip takes unpacking, which is ingest's job.
  if (relative.size() > 5 && relative.substr(relative.size() - 5) == ".docx") {
    doc.media_type = std::string(kMediaDocx);
  }
  Read r;
  Limits limits;
  r.summary = Extract(doc, passwords, limits, [&](Page&& p) { r.pages.push_back(std::move(p)); });
  return r;
}

bool HasRule(const Summary& s, std::string_view rule) {
  for (const Finding& f : s.findings) {
    if (f.rule == rule) return true;
  }
  return false;
}

TEST(PdfText, WordsIndexThePageText) {
  Read r = ReadFile("pdf/pdfjs-tracemonkey.pdf");
  EXPECT_EQ(r.summary.status, DocStatus::kRead);
  EXPECT_EQ(r.summary.page_count, 14);
  ASSERT_EQ(r.pages.size(), 14u);
  EXPECT_NE(r.pages[0].text.find("Trace-based Just-in-Time Type Specialization"),
            std::string::npos);
  size_t words = 0;
  for (const Page& p : r.pages) {
    EXPECT_EQ(p.source, TextSource::kTextLayer);
    EXPECT_GT(p.width, 500);
    for (const Word& w : p.words) {
      ASSERT_LE(w.end, p.text.size());
      EXPECT_EQ(p.text.substr(w.start, w.end - w.start), w.text);
      EXPECT_LT(w.box.x0, w.box.x1);
      EXPECT_LT(w.box.y0, w.box.y1);
      ++words;
    }
  }
  EXPECT_GT(words, 5000u);
}

TEST(PdfText, LockedPdfNeedsItsUserPassword) {
  Read locked = ReadFile("pdf/pypdf-r6-both-passwords.pdf");
  EXPECT_EQ(locked.summary.status, DocStatus::kFailed);
  EXPECT_TRUE(locked.summary.encrypted);
  EXPECT_TRUE(HasRule(locked.summary, "ingest.password-needed"));
  EXPECT_TRUE(locked.pages.empty());

  Read opened = ReadFile("pdf/pypdf-r6-both-passwords.pdf", {"wrong", "foo"});
  EXPECT_EQ(opened.summary.status, DocStatus::kRead);
  EXPECT_EQ(opened.summary.password_used, 1);
  EXPECT_EQ(opened.pages.size(), 1u);
}

TEST(PdfText, Latin1PasswordOfAnOldPdf) {
  // The manifest: the user password 'hôtel' works only as Latin-1 bytes.
  Read r = ReadFile("pdf/pdfium-encrypted_hello_world_r2.pdf", {"hôtel"});
  EXPECT_EQ(r.summary.status, DocStatus::kRead);
  EXPECT_EQ(r.summary.password_used, 0);
}

TEST(PdfText, OwnerPasswordOnlyIsSimplyRead) {
  Read r = ReadFile("pdf/pypdf-r6-owner-password.pdf");
  EXPECT_EQ(r.summary.status, DocStatus::kRead);
  EXPECT_TRUE(r.summary.encrypted);
  EXPECT_EQ(r.summary.password_used, -1);
  EXPECT_FALSE(r.pages.empty());
}

TEST(PdfText, ScannedPagesAreReportedNotSilent) {
  Read r = ReadFile("pdf/ocrmypdf-skew.pdf");
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, TextSource::kNone);
  EXPECT_EQ(r.pages[0].needs_ocr, OcrNeed::kNoTextLayer);  // the OCR stage reads it or says so
}

TEST(PdfText, HeaderOnlyFileIsUnreadableAndTruncated) {
  Read r = ReadFile("pdf/ocrmypdf-invalid.pdf");
  EXPECT_EQ(r.summary.status, DocStatus::kFailed);
  EXPECT_TRUE(HasRule(r.summary, "extract.unreadable"));
}

TEST(PdfText, AbsurdPageCountDoesNotAllocatePerPage) {
  Read r = ReadFile("pdf/pdfjs-poppler-85140-0.pdf");  // claims 213804087 pages
  EXPECT_LE(r.pages.size(), 5000u);
}

TEST(PdfText, MetadataIsRead) {
  Read r = ReadFile("pdf/pypdf-encrypted_doc_no_id.pdf");
  bool producer = false;
  for (const auto& [k, v] : r.summary.metadata) {
    if (k == "Producer" && v == "European Patent Office") producer = true;
  }
  EXPECT_TRUE(producer);  // the manifest's stated /Producer
}

TEST(PdfText, CommentsAreReadAndWhatTheyCoverIsChecked) {
  // The manifest: "text annotations (comments)", page 1 has annotations. Their text
  // and authors are read (pdf_forms.h) and what they cover is checked (pdf_hidden.h),
  // so they are no longer listed as not checked.
  Read commented = ReadFile("pdf/pypdf-commented.pdf");
  EXPECT_FALSE(HasRule(commented.summary, "extract.annotations-not-read"));
  EXPECT_FALSE(HasRule(commented.summary, "extract.hidden-not-checked"));
  EXPECT_TRUE(std::any_of(commented.summary.fields.begin(), commented.summary.fields.end(),
                          [](const FormField& f) { return f.kind == "comment"; }));
  EXPECT_GE(CountPdfObjects(CorpusDir() + "/pdf/pypdf-commented.pdf").markups, 1);
}

// Mark-ups whose cover the hidden-text check could not look under are noted once, by
// Extract, from what the readers found (Summary::markups, markups_checked).
TEST(PdfText, MarkupsWhoseCoverWasNotCheckedAreNotedOnce) {
  Document doc;
  doc.work_path = CorpusDir() + "/pdf/pypdf-commented.pdf";
  doc.media_type = std::string(kMediaPdf);
  Summary checked = Extract(doc, {}, Limits{}, [](Page&&) {});
  EXPECT_GE(checked.markups, 1);
  EXPECT_TRUE(checked.markups_checked);
  EXPECT_FALSE(HasRule(checked, "extract.annotations-not-read"));

  Limits no_time;
  no_time.doc_timeout_seconds = 1;  // nothing is left for the checks after the text
  Summary unchecked = Extract(doc, {}, no_time, [](Page&&) {});
  EXPECT_FALSE(unchecked.markups_checked);
  EXPECT_TRUE(HasRule(unchecked, "extract.hidden-not-checked"));
  int notes = 0;
  for (const Finding& f : unchecked.findings) {
    if (f.rule != "extract.annotations-not-read") continue;
    ++notes;
    EXPECT_NE(f.message.find("whether one hides text beneath it could not be checked"),
              std::string::npos)
        << f.message;
  }
  EXPECT_EQ(notes, 1);
}

TEST(PdfText, AttachedFilesAreLeftToIngest) {
  // The manifest: "embedded file (EmbeddedFiles name tree)". The attached file is a
  // document of its own (ingest takes it out, embedded_files.h): its text is no part
  // of this one, and this one does not call it unread.
  Read r = ReadFile("pdf/pdfjs-attachment.pdf");
  for (const TextPart& p : r.summary.parts) EXPECT_NE(p.name, "attached file");
  EXPECT_FALSE(HasRule(r.summary, "extract.embedded-not-read"));
  // Its name is still read, as text the PDF carries.
  EXPECT_TRUE(std::any_of(r.summary.fields.begin(), r.summary.fields.end(),
                          [](const FormField& f) { return f.kind == "attachment"; }));
}

// The hidden text of samples/redaction, against what the generator planted there
// (scripts/make_samples/redaction_samples.cc): the client "Marjorie Fairweather",
// NHS number 999 612 0015.
// Read in a child process, as the extract stage reads (and so that fontconfig's
// memory, which Poppler never frees, is not charged to this test process).
std::vector<HiddenText> Hidden(const std::string& sample) {
  Result<std::vector<HiddenText>> found =
      FindHiddenTextApart(testing::SamplesDir() + "/redaction/" + sample, "", Limits{}, 60);
  EXPECT_TRUE(found.ok()) << sample << ": " << found.status().message();
  return found.ok() ? found.value() : std::vector<HiddenText>{};
}

TEST(PdfHidden, TheNameUnderEachKindOfBoxIsFoundWhole) {
  for (const char* sample :
       {"box-over-text.pdf", "path-box-over-text.pdf", "xobject-box-over-text.pdf",
        "image-over-text.pdf", "annotation-over-text.pdf", "highlight-over-text.pdf",
        "cross-hatched-bar.pdf", "black-on-black.pdf"}) {
    std::vector<HiddenText> hidden = Hidden(sample);
    ASSERT_EQ(hidden.size(), 1u) << sample;
    EXPECT_EQ(hidden[0].kind, "covered") << sample;
    EXPECT_EQ(hidden[0].page, 1) << sample;
    EXPECT_EQ(hidden[0].text, "Marjorie Fairweather") << sample;
    // The name's box lies on the first line of the note (baseline 740 pt from the
    // foot of an 842 pt page: 102 pt from its top).
    ASSERT_TRUE(hidden[0].box.has_value()) << sample;
    EXPECT_LT(hidden[0].box->y0, 102) << sample;
    EXPECT_GT(hidden[0].box->y1, 102) << sample;
  }
}

// What hides the text: something painted over it (a box, a picture), or the colour
// beneath it (black text on a black fill painted first). A Word file's printed copy
// keeps only the first (extract.cc), since Word's own colours are judged from its XML.
TEST(PdfHidden, SaysWhetherSomethingWasPaintedOverTheText) {
  for (const char* sample :
       {"box-over-text.pdf", "path-box-over-text.pdf", "image-over-text.pdf"}) {
    std::vector<HiddenText> hidden = Hidden(sample);
    ASSERT_EQ(hidden.size(), 1u) << sample;
    EXPECT_TRUE(hidden[0].drawn_over) << sample;
  }
  std::vector<HiddenText> beneath = Hidden("black-on-black.pdf");
  ASSERT_EQ(beneath.size(), 1u);
  EXPECT_EQ(beneath[0].kind, "covered");
  EXPECT_FALSE(beneath[0].drawn_over);
}

TEST(PdfHidden, TextTurnedOnThePageIsFoundWhole) {
  std::vector<HiddenText> hidden = Hidden("rotated-box-over-text.pdf");
  ASSERT_EQ(hidden.size(), 1u);
  EXPECT_EQ(hidden[0].kind, "covered");
  EXPECT_EQ(hidden[0].text, "Marjorie Fairweather");
  // It runs up the page: taller than wide.
  ASSERT_TRUE(hidden[0].box.has_value());
  EXPECT_GT(hidden[0].box->y1 - hidden[0].box->y0, 5 * (hidden[0].box->x1 - hidden[0].box->x0));
}

TEST(PdfHidden, EachOtherKindIsTold) {
  struct Case {
    const char* sample;
    const char* kind;
    const char* text;
  };
  for (const Case& c : {Case{"ocr-layer-under-bar.pdf", "covered-scan", "Marjorie Fairweather"},
                        Case{"white-text.pdf", "background", "NHS 999 612 0015"},
                        Case{"tiny-text.pdf", "tiny", "Mother: Edna Fairweather"},
                        Case{"off-page-text.pdf", "off-page", "NHS 999 612 0015"},
                        Case{"redaction-not-applied.pdf", "redact-mark", "Marjorie Fairweather"},
                        Case{"hidden-layer.pdf", "hidden-layer", "Reviewer: NHS 999 612 0015"},
                        Case{"earlier-revision.pdf", "earlier-revision", "Marjorie Fairweather"},
                        Case{"javascript.pdf", "script", "JavaScript"}}) {
    std::vector<HiddenText> hidden = Hidden(c.sample);
    ASSERT_EQ(hidden.size(), 1u) << c.sample;
    EXPECT_EQ(hidden[0].kind, c.kind) << c.sample;
    EXPECT_EQ(hidden[0].text, c.text) << c.sample;
  }
}

TEST(PdfHidden, ControlsHideNothing) {
  for (const char* sample :
       {"control-removed-under-bar.pdf", "control-rasterised.pdf",
        "control-rasterised-with-ocr.pdf", "control-dark-header-table-logo.pdf"}) {
    EXPECT_TRUE(Hidden(sample).empty()) << sample;
  }
}

// A reader apart says what became of it in the words a finding quotes: its own
// failure as it is, a crash or a hang named with the reader.
TEST(ReadApart, TheValueOrWhatStoppedTheReader) {
  Limits limits;
  Result<std::vector<FormField>> fields = ReadApart<std::vector<FormField>>(
      [] {
        FormField field;
        field.name = "Text1";
        field.value = "x";
        return Result<std::vector<FormField>>(std::vector<FormField>{field});
      },
      limits, 5, "the form reader");
  ASSERT_TRUE(fields.ok()) << fields.status().message();
  ASSERT_EQ(fields->size(), 1u);
  EXPECT_EQ(fields.value()[0].value, "x");

  Result<int> locked = ReadApart<int>(
      [] {
        return Result<int>(Status(StatusCode::kPasswordNeeded, "the password did not open it"));
      },
      limits, 5, "the check");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().code(), StatusCode::kPasswordNeeded);
  EXPECT_EQ(locked.status().message(), "the password did not open it");

  Result<int> crashed =
      ReadApart<int>([]() -> Result<int> { std::abort(); }, limits, 5, "the check");
  ASSERT_FALSE(crashed.ok());
  EXPECT_EQ(crashed.status().code(), StatusCode::kCrashed);
  EXPECT_EQ(crashed.status().message().rfind("the check stopped by signal 6", 0), 0u)
      << crashed.status().message();

  Result<int> hung = ReadApart<int>(
      []() -> Result<int> {
        for (;;) pause();
      },
      limits, 0, "the form reader");  // 0: at least a second
  ASSERT_FALSE(hung.ok());
  EXPECT_EQ(hung.status().code(), StatusCode::kTimeout);
  EXPECT_EQ(hung.status().message(), "the form reader ran out of time after 1 s");
}

TEST(PdfHidden, AFileThatIsNoPdfIsUnreadable) {
  Result<std::vector<HiddenText>> found =
      FindHiddenTextApart(CorpusDir() + "/pdf/ocrmypdf-invalid.pdf", "", Limits{}, 60);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), StatusCode::kUnreadable);
}

// The Word files of samples/redaction, against what the generator planted.
Read ReadWordSample(const std::string& name) {
  Document doc;
  doc.work_path = testing::SamplesDir() + "/redaction/" + name;
  doc.media_type = std::string(kMediaDocx);
  Read r;
  r.summary = Extract(doc, {}, Limits{}, [&](Page&& p) { r.pages.push_back(std::move(p)); });
  return r;
}

const TextPart* PartNamed(const Summary& s, std::string_view name) {
  for (const TextPart& p : s.parts) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(WordHidden, AHiddenRunLeavesTheBodyForAPartOfItsOwn) {
  Read r = ReadWordSample("hidden-text.docx");
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].text.find("999 612 0015"), std::string::npos);
  EXPECT_NE(r.pages[0].text.find("Client A"), std::string::npos);
  const TextPart* hidden = PartNamed(r.summary, "hidden text");
  ASSERT_NE(hidden, nullptr);
  EXPECT_TRUE(hidden->hidden);
  EXPECT_NE(hidden->text.find("NHS 999 612 0015"), std::string::npos);
}

TEST(WordHidden, WhiteTextIsListedUnlessItsCellIsShaded) {
  Read white = ReadWordSample("white-text.docx");
  const TextPart* part = PartNamed(white.summary, "white text");
  ASSERT_NE(part, nullptr);
  EXPECT_NE(part->text.find("Marjorie Fairweather"), std::string::npos);
  // It stays in the body too, where the personal-data scan reads it in place.
  ASSERT_EQ(white.pages.size(), 1u);
  EXPECT_NE(white.pages[0].text.find("Marjorie Fairweather"), std::string::npos);
  Read shaded = ReadWordSample("control-white-on-dark-cell.docx");
  EXPECT_EQ(PartNamed(shaded.summary, "white text"), nullptr);
}

TEST(WordHidden, TrackedChangesKeepTheirAuthors) {
  Read inserted = ReadWordSample("tracked-insertion.docx");
  const TextPart* authors = PartNamed(inserted.summary, "change authors");
  ASSERT_NE(authors, nullptr);
  EXPECT_EQ(authors->text, "Advocate B\n");
  EXPECT_EQ(PartNamed(inserted.summary, "deleted text"), nullptr);
  Read commented = ReadWordSample("comments.docx");
  const TextPart* writers = PartNamed(commented.summary, "comment authors");
  ASSERT_NE(writers, nullptr);
  EXPECT_EQ(writers->text, "Advocate B\n");
  EXPECT_EQ(PartNamed(commented.summary, "change authors"), nullptr);
  Read deleted = ReadWordSample("tracked-changes.docx");
  const TextPart* gone = PartNamed(deleted.summary, "deleted text");
  ASSERT_NE(gone, nullptr);
  EXPECT_NE(gone->text.find("Marjorie Fairweather"), std::string::npos);
}

TEST(PdfText, EndMarker) {
  EXPECT_TRUE(PdfHasEndMarker(CorpusDir() + "/pdf/pdfjs-tracemonkey.pdf"));
  EXPECT_FALSE(PdfHasEndMarker(CorpusDir() + "/pdf/qpdf-bad1.pdf"));
}

TEST(WordText, BodyWithoutDeletedText) {
  Read r = ReadFile("docx/poi-delins.docx");
  EXPECT_EQ(r.summary.status, DocStatus::kRead);
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].source, TextSource::kWordBody);
  // The manifest names two phrases POI's extractor finds. "extremely well" is in an
  // inserted run: visible body text. "pendant worn" is inside a tracked deletion
  // (w:delText): not visible, so not body text; the hidden-data checks report it.
  EXPECT_NE(r.pages[0].text.find("extremely well"), std::string::npos);
  EXPECT_EQ(r.pages[0].text.find("pendant worn"), std::string::npos);
}

const TextPart* Part(const Summary& s, std::string_view name) {
  for (const TextPart& p : s.parts) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(WordText, TrackedDeletionsAreAHiddenPart) {
  // The text POI finds in deleted runs ("pendant worn") is kept out of the body
  // above, and reported here, because it stays in the file.
  Read r = ReadFile("docx/poi-delins.docx");
  const TextPart* deleted = Part(r.summary, "deleted text");
  ASSERT_NE(deleted, nullptr);
  EXPECT_TRUE(deleted->hidden);
  EXPECT_NE(deleted->text.find("pendant worn"), std::string::npos);
}

TEST(WordText, CommentsAreAHiddenPart) {
  // The manifest: one comment, 'This is the first line\n\nThis is the second line'.
  Read r = ReadFile("docx/poi-comment.docx");
  const TextPart* comments = Part(r.summary, "comments");
  ASSERT_NE(comments, nullptr);
  EXPECT_TRUE(comments->hidden);
  EXPECT_NE(comments->text.find("This is the first line"), std::string::npos);
  EXPECT_NE(comments->text.find("This is the second line"), std::string::npos);
}

TEST(WordText, HeadersFootersAndFootnotesAreVisibleParts) {
  Read headers = ReadFile("docx/docx4j-header-no-rels.docx");  // three headers, footnotes
  const TextPart* header = Part(headers.summary, "header");
  ASSERT_NE(header, nullptr);
  EXPECT_FALSE(header->hidden);
  EXPECT_FALSE(header->text.empty());
  Read footers = ReadFile("docx/poi-form_footnotes.docx");  // a footer and footnotes
  EXPECT_NE(Part(footers.summary, "footnotes"), nullptr);
}

TEST(WordText, ImagesAreReportedAsNotReadEmbeddedFilesAreLeftToIngest) {
  Read r = ReadFile("docx/poi-WordWithAttachments.docx");  // 5 embedded parts, per the manifest
  // Ingest takes the embedded parts out as documents of their own (embedded_files_test.cc).
  EXPECT_FALSE(HasRule(r.summary, "extract.embedded-not-read"));
  // Its images are left to the OCR stage, which reads them or says they were not read.
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_GT(r.pages[0].pictures_to_read, 0);
  EXPECT_FALSE(HasRule(r.summary, "extract.images-not-read"));
  Read plain = ReadFile("docx/mammoth-strict-format.docx");
  ASSERT_EQ(plain.pages.size(), 1u);
  EXPECT_EQ(plain.pages[0].pictures_to_read, 0);
}

TEST(WordText, DeletedRevisionsAndFieldCodesAreNotBody) {
  Result<std::string> text = WordBodyText(
      R"(<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>kept</w:t></w:r>)"
      R"(<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>)"
      R"(<w:r><w:instrText>FORMTEXT</w:instrText></w:r><w:r><w:tab/><w:t>after</w:t></w:r></w:p>)"
      R"(<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)"
      R"(</w:body></w:document>)");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value(), "kept\tafter\na\tb\n");
}

TEST(WordText, ExternalEntityIsNeverResolved) {
  Read r = ReadFile("docx/poi-ExternalEntityInText.docx");
  EXPECT_EQ(r.summary.status, DocStatus::kRead);
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].text.find("poi.apache.org"), std::string::npos);
}

TEST(WordText, StrictAndBomVariants) {
  Read strict = ReadFile("docx/mammoth-strict-format.docx");
  ASSERT_EQ(strict.pages.size(), 1u);
  EXPECT_EQ(strict.pages[0].text, "Test\n");
  Read bom = ReadFile("docx/mammoth-utf8-bom.docx");
  ASSERT_EQ(bom.pages.size(), 1u);
  EXPECT_EQ(bom.pages[0].text, "This XML has a byte order mark.\n");
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// A PDF of one page with `lines` of Helvetica, as LibreOffice might print a Word file.
std::string PrintedPdf(const std::vector<std::string>& lines) {
  std::string ops;
  for (size_t i = 0; i < lines.size(); ++i) {
    ops += "BT /F1 11 Tf 72 " + std::to_string(760 - 20 * static_cast<int>(i)) + " Td (" +
           lines[i] + ") Tj ET\n";
  }
  return testing::PdfOf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
       "<< /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
       "<< /Length " + std::to_string(ops.size()) + " >>\nstream\n" + ops + "\nendstream"});
}

// A .docx is read from its XML; the PDF made of it for the bundle adds, as a part of its
// own, only the lines that show words the XML does not hold (a drawing's, a field's).
TEST(WordText, TextOnlyThePrintedCopyShowsIsAPartOfItsOwn) {
  testing::TempDir dir;
  Document doc;
  doc.work_path = testing::SamplesDir() + "/redaction/tracked-changes.docx";
  doc.media_type = std::string(kMediaDocx);
  doc.converted_pdf = dir.path() + "/printed.pdf";
  WriteBytes(doc.converted_pdf,
             PrintedPdf({"Case notes: CF12",
                         // the deletion and the insertion printed with nothing between
                         "Client name: Marjorie FairweatherClient A",
                         "iv. Visit on 3 March 2026 at the day centre.", "12",
                         "Referral from Rosalind Quenby"}));
  std::vector<Page> pages;
  Summary s = Extract(doc, {}, Limits{}, [&](Page&& p) { pages.push_back(std::move(p)); });
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].text.find("Referral"), std::string::npos) << "the body is the XML's";
  const TextPart* printed = PartNamed(s, "text shown when printed");
  ASSERT_NE(printed, nullptr);
  EXPECT_EQ(printed->text, "Referral from Rosalind Quenby\n");
  EXPECT_FALSE(printed->hidden);

  // Nothing new printed: no such part. No PDF (scan): the XML alone, as before.
  WriteBytes(doc.converted_pdf, PrintedPdf({"Case notes: CF12", "Client name: Client A"}));
  Summary same = Extract(doc, {}, Limits{}, [](Page&&) {});
  EXPECT_EQ(PartNamed(same, "text shown when printed"), nullptr);
  doc.converted_pdf.clear();
  Summary xml = Extract(doc, {}, Limits{}, [](Page&&) {});
  EXPECT_EQ(PartNamed(xml, "text shown when printed"), nullptr);
}

TEST(WordText, DamagedPackage) {
  Read r = ReadFile("docx/poi-truncated62886.docx");
  EXPECT_EQ(r.summary.status, DocStatus::kFailed);
  EXPECT_TRUE(HasRule(r.summary, "extract.unreadable"));
}

TEST(PlainText, IsTheFileByteForByte) {
  Document doc;
  doc.work_path = CorpusDir() + "/zip/libzip-bogus.zip";  // 11 bytes of text named .zip
  doc.media_type = std::string(kMediaText);
  std::vector<Page> pages;
  Summary s = Extract(doc, {}, Limits{}, [&](Page&& p) { pages.push_back(std::move(p)); });
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].text, qpm::testing::ReadFile(doc.work_path));
  EXPECT_EQ(pages[0].source, TextSource::kPlain);
}

// The extractor only sniffs an image and says it has no text; the OCR stage reads it
// afterwards (tests/ocr_test.cc).
TEST(Images, AreLeftForOcrWithNoText) {
  Read r = ReadFile("images/tesseract-phototest.tif");
  EXPECT_EQ(r.summary.status, DocStatus::kNotRead);
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].needs_ocr, OcrNeed::kImage);
  EXPECT_FALSE(HasRule(r.summary, "extract.no-text"));
}

}  // namespace
}  // namespace qpm::extract
