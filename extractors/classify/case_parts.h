// extractors/classify/case_parts.h — where each part of a case file starts: by its heading,
// and, where no heading decides, by what the part holds.
//
// Organisations title the parts of a case file in their own words ("Person-led
// action plan", "Instruction form", "Running record"), so no list of titles holds
// them all. What the parts hold is much the same everywhere: a referral says who
// referred the person and why; a plan is a table of actions, who takes them and by
// when; consent is a statement of consent or authorisation with a signature or an
// "authorised by"; notes are a dated list of contacts; a letter has a salutation and
// a sign-off, an email its From, To and Subject. Internal to the classify stage.
#ifndef QPM_EXTRACTORS_CLASSIFY_CASE_PARTS_H_
#define QPM_EXTRACTORS_CLASSIFY_CASE_PARTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/profile.h"

namespace qpm::parts {

// The kinds of part an advocacy case file holds, whatever a profile calls them.
enum class Kind { kNone, kReferral, kPlan, kConsent, kNotes, kLetters };

struct Judgement {
  Kind kind = Kind::kNone;
  std::string why;  // what decided it, in words: "a dated list of contacts"
};

// What `text` (the lines of one part, or one page) is by its content alone. kNone
// when nothing decides, or when two kinds weigh the same.
Judgement ByContent(std::string_view text);

// The profile component that stands for `kind`: the first whose name or cues name
// the kind ("referral"; "action plan", "advocacy agreement"; "consent",
// "authorisation"; "case notes", "contact log"; "correspondence", "letters"). -1
// when the profile has none, so a profile decides which of its parts a kind counts for.
int ComponentFor(Kind kind, const Profile& profile);

// The component a heading names, or -1: the component with the longest cue (or its
// plural) the heading holds as whole words, wherever it stands in it, so words
// before the cue ("Person-led action plan", "IMCA referral form") do not hide it.
// A line too long for a heading (over `max_words` words), or one holding a date
// ("Letter to the GP, 07/05/2025"), names none. `cue` gets the cue that decided.
int ComponentOfHeading(std::string_view line, const Profile& profile, std::string* cue,
                       int max_words = 8);

// Where one part starts.
struct PartStart {
  size_t page = 0;     // index into Document::pages
  int component = -1;  // index into Profile::components
  std::string cue;     // what decided it, for reports: the cue as a heading ("Action plan"),
                       // or "By its content: a dated list of contacts"
};

// The parts that start on pages [first, last] of `d`, in reading order. On a page
// with a layout a stretch is a page, or runs from a heading in larger print that
// names a part; in text with no layout (a Word body) it runs from a short line that
// opens a block (not a "label: value" line). A stretch's part is named by its
// heading: its first line, or a line in larger print among its first few (a title
// under a running header, which a one-page file cannot show to be one); else by its
// file's name (on the file's first page only: "3 Consent.pdf"); else by its
// content. Running headers and footers are left out. A stretch that none of these
// decides goes on with the part before it (no PartStart).
std::vector<PartStart> PartsOf(const Document& d, size_t first, size_t last,
                               const Profile& profile);

}  // namespace qpm::parts

#endif  // QPM_EXTRACTORS_CLASSIFY_CASE_PARTS_H_
