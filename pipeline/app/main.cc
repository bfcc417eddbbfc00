// pipeline/app/main.cc — the qpm-intake command line.
//
//   qpm-intake triage INPUT... -o OUT   read a submission, write OUT/report.json and report.html
//   qpm-intake scan PATH... [--json]    report personal data and unreadable files on stdout
//   qpm-intake inbox DIR -o OUTDIR      triage every submission in a saved mailbox, and list them
//   qpm-intake redact PATH... -o OUTDIR a safe copy of each document, with personal data removed
//   qpm-intake serve                    the same on a local page in the browser (docs/serve.md)
//
// Human messages and progress go to stderr; data goes to stdout or files.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <set>
#include <thread>

#include "extractors/read/ocr.h"
#include "pipeline/app/inbox.h"
#include "pipeline/app/redact.h"
#include "pipeline/app/runner.h"
#include "pipeline/app/scan.h"
#include "pipeline/app/serve.h"
#include "pipeline/app/triage.h"
#include "pipeline/core/dates.h"
#include "pipeline/core/exit_codes.h"
#include "pipeline/core/profile.h"
#include "pipeline/core/utf8.h"
#include "pipeline/output/output.h"
#include "pipeline/output/report.h"
#include "pipeline/platform/interrupt.h"
#include "redaction/lists.h"

namespace {

using qpm::kExitInternal;
using qpm::kExitInterrupted;
using qpm::kExitUsage;

constexpr const char* kExitCodesHelp = R"(Exit codes:
  0    ran; nothing needs action
  1    ran; findings need action (see the report)
  2    bad usage or configuration
  3    an input is not readable at all
  4    a password is needed, or the one given was wrong
  5    a dependency is missing
  15   internal error (a bug: please report it)
  130  interrupted (Ctrl-C)
A run over several inputs exits with the worst code; report.json gives each
input's own code.)";

// "500M", "2G", "64K" or plain bytes.
std::optional<uint64_t> ParseSize(std::string text) {
  if (text.empty()) return std::nullopt;
  uint64_t multiplier = 1;
  char last = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
  if (last == 'B' && text.size() > 1) {
    text.pop_back();
    last = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
  }
  if (last == 'K' || last == 'M' || last == 'G' || last == 'T') {
    multiplier = last == 'K'   ? 1ull << 10
                 : last == 'M' ? 1ull << 20
                 : last == 'G' ? 1ull << 30
                               : 1ull << 40;
    text.pop_back();
  }
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 15) {
    return std::nullopt;
  }
  uint64_t n = std::stoull(text);
  if (n > UINT64_MAX / multiplier) return std::nullopt;
  return n * multiplier;
}

bool ValidDate(const std::string& s) { return qpm::ParseIsoDate(s).has_value(); }

int UsageError(const std::string& message) {
  std::cerr << "qpm-intake: " << message << "\nRun 'qpm-intake --help' for usage.\n";
  return kExitUsage;
}

// Options shared by triage and scan.
struct Common {
  std::vector<std::string> inputs;
  std::vector<std::string> passwords;
  std::string password_file;
  bool no_email_passwords = false;
  unsigned jobs = 0;
  std::string max_total_size;
  std::string max_memory;
  std::string max_inflate;
  qpm::Limits limits;
  bool quiet = false;
  bool no_ocr = false;
  std::string ocr_replay;
  std::string ocr_record;
  std::string deny_list;   // a file of values that must never be sent
  std::string allow_list;  // a file of values that may be sent
};

