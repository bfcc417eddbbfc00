// The completeness rules, one at a time, on Submissions built in memory and read
// against the shipped profile (profiles/qpm-v4.json): for each rule a submission that
// passes, one that fails, and an edge.
//
// What the profile asks for, as the expected values below assume it: band 1 is up to
// 15 WTE, with 5 case files, 5 IMCA and 5 Care Act reports; band 2 is up to 30 WTE,
// with 10 of each; band 3 is bespoke. Deadlines are the issue date + 3 months (a
// warning) and + 6 months (a blocker). A narrative answer has at least 40 words.
#include "checks/checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace qpm::checks {
namespace {

const Profile& Qpm() {
  static const Profile kProfile = [] {
    Result<Profile> p = LoadProfile(std::string(QPM_SOURCE_DIR) + "/profiles/qpm-v4.json");
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? p.value() : Profile{};
  }();
  return kProfile;
}

Document Doc(std::string id, std::string name, std::string role, std::string detail = "") {
  Document d;
  d.id = std::move(id);
  d.origin = {std::move(name)};
  d.role = std::move(role);
  d.role_detail = std::move(detail);
  d.status = DocStatus::kRead;
  return d;
}

// Adds a document with the next id ("D001", "D002", ...) and returns that id.
std::string AddDoc(Submission& s, std::string name, std::string role, std::string detail = "") {
  char id[16];
  std::snprintf(id, sizeof id, "D%03zu", s.documents.size() + 1);
  s.documents.push_back(Doc(id, std::move(name), std::move(role), std::move(detail)));
  return id;
}

// A case file `id` in one document of its own, every part the profile names on a page
// of its own.
void AddCaseFile(Submission& s, const std::string& id) {
  std::string doc = AddDoc(s, id + ".pdf", "case-file", id);
  CaseFile cf;
  cf.id = id;
  cf.documents = {doc};
  int page = 0;
  for (const CaseComponent& k : Qpm().components) {
    ++page;
    cf.components.push_back({k.name, {{doc, page, page, k.cues.front()}}});
  }
  s.case_files.push_back(cf);
}

void AddReports(Submission& s, const ReportType& t, int from, int to) {
  for (int r = from; r <= to; ++r) {
    AddDoc(s, t.name + " " + std::to_string(r) + ".pdf", "report", t.id);
  }
}

// Words as a reader counts them: runs between spaces.
int WordsIn(const std::string& text) {
  int n = 0;
  bool in_word = false;
  for (char ch : text) {
    bool space = std::isspace(static_cast<unsigned char>(ch)) != 0;
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

void SetText(WorkbookAnswer& a, const std::string& text) {
  a.state = "answered";
  a.text = text;
  a.words = WordsIn(text);
}

// A plain answer of exactly `n` words.
std::string Sentence(int n) {
  static const char* const kWords[] = {"Advocates", "meet", "each", "person", "within",
                                       "five",      "days", "and",  "agree",  "together"};
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += (i == 0 ? "" : " ") + std::string(kWords[i % 10]);
  }
  return out + ".";
}

// A complete band 1 submission, as the profile asks for it: a workbook with every
// indicator answered, every required policy, five case files with every part, five
// reports of each type, received within three months of the workbook's issue.
Submission Complete() {
  Submission s;
  s.inputs.push_back({"submission.zip", false, 0});
  s.workbook.document = AddDoc(s, "Workbook.pdf", "workbook");
  s.workbook.issued = "2026-09-01";
  s.workbook.wte = 6;
  s.workbook.band = 1;
  for (const ProfileSection& section : Qpm().sections) {
    for (const Indicator& i : section.indicators) {
      WorkbookAnswer a;
      a.indicator = i.id;
      a.kind = i.kind;
      a.page = 2;
      if (i.kind == "tick") {
        a.state = "ticked";
      } else {
        SetText(a,
                "Advocates meet every new person within five working days, explain what advocacy "
                "is and is not, and agree together what the person wants to achieve. The plan is "
                "written in the case notes, checked at supervision every month and reviewed with "
                "the person at each meeting so that it stays theirs.");
      }
      s.workbook.answers.push_back(a);
    }
  }
  for (const RequiredPolicy& p : Qpm().policies) AddDoc(s, p.title + ".pdf", "policy", p.id);
  for (int c = 1; c <= 5; ++c) AddCaseFile(s, "CF0" + std::to_string(c));
  for (const ReportType& t : Qpm().reports) AddReports(s, t, 1, 5);
  s.band = 1;
  s.band_reason = "the workbook states 6 whole-time-equivalent advocates";
  s.received = "2026-11-20";
  return s;
}

// Complete(), in band 2 (20 WTE) with ten case files and ten reports of each type.
Submission CompleteBandTwo() {
  Submission s = Complete();
  s.workbook.wte = 20;
  s.workbook.band = 2;
  s.band = 2;
  s.band_reason = "the workbook states 20 whole-time-equivalent advocates";
  for (int c = 6; c <= 10; ++c) {
    char id[8];
    std::snprintf(id, sizeof id, "CF%02d", c);
    AddCaseFile(s, id);
  }
  for (const ReportType& t : Qpm().reports) AddReports(s, t, 6, 10);
  return s;
}

// Complete() in the bespoke band 3 (40 WTE).
Submission CompleteBespoke() {
  Submission s = Complete();
  s.workbook.wte = 40;
  s.workbook.band = 3;
  s.band = 3;
  s.band_reason = "the workbook states 40 whole-time-equivalent advocates";
  return s;
}

WorkbookAnswer& Answer(Submission& s, std::string_view indicator) {
  for (WorkbookAnswer& a : s.workbook.answers) {
    if (a.indicator == indicator) return a;
  }
  ADD_FAILURE() << "no indicator " << indicator;
  static WorkbookAnswer none;
  return none;
}

// Takes out every report of type `type` after the first `keep`.
void KeepReports(Submission& s, std::string_view type, int keep) {
  int kept = 0;
  std::erase_if(s.documents, [&](const Document& d) {
    return d.role == "report" && d.role_detail == type && ++kept > keep;
  });
}

const Document& DocWithRole(const Submission& s, std::string_view role, std::string_view detail) {
  for (const Document& d : s.documents) {
    if (d.role == role && d.role_detail == detail) return d;
  }
  ADD_FAILURE() << "no " << role << " " << detail;
  return s.documents.front();
}

// Runs every rule (checks::Run; the name is taken inside a TEST by testing::Test::Run).
std::vector<Finding> Check(const Submission& s, const Options& o = {}) {
  return qpm::checks::Run(s, Qpm(), o);
}

std::vector<Finding> Of(const std::vector<Finding>& all, std::string_view rule) {
  std::vector<Finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Finding& f) { return f.rule == rule; });
  return out;
}

testing::AssertionResult Says(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "\"" << text << "\"\n  does not say \"" << part << "\"";
}

bool IsUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

constexpr char kBandMismatch[] = "completeness.band-mismatch";
constexpr char kBandUnknown[] = "completeness.band-unknown";
constexpr char kBespoke[] = "completeness.bespoke-counts-needed";
constexpr char kBandBespoke[] = "completeness.band-bespoke";
constexpr char kCaseFileCount[] = "completeness.case-file-count";
constexpr char kReportCount[] = "completeness.report-count";
constexpr char kReportType[] = "completeness.report-type-missing";
constexpr char kComponent[] = "completeness.case-file-component";
constexpr char kNumbering[] = "completeness.case-file-numbering";
constexpr char kUnticked[] = "completeness.indicator-unticked";
constexpr char kEmpty[] = "completeness.narrative-empty";
constexpr char kPlaceholder[] = "completeness.narrative-placeholder";
constexpr char kShort[] = "completeness.narrative-short";
constexpr char kPolicyMissing[] = "completeness.policy-missing";
constexpr char kPolicyDuplicate[] = "completeness.policy-duplicate";
constexpr char kIssueDate[] = "completeness.issue-date-unknown";
constexpr char kLate[] = "completeness.submission-late";
constexpr char kExpired[] = "completeness.submission-expired";

