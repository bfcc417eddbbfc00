// The review bundle (pipeline/output/bundle.h, docs/bundle.md), end to end through the
// real binary: bundle.pdf is checked with qpdf (the program and the library) and
// pdftotext, as an assessor's tools would read it; manifest.json, report.json and
// originals/ are checked against the files themselves.
#include "pipeline/output/bundle.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <random>
#include <regex>
#include <set>
#include <tuple>

#include "pipeline/core/profile.h"
#include "pipeline/output/cover.h"
#include "pipeline/platform/call.h"
#include "pipeline/platform/sha256.h"
#include "tests/test_util.h"

namespace qpm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ListFiles;
using testing::Quote;
using testing::ReadFile;
using testing::RunResult;
using testing::RunTool;
using testing::SamplesDir;
using testing::Shell;
using testing::TempDir;

json ReadJson(const std::string& path) { return json::parse(ReadFile(path)); }

// The page number a destination array or an action's /D points at (1-based).
int DestPage(QPDFObjectHandle dest, const std::map<QPDFObjGen, int>& numbers) {
  if (dest.isDictionary() && dest.hasKey("/D")) dest = dest.getKey("/D");
  if (!dest.isArray() || dest.getArrayNItems() < 1) return 0;
  auto it = numbers.find(dest.getArrayItem(0).getObjGen());
  return it == numbers.end() ? 0 : it->second;
}

// "(p. 57)" at the end of a bookmark's title.
int StatedPage(const std::string& title) {
  std::smatch m;
  static const std::regex kStated(R"(\(p\. (\d+)\)$)");
  return std::regex_search(title, m, kStated) ? std::stoi(m[1]) : 0;
}

void CheckOutline(std::vector<QPDFOutlineObjectHelper> items,
                  const std::map<QPDFObjGen, int>& numbers, int& checked) {
  for (QPDFOutlineObjectHelper& item : items) {
    std::string title = item.getTitle();
    int stated = StatedPage(title);
    EXPECT_GT(stated, 0) << "bookmark without its page: " << title;
    EXPECT_EQ(DestPage(item.getDest(), numbers), stated) << title;
    ++checked;
    CheckOutline(item.getKids(), numbers, checked);
  }
}

// Everything the issue asks of bundle.pdf, and its agreement with manifest.json.
void CheckBundle(const std::string& out) {
  const std::string pdf = out + "/bundle.pdf";
  ASSERT_TRUE(fs::exists(pdf));
  auto [check_code, check_out] = Shell("qpdf --check " + Quote(pdf) + " 2>&1");
  EXPECT_EQ(check_code, 0) << check_out;
  EXPECT_NE(check_out.find("No syntax or stream encoding errors found"), std::string::npos)
      << check_out;

  QPDF q;
  q.processFile(pdf.c_str());
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(q).getAllPages();
  const int total = static_cast<int>(pages.size());
  std::map<QPDFObjGen, int> numbers;
  for (int i = 0; i < total; ++i)
    numbers[pages[static_cast<size_t>(i)].getObjectHandle().getObjGen()] = i + 1;

  // The page count is the cover, the index and the documents' pages.
  json manifest = ReadJson(out + "/manifest.json");
  EXPECT_EQ(manifest["bundle"]["pages"], total);
  ASSERT_EQ(manifest["pages"].size(), static_cast<size_t>(total));
  int index_pages = 0, document_pages = 0;
  for (const json& p : manifest["pages"]) index_pages += p["what"] == "index";
  for (const json& s : manifest["sources"]) {
    if (s["bundle"].is_null()) continue;
    document_pages +=
        s["bundle"]["last_page"].get<int>() - s["bundle"]["first_page"].get<int>() + 1;
  }
  EXPECT_GE(index_pages, 1);
  EXPECT_EQ(total, 1 + index_pages + document_pages);
  for (int i = 0; i < total; ++i) {
    const json& p = manifest["pages"][static_cast<size_t>(i)];
    EXPECT_EQ(p["page"], i + 1);
    if (i == 0) {
      EXPECT_EQ(p["what"], "cover");
    }
    if (p["what"] == "document") {
      EXPECT_GE(p["source_page"].get<int>(), 1) << p.dump();
    }
  }
  EXPECT_EQ(manifest["bundle"]["sha256"], Sha256Hex(ReadFile(pdf)));

  // "p. N of M" on every page, as pdftotext reads each (pages are split by form feeds).
  auto [text_code, text] = Shell("pdftotext -q " + Quote(pdf) + " -");
  ASSERT_EQ(text_code, 0);
  std::vector<std::string> page_texts;
  for (size_t start = 0; start < text.size();) {
    size_t ff = text.find('\f', start);
    if (ff == std::string::npos) break;
    page_texts.push_back(text.substr(start, ff - start));
    start = ff + 1;
  }
  ASSERT_EQ(page_texts.size(), static_cast<size_t>(total));
  for (int n = 1; n <= total; ++n) {
    std::string stamp = "p. " + std::to_string(n) + " of " + std::to_string(total);
    EXPECT_NE(page_texts[static_cast<size_t>(n - 1)].find(stamp), std::string::npos)
        << "page " << n << " lacks '" << stamp << "'";
  }
  // And as the issue states it, page by page, for the first and the last.
  for (int n : {1, total}) {
    auto [code, one] = Shell("pdftotext -q -f " + std::to_string(n) + " -l " + std::to_string(n) +
                             " " + Quote(pdf) + " -");
    EXPECT_NE(one.find("p. " + std::to_string(n) + " of " + std::to_string(total)),
              std::string::npos);
  }

  // Every bookmark goes to the page its title states.
  int bookmarks = 0;
  QPDFOutlineDocumentHelper outlines(q);
  CheckOutline(outlines.getTopLevelOutlines(), numbers, bookmarks);
  EXPECT_GE(bookmarks, 3);
  // Sections are open, so each document shows; a case file's parts are closed.
  // /Count counts what shows: an open section its children, a closed item minus.
  for (QPDFOutlineObjectHelper& section : outlines.getTopLevelOutlines()) {
    std::vector<QPDFOutlineObjectHelper> kids = section.getKids();
    EXPECT_EQ(section.getCount(), static_cast<int>(kids.size())) << section.getTitle();
    for (QPDFOutlineObjectHelper& kid : kids) {
      EXPECT_EQ(kid.getCount(), -static_cast<int>(kid.getKids().size())) << kid.getTitle();
    }
  }

  // Every index row links to the page the row states in its Pages column.
  int links = 0;
  for (int i = 1; i <= index_pages; ++i) {
    QPDFObjectHandle annots = pages[static_cast<size_t>(i)].getObjectHandle().getKey("/Annots");
    ASSERT_TRUE(annots.isArray());
    double height = pages[static_cast<size_t>(i)].getMediaBox().getArrayAsRectangle().ury;
    for (QPDFObjectHandle a : annots.getArrayAsVector()) {
      int target = DestPage(a.getKey("/Dest"), numbers);
      ASSERT_GT(target, 0);
      QPDFObjectHandle::Rectangle r = a.getKey("/Rect").getArrayAsRectangle();
      // The text inside the link's rectangle: the row.
      auto [code, row] =
          Shell("pdftotext -q -r 72 -f " + std::to_string(i + 1) + " -l " + std::to_string(i + 1) +
                " -x " + std::to_string(static_cast<int>(r.llx)) + " -y " +
                std::to_string(static_cast<int>(height - r.ury)) + " -W " +
                std::to_string(static_cast<int>(r.urx - r.llx)) + " -H " +
                std::to_string(static_cast<int>(r.ury - r.lly)) + " -layout " + Quote(pdf) + " -");
      std::regex stated("(^|\\s)" + std::to_string(target) + "(-\\d+)?(\\s|$)");
      EXPECT_TRUE(std::regex_search(row, stated)) << "row '" << row << "' links to " << target;
      ++links;
    }
  }
  int shown = 0;
  for (const json& s : manifest["sources"]) shown += !s["bundle"].is_null();
  EXPECT_EQ(links, shown);

  // Opens at 100%.
  QPDFObjectHandle open = q.getRoot().getKey("/OpenAction");
  ASSERT_TRUE(open.isArray());
  EXPECT_EQ(open.getArrayItem(1).getName(), "/XYZ");
  EXPECT_EQ(open.getArrayItem(4).getNumericValue(), 1.0);
}

