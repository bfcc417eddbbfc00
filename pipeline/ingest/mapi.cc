// pipeline/ingest/mapi.cc — MAPI properties, code pages, compressed RTF and the
// attachment sink behind mapi.h.
#include "pipeline/ingest/mapi.h"

#include <fcntl.h>
#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include "pipeline/core/dates.h"
#include "pipeline/core/html_text.h"
#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"

namespace qpm::mapi {
namespace {

uint32_t Le32(std::string_view b, size_t at) {
  if (at + 4 > b.size()) return 0;
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// `text` without surrounding whitespace, and without NULs: text never holds one, and a
// damaged file's strings may.
std::string Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  std::string out(text);
  out.erase(std::remove(out.begin(), out.end(), '\0'), out.end());
  return out;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// --- Code pages -------------------------------------------------------------------

// iconv's name for a Windows code page number.
std::string IconvName(uint32_t code_page) {
  switch (code_page) {
    case 65001:
      return "UTF-8";
    case 1200:
      return "UTF-16LE";
    case 1201:
      return "UTF-16BE";
    case 20127:
      return "ASCII";
    case 20866:
      return "KOI8-R";
    case 21866:
      return "KOI8-U";
    case 50220:
    case 50221:
    case 50222:
      return "ISO-2022-JP";
    case 50225:
      return "ISO-2022-KR";
    case 51932:
      return "EUC-JP";
    case 51936:
      return "EUC-CN";
    case 51949:
      return "EUC-KR";
    case 54936:
      return "GB18030";
    case 936:
      return "GBK";
    case 950:
      return "BIG5";
    case 10000:
      return "MACINTOSH";
    default:
      break;
  }
  if (code_page >= 28591 && code_page <= 28606) {
    return "ISO-8859-" + std::to_string(code_page - 28590);
  }
  return "CP" + std::to_string(code_page);
}

// Converts with iconv from `charset`; a byte it cannot read becomes U+FFFD and the
// conversion goes on after it. False when iconv does not know the charset.
bool ConvertWithIconv(std::string_view bytes, const std::string& charset, std::string& out) {
  // Opened once per charset and thread: RTF text is converted group by group, and a
  // hostile body has a great many groups.
  struct Converters {
    std::map<std::string, iconv_t> opened;
    ~Converters() {
      for (auto& [name, cd] : opened) {
        if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
      }
    }
  };
  thread_local Converters converters;
  std::map<std::string, iconv_t>& opened = converters.opened;
  auto it = opened.find(charset);
  if (it == opened.end()) {
    if (opened.size() >= 64) return false;  // no real message names this many
    it = opened.emplace(charset, iconv_open("UTF-8", charset.c_str())).first;
  }
  iconv_t cd = it->second;
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // from the initial shift state
  out.clear();
  std::string input(bytes);
  char* in = input.data();
  size_t in_left = input.size();
  std::array<char, 4096> buffer;
  while (in_left > 0) {
    char* o = buffer.data();
    size_t o_left = buffer.size();
    const size_t result = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buffer.data(), buffer.size() - o_left);
    if (result != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) continue;
    // EILSEQ: a byte the charset does not have; EINVAL: a character cut off at the end.
    out += kReplacementCharacter;
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
  }
  return true;
}

bool NeedsConversion(std::string_view bytes) {
  return std::any_of(bytes.begin(), bytes.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || c == '\x1b' || c == '~';
  });
}

// Text in the named charset (as an HTML page or a MIME part names it) as valid UTF-8;
// false when iconv does not know it.
bool FromCharset(std::string_view bytes, const std::string& charset, std::string& out) {
  if (!ConvertWithIconv(bytes, charset, out)) return false;
  out = ValidUtf8(out);
  return true;
}

// The charset an HTML page declares in its first 4 KiB (<meta charset=...> or
// content="text/html; charset=..."), or "".
std::string DeclaredCharset(std::string_view html) {
  std::string head(html.substr(0, 4096));
  for (char& c : head) c = AsciiLower(c);
  size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  at += 8;
  while (at < head.size() &&
         (head[at] == '"' || head[at] == '\'' || head[at] == '\\' || head[at] == ' ')) {
    ++at;
  }
  std::string name;
  while (at < head.size() && name.size() < 40) {
    const char c = head[at++];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
          c == ':')) {
      break;
    }
    name += c;
  }
  return name;
}

