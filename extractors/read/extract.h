// extractors/read/extract.h — reads the text a document carries, a page at a time.
//
// Runs in a reader process (pipeline/platform/sandbox.h): Poppler and the XML parser meet
// hostile files here, and a crash or a hang costs only this document. Pages are
// handed to `on_page` as soon as each is read, so a time-out keeps what was read
// before it, and the runner never mistakes a partial read for a complete one.
// Does no I/O beyond reading the document. Never throws.
#ifndef QPM_EXTRACTORS_READ_EXTRACT_H_
#define QPM_EXTRACTORS_READ_EXTRACT_H_

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/model.h"

namespace qpm::extract {

// What reading one document found besides its pages.
struct Summary {
  DocStatus status = DocStatus::kRead;
  int page_count = 0;  // pages the document has
  bool encrypted = false;
  bool locked = false;     // encrypted, and no password tried opened it
  int password_used = -1;  // index into the passwords tried; -1 when none was needed
  std::vector<std::pair<std::string, std::string>> metadata;
  std::vector<TextPart> parts;
  std::vector<FormField> fields;   // a PDF's form fields (pdf_forms.h)
  std::vector<HiddenText> hidden;  // a PDF's hidden text (pdf_hidden.h)
  std::vector<Finding> findings;   // document is left "" for the runner to fill in
  // A PDF's comments and mark-ups (pdf_text.h counts them), and whether what they
  // cover was checked (pdf_hidden.h): when not, Extract notes it once.
  int markups = 0;
  bool markups_checked = false;
};

// A Summary crosses from the reader's process to the runner's (pipeline/platform/call.h).
void to_json(nlohmann::json& j, const Summary& s);
void from_json(const nlohmann::json& j, Summary& s);

using PageFn = std::function<void(Page&&)>;

// Reads `doc` (by its work_path and media_type). `passwords` are tried, in order,
// on a locked PDF; their values are never copied into anything returned.
Summary Extract(const Document& doc, const std::vector<std::string>& passwords,
                const Limits& limits, const PageFn& on_page);

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_EXTRACT_H_
