// End-to-end: `qpm-intake redact` (docs/redact.md) over samples/ and
// ../shared/corpus/redaction, its copies read back by other programs than the one that made
// them: qpdf --check, pdftotext, pdftoppm and Tesseract, the bytes qpdf --qdf writes, and
// `scan` of the copy. Issue 21's acceptance list, a test each:
// - a leak (every sample of samples/redaction but its controls, every sample with planted
//   values elsewhere) leaves none of its planted values in any of these readings;
// - a control, and the clean submission, get no box that is not personal data's, and at least
//   95 % of each page's words are still in the copy's text layer;
// - the corpus files its MANIFEST marks BAD come out clean, those marked CLEAN with no box
//   for a redaction or hidden-data removal.
// The corpus holds real court filings: nothing here prints their text, only counts, rules and
// file names.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace qpm::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A planted value as the test prints it: each letter and digit but the last three starred.
std::string Masked(const std::string& v) {
  std::string out = v;
  size_t shown = 0;
  for (size_t i = out.size(); i-- > 0;) {
    if (!std::isalnum(static_cast<unsigned char>(out[i]))) continue;
    if (++shown > 3) out[i] = '*';
  }
  return out;
}

bool HaveTools() {
  return Shell(
             "command -v qpdf && command -v pdftotext && command -v pdftoppm && "
             "command -v tesseract")
             .first == 0;
}

// ----- reading a copy back ---------------------------------------------------

std::string PdfText(const std::string& pdf, int page = 0) {
  std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  return Shell("pdftotext -q -layout" + range + " " + Quote(pdf) + " -").second;
}

int PageCount(const std::string& pdf) {
  std::string info = Shell("pdfinfo " + Quote(pdf) + " 2>/dev/null").second;
  size_t at = info.find("Pages:");
  return at == std::string::npos ? 0 : std::atoi(info.c_str() + at + 6);
}

// Tesseract's reading of every page as pdftoppm renders it at 300 dpi in grey: one page per
// process, one thread each, two at a time.
std::string OcrOfPages(const std::string& pdf) {
  TempDir dir;
  std::string cmd = "pdftoppm -q -r 300 -gray " + Quote(pdf) + " " + Quote(dir.path() + "/p") +
                    " && ls " + Quote(dir.path()) +
                    "/p*.pgm | xargs -P 2 -I{} sh -c 'OMP_THREAD_LIMIT=1 tesseract {} {} "
                    ">/dev/null 2>&1' && cat " +
                    Quote(dir.path()) + "/p*.txt";
  auto [code, text] = Shell(cmd);
  EXPECT_EQ(code, 0) << "pdftoppm or tesseract failed on " << pdf;
  return text;
}

// The copy as qpdf writes it with every stream uncompressed and out of object streams.
std::string QdfBytes(const std::string& pdf) {
  TempDir dir;
  std::string qdf = dir.path() + "/copy.qdf";
  auto [code, out] = Shell("qpdf --qdf --object-streams=disable " + Quote(pdf) + " " + Quote(qdf) +
                           " >/dev/null 2>&1; echo $?");
  EXPECT_EQ(out, "0\n") << "qpdf --qdf failed on " << pdf;
  return ReadFile(qdf);
}

json ScanJson(const std::string& path, const std::vector<std::string>& extra = {}) {
  RunSpec spec;
  spec.args = {"scan", "--json", path};
  spec.args.insert(spec.args.end(), extra.begin(), extra.end());
  spec.cwd = SamplesDir();
  RunResult r = RunTool(spec);
  json report = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << r.err;
  return report.is_discarded() ? json::object() : report;
}

// What `scan` of a copy reports above info, as "rule (severity)", and its blockers.
std::vector<std::string> Blockers(const json& report) {
  std::vector<std::string> out;
  for (const json& f : report.value("findings", json::array())) {
    if (f["severity"] == "blocker") out.push_back(f["rule"].get<std::string>());
  }
  return out;
}

struct Redacted {
  RunResult run;
  json report;      // redactions.json
  std::string dir;  // OUTDIR
};

