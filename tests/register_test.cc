// tests/register_test.cc — the register of an inbox (pipeline/output/register.h):
// urgency on fixed dates, status words and colours, problems, links, the CSV's quoting
// and formula guard, the HTML's escaping and self-containment, and index.json's
// fields. Every expected date and count below was worked out by hand from the
// entry's dates; reports are invented here.
#include "pipeline/output/register.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace qpm::reg {
namespace {

using nlohmann::json;

constexpr const char* kToday = "2026-11-20";

json Finding(const std::string& severity, const std::string& message) {
  return {{"rule", "x.y"}, {"severity", severity}, {"message", message}, {"file", "a.pdf"}};
}

// A report as triage writes it, reduced to what the register reads.
json Report(const std::string& status, const std::string& issued, const std::string& recommended,
            const std::string& final_by, json findings = json::array()) {
  int blockers = 0, warnings = 0;
  for (const json& f : findings) {
    blockers += f["severity"] == "blocker";
    warnings += f["severity"] == "warning";
  }
  return {{"schema", "qpm-intake-report"},
          {"status", status},
          {"band", 2},
          {"profile", "qpm-v4"},
          {"summary", {{"blockers", blockers}, {"warnings", warnings}, {"info", 0}}},
          {"deadlines", {{"issued", issued}, {"recommended", recommended}, {"final", final_by}}},
          {"findings", std::move(findings)},
          {"bundle", {{"written", status == "ready"}}}};
}

// QPM's deadlines for a workbook issued on 2026-09-01: +3 and +6 months.
json QpmReport(const std::string& status = "ready", json findings = json::array()) {
  return Report(status, "2026-09-01", "2026-12-01", "2027-03-01", std::move(findings));
}

Entry MakeEntry(const std::string& ref, const std::string& received, json report, int weeks = 4) {
  Entry e;
  e.folder = ref;
  e.reference = ref;
  e.sender = "example.org.uk";
  e.emails = {"1.eml"};
  e.received = received;
  e.last_received = received;
  e.triaged_now = true;
  e.report = std::move(report);
  e.assessment_weeks = weeks;
  return e;
}

json OneRow(const Entry& e, const std::string& today = kToday) {
  Register r;
  r.today = today;
  r.entries = {e};
  const json index = RegisterJson(r);
  return index["rows"].at(0);
}

// --- urgency --------------------------------------------------------------------

TEST(RegisterUrgency, AssessmentDuePastIsOverdue) {
  // 2026-10-01 + 4 weeks = 2026-10-29; to 2026-11-20 is 2 + 20 = 22 days.
  const json row = OneRow(MakeEntry("QPM-A", "2026-10-01", QpmReport()));
  EXPECT_EQ(row["assessment_due"], "2026-10-29");
  EXPECT_EQ(row["due"], "2026-10-29");
  EXPECT_EQ(row["due_is"], "assessment");
  EXPECT_EQ(row["days_left"], -22);
  EXPECT_EQ(row["urgency"], "overdue");
  EXPECT_EQ(row["urgency_words"], "Overdue: the assessment was due 22 days ago");
}

TEST(RegisterUrgency, DueWithinTheWindowIsDueSoonEndsIncluded) {
  // 2026-10-27 + 28 days = 2026-11-24: 4 days left.
  json row = OneRow(MakeEntry("QPM-A", "2026-10-27", QpmReport()));
  EXPECT_EQ(row["assessment_due"], "2026-11-24");
  EXPECT_EQ(row["days_left"], 4);
  EXPECT_EQ(row["urgency"], "due-soon");
  EXPECT_EQ(row["urgency_words"], "Due soon: the assessment is due in 4 days");
  // 2026-10-23 + 28 = 2026-11-20, today: due soon, not overdue.
  row = OneRow(MakeEntry("QPM-A", "2026-10-23", QpmReport()));
  EXPECT_EQ(row["days_left"], 0);
  EXPECT_EQ(row["urgency"], "due-soon");
  EXPECT_EQ(row["urgency_words"], "Due soon: the assessment is due today");
  // 2026-10-30 + 28 = 2026-11-27: 7 days, the last day of the window.
  row = OneRow(MakeEntry("QPM-A", "2026-10-30", QpmReport()));
  EXPECT_EQ(row["days_left"], 7);
  EXPECT_EQ(row["urgency"], "due-soon");
  // 2026-10-31 + 28 = 2026-11-28: 8 days, outside it.
  row = OneRow(MakeEntry("QPM-A", "2026-10-31", QpmReport()));
  EXPECT_EQ(row["assessment_due"], "2026-11-28");
  EXPECT_EQ(row["days_left"], 8);
  EXPECT_EQ(row["urgency"], "");
  EXPECT_EQ(row["urgency_words"], "");
}

TEST(RegisterUrgency, ReceivedAfterTheFinalDeadlineIsLate) {
  // Issued 2026-05-01: final 2026-11-01. Received 2026-11-18, due 2026-12-16 (26 days).
  const json report = Report("ready", "2026-05-01", "2026-08-01", "2026-11-01");
  const json row = OneRow(MakeEntry("QPM-A", "2026-11-18", report));
  EXPECT_EQ(row["days_left"], 26);
  EXPECT_EQ(row["final_by"], "2026-11-01");
  EXPECT_EQ(row["urgency"], "late");
  EXPECT_EQ(row["urgency_words"], "Late: received after the final deadline");
  // Late is a fact about the dates, not about today: it stands without one.
  EXPECT_EQ(OneRow(MakeEntry("QPM-A", "2026-11-18", report), "not a date")["urgency"], "late");
}

TEST(RegisterUrgency, OverdueComesBeforeLate) {
  // Received 2026-10-01 after the final deadline 2026-09-30; due 2026-10-29, past.
  const json report = Report("ready", "2026-03-31", "2026-06-30", "2026-09-30");
  EXPECT_EQ(OneRow(MakeEntry("QPM-A", "2026-10-01", report))["urgency"], "overdue");
}

TEST(RegisterUrgency, NothingDueIsEmpty) {
  // 2026-11-10 + 28 = 2026-12-08: 18 days left; received before the final deadline.
  const json row = OneRow(MakeEntry("QPM-A", "2026-11-10", QpmReport()));
  EXPECT_EQ(row["days_left"], 18);
  EXPECT_EQ(row["urgency"], "");
}

TEST(RegisterUrgency, ReceivedUnknownCountsToTheFinalDeadline) {
  // Final 2026-11-15: 5 days before today.
  json report = Report("ready", "2026-05-15", "2026-08-15", "2026-11-15");
  json row = OneRow(MakeEntry("QPM-A", "", report));
  EXPECT_TRUE(row["received"].is_null());
  EXPECT_TRUE(row["assessment_due"].is_null());
  EXPECT_EQ(row["due"], "2026-11-15");
  EXPECT_EQ(row["due_is"], "final");
  EXPECT_EQ(row["urgency"], "overdue");
  EXPECT_EQ(row["urgency_words"],
            "Overdue: the final deadline was 5 days ago (date received not known)");
  // Final 2026-11-25: 5 days ahead.
  report = Report("ready", "2026-05-25", "2026-08-25", "2026-11-25");
  row = OneRow(MakeEntry("QPM-A", "", report));
  EXPECT_EQ(row["urgency"], "due-soon");
  EXPECT_EQ(row["urgency_words"], "Due soon: the final deadline is in 5 days");
}

TEST(RegisterUrgency, ReceivedFallsBackToTheReport) {
  json report = QpmReport();
  report["received"] = "2026-10-01";
  const json row = OneRow(MakeEntry("QPM-A", "", report));
  EXPECT_EQ(row["received"], "2026-10-01");
  EXPECT_EQ(row["urgency"], "overdue");
}

TEST(RegisterUrgency, GatewayWithoutAssessmentTimeOrDeadlines) {
  // No assessment time, no issue date: nothing to count to, however old.
  const json report = Report("ready", "", "", "");
  const json row = OneRow(MakeEntry("QMG-1", "2025-01-01", report, /*weeks=*/0));
  EXPECT_TRUE(row["assessment_due"].is_null());
  EXPECT_TRUE(row["issued"].is_null());
  EXPECT_TRUE(row["recommended_by"].is_null());
  EXPECT_TRUE(row["final_by"].is_null());
  EXPECT_TRUE(row["due"].is_null());
  EXPECT_TRUE(row["days_left"].is_null());
  EXPECT_EQ(row["due_is"], "");
  EXPECT_EQ(row["urgency"], "");
  // With deadlines but no assessment time, a received date before the final one:
  // still nothing due.
  const json dated = Report("ready", "2024-09-01", "2024-12-01", "2025-03-01");
  EXPECT_EQ(OneRow(MakeEntry("QMG-1", "2025-01-01", dated, 0))["urgency"], "");
}

TEST(RegisterUrgency, NoTodayJudgesNothingDue) {
  const json row = OneRow(MakeEntry("QPM-A", "2026-10-01", QpmReport()), "2026-02-30");
  EXPECT_TRUE(row["days_left"].is_null());
  EXPECT_EQ(row["urgency"], "");
}

TEST(RegisterUrgency, CountsAcrossAYearEnd) {
  // 2026-12-20 + 28 = 2027-01-17; judged on 2027-01-20: 3 days overdue.
  const json row = OneRow(MakeEntry("QPM-A", "2026-12-20", QpmReport()), "2027-01-20");
  EXPECT_EQ(row["assessment_due"], "2027-01-17");
  EXPECT_EQ(row["days_left"], -3);
}

// --- status, problems, fields -----------------------------------------------------

TEST(RegisterStatus, WordsAndColours) {
  const auto status = [](const Entry& e) {
    const json row = OneRow(e);
    return row["status"].get<std::string>() + "|" + row["status_words"].get<std::string>() + "|" +
           row["colour"].get<std::string>();
  };
  EXPECT_EQ(status(MakeEntry("R", "2026-11-10", QpmReport())),
            "ready|Ready for the assessor|green");
  const json three_two =
      json::array({Finding("blocker", "A"), Finding("blocker", "B"), Finding("blocker", "C"),
                   Finding("warning", "D"), Finding("warning", "E")});
  EXPECT_EQ(status(MakeEntry("R", "2026-11-10", QpmReport("needs-action", three_two))),
            "needs-action|Needs action: 3 problems to fix, 2 warnings to check|red");
  EXPECT_EQ(
      status(MakeEntry("R", "2026-11-10", QpmReport("needs-action", {Finding("warning", "W")}))),
      "needs-action|Needs action: 1 warning to check|amber");
  EXPECT_EQ(status(MakeEntry("R", "2026-11-10", QpmReport("password-needed"))),
            "password-needed|Locked: a password is needed|red");
  EXPECT_EQ(status(MakeEntry("R", "2026-11-10", QpmReport("unreadable"))),
            "unreadable|Could not be read|red");
  Entry failed = MakeEntry("R", "2026-11-10", nullptr);
  failed.exit_code = 15;
  failed.error = "internal error while reading 2.eml";
  EXPECT_EQ(status(failed), "not-triaged|Not triaged: internal error while reading 2.eml|grey");
  failed.error = "";
  EXPECT_EQ(status(failed), "not-triaged|Not triaged: no report was written|grey");
}

TEST(RegisterStatus, ProblemsListBlockersThenWarningsMergedAndCapped) {
  const json findings =
      json::array({Finding("warning", "D"), Finding("blocker", "A"), Finding("info", "I"),
                   Finding("blocker", "A"), Finding("blocker", "B"), Finding("warning", "E"),
                   Finding("blocker", "C"), Finding("warning", "F"), Finding("warning", "G"),
                   Finding("warning", "F")});
  const json row = OneRow(MakeEntry("R", "2026-11-10", QpmReport("needs-action", findings)));
  EXPECT_EQ(row["problems"], json::array({"A (2 times)", "B", "C", "D", "E"}));
  EXPECT_EQ(row["more_problems"], 3);  // F twice and G
  EXPECT_EQ(row["blockers"], 4);
  EXPECT_EQ(row["warnings"], 5);
}

TEST(RegisterFields, SubmissionObjectFirstThenTheEntry) {
  Entry e = MakeEntry("QPM-0001", "2026-11-10", QpmReport());
  json row = OneRow(e);
  EXPECT_EQ(row["reference"], "QPM-0001");
  EXPECT_EQ(row["organisation"], "example.org.uk");  // no organisation known: the sender
  EXPECT_EQ(row["profile"], "qpm-v4");
  e.report["submission"] = {{"reference", "QPM-BEEF"},
                            {"organisation", "Bright Advocacy"},
                            {"profile", "qpm-v4"},
                            {"profile_title", "Advocacy QPM"},
                            {"mark", "QPM"}};
  row = OneRow(e);
  EXPECT_EQ(row["reference"], "QPM-BEEF");
  EXPECT_EQ(row["organisation"], "Bright Advocacy");
  EXPECT_EQ(row["sender"], "example.org.uk");
  EXPECT_EQ(row["profile_title"], "Advocacy QPM");
  EXPECT_EQ(row["band"], 2);
  EXPECT_EQ(row["recommended_by"], "2026-12-01");
  EXPECT_EQ(row["final_by"], "2027-03-01");
}

TEST(RegisterFields, LinksAreRelativeAndEncoded) {
  json row = OneRow(MakeEntry("QPM-1A", "2026-11-10", QpmReport("ready")));
  EXPECT_EQ(row["report"], "QPM-1A/report.html");
  EXPECT_EQ(row["bundle"], "QPM-1A/bundle.pdf");
  row = OneRow(MakeEntry("QPM-1A", "2026-11-10", QpmReport("needs-action")));
  EXPECT_EQ(row["report"], "QPM-1A/report.html");
  EXPECT_TRUE(row["bundle"].is_null());  // not written
  Entry odd = MakeEntry("x", "2026-11-10", QpmReport("ready"));
  odd.folder = "../a b\"<";
  EXPECT_EQ(OneRow(odd)["report"], "..%2Fa%20b%22%3C/report.html");
  odd.folder = "..";
  EXPECT_TRUE(OneRow(odd)["report"].is_null());
  EXPECT_TRUE(OneRow(MakeEntry("R", "2026-11-10", nullptr))["report"].is_null());
}

TEST(RegisterJson, SchemaFieldsAndOrder) {
  Register r;
  r.today = kToday;
  r.entries = {MakeEntry("QPM-C", "2026-11-02", QpmReport()), MakeEntry("QPM-B", "", QpmReport()),
               MakeEntry("QPM-Z", "2026-10-01", QpmReport()),
               MakeEntry("QPM-A", "2026-11-02", QpmReport("unreadable"))};
  const json index = RegisterJson(r);
  EXPECT_EQ(index["schema"], "qpm-intake-register");
  EXPECT_EQ(index["schema_version"], 1);
  EXPECT_EQ(index["today"], kToday);
  EXPECT_EQ(index["due_soon_days"], 7);
  std::vector<std::string> order;
  for (const json& row : index["rows"]) order.push_back(row["reference"]);
  EXPECT_EQ(order, (std::vector<std::string>{"QPM-Z", "QPM-A", "QPM-C", "QPM-B"}));
  const std::set<std::string> expected = {
      "reference",     "folder",         "organisation",  "sender",        "profile",
      "profile_title", "band",           "received",      "last_received", "emails",
      "files",         "status",         "status_words",  "colour",        "blockers",
      "warnings",      "problems",       "more_problems", "issued",        "recommended_by",
      "final_by",      "assessment_due", "due",           "due_is",        "days_left",
      "urgency",       "urgency_words",  "report",        "bundle",        "triaged_now",
      "exit_code",     "error"};
  std::set<std::string> keys;
  for (const auto& [key, value] : index["rows"][0].items()) keys.insert(key);
  EXPECT_EQ(keys, expected);
  // QPM-Z: due 2026-10-29, overdue. QPM-C: due 2026-11-30, 10 days. QPM-A the same,
  // unreadable. QPM-B: received unknown, final 2027-03-01 far off.
  EXPECT_EQ(index["summary"], json({{"submissions", 4},
                                    {"green", 3},
                                    {"amber", 0},
                                    {"red", 1},
                                    {"grey", 0},
                                    {"overdue", 1},
                                    {"due_soon", 0},
                                    {"late", 0}}));
  EXPECT_EQ(index["rows"][0]["emails"], 1);
  EXPECT_EQ(index["rows"][0]["triaged_now"], true);
}

TEST(RegisterJson, Deterministic) {
  Register r;
  r.today = kToday;
  r.entries = {MakeEntry("QPM-C", "2026-11-02", QpmReport()),
               MakeEntry("QPM-A", "2026-10-02", QpmReport("needs-action"))};
  const json a = RegisterJson(r);
  EXPECT_EQ(a.dump(), RegisterJson(r).dump());
  EXPECT_EQ(RegisterHtml(a), RegisterHtml(RegisterJson(r)));
  EXPECT_EQ(RegisterCsv(a), RegisterCsv(RegisterJson(r)));
}

// --- CSV -------------------------------------------------------------------------

std::vector<std::string> CsvLines(const std::string& csv) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = csv.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(csv.substr(start, end - start));
  }
  EXPECT_EQ(start, csv.size()) << "the CSV ends with a CRLF";
  return lines;
}

