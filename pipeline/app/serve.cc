// The one adapter of cpp-httplib (Debian's libcpp-httplib-dev): its header is included
// here only.
#include "pipeline/app/serve.h"

#include <fcntl.h>
#include <httplib.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "extractors/read/copy_page.h"
#include "pipeline/app/redact.h"
#include "pipeline/core/exit_codes.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/zip_archive.h"
#include "pipeline/output/report.h"
#include "pipeline/output/report_html.h"
#include "pipeline/output/serve_html.h"
#include "pipeline/platform/atomic_file.h"
#include "pipeline/platform/call.h"
#include "pipeline/platform/interrupt.h"
#include "pipeline/platform/workdir.h"
#include "redaction/masking.h"
#include "redaction/removal.h"

extern char** environ;

namespace qpm {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kPictureDpi = 100;

// 32 lower-case hex digits from the kernel's random source; "" when it cannot be read.
std::string NewToken() {
  std::ifstream in("/dev/urandom", std::ios::binary);
  unsigned char bytes[16] = {};
  in.read(reinterpret_cast<char*>(bytes), sizeof bytes);
  if (!in) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) {
    token += kHex[b >> 4];
    token += kHex[b & 15];
  }
  return token;
}

// Compares without stopping at the first difference, so that the time an answer takes
// says nothing of how much of a guessed token was right.
bool SameToken(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

bool HasDotDot(std::string_view path) {
  std::string lower(path);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view bad : {"..", "%2e%2e", ".%2e", "%2e."}) {
    if (lower.find(bad) != std::string::npos) return true;
  }
  return false;
}

// One part of an uploaded name, made safe (SafeUploadPath).
std::string SafePart(std::string_view part) {
  std::string valid = ValidUtf8(part);
  std::string out;
  for (size_t i = 0; i < valid.size(); ++i) {
    auto c = static_cast<unsigned char>(valid[i]);
    if (c < 0x20 || c == 0x7f) {
      out += '_';
    } else if (c == 0xc2 && i + 1 < valid.size() &&
               static_cast<unsigned char>(valid[i + 1]) < 0xa0) {
      out += '_';  // a C1 control character, U+0080 to U+009F
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  for (char& c : out) {
    if (c != '.') break;
    c = '_';
  }
  if (out.size() > 200) {
    size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

// The text of a multipart field, one value per line, blank lines dropped.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.pop_back();
    }
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos) out.push_back(line.substr(first));
    start = end + 1;
  }
  return out;
}

// "A date of birth is readable here: page 2." for what a removal takes out.
std::string Sentence(const redaction::Removal& r) {
  std::string what;
  const std::string& label = r.label;
  if (label == "listed") {
    what = "A name or number from your list";
  } else if (label == "hidden text" || label == "hidden data" || label == "bank details" ||
             label == "personal data") {
    what = label;
    what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
  } else {
    bool an = label.find_first_of("aeiou") == 0 || label.rfind("NHS", 0) == 0 ||
              label.rfind("NI ", 0) == 0;
    what = (an ? "An " : "A ") + label;
  }
  if (r.page > 0) return what + " is readable here: page " + std::to_string(r.page) + ".";
  if (!r.field.empty()) return what + " is in a part of the file not shown on its pages.";
  return what + " is in the file.";
}

// The page picture's source, for a document a copy can be made of.
struct PictureSource {
  std::string path;
  bool image_file = false;
  int pages = 0;
};

// One check: what was received, how far it is, and what it found. Removes what was
// received and made when destroyed.
struct Check {
  enum class Phase { kRunning, kDone, kFailed, kCopying };
  Phase phase = Phase::kRunning;
  std::string upload_dir;          // absolute; the files as received
  std::vector<std::string> files;  // their names under upload_dir
  std::vector<std::string> inputs;
  std::optional<redaction::PersonalDataLists> lists;
  std::vector<std::string> deny, allow;  // what `lists` was made of, for the safe copy's
  std::vector<serve_html::FileState> progress;
  std::string stage;
  std::string failure;            // why the check could not be done
  std::unique_ptr<WorkDir> work;  // what the run unpacked and converted
  std::optional<Reading> reading;
  std::vector<serve_html::DocumentView> views;
  std::vector<PictureSource> pictures;
  std::set<std::string> ids;  // every finding id the results show
  std::string report_html;
  std::map<std::pair<size_t, int>, std::string> rendered;  // (document, page) → JPEG
  int copies = 0;