void AddCommon(CLI::App* cmd, Common& c, const char* inputs_help) {
  cmd->add_option("inputs", c.inputs, inputs_help)->required()->type_name("PATH");
  cmd->add_option("--password", c.passwords,
                  "a password to try on locked zips and PDFs (may be given more than once; "
                  "prefer --password-file, which other users of the computer cannot see)")
      ->type_name("PW");
  cmd->add_option("--password-file", c.password_file,
                  "a file with one password per line to try on locked zips and PDFs")
      ->type_name("FILE");
  cmd->add_flag("--no-email-passwords", c.no_email_passwords,
                "do not try passwords stated in the submission's own emails");
  cmd->add_option("-j,--jobs", c.jobs, "documents read at once (default: one per core)")
      ->type_name("N")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--max-entries", c.limits.max_entries,
                  "most files taken out of archives and emails (default 10000)")
      ->type_name("N");
  cmd->add_option("--max-total-size", c.max_total_size,
                  "most bytes unpacked in all, counted while unpacking (default 2G)")
      ->type_name("SIZE");
  cmd->add_option("--max-ratio", c.limits.max_ratio,
                  "refuse an archive entry that unpacks to more than N times its packed size, "
                  "once it is over 10 MiB (default 100)")
      ->type_name("N")
      ->check(CLI::Range(1u, 1000000u));
  cmd->add_option("--max-depth", c.limits.max_depth,
                  "most levels of archives and emails inside each other (default 8)")
      ->type_name("N")
      ->check(CLI::Range(1u, 64u));
  cmd->add_option("--doc-timeout", c.limits.doc_timeout_seconds,
                  "seconds allowed to unpack or read one file (default 120)")
      ->type_name("SECONDS")
      ->check(CLI::Range(1u, 86400u));
  cmd->add_option("--max-memory", c.max_memory,
                  "memory allowed to the process reading one file (default 2G)")
      ->type_name("SIZE");
  cmd->add_option("--max-pages", c.limits.max_pages,
                  "most pages read from one document (default 5000)")
      ->type_name("N")
      ->check(CLI::Range(1u, 1000000u));
  cmd->add_option("--max-inflate", c.max_inflate,
                  "most bytes the compressed parts of one PDF may unpack to, pictures aside; a "
                  "PDF past it is not read (default 128M)")
      ->type_name("SIZE");
  cmd->add_flag("-q,--quiet", c.quiet, "no progress line and no summary on stderr");
  cmd->add_option("--deny-list", c.deny_list,
                  "a file of names and values that must never be sent, one per line (your "
                  "clients, their relatives, the homes they live in): each is found in any "
                  "case and spacing, and names also as initials, surname first or alone")
      ->type_name("FILE");
  cmd->add_option("--allow-list", c.allow_list,
                  "a file of values that may be sent, one per line (your staff's names, your "
                  "own address, phone number and mailbox): findings of exactly these are "
                  "dropped; never list a client's or a first name alone")
      ->type_name("FILE");
  cmd->add_flag("--no-ocr", c.no_ocr,
                "do not read scanned pages and images by OCR; they are reported as not checked");
  cmd->add_option("--ocr-timeout", c.limits.ocr_page_timeout_seconds,
                  "seconds allowed to read one scanned page by OCR (default 60)")
      ->type_name("SECONDS")
      ->check(CLI::Range(1u, 86400u));
  // Tests only, so not in --help: replay OCR output recorded earlier, or record it.
  cmd->add_option("--ocr-replay", c.ocr_replay)->type_name("DIR")->group("");
  cmd->add_option("--ocr-record", c.ocr_record)->type_name("DIR")->group("");
}

// Turns the shared options into RunOptions, or returns an exit code for bad usage.
std::optional<int> Prepare(const Common& c, qpm::RunOptions& run) {
  run.inputs = c.inputs;
  run.limits = c.limits;
  if (!c.max_total_size.empty()) {
    std::optional<uint64_t> v = ParseSize(c.max_total_size);
    if (!v || *v == 0) return UsageError("--max-total-size: give a size such as 500M or 4G");
    run.limits.max_total_bytes = *v;
  }
  if (!c.max_memory.empty()) {
    std::optional<uint64_t> v = ParseSize(c.max_memory);
    if (!v || *v < (64ull << 20))
      return UsageError("--max-memory: give a size of at least 64M, such as 2G");
    run.limits.max_memory_bytes = *v;
  }
  if (!c.max_inflate.empty()) {
    std::optional<uint64_t> v = ParseSize(c.max_inflate);
    if (!v || *v == 0) return UsageError("--max-inflate: give a size such as 128M or 1G");
    run.limits.max_inflate_bytes = *v;
  }
  if (run.limits.max_entries == 0) return UsageError("--max-entries must be at least 1");
  for (const std::string& pw : c.passwords) run.passwords.emplace_back(pw, "--password");
  if (!c.password_file.empty()) {
    std::ifstream in(c.password_file);
    if (!in) return UsageError("cannot read the password file " + c.password_file);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty())
        run.passwords.emplace_back(line, "--password-file line " + std::to_string(n));
    }
  }
  run.passwords_from_emails = !c.no_email_passwords;
  run.jobs = c.jobs;
  run.progress = !c.quiet;
  for (const std::string* dir : {&c.ocr_replay, &c.ocr_record}) {
    if (!dir->empty() && !std::filesystem::is_directory(*dir)) {
      return UsageError((dir == &c.ocr_replay ? "--ocr-replay: " : "--ocr-record: ") + *dir +
                        " is not a folder");
    }
  }
  run.ocr.enabled = !c.no_ocr;
  run.ocr.page_timeout_seconds = c.limits.ocr_page_timeout_seconds;
  if (c.no_ocr) run.limits.ocr_page_timeout_seconds = 0;  // the report says OCR was off
  run.ocr.replay_dir = c.ocr_replay;
  run.ocr.record_dir = c.ocr_record;
  return std::nullopt;
}

