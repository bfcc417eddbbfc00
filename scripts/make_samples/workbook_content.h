// scripts/make_samples/workbook_content.h — content: the Assessment Workbook. The indicator
// wording is invented for these samples; it follows the shape of a QPM workbook (principle,
// numbered indicators, tick or narrative) without copying any edition's text.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_CONTENT_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_CONTENT_H_

#include <vector>

namespace qpm::samples {

struct Indicator {
  const char* id;
  bool tick;
  const char* wording;
  const char* answer;  // narrative indicators only
};

struct Principle {
  const char* name;
  const char* summary;
  std::vector<Indicator> indicators;
};

const std::vector<Principle>& Principles();

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_CONTENT_H_