  ~Check() {
    work.reset();
    if (!upload_dir.empty()) RemoveTree(upload_dir);
  }
};

class Server {
 public:
  Server(const ServeRequest& request, std::string home, std::string token)
      : request_(request), home_(std::move(home)), token_(std::move(token)) {}

  int Run();

 private:
  void Setup();
  httplib::Server::HandlerResponse Screen(const httplib::Request& req, httplib::Response& res);
  void Checked(const httplib::Request& req, httplib::Response& res);
  void ShowProgress(httplib::Response& res);
  void ShowResults(httplib::Response& res);
  void ShowPicture(const httplib::Request& req, httplib::Response& res);
  void SafeCopy(const httplib::Request& req, httplib::Response& res);
  void Finish(httplib::Response& res);
  void RunCheck(std::shared_ptr<Check> check);
  void Review(Check& check);
  void Failed(Check& check, const Status& status);
  std::optional<std::string> MakeSafeCopy(Check& check, const httplib::Request& req,
                                          std::string& problem);
  // Deletes the check, if none is running; false when one is.
  bool Delete(const std::string& why);

  static void Send(httplib::Response& res, const serve_html::Page& page, int status = 200) {
    res.status = status;
    res.set_header("Content-Security-Policy", page.csp);
    res.set_content(page.html, "text/html; charset=utf-8");
  }
  void Refuse(httplib::Response& res, int status, const std::string& title,
              const std::string& text) {
    std::cerr << "qpm-intake: refused a request (" << status << ")\n";
    Send(res, serve_html::Message(title, text), status);
  }
  void Redirect(httplib::Response& res, const std::string& where) {
    res.status = 303;
    res.set_header("Location", "/" + token_ + "/" + where);
    Send(res, serve_html::Message("See other", "Go on to the next page."), 303);
  }
  std::string Base() const { return "/" + token_ + "/"; }

  const ServeRequest& request_;
  std::string home_;
  std::string token_;
  int port_ = 0;
  httplib::Server http_;
  std::mutex mutex_;
  std::shared_ptr<Check> check_;  // guarded by mutex_
  std::thread worker_;            // the running check's; joined before the next
  std::string deleted_;           // why the last check's files were deleted
  int checks_ = 0;
  std::atomic<int64_t> last_request_{0};
};

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
}

httplib::Server::HandlerResponse Server::Screen(const httplib::Request& req,
                                                httplib::Response& res) {
  using R = httplib::Server::HandlerResponse;
  std::string host = req.get_header_value("Host");
  std::string port = std::to_string(port_);
  if (host != "127.0.0.1:" + port && host != "localhost:" + port) {
    Refuse(res, 403, "Not allowed", "This page answers only at the address the program printed.");
    return R::Handled;
  }
  const std::string& path = req.path;
  if (path == "/favicon.ico") {  // every browser asks for it: refused, with no log line
    Send(res, serve_html::Message("Not allowed", "There is no such page."), 403);
    return R::Handled;
  }
  std::string prefix = Base();
  bool token_ok = path.size() >= prefix.size() && SameToken(path.substr(0, prefix.size()), prefix);
  if (!token_ok) {
    Refuse(res, 403, "Not allowed",
           "Open the address the program printed when it started, with its whole code.");
    return R::Handled;
  }
  if (HasDotDot(req.target) || HasDotDot(path)) {
    Refuse(res, 404, "Not found", "There is no such page.");
    return R::Handled;
  }
  if (req.method == "POST") {
    // The page's own forms come with "Origin: null": its Referrer-Policy is no-referrer,
    // and a browser then sends no origin either (Fetch, "serializing a request origin").
    // Such a form counts as the page's own only when the browser says it came from this
    // very origin (Sec-Fetch-Site: same-origin); another page, even on another port of
    // 127.0.0.1 ("same-site"), or a sandboxed frame ("cross-site"), is refused.
    std::string origin = req.get_header_value("Origin");
    std::string fetch_site = req.get_header_value("Sec-Fetch-Site");
    bool own =
        origin == "http://127.0.0.1:" + port || (origin == "null" && fetch_site == "same-origin");
    bool foreign = req.has_header("Origin") && !own;
    if (foreign || fetch_site == "cross-site") {
      Refuse(res, 403, "Not allowed", "A form from another page cannot be sent here.");
      return R::Handled;
    }
  }
  last_request_ = Now();
  return R::Unhandled;
}

