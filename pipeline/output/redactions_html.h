// pipeline/output/redactions_html.h — OUT/redactions.html: what `qpm-intake redact` removed
// from each document, for a person to check (docs/redact.md).
//
// Made from redactions.json alone, plus a small picture of each page that has a box:
// per document, what became of it (copied, refused and why, not copied and why), the
// proof's outcome, each removal with its reason and its value masked, and each boxed
// page as it is in the copy, with its boxes outlined and numbered over it. The page is
// self-contained (pictures as data: URIs, no script, a strict Content-Security-Policy)
// and shows no value in full unless the report holds values (--reveal).
#ifndef QPM_PIPELINE_OUTPUT_REDACTIONS_HTML_H_
#define QPM_PIPELINE_OUTPUT_REDACTIONS_HTML_H_

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace qpm::redactions_html {

// The page as burnt, small and grey (JPEG), keyed by the document's index in
// report["documents"] and the page number. It is stretched over the page's size in
// points, so the boxes (points) land on it whatever its resolution.
using Pictures = std::map<std::pair<size_t, int>, std::string>;

std::string Render(const nlohmann::json& report, const Pictures& pictures);

}  // namespace qpm::redactions_html

#endif  // QPM_PIPELINE_OUTPUT_REDACTIONS_HTML_H_
