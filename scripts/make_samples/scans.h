// scripts/make_samples/scans.h — scans. A scanned document here is one of ours printed and
// copied: each page of a PDF this program wrote is rendered by Poppler at kScanDpi, tilted a
// little, given a copier's grain and thresholded to black and white, then stored as an
// image-only PDF page (or a PNG), so it has no text layer at all. Some sheets went through the
// copier sideways or upside down. The grain comes from a fixed seed, so the bytes are the same
// on every run. What each page says is taken from the PDF before it was rasterised (Poppler's
// text of our own file), never from OCR: it is what the recorded OCR output in
// samples/scans/ocr/ is checked against (tests/ocr_test.cc).
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_SCANS_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_SCANS_H_

#include <poppler/cpp/poppler-document.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "expected_results.h"
#include "scripts/scan_copy/scan_copy.h"

namespace qpm::samples {

using scan_copy::Bitmap;

// The copier's resolution, stated in every scan.
constexpr int kScanDpi = 200;

// A rectangle in points, top-left origin, y downwards (as Poppler gives text boxes).
struct Rect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// What a page of a text PDF says, as Poppler reads it, and where its first word is.
struct PageTruth {
  std::vector<std::string> words;
  Rect first_word;  // points, top-left origin
};

// A PDF this program wrote, opened by Poppler; fails if it cannot be.
std::unique_ptr<poppler::document> OpenPdf(const std::string& pdf);

// An image-only PDF: each bitmap is one page, drawn over the whole of it at kScanDpi.
std::string ImagePdf(const std::vector<Bitmap>& pages, const std::string& title);

// A black-and-white PNG stating kScanDpi, written by hand so nothing in it varies by run.
std::string Png(const Bitmap& b);

// One page of a scan and what it should read as.
struct ScannedPage {
  Bitmap bitmap;
  PageTruth truth;
  int turned = 0;  // clockwise turn of the sheet in the copier
  double tilt = 0;
  double width = 0;  // points, as displayed
  double height = 0;
};

// Page `index` of `doc` printed and copied: tilted `tilt` degrees, turned `turned` degrees
// clockwise, its grain from `seed`; with what it says.
ScannedPage ScanPage(const poppler::document& doc, int index, int turned, double tilt,
                     uint64_t seed);

// What the scanned pages say, for expected.json's "ocr": per page its turn, size, heading, first
// word's box and words.
Json TruthJson(const std::vector<ScannedPage>& pages, const std::vector<std::string>& headings);

// scans/scanned-case-file.pdf: CF06 printed and copied, an NHS number on its case-notes page.
void WriteScannedCaseFile(Output& out);

// samples/fail-closed/ pictures (pictures_samples.h): the planted values are only in a
// picture, read by OCR; runs replay the recordings in fail-closed/ocr/ (scripts/record-ocr).
void WriteFailClosedPictures(Output& out);

// scans/scanned-letter.png: a one-page letter copied, an email address in its text.
void WriteScannedLetter(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_SCANS_H_
