// pipeline/core/status.h — how a stage says it could not process one input.
//
// A problem *in* a submission is a Finding (model.h). A failure to *process* an
// input (unreadable file, wrong password, a limit reached) is a Status; the runner
// turns it into a finding and carries on. A bug is an assert or an exception that
// reaches main. No exception crosses a public header of this project.
#ifndef QPM_PIPELINE_CORE_STATUS_H_
#define QPM_PIPELINE_CORE_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace qpm {

enum class StatusCode {
  kOk = 0,
  kUnreadable,      // bytes are damaged or not the format they claim
  kPasswordNeeded,  // encrypted, and no password we have opens it
  kUnsupported,     // a format or feature we do not read (yet)
  kLimit,           // a resource limit was reached
  kTimeout,         // the per-document time budget ran out
  kCrashed,         // the reader process died (a library bug met a hostile file)
  kIo,              // the operating system refused a read or write
  kInterrupted,     // Ctrl-C
};

// A code and a message a non-technical person can read. The message never holds
// personal data or a password: adapters describe *what* failed, not the content.
class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or a failed Status. Never holds both.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_STATUS_H_
