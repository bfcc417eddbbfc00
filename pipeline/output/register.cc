// pipeline/output/register.cc — see register.h; the fields and rules are in
// docs/register.md.
//
// The register is made in two steps: RegisterJson decides everything (status, words,
// colour, urgency, links), and the CSV and HTML only lay out what it decided, so that
// a rule changes in one place and the three files cannot disagree. As in
// report_html.cc, every value reaches the page through one escaping function
// (AppendText), and reports are read through accessors that take a missing key or a
// value of another type as absent.
#include "pipeline/output/register.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/dates.h"
#include "pipeline/core/html_text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/output/register_css.h"
#include "pipeline/output/report_css.h"

namespace qpm::reg {
namespace {

using nlohmann::json;

constexpr int kMaxProblems = 5;  // problems listed in a row; the rest are counted

// ---------------------------------------------------------------------------
// Reading JSON: a missing key, null, or a value of another type is absent.

const json* Get(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string Str(const json& obj, const char* key) {
  const json* v = Get(obj, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

std::optional<int64_t> Int(const json& obj, const char* key) {
  const json* v = Get(obj, key);
  if (v == nullptr || !v->is_number_integer()) return std::nullopt;
  if (v->is_number_unsigned()) {
    const auto u = v->get<uint64_t>();
    return u > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(u);
  }
  return v->get<int64_t>();
}

bool Bool(const json& obj, const char* key) {
  const json* v = Get(obj, key);
  return v != nullptr && v->is_boolean() && v->get<bool>();
}

const json& Object(const json& obj, const char* key) {
  static const json kEmpty = json::object();
  const json* v = Get(obj, key);
  return v != nullptr && v->is_object() ? *v : kEmpty;
}

// ---------------------------------------------------------------------------
// Dates

std::optional<Date> DateIn(const std::string& text) { return ParseIsoDate(text); }

json DateOrNull(const std::optional<Date>& d) { return d ? json(ToIso(*d)) : json(nullptr); }

// Days since 1970-01-01 (H. Hinnant's days_from_civil): dates.h counts forwards only.
int64_t DayNumber(const Date& d) {
  const int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t month_from_march = (d.month + 9) % 12;
  const int64_t day_of_year = (153 * month_from_march + 2) / 5 + d.day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::string Plural(int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// ---------------------------------------------------------------------------
// A row's status, problems and urgency

struct Status {
  std::string word, words, colour;
};

Status StatusOf(const Entry& e, int64_t blockers, int64_t warnings) {
  if (!e.error.empty()) return {"not-triaged", "Not triaged: " + e.error, "grey"};
  if (e.report.is_null()) return {"not-triaged", "Not triaged: no report was written", "grey"};
  const std::string status = Str(e.report, "status");
  if (status.empty()) return {"", "Status not recorded", "grey"};
  if (status == "ready") return {status, "Ready for the assessor", "green"};
  if (status == "needs-action") {
    const std::string to_check = Plural(warnings, "warning", "warnings") + " to check";
    if (blockers > 0) {
      std::string words = "Needs action: " + Plural(blockers, "problem", "problems") + " to fix";
      if (warnings > 0) words += ", " + to_check;
      return {status, words, "red"};
    }
    if (warnings > 0) return {status, "Needs action: " + to_check, "amber"};
    return {status, "Needs action: see the report", "amber"};
  }
  if (status == "password-needed") return {status, "Locked: a password is needed", "red"};
  if (status == "unreadable") return {status, "Could not be read", "red"};
  if (status == "error") {
    return {status, "Stopped with an error (exit code " + std::to_string(e.exit_code) + ")",
            "grey"};
  }
  return {status, "Status: " + status, "grey"};
}

// Blocker messages, then warnings', in report order; one message said of several
// findings is listed once, with how many. Sets *more to the findings not listed.
json Problems(const json& report, int64_t* more) {
  std::vector<std::pair<std::string, int64_t>> listed;  // message, times
  int64_t not_listed = 0;
  const json* findings = Get(report, "findings");
  for (const char* severity : {"blocker", "warning"}) {
    if (findings == nullptr || !findings->is_array()) break;
    for (const json& f : *findings) {
      if (Str(f, "severity") != severity) continue;
      std::string message = Str(f, "message");
      if (message.empty()) message = "A " + std::string(severity) + " with no message";
      auto same = std::find_if(listed.begin(), listed.end(),
                               [&](const auto& item) { return item.first == message; });
      if (same != listed.end()) {
        ++same->second;
      } else if (listed.size() < kMaxProblems) {
        listed.emplace_back(std::move(message), 1);
      } else {
        ++not_listed;
      }
    }
  }
  *more = not_listed;
  json out = json::array();
  for (const auto& [message, times] : listed) {
    out.push_back(times == 1 ? message : message + " (" + std::to_string(times) + " times)");
  }
  return out;
}

struct Urgency {
  std::string word, words;
  std::optional<Date> due;
  std::string due_is;  // "assessment" | "final" | ""
  std::optional<int64_t> days_left;
};

std::string InDays(int64_t days) {
  return days == 0 ? "today" : "in " + Plural(days, "day", "days");
}

// docs/register.md, "Urgency", says the same in words.
Urgency UrgencyOf(const std::optional<Date>& today, int due_soon_days,
                  const std::optional<Date>& received, const std::optional<Date>& final_by,
                  const std::optional<Date>& assessment_due) {
  Urgency u;
  if (assessment_due) {
    u.due = assessment_due, u.due_is = "assessment";
  } else if (!received && final_by) {
    u.due = final_by, u.due_is = "final";
  }
  // "the assessment was due 3 days ago", "the final deadline is in 2 days"
  const std::string what = u.due_is == "assessment" ? "the assessment " : "the final deadline ";
  const std::string due = u.due_is == "assessment" ? "due " : "";
  if (today && u.due) u.days_left = DayNumber(*u.due) - DayNumber(*today);
  if (u.days_left && *u.days_left < 0) {
    u.word = "overdue";
    u.words = "Overdue: " + what + "was " + due + Plural(-*u.days_left, "day", "days") + " ago";
    if (u.due_is == "final") u.words += " (date received not known)";
  } else if (received && final_by && *received > *final_by) {
    u.word = "late";
    u.words = "Late: received after the final deadline";
  } else if (u.days_left && *u.days_left <= std::max(due_soon_days, 0)) {
    u.word = "due-soon";
    u.words = "Due soon: " + what + "is " + due + InDays(*u.days_left);
  }
  return u;
}

// A link to a file in a submission's folder, relative to OUTDIR: the folder name
// percent-encoded, so that no name can leave OUTDIR or end the attribute; null for a
// folder that is none ("", ".", ".."; URLs read "%2E%2E" as "..").
json Link(const std::string& folder, std::string_view file) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (folder.empty() || folder == "." || folder == "..") return nullptr;
  std::string out;
  for (const char c : folder) {
    const auto b = static_cast<unsigned char>(c);
    const bool plain = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                       b == '-' || b == '_' || b == '~' || b == '.';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out + "/" + std::string(file);
}

json Row(const Entry& e, const std::optional<Date>& today, int due_soon_days) {
  const json& report = e.report.is_object() ? e.report : json::object();
  const json& submission = Object(report, "submission");
  const json& summary = Object(report, "summary");
  const json& deadlines = Object(report, "deadlines");

  std::optional<Date> received = DateIn(e.received);
  if (!received) received = DateIn(Str(report, "received"));
  const std::optional<Date> final_by = DateIn(Str(deadlines, "final"));
  std::optional<Date> assessment_due;
  if (received && e.assessment_weeks > 0)
    assessment_due = AddDays(*received, 7 * e.assessment_weeks);

  int64_t blockers = Int(summary, "blockers").value_or(0);
  int64_t warnings = Int(summary, "warnings").value_or(0);
  if (Get(summary, "blockers") == nullptr) {  // an older report: count its findings
    if (const json* fs = Get(report, "findings"); fs != nullptr && fs->is_array()) {
      for (const json& f : *fs) {
        blockers += Str(f, "severity") == "blocker";
        warnings += Str(f, "severity") == "warning";
      }
    }
  }
  const Status status = StatusOf(e, blockers, warnings);
  int64_t more = 0;
  json problems = Problems(report, &more);
  const Urgency urgency = UrgencyOf(today, due_soon_days, received, final_by, assessment_due);

  std::string reference = Str(submission, "reference");
  if (reference.empty()) reference = e.reference;
  std::string organisation = Str(submission, "organisation");
  if (organisation.empty()) organisation = e.sender;
  std::string profile = Str(submission, "profile");
  if (profile.empty()) profile = Str(report, "profile");
  const json* band = Get(report, "band");

  json row = json::object();
  row["reference"] = reference;
  row["folder"] = e.folder;
  row["organisation"] = organisation;
  row["sender"] = e.sender;
  row["profile"] = profile;
  row["profile_title"] = Str(submission, "profile_title");
  row["band"] = band != nullptr && band->is_number_integer() ? *band : json(nullptr);
  row["received"] = DateOrNull(received);
  row["last_received"] = DateOrNull(DateIn(e.last_received));
  row["emails"] = e.emails.size();
  row["files"] = e.emails;
  row["status"] = status.word;
  row["status_words"] = status.words;
  row["colour"] = status.colour;
  row["blockers"] = blockers;
  row["warnings"] = warnings;
  row["problems"] = std::move(problems);
  row["more_problems"] = more;
  row["issued"] = DateOrNull(DateIn(Str(deadlines, "issued")));
  row["recommended_by"] = DateOrNull(DateIn(Str(deadlines, "recommended")));
  row["final_by"] = DateOrNull(final_by);
  row["assessment_due"] = DateOrNull(assessment_due);
  row["due"] = DateOrNull(urgency.due);
  row["due_is"] = urgency.due_is;
  row["days_left"] = urgency.days_left ? json(*urgency.days_left) : json(nullptr);
  row["urgency"] = urgency.word;
  row["urgency_words"] = urgency.words;
  row["report"] = e.report.is_null() ? json(nullptr) : Link(e.folder, "report.html");
  row["bundle"] =
      Bool(Object(report, "bundle"), "written") ? Link(e.folder, "bundle.pdf") : json(nullptr);
  row["triaged_now"] = e.triaged_now;
  row["exit_code"] = e.exit_code;
  row["error"] = e.error;
  return row;
}

// ---------------------------------------------------------------------------
// Orders

// ISO dates compare as text; a row with no date comes after every row with one.
bool ByReceived(const json& a, const json& b) {
  const std::string ra = Str(a, "received"), rb = Str(b, "received");
  if (ra.empty() != rb.empty()) return rb.empty();
  if (ra != rb) return ra < rb;
  const std::string fa = Str(a, "reference"), fb = Str(b, "reference");
  if (fa != fb) return fa < fb;
  return Str(a, "folder") < Str(b, "folder");
}

int UrgencyRank(const json& row) {
  const std::string u = Str(row, "urgency");
  return u == "overdue" ? 0 : u == "due-soon" ? 1 : u == "late" ? 2 : 3;
}

// Overdue (longest overdue first), due soon (soonest first), late, the rest by due
// date (none last); ties by date received.
std::vector<json> ByUrgency(std::vector<json> rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
    if (UrgencyRank(a) != UrgencyRank(b)) return UrgencyRank(a) < UrgencyRank(b);
    const auto da = Int(a, "days_left"), db = Int(b, "days_left");
    if (da.has_value() != db.has_value()) return da.has_value();
    return da && *da < *db;
  });
  return rows;
}

// Letters compared without case (ASCII), the empty name last; ties by date received.
std::vector<json> ByOrganisation(std::vector<json> rows) {
  const auto key = [](const json& row) {
    std::string s = Str(row, "organisation");
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  };
  std::stable_sort(rows.begin(), rows.end(), [&key](const json& a, const json& b) {
    const std::string ka = key(a), kb = key(b);
    if (ka.empty() != kb.empty()) return kb.empty();
    return ka < kb;
  });
  return rows;
}

// ---------------------------------------------------------------------------
// The cells both the CSV and the HTML show, as plain text

std::string BandText(const json& row) {
  const auto band = Int(row, "band");
  return band ? std::to_string(*band) : "";
}

std::vector<std::string> ProblemLines(const json& row) {
  std::vector<std::string> lines;
  if (const json* p = Get(row, "problems"); p != nullptr && p->is_array()) {
    for (const json& item : *p) {
      if (item.is_string()) lines.push_back(item.get<std::string>());
    }
  }
  if (const auto more = Int(row, "more_problems"); more && *more > 0) {
    lines.push_back("and " + std::to_string(*more) + " more in the report");
  }
  return lines;
}

// ---------------------------------------------------------------------------
// CSV

void AppendCsvCell(std::string& out, std::string cell) {
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(0, 1, '\'');
  }
  cell = ValidUtf8(cell);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (const char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// ---------------------------------------------------------------------------
// HTML

std::string Esc(std::string_view s) { return EscapeHtml(s); }

constexpr std::string_view kNotKnown = "<span class=\"absent\">not known</span>";

std::string DateCell(const json& row, const char* key) {
  const std::string d = Str(row, key);
  return d.empty() ? std::string(kNotKnown) : Esc(d);
}

std::string TagClass(std::string_view colour) {
  return colour == "green"   ? "tag-green"
         : colour == "amber" ? "tag-orange"
         : colour == "red"   ? "tag-red"
                             : "tag-grey";
}

struct View {
  std::string_view id, name, caption;
};

constexpr View kViews[] = {
    {"by-received", "date received", "oldest first; not known last"},
    {"by-urgency", "urgency", "overdue first, then due soon, then late, then by due date"},
    {"by-organisation", "organisation", "A to Z"},
};

void AppendOrganisationCell(std::string& out, const json& row) {
  const std::string organisation = Str(row, "organisation");
  const std::string sender = Str(row, "sender");
  out += "<th scope=\"row\">";
  out += organisation.empty() ? std::string(kNotKnown) : Esc(organisation);
  if (!sender.empty() && sender != organisation) {
    out += "<span class=\"line small\">from " + Esc(sender) + "</span>";
  }
  const int64_t emails = Int(row, "emails").value_or(0);
  out += "<span class=\"line small\">" + Plural(emails, "email", "emails") + "</span></th>";
}

// The reference, then links to its report and bundle; each link's text names the
// reference for a screen reader, which may list the page's links out of their rows.
void AppendReferenceCell(std::string& out, const json& row) {
  const std::string reference = Esc(Str(row, "reference"));
  const std::string of = "<span class=\"visually-hidden\"> of " + reference + "</span>";
  const std::string report = Str(row, "report");
  const std::string bundle = Str(row, "bundle");
  out += "<td><span class=\"line\">" + reference + "</span><span class=\"line\">";
  out += report.empty() ? std::string("No report")
                        : "<a href=\"" + Esc(report) + "\">Report" + of + "</a>";
  out += " &middot; ";
  out += bundle.empty() ? std::string("no bundle")
                        : "<a href=\"" + Esc(bundle) + "\">Bundle" + of + "</a>";
  out += "</span></td>";
}

void AppendRow(std::string& out, const json& row) {
  const std::string urgency = Str(row, "urgency");
  out += urgency.empty() ? "<tr>" : "<tr class=\"urgency-" + Esc(urgency) + "\">";
  AppendOrganisationCell(out, row);
  AppendReferenceCell(out, row);
  const std::string band = BandText(row);
  out += "<td>" + (band.empty() ? std::string(kNotKnown) : Esc(band)) + "</td>";
  out += "<td>" + DateCell(row, "received") + "</td>";
  out += "<td><strong class=\"tag " + TagClass(Str(row, "colour")) + "\">" +
         Esc(Str(row, "status_words")) + "</strong></td>";
  out += "<td>";
  const std::vector<std::string> problems = ProblemLines(row);
  if (problems.empty()) {
    const std::string status = Str(row, "status");
    out += status == "ready" || status == "needs-action" ? "None" : "&ndash;";
  } else {
    out += "<ul class=\"problems\">";
    for (const std::string& p : problems) out += "<li>" + Esc(p) + "</li>";
    out += "</ul>";
  }
  out += "</td><td>" + DateCell(row, "recommended_by") + "</td><td>" + DateCell(row, "final_by") +
         "</td><td>";
  const std::string due = Str(row, "assessment_due");
  out += due.empty() ? "&ndash;" : Esc(due);
  out += "</td><td>";
  if (!urgency.empty()) {
    const std::string words = Str(row, "urgency_words");
    const std::size_t colon = words.find(": ");
    const bool red = urgency == "overdue" || urgency == "late";
    out += "<strong class=\"tag " + std::string(red ? "tag-red" : "tag-orange") + "\">" +
           Esc(words.substr(0, colon)) + "</strong>";
    if (colon != std::string::npos) {
      out += "<span class=\"line small\">" + Esc(words.substr(colon + 2)) + "</span>";
    }
  }
  out += "</td></tr>\n";
}

void AppendView(std::string& out, const View& view, const std::vector<json>& rows) {
  out += "<section class=\"view\" id=\"" + std::string(view.id) + "\" aria-label=\"Sorted by " +
         std::string(view.name) + "\">\n<p class=\"sort\">Sorted by: ";
  for (const View& other : kViews) {
    if (&other != &kViews[0]) out += " &middot; ";
    if (other.id == view.id) {
      out += "<strong aria-current=\"true\">" + std::string(other.name) + "</strong>";
    } else {
      out += "<a href=\"#" + std::string(other.id) + "\">" + std::string(other.name) + "</a>";
    }
  }
  out += "</p>\n";
  if (rows.empty()) {
    out += "<p>No submissions were found in the inbox.</p>\n</section>\n";
    return;
  }
  out +=
      "<div class=\"table-wrap\">\n<table class=\"register\">\n<caption>Submissions, by " +
      std::string(view.name) + " (" + std::string(view.caption) +
      ")</caption>\n<colgroup><col class=\"c-org\"><col class=\"c-ref\"><col class=\"c-band\">"
      "<col class=\"c-date\"><col class=\"c-status\"><col class=\"c-problems\">"
      "<col class=\"c-date\"><col class=\"c-date\"><col class=\"c-date\"><col class=\"c-urgency\">"
      "</colgroup>\n<thead><tr><th scope=\"col\">Organisation</th><th scope=\"col\">Reference"
      "</th><th scope=\"col\">Band</th><th scope=\"col\">Received</th><th scope=\"col\">Status"
      "</th><th scope=\"col\">Problems to fix</th><th scope=\"col\">Recom&shy;mended by</th>"
      "<th scope=\"col\">Final deadline</th><th scope=\"col\">Assess&shy;ment due</th>"
      "<th scope=\"col\">Urgency</th></tr></thead>\n<tbody>\n";
  for (const json& row : rows) AppendRow(out, row);
  out += "</tbody>\n</table>\n</div>\n</section>\n";
}

void AppendSummary(std::string& out, const json& index, const std::vector<json>& rows) {
  const json& s = Object(index, "summary");
  const auto n = [&s](const char* key) { return Int(s, key).value_or(0); };
  out += "<p class=\"counts\">" +
         Plural(static_cast<int64_t>(rows.size()), "submission", "submissions") +
         "</p>\n<ul class=\"tally\">\n";
  struct Part {
    const char* key;
    const char* tag;
    const char* words;
  };
  constexpr Part kParts[] = {
      {"green", "tag-green", "ready for the assessor"},
      {"amber", "tag-orange", "with warnings to check"},
      {"red", "tag-red", "with problems to fix, locked or unreadable"},
      {"grey", "tag-grey", "not triaged, or stopped"},
      {"overdue", "tag-red", "overdue"},
      {"due_soon", "tag-orange", "due soon"},
      {"late", "tag-red", "received after the final deadline"},
  };
  for (const Part& p : kParts) {
    if (n(p.key) == 0) continue;
    out += "<li><strong class=\"tag " + std::string(p.tag) + "\">" + std::to_string(n(p.key)) +
           "</strong> " + p.words + "</li>\n";
  }
  out += "</ul>\n";
}

constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Register of submissions</title>
<style>
)";

void AppendHowToRead(std::string& out, int64_t due_soon_days) {
  out +=
      "<section class=\"panel\" aria-labelledby=\"how-to-read-title\">\n"
      "<h2 id=\"how-to-read-title\">How to read this register</h2>\n<dl class=\"legend\">\n"
      "<dt><strong class=\"tag tag-green\">Ready</strong></dt><dd>Triage found nothing to fix: "
      "the submission can go to the assessor.</dd>\n"
      "<dt><strong class=\"tag tag-orange\">Warnings</strong></dt><dd>Nothing stops the review, "
      "but check the warnings in its report first.</dd>\n"
      "<dt><strong class=\"tag tag-red\">Problems</strong></dt><dd>Problems to fix, a file "
      "locked with a password, or a file that could not be read: ask the organisation.</dd>\n"
      "<dt><strong class=\"tag tag-grey\">Not triaged</strong></dt><dd>Triage did not finish; "
      "the row says why.</dd>\n</dl>\n<p><strong>Urgency.</strong> <q>Overdue</q>: the "
      "assessment due date (or, when the date received is not known, the final deadline) is "
      "before the day this register was made. <q>Late</q>: received after the final deadline. "
      "<q>Due soon</q>: due within " +
      Plural(due_soon_days, "day", "days") +
      ". The problems are the first few from each report, as it words them; its report has "
      "them all, with where they are.</p>\n<p><strong>Sorting.</strong> This page has no "
      "script. The same table is here three times, in three orders; the <q>Sorted by</q> "
      "links show one and hide the others. The same rows are in <a href=\"index.csv\">"
      "index.csv</a> (for a spreadsheet) and <a href=\"index.json\">index.json</a>.</p>\n"
      "</section>\n";
}

}  // namespace

json RegisterJson(const Register& r) {
  const std::optional<Date> today = DateIn(r.today);
  std::vector<json> rows;
  rows.reserve(r.entries.size());
  for (const Entry& e : r.entries) rows.push_back(Row(e, today, r.due_soon_days));
  std::sort(rows.begin(), rows.end(), ByReceived);
  json summary = {{"submissions", rows.size()},
                  {"green", 0},
                  {"amber", 0},
                  {"red", 0},
                  {"grey", 0},
                  {"overdue", 0},
                  {"due_soon", 0},
                  {"late", 0}};
  for (const json& row : rows) {
    summary[Str(row, "colour")] = summary[Str(row, "colour")].get<int>() + 1;
    const std::string u = Str(row, "urgency");
    const std::string key = u == "due-soon" ? "due_soon" : u;
    if (!key.empty()) summary[key] = summary[key].get<int>() + 1;
  }
  return {{"schema", "qpm-intake-register"},
          {"schema_version", kSchemaVersion},
          {"today", today ? json(ToIso(*today)) : json(nullptr)},
          {"due_soon_days", std::max(r.due_soon_days, 0)},
          {"summary", std::move(summary)},
          {"rows", std::move(rows)}};
}

std::string RegisterCsv(const json& index) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark, for Excel
  const char* const kHeader[] = {"Organisation",   "Sender",         "Reference",
                                 "Band",           "Received",       "Emails",
                                 "Status",         "Colour",         "Problems to fix",
                                 "Recommended by", "Final deadline", "Assessment due",
                                 "Urgency",        "Report",         "Bundle"};
  for (const char* h : kHeader) out += std::string(h == kHeader[0] ? "" : ",") + h;
  out += "\r\n";
  const json* rows = Get(index, "rows");
  if (rows == nullptr || !rows->is_array()) return out;
  for (const json& row : *rows) {
    std::string problems;
    for (const std::string& line : ProblemLines(row)) {
      problems += (problems.empty() ? "" : "\n") + line;
    }
    const std::vector<std::string> cells = {Str(row, "organisation"),
                                            Str(row, "sender"),
                                            Str(row, "reference"),
                                            BandText(row),
                                            Str(row, "received"),
                                            std::to_string(Int(row, "emails").value_or(0)),
                                            Str(row, "status_words"),
                                            Str(row, "colour"),
                                            problems,
                                            Str(row, "recommended_by"),
                                            Str(row, "final_by"),
                                            Str(row, "assessment_due"),
                                            Str(row, "urgency_words"),
                                            Str(row, "report"),
                                            Str(row, "bundle")};
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      AppendCsvCell(out, cells[i]);
    }
    out += "\r\n";
  }
  return out;
}

std::string RegisterHtml(const json& index) {
  std::vector<json> rows;
  if (const json* r = Get(index, "rows"); r != nullptr && r->is_array()) {
    rows.assign(r->begin(), r->end());
  }
  std::string out(kHead);
  out += report::kReportCss;
  out += kRegisterCss;
  out += "</style>\n</head>\n<body>\n<main>\n<header>\n<p class=\"caption\">";
  // The quality mark's name only when every row has the same one: another mark's
  // register never says "QPM".
  std::set<std::string> titles;
  for (const json& row : rows) {
    if (!Str(row, "profile_title").empty()) titles.insert(Str(row, "profile_title"));
  }
  out += titles.size() == 1 ? Esc(*titles.begin()) : std::string("Submissions received");
  out += "</p>\n<h1>Register of submissions</h1>\n<p>";
  const std::string today = Str(index, "today");
  out += today.empty() ? "The day it was made is not known, so nothing is marked overdue."
                       : "Made on " + Esc(today) + "; urgency is judged on that day.";
  out += "</p>\n";
  AppendSummary(out, index, rows);
  out += "</header>\n<div class=\"views\">\n";
  // The default order comes last: `.view:target ~ #by-received` hides it when
  // another order is chosen (register.css).
  AppendView(out, kViews[1], ByUrgency(rows));
  AppendView(out, kViews[2], ByOrganisation(rows));
  AppendView(out, kViews[0], rows);
  out += "</div>\n";
  AppendHowToRead(out, Int(index, "due_soon_days").value_or(0));
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace qpm::reg
