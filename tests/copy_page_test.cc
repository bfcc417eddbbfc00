// The safe copy's page maker (extractors/read/copy_page.h) on PDFs written here and on
// samples/: where the boxes burn, what is kept of the rest, the resolution, colours and
// encoding chosen, a turned page, and what fails. Each page is made in a reader
// process, as `redact` makes it. Suite CopyPageOcr reads the burnt page with the real
// Tesseract (ctest label "ocr"); the others give the text layer, so no OCR runs. Also
// ReadPdfPageText (extractors/read/pdf_text.h) against ReadPdf.
#include "extractors/read/copy_page.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "extractors/read/pdf_text.h"
#include "pipeline/platform/call.h"
#include "tests/test_util.h"

namespace qpm::copy {
namespace {

using qpm::testing::SamplesDir;
using qpm::testing::TempDir;

const std::vector<std::string> kLines = {
    "Advocacy notes from the Harbour visit today", "The advocate met the client at home",
    "They talked about the support plan together", "A second meeting is booked for next week",
    "The notes were read back and agreed by all"};

// A one-page A4 PDF: `lines` in 20-point Helvetica from the top left, then `extra`
// drawing operators, the page turned by /Rotate `rotate`.
std::string Pdf(const std::vector<std::string>& lines, int rotate, const std::string& extra = "") {
  std::string content = "BT /F1 20 Tf 26 TL 60 780 Td";
  for (const std::string& line : lines) content += " (" + line + ") Tj T*";
  content += " ET " + extra;
  return qpm::testing::PdfOf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate " + std::to_string(rotate) +
           " /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
       "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"});
}

