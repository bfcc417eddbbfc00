// pipeline/output/office.cc — see office.h.
#include "pipeline/output/office.h"

#include <cstdio>
#include <string_view>
#include <vector>

#include "pipeline/core/media_types.h"
#include "pipeline/core/rules.h"
#include "pipeline/output/convert.h"
#include "pipeline/platform/interrupt.h"

namespace qpm::office {
namespace {

// Comments become PDF comments (read as a PDF's are) and a presentation's speaker notes
// pages of their own: nothing a spreadsheet or a slide carries is left unread.
constexpr const char* kCalcPdf =
    R"(pdf:calc_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}})";
constexpr const char* kImpressPdf =
    R"(pdf:impress_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},)"
    R"("ExportNotesPages":{"type":"boolean","value":"true"}})";
// Word-processing files: their comments and tracked changes are read from a .docx copy
// (see office.h), so the PDF shows the pages alone, as a .docx's does in the bundle.
constexpr const char* kWriterPdf = "pdf:writer_pdf_Export";
constexpr const char* kWriterDocx = "docx:MS Word 2007 XML";

struct Kind {
  std::string_view media_type;
  const char* extension;
  const char* convert_to;
  bool word_processing;
};

const Kind* KindOf(std::string_view media_type) {
  static const Kind kKinds[] = {
      {kMediaDoc, ".doc", kWriterPdf, true},   {kMediaOdt, ".odt", kWriterPdf, true},
      {kMediaRtf, ".rtf", kWriterPdf, true},   {kMediaXls, ".xls", kCalcPdf, false},
      {kMediaXlsx, ".xlsx", kCalcPdf, false},  {kMediaOds, ".ods", kCalcPdf, false},
      {kMediaPpt, ".ppt", kImpressPdf, false}, {kMediaPptx, ".pptx", kImpressPdf, false},
      {kMediaOdp, ".odp", kImpressPdf, false},
  };
  for (const Kind& k : kKinds) {
    if (k.media_type == media_type) return &k;
  }
  return nullptr;
}

void Fail(Submission& s, Document& d, const std::string& why, const std::string& more) {
  d.status = DocStatus::kFailed;
  d.converted_pdf.clear();
  d.converted_docx.clear();
  Finding f = ReadingFinding(
      rule::kExtractConvertFailed, d.id,
      "This " + std::string(DescribeMediaType(d.media_type)) +
          " could not be read: it is turned into a PDF to be read, and " + why +
          ". It was not checked for personal data, and the bundle does not show it.",
      "Ask the organisation to save it as a PDF (File > Save As, or Export as PDF, in Word, "
      "Excel or LibreOffice) and send that instead." +
          more);
  f.input = d.input;
  s.findings.push_back(std::move(f));
}

}  // namespace

void ConvertAll(Submission& s, const Options& options, const std::string& work_dir,
                const ProgressFn& progress) {
  std::vector<size_t> todo;
  for (size_t i = 0; i < s.documents.size(); ++i) {
    const Document& d = s.documents[i];
    if (d.status != DocStatus::kPending) continue;
    bool word = d.media_type == kMediaDocx && (options.docx || d.word_drawings);
    if (KindOf(d.media_type) != nullptr || word) {
      todo.push_back(i);
    }
  }
  if (todo.empty()) return;
  const std::string soffice = convert::FindLibreOffice(options.soffice);
  const std::string longer = " If it is very long, run again with a higher --doc-timeout.";
  for (size_t n = 0; n < todo.size(); ++n) {
    if (Interrupted()) return;
    Document& d = s.documents[todo[n]];
    if (progress) progress(n + 1, todo.size(), d);
    if (d.media_type == kMediaDocx) {
      // Read from its XML whatever happens here; the PDF is what the bundle shows.
      if (soffice.empty()) {
        d.convert_problem = "LibreOffice is not installed, so Word files cannot be converted";
        continue;
      }
      // The work copy, never the original, is what may be written beside.
      const std::string drawn = work_dir + "/" + d.id + "-as-drawn.docx";
      bool prepared = options.prepare_docx && options.prepare_docx(d.work_path, drawn);
      convert::Job pdf{d.id, prepared ? drawn : d.work_path, ".docx", kWriterPdf, ".pdf"};
      convert::Converted made = convert::ToPdf({pdf}, soffice, work_dir, options.timeout_seconds);
      if (prepared) std::remove(drawn.c_str());
      if (Interrupted()) return;
      if (auto it = made.problem.find(d.id); it != made.problem.end()) {
        d.convert_problem = it->second;
      } else {
        d.converted_pdf = made.pdf.at(d.id);
      }
      continue;
    }
    if (soffice.empty()) {
      Fail(s, d, "LibreOffice, which does that, is not installed",
           " Or install LibreOffice (scripts/setup.sh) and run again.");
      continue;
    }
    const Kind& kind = *KindOf(d.media_type);
    convert::Job pdf{d.id, d.work_path, kind.extension, kind.convert_to, ".pdf"};
    convert::Converted made = convert::ToPdf({pdf}, soffice, work_dir, options.timeout_seconds);
    if (Interrupted()) return;
    if (auto it = made.problem.find(d.id); it != made.problem.end()) {
      Fail(s, d, it->second, it->second.find("out of time") != std::string::npos ? longer : "");
      continue;
    }
    d.converted_pdf = made.pdf.at(d.id);
    if (!kind.word_processing) continue;
    // Named apart from the PDF's job, so that each run's output is its own.
    convert::Job docx{d.id + "-changes", d.work_path, kind.extension, kWriterDocx, ".docx"};
    convert::Converted copy = convert::ToPdf({docx}, soffice, work_dir, options.timeout_seconds);
    if (Interrupted()) return;
    if (auto it = copy.problem.find(docx.id); it != copy.problem.end()) {
      Fail(s, d,
           "its tracked changes and comments could not be read: when it was copied to .docx, " +
               it->second,
           it->second.find("out of time") != std::string::npos ? longer : "");
      continue;
    }
    d.converted_docx = copy.pdf.at(docx.id);
  }
}

}  // namespace qpm::office