TEST(Checks, ACompleteSubmissionHasNoFindings) {
  std::vector<Finding> found = Check(Complete());
  for (const Finding& f : found) ADD_FAILURE() << f.rule << ": " << f.message;
}

TEST(Checks, CompleteSubmissionsInBandTwoAndInABespokeBandWithItsCountsHaveNoFindings) {
  for (const Finding& f : Check(CompleteBandTwo())) ADD_FAILURE() << f.rule << ": " << f.message;
  Options agreed;
  agreed.case_files = 5;
  agreed.reports = {{"imca", 5}, {"care-act", 5}};
  for (const Finding& f : Check(CompleteBespoke(), agreed)) {
    if (f.rule == kBandBespoke && f.severity == Severity::kInfo) continue;  // for the record
    ADD_FAILURE() << f.rule << ": " << f.message;
  }
}

TEST(Checks, EveryFindingCarriesItsRulesSeverityAPlaceAndARemedy) {
  Submission s = Complete();
  s.case_files.pop_back();
  s.workbook.answers.front().state = "unticked";
  s.documents.erase(s.documents.begin() + 1);  // the first policy
  std::vector<Finding> found = Check(s);
  ASSERT_EQ(found.size(), 3u);
  std::vector<RuleInfo> rules = Rules();
  for (const Finding& f : found) {
    auto it =
        std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.id == f.rule; });
    ASSERT_NE(it, rules.end()) << f.rule;
    EXPECT_EQ(f.severity, it->severity);
    EXPECT_EQ(f.category, Category::kCompleteness);
    EXPECT_FALSE(f.message.empty());
    EXPECT_FALSE(f.remedy.empty());
    // About the submission as a whole (its first input), or about one document.
    EXPECT_TRUE(!f.document.empty() || f.input == 0) << f.rule;
  }
}

TEST(Checks, FindingsAboutTheWholeSubmissionBelongToItsFirstInput) {
  Submission s = Complete();
  s.inputs.push_back({"password.eml", false, 0});
  s.case_files.clear();
  KeepReports(s, "imca", 0);
  KeepReports(s, "care-act", 0);
  std::erase_if(s.documents, [](const Document& d) { return d.role == "policy"; });
  std::vector<Finding> found = Check(s);
  // 1 case-file count, 2 report counts, 8 policies.
  ASSERT_EQ(found.size(), 11u);
  for (const Finding& f : found) {
    EXPECT_EQ(f.document, "") << f.rule;
    EXPECT_EQ(f.input, 0) << f.rule;
  }
  // A finding about one document is placed by its document (the runner fills in input).
  s = Complete();
  Answer(s, "1.1").state = "unticked";
  std::vector<Finding> about_one = Check(s);
  ASSERT_EQ(about_one.size(), 1u);
  EXPECT_EQ(about_one[0].document, "D001");
}

// completeness.band-mismatch

TEST(BandMismatch, AStatedBandThatIsTheBandOfTheStatedWteIsNotAFinding) {
  Submission s = Complete();
  EXPECT_TRUE(Of(Check(s), kBandMismatch).empty());
  s = CompleteBandTwo();
  EXPECT_TRUE(Of(Check(s), kBandMismatch).empty());
  // Either figure alone is nothing to compare.
  s = Complete();
  s.workbook.band.reset();
  EXPECT_TRUE(Of(Check(s), kBandMismatch).empty());
  s = Complete();
  s.workbook.wte.reset();
  EXPECT_TRUE(Of(Check(s), kBandMismatch).empty());
}

TEST(BandMismatch, FifteenWteIsBandOneAndFifteenAndAHalfIsBandTwo) {
  Submission s = Complete();
  s.workbook.wte = 15;  // band 1 is "up to 15": 15 itself is in it
  s.band_reason = "the workbook states 15 whole-time-equivalent advocates";
  EXPECT_TRUE(Of(Check(s), kBandMismatch).empty());

  s.workbook.wte = 15.5;
  s.band = 2;
  s.band_reason = "the workbook states 15.5 whole-time-equivalent advocates";
  std::vector<Finding> f = Of(Check(s), kBandMismatch);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(
      f[0].message,
      "The Assessment Workbook states band 1, but its own figure of 15.5 whole-time-equivalent "
      "advocates is band 2 (over 15 and up to 30). This check counts case files and reports "
      "for band 2 (the workbook states 15.5 whole-time-equivalent advocates).");
  EXPECT_EQ(f[0].document, s.workbook.document);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_TRUE(Says(f[0].remedy, "--wte or --band"));
}

TEST(BandMismatch, ABandTheProfileDoesNotHaveIsSaidToBeOne) {
  Submission s = Complete();
  s.workbook.band = 4;
  std::vector<Finding> f = Of(Check(s), kBandMismatch);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "The Assessment Workbook states band 4, which " + Qpm().title +
                                     " does not have, but its own figure of 6 "
                                     "whole-time-equivalent advocates is band 1 (up to 15)."));
  // Above the last band with a limit: the bespoke band, "over 30".
  s = Complete();
  s.workbook.wte = 31;
  s.workbook.band = 2;
  s.band = 3;
  f = Of(Check(s), kBandMismatch);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "is band 3 (over 30)"));
}

// completeness.band-unknown

TEST(BandUnknown, ABandDecidedIsNotAFinding) {
  EXPECT_TRUE(Of(Check(Complete()), kBandUnknown).empty());
  Submission s = Complete();  // decided by --band, whatever the workbook says
  s.workbook.wte.reset();
  s.workbook.band.reset();
  s.band_reason = "--band 1";
  EXPECT_TRUE(Of(Check(s), kBandUnknown).empty());
}

TEST(BandUnknown, AWorkbookStatingNeitherWteNorBandLeavesTheCountsUnchecked) {
  Submission s = Complete();
  s.workbook.wte.reset();
  s.workbook.band.reset();
  s.band.reset();
  s.band_reason.clear();
  s.case_files.clear();
  KeepReports(s, "imca", 0);
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kBandUnknown);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(
      f[0].message,
      "The band could not be decided: the Assessment Workbook states neither the organisation's "
      "whole-time-equivalent advocates nor its band, and no --wte or --band was given. The "
      "number of case files and reports is not checked.");
  EXPECT_EQ(f[0].document, s.workbook.document);
  // What the band would ask for is not known, so nothing is said to be short.
  EXPECT_TRUE(Of(all, kCaseFileCount).empty());
  EXPECT_TRUE(Of(all, kReportCount).empty());
  EXPECT_TRUE(Of(all, kReportType).empty());
}

TEST(BandUnknown, WithNoWorkbookTheFindingIsAboutTheSubmission) {
  Submission s = Complete();
  s.documents.erase(s.documents.begin());
  s.workbook = {};
  s.band.reset();
  s.band_reason.clear();
  std::vector<Finding> f = Of(Check(s), kBandUnknown);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(
      Says(f[0].message, "The band could not be decided: no Assessment Workbook was found,"));
  EXPECT_EQ(f[0].document, "");
  EXPECT_EQ(f[0].input, 0);
}

