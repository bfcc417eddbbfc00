// What a safe copy removes and where (redaction/removal.h), on Documents, Pages and
// Findings built here: invented people, places and numbers (01632 is Ofcom's drama
// range; 943 476 5919 is the NHS's own example number).
#include "redaction/removal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "redaction/lists.h"
#include "redaction/masking.h"
#include "redaction/rule_ids.h"

namespace qpm::redaction {
namespace {

using Values = std::vector<std::pair<std::string, std::string>>;

// A page laid out on a grid: each byte 5 points wide, lines 10 points high and 14
// apart, so one space between words is half a line's height.
Page Lines(int number, const std::vector<std::string>& lines) {
  Page p;
  p.number = number;
  p.source = TextSource::kTextLayer;
  p.width = 595;
  p.height = 842;
  for (size_t l = 0; l < lines.size(); ++l) {
    if (l > 0) p.text += '\n';
    const size_t at = p.text.size();
    const std::string& line = lines[l];
    p.text += line;
    for (size_t i = 0; i < line.size();) {
      if (line[i] == ' ') {
        ++i;
        continue;
      }
      size_t j = line.find(' ', i);
      if (j == std::string::npos) j = line.size();
      Word w;
      w.text = line.substr(i, j - i);
      w.start = static_cast<uint32_t>(at + i);
      w.end = static_cast<uint32_t>(at + j);
      double y = 100 + 14.0 * static_cast<double>(l);
      w.box = {72 + 5.0 * static_cast<double>(i), y, 72 + 5.0 * static_cast<double>(j), y + 10};
      p.words.push_back(w);
      i = j;
    }
  }
  return p;
}

Document Doc(std::vector<Page> pages) {
  Document d;
  d.id = "D001";
  d.origin = {"mail.eml", "Case files/CF01 notes.pdf"};
  d.media_type = "application/pdf";
  d.pages = std::move(pages);
  d.page_count = static_cast<int>(d.pages.size());
  return d;
}

// A finding of `value` where it is first read on `page` (the `nth` time), with the
// box of its words as the scan gives it.
Finding At(const Page& page, std::string_view value, std::string_view rule = kRuleName,
           Severity severity = Severity::kBlocker, int nth = 0) {
  size_t at = page.text.find(value);
  for (int i = 0; i < nth; ++i) at = page.text.find(value, at + 1);
  EXPECT_NE(at, std::string::npos) << value;
  Finding f;
  f.rule = std::string(rule);
  f.category = Category::kPersonalData;
  f.severity = severity;
  f.document = "D001";
  f.page = page.number;
  f.start = static_cast<uint32_t>(at);
  f.end = static_cast<uint32_t>(at + value.size());
  f.value = std::string(value);
  f.masked = Mask(value);
  f.message = "A value is readable on this page.";
  for (const Word& w : page.words) {
    if (w.end > at && w.start < at + value.size()) {
      Box b = f.bbox.value_or(w.box);
      f.bbox = Box{std::min(b.x0, w.box.x0), std::min(b.y0, w.box.y0), std::max(b.x1, w.box.x1),
                   std::max(b.y1, w.box.y1)};
    }
  }
  return f;
}

// A finding on no page: a file property, a part, a file name.
Finding Off(std::string_view field, std::string_view value, std::string_view rule,
            Category category, Severity severity = Severity::kBlocker) {
  Finding f;
  f.rule = std::string(rule);
  f.category = category;
  f.severity = severity;
  f.document = "D001";
  f.field = std::string(field);
  f.value = std::string(value);
  f.masked = Mask(value);
  f.message = "A value is stored in this file's properties.";
  return f;
}

RemovalPlan Plan(const Document& doc, const std::vector<Finding>& findings,
                 const RemovalOptions& options = {}) {
  std::vector<const Finding*> ptrs;
  for (const Finding& f : findings) ptrs.push_back(&f);
  return PlanRemovals(doc, ptrs, options);
}

const Word& WordOf(const Page& page, std::string_view text, int nth = 0) {
  for (const Word& w : page.words) {
    if (w.text == text && nth-- == 0) return w;
  }
  ADD_FAILURE() << "no word " << text;
  return page.words.front();
}

bool Covers(const Box& outer, const Box& inner) {
  return outer.x0 <= inner.x0 && outer.y0 <= inner.y0 && outer.x1 >= inner.x1 &&
         outer.y1 >= inner.y1;
}

bool Touches(const Box& a, const Box& b) {
  return std::min(a.x1, b.x1) > std::max(a.x0, b.x0) && std::min(a.y1, b.y1) > std::max(a.y0, b.y0);
}

// Whether the plan burns a box over the word (its `nth` on the page).
bool Boxed(const RemovalPlan& plan, const Page& page, std::string_view word, int nth = 0) {
  auto it = plan.boxes.find(page.number);
  if (it == plan.boxes.end()) return false;
  const Box& w = WordOf(page, word, nth).box;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const CopyBox& b) { return Covers(b.box, w); });
}

