// pipeline/ingest/ingest.h — every way a submission arrives, turned into Documents.
//
// Walks the inputs in order (folders sorted by name), identifies each file by its
// bytes, and unpacks zips and emails in reader processes (sandbox.h) into the
// private work directory, under names of our own. Junk (__MACOSX, .DS_Store,
// Thumbs.db, ~$ lock files, empty files) and exact duplicates are set aside with
// a reason. Archive entries named with "..", an absolute path, a link or a device
// are refused and never written. Limits (model.h) are enforced while reading, and
// reaching one is a finding, not a failed run. Originals are only ever read.
//
// Files carried inside documents are taken out the same way, as documents of
// their own with the document as parent: a PDF's attached files (to the document
// or to a comment; "case.pdf > notes.docx") and a Word file's embedded files and
// any file added beside its own parts ("notes.docx > embedded file 1 (Book1.xlsx)"),
// under the same limits as a zip's entries. The PDF or Word file itself stays a
// document to read.
//
// Documents that hold text (PDF, Word, text, images) are left kPending for the
// extract stage; an email's own text is read here, as page 1 of its Document.
#ifndef QPM_PIPELINE_INGEST_INGEST_H_
#define QPM_PIPELINE_INGEST_INGEST_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/platform/workdir.h"

namespace qpm::ingest {

// Passwords to try on locked files, in the order given. The values never reach
// any output or log; `from` says where one came from, for the report.
class Passwords {
 public:
  void Add(std::string password, std::string from);  // ignores empty and repeated ones
  const std::vector<std::string>& values() const { return values_; }
  const std::string& from(size_t i) const { return from_[i]; }
  size_t size() const { return values_.size(); }

 private:
  std::vector<std::string> values_;
  std::vector<std::string> from_;
};

// Password-like phrases in an email's text: "the password is: X", "Password - X",
// "pwd: X", "Zip password X", "Password" with X on the next line. Returns the
// candidates in order, each also without its trailing punctuation, at most 20;
// they are only ever tried, never shown.
std::vector<std::string> FindPasswordsInText(std::string_view text);

struct Options {
  Limits limits;
  bool passwords_from_emails = true;
};

// Called with a short, already-safe description of what is happening.
using ProgressFn = std::function<void(const std::string& what)>;

// Adds a Document for every file in `submission.inputs`, and findings for what
// could not be taken in. Passwords found in emails are added to `passwords`.
// Returns false when interrupted (Ctrl-C); the submission is then incomplete.
bool Run(Submission& submission, const Options& options, WorkDir& work, Passwords& passwords,
         const ProgressFn& progress);

}  // namespace qpm::ingest

#endif  // QPM_PIPELINE_INGEST_INGEST_H_
