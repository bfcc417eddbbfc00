// scripts/make_samples/workbook_content.h — content: the Assessment Workbook. The indicator
// wording is invented for these samples; it follows the shape of a QPM workbook (principle,
// numbered indicators, tick or narrative) without copying any edition's text.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_CONTENT_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_CONTENT_H_

#include <vector>

namespace qpm::samples {

// One indicator: its id ("1.2"), whether a tick answers it, its wording, and a narrative's
// answer.
struct Indicator {
  const char* id;
  bool tick;
  const char* wording;
  const char* answer;  // narrative indicators only
};

// One principle of the Advocacy Charter and its indicators.
struct Principle {
  const char* name;
  const char* summary;
  std::vector<Indicator> indicators;
};

// The ten principles, every narrative answered.
const std::vector<Principle>& Principles();

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_WORKBOOK_CONTENT_H_
