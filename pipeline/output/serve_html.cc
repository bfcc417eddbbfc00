#include "pipeline/output/serve_html.h"

#include <cstdio>

#include "pipeline/core/html_text.h"
#include "pipeline/platform/sha256.h"

namespace qpm::serve_html {
namespace {

// The style every page shares. Boxes over a picture get their places in rules of their
// own, after this, so that no element carries a style attribute (the policy allows
// none).
constexpr std::string_view kStyle = R"css(
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}
label{display:block;font-weight:600;margin-top:1rem}
textarea{width:100%;min-height:4rem}
button{font-size:1rem;padding:.5rem 1.2rem;margin-top:1rem}
:focus{outline:3px solid #1d4ed8;outline-offset:2px}
.note{background:#f3f4f6;padding:.5rem 1rem}
figure.page{display:inline-block;max-width:100%;margin:1rem 0}
div.sheet{position:relative;border:1px solid #999}
img.page-picture{display:block;max-width:100%;height:auto}
span.box{position:absolute;border:2px solid #b91c1c;background:rgba(185,28,28,.15);color:#7f1d1d;
font:700 12px/1 sans-serif;min-width:1.2em}
li.finding{margin:.75rem 0}
li.finding label{display:inline;font-weight:400;margin-left:.25rem}
.masked{font-family:monospace}
)css";

std::string Escape(std::string_view s) { return EscapeHtml(s); }

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", v);
  return buf;
}

std::string Policy(const std::string& style) {
  return "default-src 'none'; img-src 'self'; style-src '" + StyleHash(style) +
         "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
}

// A whole page: the head with the style (and `more_style`), then `body`.
Page Document(std::string_view title, const std::string& body, const std::string& more_style = "",
              bool refresh = false) {
  std::string style = std::string(kStyle) + more_style;
  Page page;
  page.csp = Policy(style);
  page.html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page.html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page.html += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  if (refresh) page.html += "<meta http-equiv=\"refresh\" content=\"1\">\n";
  page.html += "<title>" + Escape(title) + " — qpm-intake</title>\n<style>" + style +
               "</style>\n</head>\n<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
  return page;
}

std::string Base(std::string_view token) { return "/" + std::string(token) + "/"; }

// One document's section: the pictures of its pages with a finding, each finding a
// numbered box over its page.
std::string DocumentSection(std::string_view token, size_t index, const DocumentView& d,
                            int& number, std::string& style) {
  std::string out = "<section class=\"document\" id=\"doc-" + std::to_string(index) + "\">\n<h2>" +
                    Escape(d.name) + "</h2>\n";
  std::vector<int> pages;
  for (const FindingView& f : d.findings) {
    bool listed = false;
    for (int p : pages) listed = listed || p == f.page;
    if (f.page > 0 && f.box && !listed) pages.push_back(f.page);
  }
  int first = number;
  for (int p : pages) {
    std::string n = std::to_string(p);
    out += "<figure class=\"page\">\n<div class=\"sheet\">\n<img class=\"page-picture\" src=\"" +
           Base(token) + "page/" + std::to_string(index) + "/" + n + ".jpg\" alt=\"Page " + n +
           " of " + Escape(d.name) + "\">\n";
    int k = first;
    for (const FindingView& f : d.findings) {
      ++k;
      if (f.page != p || !f.box) continue;
      std::string id = "box-" + std::to_string(k);
      out += "<span class=\"box\" id=\"" + id + "\" aria-hidden=\"true\">" + std::to_string(k) +
             "</span>\n";
      style += "#" + id + "{left:" + Percent(f.box->x0) + ";top:" + Percent(f.box->y0) +
               ";width:" + Percent(f.box->x1 - f.box->x0) +
               ";height:" + Percent(f.box->y1 - f.box->y0) + "}\n";
    }
    // The boxes are placed over the picture alone, not the caption under it.
    out += "</div>\n<figcaption>Page " + n + "</figcaption>\n</figure>\n";
  }
  number += static_cast<int>(d.findings.size());
  if (d.findings.empty() && d.notes.empty()) {
    out += "<p>Nothing was found in this file.</p>\n";
  } else if (d.findings.empty()) {
    out += "<p>No personal data to remove was found in this file.</p>\n";
  }
  for (const std::string& note : d.notes) {
    out += "<p class=\"note\">" + Escape(note) + "</p>\n";
  }
  if (!d.no_copy.empty()) {
    out +=
        "<p class=\"note\">No safe copy can be made of this file: " + Escape(d.no_copy) + "</p>\n";
  }
  return out + "</section>\n";
}

std::string FindingItem(const DocumentView& d, const FindingView& f) {
  std::string id = Escape(f.id);
  std::string out = "<li class=\"finding\" id=\"finding-" + id + "\">\n<p>" + Escape(f.sentence) +
                    " In " + Escape(d.name) + ": <span class=\"masked\">" + Escape(f.masked) +
                    "</span></p>\n";
  if (!f.value.empty()) {
    out += "<details><summary>Show the value</summary>" + Escape(f.value) + "</details>\n";
  }
  out += "<input type=\"checkbox\" name=\"remove\" value=\"" + id + "\" id=\"remove-" + id +
         "\" checked><label for=\"remove-" + id + "\">Remove this</label>\n</li>\n";
  return out;
}

}  // namespace

std::string StyleHash(std::string_view style) {
  std::string hex = Sha256Hex(style);
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return "sha256-" + Base64(bytes);
}

std::string DefaultCsp() { return Policy(std::string(kStyle)); }

Page Start(std::string_view token, const Limits& limits) {
  std::string body =
      "<h1>Check files for personal data before you send them</h1>\n"
      "<p>Choose files or a whole folder, or drop them on the buttons below, then press "
      "Check. Nothing leaves this computer: the files are read here, by this program.</p>\n"
      "<form id=\"check-form\" method=\"post\" action=\"" +
      Base(token) +
      "check\" enctype=\"multipart/form-data\">\n"
      "<label for=\"files\">Files to check</label>\n"
      "<input type=\"file\" id=\"files\" name=\"files\" multiple>\n"
      "<label for=\"folder\">Or a whole folder</label>\n"
      "<input type=\"file\" id=\"folder\" name=\"files\" webkitdirectory multiple>\n"
      "<label for=\"deny\">Names or numbers that must be removed (one per line)</label>\n"
      "<textarea id=\"deny\" name=\"deny\"></textarea>\n"
      "<label for=\"allow\">Names or numbers that are fine to keep (one per line)</label>\n"
      "<textarea id=\"allow\" name=\"allow\"></textarea>\n"
      "<button id=\"check\" type=\"submit\">Check</button>\n</form>\n"
      "<p class=\"note\">PDF, Word and other office files, pictures, zips and emails. Up to " +
      std::to_string(limits.max_files) + " files and " + std::to_string(limits.max_upload_mb) +
      " MB at once. Everything you give is deleted when you press Finish, when the program "
      "stops, or after " +
      std::to_string(limits.idle_minutes) + " minutes with nothing done on this page.</p>\n";
  return Document("Check files", body);
}

Page Progress(std::string_view token, const std::vector<FileState>& files, std::string_view stage) {
  (void)token;
  std::string body = "<h1>Checking the files</h1>\n<p>" +
                     Escape(stage.empty() ? std::string_view("Starting") : stage) +
                     "</p>\n<ul id=\"progress\">\n";
  for (const FileState& f : files) {
    body += "<li>" + Escape(f.name) + ": " + Escape(f.state) + "</li>\n";
  }
  body += "</ul>\n<p>This page shows the results by itself when the check is done.</p>\n";
  return Document("Checking", body, "", true);
}

Page Results(std::string_view token, const std::vector<DocumentView>& documents) {
  std::string style;
  std::string body =
      "<h1>What was found</h1>\n<p>Each box on a picture has the number of a finding in the "
      "list below. Everything ticked is removed from the safe copy; untick what is fine to "
      "keep (a member of staff's name, your own address).</p>\n"
      "<form id=\"download-form\" method=\"post\" action=\"" +
      Base(token) + "safe-copy\">\n";
  int number = 0;
  for (size_t i = 0; i < documents.size(); ++i) {
    body += DocumentSection(token, i, documents[i], number, style);
  }
  body += "<h2>The findings</h2>\n";
  bool any = false;
  for (const DocumentView& d : documents) any = any || !d.findings.empty();
  body += any ? "<ol id=\"findings\">\n"
              : "<p>Nothing to remove was found.</p>\n<ol id=\"findings\">\n";
  for (const DocumentView& d : documents) {
    for (const FindingView& f : d.findings) body += FindingItem(d, f);
  }
  body +=
      "</ol>\n<label for=\"also-remove\">Also remove everywhere (one per line)</label>\n"
      "<textarea id=\"also-remove\" name=\"also_remove\"></textarea>\n"
      "<button id=\"download-copy\" type=\"submit\">Download a safe copy</button>\n</form>\n"
      "<p>Making the safe copy reads every page again and can take a few minutes.</p>\n"
      "<p><a id=\"download-list\" href=\"" +
      Base(token) +
      "report.html\" download>Download the list</a> of what was found, to keep or to "
      "fix the files by hand.</p>\n"
      "<form method=\"post\" action=\"" +
      Base(token) +
      "finish\"><button id=\"finish\" type=\"submit\">Finish and delete everything</button>"
      "</form>\n";
  return Document("What was found", body, style);
}

Page Message(std::string_view title, std::string_view text, std::string_view back_token) {
  std::string body = "<h1>" + Escape(title) + "</h1>\n<p>" + Escape(text) + "</p>\n";
  if (!back_token.empty()) {
    body += "<p><a href=\"" + Base(back_token) + "\">Back to the start</a></p>\n";
  }
  return Document(title, body);
}

}  // namespace qpm::serve_html
