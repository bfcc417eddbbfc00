// scripts/make_samples/fail_closed_samples.cc — see fail_closed_samples.h.
#include "fail_closed_samples.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "docx_package.h"
#include "fixed_values.h"
#include "mime_message.h"
#include "office_samples.h"
#include "pdf_builder.h"
#include "scans.h"
#include "zip_writer.h"

namespace qpm::samples {
namespace {

struct FailClosedPlant {
  const char* name;  // with a title, so that it is a name by any rule
  const char* nhs;
};
constexpr FailClosedPlant kPlantInPdfText = {"Mrs Winifred Ashcombe", "999 217 5338"};
constexpr FailClosedPlant kPlantInScan = {"Mr Desmond Pellow", "999 772 7479"};
constexpr FailClosedPlant kPlantInWordBody = {"Ms Harriet Gedling", "999 434 1588"};
constexpr FailClosedPlant kPlantInEmail = {"Mr Ambrose Kettering", "999 232 3353"};
constexpr FailClosedPlant kPlantInImage = {"Mrs Imelda Trask", "999 983 7344"};
static_assert(IsValidNhsNumber(kPlantInPdfText.nhs) && IsValidNhsNumber(kPlantInScan.nhs) &&
              IsValidNhsNumber(kPlantInWordBody.nhs) && IsValidNhsNumber(kPlantInEmail.nhs) &&
              IsValidNhsNumber(kPlantInImage.nhs));

// A page of case notes that names the client and gives their NHS number.
std::string FailClosedNotesPdf(const FailClosedPlant& plant, const std::string& title) {
  PdfBuilder b({title, "Case notes", "QPM; case notes", kOrganisation});
  b.Title("Example Advocacy: case notes");
  b.Row("Case:", "CF21");
  b.Row("Date:", "2026-03-04");
  b.Space(6);
  b.Paragraph(std::string("Met with ") + plant.name +
              " at the day centre to talk about the review of the care plan.");
  b.Paragraph(std::string("NHS number: ") + plant.nhs);
  b.Paragraph("Agreed to meet again before the review meeting.");
  return b.Finish();
}

Json FailClosedRun(const std::string& file, int page, std::vector<std::string> args = {}) {
  args.insert(args.begin(), {"--received", "2026-11-20"});
  Json runs = Json::array();
  runs.push_back(RunJson(
      "triage", args, 1,
      {FindingJson("pii.person-name", file, page), FindingJson("pii.nhs-number", file, page)}, {},
      std::nullopt, Json::array()));
  return runs;
}

}  // namespace

void WriteFailClosed(Output& out) {
  // A PDF's own text.
  out.Write("fail-closed/pdf-text-page.pdf",
            FailClosedNotesPdf(kPlantInPdfText, "Case notes CF21"));
  out.Expect("fail-closed/pdf-text-page.pdf",
             "A page of case notes as a PDF with a text layer: the client's full name and NHS "
             "number in its text.",
             FailClosedRun("pdf-text-page.pdf", 1), {kPlantInPdfText.name, kPlantInPdfText.nhs});

  // The same page printed and scanned: no text layer.
  {
    std::string pdf = FailClosedNotesPdf(kPlantInScan, "Case notes CF22");
    std::unique_ptr<poppler::document> doc = OpenPdf(pdf);
    std::vector<ScannedPage> pages = {ScanPage(*doc, 0, 0, 0.4, 0xfa11c105ed)};
    std::string name = "fail-closed/scanned-page.pdf";
    out.Write(name, ImagePdf({pages[0].bitmap}, "Case notes CF22"));
    Json extra;
    extra["ocr"] = {{"recordings", "scans/ocr"},
                    {"dpi", kScanDpi},
                    {"pages", TruthJson(pages, {"Example Advocacy: case notes"})}};
    out.Expect(name,
               "The page of case notes printed and scanned to an image-only PDF (200 dpi, a "
               "little askew): the client's name and NHS number are readable only by OCR. Runs "
               "replay recorded OCR output (scans/ocr/).",
               FailClosedRun("scanned-page.pdf", 1, {"--ocr-replay", "scans/ocr"}),
               {kPlantInScan.name, kPlantInScan.nhs}, Json::array(), extra);
  }

  // A Word file's body.
  {
    const std::string styles = std::string(kXmlHead) + "<w:styles " + kWordNs + "/>";
    const std::string document =
        std::string(kXmlHead) + "<w:document " + kWordNs + "><w:body>" +
        "<w:p><w:r><w:t>Case notes: CF23</w:t></w:r></w:p>" +
        "<w:p><w:r><w:t xml:space=\"preserve\">Met with " + kPlantInWordBody.name +
        " at home to go through the assessment.</w:t></w:r></w:p>" +
        "<w:p><w:r><w:t xml:space=\"preserve\">NHS number: " + kPlantInWordBody.nhs +
        "</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Agreed to meet again before the review meeting.</w:t></w:r></w:p>"
        "</w:body></w:document>";
    out.Write("fail-closed/word-body.docx",
              DocxPackage(document, styles, "Case notes", kOrganisation));
    out.Expect("fail-closed/word-body.docx",
               "A Word file of case notes: the client's full name and NHS number in its body.",
               // A Word body has no pages of its own: its findings have none.
               FailClosedRun("word-body.docx", -1), {kPlantInWordBody.name, kPlantInWordBody.nhs});
  }

  // An email inside the submission (a letter kept in a case file's folder): its body is shown.
  {
    std::string email =
        Message({{"From", "Advocate K <advocate.k@example.org>"},
                 {"To", "Social worker <duty.team@example.com>"},
                 {"Subject", "Review meeting"},
                 {"Date", "Wed, 04 Mar 2026 10:15:00 +0000"},
                 {"Message-ID", "<qpm-fail-closed-20260304101500@example.org>"}},
                "=_qpm_sample_fail_closed",
                {TextPart(std::string("Hello,\n\nI am writing about ") + kPlantInEmail.name +
                              " (NHS number " + kPlantInEmail.nhs +
                              "), who would like the review meeting moved to the afternoon.\n\n"
                              "Kind regards,\nAdvocate K\nExample Advocacy\n",
                          true)});
    ZipWriter zip;
    zip.Add("CF24/Email to social worker.eml", email);
    out.Write("fail-closed/email-body.zip", zip.Finish());
    out.Expect("fail-closed/email-body.zip",
               "A zip holding a case file's email to a social worker (an .eml kept as "
               "correspondence): the client's full name and NHS number in its body, which the "
               "bundle shows as text.",
               FailClosedRun("email-body.zip > CF24/Email to social worker.eml", 1),
               {kPlantInEmail.name, kPlantInEmail.nhs});
  }

  // A photo of the notes, sent as an image file.
  {
    std::string pdf = FailClosedNotesPdf(kPlantInImage, "Case notes CF25");
    std::unique_ptr<poppler::document> doc = OpenPdf(pdf);
    std::vector<ScannedPage> pages = {ScanPage(*doc, 0, 0, -0.3, 0x1a9e)};
    std::string name = "fail-closed/image-file.png";
    out.Write(name, Png(pages[0].bitmap));
    Json extra;
    extra["ocr"] = {{"recordings", "scans/ocr"},
                    {"dpi", kScanDpi},
                    {"pages", TruthJson(pages, {"Example Advocacy: case notes"})}};
    out.Expect(name,
               "The page of case notes copied to a black-and-white PNG at 200 dpi: the client's "
               "name and NHS number are readable only by OCR. Runs replay recorded OCR output "
               "(scans/ocr/).",
               FailClosedRun("image-file.png", 1, {"--ocr-replay", "scans/ocr"}),
               {kPlantInImage.name, kPlantInImage.nhs}, Json::array(), extra);
  }
}

void WriteFailClosed(Output& out, const FailClosedSample& sample) {
  out.Write("fail-closed/" + sample.name, sample.bytes);
  Json findings = Json::array();
  for (const char* rule : {"pii.nhs-number", "pii.person-name"}) {
    Json f = FindingJson(rule, sample.finding_file, std::max(sample.finding_page, 0));
    if (sample.finding_page < 0) f["page"] = nullptr;
    findings.push_back(std::move(f));
  }
  Json runs = Json::array();
  runs.push_back(
      RunJson("triage", {"--received", "2026-11-20"}, 1, findings, {}, std::nullopt, {}));
  out.Expect("fail-closed/" + sample.name, sample.planted, runs,
             Json::array({sample.client, sample.nhs}));
}

void WriteOffice(Output& out) {
  for (const OfficeSample& o : OfficeSamples()) {
    if (!o.made_by_libreoffice) {
      std::string bytes = o.bytes;
      if (!o.entries.empty()) {
        ZipWriter zip;
        for (size_t i = 0; i < o.entries.size(); ++i) {
          ZipEntryOptions options;
          options.store = o.store_first && i == 0;
          zip.Add(o.entries[i].first, o.entries[i].second, options);
        }
        bytes = zip.Finish();
      }
      out.Write(o.path, bytes);
    }
    std::string file = o.path.substr(o.path.rfind('/') + 1);
    Json findings = Json::array();
    for (const auto& [rule, page] : o.expected) findings.push_back(FindingJson(rule, file, page));
    Json runs = Json::array();
    if (o.path.rfind("fail-closed/", 0) == 0) {
      runs.push_back(RunJson("triage", {"--received", "2026-11-20"}, 1, findings, {}, std::nullopt,
                             {DocJson(file, o.media_type, o.pages, "read")}));
    } else {
      runs.push_back(RunJson("scan", {"--no-ocr"}, std::nullopt, findings, {}, std::nullopt,
                             {DocJson(file, o.media_type, o.pages, "read")}));
    }
    out.Expect(o.path, o.planted, runs, Json(o.planted_values));
  }
}

}  // namespace qpm::samples
