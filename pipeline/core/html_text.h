// pipeline/core/html_text.h — the text a reader sees in a piece of HTML, and text made
// safe to put in HTML (escaped, or in base64).
//
// Pure and linear in its input whatever it holds (no backtracking, every search
// moves forward), so hostile HTML cannot make it slow. Used for HTML email bodies
// and HTML files.
#ifndef QPM_PIPELINE_CORE_HTML_TEXT_H_
#define QPM_PIPELINE_CORE_HTML_TEXT_H_

#include <string>
#include <string_view>

namespace qpm {

// Drops tags, comments and <script>/<style> contents; ends lines at block
// boundaries (p, div, br, tr, li, headings); decodes &amp; &lt; &gt; &quot;
// &apos; &nbsp; (as a plain space) and numeric entities; collapses runs of
// spaces and keeps at most one blank line between paragraphs.
std::string HtmlToText(std::string_view html);

// Appends `s` escaped for HTML text and attribute values alike (& < > " '). Valid UTF-8
// is copied unchanged except for control characters (C0 but tab and line ends, DEL,
// C1), which become U+FFFD; so does each maximal invalid subpart (Unicode 15 §3.9, as
// browsers decode). report.html and the inbox's register write every value so.
void AppendEscapedHtml(std::string& out, std::string_view s);
std::string EscapeHtml(std::string_view s);

// `bytes` in base64 (RFC 4648, with padding): for a picture in a data: URL and a hash in
// a Content-Security-Policy.
std::string Base64(std::string_view bytes);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_HTML_TEXT_H_
