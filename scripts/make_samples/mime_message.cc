// scripts/make_samples/mime_message.cc — see mime_message.h.
#include "mime_message.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fixed_values.h"

namespace qpm::samples {
namespace {

std::string Base64(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::string line;
  auto flush = [&] {
    out += line + "\r\n";
    line.clear();
  };
  for (size_t i = 0; i < data.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (i + 1 < data.size())
      chunk |= static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    if (i + 2 < data.size())
      chunk |= static_cast<uint32_t>(static_cast<unsigned char>(data[i + 2]));
    line += kAlphabet[(chunk >> 18) & 63];
    line += kAlphabet[(chunk >> 12) & 63];
    line += i + 1 < data.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    line += i + 2 < data.size() ? kAlphabet[chunk & 63] : '=';
    if (line.size() == 76) flush();
  }
  if (!line.empty()) flush();
  return out;
}

std::string Hex2(unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return {'=', kHex[c >> 4], kHex[c & 15]};
}

// Quoted-printable (RFC 2045 6.7) of UTF-8 text whose lines end in '\n'.
std::string QuotedPrintable(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    std::string encoded;
    size_t width = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      auto c = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      std::string piece;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
        piece = std::string(1, static_cast<char>(c));
      } else {
        piece = Hex2(c);
      }
      if (width + piece.size() > 75) {  // soft line break keeps lines within 76
        encoded += "=\r\n";
        width = 0;
      }
      encoded += piece;
      width += piece.size();
    }
    out += encoded;
    if (end == text.size()) break;
    out += "\r\n";
    start = end + 1;
  }
  return out;
}

// A MIME body part: its headers, a blank line, its (already encoded) body.
std::string Part(const std::vector<Header>& headers, std::string_view body) {
  std::string out = Headers(headers) + "\r\n" + std::string(body);
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

std::string Multipart(const std::string& boundary, const std::vector<std::string>& parts) {
  std::string out = "This is a multi-part message in MIME format.\r\n";
  for (const std::string& part : parts) out += "\r\n--" + boundary + "\r\n" + part;
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace

std::string CrLf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::string EncodedWord(std::string_view utf8) {
  std::string out = "=?UTF-8?Q?";
  for (char ch : utf8) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ') {
      out += '_';
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '!' || c == '*' || c == '+' || c == '-' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += Hex2(c);
    }
  }
  out += "?=";
  if (out.size() > 75) Fail("encoded-word longer than 75 characters: " + out);
  return out;
}

std::string PercentEncode(std::string_view utf8) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : utf8) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Headers(const std::vector<Header>& headers) {
  std::string out;
  for (const Header& h : headers) out += h.name + ": " + h.value + "\r\n";
  return out;
}

std::string TextPart(std::string_view text, bool quoted_printable) {
  if (quoted_printable) {
    return Part({{"Content-Type", "text/plain; charset=UTF-8"},
                 {"Content-Transfer-Encoding", "quoted-printable"}},
                QuotedPrintable(text));
  }
  return Part(
      {{"Content-Type", "text/plain; charset=UTF-8"}, {"Content-Transfer-Encoding", "7bit"}},
      CrLf(text));
}

std::string AttachmentPart(std::string_view content_type, std::string_view disposition,
                           std::string_view bytes) {
  return Part({{"Content-Type", std::string(content_type)},
               {"Content-Disposition", std::string(disposition)},
               {"Content-Transfer-Encoding", "base64"}},
              Base64(bytes));
}

std::string ForwardedPart(std::string_view file_name, std::string_view message) {
  // message/rfc822 may only be 7bit, 8bit or binary (RFC 2046 5.2.1); ours is 7-bit ASCII.
  return Part({{"Content-Type", "message/rfc822"},
               {"Content-Disposition", "attachment; filename=\"" + std::string(file_name) + "\""},
               {"Content-Transfer-Encoding", "7bit"}},
              message);
}

std::string Message(std::vector<Header> headers, const std::string& boundary,
                    const std::vector<std::string>& parts) {
  headers.push_back({"MIME-Version", "1.0"});
  headers.push_back({"Content-Type", "multipart/mixed; boundary=\"" + boundary + "\""});
  return Headers(headers) + "\r\n" + Multipart(boundary, parts);
}

}  // namespace qpm::samples
