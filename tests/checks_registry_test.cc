// The checks' registry: every rule once, each id well formed; dates as the deadlines
// count them. (docs/rules.md against `qpm-intake rules`: e2e_test.cc.)
#include <gtest/gtest.h>

#include <set>

#include "checks/checks.h"
#include "pipeline/core/dates.h"

namespace qpm::checks {
namespace {

TEST(ChecksRegistry, EveryRuleOnceWithAReadableIdAndTitle) {
  std::vector<RuleInfo> rules = Rules();
  ASSERT_GE(rules.size(), 15u);
  std::set<std::string_view> ids;
  for (const RuleInfo& r : rules) {
    SCOPED_TRACE(std::string(r.id));
    EXPECT_TRUE(ids.insert(r.id).second) << "id used twice";
    EXPECT_EQ(r.id.rfind("completeness.", 0), 0u);
    EXPECT_EQ(r.category, Category::kCompleteness);
    for (char c : r.id.substr(13)) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << r.id;
    EXPECT_FALSE(r.title.empty());
  }
}

// Every reader of a date builds it with MakeDate: no day a month lacks gets through.
TEST(Dates, OnlyDaysTheMonthHasAreDates) {
  EXPECT_FALSE(MakeDate(2026, 2, 31));  // "31/02/2026" in a workbook is no date
  EXPECT_FALSE(MakeDate(2026, 4, 31));
  EXPECT_FALSE(MakeDate(1900, 2, 29));  // 1900 was no leap year
  EXPECT_TRUE(MakeDate(2000, 2, 29));   // 2000 was
  EXPECT_FALSE(MakeDate(2026, 13, 1));
  EXPECT_FALSE(MakeDate(2026, 0, 1));
  EXPECT_FALSE(MakeDate(2026, 1, 0));
  EXPECT_EQ(ToIso(*MakeDate(2026, 1, 31)), "2026-01-31");
  EXPECT_EQ(ToIso(*LastDayOf(2028, 2)), "2028-02-29");
  EXPECT_FALSE(LastDayOf(2028, 13));
}

TEST(Dates, DaysAreCountedAcrossMonthsAndYears) {
  EXPECT_EQ(ToIso(AddDays(*ParseIsoDate("2026-12-20"), 28)), "2027-01-17");  // four weeks on
  EXPECT_EQ(ToIso(AddDays(*ParseIsoDate("2028-02-01"), 28)), "2028-02-29");
  EXPECT_EQ(ToIso(AddDays(*ParseIsoDate("2026-03-01"), -1)), "2026-02-28");
}

TEST(Dates, MonthNamesAreReadByTheirFirstThreeLetters) {
  EXPECT_EQ(MonthFromName("Sept"), 9);
  EXPECT_EQ(MonthFromName("JUNE"), 6);
  EXPECT_EQ(MonthFromName("dec."), 12);
  EXPECT_EQ(MonthFromName("Ju"), 0);  // too short to tell June from July
  EXPECT_EQ(MonthFromName("Monday"), 0);
}

TEST(Dates, MonthsAddedKeepTheDayOrTakeTheMonthsLast) {
  EXPECT_EQ(ToIso(AddMonths(*ParseIsoDate("2026-09-01"), 3)), "2026-12-01");
  EXPECT_EQ(ToIso(AddMonths(*ParseIsoDate("2026-09-01"), 6)), "2027-03-01");
  EXPECT_EQ(ToIso(AddMonths(*ParseIsoDate("2026-08-31"), 6)), "2027-02-28");
  EXPECT_EQ(ToIso(AddMonths(*ParseIsoDate("2027-08-31"), 6)), "2028-02-29");
  EXPECT_EQ(ToWords(*ParseIsoDate("2026-09-01")), "1 September 2026");
  EXPECT_FALSE(ParseIsoDate("2026-02-30"));
  EXPECT_FALSE(ParseIsoDate("2026-9-1"));
  EXPECT_FALSE(ParseIsoDate("01/09/2026"));
  EXPECT_FALSE(ParseIsoDate(""));
}

}  // namespace
}  // namespace qpm::checks
