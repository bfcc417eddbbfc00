#include "pipeline/ingest/zip_archive.h"

#include <fcntl.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <utility>

#include "pipeline/platform/interrupt.h"

namespace qpm::zip {

struct Archive::Impl {
  zip_t* za = nullptr;
  ~Impl() {
    if (za != nullptr) zip_discard(za);  // read-only: never write anything back
  }
};

namespace {

std::string MethodName(const zip_stat_t& st) {
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
    switch (st.encryption_method) {
      case ZIP_EM_TRAD_PKWARE:
        return "ZipCrypto";
      case ZIP_EM_AES_128:
        return "AES-128";
      case ZIP_EM_AES_192:
        return "AES-192";
      case ZIP_EM_AES_256:
        return "AES-256";
      default:
        return "PKWARE strong encryption";
    }
  }
  switch (st.comp_method) {
    case ZIP_CM_STORE:
      return "stored";
    case ZIP_CM_DEFLATE:
      return "deflate";
    case ZIP_CM_DEFLATE64:
      return "deflate64";
    case ZIP_CM_BZIP2:
      return "bzip2";
    case ZIP_CM_LZMA:
      return "LZMA";
    case ZIP_CM_XZ:
      return "xz";
    case 93:
      return "Zstandard";  // ZIP_CM_ZSTD, newer than libzip 1.7
    case ZIP_CM_IMPLODE:
      return "implode";
    case ZIP_CM_SHRINK:
      return "shrink";
    case ZIP_CM_PPMD:
      return "PPMd";
    default:
      return "method " + std::to_string(st.comp_method);
  }
}

std::string OpenErrorText(int code, const std::string& path) {
  switch (code) {
    case ZIP_ER_NOZIP: {
      // It starts like a zip but its table of contents, which a zip keeps at the
      // end, is missing: the file was cut short.
      char head[4] = {};
      FILE* f = std::fopen(path.c_str(), "rb");
      size_t got = f != nullptr ? std::fread(head, 1, sizeof head, f) : 0;
      if (f != nullptr) std::fclose(f);
      if (got == 4 && std::memcmp(head, "PK\x03\x04", 4) == 0) {
        return "it is damaged or cut short (the list of its contents, kept at its end, is missing)";
      }
      return "it is not a zip archive (no zip directory found)";
    }
    case ZIP_ER_INCONS:
      return "the archive is damaged (its directory is inconsistent)";
    case ZIP_ER_MULTIDISK:
      return "it is one part of a split (multi-disk) archive";
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
      return "it could not be read (it may be cut short)";
    case ZIP_ER_MEMORY:
      return "its directory is too large to read";
    case ZIP_ER_OPEN:
      return "it could not be opened";
    default: {
      zip_error_t e;
      zip_error_init_with_code(&e, code);
      std::string text = std::string("it could not be opened (") + zip_error_strerror(&e) + ")";
      zip_error_fini(&e);
      return text;
    }
  }
}

Status FromZipError(int code, bool encrypted) {
  switch (code) {
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
      return Status(StatusCode::kPasswordNeeded, "the password is missing or wrong");
    case ZIP_ER_COMPNOTSUPP:
      return Status(StatusCode::kUnsupported, "it is packed with a method we cannot unpack");
    case ZIP_ER_ENCRNOTSUPP:
      return Status(StatusCode::kUnsupported,
                    "it is locked with a kind of encryption we cannot open");
    case ZIP_ER_CRC:
    case ZIP_ER_ZLIB:
    case ZIP_ER_COMPRESSED_DATA:
    case ZIP_ER_EOF:
    case ZIP_ER_INCONS:
    case ZIP_ER_READ:
      // Traditional zip encryption accepts about one wrong password in 256 and
      // then yields garbage: a damaged stream under a password means "wrong password"
      // until every candidate has been tried.
      if (encrypted)
        return Status(StatusCode::kPasswordNeeded, "the password is wrong or the data is damaged");
      return Status(StatusCode::kUnreadable,
                    code == ZIP_ER_CRC ? "its checksum does not match (the data is damaged)"
                                       : "its data is damaged or cut short");
    default: {
      zip_error_t e;
      zip_error_init_with_code(&e, code);
      std::string text = zip_error_strerror(&e);
      zip_error_fini(&e);
      return Status(StatusCode::kUnreadable, "it could not be unpacked (" + text + ")");
    }
  }
}

// WinZip AES "AE-2" entries carry no CRC (it is stored as 0): their HMAC-SHA1
// authentication code is the integrity check. libzip 1.7 still compares the CRC and
// reports ZIP_ER_CRC for every valid AE-2 entry (seen with zip4j and zip-rs files),
// so when that happens we check the authentication code ourselves: PBKDF2-HMAC-SHA1
// (1000 rounds) over the salt gives the keys, and the last 10 bytes of the raw entry
// must equal HMAC-SHA1(auth key, ciphertext). True only when they do.
bool WinZipAesMacValid(zip_t* za, uint64_t index, uint16_t method, uint64_t raw_size,
                       const std::string& password) {
  size_t key_len = method == ZIP_EM_AES_128 ? 16 : method == ZIP_EM_AES_192 ? 24 : 32;
  size_t salt_len = key_len / 2;
  zip_file_t* raw = zip_fopen_index(za, index, ZIP_FL_ENCRYPTED);
  if (raw == nullptr) {
    zip_error_clear(za);
    return false;
  }
  std::vector<unsigned char> head(salt_len + 2);
  bool ok = zip_fread(raw, head.data(), head.size()) == static_cast<zip_int64_t>(head.size());
  std::vector<unsigned char> keys(2 * key_len + 2);
  ok = ok && PKCS5_PBKDF2_HMAC_SHA1(password.data(), static_cast<int>(password.size()), head.data(),
                                    static_cast<int>(salt_len), 1000, static_cast<int>(keys.size()),
                                    keys.data()) == 1;
  ok = ok && keys[2 * key_len] == head[salt_len] && keys[2 * key_len + 1] == head[salt_len + 1];
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = mac != nullptr ? EVP_MAC_CTX_new(mac) : nullptr;
  char digest_name[] = "SHA1";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                         OSSL_PARAM_construct_end()};
  ok = ok && ctx != nullptr && EVP_MAC_init(ctx, keys.data() + key_len, key_len, params) == 1;
  // Everything but the last 10 bytes is ciphertext; hold back 10 bytes while streaming.
  std::vector<unsigned char> buf(1 << 16);
  std::vector<unsigned char> held;
  uint64_t total = head.size();
  while (ok) {
    zip_int64_t n = zip_fread(raw, buf.data(), buf.size());
    // For stored entries libzip 1.7 checks the CRC even on the raw bytes and fails
    // at their end: having every raw byte is what counts here.
    if (n < 0 && total != raw_size) ok = false;
    if (n <= 0) break;
    total += static_cast<uint64_t>(n);
    held.insert(held.end(), buf.begin(), buf.begin() + n);
    if (held.size() > 10) {
      size_t feed = held.size() - 10;
      ok = EVP_MAC_update(ctx, held.data(), feed) == 1;
      held.erase(held.begin(), held.begin() + static_cast<std::ptrdiff_t>(feed));
    }
  }
  unsigned char out[EVP_MAX_MD_SIZE];
  size_t out_len = 0;
  ok = ok && held.size() == 10 && EVP_MAC_final(ctx, out, &out_len, sizeof out) == 1 &&
       out_len >= 10 && std::memcmp(out, held.data(), 10) == 0;
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  zip_fclose(raw);
  return ok;
}

