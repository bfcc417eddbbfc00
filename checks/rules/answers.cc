// The workbook's answers: every tick indicator ticked; every narrative answered, with
// something real, and at least the profile's minimum words.
// Why: an unticked box or a blank, "N/A" or copied answer sends the workbook back.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "checks/rule.h"
#include "pipeline/core/text.h"

namespace qpm::checks {
namespace {

// `text` to quote in a message: on one line, at most `most` bytes, cut between words
// where it can and never inside a character (report.json must stay UTF-8), with "…"
// when shortened.
std::string Excerpt(std::string_view text, size_t most) {
  std::string flat;
  for (char ch : text) {
    if (std::isspace(static_cast<unsigned char>(ch)) == 0) {
      flat += ch;
    } else if (!flat.empty() && flat.back() != ' ') {
      flat += ' ';
    }
  }
  if (!flat.empty() && flat.back() == ' ') flat.pop_back();
  if (flat.size() <= most) return flat;
  size_t cut = flat.rfind(' ', most);
  if (cut == std::string::npos || cut < most / 2) {  // one long word, such as a file name
    cut = most;
    while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
  }
  flat.resize(cut);
  return flat + "\u2026";
}

// The indicator's wording, shortened for a message.
std::string Wording(const Context& c, const WorkbookAnswer& a) {
  const Indicator* known = c.profile.FindIndicator(a.indicator);
  if (known == nullptr || known->wording.empty()) return "";
  std::string w = known->wording;
  if (w.size() > 90) w = Excerpt(w, 87);
  return " (\u201c" + w + "\u201d)";
}

Finding& AddFor(const Context& c, Sink& out, const WorkbookAnswer& a, std::string message,
                std::string remedy) {
  Finding& f = out.Add(c.submission.workbook.document, std::move(message), std::move(remedy));
  f.page = a.page;
  f.bbox = a.box;
  return f;
}

std::vector<const WorkbookAnswer*> Answers(const Context& c, std::string_view kind) {
  std::vector<const WorkbookAnswer*> out;
  for (const WorkbookAnswer& a : c.submission.workbook.answers) {
    if (a.kind == kind) out.push_back(&a);
  }
  return out;
}

}  // namespace

// What a narrative says when it says nothing: "N/A", "see attached", "as above", or
// the indicator's own wording copied. Returns how to describe it, or "".
std::string PlaceholderKind(const WorkbookAnswer& a, const Profile& profile) {
  std::string folded = text::Fold(a.text);
  if (folded.empty()) return "";
  static const std::vector<std::string> kEmpty = {"n a",
                                                  "na",
                                                  "not applicable",
                                                  "none",
                                                  "nil",
                                                  "no",
                                                  "yes",
                                                  "tbc",
                                                  "tba",
                                                  "to be confirmed",
                                                  "to follow",
                                                  "pending",
                                                  "see below",
                                                  "see above",
                                                  "as above",
                                                  "as below",
                                                  "see attached",
                                                  "see attachment",
                                                  "see attachments",
                                                  "attached",
                                                  "please see attached",
                                                  "see separate sheet",
                                                  "see evidence",
                                                  "see evidence folder",
                                                  "see appendix",
                                                  "see policy",
                                                  "see policies",
                                                  "see our policy",
                                                  "in policy",
                                                  "as per policy",
                                                  "see enclosed",
                                                  "enclosed"};
  for (const std::string& p : kEmpty) {
    if (folded == p) return "only \u201c" + Excerpt(a.text, 40) + "\u201d";
  }
  // "See attached document.", "As above - see 1.2": short, and opening with one of them.
  if (a.words <= 6) {
    for (const char* p : {"see attached", "as above", "see above", "see below", "n a ",
                          "not applicable", "see attachment"}) {
      if (folded.rfind(p, 0) == 0) return "only \u201c" + Excerpt(a.text, 60) + "\u201d";
    }
  }
  const Indicator* known = profile.FindIndicator(a.indicator);
  if (known != nullptr) {
    std::string wording = text::Fold(known->wording);
    // The wording copied in, perhaps with a word or two around it.
    if (!wording.empty() && (folded == wording ||
                             (folded.find(wording) != std::string::npos &&
                              a.words <= text::CountWords(known->wording) + 3) ||
                             (a.words >= 5 && wording.find(folded) != std::string::npos))) {
      return "the indicator's own wording, copied";
    }
  }
  return "";
}

// completeness.indicator-unticked: every tick indicator is ticked.
Rule IndicatorTicked() {
  return {{"completeness.indicator-unticked", "Every tick indicator in the workbook is ticked",
           Severity::kBlocker, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            for (const WorkbookAnswer* a : Answers(c, "tick")) {
              if (a->state == "ticked") continue;
              AddFor(c, out, *a, "Indicator " + a->indicator + Wording(c, *a) + " is not ticked.",
                     "Ask the organisation to tick it if they meet it, or to explain in " +
                         c.TheWorkbook() + " why they do not.");
            }
          }};
}

// completeness.narrative-empty: every narrative indicator has an answer.
Rule NarrativeAnswered() {
  return {
      {"completeness.narrative-empty", "Every narrative indicator in the workbook is answered",
       Severity::kBlocker, Category::kCompleteness},
      [](const Context& c, Sink& out) {
        for (const WorkbookAnswer* a : Answers(c, "narrative")) {
          if (a->state != "empty") continue;
          AddFor(c, out, *a, "Indicator " + a->indicator + Wording(c, *a) + " has no answer.",
                 "Ask the organisation to describe, in " + c.TheWorkbook() + ", how they meet it.");
        }
      }};
}

// completeness.narrative-placeholder: no narrative is just "N/A", "see attached", "as
// above" or the indicator's wording.
Rule NarrativeNotPlaceholder() {
  return {{"completeness.narrative-placeholder",
           "No narrative answer is just \"N/A\", \"see attached\", \"as above\" or the "
           "indicator's wording",
           Severity::kBlocker, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            for (const WorkbookAnswer* a : Answers(c, "narrative")) {
              if (a->state != "answered") continue;
              std::string kind = PlaceholderKind(*a, c.profile);
              if (kind.empty()) continue;
              AddFor(
                  c, out, *a,
                  "The answer to indicator " + a->indicator + Wording(c, *a) + " is " + kind + ".",
                  "Ask the organisation to write, in " + c.TheWorkbook() +
                      " itself, how they meet the indicator; where it points to a document, the "
                      "answer should also say what that document shows.");
            }
          }};
}

// completeness.narrative-short: a narrative answer has at least the profile's minimum
// number of words.
Rule NarrativeLongEnough() {
  return {{"completeness.narrative-short",
           "Every narrative answer has at least the profile's minimum number of words",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            for (const WorkbookAnswer* a : Answers(c, "narrative")) {
              if (a->state != "answered" || !PlaceholderKind(*a, c.profile).empty()) continue;
              const Indicator* known = c.profile.FindIndicator(a->indicator);
              int least =
                  known != nullptr && known->min_words > 0 ? known->min_words : c.profile.min_words;
              if (a->words >= least) continue;
              AddFor(c, out, *a,
                     "The answer to indicator " + a->indicator + Wording(c, *a) + " has " +
                         Count(a->words, "word", "words") + "; " + c.profile.title +
                         " expects at least " + std::to_string(least) + ".",
                     "Ask the organisation to say more about how they meet it: what they do, "
                     "who does it and how they know it works.");
            }
          }};
}

namespace {

// What a "contact" answer gives: a way to reach someone (an email address or a
// telephone number) and any words besides, such as a name.
struct ContactParts {
  bool reach = false;
  int other_words = 0;
};

ContactParts ReadContact(std::string_view text) {
  // UK numbers: 0 and 9 or 10 more digits, or +44 and the number without its 0, with
  // spaces, hyphens or brackets anywhere ("(01632) 960 123", "+44 7700 900123").
  static const RE2 kReach(
      "([A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"
      "|(?:\\+\\s?44\\s?(?:\\(0\\)\\s?)?|\\(?0)[1-9](?:[\\s()-]{0,2}[0-9]){8,9})");
  ContactParts parts;
  std::string rest(text);
  if (RE2::GlobalReplace(&rest, kReach, " ") > 0) parts.reach = true;
  parts.other_words = text::CountWords(rest);
  return parts;
}

}  // namespace

// completeness.contact-missing: every contact the profile asks for (a referee, say)
// is given, with a way to reach them.
Rule ContactGiven() {
  return {{"completeness.contact-missing",
           "Every contact the workbook asks for (such as a referee) is named, with an email "
           "address or telephone number",
           Severity::kBlocker, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            for (const WorkbookAnswer* a : Answers(c, "contact")) {
              ContactParts parts = ReadContact(a->text);
              std::string said;
              if (a->state == "empty") {
                said = " is blank: no one is named there.";
              } else if (!parts.reach) {
                said = " names no email address or telephone number.";
              } else if (parts.other_words == 0) {
                said = " gives only an email address or telephone number, with no name.";
              } else {
                continue;
              }
              AddFor(c, out, *a, "The answer to " + a->indicator + Wording(c, *a) + said,
                     "Ask the organisation to fill in " + a->indicator + " in " + c.TheWorkbook() +
                         ": the person's name, how they know the service, and an email "
                         "address or telephone number.");
            }
          }};
}

}  // namespace qpm::checks