TEST(RegisterCsv, HeaderAndARow) {
  Register r;
  r.today = kToday;
  r.entries = {MakeEntry("QPM-A", "2026-10-01", QpmReport())};
  const std::string csv = RegisterCsv(RegisterJson(r));
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  const std::vector<std::string> lines = CsvLines(csv.substr(3));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "Organisation,Sender,Reference,Band,Received,Emails,Status,Colour,Problems to fix,"
            "Recommended by,Final deadline,Assessment due,Urgency,Report,Bundle");
  EXPECT_EQ(lines[1],
            "example.org.uk,example.org.uk,QPM-A,2,2026-10-01,1,Ready for the assessor,green,,"
            "2026-12-01,2027-03-01,2026-10-29,Overdue: the assessment was due 22 days ago,"
            "QPM-A/report.html,QPM-A/bundle.pdf");
}

TEST(RegisterCsv, QuotesAndGuardsFormulas) {
  json report = QpmReport(
      "needs-action", {Finding("blocker", "Line \"one\""), Finding("blocker", "-2 pages, missing"),
                       Finding("warning", "@SUM(A1)")});
  report["submission"] = {{"organisation", "=HYPERLINK(\"x\",\"y\")"}, {"reference", "+44"}};
  Entry e = MakeEntry("F", "2026-11-19", report);
  e.sender = "@evil";
  Register r;
  r.today = kToday;
  r.entries = {e};
  const std::string csv = RegisterCsv(RegisterJson(r));
  // Organisation: guarded, then quoted for its quotes and comma, quotes doubled.
  EXPECT_NE(csv.find("\r\n\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",'@evil,'+44,2,"), std::string::npos)
      << csv;
  // Problems in one cell, a line each: quoted; only the cell's start is guarded.
  EXPECT_NE(csv.find(",\"Line \"\"one\"\"\n-2 pages, missing\n@SUM(A1)\","), std::string::npos)
      << csv;
  // Status words with a comma: quoted too.
  EXPECT_NE(csv.find(",\"Needs action: 2 problems to fix, 1 warning to check\",red,"),
            std::string::npos);
}

TEST(RegisterCsv, EmptyRegisterIsTheHeaderAlone) {
  const std::string csv = RegisterCsv(RegisterJson(Register{kToday, 7, {}}));
  EXPECT_EQ(CsvLines(csv.substr(3)).size(), 1u);
}

// --- HTML ------------------------------------------------------------------------

std::string Html(std::vector<Entry> entries, const std::string& today = kToday) {
  Register r;
  r.today = today;
  r.entries = std::move(entries);
  return RegisterHtml(RegisterJson(r));
}

size_t Occurrences(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(RegisterHtml, EscapesAHostileOrganisation) {
  json report = QpmReport("needs-action", {Finding("blocker", "<img src=x onerror=alert(1)>")});
  report["submission"] = {{"organisation", "<script>alert(\"x\")</script>&'"}};
  Entry e = MakeEntry("QPM-A", "2026-11-10", report);
  e.sender = "a\"><b>@x";
  e.folder = "\"><script>";
  const std::string html = Html({e});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"),
            std::string::npos);
  EXPECT_NE(html.find("href=\"%22%3E%3Cscript%3E/report.html\""), std::string::npos);
}

TEST(RegisterHtml, SelfContainedWithNoScriptAndNoUrl) {
  const std::string html = Html(
      {MakeEntry("QPM-A", "2026-10-01", QpmReport()),
       MakeEntry("QPM-B", "2026-11-10", QpmReport("needs-action", {Finding("warning", "W")}))});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                      "'none'; style-src 'unsafe-inline'; img-src data:\">"),
            std::string::npos);
  EXPECT_NE(html.find("<title>Register of submissions</title>"), std::string::npos);
  // The table three times (three orders), each with a caption and header scopes.
  EXPECT_EQ(Occurrences(html, "<table class=\"register\">"), 3u);
  EXPECT_EQ(Occurrences(html, "<caption>"), 3u);
  EXPECT_EQ(Occurrences(html, "<th scope=\"row\">"), 6u);
  for (const char* id : {"by-received", "by-urgency", "by-organisation"}) {
    EXPECT_NE(html.find("id=\"" + std::string(id) + "\""), std::string::npos) << id;
  }
  // The default order last, so that the CSS can hide it when another is chosen.
  EXPECT_GT(html.find("id=\"by-received\""), html.find("id=\"by-organisation\""));
  EXPECT_NE(html.find(".view:target ~ #by-received"), std::string::npos);
  EXPECT_EQ(Occurrences(html, "href=\"QPM-A/report.html\""), 3u);
  EXPECT_EQ(Occurrences(html, "href=\"QPM-A/bundle.pdf\""), 3u);
  EXPECT_EQ(Occurrences(html, "href=\"QPM-B/bundle.pdf\""), 0u);  // withheld
}

