#include "pipeline/platform/sandbox.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qpm::sandbox {
namespace {

Budget Short() {
  Budget b;
  b.timeout_seconds = 2;
  return b;
}

TEST(Sandbox, FramesComeBackInOrder) {
  Outcome o = RunOne(
      [](Channel& ch) {
        ch.Send("one");
        ch.Send(std::string(300000, 'x'));  // bigger than a pipe buffer
        ch.Send("");
        ch.Send("three");
      },
      Short());
  EXPECT_EQ(o.end, End::kFinished);
  ASSERT_EQ(o.frames.size(), 4u);
  EXPECT_EQ(o.frames[0], "one");
  EXPECT_EQ(o.frames[1].size(), 300000u);
  EXPECT_EQ(o.frames[2], "");
  EXPECT_EQ(o.frames[3], "three");
}

TEST(Sandbox, ACrashEndsOnlyTheChild) {
  Outcome o = RunOne(
      [](Channel& ch) {
        ch.Send("before");
        // SIGABRT, not SIGSEGV: sanitizer builds catch SEGV themselves and exit 1.
        std::abort();
      },
      Short());
  EXPECT_EQ(o.end, End::kCrashed);
  EXPECT_EQ(o.signal, SIGABRT);
  ASSERT_EQ(o.frames.size(), 1u);  // what was sent before the crash is kept
  EXPECT_NE(o.Describe(Short()).find("signal 6"), std::string::npos);
}

TEST(Sandbox, AHangIsKilledAtTheDeadline) {
  Outcome o = RunOne(
      [](Channel& ch) {
        ch.Send("page 1");
        for (;;) pause();
      },
      Short());
  EXPECT_EQ(o.end, End::kTimedOut);
  ASSERT_EQ(o.frames.size(), 1u);
  EXPECT_EQ(o.frames[0], "page 1");
}

TEST(Sandbox, AnExceptionIsAFailureNotACrashOfTheParent) {
  Outcome o = RunOne([](Channel&) { throw std::runtime_error("bug"); }, Short());
  EXPECT_EQ(o.end, End::kFailed);
  EXPECT_EQ(o.Describe(Short()), "stopped on an internal error");
}

#ifndef QPM_SANITIZED
TEST(Sandbox, MemoryIsBounded) {
  Budget b = Short();
  b.max_memory_bytes = 256ull << 20;
  Outcome o = RunOne(
      [](Channel& ch) {
        std::vector<char> big(1ull << 30, 'x');  // 1 GiB: over the budget
        ch.Send(std::string(1, big[12345]));
      },
      b);
  EXPECT_EQ(o.end, End::kOutOfMemory);
  EXPECT_TRUE(o.frames.empty());
}
#endif

TEST(Sandbox, OutputIsBounded) {
  Budget b = Short();
  b.max_output_bytes = 1 << 20;
  Outcome o = RunOne([](Channel& ch) { ch.Send(std::string(4 << 20, 'x')); }, b);
  EXPECT_EQ(o.end, End::kTooMuchOutput);
}

TEST(Sandbox, RunAllPlacesResultsByIndex) {
  std::vector<std::string> got(6);
  RunAll(
      6,
      [](size_t i) {
        return Task([i](Channel& ch) {
          if (i % 2 == 0) usleep(50000);  // finish out of order
          ch.Send(std::to_string(i * 10));
        });
      },
      3, Short(), [&](size_t i, Outcome&& o) { got[i] = o.frames.at(0); });
  EXPECT_EQ(got, (std::vector<std::string>{"0", "10", "20", "30", "40", "50"}));
}

TEST(Sandbox, ChildCannotWriteToStdout) {
  // A library that prints must not corrupt the run's data on stdout; the child's
  // stdout goes to /dev/null. Check through a pipe standing in for stdout.
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  int saved = dup(STDOUT_FILENO);
  dup2(fds[1], STDOUT_FILENO);
  Outcome o = RunOne(
      [](Channel&) {
        const char msg[] = "leak";
        (void)!write(STDOUT_FILENO, msg, 4);
      },
      Short());
  dup2(saved, STDOUT_FILENO);
  close(saved);
  close(fds[1]);
  char buf[8];
  ssize_t n = read(fds[0], buf, sizeof buf);
  close(fds[0]);
  EXPECT_EQ(o.end, End::kFinished);
  EXPECT_EQ(n, 0);
}

// What a spawner's reader in these tests does, by its request.
void TestHandler(std::string_view request, Channel& ch) {
  if (request == "crash") std::abort();
  if (request == "hang") {
    ch.Send("started");
    for (;;) pause();
  }
  if (request == "throw") throw std::runtime_error("bug");
  if (request == "big") {
    std::vector<char> big(1ull << 30, 'x');  // 1 GiB
    ch.Send(std::string(1, big[12345]));
    return;
  }
  if (request == "size") {
    // This process's resident size now, in KiB, from the kernel's own count.
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("VmRSS:", 0) == 0) ch.Send(std::to_string(std::stol(line.substr(6))));
    }
    return;
  }
  ch.Send(std::string(request) + " from " + std::to_string(getppid()));
}

