// pipeline/app/main.cc — the qpm-intake command line.
//
//   qpm-intake triage INPUT... -o OUT   read a submission, write OUT/report.json and report.html
//   qpm-intake scan PATH... [--json]    report personal data and unreadable files on stdout
//
// Human messages and progress go to stderr; data goes to stdout or files.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <set>
#include <thread>

#include "extractors/read/ocr.h"
#include "pipeline/app/runner.h"
#include "pipeline/core/dates.h"
#include "pipeline/core/profile.h"
#include "pipeline/core/utf8.h"
#include "pipeline/output/bundle.h"
#include "pipeline/output/output.h"
#include "pipeline/output/report.h"
#include "pipeline/output/report_html.h"
#include "pipeline/platform/atomic_file.h"
#include "pipeline/platform/interrupt.h"
#include "pipeline/platform/sha256.h"
#include "redaction/lists.h"
#include "redaction/personal_data.h"

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

int Report(const qpm::Result<qpm::Submission>& result) {
  if (result.ok()) return -1;
  if (result.status().code() == qpm::StatusCode::kInterrupted) {
    std::cerr << "qpm-intake: interrupted; nothing was written and the work files were removed.\n";
    return kExitInterrupted;
  }
  std::cerr << "qpm-intake: " << result.status().message() << "\n";
  // The OCR stage's language data is missing (ocr_stage.h).
  if (result.status().code() == qpm::StatusCode::kUnsupported) return qpm::kExitDependency;
  return kExitUsage;
}

// The report files triage writes, and a phrase each always holds: an existing
// file without it was not written by us, and is never replaced.
constexpr std::pair<const char*, const char*> kOutputs[] = {
    {"report.json", "\"schema\": \"qpm-intake-report\""},
    {"report.html", "<title>QPM intake report</title>"},
    {"manifest.json", "\"schema\": \"qpm-bundle\""}};

// Refuses an output folder that could overwrite an original or be read as part of
// the submission. Paths are compared as the system resolves them (links and "..").
std::optional<int> CheckOutputFolder(const std::string& out_dir,
                                     const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(out_dir, ec), ec);
  if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
    return UsageError("the output " + out_dir + " exists and is not a folder");
  }
  for (const std::string& input : inputs) {
    fs::path in = fs::weakly_canonical(fs::absolute(input, ec), ec);
    if (fs::is_directory(in, ec)) {
      fs::path rel = out.lexically_relative(in);
      bool inside = !rel.empty() && *rel.begin() != "..";
      if (inside) {
        return UsageError("the output folder " + out_dir + " is inside the input folder " + input +
                          "; choose an output folder elsewhere, so the report is not read as "
                          "part of the submission");
      }
    }
    for (const auto& [name, marker] : kOutputs) {
      std::error_code eq;
      if (fs::equivalent(out / name, in, eq) || (out / name) == in) {
        return UsageError("the output " + (out / name).string() + " would overwrite the input " +
                          input + "; choose another output folder");
      }
    }
  }
  // The whole folder is replaced by the new results, so it may hold nothing else.
  if (fs::is_directory(out, ec)) {
    std::set<std::string> ours(std::begin(qpm::output::kOutputNames),
                               std::end(qpm::output::kOutputNames));
    std::vector<std::string> others;
    for (const auto& entry : fs::directory_iterator(out, ec)) {
      std::string name = entry.path().filename().string();
      if (ours.count(name) == 0) others.push_back(name);
    }
    std::sort(others.begin(), others.end());
    bool have_report = fs::exists(out / "report.json", ec);
    if (!others.empty() || (!have_report && !fs::is_empty(out, ec))) {
      return UsageError("the output folder " + out_dir + " holds " +
                        (others.empty() ? std::string("files") : "'" + others.front() + "'") +
                        ", which qpm-intake did not write; triage replaces the whole folder, so "
                        "give an empty or new folder, or one an earlier triage wrote");
    }
  }
  for (const auto& [name, marker] : kOutputs) {
    fs::path existing = out / name;
    if (!fs::exists(existing, ec)) continue;
    // The whole file: report.json's keys are sorted, so its marker comes after the
    // findings, however many there are.
    std::ifstream in(existing, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find(marker) == std::string::npos) {
      return UsageError(existing.string() +
                        " exists and was not written by qpm-intake; it is not replaced. Choose "
                        "an empty output folder");
    }
  }
  return std::nullopt;
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

