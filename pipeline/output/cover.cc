#include "pipeline/output/cover.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "pipeline/core/dates.h"
#include "pipeline/platform/sha256.h"

namespace qpm::bundle {
namespace {

// One line: control characters become spaces (a value from the command line goes
// into the cover and the bag's tag file).
std::string OneLine(std::string s) {
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return s;
}

std::string Problems(int n) { return std::to_string(n) + (n == 1 ? " problem" : " problems"); }

// `weeks` weeks after `ymd` (YYYY-MM-DD); "" when it is no date.
std::string WeeksAfter(const std::string& ymd, int weeks) {
  std::optional<Date> d = ParseIsoDate(ymd);
  return d ? ToIso(AddDays(*d, 7 * weeks)) : "";
}

// "four weeks", "one week"; in figures above twelve.
std::string Weeks(int n) {
  static constexpr const char* kWords[] = {"no",   "one",    "two",   "three", "four",
                                           "five", "six",    "seven", "eight", "nine",
                                           "ten",  "eleven", "twelve"};
  std::string number = n >= 0 && n <= 12 ? kWords[static_cast<size_t>(n)] : std::to_string(n);
  return number + (n == 1 ? " week" : " weeks");
}

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// The date the assessment is due, and why: the profile's weeks after the assessor
// receives the bundle, or no date when the quality mark sets no time for it.
void SetDue(Options& o, const Submission& s, const Profile& profile, const CoverRequest& request) {
  if (profile.assessment_weeks == 0) {
    o.due_basis = "no timescale: the " + profile.words.mark + " sets none";
    return;
  }
  std::string basis_date = request.to_assessor.empty() ? s.received : request.to_assessor;
  o.due = WeeksAfter(basis_date, profile.assessment_weeks);
  o.due_basis =
      Weeks(profile.assessment_weeks) + " after " + basis_date +
      (request.to_assessor.empty() ? ", the date received" : ", when the assessor received it");
}

// The status in one sentence, from the findings' severities.
std::string StatusInWords(const Submission& s) {
  auto count = [&s](Severity severity) {
    return static_cast<int>(
        std::count_if(s.findings.begin(), s.findings.end(),
                      [&](const Finding& f) { return f.severity == severity; }));
  };
  int blockers = count(Severity::kBlocker);
  int warnings = count(Severity::kWarning);
  return blockers > 0 ? "Needs action: " + Problems(blockers) + " to fix and " +
                            std::to_string(warnings) + " warning(s)."
         : warnings > 0
             ? "Check the " + std::to_string(warnings) + " warning(s); nothing else needs action."
             : "Ready: the checks found nothing that needs action.";
}

// What the band asks for against what was found, a line each.
std::vector<std::string> CountsAgainstTheBand(const Submission& s, const Profile& profile) {
  std::vector<std::string> lines;
  if (s.required.case_files) {
    lines.push_back(std::to_string(s.case_files.size()) +
                    " case file(s) found; the band asks for " +
                    std::to_string(*s.required.case_files) + ".");
  }
  for (const auto& [type, n] : s.required.reports) {
    int found = 0;
    for (const Document& d : s.documents)
      found += d.role == "report" && d.role_detail == type && d.duplicate_of.empty();
    std::string name = type;
    for (const ReportType& t : profile.reports) {
      if (t.id == type) name = t.name;
    }
    lines.push_back(std::to_string(found) + " " + name + "(s) found; the band asks for " +
                    std::to_string(n) + ".");
  }
  return lines;
}

}  // namespace

std::string Reference(const Submission& s, const std::string& given, const std::string& prefix) {
  std::string id = OneLine(given);
  if (id.empty()) {
    std::vector<std::string> hashes;
    for (const Document& d : s.documents) {
      if (d.parent.empty()) hashes.push_back(d.sha256);
    }
    std::sort(hashes.begin(), hashes.end());
    std::string all;
    for (const std::string& h : hashes) all += h;
    id = Sha256Hex(all).substr(0, 8);
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  // "--id QPM-1234" is "--id 1234", in capitals or not.
  std::string start = prefix + "-";
  bool prefixed = id.size() >= start.size();
  for (size_t i = 0; prefixed && i < start.size(); ++i) {
    prefixed = std::toupper(static_cast<unsigned char>(id[i])) ==
               std::toupper(static_cast<unsigned char>(start[i]));
  }
  return prefixed ? id : start + id;
}

int WithholdingFindings(const Submission& s) {
  int n = 0;
  for (const Finding& f : s.findings) {
    if (f.severity == Severity::kBlocker &&
        (f.category == Category::kPersonalData || f.category == Category::kRedaction ||
         f.category == Category::kHiddenData)) {
      ++n;
    }
  }
  return n;
}

std::string WithheldReason(int withholding) {
  return "The bundle is withheld: " + Problems(withholding) +
         " with personal data or redaction remain (see What to fix). Ask the "
         "organisation to fix them and send the files again, then run triage again. "
         "To make the bundle anyway, run again with --force: it will carry a warning.";
}

Options DescribeCover(const Submission& s, const Profile& profile, const CoverRequest& request,
                      int withholding) {
  Options o;
  o.id = Reference(s, request.id, profile.words.reference_prefix);
  o.organisation = OneLine(request.organisation);
  o.subtitle = profile.words.mark_in_full + ": " + profile.words.assessment;
  o.received = s.received;
  o.due_label = Capitalised(profile.words.assessment) + " due";
  SetDue(o, s, profile, request);
  o.banded = !profile.bands.empty();
  if (s.band) o.band = "Band " + std::to_string(*s.band) + " (" + s.band_reason + ")";
  o.status = StatusInWords(s);
  o.summary.push_back(
      "report.html beside this bundle lists each finding, with a link to its "
      "page here.");
  for (std::string& line : CountsAgainstTheBand(s, profile)) o.summary.push_back(std::move(line));
  if (withholding > 0) {
    o.forced_warning = "This bundle was made with --force while " + Problems(withholding) +
                       " with personal data or redaction remained. It may show personal data "
                       "about the people the case files are about. Do not send it on until "
                       "they are fixed; report.html lists each one.";
  }
  o.version = request.version;
  return o;
}

}  // namespace qpm::bundle
