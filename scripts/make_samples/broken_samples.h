// scripts/make_samples/broken_samples.h — samples/broken/: submissions that are broken or
// hostile in one way each (an entry that climbs out of its folder, a zip bomb, zips nested too
// deep, passwords, a truncated PDF, a twice-forwarded email, junk, planted personal data).
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_BROKEN_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_BROKEN_SAMPLES_H_

#include <string>

#include "clean_samples.h"
#include "expected_results.h"

namespace qpm::samples {

void WriteZipSlip(Output& out, const CleanSet& set);

void WriteZipBomb(Output& out);

void WriteNested(Output& out);

// Returns the AES zip, which the two-email sample attaches.
std::string WriteLockedZips(Output& out, const CleanSet& set);

void WritePasswordInSecondEmail(Output& out, const CleanSet& set, const std::string& aes_zip);

void WriteTruncated(Output& out, const CleanSet& set);

void WriteForwarded(Output& out, const CleanSet& set);

void WriteJunk(Output& out, const CleanSet& set);

void WritePlantedPii(Output& out);

void WriteLockedPdfs(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_BROKEN_SAMPLES_H_