// The exit code of a run that stopped, with its message on stderr.
int Failed(const qpm::Status& status) {
  if (status.code() == qpm::StatusCode::kInterrupted) {
    std::cerr << "qpm-intake: interrupted; nothing was written and the work files were removed.\n";
    return kExitInterrupted;
  }
  std::cerr << "qpm-intake: " << status.message() << "\n";
  // The OCR stage's language data is missing (ocr_stage.h).
  if (status.code() == qpm::StatusCode::kUnsupported) return qpm::kExitDependency;
  return kExitUsage;
}
// `qpm-intake rules`: every rule of every stage, from the registries the stages run.
int ListRules(bool json, bool markdown) {
  std::vector<qpm::RuleInfo> rules = qpm::AllRules();
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const qpm::RuleInfo& r : rules) {
      out.push_back({{"id", r.id},
                     {"severity", qpm::ToString(r.severity)},
                     {"category", qpm::ToString(r.category)},
                     {"checks", r.title}});
    }
    std::cout << out.dump(2) << "\n";
    return qpm::kExitOk;
  }
  if (markdown) {
    std::cout << "| rule | severity | category | what it checks |\n|---|---|---|---|\n";
    for (const qpm::RuleInfo& r : rules) {
      std::string title(r.title);
      for (size_t i = title.find('|'); i != std::string::npos; i = title.find('|', i + 2)) {
        title.insert(i, "\\");
      }
      std::cout << "| `" << r.id << "` | " << qpm::ToString(r.severity) << " | "
                << qpm::ToString(r.category) << " | " << title << " |\n";
    }
    return qpm::kExitOk;
  }
  size_t width = 0;
  for (const qpm::RuleInfo& r : rules) width = std::max(width, r.id.size());
  for (const qpm::RuleInfo& r : rules) {
    std::string id(r.id);
    std::string severity(qpm::ToString(r.severity));
    std::cout << id << std::string(width + 2 - id.size(), ' ') << severity
              << std::string(9 - std::min<size_t>(severity.size(), 8), ' ') << r.title << "\n";
  }
  return qpm::kExitOk;
}

// Reads a deny- or allow-list file: one entry per line, '#' for a comment.
std::optional<std::vector<std::string>> ReadList(const std::string& option, const std::string& path,
                                                 int& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = UsageError(option + " " + path + ": cannot be read (" + std::strerror(errno) + ")");
    return std::nullopt;
  }
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (content.size() > (16u << 20)) {
    error = UsageError(option + " " + path + ": larger than 16 MB; is it the right file?");
    return std::nullopt;
  }
  if (qpm::ValidUtf8(content) != content) {
    error = UsageError(option + " " + path + ": not UTF-8 text; save it as UTF-8 and try again");
    return std::nullopt;
  }
  return qpm::redaction::ParseListFile(content);
}

// Reads --deny-list and --allow-list into `lists`; returns an exit code for bad usage.
std::optional<int> LoadLists(const Common& c,
                             std::optional<qpm::redaction::PersonalDataLists>& lists) {
  if (c.deny_list.empty() && c.allow_list.empty()) return std::nullopt;
  int error = 0;
  std::vector<std::string> deny;
  std::vector<std::string> allow;
  if (!c.deny_list.empty()) {
    auto entries = ReadList("--deny-list", c.deny_list, error);
    if (!entries) return error;
    deny = std::move(*entries);
  }
  if (!c.allow_list.empty()) {
    auto entries = ReadList("--allow-list", c.allow_list, error);
    if (!entries) return error;
    allow = std::move(*entries);
  }
  lists.emplace();
  if (std::string problem = lists->Set(deny, allow); !problem.empty()) {
    return UsageError("--deny-list " + c.deny_list + ": " + problem);
  }
  if (!c.quiet) {
    std::cerr << "qpm-intake: " << deny.size() << " deny-list and " << allow.size()
              << " allow-list entries\n";
  }
  return std::nullopt;
}

struct TriageArgs {
  std::string out_dir;
  std::string received;
  std::string issued;
  std::string profile;
  std::optional<double> wte;
  std::optional<int> band;
  std::optional<int> case_files;
  std::vector<std::string> reports;  // TYPE=N
  bool force = false;                // write the bundle even while personal data remains
  std::string organisation;
  std::string id;           // the submission's reference, "QPM-1234"
  std::string to_assessor;  // the date the assessor receives the bundle
  std::string soffice;      // LibreOffice, when not the one on PATH (tests)
};

