// pipeline/ingest/outlook_message.cc — the libgsf adapter behind outlook_message.h's ReadMsg.
//
// The only file in the project that includes libgsf. A .msg is a compound file: the
// message's properties are a stream of fixed-size values ("__properties_version1.0")
// beside one stream per string or binary ("__substg1.0_IIIITTTT"), and each recipient
// and attachment is a storage of the same shape ([MS-OXMSG] 2.1-2.4). Everything libgsf
// hands back is checked here (NULL files, children and reads); nothing GLib-shaped
// leaves this file.
#include "pipeline/ingest/outlook_message.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/ingest/mapi.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <glib.h>
#include <gsf/gsf.h>
#pragma GCC diagnostic pop

namespace qpm::outlook {
namespace {

using mapi::PropertyBag;

// A string or body property larger than this is no message's text: it is left out
// and named in not_read.
constexpr uint64_t kMaxPropertyBytes = 64ull << 20;
// Recipients or attachments read from one message; a real one has far fewer.
constexpr size_t kMaxObjects = 100'000;
// How deep a storage copied out of an attachment may nest (a message attached to a
// message attached to ...); each level is read again by the caller, within its depth.
constexpr int kMaxCopyDepth = 64;
constexpr size_t kMaxCopyEntries = 200'000;
constexpr size_t kChunk = 64 * 1024;

// The property stream's header: 32 bytes for the message at the top of the file, 24
// for a message inside an attachment, 8 for a recipient or an attachment ([MS-OXMSG] 2.4).
constexpr size_t kTopHeader = 32;
constexpr size_t kEmbeddedHeader = 24;
constexpr size_t kObjectHeader = 8;

constexpr char kPropertiesStream[] = "__properties_version1.0";
constexpr char kNamedPropertiesStorage[] = "__nameid_version1.0";

// --- GLib ownership and setup --------------------------------------------------------

struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

// libgsf's warnings about a damaged file can quote its stream names; nothing read
// from a submission reaches a log, so every message is dropped.
void DropLogMessage(const gchar* /*domain*/, GLogLevelFlags /*level*/, const gchar* /*message*/,
                    gpointer /*user_data*/) {}

void InitGsfOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_log_set_default_handler(DropLogMessage, nullptr);
    for (const char* domain : {"libgsf", "libgsf:msole", "GLib", "GLib-GObject", "GLib-GIO"}) {
      g_log_set_handler(
          domain,
          static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
          DropLogMessage, nullptr);
    }
    gsf_init();
  });
}

// --- Reading storages ------------------------------------------------------------------

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool IsStorage(GsfInput* input) {
  return input != nullptr && GSF_IS_INFILE(input) &&
         gsf_infile_num_children(GSF_INFILE(input)) >= 0;
}

uint32_t Le32(const unsigned char* b) {
  return static_cast<uint32_t>(b[0]) | static_cast<uint32_t>(b[1]) << 8 |
         static_cast<uint32_t>(b[2]) << 16 | static_cast<uint32_t>(b[3]) << 24;
}

// "__substg1.0_0037001F" → id 0x0037, type 0x001F. False for other names and for
// the values of multi-valued properties ("...-00000000").
bool ParseSubstgName(std::string_view name, uint16_t* id, uint16_t* type) {
  constexpr std::string_view kPrefix = "__substg1.0_";
  if (!StartsWith(name, kPrefix) || name.size() != kPrefix.size() + 8) return false;
  uint32_t tag = 0;
  for (char c : name.substr(kPrefix.size())) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (digit < 0) return false;
    tag = tag << 4 | static_cast<uint32_t>(digit);
  }
  *id = static_cast<uint16_t>(tag >> 16);
  *type = static_cast<uint16_t>(tag & 0xFFFF);
  return true;
}

