// pipeline/model.h — the nouns every stage shares.
//
// Plain, copyable structs with no library types. Pages are 1-based; boxes are PDF
// points; offsets are UTF-8 byte offsets into the page's text. Each stage reads
// what the previous one produced and adds to it; none reaches back.
//
//   Submission ─ inputs[]     what the user named on the command line
//              ─ documents[]  every file found, in the order it was found
//                  └ pages[]  text and word boxes, as the extractor read them
//              ─ findings[]   problems in the submission, and failures to read it
#ifndef QPM_PIPELINE_MODEL_H_
#define QPM_PIPELINE_MODEL_H_

#include <cstdint>
#include <optional>
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
};

enum class TextSource {
  kNone,       // nothing readable on this page
  kTextLayer,  // a PDF's own text
  kWordBody,   // the body of a Word document
  kPlain,      // a plain-text file, byte for byte
  kHtml,       // an HTML file: the text a browser shows, tags removed, entities decoded
  kEmailBody,  // the text of an email
};
std::string_view ToString(TextSource source);

struct Page {
  int number = 1;  // 1-based
  TextSource source = TextSource::kNone;
  std::string text;  // for plain-text files, the file itself, unchanged
  std::vector<Word> words;
  double width = 0, height = 0;  // points; 0 when the format has no pages
};

// Text a document carries besides its pages: Word headers and footers,
// footnotes, comments, tracked deletions. Findings in a part name it in
// Finding::field; they have no page and no offsets.
struct TextPart {
  std::string name;  // "header", "footer", "footnotes", "endnotes", "comments", "deleted text"
  std::string text;
  bool hidden = false;  // not shown when the document is read as finished (comments, deletions)
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
  std::string media_type;        // decided by content, never by extension
  std::string role = "unknown";  // "container", "junk", "duplicate"; later the QPM roles
  DocStatus status = DocStatus::kPending;
  std::string set_aside;        // why it was set aside; "" otherwise
  std::string duplicate_of;     // id of the first copy, for exact duplicates
  bool encrypted = false;       // the file was password-protected
  int page_count = 0;           // pages the document has (may exceed pages.size())
  std::vector<Page> pages;      // pages read, in order
  std::vector<TextPart> parts;  // text outside the pages
  // Properties the file carries (PDF Info and XMP, email headers), in file order.
  std::vector<std::pair<std::string, std::string>> metadata;
  // Where the bytes are: the original path for top-level files, a file in the
  // private work directory otherwise. Never written to any output.
  std::string work_path;

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
};

struct Input {
  std::string path;     // as given on the command line
  bool folder = false;  // a folder: its files are documents, it is not one itself
  int exit_code = 0;    // this input's own outcome (see ExitCode)
};

struct Submission {
  std::vector<Input> inputs;
  std::vector<Document> documents;
  std::vector<Finding> findings;
  Limits limits;
  std::string received;  // YYYY-MM-DD: --received, else the first email's Date; "" if unknown
};

// Exit codes, as DESIGN.md and the README state them.
enum ExitCode : int {
  kExitOk = 0,          // ran; nothing needs action
  kExitFindings = 1,    // ran; findings need action
  kExitUsage = 2,       // bad usage or configuration
  kExitUnreadable = 3,  // an input is not readable at all
  kExitPassword = 4,    // a password is needed or was wrong
  kExitDependency = 5,  // a dependency is missing
  kExitInternal = 15,   // a bug
  kExitInterrupted = 130,
};

}  // namespace qpm

#endif  // QPM_PIPELINE_MODEL_H_
