// pipeline/ocr_stage.h — reads by OCR the pages that have no usable text layer.
//
// Runs after text extraction (extractors/extract.h) and before the checks. The
// readers mark what OCR must read with an "extract.no-text" finding on the page: a
// PDF page with no text, a PDF page with almost no text while the PDF holds images
// (a scan with a typed footer), and each frame of an image file; such pages also have
// TextSource::kNone, except the thin ones. This stage reads each of them in a reader
// process of its own (sandbox.h), up to `jobs` at once, each with its own time limit,
// so memory stays bounded by one page per process and a page that hangs, crashes or
// cannot be read costs only itself: it becomes a finding on that page, the rest goes
// on. A page read replaces the document's page (source kOcr: words, boxes,
// confidences, the turn that made it upright) and its no-text finding. Results land
// in document and page order, whichever process finishes first, so the outcome is the
// same for any `jobs`. Page text is never logged.
//
// For tests, the engine can be replaced: `replay_dir` serves pages recorded earlier
// (by `record_dir`), so most tests neither need Tesseract nor depend on its version.
//
// The caller must be single-threaded (the readers are forks).
#ifndef QPM_PIPELINE_OCR_STAGE_H_
#define QPM_PIPELINE_OCR_STAGE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pipeline/model.h"
#include "pipeline/status.h"

namespace qpm::ocr {

// One page to read, as the reader process is given it.
struct PageJob {
  std::string document;    // the document's id
  std::string path;        // Document::work_path
  std::string media_type;  // "application/pdf" or "image/..."
  std::string sha256;      // of the document, as received
  int page = 1;            // 1-based
};

// Reads one page; runs in the reader process. Must not throw.
using PageReader = std::function<Result<Page>(const PageJob& job)>;

struct Options {
  bool enabled = true;                 // false (--no-ocr): the pages are reported as not read
  uint32_t page_timeout_seconds = 60;  // per page, then the reader is killed (--ocr-timeout)
  std::string tessdata;  // language data folder; "" = $TESSDATA_PREFIX or the system's
  // A page whose words' mean confidence (0-100) is below this gets a warning.
  float low_confidence = 60;
  // Tests: read each page from <replay_dir>/<sha256>-p<N>.json instead of running
  // the engine; a page with no recording becomes an extract.ocr-failed finding.
  std::string replay_dir;
  // Tests: write every page the engine reads to <record_dir>/<sha256>-p<N>.json.
  std::string record_dir;
  // Tests: reads pages instead of the engine or the replay. Empty: the engine.
  PageReader reader;
};

// Called in this process before the first page and after each, with how many are
// done of how many.
using ProgressFn = std::function<void(size_t done, size_t total)>;

// The file name a page's recording has in a replay or record folder:
// "<sha256>-p<page>.json".
std::string RecordingName(const std::string& sha256, int page);

// A recording's contents: the engine's version and the page, one word a line.
std::string RecordingJson(const Page& page);

// Reads pages in `s` that need OCR, as the header says. `passwords` open locked
// PDFs (never copied into anything returned); `jobs` = 0 means one per core.
// Fails, reading nothing, only when the language data is missing (kUnsupported, with
// a message that names the file: the run must exit with kExitDependency) and when
// interrupted (kInterrupted). Every other trouble is a finding.
Status Run(Submission& s, const Options& options, const std::vector<std::string>& passwords,
           unsigned jobs, const ProgressFn& progress);

}  // namespace qpm::ocr

#endif  // QPM_PIPELINE_OCR_STAGE_H_