// A stream's bytes, read in chunks. Fails with kLimit when it holds more than
// `max_bytes`, kUnreadable when its sectors cannot be read.
Result<std::string> ReadStream(GsfInput* input, uint64_t max_bytes) {
  const gsf_off_t size = gsf_input_size(input);
  if (size < 0) return Status(StatusCode::kUnreadable, "its data is damaged");
  if (static_cast<uint64_t>(size) > max_bytes) {
    return Status(StatusCode::kLimit,
                  "it is larger than " + std::to_string(max_bytes >> 20) + " MiB");
  }
  std::string out(static_cast<size_t>(size), '\0');
  for (size_t at = 0; at < out.size();) {
    const size_t n = std::min(kChunk, out.size() - at);
    if (gsf_input_read(input, n, reinterpret_cast<guint8*>(out.data() + at)) == nullptr) {
      return Status(StatusCode::kUnreadable, "its data is damaged");
    }
    at += n;
  }
  return out;
}

// Whether a value of this type sits in its own stream rather than the property stream.
bool IsVariable(uint16_t type) {
  return type == mapi::kTypeString8 || type == mapi::kTypeUnicode || type == mapi::kTypeBinary ||
         type == mapi::kTypeObject || (type & mapi::kMultiValued) != 0;
}

// The fixed-size values of the property stream: 16-byte entries after its header, each
// a tag, flags and 8 bytes of value.
void ReadFixedValues(std::string_view stream, size_t header, PropertyBag& bag) {
  for (size_t at = header; at + 16 <= stream.size(); at += 16) {
    const auto* entry = reinterpret_cast<const unsigned char*>(stream.data() + at);
    const uint32_t tag = Le32(entry);
    const auto type = static_cast<uint16_t>(tag & 0xFFFF);
    if (IsVariable(type)) continue;
    bag.Set(static_cast<uint16_t>(tag >> 16), type, std::string(stream.substr(at + 8, 8)));
  }
}

// One MAPI object's properties: the fixed-size values, every string, and the binaries
// the message is built from (its HTML and RTF bodies). Attachments' data is not read
// here: it is copied out in chunks. Sets *damaged when a stream could not be read.
PropertyBag ReadBag(GsfInfile* storage, size_t header, bool* damaged) {
  PropertyBag bag;
  const int count = gsf_infile_num_children(storage);
  for (int i = 0; i < count; ++i) {
    const char* raw_name = gsf_infile_name_by_index(storage, i);
    if (raw_name == nullptr) continue;
    const std::string_view name(raw_name);
    uint16_t id = 0;
    uint16_t type = 0;
    const bool is_properties = name == kPropertiesStream;
    if (!is_properties) {
      if (!ParseSubstgName(name, &id, &type)) continue;
      const bool wanted = type == mapi::kTypeString8 || type == mapi::kTypeUnicode ||
                          (type == mapi::kTypeBinary &&
                           (id == mapi::prop::kHtml || id == mapi::prop::kRtfCompressed));
      if (!wanted) continue;
    }
    GPtr<GsfInput> child(gsf_infile_child_by_index(storage, i));
    if (!child || IsStorage(child.get())) continue;
    Result<std::string> bytes = ReadStream(child.get(), kMaxPropertyBytes);
    if (!bytes.ok()) {
      *damaged = true;
      continue;
    }
    if (is_properties) {
      ReadFixedValues(bytes.value(), header, bag);
    } else {
      bag.Set(id, type, std::move(bytes.value()));
    }
  }
  return bag;
}

// The names of a storage's children that start with `prefix`, in order
// ("__attach_version1.0_#00000000", "..._#00000001", ...), at most kMaxObjects.
std::vector<std::string> ChildrenNamed(GsfInfile* storage, std::string_view prefix) {
  std::vector<std::string> names;
  const int count = gsf_infile_num_children(storage);
  for (int i = 0; i < count && names.size() < kMaxObjects; ++i) {
    const char* name = gsf_infile_name_by_index(storage, i);
    if (name != nullptr && StartsWith(name, prefix)) names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());  // fixed-width hex: text order is number order
  return names;
}

bool HasMessageProperties(GsfInfile* root) {
  const int count = gsf_infile_num_children(root);
  for (int i = 0; i < count; ++i) {
    const char* name = gsf_infile_name_by_index(root, i);
    if (name != nullptr &&
        (std::string_view(name) == kPropertiesStream || StartsWith(name, "__substg1.0_"))) {
      return true;
    }
  }
  return false;
}

// --- Copying a storage out as a compound file of its own ---------------------------------

