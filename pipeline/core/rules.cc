#include "pipeline/core/rules.h"

#include <cassert>
#include <cstdlib>

namespace qpm {

const std::vector<RuleInfo>& ReadingRules() {
  using S = Severity;
  using C = Category;
  static const std::vector<RuleInfo> kRules = {
      {rule::kIngestInputNotFound, "An input named on the command line can be read", S::kBlocker,
       C::kIngest},
      {rule::kIngestUnreadableFile, "Every file can be read from disk", S::kBlocker, C::kIngest},
      {rule::kIngestJunk,
       "System files (__MACOSX, .DS_Store, Thumbs.db, ~$ lock files) are set aside", S::kInfo,
       C::kIngest},
      {rule::kIngestEmptyFile, "No file is empty", S::kWarning, C::kIngest},
      {rule::kIngestDuplicate, "Exact duplicates are set aside", S::kInfo, C::kIngest},
      {rule::kIngestReplaced,
       "A file sent again in a later email replaces the earlier one (same case file, policy "
       "or name)",
       S::kInfo, C::kIngest},
      {rule::kIngestTypeMismatch, "Every file's content matches its name's extension", S::kWarning,
       C::kIngest},
      {rule::kIngestUnsupportedType, "Every file is of a type we can read", S::kBlocker,
       C::kIngest},
      {rule::kIngestUnsafeEntry,
       "No archive entry points outside the archive or is a link or device", S::kBlocker,
       C::kIngest},
      {rule::kIngestCorruptArchive, "Every archive opens", S::kBlocker, C::kIngest},
      {rule::kIngestCorruptEntry, "Every archive entry unpacks", S::kBlocker, C::kIngest},
      {rule::kIngestUnsupportedEntry, "Every archive entry uses a method we can unpack",
       S::kBlocker, C::kIngest},
      {rule::kIngestZipBomb, "No archive entry unpacks to far more than it is packed", S::kBlocker,
       C::kIngest},
      {rule::kIngestSizeLimit, "The submission unpacks within the size limit", S::kBlocker,
       C::kIngest},
      {rule::kIngestEntryLimit, "The submission holds no more files than the limit", S::kBlocker,
       C::kIngest},
      {rule::kIngestTooDeep, "Archives and emails are not nested deeper than the limit",
       S::kBlocker, C::kIngest},
      {rule::kIngestUnpackFailed,
       "Every archive and email can be unpacked within its time and memory", S::kBlocker,
       C::kIngest},
      {rule::kIngestEmailUnreadable, "Every email can be read", S::kBlocker, C::kIngest},
      {rule::kIngestPasswordNeeded, "Every locked file opens with a password we were given",
       S::kBlocker, C::kIngest},
      {rule::kIngestPasswordUsed, "A locked file was opened with a password", S::kInfo, C::kIngest},
      {rule::kIngestOfficeEncrypted, "No Office file is password-protected", S::kBlocker,
       C::kIngest},
      {rule::kExtractUnreadable, "Every document opens", S::kBlocker, C::kExtract},
      {rule::kExtractConvertFailed,
       "Every office file other than .docx (.doc, .odt, .rtf, spreadsheets, presentations) "
       "converts to PDF, so it can be read",
       S::kBlocker, C::kExtract},
      {rule::kExtractTruncated, "No PDF is cut short", S::kBlocker, C::kExtract},
      {rule::kExtractTimeout, "Every document is read within its time limit", S::kBlocker,
       C::kExtract},
      {rule::kExtractCrashed, "Every document is read without the reader failing", S::kBlocker,
       C::kExtract},
      {rule::kExtractPageLimit, "No document has more pages than the limit", S::kBlocker,
       C::kExtract},
      {rule::kExtractInflateLimit,
       "No PDF unpacks to more than the limit for one document (a compression bomb)", S::kBlocker,
       C::kExtract},
      {rule::kExtractNoText, "Every page has text we can read and check", S::kBlocker, C::kExtract},
      {rule::kExtractImagesNotRead, "Images inside documents are listed as not checked", S::kInfo,
       C::kExtract},
      {rule::kExtractAnnotationsNotRead, "PDF comments and mark-ups are listed as not checked",
       S::kWarning, C::kExtract},
      {rule::kExtractEmbeddedNotRead, "Files embedded in documents are listed as not checked",
       S::kBlocker, C::kExtract},
      {rule::kExtractFormsNotRead, "PDF form fields that could not be read are listed", S::kInfo,
       C::kExtract},
      {rule::kExtractHiddenNotChecked, "Every PDF is checked for hidden text", S::kBlocker,
       C::kExtract},
      {rule::kExtractOcrTimeout, "Every scanned page is read by OCR within its time limit",
       S::kBlocker, C::kExtract},
      {rule::kExtractOcrFailed, "Every scanned page can be read by OCR", S::kBlocker, C::kExtract},
      {rule::kExtractOcrLowConfidence, "OCR reads every scanned page with reasonable confidence",
       S::kWarning, C::kExtract},
      {rule::kExtractOcrNoWords, "Scanned pages where OCR found no words are listed", S::kInfo,
       C::kExtract},
      {rule::kWorkbookNotFound, "The submission holds the workbook (or application form)",
       S::kBlocker, C::kCompleteness},
      {rule::kWorkbookNoIndicators, "The workbook's indicators can be found and read", S::kWarning,
       C::kCompleteness},
      {rule::kWorkbookIndicatorNotInProfile,
       "Every indicator in the workbook is one the profile knows (same edition)", S::kWarning,
       C::kCompleteness},
      {rule::kWorkbookIndicatorMissing, "Every indicator of the profile is in the workbook",
       S::kWarning, C::kCompleteness},
  };
  return kRules;
}

bool LeavesUnchecked(std::string_view rule) {
  static constexpr std::string_view kUnchecked[] = {
      rule::kIngestUnsupportedType,  rule::kIngestPasswordNeeded,   rule::kIngestOfficeEncrypted,
      rule::kExtractUnreadable,      rule::kExtractTruncated,       rule::kExtractTimeout,
      rule::kExtractCrashed,         rule::kExtractPageLimit,       rule::kExtractInflateLimit,
      rule::kExtractNoText,          rule::kExtractOcrTimeout,      rule::kExtractOcrFailed,
      rule::kExtractEmbeddedNotRead, rule::kExtractHiddenNotChecked};
  for (std::string_view r : kUnchecked) {
    if (r == rule) return true;
  }
  return false;
}

std::string PageList(const std::vector<int>& pages) {
  std::string out;
  for (size_t i = 0; i < pages.size(); ++i) {
    size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(pages[i]);
    if (j > i) out += "\u2013" + std::to_string(pages[j]);
    i = j;
  }
  return out;
}

Finding ReadingFinding(std::string_view id, std::string document, std::string message,
                       std::string remedy) {
  for (const RuleInfo& rule : ReadingRules()) {
    if (rule.id == id) {
      Finding f;
      f.rule = std::string(rule.id);
      f.severity = rule.severity;
      f.category = rule.category;
      f.document = std::move(document);
      f.message = std::move(message);
      f.remedy = std::move(remedy);
      return f;
    }
  }
  assert(false && "unknown rule id");
  std::abort();
}

}  // namespace qpm
