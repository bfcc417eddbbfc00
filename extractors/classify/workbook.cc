// The workbook: each indicator's answer, from form fields or from the page text, and
// the facts it states (issue date, WTE, band, the types of work it provides).
//
// An answer is found under the indicator id the workbook prints at the start of a
// line, and runs to the next indicator, or to a heading in between. Pages with word
// boxes (PDF text, OCR) are read by where the words stand, never in the order a PDF
// reader gives them: Poppler reads a table column by column and a tick drawn at the
// right margin after the rest of the page. So the words are set in lines by height,
// and an indicator's table row is read cell by cell: its id, its wording, its answer.
// Form fields and box glyphs belong to the indicator whose row they stand in (field
// names are often generic: "Check Box7"). Pages without boxes (a Word body) are read
// line by line, a Word table row being one line of tab-separated cells.
//
// A workbook split over files (parts 1 and 2) is read as one: each other document
// that prints the indicators the first lacks is a part of it.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "extractors/classify/classify.h"
#include "extractors/classify/page_layout.h"
#include "pipeline/core/dates.h"
#include "pipeline/core/rules.h"
#include "pipeline/core/text.h"

namespace qpm::classify {
namespace {

constexpr size_t kNoIndex = static_cast<size_t>(-1);

// ---- Box glyphs

enum class Tick { kNone, kOn, kOff };

const std::vector<std::string_view>& TickedGlyphs() {
  static const std::vector<std::string_view> k = {
      "☒", "☑", "✓", "✔", "✗", "✘", "⊠", "■", "[x]", "[X]", "(x)", "(X)", "[✓]", "[✔]",
      // Wingdings and Wingdings 2 as PDFs without a ToUnicode map give them: the
      // private-use code the font's character sits at.
      "\uF0FE",  // Wingdings ☑
      "\uF0FD",  // Wingdings ☒
      "\uF078",  // Wingdings ⌧
      "\uF0FC",  // Wingdings ✓
      "\uF0FB",  // Wingdings ✗
      "\uF052",  // Wingdings 2 ☑
      "\uF054",  // Wingdings 2 ☒
      "\uF050",  // Wingdings 2 ✓
      "\uF04F",  // Wingdings 2 ✗
  };
  return k;
}

const std::vector<std::string_view>& EmptyGlyphs() {
  static const std::vector<std::string_view> k = {
      "☐",      "□", "❏", "❐", "❑", "❒", "◻", "▢", "[ ]", "[]", "( )", "[_]",
      "\uF0A8",  // Wingdings ◻
      "\uF06F",  // Wingdings □
      "\uF071",  // Wingdings ❑
      "\uF0A3",  // Wingdings 2 □
  };
  return k;
}

bool IsGlyph(std::string_view token, const std::vector<std::string_view>& set) {
  for (std::string_view g : set) {
    if (token == g || (token.size() > g.size() && token.substr(0, g.size()) == g)) return true;
  }
  return false;
}

// What OCR makes of a printed box: "[X]" comes out as "[X]}", "IX]" or "X]"; an empty
// box, a hollow shape, as "[]", "C]", "CI]", "LI" or "[J". A filled box is often a
// stray mark ("&", "®") or nothing at all; TickOf reads those beside an answer word.
Tick OcrBox(std::string_view token) {
  static const RE2 ticked("[\\[(\\{|lI]?[xX×][\\])\\}|lIJ1]+[.,;:\\]\\}]*|[\\[(\\{|][xX×][.,;:]?");
  static const RE2 hollow("[\\[(\\{|]?[CcLlIi|_ ]*[\\])\\}J]|[\\[(\\{][\\])\\}|_ ]*|LI|L\\]|U");
  re2::StringPiece in(token.data(), token.size());
  if (RE2::FullMatch(in, ticked)) return Tick::kOn;
  if (RE2::FullMatch(in, hollow)) return Tick::kOff;
  return Tick::kNone;
}

// A box glyph printed as `token`, ticked or empty; on a scan (`ocr`), also what OCR
// reads a box as.
Tick GlyphOf(std::string_view token, bool ocr) {
  if (IsGlyph(token, TickedGlyphs())) return Tick::kOn;
  if (IsGlyph(token, EmptyGlyphs())) return Tick::kOff;
  return ocr ? OcrBox(token) : Tick::kNone;
}

// A stray mark with no letter or digit, such as OCR leaves for a filled box.
bool IsStrayMark(std::string_view token) {
  if (token.empty() || token.size() > 3) return false;
  return text::Fold(token).empty();
}

// The words that say which answer a box is: "Yes ☒ No ☐", "☒ Met".
bool IsAnswerWord(std::string_view folded, bool after_the_box) {
  return folded == "yes" || folded == "no" || folded == "met" || (after_the_box && folded == "not");
}

// Placeholder text that Word and PDF forms show in an empty answer box.
bool IsPlaceholder(std::string_view folded) {
  static const std::vector<std::string> k = {
      "click or tap here to enter text", "click here to enter text", "enter text here", "type here",
      "type your answer here",           "enter your answer here",   "insert text here"};
  for (const std::string& p : k) {
    if (folded == p) return true;
  }
  return false;
}

// Labels some workbooks print before the answer box.
std::string_view DropAnswerLabel(std::string_view text) {
  static const std::vector<std::string> k = {
      "answer", "response", "evidence", "narrative", "your answer", "your response", "comments"};
  size_t lead = text.find_first_not_of(" \t\n");
  if (lead == std::string_view::npos) return "";
  text.remove_prefix(lead);
  for (const std::string& label : k) {
    if (text.size() > label.size() + 1 && text::Fold(text.substr(0, label.size())) == label &&
        text[label.size()] == ':') {
      return text.substr(label.size() + 1);
    }
  }
  return text;
}

// The text's words, split at spaces; an empty box printed "[ ]" or "( )" is one word.
std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
    size_t start = i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) == 0) ++i;
    if (i == start) continue;
    std::string token(text.substr(start, i - start));
    if (!out.empty() && ((out.back() == "[" && token.rfind(']', 0) == 0) ||
                         (out.back() == "(" && token.rfind(')', 0) == 0))) {
      out.back() += " " + token;
      continue;
    }
    out.push_back(std::move(token));
  }
  return out;
}

// How many leading tokens of `region` spell `wording` (allowing a few differences in
// hyphens, punctuation or a changed word), or 0 when they do not.
size_t WordingTokens(const std::vector<std::string>& region, const std::string& wording) {
  std::vector<std::string> want;
  for (const std::string& t : Tokens(wording)) want.push_back(text::Fold(t));
  std::vector<std::string> have;
  for (const std::string& t : region) have.push_back(text::Fold(t));
  size_t i = 0, j = 0, misses = 0;
  while (j < want.size() && i < have.size()) {
    if (have[i] == want[j]) {
      ++i, ++j;
    } else if (have[i].empty()) {
      ++i;
    } else if (i + 1 < have.size() && have[i + 1] == want[j]) {
      ++i, ++misses;
    } else if (j + 1 < want.size() && have[i] == want[j + 1]) {
      ++j, ++misses;
    } else if (have[i] + (i + 1 < have.size() ? have[i + 1] : "") == want[j]) {
      i += 2;  // "self-" "assessment" across a line end
      ++j;
    } else {
      ++i, ++j, ++misses;
    }
  }
  size_t allowed = std::max<size_t>(2, want.size() / 7);
  return j == want.size() && misses <= allowed ? i : 0;
}

std::string Join(const std::vector<std::string>& tokens, size_t from) {
  std::string out;
  for (size_t i = from; i < tokens.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += tokens[i];
  }
  return out;
}

