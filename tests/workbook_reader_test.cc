// Reading a workbook's answers from pages whose text is not in reading order: box
// glyphs tied to an indicator by where they stand, the answer word beside a box,
// running lines that an indicator id splits, answer lines that repeat on every
// page, and box glyphs of fonts that give no Unicode (Wingdings in a PDF without a
// ToUnicode map). Pages are built word by word, in the order Poppler gives them.
#include <gtest/gtest.h>

#include "extractors/classify.h"

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
// character is 6 points wide and each word 10 points high.
class PageBuilder {
 public:
  explicit PageBuilder(int number) {
    page_.number = number;
    page_.width = 595;
    page_.height = 842;
    page_.source = TextSource::kTextLayer;
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
    w.box = Box{x, y, x + 6 * letters, y + 10};
    page_.words.push_back(w);
    return w.box.x1;
  }

  Page page_;
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

}  // namespace
}  // namespace qpm::classify
