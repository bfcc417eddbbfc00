// scripts/make_samples/docx_package.h — a minimal WordprocessingML package: enough parts for
// Word, LibreOffice and a zip+XML reader.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_DOCX_PACKAGE_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_DOCX_PACKAGE_H_

#include <string>
#include <utility>
#include <vector>

namespace qpm::samples {

// The XML declaration every part starts with, and the WordprocessingML namespace.
constexpr char kXmlHead[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char kWordNs[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

// The package around a document.xml and its styles.xml, with core properties naming `title`
// and `creator`.
// `extra` parts (name, bytes) go in after the others: comments, for one (word/comments.xml is
// given its content type and the document's relationship to it).
std::string DocxPackage(const std::string& document, const std::string& styles,
                        const std::string& title, const std::string& creator,
                        const std::vector<std::pair<std::string, std::string>>& extra = {});

// Table borders on every side and between all cells.
std::string WordTableBorders();

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_DOCX_PACKAGE_H_
