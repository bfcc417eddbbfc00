#include "pictures_samples.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <zlib.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "file_bits.h"

namespace qpm::samples {
namespace {

// Every person here is invented; the NHS numbers are in the never-issued 999 range, with a
// valid check digit.
constexpr char kWordClient[] = "Philippa Thistlewood";
constexpr char kWordNhs[] = "999 524 0009";
constexpr char kPdfClient[] = "Cornelius Ashdown";
constexpr char kPdfNhs[] = "999 524 0017";

[[noreturn]] void Fail(const std::string& why) { throw std::runtime_error(why); }

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string Stream(const std::string& dict, const std::string& data) {
  return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
         "\nendstream";
}

// Lines of Helvetica, `size` points, from the top left of a `width` x `height` page.
std::string TextOps(const std::vector<std::string>& lines, double x, double top, double size,
                    double leading) {
  std::string ops;
  for (size_t i = 0; i < lines.size(); ++i) {
    ops += "BT /F1 " + Num(size) + " Tf " + Num(x) + " " +
           Num(top - size - leading * static_cast<double>(i)) + " Td " + PdfLiteral(lines[i]) +
           " Tj ET\n";
  }
  return ops;
}

const char kFont[] =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

// A grey image: 0 black, 255 white, rows top to bottom.
struct Grey {
  int width = 0;
  int height = 0;
  std::string pixels;
};

// What a window of typed case notes looks like on screen: the lines drawn by Poppler on a
// `width` x `height` point card with a thin frame, at `dpi`.
Grey Typed(const std::vector<std::string>& lines, double width, double height, double dpi) {
  std::string ops = "0.6 G 1 w 1 1 " + Num(width - 2) + " " + Num(height - 2) + " re S\n0 g\n" +
                    TextOps(lines, 10, height - 8, 11, 16);
  std::string pdf =
      PdfFile({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + Num(width) + " " + Num(height) +
                   "] /Resources << /Font << /F1 4 0 R >> >> " + "/Contents 5 0 R >>",
               kFont, Stream("", ops)},
              "1.4");
  std::vector<char> data(pdf.begin(), pdf.end());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_data(&data));
  if (!doc) Fail("Poppler cannot open the typed notes");
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) Fail("Poppler cannot render the typed notes");
  Grey out;
  out.width = image.width();
  out.height = image.height();
  for (int y = 0; y < out.height; ++y) {
    out.pixels.append(image.const_data() + static_cast<ptrdiff_t>(y) * image.bytes_per_row(),
                      static_cast<size_t>(out.width));
  }
  return out;
}

// An 8-bit grey PNG that states no resolution, as a screenshot tool writes it.
std::string Png(const Grey& g) {
  std::string raw;
  for (int y = 0; y < g.height; ++y) {
    raw += '\0';  // filter: none
    raw.append(g.pixels, static_cast<size_t>(y) * static_cast<size_t>(g.width),
               static_cast<size_t>(g.width));
  }
  std::string header = BigEndian32(static_cast<uint32_t>(g.width)) +
                       BigEndian32(static_cast<uint32_t>(g.height)) +
                       std::string("\x08\x00\x00\x00\x00", 5);  // 8 bits, grey
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", header) +
         PngChunk("IDAT", Deflate(raw)) + PngChunk("IEND", "");
}

