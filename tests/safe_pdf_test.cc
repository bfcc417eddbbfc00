// The safe copy's PDF writer (pipeline/output/safe_pdf.h): files it writes are read
// back as a reader would, with qpdf (the program and the library) and Poppler (its
// text, as pdftotext and search find it, and its rendering).
#include "pipeline/output/safe_pdf.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <string>
#include <vector>

#include "tests/test_util.h"

// Poppler's renderer finds Helvetica through fontconfig, which keeps what it found until
// the process ends; under the sanitizers LeakSanitizer would call that a leak of ours.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace qpm::output {
namespace {

using testing::ListFiles;
using testing::Quote;
using testing::ReadFile;
using testing::Shell;
using testing::TempDir;

// A page of `w` × `h` points whose picture is `px_w` × `px_h` raw pixels, each byte
// from `pixel(i)`.
CopyPage RawPage(int number, double w, double h, int px_w, int px_h, int components,
                 unsigned char (*pixel)(size_t) = nullptr) {
  CopyPage p;
  p.number = number;
  p.width = w;
  p.height = h;
  p.image.width_px = px_w;
  p.image.height_px = px_h;
  p.image.components = components;
  p.image.encoding = "raw";
  size_t n =
      static_cast<size_t>(px_w) * static_cast<size_t>(px_h) * static_cast<size_t>(components);
  p.image.data.resize(n, '\xFF');
  if (pixel != nullptr) {
    for (size_t i = 0; i < n; ++i) p.image.data[i] = static_cast<char>(pixel(i));
  }
  return p;
}

unsigned char Gradient(size_t i) { return static_cast<unsigned char>((i * 7 + i / 13) % 256); }

Word W(std::string text, double x0, double y0, double x1, double y1) {
  Word w;
  w.text = std::move(text);
  w.box = {x0, y0, x1, y1};
  return w;
}

// A JPEG of `w` × `h` pixels (RGB, or grey with `grey`) with a dark and a light half,
// made by Leptonica (which Tesseract brings); `progressive` as some encoders write them.
std::string MakeJpeg(int w, int h, bool grey, bool progressive = false) {
  PIX* pix = pixCreate(w, h, grey ? 8 : 32);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      auto v = static_cast<l_uint32>(x < w / 2 ? 40 : 220);
      if (grey) {
        pixSetPixel(pix, x, y, v);
      } else {
        l_uint32 rgb = 0;
        composeRGBPixel(static_cast<l_int32>(v), 90, static_cast<l_int32>(255 - v), &rgb);
        pixSetPixel(pix, x, y, rgb);
      }
    }
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  int failed = pixWriteMemJpeg(&data, &size, pix, 90, progressive ? 1 : 0);
  pixDestroy(&pix);
  EXPECT_EQ(failed, 0);
  std::string jpeg(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return jpeg;
}

CopyPage JpegPage(int number, const std::string& jpeg, int px_w, int px_h, int components) {
  CopyPage p;
  p.number = number;
  p.width = 40;
  p.height = 30;
  p.image = {px_w, px_h, components, "jpeg", jpeg, ""};
  return p;
}

// Writes `pages` with a writer of its own and returns the status.
Status WritePages(const std::string& work, std::vector<CopyPage> pages, const std::string& path,
                  bool labels = true) {
  SafePdfWriter writer(work, {labels});
  for (CopyPage& p : pages) {
    if (Status s = writer.AddPage(std::move(p)); !s.ok()) return s;
  }
  return writer.Write(path);
}

struct Found {
  std::string text;
  double x0, y0, x1, y1;
};

// Every word Poppler finds on page `index`, with its box (points, top-left origin).
std::vector<Found> PopplerWords(const std::string& path, int index) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  EXPECT_TRUE(doc != nullptr);
  if (!doc) return {};
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  std::vector<Found> out;
  for (const poppler::text_box& b : page->text_list()) {
    poppler::byte_array utf8 = b.text().to_utf8();
    poppler::rectf r = b.bbox();
    out.push_back(
        {std::string(utf8.begin(), utf8.end()), r.left(), r.top(), r.right(), r.bottom()});
  }
  return out;
}

