#include "redaction_samples.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <zlib.h>

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "file_bits.h"

namespace qpm::samples {
namespace {

constexpr const auto& kClient = kRedactionClient;
constexpr const auto& kNhs = kRedactionNhs;
constexpr char kRelative[] = "Edna Fairweather";

[[noreturn]] void Fail(const std::string& why) { throw std::runtime_error(why); }

// Courier, a base-14 font: every glyph is 0.6 em wide, so where a word lies is exact.
constexpr double kSize = 11;
constexpr double kAdvance = 0.6 * kSize;
constexpr double kLeft = 72;

// The case note every sample shows, a line at a time; the client's name follows the label
// on the first line.
constexpr char kLabel[] = "Client name: ";
const std::vector<std::string>& Lines() {
  static const std::vector<std::string> kLines = {
      std::string(kLabel) + kClient,
      "Visit on 3 March 2026 at the day centre.",
      "She asked for a copy of her notes.",
      "Next review: June 2026.",
  };
  return kLines;
}
double LineY(size_t i) { return 740 - 20 * static_cast<double>(i); }

// Where the name lies on the first line, and a bar that covers it with a point to spare.
struct Rect {
  double x0, y0, x1, y1;
};
Rect NameBar() {
  double x0 = kLeft + kAdvance * (sizeof kLabel - 1);
  double x1 = x0 + kAdvance * (sizeof kClient - 1);
  return Rect{x0 - 1, LineY(0) - 4, x1 + 1, LineY(0) + 10};
}
std::string Re(const Rect& r) {
  return std::to_string(r.x0) + " " + std::to_string(r.y0) + " " + std::to_string(r.x1 - r.x0) +
         " " + std::to_string(r.y1 - r.y0) + " re";
}
std::string RectArray(const Rect& r) {
  return "[" + std::to_string(r.x0) + " " + std::to_string(r.y0) + " " + std::to_string(r.x1) +
         " " + std::to_string(r.y1) + "]";
}

// One line of text in Courier, in render mode `mode` (0 filled, 3 invisible).
std::string TextLine(double x, double y, std::string_view text, double size = kSize, int mode = 0) {
  return "BT /F1 " + std::to_string(size) + " Tf " + std::to_string(mode) + " Tr " +
         std::to_string(x) + " " + std::to_string(y) + " Td " + PdfLiteral(text) + " Tj ET\n";
}

// The title and the case note, drawn from `first` on ("Client name: " alone when `name` is
// false: the name truly removed).
std::string Note(bool name = true, int mode = 0) {
  std::string out = TextLine(kLeft, 780, "Case notes: CF12", 14, mode);
  for (size_t i = 0; i < Lines().size(); ++i) {
    out +=
        TextLine(kLeft, LineY(i), i == 0 && !name ? std::string(kLabel) : Lines()[i], kSize, mode);
  }
  return out;
}

std::string Stream(const std::string& dict, const std::string& data) {
  return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
         "\nendstream";
}

// A one-page PDF. Objects 1-5 are fixed: catalog, pages, page, content, font; object 6 is
// the Info dictionary; `objects` follow from 7 on, then one object per annotation.
struct PageSpec {
  std::string content;
  std::string resources;  // more entries of /Resources
  std::string page;       // more entries of the page dictionary
  std::string catalog;    // more entries of the catalog
  std::string info = "/Producer (qpm-intake make_samples)";
  std::vector<std::string> objects;  // objects 7, 8, ...
  std::vector<std::string> annots;   // annotation dictionaries, after `objects`
};

// A PDF written object by object, with a cross-reference table; `Update` appends an
// incremental update, as a PDF editor saving changes does.
class RawPdf {
 public:
  explicit RawPdf(std::vector<std::string> objects) : objects_(std::move(objects)) {}

  std::string Bytes() {
    std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects_.size(); ++i) {
      offsets.push_back(out.size());
      out += std::to_string(i + 1) + " 0 obj\n" + objects_[i] + "\nendobj\n";
    }
    xref_ = out.size();
    out += "xref\n0 " + std::to_string(objects_.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t off : offsets) out += Offset(off) + " 00000 n \n";
    out += "trailer\n<< /Size " + std::to_string(objects_.size() + 1) +
           " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" + std::to_string(xref_) + "\n%%EOF\n";
    return out;
  }

