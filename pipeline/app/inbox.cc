// pipeline/app/inbox.cc — see inbox.h.
#include "pipeline/app/inbox.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "pipeline/core/exit_codes.h"
#include "pipeline/core/profile.h"
#include "pipeline/core/text.h"
#include "pipeline/ingest/mailbox.h"
#include "pipeline/output/register.h"
#include "pipeline/platform/atomic_file.h"
#include "pipeline/platform/interrupt.h"
#include "pipeline/platform/sha256.h"
#include "pipeline/platform/workdir.h"
#include "redaction/masking.h"

extern char** environ;

namespace qpm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// OUTDIR/.inbox-state/<reference>.json: what the last triage of each submission was
// made from. One file per submission, so that runs on several machines (--only) never
// write the same file.
constexpr const char* kStateDir = ".inbox-state";
constexpr int kStateVersion = 1;

std::string StatePath(const std::string& out_dir, const std::string& reference) {
  return out_dir + "/" + kStateDir + "/" + reference + ".json";
}

// How bad a code is, for the run's: the worst submission's code is the run's.
int Rank(int code) {
  switch (code) {
    case kExitOk:
      return 0;
    case kExitFindings:
      return 1;
    case kExitUnreadable:
      return 2;
    case kExitPassword:
      return 3;
    case kExitDependency:
      return 4;
    case kExitInterrupted:
      return 5;
    default:
      return 6;  // internal, or a code triage does not give
  }
}

// One submission, on its way through the run.
struct Job {
  mailbox::Group group;
  std::string reference;  // "QPM-1a2b3c4d"
  std::string profile;    // the profile file it is triaged against
  std::string key;        // what its inputs, profile and options were (InputKey)
  bool triage = false;    // to be triaged in this run
  int exit_code = 0;
  std::string error;
  pid_t pid = -1;
  std::string log;  // its triage's stderr
};

// The profile a submission's emails speak of: the one whose workbook cues its
// subjects, texts and file names hold most often; the default one on a tie.
std::string ChooseProfile(const mailbox::Group& group, const std::vector<mailbox::Item>& items,
                          const std::vector<std::pair<std::string, Profile>>& profiles,
                          const std::string& fallback) {
  std::string said;
  for (size_t i : group.items) {
    const mailbox::Item& item = items[i];
    said += item.name + "\n" + item.subject + "\n" + item.body + "\n";
    for (const std::string& a : item.attachments) said += a + "\n";
  }
  const std::string folded = text::Fold(said);
  std::vector<int> scores;
  int fallback_score = 0;
  for (const auto& [path, profile] : profiles) {
    int score = 0;
    for (const std::string& cue : profile.workbook_cues) {
      if (text::HasPhrase(folded, text::Fold(cue))) ++score;
    }
    std::error_code ec;
    if (fs::equivalent(path, fallback, ec)) fallback_score = score;
    scores.push_back(score);
  }
  // Another profile only when its phrases are found more often than the default's.
  std::string best = fallback;
  int best_score = fallback_score;
  for (size_t i = 0; i < profiles.size(); ++i) {
    if (scores[i] > best_score) {
      best_score = scores[i];
      best = profiles[i].first;
    }
  }
  return best;
}

