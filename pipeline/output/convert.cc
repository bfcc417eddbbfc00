// pipeline/output/convert.cc — see convert.h.
#include "pipeline/output/convert.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "pipeline/platform/interrupt.h"

namespace qpm::convert {
namespace {

namespace fs = std::filesystem;

// Blocks documents from fetching linked images or other resources while they are
// opened, and runs no macros. The last version run is set later than any: a
// profile LibreOffice thinks new to this version runs its graphics self-tests
// first (GraphicsRenderTests.log), about 30 s of every conversion on a fresh profile.
constexpr const char* kProfileSettings = R"(<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>99.9</value></prop></item>
</oor:items>
)";

// Runs `argv` with no input or output, in a process group of its own so that a
// time-out kills everything it started. Returns its exit status, or -1 when it
// was killed (`crashed` when by a signal of its own) or could not start.
int RunQuietly(const std::vector<std::string>& argv, const std::string& home,
               unsigned timeout_seconds, bool& timed_out, bool* crashed = nullptr) {
  timed_out = false;
  if (crashed != nullptr) *crashed = false;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    setpgid(0, 0);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
    }
    setenv("HOME", home.c_str(), 1);
    unsetenv("DISPLAY");
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (true) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline || Interrupted()) {
      timed_out = !Interrupted();
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid, SIGKILL);  // anything it left running
  if (crashed != nullptr) *crashed = WIFSIGNALED(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// True when this system lets an unprivileged process have a network namespace of
// its own (util-linux unshare).
bool CanIsolateNetwork(const std::string& home) {
  if (access("/usr/bin/unshare", X_OK) != 0) return false;
  bool timed_out = false;
  return RunQuietly({"/usr/bin/unshare", "--map-root-user", "--net", "true"}, home, 10,
                    timed_out) == 0;
}

}  // namespace

std::string FindLibreOffice(const std::string& given) {
  if (!given.empty()) return access(given.c_str(), X_OK) == 0 ? given : "";
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    for (const char* name : {"soffice", "libreoffice"}) {
      std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    start = end + 1;
  }
  return "";
}

Converted ToPdf(const std::vector<Job>& jobs, const std::string& soffice,
                const std::string& work_dir, unsigned timeout_seconds) {
  Converted result;
  if (jobs.empty()) return result;
  std::error_code ec;
  fs::path base = fs::path(work_dir) / "convert";
  fs::path in = base / "in", out = base / "out", profile = base / "profile" / "user";
  fs::create_directories(in, ec);
  fs::create_directories(out, ec);
  fs::create_directories(profile, ec);
  {
    std::ofstream settings(profile / "registrymodifications.xcu", std::ios::binary);
    settings << kProfileSettings;
  }
  std::vector<std::string> base_argv;
  bool isolated = CanIsolateNetwork(base.string());
  if (isolated) base_argv = {"/usr/bin/unshare", "--map-root-user", "--net"};
  for (const std::string& a :
       {soffice, std::string("--headless"), std::string("--norestore"), std::string("--nologo"),
        std::string("--nodefault"), std::string("--nolockcheck"),
        "-env:UserInstallation=file://" + (base / "profile").string()}) {
    base_argv.push_back(a);
  }
  // One run per file: a file that hangs or crashes LibreOffice costs only itself.
  for (const Job& job : jobs) {
    if (Interrupted()) break;
    // A copy, never a link: the file may be an original, which nothing may write.
    fs::path copy = in / (job.id + job.extension);
    fs::copy_file(job.path, copy, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      result.problem[job.id] = "it could not be copied for LibreOffice";
      continue;
    }
    std::vector<std::string> argv = base_argv;
    for (const std::string& a : {std::string("--convert-to"), job.convert_to,
                                 std::string("--outdir"), out.string(), copy.string()}) {
      argv.push_back(a);
    }
    bool timed_out = false;
    bool crashed = false;
    fs::path output = out / (job.id + job.output_extension);
    fs::remove(output, ec);  // a file left by an earlier job must not pass for this one's
    int code = RunQuietly(argv, base.string(), timeout_seconds, timed_out, &crashed);
    if (fs::is_regular_file(output, ec) && fs::file_size(output, ec) > 0) {
      result.pdf[job.id] = output.string();
    } else {
      result.problem[job.id] =
          timed_out ? "LibreOffice ran out of time after " + std::to_string(timeout_seconds) + " s"
          : crashed ? "LibreOffice stopped with a crash while opening it"
          : code == 127 || code < 0 ? "LibreOffice could not be run"
                                    : "LibreOffice could not open it (it may be damaged)";
    }
  }
  return result;
}

}  // namespace qpm::convert