  // `base` (what Bytes() gave) with object `id` replaced by `object`.
  std::string Update(std::string base, int id, const std::string& object) const {
    size_t at = base.size();
    base += std::to_string(id) + " 0 obj\n" + object + "\nendobj\n";
    size_t xref = base.size();
    base += "xref\n" + std::to_string(id) + " 1\n" + Offset(at) + " 00000 n \n";
    base += "trailer\n<< /Size " + std::to_string(objects_.size() + 1) +
            " /Root 1 0 R /Info 6 0 R /Prev " + std::to_string(xref_) + " >>\nstartxref\n" +
            std::to_string(xref) + "\n%%EOF\n";
    return base;
  }

 private:
  static std::string Offset(size_t off) {
    std::string s = std::to_string(off);
    return std::string(10 - s.size(), '0') + s;
  }
  std::vector<std::string> objects_;
  size_t xref_ = 0;
};

std::vector<std::string> Objects(const PageSpec& spec) {
  int first_annot = 7 + static_cast<int>(spec.objects.size());
  std::string annots;
  for (size_t i = 0; i < spec.annots.size(); ++i) {
    annots += std::to_string(first_annot + static_cast<int>(i)) + " 0 R ";
  }
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R " + spec.catalog + " >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << "
      "/Font << /F1 5 0 R >> " +
          spec.resources + " >> " + (annots.empty() ? "" : "/Annots [" + annots + "] ") +
          spec.page + " >>",
      Stream("", spec.content),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
      "<< " + spec.info + " >>",
  };
  for (const std::string& o : spec.objects) objects.push_back(o);
  for (const std::string& a : spec.annots) objects.push_back(a);
  return objects;
}

std::string Pdf(const PageSpec& spec) { return RawPdf(Objects(spec)).Bytes(); }

// The case note as a scan would show it: rendered by Poppler at 150 dpi in grey, with the
// name blacked out in the pixels when `bar`. Returns an image XObject.
constexpr int kScanDpi = 150;
std::string ScanImage(bool bar) {
  PageSpec spec;
  spec.content = Note();
  std::string pdf = Pdf(spec);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) Fail("Poppler cannot open the note it is to scan");
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::image image = renderer.render_page(page.get(), kScanDpi, kScanDpi);
  if (!image.is_valid()) Fail("Poppler cannot render the note it is to scan");
  int w = image.width(), h = image.height();
  std::string raw;
  raw.reserve(static_cast<size_t>(w) * static_cast<size_t>(h));
  for (int y = 0; y < h; ++y) {
    const char* row = image.const_data() + static_cast<ptrdiff_t>(y) * image.bytes_per_row();
    raw.append(row, static_cast<size_t>(w));
  }
  if (bar) {
    double k = kScanDpi / 72.0;
    Rect r = NameBar();
    int x0 = static_cast<int>(r.x0 * k), x1 = static_cast<int>(r.x1 * k);
    int y0 = static_cast<int>((842 - r.y1) * k), y1 = static_cast<int>((842 - r.y0) * k);
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x)
        raw[static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)] = 0;
    }
  }
  return Stream("/Type /XObject /Subtype /Image /Width " + std::to_string(w) + " /Height " +
                    std::to_string(h) +
                    " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
                Deflate(raw));
}

constexpr char kDrawScan[] = "q 595 0 0 842 0 0 cm /Im1 Do Q\n";

RedactionSample Leak(std::string name, std::string planted, std::string rule, int page,
                     std::string bytes, std::vector<std::string> values) {
  RedactionSample r{
      std::move(name), std::move(bytes), std::move(planted), {{std::move(rule), page}}};
  r.planted_values = std::move(values);
  return r;
}

}  // namespace

const std::vector<std::string>& RedactionRuleIds() {
  static const std::vector<std::string> kIds = {
      "redaction.text-under-box",
      "redaction.ocr-layer-under-box",
      "redaction.not-applied",
      "redaction.dark-highlight",
      "hidden-data.background-text",
      "hidden-data.invisible-text",
      "hidden-data.tiny-text",
      "hidden-data.off-page-text",
      "hidden-data.hidden-layer",
      "hidden-data.earlier-revision",
      "hidden-data.script",
      "hidden-data.hidden-text",
      "hidden-data.tracked-changes",
      "hidden-data.comments",
      "hidden-data.hidden-form-field",
  };
  return kIds;
}