// `redact INPUTS -o OUT --jobs 2 -q` from samples/ (a relative --ocr-replay names a folder
// there), with `extra` options.
Redacted Redact(const std::vector<std::string>& inputs, const std::string& out,
                const std::vector<std::string>& extra = {}) {
  RunSpec spec;
  spec.args = {"redact"};
  spec.args.insert(spec.args.end(), inputs.begin(), inputs.end());
  spec.args.insert(spec.args.end(), {"-o", out, "--jobs", "2", "-q"});
  spec.args.insert(spec.args.end(), extra.begin(), extra.end());
  spec.cwd = SamplesDir();
  spec.watchdog_seconds = 600;
  Redacted r{RunTool(spec), json::object(), out};
  EXPECT_FALSE(r.run.timed_out);
  json report = json::parse(ReadFile(out + "/redactions.json"), nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << "no redactions.json; stderr:\n" << r.run.err;
  if (!report.is_discarded()) r.report = report;
  return r;
}

// Every planted value in the copy as pdftotext, Tesseract and qpdf --qdf read it, qpdf
// --check of it, and scan's blockers on it.
void ExpectNoneLeft(const std::string& copy, const std::vector<std::string>& values) {
  SCOPED_TRACE(fs::path(copy).filename().string());
  EXPECT_EQ(Shell("qpdf --check " + Quote(copy) + " >/dev/null 2>&1").first, 0) << "qpdf --check";
  const std::string text = PdfText(copy);
  const std::string ocr = OcrOfPages(copy);
  const std::string bytes = QdfBytes(copy);
  for (const std::string& v : values) {
    EXPECT_FALSE(Holds(text, v)) << "pdftotext of the copy holds " << v;
    EXPECT_FALSE(Holds(ocr, v)) << "Tesseract reads on the copy " << v;
    // A value of under six letters and digits is looked for in the text only: the bytes hold
    // compressed pictures, where a short run of letters turns up by chance.
    if (Squeezed(v).size() >= 6) {
      EXPECT_FALSE(Holds(bytes, v)) << "the copy's bytes (qpdf --qdf) hold " << v;
    }
  }
  std::vector<std::string> blockers = Blockers(ScanJson(copy));
  EXPECT_TRUE(blockers.empty()) << "scan of the copy: " << ::testing::PrintToString(blockers);
}

// ----- the samples -----------------------------------------------------------

json Expected(const std::string& expected_file) {
  return json::parse(ReadFile(SamplesDir() + "/" + expected_file));
}

// Leaks: samples/redaction but its controls, and every other sample with planted values.
std::vector<std::string> LeakSamples() {
  std::vector<std::string> out;
  for (const std::string& f : ListFiles(SamplesDir())) {
    if (!EndsWith(f, ".expected.json")) continue;
    bool redaction = f.rfind("redaction/", 0) == 0;
    if (redaction && f.find("/control-") != std::string::npos) continue;
    if (redaction || !Expected(f).value("planted_values", json::array()).empty()) {
      out.push_back(f);
    }
  }
  return out;
}

// The options the sample's first run gives that redact takes: --ocr-replay (recorded OCR),
// never --no-ocr, which redact refuses.
std::vector<std::string> RedactOptions(const json& expected) {
  std::vector<std::string> out;
  const json args = expected["runs"][0].value("args", json::array());
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--ocr-replay") out = {"--ocr-replay", args[i + 1].get<std::string>()};
  }
  return out;
}

// A leak "with no page": every finding it plants is about the whole file (page 0, or none in a
// Word body) or in a file attached to a PDF ("x.pdf > referral.txt"; a file in a zip is a
// document of its own).
bool LeakHasNoPage(const json& expected) {
  const json findings = expected["runs"][0].value("findings", json::array());
  if (findings.empty()) return false;
  for (const json& f : findings) {
    bool inside = f.value("file", "").find(".pdf > ") != std::string::npos;
    bool whole = !f.contains("page") || f["page"].is_null() || f["page"] == 0;
    if (!inside && !whole) return false;
  }
  return true;
}

// The planted values `scan` of the original finds only as warnings (never in a blocker's
// value): the policy removes those only with --also-warnings. A value no finding holds (the
// words of a comment, which a hidden-data finding stands for) is removed by default.
std::set<std::string> WarningOnly(const std::string& sample, const std::vector<std::string>& values,
                                  const std::vector<std::string>& options) {
  std::vector<std::string> extra = options;
  extra.push_back("--reveal");
  json report = ScanJson(sample, extra);
  std::set<std::string> out;
  for (const std::string& v : values) {
    bool warning = false, blocker = false;
    for (const json& f : report.value("findings", json::array())) {
      if (!f.contains("value") || !f["value"].is_string()) continue;
      if (!Holds(f["value"].get<std::string>(), v) && !Holds(v, f["value"].get<std::string>())) {
        continue;
      }
      if (f["severity"] == "blocker") blocker = true;
      if (f["severity"] == "warning") warning = true;
    }
    if (warning && !blocker) out.insert(v);
  }
  return out;
}

