// pipeline/app/runner.h — runs the stages over a submission: ingest → convert (office
// files to PDF, office.h) → extract → OCR → classify and check → scan, and ends when
// the findings are ready. What is made of them (reports, the bundle) is the use-case's
// (triage.h, scan.h), which also owns the work directory the run unpacks into.
//
// Reading each document happens in reader processes, up to `jobs`
// at a time (sandbox.h); results are placed by document, so the outcome does not
// depend on which reader finished first. Bad input never fails the run: it
// becomes findings.
#ifndef QPM_PIPELINE_APP_RUNNER_H_
#define QPM_PIPELINE_APP_RUNNER_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/checks.h"
#include "extractors/read/ocr_stage.h"
#include "pipeline/core/model.h"
#include "pipeline/core/profile.h"
#include "pipeline/core/rules.h"
#include "pipeline/core/status.h"
#include "pipeline/platform/workdir.h"
#include "redaction/lists.h"

namespace qpm {

struct RunOptions {
  std::vector<std::string> inputs;
  Limits limits;
  // Passwords to try, each with where it came from ("--password", "--password-file
  // line 2"). Never written anywhere.
  std::vector<std::pair<std::string, std::string>> passwords;
  bool passwords_from_emails = true;
  unsigned jobs = 0;     // reader processes at once; 0 = one per core
  bool reveal = false;   // keep values unmasked in findings (scan --reveal)
  std::string received;  // YYYY-MM-DD, overrides the email's Date
  bool progress = true;  // a live line on stderr, when it is a terminal
  // Triage: sort the documents by role and read the workbook and case files
  // against this profile. Scan leaves it null.
  const Profile* profile = nullptr;
  std::optional<int> band;    // --band: the band the submission is judged in
  std::optional<double> wte;  // --wte: whole-time-equivalent advocates, deciding the band
  std::string issued;         // --issued: the workbook's issue date, YYYY-MM-DD
  // The completeness checks (checks/checks.h): a bespoke band's agreed counts, and the
  // day lateness is judged on when the submission has no date received.
  checks::Options checks;
  // OCR of pages with no usable text layer: --no-ocr, --ocr-timeout, and the hidden
  // test options --ocr-replay and --ocr-record (extractors/read/ocr_stage.h).
  ocr::Options ocr;
  // The LibreOffice program that converts office files (pipeline/output/office.h); "" finds
  // soffice on PATH. Tests give a fake one.
  std::string soffice;
  // Triage: the run ends in a bundle, so each .docx is also turned into the PDF the
  // bundle shows, and that PDF is read too (office.h).
  bool bundle = false;
  // The organisation's deny- and allow-lists (scan --deny-list, --allow-list); not
  // owned, may be null.
  const redaction::PersonalDataLists* lists = nullptr;
  // For a page that shows how the run goes (serve.h); each may be empty, and each is
  // called on the thread that runs the pipeline. `on_progress` gets every line the
  // progress line shows (masked paths and counts only); `on_document_read` each document
  // as its reader is done with it, whatever became of it.
  std::function<void(const std::string& line)> on_progress;
  std::function<void(const Document& document)> on_document_read;
};

// A submission read and checked: findings ready, the work directory still holding
// what was unpacked into it.
struct Reading {
  Submission submission;
  // The passwords that were tried, for what still opens locked files afterwards (the
  // bundle's writer). Never written anywhere.
  std::vector<std::string> passwords;
};

// Reads everything into `work`, which must outlive the use of what the documents'
// work paths point at, and returns the Submission with its findings. Finding::file
// holds the masked path (unmasked with `reveal`), messages are masked, and
// Finding::value is empty unless `reveal`. Exit codes are pipeline/core/exit_codes.h's.
// Fails with kInterrupted on Ctrl-C, and kUnsupported when OCR is needed and its
// language data is missing (exit 5).
Result<Reading> RunPipeline(const RunOptions& options, WorkDir& work);

// Masks what RunPipeline leaves unmasked with `reveal` (the file, the field, the
// message) and drops the value: the finding as a run without `reveal` gives it.
void MaskFinding(Finding& f);

// Every rule any stage can report, from the registries the stages run, in id order.
std::vector<RuleInfo> AllRules();

}  // namespace qpm

#endif  // QPM_PIPELINE_APP_RUNNER_H_