int Triage(const Common& common, const TriageArgs& args, const char* program) {
  qpm::TriageRequest request;
  qpm::RunOptions& run = request.run;
  if (std::optional<int> bad = Prepare(common, run)) return *bad;
  if (std::optional<int> bad = LoadLists(common, request.lists)) return *bad;
  for (const auto& [option, date] :
       {std::pair{"--received", &args.received}, std::pair{"--issued", &args.issued}}) {
    if (!date->empty() && !ValidDate(*date)) {
      return UsageError(std::string(option) +
                        ": give a date as YYYY-MM-DD, for example 2026-11-20");
    }
  }
  run.received = args.received;
  run.issued = args.issued;
  run.soffice = args.soffice;
  std::string profile_path = args.profile.empty() ? qpm::DefaultProfilePath(program)
                                                  : qpm::FindProfile(args.profile, program);
  if (profile_path.empty() && args.profile.empty()) {
    return UsageError(
        "the default profile qpm-v4.json was not found beside the program; give one with "
        "--profile FILE");
  }
  if (profile_path.empty()) {
    std::set<std::string> names;
    for (const std::string& dir : qpm::ProfileDirs(program)) {
      std::error_code ec;
      for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".json") names.insert(entry.path().stem().string());
      }
    }
    std::string known;
    for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
    return UsageError("--profile " + args.profile + ": no such file, and no profile of that name" +
                      (known.empty() ? std::string(".") : " (there are: " + known + ")."));
  }
  qpm::Result<qpm::Profile> profile = qpm::LoadProfile(profile_path);
  if (!profile.ok()) {
    std::cerr << "qpm-intake: the profile is not right: " << profile.status().message() << "\n";
    return kExitUsage;
  }
  request.profile = std::move(profile.value());
  const qpm::Profile& p = request.profile;
  // A quality mark without bands (an application) has no counts to set.
  if (p.bands.empty()) {
    for (const auto& [given, option] :
         {std::pair{args.band.has_value(), "--band"}, std::pair{args.wte.has_value(), "--wte"},
          std::pair{args.case_files.has_value(), "--case-files"},
          std::pair{!args.reports.empty(), "--reports"}}) {
      if (given) {
        return UsageError(std::string(option) + ": the profile " + p.name +
                          " has no bands, case files or reports to count");
      }
    }
  }
  if (!args.to_assessor.empty() && !ValidDate(args.to_assessor)) {
    return UsageError("--to-assessor: give a date as YYYY-MM-DD, for example 2026-11-20");
  }
  if (args.band && p.FindBand(*args.band) == nullptr) {
    return UsageError("--band " + std::to_string(*args.band) + ": the profile " + p.name +
                      " has no such band");
  }
  run.band = args.band;
  run.wte = args.wte;
  run.checks.case_files = args.case_files;
  for (const std::string& r : args.reports) {
    size_t eq = r.find('=');
    std::string type = r.substr(0, eq);
    bool known = false;
    std::string types;
    for (const qpm::ReportType& t : p.reports) {
      known = known || t.id == type;
      types += (types.empty() ? "" : ", ") + t.id;
    }
    int n = -1;
    if (eq != std::string::npos && eq + 1 < r.size() && eq + 5 > r.size() &&
        r.find_first_not_of("0123456789", eq + 1) == std::string::npos) {
      n = std::stoi(r.substr(eq + 1));
    }
    if (!known || n < 0) {
      return UsageError("--reports " + r + ": give a report type and a number, such as " +
                        (p.reports.empty() ? std::string("imca") : p.reports.front().id) +
                        "=5; the profile " + p.name + "'s types are: " + types);
    }
    run.checks.reports[type] = n;
  }
  const std::string& out_dir = args.out_dir;
  if (std::string refused = qpm::output::RefusedOutputFolder(out_dir, common.inputs);
      !refused.empty()) {
    return UsageError(refused);
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  // Resolved as RefusedOutputFolder resolved it (links and ".."), so that the folder
  // checked is the folder replaced.
  fs::path out = fs::weakly_canonical(fs::absolute(out_dir, ec), ec);
  if (out.filename().empty()) out = out.parent_path();
  fs::create_directories(out.parent_path(), ec);
  if (ec) return UsageError("cannot create the output folder " + out_dir + ": " + ec.message());
  request.out_dir = out.string();
  request.force = args.force;
  request.organisation = args.organisation;
  request.id = args.id;
  request.to_assessor = args.to_assessor;
  request.quiet = common.quiet;

  qpm::Result<qpm::TriageOutcome> result = qpm::RunTriage(request);
  if (!result.ok()) return Failed(result.status());
  const nlohmann::json& report = result->report;
  if (!common.quiet) {
    const nlohmann::json& b = report["bundle"];
    std::cerr << qpm::report::RenderSummary(report)
              << "\nReport: " << (out / "report.html").string() << "\n";
    if (b.value("written", false)) {
      std::cerr << "Bundle: " << (out / "bundle.pdf").string() << " (" << b.value("pages", 0)
                << " pages)" << (b.value("forced", false) ? ", written with --force" : "") << "\n";
    } else {
      std::cerr << "No bundle: " << b.value("reason", "") << "\n";
    }
  }
  return report["exit_code"].get<int>();
}

struct ScanArgs {
  bool json = false;
  bool reveal = false;
  std::string soffice;  // LibreOffice, when not the one on PATH (tests)
};

int Scan(const Common& common, const ScanArgs& args) {
  qpm::ScanRequest request;
  if (std::optional<int> bad = Prepare(common, request.run)) return *bad;
  request.run.reveal = args.reveal;
  request.run.soffice = args.soffice;
  if (std::optional<int> bad = LoadLists(common, request.lists)) return *bad;
  qpm::Result<qpm::ScanOutcome> result = qpm::RunScan(request);
  if (!result.ok()) return Failed(result.status());
  const nlohmann::json& report = result->report;
  if (args.json) {
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << qpm::report::RenderText(report);
  }
  std::cout.flush();
  if (!common.quiet) {
    if (args.reveal)
      std::cerr << "qpm-intake: --reveal: values are shown in full; do not forward this output.\n";
    std::cerr << qpm::report::RenderSummary(report) << "\n";
  }
  return report["exit_code"].get<int>();
}

