#include "pipeline/ingest/sniff.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <functional>
#include <set>
#include <vector>

#include "pipeline/core/utf8.h"

namespace qpm {
namespace {

constexpr size_t kHeadBytes = 64 * 1024;
constexpr size_t kTailBytes = 64 * 1024 + 22;  // a zip's end record sits in the last 64 KiB + 22

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) !=
        std::tolower(static_cast<unsigned char>(suffix[i]))) {
      return false;
    }
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Text: no NUL bytes, and either valid UTF-8 or nearly all printable single bytes
// (Windows-1252 notes are common).
bool LooksLikeText(std::string_view head) {
  if (head.empty()) return false;
  if (head.find('\0') != std::string_view::npos) return false;
  bool utf8 = true;
  size_t printable = 0;
  for (size_t i = 0; i < head.size();) {
    unsigned char c = static_cast<unsigned char>(head[i]);
    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t' || c == '\f') ++printable;
    size_t invalid = 0;
    size_t len = Utf8CharLength(head, i, &invalid);
    // A character cut off by the end of the sample window is not an error.
    if (len == 0 && i + invalid >= head.size() && head.size() >= kHeadBytes) len = invalid;
    if (len == 0) {
      utf8 = false;
      ++i;
    } else {
      i += len;
    }
  }
  return utf8 || printable * 100 >= head.size() * 97;
}

