// redaction/names.h — people's names in text, found without a statistical model.
//
// Pure and safe from any thread. A name is found by what stands around it (a title,
// "Dear", a labelled field such as "Next of kin:", a sign-off, "her daughter", a role
// in brackets) or, failing that, by the first-name and surname lists shipped in
// redaction/data/ (ONS baby names and the US Census surnames, with a list the team
// added; see redaction/data/README.md). Once a name is found, its other mentions in
// the same text, or in the same document when `known` carries them, are found too.
// Organisation names, places, job titles, legislation, months and pseudonyms
// ("Client A", "Mr X") are not names.
#ifndef QPM_REDACTION_NAMES_H_
#define QPM_REDACTION_NAMES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qpm::redaction {

// What made a name a name: the policy (redaction/policy.h) judges a name by it.
enum class NameCue {
  kTitle,       // "Mrs Kowalski": cue_word is the title
  kSalutation,  // "Dear Siobhan"
  kRelation,    // "her daughter Priya", "Priya Shah (daughter)"
  kRole,        // "SW Jenny Marsh", "Jenny Marsh (SW)": a professional
  kLabel,       // "Next of kin: Ruth Baptiste": cue_word is the label
  kSignoff,     // "Yours sincerely," then a name
  kLists,       // the first-name and surname lists alone
  kMention,     // another mention of a name found elsewhere
};

struct NameHit {
  size_t start = 0;  // byte range of the name, without a title or a possessive 's
  size_t end = 0;
  std::string reason;  // "after the title 'Mrs'", "a first name and a surname"
  bool age = false;    // not a name: an age stated beside one ("Mr Davies, 87,")
  // "high" after a cue (a title, a label, "Dear", a relation), "medium" from the
  // lists or as another mention of a name found so, "low" a first name alone.
  std::string_view confidence = "high";
  NameCue cue = NameCue::kLists;
  std::string cue_word;  // the title, role, relation or label, in lower case; "" otherwise
  int words = 0;         // words of the name that are more than an initial
};

// The names in `text`, ordered by start, and the ages stated right beside them.
// `known` holds names (lower case, one word each) found elsewhere in the same
// document, whose mentions here are names too, and pseudonyms ("mr p") used alone
// elsewhere, so that "Mr P. Case closed" here is that pseudonym and a new sentence.
// `pseudonyms`, when given, receives the pseudonyms this text uses alone (a title and
// an initial, lower case: "mr p"), to pass on in `known`.
std::vector<NameHit> FindNames(std::string_view text, const std::vector<std::string>& known = {},
                               std::vector<std::string>* pseudonyms = nullptr);

// The words of the names in `hits` worth looking for elsewhere: lower case, three
// letters or more, not ordinary English words. For `known` above.
std::vector<std::string> NameWords(std::string_view text, const std::vector<NameHit>& hits);

}  // namespace qpm::redaction

#endif  // QPM_REDACTION_NAMES_H_
