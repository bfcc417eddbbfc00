#include "redaction/personal_data.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

namespace qpm::redaction {
namespace {

constexpr std::string_view kNhs = "pii.nhs-number";
constexpr std::string_view kNhsPossible = "pii.nhs-number-possible";
constexpr std::string_view kNino = "pii.ni-number";
constexpr std::string_view kEmail = "pii.email";

// One pattern of the set. Group 1 is the candidate value; `family` says which
// validator judges it.
enum class Family { kNhsNumber, kNiNumber, kEmailAddress };
struct Pattern {
  Family family;
  const char* regex;
};

// Between digit groups: a space, a hyphen, a no-break space (U+00A0, text pasted
// from web forms) or a line break where a paragraph wrapped. Group 1 is the value.
const Pattern kPatterns[] = {
    {Family::kNhsNumber,
     R"((?:^|[^0-9A-Za-z])(\d{3}(?:[ \-]|\x{00A0}| ?\r?\n)?\d{3}(?:[ \-]|\x{00A0}| ?\r?\n)?\d{4})(?:[^0-9A-Za-z]|$))"},
    {Family::kNiNumber,
     R"((?:^|[^0-9A-Za-z])([A-Za-z]{2}(?:[ \-]|\x{00A0}| ?\r?\n)?\d{2}(?:[ \-]|\x{00A0}| ?\r?\n)?\d{2}(?:[ \-]|\x{00A0}| ?\r?\n)?\d{2}(?:[ \-]|\x{00A0}| ?\r?\n)?[A-Da-d])(?:[^0-9A-Za-z]|$))"},
    {Family::kNiNumber,
     R"((?:^|[^0-9A-Za-z])([A-Za-z]{2}(?:[ \-]|\x{00A0}| ?\r?\n)?\d{3}(?:[ \-]|\x{00A0}| ?\r?\n)?\d{3}(?:[ \-]|\x{00A0}| ?\r?\n)?[A-Da-d])(?:[^0-9A-Za-z]|$))"},
    // Local parts may hold accented letters (RFC 6531): "rené.family@...".
    {Family::kEmailAddress,
     R"((?:^|[^\p{L}\p{N}._%+\-])([\p{L}\p{N}._%+\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})(?:[^A-Za-z0-9\-]|$))"},
};

class Engine {
 public:
  Engine() : set_(Options(), RE2::UNANCHORED) {
    for (const Pattern& p : kPatterns) {
      auto re = std::make_unique<RE2>(p.regex, Options());
      if (!re->ok() || set_.Add(p.regex, nullptr) < 0) std::abort();  // a bug in a pattern above
      regexes_.push_back(std::move(re));
    }
    if (!set_.Compile()) std::abort();
  }

  const RE2::Set& set() const { return set_; }
  const RE2& regex(size_t i) const { return *regexes_[i]; }

 private:
  static RE2::Options Options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    return o;
  }
  RE2::Set set_;
  std::vector<std::unique_ptr<RE2>> regexes_;
};

const Engine& GetEngine() {
  static const Engine* engine = new Engine();  // never destroyed: used until exit
  return *engine;
}

std::string Digits(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9') d.push_back(c);
  }
  return d;
}

std::string LowerWindowBefore(std::string_view text, size_t start, size_t width) {
  size_t from = start > width ? start - width : 0;
  std::string w(text.substr(from, start - from));
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

bool HasWord(const std::string& window, std::string_view word) {
  size_t pos = 0;
  while ((pos = window.find(word, pos)) != std::string::npos) {
    bool left = pos == 0 || !std::isalpha(static_cast<unsigned char>(window[pos - 1]));
    size_t after = pos + word.size();
    bool right = after >= window.size() || !std::isalpha(static_cast<unsigned char>(window[after]));
    if (left && right) return true;
    pos = after;
  }
  return false;
}

// "+44 161 496 0011", "+44 (0)20 7946 0000", "0044 ...": a UK phone number in its
// international form, whose last ten digits can look like an NHS number.
bool AfterUkDialCode(std::string_view text, size_t start) {
  size_t from = start > 12 ? start - 12 : 0;
  std::string compact;
  for (char c : text.substr(from, start - from)) {
    if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.' && c != '\xA0' && c != '\xC2') {
      compact.push_back(c);
    }
  }
  for (std::string_view code : {"+44", "+440", "0044", "00440"}) {
    if (compact.size() >= code.size() &&
        compact.compare(compact.size() - code.size(), code.size(), code) == 0) {
      return true;
    }
  }
  return false;
}

