// checks/checks.h — completeness and pre-submission rules over a read Submission.
//
// The rules read what the earlier stages found (each document's role, the workbook's
// answers, the case files and their parts, the band) against the profile, and say what
// is missing, too few, blank or out of date, in words the organisation can act on.
// Everything a quality mark asks for comes from the profile; nothing here names QPM.
//
// Pure: reads the model, returns findings, does no I/O. Safe to call from any thread.
#ifndef QPM_CHECKS_CHECKS_H_
#define QPM_CHECKS_CHECKS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/profile.h"
#include "pipeline/core/rules.h"

namespace qpm::checks {

struct Options {
  // A bespoke band agrees its counts with the assessor: --case-files and --reports.
  // Given for another band, they replace its numbers.
  std::optional<int> case_files;
  std::map<std::string, int> reports;  // report type id → how many
  // YYYY-MM-DD. Lateness is judged on the date received (Submission::received); when
  // the submission has none (files checked before sending), on this day.
  std::string today;
};

// How many case files and reports the band asks for: the profile's numbers for the
// band, or --case-files and --reports where given (a bespoke band has no others).
Requirements RequiredCounts(const Submission& submission, const Profile& profile,
                            const Options& options);

// The workbook's deadlines and the day they were judged on; empty strings when the
// issue date is not known, and, with `timescale` false, when the profile sets none.
Deadlines ComputeDeadlines(const Submission& submission, const Profile& profile,
                           const Options& options);

// Runs every rule. The findings name their documents by id; the runner fills in paths.
std::vector<Finding> Run(const Submission& submission, const Profile& profile,
                         const Options& options);

// Personal data the workbook asks for is not a gap in anonymisation: a referee's
// email address, written where the form asks for a referee's contact details (an
// indicator of kind "contact"). Each personal-data finding on the workbook's pages
// whose value is in a contact answer becomes information, saying which question
// asked for it; the same value anywhere else stays a finding. Returns how many.
int ExcuseRequestedContacts(std::vector<Finding>& findings, const Submission& submission,
                            const Profile& profile);

// Every rule this stage runs, in id order: feeds `qpm-intake rules` and the docs.
std::vector<RuleInfo> Rules();

}  // namespace qpm::checks

#endif  // QPM_CHECKS_CHECKS_H_
