// extractors/read/pdf_text.h — a PDF's text, word boxes and metadata (Poppler, behind this file).
#ifndef QPM_EXTRACTORS_READ_PDF_TEXT_H_
#define QPM_EXTRACTORS_READ_PDF_TEXT_H_

#include <string>
#include <vector>

#include "extractors/read/extract.h"
#include "pipeline/core/status.h"

namespace qpm::extract {

// Opens the PDF at `path` (trying the empty password, then each of `passwords` in
// UTF-8 and in Latin-1), hands each page's text and word boxes to `on_page`, and
// returns the document's metadata (Info dictionary and XMP) and how many comments and
// mark-ups it carries (Summary::markups). A page's text is its
// words joined by a space, or a newline where the line changes, so every Word's
// [start, end) indexes Page::text exactly.
Summary ReadPdf(const std::string& path, const std::vector<std::string>& passwords,
                uint32_t max_pages, const PageFn& on_page);

// The text and word boxes of page `number` (1-based) alone, as ReadPdf gives each
// page: for a safe copy (copy_page.h), whose values to remove are found on the page it
// is made of (a Word file's printed copy). Fails with kUnreadable (damaged, no such
// page) or kPasswordNeeded.
Result<Page> ReadPdfPageText(const std::string& path, int number,
                             const std::vector<std::string>& passwords);

// How many pages the PDF at `path` has. Fails with kUnreadable or kPasswordNeeded.
Result<int> CountPdfPages(const std::string& path, const std::vector<std::string>& passwords);

struct PdfObjectCounts {
  int images = 0;   // image XObjects
  int markups = 0;  // comment and mark-up annotations (Text, FreeText, Highlight, Ink, ...)
};

// Counts objects by the "/Subtype /Name" in the file's bytes. Image XObjects are
// streams, which can never sit inside an object stream, so all of them are
// counted (images drawn inline in a content stream are not). Annotations can sit
// in compressed object streams, where this misses them: a lower bound.
PdfObjectCounts CountPdfObjects(const std::string& path);

// True when the last 16 KiB of the file hold a "%%EOF" marker.
bool PdfHasEndMarker(const std::string& path);

// Builds Poppler's process-wide tables (encodings, character maps, font settings)
// now and keeps them for the life of this process. Every reader is a fork of this
// process: without this, each builds them again when it opens its first PDF, and
// drops them when it closes its last, a few milliseconds each over hundreds of
// readers in a submission. Call while single-threaded, before the first reader;
// calling again does nothing.
void KeepPopplerReady();

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_PDF_TEXT_H_
