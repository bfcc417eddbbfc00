// pipeline/sandbox.h — runs risky work in a child process with a time and memory budget.
//
// Every parse of untrusted bytes (unpacking an archive or an email, reading a PDF
// or a Word file) runs here. A library that crashes, loops or eats memory on a
// hostile file ends only its own process; the run records what happened and goes
// on with the rest. The child is a fork of this process: it sees the parent's
// memory as it was (options, passwords) and sends results back as frames over a
// pipe. It never writes outside the work directory and never touches stdout.
//
// The parent must be single-threaded when it calls these (fork copies one thread).
#ifndef QPM_PIPELINE_SANDBOX_H_
#define QPM_PIPELINE_SANDBOX_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace qpm::sandbox {

struct Budget {
  uint32_t timeout_seconds = 120;          // wall time, then SIGKILL
  uint64_t max_memory_bytes = 2ull << 30;  // RLIMIT_AS (not applied in sanitizer builds)
  uint64_t max_output_bytes = 1ull << 30;  // bytes of frames the parent will hold
};

// The child's end of the pipe. Each Send() is one frame the parent receives whole.
class Channel {
 public:
  explicit Channel(int fd) : fd_(fd) {}
  void Send(std::string_view frame);

 private:
  int fd_;
};

using Task = std::function<void(Channel&)>;

enum class End {
  kFinished,     // the task returned
  kTimedOut,     // wall-time or CPU budget ran out
  kCrashed,      // killed by a signal (a library crash)
  kOutOfMemory,  // the memory budget ran out
  kFailed,       // the task threw, or the process exited non-zero (a bug, or a sanitizer report)
  kTooMuchOutput,
  kInterrupted,  // Ctrl-C
};

struct Outcome {
  End end = End::kFinished;
  int signal = 0;                   // when kCrashed
  int exit_code = 0;                // when kFailed
  std::vector<std::string> frames;  // every complete frame received, in order
  // "stopped by signal 11 (Segmentation fault)", "ran out of time after 120 s", ...
  std::string Describe(const Budget& budget) const;
};

// Runs tasks 0..count-1, each in its own child, at most `jobs` at once, and calls
// done(i, outcome) in this process as each ends. When Ctrl-C arrives, kills the
// children still running and reports them as kInterrupted.
void RunAll(size_t count, const std::function<Task(size_t)>& task_for, unsigned jobs,
            const Budget& budget, const std::function<void(size_t, Outcome&&)>& done);

Outcome RunOne(const Task& task, const Budget& budget);

}  // namespace qpm::sandbox

#endif  // QPM_PIPELINE_SANDBOX_H_
