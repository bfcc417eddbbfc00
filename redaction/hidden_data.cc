#include "redaction/hidden_data.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "redaction/personal_data.h"
#include "redaction/rule_ids.h"

namespace qpm::redaction {
namespace {

using S = Severity;
using C = Category;

constexpr std::string_view kUnderBox = "redaction.text-under-box";
constexpr std::string_view kScanUnderBox = "redaction.ocr-layer-under-box";
constexpr std::string_view kNotApplied = "redaction.not-applied";
constexpr std::string_view kDarkHighlight = "redaction.dark-highlight";
constexpr std::string_view kBackground = "hidden-data.background-text";
constexpr std::string_view kInvisible = "hidden-data.invisible-text";
constexpr std::string_view kTiny = "hidden-data.tiny-text";
constexpr std::string_view kOffPage = "hidden-data.off-page-text";
constexpr std::string_view kLayer = "hidden-data.hidden-layer";
constexpr std::string_view kRevision = "hidden-data.earlier-revision";
constexpr std::string_view kScript = "hidden-data.script";
constexpr std::string_view kHiddenText = "hidden-data.hidden-text";
constexpr std::string_view kTracked = "hidden-data.tracked-changes";
constexpr std::string_view kComments = "hidden-data.comments";
constexpr std::string_view kHiddenField = "hidden-data.hidden-form-field";

// What the personal-data rules find, in words: "an NHS number".
std::string_view Kind(std::string_view rule) {
  static const std::map<std::string_view, std::string_view> kKinds = {
      {kRuleNhs, "an NHS number"},
      {kRuleNhsPossible, "a number that may be an NHS number"},
      {kRuleNino, "a National Insurance number"},
      {kRuleEmail, "an email address"},
      {kRulePhone, "a phone number"},
      {kRulePostcode, "a postcode"},
      {kRuleAddress, "a street address"},
      {kRuleDob, "a date of birth"},
      {kRuleName, "a name"},
      {kRuleHospital, "a hospital number"},
      {kRuleBank, "bank details"},
      {kRulePassport, "a passport number"},
      {kRuleLicence, "a driving licence number"},
      {kRulePlace, "the name of a care home or ward"},
      {kRuleDeny, "a value on the deny-list"},
  };
  auto it = kKinds.find(rule);
  return it != kKinds.end() ? it->second : std::string_view("personal data");
}

// A short masked form of hidden text for messages: long spans are cut.
std::string Shown(const std::string& text) {
  size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = text.find_last_not_of(" \t\r\n");
  std::string masked = Mask(text.substr(b, e - b + 1));
  for (char& c : masked) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  constexpr size_t kMax = 60;
  if (masked.size() <= kMax) return masked;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(masked[cut]) & 0xC0) == 0x80) --cut;
  return masked.substr(0, cut) + "…";
}

