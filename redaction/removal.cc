#include "redaction/removal.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <utility>

#include "pipeline/core/model_json.h"
#include "redaction/lists.h"
#include "redaction/masking.h"
#include "redaction/rule_ids.h"

namespace qpm::redaction {
namespace {

constexpr std::string_view kDecisionValue = "decision.value";
constexpr std::string_view kDecisionArea = "decision.area";
constexpr std::string_view kRemoved = "removed";

// A value with fewer letters and digits than this is boxed where its finding is, and
// looked for nowhere else: "Jo" or "87" would box stray letters and page numbers.
constexpr size_t kMinLetters = 3;

// The label of a failed redaction or hidden text on a page (LabelFor).
constexpr std::string_view kHiddenText = "hidden text";

// Words of one match on one line are one box when the space between them is at most
// this share of their height: a word space, generously (justified lines stretch it).
constexpr double kWordSpace = 0.5;
// Boxes on one line that touch or come this close (points) are burnt as one.
constexpr double kTouch = 1.0;

// ---------------------------------------------------------------------------------
// What is drawn on a box.

std::string LabelFor(const Finding& f, bool on_page) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {kRuleNhs, "NHS number"},
      {kRuleNhsPossible, "NHS number"},
      {kRuleNino, "NI number"},
      {kRuleEmail, "email"},
      {kRulePhone, "phone number"},
      {kRulePostcode, "postcode"},
      {kRuleAddress, "address"},
      {kRuleDob, "date of birth"},
      {kRuleAge, "age"},
      {kRuleName, "name"},
      {kRuleHospital, "hospital number"},
      {kRuleBank, "bank details"},
      {kRulePassport, "passport number"},
      {kRuleLicence, "driving licence"},
      {kRulePlace, "care home"},
      {kRuleDeny, "listed"},
  };
  if (f.rule.starts_with("pii.")) {
    auto it = kLabels.find(f.rule);
    return std::string(it != kLabels.end() ? it->second : "personal data");
  }
  // A failed redaction is hidden text wherever it is; other hidden data (properties,
  // scripts, comments) is drawn on no page.
  return std::string(f.category == Category::kRedaction || on_page ? kHiddenText : "hidden data");
}

// ---------------------------------------------------------------------------------
// Boxes.

double Height(const Box& b) { return b.y1 - b.y0; }

bool Valid(const Box& b) {
  return std::isfinite(b.x0) && std::isfinite(b.y0) && std::isfinite(b.x1) && std::isfinite(b.y1) &&
         b.x1 > b.x0 && b.y1 > b.y0;
}

