// Word check boxes and tables as the body text shows them: every kind of check
// box Word writes becomes ☒ (U+2612, checked) or ☐ (U+2610, unchecked) where it
// stands, and a table row is one line of tab-separated cells.
#include "extractors/read/word_text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "extractors/read/extract.h"
#include "pipeline/ingest/sniff.h"
#include "pipeline/ingest/zip_archive.h"
#include "redaction/hidden_data.h"
#include "redaction/personal_data.h"
#include "tests/test_util.h"

namespace qpm::extract {
namespace {

using qpm::testing::StoredZip;

constexpr char kChecked[] = "\xE2\x98\x92";    // ☒
constexpr char kUnchecked[] = "\xE2\x98\x90";  // ☐

// document.xml around `body`, with the namespaces Word declares.
std::string DocumentXml(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
         R"(xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:body>)" +
         body + "</w:body></w:document>";
}

std::string Body(const std::string& body) {
  Result<std::string> text = WordBodyText(DocumentXml(body));
  EXPECT_TRUE(text.ok()) << text.status().message();
  return text.ok() ? text.value() : "";
}

std::string Para(const std::string& runs) { return "<w:p>" + runs + "</w:p>"; }
std::string TextRun(const std::string& text) { return "<w:r><w:t>" + text + "</w:t></w:r>"; }

// A content-control check box as Word 2010 and later writes it: the state in
// w14:checked, and a run in its content with the glyph Word drew for that state.
std::string ContentControl(const std::string& checked, const std::string& content) {
  return "<w:sdt><w:sdtPr><w:id w:val=\"1\"/><w14:checkbox>" + checked +
         R"(<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>)"
         R"(<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>)"
         "</w14:checkbox></w:sdtPr><w:sdtContent>" +
         content + "</w:sdtContent></w:sdt>";
}

TEST(WordCheckBoxes, ContentControlsShowTheirStateOnce) {
  std::string gothic = R"(<w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>)";
  EXPECT_EQ(Body(Para(TextRun("1.1 ") + ContentControl(R"(<w14:checked w14:val="1"/>)",
                                                       gothic + "<w:t>\xE2\x98\x92</w:t></w:r>"))),
            std::string("1.1 ") + kChecked + "\n");
  EXPECT_EQ(Body(Para(ContentControl(R"(<w14:checked w14:val="true"/>)",
                                     gothic + "<w:t>\xE2\x98\x92</w:t></w:r>"))),
            std::string(kChecked) + "\n");
  // The state decides, not a glyph left over from before it changed.
  EXPECT_EQ(Body(Para(ContentControl(R"(<w14:checked w14:val="0"/>)",
                                     gothic + "<w:t>\xE2\x98\x92</w:t></w:r>"))),
            std::string(kUnchecked) + "\n");
  EXPECT_EQ(Body(Para(ContentControl("", gothic + "<w:t>\xE2\x98\x90</w:t></w:r>"))),
            std::string(kUnchecked) + "\n");
  // Word's older default: a Wingdings tick as a symbol run.
  EXPECT_EQ(Body(Para(ContentControl(R"(<w14:checked w14:val="1"/>)",
                                     R"(<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>)"))),
            std::string(kChecked) + "\n");
  // Text in the control besides the glyph stays.
  EXPECT_EQ(
      Body(Para(ContentControl(R"(<w14:checked w14:val="1"/>)", TextRun("\xE2\x98\x92 Yes")))),
      std::string(kChecked) + " Yes\n");
}

std::string LegacyCheckBox(const std::string& check_box) {
  return R"(<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>)"
         "<w:checkBox><w:sizeAuto/>" +
         check_box +
         "</w:checkBox></w:ffData></w:fldChar></w:r>"
         R"(<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>)"
         R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>)";
}

TEST(WordCheckBoxes, LegacyFormFieldsShowCheckedElseDefault) {
  EXPECT_EQ(Body(Para(TextRun("a") + LegacyCheckBox(R"(<w:default w:val="1"/>)") + TextRun("b"))),
            std::string("a") + kChecked + "b\n");
  EXPECT_EQ(Body(Para(LegacyCheckBox(R"(<w:default w:val="0"/>)"))),
            std::string(kUnchecked) + "\n");
  // w:checked, when there, is the state; with no w:val it means checked.
  EXPECT_EQ(Body(Para(LegacyCheckBox(R"(<w:default w:val="1"/><w:checked w:val="0"/>)"))),
            std::string(kUnchecked) + "\n");
  EXPECT_EQ(Body(Para(LegacyCheckBox(R"(<w:default w:val="0"/><w:checked/>)"))),
            std::string(kChecked) + "\n");
  EXPECT_EQ(Body(Para(LegacyCheckBox(R"(<w:default w:val="false"/><w:checked w:val="true"/>)"))),
            std::string(kChecked) + "\n");
  EXPECT_EQ(Body(Para(LegacyCheckBox(""))), std::string(kUnchecked) + "\n");
}

std::string Sym(const char* font, const char* code) {
  return std::string(R"(<w:r><w:sym w:font=")") + font + R"(" w:char=")" + code + R"("/></w:r>)";
}

TEST(WordCheckBoxes, SymbolRunsOfBoxesAndTicks) {
  struct Case {
    const char* font;
    const char* code;
    std::string shows;
  };
  const Case cases[] = {
      {"Wingdings", "F0FE", kChecked},        // ☑ ballot box with check
      {"Wingdings", "F0FD", kChecked},        // ☒ ballot box with X
      {"Wingdings", "F078", kChecked},        // ⌧ X in a rectangle box
      {"Wingdings", "F0A8", kUnchecked},      // ◻ white medium square
      {"Wingdings", "F06F", kUnchecked},      // □ white square
      {"Wingdings", "00FE", kChecked},        // the same code without the F0 page
      {"wingdings", "F0FE", kChecked},        // font names in any case
      {"Wingdings", "F0FC", "\xE2\x9C\x93"},  // ✓ a bare tick stays a tick
      {"Wingdings", "F0FB", "\xE2\x9C\x97"},  // ✗
      {"Wingdings", "F04A", ""},              // ☺: a picture, not a box
      {"Wingdings 2", "F053", kChecked},      // ballot box with light X
      {"Wingdings 2", "F054", kChecked},      // ☒
      {"Wingdings 2", "F052", kChecked},      // ☑
      {"Wingdings 2", "F0A3", kUnchecked},    // □
      {"Wingdings 2", "F050", "\xE2\x9C\x93"},
      {"MS Gothic", "2612", kChecked},  // Unicode fonts: the code is the character
      {"MS Gothic", "2610", kUnchecked},
      {"Segoe UI Symbol", "2611", kChecked},
      {"Segoe UI Symbol", "2713", "\xE2\x9C\x93"},
      {"Symbol", "F0B7", ""},  // a bullet in the Symbol font: not a box
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.font) + " " + c.code);
    EXPECT_EQ(Body(Para(TextRun("x") + Sym(c.font, c.code))), "x" + c.shows + "\n");
  }
}

