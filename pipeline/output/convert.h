// pipeline/output/convert.h — Word and other office files turned into PDF by LibreOffice.
//
// LibreOffice runs headless as a program of its own, with a fresh profile in the
// private work directory, no network where the system allows it (a network
// namespace of its own), linked images from the web blocked, and a time limit
// after which it and everything it started are killed. Nothing is written beside
// the originals: inputs are copied into the work directory first.
#ifndef QPM_PIPELINE_OUTPUT_CONVERT_H_
#define QPM_PIPELINE_OUTPUT_CONVERT_H_

#include <map>
#include <string>
#include <vector>

namespace qpm::convert {

struct Job {
  std::string id;         // Document::id: the output is <id><output_extension>
  std::string path;       // the file to convert
  std::string extension;  // ".docx", ".doc", ".odt", ".rtf", ".xlsx": LibreOffice goes by it
  // LibreOffice's --convert-to: the output format, its filter and the filter's options
  // ('pdf:calc_pdf_Export:{"ExportNotes":...}'), and the extension that gives it.
  std::string convert_to = "pdf:writer_pdf_Export";
  std::string output_extension = ".pdf";
};

struct Converted {
  std::map<std::string, std::string> pdf;      // id → the file written (a PDF unless asked)
  std::map<std::string, std::string> problem;  // id → why it was not converted
};

// The LibreOffice program to run: `soffice` on PATH (or the one given); "" when
// none is installed.
std::string FindLibreOffice(const std::string& given);

// Converts each job in a LibreOffice run of its own, within `timeout_seconds`,
// into `work_dir`/convert/. A job with no output failed; `problem` says why, in words
// that follow "because": "LibreOffice ran out of time after 120 s".
Converted ToPdf(const std::vector<Job>& jobs, const std::string& soffice,
                const std::string& work_dir, unsigned timeout_seconds);

}  // namespace qpm::convert

#endif  // QPM_PIPELINE_OUTPUT_CONVERT_H_
