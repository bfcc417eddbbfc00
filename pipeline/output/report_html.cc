// pipeline/output/report_html.cc — see report_html.h.
//
// The page is built by hand rather than from a template: every value passes
// through AppendText, which is the one place that escapes and repairs UTF-8, so a
// reviewer can check escaping by reading one function. The JSON is read through
// small accessors that return "absent" for a missing key or a value of the wrong
// type, so a report from a newer or older writer still renders.
#include "pipeline/output/report_html.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/html_text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/output/report_css.h"

namespace qpm::report {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------
// Escaping

void AppendText(std::string& out, std::string_view s) { AppendEscapedHtml(out, s); }

std::string Esc(std::string_view s) { return EscapeHtml(s); }

// ---------------------------------------------------------------------------
// Reading the report: a missing key, null, or a value of another type is "absent".

const json* Get(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

const std::string* Str(const json& obj, const char* key) {
  const json* v = Get(obj, key);
  return v != nullptr && v->is_string() ? &v->get_ref<const std::string&>() : nullptr;
}

std::string_view StrOr(const json& obj, const char* key, std::string_view fallback = "") {
  const std::string* s = Str(obj, key);
  return s != nullptr ? std::string_view(*s) : fallback;
}

std::optional<int64_t> Int(const json& obj, const char* key) {
  const json* v = Get(obj, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number_unsigned()) {
    const auto u = v->get<uint64_t>();
    constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    return static_cast<int64_t>(u > kMax ? kMax : u);
  }
  if (v->is_number_integer()) return v->get<int64_t>();
  return std::nullopt;
}

std::optional<uint64_t> Uint(const json& obj, const char* key) {
  const json* v = Get(obj, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number_unsigned()) return v->get<uint64_t>();
  if (v->is_number_integer() && v->get<int64_t>() >= 0) {
    return static_cast<uint64_t>(v->get<int64_t>());
  }
  return std::nullopt;
}

// Any value as text: strings as they are, everything else in its JSON form.
std::string AsText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

const json& EmptyObject() {
  static const json kEmpty = json::object();
  return kEmpty;
}

// The elements of report[key] when it is an array; nullopt when absent.
std::optional<std::vector<const json*>> Items(const json& report, const char* key) {
  const json* v = Get(report, key);
  if (v == nullptr || !v->is_array()) return std::nullopt;
  std::vector<const json*> items;
  for (const json& item : *v) items.push_back(item.is_object() ? &item : &EmptyObject());
  return items;
}

// ---------------------------------------------------------------------------
// Words

std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Count(uint64_t n, std::string_view one, std::string_view many) {
  return Thousands(n) + " " + std::string(n == 1 ? one : many);
}

// 2147483648 -> "2 GiB", 1572864 -> "1.5 MiB". Integer arithmetic: no locale.
std::string Bytes(uint64_t n) {
  struct Unit {
    uint64_t size;
    const char* name;
  };
  constexpr Unit kUnits[] = {
      {1ull << 40, "TiB"}, {1ull << 30, "GiB"}, {1ull << 20, "MiB"}, {1ull << 10, "KiB"}};
  for (const Unit& unit : kUnits) {
    if (n < unit.size) continue;
    uint64_t whole = n / unit.size;
    uint64_t tenths = ((n % unit.size) * 10 + unit.size / 2) / unit.size;
    if (tenths == 10) ++whole, tenths = 0;
    std::string out = Thousands(whole);
    if (tenths != 0) out += "." + std::to_string(tenths);
    return out + " " + unit.name;
  }
  return Count(n, "byte", "bytes");
}

const char* const kAbsent = "<span class=\"absent\">not recorded</span>";

struct Tag {
  std::string words;  // already escaped
  std::string_view colour;
};

std::string TagHtml(const Tag& tag, std::string_view extra_class = "") {
  std::string out = "<strong class=\"tag tag-";
  out += tag.colour;
  if (!extra_class.empty()) out += " " + std::string(extra_class);
  out += "\">" + tag.words + "</strong>";
  return out;
}

struct Overall {
  Tag tag;
  std::string_view explanation;
};

Overall OverallStatus(const std::string* status, uint64_t blockers) {
  if (status == nullptr) {
    return {{"Status not recorded", "grey"},
            "The report does not say whether the submission is ready. Read the findings below."};
  }
  if (*status == "ready") {
    return {{"No problems found", "green"},
            "Nothing needs fixing in what this version checks (see \u201cHow to read this "
            "report\u201d for what that is)."};
  }
  if (*status == "needs-action" && blockers > 0) {
    return {{"Cannot be reviewed yet", "red"},
            "The problems listed under \xE2\x80\x9CWhat to fix\xE2\x80\x9D must be fixed before "
            "the assessor can review the submission."};
  }
  if (*status == "needs-action") {
    return {{"Needs attention", "orange"},
            "Nothing stops the review, but check the warnings below before the submission goes "
            "to the assessor."};
  }
  if (*status == "password-needed") {
    return {{"Locked: a password is needed", "red"},
            "Something in the submission is locked with a password we do not have. Ask the "
            "organisation for the password, then run the check again."};
  }
  if (*status == "unreadable") {
    return {{"Cannot be read", "red"},
            "At least one file could not be opened at all. Ask the organisation to send it "
            "again."};
  }
  return {{"Status: " + Esc(*status), "grey"},
          "This status is not one this page knows. Read the findings below."};
}

Tag InputStatus(const std::string* status) {
  if (status == nullptr) return {kAbsent, "grey"};
  if (*status == "ready") return {"No problems found", "green"};
  if (*status == "needs-action") return {"Needs attention", "orange"};
  if (*status == "password-needed") return {"Locked: a password is needed", "red"};
  if (*status == "unreadable") return {"Cannot be read", "red"};
  return {Esc(*status), "grey"};
}

Tag SeverityTag(const std::string* severity) {
  if (severity == nullptr) return {"Not recorded", "grey"};
  if (*severity == "blocker") return {"Blocker", "red"};
  if (*severity == "warning") return {"Warning", "orange"};
  if (*severity == "info") return {"Info", "blue"};
  return {Esc(*severity), "grey"};
}

std::string CategoryWords(std::string_view category) {
  if (category == "ingest") return "Opening the files";
  if (category == "extract") return "Reading the text";
  if (category == "completeness") return "Completeness";
  if (category == "personal-data") return "Personal data";
  if (category == "redaction") return "Redaction";
  if (category == "hidden-data") return "Hidden data";
  return Esc(category);
}

std::string DocStatusWords(std::string_view status) {
  if (status == "pending") return "Not read yet";
  if (status == "read") return "Read";
  if (status == "partly-read") return "Partly read";
  if (status == "failed") return "Could not be read";
  if (status == "not-read") return "Not read: this type is not read yet";
  if (status == "set-aside") return "Set aside";
  if (status == "unpacked") return "Opened: its files are listed below";
  return Esc(status);
}

std::string RoleWords(std::string_view role) {
  if (role == "unknown") return "Not identified";
  if (role == "container") return "Container";
  if (role == "email") return "Email";
  if (role == "junk") return "Junk";
  if (role == "duplicate") return "Duplicate";
  if (role == "replaced") return "Replaced";
  return Esc(role);
}

// Media types in words; the media type itself goes in the title attribute.
std::string MediaTypeHtml(std::string_view media_type) {
  struct Name {
    std::string_view type, words;
  };
  constexpr Name kNames[] = {
      {"application/pdf", "PDF"},
      {"application/zip", "Zip file"},
      {"message/rfc822", "Email (.eml)"},
      {"application/vnd.ms-outlook", "Outlook message (.msg)"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
       "Word document (.docx)"},
      {"application/msword",
       "Word 97\xE2\x80\x93"
       "2003 document (.doc)"},
      {"application/vnd.oasis.opendocument.text", "OpenDocument text (.odt)"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
       "Excel workbook (.xlsx)"},
      {"application/rtf", "Rich Text (.rtf)"},
      {"application/vnd.ms-excel",
       "Excel 97\xE2\x80\x93"
       "2003 workbook (.xls)"},
      {"application/vnd.ms-powerpoint",
       "PowerPoint 97\xE2\x80\x93"
       "2003 presentation (.ppt)"},
      {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
       "PowerPoint (.pptx)"},
      {"application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet (.ods)"},
      {"application/vnd.oasis.opendocument.presentation", "OpenDocument presentation (.odp)"},
      {"application/x-ole-storage", "Outlook message (.msg) or other OLE file"},
      {"text/plain", "Plain text"},
      {"text/html", "Web page (HTML)"},
      {"image/jpeg", "JPEG image"},
      {"image/png", "PNG image"},
      {"image/tiff", "TIFF image"},
      {"image/gif", "GIF image"},
      {"image/webp", "WebP image"},
      {"image/heic", "HEIC image"},
      {"application/octet-stream", "Not recognised"},
  };
  for (const Name& name : kNames) {
    if (name.type == media_type) {
      return "<span title=\"" + Esc(media_type) + "\">" + std::string(name.words) + "</span>";
    }
  }
  return Esc(media_type);
}

// A rule id with break opportunities after its dots: "ingest.<wbr>unreadable".
std::string RuleHtml(std::string_view rule) {
  std::string out;
  for (std::size_t start = 0; start < rule.size();) {
    const std::size_t dot = rule.find('.', start);
    const std::size_t end = dot == std::string_view::npos ? rule.size() : dot + 1;
    AppendText(out, rule.substr(start, end - start));
    if (end < rule.size()) out += "<wbr>";
    start = end;
  }
  return out;
}

std::string FieldWords(std::string_view field) {
  constexpr std::string_view kMetadata = "metadata:";
  constexpr std::string_view kHeader = "email header:";
  if (field.substr(0, kMetadata.size()) == kMetadata) {
    return "Document property: " + Esc(field.substr(kMetadata.size()));
  }
  if (field.substr(0, kHeader.size()) == kHeader) {
    return "Email header: " + Esc(field.substr(kHeader.size()));
  }
  if (field == "file name") return "File name";
  return Esc(field);
}

// A document id usable in a fragment without encoding ("D003" -> "doc-D003").
bool SafeId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// The page

// The page up to its title, from the title to its style sheet, and from the style
// sheet to the first section. The style sheet itself is report.css (report_css.h), a
// file of its own so that it can be read and edited as CSS.
constexpr std::string_view kHeadToTitle = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>)";
// After the title's words: "QPM intake report".
constexpr std::string_view kTitleToStyle = R"( intake report</title>
<style>
)";
constexpr std::string_view kStyleToMain = R"(</style>
</head>
<body>
<main>
)";