// What decides a submission's results besides the program: each input's name and bytes
// (a folder's files, by their paths in it), the profile's bytes and the options.
Result<std::string> InputKey(const Job& job, const std::vector<mailbox::Item>& items,
                             const InboxRequest& request) {
  Sha256 hash;
  hash.Update(std::string("qpm-intake ") + QPM_VERSION + "\n");
  for (const std::string& o : request.triage_options) hash.Update("option " + o + "\n");
  // A file that cannot be read is triage's to report, with its name: here it only
  // makes the fingerprint its own. Ctrl-C stops the run.
  auto add = [&](const std::string& label, const std::string& path) -> Status {
    Result<FileDigest> d = DigestFile(path);
    if (!d.ok() && d.status().code() == StatusCode::kInterrupted) return d.status();
    hash.Update(label + "\t" + (d.ok() ? d->sha256 : "unreadable") + "\n");
    return Status();
  };
  if (Status s = add("profile", job.profile); !s.ok()) return s;
  for (const std::string& f : request.key_files) {
    if (Status s = add("option file", f); !s.ok()) return s;
  }
  for (size_t i : job.group.items) {
    const mailbox::Item& item = items[i];
    if (!item.folder) {
      if (Status s = add(item.name, item.path); !s.ok()) return s;
      continue;
    }
    std::vector<std::string> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(item.path, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->is_regular_file(ec)) files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      if (Status s = add(item.name + "/" + fs::relative(f, item.path).string(), f); !s.ok()) {
        return s;
      }
    }
  }
  return hash.HexDigest();
}

json ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return nullptr;
  json j = json::parse(in, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

// References by what opened the submission: the profile's prefix and eight characters
// of a hash of its first email's Message-ID, else of the first thing's name. The same
// mailbox gives the same references, and a later email joining a submission does not
// move it.
void GiveReferences(std::vector<Job>& jobs, const std::vector<mailbox::Item>& items) {
  std::set<std::string> taken;
  std::map<std::string, std::string> prefixes;  // profile file → its reference prefix
  for (Job& job : jobs) {
    auto p = prefixes.find(job.profile);
    if (p == prefixes.end()) {
      Result<Profile> profile = LoadProfile(job.profile);
      std::string prefix = profile.ok() ? profile->words.reference_prefix : "";
      p = prefixes.emplace(job.profile, prefix.empty() ? "QPM" : prefix).first;
    }
    const mailbox::Item& first = items[job.group.items.front()];
    std::string basis = first.message_id.empty() ? "name:" + first.name : "id:" + first.message_id;
    for (int n = 1;; ++n) {
      std::string hex = Sha256Hex(basis).substr(0, 8);
      for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      std::string ref = p->second + "-" + hex;  // as the cover writes one it works out
      if (taken.insert(ref).second) {
        job.reference = ref;
        break;
      }
      basis += "#" + std::to_string(n);
    }
  }
}

// `job`'s triage, as a command: this program on its inputs, into OUTDIR/<reference>/.
std::vector<std::string> TriageCommand(const Job& job, const std::vector<mailbox::Item>& items,
                                       const InboxRequest& request,
                                       const std::string& password_file) {
  std::vector<std::string> args = {request.program, "triage"};
  for (size_t i : job.group.items) args.push_back(items[i].path);
  // The cover's reference is the profile's prefix, "-" and what --id gives.
  args.insert(args.end(), {"-o", request.out_dir + "/" + job.reference, "--id",
                           job.reference.substr(job.reference.rfind('-') + 1), "--profile",
                           job.profile, "--quiet", "--jobs", "1"});
  if (!password_file.empty()) args.insert(args.end(), {"--password-file", password_file});
  args.insert(args.end(), request.triage_options.begin(), request.triage_options.end());
  return args;
}

// Starts `job`'s triage, its messages into a log in the work directory. The passwords
// go in a private file.
Status StartTriage(Job& job, const std::vector<mailbox::Item>& items, const InboxRequest& request,
                   const std::string& password_file, const std::string& log) {
  std::vector<std::string> args = TriageCommand(job, items, request, password_file);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, request.program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return Status(StatusCode::kIo, "could not start triage (" + request.program +
                                       "): " + std::string(std::strerror(rc)));
  }
  job.pid = pid;
  job.log = log;
  return Status();
}

// The last line triage wrote on stderr: why it stopped, in its own words.
std::string LastLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::string last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  const std::string prefix = "qpm-intake: ";
  if (last.rfind(prefix, 0) == 0) last.erase(0, prefix.size());
  return last;
}

class Runner {
 public:
  Runner(const InboxRequest& request, const std::vector<mailbox::Item>& items,
         std::vector<Job>& jobs)
      : request_(request), items_(items), jobs_(jobs) {}

