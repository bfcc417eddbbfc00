// What a PDF's streams unpack to, measured before it is read (extractors/read/pdf_inflate.h):
// on PDFs written here (run-length data stands in for Flate: no zlib in the tests), and on
// the corpus's compression bomb (pdfjs-bomb_giant.pdf: three JBIG2 content streams, each a
// page of 100000 x 100000 dots in 40 KB) and its ordinary PDFs.
#include "extractors/read/pdf_inflate.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "pipeline/core/media_types.h"
#include "tests/test_util.h"

namespace qpm::extract {
namespace {

using qpm::testing::CorpusDir;
using qpm::testing::ListFiles;
using qpm::testing::PdfOf;
using qpm::testing::TempDir;

constexpr uint64_t kMiB = 1u << 20;

// Run-length data (PDF's RunLengthDecode) that unpacks to `bytes` spaces, 128 to each
// two bytes stored.
std::string SpacesRunLength(uint64_t bytes) {
  std::string data;
  for (uint64_t left = bytes; left > 0;) {
    uint64_t run = std::min<uint64_t>(left, 128);
    data += static_cast<char>(257 - run);
    data += ' ';
    left -= run;
  }
  return data + '\x80';
}

std::string Stream(const std::string& dict, const std::string& data) {
  return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
         "\nendstream";
}

// Big-endian bytes of `v`, `n` of them.
std::string Be(uint32_t v, int n) {
  std::string out;
  for (int i = n - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

// JBIG2 as PDF embeds it: a page information segment for a page of `width` x `height`
// dots, then an immediate generic region as large, with a few bytes of coded data.
std::string Jbig2Page(uint32_t width, uint32_t height) {
  std::string page_info = Be(width, 4) + Be(height, 4) + Be(0, 4) + Be(0, 4) + '\0' + Be(0, 2);
  std::string region = Be(width, 4) + Be(height, 4) + Be(0, 4) + Be(0, 4) + '\0' +  // region info
                       '\0' + "\x03\xFF\xFD\xFF\x02\xFE\xFE\xFE" +  // template 0, its AT pixels
                       std::string(16, '\x55');
  return Be(0, 4) + '\x30' + '\0' + '\x01' + Be(static_cast<uint32_t>(page_info.size()), 4) +
         page_info + Be(1, 4) + '\x26' + '\0' + '\x01' +
         Be(static_cast<uint32_t>(region.size()), 4) + region;
}

// A JPEG 2000 codestream's start: SOC, then SIZ for an image of `width` x `height` in three
// 8-bit components.
std::string JpxStart(uint32_t width, uint32_t height) {
  std::string siz = Be(0, 2) + Be(width, 4) + Be(height, 4) + Be(0, 4) + Be(0, 4) +  // Rsiz, size
                    Be(width, 4) + Be(height, 4) + Be(0, 4) + Be(0, 4) +             // one tile
                    Be(3, 2) + "\x07\x01\x01\x07\x01\x01\x07\x01\x01";
  return std::string("\xFF\x4F\xFF\x51", 4) + Be(static_cast<uint32_t>(siz.size() + 2), 2) + siz;
}

// A one-page PDF: object 1 the catalog, 2 the pages, 3 the page (with `page_extra` in its
// dictionary), then `more` as objects 4, 5, ...
std::string OnePage(const std::string& page_extra, const std::vector<std::string>& more) {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + page_extra + " >>"};
  objects.insert(objects.end(), more.begin(), more.end());
  return PdfOf(objects);
}

class PdfInflate : public ::testing::Test {
 protected:
  // Writes `pdf` and measures it.
  Result<Inflation> Measure(const std::string& pdf, uint64_t max_bytes) {
    std::string path = dir_.path() + "/test.pdf";
    std::ofstream(path, std::ios::binary) << pdf;
    return MeasureInflation(path, {}, max_bytes);
  }

 private:
  TempDir dir_;
};

TEST_F(PdfInflate, CountsWhatPageContentUnpacksTo) {
  std::string pdf =
      OnePage("/Contents 4 0 R", {Stream("/Filter /RunLengthDecode", SpacesRunLength(kMiB))});
  Result<Inflation> r = Measure(pdf, 64 * kMiB);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->over);
  EXPECT_EQ(r->bytes, kMiB);
}

TEST_F(PdfInflate, StopsJustPastTheBound) {
  std::string pdf =
      OnePage("/Contents 4 0 R", {Stream("/Filter /RunLengthDecode", SpacesRunLength(64 * kMiB))});
  Result<Inflation> r = Measure(pdf, kMiB / 2);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->over);
  EXPECT_EQ(r->object, 4);
  EXPECT_EQ(r->bytes, kMiB / 2 + 1);
  EXPECT_EQ(r->picture, "");
}

TEST_F(PdfInflate, CountsEveryStreamTogether) {
  // Three content streams of 400 KiB each: each alone is within 1 MiB, all three are not.
  std::string part = Stream("/Filter /RunLengthDecode", SpacesRunLength(400 * 1024));
  std::string pdf = OnePage("/Contents [4 0 R 5 0 R 6 0 R]", {part, part, part});
  Result<Inflation> r = Measure(pdf, kMiB);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->over);
  EXPECT_EQ(r->object, 6);
}

