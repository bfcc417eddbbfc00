// pipeline/output/report.h — report.json (docs/report-format.md) and the plain-text summary.
//
// Builds the stable, documented report from a finished Submission. Deterministic:
// no clock, no temporary paths, a fixed order. Personal data only as the runner
// left it (masked unless the run was told to reveal it).
#ifndef QPM_PIPELINE_OUTPUT_REPORT_H_
#define QPM_PIPELINE_OUTPUT_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/rules.h"
#include "pipeline/output/bundle.h"

namespace qpm::report {

inline constexpr int kSchemaVersion = 2;

// `command` is "triage" or "scan". With `reveal`, findings carry "value" and
// document paths are shown unmasked. `rules` are every rule the stages can report
// (the report lists each check the command runs, with what it found). `bundle` is what
// became of triage's bundle (null for scan): the report's "bundle" object, each
// finding's "bundle_page", and the exit code (pipeline/core/exit_codes.h) come from it.
nlohmann::json BuildReport(const Submission& submission, std::string_view command, bool reveal,
                           const std::vector<RuleInfo>& rules,
                           const bundle::Outcome* bundle = nullptr);

// The findings as lines a person reads in a terminal: grouped by file, worst first.
std::string RenderText(const nlohmann::json& report);

// A one-paragraph summary for stderr: status, counts, what to do next.
std::string RenderSummary(const nlohmann::json& report);

}  // namespace qpm::report

#endif  // QPM_PIPELINE_OUTPUT_REPORT_H_
