// OCR: the stage (extractors/read/ocr_stage.h) with engines replaced by test readers, the
// recorded OCR output of samples/scans checked against what the generator drew, and a
// few tests of the real engine (suite OcrEngine, ctest label "ocr").
//
// What a scanned sample says comes from its expected.json ("ocr": the words Poppler
// read from the PDF before it was rasterised, the turn of each sheet, where its first
// word is): never from OCR, so a recording is checked against the truth, not against
// the code that made it.
#include "extractors/read/ocr.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "extractors/read/extract.h"
#include "extractors/read/ocr_stage.h"
#include "pipeline/core/model_json.h"
#include "pipeline/ingest/sniff.h"
#include "pipeline/output/convert.h"
#include "pipeline/platform/sha256.h"
#include "redaction/personal_data.h"
#include "tests/test_util.h"

namespace qpm::ocr {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using qpm::testing::ReadFile;
using qpm::testing::RunResult;
using qpm::testing::RunSpec;
using qpm::testing::SamplesDir;
using qpm::testing::TempDir;

// ----- helpers ---------------------------------------------------------------

int Count(const Submission& s, std::string_view rule, int page = -1) {
  int n = 0;
  for (const Finding& f : s.findings) {
    if (f.rule == rule && (page < 0 || f.page == page)) ++n;
  }
  return n;
}

const Finding* Find(const Submission& s, std::string_view rule, int page) {
  for (const Finding& f : s.findings) {
    if (f.rule == rule && f.page == page) return &f;
  }
  return nullptr;
}

Page TextPage(int number, TextSource source, const std::string& text) {
  Page p;
  p.number = number;
  p.source = source;
  p.width = 595;
  p.height = 842;
  if (!text.empty()) {
    Word w;
    w.text = text;
    w.box = Box{72, 72, 200, 84};
    w.start = 0;
    w.end = static_cast<uint32_t>(text.size());
    p.words.push_back(w);
    p.text = text;
  }
  return p;
}

// Whether a reader left pictures of the first document to OCR.
bool PicturesLeft(const Submission& s) {
  const std::vector<Page>& pages = s.documents[0].pages;
  return std::any_of(pages.begin(), pages.end(),
                     [](const Page& p) { return p.pictures_to_read > 0; });
}

// Leaves page `n` of the first document to OCR, as a reader would.
void LeaveToOcr(Submission& s, int n, OcrNeed why = OcrNeed::kNoTextLayer) {
  s.documents[0].pages[static_cast<size_t>(n - 1)].needs_ocr = why;
}

// A PDF document of `pages` pages as the readers would leave it: page 2 with no text,
// page 3 with a few words over an image (left to OCR, but with a text layer), the rest
// text.
Submission MarkedPdf(int pages = 4, const std::string& id = "D001") {
  Submission s;
  s.inputs.push_back({"in.pdf", false, 0});
  Document d;
  d.id = id;
  d.origin = {"in.pdf"};
  d.media_type = std::string(kMediaPdf);
  d.sha256 = std::string(64, 'a');
  d.status = DocStatus::kRead;
  d.page_count = pages;
  for (int n = 1; n <= pages; ++n) {
    if (n == 2) {
      d.pages.push_back(TextPage(n, TextSource::kNone, ""));
    } else {
      d.pages.push_back(TextPage(n, TextSource::kTextLayer, n == 3 ? "stamp" : "typed text"));
    }
  }
  s.documents.push_back(d);
  LeaveToOcr(s, 2);
  LeaveToOcr(s, 3, OcrNeed::kThinText);
  return s;
}

// A reader that reads "OCR text of page N" with good confidence.
Result<Page> GoodReader(const PageJob& job) {
  Page p = TextPage(job.page, TextSource::kOcr, "OCR page " + std::to_string(job.page));
  p.words[0].confidence = 91;
  p.ocr_confidence = 91;
  p.ocr_rotation = 90;
  return p;
}

// What Extract gives for a real file, as the runner would store it.
// `printed`: the PDF LibreOffice made of a Word file (pipeline/output/office.h), or "".
Submission Extracted(const std::string& path, const std::string& media_type,
                     const std::string& printed = "") {
  Submission s;
  s.inputs.push_back({path, false, 0});
  Document d;
  d.id = "D001";
  d.origin = {fs::path(path).filename().string()};
  d.work_path = path;
  d.media_type = media_type;
  d.converted_pdf = printed;
  Result<FileDigest> digest = DigestFile(path);
  EXPECT_TRUE(digest.ok()) << path;
  if (digest.ok()) d.sha256 = digest->sha256;
  extract::Summary summary =
      extract::Extract(d, {}, s.limits, [&d](Page&& p) { d.pages.push_back(std::move(p)); });
  d.status = summary.status;
  d.page_count = summary.page_count;
  for (Finding f : summary.findings) {
    f.document = d.id;
    f.input = 0;
    s.findings.push_back(std::move(f));
  }
  s.documents.push_back(std::move(d));
  return s;
}

// Scanned samples: each expected.json with an "ocr" section, and its sample's path.
struct ScannedSample {
  std::string sample;    // path under samples/
  json truth;            // the "ocr" section
  std::string sha256;    // of the sample file
  std::string recorded;  // folder of its recordings
  std::vector<std::string> planted;
};

std::vector<ScannedSample> ScannedSamples() {
  std::vector<ScannedSample> out;
  for (const std::string& f : qpm::testing::ListFiles(SamplesDir())) {
    if (f.size() < 14 || f.substr(f.size() - 14) != ".expected.json") continue;
    json expected = json::parse(ReadFile(SamplesDir() + "/" + f));
    if (!expected.contains("ocr")) continue;
    ScannedSample s;
    s.sample = expected["sample"].get<std::string>();
    s.truth = expected["ocr"];
    s.recorded = SamplesDir() + "/" + s.truth["recordings"].get<std::string>();
    s.planted = expected.value("planted_values", std::vector<std::string>{});
    Result<FileDigest> digest = DigestFile(SamplesDir() + "/" + s.sample);
    EXPECT_TRUE(digest.ok()) << s.sample;
    if (digest.ok()) s.sha256 = digest->sha256;
    out.push_back(std::move(s));
  }
  return out;
}

std::string MediaTypeOf(const std::string& sample) {
  return sample.size() > 4 && sample.substr(sample.size() - 4) == ".png" ? std::string(kMediaPng)
                                                                         : std::string(kMediaPdf);
}

// A word as compared with the truth: its letters and digits, lower case. OCR may add
// or drop a quote mark or a full stop without having misread the word.
std::string Normal(std::string_view word) {
  std::string out;
  for (char c : word) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// The share of `truth` words that `page` has (each counted as often as it occurs).
double Recall(const std::vector<std::string>& truth, const Page& page) {
  std::multiset<std::string> read;
  for (const Word& w : page.words) read.insert(Normal(w.text));
  size_t found = 0;
  size_t total = 0;
  for (const std::string& t : truth) {
    std::string n = Normal(t);
    if (n.empty()) continue;
    ++total;
    if (auto it = read.find(n); it != read.end()) {
      ++found;
      read.erase(it);
    }
  }
  return total == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(total);
}

// Checks one OCR page against what the generator drew on it.
void ExpectMatchesTruth(const Page& page, const json& truth) {
  SCOPED_TRACE("page " + std::to_string(truth["page"].get<int>()));
  EXPECT_EQ(page.source, TextSource::kOcr);
  EXPECT_EQ(page.ocr_rotation, truth["ocr_rotation"].get<int>());
  EXPECT_NEAR(page.width, truth["size"][0].get<double>(), 1.0);
  EXPECT_NEAR(page.height, truth["size"][1].get<double>(), 1.0);
  EXPECT_GE(page.ocr_confidence, 70);
  // Every word indexes the text; together they are the text.
  for (const Word& w : page.words) {
    ASSERT_LE(w.start, w.end);
    ASSERT_LE(w.end, page.text.size());
    EXPECT_EQ(page.text.substr(w.start, w.end - w.start), w.text);
    EXPECT_GE(w.confidence, 0);
    EXPECT_LE(w.confidence, 100);
    EXPECT_LT(w.box.x0, w.box.x1);
    EXPECT_LT(w.box.y0, w.box.y1);
  }
  // The heading, upright and first.
  std::vector<std::string> heading;
  std::istringstream words(truth["heading"].get<std::string>());
  for (std::string w; words >> w;) heading.push_back(Normal(w));
  ASSERT_GE(page.words.size(), heading.size());
  for (size_t i = 0; i < heading.size(); ++i) EXPECT_EQ(Normal(page.words[i].text), heading[i]);
  // Its first word where the generator drew it, on the page as displayed.
  const json& box = truth["first_word_box"];
  const Box& got = page.words[0].box;
  double tolerance = 6;  // points: a copier's grain, and a quote mark OCR may see
  EXPECT_NEAR(got.x0, box[0].get<double>(), tolerance);
  EXPECT_NEAR(got.y0, box[1].get<double>(), tolerance);
  EXPECT_NEAR(got.x1, box[2].get<double>(), tolerance);
  EXPECT_NEAR(got.y1, box[3].get<double>(), tolerance);
  EXPECT_GE(Recall(truth["words"].get<std::vector<std::string>>(), page), 0.85);
}

Result<Page> ReadRecordingFile(const std::string& path) {
  if (!fs::exists(path)) {
    return Status(StatusCode::kIo, path + " is missing: run scripts/record-ocr");
  }
  json j = json::parse(ReadFile(path), nullptr, false);
  if (j.is_discarded() || !j.contains("page")) return Status(StatusCode::kUnreadable, path);
  return j["page"].get<Page>();
}

// ----- the stage, with test readers --------------------------------------------

TEST(OcrStage, ReplacesMarkedPagesAndTheirFindings) {
  Submission s = MarkedPdf();
  Options o;
  o.reader = GoodReader;
  std::vector<std::pair<size_t, size_t>> progress;
  Status st = qpm::ocr::Run(s, o, {}, 2,
                            [&](size_t done, size_t total) { progress.emplace_back(done, total); });
  ASSERT_TRUE(st.ok()) << st.message();
  const Document& d = s.documents[0];
  ASSERT_EQ(d.pages.size(), 4u);
  EXPECT_EQ(d.pages[0].source, TextSource::kTextLayer);
  EXPECT_EQ(d.pages[1].source, TextSource::kOcr);
  EXPECT_EQ(d.pages[1].text, "OCR page 2");
  EXPECT_EQ(d.pages[1].ocr_rotation, 90);
  EXPECT_EQ(d.pages[2].source, TextSource::kOcr);  // the thin page, read again
  EXPECT_EQ(d.pages[2].text, "OCR page 3");
  EXPECT_EQ(d.pages[3].text, "typed text");
  EXPECT_EQ(d.status, DocStatus::kRead);
  EXPECT_TRUE(s.findings.empty());
  ASSERT_EQ(progress.size(), 3u);
  EXPECT_EQ(progress.front(), std::make_pair(size_t{0}, size_t{2}));
  EXPECT_EQ(progress.back(), std::make_pair(size_t{2}, size_t{2}));
}

TEST(OcrStage, NothingToReadIsANoOp) {
  Submission s = MarkedPdf();
  LeaveToOcr(s, 3, OcrNeed::kNone);
  s.documents[0].pages[1] = TextPage(2, TextSource::kTextLayer, "typed");
  Options o;
  o.tessdata = "/nonexistent";  // not even looked at
  bool called = false;
  Status st = qpm::ocr::Run(s, o, {}, 2, [&](size_t, size_t) { called = true; });
  EXPECT_TRUE(st.ok());
  EXPECT_FALSE(called);
}

TEST(OcrStage, ATimeOutCostsOnlyItsPage) {
  Submission s = MarkedPdf();
  Options o;
  o.page_timeout_seconds = 1;
  o.reader = [](const PageJob& job) -> Result<Page> {
    if (job.page == 2) std::this_thread::sleep_for(std::chrono::seconds(30));
    return GoodReader(job);
  };
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 2, nullptr).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  const Document& d = s.documents[0];
  EXPECT_EQ(d.pages[1].source, TextSource::kNone);
  EXPECT_EQ(d.pages[2].source, TextSource::kOcr);
  EXPECT_EQ(d.status, DocStatus::kPartlyRead);
  const Finding* f = Find(s, "extract.ocr-timeout", 2);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->document, "D001");
  EXPECT_NE(f->message.find("1 s"), std::string::npos) << f->message;
  EXPECT_NE(f->remedy.find("--ocr-timeout"), std::string::npos);
  EXPECT_EQ(Count(s, "extract.no-text"), 0);  // replaced by the time-out
  EXPECT_EQ(s.findings.size(), 1u);
}

