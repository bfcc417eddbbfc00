// scripts/make_samples/gaps_samples.h — samples/gaps/: the clean submission with exactly one
// gap each, for the completeness checks. Each is triaged on the clean sample's date received
// (or its email's Date) and must give exactly its one finding above info ("only_findings").
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_GAPS_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_GAPS_SAMPLES_H_

#include "clean_samples.h"
#include "expected_results.h"

namespace qpm::samples {

// Every samples/gaps/ sample, each `set` with one gap.
void WriteGaps(Output& out, const CleanSet& set);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_GAPS_SAMPLES_H_