TEST(WordCheckBoxes, BoxesTypedInASymbolFont) {
  std::string wingdings =
      R"(<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>)";
  // "þ" and its private-use twin draw ☑; "o" draws □.
  EXPECT_EQ(Body(Para(wingdings + "<w:t>\xC3\xBE</w:t></w:r>" + TextRun(" Yes ") + wingdings +
                      "<w:t>o</w:t></w:r>" + TextRun(" No"))),
            std::string(kChecked) + " Yes " + kUnchecked + " No\n");
  EXPECT_EQ(Body(Para(wingdings + "<w:t>\xEF\x83\xBE</w:t></w:r>")), std::string(kChecked) + "\n");
  // The same letters in an ordinary font are letters.
  EXPECT_EQ(Body(Para(TextRun("\xC3\xBE o"))), "\xC3\xBE o\n");
}

// A rich-text content control as Word writes it, showing its placeholder or not.
std::string TextControl(const std::string& showing, const std::string& content) {
  return R"(<w:sdt><w:sdtPr><w:id w:val="7"/><w:placeholder>)"
         R"(<w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder>)" +
         showing + "</w:sdtPr><w:sdtContent>" + content + "</w:sdtContent></w:sdt>";
}

// Word writes the space between two differently formatted words as a run of its own.
TEST(WordText, ARunOfOneSpaceIsKept) {
  EXPECT_EQ(Body(Para(TextRun("Ann") + "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>" +
                      TextRun("Pryce"))),
            "Ann Pryce\n");
}

TEST(WordText, APlaceholderNobodyReplacedIsNoText) {
  std::string prompt = R"(<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>)"
                       "<w:t>Click or tap here to enter text.</w:t></w:r>";
  // Around paragraphs (a narrative cell) and inside one (a form line).
  EXPECT_EQ(Body(Para(TextRun("Before")) + TextControl("<w:showingPlcHdr/>", Para(prompt)) +
                 Para(TextRun("After"))),
            "Before\nAfter\n");
  EXPECT_EQ(Body(Para(TextRun("Name: ") +
                      TextControl("<w:showingPlcHdr/>", "<w:r><w:t>Enter the name</w:t></w:r>"))),
            "Name: \n");
  // Once typed into, the control's text is the document's.
  EXPECT_EQ(Body(TextControl("", Para(TextRun("Our answer.")))), "Our answer.\n");
  EXPECT_EQ(Body(TextControl(R"(<w:showingPlcHdr w:val="0"/>)", Para(TextRun("Typed.")))),
            "Typed.\n");
}

std::string Cell(const std::string& paragraphs) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>" + paragraphs + "</w:tc>";
}
std::string Row(const std::string& cells) { return "<w:tr>" + cells + "</w:tr>"; }
std::string Table(const std::string& rows) {
  return R"(<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid>)" +
         rows + "</w:tbl>";
}