// Whether `words` holds `text` within 1.5 points of `box` on every side.
bool HasWordAt(const std::vector<Found>& words, const std::string& text, const Box& box) {
  for (const Found& f : words) {
    if (f.text == text && std::abs(f.x0 - box.x0) <= 1.5 && std::abs(f.x1 - box.x1) <= 1.5 &&
        std::abs(f.y0 - box.y0) <= 1.5 && std::abs(f.y1 - box.y1) <= 1.5) {
      return true;
    }
  }
  return false;
}

std::string Describe(const std::vector<Found>& words) {
  std::string s;
  for (const Found& f : words) {
    s += "[" + f.text + " " + std::to_string(f.x0) + "," + std::to_string(f.y0) + "," +
         std::to_string(f.x1) + "," + std::to_string(f.y1) + "] ";
  }
  return s;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(SafePdf, QpdfCheckPassesOnGreyRgbAndJpegPages) {
  TempDir dir;
  std::string jpeg_rgb = MakeJpeg(40, 30, false);
  std::string jpeg_grey = MakeJpeg(40, 30, true);
  std::string jpeg_progressive = MakeJpeg(40, 30, false, true);
  ASSERT_FALSE(jpeg_rgb.empty());
  ASSERT_FALSE(jpeg_grey.empty());
  std::vector<CopyPage> pages;
  pages.push_back(RawPage(1, 595.276, 841.89, 62, 88, 1, Gradient));
  pages.push_back(RawPage(2, 300, 200, 30, 20, 3, Gradient));
  pages.push_back(JpegPage(3, jpeg_rgb, 40, 30, 3));
  pages.push_back(JpegPage(4, jpeg_grey, 40, 30, 1));
  pages.push_back(JpegPage(5, jpeg_progressive, 40, 30, 3));
  pages[0].words = {W("Hello", 50, 60, 90, 72)};
  pages[2].boxes = {{{5, 5, 35, 25}, "name"}};
  std::string out = dir.path() + "/copy.pdf";
  Status s = WritePages(dir.path(), std::move(pages), out);
  ASSERT_TRUE(s.ok()) << s.message();

  auto [code, text] = Shell("qpdf --check " + Quote(out) + " 2>&1");
  EXPECT_EQ(code, 0) << text;
  EXPECT_NE(text.find("No syntax or stream encoding errors"), std::string::npos) << text;

  // Each picture as its page gave it: JPEG bytes unchanged under /DCTDecode, raw pixels
  // under /FlateDecode, and the colour space of its components.
  QPDF q;
  q.processFile(out.c_str());
  std::vector<QPDFPageObjectHelper> all = QPDFPageDocumentHelper(q).getAllPages();
  ASSERT_EQ(all.size(), 5u);
  const char* filters[] = {"/FlateDecode", "/FlateDecode", "/DCTDecode", "/DCTDecode",
                           "/DCTDecode"};
  const char* spaces[] = {"/DeviceGray", "/DeviceRGB", "/DeviceRGB", "/DeviceGray", "/DeviceRGB"};
  for (size_t i = 0; i < all.size(); ++i) {
    QPDFObjectHandle page = all[i].getObjectHandle();
    EXPECT_FALSE(page.hasKey("/Rotate"));
    QPDFObjectHandle im = page.getKey("/Resources").getKey("/XObject").getKey("/Im0");
    ASSERT_TRUE(im.isStream()) << i;
    QPDFObjectHandle dict = im.getDict();
    EXPECT_EQ(dict.getKey("/Filter").getName(), filters[i]) << i;
    EXPECT_EQ(dict.getKey("/ColorSpace").getName(), spaces[i]) << i;
    EXPECT_EQ(dict.getKey("/BitsPerComponent").getIntValue(), 8);
    QPDFObjectHandle font = page.getKey("/Resources").getKey("/Font").getKey("/F1");
    EXPECT_EQ(font.getKey("/BaseFont").getName(), "/Helvetica");
    EXPECT_EQ(font.getKey("/Encoding").getName(), "/WinAnsiEncoding");
    EXPECT_FALSE(font.hasKey("/FontDescriptor"));  // a standard font, not embedded
    // One font object for the whole file.
    EXPECT_EQ(
        font.getObjGen(),
        all[0].getObjectHandle().getKey("/Resources").getKey("/Font").getKey("/F1").getObjGen());
  }
  auto raw = [&](size_t i) {
    std::shared_ptr<Buffer> b = all[i]
                                    .getObjectHandle()
                                    .getKey("/Resources")
                                    .getKey("/XObject")
                                    .getKey("/Im0")
                                    .getRawStreamData();
    return std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize());
  };
  EXPECT_EQ(raw(2), jpeg_rgb);
  EXPECT_EQ(raw(3), jpeg_grey);
  EXPECT_EQ(raw(4), jpeg_progressive);
}

