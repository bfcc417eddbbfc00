#include "pipeline/platform/sandbox.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <new>
#include <utility>

#include "pipeline/platform/interrupt.h"

namespace qpm::sandbox {
namespace {

// Exit codes a child uses to say why it stopped without a signal.
constexpr int kChildThrew = 70;
constexpr int kChildOutOfMemory = 71;

using Clock = std::chrono::steady_clock;

void WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      _exit(kChildThrew);  // the parent is gone or the pipe broke: nothing to report to
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}

struct Running {
  pid_t pid = -1;
  int fd = -1;
  size_t index = 0;
  Clock::time_point deadline;
  std::string buffer;  // bytes not yet cut into frames
  uint64_t received = 0;
  Outcome outcome;
};

// Moves every complete frame out of `r.buffer`.
void CutFrames(Running& r) {
  size_t pos = 0;
  while (r.buffer.size() - pos >= 8) {
    uint64_t len = 0;
    for (int i = 0; i < 8; ++i) {
      len |=
          static_cast<uint64_t>(static_cast<unsigned char>(r.buffer[pos + static_cast<size_t>(i)]))
          << (8 * i);
    }
    if (r.buffer.size() - pos - 8 < len) break;
    r.outcome.frames.emplace_back(r.buffer, pos + 8, len);
    pos += 8 + len;
  }
  r.buffer.erase(0, pos);
}

#ifndef QPM_SANITIZED
// The address space this process already has: a fork inherits the parent's, and
// the budget is meant for what reading one file adds to it.
rlim_t CurrentAddressSpace() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (f != nullptr) {
    if (std::fscanf(f, "%lu", &pages) != 1) pages = 0;
    std::fclose(f);
  }
  return static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE));
}
#endif

void LimitChild(const Budget& budget) {
  struct rlimit no_core {
    0, 0
  };
  setrlimit(RLIMIT_CORE, &no_core);  // a core dump would hold personal data
  // CPU time as a second line behind the parent's wall clock.
  rlim_t cpu = budget.timeout_seconds + 2;
  struct rlimit cpu_limit {
    cpu, cpu + 1
  };
  setrlimit(RLIMIT_CPU, &cpu_limit);
#ifndef QPM_SANITIZED
  // AddressSanitizer reserves terabytes of address space, so this limit only
  // applies in normal builds.
  rlim_t allowed = CurrentAddressSpace() + budget.max_memory_bytes;
  struct rlimit mem {
    allowed, allowed
  };
  setrlimit(RLIMIT_AS, &mem);
#endif
}

void QuietChildOutput() {
  int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (devnull < 0) return;
  dup2(devnull, STDOUT_FILENO);  // stdout carries the run's data: never a child's
#ifndef QPM_SANITIZED
  // Libraries may print what they found in a file; that could be personal data.
  // Sanitizer builds keep stderr so their reports are seen.
  dup2(devnull, STDERR_FILENO);
#endif
  close(devnull);
}

// Runs `work` in this child, which reports to `fd`, and ends the child.
[[noreturn]] void RunChild(const std::function<void(Channel&)>& work, int fd) {
  Channel channel(fd);
  try {
    work(channel);
  } catch (const std::bad_alloc&) {
    _exit(kChildOutOfMemory);
  } catch (...) {
    _exit(kChildThrew);
  }
  close(fd);
  _exit(0);  // no atexit handlers, no destructors of the parent's objects
}

// Makes the child that runs a task: given the pipe's two ends, returns its pid or -1.
using Make = std::function<pid_t(int read_fd, int write_fd)>;

Running StartWith(size_t index, const Make& make, const Budget& budget) {
  Running r;
  r.index = index;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    r.outcome.end = End::kFailed;
    r.outcome.exit_code = -1;
    return r;
  }
  pid_t pid = make(fds[0], fds[1]);
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    r.outcome.end = End::kFailed;
    r.outcome.exit_code = -1;
    return r;
  }
  r.pid = pid;
  r.fd = fds[0];
  r.deadline = Clock::now() + std::chrono::seconds(budget.timeout_seconds);
  return r;
}

Running Start(size_t index, const Task& task, const Budget& budget,
              const std::vector<Running>& others) {
  return StartWith(
      index,
      [&](int read_fd, int write_fd) {
        pid_t pid = fork();
        if (pid == 0) {
          ResetInterruptHandlersForChild();
          close(read_fd);
          for (const Running& o : others) close(o.fd);
          LimitChild(budget);
          QuietChildOutput();
          RunChild(task, write_fd);
        }
        return pid;
      },
      budget);
}

