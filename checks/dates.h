// checks/dates.h — calendar dates as the profile and the report write them (YYYY-MM-DD).
#ifndef QPM_CHECKS_DATES_H_
#define QPM_CHECKS_DATES_H_

#include <optional>
#include <string>
#include <string_view>

namespace qpm::checks {

struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
};

// "2026-09-01" → the date; nullopt for anything else, including 2026-02-30.
std::optional<Date> ParseIsoDate(std::string_view text);
std::string ToIso(const Date& d);
// The same day `months` later; the month's last day when it has no such day
// (31 August + 6 months is 28 or 29 February).
Date AddMonths(const Date& d, int months);
// "1 September 2026", for messages.
std::string ToWords(const Date& d);

}  // namespace qpm::checks

#endif  // QPM_CHECKS_DATES_H_
