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

// The clean submission's eight policies.
const std::vector<Policy>& Policies();

// "01 Safeguarding Policy.pdf".
std::string PolicyFileName(const Policy& policy);

// A PDF and its page count.
struct RenderedPdf {
  std::string bytes;
  int pages = 0;
};

// A policy as a PDF of one or two pages (fails otherwise), encrypted when `encryption` is set.
RenderedPdf RenderPolicy(const Policy& policy,
                         const std::optional<PdfEncryption>& encryption = std::nullopt);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_POLICY_CONTENT_H_
