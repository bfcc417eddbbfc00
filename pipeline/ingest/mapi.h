// pipeline/ingest/mapi.h — what Outlook's two file formats share: MAPI properties and
// their values, Windows code pages, compressed RTF, and writing attachments out.
//
// Internal to ingest. The .msg reader (outlook_message.cc, over libgsf) and the TNEF
// reader (tnef_message.cc, by hand) each fill PropertyBags from their own container,
// and BuildMessage turns them into the same mime::Message, so an Outlook message
// reads the same whichever way it was saved. Everything here is pure except
// AttachmentSink, which writes the files a PathForAttachment names. No library but
// the C library's iconv. Every input is hostile: nothing here reads past what it was
// given, and every loop is bounded by its input.
#ifndef QPM_PIPELINE_INGEST_MAPI_H_
#define QPM_PIPELINE_INGEST_MAPI_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/ingest/mime_message.h"

namespace qpm::mapi {

// Property types ([MS-OXCDATA] 2.11.1).
inline constexpr uint16_t kTypeI2 = 0x0002;
inline constexpr uint16_t kTypeLong = 0x0003;
inline constexpr uint16_t kTypeBoolean = 0x000B;
inline constexpr uint16_t kTypeObject = 0x000D;
inline constexpr uint16_t kTypeString8 = 0x001E;
inline constexpr uint16_t kTypeUnicode = 0x001F;
inline constexpr uint16_t kTypeSysTime = 0x0040;
inline constexpr uint16_t kTypeBinary = 0x0102;
inline constexpr uint16_t kMultiValued = 0x1000;

// The property ids this reader uses ([MS-OXPROPS]).
namespace prop {
inline constexpr uint16_t kSubject = 0x0037;
inline constexpr uint16_t kSubjectPrefix = 0x003D;
inline constexpr uint16_t kConversationTopic = 0x0070;
inline constexpr uint16_t kClientSubmitTime = 0x0039;
inline constexpr uint16_t kSentRepresentingName = 0x0042;
inline constexpr uint16_t kSentRepresentingEmail = 0x0065;
inline constexpr uint16_t kRecipientType = 0x0C15;  // 1 To, 2 Cc, 3 Bcc
inline constexpr uint16_t kSenderName = 0x0C1A;
inline constexpr uint16_t kSenderEmail = 0x0C1F;
inline constexpr uint16_t kDisplayCc = 0x0E03;
inline constexpr uint16_t kDisplayTo = 0x0E04;
inline constexpr uint16_t kDeliveryTime = 0x0E06;
inline constexpr uint16_t kNormalizedSubject = 0x0E1D;
inline constexpr uint16_t kBody = 0x1000;
inline constexpr uint16_t kRtfCompressed = 0x1009;
inline constexpr uint16_t kHtml = 0x1013;
inline constexpr uint16_t kInternetMessageId = 0x1035;
inline constexpr uint16_t kInternetReferences = 0x1039;  // the References header
inline constexpr uint16_t kInReplyToId = 0x1042;         // the In-Reply-To header
inline constexpr uint16_t kDisplayName = 0x3001;
inline constexpr uint16_t kEmailAddress = 0x3003;
inline constexpr uint16_t kAttachData = 0x3701;  // PT_BINARY bytes, or PT_OBJECT storage
inline constexpr uint16_t kAttachFilename = 0x3704;
inline constexpr uint16_t kAttachMethod = 0x3705;
inline constexpr uint16_t kAttachLongFilename = 0x3707;
inline constexpr uint16_t kAttachMimeTag = 0x370E;
inline constexpr uint16_t kSmtpAddress = 0x39FE;
inline constexpr uint16_t kInternetCodepage = 0x3FDE;
inline constexpr uint16_t kMessageLocale = 0x3FF1;
inline constexpr uint16_t kMessageCodepage = 0x3FFD;
inline constexpr uint16_t kSenderSmtp = 0x5D01;
inline constexpr uint16_t kSentRepresentingSmtp = 0x5D02;
}  // namespace prop

// PR_ATTACH_METHOD values: where an attachment's bytes are.
inline constexpr uint32_t kAttachByValue = 1;
inline constexpr uint32_t kAttachEmbeddedMessage = 5;
inline constexpr uint32_t kAttachOle = 6;

// Windows-1252, what Outlook assumes when a message names no code page.
inline constexpr uint32_t kDefaultCodePage = 1252;

// One MAPI object's properties (a message, a recipient, an attachment), each value
// as the file stores it: strings and binaries as their bytes, fixed-size values
// (PT_LONG, PT_SYSTIME, ...) as their little-endian bytes. Plain data; copyable.
class PropertyBag {
 public:
  // Keeps the first value set for an id and type: files that repeat one are damaged,
  // and the first is what Outlook shows.
  void Set(uint16_t id, uint16_t type, std::string value);

  // A string as UTF-8: the PT_UNICODE value, else the PT_STRING8 one decoded from
  // `code_page`; cut at its first NUL, invalid bytes replaced. "" when absent.
  std::string Text(uint16_t id, uint32_t code_page) const;
  // A PT_LONG, PT_I2 or PT_BOOLEAN value.
  std::optional<uint32_t> Long(uint16_t id) const;
  // A PT_SYSTIME value: 100-nanosecond ticks since 1601-01-01 UTC.
  std::optional<uint64_t> Time(uint16_t id) const;
  // The bytes of a value of this exact type, or null. Valid while the bag lives.
  const std::string* Bytes(uint16_t id, uint16_t type) const;
  bool empty() const { return values_.empty(); }