bool IsSectionTitle(std::string_view line, const Profile& profile) {
  std::string folded = text::Fold(line);
  if (text::CountWords(line) > 10) return false;
  if (text::StartsWithPhrase(folded, "section") || text::StartsWithPhrase(folded, "principle")) {
    return true;
  }
  for (const ProfileSection& s : profile.sections) {
    std::string title = text::Fold(s.title);
    if (folded == title || folded == text::Fold(s.id + " " + s.title)) return true;
  }
  return false;
}

std::optional<std::string> DateIn(std::string_view text) {
  static const RE2 iso("([0-9]{4})-([0-9]{2})-([0-9]{2})");
  static const RE2 uk("([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})");
  static const RE2 words(
      "(?i)([0-9]{1,2})(?:st|nd|rd|th)?\\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
      "\\s+([0-9]{4})");
  re2::StringPiece in(text.data(), text.size());
  int y = 0, m = 0, d = 0;
  std::string month;
  if (RE2::PartialMatch(in, iso, &y, &m, &d)) {
  } else if (RE2::PartialMatch(in, uk, &d, &m, &y)) {
  } else if (RE2::PartialMatch(in, words, &d, &month, &y)) {
    m = MonthFromName(month);
  } else {
    return std::nullopt;
  }
  if (y < 1990 || y > 2100) return std::nullopt;
  std::optional<Date> date = MakeDate(y, m, d);
  if (!date) return std::nullopt;
  return ToIso(*date);
}

double CentreY(const Box& b) { return (b.y0 + b.y1) / 2; }
double Height(const Box& b) { return b.y1 - b.y0; }

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// ---- Lines: what the pages say, line by line, in reading order

// A word, a box glyph, or a form field set among the words where its widget stands.
struct Item {
  std::string text;
  std::optional<Box> box;  // on a page with word boxes
  Tick glyph = Tick::kNone;
  int cell = 0;        // which cell of its line: cells part at a tab or a wide gap
  bool field = false;  // a form field's check box or value
};

struct Line {
  size_t page = 0;  // index into Document::pages
  std::vector<Item> items;
  std::optional<Box> box;  // around its items, on a page with word boxes
  double height = 0;       // its tallest item; 0 without boxes
  bool ocr = false;        // read by OCR: its words may hold OCR's mistakes

  int Cells() const { return items.empty() ? 0 : items.back().cell + 1; }
  std::string Text() const {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += items[i].cell != items[i - 1].cell ? '\t' : ' ';
      out += items[i].text;
    }
    return out;
  }
  bool HasGlyph() const {
    return std::any_of(items.begin(), items.end(),
                       [](const Item& it) { return it.glyph != Tick::kNone; });
  }
};

// Lines in the top or bottom margin that repeat, word for word and at the same
// place, on at least half the pages (two or more): running headers and footers.
// Per page, the indexes of their words. A line here is the words that stand at one
// height, whatever order Poppler read them in: it may read an indicator id printed
// just below a running line in the middle of it, splitting the line's text in two.
std::vector<std::set<size_t>> RunningWords(const Document& d) {
  auto in_margin = [](const Page& p, const Word& w) {
    return p.height > 0 && (w.box.y1 <= p.height * 0.1 || w.box.y0 >= p.height * 0.9);
  };
  // Per page, the margin lines: their key (words folded, digits dropped, with where
  // they stand) and their words.
  std::vector<std::map<std::string, std::vector<size_t>>> lines(d.pages.size());
  std::map<std::string, size_t> seen;
  size_t pages = 0;
  for (size_t i = 0; i < d.pages.size(); ++i) {
    const Page& p = d.pages[i];
    pages += p.words.empty() ? 0 : 1;
    std::map<long, std::vector<size_t>> by_height;
    for (size_t w = 0; w < p.words.size(); ++w) {
      if (in_margin(p, p.words[w])) by_height[std::lround(p.words[w].box.y0)].push_back(w);
    }
    for (auto& [y, words] : by_height) {
      std::sort(words.begin(), words.end(),
                [&](size_t a, size_t b) { return p.words[a].box.x0 < p.words[b].box.x0; });
      std::string key;
      bool glyph = false;
      for (size_t w : words) {
        const Word& word = p.words[w];
        glyph = glyph || GlyphOf(word.text, false) != Tick::kNone;
        std::string folded = text::Fold(word.text);
        std::string text;
        for (char c : folded) {
          if (std::isdigit(static_cast<unsigned char>(c)) == 0) text += c;
        }
        if (text.empty()) text = folded.empty() ? word.text : "#";  // a symbol; a number
        char where[48];
        std::snprintf(where, sizeof where, "@%.0f ", std::round(word.box.x0 / 2));
        key += text + where;
      }
      if (glyph) continue;  // an answer, however often it repeats
      key += "@" + std::to_string(y / 2);
      if (lines[i].count(key) == 0) ++seen[key];
      lines[i][key] = words;
    }
  }
  std::vector<std::set<size_t>> out(d.pages.size());
  if (pages < 2) return out;
  for (size_t i = 0; i < d.pages.size(); ++i) {
    for (const auto& [key, words] : lines[i]) {
      size_t count = seen[key];
      if (count >= 2 && count * 2 >= pages) out[i].insert(words.begin(), words.end());
    }
  }
  return out;
}

bool Overlap(const Box& a, const Box& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

// The lines of a page with word boxes: each word joins the line of the nearest word
// to its left that stands at its height (half its height in common), so a line
// stays whole across a table's columns and on a scan a little askew. Running
// headers and footers are left out: words repeated in the margins (`running`), and
// lines whose words repeat on most pages with a number that changes (`running_text`,
// "Example Advocacy page 3"). Form fields are set among the words.
std::vector<Line> BoxLines(const Page& page, size_t index, const std::set<size_t>& running,
                           const std::set<std::string>& running_text,
                           const std::vector<FormField>& fields) {
  bool ocr = page.source == TextSource::kOcr;
  std::vector<Item> items;
  for (size_t w = 0; w < page.words.size(); ++w) {
    const Word& word = page.words[w];
    if (running.count(w) != 0 || word.text.empty()) continue;
    items.push_back({word.text, word.box, GlyphOf(word.text, ocr), 0, false});
  }
  for (const FormField& f : fields) {
    if (f.hidden || !f.box || f.page != page.number) continue;
    if (f.kind == "checkbox" || f.kind == "radio") {
      std::string v = text::Fold(f.value);
      bool on = f.on && v != "no" && v != "off" && v != "false";
      items.push_back({on ? "☒" : "☐", f.box, on ? Tick::kOn : Tick::kOff, 0, true});
    } else if (f.kind == "text" && !f.value.empty()) {
      // Its value, where the page does not already show it.
      bool shown = std::any_of(page.words.begin(), page.words.end(),
                               [&](const Word& w) { return Overlap(w.box, *f.box); });
      if (!shown) items.push_back({f.value, f.box, Tick::kNone, 0, true});
    }
  }
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.box->x0 < b.box->x0; });
  std::vector<Line> lines;
  for (Item& item : items) {
    const Box& b = *item.box;
    double h = Height(b);
    size_t best = kNoIndex;
    double best_gap = 0;
    for (size_t l = 0; l < lines.size(); ++l) {
      const Box& last = *lines[l].items.back().box;
      double common = std::min(b.y1, last.y1) - std::max(b.y0, last.y0);
      if (common < 0.5 * std::min(h, Height(last))) continue;
      double gap = b.x0 - last.x1;
      if (gap < -0.5 * h) continue;  // it stands over the line's last word
      if (best == kNoIndex || gap < best_gap) {
        best = l;
        best_gap = gap;
      }
    }
    if (best == kNoIndex) {
      lines.push_back(Line{});
      lines.back().page = index;
      lines.back().ocr = ocr;
      best = lines.size() - 1;
    }
    lines[best].items.push_back(std::move(item));
  }
  for (Line& line : lines) {
    Box box = *line.items.front().box;
    for (const Item& it : line.items) {
      box.x0 = std::min(box.x0, it.box->x0);
      box.y0 = std::min(box.y0, it.box->y0);
      box.x1 = std::max(box.x1, it.box->x1);
      box.y1 = std::max(box.y1, it.box->y1);
      line.height = std::max(line.height, Height(*it.box));
    }
    line.box = box;
    // "[" and "]" printed apart are one empty box.
    for (size_t i = 0; i + 1 < line.items.size(); ++i) {
      Item& a = line.items[i];
      const Item& b = line.items[i + 1];
      if ((a.text == "[" && b.text == "]") || (a.text == "(" && b.text == ")")) {
        a.text += " " + b.text;
        a.glyph = Tick::kOff;
        a.box->x1 = b.box->x1;
        line.items.erase(line.items.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      }
    }
  }
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return CentreY(*a.items.front().box) < CentreY(*b.items.front().box);
  });
  lines.erase(std::remove_if(lines.begin(), lines.end(),
                             [&](const Line& l) {
                               std::string text = l.Text();
                               bool digit = std::any_of(text.begin(), text.end(), [](char c) {
                                 return std::isdigit(static_cast<unsigned char>(c)) != 0;
                               });
                               return digit && !l.HasGlyph() &&
                                      running_text.count(layout::RunningKey(text)) != 0;
                             }),
              lines.end());
  return lines;
}

