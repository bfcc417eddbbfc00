// Reading a workbook's answers from pages whose text is not in reading order: box
// glyphs tied to an indicator by where they stand, the answer word beside a box,
// running lines that an indicator id splits, answer lines that repeat on every
// page, and box glyphs of fonts that give no Unicode (Wingdings in a PDF without a
// ToUnicode map); tables printed from Word and read column by column, the facts of
// the first page in label and value columns, the types of work provided, a workbook
// in two files, and a scan's OCR misreadings. Pages are built word by word, in the
// order Poppler gives them. Every workbook here is invented for the test.
#include <gtest/gtest.h>

#include "extractors/classify/classify.h"

namespace qpm::classify {
namespace {

const Profile& Qpm() {
  static const Profile kProfile = [] {
    Result<Profile> p = LoadProfile(std::string(QPM_SOURCE_DIR) + "/profiles/qpm-v4.json");
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? p.value() : Profile{};
  }();
  return kProfile;
}

// A page built word by word in the order a PDF reader gives the words, which need not
// be the order a person reads them in. As pdf_text.cc joins them, the text breaks the
// line where a word stands lower or further left than the word before it. Each
// character is 6 points wide and each word 10 points high, unless Size() says otherwise.
class PageBuilder {
 public:
  explicit PageBuilder(int number, TextSource source = TextSource::kTextLayer) {
    page_.number = number;
    page_.width = 595;
    page_.height = 842;
    page_.source = source;
  }

  // The height of the words added after it: 14 for a heading in larger print.
  PageBuilder& Size(double height) {
    height_ = height;
    return *this;
  }

  // The words of `text`, from x along the line whose top is at y, 4 points apart.
  PageBuilder& At(double x, double y, const std::string& text) {
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find(' ', pos);
      if (end == std::string::npos) end = text.size();
      if (end > pos) x = Add(text.substr(pos, end - pos), x, y) + 4;
      pos = end + 1;
    }
    return *this;
  }

  Page Build() const { return page_; }

 private:
  double Add(const std::string& text, double x, double y) {
    if (!page_.words.empty()) {
      const Box& last = page_.words.back().box;
      page_.text += y != last.y0 || x < last.x0 ? '\n' : ' ';
    }
    Word w;
    w.text = text;
    w.start = static_cast<uint32_t>(page_.text.size());
    page_.text += text;
    w.end = static_cast<uint32_t>(page_.text.size());
    double letters = 0;
    for (char c : text) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    w.box = Box{x, y, x + 6 * letters, y + height_};
    page_.words.push_back(w);
    return w.box.x1;
  }

  Page page_;
  double height_ = 10;
};

// A page of text alone, as a Word body gives it: no word boxes.
Page TextPage(int number, const std::string& text) {
  Page page;
  page.number = number;
  page.source = TextSource::kWordBody;
  page.text = text;
  return page;
}

Submission WorkbookOf(std::vector<Page> pages) {
  Document d;
  d.id = "D001";
  d.origin = {"Workbook.pdf"};
  d.media_type = "application/pdf";
  d.status = DocStatus::kRead;
  d.role = "workbook";
  d.role_confidence = 1;
  d.pages = std::move(pages);
  d.page_count = static_cast<int>(d.pages.size());
  Submission s;
  s.inputs.push_back(Input{"Workbook.pdf", false, 0});
  s.documents.push_back(std::move(d));
  return s;
}

const WorkbookAnswer& Answer(const Submission& s, const std::string& id) {
  for (const WorkbookAnswer& a : s.workbook.answers) {
    if (a.indicator == id) return a;
  }
  static const WorkbookAnswer kNone;
  ADD_FAILURE() << "no answer for " << id;
  return kNone;
}

std::string Words(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i == 0 ? "" : " ") + std::string("word");
  return out;
}

const char kTick[] = "\u2714";     // ✔, ZapfDingbats '4'
const char kBox[] = "\u2751";      // ❑, ZapfDingbats 'q'
const char kOpenBox[] = "\u274F";  // ❏, ZapfDingbats 'o'

