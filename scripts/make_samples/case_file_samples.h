// scripts/make_samples/case_file_samples.h — samples/case-files/: several case files merged
// into one PDF.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_CASE_FILE_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_CASE_FILE_SAMPLES_H_

#include "expected_results.h"

namespace qpm::samples {

void WriteSeveralCases(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_CASE_FILE_SAMPLES_H_