TEST(SafePdf, RawPixelsComeBackUnchanged) {
  TempDir dir;
  CopyPage grey = RawPage(1, 100, 80, 50, 40, 1, Gradient);
  CopyPage rgb = RawPage(2, 100, 80, 50, 40, 3, Gradient);
  std::string grey_data = grey.image.data, rgb_data = rgb.image.data;
  std::string out = dir.path() + "/copy.pdf";
  ASSERT_TRUE(WritePages(dir.path(), {grey, rgb}, out).ok());
  QPDF q;
  q.processFile(out.c_str());
  std::vector<QPDFPageObjectHelper> all = QPDFPageDocumentHelper(q).getAllPages();
  ASSERT_EQ(all.size(), 2u);
  const std::string* want[] = {&grey_data, &rgb_data};
  for (size_t i = 0; i < 2; ++i) {
    QPDFObjectHandle im =
        all[i].getObjectHandle().getKey("/Resources").getKey("/XObject").getKey("/Im0");
    EXPECT_EQ(im.getDict().getKey("/Width").getIntValue(), 50);
    EXPECT_EQ(im.getDict().getKey("/Height").getIntValue(), 40);
    std::shared_ptr<Buffer> b = im.getStreamData(qpdf_dl_generalized);
    EXPECT_TRUE(std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize()) ==
                *want[i])
        << "page " << i + 1;
  }
}

// Words of every kind come back from the invisible layer where they were placed.
TEST(SafePdf, EveryWordIsFoundOnItsBox) {
  TempDir dir;
  CopyPage p = RawPage(7, 400, 300, 40, 30, 1);
  p.words = {
      W("Advocacy", 40, 40, 120, 58),
      W("2024-05-17", 130, 40, 210, 52),
      W("well,", 220, 40, 250, 54),
      W("(see", 40, 80, 70, 94),
      W("note)", 78, 80, 118, 94),
      W("C:\\cases\\", 130, 80, 200, 96),
      W("\xCE\xA9mega", 210, 80, 260, 94),                     // Ω: WinAnsi lacks it, so "?mega"
      W("caf\xC3\xA9", 270, 80, 300, 92),                      // é is in WinAnsi (Latin-1)
      W("\xE2\x80\x9Cquoted\xE2\x80\x9D", 40, 120, 110, 134),  // curly quotes
      W("\xE2\x82\xAC"
        "12\xE2\x80\x93"
        "15",
        120, 120, 180, 134),  // euro, en dash
      W("TINY", 40, 200, 52, 205),
      W("Tall", 100, 180, 160, 240),
      W("i", 200, 200, 230, 214),  // a narrow word stretched wide
  };
  std::vector<std::pair<std::string, Box>> want;
  for (const Word& w : p.words) want.emplace_back(w.text, w.box);
  want[6].first = "?mega";
  std::string out = dir.path() + "/copy.pdf";
  ASSERT_TRUE(WritePages(dir.path(), {p}, out).ok());
  std::vector<Found> found = PopplerWords(out, 0);
  EXPECT_EQ(found.size(), want.size()) << Describe(found);
  for (const auto& [text, box] : want) {
    EXPECT_TRUE(HasWordAt(found, text, box)) << text << " not at its box in " << Describe(found);
  }
}