void Server::Setup() {
  http_.set_payload_max_length(static_cast<size_t>(request_.max_upload_mb) << 20);
  http_.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                             {"Referrer-Policy", "no-referrer"},
                             {"Cache-Control", "no-store"},
                             {"X-Frame-Options", "DENY"}});
  http_.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return Screen(req, res); });
  http_.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      Refuse(res, 413, "Too much at once",
             "That is more than this page takes at once (" +
                 std::to_string(request_.max_upload_mb) + " MB). Check fewer files at a time.");
    } else if (res.status == 404) {
      Send(res, serve_html::Message("Not found", "There is no such page."), 404);
    } else {
      Send(res, serve_html::Message("Not understood", "The request could not be understood."),
           res.status);
    }
  });
  http_.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.has_header("Content-Security-Policy")) {
      res.set_header("Content-Security-Policy", serve_html::DefaultCsp());
    }
  });
  std::string base = Base();
  http_.Get(base, [this](const httplib::Request&, httplib::Response& res) {
    serve_html::Limits limits{request_.max_upload_mb, request_.max_files, request_.idle_minutes};
    Send(res, serve_html::Start(token_, limits));
  });
  http_.Post(base + "check",
             [this](const httplib::Request& req, httplib::Response& res) { Checked(req, res); });
  http_.Get(base + "progress",
            [this](const httplib::Request&, httplib::Response& res) { ShowProgress(res); });
  http_.Get(base + "results",
            [this](const httplib::Request&, httplib::Response& res) { ShowResults(res); });
  http_.Get(base + R"(page/(\d{1,6})/(\d{1,6})\.jpg)",
            [this](const httplib::Request& req, httplib::Response& res) { ShowPicture(req, res); });
  http_.Post(base + "safe-copy",
             [this](const httplib::Request& req, httplib::Response& res) { SafeCopy(req, res); });
  http_.Get(base + "report.html", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!check_ || check_->report_html.empty()) {
      Send(res, serve_html::Message("Nothing checked", "Nothing has been checked yet.", token_),
           404);
      return;
    }
    res.set_header("Content-Disposition", "attachment; filename=\"report.html\"");
    res.set_content(check_->report_html, "text/html; charset=utf-8");
  });
  http_.Post(base + "finish",
             [this](const httplib::Request&, httplib::Response& res) { Finish(res); });
}

// Writes `bytes` to `path`, which must not exist (mode 0600, no link followed).
bool WriteNew(const std::string& path, const std::string& bytes) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;  // Ctrl-C's handler does not restart calls
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  return close(fd) == 0 && done == bytes.size();
}