// A code page 8-bit strings can be in: not none, not UTF-16.
std::optional<uint32_t> Usable(std::optional<uint32_t> code_page) {
  if (!code_page || *code_page == 0 || *code_page == 1200 || *code_page == 1201) {
    return std::nullopt;
  }
  return code_page;
}

// The Windows ANSI code page of a locale (LCID), by its primary language: what an
// Outlook set up for that language writes 8-bit strings in.
uint32_t AnsiCodePageOfLocale(uint32_t lcid) {
  const uint32_t language = lcid & 0x3FF;
  const uint32_t sublanguage = (lcid >> 10) & 0x3F;
  switch (language) {
    case 0x05:
    case 0x0E:
    case 0x15:
    case 0x18:
    case 0x1B:
    case 0x1C:
    case 0x24:
      return 1250;  // Czech, Hungarian, Polish, Romanian, Slovak, Albanian, Slovenian
    case 0x1A:
      return sublanguage == 3 ? 1251 : 1250;  // Serbian in Cyrillic; Croatian, Bosnian
    case 0x02:
    case 0x19:
    case 0x22:
    case 0x23:
    case 0x2F:
    case 0x3F:
    case 0x40:
    case 0x44:
    case 0x50:
      return 1251;  // Bulgarian, Russian, Ukrainian, Belarusian, Macedonian, Kazakh, ...
    case 0x08:
      return 1253;  // Greek
    case 0x1F:
    case 0x2C:
    case 0x43:
      return 1254;  // Turkish, Azerbaijani, Uzbek
    case 0x0D:
      return 1255;  // Hebrew
    case 0x01:
    case 0x20:
    case 0x29:
      return 1256;  // Arabic, Urdu, Persian
    case 0x25:
    case 0x26:
    case 0x27:
      return 1257;  // Estonian, Latvian, Lithuanian
    case 0x2A:
      return 1258;  // Vietnamese
    case 0x1E:
      return 874;  // Thai
    case 0x11:
      return 932;  // Japanese
    case 0x12:
      return 949;  // Korean
    case 0x04:
      return sublanguage == 2 || sublanguage == 4 ? 936 : 950;  // Chinese: PRC, Singapore
    default:
      return kDefaultCodePage;
  }
}

// --- Dates ------------------------------------------------------------------------

struct Moment {
  int year;
  int month;
  int day;
  int hour;
  int minute;
  int second;
  int weekday;  // 0 Sunday
};

// A FILETIME's civil date and time in UTC (the "days from civil" inverse of
// Howard Hinnant's date algorithms), or nothing outside the years 1601 to 9999.
std::optional<Moment> MomentOf(uint64_t filetime) {
  if (filetime == 0) return std::nullopt;
  const uint64_t seconds = filetime / 10'000'000;
  const int64_t days_since_1601 = static_cast<int64_t>(seconds / 86400);
  const int64_t in_day = static_cast<int64_t>(seconds % 86400);
  const int64_t z = days_since_1601 - 134774 + 719468;  // days since 0000-03-01
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1601 || year > 9999) return std::nullopt;
  const int64_t days_since_1970 = days_since_1601 - 134774;
  Moment m{};
  m.year = static_cast<int>(year);
  m.month = static_cast<int>(month);
  m.day = static_cast<int>(day);
  m.hour = static_cast<int>(in_day / 3600);
  m.minute = static_cast<int>(in_day / 60 % 60);
  m.second = static_cast<int>(in_day % 60);
  m.weekday = static_cast<int>(((days_since_1970 % 7) + 7 + 4) % 7);  // 1970-01-01: Thursday
  return m;
}

// --- Addresses ----------------------------------------------------------------------

