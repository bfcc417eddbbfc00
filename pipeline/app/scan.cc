#include "pipeline/app/scan.h"

#include "pipeline/output/report.h"
#include "pipeline/platform/workdir.h"

namespace qpm {

Result<ScanOutcome> RunScan(const ScanRequest& request) {
  RunOptions options = request.run;
  options.profile = nullptr;
  options.bundle = false;
  options.lists = request.lists ? &*request.lists : nullptr;
  Result<WorkDir> work = WorkDir::Create();
  if (!work.ok()) return work.status();
  Result<Reading> read = RunPipeline(options, work.value());
  if (!read.ok()) return read.status();
  return ScanOutcome{
      report::BuildReport(read->submission, "scan", options.reveal, AllRules(), nullptr)};
}

}  // namespace qpm