// Writes the uploaded files under a new folder of the check; false, with the page
// already set, when they cannot be taken.
bool Receive(const httplib::Request& req, Check& check, const std::string& dir, unsigned max_files,
             std::string& problem, int& status) {
  std::vector<const httplib::MultipartFormData*> parts;
  auto range = req.files.equal_range("files");
  for (auto it = range.first; it != range.second; ++it) {
    if (!it->second.filename.empty()) parts.push_back(&it->second);
  }
  if (parts.size() > max_files) {
    status = 413;
    problem = "That is more than " + std::to_string(max_files) +
              " files at once. Check fewer files at a time.";
    return false;
  }
  if (parts.empty()) {
    status = 400;
    problem = "No file was chosen. Choose files or a folder, then press Check.";
    return false;
  }
  std::error_code ec;
  fs::create_directory(dir, ec);
  fs::permissions(dir, fs::perms::owner_all, ec);
  check.upload_dir = dir;
  for (size_t k = 0; k < parts.size(); ++k) {
    std::string name = SafeUploadPath(parts[k]->filename).value_or("file");
    fs::path dest = fs::path(dir) / name;
    fs::create_directories(dest.parent_path(), ec);
    // A file and a folder of the same name, or the same name twice: numbered.
    for (int n = 2; ec || fs::exists(dest); ++n) {
      fs::path stem = fs::path(name).stem();
      std::string renamed =
          stem.string() + " (" + std::to_string(n) + ")" + fs::path(name).extension().string();
      dest = (ec ? fs::path(dir) : dest.parent_path()) / renamed;
      ec.clear();
    }
    if (!WriteNew(dest.string(), parts[k]->content)) {
      status = 500;
      problem = "The files could not be written to the computer's temporary folder: is it full?";
      return false;
    }
    check.files.push_back(fs::path(dest).lexically_relative(dir).string());
  }
  std::vector<std::string> top;
  for (const std::string& f : check.files) {
    std::string first = f.substr(0, f.find('/'));
    if (std::find(top.begin(), top.end(), first) == top.end()) top.push_back(first);
  }
  for (const std::string& t : top) check.inputs.push_back((fs::path(dir) / t).string());
  return true;
}

void Server::Checked(const httplib::Request& req, httplib::Response& res) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (check_ &&
        (check_->phase == Check::Phase::kRunning || check_->phase == Check::Phase::kCopying)) {
      Refuse(res, 409, "Busy", "A check is already running. Wait for it to finish.");
      return;
    }
  }
  auto check = std::make_shared<Check>();
  std::vector<std::string> deny = Lines(ValidUtf8(req.get_file_value("deny").content));
  std::vector<std::string> allow = Lines(ValidUtf8(req.get_file_value("allow").content));
  if (!deny.empty() || !allow.empty()) {
    check->lists.emplace();
    check->deny = deny;
    check->allow = allow;
    if (std::string problem = check->lists->Set(deny, allow); !problem.empty()) {
      Send(res, serve_html::Message("The lists need a change", problem, token_), 400);
      return;
    }
  }
  std::string problem;
  int status = 0;
  std::string dir;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    dir = home_ + "/check-" + std::to_string(++checks_);
  }
  if (!Receive(req, *check, dir, request_.max_files, problem, status)) {
    if (status == 413) {
      Refuse(res, 413, "Too many files", problem);
    } else {
      Send(res, serve_html::Message("Nothing to check", problem, token_), status);
    }
    return;
  }
  for (const std::string& f : check->files) {
    check->progress.push_back({redaction::MaskPersonalData(f), "Waiting"});
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (check_ &&
        (check_->phase == Check::Phase::kRunning || check_->phase == Check::Phase::kCopying)) {
      Refuse(res, 409, "Busy", "A check is already running. Wait for it to finish.");
      return;
    }
    if (worker_.joinable()) worker_.join();
    check_ = check;
    deleted_.clear();
    worker_ = std::thread([this, check]() { RunCheck(check); });
  }
  std::cerr << "qpm-intake: a check of " << check->files.size() << " file"
            << (check->files.size() == 1 ? "" : "s") << " started\n";
  Redirect(res, "progress");
}

void Server::RunCheck(std::shared_ptr<Check> check) {
  RunOptions options = request_.run;
  options.inputs = check->inputs;
  options.reveal = true;  // values in memory, for "Show the value" and the plan
  options.bundle = true;  // each .docx with its printed PDF, as redact reads it
  options.profile = nullptr;
  options.progress = false;
  options.lists = check->lists ? &*check->lists : nullptr;
  options.on_progress = [this, check](const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex_);
    check->stage = line;
  };
  options.on_document_read = [this, check](const Document& d) {
    if (d.origin.empty()) return;
    std::lock_guard<std::mutex> lock(mutex_);
    // A file's documents begin their origin with its name as received (ingest.h).
    for (size_t i = 0; i < check->files.size(); ++i) {
      if (check->files[i] == d.origin.front()) check->progress[i].state = "Read";
    }
  };
  Result<WorkDir> work = WorkDir::Create();
  if (!work.ok()) {
    Failed(*check, work.status());
    return;
  }
  auto dir = std::make_unique<WorkDir>(std::move(work.value()));
  Result<Reading> read = RunPipeline(options, *dir);
  if (!read.ok()) {
    Failed(*check, read.status());
    return;
  }
  check->work = std::move(dir);
  check->reading = std::move(read.value());
  // Nothing else reads what Review fills in until the phase says it is done.
  Review(*check);
  size_t found = 0;
  for (const serve_html::DocumentView& v : check->views) found += v.findings.size();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (serve_html::FileState& f : check->progress) f.state = "Checked";
    check->phase = Check::Phase::kDone;
  }
  std::cerr << "qpm-intake: the check finished: " << found << " finding" << (found == 1 ? "" : "s")
            << " to remove\n";
}