// A printed workbook: Poppler reads a tick drawn in a box at the right margin after
// the rest of the page (or before the indicator), not beside the wording it answers.
TEST(WorkbookPlaces, ATickIsTheAnswerOfTheIndicatorBesideIt) {
  Submission s = WorkbookOf({PageBuilder(1)
                                 .At(512, 300, kOpenBox)  // 1.3's empty box, read first
                                 .At(72, 100, "Section 1: Clarity of purpose")
                                 .At(72, 130, "1.1")
                                 .At(106, 130, "The organisation has a written statement")
                                 .At(106, 145, "of the aims of its advocacy service.")
                                 .At(72, 170, "1.2")
                                 .At(106, 170, "Describe how advocates explain advocacy.")
                                 .At(106, 185, Words(45))
                                 .At(72, 300, "1.3")
                                 .At(106, 300, "Published information says who can use it.")
                                 .At(512, 130, kTick)  // 1.1's tick, read last
                                 .Build()});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1").state, "ticked");
  EXPECT_EQ(Answer(s, "1.1").source, "check box glyph");
  EXPECT_EQ(Answer(s, "1.2").state, "answered");
  EXPECT_EQ(Answer(s, "1.2").words, 45);
  EXPECT_EQ(Answer(s, "1.3").state, "unticked");
  EXPECT_EQ(Answer(s, "1.3").source, "check box glyph");
}

// "Yes ✔ No ❑" and "❑ Yes ✔ No": a box belongs to the answer word nearer to it.
TEST(WorkbookPlaces, TheAnswerWordNearestTheBoxSaysWhatItMeans) {
  Submission s = WorkbookOf({PageBuilder(1)
                                 .At(72, 100, "1.1 The organisation has aims.")
                                 .At(106, 115, "Yes")
                                 .At(128, 115, kTick)
                                 .At(160, 115, "No")
                                 .At(178, 115, kBox)
                                 .At(72, 140, "1.3 Published information.")
                                 .At(106, 155, "Yes")
                                 .At(128, 155, kOpenBox)
                                 .At(160, 155, "No")
                                 .At(178, 155, kTick)
                                 .At(72, 180, "2.1 Structurally independent.")
                                 .At(106, 195, kBox)
                                 .At(118, 195, "Yes")
                                 .At(160, 195, kTick)
                                 .At(172, 195, "No")
                                 .At(72, 220, "2.3 No other service.")
                                 .At(106, 235, kTick)
                                 .At(118, 235, "Yes")
                                 .At(160, 235, kBox)
                                 .At(172, 235, "No")
                                 .At(72, 260, "3.2 Own words.")
                                 .At(106, 275, "Yes")
                                 .At(128, 275, kBox)
                                 .At(160, 275, "No")
                                 .At(178, 275, kBox)
                                 .Build()});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1").state, "ticked");
  EXPECT_EQ(Answer(s, "1.3").state, "unticked");  // No is ticked
  EXPECT_EQ(Answer(s, "2.1").state, "unticked");  // the tick is beside No, after Yes
  EXPECT_EQ(Answer(s, "2.3").state, "ticked");
  EXPECT_EQ(Answer(s, "3.2").state, "unticked");  // neither
}

// Poppler read the id at the top of page 2 inside the running header, splitting it
// into two lines that match no other page's: its words still repeat where they stand.
TEST(WorkbookPlaces, ARunningHeaderSplitByAnIdIsNoPartOfTheNarrative) {
  auto header = [](PageBuilder& b, int page, bool split) -> PageBuilder& {
    b.At(72, 34, "QPM Assessment Workbook \u2013 Example Advocacy");
    if (split) b.At(72, 75, "1.3");
    return b.At(300, 34, "Page " + std::to_string(page));
  };
  PageBuilder one(1);
  header(one, 1, false)
      .At(72, 100, "1.2")
      .At(106, 100, "Describe how advocates explain advocacy.")
      .At(106, 115, Words(30));
  PageBuilder two(2);
  header(two, 2, true).At(106, 75, "Published information says who can use it. \u2714");
  PageBuilder three(3);
  header(three, 3, false).At(72, 75, "2.1 Structurally independent. \u2714");
  Submission s = WorkbookOf({one.Build(), two.Build(), three.Build()});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.2").words, 30);
  EXPECT_EQ(Answer(s, "1.3").state, "ticked");
  EXPECT_EQ(Answer(s, "1.3").page, 2);
  EXPECT_EQ(Answer(s, "2.1").state, "ticked");
}

// A narrative that opens two pages with the same words is no running line.
TEST(WorkbookPlaces, TextThatOpensTwoPagesAlikeStays) {
  Submission s = WorkbookOf({
      PageBuilder(1).At(72, 40, "Advocacy Quality Performance Mark").Build(),
      PageBuilder(2)
          .At(72, 40, "1.2 Describe how advocates explain advocacy.")
          .At(106, 60, Words(20))
          .Build(),
      PageBuilder(3).At(72, 40, "The answer goes on " + Words(16)).Build(),
      PageBuilder(4).At(72, 40, "The answer ends here.").At(72, 60, "1.3 Published.").Build(),
  });
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.2").words, 20 + 4 + 16 + 4);
}

