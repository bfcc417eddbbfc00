#include "extractors/read/ocr_stage.h"

#include <malloc.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>
#include <utility>

#include "extractors/read/ocr.h"
#include "pipeline/core/media_types.h"
#include "pipeline/core/model_json.h"
#include "pipeline/core/rules.h"
#include "pipeline/platform/call.h"
#include "pipeline/platform/interrupt.h"
#include "pipeline/platform/sandbox.h"

namespace qpm::extract {

// A picture travels from a listing reader to the OCR stage (pipeline/platform/call.h).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Picture, page, number, part, box, width_px, height_px, object)

}  // namespace qpm::extract

namespace qpm::ocr {

// A job and the engine's settings travel to a spawner's reader in its request
// (pipeline/platform/call.h).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PageJob, document, path, media_type, sha256, page, picture, part,
                                   box, width_px, height_px)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EngineOptions, tessdata, dpi, max_pixels,
                                   min_orientation_confidence, trusted_min_words,
                                   trusted_confidence)

namespace {

using nlohmann::json;

bool IsImage(const Document& d) { return d.media_type.rfind("image/", 0) == 0; }
bool IsWord(const Document& d) { return d.media_type == kMediaDocx; }
// An office file is read from the PDF made of it (pipeline/output/office.h); a .docx from its
// XML, its PDF only for the text printing adds.
bool IsPdf(const Document& d) {
  return d.media_type == kMediaPdf || (!d.converted_pdf.empty() && !IsWord(d));
}
// The file OCR reads: the PDF an office file was read from, else the file itself.
const std::string& ReadPath(const Document& d) {
  return IsPdf(d) && !d.converted_pdf.empty() ? d.converted_pdf : d.work_path;
}

// The most bytes a Word picture may have to be read: far more than a page's scan.
constexpr uint64_t kMaxPictureBytes = 64ull << 20;

// The pages of `d` that need OCR, in order: those its reader left to OCR, and those
// with no text at all.
std::vector<int> PagesNeedingOcr(const Document& d) {
  std::set<int> wanted;
  for (const Page& p : d.pages) {
    if (p.source == TextSource::kNone || p.needs_ocr != OcrNeed::kNone) wanted.insert(p.number);
  }
  return std::vector<int>(wanted.begin(), wanted.end());
}

Result<Page> ReadRecording(const std::string& dir, const PageJob& job) {
  std::string path = dir + "/" + RecordingName(job);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kUnreadable, std::string("no recorded OCR output for this ") +
                                               (job.picture != 0 ? "picture" : "page") +
                                               " (replay: " + path + " is missing)");
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
  if (job.picture != 0 && !job.part.empty()) {
    Result<std::string> bytes = extract::ReadWordPart(job.path, job.part, kMaxPictureBytes);
    if (!bytes.ok()) return bytes.status();
    return ReadImageBytes(bytes.value(), engine);
  }
  if (job.picture != 0) {
    return ReadPdfPicture(job.path, job.page, job.box, job.width_px, passwords, engine);
  }
  if (job.media_type == kMediaPdf) return ReadPdfPage(job.path, job.page, passwords, engine);
  return ReadImagePage(job.path, job.page, engine);
}

// A job for the engine, as a spawner's reader (StartReaders) is given it: the job, the
// passwords that open locked PDFs, the engine's settings.
struct EngineRequest {
  PageJob job;
  std::vector<std::string> passwords;
  EngineOptions engine;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EngineRequest, job, passwords, engine)

// A spawner's reader: reads the job of an EngineRequest and sends back the page.
void ServeEngineRequest(std::string_view request, sandbox::Channel& channel) {
  std::optional<EngineRequest> r = sandbox::ReadRequest<EngineRequest>(request);
  if (!r) {
    sandbox::SendError(channel,
                       Status(StatusCode::kUnreadable, "the reader's job could not be read"));
    return;
  }
  sandbox::SendResult(channel, ReadWithEngine(r->job, r->passwords, r->engine));
}

