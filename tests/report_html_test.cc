// tests/report_html_test.cc — the HTML report: escaping, status words, ordering,
// the --reveal notice, determinism and self-containment. Reports are built here
// from invented values only.
#include "pipeline/output/report_html.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace qpm::report {
namespace {

using nlohmann::json;

json Finding(const std::string& rule, const std::string& severity, const std::string& message) {
  return {{"rule", rule},
          {"category", "personal-data"},
          {"severity", severity},
          {"document", "D002"},
          {"file", "Example.zip > Case files/CF01.pdf"},
          {"page", 2},
          {"field", ""},
          {"message", message},
          {"remedy", "Remedy for " + rule + "."},
          {"masked", ""}};
}

json Report(const std::string& status, json findings) {
  return {
      {"schema", "qpm-intake-report"},
      {"schema_version", 1},
      {"tool", {{"name", "qpm-intake"}, {"version", "0.1.0"}}},
      {"command", "triage"},
      {"status", status},
      {"exit_code", status == "ready" ? 0 : 1},
      {"received", "2026-11-20"},
      {"inputs", json::array({{{"path", "Example.zip"}, {"exit_code", 0}, {"status", status}}})},
      {"limits",
       {{"max_entries", 10000},
        {"max_total_bytes", 2147483648ull},
        {"max_ratio", 100},
        {"ratio_floor_bytes", 10485760},
        {"max_depth", 8},
        {"doc_timeout_seconds", 120},
        {"max_memory_bytes", 2147483648ull},
        {"max_pages", 5000}}},
      {"summary", {{"documents", 2}, {"pages", 3}, {"blockers", 0}, {"warnings", 0}, {"info", 0}}},
      {"documents", json::array({{{"id", "D001"},
                                  {"path", "Example.zip"},
                                  {"parent", ""},
                                  {"sha256", std::string(64, 'a')},
                                  {"size", 1000},
                                  {"media_type", "application/zip"},
                                  {"role", "container"},
                                  {"status", "unpacked"},
                                  {"pages", 0},
                                  {"pages_read", 0},
                                  {"text_sources", json::array()},
                                  {"encrypted", false},
                                  {"set_aside", ""},
                                  {"duplicate_of", ""}},
                                 {{"id", "D002"},
                                  {"path", "Example.zip > Case files/CF01.pdf"},
                                  {"parent", "D001"},
                                  {"sha256", "0123456789abcdef" + std::string(48, 'b')},
                                  {"size", 900},
                                  {"media_type", "application/pdf"},
                                  {"role", "unknown"},
                                  {"status", "read"},
                                  {"pages", 3},
                                  {"pages_read", 3},
                                  {"text_sources", json::array({"text-layer"})},
                                  {"encrypted", false},
                                  {"set_aside", ""},
                                  {"duplicate_of", ""}}})},
      {"findings", std::move(findings)}};
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The part of the page between two markers (exclusive), or "" if either is missing.
std::string Between(const std::string& html, const std::string& from, const std::string& to) {
  const auto a = html.find(from);
  if (a == std::string::npos) return "";
  const auto b = html.find(to, a + from.size());
  if (b == std::string::npos) return "";
  return html.substr(a + from.size(), b - a - from.size());
}

std::vector<std::string> AllMatches(const std::string& text, const std::regex& re) {
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

TEST(ReportHtml, EscapesHostileValuesInTextAndAttributes) {
  json f = Finding("ingest.unsafe-entry", "blocker",
                   "The entry \"../../evil\" & friends tried to leave the archive.");
  f["file"] = "Example.zip > <script>alert(1)</script>.pdf";
  f["masked"] = "<b>'x'</b>";
  json report = Report("needs-action", json::array({f}));
  report["documents"][1]["path"] = "Example.zip > <script>alert(1)</script>.pdf";
  report["documents"][1]["sha256"] = "\"><img src=x onerror=alert(1)>" + std::string(40, 'c');
  report["inputs"][0]["path"] = "<script>alert(2)</script>.zip";
  report["tool"]["version"] = "<iframe>";

  const std::string html = RenderHtml(report);
  const std::string lower = Lower(html);
  EXPECT_FALSE(Contains(lower, "<script")) << html;
  EXPECT_FALSE(Contains(lower, "<img")) << html;
  EXPECT_FALSE(Contains(lower, "<iframe")) << html;
  EXPECT_FALSE(Contains(html, "<b>"));
  EXPECT_TRUE(Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;.pdf"));
  EXPECT_TRUE(Contains(html, "The entry &quot;../../evil&quot; &amp; friends tried"));
  EXPECT_TRUE(Contains(html, "&lt;b&gt;&#39;x&#39;&lt;/b&gt;"));
  // The full hash goes into a title attribute: the quote must not close it.
  EXPECT_TRUE(Contains(html, "title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
}

TEST(ReportHtml, PassesValidUtf8AndReplacesInvalidBytes) {
  json report = Report("ready", json::array());
  // Invented names in other scripts, as a zip might carry them.
  report["documents"][1]["path"] = "Пример.zip > 事例/ケース1.pdf > café";
  // Invalid: a lone continuation byte, a truncated 3-byte sequence, an overlong '/',
  // a surrogate, and a NUL. nlohmann keeps such bytes when the json is built in memory.
  report["inputs"][0]["path"] = std::string(
                                    "a\x80"
                                    "b\xE2\x82"
                                    "c\xC0\xAF"
                                    "d\xED\xA0\x80"
                                    "e") +
                                std::string(1, '\0') + "f";
  const std::string html = RenderHtml(report);
  EXPECT_TRUE(Contains(html, "Пример.zip &gt; 事例/ケース1.pdf &gt; café"));
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_TRUE(Contains(html, "a" + r + "b" + r + "c" + r + r + "d" + r + r + r + "e" + r + "f"))
      << Between(html, "<table class=\"inputs\">", "</table>");
  EXPECT_EQ(html.find('\0'), std::string::npos);
}

TEST(ReportHtml, EachStatusHasItsWords) {
  EXPECT_TRUE(Contains(RenderHtml(Report("ready", json::array())), "No problems found"));
  EXPECT_TRUE(Contains(RenderHtml(Report("password-needed", json::array())),
                       "Locked: a password is needed"));
  EXPECT_TRUE(Contains(RenderHtml(Report("unreadable", json::array())), "Cannot be read"));

  // The overall status panel only: the inputs table has its own status words.
  const auto panel = [](const std::string& html) {
    return Between(html, "<div class=\"status-panel", "</div>");
  };
  const std::string warning_only = panel(RenderHtml(
      Report("needs-action", json::array({Finding("pii.postcode", "warning", "A postcode.")}))));
  EXPECT_TRUE(Contains(warning_only, ">Needs attention<")) << warning_only;
  EXPECT_FALSE(Contains(warning_only, "Cannot be reviewed yet"));

  const std::string with_blocker = panel(RenderHtml(Report(
      "needs-action", json::array({Finding("pii.postcode", "warning", "A postcode."),
                                   Finding("pii.nhs-number", "blocker", "An NHS number.")}))));
  EXPECT_TRUE(Contains(with_blocker, ">Cannot be reviewed yet<")) << with_blocker;
  EXPECT_FALSE(Contains(with_blocker, "Needs attention"));
  EXPECT_TRUE(Contains(with_blocker, "1 problem to fix, 1 warning, 1 document read"));
}

TEST(ReportHtml, StatusIsInWordsAndColourTogether) {
  const std::string html = RenderHtml(Report("ready", json::array()));
  EXPECT_TRUE(Contains(html, "class=\"tag tag-green tag-large\">No problems found</strong>"));
  const std::string red = RenderHtml(Report("unreadable", json::array()));
  EXPECT_TRUE(Contains(red, "class=\"tag tag-red tag-large\">Cannot be read</strong>"));
}

TEST(ReportHtml, WhatToFixListsBlockersThenWarningsAndNoInfo) {
  // Report order mixes severities on purpose.
  const json report =
      Report("needs-action", json::array({Finding("completeness.a", "info", "INFO-ONE"),
                                          Finding("pii.b", "warning", "WARN-ONE"),
                                          Finding("pii.c", "blocker", "BLOCK-ONE"),
                                          Finding("pii.d", "warning", "WARN-TWO"),
                                          Finding("pii.e", "blocker", "BLOCK-TWO")}));
  const std::string html = RenderHtml(report);
  const std::string summary = Between(html, "<section id=\"what-to-fix\"", "</section>");
  ASSERT_FALSE(summary.empty());

  const auto b1 = summary.find("BLOCK-ONE"), b2 = summary.find("BLOCK-TWO");
  const auto w1 = summary.find("WARN-ONE"), w2 = summary.find("WARN-TWO");
  ASSERT_NE(b1, std::string::npos);
  ASSERT_NE(b2, std::string::npos);
  ASSERT_NE(w1, std::string::npos);
  ASSERT_NE(w2, std::string::npos);
  EXPECT_LT(b1, b2);  // report order kept within a group
  EXPECT_LT(b2, w1);  // every blocker before any warning
  EXPECT_LT(w1, w2);
  EXPECT_FALSE(Contains(summary, "INFO-ONE"));
  EXPECT_TRUE(Contains(summary, "Remedy for pii.c."));
  EXPECT_TRUE(Contains(summary, "Example.zip &gt; Case files/CF01.pdf"));
  EXPECT_TRUE(Contains(summary,
                       "p.\xC2\xA0"
                       "2"));

  // Every link points at a row that exists, and the row holds that finding.
  const auto links = AllMatches(summary, std::regex("href=\"#(f-[0-9]+)\""));
  EXPECT_EQ(links.size(), 4u);
  const std::string table = Between(html, "<table class=\"findings\">", "</table>");
  const auto rows = AllMatches(table, std::regex("<tr id=\"(f-[0-9]+)\""));
  EXPECT_EQ(rows.size(), 5u);
  const std::set<std::string> row_ids(rows.begin(), rows.end());
  EXPECT_EQ(row_ids.size(), rows.size()) << "row ids are unique";
  for (const std::string& link : links) {
    EXPECT_TRUE(row_ids.count(link)) << link;
  }
  const std::string first_row = Between(table, "<tr id=\"" + links[0] + "\"", "</tr>");
  EXPECT_TRUE(Contains(first_row, "BLOCK-ONE"));

  // The table: blockers, then warnings, then info.
  const auto tb2 = table.find("BLOCK-TWO"), tw1 = table.find("WARN-ONE"),
             ti = table.find("INFO-ONE");
  EXPECT_LT(table.find("BLOCK-ONE"), tb2);
  EXPECT_LT(tb2, tw1);
  EXPECT_LT(table.find("WARN-TWO"), ti);
}

TEST(ReportHtml, SaysPlainlyWhenNothingNeedsFixing) {
  const std::string html =
      RenderHtml(Report("ready", json::array({Finding("info.x", "info", "INFO-ONLY")})));
  const std::string summary = Between(html, "<section id=\"what-to-fix\"", "</section>");
  EXPECT_TRUE(Contains(summary, "Nothing needs fixing.")) << summary;
  EXPECT_FALSE(Contains(summary, "href=\"#f-"));
}

TEST(ReportHtml, RevealedValueBringsTheDoNotForwardNotice) {
  json masked_only = Finding("pii.nhs-number", "blocker", "An NHS number is readable.");
  masked_only["masked"] = "*** *** *919";
  const std::string safe = RenderHtml(Report("needs-action", json::array({masked_only})));
  EXPECT_FALSE(Contains(safe, "do not forward it"));
  EXPECT_FALSE(Contains(safe, "In full:"));
  EXPECT_TRUE(Contains(safe, "<code>*** *** *919</code>"));
  EXPECT_TRUE(Contains(safe, "before you forward this report"));

  json revealed = masked_only;
  revealed["value"] = "943 476 5919";
  const std::string html = RenderHtml(Report("needs-action", json::array({masked_only, revealed})));
  EXPECT_TRUE(Contains(html, "This report shows personal data in full: do not forward it"));
  EXPECT_LT(html.find("do not forward it"), html.find("<h1>")) << "the notice comes first";
  EXPECT_TRUE(Contains(html, "943 476 5919"));
  EXPECT_FALSE(Contains(html, "before you forward this report"));
}

TEST(ReportHtml, SameReportSameBytes) {
  json f = Finding("pii.nhs-number", "blocker", "An NHS number.");
  f["masked"] = "*** *** *919";
  const json report = Report("needs-action", json::array({f, Finding("x.y", "info", "Info.")}));
  const json copy = json::parse(report.dump());
  EXPECT_EQ(RenderHtml(report), RenderHtml(report));
  EXPECT_EQ(RenderHtml(report), RenderHtml(copy));
}

TEST(ReportHtml, LoadsNothingFromOutside) {
  json f = Finding("pii.email", "warning", "See https://example.invalid/x and http://a.invalid.");
  json report = Report("needs-action", json::array({f}));
  const std::string html = RenderHtml(report);
  // Values are escaped text, never links; the page itself names no URL.
  EXPECT_FALSE(Contains(html, "href=\"http"));
  const std::string page = RenderHtml(Report("needs-action", json::array()));
  const std::string lower = Lower(page);
  EXPECT_FALSE(Contains(lower, "http://"));
  EXPECT_FALSE(Contains(lower, "https://"));
  EXPECT_FALSE(Contains(lower, "<script"));
  EXPECT_FALSE(Contains(lower, "url("));
  EXPECT_FALSE(Contains(lower, "@import"));
  for (auto pos = lower.find("src="); pos != std::string::npos; pos = lower.find("src=", pos + 1)) {
    EXPECT_EQ(lower.compare(pos, 10, "src=\"data:"), 0) << lower.substr(pos, 40);
  }
  for (const std::string& l : {html, page}) {
    EXPECT_TRUE(Contains(l, "<html lang=\"en\">"));
    EXPECT_TRUE(Contains(l, "<meta charset=\"utf-8\">"));
    EXPECT_TRUE(
        Contains(l, "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
    EXPECT_TRUE(Contains(l, "<title>QPM intake report</title>"));
  }
  for (const auto& href : AllMatches(html, std::regex("href=\"([^\"]*)\""))) {
    EXPECT_EQ(href.substr(0, 1), "#") << href;
  }
}

TEST(ReportHtml, EmptyAndMissingPartsRender) {
  json empty = Report("ready", json::array());
  empty["documents"] = json::array();
  empty["inputs"] = json::array();
  std::string html;
  EXPECT_NO_THROW(html = RenderHtml(empty));
  EXPECT_TRUE(Contains(html, "No documents were found."));
  EXPECT_TRUE(Contains(html, "Nothing needs fixing."));

  const json bare = {{"schema_version", 1}};
  EXPECT_NO_THROW(html = RenderHtml(bare));
  EXPECT_TRUE(Contains(html, "Status not recorded"));
  EXPECT_TRUE(Contains(html, "not recorded"));
  EXPECT_TRUE(Contains(html, "</html>"));

  EXPECT_NO_THROW(html = RenderHtml(json::object()));
  EXPECT_NO_THROW(html = RenderHtml(json()));
  EXPECT_NO_THROW(html = RenderHtml(json::array({1, 2})));

  // Findings and documents with keys missing or of another type.
  json odd = {{"status", "needs-action"},
              {"findings", json::array({json::object(),
                                        {{"severity", "blocker"}, {"page", "two"}},
                                        {{"severity", 3}, {"value", nullptr}},
                                        42})},
              {"documents", json::array({json::object(),
                                         {{"id", "D001"}, {"pages", 2.5}, {"encrypted", "maybe"}},
                                         {{"id", "D001"}, {"sha256", 7}}})},
              {"limits", {{"max_total_bytes", -1}, {"new_limit", "x"}}},
              {"summary", "none"}};
  EXPECT_NO_THROW(html = RenderHtml(odd));
  EXPECT_TRUE(Contains(html, "Cannot be reviewed yet"));
  EXPECT_TRUE(Contains(html, "new_limit"));
}

TEST(ReportHtml, DocumentsTableShowsShortHashAndDuplicates) {
  json report = Report("ready", json::array());
  report["documents"][1]["status"] = "set-aside";
  report["documents"][1]["role"] = "duplicate";
  report["documents"][1]["duplicate_of"] = "D001";
  report["documents"][1]["encrypted"] = true;
  const std::string html = RenderHtml(report);
  const std::string docs = Between(html, "<table class=\"documents\">", "</table>");
  const std::string full = "0123456789abcdef" + std::string(48, 'b');
  EXPECT_TRUE(Contains(docs, "<code title=\"" + full + "\">0123456789ab\xE2\x80\xA6</code>"));
  EXPECT_TRUE(Contains(docs, "Duplicate of <a href=\"#doc-D001\">D001</a>"));
  EXPECT_TRUE(Contains(docs, "<tr id=\"doc-D001\">"));
  EXPECT_TRUE(Contains(docs, "<strong>Yes</strong>"));
  EXPECT_TRUE(Contains(docs, "3 of 3"));
}

TEST(ReportHtml, LimitsInFriendlyUnits) {
  json report = Report("ready", json::array());
  report["limits"]["ratio_floor_bytes"] = 1572864;  // 1.5 MiB
  const std::string html = RenderHtml(report);
  const std::string limits = Between(html, "<table class=\"limits\">", "</table>");
  EXPECT_TRUE(Contains(limits, ">2 GiB<"));
  EXPECT_TRUE(Contains(limits, ">1.5 MiB<"));
  EXPECT_TRUE(Contains(limits, "120 seconds"));
  EXPECT_TRUE(Contains(limits, "10,000 files"));
  EXPECT_TRUE(Contains(limits, "100 to 1"));
  EXPECT_FALSE(Contains(limits, "OCR"));  // a report from before OCR had no such limit
  report["limits"]["ocr_page_timeout_seconds"] = 45;
  EXPECT_TRUE(
      Contains(RenderHtml(report), "Time to read one scanned page by OCR</th><td>45 seconds"));
  report["limits"]["ocr_page_timeout_seconds"] = 0;
  EXPECT_TRUE(Contains(RenderHtml(report), "not read (OCR off)"));
  EXPECT_TRUE(Contains(html, "qpm-intake version 0.1.0"));
  EXPECT_TRUE(Contains(html, "schema version 1"));
  EXPECT_TRUE(Contains(html, "2026-11-20"));
}

}  // namespace
}  // namespace qpm::report

namespace qpm::report {
namespace {

TEST(ReportHtmlTriage, WorkbookAnswersAndCaseFilesAreTablesInWords) {
  json report = Report("needs-action", json::array());
  report["band"] = 2;
  report["band_reason"] = "the workbook states 18 whole-time-equivalent advocates";
  report["workbook"] = {{"document", "D002"},
                        {"file", "Example.zip > Workbook.pdf"},
                        {"issued", "2026-09-01"},
                        {"answers", json::array({{{"indicator", "1.1"},
                                                  {"kind", "tick"},
                                                  {"state", "ticked"},
                                                  {"words", 0},
                                                  {"page", 2},
                                                  {"source", "form field"},
                                                  {"in_profile", true}},
                                                 {{"indicator", "1.2"},
                                                  {"kind", "narrative"},
                                                  {"state", "empty"},
                                                  {"words", 0},
                                                  {"page", 2},
                                                  {"source", "text"},
                                                  {"in_profile", true}},
                                                 {{"indicator", "12.9"},
                                                  {"kind", "narrative"},
                                                  {"state", "answered"},
                                                  {"words", 57},
                                                  {"page", 3},
                                                  {"source", "text"},
                                                  {"in_profile", false}}})}};
  report["components"] = {"referral form", "consent form"};
  report["case_files"] = json::array(
      {{{"id", "CF01"},
        {"documents", {"D003"}},
        {"components",
         {{"referral form",
           {{"present", true},
            {"heading", "Referral form"},
            {"pages", json::array({{{"document", "D003"}, {"first", 1}, {"last", 2}}})}}},
          {"consent form", {{"present", false}, {"heading", ""}, {"pages", json::array()}}}}}}});
  std::string html = RenderHtml(report);
  EXPECT_NE(html.find("<strong>Band 2</strong>, because the workbook states 18 "
                      "whole-time-equivalent advocates."),
            std::string::npos);
  EXPECT_NE(html.find("3 indicators found: 1 ticked, 1 answered in writing, 1 left blank."),
            std::string::npos);
  EXPECT_NE(html.find("12.9 <span class=\"small\">(not in the profile)</span>"), std::string::npos);
  EXPECT_NE(html.find("No answer"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\">Referral form</th><th scope=\"col\">Consent form</th>"),
            std::string::npos);
  EXPECT_NE(html.find("pp. 1&ndash;2"), std::string::npos);
  EXPECT_NE(html.find("Missing"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#submission\">What was sent</a>"), std::string::npos);
  report["command"] = "scan";
  EXPECT_EQ(RenderHtml(report).find("What was sent"), std::string::npos);
}

TEST(ReportHtmlTriage, AnUnknownBandSaysHowToGiveIt) {
  json report = Report("needs-action", json::array());
  report["band"] = nullptr;
  std::string html = RenderHtml(report);
  EXPECT_NE(html.find("Band not known"), std::string::npos);
  EXPECT_NE(html.find("<code>--wte N</code>"), std::string::npos);
}

// What the band asks for and the deadlines, in words, with where they came from.
TEST(ReportHtmlTriage, WhatTheBandAsksForAndTheDeadlines) {
  json report = Report("needs-action", json::array());
  report["band"] = 1;
  report["band_reason"] = "--wte 6";
  report["required"] = {
      {"case_files", 5}, {"reports", {{"imca", 5}, {"care-act", 1}}}, {"source", "band 1"}};
  report["workbook"] = {{"name", "Assessment Workbook"}, {"answers", json::array()}};
  for (const auto& [judged, says] : std::vector<std::pair<std::string, std::string>>{
           {"2026-12-01", "In time"},
           {"2026-12-02", "Late"},
           {"2027-03-02", "Past the final deadline"}}) {
    report["deadlines"] = {{"issued", "2026-09-01"},
                           {"recommended", "2026-12-01"},
                           {"final", "2027-03-01"},
                           {"judged_on", judged},
                           {"judged_on_source", "the date received"}};
    std::string html = RenderHtml(report);
    EXPECT_NE(html.find("<strong>Asked for</strong>: 5 case files, 1 care-act report and 5 imca "
                        "reports (band 1)."),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("the Assessment Workbook was issued on 2026-09-01; recommended by "
                        "2026-12-01, final deadline 2027-03-01. Judged on " +
                        judged + " (the date received): "),
              std::string::npos);
    EXPECT_NE(html.find(">" + says + "<"), std::string::npos) << judged;
  }
  report["deadlines"]["issued"] = "";
  EXPECT_NE(RenderHtml(report).find("<strong>Deadlines not known</strong>: the Assessment "
                                    "Workbook's issue date could not be read."),
            std::string::npos);
}

// A profile without bands (an application form): no band, no counts, no case files;
// the form is called by its name and a contact question says what it asks for.
TEST(ReportHtmlTriage, AnApplicationFormHasNoBandOrCaseFiles) {
  json report = Report("needs-action", json::array());
  report["band"] = nullptr;
  report["required"] = nullptr;
  report["workbook"] = {{"name", "Gateway application form"},
                        {"answers", json::array({{{"indicator", "Q12"},
                                                  {"kind", "contact"},
                                                  {"state", "empty"},
                                                  {"words", 0},
                                                  {"page", 3},
                                                  {"source", "text"},
                                                  {"in_profile", true}}})}};
  report["case_files"] = json::array();
  std::string html = RenderHtml(report);
  EXPECT_EQ(html.find("<strong>Band"), std::string::npos);
  EXPECT_EQ(html.find("Asked for"), std::string::npos);
  EXPECT_EQ(html.find("id=\"case-files\""), std::string::npos);
  EXPECT_NE(html.find("<h3 id=\"workbook\">Gateway application form: answers</h3>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>Contact details</td>"), std::string::npos);
}

// The titles name the quality mark as report.json's "quality_mark" (the profile's words)
// does; a report without it (a scan, an older report) names QPM, as before.
TEST(ReportHtmlTriage, TitlesTakeTheProfilesWords) {
  json report = Report("needs-action", json::array());
  std::string qpm = RenderHtml(report);
  EXPECT_TRUE(Contains(qpm, "<title>QPM intake report</title>"));
  EXPECT_TRUE(Contains(qpm, "<p class=\"caption\">Advocacy QPM submission: triage</p>"));
  EXPECT_TRUE(Contains(qpm, "<h1>QPM intake report</h1>"));
  report["quality_mark"] = {{"title", "Quality Mark for micro-providers, Gateway application"},
                            {"mark", "Quality Mark Gateway"},
                            {"mark_in_full", "Quality Mark for micro-providers"},
                            {"submission", "Quality Mark Gateway application"},
                            {"assessment", "Gateway review"},
                            {"reference_prefix", "QMG"}};
  std::string gateway = RenderHtml(report);
  EXPECT_TRUE(Contains(gateway, "<title>Quality Mark Gateway intake report</title>"));
  EXPECT_TRUE(
      Contains(gateway, "<p class=\"caption\">Quality Mark Gateway application: triage</p>"));
  EXPECT_TRUE(Contains(gateway, "<h1>Quality Mark Gateway intake report</h1>"));
  EXPECT_FALSE(Contains(gateway, "QPM"));
  EXPECT_FALSE(Contains(Lower(gateway), "desktop assessment"));
  // The profile's words are text, never mark-up.
  report["quality_mark"]["mark"] = "<b>Mark</b>";
  EXPECT_TRUE(Contains(RenderHtml(report), "<h1>&lt;b&gt;Mark&lt;/b&gt; intake report</h1>"));
}

// A quality mark that sets no timescale: the report says so, and shows no dates.
TEST(ReportHtmlTriage, NoTimescaleShowsNoDeadlines) {
  json report = Report("ready", json::array());
  report["workbook"] = {{"name", "Gateway application form"}, {"answers", json::array()}};
  report["quality_mark"] = {{"mark", "Quality Mark Gateway"}};
  for (const char* issued : {"2026-09-01", ""}) {
    report["deadlines"] = {{"issued", issued}, {"recommended", ""},      {"final", ""},
                           {"judged_on", ""},  {"judged_on_source", ""}, {"timescale", false}};
    std::string html = RenderHtml(report);
    EXPECT_TRUE(Contains(html,
                         "<p><strong>No deadlines</strong>: the Quality Mark Gateway sets no "
                         "timescale for the Gateway application form.</p>"))
        << issued;
    EXPECT_FALSE(Contains(html, "recommended by"));
    EXPECT_FALSE(Contains(html, "Deadlines not known"));
  }
}

}  // namespace
}  // namespace qpm::report

namespace qpm::report {
namespace {

TEST(ReportHtml, FindingsLinkToTheirBundlePage) {
  json f = Finding("pii.nhs-number", "blocker", "An NHS number is readable on this page.");
  f["bundle_page"] = 57;
  json r = Report("needs-action", json::array({f}));
  r["bundle"] = {{"file", "bundle.pdf"},  {"written", true}, {"forced", true},
                 {"reason", ""},          {"pages", 412},    {"sha256", std::string(64, 'b')},
                 {"notes", json::array()}};
  std::string html = RenderHtml(r);
  // In "What to fix" and in the findings table.
  size_t first = html.find("href=\"bundle.pdf#page=57\"");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(html.find("href=\"bundle.pdf#page=57\"", first + 1), std::string::npos);
  EXPECT_NE(html.find("412 pages"), std::string::npos);
  EXPECT_NE(html.find("made with --force"), std::string::npos);
  // A finding the bundle does not show has no link.
  r["findings"][0].erase("bundle_page");
  EXPECT_EQ(RenderHtml(r).find("bundle.pdf#page="), std::string::npos);
}

TEST(ReportHtml, WithheldBundleSaysWhyAtTheTop) {
  json r = Report("needs-action", json::array({Finding("pii.nhs-number", "blocker", "NHS.")}));
  r["bundle"] = {{"file", "bundle.pdf"},
                 {"written", false},
                 {"forced", false},
                 {"reason", "The bundle is withheld: 1 problem <remains>."}};
  std::string html = RenderHtml(r);
  size_t notice = html.find("No review bundle was made.");
  size_t fix = html.find("id=\"what-to-fix\"");
  ASSERT_NE(notice, std::string::npos);
  EXPECT_LT(notice, fix);  // in the status panel, before "What to fix"
  EXPECT_NE(html.find("The bundle is withheld: 1 problem &lt;remains&gt;."), std::string::npos);
  EXPECT_EQ(html.find("href=\"bundle.pdf\""), std::string::npos);
}

TEST(ReportHtml, ChecksTableShowsWhatEachCheckFound) {
  json r = Report("needs-action", json::array());
  r["checks"] = json::array({{{"rule", "pii.nhs-number"},
                              {"checks", "no readable NHS number"},
                              {"category", "personal-data"},
                              {"blockers", 2},
                              {"warnings", 0},
                              {"info", 0}},
                             {{"rule", "pii.email"},
                              {"checks", "no readable email address"},
                              {"category", "personal-data"},
                              {"blockers", 0},
                              {"warnings", 0},
                              {"info", 0}}});
  std::string html = RenderHtml(r);
  size_t table = html.find("id=\"checks\"");
  ASSERT_NE(table, std::string::npos);
  size_t nhs = html.find("No readable NHS number", table);
  size_t email = html.find("No readable email address", table);
  ASSERT_NE(nhs, std::string::npos);
  ASSERT_NE(email, std::string::npos);
  EXPECT_NE(html.substr(nhs, email - nhs).find("2 problems to fix"), std::string::npos);
  EXPECT_NE(html.find("Nothing found", email), std::string::npos);
}

}  // namespace
}  // namespace qpm::report