// Regression: the workbook's stated band was reported as not stated when the
// profile has no such band.
TEST(BandUnknown, AStatedBandTheProfileDoesNotHaveIsSaidToBeOne) {
  Submission s = Complete();
  s.workbook.wte.reset();
  s.workbook.band = 4;
  s.band.reset();
  s.band_reason.clear();
  std::vector<Finding> f = Of(Check(s), kBandUnknown);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "The band could not be decided: the Assessment Workbook states band 4, which " +
                Qpm().title +
                " does not have, and no --wte or --band was given. The number of "
                "case files and reports is not checked.");
  EXPECT_FALSE(Says(f[0].message, "states neither"));
}

// completeness.bespoke-counts-needed

TEST(BespokeCounts, ABespokeBandWithEveryAgreedCountOrABandWithItsOwnIsNotAFinding) {
  EXPECT_TRUE(Of(Check(Complete()), kBespoke).empty());
  Options agreed;
  agreed.case_files = 3;
  agreed.reports = {{"imca", 2}, {"care-act", 0}};  // 0: a type the organisation does not write
  EXPECT_TRUE(Of(Check(CompleteBespoke(), agreed), kBespoke).empty());
}

TEST(BespokeCounts, ABespokeBandWithNoCountsAsksForThemAll) {
  Submission s = CompleteBespoke();
  s.case_files.resize(1);
  KeepReports(s, "imca", 0);
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kBespoke);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "Band 3 is bespoke"));
  EXPECT_TRUE(Says(f[0].message, "those counts are not checked"));
  EXPECT_TRUE(Says(f[0].remedy, ": --case-files N --reports imca=N --reports care-act=N "));
  EXPECT_EQ(f[0].document, "");
  EXPECT_EQ(f[0].input, 0);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  // Nothing to count against: no count findings, however few came.
  EXPECT_TRUE(Of(all, kCaseFileCount).empty());
  EXPECT_TRUE(Of(all, kReportCount).empty());
  EXPECT_TRUE(Of(all, kReportType).empty());
}

TEST(BespokeCounts, OnlyTheCountsNotGivenAreAskedFor) {
  Options some;
  some.case_files = 4;
  some.reports = {{"imca", 3}};
  Submission s = CompleteBespoke();
  std::vector<Finding> all = Check(s, some);
  std::vector<Finding> f = Of(all, kBespoke);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].remedy, ": --reports care-act=N ("));
  EXPECT_FALSE(Says(f[0].remedy, "--case-files"));
  EXPECT_FALSE(Says(f[0].remedy, "imca"));
  // The counts that were given are checked: 5 case files and 5 IMCA reports are enough.
  EXPECT_TRUE(Of(all, kCaseFileCount).empty());
  EXPECT_TRUE(Of(all, kReportCount).empty());
  some.case_files = 6;
  f = Of(Check(s, some), kCaseFileCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "5 case files were found: CF01, CF02, CF03, CF04, CF05; "));
  EXPECT_TRUE(Says(f[0].message, "(--case-files) is 6 case files."));
}

// completeness.case-file-count

TEST(CaseFileCount, FourCaseFilesInBandOneIsOneShort) {
  Submission s = Complete();
  s.case_files.pop_back();
  std::vector<Finding> f = Of(Check(s), kCaseFileCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("4 case files were found"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("band 1 asks for 5 case files"), std::string::npos);
}

TEST(CaseFileCount, AsManyOrMoreThanTheBandAsksForIsNotAFinding) {
  EXPECT_TRUE(Of(Check(Complete()), kCaseFileCount).empty());
  EXPECT_TRUE(Of(Check(CompleteBandTwo()), kCaseFileCount).empty());
  Submission s = Complete();
  AddCaseFile(s, "CF06");
  EXPECT_TRUE(Of(Check(s), kCaseFileCount).empty());
}

TEST(CaseFileCount, FiveCaseFilesInBandTwoAreFiveShort) {
  Submission s = CompleteBandTwo();
  s.case_files.resize(5);
  std::vector<Finding> f = Of(Check(s), kCaseFileCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(
      f[0].message,
      "5 case files were found: CF01, CF02, CF03, CF04, CF05; band 2 asks for 10 case files.");
  EXPECT_TRUE(Says(f[0].remedy, "Ask the organisation for 5 more anonymised case files."));
  EXPECT_EQ(f[0].severity, Severity::kBlocker);
  EXPECT_EQ(f[0].document, "");
  EXPECT_EQ(f[0].input, 0);
}

TEST(CaseFileCount, NoCaseFilesAtAllIsTheWholeShortfall) {
  Submission s = Complete();
  s.case_files.clear();
  std::vector<Finding> f = Of(Check(s), kCaseFileCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message, "0 case files were found; band 1 asks for 5 case files.");
  EXPECT_TRUE(Says(f[0].remedy, "Ask the organisation for 5 more anonymised case files."));
}

TEST(CaseFileCount, CaseFilesGivenForBandOneReplaceItsNumber) {
  Submission s = Complete();
  s.case_files.resize(3);
  Options agreed;
  agreed.case_files = 3;
  EXPECT_TRUE(Of(Check(s, agreed), kCaseFileCount).empty());
  agreed.case_files = 7;
  s = Complete();
  std::vector<Finding> f = Of(Check(s, agreed), kCaseFileCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "5 case files were found"));
  EXPECT_TRUE(Says(f[0].message, "is 7 case files."));
  EXPECT_TRUE(Says(f[0].message, "--case-files"));  // says where 7 came from
  EXPECT_TRUE(Says(f[0].remedy, "for 2 more anonymised case files."));
}

// completeness.band-bespoke

TEST(BandBespoke, ABandWithItsOwnNumbersIsNotAFinding) {
  EXPECT_TRUE(Of(Check(Complete()), kBandBespoke).empty());
  EXPECT_TRUE(Of(Check(CompleteBandTwo()), kBandBespoke).empty());
  Submission s = Complete();
  s.band.reset();  // no band decided: band-unknown says so
  EXPECT_TRUE(Of(Check(s), kBandBespoke).empty());
}

TEST(BandBespoke, ABespokeBandIsMarkedForTheAssessorCountsGivenOrNot) {
  std::vector<Finding> f = Of(Check(CompleteBespoke()), kBandBespoke);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kInfo);
  EXPECT_TRUE(Says(f[0].message, "in band 3 (the workbook states 40 whole-time-equivalent "));
  EXPECT_TRUE(Says(f[0].message, "needs the assessor's review of those numbers."));
  EXPECT_TRUE(Says(f[0].remedy, "--case-files and --reports"));
  EXPECT_EQ(f[0].document, "D001");  // the workbook, which states the band
  Options agreed;
  agreed.case_files = 5;
  agreed.reports = {{"imca", 5}, {"care-act", 5}};
  f = Of(Check(CompleteBespoke(), agreed), kBandBespoke);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message,
                   "the numbers given (bespoke band 3: --case-files and --reports) "
                   "are checked."));
}

// completeness.report-count

TEST(ReportCount, AsManyOrMoreReportsOfEachTypeIsNotAFinding) {
  EXPECT_TRUE(Of(Check(Complete()), kReportCount).empty());
  EXPECT_TRUE(Of(Check(CompleteBandTwo()), kReportCount).empty());
  Submission s = Complete();
  AddReports(s, Qpm().reports.front(), 6, 8);
  EXPECT_TRUE(Of(Check(s), kReportCount).empty());
}