// A page as a reader sent it, checked: a reader met a hostile file, so what it sends
// back must cost at most its own page.
std::optional<Page> CheckedPage(Page page, int number) {
  page.number = number;
  page.source = TextSource::kOcr;
  page.needs_ocr = OcrNeed::kNone;
  page.pictures_to_read = 0;
  for (const Word& w : page.words) {
    if (w.start > w.end || w.end > page.text.size()) return std::nullopt;
  }
  return page;
}

constexpr std::string_view kNotUnderstood =
    "the reader sent back something that could not be understood";

// Why a reader's reply has nothing to use, in words: the reader's own error, else
// that what it sent back could not be understood, else how it ended.
template <typename Value>
std::string WhyNothing(const sandbox::Reply<sandbox::NoItems, Value>& reply,
                       const sandbox::Budget& budget) {
  if (reply.error) return reply.error->message();
  if (reply.value || reply.garbled) return std::string(kNotUnderstood);
  return "the reader " + reply.outcome.Describe(budget);
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

// Pages `pages` of `d` are no longer left to OCR: it read them, or a finding says why not.
void Settle(Document& d, const std::vector<int>& pages) {
  for (Page& p : d.pages) {
    if (std::count(pages.begin(), pages.end(), p.number) != 0) p.needs_ocr = OcrNeed::kNone;
  }
}

// --no-ocr: one finding per document for every page OCR would have read.
void ReportDisabled(Submission& s, Document& d, const std::vector<int>& pages) {
  Settle(d, pages);
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
      rule::kExtractNoText, d, pages.front(),
      what + ": OCR is turned off (--no-ocr), so what " +
          (pages.size() == 1 ? "it shows" : "they show") + " was not checked for personal data.",
      "Run again without --no-ocr, or check by eye before sending it on."));
}

void WriteRecording(const std::string& dir, const PageJob& job, const Page& page) {
  std::string path = dir + "/" + RecordingName(job);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << RecordingJson(page);
}

// "Picture 2 on page 3" of a PDF; "The picture word/media/image2.png" of a Word file.
std::string PictureName(const PageJob& job) {
  if (!job.part.empty()) return "The picture " + job.part;
  return "Picture " + std::to_string(job.picture) + " on page " + std::to_string(job.page);
}

// What a listing reader sends back: the pictures, and whether a Word file's were
// listed on its printed copy.
struct PictureListing {
  std::vector<extract::Picture> pictures;
  bool printed = false;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PictureListing, pictures, printed)

// Runs in a listing reader: the pictures of `d` on pages `on` (a PDF's; a Word file's
// printed copy takes them all).
Result<PictureListing> ListPictures(const Document& d, const std::vector<int>& on,
                                    const std::vector<std::string>& passwords) {
  Result<std::vector<extract::Picture>> found =
      IsWord(d) ? extract::ListWordPictures(d.work_path, kMaxPictureBytes)
                : extract::ListPdfPictures(ReadPath(d), passwords, on);
  // A Word drawing OCR cannot decode (EMF, WMF) is drawn by its printed copy: then
  // the file's pictures are read there, every one, as a PDF's are.
  bool printed = false;
  if (found.ok() && IsWord(d) && !d.converted_pdf.empty() &&
      std::any_of(found.value().begin(), found.value().end(),
                  [](const extract::Picture& p) { return p.width_px <= 0; })) {
    printed = true;
    found = extract::ListPdfPictures(d.converted_pdf, {}, on);
  }
  if (!found.ok()) return found.status();
  return PictureListing{std::move(found.value()), printed};
}

// A listing as a reader sent it, checked as CheckedPage checks a page.
bool SoundListing(const PictureListing& listing) {
  return std::all_of(listing.pictures.begin(), listing.pictures.end(),
                     [](const extract::Picture& p) {
                       return p.number >= 1 && p.width_px >= 0 && p.height_px >= 0;
                     });
}

// How many pictures the reader left to OCR on the pages of `d`: as many as the
// document holds, on each page with text of its own; 0 when none.
int PicturesToRead(const Document& d) {
  int most = 0;
  for (const Page& p : d.pages) most = std::max(most, p.pictures_to_read);
  return most;
}

// The documents whose pictures are to be listed: those whose reader left them to OCR.
bool PicturesMarked(const Document& d) {
  if (!IsPdf(d) && !IsWord(d)) return false;
  if (d.status != DocStatus::kRead && d.status != DocStatus::kPartlyRead) return false;
  return PicturesToRead(d) > 0;
}

