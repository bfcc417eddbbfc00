#include "pipeline/ocr_stage.h"

#include <malloc.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <utility>

#include "extractors/ocr.h"
#include "pipeline/interrupt.h"
#include "pipeline/model_json.h"
#include "pipeline/rules.h"
#include "pipeline/sandbox.h"
#include "pipeline/sniff.h"

namespace qpm::ocr {
namespace {

using nlohmann::json;

constexpr std::string_view kNoText = "extract.no-text";

// An office file is read from the PDF made of it (pipeline/office.h).
bool IsPdf(const Document& d) { return d.media_type == kMediaPdf || !d.converted_pdf.empty(); }
bool IsImage(const Document& d) { return d.media_type.rfind("image/", 0) == 0; }

// The pages of `d` that need OCR, in order: those a reader marked with a no-text
// finding, and those with no text at all. Only pages the reader handed over count.
std::vector<int> PagesNeedingOcr(const Submission& s, const Document& d) {
  std::set<int> present;
  std::set<int> wanted;
  for (const Page& p : d.pages) {
    present.insert(p.number);
    if (p.source == TextSource::kNone) wanted.insert(p.number);
  }
  for (const Finding& f : s.findings) {
    if (f.rule == kNoText && f.document == d.id && f.page > 0) wanted.insert(f.page);
  }
  std::vector<int> out;
  for (int n : wanted) {
    if (present.count(n) != 0) out.push_back(n);
  }
  return out;
}

Result<Page> ReadRecording(const std::string& dir, const PageJob& job) {
  std::string path = dir + "/" + RecordingName(job.sha256, job.page);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kUnreadable,
                  "no recorded OCR output for this page (replay: " + path + " is missing)");
  }
  std::stringstream bytes;
  bytes << in.rdbuf();
  json j = json::parse(bytes.str(), nullptr, false);
  try {
    if (!j.is_discarded() && j.contains("page")) return j["page"].get<Page>();
  } catch (const json::exception&) {
  }
  return Status(StatusCode::kUnreadable, "the recorded OCR output " + path + " is damaged");
}

Result<Page> ReadWithEngine(const PageJob& job, const std::vector<std::string>& passwords,
                            const EngineOptions& engine) {
  if (job.media_type == kMediaPdf) return ReadPdfPage(job.path, job.page, passwords, engine);
  return ReadImagePage(job.path, job.page, engine);
}

