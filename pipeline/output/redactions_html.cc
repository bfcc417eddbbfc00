#include "pipeline/output/redactions_html.h"

#include <cstdio>
#include <string_view>
#include <vector>

#include "pipeline/core/html_text.h"
#include "pipeline/output/report_css.h"

namespace qpm::redactions_html {
namespace {

using nlohmann::json;

std::string Esc(std::string_view s) { return EscapeHtml(s); }

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int Int(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

bool Bool(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Safe copies: what was removed</title>
<style>
)";

// What this page adds to report.css: the pages with their boxes.
constexpr std::string_view kPageCss = R"(
figure.page { margin: 1rem 0 2rem; max-width: 40rem; }
figure.page svg { width: 100%; height: auto; border: 1px solid #b1b4b6; background: #fff; }
figure.page rect { fill: none; stroke: #d4351c; stroke-width: 2; }
figure.page text { fill: #d4351c; font: bold 11px sans-serif; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
figure.page figcaption { color: #505a5f; font-size: 0.875rem; margin-top: 0.25rem; }
.notice { border-left: 0.625rem solid #1d70b8; padding: 0.5rem 0 0.5rem 1rem; margin: 0 0 1.5rem; }
)";

std::string OutcomeTag(const std::string& outcome) {
  if (outcome == "copied") return "<span class=\"tag tag-green\">Copied, proven clean</span>";
  if (outcome == "refused") return "<span class=\"tag tag-red\">No copy kept</span>";
  return "<span class=\"tag tag-grey\">Not copied</span>";
}

void AppendProof(std::string& out, const json& proof) {
  if (!proof.is_object() || proof.empty()) return;
  std::string read_back = Str(proof, "read_back");
  if (Bool(proof, "clean")) {
    out += "<p>Read back (" + Esc(read_back) +
           "): no removed value is readable in the copy, and no personal data that blocks, "
           "no failed redaction and no hidden data was found in it.</p>\n";
    return;
  }
  out +=
      "<p><strong>Read back (" + Esc(read_back) + "), the copy still showed:</strong></p>\n<ul>\n";
  int left = Int(proof, "values_left");
  if (left > 0)
    out += "<li>" + Plural(static_cast<size_t>(left), "removed value", "removed values") +
           " still readable</li>\n";
  if (auto f = proof.find("findings"); f != proof.end() && f->is_array()) {
    for (const json& item : *f) {
      out += "<li><code>" + Esc(Str(item, "rule")) + "</code>";
      if (int page = Int(item, "page"); page > 0) out += " on page " + std::to_string(page);
      if (std::string m = Str(item, "masked"); !m.empty()) out += ": " + Esc(m);
      out += "</li>\n";
    }
  }
  out += "</ul>\n";
}

void AppendRemovals(std::string& out, const json& removals, bool reveal) {
  if (!removals.is_array() || removals.empty()) {
    out += "<p>Nothing was found to remove.</p>\n";
    return;
  }
  out +=
      "<table>\n<caption>What was removed</caption>\n<thead><tr><th scope=\"col\">Page</th>"
      "<th scope=\"col\">What</th><th scope=\"col\">Value</th><th scope=\"col\">Why</th>"
      "<th scope=\"col\">Id</th></tr></thead>\n<tbody>\n";
  for (const json& r : removals) {
    int page = Int(r, "page");
    std::string where = page > 0 ? std::to_string(page) : Esc(Str(r, "field"));
    if (where.empty()) where = "everywhere";
    std::string value = reveal && r.contains("value") ? Str(r, "value") : Str(r, "masked");
    std::string what = Esc(Str(r, "label"));
    if (Bool(r, "kept")) what += " <span class=\"tag tag-blue\">kept by your decision</span>";
    out += "<tr><td>" + where + "</td><td>" + what + "</td><td><code>" + Esc(value) +
           "</code></td><td>" + Esc(Str(r, "why")) + "</td><td><code>" + Esc(Str(r, "id")) +
           "</code></td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void AppendPage(std::string& out, const json& page, const std::string* jpeg) {
  double w = page.value("width", 0.0);
  double h = page.value("height", 0.0);
  int number = Int(page, "page");
  const json& boxes = page.at("boxes");
  out += "<figure class=\"page\">\n<svg viewBox=\"0 0 " + Num(w) + " " + Num(h) +
         "\" role=\"img\" aria-label=\"Page " + std::to_string(number) + " of the copy, with " +
         Plural(boxes.size(), "box", "boxes") + " outlined\">\n";
  if (jpeg != nullptr && !jpeg->empty()) {
    out += "<image width=\"" + Num(w) + "\" height=\"" + Num(h) +
           "\" href=\"data:image/jpeg;base64," + Base64(*jpeg) + "\"/>\n";
  }
  std::string legend;
  size_t k = 0;
  for (const json& b : boxes) {
    ++k;
    const json& box = b.at("box");
    double x0 = box.at(0).get<double>();
    double y0 = box.at(1).get<double>();
    double x1 = box.at(2).get<double>();
    double y1 = box.at(3).get<double>();
    out += "<rect x=\"" + Num(x0) + "\" y=\"" + Num(y0) + "\" width=\"" + Num(x1 - x0) +
           "\" height=\"" + Num(y1 - y0) + "\"/><text x=\"" + Num(x1 + 2) + "\" y=\"" +
           Num(y0 + 9) + "\">" + std::to_string(k) + "</text>\n";
    legend += (legend.empty() ? "" : "; ") + std::to_string(k) + " " + Esc(Str(b, "label"));
  }
  out += "</svg>\n<figcaption>Page " + std::to_string(number) + ": " + legend +
         "</figcaption>\n</figure>\n";
}

}  // namespace

std::string Render(const json& report, const Pictures& pictures) {
  std::string out(kHead);
  out += report::kReportCss;
  out += kPageCss;
  out += "</style>\n</head>\n<body>\n<main>\n";
  out += "<p class=\"caption\">" + Esc(Str(report, "tool")) + " redact</p>\n";
  out += "<h1>Safe copies: what was removed</h1>\n";
  const json& documents = report.at("documents");
  bool reveal = report.contains("options") && Bool(report.at("options"), "reveal");
  size_t copied = 0, refused = 0, not_copied = 0;
  for (const json& d : documents) {
    std::string outcome = Str(d, "outcome");
    copied += outcome == "copied";
    refused += outcome == "refused";
    not_copied += outcome == "not-copied";
  }
  bool all_clean = refused == 0 && Int(report, "exit_code") == 0;
  out += std::string("<div class=\"status-panel ") + (all_clean ? "status-green" : "status-red") +
         "\">\n<p class=\"counts\">" +
         Plural(copied, "copy made and proven clean", "copies made and proven clean");
  if (refused > 0) out += ", " + Plural(refused, "copy not kept", "copies not kept");
  if (not_copied > 0) {
    out += ", " + Plural(not_copied, "document not copied", "documents not copied");
  }
  out += "</p>\n</div>\n";
  out +=
      "<div class=\"notice\"><p><strong>Read every page below.</strong> redact removes what "
      "the checks find; it does not judge context. A box may cover something that is fine "
      "to send (a staff member's name), and something the checks did not find is not "
      "boxed. To keep a finding, or to remove more, write a decisions file and run redact "
      "again with <code>--decisions</code>.</p>\n";
  if (reveal) {
    out +=
        "<p><strong>Values are shown in full (--reveal): do not send this page to "
        "anyone.</strong></p>\n";
  }
  out += "</div>\n";
  for (size_t i = 0; i < documents.size(); ++i) {
    const json& d = documents[i];
    out += "<section id=\"doc-" + std::to_string(i + 1) + "\">\n<h2>" + Esc(Str(d, "path")) +
           "</h2>\n<p>" + OutcomeTag(Str(d, "outcome"));
    if (std::string copy = Str(d, "copy"); !copy.empty()) {
      out += " <a href=\"" + Esc(copy) + "\">" + Esc(copy) + "</a>";
    }
    out += "</p>\n";
    if (std::string reason = Str(d, "reason"); !reason.empty()) {
      out += "<p>" + Esc(reason) + "</p>\n";
    }
    if (auto p = d.find("proof"); p != d.end()) AppendProof(out, *p);
    if (auto r = d.find("removals"); r != d.end()) AppendRemovals(out, *r, reveal);
    if (auto pages = d.find("boxed_pages"); pages != d.end() && pages->is_array()) {
      for (const json& page : *pages) {
        auto it = pictures.find({i, Int(page, "page")});
        AppendPage(out, page, it != pictures.end() ? &it->second : nullptr);
      }
    }
    out += "</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace qpm::redactions_html