// The pictures of `d` are no longer left to OCR: they are listed, and read or said not to be.
void SettlePictures(Document& d) {
  for (Page& p : d.pages) p.pictures_to_read = 0;
}

// A PDF picture's words join its page's text on lines of their own after the text
// layer's, so every Word's [start, end) still indexes Page::text.
void AddPictureWords(Page& page, const Page& picture) {
  if (picture.words.empty()) return;
  size_t base = page.text.size() + (page.text.empty() ? 0 : 1);
  if (!page.text.empty()) page.text += '\n';
  page.text += picture.text;
  for (Word w : picture.words) {
    w.start += static_cast<uint32_t>(base);
    w.end += static_cast<uint32_t>(base);
    page.words.push_back(std::move(w));
  }
}

// A picture a PDF draws again (the same image object, as many pixels): a letterhead's
// logo on every page. It is read once, at its first drawing, and what that says is
// placed on each page that draws it again.
struct Repeat {
  size_t first;   // the first drawing's job, in the jobs to do
  size_t doc;     // the document, in Submission::documents
  PageJob again;  // this drawing: its page, number and box
  // The boxes of the first drawing's page's own words (its text layer) that overlap
  // the picture there: type over the picture, which other pages need not have.
  std::vector<Box> first_layer;
};

bool Overlap(const Box& a, const Box& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

// Lists the pictures of the `marked` documents, a reader process each, and adds a job
// for each picture ChoosePicture reads, or a repeat of one. Fails only when interrupted.
Status AddPictureJobs(Submission& s, const std::vector<size_t>& marked,
                      const std::map<size_t, std::vector<int>>& whole,
                      const std::vector<std::string>& passwords, unsigned jobs,
                      sandbox::Budget budget, std::vector<PageJob>& todo,
                      std::vector<size_t>& doc_of, std::vector<Repeat>& repeats) {
  // Listing reads no pixels, only what each page draws: a document's time, not a page's.
  budget.timeout_seconds = std::max<uint32_t>(1, s.limits.doc_timeout_seconds);
  // PDF: the pages with text. A Word file's printed copy: every page.
  std::vector<std::vector<int>> pages(marked.size());
  for (size_t k = 0; k < marked.size(); ++k) {
    const Document& d = s.documents[marked[k]];
    if (IsWord(d)) {
      if (!d.converted_pdf.empty()) {
        for (uint32_t n = 1; n <= s.limits.max_pages; ++n) pages[k].push_back(static_cast<int>(n));
      }
      continue;
    }
    auto w = whole.find(marked[k]);
    for (const Page& p : d.pages) {
      bool read_whole =
          w != whole.end() && std::count(w->second.begin(), w->second.end(), p.number) != 0;
      if (p.source == TextSource::kTextLayer && !read_whole) pages[k].push_back(p.number);
    }
  }
  auto task_for = [&](size_t k) -> sandbox::Task {
    const Document* d = &s.documents[marked[k]];
    const std::vector<int>* on = &pages[k];
    return [d, on, &passwords](sandbox::Channel& ch) {
      sandbox::SendResult(ch, ListPictures(*d, *on, passwords));
    };
  };
  std::vector<std::optional<PictureListing>> listed(marked.size());
  std::vector<std::string> why(marked.size());
  auto done = [&](size_t k, sandbox::Outcome&& outcome) {
    sandbox::Reply<sandbox::NoItems, PictureListing> reply =
        sandbox::Decode<sandbox::NoItems, PictureListing>(std::move(outcome));
    if (reply.value && !reply.garbled && SoundListing(*reply.value)) {
      listed[k] = std::move(reply.value);
    } else {
      why[k] = WhyNothing(reply, budget);
    }
  };
  sandbox::RunAll(marked.size(), task_for, jobs, budget, done);
  if (Interrupted()) return Status(StatusCode::kInterrupted, "interrupted");

  for (size_t k = 0; k < marked.size(); ++k) {
    SettlePictures(s.documents[marked[k]]);
    const Document& d = s.documents[marked[k]];
    std::string kind = IsWord(d) ? "Word document" : "PDF";
    if (!listed[k]) {
      s.findings.push_back(
          PageFinding(rule::kExtractOcrFailed, d, 0,
                      "The pictures in this " + kind + " could not be listed for OCR (" + why[k] +
                          "), so what they show was not checked for personal data.",
                      "Look at its pictures by eye before sending it on."));
      continue;
    }
    bool printed = listed[k]->printed;  // a Word file's, listed on its printed copy
    auto w = whole.find(marked[k]);
    int no_size = 0;
    std::map<std::tuple<int, int, int>, size_t> drawn;  // image object, pixels → first job
    for (const extract::Picture& p : listed[k]->pictures) {
      bool read_whole =
          w != whole.end() && std::count(w->second.begin(), w->second.end(), p.page) != 0;
      auto page = std::find_if(d.pages.begin(), d.pages.end(),
                               [&](const Page& pg) { return pg.number == p.page; });
      const Page* on = IsWord(d) ? nullptr : (page == d.pages.end() ? nullptr : &*page);
      if (!IsWord(d) && on == nullptr) continue;  // a page not handed over is not checked
      // A printed copy's page has no text layer to cover a picture; its size shown counts.
      static const Page kNoTextLayer;
      if (printed) on = &kNoTextLayer;
      PictureSkip skip = ChoosePicture(p, on, read_whole);
      if (skip == PictureSkip::kNoSize) ++no_size;
      if (skip != PictureSkip::kRead) continue;
      bool word_bytes = IsWord(d) && !printed;
      PageJob job{d.id, printed ? d.converted_pdf : ReadPath(d),
                  word_bytes ? d.media_type : std::string(kMediaPdf), d.sha256,
                  word_bytes ? 1 : p.page};
      job.picture = p.number;
      job.part = p.part;
      job.box = p.box;
      job.width_px = p.width_px;
      job.height_px = p.height_px;
      if (p.object != 0) {
        auto [first, added] =
            drawn.emplace(std::make_tuple(p.object, p.width_px, p.height_px), todo.size());
        if (!added && IsWord(d)) continue;  // its words join the same part: read once
        if (!added) {
          const PageJob& first_job = todo[first->second];
          Repeat r{first->second, marked[k], std::move(job), {}};
          for (const Page& pg : d.pages) {
            if (pg.number != first_job.page) continue;
            for (const Word& word : pg.words) {
              if (Overlap(word.box, first_job.box)) r.first_layer.push_back(word.box);
            }
          }
          repeats.push_back(std::move(r));
          continue;
        }
      }
      todo.push_back(std::move(job));
      doc_of.push_back(marked[k]);
    }
    if (no_size > 0) {
      Finding f = ReadingFinding(
          rule::kExtractImagesNotRead, d.id,
          "This " + kind + " holds " + std::to_string(no_size) +
              (no_size == 1 ? " picture" : " pictures") +
              " of a kind OCR does not read (such as drawings in EMF or WMF), so text in " +
              (no_size == 1 ? "it" : "them") + " was not checked.",
          "Look at the pictures before sending; replace any that show personal details.");
      f.input = d.input;
      s.findings.push_back(std::move(f));
    }
  }
  return Status::Ok();
}

// What a repeat of a picture read: the first drawing's words, placed where `again`
// draws it. Words the first drawing's page has in its own text layer (type that
// overlaps the picture there) are not carried to other pages.
PageResult Repeated(const PageResult& first, const PageJob& first_job, const Repeat& repeat) {
  if (!first.page) return first;
  PageResult r;
  r.end = first.end;
  r.page = Page{};
  r.page->number = repeat.again.page;
  r.page->source = TextSource::kOcr;
  const Box& from = first_job.box;
  const Box& to = repeat.again.box;
  double sx = (to.x1 - to.x0) / std::max(from.x1 - from.x0, 1e-6);
  double sy = (to.y1 - to.y0) / std::max(from.y1 - from.y0, 1e-6);
  auto in_text_layer = [&repeat](const Box& b) {
    double cx = (b.x0 + b.x1) / 2;
    double cy = (b.y0 + b.y1) / 2;
    return std::any_of(repeat.first_layer.begin(), repeat.first_layer.end(), [&](const Box& w) {
      return cx >= w.x0 && cx <= w.x1 && cy >= w.y0 && cy <= w.y1;
    });
  };
  const std::string& text = first.page->text;
  size_t previous_end = 0;
  for (const Word& w : first.page->words) {
    if (in_text_layer(w.box)) continue;
    Word moved = w;
    moved.box = Box{to.x0 + (w.box.x0 - from.x0) * sx, to.y0 + (w.box.y0 - from.y0) * sy,
                    to.x0 + (w.box.x1 - from.x0) * sx, to.y0 + (w.box.y1 - from.y0) * sy};
    if (!r.page->text.empty()) {
      bool new_line =
          w.start > previous_end && text.find('\n', previous_end) < static_cast<size_t>(w.start);
      r.page->text += new_line ? '\n' : ' ';
    }
    previous_end = w.end;
    moved.start = static_cast<uint32_t>(r.page->text.size());
    r.page->text += text.substr(w.start, w.end - w.start);
    moved.end = static_cast<uint32_t>(r.page->text.size());
    r.page->words.push_back(std::move(moved));
  }
  return r;
}

// What became of a picture: its words join its page (PDF) or a part of their own
// (Word: named by its part, or by its place on the printed copy); when it was not
// read, a finding names it.
void TakePicture(Submission& s, Document& d, const PageJob& job, PageResult& r,
                 const sandbox::Budget& budget) {
  bool on_printed_copy = IsWord(d) && job.part.empty();
  std::string part = on_printed_copy ? "picture " + std::to_string(job.picture) + " on page " +
                                           std::to_string(job.page) + " as printed"
                                     : "picture " + job.part;
  if (r.page) {
    if (on_printed_copy || !job.part.empty()) {
      if (!r.page->text.empty()) d.parts.push_back(TextPart{part, std::move(r.page->text), false});
    } else {
      auto slot = std::find_if(d.pages.begin(), d.pages.end(),
                               [&](const Page& p) { return p.number == job.page; });
      if (slot != d.pages.end()) AddPictureWords(*slot, *r.page);
    }
    return;
  }
  std::string name = PictureName(job) + (on_printed_copy ? " as printed" : "");
  bool timed_out = r.end == sandbox::End::kTimedOut;
  Finding f = PageFinding(
      timed_out ? rule::kExtractOcrTimeout : rule::kExtractOcrFailed, d,
      job.part.empty() && !on_printed_copy ? job.page : 0,
      timed_out ? name + " is big enough to hold words, and reading it by OCR took longer than " +
                      "the " + std::to_string(budget.timeout_seconds) +
                      " s allowed, so what it shows was not checked for personal data."
                : name + " is big enough to hold words, and OCR could not read it (" + r.why +
                      "), so what it shows was not checked for personal data.",
      timed_out ? "Run again with a higher --ocr-timeout, or look at the picture by eye "
                  "before sending it on."
                : "Look at the picture by eye before sending it on.");
  if (job.part.empty() && !on_printed_copy) {
    f.bbox = job.box;
  } else {
    f.field = part;
  }
  s.findings.push_back(std::move(f));
}

}  // namespace