TEST(ReportCount, ThreeImcaReportsInBandOneAreTwoShort) {
  Submission s = Complete();
  KeepReports(s, "imca", 3);
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kReportCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "3 IMCA reports were found; band 1 asks for 5 IMCA reports"));
  EXPECT_TRUE(Says(f[0].remedy, "Ask the organisation for 2 more IMCA reports, anonymised."));
  EXPECT_TRUE(Says(f[0].remedy, "'independent mental capacity advocate'"));
  EXPECT_EQ(f[0].severity, Severity::kBlocker);
  EXPECT_EQ(f[0].input, 0);
  EXPECT_TRUE(Of(all, kReportType).empty());  // some IMCA reports came
  // Band 2 asks for 10 of each: five of each are five short, twice.
  s = CompleteBandTwo();
  KeepReports(s, "imca", 5);
  KeepReports(s, "care-act", 5);
  f = Of(Check(s), kReportCount);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_TRUE(Says(f[0].message, "5 IMCA reports were found; band 2 asks for 10 IMCA reports"));
  EXPECT_TRUE(Says(f[1].message, "5 Care Act reports were found; band 2 asks for 10 Care Act "));
}

TEST(ReportCount, NoReportsAtAllIsAShortfallOfEveryType) {
  Submission s = Complete();
  KeepReports(s, "imca", 0);
  KeepReports(s, "care-act", 0);
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kReportCount);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_TRUE(Says(f[0].message, "0 IMCA reports were found; band 1 asks for 5 IMCA reports"));
  EXPECT_TRUE(Says(f[1].message, "0 Care Act reports were found; band 1 asks for 5 Care Act "));
  EXPECT_TRUE(Of(all, kReportType).empty());
}

TEST(ReportCount, NoneOfOneTypeWhileTheOtherCameIsNotACountFinding) {
  Submission s = Complete();
  KeepReports(s, "care-act", 0);
  std::vector<Finding> all = Check(s);
  EXPECT_TRUE(Of(all, kReportCount).empty());
  EXPECT_EQ(Of(all, kReportType).size(), 1u);
  // A type agreed as 0 (--reports care-act=0) is not asked for at all.
  Options none_of_them;
  none_of_them.reports = {{"care-act", 0}};
  all = Check(s, none_of_them);
  EXPECT_TRUE(Of(all, kReportCount).empty());
  EXPECT_TRUE(Of(all, kReportType).empty());
}

// Regression: "band 1 asks for 5 IMCA reports of each type the organisation writes".
TEST(ReportCount, TheMessageSaysHowManyOfThatTypeTheBandAsksFor) {
  Submission s = Complete();
  KeepReports(s, "imca", 4);
  std::vector<Finding> f = Of(Check(s), kReportCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message, "4 IMCA reports were found; band 1 asks for 5 IMCA reports.");
  EXPECT_TRUE(Says(f[0].remedy, "Ask the organisation for 1 more IMCA report, anonymised."));
}

// Regression: "bespoke band 3: --case-files and --reports asks for 2 Care Act reports",
// and "band 1: --reports asks for 5 case files" when only --reports was given.
TEST(ReportCount, ANumberGivenOnTheCommandLineIsSaidToBeAgreed) {
  Submission s = CompleteBespoke();
  KeepReports(s, "imca", 1);
  KeepReports(s, "care-act", 0);
  Options agreed;
  agreed.case_files = 6;
  agreed.reports = {{"imca", 2}, {"care-act", 2}};
  std::vector<Finding> all = Check(s, agreed);
  std::vector<Finding> f = Of(all, kCaseFileCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "5 case files were found: CF01, CF02, CF03, CF04, CF05; the number agreed for "
            "bespoke band 3 (--case-files) is 6 case files.");
  f = Of(all, kReportCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "1 IMCA report was found; the number agreed for bespoke band 3 (--reports imca) is "
            "2 IMCA reports.");
  f = Of(all, kReportType);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "No Care Act report was found, though other reports were. If the organisation writes "
            "Care Act reports, the number agreed for bespoke band 3 (--reports care-act) is 2 "
            "Care Act reports.");
  // Given for band 1, the number replaces the band's own.
  s = Complete();
  agreed = {};
  agreed.case_files = 7;
  f = Of(Check(s, agreed), kCaseFileCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "; the number agreed for band 1 (--case-files) is 7 case files."));
  // A number given for reports says nothing about where the case files' number came from.
  s.case_files.pop_back();
  agreed = {};
  agreed.reports = {{"imca", 5}};
  f = Of(Check(s, agreed), kCaseFileCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "; band 1 asks for 5 case files."));
}

// completeness.report-type-missing

TEST(ReportTypeMissing, ReportsOfEveryTypeAreNotAFinding) {
  EXPECT_TRUE(Of(Check(Complete()), kReportType).empty());
  Submission s = Complete();
  KeepReports(s, "care-act", 1);  // short, but the type is there
  EXPECT_TRUE(Of(Check(s), kReportType).empty());
}

TEST(ReportTypeMissing, NoCareActReportWhileImcaReportsCameIsAWarning) {
  Submission s = Complete();
  KeepReports(s, "care-act", 0);
  std::vector<Finding> f = Of(Check(s), kReportType);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "No Care Act report was found, though other reports were. If the organisation writes "
            "Care Act reports, band 1 asks for 5 Care Act reports.");
  EXPECT_TRUE(Says(f[0].remedy, "whether it writes Care Act reports"));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].document, "");
  EXPECT_EQ(f[0].input, 0);
}

TEST(ReportTypeMissing, NoReportsAtAllOrABespokeBandWithoutCountsIsNotThisRule) {
  Submission s = Complete();
  KeepReports(s, "imca", 0);
  KeepReports(s, "care-act", 0);
  EXPECT_TRUE(Of(Check(s), kReportType).empty());  // report-count says it
  s = CompleteBespoke();
  KeepReports(s, "care-act", 0);
  EXPECT_TRUE(Of(Check(s), kReportType).empty());  // nothing asked for yet
  Options agreed;
  agreed.case_files = 5;
  agreed.reports = {{"imca", 5}, {"care-act", 2}};
  std::vector<Finding> f = Of(Check(s, agreed), kReportType);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "for bespoke band 3 (--reports care-act) is 2 Care Act "));
}

// The workbook's list of types provided decides which report types are asked for
// (report-count and report-type-missing).

// A workbook listing "IMCA", "Care Act" and "IMHA" (which names no report type of the
// profile), ticking `imca` and `care_act` as given.
void TypesProvided(Submission& s, bool imca, bool care_act) {
  s.workbook.types_provided = {
      {"IMCA", imca, "imca"}, {"Care Act", care_act, "care-act"}, {"IMHA", true, ""}};
}

TEST(TypesProvided, ATypeTheWorkbookDoesNotTickIsNotAskedFor) {
  Submission s = Complete();
  KeepReports(s, "care-act", 0);
  TypesProvided(s, true, false);
  std::vector<Finding> all = Check(s);
  EXPECT_TRUE(Of(all, kReportCount).empty());
  EXPECT_TRUE(Of(all, kReportType).empty());
  // Not even when a few came anyway.
  AddReports(s, Qpm().reports[1], 1, 2);
  all = Check(s);
  EXPECT_TRUE(Of(all, kReportCount).empty());
  EXPECT_TRUE(Of(all, kReportType).empty());
}

// report.json's `required` says what is asked for: none of a type left unticked.
TEST(TypesProvided, TheRequiredCountsAskNoneOfATypeLeftUnticked) {
  Submission s = Complete();
  TypesProvided(s, true, false);
  Requirements r = RequiredCounts(s, Qpm(), Options{});
  EXPECT_EQ(r.reports["imca"], 5);
  EXPECT_EQ(r.reports["care-act"], 0);
  TypesProvided(s, true, true);
  EXPECT_EQ(RequiredCounts(s, Qpm(), Options{}).reports["care-act"], 5);
}

