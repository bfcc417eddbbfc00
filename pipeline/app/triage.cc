#include "pipeline/app/triage.h"

#include <algorithm>
#include <ctime>
#include <iostream>
#include <thread>
#include <utility>
#include <vector>

#include "extractors/classify/classify.h"
#include "pipeline/core/utf8.h"
#include "pipeline/output/bundle.h"
#include "pipeline/output/cover.h"
#include "pipeline/output/output.h"
#include "pipeline/output/report.h"
#include "pipeline/output/report_html.h"
#include "pipeline/platform/atomic_file.h"
#include "pipeline/platform/interrupt.h"
#include "pipeline/platform/sha256.h"
#include "pipeline/platform/workdir.h"
#include "redaction/masking.h"

namespace qpm {
namespace {

Status Interruption() { return Status(StatusCode::kInterrupted, "interrupted"); }

// The bundle, unless personal data withholds it (`withholding` findings remain and no
// --force): written to `path` with `cover` while the work directory still holds what
// was unpacked. `bundle` keeps what the outcome points at.
Result<bundle::Outcome> MakeBundle(const Reading& read, const TriageRequest& request,
                                   int withholding, bundle::Options cover, const std::string& path,
                                   std::optional<bundle::Bundle>& bundle) {
  const Submission& s = read.submission;
  bundle::Outcome outcome;
  if (withholding > 0 && !request.force) {
    outcome.reason = bundle::WithheldReason(withholding);
    return outcome;
  }
  cover.passwords = read.passwords;
  Result<bundle::Bundle> written = bundle::WriteBundlePdf(
      s, request.profile, bundle::PlanEntries(s, request.profile), cover, path);
  if (Interrupted()) return Interruption();
  if (!written.ok()) {
    outcome.failed = true;
    outcome.reason = "The bundle could not be made: " + written.status().message();
    return outcome;
  }
  Result<FileDigest> digest = DigestFile(path);
  if (!digest.ok()) return digest.status();
  bundle = std::move(written.value());
  outcome.written = true;
  outcome.forced = withholding > 0;
  outcome.sha256 = digest->sha256;
  outcome.bundle = &*bundle;
  return outcome;
}

// The bundle, manifest.json, originals/ and both reports, written into a new folder
// that then takes OUT's place.
Result<nlohmann::json> WriteOutputs(const Reading& read, const TriageRequest& request,
                                    unsigned jobs) {
  const Submission& s = read.submission;
  Result<output::Staging> staging = output::Staging::Create(request.out_dir);
  if (!staging.ok()) return staging.status();
  const std::string dir = staging->path();
  // What the workbook states is masked as any text is: "Example Advocacy, contact
  // Jane on 07700 ..." must not put a number on the cover.
  std::string organisation =
      !request.organisation.empty()
          ? request.organisation
          : ValidUtf8(redaction::MaskPersonalData(classify::OrganisationFromWorkbook(s)));
  int withholding = bundle::WithholdingFindings(s);
  bundle::Options cover = bundle::DescribeCover(
      s, request.profile, {request.id, organisation, request.to_assessor, QPM_VERSION},
      withholding);
  cover.jobs = jobs;
  std::optional<bundle::Bundle> bundle;
  Result<bundle::Outcome> outcome =
      MakeBundle(read, request, withholding, cover, dir + "/bundle.pdf", bundle);
  if (!outcome.ok()) return outcome.status();
  nlohmann::json report = report::BuildReport(s, "triage", false, AllRules(), &outcome.value());
  // What the cover says the submission is: for the inbox's register (register.h).
  report["submission"] = {{"reference", cover.id},
                          {"organisation", cover.organisation},
                          {"profile", request.profile.name},
                          {"profile_title", request.profile.title}};
  nlohmann::json manifest = bundle::BuildManifest(s, outcome.value(), cover.id, s.received);
  std::string json_text = report.dump(2) + "\n";
  std::string html = report::RenderHtml(report);
  std::string manifest_text = manifest.dump(2) + "\n";
  for (const auto& [name, contents] :
       {std::pair<std::string, const std::string*>{"report.json", &json_text},
        {"report.html", &html},
        {"manifest.json", &manifest_text}}) {
    Status w = WriteFileAtomically(dir + "/" + name, *contents);
    if (!w.ok()) return w;
  }
  Status bag = output::WriteBag(request.run.inputs, dir + "/originals",
                                {cover.organisation, cover.id, s.received});
  if (!bag.ok()) return bag;
  if (Interrupted()) return Interruption();
  Status committed = staging->Commit();
  if (!committed.ok()) return committed;
  return report;
}

}  // namespace

Result<TriageOutcome> RunTriage(const TriageRequest& request) {
  RunOptions options = request.run;
  options.profile = &request.profile;
  options.lists = request.lists ? &*request.lists : nullptr;
  options.bundle = true;
  options.reveal = false;
  if (options.checks.today.empty()) options.checks.today = Today();
  Result<WorkDir> work = WorkDir::Create();
  if (!work.ok()) return work.status();
  Result<Reading> read = RunPipeline(options, work.value());
  if (!read.ok()) return read.status();
  if (Interrupted()) return Interruption();
  if (!request.quiet) std::cerr << "qpm-intake: writing the bundle and the reports\n";
  unsigned jobs =
      options.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.jobs;
  Result<nlohmann::json> report = WriteOutputs(read.value(), request, jobs);
  if (!report.ok()) {
    if (report.status().code() == StatusCode::kIo) {
      return Status(StatusCode::kIo, "cannot write the results: " + report.status().message());
    }
    return report.status();
  }
  // The work directory goes when `work` does, after everything is written.
  return TriageOutcome{std::move(report.value())};
}

std::string Today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

}  // namespace qpm
