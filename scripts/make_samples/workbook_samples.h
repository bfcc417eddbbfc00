// scripts/make_samples/workbook_samples.h — samples/workbooks/: the Assessment Workbook as a
// Word file, printed to PDF, and in a later edition, each triaged alone.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_SAMPLES_H_

#include "expected_results.h"

namespace qpm::samples {

void WriteWordWorkbook(Output& out);

void WritePrintedWorkbook(Output& out);

void WriteNewEditionWorkbook(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_SAMPLES_H_