// An email's own text, which redact does not copy (docs/redact.md: "not-copied"): it must
// say so, with the findings that need action, and make the exit code 1.
bool EmailTextNotCopied(const json& document) {
  return document["outcome"] == "not-copied" && EndsWith(document["path"], ".eml") &&
         document.value("findings_needing_action", 0) > 0;
}

// The exit code a leak's run must give: 0, or 1 when an email's text held the leak.
int ExpectedExit(const json& report) {
  for (const json& d : report.value("documents", json::array())) {
    if (EmailTextNotCopied(d)) {
      std::cout << "[ email    ] " << d["path"].get<std::string>()
                << ": an email's own text is not copied, and is reported\n";
      return 1;
    }
  }
  return 0;
}

// Each document came out as a copy proven clean (or was left out: a file attached to one; or
// is an email's text, reported), and every copy holds none of `values`.
void ExpectCleanCopies(const Redacted& r, const std::vector<std::string>& values, bool no_page) {
  int copies = 0;
  for (const json& d : r.report.value("documents", json::array())) {
    SCOPED_TRACE(d["path"].get<std::string>());
    if (d["outcome"] == "left-out" || EmailTextNotCopied(d)) continue;
    EXPECT_EQ(d["outcome"], "copied") << d.dump(1);
    if (!no_page) {
      EXPECT_TRUE(d["proof"].value("clean", false)) << d["proof"].dump(1);
    }
    if (!d["copy"].is_string()) continue;
    ++copies;
    ExpectNoneLeft(r.dir + "/" + d["copy"].get<std::string>(), values);
  }
  EXPECT_TRUE(copies > 0 || ExpectedExit(r.report) == 1) << "no copy made; stderr:\n" << r.run.err;
}

// Which leak is removed and how: as a box on its page, or as a removal with no page (page
// 0) or a file left out.
void ExpectRemovalWithNoPage(const json& report) {
  bool listed = false;
  for (const json& d : report.value("documents", json::array())) {
    if (d["outcome"] == "left-out") listed = true;
    for (const json& removal : d.value("removals", json::array())) {
      if (removal["page"] == 0) listed = true;
    }
  }
  EXPECT_TRUE(listed) << "no removal with page 0 and no file left out:\n" << report.dump(1);
}

class RedactLeak : public ::testing::TestWithParam<std::string> {};

TEST_P(RedactLeak, NoPlantedValueSurvivesInTheCopy) {
  if (!HaveTools()) GTEST_SKIP() << "qpdf, poppler-utils or tesseract is not installed";
  const json expected = Expected(GetParam());
  const std::string sample = expected["sample"];
  const std::vector<std::string> values = expected.value("planted_values", json::array());
  const std::vector<std::string> options = RedactOptions(expected);
  const bool no_page = LeakHasNoPage(expected);
  const std::set<std::string> warnings = WarningOnly(sample, values, options);
  std::vector<std::string> blocking;
  for (const std::string& v : values) {
    if (warnings.count(v) == 0) blocking.push_back(v);
  }
  std::cout << "[ sample   ] " << sample << ": " << values.size() << " planted values, "
            << warnings.size() << " found by scan only as warnings"
            << (no_page ? "; a leak with no page" : "") << "\n";
  for (const std::string& w : warnings) {
    std::cout << "[ warning  ] " << Masked(w) << " is found only as a warning: checked with "
              << "--also-warnings\n";
  }

  // By default: every value scan blocks on is gone.
  TempDir tmp;
  Redacted r = Redact({sample}, tmp.path() + "/out", options);
  if (no_page) {
    ExpectRemovalWithNoPage(r.report);
  } else {
    EXPECT_EQ(r.run.exit_code, ExpectedExit(r.report)) << r.run.err;
    EXPECT_EQ(r.report.value("exit_code", -1), r.run.exit_code);
  }
  ExpectCleanCopies(r, blocking, no_page);

  // With --also-warnings: every value is gone.
  if (!warnings.empty()) {
    std::vector<std::string> also = options;
    also.push_back("--also-warnings");
    Redacted all = Redact({sample}, tmp.path() + "/also", also);
    if (!no_page) {
      EXPECT_EQ(all.run.exit_code, ExpectedExit(all.report)) << all.run.err;
    }
    ExpectCleanCopies(all, values, no_page);
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, RedactLeak, ::testing::ValuesIn(LeakSamples()),
                         [](const auto& param_info) {
                           std::string name =
                               param_info.param.substr(0, param_info.param.size() - 14);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// ----- controls: what is not personal data stays, and stays searchable -------

// A page's words as compared: lower case, punctuation gone, words of two or more letters or
// digits.
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2) out.push_back(word);
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      word += static_cast<char>(std::tolower(c));
    } else if (std::isspace(c) || c == '/' || c == '-') {
      flush();
    }
  }
  flush();
  return out;
}

