// The workbook: each indicator's answer, from form fields or from the page text.
//
// An answer is found under the indicator id the workbook prints, at the start of a
// line. Form fields are tied to an indicator by where they sit on the page (field
// names are often generic: "Check Box7"), and a printed or scanned workbook is read
// from its text: box glyphs or Yes/No for a tick, the text up to the next indicator
// for a narrative. Where the words have boxes, box glyphs are tied to an indicator
// by where they sit too: Poppler reads a tick drawn at the right margin after the
// rest of the page, far from the indicator it answers.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "extractors/classify.h"
#include "extractors/page_layout.h"
#include "extractors/text_match.h"
#include "pipeline/rules.h"

namespace qpm::classify {
namespace {

// Where an indicator id is printed.
struct Occurrence {
  std::string id;
  size_t page = 0;          // index into Document::pages
  uint32_t line_start = 0;  // offset in the page text where its line starts
  uint32_t after = 0;       // offset in the page text just after the id
  std::optional<Box> box;
};

// A box glyph on a page with word boxes, and the answer word beside it.
struct Mark {
  bool on = false;
  std::string label;  // "yes", "no", "met", "not" or ""
};

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
      "☐",      "□", "❏", "❐", "❑", "❒", "◻", "▢", "[ ]", "[]", "( )",
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
    if (text.size() > label.size() + 1 && match::Fold(text.substr(0, label.size())) == label &&
        text[label.size()] == ':') {
      return text.substr(label.size() + 1);
    }
  }
  return text;
}

std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
    size_t start = i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) == 0) ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

// How many leading tokens of `region` spell `wording` (allowing a few differences in
// hyphens, punctuation or a changed word), or 0 when they do not.
size_t WordingTokens(const std::vector<std::string>& region, const std::string& wording) {
  std::vector<std::string> want;
  for (const std::string& t : Tokens(wording)) want.push_back(match::Fold(t));
  std::vector<std::string> have;
  for (const std::string& t : region) have.push_back(match::Fold(t));
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

// The region's wording, when the profile does not know the indicator: its first
// table cell, or its first sentence.
size_t GuessWordingTokens(std::string_view region, const std::vector<std::string>& tokens) {
  size_t line_end = region.find('\n');
  std::string_view first_line = region.substr(0, line_end);
  if (size_t tab = first_line.find('\t'); tab != std::string_view::npos) {
    return Tokens(first_line.substr(0, tab)).size();
  }
  for (size_t i = 0; i < tokens.size() && i < 60; ++i) {
    char last = tokens[i].back();
    if (last == '.' || last == '?' || last == ':') return i + 1;
  }
  return std::min<size_t>(tokens.size(), Tokens(first_line).size());
}

std::string Join(const std::vector<std::string>& tokens, size_t from) {
  std::string out;
  for (size_t i = from; i < tokens.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += tokens[i];
  }
  return out;
}

bool HasBoxGlyph(std::string_view text) {
  for (const std::string& t : Tokens(text)) {
    if (IsGlyph(t, TickedGlyphs()) || IsGlyph(t, EmptyGlyphs())) return true;
  }
  return false;
}

// "ticked", "unticked" or "" (no sign either way), from box glyphs and Yes/No.
std::string TickFromText(std::string_view text) {
  std::vector<std::string> tokens = Tokens(text);
  bool ticked = false, unticked = false, any_glyph = false;
  auto label = [&](size_t i) -> std::string {
    std::string before = i > 0 ? match::Fold(tokens[i - 1]) : "";
    std::string after = i + 1 < tokens.size() ? match::Fold(tokens[i + 1]) : "";
    // "Yes ☒ No ☐": a box belongs to the word before it; "☒ Yes ☐ No" to the word after.
    if (IsAnswerWord(before, false)) return before;
    if (IsAnswerWord(after, true)) return after;
    return "";
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool on = IsGlyph(tokens[i], TickedGlyphs());
    bool off = !on && IsGlyph(tokens[i], EmptyGlyphs());
    if (!on && !off) continue;
    any_glyph = true;
    std::string l = label(i);
    if (on) (l == "no" || l == "not" ? unticked : ticked) = true;
  }
  if (ticked) return "ticked";
  if (unticked || any_glyph) return "unticked";
  std::string folded = match::Fold(text);
  if (folded == "yes" || folded == "y" || folded == "met" || folded == "x") return "ticked";
  if (folded == "no" || folded == "n" || folded == "not met") return "unticked";
  return "";
}

bool IsSectionTitle(std::string_view line, const Profile& profile) {
  std::string folded = match::Fold(line);
  if (match::CountWords(line) > 10) return false;
  if (match::StartsWithPhrase(folded, "section") || match::StartsWithPhrase(folded, "principle")) {
    return true;
  }
  for (const ProfileSection& s : profile.sections) {
    std::string title = match::Fold(s.title);
    if (folded == title || folded == match::Fold(s.id + " " + s.title)) return true;
  }
  return false;
}

std::optional<std::string> DateAfter(std::string_view text) {
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
    static const std::vector<std::string> k = {"jan", "feb", "mar", "apr", "may", "jun",
                                               "jul", "aug", "sep", "oct", "nov", "dec"};
    std::string lower = match::Fold(month);
    m = static_cast<int>(std::find(k.begin(), k.end(), lower) - k.begin()) + 1;
  } else {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

// The issue date, WTE and band the first pages of the workbook state.
void ReadFacts(const Document& d, const Profile& profile, Workbook& wb) {
  static const RE2 number("([0-9]+(?:\\.[0-9]+)?)");
  for (size_t i = 0; i < d.pages.size() && i < 3; ++i) {
    for (std::string_view line : match::Lines(d.pages[i].text)) {
      std::string folded = match::Fold(line);
      if (wb.issued.empty()) {
        if (int c = match::FirstCueIn(folded, profile.issue_date_cues); c >= 0) {
          if (auto date = DateAfter(line)) wb.issued = *date;
        }
      }
      if (!wb.wte && match::FirstCueIn(folded, profile.wte_cues) >= 0) {
        double v = 0;
        re2::StringPiece in(line.data(), line.size());
        if (RE2::PartialMatch(in, number, &v) && v > 0 && v < 10000) wb.wte = v;
      }
      if (!wb.band) {
        for (const std::string& cue : profile.band_cues) {
          RE2 band_re("(?i)\\b" + RE2::QuoteMeta(cue) + "\\s*:?\\s*([0-9]{1,2})\\b");
          int b = 0;
          if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), band_re, &b)) {
            wb.band = b;
            break;
          }
        }
      }
    }
  }
}