// In a Word file every page-less line is text: "Yes ☒ No ☐" under each indicator
// repeats, but is an answer, not a running line; a box alone on its line counts.
TEST(WorkbookText, AnswerLinesThatRepeatAreAnswers) {
  Submission s = WorkbookOf({
      TextPage(1,
               "1.1 The organisation has aims.\nYes \u2612 No \u2610\n1.3 Information.\n\u2610\n"),
      TextPage(2, "2.1 Independent.\nYes \u2612 No \u2610\n2.3 No other service.\n\u2612\n"),
      TextPage(3, "3.2 Own words.\nYes \u2610 No \u2612\n"),
  });
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1").state, "ticked");
  EXPECT_EQ(Answer(s, "1.3").state, "unticked");
  EXPECT_EQ(Answer(s, "1.3").source, "check box glyph");
  EXPECT_EQ(Answer(s, "2.1").state, "ticked");
  EXPECT_EQ(Answer(s, "2.3").state, "ticked");
  EXPECT_EQ(Answer(s, "3.2").state, "unticked");
}

// Wingdings and Wingdings 2 drawn in a PDF without a ToUnicode map come out as the
// private-use code of the font's character.
TEST(WorkbookGlyphs, WingdingsPrivateUseCodesAndOtherBoxes) {
  struct Case {
    const char* glyph;
    const char* state;
  };
  const Case cases[] = {
      {"\uF0FE", "ticked"},   {"\uF0FD", "ticked"},   {"\uF078", "ticked"},
      {"\uF0FC", "ticked"},   {"\uF0FB", "ticked"},   {"\uF052", "ticked"},
      {"\uF054", "ticked"},   {"\uF050", "ticked"},   {"\uF04F", "ticked"},
      {"\uF0A8", "unticked"}, {"\uF06F", "unticked"}, {"\uF071", "unticked"},
      {"\uF0A3", "unticked"}, {"\u274F", "unticked"}, {"\u2750", "unticked"},
      {"\u2751", "unticked"}, {"\u2752", "unticked"}, {"\u25FB", "unticked"},
      {"\u25A2", "unticked"}, {"\u2714", "ticked"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.glyph);
    Submission s = WorkbookOf({TextPage(1, std::string("1.1 The organisation has aims.\t") +
                                               c.glyph + "\n1.3 Info.\tYes " + c.glyph + " No\n")});
    ReadWorkbook(s, Qpm());
    EXPECT_EQ(Answer(s, "1.1").state, c.state);
    EXPECT_EQ(Answer(s, "1.1").source, "check box glyph");
    EXPECT_EQ(Answer(s, "1.3").state, c.state);
  }
  // A picture of the same fonts that is not a box says nothing.
  Submission s = WorkbookOf({TextPage(1, "1.1 The organisation has aims.\t\uF04A\n")});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1").source, "text");
}

// A workbook of another edition: each finding names the indicator.
TEST(WorkbookEdition, FindingsNameTheIndicator) {
  Submission s = WorkbookOf({TextPage(1, "1.1 Aims. \u2612\n1.2 Explain. " + Words(50) +
                                             "\n7.4 Information in easy read. \u2612\n")});
  ReadWorkbook(s, Qpm());
  int missing = 0;
  bool named_82 = false;
  for (const Finding& f : s.findings) {
    if (f.rule == "workbook.indicator-not-in-profile") {
      EXPECT_NE(f.message.find("indicator 7.4"), std::string::npos) << f.message;
      EXPECT_EQ(f.page, 1);
    }
    if (f.rule == "workbook.indicator-missing") {
      ++missing;
      named_82 = named_82 || f.message.find("Indicator 8.2 ") != std::string::npos;
      EXPECT_EQ(f.message.find("Indicator 1.1 "), std::string::npos) << f.message;
    }
  }
  EXPECT_TRUE(named_82);
  EXPECT_EQ(missing, 29 - 2);
  EXPECT_FALSE(Answer(s, "7.4").in_profile);
  EXPECT_EQ(Answer(s, "7.4").kind, "tick");
  EXPECT_EQ(Answer(s, "7.4").state, "ticked");
}

// ---- Workbooks printed from Word's tables, and the facts on their first page