// A block of RFC 5322 header lines up to the first blank line, with at least one
// field that only mail carries.
bool LooksLikeEmail(std::string_view head, std::string_view name) {
  static const std::array<std::string_view, 9> kMailOnly = {
      "received",    "return-path",  "mime-version",
      "message-id",  "delivered-to", "x-gmail-received",
      "in-reply-to", "references",   "content-transfer-encoding"};
  static const std::array<std::string_view, 6> kCommon = {"from", "to", "subject",
                                                          "date", "cc", "content-type"};
  size_t pos = 0;
  int mail_only = 0;
  int common = 0;
  int lines = 0;
  if (StartsWith(head, "From ")) {  // mbox separator line
    ++mail_only;
    pos = head.find('\n');
    if (pos == std::string_view::npos) return false;
    ++pos;
  }
  while (pos < head.size() && lines < 500) {
    size_t eol = head.find('\n', pos);
    std::string_view line =
        head.substr(pos, eol == std::string_view::npos ? head.size() - pos : eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // end of the header block
    ++lines;
    if (line[0] == ' ' || line[0] == '\t') {
      if (lines == 1) return false;
    } else {
      size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) return false;
      std::string_view field = line.substr(0, colon);
      for (char c : field) {
        if (c <= ' ' || c > '~') return false;
      }
      std::string f = Lower(field);
      if (std::find(kMailOnly.begin(), kMailOnly.end(), f) != kMailOnly.end()) ++mail_only;
      if (std::find(kCommon.begin(), kCommon.end(), f) != kCommon.end()) ++common;
    }
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  if (lines == 0) return false;
  // From, To, Subject and Date also head ordinary notes: a file is an email when it
  // has a field only mail carries, or when it is named .eml.
  if (mail_only > 0) return true;
  return common >= 1 && EndsWithNoCase(name, ".eml");
}

bool ContainsUtf16(std::string_view hay, std::string_view ascii) {
  std::string needle;
  for (char c : ascii) {
    needle.push_back(c);
    needle.push_back('\0');
  }
  return hay.find(needle) != std::string_view::npos;
}

uint32_t Le32(std::string_view b, size_t at) {
  if (at + 4 > b.size()) return 0xFFFFFFFF;
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

using ReadAt = std::function<std::string(uint64_t offset, size_t length)>;

// The names of the entries directly under the root storage of an OLE (compound
// file binary, [MS-CFB]) file: its FAT, the directory's sector chain, then the
// root's child tree. The file is hostile: every walk is bounded and loops end it.
// Empty when the directory cannot be read.
std::vector<std::string> OleTopNames(const ReadAt& read_at, uint64_t size) {
  constexpr uint32_t kEnd = 0xFFFFFFFA;  // sector numbers at and above this are markers
  constexpr size_t kMaxDirectorySectors = 4096;
  std::string header = read_at(0, 512);
  if (header.size() < 512) return {};
  unsigned shift = static_cast<unsigned char>(header[0x1E]);
  if (shift != 9 && shift != 12) return {};
  const uint64_t sector = 1ull << shift;
  const uint64_t per_sector = sector / 4;
  auto sector_at = [&](uint32_t n) { return (static_cast<uint64_t>(n) + 1) * sector; };
  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  std::vector<uint32_t> fat_sectors;
  uint32_t fat_count = Le32(header, 0x2C);
  for (size_t i = 0; i < 109 && fat_sectors.size() < fat_count; ++i) {
    fat_sectors.push_back(Le32(header, 0x4C + 4 * i));
  }
  uint32_t difat = Le32(header, 0x44);
  std::set<uint32_t> seen;
  while (difat < kEnd && fat_sectors.size() < fat_count && seen.insert(difat).second &&
         sector_at(difat) + sector <= size) {
    std::string block = read_at(sector_at(difat), static_cast<size_t>(sector));
    for (uint64_t i = 0; i + 1 < per_sector && fat_sectors.size() < fat_count; ++i) {
      fat_sectors.push_back(Le32(block, static_cast<size_t>(4 * i)));
    }
    difat = Le32(block, static_cast<size_t>(sector - 4));
  }
  auto next = [&](uint32_t n) -> uint32_t {
    uint64_t which = n / per_sector;
    if (which >= fat_sectors.size() || fat_sectors[which] >= kEnd) return kEnd;
    std::string entry = read_at(sector_at(fat_sectors[which]) + 4 * (n % per_sector), 4);
    return Le32(entry, 0);
  };
  // The directory: 128-byte entries in a chain of sectors.
  std::string directory;
  seen.clear();
  for (uint32_t n = Le32(header, 0x30); n < kEnd && seen.size() < kMaxDirectorySectors &&
                                        seen.insert(n).second && sector_at(n) + sector <= size;
       n = next(n)) {
    directory += read_at(sector_at(n), static_cast<size_t>(sector));
  }
  const size_t entries = directory.size() / 128;
  if (entries == 0 || directory[66] != 5) return {};  // entry 0 is the root storage
  auto name_of = [&](size_t i) {
    std::string_view e(directory.data() + i * 128, 128);
    size_t bytes =
        std::min<size_t>(64, static_cast<unsigned char>(e[64]) |
                                 static_cast<size_t>(static_cast<unsigned char>(e[65])) << 8);
    std::string out;
    for (size_t k = 0; k + 1 < bytes; k += 2) {
      if (e[k] == 0 && e[k + 1] == 0) break;
      out.push_back(e[k + 1] == 0 ? e[k] : '?');  // stream names that matter are ASCII
    }
    return out;
  };
  // The root's children are a tree linked by left and right siblings.
  std::vector<std::string> names;
  std::vector<uint32_t> todo = {Le32(directory, 76)};
  std::set<uint32_t> visited;
  while (!todo.empty() && names.size() < 10'000) {
    uint32_t i = todo.back();
    todo.pop_back();
    if (i >= entries || !visited.insert(i).second) continue;
    names.push_back(name_of(i));
    todo.push_back(Le32(directory, i * 128 + 68));
    todo.push_back(Le32(directory, i * 128 + 72));
  }
  return names;
}

// "12 0 obj" followed somewhere by a PDF keyword.
bool LooksLikeHeaderlessPdf(std::string_view s) {
  for (size_t pos = s.find(" obj"); pos != std::string_view::npos; pos = s.find(" obj", pos + 4)) {
    // digits, a space, digits, then " obj"
    size_t i = pos;
    size_t gen_digits = 0;
    while (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) --i, ++gen_digits;
    if (gen_digits == 0 || i == 0 || s[i - 1] != ' ') continue;
    --i;
    size_t num_digits = 0;
    while (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) --i, ++num_digits;
    if (num_digits == 0) continue;
    return s.find("endobj") != std::string_view::npos ||
           s.find("trailer") != std::string_view::npos ||
           s.find("/Type") != std::string_view::npos ||
           s.find("startxref") != std::string_view::npos;
  }
  return false;
}

std::string JunkReasonByName(std::string_view name) {
  // Look at every folder on the way as well as the file's own name.
  std::string n(name);
  std::replace(n.begin(), n.end(), '\\', '/');
  size_t start = 0;
  std::string base;
  for (;;) {
    size_t slash = n.find('/', start);
    std::string part =
        n.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "__MACOSX") return "macOS resource data (__MACOSX), not a document";
    if (slash == std::string::npos) {
      base = part;
      break;
    }
    start = slash + 1;
  }
  std::string lower = Lower(base);
  if (lower == ".ds_store") return "macOS folder settings (.DS_Store), not a document";
  if (lower == "thumbs.db" || lower == "ehthumbs.db")
    return "Windows thumbnail cache (Thumbs.db), not a document";
  if (lower == "desktop.ini") return "Windows folder settings (desktop.ini), not a document";
  if (StartsWith(base, "~$"))
    return "Office lock file (~$...), left behind while a document was open";
  if (StartsWith(base, "._")) return "macOS resource data (._ file), not a document";
  return "";
}

}  // namespace