 private:
  std::map<uint32_t, std::string> values_;  // key: id << 16 | type
};

// The code page of a message's 8-bit strings: PR_MESSAGE_CODEPAGE; else the one its
// container names (TNEF's attOemCodepage; 0 for none); else the Windows ANSI code page
// of its locale (PR_MESSAGE_LOCALE_ID: Russian is 1251), as Outlook wrote them; else
// PR_INTERNET_CPID; else 1252. (PR_INTERNET_CPID is the body's own: BuildMessage
// decodes the body with it first.)
uint32_t CodePageOf(const PropertyBag& message, uint32_t container_code_page);

// Bytes in a Windows code page (1252, 1251, 932, 65001, ...) as valid UTF-8. Bytes a
// code page cannot hold, and code pages iconv does not know, fall back to 1252 and
// then to U+FFFD: text is never dropped in silence.
std::string FromCodePage(std::string_view bytes, uint32_t code_page);

// UTF-16LE bytes as UTF-8, cut at the first NUL character.
std::string FromUtf16(std::string_view bytes);

// A FILETIME as "YYYY-MM-DD" (UTC) and as an RFC 5322 date ("Mon, 3 Feb 2025 09:30:00
// +0000"); both "" when it is outside the years 1601 to 9999 or zero.
std::string FileTimeIsoDate(uint64_t filetime);
// The same instant as YYYY-MM-DDTHH:MM:SSZ (mime::Message::time); "" when it is none.
std::string FileTimeIsoTime(uint64_t filetime);
std::string FileTimeHeader(uint64_t filetime);
// The FILETIME of a civil date and time (as TNEF's attDateSent gives it), or nothing
// when it is no real date between the years 1601 and 9999.
std::optional<uint64_t> FileTimeOf(int year, int month, int day, int hour, int minute, int second);

// Compressed RTF ([MS-OXRTFCP]: "LZFu" compressed or "MELA" stored) as the RTF it
// holds, at most `max_bytes` of it. Fails with kUnreadable when the header is not
// one, kLimit when the RTF is larger than max_bytes.
Result<std::string> DecompressRtf(std::string_view data, size_t max_bytes);

// The text a reader sees in an RTF document: paragraphs as lines, \'hh and \uN
// decoded (from the document's \ansicpg), fonts, colours, pictures, fields'
// instructions and other destinations left out. For HTML that Outlook wrapped in RTF
// (\fromhtml), the HTML's own text. Trimmed. Linear in its input; nesting is bounded.
std::string RtfToText(std::string_view rtf);

// Fills `out`'s headers (From, To, Cc, Date, Subject, Message-ID), date, subject and
// body from a message's properties and its recipients' ([MS-OXMSG], [MS-OXTNEF]).
// The subject is PR_SUBJECT, else the normalized subject after its prefix, else the
// conversation topic. The body is PR_BODY, else PR_HTML with the tags removed, else
// the compressed RTF body as text; one that cannot be read is added to `out.not_read`.
// `code_page` decodes the 8-bit strings; the body's own code page (PR_INTERNET_CPID)
// comes first for the body, as [MS-OXCMSG] says.
void BuildMessage(const PropertyBag& message, const std::vector<PropertyBag>& recipients,
                  uint32_t code_page, mime::Message& out);

// An attachment's name: PR_ATTACH_LONG_FILENAME, PR_ATTACH_FILENAME, then
// PR_DISPLAY_NAME; "" when it has none. A label, never a path.
std::string AttachmentName(const PropertyBag& attachment, uint32_t code_page);

// Sends an attachment's bytes into its file, refusing to write more than were promised.
class FileWriter {
 public:
  FileWriter(int fd, uint64_t size) : fd_(fd), size_(size) {}
  // Fails with kIo when the system refuses the write, kUnreadable when the reader
  // hands over more bytes than it promised.
  Status Write(std::string_view bytes);
  uint64_t written() const { return written_; }

 private:
  int fd_;
  uint64_t size_;
  uint64_t written_ = 0;
};

// Writes a message's attachments into the files `path_for` names, under the same
// bound as mime::ReadMessage: an attachment that would take the bytes written past
// `max_bytes` is left out and *truncated set (later, smaller ones still go in).
// Not thread-safe; lives as long as the reading of one message.
class AttachmentSink {
 public:
  // `truncated` may be null. `not_read` collects what could not be taken out.
  AttachmentSink(const mime::PathForAttachment& path_for, uint64_t max_bytes, bool* truncated,
                 std::vector<std::string>* not_read);
  AttachmentSink(const AttachmentSink&) = delete;
  AttachmentSink& operator=(const AttachmentSink&) = delete;

  using Fill = std::function<Status(FileWriter& out)>;

  // Writes one attachment of exactly `size` bytes, which `fill` hands to its writer.
  // When `fill` fails with anything but kIo, or writes fewer bytes, the attachment's
  // file is removed and a line naming it goes to `not_read`; the message reads on.
  // Fails only with kIo (the file could not be created or written).
  Status Add(mime::Attachment attachment, uint64_t size, const Fill& fill);

  // True when `size` more bytes may still be written; otherwise sets *truncated.
  bool Fits(uint64_t size);
  uint64_t remaining() const { return max_bytes_ - written_; }
  std::vector<mime::Attachment> Take() { return std::move(attachments_); }
  // After a failure: removes every file written, so the caller is left none.
  void RemoveWritten();

 private:
  const mime::PathForAttachment& path_for_;
  const uint64_t max_bytes_;
  bool* const truncated_;
  std::vector<std::string>* const not_read_;
  uint64_t written_ = 0;
  std::vector<mime::Attachment> attachments_;
};

// `name` in quotes, or "an attachment without a name": for the lines of `not_read`.
std::string DescribeAttachment(std::string_view name);

}  // namespace qpm::mapi

#endif  // QPM_PIPELINE_INGEST_MAPI_H_
