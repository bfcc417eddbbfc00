// pipeline/ingest/mailbox.h — what a saved mailbox holds, and which of it is one submission.
//
// The support team saves what arrives into one folder: emails (.eml, Outlook .msg),
// zips, folders. `ListMailbox` looks at each thing at the top of that folder; an email
// is read for its headers alone, in a reader process (sandbox.h), and none of its
// attachments is written anywhere. `GroupMailbox` then puts together what belongs to
// one submission (docs/inbox.md says how, in words):
//   - emails from one organisation: the same mail domain, or, for a webmail domain
//     (gmail.com, outlook.com, ...), the same address;
//   - emails of one thread (In-Reply-To, References), whoever sent them;
//   - an email with no attachment, such as the one with the password, alone from its
//     sender, goes with the one submission whose subject matches its own;
//   - a folder or a loose file is a submission of its own;
//   - but when files lie loose and no email carries any attachment, the whole folder
//     is one submission: its attachments saved beside the emails that came with them.
// An organisation's emails more than six months apart, and not of one thread, are two
// submissions: a quality mark's workbook is not accepted longer than that.
#ifndef QPM_PIPELINE_INGEST_MAILBOX_H_
#define QPM_PIPELINE_INGEST_MAILBOX_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/platform/sandbox.h"

namespace qpm::mailbox {

// One thing at the top of the mailbox folder.
struct Item {
  std::string path;  // as found under the folder given
  std::string name;  // its name in that folder
  bool folder = false;
  bool email = false;  // an .eml or Outlook .msg, read for its headers below
  std::string error;   // why the email could not be read ("" when it was)
  // An email's, decoded; "" when it has none.
  std::string from;  // the sender's address, lower case
  std::string subject;
  std::string date;                      // YYYY-MM-DD
  std::string time;                      // YYYY-MM-DDTHH:MM:SSZ, for the order of one day's emails
  std::string message_id;                // without its angle brackets
  std::vector<std::string> replies_to;   // In-Reply-To and References, without brackets
  std::vector<std::string> attachments;  // their names, as the sender wrote them
  std::string body;                      // its own text; never written anywhere
};

// Everything at the top of `dir` but hidden files (".DS_Store", ".inbox-state.json"), in
// the order of their names. Fails with kUnreadable when `dir` is no folder, kIo when it
// cannot be listed. An email that cannot be read is an Item with `error` set.
Result<std::vector<Item>> ListMailbox(const std::string& dir, const sandbox::Budget& budget);

// The organisation an address stands for: its domain, or the whole address for a
// webmail domain. "" for no address.
std::string OrganisationKey(const std::string& address);

// A subject with its "Re:", "Fwd:", "[EXTERNAL]" and such taken off, in lower case,
// with only letters and digits kept: "RE: Fw: QPM submission – Bright Advocacy" and
// "QPM Submission - Bright Advocacy" give the same.
std::string ThreadSubject(const std::string& subject);

struct Group {
  std::vector<size_t> items;  // indexes into the list, earliest first
  std::string organisation;   // OrganisationKey of its first email; "" for a folder or file
};

// The submissions in `items` (as ListMailbox gives them), earliest first.
std::vector<Group> GroupMailbox(const std::vector<Item>& items);

}  // namespace qpm::mailbox

#endif  // QPM_PIPELINE_INGEST_MAILBOX_H_
