// pipeline/ingest/zip_archive.h — reading zip archives (libzip, behind this file only).
//
// Read-only, but for CopyTo and WriteZip. Entry names are handed back as text and are
// never used to build a path: callers write each entry to a path they choose. Every
// byte is counted as it is produced, so a size written in the archive cannot fool a limit.
#ifndef QPM_PIPELINE_INGEST_ZIP_ARCHIVE_H_
#define QPM_PIPELINE_INGEST_ZIP_ARCHIVE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"

namespace qpm::zip {

struct Entry {
  uint64_t index = 0;
  std::string name;          // UTF-8; names not marked UTF-8 are read as CP437
  uint64_t size = 0;         // unpacked size as the archive declares it (may lie)
  uint64_t packed_size = 0;  // as declared
  bool is_directory = false;
  bool is_symlink = false;
  bool is_special = false;  // a device, pipe or socket
  bool encrypted = false;
  bool supported = true;  // libzip can unpack its compression and encryption
  std::string method;     // "deflate", "zstd", "AES-256", ... for messages
};

class Archive {
 public:
  // Opens the archive read-only. Fails with kUnreadable and a plain reason
  // ("not a zip archive", "damaged: ..."), or kUnsupported (split archives).
  static Result<Archive> Open(const std::string& path);

  Archive(Archive&&) noexcept;
  Archive& operator=(Archive&&) noexcept;
  ~Archive();

  const std::vector<Entry>& entries() const { return entries_; }
  const Entry* Find(std::string_view name) const;

  // Writes entry `index` to `dest` (created new, mode 0600), trying `password`
  // when the entry is encrypted. Returns the bytes written. Stops with kLimit as
  // soon as more than `max_bytes` would be written, and removes `dest`.
  // Fails with kPasswordNeeded (none given, or wrong), kUnsupported (method),
  // kUnreadable (damaged data), kIo, or kInterrupted. On failure `dest` is removed.
  Result<uint64_t> ExtractTo(uint64_t index, const std::string& password, const std::string& dest,
                             uint64_t max_bytes);

  // Reads a whole (unencrypted) entry into memory; kLimit beyond `max_bytes`.
  Result<std::string> Read(std::string_view name, uint64_t max_bytes);

  // Writes a new archive at `dest` (which must not exist) holding every entry of this one
  // as it is packed, never unpacked, except those named in `replaced`, which hold the
  // bytes given instead. An entry that cannot be copied, or any write error, fails with
  // kIo or kUnreadable and leaves no `dest`. The only writing this adapter does: a Word
  // file handed to LibreOffice with a part changed (extractors/read/word_text.h).
  Status CopyTo(const std::string& dest, const std::map<std::string, std::string>& replaced) const;

 private:
  struct Impl;
  explicit Archive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::vector<Entry> entries_;
};

// Writes a new archive at `dest` (which must not exist) holding each file of `files`
// (name in the archive, path of the file to read) in that order, deflated. Names are
// stored as given (UTF-8). Any error fails with kIo and leaves no `dest`. What the
// local page hands back as the safe copy (pipeline/app/serve.h).
Status WriteZip(const std::string& dest,
                const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace qpm::zip

#endif  // QPM_PIPELINE_INGEST_ZIP_ARCHIVE_H_
