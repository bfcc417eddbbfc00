#include "pipeline/core/text.h"

#include <cctype>
#include <cstdint>

namespace qpm::text {
namespace {

// True for a character that can be part of a word: ASCII letters and digits, and
// letters beyond ASCII; not dashes, quotes, bullets, box glyphs and other symbols
// (U+00A0-U+00BF, U+2000-U+2BFF, U+3000-U+303F, private use as Wingdings maps it).
bool IsWordChar(std::string_view text, size_t& i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return std::isalnum(c) != 0;
  uint32_t cp = 0;
  int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
  cp = c & (0x3f >> extra);
  for (int k = 0; k < extra && i + 1 < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[++i]) & 0x3f);
  }
  return !(cp < 0xc0 || (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) ||
           (cp >= 0xe000 && cp <= 0xf8ff));
}

bool BoundaryBefore(std::string_view text, size_t pos) { return pos == 0 || text[pos - 1] == ' '; }

bool BoundaryAfter(std::string_view text, size_t end) {
  return end >= text.size() || text[end] == ' ';
}

}  // namespace

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t start = i;
    if (IsWordChar(text, i)) {  // advances i to the character's last byte
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      auto c = static_cast<unsigned char>(text[start]);
      if (c < 0x80) {
        out.push_back(static_cast<char>(std::tolower(c)));
      } else {
        out.append(text.substr(start, i - start + 1));
      }
    } else {
      space = true;
    }
  }
  return out;
}

size_t FindPhrase(std::string_view folded_text, std::string_view folded_phrase) {
  if (folded_phrase.empty()) return std::string_view::npos;
  for (size_t pos = folded_text.find(folded_phrase); pos != std::string_view::npos;
       pos = folded_text.find(folded_phrase, pos + 1)) {
    if (BoundaryBefore(folded_text, pos) &&
        BoundaryAfter(folded_text, pos + folded_phrase.size())) {
      return pos;
    }
  }
  return std::string_view::npos;
}

bool HasPhrase(std::string_view folded_text, std::string_view folded_phrase) {
  return FindPhrase(folded_text, folded_phrase) != std::string_view::npos;
}

std::string Plural(std::string_view folded_phrase) {
  std::string out(folded_phrase);
  if (out.empty()) return out;
  auto ends = [&](std::string_view tail) {
    return out.size() >= tail.size() &&
           out.compare(out.size() - tail.size(), tail.size(), tail) == 0;
  };
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  if (out.size() >= 2 && out.back() == 'y' && !vowel(out[out.size() - 2])) {
    out.replace(out.size() - 1, 1, "ies");
  } else if (ends("s") || ends("x") || ends("ch") || ends("sh")) {
    out += "es";
  } else {
    out += "s";
  }
  return out;
}

bool HasPhraseOrPlural(std::string_view folded_text, std::string_view folded_phrase) {
  return HasPhrase(folded_text, folded_phrase) || HasPhrase(folded_text, Plural(folded_phrase));
}

bool StartsWithPhrase(std::string_view folded_text, std::string_view folded_phrase) {
  return !folded_phrase.empty() && folded_text.substr(0, folded_phrase.size()) == folded_phrase &&
         BoundaryAfter(folded_text, folded_phrase.size());
}

int LongestLeadingCue(std::string_view folded_text, const std::vector<std::string>& cues) {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < cues.size(); ++i) {
    std::string cue = Fold(cues[i]);
    if (cue.size() > best_len && StartsWithPhrase(folded_text, cue)) {
      best = static_cast<int>(i);
      best_len = cue.size();
    }
  }
  return best;
}

int FirstCueIn(std::string_view folded_text, const std::vector<std::string>& cues) {
  int best = -1;
  size_t best_pos = std::string_view::npos;
  size_t best_len = 0;
  for (size_t i = 0; i < cues.size(); ++i) {
    std::string cue = Fold(cues[i]);
    if (cue.empty()) continue;
    for (size_t pos = folded_text.find(cue); pos != std::string_view::npos;
         pos = folded_text.find(cue, pos + 1)) {
      if (!BoundaryBefore(folded_text, pos) || !BoundaryAfter(folded_text, pos + cue.size())) {
        continue;
      }
      if (pos < best_pos || (pos == best_pos && cue.size() > best_len)) {
        best = static_cast<int>(i);
        best_pos = pos;
        best_len = cue.size();
      }
      break;
    }
  }
  return best;
}

int CountWords(std::string_view text) {
  int words = 0;
  bool in_word = false;
  bool has_alnum = false;
  for (size_t i = 0; i <= text.size(); ++i) {
    bool space = i == text.size() || std::isspace(static_cast<unsigned char>(text[i])) != 0;
    if (!space) {
      in_word = true;
      has_alnum = IsWordChar(text, i) || has_alnum;
    } else if (in_word) {
      words += has_alnum ? 1 : 0;
      in_word = false;
      has_alnum = false;
    }
  }
  return words;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

std::string AsHeading(std::string_view cue) {
  std::string out(cue);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string NormalizeNewlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace qpm::text
