// pipeline/core/model.h — the nouns every stage shares.
//
// Plain, copyable structs with no library types. Pages are 1-based; boxes are PDF
// points; offsets are UTF-8 byte offsets into the page's text. Each stage reads
// what the previous one produced and adds to it; none reaches back.
//
//   Submission ─ inputs[]     what the user named on the command line
//              ─ documents[]  every file found, in the order it was found
//                  └ pages[]  text and word boxes, as the extractor read them
//              ─ findings[]   problems in the submission, and failures to read it
#ifndef QPM_PIPELINE_CORE_MODEL_H_
#define QPM_PIPELINE_CORE_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qpm {

enum class Severity { kInfo, kWarning, kBlocker };
enum class Category { kIngest, kExtract, kCompleteness, kPersonalData, kRedaction, kHiddenData };

std::string_view ToString(Severity severity);  // "info" | "warning" | "blocker"
std::string_view ToString(Category category);  // "ingest" | "extract" | ... as DESIGN.md names them

// Resource limits. Every report states the values it ran with.
struct Limits {
  uint64_t max_entries = 10'000;             // files taken out of archives and emails, per run
  uint64_t max_total_bytes = 2ull << 30;     // bytes unpacked per run, counted while reading
  uint32_t max_ratio = 100;                  // unpacked ÷ packed size of one archive entry ...
  uint64_t ratio_floor_bytes = 10ull << 20;  // ... checked once the entry is bigger than this
  uint32_t max_depth = 8;                    // containers inside containers
  uint32_t doc_timeout_seconds = 120;        // wall time to unpack or read one file
  uint64_t max_memory_bytes = 2ull << 30;    // address space of one reader process
  uint32_t max_pages = 5'000;                // pages read from one document
  uint32_t ocr_page_timeout_seconds = 60;    // wall time to read one scanned page; 0: OCR off
  // Bytes the streams of one PDF may unpack to, pictures and attached files aside
  // (extractors/read/pdf_inflate.h).
  uint64_t max_inflate_bytes = 128ull << 20;
};

// A rectangle in PDF points, origin at the top left of the page as displayed,
// y growing downwards (as Poppler reports text boxes).
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool operator==(const Box&) const = default;
};

// One word and where it sits: its box on the page and its byte range in Page::text.
struct Word {
  std::string text;
  Box box;
  uint32_t start = 0;
  uint32_t end = 0;
  float confidence = -1;  // OCR's confidence in this word, 0-100; -1 when not from OCR
};

enum class TextSource {
  kNone,       // nothing readable on this page
  kTextLayer,  // a PDF's own text
  kWordBody,   // the body of a Word document
  kPlain,      // a plain-text file, byte for byte
  kHtml,       // an HTML file: the text a browser shows, tags removed, entities decoded
  kEmailBody,  // the text of an email
  kOcr,        // read by OCR from the page as rendered (a scan, or a page of images)
};
std::string_view ToString(TextSource source);

// Why a reader leaves a whole page to OCR (extractors/read/ocr_stage.h), which reads it,
// or says that it stays unread and why.
enum class OcrNeed {
  kNone,         // the page's own text is what it shows
  kNoTextLayer,  // a PDF page with no text: probably a scanned image
  kThinText,     // a PDF page with almost no text, in a PDF that holds images: probably a scan
  kImage,        // a frame of an image file
};

struct Page {
  int number = 1;  // 1-based
  TextSource source = TextSource::kNone;
  std::string text;  // for plain-text files, the file itself, unchanged
  std::vector<Word> words;
  double width = 0, height = 0;  // points; 0 when the format has no pages
  // OCR only: the mean confidence of the page's words (0-100), and the turn (0, 90,
  // 180, 270 degrees clockwise) that made the scan upright before it was read. Word
  // boxes are always on the page as displayed, whatever the turn.
  float ocr_confidence = -1;
  int ocr_rotation = 0;
  // Set by the reader; the OCR stage reads the page and sets it back to kNone, or says
  // why it stays unread.
  OcrNeed needs_ocr = OcrNeed::kNone;
  // Set by the reader on a page with text of its own whose document holds pictures: how
  // many it holds (a PDF's image objects, a Word file's images). The OCR stage lists and
  // reads those on the page and sets it back to 0, or says they were not read.
  int pictures_to_read = 0;
};

