#include "checks/dates.h"

#include <chrono>
#include <cstdio>

namespace qpm::checks {

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
  std::chrono::year_month_day ymd{std::chrono::year(parts[0]),
                                  std::chrono::month(static_cast<unsigned>(parts[1])),
                                  std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!ymd.ok()) return std::nullopt;
  return Date{parts[0], parts[1], parts[2]};
}

std::string ToIso(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Date AddMonths(const Date& d, int months) {
  int index = d.year * 12 + (d.month - 1) + months;
  Date out{index / 12, index % 12 + 1, d.day};
  std::chrono::year_month_day_last last{
      std::chrono::year(out.year),
      std::chrono::month_day_last(std::chrono::month(static_cast<unsigned>(out.month)))};
  int last_day = static_cast<int>(static_cast<unsigned>(last.day()));
  if (out.day > last_day) out.day = last_day;
  return out;
}

std::string ToWords(const Date& d) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  if (d.month < 1 || d.month > 12) return ToIso(d);
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

}  // namespace qpm::checks
