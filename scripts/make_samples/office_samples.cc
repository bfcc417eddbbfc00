// scripts/make_samples/office_samples.cc — see office_samples.h.
#include "office_samples.h"

namespace qpm::samples {
namespace {

constexpr char kXmlHead[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
constexpr char kOdtType[] = "application/vnd.oasis.opendocument.text";
constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Invented people; the NHS numbers are in the never-issued 999 range with a valid check digit.
constexpr char kOdtName[] = "Ottoline Pennyfeather";
constexpr char kOdtNhs[] = "999 472 0007";
constexpr char kRtfName[] = "Lavinia Thistlewood";
constexpr char kRtfNhs[] = "999 583 1007";
constexpr char kXlsxName[] = "Isadora Peverell";
constexpr char kXlsxNhs[] = "999 614 2000";
constexpr char kDeletedName[] = "Jocasta Quenby";
constexpr char kCommentName[] = "Athelstan Quenby";

// An ODT with `body` (raw text:p elements, and any text:tracked-changes first).
std::vector<std::pair<std::string, std::string>> Odt(const std::string& body) {
  const std::string content =
      std::string(kXmlHead) +
      "<office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.2\">"
      "<office:body><office:text>" +
      body + "</office:text></office:body></office:document-content>\n";
  const std::string manifest =
      std::string(kXmlHead) +
      "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
      "manifest:version=\"1.2\">"
      "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" +
      kOdtType +
      "\"/><manifest:file-entry manifest:full-path=\"content.xml\" "
      "manifest:media-type=\"text/xml\"/></manifest:manifest>\n";
  return {{"mimetype", kOdtType}, {"content.xml", content}, {"META-INF/manifest.xml", manifest}};
}

std::string OdtParagraph(const std::string& text) { return "<text:p>" + text + "</text:p>"; }

// A tracked deletion of `deleted` by "Advocate B", and a comment of hers holding `comment`.
std::string OdtChangeAndComment(const std::string& deleted, const std::string& comment) {
  return "<text:tracked-changes><text:changed-region text:id=\"ct1\"><text:deletion>"
         "<office:change-info><dc:creator>Advocate B</dc:creator>"
         "<dc:date>2026-03-03T10:00:00</dc:date></office:change-info>" +
         OdtParagraph(deleted) + "</text:deletion></text:changed-region></text:tracked-changes>" +
         OdtParagraph("Case notes: CF12") +
         OdtParagraph("Client name: <text:change text:change-id=\"ct1\"/>Client A") +
         "<text:p><office:annotation><dc:creator>Advocate B</dc:creator>"
         "<dc:date>2026-03-03T10:00:00</dc:date>" +
         OdtParagraph(comment) +
         "</office:annotation>Visit on 3 March 2026 at the day centre.</text:p>";
}

std::string Rtf(const std::string& body) {
  return "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n"
         "{\\*\\revtbl {Unknown;}{Advocate B;}}\n" +
         body + "}\n";
}

std::string RtfParagraph(const std::string& text) { return "{\\pard " + text + "\\par}\n"; }

// A spreadsheet of one sheet, "Chronology", whose rows are `rows` (two cells each, inline
// strings). Column B is wide and has nothing to its right, so no text is cut off on the page.
std::vector<std::pair<std::string, std::string>> Xlsx(
    const std::vector<std::pair<std::string, std::string>>& rows) {
  const std::string head = std::string(kXmlHead);
  std::string data;
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string r = std::to_string(i + 1);
    data += "<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"inlineStr\"><is><t>" + rows[i].first +
            "</t></is></c><c r=\"B" + r + "\" t=\"inlineStr\"><is><t>" + rows[i].second +
            "</t></is></c></row>";
  }
  const std::string ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return {
      {"[Content_Types].xml",
       head + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              "<Default Extension=\"rels\" "
              "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
              "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
              "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
              "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/"
              "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"},
      {"_rels/.rels", head +
                          "<Relationships "
                          "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                          "<Relationship Id=\"rId1\" Type=\"" +
                          rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", head + "<workbook " + ns + " xmlns:r=\"" + rel +
                              "\"><sheets><sheet name=\"Chronology\" sheetId=\"1\" "
                              "r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       head +
           "<Relationships "
           "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"" +
           rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml",
       head + "<worksheet " + ns +
           "><cols><col min=\"1\" max=\"1\" width=\"14\" customWidth=\"1\"/>"
           "<col min=\"2\" max=\"2\" width=\"70\" customWidth=\"1\"/></cols><sheetData>" +
           data + "</sheetData></worksheet>"},
  };
}

// An OpenDocument spreadsheet of one sheet whose second row's second cell carries a comment
// by "Advocate B" holding `comment`.
std::vector<std::pair<std::string, std::string>> OdsWithComment(const std::string& comment) {
  const char* type = "application/vnd.oasis.opendocument.spreadsheet";
  auto cell = [](const std::string& inside) {
    return "<table:table-cell office:value-type=\"string\">" + inside + "</table:table-cell>";
  };
  const std::string content =
      std::string(kXmlHead) +
      "<office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.2\">"
      "<office:body><office:spreadsheet><table:table table:name=\"Chronology\">"
      "<table:table-row>" +
      cell(OdtParagraph("Date")) + cell(OdtParagraph("Event")) +
      "</table:table-row><table:table-row>" + cell(OdtParagraph("2026-09-01")) +
      cell("<office:annotation><dc:creator>Advocate B</dc:creator>" + OdtParagraph(comment) +
           "</office:annotation>" + OdtParagraph("Referral received")) +
      "</table:table-row></table:table></office:spreadsheet></office:body>"
      "</office:document-content>\n";
  const std::string manifest =
      std::string(kXmlHead) +
      "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
      "manifest:version=\"1.2\">"
      "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" +
      type +
      "\"/><manifest:file-entry manifest:full-path=\"content.xml\" "
      "manifest:media-type=\"text/xml\"/></manifest:manifest>\n";
  return {{"mimetype", type}, {"content.xml", content}, {"META-INF/manifest.xml", manifest}};
}

}  // namespace

std::vector<OfficeSample> OfficeSamples() {
  std::vector<OfficeSample> out;
  const std::vector<std::pair<std::string, int>> fail_closed = {{"pii.nhs-number", 1},
                                                                {"pii.person-name", 1}};
  const std::string odt_body =
      OdtParagraph("Case notes: CF07") +
      OdtParagraph(std::string("Met with Mrs ") + kOdtName + " today at the day centre.") +
      OdtParagraph(std::string("NHS number: ") + kOdtNhs);
  {
    OfficeSample s;
    s.path = "fail-closed/case-notes.odt";
    s.media_type = kOdtType;
    s.entries = Odt(odt_body);
    s.store_first = true;
    s.planted = "An OpenDocument text (.odt) with a client's name and NHS number in its body.";
    s.planted_values = {kOdtName, kOdtNhs};
    s.expected = fail_closed;
    out.push_back(std::move(s));
  }
  {
    OfficeSample s;
    s.path = "fail-closed/case-notes.doc";
    s.media_type = "application/msword";
    s.made_by_libreoffice = true;
    s.planted =
        "A Word 97-2003 document (.doc) with a client's name and NHS number in its body: "
        "fail-closed/case-notes.odt saved as .doc by LibreOffice (scripts/make-legacy-doc).";
    s.planted_values = {kOdtName, kOdtNhs};
    s.expected = fail_closed;
    out.push_back(std::move(s));
  }
  {
    OfficeSample s;
    s.path = "fail-closed/case-notes.rtf";
    s.media_type = "application/rtf";
    s.bytes =
        Rtf(RtfParagraph("Case notes: CF08") +
            RtfParagraph(std::string("Met with Mrs ") + kRtfName + " today at the day centre.") +
            RtfParagraph(std::string("NHS number: ") + kRtfNhs));
    s.planted = "A Rich Text file (.rtf) with a client's name and NHS number in its body.";
    s.planted_values = {kRtfName, kRtfNhs};
    s.expected = fail_closed;
    out.push_back(std::move(s));
  }
  {
    OfficeSample s;
    s.path = "fail-closed/chronology.xlsx";
    s.media_type = kXlsxType;
    s.entries = Xlsx({{"Date", "Event"},
                      {"2026-09-01", "Referral received from the ward"},
                      {"2026-09-03", std::string("Home visit. Client: ") + kXlsxName},
                      {"2026-09-04", std::string("NHS number: ") + kXlsxNhs}});
    s.planted =
        "An Excel workbook (.xlsx), a case chronology, with a client's name and NHS "
        "number in its cells.";
    s.planted_values = {kXlsxName, kXlsxNhs};
    s.expected = fail_closed;
    out.push_back(std::move(s));
  }
  // Tracked changes and comments, found as they are in a .docx (redaction/tracked-changes.docx,
  // redaction/comments.docx).
  const std::string comment = std::string("Her son ") + kCommentName + " called back.";
  {
    OfficeSample s;
    s.path = "redaction/tracked-changes.odt";
    s.media_type = kOdtType;
    s.entries = Odt(OdtChangeAndComment(kDeletedName, comment));
    s.store_first = true;
    s.planted =
        "An ODT with the client's name deleted with changes tracked, and a comment "
        "naming her son: both stay in the file.";
    s.expected = {{"hidden-data.tracked-changes", 0}, {"hidden-data.comments", 0}};
    s.planted_values = {kDeletedName, kCommentName};
    out.push_back(std::move(s));
  }
  {
    OfficeSample s;
    s.path = "redaction/tracked-changes.rtf";
    s.media_type = "application/rtf";
    s.bytes = Rtf(RtfParagraph("Case notes: CF12") +
                  RtfParagraph(std::string("Client name: {\\deleted\\revauthdel1 ") + kDeletedName +
                               "}Client A") +
                  RtfParagraph("{\\*\\atnid AB}{\\*\\atnauthor Advocate B}\\chatn"
                               "{\\*\\annotation\\pard " +
                               comment + "}Visit on 3 March 2026 at the day centre."));
    s.planted =
        "An RTF with the client's name deleted with changes tracked, and a comment "
        "naming her son: both stay in the file.";
    s.expected = {{"hidden-data.tracked-changes", 0}, {"hidden-data.comments", 0}};
    s.planted_values = {kDeletedName, kCommentName};
    out.push_back(std::move(s));
  }
  {
    OfficeSample s;
    s.path = "redaction/comment.ods";
    s.media_type = "application/vnd.oasis.opendocument.spreadsheet";
    s.entries = OdsWithComment(comment);
    s.store_first = true;
    s.planted =
        "A spreadsheet cell with a comment naming the client's son: LibreOffice exports "
        "it as a PDF comment, which is read.";
    s.expected = {{"hidden-data.comments", 0}};
    s.planted_values = {kCommentName};
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace qpm::samples
