// End-to-end: the real qpm-intake binary over samples/ (each with an expected-results
// file written by the generator from what it planted) and over ../shared/corpus.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "pipeline/platform/sha256.h"
#include "tests/test_util.h"

namespace qpm::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

int SeverityRank(const std::string& s) { return s == "blocker" ? 2 : s == "warning" ? 1 : 0; }

// Everything a run left where a person could read it: stdout, stderr, output files.
// What a run printed and wrote, but for originals/: that holds the files as they
// were received (docs/bundle.md), so it holds whatever they hold.
std::string EverythingShown(const RunResult& r, const std::string& out_dir) {
  std::string all = r.out + r.err;
  if (!out_dir.empty()) {
    for (const std::string& f : ListFiles(out_dir)) {
      if (f.rfind("originals/", 0) != 0) all += ReadFile(out_dir + "/" + f);
    }
  }
  return all;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  FILE* f = fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  fwrite(bytes.data(), 1, bytes.size(), f);
  fclose(f);
}

// ----- samples ---------------------------------------------------------------

std::vector<std::string> ExpectedFiles() {
  std::vector<std::string> out;
  for (const std::string& f : ListFiles(SamplesDir())) {
    if (f.size() > 14 && f.substr(f.size() - 14) == ".expected.json") out.push_back(f);
  }
  return out;
}

class Sample : public ::testing::TestWithParam<std::string> {};

// What the sample generator knows it drew (band, workbook answers, case-file
// components and their pages) against what triage read.
void ExpectWhatTheGeneratorDrew(const json& expected, const json& report) {
  if (expected.contains("band")) {
    EXPECT_EQ(report["band"], expected["band"]);
  }
  if (expected.contains("wte")) {
    EXPECT_EQ(report["workbook"]["wte"], expected["wte"]);
  }
  if (expected.contains("issued")) {
    EXPECT_EQ(report["workbook"]["issued"], expected["issued"]);
  }
  if (expected.contains("workbook_answers")) {
    std::map<std::string, json> got;
    for (const json& a : report["workbook"]["answers"]) got[a["indicator"]] = a;
    EXPECT_EQ(got.size(), expected["workbook_answers"].size());
    for (const json& want : expected["workbook_answers"]) {
      SCOPED_TRACE("indicator " + want["indicator"].get<std::string>());
      auto it = got.find(want["indicator"]);
      ASSERT_NE(it, got.end());
      for (const char* key : {"kind", "state", "words"}) EXPECT_EQ(it->second[key], want[key]);
    }
  }
  if (expected.contains("case_files")) {
    ASSERT_EQ(report["case_files"].size(), expected["case_files"].size())
        << report["case_files"].dump(1);
    for (size_t i = 0; i < expected["case_files"].size(); ++i) {
      const json& want = expected["case_files"][i];
      const json& got = report["case_files"][i];
      SCOPED_TRACE("case file " + want["id"].get<std::string>());
      EXPECT_EQ(got["id"], want["id"]);
      for (const auto& [name, range] : want["components"].items()) {
        SCOPED_TRACE("component " + name);
        ASSERT_TRUE(got["components"].contains(name));
        const json& c = got["components"][name];
        ASSERT_TRUE(c["present"].get<bool>());
        ASSERT_EQ(c["pages"].size(), 1u) << c.dump();
        EXPECT_EQ(c["pages"][0]["first"], range[0]);
        EXPECT_EQ(c["pages"][0]["last"], range[1]);
        if (want.contains("headings")) {
          EXPECT_EQ(c["heading"], want["headings"][name]);
        }
        // A case sent as a folder: the component is in the file the generator put it in.
        std::string file = c["pages"][0]["file"];
        if (want.contains("files")) {
          // Each file of the folder is named after the heading it holds.
          std::string heading = want["headings"][name];
          bool found = false;
          for (const json& in : want["files"]) {
            std::string f = in;
            if (f.find(heading) == std::string::npos) continue;
            found = true;
            EXPECT_EQ(file.substr(file.size() - std::min(file.size(), f.size())), f);
          }
          EXPECT_TRUE(found) << heading;
        } else if (want.contains("file")) {
          std::string in = want["file"];
          EXPECT_EQ(file.substr(file.size() - std::min(file.size(), in.size())), in);
        }
      }
    }
  }
}

