// redaction/name_lists.h — the name lists of redaction/data/, built into the program
// (by CMake, from redaction/name_lists.cc.in) so that nothing is looked up at run time.
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
}  // namespace qpm::redaction

#endif  // QPM_REDACTION_NAME_LISTS_H_