  // Triages every job marked so, `jobs` at once. Returns false when interrupted.
  Result<bool> Run(const std::string& work_dir) {
    std::string password_file;
    if (!request_.passwords.empty()) {
      password_file = work_dir + "/passwords";
      std::string lines;
      for (const std::string& p : request_.passwords) lines += p + "\n";
      Status w = WriteFileAtomically(password_file, lines);
      if (!w.ok()) return w;
    }
    size_t next = 0;
    size_t total = std::count_if(jobs_.begin(), jobs_.end(), [](const Job& j) { return j.triage; });
    while (true) {
      while (running_.size() < std::max(1u, request_.jobs) && !Interrupted()) {
        while (next < jobs_.size() && !jobs_[next].triage) ++next;
        if (next >= jobs_.size()) break;
        Job& job = jobs_[next];
        std::string log = work_dir + "/triage-" + std::to_string(next) + ".log";
        Status started = StartTriage(job, items_, request_, password_file, log);
        ++next;
        if (!started.ok()) {  // this one is not triaged; the others go on
          job.exit_code = kExitInternal;
          job.error = started.message();
          continue;
        }
        running_[job.pid] = next - 1;
      }
      if (running_.empty()) break;
      int status = 0;
      pid_t pid = waitpid(-1, &status, 0);
      if (pid < 0) {
        if (errno == EINTR) {
          for (const auto& [p, j] : running_) kill(p, SIGINT);
          continue;
        }
        return Status(StatusCode::kIo, "waiting for triage: " + std::string(std::strerror(errno)));
      }
      auto it = running_.find(pid);
      if (it == running_.end()) continue;
      Job& job = jobs_[it->second];
      running_.erase(it);
      Finished(job, status, ++done_, total);
    }
    return !Interrupted();
  }

 private:
  void Finished(Job& job, int status, size_t done, size_t total) {
    if (WIFEXITED(status)) {
      job.exit_code = WEXITSTATUS(status);
    } else {
      job.exit_code = kExitInternal;
      job.error = "triage ended on signal " + std::to_string(WTERMSIG(status));
    }
    bool finished = job.exit_code == kExitOk || job.exit_code == kExitFindings ||
                    job.exit_code == kExitUnreadable || job.exit_code == kExitPassword;
    if (!finished && job.error.empty()) job.error = LastLine(job.log);
    // Each finished triage is kept at once: an interrupted run loses no finished work.
    const std::string state = StatePath(request_.out_dir, job.reference);
    if (finished) {
      json j = {{"schema", "qpm-intake-inbox-state"},
                {"schema_version", kStateVersion},
                {"key", job.key},
                {"exit_code", job.exit_code}};
      (void)WriteFileAtomically(state, j.dump(2) + "\n");
    } else {
      std::error_code ec;
      fs::remove(state, ec);
    }
    if (!request_.quiet) {
      std::cerr << "inbox: [" << done << "/" << total << "] " << job.reference << ": "
                << (finished ? std::string(StatusWord(job.exit_code))
                             : "not finished: " + job.error)
                << "\n";
    }
  }

  const InboxRequest& request_;
  const std::vector<mailbox::Item>& items_;
  std::vector<Job>& jobs_;
  std::map<pid_t, size_t> running_;
  size_t done_ = 0;
};

std::vector<std::pair<std::string, Profile>> InstalledProfiles(const std::string& program) {
  std::vector<std::pair<std::string, Profile>> out;
  std::set<std::string> names;
  for (const std::string& dir : ProfileDirs(program)) {
    std::vector<std::string> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".json") files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      Result<Profile> p = LoadProfile(f);
      if (p.ok() && names.insert(p->name).second) out.emplace_back(f, std::move(p.value()));
    }
  }
  return out;
}

