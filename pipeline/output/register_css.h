// pipeline/output/register_css.h — the style sheet index.html adds to report.css,
// pipeline/output/register.css, built into the program (by CMake, from
// register_css.cc.in) so that the page needs no file beside it.
#ifndef QPM_PIPELINE_OUTPUT_REGISTER_CSS_H_
#define QPM_PIPELINE_OUTPUT_REGISTER_CSS_H_

#include <string_view>

namespace qpm::reg {
extern const std::string_view kRegisterCss;  // register.css byte for byte
}  // namespace qpm::reg

#endif  // QPM_PIPELINE_OUTPUT_REGISTER_CSS_H_