TEST(SafePdf, LabelsAreDrawnOnlyWhenOnAndWhenTheyFit) {
  TempDir dir;
  CopyPage p = RawPage(1, 400, 300, 40, 30, 1);
  p.boxes = {{{40, 40, 200, 60}, "NHS number"},  // fits at 8 pt
             {{40, 100, 70, 112}, "name"},       // fits in a smaller size
             {{40, 150, 48, 156}, "postcode"},   // too small: under 4 pt
             {{100, 150, 200, 170}, ""}};        // no label
  std::string on = dir.path() + "/on.pdf", off = dir.path() + "/off.pdf";
  ASSERT_TRUE(WritePages(dir.path(), {p}, on, true).ok());
  ASSERT_TRUE(WritePages(dir.path(), {p}, off, false).ok());

  std::vector<Found> labels = PopplerWords(on, 0);
  ASSERT_EQ(labels.size(), 3u) << Describe(labels);  // "NHS", "number", "name"
  for (const Found& f : labels) {
    const Box& box = f.text == "name" ? p.boxes[1].box : p.boxes[0].box;
    EXPECT_TRUE(f.x0 >= box.x0 && f.x1 <= box.x1 && f.y0 >= box.y0 && f.y1 <= box.y1)
        << Describe(labels);
    double size = (f.y1 - f.y0) / 0.925;
    EXPECT_LE(size, 8.01) << f.text;
    EXPECT_GE(size, 4) << f.text;
  }
  // Centred: "NHS number" spans the middle of its box.
  double left = labels[0].x0, right = labels[1].x1;
  EXPECT_NEAR((left + right) / 2, 120, 1.0) << Describe(labels);
  EXPECT_NEAR((labels[0].y0 + labels[0].y1) / 2, 50, 1.5) << Describe(labels);
  EXPECT_NEAR((labels[0].y1 - labels[0].y0) / 0.925, 8, 0.05);
  // Drawn visibly in white: the content sets 1 g and render mode 0.
  EXPECT_TRUE(PopplerWords(off, 0).empty()) << Describe(PopplerWords(off, 0));
}

TEST(SafePdf, PageSizesAndOrderAreKept) {
  TempDir dir;
  std::vector<CopyPage> pages = {RawPage(1, 595.276, 841.89, 10, 14, 1),
                                 RawPage(2, 841.89, 595.276, 14, 10, 3),
                                 RawPage(3, 612, 1008, 6, 10, 1)};
  pages[0].words = {W("first", 50, 50, 100, 62)};
  pages[1].words = {W("second", 50, 50, 100, 62)};
  pages[2].words = {W("third", 50, 50, 100, 62)};
  std::string out = dir.path() + "/copy.pdf";
  ASSERT_TRUE(WritePages(dir.path(), pages, out).ok());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(out));
  ASSERT_TRUE(doc != nullptr);
  ASSERT_EQ(doc->pages(), 3);
  const char* texts[] = {"first", "second", "third"};
  for (int i = 0; i < 3; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    poppler::rectf box = page->page_rect(poppler::media_box);
    EXPECT_NEAR(box.width(), pages[static_cast<size_t>(i)].width, 0.001);
    EXPECT_NEAR(box.height(), pages[static_cast<size_t>(i)].height, 0.001);
    EXPECT_EQ(page->orientation(), poppler::page::portrait);
    std::vector<Found> words = PopplerWords(out, i);
    ASSERT_EQ(words.size(), 1u);
    EXPECT_EQ(words[0].text, texts[i]);
  }
}

// The picture is all a reader sees: a white picture with words on it renders white.
TEST(SafePdf, TheInvisibleLayerDrawsNothing) {
  TempDir dir;
  CopyPage p = RawPage(1, 200, 100, 200, 100, 1);
  p.words = {W("nothing", 10, 10, 90, 40), W("shows", 100, 50, 190, 90),
             W("(here)", 10, 60, 80, 80)};
  p.boxes = {{{100, 10, 190, 40}, "name"}};
  std::string out = dir.path() + "/copy.pdf";
  ASSERT_TRUE(WritePages(dir.path(), {p}, out, false).ok());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(out));
  ASSERT_TRUE(doc != nullptr);
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  ASSERT_EQ(PopplerWords(out, 0).size(), 3u);  // the words are there to find
  poppler::page_renderer renderer;
  poppler::image image = renderer.render_page(page.get(), 72, 72);
  ASSERT_EQ(image.width(), 200);
  ASSERT_EQ(image.height(), 100);
  ASSERT_EQ(image.format(), poppler::image::format_argb32);
  size_t not_white = 0;
  for (int y = 0; y < image.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(image.const_data()) +
                      static_cast<size_t>(y) * static_cast<size_t>(image.bytes_per_row());
    for (int x = 0; x < image.width() * 4; ++x) not_white += row[x] != 0xFF;
  }
  EXPECT_EQ(not_white, 0u);

  // And a label does show, in white on a black picture.
  CopyPage black = RawPage(1, 200, 100, 200, 100, 1, [](size_t) -> unsigned char { return 0; });
  black.boxes = p.boxes;
  std::string labelled = dir.path() + "/labelled.pdf";
  ASSERT_TRUE(WritePages(dir.path(), {black}, labelled, true).ok());
  std::unique_ptr<poppler::document> doc2(poppler::document::load_from_file(labelled));
  std::unique_ptr<poppler::page> page2(doc2->create_page(0));
  poppler::image drawn = renderer.render_page(page2.get(), 72, 72);
  size_t light = 0;
  for (int y = 10; y < 40; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(drawn.const_data()) +
                      static_cast<size_t>(y) * static_cast<size_t>(drawn.bytes_per_row());
    for (int x = 100; x < 190; ++x) light += row[x * 4] > 128;
  }
  EXPECT_GT(light, 10u);
}