// A page as a reader sent it, checked: a reader met a hostile file, so what it sends
// back must cost at most its own page.
std::optional<Page> CheckedPage(const json& j, int number) {
  try {
    Page page = j.get<Page>();
    page.number = number;
    page.source = TextSource::kOcr;
    for (const Word& w : page.words) {
      if (w.start > w.end || w.end > page.text.size()) return std::nullopt;
    }
    return page;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

// What became of one page.
struct PageResult {
  std::optional<Page> page;  // read
  sandbox::End end = sandbox::End::kFinished;
  std::string why;  // when not read: what went wrong, in words
};

Finding PageFinding(std::string_view rule, const Document& d, int page, std::string message,
                    std::string remedy) {
  Finding f = ReadingFinding(rule, d.id, std::move(message), std::move(remedy));
  f.input = d.input;
  f.page = page;
  return f;
}

// "Page 3" of a PDF or a many-page image; "This PNG image" for a one-page image.
std::string PageName(const Document& d, int page) {
  if (IsImage(d) && d.page_count <= 1) {
    return "This " + std::string(DescribeMediaType(d.media_type));
  }
  return "Page " + std::to_string(page);
}

void RemoveMarkers(Submission& s, const std::string& document, const std::set<int>& pages) {
  std::erase_if(s.findings, [&](const Finding& f) {
    return f.rule == kNoText && f.document == document && pages.count(f.page) != 0;
  });
}

// --no-ocr: one finding per document for every page OCR would have read.
void ReportDisabled(Submission& s, const Document& d, const std::vector<int>& pages) {
  RemoveMarkers(s, d.id, std::set<int>(pages.begin(), pages.end()));
  std::string what;
  if (IsImage(d) && d.page_count <= 1) {
    what = "This " + std::string(DescribeMediaType(d.media_type)) + " was not read";
  } else {
    what = std::string(pages.size() == 1 ? "Page " : "Pages ") + PageList(pages) +
           (pages.size() == 1 ? " has" : " have") +
           " no usable text layer (probably scanned) and " + (pages.size() == 1 ? "was" : "were") +
           " not read";
  }
  s.findings.push_back(PageFinding(
      kNoText, d, pages.front(),
      what + ": OCR is turned off (--no-ocr), so what " +
          (pages.size() == 1 ? "it shows" : "they show") + " was not checked for personal data.",
      "Run again without --no-ocr, or check by eye before sending it on."));
}

void WriteRecording(const std::string& dir, const PageJob& job, const Page& page) {
  std::string path = dir + "/" + RecordingName(job.sha256, job.page);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << RecordingJson(page);
}

}  // namespace

std::string RecordingName(const std::string& sha256, int page) {
  return sha256 + "-p" + std::to_string(page) + ".json";
}

std::string RecordingJson(const Page& page) {
  // One word a line, so a change in a recording reads as a diff of words.
  json head = page;
  head.erase("words");
  std::string out = "{\"engine\": " + json(EngineVersion()).dump() +
                    ",\n\"page\": " + head.dump().substr(0, head.dump().size() - 1) +
                    ",\n\"words\": [";
  for (size_t i = 0; i < page.words.size(); ++i) {
    out += (i == 0 ? "\n" : ",\n") + json(page.words[i]).dump();
  }
  out += "\n]}}\n";
  return out;
}

Status Run(Submission& s, const Options& options, const std::vector<std::string>& passwords,
           unsigned jobs, const ProgressFn& progress) {
  std::vector<PageJob> todo;
  std::vector<size_t> doc_of;  // index into s.documents, per job
  std::map<size_t, std::vector<int>> by_doc;
  for (size_t i = 0; i < s.documents.size(); ++i) {
    const Document& d = s.documents[i];
    if (!IsPdf(d) && !IsImage(d)) continue;
    if (d.status != DocStatus::kRead && d.status != DocStatus::kPartlyRead &&
        d.status != DocStatus::kNotRead) {
      continue;
    }
    for (int page : PagesNeedingOcr(s, d)) {
      todo.push_back(d.converted_pdf.empty()
                         ? PageJob{d.id, d.work_path, d.media_type, d.sha256, page}
                         : PageJob{d.id, d.converted_pdf, std::string(kMediaPdf), d.sha256, page});
      doc_of.push_back(i);
      by_doc[i].push_back(page);
    }
  }
  if (todo.empty()) return Status::Ok();
  if (!options.enabled) {
    for (const auto& [i, pages] : by_doc) ReportDisabled(s, s.documents[i], pages);
    return Status::Ok();
  }

  EngineOptions engine;
  engine.tessdata = LanguageDataDir(options.tessdata);
  bool uses_engine = !options.reader && options.replay_dir.empty();
  if (uses_engine) {
    if (Status data = CheckLanguageData(engine.tessdata); !data.ok()) return data;
  }
  PageReader reader = options.reader;
  if (!reader && !options.replay_dir.empty()) {
    reader = [dir = options.replay_dir](const PageJob& job) { return ReadRecording(dir, job); };
  }
  if (!reader) {
    reader = [&passwords, &engine](const PageJob& job) {
      return ReadWithEngine(job, passwords, engine);
    };
  }

  sandbox::Budget budget;
  budget.timeout_seconds = std::max<uint32_t>(1, options.page_timeout_seconds);
  budget.max_memory_bytes = s.limits.max_memory_bytes;
  budget.max_output_bytes = 64ull << 20;  // the words of one page
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());

  // Each reader is a fork of this process and counts its pages as its own: memory the
  // stages before freed and the allocator kept would be in every reader's size.
  malloc_trim(0);

  std::vector<PageResult> results(todo.size());
  size_t finished = 0;
  if (progress) progress(0, todo.size());
  auto task_for = [&](size_t k) -> sandbox::Task {
    const PageJob* job = &todo[k];
    return [job, &reader](sandbox::Channel& ch) {
      Result<Page> page = reader(*job);
      if (page.ok()) {
        ch.Send(ToCbor({{"page", json(page.value())}}));
      } else {
        ch.Send(ToCbor({{"error", page.status().message()}}));
      }
    };
  };
  auto done = [&](size_t k, sandbox::Outcome&& outcome) {
    PageResult& r = results[k];
    r.end = outcome.end;
    for (const std::string& frame : outcome.frames) {
      json j = FromCbor(frame);
      if (j.is_discarded() || !j.is_object()) continue;
      if (j.contains("page")) {
        r.page = CheckedPage(j["page"], todo[k].page);
        if (!r.page) r.why = "the reader sent back something that could not be understood";
      } else if (j.contains("error") && j["error"].is_string()) {
        r.why = j["error"].get<std::string>();
      }
    }
    if (!r.page && r.why.empty()) r.why = "the reader " + outcome.Describe(budget);
    ++finished;
    if (progress) progress(finished, todo.size());
  };
  sandbox::RunAll(todo.size(), task_for, jobs, budget, done);
  if (Interrupted()) return Status(StatusCode::kInterrupted, "interrupted");

  // Everything lands in job order: documents in order, pages in order.
  std::map<size_t, std::pair<int, int>> counts;  // document → pages read, pages not read
  for (size_t k = 0; k < todo.size(); ++k) {
    Document& d = s.documents[doc_of[k]];
    const PageJob& job = todo[k];
    PageResult& r = results[k];
    RemoveMarkers(s, d.id, {job.page});
    auto slot = std::find_if(d.pages.begin(), d.pages.end(),
                             [&](const Page& p) { return p.number == job.page; });
    std::string name = PageName(d, job.page);
    if (r.page && slot != d.pages.end()) {
      ++counts[doc_of[k]].first;
      if (uses_engine && !options.record_dir.empty()) {
        WriteRecording(options.record_dir, job, *r.page);
      }
      if (r.page->words.empty()) {
        s.findings.push_back(PageFinding(
            "extract.ocr-no-words", d, job.page,
            name + " was read by OCR and no words were found on it: it is blank, or a picture "
                   "without text.",
            "Nothing to do if it is blank or a picture; if it should hold text, check it by eye "
            "(the scan may be too faint)."));
      } else if (r.page->ocr_confidence < options.low_confidence) {
        s.findings.push_back(PageFinding(
            "extract.ocr-low-confidence", d, job.page,
            name + " was read by OCR with low confidence (on average " +
                std::to_string(static_cast<int>(r.page->ocr_confidence)) +
                " of 100): words on it, personal data among them, may have been misread or "
                "missed.",
            "Check it by eye, or ask the organisation for a clearer scan."));
      }
      *slot = std::move(*r.page);
      continue;
    }
    ++counts[doc_of[k]].second;
    bool timed_out = r.end == sandbox::End::kTimedOut;
    if (timed_out) {
      s.findings.push_back(PageFinding(
          "extract.ocr-timeout", d, job.page,
          name + " has no usable text layer, and reading it by OCR took longer than the " +
              std::to_string(budget.timeout_seconds) +
              " s allowed for a page, so what it shows was not checked for personal data.",
          "Run again with a higher --ocr-timeout, or check it by eye before sending it on."));
    } else {
      s.findings.push_back(PageFinding(
          "extract.ocr-failed", d, job.page,
          name + " has no usable text layer, and OCR could not read it (" + r.why +
              "), so what it shows was not checked for personal data.",
          "Check it by eye before sending it on; if the file is damaged, ask the organisation "
          "to send it again."));
    }
  }
  for (const auto& [i, count] : counts) {
    Document& d = s.documents[i];
    auto [read, not_read] = count;
    if (IsImage(d) && d.status == DocStatus::kNotRead && read > 0) {
      bool whole = not_read == 0 && static_cast<size_t>(d.page_count) <= d.pages.size();
      d.status = whole ? DocStatus::kRead : DocStatus::kPartlyRead;
    } else if (d.status == DocStatus::kRead && not_read > 0) {
      d.status = DocStatus::kPartlyRead;
    }
  }
  return Status::Ok();
}

}  // namespace qpm::ocr
