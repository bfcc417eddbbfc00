// scripts/make_samples/office_samples.h — office files other than .docx: the fail-closed
// samples of samples/fail-closed/ (a client's name and NHS number in the body of an ODT, an
// RTF, a legacy Word .doc and a spreadsheet's cells) and the tracked changes and comments of
// samples/redaction/ in an ODT and an RTF.
//
// ODT and .xlsx are zips of XML and RTF is plain text, so they are written here byte for byte.
// A .doc needs LibreOffice to write it: scripts/make-legacy-doc converts the ODT sample into
// it once, and the file is committed (samples/README.md says how); its expected result is
// still written by the generator, from the values planted here.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_OFFICE_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_OFFICE_SAMPLES_H_

#include <string>
#include <utility>
#include <vector>

namespace qpm::samples {

struct OfficeSample {
  std::string path;        // inside samples/: "fail-closed/case-notes.odt"
  std::string media_type;  // what report.json must say it is
  // A zip package's entries in order (the first stored, not deflated, as OpenDocument
  // asks of its "mimetype"); empty for a plain file, whose bytes are `bytes`.
  std::vector<std::pair<std::string, std::string>> entries;
  bool store_first = false;
  std::string bytes;
  bool made_by_libreoffice = false;  // not written by the generator: committed (see above)
  std::string planted;               // for README.md
  std::vector<std::string> planted_values;
  // Findings the triage run must give on the file: rule and page (0: not on a page).
  std::vector<std::pair<std::string, int>> expected;
  int pages = 1;  // pages of the PDF LibreOffice makes of it
};

// Every such sample, in the order they are written.
std::vector<OfficeSample> OfficeSamples();

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_OFFICE_SAMPLES_H_
