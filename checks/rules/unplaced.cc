// completeness.document-unplaced: every document of the submission is one the profile
// names (workbook, policy, case file, report, correspondence).
// Why: the pre-submission checklist asks that every file is named for what it is; a
// file the tool cannot place is one the assessor may not find either.
#include "checks/rule.h"

namespace qpm::checks {

Rule DocumentPlaced() {
  return {{"completeness.document-unplaced",
           "Every document can be told apart as workbook, policy, case file, report or letter",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            for (const Document* d : c.WithRole("unknown")) {
              if (d->status != DocStatus::kRead && d->status != DocStatus::kPartlyRead) continue;
              std::string file = d->origin.empty() ? d->id : d->origin.back();
              out.Add(d->id,
                      file +
                          " could not be placed: nothing in its name, title or first page "
                          "says whether it is the workbook, a policy, a case file or a "
                          "report.",
                      "Rename it for what it is (for example 'CF03 consent form.pdf' or "
                      "'Complaints policy.pdf'), or leave it out if it is not part of the "
                      "submission.");
            }
          }};
}

}  // namespace qpm::checks
