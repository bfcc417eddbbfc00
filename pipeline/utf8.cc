#include "pipeline/utf8.h"

namespace qpm {

size_t Utf8CharLength(std::string_view s, size_t i, size_t* invalid) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t trail = 0;
  unsigned char lo = 0x80;  // allowed range of the second byte
  unsigned char hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    trail = 1;
  } else if (lead == 0xE0) {
    trail = 2, lo = 0xA0;  // no overlong forms
  } else if (lead == 0xED) {
    trail = 2, hi = 0x9F;  // no surrogates
  } else if (lead >= 0xE1 && lead <= 0xEF) {
    trail = 2;
  } else if (lead == 0xF0) {
    trail = 3, lo = 0x90;
  } else if (lead == 0xF4) {
    trail = 3, hi = 0x8F;  // nothing above U+10FFFF
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    trail = 3;
  } else {
    if (invalid != nullptr) *invalid = 1;  // 80..C1 and F5..FF never start a character
    return 0;
  }
  size_t len = 1;
  for (size_t k = 0; k < trail; ++k) {
    if (i + len >= s.size()) break;
    unsigned char b = byte(i + len);
    if (b < (k == 0 ? lo : 0x80) || b > (k == 0 ? hi : 0xBF)) break;
    ++len;
  }
  if (len == trail + 1) return len;
  if (invalid != nullptr) *invalid = len;
  return 0;
}

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t invalid = 0;
    size_t len = Utf8CharLength(s, i, &invalid);
    if (len == 0) {
      out += kReplacementCharacter;
      i += invalid;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace qpm