// Judges one candidate; returns false when it is not personal data after all.
bool Judge(Family family, std::string_view text, size_t start, size_t end, Match& m) {
  std::string_view value = text.substr(start, end - start);
  m.start = start;
  m.end = end;
  switch (family) {
    case Family::kNhsNumber: {
      std::string d = Digits(value);
      if (d.size() != 10) return false;
      bool same = std::all_of(d.begin(), d.end(), [&](char c) { return c == d[0]; });
      if (same) return false;  // 0000000000, 9999999999: placeholders, and they pass mod 11
      if (AfterUkDialCode(text, start)) return false;
      std::string window = LowerWindowBefore(text, start, 48);
      bool nhs_word = HasWord(window, "nhs");
      bool context = nhs_word || HasWord(window, "patient") || HasWord(window, "health") ||
                     HasWord(window, "chi");
      // Other ten-digit numbers announce themselves just before: an invoice, an order,
      // a phone. Only the words right before the value count.
      std::string near = LowerWindowBefore(text, start, 24);
      bool other = false;
      // ("case" is no such word here: case files are full of it.)
      for (std::string_view w : {"invoice", "inv", "order", "ref", "reference", "account", "acc",
                                 "tel", "telephone", "phone", "mobile", "fax", "isbn", "ticket"}) {
        other = other || HasWord(near, w);
      }
      bool grouped = d.size() + 2 <= value.size();  // written 3-3-4, as NHS numbers are
      if (NhsCheckDigitValid(d)) {
        if (context || !other) {
          m.rule = kNhs;
          m.reason = context   ? "valid NHS check digit, with 'NHS' or 'patient' just before it"
                     : grouped ? "valid NHS check digit, written in the NHS 3-3-4 grouping"
                               : "ten digits with a valid NHS check digit";
        } else {
          m.rule = kNhsPossible;
          m.reason = "ten digits with a valid NHS check digit, though labelled as another number";
        }
        return true;
      }
      if (nhs_word) {
        m.rule = kNhsPossible;
        m.reason = "next to 'NHS', though its check digit does not match";
        return true;
      }
      return false;
    }
    case Family::kNiNumber: {
      std::string compact;
      for (char c : value) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
          compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
      }
      if (compact.size() != 9) return false;
      char a = compact[0];
      char b = compact[1];
      if (std::string_view("DFIQUV").find(a) != std::string_view::npos) return false;
      if (std::string_view("DFIOQUV").find(b) != std::string_view::npos) return false;
      static const std::string_view kUnallocated[] = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};
      std::string_view prefix(compact.data(), 2);
      for (std::string_view bad : kUnallocated) {
        if (prefix == bad) return false;
      }
      m.rule = kNino;
      m.reason = "National Insurance number format with an allocated prefix";
      return true;
    }
    case Family::kEmailAddress:
      m.rule = kEmail;
      return true;  // the finding says all there is to say: no reason to add
  }
  return false;
}

// Bounds that keep a hostile file from filling memory with findings.
constexpr size_t kMaxMatchesPerText = 10'000;
constexpr size_t kMaxFindingsPerRule = 50;

std::vector<Finding> ScanDocumentUncapped(const Document& doc, bool scan_addresses);

std::vector<Match> FindWithPatterns(std::string_view text, const std::vector<int>& hits);

const RuleInfo* FindRule(std::string_view id) {
  for (const RuleInfo& r : PersonalDataRules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string_view What(std::string_view rule) {
  if (rule == kNhs) return "An NHS number";
  if (rule == kNhsPossible) return "What may be an NHS number";
  if (rule == kNino) return "A National Insurance number";
  return "An email address";
}

std::string RemedyOnPage(std::string_view rule) {
  if (rule == kEmail) {
    return "If it belongs to a client, a relative or another private person, remove it. Staff "
           "and organisation addresses may stay.";
  }
  if (rule == kNhsPossible) {
    return "Check it: if it is an NHS number, remove it from the document (delete the text; do "
           "not just cover it).";
  }
  return "Remove it from the document itself (delete the text; do not just cover it), then "
         "send the file again.";
}

struct PartWords {
  std::string_view where;
  std::string_view remedy;  // "" = as for the page text
};

PartWords WordsFor(std::string_view part) {
  if (part == "header") return {" is in this document's header", ""};
  if (part == "footer") return {" is in this document's footer", ""};
  if (part == "footnotes") return {" is in a footnote", ""};
  if (part == "endnotes") return {" is in an endnote", ""};
  if (part == "comments") {
    return {" is in a comment, which anyone who opens the file can read",
            "Delete the comments (in Word: Review > Delete > Delete All Comments in Document), "
            "then send the file again."};
  }
  if (part == "deleted text") {
    return {
        " is in text deleted with tracked changes, which stays in the file for anyone to "
        "read",
        "Accept or reject every tracked change (in Word: Review > Accept > Accept All "
        "Changes) so the deleted text leaves the file, then send it again."};
  }
  return {" is in this document's text outside its pages", ""};
}

// " (why it counts)", or "" when the finding needs no reason.
std::string Because(const Match& m) { return m.reason.empty() ? "" : " (" + m.reason + ")"; }

Box Union(const Box& a, const Box& b) {
  return Box{std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1),
             std::max(a.y1, b.y1)};
}

Finding MakeFinding(const Document& doc, const Match& m, std::string_view text) {
  const RuleInfo* rule = FindRule(m.rule);
  Finding f;
  f.rule = std::string(m.rule);
  f.severity = rule != nullptr ? rule->severity : Severity::kWarning;
  f.category = Category::kPersonalData;
  f.document = doc.id;
  f.input = doc.input;
  f.value = std::string(text.substr(m.start, m.end - m.start));
  f.masked = Mask(f.value);
  return f;
}

}  // namespace