// The lines of a page without word boxes (a Word body, a text file): a Word table's
// row is one line, its cells parted by tabs.
std::vector<Line> TextLines(const Page& page, size_t index, const std::set<std::string>& running) {
  std::vector<Line> lines;
  for (std::string_view text : text::Lines(page.text)) {
    Line line;
    line.page = index;
    int cell = 0;
    size_t start = 0;
    while (start <= text.size()) {
      size_t tab = text.find('\t', start);
      if (tab == std::string_view::npos) tab = text.size();
      bool any = false;
      for (std::string& t : Tokens(text.substr(start, tab - start))) {
        Tick glyph = GlyphOf(t, false);
        line.items.push_back({std::move(t), std::nullopt, glyph, cell, false});
        any = true;
      }
      cell += any ? 1 : 0;
      start = tab + 1;
    }
    if (line.items.empty()) continue;
    // Running lines are dropped, but never a line with a box: "Yes ☐ No ☐" repeats.
    if (running.count(layout::RunningKey(text)) != 0 && !line.HasGlyph()) continue;
    lines.push_back(std::move(line));
  }
  return lines;
}

// The cells of a line with word boxes: a gap of at least `gutter` parts them.
void SetCells(Line& line, double gutter) {
  int cell = 0;
  for (size_t i = 0; i < line.items.size(); ++i) {
    if (i > 0 && line.items[i].box->x0 - line.items[i - 1].box->x1 >= gutter) ++cell;
    line.items[i].cell = cell;
  }
}

// One document of the workbook, in lines, with what its layout measures.
struct Part {
  const Document* doc = nullptr;
  std::vector<Line> lines;
  double body = 0;    // the usual height of a line of text (points); 0 without boxes
  double gutter = 0;  // the narrowest gap that parts two columns (points)
};

Part Lay(const Document& d) {
  Part part;
  part.doc = &d;
  std::set<std::string> running = layout::RunningLines(d);
  std::vector<std::set<size_t>> running_words = RunningWords(d);
  for (size_t p = 0; p < d.pages.size(); ++p) {
    const Page& page = d.pages[p];
    std::vector<Line> lines = page.words.empty()
                                  ? TextLines(page, p, running)
                                  : BoxLines(page, p, running_words[p], running, d.fields);
    for (Line& l : lines) part.lines.push_back(std::move(l));
  }
  std::vector<double> heights;
  for (const Line& l : part.lines) {
    if (l.box) heights.push_back(l.height);
  }
  part.body = Median(heights);
  // Words stand a quarter of the type size apart, columns of a table further.
  part.gutter = 0.8 * part.body;
  for (Line& l : part.lines) {
    if (l.box) SetCells(l, part.gutter);
  }
  return part;
}

// ---- Where each indicator is printed

// The profile's indicator that an OCR'd token names, allowing the characters OCR
// confuses ("CP-O1", "2:1", "43°" for 4.3): letters and digits compared by shape,
// marks between them ignored. Only when exactly one indicator fits.
const Indicator* OcrIndicator(std::string_view token, const Profile& profile) {
  auto shape = [](char c) -> char {
    switch (c) {
      case 'O':
      case 'o':
      case 'D':
      case 'Q':
        return '0';
      case 'l':
      case 'I':
      case 'i':
      case '|':
      case '!':
      case ']':
        return '1';
      case 'S':
      case 's':
        return '5';
      case 'B':
        return '8';
      case 'Z':
      case 'z':
        return '2';
      default:
        return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  };
  auto key = [&](std::string_view t) {
    std::string out;
    for (char c : t) {
      if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '|' || c == '!' || c == ']') {
        out += shape(c);
      }
    }
    return out;
  };
  std::string want = key(token);
  if (want.size() < 2) return nullptr;
  const Indicator* found = nullptr;
  for (const ProfileSection& s : profile.sections) {
    for (const Indicator& ind : s.indicators) {
      if (key(ind.id) != want) continue;
      if (found != nullptr) return nullptr;
      found = &ind;
    }
  }
  return found;
}

// True when the words from `items[from]` on start like `wording`: at least `need` of
// its first `of` words are there, in their places.
bool OpensWith(const std::vector<Item>& items, size_t from, const std::string& wording,
               int need = 2, size_t of = 3) {
  std::vector<std::string> want = Tokens(wording);
  int same = 0;
  for (size_t k = 0; k < of && k < want.size() && from + k < items.size(); ++k) {
    same += text::Fold(items[from + k].text) == text::Fold(want[k]) ? 1 : 0;
  }
  return same >= need;
}

// Where an indicator id is printed: at the start of a line, perhaps after the word
// "Indicator" or, on a scan, a speck OCR read as a mark.
struct Occurrence {
  std::string id;
  size_t line = 0;  // index into Part::lines
  size_t item = 0;  // the id's item on that line
};

std::optional<Occurrence> IdOf(const Part& part, size_t l, const RE2& id_re,
                               const Profile& profile) {
  const Line& line = part.lines[l];
  size_t i = 0;
  while (i < line.items.size() && i < 2 && IsStrayMark(line.items[i].text)) ++i;
  if (i >= line.items.size()) return std::nullopt;
  std::string rest;
  for (size_t k = i; k < line.items.size() && k < i + 3; ++k) rest += line.items[k].text + " ";
  re2::StringPiece in(rest);
  std::string id;
  if (RE2::Consume(&in, id_re, &id)) {
    size_t item = text::Fold(line.items[i].text) == "indicator" ? i + 1 : i;
    return Occurrence{id, l, item};
  }
  if (!line.ocr) return std::nullopt;
  const Indicator* ind = OcrIndicator(line.items[i].text, profile);
  if (ind == nullptr) return std::nullopt;
  bool opens = OpensWith(line.items, i + 1, ind->wording);
  if (!opens && i + 1 >= line.items.size() && l + 1 < part.lines.size()) {
    opens = OpensWith(part.lines[l + 1].items, 0, ind->wording);
  }
  if (!opens) return std::nullopt;
  return Occurrence{ind->id, l, i};
}