TEST(TypesProvided, ATypeTheWorkbookTicksIsCountedEvenWhenNoneCame) {
  Submission s = Complete();
  KeepReports(s, "care-act", 0);
  TypesProvided(s, true, true);
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kReportCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "0 Care Act reports were found; band 1 asks for 5 Care Act reports (the Assessment "
            "Workbook ticks Care Act among the types provided).");
  EXPECT_EQ(f[0].severity, Severity::kBlocker);
  EXPECT_TRUE(Of(all, kReportType).empty());  // the workbook has said it writes them
  // Enough of each type ticked: nothing to say.
  EXPECT_TRUE(Of(Check(Complete()), kReportCount).empty());
  Submission full = Complete();
  TypesProvided(full, true, true);
  all = Check(full);
  EXPECT_TRUE(Of(all, kReportCount).empty());
  EXPECT_TRUE(Of(all, kReportType).empty());
}

TEST(TypesProvided, WithoutAListOrForATypeItDoesNotNameTheCountsAreAsBefore) {
  Submission s = Complete();
  KeepReports(s, "care-act", 0);
  // A list that names only IMCA says nothing of Care Act.
  s.workbook.types_provided = {{"IMCA", true, "imca"}, {"Community", true, ""}};
  std::vector<Finding> all = Check(s);
  EXPECT_TRUE(Of(all, kReportCount).empty());
  EXPECT_EQ(Of(all, kReportType).size(), 1u);
  // A number given on the command line is the number agreed, ticked or not.
  TypesProvided(s, true, false);
  Options agreed;
  agreed.reports = {{"care-act", 2}};
  std::vector<Finding> f = Of(Check(s, agreed), kReportCount);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message,
                   "0 Care Act reports were found; the number agreed for band 1 "
                   "(--reports care-act) is 2 Care Act reports."));
}

// completeness.case-file-component

TEST(CaseFileComponent, EveryPartPresentIsNotAFindingWhereverItIs) {
  Submission s = Complete();
  EXPECT_TRUE(Of(Check(s), kComponent).empty());
  // CF02's case notes run on into a second document.
  CaseFile& cf = s.case_files[1];
  std::string more = AddDoc(s, "CF02 notes continued.pdf", "case-file", "CF02");
  cf.documents.push_back(more);
  for (auto& [name, places] : cf.components) {
    if (name == "case notes") places.push_back({more, 1, 3, "Case notes"});
  }
  EXPECT_TRUE(Of(Check(s), kComponent).empty());
}

TEST(CaseFileComponent, AMissingConsentFormIsNamedWithTheHeadingsLookedFor) {
  Submission s = Complete();
  CaseFile& cf = s.case_files[2];
  for (auto& [name, places] : cf.components) {
    if (name == "consent form") places.clear();
  }
  std::vector<Finding> f = Of(Check(s), kComponent);
  ASSERT_EQ(f.size(), 1u);
  // The profile's first three cues for a consent form, as headings.
  EXPECT_EQ(f[0].message,
            "Case file CF03 has no consent form: none of its pages starts with a heading such as "
            "'Consent form', 'Consent to advocacy' or 'Consent to share', or reads like one.");
  EXPECT_EQ(f[0].document, cf.documents.front());
  EXPECT_TRUE(Says(f[0].remedy, "add the consent form to CF03, anonymised"));
  EXPECT_EQ(f[0].severity, Severity::kBlocker);
}

TEST(CaseFileComponent, EachMissingPartOfACaseInTwoDocumentsIsOnItsFirstDocument) {
  Submission s = Complete();
  CaseFile& cf = s.case_files[0];
  cf.documents.push_back(AddDoc(s, "CF01 part 2.pdf", "case-file", "CF01"));
  for (auto& [name, places] : cf.components) {
    if (name == "referral form" || name == "correspondence") places.clear();
  }
  std::vector<Finding> f = Of(Check(s), kComponent);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_TRUE(Says(f[0].message, "Case file CF01 has no referral form"));
  EXPECT_TRUE(Says(f[1].message, "Case file CF01 has no correspondence"));
  EXPECT_EQ(f[0].document, cf.documents.front());
  EXPECT_EQ(f[1].document, cf.documents.front());
}

// Regression: "Case file case D014 has no consent form".
TEST(CaseFileComponent, ACaseFileWithNoNumberIsSaidToHaveNone) {
  Submission s = Complete();
  CaseFile& cf = s.case_files.back();
  cf.id = "case " + cf.documents.front();
  for (auto& [name, places] : cf.components) {
    if (name == "consent form") places.clear();
  }
  std::vector<Finding> f = Of(Check(s), kComponent);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message.rfind("The case file with no case number (the report calls it "
                               "'case D014') has no consent form: ",
                               0),
            0u)
      << f[0].message;
  EXPECT_TRUE(Says(f[0].remedy, "add the consent form to that case file, anonymised"));
  EXPECT_EQ(f[0].document, "D014");
}

// completeness.case-file-numbering

TEST(CaseFileNumbering, OneRunFromOneIsNotAFinding) {
  EXPECT_TRUE(Of(Check(Complete()), kNumbering).empty());
  EXPECT_TRUE(Of(Check(CompleteBandTwo()), kNumbering).empty());
  // More than the band asks for, and in any order.
  Submission s = Complete();
  AddCaseFile(s, "CF06");
  std::reverse(s.case_files.begin(), s.case_files.end());
  EXPECT_TRUE(Of(Check(s), kNumbering).empty());
}

TEST(CaseFileNumbering, CaseFilesOneTwoAndFiveLeaveThreeAndFourOut) {
  Submission s = Complete();
  s.case_files.erase(s.case_files.begin() + 2, s.case_files.begin() + 4);  // CF03, CF04
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kNumbering);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "The case files are numbered up to CF05, but CF03 and CF04 are not among them.");
  EXPECT_EQ(f[0].remedy,
            "Ask whether CF03 and CF04 were left out by mistake, or renumber the case files.");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].document, "");
  EXPECT_EQ(f[0].input, 0);
  EXPECT_EQ(Of(all, kCaseFileCount).size(), 1u);  // and three are too few for band 1
  // One gap is one case file.
  s = Complete();
  s.case_files.erase(s.case_files.begin() + 1);  // CF02
  f = Of(Check(s), kNumbering);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message, "The case files are numbered up to CF05, but CF02 is not among them.");
}

TEST(CaseFileNumbering, ACaseFileWithNoNumberIsNamedAsTheReportCallsIt) {
  Submission s = Complete();
  AddDoc(s, "Anonymised file.pdf", "case-file");
  CaseFile unnumbered = s.case_files.back();
  unnumbered.id = "case " + s.documents.back().id;
  unnumbered.documents = {s.documents.back().id};
  s.case_files.push_back(unnumbered);
  ASSERT_EQ(unnumbered.id, "case D025");
  std::vector<Finding> f = Of(Check(s), kNumbering);
  ASSERT_EQ(f.size(), 1u);  // CF01 to CF05 still run without a gap
  EXPECT_EQ(f[0].message,
            "A case file has no case number (such as CF01) on its pages or in its file name, so "
            "the report calls it 'case D025'.");
  EXPECT_EQ(f[0].document, "D025");
  // Only unnumbered case files: no run to judge, one finding each.
  s.case_files.erase(s.case_files.begin(), s.case_files.begin() + 5);
  EXPECT_EQ(Of(Check(s), kNumbering).size(), 1u);
}

