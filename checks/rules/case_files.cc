// Case files: each has every part the profile names; their numbering runs without
// gaps and every case has a number.
// Why: the assessor follows each case from referral to closing letter (QPM FAQ).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "checks/rule.h"
#include "pipeline/core/text.h"

namespace qpm::checks {
namespace {

std::string Quoted(const std::vector<std::string>& cues, size_t most) {
  std::string out;
  for (size_t i = 0; i < cues.size() && i < most; ++i) {
    if (!out.empty()) out += i + 1 == std::min(cues.size(), most) ? " or " : ", ";
    out += "'" + text::AsHeading(cues[i]) + "'";
  }
  return out;
}

// The case's number when its id is the profile's prefix and digits: "CF07" → 7.
std::optional<int> CaseNumber(const std::string& id, const std::string& prefix) {
  if (prefix.empty() || id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  std::string digits = id.substr(prefix.size());
  if (!std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    return std::nullopt;
  return std::atoi(digits.c_str());
}

// "CF03": the prefix and at least two digits, as case files are numbered.
std::string CaseId(const std::string& prefix, int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return prefix + buf;
}

}  // namespace

// completeness.case-file-component: every case file has every part the profile names.
Rule CaseFileComponents() {
  return {{"completeness.case-file-component", "Every case file has every part the profile names",
           Severity::kBlocker, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            for (const CaseFile& cf : c.submission.case_files) {
              for (const auto& [name, places] : cf.components) {
                if (!places.empty()) continue;
                const CaseComponent* component = nullptr;
                for (const CaseComponent& k : c.profile.components) {
                  if (k.name == name) component = &k;
                }
                std::string cues = component != nullptr ? Quoted(component->cues, 3) : "";
                // An unnumbered case's id is "case D009": "Case file case D009" reads as a typo.
                bool numbered = CaseNumber(cf.id, c.profile.case_id_prefix).has_value();
                std::string which =
                    numbered
                        ? "Case file " + cf.id
                        : "The case file with no case number (the report calls it '" + cf.id + "')";
                out.Add(cf.documents.empty() ? "" : cf.documents.front(),
                        which + " has no " + name +
                            (cues.empty() ? ""
                                          : ": none of its pages starts with a heading such as " +
                                                cues + ", or reads like one") +
                            ".",
                        "Ask the organisation to add the " + name + " to " +
                            (numbered ? cf.id : std::string("that case file")) +
                            ", anonymised. If it is there, it needs a clear heading at the top of "
                            "its first page.");
              }
            }
          }};
}

// completeness.case-file-numbering: case numbers run from 1 with no gaps, and every
// case file has one.
Rule CaseFileNumbering() {
  return {{"completeness.case-file-numbering",
           "Case files are numbered in one run with no gaps, and every one has a number",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            const std::string& prefix = c.profile.case_id_prefix;
            std::set<int> numbers;
            for (const CaseFile& cf : c.submission.case_files) {
              std::optional<int> n = CaseNumber(cf.id, prefix);
              if (n) {
                numbers.insert(*n);
                continue;
              }
              out.Add(cf.documents.empty() ? "" : cf.documents.front(),
                      "A case file has no case number (such as " + prefix +
                          "01) on its pages or in its file name, so the report calls it '" + cf.id +
                          "'.",
                      "Ask the organisation to number every case file, on its first page and in "
                      "its file name.");
            }
            if (numbers.empty()) return;
            // Missing numbers, a run of three or more as a range ("CF03 to CF119"): an
            // organisation that numbers by its own case numbers gets one line, not a
            // hundred ids.
            const int last = *numbers.rbegin();
            std::vector<std::string> gaps;
            int missing = 0;
            for (int n = 1; n < last; ++n) {
              if (numbers.count(n) != 0) continue;
              int end = n;
              while (end + 1 < last && numbers.count(end + 1) == 0) ++end;
              missing += end - n + 1;
              if (end - n >= 2) {
                gaps.push_back(CaseId(prefix, n) + " to " + CaseId(prefix, end));
              } else {
                for (int k = n; k <= end; ++k) gaps.push_back(CaseId(prefix, k));
              }
              n = end;
            }
            if (gaps.empty()) return;
            std::string list;
            for (size_t i = 0; i < gaps.size(); ++i) {
              list += (i == 0 ? "" : i + 1 == gaps.size() ? " and " : ", ") + gaps[i];
            }
            out.Add("",
                    "The case files are numbered up to " + CaseId(prefix, last) + ", but " + list +
                        (missing == 1 ? " is" : " are") + " not among them.",
                    "Ask whether " + list + (missing == 1 ? " was" : " were") +
                        " left out by mistake, or renumber the case files.");
          }};
}

}  // namespace qpm::checks