std::map<std::string, std::string> HashesOf(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const std::string& f : ListFiles(dir)) out[f] = Sha256Hex(ReadFile(dir + "/" + f));
  return out;
}

// Writes into `dir` what OCR "read" on pages 1 to `pages` of the file with `sha256`:
// nothing (a page of pictures with no words), for --ocr-replay. A page nobody read
// is never shown as itself, so tests that are about showing pages replay this.
void WriteBlankRecordings(const std::string& dir, const std::string& sha256, int pages) {
  for (int p = 1; p <= pages; ++p) {
    std::ofstream(dir + "/" + sha256 + "-p" + std::to_string(p) + ".json")
        << R"({"page": {"number": )" << p
        << R"(, "source": 6, "text": "", "words": [], "width": 595, "height": 842,)"
        << R"( "ocr_confidence": 0, "ocr_rotation": 0}})";
  }
}

TEST(Bundle, CleanSubmissionMakesASoundBundle) {
  TempDir out;
  std::string zip = SamplesDir() + "/clean/example-advocacy-submission.zip";
  RunResult r = RunTool(
      {"triage", zip, "-o", out.path() + "/out", "--received", "2026-11-20", "--id", "1234"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CheckBundle(out.path() + "/out");
  json report = ReadJson(out.path() + "/out/report.json");
  EXPECT_TRUE(report["bundle"]["written"].get<bool>());
  EXPECT_FALSE(report["bundle"]["forced"].get<bool>());
  // The order the issue gives: workbook, policies, case files, reports.
  json manifest = ReadJson(out.path() + "/out/manifest.json");
  std::vector<std::pair<int, std::string>> order;
  for (const json& s : manifest["sources"]) {
    if (!s["bundle"].is_null()) order.emplace_back(s["bundle"]["first_page"], s["role"]);
  }
  std::sort(order.begin(), order.end());
  std::vector<std::string> roles;
  for (const auto& [page, role] : order) {
    if (roles.empty() || roles.back() != role) roles.push_back(role);
  }
  EXPECT_EQ(roles, (std::vector<std::string>{"workbook", "policy", "case-file", "report"}));
  // The cover states the dates: received, and due four weeks later.
  auto [code, cover] =
      Shell("pdftotext -q -f 1 -l 1 " + Quote(out.path() + "/out/bundle.pdf") + " -");
  EXPECT_NE(cover.find("2026-11-20"), std::string::npos) << cover;
  EXPECT_NE(cover.find("2026-12-18"), std::string::npos) << cover;
  EXPECT_NE(cover.find("Example Advocacy"), std::string::npos) << cover;
  // Case file CF01's consent form has its own bookmark and stamp.
  auto [c2, all] = Shell("pdftotext -q " + Quote(out.path() + "/out/bundle.pdf") + " -");
  EXPECT_NE(all.find("QPM-1234 \xC2\xB7 CF01 consent form"), std::string::npos);
  EXPECT_NE(all.find("CF04 referral form"), std::string::npos);
  // The qpm-v4 profile's words: the mark, its desktop assessment and four weeks.
  EXPECT_NE(cover.find("Advocacy Quality Performance Mark: desktop assessment"), std::string::npos)
      << cover;
  EXPECT_NE(cover.find("Desktop assessment due"), std::string::npos) << cover;
  EXPECT_NE(cover.find("Band"), std::string::npos) << cover;
  EXPECT_NE(cover.find("four weeks after 2026-11-20, the date received"), std::string::npos)
      << cover;
  std::string html = ReadFile(out.path() + "/out/report.html");
  EXPECT_NE(html.find("<title>QPM intake report</title>"), std::string::npos);
  EXPECT_NE(html.find("Advocacy QPM submission: triage"), std::string::npos);
  EXPECT_EQ(report["quality_mark"]["mark"], "QPM");
  EXPECT_TRUE(report["deadlines"]["timescale"].get<bool>());
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Everything a Gateway triage writes takes the Gateway profile's words: no "QPM" and no
// "desktop assessment" anywhere, no deadline however late it comes (the application has
// no timescale), and a cover that says the review has none either.
TEST(Bundle, AGatewayApplicationIsNamedInTheGatewaysWordsOnly) {
  TempDir out;
  std::string zip = SamplesDir() + "/gateway/example-gateway-application.zip";
  std::string dir = out.path() + "/out";
  // Five years after the form's issue date, 1 September 2026.
  RunResult r = RunTool({"triage", zip, "-o", dir, "--profile", "quality-mark-gateway",
                         "--received", "2031-09-01", "--id", "77"});
  // By then the documents' review dates (30 June 2027) have passed: warnings, and only
  // those; none about the application's date.
  ASSERT_EQ(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  json report = ReadJson(dir + "/report.json");
  for (const json& f : report["findings"]) {
    if (f["severity"] == "info") continue;
    EXPECT_EQ(f["rule"], "completeness.policy-review-overdue") << f.dump();
    EXPECT_EQ(f["severity"], "warning") << f.dump();
  }
  EXPECT_EQ(report["deadlines"]["issued"], "2026-09-01");
  EXPECT_FALSE(report["deadlines"]["timescale"].get<bool>());
  EXPECT_EQ(report["deadlines"]["recommended"], "");
  EXPECT_EQ(report["deadlines"]["final"], "");
  EXPECT_EQ(report["quality_mark"]["mark"], "Quality Mark Gateway");
  EXPECT_EQ(report["quality_mark"]["assessment"], "Gateway review");

  auto [code, cover] = Shell("pdftotext -q -f 1 -l 1 " + Quote(dir + "/bundle.pdf") + " -");
  ASSERT_EQ(code, 0);
  EXPECT_NE(cover.find("Quality Mark for micro-providers: Gateway review"), std::string::npos)
      << cover;
  EXPECT_NE(cover.find("QMG-77"), std::string::npos) << cover;
  EXPECT_NE(cover.find("Gateway review due"), std::string::npos) << cover;
  EXPECT_NE(cover.find("no timescale: the Quality Mark Gateway sets none"), std::string::npos)
      << cover;
  EXPECT_EQ(cover.find("Band"), std::string::npos) << cover;  // the Gateway has no bands
  auto [c2, all] = Shell("pdftotext -q " + Quote(dir + "/bundle.pdf") + " -");
  ASSERT_EQ(c2, 0);
  std::string html = ReadFile(dir + "/report.html");
  EXPECT_NE(html.find("<title>Quality Mark Gateway intake report</title>"), std::string::npos);
  EXPECT_NE(html.find("Quality Mark Gateway application: triage"), std::string::npos);
  EXPECT_NE(html.find("<strong>No deadlines</strong>: the Quality Mark Gateway sets no "
                      "timescale for the Gateway application form."),
            std::string::npos);
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"bundle.pdf", all},
           {"report.html", html},
           {"report.json", ReadFile(dir + "/report.json")},
           {"manifest.json", ReadFile(dir + "/manifest.json")},
           {"originals/bag-info.txt", ReadFile(dir + "/originals/bag-info.txt")}}) {
    EXPECT_EQ(text.find("QPM"), std::string::npos) << name;
    EXPECT_EQ(Lower(text).find("desktop"), std::string::npos) << name;
  }
}

TEST(Bundle, SameInputGivesTheSameBytes) {
  TempDir out;
  // A Word file too: LibreOffice's PDF carries the time it was made, which the
  // bundle must not.
  TempDir in;
  fs::copy_file(SamplesDir() + "/clean/example-advocacy-submission.zip",
                in.path() + "/submission.zip");
  fs::copy_file(SamplesDir() + "/word/safeguarding-policy.docx", in.path() + "/policy.docx");
  std::map<std::string, std::string> first;
  for (const char* name : {"/a", "/b"}) {
    RunResult r =
        RunTool({"triage", in.path(), "-o", out.path() + name, "--received", "2026-11-20"});
    ASSERT_LE(r.exit_code, 1) << r.err;
    std::map<std::string, std::string> hashes = HashesOf(out.path() + name);
    EXPECT_TRUE(hashes.count("bundle.pdf"));
    EXPECT_TRUE(hashes.count("originals/manifest-sha256.txt"));
    if (first.empty()) {
      first = hashes;
      sleep(1);  // a clock that leaked into an output would now differ
    } else {
      EXPECT_EQ(hashes, first);
    }
  }
  CheckBundle(out.path() + "/a");
}

TEST(Bundle, UnredactedNhsNumberWithholdsTheBundleUnlessForced) {
  TempDir out;
  std::string zip = SamplesDir() + "/broken/planted-pii.zip";
  std::string dir = out.path() + "/out";
  RunResult r = RunTool({"triage", zip, "-o", dir, "--received", "2026-11-20"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/bundle.pdf"));
  json report = ReadJson(dir + "/report.json");
  EXPECT_FALSE(report["bundle"]["written"].get<bool>());
  std::string reason = report["bundle"]["reason"];
  EXPECT_NE(reason.find("withheld"), std::string::npos) << reason;
  bool nhs_blocker = false;
  for (const json& f : report["findings"]) {
    nhs_blocker = nhs_blocker || (f["rule"] == "pii.nhs-number" && f["severity"] == "blocker");
  }
  EXPECT_TRUE(nhs_blocker);
  std::string html = ReadFile(dir + "/report.html");
  EXPECT_NE(html.find("No bundle was made"), std::string::npos);
  EXPECT_FALSE(ReadJson(dir + "/manifest.json")["bundle"]["written"].get<bool>());

  // With --force: written, with the warning on its cover; still exit 1.
  r = RunTool({"triage", zip, "-o", dir, "--received", "2026-11-20", "--force"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  auto [code, cover] = Shell("pdftotext -q -f 1 -l 1 " + Quote(dir + "/bundle.pdf") + " -");
  EXPECT_NE(cover.find("WARNING"), std::string::npos) << cover;
  EXPECT_NE(cover.find("--force"), std::string::npos) << cover;
  report = ReadJson(dir + "/report.json");
  EXPECT_TRUE(report["bundle"]["forced"].get<bool>());
  // The finding links to the page that shows it.
  for (const json& f : report["findings"]) {
    if (f["rule"] == "pii.nhs-number" && f["page"].get<int>() > 0) {
      EXPECT_TRUE(f.contains("bundle_page")) << f.dump();
    }
  }
  EXPECT_NE(ReadFile(dir + "/report.html").find("href=\"bundle.pdf#page="), std::string::npos);

  // Run again without --force: the whole folder is the new result, so no bundle.
  r = RunTool({"triage", zip, "-o", dir, "--received", "2026-11-20"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir + "/bundle.pdf"));
  // Nothing of the runs is left beside it.
  for (const auto& entry : fs::directory_iterator(out.path())) {
    EXPECT_EQ(entry.path().filename(), "out") << entry.path();
  }
}

TEST(Bundle, OutputFolderHoldingOtherFilesIsRefused) {
  TempDir out;
  std::ofstream(out.path() + "/notes.txt") << "mine";
  RunResult r = RunTool(
      {"triage", SamplesDir() + "/clean/example-advocacy-submission.zip", "-o", out.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("notes.txt"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(out.path() + "/notes.txt"), "mine");
  EXPECT_FALSE(fs::exists(out.path() + "/report.json"));
}

TEST(Bundle, OriginalsAreAValidBagOfWhatWasReceived) {
  TempDir out;
  std::string eml = SamplesDir() + "/clean/example-advocacy-submission.eml";
  std::string dir = out.path() + "/out";
  RunResult r = RunTool({"triage", eml, "-o", dir});
  ASSERT_LE(r.exit_code, 1) << r.err;
  std::string bag = dir + "/originals";
  EXPECT_EQ(ReadFile(bag + "/bagit.txt"),
            "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  EXPECT_EQ(ReadFile(bag + "/data/example-advocacy-submission.eml"), ReadFile(eml));
  // Every payload file is listed with its hash, and nothing else is.
  std::string manifest = ReadFile(bag + "/manifest-sha256.txt");
  size_t lines = 0;
  std::istringstream in(manifest);
  std::string line;
  while (std::getline(in, line)) {
    ++lines;
    ASSERT_GT(line.size(), 66u);
    std::string hash = line.substr(0, 64), path = line.substr(66);
    EXPECT_EQ(Sha256Hex(ReadFile(bag + "/" + path)), hash) << path;
  }
  size_t payload = 0;
  uint64_t bytes = 0;
  for (const std::string& f : ListFiles(bag + "/data")) {
    ++payload;
    bytes += fs::file_size(bag + "/data/" + f);
  }
  EXPECT_EQ(lines, payload);
  EXPECT_NE(ReadFile(bag + "/bag-info.txt")
                .find("Payload-Oxum: " + std::to_string(bytes) + "." + std::to_string(payload)),
            std::string::npos);
  std::string tags = ReadFile(bag + "/tagmanifest-sha256.txt");
  EXPECT_NE(tags.find(Sha256Hex(manifest) + "  manifest-sha256.txt"), std::string::npos);
}

TEST(Bundle, LockedAndDamagedFilesGetAPlaceholderWithTheirHash) {
  TempDir in, out;
  for (const char* f : {"user-password.pdf", "truncated.pdf"}) {
    fs::copy_file(SamplesDir() + "/broken/" + f, in.path() + "/" + f);
  }
  std::string dir = out.path() + "/out";
  RunResult r = RunTool({"triage", in.path(), "-o", dir});
  ASSERT_NE(r.exit_code, 2) << r.err;
  CheckBundle(dir);
  auto [code, text] = Shell("pdftotext -q " + Quote(dir + "/bundle.pdf") + " -");
  std::string locked_hash = Sha256Hex(ReadFile(SamplesDir() + "/broken/user-password.pdf"));
  EXPECT_NE(text.find("This document is not shown here"), std::string::npos);
  EXPECT_NE(text.find("password"), std::string::npos);
  EXPECT_NE(text.find(locked_hash), std::string::npos) << text;
}

// What was not read is never shown as itself: a scanned page nobody read (--no-ocr)
// is a placeholder, and a blocker says so.
TEST(Bundle, PagesThatWereNotCheckedAreShownAsPlaceholders) {
  TempDir in, out;
  fs::copy_file(SamplesDir() + "/scans/scanned-case-file.pdf", in.path() + "/CF06.pdf");
  std::string dir = out.path() + "/out";
  RunResult r = RunTool({"triage", in.path(), "-o", dir, "--no-ocr"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  json report = ReadJson(dir + "/report.json");
  int not_read = 0;
  for (const json& f : report["findings"]) {
    if (f["rule"] == "extract.no-text") {
      EXPECT_EQ(f["severity"], "blocker");
      ++not_read;
    }
  }
  EXPECT_GT(not_read, 0);
  json manifest = ReadJson(dir + "/manifest.json");
  int placeholders = 0, shown = 0;
  for (const json& p : manifest["pages"]) {
    if (!p.contains("document")) continue;
    if (p["what"] == "placeholder") ++placeholders;
    if (p["what"] == "document") ++shown;
  }
  // No page of it was read: the whole file is one placeholder.
  EXPECT_EQ(placeholders, 1) << manifest.dump(1);
  EXPECT_EQ(shown, 0);
  auto [code, text] = Shell("pdftotext -q " + Quote(dir + "/bundle.pdf") + " -");
  EXPECT_NE(text.find("not checked"), std::string::npos) << text;
  // With OCR (replayed), the same pages are read and shown as themselves.
  std::string read = out.path() + "/read";
  RunResult ocr = RunTool(
      {"triage", in.path(), "-o", read, "--force", "--ocr-replay", SamplesDir() + "/scans/ocr"});
  ASSERT_EQ(ocr.exit_code, 1) << ocr.err;
  json m2 = ReadJson(read + "/manifest.json");
  int shown2 = 0;
  for (const json& p : m2["pages"]) shown2 += p["what"] == "document";
  EXPECT_EQ(shown2, 5) << m2.dump(1);
}

TEST(Bundle, WordFileWithoutLibreOfficeIsShownAsItsText) {
  TempDir in, out;
  fs::copy_file(SamplesDir() + "/word/safeguarding-policy.docx", in.path() + "/policy.docx");
  std::string dir = out.path() + "/out";
  RunResult r = RunTool({"triage", in.path(), "-o", dir, "--soffice", "/nonexistent/soffice"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  json manifest = ReadJson(dir + "/manifest.json");
  ASSERT_EQ(manifest["sources"].size(), 1u);
  EXPECT_EQ(manifest["sources"][0]["bundle"]["shown_as"], "text");
  auto [code, text] = Shell("pdftotext -q " + Quote(dir + "/bundle.pdf") + " -");
  EXPECT_NE(text.find("Shown as its text"), std::string::npos);
  EXPECT_NE(text.find("LibreOffice is not installed"), std::string::npos);
}

TEST(Bundle, WordFileIsConvertedByLibreOffice) {
  if (Shell("command -v soffice").first != 0) GTEST_SKIP() << "LibreOffice is not installed";
  TempDir in, out;
  fs::copy_file(SamplesDir() + "/word/safeguarding-policy.docx", in.path() + "/policy.docx");
  std::string dir = out.path() + "/out";
  RunResult r = RunTool({"triage", in.path(), "-o", dir});
  ASSERT_LE(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  json manifest = ReadJson(dir + "/manifest.json");
  EXPECT_EQ(manifest["sources"][0]["bundle"]["shown_as"], "converted");
}

// A stand-in for LibreOffice in `bin`: each run is logged (its --convert-to) in
// calls.log, and writes `pdf` for a PDF and `docx` for a .docx. Returns its path.
std::string StandInLibreOffice(const TempDir& bin, const std::string& pdf,
                               const std::string& docx) {
  const std::string soffice = bin.path() + "/soffice";
  {
    std::ofstream script(soffice);
    script << "#!/bin/sh\nout=''; conv=''; in=''\n"
              "while [ $# -gt 0 ]; do case \"$1\" in --outdir) out=\"$2\"; shift ;;\n"
              "--convert-to) conv=\"$2\"; shift ;; *) in=\"$1\" ;; esac; shift; done\n"
              "echo \"$conv\" >> '"
           << bin.path() << "/calls.log'\nbase=$(basename \"$in\"); stem=\"${base%.*}\"\n"
           << "case \"$conv\" in pdf*) cp '" << pdf << "' \"$out/$stem.pdf\" ;;\n"
           << "docx*) cp '" << docx << "' \"$out/$stem.docx\" ;; esac\n";
  }
  fs::permissions(soffice, fs::perms::owner_all);
  return soffice;
}

int PageCount(const std::string& pdf) {
  auto [code, text] = Shell("qpdf --show-npages " + Quote(pdf));
  return code == 0 ? std::stoi(text) : -1;
}

// An office file other than .docx is converted once, before it is read, and the bundle
// shows that very PDF: LibreOffice (here a stand-in that logs each run) is not run again.
TEST(Bundle, OfficeFileIsShownAsThePdfItWasReadFrom) {
  TempDir in, out, bin;
  fs::copy_file(SamplesDir() + "/fail-closed/case-notes.rtf", in.path() + "/notes.rtf");
  const std::string pdf = SamplesDir() + "/case-files/several-cases-in-one.pdf";
  const std::string soffice =
      StandInLibreOffice(bin, pdf, SamplesDir() + "/word/safeguarding-policy.docx");
  std::string dir = out.path() + "/out";
  RunResult r =
      RunTool({"triage", in.path(), "-o", dir, "--force", "--no-ocr", "--soffice", soffice, "-q"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  EXPECT_EQ(ReadFile(bin.path() + "/calls.log"), "pdf:writer_pdf_Export\ndocx:MS Word 2007 XML\n");
  json manifest = ReadJson(dir + "/manifest.json");
  ASSERT_EQ(manifest["sources"].size(), 1u);
  EXPECT_EQ(manifest["sources"][0]["bundle"]["shown_as"], "converted");
  // The pages read are the pages shown: the stand-in's PDF, not the RTF's own text.
  json report = ReadJson(dir + "/report.json");
  EXPECT_EQ(report["documents"][0]["pages"], PageCount(pdf));
}

// A .docx is converted once, before it is read; what that PDF shows beyond the Word
// file's own text is checked, and the bundle shows that same PDF.
TEST(Bundle, WordFileIsShownAsThePdfThatWasChecked) {
  TempDir in, out, bin;
  fs::copy_file(SamplesDir() + "/word/safeguarding-policy.docx", in.path() + "/policy.docx");
  // The stand-in "prints" the policy as a page naming a client: text the XML never held.
  const std::string pdf = SamplesDir() + "/fail-closed/pdf-text-page.pdf";
  const std::string soffice = StandInLibreOffice(bin, pdf, "/nonexistent");
  std::string dir = out.path() + "/out";
  RunResult r =
      RunTool({"triage", in.path(), "-o", dir, "--force", "--no-ocr", "--soffice", soffice, "-q"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  EXPECT_EQ(ReadFile(bin.path() + "/calls.log"), "pdf:writer_pdf_Export\n") << "converted once";
  json report = ReadJson(dir + "/report.json");
  std::set<std::string> printed;
  for (const json& f : report["findings"]) {
    if (f.value("field", "") == "text shown when printed") printed.insert(f["rule"]);
  }
  EXPECT_EQ(printed, (std::set<std::string>{"pii.nhs-number", "pii.person-name"}))
      << report["findings"].dump(1);
  json manifest = ReadJson(dir + "/manifest.json");
  ASSERT_EQ(manifest["sources"].size(), 1u);
  EXPECT_EQ(manifest["sources"][0]["bundle"]["shown_as"], "converted");
  const json& b = manifest["sources"][0]["bundle"];
  EXPECT_EQ(b["last_page"].get<int>() - b["first_page"].get<int>() + 1, PageCount(pdf));

  // scan converts nothing: the Word file is read from its XML, and its own text is clean.
  std::ofstream(bin.path() + "/calls.log", std::ios::trunc).close();
  RunResult scan = RunTool({"scan", "--json", "--soffice", soffice, in.path()});
  EXPECT_EQ(ReadFile(bin.path() + "/calls.log"), "");
  EXPECT_EQ(scan.out.find("text shown when printed"), std::string::npos);
}

// The pictures on an office file's pages are listed and read from the PDF it was read
// from, not from the office file itself.
TEST(Bundle, PicturesOfAnOfficeFileAreReadFromItsPdf) {
  TempDir in, out, bin, replay;
  const std::string rtf = in.path() + "/notes.rtf";
  fs::copy_file(SamplesDir() + "/fail-closed/case-notes.rtf", rtf);
  // The stand-in's PDF: a page of text naming nobody, with a picture of notes that do.
  const std::string pdf = SamplesDir() + "/fail-closed/picture-on-text-page.pdf";
  const std::string soffice =
      StandInLibreOffice(bin, pdf, SamplesDir() + "/word/safeguarding-policy.docx");
  // Its picture's recorded OCR, under the name a job for the RTF's first page looks for.
  auto sha = [](const std::string& path) {
    return Shell("sha256sum " + Quote(path)).second.substr(0, 64);
  };
  fs::copy_file(SamplesDir() + "/fail-closed/ocr/" + sha(pdf) + "-p1-picture1.json",
                replay.path() + "/" + sha(rtf) + "-p1-picture1.json");
  std::string dir = out.path() + "/out";
  RunResult r = RunTool(
      {"triage", in.path(), "-o", dir, "--ocr-replay", replay.path(), "--soffice", soffice, "-q"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  json report = ReadJson(dir + "/report.json");
  bool nhs_on_page = false;
  for (const json& f : report["findings"]) {
    EXPECT_NE(f["rule"], "extract.ocr-failed") << f.dump();
    // The picture's NHS number (the RTF's own is not in the stand-in's PDF).
    nhs_on_page = nhs_on_page || (f["rule"] == "pii.nhs-number" && f["page"] == 1);
  }
  EXPECT_TRUE(nhs_on_page) << report["findings"].dump(1);
}

TEST(Bundle, OfficeFileThatCannotBeConvertedIsNotShown) {
  TempDir in, out;
  fs::copy_file(SamplesDir() + "/fail-closed/case-notes.rtf", in.path() + "/notes.rtf");
  std::string dir = out.path() + "/out";
  RunResult r = RunTool({"triage", in.path(), "-o", dir, "--force", "--no-ocr", "--soffice",
                         "/nonexistent/soffice", "-q"});
  ASSERT_GE(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  json manifest = ReadJson(dir + "/manifest.json");
  ASSERT_EQ(manifest["sources"].size(), 1u);
  EXPECT_EQ(manifest["sources"][0]["bundle"]["shown_as"], "placeholder");
  json report = ReadJson(dir + "/report.json");
  EXPECT_EQ(report["documents"][0]["status"], "failed");
  EXPECT_EQ(report["documents"][0]["pages_read"], 0);
  bool found = false;
  for (const json& f : report["findings"]) found = found || f["rule"] == "extract.convert-failed";
  EXPECT_TRUE(found);
  auto [code, text] = Shell("pdftotext -q " + Quote(dir + "/bundle.pdf") + " -");
  EXPECT_EQ(text.find("Thistlewood"), std::string::npos) << "the file's own text is not shown";
}

// The stamp sits bottom right of the page as the reader sees it, whichever way the
// page is turned.
TEST(Bundle, StampIsBottomRightOnTurnedPages) {
  TempDir in, out;
  std::string src = in.path() + "/src.pdf";
  fs::copy_file(SamplesDir() + "/case-files/several-cases-in-one.pdf", src);
  auto [n_code, n_text] = Shell("qpdf --show-npages " + Quote(src));
  ASSERT_EQ(n_code, 0);
  const int source_pages = std::stoi(n_text);
  for (int turn : {90, 180, 270}) {
    std::string to = in.path() + "/turned-" + std::to_string(turn) + ".pdf";
    auto [code, o] = Shell("qpdf --rotate=+" + std::to_string(turn) + " " + Quote(src) + " " +
                           Quote(to) + " 2>&1");
    ASSERT_EQ(code, 0) << o;
  }
  fs::remove(src);
  std::string dir = out.path() + "/out";
  // --force: the name check reads a page turned upside down in the wrong order and
  // finds names in it (noted on issue 7); this test is about where the stamp goes.
  RunResult r = RunTool({"triage", in.path(), "-o", dir, "--force"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  json manifest = ReadJson(dir + "/manifest.json");
  QPDF q;
  q.processFile((dir + "/bundle.pdf").c_str());
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(q).getAllPages();
  int turned = 0;
  for (QPDFPageObjectHelper& p : pages) turned += p.getObjectHandle().getKey("/Rotate").isInteger();
  EXPECT_EQ(turned, 3 * source_pages);
  auto [code, html] = Shell("pdftotext -q -bbox " + Quote(dir + "/bundle.pdf") + " -");
  // Each page's "p." word: its box in the page as displayed.
  std::regex page_re(R"re(<page width="([\d.]+)" height="([\d.]+)">)re");
  std::regex word_re(
      R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">p\.</word>)re");
  int n = 0, checked = 0;
  for (size_t pos = 0;;) {
    size_t start = html.find("<page ", pos);
    if (start == std::string::npos) break;
    size_t end = html.find("</page>", start);
    std::string page = html.substr(start, end - start);
    pos = end;
    ++n;
    std::smatch pm, wm;
    ASSERT_TRUE(std::regex_search(page, pm, page_re));
    double w = std::stod(pm[1]), h = std::stod(pm[2]);
    // pdftotext gives the page's size unturned, and the words' boxes as displayed.
    QPDFObjectHandle rotate = pages[static_cast<size_t>(n - 1)].getObjectHandle().getKey("/Rotate");
    if (rotate.isInteger() && rotate.getIntValue() % 180 != 0) std::swap(w, h);
    // The last "p." on the page is the stamp.
    std::string::const_iterator from = page.begin();
    double x = -1, y = -1;
    while (std::regex_search(from, page.cend(), wm, word_re)) {
      x = std::stod(wm[1]);
      y = std::stod(wm[2]);
      from = wm.suffix().first;
    }
    EXPECT_GT(x, w * 0.6) << "page " << n;
    EXPECT_GT(y, h * 0.9) << "page " << n;
    ++checked;
  }
  EXPECT_EQ(checked, manifest["bundle"]["pages"].get<int>());
}

// 600 pages, each with its own 400 KB picture (240 MB in all): the bundle is written
// while no process of the run holds more than a fraction of that.
TEST(Bundle, SixHundredPagesAreBundledWithoutHoldingThemAll) {
  TempDir in, out, replay;
  std::mt19937 random(7);
  const int kFiles = 60, kPagesEach = 10, kSide = 640;
  for (int f = 0; f < kFiles; ++f) {
    QPDF q;
    q.emptyPDF();
    QPDFPageDocumentHelper pages(q);
    for (int p = 0; p < kPagesEach; ++p) {
      std::string pixels(static_cast<size_t>(kSide) * kSide, '\0');
      for (char& c : pixels) c = static_cast<char>(random() & 0xFF);
      QPDFObjectHandle image = q.newStream(pixels);
      QPDFObjectHandle dict = image.getDict();
      dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
      dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Image"));
      dict.replaceKey("/Width", QPDFObjectHandle::newInteger(kSide));
      dict.replaceKey("/Height", QPDFObjectHandle::newInteger(kSide));
      dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(8));
      dict.replaceKey("/ColorSpace", QPDFObjectHandle::newName("/DeviceGray"));
      QPDFObjectHandle page = QPDFObjectHandle::parse(
          "<< /Type /Page /MediaBox [0 0 595 842] /Resources << /XObject << >> >> >>");
      page.getKey("/Resources").getKey("/XObject").replaceKey("/Im0", image);
      page.replaceKey("/Contents", q.newStream("q 500 0 0 500 47 171 cm /Im0 Do Q"));
      pages.addPage(QPDFPageObjectHelper(q.makeIndirectObject(page)), false);
    }
    char name[32];
    std::snprintf(name, sizeof name, "/scan-%02d.pdf", f);
    // QPDFWriter keeps the name's pointer until it writes.
    const std::string file = in.path() + name;
    QPDFWriter w(q, file.c_str());
    w.setCompressStreams(false);
    w.write();
    WriteBlankRecordings(replay.path(), Sha256Hex(ReadFile(file)), kPagesEach);
  }
  std::string dir = out.path() + "/out";
  // The run, from a process of its own whose only children are the run's: its
  // RUSAGE_CHILDREN is then the largest process of the run, and no earlier test's.
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    RunResult r = RunTool({"triage", in.path(), "-o", dir, "--ocr-replay", replay.path(), "-q"});
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    long result[2] = {r.exit_code, usage.ru_maxrss};
    ssize_t n = write(fds[1], result, sizeof result);
    _exit(n == sizeof result ? 0 : 1);
  }
  close(fds[1]);
  long result[2] = {-1, 0};
  ssize_t got = read(fds[0], result, sizeof result);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_EQ(got, static_cast<ssize_t>(sizeof result));
  ASSERT_LE(result[0], 1) << "exit code";
  json manifest = ReadJson(dir + "/manifest.json");
  ASSERT_TRUE(manifest["bundle"]["written"].get<bool>()) << manifest["bundle"].dump();
  // A cover, two index pages (44 rows each) and every page.
  EXPECT_EQ(manifest["bundle"]["pages"], 3 + kFiles * kPagesEach);
  EXPECT_GT(fs::file_size(dir + "/bundle.pdf"), 230ull << 20);
  long peak_mb = result[1] / 1024;
  std::cerr << "largest process of the run: " << peak_mb << " MB\n";
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer keeps freed memory in quarantine (256 MB by default), so a
  // process's size says nothing about what it holds: measured in the normal build.
#else
  EXPECT_LT(peak_mb, 120) << "a process of the run held " << peak_mb << " MB";
#endif
  auto [code, check] = Shell("qpdf --check " + Quote(dir + "/bundle.pdf") + " 2>&1");
  EXPECT_EQ(code, 0) << check.substr(0, 2000);
}

// ---- The cover's words, in memory -------------------------------------------

// The reference starts with the profile's prefix, given with it or without, in
// capitals or not; the assessment is due the profile's weeks later, or never.
TEST(Cover, ReferenceAndDueDateComeFromTheProfile) {
  Submission s;
  s.received = "2026-11-20";
  Document d;
  d.sha256 = std::string(64, 'a');
  s.documents.push_back(d);
  EXPECT_EQ(bundle::Reference(s, "1234", "QPM"), "QPM-1234");
  EXPECT_EQ(bundle::Reference(s, "QPM-1234", "QPM"), "QPM-1234");
  EXPECT_EQ(bundle::Reference(s, "qpm-1234", "QPM"), "qpm-1234");
  EXPECT_EQ(bundle::Reference(s, "77", "QMG"), "QMG-77");
  EXPECT_EQ(bundle::Reference(s, "QPM-77", "QMG"), "QMG-QPM-77");
  EXPECT_EQ(bundle::Reference(s, "qmg-", "QMG"), "qmg-");
  std::string worked_out = bundle::Reference(s, "", "QMG");
  EXPECT_EQ(worked_out.size(), 12u);
  EXPECT_EQ(worked_out.rfind("QMG-", 0), 0u);
  EXPECT_EQ(worked_out.substr(4), bundle::Reference(s, "", "QPM").substr(4));

  Profile profile;
  profile.words.mark = "Quality Mark Gateway";
  profile.words.mark_in_full = "Quality Mark for micro-providers";
  profile.words.assessment = "Gateway review";
  profile.words.reference_prefix = "QMG";
  bundle::Options none = bundle::DescribeCover(s, profile, {"77", "", "", "0"}, 0);
  EXPECT_EQ(none.id, "QMG-77");
  EXPECT_EQ(none.subtitle, "Quality Mark for micro-providers: Gateway review");
  EXPECT_EQ(none.due_label, "Gateway review due");
  EXPECT_EQ(none.due, "");
  EXPECT_EQ(none.due_basis, "no timescale: the Quality Mark Gateway sets none");
  EXPECT_FALSE(none.banded);
  profile.assessment_weeks = 1;
  bundle::Options one = bundle::DescribeCover(s, profile, {"77", "", "2026-12-01", "0"}, 0);
  EXPECT_EQ(one.due, "2026-12-08");
  EXPECT_EQ(one.due_basis, "one week after 2026-12-01, when the assessor received it");
  profile.assessment_weeks = 13;
  bundle::Options many = bundle::DescribeCover(s, profile, {"77", "", "", "0"}, 0);
  EXPECT_EQ(many.due, "2027-02-19");
  EXPECT_EQ(many.due_basis, "13 weeks after 2026-11-20, the date received");
}

// ---- The order, in memory --------------------------------------------------

TEST(BundlePlan, OrderIsFixedAndTitlesComeFromRoles) {
  Result<Profile> profile = LoadProfile(std::string(QPM_SOURCE_DIR) + "/profiles/qpm-v4.json");
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  Submission s;
  s.workbook_name = "Assessment Workbook";
  auto add = [&](const std::string& id, const std::string& name, const std::string& role,
                 const std::string& detail) {
    Document d;
    d.id = id;
    d.origin = {"mail.eml", name};
    d.role = role;
    d.role_detail = detail;
    d.status = DocStatus::kRead;
    s.documents.push_back(d);
  };
  // Found in an order that is none of the bundle's.
  add("D01", "IMCA report 10.pdf", "report", "imca");
  add("D02", "Margaret Okafor CF02 notes.pdf", "case-file", "CF02");
  add("D03", "Care Act 1.pdf", "report", "care-act");
  add("D04", "IMCA report 2.pdf", "report", "imca");
  add("D05", "misc.pdf", "unknown", "");
  add("D06", "CF01.pdf", "case-file", "CF01");
  add("D07", "Confidentiality.pdf", "policy", "confidentiality");
  add("D08", "Safeguarding.pdf", "policy", "safeguarding");
  add("D09", "workbook.pdf", "workbook", "");
  add("D10", "submission.zip", "container", "");
  add("D11", "CF02 consent.pdf", "case-file", "CF02");
  // The email that carried it all is not shown; an email inside the zip is.
  add("D12", "mail.eml", "email", "");
  s.documents.back().status = DocStatus::kUnpacked;
  s.documents.back().pages.push_back(Page{1, TextSource::kEmailBody, "Please find attached", {}});
  add("D13", "letter.eml", "email", "");
  s.documents.back().parent = "D10";
  s.documents.back().pages.push_back(Page{1, TextSource::kEmailBody, "Dear advocate", {}});
  s.workbook.document = "D09";
  s.case_files.push_back({"CF01", {"D06"}, {}});
  CaseFile cf2{"CF02", {"D02", "D11"}, {}};
  for (const CaseComponent& c : profile->components) cf2.components.push_back({c.name, {}});
  // D11 holds an earlier component than D02.
  cf2.components[1].second.push_back({"D11", 1, 1, ""});
  cf2.components[3].second.push_back({"D02", 1, 2, ""});
  s.case_files.push_back(cf2);

  std::vector<bundle::Entry> entries = bundle::PlanEntries(s, profile.value());
  std::vector<std::string> ids;
  for (const bundle::Entry& e : entries) ids.push_back(e.document);
  // Policies in the profile's order: find where safeguarding and confidentiality are.
  size_t safeguarding = 0, confidentiality = 0;
  for (size_t i = 0; i < profile->policies.size(); ++i) {
    if (profile->policies[i].id == "safeguarding") safeguarding = i;
    if (profile->policies[i].id == "confidentiality") confidentiality = i;
  }
  std::vector<std::string> policies = safeguarding < confidentiality
                                          ? std::vector<std::string>{"D08", "D07"}
                                          : std::vector<std::string>{"D07", "D08"};
  size_t imca = 0, care = 0;
  for (size_t i = 0; i < profile->reports.size(); ++i) {
    if (profile->reports[i].id == "imca") imca = i;
    if (profile->reports[i].id == "care-act") care = i;
  }
  std::vector<std::string> reports = imca < care ? std::vector<std::string>{"D04", "D01", "D03"}
                                                 : std::vector<std::string>{"D03", "D04", "D01"};
  std::vector<std::string> want = {"D09"};
  want.insert(want.end(), policies.begin(), policies.end());
  for (const char* id : {"D06", "D11", "D02"}) want.push_back(id);
  want.insert(want.end(), reports.begin(), reports.end());
  want.push_back("D13");
  want.push_back("D05");
  EXPECT_EQ(ids, want);  // the container and the carrier are left out; IMCA 2 before IMCA 10
  for (const bundle::Entry& e : entries) {
    EXPECT_EQ(e.title.find("Okafor"), std::string::npos) << e.title;
    EXPECT_EQ(e.file.find("Okafor"), std::string::npos) << e.file;
  }
  EXPECT_EQ(entries[0].title, "Assessment Workbook");
  EXPECT_EQ(entries[0].section_letter, 'A');
  EXPECT_EQ(entries.back().section_letter, 'E');
  EXPECT_EQ(entries[3].title, "Case file CF01");
  EXPECT_EQ(entries[4].title, "Case file CF02: " + profile->components[1].name);
  EXPECT_EQ(entries[entries.size() - 2].title, "Email 1");
}

}  // namespace
}  // namespace qpm

namespace qpm {
namespace {

// Real files nobody here wrote: broken, fuzzed, locked, odd. Whatever they are,
// the bundle made of them is sound, and each has its place in it.
// A file attached to or embedded in a document is a document of the submission: it has an
// entry of its own (read or not: an unread one becomes a placeholder), after its parent
// when it has no role of its own, in its case file when it follows one.
TEST(BundlePlan, FilesCarriedInDocumentsAreShownNotDropped) {
  Result<Profile> profile = LoadProfile(std::string(QPM_SOURCE_DIR) + "/profiles/qpm-v4.json");
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  Submission s;
  auto add = [&](const std::string& id, std::vector<std::string> origin, const std::string& role,
                 const std::string& detail, const std::string& parent, DocStatus status) {
    Document d;
    d.id = id;
    d.origin = std::move(origin);
    d.role = role;
    d.role_detail = detail;
    d.parent = parent;
    d.status = status;
    s.documents.push_back(d);
  };
  add("D01", {"b.pdf"}, "unknown", "", "", DocStatus::kRead);
  add("D02", {"b.pdf", "attached.docx"}, "unknown", "", "D01", DocStatus::kRead);
  add("D03", {"b.pdf", "Book1.xlsx"}, "unknown", "", "D01", DocStatus::kNotRead);
  add("D04", {"a.pdf"}, "unknown", "", "", DocStatus::kRead);
  add("D05", {"CF01.pdf"}, "case-file", "CF01", "", DocStatus::kRead);
  add("D06", {"CF01.pdf", "notes.docx"}, "case-file", "CF01", "D05", DocStatus::kRead);
  s.case_files.push_back({"CF01", {"D05", "D06"}, {}});
  std::vector<std::string> ids;
  for (const bundle::Entry& e : bundle::PlanEntries(s, profile.value())) ids.push_back(e.document);
  EXPECT_EQ(ids, (std::vector<std::string>{"D05", "D06", "D04", "D01", "D02", "D03"}));
}

TEST(Bundle, CorpusFilesMakeASoundBundle) {
  TempDir out;
  std::string dir = out.path() + "/out";
  testing::RunSpec spec;
  spec.args = {"triage",
               testing::CorpusDir() + "/pdf",
               testing::CorpusDir() + "/docx",
               testing::CorpusDir() + "/images",
               "-o",
               dir,
               "--force",
               "--no-ocr",
               "--doc-timeout",
               "20",
               "-q"};
  spec.watchdog_seconds = 800;
  RunResult r = RunTool(spec);
  ASSERT_TRUE(r.exit_code == 1 || r.exit_code == 4) << r.exit_code << r.err;
  CheckBundle(dir);
  json manifest = ReadJson(dir + "/manifest.json");
  int shown = 0, placeholders = 0;
  for (const json& s : manifest["sources"]) {
    if (s["bundle"].is_null()) continue;
    ++shown;
    placeholders += s["bundle"]["shown_as"] == "placeholder";
  }
  EXPECT_GT(shown, 100);
  EXPECT_GT(placeholders, 0);
}

}  // namespace
}  // namespace qpm

namespace qpm {
namespace {

// A photo's EXIF block can hold where it was taken and whose camera took it: the
// bundle shows the picture without it. The JPEG is the corpus's, with an EXIF
// segment planted after its start marker.
TEST(Bundle, PhotoIsShownWithoutItsMetadata) {
  TempDir in, out;
  std::string jpeg = ReadFile(testing::CorpusDir() + "/images/ocrmypdf-baiona_color.jpg");
  ASSERT_GT(jpeg.size(), 4u);
  const std::string planted =
      std::string("Exif\0\0", 6) + "PLANTED-OWNER-Margaret-Okafor-GPS-53.8N";
  std::string app1 = "\xFF\xE1";
  app1 += static_cast<char>(((planted.size() + 2) >> 8) & 0xFF);
  app1 += static_cast<char>((planted.size() + 2) & 0xFF);
  app1 += planted;
  std::string comment = "\xFF\xFE";
  const std::string note = "PLANTED-COMMENT";
  comment += static_cast<char>(0);
  comment += static_cast<char>(note.size() + 2);
  comment += note;
  std::ofstream(in.path() + "/photo.jpg", std::ios::binary)
      << jpeg.substr(0, 2) + app1 + comment + jpeg.substr(2);
  std::string dir = out.path() + "/out";
  TempDir replay;
  WriteBlankRecordings(replay.path(), Sha256Hex(ReadFile(in.path() + "/photo.jpg")), 1);
  RunResult r = RunTool({"triage", in.path(), "-o", dir, "--ocr-replay", replay.path(), "--force"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  json manifest = ReadJson(dir + "/manifest.json");
  EXPECT_EQ(manifest["sources"][0]["bundle"]["shown_as"], "image");
  // Uncompressed, so that nothing planted could hide in a compressed stream.
  auto [code, o] = Shell("qpdf --stream-data=uncompress " + Quote(dir + "/bundle.pdf") + " " +
                         Quote(out.path() + "/plain.pdf") + " 2>&1");
  ASSERT_EQ(code, 0) << o;
  std::string plain = ReadFile(out.path() + "/plain.pdf");
  EXPECT_EQ(plain.find("PLANTED"), std::string::npos);
  // The picture's own data is all there.
  EXPECT_NE(plain.find(jpeg.substr(jpeg.size() - 4096)), std::string::npos);
}

// One text file with a 400 KB "word" (base64, say): shown in full over many lines,
// and quickly, not cut and not the end of the bundle.
TEST(Bundle, VeryLongWordsAreWrappedNotCut) {
  TempDir in, out;
  std::string word;
  for (int i = 0; i < 400000; ++i) word += static_cast<char>('A' + (i * 7) % 26);
  std::ofstream(in.path() + "/notes.txt") << "Start " << word << " ENDMARK\n";
  std::string dir = out.path() + "/out";
  RunResult r = RunTool({"triage", in.path(), "-o", dir, "--no-ocr", "--force", "-q"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  CheckBundle(dir);
  auto [code, text] = Shell("pdftotext -q " + Quote(dir + "/bundle.pdf") + " -");
  EXPECT_NE(text.find("ENDMARK"), std::string::npos);
  // The word's pieces are the lines of capitals alone (the last one is followed by
  // " ENDMARK"); stamps and headings have other characters.
  std::string joined;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (size_t end = line.find(" ENDMARK"); end != std::string::npos) line.resize(end);
    bool capitals = !line.empty();
    for (char c : line) capitals = capitals && c >= 'A' && c <= 'Z';
    if (capitals) joined += line;
  }
  EXPECT_NE(joined.find(word), std::string::npos) << "the long word lost characters";
}

// The bundle is written in a process of its own and sent back whole: every field of
// its types, set to something other than its default, comes back as it was.
TEST(BundleFrames, ABundleComesBackFromItsWriterWhole) {
  bundle::Bundle sent;
  bundle::Entry e;
  e.document = "D007";
  e.section_letter = 'C';
  e.section = "Case files";
  e.title = "Case file CF02: referral";
  e.reference = "CF02";
  e.case_file = "CF02";
  e.file = "sub.zip > cases/cf2.pdf";
  e.shown_as = "text";
  e.status = "as text: caf\xc3\xa9 \xff";  // bytes that are not UTF-8 stay as they are
  e.first_page = 4;
  e.last_page = 9;
  sent.entries = {e};
  sent.pages = {{1, "cover", "", 0}, {4, "document", "D007", 2}};
  sent.bookmarks = {
      {"C Case files (p. 4)", 4, {{"Case file CF02 (p. 4)", 4, {{"Referral", 5, {}}}}}}};
  sent.index_pages = 2;
  sent.notes = {"a page could not be copied"};

  sandbox::Budget budget;
  budget.timeout_seconds = 5;
  sandbox::Reply<sandbox::NoItems, bundle::Bundle> reply =
      sandbox::Decode<sandbox::NoItems, bundle::Bundle>(
          sandbox::RunOne([&sent](sandbox::Channel& ch) { sandbox::SendValue(ch, sent); }, budget));
  ASSERT_TRUE(reply.value.has_value());
  const bundle::Bundle& back = *reply.value;
  ASSERT_EQ(back.entries.size(), 1u);
  const bundle::Entry& b = back.entries[0];
  EXPECT_EQ(std::tie(b.document, b.section, b.title, b.reference, b.case_file, b.file, b.shown_as,
                     b.status),
            std::tie(e.document, e.section, e.title, e.reference, e.case_file, e.file, e.shown_as,
                     e.status));
  EXPECT_EQ(b.section_letter, 'C');
  EXPECT_EQ(b.first_page, 4);
  EXPECT_EQ(b.last_page, 9);
  ASSERT_EQ(back.pages.size(), 2u);
  EXPECT_EQ(back.pages[1].page, 4);
  EXPECT_EQ(back.pages[1].what, "document");
  EXPECT_EQ(back.pages[1].document, "D007");
  EXPECT_EQ(back.pages[1].source_page, 2);
  ASSERT_EQ(back.bookmarks.size(), 1u);
  ASSERT_EQ(back.bookmarks[0].children.size(), 1u);
  ASSERT_EQ(back.bookmarks[0].children[0].children.size(), 1u);
  EXPECT_EQ(back.bookmarks[0].children[0].children[0].title, "Referral");
  EXPECT_EQ(back.bookmarks[0].children[0].children[0].page, 5);
  EXPECT_EQ(back.index_pages, 2);
  EXPECT_EQ(back.notes, sent.notes);
}

}  // namespace
}  // namespace qpm
