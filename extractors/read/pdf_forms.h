// extractors/read/pdf_forms.h — a PDF's fillable form fields, as the file stores them
// (PoDoFo, behind this file).
//
// Reads what a form holds, not what its page text shows: a check box's state, a
// radio button's export value, a text field's typed answer. Every widget on every
// page is one FormField, in page order and in the order of the page's /Annots;
// fields with no widget on any page come last, with page 0. Names are the full
// dotted names ("Form.Section.Check Box7"): often generic, so a field is tied to
// what it answers by its box, not its name.
//
// A field's box is in the same coordinates as the Poppler word boxes of
// pdf_text.h: points, origin at the top left of the crop box as displayed, y
// downwards, with the page's /Rotate applied; so a box and the words beside it
// can be compared directly.
//
// Reads hostile files: loops in /Parent, /Kids and the page tree are cut, and
// arrays and strings are read only up to fixed limits. Never throws.
#ifndef QPM_EXTRACTORS_READ_PDF_FORMS_H_
#define QPM_EXTRACTORS_READ_PDF_FORMS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "extractors/read/extract.h"
#include "pipeline/core/model.h"
#include "pipeline/core/status.h"

namespace qpm::extract {

// The widgets on the first `max_pages` pages of the PDF at `path` and the fields
// that have none, opened with `password` ("" when it needs none; tried as given
// and as Latin-1 bytes).
//
// kind: "checkbox", "radio", "button" (push button), "text", "choice",
// "signature"; widgets whose field has no known /FT are left out. Other
// annotations that carry text (sticky notes, highlights, free text, drawn boxes,
// stamps; not links or pop-ups) come as kind "comment", in page order with the
// widgets: name is the author (/T), value the text (/Subj and /Contents), no box.
// Files attached to the document (its /EmbeddedFiles) come last, as kind
// "attachment" with page 0: name is the file's name, value its description.
// on / value: a check box is on when its /AS names a state other than /Off, or,
// without /AS, when the field's /V does; value is that state's name (its export
// value, whatever it is called: /Yes, /Ja, /1, /privacy), mapped through the
// field's /Opt when it has one. A radio button likewise, one FormField per
// widget, the on one carrying the group's export value. Text: /V as UTF-8.
// Choice: /V, several selected values one per line. Buttons and signatures: "".
// hidden: /F says hidden or no-view, the widget has no area, lies wholly off the
// crop box, or is on no page.
//
// Fails with kPasswordNeeded when `password` does not open the file, kUnreadable
// when PoDoFo cannot parse it (a file Poppler reads may still fail here).
Result<std::vector<FormField>> ReadPdfFormFields(const std::string& path,
                                                 const std::string& password, uint32_t max_pages);

// ReadPdfFormFields in a child process of its own (pipeline/platform/sandbox.h), so that a
// PoDoFo crash or hang on a hostile file costs only the fields, never the pages
// Poppler has read. Fails with kCrashed or kTimeout besides the above.
Result<std::vector<FormField>> ReadPdfFormFieldsApart(const std::string& path,
                                                      const std::string& password,
                                                      const Limits& limits,
                                                      uint32_t timeout_seconds);

// For the PDF branch of Extract: after ReadPdf has filled `s` (and not failed),
// reads the form fields with the password that opened the document into
// s.fields, within what is left of the document's time budget since `started`.
// When they cannot be read and the file shows signs of a form (/AcroForm or
// /Widget in its bytes), adds an info finding extract.forms-not-read; otherwise
// adds nothing.
void AddPdfFormFields(const std::string& path, const std::vector<std::string>& passwords,
                      const Limits& limits, std::chrono::steady_clock::time_point started,
                      Summary& s);

}  // namespace qpm::extract

#endif  // QPM_EXTRACTORS_READ_PDF_FORMS_H_