TEST(OcrStage, ACrashOrAnErrorCostsOnlyItsPage) {
  Submission s = MarkedPdf(5);
  s.documents[0].pages[3] = TextPage(4, TextSource::kNone, "");
  LeaveToOcr(s, 4);
  Options o;
  o.reader = [](const PageJob& job) -> Result<Page> {
    if (job.page == 2) std::abort();
    if (job.page == 3) return Status(StatusCode::kUnreadable, "the page image is damaged");
    return GoodReader(job);
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 3, nullptr).ok());
  const Finding* crash = Find(s, "extract.ocr-failed", 2);
  ASSERT_NE(crash, nullptr);
  EXPECT_NE(crash->message.find("Page 2"), std::string::npos) << crash->message;
  const Finding* error = Find(s, "extract.ocr-failed", 3);
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->message.find("the page image is damaged"), std::string::npos);
  EXPECT_EQ(s.documents[0].pages[3].source, TextSource::kOcr);
  EXPECT_EQ(s.documents[0].pages[2].source, TextSource::kTextLayer);  // kept as it was
  EXPECT_EQ(s.documents[0].status, DocStatus::kPartlyRead);
}

// A reader's own error, a crash and what cannot be understood each read in the finding
// as the reader's trouble, in words.
TEST(OcrStage, WhatStoppedAReaderIsSaidInItsFinding) {
  Submission s = MarkedPdf();
  LeaveToOcr(s, 4, OcrNeed::kThinText);  // pages 2, 3 and 4 go to OCR
  Options o;
  o.reader = [](const PageJob& job) -> Result<Page> {
    switch (job.page) {
      case 2:
        std::abort();
      case 3:
        return Status(StatusCode::kLimit, "the page is too large");
      default: {
        Page garbled = TextPage(job.page, TextSource::kOcr, "short");
        garbled.words[0].start = 9;  // after its end
        return garbled;
      }
    }
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 2, nullptr).ok());
  const Finding* crash = Find(s, "extract.ocr-failed", 2);
  ASSERT_NE(crash, nullptr);
  EXPECT_NE(crash->message.find("OCR could not read it (the reader stopped by signal 6"),
            std::string::npos)
      << crash->message;
  const Finding* error = Find(s, "extract.ocr-failed", 3);
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->message.find("OCR could not read it (the page is too large)"), std::string::npos)
      << error->message;
  const Finding* garbled = Find(s, "extract.ocr-failed", 4);
  ASSERT_NE(garbled, nullptr);
  EXPECT_NE(garbled->message.find("(the reader sent back something that could not be understood)"),
            std::string::npos)
      << garbled->message;
}

TEST(OcrStage, MalformedReaderOutputIsRefused) {
  Submission s = MarkedPdf();
  Options o;
  o.reader = [](const PageJob& job) -> Result<Page> {
    Page p = TextPage(job.page, TextSource::kOcr, "short");
    p.words[0].end = 500;  // beyond the text
    return p;
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 1, nullptr).ok());
  EXPECT_EQ(Count(s, "extract.ocr-failed"), 2);
  EXPECT_EQ(s.documents[0].pages[1].source, TextSource::kNone);
}

