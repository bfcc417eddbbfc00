// pipeline/platform/sandbox.h — runs risky work in a child process with a time and memory budget.
//
// Every parse of untrusted bytes (unpacking an archive or an email, reading a PDF
// or a Word file) runs here. A library that crashes, loops or eats memory on a
// hostile file ends only its own process; the run records what happened and goes
// on with the rest. The child is a fork of this process: it sees the parent's
// memory as it was (options, passwords) and sends results back as frames over a
// pipe. It never writes outside the work directory and never touches stdout.
//
// The parent must be single-threaded when it calls these (fork copies one thread).
#ifndef QPM_PIPELINE_PLATFORM_SANDBOX_H_
#define QPM_PIPELINE_PLATFORM_SANDBOX_H_

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
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

// Work a Spawner's readers do: a request in bytes in, frames out. A plain function,
// so that a reader needs nothing of the process that asked for it but the request.
using Handler = void (*)(std::string_view request, Channel& channel);

// A small process, forked before the run holds much, that forks readers on request.
// A reader forked from the run itself carries a copy of all the run holds by then
// (tens of MB in a large submission: every page's words), on top of what its own
// work costs; one forked from here carries only what the program holds at its start.
// A reader is made this process's child, not the spawner's (clone with CLONE_PARENT),
// so RunAll below waits for it, times it out and kills it like any other.
class Spawner {
 public:
  // Forks the spawner, which serves `handler`. Null when that fails: the caller then
  // forks its readers itself, at the cost above. This process must be single-threaded.
  static std::unique_ptr<Spawner> Start(Handler handler);
  ~Spawner();  // the spawner exits; readers still running are not touched
  Spawner(const Spawner&) = delete;
  Spawner& operator=(const Spawner&) = delete;

  // Starts a reader on `request` with `budget`, its frames going to `fd` (which the
  // caller still closes). Its pid, or -1 when the spawner is gone.
  pid_t Launch(std::string_view request, int fd, const Budget& budget);

 private:
  Spawner(int socket, pid_t pid) : socket_(socket), pid_(pid) {}
  int socket_;
  pid_t pid_;
};

// As RunAll above, with each task a request that a reader forked by `spawner` serves.
void RunAll(size_t count, const std::function<std::string(size_t)>& request_for, Spawner& spawner,
            unsigned jobs, const Budget& budget,
            const std::function<void(size_t, Outcome&&)>& done);

}  // namespace qpm::sandbox

#endif  // QPM_PIPELINE_PLATFORM_SANDBOX_H_