Box Union(const Box& a, const Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// Two boxes are on one line when they share at least half the height of the lower one
// (a box over several lines is on each line it covers).
bool SameLine(const Box& a, const Box& b) {
  double shared = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return shared > 0 && shared >= 0.5 * std::min(Height(a), Height(b));
}

// The horizontal space between two boxes; negative when they overlap.
double Gap(const Box& a, const Box& b) { return std::max(a.x0, b.x0) - std::min(a.x1, b.x1); }

// The boxes of the words of `page` whose byte range overlaps [start, end): words that
// follow each other on one line within a word space are one box; a new line starts a
// new box, so no box ever spans two lines.
std::vector<Box> WordBoxes(const Page& page, size_t start, size_t end) {
  std::vector<const Word*> words;
  for (const Word& w : page.words) {
    if (w.end > start && w.start < end && Valid(w.box)) words.push_back(&w);
  }
  std::stable_sort(words.begin(), words.end(),
                   [](const Word* a, const Word* b) { return a->start < b->start; });
  std::vector<Box> out;
  for (const Word* w : words) {
    if (!out.empty() && SameLine(out.back(), w->box) &&
        Gap(out.back(), w->box) <= kWordSpace * std::max(Height(out.back()), Height(w->box))) {
      out.back() = Union(out.back(), w->box);
    } else {
      out.push_back(w->box);
    }
  }
  return out;
}

// Joins boxes of one page that overlap or touch on one line, keeping the first's label,
// unless that is "hidden text" and the other's says what it hides ("name"); boxes on
// different lines stay apart, however close.
void JoinBoxes(std::vector<CopyBox>& boxes) {
  bool joined = true;
  while (joined) {
    joined = false;
    for (size_t i = 0; i < boxes.size(); ++i) {
      for (size_t j = i + 1; j < boxes.size();) {
        if (SameLine(boxes[i].box, boxes[j].box) && Gap(boxes[i].box, boxes[j].box) <= kTouch) {
          boxes[i].box = Union(boxes[i].box, boxes[j].box);
          if (boxes[i].label == kHiddenText && boxes[j].label != kHiddenText) {
            boxes[i].label = std::move(boxes[j].label);
          }
          boxes.erase(boxes.begin() + static_cast<std::ptrdiff_t>(j));
          joined = true;
        } else {
          ++j;
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------
// Values wherever they are read.

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Letters and digits in `s`, a character outside ASCII counted once (as a letter).
size_t Alnums(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || u >= 0xC0) ++n;
  }
  return n;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// `text` with every separator a number may be written with (ASCII punctuation, line
// breaks, a no-break space, curly quotes, dashes) turned into spaces, byte for byte,
// so offsets stay those of `text`. The deny-list's number pattern allows only some
// separators between digits ("14 Mill Lane, Leeds" has a comma; "943 476\n5919" a line
// break); on this text it allows them all.
std::string Loosen(std::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    auto u = static_cast<unsigned char>(out[i]);
    if (u < 0x80) {
      if (std::isalnum(u) == 0) out[i] = ' ';
    } else if (u == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) == 0xA0) {
      out[i] = out[i + 1] = ' ';  // no-break space
    } else if (u == 0xE2 && i + 2 < out.size() && static_cast<unsigned char>(out[i + 1]) == 0x80) {
      auto third = static_cast<unsigned char>(out[i + 2]);
      if (third >= 0x90 && third <= 0x9F) out[i] = out[i + 1] = out[i + 2] = ' ';  // ‐ – — ‘ ’ “ ”
    }
  }
  return out;
}

bool WordByte(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || u >= 0x80;
}

// `words` (lower case) in `text`, in any case, with any run of spaces or line breaks
// between them, not inside a longer word: the fallback for a value the deny-list's
// patterns cannot take, so that no value is ever left unsearched.
std::vector<std::pair<size_t, size_t>> FindLiteral(std::string_view text,
                                                   const std::vector<std::string>& words) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && WordByte(text[i - 1]) && WordByte(text[i])) continue;
    size_t pos = i;
    bool ok = true;
    for (size_t k = 0; k < words.size() && ok; ++k) {
      if (k > 0) {
        size_t before = pos;
        while (pos < text.size() && space(text[pos])) ++pos;
        ok = pos > before;
      }
      const std::string& w = words[k];
      ok = ok && pos + w.size() <= text.size() &&
           std::equal(w.begin(), w.end(), text.begin() + static_cast<std::ptrdiff_t>(pos),
                      [](char a, char b) {
                        return a == static_cast<char>(std::tolower(static_cast<unsigned char>(b)));
                      });
      pos += w.size();
    }
    if (!ok || (pos < text.size() && WordByte(text[pos - 1]) && WordByte(text[pos]))) continue;
    out.emplace_back(i, pos);
    i = pos - 1;
  }
  return out;
}

struct Hit {
  size_t start = 0;
  size_t end = 0;
  const std::string* label = nullptr;
};