void Server::Failed(Check& check, const Status& status) {
  std::lock_guard<std::mutex> lock(mutex_);
  check.failure = status.code() == StatusCode::kInterrupted
                      ? "The program was stopped before the check was done."
                      : status.message();
  check.phase = Check::Phase::kFailed;
  std::cerr << "qpm-intake: the check could not be done\n";
}

// The findings of one planned document, as the page shows them.
serve_html::DocumentView View(const Document& d, const PlannedDocument& planned,
                              const std::vector<Finding>& findings) {
  serve_html::DocumentView view;
  view.name = redaction::MaskPersonalData(ValidUtf8(d.Path()));
  for (const redaction::Removal& r : planned.plan.removals) {
    if (r.kept) continue;
    serve_html::FindingView f{r.id, Sentence(r), r.masked, r.value, r.page, std::nullopt};
    const Page* page = nullptr;
    for (const Page& p : d.pages) {
      if (p.number == r.page) page = &p;
    }
    if (page != nullptr && page->width > 0 && page->height > 0 && !r.boxes.empty() &&
        planned.planned_on_pages) {
      Box u = r.boxes.front();
      for (const Box& b : r.boxes) {
        u = {std::min(u.x0, b.x0), std::min(u.y0, b.y0), std::max(u.x1, b.x1),
             std::max(u.y1, b.y1)};
      }
      f.box = Box{100 * u.x0 / page->width, 100 * u.y0 / page->height, 100 * u.x1 / page->width,
                  100 * u.y1 / page->height};
    }
    view.findings.push_back(std::move(f));
  }
  for (const Finding& found : findings) {
    if (found.document != d.id || found.severity == Severity::kInfo) continue;
    bool covered =
        std::any_of(planned.plan.removals.begin(), planned.plan.removals.end(),
                    [&found](const redaction::Removal& r) {
                      return r.rule == found.rule && (r.page == found.page || r.page == 0);
                    });
    if (covered) continue;
    Finding masked = found;
    MaskFinding(masked);
    view.notes.push_back(masked.message);
  }
  if (planned.carrier != nullptr) {
    view.no_copy =
        "it is attached to or embedded in another file, and the safe copy of that file "
        "carries nothing but its pages.";
  } else if (!planned.not_copied.empty()) {
    view.no_copy = planned.not_copied + ".";
  }
  return view;
}

// What the page shows of a finished check, and the list to download.
void Server::Review(Check& check) {
  const Submission& s = check.reading->submission;
  for (const PlannedDocument& planned : PlanRedaction(*check.reading, {})) {
    const Document& d = s.documents[planned.doc];
    check.views.push_back(View(d, planned, s.findings));
    PictureSource source;
    if (planned.not_copied.empty() && planned.carrier == nullptr) {
      source = {planned.source, planned.image_file, planned.image_file ? 1 : d.page_count};
    }
    check.pictures.push_back(source);
    for (const serve_html::FindingView& f : check.views.back().findings) check.ids.insert(f.id);
  }
  Submission masked = s;
  for (Finding& f : masked.findings) MaskFinding(f);
  nlohmann::json report = report::BuildReport(masked, "scan", false, AllRules(), nullptr);
  // The inputs by the names they were given, not where this server keeps them.
  nlohmann::json& inputs = report["inputs"];
  for (size_t k = 0; k < inputs.size() && k < check.inputs.size(); ++k) {
    std::string name = fs::path(check.inputs[k]).lexically_relative(check.upload_dir).string();
    inputs[k]["path"] = redaction::MaskPersonalData(ValidUtf8(name));
  }
  check.report_html = report::RenderHtml(report);
}

