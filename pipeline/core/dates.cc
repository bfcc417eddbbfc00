#include "pipeline/core/dates.h"

#include <cctype>
#include <chrono>
#include <cstdio>

namespace qpm {

std::optional<Date> MakeDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  return Date{year, month, day};
}

std::optional<Date> LastDayOf(int year, int month) {
  if (month < 1 || month > 12) return std::nullopt;
  std::chrono::year_month_day_last last{
      std::chrono::year(year),
      std::chrono::month_day_last(std::chrono::month(static_cast<unsigned>(month)))};
  return Date{year, month, static_cast<int>(static_cast<unsigned>(last.day()))};
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  size_t starts[3] = {0, 5, 8};
  size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < lengths[i]; ++k) {
      char c = text[starts[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  return MakeDate(parts[0], parts[1], parts[2]);
}

std::string ToIso(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Date AddMonths(const Date& d, int months) {
  int index = d.year * 12 + (d.month - 1) + months;
  Date out{index / 12, index % 12 + 1, d.day};
  int last_day = LastDayOf(out.year, out.month)->day;
  if (out.day > last_day) out.day = last_day;
  return out;
}

Date AddDays(const Date& d, int days) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{year_month_day{year(d.year), month(static_cast<unsigned>(d.month)),
                                             day(static_cast<unsigned>(d.day))}} +
                     std::chrono::days{days}};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int MonthFromName(std::string_view word) {
  static const char* const kNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string letters;
  for (char c : word) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      letters.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  for (int i = 0; i < 12; ++i) {
    if (letters.compare(0, 3, kNames[i]) == 0) return i + 1;
  }
  return 0;
}

std::string ToWords(const Date& d) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  if (d.month < 1 || d.month > 12) return ToIso(d);
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

}  // namespace qpm
