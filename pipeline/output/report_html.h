// pipeline/output/report_html.h — report.json rendered as one self-contained HTML page.
//
// For people, not programs: the support team triaging a submission and the
// organisation checking its anonymisation read this page, and it may be
// forwarded. It shows one overall status in words and colour, a "What to fix"
// summary (blockers, then warnings) linking to the findings table, the documents
// and inputs, a "How to read this report" panel and the limits the run used.
// report.json stays the source of truth; this page adds nothing to it.
//
// Pure: no I/O, no clock, no locale. Safe to call from any thread.
#ifndef QPM_PIPELINE_OUTPUT_REPORT_HTML_H_
#define QPM_PIPELINE_OUTPUT_REPORT_HTML_H_

#include <nlohmann/json.hpp>
#include <string>

namespace qpm::report {

// Renders a report (the JSON shape of docs/report-format.md) as a complete HTML
// document: inline CSS, no scripts, no external resources, works from file:// and
// prints well. Every value from the report is HTML-escaped. Deterministic: the same
// report gives the same bytes. Never throws on a well-formed report; fields that
// are missing are shown as absent, not guessed.
//
// Text from the report is written as valid UTF-8: invalid bytes become U+FFFD, and
// so do control characters other than tab and line breaks (HTML treats them as
// errors). When any finding carries `value` (scan --reveal) the page opens with a
// red "do not forward" notice.
std::string RenderHtml(const nlohmann::json& report);

}  // namespace qpm::report

#endif  // QPM_PIPELINE_OUTPUT_REPORT_HTML_H_