// Whether any box of the plan touches the word: not even part of it is burnt.
bool Untouched(const RemovalPlan& plan, const Page& page, std::string_view word, int nth = 0) {
  auto it = plan.boxes.find(page.number);
  if (it == plan.boxes.end()) return true;
  const Box& w = WordOf(page, word, nth).box;
  return std::none_of(it->second.begin(), it->second.end(),
                      [&](const CopyBox& b) { return Touches(b.box, w); });
}

bool HasValue(const RemovalPlan& plan, std::string_view value) {
  return std::any_of(plan.values.begin(), plan.values.end(),
                     [&](const auto& v) { return v.first == value; });
}

TEST(Removal, ANameOverTwoLinesIsTwoBoxesNeverOne) {
  // "Okafor" starts left of where "Margaret" ends: only the lines keep them apart.
  Document doc = Doc({Lines(1, {"with Margaret", "Okafor and her son."})});
  RemovalPlan plan = Plan(doc, {At(doc.pages[0], "Margaret\nOkafor")});
  ASSERT_EQ(plan.removals.size(), 1u);
  const Removal& r = plan.removals[0];
  EXPECT_EQ(r.page, 1);
  EXPECT_EQ(r.label, "name");
  ASSERT_EQ(r.boxes.size(), 2u);
  EXPECT_EQ(r.boxes[0], WordOf(doc.pages[0], "Margaret").box);
  EXPECT_EQ(r.boxes[1], WordOf(doc.pages[0], "Okafor").box);
  // On the page too: the finding's own boxes and the value found again there are
  // joined per line, never over both lines.
  ASSERT_EQ(plan.boxes.at(1).size(), 2u);
  for (const CopyBox& b : plan.boxes.at(1)) EXPECT_EQ(b.box.y1 - b.box.y0, 10);
  EXPECT_TRUE(Untouched(plan, doc.pages[0], "with"));
  EXPECT_TRUE(Untouched(plan, doc.pages[0], "and"));
}

TEST(Removal, WordsOfOneLineAreOneBox) {
  Document doc = Doc({Lines(1, {"Client: Harriet Quenby (DOB on file)"})});
  RemovalPlan plan = Plan(doc, {At(doc.pages[0], "Harriet Quenby")});
  ASSERT_EQ(plan.removals[0].boxes.size(), 1u);
  Box both = plan.removals[0].boxes[0];
  EXPECT_EQ(both.x0, WordOf(doc.pages[0], "Harriet").box.x0);
  EXPECT_EQ(both.x1, WordOf(doc.pages[0], "Quenby").box.x1);
  ASSERT_EQ(plan.boxes.at(1).size(), 1u);
  EXPECT_EQ(plan.boxes.at(1)[0].label, "name");
}