std::string Write(const TempDir& dir, const std::string& name, const std::string& bytes) {
  std::string path = dir.path() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// The box of the first word `text` in the page's text layer.
Box WordBox(const std::string& path, const std::string& text) {
  Result<Page> page = extract::ReadPdfPageText(path, 1, {});
  EXPECT_TRUE(page.ok()) << page.status().message();
  if (page.ok()) {
    for (const Word& w : page->words) {
      if (w.text == text) return w.box;
    }
  }
  ADD_FAILURE() << "no word " << text;
  return Box{};
}

// The pixels a box covers once burnt, as copy_page.h says: grown by half a point,
// every pixel it touches, clipped to the image. [x0, x1) x [y0, y1).
struct Rect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool Holds(int x, int y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};
Rect Burnt(const Box& b, double dpi, int width_px, int height_px) {
  double s = dpi / 72.0;
  return {std::max(0, static_cast<int>(std::floor((b.x0 - 0.5) * s))),
          std::max(0, static_cast<int>(std::floor((b.y0 - 0.5) * s))),
          std::min(width_px, static_cast<int>(std::ceil((b.x1 + 0.5) * s))),
          std::min(height_px, static_cast<int>(std::ceil((b.y1 + 0.5) * s)))};
}
Rect Burnt(const Box& b, double dpi, const CopyImage& image) {
  return Burnt(b, dpi, image.width_px, image.height_px);
}

struct PixFree {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

PixPtr DecodeJpeg(const std::string& bytes) {
  return PixPtr(pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()));
}

// Channel `k` of pixel (x, y) of a "raw" image.
int At(const CopyImage& image, int x, int y, int k = 0) {
  size_t i =
      (static_cast<size_t>(y) * static_cast<size_t>(image.width_px) + static_cast<size_t>(x)) *
          static_cast<size_t>(image.components) +
      static_cast<size_t>(k);
  return static_cast<unsigned char>(image.data[i]);
}

// The lightest grey in `rect` of a decoded grey JPEG.
int Lightest(Pix* pix, const Rect& rect) {
  int lightest = 0;
  for (int y = rect.y0; y < rect.y1; ++y) {
    for (int x = rect.x0; x < rect.x1; ++x) {
      l_uint32 v = 0;
      pixGetPixel(pix, x, y, &v);
      lightest = std::max(lightest, static_cast<int>(v));
    }
  }
  return lightest;
}

PageRequest Request(const std::string& path, std::vector<CopyBox> boxes = {}) {
  PageRequest r;
  r.path = path;
  r.boxes = std::move(boxes);
  r.words = std::vector<Word>{};  // no OCR
  return r;
}

ocr::EngineOptions Engine() { return ocr::EngineOptions{}; }

// Makes the page in a reader process, as `redact` does, so the CopyPage comes back
// through its JSON (pipeline/platform/call.h); and fontconfig's memory for the
// unembedded Helvetica, which Poppler never frees, goes with the child.
Result<CopyPage> Make(const PageRequest& request, const ocr::EngineOptions& engine) {
  return sandbox::Call<CopyPage>([&] { return MakePage(request, engine); }, sandbox::Budget{},
                                 "the page maker");
}

// Every pixel under the box is black in every channel, and every pixel outside it is
// as the page is rendered without boxes. Returns how many pixels under it were dark
// before (the ink of what the box covers).
int ExpectBurntOnlyThere(const CopyPage& burnt, const CopyPage& plain, const Rect& rect) {
  const CopyImage& a = burnt.image;
  const CopyImage& b = plain.image;
  EXPECT_EQ(a.encoding, "raw");
  EXPECT_EQ(a.data.size(), b.data.size());
  EXPECT_EQ(a.data.size(), static_cast<size_t>(a.width_px) * static_cast<size_t>(a.height_px) *
                               static_cast<size_t>(a.components));
  if (a.data.size() != b.data.size()) return 0;
  int ink = 0;
  int not_black = 0;
  int changed = 0;
  for (int y = 0; y < a.height_px; ++y) {
    for (int x = 0; x < a.width_px; ++x) {
      for (int k = 0; k < a.components; ++k) {
        if (rect.Holds(x, y)) {
          not_black += At(a, x, y, k) != 0 ? 1 : 0;
          ink += k == 0 && At(b, x, y, k) < 128 ? 1 : 0;
        } else {
          changed += At(a, x, y, k) != At(b, x, y, k) ? 1 : 0;
        }
      }
    }
  }
  EXPECT_EQ(not_black, 0);
  EXPECT_EQ(changed, 0);
  return ink;
}

// ----- PDF pages drawn with text and shapes ----------------------------------

TEST(CopyPage, BurnsTheBoxAndKeepsEveryOtherPixel) {
  TempDir dir;
  std::string path = Write(dir, "notes.pdf", Pdf(kLines, 0));
  Box harbour = WordBox(path, "Harbour");
  Result<CopyPage> plain = Make(Request(path), Engine());
  Result<CopyPage> burnt = Make(Request(path, {{harbour, "name"}}), Engine());
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  ASSERT_TRUE(burnt.ok()) << burnt.status().message();
  // A vector page: 300 dpi, its pixels as they are, grey.
  EXPECT_EQ(burnt->dpi, 300);
  EXPECT_EQ(burnt->image.encoding, "raw");
  EXPECT_EQ(burnt->image.components, 1);
  EXPECT_NEAR(burnt->width, 595, 0.01);
  EXPECT_NEAR(burnt->height, 842, 0.01);
  EXPECT_NEAR(burnt->image.width_px, 595 * 300 / 72.0, 1);
  EXPECT_NEAR(burnt->image.height_px, 842 * 300 / 72.0, 1);
  ASSERT_EQ(burnt->boxes.size(), 1u);
  EXPECT_EQ(burnt->boxes[0].label, "name");
  Rect rect = Burnt(harbour, burnt->dpi, burnt->image);
  ASSERT_GT(rect.x1 - rect.x0, 50);  // a word of 20-point type, at 300 dpi
  EXPECT_GT(ExpectBurntOnlyThere(burnt.value(), plain.value(), rect), 200)
      << "the box does not cover the word's ink";
}

TEST(CopyPage, TheResolutionAskedForIsKeptWithinMaxPixels) {
  TempDir dir;
  std::string path = Write(dir, "notes.pdf", Pdf(kLines, 0));
  PageRequest request = Request(path);
  request.dpi = 150;
  Result<CopyPage> asked = Make(request, Engine());
  ASSERT_TRUE(asked.ok()) << asked.status().message();
  EXPECT_EQ(asked->dpi, 150);
  EXPECT_EQ(asked->image.encoding, "raw");
  // A million pixels hold an A4 page at 101 dpi: 72 * sqrt(1e6 / (595 * 842)) = 101.7.
  ocr::EngineOptions engine;
  engine.max_pixels = 1'000'000;
  request.dpi = 0;
  Result<CopyPage> fitted = Make(request, engine);
  ASSERT_TRUE(fitted.ok()) << fitted.status().message();
  EXPECT_EQ(fitted->dpi, 101);
  EXPECT_LE(static_cast<uint64_t>(fitted->image.width_px) *
                static_cast<uint64_t>(fitted->image.height_px),
            engine.max_pixels);
}

TEST(CopyPage, BoxesGrowByHalfAPointAndStayOnThePage) {
  TempDir dir;
  std::string path = Write(dir, "notes.pdf", Pdf(kLines, 0));
  // A box of no size still burns the pixels half a point round it; one over the edge
  // is clipped; one wholly off the page burns nothing.
  std::vector<CopyBox> boxes = {
      {Box{100, 100, 100, 100}, ""}, {Box{560, 820, 700, 900}, ""}, {Box{-90, -90, -80, -80}, ""}};
  Result<CopyPage> plain = Make(Request(path), Engine());
  Result<CopyPage> burnt = Make(Request(path, boxes), Engine());
  ASSERT_TRUE(burnt.ok()) << burnt.status().message();
  ASSERT_TRUE(plain.ok());
  Rect dot = Burnt(boxes[0].box, 300, burnt->image);
  EXPECT_EQ(dot.x1 - dot.x0, 5);  // 1 point across at 300 dpi: 4.17 pixels, touching 5
  Rect corner = Burnt(boxes[1].box, 300, burnt->image);
  EXPECT_EQ(corner.x1, burnt->image.width_px);
  EXPECT_EQ(corner.y1, burnt->image.height_px);
  for (const Rect& r : {dot, corner}) {
    for (int y = r.y0; y < r.y1; ++y) {
      for (int x = r.x0; x < r.x1; ++x) ASSERT_EQ(At(burnt->image, x, y), 0) << x << "," << y;
    }
  }
  size_t changed = 0;
  for (size_t i = 0; i < burnt->image.data.size(); ++i) {
    changed += burnt->image.data[i] != plain->image.data[i] ? 1 : 0;
  }
  EXPECT_LE(changed, static_cast<size_t>((dot.x1 - dot.x0) * (dot.y1 - dot.y0) +
                                         (corner.x1 - corner.x0) * (corner.y1 - corner.y0)));
  // A box with no place at all fails the page rather than leave it unburnt.
  Result<CopyPage> bad = Make(Request(path, {{Box{NAN, 0, 10, 10}, ""}}), Engine());
  EXPECT_FALSE(bad.ok());
}

TEST(CopyPage, WordsGivenAreTheTextLayerAsTheyAre) {
  TempDir dir;
  std::string path = Write(dir, "notes.pdf", Pdf(kLines, 0));
  Word w;
  w.text = "Zebra";  // not on the page: only a given layer can hold it
  w.box = WordBox(path, "Harbour");
  w.start = 3;
  w.end = 8;
  // A word over blank paper is left out: a reader of the copy would take it for text
  // hidden on an empty page.
  Word speck;
  speck.text = "*";
  speck.box = Box{10, 20, 30, 40};
  PageRequest request = Request(path);
  request.words = std::vector<Word>{w, speck};
  Result<CopyPage> page = Make(request, Engine());
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->words.size(), 1u);
  EXPECT_EQ(page->words[0].text, "Zebra");
  EXPECT_EQ(page->words[0].box, w.box);
  EXPECT_EQ(page->words[0].start, 3u);
  // No OCR runs: language data that is not there is never looked for.
  ocr::EngineOptions engine;
  engine.tessdata = dir.path() + "/no-such-folder";
  EXPECT_TRUE(Make(request, engine).ok());
  request.words.reset();
  Result<CopyPage> read = Make(request, engine);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kUnsupported);
}

