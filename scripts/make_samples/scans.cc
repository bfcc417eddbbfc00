// scripts/make_samples/scans.cc — see scans.h.
#include "scans.h"

#include <poppler/cpp/poppler-page.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "case_file_content.h"
#include "file_bits.h"
#include "fixed_values.h"
#include "pdf_builder.h"
#include "pictures_samples.h"
#include "zip_writer.h"

namespace qpm::samples {
namespace {

using scan_copy::Copy;
using scan_copy::Render;
using scan_copy::Threshold;
using scan_copy::Tilt;
using scan_copy::Turn;

// Planted on the case-notes page of scans/scanned-case-file.pdf, readable only by OCR.
constexpr char kNhsInScan[] = "999 482 0036";
static_assert(IsValidNhsNumber(kNhsInScan) && kNhsInScan[0] == '9' && kNhsInScan[1] == '9' &&
              kNhsInScan[2] == '9');
// Planted in scans/scanned-letter.png.
constexpr char kEmailInScan[] = "client.g@example.com";

std::string ToUtf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

PageTruth ReadTruth(const poppler::document& doc, int index) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) Fail("Poppler cannot open page " + std::to_string(index + 1));
  PageTruth truth;
  for (const poppler::text_box& box : page->text_list()) {
    std::string word = ToUtf8(box.text());
    if (word.empty()) continue;
    if (truth.words.empty()) {
      poppler::rectf r = box.bbox();
      truth.first_word = Rect{r.x(), r.y(), r.x() + r.width(), r.y() + r.height()};
    }
    truth.words.push_back(word);
  }
  return truth;
}

// Where a box on the upright page ends up on the copy: tilted, then turned clockwise.
Rect ScannedBox(const Rect& b, double tilt_degrees, int turn, double width, double height) {
  double x0 = 1e9;
  double y0 = 1e9;
  double x1 = -1e9;
  double y1 = -1e9;
  for (auto [cx, cy] : {std::pair{b.x0, b.y0}, {b.x1, b.y0}, {b.x0, b.y1}, {b.x1, b.y1}}) {
    auto [x, y] = Tilt(cx, cy, tilt_degrees, width, height);
    double tx = turn == 90 ? height - y : turn == 180 ? width - x : turn == 270 ? y : x;
    double ty = turn == 90 ? x : turn == 180 ? height - y : turn == 270 ? width - x : y;
    x0 = std::min(x0, tx);
    y0 = std::min(y0, ty);
    x1 = std::max(x1, tx);
    y1 = std::max(y1, ty);
  }
  auto round2 = [](double v) { return std::round(v * 100) / 100; };
  return Rect{round2(x0), round2(y0), round2(x1), round2(y1)};
}

const CaseFile& ScannedCaseFile() {
  static const CaseFile kCase = {
      "CF06",
      "Client F",
      "Advocate D",
      "IMCA - change of accommodation",
      "Hospital discharge team, Ward 7",
      "2026-05-11",
      "Client F is in hospital and a move to a care home is being considered. They cannot "
      "decide where to live and have no family or friends to consult.",
      "Hears better on the left side. Likes to be called by their first name.",
      false,
      false,
      "Advocate D will meet Client F, find out what they would want, and represent their "
      "views in the decision about where they live.",
      {"Meet Client F on the ward and note how they communicate.",
       "Read the capacity assessment and the care plan.",
       "Write a report for the decision maker before the best interests meeting."},
      {{"2026-05-13", "Met Client F on the ward. They said they miss their garden and their cat."},
       {"2026-05-20", "Read the capacity assessment. Spoke with the ward nurse about routines."},
       {"2026-05-27", "Best interests meeting. Client F's wish for a garden was recorded."}},
      {{"2026-06-01",
        "The decision maker",
        "IMCA report for Client F",
        {"Please find attached my report. Client F values being outdoors and having a routine.",
         "Advocacy will close once the move has taken place."}}}};
  return kCase;
}

const std::vector<std::string> kScanAbsentRules = {
    "extract.no-text",      "extract.ocr-failed",
    "extract.ocr-timeout",  "extract.ocr-low-confidence",
    "extract.ocr-no-words", "extract.unreadable",
    "extract.truncated"};

}  // namespace

