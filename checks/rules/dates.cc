// Dates: the workbook's issue date is known, and the submission arrives within the
// profile's deadlines counted from it. A profile without deadlines sets no timescale
// (the Gateway application has none): then these rules say nothing.
// Why: a workbook is accepted for a set time after it is issued (qpm-v4: 6 months).
#include "pipeline/core/dates.h"

#include "checks/rule.h"

namespace qpm::checks {
namespace {

std::string Words(const std::string& iso) {
  std::optional<Date> d = ParseIsoDate(iso);
  return d ? ToWords(*d) : iso;
}

std::string JudgedOn(const Deadlines& d) {
  return d.judged_on_source == "the date received"
             ? "was received on " + Words(d.judged_on)
             : "is being checked on " + Words(d.judged_on) + " (no date received is known)";
}

}  // namespace

// completeness.issue-date-unknown: the workbook's issue date can be read, so the
// deadlines can be checked; without deadlines it does not matter.
Rule IssueDateKnown() {
  return {{"completeness.issue-date-unknown",
           "The workbook's issue date is known, so the deadlines can be checked (where the "
           "profile sets deadlines)",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            const Workbook& wb = c.submission.workbook;
            if (!c.profile.SetsDeadlines() || wb.document.empty() || ParseIsoDate(wb.issued))
              return;
            out.Add(wb.document,
                    c.TheWorkbookStartingASentence() +
                        "'s issue date could not be read, so whether the submission is in time "
                        "is not checked.",
                    "Run again with --issued YYYY-MM-DD, the date " + c.TheWorkbook() +
                        " was issued to the organisation.");
          }};
}

// completeness.submission-late: received by the recommended deadline (issue date +
// the profile's warning months).
Rule SubmittedInTime() {
  return {{"completeness.submission-late",
           "The submission arrives within the recommended time after the workbook's issue",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            Deadlines d = ComputeDeadlines(c.submission, c.profile, c.options);
            if (!d.timescale || d.judged_on.empty() || d.judged_on <= d.recommended ||
                d.judged_on > d.final)
              return;
            out.Add(c.submission.workbook.document,
                    c.TheWorkbookStartingASentence() + " was issued on " + Words(d.issued) +
                        " and the submission " + JudgedOn(d) + ", after the recommended " +
                        std::to_string(c.profile.warning_months) + " months (" +
                        Words(d.recommended) + "). The final deadline is " + Words(d.final) + ".",
                    "Nothing to change in the files; make sure the review can be done by " +
                        Words(d.final) + ".");
          }};
}

// completeness.submission-expired: received by the final deadline (issue date + the
// profile's final months).
Rule SubmittedBeforeFinalDeadline() {
  return {{"completeness.submission-expired",
           "The submission arrives before the workbook's final deadline", Severity::kBlocker,
           Category::kCompleteness},
          [](const Context& c, Sink& out) {
            Deadlines d = ComputeDeadlines(c.submission, c.profile, c.options);
            if (!d.timescale || d.judged_on.empty() || d.judged_on <= d.final) return;
            out.Add(
                c.submission.workbook.document,
                c.TheWorkbookStartingASentence() + " was issued on " + Words(d.issued) +
                    " and the submission " + JudgedOn(d) + ", past the final deadline of " +
                    Words(d.final) + " (" + std::to_string(c.profile.final_months) + " months).",
                "Ask the organisation to complete a newly issued " + c.profile.workbook_name + ".");
          }};
}

}  // namespace qpm::checks