std::vector<RedactionSample> RedactionPdfSamples() {
  std::vector<RedactionSample> out;
  const Rect bar = NameBar();
  const std::string black_bar = "0 g " + Re(bar) + " f\n";

  PageSpec s;
  s.content = Note() + black_bar;
  out.push_back(Leak("box-over-text.pdf",
                     "A black rectangle (re f) drawn after the client's name, which stays in the "
                     "text layer.",
                     "redaction.text-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = Note() + "0 0 0 1 k " + std::to_string(bar.x0) + " " + std::to_string(bar.y0) +
              " m " + std::to_string(bar.x1) + " " + std::to_string(bar.y0) + " l " +
              std::to_string(bar.x1) + " " + std::to_string(bar.y1) + " l " +
              std::to_string(bar.x0) + " " + std::to_string(bar.y1) + " l h f\n";
  out.push_back(Leak("path-box-over-text.pdf",
                     "A black box drawn as a closed path (m l l l h f) in CMYK over the name.",
                     "redaction.text-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = Note() + "q 1 0 0 1 " + std::to_string(bar.x0) + " " + std::to_string(bar.y0) +
              " cm /Fx1 Do Q\n";
  s.resources = "/XObject << /Fx1 7 0 R >>";
  s.objects = {Stream("/Type /XObject /Subtype /Form /BBox [0 0 " +
                          std::to_string(bar.x1 - bar.x0) + " " + std::to_string(bar.y1 - bar.y0) +
                          "]",
                      "0 g 0 0 " + std::to_string(bar.x1 - bar.x0) + " " +
                          std::to_string(bar.y1 - bar.y0) + " re f")};
  out.push_back(Leak("xobject-box-over-text.pdf",
                     "The black box is a Form XObject, drawn with Do over the name.",
                     "redaction.text-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = Note() + "q " + std::to_string(bar.x1 - bar.x0) + " 0 0 " +
              std::to_string(bar.y1 - bar.y0) + " " + std::to_string(bar.x0) + " " +
              std::to_string(bar.y0) + " cm /Im1 Do Q\n";
  s.resources = "/XObject << /Im1 7 0 R >>";
  s.objects = {
      Stream("/Type /XObject /Subtype /Image /Width 4 /Height 1 /ColorSpace /DeviceGray "
             "/BitsPerComponent 8",
             std::string(4, '\0'))};
  out.push_back(Leak("image-over-text.pdf", "A black image placed over the name.",
                     "redaction.text-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = Note();
  s.objects = {Stream("/Type /XObject /Subtype /Form /BBox [0 0 " +
                          std::to_string(bar.x1 - bar.x0) + " " + std::to_string(bar.y1 - bar.y0) +
                          "]",
                      "0 g 0 0 " + std::to_string(bar.x1 - bar.x0) + " " +
                          std::to_string(bar.y1 - bar.y0) + " re f")};
  s.annots = {"<< /Type /Annot /Subtype /Square /Rect " + RectArray(bar) +
              " /C [0 0 0] /IC [0 0 0] /F 4 /T (Advocate B) /AP << /N 7 0 R >> >>"};
  out.push_back(Leak("annotation-over-text.pdf",
                     "A black-filled Square annotation (a drawn box, as a PDF reader's comment "
                     "tools make) over the name.",
                     "redaction.text-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = Note();
  {
    std::string w = std::to_string(bar.x1 - bar.x0), h = std::to_string(bar.y1 - bar.y0);
    s.objects = {Stream("/Type /XObject /Subtype /Form /BBox [0 0 " + w + " " + h +
                            "] /Resources << /ExtGState << /G0 << /BM /Multiply >> >> >>",
                        "/G0 gs 0 g 0 0 " + w + " " + h + " re f")};
    s.annots = {"<< /Type /Annot /Subtype /Highlight /Rect " + RectArray(bar) + " /QuadPoints [" +
                std::to_string(bar.x0) + " " + std::to_string(bar.y1) + " " +
                std::to_string(bar.x1) + " " + std::to_string(bar.y1) + " " +
                std::to_string(bar.x0) + " " + std::to_string(bar.y0) + " " +
                std::to_string(bar.x1) + " " + std::to_string(bar.y0) +
                "] /C [0 0 0] /F 4 /T (Advocate B) /AP << /N 7 0 R >> >>"};
  }
  out.push_back(Leak("highlight-over-text.pdf",
                     "A black Highlight annotation (blended by Multiply, as highlights are) over "
                     "the name: black times anything is black.",
                     "redaction.text-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  {
    std::string hatch = "q " + Re(bar) + " W n 1 G 1 w\n";
    for (double x = bar.x0 - 20; x < bar.x1; x += 5) {
      hatch += std::to_string(x) + " " + std::to_string(bar.y0) + " m " + std::to_string(x + 14) +
               " " + std::to_string(bar.y1) + " l S\n";
    }
    s.content = Note() + black_bar + hatch + "Q\n";
  }
  out.push_back(Leak("cross-hatched-bar.pdf",
                     "A black bar with white diagonal hatching over the name: no single colour.",
                     "redaction.text-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = Note() + "BT /F1 11 Tf 0 1 -1 0 300 400 Tm " + PdfLiteral(kClient) +
              " Tj ET\n0 g 290 396 14 " + std::to_string(kAdvance * (sizeof kClient - 1) + 8) +
              " re f\n";
  out.push_back(Leak("rotated-box-over-text.pdf",
                     "The name again, turned to run up the page (as in a margin note), under a "
                     "black box.",
                     "redaction.text-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = black_bar + Note();
  out.push_back(Leak("black-on-black.pdf",
                     "A black bar drawn first, then the note in black on top of it: the name is "
                     "black on black.",
                     "redaction.text-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = std::string(kDrawScan) + Note(true, 3);
  s.resources = "/XObject << /Im1 7 0 R >>";
  s.objects = {ScanImage(true)};
  out.push_back(Leak("ocr-layer-under-bar.pdf",
                     "A scan with the name blacked out in its pixels, and an invisible OCR text "
                     "layer that still holds the name under the black.",
                     "redaction.ocr-layer-under-box", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = Note() + "1 g\n" + TextLine(kLeft, 600, std::string("NHS ") + kNhs);
  out.push_back(Leak("white-text.pdf", "An NHS number in white on the white page, below the note.",
                     "hidden-data.background-text", 1, Pdf(s), {kNhs}));

  s = PageSpec{};
  s.content = Note() + TextLine(kLeft, 600, std::string("Mother: ") + kRelative, 0.8);
  out.push_back(Leak("tiny-text.pdf", "A relative's name in 0.8-point text below the note.",
                     "hidden-data.tiny-text", 1, Pdf(s), {kRelative}));

  s = PageSpec{};
  s.content = Note() + TextLine(kLeft, 40, std::string("NHS ") + kNhs);
  s.page = "/CropBox [0 100 595 842]";
  out.push_back(Leak("off-page-text.pdf",
                     "An NHS number near the foot of the page, below the crop box: a reader "
                     "shows the page without it.",
                     "hidden-data.off-page-text", 1, Pdf(s), {kNhs}));

  s = PageSpec{};
  s.content = Note();
  s.annots = {"<< /Type /Annot /Subtype /Redact /Rect " + RectArray(bar) + " /QuadPoints [" +
              std::to_string(bar.x0) + " " + std::to_string(bar.y1) + " " + std::to_string(bar.x1) +
              " " + std::to_string(bar.y1) + " " + std::to_string(bar.x0) + " " +
              std::to_string(bar.y0) + " " + std::to_string(bar.x1) + " " + std::to_string(bar.y0) +
              "] /IC [0 0 0] /C [1 0 0] /T (Advocate B) >>"};
  out.push_back(Leak("redaction-not-applied.pdf",
                     "A Redact annotation marking the name, never applied: the name is still "
                     "the page's text.",
                     "redaction.not-applied", 1, Pdf(s), {kClient}));

  s = PageSpec{};
  s.content = Note() + "/OC /oc1 BDC\n" +
              TextLine(kLeft, 600, std::string("Reviewer: NHS ") + kNhs) + "EMC\n";
  s.resources = "/Properties << /oc1 7 0 R >>";
  s.catalog = "/OCProperties << /OCGs [7 0 R] /D << /Order [7 0 R] /OFF [7 0 R] >> >>";
  s.objects = {"<< /Type /OCG /Name (Reviewer notes) >>"};
  out.push_back(Leak("hidden-layer.pdf",
                     "An NHS number in an optional-content layer ('Reviewer notes') that is "
                     "switched off.",
                     "hidden-data.hidden-layer", 1, Pdf(s), {kNhs}));

  s = PageSpec{};
  s.content = Note();
  s.catalog = "/OpenAction 7 0 R";
  s.objects = {"<< /Type /Action /S /JavaScript /JS (app.alert\\('Opened'\\);) >>"};
  out.push_back(Leak("javascript.pdf", "JavaScript that runs when the file opens.",
                     "hidden-data.script", 0, Pdf(s), {}));

  {
    s = PageSpec{};
    s.content = Note();
    RawPdf pdf(Objects(s));
    std::string first = pdf.Bytes();
    std::string redacted = Note(false) + TextLine(kLeft + kAdvance * 13, LineY(0), "[REDACTED]");
    out.push_back(Leak("earlier-revision.pdf",
                       "Saved twice: the first version names the client, an incremental update "
                       "replaces the name with [REDACTED]; the first version is still in the "
                       "file.",
                       "hidden-data.earlier-revision", 1,
                       pdf.Update(first, 4, Stream("", redacted)), {kClient}));
  }

  s = PageSpec{};
  s.content = Note();
  {
    const std::string comment = "Her son called; his number is in the file.";
    s.annots = {"<< /Type /Annot /Subtype /Text /Rect [500 700 520 720] /Contents " +
                PdfLiteral(comment) + " /T (Advocate B) /F 4 >>"};
    out.push_back(Leak("comments.pdf", "A sticky-note comment with its author.",
                       "hidden-data.comments", 0, Pdf(s), {comment}));
  }

  s = PageSpec{};
  s.content = Note();
  s.catalog = "/AcroForm << /Fields [7 0 R] >>";
  s.annots = {"<< /Type /Annot /Subtype /Widget /FT /Tx /T (nhs) /V " +
              PdfLiteral(std::string("NHS ") + kNhs) + " /Rect [72 560 300 580] /F 2 /P 3 0 R >>"};
  out.push_back(Leak("hidden-form-field.pdf",
                     "A text field, hidden on the page, whose value is an NHS number.",
                     "hidden-data.hidden-form-field", 1, Pdf(s), {kNhs}));

  s = PageSpec{};
  s.content = Note();
  {
    std::string attached =
        std::string("Referral from the GP practice.\nNHS number: ") + kNhs + "\n";
    s.catalog = "/Names << /EmbeddedFiles << /Names [(referral.txt) 8 0 R] >> >>";
    s.objects = {Stream("/Type /EmbeddedFile /Subtype /text#2Fplain", attached),
                 "<< /Type /Filespec /F (referral.txt) /UF (referral.txt) /EF << /F 7 0 R >> >>"};
  }
  out.push_back(RedactionSample{"attached-file.pdf",
                                Pdf(s),
                                "A text file attached to the PDF (its /EmbeddedFiles) that holds "
                                "an NHS number: read as a document of its own.",
                                {{"pii.nhs-number", 1}},
                                {},
                                " > referral.txt",
                                {kNhs}});

  s = PageSpec{};
  s.content = Note();
  {
    std::string attached = std::string("Letter to the family.\nNHS number: ") + kNhs + "\n";
    s.objects = {Stream("/Type /EmbeddedFile /Subtype /text#2Fplain", attached),
                 "<< /Type /Filespec /F (letter.txt) /UF (letter.txt) /EF << /F 7 0 R >> >>"};
    s.annots = {
        "<< /Type /Annot /Subtype /FileAttachment /Rect [500 700 514 720] /FS 8 0 R "
        "/Name /PushPin /T (Advocate B) /Contents (Letter sent) /F 4 >>"};
  }
  out.push_back(RedactionSample{"comment-attachment.pdf",
                                Pdf(s),
                                "A text file attached to a comment (a FileAttachment "
                                "annotation) that holds an NHS number: read as a document of "
                                "its own.",
                                {{"pii.nhs-number", 1}},
                                {},
                                " > letter.txt",
                                {kNhs}});

  s = PageSpec{};
  s.content = Note();
  {
    PageSpec inner;
    inner.content = TextLine(kLeft, 700, std::string("Referral. NHS number: ") + kNhs);
    s.objects = {Stream("/Type /EmbeddedFile /Subtype /application#2Fpdf", Pdf(inner)),
                 "<< /Type /Filespec /F (referral.pdf) /UF (referral.pdf) /EF << /F 7 0 R >> >>"};
    s.annots = {
        "<< /Type /Annot /Subtype /FileAttachment /Rect [500 700 514 720] /FS 8 0 R "
        "/Name /Paperclip /T (Advocate B) /F 4 >>"};
  }
  out.push_back(RedactionSample{"comment-attached-pdf.pdf",
                                Pdf(s),
                                "A PDF attached to a comment whose page holds an NHS number. The "
                                "attached PDF's own %%EOF is no revision of this file.",
                                {{"pii.nhs-number", 1}},
                                {"hidden-data.earlier-revision"},
                                " > referral.pdf",
                                {kNhs}});

  s = PageSpec{};
  s.content = Note();
  s.info = std::string("/Producer (qpm-intake make_samples) /Title (Case notes) /Author ") +
           PdfLiteral(kClient) + " /Keywords " + PdfLiteral(std::string("NHS ") + kNhs);
  out.push_back(RedactionSample{"properties.pdf",
                                Pdf(s),
                                "The Info dictionary names the client as Author and holds her "
                                "NHS number in Keywords.",
                                {{"pii.nhs-number", 0}},
                                {},
                                {},
                                {kClient, kNhs}});

  s = PageSpec{};
  s.content = Note();
  s.catalog = "/Outlines 7 0 R /PageMode /UseOutlines";
  s.objects = {"<< /Type /Outlines /First 8 0 R /Last 8 0 R /Count 1 >>",
               "<< /Title " + PdfLiteral(std::string("Notes for NHS ") + kNhs) +
                   " /Parent 7 0 R /Dest [3 0 R /XYZ 0 842 0] >>"};
  out.push_back(RedactionSample{"bookmarks.pdf",
                                Pdf(s),
                                "A bookmark whose title holds an NHS number.",
                                {{"pii.nhs-number", 0}},
                                {},
                                {},
                                {kNhs}});

  // Controls: each looks like a failure and is not one.
  s = PageSpec{};
  s.content = Note(false) + black_bar;
  out.push_back(RedactionSample{"control-removed-under-bar.pdf",
                                Pdf(s),
                                "Control: the name truly removed, a black bar where it was.",
                                {}});

  s = PageSpec{};
  s.content = kDrawScan;
  s.resources = "/XObject << /Im1 7 0 R >>";
  s.objects = {ScanImage(true)};
  out.push_back(RedactionSample{"control-rasterised.pdf",
                                Pdf(s),
                                "Control: the page as an image only, the name blacked out in its "
                                "pixels; no text layer.",
                                {}});

  s = PageSpec{};
  s.content = std::string(kDrawScan) + Note(false, 3);
  s.resources = "/XObject << /Im1 7 0 R >>";
  s.objects = {ScanImage(true)};
  out.push_back(RedactionSample{"control-rasterised-with-ocr.pdf",
                                Pdf(s),
                                "Control: the blacked-out scan with an invisible OCR layer that "
                                "matches what it shows (no name under the bar).",
                                {}});

  s = PageSpec{};
  {
    std::string c;
    c += "0.15 0.2 0.35 rg 0 800 595 42 re f\n";  // a dark header band
    c += "1 g\n" + TextLine(kLeft, 815, "Example Advocacy - case notes", 14);
    c += "0 g 520 805 30 30 re f\n";            // a black logo, no text under it
    c += "q 20 0 0 20 480 810 cm /Im1 Do Q\n";  // and a black image logo
    c += "0.85 g 72 640 450 18 re f\n";         // a shaded table header row
    c += "0 g\n" + TextLine(76, 645, "Date       Contact    Outcome");
    c += "0 G 0.5 w 72 560 450 98 re S 72 640 m 522 640 l S 72 600 m 522 600 l S\n";
    c += "180 560 m 180 658 l S 300 560 m 300 658 l S\n";  // table borders
    c += TextLine(76, 625, "03/03/26   Visit      Agreed next steps");
    c += TextLine(76, 585, "10/03/26   Call       Copy of notes sent");
    c += "0 g 72 520 4 4 re f 72 500 4 4 re f\n";  // square bullets
    c += TextLine(84, 518, "Bullet points drawn as small squares.");
    c += TextLine(84, 498, "Thick rule below.");
    c += "0 g 72 470 450 3 re f\n";  // a thick rule
    s.content = c + Note();
  }
  s.resources = "/XObject << /Im1 7 0 R >>";
  s.objects = {
      Stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
             "/BitsPerComponent 8",
             std::string(4, '\0'))};
  out.push_back(RedactionSample{"control-dark-header-table-logo.pdf",
                                Pdf(s),
                                "Control: a dark header band with white text on it, a shaded "
                                "table header and borders, a black vector logo and a black image "
                                "logo with no text under them, square bullets and a thick rule.",
                                {}});
  return out;
}

}  // namespace qpm::samples