struct InboxArgs {
  std::string out_dir;
  std::string profile;
  std::string today;              // the date the register judges on
  bool plan = false;              // print the triages, run none
  std::vector<std::string> only;  // triage only these references
  std::string soffice;            // LibreOffice, when not the one on PATH (tests)
};

// What every triage of the inbox is given of the options inbox was given: the limits
// as numbers, so that each triage works to the same ones.
std::vector<std::string> TriageOptions(const Common& c, const InboxArgs& a) {
  namespace fs = std::filesystem;
  std::vector<std::string> o;
  auto add = [&o](const char* name, const std::string& value) {
    o.push_back(name);
    o.push_back(value);
  };
  add("--max-entries", std::to_string(c.limits.max_entries));
  add("--max-ratio", std::to_string(c.limits.max_ratio));
  add("--max-depth", std::to_string(c.limits.max_depth));
  add("--doc-timeout", std::to_string(c.limits.doc_timeout_seconds));
  add("--max-pages", std::to_string(c.limits.max_pages));
  add("--ocr-timeout", std::to_string(c.limits.ocr_page_timeout_seconds));
  if (!c.max_total_size.empty()) add("--max-total-size", c.max_total_size);
  if (!c.max_memory.empty()) add("--max-memory", c.max_memory);
  if (!c.max_inflate.empty()) add("--max-inflate", c.max_inflate);
  if (c.no_ocr) o.push_back("--no-ocr");
  if (c.no_email_passwords) o.push_back("--no-email-passwords");
  for (const auto& [name, path] :
       {std::pair{"--deny-list", &c.deny_list}, std::pair{"--allow-list", &c.allow_list},
        std::pair{"--ocr-replay", &c.ocr_replay}, std::pair{"--soffice", &a.soffice}}) {
    if (path->empty()) continue;
    // A bare program name is looked up on PATH by triage, as given.
    add(name, path->find('/') == std::string::npos && path == &a.soffice
                  ? *path
                  : fs::absolute(*path).string());
  }
  return o;
}

int Inbox(const Common& common, const InboxArgs& args, const char* program) {
  namespace fs = std::filesystem;
  if (common.inputs.size() != 1) return UsageError("inbox: give one folder, the saved mailbox");
  qpm::RunOptions run;
  if (std::optional<int> bad = Prepare(common, run)) return *bad;
  std::optional<qpm::redaction::PersonalDataLists> lists;  // checked here, used by triage
  if (std::optional<int> bad = LoadLists(common, lists)) return *bad;
  if (!args.today.empty() && !ValidDate(args.today)) {
    return UsageError("--today: give a date as YYYY-MM-DD, for example 2026-11-20");
  }
  qpm::InboxRequest request;
  request.inbox_dir = common.inputs.front();
  if (std::string refused = qpm::RefusedInboxOutput(args.out_dir, request.inbox_dir);
      !refused.empty()) {
    return UsageError(refused);
  }
  std::error_code ec;
  request.out_dir = fs::weakly_canonical(fs::absolute(args.out_dir, ec), ec).string();
  request.program = fs::canonical("/proc/self/exe", ec).string();
  if (ec) request.program = program;
  if (!args.profile.empty()) {
    request.profile = qpm::FindProfile(args.profile, program);
    if (request.profile.empty()) return UsageError("--profile: no profile " + args.profile);
    qpm::Result<qpm::Profile> p = qpm::LoadProfile(request.profile);
    if (!p.ok()) return UsageError("the profile is not right: " + p.status().message());
  }
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  request.jobs = common.jobs == 0 ? cores : common.jobs;
  request.triage_options = TriageOptions(common, args);
  for (const std::string& file : {common.deny_list, common.allow_list}) {
    if (!file.empty()) request.key_files.push_back(file);
  }
  for (const auto& [password, from] : run.passwords) request.passwords.push_back(password);
  request.today = args.today.empty() ? qpm::Today() : args.today;
  request.quiet = common.quiet;
  request.plan_only = args.plan;
  request.only = args.only;
  request.budget.timeout_seconds = common.limits.doc_timeout_seconds;
  request.budget.max_memory_bytes = run.limits.max_memory_bytes;

  qpm::Result<qpm::InboxOutcome> result = qpm::RunInbox(request);
  if (!result.ok()) {
    if (result.status().code() == qpm::StatusCode::kInterrupted) {
      std::cerr << "qpm-intake: interrupted; the submissions triaged before are kept, and the "
                   "register lists where each stands.\n";
      return kExitInterrupted;
    }
    if (result.status().code() == qpm::StatusCode::kUnreadable) {
      std::cerr << "qpm-intake: " << result.status().message() << "\n";
      return qpm::kExitUnreadable;
    }
    return Failed(result.status());
  }
  if (!result->unknown_only.empty()) {
    return UsageError("--only: no submission in " + request.inbox_dir + " has the reference " +
                      result->unknown_only.front() + " (--plan lists them)");
  }
  if (!common.quiet && !args.plan) {
    std::cerr << "Register: " << (fs::path(request.out_dir) / "index.html").string() << " ("
              << result->submissions.size() << " submissions)\n";
  }
  return args.plan ? qpm::kExitOk : result->exit_code;
}