TEST(SafePdf, TheFileHoldsNothingButItsPages) {
  TempDir dir;
  CopyPage p = RawPage(1, 200, 100, 20, 10, 3, Gradient);
  p.words = {W("word", 10, 10, 50, 22)};
  p.boxes = {{{60, 10, 150, 40}, "name"}};
  std::string out = dir.path() + "/copy.pdf", qdf = dir.path() + "/copy-qdf.pdf";
  ASSERT_TRUE(WritePages(dir.path(), {p, p}, out).ok());
  auto [code, text] =
      Shell("qpdf --qdf --object-streams=disable " + Quote(out) + " " + Quote(qdf) + " 2>&1");
  ASSERT_EQ(code, 0) << text;
  std::string bytes = ReadFile(qdf);
  for (const char* key :
       {"/Info", "/Metadata", "/Producer", "/Creator", "/CreationDate", "/ModDate", "/Annots",
        "/AcroForm", "/Outlines", "/Names", "/OpenAction", "/OCProperties", "/PageLabels",
        "/Rotate", "/JavaScript", "/EmbeddedFiles"}) {
    EXPECT_EQ(bytes.find(key), std::string::npos) << key;
  }
  EXPECT_EQ(Count(bytes, "%%EOF"), 1u);
  // The file as written is one revision too, and names no program.
  std::string written = ReadFile(out);
  EXPECT_EQ(Count(written, "%%EOF"), 1u);
  EXPECT_EQ(written.find("qpdf"), std::string::npos);
  // The content stream is what the header says: the picture, then the invisible layer.
  EXPECT_NE(bytes.find("q 200 0 0 100 0 0 cm /Im0 Do Q\nBT 3 Tr\n"), std::string::npos);
  EXPECT_NE(bytes.find("q 1 g BT 0 Tr 100 Tz\n"), std::string::npos);
}

TEST(SafePdf, TheSamePagesGiveTheSameBytes) {
  TempDir dir;
  std::string jpeg = MakeJpeg(40, 30, false);
  std::vector<CopyPage> pages = {RawPage(1, 200, 100, 20, 10, 3, Gradient),
                                 JpegPage(2, jpeg, 40, 30, 3)};
  pages[0].words = {W("same", 10, 10, 50, 22)};
  pages[1].boxes = {{{5, 5, 35, 25}, "name"}};
  std::string a = dir.path() + "/a.pdf", b = dir.path() + "/b.pdf";
  ASSERT_TRUE(WritePages(dir.path(), pages, a).ok());
  ASSERT_TRUE(WritePages(dir.path(), pages, b).ok());
  std::string bytes_a = ReadFile(a), bytes_b = ReadFile(b);
  EXPECT_FALSE(bytes_a.empty());
  EXPECT_TRUE(bytes_a == bytes_b);
  EXPECT_NE(bytes_a.find("/ID ["), std::string::npos);
  // A different word gives different bytes (the /ID follows the content).
  pages[0].words[0].text = "other";
  std::string c = dir.path() + "/c.pdf";
  ASSERT_TRUE(WritePages(dir.path(), pages, c).ok());
  EXPECT_FALSE(ReadFile(c) == bytes_a);
}