// Finds values in a page's text as the deny-list finds its entries (lists.h): in any
// case and spacing, across line breaks, a number with any separators, a person's
// name also as "Okafor, Margaret", "M. Okafor" and the surname alone; but not as the
// first name alone. A client's first name is often a member of staff's too ("Priya
// rang" may be the advocate): the finding that saw it beside the client's surname
// boxes it there, and the scan's own findings of the first name alone box it where
// they are (with --also-warnings); boxing it on every page would take out people who
// are not the client. Without `variants`, only the whole value is found (for what a
// decision keeps).
class ValueFinder {
 public:
  ValueFinder(const std::vector<std::pair<std::string, std::string>>& values, bool variants)
      : variants_(variants) {
    std::set<std::string> seen;
    // Values in groups of one label and one kind (number or words), each group one
    // pattern; a group the patterns refuse is tried value by value, and a value they
    // refuse is found literally.
    std::vector<std::pair<std::pair<std::string, bool>, std::vector<std::string>>> groups;
    for (const auto& [value, label] : values) {
      if (Alnums(value) < kMinLetters || !seen.insert(ListKey(value)).second) continue;
      std::pair<std::string, bool> kind{label, HasDigit(value) && value.find('@') == npos};
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const auto& g) { return g.first == kind; });
      if (it == groups.end()) it = groups.emplace(groups.end(), kind, std::vector<std::string>{});
      it->second.push_back(value);
    }
    for (const auto& [kind, members] : groups) {
      if (Add(kind.first, kind.second, members)) continue;
      for (const std::string& v : members) {
        if (Add(kind.first, kind.second, {v})) continue;
        Literal l{kind.first, SplitWords(v)};
        for (std::string& w : l.words) {
          for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        literals_.push_back(std::move(l));
      }
    }
  }

  // Every place a value is read in `text`, with its label.
  std::vector<Hit> Find(std::string_view text) const {
    std::vector<Hit> out;
    std::string loose;
    for (const Group& g : groups_) {
      if (g.loose && loose.empty()) loose = Loosen(text);
      for (auto [s, e] : g.lists.FindDenied(g.loose ? std::string_view(loose) : text)) {
        if (Accept(g, text.substr(s, e - s))) out.push_back({s, e, &g.label});
      }
    }
    for (const Literal& l : literals_) {
      for (auto [s, e] : FindLiteral(text, l.words)) out.push_back({s, e, &l.label});
    }
    return out;
  }

 private:
  static constexpr size_t npos = std::string::npos;

  struct Group {
    std::string label;
    bool loose = false;  // values with digits: matched in Loosen(text)
    PersonalDataLists lists;
    std::set<std::string> whole;        // ListKey of each value
    std::set<std::string> first_words;  // ListKey of the first word of each value of 2+ words
  };
  struct Literal {
    std::string label;
    std::vector<std::string> words;
  };

  bool Add(const std::string& label, bool loose, const std::vector<std::string>& members) {
    Group g;
    g.label = label;
    g.loose = loose;
    if (!g.lists.Set(members, {}).empty() || !g.lists.has_deny()) return false;
    for (const std::string& v : members) {
      g.whole.insert(ListKey(v));
      std::vector<std::string> words = SplitWords(v);
      if (words.size() >= 2) g.first_words.insert(ListKey(words.front()));
    }
    groups_.push_back(std::move(g));
    return true;
  }

  // Whether a match of the deny-list's patterns is one to box. Numbers: any. Words:
  // the whole value in any case and spacing; a name's (and a deny-list entry's) other
  // forms too, but never its first word alone.
  bool Accept(const Group& g, std::string_view matched) const {
    if (g.loose) return true;
    std::string key = ListKey(matched);
    if (g.whole.count(key) > 0) return true;
    if (!variants_ || (g.label != "name" && g.label != "listed")) return false;
    return g.first_words.count(key) == 0;
  }

  bool variants_;
  std::vector<Group> groups_;
  std::vector<Literal> literals_;
};

std::vector<CopyBox> BoxesOf(const Page& page, const std::vector<Hit>& hits) {
  std::vector<CopyBox> out;
  for (const Hit& h : hits) {
    for (const Box& b : WordBoxes(page, h.start, h.end)) out.push_back({b, *h.label});
  }
  return out;
}

