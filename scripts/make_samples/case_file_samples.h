// scripts/make_samples/case_file_samples.h — samples/case-files/: several case files merged
// into one PDF.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_CASE_FILE_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_CASE_FILE_SAMPLES_H_

#include "expected_results.h"

namespace qpm::samples {

// case-files/several-cases-in-one.pdf: MergedCaseFiles() merged into one PDF, and the pages
// each case's components fill in it.
void WriteSeveralCases(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_CASE_FILE_SAMPLES_H_
