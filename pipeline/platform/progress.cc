#include "pipeline/platform/progress.h"

#include <unistd.h>

#include <cstdio>

namespace qpm {

Progress::Progress(bool enabled) : on_(enabled && isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() { Clear(); }

void Progress::Show(const std::string& line) {
  if (!on_) return;
  std::string shown = line.size() > 100 ? line.substr(0, 97) + "..." : line;
  std::fprintf(stderr, "\r\x1b[K%s", shown.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void Progress::Clear() {
  if (!on_ || !shown_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace qpm
