// pipeline/app/serve.h — the local page (`qpm-intake serve`, docs/serve.md): a web
// server on 127.0.0.1 only, for people who will not use a command line. They choose
// or drop files on the page, see what the scan finds on pictures of the pages, untick
// what is fine, and take away a safe copy (redact.h) and the list (report.html).
//
//   - Every address is under /TOKEN/, a random token printed with the address; any
//     other is refused (403), as is a form sent from another site or a request naming
//     another host. Uploads are limited in bytes and files (413); one check at a time
//     (409). The CSP and other headers of every answer are docs/serve.md's.
//   - A check runs in a thread of its own, through the same stages, reader processes
//     and limits as scan (runner.h), with the values kept in memory for the page.
//     Uploads are written under the server's private work directory (workdir.h), each
//     name made safe by SafeUploadPath.
//   - Everything received and made is deleted on Finish, after `idle_minutes` with no
//     request, and when the server stops (Ctrl-C, SIGTERM). Nothing it logs names a
//     file or holds a value.
#ifndef QPM_PIPELINE_APP_SERVE_H_
#define QPM_PIPELINE_APP_SERVE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/app/runner.h"

namespace qpm {

struct ServeRequest {
  RunOptions run;     // the limits, --jobs and the OCR time limit; inputs are the uploads
  uint16_t port = 0;  // 0: a free port
  bool open = false;  // open the address in the browser (xdg-open)
  uint64_t max_upload_mb = 200;
  unsigned max_files = 500;
  unsigned idle_minutes = 30;
};

// Serves until Ctrl-C or SIGTERM, having printed the address on stdout, and returns the
// exit code: 130 once stopped (everything received deleted), 2 when 127.0.0.1:port
// cannot be listened on, kIo's 2 when no work directory can be made.
int RunServe(const ServeRequest& request);

// Where under the upload folder a file the browser names `name` is written: the name
// split at '/' and '\', each part made safe (control characters and invalid UTF-8
// replaced, a leading dot replaced by '_', so never "." or ".."; at most 200 bytes),
// empty parts dropped, so never absolute; at most 32 folders deep. Folders stay
// folders: "cases/CF01/notes.pdf" is kept as it is. nullopt when nothing is left.
std::optional<std::string> SafeUploadPath(std::string_view name);

}  // namespace qpm

#endif  // QPM_PIPELINE_APP_SERVE_H_