double CentreY(const Box& b) { return (b.y0 + b.y1) / 2; }

// "ticked", "unticked" or "" from the box glyphs placed beside an indicator, as
// TickFromText reads them from text.
std::string TickFromMarks(const std::vector<Mark>& marks) {
  bool ticked = false;
  for (const Mark& m : marks) ticked = ticked || (m.on && m.label != "no" && m.label != "not");
  return ticked ? "ticked" : marks.empty() ? "" : "unticked";
}

// The answer word printed beside the box glyph `words[g]` on its line: the nearer of
// the word just before it and the word just after it, if that is Yes, No or Met.
std::string LabelBeside(const std::vector<Word>& words, size_t g) {
  const Box& box = words[g].box;
  double height = box.y1 - box.y0;
  double best_gap = 3 * height;  // farther than this, a word is not the box's label
  std::string label;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i == g) continue;
    const Box& b = words[i].box;
    if (std::fabs(CentreY(b) - CentreY(box)) > std::max(height, b.y1 - b.y0) / 2) continue;
    bool before = b.x1 <= box.x0 + 1;
    bool after = b.x0 >= box.x1 - 1;
    if (!before && !after) continue;
    double gap = before ? box.x0 - b.x1 : b.x0 - box.x1;
    std::string folded = match::Fold(words[i].text);
    if (gap < best_gap && IsAnswerWord(folded, after)) {
      best_gap = gap;
      label = folded;
    }
  }
  return label;
}

// Lines in the top or bottom margin that repeat, word for word and at the same
// place, on at least half the pages (two or more): running headers and footers.
// Per page, the indexes of their words. A line here is the words that stand at one
// height, whatever order Poppler read them in: it may read an indicator id printed
// just below a running line in the middle of it, splitting the line's text in two
// so that the text alone (layout::RunningLines) no longer finds it.
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
        glyph = glyph || IsGlyph(word.text, TickedGlyphs()) || IsGlyph(word.text, EmptyGlyphs());
        std::string folded = match::Fold(word.text);
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

