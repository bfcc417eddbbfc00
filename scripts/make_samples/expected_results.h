// scripts/make_samples/expected_results.h — expected results: the `<sample>.expected.json`
// beside each sample, written from what the generator planted, and where the samples go
// (Output, which also keeps the table of samples/README.md).
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_EXPECTED_RESULTS_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_EXPECTED_RESULTS_H_

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fixed_values.h"

namespace qpm::samples {

// Short names every writer uses.
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// A finding a run must give: its rule and, when set, its file, page, field and count.
Json FindingJson(std::string rule, std::string file = "", int page = -1, std::string field = "",
                 int count = 0);

// A document a run must list: its path and, when set, its media type, pages and status.
Json DocJson(std::string path, std::string media_type = "", int pages = -1,
             std::string status = "");

// One run of qpm-intake on a sample (`command` is scan or triage) and what it must give: the
// exit code (nullopt: not asserted), findings, rules that must not appear, the worst severity
// allowed (nullopt: any) and the documents.
Json RunJson(std::string command, std::vector<std::string> args, std::optional<int> exit_code,
             Json findings, std::vector<std::string> absent_rules,
             std::optional<std::string> max_severity, Json documents);

// Media types, as report.json gives them.
constexpr char kPdf[] = "application/pdf";
constexpr char kZip[] = "application/zip";
constexpr char kEml[] = "message/rfc822";
constexpr char kDocx[] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr char kText[] = "text/plain";

// Every rule a clean sample must not raise.
extern const std::vector<std::string> kAllProblemRules;

// Rules a well-formed file with no personal data must not raise: nothing failed to read, nothing
// was left unchecked.
extern const std::vector<std::string> kReadProblemRules;

// `doc` with the role triage must give it ("workbook", "case-file").
Json WithRole(Json doc, const std::string& role);

// Where the samples go, what was written, and the table for README.md.
class Output {
 public:
  explicit Output(fs::path root) : root_(std::move(root)) {}