TEST(WordTables, ARowIsOneLineOfCells) {
  std::string ticked = ContentControl(R"(<w14:checked w14:val="1"/>)", TextRun("\xE2\x98\x92"));
  std::string unticked = LegacyCheckBox(R"(<w:default w:val="0"/>)");
  std::string text =
      Body(Para(TextRun("Principle 1")) +
           Table(Row(Cell(Para(TextRun("Indicator"))) + Cell(Para(TextRun("Wording"))) +
                     Cell(Para(TextRun("Met")))) +
                 Row(Cell(Para(TextRun("1.1"))) + Cell(Para(TextRun("The service is free."))) +
                     Cell(Para(ticked))) +
                 Row(Cell(Para(TextRun("1.2"))) +
                     // A narrative cell of two paragraphs, a line break and a tab.
                     Cell(Para(TextRun("First.")) +
                          Para(TextRun("Second.") + "<w:r><w:br/><w:t>Third</w:t>"
                                                    "<w:tab/><w:t>end.</w:t></w:r>")) +
                     Cell(Para(unticked)))) +
           Para(TextRun("After")));
  EXPECT_EQ(text, std::string("Principle 1\n") +
                      "Indicator\tWording\tMet\n"
                      "1.1\tThe service is free.\t" +
                      kChecked +
                      "\n"
                      "1.2\tFirst. Second. Third end.\t" +
                      kUnchecked +
                      "\n"
                      "After\n");
}

TEST(WordTables, EmptyCellsKeepTheirPlaceAndNestedTablesStayInTheirCell) {
  EXPECT_EQ(Body(Table(Row(Cell(Para("")) + Cell(Para(TextRun("b"))) + Cell(Para(""))) +
                       Row(Cell("") + Cell(Para(TextRun("d"))) + Cell(Para(TextRun("e")))))),
            "\tb\t\n\td\te\n");
  EXPECT_EQ(
      Body(Table(Row(
          Cell(Para(TextRun("outer"))) +
          Cell(Table(Row(Cell(Para(TextRun("in1"))) + Cell(Para(TextRun("in2"))))) + Para(""))))),
      "outer\tin1 in2\n");
  // Empty paragraphs before and after a cell's text add nothing.
  EXPECT_EQ(Body(Table(Row(Cell(Para("") + Para(TextRun("x")) + Para("") + Para("") +
                                Para(TextRun("y")) + Para(""))))),
            "x y\n");
}

TEST(WordTables, WorkbookDocxThroughExtract) {
  qpm::testing::TempDir dir;
  std::string path = dir.path() + "/Assessment Workbook.docx";
  std::string body = Table(
      Row(Cell(Para(TextRun("1.1"))) + Cell(Para(TextRun("Advocacy is free to the person."))) +
          Cell(Para(ContentControl(R"(<w14:checked w14:val="1"/>)", TextRun("\xE2\x98\x92"))))) +
      Row(Cell(Para(TextRun("1.2"))) + Cell(Para(TextRun("Advocacy is independent."))) +
          Cell(Para(Sym("Wingdings", "F0A8")))));
  std::string header =
      R"(<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)" +
      Para(TextRun("Draft ") + LegacyCheckBox("<w:checked/>")) + "</w:hdr>";
  std::ofstream(path, std::ios::binary) << StoredZip(
      {{"[Content_Types].xml",
        R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
       {"word/document.xml", DocumentXml(body)},
       {"word/header1.xml", header}});
  Document doc;
  doc.work_path = path;
  doc.media_type = std::string(kMediaDocx);
  std::vector<Page> pages;
  Summary s = Extract(doc, {}, Limits{}, [&](Page&& p) { pages.push_back(std::move(p)); });
  EXPECT_EQ(s.status, DocStatus::kRead);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].text, std::string("1.1\tAdvocacy is free to the person.\t") + kChecked +
                               "\n1.2\tAdvocacy is independent.\t" + kUnchecked + "\n");
  ASSERT_EQ(s.parts.size(), 1u);
  EXPECT_EQ(s.parts[0].name, "header");
  EXPECT_EQ(s.parts[0].text, std::string("Draft ") + kChecked + "\n");
}

// What the corpus manifest states of its Word check boxes.
TEST(WordCheckBoxesCorpus, LegacyAndContentControlCheckBoxes) {
  auto read = [](const std::string& name) {
    Document doc;
    doc.work_path = qpm::testing::CorpusDir() + "/docx/" + name;
    doc.media_type = std::string(kMediaDocx);
    std::string text;
    Extract(doc, {}, Limits{}, [&](Page&& p) { text += p.text; });
    return text;
  };
  auto count = [](const std::string& text, const std::string& glyph) {
    size_t n = 0;
    for (size_t at = text.find(glyph); at != std::string::npos; at = text.find(glyph, at + 1)) ++n;
    return n;
  };
  // "9 FORMCHECKBOX legacy fields (w:ffData); no w14 content-control checkboxes",
  // "one inside a text box" (read once, not again from its fallback copy).
  std::string legacy = read("poi-checkboxes.docx");
  EXPECT_EQ(count(legacy, kChecked) + count(legacy, kUnchecked), 9u);
  EXPECT_NE(legacy.find(std::string("unchecked: ") + kUnchecked), std::string::npos);
  EXPECT_NE(legacy.find(std::string("Or checked: ") + kChecked), std::string::npos);
  // "2 w14:checkbox content controls": the file holds one w14:checkbox element
  // (the manifest counted its opening and closing tags), checked, its glyph
  // already in its content: shown once.
  std::string invoice = read("docx4j-invoice2013.docx");
  EXPECT_EQ(count(invoice, kChecked), 1u);
  EXPECT_EQ(count(invoice, kUnchecked), 0u);
  EXPECT_NE(invoice.find(std::string(kChecked) + "  VAT applies"), std::string::npos);
  // "one each of FORMTEXT, FORMCHECKBOX, FORMDROPDOWN".
  std::string forms = read("docx4j-LegacyForms.docx");
  EXPECT_EQ(count(forms, kChecked) + count(forms, kUnchecked), 1u);
}