// The bytes of every stream under `storage`, added to *total; false when it nests too
// deep or holds too many entries to be a message.
bool Measure(GsfInfile* storage, int depth, uint64_t* total, size_t* entries) {
  if (depth > kMaxCopyDepth) return false;
  const int count = gsf_infile_num_children(storage);
  for (int i = 0; i < count; ++i) {
    if (++*entries > kMaxCopyEntries) return false;
    GPtr<GsfInput> child(gsf_infile_child_by_index(storage, i));
    if (!child) return false;
    if (IsStorage(child.get())) {
      if (!Measure(GSF_INFILE(child.get()), depth + 1, total, entries)) return false;
    } else {
      const gsf_off_t size = gsf_input_size(child.get());
      if (size < 0) return false;
      *total += static_cast<uint64_t>(size);
    }
  }
  return true;
}

Status CopyStream(GsfInput* from, GsfOutput* to, bool widen_header) {
  const gsf_off_t size = gsf_input_size(from);
  if (size < 0) return Status(StatusCode::kUnreadable, "its data is damaged");
  std::vector<guint8> buffer(kChunk);
  uint64_t left = static_cast<uint64_t>(size);
  bool first = true;
  while (left > 0) {
    // The first read stops at the header's end, where a top-level message has 8 more bytes.
    const size_t n = first && widen_header && left > kEmbeddedHeader
                         ? kEmbeddedHeader
                         : static_cast<size_t>(std::min<uint64_t>(kChunk, left));
    if (gsf_input_read(from, n, buffer.data()) == nullptr ||
        !gsf_output_write(to, n, buffer.data())) {
      return Status(StatusCode::kUnreadable, "its data is damaged");
    }
    if (first && widen_header && n == kEmbeddedHeader) {
      const guint8 reserved[kTopHeader - kEmbeddedHeader] = {};
      if (!gsf_output_write(to, sizeof reserved, reserved)) {
        return Status(StatusCode::kUnreadable, "it could not be copied");
      }
    }
    first = false;
    left -= n;
  }
  return Status::Ok();
}

void CopyClassId(GsfInfile* from, GsfOutfile* to) {
  guint8 class_id[16] = {};
  if (GSF_IS_INFILE_MSOLE(from) && GSF_IS_OUTFILE_MSOLE(to) &&
      gsf_infile_msole_get_class_id(GSF_INFILE_MSOLE(from), class_id)) {
    gsf_outfile_msole_set_class_id(GSF_OUTFILE_MSOLE(to), class_id);
  }
}

// Copies every child of `from` into `to`. At the top of an attached message the
// property stream's header is widened to a top-level message's (`message_top`).
Status CopyTree(GsfInfile* from, GsfOutfile* to, int depth, bool message_top) {
  if (depth > kMaxCopyDepth) return Status(StatusCode::kUnreadable, "it is nested too deep");
  CopyClassId(from, to);
  const int count = gsf_infile_num_children(from);
  for (int i = 0; i < count; ++i) {
    const char* name = gsf_infile_name_by_index(from, i);
    GPtr<GsfInput> child(gsf_infile_child_by_index(from, i));
    if (name == nullptr || !child) return Status(StatusCode::kUnreadable, "its data is damaged");
    const bool storage = IsStorage(child.get());
    GPtr<GsfOutput> made(gsf_outfile_new_child(to, name, storage ? TRUE : FALSE));
    if (!made) return Status(StatusCode::kUnreadable, "it could not be copied");
    Status status =
        storage ? CopyTree(GSF_INFILE(child.get()), GSF_OUTFILE(made.get()), depth + 1, false)
                : CopyStream(child.get(), made.get(),
                             message_top && std::string_view(name) == kPropertiesStream);
    const bool closed = gsf_output_close(made.get());
    if (!status.ok()) return status;
    if (!closed) return Status(StatusCode::kUnreadable, "it could not be copied");
  }
  return Status::Ok();
}

