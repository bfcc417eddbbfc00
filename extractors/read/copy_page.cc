#include "extractors/read/copy_page.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#include <leptonica/allheaders.h>
#pragma GCC diagnostic pop

#include "extractors/read/ocr_engine.h"
#include "extractors/read/pictures.h"

namespace qpm::copy {
namespace {

using ocr::PixPtr;
using ocr::Raster;

constexpr double kGrow = 0.5;        // points added to a box on every side
constexpr int kJpegQuality = 85;     // a scan or an image file as it goes into the copy
constexpr int kPreviewQuality = 70;  // the preview: a 100-page report stays small
constexpr int kVectorDpi = 300;      // a page drawn, not scanned
constexpr int kMinScanDpi = 150;
constexpr int kMaxScanDpi = 600;
constexpr double kScanCover = 0.70;  // a picture over this much of the page makes a scan

double Round(double v) { return std::round(v * 100) / 100; }

// The resolution of the scan the page is, or 0 when it is none: a picture covering at
// least kScanCover of the page (`width` x `height` points), at its own pixels across the
// width it is drawn at, kept within kMinScanDpi-kMaxScanDpi. Of several, the largest.
int ScanDpi(const std::vector<extract::Picture>& pictures, double width, double height) {
  const extract::Picture* scan = nullptr;
  double largest = 0;
  for (const extract::Picture& p : pictures) {
    double area = (p.box.x1 - p.box.x0) * (p.box.y1 - p.box.y0);
    if (area >= kScanCover * width * height && area > largest && p.width_px > 0) {
      scan = &p;
      largest = area;
    }
  }
  if (scan == nullptr) return 0;
  double own = scan->width_px / ((scan->box.x1 - scan->box.x0) / 72.0);
  return std::clamp(static_cast<int>(std::lround(own)), kMinScanDpi, kMaxScanDpi);
}

// An image file's pixels as ocr_engine.h's ShowsColour sees them: 32-bit RGB when they
// show colour, else 8-bit grey. Transparent parts are shown on white, as a viewer shows
// them.
Result<PixPtr> ColourOrGrey(PixPtr pix) {
  if (pixGetDepth(pix.get()) == 32 && pixGetSpp(pix.get()) == 4) {
    pix.reset(pixAlphaBlendUniform(pix.get(), 0xffffff00));
    if (!pix) return Status(StatusCode::kLimit, "no memory for the image");
  }
  if (pixGetColormap(pix.get()) != nullptr) {
    pix.reset(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC));
    if (!pix) return Status(StatusCode::kLimit, "no memory for the image");
  }
  if (pixGetDepth(pix.get()) == 32) {
    int w = pixGetWidth(pix.get());
    int h = pixGetHeight(pix.get());
    uint64_t colour = 0;
    for (int y = 0; y < h; ++y) {
      const l_uint32* line =
          pixGetData(pix.get()) + static_cast<ptrdiff_t>(y) * pixGetWpl(pix.get());
      for (int x = 0; x < w; ++x) {
        l_int32 r = 0, g = 0, b = 0;
        extractRGBValues(line[x], &r, &g, &b);
        colour += ocr::IsColourPixel(r, g, b) ? 1 : 0;
      }
    }
    if (ocr::ShowsColour(colour, static_cast<uint64_t>(w) * static_cast<uint64_t>(h))) return pix;
  }
  PixPtr grey(pixConvertTo8(pix.get(), 0));
  if (!grey) return Status(StatusCode::kLimit, "no memory for the image");
  return grey;
}

// Burns each box, grown by kGrow, into `pix` (8 or 32 bits), black in every channel
// (`op` PIX_CLR; PIX_SET paints it white): every pixel the box touches, so nothing of
// what it covers survives at its edges.
Status Burn(Pix* pix, const std::vector<CopyBox>& boxes, double dpi, int op = PIX_CLR) {
  double w = pixGetWidth(pix);
  double h = pixGetHeight(pix);
  double scale = dpi / 72.0;
  for (size_t i = 0; i < boxes.size(); ++i) {
    const Box& b = boxes[i].box;
    if (!std::isfinite(b.x0) || !std::isfinite(b.y0) || !std::isfinite(b.x1) ||
        !std::isfinite(b.y1)) {
      // Never a page with a box left out: the copy would show what it was to cover.
      return Status(StatusCode::kUnreadable,
                    "box " + std::to_string(i + 1) + " to burn has no place on the page");
    }
    double x0 = std::clamp(std::floor((std::min(b.x0, b.x1) - kGrow) * scale), 0.0, w);
    double y0 = std::clamp(std::floor((std::min(b.y0, b.y1) - kGrow) * scale), 0.0, h);
    double x1 = std::clamp(std::ceil((std::max(b.x0, b.x1) + kGrow) * scale), 0.0, w);
    double y1 = std::clamp(std::ceil((std::max(b.y0, b.y1) + kGrow) * scale), 0.0, h);
    if (x1 <= x0 || y1 <= y0) continue;  // wholly off the page
    pixRasterop(pix, static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0),
                static_cast<int>(y1 - y0), op, nullptr, 0, 0);
  }
  return Status::Ok();
}

