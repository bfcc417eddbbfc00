// scripts/make_samples/mime_message.h — MIME. Messages are assembled by hand, with CRLF line
// ends, fixed boundaries, Message-IDs and Dates, so they are reproducible and each encoding a
// sample needs is exactly where we put it.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_MIME_MESSAGE_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_MIME_MESSAGE_H_

#include <string>
#include <string_view>
#include <vector>

namespace qpm::samples {

std::string CrLf(std::string_view text);

// One RFC 2047 encoded-word ("Q" encoding) for a header holding non-ASCII text.
std::string EncodedWord(std::string_view utf8);

// RFC 2231 / 5987 percent-encoding for filename*=UTF-8''...
std::string PercentEncode(std::string_view utf8);

struct Header {
  std::string name;
  std::string value;
};

std::string Headers(const std::vector<Header>& headers);

std::string TextPart(std::string_view text, bool quoted_printable);

std::string AttachmentPart(std::string_view content_type, std::string_view disposition,
                           std::string_view bytes);

std::string ForwardedPart(std::string_view file_name, std::string_view message);

std::string Message(std::vector<Header> headers, const std::string& boundary,
                    const std::vector<std::string>& parts);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_MIME_MESSAGE_H_
