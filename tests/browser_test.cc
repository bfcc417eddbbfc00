// The local page (`qpm-intake serve`, docs/serve.md) driven by a real browser: Debian's
// headless Chromium through chromedriver (tests/webdriver.h), as issue 22 asks.
// - the clean submission, chosen as a folder, shows "Nothing was found" for every file;
// - a sample with planted values shows its findings, page pictures that load and one box
//   per finding; with one finding unticked, "Download a safe copy" gives safe-copies.zip,
//   whose copies hold none of the planted values but the kept one, which redactions.json
//   lists as kept; "Download the list" gives report.html; and the unticked value is still
//   readable in its copy;
// - the keyboard alone reaches every control in order, unticks a finding and downloads;
// - Chromium's accessibility tree names every control, picture and link.
// A check of a sample takes up to a few minutes on 2 cores; every wait here is bounded by
// kCheckTimeout (10 minutes), far above that. Without chromium or chromedriver the tests
// fail, as scripts/setup.sh installs both; QPM_NO_BROWSER=1 makes them skip instead.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/ingest/zip_archive.h"
#include "tests/test_util.h"
#include "tests/webdriver.h"

namespace qpm::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::seconds;

constexpr seconds kCheckTimeout{600};  // one check of a sample, or one download
constexpr seconds kPageTimeout{30};    // a page that needs no check

// The samples with planted values (their .expected.json say what): a page of case notes
// with a client's name and NHS number in its text layer, and an NHS number in white on
// the white page.
constexpr const char* kPlanted = "fail-closed/pdf-text-page.pdf";
constexpr const char* kPlantedWhite = "redaction/white-text.pdf";

// A finding's value and a planted value are the same when one holds the other: the name
// detector reports "Mrs Winifred Ashcombe" as "Winifred Ashcombe".
bool SameValue(const std::string& shown, const std::string& planted) {
  return !Squeezed(shown).empty() && (Holds(shown, planted) || Holds(planted, shown));
}

// A value as a message shows it: all but its last three letters and digits starred.
std::string Masked(const std::string& v) {
  std::string out = v;
  size_t shown = 0;
  for (size_t i = out.size(); i-- > 0;) {
    if (std::isalnum(static_cast<unsigned char>(out[i])) && ++shown > 3) out[i] = '*';
  }
  return out;
}

