// scripts/make_samples/outlook_writer.cc — .msg and winmail.dat files for samples and tests.
//
// Written from the specifications ([MS-OXMSG], [MS-OXTNEF], [MS-OXRTFCP]), not from the
// reader in pipeline/ingest/, so a test that reads back what this writes checks the
// reader against the format rather than against itself.
#include "outlook_writer.h"

#include <iconv.h>

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <gsf/gsf.h>
#pragma GCC diagnostic pop

namespace qpm::samples {
namespace {

// Property types and ids ([MS-OXCDATA], [MS-OXPROPS]).
constexpr uint16_t kLong = 0x0003;
constexpr uint16_t kObject = 0x000D;
constexpr uint16_t kString8 = 0x001E;
constexpr uint16_t kUnicode = 0x001F;
constexpr uint16_t kSysTime = 0x0040;
constexpr uint16_t kBinary = 0x0102;

constexpr uint16_t kMessageClass = 0x001A;
constexpr uint16_t kSubject = 0x0037;
constexpr uint16_t kClientSubmitTime = 0x0039;
constexpr uint16_t kRecipientType = 0x0C15;
constexpr uint16_t kSenderName = 0x0C1A;
constexpr uint16_t kSenderAddrType = 0x0C1E;
constexpr uint16_t kSenderEmail = 0x0C1F;
constexpr uint16_t kDisplayTo = 0x0E04;
constexpr uint16_t kBody = 0x1000;
constexpr uint16_t kRtfCompressed = 0x1009;
constexpr uint16_t kHtml = 0x1013;
constexpr uint16_t kInternetMessageId = 0x1035;
constexpr uint16_t kDisplayName = 0x3001;
constexpr uint16_t kAddrType = 0x3002;
constexpr uint16_t kEmailAddress = 0x3003;
constexpr uint16_t kAttachData = 0x3701;
constexpr uint16_t kAttachFilename = 0x3704;
constexpr uint16_t kAttachMethod = 0x3705;
constexpr uint16_t kAttachLongFilename = 0x3707;
constexpr uint16_t kAttachMimeTag = 0x370E;
constexpr uint16_t kSmtpAddress = 0x39FE;
constexpr uint16_t kInternetCodepage = 0x3FDE;
constexpr uint16_t kMessageCodepage = 0x3FFD;
constexpr uint16_t kSenderSmtp = 0x5D01;

// IID_IMessage, {00020307-0000-0000-C000-000000000046}, as TNEF stores it.
constexpr std::string_view kIidMessage(
    "\x07\x03\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 16);

void PutLe(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>(v >> (8 * i) & 0xFF);
}

std::string Utf16(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) {
      cp = c & 0x07u;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0Fu;
      len = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1Fu;
      len = 2;
    }
    for (size_t k = 1; k < len && i + k < utf8.size(); ++k) {
      cp = cp << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      PutLe(out, 0xD800 + (cp >> 10), 2);
      PutLe(out, 0xDC00 + (cp & 0x3FF), 2);
    } else {
      PutLe(out, cp, 2);
    }
  }
  return out;
}

// UTF-8 text in a Windows code page, through iconv; the writer's callers pass text the
// code page holds.
std::string InCodePage(std::string_view utf8, uint32_t code_page) {
  const std::string name = code_page == 65001 ? "UTF-8" : "CP" + std::to_string(code_page);
  iconv_t cd = iconv_open(name.c_str(), "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("unknown code page " + name);
  std::string input(utf8);
  std::string out(input.size() * 4 + 4, '\0');
  char* in = input.data();
  size_t in_left = input.size();
  char* o = out.data();
  size_t o_left = out.size();
  const size_t result = iconv(cd, &in, &in_left, &o, &o_left);
  iconv_close(cd);
  if (result == static_cast<size_t>(-1)) throw std::runtime_error("text not in code page " + name);
  out.resize(out.size() - o_left);
  return out;
}

// A civil UTC time "YYYY-MM-DD HH:MM:SS" as a FILETIME (100 ns since 1601-01-01).
uint64_t FileTime(const std::string& sent) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(sent.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6) {
    throw std::runtime_error("bad date " + sent);
  }
  const int64_t yy = y - (mo <= 2 ? 1 : 0);
  const int64_t era = yy / 400;
  const int64_t yoe = yy - era * 400;
  const int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t days_1970 = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
  const int64_t seconds = (days_1970 + 134774) * 86400 + h * 3600 + mi * 60 + s;
  return static_cast<uint64_t>(seconds) * 10'000'000;
}

// One property to write: a fixed value (its 8 little-endian bytes) or a variable one.
struct Prop {
  uint16_t id;
  uint16_t type;
  std::string value;
};

// The properties of a message, in the order written; strings as the mail's code page asks.
class Props {
 public:
  explicit Props(uint32_t code_page) : code_page_(code_page) {}
  void Text(uint16_t id, std::string_view utf8) {
    if (utf8.empty()) return;
    if (code_page_ == 0) {
      list_.push_back({id, kUnicode, Utf16(utf8) + std::string(2, '\0')});
    } else {
      list_.push_back({id, kString8, InCodePage(utf8, code_page_) + std::string(1, '\0')});
    }
  }
  void Long(uint16_t id, uint32_t v) {
    std::string b;
    PutLe(b, v, 4);
    list_.push_back({id, kLong, b});
  }
  void Time(uint16_t id, uint64_t v) {
    std::string b;
    PutLe(b, v, 8);
    list_.push_back({id, kSysTime, b});
  }
  void Binary(uint16_t id, std::string bytes) { list_.push_back({id, kBinary, std::move(bytes)}); }
  void Object(uint16_t id, std::string bytes) { list_.push_back({id, kObject, std::move(bytes)}); }
  const std::vector<Prop>& list() const { return list_; }

