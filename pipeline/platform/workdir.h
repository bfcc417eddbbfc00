// pipeline/platform/workdir.h — the private directory where unpacked files live during a run.
//
// Created with mode 0700 under $TMPDIR (or /tmp), removed with everything in it when
// the WorkDir is destroyed: on normal exit, on error, and after Ctrl-C (the runner
// unwinds to main). Files inside get names of our own (c3_000001, ...), never a name
// taken from a submission, so no archive entry name can steer a write.
#ifndef QPM_PIPELINE_PLATFORM_WORKDIR_H_
#define QPM_PIPELINE_PLATFORM_WORKDIR_H_

#include <cstdint>
#include <string>

#include "pipeline/core/status.h"

namespace qpm {

class WorkDir {
 public:
  // Makes a new private directory. Fails with kIo naming the parent directory.
  static Result<WorkDir> Create();

  WorkDir(WorkDir&& other) noexcept;
  WorkDir& operator=(WorkDir&&) = delete;
  WorkDir(const WorkDir&) = delete;
  ~WorkDir();  // removes the directory and everything in it

  const std::string& path() const { return path_; }

  // A fresh path inside `dir` for file `n` of reader task `task`: "c<task>_<n>".
  // Each task has its own number, so no two readers ever pick the same name.
  static std::string NewPathIn(const std::string& dir, uint64_t task, uint64_t n);

 private:
  explicit WorkDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Removes a directory tree without following symbolic links. Best effort.
void RemoveTree(const std::string& path);

}  // namespace qpm

#endif  // QPM_PIPELINE_PLATFORM_WORKDIR_H_