TEST(RegisterHtml, UrgentRowsStandOutByWordAndClass) {
  const std::string html = Html({MakeEntry("QPM-A", "2026-10-01", QpmReport()),    // overdue
                                 MakeEntry("QPM-B", "2026-10-27", QpmReport()),    // due soon
                                 MakeEntry("QPM-C", "2026-11-15", QpmReport())});  // neither
  EXPECT_EQ(Occurrences(html, "<tr class=\"urgency-overdue\">"), 3u);
  EXPECT_EQ(Occurrences(html, "<tr class=\"urgency-due-soon\">"), 3u);
  EXPECT_EQ(Occurrences(html, "<tr>"), 3u + 3u);  // QPM-C, and each table's header row
  EXPECT_EQ(Occurrences(html, "<strong class=\"tag tag-red\">Overdue</strong>"), 3u);
  EXPECT_EQ(Occurrences(html, "<strong class=\"tag tag-orange\">Due soon</strong>"), 3u);
  // By urgency: A, then B, then C; by date received as well.
  const size_t by_urgency = html.find("id=\"by-urgency\"");
  const size_t a = html.find("QPM-A/report.html", by_urgency);
  const size_t b = html.find("QPM-B/report.html", by_urgency);
  const size_t c = html.find("QPM-C/report.html", by_urgency);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
}

