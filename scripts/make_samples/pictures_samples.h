// scripts/make_samples/pictures_samples.h — the fail-closed samples for pictures inside
// documents (samples/fail-closed/): a Word file whose only copy of a client's name and NHS
// number is a screenshot of typed case notes, one where it is the text of a drawing (EMF),
// and a PDF page of ordinary text with, beside it, a picture that holds them.
//
// The pictures are typed text drawn by Poppler from a small PDF written here (Helvetica, a
// base-14 font, so nothing depends on the fonts installed), stored as 8-bit grey PNG (the
// Word file) or as a Flate-compressed image (the PDF), the same bytes on every run.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_PICTURES_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_PICTURES_SAMPLES_H_

#include <string>
#include <utility>
#include <vector>

namespace qpm::samples {

struct PictureSample {
  std::string name;        // inside samples/: "fail-closed/word-picture.docx"
  std::string media_type;  // as qpm-intake decides it
  std::string bytes;       // the file; empty for a Word file, which `package` holds
  // A Word file's parts, in order, for the caller's zip writer.
  std::vector<std::pair<std::string, std::string>> package;
  std::string planted;              // what it holds, for README.md and the expectation
  int page = 0;                     // the page the values are on; 0: not on a page
  std::string field;                // where they are when not on a page: "picture word/..."
  std::vector<std::string> values;  // the planted name and NHS number
  // Found in the PDF made of a Word file (its drawing's text), with OCR on or off.
  bool printed = false;
};

std::vector<PictureSample> FailClosedPictureSamples();

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_PICTURES_SAMPLES_H_
