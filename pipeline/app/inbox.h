// pipeline/app/inbox.h — the inbox use-case: a saved mailbox in, one triaged folder per
// submission and a register of where each stands out (docs/inbox.md).
//
// Lists and groups what the mailbox holds (pipeline/ingest/mailbox.h), then triages
// each submission into OUTDIR/<reference>/ by running this program's own `triage` on
// its files, `jobs` at once: each is one process, so a crash or a hostile file costs
// only its own submission, and each is the same job a cluster would run (docs/scale.md).
// A submission whose files, profile and options are those of the last run is not
// triaged again; what the last run found is read back from its report.json. Then
// OUTDIR/index.json, index.csv and index.html list every submission
// (pipeline/output/register.h).
#ifndef QPM_PIPELINE_APP_INBOX_H_
#define QPM_PIPELINE_APP_INBOX_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/platform/sandbox.h"

namespace qpm {

struct InboxRequest {
  std::string inbox_dir;  // DIR: what the mailbox saved
  std::string out_dir;    // OUTDIR, resolved; made when missing
  std::string program;    // this program, to run `triage` with
  unsigned jobs = 1;      // submissions triaged at once
  // --profile for every submission; "" to choose each one's from what its emails say
  // (ChooseProfile).
  std::string profile;
  // Options handed to every triage as they were given (--no-ocr, limits, ...).
  std::vector<std::string> triage_options;
  // Files those options name whose contents decide the results (--deny-list,
  // --allow-list): a change to one triages every submission again.
  std::vector<std::string> key_files;
  // --password values: handed to each triage in a private file, never on a command
  // line, and never part of what the state file keeps. A submission still locked last
  // time is triaged again when any are given.
  std::vector<std::string> passwords;
  std::string today;  // YYYY-MM-DD the register judges dates on
  bool quiet = false;
  // --plan: print each submission's triage as a line of JSON on stdout (reference,
  // profile, files, whether it would be triaged, the command) and write nothing.
  bool plan_only = false;
  // --only: triage only the submissions with these references (the others are listed
  // as they stand); empty for all.
  std::vector<std::string> only;
  sandbox::Budget budget;  // for reading each email's headers
};

struct InboxSubmission {
  std::string reference;            // also its folder under OUTDIR
  std::vector<std::string> inputs;  // the names in DIR it was made from, earliest first
  std::string profile;              // the profile it was triaged against (a name or a file)
  bool triaged_now = false;         // false: unchanged since the last run
  int exit_code = 0;                // its triage's
  std::string error;                // why its triage did not finish, in words
};

struct InboxOutcome {
  std::vector<InboxSubmission> submissions;  // earliest first
  int exit_code = 0;                         // the worst of theirs
  // References --only named that no submission has; when any, nothing was done.
  std::vector<std::string> unknown_only;
};

// Why `out_dir` may not be the inbox's output folder, in words; "" when it may. It may
// not be the inbox or inside it (its folders would be read as mail next time), and an
// existing folder must be empty or one an earlier inbox run wrote (it has its state
// file): each submission's folder in it is replaced as triage replaces its OUT.
std::string RefusedInboxOutput(const std::string& out_dir, const std::string& inbox_dir);

// Fails with kUnreadable when DIR is no folder, kIo when OUTDIR cannot be written, and
// kInterrupted on Ctrl-C (submissions already triaged are kept, and the state file
// says so).
Result<InboxOutcome> RunInbox(const InboxRequest& request);

}  // namespace qpm

#endif  // QPM_PIPELINE_APP_INBOX_H_