// `text` wrapped at `width` characters, as a narrow table cell wraps it.
std::vector<std::string> Wrap(const std::string& text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(pos, end - pos);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    pos = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string WordingOf(const std::string& id) {
  const Indicator* ind = Qpm().FindIndicator(id);
  EXPECT_NE(ind, nullptr) << id;
  return ind == nullptr ? "" : ind->wording;
}

// One row of a table printed from Word: Ref | Indicator | Response.
struct Row {
  std::string id;
  std::string response;  // "☒ Met", a narrative, or ""
  double y = 0;          // where the row starts
  std::vector<std::string> wording_lines = {};
  std::vector<std::string> response_lines = {};
};

// Draws `rows` on `b` in the order Poppler reads such a table: every id, then every
// wording cell, then every response cell, column by column. Returns where the next
// row would start.
double Table(PageBuilder& b, std::vector<Row> rows) {
  double next = 0;
  for (Row& r : rows) {
    if (r.wording_lines.empty()) r.wording_lines = Wrap(WordingOf(r.id), 36);
    if (r.response_lines.empty()) r.response_lines = Wrap(r.response, 36);
    b.At(72, r.y, r.id);
    size_t lines = std::max(r.wording_lines.size(), r.response_lines.size());
    next = r.y + 12 * static_cast<double>(lines) + 8;
  }
  for (const Row& r : rows) {
    for (size_t i = 0; i < r.wording_lines.size(); ++i) {
      b.At(110, r.y + 12 * static_cast<double>(i), r.wording_lines[i]);
    }
  }
  for (const Row& r : rows) {
    for (size_t i = 0; i < r.response_lines.size(); ++i) {
      b.At(360, r.y + 12 * static_cast<double>(i), r.response_lines[i]);
    }
  }
  return next;
}

int CountOf(const std::string& text) {
  int n = 0;
  for (const std::string& w : Wrap(text, 1)) n += w.empty() ? 0 : 1;
  return n;
}

const char kNarrativeA[] =
    "Each new advocate shadows two experienced colleagues for a month, and a team leader "
    "watches three first visits before signing them off to work alone.";
const char kNarrativeB[] =
    "Supervision notes are kept for every advocate and the manager checks a sample of them "
    "each quarter against what the supervision policy asks for.";

// Poppler reads a Word table column by column: the answer is the text in the row's
// response cell, not whatever follows the indicator in Poppler's text.
TEST(WorkbookTables, ARowIsReadCellByCellWhateverOrderThePdfGivesItsWords) {
  PageBuilder one(1);
  one.Size(14).At(72, 90, "Clarity of purpose").Size(10);
  one.At(72, 112, "Ref").At(110, 112, "Indicator").At(360, 112, "Response");
  double y = Table(
      one, {{"1.1", "\u2612 Met", 130}, {"1.2", kNarrativeA, 180}, {"1.3", "\u2610 Met", 260}});
  one.Size(14).At(72, y + 10, "Independence").Size(10);
  one.At(72, y + 32, "Ref").At(110, y + 32, "Indicator").At(360, y + 32, "Response");
  // 2.3's answer has a line that opens with a number like an id, in the answer's column.
  std::vector<std::string> cites = {"Advocates follow the policy on gifts",
                                    "as set out in sections", "6.3 and 7.1 of the staff handbook."};
  Table(one,
        {{"2.1", "\u2612 Met", y + 50}, {"2.2", "", y + 110}, {"2.3", "", y + 150, {}, cites}});
  Submission s = WorkbookOf({one.Build()});
  ReadWorkbook(s, Qpm());
  for (const WorkbookAnswer& a : s.workbook.answers) EXPECT_NE(a.indicator, "6.3");
  EXPECT_EQ(Answer(s, "1.1").state, "ticked");
  EXPECT_EQ(Answer(s, "1.1").source, "check box glyph");
  EXPECT_EQ(Answer(s, "1.2").state, "answered");
  EXPECT_EQ(Answer(s, "1.2").words, CountOf(kNarrativeA));
  EXPECT_EQ(Answer(s, "1.3").state, "unticked");
  EXPECT_EQ(Answer(s, "2.1").state, "ticked");
  EXPECT_EQ(Answer(s, "2.2").state, "empty");  // the wording alone is no answer
  EXPECT_EQ(Answer(s, "2.2").words, 0);
}

// A row that goes on over a page break, under the table's header printed again; and
// a declaration under the table whose box answers nothing of the last row's.
TEST(WorkbookTables, ARowGoesOnOverAPageAndADeclarationIsNoAnswer) {
  std::vector<std::string> answer = Wrap(std::string(kNarrativeA) + " " + kNarrativeB, 36);
  std::vector<std::string> first(answer.begin(), answer.begin() + 3);
  std::vector<std::string> rest(answer.begin() + 3, answer.end());
  std::vector<std::string> wording = Wrap(WordingOf("1.2"), 36);
  PageBuilder one(1);
  one.At(72, 700, "Ref").At(110, 700, "Indicator").At(360, 700, "Response");
  Table(one, {{"1.1", "\u2612 Met", 720}, {"1.2", "", 770, {wording[0], wording[1]}, first}});
  PageBuilder two(2);
  two.At(72, 100, "Ref").At(110, 100, "Indicator").At(360, 100, "Response");
  Row go_on{"", "", 120, {wording.begin() + 2, wording.end()}, rest};
  for (size_t i = 0; i < go_on.wording_lines.size(); ++i) {
    two.At(110, 120 + 12 * static_cast<double>(i), go_on.wording_lines[i]);
  }
  for (size_t i = 0; i < rest.size(); ++i) {
    two.At(360, 120 + 12 * static_cast<double>(i), rest[i]);
  }
  double y = Table(two, {{"1.3", "\u2610 Met", 200}});
  two.At(72, y + 20, "Declaration");
  two.At(72, y + 40, "\u2612 I confirm that the information in this workbook is accurate.");
  Submission s = WorkbookOf({one.Build(), two.Build()});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1").state, "ticked");
  EXPECT_EQ(Answer(s, "1.2").words, CountOf(kNarrativeA) + CountOf(kNarrativeB));
  EXPECT_EQ(Answer(s, "1.3").state, "unticked");  // not the declaration's box
  EXPECT_EQ(Answer(s, "1.3").page, 2);
}

// The same in a Word file's text: a row is one line of cells, and what follows the
// table is not the last row's answer.
TEST(WorkbookTables, InAWordFileTheRowsOwnBoxAnswersIt) {
  Submission s = WorkbookOf({TextPage(
      1, "10.2\t" + WordingOf("10.2") + "\t" + kNarrativeB + "\n10.3\t" + WordingOf("10.3") +
             "\t\u2610 Met\nDeclaration\n\u2612 I confirm that the information is accurate.\n")});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "10.2").words, CountOf(kNarrativeB));
  EXPECT_EQ(Answer(s, "10.3").state, "unticked");
}

