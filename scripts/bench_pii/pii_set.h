// scripts/bench_pii/pii_set.h — the labelled set in samples/pii/ (see its README):
// reading it, and scoring the personal-data detectors against it.
#ifndef QPM_SCRIPTS_BENCH_PII_PII_SET_H_
#define QPM_SCRIPTS_BENCH_PII_PII_SET_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace qpm::bench {

struct Label {
  std::string type;  // "nhs", "name", ... as the README lists them
  size_t start = 0;  // byte range in Case::text
  size_t end = 0;
};

struct Case {
  std::string file;  // "case-notes.txt"
  std::string id;    // "note-001"
  std::string text;  // as the scanner sees it: labels' brackets and types removed
  std::vector<Label> labels;
};

// Every case of every .txt file in `dir`, files in name order. Fails (returns
// false, with `error` naming the file and line) on a malformed label.
bool LoadCases(const std::string& dir, std::vector<Case>& cases, std::string& error);

// The label type a detector rule reports, or "" for a rule the set does not label.
std::string TypeOfRule(std::string_view rule);

struct Score {
  size_t predicted = 0;          // spans the detectors reported
  size_t predicted_correct = 0;  // ... that overlap a label of the same type
  size_t labelled = 0;           // labels
  size_t labelled_found = 0;     // ... overlapped by a span of the same type
  double precision() const {
    return predicted == 0 ? 1.0 : double(predicted_correct) / double(predicted);
  }
  double recall() const { return labelled == 0 ? 1.0 : double(labelled_found) / double(labelled); }
  double f1() const {
    double p = precision(), r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

// One miss or false alarm, for reading what went wrong.
struct Slip {
  std::string case_id;
  std::string type;
  std::string value;
  bool false_alarm = false;  // reported but not labelled; otherwise labelled but missed
};

// Runs the detectors over every case. Scores per type and, under "overall", for
// all types together.
std::map<std::string, Score> Evaluate(const std::vector<Case>& cases, std::vector<Slip>* slips);

struct Target {
  std::string type;
  double precision;
  double recall;
};
// The targets of the issue: 0.99 both for NHS, NI, postcode, email and phone;
// names and addresses 0.85 precision, 0.90 recall.
const std::vector<Target>& Targets();

}  // namespace qpm::bench

#endif  // QPM_SCRIPTS_BENCH_PII_PII_SET_H_
