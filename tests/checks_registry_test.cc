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
