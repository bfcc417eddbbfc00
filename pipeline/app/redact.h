// pipeline/app/redact.h — the redact use-case: a safe copy of each document, with
// what the scan finds removed for real, and proof that it is gone (docs/redact.md).
//
//   1. The inputs are read and checked as scan reads them (runner.h), with values
//      kept in full in memory (never written without --reveal); office files are
//      converted to PDF, every .docx too, since its copy is made of its printed pages.
//   2. For each document a copy can be made of (a PDF, an office file's PDF, an image),
//      redaction/removal.h plans what is removed and where.
//   3. Each page is made in a reader process of its own (copy_page.h: rendered, boxes
//      burnt in, read by OCR), up to `jobs` at once, each with the OCR time limit; the
//      copy is written page by page (output/safe_pdf.h).
//   4. Proof: the copies are read back as scan reads any file (text layer, OCR where
//      it is thin), and a copy is kept only when no removed value is read in it, no
//      personal data that blocks, no failed redaction and no hidden data is found. A
//      copy that fails is made once more with what the proof found added to what is
//      removed; if that fails too, it is not kept, and the report says why.
//   5. OUT/redactions.json and redactions.html (with a picture of each page that has a
//      box), and the copies, are written into a folder that takes OUT's place at the
//      end, as triage's output does (output/output.h).
#ifndef QPM_PIPELINE_APP_REDACT_H_
#define QPM_PIPELINE_APP_REDACT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/app/runner.h"
#include "pipeline/core/status.h"
#include "redaction/lists.h"
#include "redaction/removal.h"

namespace qpm {

struct RedactRequest {
  RunOptions run;  // what to read and how; reveal: values in full in redactions.*
  std::optional<redaction::PersonalDataLists> lists;  // --deny-list, --allow-list
  std::string out_dir;                                // -o
  bool also_warnings = false;                         // --also-warnings
  bool labels = true;                                 // --no-labels
  std::optional<redaction::Decisions> decisions;      // --decisions
  std::string decisions_file;                         // its name, for the report
  bool quiet = false;
};

struct RedactOutcome {
  nlohmann::json report;  // redactions.json as written (values masked unless reveal)
  int exit_code = 0;
};

// What redact would do with each document of `read` before any page is made: the
// documents redactions.json lists, in the Submission's order, each with the plan of
// what its copy removes, or why no copy is made of it. RunRedact makes its copies from
// this; the local page (serve.h) shows it, so that an id the page sends back in a
// decisions file is the id RunRedact computes. `read` must outlive the result.
struct PlannedDocument {
  size_t doc = 0;      // index in read.submission.documents
  std::string source;  // the PDF or image file the copy is made from; "" when none
  bool image_file = false;
  // The document's pages are the source's, with their word boxes: the plan's boxes are
  // on them. False for a .docx, whose copy is made of its printed PDF.
  bool planned_on_pages = true;
  redaction::RemovalPlan plan;
  std::string not_copied;             // why no copy is made; "" when one may be
  const Document* carrier = nullptr;  // a copied file this one is attached to or embedded in
};
std::vector<PlannedDocument> PlanRedaction(const Reading& read,
                                           const redaction::RemovalOptions& options);

// Why `out_dir` may not be redact's output folder, in words; "" when it may. It may not
// be inside an input folder or hold an input, and may hold nothing but what redact
// writes (*.redacted.pdf, redactions.json, redactions.html, redactions/), since it is
// replaced as a whole.
std::string RefusedRedactFolder(const std::string& out_dir, const std::vector<std::string>& inputs);

// Fails with kIo when no work or output folder can be made, kInterrupted, and as
// RunPipeline fails. Bad input never fails the run: it is in the report.
Result<RedactOutcome> RunRedact(const RedactRequest& request);

}  // namespace qpm

#endif  // QPM_PIPELINE_APP_REDACT_H_
