// scripts/make_samples/fail_closed_samples.h — samples/fail-closed/: one file per way a
// document reaches the bundle, each holding a client's full name and NHS number only in the
// place it exercises (tests/fail_closed_test.cc reads the bundle back and checks that every
// place showing them has its finding).
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_FAIL_CLOSED_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_FAIL_CLOSED_SAMPLES_H_

#include "embedded_samples.h"
#include "expected_results.h"

namespace qpm::samples {

// The fail-closed samples written here: the planted name and NHS number in a PDF's text, on a
// scanned page, in a Word body, in an email inside a zip and in an image file.
void WriteFailClosed(Output& out);

// A fail-closed sample (embedded_samples.h): the file, and a triage run that must find the
// planted name and NHS number where they were planted, and so withhold the bundle.
void WriteFailClosed(Output& out, const FailClosedSample& sample);

// samples/fail-closed/ and samples/redaction/: office files other than .docx (office_samples.h).
void WriteOffice(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_FAIL_CLOSED_SAMPLES_H_