PictureSkip ChoosePicture(const extract::Picture& picture, const Page* page, bool page_read_whole) {
  if (page_read_whole) return PictureSkip::kPageReadWhole;
  if (picture.width_px <= 0 || picture.height_px <= 0) return PictureSkip::kNoSize;
  if (std::min(picture.width_px, picture.height_px) < kPictureMinSidePixels ||
      std::max(picture.width_px, picture.height_px) < kPictureMinLengthPixels) {
    return PictureSkip::kFewPixels;
  }
  if (page == nullptr) return PictureSkip::kRead;
  double w = picture.box.x1 - picture.box.x0;
  double h = picture.box.y1 - picture.box.y0;
  if (std::min(w, h) < kPictureMinSidePoints || std::max(w, h) < kPictureMinLengthPoints) {
    return PictureSkip::kShownSmall;
  }
  int inside = 0;
  for (const Word& word : page->words) {
    double cx = (word.box.x0 + word.box.x1) / 2;
    double cy = (word.box.y0 + word.box.y1) / 2;
    if (cx >= picture.box.x0 && cx <= picture.box.x1 && cy >= picture.box.y0 &&
        cy <= picture.box.y1 && ++inside >= kPictureCoveredWords) {
      return PictureSkip::kTextLayer;
    }
  }
  return PictureSkip::kRead;
}

