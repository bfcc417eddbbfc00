// completeness.policy-review-overdue: no required policy is past the review date it
// states ("Review date: 30 June 2025", "Next review: 06/2025").
// Why: an assessor reads the policies in force; one past its review date is sent back.
#include <re2/re2.h>

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "checks/rule.h"
#include "pipeline/core/dates.h"

namespace qpm::checks {
namespace {

// The date a review phrase gives, from the text just after it. Numbers are read day
// first, as in the UK. A month without a day is its last day: "Review: June 2025" is
// overdue from 1 July 2025.
std::optional<Date> DateAfter(std::string_view text) {
  static const RE2 kIso("^\\s*(\\d{4})-(\\d{2})-(\\d{2})");
  static const RE2 kNumeric("^\\s*(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})");
  static const RE2 kWords(
      "^\\s*(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+)?([A-Za-z]{3,9})\\.?,?\\s+(\\d{4})");
  static const RE2 kMonthYear("^\\s*(\\d{1,2})[/.](\\d{4})");
  re2::StringPiece in(text.data(), text.size());
  int y = 0, m = 0, d = 0;
  std::string day, month;
  if (RE2::PartialMatch(in, kIso, &y, &m, &d) || RE2::PartialMatch(in, kNumeric, &d, &m, &y)) {
    return MakeDate(y, m, d);
  }
  if (RE2::PartialMatch(in, kWords, &day, &month, &y) && MonthFromName(month) > 0) {
    m = MonthFromName(month);
    return day.empty() ? LastDayOf(y, m) : MakeDate(y, m, std::atoi(day.c_str()));
  }
  if (RE2::PartialMatch(in, kMonthYear, &m, &y)) return LastDayOf(y, m);
  return std::nullopt;
}

struct ReviewDate {
  Date date;
  int page = 0;
  std::string said;  // the words as printed
};

// The first review date the policy states.
std::optional<ReviewDate> StatedReviewDate(const Document& d) {
  static const RE2 kPhrase(
      "(?i)\\b(?:date\\s+of\\s+next\\s+review|next\\s+review(?:\\s+date)?|review\\s+date|"
      "review\\s+due(?:\\s+date)?|due\\s+for\\s+review|to\\s+be\\s+reviewed(?:\\s+by|\\s+on)?|"
      "review\\s+by)\\s*(?:[:\\-\\x{2013}]|on|by)?");
  for (const Page& page : d.pages) {
    re2::StringPiece in(page.text);
    while (RE2::FindAndConsume(&in, kPhrase)) {
      std::string_view rest(in.data(), std::min<size_t>(in.size(), 40));
      if (std::optional<Date> date = DateAfter(rest)) {
        size_t start = static_cast<size_t>(in.data() - page.text.data());
        size_t line_start = page.text.rfind('\n', start);
        line_start = line_start == std::string::npos ? 0 : line_start + 1;
        size_t line_end = page.text.find('\n', start);
        std::string said = page.text.substr(
            line_start, (line_end == std::string::npos ? page.text.size() : line_end) - line_start);
        if (said.size() > 80) said = said.substr(0, 80) + "\u2026";
        return ReviewDate{*date, page.number, said};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Rule PolicyReviewCurrent() {
  return {{"completeness.policy-review-overdue", "No policy is past the review date it states",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            std::string on =
                !c.submission.received.empty() ? c.submission.received : c.options.today;
            std::optional<Date> judged = ParseIsoDate(on);
            if (!judged) return;
            for (const Document* d : c.WithRole("policy")) {
              std::optional<ReviewDate> review = StatedReviewDate(*d);
              if (!review || review->date >= *judged) continue;
              Finding& f = out.Add(
                  d->id,
                  c.Name(*d) + " was due for review on " + ToWords(review->date) +
                      " (it says \u201c" + review->said + "\u201d), before the submission " +
                      (c.submission.received.empty() ? "is checked today, " : "was received, on ") +
                      ToWords(*judged) + ".",
                  "Ask the organisation for the reviewed policy, or for a note that the review "
                  "was done and the policy is still current.");
              f.page = review->page;
            }
          }};
}

}  // namespace qpm::checks
