// scripts/make_samples/redaction_word_samples.cc — see redaction_word_samples.h.
#include "redaction_word_samples.h"

#include <string>
#include <utility>
#include <vector>

#include "docx_package.h"
#include "fixed_values.h"
#include "redaction_samples.h"

namespace qpm::samples {
namespace {

// The comment of comments.docx.
constexpr char kComment[] = "Her son called back; she is settled now.";

// A one-paragraph Word note whose second paragraph is `paragraph` (raw WordprocessingML).
std::string RedactionNoteDocx(const std::string& paragraph,
                              const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  const std::string styles = std::string(kXmlHead) + "<w:styles " + kWordNs + "/>";
  const std::string document =
      std::string(kXmlHead) + "<w:document " + kWordNs + "><w:body>" +
      "<w:p><w:r><w:t>Case notes: CF12</w:t></w:r></w:p>" + paragraph +
      "<w:p><w:r><w:t>Visit on 3 March 2026 at the day centre.</w:t></w:r></w:p>"
      "</w:body></w:document>";
  return DocxPackage(document, styles, "Case notes", kOrganisation, extra);
}

// A rectangle filled with `fill` (RRGGBB) floating `x` EMU right of the column and `y` EMU
// below the top of its paragraph, `cx` x `cy` EMU, in front of the text or, with `behind`,
// behind it: a run to put in a paragraph, as Word writes an Insert > Shapes rectangle.
std::string FloatingBox(const std::string& fill, bool behind, long x, long y, long cx, long cy) {
  std::string extent = "cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\"";
  return "<w:r><w:drawing><wp:anchor "
         "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
         "distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"2\" "
         "behindDoc=\"" +
         std::string(behind ? "1" : "0") +
         "\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
         "<wp:positionH relativeFrom=\"column\"><wp:posOffset>" +
         std::to_string(x) +
         "</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>" +
         std::to_string(y) + "</wp:posOffset></wp:positionV><wp:extent " + extent +
         "/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapNone/>"
         "<wp:docPr id=\"1\" name=\"Rectangle 1\"/><wp:cNvGraphicFramePr/>"
         "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
         "<a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
         "<wps:wsp xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
         "<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext " +
         extent +
         "/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill>"
         "<a:srgbClr val=\"" +
         fill +
         "\"/></a:solidFill><a:ln><a:noFill/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>"
         "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>";
}

}  // namespace

void WriteRedaction(Output& out) {
  const std::vector<std::string>& rules = RedactionRuleIds();
  auto expect = [&](const std::string& file, const std::string& planted,
                    const std::vector<std::pair<std::string, int>>& expected,
                    const std::string& media_type, const std::vector<std::string>& values,
                    std::vector<std::string> absent = {}, const std::string& inside = "") {
    std::string sample = "redaction/" + file;
    Json findings = Json::array();
    for (const auto& [rule, page] : expected) {
      Json f = FindingJson(rule, file + inside, page);
      // A Word file has no pages of its own: a finding in its body has none (null).
      if (media_type == kDocx && page == 1) f["page"] = nullptr;
      findings.push_back(std::move(f));
    }
    if (expected.empty()) absent = rules;
    Json runs = Json::array();
    // --no-ocr: the scans' words are in their own text layers, or deliberately nowhere.
    runs.push_back(RunJson("scan", {"--no-ocr"}, std::nullopt, findings, absent, std::nullopt,
                           {DocJson(file, media_type, 1, "read")}));
    out.Expect(sample, planted, runs, Json(values));
  };
  for (const RedactionSample& r : RedactionPdfSamples()) {
    out.Write("redaction/" + r.name, r.bytes);
    expect(r.name, r.planted, r.expected, kPdf, r.planted_values, r.absent, r.inside);
  }
  struct Word {
    std::string name, planted, paragraph;
    std::vector<std::pair<std::string, std::string>> extra;
    std::vector<std::pair<std::string, int>> expected;
    // What the leak hides (expected.json's planted_values); empty for a control.
    std::vector<std::string> values = {};
  };
  const std::string label = "<w:r><w:t xml:space=\"preserve\">Client name: </w:t></w:r>";
  const std::vector<Word> words = {
      {"tracked-changes.docx",
       "The client's name deleted with Track Changes on and 'Client A' inserted: the deletion "
       "is still in the file.",
       "<w:p>" + label +
           "<w:del w:id=\"1\" w:author=\"Advocate B\" w:date=\"2026-03-03T10:00:00Z\"><w:r>"
           "<w:delText>Marjorie Fairweather</w:delText></w:r></w:del>"
           "<w:ins w:id=\"2\" w:author=\"Advocate B\" w:date=\"2026-03-03T10:00:00Z\"><w:r>"
           "<w:t>Client A</w:t></w:r></w:ins></w:p>",
       {},
       {{"hidden-data.tracked-changes", 0}},
       {kRedactionClient}},
      {"tracked-insertion.docx",
       "'Client A' inserted with Track Changes on and never accepted: the change and its author "
       "travel with the file.",
       "<w:p>" + label +
           "<w:ins w:id=\"2\" w:author=\"Advocate B\" w:date=\"2026-03-03T10:00:00Z\"><w:r>"
           "<w:t>Client A</w:t></w:r></w:ins></w:p>",
       {},
       {{"hidden-data.tracked-changes", 0}},
       {}},
      {"comments.docx",
       "A comment by 'Advocate B' on the note, in word/comments.xml.",
       "<w:p>" + label +
           "<w:commentRangeStart w:id=\"0\"/><w:r><w:t>Client A</w:t></w:r>"
           "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>",
       {{"word/comments.xml",
         std::string(kXmlHead) + "<w:comments " + kWordNs +
             "><w:comment w:id=\"0\" w:author=\"Advocate B\" w:initials=\"AB\"><w:p><w:r>"
             "<w:t>" +
             std::string(kComment) +
             "</w:t></w:r></w:p></w:comment>"
             "</w:comments>"}},
       {{"hidden-data.comments", 0}},
       {kComment}},
      {"hidden-text.docx",
       "An NHS number in a run formatted as hidden (w:vanish).",
       "<w:p>" + label +
           "<w:r><w:t>Client A</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>"
           "<w:t xml:space=\"preserve\"> NHS 999 612 0015</w:t></w:r></w:p>",
       {},
       {{"hidden-data.hidden-text", 0}},
       {kRedactionNhs}},
      {"white-text.docx",
       "The client's name in white on the white page, after 'Client A'.",
       "<w:p>" + label +
           "<w:r><w:t>Client A</w:t></w:r><w:r><w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr>"
           "<w:t xml:space=\"preserve\"> Marjorie Fairweather</w:t></w:r></w:p>",
       {},
       {{"hidden-data.background-text", 0}},
       {kRedactionClient}},
      {"properties.docx",
       "A custom document property (docProps/custom.xml) that holds an NHS number.",
       "<w:p>" + label + "<w:r><w:t>Client A</w:t></w:r></w:p>",
       {{"docProps/custom.xml",
         std::string(kXmlHead) +
             "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
             "custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/"
             "2006/docPropsVTypes\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" "
             "pid=\"2\" name=\"Client\"><vt:lpwstr>NHS 999 612 0015</vt:lpwstr></property>"
             "</Properties>"}},
       {{"pii.nhs-number", 0}},
       {kRedactionNhs}},
      {"blacked-out-highlight.docx",
       "An NHS number 'redacted' with a black highlight over black text: it looks blacked out, "
       "and is still typed there.",
       "<w:p><w:r><w:t xml:space=\"preserve\">Client A, NHS number </w:t></w:r>"
       "<w:r><w:rPr><w:color w:val=\"000000\"/><w:highlight w:val=\"black\"/></w:rPr>"
       "<w:t>999 612 0015</w:t></w:r></w:p>",
       {},
       {{"redaction.dark-highlight", 1}},
       {kRedactionNhs}},
      {"control-highlights-that-read.docx",
       "Control: a yellow highlight, white and automatic text on black, a light grey table "
       "header, and a real removal ('[redacted]', a row of blocks) under a black highlight.",
       "<w:p><w:r><w:rPr><w:highlight w:val=\"yellow\"/></w:rPr><w:t>Review due in May"
       "</w:t></w:r></w:p>"
       "<w:p><w:r><w:rPr><w:color w:val=\"FFFFFF\"/><w:highlight w:val=\"black\"/></w:rPr>"
       "<w:t>Advocacy contact record</w:t></w:r></w:p>"
       "<w:p><w:r><w:rPr><w:highlight w:val=\"black\"/></w:rPr><w:t>Issue-based advocacy"
       "</w:t></w:r></w:p>"
       "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid>"
       "<w:gridCol w:w=\"9000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"9000\" "
       "w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/></w:tcPr>"
       "<w:p><w:r><w:rPr><w:color w:val=\"000000\"/></w:rPr><w:t>Date of contact</w:t></w:r>"
       "</w:p></w:tc></w:tr></w:tbl>"
       "<w:p><w:r><w:t xml:space=\"preserve\">NHS number: </w:t></w:r>"
       "<w:r><w:rPr><w:color w:val=\"000000\"/><w:highlight w:val=\"black\"/></w:rPr>"
       "<w:t>[redacted]</w:t></w:r></w:p>"
       "<w:p><w:r><w:t xml:space=\"preserve\">Signed: </w:t></w:r>"
       "<w:r><w:rPr><w:color w:val=\"000000\"/><w:highlight w:val=\"black\"/></w:rPr>"
       "<w:t>\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88</w:t></w:r></w:p>",
       {},
       {}},
      {"shape-over-text.docx",
       "An NHS number 'redacted' with a black rectangle laid over it (a shape in front of the "
       "text, as Insert > Shapes draws one): it looks blacked out, and is still typed there. "
       "Where the shape lands takes the page's layout: it is found on the PDF LibreOffice "
       "makes of the file.",
       "<w:p>" + FloatingBox("000000", false, 1600000, -20000, 1100000, 200000) +
           "<w:r><w:t xml:space=\"preserve\">Client A, NHS number 999 612 0015, was seen "
           "today.</w:t></w:r></w:p>",
       {},
       {{"redaction.text-under-box", 1}},
       {kRedactionNhs}},
      {"control-shapes-that-hide-nothing.docx",
       "Control: a black rectangle behind nothing but the margin, in front of the text, and a "
       "yellow one behind a line of text, which reads through it.",
       "<w:p>" + FloatingBox("000000", false, 4800000, 300000, 600000, 200000) +
           FloatingBox("FFFF00", true, 0, -20000, 3000000, 200000) +
           "<w:r><w:t xml:space=\"preserve\">Client A asked for a copy of the plan.</w:t>"
           "</w:r></w:p>",
       {},
       {}},
      {"control-white-on-dark-cell.docx",
       "Control: white text in a table cell shaded dark blue, which shows.",
       "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid>"
       "<w:gridCol w:w=\"9000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"9000\" "
       "w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"1F3864\"/></w:tcPr>"
       "<w:p><w:r><w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr><w:t>Advocacy contact record"
       "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
       {},
       {}},
  };
  for (const Word& w : words) {
    out.Write("redaction/" + w.name, RedactionNoteDocx(w.paragraph, w.extra));
    expect(w.name, w.planted, w.expected, kDocx, w.values);
  }
}

}  // namespace qpm::samples
