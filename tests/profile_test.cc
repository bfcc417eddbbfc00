// The profile: the shipped one loads, and every kind of mistake is named by its field.
#include "pipeline/core/profile.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace qpm {
namespace {

using nlohmann::json;

const std::string kShipped = std::string(QPM_SOURCE_DIR) + "/profiles/qpm-v4.json";

json Shipped() {
  std::ifstream in(kShipped);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// The message of loading `j`, which must fail.
std::string ErrorOf(const json& j) {
  Result<Profile> p = ParseProfile(j.dump(), "test.json");
  EXPECT_FALSE(p.ok());
  return p.ok() ? "" : p.status().message();
}

TEST(Profile, ShippedProfileLoads) {
  Result<Profile> p = LoadProfile(kShipped);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->name, "qpm-v4");
  ASSERT_EQ(p->sections.size(), 10u);  // the ten principles of the Advocacy Charter
  EXPECT_EQ(p->sections[0].title, "Clarity of purpose");
  EXPECT_EQ(p->sections[9].title, "Complaints");
  EXPECT_EQ(p->policies.size(), 8u);
  EXPECT_EQ(p->components.size(), 5u);
  EXPECT_EQ(p->reports.size(), 2u);
  ASSERT_NE(p->FindIndicator("1.2"), nullptr);
  EXPECT_EQ(p->FindIndicator("1.2")->kind, "narrative");
  EXPECT_EQ(p->FindIndicator("1.2")->min_words, 40);  // the workbook's default
  EXPECT_EQ(p->FindIndicator("1.1")->min_words, 0);
  EXPECT_EQ(p->FindIndicator("11.1"), nullptr);
  EXPECT_EQ(p->warning_months, 3);
  EXPECT_EQ(p->final_months, 6);
  EXPECT_EQ(p->assessment_weeks, 4);
  EXPECT_TRUE(p->SetsDeadlines());
  EXPECT_EQ(p->words.title, p->title);
  EXPECT_EQ(p->words.mark, "QPM");
  EXPECT_EQ(p->words.mark_in_full, "Advocacy Quality Performance Mark");
  EXPECT_EQ(p->words.submission, "Advocacy QPM submission");
  EXPECT_EQ(p->words.assessment, "desktop assessment");
  EXPECT_EQ(p->words.reference_prefix, "QPM");
  for (const RequiredPolicy& policy : p->policies) {
    EXPECT_EQ(policy.if_missing, Severity::kBlocker) << policy.id;
  }
}

TEST(Profile, BandsFollowWholeTimeEquivalents) {
  Result<Profile> p = LoadProfile(kShipped);
  ASSERT_TRUE(p.ok());
  // Up to 15 WTE: band 1; 16 to 30: band 2; over 30: band 3, bespoke.
  EXPECT_EQ(p->BandForWte(6)->band, 1);
  EXPECT_EQ(p->BandForWte(15)->band, 1);
  EXPECT_EQ(p->BandForWte(15.5)->band, 2);
  EXPECT_EQ(p->BandForWte(30)->band, 2);
  EXPECT_EQ(p->BandForWte(31)->band, 3);
  EXPECT_TRUE(p->BandForWte(31)->bespoke);
  EXPECT_EQ(p->FindBand(1)->case_files, 5);
  EXPECT_EQ(p->FindBand(1)->reports.at("imca"), 5);
  EXPECT_EQ(p->FindBand(4), nullptr);
}

TEST(Profile, AWrongKindIsNamedByItsField) {
  json j = Shipped();
  j["workbook"]["sections"][2]["indicators"][0]["kind"] = "box";
  EXPECT_EQ(ErrorOf(j),
            "test.json: workbook.sections[2].indicators[0].kind: must be \"tick\", "
            "\"narrative\" or \"contact\", not \"box\"");
}

// The Gateway application: no bands, case files or reports; three referees to reach.
TEST(Profile, TheGatewayProfileAsksForAFormEvidenceAndReferees) {
  Result<Profile> p =
      LoadProfile(std::string(QPM_SOURCE_DIR) + "/profiles/quality-mark-gateway.json");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->name, "quality-mark-gateway");
  EXPECT_EQ(p->workbook_name, "Gateway application form");
  EXPECT_TRUE(p->bands.empty());
  EXPECT_TRUE(p->components.empty());
  EXPECT_TRUE(p->case_file_cues.empty());
  EXPECT_TRUE(p->reports.empty());
  EXPECT_EQ(p->policies.size(), 4u);
  int contacts = 0;
  for (const ProfileSection& section : p->sections) {
    for (const Indicator& i : section.indicators) contacts += i.kind == "contact" ? 1 : 0;
  }
  EXPECT_EQ(contacts, 3);
  EXPECT_EQ(p->FindIndicator("Q12")->kind, "contact");
  EXPECT_EQ(p->BandForWte(3), nullptr);
  // The application has no timescale, and its supporting documents come in whatever
  // form is appropriate.
  EXPECT_FALSE(p->SetsDeadlines());
  EXPECT_EQ(p->warning_months, 0);
  EXPECT_EQ(p->assessment_weeks, 0);
  for (const RequiredPolicy& policy : p->policies) {
    EXPECT_EQ(policy.if_missing, Severity::kWarning) << policy.id;
    EXPECT_NE(policy.if_missing_note.find("in whatever form is appropriate"), std::string::npos);
  }
  EXPECT_EQ(p->words.mark, "Quality Mark Gateway");
  EXPECT_EQ(p->words.assessment, "Gateway review");
  EXPECT_EQ(p->words.reference_prefix, "QMG");
  for (const std::string* w : {&p->words.title, &p->words.mark, &p->words.mark_in_full,
                               &p->words.submission, &p->words.assessment}) {
    EXPECT_EQ(w->find("QPM"), std::string::npos) << *w;
    EXPECT_EQ(w->find("desktop"), std::string::npos) << *w;
  }
}

