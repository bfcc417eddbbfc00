// pipeline/ingest/mime_message.cc — the GMime 3 adapter behind mime_message.h.
//
// The only file in the project that includes GMime. Everything GMime hands back
// is checked here (NULL messages, NULL content, -1 from stream writes) and turned
// into plain data or a Status; nothing GLib-shaped leaves this file.
#include "pipeline/ingest/mime_message.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/dates.h"
#include "pipeline/core/html_text.h"
#include "pipeline/core/text.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <glib.h>
#include <gmime/gmime.h>
#pragma GCC diagnostic pop

namespace qpm::mime {
namespace {

// How deep into nested multiparts the walk goes. GMime itself stops parsing at
// 1024 levels; real mail rarely nests past 5, so 64 only bounds hostile input.
constexpr int kMaxDepth = 64;

// --- GLib ownership helpers --------------------------------------------------

struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(gpointer memory) const { g_free(memory); }
};
using GCharPtr = std::unique_ptr<char, GFree>;

struct DateTimeUnref {
  void operator()(GDateTime* date) const {
    if (date != nullptr) g_date_time_unref(date);
  }
};

// --- One-time library setup ---------------------------------------------------

// Messages from GLib and GMime can quote a message's content (a header, a
// charset name, a file name). Personal data must never reach a log, so every
// such message is dropped.
void DropLogMessage(const gchar* /*domain*/, GLogLevelFlags /*level*/, const gchar* /*message*/,
                    gpointer /*user_data*/) {}
void DropPrint(const gchar* /*text*/) {}

void InitGMimeOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_log_set_default_handler(DropLogMessage, nullptr);
    // Domains that may have a handler of their own installed by a library.
    for (const char* domain : {"GLib", "GLib-GObject", "GLib-GIO", "GMime", "gmime"}) {
      g_log_set_handler(
          domain,
          static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
          DropLogMessage, nullptr);
    }
    g_set_print_handler(DropPrint);
    g_set_printerr_handler(DropPrint);
    g_mime_init();
  });
}

// --- Text helpers -------------------------------------------------------------

// Replaces every invalid UTF-8 sequence (and NUL) with U+FFFD.
std::string ValidUtf8(std::string_view bytes) {
  if (bytes.empty()) return std::string();
  const gchar* end = nullptr;
  if (g_utf8_validate_len(bytes.data(), bytes.size(), &end)) return std::string(bytes);
  GCharPtr fixed(g_utf8_make_valid(bytes.data(), static_cast<gssize>(bytes.size())));
  return fixed ? std::string(fixed.get()) : std::string();
}

std::string ValidUtf8(const char* text) {
  return text == nullptr ? std::string() : ValidUtf8(std::string_view(text));
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool EqualsIgnoreCase(const char* a, std::string_view b) {
  return a != nullptr && AsciiLower(a) == AsciiLower(b);
}

// --- GMime helpers -------------------------------------------------------------

std::string MimeType(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr) return "application/octet-stream";
  GCharPtr mime_type(g_mime_content_type_get_mime_type(type));
  if (!mime_type) return "application/octet-stream";
  return ValidUtf8(AsciiLower(mime_type.get()));
}

// The last path segment of a Content-Location URL or path, without query or
// fragment, %-escapes decoded.
std::string NameFromLocation(const char* location) {
  if (location == nullptr) return std::string();
  std::string_view text(location);
  const size_t cut = text.find_first_of("?#");
  if (cut != std::string_view::npos) text = text.substr(0, cut);
  while (!text.empty() && (text.back() == '/' || IsSpace(text.back()))) text.remove_suffix(1);
  const size_t slash = text.find_last_of("/\\");
  if (slash != std::string_view::npos) text = text.substr(slash + 1);
  const std::string segment = Trim(text);
  if (segment.empty()) return std::string();
  GCharPtr unescaped(g_uri_unescape_string(segment.c_str(), nullptr));
  return ValidUtf8(unescaped ? unescaped.get() : segment.c_str());
}

