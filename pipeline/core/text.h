// pipeline/core/text.h — finding a profile's cue phrases in what documents say.
//
// Cues match whole words, ignoring case, punctuation and spacing: the cue "consent
// form" matches "CONSENT FORM", "Consent–form" and "Consent  form:". Letters beyond
// ASCII are kept as they are; quotes, dashes, bullets, box glyphs and other symbols
// beyond ASCII separate words like ASCII punctuation (OCR often reads a speck before a
// heading as ‘ or •).
#ifndef QPM_PIPELINE_CORE_TEXT_H_
#define QPM_PIPELINE_CORE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace qpm::text {

// Lower-case ASCII letters and digits, every other run of ASCII characters as one
// space, no space at either end: "Case-file  CF03:" → "case file cf03".
std::string Fold(std::string_view text);

// True when the folded `phrase` stands in the folded `text` as whole words.
bool HasPhrase(std::string_view folded_text, std::string_view folded_phrase);

// Where the folded `phrase` first stands in the folded `text` as whole words, or npos.
size_t FindPhrase(std::string_view folded_text, std::string_view folded_phrase);

// HasPhrase, or the phrase with its last word in the plural: "case file" stands in
// "03 case files", "policy" in "policies and procedures", "report" in "imca reports".
// For names of folders and files, which name what they hold in the plural.
bool HasPhraseOrPlural(std::string_view folded_text, std::string_view folded_phrase);

// The plural of a folded phrase's last word: "case file" → "case files", "policy" →
// "policies", "process" → "processes".
std::string Plural(std::string_view folded_phrase);

// True when folded `text` starts with folded `phrase` as whole words.
bool StartsWithPhrase(std::string_view folded_text, std::string_view folded_phrase);

// The longest of `cues` that `text` (folded) starts with, or -1.
int LongestLeadingCue(std::string_view folded_text, const std::vector<std::string>& cues);

// The first of `cues` (longest first on ties of position) found in folded `text`, or -1.
int FirstCueIn(std::string_view folded_text, const std::vector<std::string>& cues);

// Words as people count them: runs of characters between spaces that hold a letter or digit.
int CountWords(std::string_view text);

// The text's lines, without their line ends.
std::vector<std::string_view> Lines(std::string_view text);

// "consent form" → "Consent form": a cue as a heading, for reports.
std::string AsHeading(std::string_view cue);

// CRLF and a lone CR become LF, so text reads the same whatever the sender used (email
// bodies, Outlook's).
std::string NormalizeNewlines(std::string_view text);

}  // namespace qpm::text

#endif  // QPM_PIPELINE_CORE_TEXT_H_
