#include "pipeline/core/exit_codes.h"

#include <algorithm>

namespace qpm {

int InputExitCode(const Submission& s, size_t input) {
  const Input& in = s.inputs[input];
  const int index = static_cast<int>(input);
  bool locked = false;
  bool unreadable = in.not_found;
  bool any = false;
  for (const Document& d : s.documents) {
    if (d.input != index) continue;
    any = true;
    locked = locked || d.locked;
    // The input itself (not a folder of files) could not be read at all.
    if (!d.parent.empty() || in.folder) continue;
    bool failed = d.status == DocStatus::kFailed && !d.encrypted;
    bool not_a_document = d.status == DocStatus::kNotRead && d.media_type.rfind("image/", 0) != 0 &&
                          d.role != "container";
    bool empty = d.status == DocStatus::kSetAside && d.size == 0;
    unreadable = unreadable || failed || not_a_document || empty;
  }
  // A folder with nothing in it is no submission at all.
  if (in.folder && !any) unreadable = true;
  bool action = std::any_of(s.findings.begin(), s.findings.end(), [&](const Finding& f) {
    return f.input == index && f.severity != Severity::kInfo;
  });
  return locked ? kExitPassword : unreadable ? kExitUnreadable : action ? kExitFindings : kExitOk;
}

int RunExitCode(const Submission& s, const RunEnd& end) {
  int worst = kExitOk;
  for (size_t i = 0; i < s.inputs.size(); ++i) worst = std::max(worst, InputExitCode(s, i));
  if (end.bundle_failed && worst == kExitOk) worst = kExitFindings;
  return worst;
}

std::string_view StatusWord(int exit_code) {
  switch (exit_code) {
    case kExitOk:
      return "ready";
    case kExitFindings:
      return "needs-action";
    case kExitUnreadable:
      return "unreadable";
    case kExitPassword:
      return "password-needed";
    default:
      return "error";
  }
}

}  // namespace qpm
