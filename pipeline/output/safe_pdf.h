// pipeline/output/safe_pdf.h — writes a safe copy's PDF (qpdf, behind safe_pdf.cc).
//
// The file holds nothing but its pages: each page is one picture (the page as
// burnt, pipeline/core/safe_copy.h) drawn over the whole page, an invisible text
// layer (render mode 3, Helvetica) with each word OCR read placed on its box so the
// copy can be searched and copied from, and, unless labels are off, each box's label
// in small white letters on the box. No Info dictionary, XMP, annotations, form,
// outline, names (attachments, scripts), optional content or page labels, and one
// revision: the file is written whole. The same pages give the same bytes (a
// deterministic /ID).
//
// Pages are added one at a time; each page's image bytes go to a file in a private
// work folder as it is added, and are read back one page at a time while the file is
// written, so memory is bounded by a page, not by the document.
#ifndef QPM_PIPELINE_OUTPUT_SAFE_PDF_H_
#define QPM_PIPELINE_OUTPUT_SAFE_PDF_H_

#include <memory>
#include <string>

#include "pipeline/core/safe_copy.h"
#include "pipeline/core/status.h"

namespace qpm::output {

class SafePdfWriter {
 public:
  struct Options {
    bool labels = true;  // false (--no-labels): boxes carry no label
  };

  // `work_dir` is an existing private folder; the writer makes its own files in it
  // and removes them when written or destroyed.
  SafePdfWriter(std::string work_dir, Options options);
  ~SafePdfWriter();
  SafePdfWriter(const SafePdfWriter&) = delete;
  SafePdfWriter& operator=(const SafePdfWriter&) = delete;

  // Adds the next page. Its image is `page.image.data`, or the file `page.image.file`
  // names when data is empty (then the writer takes the file over and removes it).
  // Fails with kUnsupported for an image whose size, components or encoding do
  // not fit ("raw" data must be width × height × components bytes), kIo when the
  // work file cannot be written. A page that fails is not added, and its file stays
  // the caller's.
  Status AddPage(CopyPage page);

  // Writes every page added, in order, to `path`: to a temporary name beside it,
  // then renamed. Fails with kIo (and leaves nothing at `path`) when it cannot, and
  // then keeps the pages to be written again; with kUnsupported when no page was
  // added. Once written, the writer holds no pages and no files.
  Status Write(const std::string& path);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace qpm::output

#endif  // QPM_PIPELINE_OUTPUT_SAFE_PDF_H_
