#include "redaction/personal_data.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "pipeline/core/dates.h"
#include "redaction/names.h"
#include "redaction/policy.h"
#include "redaction/rule_ids.h"

namespace qpm::redaction {
namespace {

// One pattern of the set. Group 1 is the candidate value; `family` says which
// validator judges it (kValidators).
enum class Family {
  kNhsNumber,
  kNiNumber,
  kEmailAddress,
  kPhoneCandidate,
  kPostcodeCandidate,
  kStreet,
  kStreetLower,
  kFlat,
  kDate,
  kHospitalLabel,
  kSortCode,
  kAccount,
  kIban,
  kPassportLabel,
  kLicenceShape,
  kPlaceName,
  kAgeLabel,
  kCount,  // how many families there are (kValidators has one validator each)
};
struct Pattern {
  Family family;
  const char* regex;
};

// Street words ending an address line: "14 Mill Lane", "3A HOLLINS ROAD".
#define QPM_STREET                                                                           \
  "(?:Road|Street|Avenue|Close|Lane|Drive|Way|Court|Crescent|Grove|Place|Row|Terrace|Walk|"  \
  "Gardens|Mews|Hill|Square|Green|Park|Rise|View|Parade|Vale|Wharf|Yard|Croft|Fold|Gate|"    \
  "Chase|Boulevard|Bank|Brow|Meadow|Meadows|Fields|Heights|Approach|Broadway|Circus|"        \
  "Embankment|Esplanade|Promenade|Quay|Hollow|Nook|End|Crest|Dene|Glade|Grange|Mount|Ridge|" \
  "Side|Villas|Cottages|Buildings|Rd|St|Ave|Cl|Ln|Dr|Cres|Gr|Pl|Sq|Terr|Gdns|ROAD|STREET|"   \
  "AVENUE|CLOSE|LANE|DRIVE|WAY|COURT|CRESCENT|GROVE|PLACE|TERRACE|GARDENS|MEWS|HILL|SQUARE|" \
  "GREEN|PARK|RISE|VIEW|WALK|ROW)"
#define QPM_WORD "[A-Z](?:[A-Za-z'\\-]|[\\xC3-\\xC9][\\x80-\\xBF]|\\xE2\\x80\\x99)*\\b"
#define QPM_MONTH                                                                    \
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
  "sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

// Between digit groups: a space, a hyphen, a no-break space (U+00A0, text pasted
// from web forms) or a line break where a paragraph wrapped. Group 1 is the value;
// each pattern starts at a character that cannot be part of it, so that a search
// from any point finds whole values only.
const Pattern kPatterns[] = {
    {Family::kNhsNumber,
     R"((?:^|[^0-9A-Za-z])(\d{3}(?:[ \-]|\xC2\xA0| ?\r?\n)?\d{3}(?:[ \-]|\xC2\xA0| ?\r?\n)?\d{4})(?:[^0-9A-Za-z]|$))"},
    {Family::kNhsNumber,
     R"((?:^|[^0-9A-Za-z])(\d{4}(?:[ \-]|\xC2\xA0)\d{3}(?:[ \-]|\xC2\xA0)\d{3})(?:[^0-9A-Za-z]|$))"},
    {Family::kNiNumber,
     R"((?:^|[^0-9A-Za-z])([A-Za-z]{2}(?:[ \-]|\xC2\xA0| ?\r?\n)?\d{2}(?:[ \-]|\xC2\xA0| ?\r?\n)?\d{2}(?:[ \-]|\xC2\xA0| ?\r?\n)?\d{2}(?:[ \-]|\xC2\xA0| ?\r?\n)?[A-Da-d])(?:[^0-9A-Za-z]|$))"},
    {Family::kNiNumber,
     R"((?:^|[^0-9A-Za-z])([A-Za-z]{2}(?:[ \-]|\xC2\xA0| ?\r?\n)?\d{3}(?:[ \-]|\xC2\xA0| ?\r?\n)?\d{3}(?:[ \-]|\xC2\xA0| ?\r?\n)?[A-Da-d])(?:[^0-9A-Za-z]|$))"},
    // Local parts may hold accented letters (RFC 6531): "rené.family@...".
    {Family::kEmailAddress,
     R"((?:^|[^A-Za-z0-9._%+\-\xC3-\xC9])((?:[A-Za-z0-9._%+\-]|[\xC3-\xC9][\x80-\xBF])+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})(?:[^A-Za-z0-9\-]|$))"},
    // "0161 496 0123", "(0161) 496 0123", "+44 (0)161 496 0123", "0044 7700 900123";
    // the digits are counted and the ranges checked by the judge.
    {Family::kPhoneCandidate,
     R"((?:^|[^0-9A-Za-z+])((?:\+ ?44 ?(?:\(0\) ?)?|0044 ?(?:\(0\) ?)?|\(0|0)(?:\d|[ \-.]\d|\xC2\xA0\d|\) ?\d){8,}))"},
    {Family::kPostcodeCandidate,
     R"((?:^|[^0-9A-Za-z])((?i:[A-Z]{1,2}\d[A-Z\d]?|GIR)(?: {1,2}|\xC2\xA0)?\d(?i:[A-Z]{2}))(?:[^0-9A-Za-z]|$))"},
    {Family::kStreet,
     "(?:^|[^0-9A-Za-z])((?:(?:Flat|FLAT|Apartment|Apt)\\.? ?\\d{1,4}[A-Za-z]?,? "
     ")?[1-9]\\d{0,3}[A-Za-z]?"
     "(?:(?:-|\\xE2\\x80\\x93|/)\\d{1,4}[A-Za-z]?)?,? (?:" QPM_WORD "\\.? ){1,4}" QPM_STREET
     "\\b\\.?(?:, ?" QPM_WORD "(?: " QPM_WORD "){0,2})?)"},
    // A street named in one word: "14 Westgate", "3 Kingsway", "2 Broadway".
    {Family::kStreet,
     "(?:^|[^0-9A-Za-z])([1-9]\\d{0,3}[A-Za-z]?,? "
     "[A-Z][a-z]+(?:gate|way|field|fields|side|moor|wood|"
     "bank|brook|dale|croft|hurst|ley|lea|mead|thorpe|ton|holme|garth|wynd|loan|brae)\\b(?:, "
     "?" QPM_WORD "(?: " QPM_WORD "){0,2})?)"},
    // Welsh streets start with their street word: "9 Heol Las", "5 Ffordd y Castell".
    {Family::kStreet,
     "(?:^|[^0-9A-Za-z])([1-9]\\d{0,3}[A-Za-z]?,? "
     "(?:Heol|Ffordd|Stryd|L\\xC3\\xB4n|Lon|Rhodfa|Maes|"
     "Clos|Cwrt|Llys|Teras|Rhes)(?: "
     "[A-Za-z](?:[A-Za-z'\\-]|[\\xC3-\\xC9][\\x80-\\xBF]|\\xE2\\x80\\x99)*\\b){1,3}(?:, ?" QPM_WORD
     "(?: " QPM_WORD "){0,2})?)"},
    {Family::kStreetLower,
     R"((?:^|[^0-9A-Za-z])([1-9]\d{0,3}[a-z]?,? (?:[a-z][a-z'\-]* ){1,3}(?:road|street|avenue|lane|drive|crescent|terrace|grove|gardens|mews|close|bank|hill|place|row|way|walk|court|green|park|view|rise)\b(?:, ?[a-z][a-z'\-]+\b)?))"},
    {Family::kFlat,
     "(?:^|[^0-9A-Za-z])((?:Flat|FLAT|Apartment|APARTMENT|Apt|flat)\\.? ?\\d{1,4}[A-Za-z]?\\b(?:,? "
     "(?:" QPM_WORD "|st|[a-z](?:[a-z']|\\xE2\\x80\\x99)+\\b)(?: (?:" QPM_WORD
     "|[a-z](?:[a-z']|\\xE2\\x80\\x99)+\\b)){0,3})?)"},
    // "Unit 9, Tyburn Trading Estate", "Suite 5, Byram Arcade", "Room 4, Harbour Hostel"
    {Family::kFlat, "(?:^|[^0-9A-Za-z])((?:Unit|Suite|UNIT|SUITE)\\.? ?\\d{1,4}[A-Za-z]?, " QPM_WORD
                    "(?: " QPM_WORD "){0,3})"},
// Dates count only after words that make them a date of birth, so the set
// ignores the many other dates a case file holds ("visited 12/03/2025").
#define QPM_BIRTH \
  "(?i:d\\.? ?o\\.? ?b\\b|date of birth|birth ?date|born|birthday)[^0-9\\n]*(?:\\n[^0-9\\n]*)?"
    {Family::kDate,
     QPM_BIRTH R"((\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2}))(?:[^0-9A-Za-z/\-]|$))"},
    {Family::kDate, QPM_BIRTH "(\\d{1,2}(?i:st|nd|rd|th)?(?i: of)?[ \\-](?i:" QPM_MONTH
                              ")\\.?,?[ \\-](?:\\d{4}|\\d{2}))(?:[^0-9A-Za-z]|$)"},
    {Family::kDate,
     QPM_BIRTH "((?i:" QPM_MONTH ")\\.? \\d{1,2}(?i:st|nd|rd|th)?,? \\d{4})(?:[^0-9A-Za-z]|$)"},
    {Family::kDate, QPM_BIRTH R"((\d{4}-\d{2}-\d{2})(?:[^0-9A-Za-z]|$))"},
#undef QPM_BIRTH
    // "Age: 89" in a form: the age of the person the form is about.
    {Family::kAgeLabel, R"((?i)(?:^|[^0-9A-Za-z])age[ \t]*[:\-][ \t]*(\d{1,3})(?:[^0-9A-Za-z]|$))"},
    // "Hospital No: K0845521", "MRN 7734512", "RiO ID 100234567": a label, then a
    // token with at least five digits (the judge counts them).
    {Family::kHospitalLabel,
     R"((?i)(?:^|[^0-9A-Za-z])(?:hospital|hosp|unit|case[ \-]?notes?|patient|pas|rio|mrn|crn|mosaic|systmone|emis|lcs|liquidlogic)\.?(?: ?(?:no|number|num|id|ref|reference|#))?\.?[ \t]*[:#\-]?[ \t]*([A-Z]{0,3}[0-9][A-Z0-9]{4,})(?:[^0-9A-Za-z]|$))"},
    {Family::kSortCode,
     R"((?i)(?:sort[ \-]?code|s/c)[^0-9\n]*(\d{2}[ \-]?\d{2}[ \-]?\d{2})(?:[^0-9]|$))"},
    {Family::kAccount,
     R"((?i)(?:^|[^0-9A-Za-z])(?:account|acct|acc|a/c)\.?(?: ?(?:no|number|num))?\.?[^0-9\n]*(\d{7,10})(?:[^0-9]|$))"},
    {Family::kIban,
     R"((?:^|[^0-9A-Za-z])(GB\d{2} ?[A-Z]{4} ?\d{4} ?\d{4} ?\d{4} ?\d{2})(?:[^0-9A-Za-z]|$))"},
    {Family::kPassportLabel,
     R"((?i)passport[^0-9\n]*[^0-9A-Za-z]([A-Z0-9]{1,2}\d{7,8}|\d{9})(?:[^0-9A-Za-z]|$))"},
    {Family::kLicenceShape,
     R"((?:^|[^0-9A-Za-z])((?i:[A-Z9]{5}) ?\d{3} ?\d{3} ?(?i:[A-Z9]{2}[A-Z0-9]{3})(?: ?\d{2})?)(?:[^0-9A-Za-z]|$))"},
    {Family::kPlaceName, "(?:^|[^0-9A-Za-z])((?:" QPM_WORD
                         " ){1,4}(?:Care Home|Nursing Home|Residential Home|Rest Home|"
                         "Care Centre|Ward|Supported Living))\\b"},
};

#undef QPM_STREET
#undef QPM_WORD
#undef QPM_MONTH

// How much a match is believed when it overlaps `other`: the higher wins, then the
// longer. A name that something around it says is a person's ("her son Patrick
// Ward") is believed over a care place of the same words.
int Priority(const Match& m, const Match& other) {
  if (m.rule == kRuleDeny) return 5;
  if (m.rule == kRuleName) {
    bool cued = m.cue != NameCue::kLists && m.cue != NameCue::kMention;
    return cued && other.rule == kRulePlace ? 3 : 1;
  }
  if (m.rule == kRuleAddress || m.rule == kRulePlace || m.rule == kRuleNhsPossible) return 2;
  return 3;
}

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
  // Latin-1 mode: the patterns work on bytes (UTF-8 sequences are written out as
  // bytes in them), which keeps the set's automaton small and fast.
  static RE2::Options Options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(256 << 20);
    o.set_encoding(RE2::Options::EncodingLatin1);
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

// The letters and digits of `value`, in capitals: "ab 12 34 56 c" → "AB123456C".
std::string CompactUpper(std::string_view value) {
  std::string c;
  for (char ch : value) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      c.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    }
  }
  return c;
}

