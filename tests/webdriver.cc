#include "tests/webdriver.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "tests/test_util.h"

namespace qpm::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The key under which WebDriver hands back an element (W3C WebDriver, "web element").
constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

// A port nobody listens on now: the kernel's pick for a socket bound to port 0. Another
// program could take it before chromedriver does; Start then fails and says so.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

// `name` as found on PATH, or "".
std::string OnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/" + name;
    if (end > start && access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return "";
}

std::string DecodeBase64(const std::string& in) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '+') v = 62;
    if (c == '/') v = 63;
    if (v < 0) continue;  // padding and line breaks
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

// The first line of a driver's message: the rest is its stack trace.
std::string FirstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

std::string Browser::Missing() {
  if (OnPath("chromedriver").empty()) {
    return "chromedriver is not installed (Debian's chromium-driver): run scripts/setup.sh";
  }
  if (OnPath("chromium").empty()) {
    return "chromium is not installed (Debian's chromium): run scripts/setup.sh";
  }
  return "";
}

bool Browser::SkipWanted() {
  const char* v = std::getenv("QPM_NO_BROWSER");
  return v != nullptr && std::string(v) == "1";
}

std::unique_ptr<Browser> Browser::Start(const BrowserOptions& options) {
  if (std::string missing = Missing(); !missing.empty()) {
    ADD_FAILURE() << missing;
    return nullptr;
  }
  std::unique_ptr<Browser> b(new Browser());
  std::string templ = fs::temp_directory_path().string() + "/qpm-chromium-XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) {
    ADD_FAILURE() << "cannot make a folder for Chromium's profile";
    return nullptr;
  }
  b->profile_dir_ = templ;
  int port = FreePort();
  std::string driver = OnPath("chromedriver");
  std::string port_arg = "--port=" + std::to_string(port);
  std::string log = b->profile_dir_ + "/chromedriver.log";
  pid_t pid = fork();
  if (pid == 0) {
    // A group of its own, so that the end kills chromedriver and the Chromium it started.
    setpgid(0, 0);
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    execl(driver.c_str(), driver.c_str(), port_arg.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pid < 0) {
    ADD_FAILURE() << "cannot start chromedriver";
    return nullptr;
  }
  b->driver_pid_ = pid;
  b->http_ = std::make_unique<httplib::Client>("127.0.0.1", port);
  // A check's pages answer in seconds; a download is written before the click returns.
  b->http_->set_read_timeout(300, 0);
  b->http_->set_connection_timeout(5, 0);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool ready = false;
  while (!ready && std::chrono::steady_clock::now() < deadline) {
    if (auto r = b->http_->Get("/status"); r && r->status == 200) {
      json status = json::parse(r->body, nullptr, false);
      ready = !status.is_discarded() && status["value"].value("ready", false);
    }
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  if (!ready) {
    ADD_FAILURE() << "chromedriver did not answer on port " << port
                  << " within 60 s; it said: " << FirstLine(ReadFile(log));
    return nullptr;
  }

  json args = {
      "--headless=new", "--disable-gpu",
      "--window-size=" + std::to_string(options.width) + "," + std::to_string(options.height),
      "--user-data-dir=" + b->profile_dir_ + "/profile",
      // Nothing on the page loads from anywhere; Chromium's own calls home are off too.
      "--disable-background-networking", "--disable-component-update", "--no-first-run",
      "--disable-sync"};
  // Chromium refuses to start as root without it (its sandbox needs an unprivileged user);
  // CI runs the tests as root in a container. As anyone else the sandbox stays on.
  if (geteuid() == 0) args.push_back("--no-sandbox");
  json prefs = {{"download.default_directory", options.download_dir},
                {"download.prompt_for_download", false},
                {"download.directory_upgrade", true},
                {"safebrowsing.enabled", false}};
  json caps = {{"capabilities",
                {{"alwaysMatch",
                  {{"browserName", "chrome"},
                   {"goog:chromeOptions", {{"args", args}, {"prefs", prefs}}}}}}}};
  json value = b->Command("POST", "/session", caps, "new session");
  if (!value.is_object() || !value.contains("sessionId")) return nullptr;
  b->session_ = value["sessionId"].get<std::string>();
  return b;
}

Browser::~Browser() {
  if (!session_.empty()) Command("DELETE", "/session/" + session_, nullptr, "end session", true);
  if (driver_pid_ > 0) {
    kill(-driver_pid_, SIGTERM);
    int status = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (waitpid(driver_pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(-driver_pid_, SIGKILL);
        waitpid(driver_pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  if (!profile_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(profile_dir_, ec);
  }
}

json Browser::Command(const std::string& method, const std::string& path, const json& body,
                      const std::string& what, bool fail_quietly) {
  std::string payload = body.is_null() ? "{}" : body.dump();
  httplib::Result r = method == "GET"      ? http_->Get(path)
                      : method == "DELETE" ? http_->Delete(path)
                                           : http_->Post(path, payload, "application/json");
  if (!r) {
    if (!fail_quietly) ADD_FAILURE() << "WebDriver " << what << ": no answer from chromedriver";
    return nullptr;
  }
  json answer = json::parse(r->body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) {
    if (!fail_quietly) ADD_FAILURE() << "WebDriver " << what << ": answer is not JSON";
    return nullptr;
  }
  if (r->status != 200) {
    if (!fail_quietly) {
      const json& v = answer["value"];
      ADD_FAILURE() << "WebDriver " << what << ": " << v.value("error", "error") << ": "
                    << FirstLine(v.value("message", ""));
    }
    return nullptr;
  }
  return answer.contains("value") ? answer["value"] : json(nullptr);
}

void Browser::Navigate(const std::string& url) {
  Command("POST", "/session/" + session_ + "/url", {{"url", url}}, "navigate");
}

std::string Browser::CurrentUrl() {
  json v = Command("GET", "/session/" + session_ + "/url", nullptr, "current url");
  return v.is_string() ? v.get<std::string>() : "";
}

Browser::Element Browser::Find(const std::string& css) {
  json v = Command("POST", "/session/" + session_ + "/element",
                   {{"using", "css selector"}, {"value", css}}, "find " + css, true);
  if (!v.is_object() || !v.contains(kElementKey)) return {};
  return {v[kElementKey].get<std::string>()};
}

std::vector<Browser::Element> Browser::FindAll(const std::string& css) {
  json v = Command("POST", "/session/" + session_ + "/elements",
                   {{"using", "css selector"}, {"value", css}}, "find all " + css);
  std::vector<Element> out;
  if (!v.is_array()) return out;
  for (const json& e : v) {
    if (e.contains(kElementKey)) out.push_back({e[kElementKey].get<std::string>()});
  }
  return out;
}

Browser::Element Browser::WaitFor(const std::string& css, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (Element e = Find(css); e.found()) return e;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  ADD_FAILURE() << "no " << css << " on " << CurrentUrl() << " after " << timeout.count() << " s";
  return {};
}

void Browser::Click(const Element& e) {
  Command("POST", "/session/" + session_ + "/element/" + e.ref + "/click", json::object(), "click");
}

void Browser::SendKeys(const Element& e, const std::string& text) {
  Command("POST", "/session/" + session_ + "/element/" + e.ref + "/value", {{"text", text}},
          "send keys");
}

std::string Browser::Text(const Element& e) {
  json v = Command("GET", "/session/" + session_ + "/element/" + e.ref + "/text", nullptr, "text");
  return v.is_string() ? v.get<std::string>() : "";
}

std::optional<std::string> Browser::TextIfStill(const Element& e) {
  json v =
      Command("GET", "/session/" + session_ + "/element/" + e.ref + "/text", nullptr, "text", true);
  if (!v.is_string()) return std::nullopt;
  return v.get<std::string>();
}

std::optional<std::string> Browser::Attribute(const Element& e, const std::string& name) {
  json v = Command("GET", "/session/" + session_ + "/element/" + e.ref + "/attribute/" + name,
                   nullptr, "attribute " + name);
  if (!v.is_string()) return std::nullopt;
  return v.get<std::string>();
}

json Browser::Property(const Element& e, const std::string& name) {
  return Command("GET", "/session/" + session_ + "/element/" + e.ref + "/property/" + name, nullptr,
                 "property " + name);
}

bool Browser::IsSelected(const Element& e) {
  json v = Command("GET", "/session/" + session_ + "/element/" + e.ref + "/selected", nullptr,
                   "is selected");
  return v.is_boolean() && v.get<bool>();
}

Browser::Element Browser::Active() {
  json v =
      Command("GET", "/session/" + session_ + "/element/active", nullptr, "active element", true);
  if (!v.is_object() || !v.contains(kElementKey)) return {};
  return {v[kElementKey].get<std::string>()};
}

void Browser::PressKeys(const std::vector<std::string>& keys) {
  json actions = json::array();
  for (const std::string& k : keys) {
    actions.push_back({{"type", "keyDown"}, {"value", k}});
    actions.push_back({{"type", "keyUp"}, {"value", k}});
  }
  json body = {
      {"actions", json::array({{{"type", "key"}, {"id", "keyboard"}, {"actions", actions}}})}};
  Command("POST", "/session/" + session_ + "/actions", body, "key presses");
}

std::string Browser::ScreenshotPng() {
  json v = Command("GET", "/session/" + session_ + "/screenshot", nullptr, "screenshot");
  return v.is_string() ? DecodeBase64(v.get<std::string>()) : "";
}

std::string Browser::PageSource() {
  json v = Command("GET", "/session/" + session_ + "/source", nullptr, "page source");
  return v.is_string() ? v.get<std::string>() : "";
}

json Browser::Cdp(const std::string& cmd, const json& params) {
  return Command("POST", "/session/" + session_ + "/goog/cdp/execute",
                 {{"cmd", cmd}, {"params", params}}, "cdp " + cmd);
}

}  // namespace qpm::testing
