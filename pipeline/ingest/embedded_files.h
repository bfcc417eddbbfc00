// pipeline/ingest/embedded_files.h — takes the files a PDF carries out of it, into files.
//
// A PDF may carry files of any type: attached to the document (its /EmbeddedFiles
// name tree) or to a comment (a FileAttachment annotation). Ingest (pipeline/ingest/ingest.h)
// calls this in a reader process of its own, as it unpacks a zip: each file is
// written where `next_path` says (a name of ours, never the file's own name), read
// a bounded amount at a time, so an attachment can be neither a way out of the work
// directory nor a compression bomb. What the files hold is read later, each as a
// document of its own. (A Word file's embedded files are zip entries of its
// package: ingest's zip reader takes them out.) Poppler, behind this file. Never throws.
#ifndef QPM_PIPELINE_INGEST_EMBEDDED_FILES_H_
#define QPM_PIPELINE_INGEST_EMBEDDED_FILES_H_

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/status.h"

namespace qpm::ingest {

// One file found in a PDF, and what became of it.
struct EmbeddedFile {
  std::string name;  // as the PDF names it, for people only; "" when it names none
  int page = 0;      // the page of the comment it is attached to; 0 for the document
  // "ok" (written to `path`, `size` bytes); "bomb" (it decodes to more than
  // `max_ratio` times its stored size); "size-limit" (the run's byte budget ran out:
  // nothing after it was taken out); "entry-limit" (the run's file budget ran out);
  // "no-data" (its specification names a file whose bytes are not in the PDF, or
  // cannot be decoded); "too-deep" (listed only, see `list_only`).
  std::string state;
  std::string detail;  // for "no-data": why, in words
  std::string path;
  uint64_t size = 0;
};
// Its form in a reader process's frames (pipeline/platform/call.h).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EmbeddedFile, name, page, state, detail, path, size)

struct TakeOutOptions {
  uint64_t max_entries = 0;  // files to take out at most (what is left of the run's)
  uint64_t max_bytes = 0;    // bytes to write at most, all files together
  uint32_t max_ratio = 100;  // decoded ÷ stored size of one file ...
  uint64_t ratio_floor_bytes = 10ull << 20;  // ... checked once it is bigger than this
  uint32_t max_pages = 5'000;                // pages whose comments are looked at
  bool list_only = false;                    // name the files ("too-deep"), write nothing
};

// Every file the PDF at `path` carries, document-level ones first, then by page.
// `passwords` are tried in order on a locked PDF. Fails with kPasswordNeeded when
// none opens it, kUnreadable when it is no PDF Poppler can open.
Result<std::vector<EmbeddedFile>> TakeOutPdfFiles(const std::string& path,
                                                  const std::vector<std::string>& passwords,
                                                  const TakeOutOptions& options,
                                                  const std::function<std::string()>& next_path);

}  // namespace qpm::ingest

#endif  // QPM_PIPELINE_INGEST_EMBEDDED_FILES_H_