// A value hidden in a PDF is no value in plain sight: its personal-data finding says
// where it lies and takes the category of what hides it.
TEST(HiddenData, PersonalDataInHiddenTextTakesItsCategory) {
  auto judge = [](const std::string& kind) {
    Document doc;
    doc.id = "D001";
    Page page;
    page.number = 1;
    page.source = TextSource::kTextLayer;
    page.text = "NHS number 943 476 5919\n";
    auto at = static_cast<uint32_t>(page.text.find("943"));
    page.words.push_back(Word{"943 476 5919", Box{100, 100, 180, 110}, at, at + 12});
    doc.pages.push_back(page);
    doc.hidden.push_back(HiddenText{kind, 1, Box{90, 95, 200, 115}, "943 476 5919"});
    std::vector<Finding> personal = redaction::ScanDocument(doc);
    redaction::HiddenDataFindings(doc, personal);
    for (const Finding& p : personal) {
      if (p.rule == "pii.nhs-number") return p;
    }
    return Finding{};
  };
  Finding covered = judge("covered");
  EXPECT_EQ(covered.category, Category::kRedaction);
  EXPECT_EQ(covered.severity, Severity::kBlocker);
  EXPECT_NE(covered.message.find("hidden on the page rather than removed"), std::string::npos)
      << covered.message;
  EXPECT_EQ(judge("background").category, Category::kHiddenData);
}

// ---------------------------------------------------------------------------
// Text blacked out with a highlight or shading, and left in the file. The numbers and
// names are invented; 943 476 5919 is the NHS's own example of a valid number.

// A .docx of `body`, with `styles` (the inside of w:styles) and `header` (paragraphs)
// when given, read through Extract.
struct WordRead {
  Summary summary;
  std::string text;  // the body's page
};

void WriteDocx(const std::string& path, const std::string& body, const std::string& styles = "",
               const std::string& header = "", const std::string& theme = "") {
  const std::string w = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
  std::vector<std::pair<std::string, std::string>> files = {
      {"[Content_Types].xml",
       R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
      {"word/document.xml", DocumentXml(body)}};
  if (!styles.empty())
    files.emplace_back("word/styles.xml", "<w:styles " + w + ">" + styles + "</w:styles>");
  if (!header.empty())
    files.emplace_back("word/header1.xml", "<w:hdr " + w + ">" + header + "</w:hdr>");
  if (!theme.empty()) files.emplace_back("word/theme/theme1.xml", theme);
  std::ofstream(path, std::ios::binary) << StoredZip(files);
}

WordRead ReadDocx(const std::string& body, const std::string& styles = "",
                  const std::string& header = "", const std::string& theme = "") {
  qpm::testing::TempDir dir;
  std::string path = dir.path() + "/note.docx";
  WriteDocx(path, body, styles, header, theme);
  Document doc;
  doc.work_path = path;
  doc.media_type = std::string(kMediaDocx);
  WordRead read;
  read.summary = Extract(doc, {}, Limits{}, [&](Page&& p) { read.text += p.text; });
  EXPECT_EQ(read.summary.status, DocStatus::kRead);
  return read;
}

// A run of `text` with run properties `props` (the inside of w:rPr).
std::string Styled(const std::string& props, const std::string& text) {
  return "<w:r><w:rPr>" + props + "</w:rPr><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

constexpr char kBlackText[] = R"(<w:color w:val="000000"/>)";
constexpr char kBlackHighlight[] = R"(<w:highlight w:val="black"/>)";

// The kinds and texts of what a read found blacked out, for readable failures.
std::vector<std::pair<std::string, std::string>> Covered(const WordRead& read) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const HiddenText& h : read.summary.hidden) out.emplace_back(h.kind, h.text);
  return out;
}

using Spans = std::vector<std::pair<std::string, std::string>>;

TEST(WordBlackedOut, BlackHighlightOverBlackTextIsFoundWithItsPlace) {
  WordRead read = ReadDocx(Para(TextRun("NHS number: ") +
                                Styled(std::string(kBlackText) + kBlackHighlight, "943 476 5919")) +
                           Para(TextRun("Seen at home.")));
  // The page's text is the document's, with no trace of the marking.
  EXPECT_EQ(read.text, "NHS number: 943 476 5919\nSeen at home.\n");
  ASSERT_EQ(read.summary.hidden.size(), 1u);
  const HiddenText& h = read.summary.hidden[0];
  EXPECT_EQ(h.kind, "dark-highlight");
  EXPECT_EQ(h.where, "body");
  EXPECT_EQ(h.page, 1);
  EXPECT_EQ(h.text, "943 476 5919");
  ASSERT_TRUE(h.start && h.end);
  EXPECT_EQ(read.text.substr(*h.start, *h.end - *h.start), "943 476 5919");
  EXPECT_FALSE(h.box.has_value());
}

