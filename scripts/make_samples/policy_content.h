// scripts/make_samples/policy_content.h — content: policies, and the PDF of each.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_POLICY_CONTENT_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_POLICY_CONTENT_H_

#include <optional>
#include <string>
#include <vector>

#include "pdf_builder.h"

namespace qpm::samples {

struct Section {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<std::string> bullets;
};

struct Policy {
  std::string number;  // "01"
  std::string title;   // "Safeguarding"
  std::string version;
  std::string approved;
  std::vector<Section> sections;
};

const std::vector<Policy>& Policies();

std::string PolicyFileName(const Policy& policy);

struct RenderedPdf {
  std::string bytes;
  int pages = 0;
};

RenderedPdf RenderPolicy(const Policy& policy,
                         const std::optional<PdfEncryption>& encryption = std::nullopt);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_POLICY_CONTENT_H_