// What the outputs call the quality mark is required, one line each, so that no output
// falls back on another mark's words.
TEST(Profile, TheMarksWordsAreRequiredAndChecked) {
  for (const char* key : {"mark", "mark_in_full", "submission", "assessment", "reference_prefix"}) {
    json j = Shipped();
    j.erase(key);
    EXPECT_EQ(ErrorOf(j), std::string("test.json: ") + key + ": is missing");
    j[key] = "";
    EXPECT_EQ(ErrorOf(j), std::string("test.json: ") + key + ": must not be empty");
  }
  json j = Shipped();
  j["assessment"] = "desktop\nassessment";
  EXPECT_EQ(ErrorOf(j), "test.json: assessment: must be one line, without line breaks or tabs");
  for (const char* prefix : {"QPM-", "Q P", "ABCDEFGHIJKLM"}) {
    j = Shipped();
    j["reference_prefix"] = prefix;
    EXPECT_EQ(ErrorOf(j),
              "test.json: reference_prefix: must be 1 to 12 letters or digits, like \"QPM\"")
        << prefix;
  }
  j = Shipped();
  j["reference_prefix"] = "QMG2";
  EXPECT_EQ(ParseProfile(j.dump(), "test.json")->words.reference_prefix, "QMG2");
}

// A required document is a blocker when missing, unless the profile accepts it in another
// form: then a warning, with the profile's sentence saying why.
TEST(Profile, APolicyMissingIsABlockerUnlessTheProfileSaysAWarning) {
  json j = Shipped();
  j["policies"][1]["if_missing"] = "warning";
  j["policies"][1]["if_missing_note"] = "Any form will do.";
  j["policies"][2]["if_missing"] = "blocker";
  Result<Profile> p = ParseProfile(j.dump(), "test.json");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->policies[0].if_missing, Severity::kBlocker);
  EXPECT_EQ(p->policies[1].if_missing, Severity::kWarning);
  EXPECT_EQ(p->policies[1].if_missing_note, "Any form will do.");
  EXPECT_EQ(p->policies[2].if_missing, Severity::kBlocker);
  j["policies"][1]["if_missing"] = "info";
  EXPECT_EQ(ErrorOf(j),
            "test.json: policies[1].if_missing: must be \"blocker\" or \"warning\", not \"info\"");
  j["policies"][1]["if_missing"] = "warning";
  j["policies"][1].erase("if_missing_note");
  EXPECT_EQ(ErrorOf(j),
            "test.json: policies[1].if_missing_note: is missing: a document that is only a "
            "warning when missing needs a sentence saying why, in the quality mark's words");
}