// A parameter of a header GMime could not parse as a whole (for instance a
// Content-Type without a subtype, which GMime replaces by its default and so
// loses the parameters).
std::string ParameterOfRawHeader(GMimeObject* object, const char* header, const char* parameter) {
  const char* value = g_mime_object_get_header(object, header);
  if (value == nullptr) return std::string();
  const char* parameters = std::strchr(value, ';');
  if (parameters == nullptr) return std::string();
  std::unique_ptr<GMimeParamList, GObjectUnref> list(g_mime_param_list_parse(nullptr, parameters));
  if (!list) return std::string();
  GMimeParam* param = g_mime_param_list_get_parameter(list.get(), parameter);
  return param == nullptr ? std::string() : Trim(ValidUtf8(g_mime_param_get_value(param)));
}

// The decoded file name a part gives: Content-Disposition filename, then the
// Content-Type name parameter (both RFC 2231 and RFC 2047 decoded by GMime),
// then the same read from headers GMime rejected, then Content-Location.
std::string FileName(GMimeObject* object) {
  const char* name = nullptr;
  if (GMIME_IS_PART(object)) {
    name = g_mime_part_get_filename(GMIME_PART(object));
  } else {
    name = g_mime_object_get_content_disposition_parameter(object, "filename");
    if (name == nullptr) name = g_mime_object_get_content_type_parameter(object, "name");
  }
  std::string decoded = Trim(ValidUtf8(name));
  if (decoded.empty()) decoded = ParameterOfRawHeader(object, "Content-Disposition", "filename");
  if (decoded.empty()) decoded = ParameterOfRawHeader(object, "Content-Type", "name");
  if (decoded.empty()) {
    decoded = NameFromLocation(g_mime_object_get_header(object, "Content-Location"));
  }
  return decoded;
}

bool HasOwnFileName(GMimeObject* object) {
  const char* name = GMIME_IS_PART(object) ? g_mime_part_get_filename(GMIME_PART(object)) : nullptr;
  return name != nullptr && !IsBlank(name);
}

enum class BodyKind { kNone, kPlain, kHtml };

// A leaf is the message's text when it is text/plain or text/html, names no
// file and is not marked as an attachment.
BodyKind BodyKindOf(GMimeObject* object) {
  if (!GMIME_IS_TEXT_PART(object)) return BodyKind::kNone;
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr) return BodyKind::kNone;
  BodyKind kind = BodyKind::kNone;
  if (g_mime_content_type_is_type(type, "text", "plain")) {
    kind = BodyKind::kPlain;
  } else if (g_mime_content_type_is_type(type, "text", "html")) {
    kind = BodyKind::kHtml;
  } else {
    return BodyKind::kNone;
  }
  if (HasOwnFileName(object)) return BodyKind::kNone;
  if (EqualsIgnoreCase(g_mime_object_get_disposition(object), "attachment")) {
    return BodyKind::kNone;
  }
  return kind;
}

bool IsAsciiOrUtf8Label(const char* charset) {
  if (charset == nullptr) return true;
  const std::string label = AsciiLower(charset);
  return label.empty() || label == "utf-8" || label == "utf8" || label == "us-ascii" ||
         label == "ascii" || label == "ansi_x3.4-1968";
}

// Decoded bytes of a part's content (transfer encoding undone), optionally
// through one extra GMime filter. Text parts are bounded by the message size.
std::string DecodedContent(GMimePart* part, GMimeFilter* filter) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return std::string();
  GObjectPtr<GMimeStream> memory(g_mime_stream_mem_new());
  if (!memory) return std::string();
  if (filter != nullptr) {
    GObjectPtr<GMimeStream> filtered(g_mime_stream_filter_new(memory.get()));
    if (!filtered) return std::string();
    g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), filter);
    if (g_mime_data_wrapper_write_to_stream(content, filtered.get()) < 0) return std::string();
    if (g_mime_stream_flush(filtered.get()) != 0) return std::string();
  } else if (g_mime_data_wrapper_write_to_stream(content, memory.get()) < 0) {
    return std::string();
  }
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.get()));
  if (bytes == nullptr || bytes->len == 0) return std::string();
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// A text part's content as UTF-8. g_mime_text_part_get_text would do most of
// this but stops at the first NUL and silently drops bytes a declared
// "us-ascii" cannot hold; here undeclared, ASCII-labelled or unknown charsets
// fall back to GMime's best guess (UTF-8, then ISO-8859-1).
std::string TextOf(GMimePart* part) {
  const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  if (!IsAsciiOrUtf8Label(charset)) {
    GObjectPtr<GMimeFilter> converter(g_mime_filter_charset_new(charset, "UTF-8"));
    if (converter) return ValidUtf8(DecodedContent(part, converter.get()));
  }
  const std::string raw = DecodedContent(part, nullptr);
  if (raw.empty() || g_utf8_validate_len(raw.data(), raw.size(), nullptr)) return raw;
  if (charset != nullptr && (AsciiLower(charset) == "utf-8" || AsciiLower(charset) == "utf8")) {
    return ValidUtf8(raw);  // declared UTF-8: keep what is valid, mark the rest
  }
  GCharPtr guessed(g_mime_utils_decode_8bit(nullptr, raw.data(), raw.size()));
  return guessed ? ValidUtf8(guessed.get()) : ValidUtf8(raw);
}