std::string SniffBytes(std::string_view head, std::string_view tail, std::string_view name) {
  if (head.empty()) return std::string(kMediaOctets);
  // PDF: the header may follow some junk (up to 1 KiB, as readers allow).
  if (head.substr(0, std::min<size_t>(head.size(), 1024)).find("%PDF-") != std::string_view::npos) {
    return std::string(kMediaPdf);
  }
  if (StartsWith(head, "PK\x03\x04") || StartsWith(head, "PK\x05\x06") ||
      StartsWith(head, "PK\x07\x08") || StartsWith(head, "PK\x30\x30")) {
    return std::string(kMediaZip);
  }
  if (StartsWith(head, "\x89PNG\r\n\x1a\n")) return std::string(kMediaPng);
  if (StartsWith(head, "\xff\xd8\xff")) return std::string(kMediaJpeg);
  if (StartsWith(head, std::string_view("II*\0", 4)) ||
      StartsWith(head, std::string_view("MM\0*", 4))) {
    return std::string(kMediaTiff);
  }
  if (StartsWith(head, "GIF87a") || StartsWith(head, "GIF89a")) return "image/gif";
  if (StartsWith(head, "BM") && head.size() > 14 && head[6] == 0 && head[7] == 0)
    return "image/bmp";
  if (head.size() >= 12 && StartsWith(head, "RIFF") && head.substr(8, 4) == "WEBP")
    return "image/webp";
  if (head.size() >= 12 && head.substr(4, 4) == "ftyp" &&
      (head.substr(8, 4) == "heic" || head.substr(8, 4) == "heix" || head.substr(8, 4) == "mif1")) {
    return "image/heic";
  }
  if (StartsWith(head, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) {
    return std::string(ContainsUtf16(head, "EncryptedPackage") ? kMediaOfficeEncrypted : kMediaOle);
  }
  if (StartsWith(head, "\x78\x9f\x3e\x22")) return std::string(kMediaTnef);
  if (StartsWith(head, "\xff\xfe") || StartsWith(head, "\xfe\xff")) {
    // UTF-16 text with its byte-order mark: every other byte of ASCII text is NUL.
    size_t nuls = 0;
    for (size_t i = 2; i < head.size() && i < 512; ++i) nuls += head[i] == '\0';
    if (nuls * 3 >= std::min<size_t>(head.size(), 512) - 2) return std::string(kMediaText16);
  }
  if (StartsWith(head, "\x1f\x8b")) return "application/gzip";
  if (StartsWith(head, "7z\xbc\xaf\x27\x1c")) return "application/x-7z-compressed";
  if (StartsWith(head, "Rar!\x1a\x07")) return "application/vnd.rar";
  if (StartsWith(head, "{\\rtf")) return "application/rtf";
  // A DER SEQUENCE holding the PKCS#7 signedData OID 1.2.840.113549.1.7.2.
  if (StartsWith(head, "\x30\x80") || StartsWith(head, "\x30\x82") ||
      StartsWith(head, "\x30\x83")) {
    if (head.substr(0, 64).find("\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02") !=
        std::string_view::npos) {
      return std::string(kMediaPkcs7);
    }
  }
  // A PDF that lost its header line: readers still open these from their objects.
  if (LooksLikeHeaderlessPdf(head) || LooksLikeHeaderlessPdf(tail)) return std::string(kMediaPdf);
  // A zip with something in front of it (a self-extractor, junk): its end record.
  if (tail.find("PK\x05\x06") != std::string_view::npos && !LooksLikeText(head)) {
    return std::string(kMediaZip);
  }
  std::string_view text = head;
  if (StartsWith(text, "\xef\xbb\xbf")) text.remove_prefix(3);
  if (LooksLikeText(text)) {
    if (LooksLikeEmail(text, name)) return std::string(kMediaEmail);
    std::string start = Lower(text.substr(0, 512));
    size_t first = start.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (start.compare(first, 14, "<!doctype html") == 0 ||
                                       start.compare(first, 5, "<html") == 0)) {
      return std::string(kMediaHtml);
    }
    return std::string(kMediaText);
  }
  return std::string(kMediaOctets);
}

