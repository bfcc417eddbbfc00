// pipeline/output/bundle.h — the review bundle for the assessor (docs/bundle.md).
//
// One PDF that reads like a well-kept court bundle: a cover page, an index with a
// linked row per document, the documents in a fixed order, two levels of
// bookmarks, and every page stamped bottom right with its bundle page number
// ("p. 57 of 412", equal to the PDF page number) and a small reference
// ("QPM-1234 · CF03 consent form").
//
// Planning (this header's PlanEntries) is plain code over the model; writing the
// PDF is the qpdf adapter, bundle_pdf.cc, whose library types stay in that file.
// Source pages are copied by reference and their bytes are read from the source
// files only while the bundle is written, so a long submission is never held in
// memory at once.
#ifndef QPM_PIPELINE_OUTPUT_BUNDLE_H_
#define QPM_PIPELINE_OUTPUT_BUNDLE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/profile.h"
#include "pipeline/core/status.h"

namespace qpm::bundle {

// One document as the bundle shows it: a row of the index.
struct Entry {
  std::string document;  // Document::id
  char section_letter = 'E';
  std::string section;    // "Assessment Workbook", "Policies and procedures", "Case files", ...
  std::string title;      // from the document's role, never from its file name
  std::string reference;  // for the page stamp: "Workbook", "Safeguarding policy", "CF03"
  std::string case_file;  // "CF03" for a case file's documents; "" otherwise
  std::string file;       // the source file's path as shown (masked)
  // Set by the writer:
  std::string shown_as;               // "pdf", "converted", "text", "image", "placeholder"
  std::string status;                 // for the index: "complete", "as text: ...", "not shown: ..."
  int first_page = 0, last_page = 0;  // bundle pages, inclusive
};
// The bundle's types in a reader process's frames (pipeline/platform/call.h): the
// bundle is written in a process of its own.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Entry, document, section_letter, section, title,
                                                reference, case_file, file, shown_as, status,
                                                first_page, last_page)

// The documents the bundle shows, in its fixed order: the workbook; policies in
// the profile's order; case files by number, each case's documents in the order
// of the first component they hold; reports by type (profile order) and number;
// anything else last. Containers, carrier emails, junk and duplicates are left
// out (the manifest lists them). Ties go by path, so the order never depends on
// the order files were found in.
std::vector<Entry> PlanEntries(const Submission& s, const Profile& profile);

// What a bundle page is.
struct PageRef {
  int page = 0;          // 1-based bundle page
  std::string what;      // "cover", "index", "document", "placeholder", "text"
  std::string document;  // Document::id; "" for cover and index
  int source_page = 0;   // 1-based page of the source file; 0 when the page is ours
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PageRef, page, what, document, source_page)

struct Bookmark {
  std::string title;
  int page = 0;
  std::vector<Bookmark> children;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Bookmark, title, page, children)

struct Options {
  std::string id;                      // "QPM-1234": on the cover and every page
  std::string organisation;            // "" when not known
  std::string subtitle;                // "Advocacy Quality Performance Mark: desktop assessment"
  std::string received;                // YYYY-MM-DD, "" when not known
  std::string due_label;               // "Desktop assessment due"
  std::string due;                     // YYYY-MM-DD: the profile's weeks after the assessor
                                       // receives it; "" when not known or none is set
  std::string due_basis;               // "four weeks after 2026-11-20, the date received";
                                       // without `due`, why: "no timescale: ..." or ""
  std::string band;                    // "Band 2 (workbook: WTE 6)" or ""
  bool banded = true;                  // the profile has bands; without, the cover has no Band row
  std::string status;                  // one sentence: the status in words
  std::vector<std::string> summary;    // short lines under the status
  std::string forced_warning;          // non-empty: written with --force; says why on the cover
  std::string version;                 // qpm-intake's version
  std::vector<std::string> passwords;  // tried on locked PDFs; never written
  unsigned jobs = 1;                   // source PDFs opened at once, each in a process of its own
};

struct Bundle {
  std::vector<Entry> entries;
  std::vector<PageRef> pages;  // every bundle page, in order
  std::vector<Bookmark> bookmarks;
  int index_pages = 0;
  std::vector<std::string> notes;  // what could not be shown as it is, and why
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Bundle, entries, pages, bookmarks, index_pages,
                                                notes)

// Writes the bundle to `path` (the caller makes that atomic). Fails only when the
// file cannot be written at all; a source that cannot be shown gets a placeholder.
Result<Bundle> WriteBundlePdf(const Submission& s, const Profile& profile,
                              std::vector<Entry> entries, const Options& options,
                              const std::string& path);

// The bundle page that shows page `page` of document `document`; 0 when none does.
int BundlePage(const Bundle& bundle, const std::string& document, int page);

// What became of the bundle in this run.
struct Outcome {
  bool written = false;
  bool forced = false;             // written with --force while blocking findings remain
  bool failed = false;             // it was to be written and could not be
  std::string reason;              // why it was not written, in words
  std::string sha256;              // of bundle.pdf, when written
  const Bundle* bundle = nullptr;  // when written
};

// manifest.json (docs/bundle.md): every file received, with its origin chain
// (masked), SHA-256, size, media type, role and bundle pages; every bundle page
// mapped to its source file and page; the bundle's own SHA-256.
nlohmann::json BuildManifest(const Submission& s, const Outcome& outcome, const std::string& id,
                             const std::string& received);

}  // namespace qpm::bundle

#endif  // QPM_PIPELINE_OUTPUT_BUNDLE_H_
