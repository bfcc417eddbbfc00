// The completeness rules, one at a time, on Submissions built in memory and read
// against the shipped profile (profiles/qpm-v4.json): for each rule a submission that
// passes, one that fails, and an edge.
#include "checks/checks.h"

#include <gtest/gtest.h>

#include <algorithm>

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

// A complete band 1 submission, as the profile asks for it: a workbook with every
// indicator answered, every required policy, five case files with every part, five
// reports of each type, received within three months of the workbook's issue.
Submission Complete() {
  Submission s;
  s.inputs.push_back({"submission.zip", false, 0});
  int n = 0;
  auto next = [&n] {
    char buf[16];
    std::snprintf(buf, sizeof buf, "D%03d", ++n);
    return std::string(buf);
  };
  s.documents.push_back(Doc(next(), "Workbook.pdf", "workbook"));
  s.workbook.document = s.documents.back().id;
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
        a.state = "answered";
        a.text =
            "Advocates meet every new person within five working days, explain what advocacy "
            "is and is not, and agree together what the person wants to achieve. The plan is "
            "written in the case notes, checked at supervision every month and reviewed with "
            "the person at each meeting so that it stays theirs.";
        a.words = 52;
      }
      s.workbook.answers.push_back(a);
    }
  }
  for (const RequiredPolicy& p : Qpm().policies) {
    s.documents.push_back(Doc(next(), p.title + ".pdf", "policy", p.id));
  }
  for (int c = 1; c <= 5; ++c) {
    std::string id = "CF0" + std::to_string(c);
    s.documents.push_back(Doc(next(), id + ".pdf", "case-file", id));
    CaseFile cf;
    cf.id = id;
    cf.documents = {s.documents.back().id};
    int page = 0;
    for (const CaseComponent& k : Qpm().components) {
      ++page;
      cf.components.push_back({k.name, {{s.documents.back().id, page, page, k.cues.front()}}});
    }
    s.case_files.push_back(cf);
  }
  for (const ReportType& t : Qpm().reports) {
    for (int r = 1; r <= 5; ++r) {
      s.documents.push_back(Doc(next(), t.name + " " + std::to_string(r) + ".pdf", "report", t.id));
    }
  }
  s.band = 1;
  s.band_reason = "the workbook states 6 whole-time-equivalent advocates";
  s.received = "2026-11-20";
  return s;
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

TEST(Checks, ACompleteSubmissionHasNoFindings) {
  std::vector<Finding> found = Check(Complete());
  for (const Finding& f : found) ADD_FAILURE() << f.rule << ": " << f.message;
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

TEST(CaseFileCount, FourCaseFilesInBandOneIsOneShort) {
  Submission s = Complete();
  s.case_files.pop_back();
  std::vector<Finding> f = Of(Check(s), "completeness.case-file-count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("4 case files were found"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("band 1 asks for 5 case files"), std::string::npos);
}

}  // namespace
}  // namespace qpm::checks