TEST_F(PdfInflate, JudgesJbig2ByWhatItsHeaderDeclares) {
  std::string pdf =
      OnePage("/Contents 4 0 R", {Stream("/Filter /JBIG2Decode", Jbig2Page(100000, 100000))});
  Result<Inflation> r = Measure(pdf, Limits{}.max_inflate_bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->over);
  EXPECT_EQ(r->object, 4);
  EXPECT_EQ(r->picture, "100000 \u00d7 100000 dots");
}

TEST_F(PdfInflate, DecodesJbig2WithinTheBound) {
  // A page of 64 x 64 dots and a region as large: 512 bytes each, declared and made.
  std::string pdf = OnePage("/Contents 4 0 R", {Stream("/Filter /JBIG2Decode", Jbig2Page(64, 64))});
  Result<Inflation> r = Measure(pdf, 1024);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->over);
  EXPECT_EQ(r->bytes, 512u);  // what the decoder gives: the page
}

TEST_F(PdfInflate, JudgesJpegTwoThousandByItsSizMarker) {
  std::string pdf =
      OnePage("/Contents 4 0 R", {Stream("/Filter /JPXDecode", JpxStart(50000, 50000))});
  Result<Inflation> r = Measure(pdf, Limits{}.max_inflate_bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->over);
  EXPECT_EQ(r->picture, "50000 \u00d7 50000 dots");
}

TEST_F(PdfInflate, LeavesOutPicturesAndAttachedFiles) {
  std::string picture = Stream(
      "/Type /XObject /Subtype /Image /Width 1024 /Height 2048 /ColorSpace /DeviceGray "
      "/BitsPerComponent 8 /Filter /RunLengthDecode",
      SpacesRunLength(2 * kMiB));
  std::string pdf =
      OnePage("/Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >>",
              {Stream("", "q 100 0 0 200 0 0 cm /Im1 Do Q"), picture,
               Stream("/Type /EmbeddedFile /Filter /RunLengthDecode", SpacesRunLength(2 * kMiB))});
  Result<Inflation> r = Measure(pdf, kMiB);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->over);
  EXPECT_EQ(r->bytes, 30u);  // the page's content alone
}

TEST_F(PdfInflate, CountsAPictureThatAPageRunsAsContent) {
  // The corpus's bomb, disguised: a stream that says it is a picture, drawn as content.
  std::string disguised = Stream(
      "/Type /XObject /Subtype /Image /Width 1 /Height 1 "
      "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /JBIG2Decode",
      Jbig2Page(100000, 100000));
  Result<Inflation> as_contents = Measure(OnePage("/Contents 4 0 R", {disguised}), kMiB);
  ASSERT_TRUE(as_contents.ok());
  EXPECT_TRUE(as_contents->over);
  EXPECT_EQ(as_contents->object, 4);
  // ... and as the appearance of a comment.
  std::string annotated = OnePage(
      "/Annots [4 0 R]",
      {"<< /Type /Annot /Subtype /Square /Rect [0 0 10 10] /AP << /N 5 0 R >> >>", disguised});
  Result<Inflation> as_appearance = Measure(annotated, kMiB);
  ASSERT_TRUE(as_appearance.ok());
  EXPECT_TRUE(as_appearance->over);
  EXPECT_EQ(as_appearance->object, 5);
}

