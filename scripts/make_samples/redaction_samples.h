// scripts/make_samples/redaction_samples.h — the PDFs of samples/redaction/: one file per
// way a redaction fails or data hides, and controls that only look like one.
//
// Written by hand, object by object, so that each file holds exactly the construct it is
// named after (a box drawn over text, a Form XObject, an image, an annotation, an OCR layer
// under a blacked-out scan, a layer switched off, an incremental update ...) and nothing a
// PDF library would add or tidy away.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_REDACTION_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_REDACTION_SAMPLES_H_

#include <string>
#include <utility>
#include <vector>

namespace qpm::samples {

// The client every redaction sample's note names, and her NHS number (the never-issued 999
// range, with a valid check digit). Every person here is invented.
inline constexpr char kRedactionClient[] = "Marjorie Fairweather";
inline constexpr char kRedactionNhs[] = "999 612 0015";

struct RedactionSample {
  std::string name;     // file name inside samples/redaction/
  std::string bytes;    // the PDF
  std::string planted;  // what it holds, for README.md
  // The findings it must give: rule and page (0: about the whole document). Empty for a
  // control, which must give none of the redaction and hidden-data rules.
  std::vector<std::pair<std::string, int>> expected;
  // Rules a leak must not raise besides (a control must raise none of RedactionRuleIds).
  std::vector<std::string> absent = {};
  // Where the expected findings are when not on the sample itself: a file carried inside it,
  // read as a document of its own (" > referral.txt", appended to the sample's name).
  std::string inside = {};
  // What the leak hides, which no safe copy may hold (expected.json's planted_values): the
  // name under the box, the NHS number in white, in the layer, in the properties ... Empty
  // for a control, and for a leak that hides no value (a script).
  std::vector<std::string> planted_values = {};
};

// Every PDF sample, leaks first, then controls.
std::vector<RedactionSample> RedactionPdfSamples();

// Every redaction and hidden-data rule id, as docs/rules.md lists them: what no control may
// raise. Written here by hand, not read from the tool.
const std::vector<std::string>& RedactionRuleIds();

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_REDACTION_SAMPLES_H_