// The share of the original page's words found on the copy's page, each as often as it is
// there; 1 when the original page has no words.
double WordsKept(const std::string& original, const std::string& copy) {
  std::vector<std::string> want = Words(original);
  if (want.empty()) return 1.0;
  std::map<std::string, int> have;
  for (const std::string& w : Words(copy)) ++have[w];
  int found = 0;
  for (const std::string& w : want) {
    if (have[w] > 0) {
      --have[w];
      ++found;
    }
  }
  return static_cast<double>(found) / static_cast<double>(want.size());
}

// Per page of `copy`, the share of `original`'s words on the same page; printed, and at
// least 95 %.
void ExpectWordsKept(const std::string& original, const std::string& copy,
                     const std::string& name) {
  int pages = PageCount(original);
  ASSERT_GT(pages, 0) << name;
  EXPECT_EQ(PageCount(copy), pages) << name;
  for (int p = 1; p <= pages; ++p) {
    double kept = WordsKept(PdfText(original, p), PdfText(copy, p));
    std::printf("[ words    ] %s page %d: %.1f %% of its words in the copy's text layer\n",
                name.c_str(), p, 100 * kept);
    EXPECT_GE(kept, 0.95) << name << " page " << p;
  }
}

// The removals of a document that are not personal data's (redaction.*, hidden-data.*, any
// other), and the boxes drawn for personal data.
struct Boxes {
  std::vector<std::string> other_removals;
  std::vector<std::string> other_boxed;  // those of other_removals with a box on a page
  int personal_data_removals = 0;
  int boxes = 0;
};

Boxes BoxesOf(const json& document) {
  Boxes out;
  for (const json& removal : document.value("removals", json::array())) {
    std::string rule = removal["rule"];
    if (rule.rfind("pii.", 0) == 0) {
      ++out.personal_data_removals;
    } else {
      out.other_removals.push_back(rule);
      if (!removal.value("boxes", json::array()).empty()) out.other_boxed.push_back(rule);
    }
  }
  for (const json& page : document.value("boxed_pages", json::array())) {
    out.boxes += static_cast<int>(page["boxes"].size());
  }
  return out;
}

// The PDF LibreOffice makes of a Word control: what a reader of the .docx sees, page by page.
std::string PrintedByLibreOffice(const std::string& docx, const std::string& dir) {
  Shell("cd " + Quote(dir) + " && soffice -env:UserInstallation=file://" + dir +
        "/profile --headless --convert-to pdf " + Quote(docx) + " >/dev/null 2>&1");
  return dir + "/" + fs::path(docx).stem().string() + ".pdf";
}

std::vector<std::string> ControlSamples() {
  std::vector<std::string> out;
  for (const std::string& f : ListFiles(SamplesDir() + "/redaction")) {
    if (f.rfind("control-", 0) == 0 && !EndsWith(f, ".expected.json")) {
      out.push_back("redaction/" + f);
    }
  }
  return out;
}

// A control holds nothing redact removes but, where `scan` of it finds personal data that
// blocks, that: no box for anything else, and its words kept.
class RedactControl : public ::testing::TestWithParam<std::string> {};