TEST(Removal, BlockersAreRemovedWarningsOnlyWhenAskedInformationNever) {
  Document doc = Doc({Lines(1, {"Harriet Quenby at Larchfield Ward; Jane Whitfield, advocate"})});
  std::vector<Finding> findings = {
      At(doc.pages[0], "Harriet Quenby"),
      At(doc.pages[0], "Larchfield Ward", kRulePlace, Severity::kWarning),
      At(doc.pages[0], "Jane Whitfield", kRuleName, Severity::kInfo),
  };
  RemovalPlan plain = Plan(doc, findings);
  ASSERT_EQ(plain.removals.size(), 1u);
  EXPECT_EQ(plain.removals[0].value, "Harriet Quenby");
  EXPECT_TRUE(Boxed(plain, doc.pages[0], "Harriet"));
  EXPECT_TRUE(Untouched(plain, doc.pages[0], "Larchfield"));
  EXPECT_FALSE(HasValue(plain, "Larchfield Ward"));

  RemovalOptions more;
  more.also_warnings = true;
  RemovalPlan warned = Plan(doc, findings, more);
  ASSERT_EQ(warned.removals.size(), 2u);
  EXPECT_EQ(warned.removals[1].label, "care home");
  EXPECT_TRUE(Boxed(warned, doc.pages[0], "Larchfield"));
  EXPECT_TRUE(Boxed(warned, doc.pages[0], "Ward;"));
  // The organisation's own (info) stays, even with --also-warnings.
  EXPECT_TRUE(Untouched(warned, doc.pages[0], "Jane"));
  EXPECT_TRUE(Untouched(warned, doc.pages[0], "Whitfield,"));
  EXPECT_FALSE(HasValue(warned, "Jane Whitfield"));
}

TEST(Removal, FindingsOfAnotherDocumentAreSkipped) {
  Document doc = Doc({Lines(1, {"Harriet Quenby"})});
  Finding other = At(doc.pages[0], "Harriet Quenby");
  other.document = "D002";
  EXPECT_TRUE(Plan(doc, {other}).removals.empty());
}

TEST(Removal, AValueFoundOnceIsBoxedWhereverItIsRead) {
  Document doc =
      Doc({Lines(1, {"Client: Harriet Quenby"}),
           Lines(2, {"Review of the plan with", "HARRIET   quenby and her GP."}),
           Lines(3, {"Quenby, Harriet signed; H. Quenby's", "sister rang. Harriet asked."})});
  RemovalPlan plan = Plan(doc, {At(doc.pages[0], "Harriet Quenby")});
  ASSERT_EQ(plan.values.size(), 1u);
  EXPECT_EQ(plan.values[0], std::make_pair(std::string("Harriet Quenby"), std::string("name")));
  EXPECT_TRUE(Boxed(plan, doc.pages[0], "Harriet"));
  // Any case and spacing.
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "HARRIET"));
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "quenby"));
  EXPECT_TRUE(Untouched(plan, doc.pages[1], "and"));
  // The surname first, initials, a possessive: the same person.
  EXPECT_TRUE(Boxed(plan, doc.pages[2], "Quenby,"));
  EXPECT_TRUE(Boxed(plan, doc.pages[2], "Harriet"));
  EXPECT_TRUE(Boxed(plan, doc.pages[2], "H."));
  EXPECT_TRUE(Boxed(plan, doc.pages[2], "Quenby's"));
  // The first name alone is not boxed elsewhere: a member of staff may share it.
  EXPECT_TRUE(Untouched(plan, doc.pages[2], "Harriet", 1));
  EXPECT_TRUE(Untouched(plan, doc.pages[2], "sister"));
}

TEST(Removal, NumbersAreFoundWithAnySeparatorsAndAcrossLines) {
  Document doc = Doc(
      {Lines(1, {"NHS no: 943 476 5919"}),
       Lines(2, {"NHS 9434765919 and 943-476-5919 and 943.476", "5919 on file"}),
       Lines(3, {"Lives at 14 Mill Lane, Leeds LS1 4AB with", "14 mill lane leeds as before"})});
  std::vector<Finding> findings = {At(doc.pages[0], "943 476 5919", kRuleNhs)};
  Finding address = At(doc.pages[2], "14 Mill Lane, Leeds", kRuleAddress);
  findings.push_back(address);
  RemovalPlan plan = Plan(doc, findings);
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "9434765919"));
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "943-476-5919"));
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "943.476"));
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "5919"));
  EXPECT_TRUE(Untouched(plan, doc.pages[1], "on"));
  for (const CopyBox& b : plan.boxes.at(2)) {
    EXPECT_EQ(b.label, "NHS number");
    EXPECT_EQ(b.box.y1 - b.box.y0, 10) << "a box over two lines";
  }
  // An address with a comma is found again without it.
  EXPECT_TRUE(Boxed(plan, doc.pages[2], "mill", 0));
  EXPECT_TRUE(Boxed(plan, doc.pages[2], "leeds"));
  EXPECT_TRUE(Untouched(plan, doc.pages[2], "LS1"));
}

