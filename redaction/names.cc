#include "redaction/names.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "redaction/name_lists.h"

namespace qpm::redaction {
namespace {

// ---------------------------------------------------------------------------
// Words

struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, Hash, std::equal_to<>>;

WordSet Words(std::initializer_list<std::string_view> words) {
  WordSet s;
  for (std::string_view w : words) s.emplace(w);
  return s;
}

// Titles that come before a name.
const WordSet& Titles() {
  static const WordSet s =
      Words({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "reverend",
             "cllr", "councillor", "sir", "dame", "master", "mstr"});
  return s;
}

// Words before a capitalised name-like word that make it part of a place or an
// organisation: "St Luke's Hospice", "Queen Elizabeth Hospital".
const WordSet& PlacePrefixes() {
  static const WordSet s = Words({"st", "saint", "queen", "king", "prince", "princess", "lady",
                                  "lord", "duke", "duchess", "royal", "fort", "port", "mount"});
  return s;
}

// Lower case, with the accents of Latin letters dropped ("Siân" → "sian",
// "Łukasz" → "lukasz"): how words are compared with the lists.
std::string LowerWithoutAccents(std::string_view s);

std::string Lower(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    } else if ((c == 0xC4 || c == 0xC5) && i + 1 < out.size()) {
      // Latin Extended-A: most capitals are even code points, their small letter the
      // next one; U+0139-U+0148 and U+0179-U+017E the other way round.
      uint32_t cp =
          (static_cast<uint32_t>(c & 0x1F) << 6) | (static_cast<unsigned char>(out[i + 1]) & 0x3F);
      bool odd_caps = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
      if ((cp % 2 == 1) == odd_caps && cp != 0x130 && cp != 0x138 && cp != 0x149 && cp != 0x17F) {
        uint32_t lower = cp + 1;
        out[i] = static_cast<char>(0xC0 | (lower >> 6));
        out[i + 1] = static_cast<char>(0x80 | (lower & 0x3F));
      }
      ++i;
    }
  }
  return out;
}