std::unique_ptr<poppler::document> OpenPdf(const std::string& pdf) {
  std::vector<char> data(pdf.begin(), pdf.end());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_data(&data));
  if (!doc || doc->is_locked()) Fail("Poppler cannot open a PDF this program wrote");
  return doc;
}

std::string ImagePdf(const std::vector<Bitmap>& pages, const std::string& title) {
  PoDoFo::PdfMemDocument doc;
  std::deque<PoDoFo::PdfImage> images;  // alive until the document is written
  for (const Bitmap& b : pages) {
    double w = b.width * 72.0 / kScanDpi;
    double h = b.height * 72.0 / kScanDpi;
    PoDoFo::PdfPage* page = doc.CreatePage(PoDoFo::PdfRect(0, 0, w, h));
    PoDoFo::PdfImage& image = images.emplace_back(&doc);
    image.SetImageColorSpace(PoDoFo::ePdfColorSpace_DeviceGray);
    std::string bits = Threshold(b);
    PoDoFo::PdfMemoryInputStream stream(bits.data(), static_cast<PoDoFo::pdf_long>(bits.size()));
    image.SetImageData(static_cast<unsigned>(b.width), static_cast<unsigned>(b.height), 1, &stream);
    PoDoFo::PdfPainter painter;
    painter.SetPage(page);
    painter.DrawImage(0, 0, &image, w / b.width, h / b.height);
    painter.FinishPage();
  }
  PoDoFo::PdfInfo* info = doc.GetInfo();
  info->SetTitle(PoDoFo::PdfString(title));
  info->SetCreator(PoDoFo::PdfString("qpm-intake make_samples (scan)"));
  info->SetProducer(PoDoFo::PdfString("PoDoFo 0.9.8"));
  PoDoFo::PdfDictionary& dict = info->GetObject()->GetDictionary();
  dict.AddKey(PoDoFo::PdfName("CreationDate"), PoDoFo::PdfString(kPdfDate));
  dict.AddKey(PoDoFo::PdfName("ModDate"), PoDoFo::PdfString(kPdfDate));
  std::ostringstream out;
  {
    PoDoFo::PdfOutputDevice device(&out);
    doc.Write(&device);
  }
  return out.str();
}

std::string Png(const Bitmap& b) {
  std::string bits = Threshold(b);
  size_t row_bytes = (static_cast<size_t>(b.width) + 7) / 8;
  std::string raw;
  for (int y = 0; y < b.height; ++y) {
    raw += '\0';  // filter: none
    raw.append(bits, static_cast<size_t>(y) * row_bytes, row_bytes);
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(packed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                9) != Z_OK) {
    Fail("zlib could not compress the PNG");
  }
  packed.resize(packed_size);
  std::string header = BigEndian32(static_cast<uint32_t>(b.width)) +
                       BigEndian32(static_cast<uint32_t>(b.height)) +
                       std::string("\x01\x00\x00\x00\x00", 5);  // 1 bit, grey, no interlace
  uint32_t per_metre = static_cast<uint32_t>(std::lround(kScanDpi / 0.0254));
  std::string phys = BigEndian32(per_metre) + BigEndian32(per_metre) + std::string(1, '\x01');
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", header) + PngChunk("pHYs", phys) +
         PngChunk("IDAT", packed) + PngChunk("IEND", "");
}

ScannedPage ScanPage(const poppler::document& doc, int index, int turned, double tilt,
                     uint64_t seed) {
  ScannedPage page;
  Bitmap upright = Render(doc, index, kScanDpi);
  page.truth = ReadTruth(doc, index);
  double w = upright.width * 72.0 / kScanDpi;
  double h = upright.height * 72.0 / kScanDpi;
  page.truth.first_word = ScannedBox(page.truth.first_word, tilt, turned, w, h);
  page.bitmap = Turn(Copy(upright, tilt, seed), turned);
  page.turned = turned;
  page.tilt = tilt;
  page.width = page.bitmap.width * 72.0 / kScanDpi;
  page.height = page.bitmap.height * 72.0 / kScanDpi;
  return page;
}