TEST(CopyPage, ColourIsKeptOnlyWhereThePageShowsIt) {
  TempDir dir;
  // A blue square logo (60 x 60 points, 0.7 % of the page) beside the text; and the
  // same page with the square in mid grey.
  std::string colour = Write(dir, "logo.pdf", Pdf(kLines, 0, "0 0.4 0.8 rg 480 760 60 60 re f"));
  std::string grey = Write(dir, "grey.pdf", Pdf(kLines, 0, "0.5 g 480 760 60 60 re f"));
  Box harbour = WordBox(colour, "Harbour");
  Result<CopyPage> c = Make(Request(colour, {{harbour, ""}}), Engine());
  Result<CopyPage> g = Make(Request(grey), Engine());
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(c->image.components, 3);
  EXPECT_EQ(g->image.components, 1);
  EXPECT_EQ(c->image.data.size(),
            static_cast<size_t>(c->image.width_px) * static_cast<size_t>(c->image.height_px) * 3);
  // The logo's middle is blue, and the box black in all three channels.
  int x = 510 * 300 / 72;
  int y = (842 - 790) * 300 / 72;
  EXPECT_LT(At(c->image, x, y, 0), 40);
  EXPECT_GT(At(c->image, x, y, 2), 160);
  Rect rect = Burnt(harbour, 300, c->image);
  int mx = (rect.x0 + rect.x1) / 2;
  int my = (rect.y0 + rect.y1) / 2;
  for (int k = 0; k < 3; ++k) EXPECT_EQ(At(c->image, mx, my, k), 0);
}