 private:
  uint32_t code_page_;
  std::vector<Prop> list_;
};

std::string RecipientsText(const std::vector<std::pair<std::string, std::string>>& list) {
  std::string out;
  for (const auto& [name, address] : list) out += (out.empty() ? "" : "; ") + name;
  return out;
}

Props MessageProps(const OutlookMail& mail) {
  Props p(mail.code_page);
  p.Text(kMessageClass, "IPM.Note");
  p.Text(kSubject, mail.subject);
  if (mail.rtf_body) {
    p.Binary(kRtfCompressed, CompressedRtf(mail.body));
  } else {
    p.Text(kBody, mail.body);
  }
  if (!mail.html_body.empty()) {
    p.Binary(kHtml, mail.html_body);
    p.Long(kInternetCodepage, 65001);
  }
  p.Text(kSenderName, mail.from_name);
  if (!mail.from_address.empty()) {
    p.Text(kSenderAddrType, "SMTP");
    p.Text(kSenderEmail, mail.from_address);
    p.Text(kSenderSmtp, mail.from_address);
  }
  p.Text(kDisplayTo, RecipientsText(mail.to));
  if (!mail.sent.empty()) p.Time(kClientSubmitTime, FileTime(mail.sent));
  p.Text(kInternetMessageId, mail.message_id);
  if (mail.code_page != 0) p.Long(kMessageCodepage, mail.code_page);
  return p;
}

Props RecipientProps(const std::pair<std::string, std::string>& who, uint32_t type,
                     uint32_t code_page) {
  Props p(code_page);
  p.Long(kRecipientType, type);
  p.Text(kDisplayName, who.first);
  p.Text(kAddrType, "SMTP");
  p.Text(kEmailAddress, who.second);
  p.Text(kSmtpAddress, who.second);
  return p;
}

Props AttachmentProps(const OutlookAttachment& a, uint32_t code_page) {
  Props p(code_page);
  p.Long(kAttachMethod, a.by_reference ? 2 : 1);
  p.Text(kAttachLongFilename, a.file_name);
  p.Text(kAttachFilename, a.file_name);
  p.Text(kDisplayName, a.file_name);
  p.Text(kAttachMimeTag, a.mime_type);
  return p;
}

// --- .msg ------------------------------------------------------------------------------

struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

void WriteStream(GsfOutfile* storage, const std::string& name, std::string_view bytes) {
  GPtr<GsfOutput> out(gsf_outfile_new_child(storage, name.c_str(), FALSE));
  if (!out ||
      (!bytes.empty() &&
       !gsf_output_write(out.get(), bytes.size(), reinterpret_cast<const guint8*>(bytes.data()))) ||
      !gsf_output_close(out.get())) {
    throw std::runtime_error("could not write the stream " + name);
  }
}

std::string Hex8(uint32_t v) {
  char text[16];
  std::snprintf(text, sizeof text, "%08X", v);
  return text;
}

// The property stream after its `header` bytes, and a stream for each variable-size value.
// `extra` are entries for values written by the caller (an attached message's storage).
void WriteProps(GsfOutfile* storage, const Props& props, std::string header,
                const std::vector<Prop>& extra = {}) {
  std::string stream = std::move(header);
  auto entry = [&stream](const Prop& p) {
    PutLe(stream, static_cast<uint32_t>(p.id) << 16 | p.type, 4);
    PutLe(stream, 6, 4);  // readable and writable
    if (p.type == kLong || p.type == kSysTime) {
      std::string value = p.value;
      value.resize(8, '\0');
      stream += value;
    } else {
      PutLe(stream, p.type == kObject ? 0xFFFFFFFFu : p.value.size(), 4);
      PutLe(stream, 0, 4);
    }
  };
  for (const Prop& p : props.list()) {
    entry(p);
    if (p.type != kLong && p.type != kSysTime) {
      WriteStream(storage, "__substg1.0_" + Hex8(static_cast<uint32_t>(p.id) << 16 | p.type),
                  p.value);
    }
  }
  for (const Prop& p : extra) entry(p);
  WriteStream(storage, "__properties_version1.0", stream);
}

GsfOutfile* NewStorage(GsfOutfile* parent, const std::string& name) {
  GsfOutput* made = gsf_outfile_new_child(parent, name.c_str(), TRUE);
  if (made == nullptr) throw std::runtime_error("could not make the storage " + name);
  return GSF_OUTFILE(made);
}

void CloseStorage(GsfOutfile* storage) {
  const bool closed = gsf_output_close(GSF_OUTPUT(storage));
  g_object_unref(storage);
  if (!closed) throw std::runtime_error("could not close a storage");
}

void WriteMessage(GsfOutfile* storage, const OutlookMail& mail, bool top) {
  const auto recipients = static_cast<uint32_t>(mail.to.size() + mail.cc.size());
  const auto attachments =
      static_cast<uint32_t>(mail.attachments.size() + mail.attached_messages.size());
  std::string header(8, '\0');
  PutLe(header, recipients, 4);   // the next recipient's number
  PutLe(header, attachments, 4);  // the next attachment's number
  PutLe(header, recipients, 4);
  PutLe(header, attachments, 4);
  if (top) header += std::string(8, '\0');  // 32 bytes at the top, 24 inside an attachment
  WriteProps(storage, MessageProps(mail), header);
  if (top) {
    GsfOutfile* names = NewStorage(storage, "__nameid_version1.0");
    for (const char* stream :
         {"__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"}) {
      WriteStream(names, stream, "");
    }
    CloseStorage(names);
  }
  uint32_t n = 0;
  for (uint32_t type : {1u, 2u}) {
    for (const auto& who : type == 1 ? mail.to : mail.cc) {
      GsfOutfile* r = NewStorage(storage, "__recip_version1.0_#" + Hex8(n++));
      WriteProps(r, RecipientProps(who, type, mail.code_page), std::string(8, '\0'));
      CloseStorage(r);
    }
  }
  n = 0;
  for (const OutlookAttachment& a : mail.attachments) {
    GsfOutfile* s = NewStorage(storage, "__attach_version1.0_#" + Hex8(n++));
    Props props = AttachmentProps(a, mail.code_page);
    if (!a.by_reference) props.Binary(kAttachData, a.bytes);
    WriteProps(s, props, std::string(8, '\0'));
    CloseStorage(s);
  }
  for (const OutlookMail& inner : mail.attached_messages) {
    GsfOutfile* s = NewStorage(storage, "__attach_version1.0_#" + Hex8(n++));
    Props props(mail.code_page);
    props.Long(kAttachMethod, 5);
    props.Text(kDisplayName, inner.subject);
    WriteProps(s, props, std::string(8, '\0'), {Prop{kAttachData, kObject, ""}});
    GsfOutfile* object = NewStorage(s, "__substg1.0_3701000D");
    WriteMessage(object, inner, false);
    CloseStorage(object);
    CloseStorage(s);
  }
}

// --- TNEF ------------------------------------------------------------------------------

std::string MapiBlock(const Props& props) {
  std::string out;
  PutLe(out, props.list().size(), 4);
  for (const Prop& p : props.list()) {
    PutLe(out, p.type, 2);
    PutLe(out, p.id, 2);
    if (p.type == kLong || p.type == kSysTime) {
      out += p.value;
      continue;
    }
    PutLe(out, 1, 4);  // one value
    PutLe(out, p.value.size(), 4);
    out += p.value;
    out += std::string((4 - p.value.size() % 4) % 4, '\0');
  }
  return out;
}

void Attribute(std::string& out, uint8_t level, uint32_t id, std::string_view data) {
  out += static_cast<char>(level);
  PutLe(out, id, 4);
  PutLe(out, data.size(), 4);
  out += data;
  uint32_t sum = 0;
  for (char c : data) sum += static_cast<unsigned char>(c);
  PutLe(out, sum & 0xFFFF, 2);
}

// TNEF's own 8-bit strings, in the OEM code page; a character it lacks becomes "?".
std::string Oem(std::string_view utf8, uint32_t code_page) {
  try {
    return InCodePage(utf8, code_page == 0 ? 1252 : code_page) + std::string(1, '\0');
  } catch (const std::runtime_error&) {
    std::string ascii;
    for (char c : utf8) {
      if (static_cast<unsigned char>(c) < 0x80) {
        ascii += c;
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ascii += '?';
      }
    }
    return ascii + std::string(1, '\0');
  }
}

std::string RendData() {
  std::string r;
  PutLe(r, 1, 2);           // a file
  PutLe(r, 0xFFFFFFFF, 4);  // no position in the text
  PutLe(r, 0, 8);           // width, height, flags
  return r;
}

}  // namespace

