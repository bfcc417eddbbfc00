// The rules about evidence the submission points to: references in narrative answers,
// report numbering, policy review dates, documents that cannot be placed.
#include <gtest/gtest.h>

#include <algorithm>

#include "checks/checks.h"

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

Document Doc(std::string id, std::string name, std::string role, std::string detail = "",
             std::string first_page = "", int pages = 1) {
  Document d;
  d.id = std::move(id);
  d.origin = {"submission.zip", std::move(name)};
  d.role = std::move(role);
  d.role_detail = std::move(detail);
  d.status = DocStatus::kRead;
  d.page_count = pages;
  Page p;
  p.text = std::move(first_page);
  d.pages.push_back(p);
  return d;
}

// A submission with a workbook whose one narrative answer is `answer`, a policy
// numbered 07, a case file CF03 of 6 pages and an "Appendix B".
Submission WithAnswer(const std::string& answer) {
  Submission s;
  s.inputs.push_back({"submission.zip", false, 0});
  s.documents.push_back(Doc("D001", "Workbook.pdf", "workbook"));
  s.workbook.document = "D001";
  WorkbookAnswer a;
  a.indicator = "2.3";
  a.kind = "narrative";
  a.state = "answered";
  a.text = answer;
  a.words = 50;
  a.page = 4;
  s.workbook.answers.push_back(a);
  s.documents.push_back(
      Doc("D002", "Policies/07 Recording and Case Management Policy.pdf", "policy", "recording"));
  s.documents.push_back(
      Doc("D003", "Case files/CF03.pdf", "case-file", "CF03", "Referral form", 6));
  s.case_files.push_back({"CF03", {"D003"}, {}});
  s.documents.push_back(
      Doc("D004", "Evidence/Training log.pdf", "unknown", "", "Appendix B: training log"));
  return s;
}

std::vector<Finding> Of(const Submission& s, std::string_view rule, const Options& options = {}) {
  std::vector<Finding> all = qpm::checks::Run(s, Qpm(), options);
  std::vector<Finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Finding& f) { return f.rule == rule; });
  return out;
}

constexpr char kRef[] = "completeness.reference-unresolved";

TEST(References, ThoseInTheSubmissionResolve) {
  EXPECT_TRUE(Of(WithAnswer("We keep a training log (see Appendix B) and record every case as "
                            "Policy 7 says; CF03 p.2 shows a referral accepted the same day."),
                 kRef)
                  .empty());
}

TEST(References, AMissingAppendixPolicyOrCaseFileIsNamed) {
  std::vector<Finding> f =
      Of(WithAnswer("See Appendix C for our training plan, Policy 12 for supervision and CF09 "
                    "for an example."),
         kRef);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_NE(f[0].message.find("Appendix C"), std::string::npos) << f[0].message;
  EXPECT_NE(f[1].message.find("Policy 12"), std::string::npos) << f[1].message;
  EXPECT_NE(f[2].message.find("CF09"), std::string::npos) << f[2].message;
  EXPECT_EQ(f[0].document, "D001");
  EXPECT_EQ(f[0].page, 4);
}

TEST(References, APageBeyondTheCaseFileIsUnresolved) {
  std::vector<Finding> f = Of(WithAnswer("The agreement is at CF03, page 9."), kRef);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("CF03 p.9 (CF03 has 6 pages)"), std::string::npos) << f[0].message;
  EXPECT_TRUE(Of(WithAnswer("The agreement is at CF03, page 6."), kRef).empty());
}

// Case numbers are read as the classifier reads them, O for 0 included.
TEST(References, ACaseNumberIsReadAsTheClassifierReadsIt) {
  EXPECT_TRUE(Of(WithAnswer("Our referral form (Case file 3, page 1) shows it."), kRef).empty());
  EXPECT_TRUE(Of(WithAnswer("A scanned example: CFO3 p.2."), kRef).empty());
  std::vector<Finding> f = Of(WithAnswer("See CF3O."), kRef);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("CF30"), std::string::npos) << f[0].message;
}

TEST(References, OrdinaryWordsAreNotReferences) {
  // "a policy A" is English, and "policy" without a number points nowhere.
  EXPECT_TRUE(Of(WithAnswer("Our policy is to meet people quickly. Evidence is kept in the case "
                            "notes, and each procedure is explained to the person."),
                 kRef)
                  .empty());
}

constexpr char kNumbering[] = "completeness.report-numbering";

Submission WithReports(const std::vector<std::string>& names) {
  Submission s = WithAnswer("");
  int n = 10;
  for (const std::string& name : names) {
    s.documents.push_back(Doc("D0" + std::to_string(++n), name, "report", "imca"));
  }
  return s;
}

