#include "pipeline/platform/interrupt.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <csignal>
#include <initializer_list>

namespace qpm {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void OnSignal(int) { g_interrupted = 1; }

}  // namespace

void InstallInterruptHandlers() {
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking poll() should return EINTR
  // Closing the terminal (SIGHUP) and Ctrl-\ (SIGQUIT) too: every way a person
  // stops a run must leave no unpacked files behind.
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaction(sig, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  // No core dumps: one would hold every page's text and the passwords.
  struct rlimit no_core {
    0, 0
  };
  setrlimit(RLIMIT_CORE, &no_core);
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

bool Interrupted() { return g_interrupted != 0; }

void ResetInterruptHandlersForChild() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) std::signal(sig, SIG_DFL);
  std::signal(SIGPIPE, SIG_DFL);
}

}  // namespace qpm
