// pipeline/output/office.h — office files turned into PDF once, before they are read.
//
// .doc, .odt and .rtf, spreadsheets (.xls, .xlsx, .ods) and presentations (.ppt, .pptx,
// .odp) are converted by LibreOffice (convert.h: its own profile in the work directory,
// no network, a time limit, killed with everything it started). The PDF is recorded on
// the Document (converted_pdf) and the extract stage reads it as it reads any PDF, so
// its pages are real pages with numbers and boxes, scanned pages go to OCR and hidden
// text is looked for; the bundle then shows that same PDF. Comments in spreadsheets and
// presentations are exported as PDF comments, and a presentation's speaker notes as
// pages of their own. A word-processing file is also converted to .docx
// (converted_docx), from which only its tracked changes, comments and hidden text are
// read, by the Word reader, so they are found as in a .docx.
//
// A file that cannot be converted (LibreOffice missing, a time-out, a crash, a damaged
// file) is left kFailed, with no pages and an `extract.convert-failed` finding that
// names the file, says why and asks for a PDF.
//
// A Word .docx is read from its own XML (extractors/read/word_text.h). With Options::docx
// (triage, which shows it in the bundle), and whenever it holds drawings, charts,
// diagrams or floating shapes (Document::word_drawings), it is converted here too, and
// the extract stage reads that PDF for what it shows beyond the Word file's own text (a
// drawing's words, a field's result, text under a shape), so the bundle shows nothing
// that was not checked and `scan` reads a drawing's words. A .docx that cannot be
// converted is still read from its XML; convert_problem says why, and the bundle shows
// its text instead.
//
// Runs in this process, one LibreOffice at a time; the caller must be single-threaded
// (fork).
#ifndef QPM_PIPELINE_OUTPUT_OFFICE_H_
#define QPM_PIPELINE_OUTPUT_OFFICE_H_

#include <cstddef>
#include <functional>
#include <string>

#include "pipeline/core/model.h"

namespace qpm::office {

struct Options {
  std::string soffice;             // LibreOffice; "" finds soffice on PATH
  unsigned timeout_seconds = 120;  // for each LibreOffice run
  bool docx = false;               // convert every Word .docx, not only word_drawings
  // Writes a .docx (the first path) as LibreOffice should be given it, at the second
  // path, and says whether it did; when it did, that copy is converted instead of the
  // file. The app gives extract::WriteWordAsDrawn (Word's white "Automatic" text).
  std::function<bool(const std::string&, const std::string&)> prepare_docx;
};

// Called before each file is converted: the file's place in the run (1-based), how
// many there are, and the document.
using ProgressFn = std::function<void(size_t number, size_t total, const Document& document)>;

// Converts every kPending document whose media type IsConvertedOffice
// (pipeline/core/media_types.h), and every .docx with word_drawings (with `options.docx`, every
// .docx), into `work_dir`/convert/, and sets its converted_pdf (and converted_docx); or marks it
// kFailed with a finding (a .docx: sets its convert_problem instead). Stops early on
// Ctrl-C, leaving the rest kPending.
void ConvertAll(Submission& submission, const Options& options, const std::string& work_dir,
                const ProgressFn& progress);

}  // namespace qpm::office

#endif  // QPM_PIPELINE_OUTPUT_OFFICE_H_
