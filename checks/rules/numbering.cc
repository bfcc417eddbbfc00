// completeness.report-numbering: the reports of each type are numbered in one run, with
// no gaps and no number used twice ("IMCA report 01" ... "IMCA report 05").
// Why: the assessor and the organisation refer to reports by number in feedback.
#include <re2/re2.h>

#include <cstdlib>
#include <map>
#include <set>

#include "checks/rule.h"

namespace qpm::checks {
namespace {

// The number in a report's file name: the last run of digits before the extension,
// "IMCA report 03.pdf" → 3; "Report 2026-05.pdf" gives none (a date, not a number).
std::optional<int> ReportNumber(const Document& d) {
  if (d.origin.empty()) return std::nullopt;
  std::string name = d.origin.back();
  size_t slash = name.find_last_of('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  static const RE2 kNumber("(?:^|[^0-9-])([0-9]{1,3})(?:\\.[A-Za-z0-9]{1,5})?$");
  static const RE2 kStem("^(.*?)(?:\\.[A-Za-z0-9]{1,5})?$");
  std::string stem;
  RE2::FullMatch(name, kStem, &stem);
  std::string digits;
  if (!RE2::PartialMatch(stem, kNumber, &digits)) return std::nullopt;
  return std::atoi(digits.c_str());
}

}  // namespace

Rule ReportNumbering() {
  return {{"completeness.report-numbering",
           "Reports of each type are numbered in one run, with no gaps and no number twice",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            for (const ReportType& t : c.profile.reports) {
              std::map<int, std::vector<const Document*>> by_number;
              int numbered = 0, reports = 0;
              for (const Document* d : c.WithRole("report")) {
                if (d->role_detail != t.id) continue;
                ++reports;
                if (std::optional<int> n = ReportNumber(*d)) {
                  by_number[*n].push_back(d);
                  ++numbered;
                }
              }
              // Numbering is judged only where the organisation numbers its reports.
              if (numbered < 2 || numbered < reports) continue;
              for (const auto& [n, docs] : by_number) {
                if (docs.size() < 2) continue;
                std::string names;
                for (size_t i = 0; i < docs.size(); ++i) {
                  names += (i == 0                 ? ""
                            : i + 1 == docs.size() ? " and "
                                                   : ", ") +
                           docs[i]->origin.back();
                }
                out.Add(docs[1]->id,
                        std::to_string(docs.size()) + " different " + t.name + "s are numbered " +
                            std::to_string(n) + ": " + names + ".",
                        "Ask the organisation to number each " + t.name + " once.");
              }
              int first = by_number.begin()->first;
              int last = by_number.rbegin()->first;
              std::string gaps;
              int missing = 0;
              for (int n = std::min(first, 1); n < last; ++n) {
                if (by_number.count(n) != 0 || n == 0) continue;
                gaps += (gaps.empty() ? "" : ", ") + std::to_string(n);
                ++missing;
              }
              if (missing == 0) continue;
              out.Add("",
                      "The " + t.name + "s are numbered up to " + std::to_string(last) +
                          ", but number" + (missing == 1 ? " " : "s ") + gaps +
                          (missing == 1 ? " is" : " are") + " not among them.",
                      "Ask whether a report was left out by mistake, or renumber the reports.");
            }
          }};
}

}  // namespace qpm::checks
