// extractors/read/read_apart.h — runs one reader of a document in a child process of its
// own (pipeline/platform/call.h), so that a library's crash or hang on a hostile file
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
#include <string>
#include <vector>

#include "extractors/read/extract.h"
#include "pipeline/core/model.h"
#include "pipeline/core/status.h"
#include "pipeline/platform/call.h"
#include "pipeline/platform/sandbox.h"

namespace qpm::extract {

// `read()` in a child within `timeout_seconds` and the memory limit of `limits`;
// its value travels back through its own to_json/from_json (sandbox::Call). `what`
// names the reader in errors: "the form reader ran out of time after 9 s", "the
// form reader stopped by signal 11 (Segmentation fault)". Fails as `read` does, or
// with kTimeout, kInterrupted or kCrashed.
template <typename T>
Result<T> ReadApart(const std::function<Result<T>()>& read, const Limits& limits,
                    uint32_t timeout_seconds, const std::string& what) {
  sandbox::Budget budget;
  budget.timeout_seconds = std::max<uint32_t>(timeout_seconds, 1);
  budget.max_memory_bytes = limits.max_memory_bytes;
  budget.max_output_bytes = 256ull << 20;
  pid_t parent = getpid();
  return sandbox::Call<T>(
      [&read, parent]() -> Result<T> {
        // Not to outlive the reader that started it if that is killed for time.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(0);
        return read();
      },
      budget, what);
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

// A reader of a PDF (ReadPdfFormFields, FindHiddenText): the file, the password that
// opens it ("" when it needs none), the most pages it reads.
template <typename T>
using PdfReader = Result<T> (*)(const std::string& path, const std::string& password,
                                uint32_t max_pages);

// `read` on the PDF at `path` in a child, as ReadApart runs it, on at most
// limits.max_pages pages.
template <typename T>
Result<T> ReadPdfApart(PdfReader<T> read, const std::string& path, const std::string& password,
                       const Limits& limits, uint32_t timeout_seconds, const std::string& what) {
  uint32_t max_pages = limits.max_pages;
  return ReadApart<T>([&]() { return read(path, password, max_pages); }, limits, timeout_seconds,
                      what);
}

// The same reader run apart (ReadPdfFormFieldsApart, FindHiddenTextApart): the file, the
// password, the limits, the seconds it may take.
template <typename T>
using PdfReaderApart = Result<T> (*)(const std::string& path, const std::string& password,
                                     const Limits& limits, uint32_t timeout_seconds);

// For the PDF branch of Extract, after ReadPdf has filled `s`: `read` on the PDF at
// `path`, with the password that opened it, within what is left of the document's
// time budget since `started`. Fails with NoTimeLeft when none is left.
template <typename T>
Result<T> ReadAfterPdf(PdfReaderApart<T> read, const std::string& path,
                       const std::vector<std::string>& passwords, const Limits& limits,
                       std::chrono::steady_clock::time_point started, const Summary& s) {
  uint32_t left = SecondsLeft(limits, started);
  if (left < 1) return NoTimeLeft();
  return read(path, PasswordUsed(s, passwords), limits, left);
}

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_READ_APART_H_
