// extractors/read/word_text.h — the body text and properties of a .docx (pugixml, behind this
// file).
#ifndef QPM_EXTRACTORS_READ_WORD_TEXT_H_
#define QPM_EXTRACTORS_READ_WORD_TEXT_H_

#include <cstdint>
#include <string>

#include "extractors/read/extract.h"
#include "pipeline/core/status.h"

namespace qpm::extract {

// The visible body text of word/document.xml as one page: paragraphs end with a
// newline; a table row is one line, its cells separated by tabs, paragraphs and
// breaks inside a cell turned into spaces ("1.1<TAB>wording<TAB>☒"). Check boxes
// stand where they are as ☒ (U+2612, checked) or ☐ (U+2610, unchecked), whatever
// kind Word wrote: content controls (w14:checkbox, by their state, the glyph in
// their content not repeated), legacy form fields (FORMCHECKBOX: w:checked, else
// w:default), and boxes drawn in Wingdings or Wingdings 2 (w:sym, or text in
// those fonts); a bare tick or cross in those fonts reads ✓ or ✗. Deleted
// revisions and field codes are left out. Headers, footers, footnotes, endnotes,
// comments and tracked deletions go to Summary::parts (read the same way); core,
// app and custom properties to Summary::metadata; images (read later by OCR,
// extractors/read/ocr_stage.h) are reported as not read until then (embedded files are documents of
// their own, pipeline/ingest/ingest.h). Text blacked out, not deleted
// (its letters do not show on the dark highlight, shading, table cell or text box fill behind it,
// as the run, its styles and the theme say) goes to Summary::hidden, one HiddenText per span
// ("dark-*" kinds, model.h): in the body with its byte range in the page's text, in a header,
// footer or note with its part's name; a span that only marks a removal ("████",
// "[redacted]") is no such text. External entities are never resolved. Each XML part is
// read up to `limits.max_ratio` times its packed size (once over
// `limits.ratio_floor_bytes`), so a Word file cannot be a zip bomb either.
Summary ReadWord(const std::string& path, const Limits& limits, const PageFn& on_page);

// Writes to `dest` a copy of the .docx at `path` in which text whose colour is
// "Automatic" and that Word draws white, on a dark highlight, shading, table cell or
// text box, is marked white: LibreOffice draws such text black, so the PDF it printed
// would black it out. Only the body, headers, footers and notes change; every other
// part is copied packed. Returns false, and writes nothing, when no text needs it.
Result<bool> WriteWordAsDrawn(const std::string& path, const std::string& dest,
                              const Limits& limits);

// The same over the bytes of a document.xml, for tests.
Result<std::string> WordBodyText(const std::string& document_xml);

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_WORD_TEXT_H_