struct RedactArgs {
  std::string out_dir;
  bool also_warnings = false;
  bool no_labels = false;
  bool reveal = false;
  std::string decisions;
  std::string soffice;  // LibreOffice, when not the one on PATH (tests)
};

// Reads --decisions FILE; an exit code for bad usage.
std::optional<int> LoadDecisions(const std::string& path,
                                 std::optional<qpm::redaction::Decisions>& decisions) {
  if (path.empty()) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return UsageError("--decisions " + path + ": cannot be read (" + std::strerror(errno) + ")");
  }
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (content.size() > (16u << 20)) {
    return UsageError("--decisions " + path + ": larger than 16 MB; is it the right file?");
  }
  qpm::Result<qpm::redaction::Decisions> parsed = qpm::redaction::ParseDecisions(content);
  if (!parsed.ok()) return UsageError("--decisions " + path + ": " + parsed.status().message());
  decisions = std::move(parsed.value());
  return std::nullopt;
}

int Redact(const Common& common, const RedactArgs& args) {
  namespace fs = std::filesystem;
  if (common.no_ocr) {
    return UsageError("redact: --no-ocr cannot be used: a safe copy's text layer is made by OCR");
  }
  qpm::RedactRequest request;
  if (std::optional<int> bad = Prepare(common, request.run)) return *bad;
  request.run.reveal = args.reveal;
  request.run.soffice = args.soffice;
  if (std::optional<int> bad = LoadLists(common, request.lists)) return *bad;
  if (std::optional<int> bad = LoadDecisions(args.decisions, request.decisions)) return *bad;
  request.decisions_file = args.decisions;
  if (std::string refused = qpm::RefusedRedactFolder(args.out_dir, common.inputs);
      !refused.empty()) {
    return UsageError(refused);
  }
  // The folder is made beside OUTDIR and takes its place at the end: its parent must
  // exist before hours of OCR, not after.
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(args.out_dir, ec), ec);
  if (out.filename().empty()) out = out.parent_path();
  fs::create_directories(out.parent_path(), ec);
  if (ec)
    return UsageError("cannot create the output folder " + args.out_dir + ": " + ec.message());
  request.out_dir = out.string();
  request.also_warnings = args.also_warnings;
  request.labels = !args.no_labels;
  request.quiet = common.quiet;
  qpm::Result<qpm::RedactOutcome> result = qpm::RunRedact(request);
  if (!result.ok()) return Failed(result.status());
  if (!common.quiet) {
    const nlohmann::json& docs = result->report["documents"];
    size_t copied = 0;
    for (const nlohmann::json& d : docs) copied += d.value("outcome", "") == "copied";
    std::cerr << "qpm-intake: " << copied << " of " << docs.size()
              << " documents copied and proven clean\n"
              << "Copies and what was removed: " << (out / "redactions.html").string() << "\n";
    if (args.reveal) {
      std::cerr << "qpm-intake: --reveal: redactions.html and .json show values in full; do not "
                   "send them to anyone.\n";
    }
  }
  return result->exit_code;
}

// The redact subcommand and its options (docs/redact.md).
CLI::App* AddRedact(CLI::App& app, Common& c, RedactArgs& a) {
  CLI::App* redact = app.add_subcommand(
      "redact",
      "Make a safe copy of each document: OUTDIR/<name>.redacted.pdf, its pages as pictures "
      "with the personal data scan finds boxed out for real, searchable again by OCR, proven "
      "clean by reading it back; OUTDIR/redactions.html shows what was removed");
  AddCommon(redact, c, "PDF, Word and other office files, images, zips, emails and folders");
  redact
      ->add_option("-o,--output", a.out_dir,
                   "the folder to write the copies and redactions.html into; it is replaced as "
                   "a whole when all is written")
      ->required()
      ->type_name("OUTDIR");
  redact->add_flag("--also-warnings", a.also_warnings,
                   "also remove what only warns: a first name or surname alone, an age, a care "
                   "home, a phone number or address nobody labelled");
  redact->add_flag("--no-labels", a.no_labels,
                   "no label on the boxes (by default each says why: \"name\", \"NHS number\")");
  redact
      ->add_option("--decisions", a.decisions,
                   "a decisions file from an earlier look at redactions.html: findings to keep, "
                   "values and areas to remove as well (docs/redact.md)")
      ->type_name("FILE");
  redact->add_flag("--reveal", a.reveal,
                   "show the values removed in full in redactions.html and .json; never send "
                   "them to anyone");
  redact->add_option("--soffice", a.soffice)->type_name("PATH")->group("");  // tests only
  redact->footer(kExitCodesHelp);
  return redact;
}