// `qpm-intake serve --port 0` as a child, until the test ends; its address from stdout.
class Server {
 public:
  explicit Server(const std::string& log_path) {
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (log >= 0) dup2(log, STDERR_FILENO);
      std::string binary = Binary();
      execl(binary.c_str(), binary.c_str(), "serve", "--port", "0", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
    ReadAddress();
  }
  ~Server() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      auto deadline = std::chrono::steady_clock::now() + seconds(30);
      while (waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
          ADD_FAILURE() << "qpm-intake serve did not stop within 30 s of SIGTERM";
          kill(pid_, SIGKILL);
          waitpid(pid_, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    if (out_ >= 0) close(out_);
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  const std::string& address() const { return address_; }  // http://127.0.0.1:PORT/TOKEN/
  int port() const { return port_; }

 private:
  void ReadAddress() {
    static const std::regex kAddress(R"(http://127\.0\.0\.1:([0-9]+)/[0-9a-f]{32}/)");
    std::string said;
    auto deadline = std::chrono::steady_clock::now() + seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p = {out_, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buf[4096];
      ssize_t n = read(out_, buf, sizeof buf);
      if (n <= 0) break;
      said.append(buf, static_cast<size_t>(n));
      std::smatch m;
      if (std::regex_search(said, m, kAddress)) {
        address_ = m[0];
        port_ = std::stoi(m[1]);
        return;
      }
    }
    ADD_FAILURE() << "qpm-intake serve printed no address within 60 s; stdout: " << said;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  std::string address_;
  int port_ = 0;
};

class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string missing = Browser::Missing(); !missing.empty()) {
      if (Browser::SkipWanted()) GTEST_SKIP() << missing << " (QPM_NO_BROWSER=1)";
      FAIL() << missing << "; set QPM_NO_BROWSER=1 to skip the browser tests";
    }
    fs::create_directory(downloads());
    server_ = std::make_unique<Server>(dir_.path() + "/serve.log");
    ASSERT_FALSE(server_->address().empty());
    browser_ = Browser::Start({.download_dir = downloads()});
    ASSERT_NE(browser_, nullptr);
  }
  void TearDown() override {
    // A failed test says what the server said (it logs no personal data: docs/serve.md).
    if (HasFailure()) {
      std::string log = ReadFile(dir_.path() + "/serve.log");
      std::cerr << "qpm-intake serve's log (last 2000 bytes):\n"
                << log.substr(log.size() > 2000 ? log.size() - 2000 : 0) << "\n";
    }
    browser_.reset();
    server_.reset();
  }

  std::string downloads() const { return dir_.path() + "/downloads"; }
  Browser& b() { return *browser_; }

  // Opens the start page, chooses `paths` in `input` (#files or #folder), presses Check
  // and waits for the results page. False, with a failure, when it never comes.
  bool Check(const std::vector<std::string>& paths, const std::string& input = "#files") {
    b().Navigate(server_->address());
    Browser::Element chooser = b().WaitFor(input, kPageTimeout);
    if (!chooser.found()) return false;
    std::string joined;
    for (const std::string& p : paths) joined += (joined.empty() ? "" : "\n") + p;
    b().SendKeys(chooser, joined);
    b().Click(b().Find("#check"));
    return WaitForResults();
  }

  // The results page: its heading, after the progress page's refreshes.
  bool WaitForResults() {
    auto deadline = std::chrono::steady_clock::now() + kCheckTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      Browser::Element h1 = b().Find("h1");
      std::string heading = h1.found() ? b().TextIfStill(h1).value_or("") : "";
      if (heading == "What was found") return b().CurrentUrl() == server_->address() + "results";
      // The check was answered with a page of its own, not sent on to the progress: refused.
      if (b().CurrentUrl() == server_->address() + "check") {
        ADD_FAILURE() << "the check was refused: \"" << heading << "\"";
        return false;
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    ADD_FAILURE() << "no results page within " << kCheckTimeout.count() << " s; at "
                  << b().CurrentUrl();
    return false;
  }

  // Waits for `name` to be complete in the download folder (Chromium writes NAME.crdownload
  // first and renames it at the end).
  std::string WaitForDownload(const std::string& name) {
    std::string path = downloads() + "/" + name;
    auto deadline = std::chrono::steady_clock::now() + kCheckTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (fs::exists(path) && !fs::exists(path + ".crdownload")) return path;
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    ADD_FAILURE() << "no " << name << " downloaded within " << kCheckTimeout.count() << " s";
    return "";
  }

  // The id of the element that has the focus, "" when none has.
  std::string ActiveId() {
    Browser::Element e = b().Active();
    if (!e.found()) return "";
    return b().Attribute(e, "id").value_or("");
  }

  // Presses Tab until the focus is on an element whose id starts with `prefix`, at most
  // `limit` times; its id, or "".
  std::string TabTo(const std::string& prefix, int limit) {
    for (int i = 0; i < limit; ++i) {
      b().PressKeys({kKeyTab});
      std::string id = ActiveId();
      if (id.rfind(prefix, 0) == 0) return id;
    }
    return "";
  }

  // The findings listed, each with its removal id and the value behind "Show the value".
  struct Listed {
    std::string id;
    std::string value;
  };
  std::vector<Listed> Findings() {
    std::vector<Listed> out;
    for (const Browser::Element& li : b().FindAll("#findings li.finding")) {
      std::string id = b().Attribute(li, "id").value_or("");
      EXPECT_EQ(id.rfind("finding-", 0), 0U) << id;
      Listed l{id.substr(std::min<size_t>(id.size(), 8)), ""};
      // The <details> is closed: its text is not rendered, so it is read as the DOM holds it.
      json shown = b().Property(b().Find("#" + id + " details"), "textContent");
      if (shown.is_string()) l.value = shown.get<std::string>();
      std::string summary = "Show the value";
      if (size_t at = l.value.find(summary); at != std::string::npos)
        l.value.erase(at, summary.size());
      l.value = std::regex_replace(l.value, std::regex(R"(^\s+|\s+$)"), "");
      out.push_back(l);
    }
    return out;
  }

  // Unticks the finding that shows `value` and gives its removal id ("" with a failure
  // when no finding shows it, or its box was not ticked).
  std::string Untick(const std::vector<Listed>& listed, const std::string& value) {
    for (const Listed& l : listed) {
      if (!SameValue(l.value, value)) continue;
      Browser::Element box = b().Find("#remove-" + l.id);
      EXPECT_TRUE(box.found()) << "no #remove-" << l.id;
      EXPECT_TRUE(b().IsSelected(box)) << "a finding is not ticked for removal at first";
      b().Click(box);
      EXPECT_FALSE(b().IsSelected(box)) << "a click does not untick #remove-" << l.id;
      return l.id;
    }
    ADD_FAILURE() << "no finding shows " << Masked(value);
    return "";
  }

  std::unique_ptr<Server> server_;
  std::unique_ptr<Browser> browser_;
  TempDir dir_;
};

// The names of every node in Chromium's accessibility tree that is not ignored, one a line:
// what a screen reader can read of the page.
std::string AllNames(Browser& b) {
  std::string out;
  json tree = b.Cdp("Accessibility.getFullAXTree", json::object());
  for (const json& node : tree.value("nodes", json::array())) {
    if (node.value("ignored", false) || !node.contains("name")) continue;
    out += node["name"].value("value", "") + "\n";
  }
  return out;
}

std::vector<std::string> PlantedValues(const std::vector<std::string>& samples) {
  std::vector<std::string> out;
  for (const std::string& sample : samples) {
    json expected = json::parse(ReadFile(SamplesDir() + "/" + sample + ".expected.json"));
    for (const json& v : expected["planted_values"]) out.push_back(v.get<std::string>());
  }
  return out;
}

// What safe-copies.zip holds: each copy's text as pdftotext reads it, and redactions.json.
struct SafeCopies {
  std::map<std::string, std::string> copy_text;  // entry name -> text
  json redactions;
  std::set<std::string> names;
};

SafeCopies OpenSafeCopies(const std::string& zip_path) {
  SafeCopies out;
  auto archive = zip::Archive::Open(zip_path);
  EXPECT_TRUE(archive.ok()) << "safe-copies.zip is not a zip archive";
  if (!archive.ok()) return out;
  TempDir dir;
  for (const zip::Entry& e : archive->entries()) {
    out.names.insert(e.name);
    if (e.name.size() > 13 && e.name.substr(e.name.size() - 13) == ".redacted.pdf") {
      std::string pdf = dir.path() + "/copy.pdf";
      fs::remove(pdf);
      EXPECT_TRUE(archive->ExtractTo(e.index, "", pdf, 1U << 28).ok()) << e.name;
      out.copy_text[e.name] = Shell("pdftotext -q -layout " + Quote(pdf) + " -").second;
    }
  }
  auto r = archive->Read("redactions.json", 1U << 26);
  EXPECT_TRUE(r.ok()) << "safe-copies.zip holds no redactions.json";
  if (r.ok()) out.redactions = json::parse(r.value(), nullptr, false);
  return out;
}

// Whether redactions.json marks the removal `id` kept; nullopt when it lists no such id.
std::optional<bool> KeptIn(const json& redactions, const std::string& id) {
  for (const json& d : redactions.value("documents", json::array())) {
    for (const json& r : d.value("removals", json::array())) {
      if (r.value("id", "") == id) return r.value("kept", false);
    }
  }
  return std::nullopt;
}

TEST_F(BrowserTest, CleanSubmissionChosenAsAFolderShowsNothingFound) {
  // The clean submission's files, unpacked, as a person keeps them in a folder.
  TempDir folder;
  auto zip = zip::Archive::Open(SamplesDir() + "/clean/example-advocacy-submission.zip");
  ASSERT_TRUE(zip.ok());
  for (const zip::Entry& e : zip->entries()) {
    if (e.is_directory) continue;
    fs::path dest = fs::path(folder.path()) / e.name;
    fs::create_directories(dest.parent_path());
    ASSERT_TRUE(zip->ExtractTo(e.index, "", dest.string(), 1U << 26).ok()) << e.name;
  }
  size_t files = ListFiles(folder.path()).size();
  ASSERT_GT(files, 10U);
  ASSERT_TRUE(Check({folder.path()}, "#folder"));

  EXPECT_TRUE(b().FindAll("li.finding").empty()) << "the clean submission has findings";
  std::vector<Browser::Element> docs = b().FindAll("section.document");
  EXPECT_EQ(docs.size(), files) << "one section per file of the folder";
  for (const Browser::Element& d : docs) {
    EXPECT_NE(b().Text(d).find("Nothing was found in this file."), std::string::npos)
        << b().Attribute(d, "id").value_or("?");
  }
}

// The findings, their pictures and boxes, and the safe copy with one finding kept.
TEST_F(BrowserTest, PlantedValuesAreShownAndTheSafeCopyRemovesThem) {
  ASSERT_TRUE(Check({SamplesDir() + "/" + kPlanted, SamplesDir() + "/" + kPlantedWhite}));
  std::vector<std::string> planted = PlantedValues({kPlanted, kPlantedWhite});

  std::vector<Listed> listed = Findings();
  ASSERT_GE(listed.size(), planted.size()) << "the findings list is missing findings";
  for (const std::string& v : planted) {
    bool shown = false;
    for (const Listed& l : listed) shown = shown || SameValue(l.value, v);
    EXPECT_TRUE(shown) << "no finding shows the planted " << Masked(v);
  }
  // Values stay masked until a person opens "Show the value": what a screen reader reads of
  // the page (Chromium's accessibility tree) holds none of them.
  std::string read_aloud = AllNames(b());
  for (const Listed& l : listed) {
    EXPECT_FALSE(l.value.empty()) << "finding " << l.id << " has no value behind its <details>";
    if (!l.value.empty()) {
      EXPECT_FALSE(Holds(read_aloud, l.value)) << "read unmasked: " << Masked(l.value);
    }
  }

  // Every page picture has loaded, and the server gives it as a JPEG.
  std::vector<Browser::Element> pictures = b().FindAll("img.page-picture");
  ASSERT_FALSE(pictures.empty());
  httplib::Client http("127.0.0.1", server_->port());
  for (const Browser::Element& img : pictures) {
    EXPECT_GT(b().Property(img, "naturalWidth").get<int>(), 0) << "a page picture did not load";
    // The src as the browser resolved it: http://127.0.0.1:PORT/TOKEN/page/D/P.jpg.
    json src = b().Property(img, "src");
    std::string prefix = "http://127.0.0.1:" + std::to_string(server_->port());
    ASSERT_TRUE(src.is_string() && src.get<std::string>().rfind(prefix, 0) == 0) << src;
    std::string path = src.get<std::string>().substr(prefix.size());
    auto r = http.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body.substr(0, 3), std::string("\xFF\xD8\xFF")) << "not a JPEG: " << path;
  }
  // One numbered box per finding, numbered as the list is.
  std::multiset<std::string> boxes;
  for (const Browser::Element& box : b().FindAll("figure.page span.box")) {
    boxes.insert(b().Property(box, "textContent").get<std::string>());
  }
  std::multiset<std::string> numbers;
  for (size_t i = 1; i <= listed.size(); ++i) numbers.insert(std::to_string(i));
  EXPECT_EQ(boxes, numbers);

  // Untick the finding of the first planted value: it is kept, the others removed.
  std::string kept_id = Untick(listed, planted[0]);
  ASSERT_FALSE(kept_id.empty());
  b().Click(b().Find("#download-copy"));
  std::string zip = WaitForDownload("safe-copies.zip");
  ASSERT_FALSE(zip.empty());

  SafeCopies copies = OpenSafeCopies(zip);
  EXPECT_EQ(copies.copy_text.size(), 2U) << "not one copy per document";
  EXPECT_TRUE(copies.names.count("redactions.html")) << "no redactions.html";
  for (const auto& [name, text] : copies.copy_text) {
    for (size_t i = 1; i < planted.size(); ++i) {
      EXPECT_FALSE(Holds(text, planted[i])) << name << " still holds " << Masked(planted[i]);
    }
  }
  EXPECT_EQ(KeptIn(copies.redactions, kept_id), std::optional<bool>(true))
      << "redactions.json does not list the unticked finding as kept";
  for (const Listed& l : listed) {
    if (l.id != kept_id) {
      EXPECT_EQ(KeptIn(copies.redactions, l.id), std::optional<bool>(false)) << l.id;
    }
  }

  // "Download the list": the scan's report.html, naming the file.
  b().Click(b().Find("#download-list"));
  std::string report = WaitForDownload("report.html");
  ASSERT_FALSE(report.empty());
  std::string html = ReadFile(report);
  EXPECT_NE(html.find("<html"), std::string::npos);
  EXPECT_NE(html.find("pdf-text-page.pdf"), std::string::npos);
}

// What a person unticks is in the copy, readable: unticking means "this is not personal data".
TEST_F(BrowserTest, AnUntickedFindingStaysReadableInTheCopy) {
  ASSERT_TRUE(Check({SamplesDir() + "/" + kPlanted}));
  std::vector<std::string> planted = PlantedValues({kPlanted});
  ASSERT_FALSE(Untick(Findings(), planted[0]).empty());
  b().Click(b().Find("#download-copy"));
  std::string zip = WaitForDownload("safe-copies.zip");
  ASSERT_FALSE(zip.empty());
  SafeCopies copies = OpenSafeCopies(zip);
  ASSERT_EQ(copies.copy_text.size(), 1U);
  for (const auto& [name, text] : copies.copy_text) {
    EXPECT_TRUE(Holds(text, planted[0])) << name << " lost the kept " << Masked(planted[0]);
    EXPECT_FALSE(Holds(text, planted[1])) << name << " still holds " << Masked(planted[1]);
  }
}

TEST_F(BrowserTest, KeyboardAloneChecksUnticksAndDownloads) {
  b().Navigate(server_->address());
  ASSERT_TRUE(b().WaitFor("#check", kPageTimeout).found());
  // The first control may follow a link or two; from it on, the order is the form's.
  EXPECT_EQ(TabTo("files", 5), "files");
  for (const char* next : {"folder", "deny", "allow", "check"}) {
    b().PressKeys({kKeyTab});
    EXPECT_EQ(ActiveId(), next);
  }

  ASSERT_TRUE(Check({SamplesDir() + "/" + kPlanted}));
  std::string remove_id = TabTo("remove-", 60);
  ASSERT_FALSE(remove_id.empty()) << "Tab never reaches a finding's check box";
  Browser::Element box = b().Find("#" + remove_id);
  ASSERT_TRUE(b().IsSelected(box));
  b().PressKeys({kKeySpace});
  EXPECT_FALSE(b().IsSelected(box)) << "Space does not untick a finding";
  ASSERT_EQ(TabTo("download-copy", 60), "download-copy");
  b().PressKeys({kKeyEnter});
  std::string zip = WaitForDownload("safe-copies.zip");
  ASSERT_FALSE(zip.empty());
  SafeCopies copies = OpenSafeCopies(zip);
  EXPECT_EQ(copies.copy_text.size(), 1U) << "no copy in safe-copies.zip";
  EXPECT_EQ(KeptIn(copies.redactions, remove_id.substr(7)), std::optional<bool>(true));
}

// Every node of these roles in Chromium's accessibility tree, as "role: name".
std::vector<std::string> NamedNodes(Browser& b, std::vector<std::string>* unnamed) {
  static const std::set<std::string> kRoles = {"textbox", "button", "checkbox", "link", "image"};
  json tree = b.Cdp("Accessibility.getFullAXTree", json::object());
  std::vector<std::string> out;
  for (const json& node : tree.value("nodes", json::array())) {
    if (node.value("ignored", false)) continue;
    std::string role = node.contains("role") ? node["role"].value("value", "") : "";
    if (!kRoles.count(role)) continue;
    std::string name = node.contains("name") ? node["name"].value("value", "") : "";
    if (std::regex_replace(name, std::regex(R"(\s+)"), "").empty()) {
      unnamed->push_back(role + " (node " + node.value("nodeId", "?") + ")");
    }
    out.push_back(role + ": " + name);
  }
  return out;
}

bool HasName(const std::vector<std::string>& nodes, const std::string& prefix) {
  for (const std::string& n : nodes) {
    if (n.find(": " + prefix) != std::string::npos) return true;
  }
  return false;
}

TEST_F(BrowserTest, AccessibilityTreeNamesEveryControl) {
  b().Navigate(server_->address());
  ASSERT_TRUE(b().WaitFor("#check", kPageTimeout).found());
  std::vector<std::string> unnamed;
  std::vector<std::string> start = NamedNodes(b(), &unnamed);
  EXPECT_TRUE(unnamed.empty()) << "start page, nameless: " << ::testing::PrintToString(unnamed);
  for (const char* name :
       {"Files to check", "Or a whole folder", "Check", "Names or numbers that must be removed",
        "Names or numbers that are fine to keep"}) {
    EXPECT_TRUE(HasName(start, name))
        << "start page: nothing named \"" << name << "\" in " << ::testing::PrintToString(start);
  }

  ASSERT_TRUE(Check({SamplesDir() + "/" + kPlanted}));
  unnamed.clear();
  std::vector<std::string> results = NamedNodes(b(), &unnamed);
  EXPECT_TRUE(unnamed.empty()) << "results page, nameless: " << ::testing::PrintToString(unnamed);
  for (const char* name : {"Remove this", "Download a safe copy", "Download the list", "Page 1 of ",
                           "Also remove everywhere", "Finish and delete everything"}) {
    EXPECT_TRUE(HasName(results, name)) << "results page: nothing named \"" << name << "\" in "
                                        << ::testing::PrintToString(results);
  }
}

}  // namespace
}  // namespace qpm::testing
