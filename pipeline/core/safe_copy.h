// pipeline/core/safe_copy.h — a page of a safe copy (`qpm-intake redact`, docs/redact.md).
//
// A safe copy keeps nothing of the original file but the pixels of its pages: each
// page is rendered, the boxes over what is removed are burnt into the pixels, and
// the page is written as a new picture with an invisible text layer that OCR read
// from those pixels. These are the plain structs that travel between the stages that
// do it: the plan (redaction/removal.h: which boxes, and why), the page maker (run
// in a reader process: renders, burns, reads), and the PDF writer
// (pipeline/output/safe_pdf.h). Boxes are in points on the page as displayed, as
// Word boxes are (model.h).
#ifndef QPM_PIPELINE_CORE_SAFE_COPY_H_
#define QPM_PIPELINE_CORE_SAFE_COPY_H_

#include <string>
#include <vector>

#include "pipeline/core/model.h"

namespace qpm {

// One opaque box burnt into a page, and the label drawn on it ("name", "NHS number";
// "" for none).
struct CopyBox {
  Box box;
  std::string label;
};

// A page's pixels, ready for the PDF writer: JPEG bytes as they go into the file
// ("jpeg", DCTDecode), or the pixels themselves, row by row with no padding, which
// the writer compresses ("raw", FlateDecode).
struct CopyImage {
  int width_px = 0;
  int height_px = 0;
  int components = 1;    // 1: grey, 8 bits; 3: RGB, 8 bits each
  std::string encoding;  // "jpeg" | "raw"
  std::string data;      // the bytes; empty once set aside in `file`
  std::string file;      // the bytes in a work file instead (the runner sets it)
};

// One page of a safe copy.
struct CopyPage {
  int number = 1;                // 1-based, as in the original
  double width = 0, height = 0;  // points, the page as displayed
  double dpi = 300;              // the resolution it was rendered at
  CopyImage image;
  // The invisible text layer: each word OCR read on the page as burnt, with its box.
  // Only text and box are used.
  std::vector<Word> words;
  // The clockwise turn (0, 90, 180, 270) that makes the page's text upright, as OCR
  // found it (Page::ocr_rotation): a scan fed in sideways has its words laid up or down
  // the page, along the lines they are read on.
  int text_turn = 0;
  // The boxes burnt into the pixels, with their labels (drawn as visible text on the
  // box, unless labels are off).
  std::vector<CopyBox> boxes;
  // A small grey JPEG of the page as burnt, for redactions.html (docs/redact.md); not
  // written into the copy.
  std::string preview_jpeg;
  int preview_dpi = 0;
};

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_SAFE_COPY_H_