TEST(OcrStage, ResultsDoNotDependOnWhichPageFinishesFirst) {
  auto run = [](unsigned jobs) {
    Submission s = MarkedPdf(6);
    for (int n : {4, 5, 6}) {
      s.documents[0].pages[static_cast<size_t>(n - 1)] = TextPage(n, TextSource::kNone, "");
      LeaveToOcr(s, n);
    }
    Options o;
    o.page_timeout_seconds = 1;
    o.reader = [](const PageJob& job) -> Result<Page> {
      // Later pages finish first; page 5 never does.
      std::this_thread::sleep_for(std::chrono::milliseconds(50 * (7 - job.page)));
      if (job.page == 5) std::this_thread::sleep_for(std::chrono::seconds(30));
      if (job.page == 4) return Status(StatusCode::kUnreadable, "damaged");
      return GoodReader(job);
    };
    EXPECT_TRUE(qpm::ocr::Run(s, o, {}, jobs, nullptr).ok());
    return s;
  };
  Submission one = run(1);
  Submission many = run(4);
  ASSERT_EQ(one.findings.size(), many.findings.size());
  for (size_t i = 0; i < one.findings.size(); ++i) {
    EXPECT_EQ(one.findings[i].rule, many.findings[i].rule);
    EXPECT_EQ(one.findings[i].page, many.findings[i].page);
    EXPECT_EQ(one.findings[i].message, many.findings[i].message);
  }
  EXPECT_EQ(json(one.documents[0].pages).dump(), json(many.documents[0].pages).dump());
  EXPECT_EQ(Count(one, "extract.ocr-timeout", 5), 1);
  EXPECT_EQ(Count(one, "extract.ocr-failed", 4), 1);
}

TEST(OcrStage, TurnedOffReportsEachDocumentOnce) {
  Submission s = MarkedPdf(6);
  for (int n : {4, 5}) {
    s.documents[0].pages[static_cast<size_t>(n - 1)] = TextPage(n, TextSource::kNone, "");
    LeaveToOcr(s, n);
  }
  Options o;
  o.enabled = false;
  o.reader = [](const PageJob&) -> Result<Page> {
    std::abort();  // never called
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 2, nullptr).ok());
  ASSERT_EQ(s.findings.size(), 1u);
  const Finding& f = s.findings[0];
  EXPECT_EQ(f.rule, "extract.no-text");
  EXPECT_EQ(f.page, 2);
  EXPECT_NE(f.message.find("Pages 2\u20135"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("--no-ocr"), std::string::npos);
  EXPECT_EQ(s.documents[0].pages[1].source, TextSource::kNone);
  EXPECT_EQ(s.documents[0].status, DocStatus::kRead);
}

// A page left to OCR in a document OCR does not take (here one that failed) is said to
// be unread in its reader's words, and is no longer left to OCR once the stage has run.
TEST(OcrStage, APageItDoesNotTakeIsSaidUnreadAsItsReaderFoundIt) {
  Submission s = MarkedPdf();
  s.documents[0].status = DocStatus::kFailed;
  Options o;
  o.reader = [](const PageJob&) -> Result<Page> {
    std::abort();  // never called
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 1, nullptr).ok());
  ASSERT_EQ(s.findings.size(), 2u);
  const Finding* none = Find(s, "extract.no-text", 2);
  ASSERT_NE(none, nullptr);
  EXPECT_EQ(none->message,
            "Page 2 has no text layer: it is probably a scanned image. It has not been read by "
            "OCR, so what it shows was not checked for personal data.");
  EXPECT_EQ(none->remedy, "Check this page by eye before sending it on.");
  EXPECT_EQ(none->severity, Severity::kBlocker);
  EXPECT_EQ(none->document, "D001");
  const Finding* thin = Find(s, "extract.no-text", 3);
  ASSERT_NE(thin, nullptr);
  EXPECT_NE(thin->message.find("Page 3 has almost no text, and this PDF holds images"),
            std::string::npos)
      << thin->message;
  for (const Page& p : s.documents[0].pages) EXPECT_EQ(p.needs_ocr, OcrNeed::kNone);

  Submission image;
  image.inputs.push_back({"scan.tif", false, 0});
  Document d;
  d.id = "D001";
  d.media_type = std::string(kMediaTiff);
  d.status = DocStatus::kSetAside;
  d.page_count = 3;
  for (int n = 1; n <= 3; ++n) d.pages.push_back(TextPage(n, TextSource::kNone, ""));
  image.documents.push_back(d);
  LeaveToOcr(image, 2, OcrNeed::kImage);
  ASSERT_TRUE(qpm::ocr::Run(image, o, {}, 1, nullptr).ok());
  ASSERT_EQ(image.findings.size(), 1u);
  EXPECT_EQ(image.findings[0].page, 2);
  EXPECT_EQ(image.findings[0].message,
            "Page 2 of this TIFF image has not been read by OCR, so what it shows was not "
            "checked for personal data.");
  EXPECT_EQ(image.findings[0].remedy, "Check the image by eye before sending it on.");
}

TEST(OcrStage, BlankAndDoubtfulPagesAreSaidSo) {
  Submission s = MarkedPdf();
  Options o;
  o.reader = [](const PageJob& job) -> Result<Page> {
    if (job.page == 2) {
      Page blank = TextPage(2, TextSource::kOcr, "");
      blank.ocr_confidence = 0;
      return blank;
    }
    Page p = GoodReader(job).value();
    p.ocr_confidence = 41;
    return p;
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 2, nullptr).ok());
  EXPECT_EQ(Count(s, "extract.ocr-no-words", 2), 1);
  const Finding* low = Find(s, "extract.ocr-low-confidence", 3);
  ASSERT_NE(low, nullptr);
  EXPECT_NE(low->message.find("41 of 100"), std::string::npos) << low->message;
  EXPECT_EQ(s.documents[0].status, DocStatus::kRead);
}

TEST(OcrStage, AnImageBecomesReadOnlyWhenOcrReadsIt) {
  auto image = [] {
    Submission s;
    s.inputs.push_back({"scan.png", false, 0});
    Document d;
    d.id = "D001";
    d.origin = {"scan.png"};
    d.media_type = std::string(kMediaPng);
    d.status = DocStatus::kNotRead;
    d.page_count = 1;
    d.pages.push_back(TextPage(1, TextSource::kNone, ""));
    s.documents.push_back(d);
    LeaveToOcr(s, 1, OcrNeed::kImage);
    return s;
  };
  Submission read = image();
  Options o;
  o.reader = GoodReader;
  ASSERT_TRUE(qpm::ocr::Run(read, o, {}, 1, nullptr).ok());
  EXPECT_EQ(read.documents[0].status, DocStatus::kRead);

  Submission failed = image();
  o.reader = [](const PageJob&) -> Result<Page> {
    return Status(StatusCode::kUnreadable, "damaged");
  };
  ASSERT_TRUE(qpm::ocr::Run(failed, o, {}, 1, nullptr).ok());
  EXPECT_EQ(failed.documents[0].status, DocStatus::kNotRead);
  const Finding* f = Find(failed, "extract.ocr-failed", 1);
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("This PNG image"), std::string::npos) << f->message;
}

TEST(OcrStage, MissingLanguageDataStopsTheRunAndNamesTheFile) {
  TempDir empty;
  Submission s = MarkedPdf();
  Options o;
  o.tessdata = empty.path();
  Status st = qpm::ocr::Run(s, o, {}, 1, nullptr);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_NE(st.message().find(empty.path() + "/eng.traineddata"), std::string::npos)
      << st.message();
  EXPECT_NE(st.message().find("tesseract-ocr-eng"), std::string::npos);
  EXPECT_EQ(s.documents[0].pages[1].source, TextSource::kNone);  // nothing was touched

  // With eng but not osd, the message names osd.
  std::ofstream(empty.path() + "/eng.traineddata") << "x";
  st = qpm::ocr::Run(s, o, {}, 1, nullptr);
  EXPECT_NE(st.message().find("osd.traineddata"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("tesseract-ocr-osd"), std::string::npos);
}

TEST(OcrStage, AMissingRecordingIsAFindingNamingIt) {
  TempDir empty;
  Submission s = MarkedPdf();
  Options o;
  o.replay_dir = empty.path();
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 1, nullptr).ok());
  const Finding* f = Find(s, "extract.ocr-failed", 2);
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find(RecordingName(std::string(64, 'a'), 2)), std::string::npos)
      << f->message;
}

TEST(OcrStage, RecordingsRoundTrip) {
  Page p = GoodReader(PageJob{"D001", "", "", "", 7}).value();
  p.words.push_back(p.words[0]);
  p.words[1].text = "caf\xC3\xA9 \"quoted\"";
  json j = json::parse(RecordingJson(p));
  EXPECT_TRUE(j.contains("engine"));
  Page back = j["page"].get<Page>();
  EXPECT_EQ(json(back).dump(), json(p).dump());
  EXPECT_EQ(RecordingName("ab12", 7), "ab12-p7.json");
}

// ----- extraction marks what OCR must read -----------------------------------