// The pixels row by row, no padding: one byte a pixel (grey) or three (RGB).
std::string Raw(Pix* pix) {
  int w = pixGetWidth(pix);
  int h = pixGetHeight(pix);
  bool rgb = pixGetDepth(pix) == 32;
  std::string out;
  out.reserve(static_cast<size_t>(w) * static_cast<size_t>(h) * (rgb ? 3 : 1));
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = pixGetData(pix) + static_cast<ptrdiff_t>(y) * pixGetWpl(pix);
    for (int x = 0; x < w; ++x) {
      if (!rgb) {
        out += static_cast<char>(GET_DATA_BYTE(line, x));
        continue;
      }
      l_int32 r = 0, g = 0, b = 0;
      extractRGBValues(line[x], &r, &g, &b);
      out += static_cast<char>(r);
      out += static_cast<char>(g);
      out += static_cast<char>(b);
    }
  }
  return out;
}

Result<std::string> Jpeg(Pix* pix, int quality) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemJpeg(&data, &size, pix, quality, 0) != 0 || data == nullptr) {
    return Status(StatusCode::kLimit, "the page could not be encoded as JPEG");
  }
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

// The burnt page in grey at `preview_dpi` (never above `dpi`): its JPEG bytes, and the
// resolution it is at in `used`.
Result<std::string> Preview(Pix* pix, double dpi, int preview_dpi, int& used) {
  used = 0;
  if (preview_dpi <= 0) return std::string();
  double factor = std::min(1.0, preview_dpi / dpi);
  PixPtr grey(pixGetDepth(pix) == 32 ? pixConvertRGBToLuminance(pix) : pixClone(pix));
  PixPtr small(grey ? pixScale(grey.get(), static_cast<float>(factor), static_cast<float>(factor))
                    : nullptr);
  if (!small) return Status(StatusCode::kLimit, "no memory for the page's preview");
  used = static_cast<int>(std::lround(dpi * factor));
  return Jpeg(small.get(), kPreviewQuality);
}

// A PDF page rendered as displayed, in colour when it shows colour; `scan` says whether
// it is a scan (the resolution chosen and the encoding follow).
Result<Raster> RenderPdf(const PageRequest& request, const ocr::EngineOptions& engine, bool& scan) {
  Result<std::vector<extract::Picture>> pictures =
      extract::ListPdfPictures(request.path, request.passwords, {request.page});
  if (!pictures.ok()) return pictures.status();
  auto choose = [&](double width, double height) {
    int scan_dpi = ScanDpi(pictures.value(), width, height);
    scan = scan_dpi > 0;
    return static_cast<double>(request.dpi > 0 ? request.dpi : scan ? scan_dpi : kVectorDpi);
  };
  return ocr::RenderPdfPage(request.path, request.page, request.passwords, choose,
                            ocr::Colours::kAsShown, engine.max_pixels);
}

