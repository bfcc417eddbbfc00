// scripts/make_samples/report_content.h — content: IMCA and Care Act advocacy reports. The
// person is "P" throughout, as in many real anonymised reports.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_REPORT_CONTENT_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_REPORT_CONTENT_H_

#include <string>
#include <vector>

#include "policy_content.h"

namespace qpm::samples {

struct Report {
  std::string kind;  // "IMCA" or "Care Act"
  int number = 0;
  std::string date;
  std::string subject;  // the decision or the Care Act process
  std::string instructed_by;
  std::string background;
  std::string what_i_did;
  std::string wishes;
  std::string others;
  std::vector<std::string> points;  // options considered, or issues raised
  std::string conclusion;
};

// The clean submission's ten reports: five IMCA and five Care Act.
const std::vector<Report>& Reports();

// Where a report goes in the submission: "Reports/IMCA/IMCA report 01.pdf".
std::string ReportPath(const Report& r);

// A report as a PDF of one or two pages (fails otherwise).
RenderedPdf RenderReport(const Report& r);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_REPORT_CONTENT_H_
