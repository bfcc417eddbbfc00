#include "pipeline/app/runner.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "checks/checks.h"
#include "extractors/classify/classify.h"
#include "extractors/read/extract.h"
#include "extractors/read/pdf_text.h"
#include "extractors/read/word_text.h"
#include "pipeline/core/rules.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/output/office.h"
#include "pipeline/platform/call.h"
#include "pipeline/platform/interrupt.h"
#include "pipeline/platform/progress.h"
#include "pipeline/platform/sandbox.h"
#include "pipeline/platform/workdir.h"
#include "redaction/hidden_data.h"
#include "redaction/masking.h"
#include "redaction/personal_data.h"
#include "redaction/policy.h"

namespace qpm {
namespace {

// The progress line, and what the caller is told of it (RunOptions::on_progress).
class Steps {
 public:
  explicit Steps(const RunOptions& options) : line_(options.progress), options_(options) {}
  void Show(const std::string& line) {
    line_.Show(line);
    if (options_.on_progress) options_.on_progress(line);
  }
  void Clear() { line_.Clear(); }

 private:
  Progress line_;
  const RunOptions& options_;
};

// A finding about document `d`, from whichever input holds it.
void AddFinding(Submission& s, const Document& d, Finding f) {
  f.document = d.id;
  f.input = d.input;
  s.findings.push_back(std::move(f));
}

// What a reader found besides the pages, into `d`: its status, what it carries, and
// its findings.
void TakeSummary(extract::Summary&& sum, const ingest::Passwords& passwords, Document& d,
                 Submission& s) {
  d.status = sum.status;
  d.page_count = sum.page_count;
  d.encrypted = d.encrypted || sum.encrypted;
  d.locked = d.locked || sum.locked;
  for (auto& kv : sum.metadata) d.metadata.push_back(std::move(kv));
  for (TextPart& part : sum.parts) d.parts.push_back(std::move(part));
  for (FormField& field : sum.fields) d.fields.push_back(std::move(field));
  for (HiddenText& h : sum.hidden) d.hidden.push_back(std::move(h));
  for (Finding& f : sum.findings) AddFinding(s, d, std::move(f));
  int used = sum.password_used;
  if (used >= 0 && static_cast<size_t>(used) < passwords.size()) {
    AddFinding(s, d,
               ReadingFinding(rule::kIngestPasswordUsed, d.id,
                              "This file was locked with a password; it was opened with the "
                              "password from " +
                                  passwords.from(static_cast<size_t>(used)) + ".",
                              "Nothing to do. Delete the password email once the review is done."));
  }
}

// Reads every kPending document in reader processes and stores what comes back.
void ExtractAll(Submission& s, const ingest::Passwords& passwords, const RunOptions& options,
                Steps& progress) {
  std::vector<size_t> pending;
  for (size_t i = 0; i < s.documents.size(); ++i) {
    if (s.documents[i].status == DocStatus::kPending) pending.push_back(i);
  }
  if (pending.empty()) return;
  sandbox::Budget budget;
  budget.timeout_seconds = options.limits.doc_timeout_seconds;
  budget.max_memory_bytes = options.limits.max_memory_bytes;
  budget.max_output_bytes = 256ull << 20;  // the text of one document
  unsigned jobs =
      options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  const Limits& limits = options.limits;
  size_t finished = 0;

  auto task_for = [&](size_t k) -> sandbox::Task {
    const Document* doc = &s.documents[pending[k]];
    return [doc, &passwords, &limits](sandbox::Channel& ch) {
      extract::Summary summary = extract::Extract(
          *doc, passwords.values(), limits, [&ch](Page&& page) { sandbox::SendItem(ch, page); });
      sandbox::SendValue(ch, summary);
    };
  };

  auto done = [&](size_t k, sandbox::Outcome&& outcome) {
    Document& d = s.documents[pending[k]];
    ++finished;
    if (options.on_document_read) options.on_document_read(d);
    progress.Show("Reading documents: " + std::to_string(finished) + " of " +
                  std::to_string(pending.size()) + " (" +
                  Printable(redaction::MaskPersonalData(d.Path())) + ")");
    // A reader is a process that met a hostile file: what it sends back must cost at
    // most its own document, never the run.
    sandbox::Reply<Page, extract::Summary> reply =
        sandbox::Decode<Page, extract::Summary>(std::move(outcome));
    for (Page& page : reply.items) d.pages.push_back(std::move(page));
    if (reply.value && !reply.garbled) {
      TakeSummary(std::move(*reply.value), passwords, d, s);
      return;
    }
    // The reader stopped before it finished: never let a partial read look complete.
    if (reply.outcome.end == sandbox::End::kInterrupted) return;
    d.status = d.pages.empty() ? DocStatus::kFailed : DocStatus::kPartlyRead;
    if (reply.garbled) {
      AddFinding(s, d,
                 ReadingFinding(rule::kExtractCrashed, d.id,
                                "Reading this document went wrong: the reader sent back something "
                                "that could not be understood. What was read before that is kept; "
                                "the rest was not checked.",
                                "Ask the organisation to save or export the document again and "
                                "resend it."));
      return;
    }
    std::string read = d.pages.empty()
                           ? "Nothing of it was read."
                           : std::to_string(d.pages.size()) +
                                 " pages were read before that; the rest was not checked.";
    bool timed_out = reply.outcome.end == sandbox::End::kTimedOut;
    Finding f = ReadingFinding(
        timed_out ? rule::kExtractTimeout : rule::kExtractCrashed, d.id,
        "Reading this document stopped: the reader " + reply.outcome.Describe(budget) + ". " + read,
        timed_out ? "If it is a very long document, run again with a higher --doc-timeout; "
                    "otherwise ask the organisation to save it again and resend it."
                  : "Ask the organisation to save or export the document again and resend it.");
    if (!d.pages.empty()) f.page = d.pages.back().number + 1;
    AddFinding(s, d, std::move(f));
  };

  sandbox::RunAll(pending.size(), task_for, jobs, budget, done);
}

// Fills in where each finding is, masks what must not be shown, and sorts. A
// password never reaches any output, --reveal or not; the documents' own text is
// left as it is, so nothing is hidden from the checks (candidates taken from an
// email's text may be ordinary words).
void FinishFindings(Submission& s, bool reveal, const ingest::Passwords& passwords) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < s.documents.size(); ++i) index[s.documents[i].id] = i;
  for (Finding& f : s.findings) {
    std::string path;
    if (auto it = index.find(f.document); it != index.end()) {
      path = s.documents[it->second].Path();
      f.input = s.documents[it->second].input;
    } else if (f.input >= 0 && static_cast<size_t>(f.input) < s.inputs.size()) {
      path = s.inputs[static_cast<size_t>(f.input)].path;
    }
    f.file = path;
    if (!reveal) MaskFinding(f);
    for (std::string* text : {&f.file, &f.field, &f.message, &f.masked, &f.value}) {
      redaction::StarOutPasswords(*text, passwords.values());
    }
  }
  auto key = [&](const Finding& f) {
    auto it = index.find(f.document);
    long doc = it == index.end() ? -1 : static_cast<long>(it->second);
    return std::make_tuple(f.input, doc, f.page, f.start.value_or(0), f.rule, f.field, f.message);
  };
  std::stable_sort(s.findings.begin(), s.findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The band the submission is judged in: --band, else the band of --wte, else the
// band of the WTE the workbook states, else the band it states.
void DecideBand(Submission& s, const RunOptions& options) {
  const Profile& profile = *options.profile;
  const Band* band = nullptr;
  if (options.band) {
    band = profile.FindBand(*options.band);
    s.band_reason = "--band " + std::to_string(*options.band);
  } else if (options.wte) {
    band = profile.BandForWte(*options.wte);
    s.band_reason = "--wte " + Number(*options.wte);
  } else if (s.workbook.wte) {
    band = profile.BandForWte(*s.workbook.wte);
    s.band_reason = "the " + profile.workbook_name + " states " + Number(*s.workbook.wte) +
                    " whole-time-equivalent advocates";
  } else if (s.workbook.band) {
    band = profile.FindBand(*s.workbook.band);
    s.band_reason =
        "the " + profile.workbook_name + " states band " + std::to_string(*s.workbook.band);
  }
  if (band != nullptr) {
    s.band = band->band;
  } else {
    s.band_reason.clear();
  }
}

// Triage: sorts the documents by role, reads the workbook and maps the case files
// against the profile, decides the band and runs the completeness checks.
void ReadAgainstProfile(Submission& s, const RunOptions& options, Steps& progress) {
  progress.Show("Sorting the documents and reading the workbook");
  s.profile = options.profile->name;
  s.workbook_name = options.profile->workbook_name;
  s.words = options.profile->words;
  s.banded = !options.profile->bands.empty();
  classify::ClassifyDocuments(s, *options.profile);
  classify::SetAsideReplaced(s);
  classify::ReadWorkbook(s, *options.profile);
  if (!options.issued.empty()) s.workbook.issued = options.issued;
  classify::MapCaseFiles(s, *options.profile);
  DecideBand(s, options);
  progress.Show("Checking the submission is complete");
  s.required = checks::RequiredCounts(s, *options.profile, options.checks);
  s.deadlines = checks::ComputeDeadlines(s, *options.profile, options.checks);
  for (Finding& f : checks::Run(s, *options.profile, options.checks)) {
    s.findings.push_back(std::move(f));
  }
}

// Personal data and hidden data in every document, judged over a case file where
// one case is several documents. False when interrupted.
bool FindPersonalData(Submission& s, const RunOptions& options) {
  // The emails that carried the submission: their addresses are the sender's and
  // the recipients'.
  std::set<std::string> carriers = CarrierEmails(s);
  // A value hidden in one place and readable in another is judged over a case file
  // in triage (one case may be several documents), over one document otherwise.
  std::map<std::string, size_t> group_of_document;
  std::vector<std::vector<const Document*>> groups;
  for (const CaseFile& cf : s.case_files) {
    groups.emplace_back();
    for (const std::string& id : cf.documents) group_of_document[id] = groups.size() - 1;
  }
  std::vector<std::vector<Finding>> found_in_group(groups.size());
  const size_t case_groups = groups.size();
  // What the submission shows to be the organisation's own (its people, numbers and
  // addresses), so that no value of theirs is taken for a client's.
  std::vector<const Document*> all;
  for (const Document& d : s.documents) all.push_back(&d);
  const redaction::OwnSide own = redaction::LearnOwnSide(all, carriers);
  // A file attached to or embedded in a document, that is nothing of its own, is
  // judged with the document that carries it (its case file's, if that has one).
  std::map<std::string, const Document*> by_id;
  for (const Document& d : s.documents) by_id[d.id] = &d;
  auto carried_by = [&](const Document& d) -> const Document* {
    auto p = by_id.find(d.parent);
    if (p == by_id.end() || d.role != "unknown") return nullptr;
    const Document& parent = *p->second;
    bool container = parent.status == DocStatus::kUnpacked || parent.role == "container" ||
                     parent.role == "email";
    return container ? nullptr : &parent;
  };
  for (const Document& d : s.documents) {
    if (Interrupted()) return false;
    auto it = group_of_document.find(d.id);
    if (it == group_of_document.end()) {
      if (const Document* parent = carried_by(d)) it = group_of_document.find(parent->id);
    }
    size_t g = it != group_of_document.end() ? it->second : groups.size();
    if (g == groups.size()) {
      groups.emplace_back();
      found_in_group.emplace_back();
    }
    group_of_document.emplace(d.id, g);
    groups[g].push_back(&d);
    std::vector<Finding> personal =
        redaction::ScanDocument(d, carriers.count(d.id) == 0, options.lists, &own);
    std::vector<Finding> hidden = redaction::HiddenDataFindings(d, personal, options.lists);
    for (Finding& f : personal) found_in_group[g].push_back(std::move(f));
    for (Finding& f : hidden) found_in_group[g].push_back(std::move(f));
  }
  // Each case file, and each report or other document outside the case files that is
  // about one person, is one subject; the organisation's own documents are none.
  std::vector<std::vector<Finding>*> subjects;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].empty()) continue;
    const std::string& role = groups[g].front()->role;
    bool about_a_person = g < case_groups || role == "report" || role == "correspondence";
    if (about_a_person) subjects.push_back(&found_in_group[g]);
  }
  redaction::ExcuseValuesSharedBySubjects(subjects);
  for (size_t g = 0; g < groups.size(); ++g) {
    redaction::MarkRedactedElsewhere(found_in_group[g], groups[g]);
    for (Finding& f : found_in_group[g]) s.findings.push_back(std::move(f));
  }
  if (options.profile != nullptr) {
    checks::ExcuseRequestedContacts(s.findings, s, *options.profile);
  }
  return true;
}

}  // namespace

