// scripts/make_samples/case_file_samples.cc — see case_file_samples.h.
#include "case_file_samples.h"

#include <sstream>
#include <string>
#include <vector>

#include "case_file_content.h"
#include "fixed_values.h"
#include "pdf_builder.h"

namespace qpm::samples {
namespace {

// Several PDFs merged into one, pages in order, as a merging tool does it (the first file's
// document information is kept).
std::string MergePdfs(const std::vector<std::string>& pdfs) {
  // Loading stamps the wall clock into a document's Info /ModDate, and Append copies the
  // appended document's Info along with its pages: both get the fixed date back.
  auto fix_dates = [](PoDoFo::PdfMemDocument& doc) {
    PoDoFo::PdfDictionary& info = doc.GetInfo()->GetObject()->GetDictionary();
    info.AddKey(PoDoFo::PdfName("CreationDate"), PoDoFo::PdfString(kPdfDate));
    info.AddKey(PoDoFo::PdfName("ModDate"), PoDoFo::PdfString(kPdfDate));
  };
  PoDoFo::PdfMemDocument merged;
  merged.LoadFromBuffer(pdfs.at(0).data(), static_cast<long>(pdfs[0].size()));
  for (size_t i = 1; i < pdfs.size(); ++i) {
    PoDoFo::PdfMemDocument next;
    next.LoadFromBuffer(pdfs[i].data(), static_cast<long>(pdfs[i].size()));
    fix_dates(next);
    merged.Append(next);
  }
  fix_dates(merged);
  std::ostringstream out;
  {
    PoDoFo::PdfOutputDevice device(&out);
    merged.Write(&device);
  }
  return out.str();
}

}  // namespace

void WriteSeveralCases(Output& out) {
  std::string name = "case-files/several-cases-in-one.pdf";
  std::string file = "several-cases-in-one.pdf";
  std::vector<std::string> pdfs;
  Json case_files = Json::array();
  int offset = 0;
  for (const CaseFile& c : MergedCaseFiles()) {
    RenderedCaseFile rendered = RenderCaseFile(c, false);
    Json components = Json::object();
    Json headings = Json::object();
    std::vector<std::string> printed = ComponentHeadings(c);
    for (size_t i = 0; i < kComponentKeys.size(); ++i) {
      components[kComponentKeys[i]] = {offset + rendered.ranges[i].first,
                                       offset + rendered.ranges[i].second};
      headings[kComponentKeys[i]] = printed[i];
    }
    Json entry;
    entry["id"] = c.id;
    entry["file"] = file;
    entry["components"] = components;
    entry["headings"] = headings;
    case_files.push_back(entry);
    offset += rendered.pages[0];
    pdfs.push_back(rendered.files[0].second);
  }
  const Json& cf09_notes = case_files[2]["components"]["case notes"];
  if (cf09_notes[1].get<int>() - cf09_notes[0].get<int>() != 1) {
    Fail("CF09's case notes should run over exactly 2 pages");
  }
  std::string merged = MergePdfs(pdfs);
  out.Write(name, merged);
  Json runs = Json::array();
  runs.push_back(RunJson("triage", {}, std::nullopt, Json::array(), kReadProblemRules, std::nullopt,
                         {WithRole(DocJson(file, kPdf, offset, "read"), "case-file")}));
  Json extra;
  extra["workbook_answers"] = Json::array();
  extra["case_files"] = case_files;
  out.Expect(name,
             "Three invented case files (CF07, CF08 with an action plan and a non-instructed "
             "authorisation form, CF09 with case notes over two pages) merged into one PDF of " +
                 std::to_string(offset) +
                 " pages, one after another, each component starting on its own page; each "
                 "page keeps its own case's footer and page number.",
             runs, Json::array(), Json::array(), extra);
}

}  // namespace qpm::samples
