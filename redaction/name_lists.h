// redaction/name_lists.h — the name and word lists of redaction/data/, built into the
// program (by CMake, from redaction/name_lists.cc.in) so that nothing is read at run time.
// One name per line; " ~" after a name marks an ordinary English word ("Will",
// "Baker"), " ^" a first name that is common in England and Wales. The English
// words come from Debian's word list (package wbritish), read when CMake runs.
#ifndef QPM_REDACTION_NAME_LISTS_H_
#define QPM_REDACTION_NAME_LISTS_H_

#include <string_view>

namespace qpm::redaction {
extern const std::string_view kFirstNamesData;
extern const std::string_view kSurnamesData;
extern const std::string_view kEnglishWordsData;  // lower case, one per line

// The name detector's word lists (redaction/data/*.txt, one list a file): one word
// a line; lines starting with '#' say what the list is for.
extern const std::string_view kStopWordsData;            // never a name: "the", "january"
extern const std::string_view kOrganisationWordsData;    // an organisation's or place's word
extern const std::string_view kRelationsData;            // "daughter", "neighbour"
extern const std::string_view kRolesData;                // "sw", "advocate"
extern const std::string_view kLabelWordsData;           // a name follows: "gp", "from"
extern const std::string_view kStrongLabelWordsData;     // a person's name follows: "name"
extern const std::string_view kAmbiguousFirstNamesData;  // also a place or brand: "chester"
}  // namespace qpm::redaction

#endif  // QPM_REDACTION_NAME_LISTS_H_
