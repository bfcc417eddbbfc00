// redaction/personal_data.h — personal data in any text a document carries.
//
// Pure: no I/O, no library types in this header, safe from any thread. Patterns
// compile once into an RE2::Set; each text is scanned in one pass to learn which
// patterns occur at all, and only those are then located and validated (check
// digits, allocated prefixes). This first set covers identifiers with a checkable
// shape: NHS numbers, National Insurance numbers and email addresses.
#ifndef QPM_REDACTION_PERSONAL_DATA_H_
#define QPM_REDACTION_PERSONAL_DATA_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model.h"
#include "pipeline/rules.h"

namespace qpm::redaction {

// The detectors' rules: id, title, severity, category (personal-data for page
// text; findings in metadata are reported as hidden-data).
const std::vector<RuleInfo>& PersonalDataRules();

struct Match {
  std::string_view rule;  // one of PersonalDataRules()
  size_t start = 0;       // byte range in the text scanned
  size_t end = 0;
  std::string reason;  // why it counts: "valid check digit; 'NHS' just before it"
};

// Every match in `text`, ordered by start. Overlaps are resolved in favour of the
// longer, more specific match.
std::vector<Match> FindPersonalData(std::string_view text);

// The same without the RE2::Set that picks which patterns to run: every pattern
// runs on its own. Slower; for the test that the set never hides a match.
std::vector<Match> FindPersonalDataWithoutSet(std::string_view text);

// The value with every letter and digit hidden but the last few:
// "943 476 5919" → "*** *** *919". Separators are kept so the shape stays readable.
std::string Mask(std::string_view value);

// `text` with every match replaced by its mask; for file names and messages.
std::string MaskPersonalData(std::string_view text);

// NHS number check digit (modulus 11) over exactly ten digits.
bool NhsCheckDigitValid(std::string_view ten_digits);

// Findings for one document: its pages' text (with offsets and word boxes), its
// metadata, its other text parts and its own file name. `document` ids are filled
// in; `file` is not. `scan_addresses` says whether an email's From, To and Cc count:
// not for the emails that carried the submission (the sender, the recipients,
// forwards among them), but for an email found inside it, which is evidence.
std::vector<Finding> ScanDocument(const Document& doc, bool scan_addresses = true);

}  // namespace qpm::redaction

#endif  // QPM_REDACTION_PERSONAL_DATA_H_
