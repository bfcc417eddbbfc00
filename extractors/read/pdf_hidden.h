// extractors/read/pdf_hidden.h — text a PDF carries where nobody sees it (Poppler's own
// interpreter and renderer, behind this file).
//
// A page is read twice over: once through an output device that records every
// glyph (its box, render mode, colour, size, clip) and every shape, image and
// annotation painted around it, in drawing order; and, when anything could hide a
// glyph, rendered twice, with its text and without (as ../shared/notes/redaction.md
// §2 describes). A glyph whose box is the same in both renders adds nothing to
// the page: it is hidden, whatever hides it, and what the page shows there says
// how (a dark or patterned area: a failed redaction; a light, even one: text in the
// colour of the paper). Invisible text (an OCR layer) is hidden by design and is
// only reported where the page beneath it is an even dark or blank area.
//
// Besides the pages: text outside the crop box, text too small to read, text in a
// layer switched off, Redact annotations never applied, JavaScript and launch
// actions, and words an earlier revision of the file (an incremental update) had on
// a page and the last one does not.
//
// Reads hostile files: run it in a child process (FindHiddenTextApart). Never throws.
#ifndef QPM_EXTRACTORS_READ_PDF_HIDDEN_H_
#define QPM_EXTRACTORS_READ_PDF_HIDDEN_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "extractors/read/extract.h"
#include "pipeline/core/model.h"
#include "pipeline/core/status.h"

namespace qpm::extract {

// The hidden text on the first `max_pages` pages of the PDF at `path`, opened with
// `password` ("" when it needs none), in page order. Boxes are in the coordinates
// of pdf_text.h's word boxes. Fails with kPasswordNeeded or kUnreadable.
Result<std::vector<HiddenText>> FindHiddenText(const std::string& path, const std::string& password,
                                               uint32_t max_pages);

// FindHiddenText in a child process of its own (pipeline/platform/sandbox.h). Fails with
// kCrashed or kTimeout besides the above.
Result<std::vector<HiddenText>> FindHiddenTextApart(const std::string& path,
                                                    const std::string& password,
                                                    const Limits& limits, uint32_t timeout_seconds);

// For the PDF branch of Extract: after ReadPdf has filled `s` (and not failed),
// finds the hidden text with the password that opened the document, within what is
// left of the document's time budget since `started`, into s.hidden. When it cannot,
// adds a warning extract.hidden-not-checked saying why.
void AddPdfHiddenText(const std::string& path, const std::vector<std::string>& passwords,
                      const Limits& limits, std::chrono::steady_clock::time_point started,
                      Summary& s);

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_PDF_HIDDEN_H_
