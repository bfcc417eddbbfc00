// pipeline/ingest/mime_message.h — reads one email (.eml, RFC 5322/MIME) into plain data.
//
// The only file that includes GMime is mime_message.cc. It decodes base64,
// quoted-printable and uuencoded parts, RFC 2047/2231 file names, and keeps every
// leaf part that is not the message's own text as an attachment, whatever its
// Content-Disposition says (organisations' mail clients mark real attachments
// "inline"). A forwarded message (message/rfc822) is handed back whole, as an
// attachment of its own, so the caller can read it like any other email and the
// origin chain shows it. Nothing here writes outside the directory it is given.
//
// Runs in a reader process (sandbox.h): a hostile message may make it slow, and a
// library crash ends only that process.
#ifndef QPM_PIPELINE_INGEST_MIME_MESSAGE_H_
#define QPM_PIPELINE_INGEST_MIME_MESSAGE_H_

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"

namespace qpm::mime {

struct Attachment {
  // Decoded file name as the sender wrote it; "" when the part gives none. It may
  // hold "/", ".." or control characters: it is a label, never a path.
  std::string name;
  std::string content_type;        // as declared, lower case, e.g. "application/pdf"
  bool forwarded_message = false;  // a message/rfc822 part, written out as raw RFC 5322 bytes
  std::string path;                // where its decoded bytes were written
  uint64_t size = 0;               // bytes written
};
// Its form in a reader process's frames (pipeline/platform/call.h), as Message's below.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Attachment, name, content_type, forwarded_message,
                                                path, size)

struct Message {
  // Headers a reader needs, decoded to UTF-8, in this order when present:
  // From, To, Cc, Date, Subject, Message-ID, In-Reply-To, References.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string date;     // the Date header as YYYY-MM-DD; "" when missing or unparseable
  std::string time;     // the same instant to the second, "YYYY-MM-DDTHH:MM:SSZ" (UTC); or
  std::string subject;  // decoded
  // The message's own text: the text/plain body parts (or text/html ones with the
  // tags removed when there is no plain text), decoded to UTF-8, joined by blank lines.
  std::string body;
  std::vector<Attachment> attachments;  // in the order they appear
  bool nesting_cut = false;             // parts nested deeper than 64 levels were not read
  // Parts that could not be taken out, each said in a few words that name it but
  // quote none of its content ("the attachment \"x.pdf\": its data is damaged"). The
  // .eml reader never sets it; the Outlook readers do (pipeline/ingest/outlook_message.h).
  std::vector<std::string> not_read;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Message, headers, date, time, subject, body,
                                                attachments, nesting_cut, not_read)

// Chooses where each attachment's bytes go. Called once per attachment, before
// any byte of it is written. Returning "" skips that attachment (the caller has
// hit a limit and will say so itself). The file is created new; it must never be
// the message's own path.
using PathForAttachment = std::function<std::string(const std::string& name)>;

// Reads the message at `path`. Each attachment is decoded into the file that
// `path_for` names; `max_attachment_bytes` bounds the bytes written in total: an
// attachment that would go past it is dropped (its partial file removed) and
// *truncated is set, while later, smaller attachments that still fit are kept.
// `truncated` may be null; it is set to false on entry.
// Forwarded messages are not followed (each is one attachment): the caller bounds
// how deep it reads them. Empty headers are left out; `body` is trimmed.
// Fails with kUnreadable when the file is not a message at all, kIo when it or an
// attachment file cannot be opened or written (files already written are
// removed), and kLimit when memory runs out.
struct ReadOptions {
  uint64_t max_attachment_bytes = UINT64_MAX;
};
Result<Message> ReadMessage(const std::string& path, const PathForAttachment& path_for,
                            const ReadOptions& options, bool* truncated);

}  // namespace qpm::mime

#endif  // QPM_PIPELINE_INGEST_MIME_MESSAGE_H_