  void Write(const std::string& relative, std::string_view bytes) {
    fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    // Write to a temporary name and rename, so a reader never sees half a sample.
    fs::path temporary = path;
    temporary += ".tmp";
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out) Fail("cannot write " + temporary.string());
    }
    fs::rename(temporary, path);
    written_.emplace_back(relative, bytes.size());
  }

  // Writes `<sample>.expected.json` and remembers the sample for README.md.
  void Expect(const std::string& sample, const std::string& planted, Json runs,
              Json planted_values = Json::array(), Json secrets = Json::array(),
              Json extra = Json::object()) {
    Json expected;
    expected["sample"] = sample;
    expected["planted"] = planted;
    expected["runs"] = runs;
    expected["planted_values"] = std::move(planted_values);
    expected["secrets"] = std::move(secrets);
    for (auto& [key, value] : extra.items()) expected[key] = value;
    Write(sample + ".expected.json", expected.dump(2) + "\n");
    table_.push_back({sample, planted, Summarise(runs)});
  }

  std::string Readme() const {
    std::string out =
        "# Samples\n\n"
        "Invented QPM desktop submissions, written by `scripts/make-samples` "
        "(`scripts/make_samples/make_samples.cc`). Do not edit these files by hand: change the "
        "generator and run it again.\n\n"
        "Every organisation, person and case here is invented. Planted personal data uses only "
        "NHS numbers from the never-issued 999 range and `example.com` / `example.org` email "
        "addresses.\n\n"
        "Beside each sample, `<sample>.expected.json` holds what `qpm-intake` must report for "
        "it, written from what the generator planted (never from the tool's output): the runs "
        "(`scan` or `triage`, arguments, exit code, findings that must appear, rules that must "
        "not, the worst severity allowed, documents with media type, pages and status), the "
        "personal-data values planted and the passwords involved. A finding may name its "
        "rule, file, page, field and `message_contains` (words its message must hold, such as "
        "an indicator id) and a `count`; a run with `only_findings` must give exactly the "
        "findings listed above info, each `count` times, and no other: a planted gap gives its "
        "finding and nothing else.\n\n"
        "Planted personal data other than in `broken/` and `scans/`: the Gateway samples' "
        "referees have invented names, `example.org` addresses and numbers from Ofcom's drama "
        "ranges (01632 960xxx, 07700 900xxx), never allocated to anyone.\n\n"
        "`inbox/` is a support team's saved mailbox for `qpm-intake inbox`: fifteen emails "
        "(.eml, an Outlook .msg, a winmail.dat inside an email) and a folder, which make thirteen "
        "submissions; `inbox-planted.json` says which files make each one and what the register "
        "must say of it (`scripts/make_samples/inbox_samples.cc`).\n\n"
        "Byte-for-byte reproducible, except `broken/aes-no-password.zip`, "
        "`broken/zipcrypto.zip`, `broken/password-in-second-email/1 submission.eml` and "
        "`inbox/02 Riverside submission.eml`: "
        "WinZip AES and ZipCrypto encryption use a random salt or header on every run. "
        "Running the generator again over an existing `samples/` keeps those files' old bytes "
        "when what they decrypt to has not changed.\n\n"
        "`fail-closed/case-notes.doc` is not written by the generator either: it is "
        "`fail-closed/case-notes.odt` saved as Word 97-2003 by LibreOffice, made once by "
        "`scripts/make-legacy-doc` and committed, since the generator cannot write that binary "
        "format (its expected result is the generator's).\n\n"
        "`scans/ocr/` holds what Tesseract read on the scanned samples, recorded by "
        "`scripts/record-ocr` (not by the generator). The end-to-end runs replay it "
        "(`--ocr-replay scans/ocr`), so they need no OCR engine and do not depend on its "
        "version; `tests/ocr_test.cc` checks every recording against the words the generator "
        "drew, and its tests labelled `ocr` check that the engine still reads the same.\n\n"
        "`pii/` holds the labelled set for the personal-data detectors: 458 cases of "
        "referral forms, case notes, letters, consent forms and look-alikes, written by people "
        "(not by the generator) who had not read the detectors. `pii/README.md` gives its "
        "format; `scripts/bench-pii` scores the detectors on it.\n\n"
        "| sample | what it exercises | expected |\n|---|---|---|\n";
    for (const Row& row : table_) {
      out +=
          "| `" + row.sample + "` | " + Escape(row.planted) + " | " + Escape(row.outcome) + " |\n";
    }
    return out;
  }

  const std::vector<std::pair<std::string, size_t>>& written() const { return written_; }
  const fs::path& root() const { return root_; }

 private:
  struct Row {
    std::string sample;
    std::string planted;
    std::string outcome;
  };

  static std::string Escape(std::string text) {
    std::string out;
    for (char c : text) {
      if (c == '|') out += '\\';
      out += c;
    }
    return out;
  }

  static std::string Summarise(const Json& runs) {
    std::string out;
    for (const Json& run : runs) {
      if (!out.empty()) out += "; ";
      out += "`" + run["command"].get<std::string>();
      for (const Json& arg : run["args"]) out += " " + arg.get<std::string>();
      out += "`: exit ";
      out +=
          run["exit_code"].is_null() ? "not asserted" : std::to_string(run["exit_code"].get<int>());
      std::map<std::string, int> rules;
      for (const Json& f : run["findings"]) {
        rules[f["rule"].get<std::string>()] += f.contains("count") ? f["count"].get<int>() : 1;
      }
      for (const auto& [rule, count] : rules) {
        out += ", " + rule + (count > 1 ? " x" + std::to_string(count) : "");
      }
      if (!run["max_severity"].is_null()) {
        out += ", nothing above " + run["max_severity"].get<std::string>();
      }
    }
    return out;
  }

  fs::path root_;
  std::vector<std::pair<std::string, size_t>> written_;
  std::vector<Row> table_;
};

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_EXPECTED_RESULTS_H_
