// extractors/classify/classify.h — what each document of a submission is, and what the
// workbook and the case files say, read against the profile.
//
// Runs in the main process over text the readers already extracted: nothing here
// parses a file. Every decision keeps its reason in words, and a confidence.
#ifndef QPM_EXTRACTORS_CLASSIFY_CLASSIFY_H_
#define QPM_EXTRACTORS_CLASSIFY_CLASSIFY_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/profile.h"

namespace qpm::classify {

// Sets role, role_detail, role_confidence and role_reason of every document that
// was read (containers, emails and junk keep the role ingest gave). Roles:
// "workbook", "policy" (detail: the required policy's id, or "" for another
// policy), "case-file" (detail: the case's id, "CF03"), "report" (detail: the
// report type's id), "correspondence", "unknown". An exact duplicate (duplicate_of
// set) takes its first copy's role: being a copy is its status, not its role.
//
// The structure of the submission counts before words: a file in a folder (or zip)
// that names one case ("CF01 - IMCA/2 Plan.pdf") is a part of that case, and so is
// a file whose own name names a case and no other kind of document ("Case 07.pdf").
// A folder named for policies makes a policy of a file nothing else places, and a
// document laid out as a policy (purpose, scope, responsibilities, review date) is
// one whatever its title. A document that prints the workbook's indicators names no
// case by its text, even where an indicator id looks like one ("CF-01").
void ClassifyDocuments(Submission& s, const Profile& profile);

// Re-submissions. A document sent in a later email replaces one sent in an earlier
// email when both are the same case file (its id), the same policy, the workbook, or
// otherwise have the same name (with the folders of their zip); the emails' dates,
// then the order they were given in, decide which is later. The replaced one takes the
// role "replaced" and is set aside (so no check, workbook reading or bundle counts it),
// `replaced_by` and `set_aside` say by what, and an ingest.replaced finding (info) says what
// replaced what and when. Only documents that came in dated emails take part. Runs
// after ClassifyDocuments.
void SetAsideReplaced(Submission& s);

// Findings about a replaced document need no action: each becomes info, and its
// message says the file was replaced.
void QuietReplaced(const Submission& s, std::vector<Finding>& findings);

// Reads the indicator answers of the workbook (the most certain document with the
// role "workbook") into s.workbook, with the facts it states (issue date, WTE, band,
// the types of work it ticks as provided), and adds findings for indicators the
// workbook has and the profile lacks, and the reverse. A document that goes on with
// the workbook's indicators (part 2 of 2) is read as part of it; one that had no
// role then takes the role "workbook".
void ReadWorkbook(Submission& s, const Profile& profile);

// The organisation's name as the workbook's first two pages state it on a line of its
// own ("Organisation: Example Advocacy", "Name of organisation: ..."); "" when they do
// not, or when the value is longer than a name is. As the workbook states it: not masked.
std::string OrganisationFromWorkbook(const Submission& s);

// Groups the case-file documents into s.case_files (one PDF or Word file per case, a
// folder per case, or several cases in one PDF) and maps their pages to the
// profile's components (extractors/classify/case_parts.h). Several cases in one PDF are told
// apart by the case each page names near its top: the profile's case number, else
// the organisation's own case reference ("Case reference ABC-2024-0126"). A case
// with no number of its own (a scan, a file named for nothing) is numbered by the
// order the files came in: the numbers missing from the run first, then on from the
// highest, or the run a combined file's name gives ("Case files 1-5"); its
// documents' role_reason says so. Duplicates are left out: their first copy is mapped.
void MapCaseFiles(Submission& s, const Profile& profile);

// A document's own file name without its folder or extension: "2 Action plan".
std::string FileStem(const Document& d);

// The case id of a text (a file name, a heading), as the profile's pattern finds
// it, written "CF" and two digits; "" when there is none.
std::string CaseIdIn(std::string_view text, const Profile& profile);

// The case a file's or a folder's name names: as CaseIdIn finds it, or "Case 7",
// "Case_07 - IMCA" (the word and a number open the name); "" when there is none, or
// when the name covers a run of cases ("CF01-CF05", "Case files 1-5").
std::string CaseIdInName(std::string_view name, const Profile& profile);

// The run of case numbers a name covers: "Case files 1-5" → {1, 5}, "CF06 to CF10"
// → {6, 10}; nullopt when it names no run.
std::optional<std::pair<int, int>> CaseRangeInName(std::string_view name);

}  // namespace qpm::classify

#endif  // QPM_EXTRACTORS_CLASSIFY_CLASSIFY_H_
