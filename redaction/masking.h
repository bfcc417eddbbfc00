// redaction/masking.h — hiding values in what the outputs show.
//
// What the reports and the bundle may use of this folder: they show file names,
// labels and messages that can hold personal data or a password, and hide them the
// same way the findings do. Pure functions over text.
#ifndef QPM_REDACTION_MASKING_H_
#define QPM_REDACTION_MASKING_H_

#include <string>
#include <string_view>
#include <vector>

namespace qpm::redaction {

// The value with every letter and digit hidden but the last few:
// "943 476 5919" → "*** *** *919". Separators are kept so the shape stays readable.
std::string Mask(std::string_view value);

// `text` with every match replaced by its mask; for file names and messages.
std::string MaskPersonalData(std::string_view text);

// Each password of 3 characters or more, wherever it stands in `text`, as asterisks
// of the same length: a password never reaches a report, a log or the bundle.
void StarOutPasswords(std::string& text, const std::vector<std::string>& passwords);

}  // namespace qpm::redaction

#endif  // QPM_REDACTION_MASKING_H_
