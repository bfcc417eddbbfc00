// redaction/policy.h — what blocks the bundle, what only warns, and what is not
// reported at all: the policy docs/personal-data.md states, in one place.
//
//   blocker  a direct identifier of anyone a case is about (a client, a relative, a
//            carer): a full name (a first name and a surname, or a title and a
//            surname), an NHS, National Insurance, hospital or passport number, a
//            date of birth, a home address or postcode, a private phone number or
//            email address, bank details; wherever it is (a page, a scan, a comment,
//            a form field, a file property, a file name, under a box).
//   warning  quasi-identifiers and values whose owner the text does not say: a named
//            care home or ward, a first name or a surname alone, an age, a
//            professional's name, a phone number, email or address nobody labelled.
//   info     the name of someone at the organisation (the author of a file, the
//            sender of the submission, the contact its workbook names), and a value
//            found in several case files: shown, so that a reader sees it was weighed.
//   nothing  pseudonyms and initials ("Mr P", "Mrs J's", "Client A", "Advocate TR":
//            names.h never finds them), the organisation's own phone numbers, email
//            domains and address, legislation, case references, other dates.
//
// Detection (personal_data.h, names.h) finds values; this file only judges them.
// Pure: no I/O. Safe from any thread.
#ifndef QPM_REDACTION_POLICY_H_
#define QPM_REDACTION_POLICY_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"
#include "redaction/personal_data.h"

namespace qpm::redaction {

// What the submission itself shows to be the organisation's own, learned before any
// value is judged. Keys are ListKey (lists.h): lower case, one space, digits alone.
struct OwnSide {
  std::set<std::string> people;   // "bartholomew fenwick-ade"
  std::set<std::string> numbers;  // "01632960011"
  std::set<std::string> domains;  // "voiceforall.example.org"
  std::set<std::string> places;   // postcodes and address lines: "ls1 4ab"

  // The whole name is one of `people`, or every word of it is in one of theirs.
  bool Person(std::string_view name) const;
};

// Learns the organisation's own from what says so, never from a guess:
// - the people who made its files (the Author, Last modified by and Manager
//   properties, XMP dc:creator and pdf:Author);
// - the emails that carried the submission (`carriers`, model.h CarrierEmails): the
//   names and domains of their senders and recipients, and the name, numbers,
//   addresses and domains in the signature under their sign-off;
// - lines that label them, outside the documents about a client (case files,
//   reports, correspondence): "Main contact", "Completed by", "Advocate:", "Report
//   author" and the like; the name in a declaration ("I confirm that ... Name: ..."),
//   but not under a person's consent ("I agree", "I consent");
// - numbers, addresses and mailboxes an office label stands right before: "Office:",
//   "Switchboard", "Helpline", "Registered office:" (a few words, not a sentence that
//   mentions a team).
OwnSide LearnOwnSide(const std::vector<const Document*>& docs,
                     const std::set<std::string>& carriers);

// Where a value was found, as far as the policy cares.
struct Place {
  std::string_view role;      // the document's role ("workbook", "case-file", ...); "" in scan
  std::string_view property;  // the file property ("Author", "Title", "XMP"); "" elsewhere
};

struct Verdict {
  bool report = true;  // false: not personal data to report (the organisation's own)
  Severity severity = Severity::kWarning;
  std::string why;  // one sentence a reader can act on: why it blocks, warns or informs
};

// How the sentence of a phone number's or an address's warning starts when the text
// does not say whose it is; MarkRedactedElsewhere replaces it when it raises one.
inline constexpr std::string_view kOwnerNotSaid = "The text does not say whose it is:";

// Judges one match found in `text` (the page, property or part it was found in).
Verdict Judge(const Match& match, std::string_view text, const Place& place, const OwnSide& own);

// A value found about several people belongs to no one client: it is the
// organisation's own, or a professional's who works with several, or a place where
// several live. `subjects` holds the findings of each document or case file that is
// about one person (a case file, a report; not owned). A value found in three of them
// (a client may have a case file and a report, which are two) becomes information,
// saying so; except that a phone, address or private mailbox labelled as someone's
// home or private only drops to a warning. Values are compared by ListKey; email
// addresses by their domain, unless anyone can open a mailbox there (gmail.com).
void ExcuseValuesSharedBySubjects(const std::vector<std::vector<Finding>*>& subjects);

}  // namespace qpm::redaction

#endif  // QPM_REDACTION_POLICY_H_
