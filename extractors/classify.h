// extractors/classify.h — what each document of a submission is, and what the
// workbook and the case files say, read against the profile.
//
// Runs in the main process over text the readers already extracted: nothing here
// parses a file. Every decision keeps its reason in words, and a confidence.
#ifndef QPM_EXTRACTORS_CLASSIFY_H_
#define QPM_EXTRACTORS_CLASSIFY_H_

#include <vector>

#include "pipeline/model.h"
#include "pipeline/profile.h"

namespace qpm::classify {

// Sets role, role_detail, role_confidence and role_reason of every document that
// was read (containers, emails, junk and duplicates keep the role ingest gave).
// Roles: "workbook", "policy" (detail: the required policy's id, or "" for another
// policy), "case-file" (detail: the case's id, "CF03"), "report" (detail: the
// report type's id), "correspondence", "unknown".
void ClassifyDocuments(Submission& s, const Profile& profile);

// Reads the indicator answers of the workbook (the most certain document with the
// role "workbook") into s.workbook, with the facts it states (issue date, WTE, band,
// the types of work it ticks as provided), and adds findings for indicators the
// workbook has and the profile lacks, and the reverse. A document that goes on with
// the workbook's indicators (part 2 of 2) is read as part of it; one that had no
// role then takes the role "workbook".
void ReadWorkbook(Submission& s, const Profile& profile);

// Groups the case-file documents into s.case_files (one PDF per case, a folder per
// case, or several cases in one PDF) and maps their pages to the profile's
// components.
void MapCaseFiles(Submission& s, const Profile& profile);

// A document's own file name without its folder or extension: "2 Action plan".
std::string FileStem(const Document& d);

// The case id of a text (a file name, a heading), as the profile's pattern finds
// it, written "CF" and two digits; "" when there is none.
std::string CaseIdIn(std::string_view text, const Profile& profile);

// The case id for the number the profile's pattern captured: "7" or OCR's "O7" →
// "CF07" (OCR reads 0 as O and 1 as l or I, and the pattern may let them through).
std::string CaseIdFromNumber(std::string number, const Profile& profile);

}  // namespace qpm::classify

#endif  // QPM_EXTRACTORS_CLASSIFY_H_