// A mark read from a box, and the answer word beside it ("yes", "no", "met", "not", "").
struct Mark {
  bool on = false;
  std::string label;
};

// The answer word printed beside item `g` of its line: the nearer of the word just
// before it and the word just after it, if that is Yes, No or Met.
std::string LabelBeside(const Line& line, size_t g) {
  std::string before = g > 0 ? text::Fold(line.items[g - 1].text) : "";
  std::string after = g + 1 < line.items.size() ? text::Fold(line.items[g + 1].text) : "";
  if (!line.items[g].box) {
    // "Yes ☒ No ☐": a box belongs to the word before it; "☒ Yes ☐ No" to the word after.
    if (IsAnswerWord(before, false)) return before;
    if (IsAnswerWord(after, true)) return after;
    return "";
  }
  const Box& box = *line.items[g].box;
  double most = 3 * Height(box);  // farther than this, a word is not the box's label
  double gap_before = g > 0 ? box.x0 - line.items[g - 1].box->x1 : most;
  double gap_after = g + 1 < line.items.size() ? line.items[g + 1].box->x0 - box.x1 : most;
  bool use_before = IsAnswerWord(before, false) && gap_before < most;
  bool use_after = IsAnswerWord(after, true) && gap_after < most;
  if (use_before && (!use_after || gap_before <= gap_after)) return before;
  return use_after ? after : "";
}

// "ticked", "unticked" or "" from the marks of boxes.
std::string TickFromMarks(const std::vector<Mark>& marks) {
  bool ticked = false;
  for (const Mark& m : marks) ticked = ticked || (m.on && m.label != "no" && m.label != "not");
  return ticked ? "ticked" : marks.empty() ? "" : "unticked";
}

// "ticked", "unticked" or "" from an answer written in words: "Yes", "Met", "x".
std::string TickFromWords(std::string_view text) {
  std::string folded = text::Fold(text);
  if (folded == "yes" || folded == "y" || folded == "met" || folded == "x") return "ticked";
  if (folded == "no" || folded == "n" || folded == "not met") return "unticked";
  return "";
}

// The part of the workbook that answers one indicator: its lines, read.
struct Region {
  size_t first = 0, end = 0;       // lines [first, end) of the part
  std::vector<std::string> cells;  // its text after the id: a table row's cells in order,
                                   // or one cell of text that flows
  std::vector<Mark> marks;         // the boxes of its first lines that hold any
  bool ocr = false;
  std::string Text() const {
    std::string out;
    for (const std::string& c : cells) out += c + "\n";
    return out;
  }
};

// A short line printed more than once in the document, with no box and no sentence in
// it: a table's header row ("Ref  Indicator  Response") printed again above each
// table, or at the top of a page the table goes on to.
bool IsRepeatedLabel(const Line& line, const std::map<std::string, int>& line_counts) {
  std::string folded = text::Fold(line.Text());
  if (line.HasGlyph() || line.items.size() < 2 || line.items.size() > 5) return false;
  for (const Item& it : line.items) {
    char last = it.text.back();
    if (last == '.' || last == ',' || last == ';' || IsAnswerWord(text::Fold(it.text), true)) {
      return false;
    }
  }
  auto it = line_counts.find(folded);
  return it != line_counts.end() && it->second >= 2;
}

// Lines [first, limit) hold the indicator whose id is on line `first`; the region
// ends before that at a heading: the next section's title, a line in larger print,
// or, in a table whose rows hold their text right of the id, a line that starts
// left of that text (a heading, a declaration under the table).
Region ReadRegion(const Part& part, const Occurrence& o, size_t limit, const Profile& profile,
                  const std::map<std::string, int>& line_counts) {
  Region r;
  r.first = o.line;
  const Line& head = part.lines[o.line];
  r.ocr = head.ocr;
  // The table's text column: where the text right of the id starts, when a gutter
  // parts them and the next line starts there too.
  std::optional<double> text_x0;
  size_t after_id = o.item + 1;
  while (after_id < head.items.size() && head.items[after_id].field) ++after_id;
  if (head.box && after_id < head.items.size() &&
      head.items[after_id].cell != head.items[o.item].cell) {
    double x0 = head.items[after_id].box->x0;
    bool next_there = o.line + 1 >= limit || part.lines[o.line + 1].page != head.page ||
                      part.lines[o.line + 1].box->x0 >= x0 - part.gutter / 2;
    if (next_there) text_x0 = x0;
  }
  std::vector<const Line*> kept = {&head};
  size_t l = o.line + 1;
  for (; l < limit; ++l) {
    const Line& line = part.lines[l];
    std::string text = line.Text();
    if (IsSectionTitle(text, profile)) break;
    // A heading in larger print than the text and than the line above it (the last
    // line of an answer typed larger than the form is no heading).
    double larger = line.ocr ? 1.35 : 1.2;
    if (line.box && part.body > 0 && !line.HasGlyph() && text::CountWords(text) <= 10 &&
        line.height >= part.body * larger && line.height >= kept.back()->height * larger) {
      break;
    }
    if (text_x0 && line.box && line.box->x0 < *text_x0 - part.gutter / 2) {
      if (IsRepeatedLabel(line, line_counts)) continue;  // the header, over a page break
      break;
    }
    kept.push_back(&line);
  }
  r.end = l;

  // The items after the id, by line.
  std::vector<std::vector<const Item*>> rows;
  for (const Line* line : kept) {
    std::vector<const Item*> row;
    for (size_t i = line == &head ? o.item + 1 : 0; i < line->items.size(); ++i) {
      if (!line->items[i].field) row.push_back(&line->items[i]);
    }
    rows.push_back(std::move(row));
  }
  // Marks: the boxes of the first run of lines that hold any (a Yes/No pair, a list
  // of options); boxes further down (a declaration) answer something else.
  bool seen = false;
  for (const Line* line : kept) {
    bool any = false;
    for (size_t i = 0; i < line->items.size(); ++i) {
      const Item& it = line->items[i];
      if (it.field || it.glyph == Tick::kNone) continue;
      any = true;
      r.marks.push_back({it.glyph == Tick::kOn, LabelBeside(*line, i)});
    }
    if (any) seen = true;
    if (seen && !any) break;
  }
  // On a scan a filled box is often read as a speck, or not at all, and an empty one
  // as a letter O: beside an answer word, a speck is ticked and an O is not.
  if (r.ocr && r.marks.empty()) {
    for (const Line* line : kept) {
      for (size_t i = 0; i < line->items.size(); ++i) {
        std::string word = text::Fold(line->items[i].text);
        if (!IsAnswerWord(word, true)) continue;
        for (size_t j : {i - 1, i + 1}) {
          if (j >= line->items.size()) continue;  // i - 1 wraps round at the start
          std::string_view t = line->items[j].text;
          if (t == "O" || t == "o" || t == "0" || t == "D" || t == "Q") {
            r.marks.push_back({false, word});
          } else if (IsStrayMark(t)) {
            r.marks.push_back({true, word});
          }
        }
      }
    }
  }

  if (!head.box) {
    // Text without boxes: the id line's cells (a Word table's row), and every line
    // after it added to the last of them.
    int cell = -1;
    for (size_t k = 0; k < rows.size(); ++k) {
      for (const Item* it : rows[k]) {
        if (it->glyph != Tick::kNone) continue;
        bool new_cell = r.cells.empty() || (k == 0 && it->cell != cell);
        cell = it->cell;
        if (new_cell) {
          r.cells.push_back(it->text);
        } else {
          std::string& last = r.cells.back();
          last += (k > 0 && it == rows[k].front() ? "\n" : " ") + it->text;
        }
      }
    }
  } else {
    // Boxes: the columns, where a gutter runs down through every line of the region,
    // each read top to bottom (a table's row, cell by cell).
    std::vector<std::pair<double, double>> spans;
    std::string unplaced;  // words of a page without boxes, should a document mix them
    for (const auto& row : rows) {
      for (const Item* it : row) {
        if (it->box) {
          spans.emplace_back(it->box->x0, it->box->x1);
        } else if (it->glyph == Tick::kNone) {
          unplaced += (unplaced.empty() ? "" : " ") + it->text;
        }
      }
    }
    std::sort(spans.begin(), spans.end());
    std::vector<std::pair<double, double>> columns;
    for (const auto& s : spans) {
      if (!columns.empty() && s.first - columns.back().second < part.gutter) {
        columns.back().second = std::max(columns.back().second, s.second);
      } else {
        columns.push_back(s);
      }
    }
    for (const auto& [x0, x1] : columns) {
      std::string cell;
      for (const auto& row : rows) {
        std::string line_text;
        for (const Item* it : row) {
          if (!it->box) continue;
          double mid = (it->box->x0 + it->box->x1) / 2;
          if (mid < x0 || mid > x1 || it->glyph != Tick::kNone) continue;
          line_text += (line_text.empty() ? "" : " ") + it->text;
        }
        if (!line_text.empty()) cell += (cell.empty() ? "" : "\n") + line_text;
      }
      if (!cell.empty()) r.cells.push_back(cell);
    }
    if (!unplaced.empty()) r.cells.push_back(unplaced);
  }
  return r;
}