// A display name as a reader would type it: quoted when it holds a character that
// separates addresses (as mime_message.cc writes them).
std::string DisplayName(const std::string& name) {
  if (name.find_first_of(",;:<>@\"") == std::string::npos) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// "Name <address>", "address" or "Name". Exchange's own addresses ("/O=ORG/OU=...")
// name nobody a reader knows: an address is shown only when it is an Internet one.
std::string Mailbox(std::string name, std::string address) {
  name = Trim(name);
  address = Trim(address);
  if (address.find('@') == std::string::npos || address.front() == '/') address.clear();
  if (name.empty() || name == address) return address;
  if (address.empty()) return DisplayName(name);
  return DisplayName(name) + " <" + address + ">";
}

std::string SenderLine(const PropertyBag& m, uint32_t cp) {
  auto address = [&](uint16_t smtp, uint16_t email) {
    std::string a = m.Text(smtp, cp);
    return a.empty() ? m.Text(email, cp) : a;
  };
  std::string from =
      Mailbox(m.Text(prop::kSenderName, cp), address(prop::kSenderSmtp, prop::kSenderEmail));
  if (from.empty()) {
    from = Mailbox(m.Text(prop::kSentRepresentingName, cp),
                   address(prop::kSentRepresentingSmtp, prop::kSentRepresentingEmail));
  }
  return from;
}

// The recipients of one type, joined by ", "; at most 1000 named, then how many more.
std::string RecipientLine(const std::vector<PropertyBag>& recipients, uint32_t type, uint32_t cp) {
  constexpr size_t kMostNamed = 1000;
  std::string line;
  size_t named = 0;
  size_t more = 0;
  for (const PropertyBag& r : recipients) {
    if (r.Long(prop::kRecipientType).value_or(1) != type) continue;
    std::string address = r.Text(prop::kSmtpAddress, cp);
    if (address.empty()) address = r.Text(prop::kEmailAddress, cp);
    std::string one = Mailbox(r.Text(prop::kDisplayName, cp), address);
    if (one.empty()) continue;
    if (named == kMostNamed) {
      ++more;
      continue;
    }
    if (!line.empty()) line += ", ";
    line += one;
    ++named;
  }
  if (more > 0) line += " and " + std::to_string(more) + " more";
  return line;
}

// --- The body -------------------------------------------------------------------

constexpr size_t kMaxRtfBytes = 256ull << 20;

// The HTML body as text. Stored as bytes, it is in the body's code page when the
// message names one (the <meta> may say otherwise: Outlook converts without changing
// it), else in the charset the HTML declares, else in the strings' code page.
std::string HtmlBody(const PropertyBag& m, uint32_t cp) {
  std::string html = m.Text(prop::kHtml, cp);
  if (html.empty()) {
    const std::string* bytes = m.Bytes(prop::kHtml, kTypeBinary);
    if (bytes == nullptr) return "";
    std::optional<uint32_t> body_cp = Usable(m.Long(prop::kInternetCodepage));
    std::string declared = DeclaredCharset(*bytes);
    if (body_cp || declared.empty() || !FromCharset(*bytes, declared, html)) {
      html = FromCodePage(*bytes, body_cp.value_or(cp));
    }
  }
  return Trim(text::NormalizeNewlines(HtmlToText(html)));
}

std::string Body(const PropertyBag& m, uint32_t cp, std::vector<std::string>& not_read) {
  const uint32_t body_cp = Usable(m.Long(prop::kInternetCodepage)).value_or(cp);
  std::string plain = Trim(text::NormalizeNewlines(m.Text(prop::kBody, body_cp)));
  if (!plain.empty()) return plain;
  std::string html = HtmlBody(m, cp);
  if (!html.empty()) return html;
  const std::string* rtf = m.Bytes(prop::kRtfCompressed, kTypeBinary);
  if (rtf == nullptr) return "";
  Result<std::string> decompressed = DecompressRtf(*rtf, kMaxRtfBytes);
  if (!decompressed.ok()) {
    not_read.push_back("the message's own text, kept as compressed Rich Text: " +
                       decompressed.status().message());
    return "";
  }
  return RtfToText(decompressed.value());
}

}  // namespace

// --- PropertyBag --------------------------------------------------------------------

void PropertyBag::Set(uint16_t id, uint16_t type, std::string value) {
  values_.emplace(static_cast<uint32_t>(id) << 16 | type, std::move(value));
}