// ---------------------------------------------------------------------------------
// Ids.

uint64_t Fnv1a(std::string_view bytes) {
  uint64_t h = 14695981039346656037ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::string BoxKey(const Box& b) {
  return "box:" + std::to_string(std::lround(b.x0)) + "," + std::to_string(std::lround(b.y0)) +
         "," + std::to_string(std::lround(b.x1)) + "," + std::to_string(std::lround(b.y1));
}

// Where a finding is, for its id: its byte offset, its field, or its box; never its
// value, from which a short value could be found again by trying them all.
std::string WhereOf(const Finding& f) {
  std::string where;
  if (f.start) where += "@" + std::to_string(*f.start);
  if (!f.field.empty()) where += "field:" + f.field;
  if (!f.start && f.bbox) where += BoxKey(*f.bbox);
  return where;
}

// Ids for the removals of one document: 12 hex digits of FNV-1a over its path, the
// page, the rule, the place and how many came before with all of these the same.
class Ids {
 public:
  explicit Ids(std::string path) : path_(std::move(path)) {}

  std::string Next(int page, std::string_view rule, const std::string& where) {
    std::string key = path_;
    key += '\0';
    key += std::to_string(page);
    key += '\0';
    key += rule;
    key += '\0';
    key += where;
    int count = counts_[key]++;
    key += '\0';
    key += std::to_string(count);
    uint64_t h = Fnv1a(key);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%012llx",
                  static_cast<unsigned long long>((h ^ (h >> 48)) & 0xFFFFFFFFFFFFull));
    return hex;
  }

 private:
  std::string path_;
  std::map<std::string, int> counts_;
};

// ---------------------------------------------------------------------------------
// Which findings, and where.

// Whether the copy removes what `f` found (the header's policy).
bool Removes(const Finding& f, const RemovalOptions& options) {
  // One finding for the whole case, at its first slip: that slip is a removal of its
  // own, and a second one at the same place would box it twice. It lists nothing.
  if (f.rule == kRuleRedactedElsewhere) return false;
  bool by_severity = f.severity == Severity::kBlocker ||
                     (f.severity == Severity::kWarning && options.also_warnings);
  switch (f.category) {
    case Category::kPersonalData:
      return by_severity;
    case Category::kRedaction:
      return true;
    case Category::kHiddenData:
      // Personal data in a property or a part is judged as personal data: the author
      // who is the organisation's own (info) is not boxed on every page.
      return !f.rule.starts_with("pii.") || by_severity;
    default:
      return false;
  }
}

const Page* PageOf(const Document& doc, int number) {
  for (const Page& p : doc.pages) {
    if (p.number == number) return &p;
  }
  return nullptr;
}

// A value typed in a form field or a comment on a page: the widget's box. The scan
// gives those findings a page but no box, and Poppler's text leaves widgets out, so
// the value would not be found on the page by its words.
std::vector<Box> FieldBoxes(const Document& doc, const Finding& f) {
  std::vector<Box> out;
  if (f.value.empty()) return out;
  bool comment = f.field == "comment";
  for (const FormField& field : doc.fields) {
    if (field.page != f.page || !field.box || !Valid(*field.box)) continue;
    if (comment != (field.kind == "comment")) continue;
    if (field.value.find(f.value) != std::string::npos) out.push_back(*field.box);
  }
  return out;
}

// Where on its page a finding is boxed: its words, else its box, else the widget its
// value is typed in. Nothing when it is on no page, or on a page without word boxes
// (a Word document's).
std::vector<Box> BoxesOfFinding(const Document& doc, const Finding& f) {
  if (f.page <= 0) return {};
  const Page* page = PageOf(doc, f.page);
  if (page != nullptr && f.start && f.end && *f.end > *f.start) {
    std::vector<Box> words = WordBoxes(*page, *f.start, *f.end);
    if (!words.empty()) return words;
  }
  if (f.bbox && Valid(*f.bbox)) return {*f.bbox};
  if (f.field == "form field" || f.field == "comment") return FieldBoxes(doc, f);
  return {};
}

