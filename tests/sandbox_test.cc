#include "pipeline/sandbox.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
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

}  // namespace
}  // namespace qpm::sandbox