// Removes a file it created unless told the file is kept.
class FileGuard {
 public:
  explicit FileGuard(std::string path) : path_(std::move(path)) {}
  FileGuard(const FileGuard&) = delete;
  FileGuard& operator=(const FileGuard&) = delete;
  ~FileGuard() {
    if (!kept_) (void)unlink(path_.c_str());
  }
  void Keep() { kept_ = true; }

 private:
  std::string path_;
  bool kept_ = false;
};

// --- The walk --------------------------------------------------------------------

class Walker {
 public:
  Walker(const PathForAttachment& path_for, uint64_t max_attachment_bytes, bool* truncated)
      : path_for_(path_for), max_bytes_(max_attachment_bytes), truncated_(truncated) {}

  // Collects text and attachments under `object`. Fails only with kIo, when
  // the operating system refuses to write an attachment.
  Status Walk(GMimeObject* object, int depth) {
    if (object == nullptr) return Status::Ok();
    if (depth > kMaxDepth) {
      nesting_cut_ = true;  // the caller reports it: nothing is dropped in silence
      return Status::Ok();
    }
    if (GMIME_IS_MULTIPART(object)) return WalkMultipart(GMIME_MULTIPART(object), depth);
    if (GMIME_IS_MESSAGE_PART(object)) return WriteForwarded(GMIME_MESSAGE_PART(object));
    if (GMIME_IS_PART(object)) return Leaf(GMIME_PART(object));
    return Status::Ok();  // no other GMimeObject kinds exist; ignore if one appears
  }

  // Every text part counts: a privacy scan must read all the text a message
  // carries. Within one multipart/alternative the parts are renderings of one
  // text: the plain one is taken, and the HTML one as well unless it says
  // nothing the plain one does not (plain parts are often a stub such as "view
  // this message in an HTML reader").
  std::string Body() const {
    std::vector<std::string_view> texts;
    std::set<int> groups_done;
    for (size_t i = 0; i < parts_.size(); ++i) {
      const BodyPart& p = parts_[i];
      if (p.group < 0) {
        texts.push_back(p.text);
        continue;
      }
      if (!groups_done.insert(p.group).second) continue;
      const std::string* plain = nullptr;
      const std::string* html = nullptr;
      for (size_t j = i; j < parts_.size(); ++j) {
        if (parts_[j].group != p.group) continue;
        if (parts_[j].kind == BodyKind::kPlain && plain == nullptr) plain = &parts_[j].text;
        if (parts_[j].kind == BodyKind::kHtml && html == nullptr) html = &parts_[j].text;
      }
      bool plain_says_it = plain != nullptr && !IsBlank(*plain);
      if (plain_says_it) texts.push_back(*plain);
      if (html != nullptr && (!plain_says_it || SaysMore(*html, *plain))) texts.push_back(*html);
    }
    std::string body;
    for (std::string_view part : texts) {
      // Each part loses its leading empty lines and trailing whitespace, so
      // parts are separated by exactly one blank line.
      while (!part.empty() && IsSpace(part.back())) part.remove_suffix(1);
      while (!part.empty() && part.front() == '\n') part.remove_prefix(1);
      if (part.empty()) continue;
      if (!body.empty()) body += "\n\n";
      body += part;
    }
    return body;
  }