// What PlanRemovals knows of a removal besides what it lists.
struct Source {
  int page = 0;  // the finding's page, boxed or not
  std::optional<std::pair<size_t, size_t>> range;
  bool from_finding = false;
  bool by_value = false;  // its value is looked for wherever it is read
};

void AddFinding(const Document& doc, const Finding& f, Ids& ids, RemovalPlan& plan,
                std::vector<Source>& sources) {
  Removal r;
  r.rule = f.rule;
  r.why = f.message;
  r.value = f.value;
  r.masked = f.masked;
  r.field = f.field;
  r.boxes = BoxesOfFinding(doc, f);
  r.page = r.boxes.empty() ? 0 : f.page;
  r.label = LabelFor(f, r.page > 0);
  r.id = ids.Next(f.page, f.rule, WhereOf(f));
  Source s;
  s.page = f.page;
  if (f.start && f.end) s.range = std::make_pair(size_t{*f.start}, size_t{*f.end});
  s.from_finding = true;
  // Personal data is boxed wherever else it is read. A failed redaction's text only
  // where it is, unless it has no box there (a Word file's blacked-out words, found
  // again on its printed copy): what was blacked out need not be personal data, and
  // a blacked-out "Yes" must not box every "Yes".
  s.by_value =
      f.rule.starts_with("pii.") || (f.category == Category::kRedaction && r.boxes.empty());
  plan.removals.push_back(std::move(r));
  sources.push_back(s);
}

// A decision's "file" names `doc`: its path as redactions.json gives it, its last
// origin name, or that name's last part (the file name alone).
bool NamesDocument(const std::string& file, const Document& doc) {
  if (file.empty()) return false;
  if (file == doc.Path()) return true;
  if (doc.origin.empty()) return false;
  const std::string& last = doc.origin.back();
  size_t slash = last.find_last_of("/\\");
  return file == last || (slash != std::string::npos && file == last.substr(slash + 1));
}

void AddDecisions(const Document& doc, const Decisions& d, Ids& ids, RemovalPlan& plan,
                  std::vector<Source>& sources) {
  for (const std::string& v : d.remove_values) {
    Removal r;
    r.rule = std::string(kDecisionValue);
    r.label = std::string(kRemoved);
    r.why = "The decisions file removes this value wherever it is read.";
    r.value = v;
    r.masked = Mask(v);
    r.id = ids.Next(0, kDecisionValue, "");
    plan.removals.push_back(std::move(r));
    sources.push_back({0, std::nullopt, false, true});
  }
  for (const Decisions::Area& a : d.remove_areas) {
    if (!NamesDocument(a.file, doc)) continue;
    Removal r;
    r.rule = std::string(kDecisionArea);
    r.label = std::string(kRemoved);
    r.why = "The decisions file removes this area of page " + std::to_string(a.page) + ".";
    r.page = a.page;
    r.boxes = {a.box};
    r.id = ids.Next(a.page, kDecisionArea, BoxKey(a.box));
    plan.removals.push_back(std::move(r));
    sources.push_back({a.page, std::nullopt, false, false});
  }
}

// A decision keeps a finding's removal by its id, or by its value (ListKey, lists.h).
// A value the decisions file removes is not kept by a value it keeps: ParseDecisions
// refuses a file that does both, and a Decisions built otherwise removes it.
void ApplyKeeps(const Decisions& d, RemovalPlan& plan, const std::vector<Source>& sources) {
  std::set<std::string> ids;
  for (std::string id : d.keep_ids) {
    for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ids.insert(std::move(id));
  }
  std::set<std::string> values;
  for (const std::string& v : d.keep_values) values.insert(ListKey(v));
  for (size_t i = 0; i < plan.removals.size(); ++i) {
    Removal& r = plan.removals[i];
    bool by_value = sources[i].from_finding && !r.value.empty() && values.count(ListKey(r.value));
    if (ids.count(r.id) == 0 && !by_value) continue;
    r.kept = true;
    r.boxes.clear();
  }
}