TEST(WordBlackedOut, TextThatShowsOnItsHighlightIsNoRedaction) {
  // Yellow is a highlighter's colour: the text reads.
  EXPECT_EQ(Covered(ReadDocx(Para(Styled(
                std::string(kBlackText) + R"(<w:highlight w:val="yellow"/>)", "Ann Pryce")))),
            Spans{});
  // White on black reads; so does Word's automatic colour, which turns white on it.
  EXPECT_EQ(Covered(ReadDocx(Para(Styled(
                std::string(R"(<w:color w:val="FFFFFF"/>)") + kBlackHighlight, "Ann Pryce")))),
            Spans{});
  EXPECT_EQ(Covered(ReadDocx(Para(Styled(kBlackHighlight, "Ann Pryce")))), Spans{});
  EXPECT_EQ(Covered(ReadDocx(Para(
                Styled(std::string(R"(<w:color w:val="auto"/>)") + kBlackHighlight, "Ann Pryce")))),
            Spans{});
  // Black on a mid grey is read, if with effort: judged by the colours, not the name.
  EXPECT_EQ(Covered(ReadDocx(Para(Styled(
                std::string(kBlackText) + R"(<w:highlight w:val="darkGray"/>)", "Ann Pryce")))),
            Spans{});
  // Navy text on Word's dark blue highlight does not; nor black on it.
  EXPECT_EQ(Covered(ReadDocx(Para(Styled(
                R"(<w:color w:val="1F2F5F"/><w:highlight w:val="darkBlue"/>)", "Ann Pryce")))),
            (Spans{{"dark-highlight", "Ann Pryce"}}));
}

