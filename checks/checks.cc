#include "checks/checks.h"

#include <algorithm>
#include <cassert>
#include <set>

#include "checks/rule.h"
#include "pipeline/core/dates.h"
#include "pipeline/core/text.h"

namespace qpm::checks {
namespace {

// Every rule, once. Adding a rule: its file in checks/rules/, one line here, its test.
const std::vector<Rule>& Registry() {
  static const std::vector<Rule> kRules = [] {
    std::vector<Rule> rules = {
        BandMatchesWte(),
        BandKnown(),
        BandBespoke(),
        BespokeCountsGiven(),
        CaseFileCount(),
        ReportCount(),
        ReportTypeMissing(),
        CaseFileComponents(),
        CaseFileNumbering(),
        IndicatorTicked(),
        NarrativeAnswered(),
        NarrativeNotPlaceholder(),
        NarrativeLongEnough(),
        ContactGiven(),
        PolicyPresent(),
        PolicyNotDuplicated(),
        IssueDateKnown(),
        SubmittedInTime(),
        SubmittedBeforeFinalDeadline(),
        PolicyReviewCurrent(),
        DocumentPlaced(),
        ReportNumbering(),
        ReferencesResolve(),
    };
    std::sort(rules.begin(), rules.end(),
              [](const Rule& a, const Rule& b) { return a.info.id < b.info.id; });
    return rules;
  }();
  return kRules;
}

}  // namespace

std::vector<const Document*> Context::WithRole(std::string_view role) const {
  std::vector<const Document*> out;
  for (const Document& d : submission.documents) {
    // A duplicate has its first copy's role, and is counted once, as that copy.
    if (d.role == role && d.duplicate_of.empty()) out.push_back(&d);
  }
  return out;
}

const Document* Context::Find(std::string_view id) const {
  for (const Document& d : submission.documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::string Context::Name(const Document& d) const {
  std::string file = d.origin.empty() ? d.id : d.origin.back();
  return d.role_label.empty() ? file : d.role_label + " (" + file + ")";
}

Finding& Sink::Add(std::string document, std::string message, std::string remedy) {
  Finding f;
  f.rule = std::string(rule_.id);
  f.severity = rule_.severity;
  f.category = rule_.category;
  f.document = std::move(document);
  f.message = std::move(message);
  f.remedy = std::move(remedy);
  out_.push_back(std::move(f));
  return out_.back();
}

Requirements RequiredCounts(const Submission& s, const Profile& profile, const Options& options) {
  Requirements r;
  const Band* band = s.band ? profile.FindBand(*s.band) : nullptr;
  std::string given;
  if (options.case_files) {
    r.case_files = options.case_files;
    given = "--case-files";
  } else if (band != nullptr && !band->bespoke) {
    r.case_files = band->case_files;
  }
  bool reports_given = false;
  for (const ReportType& t : profile.reports) {
    if (auto it = options.reports.find(t.id); it != options.reports.end()) {
      r.reports[t.id] = it->second;
      reports_given = true;
    } else if (band != nullptr && !band->bespoke) {
      auto in_band = band->reports.find(t.id);
      r.reports[t.id] = in_band == band->reports.end() ? 0 : in_band->second;
      // A type the workbook's list of types provided names, and leaves unticked, is
      // work the organisation does not do: none of its reports is asked for.
      bool named = false, ticked = false;
      for (const WorkbookChoice& choice : s.workbook.types_provided) {
        if (choice.report_type != t.id) continue;
        named = true;
        ticked = ticked || choice.ticked;
      }
      if (named && !ticked) r.reports[t.id] = 0;
    }
  }
  if (reports_given) given += given.empty() ? "--reports" : " and --reports";
  std::string band_name =
      band == nullptr ? ""
                      : (band->bespoke ? "bespoke band " : "band ") + std::to_string(band->band);
  if (given.empty()) {
    r.source = band_name;
  } else {
    r.source = band_name.empty() ? given : band_name + ": " + given;
  }
  return r;
}

Requirements Required(const Context& c) {
  return RequiredCounts(c.submission, c.profile, c.options);
}

std::string Count(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

Deadlines ComputeDeadlines(const Submission& s, const Profile& profile, const Options& options) {
  Deadlines d;
  std::optional<Date> issued = ParseIsoDate(s.workbook.issued);
  if (issued) d.issued = ToIso(*issued);
  // No timescale: nothing to count from the issue date, and nothing to judge.
  d.timescale = profile.SetsDeadlines();
  if (!issued || !d.timescale) return d;
  d.recommended = ToIso(AddMonths(*issued, profile.warning_months));
  d.final = ToIso(AddMonths(*issued, profile.final_months));
  if (ParseIsoDate(s.received)) {
    d.judged_on = s.received;
    d.judged_on_source = "the date received";
  } else if (ParseIsoDate(options.today)) {
    d.judged_on = options.today;
    d.judged_on_source = "today: no date received is known";
  }
  return d;
}

std::vector<Finding> Run(const Submission& submission, const Profile& profile,
                         const Options& options) {
  std::vector<Finding> out;
  Context context{submission, profile, options};
  for (const Rule& rule : Registry()) {
    Sink sink(rule.info, out);
    rule.run(context, sink);
  }
  // A finding about the submission as a whole belongs to its first input.
  for (Finding& f : out) {
    if (f.document.empty()) f.input = submission.inputs.empty() ? -1 : 0;
  }
  return out;
}

std::vector<RuleInfo> Rules() {
  std::vector<RuleInfo> out;
  for (const Rule& rule : Registry()) out.push_back(rule.info);
  return out;
}

int ExcuseRequestedContacts(std::vector<Finding>& findings, const Submission& submission,
                            const Profile& profile) {
  const Workbook& wb = submission.workbook;
  if (wb.document.empty()) return 0;
  int excused = 0;
  for (Finding& f : findings) {
    // Page text (and form values) only: the same value in the file's properties or a
    // comment is not where the form asked for it.
    bool asked_place = f.field.empty() || f.field.rfind("form", 0) == 0;
    if (f.document != wb.document || f.category != Category::kPersonalData || !asked_place ||
        f.value.empty() || f.severity == Severity::kInfo) {
      continue;
    }
    std::string value = text::Fold(f.value);
    for (const WorkbookAnswer& a : wb.answers) {
      if (a.kind != "contact" || text::Fold(a.text).find(value) == std::string::npos) continue;
      f.severity = Severity::kInfo;
      f.message += " The " + profile.workbook_name + " asks for it at " + a.indicator +
                   " (contact details), so it may stay.";
      f.remedy = "Nothing to do, as long as the person agreed to be named.";
      ++excused;
      break;
    }
  }
  return excused;
}

}  // namespace qpm::checks