// The inbox subcommand and its options (docs/inbox.md).
CLI::App* AddInbox(CLI::App& app, Common& c, InboxArgs& a) {
  CLI::App* inbox = app.add_subcommand(
      "inbox",
      "Triage every submission in a saved mailbox (emails, Outlook .msg, zips, folders): "
      "OUTDIR/<reference>/ for each, as triage writes, and OUTDIR/index.html, index.csv and "
      "index.json listing where each stands");
  AddCommon(inbox, c, "DIR: the folder the mailbox's emails and files were saved into");
  inbox->get_option("inputs")->type_name("DIR");
  inbox->get_option("--jobs")->description(
      "submissions triaged at once, each reading one document at a time (default: one per "
      "core)");
  inbox
      ->add_option("-o,--output", a.out_dir,
                   "the folder to write the submissions and the "
                   "register into; kept from run to run")
      ->required()
      ->type_name("OUTDIR");
  inbox
      ->add_option("--profile", a.profile,
                   "the quality mark's profile for every submission (default: each "
                   "submission's own, from what its emails and files name: qpm-v4 unless they "
                   "name another installed profile's form)")
      ->type_name("FILE|NAME");
  inbox
      ->add_option("--today", a.today,
                   "the date the register judges what is overdue on, YYYY-MM-DD (default: today)")
      ->type_name("DATE");
  inbox->add_flag("--plan", a.plan,
                  "print each submission's triage as a line of JSON (reference, profile, files, "
                  "whether it would be triaged, the command) and run none: for running them "
                  "elsewhere (docs/scale.md)");
  inbox
      ->add_option("--only", a.only,
                   "triage only the submission with this reference (may be repeated); the "
                   "others are listed as their last triage left them")
      ->type_name("REF");
  inbox->add_option("--soffice", a.soffice)->type_name("PATH")->group("");  // tests only
  inbox->footer(kExitCodesHelp);
  return inbox;
}

struct ServeArgs {
  qpm::ServeRequest request;
  unsigned jobs = 0;
  uint32_t ocr_timeout = 60;
  std::string soffice;  // LibreOffice, when not the one on PATH (tests)
};