// The copy handed to LibreOffice: Word draws "Automatic" text white on a dark highlight,
// LibreOffice black, so such runs are marked white; nothing else changes.
TEST(WordAsDrawn, AutomaticTextOnADarkBackgroundIsMarkedWhite) {
  qpm::testing::TempDir dir;
  const std::string path = dir.path() + "/note.docx";
  const std::string dest = dir.path() + "/drawn.docx";
  WriteDocx(path,
            Para(Styled(kBlackHighlight, "Issue-based advocacy")) +
                Para(Styled(std::string(R"(<w:color w:val="auto"/>)") +
                                R"(<w:sz w:val="24"/><w:highlight w:val="darkBlue"/>)",
                            "Review")) +
                Para(Styled(std::string(kBlackText) + kBlackHighlight, "[redacted]")) +
                Para(TextRun("Seen at home.")),
            "", Para(Styled(kBlackHighlight, "Header on black")));
  Result<bool> done = WriteWordAsDrawn(path, dest, Limits{});
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_TRUE(done.value());
  Result<zip::Archive> copy = zip::Archive::Open(dest);
  ASSERT_TRUE(copy.ok()) << copy.status().message();
  Result<zip::Archive> original = zip::Archive::Open(path);
  ASSERT_TRUE(original.ok());
  ASSERT_EQ(copy->entries().size(), original->entries().size());
  // Parts that need nothing are copied as they are.
  EXPECT_EQ(copy->Read("[Content_Types].xml", 1 << 20).value(),
            original->Read("[Content_Types].xml", 1 << 20).value());
  std::string xml = copy->Read("word/document.xml", 1 << 20).value();
  // Each automatic run on black or dark blue gains white, in the schema's place (before
  // the size); the explicitly black run on black stays black, and blacked out.
  EXPECT_NE(xml.find(R"(<w:rPr><w:color w:val="FFFFFF"/><w:highlight w:val="black"/></w:rPr>)"
                     R"(<w:t xml:space="preserve">Issue-based advocacy)"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find(R"(<w:color w:val="FFFFFF"/><w:sz w:val="24"/>)"), std::string::npos) << xml;
  EXPECT_EQ(xml.find(R"(w:val="auto")"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<w:color w:val="000000"/><w:highlight w:val="black"/>)"), std::string::npos)
      << xml;
  EXPECT_NE(copy->Read("word/header1.xml", 1 << 20).value().find(R"(w:val="FFFFFF")"),
            std::string::npos);
  // The text is the same, and what was blacked out still is.
  Document doc;
  doc.work_path = dest;
  doc.media_type = std::string(kMediaDocx);
  std::string text;
  Summary read = Extract(doc, {}, Limits{}, [&](Page&& p) { text += p.text; });
  EXPECT_EQ(text, "Issue-based advocacy\nReview\n[redacted]\nSeen at home.\n");
  EXPECT_TRUE(read.hidden.empty());  // "[redacted]" only marks a removal
}

TEST(WordAsDrawn, NothingToMarkWritesNothing) {
  qpm::testing::TempDir dir;
  const std::string path = dir.path() + "/note.docx";
  const std::string dest = dir.path() + "/drawn.docx";
  WriteDocx(path, Para(Styled(R"(<w:highlight w:val="yellow"/>)", "Review due")) +
                      Para(Styled(std::string(kBlackText) + kBlackHighlight, "943 476 5919")));
  Result<bool> done = WriteWordAsDrawn(path, dest, Limits{});
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_FALSE(done.value());
  EXPECT_FALSE(std::filesystem::exists(dest));
  // Not a zip: an error, and no file.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "not a zip";
  EXPECT_FALSE(WriteWordAsDrawn(path, dest, Limits{}).ok());
  EXPECT_FALSE(std::filesystem::exists(dest));
}

TEST(WordBlackedOut, DarkShadingOfARunOrAParagraph) {
  EXPECT_EQ(
      Covered(ReadDocx(Para(Styled(
          std::string(kBlackText) + R"(<w:shd w:val="clear" w:color="auto" w:fill="1A1A1A"/>)",
          "Ann Pryce")))),
      (Spans{{"dark-shading", "Ann Pryce"}}));
  // A solid pattern in its automatic colour is black, whatever the fill.
  EXPECT_EQ(
      Covered(ReadDocx(Para(Styled(
          std::string(kBlackText) + R"(<w:shd w:val="solid" w:color="auto" w:fill="FFFFFF"/>)",
          "Ann Pryce")))),
      (Spans{{"dark-shading", "Ann Pryce"}}));
  // The paragraph's shading lies behind every run in it.
  EXPECT_EQ(Covered(ReadDocx("<w:p><w:pPr><w:shd w:val=\"clear\" w:fill=\"000000\"/></w:pPr>" +
                             Styled(kBlackText, "Ann Pryce") + "</w:p>")),
            (Spans{{"dark-shading", "Ann Pryce"}}));
  // A theme's colour wins over the fill Word wrote beside it, with its shade applied:
  // white ("background1") at a tenth of its lightness is nearly black.
  EXPECT_EQ(
      Covered(ReadDocx(Para(Styled(
          std::string(kBlackText) +
              R"(<w:shd w:val="clear" w:fill="FFFFFF" w:themeFill="background1" w:themeFillShade="1A"/>)",
          "Ann Pryce")))),
      (Spans{{"dark-shading", "Ann Pryce"}}));
  // The theme colour of the text counts too: "text1" is the theme's dark colour.
  std::string theme =
      R"(<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>)"
      R"(<a:clrScheme name="t"><a:dk1><a:srgbClr val="102030"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>)"
      R"(</a:clrScheme></a:themeElements></a:theme>)";
  EXPECT_EQ(Covered(ReadDocx(Para(Styled(R"(<w:color w:val="000000" w:themeColor="text1"/>)"
                                         R"(<w:shd w:val="clear" w:fill="102030"/>)",
                                         "Ann Pryce")),
                             "", "", theme)),
            (Spans{{"dark-shading", "Ann Pryce"}}));
  // White text on the same shading reads.
  EXPECT_EQ(Covered(ReadDocx(Para(Styled(R"(<w:color w:val="FFFFFF"/>)"
                                         R"(<w:shd w:val="clear" w:fill="102030"/>)",
                                         "Ann Pryce")))),
            Spans{});
}

TEST(WordBlackedOut, AStyleThatBlacksOut) {
  std::string styles =
      R"(<w:style w:type="character" w:styleId="Blackout"><w:name w:val="Blackout"/>)"
      R"(<w:rPr><w:color w:val="000000"/><w:highlight w:val="black"/></w:rPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Dark"><w:name w:val="Dark"/>)"
      R"(<w:pPr><w:shd w:val="clear" w:fill="0D0D0D"/></w:pPr><w:rPr><w:color w:val="000000"/></w:rPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="DarkNote"><w:name w:val="Dark note"/>)"
      R"(<w:basedOn w:val="Dark"/></w:style>)";
  EXPECT_EQ(
      Covered(ReadDocx(Para(TextRun("Name: ") + "<w:r><w:rPr><w:rStyle w:val=\"Blackout\"/></w:rPr>"
                                                "<w:t>Ann Pryce</w:t></w:r>"),
                       styles)),
      (Spans{{"dark-highlight", "Ann Pryce"}}));
  // A paragraph style based on one that shades.
  EXPECT_EQ(Covered(ReadDocx("<w:p><w:pPr><w:pStyle w:val=\"DarkNote\"/></w:pPr>" +
                                 TextRun("Ann Pryce") + "</w:p>",
                             styles)),
            (Spans{{"dark-shading", "Ann Pryce"}}));
  // The run's own colour wins over its style's: white on the style's black reads.
  EXPECT_EQ(Covered(ReadDocx(Para("<w:r><w:rPr><w:rStyle w:val=\"Blackout\"/>"
                                  "<w:color w:val=\"FFFFFF\"/></w:rPr><w:t>Ann Pryce</w:t></w:r>"),
                             styles)),
            Spans{});
}

std::string ShadedCell(const std::string& fill, const std::string& paragraphs) {
  return "<w:tc><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"" + fill +
         "\"/></w:tcPr>" + paragraphs + "</w:tc>";
}

TEST(WordBlackedOut, TableCells) {
  // A grey header row, automatic or black text: light, read.
  EXPECT_EQ(Covered(ReadDocx(Table(Row(ShadedCell("D9D9D9", Para(TextRun("Name"))) +
                                       ShadedCell("D9D9D9", Para(Styled(kBlackText, "Date"))))))),
            Spans{});
  // Black text in a black cell, in the table's own place.
  WordRead read = ReadDocx(Table(Row(Cell(Para(TextRun("Client"))) +
                                     ShadedCell("000000", Para(Styled(kBlackText, "Ann Pryce"))))));
  ASSERT_EQ(read.summary.hidden.size(), 1u);
  EXPECT_EQ(read.summary.hidden[0].kind, "dark-cell");
  EXPECT_EQ(read.summary.hidden[0].where, "table");
  EXPECT_EQ(read.text, "Client\tAnn Pryce\n");
  EXPECT_EQ(read.text.substr(*read.summary.hidden[0].start, 9), "Ann Pryce");
  // A table style that shades every cell black.
  std::string styles = R"(<w:style w:type="table" w:styleId="Black"><w:name w:val="Black"/>)"
                       R"(<w:tcPr><w:shd w:val="clear" w:fill="000000"/></w:tcPr></w:style>)";
  EXPECT_EQ(Covered(ReadDocx("<w:tbl><w:tblPr><w:tblStyle w:val=\"Black\"/></w:tblPr>" +
                                 Row(Cell(Para(Styled(kBlackText, "Ann Pryce")))) + "</w:tbl>",
                             styles)),
            (Spans{{"dark-cell", "Ann Pryce"}}));
}

TEST(WordBlackedOut, RealRemovalsUnderABarAreNoFailure) {
  std::string dark = std::string(kBlackText) + kBlackHighlight;
  EXPECT_EQ(
      Covered(ReadDocx(Para(Styled(dark, "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88")) +
                       Para(Styled(dark, "[redacted]")) + Para(Styled(dark, "XXXX XXX")) +
                       Para(Styled(dark, "   ")) + Para(Styled(dark, "Withheld")))),
      Spans{});
}

TEST(WordBlackedOut, RunsThatFollowEachOtherAreOneSpan) {
  std::string dark = std::string(kBlackText) + kBlackHighlight;
  // Word splits words into runs as it pleases; a blacked-out space joins them too.
  EXPECT_EQ(Covered(ReadDocx(Para(Styled(dark, "Ann ") + Styled(dark, "Pry") + Styled(dark, "ce") +
                                  Styled("", " ") + Styled(dark, "943 476 5919")))),
            (Spans{{"dark-highlight", "Ann Pryce 943 476 5919"}}));
  // Words between them part them.
  EXPECT_EQ(Covered(ReadDocx(
                Para(Styled(dark, "Ann Pryce") + TextRun(" on ") + Styled(dark, "943 476 5919")))),
            (Spans{{"dark-highlight", "Ann Pryce"}, {"dark-highlight", "943 476 5919"}}));
}

TEST(WordBlackedOut, TextBoxesAndHeaders) {
  // A text box filled black, its text black.
  std::string box =
      R"(<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">)"
      R"(<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>)"
      R"(<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">)"
      R"(<wps:spPr><a:solidFill><a:srgbClr val="000000"/></a:solidFill></wps:spPr>)"
      R"(<wps:txbx><w:txbxContent>)" +
      Para(Styled(kBlackText, "Ann Pryce")) +
      R"(</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>)";
  WordRead read = ReadDocx(Para(TextRun("Contact ") + box));
  ASSERT_EQ(read.summary.hidden.size(), 1u);
  EXPECT_EQ(read.summary.hidden[0].kind, "dark-text-box");
  EXPECT_EQ(read.summary.hidden[0].where, "text box");
  // A header: found, named, with no offsets (the header is no page of the body).
  read = ReadDocx(
      Para(TextRun("Notes")), "",
      Para(TextRun("Client: ") + Styled(std::string(kBlackText) + kBlackHighlight, "Ann Pryce")));
  ASSERT_EQ(read.summary.hidden.size(), 1u);
  const HiddenText& h = read.summary.hidden[0];
  EXPECT_EQ(h.where, "header");
  EXPECT_EQ(h.page, 0);
  EXPECT_FALSE(h.start.has_value());
  EXPECT_EQ(h.text, "Ann Pryce");
  ASSERT_EQ(read.summary.parts.size(), 1u);
  EXPECT_EQ(read.summary.parts[0].text, "Client: Ann Pryce\n");
}