// No `deadlines`: no timescale. Within it the months come as a pair, or not at all.
TEST(Profile, DeadlinesAreAPairOfMonthsOrNone) {
  json j = Shipped();
  j.erase("deadlines");
  Result<Profile> p = ParseProfile(j.dump(), "test.json");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_FALSE(p->SetsDeadlines());
  EXPECT_EQ(p->final_months, 0);
  EXPECT_EQ(p->assessment_weeks, 0);
  j["deadlines"] = {{"assessment_weeks", 2}};
  p = ParseProfile(j.dump(), "test.json");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_FALSE(p->SetsDeadlines());
  EXPECT_EQ(p->assessment_weeks, 2);
  j["deadlines"] = {{"warning_months", 3}};
  EXPECT_EQ(ErrorOf(j), "test.json: deadlines.final_months: is missing");
  j["deadlines"] = {{"final_months", 6}};
  EXPECT_EQ(ErrorOf(j), "test.json: deadlines.warning_months: is missing");
  j["deadlines"] = {{"warning_months", 6}, {"final_months", 3}};
  EXPECT_EQ(ErrorOf(j), "test.json: deadlines.final_months: must not be before warning_months");
  j["deadlines"] = {{"warning_months", 3}, {"final_months", 6}, {"assessment_weeks", 0}};
  EXPECT_EQ(ErrorOf(j), "test.json: deadlines.assessment_weeks: must be between 1 and 104, not 0");
}

TEST(Profile, AWorkbookWithoutANameIsCalledTheWorkbook) {
  json j = Shipped();
  EXPECT_EQ(ParseProfile(j.dump(), "test.json")->workbook_name, "Assessment Workbook");
  j["workbook"].erase("name");
  EXPECT_EQ(ParseProfile(j.dump(), "test.json")->workbook_name, "workbook");
}

TEST(Profile, OnlyANarrativeHasAWordCount) {
  json j = Shipped();
  j["workbook"]["sections"][0]["indicators"][0]["kind"] = "contact";
  j["workbook"]["sections"][0]["indicators"][0]["min_words"] = 5;
  EXPECT_EQ(ErrorOf(j),
            "test.json: workbook.sections[0].indicators[0].min_words: only a narrative indicator "
            "has a word count");
}

// Bands may ask for case files only when the profile says how to recognise them.
TEST(Profile, BandsThatAskForCaseFilesNeedTheCaseFilesSection) {
  json j = Shipped();
  j.erase("case_files");
  EXPECT_EQ(ErrorOf(j),
            "test.json: bands[0].case_files: asks for case files, but the profile has no "
            "case_files section to say how they are recognised");
  j.erase("bands");
  Result<Profile> p = ParseProfile(j.dump(), "test.json");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_TRUE(p->components.empty());
  EXPECT_TRUE(p->bands.empty());
}

TEST(Profile, AProfileIsFoundByItsNameOrItsPath) {
  const std::string gateway = std::string(QPM_SOURCE_DIR) + "/profiles/quality-mark-gateway.json";
  // By path, as given; by name, in the source tree's profiles/ (QPM_SOURCE_PROFILES).
  EXPECT_EQ(FindProfile(gateway, "qpm-intake"), gateway);
  std::string by_name = FindProfile("quality-mark-gateway", "qpm-intake");
  ASSERT_FALSE(by_name.empty());
  EXPECT_EQ(LoadProfile(by_name)->name, "quality-mark-gateway");
  EXPECT_EQ(LoadProfile(FindProfile("qpm-v4.json", "qpm-intake"))->name, "qpm-v4");
  EXPECT_EQ(FindProfile("no-such-profile", "qpm-intake"), "");
  // A path that does not exist is not looked for by its last part.
  EXPECT_EQ(FindProfile("/nowhere/quality-mark-gateway.json", "qpm-intake"), "");
  EXPECT_EQ(FindProfile("", "qpm-intake"), "");
}

// An edition that names no policy it requires: documents are policies by policy_cues
// alone. The list must still be there, so that leaving it out by mistake is named.
TEST(Profile, AnEditionMayRequireNoPolicyByName) {
  json j = Shipped();
  j["policies"] = json::array();
  Result<Profile> p = ParseProfile(j.dump(), "test.json");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_TRUE(p->policies.empty());
  EXPECT_FALSE(p->policy_cues.empty());
}

