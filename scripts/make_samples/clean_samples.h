// scripts/make_samples/clean_samples.h — samples/clean/: the clean submission, rendered once
// (CleanSet) and reused by the samples built from its parts.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_CLEAN_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_CLEAN_SAMPLES_H_

#include <string>
#include <vector>

#include "case_file_content.h"
#include "expected_results.h"
#include "fillable_workbook.h"
#include "fixed_values.h"
#include "policy_content.h"

namespace qpm::samples {

// One file of the clean submission.
struct Item {
  std::string name;  // entry name in the submission zip
  std::string bytes;
  int pages = 0;
};

// The clean submission, rendered once and reused by the samples built from its parts.
struct CleanSet {
  RenderedWorkbook workbook;
  std::vector<RenderedPdf> policies;  // in Policies() order
  std::vector<RenderedCaseFile> cases;
  std::vector<Item> items;  // every file, in zip order
  std::string zip;
  Json case_files = Json::array();

  const Item& Find(const std::string& name) const {
    for (const Item& item : items) {
      if (item.name == name) return item;
    }
    Fail("no item " + name);
  }
};

// Renders the clean submission: the fillable workbook, Policies(), CaseFiles() (CF04 as a
// folder of one PDF per component), Reports(), and the zip of them all.
CleanSet BuildCleanSet();

// The clean zip's name when an email carries it.
constexpr char kCleanAttachment[] = "Example Advocacy QPM submission.zip";

// clean/: the clean zip, and the email that sent it with the zip attached.
void WriteClean(Output& out, const CleanSet& set);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_CLEAN_SAMPLES_H_
