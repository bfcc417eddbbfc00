// redaction/personal_data.h — personal data in any text a document carries.
//
// Pure: no I/O, no library types in this header, safe from any thread. Identifier
// patterns compile once into an RE2::Set that scans each text in one pass, a piece
// at a time, to learn which patterns occur; only those are then located in that
// piece and validated (check digits, allocated prefixes, calendar dates, the words
// around a value). People's names come from names.h; an organisation's own deny-
// and allow-lists from lists.h. Kinds: NHS and National Insurance numbers, email
// addresses, UK phone numbers, postcodes, street addresses, dates of birth and
// ages beside a name, names, hospital numbers, bank details, passport and driving
// licence numbers, and the names of care homes and wards.
#ifndef QPM_REDACTION_PERSONAL_DATA_H_
#define QPM_REDACTION_PERSONAL_DATA_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/rules.h"
#include "redaction/lists.h"
#include "redaction/masking.h"
#include "redaction/names.h"

namespace qpm::redaction {

struct OwnSide;  // policy.h

// The detectors' rules: id, title, severity, category (personal-data for page
// text; findings in metadata are reported as hidden-data).
const std::vector<RuleInfo>& PersonalDataRules();

struct Match {
  std::string_view rule;  // one of PersonalDataRules()
  size_t start = 0;       // byte range in the text scanned
  size_t end = 0;
  std::string reason;                    // why it counts: "valid check digit; 'NHS' just before it"
  std::string_view confidence = "high";  // "high", "medium" or "low" (Finding::confidence)
  // A name only (names.h): what made it one, the title, role or label, and how many
  // of its words are more than an initial. The policy (policy.h) judges by them.
  NameCue cue = NameCue::kLists;
  std::string cue_word;
  int name_words = 0;
};

// What a scan of one text knows besides the text.
struct ScanContext {
  const PersonalDataLists* lists = nullptr;  // the organisation's lists, or none; not owned
  std::vector<std::string> known_names;      // name words found elsewhere in the document
};

// Every match in `text`, ordered by start. Overlaps are resolved in favour of the
// more specific match (an identifier over a name), then the longer one.
std::vector<Match> FindPersonalData(std::string_view text);
std::vector<Match> FindPersonalData(std::string_view text, const ScanContext& context);

// The same without the RE2::Set that picks which patterns to run: every pattern
// runs on its own. Slower; for the test that the set never hides a match.
std::vector<Match> FindPersonalDataWithoutSet(std::string_view text);

// NHS number check digit (modulus 11) over exactly ten digits.
bool NhsCheckDigitValid(std::string_view ten_digits);

// Findings for one document: its pages' text (with offsets and word boxes), its
// metadata, its other text parts and its own file name. `document` ids are filled
// in; `file` is not. `scan_addresses` says whether an email's From, To and Cc count:
// not for the emails that carried the submission (the sender, the recipients,
// forwards among them), but for an email found inside it, which is evidence.
// `lists`, when given, adds the deny-list's matches and drops allowed values.
// Each value is judged by the policy (policy.h) with `own`, the organisation's own
// people, numbers and addresses (none when null): its severity, a sentence on why
// ending its message, or no finding at all for the organisation's own.
std::vector<Finding> ScanDocument(const Document& doc, bool scan_addresses = true,
                                  const PersonalDataLists* lists = nullptr,
                                  const OwnSide* own = nullptr);

// "A value pseudonymised or redacted in one place but readable elsewhere": when
// any page of `docs` (one document, or the documents of one case file) carries a
// mark of anonymisation ("[REDACTED]", "Client A", "Mr P", "J.S.", a row of blocks),
// the case was meant to be anonymous, so a street address or postcode whose owner the
// text did not say is taken for the client's and becomes a blocker; quasi-identifiers
// (a care home, a first name, an age) and phone numbers and email addresses (most
// often the organisation's own) stay as they are. When any direct identifier blocks,
// one pii.redacted-elsewhere finding, at the first, says so for the case with their
// count.
void MarkRedactedElsewhere(std::vector<Finding>& findings,
                           const std::vector<const Document*>& docs);

}  // namespace qpm::redaction

#endif  // QPM_REDACTION_PERSONAL_DATA_H_