TEST_P(RedactControl, GetsNoBoxAndKeepsItsWords) {
  if (!HaveTools()) GTEST_SKIP() << "qpdf, poppler-utils or tesseract is not installed";
  const std::string sample = GetParam();
  const bool personal_data = !Blockers(ScanJson(sample)).empty();
  TempDir tmp;
  Redacted r = Redact({sample}, tmp.path() + "/out");
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  ASSERT_EQ(r.report["documents"].size(), 1u) << r.report.dump(1);
  const json& d = r.report["documents"][0];
  ASSERT_EQ(d["outcome"], "copied") << d.dump(1);
  Boxes boxes = BoxesOf(d);
  EXPECT_TRUE(boxes.other_removals.empty())
      << "removed, and not personal data: " << ::testing::PrintToString(boxes.other_removals);
  std::cout << "[ boxes    ] " << sample << ": " << boxes.boxes << " boxes, "
            << boxes.personal_data_removals << " personal-data removals\n";
  if (!personal_data) {
    EXPECT_TRUE(d["boxed_pages"].empty()) << d["boxed_pages"].dump(1);
    EXPECT_TRUE(d["removals"].empty()) << d["removals"].dump(1);
  }
  std::string original = SamplesDir() + "/" + sample;
  if (EndsWith(sample, ".docx")) original = PrintedByLibreOffice(original, tmp.path());
  ExpectWordsKept(original, r.dir + "/" + d["copy"].get<std::string>(), sample);
}