std::string LowerWithoutAccents(std::string_view s) {
  std::string low = Lower(s);
  std::string out;
  out.reserve(low.size());
  // Latin-1 small letters U+00E0-U+00FF, then a few of Latin Extended-A.
  static const char kLatin1[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
  for (size_t i = 0; i < low.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(low[i]);
    if (c == 0xC3 && i + 1 < low.size()) {
      unsigned char d = static_cast<unsigned char>(low[i + 1]);
      if (d >= 0xA0 && d <= 0xBF && d != 0xB7) {
        out.push_back(kLatin1[d - 0xA0]);
        ++i;
        continue;
      }
      if (d == 0x9F) {  // ß
        out += "ss";
        ++i;
        continue;
      }
    } else if ((c == 0xC4 || c == 0xC5) && i + 1 < low.size()) {
      uint32_t cp =
          (static_cast<uint32_t>(c & 0x1F) << 6) | (static_cast<unsigned char>(low[i + 1]) & 0x3F);
      char base = 0;
      if (cp <= 0x105)
        base = 'a';
      else if (cp <= 0x10D)
        base = 'c';
      else if (cp <= 0x111)
        base = 'd';
      else if (cp <= 0x11B)
        base = 'e';
      else if (cp <= 0x123)
        base = 'g';
      else if (cp <= 0x127)
        base = 'h';
      else if (cp <= 0x131)
        base = 'i';
      else if (cp <= 0x135)
        base = 'j';
      else if (cp <= 0x138)
        base = 'k';
      else if (cp <= 0x142)
        base = 'l';
      else if (cp <= 0x14B)
        base = 'n';
      else if (cp <= 0x151)
        base = 'o';
      else if (cp <= 0x153)
        base = 0;  // œ stays
      else if (cp <= 0x159)
        base = 'r';
      else if (cp <= 0x161)
        base = 's';
      else if (cp <= 0x167)
        base = 't';
      else if (cp <= 0x173)
        base = 'u';
      else if (cp <= 0x175)
        base = 'w';
      else if (cp <= 0x178)
        base = 'y';
      else if (cp <= 0x17E)
        base = 'z';
      if (base != 0) {
        out.push_back(base);
        ++i;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// Calls `on_line` with each line of `data`, without its line end.
template <typename OnLine>
void ForEachLine(std::string_view data, OnLine on_line) {
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    on_line(data.substr(pos, nl - pos));
    pos = nl + 1;
  }
}

// The words of one of the name detector's lists (name_lists.h), folded as a text's
// words are: one a line, with blank lines and '#' comments left out.
WordSet WordsOf(std::string_view data) {
  WordSet s;
  ForEachLine(data, [&s](std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#') return;
    s.insert(LowerWithoutAccents(line));
  });
  return s;
}

// ---------------------------------------------------------------------------
// The shipped lists

struct Lists {
  WordSet first;              // lower case
  WordSet surnames;           // lower case
  WordSet common_words;       // names that are also ordinary English words ("will", "baker")
  WordSet frequent_surnames;  // the most common surnames ("ward", "hall"; not "house")
  WordSet english;            // every ordinary English word of the word list
};

// `first` (if given) gets the first `first_n` names: the lists are in order of frequency.
void Load(std::string_view data, WordSet& names, WordSet& words, WordSet* first = nullptr,
          size_t first_n = 0) {
  ForEachLine(data, [&](std::string_view line) {
    bool word = false;
    if (line.size() > 2 && line.substr(line.size() - 2) == " ~") {
      word = true;
      line.remove_suffix(2);
    } else if (line.size() > 2 && line.substr(line.size() - 2) == " ^") {
      line.remove_suffix(2);
    }
    if (line.empty()) return;
    std::string key = LowerWithoutAccents(line);
    if (word) words.insert(key);
    if (first != nullptr && first->size() < first_n) first->insert(key);
    names.insert(std::move(key));
  });
}

const Lists& GetLists() {
  static const Lists* lists = [] {
    auto* l = new Lists();
    Load(kFirstNamesData, l->first, l->common_words);
    // A place's word after a first name is a surname only when people commonly bear it:
    // "Patrick Ward", "Tracy Lane"; a "Carlton House" is a house.
    Load(kSurnamesData, l->surnames, l->common_words, &l->frequent_surnames, 300);
    WordSet unused;
    Load(kEnglishWordsData, l->english, unused);
    return l;
  }();
  return *lists;
}

// ---------------------------------------------------------------------------
// What a word is, looked up once per token

enum : uint32_t {
  kStop = 1u << 0,
  kOrg = 1u << 1,
  kTitle = 1u << 2,
  kRole = 1u << 3,
  kRelation = 1u << 4,
  kLabel = 1u << 5,
  kStrongLabel = 1u << 6,
  kPlacePrefix = 1u << 7,
  kAmbiguous = 1u << 8,
  kFirst = 1u << 9,
  kSurname = 1u << 10,
  kCommonWord = 1u << 11,
  kSalutation = 1u << 12,  // "dear", "hi", "hello"
  kSignoff = 1u << 13,     // "sincerely", "faithfully", "regards", "wishes"
  kThanks = 1u << 14,
  kMany = 1u << 15,
  kRoleAfterComma = 1u << 16,   // "social" (worker), "consultant"
  kEnglishWord = 1u << 17,      // in the English word list, as a lower-case word
  kFrequentSurname = 1u << 18,  // among the 300 most common surnames
  kPlaceKind = 1u << 19,        // what a place where people stay is ("ward", "house")
};

// FNV-1a over a word in lower case: the lexicon's key, and how names found
// elsewhere are remembered.
uint64_t HashKey(std::string_view lower) {
  uint64_t h = 1469598103934665603ull;
  for (char c : lower) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// Every word any list or word set knows, by HashKey, with what it is: an
// open-addressing table, so that a look-up is one or two reads of memory.
class Lexicon {
 public:
  explicit Lexicon(size_t words) {
    size_t size = 1024;
    while (size < words * 2) size *= 2;
    slots_.resize(size);
    mask_ = size - 1;
  }
  void Add(uint64_t hash, uint32_t flags) {
    if (hash == 0) hash = 1;  // 0 marks an empty slot
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].hash == 0) {
        slots_[i] = {hash, flags};
        return;
      }
      if (slots_[i].hash == hash) {
        slots_[i].flags |= flags;
        return;
      }
    }
  }
  uint32_t Find(uint64_t hash) const {
    if (hash == 0) hash = 1;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].hash == hash) return slots_[i].flags;
      if (slots_[i].hash == 0) return 0;
    }
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t flags = 0;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

const Lexicon& GetLexicon() {
  static const Lexicon* lexicon = [] {
    const Lists& lists = GetLists();
    auto* l = new Lexicon(lists.first.size() + lists.surnames.size() + lists.english.size() + 4096);
    auto add = [&](const WordSet& set, uint32_t flag) {
      for (const std::string& w : set) l->Add(HashKey(w), flag);
    };
    add(Words({"dear", "hi", "hello"}), kSalutation);
    add(Words({"sincerely", "faithfully", "regards", "wishes"}), kSignoff);
    add(Words({"thanks"}), kThanks);
    add(Words({"many"}), kMany);
    add(Words({"social", "consultant"}), kRoleAfterComma);
    add(WordsOf(kStopWordsData), kStop);
    add(WordsOf(kOrganisationWordsData), kOrg);
    add(Titles(), kTitle);
    add(WordsOf(kRolesData), kRole);
    add(WordsOf(kRelationsData), kRelation);
    add(WordsOf(kLabelWordsData), kLabel);
    add(WordsOf(kStrongLabelWordsData), kStrongLabel);
    add(PlacePrefixes(), kPlacePrefix);
    add(WordsOf(kAmbiguousFirstNamesData), kAmbiguous);
    add(lists.first, kFirst);
    add(lists.surnames, kSurname);
    add(lists.common_words, kCommonWord);
    add(lists.english, kEnglishWord);
    add(lists.frequent_surnames, kFrequentSurname);
    add(Words({"ward", "wards", "house", "home", "lodge", "court", "hall", "manor", "grange",
               "unit", "centre", "center", "hospital", "hospice"}),
        kPlaceKind);
    return l;
  }();
  return *lexicon;
}

uint32_t FlagsOf(uint64_t hash) {
  // Words repeat: a small cache in front of the lexicon (which is larger than the
  // processor's caches) saves most of its look-ups.
  struct Entry {
    uint64_t hash = 0;
    uint32_t flags = 0;
  };
  thread_local Entry cache[4096];
  Entry& e = cache[(hash >> 7) & 4095];
  if (e.hash == hash && hash != 0) return e.flags;
  e.hash = hash;
  e.flags = GetLexicon().Find(hash);
  return e.flags;
}

// ---------------------------------------------------------------------------
// Tokens

// Offsets are 32 bits: names are looked for in pieces of at most kNameChunk bytes
// (personal_data.cc), and a small token keeps a page's tokens in the cache.
struct Token {
  uint64_t hash = 0;  // HashKey of the word in lower case, without the possessive
  uint32_t start = 0;
  uint32_t end = 0;       // without a possessive 's
  uint32_t full_end = 0;  // with it
  uint32_t letters = 0;   // without the possessive
  uint32_t f = 0;         // what the word is: kStop, kFirst, ...
  bool cap = false;       // starts with a capital letter
  bool all_caps = false;
  bool initial = false;  // one capital letter, maybe with a full stop: "J", "J."
};

// The code point at text[i] and its length; 0xFFFD and 1 for a broken byte.
uint32_t Decode(std::string_view t, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (n == 1 || i + static_cast<size_t>(n) > t.size()) {
    len = 1;
    return 0xFFFD;
  }
  uint32_t cp = c & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3F);
  len = static_cast<size_t>(n);
  return cp;
}