// Turns the bytes of `w` in `text` into spaces: offsets into the text stay right.
void Blank(std::string& text, const Word& w) {
  for (uint32_t i = w.start; i < w.end && i < text.size(); ++i) text[i] = ' ';
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
        "workbook.not-found", "",
        "No " + profile.workbook_name +
            " was found among the files: no file's name, title or pages say it is the " +
            profile.workbook_name + ", and none prints the indicators of " + profile.title + ".",
        "Ask the organisation to send the completed " + profile.workbook_name +
            ". If it is there under another name, check that it is the current edition.");
    f.input = s.inputs.empty() ? -1 : 0;
    s.findings.push_back(std::move(f));
    return;
  }
  Workbook& wb = s.workbook;
  wb.document = doc->id;
  ReadFacts(*doc, profile, wb);

  // Every line that starts with an indicator id.
  RE2 id_re("\\s*(?i:indicator\\s+)?(" + profile.indicator_id + ")(?:[.):]?(?:\\s|$))");
  std::set<std::string> running = layout::RunningLines(*doc);
  std::vector<std::set<size_t>> running_words = RunningWords(*doc);
  std::vector<Occurrence> occ;
  for (size_t p = 0; p < doc->pages.size(); ++p) {
    const Page& page = doc->pages[p];
    for (const layout::Line& line : layout::PageLines(page, running)) {
      if (line.running) continue;
      re2::StringPiece rest(line.text.data(), line.text.size());
      std::string id;
      if (!RE2::Consume(&rest, id_re, &id)) continue;
      Occurrence o;
      o.id = id;
      o.page = p;
      o.line_start = line.start;
      o.after = line.start + static_cast<uint32_t>(rest.data() - line.text.data());
      for (const Word& w : page.words) {
        if (w.start >= line.start && w.text.find(id) != std::string::npos) {
          o.box = w.box;
          break;
        }
      }
      occ.push_back(std::move(o));
    }
  }

  // The indicator printed at or above a place on a page: the last one whose id
  // stands no lower than the place's middle, on this page or an earlier one.
  auto owner_of = [&](int page_number, const Box& box) {
    int owner = -1;
    for (size_t k = 0; k < occ.size(); ++k) {
      int page = doc->pages[occ[k].page].number;
      if (page > page_number) break;
      if (!occ[k].box) continue;
      if (page < page_number || occ[k].box->y0 <= CentreY(box) + 4) owner = static_cast<int>(k);
    }
    return owner;
  };

  // Form fields, each given to the indicator printed at or above it.
  std::vector<std::vector<const FormField*>> fields_of(occ.size());
  for (const FormField& f : doc->fields) {
    if (f.hidden || !f.box || f.page < 1) continue;
    if (f.kind != "checkbox" && f.kind != "radio" && f.kind != "text" && f.kind != "choice")
      continue;
    if (int owner = owner_of(f.page, *f.box); owner >= 0) fields_of[size_t(owner)].push_back(&f);
  }

  // Box glyphs placed on the page, each given to the indicator printed at or above it
  // like a form field, and taken out of the text so that where Poppler read them
  // does not count. Running headers and footers are taken out too.
  std::vector<std::vector<Mark>> marks_of(occ.size());
  std::vector<std::string> texts(doc->pages.size());
  for (size_t p = 0; p < doc->pages.size(); ++p) {
    const Page& page = doc->pages[p];
    texts[p] = page.text;
    for (size_t w = 0; w < page.words.size(); ++w) {
      const Word& word = page.words[w];
      if (running_words[p].count(w) != 0) {
        Blank(texts[p], word);
        continue;
      }
      bool on = IsGlyph(word.text, TickedGlyphs());
      if (!on && !IsGlyph(word.text, EmptyGlyphs())) continue;
      int owner = owner_of(page.number, word.box);
      if (owner < 0) continue;
      marks_of[size_t(owner)].push_back({on, LabelBeside(page.words, w)});
      Blank(texts[p], word);
    }
  }

  // The text between one indicator and the next, leaving out running lines and the
  // next section's title and summary. Every line counts, even one that is only a box
  // glyph; a line with a box glyph is an answer, never a running line, however often
  // "Yes ☐ No ☐" repeats.
  auto region_text = [&](size_t k) {
    std::string text;
    const Occurrence& o = occ[k];
    size_t end_page = k + 1 < occ.size() ? occ[k + 1].page : doc->pages.size() - 1;
    for (size_t p = o.page; p <= end_page; ++p) {
      const std::string& page_text = doc->pages[p].text;
      for (std::string_view line : match::Lines(page_text)) {
        auto line_start = static_cast<uint32_t>(line.data() - page_text.data());
        auto line_end = line_start + static_cast<uint32_t>(line.size());
        if (p == o.page && line_start < o.line_start) continue;
        if (k + 1 < occ.size() && p == occ[k + 1].page && line_start >= occ[k + 1].line_start) {
          break;
        }
        bool first = p == o.page && line_start == o.line_start;
        if (!first && running.count(layout::RunningKey(line)) != 0 && !HasBoxGlyph(line)) {
          continue;
        }
        if (!first && IsSectionTitle(line, profile)) return text;
        uint32_t from = first ? o.after : line_start;
        text += texts[p].substr(from, line_end - from);
        text += '\n';
      }
    }
    return text;
  };

  // An id printed twice (a contents page, a summary table) keeps its fullest answer.
  std::map<std::string, size_t> chosen;
  std::vector<WorkbookAnswer> answers(occ.size());
  for (size_t k = 0; k < occ.size(); ++k) {
    const Occurrence& o = occ[k];
    WorkbookAnswer& a = answers[k];
    a.indicator = o.id;
    a.page = doc->pages[o.page].number;
    a.box = o.box;
    const Indicator* known = profile.FindIndicator(o.id);
    a.in_profile = known != nullptr;
    std::string region = region_text(k);
    std::vector<std::string> tokens = Tokens(region);
    size_t wording = known != nullptr ? WordingTokens(tokens, known->wording) : 0;
    if (wording == 0) wording = GuessWordingTokens(region, tokens);
    std::string answer_text(DropAnswerLabel(Join(tokens, wording)));

    const std::vector<const FormField*>& fields = fields_of[k];
    bool boxes = false, on = false, said_no = false;
    std::string field_text;
    for (const FormField* f : fields) {
      if (f->kind == "checkbox" || f->kind == "radio") {
        boxes = true;
        std::string v = match::Fold(f->value);
        if (f->on && (v == "no" || v == "n" || v == "false" || v == "not met")) {
          said_no = true;
        } else if (f->on) {
          on = true;
        }
      } else if (!f->value.empty()) {
        if (!field_text.empty()) field_text += '\n';
        field_text += f->value;
      }
    }
    std::string glyph_state = TickFromMarks(marks_of[k]);
    if (glyph_state.empty()) glyph_state = TickFromText(region);
    if (glyph_state.empty()) glyph_state = TickFromText(answer_text);  // "... possible. Yes"
    a.kind = known != nullptr ? known->kind : boxes || !glyph_state.empty() ? "tick" : "narrative";
    if (a.kind == "tick") {
      if (boxes) {
        a.source = "form field";
        a.state = on && !said_no ? "ticked" : "unticked";
      } else if (!fields.empty()) {
        a.source = "form field";
        a.state = TickFromText(field_text) == "ticked" ? "ticked" : "unticked";
      } else {
        a.source = glyph_state.empty() ? "text" : "check box glyph";
        a.state = glyph_state == "ticked" ? "ticked" : "unticked";
      }
    } else {
      bool from_fields = std::any_of(fields.begin(), fields.end(),
                                     [](const FormField* f) { return f->kind == "text"; });
      a.source = from_fields ? "form field" : "text";
      a.text = from_fields ? field_text : answer_text;
      if (IsPlaceholder(match::Fold(a.text))) a.text.clear();
      a.words = match::CountWords(a.text);
      a.state = a.words > 0 ? "answered" : "empty";
    }
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
  for (size_t k : keep) wb.answers.push_back(std::move(answers[k]));

  if (wb.answers.empty()) {
    Finding f = ReadingFinding(
        "workbook.no-indicators", doc->id,
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
  std::set<std::string> have;
  for (const WorkbookAnswer& a : wb.answers) {
    have.insert(a.indicator);
    if (a.in_profile) continue;
    Finding f = ReadingFinding(
        "workbook.indicator-not-in-profile", doc->id,
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
      if (have.count(ind.id) != 0) continue;
      Finding f = ReadingFinding(
          "workbook.indicator-missing", doc->id,
          "Indicator " + ind.id + " (" + section.title + ") of the profile " + profile.name +
              " was not found in the " + profile.workbook_name + ".",
          "Check whether the organisation used another edition of the workbook or removed a "
          "row; ask them to answer indicator " +
              ind.id + ".");
      s.findings.push_back(std::move(f));
    }
  }
}

}  // namespace qpm::classify
