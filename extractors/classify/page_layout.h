// extractors/classify/page_layout.h — the lines of a page, which of them are headings, and
// which repeat on every page (running headers and footers).
#ifndef QPM_EXTRACTORS_CLASSIFY_PAGE_LAYOUT_H_
#define QPM_EXTRACTORS_CLASSIFY_PAGE_LAYOUT_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"

namespace qpm::layout {

struct Line {
  std::string_view text;  // into Page::text
  uint32_t start = 0;     // byte offsets in Page::text
  uint32_t end = 0;
  double height = 0;       // mean height of its words, points; 0 when the page has no boxes
  std::optional<Box> box;  // around its words, when known
  bool running = false;    // repeats on most pages: a running header or footer
  bool heading = false;    // set apart: larger than the page's usual text, or at its top
  bool larger = false;     // in print clearly larger than the page's usual text
  // Opens a block: the page's first line, or one after an empty line. Text with no
  // layout (a Word body, an email) shows where a new part starts only this way: a
  // page break or a space between paragraphs is an empty line there.
  bool block_start = false;
};

// Lines repeated on at least half the pages of a document of two or more pages,
// compared with digits removed (so "Page 3 of 9" repeats), folded (pipeline/core/text.h).
std::set<std::string> RunningLines(const Document& doc);

// The page's non-empty lines, with running lines and headings marked. A heading is
// short (at most `max_heading_words` words) and either among the first
// `top_lines` lines that are not running, or clearly larger than the page's
// usual text.
std::vector<Line> PageLines(const Page& page, const std::set<std::string>& running,
                            int top_lines = 3, int max_heading_words = 10);

// The running-line key of a line: folded, digits dropped.
std::string RunningKey(std::string_view line);

}  // namespace qpm::layout

#endif  // QPM_EXTRACTORS_CLASSIFY_PAGE_LAYOUT_H_