TEST(OcrMarks, ImageOnlyPdfPagesAreMarkedOneByOne) {
  Submission s = Extracted(SamplesDir() + "/scans/scanned-case-file.pdf", std::string(kMediaPdf));
  const Document& d = s.documents[0];
  EXPECT_EQ(d.status, DocStatus::kRead);
  ASSERT_EQ(d.pages.size(), 5u);
  for (int n = 1; n <= 5; ++n) {
    EXPECT_EQ(d.pages[static_cast<size_t>(n - 1)].source, TextSource::kNone);
    EXPECT_EQ(d.pages[static_cast<size_t>(n - 1)].needs_ocr, OcrNeed::kNoTextLayer) << n;
  }
  EXPECT_EQ(Count(s, "extract.no-text"), 0);  // the OCR stage says what it does not read
  EXPECT_FALSE(PicturesLeft(s));              // every page is a scan: all go to OCR
}

TEST(OcrMarks, AnImageIsAPageOfItsStatedSize) {
  Submission s = Extracted(SamplesDir() + "/scans/scanned-letter.png", std::string(kMediaPng));
  const Document& d = s.documents[0];
  EXPECT_EQ(d.status, DocStatus::kNotRead);
  EXPECT_EQ(d.page_count, 1);
  ASSERT_EQ(d.pages.size(), 1u);
  EXPECT_NEAR(d.pages[0].width, 595, 1);  // A4 at the 200 dpi the file states
  EXPECT_NEAR(d.pages[0].height, 842, 1);
  EXPECT_EQ(d.pages[0].needs_ocr, OcrNeed::kImage);
}

TEST(OcrMarks, ImageFramesAreListedFromHeadersOnly) {
  Result<ImageFrames> tif =
      ListImageFrames(qpm::testing::CorpusDir() + "/images/tesseract-phototest.tif", 100);
  ASSERT_TRUE(tif.ok()) << tif.status().message();
  EXPECT_EQ(tif->frames, 1);
  ASSERT_EQ(tif->pages.size(), 1u);
  EXPECT_GT(tif->pages[0].width, 100);
  Result<ImageFrames> huge = ListImageFrames(SamplesDir() + "/scans/scanned-letter.png", 10, 1000);
  EXPECT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().code(), StatusCode::kLimit);
  TempDir dir;
  std::ofstream(dir.path() + "/not.png") << "\x89PNG but not really";
  EXPECT_FALSE(ListImageFrames(dir.path() + "/not.png", 10).ok());
}

// ----- recorded OCR output, checked against what the generator drew ----------

TEST(OcrRecordings, MatchWhatTheGeneratorDrew) {
  std::vector<ScannedSample> samples = ScannedSamples();
  ASSERT_GE(samples.size(), 2u) << "no scanned samples in " << SamplesDir();
  std::set<std::string> used;
  for (const ScannedSample& sample : samples) {
    SCOPED_TRACE(sample.sample);
    std::string all_text;
    for (const json& truth : sample.truth["pages"]) {
      std::string name = RecordingName(sample.sha256, truth["page"].get<int>());
      used.insert(name);
      Result<Page> page = ReadRecordingFile(sample.recorded + "/" + name);
      ASSERT_TRUE(page.ok()) << page.status().message();
      ExpectMatchesTruth(page.value(), truth);
      all_text += page->text + "\n";
    }
    // What was planted is read exactly: the personal-data checks depend on it.
    for (const std::string& value : sample.planted) {
      EXPECT_NE(all_text.find(value), std::string::npos) << value;
    }
  }
  // No stale recordings of samples that have since changed.
  for (const std::string& f : qpm::testing::ListFiles(samples[0].recorded)) {
    EXPECT_EQ(used.count(f), 1u) << "stale recording " << f << ": run scripts/record-ocr";
  }
}

// The whole path without the engine: extraction marks the pages, replay reads them,
// the personal-data scan finds what was planted under OCR only.
TEST(OcrRecordings, ReplayFeedsThePersonalDataScan) {
  for (const ScannedSample& sample : ScannedSamples()) {
    SCOPED_TRACE(sample.sample);
    Submission s = Extracted(SamplesDir() + "/" + sample.sample, MediaTypeOf(sample.sample));
    Options o;
    o.replay_dir = sample.recorded;
    o.tessdata = "/nonexistent";  // replay needs no language data
    ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 2, nullptr).ok());
    const Document& d = s.documents[0];
    EXPECT_EQ(d.status, DocStatus::kRead);
    EXPECT_EQ(Count(s, "extract.no-text"), 0);
    EXPECT_EQ(Count(s, "extract.ocr-failed"), 0);
    for (const Page& p : d.pages) EXPECT_EQ(p.source, TextSource::kOcr);
    std::vector<Finding> pii = redaction::ScanDocument(d);
    ASSERT_FALSE(pii.empty());
    // A sample that plants a person's name (samples/fail-closed) may give its finding too.
    bool name_planted = false;
    for (const std::string& value : sample.planted) {
      name_planted = name_planted || (value.find('@') == std::string::npos &&
                                      value.find_first_of("0123456789") == std::string::npos);
    }
    for (const Finding& f : pii) {
      EXPECT_TRUE(f.rule == "pii.nhs-number" || f.rule == "pii.email" ||
                  (name_planted && f.rule == "pii.person-name"))
          << f.rule;
      EXPECT_TRUE(f.bbox.has_value());
    }
  }
}

// ----- pictures inside documents ----------------------------------------------

extract::Picture PdfPicture(int width_px, int height_px, Box box) {
  extract::Picture p;
  p.page = 1;
  p.number = 1;
  p.box = box;
  p.width_px = width_px;
  p.height_px = height_px;
  return p;
}

// A text page with `n` words in a row from (100, 100), each 30 x 10 points.
Page PageWithWords(int n) {
  Page page = TextPage(1, TextSource::kTextLayer, "");
  for (int i = 0; i < n; ++i) {
    Word w;
    w.text = "word";
    w.box = Box{100.0 + 35 * i, 100, 130.0 + 35 * i, 110};
    w.start = static_cast<uint32_t>(page.text.size());
    page.text += (i == 0 ? "" : " ") + w.text;
    w.start = static_cast<uint32_t>(page.text.size() - 4);
    w.end = static_cast<uint32_t>(page.text.size());
    page.words.push_back(w);
  }
  return page;
}

TEST(OcrPictures, ThresholdIsALineOfWordsInPixels) {
  Page blank = PageWithWords(0);
  Box shown{300, 400, 500, 500};
  // Just big enough: 16 pixels high, 64 long, either way round.
  EXPECT_EQ(ChoosePicture(PdfPicture(64, 16, shown), &blank, false), PictureSkip::kRead);
  EXPECT_EQ(ChoosePicture(PdfPicture(16, 64, shown), &blank, false), PictureSkip::kRead);
  // Icons, bullets and rules are not.
  EXPECT_EQ(ChoosePicture(PdfPicture(48, 48, shown), &blank, false), PictureSkip::kFewPixels);
  EXPECT_EQ(ChoosePicture(PdfPicture(63, 40, shown), &blank, false), PictureSkip::kFewPixels);
  EXPECT_EQ(ChoosePicture(PdfPicture(800, 15, shown), &blank, false), PictureSkip::kFewPixels);
  // A Word picture whose header could not be read (an EMF drawing) has no size.
  extract::Picture emf;
  emf.number = 1;
  emf.part = "word/media/image1.emf";
  EXPECT_EQ(ChoosePicture(emf, nullptr, false), PictureSkip::kNoSize);
  emf.width_px = 640;
  emf.height_px = 480;
  EXPECT_EQ(ChoosePicture(emf, nullptr, false), PictureSkip::kRead);
}

TEST(OcrPictures, APdfPictureMustBeShownBigEnoughToRead) {
  Page blank = PageWithWords(0);
  EXPECT_EQ(ChoosePicture(PdfPicture(600, 200, Box{0, 0, 24, 6}), &blank, false),
            PictureSkip::kRead);
  EXPECT_EQ(ChoosePicture(PdfPicture(600, 200, Box{0, 0, 24, 5.9}), &blank, false),
            PictureSkip::kShownSmall);
  EXPECT_EQ(ChoosePicture(PdfPicture(600, 200, Box{0, 0, 23, 20}), &blank, false),
            PictureSkip::kShownSmall);
}

