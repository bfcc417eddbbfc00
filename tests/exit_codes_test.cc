#include "pipeline/core/exit_codes.h"

#include <gtest/gtest.h>

#include <string>

#include "pipeline/core/model.h"

namespace qpm {
namespace {

Submission OneFile() {
  Submission s;
  s.inputs.push_back(Input{"submission.zip", false, false});
  Document d;
  d.id = "D001";
  d.input = 0;
  d.status = DocStatus::kRead;
  d.media_type = "application/pdf";
  s.documents.push_back(d);
  return s;
}

Finding On(int input, std::string rule, Severity severity) {
  Finding f;
  f.rule = std::move(rule);
  f.input = input;
  f.severity = severity;
  return f;
}

TEST(ExitCodes, NothingToDoIsReady) {
  Submission s = OneFile();
  s.findings.push_back(On(0, "ingest.password-used", Severity::kInfo));
  EXPECT_EQ(InputExitCode(s, 0), kExitOk);
  EXPECT_EQ(RunExitCode(s), kExitOk);
  EXPECT_EQ(StatusWord(RunExitCode(s)), "ready");
}

TEST(ExitCodes, ALockedDocumentNeedsAPasswordWhateverItsFindingIsCalled) {
  Submission s = OneFile();
  s.documents[0].locked = true;
  s.documents[0].encrypted = true;
  s.documents[0].status = DocStatus::kFailed;
  s.findings.push_back(On(0, "some.renamed-rule", Severity::kBlocker));
  EXPECT_EQ(InputExitCode(s, 0), kExitPassword);
  // And a finding named as the old signal, with nothing locked, is only a finding.
  Submission t = OneFile();
  t.findings.push_back(On(0, "ingest.password-needed", Severity::kBlocker));
  EXPECT_EQ(InputExitCode(t, 0), kExitFindings);
}

TEST(ExitCodes, AnInputNotFoundOrAnEmptyFolderIsUnreadable) {
  Submission missing;
  missing.inputs.push_back(Input{"gone.zip", false, true});
  EXPECT_EQ(InputExitCode(missing, 0), kExitUnreadable);
  Submission folder;
  folder.inputs.push_back(Input{"empty-folder", true, false});
  EXPECT_EQ(InputExitCode(folder, 0), kExitUnreadable);
  Submission damaged = OneFile();
  damaged.documents[0].status = DocStatus::kFailed;
  EXPECT_EQ(InputExitCode(damaged, 0), kExitUnreadable);
  // A file inside a folder that fails is a finding, not an unreadable input.
  Submission in_folder = OneFile();
  in_folder.inputs[0].folder = true;
  in_folder.documents[0].status = DocStatus::kFailed;
  EXPECT_EQ(InputExitCode(in_folder, 0), kExitOk);
}

TEST(ExitCodes, TheRunTakesTheWorstInputAndABundleNotMadeNeedsAction) {
  Submission s = OneFile();
  s.inputs.push_back(Input{"gone.eml", false, true});
  s.findings.push_back(On(0, "pii.email", Severity::kWarning));
  EXPECT_EQ(InputExitCode(s, 0), kExitFindings);
  EXPECT_EQ(RunExitCode(s), kExitUnreadable);

  Submission ready = OneFile();
  EXPECT_EQ(RunExitCode(ready, {.bundle_failed = true}), kExitFindings);
  // It never lowers a worse code.
  EXPECT_EQ(RunExitCode(s, {.bundle_failed = true}), kExitUnreadable);
}

}  // namespace
}  // namespace qpm