// Reads --deny-list and --allow-list into `lists`, which must outlive the run, and
// points `run` at them; returns an exit code for bad usage.
std::optional<int> LoadLists(const Common& c, qpm::redaction::PersonalDataLists& lists,
                             qpm::RunOptions& run) {
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
  if (std::string problem = lists.Set(deny, allow); !problem.empty()) {
    return UsageError("--deny-list " + c.deny_list + ": " + problem);
  }
  if (!c.quiet) {
    std::cerr << "qpm-intake: " << deny.size() << " deny-list and " << allow.size()
              << " allow-list entries\n";
  }
  run.lists = &lists;
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

// Four weeks after `ymd` (YYYY-MM-DD).
std::string FourWeeksAfter(const std::string& ymd) {
  std::optional<qpm::Date> d = qpm::ParseIsoDate(ymd);
  return d ? qpm::ToIso(qpm::AddDays(*d, 28)) : "";
}

// "QPM-" and the first eight hex digits of a hash over what was received, when the
// support team gives no reference: the same files give the same id.
std::string DefaultId(const qpm::Submission& s) {
  std::vector<std::string> hashes;
  for (const qpm::Document& d : s.documents) {
    if (d.parent.empty()) hashes.push_back(d.sha256);
  }
  std::sort(hashes.begin(), hashes.end());
  std::string all;
  for (const std::string& h : hashes) all += h;
  std::string hex = qpm::Sha256Hex(all).substr(0, 8);
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "QPM-" + hex;
}

// The organisation's name as the workbook's first pages state it ("Organisation:
// Example Advocacy", "Name of organisation: ..."); "" when they do not.
std::string OrganisationFromWorkbook(const qpm::Submission& s) {
  for (const qpm::Document& d : s.documents) {
    if (d.id != s.workbook.document) continue;
    for (const qpm::Page& p : d.pages) {
      if (p.number > 2) break;
      size_t start = 0;
      while (start < p.text.size()) {
        size_t end = p.text.find('\n', start);
        if (end == std::string::npos) end = p.text.size();
        std::string line = p.text.substr(start, end - start);
        start = end + 1;
        std::string lower = line;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const char* label : {"name of organisation:", "organisation name:", "organisation:",
                                  "name of organization:", "organization name:", "organization:"}) {
          if (lower.rfind(label, 0) != 0) continue;
          std::string value = line.substr(std::strlen(label));
          value.erase(0, value.find_first_not_of(" \t"));
          while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
            value.pop_back();
          }
          if (!value.empty() && value.size() <= 120) return value;
        }
      }
    }
  }
  return "";
}

// One line: control characters become spaces (a value from the command line goes
// into the bundle's cover and the bag's tag file).
std::string OneLine(std::string s) {
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return s;
}