// A fillable form field's widget on a page (PDF AcroForm): what the form holds,
// which can differ from what the page's text shows.
struct FormField {
  std::string name;     // the field's full name, often generic: "Check Box7", "Text12"
  std::string kind;     // "checkbox", "radio", "text", "choice", "signature", "button"
  std::string value;    // text and choice: the value; check box and radio: the export value when on
  bool on = false;      // a check box or radio button that is set
  bool hidden = false;  // the widget is hidden or not printed
  int page = 0;         // 1-based page the widget is on; 0 when it is on none
  std::optional<Box> box;  // the widget on the page as displayed (as Word boxes are)
};

// Text a document carries besides its pages: Word headers and footers,
// footnotes, comments, tracked deletions. Findings in a part name it in
// Finding::field; they have no page and no offsets.
struct TextPart {
  std::string name;  // "header", "footer", "footnotes", "endnotes", "comments", "deleted text"
  std::string text;
  bool hidden = false;  // not shown when the document is read as finished (comments, deletions)
};

// Text a PDF carries where a reader of the page cannot see it (extractors/read/pdf_hidden.h):
// under a box drawn over it, in the page's own colour, off the page, in a layer
// switched off, or only in an earlier revision of the file. Also Word text blacked
// out by what lies behind it (extractors/read/word_text.h).
struct HiddenText {
  // "covered": visible text that adds nothing to the page as shown, under something
  //   dark or patterned drawn over it or in the colour beneath it (a failed redaction);
  // "covered-scan": an invisible text layer (OCR) under a dark area of the page;
  // "background": text in the colour of a light background, or under a white shape;
  // "invisible": an invisible text layer over blank paper;
  // "tiny": text too small to read; "off-page": text outside the page as shown;
  // "hidden-layer": text in an optional-content layer that is switched off;
  // "earlier-revision": words an earlier revision of the file had on this page;
  // "redact-mark": a redaction marked and never applied (text: what is under it);
  // "script": JavaScript or a launch action (text: what kind; page 0 for the document);
  // "covered-by-shape": Word text under a shape or picture laid over it, found on the
  //   PDF made of the file (its page and box there);
  // Word: "dark-highlight", "dark-shading", "dark-cell", "dark-text-box": text in a
  // colour that does not show on the dark highlight, run or paragraph shading, table
  // cell shading or text box fill behind it (a redaction that only looks done).
  std::string kind;
  int page = 0;  // 1-based; 0 when about the whole document
  std::optional<Box> box;
  std::string text;  // the hidden characters: personal data, never shown without --reveal
  // Word only: the part the text is in ("body", "table", "text box", "header", "footer",
  // "footnotes", "endnotes"; "printed copy" for what its PDF shows, with that PDF's page
  // and box) and, in the body's page, its byte range in the page's text.
  std::string where = {};
  std::optional<uint32_t> start = {}, end = {};
  // "covered", "background": something painted after the text lies over it (a shape or
  // picture laid over it), rather than the text sitting in the colour beneath it.
  bool drawn_over = false;
};

// What became of a file.
enum class DocStatus {
  kPending,     // found, not yet read
  kRead,        // every page read
  kPartlyRead,  // some pages read, then a failure or a limit: never shown as complete
  kFailed,      // could not be read at all (damaged, password, time-out, crash)
  kNotRead,     // a type this version does not read (an image before OCR, a .doc)
  kSetAside,    // junk or an exact duplicate, with the reason in Document::set_aside
  kUnpacked,    // a container (zip, email) whose contents became documents of their own
};
std::string_view ToString(DocStatus status);