// An exact copy keeps its first copy's role (duplicate_of says it is a copy): it is
// listed, and counted once, as that copy.
TEST(CaseFileCount, AnExactCopyKeepsItsRoleAndIsCountedOnce) {
  Submission s = Complete();
  s.case_files.resize(4);  // CF01 to CF04: one short of band 1's five
  std::string cf04 = DocWithRole(s, "case-file", "CF04").id;
  AddDoc(s, "CF04 copy.pdf", "case-file", "CF04");
  s.documents.back().duplicate_of = cf04;
  s.documents.back().status = DocStatus::kSetAside;
  KeepReports(s, "imca", 4);
  std::string imca = DocWithRole(s, "report", "imca").id;
  AddDoc(s, "IMCA report copy.pdf", "report", "imca");
  s.documents.back().duplicate_of = imca;
  s.documents.back().status = DocStatus::kSetAside;
  std::vector<Finding> all = Check(s);
  ASSERT_EQ(Of(all, kCaseFileCount).size(), 1u);
  EXPECT_TRUE(Says(Of(all, kCaseFileCount)[0].message, "4 case files were found"));
  std::vector<Finding> reports = Of(all, kReportCount);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(Says(reports[0].message, "4 IMCA reports were found"));
  EXPECT_TRUE(Of(all, "completeness.document-unplaced").empty());
  EXPECT_TRUE(Of(all, kNumbering).empty());
  // Without duplicate_of it is a second, different file, and counts.
  for (Document& d : s.documents) d.duplicate_of.clear();
  reports = Of(Check(s), kReportCount);
  EXPECT_TRUE(reports.empty());
}

// Regression: case files numbered by the organisation's own case numbers listed every
// number below the highest, one by one.
TEST(CaseFileNumbering, ARunOfThreeOrMoreMissingNumbersIsGivenAsARange) {
  Submission s = Complete();
  s.case_files.resize(2);  // CF01, CF02
  AddCaseFile(s, "CF120");
  std::vector<Finding> f = Of(Check(s), kNumbering);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "The case files are numbered up to CF120, but CF03 to CF119 are not among them.");
  EXPECT_EQ(f[0].remedy,
            "Ask whether CF03 to CF119 were left out by mistake, or renumber the case files.");
  s = Complete();
  s.case_files.resize(1);  // CF01
  AddCaseFile(s, "CF05");
  AddCaseFile(s, "CF07");
  AddCaseFile(s, "CF08");
  AddCaseFile(s, "CF11");
  f = Of(Check(s), kNumbering);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "The case files are numbered up to CF11, but CF02 to CF04, CF06, CF09 and CF10 are "
            "not among them.");
}

// completeness.indicator-unticked

TEST(IndicatorUnticked, EveryTickIndicatorTickedIsNotAFinding) {
  Submission s = Complete();
  EXPECT_TRUE(Of(Check(s), kUnticked).empty());
  Answer(s, "1.2").state = "empty";  // a narrative is not a tick indicator
  EXPECT_TRUE(Of(Check(s), kUnticked).empty());
}

TEST(IndicatorUnticked, AnUntickedIndicatorIsNamedWithItsWordingAndPlace) {
  Submission s = Complete();
  WorkbookAnswer& a = Answer(s, "7.1");
  a.state = "unticked";
  a.page = 5;
  a.box = Box{72, 300, 86, 314};
  std::vector<Finding> f = Of(Check(s), kUnticked);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "Indicator 7.1 (\u201cThe service is free at the point of use.\u201d) is not ticked.");
  EXPECT_EQ(f[0].document, s.workbook.document);
  EXPECT_EQ(f[0].page, 5);
  ASSERT_TRUE(f[0].bbox.has_value());
  EXPECT_EQ(*f[0].bbox, (Box{72, 300, 86, 314}));
  EXPECT_EQ(f[0].severity, Severity::kBlocker);
}

TEST(IndicatorUnticked, LongWordingIsShortenedAndAnIndicatorNotInTheProfileHasNone) {
  Submission s = Complete();
  Answer(s, "1.1").state = "unticked";
  WorkbookAnswer extra;
  extra.indicator = "11.4";
  extra.kind = "tick";
  extra.state = "unticked";
  extra.page = 9;
  extra.in_profile = false;
  s.workbook.answers.push_back(extra);
  std::vector<Finding> f = Of(Check(s), kUnticked);
  ASSERT_EQ(f.size(), 2u);
  // 1.1's wording is 112 characters: shortened between words, with an ellipsis.
  EXPECT_EQ(f[0].message.rfind("Indicator 1.1 (\u201cThe organisation has a written statement "
                               "of the aims of its advocacy service,",
                               0),
            0u)
      << f[0].message;
  EXPECT_TRUE(Says(f[0].message, "\u2026\u201d) is not ticked."));
  EXPECT_FALSE(Says(f[0].message, "trustees"));
  // The workbook has it, unticked: the organisation still has to tick it or say why.
  EXPECT_EQ(f[1].message, "Indicator 11.4 is not ticked.");
  EXPECT_EQ(f[1].page, 9);
}

// completeness.narrative-empty

TEST(NarrativeEmpty, EveryNarrativeAnsweredIsNotAFinding) {
  Submission s = Complete();
  EXPECT_TRUE(Of(Check(s), kEmpty).empty());
  Answer(s, "1.1").state = "unticked";  // a tick indicator is not a narrative
  EXPECT_TRUE(Of(Check(s), kEmpty).empty());
}

TEST(NarrativeEmpty, AnEmptyNarrativeIsNamedWithItsWordingAndPage) {
  Submission s = Complete();
  WorkbookAnswer& a = Answer(s, "2.2");
  a.state = "empty";
  a.text.clear();
  a.words = 0;
  a.page = 3;
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kEmpty);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "Indicator 2.2 (\u201cDescribe how conflicts of interest are identified, recorded and "
            "managed.\u201d) has no answer.");
  EXPECT_EQ(f[0].document, s.workbook.document);
  EXPECT_EQ(f[0].page, 3);
  EXPECT_EQ(f[0].severity, Severity::kBlocker);
  // Said once: an empty answer is not also a placeholder or short.
  EXPECT_TRUE(Of(all, kPlaceholder).empty());
  EXPECT_TRUE(Of(all, kShort).empty());
}

TEST(NarrativeEmpty, EveryEmptyNarrativeIsItsOwnFinding) {
  Submission s = Complete();
  int narratives = 0;
  for (WorkbookAnswer& a : s.workbook.answers) {
    if (a.kind != "narrative") continue;
    ++narratives;
    a.state = "empty";
    a.text.clear();
    a.words = 0;
  }
  EXPECT_EQ(narratives, 10);
  std::vector<Finding> f = Of(Check(s), kEmpty);
  ASSERT_EQ(f.size(), 10u);
  EXPECT_TRUE(Says(f[0].message, "Indicator 1.2 "));
  EXPECT_TRUE(Says(f[9].message, "Indicator 10.2 "));
}

// completeness.narrative-placeholder

TEST(NarrativePlaceholder, ARealAnswerThatMentionsAnAttachmentIsNotAPlaceholder) {
  Submission s = Complete();
  SetText(Answer(s, "2.2"),
          "Every advocate declares any interest when a referral is allocated, and the manager "
          "records it in the register and decides within two days whether the case goes to "
          "another advocate. The register for the last year, see attached, is read by the board "
          "every quarter and nobody works with a person they know.");
  ASSERT_GE(Answer(s, "2.2").words, 40);
  std::vector<Finding> all = Check(s);
  EXPECT_TRUE(Of(all, kPlaceholder).empty());
  EXPECT_TRUE(Of(all, kShort).empty());
}

TEST(NarrativePlaceholder, NotApplicableIsNamedWithWhatTheAnswerSays) {
  Submission s = Complete();
  WorkbookAnswer& a = Answer(s, "2.2");
  SetText(a, "N/A");
  a.page = 3;
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kPlaceholder);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "The answer to indicator 2.2 (\u201cDescribe how conflicts of interest are identified, "
            "recorded and managed.\u201d) is only \u201cN/A\u201d.");
  EXPECT_EQ(f[0].document, s.workbook.document);
  EXPECT_EQ(f[0].page, 3);
  EXPECT_EQ(f[0].severity, Severity::kBlocker);
  // One word, but said once: a placeholder is not also reported as short.
  EXPECT_TRUE(Of(all, kShort).empty());
}

