// tests/test_util.h — running the real binary, temporary folders, reading reports.
#ifndef QPM_TESTS_TEST_UTIL_H_
#define QPM_TESTS_TEST_UTIL_H_

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace qpm::testing {

// Paths fixed at build time (tests/CMakeLists.txt).
std::string Binary();      // the qpm-intake executable
std::string SamplesDir();  // <repo>/samples
std::string CorpusDir();   // <repo>/../shared/corpus

struct RunResult {
  int exit_code = -1;  // -1 when killed by the watchdog or a signal
  std::string out;
  std::string err;
  bool timed_out = false;
};

struct RunSpec {
  std::vector<std::string> args;  // after the binary
  std::string cwd;                // "" = current
  std::vector<std::string> env;   // extra NAME=VALUE entries
  int watchdog_seconds = 300;     // kill the run after this long
};

// Runs qpm-intake with `spec` and captures its stdout, stderr and exit code.
RunResult RunTool(const RunSpec& spec);
RunResult RunTool(const std::vector<std::string>& args);

// A fresh directory under the system temp dir, removed when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path);

// Runs `command` with /bin/sh; returns its exit code (-1 when it did not exit) and stdout.
std::pair<int, std::string> Shell(const std::string& command);
// `s` in single quotes, for a command line (test paths hold no quote).
std::string Quote(const std::string& s);
// Every regular file under `dir`, as paths relative to it, sorted.
std::vector<std::string> ListFiles(const std::string& dir);
// A PDF file's bytes: `objects` are the bodies of objects 1, 2, ... (object 1 is the
// catalog), written with their cross-reference table and trailer.
std::string PdfOf(const std::vector<std::string>& objects);

// Whether `value` is in `text`, both in letters and digits only, lower case: the
// separators of a number go ("999 612 0015" is found as "9996120015"), and so do spaces
// and line ends a reader of a PDF puts between words.
bool Holds(const std::string& text, const std::string& value);
std::string Squeezed(const std::string& s);  // "999 612-0015" → "9996120015"

// A stored (uncompressed) zip of `files` (name, bytes), enough for a .docx.
std::string StoredZip(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace qpm::testing

#endif  // QPM_TESTS_TEST_UTIL_H_