// "Met: [ ]" printed with the brackets apart is an empty box, not the answer "Met".
TEST(WorkbookGlyphs, BracketsApartAreAnEmptyBox) {
  Submission s = WorkbookOf({PageBuilder(1)
                                 .At(72, 100, "1.1 " + WordingOf("1.1"))
                                 .At(72, 115, "Met: [ ]")
                                 .At(72, 140, "1.3 " + WordingOf("1.3"))
                                 .At(72, 155, "Met: [X]")
                                 .Size(14)
                                 .At(72, 180, "Declaration")
                                 .Size(10)
                                 .At(72, 200, "[X] I confirm the information is accurate.")
                                 .Build()});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1").state, "unticked");
  EXPECT_EQ(Answer(s, "1.1").source, "check box glyph");
  EXPECT_EQ(Answer(s, "1.3").state, "ticked");
  Submission text = WorkbookOf({TextPage(1, "1.1 Aims.\nMet: [ ]\n1.3 Information.\nMet: [x]\n")});
  ReadWorkbook(text, Qpm());
  EXPECT_EQ(Answer(text, "1.1").state, "unticked");
  EXPECT_EQ(Answer(text, "1.3").state, "ticked");
}

// A heading in larger print ends the answer above it: a declaration's box is not the
// last indicator's.
TEST(WorkbookPlaces, AHeadingInLargerPrintEndsTheAnswer) {
  Submission s = WorkbookOf({PageBuilder(1)
                                 .At(72, 100, "3.2 " + WordingOf("3.2"))
                                 .At(72, 115, "Met: \u2610")
                                 .Size(14)
                                 .At(72, 140, "Declaration")
                                 .Size(10)
                                 .At(72, 160, "\u2612 I confirm the information is accurate.")
                                 .Build()});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "3.2").state, "unticked");
}

// A label and its value in two columns: Poppler gives every label, then every value.
// A label written over three lines has its value level with its first, middle or last
// line; the issue date is the one after "Date of issue", not another date on a line
// that mentions it.
TEST(WorkbookFacts, LabelsAndValuesInColumnsWhereverTheValueStands) {
  for (int level = 0; level < 3; ++level) {
    SCOPED_TRACE(level);
    PageBuilder b(1);
    // Rows 18 points apart; the lines of one cell 12.
    b.At(72, 100, "Submission deadline")
        .At(72, 118, "Date of issue")
        .At(72, 136, "Number of")
        .At(72, 148, "whole-time-equivalent")
        .At(72, 160, "(WTE) advocates")
        .At(72, 178, "Band (see guidance)")
        .At(250, 100, "3 September 2026 (six months after the date of issue)")
        .At(250, 118, "3 March 2026")
        .At(250, 136 + 12 * level, "12.5")
        .At(250, 178, "1")
        .At(72, 200, "1.1 " + WordingOf("1.1") + " \u2612");
    Submission s = WorkbookOf({b.Build()});
    ReadWorkbook(s, Qpm());
    EXPECT_EQ(s.workbook.issued, "2026-03-03");
    ASSERT_TRUE(s.workbook.wte.has_value());
    EXPECT_DOUBLE_EQ(*s.workbook.wte, 12.5);
    ASSERT_TRUE(s.workbook.band.has_value());
    EXPECT_EQ(*s.workbook.band, 1);
  }
  // In text: the label, its cue, a few words, then the number.
  Submission s = WorkbookOf({TextPage(1,
                                      "Workbook reference\tWB-2026-0001\nBand (see guidance)\t2\n"
                                      "Number of whole time equivalent advocates (WTE)\t21\n"
                                      "Please send as many case files as your band asks for.\n"
                                      "1.1 Aims. \u2612\n")});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(s.workbook.band, 2);
  EXPECT_EQ(s.workbook.wte, 21);
  EXPECT_EQ(s.workbook.issued, "");
}

