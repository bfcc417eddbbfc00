// Files carried inside documents: a PDF's attachments (pipeline/ingest/embedded_files.h) and a
// Word file's embedded files, taken out by ingest as documents of their own. The PDFs and
// Word files are written here, byte by byte, so each holds exactly what it is named for.
#include "pipeline/ingest/embedded_files.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/ingest/ingest.h"
#include "tests/test_util.h"

namespace qpm::testing {
namespace {

namespace fs = std::filesystem;

std::string Literal(const std::string& text) {
  std::string out = "(";
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

struct Attachment {
  std::string name;
  std::string stored;       // the stream's bytes as stored
  std::string dict = "";    // more of its dictionary: "/Filter /RunLengthDecode"
  bool on_comment = false;  // on a FileAttachment annotation of page 1, else /EmbeddedFiles
  bool no_data = false;     // a file specification without /EF
};

// One page of text ("Cover sheet"), and the attachments.
std::string Pdf(const std::vector<Attachment>& attachments) {
  const std::string content = "BT /F1 12 Tf 72 760 Td (Cover sheet) Tj ET\n";
  std::vector<std::string> bodies(5);
  std::string names, annots;
  for (const Attachment& a : attachments) {
    int file = static_cast<int>(bodies.size()) + 1;
    bodies.push_back("<< /Type /EmbeddedFile /Length " + std::to_string(a.stored.size()) + " " +
                     a.dict + " >>\nstream\n" + a.stored + "\nendstream");
    int spec = file + 1;
    bodies.push_back("<< /Type /Filespec /F " + Literal(a.name) + " /UF " + Literal(a.name) +
                     (a.no_data ? "" : " /EF << /F " + std::to_string(file) + " 0 R >>") + " >>");
    if (a.on_comment) {
      int annot = spec + 1;
      bodies.push_back("<< /Type /Annot /Subtype /FileAttachment /Rect [500 700 514 720] /FS " +
                       std::to_string(spec) + " 0 R >>");
      annots += std::to_string(annot) + " 0 R ";
    } else {
      names += Literal(a.name) + " " + std::to_string(spec) + " 0 R ";
    }
  }
  bodies[0] = "<< /Type /Catalog /Pages 2 0 R" +
              (names.empty() ? std::string()
                             : " /Names << /EmbeddedFiles << /Names [" + names + "] >> >>") +
              " >>";
  bodies[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
  bodies[2] =
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 "
      "0 R >> >> /Contents 5 0 R" +
      (annots.empty() ? std::string() : " /Annots [" + annots + "]") + " >>";
  bodies[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  bodies[4] =
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream";
  return qpm::testing::PdfOf(bodies);
}

// `n` runs of 128 zero bytes, RunLength-encoded in two bytes each: 64 to 1.
std::string RunLengthZeros(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += std::string("\x81\x00", 2);
  return out + "\x80";
}

uint32_t Crc32(const std::string& bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A zip of stored (uncompressed) entries.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  auto le16 = [](uint32_t v) { return std::string{char(v & 0xFF), char((v >> 8) & 0xFF)}; };
  auto le32 = [&](uint32_t v) { return le16(v & 0xFFFF) + le16(v >> 16); };
  std::string out, central;
  for (const auto& [name, data] : entries) {
    uint32_t offset = static_cast<uint32_t>(out.size());
    uint32_t crc = Crc32(data), size = static_cast<uint32_t>(data.size());
    std::string common = le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc) +
                         le32(size) + le32(size) + le16(static_cast<uint32_t>(name.size())) +
                         le16(0);
    out += le32(0x04034b50) + common + name + data;
    central += le32(0x02014b50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) +
               le32(offset) + name;
  }
  uint32_t at = static_cast<uint32_t>(out.size());
  out += central + le32(0x06054b50) + le16(0) + le16(0) +
         le16(static_cast<uint32_t>(entries.size())) + le16(static_cast<uint32_t>(entries.size())) +
         le32(static_cast<uint32_t>(central.size())) + le32(at) + le16(0);
  return out;
}

// A Word file whose body is `text`, with `extra` entries besides its own parts.
std::string Docx(const std::string& text,
                 const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"word/document.xml",
       "<?xml version=\"1.0\"?><w:document "
       "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"
       "<w:r><w:t>" +
           text + "</w:t></w:r></w:p></w:body></w:document>"}};
  for (const auto& e : extra) entries.push_back(e);
  return Zip(entries);
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Calls TakeOutPdfFiles on `pdf`, writing into `dir`.
Result<std::vector<ingest::EmbeddedFile>> TakeOut(const TempDir& dir, const std::string& pdf,
                                                  ingest::TakeOutOptions options = {}) {
  if (options.max_entries == 0) options.max_entries = 100;
  if (options.max_bytes == 0) options.max_bytes = 1 << 30;
  std::string path = dir.path() + "/in.pdf";
  WriteFile(path, pdf);
  fs::create_directories(dir.path() + "/out");
  int n = 0;
  std::function<std::string()> next = [&]() { return dir.path() + "/out/f" + std::to_string(++n); };
  return ingest::TakeOutPdfFiles(path, {}, options, next);
}

size_t FilesIn(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(PdfAttachments, DocumentAndCommentFilesAreWrittenAsTheyAre) {
  TempDir dir;
  auto files = TakeOut(
      dir, Pdf({{"notes.txt", "Visit on Monday."}, {"letter.txt", "Dear family,", "", true}}));
  ASSERT_TRUE(files.ok()) << files.status().message();
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ(files.value()[0].name, "notes.txt");
  EXPECT_EQ(files.value()[0].page, 0);
  EXPECT_EQ(files.value()[0].state, "ok");
  EXPECT_EQ(ReadFile(files.value()[0].path), "Visit on Monday.");
  EXPECT_EQ(files.value()[0].size, 16u);
  EXPECT_EQ(files.value()[1].name, "letter.txt");
  EXPECT_EQ(files.value()[1].page, 1);  // on a comment of page 1
  EXPECT_EQ(ReadFile(files.value()[1].path), "Dear family,");
}

TEST(PdfAttachments, APdfWithoutAttachmentsGivesNone) {
  TempDir dir;
  auto files = TakeOut(dir, Pdf({}));
  ASSERT_TRUE(files.ok());
  EXPECT_TRUE(files->empty());
  EXPECT_EQ(FilesIn(dir.path() + "/out"), 0u);
}

TEST(PdfAttachments, AHugeDeclaredSizeIsNotTrusted) {
  TempDir dir;
  auto files = TakeOut(dir, Pdf({{"a.txt", "short", "/Params << /Size 999999999999 >>"}}));
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(files.value()[0].state, "ok");
  EXPECT_EQ(files.value()[0].size, 5u);
}

TEST(PdfAttachments, ABombIsStoppedAndLeavesNothing) {
  TempDir dir;
  ingest::TakeOutOptions options;
  options.max_ratio = 10;
  options.ratio_floor_bytes = 4096;
  // 2,000 runs: 4 KB stored, 256 KB decoded, 64 to 1.
  auto files =
      TakeOut(dir, Pdf({{"zeros.bin", RunLengthZeros(2000), "/Filter /RunLengthDecode"}}), options);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(files.value()[0].state, "bomb");
  EXPECT_TRUE(files.value()[0].path.empty());
  EXPECT_EQ(FilesIn(dir.path() + "/out"), 0u);
  // Under the ratio it is taken out whole.
  options.max_ratio = 100;
  TempDir dir2;
  files = TakeOut(dir2, Pdf({{"zeros.bin", RunLengthZeros(2000), "/Filter /RunLengthDecode"}}),
                  options);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files.value()[0].state, "ok");
  EXPECT_EQ(files.value()[0].size, 2000u * 128u);
}

TEST(PdfAttachments, TheRunsBudgetsStopTakingOut) {
  TempDir dir;
  std::string pdf = Pdf({{"a.txt", "aaaa"}, {"b.txt", "bbbb"}, {"c.txt", "cccc"}});
  ingest::TakeOutOptions count;
  count.max_entries = 2;
  auto files = TakeOut(dir, pdf, count);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ(files.value()[1].state, "ok");
  EXPECT_EQ(files.value()[2].state, "entry-limit");
  TempDir dir2;
  ingest::TakeOutOptions bytes;
  bytes.max_bytes = 6;
  files = TakeOut(dir2, pdf, bytes);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);  // nothing after the budget ran out
  EXPECT_EQ(files.value()[0].state, "ok");
  EXPECT_EQ(files.value()[1].state, "size-limit");
  EXPECT_EQ(FilesIn(dir2.path() + "/out"), 1u);
}

TEST(PdfAttachments, ListOnlyWritesNothing) {
  TempDir dir;
  ingest::TakeOutOptions options;
  options.list_only = true;
  auto files = TakeOut(dir, Pdf({{"a.txt", "aaaa"}}), options);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(files.value()[0].state, "too-deep");
  EXPECT_EQ(FilesIn(dir.path() + "/out"), 0u);
}

TEST(PdfAttachments, ASpecificationWithoutItsBytesIsNamed) {
  TempDir dir;
  auto files = TakeOut(dir, Pdf({{"gone.txt", "", "", false, true}}));
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(files.value()[0].name, "gone.txt");
  EXPECT_EQ(files.value()[0].state, "no-data");
}

TEST(PdfAttachments, NotAPdfIsUnreadable) {
  TempDir dir;
  auto files = TakeOut(dir, "not a pdf at all");
  EXPECT_FALSE(files.ok());
}

// ---- through ingest: documents of their own, under the run's limits

struct Ingested {
  Submission s;
  std::string work;
};

Ingested Ingest(const std::string& path, Limits limits = {}) {
  Ingested r;
  r.s.inputs.push_back(Input{path, false, 0});
  Result<WorkDir> work = WorkDir::Create();
  EXPECT_TRUE(work.ok());
  r.work = work->path();
  ingest::Passwords passwords;
  ingest::Options options;
  options.limits = limits;
  EXPECT_TRUE(ingest::Run(r.s, options, work.value(), passwords, {}));
  return r;
}

int Count(const Submission& s, const std::string& rule) {
  int n = 0;
  for (const Finding& f : s.findings) n += f.rule == rule;
  return n;
}

TEST(IngestEmbedded, AttachedFilesAreDocumentsOfTheirOwn) {
  TempDir dir;
  std::string path = dir.path() + "/case.pdf";
  WriteFile(path, Pdf({{"notes.docx", Docx("Met the client today.")},
                       {"letter.txt", "Dear family,", "", true}}));
  Ingested r = Ingest(path);
  ASSERT_EQ(r.s.documents.size(), 3u);
  const Document& pdf = r.s.documents[0];
  EXPECT_EQ(pdf.status, DocStatus::kPending);  // read by the extract stage, as before
  const Document& docx = r.s.documents[1];
  EXPECT_EQ(docx.Path(), "case.pdf > notes.docx");
  EXPECT_EQ(docx.parent, pdf.id);
  EXPECT_EQ(docx.media_type,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(docx.status, DocStatus::kPending);
  EXPECT_EQ(docx.sha256.size(), 64u);
  EXPECT_EQ(r.s.documents[2].Path(), "case.pdf > letter.txt");
  EXPECT_EQ(r.s.documents[2].media_type, "text/plain");
  // Written under names of our own, inside the work directory.
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(r.s.documents[i].work_path.rfind(r.work + "/", 0), 0u) << r.s.documents[i].work_path;
  }
}

TEST(IngestEmbedded, AClimbingNameNeverSteersAWrite) {
  TempDir dir;
  fs::create_directories(dir.path() + "/in");
  std::string path = dir.path() + "/in/case.pdf";
  WriteFile(path, Pdf({{"../x", "escaped?"}, {"/tmp/abs.txt", "absolute?"}}));
  Ingested r = Ingest(path);
  ASSERT_EQ(r.s.documents.size(), 3u);
  EXPECT_EQ(r.s.documents[1].Path(), "case.pdf > x");  // the name only, for people
  EXPECT_EQ(r.s.documents[2].Path(), "case.pdf > abs.txt");
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(r.s.documents[i].work_path.rfind(r.work + "/", 0), 0u);
  }
  EXPECT_FALSE(fs::exists(dir.path() + "/x"));
  EXPECT_FALSE(fs::exists(dir.path() + "/in/x"));
}

TEST(IngestEmbedded, DepthLimitHoldsForAttachments) {
  TempDir dir;
  std::string inner = Pdf({{"deepest.txt", "bottom"}});
  std::string path = dir.path() + "/outer.pdf";
  WriteFile(path, Pdf({{"inner.pdf", inner}}));
  Limits limits;
  limits.max_depth = 1;  // outer.pdf is at 0, inner.pdf at 1: its files are too deep
  Ingested r = Ingest(path, limits);
  ASSERT_EQ(r.s.documents.size(), 2u);
  EXPECT_EQ(r.s.documents[1].Path(), "outer.pdf > inner.pdf");
  EXPECT_EQ(r.s.documents[1].status, DocStatus::kPending);  // still read itself
  EXPECT_EQ(Count(r.s, "ingest.too-deep"), 1);
  Ingested all = Ingest(path);
  ASSERT_EQ(all.s.documents.size(), 3u);
  EXPECT_EQ(all.s.documents[2].Path(), "outer.pdf > inner.pdf > deepest.txt");
  EXPECT_EQ(Count(all.s, "ingest.too-deep"), 0);
}

TEST(IngestEmbedded, EntryLimitCountsAttachments) {
  TempDir dir;
  std::string path = dir.path() + "/case.pdf";
  WriteFile(path, Pdf({{"a.txt", "aaaa"}, {"b.txt", "bbbb"}, {"c.txt", "cccc"}}));
  Limits limits;
  limits.max_entries = 2;
  Ingested r = Ingest(path, limits);
  EXPECT_EQ(r.s.documents.size(), 3u);  // the PDF and two of its files
  EXPECT_EQ(Count(r.s, "ingest.entry-limit"), 1);
}

TEST(IngestEmbedded, AnAttachmentWithoutItsBytesIsReportedNotRead) {
  TempDir dir;
  std::string path = dir.path() + "/case.pdf";
  WriteFile(path, Pdf({{"gone.docx", "", "", false, true}}));
  Ingested r = Ingest(path);
  EXPECT_EQ(r.s.documents.size(), 1u);
  EXPECT_EQ(Count(r.s, "extract.embedded-not-read"), 1);
}

TEST(IngestEmbedded, WordEmbeddingsAreDocumentsOfTheirOwn) {
  TempDir dir;
  std::string path = dir.path() + "/notes.docx";
  // An embedded Word file, an OLE object this version cannot open, and a file added
  // beside the package's own parts.
  std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0');
  WriteFile(path, Docx("Outer body.", {{"word/embeddings/Document1.docx", Docx("Inner body.")},
                                       {"word/embeddings/oleObject1.bin", ole},
                                       {"extra/list.txt", "a list"}}));
  Ingested r = Ingest(path);
  ASSERT_EQ(r.s.documents.size(), 4u);
  const Document& outer = r.s.documents[0];
  EXPECT_EQ(outer.status, DocStatus::kPending);  // still a Word document to read
  EXPECT_NE(outer.role, "container");
  EXPECT_EQ(r.s.documents[1].Path(), "notes.docx > embedded file 1 (Document1.docx)");
  EXPECT_EQ(r.s.documents[1].parent, outer.id);
  EXPECT_EQ(r.s.documents[1].status, DocStatus::kPending);
  EXPECT_EQ(r.s.documents[2].Path(), "notes.docx > embedded file 2 (oleObject1.bin)");
  EXPECT_EQ(r.s.documents[2].status, DocStatus::kNotRead);  // reported, not read
  EXPECT_EQ(r.s.documents[3].Path(), "notes.docx > extra/list.txt");
  EXPECT_EQ(Count(r.s, "ingest.unsupported-type"), 1);
  EXPECT_EQ(Count(r.s, "extract.embedded-not-read"), 0);  // each is a document instead
  // The package's own parts are not taken out.
  for (const Document& d : r.s.documents)
    EXPECT_EQ(d.Path().find("document.xml"), std::string::npos);
}

TEST(IngestEmbedded, AWordFileWithoutEmbeddingsIsOneDocument) {
  TempDir dir;
  std::string path = dir.path() + "/plain.docx";
  WriteFile(path, Docx("Only text."));
  Ingested r = Ingest(path);
  ASSERT_EQ(r.s.documents.size(), 1u);
  EXPECT_EQ(r.s.documents[0].status, DocStatus::kPending);
  EXPECT_TRUE(r.s.findings.empty());
}

}  // namespace
}  // namespace qpm::testing
