// pipeline/output/report_css.h — the style sheet of report.html, pipeline/output/report.css,
// built into the program (by CMake, from report_css.cc.in) so that the page needs no file
// beside it and nothing is read at run time.
#ifndef QPM_PIPELINE_OUTPUT_REPORT_CSS_H_
#define QPM_PIPELINE_OUTPUT_REPORT_CSS_H_

#include <string_view>

namespace qpm::report {
extern const std::string_view kReportCss;  // report.css byte for byte
}  // namespace qpm::report

#endif  // QPM_PIPELINE_OUTPUT_REPORT_CSS_H_