// ---- The types of work the workbook says the organisation provides

std::string Types(const Submission& s) {
  std::string out;
  for (const WorkbookChoice& c : s.workbook.types_provided) {
    out += c.label + (c.ticked ? "=x:" : "=_:") + c.report_type + ";";
  }
  return out;
}

TEST(WorkbookTypes, ABoxListInTheValueColumnOfAPrintedWorkbook) {
  Submission s = WorkbookOf({PageBuilder(1)
                                 .At(72, 100, "Organisation name")
                                 .At(72, 114, "Types of advocacy provided")
                                 .At(250, 100, "Example Advocacy North")
                                 .At(250, 114, "\u2612 IMCA \u2610 Care Act \u2612 IMHA")
                                 .At(72, 140, "1.1 Aims \u2612")
                                 .Build()});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Types(s), "IMCA=x:imca;Care Act=_:care-act;IMHA=x:;");
}

// The list right after its label, with no gap to part them: what stands before the
// first box is the label; on a scan a speck among the boxes OCR read is a filled box.
TEST(WorkbookTypes, ALabelCloseUpToTheListAndAScansSpecks) {
  Submission s =
      WorkbookOf({PageBuilder(1)
                      .At(72, 114, "Types of advocacy provided \u2610 IMCA \u2612 Care Act")
                      .At(72, 140, "1.1 Aims \u2612")
                      .Build()});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Types(s), "IMCA=_:imca;Care Act=x:care-act;");
  Submission scan = WorkbookOf({PageBuilder(1, TextSource::kOcr)
                                    .At(72, 114, "Types of advocacy provided C] IMCA & Care Act")
                                    .At(72, 140, "1.1 " + WordingOf("1.1") + " [X]")
                                    .Build()});
  ReadWorkbook(scan, Qpm());
  EXPECT_EQ(Types(scan), "IMCA=_:imca;Care Act=x:care-act;");
}

TEST(WorkbookTypes, LabelsBeforeTheirBoxesInText) {
  Submission s = WorkbookOf({TextPage(1,
                                      "Types of advocacy provided: IMCA [x] Care Act [ ] IMHA [ ] "
                                      "Community [x]\n1.1 Aims \u2612\n")});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Types(s), "IMCA=x:imca;Care Act=_:care-act;IMHA=_:;Community=x:;");
  // A Word table's row: the label's cell, then the boxes.
  Submission word = WorkbookOf({TextPage(
      1, "Types of advocacy provided\t\u2610 IMCA   \u2612 Care Act   \n1.1 Aims \u2612\n")});
  ReadWorkbook(word, Qpm());
  EXPECT_EQ(Types(word), "IMCA=_:imca;Care Act=x:care-act;");
}

TEST(WorkbookTypes, OneBoxALineAndLabelsThatHoldTheName) {
  Submission s = WorkbookOf({TextPage(1,
                                      "The advocacy we provide:\n"
                                      "\u2612 Independent Mental Capacity Advocacy (IMCA)\n"
                                      "\u2612 Care Act advocacy\n"
                                      "\u2610 Independent Mental Health Advocacy\n"
                                      "1.1 Aims \u2612\n")});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Types(s),
            "Independent Mental Capacity Advocacy (IMCA)=x:imca;Care Act advocacy=x:care-act;"
            "Independent Mental Health Advocacy=_:;");
}

