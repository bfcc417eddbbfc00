// pipeline/platform/sha256.h — SHA-256 of files and bytes (OpenSSL's EVP, behind this file).
#ifndef QPM_PIPELINE_PLATFORM_SHA256_H_
#define QPM_PIPELINE_PLATFORM_SHA256_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace qpm {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  std::string HexDigest();  // lower-case hex; the object is spent afterwards

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string Sha256Hex(std::string_view bytes);

struct FileDigest {
  std::string sha256;
  uint64_t size = 0;
  std::string head;  // the first 64 bytes, for checks that need only those
};

// Reads the whole file in chunks (never all at once). Fails with kIo (also when
// the path is not a regular file: a pipe swapped in must not block the run), or
// with kInterrupted when Ctrl-C arrives mid-way.
Result<FileDigest> DigestFile(const std::string& path);

}  // namespace qpm

#endif  // QPM_PIPELINE_PLATFORM_SHA256_H_