struct Finding {
  const json* j;
  int display_id;  // N of #f-N, in table order
};

struct Totals {
  uint64_t blockers = 0, warnings = 0, info = 0;
  bool from_findings = false, from_summary = false;
};

void AppendCountsLine(std::string& out, const Totals& t,
                      const std::optional<std::vector<const json*>>& documents,
                      const json& report) {
  std::vector<std::string> parts;   // the headline: what needs doing, what was read
  std::vector<std::string> detail;  // the rest, in a smaller line below
  if (t.from_findings || t.from_summary) {
    parts.push_back(t.blockers == 0 ? "No problems to fix"
                                    : Count(t.blockers, "problem to fix", "problems to fix"));
    parts.push_back(t.warnings == 0 ? "no warnings" : Count(t.warnings, "warning", "warnings"));
    if (t.info > 0) {
      detail.push_back(Count(t.info, "note for information", "notes for information"));
    }
  }
  if (documents.has_value()) {
    uint64_t read = 0, partly = 0, failed = 0, not_read = 0;
    for (const json* d : *documents) {
      const std::string_view status = StrOr(*d, "status");
      if (status == "read") ++read;
      if (status == "partly-read") ++partly;
      if (status == "failed") ++failed;
      if (status == "not-read" || status == "pending") ++not_read;
    }
    parts.push_back(Count(read, "document read", "documents read"));
    if (partly > 0) {
      detail.push_back(
          Count(partly, "document was only partly read", "documents were only partly read"));
    }
    if (failed > 0) {
      detail.push_back(Count(failed, "document could not be read", "documents could not be read"));
    }
    if (not_read > 0) {
      detail.push_back(Count(not_read, "document was not read", "documents were not read"));
    }
  } else if (const json* summary = Get(report, "summary")) {
    if (const auto n = Uint(*summary, "documents")) {
      parts.push_back(Count(*n, "document", "documents"));
    }
  }
  const auto join = [](const std::vector<std::string>& items) {
    std::string joined;
    for (const std::string& item : items) joined += (joined.empty() ? "" : ", ") + item;
    return joined;
  };
  if (!parts.empty()) out += "<p class=\"counts\">" + join(parts) + "</p>\n";
  if (!detail.empty()) out += "<p class=\"counts-detail\">Also: " + join(detail) + ".</p>\n";
}

std::string NumberCell(const json& obj, const char* key);

// " · bundle p. 57", linked to that page of bundle.pdf, when the bundle shows it.
std::string BundleLink(const json& f) {
  const auto page = Int(f, "bundle_page");
  if (!page || *page <= 0) return "";
  std::string n = std::to_string(*page);
  return " \xC2\xB7 <a class=\"bundle-link\" href=\"bundle.pdf#page=" + n + "\">bundle p.\xC2\xA0" +
         n + "</a>";
}