const std::string* PropertyBag::Bytes(uint16_t id, uint16_t type) const {
  auto it = values_.find(static_cast<uint32_t>(id) << 16 | type);
  return it == values_.end() ? nullptr : &it->second;
}

std::string PropertyBag::Text(uint16_t id, uint32_t code_page) const {
  if (const std::string* wide = Bytes(id, kTypeUnicode)) return FromUtf16(*wide);
  const std::string* narrow = Bytes(id, kTypeString8);
  if (narrow == nullptr) return "";
  std::string_view bytes(*narrow);
  bytes = bytes.substr(0, bytes.find('\0'));
  return FromCodePage(bytes, code_page);
}

std::optional<uint32_t> PropertyBag::Long(uint16_t id) const {
  for (uint16_t type : {kTypeLong, kTypeI2, kTypeBoolean}) {
    const std::string* bytes = Bytes(id, type);
    if (bytes == nullptr || bytes->size() < 2) continue;
    uint32_t value = Le32(*bytes + std::string(4, '\0'), 0);
    if (type != kTypeLong) value &= 0xFFFF;
    return value;
  }
  return std::nullopt;
}

std::optional<uint64_t> PropertyBag::Time(uint16_t id) const {
  const std::string* bytes = Bytes(id, kTypeSysTime);
  if (bytes == nullptr || bytes->size() < 8) return std::nullopt;
  return static_cast<uint64_t>(Le32(*bytes, 0)) | static_cast<uint64_t>(Le32(*bytes, 4)) << 32;
}

// --- Text -------------------------------------------------------------------------

uint32_t CodePageOf(const PropertyBag& message, uint32_t container_code_page) {
  if (std::optional<uint32_t> cp = Usable(message.Long(prop::kMessageCodepage))) return *cp;
  if (std::optional<uint32_t> cp = Usable(container_code_page)) return *cp;
  if (std::optional<uint32_t> locale = message.Long(prop::kMessageLocale)) {
    return AnsiCodePageOfLocale(*locale);
  }
  if (std::optional<uint32_t> cp = Usable(message.Long(prop::kInternetCodepage))) return *cp;
  return kDefaultCodePage;
}

std::string FromCodePage(std::string_view bytes, uint32_t code_page) {
  if (!NeedsConversion(bytes) && code_page != 1200 && code_page != 1201) {
    return std::string(bytes);  // ASCII reads the same in every code page we meet
  }
  std::string out;
  if (FromCharset(bytes, IconvName(code_page), out)) return out;
  if (FromCharset(bytes, IconvName(kDefaultCodePage), out)) return out;
  return ValidUtf8(bytes);
}

std::string FromUtf16(std::string_view bytes) {
  size_t end = 0;
  while (end + 1 < bytes.size() && !(bytes[end] == '\0' && bytes[end + 1] == '\0')) end += 2;
  return Utf16ToUtf8(bytes.substr(0, end));
}

std::string FileTimeIsoDate(uint64_t filetime) {
  std::optional<Moment> m = MomentOf(filetime);
  if (!m) return "";
  std::optional<Date> date = MakeDate(m->year, m->month, m->day);
  return date ? ToIso(*date) : "";
}

std::string FileTimeIsoTime(uint64_t filetime) {
  std::optional<Moment> m = MomentOf(filetime);
  std::string date = FileTimeIsoDate(filetime);
  if (!m || date.empty()) return "";
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", m->hour, m->minute, m->second);
  return date + clock;
}

std::optional<uint64_t> FileTimeOf(int year, int month, int day, int hour, int minute, int second) {
  if (year < 1601 || year > 9999 || !MakeDate(year, month, day)) return std::nullopt;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  // Howard Hinnant's "days from civil", counted from 1601-01-01.
  const int64_t y = year - (month <= 2 ? 1 : 0);
  const int64_t era = y / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + doe - 719468 + 134774;
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second;
  return static_cast<uint64_t>(seconds) * 10'000'000;
}

