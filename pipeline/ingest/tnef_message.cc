// pipeline/ingest/tnef_message.cc — outlook_message.h's ReadTnef: a winmail.dat read by
// hand ([MS-OXTNEF]).
//
// A TNEF stream is a signature, a key, then attributes, each a level (message or
// attachment), an id whose high word is its type, a length, the bytes and a checksum.
// Two attributes carry MAPI properties in the encoding of [MS-OXTNEF] 2.1.3.4: the
// message's (attMsgProps) and each attachment's (attAttachment). Debian's libytnef
// reads the same structure, but rejects a whole stream for a subject or file name
// over 100 bytes or any property over 512 KiB (a Rich Text body with a picture, an
// attached message), and copies its UTF-16 strings' byte count out of their shorter
// UTF-8 form, reading past them; reading it here costs a page and keeps every bound ours.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/ingest/mapi.h"
#include "pipeline/ingest/outlook_message.h"

namespace qpm::outlook {
namespace {

using mapi::PropertyBag;

constexpr uint32_t kSignature = 0x223E9F78;
// A winmail.dat larger than this is read no further: it is held in memory whole.
constexpr uint64_t kMaxFileBytes = 1ull << 30;

// Attributes ([MS-OXTNEF] 2.1.3.3), their type in the high word.
constexpr uint8_t kLevelMessage = 1;
constexpr uint8_t kLevelAttachment = 2;
constexpr uint32_t kAttSubject = 0x00018004;
constexpr uint32_t kAttDateSent = 0x00038005;
constexpr uint32_t kAttBody = 0x0002800C;
constexpr uint32_t kAttMsgProps = 0x00069003;
constexpr uint32_t kAttRecipTable = 0x00069004;
constexpr uint32_t kAttOemCodepage = 0x00069007;
constexpr uint32_t kAttAttachRendData = 0x00069002;
constexpr uint32_t kAttAttachTitle = 0x00018010;
constexpr uint32_t kAttAttachData = 0x0006800F;
constexpr uint32_t kAttAttachment = 0x00069005;

// IID_IMessage, {00020307-0000-0000-C000-000000000046}, in the byte order TNEF stores
// it: an object property that starts with it is an attached message in TNEF.
constexpr std::string_view kIidMessage(
    "\x07\x03\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 16);

// Reads little-endian numbers and byte runs off a span; every read checks what is left.
class Cursor {
 public:
  explicit Cursor(std::string_view data) : data_(data) {}
  size_t left() const { return data_.size() - at_; }
  bool U8(uint8_t* v) {
    if (left() < 1) return false;
    *v = static_cast<uint8_t>(data_[at_++]);
    return true;
  }
  bool U16(uint16_t* v) {
    std::string_view b;
    if (!Take(2, &b)) return false;
    *v = static_cast<uint16_t>(static_cast<unsigned char>(b[0]) | static_cast<unsigned char>(b[1])
                                                                      << 8);
    return true;
  }
  bool U32(uint32_t* v) {
    std::string_view b;
    if (!Take(4, &b)) return false;
    *v = static_cast<uint32_t>(static_cast<unsigned char>(b[0])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[3])) << 24;
    return true;
  }
  std::string_view rest() const { return data_.substr(at_); }
  bool Take(size_t n, std::string_view* out) {
    if (n > left()) return false;
    *out = data_.substr(at_, n);
    at_ += n;
    return true;
  }
  // Values are padded to a multiple of 4 bytes.
  bool TakePadded(size_t n, std::string_view* out) {
    if (!Take(n, out)) return false;
    std::string_view padding;
    return Take(std::min<size_t>((4 - n % 4) % 4, left()), &padding);
  }

 private:
  std::string_view data_;
  size_t at_ = 0;
};

// The bytes a fixed-size value of this type takes in TNEF, padding included; 0 for
// types that are not fixed-size or not known.
size_t FixedSize(uint16_t type) {
  switch (type) {
    case 0x0002:  // PT_I2
    case 0x0003:  // PT_LONG
    case 0x0004:  // PT_R4
    case 0x000A:  // PT_ERROR
    case 0x000B:  // PT_BOOLEAN
      return 4;
    case 0x0005:  // PT_DOUBLE
    case 0x0006:  // PT_CURRENCY
    case 0x0007:  // PT_APPTIME
    case 0x0014:  // PT_I8
    case 0x0040:  // PT_SYSTIME
      return 8;
    case 0x0048:  // PT_CLSID
      return 16;
    default:
      return 0;
  }
}

bool IsVariable(uint16_t type) {
  return type == mapi::kTypeString8 || type == mapi::kTypeUnicode || type == mapi::kTypeBinary ||
         type == mapi::kTypeObject;
}

// One property: its tag, its name when it is a named one, its values. The first value
// of a single-valued, unnamed property goes into `bag`. False when the bytes end or
// the type is unknown: what follows cannot be found.
bool ReadProperty(Cursor& in, PropertyBag& bag) {
  uint16_t type = 0;
  uint16_t id = 0;
  if (!in.U16(&type) || !in.U16(&id)) return false;
  if (id >= 0x8000) {  // named: a GUID, then a number or a UTF-16 name
    std::string_view skipped;
    uint32_t kind = 0;
    uint32_t value = 0;
    if (!in.Take(16, &skipped) || !in.U32(&kind) || !in.U32(&value)) return false;
    if (kind == 1 && !in.TakePadded(value, &skipped)) return false;
    if (kind > 1) return false;
  }
  const bool multi = (type & mapi::kMultiValued) != 0;
  const auto base = static_cast<uint16_t>(type & ~mapi::kMultiValued);
  uint32_t count = 1;
  if ((multi || IsVariable(base)) && !in.U32(&count)) return false;
  if (count > in.left() / 4 + 1) return false;  // every value takes at least 4 bytes
  for (uint32_t v = 0; v < count; ++v) {
    std::string_view value;
    if (IsVariable(base)) {
      uint32_t length = 0;
      if (!in.U32(&length) || !in.TakePadded(length, &value)) return false;
    } else {
      const size_t size = FixedSize(base);
      if (size == 0 || !in.Take(size, &value)) return false;
    }
    if (v == 0 && !multi && id < 0x8000) bag.Set(id, base, std::string(value));
  }
  return true;
}

// A block of properties: their count, then each. False when it is damaged; the
// properties read before the damage are kept.
bool ReadProperties(Cursor& in, PropertyBag& bag) {
  uint32_t count = 0;
  if (!in.U32(&count)) return false;
  for (uint32_t i = 0; i < count; ++i) {
    if (!ReadProperty(in, bag)) return false;
  }
  return true;
}

struct TnefAttachment {
  PropertyBag properties;
  std::string_view title;  // attAttachTitle, in the OEM code page
  std::string_view data;   // attAttachData
  bool has_data = false;
};

struct TnefContents {
  PropertyBag message;
  std::vector<PropertyBag> recipients;
  std::vector<TnefAttachment> attachments;
  std::string_view subject;  // attSubject
  std::string_view body;     // attBody
  std::string_view date_sent;
  uint32_t oem_code_page = 0;
  bool damaged = false;
};

TnefAttachment& Current(TnefContents& t) {
  if (t.attachments.empty()) t.attachments.emplace_back();
  return t.attachments.back();
}

void ReadRecipients(std::string_view value, TnefContents& t) {
  Cursor rows(value);
  uint32_t count = 0;
  if (!rows.U32(&count)) {
    t.damaged = true;
    return;
  }
  for (uint32_t i = 0; i < count && rows.left() > 0; ++i) {
    t.recipients.emplace_back();
    if (!ReadProperties(rows, t.recipients.back())) {
      t.damaged = true;
      return;
    }
  }
}

void TakeAttribute(uint8_t level, uint32_t id, std::string_view value, TnefContents& t) {
  if (level == kLevelMessage) {
    Cursor in(value);
    if (id == kAttSubject) t.subject = value;
    if (id == kAttBody) t.body = value;
    if (id == kAttDateSent) t.date_sent = value;
    if (id == kAttOemCodepage && !in.U32(&t.oem_code_page)) t.oem_code_page = 0;
    if (id == kAttMsgProps && !ReadProperties(in, t.message)) t.damaged = true;
    if (id == kAttRecipTable) ReadRecipients(value, t);
    return;
  }
  if (level != kLevelAttachment) return;
  if (id == kAttAttachRendData) {
    t.attachments.emplace_back();  // each attachment's attributes start with this one
  } else if (id == kAttAttachTitle) {
    Current(t).title = value;
  } else if (id == kAttAttachData) {
    Current(t).data = value;
    Current(t).has_data = true;
  } else if (id == kAttAttachment) {
    Cursor in(value);
    if (!ReadProperties(in, Current(t).properties)) t.damaged = true;
  }
}

// attDateSent: six 16-bit numbers (year, month, day, hour, minute, second), then the day
// of the week, in the sender's own time.
std::optional<uint64_t> DateSent(std::string_view value) {
  Cursor in(value);
  uint16_t parts[6] = {};
  for (uint16_t& p : parts) {
    if (!in.U16(&p)) return std::nullopt;
  }
  return mapi::FileTimeOf(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
}

std::string Le64(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<char>(v >> (8 * i) & 0xFF);
  return out;
}

// The message's own properties, with the attributes older senders use in their place.
void FillGaps(TnefContents& t) {
  auto cut = [](std::string_view s) { return std::string(s.substr(0, s.find('\0'))); };
  if (!t.message.Bytes(mapi::prop::kSubject, mapi::kTypeUnicode) &&
      !t.message.Bytes(mapi::prop::kSubject, mapi::kTypeString8) && !t.subject.empty()) {
    t.message.Set(mapi::prop::kSubject, mapi::kTypeString8, cut(t.subject));
  }
  if (!t.message.Bytes(mapi::prop::kBody, mapi::kTypeUnicode) &&
      !t.message.Bytes(mapi::prop::kBody, mapi::kTypeString8) && !t.body.empty()) {
    t.message.Set(mapi::prop::kBody, mapi::kTypeString8, cut(t.body));
  }
  if (!t.message.Time(mapi::prop::kClientSubmitTime)) {
    if (std::optional<uint64_t> sent = DateSent(t.date_sent)) {
      t.message.Set(mapi::prop::kClientSubmitTime, mapi::kTypeSysTime, Le64(*sent));
    }
  }
}

Status WriteAttachment(const TnefAttachment& a, uint32_t code_page, uint32_t oem_code_page,
                       mapi::AttachmentSink& sink, std::vector<std::string>& not_read) {
  mime::Attachment attachment;
  attachment.name = a.properties.Text(mapi::prop::kAttachLongFilename, code_page);
  if (attachment.name.empty()) {
    attachment.name = mapi::FromCodePage(a.title.substr(0, a.title.find('\0')), oem_code_page);
  }
  if (attachment.name.empty()) attachment.name = mapi::AttachmentName(a.properties, code_page);
  for (char c : a.properties.Text(mapi::prop::kAttachMimeTag, code_page)) {
    if (c != ' ' && c != '\t') {
      attachment.content_type += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  const uint32_t method =
      a.properties.Long(mapi::prop::kAttachMethod).value_or(mapi::kAttachByValue);
  std::string_view data;
  bool found = false;
  if (const std::string* object = a.properties.Bytes(mapi::prop::kAttachData, mapi::kTypeObject)) {
    data = *object;
    found = true;
  } else if (a.has_data) {
    data = a.data;
    found = true;
  } else if (const std::string* bin =
                 a.properties.Bytes(mapi::prop::kAttachData, mapi::kTypeBinary)) {
    data = *bin;
    found = true;
  }
  if (!found) {
    if (method != 0) {
      not_read.push_back(mapi::DescribeAttachment(attachment.name) +
                         (method == 2 || method == 3 || method == 4 || method == 7
                              ? ": it is only a link to a file kept elsewhere, not a copy of it"
                              : ": its data is missing"));
    }
    return Status::Ok();
  }
  // An attached message is a TNEF stream of its own after IID_IMessage; another OLE
  // object is a compound file after its interface's id.
  if (data.substr(0, 16) == kIidMessage &&
      (method == mapi::kAttachEmbeddedMessage || method == mapi::kAttachOle)) {
    data.remove_prefix(16);
    attachment.forwarded_message = true;
    attachment.content_type = "application/vnd.ms-tnef";
    if (!attachment.name.empty()) attachment.name += ".dat";
  } else if (method == mapi::kAttachOle && data.size() >= 16) {
    data.remove_prefix(16);
  }
  if (attachment.content_type.empty()) attachment.content_type = "application/octet-stream";
  return sink.Add(std::move(attachment), data.size(),
                  [data](mapi::FileWriter& out) { return out.Write(data); });
}

// Line ends or NULs after the last attribute: what a mail program leaves when it saves
// the attachment, not damage.
bool OnlyPadding(const Cursor& in) {
  const std::string_view rest = in.rest();
  return rest.size() < 11 &&
         rest.find_first_not_of(std::string_view("\r\n \0", 4)) == std::string_view::npos;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status(StatusCode::kIo,
                  "could not open the winmail.dat file; check that it exists and can be read");
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || static_cast<uint64_t>(st.st_size) > kMaxFileBytes) {
    close(fd);
    return Status(StatusCode::kLimit, "the winmail.dat is larger than 1 GiB");
  }
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fd);
  bytes.resize(got);
  return bytes;
}

Result<mime::Message> ReadTnefOrThrow(const std::string& path,
                                      const mime::PathForAttachment& path_for,
                                      const mime::ReadOptions& options, bool* truncated) {
  Result<std::string> file = ReadWholeFile(path);
  if (!file.ok()) return file.status();
  Cursor in(file.value());
  uint32_t signature = 0;
  uint16_t key = 0;
  if (!in.U32(&signature) || signature != kSignature || !in.U16(&key)) {
    return Status(StatusCode::kUnreadable,
                  "this file is not an Outlook winmail.dat (TNEF): it does not start with "
                  "TNEF's signature");
  }
  TnefContents t;
  size_t attributes = 0;
  while (in.left() > 0 && !OnlyPadding(in)) {
    uint8_t level = 0;
    uint32_t id = 0;
    uint32_t length = 0;
    std::string_view value;
    std::string_view checksum;  // not checked: damaged bytes are still read for what they say
    if (!in.U8(&level) || !in.U32(&id) || !in.U32(&length) || !in.Take(length, &value) ||
        !in.Take(2, &checksum)) {
      t.damaged = true;
      break;
    }
    ++attributes;
    TakeAttribute(level, id, value, t);
  }
  if (attributes == 0) {
    return Status(StatusCode::kUnreadable,
                  "this winmail.dat (TNEF) is cut short before its first attribute");
  }
  FillGaps(t);
  const uint32_t oem = t.oem_code_page == 0 ? mapi::kDefaultCodePage : t.oem_code_page;
  const uint32_t code_page = mapi::CodePageOf(t.message, t.oem_code_page);
  mime::Message result;
  mapi::BuildMessage(t.message, t.recipients, code_page, result);
  if (t.damaged) {
    result.not_read.push_back(
        "the rest of the winmail.dat after a damaged part: it is cut short "
        "or its bytes are not what TNEF allows");
  }
  mapi::AttachmentSink sink(path_for, options.max_attachment_bytes, truncated, &result.not_read);
  for (const TnefAttachment& a : t.attachments) {
    Status status = WriteAttachment(a, code_page, oem, sink, result.not_read);
    if (!status.ok()) {
      sink.RemoveWritten();
      return status;
    }
  }
  result.attachments = sink.Take();
  return result;
}

}  // namespace

Result<mime::Message> ReadTnef(const std::string& path, const mime::PathForAttachment& path_for,
                               const mime::ReadOptions& options, bool* truncated) {
  if (truncated != nullptr) *truncated = false;
  try {
    return ReadTnefOrThrow(path, path_for, options, truncated);
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kLimit, "ran out of memory while reading a winmail.dat");
  }
}

}  // namespace qpm::outlook
