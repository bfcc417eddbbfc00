#include "extractors/classify/page_layout.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "pipeline/core/text.h"

namespace qpm::layout {

std::string RunningKey(std::string_view line) {
  std::string folded = text::Fold(line);
  std::string out;
  for (char c : folded) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) out.push_back(c);
  }
  return text::Fold(out);
}

std::set<std::string> RunningLines(const Document& doc) {
  std::set<std::string> out;
  size_t pages = 0;
  for (const Page& p : doc.pages) pages += p.text.empty() ? 0 : 1;
  if (pages < 2) return out;
  std::map<std::string, size_t> seen;
  for (const Page& p : doc.pages) {
    std::set<std::string> on_page;
    for (std::string_view line : text::Lines(p.text)) {
      std::string key = RunningKey(line);
      if (!key.empty()) on_page.insert(std::move(key));
    }
    for (const std::string& key : on_page) ++seen[key];
  }
  for (const auto& [key, count] : seen) {
    if (count >= 2 && count * 2 >= pages) out.insert(key);
  }
  return out;
}

std::vector<Line> PageLines(const Page& page, const std::set<std::string>& running, int top_lines,
                            int max_heading_words) {
  std::vector<Line> lines;
  uint32_t pos = 0;
  bool after_gap = true;
  for (std::string_view text : text::Lines(page.text)) {
    Line line;
    line.text = text;
    line.start = pos;
    line.end = pos + static_cast<uint32_t>(text.size());
    pos = line.end + 1;
    if (text::Fold(text).empty()) {
      after_gap = true;  // an empty line, or one of symbols only (a rule drawn in text)
      continue;
    }
    line.running = running.count(RunningKey(text)) != 0;
    line.block_start = after_gap;
    after_gap = false;
    lines.push_back(line);
  }
  // Word heights, line by line (words are in text order).
  std::vector<double> heights;
  size_t w = 0;
  for (Line& line : lines) {
    double sum = 0;
    int n = 0;
    while (w < page.words.size() && page.words[w].start < line.start) ++w;
    for (size_t k = w; k < page.words.size() && page.words[k].start < line.end; ++k) {
      const Box& b = page.words[k].box;
      sum += b.y1 - b.y0;
      ++n;
      if (!line.box) {
        line.box = b;
      } else {
        line.box->x0 = std::min(line.box->x0, b.x0);
        line.box->y0 = std::min(line.box->y0, b.y0);
        line.box->x1 = std::max(line.box->x1, b.x1);
        line.box->y1 = std::max(line.box->y1, b.y1);
      }
      heights.push_back(b.y1 - b.y0);
    }
    line.height = n > 0 ? sum / n : 0;
  }
  double median = 0;
  if (!heights.empty()) {
    std::nth_element(heights.begin(),
                     heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2),
                     heights.end());
    median = heights[heights.size() / 2];
  }
  int seen = 0;
  for (Line& line : lines) {
    if (line.running) continue;
    bool short_enough = text::CountWords(line.text) <= max_heading_words;
    bool top = seen < top_lines;
    line.larger = median > 0 && line.height >= median * 1.2;
    line.heading = short_enough && (top || line.larger);
    ++seen;
  }
  return lines;
}

}  // namespace qpm::layout