// Where on each page nothing is boxed for a value: the places of kept findings, and
// wherever a value a decision keeps is read (whole).
std::map<int, std::vector<std::pair<size_t, size_t>>> KeptPlaces(const Document& doc,
                                                                 const RemovalPlan& plan,
                                                                 const std::vector<Source>& sources,
                                                                 const Decisions* d) {
  std::map<int, std::vector<std::pair<size_t, size_t>>> out;
  for (size_t i = 0; i < plan.removals.size(); ++i) {
    if (plan.removals[i].kept && sources[i].range)
      out[sources[i].page].push_back(*sources[i].range);
  }
  if (d == nullptr || d->keep_values.empty()) return out;
  std::vector<std::pair<std::string, std::string>> keep;
  for (const std::string& v : d->keep_values) keep.emplace_back(v, "");
  ValueFinder finder(keep, false);
  for (const Page& page : doc.pages) {
    for (const Hit& h : finder.Find(page.text)) out[page.number].emplace_back(h.start, h.end);
  }
  return out;
}

void BoxValues(const Document& doc, const std::vector<Source>& sources, const Decisions* d,
               RemovalPlan& plan) {
  std::map<int, std::vector<std::pair<size_t, size_t>>> kept = KeptPlaces(doc, plan, sources, d);
  ValueFinder finder(plan.values, true);
  for (const Page& page : doc.pages) {
    std::vector<Hit> hits = finder.Find(page.text);
    const auto& keep = kept[page.number];
    std::erase_if(hits, [&](const Hit& h) {
      return std::any_of(keep.begin(), keep.end(),
                         [&](const auto& k) { return k.first <= h.start && h.end <= k.second; });
    });
    std::vector<CopyBox> boxes = BoxesOf(page, hits);
    if (boxes.empty()) continue;
    std::vector<CopyBox>& on_page = plan.boxes[page.number];
    on_page.insert(on_page.end(), boxes.begin(), boxes.end());
  }
}

}  // namespace

RemovalPlan PlanRemovals(const Document& doc, const std::vector<const Finding*>& findings,
                         const RemovalOptions& options) {
  RemovalPlan plan;
  std::vector<Source> sources;
  Ids ids(doc.Path());
  for (const Finding* f : findings) {
    if (f == nullptr || (!f->document.empty() && !doc.id.empty() && f->document != doc.id)) {
      continue;
    }
    if (Removes(*f, options)) AddFinding(doc, *f, ids, plan, sources);
  }
  if (options.decisions != nullptr) {
    AddDecisions(doc, *options.decisions, ids, plan, sources);
    ApplyKeeps(*options.decisions, plan, sources);
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < plan.removals.size(); ++i) {
    const Removal& r = plan.removals[i];
    if (r.kept || r.value.empty() || !sources[i].by_value) continue;
    if (seen.insert(ListKey(r.value)).second) plan.values.emplace_back(r.value, r.label);
  }
  for (const Removal& r : plan.removals) {
    if (r.kept || r.page <= 0 || r.boxes.empty()) continue;
    std::vector<CopyBox>& on_page = plan.boxes[r.page];
    for (const Box& b : r.boxes) on_page.push_back({b, r.label});
  }
  BoxValues(doc, sources, options.decisions, plan);
  for (auto& [page, boxes] : plan.boxes) JoinBoxes(boxes);
  return plan;
}

std::vector<CopyBox> FindValues(const Page& page,
                                const std::vector<std::pair<std::string, std::string>>& values) {
  ValueFinder finder(values, true);
  return BoxesOf(page, finder.Find(page.text));
}

