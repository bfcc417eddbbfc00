// Office files other than .docx: the type decision (sniff.h) and the conversion step
// (pipeline/output/office.h), with fake LibreOffice programs for each way it can end.
#include "pipeline/output/office.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pipeline/ingest/sniff.h"
#include "tests/test_util.h"

namespace qpm {
namespace {

using qpm::testing::ReadFile;
using qpm::testing::TempDir;
namespace fs = std::filesystem;

void Write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

void PutLe32(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + static_cast<size_t>(i)] = static_cast<char>(v >> (8 * i));
}

// A minimal OLE compound file (512-byte sectors): the header, one FAT sector and one
// directory sector holding the root and `names` as its children (a right-leaning chain).
std::string CompoundFile(const std::vector<std::string>& names) {
  std::string f(512 * 3, '\0');
  f.replace(0, 8, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");
  f[0x18] = 0x3E;
  f[0x1A] = 3;
  f[0x1C] = '\xFE';
  f[0x1D] = '\xFF';
  f[0x1E] = 9;
  f[0x20] = 6;
  PutLe32(f, 0x2C, 1);           // one FAT sector
  PutLe32(f, 0x30, 1);           // the directory starts at sector 1
  PutLe32(f, 0x38, 4096);        // mini stream cutoff
  PutLe32(f, 0x3C, 0xFFFFFFFE);  // no mini FAT
  PutLe32(f, 0x44, 0xFFFFFFFE);  // no DIFAT sectors
  for (size_t i = 0; i < 109; ++i) PutLe32(f, 0x4C + 4 * i, i == 0 ? 0 : 0xFFFFFFFF);
  // FAT (sector 0, at 512): sector 0 is the FAT, sector 1 the directory's last.
  for (size_t i = 0; i < 128; ++i) PutLe32(f, 512 + 4 * i, 0xFFFFFFFF);
  PutLe32(f, 512, 0xFFFFFFFD);
  PutLe32(f, 516, 0xFFFFFFFE);
  // Directory (sector 1, at 1024): four entries of 128 bytes.
  auto entry = [&](size_t i, const std::string& name, char type, uint32_t right, uint32_t child) {
    size_t at = 1024 + 128 * i;
    for (size_t k = 0; k < name.size() && k < 31; ++k) f[at + 2 * k] = name[k];
    size_t bytes = 2 * (std::min<size_t>(name.size(), 31) + 1);
    f[at + 64] = static_cast<char>(bytes);
    f[at + 66] = type;
    PutLe32(f, at + 68, 0xFFFFFFFF);
    PutLe32(f, at + 72, right);
    PutLe32(f, at + 76, child);
  };
  entry(0, "Root Entry", 5, 0xFFFFFFFF, names.empty() ? 0xFFFFFFFF : 1);
  for (size_t i = 0; i < names.size() && i < 3; ++i) {
    entry(i + 1, names[i], 2, i + 1 < names.size() ? static_cast<uint32_t>(i + 2) : 0xFFFFFFFF,
          0xFFFFFFFF);
  }
  return f;
}

TEST(OfficeType, OleFilesAreToldApartByTheirStreams) {
  TempDir dir;
  struct Case {
    std::vector<std::string> names;
    std::string file_name;
    std::string_view want;
  } cases[] = {
      {{"\x01"
        "CompObj",
        "WordDocument", "1Table"},
       "notes.bin",
       kMediaDoc},
      {{"Workbook", "\x05SummaryInformation"}, "chronology.doc", kMediaXls},
      {{"Book"}, "old.xls", kMediaXls},
      {{"PowerPoint Document", "Current User"}, "slides", kMediaPpt},
      // An Outlook message goes to the Outlook reader, whatever it is named; one of its
      // two names alone makes no message.
      {{"__properties_version1.0", "__substg1.0_0037001F"}, "message.doc", kMediaOutlookMsg},
      {{"__substg1.0_0037001F"}, "message.msg", kMediaOle},
      {{"Catalog"}, "Thumbs.db", kMediaOle},
  };
  for (const Case& c : cases) {
    std::string path = dir.path() + "/" + c.file_name;
    Write(path, CompoundFile(c.names));
    EXPECT_EQ(SniffFile(path, c.file_name), c.want) << c.file_name;
  }
}

TEST(OfficeType, AnUnreadableDirectoryFallsBackOnTheExtension) {
  TempDir dir;
  // The header alone: the directory's sector is past the end of the file.
  std::string header = CompoundFile({"WordDocument"}).substr(0, 512);
  for (const auto& [name, want] : {std::pair<std::string, std::string_view>{"a.doc", kMediaDoc},
                                   {"a.XLS", kMediaXls},
                                   {"a.ppt", kMediaPpt},
                                   {"a.msg", kMediaOle},
                                   {"a", kMediaOle}}) {
    std::string path = dir.path() + "/" + name;
    Write(path, header);
    EXPECT_EQ(SniffFile(path, name), want) << name;
  }
  EXPECT_EQ(OleOfficeType({}, "notes.DOC"), kMediaDoc);
}

TEST(OfficeType, ADirectoryThatLoopsEnds) {
  TempDir dir;
  std::string f = CompoundFile({"WordDocument"});
  PutLe32(f, 516, 1);              // the directory's sector chain points back at itself
  PutLe32(f, 1024 + 128 + 72, 1);  // and the root's child is its own right sibling
  std::string path = dir.path() + "/loop.doc";
  Write(path, f);
  EXPECT_EQ(SniffFile(path, "loop.doc"), kMediaDoc);
}

TEST(OfficeType, WhichTypesAreConverted) {
  for (std::string_view t : {kMediaDoc, kMediaXls, kMediaPpt, kMediaRtf, kMediaXlsx, kMediaPptx,
                             kMediaOdt, kMediaOds, kMediaOdp}) {
    EXPECT_TRUE(IsConvertedOffice(t)) << t;
  }
  // .docx is read from its XML; Outlook files and the rest are not office documents.
  for (std::string_view t : {kMediaDocx, kMediaOle, kMediaOutlookMsg, kMediaTnef, kMediaPdf,
                             kMediaOfficeEncrypted, kMediaText}) {
    EXPECT_FALSE(IsConvertedOffice(t)) << t;
  }
}

// A LibreOffice stand-in: `body` runs after the arguments are parsed into $conv (the
// --convert-to value), $out (--outdir) and $in (the file), and each call is logged.
std::string FakeSoffice(const std::string& dir, const std::string& body) {
  std::string path = dir + "/soffice";
  Write(path,
        "#!/bin/sh\n"
        "out=''; conv=''; in=''\n"
        "while [ $# -gt 0 ]; do\n"
        "  case \"$1\" in --outdir) out=\"$2\"; shift ;; --convert-to) conv=\"$2\"; shift ;;\n"
        "  *) in=\"$1\" ;; esac; shift\n"
        "done\n"
        "echo \"$conv\" >> '" +
            dir + "/calls.log'\n" + "base=$(basename \"$in\"); stem=\"${base%.*}\"\n" + body +
            "\n");
  chmod(path.c_str(), 0755);
  return path;
}

constexpr char kWritesOutput[] = "printf '%%PDF-1.4 fake' > \"$out/$stem.${conv%%:*}\"";

struct Converted {
  Submission s;
  TempDir work;
  TempDir files;
};

// One document of each media type given, pending, converted with `soffice`.
void Convert(Converted& c, const std::vector<std::string_view>& types, const std::string& soffice,
             unsigned timeout = 20) {
  for (size_t i = 0; i < types.size(); ++i) {
    Document d;
    d.id = "D00" + std::to_string(i + 1);
    d.origin = {"file" + std::to_string(i + 1)};
    d.media_type = std::string(types[i]);
    d.status = DocStatus::kPending;
    d.work_path = c.files.path() + "/" + d.id;
    Write(d.work_path, "bytes of " + d.id);
    c.s.documents.push_back(d);
  }
  std::vector<std::string> seen;
  office::ConvertAll(c.s, {soffice, timeout, false, {}}, c.work.path(),
                     [&seen](size_t n, size_t total, const Document& d) {
                       seen.push_back(std::to_string(n) + "/" + std::to_string(total) + " " + d.id);
                     });
  ASSERT_EQ(seen.size(), types.size());
  EXPECT_EQ(seen.front(), "1/" + std::to_string(types.size()) + " D001");
}

TEST(OfficeConvert, EachFileOnceToPdfAndWordProcessingAlsoToDocx) {
  TempDir bin;
  std::string soffice = FakeSoffice(bin.path(), kWritesOutput);
  Converted c;
  Convert(c, {kMediaOdt, kMediaXlsx, kMediaPptx}, soffice);
  for (const Document& d : c.s.documents) {
    EXPECT_EQ(d.status, DocStatus::kPending) << d.id;  // the extract stage reads it next
    ASSERT_FALSE(d.converted_pdf.empty()) << d.id;
    EXPECT_EQ(ReadFile(d.converted_pdf).substr(0, 5), "%PDF-");
    EXPECT_EQ(d.converted_pdf.rfind(c.work.path(), 0), 0u) << "in the work directory";
  }
  EXPECT_FALSE(c.s.documents[0].converted_docx.empty());
  EXPECT_TRUE(c.s.documents[1].converted_docx.empty());
  EXPECT_TRUE(c.s.findings.empty());
  // One run per output, each with the filter for its kind; comments of spreadsheets and
  // slides become PDF comments.
  std::string calls = ReadFile(bin.path() + "/calls.log");
  EXPECT_EQ(calls,
            "pdf:writer_pdf_Export\n"
            "docx:MS Word 2007 XML\n"
            "pdf:calc_pdf_Export:{\"ExportNotes\":{\"type\":\"boolean\",\"value\":\"true\"}}\n"
            "pdf:impress_pdf_Export:{\"ExportNotes\":{\"type\":\"boolean\",\"value\":\"true\"},"
            "\"ExportNotesPages\":{\"type\":\"boolean\",\"value\":\"true\"}}\n");
}

TEST(OfficeConvert, OnlyPendingOfficeFilesAreConverted) {
  TempDir bin;
  std::string soffice = FakeSoffice(bin.path(), kWritesOutput);
  Converted c;
  Convert(c, {kMediaDoc}, soffice);
  Document docx = c.s.documents[0];
  docx.converted_pdf.clear();
  docx.converted_docx.clear();
  docx.id = "D009";
  docx.media_type = std::string(kMediaDocx);
  Document aside = docx;
  aside.media_type = std::string(kMediaDoc);
  aside.id = "D010";
  aside.status = DocStatus::kSetAside;
  c.s.documents = {docx, aside};
  office::ConvertAll(c.s, {soffice, 20, false, {}}, c.work.path(), {});
  for (const Document& d : c.s.documents) EXPECT_TRUE(d.converted_pdf.empty()) << d.id;
}

struct Failure {
  std::string name;
  std::string body;  // the fake's behaviour; "" for no LibreOffice at all
  std::string says;  // in the finding's message
};

class OfficeConvertFails : public ::testing::TestWithParam<Failure> {};

TEST_P(OfficeConvertFails, TheFileIsNotReadAndAFindingSaysWhyAndAsksForAPdf) {
  TempDir bin;
  const Failure& f = GetParam();
  std::string soffice =
      f.body.empty() ? bin.path() + "/no-such-soffice" : FakeSoffice(bin.path(), f.body);
  Converted c;
  Convert(c, {kMediaRtf, kMediaXls}, soffice, 2);
  for (const Document& d : c.s.documents) {
    SCOPED_TRACE(d.id);
    EXPECT_EQ(d.status, DocStatus::kFailed);
    EXPECT_TRUE(d.pages.empty());
    EXPECT_TRUE(d.converted_pdf.empty());
    EXPECT_TRUE(d.converted_docx.empty());
  }
  ASSERT_EQ(c.s.findings.size(), 2u);
  for (const Finding& finding : c.s.findings) {
    EXPECT_EQ(finding.rule, "extract.convert-failed");
    EXPECT_EQ(finding.severity, Severity::kBlocker);
    EXPECT_NE(finding.message.find(f.says), std::string::npos) << finding.message;
    EXPECT_NE(finding.message.find("not checked"), std::string::npos) << finding.message;
    EXPECT_NE(finding.remedy.find("PDF"), std::string::npos) << finding.remedy;
  }
  EXPECT_EQ(c.s.findings[0].document, "D001");
  EXPECT_NE(c.s.findings[0].message.find("Rich Text (.rtf)"), std::string::npos);
  EXPECT_NE(c.s.findings[1].message.find("Excel 97-2003 workbook (.xls)"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Ways, OfficeConvertFails,
    ::testing::Values(Failure{"Missing", "", "is not installed"},
                      Failure{"TimesOut", "sleep 30", "ran out of time after 2 s"},
                      Failure{"Crashes", "kill -SEGV $$", "LibreOffice"},
                      Failure{"DamagedFile", "exit 1", "could not open it"},
                      // A PDF made, but no .docx copy for the tracked changes: the RTF fails.
                      Failure{"NoOutput", "exit 0", "could not open it"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(OfficeConvert, ATrackedChangesCopyThatFailsFailsTheFile) {
  TempDir bin;
  std::string soffice = FakeSoffice(
      bin.path(), std::string("case \"$conv\" in docx*) exit 1 ;; esac\n") + kWritesOutput);
  Converted c;
  Convert(c, {kMediaOdt, kMediaOds}, soffice);
  EXPECT_EQ(c.s.documents[0].status, DocStatus::kFailed);
  EXPECT_TRUE(c.s.documents[0].converted_pdf.empty());
  EXPECT_EQ(c.s.documents[1].status, DocStatus::kPending);  // a spreadsheet needs no copy
  ASSERT_EQ(c.s.findings.size(), 1u);
  EXPECT_NE(c.s.findings[0].message.find("tracked changes and comments"), std::string::npos);
}

}  // namespace
}  // namespace qpm
