// scripts/make_samples/embedded_samples.h — samples of files carried inside other files:
// a Word file attached to a PDF (samples/fail-closed/attachment-in-pdf.pdf).
//
// The PDF is written by hand, object by object, so that it holds exactly one page of
// ordinary text and one attached file in its /EmbeddedFiles name tree, and nothing a PDF
// library would add.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_EMBEDDED_SAMPLES_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_EMBEDDED_SAMPLES_H_

#include <functional>
#include <string>
#include <vector>

namespace qpm::samples {

// One fail-closed sample (docs: samples/README.md, the fail-closed contract): a file with
// a client's name and NHS number planted in one place only.
struct FailClosedSample {
  std::string name;     // file name inside samples/fail-closed/
  std::string bytes;    // the file
  std::string planted;  // what it holds, for README.md
  std::string client;   // the planted name, as printed
  std::string nhs;      // the planted NHS number, as printed
  // The file the findings must be on, as report.json names it (the origin chain from
  // the sample's own name), and their page there; -1 when it has none (a Word body).
  std::string finding_file;
  int finding_page = -1;
};

// A PDF of ordinary text (a case file's cover sheet, nothing personal) with a Word file
// attached to it, whose body holds the client's name and NHS number. `make_docx` makes a
// Word file whose body is the given paragraphs.
FailClosedSample AttachmentInPdfSample(
    const std::function<std::string(const std::vector<std::string>& paragraphs)>& make_docx);

// A PDF of `lines` in Helvetica on one A4 page, with `attachments` (name, bytes) in its
// /EmbeddedFiles name tree, stored as they are.
std::string PdfWithAttachments(const std::vector<std::string>& lines,
                               const std::vector<std::pair<std::string, std::string>>& attachments);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_EMBEDDED_SAMPLES_H_
