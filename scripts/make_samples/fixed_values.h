// scripts/make_samples/fixed_values.h — fixed values. Everything that would otherwise carry
// "now" carries these instead, so that two runs give the same bytes. With them, what every
// sample writer shares: the planted values' check, stopping at the first error, and counting
// a narrative's words.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_FIXED_VALUES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_FIXED_VALUES_H_

#include <ctime>
#include <string>
#include <string_view>

namespace qpm::samples {

// 2026-11-20 10:00:00 UTC, the day the invented submission arrives.
constexpr std::time_t kFixedTime = 1795168800;
constexpr char kPdfDate[] = "D:20261120100000Z";
constexpr char kIsoDate[] = "2026-11-20T10:00:00Z";

constexpr char kOrganisation[] = "Example Advocacy";
constexpr char kZipPassword[] = "Harbour-Tulip-2026";
constexpr char kPdfUserPassword[] = "Orchard-Lantern-7";
constexpr char kPdfOwnerPassword[] = "Owner-Key-99";

// NHS numbers are checked with the mod-11 rule at compile time, so a typo cannot turn a planted
// "valid" number into one the detector is right to ignore.
constexpr bool IsValidNhsNumber(std::string_view digits_with_spaces) {
  int digits[10] = {};
  int n = 0;
  for (char c : digits_with_spaces) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || n == 10) return false;
    digits[n++] = c - '0';
  }
  if (n != 10) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += digits[i] * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == digits[9];
}
// Planted on the case-notes page of broken/planted-pii.zip (3-3-4 spacing, as printed on forms).
constexpr char kNhsOnPage[] = "999 314 1593";
// Planted in the same PDF's Info /Keywords, as ten digits.
constexpr char kNhsInKeywords[] = "9992718285";
constexpr char kPlantedEmail[] = "client.c@example.com";
static_assert(IsValidNhsNumber(kNhsOnPage) && IsValidNhsNumber(kNhsInKeywords));
static_assert(kNhsOnPage[0] == '9' && kNhsOnPage[1] == '9' && kNhsOnPage[2] == '9');
static_assert(kNhsInKeywords[0] == '9' && kNhsInKeywords[1] == '9' && kNhsInKeywords[2] == '9');

// Stops the generator: throws std::runtime_error, which main reports before it exits 1.
[[noreturn]] void Fail(const std::string& message);

// The words of `text`, split at whitespace.
int CountWords(std::string_view text);

// The generator counts words by whitespace, the tool only words with a letter or digit in them
// (text::CountWords): a narrative the two would count differently is a mistake here.
int CheckedWords(std::string_view text);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_FIXED_VALUES_H_
