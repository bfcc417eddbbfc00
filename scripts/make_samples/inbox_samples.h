// scripts/make_samples/inbox_samples.h — samples/inbox/: a support team's saved mailbox for
// `qpm-intake inbox`, and samples/inbox-planted.json: which of its files make up each
// submission and what the register must say of each, as planted here.
//
// Each organisation has a mail domain of its own (*.example), so the grouping by domain is
// what is tested; two of them write from webmail addresses at one domain; one sends its
// password from another address; one gets a reply in its thread from a third domain; one is
// a folder of saved attachments. The submissions reuse the zips other samples were made
// from (read back from the output folder, so this runs after them).
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_INBOX_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_INBOX_SAMPLES_H_

#include <string>

#include "clean_samples.h"
#include "expected_results.h"

namespace qpm::samples {

// The date the register is judged on in the planted results (`--today`).
constexpr char kInboxToday[] = "2026-12-10";

// samples/inbox/ and samples/inbox-planted.json. `aes_zip` is the AES-locked zip of
// broken/aes-no-password.zip (its password kZipPassword).
void WriteInbox(Output& out, const CleanSet& set, const std::string& aes_zip);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_INBOX_SAMPLES_H_