struct Document {
  std::string id;                   // "D001", "D002", ... in the order found
  int input = 0;                    // index into Submission::inputs
  std::string parent;               // id of the container it came out of; "" at the top
  std::vector<std::string> origin;  // names from the input down to this file
  std::string sha256;               // hex, of the bytes as received
  uint64_t size = 0;
  std::string media_type;  // decided by content, never by extension
  // What the document is: "workbook", "policy", "case-file", "report", "correspondence",
  // "junk", "unknown"; or, for what is not a document of the submission itself,
  // "container", "email", "duplicate", "replaced".
  std::string role = "unknown";
  std::string role_detail;     // which one: the policy's id, the case file's id, the report type
  double role_confidence = 0;  // 0-1, how sure the classifier is
  std::string role_reason;     // what decided it, in words: "file name says 'CF03'"
  std::string role_label;      // the role for people: "Safeguarding policy", "Case file CF03"
  DocStatus status = DocStatus::kPending;
  std::string set_aside;     // why it was set aside; "" otherwise
  std::string duplicate_of;  // id of the first copy, for exact duplicates
  // A re-submission: id of the document sent in a later email that replaces this one
  // (extractors/classify/classify.h, SetAsideReplaced); its role is then "replaced".
  std::string replaced_by;
  bool encrypted = false;  // the file was password-protected
  // A password is needed: the file, or files packed in it, are locked and no password
  // given or found opened them (pipeline/core/exit_codes.h).
  bool locked = false;
  int page_count = 0;              // pages the document has (may exceed pages.size())
  std::vector<Page> pages;         // pages read, in order
  std::vector<TextPart> parts;     // text outside the pages
  std::vector<FormField> fields;   // form fields, in page order
  std::vector<HiddenText> hidden;  // a PDF's hidden text, in page order
  // Properties the file carries (PDF Info and XMP, email headers), in file order.
  std::vector<std::pair<std::string, std::string>> metadata;
  // Where the bytes are: the original path for top-level files, a file in the
  // private work directory otherwise. Never written to any output.
  std::string work_path;
  // Office files other than .docx (.doc, .odt, .rtf, spreadsheets, presentations):
  // the PDF LibreOffice made of it (pipeline/output/office.h), which is what is read,
  // checked and bundled, and for word-processing files a .docx copy, read only for
  // its tracked changes and comments. A .docx: the PDF the bundle shows (made in
  // triage, and in scan for word_drawings), read for what it shows beyond the Word
  // file's own text. In the private work directory; "" when none. Never written to
  // any output.
  std::string converted_pdf;
  std::string converted_docx;
  // A .docx whose PDF could not be made: why, in words that follow "because".
  std::string convert_problem;
  // A .docx holding drawings OCR cannot decode (EMF, WMF), charts, diagrams or floating
  // shapes, which only its printed copy shows as they are (set by ingest; office.h
  // converts it in scan too).
  bool word_drawings = false;

  // "mail.eml > Submission.zip > Case files/CF01.pdf"
  std::string Path() const;
};

struct Finding {
  std::string rule;  // stable id, e.g. "ingest.unsafe-entry", "pii.nhs-number"
  Category category = Category::kIngest;
  Severity severity = Severity::kInfo;
  std::string document;                // id of the document it is about; "" when about an input
  int input = -1;                      // index into Submission::inputs
  std::string file;                    // the document's path as shown (filled in by the runner)
  int page = 0;                        // 1-based; 0 when not about one page
  std::optional<uint32_t> start, end;  // byte range in that page's text
  std::optional<Box> bbox;
  std::string field;    // where the text was when not on a page: "metadata:Author", "file name"
  std::string message;  // what is wrong, in words the organisation can act on
  std::string remedy;   // what to do about it
  std::string masked;   // the value with most characters hidden; "" when not about a value
  std::string value;    // the value itself: written only with --reveal, never logged
  // How sure a personal-data detector is: "high" (a check digit, a label, a title,
  // the deny-list), "medium" (a name from the lists, an address), "low" (a first
  // name alone, a number that may be an NHS number); "" for other findings.
  std::string confidence;
};

// One indicator's answer as the workbook gives it.
struct WorkbookAnswer {
  std::string indicator;  // the id printed in the workbook: "3.2"
  std::string kind;       // "tick" | "narrative"
  std::string state;      // "ticked" | "unticked" | "answered" | "empty"
  int words = 0;          // words in a narrative answer
  std::string text;       // the narrative itself; for checks, never written to a report
  int page = 0;           // where the indicator is printed
  std::optional<Box> box;
  std::string source;  // how it was read: "form field", "check box glyph", "text", "Word check box"
  bool in_profile = true;  // the profile knows this indicator
  std::string document;    // id of the document it is printed in (a workbook may come in parts)
};