std::string FileTimeHeader(uint64_t filetime) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::optional<Moment> m = MomentOf(filetime);
  if (!m) return "";
  char text[64];
  std::snprintf(text, sizeof text, "%s, %d %s %04d %02d:%02d:%02d +0000", kDays[m->weekday], m->day,
                kMonths[m->month - 1], m->year, m->hour, m->minute, m->second);
  return text;
}

// --- Compressed RTF ([MS-OXRTFCP]) --------------------------------------------------

Result<std::string> DecompressRtf(std::string_view data, size_t max_bytes) {
  // The dictionary starts out holding these 207 bytes; references may point into them.
  static constexpr std::string_view kPreload =
      "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss "
      "\\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier"
      "{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";
  static_assert(kPreload.size() == 207);
  constexpr uint32_t kCompressed = 0x75465A4C;  // "LZFu"
  constexpr uint32_t kStored = 0x414C454D;      // "MELA"
  if (data.size() < 16) return Status(StatusCode::kUnreadable, "its header is cut short");
  const uint32_t packed = Le32(data, 0);  // counts the bytes after this field
  const uint32_t raw_size = Le32(data, 4);
  const uint32_t kind = Le32(data, 8);
  if (kind != kCompressed && kind != kStored) {
    return Status(StatusCode::kUnreadable, "it is not in a compression format Outlook uses");
  }
  if (raw_size > max_bytes) {
    return Status(StatusCode::kLimit,
                  "it says it holds more than " + std::to_string(max_bytes >> 20) + " MiB of text");
  }
  std::string_view body = data.substr(16);
  if (packed >= 12 && packed - 12 < body.size()) body = body.substr(0, packed - 12);
  if (kind == kStored) return std::string(body.substr(0, raw_size));

  std::array<char, 4096> dictionary{};
  std::copy(kPreload.begin(), kPreload.end(), dictionary.begin());
  uint32_t write = kPreload.size();
  std::string out;
  out.reserve(std::min<size_t>(raw_size, body.size() * 8));
  auto put = [&](char c) {
    out += c;
    dictionary[write] = c;
    write = (write + 1) & 0xFFF;
  };
  size_t at = 0;
  while (at < body.size() && out.size() < raw_size) {
    const auto control = static_cast<unsigned char>(body[at++]);
    for (int bit = 0; bit < 8 && out.size() < raw_size; ++bit) {
      if ((control >> bit & 1) == 0) {
        if (at >= body.size()) return out;
        put(body[at++]);
        continue;
      }
      if (at + 2 > body.size()) return out;
      const uint32_t reference = static_cast<uint32_t>(static_cast<unsigned char>(body[at])) << 8 |
                                 static_cast<unsigned char>(body[at + 1]);
      at += 2;
      const uint32_t offset = reference >> 4;
      if (offset == write) return out;  // the end marker
      const uint32_t length = (reference & 0xF) + 2;
      for (uint32_t i = 0; i < length && out.size() < raw_size; ++i) {
        put(dictionary[(offset + i) & 0xFFF]);
      }
    }
  }
  return out;
}

// --- Rich Text to text --------------------------------------------------------------

namespace {

// Reads RTF once, left to right. Text goes out through a buffer of 8-bit bytes in the
// document's code page (so two-byte characters written as two \'hh come out whole);
// for HTML wrapped in RTF the HTML is rebuilt from its tags (\*\htmltag groups) and
// its text (outside \htmlrtf), then read by HtmlToText.
class RtfReader {
 public:
  explicit RtfReader(std::string_view rtf) : rtf_(rtf) { groups_.push_back(Group{}); }

  std::string Run() {
    size_t i = 0;
    while (i < rtf_.size()) {
      const char c = rtf_[i];
      if (c == '{') {
        Open();
        ++i;
      } else if (c == '}') {
        Close();
        ++i;
      } else if (c == '\\') {
        i = Control(i + 1);
      } else {
        if (c != '\r' && c != '\n') Byte(c);
        ++i;
      }
    }
    Flush();
    return Trim(from_html_ ? HtmlToText(out_) : text::NormalizeNewlines(out_));
  }

 private:
  struct Group {
    bool skip = false;     // a destination whose text is not the document's
    bool htmlrtf = false;  // RTF-only text of wrapped HTML (\htmlrtf ... \htmlrtf0)
    bool htmltag = false;  // an HTML tag of wrapped HTML (\*\htmltag)
    int uc = 1;            // bytes that stand in for each \uN
  };
  static constexpr size_t kMaxDepth = 256;

