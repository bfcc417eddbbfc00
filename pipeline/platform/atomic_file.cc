#include "pipeline/platform/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace qpm {

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  std::string templ = path + ".tmp-XXXXXX";
  std::vector<char> name(templ.begin(), templ.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) return Status(StatusCode::kIo, "cannot write " + path + ": " + std::strerror(errno));
  auto fail = [&](int err) {
    close(fd);
    unlink(name.data());
    return Status(StatusCode::kIo, "cannot write " + path + ": " + std::strerror(err));
  };
  const char* data = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t n = write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  // mkstemp made it 0600: reports about vulnerable people stay private to the user.
  if (fsync(fd) != 0) return fail(errno);
  if (close(fd) != 0) {
    int err = errno;
    unlink(name.data());
    return Status(StatusCode::kIo, "cannot write " + path + ": " + std::strerror(err));
  }
  if (rename(name.data(), path.c_str()) != 0) {
    int err = errno;
    unlink(name.data());
    return Status(StatusCode::kIo, "cannot write " + path + ": " + std::strerror(err));
  }
  return Status::Ok();
}

}  // namespace qpm
