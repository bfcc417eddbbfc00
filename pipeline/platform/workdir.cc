#include "pipeline/platform/workdir.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

namespace qpm {

Result<WorkDir> WorkDir::Create() {
  const char* tmp = std::getenv("TMPDIR");
  std::string base = (tmp != nullptr && *tmp != '\0') ? tmp : "/tmp";
  std::string templ = base + "/qpm-intake-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  // mkdtemp creates the directory with mode 0700.
  if (mkdtemp(buf.data()) == nullptr) {
    return Status(StatusCode::kIo, "cannot create a private work directory in " + base +
                                       " (set TMPDIR to a writable directory)");
  }
  return WorkDir(std::string(buf.data()));
}

WorkDir::WorkDir(WorkDir&& other) noexcept : path_(std::exchange(other.path_, std::string())) {}

WorkDir::~WorkDir() {
  if (!path_.empty()) RemoveTree(path_);
}

std::string WorkDir::NewPathIn(const std::string& dir, uint64_t task, uint64_t n) {
  char name[48];
  std::snprintf(name, sizeof name, "/c%llu_%06llu", static_cast<unsigned long long>(task),
                static_cast<unsigned long long>(n));
  return dir + name;
}

void RemoveTree(const std::string& path) {
  std::error_code ec;
  // remove_all does not follow symlinks; it removes the link itself.
  std::filesystem::remove_all(path, ec);
}

}  // namespace qpm
