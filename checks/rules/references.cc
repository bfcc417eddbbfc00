// completeness.reference-unresolved: what a narrative answer points to ("see Policy 7",
// "CF03 p.2", "Appendix B") is in the submission, and the page exists.
// Why: an assessor who cannot find the evidence an answer cites cannot credit it.
#include <re2/re2.h>

#include <cstdlib>

#include "checks/rule.h"
#include "pipeline/core/text.h"

namespace qpm::checks {
namespace {

std::string Folded(const Document& d) {
  std::string name = d.origin.empty() ? "" : d.origin.back();
  std::string text = text::Fold(name);
  for (const auto& [key, value] : d.metadata) {
    if (key == "Title" || key == "title") text += " | " + text::Fold(value);
  }
  if (!d.pages.empty()) text += " | " + text::Fold(d.pages.front().text.substr(0, 400));
  return text;
}

// The file name's own number: "07 Recording Policy.pdf" → 7.
int LeadingNumber(const Document& d) {
  if (d.origin.empty()) return -1;
  std::string name = d.origin.back();
  size_t slash = name.find_last_of('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  static const RE2 kLead("^[A-Za-z]{0,2}0*([0-9]{1,3})[ _.)-]");
  std::string digits;
  if (!RE2::PartialMatch(name, kLead, &digits)) return -1;
  return std::atoi(digits.c_str());
}

struct Reference {
  std::string said;  // as written: "Policy 7", "CF03 p.2"
  bool found = false;
};

// Every "Appendix B", "Annex 2", "Enclosure 3", "Policy 7" in `text`, each with
// whether a document of the submission answers to it.
void Labelled(const Context& c, std::string_view text, std::vector<Reference>& out) {
  static const RE2 kLabel(
      "(?i)\\b(appendix|appendices|annex|annexe|enclosure|attachment|policy|procedure|"
      "evidence)\\s+(?:no\\.?\\s*|number\\s+)?([0-9]{1,3}|[A-Z])\\b");
  re2::StringPiece in(text.data(), text.size());
  std::string kind, label;
  while (RE2::FindAndConsume(&in, kLabel, &kind, &label)) {
    bool letter = !label.empty() && !(label[0] >= '0' && label[0] <= '9');
    // "policy A" is English ("a policy"), not a reference.
    if (letter && (text::Fold(kind) == "policy" || text::Fold(kind) == "procedure")) continue;
    std::string want = text::Fold(kind + " " + label);
    int number = letter ? -1 : std::atoi(label.c_str());
    bool found = false;
    for (const Document& d : c.submission.documents) {
      if (d.role == "container" || d.role == "email" || d.role == "duplicate" ||
          !d.duplicate_of.empty()) {
        continue;
      }
      std::string folded = Folded(d);
      if (text::HasPhrase(folded, want) ||
          (number >= 0 &&
           text::HasPhrase(folded, text::Fold(kind) + " " + std::to_string(number))) ||
          (number > 0 && (text::Fold(kind) == "policy" || text::Fold(kind) == "procedure") &&
           d.role == "policy" && LeadingNumber(d) == number)) {
        found = true;
        break;
      }
    }
    out.push_back({kind + " " + label, found});
  }
}

// Every case id in `text`, with a page after it ("CF03 p.2", "CF03, page 2").
void Cases(const Context& c, const RE2& id_re, std::string_view text, std::vector<Reference>& out) {
  static const RE2 kPage("^\\s*,?\\s*(?:p\\.?|pp\\.?|page)\\s*([0-9]{1,4})");
  re2::StringPiece in(text.data(), text.size());
  std::string number;
  while (RE2::FindAndConsume(&in, id_re, &number)) {
    std::string id = CaseIdFromNumber(number, c.profile);
    // The pattern ends by consuming one character after the number; step back to it.
    re2::StringPiece after(in.data() - (in.data() > text.data() ? 1 : 0),
                           in.size() + (in.data() > text.data() ? 1 : 0));
    int page = 0;
    RE2::PartialMatch(after, kPage, &page);
    const CaseFile* found = nullptr;
    for (const CaseFile& cf : c.submission.case_files) {
      if (cf.id == id) found = &cf;
    }
    Reference r{id + (page > 0 ? " p." + std::to_string(page) : ""), false};
    if (found != nullptr) {
      int pages = 0;
      for (const std::string& doc : found->documents) {
        if (const Document* d = c.Find(doc)) pages += d->page_count;
      }
      r.found = page <= pages;
      if (!r.found) r.said += " (" + found->id + " has " + Count(pages, "page", "pages") + ")";
    }
    out.push_back(r);
  }
}

}  // namespace

Rule ReferencesResolve() {
  return {{"completeness.reference-unresolved",
           "What a narrative answer points to (a policy, case file page, appendix) is in the "
           "submission",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            const RE2 case_id(c.profile.case_id_pattern);  // checked when the profile loaded
            for (const WorkbookAnswer& a : c.submission.workbook.answers) {
              if (a.kind != "narrative" || a.text.empty()) continue;
              std::vector<Reference> refs;
              Labelled(c, a.text, refs);
              if (case_id.ok() && case_id.NumberOfCapturingGroups() == 1)
                Cases(c, case_id, a.text, refs);
              for (const Reference& r : refs) {
                if (r.found) continue;
                Finding& f =
                    out.Add(c.submission.workbook.document,
                            "The answer to indicator " + a.indicator + " points to " + r.said +
                                ", which is not in the submission.",
                            "Ask the organisation to send " + r.said +
                                ", or to correct the reference in " + c.TheWorkbook() + ".");
                f.page = a.page;
                f.bbox = a.box;
              }
            }
          }};
}

}  // namespace qpm::checks