// The serve subcommand and its options (docs/serve.md).
CLI::App* AddServe(CLI::App& app, ServeArgs& a) {
  CLI::App* serve = app.add_subcommand(
      "serve",
      "Open a page in your browser to check files and download safe copies: a server on "
      "this computer only (127.0.0.1), at an address with a secret code in it, printed on "
      "stdout; Ctrl-C stops it and deletes everything it received");
  qpm::ServeRequest& r = a.request;
  serve->add_option("--port", r.port, "the port to listen on (default: a free one)")
      ->type_name("N")
      ->check(CLI::Range(0, 65535));
  serve->add_flag("--open", r.open, "open the address in the browser (xdg-open)");
  serve
      ->add_option("--max-upload-mb", r.max_upload_mb,
                   "most megabytes one check may upload, all files together (default 200)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000));
  serve->add_option("--max-files", r.max_files, "most files one check may upload (default 500)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000));
  serve->add_option("-j,--jobs", a.jobs, "documents read at once (default: one per core)")
      ->type_name("N")
      ->check(CLI::Range(1u, 256u));
  serve
      ->add_option("--ocr-timeout", a.ocr_timeout,
                   "seconds allowed to read one scanned page by OCR (default 60)")
      ->type_name("SECONDS")
      ->check(CLI::Range(1u, 86400u));
  serve
      ->add_option("--idle-minutes", r.idle_minutes,
                   "minutes with no request after which everything received is deleted "
                   "(default 30)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000));
  serve->add_option("--soffice", a.soffice)->type_name("PATH")->group("");  // tests only
  serve->footer(
      "The address holds a random code: only someone who has it can use the page. Every "
      "other\nlimit is scan's default (docs/serve.md).\n\n"
      "Exit codes:\n  2    the port cannot be listened on\n  130  stopped (Ctrl-C or "
      "SIGTERM); everything received was deleted");
  return serve;
}

int Serve(ServeArgs& args) {
  qpm::RunOptions& run = args.request.run;
  run.jobs = args.jobs;
  run.limits.ocr_page_timeout_seconds = args.ocr_timeout;
  run.ocr.page_timeout_seconds = args.ocr_timeout;
  run.soffice = args.soffice;
  run.progress = false;
  return qpm::RunServe(args.request);
}

int Main(int argc, char** argv) {
  qpm::InstallInterruptHandlers();
  CLI::App app{
      "qpm-intake: checks a submission to a quality mark (the Advocacy QPM, unless a profile "
      "says another) on your own computer.\n"
      "Nothing is sent anywhere. Personal data is shown masked unless scan --reveal is given."};
  app.set_version_flag("--version", std::string("qpm-intake ") + QPM_VERSION);
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);

  Common triage_opts;
  TriageArgs targs;
  std::string& out_dir = targs.out_dir;
  std::string& received = targs.received;
  CLI::App* triage = app.add_subcommand(
      "triage",
      "Read a whole submission (files, folders, zips, emails) and write OUT/: report.html, "
      "report.json, bundle.pdf for the assessor, manifest.json and originals/");
  AddCommon(triage, triage_opts,
            "the submission: files, folders, zips and emails (all one submission)");
  triage
      ->add_option("-o,--output", out_dir,
                   "the folder to write into; it is replaced as a whole when all is written")
      ->required()
      ->type_name("OUT");
  triage
      ->add_option("--received", received,
                   "the date the submission was received, YYYY-MM-DD (default: the email's date)")
      ->type_name("DATE");
  triage
      ->add_option("--issued", targs.issued,
                   "the date the workbook was issued, YYYY-MM-DD (default: the date printed in "
                   "the workbook)")
      ->type_name("DATE");
  triage
      ->add_option("--profile", targs.profile,
                   "the quality mark's profile, a file or the name of one installed with the "
                   "program: qpm-v4 (the default) or quality-mark-gateway")
      ->type_name("FILE|NAME");
  CLI::Option* wte_opt =
      triage
          ->add_option("--wte", targs.wte,
                       "whole-time-equivalent advocates, which decide the band (default: the "
                       "figure in the workbook)")
          ->type_name("N")
          ->check(CLI::Range(0.0, 100000.0));
  triage
      ->add_option("--band", targs.band,
                   "the band to judge the submission in, instead of working it out from the WTE")
      ->type_name("N")
      ->check(CLI::Range(1, 99))
      ->excludes(wte_opt);
  triage
      ->add_option("--case-files", targs.case_files,
                   "how many case files to expect, as agreed for a bespoke band (default: the "
                   "band's number)")
      ->type_name("N")
      ->check(CLI::Range(0, 1000));
  triage
      ->add_option("--reports", targs.reports,
                   "how many reports of a type to expect, as agreed for a bespoke band, e.g. "
                   "--reports imca=6 --reports care-act=4 (default: the band's numbers)")
      ->type_name("TYPE=N");
  triage->add_flag("--force", targs.force,
                   "write bundle.pdf even while personal data or a failed redaction remains; its "
                   "cover then carries a warning (the exit code still says action is needed)");
  triage
      ->add_option("--organisation", targs.organisation,
                   "the organisation's name, for the bundle's cover (default: as the workbook "
                   "states it on its first pages)")
      ->type_name("NAME");
  triage
      ->add_option("--id", targs.id,
                   "the submission's reference, on the cover and every page of the bundle, "
                   "after the profile's reference prefix, QPM- for qpm-v4 (default: 8 "
                   "characters worked out from the files received)")
      ->type_name("REF");
  triage
      ->add_option("--to-assessor", targs.to_assessor,
                   "the date the assessor receives the bundle, YYYY-MM-DD; the assessment is "
                   "due the profile's time later, four weeks for QPM (default: the date "
                   "received)")
      ->type_name("DATE");
  // Tests only: the LibreOffice program to convert office files with.
  triage->add_option("--soffice", targs.soffice)->type_name("PATH")->group("");
  triage->footer(kExitCodesHelp);

  bool rules_json = false;
  bool rules_markdown = false;
  CLI::App* rules = app.add_subcommand(
      "rules", "List every rule the checks can report: id, severity and what it checks");
  rules->add_flag("--json", rules_json, "as JSON");
  rules->add_flag("--markdown", rules_markdown, "as a Markdown table (docs/rules.md)")
      ->excludes("--json");

  Common scan_opts;
  ScanArgs sargs;
  CLI::App* scan =
      app.add_subcommand("scan",
                         "Check files for personal data and for anything that could not be read; "
                         "print what was found");
  AddCommon(scan, scan_opts,
            "PDF, Word and other office files, text, images, zips, emails and folders");
  scan->add_flag("--json", sargs.json, "print the report as JSON (docs/report-format.md)");
  scan->add_flag("--reveal", sargs.reveal,
                 "show the personal data found in full, for an organisation checking its own "
                 "files; never forward such output");
  scan->add_option("--soffice", sargs.soffice)->type_name("PATH")->group("");  // tests only
  scan->footer(kExitCodesHelp);

  Common inbox_opts;
  InboxArgs iargs;
  CLI::App* inbox = AddInbox(app, inbox_opts, iargs);
  Common redact_opts;
  RedactArgs rargs;
  CLI::App* redact = AddRedact(app, redact_opts, rargs);
  ServeArgs serve_args;
  CLI::App* serve = AddServe(app, serve_args);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return UsageError(e.what());
  }
  if (triage->parsed()) return Triage(triage_opts, targs, argv[0]);
  if (rules->parsed()) return ListRules(rules_json, rules_markdown);
  if (inbox->parsed()) return Inbox(inbox_opts, iargs, argv[0]);
  if (redact->parsed()) return Redact(redact_opts, rargs);
  if (serve->parsed()) return Serve(serve_args);
  return Scan(scan_opts, sargs);
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything else: may re-execute this program with one OpenMP thread.
  qpm::ocr::LimitThreadsOrReexec(argc, argv);
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "qpm-intake: internal error: " << e.what() << "\nPlease report this.\n";
    return kExitInternal;
  }
}
