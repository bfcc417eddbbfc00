// extractors/read/poppler_page.h — opening a PDF, and one of its pages, with Poppler's
// C++ interface: one place for trying the passwords, for the readers that use it
// (pdf_text.cc, ocr.cc; copy_page.cc through ocr.cc).
//
// Internal to extractors/read/: the types are Poppler's, named here only, so whoever
// includes this includes Poppler's headers in its .cc too. Never throws.
#ifndef QPM_EXTRACTORS_READ_POPPLER_PAGE_H_
#define QPM_EXTRACTORS_READ_POPPLER_PAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace poppler {
class document;
class page;
}  // namespace poppler

namespace qpm::extract {

struct OpenedPdf {
  std::unique_ptr<poppler::document> doc;  // null: Poppler could not open the file
  bool was_locked = false;                 // it asked for a password
  int password_used = -1;                  // the index in `passwords` that opened it; -1: none
};

// Opens the PDF at `path`; a locked one is tried with each of `passwords`, as given
// and as Latin-1, until one opens it (doc->is_locked() still true when none does).
OpenedPdf OpenPdf(const std::string& path, const std::vector<std::string>& passwords);

// Page `number` (1-based) of the PDF at `path`, opened as OpenPdf does. The document
// lives as long as the page is used. Fails with kUnreadable (damaged, no such page)
// or kPasswordNeeded.
struct OpenedPage {
  OpenedPdf pdf;
  std::unique_ptr<poppler::page> page;
};
Result<OpenedPage> OpenPdfPage(const std::string& path, int number,
                               const std::vector<std::string>& passwords);

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_POPPLER_PAGE_H_
