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
constexpr char kDrawingClient[] = "Rosalind Quenby";
constexpr char kDrawingNhs[] = "999 524 0025";
constexpr char kDrawnPictureClient[] = "Ottoline Brackenbury";
constexpr char kDrawnPictureNhs[] = "999 524 0033";

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

// The picture inline in a paragraph, `cx` x `cy` EMU, as Word writes a pasted screenshot;
// `name` is the part's file name ("image1.png").
std::string WordPicture(long cx, long cy, const std::string& name) {
  std::string ext = "cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\"";
  return "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
         "<wp:extent " +
         ext +
         "/><wp:docPr id=\"1\" name=\"Picture 1\"/>"
         "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
         "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
         "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
         "<pic:nvPicPr><pic:cNvPr id=\"0\" name=\"" +
         name +
         "\"/><pic:cNvPicPr/></pic:nvPicPr>"
         "<pic:blipFill><a:blip r:embed=\"rId2\"/><a:stretch><a:fillRect/></a:stretch>"
         "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext " +
         ext +
         "/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
         "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

// A Word package whose body is `paragraphs` and whose one picture is word/media/`media`
// (`bytes`, of the content type `type`), in the order Word writes the parts.
std::vector<std::pair<std::string, std::string>> WordPackage(const std::string& paragraphs,
                                                             const std::string& media,
                                                             const std::string& type,
                                                             const std::string& bytes) {
  std::string extension = media.substr(media.rfind('.') + 1);
  std::string document =
      std::string(kXmlHead) +
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
      "<w:body>" +
      paragraphs + "<w:sectPr/></w:body></w:document>";
  std::string content_types =
      std::string(kXmlHead) +
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Default Extension=\"" +
      extension + "\" ContentType=\"" + type +
      "\"/>"
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
      "relationships/image\" Target=\"media/" +
      media +
      "\"/>"
      "</Relationships>";
  return {{"[Content_Types].xml", content_types},
          {"_rels/.rels", package_rels},
          {"word/document.xml", document},
          {"word/_rels/document.xml.rels", document_rels},
          {"word/media/" + media, bytes}};
}

constexpr char kDocxType[] =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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
  PictureSample s;
  s.name = "fail-closed/word-picture.docx";
  s.media_type = kDocxType;
  s.package = WordPackage(
      WordParagraph("Case notes for this week") +
          WordParagraph(
              "The notes from the case management system are pasted below as a screenshot, as "
              "the system does not export them.") +
          WordPicture(cx, cy, "image1.png") +
          WordParagraph("Next visit to be arranged by the advocate."),
      "image1.png", "image/png", png);
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

// `v` as 4 bytes, least significant first (EMF's numbers).
std::string LittleEndian32(uint32_t v) {
  std::string out;
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

std::string Le(int32_t v) { return LittleEndian32(static_cast<uint32_t>(v)); }

// An EMF record: its type, its size, its body (a multiple of 4 bytes).
std::string EmfRecord(uint32_t type, const std::string& body) {
  return LittleEndian32(type) + LittleEndian32(static_cast<uint32_t>(8 + body.size())) + body;
}

std::string Utf16(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

// A Windows enhanced metafile (EMF) that draws `lines` as text in Arial, `height` logical
// units high, on a `width` x `tall` unit canvas: the kind of drawing an older Word or a
// case system's "copy as picture" pastes. Its words are text records, not pixels, so OCR
// has nothing to read; only a program that draws it (LibreOffice) shows them.
std::string Emf(const std::vector<std::string>& lines, int32_t width, int32_t tall,
                int32_t height) {
  std::vector<std::string> records;
  std::string face = Utf16("Arial");
  face.resize(64, '\0');
  // EMR_EXTCREATEFONTINDIRECTW: object 1, a LOGFONTW (height negative: the glyphs' own).
  records.push_back(EmfRecord(
      82, Le(1) + Le(-height) + Le(0) + Le(0) + Le(0) + Le(400) + std::string(8, '\0') + face));
  records.push_back(EmfRecord(37, Le(1)));  // EMR_SELECTOBJECT: the font
  records.push_back(EmfRecord(18, Le(1)));  // EMR_SETBKMODE: transparent
  for (size_t i = 0; i < lines.size(); ++i) {
    int32_t x = height / 2;
    int32_t y = height / 2 + static_cast<int32_t>(i) * height * 3 / 2;
    std::string text = Utf16(lines[i]);
    text.resize((text.size() + 3) / 4 * 4, '\0');
    int32_t right = x + static_cast<int32_t>(lines[i].size()) * height / 2;
    // EMR_EXTTEXTOUTW: bounds, GM_COMPATIBLE, no scale; then an EMRTEXT whose string
    // follows it (offset 76 from the record's start) and with no spacing array, so the
    // program that draws it spaces the letters by the font.
    std::string body = Le(x) + Le(y) + Le(right) + Le(y + height) + Le(1) + Le(0) + Le(0) + Le(x) +
                       Le(y) + LittleEndian32(static_cast<uint32_t>(lines[i].size())) + Le(76) +
                       Le(0) + Le(0) + Le(0) + Le(0) + Le(0) + Le(0) + text;
    records.push_back(EmfRecord(84, body));
  }
  records.push_back(EmfRecord(14, Le(0) + Le(16) + Le(20)));  // EMR_EOF
  size_t size = 88;
  for (const std::string& r : records) size += r.size();
  // EMR_HEADER: bounds in device units, frame in 0.01 mm, signature " EMF", version,
  // size, records, handles, then the reference device: 1024 x 768 pixels, 266 x 200 mm.
  std::string header = Le(0) + Le(0) + Le(width) + Le(tall) + Le(0) + Le(0) + Le(width * 26) +
                       Le(tall * 26) + LittleEndian32(0x464D4520) + LittleEndian32(0x10000) +
                       LittleEndian32(static_cast<uint32_t>(size)) +
                       LittleEndian32(static_cast<uint32_t>(records.size() + 1)) +
                       std::string("\x02\x00\x00\x00", 4) + Le(0) + Le(0) + Le(0) + Le(1024) +
                       Le(768) + Le(266) + Le(200);
  std::string emf = EmfRecord(1, header);
  for (const std::string& r : records) emf += r;
  return emf;
}

// An EMF that shows `g` as a bitmap stretched over `width` x `tall` units
// (EMR_STRETCHDIBITS of a 24-bit DIB): a screenshot pasted as a drawing, which OCR
// cannot decode in the package and LibreOffice draws as an image.
std::string EmfOfBitmap(const Grey& g, int32_t width, int32_t tall) {
  uint32_t row = (static_cast<uint32_t>(g.width) * 3 + 3) / 4 * 4;
  std::string bits;
  for (int y = g.height - 1; y >= 0; --y) {  // a DIB's rows run bottom up
    std::string line;
    for (int x = 0; x < g.width; ++x) {
      char v =
          g.pixels[static_cast<size_t>(y) * static_cast<size_t>(g.width) + static_cast<size_t>(x)];
      line += std::string(3, v);
    }
    line.resize(row, '\0');
    bits += line;
  }
  // BITMAPINFOHEADER: size, width, height, 1 plane, 24 bits, no compression, image size.
  std::string info = Le(40) + Le(g.width) + Le(g.height) + std::string("\x01\x00\x18\x00", 4) +
                     Le(0) + LittleEndian32(static_cast<uint32_t>(bits.size())) + Le(0) + Le(0) +
                     Le(0) + Le(0);
  // Bounds, destination, source rectangle, where the header and bits follow (offsets
  // from the record's start: 80 and 120), DIB_RGB_COLORS, SRCCOPY, destination size.
  std::string body = Le(0) + Le(0) + Le(width) + Le(tall) + Le(0) + Le(0) + Le(0) + Le(0) +
                     Le(g.width) + Le(g.height) + Le(80) + Le(40) + Le(120) +
                     LittleEndian32(static_cast<uint32_t>(bits.size())) + Le(0) +
                     LittleEndian32(0x00CC0020) + Le(width) + Le(tall) + info + bits;
  std::string stretch = EmfRecord(81, body);
  std::string eof = EmfRecord(14, Le(0) + Le(16) + Le(20));
  size_t size = 88 + stretch.size() + eof.size();
  std::string header = Le(0) + Le(0) + Le(width) + Le(tall) + Le(0) + Le(0) + Le(width * 26) +
                       Le(tall * 26) + LittleEndian32(0x464D4520) + LittleEndian32(0x10000) +
                       LittleEndian32(static_cast<uint32_t>(size)) + Le(3) +
                       std::string("\x01\x00\x00\x00", 4) + Le(0) + Le(0) + Le(0) + Le(1024) +
                       Le(768) + Le(266) + Le(200);
  return EmfRecord(1, header) + stretch + eof;
}

PictureSample WordDrawnPictureSample() {
  std::vector<std::string> lines = {
      "Case notes - 21 October 2026",
      std::string("Client: ") + kDrawnPictureClient,
      std::string("NHS number: ") + kDrawnPictureNhs,
      "Phone call. He asked for the advocate to attend the meeting.",
  };
  Grey shot = Typed(lines, 300, 90, 144);
  std::string emf = EmfOfBitmap(shot, shot.width, shot.height);
  long cx = 5400000;  // 15 cm wide, at the screenshot's proportions
  long cy = cx * shot.height / shot.width;
  PictureSample s;
  s.name = "fail-closed/word-drawn-picture.docx";
  s.media_type = kDocxType;
  s.package = WordPackage(
      WordParagraph("Case notes for this week") +
          WordParagraph("The notes are pasted below from the case system as a picture.") +
          WordPicture(cx, cy, "image1.emf"),
      "image1.emf", "image/x-emf", emf);
  s.planted =
      "A Word file whose only copy of the client's name and NHS number (999 range) is a "
      "screenshot of typed notes pasted as a drawing (word/media/image1.emf, an EMF that holds "
      "a " +
      std::to_string(shot.width) + " x " + std::to_string(shot.height) +
      " pixel bitmap): OCR does not decode EMF, so the picture is read on the PDF LibreOffice "
      "makes of the file. Runs replay recorded OCR output (fail-closed/ocr/).";
  s.field = "picture 1 on page 1 as printed";
  s.values = {kDrawnPictureClient, kDrawnPictureNhs};
  return s;
}

PictureSample WordDrawingSample() {
  std::vector<std::string> lines = {
      "Referral - copied from the case system",
      std::string("Client: ") + kDrawingClient,
      std::string("NHS number: ") + kDrawingNhs,
  };
  int32_t width = 800;
  int32_t tall = 200;
  std::string emf = Emf(lines, width, tall, 40);
  long cx = 5400000;  // 15 cm wide, at the drawing's proportions
  long cy = cx * tall / width;
  PictureSample s;
  s.name = "fail-closed/word-drawing.docx";
  s.media_type = kDocxType;
  s.package = WordPackage(WordParagraph("Referral received this week") +
                              WordParagraph("The referral is pasted below from the case system.") +
                              WordPicture(cx, cy, "image1.emf"),
                          "image1.emf", "image/x-emf", emf);
  s.planted =
      "A Word file whose only copy of the client's name and NHS number (999 range) is text in "
      "a drawing pasted into the body (word/media/image1.emf, an EMF that draws three lines "
      "as text records): the body text names nobody, and OCR does not read EMF. They are found "
      "in the PDF LibreOffice makes of the file, which the bundle shows.";
  s.field = "text shown when printed";
  s.values = {kDrawingClient, kDrawingNhs};
  s.printed = true;
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
  return {WordPictureSample(), WordDrawingSample(), WordDrawnPictureSample(), PdfPictureSample()};
}

}  // namespace qpm::samples
