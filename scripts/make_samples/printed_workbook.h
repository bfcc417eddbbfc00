// scripts/make_samples/printed_workbook.h — the workbook printed to PDF (or flattened): no
// form fields, every answer drawn. Ticks are characters of the base-14 ZapfDingbats font, as
// flattened check boxes draw them: '4' is ✔ (U+2714), 'o' is ❏ (U+274F) and 'q' is ❑
// (U+2751), beside a drawn box or after "Yes" and "No".
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_PRINTED_WORKBOOK_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_PRINTED_WORKBOOK_H_

#include "fillable_workbook.h"

namespace qpm::samples {

// The workbook of Principles() printed, its front page stating `edition`'s WTE, band and
// issue date; its ticks are its own, and narrative 6.2 is left blank.
RenderedWorkbook RenderPrintedWorkbook(const WorkbookEdition& edition);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_PRINTED_WORKBOOK_H_