TEST(WordBlackedOut, MarkerBytesInTheFileAreNotMarks) {
  // &#1; and &#2; decode to the bytes that mark runs while a part is read: dropped.
  WordRead read = ReadDocx(Para(TextRun("a&#1;01b&#2;c")));
  EXPECT_EQ(read.text, "a01bc\n");
  EXPECT_EQ(Covered(read), Spans{});
}

// The finding, and the personal-data finding of the same words.
TEST(WordBlackedOut, FindingSaysWhatIsUnderTheColour) {
  Document doc;
  doc.id = "D001";
  Page page;
  page.number = 1;
  page.source = TextSource::kWordBody;
  page.text = "Client A, NHS number 943 476 5919, seen at home.\n";
  doc.pages.push_back(page);
  uint32_t at = static_cast<uint32_t>(page.text.find("943"));
  doc.hidden.push_back(
      HiddenText{"dark-highlight", 1, std::nullopt, "943 476 5919", "body", at, at + 12});
  std::vector<Finding> personal = redaction::ScanDocument(doc);
  std::vector<Finding> found = redaction::HiddenDataFindings(doc, personal);
  ASSERT_EQ(found.size(), 1u);
  const Finding& f = found[0];
  EXPECT_EQ(f.rule, "redaction.dark-highlight");
  EXPECT_EQ(f.category, Category::kRedaction);
  EXPECT_EQ(f.severity, Severity::kBlocker);
  EXPECT_EQ(f.page, 1);
  EXPECT_EQ(f.start, at);
  EXPECT_EQ(f.end, at + 12);
  EXPECT_EQ(f.masked, "*** *** *919");
  EXPECT_NE(f.message.find("body of the document"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("dark highlight"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("NHS number"), std::string::npos) << f.message;
  EXPECT_NE(f.remedy.find("Delete the words"), std::string::npos);
  EXPECT_EQ(f.message.find("943"), std::string::npos) << "personal data unmasked";
  // The personal-data finding of the number says it lies under the highlight, once.
  int under = 0;
  for (const Finding& p : personal) {
    if (p.rule != "pii.nhs-number") continue;
    ++under;
    EXPECT_EQ(p.severity, Severity::kBlocker);
    EXPECT_EQ(p.category, Category::kRedaction) << "not a value in plain sight";
    size_t said = p.message.find("under a dark highlight");
    EXPECT_NE(said, std::string::npos) << p.message;
    EXPECT_EQ(p.message.find("under a dark highlight", said + 1), std::string::npos) << p.message;
  }
  EXPECT_EQ(under, 1);
  // Outside the span, nothing is raised or said.
  doc.hidden[0].start = 0;
  doc.hidden[0].end = 8;
  doc.hidden[0].text = "Client A";
  personal = redaction::ScanDocument(doc);
  found = redaction::HiddenDataFindings(doc, personal);
  ASSERT_EQ(found.size(), 1u);
  for (const Finding& p : personal) EXPECT_EQ(p.message.find("under"), std::string::npos);
}

// A value under the colour is no slip of an anonymisation done elsewhere in the case:
// it was redacted, badly. (Values in plain sight still are.)
TEST(WordBlackedOut, AValueUnderTheColourIsNoSlipOfTheAnonymisation) {
  Document doc;
  doc.id = "D001";
  Page page;
  page.number = 1;
  page.source = TextSource::kWordBody;
  page.text = "Client A, NHS number 943 476 5919.\nHer son Tom Pryce called.\n";
  doc.pages.push_back(page);
  uint32_t at = static_cast<uint32_t>(page.text.find("943"));
  doc.hidden.push_back(
      HiddenText{"dark-highlight", 1, std::nullopt, "943 476 5919", "body", at, at + 12});
  std::vector<Finding> personal = redaction::ScanDocument(doc);
  std::vector<Finding> all = redaction::HiddenDataFindings(doc, personal);
  all.insert(all.end(), personal.begin(), personal.end());
  redaction::MarkRedactedElsewhere(all, {&doc});
  bool number = false, name_blocks = false, summary = false;
  uint32_t name_at = static_cast<uint32_t>(page.text.find("Tom Pryce"));
  for (const Finding& f : all) {
    if (f.rule == "pii.nhs-number") {
      number = true;
      EXPECT_EQ(f.category, Category::kRedaction) << f.message;
    }
    if (f.rule == "pii.person-name" && f.severity == Severity::kBlocker) name_blocks = true;
    if (f.rule == "pii.redacted-elsewhere") {
      summary = true;
      // The case's one finding counts and points at the value in plain sight.
      EXPECT_EQ(f.start, name_at) << "the first readable value is the name";
      EXPECT_NE(f.message.find("1 value that identifies someone"), std::string::npos) << f.message;
    }
  }
  EXPECT_TRUE(number);
  EXPECT_TRUE(name_blocks);
  EXPECT_TRUE(summary);
}

TEST(WordBlackedOut, InAHeaderTheFindingNamesThePart) {
  Document doc;
  doc.id = "D001";
  doc.parts.push_back(TextPart{"header", "Client: Ann Pryce, NHS 943 476 5919\n", false});
  doc.hidden.push_back(HiddenText{"dark-shading", 0, std::nullopt, "943 476 5919", "header"});
  std::vector<Finding> personal = redaction::ScanDocument(doc);
  std::vector<Finding> found = redaction::HiddenDataFindings(doc, personal);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].field, "header");
  EXPECT_EQ(found[0].page, 0);
  EXPECT_NE(found[0].message.find("in a header"), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].message.find("NHS number"), std::string::npos) << found[0].message;
  bool raised = false;
  for (const Finding& p : personal) {
    if (p.rule == "pii.nhs-number")
      raised = p.message.find("under dark shading") != std::string::npos;
  }
  EXPECT_TRUE(raised);
}

}  // namespace
}  // namespace qpm::extract
