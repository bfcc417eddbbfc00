// scripts/make_samples/word_workbook.cc — see word_workbook.h.
#include "word_workbook.h"

#include <string>
#include <string_view>
#include <vector>

#include "docx_package.h"
#include "fixed_values.h"
#include "workbook_content.h"

namespace qpm::samples {
namespace {

std::string XmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// How a tick indicator's answer cell carries its tick.
enum class WordTick {
  kContentControl,  // a check-box content control (Word 2010 on): state in w14:checked, ☒/☐ drawn
  kLegacyField,     // a legacy FORMCHECKBOX form field: w:checked, else w:default
  kLegacyDefault,  // the same, designed ticked: w:default on and no w:checked
  kTypedGlyph,     // ☒ or ☐ typed as text
  kWingdings,      // a Wingdings w:sym: F0FE (☑) ticked, F0A8 (◻) empty
  kWingdingsX,     // a Wingdings w:sym: F0FD (☒) ticked
  kYesNo,          // "Yes ☒ No ☐": a content control beside each word
};

struct WordTickAnswer {
  const char* id;
  WordTick how;
  bool ticked;
};

// Every tick indicator of Principles(), each with the check box it is answered in.
const std::vector<WordTickAnswer>& WordTicks() {
  using T = WordTick;
  static const std::vector<WordTickAnswer> k = {
      {"1.1", T::kContentControl, true},   {"1.3", T::kLegacyField, true},
      {"2.1", T::kTypedGlyph, true},       {"2.3", T::kWingdings, true},
      {"3.2", T::kContentControl, false},  {"4.1", T::kYesNo, true},
      {"4.3", T::kLegacyField, false},     {"5.1", T::kWingdingsX, true},
      {"5.3", T::kTypedGlyph, false},      {"6.1", T::kContentControl, true},
      {"6.3", T::kWingdings, false},       {"7.1", T::kLegacyDefault, true},
      {"7.3", T::kTypedGlyph, true},       {"8.1", T::kYesNo, false},
      {"8.2", T::kContentControl, true},   {"9.1", T::kWingdings, true},
      {"9.3", T::kLegacyField, true},      {"10.1", T::kTypedGlyph, true},
      {"10.3", T::kContentControl, false},
  };
  return k;
}

// How a narrative's answer cell holds its text, when not as plain paragraphs.
constexpr char kWordPlaceholderNarrative[] = "6.2";  // Word's placeholder, never replaced
constexpr char kWordControlNarrative[] = "9.2";      // typed into a rich-text content control
constexpr char kWordTwoParagraphs[] = "3.1";         // split into two paragraphs

constexpr char kGothic[] =
    "<w:rFonts w:ascii=\"MS Gothic\" w:eastAsia=\"MS Gothic\" w:hAnsi=\"MS Gothic\" "
    "w:hint=\"eastAsia\"/>";
constexpr char kBallotChecked[] = "\xE2\x98\x92";    // ☒
constexpr char kBallotUnchecked[] = "\xE2\x98\x90";  // ☐

std::string WordLegacyCheckBox(WordIds& ids, bool checked, bool by_default) {
  std::string state =
      by_default ? "<w:default w:val=\"1\"/>"
                 : std::string("<w:default w:val=\"0\"/>") + (checked ? "<w:checked/>" : "");
  return "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Check" +
         std::to_string(ids.Next()) +
         "\"/><w:enabled/><w:calcOnExit w:val=\"0\"/><w:checkBox><w:sizeAuto/>" + state +
         "</w:checkBox></w:ffData></w:fldChar></w:r>"
         "<w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
}

std::string WordSymbol(const char* code) {
  return std::string(
             "<w:r><w:rPr><w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\"/></w:rPr>"
             "<w:sym w:font=\"Wingdings\" w:char=\"") +
         code + "\"/></w:r>";
}

// The runs of a tick answer cell's one paragraph.
std::string WordTickRuns(WordIds& ids, const WordTickAnswer& tick) {
  switch (tick.how) {
    case WordTick::kContentControl:
      return WordCheckBoxControl(ids, tick.ticked);
    case WordTick::kLegacyField:
      return WordLegacyCheckBox(ids, tick.ticked, false);
    case WordTick::kLegacyDefault:
      if (!tick.ticked) Fail("a box designed ticked is ticked");
      return WordLegacyCheckBox(ids, true, true);
    case WordTick::kTypedGlyph:
      return WordRun(tick.ticked ? kBallotChecked : kBallotUnchecked,
                     "<w:rFonts w:ascii=\"Segoe UI Symbol\" w:hAnsi=\"Segoe UI Symbol\"/>");
    case WordTick::kWingdings:
      return WordSymbol(tick.ticked ? "F0FE" : "F0A8");
    case WordTick::kWingdingsX:
      if (!tick.ticked) Fail("F0FD is a ticked box");
      return WordSymbol("F0FD");
    case WordTick::kYesNo:
      return WordRun("Yes ") + WordCheckBoxControl(ids, tick.ticked) + WordRun("   No ") +
             WordCheckBoxControl(ids, !tick.ticked);
  }
  Fail("no such tick");
}

// The answer cell's paragraphs for a narrative.
std::string WordNarrativeParagraphs(WordIds& ids, const Indicator& indicator) {
  const std::string id = indicator.id;
  std::string answer = indicator.answer;
  if (id == kWordPlaceholderNarrative) {
    return "<w:sdt><w:sdtPr><w:id w:val=\"" + std::to_string(ids.Next()) +
           "\"/><w:placeholder><w:docPart w:val=\"DefaultPlaceholder_-1854013440\"/>"
           "</w:placeholder><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" +
           WordParagraph(WordRun("Click or tap here to enter text.",
                                 "<w:rStyle w:val=\"PlaceholderText\"/>")) +
           "</w:sdtContent></w:sdt>";
  }
  if (id == kWordControlNarrative) {
    return "<w:sdt><w:sdtPr><w:id w:val=\"" + std::to_string(ids.Next()) +
           "\"/><w:placeholder><w:docPart w:val=\"DefaultPlaceholder_-1854013440\"/>"
           "</w:placeholder></w:sdtPr><w:sdtContent>" +
           WordParagraph(WordRun(answer)) + "</w:sdtContent></w:sdt>";
  }
  if (id == kWordTwoParagraphs) {
    size_t middle = answer.find(". ", answer.size() / 2);
    if (middle == std::string::npos) Fail("no sentence to split " + id + " at");
    return WordParagraph(WordRun(answer.substr(0, middle + 1))) +
           WordParagraph(WordRun(answer.substr(middle + 2)));
  }
  return WordParagraph(WordRun(answer));
}

constexpr char kNorthOrganisation[] = "Example Advocacy North";

}  // namespace

std::string WordRun(const std::string& text, const std::string& run_properties) {
  return "<w:r>" + (run_properties.empty() ? "" : "<w:rPr>" + run_properties + "</w:rPr>") +
         "<w:t xml:space=\"preserve\">" + XmlEscape(text) + "</w:t></w:r>";
}

std::string WordParagraph(const std::string& runs, const std::string& style) {
  return "<w:p>" +
         (style.empty() ? std::string() : "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>") +
         runs + "</w:p>";
}

std::string WordCheckBoxControl(WordIds& ids, bool checked) {
  return "<w:sdt><w:sdtPr><w:id w:val=\"" + std::to_string(ids.Next()) +
         "\"/><w14:checkbox><w14:checked w14:val=\"" + (checked ? "1" : "0") +
         "\"/><w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/>"
         "<w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox>"
         "</w:sdtPr><w:sdtContent>" +
         WordRun(checked ? kBallotChecked : kBallotUnchecked, kGothic) + "</w:sdtContent></w:sdt>";
}

RenderedDocx RenderWordWorkbook(const WorkbookEdition& edition) {
  const std::string xml_head = kXmlHead;
  const std::string styles =
      xml_head + "<w:styles " + kWordNs +
      "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/>"
      "<w:sz w:val=\"22\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
      "<w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
      "<w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:rPr><w:b/>"
      "<w:sz w:val=\"40\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/>"
      "<w:spacing w:before=\"360\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/>"
      "<w:sz w:val=\"28\"/></w:rPr></w:style>"
      "<w:style w:type=\"character\" w:styleId=\"PlaceholderText\">"
      "<w:name w:val=\"Placeholder Text\"/><w:rPr><w:color w:val=\"808080\"/></w:rPr></w:style>"
      "</w:styles>";
  auto cell = [](const std::string& paragraphs, int width) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>" +
           paragraphs + "</w:tc>";
  };
  constexpr int kIdWidth = 800, kWordingWidth = 4300, kAnswerWidth = 3900;
  WordIds ids;
  RenderedDocx out;
  std::string body;
  body += WordParagraph(WordRun("QPM Assessment Workbook"), "Title");
  body +=
      WordParagraph(WordRun("Advocacy Quality Performance Mark \xE2\x80\x93 desktop assessment"));
  body += WordParagraph(WordRun(std::string("Organisation: ") + kNorthOrganisation));
  body += WordParagraph(WordRun("Whole-time equivalent advocates: " + edition.wte));
  body += WordParagraph(WordRun("Band " + std::to_string(edition.band)));
  body += WordParagraph(WordRun("Workbook issued: " + edition.issued));
  body += WordParagraph(WordRun("Submitted: 2026-11-20"));
  body += WordParagraph(WordRun("How to complete this workbook"), "Heading1");
  body += WordParagraph(
      WordRun("Answer every indicator in the right-hand column: tick the box to confirm that the "
              "organisation meets it, or write a narrative that describes current practice without "
              "identifying any person who uses the service."));
  size_t ticks_used = 0;
  int number = 0;
  for (const Principle& principle : Principles()) {
    body += WordParagraph(WordRun("Section " + std::to_string(++number) + ": " + principle.name),
                          "Heading1");
    body += WordParagraph(WordRun(principle.summary));
    std::string rows = "<w:tr>" + cell(WordParagraph(WordRun("No.", "<w:b/>")), kIdWidth) +
                       cell(WordParagraph(WordRun("Indicator", "<w:b/>")), kWordingWidth) +
                       cell(WordParagraph(WordRun("Your answer", "<w:b/>")), kAnswerWidth) +
                       "</w:tr>";
    for (const Indicator& indicator : principle.indicators) {
      Json answer;
      answer["indicator"] = indicator.id;
      std::string answer_cell;
      if (indicator.tick) {
        const WordTickAnswer* tick = nullptr;
        for (const WordTickAnswer& t : WordTicks()) {
          if (std::string_view(t.id) == indicator.id) tick = &t;
        }
        if (tick == nullptr) Fail(std::string("no Word check box for ") + indicator.id);
        ++ticks_used;
        answer_cell = WordParagraph(WordTickRuns(ids, *tick));
        answer["kind"] = "tick";
        answer["state"] = tick->ticked ? "ticked" : "unticked";
        answer["words"] = 0;
      } else {
        answer_cell = WordNarrativeParagraphs(ids, indicator);
        bool empty = std::string_view(indicator.id) == kWordPlaceholderNarrative;
        answer["kind"] = "narrative";
        answer["state"] = empty ? "empty" : "answered";
        answer["words"] = empty ? 0 : CheckedWords(indicator.answer);
      }
      rows += "<w:tr>" + cell(WordParagraph(WordRun(indicator.id, "<w:b/>")), kIdWidth) +
              cell(WordParagraph(WordRun(indicator.wording)), kWordingWidth) +
              cell(answer_cell, kAnswerWidth) + "</w:tr>";
      out.answers.push_back(answer);
    }
    body += "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/>" + WordTableBorders() +
            "</w:tblPr><w:tblGrid><w:gridCol w:w=\"" + std::to_string(kIdWidth) +
            "\"/><w:gridCol w:w=\"" + std::to_string(kWordingWidth) + "\"/><w:gridCol w:w=\"" +
            std::to_string(kAnswerWidth) + "\"/></w:tblGrid>" + rows + "</w:tbl>";
    body += "<w:p/>";
  }
  if (ticks_used != WordTicks().size()) Fail("a Word check box names no tick indicator");
  const std::string document =
      xml_head + "<w:document " + kWordNs +
      " xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
      "mc:Ignorable=\"w14\"><w:body>" +
      body +
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" "
      "w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>"
      "</w:sectPr></w:body></w:document>";
  out.bytes = DocxPackage(document, styles, "QPM Assessment Workbook", kNorthOrganisation);
  return out;
}

}  // namespace qpm::samples