// The bundle, manifest.json, originals/ and both reports, written into a new
// folder that then takes OUT's place. Runs while the work directory still exists.
qpm::Status WriteOutputs(const qpm::Submission& s, const std::vector<std::string>& passwords,
                         const qpm::Profile& profile, const TriageArgs& args,
                         const std::vector<std::string>& inputs, unsigned jobs,
                         const std::string& out, nlohmann::json& report) {
  qpm::Result<qpm::output::Staging> staging = qpm::output::Staging::Create(out);
  if (!staging.ok()) return staging.status();
  const std::string dir = staging->path();
  report = qpm::report::BuildReport(s, "triage", false, qpm::AllRules());
  // "--id 1234" and "--id QPM-1234" both give "QPM-1234".
  std::string id = args.id.empty() ? DefaultId(s) : OneLine(args.id);
  if (id.size() < 4 || (id.compare(0, 4, "QPM-") != 0 && id.compare(0, 4, "qpm-") != 0)) {
    id = "QPM-" + id;
  }
  // What the workbook states is masked as any text is: "Example Advocacy, contact
  // Jane on 07700 ..." must not put a number on the cover.
  std::string organisation =
      OneLine(args.organisation.empty()
                  ? qpm::ValidUtf8(qpm::redaction::MaskPersonalData(OrganisationFromWorkbook(s)))
                  : args.organisation);

  qpm::bundle::Outcome outcome;
  std::optional<qpm::bundle::Bundle> bundle;
  int withholding = qpm::bundle::WithholdingFindings(s);
  auto problems = [](int n) { return std::to_string(n) + (n == 1 ? " problem" : " problems"); };
  if (withholding > 0 && !args.force) {
    outcome.reason = "The bundle is withheld: " + problems(withholding) +
                     " with personal data or redaction remain (see What to fix). Ask the "
                     "organisation to fix them and send the files again, then run triage again. "
                     "To make the bundle anyway, run again with --force: it will carry a warning.";
  } else {
    qpm::bundle::Options o;
    o.id = id;
    o.organisation = organisation;
    o.received = s.received;
    std::string basis_date = args.to_assessor.empty() ? s.received : args.to_assessor;
    o.due = FourWeeksAfter(basis_date);
    o.due_basis = args.to_assessor.empty()
                      ? "four weeks after " + basis_date + ", the date received"
                      : "four weeks after " + basis_date + ", when the assessor received it";
    if (s.band) o.band = "Band " + std::to_string(*s.band) + " (" + s.band_reason + ")";
    const nlohmann::json& sum = report["summary"];
    int blockers = sum.value("blockers", 0), warnings = sum.value("warnings", 0);
    o.status = blockers > 0 ? "Needs action: " + problems(blockers) + " to fix and " +
                                  std::to_string(warnings) + " warning(s)."
               : warnings > 0 ? "Check the " + std::to_string(warnings) +
                                    " warning(s); nothing else needs action."
                              : "Ready: the checks found nothing that needs action.";
    o.summary.push_back(
        "report.html beside this bundle lists each finding, with a link to its "
        "page here.");
    if (s.required.case_files) {
      o.summary.push_back(std::to_string(s.case_files.size()) +
                          " case file(s) found; the band asks for " +
                          std::to_string(*s.required.case_files) + ".");
    }
    for (const auto& [type, n] : s.required.reports) {
      int found = 0;
      for (const qpm::Document& d : s.documents)
        found += d.role == "report" && d.role_detail == type && d.duplicate_of.empty();
      std::string name = type;
      for (const qpm::ReportType& t : profile.reports) {
        if (t.id == type) name = t.name;
      }
      o.summary.push_back(std::to_string(found) + " " + name + "(s) found; the band asks for " +
                          std::to_string(n) + ".");
    }
    if (withholding > 0) {
      o.forced_warning = "This bundle was made with --force while " + problems(withholding) +
                         " with personal data or redaction remained. It may show personal data "
                         "about the people the case files are about. Do not send it on until "
                         "they are fixed; report.html lists each one.";
    }
    o.version = QPM_VERSION;
    o.passwords = passwords;
    o.jobs = jobs;
    std::string path = dir + "/bundle.pdf";
    qpm::Result<qpm::bundle::Bundle> written =
        qpm::bundle::WriteBundlePdf(s, profile, qpm::bundle::PlanEntries(s, profile), o, path);
    if (qpm::Interrupted()) return qpm::Status(qpm::StatusCode::kInterrupted, "interrupted");
    if (written.ok()) {
      qpm::Result<qpm::FileDigest> digest = qpm::DigestFile(path);
      if (!digest.ok()) return digest.status();
      bundle = std::move(written.value());
      outcome.written = true;
      outcome.forced = withholding > 0;
      outcome.sha256 = digest->sha256;
      outcome.bundle = &*bundle;
    } else {
      outcome.reason = "The bundle could not be made: " + written.status().message();
      // The assessor has nothing to read: that needs action, whatever else was found.
      if (report["exit_code"].get<int>() == qpm::kExitOk) {
        report["exit_code"] = qpm::kExitFindings;
        report["status"] = std::string(qpm::StatusWord(qpm::kExitFindings));
      }
    }
  }
  qpm::bundle::AddToReport(report, s, outcome);
  nlohmann::json manifest = qpm::bundle::BuildManifest(s, outcome, id, s.received);
  std::string json_text = report.dump(2) + "\n";
  std::string html = qpm::report::RenderHtml(report);
  std::string manifest_text = manifest.dump(2) + "\n";
  for (const auto& [name, contents] :
       {std::pair<std::string, const std::string*>{"report.json", &json_text},
        {"report.html", &html},
        {"manifest.json", &manifest_text}}) {
    qpm::Status w = qpm::WriteFileAtomically(dir + "/" + name, *contents);
    if (!w.ok()) return w;
  }
  qpm::Status bag =
      qpm::output::WriteBag(inputs, dir + "/originals", {organisation, id, s.received});
  if (!bag.ok()) return bag;
  if (qpm::Interrupted()) return qpm::Status(qpm::StatusCode::kInterrupted, "interrupted");
  return staging->Commit();
}

// Today's date where the program runs, YYYY-MM-DD: what lateness is judged on when a
// submission has no date received.
std::string Today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