// An image file's frame at its own pixels and resolution, in colour when it shows colour.
Result<Raster> DecodeImage(const PageRequest& request, const ocr::EngineOptions& engine) {
  Result<Raster> raster = ocr::DecodeImageFrame(request.path, request.page, engine.max_pixels);
  if (!raster.ok()) return raster;
  Result<PixPtr> pix = ColourOrGrey(std::move(raster->pix));
  if (!pix.ok()) return pix.status();
  raster->pix = std::move(pix.value());
  raster->width = pixGetWidth(raster->pix.get()) * 72.0 / raster->dpi;
  raster->height = pixGetHeight(raster->pix.get()) * 72.0 / raster->dpi;
  return raster;
}

// Burns the boxes into `raster` and fills in `page`'s image and preview.
Status BurnAndEncode(const PageRequest& request, bool jpeg, Raster& raster, CopyPage& page) {
  Pix* pix = raster.pix.get();
  if (Status burnt = Burn(pix, request.boxes, raster.dpi); !burnt.ok()) return burnt;
  page.image.width_px = pixGetWidth(pix);
  page.image.height_px = pixGetHeight(pix);
  page.image.components = pixGetDepth(pix) == 32 ? 3 : 1;
  page.image.encoding = jpeg ? "jpeg" : "raw";
  if (jpeg) {
    Result<std::string> data = Jpeg(pix, kJpegQuality);
    if (!data.ok()) return data.status();
    page.image.data = std::move(data.value());
  } else {
    page.image.data = Raw(pix);
  }
  Result<std::string> preview = Preview(pix, raster.dpi, request.preview_dpi, page.preview_dpi);
  if (!preview.ok()) return preview.status();
  page.preview_jpeg = std::move(preview.value());
  return Status::Ok();
}

// Paints white, in the grey page OCR reads, every solid dark bar: a shape of ink at
// least 2.5 times as long as high and 8 pixels high, 97 % dark with nothing light in
// it (a redaction bar the original already had). Tesseract takes a line with such a
// bar in it for a picture and drops its other words; a bar holds no word anyway. A
// dark band with light words in it (half dark or more) is turned dark-on-light
// instead. Each shape is judged and changed as it lies, with what it encloses (the
// light words in a band), never its bounding box: two bars that touch make one shape
// in steps, and the paper beside a step is neither bar nor band. A letter at a band's
// edge leaves a gap to the paper outside; closing the shape over a twentieth of an inch
// takes that gap in. A shape is a bar or band only when it fills half its box or more
// and is thicker than a stroke (a thirty-sixth of an inch) through most of it: touching
// letters, a big letter "t" on a turned page, are neither. 8-bit grey only.
void WhitenBars(Pix* grey, double dpi) {
  if (grey == nullptr || pixGetDepth(grey) != 8) return;
  PixPtr ink(pixThresholdToBinary(grey, 64));
  PixPtr paper(pixThresholdToBinary(grey, 192));  // 1 where darker than light
  if (!ink || !paper) return;
  PIXA* shapes = nullptr;
  BOXA* boxes = pixConnComp(ink.get(), &shapes, 8);
  if (boxes == nullptr || shapes == nullptr) {
    boxaDestroy(&boxes);
    pixaDestroy(&shapes);
    return;
  }
  auto count = [](Pix* pix) {
    l_int32 n = 0;
    pixCountPixels(pix, &n, nullptr);
    return static_cast<double>(n);
  };
  for (l_int32 i = 0; i < boxaGetCount(boxes); ++i) {
    l_int32 x = 0, y = 0, bw = 0, bh = 0;
    if (boxaGetBoxGeometry(boxes, i, &x, &y, &bw, &bh) != 0) continue;
    if (bh < 8 || bw < 2.5 * bh) continue;
    PixPtr shape(pixaGetPix(shapes, i, L_CLONE));
    if (!shape) continue;
    // A bar or band fills most of its box and is thick all through; letters, even
    // touching ones, are thin strokes with paper between them.
    PixPtr filled(pixHolesByFilling(shape.get(), 4));
    if (!filled) continue;
    pixOr(filled.get(), filled.get(), shape.get());
    const double filled_area = count(filled.get());
    if (filled_area < 0.5 * bw * bh) continue;
    const l_int32 stroke = std::max(3, static_cast<int>(dpi / 36)) | 1;
    PixPtr core(pixErodeBrick(nullptr, filled.get(), stroke, stroke));
    if (!core || count(core.get()) < 0.5 * filled_area) continue;
    // The shape with what it encloses: a band and the light letters in it.
    const l_int32 reach = std::max(3, static_cast<int>(dpi / 20)) | 1;
    PixPtr closed(pixCloseSafeBrick(nullptr, shape.get(), reach, reach));
    PixPtr whole(closed ? pixHolesByFilling(closed.get(), 4) : nullptr);
    BOX* box = boxCreate(x, y, bw, bh);
    PixPtr ink_in(pixClipRectangle(ink.get(), box, nullptr));
    PixPtr dark_in(pixClipRectangle(paper.get(), box, nullptr));
    PixPtr page(pixClipRectangle(grey, box, nullptr));
    boxDestroy(&box);
    if (!whole || !ink_in || !dark_in || !page) continue;
    pixOr(whole.get(), whole.get(), closed.get());
    double area = count(whole.get());
    pixAnd(ink_in.get(), ink_in.get(), whole.get());
    pixAnd(dark_in.get(), dark_in.get(), whole.get());
    double dark = count(ink_in.get());
    double light = area - count(dark_in.get());
    if (dark >= 0.97 * area && light < 0.005 * area) {
      // With its grey edge, which would read as "|" or "[".
      PixPtr edge(pixDilateBrick(nullptr, whole.get(), 5, 5));
      if (!edge) continue;
      pixSetMasked(page.get(), edge.get(), 255);
    } else if (dark >= 0.5 * area && light >= 0.005 * area) {
      // Light words on a dark band or a black highlight: turned into dark words on
      // white, as Tesseract reads them.
      PixPtr turned(pixInvert(nullptr, page.get()));
      if (!turned) continue;
      pixCombineMasked(page.get(), turned.get(), whole.get());
    } else {
      continue;
    }
    pixRasterop(grey, x, y, bw, bh, PIX_SRC, page.get(), 0, 0);
  }
  boxaDestroy(&boxes);
  pixaDestroy(&shapes);
}