std::string MsgBytes(const OutlookMail& mail) {
  gsf_init();
  GPtr<GsfOutput> memory(gsf_output_memory_new());
  GPtr<GsfOutfile> file(gsf_outfile_msole_new(memory.get()));
  if (!file) throw std::runtime_error("could not start a compound file");
  WriteMessage(file.get(), mail, true);
  if (!gsf_output_close(GSF_OUTPUT(file.get()))) throw std::runtime_error("could not close");
  const guint8* bytes = gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(memory.get()));
  return std::string(reinterpret_cast<const char*>(bytes),
                     static_cast<size_t>(gsf_output_size(memory.get())));
}

std::string TnefBytes(const OutlookMail& mail) {
  constexpr uint8_t kMessage = 1;
  constexpr uint8_t kAttachment = 2;
  std::string out;
  PutLe(out, 0x223E9F78, 4);
  PutLe(out, 0x0001, 2);                                                     // the key
  Attribute(out, kMessage, 0x00089006, std::string("\x00\x00\x01\x00", 4));  // attTnefVersion
  std::string code_pages;
  PutLe(code_pages, mail.code_page == 0 ? 1252 : mail.code_page, 4);
  PutLe(code_pages, 0, 4);
  Attribute(out, kMessage, 0x00069007, code_pages);                         // attOemCodepage
  Attribute(out, kMessage, 0x00078008, Oem("IPM.Microsoft Mail.Note", 0));  // attMessageClass
  if (!mail.subject.empty())
    Attribute(out, kMessage, 0x00018004, Oem(mail.subject, mail.code_page));
  Attribute(out, kMessage, 0x00069003, MapiBlock(MessageProps(mail)));  // attMsgProps
  if (!mail.to.empty() || !mail.cc.empty()) {
    std::string table;
    PutLe(table, mail.to.size() + mail.cc.size(), 4);
    for (uint32_t type : {1u, 2u}) {
      for (const auto& who : type == 1 ? mail.to : mail.cc) {
        table += MapiBlock(RecipientProps(who, type, mail.code_page));
      }
    }
    Attribute(out, kMessage, 0x00069004, table);  // attRecipTable
  }
  for (const OutlookAttachment& a : mail.attachments) {
    Attribute(out, kAttachment, 0x00069002, RendData());                        // attAttachRendData
    Attribute(out, kAttachment, 0x00018010, Oem(a.file_name, mail.code_page));  // attAttachTitle
    if (!a.by_reference) Attribute(out, kAttachment, 0x0006800F, a.bytes);      // attAttachData
    Attribute(out, kAttachment, 0x00069005, MapiBlock(AttachmentProps(a, mail.code_page)));
  }
  for (const OutlookMail& inner : mail.attached_messages) {
    Props props(mail.code_page);
    props.Long(kAttachMethod, 5);
    props.Text(kDisplayName, inner.subject);
    props.Object(kAttachData, std::string(kIidMessage) + TnefBytes(inner));
    Attribute(out, kAttachment, 0x00069002, RendData());
    Attribute(out, kAttachment, 0x00018010, Oem(inner.subject, mail.code_page));
    Attribute(out, kAttachment, 0x00069005, MapiBlock(props));
  }
  return out;
}