  std::vector<Attachment> TakeAttachments() { return std::move(attachments_); }
  bool nesting_cut() const { return nesting_cut_; }

  // After a failure the caller gets no list of what was written, so nothing
  // written is left behind.
  void RemoveWrittenFiles() {
    for (const Attachment& attachment : attachments_) (void)unlink(attachment.path.c_str());
    attachments_.clear();
  }

 private:
  // True when `html` holds words that `plain` lacks: at least three, and more
  // than one in twenty of its words.
  static bool SaysMore(std::string_view html, std::string_view plain) {
    auto words = [](std::string_view text) {
      std::vector<std::string> out;
      std::string word;
      for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || u >= 0x80) {
          word.push_back(static_cast<char>(std::tolower(u)));
        } else if (!word.empty()) {
          out.push_back(std::move(word));
          word.clear();
        }
      }
      if (!word.empty()) out.push_back(std::move(word));
      return out;
    };
    std::vector<std::string> in_plain = words(plain);
    std::set<std::string> known(in_plain.begin(), in_plain.end());
    std::vector<std::string> in_html = words(html);
    size_t missing = 0;
    for (const std::string& w : in_html) missing += known.count(w) == 0;
    return missing >= 3 && missing * 20 > in_html.size();
  }

  Status WalkMultipart(GMimeMultipart* multipart, int depth) {
    const int count = g_mime_multipart_get_count(multipart);
    // In multipart/alternative the parts are one text in different forms: keep
    // the first plain and the first HTML rendering (Body() then prefers the plain
    // one unless it is empty) and skip the rest, but still walk nested parts for
    // the attachments they carry (the images of a multipart/related).
    GMimeContentType* type = g_mime_object_get_content_type(GMIME_OBJECT(multipart));
    const bool alternative =
        type != nullptr && g_mime_content_type_is_type(type, "multipart", "alternative");
    const int outer_group = group_;
    if (alternative) group_ = next_group_++;
    bool seen_plain = false;
    bool seen_html = false;
    for (int i = 0; i < count; ++i) {
      GMimeObject* child = g_mime_multipart_get_part(multipart, i);
      if (child == nullptr) continue;
      if (alternative) {
        const BodyKind kind = BodyKindOf(child);
        if (kind == BodyKind::kPlain && std::exchange(seen_plain, true)) continue;
        if (kind == BodyKind::kHtml && std::exchange(seen_html, true)) continue;
      }
      Status status = Walk(child, depth + 1);
      if (!status.ok()) return status;
    }
    group_ = outer_group;
    return Status::Ok();
  }

  Status Leaf(GMimePart* part) {
    GMimeObject* object = GMIME_OBJECT(part);
    switch (BodyKindOf(object)) {
      case BodyKind::kPlain:
        parts_.push_back({BodyKind::kPlain, text::NormalizeNewlines(TextOf(part)), group_});
        return Status::Ok();
      case BodyKind::kHtml:
        parts_.push_back({BodyKind::kHtml, HtmlToText(TextOf(part)), group_});
        return Status::Ok();
      case BodyKind::kNone:
        break;
    }
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    return WriteAttachment(object, /*forwarded=*/false, [content](GMimeStream* out) -> gint64 {
      if (content == nullptr) return 0;  // a part with no content: an empty file
      return g_mime_data_wrapper_write_to_stream(content, out);
    });
  }

  Status WriteForwarded(GMimeMessagePart* part) {
    GMimeMessage* message = g_mime_message_part_get_message(part);
    if (message == nullptr) return Status::Ok();  // an empty message/rfc822 part: nothing to read
    return WriteAttachment(GMIME_OBJECT(part), /*forwarded=*/true, [message](GMimeStream* out) {
      return static_cast<gint64>(
          g_mime_object_write_to_stream(GMIME_OBJECT(message), nullptr, out));
    });
  }

  // Asks path_for where the part goes, then writes it through a stream that
  // refuses to go more than one byte past the bytes still allowed: one byte over
  // tells a cut-short attachment from one that fits exactly.
  template <typename WriteFn>
  Status WriteAttachment(GMimeObject* object, bool forwarded, WriteFn write_content) {
    Attachment attachment;
    attachment.name = FileName(object);
    attachment.content_type = MimeType(object);
    attachment.forwarded_message = forwarded;
    attachment.path = path_for_(attachment.name);
    if (attachment.path.empty()) return Status::Ok();  // the caller is at a limit of its own

    const int fd =
        open(attachment.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
      return Status(StatusCode::kIo,
                    "could not create a file for an email attachment; check that the output "
                    "folder exists and is writable");
    }
    FileGuard guard(attachment.path);
    const uint64_t remaining = max_bytes_ - written_;
    const gint64 bound_end = remaining >= static_cast<uint64_t>(G_MAXINT64 - 1)
                                 ? -1
                                 : static_cast<gint64>(remaining + 1);
    GObjectPtr<GMimeStream> out(g_mime_stream_fs_new_with_bounds(fd, 0, bound_end));
    if (!out) {
      (void)close(fd);
      return Status(StatusCode::kIo, "could not write an email attachment");
    }
    g_mime_stream_fs_set_owner(GMIME_STREAM_FS(out.get()), FALSE);  // closed below, checked
    const gint64 result = write_content(out.get());
    const bool flushed = g_mime_stream_flush(out.get()) == 0;
    const gint64 position = g_mime_stream_tell(out.get());
    out.reset();
    const bool closed = close(fd) == 0;

    if (position >= 0 && static_cast<uint64_t>(position) > remaining) {
      if (truncated_ != nullptr) *truncated_ = true;
      return Status::Ok();  // the guard removes the partial file
    }
    if (result < 0 || position < 0 || !flushed || !closed) {
      return Status(StatusCode::kIo,
                    "could not write an email attachment; check the free space in the output "
                    "folder");
    }
    attachment.size = static_cast<uint64_t>(position);
    written_ += attachment.size;
    guard.Keep();
    attachments_.push_back(std::move(attachment));
    return Status::Ok();
  }

  const PathForAttachment& path_for_;
  const uint64_t max_bytes_;
  bool* const truncated_;
  uint64_t written_ = 0;
  struct BodyPart {
    BodyKind kind;
    std::string text;
    int group;  // the multipart/alternative it renders; -1 outside any
  };
  std::vector<BodyPart> parts_;
  bool nesting_cut_ = false;
  int group_ = -1;
  int next_group_ = 0;
  std::vector<Attachment> attachments_;
};