// The words of the text layer that lie over what the burnt page shows as text, less
// those a reader of the copy would take for hidden text: an invisible word over an
// area that is nearly all dark (an OCR layer under a blacked-out bar, as
// pdf_hidden.cc judges it: 90 % of a glyph's pixels darker than 64) or nearly all
// blank paper (99 % lighter than 224). OCR reads such words from specks and from the
// edges of bars; they hold nothing anyone searches for. Each word is judged a
// character's share of its box at a time, as the writer stretches its glyphs over it,
// with the reader's shares, and as a whole with a margin on blank (97 %). A word of
// one or two characters with no letter or digit (a speck read as "." or "~") is left
// out too. What still looks hidden to the reader is left out on the second try
// (app/redact.h). `burnt` is the page as the copy shows it (8 or 32 bits).
std::vector<Word> WordsThatShow(Pix* burnt, double dpi, std::vector<Word> words) {
  // The reader's own shares, per glyph; and for the word as a whole, a margin on blank.
  constexpr double kGlyphDark = 0.9, kGlyphBlank = 0.99;
  constexpr double kWordDark = 0.9, kWordBlank = 0.97;
  const int w = pixGetWidth(burnt);
  const int h = pixGetHeight(burnt);
  const bool rgb = pixGetDepth(burnt) == 32;
  const l_uint32* data = pixGetData(burnt);
  const int wpl = pixGetWpl(burnt);
  auto luminance = [&](int x, int y) {
    const l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    if (!rgb) return static_cast<int>(GET_DATA_BYTE(line, x));
    l_int32 r = 0, g = 0, b = 0;
    extractRGBValues(line[x], &r, &g, &b);
    return (299 * r + 587 * g + 114 * b) / 1000;
  };
  struct Shares {
    size_t pixels = 0, dark = 0, blank = 0;
    bool Even(double dark_share, double blank_share) const {
      return pixels == 0 || static_cast<double>(dark) >= dark_share * static_cast<double>(pixels) ||
             static_cast<double>(blank) >= blank_share * static_cast<double>(pixels);
    }
  };
  auto count = [&](int x0, int x1, int y0, int y1) {
    Shares s;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        int lum = luminance(x, y);
        ++s.pixels;
        s.dark += lum < 64;
        s.blank += lum > 224;
      }
    }
    return s;
  };
  double scale = dpi / 72.0;
  std::vector<Word> kept;
  for (Word& word : words) {
    size_t chars = 0;
    for (char c : word.text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    bool alnum = std::any_of(word.text.begin(), word.text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || (c & 0x80) != 0;
    });
    int x0 = std::clamp(static_cast<int>(std::floor(word.box.x0 * scale)), 0, w);
    int x1 = std::clamp(static_cast<int>(std::ceil(word.box.x1 * scale)), 0, w);
    int y0 = std::clamp(static_cast<int>(std::floor(word.box.y0 * scale)), 0, h);
    int y1 = std::clamp(static_cast<int>(std::ceil(word.box.y1 * scale)), 0, h);
    if (chars == 0 || (chars <= 2 && !alnum) || x1 <= x0 || y1 <= y0) continue;
    if (count(x0, x1, y0, y1).Even(kWordDark, kWordBlank)) continue;
    bool shows = true;
    for (size_t k = 0; k < chars && shows; ++k) {
      int sx0 = x0 + static_cast<int>(static_cast<size_t>(x1 - x0) * k / chars);
      int sx1 = x0 + static_cast<int>(static_cast<size_t>(x1 - x0) * (k + 1) / chars);
      shows = !count(sx0, std::max(sx1, sx0 + 1), y0, y1).Even(kGlyphDark, kGlyphBlank);
    }
    if (shows) kept.push_back(std::move(word));
  }
  return kept;
}

}  // namespace