  Group& top() { return groups_.back(); }
  bool Suppressed() {
    return overflow_ > 0 || top().skip || (from_html_ && top().htmlrtf && !top().htmltag);
  }

  void Open() {
    Flush();
    if (groups_.size() >= kMaxDepth) {
      ++overflow_;  // deeper groups are hostile or broken: their text is left out
      return;
    }
    groups_.push_back(top());
  }
  void Close() {
    Flush();
    if (overflow_ > 0) {
      --overflow_;
    } else if (groups_.size() > 1) {
      groups_.pop_back();
    }
  }

  void Byte(char c) {
    if (skip_chars_ > 0) {
      --skip_chars_;
      return;
    }
    if (Suppressed() || c == '\0') return;  // a NUL ends many stored RTF bodies: no text
    if (!pending_.empty() && pending_tag_ != top().htmltag) Flush();
    pending_tag_ = top().htmltag;
    pending_ += c;
  }

  // Text already in UTF-8 (a \uN character, a paragraph's end).
  void Text(std::string_view utf8) {
    if (Suppressed()) return;
    Flush();
    Append(utf8, top().htmltag);
  }

  void Flush() {
    if (pending_.empty()) return;
    Append(FromCodePage(pending_, code_page_), pending_tag_);
    pending_.clear();
  }

  void Append(std::string_view utf8, bool tag) {
    if (!from_html_ || tag) {
      out_ += utf8;
      return;
    }
    for (char c : utf8) {  // the HTML's text, put back as HTML
      if (c == '&') {
        out_ += "&amp;";
      } else if (c == '<') {
        out_ += "&lt;";
      } else if (c == '>') {
        out_ += "&gt;";
      } else {
        out_ += c;
      }
    }
  }

  // Reads the control word or symbol after a backslash at `i`; returns where the next
  // token starts.
  size_t Control(size_t i) {
    if (i >= rtf_.size()) return i;
    const char c = rtf_[i];
    if (!std::isalpha(static_cast<unsigned char>(c))) return Symbol(i);
    std::string word;
    while (i < rtf_.size() && word.size() < 32 &&
           std::isalpha(static_cast<unsigned char>(rtf_[i]))) {
      word += rtf_[i++];
    }
    bool negative = false;
    if (i < rtf_.size() && rtf_[i] == '-') {
      negative = true;
      ++i;
    }
    bool has_param = false;
    int64_t param = 0;
    for (int digits = 0;
         i < rtf_.size() && digits < 10 && std::isdigit(static_cast<unsigned char>(rtf_[i]));
         ++digits) {
      param = param * 10 + (rtf_[i++] - '0');
      has_param = true;
    }
    if (negative) param = -param;
    if (i < rtf_.size() && rtf_[i] == ' ') ++i;
    if (word == "bin" && param > 0) {  // raw bytes follow: never text
      return i + std::min<size_t>(static_cast<size_t>(param), rtf_.size() - i);
    }
    Word(word, has_param, param);
    return i;
  }