// ---- The facts the workbook states: issue date, WTE, band, types provided

// Lines merged so that a label written over several lines and its value beside it
// are one line, cells parted by a tab: "Number of whole-time-equivalent (WTE)
// advocates<TAB>9.0", whether the value stands level with the label's first line,
// its middle or its last.
std::vector<Line> LabelLines(const Part& part, size_t first, size_t end) {
  std::vector<Line> out;
  auto value_x0 = [](const Line& l) {
    for (const Item& it : l.items) {
      if (it.cell > 0) return it.box->x0;
    }
    return 1e9;
  };
  for (size_t i = first; i < end; ++i) {
    const Line& line = part.lines[i];
    if (!line.box || out.empty() || !out.back().box || out.back().page != line.page) {
      out.push_back(line);
      continue;
    }
    Line& cur = out.back();
    const Box& prev = *part.lines[i - 1].box;
    bool close = line.box->y0 - prev.y1 <= 0.5 * part.body;
    double x0 = line.items.front().box->x0;
    bool under_label = std::fabs(x0 - cur.items.front().box->x0) <= part.gutter;
    bool one_cell = line.Cells() == 1 && !line.HasGlyph();
    if (close && under_label && one_cell && line.box->x1 < value_x0(cur)) {
      // The label goes on: its words join the first cell.
      auto at = std::find_if(cur.items.begin(), cur.items.end(),
                             [](const Item& it) { return it.cell > 0; });
      cur.items.insert(at, line.items.begin(), line.items.end());
    } else if (close && under_label && cur.Cells() == 1 && !cur.HasGlyph() && line.Cells() > 1) {
      // The value stands level with a later line of the label.
      std::vector<Item> items = cur.items;
      for (const Item& it : line.items) items.push_back(it);
      cur.items = std::move(items);
      cur.box = line.box;
    } else if (close && one_cell && cur.Cells() > 1 &&
               std::fabs(x0 - value_x0(cur)) <= part.gutter) {
      // The value goes on under itself.
      for (Item it : line.items) {
        it.cell = cur.items.back().cell;
        cur.items.push_back(std::move(it));
      }
    } else {
      out.push_back(line);
      continue;
    }
    Box& b = *cur.box;
    b.y1 = std::max(b.y1, line.box->y1);
  }
  return out;
}

// The tokens of a line after the first of `cues` in it (the earliest; the longest
// there), or nullopt when none is in it.
std::optional<std::vector<std::string>> AfterCue(const Line& line,
                                                 const std::vector<std::string>& cues) {
  // Every folded word of the line, with the item it came from.
  std::vector<std::pair<std::string, size_t>> words;
  for (size_t i = 0; i < line.items.size(); ++i) {
    for (const std::string& w : Tokens(text::Fold(line.items[i].text))) words.emplace_back(w, i);
  }
  size_t best_at = kNoIndex, best_len = 0, best_item = 0;
  for (const std::string& cue : cues) {
    std::vector<std::string> want = Tokens(text::Fold(cue));
    if (want.empty() || want.size() > words.size()) continue;
    for (size_t at = 0; at + want.size() <= words.size() && at <= best_at; ++at) {
      bool same = true;
      for (size_t k = 0; k < want.size() && same; ++k) same = words[at + k].first == want[k];
      if (!same) continue;
      if (at < best_at || want.size() > best_len) {
        best_at = at;
        best_len = want.size();
        best_item = words[at + want.size() - 1].second;
      }
      break;
    }
  }
  if (best_at == kNoIndex) return std::nullopt;
  std::vector<std::string> rest;
  for (size_t i = best_item + 1; i < line.items.size(); ++i) rest.push_back(line.items[i].text);
  return rest;
}

// The number that follows a label's cue within a few words: "Band (see guidance) 2",
// "WTE advocates: 9.0".
std::optional<double> NumberAfter(const std::vector<std::string>& rest) {
  static const RE2 number("[(]?([0-9]+(?:\\.[0-9]+)?)[)]?[.,;:]?");
  int words = 0;
  for (const std::string& t : rest) {
    double v = 0;
    if (RE2::FullMatch(t, number, &v)) return v;
    if (text::CountWords(t) > 0 && ++words > 4) break;
  }
  return std::nullopt;
}

// The profile's report type a label names: "Care Act" is the start of the report
// type's name "Care Act report" and of its cue "care act advocacy"; "IMCA" is a cue.
std::string ReportTypeFor(std::string_view label, const Profile& profile) {
  std::string folded = text::Fold(label);
  if (folded.empty()) return "";
  std::string best;
  size_t best_len = 0;
  for (const ReportType& t : profile.reports) {
    std::vector<std::string> names = t.cues;
    names.push_back(t.name);
    for (const std::string& n : names) {
      std::string name = text::Fold(n);
      size_t len = 0;
      if (text::StartsWithPhrase(name, folded)) {
        len = folded.size();  // the label begins the name
      } else if (text::HasPhrase(folded, name)) {
        len = name.size();  // the label holds the name: "Mental Capacity Act (IMCA)"
      }
      if (len > best_len) {
        best_len = len;
        best = t.id;
      }
    }
  }
  return best;
}

