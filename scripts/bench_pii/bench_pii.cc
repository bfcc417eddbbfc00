// bench_pii: how well and how fast the personal-data detectors work.
//
//   bench_pii SET_DIR [--show TYPE|all] [--speed MB] [--check]
//
// Prints precision, recall and F1 per type over the labelled set in SET_DIR
// (samples/pii), then, with --speed, the scanning speed over a text of at least MB
// megabytes built from the set, next to `grep -c` of one pattern over the same
// file in the same run. --check exits 1 when a type misses its target.
// scripts/bench-pii runs it; the test PiiBench.MeetsTheTargets asserts the targets.
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "redaction/personal_data.h"
#include "scripts/bench_pii/pii_set.h"

namespace {

using qpm::bench::Case;
using qpm::bench::Score;

// CPU seconds this thread has used: what "per core" means, and unlike the wall
// clock it does not count time the machine gave to other work.
double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// CPU seconds used by finished child processes (user and system).
double ChildrenCpuSeconds() {
  rusage r{};
  getrusage(RUSAGE_CHILDREN, &r);
  return double(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
         double(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

int Speed(const std::vector<Case>& cases, double megabytes) {
  // The set's own text, over and over, as pages of about 3,000 bytes.
  std::string dir = std::filesystem::temp_directory_path().string() + "/qpm-bench-pii-XXXXXX";
  if (mkdtemp(dir.data()) == nullptr) {
    std::cerr << "bench_pii: cannot make a temporary directory\n";
    return 2;
  }
  std::string path = dir + "/big.txt";
  size_t target = static_cast<size_t>(megabytes * 1e6);
  size_t written = 0;
  {
    std::ofstream out(path, std::ios::binary);
    while (written < target) {
      for (const Case& c : cases) {
        out << c.text << "\n\n";
        written += c.text.size() + 2;
      }
    }
  }
  std::string text;
  {
    std::ifstream in(path, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // The best of three runs: the machine's other work only ever slows a run down.
  double ours = 1e9;
  size_t found = 0;
  for (int run = 0; run < 3; ++run) {
    double t0 = ThreadCpuSeconds();
    found = 0;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = std::min(text.size(), pos + 3000);
      size_t nl = text.find('\n', end);
      end = nl == std::string::npos ? text.size() : nl + 1;
      found +=
          qpm::redaction::FindPersonalData(std::string_view(text).substr(pos, end - pos)).size();
      pos = end;
    }
    ours = std::min(ours, ThreadCpuSeconds() - t0);
  }
  double mb = double(text.size()) / 1e6;
  std::string cmd = "grep -c -E '[0-9]{3} [0-9]{3} [0-9]{4}' '" + path + "' > /dev/null";
  double grep = 1e9;
  int rc = 0;
  for (int run = 0; run < 3; ++run) {
    double t1 = ChildrenCpuSeconds();
    rc = std::system(cmd.c_str());
    grep = std::min(grep, ChildrenCpuSeconds() - t1);
  }
  std::filesystem::remove_all(dir);
  std::printf(
      "\nspeed over %.1f MB of text (one core, pages of ~3,000 bytes, CPU time, best of 3 runs):\n",
      mb);
  std::printf("  qpm-intake detectors  %7.2f s  %8.1f MB/s  (%zu values found)\n", ours, mb / ours,
              found);
  std::printf("  grep -c (one pattern) %7.2f s  %8.1f MB/s%s\n", grep, mb / grep,
              rc == -1 ? "  (grep did not run)" : "");
  std::printf("  target: at least 50 MB/s per core: %s\n", mb / ours >= 50 ? "met" : "NOT met");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_pii SET_DIR [--show TYPE|all] [--speed MB] [--check]\n";
    return 2;
  }
  std::string dir = argv[1];
  std::string show;
  double speed = 0;
  bool check = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--show" && i + 1 < argc) {
      show = argv[++i];
    } else if (a == "--speed" && i + 1 < argc) {
      speed = std::atof(argv[++i]);
    } else if (a == "--check") {
      check = true;
    } else {
      std::cerr << "bench_pii: unknown option " << a << "\n";
      return 2;
    }
  }
  std::vector<Case> cases;
  std::string error;
  if (!qpm::bench::LoadCases(dir, cases, error)) {
    std::cerr << "bench_pii: " << error << "\n";
    return 2;
  }
  std::vector<qpm::bench::Slip> slips;
  std::map<std::string, Score> scores = qpm::bench::Evaluate(cases, &slips);
  size_t labels = 0;
  for (const Case& c : cases) labels += c.labels.size();
  std::printf("%zu cases, %zu labels, from %s\n\n", cases.size(), labels, dir.c_str());
  std::printf("%-13s %9s %9s %9s %8s %8s  %s\n", "type", "labelled", "found", "reported",
              "precision", "recall", "F1");
  for (const auto& [type, s] : scores) {
    if (type == "overall") continue;
    std::printf("%-13s %9zu %9zu %9zu %9.3f %8.3f  %.3f\n", type.c_str(), s.labelled,
                s.labelled_found, s.predicted, s.precision(), s.recall(), s.f1());
  }
  const Score& all = scores["overall"];
  std::printf("%-13s %9zu %9zu %9zu %9.3f %8.3f  %.3f\n", "overall", all.labelled,
              all.labelled_found, all.predicted, all.precision(), all.recall(), all.f1());
  bool met = true;
  std::printf("\ntargets:\n");
  for (const auto& t : qpm::bench::Targets()) {
    const Score& s = scores[t.type];
    bool ok = s.precision() >= t.precision && s.recall() >= t.recall;
    met = met && ok;
    std::printf("  %-9s precision %.3f (>= %.2f), recall %.3f (>= %.2f): %s\n", t.type.c_str(),
                s.precision(), t.precision, s.recall(), t.recall, ok ? "met" : "NOT met");
  }
  if (!show.empty()) {
    std::printf("\nslips (%s):\n", show.c_str());
    for (const auto& s : slips) {
      if (show != "all" && s.type != show) continue;
      std::string v = s.value;
      for (char& c : v)
        if (c == '\n') c = ' ';
      std::printf("  %-10s %-9s %-12s %s\n", s.case_id.c_str(), s.type.c_str(),
                  s.false_alarm ? "false alarm" : "missed", v.c_str());
    }
  }
  if (speed > 0) {
    if (int rc = Speed(cases, speed); rc != 0) return rc;
  }
  return check && !met ? 1 : 0;
}