TEST(Removal, AValueIsNotFoundInsideALongerWord) {
  Document doc =
      Doc({Lines(1, {"Ann rang the office"}), Lines(2, {"Annual review: Ann and Joanne"})});
  RemovalPlan plan = Plan(doc, {At(doc.pages[0], "Ann", kRuleDeny)});
  EXPECT_TRUE(Boxed(plan, doc.pages[0], "Ann"));
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "Ann"));
  EXPECT_TRUE(Untouched(plan, doc.pages[1], "Annual"));
  EXPECT_TRUE(Untouched(plan, doc.pages[1], "Joanne"));
  EXPECT_EQ(plan.boxes.at(2)[0].label, "listed");
}

TEST(Removal, AShortValueIsBoxedWhereFoundAndNowhereElse) {
  Document doc = Doc({Lines(1, {"Client Jo at home"}), Lines(2, {"Jo rang; Jo.", "JO"})});
  RemovalPlan plan = Plan(doc, {At(doc.pages[0], "Jo", kRuleDeny)});
  EXPECT_TRUE(Boxed(plan, doc.pages[0], "Jo"));
  EXPECT_EQ(plan.boxes.count(2), 0u);
  // Listed all the same: never dropped without a word.
  EXPECT_TRUE(HasValue(plan, "Jo"));
  EXPECT_TRUE(FindValues(doc.pages[1], {{"Jo", "listed"}}).empty());
}

TEST(Removal, FindValuesGivesOneBoxPerLine) {
  Page page = Lines(4, {"the client Margaret", "Okafor said"});
  std::vector<CopyBox> boxes = FindValues(page, {{"Margaret Okafor", "name"}});
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_EQ(boxes[0].box, WordOf(page, "Margaret").box);
  EXPECT_EQ(boxes[1].box, WordOf(page, "Okafor").box);
  EXPECT_EQ(boxes[1].label, "name");
}

TEST(Removal, AValueThePatternsRefuseIsFoundLiterally) {
  // Not UTF-8 (a Latin-1 byte from an old file's property): RE2 will not take it.
  const std::string odd = "Zofia Kowalsk\xe1";
  ASSERT_NE(PersonalDataLists().Set({odd}, {}), "");
  Page page = Lines(1, {"Met zofia KOWALSK\xe1 and Harriet Quenby", "and Kowalsk\xe1s"});
  std::vector<CopyBox> boxes = FindValues(page, {{odd, "name"}, {"Harriet Quenby", "name"}});
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_TRUE(Covers(boxes[0].box, WordOf(page, "KOWALSK\xe1").box) ||
              Covers(boxes[1].box, WordOf(page, "KOWALSK\xe1").box));
  EXPECT_TRUE(Covers(boxes[0].box, WordOf(page, "Quenby").box) ||
              Covers(boxes[1].box, WordOf(page, "Quenby").box));
}

TEST(Removal, KeepByIdKeepsThatPlaceOnly) {
  Document doc = Doc({Lines(1, {"Harriet Quenby"}), Lines(2, {"Harriet Quenby again"})});
  std::vector<Finding> findings = {At(doc.pages[0], "Harriet Quenby"),
                                   At(doc.pages[1], "Harriet Quenby")};
  RemovalPlan first = Plan(doc, findings);
  ASSERT_EQ(first.removals.size(), 2u);
  Decisions d;
  d.keep_ids = {first.removals[0].id};
  RemovalOptions o;
  o.decisions = &d;
  RemovalPlan plan = Plan(doc, findings, o);
  EXPECT_TRUE(plan.removals[0].kept);
  EXPECT_TRUE(plan.removals[0].boxes.empty());
  EXPECT_FALSE(plan.removals[1].kept);
  // The other finding of the value still boxes it, but not at the kept place.
  EXPECT_TRUE(HasValue(plan, "Harriet Quenby"));
  EXPECT_TRUE(Untouched(plan, doc.pages[0], "Harriet"));
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "Harriet"));

  // Kept alone, its value is looked for nowhere.
  RemovalPlan one = Plan(doc, {findings[0]}, o);
  EXPECT_TRUE(one.removals[0].kept);
  EXPECT_TRUE(one.values.empty());
  EXPECT_TRUE(one.boxes.empty());
}

