// scripts/make_samples/docx_package.cc — see docx_package.h.
#include "docx_package.h"

#include <string>
#include <utility>
#include <vector>

#include "fixed_values.h"
#include "zip_writer.h"

namespace qpm::samples {

std::string DocxPackage(const std::string& document, const std::string& styles,
                        const std::string& title, const std::string& creator,
                        const std::vector<std::pair<std::string, std::string>>& extra) {
  const std::string xml_head = kXmlHead;
  // Comments are a part the document refers to (w:commentReference): LibreOffice refuses the
  // whole file when the document's relationships do not name it, as Word always writes them.
  bool comments = false;
  for (const auto& part : extra) comments = comments || part.first == "word/comments.xml";
  const std::string content_types =
      xml_head +
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>" +
      std::string(comments ? "<Override PartName=\"/word/comments.xml\" ContentType=\"application/"
                             "vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>"
                           : "") +
      "</Types>";
  const std::string package_rels =
      xml_head +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"word/document.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
      "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
      "</Relationships>";
  const std::string document_rels =
      xml_head +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/styles\" Target=\"styles.xml\"/>" +
      std::string(comments ? "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
                             "officeDocument/2006/relationships/comments\" "
                             "Target=\"comments.xml\"/>"
                           : "") +
      "</Relationships>";
  const std::string core =
      xml_head +
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      "<dc:title>" +
      title + "</dc:title><dc:creator>" + creator + "</dc:creator><cp:lastModifiedBy>" + creator +
      "</cp:lastModifiedBy><cp:revision>1</cp:revision>"
      "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" +
      std::string(kIsoDate) + "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" +
      kIsoDate + "</dcterms:modified></cp:coreProperties>";
  ZipWriter zip;
  // [Content_Types].xml first, as Word writes it; some readers sniff for it there.
  zip.Add("[Content_Types].xml", content_types);
  zip.Add("_rels/.rels", package_rels);
  zip.Add("word/document.xml", document);
  zip.Add("word/_rels/document.xml.rels", document_rels);
  zip.Add("word/styles.xml", styles);
  zip.Add("docProps/core.xml", core);
  for (const auto& [name, bytes] : extra) zip.Add(name, bytes);
  return zip.Finish();
}

std::string WordTableBorders() {
  std::string border;
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    border += std::string("<w:") + side +
              " w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
              "w:color=\"000000\"/>";
  }
  return "<w:tblBorders>" + border + "</w:tblBorders>";
}

}  // namespace qpm::samples