std::string SniffFile(const std::string& path, std::string_view name) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::string(kMediaOctets);
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    close(fd);
    return std::string(kMediaOctets);
  }
  auto read_at = [fd](off_t offset, size_t want) {
    std::string buf(want, '\0');
    size_t got = 0;
    while (got < want) {
      ssize_t n = pread(fd, buf.data() + got, want - got, offset + static_cast<off_t>(got));
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    buf.resize(got);
    return buf;
  };
  uint64_t size = static_cast<uint64_t>(st.st_size);
  std::string head = read_at(0, static_cast<size_t>(std::min<uint64_t>(size, kHeadBytes)));
  uint64_t tail_len = std::min<uint64_t>(size, kTailBytes);
  std::string tail = read_at(static_cast<off_t>(size - tail_len), static_cast<size_t>(tail_len));
  std::string type = SniffBytes(head, tail, name);
  if (type == kMediaOle || type == kMediaOfficeEncrypted) {
    const std::vector<std::string> top_names = OleTopNames(
        [&read_at](uint64_t off, size_t n) { return read_at(static_cast<off_t>(off), n); }, size);
    const std::string_view by_names = OleOfficeType(top_names, name);
    if (by_names == kMediaOutlookMsg) {
      // Its directory decides first: an Outlook message may carry an encrypted Office
      // file, whose "EncryptedPackage" then appears among the message's bytes.
      type = std::string(by_names);
    } else if (type == kMediaOle) {
      // The directory naming "EncryptedPackage" can sit anywhere: scan the file in chunks.
      constexpr size_t kChunk = 1 << 20;
      for (uint64_t off = 0; off < size; off += kChunk - 64) {
        std::string chunk = read_at(static_cast<off_t>(off), kChunk);
        if (ContainsUtf16(chunk, "EncryptedPackage")) {
          type = std::string(kMediaOfficeEncrypted);
          break;
        }
        if (chunk.size() < kChunk) break;
      }
      if (type == kMediaOle) type = std::string(by_names);
    }
  }
  close(fd);
  return type;
}