TEST(Removal, KeepByValueKeepsItWherever) {
  Document doc = Doc({Lines(1, {"Advocate Alex Carter met Mrs Carter"}),
                      Lines(2, {"alex  carter wrote to Mrs Carter"})});
  std::vector<Finding> findings = {At(doc.pages[0], "Alex Carter"), At(doc.pages[0], "Mrs Carter"),
                                   At(doc.pages[1], "alex  carter")};
  Decisions d;
  d.keep_values = {"ALEX CARTER"};
  RemovalOptions o;
  o.decisions = &d;
  RemovalPlan plan = Plan(doc, findings, o);
  ASSERT_EQ(plan.removals.size(), 3u);
  EXPECT_TRUE(plan.removals[0].kept);
  EXPECT_FALSE(plan.removals[1].kept);
  EXPECT_TRUE(plan.removals[2].kept);
  ASSERT_EQ(plan.values.size(), 1u);
  EXPECT_EQ(plan.values[0].first, "Mrs Carter");
  // "Mrs Carter" boxes the surname alone too, but not inside the name that is kept.
  EXPECT_TRUE(Untouched(plan, doc.pages[0], "Alex"));
  EXPECT_TRUE(Untouched(plan, doc.pages[0], "Carter", 0));
  EXPECT_TRUE(Boxed(plan, doc.pages[0], "Carter", 1));
  EXPECT_TRUE(Untouched(plan, doc.pages[1], "carter"));
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "Carter"));
}

TEST(Removal, DecisionsRemoveAValueAndAreas) {
  Document doc = Doc({Lines(1, {"Visit notes"}), Lines(2, {"moved to sunnybank", "HOUSE in May"})});
  Decisions d;
  d.remove_values = {"Sunnybank House"};
  d.remove_areas = {{"CF01 notes.pdf", 2, {300, 500, 400, 520}},
                    {"mail.eml > Case files/CF01 notes.pdf", 1, {72, 72, 200, 90}},
                    {"Case files/CF01 notes.pdf", 9, {10, 10, 20, 20}},
                    {"CF02 notes.pdf", 1, {72, 72, 200, 90}}};
  RemovalOptions o;
  o.decisions = &d;
  RemovalPlan plan = Plan(doc, {}, o);
  ASSERT_EQ(plan.removals.size(), 4u);
  const Removal& value = plan.removals[0];
  EXPECT_EQ(value.rule, "decision.value");
  EXPECT_EQ(value.label, "removed");
  EXPECT_EQ(value.page, 0);
  EXPECT_EQ(value.masked, Mask("Sunnybank House"));
  EXPECT_TRUE(HasValue(plan, "Sunnybank House"));
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "sunnybank"));
  EXPECT_TRUE(Boxed(plan, doc.pages[1], "HOUSE"));
  EXPECT_TRUE(Untouched(plan, doc.pages[1], "May"));
  EXPECT_EQ(plan.boxes.at(2)[0].label, "removed");

  EXPECT_EQ(plan.removals[1].rule, "decision.area");
  EXPECT_EQ(plan.removals[1].page, 2);
  EXPECT_EQ(plan.removals[2].page, 1);
  // A page the document does not have: listed, for the caller to report.
  EXPECT_EQ(plan.removals[3].page, 9);
  EXPECT_EQ(plan.removals[3].boxes, (std::vector<Box>{{10, 10, 20, 20}}));
  EXPECT_TRUE(std::any_of(plan.boxes.at(2).begin(), plan.boxes.at(2).end(), [](const CopyBox& b) {
    return b.box == Box{300, 500, 400, 520} && b.label == "removed";
  }));
  EXPECT_EQ(plan.boxes.at(1).size(), 1u);
}

