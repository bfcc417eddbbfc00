// redaction/lists.h — an organisation's own lists: what must never be sent (the
// deny-list: its clients' names, their relatives', the care homes it visits) and
// what may (the allow-list: its staff, its own address, phone number and mailbox).
//
// Pure: the caller reads the files. A list is text, one entry per line; blank lines
// and lines starting with '#' are skipped. Safe to share between threads once built.
#ifndef QPM_REDACTION_LISTS_H_
#define QPM_REDACTION_LISTS_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace re2 {
class RE2;
}

namespace qpm::redaction {

class PersonalDataLists {
 public:
  PersonalDataLists();
  ~PersonalDataLists();
  PersonalDataLists(PersonalDataLists&&) noexcept;
  PersonalDataLists& operator=(PersonalDataLists&&) noexcept;

  // Entries of the deny-list are matched in any case and spacing, across line
  // breaks, with a possessive 's; a person's name ("Margaret Okafor") also as
  // "Okafor, Margaret", "M. Okafor", "M Okafor", the surname and the first name
  // alone. Entries with digits ("07700 900123") match with any separators.
  // Allow-list entries excuse a finding whose value is the entry, in any case and
  // spacing. Returns the message for the first entry that cannot be used, or "".
  std::string Set(const std::vector<std::string>& deny, const std::vector<std::string>& allow);

  // Byte ranges of deny-list matches in `text`, by start.
  std::vector<std::pair<size_t, size_t>> FindDenied(std::string_view text) const;

  // Whether a finding with this value is excused by the allow-list.
  bool Allowed(std::string_view value) const;

  bool has_deny() const { return deny_ != nullptr; }
  bool has_allow() const { return !allow_.empty(); }

 private:
  std::unique_ptr<re2::RE2> deny_;
  std::unordered_set<std::string> allow_;
};

// The entries of a list file's text, in order. `source` names the file in errors.
std::vector<std::string> ParseListFile(std::string_view content);

// The key values are compared by: lower case, one space between words, no
// leading "the", no possessive; digits alone when the value is a number ("07700 900123" →
// "07700900123").
std::string ListKey(std::string_view value);

}  // namespace qpm::redaction

#endif  // QPM_REDACTION_LISTS_H_
