// extractors/read/pictures.h — the pictures a document shows, listed for OCR
// (extractors/read/ocr_stage.h decides which are read; extractors/read/ocr.h reads them).
//
// A PDF's pictures are the images its pages draw (Poppler's own interpreter, behind
// pdf_pictures.cc), each with where it is drawn and how many pixels it has; a Word
// file's are the images its parts show (the body, headers, footers, notes, text
// boxes: every part whose relationships name an image in the package), read from
// the package's bytes (behind word_pictures.cc). Both read hostile files: run them in a
// reader process. Nothing is decoded but image headers. Never throws.
#ifndef QPM_EXTRACTORS_READ_PICTURES_H_
#define QPM_EXTRACTORS_READ_PICTURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/status.h"

namespace qpm::extract {

struct Picture {
  int page = 0;      // PDF: the 1-based page it is drawn on; 0 in a Word file
  int number = 0;    // 1-based: in drawing order on its page (PDF), in package order (Word)
  std::string part;  // Word: the image's part in the package, "word/media/image2.png"
  Box box;           // PDF: where it is drawn, clipped to the page, in word-box points
  int width_px = 0;  // its own pixels (0 when a Word image's header could not be read)
  int height_px = 0;
  // PDF: the number of the image object drawn, so the same picture drawn on many
  // pages (a letterhead's logo) is known as one; 0 for an image drawn inline.
  int object = 0;
};

// The pictures drawn on `pages` (1-based, ascending) of the PDF at `path`, opened with
// the first of `passwords` that works (or none). Pictures wholly off the page are left
// out. Fails with kPasswordNeeded or kUnreadable.
Result<std::vector<Picture>> ListPdfPictures(const std::string& path,
                                             const std::vector<std::string>& passwords,
                                             const std::vector<int>& pages);

// The images a Word package's parts show, with their pixel sizes from their headers
// (an image over `max_bytes` is listed with no size). Fails with kUnreadable.
Result<std::vector<Picture>> ListWordPictures(const std::string& path, uint64_t max_bytes);

// The bytes of one part of a Word package, at most `max_bytes` (kLimit beyond).
Result<std::string> ReadWordPart(const std::string& path, const std::string& part,
                                 uint64_t max_bytes);

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_PICTURES_H_