// Streams an entry through `sink`; `sink` returns false to stop (limit reached).
Status Pump(zip_t* za, const Entry& entry, const std::string& password, uint64_t max_bytes,
            const std::function<bool(const char*, size_t)>& sink, uint64_t* produced) {
  *produced = 0;
  const char* pw = (entry.encrypted && !password.empty()) ? password.c_str() : nullptr;
  zip_file_t* zf = zip_fopen_index_encrypted(za, entry.index, 0, pw);
  if (zf == nullptr) {
    int code = zip_error_code_zip(zip_get_error(za));
    zip_error_clear(za);
    if (entry.encrypted && pw == nullptr)
      return Status(StatusCode::kPasswordNeeded, "no password was given");
    return FromZipError(code, entry.encrypted);
  }
  std::vector<char> buf(1 << 16);
  Status status;
  for (;;) {
    if (Interrupted()) {
      status = Status(StatusCode::kInterrupted, "interrupted");
      break;
    }
    zip_int64_t n = zip_fread(zf, buf.data(), buf.size());
    if (n < 0) {
      status = FromZipError(zip_error_code_zip(zip_file_get_error(zf)), entry.encrypted);
      break;
    }
    if (n == 0) break;
    if (*produced + static_cast<uint64_t>(n) > max_bytes) {
      status = Status(StatusCode::kLimit, "limit reached");
      break;
    }
    *produced += static_cast<uint64_t>(n);
    if (!sink(buf.data(), static_cast<size_t>(n))) {
      status = Status(StatusCode::kIo, "cannot write to the work directory");
      break;
    }
  }
  int close_code = zip_fclose(zf);  // AES entries check their authentication code here
  if (status.ok() && close_code != 0) status = FromZipError(close_code, entry.encrypted);
  if (!status.ok() && status.code() == StatusCode::kPasswordNeeded && pw != nullptr) {
    zip_stat_t st;
    zip_stat_init(&st);
    bool ae2 = zip_stat_index(za, entry.index, 0, &st) == 0 && (st.valid & ZIP_STAT_CRC) != 0 &&
               st.crc == 0 && *produced == entry.size &&
               (st.encryption_method == ZIP_EM_AES_128 || st.encryption_method == ZIP_EM_AES_192 ||
                st.encryption_method == ZIP_EM_AES_256);
    if (ae2 && WinZipAesMacValid(za, entry.index, st.encryption_method, st.comp_size, password)) {
      status = Status::Ok();
    }
  }
  return status;
}

}  // namespace

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::Archive(Archive&&) noexcept = default;
Archive& Archive::operator=(Archive&&) noexcept = default;
Archive::~Archive() = default;