void Reap(Running& r, bool killed_for_time) {
  int status = 0;
  while (waitpid(r.pid, &status, 0) < 0 && errno == EINTR) {
  }
  // Whatever the child sent before it ended is still in the pipe: keep it, so a
  // time-out says truthfully how much was read.
  if (r.fd >= 0 && r.outcome.end != End::kTooMuchOutput) {
    char buf[1 << 16];
    for (ssize_t n; (n = read(r.fd, buf, sizeof buf)) != 0;) {
      if (n < 0) {
        if (errno == EINTR) continue;
        break;
      }
      r.received += static_cast<uint64_t>(n);
      r.buffer.append(buf, static_cast<size_t>(n));
    }
    CutFrames(r);
  }
  if (r.fd >= 0) close(r.fd);
  r.fd = -1;
  r.pid = -1;  // reaped: its number may belong to another process from now on
  Outcome& o = r.outcome;
  if (o.end == End::kTooMuchOutput || o.end == End::kInterrupted) return;
  if (killed_for_time) {
    o.end = End::kTimedOut;
  } else if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGXCPU) {
      o.end = End::kTimedOut;
    } else {
      o.end = End::kCrashed;
      o.signal = sig;
    }
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    o.exit_code = WEXITSTATUS(status);
    o.end = o.exit_code == kChildOutOfMemory ? End::kOutOfMemory : End::kFailed;
  } else {
    o.end = End::kFinished;
  }
}

}  // namespace

void Channel::Send(std::string_view frame) {
  char header[8];
  uint64_t len = frame.size();
  for (int i = 0; i < 8; ++i) header[i] = static_cast<char>((len >> (8 * i)) & 0xff);
  WriteAll(fd_, header, sizeof header);
  WriteAll(fd_, frame.data(), frame.size());
}

std::string Outcome::Describe(const Budget& budget) const {
  switch (end) {
    case End::kFinished:
      return "finished";
    case End::kTimedOut:
      return "ran out of time after " + std::to_string(budget.timeout_seconds) + " s";
    case End::kCrashed: {
      const char* name = strsignal(signal);
      return "stopped by signal " + std::to_string(signal) + " (" + (name ? name : "?") + ")";
    }
    case End::kOutOfMemory:
      return "ran out of memory (limit " + std::to_string(budget.max_memory_bytes >> 20) + " MiB)";
    case End::kFailed:
      return exit_code == kChildThrew ? "stopped on an internal error"
                                      : "stopped with exit code " + std::to_string(exit_code);
    case End::kTooMuchOutput:
      return "produced more text than the limit allows";
    case End::kInterrupted:
      return "interrupted";
  }
  return "unknown";
}

namespace {

// Starts the child for task `index`, given the children running.
using StartFn = std::function<Running(size_t index, const std::vector<Running>& running)>;

void RunLoop(size_t count, const StartFn& start, unsigned jobs, const Budget& budget,
             const std::function<void(size_t, Outcome&&)>& done) {
  if (jobs == 0) jobs = 1;
  std::vector<Running> running;
  // If `done` throws, no child may outlive this call (the work directory goes next).
  struct KillOnUnwind {
    std::vector<Running>& running;
    ~KillOnUnwind() {
      for (Running& r : running) {
        if (r.pid < 0) continue;
        kill(r.pid, SIGKILL);
        while (waitpid(r.pid, nullptr, 0) < 0 && errno == EINTR) {
        }
        if (r.fd >= 0) close(r.fd);
      }
    }
  } guard{running};
  size_t next = 0;
  while (next < count || !running.empty()) {
    if (Interrupted()) {
      for (Running& r : running) {
        kill(r.pid, SIGKILL);
        r.outcome.end = End::kInterrupted;
        Reap(r, false);
        done(r.index, std::move(r.outcome));
      }
      running.clear();
      for (; next < count; ++next) {
        Outcome o;
        o.end = End::kInterrupted;
        done(next, std::move(o));
      }
      return;
    }
    while (running.size() < jobs && next < count) {
      Running r = start(next, running);
      ++next;
      if (r.pid < 0) {
        done(r.index, std::move(r.outcome));
        continue;
      }
      running.push_back(std::move(r));
    }
    if (running.empty()) continue;

    std::vector<pollfd> fds;
    fds.reserve(running.size());
    for (const Running& r : running) fds.push_back(pollfd{r.fd, POLLIN, 0});
    int ready = poll(fds.data(), fds.size(), 200);
    if (ready < 0 && errno != EINTR) ready = 0;

    Clock::time_point now = Clock::now();
    for (size_t i = 0; i < running.size(); ++i) {
      Running& r = running[i];
      bool finished = false;
      if (ready > 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        char buf[1 << 16];
        ssize_t n = read(r.fd, buf, sizeof buf);
        if (n > 0) {
          r.received += static_cast<uint64_t>(n);
          if (r.received > budget.max_output_bytes) {
            kill(r.pid, SIGKILL);
            r.outcome.end = End::kTooMuchOutput;
            CutFrames(r);
            Reap(r, false);
            finished = true;
          } else {
            r.buffer.append(buf, static_cast<size_t>(n));
            CutFrames(r);
          }
        } else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
          Reap(r, false);  // end of frames: the child closed its end or died
          finished = true;
        }
      }
      if (!finished && now >= r.deadline) {
        kill(r.pid, SIGKILL);
        Reap(r, true);
        finished = true;
      }
      if (finished) done(r.index, std::move(r.outcome));
    }
    running.erase(
        std::remove_if(running.begin(), running.end(), [](const Running& r) { return r.pid < 0; }),
        running.end());
  }
}

}  // namespace