TEST(NarrativePlaceholder, ShortPointersElsewhereAreEachAPlaceholder) {
  for (const char* said : {"n/a.", "N/A", "See attached", "As above.", "see attached document.",
                           "Not applicable", "TBC"}) {
    Submission s = Complete();
    SetText(Answer(s, "5.2"), said);
    std::vector<Finding> all = Check(s);
    std::vector<Finding> f = Of(all, kPlaceholder);
    ASSERT_EQ(f.size(), 1u) << said;
    EXPECT_TRUE(Says(f[0].message, std::string("is only \u201c") + said + "\u201d.")) << said;
    EXPECT_TRUE(Of(all, kShort).empty()) << said;
  }
}

// Regression: the answer was quoted cut at a fixed byte, which could split a character
// (report.json then fails to write), and with its line breaks.
TEST(NarrativePlaceholder, TheAnswerIsQuotedOnOneLineAndCutBetweenCharacters) {
  Submission s = Complete();
  SetText(Answer(s, "5.2"), "N/A\r\n");
  std::vector<Finding> f = Of(Check(s), kPlaceholder);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "is only \u201cN/A\u201d."));

  std::string name = "See attached: Safeguarding-Adults-Policy-and-Procedures-v2";
  ASSERT_EQ(name.size(), 58u);  // the en dash after it takes bytes 58 to 60
  SetText(Answer(s, "5.2"), name + "\u2013final.pdf");
  f = Of(Check(s), kPlaceholder);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(IsUtf8(f[0].message)) << f[0].message;
  EXPECT_TRUE(Says(f[0].message, "is only \u201c" + name + "\u2026\u201d."));
}

TEST(NarrativePlaceholder, TheIndicatorsOwnWordingCopiedIsAPlaceholder) {
  const Indicator* indicator = Qpm().FindIndicator("6.2");
  ASSERT_NE(indicator, nullptr);
  for (const std::string& said : {indicator->wording, "6.2 " + indicator->wording + " Yes.",
                                  std::string("Describe how you check the quality of advocacy")}) {
    Submission s = Complete();
    SetText(Answer(s, "6.2"), said);
    std::vector<Finding> all = Check(s);
    std::vector<Finding> f = Of(all, kPlaceholder);
    ASSERT_EQ(f.size(), 1u) << said;
    EXPECT_TRUE(Says(f[0].message, "is the indicator's own wording, copied.")) << said;
    EXPECT_TRUE(Of(all, kShort).empty()) << said;
  }
  // Quoting the indicator and then answering it is an answer.
  Submission s = Complete();
  SetText(Answer(s, "6.2"), indicator->wording + " " + Sentence(40));
  EXPECT_TRUE(Of(Check(s), kPlaceholder).empty());
}

// completeness.narrative-short

TEST(NarrativeShort, FortyWordsIsEnough) {
  Submission s = Complete();
  SetText(Answer(s, "3.1"), Sentence(40));
  ASSERT_EQ(Answer(s, "3.1").words, 40);
  EXPECT_TRUE(Of(Check(s), kShort).empty());
}

TEST(NarrativeShort, ThirtyNineWordsIsOneShortAndSaysHowMany) {
  Submission s = Complete();
  WorkbookAnswer& a = Answer(s, "3.1");
  SetText(a, Sentence(39));
  a.page = 4;
  std::vector<Finding> f = Of(Check(s), kShort);
  ASSERT_EQ(f.size(), 1u);
  // 3.1's wording is 99 characters: shortened, as in every message about an indicator.
  EXPECT_EQ(f[0].message.rfind("The answer to indicator 3.1 (\u201cGive an example of how advocacy "
                               "was shaped around one person's own",
                               0),
            0u)
      << f[0].message;
  EXPECT_TRUE(Says(f[0].message, "\u2026\u201d) has 39 words; "));
  EXPECT_TRUE(Says(f[0].message, Qpm().title + " expects at least 40"));
  EXPECT_EQ(f[0].document, s.workbook.document);
  EXPECT_EQ(f[0].page, 4);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
}

TEST(NarrativeShort, OneWordIsSingularAndAnIndicatorNotInTheProfileTakesTheProfilesMinimum) {
  Submission s = Complete();
  SetText(Answer(s, "4.2"), "Trustees.");
  WorkbookAnswer extra;
  extra.indicator = "11.1";
  extra.kind = "narrative";
  extra.in_profile = false;
  SetText(extra, Sentence(20));
  s.workbook.answers.push_back(extra);
  std::vector<Finding> f = Of(Check(s), kShort);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_TRUE(Says(f[0].message, "has 1 word; "));
  EXPECT_EQ(f[1].message.rfind("The answer to indicator 11.1 has 20 words; ", 0), 0u)
      << f[1].message;
  EXPECT_TRUE(Says(f[1].message, "expects at least 40"));
}

// completeness.policy-missing

TEST(PolicyMissing, EveryRequiredPolicyPresentIsNotAFinding) {
  Submission s = Complete();
  EXPECT_TRUE(Of(Check(s), kPolicyMissing).empty());
  // A policy the profile does not require, besides, changes nothing.
  AddDoc(s, "Lone working policy.pdf", "policy");
  EXPECT_TRUE(Of(Check(s), kPolicyMissing).empty());
}

TEST(PolicyMissing, AMissingPolicyIsNamedByItsTitleAndWhatWasLookedFor) {
  Submission s = Complete();
  std::erase_if(s.documents, [](const Document& d) { return d.role_detail == "data-protection"; });
  std::vector<Finding> f = Of(Check(s), kPolicyMissing);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "No Data protection policy was found: no file's name, title or first page says "
            "'Data protection policy', 'data protection' or 'GDPR'.");
  EXPECT_TRUE(Says(f[0].remedy, "Ask the organisation for their Data protection policy."));
  EXPECT_EQ(f[0].severity, Severity::kBlocker);
  EXPECT_EQ(f[0].document, "");
  EXPECT_EQ(f[0].input, 0);
}

TEST(PolicyMissing, APolicyOfNoRequiredKindOrASetAsideCopyDoesNotStandInForOne) {
  Submission s = Complete();
  Document& safeguarding = s.documents[1];
  ASSERT_EQ(safeguarding.role_detail, "safeguarding");
  safeguarding.role_detail.clear();  // "Other policy"
  std::vector<Finding> f = Of(Check(s), kPolicyMissing);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "No Safeguarding policy was found"));
  s = Complete();
  s.documents[1].duplicate_of = "D099";  // a copy keeps its role: "policy"
  EXPECT_EQ(Of(Check(s), kPolicyMissing).size(), 1u);
  // Every one missing: one finding each.
  std::erase_if(s.documents, [](const Document& d) { return d.role == "policy"; });
  EXPECT_EQ(Of(Check(s), kPolicyMissing).size(), Qpm().policies.size());
}

// completeness.policy-duplicate

TEST(PolicyDuplicate, EachPolicyOnceOrAnExactCopySetAsideIsNotAFinding) {
  Submission s = Complete();
  EXPECT_TRUE(Of(Check(s), kPolicyDuplicate).empty());
  Document copy = DocWithRole(s, "policy", "safeguarding");
  copy.id = "D099";
  copy.duplicate_of = s.documents[1].id;  // a copy keeps its role: "policy"
  s.documents.push_back(copy);
  EXPECT_TRUE(Of(Check(s), kPolicyDuplicate).empty());
}

