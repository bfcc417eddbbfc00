// pipeline/core/dates.h — calendar dates: read, checked, counted and written.
//
// The one place dates are made: every reader of a date in a file or an option
// builds it here, so none can hold a day its month does not have (31/02/2026).
// The report and the profile write dates as YYYY-MM-DD. Pure functions; no clock.
#ifndef QPM_PIPELINE_CORE_DATES_H_
#define QPM_PIPELINE_CORE_DATES_H_

#include <optional>
#include <string>
#include <string_view>

namespace qpm {

struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
};

// The date, or nullopt when the month has no such day (Gregorian leap years).
std::optional<Date> MakeDate(int year, int month, int day);
// The last day of the month, or nullopt when `month` is not 1 to 12.
std::optional<Date> LastDayOf(int year, int month);
// "2026-09-01" → the date; nullopt for anything else, including 2026-02-30.
std::optional<Date> ParseIsoDate(std::string_view text);
std::string ToIso(const Date& d);
// The same day `months` later; the month's last day when it has no such day
// (31 August + 6 months is 28 or 29 February).
Date AddMonths(const Date& d, int months);
// The day `days` later (earlier when negative).
Date AddDays(const Date& d, int days);
// The month an English month name gives by its first three letters, in any case
// ("Sept" → 9, "JUNE" → 6); 0 for a word that is none.
int MonthFromName(std::string_view word);
// "1 September 2026", for messages.
std::string ToWords(const Date& d);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_DATES_H_
