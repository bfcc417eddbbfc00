#include "pipeline/core/rules.h"

#include <cassert>
#include <cstdlib>

namespace qpm {

const std::vector<RuleInfo>& ReadingRules() {
  using S = Severity;
  using C = Category;
  static const std::vector<RuleInfo> kRules = {
      {"ingest.input-not-found", "An input named on the command line can be read", S::kBlocker,
       C::kIngest},
      {"ingest.unreadable-file", "Every file can be read from disk", S::kBlocker, C::kIngest},
      {"ingest.junk", "System files (__MACOSX, .DS_Store, Thumbs.db, ~$ lock files) are set aside",
       S::kInfo, C::kIngest},
      {"ingest.empty-file", "No file is empty", S::kWarning, C::kIngest},
      {"ingest.duplicate", "Exact duplicates are set aside", S::kInfo, C::kIngest},
      {"ingest.type-mismatch", "Every file's content matches its name's extension", S::kWarning,
       C::kIngest},
      {"ingest.unsupported-type", "Every file is of a type we can read", S::kBlocker, C::kIngest},
      {"ingest.unsafe-entry", "No archive entry points outside the archive or is a link or device",
       S::kBlocker, C::kIngest},
      {"ingest.corrupt-archive", "Every archive opens", S::kBlocker, C::kIngest},
      {"ingest.corrupt-entry", "Every archive entry unpacks", S::kBlocker, C::kIngest},
      {"ingest.unsupported-entry", "Every archive entry uses a method we can unpack", S::kBlocker,
       C::kIngest},
      {"ingest.zip-bomb", "No archive entry unpacks to far more than it is packed", S::kBlocker,
       C::kIngest},
      {"ingest.size-limit", "The submission unpacks within the size limit", S::kBlocker,
       C::kIngest},
      {"ingest.entry-limit", "The submission holds no more files than the limit", S::kBlocker,
       C::kIngest},
      {"ingest.too-deep", "Archives and emails are not nested deeper than the limit", S::kBlocker,
       C::kIngest},
      {"ingest.unpack-failed", "Every archive and email can be unpacked within its time and memory",
       S::kBlocker, C::kIngest},
      {"ingest.email-unreadable", "Every email can be read", S::kBlocker, C::kIngest},
      {"ingest.password-needed", "Every locked file opens with a password we were given",
       S::kBlocker, C::kIngest},
      {"ingest.password-used", "A locked file was opened with a password", S::kInfo, C::kIngest},
      {"ingest.office-encrypted", "No Office file is password-protected", S::kBlocker, C::kIngest},
      {"extract.unreadable", "Every document opens", S::kBlocker, C::kExtract},
      {"extract.convert-failed",
       "Every office file other than .docx (.doc, .odt, .rtf, spreadsheets, presentations) "
       "converts to PDF, so it can be read",
       S::kBlocker, C::kExtract},
      {"extract.truncated", "No PDF is cut short", S::kBlocker, C::kExtract},
      {"extract.timeout", "Every document is read within its time limit", S::kBlocker, C::kExtract},
      {"extract.crashed", "Every document is read without the reader failing", S::kBlocker,
       C::kExtract},
      {"extract.page-limit", "No document has more pages than the limit", S::kBlocker, C::kExtract},
      {"extract.no-text", "Every page has text we can read and check", S::kBlocker, C::kExtract},
      {"extract.images-not-read", "Images inside documents are listed as not checked", S::kInfo,
       C::kExtract},
      {"extract.annotations-not-read", "PDF comments and mark-ups are listed as not checked",
       S::kWarning, C::kExtract},
      {"extract.embedded-not-read", "Files embedded in documents are listed as not checked",
       S::kBlocker, C::kExtract},
      {"extract.forms-not-read", "PDF form fields that could not be read are listed", S::kInfo,
       C::kExtract},
      {"extract.hidden-not-checked", "Every PDF is checked for hidden text", S::kBlocker,
       C::kExtract},
      {"extract.ocr-timeout", "Every scanned page is read by OCR within its time limit",
       S::kBlocker, C::kExtract},
      {"extract.ocr-failed", "Every scanned page can be read by OCR", S::kBlocker, C::kExtract},
      {"extract.ocr-low-confidence", "OCR reads every scanned page with reasonable confidence",
       S::kWarning, C::kExtract},
      {"extract.ocr-no-words", "Scanned pages where OCR found no words are listed", S::kInfo,
       C::kExtract},
      {"workbook.not-found", "The submission holds the Assessment Workbook", S::kBlocker,
       C::kCompleteness},
      {"workbook.no-indicators", "The workbook's indicators can be found and read", S::kWarning,
       C::kCompleteness},
      {"workbook.indicator-not-in-profile",
       "Every indicator in the workbook is one the profile knows (same edition)", S::kWarning,
       C::kCompleteness},
      {"workbook.indicator-missing", "Every indicator of the profile is in the workbook",
       S::kWarning, C::kCompleteness},
  };
  return kRules;
}

bool LeavesUnchecked(std::string_view rule) {
  static constexpr std::string_view kUnchecked[] = {
      "ingest.unsupported-type",   "ingest.password-needed", "ingest.office-encrypted",
      "extract.unreadable",        "extract.truncated",      "extract.timeout",
      "extract.crashed",           "extract.page-limit",     "extract.no-text",
      "extract.ocr-timeout",       "extract.ocr-failed",     "extract.embedded-not-read",
      "extract.hidden-not-checked"};
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
