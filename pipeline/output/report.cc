#include "pipeline/output/report.h"

#include <algorithm>
#include <map>
#include <set>

#include "pipeline/core/exit_codes.h"
#include "pipeline/core/model_json.h"
#include "pipeline/core/rules.h"
#include "pipeline/core/utf8.h"
#include "redaction/masking.h"

namespace qpm::report {
namespace {

using nlohmann::json;

std::string ShownPath(const Document& d, bool reveal) {
  std::string path = d.Path();
  return ValidUtf8(reveal ? path : redaction::MaskPersonalData(path));
}

// What triage read against the profile: band, workbook answers, case files.
void AddTriage(json& report, const Submission& s, bool reveal) {
  std::map<std::string, const Document*> by_id;
  for (const Document& d : s.documents) by_id[d.id] = &d;
  report["profile"] = s.profile;
  // What the profile calls the quality mark: report.html's titles take these words.
  const MarkWords& w = s.words;
  report["quality_mark"] = {{"title", w.title},
                            {"mark", w.mark},
                            {"mark_in_full", w.mark_in_full},
                            {"submission", w.submission},
                            {"assessment", w.assessment},
                            {"reference_prefix", w.reference_prefix}};
  report["band"] = s.band ? json(*s.band) : json(nullptr);
  report["band_reason"] = s.band_reason;
  // What the band asks for; null where not known (no band; bespoke, counts not given).
  json reports = json::object();
  for (const auto& [type, n] : s.required.reports) reports[type] = n;
  // Null when the profile counts nothing (an application form without bands).
  report["required"] =
      s.banded ? json{{"case_files",
                       s.required.case_files ? json(*s.required.case_files) : json(nullptr)},
                      {"reports", reports},
                      {"source", s.required.source}}
               : json(nullptr);
  const Deadlines& d = s.deadlines;
  report["deadlines"] = {{"issued", d.issued},
                         {"recommended", d.recommended},
                         {"final", d.final},
                         {"judged_on", d.judged_on},
                         {"judged_on_source", d.judged_on_source},
                         {"timescale", d.timescale}};

  const Workbook& wb = s.workbook;
  json answers = json::array();
  for (const WorkbookAnswer& a : wb.answers) {
    json j = {{"indicator", a.indicator},   {"kind", a.kind},        {"state", a.state},
              {"words", a.words},           {"page", a.page},        {"source", a.source},
              {"in_profile", a.in_profile}, {"document", a.document}};
    if (a.box) j["bbox"] = *a.box;
    answers.push_back(std::move(j));
  }
  json types = json::array();
  for (const WorkbookChoice& c : wb.types_provided) {
    std::string label = ValidUtf8(reveal ? c.label : redaction::MaskPersonalData(c.label));
    types.push_back({{"label", label}, {"ticked", c.ticked}, {"report_type", c.report_type}});
  }
  json workbook = {{"name", s.workbook_name},
                   {"document", wb.document},
                   {"documents", wb.documents},
                   {"issued", wb.issued},
                   {"wte", wb.wte ? json(*wb.wte) : json(nullptr)},
                   {"band", wb.band ? json(*wb.band) : json(nullptr)},
                   {"types_provided", types},
                   {"answers", answers}};
  if (auto it = by_id.find(wb.document); it != by_id.end()) {
    workbook["file"] = ShownPath(*it->second, reveal);
  }
  report["workbook"] = workbook;

  json cases = json::array();
  for (const CaseFile& cf : s.case_files) {
    json components = json::object();
    for (const auto& [name, places] : cf.components) {
      json pages = json::array();
      for (const ComponentPlace& p : places) {
        json place = {{"document", p.document}, {"first", p.first_page}, {"last", p.last_page}};
        if (auto it = by_id.find(p.document); it != by_id.end()) {
          place["file"] = ShownPath(*it->second, reveal);
        }
        pages.push_back(std::move(place));
      }
      components[name] = {{"present", !places.empty()},
                          {"pages", pages},
                          {"heading", places.empty() ? "" : places.front().cue}};
    }
    cases.push_back({{"id", cf.id}, {"documents", cf.documents}, {"components", components}});
  }
  report["case_files"] = cases;
  json order = json::array();
  if (!s.case_files.empty()) {
    for (const auto& [name, places] : s.case_files.front().components) order.push_back(name);
  }
  report["components"] = order;
}

// report.json's "bundle" object, and "bundle_page" on each finding the bundle shows.
void AddBundle(json& report, const bundle::Outcome& outcome) {
  json b = {{"file", "bundle.pdf"},
            {"written", outcome.written},
            {"forced", outcome.forced},
            {"reason", outcome.reason}};
  if (outcome.written && outcome.bundle != nullptr) {
    b["pages"] = outcome.bundle->pages.size();
    b["sha256"] = outcome.sha256;
    b["notes"] = outcome.bundle->notes;
    for (json& f : report["findings"]) {
      std::string doc = f.value("document", "");
      if (doc.empty()) continue;
      // A Word document's findings have no page (null): its first bundle page.
      int source_page =
          f.contains("page") && f["page"].is_number_integer() ? f["page"].get<int>() : 0;
      int page = bundle::BundlePage(*outcome.bundle, doc, source_page);
      if (page > 0) f["bundle_page"] = page;
    }
  }
  report["bundle"] = b;
}

}  // namespace

json BuildReport(const Submission& s, std::string_view command, bool reveal,
                 const std::vector<RuleInfo>& rules, const bundle::Outcome* bundle) {
  json report;
  report["schema"] = "qpm-intake-report";
  report["schema_version"] = kSchemaVersion;
  report["tool"] = {{"name", "qpm-intake"}, {"version", QPM_VERSION}};
  report["command"] = command;
  int exit_code = RunExitCode(s, {bundle != nullptr && bundle->failed});
  report["status"] = StatusWord(exit_code);
  report["exit_code"] = exit_code;
  report["received"] = s.received;

  json inputs = json::array();
  for (size_t i = 0; i < s.inputs.size(); ++i) {
    const Input& input = s.inputs[i];
    int code = InputExitCode(s, i);
    inputs.push_back(
        {{"path", ValidUtf8(reveal ? input.path : redaction::MaskPersonalData(input.path))},
         {"exit_code", code},
         {"status", StatusWord(code)}});
  }
  report["inputs"] = inputs;
  report["limits"] = s.limits;

  json documents = json::array();
  int pages = 0;
  for (const Document& d : s.documents) {
    std::set<std::string> sources;
    for (const Page& p : d.pages) {
      if (p.source != TextSource::kNone) sources.insert(std::string(ToString(p.source)));
    }
    pages += static_cast<int>(d.pages.size());
    std::string path = d.Path();
    documents.push_back({{"id", d.id},
                         {"path", ValidUtf8(reveal ? path : redaction::MaskPersonalData(path))},
                         {"parent", d.parent},
                         {"sha256", d.sha256},
                         {"size", d.size},
                         {"media_type", d.media_type},
                         {"role", d.role},
                         {"role_detail", d.role_detail},
                         {"role_confidence", d.role_confidence},
                         {"role_reason", d.role_reason},
                         {"role_label", d.role_label},
                         {"status", ToString(d.status)},
                         {"pages", d.page_count},
                         {"pages_read", d.pages.size()},
                         {"text_sources", sources},
                         {"encrypted", d.encrypted},
                         {"set_aside", d.set_aside},
                         {"duplicate_of", d.duplicate_of}});
    if (!d.replaced_by.empty()) documents.back()["replaced_by"] = d.replaced_by;
  }
  report["documents"] = documents;
  if (command == "triage") AddTriage(report, s, reveal);

  // A Word document has no pages of its own (Word lays them out as it opens the file):
  // its findings have no page, and their offsets index its body text.
  std::set<std::string> pageless;
  for (const Document& d : s.documents) {
    bool word = !d.pages.empty() && std::all_of(d.pages.begin(), d.pages.end(), [](const Page& p) {
      return p.source == TextSource::kWordBody;
    });
    if (word) pageless.insert(d.id);
  }
  json findings = json::array();
  std::map<Severity, int> counts;
  for (const Finding& f : s.findings) {
    ++counts[f.severity];
    json page = f.page;
    if (f.page == 1 && pageless.contains(f.document)) page = nullptr;
    json j = {{"rule", f.rule},
              {"category", ToString(f.category)},
              {"severity", ToString(f.severity)},
              {"document", f.document},
              {"file", ValidUtf8(f.file)},
              {"page", page},
              {"field", ValidUtf8(f.field)},
              {"message", ValidUtf8(f.message)},
              {"remedy", f.remedy},
              {"masked", ValidUtf8(f.masked)}};
    if (f.start) j["start"] = *f.start;
    if (f.end) j["end"] = *f.end;
    if (f.bbox) j["bbox"] = *f.bbox;
    if (!f.confidence.empty()) j["confidence"] = f.confidence;
    if (reveal && !f.value.empty()) j["value"] = ValidUtf8(f.value);
    findings.push_back(std::move(j));
  }
  report["findings"] = findings;
  // Every check this command runs, and what it found: a check with no findings is
  // listed too, so that a reader sees what was looked for.
  std::map<std::string, std::map<Severity, int>> by_rule;
  for (const Finding& f : s.findings) ++by_rule[f.rule][f.severity];
  json checks = json::array();
  for (const RuleInfo& r : rules) {
    bool content = r.category == Category::kPersonalData || r.category == Category::kRedaction ||
                   r.category == Category::kHiddenData;
    if (!content && (command != "triage" || r.category != Category::kCompleteness)) continue;
    std::map<Severity, int>& n = by_rule[std::string(r.id)];
    checks.push_back({{"rule", r.id},
                      {"checks", r.title},
                      {"category", ToString(r.category)},
                      {"blockers", n[Severity::kBlocker]},
                      {"warnings", n[Severity::kWarning]},
                      {"info", n[Severity::kInfo]}});
  }
  report["checks"] = checks;
  report["summary"] = {{"documents", s.documents.size()},
                       {"pages", pages},
                       {"blockers", counts[Severity::kBlocker]},
                       {"warnings", counts[Severity::kWarning]},
                       {"info", counts[Severity::kInfo]}};
  if (bundle != nullptr) AddBundle(report, *bundle);
  return report;
}

std::string RenderText(const json& report) {
  std::string out;
  std::string last_file;
  for (const char* severity : {"blocker", "warning", "info"}) {
    for (const json& f : report["findings"]) {
      if (f.value("severity", "") != severity) continue;
      std::string file = Printable(f.value("file", ""));
      if (file != last_file) {
        out += "\n" + file + "\n";
        last_file = file;
      }
      out += "  [" + std::string(severity) + "] ";
      int page = f.contains("page") && f["page"].is_number_integer() ? f["page"].get<int>() : 0;
      if (page > 0) out += "p." + std::to_string(page) + ": ";
      std::string field = f.value("field", "");
      if (!field.empty()) out += Printable(field) + ": ";
      out += Printable(f.value("message", ""));
      std::string masked = f.value("masked", "");
      if (f.contains("value")) {
        out += " Value: " + Printable(f["value"].get<std::string>());
      } else if (!masked.empty()) {
        out += " Shown masked: " + Printable(masked);
      }
      out += "\n      What to do: " + f.value("remedy", "") + "  (" + f.value("rule", "") + ")\n";
    }
  }
  return out;
}

std::string RenderSummary(const json& report) {
  const json& sum = report["summary"];
  std::string status = report.value("status", "");
  std::string words = status == "ready"             ? "No problems found: nothing needs action."
                      : status == "needs-action"    ? "Needs attention."
                      : status == "password-needed" ? "Locked: a password is needed."
                      : status == "unreadable"      ? "An input could not be read at all."
                                                    : "Stopped.";
  auto count = [&](const char* key, const char* one, const char* many) {
    int n = sum.value(key, 0);
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  return words + " " + count("documents", "file", "files") + ", " +
         count("pages", "page", "pages") + " read; " + count("blockers", "problem", "problems") +
         " to fix, " + count("warnings", "warning", "warnings") + ", " +
         count("info", "note", "notes") + ".";
}

}  // namespace qpm::report
