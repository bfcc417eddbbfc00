// scripts/make_samples/broken_samples.h — samples/broken/: submissions that are broken or
// hostile in one way each (an entry that climbs out of its folder, a zip bomb, zips nested too
// deep, passwords, a truncated PDF, a twice-forwarded email, junk, planted personal data).
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_BROKEN_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_BROKEN_SAMPLES_H_

#include <string>

#include "clean_samples.h"
#include "expected_results.h"

namespace qpm::samples {

// broken/zip-slip.zip: a policy beside entries that must never be written (paths that climb
// out, an absolute path, a symlink).
void WriteZipSlip(Output& out, const CleanSet& set);

// broken/zip-bomb.zip: a zip holding a zip of 4 GiB of zeros (Zip64), kilobytes packed.
void WriteZipBomb(Output& out);

// broken/nested-20.zip: zips nested 20 deep.
void WriteNested(Output& out);

// broken/aes-no-password.zip and broken/zipcrypto.zip: a policy locked with WinZip AES and
// with ZipCrypto. Returns the AES zip, which the two-email sample attaches.
std::string WriteLockedZips(Output& out, const CleanSet& set);

// broken/password-in-second-email/: `aes_zip` attached to one email, its password in the
// reply.
void WritePasswordInSecondEmail(Output& out, const CleanSet& set, const std::string& aes_zip);

// broken/truncated.pdf: a clean policy cut in half.
void WriteTruncated(Output& out, const CleanSet& set);

// broken/forwarded.eml: an email forwarded twice, each forward carrying the one before as
// message/rfc822.
void WriteForwarded(Output& out, const CleanSet& set);

// broken/junk.zip: a policy with the clutter real zips carry (a copy, __MACOSX, .DS_Store,
// Thumbs.db, a Word lock file, an empty file).
void WriteJunk(Output& out, const CleanSet& set);

// broken/planted-pii.zip: CF03 with an NHS number and an email address on its case-notes page
// and another NHS number in its Info /Keywords.
void WritePlantedPii(Output& out);

// broken/user-password.pdf and broken/owner-only.pdf: a policy encrypted with AES-256, with a
// user password, and with an owner password only.
void WriteLockedPdfs(Output& out);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_BROKEN_SAMPLES_H_
