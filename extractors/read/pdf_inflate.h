// extractors/read/pdf_inflate.h — what a PDF's streams unpack to, measured before anything
// reads the PDF (Poppler's own parser and decoders, behind pdf_inflate.cc).
//
// A PDF can be built to unpack to far more than its size: 120 KB of JBIG2 that declare a
// page of 100 000 × 100 000 dots, drawn as page content, or a megabyte of Flate that
// inflates to gigabytes. Every reader (text, form fields, hidden text, pictures) would
// spend the document's whole time limit unpacking and parsing it. Measured first, such a
// file is refused in a moment, and the rest of the submission goes on.
//
// Counted: every stream a reader unpacks (page contents, forms, patterns, fonts, character
// maps, metadata, object streams), each decoded through Poppler's own filters and counted
// as it comes, stopping as soon as the bound is passed. A decoder that makes its whole
// picture before it gives its first byte (JBIG2, JPEG 2000) is judged by the size its
// header declares, and never run past the bound.
// Not counted: pictures and attached files, which no reader here unpacks (OCR renders
// pictures under a time limit per page; ingest takes attached files out under the
// archive limits), unless a page draws one as content: a stream is what it is used as,
// whatever its dictionary says it is.
//
// Reads hostile files: run it in a reader process. Never throws.
#ifndef QPM_EXTRACTORS_READ_PDF_INFLATE_H_
#define QPM_EXTRACTORS_READ_PDF_INFLATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "extractors/read/extract.h"
#include "pipeline/core/model.h"
#include "pipeline/core/status.h"

namespace qpm::extract {

// What the counted streams of a PDF unpack to.
struct Inflation {
  uint64_t bytes = 0;  // in all, counted up to just past the bound
  bool over = false;   // more than the bound
  int object = 0;      // over: the object number of the stream that passed it
  // over, when a picture decoder's header passed it: its size, "100000 × 100000 dots"
  std::string picture;
};

// Measures the PDF at `path`, opened with the first of `passwords` that works (or none),
// up to `max_bytes`. Fails with kPasswordNeeded or kUnreadable.
Result<Inflation> MeasureInflation(const std::string& path,
                                   const std::vector<std::string>& passwords, uint64_t max_bytes);

// For the PDF branch of Extract, before any reader opens it: true when the PDF unpacks to
// at most limits.max_inflate_bytes, or cannot be opened (its readers then say why).
// Otherwise marks `s` failed with a blocker extract.inflate-limit and returns false.
bool WithinInflateLimit(const std::string& path, const std::vector<std::string>& passwords,
                        const Limits& limits, Summary& s);

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_PDF_INFLATE_H_
