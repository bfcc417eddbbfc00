// scripts/make_samples/word_samples.h — samples/word/: a plain Word file.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_WORD_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_WORD_SAMPLES_H_

#include "expected_results.h"

namespace qpm::samples {

// word/safeguarding-policy.docx: a minimal Word file with nothing personal in it.
void WriteDocx(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_WORD_SAMPLES_H_