TEST(OcrPictures, ATextLayerOverThePictureOrAWholePageReadIsNotReadTwice) {
  Box under_words{90, 90, 400, 120};  // holds the centres of the page's first words
  Page four = PageWithWords(4);
  Page five = PageWithWords(5);
  EXPECT_EQ(ChoosePicture(PdfPicture(2000, 200, under_words), &four, false), PictureSkip::kRead);
  EXPECT_EQ(ChoosePicture(PdfPicture(2000, 200, under_words), &five, false),
            PictureSkip::kTextLayer);
  // Words beside the picture do not count.
  EXPECT_EQ(ChoosePicture(PdfPicture(2000, 200, Box{90, 300, 400, 400}), &five, false),
            PictureSkip::kRead);
  EXPECT_EQ(ChoosePicture(PdfPicture(2000, 200, Box{90, 300, 400, 400}), &five, true),
            PictureSkip::kPageReadWhole);
}

std::string FailClosed(const std::string& name) { return SamplesDir() + "/fail-closed/" + name; }

// The PDF LibreOffice makes of a Word file, in `work`, as triage makes it (its pictures
// are read there when one is a drawing OCR cannot decode); "" for any other file.
std::string PrintedCopy(const std::string& path, const TempDir& work) {
  if (fs::path(path).extension() != ".docx") return "";
  std::string soffice = qpm::convert::FindLibreOffice("");
  EXPECT_FALSE(soffice.empty()) << "LibreOffice is needed to print " << path;
  std::string id = fs::path(path).stem().string();
  qpm::convert::Converted c = qpm::convert::ToPdf({{id, path, ".docx"}}, soffice, work.path(), 120);
  EXPECT_EQ(c.pdf.count(id), 1u) << path;
  return c.pdf.count(id) != 0 ? c.pdf.at(id) : "";
}

TEST(OcrPictures, AWordFilesPictureIsReadAndItsTextIsAPartNamedForIt) {
  Submission s = Extracted(FailClosed("word-picture.docx"), std::string(kMediaDocx));
  ASSERT_TRUE(PicturesLeft(s));
  TempDir dir;
  std::string jobs_file = dir.path() + "/jobs";
  Options o;
  // The reader runs in a process of its own: it leaves what it was given in a file.
  o.reader = [jobs_file](const PageJob& job) -> Result<Page> {
    std::ofstream(jobs_file, std::ios::app) << job.picture << " " << job.part << "\n";
    return TextPage(1, TextSource::kOcr, "Client: Invented Person");
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 2, nullptr).ok());
  EXPECT_EQ(ReadFile(jobs_file), "1 word/media/image1.png\n");
  EXPECT_EQ(Count(s, "extract.images-not-read"), 0);
  const Document& d = s.documents[0];
  ASSERT_EQ(d.parts.size(), 1u);
  EXPECT_EQ(d.parts[0].name, "picture word/media/image1.png");
  EXPECT_EQ(d.parts[0].text, "Client: Invented Person");
  EXPECT_FALSE(d.parts[0].hidden);
}

TEST(OcrPictures, APdfPicturesWordsJoinItsPageWithBoxesOnThePage) {
  Submission s = Extracted(FailClosed("picture-on-text-page.pdf"), std::string(kMediaPdf));
  ASSERT_TRUE(PicturesLeft(s));
  ASSERT_EQ(s.documents[0].pages[0].needs_ocr, OcrNeed::kNone);
  std::string before = s.documents[0].pages[0].text;
  TempDir dir;
  std::string jobs_file = dir.path() + "/jobs";
  Options o;
  o.reader = [jobs_file](const PageJob& job) -> Result<Page> {
    std::ofstream(jobs_file, std::ios::app)
        << job.page << " " << job.picture << " " << std::lround(job.box.x0) << " "
        << std::lround(job.box.y0) << " " << std::lround(job.box.x1) << " "
        << std::lround(job.box.y1) << " " << job.width_px << "\n";
    Page p = TextPage(job.page, TextSource::kOcr, "Inside");
    p.words[0].box = Box{job.box.x0 + 5, job.box.y0 + 5, job.box.x0 + 40, job.box.y0 + 15};
    return p;
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 2, nullptr).ok());
  // Drawn 320 x 90 points at (72, 168) from the top left, from 667 pixels across.
  EXPECT_EQ(ReadFile(jobs_file), "1 1 72 168 392 258 667\n");
  EXPECT_EQ(Count(s, "extract.images-not-read"), 0);
  const Page& page = s.documents[0].pages[0];
  EXPECT_EQ(page.source, TextSource::kTextLayer);
  EXPECT_EQ(page.text, before + "\nInside");
  const Word& added = page.words.back();
  EXPECT_EQ(page.text.substr(added.start, added.end - added.start), "Inside");
  EXPECT_NEAR(added.box.x0, 77, 0.5);
  EXPECT_NEAR(added.box.y0, 173, 0.5);
}

// A PDF of `pages` A4 pages, each with a line of text and the same picture (one image
// object, 400 x 100 pixels) drawn at `width` x `height` points, its top left at 72
// points from the page's left and 72 + 10 (n - 1) from the top of page n: a
// letterhead's logo, placed a little lower on each page.
void WriteLetterheadPdf(const std::string& path, int pages, double width, double height) {
  std::vector<std::string> objects;  // object i + 1
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (int i = 0; i < pages; ++i) kids += std::to_string(5 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  std::string pixels(400 * 100, '\xff');
  objects.push_back(
      "<< /Type /XObject /Subtype /Image /Width 400 /Height 100 /ColorSpace "
      "/DeviceGray /BitsPerComponent 8 /Length " +
      std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream");
  for (int i = 0; i < pages; ++i) {
    char place[128];
    std::snprintf(place, sizeof place, "q %.0f 0 0 %.0f 72 %.0f cm /Logo Do Q", width, height,
                  842 - 72 - 10 * i - height);
    std::string content = std::string(place) + " BT /F1 12 Tf 72 500 Td (Our policy, page " +
                          std::to_string(i + 1) +
                          ", says what we do and how we support the people we work with.) Tj ET";
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << "
        "/Font << /F1 3 0 R >> /XObject << /Logo 4 0 R >> >> /Contents " +
        std::to_string(6 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "\nendstream");
  }
  std::ofstream(path, std::ios::binary) << qpm::testing::PdfOf(objects);
}

// A letterhead's logo on every page is one picture: OCR reads it once, and what it
// says joins every page that shows it, placed where it is drawn there.
TEST(OcrPictures, APictureRepeatedOnEveryPageIsReadOnce) {
  TempDir dir;
  std::string path = dir.path() + "/letterhead.pdf";
  WriteLetterheadPdf(path, 4, 200, 50);
  Submission s = Extracted(path, std::string(kMediaPdf));
  ASSERT_EQ(s.documents[0].pages.size(), 4u);
  ASSERT_TRUE(PicturesLeft(s));
  std::string jobs_file = dir.path() + "/jobs";
  Options o;
  o.reader = [jobs_file](const PageJob& job) -> Result<Page> {
    std::ofstream(jobs_file, std::ios::app) << job.page << " " << job.picture << "\n";
    Page p = TextPage(job.page, TextSource::kOcr, "Inside");
    p.words[0].box = Box{job.box.x0 + 10, job.box.y0 + 5, job.box.x0 + 50, job.box.y0 + 15};
    return p;
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 2, nullptr).ok());
  EXPECT_EQ(ReadFile(jobs_file), "1 1\n");
  for (const Page& page : s.documents[0].pages) {
    SCOPED_TRACE("page " + std::to_string(page.number));
    ASSERT_FALSE(page.words.empty());
    const Word& added = page.words.back();
    EXPECT_EQ(page.text.substr(added.start, added.end - added.start), "Inside");
    EXPECT_NEAR(added.box.x0, 82, 0.5);  // 10 points into the logo, on every page
    EXPECT_NEAR(added.box.y0, 77 + 10 * (page.number - 1), 0.5);
    EXPECT_NEAR(added.box.y1, 87 + 10 * (page.number - 1), 0.5);
  }
  EXPECT_EQ(Count(s, "extract.images-not-read"), 0);
  EXPECT_EQ(Count(s, "extract.ocr-failed"), 0);

  // Not read: each page that shows it says so, as a picture read on its own would.
  Submission failed = Extracted(path, std::string(kMediaPdf));
  Options broken;
  broken.reader = [](const PageJob&) -> Result<Page> {
    return Status(StatusCode::kUnreadable, "test");
  };
  ASSERT_TRUE(qpm::ocr::Run(failed, broken, {}, 2, nullptr).ok());
  for (int page = 1; page <= 4; ++page) EXPECT_EQ(Count(failed, "extract.ocr-failed", page), 1);
}

TEST(OcrPictures, APictureThatFailsOrHangsIsAFindingNamingIt) {
  Submission word = Extracted(FailClosed("word-picture.docx"), std::string(kMediaDocx));
  Submission pdf = Extracted(FailClosed("picture-on-text-page.pdf"), std::string(kMediaPdf));
  Options o;
  o.reader = [](const PageJob& /*job*/) -> Result<Page> {
    return Status(StatusCode::kUnreadable, "the picture is damaged");
  };
  ASSERT_TRUE(qpm::ocr::Run(word, o, {}, 1, nullptr).ok());
  ASSERT_EQ(Count(word, "extract.ocr-failed"), 1);
  const Finding& w = word.findings.back();
  EXPECT_EQ(w.field, "picture word/media/image1.png");
  EXPECT_NE(w.message.find("The picture word/media/image1.png"), std::string::npos) << w.message;
  EXPECT_NE(w.message.find("the picture is damaged"), std::string::npos) << w.message;
  EXPECT_TRUE(word.documents[0].parts.empty());

  Options slow;
  slow.page_timeout_seconds = 1;
  slow.reader = [](const PageJob& /*job*/) -> Result<Page> {
    std::this_thread::sleep_for(std::chrono::seconds(30));
    return Status(StatusCode::kUnreadable, "not reached");
  };
  std::string before = pdf.documents[0].pages[0].text;
  ASSERT_TRUE(qpm::ocr::Run(pdf, slow, {}, 1, nullptr).ok());
  const Finding* t = Find(pdf, "extract.ocr-timeout", 1);
  ASSERT_NE(t, nullptr);
  EXPECT_NE(t->message.find("Picture 1 on page 1"), std::string::npos) << t->message;
  ASSERT_TRUE(t->bbox.has_value());
  EXPECT_NEAR(t->bbox->x0, 72, 0.5);
  EXPECT_EQ(pdf.documents[0].pages[0].text, before);  // the run goes on, the page as it was
}

TEST(OcrPictures, NoOcrKeepsTheNoteThatPicturesWereNotRead) {
  Submission s = Extracted(FailClosed("word-picture.docx"), std::string(kMediaDocx));
  Options o;
  o.enabled = false;
  o.reader = [](const PageJob& /*job*/) -> Result<Page> {
    ADD_FAILURE() << "nothing is read with OCR off";
    return Status(StatusCode::kUnreadable, "off");
  };
  ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 1, nullptr).ok());
  EXPECT_EQ(Count(s, "extract.images-not-read"), 1);
  EXPECT_TRUE(s.documents[0].parts.empty());
}