TEST(Removal, PersonalDataOffThePageIsListedAndBoxedWhereRead) {
  Document doc = Doc({Lines(1, {"Care plan for Harriet Quenby"})});
  std::vector<Finding> findings = {
      Off("metadata:Title", "Harriet Quenby", kRuleName, Category::kHiddenData),
      Off("metadata:Author", "Jane Whitfield", kRuleName, Category::kHiddenData, Severity::kInfo),
      Off("comments", "call her daughter", "hidden-data.comments", Category::kHiddenData,
          Severity::kWarning),
  };
  RemovalPlan plan = Plan(doc, findings);
  ASSERT_EQ(plan.removals.size(), 2u);
  const Removal& title = plan.removals[0];
  EXPECT_EQ(title.page, 0);
  EXPECT_TRUE(title.boxes.empty());
  EXPECT_EQ(title.field, "metadata:Title");
  EXPECT_EQ(title.label, "name");
  EXPECT_TRUE(Boxed(plan, doc.pages[0], "Harriet"));
  EXPECT_TRUE(Boxed(plan, doc.pages[0], "Quenby"));
  const Removal& comments = plan.removals[1];
  EXPECT_EQ(comments.rule, "hidden-data.comments");
  EXPECT_EQ(comments.page, 0);
  EXPECT_EQ(comments.label, "hidden data");
  EXPECT_FALSE(HasValue(plan, "call her daughter"));
  EXPECT_EQ(plan.values.size(), 1u);
}

TEST(Removal, HiddenTextOnAPageIsBoxedAtItsBox) {
  Document doc = Doc({Lines(1, {"Summary of the meeting"})});
  Finding hidden;
  hidden.rule = "hidden-data.background-text";
  hidden.category = Category::kHiddenData;
  hidden.severity = Severity::kWarning;
  hidden.document = "D001";
  hidden.page = 1;
  hidden.bbox = Box{300, 700, 420, 712};
  hidden.value = "Yes";
  Finding revision = hidden;
  revision.rule = "hidden-data.earlier-revision";
  revision.bbox.reset();
  RemovalPlan plan = Plan(doc, {hidden, revision});
  ASSERT_EQ(plan.removals.size(), 2u);
  EXPECT_EQ(plan.removals[0].page, 1);
  EXPECT_EQ(plan.removals[0].label, "hidden text");
  EXPECT_EQ(plan.removals[0].boxes, (std::vector<Box>{{300, 700, 420, 712}}));
  EXPECT_EQ(plan.removals[1].page, 0);
  EXPECT_TRUE(plan.removals[1].boxes.empty());
  // What hid the text need not be personal data: it is not looked for elsewhere.
  EXPECT_TRUE(plan.values.empty());
  ASSERT_EQ(plan.boxes.at(1).size(), 1u);
  EXPECT_EQ(plan.boxes.at(1)[0].label, "hidden text");
}

TEST(Removal, BoxesTouchingOnOneLineJoinButNeverAcrossLines) {
  Document doc = Doc({Lines(1, {"x"})});
  auto boxed = [](std::string rule, Category c, Box b) {
    Finding f;
    f.rule = std::move(rule);
    f.category = c;
    f.severity = Severity::kBlocker;
    f.page = 1;
    f.bbox = b;
    return f;
  };
  RemovalPlan plan =
      Plan(doc, {boxed("redaction.text-under-box", Category::kRedaction, {72, 300, 120, 310}),
                 boxed(std::string(kRuleNhs), Category::kRedaction, {120.5, 300, 160, 310}),
                 boxed("redaction.text-under-box", Category::kRedaction, {72, 309, 120, 319})});
  ASSERT_EQ(plan.boxes.at(1).size(), 2u);
  EXPECT_EQ(plan.boxes.at(1)[0].box, (Box{72, 300, 160, 310}));
  // The joined box says what it hides, not only that something was hidden.
  EXPECT_EQ(plan.boxes.at(1)[0].label, "NHS number");
  EXPECT_EQ(plan.boxes.at(1)[1].box, (Box{72, 309, 120, 319}));
}

TEST(Removal, TheSummaryOfSlipsIsNotASecondRemoval) {
  Document doc = Doc({Lines(1, {"Client A, also Harriet Quenby"})});
  Finding slip = At(doc.pages[0], "Harriet Quenby");
  Finding summary = slip;
  summary.rule = std::string(kRuleRedactedElsewhere);
  RemovalPlan plan = Plan(doc, {slip, summary});
  ASSERT_EQ(plan.removals.size(), 1u);
  EXPECT_EQ(plan.removals[0].rule, std::string(kRuleName));
}