double Overlap(const Box& a, const Box& b) {
  double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  double h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

struct KindRule {
  std::string_view rule;
  std::string_view what;  // "Text ... on page N" completes the message
  std::string_view remedy;
};

constexpr std::string_view kRemoveHidden =
    "Delete the hidden text in the program that made the file (or print the document to an "
    "image-only PDF), then check the file again.";

const KindRule* RuleFor(const std::string& kind) {
  static const std::map<std::string, KindRule> kRules = {
      {"covered",
       {kUnderBox,
        "is still in the file under something drawn over it: the page shows a box or bar, but "
        "anyone can select the text and copy it out",
        "Redact with a tool that removes the text itself (in Acrobat: Redact, then Apply), or "
        "print the page to an image, then check the file again."}},
      {"covered-by-shape",
       {kUnderBox,
        "is still in the Word file under a shape or picture laid over it: the page shows a box "
        "or bar, but anyone can select the text and copy it out",
        "Delete the words under the shape (and the shape, if it was only there to hide them), "
        "then check the file again."}},
      {"covered-scan",
       {kScanUnderBox,
        "is still in the scan's text layer (from OCR) under a blacked-out area: the picture is "
        "covered, the words are not",
        "Remove the text layer under the redaction (redact with a tool that applies to text, or "
        "scan or print the page again without OCR), then check the file again."}},
      {"redact-mark",
       {kNotApplied,
        "lies under a redaction that was marked and never applied: the mark is only a "
        "comment, and the text under it is still there",
        "Apply the redactions (in Acrobat: Redact, then Apply) and save, then check the file "
        "again."}},
      {"background",
       {kBackground,
        "is printed in the colour of the page, or under a white shape: nobody sees it, but "
        "anyone can select and copy it",
        kRemoveHidden}},
      {"invisible",
       {kInvisible, "is invisible text over a blank area: it cannot be seen, but can be copied",
        kRemoveHidden}},
      {"tiny", {kTiny, "is too small to read, but can be copied", kRemoveHidden}},
      {"off-page",
       {kOffPage,
        "lies outside the page as shown: a reader does not show it, but it is in the file",
        kRemoveHidden}},
      {"hidden-layer", {kLayer, "is in a layer of the PDF that is switched off", kRemoveHidden}},
      {"earlier-revision",
       {kRevision,
        "was on this page in an earlier version of the file, which the file still holds: "
        "anyone can recover it",
        "Save the document anew as a whole (Save As, or print to PDF), which drops the earlier "
        "versions, then check the file again."}},
  };
  auto it = kRules.find(kind);
  return it != kRules.end() ? &it->second : nullptr;
}

RuleInfo const* Info(std::string_view id) {
  for (const RuleInfo& r : HiddenDataRules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Finding Make(std::string_view rule, const Document& doc, std::string message, std::string remedy) {
  Finding f;
  f.rule = std::string(rule);
  const RuleInfo* info = Info(rule);
  f.category = info != nullptr ? info->category : C::kHiddenData;
  f.severity = info != nullptr ? info->severity : S::kWarning;
  f.document = doc.id;
  f.input = doc.input;
  f.message = std::move(message);
  f.remedy = std::move(remedy);
  return f;
}

// "an NHS number, a name and a postcode".
std::string InWords(const std::set<std::string_view>& kinds) {
  std::string out;
  size_t i = 0;
  for (std::string_view k : kinds) {
    if (i > 0) out += i + 1 == kinds.size() ? " and " : ", ";
    out += k;
    ++i;
  }
  return out;
}

// What personal data `text` holds, in words ("an NHS number and a name"), or "".
std::string PersonalIn(const std::string& text, const PersonalDataLists* lists) {
  ScanContext ctx;
  ctx.lists = lists;
  std::set<std::string_view> kinds;
  for (const Match& m : FindPersonalData(text, ctx)) kinds.insert(Kind(m.rule));
  return InWords(kinds);
}

// Raises `f` to a blocker when its hidden text holds personal data, and says what.
void Judge(Finding& f, const std::string& found) {
  if (found.empty()) return;
  f.severity = S::kBlocker;
  if (!f.message.empty() && f.message.back() == '.') f.message.pop_back();
  f.message += ". It holds " + found + ".";
}

// A personal-data finding of text that is hidden, not removed: a blocker, since the
// value was meant to go, whose message says where it is. It takes the category of
// what hides it (a redaction that only looks done, or hidden data): it is no value
// left in plain sight, which MarkRedactedElsewhere would count as a slip of the
// anonymisation.
void MarkHidden(Finding& p, Category category, std::string_view how) {
  p.severity = S::kBlocker;
  p.category = category;
  if (!p.message.empty() && p.message.back() == '.') p.message.pop_back();
  p.message += ", ";
  p.message += how;
  p.message += '.';
}

// A page's personal-data findings that lie inside `box`: raised to blockers, since
// what they found is hidden, not removed, in `category`. Returns what they found,
// in words.
std::string RaiseInside(std::vector<Finding>& personal, int page, const Box& box,
                        Category category) {
  std::set<std::string_view> kinds;
  for (Finding& p : personal) {
    if (p.page != page || !p.bbox || p.category != C::kPersonalData) continue;
    double area = std::max(1e-6, (p.bbox->x1 - p.bbox->x0) * (p.bbox->y1 - p.bbox->y0));
    if (Overlap(*p.bbox, box) < area / 2) continue;
    kinds.insert(Kind(p.rule));
    MarkHidden(p, category, "in text hidden on the page rather than removed");
  }
  return InWords(kinds);
}

// Word's blacked-out text (HiddenText kinds "dark-*"): how it is blacked out.
std::string_view BlackedOutBy(std::string_view kind) {
  if (kind == "dark-highlight") return "a dark highlight";
  if (kind == "dark-shading") return "dark shading";
  if (kind == "dark-cell") return "the dark shading of its table cell";
  if (kind == "dark-text-box") return "the dark fill of its text box";
  return "";
}

// "in a table", "in a header": where in the Word file the text is.
std::string_view InPart(std::string_view where) {
  if (where == "table") return "in a table";
  if (where == "text box") return "in a text box";
  if (where == "header") return "in a header";
  if (where == "footer") return "in a footer";
  if (where == "footnotes") return "in a footnote";
  if (where == "endnotes") return "in an endnote";
  return "in the body of the document";
}

// The personal-data findings of the same words as `h`, blacked-out Word text: by
// their offsets in the body's page, by their value in a header, footer or note.
// Raised to blockers and said to be under the colour; returns what they found.
std::string RaiseCovered(std::vector<Finding>& personal, const HiddenText& h) {
  std::set<std::string_view> kinds;
  for (Finding& p : personal) {
    if (p.category != C::kPersonalData) continue;
    bool same = false;
    if (h.start && h.end) {
      same = p.page == h.page && p.field.empty() && p.start && p.end && *p.start < *h.end &&
             *h.start < *p.end;
    } else {
      same = p.page == 0 && p.field == h.where && !p.value.empty() &&
             h.text.find(p.value) != std::string::npos;
    }
    if (!same) continue;
    kinds.insert(Kind(p.rule));
    MarkHidden(p, C::kRedaction,
               "hidden under " + std::string(BlackedOutBy(h.kind)) +
                   " that only makes it look redacted: anyone who copies the text reads it");
  }
  return InWords(kinds);
}

// A finding for Word text blacked out by what lies behind it.
Finding BlackedOut(const Document& doc, const HiddenText& h, std::vector<Finding>& personal,
                   const PersonalDataLists* lists) {
  Finding f = Make(kDarkHighlight, doc,
                   "Text " + std::string(InPart(h.where)) + " ('" + Shown(h.text) +
                       "') is blacked out with " + std::string(BlackedOutBy(h.kind)) +
                       ", not removed: it looks redacted, but the words are still in the file, "
                       "and anyone who copies them or takes the colour off reads them.",
                   "Delete the words themselves, and type a placeholder such as [redacted] in "
                   "their place if the reader should see that something was removed; do not "
                   "colour over them. Then check the file again.");
  f.page = h.page;
  f.start = h.start;
  f.end = h.end;
  if (h.page == 0) f.field = h.where;  // a header, a footer, a note: as personal data names it
  f.value = h.text;
  f.masked = Shown(h.text);
  std::string found = RaiseCovered(personal, h);
  if (found.empty()) found = PersonalIn(h.text, lists);
  Judge(f, found);
  return f;
}

}  // namespace

const std::vector<RuleInfo>& HiddenDataRules() {
  static const std::vector<RuleInfo> kRules = {
      {kUnderBox, "No text is left under a box drawn over it", S::kBlocker, C::kRedaction},
      {kScanUnderBox, "No scan keeps its text layer under a blacked-out area", S::kBlocker,
       C::kRedaction},
      {kNotApplied, "Every redaction marked is applied", S::kBlocker, C::kRedaction},
      {kDarkHighlight,
       "No Word text is blacked out with a dark highlight or shading instead of deleted",
       S::kBlocker, C::kRedaction},
      {kBackground, "No text is in the colour of the page or under a white shape", S::kWarning,
       C::kHiddenData},
      {kInvisible, "No invisible text lies over a blank area", S::kWarning, C::kHiddenData},
      {kTiny, "No text is too small to read", S::kWarning, C::kHiddenData},
      {kOffPage, "No text lies outside the page as shown", S::kWarning, C::kHiddenData},
      {kLayer, "No text is in a layer that is switched off", S::kWarning, C::kHiddenData},
      {kRevision, "No earlier version of a PDF keeps words it no longer shows", S::kWarning,
       C::kHiddenData},
      {kScript, "No PDF carries JavaScript or a link that starts a program", S::kWarning,
       C::kHiddenData},
      {kHiddenText, "No Word text is formatted as hidden", S::kWarning, C::kHiddenData},
      {kTracked, "No tracked changes are left in a Word document", S::kWarning, C::kHiddenData},
      {kComments, "No comments are left in a document", S::kWarning, C::kHiddenData},
      {kHiddenField, "No hidden form field holds a value", S::kWarning, C::kHiddenData},
  };
  return kRules;
}

std::vector<Finding> HiddenDataFindings(const Document& doc, std::vector<Finding>& personal,
                                        const PersonalDataLists* lists) {
  std::vector<Finding> out;
  for (const HiddenText& h : doc.hidden) {
    if (h.kind == "script") {
      Finding f = Make(kScript, doc,
                       "This PDF carries " +
                           (h.text == "JavaScript" ? std::string("JavaScript, a program that runs "
                                                                 "when the file is opened or used")
                                                   : h.text) +
                           (h.page > 0 ? " (page " + std::to_string(h.page) + ")" : "") + ".",
                       "Remove it, or print the document to PDF, which leaves scripts behind.");
      f.page = h.page;
      out.push_back(std::move(f));
      continue;
    }
    if (!BlackedOutBy(h.kind).empty()) {
      out.push_back(BlackedOut(doc, h, personal, lists));
      continue;
    }
    const KindRule* kr = RuleFor(h.kind);
    if (kr == nullptr) continue;
    std::string where = h.page > 0 ? " on page " + std::to_string(h.page) : "";
    // A Word file's pages are those of its printed copy, which the bundle shows.
    if (h.where == "printed copy" && h.page > 0) where += " as printed";
    std::string shown = h.text.empty() ? "" : " ('" + Shown(h.text) + "')";
    std::string message =
        h.kind == "redact-mark" && h.text.empty()
            ? "A redaction" + where +
                  " was marked and never applied: the mark is only a comment, and whatever "
                  "is under it (text or picture) is still there."
            : "Text" + where + shown + " " + std::string(kr->what) + ".";
    Finding f = Make(kr->rule, doc, message, std::string(kr->remedy));
    f.page = h.page;
    f.bbox = h.box;
    f.value = h.text;
    f.masked = h.text.empty() ? "" : Shown(h.text);
    const RuleInfo* info = Info(kr->rule);
    std::string found = h.box ? RaiseInside(personal, h.page, *h.box,
                                            info != nullptr ? info->category : C::kHiddenData)
                              : "";
    if (found.empty() && !h.text.empty()) found = PersonalIn(h.text, lists);
    Judge(f, found);
    out.push_back(std::move(f));
  }

  // A Word file's hidden parts, and comments wherever they are.
  bool deletions = std::any_of(doc.parts.begin(), doc.parts.end(),
                               [](const TextPart& p) { return p.name == "deleted text"; });
  for (const TextPart& part : doc.parts) {
    std::string_view rule;
    std::string what;
    if (part.name == "hidden text") {
      rule = kHiddenText;
      what = "text formatted as hidden, which Word does not show or print but keeps";
    } else if (part.name == "white text") {
      rule = kBackground;
      what = "white text on a white page, which nobody sees but anyone can select";
    } else if (part.name == "deleted text") {
      rule = kTracked;
      what = "text deleted with Track Changes on, which is still in the file";
    } else if (part.name == "change authors") {
      if (deletions) continue;  // the deletions' finding says it already
      rule = kTracked;
      what = "tracked changes not yet accepted, with who made them";
    } else if (part.name == "comments") {
      rule = kComments;
      what = "comments, which travel with the file";
    } else {
      continue;
    }
    Finding f = Make(rule, doc, "This document keeps " + what + " ('" + Shown(part.text) + "').",
                     rule == kComments || rule == kTracked
                         ? "Accept or reject every tracked change and delete every comment (in "
                           "Word: Review, then Accept All and Delete All Comments), or use "
                           "Word's Inspect Document, then check the file again."
                         : "Delete the hidden text (in Word: File, Info, Inspect Document, then "
                           "Remove All beside Hidden Text), then check the file again.");
    f.field = part.name;
    f.value = part.text;
    f.masked = Shown(part.text);
    std::string found;
    for (Finding& p : personal) {
      // Who made a change is most often a member of staff: their name is reported
      // as it is, and makes no blocker of the changes.
      if (part.name == "change authors") break;
      if (p.field != part.name || p.category == C::kRedaction) continue;
      found = std::string(Kind(p.rule));
      p.severity = S::kBlocker;
    }
    // White text is scanned where it stands, in the page's text: judge it here.
    if (found.empty() && part.name == "white text") found = PersonalIn(part.text, lists);
    Judge(f, found);
    out.push_back(std::move(f));
  }

  int comments = 0;
  std::set<std::string> authors;
  for (const FormField& field : doc.fields) {
    if (field.kind == "comment") {
      ++comments;
      if (!field.name.empty()) authors.insert(field.name);
    } else if (field.hidden && !field.value.empty() && field.kind != "attachment") {
      Finding f = Make(kHiddenField, doc,
                       "A form field that is hidden on the page holds a value ('" +
                           Shown(field.value) + "'): nobody sees it, but it is in the file.",
                       "Clear the field, or print the form to PDF, then check the file again.");
      f.page = field.page;
      f.bbox = field.box;
      f.field = "form field";
      f.value = field.value;
      f.masked = Shown(field.value);
      Judge(f, PersonalIn(field.value, lists));
      out.push_back(std::move(f));
    }
  }
  if (comments > 0) {
    Finding f =
        Make(kComments, doc,
             // An office file's comments are read from the PDF made of it (office.h).
             (doc.media_type == "application/pdf" ? "This PDF carries " : "This file carries ") +
                 std::to_string(comments) +
                 (comments == 1 ? " comment or mark-up" : " comments or mark-ups") +
                 (authors.empty() ? std::string()
                                  : " by " + std::to_string(authors.size()) +
                                        (authors.size() == 1 ? " author" : " authors")) +
                 ", which travel with the file.",
             "Delete the comments (or print the document to PDF, which leaves them behind), then "
             "check the file again.");
    out.push_back(std::move(f));
  }

  return out;
}

}  // namespace qpm::redaction