void Server::ShowProgress(httplib::Response& res) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!check_) {
    Redirect(res, "");
    return;
  }
  if (check_->phase != Check::Phase::kRunning) {
    Redirect(res, "results");
    return;
  }
  Send(res, serve_html::Progress(token_, check_->progress, check_->stage));
}

void Server::ShowResults(httplib::Response& res) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!check_) {
    std::string text = deleted_.empty() ? "Nothing has been checked yet." : deleted_;
    Send(res, serve_html::Message("Nothing to show", text, token_));
    return;
  }
  if (check_->phase == Check::Phase::kRunning) {
    Redirect(res, "progress");
    return;
  }
  if (check_->phase == Check::Phase::kFailed) {
    Send(res, serve_html::Message("The check could not be done", check_->failure, token_));
    return;
  }
  Send(res, serve_html::Results(token_, check_->views));
}

void Server::ShowPicture(const httplib::Request& req, httplib::Response& res) {
  size_t doc = std::stoul(req.matches[1].str());
  int page = std::stoi(req.matches[2].str());
  std::shared_ptr<Check> check;
  PictureSource source;
  std::vector<std::string> passwords;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    bool done =
        check_ && (check_->phase == Check::Phase::kDone || check_->phase == Check::Phase::kCopying);
    if (!done || doc >= check_->pictures.size()) {
      Send(res, serve_html::Message("Not found", "There is no such page."), 404);
      return;
    }
    check = check_;
    source = check->pictures[doc];
    if (auto it = check->rendered.find({doc, page}); it != check->rendered.end()) {
      res.set_content(it->second, "image/jpeg");
      return;
    }
    passwords = check->reading->passwords;
  }
  if (source.path.empty() || page < 1 || page > source.pages) {
    Send(res, serve_html::Message("Not found", "There is no such page."), 404);
    return;
  }
  copy::PageRequest picture;
  picture.path = source.path;
  picture.image_file = source.image_file;
  picture.page = page;
  if (!source.image_file) picture.passwords = passwords;
  picture.dpi = kPictureDpi;
  picture.preview_dpi = kPictureDpi;
  picture.words = std::vector<Word>{};  // a picture only: nothing is read by OCR
  sandbox::Budget budget{request_.run.limits.doc_timeout_seconds,
                         request_.run.limits.max_memory_bytes, 256ull << 20};
  Result<std::string> jpeg = sandbox::Call<std::string>(
      [&picture]() -> Result<std::string> {
        Result<CopyPage> made = copy::MakePage(picture, ocr::EngineOptions{});
        if (!made.ok()) return made.status();
        return std::move(made->preview_jpeg);
      },
      budget, "the page's picture");
  if (!jpeg.ok() || jpeg->empty()) {
    Send(res, serve_html::Message("No picture", "This page could not be shown."), 404);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    check->rendered[{doc, page}] = jpeg.value();
  }
  res.set_content(jpeg.value(), "image/jpeg");
}

void Server::SafeCopy(const httplib::Request& req, httplib::Response& res) {
  std::shared_ptr<Check> check;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (check_ &&
        (check_->phase == Check::Phase::kRunning || check_->phase == Check::Phase::kCopying)) {
      Refuse(res, 409, "Busy", "A check is already running. Wait for it to finish.");
      return;
    }
    if (!check_ || check_->phase != Check::Phase::kDone) {
      Send(res, serve_html::Message("Nothing to copy", "Check some files first.", token_), 404);
      return;
    }
    check = check_;
    check->phase = Check::Phase::kCopying;
  }
  std::string problem;
  std::optional<std::string> zip = MakeSafeCopy(*check, req, problem);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    check->phase = Check::Phase::kDone;
  }
  if (!zip) {
    Send(res, serve_html::Message("No safe copy", problem, token_), 400);
    return;
  }
  res.set_header("Content-Disposition", "attachment; filename=\"safe-copies.zip\"");
  res.set_content(std::move(*zip), "application/zip");
}