// A page's picture waits in a work file, not in memory, and the work files go when
// the file is written and when the writer is destroyed.
TEST(SafePdf, PicturesWaitInWorkFiles) {
  TempDir dir;
  std::string work = dir.path() + "/work";
  std::filesystem::create_directory(work);
  CopyPage big = RawPage(1, 400, 250, 4000, 2500, 1);  // 10 MB
  std::string out = dir.path() + "/copy.pdf";
  {
    SafePdfWriter writer(work, {});
    ASSERT_TRUE(writer.AddPage(big).ok());
    std::vector<std::string> files = ListFiles(work);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(std::filesystem::file_size(work + "/" + files[0]), 10'000'000u);
    ASSERT_TRUE(writer.Write(out).ok());
    EXPECT_TRUE(ListFiles(work).empty());
  }
  EXPECT_TRUE(std::filesystem::exists(out));
  {
    SafePdfWriter writer(work, {});
    ASSERT_TRUE(writer.AddPage(big).ok());
    EXPECT_EQ(ListFiles(work).size(), 1u);
  }
  EXPECT_TRUE(ListFiles(work).empty());
  EXPECT_TRUE(std::filesystem::is_empty(work));

  // A picture already in a file is taken over, and removed with the rest.
  std::string taken = work + "/picture.raw";
  std::ofstream(taken, std::ios::binary) << big.image.data;
  CopyPage from_file = big;
  from_file.image.data.clear();
  from_file.image.file = taken;
  {
    SafePdfWriter writer(work, {});
    ASSERT_TRUE(writer.AddPage(from_file).ok());
    EXPECT_EQ(ListFiles(work), std::vector<std::string>{"picture.raw"});
  }
  EXPECT_FALSE(std::filesystem::exists(taken));
  std::ofstream(taken, std::ios::binary) << big.image.data;
  std::string out2 = dir.path() + "/copy2.pdf";
  ASSERT_TRUE(WritePages(work, {from_file}, out2).ok());
  EXPECT_FALSE(std::filesystem::exists(taken));
  EXPECT_TRUE(ReadFile(out2) == ReadFile(out));
}

TEST(SafePdf, PicturesThatDoNotFitAreRefusedNamingThePage) {
  TempDir dir;
  SafePdfWriter writer(dir.path(), {});
  CopyPage short_raw = RawPage(3, 100, 100, 10, 10, 3);
  short_raw.image.data.pop_back();
  Status s = writer.AddPage(short_raw);
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_EQ(s.message().rfind("page 3: ", 0), 0u) << s.message();
  EXPECT_NE(s.message().find("299 bytes, not 300"), std::string::npos) << s.message();

  CopyPage two = RawPage(4, 100, 100, 10, 10, 1);
  two.image.components = 2;
  two.image.data.resize(200);
  s = writer.AddPage(two);
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_EQ(s.message().rfind("page 4: ", 0), 0u) << s.message();

  CopyPage png = RawPage(5, 100, 100, 10, 10, 1);
  png.image.encoding = "png";
  s = writer.AddPage(png);
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_EQ(s.message().rfind("page 5: ", 0), 0u) << s.message();

  for (CopyPage bad : {RawPage(6, 0, 100, 10, 10, 1), RawPage(6, 100, -1, 10, 10, 1),
                       RawPage(6, 100, NAN, 10, 10, 1)}) {
    s = writer.AddPage(bad);
    EXPECT_EQ(s.code(), StatusCode::kUnsupported);
    EXPECT_EQ(s.message().rfind("page 6: ", 0), 0u) << s.message();
  }
  CopyPage no_pixels = RawPage(7, 100, 100, 10, 10, 1);
  no_pixels.image.width_px = 0;
  no_pixels.image.data.clear();
  s = writer.AddPage(no_pixels);
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_EQ(s.message().rfind("page 7: ", 0), 0u) << s.message();

  // A JPEG whose frame is not the size or colours the page says.
  std::string jpeg = MakeJpeg(40, 30, false);
  s = writer.AddPage(JpegPage(8, jpeg, 41, 30, 3));
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_EQ(s.message().rfind("page 8: ", 0), 0u) << s.message();
  s = writer.AddPage(JpegPage(9, jpeg, 40, 30, 1));
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  s = writer.AddPage(JpegPage(10, "not a jpeg at all", 40, 30, 3));
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_EQ(s.message().rfind("page 10: ", 0), 0u) << s.message();

  // Nothing was kept of the refused pages.
  s = writer.Write(dir.path() + "/none.pdf");
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/none.pdf"));
}