TEST(RegisterHtml, UrgencyOrderPutsTheLongestOverdueFirst) {
  const std::string html = Html({MakeEntry("QPM-NEW", "2026-10-20", QpmReport()),  // 3 days
                                 MakeEntry("QPM-OLD", "2026-09-01", QpmReport()),  // 52 days
                                 MakeEntry("QPM-OK", "2026-11-19", QpmReport())});
  const size_t by_urgency = html.find("id=\"by-urgency\"");
  EXPECT_LT(html.find("QPM-OLD/", by_urgency), html.find("QPM-NEW/", by_urgency));
  EXPECT_LT(html.find("QPM-NEW/", by_urgency), html.find("QPM-OK/", by_urgency));
}

TEST(RegisterHtml, OrganisationOrderIgnoresCase) {
  auto named = [](const std::string& ref, const std::string& org) {
    json report = QpmReport();
    report["submission"] = {{"organisation", org}};
    return MakeEntry(ref, "2026-11-1" + std::to_string(ref.size() % 10), report);
  };
  const std::string html =
      Html({named("QPM-1", "beta"), named("QPM-22", "Alpha"), named("QPM-333", "")});
  const size_t by_org = html.find("id=\"by-organisation\"");
  const size_t alpha = html.find("QPM-22/", by_org);
  const size_t beta = html.find("QPM-1/", by_org);
  const size_t none = html.find("QPM-333/", by_org);
  EXPECT_LT(alpha, beta);
  EXPECT_LT(beta, none);  // the sender stands in for no organisation: "example.org.uk"
}