INSTANTIATE_TEST_SUITE_P(Samples, RedactControl, ::testing::ValuesIn(ControlSamples()),
                         [](const auto& param_info) {
                           std::string name = param_info.param.substr(10);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// A Word file and the PDF LibreOffice prints of it, sent together: their copies are the same
// bytes, and the proof's reader sets one aside as the other's duplicate. Both are copied,
// each proven by what was read of the one.
TEST(RedactTwins, AWordFileAndItsPdfAreBothCopied) {
  if (!HaveTools()) GTEST_SKIP() << "qpdf, poppler-utils or tesseract is not installed";
  TempDir tmp;
  const std::string docx = SamplesDir() + "/redaction/control-white-on-dark-cell.docx";
  const std::string pdf = PrintedByLibreOffice(docx, tmp.path());
  Redacted r = Redact({docx, pdf}, tmp.path() + "/out");
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  ASSERT_EQ(r.report["documents"].size(), 2u) << r.report.dump(1);
  std::vector<std::string> copies;
  for (const json& d : r.report["documents"]) {
    EXPECT_EQ(d["outcome"], "copied") << d.dump(1);
    EXPECT_EQ(d["proof"]["clean"], true) << d.dump(1);
    if (d["copy"].is_string())
      copies.push_back(ReadFile(r.dir + "/" + d["copy"].get<std::string>()));
  }
  ASSERT_EQ(copies.size(), 2u);
  // What makes this case: the two copies are one file's bytes.
  EXPECT_EQ(copies[0], copies[1]);
}

// A Word file whose table names the organisation's main contact: scan of the file takes
// the name for the organisation's own (its label is in the cell before it) and leaves it.
// The copy's text layer has no cells, only OCR's words in a line, so its proof judges
// the name by what the original showed: the copy is proven at once, with no box on it.
TEST(RedactOwnSide, TheMainContactNamedInATableIsNotBoxedByTheProof) {
  if (!HaveTools()) GTEST_SKIP() << "qpdf, poppler-utils or tesseract is not installed";
  TempDir tmp;
  const std::string w = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
  auto cell = [](const std::string& text) {
    return "<w:tc><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:tc>";
  };
  const std::string body =
      "<w:p><w:r><w:t>Section A: About your organisation</w:t></w:r></w:p><w:tbl>"
      "<w:tr>" +
      cell("Organisation name") + cell("Larkspur Advocacy Trust") +
      "</w:tr>"
      "<w:tr>" +
      cell("Main contact") + cell("Helena Marchbank") +
      "</w:tr>"
      "<w:tr>" +
      cell("Number of advocates") + cell("12") + "</w:tr></w:tbl>";
  const std::string docx = tmp.path() + "/About us.docx";
  std::ofstream(docx, std::ios::binary) << qpm::testing::StoredZip(
      {{"[Content_Types].xml",
        R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
        R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
        R"(<Default Extension="xml" ContentType="application/xml"/>)"
        R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)"},
       {"_rels/.rels",
        R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
        R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)"},
       {"word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " + w +
                                 "><w:body>" + body + "</w:body></w:document>"}});
  Redacted r = Redact({docx}, tmp.path() + "/out");
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  ASSERT_EQ(r.report["documents"].size(), 1u) << r.report.dump(1);
  const json& d = r.report["documents"][0];
  ASSERT_EQ(d["outcome"], "copied") << d.dump(1);
  EXPECT_EQ(d["proof"]["attempts"], 1) << d.dump(1);
  EXPECT_TRUE(d["boxed_pages"].empty()) << d["boxed_pages"].dump(1);
  std::string copy = PdfText(r.dir + "/" + d["copy"].get<std::string>(), 1);
  EXPECT_NE(copy.find("Marchbank"), std::string::npos) << copy;
}

// A decisions file, as the local page writes one: the client's name kept by its id from
// the first run, a case reference removed by its value. The kept name stays readable in
// the copy (the proof does not take it for a failure and box it), the NHS number and the
// reference go.
TEST(RedactDecisions, AKeptNameStaysAndAValueGivenGoes) {
  if (!HaveTools()) GTEST_SKIP() << "qpdf, poppler-utils or tesseract is not installed";
  TempDir tmp;
  const std::string sample = "fail-closed/pdf-text-page.pdf";
  Redacted first = Redact({sample}, tmp.path() + "/first");
  ASSERT_EQ(first.report["documents"].size(), 1u) << first.report.dump(1);
  std::string name_id;
  for (const json& removal : first.report["documents"][0]["removals"]) {
    if (removal["rule"].get<std::string>().find("name") != std::string::npos) {
      name_id = removal["id"];
    }
  }
  ASSERT_FALSE(name_id.empty()) << first.report.dump(1);
  const std::string decisions = tmp.path() + "/decisions.json";
  std::ofstream(decisions) << json{{"decisions_version", 1},
                                   {"keep", json::array({{{"id", name_id}}})},
                                   {"remove", json::array({{{"value", "CF21"}}})}}
                                  .dump();
  Redacted r = Redact({sample}, tmp.path() + "/out", {"--decisions", decisions});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  ASSERT_EQ(r.report["documents"].size(), 1u) << r.report.dump(1);
  const json& d = r.report["documents"][0];
  ASSERT_EQ(d["outcome"], "copied") << d.dump(1);
  EXPECT_EQ(d["proof"]["clean"], true) << d.dump(1);
  EXPECT_EQ(d["proof"]["attempts"], 1) << d["proof"].dump(1);  // not boxed on a second try
  bool kept = false;
  for (const json& removal : d["removals"]) {
    if (removal["id"] == name_id) kept = removal.value("kept", false);
  }
  EXPECT_TRUE(kept) << d.dump(1);
  std::string copy = PdfText(r.dir + "/" + d["copy"].get<std::string>(), 1);
  EXPECT_NE(copy.find("Ashcombe"), std::string::npos) << copy;
  EXPECT_EQ(copy.find("5338"), std::string::npos) << copy;
  EXPECT_EQ(copy.find("CF21"), std::string::npos) << copy;
}

// The clean submission: 28 PDFs, 56 pages, no personal data. Nothing is boxed and every
// page keeps its words.
TEST(RedactClean, TheCleanSubmissionGetsNoBoxAndKeepsItsWords) {
  if (!HaveTools()) GTEST_SKIP() << "qpdf, poppler-utils or tesseract is not installed";
  const std::string zip = SamplesDir() + "/clean/example-advocacy-submission.zip";
  TempDir tmp;
  const std::string unpacked = tmp.path() + "/in";
  ASSERT_EQ(Shell("unzip -q " + Quote(zip) + " -d " + Quote(unpacked)).first, 0);
  Redacted r = Redact({zip}, tmp.path() + "/out");
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  const std::string prefix = "example-advocacy-submission.zip > ";
  int documents = 0;
  for (const json& d : r.report["documents"]) {
    std::string path = d["path"];
    SCOPED_TRACE(path);
    ASSERT_EQ(d["outcome"], "copied") << d.dump(1);
    EXPECT_TRUE(d["boxed_pages"].empty()) << d["boxed_pages"].dump(1);
    EXPECT_TRUE(d["removals"].empty()) << d["removals"].dump(1);
    ASSERT_EQ(path.rfind(prefix, 0), 0u);
    ExpectWordsKept(unpacked + "/" + path.substr(prefix.size()),
                    r.dir + "/" + d["copy"].get<std::string>(), path.substr(prefix.size()));
    ++documents;
  }
  EXPECT_EQ(documents, 28);
}

// ----- ../shared/corpus/redaction ----------------------------------------------

struct CorpusFile {
  std::string file;  // relative to the corpus folder
  bool bad = false;  // BAD: a failed redaction to remove; CLEAN: nothing to remove
};

// The files MANIFEST.tsv marks BAD or CLEAN (its column expected_result_per_source); those
// it marks "not asserted" are left out.
std::vector<CorpusFile> CorpusFiles(const std::string& dir) {
  std::vector<CorpusFile> out;
  std::istringstream manifest(ReadFile(dir + "/MANIFEST.tsv"));
  std::string line;
  std::getline(manifest, line);  // the header
  while (std::getline(manifest, line)) {
    std::vector<std::string> cols;
    std::istringstream row(line);
    for (std::string col; std::getline(row, col, '\t');) cols.push_back(col);
    if (cols.size() < 6) continue;
    if (cols[5].rfind("BAD p", 0) == 0) out.push_back({cols[0], true});
    if (cols[5].rfind("CLEAN", 0) == 0) out.push_back({cols[0], false});
  }
  return out;
}

TEST(RedactCorpus, BadFilesComeOutCleanAndCleanFilesGetNoRedactionBox) {
  if (!HaveTools()) GTEST_SKIP() << "qpdf, poppler-utils or tesseract is not installed";
  const std::string dir = CorpusDir() + "/redaction";
  if (!fs::exists(dir + "/MANIFEST.tsv")) GTEST_SKIP() << "no corpus at " << dir;
  const std::vector<CorpusFile> files = CorpusFiles(dir);
  ASSERT_GE(files.size(), 20u);
  std::vector<std::string> inputs;
  std::map<std::string, bool> bad;
  for (const CorpusFile& f : files) {
    inputs.push_back(dir + "/" + f.file);
    bad[fs::path(f.file).filename().string()] = f.bad;
  }
  // Where our policy and the file's source disagree, ours holds, as
  // docs/hidden-data.md and notes/redaction.md say: x-ray counts a file whose hidden
  // text is all dates as clean; in a case file a hidden date of birth is the leak.
  bad["no_bad_redactions.8.1.pdf"] = true;
  TempDir tmp;
  Redacted r = Redact(inputs, tmp.path() + "/out");
  ASSERT_EQ(r.report["documents"].size(), files.size());
  for (const json& d : r.report["documents"]) {
    const std::string name = fs::path(d["path"].get<std::string>()).filename().string();
    SCOPED_TRACE(name + (bad[name] ? " (BAD)" : " (CLEAN)"));
    ASSERT_TRUE(bad.count(name));
    Boxes boxes = BoxesOf(d);
    std::vector<std::string> proof;
    for (const json& f : d["proof"].value("findings", json::array())) {
      proof.push_back(f["rule"].get<std::string>() + " (" + f["severity"].get<std::string>() + ")");
    }
    std::cout << "[ corpus   ] " << name << (bad[name] ? " BAD" : " CLEAN") << ": "
              << d["outcome"].get<std::string>() << ", " << boxes.personal_data_removals
              << " personal-data removals, " << boxes.other_removals.size()
              << " redaction or hidden-data removals, " << boxes.boxes << " boxes\n";
    EXPECT_EQ(d["outcome"], "copied") << "the proof found: " << ::testing::PrintToString(proof);
    if (bad[name]) {
      EXPECT_FALSE(boxes.other_removals.empty()) << "a BAD file with no redaction removed";
    } else {
      // A CLEAN file gets no box for a redaction or hidden text. What it carries off the
      // page (a comment, a property) is listed, with no box: a copy carries none of it.
      EXPECT_TRUE(boxes.other_boxed.empty())
          << "a CLEAN file with a box: " << ::testing::PrintToString(boxes.other_boxed);
    }
    if (!d["copy"].is_string()) continue;
    json scan = ScanJson(r.dir + "/" + d["copy"].get<std::string>());
    for (const json& f : scan.value("findings", json::array())) {
      std::string rule = f["rule"];
      bool hidden = rule.rfind("redaction.", 0) == 0 || rule.rfind("hidden-data.", 0) == 0;
      EXPECT_FALSE(hidden && f["severity"] != "info") << "scan of the copy: " << rule;
      EXPECT_NE(f["severity"], "blocker") << "scan of the copy: " << rule;
    }
  }
}

}  // namespace
}  // namespace qpm::testing
