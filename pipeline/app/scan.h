// pipeline/app/scan.h — the scan use-case: check files for personal data and for what
// could not be read, and give the report (docs/report-format.md) for the command line
// to print. Writes no file; owns the work directory for the length of the run.
#ifndef QPM_PIPELINE_APP_SCAN_H_
#define QPM_PIPELINE_APP_SCAN_H_

#include <nlohmann/json.hpp>
#include <optional>

#include "pipeline/app/runner.h"
#include "pipeline/core/status.h"
#include "redaction/lists.h"

namespace qpm {

struct ScanRequest {
  RunOptions run;  // what to read and how; its `lists` is set from the one below
  std::optional<redaction::PersonalDataLists> lists;  // --deny-list, --allow-list
};

struct ScanOutcome {
  nlohmann::json report;  // with values in full when run.reveal
};

// Fails with kIo when no work directory can be made, and as RunPipeline fails.
Result<ScanOutcome> RunScan(const ScanRequest& request);

}  // namespace qpm

#endif  // QPM_PIPELINE_APP_SCAN_H_