// A fillable workbook: the boxes are form fields beside printed labels.
TEST(WorkbookTypes, FormCheckBoxesBesideTheirLabels) {
  Submission s = WorkbookOf({PageBuilder(1)
                                 .At(72, 114, "Types of advocacy provided")
                                 .At(304, 114, "IMCA")
                                 .At(366, 114, "Care Act")
                                 .At(72, 140, "1.1 Aims")
                                 .Build()});
  auto box = [](double x, bool on) {
    FormField f;
    f.name = "Check Box" + std::to_string(static_cast<int>(x));
    f.kind = "checkbox";
    f.page = 1;
    f.on = on;
    f.value = on ? "Yes" : "";
    f.box = Box{x, 113, x + 10, 123};
    return f;
  };
  s.documents[0].fields = {box(290, false), box(352, true)};
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Types(s), "IMCA=_:imca;Care Act=x:care-act;");
  EXPECT_EQ(Answer(s, "1.1").state, "unticked");  // the list's boxes are not 1.1's
}

TEST(WorkbookTypes, ABoxListThatNamesNoReportTypeIsNotTheTypesProvided) {
  Submission s = WorkbookOf(
      {TextPage(1, "Is this your first application? Yes \u2612 No \u2610\n1.1 Aims \u2612\n")});
  ReadWorkbook(s, Qpm());
  EXPECT_TRUE(s.workbook.types_provided.empty());
}

// ---- A workbook in parts

Document TextDoc(std::string id, std::string name, std::string role, std::string text) {
  Document d;
  d.id = std::move(id);
  d.origin = {std::move(name)};
  d.media_type = "application/pdf";
  d.status = DocStatus::kRead;
  d.role = std::move(role);
  d.role_confidence = 0.8;
  d.pages = {TextPage(1, std::move(text))};
  d.page_count = 1;
  return d;
}

// Every indicator of the profile from `first` to `last` (section numbers), answered.
std::string Indicators(int first, int last) {
  std::string out;
  for (const ProfileSection& section : Qpm().sections) {
    int n = std::stoi(section.id);
    if (n < first || n > last) continue;
    for (const Indicator& i : section.indicators) {
      out += i.id + "\t" + i.wording + "\t" + (i.kind == "tick" ? "\u2612" : kNarrativeA) + "\n";
    }
  }
  return out;
}

TEST(WorkbookParts, TwoFilesThatEachHoldPartOfTheIndicatorsAreOneWorkbook) {
  Submission s;
  s.inputs.push_back(Input{"submission.zip", false, 0});
  // Part 2 comes first and looks more certain; the workbook still starts with part 1.
  s.documents.push_back(TextDoc("D001", "Workbook part 2.pdf", "workbook", Indicators(6, 10)));
  s.documents[0].role_confidence = 0.9;
  s.documents.push_back(TextDoc("D002", "Workbook part 1.pdf", "workbook",
                                "Date of issue: 3 March 2026\n" + Indicators(1, 5)));
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(s.workbook.answers.size(), 29u);
  EXPECT_EQ(s.workbook.document, "D002");
  EXPECT_EQ(s.workbook.documents, (std::vector<std::string>{"D002", "D001"}));
  EXPECT_EQ(s.workbook.issued, "2026-03-03");
  EXPECT_EQ(Answer(s, "1.2").document, "D002");
  EXPECT_EQ(Answer(s, "6.2").document, "D001");
  EXPECT_EQ(Answer(s, "6.2").words, CountOf(kNarrativeA));
  EXPECT_EQ(s.workbook.answers.front().indicator, "1.1");
  for (const Finding& f : s.findings) ADD_FAILURE() << f.rule << ": " << f.message;
}

TEST(WorkbookParts, ASecondFullCopyIsNotAPart) {
  Submission s;
  s.inputs.push_back(Input{"submission.zip", false, 0});
  s.documents.push_back(TextDoc("D001", "Workbook.pdf", "workbook", Indicators(1, 10)));
  s.documents[0].role_confidence = 0.9;
  std::string draft = Indicators(1, 10);
  s.documents.push_back(TextDoc("D002", "Workbook draft.pdf", "workbook", draft));
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(s.workbook.documents, (std::vector<std::string>{"D001"}));
  for (const WorkbookAnswer& a : s.workbook.answers) EXPECT_EQ(a.document, "D001");
}

