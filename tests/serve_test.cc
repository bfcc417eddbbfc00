// `qpm-intake serve` end to end (docs/serve.md, issue 22): the real binary started as a
// child with --port 0 and TMPDIR set to a folder of the test's own, its address read
// from stdout, spoken to with httplib::Client. Each refusal with its status; the socket
// on 127.0.0.1 only; a check of the samples and its results; the safe copy read back
// with pdftotext (suite ServeSafeCopy: it runs redact, so OCR, labels e2e and ocr);
// and after SIGINT nothing left in TMPDIR and the documented exit code.
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
#include <string>
#include <thread>
#include <vector>

#include "pipeline/ingest/zip_archive.h"
#include "tests/test_util.h"

namespace qpm {
namespace {

namespace fs = std::filesystem;
using testing::Binary;
using testing::ReadFile;
using testing::SamplesDir;
using testing::Shell;
using testing::TempDir;

// The planted sample: a page of case notes with a client's name and NHS number.
const char* kPlanted = "fail-closed/pdf-text-page.pdf";

std::vector<std::string> PlantedValues() {
  nlohmann::json expected =
      nlohmann::json::parse(ReadFile(SamplesDir() + "/" + kPlanted + ".expected.json"));
  return expected["planted_values"].get<std::vector<std::string>>();
}

// A running server: started in the constructor, stopped with SIGINT by Stop().
class Served {
 public:
  explicit Served(std::vector<std::string> args = {}) {
    tmp_ = scratch_.path() + "/tmp";
    cwd_ = scratch_.path() + "/cwd";
    fs::create_directories(tmp_);
    fs::create_directories(cwd_);
    err_ = scratch_.path() + "/stderr.txt";
    int out[2];
    if (pipe(out) != 0) return;
    args.insert(args.begin(), {"serve", "--port", "0"});
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      int err = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(err, 2);
      close(out[0]);
      if (chdir(cwd_.c_str()) != 0) _exit(127);
      setenv("TMPDIR", tmp_.c_str(), 1);
      std::string binary = Binary();
      std::vector<char*> argv{binary.data()};
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    std::string line;
    pollfd p{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && poll(&p, 1, 30000) > 0) {
      char buf[256];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    out_fd_ = out[0];
    std::smatch m;
    if (std::regex_search(line, m, std::regex(R"(http://127\.0\.0\.1:([0-9]+)/([0-9a-f]{32})/)"))) {
      port_ = std::stoi(m[1].str());
      token_ = m[2].str();
      first_line_ = line;
    }
  }
  ~Served() {
    if (pid_ > 0 && !stopped_) Stop();
    if (out_fd_ >= 0) close(out_fd_);
  }

  // SIGINT, then the exit code (-1 when it did not exit within 60 s: then it is killed).
  int Stop(int signal = SIGINT) {
    stopped_ = true;
    kill(pid_, signal);
    for (int i = 0; i < 600; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    return -1;
  }

  bool ok() const { return port_ > 0; }
  int port() const { return port_; }
  std::string Path(const std::string& rest) const { return "/" + token_ + "/" + rest; }
  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& tmp() const { return tmp_; }
  const std::string& cwd() const { return cwd_; }
  std::string Stderr() const { return ReadFile(err_); }
  const std::string& first_line() const { return first_line_; }
  pid_t pid() const { return pid_; }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(900, 0);
    client.set_write_timeout(60, 0);
    client.set_url_encode(false);
    return client;
  }

 private:
  TempDir scratch_;
  std::string tmp_, cwd_, err_, token_, first_line_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int port_ = 0;
  bool stopped_ = false;
};

httplib::MultipartFormData Upload(const std::string& sample, const std::string& name = "") {
  std::string path = SamplesDir() + "/" + sample;
  return {"files", ReadFile(path), name.empty() ? fs::path(path).filename().string() : name,
          "application/octet-stream"};
}

// Posts a check and follows it to its results; the results page's HTML.
std::string CheckAndWait(const Served& server, const httplib::MultipartFormDataItems& items) {
  httplib::Client client = server.Client();
  httplib::Headers origin{{"Origin", server.Origin()}};
  httplib::Result posted = client.Post(server.Path("check").c_str(), origin, items);
  if (!posted || posted->status != 303) return "";
  for (int i = 0; i < 1800; ++i) {  // 15 minutes: OCR of a scanned page under ASan is slow
    httplib::Result progress = client.Get(server.Path("progress").c_str());
    if (!progress) return "";
    if (progress->status == 303) break;
    EXPECT_NE(progress->body.find("<ul id=\"progress\">"), std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  httplib::Result results = client.Get(server.Path("results").c_str());
  return results && results->status == 200 ? results->body : "";
}

// `html` with every "Show the value" taken out.
std::string WithoutShownValues(std::string html) {
  return std::regex_replace(
      html, std::regex("<details><summary>Show the value</summary>[^<]*</details>"), "");
}

std::vector<std::string> Ids(const std::string& html) {
  std::vector<std::string> ids;
  std::regex id(R"re(<li class="finding" id="finding-([0-9a-f]{12})">)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id); it != std::sregex_iterator();
       ++it) {
    ids.push_back((*it)[1].str());
  }
  return ids;
}

bool Empty(const std::string& dir) { return fs::is_empty(dir); }

TEST(Serve, PrintsOneLineWithTheAddressAndBindsToLoopbackOnly) {
  Served server;
  ASSERT_TRUE(server.ok()) << server.Stderr();
  EXPECT_EQ(std::count(server.first_line().begin(), server.first_line().end(), '\n'), 1);
  EXPECT_EQ(server.first_line().rfind("Open this address in your browser: http://127.0.0.1:", 0),
            0u);
  auto [code, ss] = Shell("command -v ss >/dev/null && ss -ltnH");
  if (code != 0) GTEST_SKIP() << "ss (iproute2) is not installed: the address was not checked";
  std::string port = ":" + std::to_string(server.port()) + " ";
  int lines = 0;
  std::istringstream in(ss);
  for (std::string line; std::getline(in, line);) {
    if (line.find(port) == std::string::npos) continue;
    ++lines;
    EXPECT_NE(line.find("127.0.0.1" + port), std::string::npos) << line;
  }
  EXPECT_EQ(lines, 1) << ss;
  EXPECT_EQ(server.Stop(), 130);
}

TEST(Serve, EveryAnswerCarriesTheHeaders) {
  Served server;
  ASSERT_TRUE(server.ok());
  httplib::Client client = server.Client();
  for (const std::string& path : {server.Path(""), std::string("/"), server.Path("nothing")}) {
    httplib::Result r = client.Get(path.c_str());
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store") << path;
    std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(r->get_header_value_count("Content-Security-Policy"), 1u) << path;
    EXPECT_EQ(r->body.find("<script"), std::string::npos) << path;
  }
}

TEST(Serve, RefusesWithoutTheTokenOrOutsideItsPaths) {
  Served server;
  ASSERT_TRUE(server.ok());
  httplib::Client client = server.Client();
  std::string token = server.Path("").substr(1, 32);
  std::string wrong(32, '0');
  struct Case {
    std::string path;
    int status;
  };
  for (const Case& c : std::vector<Case>{
           {"/", 403},
           {"/favicon.ico", 403},
           {"/" + wrong + "/", 403},
           {"/" + wrong + "/results", 403},
           {"/" + token.substr(0, 31) + "/", 403},
           {"/x/" + token + "/", 403},
           {server.Path("../" + token + "/"), 404},
           {server.Path("%2e%2e/" + token + "/"), 404},
           {server.Path("%2E%2e/etc/passwd"), 404},
           {server.Path("page/0/..%2f..%2fx.jpg"), 404},
           {server.Path("nothing-here"), 404},
           {server.Path("page/0/1.jpg"), 404},  // nothing checked yet
       }) {
    httplib::Result r = client.Get(c.path.c_str());
    ASSERT_TRUE(r) << c.path;
    EXPECT_EQ(r->status, c.status) << c.path;
    EXPECT_EQ(r->body.find(token), std::string::npos) << c.path;
  }
  httplib::Result start = client.Get(server.Path("").c_str());
  ASSERT_TRUE(start);
  EXPECT_EQ(start->status, 200);
  EXPECT_EQ(server.Stderr().find(token), std::string::npos);
}

TEST(Serve, RefusesFormsFromAnotherSiteAndAnotherHost) {
  Served server;
  ASSERT_TRUE(server.ok());
  httplib::Client client = server.Client();
  httplib::MultipartFormDataItems items{Upload(kPlanted)};
  std::vector<httplib::Headers> refused{
      {{"Origin", "http://evil.example"}},
      {{"Origin", "http://127.0.0.1:1"}},
      {{"Origin", "null"}},
      {{"Origin", server.Origin()}, {"Sec-Fetch-Site", "cross-site"}},
      {{"Host", "evil.example:" + std::to_string(server.port())}},
      {{"Host", "127.0.0.1.evil.example"}},
  };
  for (const httplib::Headers& headers : refused) {
    for (const char* path : {"check", "finish", "safe-copy"}) {
      httplib::Result r = client.Post(server.Path(path).c_str(), headers, items);
      ASSERT_TRUE(r) << path;
      EXPECT_EQ(r->status, 403) << path << " " << headers.begin()->second;
    }
  }
  // Another Host is refused for a page too (DNS rebinding).
  httplib::Result page = client.Get(server.Path("").c_str(),
                                    {{"Host", "rebound.example:" + std::to_string(server.port())}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 403);
  httplib::Result local =
      client.Get(server.Path("").c_str(), {{"Host", "localhost:" + std::to_string(server.port())}});
  ASSERT_TRUE(local);
  EXPECT_EQ(local->status, 200);
  // Nothing was received.
  EXPECT_EQ(server.Stderr().find("a check of"), std::string::npos);
}

TEST(Serve, RefusesUploadsOverTheLimits) {
  Served server({"--max-upload-mb", "1", "--max-files", "2"});
  ASSERT_TRUE(server.ok());
  httplib::Client client = server.Client();
  httplib::Headers origin{{"Origin", server.Origin()}};
  httplib::MultipartFormDataItems big{
      {"files", std::string(1100 * 1024, 'x'), "big.txt", "text/plain"}};
  httplib::Result r = client.Post(server.Path("check").c_str(), origin, big);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  httplib::MultipartFormDataItems many{Upload(kPlanted, "a.pdf"), Upload(kPlanted, "b.pdf"),
                                       Upload(kPlanted, "c.pdf")};
  r = client.Post(server.Path("check").c_str(), origin, many);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(server.Stderr().find("a check of"), std::string::npos);
  // Nothing of them was kept.
  for (const auto& entry : fs::recursive_directory_iterator(server.tmp())) {
    EXPECT_FALSE(entry.is_regular_file()) << entry.path();
  }
}

// One check at a time: a fake LibreOffice that takes 20 s keeps the first running (the
// second request follows the first's answer at once: 20 s is the margin).
TEST(Serve, OneCheckAtATime) {
  TempDir fake;
  std::string soffice = fake.path() + "/soffice";
  { std::ofstream(soffice) << "#!/bin/sh\nsleep 20\nexit 1\n"; }
  fs::permissions(soffice, fs::perms::owner_all);
  Served server({"--soffice", soffice});
  ASSERT_TRUE(server.ok());
  httplib::Client client = server.Client();
  httplib::Headers origin{{"Origin", server.Origin()}};
  httplib::MultipartFormDataItems items{Upload("fail-closed/case-notes.doc")};
  httplib::Result first = client.Post(server.Path("check").c_str(), origin, items);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 303);
  EXPECT_EQ(first->get_header_value("Location"), server.Path("progress"));
  httplib::Result second = client.Post(server.Path("check").c_str(), origin, items);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 409);
  EXPECT_NE(second->body.find("A check is already running. Wait for it to finish."),
            std::string::npos);
  httplib::Result finish = client.Post(server.Path("finish").c_str(), origin, "", "text/plain");
  ASSERT_TRUE(finish);
  EXPECT_EQ(finish->status, 409);
  httplib::Result progress = client.Get(server.Path("progress").c_str());
  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->status, 200);
  EXPECT_NE(progress->body.find("<meta http-equiv=\"refresh\" content=\"1\">"), std::string::npos);
  EXPECT_NE(progress->body.find("<li>case-notes.doc: "), std::string::npos);
  // Ctrl-C while it runs: stopped, and everything removed.
  EXPECT_EQ(server.Stop(), 130);
  EXPECT_TRUE(Empty(server.tmp()));
}

TEST(Serve, AZipBombIsStoppedByTheIngestLimits) {
  Served server;
  ASSERT_TRUE(server.ok());
  std::string html = CheckAndWait(server, {Upload("broken/zip-bomb.zip")});
  ASSERT_FALSE(html.empty()) << server.Stderr();
  EXPECT_NE(html.find("<h1>What was found</h1>"), std::string::npos);
  EXPECT_NE(html.find("zip-bomb.zip"), std::string::npos);
  EXPECT_NE(html.find("class=\"note\""), std::string::npos);  // the finding, in words
  uintmax_t written = 0;
  for (const auto& entry : fs::recursive_directory_iterator(server.tmp())) {
    if (entry.is_regular_file()) written += entry.file_size();
  }
  // The bomb unpacks to 4 GiB; what is kept is its packed 10 kB and the 4 MB inner zip.
  EXPECT_LT(written, 64u << 20);
  EXPECT_EQ(server.Stop(), 130);
  EXPECT_TRUE(Empty(server.tmp()));
}

TEST(Serve, ChecksTheSamplesAndShowsValuesOnlyWhenAsked) {
  Served server;
  ASSERT_TRUE(server.ok());
  httplib::MultipartFormDataItems items{
      Upload("clean/example-advocacy-submission.zip", "submission/example.zip"),
      Upload(kPlanted, "submission/CF21/notes.pdf"),
      Upload("redaction/box-over-text.pdf", "../../escape.pdf"),
      {"deny", "", "", ""},
      {"allow", "", "", ""}};
  std::string html = CheckAndWait(server, items);
  ASSERT_FALSE(html.empty()) << server.Stderr();
  EXPECT_NE(html.find("<h2>submission/CF21/notes.pdf</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2>__/__/escape.pdf</h2>"), std::string::npos);
  EXPECT_NE(html.find("Nothing was found in this file."), std::string::npos);  // the clean files
  EXPECT_GE(Ids(html).size(), 3u);  // the name and NHS number, the name under a box
  EXPECT_NE(html.find("A name is readable here: page 1."), std::string::npos);
  EXPECT_NE(html.find("An NHS number is readable here: page 1."), std::string::npos);
  std::smatch picture;
  ASSERT_TRUE(
      std::regex_search(html, picture, std::regex("src=\"(/[0-9a-f]{32}/page/[0-9]+/1\\.jpg)\"")));
  httplib::Client client = server.Client();
  httplib::Result jpeg = client.Get(picture[1].str().c_str());
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(jpeg->status, 200);
  EXPECT_EQ(jpeg->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(jpeg->body.rfind("\xff\xd8\xff", 0), 0u);
  httplib::Result list = client.Get(server.Path("report.html").c_str());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_EQ(list->get_header_value("Content-Disposition"), "attachment; filename=\"report.html\"");
  EXPECT_NE(list->body.find("pii.<wbr>nhs-number"), std::string::npos);
  EXPECT_NE(list->body.find("submission/CF21/notes.pdf"), std::string::npos);
  EXPECT_EQ(list->body.find(server.tmp()), std::string::npos);  // names as given, not where kept
  // Nothing was written outside the server's work folders; the uploads only inside them.
  EXPECT_TRUE(Empty(server.cwd()));
  EXPECT_FALSE(fs::exists(fs::path(server.tmp()).parent_path() / "escape.pdf"));
  std::string shown = WithoutShownValues(html);
  for (const std::string& value : PlantedValues()) {
    EXPECT_NE(html.find(value.substr(value.find(' ') + 1)), std::string::npos) << value;
    EXPECT_EQ(shown.find(value.substr(value.find(' ') + 1)), std::string::npos) << value;
    EXPECT_EQ(list->body.find(value), std::string::npos) << value;
    EXPECT_EQ(server.Stderr().find(value), std::string::npos) << value;
  }
  EXPECT_EQ(server.Stderr().find("notes.pdf"), std::string::npos);  // no file names in the log
  httplib::Result finished =
      client.Post(server.Path("finish").c_str(), {{"Origin", server.Origin()}}, "", "text/plain");
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->status, 200);
  httplib::Result after = client.Get(server.Path("results").c_str());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->body.find("What was found"), std::string::npos);
  EXPECT_NE(after->body.find("deleted"), std::string::npos);
  EXPECT_EQ(server.Stop(), 130);
  EXPECT_TRUE(Empty(server.tmp()));
}

// --idle-minutes 1: a minute with no request deletes what was received, and the page
// says so. Waits 70 s (the server looks every tenth of a second: 10 s of margin).
TEST(Serve, DeletesEverythingWhenLeftIdle) {
  Served server({"--idle-minutes", "1"});
  ASSERT_TRUE(server.ok());
  std::string html = CheckAndWait(server, {Upload(kPlanted)});
  ASSERT_FALSE(html.empty()) << server.Stderr();
  auto files = [&server]() {
    int n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(server.tmp())) {
      n += entry.is_regular_file();
    }
    return n;
  };
  EXPECT_GT(files(), 0);
  std::this_thread::sleep_for(std::chrono::seconds(70));
  EXPECT_EQ(files(), 0);
  httplib::Client client = server.Client();
  httplib::Result after = client.Get(server.Path("results").c_str());
  ASSERT_TRUE(after);
  EXPECT_NE(after->body.find("deleted after 1 minute with nothing done"), std::string::npos);
  EXPECT_NE(server.Stderr().find("everything received was deleted"), std::string::npos);
  EXPECT_EQ(server.Stop(), 130);
}

TEST(Serve, SigtermStopsAsCtrlCDoes) {
  Served server;
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(server.Stop(SIGTERM), 130);
  EXPECT_TRUE(Empty(server.tmp()));
  EXPECT_NE(server.Stderr().find("everything received was deleted"), std::string::npos);
}

// The safe copy: redact with the page's decisions. Runs OCR on every page (labels e2e, ocr).
TEST(ServeSafeCopy, RemovesWhatIsTickedAndKeepsWhatIsNot) {
  if (Shell("command -v pdftotext >/dev/null").first != 0) {
    GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  }
  Served server;
  ASSERT_TRUE(server.ok());
  std::string html = CheckAndWait(server, {Upload(kPlanted, "CF21 notes.pdf")});
  ASSERT_FALSE(html.empty()) << server.Stderr();
  std::smatch name, nhs;
  ASSERT_TRUE(std::regex_search(
      html, name, std::regex(R"re(id="finding-([0-9a-f]{12})">\n<p>A name is readable here)re")));
  ASSERT_TRUE(std::regex_search(
      html, nhs, std::regex(R"re(id="finding-([0-9a-f]{12})">\n<p>An NHS number is readable)re")));
  httplib::Client client = server.Client();
  // The NHS number ticked, the name unticked (kept), and a value typed in.
  httplib::Params form{{"remove", nhs[1].str()}, {"also_remove", "day centre\n"}};
  httplib::Result zip =
      client.Post(server.Path("safe-copy").c_str(), {{"Origin", server.Origin()}}, form);
  ASSERT_TRUE(zip);
  ASSERT_EQ(zip->status, 200) << zip->body;
  EXPECT_EQ(zip->get_header_value("Content-Type"), "application/zip");
  EXPECT_EQ(zip->get_header_value("Content-Disposition"),
            "attachment; filename=\"safe-copies.zip\"");
  TempDir out;
  std::ofstream(out.path() + "/safe.zip", std::ios::binary) << zip->body;
  Result<zip::Archive> archive = zip::Archive::Open(out.path() + "/safe.zip");
  ASSERT_TRUE(archive.ok());
  std::set<std::string> names;
  for (const zip::Entry& e : archive->entries()) names.insert(e.name);
  EXPECT_EQ(names, (std::set<std::string>{"CF21 notes.redacted.pdf", "redactions.html",
                                          "redactions.json"}));
  std::string copy = out.path() + "/copy.pdf";
  const zip::Entry* entry = archive->Find("CF21 notes.redacted.pdf");
  ASSERT_NE(entry, nullptr);
  ASSERT_TRUE(archive->ExtractTo(entry->index, "", copy, 64 << 20).ok());
  auto [code, text] = Shell("pdftotext " + testing::Quote(copy) + " -");
  ASSERT_EQ(code, 0);
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  EXPECT_EQ(digits.find("9992175338"), std::string::npos) << "the NHS number is in the copy";
  EXPECT_EQ(text.find("day centre"), std::string::npos) << "the value typed in is in the copy";
  nlohmann::json report = nlohmann::json::parse(archive->Read("redactions.json", 16 << 20).value());
  bool kept = false, removed = false;
  for (const nlohmann::json& d : report["documents"]) {
    for (const nlohmann::json& r : d["removals"]) {
      if (r["id"] == name[1].str()) kept = r["kept"].get<bool>();
      if (r["id"] == nhs[1].str()) removed = !r["kept"].get<bool>();
    }
  }
  EXPECT_TRUE(kept) << report.dump(2);
  EXPECT_TRUE(removed) << report.dump(2);
  for (const std::string& value : PlantedValues()) {
    EXPECT_EQ(server.Stderr().find(value), std::string::npos) << value;
    EXPECT_EQ(archive->Read("redactions.html", 16 << 20).value().find(value), std::string::npos)
        << value;
  }
  EXPECT_EQ(server.Stop(), 130);
  EXPECT_TRUE(Empty(server.tmp()));
}

}  // namespace
}  // namespace qpm
