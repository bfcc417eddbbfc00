// completeness.document-unplaced: every document of the submission is one the profile
// names (workbook, policy, case file, report, correspondence).
// Why: the pre-submission checklist asks that every file is named for what it is; a
// file the tool cannot place is one the assessor may not find either.
#include "checks/rule.h"

namespace qpm::checks {

Rule DocumentPlaced() {
  return {
      {"completeness.document-unplaced",
       "Every document can be told apart as workbook, policy, case file, report or letter",
       Severity::kWarning, Category::kCompleteness},
      [](const Context& c, Sink& out) {
        // Only what this quality mark asks for: an application has no case files.
        const Profile& p = c.profile;
        std::vector<std::string> kinds = {c.TheWorkbook()};
        if (!p.policies.empty()) kinds.push_back("a policy");
        if (!p.components.empty()) kinds.push_back("a case file");
        if (!p.reports.empty()) kinds.push_back("a report");
        std::string said;
        for (size_t i = 0; i < kinds.size(); ++i) {
          said += (i == 0 ? "" : i + 1 == kinds.size() ? " or " : ", ") + kinds[i];
        }
        std::vector<std::string> examples;
        if (!p.components.empty()) {
          examples.push_back("'" + p.case_id_prefix + "03 " + p.components.front().name + ".pdf'");
        }
        if (!p.policies.empty()) examples.push_back("'" + p.policies.front().title + ".pdf'");
        std::string example;
        for (size_t i = 0; i < examples.size(); ++i) {
          example += (i == 0 ? " (for example " : " or ") + examples[i];
        }
        if (!example.empty()) example += ")";
        for (const Document* d : c.WithRole("unknown")) {
          if (d->status != DocStatus::kRead && d->status != DocStatus::kPartlyRead) continue;
          std::string file = d->origin.empty() ? d->id : d->origin.back();
          out.Add(d->id,
                  file +
                      " could not be placed: nothing in its name, title or first page "
                      "says whether it is " +
                      said + ".",
                  "Rename it for what it is" + example +
                      ", or leave it out if it is not part of the submission.");
        }
      }};
}

}  // namespace qpm::checks