std::string RecordingName(const std::string& sha256, int page) {
  return sha256 + "-p" + std::to_string(page) + ".json";
}

std::string RecordingName(const PageJob& job) {
  if (job.picture == 0) return RecordingName(job.sha256, job.page);
  std::string n = "picture" + std::to_string(job.picture) + ".json";
  if (!job.part.empty()) return job.sha256 + "-" + n;
  return job.sha256 + "-p" + std::to_string(job.page) + "-" + n;
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

bool UsesEngine(const Options& options) {
  return options.enabled && !options.reader && options.replay_dir.empty();
}

std::unique_ptr<sandbox::Spawner> StartReaders() {
  return sandbox::Spawner::Start(&ServeEngineRequest);
}

namespace {

// The pages each document needs read by OCR, in document and page order, and the
// documents whose pictures are to be listed.
struct Plan {
  std::vector<PageJob> todo;
  std::vector<size_t> doc_of;  // index into s.documents, per job
  std::map<size_t, std::vector<int>> by_doc;
  std::vector<size_t> marked;   // documents whose pictures are to be listed
  std::vector<Repeat> repeats;  // pictures read once for several pages
};

Plan PlanPages(const Submission& s) {
  Plan plan;
  for (size_t i = 0; i < s.documents.size(); ++i) {
    const Document& d = s.documents[i];
    if (PicturesMarked(d)) plan.marked.push_back(i);
    if (!IsPdf(d) && !IsImage(d)) continue;
    if (d.status != DocStatus::kRead && d.status != DocStatus::kPartlyRead &&
        d.status != DocStatus::kNotRead) {
      continue;
    }
    for (int page : PagesNeedingOcr(d)) {
      plan.todo.push_back(PageJob{
          d.id, ReadPath(d), IsPdf(d) ? std::string(kMediaPdf) : d.media_type, d.sha256, page});
      plan.doc_of.push_back(i);
      plan.by_doc[i].push_back(page);
    }
  }
  return plan;
}

// Reads every job in reader processes, at most `jobs` at once: through the spawner
// when the engine reads and there is one, else in readers forked from here.
std::vector<PageResult> ReadPages(const std::vector<PageJob>& todo, const Options& options,
                                  const std::vector<std::string>& passwords,
                                  const EngineOptions& engine, unsigned jobs,
                                  const sandbox::Budget& budget, const ProgressFn& progress) {
  bool uses_engine = UsesEngine(options);
  PageReader reader = options.reader;
  if (!reader && !options.replay_dir.empty()) {
    reader = [dir = options.replay_dir](const PageJob& job) { return ReadRecording(dir, job); };
  }
  if (!reader) {
    reader = [&passwords, &engine](const PageJob& job) {
      return ReadWithEngine(job, passwords, engine);
    };
  }

  std::vector<PageResult> results(todo.size());
  size_t finished = 0;
  if (progress) progress(0, todo.size());
  auto task_for = [&](size_t k) -> sandbox::Task {
    const PageJob* job = &todo[k];
    return [job, &reader](sandbox::Channel& ch) { sandbox::SendResult(ch, reader(*job)); };
  };
  auto done = [&](size_t k, sandbox::Outcome&& outcome) {
    PageResult& r = results[k];
    sandbox::Reply<sandbox::NoItems, Page> reply =
        sandbox::Decode<sandbox::NoItems, Page>(std::move(outcome));
    r.end = reply.outcome.end;
    if (reply.value && !reply.garbled) r.page = CheckedPage(std::move(*reply.value), todo[k].page);
    if (!r.page) r.why = WhyNothing(reply, budget);
    ++finished;
    if (progress) progress(finished, todo.size());
  };
  if (uses_engine && options.spawner != nullptr) {
    auto request_for = [&](size_t k) {
      return sandbox::EncodeRequest(EngineRequest{todo[k], passwords, engine});
    };
    sandbox::RunAll(todo.size(), request_for, *options.spawner, jobs, budget, done);
  } else {
    sandbox::RunAll(todo.size(), task_for, jobs, budget, done);
  }
  return results;
}

// Puts one page OCR read in its document's place, with what is worth saying about
// it; or, when it could not be read, says so. Returns whether it was read.
bool TakePage(Submission& s, Document& d, const PageJob& job, PageResult& r, const Options& options,
              const sandbox::Budget& budget) {
  Settle(d, {job.page});
  auto slot = std::find_if(d.pages.begin(), d.pages.end(),
                           [&](const Page& p) { return p.number == job.page; });
  std::string name = PageName(d, job.page);
  if (r.page && slot != d.pages.end()) {
    if (UsesEngine(options) && !options.record_dir.empty()) {
      WriteRecording(options.record_dir, job, *r.page);
    }
    if (r.page->words.empty()) {
      s.findings.push_back(PageFinding(
          rule::kExtractOcrNoWords, d, job.page,
          name + " was read by OCR and no words were found on it: it is blank, or a picture "
                 "without text.",
          "Nothing to do if it is blank or a picture; if it should hold text, check it by eye "
          "(the scan may be too faint)."));
    } else if (r.page->ocr_confidence < options.low_confidence) {
      s.findings.push_back(PageFinding(
          rule::kExtractOcrLowConfidence, d, job.page,
          name + " was read by OCR with low confidence (on average " +
              std::to_string(static_cast<int>(r.page->ocr_confidence)) +
              " of 100): words on it, personal data among them, may have been misread or "
              "missed.",
          "Check it by eye, or ask the organisation for a clearer scan."));
    }
    *slot = std::move(*r.page);
    return true;
  }
  bool timed_out = r.end == sandbox::End::kTimedOut;
  if (timed_out) {
    s.findings.push_back(PageFinding(
        rule::kExtractOcrTimeout, d, job.page,
        name + " has no usable text layer, and reading it by OCR took longer than the " +
            std::to_string(budget.timeout_seconds) +
            " s allowed for a page, so what it shows was not checked for personal data.",
        "Run again with a higher --ocr-timeout, or check it by eye before sending it on."));
  } else {
    s.findings.push_back(PageFinding(
        rule::kExtractOcrFailed, d, job.page,
        name + " has no usable text layer, and OCR could not read it (" + r.why +
            "), so what it shows was not checked for personal data.",
        "Check it by eye before sending it on; if the file is damaged, ask the organisation "
        "to send it again."));
  }
  return false;
}

// A picture document whose pages OCR read is read; a document with a page OCR could
// not read is only partly read.
void SetReadStatus(Submission& s, const std::map<size_t, std::pair<int, int>>& counts) {
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
}

// A page left to OCR that OCR did not take (its document is not one it reads), as its
// reader found it: a finding on the page says it was not checked.
Finding UnreadPage(const Document& d, const Page& page) {
  if (page.needs_ocr == OcrNeed::kImage) {
    return PageFinding(
        rule::kExtractNoText, d, page.number,
        (d.page_count > 1 ? "Page " + std::to_string(page.number) + " of this "
                          : std::string("This ")) +
            std::string(DescribeMediaType(d.media_type)) +
            " has not been read by OCR, so what it shows was not checked for personal data.",
        "Check the image by eye before sending it on.");
  }
  return PageFinding(
      rule::kExtractNoText, d, page.number,
      "Page " + std::to_string(page.number) +
          (page.needs_ocr == OcrNeed::kThinText
               ? " has almost no text, and this PDF holds images: it is probably a scan."
               : " has no text layer: it is probably a scanned image.") +
          " It has not been read by OCR, so what it shows was not checked for personal data.",
      "Check this page by eye before sending it on.");
}

// Pictures left to OCR that it did not list (OCR off, or a document it does not take),
// as their reader found them: one note for the document.
Finding UnreadPictures(const Document& d) {
  int images = PicturesToRead(d);
  Finding f = ReadingFinding(
      rule::kExtractImagesNotRead, d.id,
      IsWord(d) ? "This Word document holds " + std::to_string(images) +
                      (images == 1 ? " image" : " images") +
                      " (logos, photos, scans or screenshots). Text inside them was not read by "
                      "OCR (OCR is turned off, or did not run), so it was not checked."
                : "This PDF holds images (logos, photos, scans or screenshots) on pages that have "
                  "text of their own. Text inside those images was not read by OCR (OCR is "
                  "turned off, or did not run), so it was not checked.",
      "Run again without --no-ocr, or look at the images before sending; replace any that "
      "show personal details.");
  f.input = d.input;
  return f;
}

// What is still left to OCR once it has run is said, and no longer left.
void ReportUnread(Submission& s) {
  for (Document& d : s.documents) {
    for (Page& page : d.pages) {
      if (page.needs_ocr == OcrNeed::kNone) continue;
      s.findings.push_back(UnreadPage(d, page));
      page.needs_ocr = OcrNeed::kNone;
    }
    if (PicturesToRead(d) > 0) {
      s.findings.push_back(UnreadPictures(d));
      SettlePictures(d);
    }
  }
}

// Reads what the plan says, as Run below; leaves what it does not read as it is.
Status ReadPlanned(Submission& s, Plan& plan, const Options& options,
                   const std::vector<std::string>& passwords, unsigned jobs,
                   const ProgressFn& progress) {
  if (!options.enabled) {
    // The pictures are said not to be read, as Run ends.
    for (const auto& [i, pages] : plan.by_doc) ReportDisabled(s, s.documents[i], pages);
    return Status::Ok();
  }

  EngineOptions engine;
  engine.tessdata = LanguageDataDir(options.tessdata);
  bool uses_engine = UsesEngine(options);
  sandbox::Budget budget;
  budget.timeout_seconds = std::max<uint32_t>(1, options.page_timeout_seconds);
  budget.max_memory_bytes = s.limits.max_memory_bytes;
  budget.max_output_bytes = 64ull << 20;  // the words of one page
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());

  // A reader forked from this process (the picture listings; the pages too, with no
  // spawner) counts its pages as its own: memory the stages before freed and the
  // allocator kept would be in every such reader's size.
  malloc_trim(0);

  if (!plan.marked.empty()) {
    Status listed = AddPictureJobs(s, plan.marked, plan.by_doc, passwords, jobs, budget, plan.todo,
                                   plan.doc_of, plan.repeats);
    if (!listed.ok()) return listed;
  }
  if (plan.todo.empty()) return Status::Ok();
  if (uses_engine) {
    if (Status data = CheckLanguageData(engine.tessdata); !data.ok()) return data;
  }
  std::vector<PageResult> results =
      ReadPages(plan.todo, options, passwords, engine, jobs, budget, progress);
  if (Interrupted()) return Status(StatusCode::kInterrupted, "interrupted");

  // Everything lands in job order: documents in order, pages in order.
  std::map<size_t, std::pair<int, int>> counts;  // document → pages read, pages not read
  for (size_t k = 0; k < plan.todo.size(); ++k) {
    Document& d = s.documents[plan.doc_of[k]];
    const PageJob& job = plan.todo[k];
    PageResult& r = results[k];
    if (job.picture != 0) {
      if (r.page && uses_engine && !options.record_dir.empty()) {
        WriteRecording(options.record_dir, job, *r.page);
      }
      TakePicture(s, d, job, r, budget);
      continue;
    }
    if (TakePage(s, d, job, r, options, budget)) {
      ++counts[plan.doc_of[k]].first;
    } else {
      ++counts[plan.doc_of[k]].second;
    }
  }
  for (const Repeat& again : plan.repeats) {
    PageResult r = Repeated(results[again.first], plan.todo[again.first], again);
    TakePicture(s, s.documents[again.doc], again.again, r, budget);
  }
  SetReadStatus(s, counts);
  return Status::Ok();
}

}  // namespace

Status Run(Submission& s, const Options& options, const std::vector<std::string>& passwords,
           unsigned jobs, const ProgressFn& progress) {
  Plan plan = PlanPages(s);
  if (!plan.todo.empty() || !plan.marked.empty()) {
    Status read = ReadPlanned(s, plan, options, passwords, jobs, progress);
    if (!read.ok()) return read;
  }
  ReportUnread(s);
  return Status::Ok();
}

}  // namespace qpm::ocr