TEST(CopyPage, ATurnedPageIsMadeAsDisplayed) {
  TempDir dir;
  std::string path = Write(dir, "turned.pdf", Pdf(kLines, 90));
  Box harbour = WordBox(path, "Harbour");
  // Turned a quarter clockwise, the lines run down the page: the word is taller than wide.
  EXPECT_GT(harbour.y1 - harbour.y0, harbour.x1 - harbour.x0);
  Result<CopyPage> plain = Make(Request(path), Engine());
  Result<CopyPage> burnt = Make(Request(path, {{harbour, ""}}), Engine());
  ASSERT_TRUE(burnt.ok()) << burnt.status().message();
  ASSERT_TRUE(plain.ok());
  EXPECT_NEAR(burnt->width, 842, 0.01);
  EXPECT_NEAR(burnt->height, 595, 0.01);
  EXPECT_GT(burnt->image.width_px, burnt->image.height_px);
  EXPECT_NEAR(burnt->image.width_px, 842 * 300 / 72.0, 1);
  Rect rect = Burnt(harbour, burnt->dpi, burnt->image);
  EXPECT_GT(ExpectBurntOnlyThere(burnt.value(), plain.value(), rect), 200)
      << "the box does not land on the word";
}

TEST(CopyPage, PreviewIsASmallGreyJpegOfTheBurntPage) {
  TempDir dir;
  std::string path = Write(dir, "logo.pdf", Pdf(kLines, 0, "0 0.4 0.8 rg 480 760 60 60 re f"));
  Box harbour = WordBox(path, "Harbour");
  PageRequest request = Request(path, {{harbour, ""}});
  Result<CopyPage> page = Make(request, Engine());
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->preview_dpi, 50);
  PixPtr preview = DecodeJpeg(page->preview_jpeg);
  ASSERT_TRUE(preview);
  EXPECT_EQ(pixGetDepth(preview.get()), 8);
  EXPECT_NEAR(pixGetWidth(preview.get()), 595 * 50 / 72.0, 1);
  EXPECT_NEAR(pixGetHeight(preview.get()), 842 * 50 / 72.0, 1);
  EXPECT_LT(page->preview_jpeg.size(), 40'000u);
  // The box's middle, away from its edges where the scaling blends it with white.
  Box middle{harbour.x0 + 8, harbour.y0 + 4, harbour.x1 - 8, harbour.y1 - 4};
  Rect inside = Burnt(middle, 50, pixGetWidth(preview.get()), pixGetHeight(preview.get()));
  ASSERT_GT(inside.x1 - inside.x0, 2);
  EXPECT_LT(Lightest(preview.get(), inside), 24);
  request.preview_dpi = 0;
  Result<CopyPage> none = Make(request, Engine());
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->preview_jpeg.empty());
  EXPECT_EQ(none->preview_dpi, 0);
}

