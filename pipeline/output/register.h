// pipeline/output/register.h — the register of an inbox: where every submission stands.
//
// `qpm-intake inbox DIR -o OUTDIR` triages each submission of a mailbox into its own
// folder; the register lists them all, one row each, in OUTDIR/index.json (for
// programs), index.csv (for a spreadsheet) and index.html (for people). index.json is
// made first, from what the inbox knows and each submission's report.json; the CSV and
// the HTML are made from index.json alone, so the three always agree. docs/register.md
// describes every field, the urgency rules and how the page sorts without a script.
//
// Pure: no I/O, no clock, no locale (the day it is judged on is given). Deterministic:
// the same Register gives the same bytes. Never throws on a well-formed Register; a
// report.json with missing or mistyped fields gives a row with those fields absent.
// Personal data only as the reports hold it (masked): messages are copied, not read.
#ifndef QPM_PIPELINE_OUTPUT_REGISTER_H_
#define QPM_PIPELINE_OUTPUT_REGISTER_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace qpm::reg {

inline constexpr int kSchemaVersion = 1;

// One submission as the inbox knows it.
struct Entry {
  // Its folder under OUTDIR, e.g. "QPM-1a2b3c4d"; links are relative to it.
  std::string folder;
  std::string reference;  // "QPM-1a2b3c4d"
  // The organisation's mail domain ("brightadvocacy.org.uk") or, for webmail, the
  // address masked.
  std::string sender;
  // The files in DIR it was made from, in date order (names as in DIR, personal data
  // in them masked by the caller).
  std::vector<std::string> emails;
  std::string received;       // YYYY-MM-DD: its first email's date; "" when not known
  std::string last_received;  // its latest email's date
  // false: its inputs had not changed since the last run, so it was not triaged again.
  bool triaged_now = false;
  int exit_code = 0;         // triage's exit code (0 ready, 1 needs action, 3, 4, 5, 15, 130...)
  std::string error;         // why triage did not finish, when it did not ("" otherwise)
  nlohmann::json report;     // its report.json as written; null when there is none
  int assessment_weeks = 0;  // the profile's time for the assessor after receipt; 0: none (Gateway)
};

struct Register {
  std::string today;      // YYYY-MM-DD the register is judged on
  int due_soon_days = 7;  // "nearly due": within this many days
  std::vector<Entry> entries;
};

// index.json: {"schema": "qpm-intake-register", "schema_version": 1, "today",
// "due_soon_days", "summary", "rows"}, one row per entry, sorted by date received
// (unknown last), then reference. Each row's fields, and the rules for "urgency",
// are in docs/register.md. A `today` that is not a date judges no row: every
// urgency is "".
nlohmann::json RegisterJson(const Register& r);

// index.csv, from index.json's rows in their order: RFC 4180 (CRLF line ends, a field
// with a comma, quote or line break quoted, quotes doubled), UTF-8 with a byte-order
// mark (Excel reads the file as UTF-8 only with it), a header row, then one line per
// row with the columns of the HTML table. A cell that starts with = + - @, a tab or a
// carriage return gets a leading ' so that a spreadsheet never runs it as a formula.
std::string RegisterCsv(const nlohmann::json& index);

// index.html, from index.json: one self-contained page (CSS inline, no script, no
// external resource, a Content-Security-Policy that allows none) with a table of
// every row, status in words and colour, overdue and nearly-due rows marked by a word
// and a stripe, links to each report.html and bundle.pdf. The table is there three
// times, sorted by date received (shown first), by urgency and by organisation; links
// between them switch with CSS :target alone. Every value is HTML-escaped.
std::string RegisterHtml(const nlohmann::json& index);

}  // namespace qpm::reg

#endif  // QPM_PIPELINE_OUTPUT_REGISTER_H_
