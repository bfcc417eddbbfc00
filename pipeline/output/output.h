// pipeline/output/output.h — the output folder as a whole: written aside, then swapped in.
//
// triage writes every output into a new folder beside OUT, and only when all of
// them are complete puts it in OUT's place with one rename (Linux's
// RENAME_EXCHANGE where the file system has it). So OUT holds either the previous
// complete result or the new one, never half of either. A run that fails or is
// interrupted leaves OUT as it was and removes its own folder.
#ifndef QPM_PIPELINE_OUTPUT_OUTPUT_H_
#define QPM_PIPELINE_OUTPUT_OUTPUT_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace qpm::output {

// What triage writes into OUT; nothing else may be there for OUT to be replaced.
inline constexpr const char* kOutputNames[] = {"report.json", "report.html", "manifest.json",
                                               "bundle.pdf", "originals"};

// Why `out_dir` may not be triage's output folder, in words; "" when it may. It may
// not be inside an input folder (the report would be read as part of the submission),
// overwrite an input, or hold anything triage did not write (the whole folder is
// replaced): an existing report, HTML page or manifest must carry the phrase triage
// always writes in it. Paths are compared as the system resolves them (links, "..").
std::string RefusedOutputFolder(const std::string& out_dir, const std::vector<std::string>& inputs);

class Staging {
 public:
  // Makes ".<name>.qpm-new-XXXXXX" beside `out_dir` (mode 0700).
  static Result<Staging> Create(const std::string& out_dir);
  Staging(Staging&& other) noexcept;
  Staging& operator=(Staging&&) = delete;
  Staging(const Staging&) = delete;
  ~Staging();  // removes the folder unless it was committed

  const std::string& path() const { return path_; }

  // Puts the folder in OUT's place; the previous OUT, if any, is removed after.
  Status Commit();

 private:
  Staging(std::string out, std::string path) : out_(std::move(out)), path_(std::move(path)) {}
  std::string out_;
  std::string path_;
  bool committed_ = false;
};

// Copies each input, byte for byte, into `bag`/data/ and writes the BagIt tag files
// (RFC 8493): bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt.
// Folders are copied with their files; links and special files are skipped, and so
// is a file that cannot be read any more (bag-info.txt counts them).
// `bagging_date` (YYYY-MM-DD) is written as given, so that the bag is the same
// byte for byte on every run over the same input.
struct BagInfo {
  std::string organisation;
  std::string external_id;  // "QPM-1234"
  std::string bagging_date;
};
Status WriteBag(const std::vector<std::string>& inputs, const std::string& bag,
                const BagInfo& info);

}  // namespace qpm::output

#endif  // QPM_PIPELINE_OUTPUT_OUTPUT_H_