// A list of boxes and their labels ("☒ IMCA ☐ Care Act", "IMCA [x] Care Act [ ]"),
// after the line's own label ("Types of advocacy provided"). A list that ends with a
// box has each label before its box; else each box comes before its label, and what
// stands before the first box is the line's label. On a scan, where OCR read some
// boxes, a speck in the list is a filled box it did not (a filled box often comes
// out as "&").
std::vector<WorkbookChoice> ChoicesIn(const Line& line) {
  std::vector<Tick> box(line.items.size(), Tick::kNone);
  bool any = false;
  for (size_t i = 0; i < line.items.size(); ++i) {
    box[i] = line.items[i].glyph;
    any = any || box[i] != Tick::kNone;
  }
  std::vector<WorkbookChoice> out;
  if (!any) return out;
  if (line.ocr) {
    for (size_t i = 0; i < line.items.size(); ++i) {
      if (box[i] == Tick::kNone && IsStrayMark(line.items[i].text)) box[i] = Tick::kOn;
    }
  }
  bool label_first = box.back() != Tick::kNone;
  size_t from = 0;
  if (label_first) {
    // The line's own label: its first cell, or the words up to a colon.
    size_t first_box = 0;
    while (box[first_box] == Tick::kNone) ++first_box;
    if (line.Cells() > 1 && line.items[first_box].cell > 0) {
      while (line.items[from].cell == 0) ++from;
    }
    for (size_t i = from; i < first_box; ++i) {
      if (line.items[i].text.back() == ':') from = i + 1;
    }
  } else {
    while (box[from] == Tick::kNone) ++from;
  }
  WorkbookChoice cur;
  bool has_box = false;
  auto flush = [&] {
    if (has_box && !cur.label.empty()) out.push_back(cur);
    cur = WorkbookChoice{};
    has_box = false;
  };
  for (size_t i = from; i < line.items.size(); ++i) {
    if (box[i] != Tick::kNone) {
      if (!label_first) flush();
      cur.ticked = box[i] == Tick::kOn;
      has_box = true;
      if (label_first) flush();
    } else {
      cur.label += (cur.label.empty() ? "" : " ") + line.items[i].text;
    }
  }
  flush();
  return out;
}

// What the workbook states before (or after) its indicators.
struct Facts {
  std::string issued;
  std::optional<double> wte;
  std::optional<int> band;
  std::vector<WorkbookChoice> types;
};

void ReadFacts(const std::vector<Line>& lines, const Profile& profile, Facts& facts) {
  for (const Line& line : lines) {
    if (facts.issued.empty()) {
      if (auto rest = AfterCue(line, profile.issue_date_cues)) {
        if (auto date = DateIn(Join(*rest, 0))) facts.issued = *date;
      }
    }
    if (!facts.wte) {
      if (auto rest = AfterCue(line, profile.wte_cues)) {
        std::optional<double> v = NumberAfter(*rest);
        if (v && *v > 0 && *v < 10000) facts.wte = v;
      }
    }
    if (!facts.band) {
      if (auto rest = AfterCue(line, profile.band_cues)) {
        std::optional<double> v = NumberAfter(*rest);
        if (v && *v >= 1 && *v < 100 && *v == std::floor(*v)) facts.band = static_cast<int>(*v);
      }
    }
  }
  if (!facts.types.empty()) return;
  // The types provided: a list of at least two boxes, on one line or one a line,
  // whose labels name one of the profile's report types.
  std::vector<WorkbookChoice> run;
  auto take = [&](const std::vector<WorkbookChoice>& choices) {
    if (choices.size() < 2 || !facts.types.empty()) return;
    std::vector<WorkbookChoice> named = choices;
    bool any = false;
    for (WorkbookChoice& c : named) {
      c.report_type = ReportTypeFor(c.label, profile);
      any = any || !c.report_type.empty();
    }
    if (any) facts.types = std::move(named);
  };
  for (const Line& line : lines) {
    std::vector<WorkbookChoice> choices = ChoicesIn(line);
    if (choices.size() == 1) {
      run.push_back(choices[0]);
      continue;
    }
    take(run);
    run.clear();
    take(choices);
  }
  take(run);
}

// ---- One document of the workbook, read

struct PartReading {
  const Document* doc = nullptr;
  std::vector<WorkbookAnswer> answers;  // in the order printed, each id once
  std::set<std::string> worded;         // ids printed with the profile's wording after them
  Facts facts;
};

// On a scan, an id OCR could not read at all ("4" for 1.1): a short mark opening a
// line that goes on with the first words of an indicator's wording (five of its
// first six, OCR may run two together), one this document prints nowhere else,
// and fits it better than any other.
void AddIdsOcrLost(const Part& part, const Profile& profile, std::vector<Occurrence>& occ) {
  std::set<std::string> found;
  for (const Occurrence& o : occ) found.insert(o.id);
  std::set<size_t> taken;
  for (const Occurrence& o : occ) taken.insert(o.line);
  for (size_t l = 0; l < part.lines.size(); ++l) {
    const Line& line = part.lines[l];
    if (!line.ocr || taken.count(l) != 0 || line.items.size() < 5) continue;
    if (line.items[0].text.size() > 5) continue;
    std::set<std::string> opening;
    for (size_t i = 1; i < line.items.size() && i <= 10; ++i) {
      for (const std::string& w : Tokens(text::Fold(line.items[i].text))) opening.insert(w);
    }
    const Indicator* best = nullptr;
    int best_score = 0;
    bool tie = false;
    for (const ProfileSection& section : profile.sections) {
      for (const Indicator& ind : section.indicators) {
        if (found.count(ind.id) != 0) continue;
        std::vector<std::string> want = Tokens(text::Fold(ind.wording));
        int score = 0;
        for (size_t k = 0; k < want.size() && k < 6; ++k) score += opening.count(want[k]) != 0;
        if (score > best_score) {
          best = &ind;
          best_score = score;
          tie = false;
        } else if (score == best_score) {
          tie = true;
        }
      }
    }
    if (best != nullptr && best_score >= 5 && !tie) {
      occ.push_back(Occurrence{best->id, l, 0});
      found.insert(best->id);
    }
  }
}

// Where the part prints indicator ids, in the order of its lines.
std::vector<Occurrence> FindIds(const Part& part, const Profile& profile) {
  RE2 id_re("\\s*(?i:indicator\\s+)?(" + profile.indicator_id + ")(?:[.):]?(?:\\s|$))");
  std::vector<Occurrence> occ;
  for (size_t l = 0; l < part.lines.size(); ++l) {
    if (auto o = IdOf(part, l, id_re, profile)) occ.push_back(*o);
  }
  AddIdsOcrLost(part, profile, occ);
  std::sort(occ.begin(), occ.end(),
            [](const Occurrence& a, const Occurrence& b) { return a.line < b.line; });
  // Ids stand in one column, at the left: a number that opens a line of an answer
  // further right ("6.3 of our policy says ...") is not an indicator.
  std::vector<double> lefts;
  for (const Occurrence& o : occ) {
    if (const Line& line = part.lines[o.line]; line.box)
      lefts.push_back(line.items[o.item].box->x0);
  }
  if (lefts.size() >= 3) {
    double column = Median(lefts);
    std::erase_if(occ, [&](const Occurrence& o) {
      const Line& line = part.lines[o.line];
      return line.box && line.items[o.item].box->x0 > column + 3 * part.gutter;
    });
  }
  return occ;
}

// Form fields, each given to the indicator whose region it stands in: from the
// top of the id's line to where the region ends (the next id, or a heading).
std::vector<std::vector<const FormField*>> FieldsByRegion(const Document& doc, const Part& part,
                                                          const std::vector<Occurrence>& occ,
                                                          const std::vector<Region>& regions) {
  auto place = [&](size_t l) {
    const Line& line = part.lines[l];
    return std::pair<int, double>(doc.pages[line.page].number, line.box ? line.box->y0 - 4 : 0);
  };
  std::vector<std::vector<const FormField*>> fields_of(occ.size());
  for (const FormField& f : doc.fields) {
    if (f.hidden || !f.box || f.page < 1) continue;
    if (f.kind != "checkbox" && f.kind != "radio" && f.kind != "text" && f.kind != "choice") {
      continue;
    }
    std::pair<int, double> at(f.page, CentreY(*f.box));
    for (size_t k = 0; k < occ.size(); ++k) {
      if (!part.lines[occ[k].line].box) continue;
      bool after_start = place(occ[k].line) <= at;
      bool before_end = regions[k].end >= part.lines.size() || at < place(regions[k].end);
      if (after_start && before_end) fields_of[k].push_back(&f);
    }
  }
  return fields_of;
}

