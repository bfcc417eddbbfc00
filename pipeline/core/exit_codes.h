// pipeline/core/exit_codes.h — the exit-code policy, in one place.
//
// Turns what a run recorded about each input, in typed states (Input::not_found,
// Document::locked, a document's status, the findings' severities), into each
// input's exit code and the run's. Never by rule id: a reader may word or name its
// findings as it likes without changing what the program exits with.
#ifndef QPM_PIPELINE_CORE_EXIT_CODES_H_
#define QPM_PIPELINE_CORE_EXIT_CODES_H_

#include <cstddef>
#include <string_view>

#include "pipeline/core/model.h"

namespace qpm {

// Exit codes, as DESIGN.md and the README state them.
enum ExitCode : int {
  kExitOk = 0,          // ran; nothing needs action
  kExitFindings = 1,    // ran; findings need action
  kExitUsage = 2,       // bad usage or configuration
  kExitUnreadable = 3,  // an input is not readable at all
  kExitPassword = 4,    // a password is needed or was wrong
  kExitDependency = 5,  // a dependency is missing
  kExitInternal = 15,   // a bug
  kExitInterrupted = 130,
};

// What the run's code is judged on besides the submission.
struct RunEnd {
  // Triage was to write the bundle and could not (a bundle withheld because personal
  // data remains is not this: its findings already need action).
  bool bundle_failed = false;
};

// The code of s.inputs[input], worst first:
//   kExitPassword    something it holds is locked and no password opened it;
//   kExitUnreadable  it was not found, it is a folder with no files, or the file itself
//                    could not be read at all (failed, not a document, or empty);
//   kExitFindings    a finding on it needs action (a blocker or a warning);
//   kExitOk          otherwise.
int InputExitCode(const Submission& s, size_t input);

// The run's: the worst of its inputs'; at least kExitFindings when the bundle could not
// be made, since the assessor then has nothing to read.
int RunExitCode(const Submission& s, const RunEnd& end = {});

// "ready", "needs-action", "unreadable", "password-needed", as report.json says.
std::string_view StatusWord(int exit_code);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_EXIT_CODES_H_