// The decisions file of the page's form: keep what was shown and unticked, remove
// what was typed in. Its text, or nullopt with `problem` set.
std::optional<std::string> Decide(const Check& check, const httplib::Request& req,
                                  std::string& problem) {
  std::set<std::string> removed;
  auto range = req.files.equal_range("remove");
  for (auto it = range.first; it != range.second; ++it) removed.insert(it->second.content);
  for (const auto& [key, value] : req.params) {
    if (key == "remove") removed.insert(value);
  }
  nlohmann::json keep = nlohmann::json::array();
  for (const std::string& id : check.ids) {
    if (removed.count(id) == 0) keep.push_back({{"id", id}});
  }
  std::string also = req.has_param("also_remove") ? req.get_param_value("also_remove")
                                                  : req.get_file_value("also_remove").content;
  nlohmann::json remove = nlohmann::json::array();
  for (const std::string& value : Lines(ValidUtf8(also))) remove.push_back({{"value", value}});
  nlohmann::json decisions = {{"decisions_version", 1}, {"keep", keep}, {"remove", remove}};
  std::string text = decisions.dump(2) + "\n";
  Result<redaction::Decisions> parsed = redaction::ParseDecisions(text);
  if (!parsed.ok()) {
    problem = "One of the values to remove everywhere cannot be used (" +
              parsed.status().message() + "). A value needs at least 3 letters or digits.";
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> Server::MakeSafeCopy(Check& check, const httplib::Request& req,
                                                std::string& problem) {
  std::optional<std::string> decisions = Decide(check, req, problem);
  if (!decisions) return std::nullopt;
  std::string dir = home_ + "/copy-" + std::to_string(++check.copies) + "-" + std::to_string(Now());
  std::error_code ec;
  fs::create_directory(dir, ec);
  fs::permissions(dir, fs::perms::owner_all, ec);
  struct Remove {
    std::string path;
    ~Remove() { RemoveTree(path); }
  } remove_after{dir};
  std::string decisions_file = dir + "/decisions.json";
  if (!WriteFileAtomically(decisions_file, *decisions).ok()) {
    problem = "The computer's temporary folder could not be written to: is it full?";
    return std::nullopt;
  }
  RedactRequest redact;
  redact.run = request_.run;
  redact.run.inputs = check.inputs;
  redact.run.progress = false;
  redact.run.reveal = false;
  if (check.lists) {
    redact.lists.emplace();
    redact.lists->Set(check.deny, check.allow);
  }
  redact.out_dir = dir + "/out";
  redact.decisions = redaction::ParseDecisions(*decisions).value();
  redact.decisions_file = decisions_file;
  redact.quiet = true;
  std::cerr << "qpm-intake: a safe copy was asked for\n";
  Result<RedactOutcome> outcome = RunRedact(redact);
  if (!outcome.ok()) {
    problem = outcome.status().code() == StatusCode::kInterrupted
                  ? "The program was stopped before the safe copy was made."
                  : "The safe copy could not be made: " + outcome.status().message();
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : fs::recursive_directory_iterator(redact.out_dir, ec)) {
    if (!entry.is_regular_file()) continue;
    files.emplace_back(entry.path().lexically_relative(redact.out_dir).string(),
                       entry.path().string());
  }
  std::sort(files.begin(), files.end());
  std::string zip_path = dir + "/safe-copies.zip";
  if (!zip::WriteZip(zip_path, files).ok()) {
    problem = "The safe copy could not be packed into a zip.";
    return std::nullopt;
  }
  std::ifstream in(zip_path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t copied = 0;
  for (const nlohmann::json& d : outcome->report["documents"]) {
    copied += d.value("outcome", "") == "copied";
  }
  std::cerr << "qpm-intake: a safe copy was made of " << copied << " document"
            << (copied == 1 ? "" : "s") << "\n";
  return bytes;
}

bool Server::Delete(const std::string& why) {
  std::shared_ptr<Check> gone;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (check_ &&
        (check_->phase == Check::Phase::kRunning || check_->phase == Check::Phase::kCopying)) {
      return false;
    }
    gone = std::move(check_);
    check_.reset();
    if (gone) deleted_ = why;
    if (worker_.joinable()) worker_.join();  // done: its check is not running
  }
  return true;
}

void Server::Finish(httplib::Response& res) {
  if (!Delete("Everything received was deleted when you pressed Finish.")) {
    Refuse(res, 409, "Busy", "A check is already running. Wait for it to finish.");
    return;
  }
  std::cerr << "qpm-intake: everything received was deleted (Finish)\n";
  Send(res, serve_html::Message("Everything was deleted",
                                "The files you gave and everything made from them have been "
                                "deleted from this computer. You can close this page.",
                                token_));
}

void OpenInBrowser(const std::string& url) {
  pid_t pid = 0;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::string program = "xdg-open";
  std::vector<char*> argv{program.data(), const_cast<char*>(url.c_str()), nullptr};
  int err = posix_spawnp(&pid, "xdg-open", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) {
    std::cerr << "qpm-intake: --open: no browser could be opened (xdg-open); open the address "
                 "above yourself\n";
    return;
  }
  std::thread([pid]() { waitpid(pid, nullptr, 0); }).detach();
}

int Server::Run() {
  Setup();
  if (request_.port == 0) {
    port_ = http_.bind_to_any_port("127.0.0.1");
  } else {
    port_ = http_.bind_to_port("127.0.0.1", request_.port) ? request_.port : -1;
  }
  if (port_ <= 0) {
    std::cerr << "qpm-intake: cannot listen on 127.0.0.1"
              << (request_.port != 0 ? ":" + std::to_string(request_.port) : std::string())
              << ": is another program using that port? Try another --port, or none.\n";
    return kExitUsage;
  }
  std::string url = "http://127.0.0.1:" + std::to_string(port_) + "/" + token_ + "/";
  std::cout << "Open this address in your browser: " << url << std::endl;
  std::cerr << "qpm-intake: serving on 127.0.0.1 only; press Ctrl-C to stop and delete "
               "everything received\n";
  if (request_.open) OpenInBrowser(url);
  last_request_ = Now();
  std::thread listener([this]() { http_.listen_after_bind(); });
  // stop() stops only a server that is running.
  for (int waited = 0; !http_.is_running() && waited < 5000; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const int64_t idle = static_cast<int64_t>(request_.idle_minutes) * 60;
  while (!Interrupted()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (Now() - last_request_ >= idle) {
      bool had = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        had = check_ != nullptr;
      }
      std::string why =
          "Everything received was deleted after " + std::to_string(request_.idle_minutes) +
          (request_.idle_minutes == 1 ? " minute" : " minutes") + " with nothing done on the page.";
      if (had && Delete(why)) {
        std::cerr << "qpm-intake: nothing done on the page for " << request_.idle_minutes
                  << " minutes; everything received was deleted\n";
      }
      last_request_ = Now();
    }
  }
  http_.stop();
  listener.join();
  if (worker_.joinable()) worker_.join();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    check_.reset();
  }
  std::cerr << "qpm-intake: stopped; everything received was deleted.\n";
  return kExitInterrupted;
}

}  // namespace

std::optional<std::string> SafeUploadPath(std::string_view name) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = name.size();
    std::string_view part = name.substr(start, end - start);
    if (!part.empty() && part != ".") {
      std::string safe = SafePart(part);
      if (!safe.empty()) parts.push_back(std::move(safe));
    }
    start = end + 1;
  }
  if (parts.empty()) return std::nullopt;
  // Deeper than 32 folders: the deepest are joined into the last part's name.
  while (parts.size() > 33) {
    parts[parts.size() - 2] += "_" + parts.back();
    parts.pop_back();
    parts.back() = SafePart(parts.back());
  }
  std::string path;
  for (const std::string& p : parts) path += (path.empty() ? "" : "/") + p;
  return path;
}

int RunServe(const ServeRequest& request) {
  Result<WorkDir> home = WorkDir::Create();
  if (!home.ok()) {
    std::cerr << "qpm-intake: " << home.status().message() << "\n";
    return kExitUsage;
  }
  std::string token = NewToken();
  if (token.size() != 32) {
    std::cerr << "qpm-intake: no random token could be made (/dev/urandom)\n";
    return kExitInternal;
  }
  Server server(request, home->path(), token);
  return server.Run();
}

}  // namespace qpm
