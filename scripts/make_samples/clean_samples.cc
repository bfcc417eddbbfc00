// scripts/make_samples/clean_samples.cc — see clean_samples.h.
#include "clean_samples.h"

#include <string>
#include <utility>
#include <vector>

#include "mime_message.h"
#include "report_content.h"
#include "zip_writer.h"

namespace qpm::samples {
namespace {

Json CleanDocuments(const CleanSet& set, const std::string& prefix) {
  Json docs = Json::array();
  for (const Item& item : set.items)
    docs.push_back(DocJson(prefix + item.name, kPdf, item.pages, "read"));
  return docs;
}

}  // namespace

CleanSet BuildCleanSet() {
  CleanSet set;
  set.workbook = RenderWorkbook();
  set.items.push_back({"Workbook/QPM Assessment Workbook - Example Advocacy.pdf",
                       set.workbook.bytes, set.workbook.pages});
  for (const Policy& policy : Policies()) {
    RenderedPdf pdf = RenderPolicy(policy);
    set.items.push_back({"Policies/" + PolicyFileName(policy), pdf.bytes, pdf.pages});
    set.policies.push_back(std::move(pdf));
  }
  for (const CaseFile& c : CaseFiles()) {
    bool split = c.id == "CF04";
    RenderedCaseFile rendered = RenderCaseFile(c, split);
    for (size_t i = 0; i < rendered.files.size(); ++i) {
      set.items.push_back(
          {"Case files/" + rendered.files[i].first, rendered.files[i].second, rendered.pages[i]});
    }
    Json components = Json::object();
    Json headings = Json::object();
    std::vector<std::string> printed = ComponentHeadings(c);
    for (size_t i = 0; i < kComponentKeys.size(); ++i) {
      components[kComponentKeys[i]] = {rendered.ranges[i].first, rendered.ranges[i].second};
      headings[kComponentKeys[i]] = printed[i];
    }
    Json entry;
    entry["id"] = c.id;
    if (split) {
      Json files = Json::array();
      for (const auto& file : rendered.files) files.push_back("Case files/" + file.first);
      entry["files"] = files;
    } else {
      entry["file"] = "Case files/" + rendered.files[0].first;
    }
    entry["components"] = components;
    entry["headings"] = headings;
    set.case_files.push_back(entry);
    set.cases.push_back(std::move(rendered));
  }
  // Invariants the expected results rely on.
  const auto& cf05 = set.cases[4].ranges[3];
  if (cf05.second - cf05.first != 1) Fail("CF05 case notes should run over exactly 2 pages");
  for (const Report& report : Reports()) {
    RenderedPdf pdf = RenderReport(report);
    set.items.push_back({ReportPath(report), pdf.bytes, pdf.pages});
  }
  ZipWriter zip;
  for (const Item& item : set.items) zip.Add(item.name, item.bytes);
  set.zip = zip.Finish();
  return set;
}

void WriteClean(Output& out, const CleanSet& set) {
  out.Write("clean/example-advocacy-submission.zip", set.zip);
  Json extra;
  extra["band"] = 1;
  extra["wte"] = 6;
  extra["issued"] = "2026-09-01";
  extra["workbook_answers"] = set.workbook.answers;
  extra["case_files"] = set.case_files;
  {
    Json docs = Json::array();
    docs.push_back(DocJson("example-advocacy-submission.zip", kZip, -1, "unpacked"));
    for (const Json& d : CleanDocuments(set, "example-advocacy-submission.zip > "))
      docs.push_back(d);
    // A zip has no date of its own: triage is told when it arrived, as the support team
    // would, so the workbook's deadlines are judged on that day and not on the day the
    // test runs.
    Json runs = Json::array();
    runs.push_back(RunJson("scan", {}, 0, {}, kAllProblemRules, "info", docs));
    runs.push_back(
        RunJson("triage", {"--received", "2026-11-20"}, 0, {}, kAllProblemRules, "info", docs));
    out.Expect("clean/example-advocacy-submission.zip",
               "A complete, clean Band 1 desktop submission (WTE 6, workbook issued 2026-09-01): "
               "a fillable workbook with every indicator answered, eight policies, five "
               "anonymised case files (CF04 as a folder of five PDFs) and five IMCA and five "
               "Care Act reports. No personal data.",
               runs, Json::array(), Json::array(), extra);
  }

  // The same zip, byte for byte, attached to the email that delivered it.
  std::string body =
      "Hello,\n\n"
      "Please find attached the QPM desktop submission for Example Advocacy \xE2\x80\x93 the "
      "Assessment Workbook, our policies, five anonymised case files and ten advocacy "
      "reports.\n\n"
      "Kind regards,\nQPM Lead\nExample Advocacy\n";
  std::string eml = Message(
      {{"From", "QPM Lead <qpm.lead@example.org>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", EncodedWord("QPM desktop submission \xE2\x80\x93 Example Advocacy")},
       {"Date", "Fri, 20 Nov 2026 10:15:00 +0000"},
       {"Message-ID", "<qpm-submission-20261120101500@example.org>"}},
      "=_qpm_sample_clean_1",
      {TextPart(body, true),
       AttachmentPart(std::string("application/zip; name=\"") + kCleanAttachment + "\"",
                      std::string("attachment; filename=\"") + kCleanAttachment + "\"", set.zip)});
  out.Write("clean/example-advocacy-submission.eml", eml);
  {
    std::string top = "example-advocacy-submission.eml";
    Json docs = Json::array();
    docs.push_back(DocJson(top, kEml, -1, "unpacked"));
    docs.push_back(DocJson(top + " > " + kCleanAttachment, kZip, -1, "unpacked"));
    for (const Json& d : CleanDocuments(set, top + " > " + kCleanAttachment + " > ")) {
      docs.push_back(d);
    }
    Json runs = Json::array();
    for (const char* command : {"scan", "triage"}) {
      runs.push_back(RunJson(command, {}, 0, {}, kAllProblemRules, "info", docs));
    }
    out.Expect("clean/example-advocacy-submission.eml",
               "The clean submission zip, byte for byte, attached (base64) to the email that "
               "sent it; RFC 2047 subject, quoted-printable body with no personal data.",
               runs, Json::array(), Json::array(), extra);
  }
}

}  // namespace qpm::samples