TEST(SafePdf, AFileThatCannotBeWrittenLeavesNothing) {
  TempDir dir;
  std::string work = dir.path() + "/work";
  std::filesystem::create_directory(work);
  std::string missing = dir.path() + "/no-such-folder/copy.pdf";
  SafePdfWriter writer(work, {});
  ASSERT_TRUE(writer.AddPage(RawPage(1, 100, 100, 10, 10, 1)).ok());
  Status s = writer.Write(missing);
  EXPECT_EQ(s.code(), StatusCode::kIo);
  EXPECT_NE(s.message().find("copy.pdf"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(dir.path()), std::string::npos) << s.message();  // base name only
  EXPECT_FALSE(std::filesystem::exists(missing));

  // A folder that refuses new files: the temporary file is not left behind.
  std::string locked = dir.path() + "/locked";
  std::filesystem::create_directory(locked);
  chmod(locked.c_str(), 0500);
  if (access((locked + "/.").c_str(), W_OK) != 0) {  // not when the test runs as root
    s = writer.Write(locked + "/copy.pdf");
    EXPECT_EQ(s.code(), StatusCode::kIo);
    EXPECT_TRUE(ListFiles(locked).empty());
  }
  chmod(locked.c_str(), 0700);

  // The pages are still there to write elsewhere, and then nothing else is left.
  std::string good = dir.path() + "/copy.pdf";
  ASSERT_TRUE(writer.Write(good).ok());
  std::vector<std::string> left = ListFiles(dir.path());
  EXPECT_EQ(left, std::vector<std::string>{"copy.pdf"});
}

// A JPEG already in a file goes in as its bytes; a file that is not there is kIo
// naming it by its base name, and the page is not added.
TEST(SafePdf, AJpegInAFileGoesInUnchanged) {
  TempDir dir;
  std::string jpeg = MakeJpeg(40, 30, true);
  std::string file = dir.path() + "/page.jpg";
  std::ofstream(file, std::ios::binary) << jpeg;
  CopyPage p = JpegPage(2, "", 40, 30, 1);
  p.image.file = file;
  SafePdfWriter writer(dir.path(), {});
  CopyPage gone = p;
  gone.image.file = dir.path() + "/gone.jpg";
  Status s = writer.AddPage(gone);
  EXPECT_EQ(s.code(), StatusCode::kIo);
  EXPECT_NE(s.message().find("gone.jpg"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(dir.path()), std::string::npos) << s.message();
  CopyPage wrong = p;
  wrong.image.components = 3;
  EXPECT_EQ(writer.AddPage(wrong).code(), StatusCode::kUnsupported);
  EXPECT_TRUE(std::filesystem::exists(file));  // a page refused leaves the caller's file
  ASSERT_TRUE(writer.AddPage(p).ok());
  std::string out = dir.path() + "/copy.pdf";
  ASSERT_TRUE(writer.Write(out).ok());
  EXPECT_FALSE(std::filesystem::exists(file));
  QPDF q;
  q.processFile(out.c_str());
  std::vector<QPDFPageObjectHelper> all = QPDFPageDocumentHelper(q).getAllPages();
  ASSERT_EQ(all.size(), 1u);
  std::shared_ptr<Buffer> b = all[0]
                                  .getObjectHandle()
                                  .getKey("/Resources")
                                  .getKey("/XObject")
                                  .getKey("/Im0")
                                  .getRawStreamData();
  EXPECT_TRUE(std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize()) == jpeg);
}

// A work file that vanished before Write: kIo naming it by its base name, and no file.
TEST(SafePdf, AMissingWorkFileFailsTheWrite) {
  TempDir dir;
  std::string picture = dir.path() + "/picture.raw";
  std::ofstream(picture, std::ios::binary) << std::string(100, '\x80');
  CopyPage p = RawPage(1, 100, 100, 10, 10, 1);
  p.image.data.clear();
  p.image.file = picture;
  SafePdfWriter writer(dir.path(), {});
  ASSERT_TRUE(writer.AddPage(p).ok());
  std::filesystem::remove(picture);
  Status s = writer.Write(dir.path() + "/copy.pdf");
  EXPECT_EQ(s.code(), StatusCode::kIo);
  EXPECT_NE(s.message().find("picture.raw"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(dir.path()), std::string::npos) << s.message();
  EXPECT_TRUE(ListFiles(dir.path()).empty());
}

}  // namespace
}  // namespace qpm::output