std::string CompressedRtf(std::string_view rtf) {
  // Literal runs: a control byte of zeros before every 8 bytes, then the end marker, a
  // reference to the dictionary's write position (207 preloaded bytes, then the text).
  std::string payload;
  size_t i = 0;
  for (; i + 8 <= rtf.size(); i += 8) payload += '\0' + std::string(rtf.substr(i, 8));
  const size_t tail = rtf.size() - i;
  payload += static_cast<char>(1u << tail);
  payload += rtf.substr(i);
  const uint32_t end = static_cast<uint32_t>((207 + rtf.size()) % 4096) << 4;
  payload += static_cast<char>(end >> 8);
  payload += static_cast<char>(end & 0xFF);
  // [MS-OXRTFCP] 2.1.3.2: CRC-32 (reflected 0xEDB88320), started at 0, not inverted.
  std::array<uint32_t, 256> table{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  uint32_t crc = 0;
  for (char c : payload) crc = table[(crc ^ static_cast<unsigned char>(c)) & 0xFF] ^ (crc >> 8);
  std::string out;
  PutLe(out, payload.size() + 12, 4);
  PutLe(out, rtf.size(), 4);
  PutLe(out, 0x75465A4C, 4);  // "LZFu"
  PutLe(out, crc, 4);
  return out + payload;
}

}  // namespace qpm::samples
