// scripts/make_samples/gaps_samples.cc — see gaps_samples.h.
#include "gaps_samples.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fillable_workbook.h"
#include "fixed_values.h"
#include "mime_message.h"
#include "workbook_content.h"
#include "zip_writer.h"

namespace qpm::samples {
namespace {

// The clean zip without the entries `drop` names, and with the workbook's entry holding
// `workbook` when that is not empty.
std::string GapZip(const CleanSet& set, const std::vector<std::string>& drop,
                   const std::string& workbook = "") {
  ZipWriter zip;
  int dropped = 0;
  for (const Item& item : set.items) {
    if (std::find(drop.begin(), drop.end(), item.name) != drop.end()) {
      ++dropped;
      continue;
    }
    bool is_workbook = item.name.rfind("Workbook/", 0) == 0;
    zip.Add(item.name, is_workbook && !workbook.empty() ? workbook : item.bytes);
  }
  if (dropped != static_cast<int>(drop.size())) Fail("a gap drops a file the clean set lacks");
  return zip.Finish();
}

void WriteGap(Output& out, const std::string& name, const std::string& bytes,
              const std::string& planted, std::vector<std::string> args, Json finding) {
  finding["count"] = 1;
  Json run = RunJson("triage", std::move(args), 1, Json::array({finding}), {}, std::nullopt,
                     Json::array());
  run["only_findings"] = true;
  out.Expect("gaps/" + name, planted, Json::array({run}));
  out.Write("gaps/" + name, bytes);
}

}  // namespace

void WriteGaps(Output& out, const CleanSet& set) {
  const std::vector<std::string> received = {"--received", "2026-11-20"};
  WriteGap(out, "missing-consent-form.zip",
           GapZip(set, {"Case files/CF04/3 Authorisation form.pdf"}),
           "The clean submission without CF04's consent part: its folder of five PDFs loses "
           "'3 Authorisation form.pdf' (a non-instructed advocacy authorisation, which stands "
           "for the consent form).",
           received, FindingJson("completeness.case-file-component"));
  WriteGap(out, "four-case-files-band-1.zip", GapZip(set, {"Case files/CF05.pdf"}),
           "The clean Band 1 submission (WTE 6) with four case files, CF01 to CF04, where band 1 "
           "asks for five. The numbering has no gap.",
           received, FindingJson("completeness.case-file-count"));
  WriteGap(out, "missing-policy.zip", GapZip(set, {"Policies/03 Complaints Policy.pdf"}),
           "The clean submission without its Complaints policy; the other seven policies are "
           "there.",
           received, FindingJson("completeness.policy-missing"));

  struct WorkbookGap {
    const char* name;
    const char* indicator;
    std::string answer;
    const char* rule;
    const char* planted;
  };
  std::string with_reference;
  for (const Principle& p : Principles()) {
    for (const Indicator& i : p.indicators) {
      if (std::string_view(i.id) == "6.2") {
        with_reference = std::string(i.answer) + " The audit form we use is in Appendix C.";
      }
    }
  }
  for (const WorkbookGap& gap : std::vector<WorkbookGap>{
           {"blank-narrative.zip", "4.2", "", "completeness.narrative-empty",
            "The clean submission with the narrative for indicator 4.2 left blank in the "
            "workbook's form field."},
           {"not-applicable.zip", "5.2", "N/A", "completeness.narrative-placeholder",
            "The clean submission with indicator 5.2 answered only 'N/A'."},
           {"broken-reference.zip", "6.2", with_reference, "completeness.reference-unresolved",
            "The clean submission whose answer to indicator 6.2 ends 'The audit form we use is "
            "in Appendix C.': no appendix is sent."},
       }) {
    WorkbookEdition edition;
    edition.answers[gap.indicator] = gap.answer;
    Json finding = FindingJson(gap.rule);
    finding["message_contains"] = gap.indicator;
    WriteGap(out, gap.name, GapZip(set, {}, RenderWorkbook(edition).bytes), gap.planted, received,
             finding);
  }

  // Late: the clean zip sent four months and ten days after the workbook's issue date
  // (2026-09-01): after the recommended 3 months, before the final 6.
  std::string late = Message(
      {{"From", "QPM Lead <qpm.lead@example.org>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", "QPM desktop submission - Example Advocacy"},
       {"Date", "Mon, 11 Jan 2027 09:30:00 +0000"},
       {"Message-ID", "<qpm-submission-20270111093000@example.org>"}},
      "=_qpm_sample_late_1",
      {TextPart("Hello,\n\nSorry this is later than planned: our QPM desktop submission is "
                "attached.\n\nKind regards,\nQPM Lead\nExample Advocacy\n",
                true),
       AttachmentPart(std::string("application/zip; name=\"") + kCleanAttachment + "\"",
                      std::string("attachment; filename=\"") + kCleanAttachment + "\"", set.zip)});
  WriteGap(out, "late-submission.eml", late,
           "The clean submission zip attached to an email dated Mon, 11 Jan 2027: the workbook "
           "was issued on 2026-09-01, so this is after the recommended 3 months (2026-12-01) and "
           "before the final 6 (2027-03-01). No --received: the email's Date is the date "
           "received.",
           {}, FindingJson("completeness.submission-late"));
}

}  // namespace qpm::samples