TEST(Removal, AWordDocumentIsReachedByValues) {
  Document doc = Doc({});
  Page body;
  body.number = 1;
  body.source = TextSource::kWordBody;
  body.text = "Client: Harriet Quenby";
  doc.pages.push_back(body);
  Finding f = At(doc.pages[0], "Harriet Quenby");
  Finding dark =
      Off("header", "Quenby 01632 960123", "redaction.dark-highlight", Category::kRedaction);
  RemovalPlan plan = Plan(doc, {f, dark});
  ASSERT_EQ(plan.removals.size(), 2u);
  EXPECT_EQ(plan.removals[0].page, 0);
  EXPECT_TRUE(plan.removals[0].boxes.empty());
  EXPECT_TRUE(plan.boxes.empty());
  // Blacked-out words with no box are found again on the printed copy by value.
  EXPECT_EQ(plan.values,
            (Values{{"Harriet Quenby", "name"}, {"Quenby 01632 960123", "hidden text"}}));
}

TEST(Removal, AValueInAFormFieldIsBoxedAtItsWidget) {
  Document doc = Doc({Lines(1, {"Name of client:"})});
  FormField field;
  field.name = "Text3";
  field.kind = "text";
  field.value = "Harriet Quenby";
  field.page = 1;
  field.box = Box{200, 98, 400, 114};
  doc.fields.push_back(field);
  Finding f = Off("form field", "Harriet Quenby", kRuleName, Category::kHiddenData);
  f.page = 1;
  RemovalPlan plan = Plan(doc, {f});
  ASSERT_EQ(plan.removals.size(), 1u);
  EXPECT_EQ(plan.removals[0].page, 1);
  EXPECT_EQ(plan.removals[0].boxes, (std::vector<Box>{*field.box}));
}

TEST(Removal, IdsAreStableDistinctAndHoldNothingOfTheValue) {
  Document doc = Doc({Lines(1, {"Harriet Quenby and Harriet Quenby"})});
  Finding a = At(doc.pages[0], "Harriet Quenby");
  Finding b = At(doc.pages[0], "Harriet Quenby", kRuleName, Severity::kBlocker, 1);
  RemovalPlan one = Plan(doc, {a, b, a});
  RemovalPlan two = Plan(doc, {a, b, a});
  ASSERT_EQ(one.removals.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(one.removals[i].id, two.removals[i].id);
    EXPECT_EQ(one.removals[i].id.size(), 12u);
    EXPECT_EQ(one.removals[i].id.find_first_not_of("0123456789abcdef"), std::string::npos);
  }
  EXPECT_NE(one.removals[0].id, one.removals[1].id);  // another place
  EXPECT_NE(one.removals[0].id, one.removals[2].id);  // the same place twice: the count
  // The value is not hashed: another value at the same place has the same id.
  Finding c = a;
  c.value = "Harriet Quincy";
  EXPECT_EQ(Plan(doc, {c}).removals[0].id, one.removals[0].id);
  // The document's path is.
  Document other = doc;
  other.origin = {"CF02 notes.pdf"};
  EXPECT_NE(Plan(other, {a}).removals[0].id, one.removals[0].id);
}

TEST(Decisions, TheDocumentedExampleIsRead) {
  Result<Decisions> d = ParseDecisions(R"({"decisions_version": 1,
    "keep":   [{"id": "3fa2b0c91d4e"}, {"value": "Alex Carter"}],
    "remove": [{"value": "Sunnybank House"},
               {"file": "CF01.pdf", "page": 2, "area": [72, 100, 300, 120]}]})");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->keep_ids, std::vector<std::string>{"3fa2b0c91d4e"});
  EXPECT_EQ(d->keep_values, std::vector<std::string>{"Alex Carter"});
  EXPECT_EQ(d->remove_values, std::vector<std::string>{"Sunnybank House"});
  ASSERT_EQ(d->remove_areas.size(), 1u);
  EXPECT_EQ(d->remove_areas[0].file, "CF01.pdf");
  EXPECT_EQ(d->remove_areas[0].page, 2);
  EXPECT_EQ(d->remove_areas[0].box, (Box{72, 100, 300, 120}));
  EXPECT_TRUE(ParseDecisions(R"({"decisions_version": 1})").ok());
  // Written by hand in Notepad: a byte-order mark first.
  EXPECT_TRUE(ParseDecisions("\xEF\xBB\xBF{\"decisions_version\": 1, \"keep\": []}").ok());
}

// The message ParseDecisions gives for `text`, or "accepted".
std::string Refused(std::string_view text) {
  Result<Decisions> d = ParseDecisions(text);
  if (d.ok()) return "accepted";
  EXPECT_EQ(d.status().code(), StatusCode::kUnsupported);
  return d.status().message();
}

