// pipeline/core/utf8.h — telling valid UTF-8 from bytes that only look like it.
//
// Names from zips and emails, and text from old files, arrive in any encoding.
// JSON output, HTML and the checks all need valid UTF-8, decoded as strictly as
// browsers and nlohmann/json do: no overlong forms, no surrogates, nothing above
// U+10FFFF. Pure functions; no library.
#ifndef QPM_PIPELINE_CORE_UTF8_H_
#define QPM_PIPELINE_CORE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace qpm {

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// The length (1 to 4) of the valid UTF-8 character starting at s[i]; 0 when the
// bytes there are not one, and then *invalid (if given) is the length of the
// maximal invalid subpart (Unicode §3.9), which decoders replace by one U+FFFD.
// REQUIRES: i < s.size().
size_t Utf8CharLength(std::string_view s, size_t i, size_t* invalid = nullptr);

// `s` with each maximal invalid subpart replaced by U+FFFD; valid text unchanged.
std::string ValidUtf8(std::string_view s);

// Text from a submission, safe to print on a terminal: control characters
// (escape sequences, carriage returns, C1 codes) become "?".
std::string Printable(std::string_view s);

// UTF-16 bytes (little-endian after an FF FE mark or with none, big-endian after
// FE FF) as UTF-8, the mark dropped. Unpaired surrogates become U+FFFD.
std::string Utf16ToUtf8(std::string_view bytes);

// Appends one code point as UTF-8; invalid ones (surrogates, > U+10FFFF, NUL)
// as U+FFFD.
void AppendUtf8(uint32_t code_point, std::string& out);

// The Latin-1 bytes of a UTF-8 password, or "" when it has characters beyond U+00FF.
// Old (revision 2-4) PDF encryption takes the password as bytes, and many files were
// made with Latin-1 passwords: every opener tries both forms.
std::string PasswordAsLatin1(const std::string& utf8);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_UTF8_H_