// ----- scans and image files --------------------------------------------------

TEST(CopyPage, AScanIsKeptAtItsOwnResolutionAsJpeg) {
  std::string path = SamplesDir() + "/scans/scanned-case-file.pdf";  // 200 dpi, grey
  Box box{100, 200, 300, 240};
  Result<CopyPage> page = Make(Request(path, {{box, ""}}), Engine());
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->dpi, 200);
  EXPECT_EQ(page->image.encoding, "jpeg");
  EXPECT_EQ(page->image.components, 1);
  EXPECT_NEAR(page->image.width_px, 1653, 1);
  EXPECT_NEAR(page->image.height_px, 2339, 1);
  PixPtr jpeg = DecodeJpeg(page->image.data);
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(pixGetWidth(jpeg.get()), page->image.width_px);
  EXPECT_EQ(pixGetHeight(jpeg.get()), page->image.height_px);
  EXPECT_EQ(pixGetDepth(jpeg.get()), 8);
  // JPEG blurs the box's edge within its 8 x 8 blocks; further in, it is black.
  Box inner{box.x0 + 3, box.y0 + 3, box.x1 - 3, box.y1 - 3};
  EXPECT_LT(Lightest(jpeg.get(), Burnt(inner, 200, page->image)), 8);
  // Every sheet of it, the one that went through sideways (page 3) too.
  for (int number = 2; number <= 5; ++number) {
    PageRequest request = Request(path);
    request.page = number;
    request.preview_dpi = 0;
    Result<CopyPage> sheet = Make(request, Engine());
    ASSERT_TRUE(sheet.ok()) << sheet.status().message();
    EXPECT_EQ(sheet->dpi, 200) << "page " << number;
    EXPECT_EQ(sheet->image.encoding, "jpeg") << "page " << number;
  }
}

TEST(CopyPage, AnImageFileIsKeptAtItsOwnSize) {
  std::string path = SamplesDir() + "/scans/scanned-letter.png";  // 1653 x 2339, 200 dpi
  PageRequest request = Request(path);
  request.image_file = true;
  request.dpi = 600;  // an image file's own resolution stands
  Result<CopyPage> page = Make(request, Engine());
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->dpi, 200);
  EXPECT_EQ(page->image.width_px, 1653);
  EXPECT_EQ(page->image.height_px, 2339);
  EXPECT_NEAR(page->width, 1653 * 72 / 200.0, 0.01);
  EXPECT_NEAR(page->height, 2339 * 72 / 200.0, 0.01);
  EXPECT_EQ(page->image.encoding, "jpeg");
  EXPECT_EQ(page->image.components, 1);
  request.page = 2;
  Result<CopyPage> none = Make(request, Engine());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kUnreadable);
}

TEST(CopyPage, AnImageFileKeepsItsColourOnlyWhenItHasSome) {
  TempDir dir;
  // 400 x 300 pixels at 100 dpi: white, with a red square (4 % of it) in one; the
  // other the same in grey, stored as RGB.
  for (bool red : {true, false}) {
    SCOPED_TRACE(red ? "red" : "grey");
    PixPtr pix(pixCreate(400, 300, 32));
    ASSERT_TRUE(pix);
    pixSetAllArbitrary(pix.get(), 0xffffff00);
    l_uint32 square = 0;
    composeRGBPixel(red ? 220 : 120, red ? 30 : 120, red ? 30 : 120, &square);
    for (int y = 100; y < 160; ++y) {
      for (int x = 100; x < 180; ++x) pixSetPixel(pix.get(), x, y, square);
    }
    pixSetResolution(pix.get(), 100, 100);
    std::string path = dir.path() + (red ? "/red.png" : "/grey.png");
    ASSERT_EQ(pixWrite(path.c_str(), pix.get(), IFF_PNG), 0);
    PageRequest request = Request(path, {{Box{72, 72, 108, 108}, ""}});  // pixels 100-150
    request.image_file = true;
    Result<CopyPage> page = Make(request, Engine());
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_EQ(page->image.components, red ? 3 : 1);
    EXPECT_EQ(page->dpi, 100);
    EXPECT_NEAR(page->width, 288, 0.01);
    PixPtr jpeg = DecodeJpeg(page->image.data);
    ASSERT_TRUE(jpeg);
    EXPECT_EQ(pixGetDepth(jpeg.get()), red ? 32 : 8);
    l_int32 r = 0, g = 0, b = 0;
    pixGetRGBPixel(jpeg.get(), 125, 125, &r, &g, &b);  // burnt
    EXPECT_LT(std::max({r, g, b}), 12);
    if (red) {
      pixGetRGBPixel(jpeg.get(), 170, 130, &r, &g, &b);  // still red
      EXPECT_GT(r, 180);
      EXPECT_LT(g, 70);
    }
  }
}

