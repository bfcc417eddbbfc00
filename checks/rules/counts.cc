// How many case files and reports were sent, against what the band asks for.
// Why: the assessor reads a set number of each, by band (QPM FAQ: desktop review).
#include <map>
#include <optional>

#include "checks/rule.h"

namespace qpm::checks {
namespace {

const std::string& FirstOf(const std::vector<std::string>& v) {
  static const std::string kNone;
  return v.empty() ? kNone : v.front();
}

// Who asks for a number, for a sentence that goes on with it ("... 5 case files."): the
// band, or the number given on the command line in its place (`flag`, "" when none).
// Requirements::source names every flag given at all, not the one this number came from.
std::string AsksFor(const Context& c, const std::string& flag) {
  const Band* band = c.submission.band ? c.profile.FindBand(*c.submission.band) : nullptr;
  std::string name = band == nullptr
                         ? ""
                         : (band->bespoke ? "bespoke band " : "band ") + std::to_string(band->band);
  if (flag.empty()) return name + " asks for";
  return "the number agreed" + (name.empty() ? "" : " for " + name) + " (" + flag + ") is";
}

std::string ReportFlag(const Context& c, const ReportType& t) {
  return c.options.reports.count(t.id) != 0 ? "--reports " + t.id : "";
}

// Whether the organisation provides the work of report type `t`, as the workbook's
// list of types provided says: a box ticked beside a label naming the type, or left
// empty; nullopt when the list does not name the type (or there is no list).
std::optional<bool> Provides(const Context& c, const ReportType& t) {
  std::optional<bool> out;
  for (const WorkbookChoice& choice : c.submission.workbook.types_provided) {
    if (choice.report_type == t.id) out = out.value_or(false) || choice.ticked;
  }
  return out;
}

// "The Assessment Workbook ticks Care Act (the types provided)", for messages.
std::string TickedAs(const Context& c, const ReportType& t) {
  std::string labels;
  for (const WorkbookChoice& choice : c.submission.workbook.types_provided) {
    if (choice.report_type != t.id || !choice.ticked) continue;
    labels += (labels.empty() ? "" : ", ") + choice.label;
  }
  return c.TheWorkbook() + " ticks " + labels + " among the types provided";
}

}  // namespace

// completeness.case-file-count: at least as many case files as the band asks for.
Rule CaseFileCount() {
  return {{"completeness.case-file-count", "At least as many case files as the band asks for",
           Severity::kBlocker, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            Requirements need = Required(c);
            if (!need.case_files) return;
            int found = static_cast<int>(c.submission.case_files.size());
            if (found >= *need.case_files) return;
            std::string ids;
            for (const CaseFile& cf : c.submission.case_files) {
              ids += (ids.empty() ? ": " : ", ") + cf.id;
            }
            out.Add("",
                    Count(found, "case file was", "case files were") + " found" + ids + "; " +
                        AsksFor(c, c.options.case_files ? "--case-files" : "") + " " +
                        Count(*need.case_files, "case file", "case files") + ".",
                    "Ask the organisation for " +
                        Count(*need.case_files - found, "more anonymised case file",
                              "more anonymised case files") +
                        ". If one was sent but not recognised, check that its first page says "
                        "which case it is (for example '" +
                        c.profile.case_id_prefix + "04').");
          }};
}

// completeness.report-count: as many reports of each type the organisation writes as
// the band asks for; no reports at all is a shortfall of every type. The workbook's
// list of types provided says which types it writes, where it has one: none is asked
// of a type it does not tick, and a type it ticks is counted even when none came.
Rule ReportCount() {
  return {{"completeness.report-count",
           "As many reports of each type the organisation writes as the band asks for",
           Severity::kBlocker, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            Requirements need = Required(c);
            std::map<std::string, int> found;
            int any = 0;
            for (const Document* d : c.WithRole("report")) {
              ++found[d->role_detail];
              ++any;
            }
            for (const ReportType& t : c.profile.reports) {
              auto it = need.reports.find(t.id);
              if (it == need.reports.end()) continue;
              int want = it->second;
              int got = found[t.id];
              std::optional<bool> provides = Provides(c, t);
              // A flag given for the type is the agreed number, whatever the workbook ticks.
              if (provides == false && ReportFlag(c, t).empty()) continue;
              // None of one type while others came, and the workbook does not say
              // whether the organisation writes that type (report-type-missing asks).
              if (want == 0 || got >= want || (got == 0 && any > 0 && !provides)) continue;
              out.Add("",
                      Count(got, t.name + " was", t.name + "s were") + " found; " +
                          AsksFor(c, ReportFlag(c, t)) + " " + Count(want, t.name, t.name + "s") +
                          (provides.value_or(false) ? " (" + TickedAs(c, t) + ")" : std::string()) +
                          ".",
                      "Ask the organisation for " +
                          Count(want - got, "more " + t.name, "more " + t.name + "s") +
                          ", anonymised. A report that was sent but not recognised should say "
                          "on its first page what it is (for example '" +
                          FirstOf(t.cues) + "').");
            }
          }};
}

// completeness.report-type-missing: a report type of the profile that none of the
// reports is, while others came. Not a blocker: some organisations do not write
// every type, and the band asks only for the types they write. Silent for a type the
// workbook's list of types provided ticks (report-count counts it) or leaves empty.
Rule ReportTypeMissing() {
  return {{"completeness.report-type-missing",
           "Reports of every type the profile names, or a word on why not", Severity::kWarning,
           Category::kCompleteness},
          [](const Context& c, Sink& out) {
            Requirements need = Required(c);
            std::map<std::string, int> found;
            for (const Document* d : c.WithRole("report")) ++found[d->role_detail];
            if (found.empty()) return;  // completeness.report-count covers no reports at all
            for (const ReportType& t : c.profile.reports) {
              auto it = need.reports.find(t.id);
              if (it == need.reports.end()) continue;
              int want = it->second;
              if (want == 0 || found[t.id] > 0 || Provides(c, t)) continue;
              out.Add("",
                      "No " + t.name +
                          " was found, though other reports were. If the "
                          "organisation writes " +
                          t.name + "s, " + AsksFor(c, ReportFlag(c, t)) + " " +
                          Count(want, t.name, t.name + "s") + ".",
                      "Ask the organisation whether it writes " + t.name +
                          "s. If it does, "
                          "ask for " +
                          std::to_string(want) +
                          ", anonymised; if not, note it for "
                          "the assessor.");
            }
          }};
}

}  // namespace qpm::checks
