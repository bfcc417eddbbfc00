// scripts/make_samples/mime_message.h — MIME. Messages are assembled by hand, with CRLF line
// ends, fixed boundaries, Message-IDs and Dates, so they are reproducible and each encoding a
// sample needs is exactly where we put it.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_MIME_MESSAGE_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_MIME_MESSAGE_H_

#include <string>
#include <string_view>
#include <vector>

namespace qpm::samples {

// `text` with its line ends made CRLF.
std::string CrLf(std::string_view text);

// One RFC 2047 encoded-word ("Q" encoding) for a header holding non-ASCII text.
std::string EncodedWord(std::string_view utf8);

// RFC 2231 / 5987 percent-encoding for filename*=UTF-8''...
std::string PercentEncode(std::string_view utf8);

// One header field: {"Subject", "QPM desktop submission"}.
struct Header {
  std::string name;
  std::string value;
};

// The fields, one "Name: value" line each, CRLF-ended.
std::string Headers(const std::vector<Header>& headers);

// A text/plain UTF-8 body part, quoted-printable or 7bit.
std::string TextPart(std::string_view text, bool quoted_printable);

// A body part of `bytes` in base64, under the given Content-Type and Content-Disposition.
std::string AttachmentPart(std::string_view content_type, std::string_view disposition,
                           std::string_view bytes);

// An attached message (message/rfc822) named `file_name`.
std::string ForwardedPart(std::string_view file_name, std::string_view message);

// A multipart/mixed message of `headers` and `parts`, the parts between `boundary` lines.
std::string Message(std::vector<Header> headers, const std::string& boundary,
                    const std::vector<std::string>& parts);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_MIME_MESSAGE_H_
