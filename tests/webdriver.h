// tests/webdriver.h — a small W3C WebDriver client, for the browser tests only.
//
// It starts Debian's `chromedriver` as a child on a free port of 127.0.0.1, opens one
// session of headless Chromium, and speaks the W3C protocol to it over HTTP
// (httplib::Client, nlohmann::json). It runs no script in the page: everything it reads
// comes through WebDriver's own commands (text, attribute, property, accessibility tree),
// so a page that allows no script at all (docs/serve.md) is driven as a person drives it.
//
// A command that fails is a test failure (ADD_FAILURE naming the command and the driver's
// message) and gives back an empty value; a test goes on and reports every failure.
// Not thread-safe: one test thread drives one browser.
#ifndef QPM_TESTS_WEBDRIVER_H_
#define QPM_TESTS_WEBDRIVER_H_

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace httplib {
class Client;
}

namespace qpm::testing {

// The keys WebDriver's actions name by code points of the Unicode private use area.
inline constexpr const char* kKeyTab = "\xEE\x80\x84";    // U+E004
inline constexpr const char* kKeyEnter = "\xEE\x80\x87";  // U+E007
inline constexpr const char* kKeySpace = " ";

struct BrowserOptions {
  std::string download_dir;  // absolute; Chromium saves downloads here without asking
  int width = 1200;
  int height = 1600;
};

class Browser {
 public:
  // Why a browser cannot be had on this machine ("chromedriver is not installed: run
  // scripts/setup.sh"), or "" when chromium and chromedriver are both there.
  static std::string Missing();
  // True when QPM_NO_BROWSER=1 is set: the browser tests may skip then, and only then.
  static bool SkipWanted();

  // Starts chromedriver and a session; nullptr (with a test failure saying why) when
  // either does not start within 60 s.
  static std::unique_ptr<Browser> Start(const BrowserOptions& options);
  ~Browser();  // ends the session and the chromedriver process group
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  // An element, by WebDriver's element reference; empty when not found.
  struct Element {
    std::string ref;
    bool found() const { return !ref.empty(); }
  };

  void Navigate(const std::string& url);
  std::string CurrentUrl();
  // The first element that matches `css`, or an empty Element (no failure: a test asks
  // whether something is there).
  Element Find(const std::string& css);
  std::vector<Element> FindAll(const std::string& css);
  // Find, polled every 250 ms until it matches or `timeout` passes (then a failure).
  Element WaitFor(const std::string& css, std::chrono::seconds timeout);
  void Click(const Element& e);
  // Types `text` into `e`; for <input type="file">, absolute paths joined by "\n".
  void SendKeys(const Element& e, const std::string& text);
  std::string Text(const Element& e);  // rendered text, as a person sees it
  // Text, with no failure when `e` is gone: a page that refreshes itself (the progress
  // page's meta refresh) can replace it between a Find and this call.
  std::optional<std::string> TextIfStill(const Element& e);
  std::optional<std::string> Attribute(const Element& e, const std::string& name);
  nlohmann::json Property(const Element& e, const std::string& name);  // DOM property
  bool IsSelected(const Element& e);
  Element Active();  // the element that has the keyboard's focus
  bool Same(const Element& a, const Element& b) { return a.ref == b.ref && a.found(); }
  // Presses and releases each key in turn, as the keyboard alone would.
  void PressKeys(const std::vector<std::string>& keys);
  std::string ScreenshotPng();  // decoded bytes of the viewport's PNG
  std::string PageSource();
  // Chromium's DevTools command `cmd` with `params`; its result, or null on failure.
  nlohmann::json Cdp(const std::string& cmd, const nlohmann::json& params);

 private:
  Browser() = default;
  // One WebDriver command; its "value", or null with a failure naming `what`.
  nlohmann::json Command(const std::string& method, const std::string& path,
                         const nlohmann::json& body, const std::string& what,
                         bool fail_quietly = false);

  pid_t driver_pid_ = -1;
  std::unique_ptr<httplib::Client> http_;
  std::string session_;
  std::string profile_dir_;  // Chromium's user data folder, removed at the end
};

}  // namespace qpm::testing

#endif  // QPM_TESTS_WEBDRIVER_H_