// A document nothing else placed joins the workbook when it prints three or more of
// the indicators the workbook lacks, and none of those it has.
TEST(WorkbookParts, AnUnplacedDocumentThatGoesOnWithTheIndicatorsIsAPart) {
  Submission s;
  s.inputs.push_back(Input{"submission.zip", false, 0});
  s.documents.push_back(TextDoc("D001", "Workbook.pdf", "workbook", Indicators(1, 8)));
  s.documents.push_back(TextDoc("D002", "scan0002.pdf", "unknown", Indicators(9, 10)));
  s.documents.push_back(TextDoc("D003", "notes.pdf", "unknown", Indicators(8, 8)));
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(s.workbook.documents, (std::vector<std::string>{"D001", "D002"}));
  EXPECT_EQ(s.documents[1].role, "workbook");
  EXPECT_NE(s.documents[1].role_reason.find("D001"), std::string::npos);
  EXPECT_EQ(s.documents[2].role, "unknown");  // it repeats indicators the workbook has
  for (const Finding& f : s.findings) ADD_FAILURE() << f.rule << ": " << f.message;
  // Two indicators are too few to take an unplaced document for a part.
  Submission two;
  two.inputs.push_back(Input{"submission.zip", false, 0});
  two.documents.push_back(TextDoc("D001", "Workbook.pdf", "workbook", Indicators(1, 9)));
  two.documents.push_back(TextDoc("D002", "list.pdf", "unknown", "10.1 Aims\n10.3 Board\n"));
  ReadWorkbook(two, Qpm());
  EXPECT_EQ(two.workbook.documents, (std::vector<std::string>{"D001"}));
  EXPECT_EQ(two.documents[1].role, "unknown");
  // A document numbered like the indicators, without their wording, is not a part.
  Submission numbered;
  numbered.inputs.push_back(Input{"submission.zip", false, 0});
  numbered.documents.push_back(TextDoc("D001", "Workbook.pdf", "workbook", Indicators(1, 8)));
  numbered.documents.push_back(TextDoc("D002", "procedure.pdf", "unknown",
                                       "9.1 Scope\n9.2 Who this is for\n9.3 Records\n"
                                       "10.1 Review\n10.2 Approval\n"));
  ReadWorkbook(numbered, Qpm());
  EXPECT_EQ(numbered.workbook.documents, (std::vector<std::string>{"D001"}));
  EXPECT_EQ(numbered.documents[1].role, "unknown");
}

// ---- A scanned workbook: what OCR makes of ids and boxes

TEST(WorkbookScans, IdsAndBoxesAsOcrMisreadsThem) {
  std::string answer = std::string(kNarrativeB) + " 12 advocates met the forum twice.";
  PageBuilder b(1, TextSource::kOcr);
  b.At(72, 70, "4 " + WordingOf("1.1") + " Met")  // 1.1 read as "4": its wording says which
      .At(72, 100, "2:1 " + WordingOf("2.1"))
      .At(72, 115, "C] Met")  // an empty box, read as a hollow shape
      .At(72, 140, "- 2.3 " + WordingOf("2.3"))
      .At(72, 155, "& Met")  // a filled box, read as a speck
      .At(72, 180, "43\u00b0 " + WordingOf("4.3"))
      .At(72, 195, "Met")  // a filled box OCR left out
      .At(72, 220, "3.2 " + WordingOf("3.2"))
      .At(72, 235, "Met: [X]}")
      .At(72, 260, "4.1 " + WordingOf("4.1"))
      .At(72, 275, "Met: []")
      .At(72, 300, "4.2 " + WordingOf("4.2"));
  double y = 315;
  for (const std::string& line : Wrap("Response: " + answer, 60)) {
    b.At(72, y, line);
    y += 15;
  }
  Submission s = WorkbookOf({b.Build()});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1").state, "ticked");
  EXPECT_EQ(Answer(s, "2.1").state, "unticked");
  EXPECT_EQ(Answer(s, "2.3").state, "ticked");
  EXPECT_EQ(Answer(s, "4.3").state, "ticked");
  EXPECT_EQ(Answer(s, "3.2").state, "ticked");
  EXPECT_EQ(Answer(s, "4.1").state, "unticked");
  // "12 advocates ..." in the answer is not indicator 1.2: its wording does not follow.
  EXPECT_EQ(Answer(s, "4.2").words, CountOf(answer));
  for (const WorkbookAnswer& a : s.workbook.answers) EXPECT_NE(a.indicator, "1.2");
  // An empty box read as the letter O, beside the answer word, is no tick.
  Submission o = WorkbookOf({PageBuilder(1, TextSource::kOcr)
                                 .At(72, 100, "1.3 " + WordingOf("1.3"))
                                 .At(72, 115, "Met: O")
                                 .At(72, 140, "2.1 " + WordingOf("2.1"))
                                 .At(72, 155, "O Met")
                                 .Build()});
  ReadWorkbook(o, Qpm());
  EXPECT_EQ(Answer(o, "1.3").state, "unticked");
  EXPECT_EQ(Answer(o, "2.1").state, "unticked");
  // On a page with a text layer the same misreadings are not taken for ids.
  PageBuilder typed(1);
  typed.At(72, 100, "2:1 " + WordingOf("2.1")).At(72, 115, "\u2612");
  Submission t = WorkbookOf({typed.Build()});
  ReadWorkbook(t, Qpm());
  EXPECT_TRUE(t.workbook.answers.empty());
}

}  // namespace
}  // namespace qpm::classify
