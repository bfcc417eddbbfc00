// scripts/make_samples/zip_writer.h — zip writing with libzip: archives built in memory, every
// entry with the fixed time, so that two runs give the same bytes (except where encryption
// draws a random salt or header: samples/README.md).
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_ZIP_WRITER_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_ZIP_WRITER_H_

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "fixed_values.h"

namespace qpm::samples {

struct ZipEntryOptions {
  zip_uint16_t encryption = ZIP_EM_NONE;  // ZIP_EM_AES_256 or ZIP_EM_TRAD_PKWARE to lock it
  bool store = false;                     // stored instead of deflated
  std::optional<zip_uint32_t> unix_mode;  // st_mode bits, e.g. S_IFLNK | 0777
};

// A libzip source serving either a string or `size` zero bytes made on demand (so a 4 GiB
// entry never sits in memory), whose stat() reports kFixedTime. The time matters beyond the
// directory entry: libzip's ZipCrypto encoder takes the password check byte from the source's
// mtime, and zip_source_buffer would report the wall clock, leaving a check byte that matches
// neither the CRC nor the entry time, so no reader accepts the password.
class FixedTimeSource {
 public:
  static FixedTimeSource Bytes(std::string bytes) {
    FixedTimeSource source;
    source.size_ = bytes.size();
    source.bytes_ = std::move(bytes);
    return source;
  }
  static FixedTimeSource Zeros(zip_uint64_t size) {
    FixedTimeSource source;
    source.size_ = size;
    source.zeros_ = true;
    return source;
  }

  FixedTimeSource(FixedTimeSource&&) = default;
  ~FixedTimeSource() { zip_error_fini(&error_); }

  static zip_int64_t Callback(void* state, void* data, zip_uint64_t length,
                              zip_source_cmd_t command) {
    auto* self = static_cast<FixedTimeSource*>(state);
    switch (command) {
      case ZIP_SOURCE_OPEN:
        self->offset_ = 0;
        return 0;
      case ZIP_SOURCE_READ: {
        zip_uint64_t n = std::min(length, self->size_ - self->offset_);
        if (self->zeros_) {
          std::memset(data, 0, static_cast<size_t>(n));
        } else {
          std::memcpy(data, self->bytes_.data() + self->offset_, static_cast<size_t>(n));
        }
        self->offset_ += n;
        return static_cast<zip_int64_t>(n);
      }
      case ZIP_SOURCE_CLOSE:
      case ZIP_SOURCE_FREE:  // the ZipWriter owns this object
        return 0;
      case ZIP_SOURCE_STAT: {
        auto* stat = static_cast<zip_stat_t*>(data);
        zip_stat_init(stat);
        stat->valid = ZIP_STAT_SIZE | ZIP_STAT_MTIME;
        stat->size = self->size_;
        stat->mtime = kFixedTime;
        return static_cast<zip_int64_t>(sizeof(zip_stat_t));
      }
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&self->error_, data, length);
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
      default:
        zip_error_set(&self->error_, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
  }

 private:
  FixedTimeSource() { zip_error_init(&error_); }

  std::string bytes_;
  bool zeros_ = false;
  zip_uint64_t size_ = 0;
  zip_uint64_t offset_ = 0;
  zip_error_t error_;
};

// Builds a zip archive in memory. Every entry gets the fixed time, deflate level 9 (unless
// stored) and the given encryption; entries keep the order they were added in.
class ZipWriter {
 public:
  ZipWriter() {
    zip_error_t error;
    zip_error_init(&error);
    buffer_ = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer_ == nullptr) Fail(std::string("zip buffer: ") + zip_error_strerror(&error));
    archive_ = zip_open_from_source(buffer_, ZIP_TRUNCATE, &error);
    if (archive_ == nullptr) Fail(std::string("zip open: ") + zip_error_strerror(&error));
    // Keep the buffer alive after zip_close so its bytes can be read back.
    zip_source_keep(buffer_);
    zip_error_fini(&error);
  }

  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  ~ZipWriter() {
    if (archive_ != nullptr) zip_discard(archive_);
    if (buffer_ != nullptr) zip_source_free(buffer_);
  }

  void Add(const std::string& name, std::string bytes, const ZipEntryOptions& options = {}) {
    AddSource(name, FixedTimeSource::Bytes(std::move(bytes)), options);
  }

  // An entry of `size` zero bytes, generated while the archive is written.
  void AddZeros(const std::string& name, zip_uint64_t size) {
    AddSource(name, FixedTimeSource::Zeros(size), {});
  }

  // Closes the archive and returns its bytes. The writer cannot be used afterwards.
  std::string Finish() {
    if (zip_close(archive_) != 0) Fail(std::string("zip close: ") + zip_strerror(archive_));
    archive_ = nullptr;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer_, &stat) != 0 || zip_source_open(buffer_) != 0) {
      Fail("zip buffer read-back failed");
    }
    std::string bytes(static_cast<size_t>(stat.size), '\0');
    zip_int64_t read = zip_source_read(buffer_, bytes.data(), stat.size);
    zip_source_close(buffer_);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) Fail("zip buffer short read");
    return bytes;
  }

 private:
  void AddSource(const std::string& name, FixedTimeSource data, const ZipEntryOptions& options) {
    // libzip reads the data only at zip_close, so the source must outlive this call.
    FixedTimeSource& kept = sources_.emplace_back(std::move(data));
    zip_source_t* source = zip_source_function(archive_, &FixedTimeSource::Callback, &kept);
    if (source == nullptr) Fail("zip source for " + name + ": " + zip_strerror(archive_));
    zip_int64_t index = zip_file_add(archive_, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      Fail("zip add " + name + ": " + zip_strerror(archive_));
    }
    auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(archive_, i, options.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 options.store ? 0 : 9) != 0 ||
        zip_file_set_mtime(archive_, i, kFixedTime, 0) != 0) {
      Fail("zip settings for " + name + ": " + zip_strerror(archive_));
    }
    if (options.unix_mode && zip_file_set_external_attributes(archive_, i, 0, ZIP_OPSYS_UNIX,
                                                              *options.unix_mode << 16) != 0) {
      Fail("zip attributes for " + name + ": " + zip_strerror(archive_));
    }
    if (options.encryption != ZIP_EM_NONE &&
        zip_file_set_encryption(archive_, i, options.encryption, kZipPassword) != 0) {
      Fail("zip encryption for " + name + ": " + zip_strerror(archive_));
    }
  }

  zip_source_t* buffer_ = nullptr;
  zip_t* archive_ = nullptr;
  std::deque<FixedTimeSource> sources_;  // deque: growing it never moves what libzip points at
};

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_ZIP_WRITER_H_
