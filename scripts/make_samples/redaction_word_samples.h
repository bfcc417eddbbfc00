// scripts/make_samples/redaction_word_samples.h — samples/redaction/: a file per way a
// redaction fails or data hides, and controls that only look like one (redaction_samples.h for
// the PDFs; the Word files are here, beside the other Word writers).
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_REDACTION_WORD_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_REDACTION_WORD_SAMPLES_H_

#include "expected_results.h"

namespace qpm::samples {

// Every samples/redaction/ sample: the PDFs of RedactionPdfSamples() and the Word files
// written here, each with a scan that must give its findings (a control: no redaction rule).
void WriteRedaction(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_REDACTION_WORD_SAMPLES_H_