TEST(Decisions, WhatIsNotTheFormIsRefusedNamingThePlace) {
  const std::string v = R"({"decisions_version": 1, )";
  EXPECT_EQ(
      Refused(v + R"("keep": [{"id": "3fa2b0c91d4e"}, {"vaule": "Alex Carter"}]})"),
      R"(keep[1]: "vaule" is not a key this version knows (here: "id", "value"); check its spelling)");
  EXPECT_EQ(Refused(v + R"("kept": []})").substr(0, 6), R"("kept")");
  EXPECT_EQ(Refused(v + R"("remove": [{"file": "a.pdf", "page": 0, "area": [1, 2, 3, 4]}]})"),
            R"(remove[0]: "page" must be a whole number from 1)");
  EXPECT_EQ(
      Refused(
          v +
          R"("remove": [{"value": "Sunnybank"}, {"file": "a.pdf", "page": "2", "area": [1, 2, 3, 4]}]})"),
      R"(remove[1]: "page" must be a whole number from 1)");
  EXPECT_EQ(Refused(v + R"("remove": [{"file": "a.pdf", "page": 1.5, "area": [1, 2, 3, 4]}]})"),
            R"(remove[0]: "page" must be a whole number from 1)");
  EXPECT_EQ(Refused(v + R"("remove": [{"file": "a.pdf", "page": 2, "area": [300, 100, 72, 120]}]})")
                .substr(0, 53),
            R"(remove[0]: "area" must have x1 greater than x0 (here )");
  EXPECT_NE(Refused(v + R"("remove": [{"file": "a.pdf", "page": 2, "area": [72, 100, 300]}]})")
                .find(R"(remove[0]: "area" must be four numbers)"),
            std::string::npos);
  EXPECT_NE(
      Refused(v + R"("remove": [{"file": "a.pdf", "page": 2, "area": [72, 100, "300", 120]}]})")
          .find(R"(remove[0]: "area" must be four numbers)"),
      std::string::npos);
  EXPECT_EQ(Refused(v + R"("remove": [{"file": "a.pdf", "page": 2}]})").substr(0, 24),
            R"(remove[0]: "area" is mis)");
  EXPECT_EQ(Refused(v + R"("keep": [{"value": 12}]})"),
            R"(keep[0]: "value" must be a text, not a number)");
  EXPECT_EQ(Refused(v + R"("keep": {"value": "Alex"}})"),
            R"("keep" must be a list, not an object)");
  EXPECT_EQ(Refused(v + R"("keep": ["Alex Carter"]})").substr(0, 26), "keep[0]: must be an object");
  EXPECT_EQ(Refused(v + R"("keep": [{"id": "3fa2b0c91d4e", "value": "Alex Carter"}]})"),
            R"(keep[0]: must hold either "id" or "value", one of the two)");
  EXPECT_EQ(Refused(v + R"("keep": [{"id": "3fa2b0"}]})").substr(0, 41),
            R"(keep[0]: "id" must be 12 hexadecimal digi)");
  EXPECT_EQ(Refused(v + R"("remove": [{"value": "Jo"}]})").substr(0, 45),
            R"(remove[0]: "value" must hold at least 3 lette)");
  EXPECT_EQ(Refused(v + R"("remove": [{"value": "Sunnybank", "file": "a.pdf"}]})").substr(0, 30),
            "remove[0]: must be either a va");
  EXPECT_EQ(
      Refused(v + R"("keep": [{"value": "Alex Carter"}], "remove": [{"value": "ALEX  carter"}]})"),
      R"(remove[0]: "value" is also in keep[0]: a value is either kept or removed, not both)");
  EXPECT_EQ(Refused(R"({"decisions_version": 2})"),
            R"("decisions_version" must be 1, the version this program reads)");
  EXPECT_EQ(Refused(R"({"keep": []})").substr(0, 28), R"("decisions_version" is missi)");
  EXPECT_EQ(Refused(R"([1, 2])").substr(0, 31), "a decisions file is one object,");
  EXPECT_EQ(Refused("{\"decisions_version\": 1,\n \"keep\": [}"),
            "line 2: this is not valid JSON (look for a missing comma, quote or bracket)");
}

}  // namespace
}  // namespace qpm::redaction