TEST(PolicyDuplicate, TwoDifferentFilesOfOnePolicyAreBothNamed) {
  Submission s = Complete();
  std::string second = AddDoc(s, "Safeguarding adults v2.pdf", "policy", "safeguarding");
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kPolicyDuplicate);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "2 different files are the Safeguarding policy: Safeguarding policy.pdf and "
            "Safeguarding adults v2.pdf.");
  EXPECT_EQ(f[0].document, second);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_TRUE(Of(all, kPolicyMissing).empty());
}

TEST(PolicyDuplicate, ThreeVersionsAreListedAndOtherPoliciesAreNotDuplicates) {
  Submission s = Complete();
  AddDoc(s, "Complaints procedure.pdf", "policy", "complaints");
  AddDoc(s, "Complaints leaflet.pdf", "policy", "complaints");
  // Two policies the profile does not require are not one policy twice.
  AddDoc(s, "Lone working policy.pdf", "policy");
  AddDoc(s, "Expenses policy.pdf", "policy");
  std::vector<Finding> f = Of(Check(s), kPolicyDuplicate);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "3 different files are the Complaints policy: Complaints policy.pdf, Complaints "
            "procedure.pdf and Complaints leaflet.pdf.");
}

// completeness.issue-date-unknown

TEST(IssueDateUnknown, AReadableIssueDateOrNoWorkbookIsNotAFinding) {
  EXPECT_TRUE(Of(Check(Complete()), kIssueDate).empty());
  Submission s = Complete();
  s.workbook.document.clear();  // no workbook: nothing to read a date from
  s.workbook.issued.clear();
  EXPECT_TRUE(Of(Check(s), kIssueDate).empty());
}

TEST(IssueDateUnknown, NoIssueDateLeavesTheDeadlinesUnchecked) {
  Submission s = Complete();
  s.workbook.issued.clear();
  s.received = "2028-01-01";  // long past any deadline, were one known
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kIssueDate);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "The Assessment Workbook's issue date could not be read, so whether the submission is "
            "in time "
            "is not checked.");
  EXPECT_TRUE(Says(f[0].remedy, "--issued YYYY-MM-DD"));
  EXPECT_EQ(f[0].document, s.workbook.document);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_TRUE(Of(all, kLate).empty());
  EXPECT_TRUE(Of(all, kExpired).empty());
}

TEST(IssueDateUnknown, ADateThatIsNotADayIsNotAnIssueDate) {
  for (const char* issued : {"2026-02-30", "01/09/2026", "2026-9-1", "September 2026"}) {
    Submission s = Complete();
    s.workbook.issued = issued;
    s.received = "2028-01-01";
    std::vector<Finding> all = Check(s);
    EXPECT_EQ(Of(all, kIssueDate).size(), 1u) << issued;
    EXPECT_TRUE(Of(all, kExpired).empty()) << issued;
  }
}

// completeness.submission-late

TEST(SubmissionLate, ReceivedOnTheRecommendedDeadlineIsInTime) {
  Submission s = Complete();  // issued 1 September 2026: 3 months is 1 December 2026
  s.received = "2026-12-01";
  EXPECT_TRUE(Of(Check(s), kLate).empty());
  s.received = "2026-09-01";
  EXPECT_TRUE(Of(Check(s), kLate).empty());
}

TEST(SubmissionLate, TheDayAfterIsLateAndTheMessageGivesBothDeadlines) {
  Submission s = Complete();
  s.received = "2026-12-02";
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kLate);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(
      f[0].message,
      "The Assessment Workbook was issued on 1 September 2026 and the submission was received on "
      "2 December 2026, after the recommended 3 months (1 December 2026). The final "
      "deadline is 1 March 2027.");
  EXPECT_EQ(f[0].document, s.workbook.document);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  // The final day itself is still in time (submission-expired starts the day after).
  EXPECT_EQ(f[0].remedy,
            "Nothing to change in the files; make sure the review can be done by 1 March 2027.");
  EXPECT_TRUE(Of(all, kExpired).empty());
  // Up to and including the final deadline it is late, not expired.
  s.received = "2027-03-01";
  all = Check(s);
  EXPECT_EQ(Of(all, kLate).size(), 1u);
  EXPECT_TRUE(Of(all, kExpired).empty());
}

TEST(SubmissionLate, WithNoDateReceivedTodayIsUsedAndTheMessageSaysSo) {
  Submission s = Complete();
  s.received.clear();
  Options o;
  o.today = "2026-12-01";
  EXPECT_TRUE(Of(Check(s, o), kLate).empty());
  o.today = "2026-12-02";
  std::vector<Finding> f = Of(Check(s, o), kLate);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message,
                   "the submission is being checked on 2 December 2026 (no date "
                   "received is known), after the recommended 3 months"));
  // A date received wins over today.
  s.received = "2026-11-20";
  EXPECT_TRUE(Of(Check(s, o), kLate).empty());
  // Neither: nothing to judge by.
  s.received.clear();
  EXPECT_TRUE(Of(Check(s), kLate).empty());
}

TEST(SubmissionLate, IssuedOnThirtyFirstAugustTheRecommendedDeadlineIsThirtiethNovember) {
  Submission s = Complete();
  s.workbook.issued = "2026-08-31";
  s.received = "2026-11-30";
  EXPECT_TRUE(Of(Check(s), kLate).empty());
  s.received = "2026-12-01";
  std::vector<Finding> f = Of(Check(s), kLate);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message,
                   "after the recommended 3 months (30 November 2026). The final "
                   "deadline is 28 February 2027."));
}

// completeness.submission-expired

TEST(SubmissionExpired, ReceivedOnTheFinalDeadlineIsNotExpired) {
  Submission s = Complete();
  EXPECT_TRUE(Of(Check(s), kExpired).empty());
  s.received = "2027-03-01";
  EXPECT_TRUE(Of(Check(s), kExpired).empty());
}

TEST(SubmissionExpired, TheDayAfterTheFinalDeadlineIsABlockerAndNotAlsoLate) {
  Submission s = Complete();
  s.received = "2027-03-02";
  std::vector<Finding> all = Check(s);
  std::vector<Finding> f = Of(all, kExpired);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(
      f[0].message,
      "The Assessment Workbook was issued on 1 September 2026 and the submission was received on "
      "2 March 2027, past the final deadline of 1 March 2027 (6 months).");
  EXPECT_TRUE(Says(f[0].remedy, "newly issued Assessment Workbook"));
  EXPECT_EQ(f[0].document, s.workbook.document);
  EXPECT_EQ(f[0].severity, Severity::kBlocker);
  EXPECT_TRUE(Of(all, kLate).empty());
}

TEST(SubmissionExpired, ThirtyFirstAugustPlusSixMonthsIsTheLastDayOfFebruary) {
  Submission s = Complete();
  s.workbook.issued = "2026-08-31";
  s.received = "2027-02-28";
  EXPECT_TRUE(Of(Check(s), kExpired).empty());
  s.received = "2027-03-01";
  std::vector<Finding> f = Of(Check(s), kExpired);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message, "past the final deadline of 28 February 2027 (6 months)."));
  // In a leap year, the 29th.
  s.workbook.issued = "2027-08-31";
  s.received = "2028-02-29";
  EXPECT_TRUE(Of(Check(s), kExpired).empty());
  s.received.clear();
  Options o;
  o.today = "2028-03-01";
  f = Of(Check(s, o), kExpired);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(Says(f[0].message,
                   "is being checked on 1 March 2028 (no date received is known), "
                   "past the final deadline of 29 February 2028"));
}

}  // namespace
}  // namespace qpm::checks