Result<CopyPage> MakePage(const PageRequest& request, const ocr::EngineOptions& engine) {
  ocr::Silence();
  if (!request.words) {  // before any rendering: a missing language file fails at once
    if (Status data = ocr::CheckLanguageData(ocr::LanguageDataDir(engine.tessdata)); !data.ok()) {
      return data;
    }
  }
  bool scan = false;
  Result<Raster> raster =
      request.image_file ? DecodeImage(request, engine) : RenderPdf(request, engine, scan);
  if (!raster.ok()) return raster.status();
  CopyPage page;
  page.number = request.page;
  page.width = Round(raster->width);
  page.height = Round(raster->height);
  page.dpi = raster->dpi;
  page.boxes = request.boxes;
  if (Status done = BurnAndEncode(request, request.image_file || scan, raster.value(), page);
      !done.ok()) {
    return done;
  }
  if (request.words) {
    page.words = WordsThatShow(raster->pix.get(), raster->dpi, *request.words);
    page.text_turn = request.words_turn;
    return page;
  }
  // OCR reads grey; the colour pixels go first (one page in memory, not two).
  if (pixGetDepth(raster->pix.get()) == 32) {
    raster->pix.reset(pixConvertRGBToLuminance(raster->pix.get()));
    if (!raster->pix) return Status(StatusCode::kLimit, "no memory for the page image");
    pixSetResolution(raster->pix.get(), static_cast<l_int32>(raster->dpi),
                     static_cast<l_int32>(raster->dpi));
  }
  // The page as the copy shows it, to judge the words OCR reads on it.
  PixPtr shown(pixCopy(nullptr, raster->pix.get()));
  if (!shown) return Status(StatusCode::kLimit, "no memory for the page image");
  // OCR reads the boxes as blank paper, not black: a black bar inside a line makes
  // Tesseract take the line for a picture and drop its words ("Client name:" before a
  // boxed name). Nothing of what was boxed is in the pixels either way.
  if (Status blank = Burn(raster->pix.get(), request.boxes, raster->dpi, PIX_SET); !blank.ok()) {
    return blank;
  }
  WhitenBars(raster->pix.get(), raster->dpi);
  Result<Page> read = ocr::Recognise(std::move(raster.value()), engine);
  if (!read.ok()) return read.status();
  page.text_turn = read->ocr_rotation;
  // A bar's edge left beside a box reads as "|": no word anyone searches for.
  std::vector<Word> words;
  for (Word& w : read->words) {
    if (w.text.find_first_not_of('|') != std::string::npos) words.push_back(std::move(w));
  }
  page.words = WordsThatShow(shown.get(), page.dpi, std::move(words));
  return page;
}

}  // namespace qpm::copy
