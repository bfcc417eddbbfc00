// extractors/read/ocr_stage.h — reads by OCR the pages that have no usable text layer.
//
// Runs after text extraction (extractors/read/extract.h) and before the checks. The
// readers leave to OCR, with the reason (Page::needs_ocr), a PDF page with no text, a
// PDF page with almost no text while the PDF holds images (a scan with a typed
// footer), and each frame of an image file; such pages also have TextSource::kNone,
// except the thin ones. This stage reads each of them in a reader process of its own
// (sandbox.h), up to `jobs` at once, each with its own time limit, so memory stays
// bounded by one page per process and a page that hangs, crashes or cannot be read
// costs only itself: it becomes a finding on that page, the rest goes on. A page read
// replaces the document's page (source kOcr: words, boxes, confidences, the turn that
// made it upright). A page left unread is said so: "extract.no-text" with the reason
// (OCR turned off: one such finding per document), or why OCR failed. Once this has
// run, no page is left to OCR. Results land in document and page order, whichever
// process finishes first, so the outcome is the same for any `jobs`. Page text is
// never logged.
//
// Pictures inside documents are read in the same pool, under the same limits. The
// readers leave to OCR the pictures of a Word file with images and of a PDF with images,
// on its pages that have text (Page::pictures_to_read); where they stay unread (OCR
// off), one "extract.images-not-read" note says so. For each such document, a
// reader process first lists its pictures (extractors/read/pictures.h); those big enough to
// hold words (PictureSkip below says which are not, and why) are each read in a
// process of their own, beside the pages. A PDF picture's words join its page, with
// their boxes on the page; a Word picture's text becomes a TextPart named
// "picture word/media/image2.png", so findings in it name it in Finding::field. A Word
// file that holds a drawing OCR cannot decode (EMF, WMF) and has a printed copy
// (Document::converted_pdf) has its pictures listed and read on that PDF instead, each
// once, into parts named "picture 1 on page 2 as printed". A
// picture that cannot be read, times out or crashes is a finding naming it. A picture
// a PDF draws on many pages (one image object: a letterhead's logo) is read once, and
// its words are placed on each page that draws it (or its finding, when unread).
//
// For tests, the engine can be replaced: `replay_dir` serves pages recorded earlier
// (by `record_dir`), so most tests neither need Tesseract nor depend on its version.
//
// The engine's readers are forked from a small process started early (StartReaders),
// so each costs its page, not the run's memory as well. The caller must be
// single-threaded (the readers are forks).
#ifndef QPM_EXTRACTORS_READ_OCR_STAGE_H_
#define QPM_EXTRACTORS_READ_OCR_STAGE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "extractors/read/pictures.h"
#include "pipeline/core/model.h"
#include "pipeline/core/status.h"
#include "pipeline/platform/sandbox.h"

namespace qpm::ocr {

// One page to read, as the reader process is given it.
struct PageJob {
  std::string document;    // the document's id
  std::string path;        // Document::work_path
  std::string media_type;  // "application/pdf" or "image/..."
  std::string sha256;      // of the document, as received
  int page = 1;            // 1-based
  // A picture, read instead of the whole page: 0 for a page; else its number on its
  // page (PDF) or in the package (Word), as extract::Picture numbers it.
  int picture = 0;
  std::string part = {};  // Word: the picture's part, "word/media/image2.png"
  Box box = {};           // PDF: where the picture is drawn on `page`, in points
  int width_px = 0;       // the picture's own pixels
  int height_px = 0;
};

// How big a picture must be to be read by OCR: big enough to hold a line of words.
// Tesseract reads a line whose capitals are about 10 pixels high or more; with its
// ascenders, descenders and a margin, a line takes at least 16 pixels, and the
// shortest value worth finding (a name, an NHS number) at that size is over 64 pixels
// long. Icons (16-48 pixels square), bullets and rules (a few pixels high) are
// smaller, and are skipped. A PDF picture must also be shown big enough to hold a line
// a reader could read: 6 points high (5-point type, the smallest print) and 24 long.
inline constexpr int kPictureMinSidePixels = 16;
inline constexpr int kPictureMinLengthPixels = 64;
inline constexpr double kPictureMinSidePoints = 6;
inline constexpr double kPictureMinLengthPoints = 24;
// A PDF picture with this many words of the page's own text layer inside its box is
// already read (a scan carrying its own OCR text, a form drawn over a background).
inline constexpr int kPictureCoveredWords = 5;

// Why a listed picture is not read; kRead when it is.
enum class PictureSkip {
  kRead,
  kNoSize,         // its header could not be read: a kind OCR does not read (EMF, WMF)
  kFewPixels,      // too few pixels to hold a line of words
  kShownSmall,     // PDF: shown too small to hold a line anyone could read
  kTextLayer,      // PDF: the page's text layer already covers it
  kPageReadWhole,  // PDF: its page is read by OCR whole
};

// What becomes of `picture`; `page` is the PDF page it is drawn on as extracted
// (nullptr for a Word picture), `page_read_whole` whether OCR reads that page whole.
PictureSkip ChoosePicture(const extract::Picture& picture, const Page* page, bool page_read_whole);

// Reads one page; runs in the reader process. Must not throw.
using PageReader = std::function<Result<Page>(const PageJob& job)>;

struct Options {
  bool enabled = true;                 // false (--no-ocr): the pages are reported as not read
  uint32_t page_timeout_seconds = 60;  // per page, then the reader is killed (--ocr-timeout)
  std::string tessdata;  // language data folder; "" = $TESSDATA_PREFIX or the system's
  // A page whose words' mean confidence (0-100) is below this gets a warning.
  float low_confidence = 60;
  // Tests: read each page (and picture) from <replay_dir>/<sha256>-p<N>.json instead of running
  // the engine; a page with no recording becomes an extract.ocr-failed finding.
  std::string replay_dir;
  // Tests: write every page the engine reads to <record_dir>/<sha256>-p<N>.json.
  std::string record_dir;
  // Tests: reads pages instead of the engine or the replay. Empty: the engine.
  PageReader reader;
  // Where the engine's readers are forked from (StartReaders below); null: from the
  // calling process, so each carries a copy of all it holds by then.
  sandbox::Spawner* spawner = nullptr;
};

// True when `options` read pages with the engine (not a replay or a test's reader).
bool UsesEngine(const Options& options);

// Forks the small process the engine's readers are forked from, for Options::spawner.
// Call it early, before the run holds much, while single-threaded; null when the
// fork fails (readers are then forked from the run itself).
std::unique_ptr<sandbox::Spawner> StartReaders();

// Called in this process before the first page and after each, with how many are
// done of how many.
using ProgressFn = std::function<void(size_t done, size_t total)>;

// The file name a page's recording has in a replay or record folder:
// "<sha256>-p<page>.json".
std::string RecordingName(const std::string& sha256, int page);

// The same for any job: "<sha256>-p<page>-picture<n>.json" for a PDF picture,
// "<sha256>-picture<n>.json" for a Word picture.
std::string RecordingName(const PageJob& job);

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

#endif  // QPM_EXTRACTORS_READ_OCR_STAGE_H_