// --- Headers ---------------------------------------------------------------------

// A display name as a reader would type it: quoted when it holds a character
// that separates addresses.
void AppendDisplayName(const char* name, std::string& out) {
  const std::string text = Trim(ValidUtf8(name));
  if (text.find_first_of(",;:<>@\"") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

// "Name <addr>, addr, Group: a, b;" with names RFC 2047-decoded and addresses
// as written. internet_address_list_to_string would do this but turns
// internationalised domains into punycode ("xn--..."), which no reader
// recognises. Groups cannot nest in RFC 5322; `depth` stops a parser that
// allows it anyway.
void AppendAddresses(InternetAddressList* list, int depth, std::string& out) {
  const int count = internet_address_list_length(list);
  bool first = true;
  for (int i = 0; i < count; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (address == nullptr) continue;
    if (!first) out += ", ";
    first = false;
    const char* name = internet_address_get_name(address);
    const bool has_name = name != nullptr && !IsBlank(name);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      const std::string addr =
          ValidUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
      if (has_name) {
        AppendDisplayName(name, out);
        if (!addr.empty()) out += " <" + addr + ">";
      } else {
        out += addr;
      }
    } else if (INTERNET_ADDRESS_IS_GROUP(address)) {
      if (has_name) AppendDisplayName(name, out);
      out += ":";
      InternetAddressList* members =
          internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
      if (members != nullptr && depth < 2 && internet_address_list_length(members) > 0) {
        out += ' ';
        AppendAddresses(members, depth + 1, out);
      }
      out += ";";
    }
  }
}

std::string AddressHeader(GMimeMessage* message, InternetAddressList* list, const char* name) {
  if (list != nullptr && internet_address_list_length(list) > 0) {
    std::string text;
    AppendAddresses(list, 0, text);
    text = Trim(text);
    if (!text.empty()) return text;
  }
  // Addresses GMime could not parse: show the header's decoded text instead.
  return Trim(ValidUtf8(g_mime_object_get_header(GMIME_OBJECT(message), name)));
}

// The Date header in UTC: `date` as YYYY-MM-DD and `time` as YYYY-MM-DDTHH:MM:SSZ; both
// left "" when it is missing or no calendar date.
void UtcDate(GMimeMessage* message, Message& out) {
  GDateTime* date = g_mime_message_get_date(message);  // owned by the message
  if (date == nullptr) return;
  std::unique_ptr<GDateTime, DateTimeUnref> utc(g_date_time_to_utc(date));
  if (!utc) return;
  int year = 0;
  int month = 0;
  int day = 0;
  g_date_time_get_ymd(utc.get(), &year, &month, &day);
  if (year < 1 || year > 9999) return;
  std::optional<Date> ymd = MakeDate(year, month, day);
  if (!ymd) return;
  out.date = ToIso(*ymd);
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", g_date_time_get_hour(utc.get()),
                g_date_time_get_minute(utc.get()), g_date_time_get_second(utc.get()));
  out.time = out.date + clock;
}