// The answer a region's text gives: what follows the indicator's wording. `worded`
// says whether the profile's wording was printed.
std::string AnswerText(const Region& r, const Indicator* known, bool& worded) {
  std::vector<std::string> tokens = Tokens(r.Text());
  size_t wording = known != nullptr ? WordingTokens(tokens, known->wording) : 0;
  worded = wording > 0;
  if (wording == 0 && r.cells.size() > 1) {
    wording = Tokens(r.cells[0]).size();  // a table: the first cell is the wording
  }
  if (wording == 0) {
    // Flowing text: the first sentence.
    for (size_t i = 0; i < tokens.size() && i < 60; ++i) {
      char last = tokens[i].back();
      if (last == '.' || last == '?' || last == ':') {
        wording = i + 1;
        break;
      }
    }
    if (wording == 0 && !r.cells.empty()) {
      wording = std::min(tokens.size(), Tokens(text::Lines(r.cells[0]).front()).size());
    }
  }
  return std::string(DropAnswerLabel(Join(tokens, wording)));
}

// What the form fields of an indicator's region say: whether any are boxes, whether
// one is ticked, whether one ticked says no, and the text of the others.
struct FieldAnswer {
  bool boxes = false, on = false, said_no = false;
  std::string text;
};

FieldAnswer ReadFields(const std::vector<const FormField*>& fields) {
  FieldAnswer out;
  for (const FormField* f : fields) {
    if (f->kind == "checkbox" || f->kind == "radio") {
      out.boxes = true;
      std::string v = text::Fold(f->value);
      if (f->on && (v == "no" || v == "n" || v == "false" || v == "not met")) {
        out.said_no = true;
      } else if (f->on) {
        out.on = true;
      }
    } else if (!f->value.empty()) {
      if (!out.text.empty()) out.text += '\n';
      out.text += f->value;
    }
  }
  return out;
}

// Sets the answer's kind, state and text, from its form fields, else its box glyphs,
// else its words.
void SetAnswer(WorkbookAnswer& a, const Indicator* known, const Region& r,
               const std::string& answer_text, const std::vector<const FormField*>& fields) {
  FieldAnswer from = ReadFields(fields);
  std::string glyph_state = TickFromMarks(r.marks);
  std::string word_state = TickFromWords(answer_text);  // "... possible. Yes"
  // On a scan, "Met" with no hollow box beside it: the filled box was lost.
  if (r.ocr && glyph_state.empty() && word_state.empty()) {
    for (const std::string& t : Tokens(answer_text)) {
      std::string f = text::Fold(t);
      if (f == "met" || f == "yes") word_state = "ticked";
    }
  }
  a.kind = known != nullptr                                            ? known->kind
           : from.boxes || !glyph_state.empty() || !word_state.empty() ? "tick"
                                                                       : "narrative";
  if (a.kind == "tick") {
    if (from.boxes) {
      a.source = "form field";
      a.state = from.on && !from.said_no ? "ticked" : "unticked";
    } else if (!fields.empty()) {
      a.source = "form field";
      a.state = TickFromWords(from.text) == "ticked" ? "ticked" : "unticked";
    } else if (!glyph_state.empty()) {
      a.source = "check box glyph";
      a.state = glyph_state;
    } else {
      a.source = "text";
      a.state = word_state == "ticked" ? "ticked" : "unticked";
    }
  } else {
    bool from_fields = std::any_of(fields.begin(), fields.end(),
                                   [](const FormField* f) { return f->kind == "text"; });
    a.source = from_fields ? "form field" : "text";
    a.text = from_fields ? from.text : answer_text;
    if (IsPlaceholder(text::Fold(a.text))) a.text.clear();
    a.words = text::CountWords(a.text);
    a.state = a.words > 0 ? "answered" : "empty";
  }
}

// The facts: from the lines before the first indicator, and those after the
// last one's region; else from anywhere on the first three pages.
Facts ReadPartFacts(const Part& part, const std::vector<Occurrence>& occ,
                    const std::vector<Region>& regions, const Profile& profile) {
  Facts facts;
  size_t first = occ.empty() ? part.lines.size() : occ.front().line;
  std::vector<Line> outside = LabelLines(part, 0, first);
  if (!regions.empty()) {
    for (Line& l : LabelLines(part, regions.back().end, part.lines.size())) {
      outside.push_back(std::move(l));
    }
  }
  ReadFacts(outside, profile, facts);
  size_t early = 0;
  while (early < part.lines.size() && part.lines[early].page < 3) ++early;
  std::vector<Line> first_pages = LabelLines(part, 0, early);
  Facts more;
  ReadFacts(first_pages, profile, more);
  if (facts.issued.empty()) facts.issued = more.issued;
  if (!facts.wte) facts.wte = more.wte;
  if (!facts.band) facts.band = more.band;
  return facts;
}

PartReading ReadPart(const Document& doc, const Profile& profile) {
  PartReading out;
  out.doc = &doc;
  Part part = Lay(doc);
  std::vector<Occurrence> occ = FindIds(part, profile);
  std::map<std::string, int> line_counts;
  for (const Line& line : part.lines) ++line_counts[text::Fold(line.Text())];

  std::vector<Region> regions;
  for (size_t k = 0; k < occ.size(); ++k) {
    size_t limit = k + 1 < occ.size() ? occ[k + 1].line : part.lines.size();
    regions.push_back(ReadRegion(part, occ[k], limit, profile, line_counts));
  }
  std::vector<std::vector<const FormField*>> fields_of = FieldsByRegion(doc, part, occ, regions);

  // An id printed twice (a contents page, a summary table) keeps its fullest answer.
  std::map<std::string, size_t> chosen;
  std::vector<WorkbookAnswer> answers(occ.size());
  for (size_t k = 0; k < occ.size(); ++k) {
    const Occurrence& o = occ[k];
    const Line& head = part.lines[o.line];
    WorkbookAnswer& a = answers[k];
    a.indicator = o.id;
    a.document = doc.id;
    a.page = doc.pages[head.page].number;
    a.box = head.items[o.item].box;
    const Indicator* known = profile.FindIndicator(o.id);
    a.in_profile = known != nullptr;
    bool worded = false;
    std::string answer_text = AnswerText(regions[k], known, worded);
    if (worded) out.worded.insert(o.id);
    SetAnswer(a, known, regions[k], answer_text, fields_of[k]);
    auto [it, inserted] = chosen.emplace(o.id, k);
    if (!inserted) {
      const WorkbookAnswer& old = answers[it->second];
      bool fuller = (a.state == "ticked" || a.state == "answered") && old.state != "ticked" &&
                    old.state != "answered";
      if (fuller || (a.words > old.words)) it->second = k;
    }
  }
  std::vector<size_t> keep;
  for (const auto& [id, k] : chosen) keep.push_back(k);
  std::sort(keep.begin(), keep.end());
  for (size_t k : keep) out.answers.push_back(std::move(answers[k]));
  out.facts = ReadPartFacts(part, occ, regions, profile);
  return out;
}

