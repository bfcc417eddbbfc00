#include "pipeline/app/redact.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <utility>

#include "extractors/read/copy_page.h"
#include "extractors/read/ocr.h"
#include "extractors/read/pdf_text.h"
#include "pipeline/core/exit_codes.h"
#include "pipeline/core/media_types.h"
#include "pipeline/core/utf8.h"
#include "pipeline/output/output.h"
#include "pipeline/output/redactions_html.h"
#include "pipeline/output/safe_pdf.h"
#include "pipeline/platform/atomic_file.h"
#include "pipeline/platform/call.h"
#include "pipeline/platform/interrupt.h"
#include "pipeline/platform/progress.h"
#include "pipeline/platform/sandbox.h"
#include "pipeline/platform/workdir.h"
#include "redaction/lists.h"
#include "redaction/masking.h"

namespace qpm {
namespace {

namespace fs = std::filesystem;
using Values = std::vector<std::pair<std::string, std::string>>;  // value, label

Status Interruption() { return Status(StatusCode::kInterrupted, "interrupted"); }

// What a page maker's reader is given: one page of one copy.
struct CopyJob {
  std::string path;  // the PDF or image the page is made from
  bool image_file = false;
  int page = 1;
  std::vector<std::string> passwords;
  int dpi = 0;
  std::vector<CopyBox> boxes;
  // The words an earlier OCR of this page read, kept as the text layer (less those a
  // box touches) instead of reading the page again.
  bool keep_words = false;
  std::vector<Word> words;
  int words_turn = 0;
  // Values to find on the page's own text layer and box (a Word file's printed copy,
  // whose pages the scan did not read with their boxes).
  Values values;
  // Words of the page's new text layer to leave out: where reading an earlier copy
  // back took them for hidden text (a speck OCR read over blank paper).
  std::vector<Box> drop_words;
  std::string tessdata;
  uint64_t max_pixels = 0;
  int preview_dpi = 50;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CopyJob, path, image_file, page, passwords, dpi, boxes,
                                   keep_words, words, words_turn, values, drop_words, tessdata,
                                   max_pixels, preview_dpi)

bool Touch(const Box& a, const Box& b) {
  return std::min(a.x1, b.x1) > std::max(a.x0, b.x0) && std::min(a.y1, b.y1) > std::max(a.y0, b.y0);
}

bool UnderAnyBox(const Word& w, const std::vector<CopyBox>& boxes) {
  return std::any_of(boxes.begin(), boxes.end(),
                     [&w](const CopyBox& b) { return Touch(w.box, b.box); });
}

// Runs in the page maker's reader process: finds the values on the page's own text,
// then renders, burns and reads the page (copy_page.h).
void MakeCopyPage(std::string_view request, sandbox::Channel& channel) {
  std::optional<CopyJob> job = sandbox::ReadRequest<CopyJob>(request);
  if (!job) {
    sandbox::SendError(channel, Status(StatusCode::kCrashed,
                                       "the page maker was given a "
                                       "request it cannot read"));
    return;
  }
  std::vector<CopyBox> boxes = std::move(job->boxes);
  if (!job->values.empty() && !job->image_file) {
    Result<Page> text = extract::ReadPdfPageText(job->path, job->page, job->passwords);
    if (!text.ok()) {
      sandbox::SendError(channel, text.status());
      return;
    }
    for (CopyBox& b : redaction::FindValues(text.value(), job->values)) {
      boxes.push_back(std::move(b));
    }
  }
  copy::PageRequest page;
  page.path = job->path;
  page.image_file = job->image_file;
  page.page = job->page;
  page.passwords = std::move(job->passwords);
  page.dpi = job->dpi;
  page.preview_dpi = job->preview_dpi;
  if (job->keep_words) {
    std::vector<Word> kept;
    for (Word& w : job->words) {
      if (!UnderAnyBox(w, boxes)) kept.push_back(std::move(w));
    }
    page.words = std::move(kept);
    page.words_turn = job->words_turn;
  }
  page.boxes = std::move(boxes);
  ocr::EngineOptions engine;
  engine.tessdata = job->tessdata;
  if (job->max_pixels != 0) engine.max_pixels = job->max_pixels;
  Result<CopyPage> made = copy::MakePage(page, engine);
  if (made.ok() && !job->drop_words.empty()) {
    std::vector<Word> kept;
    for (Word& w : made->words) {
      bool drop = std::any_of(job->drop_words.begin(), job->drop_words.end(),
                              [&w](const Box& b) { return Touch(w.box, b); });
      if (!drop) kept.push_back(std::move(w));
    }
    made->words = std::move(kept);
  }
  sandbox::SendResult(channel, made);
}

// A document a copy is made of, and how its copy stands.
struct Target {
  size_t doc = 0;      // index in the Submission
  std::string source;  // the PDF or image file the pages are made from
  bool image_file = false;
  // The document's pages are the source's, with their word boxes: boxes are planned on
  // them. False for a .docx, whose copy is its printed PDF.
  bool planned_on_pages = true;
  int pages = 0;
  redaction::RemovalPlan plan;
  std::map<int, std::vector<CopyBox>> more;  // boxes the proof asked for (a second try)
  std::map<int, std::vector<Box>> drop;      // text-layer words it took for hidden text
  std::string name;                          // the copy's file name in OUT
  std::vector<std::optional<CopyPage>> made;
  std::string failure;  // why there is no copy; "" while there may be one
  int attempts = 0;
  bool again = false;  // the proof found what a second try can mend
  bool kept = false;   // the copy passed the proof and is in OUT
  nlohmann::json proof = nlohmann::json::object();
};

// Why a copy of `d` cannot be made, or "" when it can (and `t` says from what).
std::string Source(const Document& d, Target& t) {
  const std::string& type = d.media_type;
  if (d.status == DocStatus::kFailed || d.status == DocStatus::kNotRead ||
      d.status == DocStatus::kPending) {
    return "it could not be read, so nothing in it could be checked";
  }
  if (d.locked) return "it is locked, and no password given opened it";
  if (d.role == "email" || d.status == DocStatus::kUnpacked) {
    return "this is the text of an email or an archive itself; redact copies the files it "
           "carries, not its own text: remove what is found here from the email before "
           "sending";
  }
  if (type == kMediaPdf) {
    t.source = d.work_path;
    return "";
  }
  if (type.rfind("image/", 0) == 0) {
    t.source = d.work_path;
    t.image_file = true;
    return "";
  }
  if (type == kMediaDocx || IsConvertedOffice(type)) {
    if (d.converted_pdf.empty()) {
      return "no PDF could be made of it" +
             (d.convert_problem.empty() ? std::string() : " because " + d.convert_problem);
    }
    t.source = d.converted_pdf;
    t.planned_on_pages = type != kMediaDocx;
    return "";
  }
  return "redact makes copies of PDFs, Word and other office files and images; this is " +
         std::string(DescribeMediaType(type));
}

// The documents the organisation would send: not containers, emails, duplicates or
// junk set aside.
bool IsSent(const Document& d) {
  return d.status != DocStatus::kSetAside && d.status != DocStatus::kUnpacked &&
         d.role != "container" && d.role != "email" && d.role != "duplicate";
}

// Whether redact says what became of `d`: every document sent, and an email or archive
// whose own text holds findings that need action.
bool Listed(const Submission& s, const Document& d) {
  if (IsSent(d)) return true;
  if (d.status == DocStatus::kSetAside || d.role == "duplicate") return false;
  return std::any_of(s.findings.begin(), s.findings.end(), [&d](const Finding& f) {
    return f.document == d.id && f.severity != Severity::kInfo;
  });
}

// The document `d` is attached to or embedded in, when that is a file a copy is made
// of (a PDF's attachment, a Word file's embedded file): the copy carries none of it.
const Document* CarriedBy(const Submission& s, const Document& d) {
  for (const Document& p : s.documents) {
    if (p.id != d.parent) continue;
    Target t;
    bool copied = IsSent(p) && Source(p, t).empty();
    return copied ? &p : CarriedBy(s, p);
  }
  return nullptr;
}

// "CF01 notes.pdf" → "CF01 notes.redacted.pdf", with personal data in the name masked
// ('_' for each hidden letter, as '*' is awkward in a file name), once in `used`.
std::string CopyName(const Document& d, std::set<std::string>& used) {
  std::string base = d.origin.empty() ? d.id : d.origin.back();
  if (size_t slash = base.find_last_of("/\\"); slash != std::string::npos) {
    base = base.substr(slash + 1);
  }
  if (size_t dot = base.rfind('.'); dot != std::string::npos && dot > 0) base.resize(dot);
  std::string stem = redaction::MaskPersonalData(ValidUtf8(base));
  for (char& c : stem) {
    if (c == '*') c = '_';
    if (static_cast<unsigned char>(c) < 0x20 || c == ':' || c == '"' || c == '<' || c == '>' ||
        c == '|' || c == '?') {
      c = '_';
    }
  }
  if (stem.empty() || stem == "." || stem == "..") stem = d.id;
  std::string name = stem + ".redacted.pdf";
  for (int n = 2; used.count(name) != 0; ++n) {
    name = stem + " (" + std::to_string(n) + ").redacted.pdf";
  }
  used.insert(name);
  return name;
}

// The findings about `d`, with their values.
std::vector<const Finding*> FindingsOf(const Submission& s, const Document& d) {
  std::vector<const Finding*> out;
  for (const Finding& f : s.findings) {
    if (f.document == d.id) out.push_back(&f);
  }
  return out;
}

struct Run {
  const RedactRequest& request;
  const Reading& read;
  WorkDir& work;
  sandbox::Spawner* spawner;  // may be null: readers are forked from this process
  std::string staging;
  Progress& progress;
};

CopyJob JobFor(const Run& run, const Target& t, int page) {
  const Document& d = run.read.submission.documents[t.doc];
  CopyJob job;
  job.path = t.source;
  job.image_file = t.image_file;
  job.page = page;
  if (!t.image_file && d.media_type == kMediaPdf) job.passwords = run.read.passwords;
  job.tessdata = run.request.run.ocr.tessdata;
  if (t.planned_on_pages) {
    if (auto it = t.plan.boxes.find(page); it != t.plan.boxes.end()) job.boxes = it->second;
  } else {
    // The printed copy's own text is read for the values, in the reader.
    job.values = t.plan.values;
    if (auto it = t.plan.boxes.find(page); it != t.plan.boxes.end()) job.boxes = it->second;
  }
  if (auto it = t.drop.find(page); it != t.drop.end()) job.drop_words = it->second;
  if (auto it = t.more.find(page); it != t.more.end()) {
    job.boxes.insert(job.boxes.end(), it->second.begin(), it->second.end());
  }
  // A page the scan read by OCR keeps that reading, less what is boxed: the same
  // Tesseract over the same pixels, so it is not read twice (docs/redact.md).
  if (t.planned_on_pages) {
    for (const Page& p : d.pages) {
      if (p.number == page && p.source == TextSource::kOcr && p.ocr_confidence >= 0) {
        job.keep_words = true;
        job.words = p.words;
        job.words_turn = p.ocr_rotation;
      }
    }
  }
  return job;
}

// Writes the bytes of a page's picture to a work file, so that memory holds one page.
Status SetAside(const Run& run, size_t target, CopyPage& page) {
  std::string path = run.work.path() + "/copy-" + std::to_string(target) + "-p" +
                     std::to_string(page.number) + ".img";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(page.image.data.data(), static_cast<std::streamsize>(page.image.data.size()));
  out.close();
  if (!out) return Status(StatusCode::kIo, "the work folder could not take a page's picture");
  std::string().swap(page.image.data);
  page.image.file = path;
  return Status::Ok();
}

// Makes every page of `targets` in reader processes, then writes each copy whose pages
// were all made into the staging folder.
Status MakeCopies(const Run& run, std::vector<Target>& targets, const std::vector<size_t>& which) {
  std::vector<std::pair<size_t, int>> jobs;
  for (size_t t : which) {
    Target& target = targets[t];
    target.made.assign(static_cast<size_t>(target.pages), std::nullopt);
    ++target.attempts;
    for (int p = 1; p <= target.pages; ++p) jobs.emplace_back(t, p);
  }
  const Limits& limits = run.request.run.limits;
  sandbox::Budget budget;
  // Rendering and encoding cost far less than reading: the OCR limit, and as long again.
  uint32_t ocr_seconds =
      limits.ocr_page_timeout_seconds != 0 ? limits.ocr_page_timeout_seconds : 60;
  budget.timeout_seconds = 2 * ocr_seconds;
  budget.max_memory_bytes = limits.max_memory_bytes;
  budget.max_output_bytes = 1ull << 30;
  unsigned parallel = run.request.run.jobs != 0 ? run.request.run.jobs
                                                : std::max(1u, std::thread::hardware_concurrency());
  size_t finished = 0;
  auto request_for = [&](size_t k) {
    return sandbox::EncodeRequest(JobFor(run, targets[jobs[k].first], jobs[k].second));
  };
  auto done = [&](size_t k, sandbox::Outcome&& outcome) {
    auto [t, p] = jobs[k];
    Target& target = targets[t];
    ++finished;
    run.progress.Show("Making safe copies: page " + std::to_string(finished) + " of " +
                      std::to_string(jobs.size()));
    sandbox::Reply<sandbox::NoItems, CopyPage> reply =
        sandbox::Decode<sandbox::NoItems, CopyPage>(std::move(outcome));
    if (!reply.value || reply.garbled) {
      if (target.failure.empty()) {
        target.failure = "page " + std::to_string(p) + " could not be made: " +
                         sandbox::Failure(reply, budget, "the page maker").message();
      }
      return;
    }
    CopyPage page = std::move(*reply.value);
    page.number = p;
    if (page.boxes.empty()) page.preview_jpeg.clear();  // pictures only where there are boxes
    if (Status aside = SetAside(run, t, page); !aside.ok()) {
      if (target.failure.empty()) target.failure = aside.message();
      return;
    }
    target.made[static_cast<size_t>(p - 1)] = std::move(page);
  };
  if (run.spawner != nullptr) {
    sandbox::RunAll(jobs.size(), request_for, *run.spawner, parallel, budget, done);
  } else {
    auto task_for = [&](size_t k) -> sandbox::Task {
      std::string request = request_for(k);
      return [request](sandbox::Channel& ch) { MakeCopyPage(request, ch); };
    };
    sandbox::RunAll(jobs.size(), task_for, parallel, budget, done);
  }
  if (Interrupted()) return Interruption();

  output::SafePdfWriter::Options options;
  options.labels = run.request.labels;
  for (size_t t : which) {
    Target& target = targets[t];
    if (!target.failure.empty()) continue;
    output::SafePdfWriter writer(run.work.path(), options);
    for (std::optional<CopyPage>& page : target.made) {
      CopyPage copy = *page;
      copy.preview_jpeg.clear();
      if (Status added = writer.AddPage(std::move(copy)); !added.ok()) {
        target.failure = added.message();
        break;
      }
      page->image.file.clear();  // the writer owns the file now
    }
    if (!target.failure.empty()) continue;
    if (Status written = writer.Write(run.staging + "/" + target.name); !written.ok()) {
      target.failure = "the copy could not be written: " + written.message();
    }
  }
  return Status::Ok();
}

// Whether a finding in a copy means the copy is not clean: personal data that blocks
// (or warns, with --also-warnings), a failed redaction, hidden data, or a page of the
// copy that could not be read back.
// A value's words, lower case, letters and digits only: "Helena Marchbank" → helena,
// marchbank; "943 476 5919" → 943, 476, 5919.
std::vector<std::string> ValueWords(std::string_view value) {
  std::vector<std::string> words(1);
  for (char c : value) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || (c & 0x80) != 0) {
      words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// Whether what the proof found is a value a decision keeps: the same letters and digits
// in any spacing, or words all of one kept value ("Marchbank" of "Helena Marchbank").
bool KeptValue(const std::string& value, const std::vector<std::string>& kept) {
  std::vector<std::string> words = ValueWords(value);
  if (words.empty()) return false;
  std::string joined;
  for (const std::string& w : words) joined += w;
  for (const std::string& k : kept) {
    std::vector<std::string> kept_words = ValueWords(k);
    std::string kept_joined;
    for (const std::string& w : kept_words) kept_joined += w;
    if (joined == kept_joined) return true;
    if (std::all_of(words.begin(), words.end(), [&](const std::string& w) {
          return std::find(kept_words.begin(), kept_words.end(), w) != kept_words.end();
        })) {
      return true;
    }
  }
  return false;
}

bool Fails(const Finding& f, bool also_warnings) {
  switch (f.category) {
    case Category::kPersonalData:
      return f.severity == Severity::kBlocker ||
             (also_warnings && f.severity == Severity::kWarning);
    case Category::kRedaction:
    case Category::kHiddenData:
      return true;
    default:
      return f.severity != Severity::kInfo;
  }
}

// Reads the copies back as scan reads any file, and records in each target whether it
// is clean; for one that is not, the boxes a second try needs (where the copy still
// shows what should be gone, on the same page: a copy's pages are its original's).
Status ProveCopies(const Run& run, std::vector<Target>& targets, const std::vector<size_t>& which) {
  RunOptions options = run.request.run;
  options.inputs.clear();
  std::vector<size_t> proved;
  for (size_t t : which) {
    if (!targets[t].failure.empty()) continue;
    options.inputs.push_back(run.staging + "/" + targets[t].name);
    proved.push_back(t);
  }
  if (proved.empty()) return Status::Ok();
  options.reveal = true;
  options.bundle = false;
  options.profile = nullptr;
  options.lists = run.request.lists ? &*run.request.lists : nullptr;
  // The organisation's own people, as the originals showed them: the copies alone
  // lack the email that carried them and the table cells that labelled them.
  options.own = &run.read.own;
  options.passwords.clear();
  options.progress = run.request.run.progress;
  // The copies are new files: what OCR reads in them is read now, never replayed.
  options.ocr.replay_dir.clear();
  options.ocr.record_dir.clear();
  Result<WorkDir> work = WorkDir::Create();
  if (!work.ok()) return work.status();
  run.progress.Show("Proving the copies: reading them back");
  Result<Reading> back = RunPipeline(options, work.value());
  if (!back.ok()) return back.status();
  const Submission& s = back->submission;
  auto document = [&s](const std::string& id) -> const Document* {
    for (const Document& d : s.documents) {
      if (d.id == id) return &d;
    }
    return nullptr;
  };
  for (size_t i = 0; i < proved.size(); ++i) {
    Target& target = targets[proved[i]];
    // What was read of this copy. Two copies can be the same bytes (a Word file and the
    // PDF made of it, in one submission): the reader then reads one and sets the other
    // aside as its duplicate, and what it found in the one holds for both.
    std::vector<const Document*> read;
    for (const Document& d : s.documents) {
      if (d.input != static_cast<int>(i)) continue;
      const Document* same = d.status == DocStatus::kSetAside && !d.duplicate_of.empty()
                                 ? document(d.duplicate_of)
                                 : nullptr;
      read.push_back(same != nullptr ? same : &d);
    }
    auto of_this_copy = [&read](const Finding& f) {
      return std::any_of(read.begin(), read.end(),
                         [&f](const Document* d) { return d->id == f.document; });
    };
    // What a decision keeps stays in the copy, and is no failure of it.
    std::vector<std::string> kept;
    for (const redaction::Removal& r : target.plan.removals) {
      if (r.kept && !r.value.empty()) kept.push_back(r.value);
    }
    if (run.request.decisions) {
      kept.insert(kept.end(), run.request.decisions->keep_values.begin(),
                  run.request.decisions->keep_values.end());
    }
    nlohmann::json found = nlohmann::json::array();
    int values_left = 0;
    std::map<int, std::vector<CopyBox>> more;
    std::map<int, std::vector<Box>> drop;
    bool fixable = true;
    for (const Finding& f : s.findings) {
      if ((f.input != static_cast<int>(i) && !of_this_copy(f)) ||
          !Fails(f, run.request.also_warnings)) {
        continue;
      }
      if (f.category == Category::kPersonalData && KeptValue(f.value, kept)) continue;
      found.push_back({{"rule", f.rule},
                       {"severity", ToString(f.severity)},
                       {"page", f.page},
                       {"masked", f.masked}});
      // A copy holds no text but its own invisible layer and its labels: hidden text
      // found on a page of it is a word of that layer the reader takes for hidden (OCR
      // read it from a speck), left out on the second try.
      bool hidden = f.category == Category::kHiddenData || f.category == Category::kRedaction;
      if (hidden && f.page > 0 && f.bbox) {
        drop[f.page].push_back(*f.bbox);
        continue;
      }
      if (f.category != Category::kPersonalData || f.page == 0) {
        fixable = false;
        continue;
      }
      const Document* doc = document(f.document);
      if (doc == nullptr) continue;
      for (const Page& p : doc->pages) {
        if (p.number != f.page || !f.start || !f.end) continue;
        for (const Word& w : p.words) {
          if (w.end > *f.start && w.start < *f.end)
            more[f.page].push_back({w.box, redaction::RemovalLabel(f)});
        }
      }
    }
    for (const Document* d : read) {
      if (d->status != DocStatus::kRead) {
        found.push_back(
            {{"rule", "extract"}, {"severity", "blocker"}, {"page", 0}, {"masked", ""}});
        fixable = false;
      }
      for (const Page& p : d->pages) {
        for (CopyBox& b : redaction::FindValues(p, target.plan.values)) {
          ++values_left;
          more[p.number].push_back(std::move(b));
        }
      }
    }
    target.proof = {{"clean", found.empty() && values_left == 0},
                    {"attempts", target.attempts},
                    {"values_left", values_left},
                    {"findings", found},
                    {"read_back", "the copy's text layer, and OCR of any page whose text is thin"}};
    target.kept = found.empty() && values_left == 0;
    if (target.kept) continue;
    if (fixable && (!more.empty() || !drop.empty())) {
      for (auto& [page, boxes] : more) {
        auto& into = target.more[page];
        into.insert(into.end(), boxes.begin(), boxes.end());
      }
      for (auto& [page, boxes] : drop) {
        auto& into = target.drop[page];
        into.insert(into.end(), boxes.begin(), boxes.end());
      }
      target.again = true;
    }
  }
  return Status::Ok();
}

// What became of each document, as redactions.json says it.
nlohmann::json DocumentEntry(const Submission& s, const Document& d, const Target* t,
                             const std::string& not_copied, bool reveal) {
  nlohmann::json j;
  j["path"] = reveal ? d.Path() : redaction::MaskPersonalData(d.Path());
  j["document"] = d.id;
  if (t == nullptr) {
    int needing_action = 0;
    for (const Finding& f : s.findings) {
      if (f.document == d.id && f.severity != Severity::kInfo) ++needing_action;
    }
    j["outcome"] = "not-copied";
    j["copy"] = nullptr;
    j["reason"] = "No copy was made: " + not_copied + ".";
    j["findings_needing_action"] = needing_action;
    return j;
  }
  j["outcome"] = t->kept ? "copied" : "refused";
  j["copy"] = t->kept ? nlohmann::json(t->name) : nlohmann::json(nullptr);
  j["pages"] = t->pages;
  if (!t->failure.empty()) {
    j["reason"] = "No copy was made: " + t->failure + ".";
  } else if (!t->kept) {
    j["reason"] =
        "The copy was made, but reading it back still found what should be gone (below), so "
        "it was not kept. Remove it in the original and run redact again.";
  }
  nlohmann::json removals = nlohmann::json::array();
  for (const redaction::Removal& r : t->plan.removals) {
    nlohmann::json boxes = nlohmann::json::array();
    for (const Box& b : r.boxes) boxes.push_back(b);
    nlohmann::json rj = {{"id", r.id},         {"rule", r.rule}, {"label", r.label},
                         {"masked", r.masked}, {"page", r.page}, {"boxes", boxes},
                         {"kept", r.kept},     {"why", r.why}};
    if (!r.field.empty()) rj["field"] = r.field;
    if (reveal) rj["value"] = r.value;
    removals.push_back(std::move(rj));
  }
  j["removals"] = std::move(removals);
  nlohmann::json pages = nlohmann::json::array();
  for (const std::optional<CopyPage>& p : t->made) {
    if (!p || p->boxes.empty()) continue;
    nlohmann::json boxes = nlohmann::json::array();
    for (const CopyBox& b : p->boxes) boxes.push_back({{"box", b.box}, {"label", b.label}});
    pages.push_back({{"page", p->number},
                     {"width", p->width},
                     {"height", p->height},
                     {"dpi", p->dpi},
                     {"boxes", std::move(boxes)}});
  }
  j["boxed_pages"] = std::move(pages);
  j["proof"] = t->proof;
  return j;
}

nlohmann::json CarriedEntry(const Document& d, const Document& carrier, bool reveal) {
  std::string path = reveal ? d.Path() : redaction::MaskPersonalData(d.Path());
  std::string in = reveal ? carrier.Path() : redaction::MaskPersonalData(carrier.Path());
  return {{"path", path},
          {"document", d.id},
          {"outcome", "left-out"},
          {"copy", nullptr},
          {"reason", "It is attached to or embedded in " + in +
                         ", and the safe copy of that file carries nothing but its pages."}};
}

// The exit code: scan's, over what the organisation would send — each copy as read
// back, and each document no copy was made of as it is.
int RedactExitCode(const Submission& s, const std::map<size_t, Target*>& by_doc,
                   const std::map<size_t, const Document*>& carried) {
  int code = kExitOk;
  auto worse = [&code](int c) {
    auto rank = [](int x) {
      return x == kExitPassword ? 3 : x == kExitUnreadable ? 2 : x == kExitFindings ? 1 : 0;
    };
    if (rank(c) > rank(code)) code = c;
  };
  for (size_t i = 0; i < s.inputs.size(); ++i) {
    int input = InputExitCode(s, i);
    if (input == kExitPassword || input == kExitUnreadable) worse(input);
  }
  for (size_t i = 0; i < s.documents.size(); ++i) {
    const Document& d = s.documents[i];
    if (!Listed(s, d) || carried.count(i) != 0) continue;
    auto it = by_doc.find(i);
    if (it != by_doc.end()) {
      if (!it->second->kept) worse(kExitFindings);
      continue;
    }
    for (const Finding& f : s.findings) {
      if (f.document == d.id && f.severity != Severity::kInfo) worse(kExitFindings);
    }
  }
  return code;
}

}  // namespace

std::string RefusedRedactFolder(const std::string& out_dir,
                                const std::vector<std::string>& inputs) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(out_dir, ec), ec);
  if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
    return "the output " + out_dir + " exists and is not a folder";
  }
  for (const std::string& input : inputs) {
    fs::path in = fs::weakly_canonical(fs::absolute(input, ec), ec);
    fs::path inside_in = out.lexically_relative(in);
    if (fs::is_directory(in, ec) && !inside_in.empty() && *inside_in.begin() != "..") {
      return "the output folder " + out_dir + " is inside the input folder " + input +
             "; choose an output folder elsewhere";
    }
    fs::path inside_out = in.lexically_relative(out);
    if (!inside_out.empty() && *inside_out.begin() != "..") {
      return "the input " + input + " is inside the output folder " + out_dir +
             ", which redact replaces as a whole; choose another output folder";
    }
  }
  if (!fs::is_directory(out, ec) || fs::is_empty(out, ec)) return "";
  for (const auto& entry : fs::directory_iterator(out, ec)) {
    std::string name = entry.path().filename().string();
    bool ours = name == "redactions.json" || name == "redactions.html" ||
                (name.size() > 13 && name.compare(name.size() - 13, 13, ".redacted.pdf") == 0);
    if (!ours) {
      return "the output folder " + out_dir + " holds '" + name +
             "', which redact did not write; redact replaces the whole folder, so give an "
             "empty or new folder, or one an earlier redact wrote";
    }
  }
  std::ifstream in(out / "redactions.json", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.find("\"command\": \"redact\"") == std::string::npos) {
    return "the output folder " + out_dir +
           " holds copies but no redactions.json that redact wrote; give an empty or new folder";
  }
  return "";
}