// The storage as the bytes of a compound file of its own. An attached message also
// gets the outer file's named-property map, which only the top of a file carries.
Result<std::string> StorageAsFile(GsfInfile* root, GsfInfile* storage, bool message) {
  GPtr<GsfOutput> memory(gsf_output_memory_new());
  if (!memory) return Status(StatusCode::kLimit, "ran out of memory");
  GPtr<GsfOutfile> file(gsf_outfile_msole_new(memory.get()));
  if (!file) return Status(StatusCode::kLimit, "ran out of memory");
  Status status = CopyTree(storage, file.get(), 0, message);
  if (status.ok() && message) {
    GPtr<GsfInput> own(gsf_infile_child_by_name(storage, kNamedPropertiesStorage));
    GPtr<GsfInput> names(gsf_infile_child_by_name(root, kNamedPropertiesStorage));
    if (!own && IsStorage(names.get())) {
      GPtr<GsfOutput> made(gsf_outfile_new_child(file.get(), kNamedPropertiesStorage, TRUE));
      if (made) {
        status = CopyTree(GSF_INFILE(names.get()), GSF_OUTFILE(made.get()), 1, false);
        gsf_output_close(made.get());
      }
    }
  }
  const bool closed = gsf_output_close(GSF_OUTPUT(file.get()));
  if (!status.ok()) return status;
  if (!closed) return Status(StatusCode::kUnreadable, "it could not be copied");
  const gsf_off_t size = gsf_output_size(memory.get());
  const guint8* bytes = gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(memory.get()));
  if (size <= 0 || bytes == nullptr) return Status(StatusCode::kUnreadable, "it is empty");
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
}

// --- Attachments -----------------------------------------------------------------------

// An attachment whose data is a storage: an attached message, or an OLE object.
Status WriteStorage(GsfInfile* root, GsfInfile* storage, mime::Attachment attachment,
                    uint32_t method, mapi::AttachmentSink& sink,
                    std::vector<std::string>& not_read) {
  GPtr<GsfInput> properties(gsf_infile_child_by_name(storage, kPropertiesStream));
  const bool message = method == mapi::kAttachEmbeddedMessage || properties != nullptr;
  uint64_t total = 0;
  size_t entries = 0;
  if (!Measure(storage, 0, &total, &entries)) {
    not_read.push_back(mapi::DescribeAttachment(attachment.name) +
                       ": its data is damaged or nested too deep");
    return Status::Ok();
  }
  if (!sink.Fits(total)) return Status::Ok();
  Result<std::string> bytes = StorageAsFile(root, storage, message);
  if (!bytes.ok()) {
    not_read.push_back(mapi::DescribeAttachment(attachment.name) + ": " + bytes.status().message());
    return Status::Ok();
  }
  if (message) {
    attachment.forwarded_message = true;
    attachment.content_type = "application/vnd.ms-outlook";
    const std::string& n = attachment.name;
    if (!n.empty() && (n.size() < 4 || (n.compare(n.size() - 4, 4, ".msg") != 0 &&
                                        n.compare(n.size() - 4, 4, ".MSG") != 0))) {
      attachment.name += ".msg";
    }
  }
  const std::string& data = bytes.value();
  return sink.Add(std::move(attachment), data.size(),
                  [&data](mapi::FileWriter& out) { return out.Write(data); });
}

