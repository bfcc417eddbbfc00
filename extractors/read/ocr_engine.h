// extractors/read/ocr_engine.h — what ocr.cc's readers and the safe copy's page maker
// (copy_page.cc) share: a PDF page rendered by Poppler, or an image file's frame decoded
// by Leptonica, as Leptonica pixels, and Tesseract's reading of those pixels.
//
// Internal to extractors/read/: Leptonica's image type is named here only, so whoever
// includes this includes Leptonica's header in its .cc too. Runs in a reader process,
// as ocr.h does; never logs a page's text; never throws.
#ifndef QPM_EXTRACTORS_READ_OCR_ENGINE_H_
#define QPM_EXTRACTORS_READ_OCR_ENGINE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "extractors/read/ocr.h"
#include "pipeline/core/model.h"
#include "pipeline/core/status.h"

struct Pix;  // Leptonica's image

namespace qpm::ocr {

struct PixFree {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

// An image as displayed, the size of its pixels, and the size of the page it shows.
struct Raster {
  PixPtr pix;
  double dpi = 300;  // pixels per inch, the same across and down
  double width = 0;  // points; 0 = as many as the pixels make at `dpi`
  double height = 0;
};

// Keeps Leptonica's and Poppler's messages, which can quote a file's name or text, out
// of every log. Every reader here calls it first.
void Silence();

// The colours a page is rendered in.
enum class Colours {
  kGrey,     // 8-bit grey, as Poppler renders it: what OCR reads
  kAsShown,  // RGB, kept as 32-bit RGB when it shows colour (ShowsColour), else 8-bit grey
};

// A pixel shows colour when two of its channels are more than 24 apart; a picture does
// when more than 0.1 % of its pixels do. Anti-aliased black text on white, a grey
// scan's noise and a JPEG's ringing stay under both; a coloured logo does not.
bool IsColourPixel(int r, int g, int b);
bool ShowsColour(uint64_t colour_pixels, uint64_t pixels);

// Renders page `number` (1-based) of the PDF at `path` as displayed (a /Rotate is
// applied), opened with the first of `passwords` that works. `choose_dpi` is given the
// page's size as displayed, in points, and returns the resolution wanted; the page is
// rendered at that, lowered so that it fits in `max_pixels`. The Raster's width and
// height are the page as displayed. Fails with kUnreadable (damaged, no such page, no
// size), kPasswordNeeded, or kLimit (too large, no memory).
Result<Raster> RenderPdfPage(const std::string& path, int number,
                             const std::vector<std::string>& passwords,
                             const std::function<double(double, double)>& choose_dpi,
                             Colours colours, uint64_t max_pixels);

// Frame `number` (1-based) of the image file at `path`, decoded at its own pixels in
// its own colours (any depth, perhaps a colour map), at the resolution it states (300 dpi
// when none) with its pixels made square (a fax's 204 x 98 dpi is scaled to 204 x 204).
// Fails with kUnreadable (not an image, no such frame) or kLimit (over `max_pixels`).
Result<Raster> DecodeImageFrame(const std::string& path, int number, uint64_t max_pixels);

// Reads the 8-bit grey `raster` as ReadPdfPage does (ocr.h: one pass when it reads as
// upright with confidence, else orientation detection and a second pass), freeing its
// pixels as soon as Tesseract holds its own copy. The Page has source kOcr, its words
// in points on the page as displayed, and ocr_confidence and ocr_rotation; not its number.
Result<Page> Recognise(Raster raster, const EngineOptions& options);

}  // namespace qpm::ocr

#endif  // QPM_EXTRACTORS_READ_OCR_ENGINE_H_