std::vector<Outcome> Spawned(Spawner& spawner, const std::vector<std::string>& requests,
                             const Budget& budget, unsigned jobs = 2) {
  std::vector<Outcome> out(requests.size());
  RunAll(
      requests.size(), [&](size_t i) { return requests[i]; }, spawner, jobs, budget,
      [&](size_t i, Outcome&& o) { out[i] = std::move(o); });
  return out;
}

TEST(Spawner, ReadersAnswerInPlaceAndAreThisProcesssChildren) {
  std::unique_ptr<Spawner> spawner = Spawner::Start(&TestHandler);
  ASSERT_NE(spawner, nullptr);
  std::vector<std::string> requests = {"a", "b", std::string(200000, 'c'), "d", "e"};
  std::vector<Outcome> got = Spawned(*spawner, requests, Short());
  std::string me = " from " + std::to_string(getpid());
  for (size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(got[i].end, End::kFinished);
    ASSERT_EQ(got[i].frames.size(), 1u);
    EXPECT_EQ(got[i].frames[0], requests[i] + me);  // waited for here: its parent is us
  }
}

TEST(Spawner, ACrashAHangAndAnExceptionAreEndsLikeAFork) {
  std::unique_ptr<Spawner> spawner = Spawner::Start(&TestHandler);
  ASSERT_NE(spawner, nullptr);
  std::vector<Outcome> got = Spawned(*spawner, {"crash", "hang", "throw", "after"}, Short(), 4);
  EXPECT_EQ(got[0].end, End::kCrashed);
  EXPECT_EQ(got[0].signal, SIGABRT);
  EXPECT_EQ(got[1].end, End::kTimedOut);
  ASSERT_EQ(got[1].frames.size(), 1u);
  EXPECT_EQ(got[1].frames[0], "started");
  EXPECT_EQ(got[2].end, End::kFailed);
  EXPECT_EQ(got[3].end, End::kFinished);  // the spawner serves on after its readers fail
}

// The point of a spawner: a reader costs its own work, not what the run holds.
TEST(Spawner, AReaderDoesNotCarryWhatTheRunHoldsByThen) {
  std::unique_ptr<Spawner> spawner = Spawner::Start(&TestHandler);
  ASSERT_NE(spawner, nullptr);
  std::vector<char> held(256ull << 20, 'x');  // what the run holds by the time it reads
  long forked = 0;
  Outcome o = RunOne(
      [&held](Channel& ch) {
        (void)held;
        TestHandler("size", ch);
      },
      Short());
  ASSERT_EQ(o.frames.size(), 1u);
  forked = std::stol(o.frames[0]);
  std::vector<Outcome> spawned = Spawned(*spawner, {"size"}, Short());
  ASSERT_EQ(spawned[0].frames.size(), 1u);
  long from_spawner = std::stol(spawned[0].frames[0]);
  EXPECT_GT(forked, 256 * 1024);        // a fork of this process carries the 256 MiB
  EXPECT_LT(from_spawner, 128 * 1024);  // the spawner's reader does not
  EXPECT_EQ(held[12345], 'x');
}

#ifndef QPM_SANITIZED
TEST(Spawner, AReadersMemoryIsBounded) {
  std::unique_ptr<Spawner> spawner = Spawner::Start(&TestHandler);
  ASSERT_NE(spawner, nullptr);
  Budget b = Short();
  b.max_memory_bytes = 256ull << 20;
  std::vector<Outcome> got = Spawned(*spawner, {"big"}, b);
  EXPECT_EQ(got[0].end, End::kOutOfMemory);
}
#endif

}  // namespace
}  // namespace qpm::sandbox
