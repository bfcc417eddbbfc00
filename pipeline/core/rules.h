// pipeline/core/rules.h — the registry of rule ids for reading a submission.
//
// Every finding the ingest and extract stages make comes from one row here, so a
// rule's id, severity and category are written once. Detectors in redaction/ and
// checks in checks/ keep registries of their own in the same shape.
#ifndef QPM_PIPELINE_CORE_RULES_H_
#define QPM_PIPELINE_CORE_RULES_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"

namespace qpm {

struct RuleInfo {
  std::string_view id;     // stable; never reused
  std::string_view title;  // what it checks, in a few words
  Severity severity;
  Category category;
};

// Rules of the ingest and extract stages.
const std::vector<RuleInfo>& ReadingRules();

// True for the reading rules whose finding means that what a document shows was not
// checked (a type not read, a page OCR could not read, a check that could not run):
// the bundle shows a placeholder instead (bundle.h), and each is a blocker.
bool LeavesUnchecked(std::string_view rule);

// Page numbers as a reader writes them: "1, 3, 5–7".
std::string PageList(const std::vector<int>& pages);

// A finding for rule `id` (which must be in ReadingRules()) about `document`.
Finding ReadingFinding(std::string_view id, std::string document, std::string message,
                       std::string remedy);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_RULES_H_