// With OCR off the note says what the reader found, once for the document, and no
// picture is left to OCR once the stage has run.
TEST(OcrPictures, WithOcrOffTheNoteSaysWhatTheReaderFound) {
  Options o;
  o.enabled = false;
  Submission word = Extracted(FailClosed("word-picture.docx"), std::string(kMediaDocx));
  ASSERT_TRUE(qpm::ocr::Run(word, o, {}, 1, nullptr).ok());
  ASSERT_EQ(word.findings.size(), 1u);
  EXPECT_EQ(word.findings[0].rule, "extract.images-not-read");
  EXPECT_EQ(word.findings[0].document, "D001");
  EXPECT_EQ(word.findings[0].page, 0);
  EXPECT_EQ(word.findings[0].message,
            "This Word document holds 1 image (logos, photos, scans or screenshots). Text inside "
            "them was not read by OCR (OCR is turned off, or did not run), so it was not checked.");
  EXPECT_FALSE(PicturesLeft(word));

  Submission pdf = Extracted(FailClosed("picture-on-text-page.pdf"), std::string(kMediaPdf));
  ASSERT_TRUE(qpm::ocr::Run(pdf, o, {}, 1, nullptr).ok());
  ASSERT_EQ(pdf.findings.size(), 1u);
  EXPECT_EQ(pdf.findings[0].message,
            "This PDF holds images (logos, photos, scans or screenshots) on pages that have text "
            "of their own. Text inside those images was not read by OCR (OCR is turned off, or "
            "did not run), so it was not checked.");
  EXPECT_EQ(pdf.findings[0].remedy,
            "Run again without --no-ocr, or look at the images before sending; replace any that "
            "show personal details.");
  EXPECT_EQ(pdf.findings[0].severity, Severity::kInfo);
  EXPECT_FALSE(PicturesLeft(pdf));
}

TEST(OcrPictures, RecordingNamesSayWhichPicture) {
  PageJob page{"D001", "x.pdf", std::string(kMediaPdf), "abc", 3};
  EXPECT_EQ(RecordingName(page), "abc-p3.json");
  PageJob pdf = page;
  pdf.picture = 2;
  EXPECT_EQ(RecordingName(pdf), "abc-p3-picture2.json");
  PageJob word = page;
  word.page = 1;
  word.picture = 4;
  word.part = "word/media/image7.png";
  EXPECT_EQ(RecordingName(word), "abc-picture4.json");
}

TEST(OcrPictures, WordPicturesAreTheImagesItsPartsShow) {
  Result<std::vector<extract::Picture>> pictures =
      extract::ListWordPictures(FailClosed("word-picture.docx"), 1 << 20);
  ASSERT_TRUE(pictures.ok()) << pictures.status().message();
  ASSERT_EQ(pictures->size(), 1u);
  EXPECT_EQ(pictures.value()[0].part, "word/media/image1.png");
  EXPECT_EQ(pictures.value()[0].width_px, 600);  // 300 points at 144 dpi
  EXPECT_EQ(pictures.value()[0].height_px, 220);
  // Too big to read for its size: listed, with no size, so it is not read.
  pictures = extract::ListWordPictures(FailClosed("word-picture.docx"), 100);
  ASSERT_TRUE(pictures.ok());
  EXPECT_EQ(pictures.value()[0].width_px, 0);
  EXPECT_FALSE(extract::ListWordPictures(SamplesDir() + "/scans/scanned-letter.png", 1 << 20).ok());
}

// ----- the thread limit ------------------------------------------------------

// Runs only as the re-executed child of the test below.
TEST(OcrThreads, EchoLimit) {
  if (std::getenv("QPM_OCR_TEST_ECHO") == nullptr) GTEST_SKIP() << "helper for ReexecsOnce";
  const char* limit = std::getenv("OMP_THREAD_LIMIT");
  std::printf("OMP_THREAD_LIMIT=%s\n", limit != nullptr ? limit : "(unset)");
  std::fflush(stdout);
}

std::string RunLimitThreads(bool preset) {
  int fds[2];
  if (pipe(fds) != 0) return "pipe failed";
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    setenv("QPM_OCR_TEST_ECHO", "1", 1);
    if (preset) {
      setenv("OMP_THREAD_LIMIT", "3", 1);
    } else {
      unsetenv("OMP_THREAD_LIMIT");
    }
    std::string self = fs::read_symlink("/proc/self/exe").string();
    std::string filter = "--gtest_filter=OcrThreads.EchoLimit";
    char* argv[] = {self.data(), filter.data(), nullptr};
    LimitThreadsOrReexec(2, argv);
    std::printf("returned\n");
    std::fflush(stdout);
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  waitpid(pid, nullptr, 0);
  return out;
}

