// pipeline/app/triage.h — the triage use-case: read a whole submission and write OUT/
// (report.json, report.html, bundle.pdf, manifest.json, originals/).
//
// The command line (main.cc) checks the options and fills a TriageRequest; this runs
// it. It owns the work directory for the length of the run: the stages read into it
// (runner.h), the bundle is written from the files unpacked there, and it goes on
// every way out. Everything is written into a new folder beside OUT that takes OUT's
// place only when all of it is complete (pipeline/output/output.h). The report is built
// once, from the submission and what became of the bundle.
#ifndef QPM_PIPELINE_APP_TRIAGE_H_
#define QPM_PIPELINE_APP_TRIAGE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "pipeline/app/runner.h"
#include "pipeline/core/profile.h"
#include "pipeline/core/status.h"
#include "redaction/lists.h"

namespace qpm {

struct TriageRequest {
  // What to read and how. Its `profile` and `lists` are set from the two below.
  RunOptions run;
  Profile profile;
  std::optional<redaction::PersonalDataLists> lists;  // --deny-list, --allow-list
  std::string out_dir;       // OUT, resolved (links and ".."), its parent folder made
  bool force = false;        // write the bundle even while personal data remains
  std::string organisation;  // --organisation; "" for the workbook's
  std::string id;            // --id; "" for one worked out from the files
  std::string to_assessor;   // --to-assessor, YYYY-MM-DD
  bool quiet = false;        // no word on stderr of what is being written
};

struct TriageOutcome {
  nlohmann::json report;  // as written to OUT/report.json
};

// Fails with kInterrupted on Ctrl-C (OUT is left as it was), kIo when the work
// directory or OUT cannot be written ("cannot write the results: ..."), and as
// RunPipeline fails.
Result<TriageOutcome> RunTriage(const TriageRequest& request);

// Today's date where the program runs, YYYY-MM-DD: what lateness is judged on when a
// submission has no date received.
std::string Today();

}  // namespace qpm

#endif  // QPM_PIPELINE_APP_TRIAGE_H_