Result<Archive> Archive::Open(const std::string& path) {
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (za == nullptr) {
    return Status(err == ZIP_ER_MULTIDISK ? StatusCode::kUnsupported : StatusCode::kUnreadable,
                  OpenErrorText(err, path));
  }
  auto impl = std::make_unique<Impl>();
  impl->za = za;
  Archive archive(std::move(impl));
  zip_int64_t count = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    Entry e;
    e.index = static_cast<uint64_t>(i);
    if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      zip_error_clear(za);
      e.supported = false;
      e.method = "unreadable directory entry";
      archive.entries_.push_back(std::move(e));
      continue;
    }
    if ((st.valid & ZIP_STAT_NAME) != 0 && st.name != nullptr) e.name = st.name;
    if ((st.valid & ZIP_STAT_SIZE) != 0) e.size = st.size;
    if ((st.valid & ZIP_STAT_COMP_SIZE) != 0) e.packed_size = st.comp_size;
    e.encrypted =
        (st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE;
    e.method = MethodName(st);
    bool comp_ok =
        zip_compression_method_supported(static_cast<zip_int32_t>(st.comp_method), 0) != 0;
    bool enc_ok = !e.encrypted || zip_encryption_method_supported(st.encryption_method, 0) != 0;
    e.supported = comp_ok && enc_ok;
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(za, static_cast<zip_uint64_t>(i), 0, &opsys,
                                         &attributes) == 0 &&
        opsys == ZIP_OPSYS_UNIX) {
      mode_t mode = static_cast<mode_t>(attributes >> 16);
      e.is_symlink = S_ISLNK(mode);
      e.is_special = S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) || S_ISSOCK(mode);
      e.is_directory = S_ISDIR(mode);
    }
    if (!e.name.empty() && (e.name.back() == '/' || e.name.back() == '\\')) e.is_directory = true;
    archive.entries_.push_back(std::move(e));
  }
  return archive;
}