void RunAll(size_t count, const std::function<Task(size_t)>& task_for, unsigned jobs,
            const Budget& budget, const std::function<void(size_t, Outcome&&)>& done) {
  RunLoop(
      count,
      [&](size_t index, const std::vector<Running>& running) {
        return Start(index, task_for(index), budget, running);
      },
      jobs, budget, done);
}

Outcome RunOne(const Task& task, const Budget& budget) {
  Outcome result;
  RunAll(
      1, [&](size_t) { return task; }, 1, budget,
      [&](size_t, Outcome&& o) { result = std::move(o); });
  return result;
}

namespace {

// A request as it crosses to the spawner: this header (with the reader's pipe end
// attached), then `size` bytes of request. The spawner answers with the reader's pid.
struct RequestHeader {
  uint64_t timeout_seconds;
  uint64_t max_memory_bytes;
  uint64_t size;
};

// The most bytes of request the spawner takes: far more than any reader's job.
constexpr uint64_t kMaxRequestBytes = 64ull << 20;

bool SendAll(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = send(fd, p, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool ReceiveAll(int fd, void* data, size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = recv(fd, p, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// The header of the next request, and the pipe end that came with it (-1 if none).
bool ReceiveHeader(int sock, RequestHeader& header, int& fd) {
  fd = -1;
  char* p = reinterpret_cast<char*>(&header);
  size_t left = sizeof header;
  while (left > 0) {
    iovec iov{p, left};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && fd < 0) {
        std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
      }
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

// The spawner: takes requests until the run closes its end, starting a reader for each.
[[noreturn]] void Serve(int sock, Handler handler) {
  for (;;) {
    RequestHeader header{};
    int fd = -1;
    if (!ReceiveHeader(sock, header, fd) || header.size > kMaxRequestBytes) _exit(0);
    std::string request(header.size, '\0');
    if (!ReceiveAll(sock, request.data(), request.size())) _exit(0);
    pid_t pid = -1;
    if (fd >= 0) {
      // A fork whose child is the run's, not this process's: the run reaps it.
      pid = static_cast<pid_t>(
          syscall(SYS_clone, CLONE_PARENT | SIGCHLD, nullptr, nullptr, nullptr, nullptr));
      if (pid == 0) {
        close(sock);
        Budget budget;
        budget.timeout_seconds = static_cast<uint32_t>(header.timeout_seconds);
        budget.max_memory_bytes = header.max_memory_bytes;
        LimitChild(budget);
        RunChild([&](Channel& channel) { handler(request, channel); }, fd);
      }
      close(fd);
    }
    int32_t reply = pid;
    if (!SendAll(sock, &reply, sizeof reply)) _exit(0);
  }
}

}  // namespace

std::unique_ptr<Spawner> Spawner::Start(Handler handler) {
  int ends[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) return nullptr;
  pid_t pid = fork();
  if (pid < 0) {
    close(ends[0]);
    close(ends[1]);
    return nullptr;
  }
  if (pid == 0) {
    ResetInterruptHandlersForChild();
    close(ends[0]);
    QuietChildOutput();  // its readers inherit this
    Serve(ends[1], handler);
  }
  close(ends[1]);
  return std::unique_ptr<Spawner>(new Spawner(ends[0], pid));
}

Spawner::~Spawner() {
  if (socket_ >= 0) close(socket_);  // the spawner reads the end of requests, and exits
  while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
}

pid_t Spawner::Launch(std::string_view request, int fd, const Budget& budget) {
  if (socket_ < 0 || request.size() > kMaxRequestBytes) return -1;
  RequestHeader header{budget.timeout_seconds, budget.max_memory_bytes, request.size()};
  iovec iov{&header, sizeof header};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
  ssize_t sent = -1;
  do {
    sent = sendmsg(socket_, &msg, MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  int32_t pid = -1;
  bool ok = sent > 0 &&
            SendAll(socket_, reinterpret_cast<const char*>(&header) + sent,
                    sizeof header - static_cast<size_t>(sent)) &&
            SendAll(socket_, request.data(), request.size()) &&
            ReceiveAll(socket_, &pid, sizeof pid);
  if (!ok) {
    close(socket_);  // the spawner is gone: every later request fails at once
    socket_ = -1;
    return -1;
  }
  return pid;
}

void RunAll(size_t count, const std::function<std::string(size_t)>& request_for, Spawner& spawner,
            unsigned jobs, const Budget& budget,
            const std::function<void(size_t, Outcome&&)>& done) {
  RunLoop(
      count,
      [&](size_t index, const std::vector<Running>& /*running*/) {
        std::string request = request_for(index);
        return StartWith(
            index,
            [&](int /*read_fd*/, int write_fd) {
              return spawner.Launch(request, write_fd, budget);
            },
            budget);
      },
      jobs, budget, done);
}

}  // namespace qpm::sandbox