std::string LowerWindowBefore(std::string_view text, size_t start, size_t width) {
  size_t from = start > width ? start - width : 0;
  std::string w(text.substr(from, start - from));
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

// The window before `start`, cut at the line break before it (a label sits on the
// same line as its value, or ends the line before).
std::string LineBefore(std::string_view text, size_t start, size_t width) {
  std::string w = LowerWindowBefore(text, start, width);
  size_t nl = w.rfind('\n');
  if (nl != std::string::npos) {
    // Keep the previous line too when the value starts its own line.
    bool value_starts_line = w.find_first_not_of(" \t\r", nl + 1) == std::string::npos;
    if (!value_starts_line) w = w.substr(nl + 1);
  }
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

// A reference such as "CR-2023-118-0456" or "2024/0173": the value is glued to
// letters or digits by a hyphen, slash or dot.
bool InsideReference(std::string_view text, size_t start, size_t end) {
  // A dot glues only digits ("2024.0173"): "5919.pdf" is a value and a file's type.
  auto glued = [&](size_t sep, size_t other) {
    char s = text[sep];
    unsigned char o = static_cast<unsigned char>(text[other]);
    return ((s == '-' || s == '/' || s == '_') && std::isalnum(o)) || (s == '.' && std::isdigit(o));
  };
  if (start >= 2 && glued(start - 1, start - 2)) return true;
  if (end + 1 < text.size() && glued(end, end + 1)) return true;
  return false;
}

// When `start` is in a row of a table written with tabs or pipes, the table's first
// line (its heading), lower case; "" otherwise.
std::string TableHeading(std::string_view text, size_t start) {
  size_t line = text.rfind('\n', start == 0 ? 0 : start - 1);
  size_t from = line == std::string_view::npos || start == 0 ? 0 : line + 1;
  size_t eol = text.find('\n', start);
  std::string_view row =
      text.substr(from, (eol == std::string_view::npos ? text.size() : eol) - from);
  char sep = row.find('\t') != std::string_view::npos  ? '\t'
             : row.find('|') != std::string_view::npos ? '|'
                                                       : 0;
  if (sep == 0) return "";
  // Up through the lines that hold the same separator, at most 40 of them.
  size_t head = from;
  for (int n = 0; n < 40 && head > 0; ++n) {
    size_t prev = text.rfind('\n', head - 2 < head ? head - 2 : 0);
    size_t pfrom = prev == std::string_view::npos ? 0 : prev + 1;
    std::string_view pline = text.substr(pfrom, head - 1 - pfrom);
    if (pline.find(sep) == std::string_view::npos) break;
    head = pfrom;
    if (pfrom == 0) break;
  }
  if (head == from) return "";
  size_t hend = text.find('\n', head);
  std::string h(text.substr(head, hend - head));
  for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return h;
}

// A UK phone number of the right length and range; may shorten `end` to the longest
// valid number.
bool IsPhoneNumber(std::string_view text, size_t start, size_t& end, Match& m) {
  if (InsideReference(text, start, start)) return false;
  // Digit positions, to cut the candidate at a separator when it ran on.
  std::vector<size_t> ends;
  std::string digits;
  for (size_t i = start; i < end; ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      digits.push_back(text[i]);
      ends.push_back(i + 1);
    }
  }
  std::string_view head = text.substr(start, end - start);
  bool international = head[0] == '+' || head.substr(0, 4) == "0044";
  size_t skip = international ? (head[0] == '+' ? 2 : 4) : 0;  // the 44
  // "+44 (0)161": the 0 in brackets is not dialled.
  bool bracket_zero = international && head.find("(0)") != std::string_view::npos;
  for (size_t keep = digits.size(); keep > skip; --keep) {
    size_t cut = ends[keep - 1];
    if (cut < text.size() && text[cut] >= '0' && text[cut] <= '9') continue;
    if (keep < digits.size() && cut < end &&
        !(text[cut] == ' ' || text[cut] == '-' || text[cut] == '.' || text[cut] == '\xC2')) {
      continue;
    }
    std::string nsn = digits.substr(skip, keep - skip);
    if (bracket_zero && !nsn.empty() && nsn[0] == '0') nsn.erase(0, 1);
    if (!international) {
      if (nsn.empty() || nsn[0] != '0') return false;
      nsn.erase(0, 1);
    }
    if (nsn.size() < 9 || nsn.size() > 10) continue;
    if (std::string_view("1235789").find(nsn[0]) == std::string_view::npos) return false;
    if (nsn.size() == 9 && nsn[0] != '1' && nsn.substr(0, 3) != "800") continue;
    // A phone number holds no slash or colon: those are dates and times.
    if (text.substr(start, cut - start).find_first_of("/:") != std::string_view::npos) return false;
    end = cut;
    m.start = start;
    m.end = end;
    m.rule = kRulePhone;
    m.reason = international ? "a UK number in its international form" : "";
    return true;
  }
  return false;
}

bool ValidPostcode(std::string_view value) {
  std::string c = CompactUpper(value);
  if (c == "GIR0AA") return true;
  if (c.size() < 5 || c.size() > 7) return false;
  std::string_view in(c.data() + c.size() - 3, 3);
  std::string_view out(c.data(), c.size() - 3);
  if (!std::isdigit(static_cast<unsigned char>(in[0]))) return false;
  for (char ch : in.substr(1)) {
    if (!std::isalpha(static_cast<unsigned char>(ch)) ||
        std::string_view("CIKMOV").find(ch) != std::string_view::npos) {
      return false;
    }
  }
  if (std::string_view("QVX").find(out[0]) != std::string_view::npos) return false;
  bool two_letters = out.size() >= 2 && std::isalpha(static_cast<unsigned char>(out[1]));
  if (two_letters && std::string_view("IJZ").find(out[1]) != std::string_view::npos) return false;
  // A9A: third place from a short list; AA9A: fourth place from another.
  if (!two_letters && out.size() == 3 && std::isalpha(static_cast<unsigned char>(out[2])) &&
      std::string_view("ABCDEFGHJKPSTUW").find(out[2]) == std::string_view::npos) {
    return false;
  }
  if (two_letters && out.size() == 4 && std::isalpha(static_cast<unsigned char>(out[3])) &&
      std::string_view("ABEHMNPRVWXY").find(out[3]) == std::string_view::npos) {
    return false;
  }
  // Lower-case letters in a mixed word ("in2 3rd") are rarer than a shouted postcode.
  return true;
}

bool ValidDate(int d, int mo, int y) { return MakeDate(y, mo, d).has_value(); }

// A calendar date in any of the patterns' forms, day first.
bool ParseDate(std::string_view v) {
  std::vector<int> nums;
  int month = 0;
  size_t i = 0;
  while (i < v.size()) {
    if (std::isdigit(static_cast<unsigned char>(v[i]))) {
      int n = 0;
      size_t j = i;
      while (j < v.size() && std::isdigit(static_cast<unsigned char>(v[j])))
        n = n * 10 + (v[j++] - '0');
      nums.push_back(n);
      // Skip "st", "nd", "rd", "th" after a day.
      i = j;
    } else if (std::isalpha(static_cast<unsigned char>(v[i]))) {
      size_t j = i;
      while (j < v.size() && std::isalpha(static_cast<unsigned char>(v[j]))) ++j;
      int m = MonthFromName(v.substr(i, j - i));
      if (m != 0 && j - i >= 3) month = m;
      i = j;
    } else {
      ++i;
    }
  }
  if (month != 0) return nums.size() == 2 && ValidDate(nums[0], month, nums[1]);
  if (nums.size() != 3) return false;
  if (nums[0] > 999) return ValidDate(nums[2], nums[1], nums[0]);  // 1944-11-02
  return ValidDate(nums[0], nums[1], nums[2]);
}

// Words that say the date that follows is a birth date, within 40 bytes before it.
// The date patterns already require such a word earlier on the line (or the line
// above); this keeps it close, so "born in Leeds, seen on 12/03/2025" is no DOB.
bool BirthContext(std::string_view text, size_t start) {
  std::string w = LineBefore(text, start, 40);
  for (std::string_view cue : {"dob", "d.o.b", "d o b", "date of birth", "birth date", "birthdate",
                               "born", "birthday", "d.o.b."}) {
    if (w.find(cue) != std::string::npos) {
      // "dob" inside a longer word ("adobe") does not count.
      if (cue == "dob" && !HasWord(w, "dob")) continue;
      return true;
    }
  }
  return false;
}

bool ValidLicence(std::string_view value) {
  std::string c = CompactUpper(value);
  if (c.size() != 16 && c.size() != 18) return false;
  // The surname: letters, then 9s for a short one; at least one letter.
  bool nines = false;
  for (int i = 0; i < 5; ++i) {
    if (c[static_cast<size_t>(i)] == '9') {
      nines = true;
    } else if (nines || !std::isalpha(static_cast<unsigned char>(c[static_cast<size_t>(i)]))) {
      return false;
    }
  }
  if (c[0] == '9') return false;
  int month = (c[6] - '0') * 10 + (c[7] - '0');
  int day = (c[8] - '0') * 10 + (c[9] - '0');
  if (!((month >= 1 && month <= 12) || (month >= 51 && month <= 62))) return false;
  return day >= 1 && day <= 31;
}

bool ValidIban(std::string_view value) {
  std::string c;
  for (char ch : value) {
    if (std::isalnum(static_cast<unsigned char>(ch))) c.push_back(ch);
  }
  if (c.size() != 22) return false;
  std::string r = c.substr(4) + c.substr(0, 4);
  int mod = 0;
  for (char ch : r) {
    int v = std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0' : ch - 'A' + 10;
    mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
  }
  return mod == 1;
}

// An email address written as a template: "firstname.surname@...".
bool TemplateAddress(std::string_view value) {
  size_t at = value.find('@');
  std::string local;
  for (char c : value.substr(0, at))
    local.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  static const char* kTemplates[] = {"firstname.surname",
                                     "firstname.lastname",
                                     "first.last",
                                     "forename.surname",
                                     "name.surname",
                                     "first.surname",
                                     "firstname_surname",
                                     "firstnamesurname",
                                     "initial.surname",
                                     "firstinitial.surname",
                                     "yourname",
                                     "your.name",
                                     "name"};
  for (const char* t : kTemplates) {
    if (local == t) return true;
  }
  return false;
}

// Words that do not make a street: "2 miles down the road", "20 minutes walk".
bool StreetWords(std::string_view value) {
  static const char* kNot[] = {
      "of",     "the",   "a",         "to",      "in",    "on",    "at",    "and",    "or",
      "from",   "miles", "mile",      "minutes", "mins",  "hours", "yards", "metres", "meters",
      "people", "times", "days",      "weeks",   "years", "for",   "by",    "with",   "per",
      "was",    "care",  "programme", "section", "act",   "page",  "item",  "minute", "is",
      "were",   "his",   "her",       "their",   "my",    "your"};
  std::string w;
  std::string l;
  for (char c : value) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  size_t pos = 0;
  while (pos < l.size()) {
    size_t sp = l.find(' ', pos);
    if (sp == std::string::npos) sp = l.size();
    std::string_view word(l.data() + pos, sp - pos);
    while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
    for (const char* n : kNot) {
      if (word == n) return false;
    }
    pos = sp + 1;
  }
  return true;
}

// Whether the words just before a ten-digit number, its column's heading or a money
// amount on its line say it is another kind of number: an invoice's, an order's, a
// phone's.
bool AnnouncedAsAnotherNumber(std::string_view text, size_t start, size_t end) {
  // Only the words right before the value count.
  std::string near = LowerWindowBefore(text, start, 24);
  bool other = false;
  // ("case" is no such word here: case files are full of it.)
  for (std::string_view w :
       {"invoice",      "inv",         "order",   "ref",      "reference",   "account", "acc",
        "tel",          "telephone",   "phone",   "mobile",   "fax",         "isbn",    "ticket",
        "po",           "purchase",    "booking", "customer", "certificate", "cert",    "licence",
        "license",      "policy",      "serial",  "receipt",  "no.",         "company", "charity",
        "registration", "transaction", "batch",   "job",      "location"}) {
    if (w == "no.") continue;
    other = other || HasWord(near, w);
  }
  // A table row's number: its column heading says what it is ("PO number").
  std::string heading = TableHeading(text, start);
  bool heading_other = false;
  for (std::string_view w : {"invoice", "order", "po", "purchase", "ref", "reference", "booking",
                             "customer", "account", "receipt", "transaction"}) {
    heading_other = heading_other || HasWord(heading, w);
  }
  if (heading_other && !HasWord(heading, "nhs")) other = true;
  // A money amount on the same line: an invoice's line, not a patient's.
  size_t eol = text.find('\n', end);
  std::string_view rest =
      text.substr(end, (eol == std::string_view::npos ? text.size() : eol) - end);
  if (rest.find("\xC2\xA3") != std::string_view::npos) other = true;  // £
  return other;
}

// Ten digits with a valid check digit, not a placeholder, a phone number or a
// reference; or ten digits right after "NHS" whose check digit fails.
bool IsNhsNumber(std::string_view text, size_t start, size_t& end, Match& m) {
  std::string_view value = text.substr(start, end - start);
  std::string d = Digits(value);
  if (d.size() != 10) return false;
  bool same = std::all_of(d.begin(), d.end(), [&](char c) { return c == d[0]; });
  if (same) return false;  // 0000000000, 9999999999: placeholders, and they pass mod 11
  if (AfterUkDialCode(text, start)) return false;
  if (InsideReference(text, start, end)) return false;
  std::string window = LowerWindowBefore(text, start, 48);
  bool nhs_word = HasWord(window, "nhs");
  bool context =
      nhs_word || HasWord(window, "patient") || HasWord(window, "health") || HasWord(window, "chi");
  bool other = AnnouncedAsAnotherNumber(text, start, end);
  if (other && !HasWord(LowerWindowBefore(text, start, 24), "nhs")) context = false;
  bool grouped = d.size() + 2 <= value.size();  // written 3-3-4, as NHS numbers are
  // "7469 885 900": grouped 4-3-3 is an NHS number only when labelled as one; a
  // number starting with 0 so grouped is a phone number.
  bool four_three_three = value.size() > 4 && !std::isdigit(static_cast<unsigned char>(value[4]));
  if (four_three_three && (!nhs_word || d[0] == '0')) return false;
  if (NhsCheckDigitValid(d)) {
    if (context || !other) {
      m.rule = kRuleNhs;
      m.reason = context   ? "valid NHS check digit, with 'NHS' or 'patient' just before it"
                 : grouped ? "valid NHS check digit, written in the NHS 3-3-4 grouping"
                           : "ten digits with a valid NHS check digit";
      if (!context && !grouped) m.confidence = "medium";
    } else {
      m.rule = kRuleNhsPossible;
      m.reason = "ten digits with a valid NHS check digit, though labelled as another number";
      m.confidence = "low";
    }
    return true;
  }
  if (nhs_word) {
    m.rule = kRuleNhsPossible;
    m.reason = "next to 'NHS', though its check digit does not match";
    m.confidence = "low";
    return true;
  }
  return false;
}

// Two letters of an allocated prefix, six digits and a suffix letter.
bool IsNiNumber(std::string_view text, size_t start, size_t& end, Match& m) {
  std::string compact = CompactUpper(text.substr(start, end - start));
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
  m.rule = kRuleNino;
  m.reason = "National Insurance number format with an allocated prefix";
  return true;
}

// An address whose local part and top-level domain are of a real length, and no
// template's ("firstname.lastname@").
bool IsEmailAddress(std::string_view text, size_t start, size_t& end, Match& m) {
  std::string_view value = text.substr(start, end - start);
  size_t at = value.find('@');
  size_t dot = value.rfind('.');
  if (at > 64 || value.size() - dot - 1 > 24 || TemplateAddress(value)) return false;
  m.rule = kRuleEmail;
  return true;  // the finding says all there is to say: no reason to add
}

// A valid postcode, in one case (or in mixed case after "postcode" or "address").
bool IsPostcode(std::string_view text, size_t start, size_t& end, Match& m) {
  std::string_view value = text.substr(start, end - start);
  if (!ValidPostcode(value)) return false;
  // "eh12ng" in lower case counts; a mixed-case word that only looks like one does not.
  bool lower = false;
  bool upper = false;
  for (char c : value) {
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  if (lower && upper) {
    std::string w = LineBefore(text, start, 40);
    if (!HasWord(w, "postcode") && !HasWord(w, "address")) return false;
  }
  m.rule = kRulePostcode;
  return true;
}

// A house number and a street's words, not in a reference or after a time.
bool IsStreetAddress(std::string_view text, size_t start, size_t& end, Match& m) {
  std::string_view value = text.substr(start, end - start);
  if (!StreetWords(value.substr(value.find(' ') + 1))) return false;
  if (InsideReference(text, start, start)) return false;
  // "10:30, Hope Street" is a time and a street; "2.5 Mill Lane" no house.
  if (start >= 2 && (text[start - 1] == ':' || text[start - 1] == '.') &&
      std::isdigit(static_cast<unsigned char>(text[start - 2]))) {
    return false;
  }
  m.rule = kRuleAddress;
  m.reason = "a house number and a street";
  m.confidence = "medium";
  return true;
}

// A flat, unit or suite number: its pattern says all.
bool IsFlatOrUnit(std::string_view /*text*/, size_t /*start*/, size_t& /*end*/, Match& m) {
  m.rule = kRuleAddress;
  m.reason = "a flat number";
  m.confidence = "medium";
  return true;
}

// A real date, with words before it that make it a date of birth.
bool IsDateOfBirth(std::string_view text, size_t start, size_t& end, Match& m) {
  if (!ParseDate(text.substr(start, end - start)) || !BirthContext(text, start)) return false;
  m.rule = kRuleDob;
  m.reason = "a date after 'date of birth', 'DOB' or 'born'";
  return true;
}

// At least five digits after a hospital label that says it is a number.
bool IsHospitalNumber(std::string_view text, size_t start, size_t& end, Match& m) {
  std::string_view value = text.substr(start, end - start);
  std::string d = Digits(value);
  if (d.size() < 5 || value.size() > 15) return false;
  std::string w = LowerWindowBefore(text, start, 28);
  bool labelled = HasWord(w, "no") || HasWord(w, "number") || HasWord(w, "num") ||
                  HasWord(w, "id") || HasWord(w, "mrn") || HasWord(w, "rio") || HasWord(w, "pas") ||
                  HasWord(w, "crn") || w.find('#') != std::string::npos || HasWord(w, "ref") ||
                  HasWord(w, "reference");
  if (!labelled) return false;
  m.rule = kRuleHospital;
  m.reason = "a number labelled as a hospital, unit or case-note number";
  return true;
}

// Six digits after "sort" or "s/c".
bool IsSortCode(std::string_view text, size_t start, size_t& end, Match& m) {
  std::string w = LowerWindowBefore(text, start, 24);
  if (Digits(text.substr(start, end - start)).size() != 6) return false;
  if (w.find("sort") == std::string::npos && w.find("s/c") == std::string::npos) return false;
  m.rule = kRuleBank;
  m.reason = "a sort code";
  return true;
}

// A number after "acc" or "a/c".
bool IsAccountNumber(std::string_view text, size_t start, size_t& /*end*/, Match& m) {
  std::string w = LowerWindowBefore(text, start, 24);
  if (w.find("acc") == std::string::npos && w.find("a/c") == std::string::npos) return false;
  m.rule = kRuleBank;
  m.reason = "an account number";
  return true;
}

bool IsIban(std::string_view text, size_t start, size_t& end, Match& m) {
  if (!ValidIban(text.substr(start, end - start))) return false;
  m.rule = kRuleBank;
  m.reason = "an IBAN with a valid check";
  return true;
}

// Nine letters and digits after "passport".
bool IsPassportNumber(std::string_view text, size_t start, size_t& end, Match& m) {
  if (LowerWindowBefore(text, start, 40).find("passport") == std::string::npos) return false;
  if (CompactUpper(text.substr(start, end - start)).size() != 9) return false;
  m.rule = kRulePassport;
  m.reason = "nine characters after 'passport'";
  return true;
}

bool IsDrivingLicence(std::string_view text, size_t start, size_t& end, Match& m) {
  if (!ValidLicence(text.substr(start, end - start))) return false;
  m.rule = kRuleLicence;
  m.reason = "the shape of a DVLA licence number, with a valid birth month and day";
  return true;
}

// A care home's or ward's name: at least one word before its kind that is not a
// generic word.
bool IsCarePlaceName(std::string_view text, size_t start, size_t& end, Match& m) {
  std::string_view value = text.substr(start, end - start);
  // "The Care Home", "Acute Ward": a place's kind, not its name.
  static const char* kGeneric[] = {
      "The",         "A",       "An",          "Acute",          "Medical",    "Surgical",
      "Psychiatric", "Mental",  "Elderly",     "Dementia",       "Older",      "Adult",
      "Male",        "Female",  "Assessment",  "Rehabilitation", "Stroke",     "Secure",
      "Private",     "Local",   "Independent", "Residential",    "Nursing",    "Specialist",
      "Her",         "His",     "Their",       "Current",        "New",        "Previous",
      "This",        "That",    "Same",        "Hospital",       "General",    "Inpatient",
      "Admission",   "Respite", "Intensive",   "Care",           "Our",        "Your",
      "Each",        "Every",   "Any",         "Other",          "Open",       "Locked",
      "Mixed",       "Ward",    "Home",        "Homes",          "Children's", "Maternity"};
  size_t pos = 0;
  size_t named = 0;
  while (pos < value.size()) {
    size_t sp = value.find(' ', pos);
    if (sp == std::string_view::npos) break;
    std::string_view word = value.substr(pos, sp - pos);
    bool generic = false;
    for (const char* g : kGeneric) generic = generic || word == g;
    if (!generic) ++named;
    pos = sp + 1;
    if (value.substr(pos).starts_with("Care Home") || value.substr(pos).starts_with("Nursing") ||
        value.substr(pos).starts_with("Residential Home") ||
        value.substr(pos).starts_with("Rest Home") ||
        value.substr(pos).starts_with("Care Centre") || value.substr(pos) == "Ward" ||
        value.substr(pos).starts_with("Supported")) {
      break;
    }
  }
  if (named == 0) return false;
  m.rule = kRulePlace;
  m.reason = "a named care home or ward";
  m.confidence = "medium";
  return true;
}

// An age of 16 to 115 in a labelled field.
bool IsLabelledAge(std::string_view text, size_t start, size_t& end, Match& m) {
  int age = std::atoi(std::string(text.substr(start, end - start)).c_str());
  if (age < 16 || age > 115) return false;
  m.rule = kRuleAge;
  m.reason = "an age in a labelled field";
  m.confidence = "medium";
  return true;
}

// A family's validator: whether the candidate text[start, end) is personal data of
// the family's kind. If it is, it sets m's rule (and reason and confidence); it may
// end the value sooner (a phone number that ran on into the next).
using Validator = bool (*)(std::string_view text, size_t start, size_t& end, Match& m);

struct FamilyValidator {
  Family family;
  Validator validator;
};

// Which validator judges each family's candidates, in the order of `Family`.
constexpr FamilyValidator kValidators[] = {
    {Family::kNhsNumber, IsNhsNumber},
    {Family::kNiNumber, IsNiNumber},
    {Family::kEmailAddress, IsEmailAddress},
    {Family::kPhoneCandidate, IsPhoneNumber},
    {Family::kPostcodeCandidate, IsPostcode},
    {Family::kStreet, IsStreetAddress},
    {Family::kStreetLower, IsStreetAddress},
    {Family::kFlat, IsFlatOrUnit},
    {Family::kDate, IsDateOfBirth},
    {Family::kHospitalLabel, IsHospitalNumber},
    {Family::kSortCode, IsSortCode},
    {Family::kAccount, IsAccountNumber},
    {Family::kIban, IsIban},
    {Family::kPassportLabel, IsPassportNumber},
    {Family::kLicenceShape, IsDrivingLicence},
    {Family::kPlaceName, IsCarePlaceName},
    {Family::kAgeLabel, IsLabelledAge},
};

constexpr bool EveryFamilyInOrder() {
  if (std::size(kValidators) != static_cast<size_t>(Family::kCount)) return false;
  for (size_t i = 0; i < std::size(kValidators); ++i) {
    if (static_cast<size_t>(kValidators[i].family) != i) return false;
  }
  return true;
}
static_assert(EveryFamilyInOrder(), "kValidators: one validator a family, in the order of Family");

// Judges one candidate; returns false when it is not personal data after all.
bool Judge(Family family, std::string_view text, size_t start, size_t& end, Match& m) {
  m.start = start;
  m.end = end;
  return kValidators[static_cast<size_t>(family)].validator(text, start, end, m);
}

// Bounds that keep a hostile file from filling memory with findings.
constexpr size_t kMaxMatchesPerText = 10'000;
constexpr size_t kMaxFindingsPerRule = 50;
// The text is scanned by the set in pieces of whole lines, at least this long;
// each pattern the set names is then run on that piece only, and on at most
// kOverlap bytes after it: a match that starts in the piece may end after it (a
// value wrapped onto the next line, or one on the line after its label).
constexpr size_t kChunk = 256;
constexpr size_t kOverlap = 48;
// Names are looked for in pieces of about this size (a page's text is one).
constexpr size_t kNameChunk = 64 * 1024;

const RuleInfo* FindRule(std::string_view id) {
  for (const RuleInfo& r : PersonalDataRules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string_view What(std::string_view rule) {
  if (rule == kRuleNhs) return "An NHS number";
  if (rule == kRuleNhsPossible) return "What may be an NHS number";
  if (rule == kRuleNino) return "A National Insurance number";
  if (rule == kRulePhone) return "A phone number";
  if (rule == kRulePostcode) return "A postcode";
  if (rule == kRuleAddress) return "A street address";
  if (rule == kRuleDob) return "A date of birth";
  if (rule == kRuleAge) return "An age";
  if (rule == kRuleName) return "A person's name";
  if (rule == kRuleHospital) return "A hospital or case-note number";
  if (rule == kRuleBank) return "Bank details";
  if (rule == kRulePassport) return "A passport number";
  if (rule == kRuleLicence) return "A driving licence number";
  if (rule == kRulePlace) return "The name of a care home or ward";
  if (rule == kRuleDeny) return "A name on your deny-list";
  return "An email address";
}

std::string RemedyOnPage(std::string_view rule) {
  if (rule == kRuleEmail || rule == kRulePhone) {
    return "If it belongs to a client, a relative or another private person, remove it. Your "
           "organisation's own may stay: list them in a file given with --allow-list.";
  }
  if (rule == kRuleName) {
    return "If it names a client, a relative or anyone else the case is about, remove it or "
           "write the pseudonym used elsewhere. Staff names may stay: list them in a file given "
           "with --allow-list.";
  }
  if (rule == kRuleAddress || rule == kRulePostcode || rule == kRulePlace) {
    return "If it is where a client or a relative lives or stays, remove it. Your "
           "organisation's own address may stay: list it with --allow-list.";
  }
  if (rule == kRuleNhsPossible) {
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
  if (part == "bookmarks") {
    return {" is in one of this PDF's bookmarks, which anyone who opens the file can read",
            "Rename or delete the bookmark (the bookmarks panel of a PDF editor), then send the "
            "file again."};
  }
  if (part == "hidden text") {
    return {" is in text formatted as hidden, which Word keeps but does not show",
            "Delete the hidden text (in Word: File > Info > Check for Issues > Inspect Document, "
            "then Remove All beside Hidden Text), then send the file again."};
  }
  if (part == "comment authors") {
    return {" is the name of someone who wrote a comment, which the file keeps",
            "Delete the comments (in Word: Review > Delete > Delete All Comments in Document), "
            "or remove personal information from the file (File > Info > Inspect Document), "
            "then send it again."};
  }
  if (part == "change authors") {
    return {" is the name of someone who made a tracked change, which the file keeps",
            "Accept or reject every tracked change (in Word: Review > Accept > Accept All "
            "Changes), then send the file again."};
  }
  if (part.rfind("picture ", 0) == 0) {
    return {" is in a picture in this document (read by OCR)",
            "Replace the picture with one that does not show it (or with typed, anonymised "
            "text), then send the file again."};
  }
  if (part == "text shown when printed") {
    return {
        " is in what this Word document shows when printed but not in its typed text (a "
        "drawing, a chart or a field), which the bundle shows",
        "Remove or replace the drawing, chart or field that shows it (a picture pasted as a "
        "drawing, a diagram, a field such as a file name), then send the file again."};
  }
  if (part == "attachment names") {
    return {" is in the name or description of a file attached to this PDF",
            "Remove the attachment (the paper-clip panel of a PDF editor) and send it on its own "
            "if it is needed, renamed."};
  }
  return {" is in this document's text outside its pages", ""};
}

// " (why it counts)", or "" when the finding needs no reason.
std::string Because(const Match& m) { return m.reason.empty() ? "" : " (" + m.reason + ")"; }

Box Union(const Box& a, const Box& b) {
  return Box{std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1),
             std::max(a.y1, b.y1)};
}

// A finding for match `m` of `text`, with the severity the policy gave it.
Finding MakeFinding(const Document& doc, const Match& m, std::string_view text,
                    const Verdict& verdict) {
  Finding f;
  f.rule = std::string(m.rule);
  f.severity = verdict.severity;
  f.category = Category::kPersonalData;
  f.document = doc.id;
  f.input = doc.input;
  f.value = std::string(text.substr(m.start, m.end - m.start));
  f.masked = Mask(f.value);
  f.confidence = std::string(m.confidence);
  return f;
}

// Finds the values of pattern `index` that start in [from, to), searching the text
// up to `limit`; judged matches go to `found`.
void Locate(std::string_view text, size_t index, size_t back, size_t from, size_t to, size_t limit,
            std::vector<Match>& found) {
  const RE2& re = GetEngine().regex(index);
  Family family = kPatterns[index].family;
  re2::StringPiece groups[2];
  size_t pos = back;
  while (pos <= limit && found.size() < kMaxMatchesPerText &&
         re.Match(re2::StringPiece(text.data(), text.size()), pos, limit, RE2::UNANCHORED, groups,
                  2)) {
    size_t start = static_cast<size_t>(groups[1].data() - text.data());
    size_t end = start + groups[1].size();
    // The piece owns the matches that start in it (the character before it may be
    // a match's delimiter); one found twice is dropped as an overlap.
    size_t match_start = static_cast<size_t>(groups[0].data() - text.data());
    if (match_start >= to) break;
    if (match_start + 1 >= from) {
      Match m;
      size_t judged_end = end;
      if (Judge(family, text, start, judged_end, m)) {
        found.push_back(std::move(m));
        end = judged_end;  // a phone number cut short: what follows may be the next one
      }
    }
    // The trailing delimiter may start the next match: resume at the value's end.
    pos = std::max(end, pos + 1);
  }
}

// Names, ages beside them, and the deny-list's entries.
void FindNamesAndListed(std::string_view text, const ScanContext& ctx, std::vector<Match>& found) {
  std::vector<std::string> known = ctx.known_names;
  size_t from = 0;
  while (from < text.size()) {
    size_t to = std::min(text.size(), from + kNameChunk);
    if (to < text.size()) {
      size_t nl = text.find('\n', to);
      to = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    std::string_view piece = text.substr(from, to - from);
    std::vector<std::string> pseudonyms;
    std::vector<NameHit> hits = FindNames(piece, known, &pseudonyms);
    for (const NameHit& h : hits) {
      if (found.size() >= kMaxMatchesPerText) break;
      Match m;
      m.rule = h.age ? kRuleAge : kRuleName;
      m.start = from + h.start;
      m.end = from + h.end;
      m.reason = h.reason;
      m.confidence = h.confidence;
      m.cue = h.cue;
      m.cue_word = h.cue_word;
      m.name_words = h.words;
      found.push_back(std::move(m));
    }
    if (to < text.size()) {
      for (std::string& w : NameWords(piece, hits)) known.push_back(std::move(w));
      for (std::string& p : pseudonyms) known.push_back(std::move(p));
      // Once each: a long text's pieces repeat the same few names.
      std::sort(known.begin(), known.end());
      known.erase(std::unique(known.begin(), known.end()), known.end());
    }
    from = to;
  }
  if (ctx.lists != nullptr) {
    for (auto [start, end] : ctx.lists->FindDenied(text)) {
      Match m;
      m.rule = kRuleDeny;
      m.start = start;
      m.end = end;
      found.push_back(std::move(m));
    }
  }
}

// Overlaps are resolved in favour of the more believed, then the longer match;
// values on the allow-list are dropped.
std::vector<Match> Resolve(std::string_view text, std::vector<Match> found,
                           const ScanContext& ctx) {
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end - a.start > b.end - b.start;
  });
  std::vector<Match> kept;
  for (Match& m : found) {
    if (!kept.empty() && m.start < kept.back().end) {
      Match& k = kept.back();
      int pm = Priority(m, k);
      int pk = Priority(k, m);
      if (pm > pk || (pm == pk && m.end - m.start > k.end - k.start)) k = std::move(m);
      continue;
    }
    kept.push_back(std::move(m));
  }
  if (ctx.lists != nullptr && ctx.lists->has_allow()) {
    std::erase_if(kept, [&](const Match& m) {
      return m.rule != kRuleDeny && ctx.lists->Allowed(text.substr(m.start, m.end - m.start));
    });
  }
  return kept;
}

// OCR reads 0 as O and 1 as l or I: "0161 496 0O83", "TC l9 60 95 D". In a run of
// letters and digits that holds a digit and whose letters are all such look-alikes,
// they are read as the digits, byte for byte, so offsets stay the same. Returns ""
// when nothing changes.
std::string OcrDigits(std::string_view text) {
  // 0: not a letter or digit; 1: a digit; 2: a look-alike letter; 3: another letter.
  static const auto kClass = [] {
    std::array<uint8_t, 256> c{};
    for (int d = '0'; d <= '9'; ++d) c[static_cast<size_t>(d)] = 1;
    for (int l = 'a'; l <= 'z'; ++l) c[static_cast<size_t>(l)] = 3;
    for (int l = 'A'; l <= 'Z'; ++l) c[static_cast<size_t>(l)] = 3;
    for (char l : {'O', 'o', 'l', 'I'}) c[static_cast<unsigned char>(l)] = 2;
    return c;
  }();
  std::string out;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    if (kClass[static_cast<unsigned char>(text[i])] == 0) {
      ++i;
      continue;
    }
    size_t j = i;
    uint8_t seen = 0;  // bit 1: a digit; bit 2: a look-alike; bit 4: another letter
    for (; j < n; ++j) {
      uint8_t c = kClass[static_cast<unsigned char>(text[j])];
      if (c == 0) break;
      seen |= static_cast<uint8_t>(c == 1 ? 1 : c == 2 ? 2 : 4);
    }
    if (seen == 3) {  // digits and look-alikes, nothing else
      if (out.empty()) out.assign(text);
      for (size_t k = i; k < j; ++k) {
        char c = out[k];
        if (c == 'O' || c == 'o') out[k] = '0';
        if (c == 'l' || c == 'I') out[k] = '1';
      }
    }
    i = j;
  }
  return out;
}

std::vector<Match> Find(std::string_view original, const ScanContext& ctx, bool use_set) {
  const Engine& engine = GetEngine();
  std::vector<Match> found;
  // Identifiers are looked for in the text as OCR should have read it; names in
  // the text as it is.
  std::string ocr = OcrDigits(original);
  std::string_view text = ocr.empty() ? original : std::string_view(ocr);
  std::vector<int> hits;
  if (use_set) {
    size_t from = 0;
    while (from < text.size() && found.size() < kMaxMatchesPerText) {
      size_t to = std::min(text.size(), from + kChunk);
      if (to < text.size()) {
        size_t nl = text.find('\n', to);
        to = nl == std::string_view::npos ? text.size() : nl + 1;
      }
      size_t back = from > 0 ? from - 1 : 0;  // the character before may be a delimiter
      size_t limit = std::min(text.size(), to + kOverlap);
      hits.clear();
      if (engine.set().Match(text.substr(back, limit - back), &hits)) {
        std::sort(hits.begin(), hits.end());
        for (int index : hits) {
          Locate(text, static_cast<size_t>(index), back, from, to, limit, found);
        }
      }
      from = to;
    }
  } else {
    for (size_t i = 0; i < std::size(kPatterns); ++i) {
      Locate(text, i, 0, 0, text.size() + 1, text.size(), found);
    }
  }
  FindNamesAndListed(original, ctx, found);
  return Resolve(original, std::move(found), ctx);
}

// Marks of a redaction or a pseudonym: "[REDACTED]", "█████", "Client A", "J.S.".
const RE2& RedactionMarks() {
  static const RE2* re = [] {
    RE2::Options o;
    o.set_log_errors(false);
    auto* r = new RE2(
        R"((\[(?i:redacted|name|removed|name removed|withheld|anonymised|anonymized|deleted|x+)\]|(?:\x{2588}|\x{25A0}){2,}|\bX{3,}\b|\b(?:Client|Person|Service User|Patient|Resident|Mr|Mrs|Ms|Miss|Mx) [A-Z]\b|\b[A-Z]\.[A-Z]\.)(?:[^.\p{L}]|$))",
        o);
    if (!r->ok()) std::abort();
    return r;
  }();
  return *re;
}

// The first mark of redaction in `text`, or "".
std::string FirstRedactionMark(std::string_view text) {
  re2::StringPiece groups[2];
  size_t pos = 0;
  while (pos <= text.size() &&
         RedactionMarks().Match(re2::StringPiece(text.data(), text.size()), pos, text.size(),
                                RE2::UNANCHORED, groups, 2)) {
    std::string mark(groups[1].data(), groups[1].size());
    size_t end = static_cast<size_t>(groups[1].data() - text.data()) + groups[1].size();
    // Abbreviations written with full stops are no initials.
    static const char* kAbbrev[] = {
        "U.K.", "U.S.", "N.B.", "P.S.", "A.M.", "P.M.", "I.E.", "E.G.", "D.O.", "G.P.", "N.I.",
        "R.C.", "B.A.", "M.A.", "S.C.", "P.C.", "S.W.", "N.W.", "N.E.", "S.E.", "D.C.", "L.P.",
        "N.Y.", "P.A.", "E.U.", "Q.C.", "K.C.", "J.P.", "M.P.", "B.C.", "A.D.", "R.N.", "O.T.",
        "W.C.", "F.C.", "C.E.", "I.T.", "H.R.", "P.O.", "V.C.", "L.A.", "N.J.", "N.C.", "S.A."};
    bool abbrev = false;
    for (const char* a : kAbbrev) abbrev = abbrev || mark == a;
    // "Mr A Smith", "W.J. Smith": initials before a surname are part of a name, not a
    // pseudonym standing for one.
    bool initial = end + 1 < text.size() && text[end] == ' ' &&
                   std::isupper(static_cast<unsigned char>(text[end + 1])) &&
                   (mark.size() < 3 || mark[mark.size() - 2] == ' ' || mark.back() == '.');
    if (!abbrev && !initial) return mark;
    pos = std::max(end, pos + 1);
  }
  return "";
}

std::vector<Finding> ScanDocumentUncapped(const Document& doc, bool scan_addresses,
                                          const PersonalDataLists* lists, const OwnSide& own);

}  // namespace

const std::vector<RuleInfo>& PersonalDataRules() {
  // The severity here is the most a finding of the rule can have; the policy
  // (policy.h) gives each finding its own, by whose value it is.
  static const std::vector<RuleInfo> kRules = {
      {kRuleNhs, "No readable NHS number", Severity::kBlocker, Category::kPersonalData},
      {kRuleNhsPossible, "No number that may be an NHS number", Severity::kWarning,
       Category::kPersonalData},
      {kRuleNino, "No readable National Insurance number", Severity::kBlocker,
       Category::kPersonalData},
      {kRuleEmail, "No private email address (a work address warns)", Severity::kBlocker,
       Category::kPersonalData},
      {kRulePhone, "No private phone number (an unlabelled one warns)", Severity::kBlocker,
       Category::kPersonalData},
      {kRulePostcode, "No postcode of where someone lives (an unlabelled one warns)",
       Severity::kBlocker, Category::kPersonalData},
      {kRuleAddress, "No home address (an unlabelled one warns)", Severity::kBlocker,
       Category::kPersonalData},
      {kRuleDob, "No date of birth", Severity::kBlocker, Category::kPersonalData},
      {kRuleAge, "No age beside a name or in a person's details (warns)", Severity::kWarning,
       Category::kPersonalData},
      {kRuleName,
       "No full name of a client, relative or carer (a first name alone or a professional's "
       "warns; staff inform)",
       Severity::kBlocker, Category::kPersonalData},
      {kRuleHospital, "No hospital, unit or case-note number", Severity::kBlocker,
       Category::kPersonalData},
      {kRuleBank, "No sort code, account number or IBAN", Severity::kBlocker,
       Category::kPersonalData},
      {kRulePassport, "No passport number", Severity::kBlocker, Category::kPersonalData},
      {kRuleLicence, "No driving licence number", Severity::kBlocker, Category::kPersonalData},
      {kRulePlace, "No name of the care home or ward where a client stays (warns)",
       Severity::kWarning, Category::kPersonalData},
      {kRuleDeny, "Nothing on the organisation's deny-list", Severity::kBlocker,
       Category::kPersonalData},
      {kRuleRedactedElsewhere, "Nothing that identifies someone in a case anonymised elsewhere",
       Severity::kBlocker, Category::kPersonalData},
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

std::vector<Match> FindPersonalData(std::string_view text, const ScanContext& context) {
  return Find(text, context, /*use_set=*/true);
}

std::vector<Match> FindPersonalData(std::string_view text) {
  return Find(text, ScanContext{}, /*use_set=*/true);
}

std::vector<Match> FindPersonalDataWithoutSet(std::string_view text) {
  return Find(text, ScanContext{}, /*use_set=*/false);
}

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

std::vector<Finding> ScanDocument(const Document& doc, bool scan_addresses,
                                  const PersonalDataLists* lists, const OwnSide* own) {
  static const OwnSide kNone;
  std::vector<Finding> found =
      ScanDocumentUncapped(doc, scan_addresses, lists, own != nullptr ? *own : kNone);
  // A value that only warns or informs is listed once a document, with where else it
  // is: the same care home on every page of a contact log is one thing to check, not
  // twenty. Each blocker stays listed on its own place, since each must be removed.
  std::vector<Finding> out;
  std::map<std::tuple<std::string, std::string, std::string>, size_t> first_of;
  std::map<size_t, std::vector<int>> pages_of;
  std::map<size_t, int> times_of;
  for (Finding& f : found) {
    if (f.severity != Severity::kBlocker && !f.value.empty()) {
      auto key = std::make_tuple(f.rule, ListKey(f.value), f.field);
      auto [it, fresh] = first_of.emplace(key, out.size());
      if (!fresh) {
        ++times_of[it->second];
        if (f.page > 0) pages_of[it->second].push_back(f.page);
        continue;
      }
      if (f.page > 0) pages_of[out.size()].push_back(f.page);
    }
    out.push_back(std::move(f));
  }
  for (const auto& [i, more] : times_of) {
    std::vector<int>& pages = pages_of[i];
    std::sort(pages.begin(), pages.end());
    pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
    out[i].message += " It is in this document " + std::to_string(more + 1) + " times" +
                      (pages.size() > 1 ? " (pages " + PageList(pages) + ")" : "") + ".";
  }
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

void MarkRedactedElsewhere(std::vector<Finding>& findings,
                           const std::vector<const Document*>& docs) {
  std::string mark;
  std::string where;
  for (const Document* d : docs) {
    for (const Page& p : d->pages) {
      mark = FirstRedactionMark(p.text);
      if (!mark.empty()) {
        where = "page " + std::to_string(p.number);
        if (docs.size() > 1) where += " of one of its documents";
        break;
      }
    }
    if (!mark.empty()) break;
  }
  if (mark.empty()) return;
  size_t first = findings.size();
  size_t slips = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    // Values in plain sight: one under a box or a dark colour is the redaction's
    // failure, reported as such (hidden_data.h), not a slip of the anonymisation.
    bool seen = f.category == Category::kPersonalData || f.category == Category::kHiddenData;
    if (!seen || !f.rule.starts_with("pii.") || f.masked.empty() ||
        f.rule == kRuleRedactedElsewhere) {
      continue;
    }
    if ((f.rule == kRuleAddress || f.rule == kRulePostcode) && f.severity == Severity::kWarning) {
      f.severity = Severity::kBlocker;
      if (size_t why = f.message.find(kOwnerNotSaid); why != std::string::npos) {
        f.message.erase(why);
      }
      f.message += "The case is anonymised elsewhere ('" + mark + "' on " + where +
                   "), so it is taken for the client's: the bundle waits until it is removed.";
    }
    if (f.severity != Severity::kBlocker) continue;
    if (first == findings.size()) first = i;
    ++slips;
  }
  if (slips == 0) return;
  // One finding for the case as a whole, at its first slip.
  const Finding& at = findings[first];
  Finding f;
  f.rule = std::string(kRuleRedactedElsewhere);
  f.category = Category::kPersonalData;
  f.severity = Severity::kBlocker;
  f.document = at.document;
  f.input = at.input;
  f.page = at.page;
  f.start = at.start;
  f.end = at.end;
  f.bbox = at.bbox;
  f.field = at.field;
  f.masked = at.masked;
  f.value = at.value;
  f.confidence = "high";
  f.message =
      "This case is anonymised ('" + mark + "' on " + where + "), yet " + std::to_string(slips) +
      (slips == 1 ? " value that identifies someone is" : " values that identify someone are") +
      " readable in it; the first is here. Each is listed as a problem to fix.";
  f.remedy =
      "Remove each readable value or replace it with the pseudonym used elsewhere, then "
      "read the whole case again for others the anonymisation missed.";
  findings.push_back(std::move(f));
}

namespace {

// What a scan of one document's sources shares: the document, what is known of it,
// the organisation's own side, and the findings so far.
struct DocumentScan {
  const Document& doc;
  const ScanContext& ctx;
  const OwnSide& own;
  std::vector<Finding>& out;
};

// The policy's sentence on why the finding blocks, warns or informs ends its message.
std::string Why(const Verdict& v) { return " " + v.why; }

// The name words and pseudonyms found on any of the document's pages, each once:
// they are looked for on every page, since a first name alone on page 3 is the
// client's whose full name is on page 1.
std::vector<std::string> NamesOnAnyPage(const Document& doc) {
  std::vector<std::string> known;
  for (const Page& page : doc.pages) {
    std::vector<std::string> pseudonyms;
    std::vector<NameHit> hits = FindNames(page.text, {}, &pseudonyms);
    for (std::string& w : NameWords(page.text, hits)) known.push_back(std::move(w));
    for (std::string& p : pseudonyms) known.push_back(std::move(p));
  }
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  return known;
}

// The pages' text, each finding with its page, offsets and the box of its words.
void ScanPages(const DocumentScan& scan) {
  const Document& doc = scan.doc;
  const Place on_page{doc.role, ""};
  for (const Page& page : doc.pages) {
    for (const Match& m : FindPersonalData(page.text, scan.ctx)) {
      Verdict v = Judge(m, page.text, on_page, scan.own);
      if (!v.report) continue;
      Finding f = MakeFinding(doc, m, page.text, v);
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
                  Because(m) + "." + Why(v);
      f.remedy = RemedyOnPage(m.rule);
      scan.out.push_back(std::move(f));
    }
  }
}

// The file's properties, their names and values; an email's headers. A value the
// file carries twice (PDFs repeat Info in XMP) is reported once.
void ScanProperties(const DocumentScan& scan, bool scan_addresses) {
  const Document& doc = scan.doc;
  bool skip_addresses = doc.role == "email" && !scan_addresses;
  std::set<std::pair<std::string_view, std::string>> seen;
  for (const auto& [key, value] : doc.metadata) {
    if (skip_addresses && (key == "From" || key == "To" || key == "Cc")) continue;
    // A property's name is text the file carries too (a PDF may name a key
    // "/jane.doe#40example.com").
    for (const Match& m : FindPersonalData(key, scan.ctx)) {
      if (!seen.emplace(m.rule, key.substr(m.start, m.end - m.start)).second) continue;
      Verdict v = Judge(m, key, Place{doc.role, "a property's name"}, scan.own);
      if (!v.report) continue;
      Finding f = MakeFinding(doc, m, key, v);
      f.category = Category::kHiddenData;
      f.field = "metadata (a property's name)";
      f.message = std::string(What(m.rule)) + " is the name of one of this file's properties" +
                  Because(m) + "." + Why(v);
      f.remedy = "Clear the file's properties, then send it again.";
      scan.out.push_back(std::move(f));
    }
    for (const Match& m : FindPersonalData(value, scan.ctx)) {
      if (!seen.emplace(m.rule, value.substr(m.start, m.end - m.start)).second) continue;
      Verdict v = Judge(m, value, Place{doc.role, key}, scan.own);
      if (!v.report) continue;
      Finding f = MakeFinding(doc, m, value, v);
      if (doc.role == "email") {
        f.field = "email:" + key;
        f.message =
            std::string(What(m.rule)) + " is in this email's " + key + Because(m) + "." + Why(v);
        f.remedy = RemedyOnPage(m.rule);
      } else {
        f.category = Category::kHiddenData;
        f.field = "metadata:" + key;
        f.message = std::string(What(m.rule)) + " is stored in this file's properties (" + key +
                    "), which anyone who receives the file can see" + Because(m) + "." + Why(v);
        f.remedy =
            "Clear the file's properties (in Word: File > Info > Check for Issues > Inspect "
            "Document; in a PDF editor: File > Properties), then send it again.";
      }
      scan.out.push_back(std::move(f));
    }
  }
}

// The document's text outside its pages: headers, footnotes, comments, deleted text.
void ScanTextParts(const DocumentScan& scan) {
  const Document& doc = scan.doc;
  const Place on_page{doc.role, ""};
  for (const TextPart& part : doc.parts) {
    // White text is also in the page's text, and is read there (hidden_data.h).
    if (part.name == "white text") continue;
    for (const Match& m : FindPersonalData(part.text, scan.ctx)) {
      Verdict v = Judge(m, part.text, on_page, scan.own);
      if (!v.report) continue;
      Finding f = MakeFinding(doc, m, part.text, v);
      f.field = part.name;
      if (part.hidden) f.category = Category::kHiddenData;
      PartWords words = WordsFor(part.name);
      f.message = std::string(What(m.rule)) + std::string(words.where) + Because(m) + "." + Why(v);
      f.remedy = words.remedy.empty() ? RemedyOnPage(m.rule) : std::string(words.remedy);
      scan.out.push_back(std::move(f));
    }
  }
}

// One match in a PDF form field, a comment or an attachment's name or description:
// its finding says which, and how to remove it.
Finding FieldFinding(const DocumentScan& scan, const FormField& field, const Match& m,
                     const std::string& text, bool author, const Verdict& v) {
  bool comment = field.kind == "comment";
  bool attachment = field.kind == "attachment";
  Finding f = MakeFinding(scan.doc, m, text, v);
  f.category = Category::kHiddenData;
  f.page = field.page;
  f.field = comment ? (author ? "comment author" : "comment") : "form field";
  std::string where = field.page > 0 ? " on this page" : "";
  if (attachment) {
    PartWords words = WordsFor("attachment names");
    f.field = "attachment names";
    f.message = std::string(What(m.rule)) + std::string(words.where) + Because(m) + "." + Why(v);
    f.remedy = std::string(words.remedy);
  } else if (comment) {
    f.message = std::string(What(m.rule)) +
                (author ? " is the author named on a comment" + where
                        : " is in a comment" + where +
                              ", which anyone who opens the file "
                              "can read") +
                Because(m) + "." + Why(v);
    f.remedy =
        "Delete the comments (the comments panel of a PDF reader), then send the file "
        "again.";
  } else {
    f.message = std::string(What(m.rule)) + " is typed in a form field" + where +
                (field.hidden ? ", in a field the form hides" : "") + Because(m) + "." + Why(v);
    f.remedy =
        "Clear the form field, or print the form to a new PDF without it, then send "
        "the file again.";
  }
  return f;
}

// PDF form fields (hidden ones too), comments and attachments: text on no page.
void ScanFormFields(const DocumentScan& scan) {
  const Document& doc = scan.doc;
  const Place on_page{doc.role, ""};
  for (const FormField& field : doc.fields) {
    bool comment = field.kind == "comment";
    bool attachment = field.kind == "attachment";
    if (!comment && !attachment && field.kind != "text" && field.kind != "choice") continue;
    std::pair<const std::string*, bool> texts[] = {{&field.value, false}, {&field.name, true}};
    for (auto [text, author] : texts) {
      if (text->empty() || (author && !comment && !attachment)) continue;
      for (const Match& m : FindPersonalData(*text, scan.ctx)) {
        // A comment's author is whoever wrote the comment: a property of the file.
        Verdict v = Judge(m, *text, author ? Place{doc.role, "Author"} : on_page, scan.own);
        if (!v.report) continue;
        scan.out.push_back(FieldFinding(scan, field, m, *text, author, v));
      }
    }
  }
}

// The name the file had where it was found (the last of its origin).
void ScanFileName(const DocumentScan& scan) {
  const Document& doc = scan.doc;
  if (doc.origin.empty()) return;
  const std::string& name = doc.origin.back();
  for (const Match& m : FindPersonalData(name, scan.ctx)) {
    Verdict v = Judge(m, name, Place{doc.role, ""}, scan.own);
    if (!v.report) continue;
    Finding f = MakeFinding(doc, m, name, v);
    f.field = "file name";
    f.message = std::string(What(m.rule)) + " is in this file's name" + Because(m) + "." + Why(v);
    f.remedy = "Rename the file so that its name holds no personal data.";
    scan.out.push_back(std::move(f));
  }
}

std::vector<Finding> ScanDocumentUncapped(const Document& doc, bool scan_addresses,
                                          const PersonalDataLists* lists, const OwnSide& own) {
  ScanContext ctx;
  ctx.lists = lists;
  ctx.known_names = NamesOnAnyPage(doc);
  std::vector<Finding> out;
  const DocumentScan scan{doc, ctx, own, out};
  ScanPages(scan);
  ScanProperties(scan, scan_addresses);
  ScanTextParts(scan);
  ScanFormFields(scan);
  ScanFileName(scan);
  return out;
}

}  // namespace

}  // namespace qpm::redaction
