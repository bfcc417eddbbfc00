// scripts/make_samples/fixed_values.cc — see fixed_values.h.
#include "fixed_values.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qpm::samples {

[[noreturn]] void Fail(const std::string& message) { throw std::runtime_error(message); }

int CountWords(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

int CheckedWords(std::string_view text) {
  std::istringstream tokens{std::string(text)};
  std::string token;
  while (tokens >> token) {
    if (std::none_of(token.begin(), token.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
      Fail("the token '" + token + "' is no word to the tool; reword the narrative");
    }
  }
  return CountWords(text);
}

}  // namespace qpm::samples