Json TruthJson(const std::vector<ScannedPage>& pages, const std::vector<std::string>& headings) {
  Json out = Json::array();
  for (size_t i = 0; i < pages.size(); ++i) {
    const ScannedPage& p = pages[i];
    Json page;
    page["page"] = i + 1;
    page["turned"] = p.turned;
    page["ocr_rotation"] = (360 - p.turned) % 360;
    page["heading"] = headings[i];
    page["size"] = {std::round(p.width * 100) / 100, std::round(p.height * 100) / 100};
    page["first_word_box"] = {p.truth.first_word.x0, p.truth.first_word.y0, p.truth.first_word.x1,
                              p.truth.first_word.y1};
    page["words"] = p.truth.words;
    out.push_back(page);
  }
  return out;
}

void WriteScannedCaseFile(Output& out) {
  const CaseFile& c = ScannedCaseFile();
  Plant plant;
  plant.case_notes_lines = {std::string("NHS number: ") + kNhsInScan};
  plant.keywords = "QPM; case file; " + c.id;
  RenderedCaseFile text = RenderCaseFile(c, false, plant);
  for (size_t i = 0; i < text.ranges.size(); ++i) {
    if (text.ranges[i] != std::make_pair(static_cast<int>(i) + 1, static_cast<int>(i) + 1)) {
      Fail("scanned CF06: every component should fill exactly one page");
    }
  }
  std::unique_ptr<poppler::document> doc = OpenPdf(text.files[0].second);
  // The consent form went through sideways, the letter upside down.
  const int kTurns[] = {0, 0, 90, 0, 180};
  const double kTilts[] = {0.4, -0.3, 0.5, -0.4, 0.3};
  std::vector<ScannedPage> pages;
  std::vector<Bitmap> bitmaps;
  for (int i = 0; i < 5; ++i) {
    pages.push_back(ScanPage(*doc, i, kTurns[i], kTilts[i], 0x5ca9 + static_cast<uint64_t>(i)));
    bitmaps.push_back(pages.back().bitmap);
  }
  std::string name = "scans/scanned-case-file.pdf";
  out.Write(name, ImagePdf(bitmaps, "Scan of CF06 case file"));
  std::string file = "scanned-case-file.pdf";
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {"--ocr-replay", "scans/ocr"}, 1,
                         {FindingJson("pii.nhs-number", file, 4)}, kScanAbsentRules, std::nullopt,
                         {DocJson(file, kPdf, 5, "read")}));
  runs.push_back(RunJson("scan", {"--no-ocr"}, 1, {FindingJson("extract.no-text", file, 1)},
                         {"pii.nhs-number", "extract.ocr-failed"}, std::nullopt,
                         {DocJson(file, kPdf, 5, "read")}));
  // Triage reads the case file's five parts from the OCR text, one per page.
  Json triaged = DocJson(file, kPdf, 5, "read");
  triaged["role"] = "case-file";
  triaged["role_detail"] = c.id;
  runs.push_back(RunJson("triage", {"--ocr-replay", "scans/ocr", "--received", "2026-11-20"}, 1,
                         {FindingJson("pii.nhs-number", file, 4)}, kScanAbsentRules, std::nullopt,
                         {triaged}));
  Json extra;
  extra["ocr"] = {{"recordings", "scans/ocr"},
                  {"dpi", kScanDpi},
                  {"pages", TruthJson(pages, ComponentHeadings(c))}};
  {
    Json components = Json::object();
    Json headings = Json::object();
    std::vector<std::string> printed = ComponentHeadings(c);
    for (size_t i = 0; i < kComponentKeys.size(); ++i) {
      int page = static_cast<int>(i) + 1;
      components[kComponentKeys[i]] = {page, page};
      headings[kComponentKeys[i]] = printed[i];
    }
    extra["case_files"] = Json::array(
        {{{"id", c.id}, {"file", file}, {"components", components}, {"headings", headings}}});
  }
  out.Expect(name,
             "An invented case file (CF06) printed and copied: five image-only pages at 200 dpi, "
             "black and white, a little askew, with a copier's grain; no text layer. The consent "
             "form (page 3) went through sideways and the letter (page 5) upside down. An NHS "
             "number (999 range) is on the case-notes page (page 4), readable only by OCR. Runs "
             "replay recorded OCR output (scans/ocr/).",
             runs, {kNhsInScan}, Json::array(), extra);
}