bool IsLetter(uint32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  if (cp < 0xC0) return false;                     // Latin-1 punctuation, NBSP
  if (cp == 0xD7 || cp == 0xF7) return false;      // × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, boxes
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFFFF) return false;  // variation selectors, specials
  if (cp >= 0x1F000) return false;                 // emoji
  return true;
}

bool IsUpper(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) {
    bool odd_caps = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    return (cp % 2 == 1) == odd_caps && cp != 0x138 && cp != 0x149 && cp != 0x17F;
  }
  return false;
}

std::vector<Token> Tokenize(std::string_view t) {
  if (t.size() > UINT32_MAX) t = t.substr(0, UINT32_MAX);
  std::vector<Token> out;
  out.reserve(t.size() / 5);
  size_t i = 0;
  while (i < t.size()) {
    unsigned char b = static_cast<unsigned char>(t[i]);
    if (b < 0x80 && !((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) {
      ++i;  // the common case: a space, a digit, punctuation
      continue;
    }
    size_t len = 1;
    uint32_t cp = Decode(t, i, len);
    if (!IsLetter(cp)) {
      i += len;
      continue;
    }
    Token tok;
    tok.start = static_cast<uint32_t>(i);
    tok.cap = IsUpper(cp);
    bool all_caps = tok.cap;
    size_t j = i + len;
    while (j < t.size()) {
      unsigned char c = static_cast<unsigned char>(t[j]);
      if (c < 0x80 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z') {  // an ASCII letter
        if (c >= 'a') all_caps = false;
        ++j;
        continue;
      }
      size_t l2 = 1;
      uint32_t c2 = Decode(t, j, l2);
      if (IsLetter(c2)) {
        if (!IsUpper(c2)) all_caps = false;
        j += l2;
        continue;
      }
      // An apostrophe or a hyphen joins letters: O'Neill, Thompson-Reid, Kowalski's.
      bool joiner = c2 == '\'' || c2 == '-' || c2 == 0x2019;
      if (joiner && j + l2 < t.size()) {
        size_t l3 = 1;
        uint32_t c3 = Decode(t, j + l2, l3);
        if (IsLetter(c3)) {
          j += l2;
          continue;
        }
      }
      break;
    }
    tok.full_end = static_cast<uint32_t>(j);
    tok.end = static_cast<uint32_t>(j);
    // A possessive 's is not part of the name, nor of an initial: "Mrs J's views" is
    // the pseudonym "Mrs J" (a capital letter alone before it; "it's" stays a word).
    bool capital_stem = tok.cap && (j - tok.start == 3 || j - tok.start == 5);
    if ((j - tok.start >= 4 || capital_stem) && (t[j - 1] == 's' || t[j - 1] == 'S')) {
      if (t[j - 2] == '\'') {
        tok.end = static_cast<uint32_t>(j - 2);
      } else if ((j - tok.start >= 6 || capital_stem) && j - tok.start >= 5 &&
                 t.compare(j - 4, 3, "\xE2\x80\x99") == 0) {
        tok.end = static_cast<uint32_t>(j - 4);
      }
    }
    size_t letters = 0;
    bool ascii = true;
    uint64_t h = 1469598103934665603ull;  // HashKey, in the same loop
    for (size_t k = tok.start; k < tok.end; ++k) {
      unsigned char c = static_cast<unsigned char>(t[k]);
      if (c >= 0x80) ascii = false;
      if ((c & 0xC0) != 0x80) ++letters;
      h ^= c >= 'A' && c <= 'Z' ? c + 32u : c;
      h *= 1099511628211ull;
    }
    tok.letters = static_cast<uint32_t>(letters);
    tok.all_caps = all_caps && letters >= 2;
    tok.initial = tok.cap && letters == 1;
    if (tok.initial && tok.end < t.size() && t[tok.end] == '.') tok.full_end = tok.end + 1;
    tok.hash = ascii ? h : HashKey(LowerWithoutAccents(t.substr(tok.start, tok.end - tok.start)));
    tok.f = FlagsOf(tok.hash);
    // "Kelly-Ann", "Mei-Ling": a hyphenated first name counts as its first part;
    // "Long-term", "Non-instructed", with a small letter after the hyphen, are words.
    if (tok.f == 0) {
      std::string_view word = t.substr(tok.start, tok.end - tok.start);
      size_t hyphen = word.find('-');
      if (hyphen != std::string_view::npos && hyphen >= 2 && hyphen + 1 < word.size()) {
        char after = word[hyphen + 1];
        if (after >= 'a' && after <= 'z') {
          tok.f = kEnglishWord;
        } else {
          tok.f = FlagsOf(HashKey(LowerWithoutAccents(word.substr(0, hyphen)))) &
                  (kFirst | kSurname | kCommonWord | kEnglishWord);
        }
      }
    }
    i = std::max<size_t>(tok.full_end, j);
    out.push_back(std::move(tok));
  }
  return out;
}

// What lies between two tokens.
std::string_view Gap(std::string_view t, const Token& a, const Token& b) {
  return t.substr(a.full_end, b.start - a.full_end);
}

// One line break, with nothing but spaces around it: a line that wrapped.
bool IsLineWrap(std::string_view g) {
  size_t nl = g.find('\n');
  if (nl == std::string_view::npos || g.find('\n', nl + 1) != std::string_view::npos) return false;
  return g.find_first_not_of(" \r\n") == std::string_view::npos;
}

bool IsSpaceGap(std::string_view g) {
  if (g.empty()) return false;
  size_t i = 0;
  while (i < g.size()) {
    if (g[i] == ' ') {
      ++i;
    } else if (g.compare(i, 2, "\xC2\xA0") == 0) {
      i += 2;
    } else {
      return false;
    }
  }
  return g.size() <= 4;
}

bool HasNewline(std::string_view g) { return g.find('\n') != std::string_view::npos; }

// ---------------------------------------------------------------------------
// Finding names

class Finder {
 public:
  Finder(std::string_view text, const std::vector<std::string>& known)
      : t_(text), toks_(Tokenize(text)) {
    for (const std::string& k : known) known_.insert(HashKey(k));
    for (size_t k = 0; k + 1 < toks_.size(); ++k) {
      if (T(k).cap && Is(k, kTitle) && PseudonymAloneAt(k)) {
        pseudonyms_.push_back(Lower(t_.substr(T(k).start, T(k).end - T(k).start)) + " " +
                              Lower(t_.substr(T(k + 1).start, 1)));
        known_.insert(HashKey(pseudonyms_.back()));
      }
    }
  }

  // The pseudonyms (a title and an initial: "mr p") this text uses alone.
  const std::vector<std::string>& pseudonyms() const { return pseudonyms_; }

  std::vector<NameHit> Run() {
    taken_.assign(toks_.size(), false);
    // Only capitalised words and words the lexicon knows can start a name or cue
    // one: most words of a text are neither, and are looked at only as gaps.
    std::vector<size_t> live;
    for (size_t i = 0; i < toks_.size(); ++i) {
      if (T(i).cap || T(i).f != 0) live.push_back(i);
    }
    for (size_t i : live) Cues(i);
    for (size_t i : live) ReverseRoles(i);
    for (size_t i : live) ListPairs(i);
    // Every word of a name found so far marks its other mentions.
    for (size_t i = 0; i < toks_.size(); ++i) {
      if (!taken_[i]) continue;
      if (T(i).letters >= 3 && !Is(i, kStop) && !Is(i, kOrg)) known_.insert(T(i).hash);
    }
    if (!known_.empty()) {
      for (size_t i = 0; i < toks_.size(); ++i) {
        if (T(i).letters >= 3) Mentions(i);
      }
    }
    for (size_t i : live) LoneFirstName(i);
    Merge();
    Ages();
    std::sort(hits_.begin(), hits_.end(),
              [](const NameHit& a, const NameHit& b) { return a.start < b.start; });
    return std::move(hits_);
  }

 private:
  const Token& T(size_t i) const { return toks_[i]; }
  bool Is(size_t i, uint32_t flag) const { return (toks_[i].f & flag) != 0; }

  // A capitalised word that can be part of a name.
  bool NameWord(size_t i) const {
    const Token& k = T(i);
    if (!k.cap) return false;
    if (k.initial) return true;
    return !Is(i, kStop) && !Is(i, kOrg) && !Is(i, kTitle) && !Is(i, kRole) && !Is(i, kRelation);
  }

  bool Listed(size_t i) const { return Is(i, kFirst | kSurname); }

  // The run of name words starting at token i (at most `max`), joined by single
  // spaces; 0 when none. A run that goes on into an organisation's or a place's
  // head word ("Dr Smith Surgery", "Priya Court") is no name.
  size_t Run(size_t i, size_t max = 3, bool allow_comma = false) const {
    size_t n = 0;
    while (i + n < toks_.size() && n < max && NameWord(i + n)) {
      if (n > 0) {
        std::string_view g = Gap(t_, T(i + n - 1), T(i + n));
        bool ok = IsSpaceGap(g) || (T(i + n - 1).initial && g.empty()) ||
                  (allow_comma && n == 1 && (g == ", " || g == ","));
        if (!ok) break;
      }
      ++n;
    }
    if (n == 0) return 0;
    size_t next = i + n;
    // "Patrick Ward", "Tracy Lane": a common surname that is also a street's or a place's word
    // belongs to the name after a listed first name, unless a place's word follows.
    if (n < max && next < toks_.size() && IsSpaceGap(Gap(t_, T(next - 1), T(next))) &&
        T(next).cap && Is(next, kOrg) && Is(next, kFrequentSurname)) {
      bool first_name = false;
      for (size_t k = i; k < next; ++k) {
        first_name = first_name || (Is(k, kFirst) && !Is(k, kAmbiguous));
      }
      bool place_after = next + 1 < toks_.size() && IsSpaceGap(Gap(t_, T(next), T(next + 1))) &&
                         T(next + 1).cap && Is(next + 1, kOrg);
      if (first_name && !place_after) {
        ++n;
        ++next;
      }
    }
    // "Rowan Ward", "Hill House": a place; across a wrapped line only after a lone word.
    if (PlaceWordAfter(next - 1) && (n == 1 || !HasNewline(Gap(t_, T(next - 1), T(next))))) {
      return 0;
    }
    // Initials alone ("J.S.", "Mr X") are how names are hidden, not names.
    bool all_initials = true;
    for (size_t k = i; k < i + n; ++k) all_initials = all_initials && T(k).initial;
    if (all_initials) return 0;
    // An ordinary word and a letter ("Resident M", "Learner Q") is how a case is
    // anonymised, as "Client A" is: a pseudonym, whatever word the organisation chose.
    // A listed name before the letter ("Grace B", "Patel R") is still a name.
    if (n >= 2 && T(i + 1).initial && Is(i, kEnglishWord) && !Is(i, kFirst | kSurname)) return 0;
    // A trailing initial belongs to the next sentence more often than to the name.
    while (n > 1 && T(i + n - 1).initial) --n;
    return n;
  }

  void Add(size_t first, size_t n, std::string reason, NameCue cue, std::string cue_word = "",
           std::string_view confidence = "high") {
    if (n == 0) return;
    for (size_t k = first; k < first + n; ++k) {
      if (taken_[k]) return;
    }
    for (size_t k = first; k < first + n; ++k) taken_[k] = true;
    NameHit h;
    h.start = T(first).start;
    const Token& last = T(first + n - 1);
    h.end = last.initial && last.end < t_.size() && t_[last.end] == '.' ? last.end + 1 : last.end;
    h.reason = std::move(reason);
    h.confidence = confidence;
    h.cue = cue;
    h.cue_word = Lower(cue_word);
    for (size_t k = first; k < first + n; ++k) h.words += T(k).initial ? 0 : 1;
    hits_.push_back(std::move(h));
  }

  // Cues before a name: a title, "Dear", a labelled field, a relation or a role,
  // a sign-off.
  void Cues(size_t i) {
    const Token& k = T(i);
    if (i + 1 >= toks_.size()) return;
    std::string_view gap = Gap(t_, k, T(i + 1));
    // "Mrs Kowalski", "Dr. Okonkwo", "MR J SMITH"
    if (k.cap && Is(i, kTitle) && !HasNewline(gap) && gap.size() <= 3) {
      // After a title, a listed surname in capitals is the surname ("Mr LEE", "Mrs COX"),
      // not initials.
      size_t run = Run(i + 1);
      size_t n = PseudonymEndsSentence(i)          ? 0
                 : run == 1 && Is(i + 1, kSurname) ? run
                                                   : Initials(i + 1, run);
      std::string title(t_.substr(k.start, k.end - k.start));
      Add(i + 1, n, "after the title '" + title + "'", NameCue::kTitle, title);
      return;
    }
    // "Dear Siobhan", "Dear Mr Kaur" (the title case above takes that one)
    if (k.cap && Is(i, kSalutation) && IsSpaceGap(gap)) {
      size_t n = Initials(i + 1, Run(i + 1));
      std::string word(t_.substr(k.start, k.end - k.start));
      Add(i + 1, n, "after '" + word + "'", NameCue::kSalutation, word);
      return;
    }
    // "her daughter Priya", "his son, Tom", "SW Jenny Marsh", "advocate Sam Ali"
    if ((Is(i, kRelation) || Is(i, kRole)) && !HasNewline(gap) &&
        (IsSpaceGap(gap) || gap == ", " || gap == " - " || gap == " \xE2\x80\x93 ")) {
      bool role = Is(i, kRole) && !Is(i, kRelation);
      // A role alone before a capitalised word needs the word to be a listed name
      // ("GP Practice" is not a name; "GP Patel" is).
      size_t n = Initials(i + 1, Run(i + 1));
      if (n > 0 && role && !Listed(i + 1) && n == 1) n = 0;
      std::string word(t_.substr(k.start, k.end - k.start));
      Add(i + 1, n, "after '" + word + "'", role ? NameCue::kRole : NameCue::kRelation, word);
    }
    // "Next of kin: Ruth Baptiste", "Client name: JOHN SMITH", "Signed: ..."
    if (Is(i, kLabel) && LabelEnds(gap)) {
      if (!LabelStartsLine(i) || LabelNamesAPlace(i)) return;
      size_t j = i + 1;
      // "Name: Mrs Edna Baptiste": the title stays out of the name.
      if (j < toks_.size() && Is(j, kTitle)) ++j;
      if (j >= toks_.size()) return;
      size_t n = Run(j, 4, /*allow_comma=*/true);
      // Initials are how a form is anonymised ("Name: AB", "Advocate: TR").
      n = Initials(j, n);
      if (n > 0 && !StrongLabel(i) && j == i + 1) {
        bool listed = false;
        for (size_t w = j; w < j + n; ++w) {
          listed = listed || (Listed(w) && !Is(w, kAmbiguous) && !Is(w, kCommonWord));
        }
        if (!listed) n = 0;
      }
      std::string label = Trim(LabelText(i));
      Add(j, n, "in the field '" + label + "'", NameCue::kLabel, label);
    }
    // "Yours sincerely," then a name on one of the next lines.
    if (Is(i, kSignoff) || (Is(i, kThanks) && i > 0 && Is(i - 1, kMany))) {
      if (gap.find('\n') == std::string_view::npos) return;
      size_t j = i + 1;
      size_t n = Initials(j, Run(j, 3));
      bool own_line =
          n > 0 && (j + n >= toks_.size() || HasNewline(Gap(t_, T(j + n - 1), T(j + n))));
      if (own_line) Add(j, n, "under the sign-off", NameCue::kSignoff);
    }
  }

  // A run of one word of two or three capitals after a cue is initials, the way
  // organisations write their staff and pseudonyms ("Advocate TR", "Dear QPM"), not
  // a name; 0 then, else `n`.
  size_t Initials(size_t i, size_t n) const {
    if (n != 1 || !T(i).all_caps || T(i).letters > 3) return n;
    return 0;
  }

  // Whether the title at token i starts "Mr P. Two actions were agreed": an initial
  // with a full stop after a title is the pseudonym "Mr P", and the capitalised word
  // after the stop starts the next sentence when it is an ordinary word; a listed name
  // does only when the text uses the title and initial alone ("Mr J. Smith" is a
  // name). Pseudonyms are used again and again, so one use alone ("Mr P's", "Mr P,",
  // "Mr P" at a line's end) decides.
  bool PseudonymEndsSentence(size_t i) const {
    if (i + 2 >= toks_.size()) return false;
    const Token& initial = T(i + 1);
    if (!initial.initial || initial.full_end != initial.end + 1 || t_[initial.end] != '.') {
      return false;  // no full stop after the initial
    }
    size_t next = i + 2;
    if (!IsSpaceGap(Gap(t_, initial, T(next))) || !T(next).cap) return false;
    // A word no list knows after "Mrs A." is her surname ("Mrs A. Przybylska"); an
    // ordinary word starts the next sentence ("Mr P. Two actions ...").
    if (!Listed(next)) return Is(next, kEnglishWord | kStop);
    return known_.contains(PseudonymKey(i));  // used alone here or on another page
  }

  // "mr p": how a pseudonym used alone is remembered across the pages of a document.
  uint64_t PseudonymKey(size_t title) const {
    return HashKey(Lower(t_.substr(T(title).start, T(title).end - T(title).start)) + " " +
                   Lower(t_.substr(T(title + 1).start, 1)));
  }

  // Whether the title at token k is followed by an initial that stands alone.
  bool PseudonymAloneAt(size_t k) const {
    const Token& x = T(k + 1);
    if (!x.initial || !IsSpaceGap(Gap(t_, T(k), x))) return false;
    if (x.full_end > x.end + 1) return true;                        // "Mr P's"
    if (x.full_end == x.end + 1 && t_[x.end] == '.') return false;  // "Mr P." decides nothing
    if (k + 2 >= toks_.size()) return true;
    std::string_view g = Gap(t_, x, T(k + 2));
    if (HasNewline(g) || g.find_first_of(",;:)") != std::string_view::npos) return true;
    return IsSpaceGap(g) && !T(k + 2).cap;
  }

  // "Name of organisation:", "Care home name:": the label asks for a place's or an
  // organisation's name, not a person's.
  bool LabelNamesAPlace(size_t i) const {
    for (size_t k = i, back = 0; back < 5; --k, ++back) {
      if (Is(k, kOrg)) return true;
      if (k == 0) break;
      std::string_view g = Gap(t_, T(k - 1), T(k));
      if (HasNewline(g) || LabelEnds(g)) break;
    }
    return false;
  }

  // Whether the label ending at token i says a person's name follows.
  bool StrongLabel(size_t i) const {
    for (size_t k = i, back = 0; back < 5; --k, ++back) {
      if (Is(k, kStrongLabel)) return true;
      if (k == 0) break;
      std::string_view g = Gap(t_, T(k - 1), T(k));
      if (HasNewline(g) || LabelEnds(g)) break;
    }
    return false;
  }

  // Whether a '&' stands beside token i: "Marks & Spencer", "Cole & Partners".
  bool BesideAmpersand(size_t i) const {
    if (i > 0 && Gap(t_, T(i - 1), T(i)).find('&') != std::string_view::npos) return true;
    if (i + 1 < toks_.size() && Gap(t_, T(i), T(i + 1)).find('&') != std::string_view::npos) {
      return true;
    }
    return false;
  }

  // Whether token i starts a sentence or a line.
  bool SentenceStart(size_t i) const {
    size_t p = T(i).start;
    while (p > 0 && (t_[p - 1] == ' ' || t_[p - 1] == '\t' || t_[p - 1] == '"' ||
                     t_[p - 1] == '(' || static_cast<unsigned char>(t_[p - 1]) >= 0x80)) {
      --p;
    }
    return p == 0 || t_[p - 1] == '.' || t_[p - 1] == '!' || t_[p - 1] == '?' ||
           t_[p - 1] == '\n' || t_[p - 1] == ':' || t_[p - 1] == '-' || t_[p - 1] == '*';
  }

  // Is there a colon, a tab or a pipe between the label and the value?
  static bool LabelEnds(std::string_view gap) {
    for (char c : gap) {
      if (c == ':' || c == '\t' || c == '|') return true;
    }
    return false;
  }

  // The label starts its line (or a cell): "Next of kin:" but not "... to: ".
  bool LabelStartsLine(size_t i) const {
    size_t first = i;
    for (int back = 0; back < 4 && first > 0; ++back) {
      std::string_view g = Gap(t_, T(first - 1), T(first));
      if (HasNewline(g) || LabelEnds(g) || g.find('(') != std::string_view::npos) break;
      --first;
    }
    size_t line = t_.rfind('\n', T(first).start == 0 ? 0 : T(first).start - 1);
    size_t from = line == std::string_view::npos ? 0 : line + 1;
    if (T(first).start == 0) from = 0;
    std::string_view before = t_.substr(from, T(first).start - from);
    for (char c : before) {
      if (c != ' ' && c != '\t' && c != '|' && c != '-' && c != '*' && c != '>' &&
          static_cast<unsigned char>(c) < 0x80) {
        return false;
      }
    }
    return true;
  }

  // The label's own words, for the finding's reason: "Next of kin", "Client name".
  // Only words a label is made of are quoted, so no name before it is repeated.
  std::string LabelText(size_t i) const {
    size_t first = i;
    for (int back = 0; back < 3 && first > 0; ++back) {
      std::string_view g = Gap(t_, T(first - 1), T(first));
      if (HasNewline(g) || LabelEnds(g)) break;
      if (!Is(first - 1, kLabel | kStrongLabel | kStop) || Is(first - 1, kFirst | kSurname)) break;
      --first;
    }
    return std::string(t_.substr(T(first).start, T(i).end - T(first).start));
  }

  static std::string Trim(std::string s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '|')) s.erase(0, 1);
    if (s.size() > 40) s = s.substr(s.size() - 40);
    return s;
  }

  // "Priya Shah (daughter)", "Jenny Marsh (SW)", "Jenny Marsh, social worker"
  void ReverseRoles(size_t i) {
    if (taken_[i] || !NameWord(i) || T(i).initial) return;
    if (i > 0 && NameWord(i - 1) && IsSpaceGap(Gap(t_, T(i - 1), T(i)))) return;  // not the start
    size_t n = Initials(i, Run(i));
    if (n == 0) return;
    size_t next = i + n;
    if (next >= toks_.size()) return;
    std::string_view g = Gap(t_, T(next - 1), T(next));
    bool bracket = g == " (" || g == "(";
    bool comma = g == ", ";
    bool after_comma = Is(next, kRoleAfterComma);
    if ((bracket || comma) && (Is(next, kRelation) || Is(next, kRole) || (comma && after_comma))) {
      if (comma && !Is(next, kRole) && !after_comma && !Is(next, kRelation)) return;
      std::string word(t_.substr(T(next).start, T(next).end - T(next).start));
      bool relation = Is(next, kRelation) && !Is(next, kRole);
      Add(i, n, "beside the role '" + word + "'", relation ? NameCue::kRelation : NameCue::kRole,
          word);
    }
  }

  // A first name from the list and a capitalised word after it, or the other way
  // round in capitals ("SMITH, John"), or two listed words in capitals.
  void ListPairs(size_t i) {
    if (taken_[i] || T(i).initial || i + 1 >= toks_.size()) return;
    if (BesideAmpersand(i)) return;
    if (!T(i).cap) {
      LowerCasePair(i);
      return;
    }
    if (!NameWord(i)) return;
    if (i > 0 && Is(i - 1, kPlacePrefix) && T(i - 1).cap) return;
    bool first = Is(i, kFirst);
    bool word_a = Is(i, kCommonWord);
    std::string_view g = Gap(t_, T(i), T(i + 1));
    bool second = NameWord(i + 1) || (Is(i + 1, kOrg) && Is(i + 1, kFrequentSurname) &&
                                      T(i + 1).cap && !Is(i, kAmbiguous) && !word_a);
    if (first && IsSpaceGap(g) && second && !T(i + 1).initial) {
      bool sur = Is(i + 1, kSurname) || Is(i + 1, kFirst);
      bool word_b = Is(i + 1, kCommonWord);
      bool caps_ok = !T(i).all_caps || (sur && !word_b) || (!word_a && !Is(i, kAmbiguous));
      // "Will Baker" needs one of the two to be no ordinary word; "Grace Period" is no name.
      // An ordinary-word first name before a capitalised word no list knows ("Rose
      // Kilbride") counts inside a sentence, where a capital is not the sentence's.
      bool unknown_b = !sur && !word_b && !Is(i + 1, kEnglishWord) && !T(i + 1).all_caps &&
                       T(i + 1).letters >= 3;
      bool mid_sentence = !SentenceStart(i);
      // "Sharon Said", "Case Management": a second word that is an ordinary English word
      // and no listed name is a word.
      bool plain_word_b = !sur && Is(i + 1, kEnglishWord);
      if (caps_ok && !plain_word_b &&
          (!word_a || (sur && !word_b) || (unknown_b && mid_sentence))) {
        size_t n = Run(i, 3);
        if (n >= 2) {
          Add(i, n, sur ? "a first name and a surname" : "a first name and a capitalised word",
              NameCue::kLists, "", "medium");
          return;
        }
      }
    }
    // "OKAFOR, Margaret"
    if (T(i).all_caps && Is(i, kSurname) && (g == ", " || g == ",") && NameWord(i + 1) &&
        Is(i + 1, kFirst)) {
      Add(i, Run(i, 3, true), "a surname and a first name", NameCue::kLists, "", "medium");
    }
  }

  // "eileen hughes" in a hurried note: a listed first name that is no ordinary word,
  // then a listed surname, both in lower case.
  void LowerCasePair(size_t i) {
    if (T(i + 1).cap || T(i).letters < 3 || !IsSpaceGap(Gap(t_, T(i), T(i + 1)))) return;
    if (!Is(i, kFirst) || Is(i, kCommonWord) || Is(i, kStop) || Is(i, kAmbiguous)) {
      return;
    }
    bool sur = Is(i + 1, kSurname) || (Is(i + 1, kFirst) && !Is(i + 1, kCommonWord));
    if (!sur || Is(i + 1, kStop) || Is(i + 1, kOrg)) return;
    Add(i, 2, "a first name and a surname", NameCue::kLists, "", "medium");
  }

  // Whether a place's word follows the word at i: an organisation's or a place's on its
  // line ("Rowan Ward", "Hill Surgery"); a place where people stay at the start of the
  // next, when the line wrapped ("held at Rowan" / "Ward (mental health)"), but not a
  // job under a signature ("Fatima" / "Social Worker").
  bool PlaceWordAfter(size_t i) const {
    if (i + 1 >= toks_.size() || !T(i + 1).cap || !Is(i + 1, kOrg)) return false;
    std::string_view g = Gap(t_, T(i), T(i + 1));
    return IsSpaceGap(g) || (IsLineWrap(g) && Is(i + 1, kPlaceKind));
  }

  // Other mentions of a name already found: "Priya said ...", "priya".
  void Mentions(size_t i) {
    if (taken_[i] || T(i).initial) return;
    const Token& k = T(i);
    if (!known_.contains(k.hash)) return;
    bool word = Is(i, kCommonWord);
    // "Will" the son, not "Will need to ...": an ordinary word counts in capitals
    // inside a sentence only.
    if (word && (!k.cap || k.all_caps || SentenceStart(i))) return;
    if (BesideAmpersand(i)) return;
    if (i > 0 && Is(i - 1, kPlacePrefix) && T(i - 1).cap) return;
    if (PlaceWordAfter(i)) return;
    size_t n = k.cap ? std::max<size_t>(Run(i), 1) : 1;
    Add(i, n, "a name found elsewhere in the same document", NameCue::kMention, "", "medium");
  }

  // A first name from the list on its own: "Priya rang back".
  void LoneFirstName(size_t i) {
    if (taken_[i] || !NameWord(i) || T(i).initial || T(i).all_caps) return;
    if (T(i).letters < 3 || !Is(i, kFirst) || Is(i, kCommonWord) || Is(i, kAmbiguous)) {
      return;
    }
    if (i > 0 && Is(i - 1, kPlacePrefix) && T(i - 1).cap) return;
    if (BesideAmpersand(i)) return;
    if (i > 0 && T(i - 1).cap && IsSpaceGap(Gap(t_, T(i - 1), T(i))) && !Is(i - 1, kStop)) {
      return;  // inside a capitalised run the pairs rule did not take: a title, a place
    }
    if (i + 1 < toks_.size() && IsSpaceGap(Gap(t_, T(i), T(i + 1))) && T(i + 1).cap) return;
    if (PlaceWordAfter(i)) return;
    Add(i, 1, "a first name from the list", NameCue::kLists, "", "low");
  }

  // Hits on neighbouring tokens become one ("Priya" + "Shah").
  void Merge() {
    std::sort(hits_.begin(), hits_.end(),
              [](const NameHit& a, const NameHit& b) { return a.start < b.start; });
    std::vector<NameHit> out;
    for (NameHit& h : hits_) {
      if (!out.empty() && !out.back().age) {
        std::string_view between =
            t_.substr(out.back().end, h.start - std::min(h.start, out.back().end));
        if (h.start >= out.back().end && IsSpaceGap(between)) {
          out.back().end = h.end;
          out.back().words += h.words;
          continue;
        }
      }
      out.push_back(std::move(h));
    }
    hits_ = std::move(out);
  }

  // "Mr Davies, 87,", "Edna Baptiste (84)", "Ruth, aged 79": an age beside a name.
  void Ages() {
    std::vector<NameHit> ages;
    for (const NameHit& h : hits_) {
      size_t p = h.end;
      auto skip = [&](std::string_view s) {
        if (t_.compare(p, s.size(), s) == 0) {
          p += s.size();
          return true;
        }
        return false;
      };
      size_t save = p;
      bool lead = skip(" (aged ") || skip(" (age ") || skip(" (") || skip("(") || skip(", aged ") ||
                  skip(" aged ") || skip(", age ") || skip(" is ") || skip(", ");
      if (!lead) continue;
      size_t d0 = p;
      while (p < t_.size() && p - d0 < 3 && t_[p] >= '0' && t_[p] <= '9') ++p;
      if (p == d0 || (p < t_.size() && t_[p] >= '0' && t_[p] <= '9')) continue;
      int age = std::stoi(std::string(t_.substr(d0, p - d0)));
      std::string_view after = t_.substr(p, 6);
      bool closes = after.empty() || after[0] == ')' || after[0] == ',' || after[0] == ' ' ||
                    after[0] == '.' || after[0] == '\n' || after[0] == ';';
      bool bracket = t_.substr(save, p - save).find('(') != std::string_view::npos;
      // "Mr Mortimer is 29": an age only when nothing but an end follows.
      if (t_.substr(save, 4) == " is " &&
          !(after.empty() || after[0] == '.' || after[0] == ',' || after[0] == ';' ||
            after.substr(0, 4) == " yea" || after.substr(0, 2) == "\n")) {
        continue;
      }
      if (bracket && (after.empty() || after[0] != ')')) {
        if (after.substr(0, 4) != " yrs" && after.substr(0, 2) != "y)") continue;
      }
      // ", 87," needs its comma or "years": ", 14 Mill Lane" is an address.
      bool plain_comma = t_.substr(save, 2) == ", " && t_.substr(save, 6) != ", aged" &&
                         t_.substr(save, 5) != ", age";
      if (plain_comma && !(after.substr(0, 1) == "," || after.substr(0, 4) == " yea" ||
                           after.substr(0, 4) == " yrs" || after.substr(0, 2) == "y " ||
                           after.substr(0, 2) == ")")) {
        continue;
      }
      if (!closes || age < 16 || age > 115) continue;
      NameHit a;
      a.start = d0;
      a.end = p;
      a.age = true;
      a.reason = "an age stated beside a name";
      a.confidence = "medium";
      ages.push_back(std::move(a));
    }
    for (NameHit& a : ages) hits_.push_back(std::move(a));
  }

  std::string_view t_;
  std::vector<Token> toks_;
  std::unordered_set<uint64_t> known_;
  std::vector<bool> taken_;
  std::vector<NameHit> hits_;
  std::vector<std::string> pseudonyms_;
};

}  // namespace

std::vector<NameHit> FindNames(std::string_view text, const std::vector<std::string>& known,
                               std::vector<std::string>* pseudonyms) {
  Finder finder(text, known);
  if (pseudonyms != nullptr) *pseudonyms = finder.pseudonyms();
  return finder.Run();
}

std::vector<std::string> NameWords(std::string_view text, const std::vector<NameHit>& hits) {
  std::vector<std::string> out;
  for (const NameHit& h : hits) {
    if (h.age) continue;
    for (const Token& t : Tokenize(text.substr(h.start, h.end - h.start))) {
      if (t.letters >= 3 && (t.f & (kCommonWord | kStop | kOrg)) == 0) {
        out.push_back(Lower(text.substr(h.start + t.start, t.end - t.start)));
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace qpm::redaction
