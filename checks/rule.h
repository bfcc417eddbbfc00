// checks/rule.h — what one completeness rule is, for the files in checks/rules/.
//
// A rule is a RuleInfo (stable id, title, severity, category) and a function that
// reads the Submission and the profile and adds findings through a Sink. Each rule
// lives in its own file, checks/rules/<name>.cc, and is listed once in
// checks/checks.cc (static self-registration would be dropped by the linker).
#ifndef QPM_CHECKS_RULE_H_
#define QPM_CHECKS_RULE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/checks.h"

namespace qpm::checks {

// What a rule reads. Everything is borrowed for the length of Run().
struct Context {
  const Submission& submission;
  const Profile& profile;
  const Options& options;

  // Documents of the submission itself (not containers, emails, junk or duplicates)
  // whose role is `role`, in the order found.
  std::vector<const Document*> WithRole(std::string_view role) const;
  // The document with this id, or nullptr.
  const Document* Find(std::string_view id) const;
  // How the document is named in a message: its role label, else its file name.
  std::string Name(const Document& d) const;
  // The workbook as messages call it, from the profile: "the Assessment Workbook",
  // "the Gateway application form"; TheWorkbookStartingASentence() starts a sentence.
  std::string TheWorkbook() const { return "the " + profile.workbook_name; }
  std::string TheWorkbookStartingASentence() const { return "The " + profile.workbook_name; }
};

// Where a rule's findings go; each comes out with the rule's id, severity and category.
class Sink {
 public:
  Sink(const RuleInfo& rule, std::vector<Finding>& out) : rule_(rule), out_(out) {}
  // A finding about `document` (an id; "" for the submission as a whole).
  Finding& Add(std::string document, std::string message, std::string remedy);

 private:
  const RuleInfo& rule_;
  std::vector<Finding>& out_;
};

struct Rule {
  RuleInfo info;
  void (*run)(const Context&, Sink&);
};

// RequiredCounts() for this submission.
Requirements Required(const Context& c);

// What a narrative answer says when it says nothing ("only “N/A”", "the indicator's
// own wording, copied"), or "" for a real answer.
std::string PlaceholderKind(const WorkbookAnswer& answer, const Profile& profile);

// "1 case file", "3 case files".
std::string Count(int n, std::string_view one, std::string_view many);

// The rules, one function per file in checks/rules/.
Rule BandMatchesWte();
Rule BandKnown();
Rule BandBespoke();
Rule BespokeCountsGiven();
Rule CaseFileCount();
Rule ReportCount();
Rule ReportTypeMissing();
Rule CaseFileComponents();
Rule CaseFileNumbering();
Rule IndicatorTicked();
Rule NarrativeAnswered();
Rule NarrativeNotPlaceholder();
Rule NarrativeLongEnough();
Rule ContactGiven();
Rule PolicyPresent();
Rule PolicyNotDuplicated();
Rule IssueDateKnown();
Rule SubmittedInTime();
Rule SubmittedBeforeFinalDeadline();
Rule PolicyReviewCurrent();
Rule DocumentPlaced();
Rule ReportNumbering();
Rule ReferencesResolve();

}  // namespace qpm::checks

#endif  // QPM_CHECKS_RULE_H_
