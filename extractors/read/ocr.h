// extractors/read/ocr.h — reads a page image with Tesseract (Tesseract and Leptonica stay behind
// ocr.cc).
//
// One page at a time, so memory is bounded by one page: a PDF page is rendered by
// Poppler in grey at 300 dpi (less for a page so large that it would exceed
// `max_pixels`), or one frame of an image file is decoded by Leptonica. Tesseract
// reads it with eng.traineddata, one thread (see LimitThreadsOrReexec). A page read
// as it is with confidence, in upright text blocks, is taken as it is: one pass, as
// the `tesseract` command makes. Otherwise Tesseract's orientation detection
// (osd.traineddata) says which way up the scan is, and a turned page is turned
// upright and read again. Word boxes come back on the page as displayed, in PDF
// points, whatever the turn: for an image, a pixel is 72/dpi points at the
// resolution the file states, or at 300 dpi when it states none.
//
// Runs in a reader process (pipeline/platform/sandbox.h): a hostile file costs only its own
// page. Reads nothing but the file and the language data; writes nothing; never logs
// the page's text (Tesseract's and Leptonica's messages are silenced). Never throws.
#ifndef QPM_EXTRACTORS_READ_OCR_H_
#define QPM_EXTRACTORS_READ_OCR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/status.h"

namespace qpm::ocr {

struct EngineOptions {
  std::string tessdata;              // the folder with the language data; see LanguageDataDir
  int dpi = 300;                     // rendering resolution for PDF pages
  uint64_t max_pixels = 80'000'000;  // a larger page is rendered at a lower resolution;
                                     // a larger image is refused (kLimit)
  // Turns the scan upright only when the orientation detector is at least this sure
  // (Tesseract's own scale; a page of text scores well above it, a nearly blank one
  // below). Below it the page is read as it is.
  float min_orientation_confidence = 2.0f;
  // A first read of the page as it is stands, with no orientation pass, when it has at
  // least this many words, their mean confidence (0-100) is at least this, and no text
  // block is turned. A page upside down reads at about 40; an upright scan at 85-95.
  size_t trusted_min_words = 10;
  float trusted_confidence = 70;
};

// The folder language data is read from: `tessdata` when not empty; else
// $TESSDATA_PREFIX when it names a folder; else the first of the usual system
// folders that exists (/usr/share/tesseract-ocr/5/tessdata, ...).
std::string LanguageDataDir(const std::string& tessdata);

// Ok when `dir` holds eng.traineddata and osd.traineddata. Otherwise a Status
// (kUnsupported: a dependency is missing) whose message names the missing file and
// the Debian package that ships it.
Status CheckLanguageData(const std::string& dir);

// Reads page `number` (1-based) of the PDF at `path`; a locked PDF is opened with
// the first of `passwords` that works. The Page has source kOcr, its words with
// boxes and confidences (whole numbers, 0-100), ocr_confidence (their mean; 0 when
// there are none), ocr_rotation, and width and height as displayed.
// Fails with kUnreadable (damaged, no such page, locked), kLimit, or kUnsupported
// (language data missing or unusable).
Result<Page> ReadPdfPage(const std::string& path, int number,
                         const std::vector<std::string>& passwords, const EngineOptions& options);

// The same for frame `number` (1-based) of an image file (PNG, JPEG, TIFF with any
// number of frames, BMP, GIF, WebP, PNM, as Leptonica reads them).
Result<Page> ReadImagePage(const std::string& path, int number, const EngineOptions& options);

// An image file's frames and the size of each as a page, from the file's headers
// only (nothing is decoded). Fails with kUnreadable for a file Leptonica does not
// recognise, and kLimit for a frame larger than `max_pixels`. At most `max_frames`
// are listed; `frames` says how many there are.
struct ImageFrames {
  int frames = 0;
  std::vector<Page> pages;  // number, width and height in points; source kNone, no text
};
Result<ImageFrames> ListImageFrames(const std::string& path, uint32_t max_frames,
                                    uint64_t max_pixels = EngineOptions().max_pixels);

// Pictures inside documents (extractors/read/ocr_stage.h chooses which; extractors/read/pictures.h
// lists them).
//
// Reads the picture drawn at `box` (points, on page `number` of the PDF as displayed,
// as word boxes are) from the page as rendered, cropped to the box: at the resolution
// that keeps the picture's own `width_px` pixels across it, but no less than
// options.dpi and no more than twice it, within max_pixels. The Page has the words
// found in the picture with their boxes on the whole page, width and height of the
// page as displayed, and fails as ReadPdfPage does.
Result<Page> ReadPdfPicture(const std::string& path, int number, const Box& box, int width_px,
                            const std::vector<std::string>& passwords,
                            const EngineOptions& options);

// Reads an image held in memory (a PNG or JPEG inside a Word file): the Page's word
// boxes are in points at the image's stated resolution (300 dpi when it states none).
// Fails with kUnreadable (not an image Leptonica reads), kLimit (over max_pixels).
Result<Page> ReadImageBytes(const std::string& bytes, const EngineOptions& options);

// An image's size in pixels from its header alone; kUnreadable when Leptonica does
// not recognise it (a Word file's EMF and WMF drawings, for one).
struct PixelSize {
  int width = 0;
  int height = 0;
};
Result<PixelSize> ImagePixelSize(const std::string& bytes);

// "tesseract 5.3.0, leptonica-1.82.0": written beside recorded OCR output.
std::string EngineVersion();

// Tesseract parallelises with OpenMP, whose thread limit is read from the environment
// once, when the library loads, before main() runs. Pages are already read in
// parallel, one process each; more threads per page only slow the machine down (4x on
// a 2-core machine). So when OMP_THREAD_LIMIT is not set, this sets it to 1 and
// re-executes /proc/self/exe with the same argv; when it is set, or the re-exec fails,
// it returns and the run goes on. Call first thing in main(), before any thread starts.
void LimitThreadsOrReexec(int argc, char** argv);

}  // namespace qpm::ocr

#endif  // QPM_EXTRACTORS_READ_OCR_H_
