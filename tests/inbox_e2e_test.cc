// End-to-end: `qpm-intake inbox` over samples/inbox (a mailbox the sample generator wrote),
// checked against samples/inbox-planted.json, which the generator wrote from what it planted:
// which files make each submission, its profile, its triage's exit code and its dates.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "redaction/masking.h"
#include "tests/test_util.h"

namespace qpm::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json ReadJson(const std::string& path) { return json::parse(ReadFile(path)); }

RunResult Inbox(const std::string& dir, const std::string& out) {
  RunSpec spec;
  spec.args = {"inbox", dir, "-o", out, "--today", "2026-12-10", "--no-ocr", "--jobs", "2"};
  spec.watchdog_seconds = 1500;
  return RunTool(spec);
}

// The rows of index.json by the files they were made from.
std::map<std::vector<std::string>, json> RowsByFiles(const json& index) {
  std::map<std::vector<std::string>, json> out;
  for (const json& row : index["rows"]) out[row["files"].get<std::vector<std::string>>()] = row;
  return out;
}

// One test, since every step needs the first run: the register as planted; a second run
// triages nothing; a changed file triages only its own submission again.
TEST(InboxEndToEnd, RegistersThePlantedSubmissionsAndTriagesOnlyWhatChanged) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/inbox";
  const std::string out = tmp.path() + "/out";
  fs::copy(SamplesDir() + "/inbox", dir, fs::copy_options::recursive);
  const json planted = ReadJson(SamplesDir() + "/inbox-planted.json");
  ASSERT_EQ(planted["today"], "2026-12-10");

  RunResult first = Inbox(dir, out);
  ASSERT_FALSE(first.timed_out);
  // Some submissions need action, none is locked or unreadable: the worst is 1.
  EXPECT_EQ(first.exit_code, 1) << first.err;
  json index = ReadJson(out + "/index.json");
  EXPECT_EQ(index["schema"], "qpm-intake-register");
  EXPECT_EQ(index["schema_version"], 1);
  ASSERT_EQ(index["rows"].size(), planted["submissions"].size()) << index.dump(1);
  std::map<std::vector<std::string>, json> rows = RowsByFiles(index);
  std::set<std::string> references;
  // The register masks personal data in names and addresses, as every output does.
  auto masked = [](const json& names) {
    std::vector<std::string> names_out;
    for (const json& n : names)
      names_out.push_back(redaction::MaskPersonalData(n.get<std::string>()));
    return names_out;
  };
  for (const json& want : planted["submissions"]) {
    std::vector<std::string> files = masked(want["files"]);
    auto it = rows.find(files);
    ASSERT_NE(it, rows.end()) << "no submission of exactly " << want["files"].dump();
    const json& row = it->second;
    SCOPED_TRACE(want["files"].dump() + ": " + want["planted"].get<std::string>());
    EXPECT_EQ(row["sender"], redaction::MaskPersonalData(want["sender"].get<std::string>()));
    EXPECT_EQ(row["profile"], want["profile"]);
    EXPECT_EQ(row["exit_code"], want["exit_code"]);
    for (const char* date : {"received", "recommended_by", "final_by", "assessment_due"}) {
      EXPECT_EQ(row[date], want[date]) << date;
    }
    EXPECT_TRUE(row["triaged_now"].get<bool>());
    // Its folder holds what triage writes, and the register links to it.
    const std::string folder = row["folder"];
    EXPECT_TRUE(references.insert(folder).second) << "two submissions in " << folder;
    EXPECT_TRUE(fs::exists(out + "/" + folder + "/report.json"));
    EXPECT_EQ(row["report"], folder + "/report.html");
    EXPECT_EQ(fs::exists(out + "/" + folder + "/bundle.pdf"), row["bundle"].is_string());
    // A file sent again later replaces the earlier one: the report says so, the bundle
    // leaves the earlier one out, and originals/ keeps every email.
    const json report = ReadJson(out + "/" + folder + "/report.json");
    int replaced = 0;
    for (const json& f : report["findings"]) replaced += f["rule"] == "ingest.replaced" ? 1 : 0;
    EXPECT_EQ(replaced, want.value("replaced", 0));
    const json manifest = ReadJson(out + "/" + folder + "/manifest.json");
    for (const json& source : manifest["sources"]) {
      if (source["role"] != "replaced") continue;
      EXPECT_TRUE(source["bundle"].is_null()) << source.dump();
      EXPECT_NE(source["not_in_bundle"].get<std::string>().find("replaced by"), std::string::npos);
    }
    for (const std::string& file : want["files"].get<std::vector<std::string>>()) {
      EXPECT_TRUE(fs::exists(out + "/" + folder + "/originals/data/" + file)) << file;
    }
  }
  for (const char* name : {"index.csv", "index.html"}) EXPECT_TRUE(fs::exists(out + "/" + name));

  // Again, with nothing changed: nothing is triaged, and the register is the same.
  RunResult second = Inbox(dir, out);
  EXPECT_EQ(second.exit_code, 1) << second.err;
  EXPECT_NE(second.err.find(" 0 to triage,"), std::string::npos) << second.err;
  json again = ReadJson(out + "/index.json");
  for (json& row : again["rows"]) {
    EXPECT_FALSE(row["triaged_now"].get<bool>()) << row.dump();
    row["triaged_now"] = true;
  }
  EXPECT_EQ(again, index);

  // One email of one submission changes: only that submission is triaged again.
  const std::vector<std::string> changed = masked(json::array({"09 Sam Hill.eml"}));
  std::ofstream(dir + "/09 Sam Hill.eml", std::ios::app) << "\r\n";
  RunResult third = Inbox(dir, out);
  EXPECT_EQ(third.exit_code, 1) << third.err;
  EXPECT_NE(third.err.find(" 1 to triage,"), std::string::npos) << third.err;
  for (const auto& [files, row] : RowsByFiles(ReadJson(out + "/index.json"))) {
    EXPECT_EQ(row["triaged_now"].get<bool>(), files == changed) << row.dump();
  }
}

