// The completeness rules under a second profile, profiles/quality-mark-gateway.json:
// an application form with referees' contact details and supporting evidence, and no
// bands, case files or reports. Nothing QPM-specific may show: no rule about bands or
// case files fires, and messages name the form as the profile names it.
//
// What the profile asks for, as the expected values below assume it: questions Q1-Q12,
// of which Q10-Q12 are referees (kind "contact"); narratives of at least 25 words; four
// supporting documents (safeguarding, complaints, data-protection, insurance), each
// accepted "in whatever form is appropriate" (a warning when missing); no timescale.
#include <gtest/gtest.h>

#include <algorithm>

#include "checks/checks.h"

namespace qpm::checks {
namespace {

const Profile& Gateway() {
  static const Profile kProfile = [] {
    Result<Profile> p =
        LoadProfile(std::string(QPM_SOURCE_DIR) + "/profiles/quality-mark-gateway.json");
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? p.value() : Profile{};
  }();
  return kProfile;
}

Document Doc(const std::string& id, const std::string& name, const std::string& role,
             const std::string& detail) {
  Document d;
  d.id = id;
  d.origin = {name};
  d.role = role;
  d.role_detail = detail;
  d.status = DocStatus::kRead;
  return d;
}

constexpr char kNarrative[] =
    "We support up to twelve older people in their own homes with shopping, paperwork and "
    "getting out to groups in the town, and we agree each visit with the person beforehand "
    "so that the support stays theirs.";

// A complete application: every question answered, three referees with a way to reach
// each, the four supporting documents, received two months after the form's issue.
Submission Complete() {
  Submission s;
  s.inputs.push_back({"application.zip", false, 0});
  s.documents.push_back(Doc("D001", "Gateway application.docx", "workbook", ""));
  s.workbook.document = "D001";
  s.workbook.issued = "2026-09-01";
  int referee = 0;
  for (const ProfileSection& section : Gateway().sections) {
    for (const Indicator& i : section.indicators) {
      WorkbookAnswer a;
      a.indicator = i.id;
      a.kind = i.kind;
      a.page = 1;
      if (i.kind == "tick") {
        a.state = "ticked";
      } else {
        std::string n = i.kind == "contact" ? std::to_string(++referee) : "";
        a.text = i.kind == "narrative" ? std::string(kNarrative)
                                       : "Referee " + n +
                                             ": Alex Example, manager of the day centre we "
                                             "work with, alex.example" +
                                             n + "@example.org";
        a.words = static_cast<int>(std::count(a.text.begin(), a.text.end(), ' ')) + 1;
        a.state = "answered";
      }
      s.workbook.answers.push_back(a);
    }
  }
  int n = 1;
  for (const RequiredPolicy& p : Gateway().policies) {
    s.documents.push_back(Doc("D00" + std::to_string(++n), p.title + ".pdf", "policy", p.id));
  }
  s.received = "2026-11-20";
  return s;
}

WorkbookAnswer& Answer(Submission& s, const std::string& id) {
  auto it = std::find_if(s.workbook.answers.begin(), s.workbook.answers.end(),
                         [&](const WorkbookAnswer& a) { return a.indicator == id; });
  EXPECT_NE(it, s.workbook.answers.end()) << id;
  return *it;
}

void SetText(WorkbookAnswer& a, const std::string& text) {
  a.text = text;
  a.words = static_cast<int>(std::count(text.begin(), text.end(), ' ')) + (text.empty() ? 0 : 1);
  a.state = text.empty() ? "empty" : "answered";
}

std::vector<Finding> Findings(const Submission& s) {
  Options options;
  options.today = "2026-11-23";
  return Run(s, Gateway(), options);
}

std::vector<Finding> Of(const std::vector<Finding>& all, const std::string& rule) {
  std::vector<Finding> out;
  for (const Finding& f : all) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

std::string Dump(const std::vector<Finding>& all) {
  std::string out;
  for (const Finding& f : all) out += f.rule + ": " + f.message + "\n";
  return out;
}

constexpr char kContact[] = "completeness.contact-missing";

// Pass: a complete application gives nothing at all, with no band and no case files.
TEST(Gateway, ACompleteApplicationHasNoFinding) {
  Submission s = Complete();
  std::vector<Finding> all = Findings(s);
  EXPECT_TRUE(all.empty()) << Dump(all);
}

// Fail: the third referee left blank is one blocker on Q12, naming the form.
TEST(Gateway, ABlankRefereeIsABlockerOnItsQuestion) {
  Submission s = Complete();
  SetText(Answer(s, "Q12"), "");
  std::vector<Finding> all = Findings(s);
  ASSERT_EQ(all.size(), 1u) << Dump(all);
  EXPECT_EQ(all[0].rule, kContact);
  EXPECT_EQ(all[0].severity, Severity::kBlocker);
  EXPECT_EQ(all[0].document, "D001");
  EXPECT_EQ(all[0].message,
            "The answer to Q12 (\u201cReferee 3: name, how they know your service, and an email "
            "address or telephone number.\u201d) is blank: no one is named there.");
  EXPECT_EQ(all[0].remedy,
            "Ask the organisation to fill in Q12 in the Gateway application form: the person's "
            "name, how they know the service, and an email address or telephone number.");
}

// Edge: what counts as a way to reach someone.
TEST(Gateway, ARefereeNeedsANameAndAWayToReachThem) {
  struct Case {
    std::string text;
    std::string said;  // "" = no finding
  };
  for (const Case& c : std::vector<Case>{
           {"Sam Example, our local councillor, 01632 960123", ""},
           {"Sam Example (trustee of the food bank) +44 (0)1632 960 123", ""},
           {"Sam Example, 07700 900456", ""},
           {"Sam Example, +447700900456", ""},
           {"Sam Example, sam.example@example.org", ""},
           {"Sam Example, manager of the day centre", "names no email address or telephone"},
           // Too few digits for a UK number: a year and a house number are not a phone.
           {"Sam Example, known since 2019, 12 High Street", "names no email address"},
           {"sam.example@example.org", "with no name"},
           {"01632 960123", "with no name"},
       }) {
    Submission s = Complete();
    SetText(Answer(s, "Q11"), c.text);
    std::vector<Finding> found = Of(Findings(s), kContact);
    if (c.said.empty()) {
      EXPECT_TRUE(found.empty()) << c.text << "\n" << Dump(found);
    } else {
      ASSERT_EQ(found.size(), 1u) << c.text;
      EXPECT_NE(found[0].message.find(c.said), std::string::npos) << found[0].message;
      EXPECT_NE(found[0].message.find("Q11"), std::string::npos) << found[0].message;
    }
  }
}

// Without bands or case files in the profile, no rule about them says anything, even
// with nothing to go on; a missing document is still missing (a warning), messages name
// the form the profile names, and with no timescale an unknown issue date is no finding.
TEST(Gateway, RulesAboutBandsAndCaseFilesStayQuiet) {
  Submission s = Complete();
  s.workbook.issued.clear();
  s.documents.push_back(Doc("D009", "notes.pdf", "unknown", ""));
  s.documents.erase(std::remove_if(s.documents.begin(), s.documents.end(),
                                   [](const Document& d) { return d.role_detail == "insurance"; }),
                    s.documents.end());
  std::vector<Finding> all = Findings(s);
  for (const Finding& f : all) {
    EXPECT_EQ(f.rule.find("band"), std::string::npos) << Dump(all);
    EXPECT_EQ(f.rule.find("case-file"), std::string::npos) << Dump(all);
    EXPECT_EQ(f.rule.find("report"), std::string::npos) << Dump(all);
  }
  std::vector<Finding> missing = Of(all, "completeness.policy-missing");
  ASSERT_EQ(missing.size(), 1u) << Dump(all);
  EXPECT_NE(missing[0].message.find("No Public liability insurance certificate was found"),
            std::string::npos);
  EXPECT_EQ(missing[0].severity, Severity::kWarning);
  std::vector<Finding> unplaced = Of(all, "completeness.document-unplaced");
  ASSERT_EQ(unplaced.size(), 1u) << Dump(all);
  EXPECT_EQ(unplaced[0].message,
            "notes.pdf could not be placed: nothing in its name, title or first page says "
            "whether it is the Gateway application form or a policy.");
  EXPECT_EQ(unplaced[0].remedy,
            "Rename it for what it is (for example 'Safeguarding policy.pdf'), or leave it out "
            "if it is not part of the submission.");
  EXPECT_TRUE(Of(all, "completeness.issue-date-unknown").empty()) << Dump(all);
  EXPECT_EQ(all.size(), 2u) << Dump(all);
}

// The application has "no timescale": however long after the form's issue it comes,
// nothing is late, and the deadlines say there are none.
TEST(Gateway, NothingIsLateWithoutATimescale) {
  Submission s = Complete();
  for (const char* received : {"2026-11-20", "2027-06-01", "2031-09-01"}) {
    s.received = received;
    std::vector<Finding> all = Findings(s);
    EXPECT_TRUE(all.empty()) << received << "\n" << Dump(all);
    Deadlines d = ComputeDeadlines(s, Gateway(), Options{});
    EXPECT_FALSE(d.timescale);
    EXPECT_EQ(d.issued, "2026-09-01");
    EXPECT_EQ(d.recommended, "");
    EXPECT_EQ(d.final, "");
    EXPECT_EQ(d.judged_on, "");
  }
  // The same submission under a copy of the profile that sets deadlines is late.
  Profile timed = Gateway();
  timed.warning_months = 3;
  timed.final_months = 6;
  Options options;
  options.today = "2031-09-01";
  std::vector<Finding> all = checks::Run(s, timed, options);
  EXPECT_EQ(Of(all, "completeness.submission-expired").size(), 1u) << Dump(all);
  EXPECT_TRUE(ComputeDeadlines(s, timed, options).timescale);
}

// A supporting document that is missing is a warning, not a blocker, and says why in
// the profile's own words; a profile that says nothing keeps it a blocker.
TEST(Gateway, AMissingSupportingDocumentIsAWarningInTheProfilesWords) {
  Submission s = Complete();
  std::erase_if(s.documents, [](const Document& d) { return d.role_detail == "complaints"; });
  std::vector<Finding> all = Findings(s);
  ASSERT_EQ(all.size(), 1u) << Dump(all);
  EXPECT_EQ(all[0].rule, "completeness.policy-missing");
  EXPECT_EQ(all[0].severity, Severity::kWarning);
  EXPECT_EQ(all[0].message,
            "No Complaints procedure was found: no file's name, title or first page says "
            "'Complaints procedure', 'complaints policy' or 'comments and complaints'. " +
                Gateway().policies[1].if_missing_note);
  EXPECT_NE(all[0].message.find("in whatever form is appropriate"), std::string::npos);
  EXPECT_EQ(all[0].remedy,
            "See whether another file holds it in another form; if none does, ask the "
            "organisation for their Complaints procedure.");
  Profile strict = Gateway();
  for (RequiredPolicy& p : strict.policies) p.if_missing = Severity::kBlocker;
  Options options;
  options.today = "2026-11-23";
  std::vector<Finding> strictly = checks::Run(s, strict, options);
  ASSERT_EQ(strictly.size(), 1u) << Dump(strictly);
  EXPECT_EQ(strictly[0].severity, Severity::kBlocker);
  EXPECT_EQ(strictly[0].message.find("whatever form"), std::string::npos);
}

// Personal data the form asks for is information, not a finding; anywhere else it
// stays what it was.
Finding Email(const std::string& document, const std::string& value, const std::string& field) {
  Finding f;
  f.rule = "pii.email";
  f.category = field.rfind("metadata", 0) == 0 ? Category::kHiddenData : Category::kPersonalData;
  f.severity = Severity::kWarning;
  f.document = document;
  f.page = field.empty() ? 1 : 0;
  f.field = field;
  f.value = value;
  f.message = "An email address is on this page.";
  return f;
}

TEST(Gateway, ARefereesEmailWhereTheFormAsksForItIsInformation) {
  Submission s = Complete();
  std::vector<Finding> findings = {
      Email("D001", "Alex.Example2@example.org", ""),                 // in Q11, written in capitals
      Email("D002", "alex.example2@example.org", ""),                 // in a policy
      Email("D001", "alex.example2@example.org", "metadata:Author"),  // in the form's properties
      Email("D001", "someone.else@example.org", ""),  // in the form, not in a contact
  };
  EXPECT_EQ(ExcuseRequestedContacts(findings, s, Gateway()), 1);
  EXPECT_EQ(findings[0].severity, Severity::kInfo);
  EXPECT_EQ(findings[0].message,
            "An email address is on this page. The Gateway application form asks for it at Q11 "
            "(contact details), so it may stay.");
  EXPECT_EQ(findings[0].rule, "pii.email");
  for (size_t i = 1; i < findings.size(); ++i) {
    EXPECT_EQ(findings[i].severity, Severity::kWarning) << i;
    EXPECT_EQ(findings[i].message, "An email address is on this page.") << i;
  }
  // The same value in a narrative answer is not asked for.
  SetText(Answer(s, "Q11"), "");
  SetText(Answer(s, "Q1"), std::string(kNarrative) + " Write to alex.example2@example.org.");
  std::vector<Finding> again = {Email("D001", "alex.example2@example.org", "")};
  EXPECT_EQ(ExcuseRequestedContacts(again, s, Gateway()), 0);
  EXPECT_EQ(again[0].severity, Severity::kWarning);
}

}  // namespace
}  // namespace qpm::checks