// ---------------------------------------------------------------------------------
// The decisions file.

namespace {

using nlohmann::json;

// A mistake in a decisions file, in a message that names its place.
struct DecisionError {
  std::string message;
};

[[noreturn]] void Refuse(const std::string& where, std::string_view key,
                         const std::string& problem) {
  std::string m = where.empty() ? "" : where + ": ";
  if (!key.empty()) m += "\"" + std::string(key) + "\" ";
  throw DecisionError{m + problem};
}

std::string Number(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

// Refuses any key of `object` not in `keys`: a misspelt key must not be ignored, or a
// typing error would keep personal data in a copy.
void OnlyKeys(const json& object, const std::string& where,
              std::initializer_list<std::string_view> keys) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    std::string known;
    for (std::string_view k : keys)
      known += (known.empty() ? "\"" : ", \"") + std::string(k) + "\"";
    Refuse(where, key, "is not a key this version knows (here: " + known + "); check its spelling");
  }
}

std::string TextOf(const json& object, const std::string& where, const char* key) {
  const json& v = object.at(key);
  if (!v.is_string()) Refuse(where, key, "must be a text, not " + JsonKind(v));
  std::string s = v.get<std::string>();
  if (s.find_first_not_of(" \t\r\n") == std::string::npos) Refuse(where, key, "must not be empty");
  return s;
}

Box AreaOf(const json& v, const std::string& where) {
  const std::string form =
      "must be four numbers, [x0, y0, x1, y1], in points from the top left of the page";
  if (!v.is_array() || v.size() != 4) Refuse(where, "area", form);
  double n[4];
  for (size_t i = 0; i < 4; ++i) {
    if (!v[i].is_number()) Refuse(where, "area", form);
    n[i] = v[i].get<double>();
    if (!std::isfinite(n[i]) || n[i] < 0) {
      Refuse(where, "area", "must not hold a negative number: points count from the top left");
    }
  }
  if (n[2] <= n[0]) {
    Refuse(where, "area",
           "must have x1 greater than x0 (here x0 is " + Number(n[0]) + " and x1 " + Number(n[2]) +
               "): it is [x0, y0, x1, y1]");
  }
  if (n[3] <= n[1]) {
    Refuse(where, "area",
           "must have y1 greater than y0 (here y0 is " + Number(n[1]) + " and y1 " + Number(n[3]) +
               "): it is [x0, y0, x1, y1]");
  }
  return {n[0], n[1], n[2], n[3]};
}

class DecisionReader {
 public:
  Decisions Read(const json& root) {
    if (!root.is_object()) {
      Refuse("", "",
             "a decisions file is one object, {\"decisions_version\": 1, \"keep\": [...], "
             "\"remove\": [...]}, not " +
                 JsonKind(root));
    }
    OnlyKeys(root, "", {"decisions_version", "keep", "remove"});
    if (!root.contains("decisions_version")) {
      Refuse("", "decisions_version",
             "is missing: a decisions file starts {\"decisions_version\": 1");
    }
    const json& version = root.at("decisions_version");
    if (!version.is_number_integer() || version.get<double>() != 1) {
      Refuse("", "decisions_version", "must be 1, the version this program reads");
    }
    Each(root, "keep", [this](const json& e, const std::string& where) { Keep(e, where); });
    Each(root, "remove", [this](const json& e, const std::string& where) { Remove(e, where); });
    return std::move(d_);
  }

 private:
  template <typename Fn>
  static void Each(const json& root, const char* key, Fn fn) {
    if (!root.contains(key)) return;
    const json& list = root.at(key);
    if (!list.is_array()) Refuse("", key, "must be a list, not " + JsonKind(list));
    for (size_t i = 0; i < list.size(); ++i)
      fn(list[i], std::string(key) + "[" + std::to_string(i) + "]");
  }