// The review bundle: written, written with --force, or withheld and why.
void AppendBundle(std::string& out, const json& report) {
  const json* b = Get(report, "bundle");
  if (b == nullptr || !b->is_object()) return;
  const auto written = Get(*b, "written");
  const bool is_written = written != nullptr && written->is_boolean() && written->get<bool>();
  const auto forced = Get(*b, "forced");
  const bool is_forced = forced != nullptr && forced->is_boolean() && forced->get<bool>();
  const char* box = !is_written ? "box-red" : is_forced ? "box-orange" : "box-green";
  out += "<section id=\"bundle\" class=\"summary-box " + std::string(box) +
         "\" aria-labelledby=\"bundle-title\">\n<h2 id=\"bundle-title\">Review bundle</h2>\n";
  if (is_written) {
    std::string pages = NumberCell(*b, "pages");
    out += "<p><a href=\"bundle.pdf\">bundle.pdf</a>: " + pages +
           " pages, with a cover, an index and bookmarks. Page numbers in this report link to "
           "it.</p>\n";
    if (is_forced) {
      out +=
          "<p><strong>It was written with <code>--force</code> while problems with personal "
          "data remain.</strong> Its cover says so. Do not send it on until they are "
          "fixed.</p>\n";
    }
  } else {
    const std::string* reason = Str(*b, "reason");
    out += "<p><strong>No bundle was made.</strong> " +
           (reason != nullptr ? Esc(*reason) : std::string(kAbsent)) + "</p>\n";
  }
  if (const auto notes = Items(*b, "notes"); notes.has_value() && !notes->empty()) {
    out += "<p>Shown other than as sent:</p>\n<ul>\n";
    for (const json* n : *notes) out += "<li>" + Esc(AsText(*n)) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</section>\n";
}

// Every check the run made, with what it found: "Nothing found" is a result too.
void AppendChecks(std::string& out, const json& report) {
  const auto checks = Items(report, "checks");
  if (!checks.has_value() || checks->empty()) return;
  out +=
      "<section id=\"checks\" aria-labelledby=\"checks-title\">\n"
      "<h2 id=\"checks-title\">Checks</h2>\n<p>Every check this run made, and what it "
      "found. Each finding is listed under All findings.</p>\n"
      "<div class=\"table-wrap\">\n<table class=\"checks\">\n<thead><tr><th scope=\"col\">"
      "Check</th><th scope=\"col\">Kind</th><th scope=\"col\">Result</th><th scope=\"col\">"
      "Rule</th></tr></thead>\n<tbody>\n";
  for (const json* c : *checks) {
    const auto blockers = Int(*c, "blockers").value_or(0);
    const auto warnings = Int(*c, "warnings").value_or(0);
    const auto info = Int(*c, "info").value_or(0);
    Tag tag{"Nothing found", "green"};
    if (blockers > 0) {
      tag = {Count(static_cast<size_t>(blockers), "problem", "problems") + " to fix", "red"};
    } else if (warnings > 0) {
      tag = {Count(static_cast<size_t>(warnings), "warning", "warnings"), "orange"};
    } else if (info > 0) {
      tag = {Count(static_cast<size_t>(info), "note", "notes"), "blue"};
    }
    const std::string* title = Str(*c, "checks");
    const std::string* category = Str(*c, "category");
    const std::string* rule = Str(*c, "rule");
    std::string words = title != nullptr ? *title : "";
    if (!words.empty()) {
      words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
    }
    out += "<tr><td>" + (title != nullptr ? Esc(words) : std::string(kAbsent)) + "</td><td>" +
           (category != nullptr ? CategoryWords(*category) : std::string(kAbsent)) + "</td><td>" +
           TagHtml(tag) + "</td><td class=\"rule\">" +
           (rule != nullptr ? RuleHtml(*rule) : std::string(kAbsent)) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n</section>\n";
}

// "file · p. 2 · Document property: Author", for the "What to fix" list.
std::string PlaceLine(const json& f) {
  std::string out;
  const std::string* file = Str(f, "file");
  if (file != nullptr && !file->empty()) {
    out += Esc(*file);
  } else if (file != nullptr) {
    out += "The submission as a whole";
  } else {
    out += kAbsent;
  }
  if (const auto page = Int(f, "page"); page && *page > 0) {
    out += " \xC2\xB7 p.\xC2\xA0" + std::to_string(*page);
  }
  if (const std::string* field = Str(f, "field"); field != nullptr && !field->empty()) {
    out += " \xC2\xB7 " + FieldWords(*field);
  }
  out += BundleLink(f);
  return out;
}

void AppendSummaryItems(std::string& out, const std::vector<Finding>& items) {
  for (const Finding& f : items) {
    const std::string id = std::to_string(f.display_id);
    out += "<li><a href=\"#f-" + id + "\">";
    const std::string* message = Str(*f.j, "message");
    out += message != nullptr && !message->empty() ? Esc(*message)
                                                   : "Finding " + id + " (no message recorded)";
    out += "</a>\n<span class=\"where\">" + PlaceLine(*f.j) + "</span>\n";
    if (const std::string* remedy = Str(*f.j, "remedy"); remedy != nullptr && !remedy->empty()) {
      out += "<span class=\"remedy\"><strong>What to do:</strong> " + Esc(*remedy) + "</span>\n";
    }
    out += "</li>\n";
  }
}

void AppendWhatToFix(std::string& out, const std::vector<Finding>& blockers,
                     const std::vector<Finding>& warnings, const std::string* status,
                     bool have_findings) {
  const char* box = !blockers.empty() ? "box-red" : !warnings.empty() ? "box-orange" : "box-green";
  out += "<section id=\"what-to-fix\" class=\"summary-box ";
  out += box;
  out +=
      "\" aria-labelledby=\"what-to-fix-title\">\n<h2 id=\"what-to-fix-title\">What to fix</h2>\n";
  if (blockers.empty() && warnings.empty()) {
    if (!have_findings) {
      out += "<p>The report does not list its findings, so we cannot say what needs fixing.</p>\n";
    } else if (status == nullptr || *status == "ready") {
      out += "<p>Nothing needs fixing. No problems or warnings were found.</p>\n";
    } else {
      out +=
          "<p>No problems or warnings are listed, but the overall status above says the "
          "submission is not ready. Check the inputs table below.</p>\n";
    }
    out += "</section>\n";
    return;
  }
  if (!blockers.empty()) {
    out += "<h3>" + Count(blockers.size(), "problem", "problems") +
           " to fix before the assessor can review the submission</h3>\n"
           "<ol class=\"summary-list blockers\">\n";
    AppendSummaryItems(out, blockers);
    out += "</ol>\n";
  }
  if (!warnings.empty()) {
    out += "<h3>" + Count(warnings.size(), "warning", "warnings") +
           ": check these, they may be fine</h3>\n<ol class=\"summary-list warnings\">\n";
    AppendSummaryItems(out, warnings);
    out += "</ol>\n";
  }
  out += "</section>\n";
}

void AppendFindingsTable(std::string& out, const std::vector<Finding>& ordered, bool present,
                         const std::set<std::string>& doc_anchors) {
  out +=
      "<section id=\"findings\" aria-labelledby=\"findings-title\">\n"
      "<h2 id=\"findings-title\">All findings</h2>\n";
  if (!present) {
    out +=
        "<p>The report does not list any findings. " + std::string(kAbsent) + "</p>\n</section>\n";
    return;
  }
  if (ordered.empty()) {
    out += "<p>No findings: every check passed.</p>\n</section>\n";
    return;
  }
  out +=
      "<p>Problems to fix come first, then warnings, then notes for information.</p>\n"
      "<div class=\"table-wrap\">\n<table class=\"findings\">\n"
      "<colgroup><col class=\"c-sev\"><col class=\"c-check\"><col class=\"c-where\">"
      "<col class=\"c-found\"><col class=\"c-do\"></colgroup>\n"
      "<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Check</th>"
      "<th scope=\"col\">Where</th><th scope=\"col\">What we found</th>"
      "<th scope=\"col\">What to do</th></tr></thead>\n<tbody>\n";
  for (const Finding& f : ordered) {
    const json& j = *f.j;
    const std::string* severity = Str(j, "severity");
    const char* row_class = "sev-other";
    if (severity != nullptr && *severity == "blocker") row_class = "sev-blocker";
    if (severity != nullptr && *severity == "warning") row_class = "sev-warning";
    if (severity != nullptr && *severity == "info") row_class = "sev-info";
    out += "<tr id=\"f-" + std::to_string(f.display_id) + "\" class=\"" + row_class + "\">\n";

    out += "<td>" + TagHtml(SeverityTag(severity)) + "</td>\n";

    out += "<td>";
    if (const std::string* category = Str(j, "category")) {
      out += "<span class=\"line\">" + CategoryWords(*category) + "</span>";
    }
    if (const std::string* rule = Str(j, "rule")) {
      out += "<span class=\"line rule\">" + RuleHtml(*rule) + "</span>";
    } else {
      out += "<span class=\"line\">" + std::string(kAbsent) + "</span>";
    }
    out += "</td>\n";

    out += "<td>";
    const std::string* file = Str(j, "file");
    if (file == nullptr) {
      out += "<span class=\"line\">" + std::string(kAbsent) + "</span>";
    } else if (file->empty()) {
      out += "<span class=\"line\">The submission as a whole</span>";
    } else {
      out += "<span class=\"line\">" + Esc(*file) + "</span>";
    }
    if (const auto page = Int(j, "page"); page && *page > 0) {
      out += "<span class=\"line\">p.\xC2\xA0" + std::to_string(*page) + "</span>";
    }
    if (const std::string* field = Str(j, "field"); field != nullptr && !field->empty()) {
      out += "<span class=\"line\">" + FieldWords(*field) + "</span>";
    }
    if (const auto bp = Int(j, "bundle_page"); bp && *bp > 0) {
      std::string n = std::to_string(*bp);
      out += "<span class=\"line\"><a class=\"bundle-link\" href=\"bundle.pdf#page=" + n +
             "\">bundle p.\xC2\xA0" + n + "</a></span>";
    }
    if (const std::string* doc = Str(j, "document"); doc != nullptr && doc_anchors.count(*doc)) {
      out += "<span class=\"line small\">Document <a href=\"#doc-" + *doc + "\">" + *doc +
             "</a></span>";
    }
    out += "</td>\n";

    out += "<td>";
    const std::string* message = Str(j, "message");
    out += "<span class=\"line\">" +
           (message != nullptr && !message->empty() ? Esc(*message) : std::string(kAbsent)) +
           "</span>";
    if (const std::string* masked = Str(j, "masked"); masked != nullptr && !masked->empty()) {
      out += "<span class=\"line\"><span class=\"label\">Shown masked:</span> <code>" +
             Esc(*masked) + "</code></span>";
    }
    if (const json* value = Get(j, "value")) {
      out +=
          "<span class=\"line\"><span class=\"label\">In full:</span> <code class=\"revealed\">" +
          Esc(AsText(*value)) + "</code></span>";
    }
    out += "</td>\n";

    const std::string* remedy = Str(j, "remedy");
    out += "<td>" + (remedy != nullptr && !remedy->empty() ? Esc(*remedy) : std::string(kAbsent)) +
           "</td>\n</tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n</section>\n";
}

std::string NumberCell(const json& obj, const char* key) {
  if (const auto n = Int(obj, key)) return std::to_string(*n);
  if (const json* v = Get(obj, key)) return Esc(AsText(*v));
  return "?";
}

void AppendDocumentsTable(std::string& out, const std::optional<std::vector<const json*>>& docs,
                          const std::set<std::string>& doc_anchors) {
  out +=
      "<section id=\"documents\" aria-labelledby=\"documents-title\">\n"
      "<h2 id=\"documents-title\">Documents</h2>\n";
  if (!docs.has_value()) {
    out +=
        "<p>The report does not list the documents. " + std::string(kAbsent) + "</p>\n</section>\n";
    return;
  }
  if (docs->empty()) {
    out += "<p>No documents were found.</p>\n</section>\n";
    return;
  }
  out +=
      "<p>Every file found, in the order it was found. A path such as "
      "<q>mail.eml &gt; Submission.zip &gt; CF01.pdf</q> means CF01.pdf inside "
      "Submission.zip, attached to mail.eml.</p>\n"
      "<div class=\"table-wrap\">\n<table class=\"documents\">\n"
      "<colgroup><col class=\"c-id\"><col class=\"c-path\"><col class=\"c-type\">"
      "<col class=\"c-role\"><col class=\"c-status\"><col class=\"c-pages\">"
      "<col class=\"c-aside\"><col class=\"c-enc\"><col class=\"c-sha\"></colgroup>\n"
      "<thead><tr><th scope=\"col\">ID</th><th scope=\"col\">Path</th>"
      "<th scope=\"col\">File type</th><th scope=\"col\">Role</th><th scope=\"col\">Status</th>"
      "<th scope=\"col\">Pages read</th><th scope=\"col\">Set aside</th>"
      "<th scope=\"col\">Password-protected</th><th scope=\"col\">SHA-256</th></tr></thead>\n"
      "<tbody>\n";
  for (const json* d : *docs) {
    const std::string* id = Str(*d, "id");
    if (id != nullptr && doc_anchors.count(*id)) {
      out += "<tr id=\"doc-" + *id + "\">";
    } else {
      out += "<tr>";
    }
    out += "<th scope=\"row\">" + (id != nullptr ? Esc(*id) : std::string(kAbsent)) + "</th>";

    const std::string* path = Str(*d, "path");
    out += "<td>" + (path != nullptr ? Esc(*path) : std::string(kAbsent)) + "</td>";

    const std::string* media = Str(*d, "media_type");
    out += "<td>" + (media != nullptr ? MediaTypeHtml(*media) : std::string(kAbsent)) + "</td>";

    const std::string* role = Str(*d, "role");
    const std::string* label = Str(*d, "role_label");
    out += "<td>";
    if (label != nullptr && !label->empty()) {
      out += "<span class=\"line\">" + Esc(*label) + "</span>";
      const std::string* reason = Str(*d, "role_reason");
      const json* sure = Get(*d, "role_confidence");
      if (reason != nullptr && !reason->empty()) {
        out += "<span class=\"line small\">Why: " + Esc(*reason);
        if (sure != nullptr && sure->is_number() && sure->get<double>() > 0) {
          out +=
              " (" + std::to_string(static_cast<int>(sure->get<double>() * 100 + 0.5)) + "% sure)";
        }
        out += "</span>";
      }
    } else {
      out += role != nullptr ? RoleWords(*role) : std::string(kAbsent);
    }
    out += "</td>";

    const std::string* status = Str(*d, "status");
    out += "<td>" + (status != nullptr ? DocStatusWords(*status) : std::string(kAbsent)) + "</td>";

    out += "<td>";
    if (Get(*d, "pages") == nullptr && Get(*d, "pages_read") == nullptr) {
      out += kAbsent;
    } else if (Int(*d, "pages") == 0 && Int(*d, "pages_read") == 0) {
      out += "No pages";  // a container or an email: its files have their own rows
    } else {
      out += NumberCell(*d, "pages_read") + " of " + NumberCell(*d, "pages");
    }
    out += "</td>";

    out += "<td>";
    const std::string* aside = Str(*d, "set_aside");
    const std::string* dup = Str(*d, "duplicate_of");
    if (aside == nullptr && dup == nullptr) {
      out += kAbsent;
    } else {
      if (aside != nullptr && !aside->empty())
        out += "<span class=\"line\">" + Esc(*aside) + "</span>";
      if (dup != nullptr && !dup->empty()) {
        out += "<span class=\"line\">Duplicate of ";
        out +=
            doc_anchors.count(*dup) ? "<a href=\"#doc-" + *dup + "\">" + *dup + "</a>" : Esc(*dup);
        out += "</span>";
      }
    }
    out += "</td>";

    const json* enc = Get(*d, "encrypted");
    out += "<td>";
    if (enc == nullptr) {
      out += kAbsent;
    } else if (enc->is_boolean()) {
      out += enc->get<bool>() ? "<strong>Yes</strong>" : "No";
    } else {
      out += Esc(AsText(*enc));
    }
    out += "</td>";

    const std::string* sha = Str(*d, "sha256");
    out += "<td>";
    if (sha == nullptr || sha->empty()) {
      out += kAbsent;
    } else if (sha->size() > 12) {
      out += "<code title=\"" + Esc(*sha) + "\">" + Esc(sha->substr(0, 12)) + "\xE2\x80\xA6</code>";
    } else {
      out += "<code>" + Esc(*sha) + "</code>";
    }
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n</section>\n";
}

void AppendInputsTable(std::string& out, const std::optional<std::vector<const json*>>& inputs) {
  out +=
      "<section id=\"inputs\" aria-labelledby=\"inputs-title\">\n"
      "<h2 id=\"inputs-title\">Inputs</h2>\n";
  if (!inputs.has_value()) {
    out += "<p>The report does not list its inputs. " + std::string(kAbsent) + "</p>\n</section>\n";
    return;
  }
  if (inputs->empty()) {
    out += "<p>No inputs are listed.</p>\n</section>\n";
    return;
  }
  out +=
      "<p>What was checked, as named when the check was run, and the outcome for each.</p>\n"
      "<div class=\"table-wrap\">\n<table class=\"inputs\">\n"
      "<colgroup><col class=\"c-path\"><col class=\"c-status\"><col class=\"c-exit\"></colgroup>\n"
      "<thead><tr><th scope=\"col\">Path</th><th scope=\"col\">Status</th>"
      "<th scope=\"col\">Exit code</th></tr></thead>\n<tbody>\n";
  for (const json* in : *inputs) {
    const std::string* path = Str(*in, "path");
    out += "<tr><td>" + (path != nullptr ? Esc(*path) : std::string(kAbsent)) + "</td>";
    const std::string* status = Str(*in, "status");
    out += "<td>" + (status != nullptr ? TagHtml(InputStatus(status)) : std::string(kAbsent)) +
           "</td>";
    out +=
        "<td>" +
        (Get(*in, "exit_code") != nullptr ? NumberCell(*in, "exit_code") : std::string(kAbsent)) +
        "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n</section>\n";
}

void AppendHowToRead(std::string& out, bool revealed) {
  out += R"(<section id="how-to-read" class="panel" aria-labelledby="how-to-read-title">
<h2 id="how-to-read-title">How to read this report</h2>
<dl class="legend">
<dt><strong class="tag tag-red">Blocker</strong></dt>
<dd>A problem to fix. The assessor cannot review the submission until it is fixed.</dd>
<dt><strong class="tag tag-orange">Warning</strong></dt>
<dd>Something to check. It may be fine, but look at it before the submission goes to the assessor.</dd>
<dt><strong class="tag tag-blue">Info</strong></dt>
<dd>For information only. Nothing needs to be done.</dd>
</dl>
<p>Each problem says where it is: the file, and the page (<q>p.&nbsp;4</q> is page 4 of that file). Links under <q>What to fix</q> take you to the full row in <q>All findings</q>.</p>
<p><strong>What this version checks.</strong> That every file arrived whole and can be opened and read (zips, emails, PDFs, Word documents, text), and, in their text and properties, NHS numbers, National Insurance numbers and email addresses. It does <em>not</em> yet read scanned pages or photos, find names or addresses, check that the submission is complete, or find redactions that only look done. Check those by eye.</p>
)";
  if (revealed) {
    out +=
        "<p class=\"warning-text\">This copy was made with <code>--reveal</code>: it shows "
        "personal data in full, marked <q>In full</q>. Do not forward it. Make a new report "
        "without <code>--reveal</code> to send to anyone else.</p>\n";
  } else {
    out +=
        "<p>Personal data that this version finds is never shown in full: the report shows it "
        "masked, for example <code>*** *** *919</code>, with the file and page where it is. "
        "File names are shown as they were sent, so check them for names before you forward "
        "this report.</p>\n";
  }
  out += "</section>\n";
}

struct LimitLabel {
  const char* key;
  const char* label;
  enum Kind { kCount, kBytes, kRatio, kSeconds } kind;
  const char* one;
  const char* many;
};

constexpr LimitLabel kLimitLabels[] = {
    {"max_entries", "Files taken out of archives and emails", LimitLabel::kCount, "file", "files"},
    {"max_total_bytes", "Total size unpacked", LimitLabel::kBytes, "", ""},
    {"max_ratio", "Compression ratio of one archive entry", LimitLabel::kRatio, "", ""},
    {"ratio_floor_bytes", "Ratio checked for entries larger than", LimitLabel::kBytes, "", ""},
    {"max_depth", "Archives inside archives", LimitLabel::kCount, "level", "levels"},
    {"doc_timeout_seconds", "Time to read one file", LimitLabel::kSeconds, "", ""},
    {"max_memory_bytes", "Memory for reading one file", LimitLabel::kBytes, "", ""},
    {"max_pages", "Pages read from one document", LimitLabel::kCount, "page", "pages"},
    {"max_inflate_bytes", "Size one PDF may unpack to", LimitLabel::kBytes, "", ""},
    {"ocr_page_timeout_seconds", "Time to read one scanned page by OCR", LimitLabel::kSeconds, "",
     ""},
};

std::string LimitValue(const json& limits, const LimitLabel& l) {
  const auto n = Uint(limits, l.key);
  if (!n) return Esc(AsText(*Get(limits, l.key)));
  switch (l.kind) {
    case LimitLabel::kCount:
      return Count(*n, l.one, l.many);
    case LimitLabel::kBytes:
      return "<span title=\"" + Count(*n, "byte", "bytes") + "\">" + Bytes(*n) + "</span>";
    case LimitLabel::kRatio:
      return Thousands(*n) + " to 1";
    case LimitLabel::kSeconds:
      // Only the OCR limit can be 0: the run was told not to read scans (--no-ocr).
      return *n == 0 ? std::string("not read (OCR off)") : Count(*n, "second", "seconds");
  }
  return Thousands(*n);
}

void AppendFooter(std::string& out, const json& report) {
  out +=
      "<footer aria-labelledby=\"about-title\">\n<h2 id=\"about-title\">About this report</h2>\n"
      "<dl class=\"about\">\n";
  const json* tool_or_null = Get(report, "tool");
  const json& tool = tool_or_null != nullptr ? *tool_or_null : EmptyObject();
  const std::string* name = Str(tool, "name");
  const std::string* version = Str(tool, "version");
  out += "<dt>Made by</dt><dd>";
  if (name == nullptr && version == nullptr) {
    out += kAbsent;
  } else {
    out += name != nullptr ? Esc(*name) : std::string(kAbsent);
    out += " version ";
    out += version != nullptr ? Esc(*version) : std::string(kAbsent);
  }
  out += "</dd>\n";
  if (const std::string* command = Str(report, "command")) {
    out += "<dt>Command</dt><dd>" + Esc(*command) + "</dd>\n";
  }
  out += "<dt>Report format</dt><dd>";
  if (const json* sv = Get(report, "schema_version")) {
    out += "schema version " + Esc(AsText(*sv));
  } else {
    out += kAbsent;
  }
  out += "</dd>\n<dt>Received</dt><dd>";
  const std::string* received = Str(report, "received");
  out += received != nullptr && !received->empty() ? Esc(*received) : "not known";
  out += "</dd>\n";
  if (Get(report, "exit_code") != nullptr) {
    out += "<dt>Exit code</dt><dd>" + NumberCell(report, "exit_code") + "</dd>\n";
  }
  out += "</dl>\n";

  const json* limits = Get(report, "limits");
  if (limits == nullptr || !limits->is_object()) {
    out += "<p>Limits used: " + std::string(kAbsent) + "</p>\n";
  } else {
    out +=
        "<table class=\"limits\">\n<caption>Limits used for this check</caption>\n"
        "<thead><tr><th scope=\"col\">Limit</th><th scope=\"col\">At most</th></tr></thead>\n"
        "<tbody>\n";
    std::set<std::string> known;
    for (const LimitLabel& l : kLimitLabels) {
      known.insert(l.key);
      if (Get(*limits, l.key) == nullptr) continue;
      out += "<tr><th scope=\"row\">" + std::string(l.label) + "</th><td>" +
             LimitValue(*limits, l) + "</td></tr>\n";
    }
    for (const auto& [key, value] : limits->items()) {  // sorted by key: deterministic
      if (known.count(key) || value.is_null()) continue;
      out +=
          "<tr><th scope=\"row\">" + Esc(key) + "</th><td>" + Esc(AsText(value)) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  out += "</footer>\n";
}

}  // namespace

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// What the band asks for: "5 case files, 5 imca reports and 5 care-act reports".
std::string AskedFor(const json& required) {
  std::vector<std::string> parts;
  if (const json* n = Get(required, "case_files"); n != nullptr && n->is_number_integer()) {
    parts.push_back(Count(n->get<size_t>(), "case file", "case files"));
  }
  if (const json* reports = Get(required, "reports"); reports != nullptr && reports->is_object()) {
    for (const auto& [type, n] : reports->items()) {
      if (n.is_number_integer()) {
        parts.push_back(std::to_string(n.get<int>()) + " " + type +
                        (n.get<int>() == 1 ? " report" : " reports"));
      }
    }
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + Esc(parts[i]);
  }
  return out;
}

// What the titles call the quality mark and what was sent: report.json's
// "quality_mark", the profile's words. A scan, or a report written before it carried
// them, names QPM, the mark the program was first made for.
struct TitleWords {
  std::string mark = "QPM";
  std::string submission = "Advocacy QPM submission";
};

TitleWords TitleWordsOf(const json& report) {
  TitleWords words;
  const json* q = Get(report, "quality_mark");
  if (q == nullptr) return words;
  if (const std::string* mark = Str(*q, "mark"); mark != nullptr && !mark->empty()) {
    words.mark = *mark;
  }
  if (const std::string* sent = Str(*q, "submission"); sent != nullptr && !sent->empty()) {
    words.submission = *sent;
  }
  return words;
}

// The deadlines counted from the workbook's issue date, and the day they were judged on;
// none when the quality mark sets no timescale.
void AppendDeadlines(std::string& out, const json& report, const std::string& workbook_name) {
  const json* d = Get(report, "deadlines");
  if (d == nullptr || !d->is_object()) return;
  // A quality mark that sets no timescale (report.json: "timescale": false).
  if (const json* t = Get(*d, "timescale"); t != nullptr && t->is_boolean() && !t->get<bool>()) {
    out += "<p><strong>No deadlines</strong>: the " + Esc(TitleWordsOf(report).mark) +
           " sets no timescale for the " + Esc(workbook_name) + ".</p>\n";
    return;
  }
  const std::string_view issued = StrOr(*d, "issued");
  if (issued.empty()) {
    out += "<p><strong>Deadlines not known</strong>: the " + Esc(workbook_name) +
           "'s issue date could not be read. Run again with <code>--issued "
           "YYYY-MM-DD</code>.</p>\n";
    return;
  }
  const std::string_view recommended = StrOr(*d, "recommended");
  const std::string_view final_day = StrOr(*d, "final");
  const std::string_view judged = StrOr(*d, "judged_on");
  // ISO dates compare as text.
  Tag tag = judged.empty()          ? Tag{"Not judged", "grey"}
            : judged <= recommended ? Tag{"In time", "green"}
            : judged <= final_day   ? Tag{"Late", "orange"}
                                    : Tag{"Past the final deadline", "red"};
  out += "<p><strong>Deadlines</strong>: the " + Esc(workbook_name) + " was issued on " +
         Esc(issued) + "; recommended by " + Esc(recommended) + ", final deadline " +
         Esc(final_day) + ".";
  if (!judged.empty()) {
    out += " Judged on " + Esc(judged) + " (" + Esc(StrOr(*d, "judged_on_source")) +
           "): " + TagHtml(tag);
  }
  out += "</p>\n";
}

// Triage only: the band, the workbook's answers and the case files, as tables.
void AppendSubmission(std::string& out, const json& report) {
  out +=
      "<section id=\"submission\" aria-labelledby=\"submission-title\">\n"
      "<h2 id=\"submission-title\">What was sent</h2>\n";
  const json* wb = Get(report, "workbook");
  const json& workbook = wb != nullptr && wb->is_object() ? *wb : EmptyObject();
  std::string workbook_name(StrOr(workbook, "name"));
  if (workbook_name.empty()) workbook_name = "workbook";
  // A profile without bands (an application form) counts nothing: required is null.
  // (A report from before `required` was written has bands.)
  const json* required = Get(report, "required");
  const bool banded = required != nullptr || !report.contains("required");
  const json* band = Get(report, "band");
  const std::string_view reason = StrOr(report, "band_reason");
  if (banded && band != nullptr && band->is_number_integer()) {
    out += "<p><strong>Band " + std::to_string(band->get<int>()) + "</strong>";
    if (!reason.empty()) out += ", because " + Esc(reason);
    out += ".</p>\n";
  } else if (banded) {
    out += "<p><strong>Band not known</strong>: the " + Esc(workbook_name) +
           " does not state the number of whole-time-equivalent advocates. Run again with "
           "<code>--wte N</code> or <code>--band N</code>.</p>\n";
  }
  if (required != nullptr && required->is_object()) {
    std::string asked = AskedFor(*required);
    if (!asked.empty()) {
      out += "<p><strong>Asked for</strong>: " + asked;
      const std::string_view source = StrOr(*required, "source");
      if (!source.empty()) out += " (" + Esc(source) + ")";
      out += ".</p>\n";
    }
  }
  AppendDeadlines(out, report, workbook_name);

  const auto answers = Items(workbook, "answers");
  out += "<h3 id=\"workbook\">" + Esc(Capitalised(workbook_name)) + ": answers</h3>\n";
  const std::string_view wb_file = StrOr(workbook, "file");
  if (!wb_file.empty()) out += "<p>Read from <q>" + Esc(wb_file) + "</q>";
  const std::string_view issued = StrOr(workbook, "issued");
  if (!wb_file.empty()) out += issued.empty() ? ".</p>\n" : "; issued " + Esc(issued) + ".</p>\n";
  if (!answers.has_value() || answers->empty()) {
    out += "<p>No answers could be read.</p>\n";
  } else {
    int ticked = 0, answered = 0, gaps = 0;
    for (const json* a : *answers) {
      std::string_view state = StrOr(*a, "state");
      ticked += state == "ticked";
      answered += state == "answered";
      gaps += state == "unticked" || state == "empty";
    }
    out += "<p>" + Count(answers->size(), "indicator", "indicators") +
           " found: " + std::to_string(ticked) + " ticked, " + std::to_string(answered) +
           " answered in writing, " + std::to_string(gaps) + " left blank.</p>\n";
    out +=
        "<div class=\"table-wrap\">\n<table class=\"answers\">\n"
        "<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Asks for</th>"
        "<th scope=\"col\">Answer</th><th scope=\"col\">Words</th>"
        "<th scope=\"col\">Page</th><th scope=\"col\">Read from</th></tr></thead>\n<tbody>\n";
    for (const json* a : *answers) {
      std::string_view kind = StrOr(*a, "kind");
      std::string_view state = StrOr(*a, "state");
      Tag tag = state == "ticked"     ? Tag{"Ticked", "green"}
                : state == "answered" ? Tag{"Answered", "green"}
                : state == "unticked" ? Tag{"Not ticked", "orange"}
                : state == "empty"    ? Tag{"No answer", "orange"}
                                      : Tag{"Unknown", "grey"};
      out += "<tr><th scope=\"row\">" + Esc(StrOr(*a, "indicator"));
      const json* known = Get(*a, "in_profile");
      if (known != nullptr && known->is_boolean() && !known->get<bool>()) {
        out += " <span class=\"small\">(not in the profile)</span>";
      }
      out += "</th><td>" +
             std::string(kind == "tick"      ? "A tick"
                         : kind == "contact" ? "Contact details"
                                             : "A written answer") +
             "</td><td>" + TagHtml(tag) + "</td><td>" +
             (kind == "narrative" ? NumberCell(*a, "words") : std::string("&ndash;")) +
             "</td><td>" + NumberCell(*a, "page") + "</td><td>" + Esc(StrOr(*a, "source")) +
             "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n</div>\n";
  }

  const auto cases = Items(report, "case_files");
  if (!banded && (!cases.has_value() || cases->empty())) {  // the profile asks for none
    out += "</section>\n";
    return;
  }
  out += "<h3 id=\"case-files\">Case files</h3>\n";
  // The component names, in the profile's order.
  std::vector<std::string> order;
  if (const json* names = Get(report, "components"); names != nullptr && names->is_array()) {
    for (const json& n : *names) {
      if (n.is_string()) order.push_back(n.get<std::string>());
    }
  }
  if (!cases.has_value() || cases->empty() || order.empty()) {
    out += "<p>No case files were found.</p>\n";
  } else {
    out +=
        "<p>Each case file against the parts a case file needs. A cell gives the pages "
        "where that part is, or says it is missing.</p>\n"
        "<div class=\"table-wrap\">\n<table class=\"case-files\">\n<thead><tr>"
        "<th scope=\"col\">Case file</th>";
    for (const std::string& name : order) {
      out += "<th scope=\"col\">" + Esc(Capitalised(name)) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const json* c : *cases) {
      out += "<tr><th scope=\"row\">" + Esc(StrOr(*c, "id")) + "</th>";
      const json* comps = Get(*c, "components");
      for (const std::string& name : order) {
        const json* comp =
            comps != nullptr && comps->is_object() ? Get(*comps, name.c_str()) : nullptr;
        const json* present = comp != nullptr ? Get(*comp, "present") : nullptr;
        if (present == nullptr || !present->is_boolean() || !present->get<bool>()) {
          out += "<td>" + TagHtml(Tag{"Missing", "red"}) + "</td>";
          continue;
        }
        out += "<td>";
        const auto pages = Items(*comp, "pages");
        if (pages.has_value()) {
          for (const json* p : *pages) {
            std::string first = NumberCell(*p, "first");
            std::string last = NumberCell(*p, "last");
            out += "<span class=\"line\">" +
                   (first == last ? "p. " + first : "pp. " + first + "&ndash;" + last);
            out += " <span class=\"small\">(" + Esc(StrOr(*p, "document")) + ")</span></span>";
          }
        }
        out += "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n</div>\n";
  }
  out += "</section>\n";
}

std::string RenderHtml(const nlohmann::json& report) {
  const auto findings_in = Items(report, "findings");
  const auto documents = Items(report, "documents");
  const auto inputs = Items(report, "inputs");

  // Group: blockers, warnings, info, then anything else; report order within each.
  std::vector<Finding> blockers, warnings, infos, others;
  bool revealed = false;
  if (findings_in.has_value()) {
    for (const json* f : *findings_in) {
      if (f->contains("value")) revealed = true;
      const std::string_view severity = StrOr(*f, "severity");
      auto& group = severity == "blocker"   ? blockers
                    : severity == "warning" ? warnings
                    : severity == "info"    ? infos
                                            : others;
      group.push_back({f, 0});
    }
  }
  std::vector<Finding> ordered;
  for (auto* group : {&blockers, &warnings, &infos, &others}) {
    for (Finding& f : *group) {
      f.display_id = static_cast<int>(ordered.size()) + 1;
      ordered.push_back(f);
    }
  }

  Totals totals;
  if (findings_in.has_value()) {
    totals.from_findings = true;
    totals.blockers = blockers.size();
    totals.warnings = warnings.size();
    totals.info = infos.size();
  } else if (const json* summary = Get(report, "summary")) {
    const auto b = Uint(*summary, "blockers");
    const auto w = Uint(*summary, "warnings");
    const auto i = Uint(*summary, "info");
    totals.from_summary = b.has_value() || w.has_value();
    totals.blockers = b.value_or(0);
    totals.warnings = w.value_or(0);
    totals.info = i.value_or(0);
  }

  std::set<std::string> doc_anchors;  // ids safe to use in a fragment, each used once
  std::set<std::string> seen;
  if (documents.has_value()) {
    for (const json* d : *documents) {
      const std::string* id = Str(*d, "id");
      if (id == nullptr) continue;
      if (!seen.insert(*id).second) {
        doc_anchors.erase(*id);  // duplicate ids: link to neither rather than the wrong one
      } else if (SafeId(*id)) {
        doc_anchors.insert(*id);
      }
    }
  }

  const std::string* status = Str(report, "status");
  const Overall overall = OverallStatus(status, totals.blockers);

  const TitleWords words = TitleWordsOf(report);
  std::string out(kHeadToTitle);
  out += Esc(words.mark);
  out += kTitleToStyle;
  out += kReportCss;
  out += kStyleToMain;
  if (revealed) {
    out +=
        "<div class=\"reveal-notice\" role=\"alert\">\n<p class=\"headline\">This report shows "
        "personal data in full: do not forward it.</p>\n<p>It was made with "
        "<code>--reveal</code>. Keep it to yourself and delete it when you have finished. To "
        "send a report to anyone else, run the check again without <code>--reveal</code>.</p>"
        "\n</div>\n";
  }
  out += "<header>\n<p class=\"caption\">";
  const std::string_view command = StrOr(report, "command");
  if (command == "triage") {
    out += Esc(words.submission) + ": triage";
  } else if (command == "scan") {
    out += "Check for personal data";
  } else {
    out += Esc(words.submission);
  }
  out += "</p>\n<h1>" + Esc(words.mark) + " intake report</h1>\n";
  out += "<div class=\"status-panel status-" + std::string(overall.tag.colour) + "\">\n";
  out += "<p><span class=\"small\">Overall status</span><br>" + TagHtml(overall.tag, "tag-large") +
         "</p>\n";
  AppendCountsLine(out, totals, documents, report);
  out += "<p>" + std::string(overall.explanation) + "</p>\n";
  if (const json* b = Get(report, "bundle"); b != nullptr && b->is_object()) {
    const json* w = Get(*b, "written");
    const json* f = Get(*b, "forced");
    if (w != nullptr && w->is_boolean() && !w->get<bool>()) {
      out += "<p><strong>No review bundle was made.</strong> <a href=\"#bundle\">Why</a></p>\n";
    } else if (f != nullptr && f->is_boolean() && f->get<bool>()) {
      out +=
          "<p><strong>The review bundle was made with --force while personal data "
          "remains.</strong> <a href=\"#bundle\">See below</a></p>\n";
    }
  }
  out += "</div>\n";

  out +=
      "<nav class=\"contents\" aria-label=\"Contents\"><ul>\n"
      "<li><a href=\"#what-to-fix\">What to fix</a></li>\n";
  if (Get(report, "bundle") != nullptr) out += "<li><a href=\"#bundle\">Review bundle</a></li>\n";
  if (command == "triage") out += "<li><a href=\"#submission\">What was sent</a></li>\n";
  if (Get(report, "checks") != nullptr) out += "<li><a href=\"#checks\">Checks</a></li>\n";
  out += "<li><a href=\"#findings\">All findings";
  if (findings_in.has_value()) out += " (" + Thousands(ordered.size()) + ")";
  out += "</a></li>\n<li><a href=\"#documents\">Documents";
  if (documents.has_value()) out += " (" + Thousands(documents->size()) + ")";
  out +=
      "</a></li>\n<li><a href=\"#inputs\">Inputs</a></li>\n"
      "<li><a href=\"#how-to-read\">How to read this report</a></li>\n</ul></nav>\n"
      "</header>\n";

  AppendWhatToFix(out, blockers, warnings, status, findings_in.has_value());
  AppendBundle(out, report);
  if (command == "triage") AppendSubmission(out, report);
  AppendChecks(out, report);
  AppendFindingsTable(out, ordered, findings_in.has_value(), doc_anchors);
  AppendDocumentsTable(out, documents, doc_anchors);
  AppendInputsTable(out, inputs);
  AppendHowToRead(out, revealed);
  AppendFooter(out, report);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace qpm::report