// Where an answer comes in the profile: the order a workbook's parts go in.
size_t ProfileOrder(const PartReading& r, const Profile& profile) {
  size_t n = 0;
  for (const ProfileSection& s : profile.sections) {
    for (const Indicator& ind : s.indicators) {
      for (const WorkbookAnswer& a : r.answers) {
        if (a.indicator == ind.id) return n;
      }
      ++n;
    }
  }
  return n;
}

// The workbook, and any other document that goes on with it: one that prints more
// of the indicators the workbook lacks than of those it has (part 2 of 2). A second
// full copy adds nothing and is left as it is. A document nothing else placed
// becomes a part only when it prints three or more of them, each with its wording,
// and none of the others. In the profile's order; `adopted` gets the ids of the
// documents made parts that had another role.
std::vector<PartReading> ReadParts(const Submission& s, const Document& doc, const Profile& profile,
                                   std::vector<std::string>& adopted) {
  std::vector<PartReading> parts = {ReadPart(doc, profile)};
  std::set<std::string> have;
  for (const WorkbookAnswer& a : parts[0].answers) {
    if (a.in_profile) have.insert(a.indicator);
  }
  for (const Document& d : s.documents) {
    if (&d == &doc || (d.role != "workbook" && d.role != "unknown")) continue;
    if (d.status != DocStatus::kRead && d.status != DocStatus::kPartlyRead) continue;
    PartReading r = ReadPart(d, profile);
    // Outside the workbook's role, only ids printed with their wording count: a
    // policy numbered 6.1, 6.2 ... is no part of it.
    bool placed = d.role == "workbook";
    size_t added = 0, repeated = 0;
    for (const WorkbookAnswer& a : r.answers) {
      if (!a.in_profile) continue;
      if (have.count(a.indicator) != 0) {
        ++repeated;
      } else if (placed || r.worded.count(a.indicator) != 0) {
        ++added;
      }
    }
    bool part = placed ? added > repeated : added >= 3 && repeated == 0;
    if (!part) continue;
    for (const WorkbookAnswer& a : r.answers) have.insert(a.indicator);
    if (d.role != "workbook") adopted.push_back(d.id);
    parts.push_back(std::move(r));
  }
  std::stable_sort(parts.begin(), parts.end(), [&](const PartReading& a, const PartReading& b) {
    return ProfileOrder(a, profile) < ProfileOrder(b, profile);
  });
  return parts;
}

// A document found to be a part of the workbook `doc` takes the workbook's role.
void MarkAdopted(Submission& s, const std::vector<std::string>& adopted, const Document& doc,
                 const Profile& profile) {
  for (const std::string& id : adopted) {
    for (Document& d : s.documents) {
      if (d.id != id) continue;
      d.role = "workbook";
      d.role_label = profile.workbook_name + " (a part)";
      d.role_confidence = 0.5;
      d.role_reason = "It prints indicators of the " + profile.workbook_name + " that " + doc.id +
                      " does not: it is a part of it.";
    }
  }
}

// An indicator the workbook has that the profile does not list, and one the profile
// lists that the workbook does not have (`answered` holds those it has).
void AddEditionFindings(Submission& s, const std::set<std::string>& answered,
                        const Profile& profile) {
  for (const WorkbookAnswer& a : s.workbook.answers) {
    if (a.in_profile) continue;
    Finding f = ReadingFinding(
        rule::kWorkbookIndicatorNotInProfile, a.document,
        "The " + profile.workbook_name + " has indicator " + a.indicator + ", which the profile " +
            profile.name +
            " does not list: the workbook may be a newer or older edition than the profile.",
        "Check the " + profile.workbook_name +
            "'s edition. If it is a new edition, update the profile (" + profile.path +
            ") or run with --profile for that edition.");
    f.page = a.page;
    f.bbox = a.box;
    s.findings.push_back(std::move(f));
  }
  for (const ProfileSection& section : profile.sections) {
    for (const Indicator& ind : section.indicators) {
      if (answered.count(ind.id) != 0) continue;
      Finding f = ReadingFinding(
          rule::kWorkbookIndicatorMissing, s.workbook.document,
          "Indicator " + ind.id + " (" + section.title + ") of the profile " + profile.name +
              " was not found in the " + profile.workbook_name + ".",
          "Check whether the organisation used another edition of the workbook or removed a "
          "row; ask them to answer indicator " +
              ind.id + ".");
      s.findings.push_back(std::move(f));
    }
  }
}

}  // namespace

void ReadWorkbook(Submission& s, const Profile& profile) {
  const Document* doc = nullptr;
  for (const Document& d : s.documents) {
    if (d.role == "workbook" && (doc == nullptr || d.role_confidence > doc->role_confidence)) {
      doc = &d;
    }
  }
  if (doc == nullptr) {
    Finding f = ReadingFinding(
        rule::kWorkbookNotFound, "",
        "No " + profile.workbook_name +
            " was found among the files: no file's name, title or pages say it is the " +
            profile.workbook_name + ", and none prints the indicators of " + profile.title + ".",
        "Ask the organisation to send the completed " + profile.workbook_name +
            ". If it is there under another name, check that it is the current edition.");
    f.input = s.inputs.empty() ? -1 : 0;
    s.findings.push_back(std::move(f));
    return;
  }

  std::vector<std::string> adopted;
  std::vector<PartReading> parts = ReadParts(s, *doc, profile, adopted);
  Workbook& wb = s.workbook;
  wb.document = parts.front().doc->id;
  std::set<std::string> answered;
  for (PartReading& r : parts) {
    wb.documents.push_back(r.doc->id);
    if (wb.issued.empty()) wb.issued = r.facts.issued;
    if (!wb.wte) wb.wte = r.facts.wte;
    if (!wb.band) wb.band = r.facts.band;
    if (wb.types_provided.empty()) wb.types_provided = r.facts.types;
    for (WorkbookAnswer& a : r.answers) {
      if (answered.insert(a.indicator).second) wb.answers.push_back(std::move(a));
    }
  }
  MarkAdopted(s, adopted, *doc, profile);

  if (wb.answers.empty()) {
    Finding f = ReadingFinding(
        rule::kWorkbookNoIndicators, doc->id,
        "This looks like the " + profile.workbook_name + ", but no indicator numbers (such as " +
            (profile.sections.empty() || profile.sections[0].indicators.empty()
                 ? std::string("1.1")
                 : profile.sections[0].indicators[0].id) +
            ") were found at the start of a line, so its answers could not be read.",
        "Check that this is the " + profile.workbook_name +
            " the quality mark issued, filled in and not retyped; if its pages are images, "
            "check that they could be read.");
    s.findings.push_back(std::move(f));
    return;
  }
  AddEditionFindings(s, answered, profile);
}

std::string OrganisationFromWorkbook(const Submission& s) {
  static constexpr std::string_view kLabels[] = {
      "name of organisation:", "organisation name:", "organisation:",
      "name of organization:", "organization name:", "organization:"};
  for (const Document& d : s.documents) {
    if (d.id != s.workbook.document) continue;
    for (const Page& p : d.pages) {
      if (p.number > 2) break;
      size_t start = 0;
      while (start < p.text.size()) {
        size_t end = p.text.find('\n', start);
        if (end == std::string::npos) end = p.text.size();
        std::string line = p.text.substr(start, end - start);
        start = end + 1;
        std::string lower = line;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (std::string_view label : kLabels) {
          if (lower.rfind(label, 0) != 0) continue;
          std::string value = line.substr(label.size());
          value.erase(0, value.find_first_not_of(" \t"));
          while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
            value.pop_back();
          }
          if (!value.empty() && value.size() <= 120) return value;
        }
      }
    }
  }
  return "";
}

}  // namespace qpm::classify
