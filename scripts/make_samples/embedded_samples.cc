#include "embedded_samples.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "file_bits.h"

namespace qpm::samples {
namespace {

// Invented: no such person. The NHS number is in the never-issued 999 range, with a
// valid check digit.
constexpr char kClient[] = "Rosalind Hartigan";
constexpr char kNhs[] = "999 407 2137";

}  // namespace

std::string PdfWithAttachments(
    const std::vector<std::string>& lines,
    const std::vector<std::pair<std::string, std::string>>& attachments) {
  std::string content;
  int y = 780;
  for (const std::string& line : lines) {
    content += "BT /F1 12 Tf 72 " + std::to_string(y) + " Td " + PdfLiteral(line) + " Tj ET\n";
    y -= 18;
  }
  // 1 catalog, 2 page tree, 3 page, 4 font, 5 contents, then each file and its specification.
  std::string names;
  std::vector<std::string> files;
  int next = 6;
  for (const auto& [name, bytes] : attachments) {
    files.push_back("<< /Type /EmbeddedFile /Length " + std::to_string(bytes.size()) +
                    " /Params << /Size " + std::to_string(bytes.size()) + " >> >>\nstream\n" +
                    bytes + "\nendstream");
    files.push_back("<< /Type /Filespec /F " + PdfLiteral(name) + " /UF " + PdfLiteral(name) +
                    " /EF << /F " + std::to_string(next) + " 0 R >> >>");
    names += PdfLiteral(name) + " " + std::to_string(next + 1) + " 0 R ";
    next += 2;
  }
  std::vector<std::string> bodies = {
      "<< /Type /Catalog /Pages 2 0 R" +
          (names.empty() ? std::string()
                         : " /Names << /EmbeddedFiles << /Names [" + names + "] >> >>") +
          " >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R "
      ">> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream"};
  for (std::string& f : files) bodies.push_back(std::move(f));
  return PdfFile(bodies, "1.7");
}

FailClosedSample AttachmentInPdfSample(
    const std::function<std::string(const std::vector<std::string>& paragraphs)>& make_docx) {
  FailClosedSample s;
  s.name = "attachment-in-pdf.pdf";
  s.client = kClient;
  s.nhs = kNhs;
  std::string docx = make_docx({
      "Case notes: CF01",
      std::string("Met with Mrs ") + kClient +
          " today at the day centre to talk about her "
          "move to supported housing.",
      std::string("Client: ") + kClient + ", NHS number " + kNhs + ".",
      "She asked for a copy of the advocacy agreement before the next visit.",
  });
  // The PDF itself says nothing about anyone: only the Word file attached to it does.
  s.bytes = PdfWithAttachments(
      {"Case file CF01: cover sheet", "Advocacy case file. The case notes are attached to this",
       "PDF as a Word document (case-notes.docx).", "Prepared for the quality mark assessment."},
      {{"case-notes.docx", docx}});
  s.planted =
      "Fail-closed: a PDF of ordinary text with a Word file attached to it "
      "(/EmbeddedFiles); only the Word file's body holds the client's name and NHS "
      "number. The attachment is read as a document of its own.";
  s.finding_file = s.name + " > case-notes.docx";
  s.finding_page = -1;  // a Word body: findings have no page
  return s;
}

}  // namespace qpm::samples