// ----- what fails ---------------------------------------------------------------

TEST(CopyPage, NoSuchPageIsUnreadable) {
  TempDir dir;
  std::string path = Write(dir, "notes.pdf", Pdf(kLines, 0));
  PageRequest request = Request(path);
  request.page = 2;
  Result<CopyPage> page = Make(request, Engine());
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kUnreadable);
  std::string damaged = Write(dir, "damaged.pdf", "%PDF-1.4\nnothing here\n");
  page = Make(Request(damaged), Engine());
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kUnreadable);
}

TEST(CopyPage, ALockedPdfNeedsItsPassword) {
  std::string path = SamplesDir() + "/broken/user-password.pdf";
  Result<CopyPage> locked = Make(Request(path), Engine());
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().code(), StatusCode::kPasswordNeeded);
  PageRequest request = Request(path);
  request.passwords = {"wrong", "Orchard-Lantern-7"};
  Result<CopyPage> open = Make(request, Engine());
  ASSERT_TRUE(open.ok()) << open.status().message();
  EXPECT_EQ(open->image.encoding, "raw");
  EXPECT_GT(open->image.width_px, 0);
}

// ----- the page's own text, alone ---------------------------------------------

TEST(ReadPdfPageText, GivesEachPageAsReadPdfDoes) {
  std::string path = SamplesDir() + "/case-files/several-cases-in-one.pdf";
  std::vector<Page> pages;
  extract::Summary s = extract::ReadPdf(path, {}, 1000, [&](Page p) { pages.push_back(p); });
  ASSERT_EQ(pages.size(), 16u);
  for (const Page& whole : pages) {
    SCOPED_TRACE("page " + std::to_string(whole.number));
    Result<Page> alone = extract::ReadPdfPageText(path, whole.number, {});
    ASSERT_TRUE(alone.ok()) << alone.status().message();
    EXPECT_EQ(alone->number, whole.number);
    EXPECT_EQ(alone->text, whole.text);
    EXPECT_EQ(alone->source, whole.source);
    EXPECT_EQ(alone->width, whole.width);
    EXPECT_EQ(alone->height, whole.height);
    ASSERT_EQ(alone->words.size(), whole.words.size());
    ASSERT_FALSE(whole.words.empty());
    for (size_t i = 0; i < whole.words.size(); ++i) {
      EXPECT_EQ(alone->words[i].text, whole.words[i].text);
      EXPECT_EQ(alone->words[i].box, whole.words[i].box);
      EXPECT_EQ(alone->words[i].start, whole.words[i].start);
      EXPECT_EQ(alone->words[i].end, whole.words[i].end);
    }
  }
  EXPECT_EQ(extract::ReadPdfPageText(path, 17, {}).status().code(), StatusCode::kUnreadable);
  EXPECT_EQ(extract::ReadPdfPageText(path, 0, {}).status().code(), StatusCode::kUnreadable);
  std::string locked = SamplesDir() + "/broken/user-password.pdf";
  EXPECT_EQ(extract::ReadPdfPageText(locked, 1, {}).status().code(), StatusCode::kPasswordNeeded);
  EXPECT_TRUE(extract::ReadPdfPageText(locked, 1, {"Orchard-Lantern-7"}).ok());
}

// ----- the real engine ----------------------------------------------------------

// The page of kLines turned by `rotate`, made with a box over "Harbour" (its place in
// `box`) and read by OCR.
Result<CopyPage> ReadWithHarbourBurnt(int rotate, Box& box) {
  TempDir dir;
  std::string path = Write(dir, "notes.pdf", Pdf(kLines, rotate));
  box = WordBox(path, "Harbour");
  PageRequest request = Request(path, {{box, "name"}});
  request.words.reset();
  return Make(request, Engine());
}