std::string JunkReason(std::string_view name, std::string_view head, uint64_t size) {
  // What each kind of junk looks like inside.
  bool apple_double = StartsWith(head, std::string_view("\x00\x05\x16\x07", 4)) ||
                      StartsWith(head, std::string_view("\x00\x05\x16\x00", 4));
  bool ds_store = head.size() >= 8 && head.substr(4, 4) == "Bud1";
  bool ole = StartsWith(head, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");
  std::string reason = JunkReasonByName(name);
  if (reason.empty()) return "";
  std::string base = Lower(name.substr(
      name.find_last_of("/\\") == std::string_view::npos ? 0 : name.find_last_of("/\\") + 1));
  if (base == ".ds_store") return ds_store || size == 0 ? reason : "";
  if (base == "thumbs.db" || base == "ehthumbs.db") return ole ? reason : "";
  if (base == "desktop.ini") return size <= 4096 && LooksLikeText(head) ? reason : "";
  if (StartsWith(base, "~$")) return size <= 512 ? reason : "";  // Office lock files: 162 bytes
  return apple_double ? reason : "";  // __MACOSX/ and ._ files are AppleDouble
}

bool ExtensionMatches(std::string_view name, std::string_view media_type) {
  size_t dot = name.rfind('.');
  size_t slash = name.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return true;
  std::string ext = Lower(name.substr(dot + 1));
  auto is = [&](std::initializer_list<std::string_view> types) {
    return std::find(types.begin(), types.end(), media_type) != types.end();
  };
  if (ext == "pdf") return is({kMediaPdf});
  if (ext == "docx") return is({kMediaDocx, kMediaOfficeEncrypted});
  if (ext == "zip") return is({kMediaZip});
  if (ext == "eml") return is({kMediaEmail});
  if (ext == "msg") return is({kMediaOutlookMsg});
  if (ext == "txt") return is({kMediaText, kMediaText16, kMediaHtml, kMediaEmail});
  if (ext == "png") return is({kMediaPng});
  if (ext == "jpg" || ext == "jpeg") return is({kMediaJpeg});
  if (ext == "tif" || ext == "tiff") return is({kMediaTiff});
  return true;  // other extensions make no promise we check
}

std::string_view OfficeTypeByExtension(std::string_view name) {
  if (EndsWithNoCase(name, ".docx")) return kMediaDocx;
  if (EndsWithNoCase(name, ".xlsx")) return kMediaXlsx;
  if (EndsWithNoCase(name, ".pptx")) return kMediaPptx;
  if (EndsWithNoCase(name, ".odt")) return kMediaOdt;
  if (EndsWithNoCase(name, ".ods")) return kMediaOds;
  if (EndsWithNoCase(name, ".odp")) return kMediaOdp;
  return "";
}

std::string_view OleOfficeType(const std::vector<std::string>& top_names, std::string_view name) {
  if (top_names.empty()) {
    if (EndsWithNoCase(name, ".doc") || EndsWithNoCase(name, ".dot")) return kMediaDoc;
    if (EndsWithNoCase(name, ".xls") || EndsWithNoCase(name, ".xlt")) return kMediaXls;
    if (EndsWithNoCase(name, ".ppt") || EndsWithNoCase(name, ".pot")) return kMediaPpt;
    return kMediaOle;
  }
  auto has = [&](std::string_view n) {
    return std::find(top_names.begin(), top_names.end(), n) != top_names.end();
  };
  // An Outlook message may carry a Word file, but never at its top. Its property
  // stream and one property of its own make it a message ([MS-OXMSG] 2.4, 2.1.3).
  bool properties = false;
  bool property = false;
  for (const std::string& n : top_names) {
    properties |= n == "__properties_version1.0";
    property |= StartsWith(n, "__substg1.0_");
  }
  if (properties && property) return kMediaOutlookMsg;
  if (properties || property) return kMediaOle;
  if (has("WordDocument")) return kMediaDoc;
  if (has("PowerPoint Document")) return kMediaPpt;
  if (has("Workbook") || has("Book")) return kMediaXls;
  return kMediaOle;
}

}  // namespace qpm