int Triage(const Common& common, const TriageArgs& args, const char* program) {
  qpm::RunOptions run;
  if (std::optional<int> bad = Prepare(common, run)) return *bad;
  qpm::redaction::PersonalDataLists lists;
  if (std::optional<int> bad = LoadLists(common, lists, run)) return *bad;
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
  run.bundle = true;
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
  run.profile = &profile.value();
  // A quality mark without bands (an application) has no counts to set.
  if (profile->bands.empty()) {
    for (const auto& [given, option] :
         {std::pair{args.band.has_value(), "--band"}, std::pair{args.wte.has_value(), "--wte"},
          std::pair{args.case_files.has_value(), "--case-files"},
          std::pair{!args.reports.empty(), "--reports"}}) {
      if (given) {
        return UsageError(std::string(option) + ": the profile " + profile->name +
                          " has no bands, case files or reports to count");
      }
    }
  }
  if (!args.to_assessor.empty() && !ValidDate(args.to_assessor)) {
    return UsageError("--to-assessor: give a date as YYYY-MM-DD, for example 2026-11-20");
  }
  if (args.band && profile->FindBand(*args.band) == nullptr) {
    return UsageError("--band " + std::to_string(*args.band) + ": the profile " + profile->name +
                      " has no such band");
  }
  run.band = args.band;
  run.wte = args.wte;
  run.checks.case_files = args.case_files;
  run.checks.today = Today();
  for (const std::string& r : args.reports) {
    size_t eq = r.find('=');
    std::string type = r.substr(0, eq);
    bool known = false;
    std::string types;
    for (const qpm::ReportType& t : profile->reports) {
      known = known || t.id == type;
      types += (types.empty() ? "" : ", ") + t.id;
    }
    int n = -1;
    if (eq != std::string::npos && eq + 1 < r.size() && eq + 5 > r.size() &&
        r.find_first_not_of("0123456789", eq + 1) == std::string::npos) {
      n = std::stoi(r.substr(eq + 1));
    }
    if (!known || n < 0) {
      return UsageError(
          "--reports " + r + ": give a report type and a number, such as " +
          (profile->reports.empty() ? std::string("imca") : profile->reports.front().id) +
          "=5; the profile " + profile->name + "'s types are: " + types);
    }
    run.checks.reports[type] = n;
  }
  const std::string& out_dir = args.out_dir;
  if (std::optional<int> bad = CheckOutputFolder(out_dir, common.inputs)) return *bad;
  namespace fs = std::filesystem;
  std::error_code ec;
  // Resolved as CheckOutputFolder resolved it (links and ".."), so that the folder
  // checked is the folder replaced.
  fs::path out = fs::weakly_canonical(fs::absolute(out_dir, ec), ec);
  if (out.filename().empty()) out = out.parent_path();
  fs::create_directories(out.parent_path(), ec);
  if (ec) return UsageError("cannot create the output folder " + out_dir + ": " + ec.message());

  nlohmann::json report;
  bool wrote = false;
  run.finish = [&](const qpm::Submission& s, const std::vector<std::string>& passwords,
                   const std::string& /*work_dir*/) {
    if (qpm::Interrupted()) return qpm::Status(qpm::StatusCode::kInterrupted, "interrupted");
    if (!common.quiet) std::cerr << "qpm-intake: writing the bundle and the reports\n";
    qpm::Status st =
        WriteOutputs(s, passwords, profile.value(), args, common.inputs,
                     run.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : run.jobs,
                     out.string(), report);
    wrote = st.ok();
    if (!st.ok() && st.code() == qpm::StatusCode::kIo) {
      return qpm::Status(qpm::StatusCode::kIo, "cannot write the results: " + st.message());
    }
    return st;
  };
  qpm::Result<qpm::Submission> result = qpm::RunPipeline(run);
  if (!result.ok() && result.status().code() == qpm::StatusCode::kIo) {
    std::cerr << "qpm-intake: " << result.status().message() << "\n";
    return kExitUsage;
  }
  if (int code = Report(result); code >= 0) return code;
  if (qpm::Interrupted() || !wrote) return Report(qpm::Status(qpm::StatusCode::kInterrupted, ""));
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
  bool json = args.json;
  bool reveal = args.reveal;
  qpm::RunOptions run;
  if (std::optional<int> bad = Prepare(common, run)) return *bad;
  run.reveal = reveal;
  run.soffice = args.soffice;
  qpm::redaction::PersonalDataLists lists;
  if (std::optional<int> bad = LoadLists(common, lists, run)) return *bad;
  qpm::Result<qpm::Submission> result = qpm::RunPipeline(run);
  if (int code = Report(result); code >= 0) return code;
  nlohmann::json report = qpm::report::BuildReport(result.value(), "scan", reveal, qpm::AllRules());
  if (json) {
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << qpm::report::RenderText(report);
  }
  std::cout.flush();
  if (!common.quiet) {
    if (reveal)
      std::cerr << "qpm-intake: --reveal: values are shown in full; do not forward this output.\n";
    std::cerr << qpm::report::RenderSummary(report) << "\n";
  }
  return report["exit_code"].get<int>();
}

int Main(int argc, char** argv) {
  qpm::InstallInterruptHandlers();
  CLI::App app{
      "qpm-intake: checks an Advocacy QPM desktop submission on your own computer.\n"
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
                   "after 'QPM-' (default: 8 characters worked out from the files received)")
      ->type_name("REF");
  triage
      ->add_option("--to-assessor", targs.to_assessor,
                   "the date the assessor receives the bundle, YYYY-MM-DD; the desktop "
                   "assessment is due four weeks later (default: the date received)")
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