const Word* FindWord(const CopyPage& page, const std::string& text) {
  for (const Word& w : page.words) {
    if (w.text == text) return &w;
  }
  return nullptr;
}

// OCR of the burnt page reads the line without the word under the box.
TEST(CopyPageOcr, TheBurntWordIsNotReadAndTheRestOfItsLineIs) {
  Box harbour;
  Result<CopyPage> page = ReadWithHarbourBurnt(0, harbour);
  ASSERT_TRUE(page.ok()) << page.status().message();
  for (const Word& w : page->words) {
    EXPECT_EQ(w.text.find("arbour"), std::string::npos) << w.text;
  }
  for (const char* word : {"Advocacy", "notes", "from", "the", "visit", "today"}) {
    EXPECT_NE(FindWord(page.value(), word), nullptr) << word;
  }
  // Words come back in points on the page: "visit" just right of the box.
  const Word* visit = FindWord(page.value(), "visit");
  ASSERT_NE(visit, nullptr);
  EXPECT_GT(visit->box.x0, harbour.x1);
  EXPECT_LT(visit->box.x0, harbour.x1 + 20);
  EXPECT_NEAR((visit->box.y0 + visit->box.y1) / 2, (harbour.y0 + harbour.y1) / 2, 4);
}

// A turned page is read upright, its words in points on the page as displayed.
TEST(CopyPageOcr, ATurnedPageIsReadAsDisplayed) {
  Box harbour;
  Result<CopyPage> page = ReadWithHarbourBurnt(90, harbour);
  ASSERT_TRUE(page.ok()) << page.status().message();
  for (const Word& w : page->words) {
    EXPECT_EQ(w.text.find("arbour"), std::string::npos) << w.text;
  }
  // Below the box: the line runs down the page.
  std::string read;
  for (const Word& w : page->words) read += w.text + " ";
  const Word* visit = FindWord(page.value(), "visit");
  ASSERT_NE(visit, nullptr) << read;
  EXPECT_GT(visit->box.y0, harbour.y1);
  EXPECT_LT(visit->box.y0, harbour.y1 + 20);
  EXPECT_NEAR((visit->box.x0 + visit->box.x1) / 2, (harbour.x0 + harbour.x1) / 2, 4);
}

// Bars and bands the original had, as OCR of the copy meets them: two black bars that
// touch in steps after "NHS number:" and "Signed:" (one shape, whose bounding box takes in
// "number:"), and white words on a black band starting at its very edge. The bars are
// read as blank paper and the band as dark words on white, with the words beside them
// untouched.
TEST(CopyPageOcr, BarsInStepsAndWhiteWordsOnABandAreRead) {
  TempDir dir;
  const std::string content =
      "BT /F1 20 Tf 60 780 Td (NHS number:) Tj 0 -26 Td (Signed:) Tj ET "
      "0 0 0 rg 190 774 110 24 re f 140 750 55 24 re f 60 722 240 24 re f "
      "1 1 1 rg BT /F1 20 Tf 60 728 Td (Advocacy contact record) Tj ET "
      "0 0 0 rg BT /F1 20 Tf 60 690 Td (Visit on Tuesday at the centre) Tj ET";
  std::string path =
      Write(dir, "bars.pdf",
            qpm::testing::PdfOf(
                {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                 "/Resources << /Font << /F1 5 0 R >> >> >>",
                 "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                     "\nendstream",
                 "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}));
  PageRequest request = Request(path);
  request.words.reset();
  Result<CopyPage> page = Make(request, Engine());
  ASSERT_TRUE(page.ok()) << page.status().message();
  std::string read;
  for (const Word& w : page->words) read += w.text + " ";
  for (const char* word : {"NHS", "number:", "Signed:", "Advocacy", "contact", "record", "Visit",
                           "Tuesday", "centre"}) {
    EXPECT_NE(FindWord(page.value(), word), nullptr) << word << " not in: " << read;
  }
}

}  // namespace
}  // namespace qpm::copy