TEST(ReportNumbering, OneRunWithNoGapsPasses) {
  EXPECT_TRUE(Of(WithReports({"IMCA report 01.pdf", "IMCA report 02.pdf", "IMCA report 03.pdf"}),
                 kNumbering)
                  .empty());
}

TEST(ReportNumbering, AGapAndANumberUsedTwiceAreNamed) {
  std::vector<Finding> f = Of(WithReports({"IMCA report 01.pdf", "IMCA report 02.pdf",
                                           "IMCA 2 (final).pdf", "IMCA report 05.pdf"}),
                              kNumbering);
  // "IMCA 2 (final).pdf" has no number at its end: numbering is not judged then.
  EXPECT_TRUE(f.empty());
  f = Of(WithReports({"IMCA report 01.pdf", "IMCA report 02.pdf", "Copy IMCA report 02.pdf",
                      "IMCA report 05.pdf"}),
         kNumbering);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_NE(f[0].message.find("numbered 2"), std::string::npos) << f[0].message;
  EXPECT_NE(f[1].message.find("numbers 3, 4 are not among them"), std::string::npos)
      << f[1].message;
}

// An exact copy keeps its role ("report"); it is not a second report numbered 2.
TEST(ReportNumbering, AnExactCopyIsNotANumberUsedTwice) {
  Submission s =
      WithReports({"IMCA report 01.pdf", "IMCA report 02.pdf", "Old/IMCA report 02.pdf"});
  s.documents.back().duplicate_of = s.documents[s.documents.size() - 2].id;
  s.documents.back().status = DocStatus::kSetAside;
  EXPECT_TRUE(Of(s, kNumbering).empty());
  s.documents.back().duplicate_of.clear();  // a different file of the same number
  EXPECT_EQ(Of(s, kNumbering).size(), 1u);
}

TEST(ReportNumbering, DatesInNamesAreNotNumbers) {
  EXPECT_TRUE(
      Of(WithReports({"IMCA report 2026-05.pdf", "IMCA report 2026-09.pdf"}), kNumbering).empty());
}

constexpr char kReview[] = "completeness.policy-review-overdue";

Submission WithPolicyText(const std::string& text) {
  Submission s = WithAnswer("");
  s.documents[1].pages[0].text = "Recording Policy\nVersion 3.\n" + text + "\n";
  s.received = "2026-11-20";
  return s;
}

TEST(PolicyReview, AFutureReviewDatePasses) {
  EXPECT_TRUE(Of(WithPolicyText("Review date: 2027-06-30"), kReview).empty());
  EXPECT_TRUE(Of(WithPolicyText("Next review: November 2026"), kReview).empty());  // to the 30th
}

TEST(PolicyReview, APastReviewDateIsNamedInWords) {
  for (const char* said : {"Review date: 2025-06-30", "Next review: 30/06/2025",
                           "Date of next review: 30 June 2025", "To be reviewed by June 2025"}) {
    std::vector<Finding> f = Of(WithPolicyText(said), kReview);
    ASSERT_EQ(f.size(), 1u) << said;
    EXPECT_NE(f[0].message.find("30 June 2025"), std::string::npos) << f[0].message;
    EXPECT_NE(f[0].message.find("20 November 2026"), std::string::npos) << f[0].message;
    EXPECT_EQ(f[0].document, "D002");
  }
}

TEST(PolicyReview, WithoutADateReceivedTodayIsUsedAndNoDateMeansNoFinding) {
  Submission s = WithPolicyText("Review date: 2026-10-31");
  s.received.clear();
  Options today;
  today.today = "2026-10-30";
  EXPECT_TRUE(Of(s, kReview, today).empty());
  today.today = "2026-11-01";
  ASSERT_EQ(Of(s, kReview, today).size(), 1u);
  EXPECT_TRUE(Of(WithPolicyText("Reviewed by the board every year."), kReview).empty());
}

constexpr char kUnplaced[] = "completeness.document-unplaced";

TEST(Unplaced, AReadDocumentOfNoKnownRoleIsNamed) {
  Submission s = WithAnswer("");
  std::vector<Finding> f = Of(s, kUnplaced);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].document, "D004");
  EXPECT_NE(f[0].message.find("Evidence/Training log.pdf"), std::string::npos) << f[0].message;
  s.documents[3].role = "correspondence";
  EXPECT_TRUE(Of(s, kUnplaced).empty());
  // One that could not be read has its own finding already (extract.*).
  s.documents[3].role = "unknown";
  s.documents[3].status = DocStatus::kFailed;
  EXPECT_TRUE(Of(s, kUnplaced).empty());
}

}  // namespace
}  // namespace qpm::checks
