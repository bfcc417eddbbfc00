// pipeline/output/serve_html.h — the pages of the local page (`qpm-intake serve`,
// pipeline/app/serve.h, docs/serve.md): the start page, the progress of a check, what
// was found, and the short pages that say no or say what happened.
//
// Each page is one HTML document with no script, no font, style or picture from
// anywhere but the server itself: its style is one <style> element, allowed by its
// hash in the page's own Content-Security-Policy, which comes back with the page. The
// element ids and labels are the contract the browser tests rely on (docs/serve.md).
// Every value is HTML-escaped; values are shown masked, and in full only inside a
// <details> the person opens.
//
// Pure: no I/O, no clock. Safe to call from any thread.
#ifndef QPM_PIPELINE_OUTPUT_SERVE_HTML_H_
#define QPM_PIPELINE_OUTPUT_SERVE_HTML_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"

namespace qpm::serve_html {

struct Page {
  std::string html;
  // The Content-Security-Policy header for this page: nothing from anywhere, pictures
  // and forms from the server only, and the page's own <style> by its SHA-256.
  std::string csp;
};

// What the start page says of the server's limits.
struct Limits {
  uint64_t max_upload_mb = 200;
  unsigned max_files = 500;
  unsigned idle_minutes = 30;
};

// The start page: choose or drop files or a folder, the deny- and allow-lists, Check.
Page Start(std::string_view token, const Limits& limits);

// One uploaded file and how far its check is, in words ("Waiting", "Read").
struct FileState {
  std::string name;  // as it is shown: masked
  std::string state;
};

// The page a running check shows; it asks the browser to load it again every second.
// `stage` is the run's progress line (masked, counts).
Page Progress(std::string_view token, const std::vector<FileState>& files, std::string_view stage);

// One thing found that a safe copy removes unless the person unticks it.
struct FindingView {
  std::string id;          // the removal's id (redaction/removal.h): the checkbox's value
  std::string sentence;    // "A date of birth is readable here: page 2."
  std::string masked;      // the value masked
  std::string value;       // the value in full, shown only in "Show the value"
  int page = 0;            // 1-based; 0: not on a page
  std::optional<Box> box;  // where on `page`, in per cent of its width and height
};

struct DocumentView {
  std::string name;  // masked
  std::vector<FindingView> findings;
  // What else about the file needs a look and has nothing a safe copy removes (a
  // warning, a file that could not be read), in words, masked.
  std::vector<std::string> notes;
  std::string no_copy;  // why no safe copy can be made of it; "" when one can
};

// What was found: per document the pictures of its pages with a finding, a box and a
// number over each; one list of every finding, each with "Remove this" ticked; the
// safe copy's and the list's downloads, and Finish. A document is shown at index D as
// "doc-D" and its pictures as /TOKEN/page/D/P.jpg.
Page Results(std::string_view token, const std::vector<DocumentView>& documents);

// A short page with a heading and a paragraph; `back` adds a link to the start page
// (never on a refusal, which must not show the token).
Page Message(std::string_view title, std::string_view text, std::string_view back_token = "");

// The Content-Security-Policy of an answer that is not one of these pages (a picture,
// a download): that of a page with the shared style alone.
std::string DefaultCsp();

// "sha256-<base64>" of `style`, as a Content-Security-Policy source names it.
std::string StyleHash(std::string_view style);

}  // namespace qpm::serve_html

#endif  // QPM_PIPELINE_OUTPUT_SERVE_HTML_H_
