// scripts/make_samples/word_samples.cc — see word_samples.h.
#include "word_samples.h"

#include <string>

#include "docx_package.h"
#include "fixed_values.h"

namespace qpm::samples {
namespace {

std::string SafeguardingDocx() {
  const std::string xml_head = kXmlHead;
  const std::string w_ns = kWordNs;
  const std::string styles =
      xml_head + "<w:styles " + w_ns +
      "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/>"
      "<w:sz w:val=\"22\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
      "<w:spacing w:after=\"160\"/></w:pPr></w:pPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
      "<w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:rPr><w:b/>"
      "<w:sz w:val=\"40\"/></w:rPr></w:style>"
      "</w:styles>";
  auto paragraph = [](const std::string& text) {
    return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
  };
  auto cell = [](const std::string& text, int width, bool bold) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) +
           "\" w:type=\"dxa\"/></w:tcPr><w:p><w:r>" + (bold ? "<w:rPr><w:b/></w:rPr>" : "") +
           "<w:t>" + text + "</w:t></w:r></w:p></w:tc>";
  };
  const std::string document =
      xml_head + "<w:document " + w_ns + "><w:body>" +
      "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Safeguarding Policy</w:t></w:r>"
      "</w:p>" +
      paragraph(
          "Example Advocacy is committed to protecting adults at risk of abuse or neglect. "
          "Safeguarding adults is everyone's business, and every member of staff, "
          "volunteer and trustee must act on a concern without delay.") +
      paragraph(
          "An advocate who has a concern makes sure the person is safe from immediate "
          "harm, then tells the Designated Safeguarding Lead the same working day. The "
          "person's wishes about what happens next are sought and recorded.") +
      paragraph(
          "This policy is reviewed every year by the chief officer. Review date: "
          "2027-06-30.") +
      "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/>" + WordTableBorders() +
      "</w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"6000\"/>"
      "</w:tblGrid>" +
      "<w:tr>" + cell("Role", 3000, true) + cell("Responsibility", 6000, true) + "</w:tr>" +
      "<w:tr>" + cell("Designated Safeguarding Lead", 3000, false) +
      cell(
          "Advises staff, decides on referrals to the local authority and keeps the "
          "safeguarding log.",
          6000, false) +
      "</w:tr></w:tbl><w:p/>"
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" "
      "w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>"
      "</w:sectPr></w:body></w:document>";
  return DocxPackage(document, styles, "Safeguarding Policy", kOrganisation);
}

}  // namespace

void WriteDocx(Output& out) {
  out.Write("word/safeguarding-policy.docx", SafeguardingDocx());
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 0, {}, kAllProblemRules, "info",
                         {DocJson("safeguarding-policy.docx", kDocx, 1, "read")}));
  out.Expect("word/safeguarding-policy.docx",
             "A minimal Word document (title, three paragraphs, a two-row table; creator "
             "'Example Advocacy') whose body says 'Safeguarding adults is everyone's business'.",
             runs);
}

}  // namespace qpm::samples
