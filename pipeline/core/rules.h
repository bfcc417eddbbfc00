// pipeline/core/rules.h — the registry of rule ids for reading a submission.
//
// Every finding the ingest and extract stages make comes from one row here, so a
// rule's id, severity and category are written once. Detectors in redaction/ and
// checks in checks/ keep registries of their own in the same shape.
#ifndef QPM_PIPELINE_CORE_RULES_H_
#define QPM_PIPELINE_CORE_RULES_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"

namespace qpm {

// The reading rules' ids, each named once: a stage refers to its rule by name.
namespace rule {
inline constexpr std::string_view kIngestInputNotFound = "ingest.input-not-found";
inline constexpr std::string_view kIngestUnreadableFile = "ingest.unreadable-file";
inline constexpr std::string_view kIngestJunk = "ingest.junk";
inline constexpr std::string_view kIngestEmptyFile = "ingest.empty-file";
inline constexpr std::string_view kIngestDuplicate = "ingest.duplicate";
inline constexpr std::string_view kIngestReplaced = "ingest.replaced";
inline constexpr std::string_view kIngestTypeMismatch = "ingest.type-mismatch";
inline constexpr std::string_view kIngestUnsupportedType = "ingest.unsupported-type";
inline constexpr std::string_view kIngestUnsafeEntry = "ingest.unsafe-entry";
inline constexpr std::string_view kIngestCorruptArchive = "ingest.corrupt-archive";
inline constexpr std::string_view kIngestCorruptEntry = "ingest.corrupt-entry";
inline constexpr std::string_view kIngestUnsupportedEntry = "ingest.unsupported-entry";
inline constexpr std::string_view kIngestZipBomb = "ingest.zip-bomb";
inline constexpr std::string_view kIngestSizeLimit = "ingest.size-limit";
inline constexpr std::string_view kIngestEntryLimit = "ingest.entry-limit";
inline constexpr std::string_view kIngestTooDeep = "ingest.too-deep";
inline constexpr std::string_view kIngestUnpackFailed = "ingest.unpack-failed";
inline constexpr std::string_view kIngestEmailUnreadable = "ingest.email-unreadable";
inline constexpr std::string_view kIngestPasswordNeeded = "ingest.password-needed";
inline constexpr std::string_view kIngestPasswordUsed = "ingest.password-used";
inline constexpr std::string_view kIngestOfficeEncrypted = "ingest.office-encrypted";
inline constexpr std::string_view kExtractUnreadable = "extract.unreadable";
inline constexpr std::string_view kExtractConvertFailed = "extract.convert-failed";
inline constexpr std::string_view kExtractTruncated = "extract.truncated";
inline constexpr std::string_view kExtractTimeout = "extract.timeout";
inline constexpr std::string_view kExtractCrashed = "extract.crashed";
inline constexpr std::string_view kExtractPageLimit = "extract.page-limit";
inline constexpr std::string_view kExtractInflateLimit = "extract.inflate-limit";
inline constexpr std::string_view kExtractNoText = "extract.no-text";
inline constexpr std::string_view kExtractImagesNotRead = "extract.images-not-read";
inline constexpr std::string_view kExtractAnnotationsNotRead = "extract.annotations-not-read";
inline constexpr std::string_view kExtractEmbeddedNotRead = "extract.embedded-not-read";
inline constexpr std::string_view kExtractFormsNotRead = "extract.forms-not-read";
inline constexpr std::string_view kExtractHiddenNotChecked = "extract.hidden-not-checked";
inline constexpr std::string_view kExtractOcrTimeout = "extract.ocr-timeout";
inline constexpr std::string_view kExtractOcrFailed = "extract.ocr-failed";
inline constexpr std::string_view kExtractOcrLowConfidence = "extract.ocr-low-confidence";
inline constexpr std::string_view kExtractOcrNoWords = "extract.ocr-no-words";
inline constexpr std::string_view kWorkbookNotFound = "workbook.not-found";
inline constexpr std::string_view kWorkbookNoIndicators = "workbook.no-indicators";
inline constexpr std::string_view kWorkbookIndicatorNotInProfile =
    "workbook.indicator-not-in-profile";
inline constexpr std::string_view kWorkbookIndicatorMissing = "workbook.indicator-missing";
}  // namespace rule

struct RuleInfo {
  std::string_view id;     // stable; never reused
  std::string_view title;  // what it checks, in a few words
  Severity severity;
  Category category;
};

// Rules of the ingest and extract stages.
const std::vector<RuleInfo>& ReadingRules();

// True for the reading rules whose finding means that what a document shows was not
// checked (a type not read, a page OCR could not read, a check that could not run):
// the bundle shows a placeholder instead (bundle.h), and each is a blocker.
bool LeavesUnchecked(std::string_view rule);

// Page numbers as a reader writes them: "1, 3, 5–7".
std::string PageList(const std::vector<int>& pages);

// A finding for rule `id` (which must be in ReadingRules()) about `document`.
Finding ReadingFinding(std::string_view id, std::string document, std::string message,
                       std::string remedy);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_RULES_H_