  size_t Symbol(size_t i) {
    const char c = rtf_[i];
    switch (c) {
      case '\\':
      case '{':
      case '}':
        Byte(c);
        return i + 1;
      case '\'': {
        if (i + 2 < rtf_.size() && std::isxdigit(static_cast<unsigned char>(rtf_[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(rtf_[i + 2]))) {
          const char hex[3] = {rtf_[i + 1], rtf_[i + 2], '\0'};
          Byte(static_cast<char>(std::strtol(hex, nullptr, 16)));
          return i + 3;
        }
        return i + 1;
      }
      case '*':
        star_ = true;
        return i + 1;
      case '~':
        Text(" ");
        return i + 1;
      case '_':
        Text("-");
        return i + 1;
      case '\r':
      case '\n':
        Text("\n");
        return i + 1;
      default:
        return i + 1;  // \- (optional hyphen), \| and the rest show nothing
    }
  }

  void Word(const std::string& word, bool has_param, int64_t param) {
    const bool star = std::exchange(star_, false);
    if (star && word == "htmltag" && from_html_) {
      top().htmltag = true;
      return;
    }
    if (star || IsSkippedDestination(word)) {
      top().skip = true;
      return;
    }
    if (word == "u" && has_param) {
      AppendCodePoint(static_cast<uint32_t>(param < 0 ? param + 65536 : param));
      skip_chars_ = top().uc;
    } else if (word == "uc" && has_param) {
      top().uc = static_cast<int>(std::clamp<int64_t>(param, 0, 8));
    } else if (word == "ansicpg" && param > 0) {
      Flush();
      code_page_ = static_cast<uint32_t>(param);
    } else if (word == "fromhtml") {
      from_html_ = true;
    } else if (word == "htmlrtf") {
      top().htmlrtf = !has_param || param != 0;
    } else if (word == "par" || word == "line" || word == "sect" || word == "page" ||
               word == "row") {
      Text("\n");
    } else if (word == "tab" || word == "cell") {
      Text("\t");
    } else if (word == "emdash") {
      Text("\xE2\x80\x94");
    } else if (word == "endash") {
      Text("\xE2\x80\x93");
    } else if (word == "bullet") {
      Text("\xE2\x80\xA2");
    } else if (word == "lquote" || word == "rquote") {
      Text("'");
    } else if (word == "ldblquote" || word == "rdblquote") {
      Text("\"");
    } else if (word == "emspace" || word == "enspace" || word == "qmspace") {
      Text(" ");
    }
  }

  void AppendCodePoint(uint32_t code_point) {
    // A high surrogate waits for its low one.
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      high_surrogate_ = code_point;
      return;
    }
    if (code_point >= 0xDC00 && code_point <= 0xDFFF && high_surrogate_ != 0) {
      code_point = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (code_point - 0xDC00);
    }
    high_surrogate_ = 0;
    std::string utf8;
    AppendUtf8(code_point, utf8);
    Text(utf8);
  }

  // Destinations that hold no text of the document: tables of fonts, colours and
  // styles, pictures and objects' data, fields' instructions, and Word's own parts.
  static bool IsSkippedDestination(const std::string& word) {
    static constexpr std::string_view kSkipped[] = {"fonttbl",
                                                    "colortbl",
                                                    "stylesheet",
                                                    "pict",
                                                    "objdata",
                                                    "themedata",
                                                    "datastore",
                                                    "fldinst",
                                                    "filetbl",
                                                    "revtbl",
                                                    "colorschememapping",
                                                    "listtable",
                                                    "rsidtbl",
                                                    "generator",
                                                    "xmlnstbl",
                                                    "listoverridetable",
                                                    "latentstyles",
                                                    "mmathPr",
                                                    "pgdsctbl",
                                                    "blipuid",
                                                    "nonshppict",
                                                    "bkmkstart",
                                                    "bkmkend",
                                                    "sp",
                                                    "wgrffmtfilter"};
    return std::find(std::begin(kSkipped), std::end(kSkipped), word) != std::end(kSkipped);
  }

  std::string_view rtf_;
  std::vector<Group> groups_;
  size_t overflow_ = 0;
  std::string pending_;
  bool pending_tag_ = false;
  std::string out_;
  uint32_t code_page_ = kDefaultCodePage;
  bool from_html_ = false;
  bool star_ = false;
  int skip_chars_ = 0;
  uint32_t high_surrogate_ = 0;
};

}  // namespace

std::string RtfToText(std::string_view rtf) { return RtfReader(rtf).Run(); }

// --- The message --------------------------------------------------------------------

void BuildMessage(const PropertyBag& message, const std::vector<PropertyBag>& recipients,
                  uint32_t code_page, mime::Message& out) {
  auto add = [&out](const char* name, const std::string& value) {
    std::string trimmed = Trim(value);
    if (!trimmed.empty()) out.headers.emplace_back(name, std::move(trimmed));
  };
  add("From", SenderLine(message, code_page));
  std::string to = RecipientLine(recipients, 1, code_page);
  add("To", to.empty() ? message.Text(prop::kDisplayTo, code_page) : to);
  std::string cc = RecipientLine(recipients, 2, code_page);
  add("Cc", cc.empty() ? message.Text(prop::kDisplayCc, code_page) : cc);
  std::optional<uint64_t> sent = message.Time(prop::kClientSubmitTime);
  if (!sent) sent = message.Time(prop::kDeliveryTime);
  if (sent) {
    add("Date", FileTimeHeader(*sent));
    out.date = FileTimeIsoDate(*sent);
    out.time = FileTimeIsoTime(*sent);
  }
  out.subject = Trim(message.Text(prop::kSubject, code_page));
  if (out.subject.empty()) {
    out.subject = Trim(message.Text(prop::kSubjectPrefix, code_page) +
                       message.Text(prop::kNormalizedSubject, code_page));
  }
  if (out.subject.empty()) out.subject = Trim(message.Text(prop::kConversationTopic, code_page));
  add("Subject", out.subject);
  add("Message-ID", message.Text(prop::kInternetMessageId, code_page));
  // What ties a reply to its thread (the inbox groups by them, mailbox.h).
  add("In-Reply-To", message.Text(prop::kInReplyToId, code_page));
  add("References", message.Text(prop::kInternetReferences, code_page));
  out.body = Body(message, code_page, out.not_read);
}

std::string AttachmentName(const PropertyBag& attachment, uint32_t code_page) {
  for (uint16_t id : {prop::kAttachLongFilename, prop::kAttachFilename, prop::kDisplayName}) {
    std::string name = Trim(attachment.Text(id, code_page));
    if (!name.empty()) return name;
  }
  return "";
}

std::string DescribeAttachment(std::string_view name) {
  return name.empty() ? "an attachment without a name"
                      : "the attachment \"" + std::string(name) + "\"";
}

// --- Writing attachments ----------------------------------------------------------

Status FileWriter::Write(std::string_view bytes) {
  if (bytes.size() > size_ - written_) {
    return Status(StatusCode::kUnreadable, "its data is longer than the file says");
  }
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return Status(StatusCode::kIo,
                    "could not write an email attachment; check the free space in the output "
                    "folder");
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    written_ += static_cast<uint64_t>(n);
  }
  return Status::Ok();
}

