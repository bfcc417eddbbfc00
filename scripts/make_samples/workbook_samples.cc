// scripts/make_samples/workbook_samples.cc — see workbook_samples.h.
#include "workbook_samples.h"

#include <string>
#include <utility>
#include <vector>

#include "fillable_workbook.h"
#include "pdf_builder.h"
#include "printed_workbook.h"
#include "word_workbook.h"

namespace qpm::samples {
namespace {

std::vector<std::string> WithRules(std::vector<std::string> rules,
                                   const std::vector<std::string>& more) {
  rules.insert(rules.end(), more.begin(), more.end());
  return rules;
}

// What the front of a workbook states, as triage must read it.
Json FactsJson(const WorkbookEdition& edition) {
  return {{"band", edition.band}, {"wte", Json::parse(edition.wte)}, {"issued", edition.issued}};
}

// Triage of a workbook alone: the answers the generator drew, no case files. The exit code is
// not asserted: the completeness checks will find the rest of the submission missing.
void ExpectWorkbook(Output& out, const std::string& name, const std::string& media_type, int pages,
                    const Json& answers, const Json& facts, Json findings,
                    std::vector<std::string> absent, const std::string& planted) {
  std::string file = fs::path(name).filename().string();
  Json runs = Json::array();
  runs.push_back(RunJson("triage", {}, std::nullopt, std::move(findings),
                         WithRules(std::move(absent), kReadProblemRules), std::nullopt,
                         {WithRole(DocJson(file, media_type, pages, "read"), "workbook")}));
  Json extra = facts;
  extra["workbook_answers"] = answers;
  extra["case_files"] = Json::array();
  out.Expect(name, planted, runs, Json::array(), Json::array(), extra);
}

}  // namespace

void WriteWordWorkbook(Output& out) {
  WorkbookEdition edition;
  edition.wte = "22";
  edition.band = 2;
  RenderedDocx docx = RenderWordWorkbook(edition);
  std::string name = "workbooks/word-workbook.docx";
  out.Write(name, docx.bytes);
  ExpectWorkbook(
      out, name, kDocx, 1, docx.answers, FactsJson(edition), Json::array(),
      {"workbook.not-found", "workbook.no-indicators", "workbook.indicator-missing",
       "workbook.indicator-not-in-profile"},
      "The Assessment Workbook as a Word file (Example Advocacy North, WTE 22, Band 2, issued "
      "2026-09-01): each principle a heading, each indicator a table row (id, wording, answer). "
      "Ticks in every kind of Word check box: content controls (w14:checkbox), legacy form "
      "fields (FORMCHECKBOX, checked or by default), typed \xE2\x98\x92/\xE2\x98\x90 and "
      "Wingdings symbols (F0FE, F0FD, F0A8); six are not ticked, one of them 'Yes "
      "\xE2\x98\x90 No \xE2\x98\x92'. Narrative 6.2 still shows Word's placeholder "
      "('Click or tap here to enter text.') and is empty; 9.2 is typed into a content "
      "control, 3.1 is two paragraphs.");
}

void WritePrintedWorkbook(Output& out) {
  WorkbookEdition edition;
  edition.wte = "9.5";
  RenderedWorkbook printed = RenderPrintedWorkbook(edition);
  std::string name = "workbooks/printed-workbook.pdf";
  out.Write(name, printed.bytes);
  ExpectWorkbook(
      out, name, kPdf, printed.pages, printed.answers, FactsJson(edition), Json::array(),
      {"workbook.not-found", "workbook.no-indicators", "workbook.indicator-missing",
       "workbook.indicator-not-in-profile"},
      "The Assessment Workbook printed to PDF (WTE 9.5, Band 1, issued 2026-09-01): no form "
      "fields, a running line 'QPM Assessment Workbook \xE2\x80\x93 Example Advocacy    Page N' "
      "at the head of every page. Ticks are ZapfDingbats characters (\xE2\x9C\x94, "
      "\xE2\x9D\x8F, \xE2\x9D\x91) drawn as flattened check boxes draw them: in a box beside "
      "the wording (which Poppler reads after the rest of the page) or after 'Yes' and 'No'; "
      "five are not ticked. Narratives are paragraphs under the wording (" +
          Join(printed.across_pages, ", ") +
          " across a page break); 6.2 is left blank, so 6.3 follows its wording.");
}

void WriteNewEditionWorkbook(Output& out) {
  WorkbookEdition edition;
  edition.edition = "Edition 5";
  edition.dropped = {"8.2"};
  edition.added = {{"7.4", true,
                    "Information about the service is available in easy read and in the main "
                    "community languages of the area.",
                    nullptr}};
  RenderedWorkbook workbook = RenderWorkbook(edition);
  std::string name = "workbooks/new-edition-workbook.pdf";
  std::string file = "new-edition-workbook.pdf";
  out.Write(name, workbook.bytes);
  Json findings = Json::array();
  findings.push_back(FindingJson("workbook.indicator-not-in-profile", file,
                                 workbook.page_of.at(edition.added[0].id)));
  findings.push_back(FindingJson("workbook.indicator-missing", file));
  ExpectWorkbook(out, name, kPdf, workbook.pages, workbook.answers, FactsJson(edition), findings,
                 {"workbook.not-found", "workbook.no-indicators"},
                 "A fillable workbook of a later edition ('Edition 5'), otherwise the clean "
                 "sample's: it adds indicator 7.4 (a tick, ticked), which the qpm-v4 profile "
                 "lacks, and drops 8.2, which the profile has. Every indicator it has is "
                 "answered.");
}

}  // namespace qpm::samples