void WriteFailClosedPictures(Output& out) {
  for (const PictureSample& p : FailClosedPictureSamples()) {
    std::string bytes = p.bytes;
    if (!p.package.empty()) {
      ZipWriter zip;
      for (const auto& [part, data] : p.package) zip.Add(part, data);
      bytes = zip.Finish();
    }
    out.Write(p.name, bytes);
    std::string file = fs::path(p.name).filename().string();
    Json found = Json::array();
    for (const char* rule : {"pii.person-name", "pii.nhs-number"}) {
      found.push_back(FindingJson(rule, file, p.page > 0 ? p.page : -1, p.field));
    }
    Json runs = Json::array();
    runs.push_back(
        RunJson("triage", {"--ocr-replay", "fail-closed/ocr", "--received", "2026-11-20"}, 1, found,
                {"extract.images-not-read", "extract.ocr-failed", "extract.ocr-timeout"},
                std::nullopt, {DocJson(file, p.media_type, 1, "read")}));
    // Without OCR no picture is read, and a note says so; a drawing's words written as
    // text are read all the same.
    Json not_read = p.printed ? found : Json::array();
    not_read.push_back(FindingJson("extract.images-not-read", file));
    runs.push_back(
        RunJson("scan", {"--no-ocr"}, std::nullopt, not_read,
                p.printed ? std::vector<std::string>{} : std::vector<std::string>{"pii.nhs-number"},
                std::nullopt, Json::array()));
    out.Expect(p.name, p.planted, runs, p.values);
  }
}

void WriteScannedLetter(Output& out) {
  PdfBuilder b({"Letter to Client G", "Correspondence", "QPM; letter", kOrganisation});
  b.Title("Example Advocacy");
  b.Row("Date:", "2026-06-15");
  b.Row("To:", "Client G");
  b.Row("Subject:", "Your advocacy review");
  b.Space(6);
  b.Paragraph(
      "Thank you for meeting me last week. As we agreed, I have asked the care home to "
      "arrange a review of your care plan, and I will come with you to the review meeting.");
  b.Paragraph(
      "You told me that you would like more time outdoors and a quieter room. I will make "
      "sure the review hears this in your own words.");
  b.Paragraph(std::string("A copy of this letter was sent by email to ") + kEmailInScan + ".");
  b.Paragraph("Yours sincerely,");
  b.Paragraph("Advocate E, Example Advocacy");
  std::string pdf = b.Finish();
  std::unique_ptr<poppler::document> doc = OpenPdf(pdf);
  if (doc->pages() != 1) Fail("the scanned letter should be one page");
  std::vector<ScannedPage> pages = {ScanPage(*doc, 0, 0, -0.5, 0x1e77e5)};
  std::string name = "scans/scanned-letter.png";
  out.Write(name, Png(pages[0].bitmap));
  std::string file = "scanned-letter.png";
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {"--ocr-replay", "scans/ocr"}, 1,
                         {FindingJson("pii.email", file, 1)}, kScanAbsentRules, std::nullopt,
                         {DocJson(file, "image/png", 1, "read")}));
  runs.push_back(RunJson("scan", {"--no-ocr"}, 1, {FindingJson("extract.no-text", file, 1)},
                         {"pii.email", "extract.ocr-failed"}, std::nullopt,
                         {DocJson(file, "image/png", 1, "not-read")}));
  Json extra;
  extra["ocr"] = {{"recordings", "scans/ocr"},
                  {"dpi", kScanDpi},
                  {"pages", TruthJson(pages, {"Example Advocacy"})}};
  out.Expect(name,
             "A one-page letter printed and copied to a black-and-white PNG at 200 dpi (stated in "
             "the file), a little askew. An email address is in its text, readable only by OCR. "
             "Runs replay recorded OCR output (scans/ocr/).",
             runs, {kEmailInScan}, Json::array(), extra);
}

}  // namespace qpm::samples