reg::Entry EntryFor(const Job& job, const std::vector<mailbox::Item>& items,
                    const std::string& out_dir, const std::map<std::string, int>& weeks) {
  reg::Entry e;
  e.folder = job.reference;
  e.reference = job.reference;
  // An address (at a webmail domain) or a name in a file's name is personal data.
  e.sender = redaction::MaskPersonalData(job.group.organisation);
  for (size_t i : job.group.items) {
    e.emails.push_back(redaction::MaskPersonalData(items[i].name));
    if (!items[i].date.empty()) {
      if (e.received.empty()) e.received = items[i].date;
      e.last_received = items[i].date;
    }
  }
  e.triaged_now = job.triage;
  e.exit_code = job.exit_code;
  e.error = redaction::MaskPersonalData(job.error);
  e.report = ReadJsonFile(out_dir + "/" + job.reference + "/report.json");
  auto w = weeks.find(job.profile);
  e.assessment_weeks = w == weeks.end() ? 0 : w->second;
  return e;
}

Status WriteRegister(const std::vector<Job>& jobs, const std::vector<mailbox::Item>& items,
                     const InboxRequest& request) {
  reg::Register r;
  r.today = request.today;
  std::map<std::string, int> weeks;
  for (const Job& job : jobs) {
    if (!weeks.count(job.profile)) {
      Result<Profile> p = LoadProfile(job.profile);
      weeks[job.profile] = p.ok() ? p->assessment_weeks : 0;
    }
    r.entries.push_back(EntryFor(job, items, request.out_dir, weeks));
  }
  json index = reg::RegisterJson(r);
  for (const auto& [name, text] :
       {std::pair<std::string, std::string>{"index.json", index.dump(2) + "\n"},
        {"index.csv", reg::RegisterCsv(index)},
        {"index.html", reg::RegisterHtml(index)}}) {
    Status w = WriteFileAtomically(request.out_dir + "/" + name, text);
    if (!w.ok()) return w;
  }
  return Status();
}

// Which jobs need triage: not when the last run triaged the same inputs to an end, and
// its report is still there. One still locked is tried again when passwords are given.
Status Plan(std::vector<Job>& jobs, const std::vector<mailbox::Item>& items,
            const InboxRequest& request) {
  for (Job& job : jobs) {
    if (Interrupted()) return Status(StatusCode::kInterrupted, "interrupted");
    Result<std::string> key = InputKey(job, items, request);
    if (!key.ok()) return key.status();
    job.key = key.value();
    json last = ReadJsonFile(StatePath(request.out_dir, job.reference));
    bool same = last.is_object() && last.value("schema_version", 0) == kStateVersion &&
                last.value("key", "") == job.key &&
                fs::exists(request.out_dir + "/" + job.reference + "/report.json");
    int code = last.is_object() ? last.value("exit_code", 0) : 0;
    job.triage = !same || (code == kExitPassword && !request.passwords.empty());
    job.exit_code = code;
    if (!request.only.empty() &&
        std::find(request.only.begin(), request.only.end(), job.reference) == request.only.end()) {
      job.triage = false;  // listed as its last triage left it
    }
  }
  return Status();
}

}  // namespace

std::string RefusedInboxOutput(const std::string& out_dir, const std::string& inbox_dir) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(out_dir, ec), ec);
  fs::path in = fs::weakly_canonical(fs::absolute(inbox_dir, ec), ec);
  if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
    return "the output " + out_dir + " exists and is not a folder";
  }
  fs::path rel = out.lexically_relative(in);
  if (!rel.empty() && *rel.begin() != "..") {
    return "the output folder " + out_dir + " is inside the inbox " + inbox_dir +
           "; choose an output folder elsewhere, so the results are not read as mail";
  }
  if (fs::is_directory(out, ec) && !fs::is_empty(out, ec) &&
      !fs::is_directory(out / kStateDir, ec)) {
    return "the output folder " + out_dir +
           " holds files an inbox run did not write; give an empty or new folder, or one an "
           "earlier inbox run wrote";
  }
  return "";
}

