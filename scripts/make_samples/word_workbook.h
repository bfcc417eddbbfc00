// scripts/make_samples/word_workbook.h — the workbook as a Word file, filled in the ways
// organisations fill it in: each principle a heading, each indicator one table row (id |
// wording | answer), and the tick answers carried by every kind of check box Word files hold.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_WORD_WORKBOOK_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_WORD_WORKBOOK_H_

#include <string>

#include "expected_results.h"
#include "fillable_workbook.h"

namespace qpm::samples {

std::string WordRun(const std::string& text, const std::string& run_properties = "");

std::string WordParagraph(const std::string& runs, const std::string& style = "");

// Numbers the content controls and form fields of one document, as Word does.
class WordIds {
 public:
  int Next() { return ++last_; }

 private:
  int last_ = 100;
};

std::string WordCheckBoxControl(WordIds& ids, bool checked);

struct RenderedDocx {
  std::string bytes;
  Json answers = Json::array();
};

RenderedDocx RenderWordWorkbook(const WorkbookEdition& edition);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_WORD_WORKBOOK_H_