const std::vector<RuleInfo>& PersonalDataRules() {
  static const std::vector<RuleInfo> kRules = {
      {kNhs, "No readable NHS number", Severity::kBlocker, Category::kPersonalData},
      {kNhsPossible, "No number that may be an NHS number", Severity::kWarning,
       Category::kPersonalData},
      {kNino, "No readable National Insurance number", Severity::kBlocker, Category::kPersonalData},
      {kEmail, "No email address of a private person", Severity::kWarning, Category::kPersonalData},
  };
  return kRules;
}

bool NhsCheckDigitValid(std::string_view d) {
  if (d.size() != 10) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    if (d[static_cast<size_t>(i)] < '0' || d[static_cast<size_t>(i)] > '9') return false;
    sum += (d[static_cast<size_t>(i)] - '0') * (10 - i);
  }
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;  // no valid NHS number has this check value
  return d[9] - '0' == check;
}

std::vector<Match> FindPersonalData(std::string_view text) {
  std::vector<int> hits;
  if (!GetEngine().set().Match(text, &hits)) return {};
  std::sort(hits.begin(), hits.end());
  return FindWithPatterns(text, hits);
}

std::vector<Match> FindPersonalDataWithoutSet(std::string_view text) {
  std::vector<int> all;
  for (size_t i = 0; i < std::size(kPatterns); ++i) all.push_back(static_cast<int>(i));
  return FindWithPatterns(text, all);
}

namespace {

// Locates and judges the matches of the patterns in `hits`, then resolves overlaps.
std::vector<Match> FindWithPatterns(std::string_view text, const std::vector<int>& hits) {
  const Engine& engine = GetEngine();
  std::vector<Match> found;
  for (int index : hits) {
    const RE2& re = engine.regex(static_cast<size_t>(index));
    Family family = kPatterns[index].family;
    re2::StringPiece groups[2];
    size_t pos = 0;
    while (pos <= text.size() && found.size() < kMaxMatchesPerText &&
           re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(), RE2::UNANCHORED,
                    groups, 2)) {
      size_t start = static_cast<size_t>(groups[1].data() - text.data());
      size_t end = start + groups[1].size();
      Match m;
      if (Judge(family, text, start, end, m)) found.push_back(std::move(m));
      // The trailing delimiter may start the next match: resume at the value's end.
      pos = std::max(end, pos + 1);
    }
  }
  // Longest first at each start, then drop whatever overlaps an earlier keeper.
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end - a.start > b.end - b.start;
  });
  std::vector<Match> kept;
  for (Match& m : found) {
    if (!kept.empty() && m.start < kept.back().end) {
      // Overlap: keep the longer one.
      if (m.end - m.start > kept.back().end - kept.back().start) kept.back() = std::move(m);
      continue;
    }
    kept.push_back(std::move(m));
  }
  return kept;
}

}  // namespace

