// bench_hidden — how long the hidden-text check (extractors/read/pdf_hidden.h) takes on a
// 100-page text PDF, next to pdftotext on the same file. Target: below 3 times.
//
// Usage: bench_hidden [PAGES] [PDF]
//
// Without PDF it writes a text PDF of PAGES pages (default 100) of case-note prose in
// Helvetica, about 3,000 characters a page, to a temporary file. Times are CPU time
// (ours in this process, pdftotext's as a child's), best of 3 runs, so that a busy
// machine slows neither side more than the other. A benchmark: it asserts nothing.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "extractors/read/pdf_hidden.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wall"
#pragma GCC diagnostic ignored "-Wextra"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#include <podofo/podofo.h>
#pragma GCC diagnostic pop

extern char** environ;

namespace {

// Case-note prose, one line at a time, from a fixed stream of words.
std::string Line(uint64_t& seed) {
  static const char* const kWords[] = {
      "the",     "advocate", "met",    "with",      "client", "at",      "home",    "to",
      "discuss", "their",    "wishes", "about",     "care",   "and",     "support", "plan",
      "review",  "meeting",  "social", "worker",    "was",    "present", "agreed",  "next",
      "steps",   "for",      "a",      "follow-up", "visit",  "on",      "Monday",  "notes",
      "record",  "what",     "was",    "said",      "by",     "each",    "person",  "in",
  };
  std::string line;
  while (line.size() < 70) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    if (!line.empty()) line += ' ';
    line += kWords[(seed >> 33) % (sizeof kWords / sizeof kWords[0])];
  }
  return line;
}

void WritePdf(const std::string& path, int pages) {
  PoDoFo::PdfMemDocument doc;
  PoDoFo::PdfFont* font = doc.CreateFont("Helvetica");
  font->SetFontSize(11);
  uint64_t seed = 42;
  for (int p = 0; p < pages; ++p) {
    PoDoFo::PdfPage* page =
        doc.CreatePage(PoDoFo::PdfPage::CreateStandardPageSize(PoDoFo::ePdfPageSize_A4));
    PoDoFo::PdfPainter painter;
    painter.SetPage(page);
    painter.SetFont(font);
    painter.DrawText(72, 800, PoDoFo::PdfString("Case notes, page " + std::to_string(p + 1)));
    for (int i = 0; i < 45; ++i) {
      painter.DrawText(72, 770 - 15.5 * i, PoDoFo::PdfString(Line(seed)));
    }
    painter.SetStrokeWidth(0.5);
    painter.DrawLine(72, 60, 523, 60);  // a footer rule
    painter.FinishPage();
  }
  doc.Write(path.c_str());
}

double CpuSeconds(const rusage& u) {
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU time of one pdftotext run over `pdf`, or a negative number when it cannot run.
double PdftotextSeconds(const std::string& pdf) {
  std::string out = pdf + ".txt";
  std::vector<std::string> args = {"pdftotext", pdf, out};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "pdftotext", nullptr, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return -1;
  }
  std::filesystem::remove(out);
  return CpuSeconds(usage);
}

double OursSeconds(const std::string& pdf, size_t& found) {
  std::clock_t start = std::clock();
  auto hidden = qpm::extract::FindHiddenText(pdf, "", 5000);
  double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  found = hidden.ok() ? hidden->size() : 0;
  return hidden.ok() ? seconds : -1;
}

}  // namespace

int main(int argc, char** argv) {
  int pages = argc > 1 ? std::atoi(argv[1]) : 100;
  std::string pdf;
  std::filesystem::path temporary;
  if (argc > 2) {
    pdf = argv[2];
  } else {
    temporary = std::filesystem::temp_directory_path() /
                ("bench-hidden-" + std::to_string(getpid()) + ".pdf");
    pdf = temporary.string();
    WritePdf(pdf, pages);
  }
  double ours = 1e9, theirs = 1e9;
  size_t found = 0;
  for (int run = 0; run < 3; ++run) {
    double o = OursSeconds(pdf, found);
    double t = PdftotextSeconds(pdf);
    if (o < 0 || t < 0) {
      std::cerr << "bench_hidden: " << (o < 0 ? "the check" : "pdftotext (poppler-utils)")
                << " could not run on " << pdf << "\n";
      if (!temporary.empty()) std::filesystem::remove(temporary);
      return 1;
    }
    ours = std::min(ours, o);
    theirs = std::min(theirs, t);
  }
  if (!temporary.empty()) std::filesystem::remove(temporary);
  double ratio = ours / std::max(theirs, 1e-6);
  std::printf("hidden-text check on %s (%d pages; CPU time, best of 3 runs):\n",
              argc > 2 ? pdf.c_str() : "a generated text PDF", pages);
  std::printf("  qpm-intake hidden-text check  %7.3f s  (%zu hidden spans found)\n", ours, found);
  std::printf("  pdftotext                     %7.3f s\n", theirs);
  std::printf("  ratio %.2f; target: below 3 times pdftotext: %s\n", ratio,
              ratio < 3 ? "met" : "NOT met");
  return 0;
}