namespace {

// The run's outcome: each job as it ended (or, planning only, as it would run).
InboxOutcome Outcome(const std::vector<Job>& jobs, const std::vector<mailbox::Item>& items) {
  InboxOutcome outcome;
  for (const Job& job : jobs) {
    InboxSubmission s;
    s.reference = job.reference;
    for (size_t i : job.group.items) s.inputs.push_back(items[i].name);
    s.profile = job.profile;
    s.triaged_now = job.triage;
    s.exit_code = job.exit_code;
    s.error = job.error;
    if (Rank(job.exit_code) > Rank(outcome.exit_code)) outcome.exit_code = job.exit_code;
    outcome.submissions.push_back(std::move(s));
  }
  return outcome;
}

// --plan: one line of JSON per submission on stdout, and nothing written.
void PrintPlan(const std::vector<Job>& jobs, const std::vector<mailbox::Item>& items,
               const InboxRequest& request) {
  for (const Job& job : jobs) {
    json files = json::array();
    for (size_t i : job.group.items) files.push_back(items[i].name);
    std::cout << json{{"reference", job.reference},
                      {"profile", job.profile},
                      {"files", files},
                      {"triage", job.triage},
                      {"command", TriageCommand(job, items, request, "")}}
                     .dump()
              << "\n";
  }
  std::cout.flush();
}

}  // namespace

Result<InboxOutcome> RunInbox(const InboxRequest& request) {
  Result<std::vector<mailbox::Item>> listed =
      mailbox::ListMailbox(request.inbox_dir, request.budget);
  if (!listed.ok()) return listed.status();
  const std::vector<mailbox::Item>& items = listed.value();

  std::vector<Job> jobs;
  std::vector<std::pair<std::string, Profile>> profiles = InstalledProfiles(request.program);
  std::string fallback =
      request.profile.empty() ? DefaultProfilePath(request.program) : request.profile;
  for (mailbox::Group& g : mailbox::GroupMailbox(items)) {
    Job job;
    job.group = std::move(g);
    job.profile = request.profile.empty() ? ChooseProfile(job.group, items, profiles, fallback)
                                          : request.profile;
    jobs.push_back(std::move(job));
  }
  GiveReferences(jobs, items);
  InboxOutcome unknown;
  for (const std::string& ref : request.only) {
    if (std::none_of(jobs.begin(), jobs.end(), [&](const Job& j) { return j.reference == ref; })) {
      unknown.unknown_only.push_back(ref);
    }
  }
  if (!unknown.unknown_only.empty()) return unknown;

  if (Status planned = Plan(jobs, items, request); !planned.ok()) return planned;
  if (request.plan_only) {
    PrintPlan(jobs, items, request);
    return Outcome(jobs, items);
  }
  std::error_code ec;
  fs::create_directories(request.out_dir, ec);
  if (ec) return Status(StatusCode::kIo, "cannot make " + request.out_dir + ": " + ec.message());
  // At once, so that the folder is known as the inbox's even if this run stops early.
  fs::create_directories(request.out_dir + "/" + kStateDir, ec);
  if (ec)
    return Status(StatusCode::kIo, "cannot write in " + request.out_dir + ": " + ec.message());
  size_t to_triage = std::count_if(jobs.begin(), jobs.end(), [](const Job& j) { return j.triage; });
  if (!request.quiet) {
    std::cerr << "inbox: " << items.size() << " items, " << jobs.size() << " submissions; "
              << to_triage << " to triage, " << jobs.size() - to_triage
              << " unchanged since the last run\n";
  }
  Result<WorkDir> work = WorkDir::Create();
  if (!work.ok()) return work.status();
  Runner runner(request, items, jobs);
  Result<bool> ran = runner.Run(work->path());
  if (!ran.ok()) return ran.status();
  if (Status w = WriteRegister(jobs, items, request); !w.ok()) return w;
  if (!ran.value()) return Status(StatusCode::kInterrupted, "interrupted");
  return Outcome(jobs, items);
}

}  // namespace qpm