TEST(OcrThreads, ReexecsOnceWithOneThread) {
  std::string out = RunLimitThreads(false);
  EXPECT_NE(out.find("OMP_THREAD_LIMIT=1\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("returned"), std::string::npos) << out;
  // When the limit is already set, it is left alone and nothing is re-executed.
  EXPECT_EQ(RunLimitThreads(true), "returned\n");
}

// ----- the real engine (ctest label "ocr") -------------------------------------

EngineOptions Engine() { return EngineOptions{}; }

// A one-page PDF with lines of Helvetica text, its page turned by /Rotate `rotate`.
std::string TextPdf(const std::vector<std::string>& lines, int rotate) {
  std::string content = "BT /F1 20 Tf 26 TL 72 760 Td";
  for (const std::string& line : lines) content += " (" + line + ") Tj T*";
  content += " ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate " + std::to_string(rotate) +
          " /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  return qpm::testing::PdfOf(objects);
}

// OCR's boxes and Poppler's text layer agree on where each word is, on a page shown
// upright and on one whose /Rotate turns it: both are boxes on the page as displayed.
TEST(OcrEngine, BoxesAgreeWithTheTextLayerOnTurnedPages) {
  std::vector<std::string> lines = {
      "Referral form for advocacy support",     "Case reference and client details",
      "The client asked for help with housing", "Meetings were held every second week",
      "The advocate recorded the outcome",      "Support ended when the plan was agreed",
      "This page is here to test the boxes",    "Each word should be where it is shown"};
  TempDir dir;
  for (int rotate : {0, 90, 270}) {
    SCOPED_TRACE("/Rotate " + std::to_string(rotate));
    std::string path = dir.path() + "/rotate" + std::to_string(rotate) + ".pdf";
    std::ofstream(path, std::ios::binary) << TextPdf(lines, rotate);
    Submission s = Extracted(path, std::string(kMediaPdf));
    ASSERT_EQ(s.documents[0].pages.size(), 1u);
    const Page text = s.documents[0].pages[0];
    ASSERT_EQ(text.source, TextSource::kTextLayer);
    // Through the stage, so the page is rendered in a reader process as in a run (and
    // fontconfig's caches for the unembedded font die with it).
    LeaveToOcr(s, 1);
    ASSERT_TRUE(qpm::ocr::Run(s, Options{}, {}, 1, nullptr).ok());
    ASSERT_TRUE(s.findings.empty()) << s.findings[0].message;
    const Page* ocr = &s.documents[0].pages[0];
    EXPECT_EQ(ocr->ocr_rotation, (360 - rotate) % 360);
    bool sideways = rotate % 180 != 0;
    EXPECT_NEAR(ocr->width, sideways ? 842 : 595, 0.5);
    EXPECT_NEAR(ocr->height, sideways ? 595 : 842, 0.5);
    // Match words by text, in order; compare the centres (OCR boxes hug the ink, the
    // text layer's the font's full height).
    size_t matched = 0;
    size_t j = 0;
    for (const Word& w : text.words) {
      while (j < ocr->words.size() && ocr->words[j].text != w.text) ++j;
      if (j == ocr->words.size()) break;
      const Box& o = ocr->words[j].box;
      EXPECT_NEAR((o.x0 + o.x1) / 2, (w.box.x0 + w.box.x1) / 2, 4) << w.text;
      EXPECT_NEAR((o.y0 + o.y1) / 2, (w.box.y0 + w.box.y1) / 2, 4) << w.text;
      ++matched;
      ++j;
    }
    EXPECT_GE(matched, text.words.size() * 9 / 10);
  }
}

TEST(OcrEngine, ReadsEveryScannedPageUprightAndWhereItIs) {
  for (const ScannedSample& sample : ScannedSamples()) {
    SCOPED_TRACE(sample.sample);
    std::string path = SamplesDir() + "/" + sample.sample;
    for (const json& truth : sample.truth["pages"]) {
      int number = truth["page"].get<int>();
      Result<Page> page = MediaTypeOf(sample.sample) == kMediaPdf
                              ? ReadPdfPage(path, number, {}, Engine())
                              : ReadImagePage(path, number, Engine());
      ASSERT_TRUE(page.ok()) << page.status().message();
      EXPECT_EQ(page->number, number);
      ExpectMatchesTruth(page.value(), truth);
    }
  }
}

// Tesseract's own test page, as scanned and as turned upside down and to the left
// (../shared/corpus/images; its manifest gives the ground truth's first sentence).
// Whichever way up, the same words come back, and each where it is on the image as
// displayed: the turned copies' boxes are the upright ones, turned.
TEST(OcrEngine, ReadsTesseractsTestPageWhicheverWayUp) {
  std::string dir = qpm::testing::CorpusDir() + "/images/";
  Result<Page> upright = ReadImagePage(dir + "tesseract-phototest.tif", 1, Engine());
  ASSERT_TRUE(upright.ok()) << upright.status().message();
  EXPECT_EQ(upright->text.rfind("This is a lot of 12 point text to test the\nocr code", 0), 0u)
      << upright->text.substr(0, 80);
  EXPECT_EQ(upright->ocr_rotation, 0);
  struct Turned {
    const char* file;
    int rotation;  // the clockwise turn that makes it upright
  };
  for (Turned t : {Turned{"tesseract-phototest-rotated-180.png", 180},
                   Turned{"tesseract-phototest-rotated-L.png", 90}}) {
    SCOPED_TRACE(t.file);
    Result<Page> page = ReadImagePage(dir + t.file, 1, Engine());
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_EQ(page->ocr_rotation, t.rotation);
    EXPECT_EQ(page->text, upright->text);
    ASSERT_EQ(page->words.size(), upright->words.size());
    double w = upright->width;
    double h = upright->height;
    for (size_t i = 0; i < page->words.size(); ++i) {
      const Box& u = upright->words[i].box;
      // Where the upright box is once the page is turned back the way it was scanned.
      Box want = t.rotation == 180 ? Box{w - u.x1, h - u.y1, w - u.x0, h - u.y0}
                                   : Box{u.y0, w - u.x1, u.y1, w - u.x0};
      const Box& got = page->words[i].box;
      EXPECT_NEAR(got.x0, want.x0, 2) << page->words[i].text;
      EXPECT_NEAR(got.y0, want.y0, 2) << page->words[i].text;
      EXPECT_NEAR(got.x1, want.x1, 2) << page->words[i].text;
      EXPECT_NEAR(got.y1, want.y1, 2) << page->words[i].text;
    }
  }
}

// An upright page read with confidence is taken as read, with no orientation pass; a
// page upside down, or any page once that trust is off, needs the orientation data. The
// orientation data here is a file Tesseract refuses, so whichever page needs it fails.
TEST(OcrEngine, OnlyAPageNotConfidentlyReadUprightIsCheckedForOrientation) {
  std::string images = qpm::testing::CorpusDir() + "/images/";
  TempDir dir;
  fs::copy_file(qpm::ocr::LanguageDataDir("") + "/eng.traineddata",
                dir.path() + "/eng.traineddata");
  std::ofstream(dir.path() + "/osd.traineddata") << "not language data";
  EngineOptions o;
  o.tessdata = dir.path();
  Result<Page> upright = ReadImagePage(images + "tesseract-phototest.tif", 1, o);
  ASSERT_TRUE(upright.ok()) << upright.status().message();
  EXPECT_EQ(upright->ocr_rotation, 0);
  EXPECT_GE(upright->words.size(), o.trusted_min_words);

  Result<Page> turned = ReadImagePage(images + "tesseract-phototest-rotated-180.png", 1, o);
  ASSERT_FALSE(turned.ok());
  EXPECT_EQ(turned.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(turned.status().message().find("osd.traineddata"), std::string::npos);

  o.trusted_confidence = 101;  // no read is ever trusted
  Result<Page> checked = ReadImagePage(images + "tesseract-phototest.tif", 1, o);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.status().code(), StatusCode::kUnsupported);
}

// A sideways page reads well as it is (Tesseract turns the blocks it finds sideways),
// yet its blocks say it is turned: it goes through orientation detection and comes back
// turned upright, as with the trust off.
TEST(OcrEngine, ASidewaysPageIsTurnedEvenWhenItReadsWell) {
  std::string path = qpm::testing::CorpusDir() + "/images/tesseract-phototest-rotated-L.png";
  Result<Page> fast = ReadImagePage(path, 1, Engine());
  ASSERT_TRUE(fast.ok()) << fast.status().message();
  EngineOptions never;
  never.trusted_confidence = 101;
  Result<Page> slow = ReadImagePage(path, 1, never);
  ASSERT_TRUE(slow.ok()) << slow.status().message();
  EXPECT_EQ(fast->ocr_rotation, 90);
  EXPECT_EQ(fast->text, slow->text);
}

// The recordings the other tests replay are what this engine reads today. Across
// Tesseract versions a few words may differ; the words as a whole must not.
TEST(OcrEngine, RecordingsMatchTheEngine) {
  for (const ScannedSample& sample : ScannedSamples()) {
    std::string path = SamplesDir() + "/" + sample.sample;
    for (const json& truth : sample.truth["pages"]) {
      int number = truth["page"].get<int>();
      SCOPED_TRACE(sample.sample + " page " + std::to_string(number));
      Result<Page> recorded =
          ReadRecordingFile(sample.recorded + "/" + RecordingName(sample.sha256, number));
      ASSERT_TRUE(recorded.ok()) << recorded.status().message();
      Result<Page> fresh = MediaTypeOf(sample.sample) == kMediaPdf
                               ? ReadPdfPage(path, number, {}, Engine())
                               : ReadImagePage(path, number, Engine());
      ASSERT_TRUE(fresh.ok()) << fresh.status().message();
      std::vector<std::string> recorded_words;
      for (const Word& w : recorded->words) recorded_words.push_back(w.text);
      EXPECT_GE(Recall(recorded_words, fresh.value()), 0.95);
      EXPECT_EQ(fresh->ocr_rotation, recorded->ocr_rotation);
      EXPECT_NEAR(fresh->ocr_confidence, recorded->ocr_confidence, 5);
    }
  }
}

// The stage in record mode writes what replay reads back, byte for byte the same page.
TEST(OcrEngine, RecordThenReplay) {
  std::string path = SamplesDir() + "/scans/scanned-letter.png";
  TempDir dir;
  Submission recorded = Extracted(path, std::string(kMediaPng));
  Options o;
  o.record_dir = dir.path();
  ASSERT_TRUE(qpm::ocr::Run(recorded, o, {}, 1, nullptr).ok());
  ASSERT_EQ(qpm::testing::ListFiles(dir.path()).size(), 1u);
  Submission replayed = Extracted(path, std::string(kMediaPng));
  Options r;
  r.replay_dir = dir.path();
  ASSERT_TRUE(qpm::ocr::Run(replayed, r, {}, 1, nullptr).ok());
  EXPECT_EQ(json(recorded.documents[0].pages).dump(), json(replayed.documents[0].pages).dump());
  EXPECT_EQ(recorded.documents[0].pages[0].source, TextSource::kOcr);
}

// The run's readers are forked from a spawner (pipeline/platform/sandbox.h): a page read there
// is the page a reader forked from the run reads.
TEST(OcrEngine, ASpawnersReaderReadsThePageAsAForkDoes) {
  std::string path = SamplesDir() + "/scans/scanned-case-file.pdf";
  std::unique_ptr<qpm::sandbox::Spawner> spawner = qpm::ocr::StartReaders();
  ASSERT_NE(spawner, nullptr);
  Submission forked = Extracted(path, std::string(kMediaPdf));
  ASSERT_TRUE(qpm::ocr::Run(forked, Options{}, {}, 2, nullptr).ok());
  Submission spawned = Extracted(path, std::string(kMediaPdf));
  Options o;
  o.spawner = spawner.get();
  ASSERT_TRUE(qpm::ocr::Run(spawned, o, {}, 2, nullptr).ok());
  ASSERT_FALSE(spawned.documents[0].pages.empty());
  for (const Page& p : spawned.documents[0].pages) {
    EXPECT_EQ(p.source, TextSource::kOcr) << "page " << p.number;
    EXPECT_FALSE(p.words.empty()) << "page " << p.number;
  }
  EXPECT_EQ(json(forked.documents[0].pages).dump(), json(spawned.documents[0].pages).dump());
  EXPECT_EQ(json(forked.findings).dump(), json(spawned.findings).dump());
}

TEST(OcrEngine, MissingLanguageDataIsADependencyError) {
  TempDir empty;
  EngineOptions o;
  o.tessdata = empty.path();
  Result<Page> page = ReadPdfPage(SamplesDir() + "/scans/scanned-case-file.pdf", 1, {}, o);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(page.status().message().find("eng.traineddata"), std::string::npos);
  // A file of the right name that is not language data is refused by Tesseract itself.
  std::ofstream(empty.path() + "/eng.traineddata") << "not language data";
  std::ofstream(empty.path() + "/osd.traineddata") << "not language data";
  page = ReadPdfPage(SamplesDir() + "/scans/scanned-case-file.pdf", 1, {}, o);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kUnsupported);
}

// The command line: exit code 5 and a message that names the file, before anything
// is written. Skipped until the CLI has the OCR options (pipeline/app/main.cc).
TEST(OcrEngine, CommandLineExits5WithoutLanguageData) {
  RunResult help = qpm::testing::RunTool({"scan", "--help"});
  if (help.out.find("--no-ocr") == std::string::npos) GTEST_SKIP() << "no OCR options yet";
  TempDir empty;
  RunSpec spec;
  spec.args = {"scan", "--json", SamplesDir() + "/scans/scanned-letter.png"};
  spec.env = {"TESSDATA_PREFIX=" + empty.path()};
  RunResult r = qpm::testing::RunTool(spec);
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.err.find("eng.traineddata"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

// The fail-closed picture samples, read by the real engine: the planted values come out
// of the pictures, and match what the replayed tests read from fail-closed/ocr/.
TEST(OcrEngine, ReadsThePictureSamples) {
  struct Case {
    const char* file;
    std::string_view media_type;
  };
  TempDir work;
  for (const Case& c :
       {Case{"word-picture.docx", kMediaDocx}, Case{"word-drawn-picture.docx", kMediaDocx},
        Case{"picture-on-text-page.pdf", kMediaPdf}}) {
    SCOPED_TRACE(c.file);
    json expected = json::parse(ReadFile(FailClosed(std::string(c.file) + ".expected.json")));
    Submission s = Extracted(FailClosed(c.file), std::string(c.media_type),
                             PrintedCopy(FailClosed(c.file), work));
    Options o;
    ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 1, nullptr).ok());
    EXPECT_EQ(Count(s, "extract.ocr-failed") + Count(s, "extract.ocr-timeout"), 0);
    const Document& d = s.documents[0];
    std::string text = d.pages.empty() ? "" : d.pages[0].text;
    for (const TextPart& p : d.parts) text += "\n" + p.text;
    for (const auto& value : expected["planted_values"]) {
      EXPECT_NE(text.find(value.get<std::string>()), std::string::npos) << value;
    }
  }
}

// Re-records samples/fail-closed/ocr when QPM_OCR_PICTURE_RECORD_DIR names it
// (scripts/record-ocr).
TEST(OcrEngine, RecordPictureSamples) {
  const char* dir = std::getenv("QPM_OCR_PICTURE_RECORD_DIR");
  if (dir == nullptr) GTEST_SKIP() << "set QPM_OCR_PICTURE_RECORD_DIR (scripts/record-ocr)";
  fs::create_directories(dir);
  for (const std::string& f : qpm::testing::ListFiles(dir)) fs::remove(fs::path(dir) / f);
  TempDir work;
  for (const auto& [file, media_type] : {std::pair{"word-picture.docx", kMediaDocx},
                                         {"word-drawn-picture.docx", kMediaDocx},
                                         {"picture-on-text-page.pdf", kMediaPdf}}) {
    Submission s =
        Extracted(FailClosed(file), std::string(media_type), PrintedCopy(FailClosed(file), work));
    Options o;
    o.record_dir = dir;
    ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 0, nullptr).ok());
    EXPECT_EQ(Count(s, "extract.ocr-failed") + Count(s, "extract.ocr-timeout"), 0);
  }
}

// Re-records samples/scans/ocr when QPM_OCR_RECORD_DIR names it (scripts/record-ocr).
TEST(OcrEngine, RecordSamples) {
  const char* dir = std::getenv("QPM_OCR_RECORD_DIR");
  if (dir == nullptr) GTEST_SKIP() << "set QPM_OCR_RECORD_DIR (scripts/record-ocr)";
  fs::create_directories(dir);
  for (const std::string& f : qpm::testing::ListFiles(dir)) fs::remove(fs::path(dir) / f);
  for (const ScannedSample& sample : ScannedSamples()) {
    Submission s = Extracted(SamplesDir() + "/" + sample.sample, MediaTypeOf(sample.sample));
    Options o;
    o.record_dir = dir;
    ASSERT_TRUE(qpm::ocr::Run(s, o, {}, 0, nullptr).ok());
    EXPECT_EQ(Count(s, "extract.ocr-failed") + Count(s, "extract.ocr-timeout"), 0);
  }
}

}  // namespace
}  // namespace qpm::ocr
