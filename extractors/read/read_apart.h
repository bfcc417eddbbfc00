// extractors/read/read_apart.h — runs one reader of a document in a child process of its
// own (pipeline/platform/sandbox.h), so that a library's crash or hang on a hostile file
// costs only what that reader reads, never what the parent reader has read.
#ifndef QPM_EXTRACTORS_READ_READ_APART_H_
#define QPM_EXTRACTORS_READ_READ_APART_H_

#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "extractors/read/extract.h"
#include "pipeline/core/model.h"
#include "pipeline/core/model_json.h"
#include "pipeline/core/status.h"
#include "pipeline/platform/sandbox.h"

namespace qpm::extract {

// `read()` in a child within `timeout_seconds` and the memory limit of `limits`;
// its value travels back as JSON (T needs to_json/from_json). `what` names the
// reader in errors: "the form reader". Fails as `read` does, or with kTimeout,
// kInterrupted or kCrashed.
template <typename T>
Result<T> ReadApart(const std::function<Result<T>()>& read, const Limits& limits,
                    uint32_t timeout_seconds, const std::string& what) {
  sandbox::Budget budget;
  budget.timeout_seconds = std::max<uint32_t>(timeout_seconds, 1);
  budget.max_memory_bytes = limits.max_memory_bytes;
  budget.max_output_bytes = 256ull << 20;
  pid_t parent = getpid();
  sandbox::Outcome outcome = sandbox::RunOne(
      [&](sandbox::Channel& channel) {
        // Not to outlive the reader that started it if that is killed for time.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(0);
        Result<T> value = read();
        nlohmann::json j;
        if (value.ok()) {
          j["value"] = value.value();
        } else {
          j["code"] = static_cast<int>(value.status().code());
          j["message"] = value.status().message();
        }
        channel.Send(ToCbor(j));
      },
      budget);
  for (const std::string& frame : outcome.frames) {
    nlohmann::json j = FromCbor(frame);
    if (j.is_discarded()) continue;
    try {
      if (j.contains("value")) return j["value"].get<T>();
      return Status(static_cast<StatusCode>(j.at("code").get<int>()),
                    j.at("message").get<std::string>());
    } catch (const nlohmann::json::exception&) {
      break;
    }
  }
  if (outcome.end == sandbox::End::kTimedOut) {
    return Status(StatusCode::kTimeout, what + " " + outcome.Describe(budget));
  }
  if (outcome.end == sandbox::End::kInterrupted) {
    return Status(StatusCode::kInterrupted, "interrupted");
  }
  return Status(StatusCode::kCrashed, what + " " + outcome.Describe(budget));
}

// The password that opened the document for ReadPdf ("" when it needed none).
inline std::string PasswordUsed(const Summary& s, const std::vector<std::string>& passwords) {
  if (s.password_used < 0 || static_cast<size_t>(s.password_used) >= passwords.size()) return "";
  return passwords[static_cast<size_t>(s.password_used)];
}

// What is left, in whole seconds, of the document's time budget since `started`,
// less a second: the runner must never kill the reader (and lose its summary)
// while a child of it still reads. 0 when nothing is left.
inline uint32_t SecondsLeft(const Limits& limits, std::chrono::steady_clock::time_point started) {
  auto spent =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
          .count();
  int64_t left = static_cast<int64_t>(limits.doc_timeout_seconds) - spent - 1;
  return left > 0 ? static_cast<uint32_t>(left) : 0;
}

// The status of a reader that had no time left to start in.
inline Status NoTimeLeft() {
  return Status(StatusCode::kTimeout, "reading its text used up the time allowed for it");
}

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_READ_APART_H_
