// scripts/make_samples/word_workbook.h — the workbook as a Word file, filled in the ways
// organisations fill it in: each principle a heading, each indicator one table row (id |
// wording | answer), and the tick answers carried by every kind of check box Word files hold.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_WORD_WORKBOOK_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_WORD_WORKBOOK_H_

#include <string>

#include "expected_results.h"
#include "fillable_workbook.h"

namespace qpm::samples {

// A run of `text` (XML-escaped), with `run_properties` (raw w:rPr content) when set.
std::string WordRun(const std::string& text, const std::string& run_properties = "");

// A paragraph of `runs`, in `style` when set.
std::string WordParagraph(const std::string& runs, const std::string& style = "");

// Numbers the content controls and form fields of one document, as Word does.
class WordIds {
 public:
  int Next() { return ++last_; }

 private:
  int last_ = 100;
};

// A check-box content control (w14:checkbox), ticked or not, showing ☒ or ☐.
std::string WordCheckBoxControl(WordIds& ids, bool checked);

// A Word file, with the answers it holds as expected.json lists them.
struct RenderedDocx {
  std::string bytes;
  Json answers = Json::array();
};

// The workbook of Principles() as Example Advocacy North's Word file, its front page stating
// `edition`'s WTE, band and issue date.
RenderedDocx RenderWordWorkbook(const WorkbookEdition& edition);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_WORD_WORKBOOK_H_