// The headers read here are hostile bytes: JBIG2 and JPEG 2000 data cut, flipped and
// repeated at random (a fixed seed) never crash the measure (the sanitizer build runs this
// too), and it keeps its promise: never counted more than just past the bound.
TEST_F(PdfInflate, KeepsItsPromiseOnMutatedPictureHeaders) {
  const std::string seeds[] = {Jbig2Page(64, 64), Jbig2Page(100000, 100000),
                               JpxStart(64, 64) + std::string(64, '\0')};
  std::mt19937 rng(20261207);
  for (int i = 0; i < 300; ++i) {
    std::string data = seeds[rng() % 3];
    for (int e = 1 + static_cast<int>(rng() % 6); e > 0 && !data.empty(); --e) {
      size_t at = rng() % data.size();
      switch (rng() % 3) {
        case 0:
          data[at] = static_cast<char>(rng() & 0xFF);
          break;
        case 1:
          data.resize(at);
          break;
        default:
          data.insert(at, data.substr(at, rng() % 24));
      }
    }
    const char* filter = i % 3 == 2 ? "/JPXDecode" : "/JBIG2Decode";
    std::string pdf = OnePage("/Contents 4 0 R", {Stream(std::string("/Filter ") + filter, data)});
    const uint64_t max = 64 * 1024;
    Result<Inflation> r = Measure(pdf, max);
    ASSERT_TRUE(r.ok()) << "case " << i;
    EXPECT_LE(r->bytes, max + 1) << "case " << i;
    EXPECT_EQ(r->over, r->bytes > max) << "case " << i;
  }
}

TEST(PdfInflateCorpus, RefusesTheBombAtItsFirstJbig2Stream) {
  Result<Inflation> r =
      MeasureInflation(CorpusDir() + "/pdf/pdfjs-bomb_giant.pdf", {}, Limits{}.max_inflate_bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->over);
  EXPECT_EQ(r->object, 6);
  EXPECT_EQ(r->picture, "100000 \u00d7 100000 dots");
}

TEST(PdfInflateCorpus, ExtractRefusesTheBombWithAFinding) {
  Document doc;
  doc.work_path = CorpusDir() + "/pdf/pdfjs-bomb_giant.pdf";
  doc.media_type = std::string(kMediaPdf);
  std::vector<Page> pages;
  Summary s = Extract(doc, {}, Limits{}, [&](Page&& p) { pages.push_back(std::move(p)); });
  EXPECT_EQ(s.status, DocStatus::kFailed);
  EXPECT_TRUE(pages.empty());
  ASSERT_EQ(s.findings.size(), 1u);
  const Finding& f = s.findings[0];
  EXPECT_EQ(f.rule, "extract.inflate-limit");
  EXPECT_EQ(f.severity, Severity::kBlocker);
  EXPECT_NE(f.message.find("more than 128 MiB"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("object 6 declares a picture of 100000 \u00d7 100000 dots"),
            std::string::npos)
      << f.message;
  EXPECT_NE(f.remedy.find("--max-inflate"), std::string::npos);
}

TEST(PdfInflateCorpus, LockedPdfNeedsItsPassword) {
  std::string path = CorpusDir() + "/pdf/pypdf-r6-both-passwords.pdf";
  Result<Inflation> locked = MeasureInflation(path, {}, kMiB);
  EXPECT_EQ(locked.status().code(), StatusCode::kPasswordNeeded);
  Result<Inflation> opened = MeasureInflation(path, {"wrong", "foo"}, 64 * kMiB);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  EXPECT_FALSE(opened->over);
  EXPECT_GT(opened->bytes, 0u);
}

// The default leaves every other PDF of the corpus, odd and broken ones too, to be read.
TEST(PdfInflateCorpus, EveryOtherCorpusPdfIsWithinTheDefault) {
  int measured = 0;
  for (const std::string& file : ListFiles(CorpusDir())) {
    if (file.size() < 4 || file.substr(file.size() - 4) != ".pdf") continue;
    if (file == "pdf/pdfjs-bomb_giant.pdf") continue;
    Result<Inflation> r =
        MeasureInflation(CorpusDir() + "/" + file, {}, Limits{}.max_inflate_bytes);
    if (!r.ok()) continue;  // locked or damaged: its readers say so
    ++measured;
    EXPECT_FALSE(r->over) << file << ": object " << r->object;
  }
  EXPECT_GT(measured, 90);  // of 113: the rest are locked or cannot be opened
}

}  // namespace
}  // namespace qpm::extract
