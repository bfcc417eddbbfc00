// scripts/make_samples/gateway_samples.h — samples/gateway/: a micro-provider's application to
// another quality mark's Gateway, read with profiles/quality-mark-gateway.json. The form is a
// Word file (questions Q1-Q12 as table rows: id, wording, answer); its wording is copied from
// that profile. Three referees (Q10-Q12) each have an invented name, a relation, an
// example.org address and a number from Ofcom's drama ranges. Supporting evidence: the four
// documents the profile asks for, as PDFs.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_GATEWAY_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_GATEWAY_SAMPLES_H_

#include "expected_results.h"

namespace qpm::samples {

// gateway/example-gateway-application.zip, complete, and gateway/gateway-two-referees.zip,
// its third referee left empty.
void WriteGateway(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_GATEWAY_SAMPLES_H_