const Entry* Archive::Find(std::string_view name) const {
  for (const Entry& e : entries_) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

Result<uint64_t> Archive::ExtractTo(uint64_t index, const std::string& password,
                                    const std::string& dest, uint64_t max_bytes) {
  if (index >= entries_.size()) return Status(StatusCode::kUnreadable, "no such entry");
  int fd = open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    return Status(StatusCode::kIo,
                  std::string("cannot create a work file: ") + std::strerror(errno));
  auto sink = [fd](const char* data, size_t size) {
    while (size > 0) {
      ssize_t n = write(fd, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      data += n;
      size -= static_cast<size_t>(n);
    }
    return true;
  };
  uint64_t produced = 0;
  Status status = Pump(impl_->za, entries_[index], password, max_bytes, sink, &produced);
  close(fd);
  if (!status.ok()) {
    unlink(dest.c_str());
    return status;
  }
  return produced;
}

namespace {

// An archive being written new at `dest` (which must not exist). Until Close succeeds,
// it is discarded and `dest` removed, whatever happens.
class NewArchive {
 public:
  explicit NewArchive(std::string dest) : dest_(std::move(dest)) {
    za_ = zip_open(dest_.c_str(), ZIP_CREATE | ZIP_EXCL, &err_);
  }
  NewArchive(const NewArchive&) = delete;
  NewArchive& operator=(const NewArchive&) = delete;
  ~NewArchive() { Discard(); }

  zip_t* get() const { return za_; }
  Status Opened() const {
    if (za_ != nullptr) return Status::Ok();
    return Status(StatusCode::kIo, "cannot create " + dest_ + ": " + OpenErrorText(err_, dest_));
  }
  // Discards the archive; kIo with `what` and libzip's reason.
  Status Fail(const std::string& what) {
    std::string why = what + ": " + zip_strerror(za_);
    Discard();
    return Status(StatusCode::kIo, why);
  }
  Status Close() {
    if (zip_close(za_) != 0) return Fail("cannot write " + dest_);
    za_ = nullptr;
    return Status::Ok();
  }

 private:
  void Discard() {
    if (za_ == nullptr) return;
    zip_discard(za_);
    za_ = nullptr;
    unlink(dest_.c_str());
  }
  std::string dest_;
  int err_ = 0;
  zip_t* za_ = nullptr;
};

}  // namespace

Status Archive::CopyTo(const std::string& dest,
                       const std::map<std::string, std::string>& replaced) const {
  NewArchive archive(dest);
  if (Status opened = archive.Opened(); !opened.ok()) return opened;
  zip_t* out = archive.get();
  auto fail = [&archive](const std::string& what) { return archive.Fail(what); };
  for (const Entry& e : entries_) {
    if (Interrupted()) return fail("interrupted");
    // The name as the archive stores it, so that nothing is renamed on the way.
    const char* raw = zip_get_name(impl_->za, e.index, ZIP_FL_ENC_RAW);
    if (raw == nullptr) return fail("entry " + std::to_string(e.index) + " has no name");
    zip_source_t* source = nullptr;
    if (auto it = replaced.find(e.name); it != replaced.end()) {
      source = zip_source_buffer(out, it->second.data(), it->second.size(), 0);
    } else if (e.is_directory) {
      if (zip_dir_add(out, raw, 0) < 0) return fail("cannot copy " + e.name);
      continue;
    } else {
      // Packed as it is: a part that unpacks to far more than it is packed is never unpacked.
      source = zip_source_zip(out, impl_->za, e.index, ZIP_FL_COMPRESSED, 0, -1);
    }
    if (source == nullptr) return fail("cannot copy " + e.name);
    if (zip_file_add(out, raw, source, 0) < 0) {
      zip_source_free(source);
      return fail("cannot copy " + e.name);
    }
  }
  return archive.Close();
}

Result<std::string> Archive::Read(std::string_view name, uint64_t max_bytes) {
  const Entry* e = Find(name);
  if (e == nullptr) return Status(StatusCode::kUnreadable, std::string(name) + " is missing");
  std::string out;
  auto sink = [&out](const char* data, size_t size) {
    out.append(data, size);
    return true;
  };
  uint64_t produced = 0;
  Status status = Pump(impl_->za, *e, "", max_bytes, sink, &produced);
  if (!status.ok()) return status;
  return out;
}

Status WriteZip(const std::string& dest,
                const std::vector<std::pair<std::string, std::string>>& files) {
  NewArchive archive(dest);
  if (Status opened = archive.Opened(); !opened.ok()) return opened;
  zip_t* out = archive.get();
  auto fail = [&archive](const std::string& what) { return archive.Fail(what); };
  for (const auto& [name, path] : files) {
    if (Interrupted()) return fail("interrupted");
    // Read when the archive is closed, one file at a time.
    zip_source_t* source = zip_source_file(out, path.c_str(), 0, -1);
    if (source == nullptr) return fail("cannot read " + path);
    if (zip_file_add(out, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      return fail("cannot add " + name);
    }
  }
  return archive.Close();
}

}  // namespace qpm::zip