std::vector<PlannedDocument> PlanRedaction(const Reading& read,
                                           const redaction::RemovalOptions& options) {
  const Submission& s = read.submission;
  std::vector<PlannedDocument> out;
  for (size_t i = 0; i < s.documents.size(); ++i) {
    const Document& d = s.documents[i];
    if (!Listed(s, d)) continue;
    PlannedDocument planned;
    planned.doc = i;
    planned.carrier = CarriedBy(s, d);
    if (planned.carrier == nullptr) {
      Target t;
      planned.not_copied = Source(d, t);
      if (planned.not_copied.empty()) {
        planned.source = t.source;
        planned.image_file = t.image_file;
        planned.planned_on_pages = t.planned_on_pages;
        planned.plan = redaction::PlanRemovals(d, FindingsOf(s, d), options);
      }
    }
    out.push_back(std::move(planned));
  }
  return out;
}

Result<RedactOutcome> RunRedact(const RedactRequest& request) {
  Progress progress(request.run.progress);
  // The page makers' own parent, forked now, while this process is small.
  std::unique_ptr<sandbox::Spawner> makers = sandbox::Spawner::Start(&MakeCopyPage);
  RunOptions options = request.run;
  options.profile = nullptr;
  options.bundle = true;  // every .docx gets the PDF its copy is made of
  options.reveal = true;  // values stay in memory for the plan and the proof
  options.lists = request.lists ? &*request.lists : nullptr;
  Result<WorkDir> work = WorkDir::Create();
  if (!work.ok()) return work.status();
  Result<Reading> read = RunPipeline(options, work.value());
  if (!read.ok()) return read.status();
  const Submission& s = read->submission;

  Result<output::Staging> staging = output::Staging::Create(request.out_dir);
  if (!staging.ok()) return staging.status();
  Run run{request, read.value(), work.value(), makers.get(), staging->path(), progress};

  std::vector<Target> targets;
  std::map<size_t, std::string> not_copied;
  std::map<size_t, const Document*> carried;  // attached to or embedded in a copied file
  std::set<std::string> names;
  redaction::RemovalOptions plan_options{request.also_warnings,
                                         request.decisions ? &*request.decisions : nullptr};
  for (PlannedDocument& planned : PlanRedaction(read.value(), plan_options)) {
    size_t i = planned.doc;
    const Document& d = s.documents[i];
    if (planned.carrier != nullptr) {
      carried[i] = planned.carrier;
      continue;
    }
    if (!planned.not_copied.empty()) {
      not_copied[i] = planned.not_copied;
      continue;
    }
    Target t;
    t.doc = i;
    t.source = planned.source;
    t.image_file = planned.image_file;
    t.planned_on_pages = planned.planned_on_pages;
    t.plan = std::move(planned.plan);
    t.pages = d.page_count;
    if (!t.planned_on_pages) {
      Result<int> pages =
          sandbox::Call<int>([&t]() { return extract::CountPdfPages(t.source, {}); },
                             sandbox::Budget{request.run.limits.doc_timeout_seconds,
                                             request.run.limits.max_memory_bytes, 1 << 20},
                             "the page counter");
      if (!pages.ok()) {
        not_copied[i] = "its printed copy could not be read: " + pages.status().message();
        continue;
      }
      t.pages = pages.value();
    }
    if (t.pages <= 0) {
      not_copied[i] = "it has no pages";
      continue;
    }
    if (static_cast<uint32_t>(t.pages) > request.run.limits.max_pages) {
      not_copied[i] = "it has " + std::to_string(t.pages) + " pages, more than --max-pages " +
                      std::to_string(request.run.limits.max_pages) +
                      " allows, and a copy keeps every page";
      continue;
    }
    t.name = CopyName(d, names);
    targets.push_back(std::move(t));
  }

  std::vector<size_t> all(targets.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  if (Status made = MakeCopies(run, targets, all); !made.ok()) return made;
  if (Status proved = ProveCopies(run, targets, all); !proved.ok()) return proved;
  // A copy the proof found wanting is made once more, with what it found boxed too.
  std::vector<size_t> again;
  for (size_t i : all) {
    if (targets[i].failure.empty() && !targets[i].kept && targets[i].again) {
      again.push_back(i);
    }
  }
  if (!again.empty()) {
    if (Status made = MakeCopies(run, targets, again); !made.ok()) return made;
    if (Status proved = ProveCopies(run, targets, again); !proved.ok()) return proved;
  }
  for (Target& t : targets) {
    if (t.kept) continue;
    std::error_code ec;
    fs::remove(run.staging + "/" + t.name, ec);  // never leave a copy that is not clean
  }

  std::map<size_t, Target*> by_doc;
  for (Target& t : targets) by_doc[t.doc] = &t;
  nlohmann::json documents = nlohmann::json::array();
  redactions_html::Pictures pictures;
  for (size_t i = 0; i < s.documents.size(); ++i) {
    const Document& d = s.documents[i];
    if (!Listed(s, d)) continue;
    if (auto c = carried.find(i); c != carried.end()) {
      documents.push_back(CarriedEntry(d, *c->second, request.run.reveal));
      continue;
    }
    auto it = by_doc.find(i);
    const Target* t = it != by_doc.end() ? it->second : nullptr;
    documents.push_back(DocumentEntry(s, d, t, not_copied[i], request.run.reveal));
    if (t == nullptr) continue;
    for (const std::optional<CopyPage>& p : t->made) {
      if (p && !p->preview_jpeg.empty()) {
        pictures[{documents.size() - 1, p->number}] = p->preview_jpeg;
      }
    }
  }
  int exit_code = RedactExitCode(s, by_doc, carried);
  nlohmann::json report = {
      {"schema_version", 1},
      {"tool", std::string("qpm-intake ") + QPM_VERSION},
      {"command", "redact"},
      {"options",
       {{"also_warnings", request.also_warnings},
        {"labels", request.labels},
        {"decisions", request.decisions_file.empty()
                          ? nlohmann::json(nullptr)
                          : nlohmann::json(fs::path(request.decisions_file).filename().string())},
        {"deny_list", request.lists.has_value() && request.lists->has_deny()},
        {"allow_list", request.lists.has_value() && request.lists->has_allow()},
        {"reveal", request.run.reveal}}},
      {"documents", documents},
      {"exit_code", exit_code},
      {"status", StatusWord(exit_code)}};
  progress.Clear();
  if (Status w = WriteFileAtomically(run.staging + "/redactions.json", report.dump(2) + "\n");
      !w.ok()) {
    return w;
  }
  if (Status w = WriteFileAtomically(run.staging + "/redactions.html",
                                     redactions_html::Render(report, pictures));
      !w.ok()) {
    return w;
  }
  if (Interrupted()) return Interruption();
  if (Status committed = staging->Commit(); !committed.ok()) return committed;
  return RedactOutcome{std::move(report), exit_code};
}

}  // namespace qpm
