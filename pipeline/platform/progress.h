// pipeline/platform/progress.h — one live line on stderr while a run works, only on a terminal.
//
// Text given to it must already be safe to show (masked paths, counts).
#ifndef QPM_PIPELINE_PLATFORM_PROGRESS_H_
#define QPM_PIPELINE_PLATFORM_PROGRESS_H_

#include <string>

namespace qpm {

class Progress {
 public:
  // Enabled only when `enabled` and stderr is a terminal.
  explicit Progress(bool enabled);
  ~Progress();
  void Show(const std::string& line);  // replaces the current line
  void Clear();

 private:
  bool on_;
  bool shown_ = false;
};

}  // namespace qpm

#endif  // QPM_PIPELINE_PLATFORM_PROGRESS_H_