// The profile the team wrote for the devset's workbook edition (scripts/bench-devset).
TEST(Profile, DevsetEditionProfileLoads) {
  Result<Profile> p =
      LoadProfile(std::string(QPM_SOURCE_DIR) + "/tests/profiles/qpm-devset-edition.json");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->name, "qpm-devset-edition");
  size_t indicators = 0;
  for (const ProfileSection& s : p->sections) indicators += s.indicators.size();
  EXPECT_EQ(indicators, 34u);
  EXPECT_TRUE(p->policies.empty());
}

TEST(Profile, AMissingFieldIsNamed) {
  json j = Shipped();
  j.erase("policies");
  EXPECT_EQ(ErrorOf(j), "test.json: policies: is missing");
  j = Shipped();
  j["case_files"]["components"][1].erase("cues");
  EXPECT_EQ(ErrorOf(j), "test.json: case_files.components[1].cues: is missing");
}

TEST(Profile, AMisspeltFieldIsNamedRatherThanIgnored) {
  json j = Shipped();
  j["workbook"]["sectons"] = json::array();
  EXPECT_EQ(ErrorOf(j),
            "test.json: workbook.sectons: is not a field this version knows; check its spelling");
}

TEST(Profile, AWrongTypeIsNamed) {
  json j = Shipped();
  j["workbook"]["min_words"] = "forty";
  EXPECT_EQ(ErrorOf(j), "test.json: workbook.min_words: must be a whole number, not a text");
  j = Shipped();
  j["policies"][0]["synonyms"] = "safeguarding adults";
  EXPECT_EQ(ErrorOf(j), "test.json: policies[0].synonyms: must be a list of texts");
}

TEST(Profile, DuplicateIdsAreRefused) {
  json j = Shipped();
  j["workbook"]["sections"][1]["indicators"][0]["id"] = "1.1";
  EXPECT_EQ(ErrorOf(j), "test.json: workbook.sections[1].indicators[0].id: \"1.1\" is used twice");
  j = Shipped();
  j["policies"][1]["id"] = j["policies"][0]["id"];
  EXPECT_EQ(ErrorOf(j), "test.json: policies[1].id: \"safeguarding\" is used twice");
}

TEST(Profile, AnIndicatorIdThatCouldNeverBeFoundIsRefused) {
  json j = Shipped();
  j["workbook"]["sections"][0]["indicators"][0]["id"] = "A1";
  std::string e = ErrorOf(j);
  EXPECT_NE(e.find("workbook.sections[0].indicators[0].id: \"A1\" does not match"),
            std::string::npos)
      << e;
}

TEST(Profile, PatternsAreChecked) {
  json j = Shipped();
  j["case_files"]["id_pattern"] = "CF([0-9]+";
  EXPECT_NE(ErrorOf(j).find("test.json: case_files.id_pattern: is not a valid pattern"),
            std::string::npos);
  j = Shipped();
  j["case_files"]["id_pattern"] = "CF[0-9]+";  // no group for the number
  EXPECT_EQ(
      ErrorOf(j),
      "test.json: case_files.id_pattern: must have exactly 1 group(s) in brackets, and has 0");
}

TEST(Profile, BandsMustRise) {
  json j = Shipped();
  j["bands"][1]["wte_up_to"] = 10;
  EXPECT_EQ(ErrorOf(j), "test.json: bands[1].wte_up_to: must be higher than the band before it");
  j = Shipped();
  j["bands"][0]["reports"]["imca"] = -1;
  EXPECT_EQ(ErrorOf(j), "test.json: bands[0].reports.imca: must be between 0 and 1000, not -1");
  j = Shipped();
  j["bands"][0]["reports"]["advocacy"] = 1;  // not a report type of the profile
  EXPECT_EQ(ErrorOf(j),
            "test.json: bands[0].reports.advocacy: is not a field this version knows; check its "
            "spelling");
}

TEST(Profile, BrokenJsonGivesTheLine) {
  std::string text = "{\n  \"profile\": \"x\",\n  \"title\": \"y\"\n  \"workbook\": {}\n}\n";
  Result<Profile> p = ParseProfile(text, "broken.json");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(),
            "broken.json: line 4: this is not valid JSON (look for a missing comma, quote or "
            "bracket)");
}

TEST(Profile, AMissingFileIsSaidPlainly) {
  Result<Profile> p = LoadProfile("/nonexistent/profile.json");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "/nonexistent/profile.json: the profile cannot be opened");
}

}  // namespace
}  // namespace qpm
