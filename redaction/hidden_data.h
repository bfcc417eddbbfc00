// redaction/hidden_data.h — findings for what a document keeps out of sight: the
// hidden text a PDF carries (extractors/read/pdf_hidden.h), a redaction marked and never
// applied, scripts, hidden form fields, a Word file's text blacked out by a dark
// highlight or shading (extractors/read/word_text.h), its hidden and white runs, tracked
// changes, and comments. (Properties and metadata are judged by the personal-data
// scan, personal_data.h, which reports what it finds in them as hidden data.)
//
// Hidden text is reported whether or not it holds personal data; when it does
// (the personal-data detectors find something in it, or a personal-data finding
// of the page lies inside it), its finding is a blocker and says so, and that
// personal-data finding becomes a blocker too: a value under a box was meant to be
// removed. It also says where it lies and takes the category of what hides it
// (redaction under a box or Word's blacked-out colour, hidden-data in white or
// tiny text ...): it is no value left in plain sight. Pure: no I/O, no library
// types in this header.
#ifndef QPM_REDACTION_HIDDEN_DATA_H_
#define QPM_REDACTION_HIDDEN_DATA_H_

#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/rules.h"
#include "redaction/lists.h"

namespace qpm::redaction {

// The rules: redaction.* for a redaction that only looks done, hidden-data.* for
// data nobody sees on the page.
const std::vector<RuleInfo>& HiddenDataRules();

// Findings for `doc`. `personal` holds the document's own personal-data findings
// (ScanDocument); those that lie in hidden text are raised to blockers and
// re-categorised here: call it before MarkRedactedElsewhere, which counts only
// values in plain sight.
// `lists`, when given, is used to judge hidden text as ScanDocument does.
std::vector<Finding> HiddenDataFindings(const Document& doc, std::vector<Finding>& personal,
                                        const PersonalDataLists* lists = nullptr);

}  // namespace qpm::redaction

#endif  // QPM_REDACTION_HIDDEN_DATA_H_