void ReadHeaders(GMimeMessage* message, Message& out) {
  GMimeObject* object = GMIME_OBJECT(message);
  auto add = [&out](const char* name, std::string value) {
    if (!value.empty()) out.headers.emplace_back(name, std::move(value));
  };
  if (g_mime_object_get_header(object, "From") != nullptr) {
    add("From", AddressHeader(message, g_mime_message_get_from(message), "From"));
  }
  if (g_mime_object_get_header(object, "To") != nullptr) {
    add("To", AddressHeader(message, g_mime_message_get_to(message), "To"));
  }
  if (g_mime_object_get_header(object, "Cc") != nullptr) {
    add("Cc", AddressHeader(message, g_mime_message_get_cc(message), "Cc"));
  }
  add("Date", Trim(ValidUtf8(g_mime_object_get_header(object, "Date"))));
  const char* subject = g_mime_message_get_subject(message);
  if (subject == nullptr) subject = g_mime_object_get_header(object, "Subject");
  out.subject = Trim(ValidUtf8(subject));
  add("Subject", out.subject);
  add("Message-ID", Trim(ValidUtf8(g_mime_object_get_header(object, "Message-ID"))));
  // What ties a reply to its thread (the inbox groups by them).
  add("In-Reply-To", Trim(ValidUtf8(g_mime_object_get_header(object, "In-Reply-To"))));
  add("References", Trim(ValidUtf8(g_mime_object_get_header(object, "References"))));
  UtcDate(message, out);
}

Result<Message> ReadMessageOrThrow(const std::string& path, const PathForAttachment& path_for,
                                   const ReadOptions& options, bool* truncated) {
  InitGMimeOnce();
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status(StatusCode::kIo,
                  "could not open the email file; check that it exists and can be read");
  }
  GObjectPtr<GMimeStream> stream(g_mime_stream_fs_new(fd));  // owns and closes fd
  if (!stream) {
    (void)close(fd);
    return Status(StatusCode::kIo, "could not open the email file");
  }
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  if (!parser) return Status(StatusCode::kUnreadable, "could not start reading the email");
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) {
    return Status(StatusCode::kUnreadable,
                  "this file is not an email message (no RFC 5322 headers could be read); "
                  "save the email again from the mail program as .eml");
  }

  Message result;
  ReadHeaders(message.get(), result);
  Walker walker(path_for, options.max_attachment_bytes, truncated);
  Status status = walker.Walk(g_mime_message_get_mime_part(message.get()), 0);
  if (!status.ok()) {
    walker.RemoveWrittenFiles();
    return status;
  }
  result.body = walker.Body();
  result.attachments = walker.TakeAttachments();
  result.nesting_cut = walker.nesting_cut();
  return result;
}

}  // namespace

Result<Message> ReadMessage(const std::string& path, const PathForAttachment& path_for,
                            const ReadOptions& options, bool* truncated) {
  if (truncated != nullptr) *truncated = false;
  try {
    return ReadMessageOrThrow(path, path_for, options, truncated);
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kLimit, "ran out of memory while reading an email");
  }
}

}  // namespace qpm::mime
