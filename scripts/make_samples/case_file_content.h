// scripts/make_samples/case_file_content.h — content: case files. Each has the five
// components a QPM case file needs, each starting on its own page under a clear heading.
// Clients are "Client A" to "Client E"; everything that would identify someone in a real
// file is "[REDACTED]".
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_CASE_FILE_CONTENT_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_CASE_FILE_CONTENT_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qpm::samples {

struct CaseNote {
  std::string date;
  std::string text;
};

struct Letter {
  std::string date;
  std::string to;
  std::string subject;
  std::vector<std::string> paragraphs;
};

struct CaseFile {
  std::string id;
  std::string client;
  std::string advocate;
  std::string advocacy_type;
  std::string referred_by;
  std::string referral_date;
  std::string reason;
  std::string communication;
  bool action_plan = false;    // heading "Action plan" instead of "Advocacy agreement"
  bool authorisation = false;  // heading "Authorisation form" instead of "Consent form"
  std::string plan_intro;
  std::vector<std::string> plan_items;
  std::vector<CaseNote> notes;
  std::vector<Letter> letters;
};

// The five components, under the names a profile would use, in file order.
extern const std::vector<std::string> kComponentKeys;

// The headings `c` prints its five components under, in kComponentKeys order.
std::vector<std::string> ComponentHeadings(const CaseFile& c);

// The clean submission's case files, CF01 to CF05.
const std::vector<CaseFile>& CaseFiles();

// The three cases an office merged into one PDF (case-files/several-cases-in-one.pdf). CF09 is
// CF05 under another number and client: its case notes run over two pages, so one page of the
// merged file names no case at its top.
const std::vector<CaseFile>& MergedCaseFiles();

// Extra text that turns the clean CF03 into the planted-personal-data sample.
struct Plant {
  std::vector<std::string> case_notes_lines;  // added to the case-notes page
  std::string keywords;                       // replaces the Info /Keywords
};

// A case file as PDFs, and the pages each component fills.
struct RenderedCaseFile {
  std::vector<std::pair<std::string, std::string>> files;  // name in "Case files/", bytes
  std::vector<std::pair<int, int>> ranges;                 // per component, 1-based pages
  std::vector<int> pages;                                  // per file
};

// Writes a case file as one PDF (`split` false) or as a folder of one PDF per component.
RenderedCaseFile RenderCaseFile(const CaseFile& c, bool split,
                                const std::optional<Plant>& plant = std::nullopt);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_CASE_FILE_CONTENT_H_