std::string Mask(std::string_view value) {
  size_t alnum = 0;
  for (char c : value) {
    if (std::isalnum(static_cast<unsigned char>(c))) ++alnum;
  }
  size_t keep = alnum >= 8 ? 3 : alnum >= 5 ? 1 : 0;
  size_t seen = 0;
  std::string out;
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      ++seen;
      out.push_back(seen > alnum - keep ? c : '*');
    } else if (u >= 0x80) {
      // Non-ASCII letters could be part of a name: hide every byte of them. Keep
      // UTF-8 continuation bytes out of the output so it stays valid text.
      if ((u & 0xc0) != 0x80) out.push_back('*');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string MaskPersonalData(std::string_view text) {
  std::vector<Match> matches = FindPersonalData(text);
  if (matches.empty()) return std::string(text);
  std::string out;
  size_t pos = 0;
  for (const Match& m : matches) {
    out.append(text.substr(pos, m.start - pos));
    out += Mask(text.substr(m.start, m.end - m.start));
    pos = m.end;
  }
  out.append(text.substr(pos));
  return out;
}

std::vector<Finding> ScanDocument(const Document& doc, bool scan_addresses) {
  std::vector<Finding> out = ScanDocumentUncapped(doc, scan_addresses);
  // A file stuffed with values must not become a million findings: the first
  // ones of each kind are listed, the rest counted in one more finding.
  std::map<std::string, size_t> kept;
  std::map<std::string, size_t> more;
  std::vector<Finding> capped;
  for (Finding& f : out) {
    if (++kept[f.rule] <= kMaxFindingsPerRule) {
      capped.push_back(std::move(f));
    } else {
      ++more[f.rule];
    }
  }
  for (const auto& [rule, n] : more) {
    const RuleInfo* info = FindRule(rule);
    Finding f;
    f.rule = rule;
    f.severity = info != nullptr ? info->severity : Severity::kWarning;
    f.category = Category::kPersonalData;
    f.document = doc.id;
    f.input = doc.input;
    f.message = std::to_string(n) + " more of these were found in this document; only the first " +
                std::to_string(kMaxFindingsPerRule) + " are listed one by one.";
    f.remedy = "Check the whole document: it holds a great deal of this kind of data.";
    capped.push_back(std::move(f));
  }
  return capped;
}

namespace {

std::vector<Finding> ScanDocumentUncapped(const Document& doc, bool scan_addresses) {
  std::vector<Finding> out;
  for (const Page& page : doc.pages) {
    for (const Match& m : FindPersonalData(page.text)) {
      Finding f = MakeFinding(doc, m, page.text);
      f.page = page.number;
      f.start = static_cast<uint32_t>(m.start);
      f.end = static_cast<uint32_t>(m.end);
      std::optional<Box> box;
      for (const Word& w : page.words) {
        if (w.end > m.start && w.start < m.end) box = box ? Union(*box, w.box) : w.box;
      }
      f.bbox = box;
      bool email = doc.role == "email";
      f.message = std::string(What(m.rule)) +
                  (email ? " is in the text of this email" : " is readable on this page") +
                  Because(m) + ".";
      f.remedy = RemedyOnPage(m.rule);
      out.push_back(std::move(f));
    }
  }
  bool skip_addresses = doc.role == "email" && !scan_addresses;
  std::set<std::pair<std::string_view, std::string>> seen;  // PDFs repeat Info in XMP
  for (const auto& [key, value] : doc.metadata) {
    if (skip_addresses && (key == "From" || key == "To" || key == "Cc")) continue;
    // A property's name is text the file carries too (a PDF may name a key
    // "/jane.doe#40example.com").
    for (const Match& m : FindPersonalData(key)) {
      if (!seen.emplace(m.rule, key.substr(m.start, m.end - m.start)).second) continue;
      Finding f = MakeFinding(doc, m, key);
      f.category = Category::kHiddenData;
      f.field = "metadata (a property's name)";
      f.message = std::string(What(m.rule)) + " is the name of one of this file's properties" +
                  Because(m) + ".";
      f.remedy = "Clear the file's properties, then send it again.";
      out.push_back(std::move(f));
    }
    for (const Match& m : FindPersonalData(value)) {
      if (!seen.emplace(m.rule, value.substr(m.start, m.end - m.start)).second) continue;
      Finding f = MakeFinding(doc, m, value);
      if (doc.role == "email") {
        f.field = "email:" + key;
        f.message = std::string(What(m.rule)) + " is in this email's " + key + Because(m) + ".";
        f.remedy = RemedyOnPage(m.rule);
      } else {
        f.category = Category::kHiddenData;
        f.field = "metadata:" + key;
        f.message = std::string(What(m.rule)) + " is stored in this file's properties (" + key +
                    "), which anyone who receives the file can see" + Because(m) + ".";
        f.remedy =
            "Clear the file's properties (in Word: File > Info > Check for Issues > Inspect "
            "Document; in a PDF editor: File > Properties), then send it again.";
      }
      out.push_back(std::move(f));
    }
  }
  for (const TextPart& part : doc.parts) {
    for (const Match& m : FindPersonalData(part.text)) {
      Finding f = MakeFinding(doc, m, part.text);
      f.field = part.name;
      if (part.hidden) f.category = Category::kHiddenData;
      PartWords words = WordsFor(part.name);
      f.message = std::string(What(m.rule)) + std::string(words.where) + Because(m) + ".";
      f.remedy = words.remedy.empty() ? RemedyOnPage(m.rule) : std::string(words.remedy);
      out.push_back(std::move(f));
    }
  }
  if (!doc.origin.empty()) {
    const std::string& name = doc.origin.back();
    for (const Match& m : FindPersonalData(name)) {
      Finding f = MakeFinding(doc, m, name);
      f.field = "file name";
      f.message = std::string(What(m.rule)) + " is in this file's name" + Because(m) + ".";
      f.remedy = "Rename the file so that its name holds no personal data.";
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace

}  // namespace qpm::redaction