std::vector<json> PlanLines(const std::string& out_text) {
  std::vector<json> lines;
  size_t start = 0;
  for (size_t end; (end = out_text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(json::parse(out_text.substr(start, end - start)));
  }
  return lines;
}

// --plan lists every triage and runs none; --only runs one, and the next plan knows it.
TEST(InboxEndToEnd, PlanListsTheTriagesAndOnlyRunsTheOneNamed) {
  TempDir tmp;
  const std::string dir = SamplesDir() + "/inbox";
  const std::string out = tmp.path() + "/out";
  const json planted = ReadJson(SamplesDir() + "/inbox-planted.json");
  RunResult plan = RunTool({"inbox", dir, "-o", out, "--plan"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_FALSE(fs::exists(out)) << "--plan wrote something";
  std::vector<json> lines = PlanLines(plan.out);
  ASSERT_EQ(lines.size(), planted["submissions"].size()) << plan.out;
  for (const json& line : lines) {
    EXPECT_TRUE(line["triage"].get<bool>());
    EXPECT_EQ(line["command"][1], "triage");
    EXPECT_NE(std::find(line["command"].begin(), line["command"].end(),
                        out + "/" + line["reference"].get<std::string>()),
              line["command"].end());
  }
  // The Gateway's references take its profile's prefix.
  std::set<std::string> prefixes;
  for (const json& line : lines) prefixes.insert(line["reference"].get<std::string>().substr(0, 4));
  EXPECT_EQ(prefixes, (std::set<std::string>{"QPM-", "QMG-"}));

  const std::string one = lines.front()["reference"];
  RunResult only = RunTool({"inbox", dir, "-o", out, "--only", one, "--no-ocr", "--quiet"});
  EXPECT_TRUE(only.exit_code == 0 || only.exit_code == 1) << only.err;
  json index = ReadJson(out + "/index.json");
  for (const json& row : index["rows"]) {
    bool it = row["reference"] == one;
    EXPECT_EQ(row["triaged_now"].get<bool>(), it) << row.dump();
    EXPECT_EQ(row["status"] == "not-triaged", !it) << row.dump();
  }
  RunResult again = RunTool({"inbox", dir, "-o", out, "--plan", "--no-ocr"});
  for (const json& line : PlanLines(again.out)) {
    EXPECT_EQ(line["triage"].get<bool>(), line["reference"] != one) << line.dump();
  }
  RunResult unknown = RunTool({"inbox", dir, "-o", out, "--only", "QPM-NOSUCH00"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("QPM-NOSUCH00"), std::string::npos) << unknown.err;
}

TEST(InboxEndToEnd, AMissingFolderIsUnreadable) {
  TempDir tmp;
  RunResult r = RunTool({"inbox", tmp.path() + "/no such inbox", "-o", tmp.path() + "/out"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no such inbox"), std::string::npos) << r.err;
}

TEST(InboxEndToEnd, TheOutputFolderMayNotBeInsideTheInbox) {
  TempDir tmp;
  fs::create_directory(tmp.path() + "/inbox");
  RunResult r = RunTool({"inbox", tmp.path() + "/inbox", "-o", tmp.path() + "/inbox/out"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(fs::exists(tmp.path() + "/inbox/out"));
}

}  // namespace
}  // namespace qpm::testing
