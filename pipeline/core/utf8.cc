#include "pipeline/core/utf8.h"

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

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string Utf16ToUtf8(std::string_view bytes) {
  bool big_endian = false;
  size_t i = 0;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
      static_cast<unsigned char>(bytes[1]) == 0xFF) {
    big_endian = true;
    i = 2;
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
             static_cast<unsigned char>(bytes[1]) == 0xFE) {
    i = 2;
  }
  auto unit = [&](size_t k) -> uint32_t {
    uint32_t a = static_cast<unsigned char>(bytes[k]);
    uint32_t b = static_cast<unsigned char>(bytes[k + 1]);
    return big_endian ? (a << 8) | b : (b << 8) | a;
  };
  std::string out;
  out.reserve(bytes.size() / 2 + 16);
  while (i + 1 < bytes.size()) {
    uint32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < bytes.size()) {
      uint32_t low = unit(i);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        i += 2;
        AppendUtf8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), out);
        continue;
      }
    }
    AppendUtf8(u, out);
  }
  if (i < bytes.size()) out += kReplacementCharacter;  // an odd byte at the end
  return out;
}

std::string Printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      out += '?';
    } else if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xa0) {
      out += '?';  // U+0080..U+009F, the C1 controls
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
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

std::string PasswordAsLatin1(const std::string& utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if ((c == 0xc2 || c == 0xc3) && i + 1 < utf8.size()) {
      unsigned char d = static_cast<unsigned char>(utf8[++i]);
      out.push_back(static_cast<char>(((c & 0x03) << 6) | (d & 0x3f)));
    } else {
      return "";
    }
  }
  return out;
}

}  // namespace qpm