Status ReadAttachment(GsfInfile* root, GsfInfile* storage, uint32_t code_page,
                      mapi::AttachmentSink& sink, std::vector<std::string>& not_read) {
  bool damaged = false;
  const PropertyBag bag = ReadBag(storage, kObjectHeader, &damaged);
  mime::Attachment attachment;
  attachment.name = mapi::AttachmentName(bag, code_page);
  for (char c : bag.Text(mapi::prop::kAttachMimeTag, code_page)) {
    if (c != ' ' && c != '\t')
      attachment.content_type += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const uint32_t method = bag.Long(mapi::prop::kAttachMethod).value_or(mapi::kAttachByValue);

  GPtr<GsfInput> data(gsf_infile_child_by_name(storage, "__substg1.0_37010102"));
  if (data && !IsStorage(data.get())) {
    if (attachment.content_type.empty()) attachment.content_type = "application/octet-stream";
    const gsf_off_t size = gsf_input_size(data.get());
    if (size < 0) {
      not_read.push_back(mapi::DescribeAttachment(attachment.name) + ": its data is damaged");
      return Status::Ok();
    }
    GsfInput* input = data.get();
    return sink.Add(std::move(attachment), static_cast<uint64_t>(size),
                    [input, size](mapi::FileWriter& out) -> Status {
                      std::vector<guint8> buffer(kChunk);
                      for (uint64_t left = static_cast<uint64_t>(size); left > 0;) {
                        const size_t n = static_cast<size_t>(std::min<uint64_t>(kChunk, left));
                        if (gsf_input_read(input, n, buffer.data()) == nullptr) {
                          return Status(StatusCode::kUnreadable, "its data is damaged");
                        }
                        Status written = out.Write(
                            std::string_view(reinterpret_cast<const char*>(buffer.data()), n));
                        if (!written.ok()) return written;
                        left -= n;
                      }
                      return Status::Ok();
                    });
  }
  GPtr<GsfInput> object(gsf_infile_child_by_name(storage, "__substg1.0_3701000D"));
  if (IsStorage(object.get())) {
    return WriteStorage(root, GSF_INFILE(object.get()), std::move(attachment), method, sink,
                        not_read);
  }
  if (method == 2 || method == 3 || method == 4 || method == 7) {
    not_read.push_back(mapi::DescribeAttachment(attachment.name) +
                       ": it is only a link to a file kept elsewhere, not a copy of it");
  } else if (method != 0) {  // 0: an attachment Outlook had only begun to make
    not_read.push_back(mapi::DescribeAttachment(attachment.name) + ": its data is missing");
  }
  return Status::Ok();
}

Result<mime::Message> ReadMsgOrThrow(const std::string& path,
                                     const mime::PathForAttachment& path_for,
                                     const mime::ReadOptions& options, bool* truncated) {
  InitGsfOnce();
  GError* error = nullptr;
  GPtr<GsfInput> input(gsf_input_stdio_new(path.c_str(), &error));
  g_clear_error(&error);
  if (!input) {
    return Status(StatusCode::kIo,
                  "could not open the Outlook message file; check that it exists and can be read");
  }
  GPtr<GsfInfile> root(gsf_infile_msole_new(input.get(), &error));
  g_clear_error(&error);
  if (!root) {
    return Status(StatusCode::kUnreadable,
                  "this file is not an Outlook message (its compound-file directory cannot be "
                  "read); save the email again from Outlook");
  }
  if (!HasMessageProperties(root.get())) {
    return Status(StatusCode::kUnreadable,
                  "this compound file holds no Outlook message properties; save the email "
                  "again from Outlook");
  }
  bool damaged = false;
  const PropertyBag message = ReadBag(root.get(), kTopHeader, &damaged);
  const uint32_t code_page = mapi::CodePageOf(message, 0);
  std::vector<PropertyBag> recipients;
  for (const std::string& name : ChildrenNamed(root.get(), "__recip_version1.0_#")) {
    GPtr<GsfInput> child(gsf_infile_child_by_name(root.get(), name.c_str()));
    if (IsStorage(child.get())) {
      recipients.push_back(ReadBag(GSF_INFILE(child.get()), kObjectHeader, &damaged));
    }
  }
  mime::Message result;
  mapi::BuildMessage(message, recipients, code_page, result);
  if (damaged) result.not_read.push_back("some of the message's properties: their data is damaged");

  mapi::AttachmentSink sink(path_for, options.max_attachment_bytes, truncated, &result.not_read);
  for (const std::string& name : ChildrenNamed(root.get(), "__attach_version1.0_#")) {
    GPtr<GsfInput> child(gsf_infile_child_by_name(root.get(), name.c_str()));
    if (!IsStorage(child.get())) continue;
    Status status =
        ReadAttachment(root.get(), GSF_INFILE(child.get()), code_page, sink, result.not_read);
    if (!status.ok()) {
      sink.RemoveWritten();
      return status;
    }
  }
  result.attachments = sink.Take();
  return result;
}

}  // namespace

Result<mime::Message> ReadMsg(const std::string& path, const mime::PathForAttachment& path_for,
                              const mime::ReadOptions& options, bool* truncated) {
  if (truncated != nullptr) *truncated = false;
  try {
    return ReadMsgOrThrow(path, path_for, options, truncated);
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kLimit, "ran out of memory while reading an Outlook message");
  }
}

}  // namespace qpm::outlook