// One box of a list the workbook prints outside its indicators, such as the types of
// work the organisation does ("☒ IMCA ☐ Care Act").
struct WorkbookChoice {
  std::string label;  // as printed: "Care Act"
  bool ticked = false;
  std::string report_type;  // the profile's report type the label names ("care-act"); "" if none
};

struct Workbook {
  std::string document;                 // id of the workbook document; "" when none was found
  std::vector<std::string> documents;   // every part it was read from, in order; [0] == document
  std::vector<WorkbookAnswer> answers;  // in workbook order
  std::string issued;                   // YYYY-MM-DD as printed in the workbook; "" if not found
  std::optional<double> wte;            // whole-time-equivalent advocates, as stated
  std::optional<int> band;              // the band it states
  // The list of boxes whose labels name the profile's report types: what the
  // organisation says it provides. Empty when the workbook prints no such list.
  std::vector<WorkbookChoice> types_provided;
};

// Where one component of a case file is.
struct ComponentPlace {
  std::string document;  // document id
  int first_page = 0, last_page = 0;
  std::string cue;  // the words that decided it, as printed: "Consent form"
};

struct CaseFile {
  std::string id;                      // "CF03", as the submission numbers it
  std::vector<std::string> documents;  // document ids, in order
  // Every component the profile names, in its order → where it is; empty when missing.
  std::vector<std::pair<std::string, std::vector<ComponentPlace>>> components;
};

// When the workbook must be sent by, counted from the date it was issued (triage only).
// Empty strings when the issue date is not known, and when the quality mark sets no
// timescale (`timescale` false: the profile has no deadlines; only `issued` is filled).
struct Deadlines {
  std::string issued;            // YYYY-MM-DD, from the workbook or --issued
  std::string recommended;       // issued + the profile's warning months: later is a warning
  std::string final;             // issued + the profile's final months: later is a blocker
  std::string judged_on;         // the date received, else the day of the run
  std::string judged_on_source;  // "the date received" | "today: no date received is known"
  bool timescale = true;         // false: the quality mark sets none, and nothing is late
};

// What a quality mark and its parts are called, from its profile (docs/profiles.md):
// every title, cover line and message that names the mark takes these words, so that
// no output names one mark for another.
struct MarkWords {
  std::string title;             // the profile's title
  std::string mark;              // as headings name it: "QPM", "Quality Mark Gateway"
  std::string mark_in_full;      // "Advocacy Quality Performance Mark"
  std::string submission;        // what is sent, as a caption names it: "Advocacy QPM submission"
  std::string assessment;        // what the assessor does with it: "desktop assessment"
  std::string reference_prefix;  // a submission's reference is this, "-" and more: "QPM-1234"
};

// How many case files and reports of each type the submission must hold (triage only).
struct Requirements {
  std::optional<int> case_files;       // nullopt: not known (no band; bespoke, not given)
  std::map<std::string, int> reports;  // report type id → how many; a type not here: not known
  std::string source;                  // "band 1", "bespoke band 3: --case-files and --reports"
};

struct Input {
  std::string path;        // as given on the command line
  bool folder = false;     // a folder: its files are documents, it is not one itself
  bool not_found = false;  // it does not exist, cannot be reached, or is no file or folder
};

struct Submission {
  std::vector<Input> inputs;
  std::vector<Document> documents;
  std::vector<Finding> findings;
  Limits limits;
  std::string received;  // YYYY-MM-DD: --received, else the first email's Date; "" if unknown
  // Triage only: what the documents say, read against the profile.
  std::string profile;        // the profile's name: "qpm-v4"
  std::string workbook_name;  // what the profile calls the workbook: "Assessment Workbook"
  MarkWords words;            // what the profile calls the quality mark
  bool banded = false;        // the profile has bands: case files and reports are counted
  Workbook workbook;
  std::vector<CaseFile> case_files;  // in case-file order
  std::optional<int> band;           // the band the submission is judged in
  std::string band_reason;           // where it came from: "--band 2", "workbook: WTE 6"
  Requirements required;
  Deadlines deadlines;
};

// The emails that carried the submission: those whose ancestors are all emails
// (the application and forwards of it). Their addresses are the sender's and the
// recipients'; their attachments are the submission. Ids, in a sorted set.
std::set<std::string> CarrierEmails(const Submission& submission);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_MODEL_H_
