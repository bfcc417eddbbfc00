// scripts/make_samples/fillable_workbook.h — the fillable workbook. Field names are generic
// ("Check Box1", "Text1"), as Word's PDF export names them, so the tool has to find each
// answer's indicator from the page layout, not from the name. Every widget carries its own
// appearance stream, so viewers show the ticks and the text without regenerating anything
// (NeedAppearances stays false).
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_FILLABLE_WORKBOOK_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_FILLABLE_WORKBOOK_H_

#include <map>
#include <string>
#include <vector>

#include "expected_results.h"
#include "workbook_content.h"

namespace qpm::samples {

// A workbook as a PDF, with the answers it holds as expected.json lists them.
struct RenderedWorkbook {
  std::string bytes;
  int pages = 0;
  Json answers = Json::array();
  std::map<std::string, int> page_of;     // indicator id -> the page it is printed on
  std::vector<std::string> across_pages;  // narratives printed over a page break
};

// What the front of a workbook states, and how its edition differs from Principles().
struct WorkbookEdition {
  std::string wte = "6";
  int band = 1;
  std::string issued = "2026-09-01";
  std::string edition;               // printed under the title when set: "Edition 5"
  std::vector<std::string> dropped;  // indicator ids this edition no longer has
  std::vector<Indicator> added;      // each at the end of the principle its id's number names
  // Narrative id -> the answer written instead of Principles()' own ("" = left blank): the
  // planted gaps of samples/gaps/.
  std::map<std::string, std::string> answers;
};

// The fillable workbook: a check box beside every tick indicator, a text field under every
// narrative, all of them filled in.
RenderedWorkbook RenderWorkbook(const WorkbookEdition& edition = {});

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_FILLABLE_WORKBOOK_H_
