// Fail-closed: nothing reaches the assessor unchecked (issue "Nothing reaches the
// assessor unchecked", docs/bundle.md). Each sample in samples/fail-closed/ plants a
// client's full name and NHS number in one way a document can reach the bundle (a PDF's
// text, a scan, a Word body, an email's body, an image file, ...). For each:
//   - triage withholds the bundle;
//   - with --force, the bundle is read back as the assessor would see it, with pdftotext
//     and with OCR (Tesseract, as a person reads a picture), and every bundle page that
//     shows a planted value has a finding for it on that page.
// A reader that is removed or broken shows here: its file is then shown unchecked (the
// second check fails) or shown as a placeholder with no personal-data finding, which
// does not withhold the bundle (the first check fails).
//
// Uses the real OCR engine, so the suite is labelled "ocr" (tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace qpm::testing {
namespace {

using nlohmann::json;

std::vector<std::string> FailClosedSamples() {
  std::vector<std::string> out;
  for (const std::string& f : ListFiles(SamplesDir())) {
    const std::string suffix = ".expected.json";
    if (f.rfind("fail-closed/", 0) == 0 && f.size() > suffix.size() &&
        f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(f.substr(0, f.size() - suffix.size()));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Letters and digits only, lower case: how a value is looked for in what a page shows,
// so that line breaks, spacing and OCR's spacing do not matter.
std::string Squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// What a planted value looks like on a page: an NHS number by its ten digits; a name by
// its surname (a title and first name may wrap or be read apart).
std::string Needle(const std::string& value) {
  std::string digits;
  for (char c : value) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) digits += c;
  }
  if (digits.size() == 10) return digits;
  return Squeezed(value.substr(value.rfind(' ') + 1));
}

bool IsNhsNumber(const std::string& value) { return Needle(value).size() == 10; }

// The text of bundle page `page` as the assessor sees it: its text layer, and what
// OCR reads on it as rendered (a scan or a picture shows words no text layer holds).
std::string PageAsSeen(const std::string& pdf, int page) {
  std::string p = std::to_string(page);
  auto [c1, text] = Shell("pdftotext -q -f " + p + " -l " + p + " " + Quote(pdf) + " -");
  auto [c2, ocr] = Shell("pdftoppm -q -r 300 -gray -f " + p + " -l " + p + " " + Quote(pdf) +
                         " | OMP_THREAD_LIMIT=1 tesseract - - 2>/dev/null");
  return text + "\n" + ocr;
}

class FailClosed : public ::testing::TestWithParam<std::string> {};

TEST_P(FailClosed, EveryPlacePlantedIsFoundAndTheBundleIsWithheld) {
  if (Shell("command -v tesseract && command -v pdftoppm").first != 0) {
    GTEST_SKIP() << "tesseract or pdftoppm is not installed";
  }
  const std::string sample = SamplesDir() + "/" + GetParam();
  json expected = json::parse(ReadFile(sample + ".expected.json"));
  std::vector<std::string> planted = expected["planted_values"].get<std::vector<std::string>>();
  ASSERT_FALSE(planted.empty());
  TempDir out;

  // Without --force, the bundle is withheld.
  std::string held = out.path() + "/held";
  RunResult r = RunTool({"triage", "-q", sample, "-o", held, "--received", "2026-11-20"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  json report = json::parse(ReadFile(held + "/report.json"));
  EXPECT_FALSE(report["bundle"]["written"].get<bool>())
      << "the bundle was written while the planted values were in it";

  // With --force, every bundle page that shows a planted value has its finding.
  std::string forced = out.path() + "/forced";
  r = RunTool({"triage", "-q", sample, "-o", forced, "--received", "2026-11-20", "--force"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  report = json::parse(ReadFile(forced + "/report.json"));
  json manifest = json::parse(ReadFile(forced + "/manifest.json"));
  ASSERT_TRUE(report["bundle"]["written"].get<bool>());
  // Each document's bundle pages, for findings that have no page of their own (a Word
  // body, a Word part): they stand for all of their document's pages.
  std::map<std::string, std::pair<int, int>> range;
  for (const json& s : manifest["sources"]) {
    if (!s["bundle"].is_null()) {
      range[s["id"].get<std::string>()] = {s["bundle"]["first_page"], s["bundle"]["last_page"]};
    }
  }
  auto found_on = [&](const std::string& value, int page) {
    for (const json& f : report["findings"]) {
      std::string rule = f["rule"];
      bool kind = IsNhsNumber(value) ? rule == "pii.nhs-number" : rule == "pii.person-name";
      if (!kind || f["severity"] != "blocker") continue;
      if (f.value("bundle_page", 0) == page) return true;
      bool pageless = !f.contains("page") || !f["page"].is_number_integer() || f["page"] == 0;
      auto it = range.find(f.value("document", ""));
      if (pageless && it != range.end() && page >= it->second.first && page <= it->second.second) {
        return true;
      }
    }
    return false;
  };
  std::string pdf = forced + "/bundle.pdf";
  std::map<std::string, int> seen;  // value → bundle pages showing it
  for (const json& p : manifest["pages"]) {
    if (!p.contains("document")) continue;  // the cover and index are ours
    int page = p["page"];
    std::string shown = Squeezed(PageAsSeen(pdf, page));
    for (const std::string& value : planted) {
      if (shown.find(Needle(value)) == std::string::npos) continue;
      ++seen[value];
      EXPECT_TRUE(found_on(value, page))
          << "bundle page " << page << " shows a planted "
          << (IsNhsNumber(value) ? "NHS number" : "name") << " that no blocking finding points to";
    }
  }
  // The read-back itself must have worked, or the checks above prove nothing.
  for (const std::string& value : planted) {
    EXPECT_GT(seen[value], 0) << "the bundle's pages were read back, but a planted "
                              << (IsNhsNumber(value) ? "NHS number" : "name")
                              << " was not seen on any of them";
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, FailClosed, ::testing::ValuesIn(FailClosedSamples()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name;
                           for (char c : param.param.substr(param.param.find('/') + 1)) {
                             name += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace qpm::testing
