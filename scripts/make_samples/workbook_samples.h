// scripts/make_samples/workbook_samples.h — samples/workbooks/: the Assessment Workbook as a
// Word file, printed to PDF, and in a later edition, each triaged alone.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_SAMPLES_H_

#include "expected_results.h"

namespace qpm::samples {

// workbooks/word-workbook.docx: the workbook as a Word file (WTE 22, Band 2).
void WriteWordWorkbook(Output& out);

// workbooks/printed-workbook.pdf: the workbook printed to PDF (WTE 9.5).
void WritePrintedWorkbook(Output& out);

// workbooks/new-edition-workbook.pdf: a fillable workbook of a later edition, which adds 7.4
// and drops 8.2.
void WriteNewEditionWorkbook(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_SAMPLES_H_