TEST(RegisterHtml, AnotherMarkNeverSaysQpm) {
  json report = Report("ready", "", "", "");
  report["profile"] = "quality-mark-gateway";
  report["submission"] = {{"reference", "QMG-0001"},
                          {"organisation", "Small Steps"},
                          {"profile", "quality-mark-gateway"},
                          {"profile_title", "Quality Mark for micro-providers, Gateway"},
                          {"mark", "Quality Mark"}};
  Entry e = MakeEntry("QMG-0001", "2026-11-10", report, /*weeks=*/0);
  const std::string html = Html({e});
  EXPECT_EQ(html.find("QPM"), std::string::npos);
  EXPECT_EQ(html.find("esktop assessment"), std::string::npos);
  EXPECT_NE(html.find("Quality Mark for micro-providers, Gateway"), std::string::npos);
  EXPECT_NE(html.find("<h1>Register of submissions</h1>"), std::string::npos);
}

TEST(RegisterHtml, EmptyAndMalformedIndexStillRender) {
  const std::string empty = Html({});
  EXPECT_NE(empty.find("No submissions were found in the inbox."), std::string::npos);
  EXPECT_EQ(empty.find("<table class=\"register\">"), std::string::npos);
  const std::string odd = RegisterHtml(json{{"rows", json::array({42, "x", json::object()})}});
  EXPECT_EQ(Occurrences(odd, "<th scope=\"row\">"), 9u);
  EXPECT_NE(odd.find("</html>"), std::string::npos);
  EXPECT_NE(RegisterCsv(json::array()).find("Organisation,"), std::string::npos);
}

}  // namespace
}  // namespace qpm::reg
