// extractors/read/copy_page.h — makes one page of a safe copy (`qpm-intake redact`,
// pipeline/core/safe_copy.h): renders it, burns the boxes into its pixels, reads the
// burnt page by OCR for the invisible text layer, and encodes the pixels for the PDF
// writer. Poppler renders PDF pages; Leptonica decodes image files, burns, scales and
// encodes; Tesseract reads (through ocr.h's engine). Their headers stay in
// copy_page.cc.
//
// Runs in a reader process (pipeline/platform/sandbox.h): a hostile file costs only
// its own page. Reads the file and the language data; writes nothing; never logs the
// page's text. Never throws.
#ifndef QPM_EXTRACTORS_READ_COPY_PAGE_H_
#define QPM_EXTRACTORS_READ_COPY_PAGE_H_

#include <optional>
#include <string>
#include <vector>

#include "extractors/read/ocr.h"
#include "pipeline/core/model.h"
#include "pipeline/core/safe_copy.h"
#include "pipeline/core/status.h"

namespace qpm::copy {

struct PageRequest {
  std::string path;                    // a PDF, or an image file
  bool image_file = false;             // true: `path` is an image file and `page` its frame
  int page = 1;                        // 1-based
  std::vector<std::string> passwords;  // for a locked PDF; never copied into the result
  // The resolution to render a PDF page at; 0 chooses: a page that is a scan (one
  // picture covering most of it) at the scan's own resolution (its pixels across the
  // width it is drawn at), kept within 150-600 dpi; any other page at 300 dpi. Always
  // lowered so the page fits in engine.max_pixels. An image file is kept at its own
  // pixels (its stated resolution, 300 dpi when it states none, as ocr.h reads it).
  int dpi = 0;
  std::vector<CopyBox> boxes;  // burnt in black, each grown by half a point on every side
  // The text layer to keep instead of reading the burnt page: the words an earlier OCR
  // of this same page read, less those under a box (the caller drops them). When
  // absent, the burnt page is read by OCR.
  std::optional<std::vector<Word>> words;
  int words_turn = 0;    // their page's Page::ocr_rotation
  int preview_dpi = 50;  // the resolution of CopyPage::preview_jpeg; 0: none
};

// Makes the page. The CopyPage's image is "raw" (grey, or RGB when the page shows
// colour) for a PDF page that is not a scan, and "jpeg" (quality 85; grey or colour as
// the scan is) for a scan and an image file; width and height are the page as
// displayed in points (an image: its pixels at its resolution), `boxes` are the
// request's, `words` the text layer with boxes in points. Fails with kUnreadable
// (damaged, no such page), kPasswordNeeded, kLimit (over max_pixels, no memory) or
// kUnsupported (language data missing).
Result<CopyPage> MakePage(const PageRequest& request, const ocr::EngineOptions& engine);

}  // namespace qpm::copy

#endif  // QPM_EXTRACTORS_READ_COPY_PAGE_H_
