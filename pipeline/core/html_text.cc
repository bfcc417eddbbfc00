#include "pipeline/core/html_text.h"

#include <cstddef>
#include <cstdint>

#include "pipeline/core/utf8.h"

namespace qpm {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// Decodes the entity starting at html[i] == '&' into `out`. Returns the number
// of bytes consumed, or 0 when it is not an entity we know (the '&' is then
// kept as text).
size_t DecodeEntity(std::string_view html, size_t i, std::string& out) {
  constexpr size_t kMaxEntityLength = 12;  // "&#x10FFFF;" and the named ones fit
  const size_t semicolon = html.substr(i, kMaxEntityLength).find(';');
  if (semicolon == std::string_view::npos || semicolon < 2) return 0;
  const std::string_view body = html.substr(i + 1, semicolon - 1);
  const size_t consumed = semicolon + 1;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return 0;
    uint32_t value = 0;
    for (char c : digits) {
      uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        digit = static_cast<uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        digit = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return 0;
      }
      value = value * (hex ? 16u : 10u) + digit;  // at most 7 digits: no overflow
    }
    AppendUtf8(value, out);
    return consumed;
  }
  const std::string name = AsciiLower(body);
  if (name == "amp") {
    out += '&';
  } else if (name == "lt") {
    out += '<';
  } else if (name == "gt") {
    out += '>';
  } else if (name == "quot") {
    out += '"';
  } else if (name == "apos") {
    out += '\'';
  } else if (name == "nbsp") {
    // A plain space, so later pattern checks see "123 456" as they would in text.
    out += ' ';
  } else {
    return 0;
  }
  return consumed;
}

// Finds `needle` (lower-case ASCII) in `haystack` from `from`, ignoring case.
size_t FindIgnoreCase(std::string_view haystack, std::string_view needle, size_t from) {
  if (needle.empty() || haystack.size() < needle.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && AsciiLower(haystack[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

bool EndsLine(const std::string& tag, bool closing) {
  if (tag == "br" || tag == "hr") return true;
  if (!closing) return tag == "p" || tag == "div" || tag == "tr" || tag == "li";
  return tag == "p" || tag == "div" || tag == "tr" || tag == "li" || tag == "table" ||
         tag == "ul" || tag == "ol" || tag == "blockquote" || tag == "title" ||
         (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6');
}

// Collapses runs of spaces, trims each line and keeps at most one blank line
// between paragraphs. Only called on HtmlToText's output, whose whitespace is
// already spaces and newlines.
std::string TidyLines(std::string_view text) {
  std::string out;
  size_t blank_lines = 0;
  size_t start = 0;
  bool any_line = false;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line;
    for (char c : Trim(text.substr(start, end - start))) {
      if (c == ' ' && !line.empty() && line.back() == ' ') continue;
      line += c;
    }
    if (line.empty()) {
      ++blank_lines;
    } else {
      if (any_line) out += blank_lines > 0 ? "\n\n" : "\n";
      out += line;
      any_line = true;
      blank_lines = 0;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  const size_t n = html.size();
  while (i < n) {
    const char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        const size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? n : end + 3;
        continue;
      }
      size_t j = i + 1;
      const bool closing = j < n && html[j] == '/';
      if (closing) ++j;
      if (j < n && (IsAsciiAlpha(html[j]) || html[j] == '!' || html[j] == '?')) {
        const size_t name_start = j;
        while (j < n && IsAsciiAlnum(html[j])) ++j;
        const std::string tag = AsciiLower(html.substr(name_start, j - name_start));
        const size_t tag_end = html.find('>', j);
        i = tag_end == std::string_view::npos ? n : tag_end + 1;
        if (!closing && (tag == "script" || tag == "style")) {
          const size_t close = FindIgnoreCase(html, "</" + tag, i);
          if (close == std::string_view::npos) {
            i = n;
          } else {
            const size_t close_end = html.find('>', close);
            i = close_end == std::string_view::npos ? n : close_end + 1;
          }
          continue;
        }
        if (EndsLine(tag, closing)) {
          out += '\n';
        } else if (closing && (tag == "td" || tag == "th")) {
          out += ' ';
        }
        continue;
      }
      out += '<';  // a lone '<' in text
      ++i;
      continue;
    }
    if (c == '&') {
      const size_t consumed = DecodeEntity(html, i, out);
      if (consumed > 0) {
        i += consumed;
        continue;
      }
    }
    // HTML source whitespace, line breaks included, is one space.
    out += IsSpace(c) ? ' ' : c;
    ++i;
  }
  return TidyLines(out);
}

namespace {

void AppendAscii(std::string& out, char c) {
  switch (c) {
    case '&':
      out += "&amp;";
      return;
    case '<':
      out += "&lt;";
      return;
    case '>':
      out += "&gt;";
      return;
    case '"':
      out += "&quot;";
      return;
    case '\'':
      out += "&#39;";
      return;
    case '\t':
    case '\n':
    case '\r':
      out += c;
      return;
    default:
      break;
  }
  // C0 controls and DEL are parse errors in HTML; NUL is dropped by parsers.
  if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
    out += kReplacementCharacter;
  } else {
    out += c;
  }
}

void AppendEscapedHtmlImpl(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t invalid = 0;
    const std::size_t len = Utf8CharLength(s, i, &invalid);
    if (len == 1) {
      AppendAscii(out, s[i]);
    } else if (len == 0 ||
               (len == 2 && static_cast<unsigned char>(s[i]) == 0xC2 &&
                static_cast<unsigned char>(s[i + 1]) < 0xA0)) {  // C1 controls, as HTML does
      out += kReplacementCharacter;
    } else {
      out.append(s.substr(i, len));
    }
    i += len == 0 ? invalid : len;
  }
}

}  // namespace

void AppendEscapedHtml(std::string& out, std::string_view s) { AppendEscapedHtmlImpl(out, s); }

std::string EscapeHtml(std::string_view s) {
  std::string out;
  AppendEscapedHtml(out, s);
  return out;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                 static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kDigits[(n >> k) & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) {
      n |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    }
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kDigits[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace qpm
