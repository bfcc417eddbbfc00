// pipeline/ingest/outlook_message.h — reads Outlook's own email files into the same
// plain data as an .eml (mime_message.h): a saved message (.msg, [MS-OXMSG]) and a
// winmail.dat (TNEF, [MS-OXTNEF]), which Outlook attaches in place of a message's
// attachments when it sends "Rich Text".
//
// outlook_message.cc is the only file that includes libgsf, which reads the .msg's
// compound file; TNEF is read by hand in tnef_message.cc (Debian's libytnef fails a
// whole file on a subject or file name over 100 bytes, or any property over 512 KiB,
// and reads past its strings). Both fill the same MAPI properties (mapi.h) and so give
// the same Message: From, To, Cc, Date, Subject and Message-ID decoded to UTF-8 (from
// the message's code page for 8-bit strings), the date sent as YYYY-MM-DD, the text
// (the plain body, else the HTML one with the tags removed, else the compressed Rich
// Text one as text), and every attachment written to the file `path_for` names.
//
// An attached message is written whole, as a file of its own for the caller to read
// like any other email (forwarded_message set): a .msg's as a new .msg (content type
// application/vnd.ms-outlook), a TNEF's as the TNEF stream it is (application/vnd.ms-tnef).
// An attachment that is only a link to a file elsewhere, or whose data is damaged, is
// named in Message::not_read. Nothing here writes outside the files `path_for` names.
//
// Run in a reader process (sandbox.h): a hostile file may make a reader slow, and a
// library crash ends only that process.
#ifndef QPM_PIPELINE_INGEST_OUTLOOK_MESSAGE_H_
#define QPM_PIPELINE_INGEST_OUTLOOK_MESSAGE_H_

#include <string>

#include "pipeline/core/status.h"
#include "pipeline/ingest/mime_message.h"

namespace qpm::outlook {

// Reads the .msg at `path`. Attachments, the byte bound, `truncated` and the files
// left behind on failure are as mime::ReadMessage's. Fails with kUnreadable when the
// file is no compound file or holds no message properties, kIo when it or an
// attachment's file cannot be opened or written, kLimit when memory runs out.
Result<mime::Message> ReadMsg(const std::string& path, const mime::PathForAttachment& path_for,
                              const mime::ReadOptions& options, bool* truncated);

// Reads the TNEF stream (winmail.dat) at `path`, the same way. Fails with kUnreadable
// when it does not start with TNEF's signature or its attributes are cut short before
// any could be read; attributes after a damaged one are left out and the damage is
// named in not_read.
Result<mime::Message> ReadTnef(const std::string& path, const mime::PathForAttachment& path_for,
                               const mime::ReadOptions& options, bool* truncated);

}  // namespace qpm::outlook

#endif  // QPM_PIPELINE_INGEST_OUTLOOK_MESSAGE_H_