  void Keep(const json& e, const std::string& where) {
    if (!e.is_object()) {
      Refuse(where, "",
             "must be an object, {\"id\": \"3fa2b0c91d4e\"} or {\"value\": \"...\"}, not " +
                 JsonKind(e));
    }
    OnlyKeys(e, where, {"id", "value"});
    if (e.contains("id") == e.contains("value")) {
      Refuse(where, "", "must hold either \"id\" or \"value\", one of the two");
    }
    if (e.contains("value")) {
      std::string v = TextOf(e, where, "value");
      Both(ListKey(v), where, kept_at_, removed_at_);
      d_.keep_values.push_back(std::move(v));
      return;
    }
    std::string id = TextOf(e, where, "id");
    for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (id.size() != 12 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
      Refuse(where, "id",
             "must be 12 hexadecimal digits, a removal's id as redactions.json gives it");
    }
    d_.keep_ids.push_back(std::move(id));
  }

  void Remove(const json& e, const std::string& where) {
    if (!e.is_object()) {
      Refuse(where, "",
             "must be an object, {\"value\": \"...\"} or {\"file\": \"...\", \"page\": 1, "
             "\"area\": [x0, y0, x1, y1]}, not " +
                 JsonKind(e));
    }
    OnlyKeys(e, where, {"value", "file", "page", "area"});
    if (e.contains("value")) {
      if (e.size() != 1) {
        Refuse(where, "",
               "must be either a value or an area ({\"file\", \"page\", \"area\"}), not both");
      }
      std::string v = TextOf(e, where, "value");
      if (Alnums(v) < kMinLetters) {
        Refuse(where, "value",
               "must hold at least 3 letters or digits: a shorter one would box stray letters "
               "everywhere; remove an area instead");
      }
      Both(ListKey(v), where, removed_at_, kept_at_);
      d_.remove_values.push_back(std::move(v));
      return;
    }
    for (const char* key : {"file", "page", "area"}) {
      if (!e.contains(key)) {
        Refuse(where, key,
               "is missing: an area to remove has a \"file\", a \"page\" and an \"area\"");
      }
    }
    Decisions::Area a;
    a.file = TextOf(e, where, "file");
    const json& page = e.at("page");
    if (!page.is_number_integer() || page.get<double>() < 1 || page.get<double>() > 1e6) {
      Refuse(where, "page", "must be a whole number from 1");
    }
    a.page = static_cast<int>(page.get<int64_t>());
    a.box = AreaOf(e.at("area"), where);
    d_.remove_areas.push_back(std::move(a));
  }

  // A value both kept and removed is refused: which was meant cannot be known.
  static void Both(const std::string& key, const std::string& where,
                   std::map<std::string, std::string>& mine,
                   const std::map<std::string, std::string>& other) {
    if (auto it = other.find(key); it != other.end()) {
      Refuse(where, "value",
             "is also in " + it->second + ": a value is either kept or removed, not both");
    }
    mine.emplace(key, where);
  }

  Decisions d_;
  std::map<std::string, std::string> kept_at_;     // ListKey → "keep[i]"
  std::map<std::string, std::string> removed_at_;  // ListKey → "remove[i]"
};

}  // namespace

std::string RemovalLabel(const Finding& f) { return LabelFor(f, f.page > 0); }

Result<Decisions> ParseDecisions(std::string_view json_text) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::exception& e) {
    size_t at = json_text.size();
    if (const auto* pe = dynamic_cast<const json::parse_error*>(&e)) {
      at = std::min<size_t>(pe->byte, json_text.size());
    }
    auto line = 1 + std::count(json_text.begin(), json_text.begin() + static_cast<long>(at), '\n');
    return Status(StatusCode::kUnsupported,
                  "line " + std::to_string(line) +
                      ": this is not valid JSON (look for a missing comma, quote or bracket)");
  }
  try {
    return DecisionReader().Read(root);
  } catch (const DecisionError& e) {
    return Status(StatusCode::kUnsupported, e.message);
  }
}

}  // namespace qpm::redaction