constexpr char kXmlHead[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

std::string WordParagraph(const std::string& text) {
  return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

// The picture inline in a paragraph, `cx` x `cy` EMU, as Word writes a pasted screenshot.
std::string WordPicture(long cx, long cy) {
  std::string ext = "cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\"";
  return "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
         "<wp:extent " +
         ext +
         "/><wp:docPr id=\"1\" name=\"Picture 1\"/>"
         "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
         "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
         "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
         "<pic:nvPicPr><pic:cNvPr id=\"0\" name=\"image1.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
         "<pic:blipFill><a:blip r:embed=\"rId2\"/><a:stretch><a:fillRect/></a:stretch>"
         "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext " +
         ext +
         "/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
         "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

PictureSample WordPictureSample() {
  std::vector<std::string> lines = {
      "Case notes - 14 October 2026",
      std::string("Client: ") + kWordClient,
      std::string("NHS number: ") + kWordNhs,
      "Home visit. She wants to stay in her own flat and asked",
      "for help to prepare for the review meeting next month.",
  };
  // 300 x 110 points drawn at 144 dpi: a screenshot from a screen at twice the usual density.
  Grey shot = Typed(lines, 300, 110, 144);
  std::string png = Png(shot);
  // Shown 15 cm wide in the document, at the screenshot's own proportions.
  long cx = 5400000;
  long cy = cx * shot.height / shot.width;
  std::string document =
      std::string(kXmlHead) +
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
      "<w:body>" +
      WordParagraph("Case notes for this week") +
      WordParagraph(
          "The notes from the case management system are pasted below as a screenshot, as "
          "the system does not export them.") +
      WordPicture(cx, cy) + WordParagraph("Next visit to be arranged by the advocate.") +
      "<w:sectPr/></w:body></w:document>";
  std::string content_types =
      std::string(kXmlHead) +
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Default Extension=\"png\" ContentType=\"image/png\"/>"
      "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "</Types>";
  std::string package_rels =
      std::string(kXmlHead) +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"word/document.xml\"/>"
      "</Relationships>";
  std::string document_rels =
      std::string(kXmlHead) +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/image\" Target=\"media/image1.png\"/>"
      "</Relationships>";
  PictureSample s;
  s.name = "fail-closed/word-picture.docx";
  s.media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  s.package = {{"[Content_Types].xml", content_types},
               {"_rels/.rels", package_rels},
               {"word/document.xml", document},
               {"word/_rels/document.xml.rels", document_rels},
               {"word/media/image1.png", png}};
  s.planted =
      "A Word file of case notes whose only copy of the client's name and NHS number (999 "
      "range) is a screenshot of typed notes pasted into the body (word/media/image1.png, a " +
      std::to_string(shot.width) + " x " + std::to_string(shot.height) +
      " pixel grey PNG): the body text names nobody. Runs replay recorded OCR output "
      "(fail-closed/ocr/).";
  s.field = "picture word/media/image1.png";
  s.values = {kWordClient, kWordNhs};
  return s;
}

PictureSample PdfPictureSample() {
  // The page: a visit record in Helvetica at the top, and below it a picture of the notes.
  std::vector<std::string> text = {
      "Visit record",
      "The advocate met the client at the day centre on 2 October 2026.",
      "They talked about the move and what matters most to the client.",
      "The notes taken on the tablet during the visit are shown below.",
  };
  std::vector<std::string> notes = {
      "Notes taken during the visit",
      std::string("Client: ") + kPdfClient,
      std::string("NHS number: ") + kPdfNhs,
      "He would like his daughter to be told about the meeting.",
  };
  // 320 x 90 points of notes at 150 dpi, shown at that size on the page.
  double w = 320;
  double h = 90;
  Grey shot = Typed(notes, w, h, 150);
  double x = 72;
  double y = 842 - 72 - 4 * 18 - 24 - h;  // below the text, from the page's bottom
  std::string ops = TextOps(text, 72, 842 - 72, 11, 18) + "q " + Num(w) + " 0 0 " + Num(h) + " " +
                    Num(x) + " " + Num(y) + " cm /Im1 Do Q\n";
  std::string image = Stream("/Type /XObject /Subtype /Image /Width " + std::to_string(shot.width) +
                                 " /Height " + std::to_string(shot.height) +
                                 " /ColorSpace /DeviceGray /BitsPerComponent 8 "
                                 "/Filter /FlateDecode",
                             Deflate(shot.pixels));
  std::string pdf =
      PdfFile({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
               "<< /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >> "
               "/Contents 5 0 R >>",
               kFont, Stream("", ops), image},
              "1.4");
  PictureSample s;
  s.name = "fail-closed/picture-on-text-page.pdf";
  s.media_type = "application/pdf";
  s.bytes = pdf;
  s.planted =
      "A one-page PDF visit record: four lines of ordinary text that name nobody, and below "
      "them a picture of typed notes (" +
      std::to_string(shot.width) + " x " + std::to_string(shot.height) +
      " grey pixels shown 320 x 90 points) whose only copy of the client's name and NHS number "
      "(999 range) is in its pixels. Runs replay recorded OCR output (fail-closed/ocr/).";
  s.page = 1;
  s.values = {kPdfClient, kPdfNhs};
  return s;
}

}  // namespace

std::vector<PictureSample> FailClosedPictureSamples() {
  return {WordPictureSample(), PdfPictureSample()};
}

}  // namespace qpm::samples