AttachmentSink::AttachmentSink(const mime::PathForAttachment& path_for, uint64_t max_bytes,
                               bool* truncated, std::vector<std::string>* not_read)
    : path_for_(path_for), max_bytes_(max_bytes), truncated_(truncated), not_read_(not_read) {}

bool AttachmentSink::Fits(uint64_t size) {
  if (size <= remaining()) return true;
  if (truncated_ != nullptr) *truncated_ = true;  // the caller reports the limit
  return false;
}

Status AttachmentSink::Add(mime::Attachment attachment, uint64_t size, const Fill& fill) {
  if (!Fits(size)) return Status::Ok();
  attachment.path = path_for_(attachment.name);
  if (attachment.path.empty()) return Status::Ok();  // the caller is at a limit of its own
  const int fd =
      open(attachment.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return Status(StatusCode::kIo,
                  "could not create a file for an email attachment; check that the output "
                  "folder exists and is writable");
  }
  FileWriter writer(fd, size);
  Status status = fill(writer);
  const bool closed = close(fd) == 0;
  if (status.code() == StatusCode::kIo || !closed) {
    (void)unlink(attachment.path.c_str());
    return status.code() == StatusCode::kIo
               ? status
               : Status(StatusCode::kIo, "could not write an email attachment");
  }
  if (!status.ok() || writer.written() != size) {
    (void)unlink(attachment.path.c_str());
    if (not_read_ != nullptr) {
      not_read_->push_back(DescribeAttachment(attachment.name) + ": " +
                           (status.ok() ? "its data is cut short" : status.message()));
    }
    return Status::Ok();
  }
  attachment.size = size;
  written_ += size;
  attachments_.push_back(std::move(attachment));
  return Status::Ok();
}

void AttachmentSink::RemoveWritten() {
  for (const mime::Attachment& a : attachments_) (void)unlink(a.path.c_str());
  attachments_.clear();
}

}  // namespace qpm::mapi