TEST_P(Sample, GivesWhatWasPlanted) {
  json expected = json::parse(ReadFile(SamplesDir() + "/" + GetParam()));
  std::string sample = SamplesDir() + "/" + expected.at("sample").get<std::string>();
  ASSERT_TRUE(fs::exists(sample)) << sample;
  std::vector<std::string> secrets = expected.value("secrets", std::vector<std::string>{});
  std::vector<std::string> planted = expected.value("planted_values", std::vector<std::string>{});
  int n = 0;
  for (const json& run : expected.at("runs")) {
    SCOPED_TRACE("run " + std::to_string(++n) + " of " + GetParam());
    std::string command = run.at("command");
    std::vector<std::string> args = {command, sample};
    TempDir out;
    if (command == "triage") {
      args.insert(args.end(), {"-o", out.path()});
    } else {
      args.push_back("--json");
    }
    for (const json& a : run.value("args", json::array())) args.push_back(a.get<std::string>());
    // A relative path among the arguments (a folder of recorded OCR output) names a
    // place under samples/.
    RunSpec spec;
    spec.args = args;
    spec.cwd = SamplesDir();
    RunResult r = RunTool(spec);
    ASSERT_FALSE(r.timed_out);
    json report = json::parse(command == "triage" ? ReadFile(out.path() + "/report.json") : r.out,
                              nullptr, false);
    ASSERT_FALSE(report.is_discarded()) << r.err;
    if (!run["exit_code"].is_null()) {
      EXPECT_EQ(r.exit_code, run["exit_code"].get<int>()) << r.out << r.err;
    }
    EXPECT_EQ(report["exit_code"].get<int>(), r.exit_code);
    // With "only_findings", the findings above info are exactly those listed, each as
    // many times as its count says: a planted gap gives its finding and nothing else.
    const bool only = run.value("only_findings", false);
    std::vector<bool> listed(report["findings"].size(), false);
    for (const json& want : run.value("findings", json::array())) {
      int count = 0;
      for (size_t i = 0; i < report["findings"].size(); ++i) {
        const json& f = report["findings"][i];
        if (f["rule"] != want["rule"]) continue;
        if (want.contains("file") && f["file"] != want["file"]) continue;
        if (want.contains("page") && f["page"] != want["page"]) continue;
        if (want.contains("field") && f["field"] != want["field"]) continue;
        if (want.contains("message_contains") &&
            f["message"].get<std::string>().find(want["message_contains"].get<std::string>()) ==
                std::string::npos) {
          continue;
        }
        listed[i] = true;
        ++count;
      }
      if (only) {
        EXPECT_EQ(count, want.value("count", 1))
            << "expected finding " << want.dump() << "\nreport:\n"
            << report["findings"].dump(1);
      } else {
        EXPECT_GE(count, want.value("count", 1))
            << "expected finding " << want.dump() << "\nreport:\n"
            << report["findings"].dump(1);
      }
    }
    if (only) {
      for (size_t i = 0; i < report["findings"].size(); ++i) {
        const json& f = report["findings"][i];
        EXPECT_TRUE(listed[i] || f["severity"] == "info") << "a finding not planted: " << f.dump();
      }
    }
    for (const json& rule : run.value("absent_rules", json::array())) {
      for (const json& f : report["findings"]) EXPECT_NE(f["rule"], rule) << f.dump();
    }
    if (run.contains("max_severity") && !run["max_severity"].is_null()) {
      for (const json& f : report["findings"]) {
        EXPECT_LE(SeverityRank(f["severity"]), SeverityRank(run["max_severity"])) << f.dump();
      }
    }
    for (const json& want : run.value("documents", json::array())) {
      const json* found = nullptr;
      for (const json& d : report["documents"]) {
        if (d["path"] == want["path"]) found = &d;
      }
      ASSERT_NE(found, nullptr) << "missing document " << want["path"] << " in\n"
                                << report["documents"].dump(1);
      for (const char* key : {"media_type", "pages", "status", "role", "role_detail"}) {
        if (want.contains(key)) {
          EXPECT_EQ((*found)[key], want[key]) << want["path"] << " " << key;
        }
      }
    }
    if (command == "triage") ExpectWhatTheGeneratorDrew(expected, report);
    // Passwords never appear anywhere; planted personal data never unmasked.
    std::string shown = EverythingShown(r, command == "triage" ? out.path() : "");
    for (const std::string& s : secrets)
      EXPECT_EQ(shown.find(s), std::string::npos) << "password shown";
    for (const std::string& v : planted)
      EXPECT_EQ(shown.find(v), std::string::npos) << "value shown: " << v;
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, Sample, ::testing::ValuesIn(ExpectedFiles()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// ----- privacy and safety ----------------------------------------------------

TEST(Privacy, PlantedValuesAppearOnlyWithReveal) {
  json expected = json::parse(ReadFile(SamplesDir() + "/broken/planted-pii.zip.expected.json"));
  std::vector<std::string> planted = expected.at("planted_values");
  ASSERT_FALSE(planted.empty());
  std::string sample = SamplesDir() + "/broken/planted-pii.zip";

  TempDir out;
  RunResult triage = RunTool({"triage", sample, "-o", out.path()});
  RunResult text = RunTool({"scan", sample});
  RunResult js = RunTool({"scan", "--json", sample});
  std::string shown =
      EverythingShown(triage, out.path()) + EverythingShown(text, "") + EverythingShown(js, "");
  EXPECT_EQ(triage.exit_code, 1);
  // The findings are there, masked: the check below is not vacuous.
  ASSERT_NE(ReadFile(out.path() + "/report.json").find("\"pii.nhs-number\""), std::string::npos);
  ASSERT_NE(ReadFile(out.path() + "/report.html").find("*** *** *"), std::string::npos);
  for (const std::string& v : planted) EXPECT_EQ(shown.find(v), std::string::npos) << v;

  // The same check finds them when they are meant to be shown: it can fail.
  RunResult revealed = RunTool({"scan", "--json", "--reveal", sample});
  for (const std::string& v : planted) EXPECT_NE(revealed.out.find(v), std::string::npos) << v;
}

// Every kind the anonymisation scan finds, planted in a case note and in its file's
// name: none appears unmasked in any output or on the terminal without --reveal,
// in scan, scan --json or triage. All values are invented (drama-range phones,
// example.org, NHS and NI numbers made up with valid check digits and prefixes).
TEST(Privacy, EveryKindOfPlantedValueIsMaskedWithoutReveal) {
  const std::vector<std::string> planted = {
      "Margaret Okafor", "943 476 5919",  "JX 45 21 93 B",   "m.okafor@example.org",
      "07700 900123",    "LS6 2QT",       "14 Hollins Lane", "02/11/1944",
      "K0845521",        "20-45-77",      "31926819",        "Rosewood Care Home",
      "Priya Okafor",    "0161 496 0123", "MORGA657054SM9IJ"};
  TempDir in;
  std::string note =
      "Case note\nClient: Margaret Okafor\nNHS No: 943 476 5919  NI: JX 45 21 93 B\n"
      "Email m.okafor@example.org, mobile 07700 900123.\n"
      "Address: 14 Hollins Lane, Leeds LS6 2QT\nDOB: 02/11/1944\n"
      "Hospital No: K0845521\nSort code 20-45-77, account number 31926819.\n"
      "She lives at Rosewood Care Home. Her daughter Priya Okafor rang from 0161 496 0123.\n"
      "Driving licence MORGA657054SM9IJ seen.\n";
  {
    std::ofstream f(in.path() + "/CF01 Margaret Okafor.txt");
    f << note;
  }
  TempDir out;
  RunResult triage = RunTool({"triage", in.path(), "-o", out.path()});
  RunResult text = RunTool({"scan", in.path()});
  RunResult js = RunTool({"scan", "--json", in.path()});
  ASSERT_EQ(js.exit_code, 1) << js.err;
  std::string shown =
      EverythingShown(triage, out.path()) + EverythingShown(text, "") + EverythingShown(js, "");
  for (const std::string& v : planted) EXPECT_EQ(shown.find(v), std::string::npos) << v;
  // Each was found: with --reveal every one is shown.
  RunResult revealed = RunTool({"scan", "--json", "--reveal", in.path()});
  for (const std::string& v : planted) EXPECT_NE(revealed.out.find(v), std::string::npos) << v;
}

TEST(Cli, DenyAndAllowLists) {
  TempDir in;
  {
    std::ofstream f(in.path() + "/note.txt");
    f << "Seen with M. Okafor today. Advocate: Jane Whitfield.\n";
    std::ofstream d(in.path() + "/deny.txt");
    d << "# our clients\nMargaret Okafor\n";
    std::ofstream a(in.path() + "/allow.txt");
    a << "Jane Whitfield\n";
  }
  std::string note = in.path() + "/note.txt";
  RunResult plain = RunTool({"scan", "--json", note});
  json p = json::parse(plain.out);
  RunResult listed = RunTool({"scan", "--json", "--deny-list", in.path() + "/deny.txt",
                              "--allow-list", in.path() + "/allow.txt", note});
  ASSERT_EQ(listed.exit_code, 1) << listed.err;
  json l = json::parse(listed.out);
  std::vector<std::string> rules;
  for (const json& f : l["findings"]) rules.push_back(f["rule"]);
  // "M. Okafor" is the deny-listed client; the advocate is allowed.
  EXPECT_EQ(rules, std::vector<std::string>{"pii.deny-list"}) << listed.out;
  bool advocate_found = false;
  for (const json& f : p["findings"])
    advocate_found = advocate_found || f["rule"] == "pii.person-name";
  EXPECT_TRUE(advocate_found) << plain.out;  // without the allow-list, the name is a finding

  RunResult missing = RunTool({"scan", "--deny-list", in.path() + "/none.txt", note});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("none.txt"), std::string::npos) << missing.err;
}

// triage reads the same lists as scan: its advice tells the reader to use them.
TEST(Cli, TriageTakesDenyAndAllowLists) {
  TempDir in;
  TempDir out;
  {
    std::ofstream f(in.path() + "/note.txt");
    f << "Seen with M. Okafor today. Advocate: Jane Whitfield.\n";
    std::ofstream d(in.path() + "/deny.txt");
    d << "Margaret Okafor\n";
    std::ofstream a(in.path() + "/allow.txt");
    a << "Jane Whitfield\n";
  }
  std::string note = in.path() + "/note.txt";
  auto rules_of = [](const std::string& report) {
    std::multiset<std::string> rules;
    const json parsed = json::parse(report);
    for (const json& f : parsed["findings"]) {
      if (f["category"] == "personal-data") rules.insert(f["rule"].get<std::string>());
    }
    return rules;
  };
  RunResult plain = RunTool({"triage", "-q", "-o", out.path() + "/plain", note});
  std::multiset<std::string> without = rules_of(ReadFile(out.path() + "/plain/report.json"));
  EXPECT_EQ(without.count("pii.deny-list"), 0u) << plain.err;
  EXPECT_EQ(without.count("pii.person-name"), 1u) << plain.err;  // the advocate, not allowed

  RunResult listed =
      RunTool({"triage", "-q", "-o", out.path() + "/listed", "--deny-list", in.path() + "/deny.txt",
               "--allow-list", in.path() + "/allow.txt", note});
  ASSERT_EQ(listed.exit_code, 1) << listed.err;
  std::string report = ReadFile(out.path() + "/listed/report.json");
  EXPECT_EQ(rules_of(report), std::multiset<std::string>{"pii.deny-list"}) << report;
  EXPECT_FALSE(json::parse(report)["bundle"]["written"].get<bool>());

  RunResult missing = RunTool(
      {"triage", "-o", out.path() + "/missing", "--allow-list", in.path() + "/no.txt", note});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no.txt"), std::string::npos) << missing.err;
}

TEST(Safety, NothingIsWrittenOutsideTheWorkDirectory) {
  TempDir tmp;
  std::string tmpdir = tmp.path() + "/tmp";
  std::string cwd = tmp.path() + "/cwd/inner";
  fs::create_directories(tmpdir);
  fs::create_directories(cwd);
  RunSpec spec;
  spec.args = {"scan", SamplesDir() + "/broken/zip-slip.zip"};
  spec.cwd = cwd;
  spec.env = {"TMPDIR=" + tmpdir};
  RunResult r = RunTool(spec);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("ingest.unsafe-entry"), std::string::npos);
  // The work directory is gone and nothing else appeared anywhere we can see.
  EXPECT_TRUE(ListFiles(tmp.path()).empty());
  EXPECT_TRUE(fs::is_empty(tmpdir));
  EXPECT_FALSE(fs::exists("/tmp/evil-absolute.txt"));
}

TEST(Safety, OriginalsAreNeverWritten) {
  std::string sample = SamplesDir() + "/clean/example-advocacy-submission.zip";
  Result<FileDigest> before = DigestFile(sample);
  ASSERT_TRUE(before.ok());
  auto mtime = fs::last_write_time(sample);
  TempDir out;
  RunTool({"triage", sample, "-o", out.path()});
  Result<FileDigest> after = DigestFile(sample);
  EXPECT_EQ(before->sha256, after->sha256);
  EXPECT_EQ(mtime, fs::last_write_time(sample));
}

class Stopped : public ::testing::TestWithParam<int> {};

// Ctrl-C (SIGINT), kill (SIGTERM) and a closed terminal (SIGHUP) all leave no
// unpacked files behind.
TEST_P(Stopped, RemovesTheWorkDirectoryAndExits130) {
  TempDir tmp;
  std::string tmpdir = tmp.path() + "/tmp";
  fs::create_directories(tmpdir);
  pid_t pid = fork();
  if (pid == 0) {
    setenv("TMPDIR", tmpdir.c_str(), 1);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    // A giant content stream, let past the bound on what a PDF unpacks to (which
    // refuses it at once by default), keeps the reader busy for long enough.
    std::string bin = Binary();
    std::string file = CorpusDir() + "/pdf/pdfjs-bomb_giant.pdf";
    execl(bin.c_str(), bin.c_str(), "scan", "--doc-timeout", "600", "--max-inflate", "1T",
          file.c_str(), nullptr);
    _exit(127);
  }
  // Wait until the run has made its work directory.
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (fs::is_empty(tmpdir) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(fs::is_empty(tmpdir)) << "the run never made a work directory";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, GetParam());
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_TRUE(fs::is_empty(tmpdir));
}

INSTANTIATE_TEST_SUITE_P(Signals, Stopped, ::testing::Values(SIGINT, SIGTERM, SIGHUP));

TEST(Determinism, TwoTriagesGiveIdenticalReports) {
  std::string sample = SamplesDir() + "/clean/example-advocacy-submission.eml";
  TempDir a;
  TempDir b;
  RunResult ra = RunTool({"triage", sample, "-o", a.path()});
  RunResult rb = RunTool({"triage", sample, "-o", b.path(), "--jobs", "1"});
  EXPECT_EQ(ra.exit_code, rb.exit_code);
  std::string ja = ReadFile(a.path() + "/report.json");
  ASSERT_FALSE(ja.empty());
  EXPECT_EQ(ja, ReadFile(b.path() + "/report.json"));
  EXPECT_EQ(ReadFile(a.path() + "/report.html"), ReadFile(b.path() + "/report.html"));
  EXPECT_EQ(ja.find(a.path()), std::string::npos);  // no temporary paths in the report
}

// ----- command line ------------------------------------------------------------

TEST(Cli, UsageErrorsExit2WithAMessage) {
  TempDir out;
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  std::string sample = SamplesDir() + "/word/safeguarding-policy.docx";
  for (const Case& c : std::vector<Case>{
           {{}, "subcommand"},
           {{"triage", sample}, "--output"},
           {{"scan"}, "inputs"},
           {{"triage", sample, "-o", out.path(), "--received", "2026-02-30"}, "--received"},
           {{"scan", sample, "--max-total-size", "lots"}, "--max-total-size"},
           {{"scan", sample, "--max-inflate", "0"}, "--max-inflate"},
           {{"scan", sample, "--password-file", "/nonexistent/pw.txt"}, "password file"},
           {{"triage", SamplesDir(), "-o", SamplesDir() + "/out"}, "inside the input folder"},
           {{"scan", sample, "--frobnicate"}, "frobnicate"}}) {
    RunResult r = RunTool(c.args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
  EXPECT_FALSE(fs::exists(SamplesDir() + "/out"));
}

// The support team edits profiles by hand: a mistake stops the run before any
// reading, with exit 2 and the field named; nothing is written.
TEST(Cli, AProfileWithAMistakeExits2NamingTheField) {
  TempDir dir;
  std::string text = ReadFile(std::string(QPM_TEST_SOURCE_DIR) + "/../profiles/qpm-v4.json");
  json profile = json::parse(text);
  profile["workbook"]["sections"][3]["indicators"][1]["kind"] = "tickbox";
  std::string bad = dir.path() + "/bad-profile.json";
  { std::ofstream(bad) << profile.dump(2); }
  std::string out = dir.path() + "/out";
  std::string sample = SamplesDir() + "/clean/example-advocacy-submission.zip";
  RunResult r = RunTool({"triage", sample, "-o", out, "--profile", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad-profile.json: workbook.sections[3].indicators[1].kind: must be "
                       "\"tick\", \"narrative\" or \"contact\", not \"tickbox\""),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(out + "/report.json"));

  // A band the profile does not have, and --wte with --band, are usage errors too.
  r = RunTool({"triage", sample, "-o", out, "--band", "7"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--band 7: the profile qpm-v4 has no such band"), std::string::npos)
      << r.err;
  r = RunTool({"triage", sample, "-o", out, "--band", "1", "--wte", "3"});
  EXPECT_EQ(r.exit_code, 2);
}

// The band comes from --band, else --wte, else the workbook, and the report says which.
// A profile is chosen by name as well as by file; options about bands are refused
// with a profile that has none, and an unknown name lists the profiles there are.
TEST(Cli, AProfileByNameAndItsOptions) {
  std::string sample = SamplesDir() + "/gateway/example-gateway-application.zip";
  TempDir out;
  RunResult r = RunTool({"triage", sample, "-o", out.path(), "-q", "--profile",
                         "quality-mark-gateway", "--received", "2026-11-20"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  json report = json::parse(ReadFile(out.path() + "/report.json"));
  EXPECT_EQ(report["profile"], "quality-mark-gateway");
  EXPECT_TRUE(report["required"].is_null());
  EXPECT_EQ(report["workbook"]["name"], "Gateway application form");
  for (const std::vector<std::string>& extra : std::vector<std::vector<std::string>>{
           {"--wte", "3"}, {"--band", "1"}, {"--case-files", "5"}, {"--reports", "imca=5"}}) {
    TempDir again;
    std::vector<std::string> args = {"triage",     sample,      "-o",
                                     again.path(), "--profile", "quality-mark-gateway"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult refused = RunTool(args);
    EXPECT_EQ(refused.exit_code, 2) << extra[0];
    EXPECT_NE(refused.err.find(extra[0] + ": the profile quality-mark-gateway has no bands"),
              std::string::npos)
        << refused.err;
  }
  TempDir third;
  RunResult unknown =
      RunTool({"triage", sample, "-o", third.path(), "--profile", "quality-mark-gatway"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--profile quality-mark-gatway: no such file, and no profile of "
                             "that name (there are: qpm-v4, quality-mark-gateway)."),
            std::string::npos)
      << unknown.err;
}

TEST(Cli, TheBandAndWhereItCameFrom) {
  std::string sample = SamplesDir() + "/clean/example-advocacy-submission.zip";
  struct Case {
    std::vector<std::string> args;
    int band;
    const char* reason;
  };
  for (const Case& c : std::vector<Case>{
           {{}, 1, "the Assessment Workbook states 6 whole-time-equivalent advocates"},
           {{"--wte", "22.5"}, 2, "--wte 22.5"},
           {{"--band", "3"}, 3, "--band 3"}}) {
    TempDir out;
    std::vector<std::string> args = {"triage", sample, "-o", out.path(), "-q"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    RunResult r = RunTool(args);
    json report = json::parse(ReadFile(out.path() + "/report.json"));
    EXPECT_EQ(report["band"], c.band) << r.err;
    EXPECT_EQ(report["band_reason"], c.reason);
    EXPECT_EQ(report["profile"], "qpm-v4");
  }
}

// The OCR time limit is a limit like the others: the report states it, and says when
// OCR was off.
TEST(Cli, TheReportStatesTheOcrTimeLimit) {
  std::string letter = SamplesDir() + "/scans/scanned-letter.png";
  for (const auto& [args, want] : std::vector<std::pair<std::vector<std::string>, int>>{
           {{}, 60}, {{"--ocr-timeout", "7"}, 7}, {{"--no-ocr"}, 0}}) {
    RunSpec spec;
    spec.args = {"scan", "--json", letter, "--ocr-replay", "scans/ocr"};
    spec.args.insert(spec.args.end(), args.begin(), args.end());
    spec.cwd = SamplesDir();
    RunResult r = RunTool(spec);
    json report = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(report.is_discarded()) << r.err;
    EXPECT_EQ(report["limits"]["ocr_page_timeout_seconds"], want) << r.err;
  }
}

// The bound on what one PDF unpacks to is a limit like the others: the report states it,
// and a PDF past it is refused with the rule that says so while the rest is read.
TEST(Cli, MaxInflateRefusesAPdfPastItAndTheReportStatesIt) {
  std::string pdf = CorpusDir() + "/pdf/pdfjs-tracemonkey.pdf";  // 1.9 MB unpacked
  std::string word = SamplesDir() + "/word/safeguarding-policy.docx";
  for (const auto& [args, limit, refused] :
       std::vector<std::tuple<std::vector<std::string>, uint64_t, bool>>{
           {{}, 128ull << 20, false}, {{"--max-inflate", "1M"}, 1ull << 20, true}}) {
    RunSpec spec;
    spec.args = {"scan", "--json", "--no-ocr", pdf, word};
    spec.args.insert(spec.args.end(), args.begin(), args.end());
    RunResult r = RunTool(spec);
    json report = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(report.is_discarded()) << r.err;
    EXPECT_EQ(report["limits"]["max_inflate_bytes"], limit);
    bool found = false;
    for (const json& f : report["findings"]) {
      if (f["rule"] != "extract.inflate-limit") continue;
      found = true;
      EXPECT_EQ(f["file"], "pdfjs-tracemonkey.pdf");
      EXPECT_NE(f["message"].get<std::string>().find("more than 1 MiB"), std::string::npos);
    }
    EXPECT_EQ(found, refused) << report["findings"].dump(1);
    for (const json& d : report["documents"]) {
      bool is_pdf = d["path"] == "pdfjs-tracemonkey.pdf";
      EXPECT_EQ(d["status"], is_pdf && refused ? "failed" : "read") << d["path"];
    }
  }
}

// docs/rules.md holds what `qpm-intake rules --markdown` prints, so the docs cannot
// drift from the registries the stages run (scripts/make-rules-doc writes it).
TEST(Cli, TheRulesDocIsWhatTheRulesCommandPrints) {
  RunResult r = RunTool({"rules", "--markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| `completeness.case-file-count` | blocker | completeness |"),
            std::string::npos);
  EXPECT_NE(r.out.find("| `pii.nhs-number` | blocker | personal-data |"), std::string::npos);
  EXPECT_NE(r.out.find("| `ingest.zip-bomb` | blocker | ingest |"), std::string::npos);
  std::string doc = ReadFile(std::string(QPM_TEST_SOURCE_DIR) + "/../docs/rules.md");
  EXPECT_NE(doc.find(r.out), std::string::npos)
      << "docs/rules.md is out of date: run scripts/make-rules-doc";
  RunResult j = RunTool({"rules", "--json"});
  json rules = json::parse(j.out, nullptr, false);
  ASSERT_TRUE(rules.is_array()) << j.err;
  std::set<std::string> ids;
  for (const json& rule : rules) EXPECT_TRUE(ids.insert(rule["id"]).second) << rule.dump();
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), static_cast<long>(rules.size()) + 2);
}

// triage wrote its report over an input named report.html; a folder named
// "in/..out" slipped past a check on text; links too.
TEST(Cli, TriageNeverOverwritesAnInputOrAFileItDidNotWrite) {
  TempDir dir;
  std::string sub = dir.path() + "/Sub";
  fs::create_directories(sub);
  WriteFile(sub + "/report.html", "An invented note.\n");
  WriteFile(sub + "/a.txt", "Another invented note.\n");
  std::string before = ReadFile(sub + "/report.html");
  RunResult r = RunTool({"triage", sub + "/a.txt", sub + "/report.html", "-o", sub});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(ReadFile(sub + "/report.html"), before);
  // The same file, reached through a link.
  fs::create_directories(dir.path() + "/out");
  fs::create_symlink(sub + "/a.txt", dir.path() + "/out/report.json");
  r = RunTool({"triage", sub + "/a.txt", "-o", dir.path() + "/out"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(ReadFile(sub + "/a.txt"), "Another invented note.\n");
  // A folder inside the input folder, named so that a text check misses it.
  r = RunTool({"triage", sub, "-o", sub + "/..out"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  // A report of ours is replaced on a second run.
  std::string out = dir.path() + "/reports";
  EXPECT_LE(RunTool({"triage", sub + "/a.txt", "-o", out}).exit_code, 1);
  EXPECT_LE(RunTool({"triage", sub + "/a.txt", "-o", out}).exit_code, 1);
}

TEST(Cli, HelpNamesEveryExitCode) {
  RunResult r = RunTool({"scan", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* code : {"  0 ", "  1 ", "  2 ", "  3 ", "  4 ", "  5 ", "  15 ", "  130 "}) {
    EXPECT_NE(r.out.find(code), std::string::npos) << code;
  }
}

TEST(Cli, EmptyFolderIsUnreadable) {
  TempDir dir;
  RunResult r = RunTool({"scan", "--json", dir.path()});
  EXPECT_EQ(r.exit_code, 3);
  json report = json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["rule"], "ingest.empty-file");
}

TEST(Cli, MissingInputIsUnreadable) {
  RunResult r = RunTool({"scan", "--json", "/nonexistent/submission.zip"});
  EXPECT_EQ(r.exit_code, 3);
  json report = json::parse(r.out);
  EXPECT_EQ(report["findings"][0]["rule"], "ingest.input-not-found");
}

TEST(Cli, SeveralInputsExitWithTheWorstAndKeepTheirOwnCodes) {
  RunResult r = RunTool({"scan", "--json", SamplesDir() + "/word/safeguarding-policy.docx",
                         SamplesDir() + "/broken/user-password.pdf"});
  EXPECT_EQ(r.exit_code, 4);
  json report = json::parse(r.out);
  EXPECT_EQ(report["inputs"][0]["exit_code"], 0);
  EXPECT_EQ(report["inputs"][1]["exit_code"], 4);
  EXPECT_EQ(report["inputs"][1]["status"], "password-needed");
}

// ----- regressions: each input is named after the bug it caught -------------

// A zip entry name holding a UTF-16 surrogate encoded as UTF-8 (invalid UTF-8 that
// a lax check lets through) made the JSON writer throw: exit 15.
TEST(Regression, ZipEntryNameWithUtf8Surrogate) {
  std::string zip =
      std::string(QPM_TEST_SOURCE_DIR) + "/regressions/zip-entry-name-with-utf8-surrogate.zip";
  RunResult r = RunTool({"scan", "--json", zip});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  json report = json::parse(r.out);
  ASSERT_EQ(report["documents"].size(), 2u);
  EXPECT_EQ(report["documents"][1]["path"],
            "zip-entry-name-with-utf8-surrogate.zip > \uFFFD\uFFFD\uFFFD.txt");
}

// A locked zip inside a locked zip: the retry with the password from the email
// opened the outer one and never looked at what it found inside. The run said
// "ready" with the inner archive unopened.
TEST(Regression, LockedArchiveInsideLockedArchive) {
  std::string dir =
      std::string(QPM_TEST_SOURCE_DIR) + "/regressions/locked-archive-inside-locked-archive";
  RunResult r = RunTool({"scan", "--json", dir});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  json report = json::parse(r.out);
  bool inner_locked = false;
  for (const json& f : report["findings"]) {
    inner_locked |= f["rule"] == "ingest.password-needed" &&
                    f["file"] == "locked-archive-inside-locked-archive/outer.zip > inner.zip";
  }
  EXPECT_TRUE(inner_locked) << report["findings"].dump(1);
  EXPECT_EQ(r.out.find("Outer-Pw-1"), std::string::npos);
}

// The password of the inner zip is in an email inside the outer zip, which only
// the outer password (in the second email) opens: it takes two rounds. The note
// that a password was used belongs on the entry it opened, not on its last child.
TEST(Regression, PasswordFoundInsideAnUnlockedArchive) {
  std::string dir =
      std::string(QPM_TEST_SOURCE_DIR) + "/regressions/password-found-inside-unlocked-archive";
  RunResult r = RunTool({"scan", "--json", dir});
  json report = json::parse(r.out);
  std::string base = "password-found-inside-unlocked-archive/outer.zip";
  std::set<std::string> opened;
  for (const json& f : report["findings"]) {
    EXPECT_NE(f["rule"], "ingest.password-needed") << f.dump();
    if (f["rule"] == "ingest.password-used") opened.insert(f["file"].get<std::string>());
  }
  EXPECT_EQ(opened, (std::set<std::string>{base + " > inner.zip", base + " > note.eml",
                                           base + " > inner.zip > policy.txt"}));
  for (const json& d : report["documents"]) {
    if (d["path"] == base + " > inner.zip > policy.txt") {
      EXPECT_EQ(d["status"], "read");
    }
  }
  for (const char* pw : {"Outer-Pw-1", "Inner-Pw-2"}) EXPECT_EQ(r.out.find(pw), std::string::npos);
}

// Words after "password" in an email are tried as passwords; they used to be
// blanked out of the email's text before the scan, erasing real personal data.
TEST(Regression, PasswordCandidatesDoNotHidePersonalData) {
  TempDir dir;
  WriteFile(dir.path() + "/note.eml",
            "From: a@example.org\nTo: b@example.org\nSubject: portal\nMIME-Version: 1.0\n\n"
            "The portal password reset for our client went to: jane.doe@example.com\n");
  RunResult r = RunTool({"scan", "--json", dir.path() + "/note.eml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\"pii.email\""), std::string::npos) << r.out;
}

// A password never reaches any output, not even with --reveal.
TEST(Regression, RevealNeverShowsAPassword) {
  TempDir dir;
  WriteFile(dir.path() + "/note.txt", "Contact: jane.doe@example.com\n");
  RunResult r = RunTool({"scan", "--json", "--reveal", "--password", "jane.doe@example.com",
                         dir.path() + "/note.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\"pii.email\""), std::string::npos);
  EXPECT_EQ(r.out.find("jane.doe@example.com"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("jane.doe@example.com"), std::string::npos);
}

// An attachment name with terminal escape codes could rewrite what the person at
// the terminal sees (erase lines, hide findings).
TEST(Regression, NoTerminalEscapesFromTheSubmission) {
  TempDir dir;
  WriteFile(
      dir.path() + "/mail.eml",
      "From: a@example.org\nTo: b@example.org\nSubject: x\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nhi\n"
      "--b\nContent-Type: text/plain; name=\"=?utf-8?q?CF01=1B=5B2K=0D=1B=5B1A.txt?=\"\n"
      "Content-Disposition: attachment; filename=\"=?utf-8?q?CF01=1B=5B2K=0D=1B=5B1A.txt?=\"\n\n"
      "NHS 943 476 5919\n--b--\n");
  RunResult r = RunTool({"scan", dir.path() + "/mail.eml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("pii.nhs-number"), std::string::npos);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find('\r'), std::string::npos);
}

// A 40 KB .docx whose text part inflates to 40 MB: the ratio limit applied to
// archives but not to the parts of an Office package, so the reader's whole text
// went to the parent.
TEST(Regression, WordDocumentThatIsAZipBomb) {
  std::string docx =
      std::string(QPM_TEST_SOURCE_DIR) + "/regressions/word-document-that-is-a-zip-bomb.docx";
  RunResult r = RunTool({"scan", "--json", docx});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  json report = json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["rule"], "extract.unreadable");
  EXPECT_NE(report["findings"][0]["message"].get<std::string>().find("zip bomb"),
            std::string::npos);
}

// A zip holding word/document.xml was taken for a Word document whole, and any
// other file in it went unread without a word. Now that file is taken out and read
// as a document of its own, and what it holds is found on it.
TEST(Regression, WordDocumentCarryingAnotherFile) {
  std::string docx =
      std::string(QPM_TEST_SOURCE_DIR) + "/regressions/word-document-carrying-another-file.docx";
  RunResult r = RunTool({"scan", "--json", docx});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json report = json::parse(r.out);
  ASSERT_EQ(report["documents"].size(), 2u);
  EXPECT_EQ(report["documents"][1]["parent"], report["documents"][0]["id"]);
  std::string child = report["documents"][1]["path"].get<std::string>();
  EXPECT_NE(child.find(" > CF01 notes.txt"), std::string::npos) << child;
  bool nhs_on_child = false;
  for (const json& f : report["findings"]) {
    nhs_on_child |= f["rule"] == "pii.nhs-number" && f["file"] == child;
  }
  EXPECT_TRUE(nhs_on_child) << report["findings"].dump(1);
}

// A matrix of infinities made the hidden-text check cast NaN to an index and
// throw, so the PDF went unchecked ("extract.hidden-not-checked").
TEST(Regression, PdfWithInfiniteMatricesIsStillChecked) {
  std::string pdf =
      std::string(QPM_TEST_SOURCE_DIR) + "/regressions/pdf-with-infinite-matrices.pdf";
  RunResult r = RunTool({"scan", "--json", "--no-ocr", pdf});
  json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.err;
  for (const json& f : report["findings"]) {
    EXPECT_NE(f["rule"], "extract.hidden-not-checked") << f.dump();
    EXPECT_NE(f["rule"], "extract.crashed") << f.dump();
  }
}

// ----- Outlook files ------------------------------------------------------------

std::string OutlookData(const std::string& name) {
  return std::string(QPM_TEST_SOURCE_DIR) + "/data/third-party/outlook/" + name;
}

const json* DocumentByPath(const json& report, const std::string& path) {
  for (const json& d : report["documents"]) {
    if (d["path"] == path) return &d;
  }
  return nullptr;
}

// An Outlook message is read like an .eml: its PDF attachment is reached and read, and
// the message attached to it is read in turn (Apache POI's attachment_msg_pdf.msg).
TEST(Outlook, ScanReadsTheMessageItsPdfAndItsAttachedMessage) {
  RunResult r = RunTool({"scan", "--json", "--no-ocr", OutlookData("attachment_msg_pdf.msg")});
  json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.err;
  const json* message = DocumentByPath(report, "attachment_msg_pdf.msg");
  ASSERT_NE(message, nullptr) << report["documents"].dump(1);
  EXPECT_EQ((*message)["media_type"], "application/vnd.ms-outlook");
  EXPECT_EQ((*message)["role"], "email");
  EXPECT_EQ((*message)["status"], "unpacked");
  const json* pdf = DocumentByPath(report, "attachment_msg_pdf.msg > smbprn.00009008.KdcPjl.pdf");
  ASSERT_NE(pdf, nullptr) << report["documents"].dump(1);
  EXPECT_EQ((*pdf)["media_type"], "application/pdf");
  EXPECT_GE((*pdf)["pages"].get<int>(), 1);
  EXPECT_GE((*pdf)["pages_read"].get<int>(), 1);
  const json* inner = DocumentByPath(report, "attachment_msg_pdf.msg > Test Attachment.msg");
  ASSERT_NE(inner, nullptr) << report["documents"].dump(1);
  EXPECT_EQ((*inner)["media_type"], "application/vnd.ms-outlook");
  EXPECT_EQ((*inner)["role"], "email");
  for (const json& f : report["findings"]) {
    EXPECT_NE(f["rule"], "ingest.unsupported-type") << f.dump();
    EXPECT_NE(f["rule"], "ingest.email-unreadable") << f.dump();
  }
}

// A winmail.dat inside an .eml is read as TNEF, and its attachments become documents.
TEST(Outlook, ScanReadsAWinmailDatsAttachments) {
  RunResult r =
      RunTool({"scan", "--json", "--no-ocr", OutlookData("bug52400-winmail-with-attachments.dat")});
  json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.err;
  const json* tnef = DocumentByPath(report, "bug52400-winmail-with-attachments.dat");
  ASSERT_NE(tnef, nullptr) << report["documents"].dump(1);
  EXPECT_EQ((*tnef)["media_type"], "application/vnd.ms-tnef");
  EXPECT_EQ((*tnef)["role"], "email");
  const json* pdf = DocumentByPath(
      report, "bug52400-winmail-with-attachments.dat > scion_tc_2007_maintenanceguide.pdf");
  ASSERT_NE(pdf, nullptr) << report["documents"].dump(1);
  EXPECT_EQ((*pdf)["media_type"], "application/pdf");
  const json* png = DocumentByPath(report, "bug52400-winmail-with-attachments.dat > Duke_Wave.png");
  ASSERT_NE(png, nullptr) << report["documents"].dump(1);
  EXPECT_EQ((*png)["media_type"], "image/png");
}

// The corpus's email whose attachment is a winmail.dat: the TNEF is now read, not
// reported as a type this tool cannot read.
TEST(Outlook, TheCorpusWinmailInsideAnEmlIsRead) {
  RunResult r =
      RunTool({"scan", "--json", "--no-ocr", CorpusDir() + "/eml/mimekit-ukr-winmail.eml"});
  json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.err;
  const json* tnef = DocumentByPath(report, "mimekit-ukr-winmail.eml > winmail.dat");
  ASSERT_NE(tnef, nullptr) << report["documents"].dump(1);
  EXPECT_EQ((*tnef)["media_type"], "application/vnd.ms-tnef");
  EXPECT_EQ((*tnef)["role"], "email");
  EXPECT_EQ((*tnef)["pages_read"], 1);
  for (const json& f : report["findings"]) {
    EXPECT_NE(f["rule"], "ingest.unsupported-type") << f.dump();
    EXPECT_NE(f["rule"], "ingest.email-unreadable") << f.dump();
  }
}

class OutlookFiles : public ::testing::TestWithParam<std::string> {};

// Every Outlook file nobody here wrote gets a clear outcome, as the corpus's do.
TEST_P(OutlookFiles, ClearOutcome) {
  RunSpec spec;
  spec.args = {"scan", "--json", "--no-ocr", "--doc-timeout", "30", OutlookData(GetParam())};
  spec.watchdog_seconds = 240;
  RunResult r = RunTool(spec);
  ASSERT_FALSE(r.timed_out) << "hung";
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 3) << r.exit_code << r.err;
  for (const char* bad : {"AddressSanitizer", "runtime error:", "internal error"}) {
    EXPECT_EQ(r.err.find(bad), std::string::npos) << r.err;
  }
  json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.out.substr(0, 500);
  ASSERT_FALSE(report["documents"].empty());
  EXPECT_EQ(report["documents"][0]["role"], "email") << report["documents"][0].dump();
  for (const json& d : report["documents"]) EXPECT_NE(d["status"], "pending") << d.dump();
  for (const json& f : report["findings"]) {
    EXPECT_NE(f["rule"], "ingest.unsupported-type") << f.dump();
    EXPECT_FALSE(f["remedy"].get<std::string>().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    ThirdParty, OutlookFiles,
    ::testing::Values("quick.msg", "attachment_msg_pdf.msg", "58214_with_attachment.msg",
                      "example_received_unicode.msg", "blank.msg",
                      "clusterfuzz-testcase-minimized-POIHSMFFuzzer-4848576776503296.msg",
                      "ASCII_CP1251_LCID1049.msg", "HTMLBodyBinary_CP1251.msg", "quick-winmail.dat",
                      "bug52400-winmail-with-attachments.dat", "oom.tnef"),
    [](const auto& param_info) {
      std::string name = param_info.param;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

// ----- corpus ------------------------------------------------------------------

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> out;
  for (const std::string& f : ListFiles(CorpusDir())) {
    if (f.find('/') == std::string::npos) continue;  // README.md, MANIFEST.tsv
    if (f.size() > 4 && (f.substr(f.size() - 4) == ".tsv" || f.substr(f.size() - 3) == ".md"))
      continue;
    out.push_back(f);
  }
  return out;
}

class Corpus : public ::testing::TestWithParam<std::string> {};

// Every file nobody here wrote gets a clear outcome: no crash, no hang, a report
// that names what happened.
TEST_P(Corpus, ClearOutcome) {
  RunSpec spec;
  spec.args = {"scan", "--json", "--doc-timeout", "30", CorpusDir() + "/" + GetParam()};
  spec.watchdog_seconds = 240;
  RunResult r = RunTool(spec);
  ASSERT_FALSE(r.timed_out) << "hung";
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 3 || r.exit_code == 4)
      << "exit " << r.exit_code << "\n"
      << r.err;
  for (const char* bad :
       {"AddressSanitizer", "runtime error:", "LeakSanitizer", "internal error"}) {
    EXPECT_EQ(r.err.find(bad), std::string::npos) << r.err;
  }
  json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.out.substr(0, 500);
  EXPECT_EQ(report["schema_version"], 2);
  EXPECT_EQ(report["exit_code"], r.exit_code);
  ASSERT_FALSE(report["documents"].empty());
  for (const json& d : report["documents"]) EXPECT_NE(d["status"], "pending") << d.dump();
  for (const json& f : report["findings"]) {
    EXPECT_EQ(f["message"].get<std::string>().find("internal error"), std::string::npos)
        << f.dump();
    EXPECT_FALSE(f["message"].get<std::string>().empty());
    EXPECT_FALSE(f["remedy"].get<std::string>().empty());
  }
  if (r.exit_code == 3 || r.exit_code == 4) {
    bool explained = false;
    for (const json& f : report["findings"]) explained |= f["severity"] == "blocker";
    EXPECT_TRUE(explained) << "exit " << r.exit_code << " without a blocker finding";
  }
}

INSTANTIATE_TEST_SUITE_P(Files, Corpus, ::testing::ValuesIn(CorpusFiles()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// Hostile files cost seconds, not minutes: every file, read with the default limits and
// without OCR, is done in under 10 s (issue 20, point 6). The margin: on the 2-core machine
// this was written on, loaded by other builds (load average 7), the slowest file took 5.6
// to 6.2 s (docx/poi-WordWithAttachments.docx, whose four embedded office files
// LibreOffice converts, one run each), the next 2.5 s, and pdf/pdfjs-bomb_giant.pdf 0.2 s
// (the whole 120 s before extract.inflate-limit): 10 s leaves a machine 1.6 times slower
// than that. ctest runs these alone (RUN_SERIAL, tests/CMakeLists.txt), so other tests do
// not eat the margin, and not under the sanitizers, which make the reading itself 3 to 5
// times slower (Corpus.ClearOutcome still runs every file there).
class CorpusSpeed : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusSpeed, ReadInUnderTenSecondsWithoutOcr) {
#ifdef QPM_SANITIZED
  GTEST_SKIP() << "a bound on time, set for the optimised build";
#endif
  RunSpec spec;
  spec.args = {"scan", "--json", "--no-ocr", "-q", CorpusDir() + "/" + GetParam()};
  spec.watchdog_seconds = 60;
  auto started = std::chrono::steady_clock::now();
  RunResult r = RunTool(spec);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(r.timed_out) << "hung";
  EXPECT_LT(took.count(), 10.0) << GetParam() << " exit " << r.exit_code;
}

INSTANTIATE_TEST_SUITE_P(Files, CorpusSpeed, ::testing::ValuesIn(CorpusFiles()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// ../shared/corpus/redaction: what its MANIFEST.tsv says of each file, read by hand.
// bad: the page where text is hidden under a redaction, or 0 for a file it marks
// clean. `under_box` counts the redaction.text-under-box findings where the source
// counts the redactions; -1 where it does not.
struct RedactionCase {
  const char* file;
  int bad_page;
  int under_box;
};

class CorpusRedaction : public ::testing::TestWithParam<RedactionCase> {};

// Our policy differs from x-ray's (the source of most files) in three places, each
// flagged here although x-ray passes it (see the corpus README, "Where x-ray's
// verdict is not ours"):
// - no_bad_redactions.8.1.pdf: dates of a personal declaration sit under black
//   boxes. x-ray ignores hidden text that is only dates; for a personal-data checker
//   a hidden date (of birth) is the leak, so it is bad on page 1.
// - bad_cross_hatched_redactions.pdf: x-ray drops boxes that are not one flat
//   colour; the words under the hatching are still in the text layer: bad on page 1.
// - hidden_text_on_visible_text.pdf: x-ray's own test for it is an expected
//   failure; the caption's words are hidden under white boxes: bad on page 1.
// And one where we agree by a filter of our own: ok_words.pdf hides only a
// privilege label, which is no personal data.
// A clean file gets no blocker of a redaction or hidden-data rule. These are real
// court filings whose pages show real names, which the personal-data rules rightly
// report (a full name blocks, docs/personal-data.md); those are not judged here. OCR
// is off: a scan's own text layer is what is judged.
TEST_P(CorpusRedaction, FlagsEachBadRedactionOnItsPageAndNoCleanFile) {
  const RedactionCase& c = GetParam();
  RunResult r = RunTool({"scan", "--json", "--no-ocr", CorpusDir() + "/redaction/" + c.file});
  json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.err;
  int on_page = 0, under_box = 0;
  for (const json& f : report["findings"]) {
    std::string rule = f["rule"].get<std::string>();
    bool redaction = rule.rfind("redaction.", 0) == 0;
    bool hidden = rule.rfind("hidden-data.", 0) == 0;
    if (!redaction && !hidden) continue;
    if (c.bad_page == 0) {
      EXPECT_NE(f["severity"], "blocker") << c.file << ": " << f.dump();
    }
    if (c.bad_page == 0) {
      // A clean file: nothing that says a redaction failed; hidden data (comments, a
      // stamp in tiny type) at most as a warning, as above.
      EXPECT_FALSE(redaction) << c.file << ": " << f.dump();
      continue;
    }
    if (f["page"] == c.bad_page &&
        (redaction || f["severity"] == "blocker" || rule == "hidden-data.background-text")) {
      ++on_page;
    }
    if (rule == "redaction.text-under-box") ++under_box;
  }
  if (c.bad_page > 0) {
    EXPECT_GT(on_page, 0) << c.file << " not flagged on page " << c.bad_page;
  }
  if (c.under_box >= 0) {
    EXPECT_EQ(under_box, c.under_box) << c.file;
  }
}

INSTANTIATE_TEST_SUITE_P(Files, CorpusRedaction,
                         ::testing::Values(
                             // BAD, as the source's tests assert: "BAD p1, 3 bad redactions"
                             RedactionCase{"x-ray/rectangles_yes.pdf", 1, 3},
                             // BAD p1 on inspection (the source does not assert it)
                             RedactionCase{"x-ray/rectangles_yes_2.pdf", 1, -1},
                             RedactionCase{"deredaction/simple3.pdf", 1, -1},
                             // BAD p1 where our policy differs from x-ray's (see above)
                             RedactionCase{"x-ray/bad_cross_hatched_redactions.pdf", 1, -1},
                             RedactionCase{"x-ray/hidden_text_on_visible_text.pdf", 1, -1},
                             RedactionCase{"x-ray/no_bad_redactions.8.1.pdf", 1, -1},
                             // CLEAN
                             RedactionCase{"x-ray/multi_line_redaction_ok.pdf", 0, 0},
                             RedactionCase{"x-ray/no_bad_redactions.2.1.pdf", 0, 0},
                             RedactionCase{"x-ray/no_bad_redactions.3.1.pdf", 0, 0},
                             RedactionCase{"x-ray/no_bad_redactions.3.2.pdf", 0, 0},
                             RedactionCase{"x-ray/no_bad_redactions.4.1.pdf", 0, 0},
                             RedactionCase{"x-ray/no_bad_redactions.5.5.pdf", 0, 0},
                             RedactionCase{"x-ray/no_bad_redactions.6.2.pdf", 0, 0},
                             RedactionCase{"x-ray/no_bad_redactions.7.1.pdf", 0, 0},
                             RedactionCase{"x-ray/ok_words.pdf", 0, 0},
                             RedactionCase{"x-ray/partial_intersections_ok.pdf", 0, 0},
                             RedactionCase{"x-ray/rect_ordering_0.8.pdf", 0, 0},
                             RedactionCase{"x-ray/rect_ordering_1.23.pdf", 0, 0},
                             RedactionCase{"x-ray/rect_ordering_2.1.pdf", 0, 0},
                             RedactionCase{"x-ray/rect_ordering_3.20.pdf", 0, 0},
                             RedactionCase{"x-ray/rect_ordering_4.1.pdf", 0, 0},
                             RedactionCase{"x-ray/rect_ordering_5.2.pdf", 0, 0},
                             RedactionCase{"x-ray/rect_ordering_6.19.pdf", 0, 0},
                             RedactionCase{"x-ray/rectangles_no.pdf", 0, 0},
                             RedactionCase{"x-ray/unfilled_rect.pdf", 0, 0},
                             RedactionCase{"x-ray/whitespace_redaction_with_comma.pdf", 0, 0},
                             RedactionCase{"x-ray/whitespace_redactions.pdf", 0, 0},
                             RedactionCase{"x-ray/whitespace_redactions_2.pdf", 0, 0}),
                         [](const auto& param_info) {
                           std::string name = param_info.param.file;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// What the corpus manifest says of a file, in our terms: its exit code and the
// finding it must give. Each row was checked by hand against MANIFEST.tsv.
struct Expected {
  const char* file;
  int exit_code;
  const char* rule;  // "" = no finding at all
};

class CorpusManifest : public ::testing::TestWithParam<Expected> {};

TEST_P(CorpusManifest, AgreesWithWhatTheSourceStates) {
  const Expected& e = GetParam();
  RunResult r = RunTool({"scan", "--json", "--doc-timeout", "30", CorpusDir() + "/" + e.file});
  EXPECT_EQ(r.exit_code, e.exit_code) << e.file << "\n" << r.out.substr(0, 2000);
  json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  if (std::string(e.rule).empty()) {
    EXPECT_TRUE(report["findings"].empty()) << report["findings"].dump(1);
    return;
  }
  bool found = false;
  for (const json& f : report["findings"]) found |= f["rule"] == e.rule;
  EXPECT_TRUE(found) << e.file << " should give " << e.rule << "\n" << report["findings"].dump(1);
}

INSTANTIATE_TEST_SUITE_P(
    Files, CorpusManifest,
    ::testing::Values(
        // "user 'foo', owner 'bar'; empty password rejected"
        Expected{"pdf/pypdf-r6-both-passwords.pdf", 4, "ingest.password-needed"},
        Expected{"pdf/pdfium-encrypted.pdf", 4, "ingest.password-needed"},
        // owner password only, or (SURPRISE rows) an empty owner password: opens
        Expected{"pdf/pypdf-r6-owner-password.pdf", 0, ""},
        Expected{"pdf/pypdf-r5-user-password.pdf", 0, ""},
        // opens without a password too; it carries one FreeText annotation
        Expected{"pdf/pdfjs-pr6531_2.pdf", 1, "hidden-data.comments"},
        // "giant content/image stream (decompression-size stress)": three JBIG2 content
        // streams, each a page of 100000 x 100000 dots, refused before anything reads them
        Expected{"pdf/pdfjs-bomb_giant.pdf", 3, "extract.inflate-limit"},
        // "must be rejected cleanly", "load fails"
        Expected{"pdf/ocrmypdf-invalid.pdf", 3, "extract.unreadable"},
        Expected{"pdf/pdfjs-REDHAT-1531897-0.pdf", 3, "extract.unreadable"},
        // image-only scan: no text layer, read by OCR, nothing to report
        Expected{"pdf/ocrmypdf-skew.pdf", 0, ""},
        // embedded file (EmbeddedFiles name tree)
        // its attached file is a short text file, read as a document of its own: nothing in it
        Expected{"pdf/pdfjs-attachment.pdf", 0, ""},
        // "../xt", 40 x "../", a symlink entry
        Expected{"zip/yauzl-invalid_relative_path_xt.zip", 1, "ingest.unsafe-entry"},
        Expected{"zip/ztzip-zip-malicious-traversal.zip", 1, "ingest.unsafe-entry"},
        Expected{"zip/zip2-symlink.zip", 1, "ingest.unsafe-entry"},
        // "ratio/size limits must stop extraction"
        Expected{"zip/libzip-bigzero-zip.zip", 1, "ingest.zip-bomb"},
        // "no password -> 'No password provided'"
        Expected{"zip/libzip-encrypt-aes256.zip", 4, "ingest.password-needed"},
        // zstd method; PKWARE strong encryption "not supported"
        Expected{"zip/libzip-testfile-zstd.zip", 1, "ingest.unsupported-entry"},
        Expected{"zip/yauzl-strong_encryption.zip", 1, "ingest.unsupported-entry"},
        // "crc verification failed"
        Expected{"zip/zip4j-entry_with_checksum_mismatch.zip", 1, "ingest.corrupt-entry"},
        // "truncated archive: open fails"
        Expected{"zip/libzip-testfile-truncated.zip", 3, "ingest.corrupt-archive"},
        // "password-encrypted Word file (OLE2 container, not a zip)"
        Expected{"docx/poi-bug53475-password-is-pass.docx", 1, "ingest.office-encrypted"},
        Expected{"docx/poi-truncated62886.docx", 3, "extract.unreadable"},
        // "5 embedded parts": each a document of its own; none of a type read here
        Expected{"docx/poi-WordWithAttachments.docx", 1, "ingest.unsupported-type"},
        // attached files: each a document of its own, read in turn; nothing in them. The
        // file also carries JavaScript (an "ADBE::FileAttachmentsCompatibility" script)
        Expected{"pdf/pdfium-embedded_attachments.pdf", 1, "hidden-data.script"},
        // "attachment file spec missing its /EF stream": named, not taken out
        Expected{"pdf/pdfium-embedded_attachments_invalid_data.pdf", 1,
                 "extract.embedded-not-read"},
        // attachments locked with a password of their own: never "empty", never clean
        Expected{"pdf/qpdf-enc-R6-V5-U_attachment-encrypted-attachments.pdf", 1,
                 "extract.embedded-not-read"},
        // the attachment "decodes to a 1026-byte TRUNCATED PDF"
        Expected{"eml/mail-attachment_pdf.eml", 1, "extract.truncated"},
        // winmail.dat (TNEF): read as an email of its own (its text; it carries no files),
        // with nothing in it to report
        Expected{"eml/mimekit-ukr-winmail.eml", 0, ""},
        // a clean scan, read by OCR: nothing to report
        Expected{"images/tesseract-phototest.tif", 0, ""}),
    [](const auto& param_info) {
      std::string name = param_info.param.file;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

// The corpus is never modified, by us or by the tool: every file still has the
// SHA-256 its manifest states.
TEST(CorpusIntegrity, EveryFileMatchesItsManifest) {
  for (const char* manifest : {"MANIFEST.tsv", "redaction/MANIFEST.tsv"}) {
    std::string base =
        CorpusDir() + "/" + (std::string(manifest) == "MANIFEST.tsv" ? "" : "redaction/");
    std::istringstream lines(ReadFile(CorpusDir() + "/" + manifest));
    std::string line;
    std::getline(lines, line);  // header
    std::vector<std::string> header;
    {
      std::istringstream cols(line);
      std::string col;
      while (std::getline(cols, col, '\t')) header.push_back(col);
    }
    size_t sha_col = std::find(header.begin(), header.end(), "sha256") - header.begin();
    ASSERT_LT(sha_col, header.size()) << manifest;
    int checked = 0;
    while (std::getline(lines, line)) {
      std::vector<std::string> cols;
      std::istringstream in(line);
      std::string col;
      while (std::getline(in, col, '\t')) cols.push_back(col);
      if (cols.size() <= sha_col) continue;
      Result<FileDigest> d = DigestFile(base + cols[0]);
      ASSERT_TRUE(d.ok()) << cols[0];
      EXPECT_EQ(d->sha256, cols[sha_col]) << cols[0];
      ++checked;
    }
    EXPECT_GT(checked, 20) << manifest;
  }
}

}  // namespace
}  // namespace qpm::testing