void MaskFinding(Finding& f) {
  f.file = redaction::MaskPersonalData(f.file);
  f.field = redaction::MaskPersonalData(f.field);
  f.message = redaction::MaskPersonalData(f.message);
  f.value.clear();
}

Result<Reading> RunPipeline(const RunOptions& options, WorkDir& work) {
  Steps progress(options);
  extract::KeepPopplerReady();  // before the first reader: each inherits it
  // The OCR readers' own parent, forked now, while this process is small.
  ocr::Options ocr_options = options.ocr;
  std::unique_ptr<sandbox::Spawner> ocr_readers;
  if (ocr::UsesEngine(ocr_options)) {
    ocr_readers = ocr::StartReaders();
    ocr_options.spawner = ocr_readers.get();
  }

  Submission s;
  s.limits = options.limits;
  s.received = options.received;
  for (const std::string& path : options.inputs) s.inputs.push_back(Input{path, false, 0});

  ingest::Passwords passwords;
  for (const auto& [value, from] : options.passwords) passwords.Add(value, from);
  ingest::Options ingest_options;
  ingest_options.limits = options.limits;
  ingest_options.passwords_from_emails = options.passwords_from_emails;
  ingest::ProgressFn on_ingest = [&progress](const std::string& what) {
    progress.Show("Unpacking: " + what);
  };
  if (!ingest::Run(s, ingest_options, work, passwords, on_ingest)) {
    return Status(StatusCode::kInterrupted, "interrupted");
  }
  // Office files become PDFs, which extraction then reads.
  // Word's white "Automatic" text on a dark highlight is printed white, as Word shows it.
  office::Options office_options{
      options.soffice, options.limits.doc_timeout_seconds, options.bundle,
      [&options](const std::string& docx, const std::string& dest) {
        Result<bool> done = extract::WriteWordAsDrawn(docx, dest, options.limits);
        return done.ok() && done.value();
      }};
  office::ConvertAll(s, office_options, work.path(),
                     [&progress](size_t n, size_t total, const Document& d) {
                       progress.Show("Converting office files: " + std::to_string(n) + " of " +
                                     std::to_string(total) + " (" +
                                     Printable(redaction::MaskPersonalData(d.Path())) + ")");
                     });
  if (Interrupted()) return Status(StatusCode::kInterrupted, "interrupted");
  ExtractAll(s, passwords, options, progress);
  if (Interrupted()) return Status(StatusCode::kInterrupted, "interrupted");
  // Scanned pages and images, before anything reads the documents' text.
  Status ocr = ocr::Run(s, ocr_options, passwords.values(), options.jobs,
                        [&progress](size_t done, size_t total) {
                          progress.Show("Reading scanned pages (OCR): " + std::to_string(done) +
                                        " of " + std::to_string(total));
                        });
  ocr_readers.reset();
  if (!ocr.ok()) return ocr;

  if (options.profile != nullptr) ReadAgainstProfile(s, options, progress);
  progress.Show("Checking for personal data");
  if (!FindPersonalData(s, options)) return Status(StatusCode::kInterrupted, "interrupted");
  classify::QuietReplaced(s, s.findings);
  progress.Clear();
  FinishFindings(s, options.reveal, passwords);
  return Reading{std::move(s), passwords.values()};
}

std::vector<RuleInfo> AllRules() {
  std::vector<RuleInfo> out = ReadingRules();
  for (const RuleInfo& r : checks::Rules()) out.push_back(r);
  for (const RuleInfo& r : redaction::PersonalDataRules()) out.push_back(r);
  for (const RuleInfo& r : redaction::HiddenDataRules()) out.push_back(r);
  std::sort(out.begin(), out.end(),
            [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
  return out;
}

}  // namespace qpm
