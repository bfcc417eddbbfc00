#include "extractors/read/ocr.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#include <tesseract/version.h>
#pragma GCC diagnostic pop

#include "extractors/read/ocr_engine.h"
#include "extractors/read/poppler_page.h"

namespace qpm::ocr {

void PixFree::operator()(Pix* pix) const { pixDestroy(&pix); }

namespace {

// Image resolutions outside this range are taken as unstated (300 dpi): a "1 dpi"
// header would make a page the size of a field.
constexpr int kMinDpi = 50;
constexpr int kMaxDpi = 2400;
constexpr int kDefaultImageDpi = 300;

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool IsReadableFile(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), R_OK) == 0;
}

// Poppler reports syntax errors with fragments of the file; they must not reach a log.
void DropPopplerMessage(const std::string& /*message*/, void* /*closure*/) {}

double Round(double v, double unit) { return std::round(v / unit) * unit; }

// Turns `(x, y)` in the image after a clockwise turn of `rotation` degrees back into
// the image before it, which was `width` x `height` pixels.
void Unturn(int rotation, double width, double height, double& x, double& y) {
  double ux = x;
  double uy = y;
  switch (rotation) {
    case 90:
      x = uy;
      y = height - ux;
      break;
    case 180:
      x = width - ux;
      y = height - uy;
      break;
    case 270:
      x = width - uy;
      y = ux;
      break;
    default:
      break;
  }
}

// The clockwise turn (0, 90, 180, 270) that makes `pix` upright, by Tesseract's
// orientation and script detection; 0 when it cannot tell.
Result<int> DetectRotation(Pix* pix, int dpi, const std::string& datadir,
                           const EngineOptions& options) {
  tesseract::TessBaseAPI osd;
  osd.SetVariable("debug_file", "/dev/null");
  if (osd.Init(datadir.c_str(), "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
    return Status(
        StatusCode::kUnsupported,
        "Tesseract could not load its orientation data (osd.traineddata) from " + datadir);
  }
  osd.SetPageSegMode(tesseract::PSM_OSD_ONLY);
  osd.SetImage(pix);
  osd.SetSourceResolution(dpi);
  int degrees = 0;
  float confidence = 0;
  const char* script = nullptr;
  float script_confidence = 0;
  // Fails when the page has too little text to tell: read it as it is.
  if (!osd.DetectOrientationScript(&degrees, &confidence, &script, &script_confidence)) return 0;
  if (confidence < options.min_orientation_confidence) return 0;
  // Tesseract gives the page's orientation as the counter-clockwise turn it has
  // taken; undoing it is the same turn clockwise.
  int turn = ((360 - degrees) % 360 + 360) % 360;
  return turn - turn % 90;
}

// What one pass of the English model read on an image.
struct Reading {
  Page page;
  // Tesseract reads the lines of a sideways page well, as it finds them, without saying
  // the page is turned; what gives it away is the words' shape. Words of three
  // characters or more, and those of them taller than wide (in the image as read) or
  // in a block Tesseract's layout marks as turned.
  size_t long_words = 0;
  size_t turned_words = 0;
};

// Reads `image` with eng.traineddata: every word with its box on the page as displayed,
// `raster` giving the page's size and `width_px` x `height_px` the image's before the
// clockwise turn of `rotation` that made `image` of it. Tesseract reads a copy of its
// own, so `image` is freed once that is made (one page image less while it reads) and,
// when `give_back`, handed back from that copy on return. The engine is freed on return,
// so that the next pass (orientation, or a second read) does not add to this one's memory.
Result<Reading> ReadWords(PixPtr& image, bool give_back, int dpi, const std::string& datadir,
                          const Raster& raster, double width_px, double height_px, int rotation) {
  tesseract::TessBaseAPI api;
  api.SetVariable("debug_file", "/dev/null");
  if (api.Init(datadir.c_str(), "eng", tesseract::OEM_LSTM_ONLY) != 0) {
    return Status(
        StatusCode::kUnsupported,
        "Tesseract could not load its English language data (eng.traineddata) from " + datadir);
  }
  api.SetPageSegMode(tesseract::PSM_AUTO);
  api.SetImage(image.get());
  api.SetSourceResolution(dpi);
  image.reset();
  if (give_back) image.reset(pixClone(api.GetInputImage()));
  if (give_back && !image) return Status(StatusCode::kLimit, "no memory for the page image");
  if (api.Recognize(nullptr) != 0) {
    return Status(StatusCode::kUnreadable, "Tesseract could not read the page image");
  }

  Reading reading;
  Page& page = reading.page;
  page.source = TextSource::kOcr;
  page.ocr_rotation = rotation;
  page.width = Round(raster.width > 0 ? raster.width : width_px * 72.0 / raster.dpi, 0.01);
  page.height = Round(raster.height > 0 ? raster.height : height_px * 72.0 / raster.dpi, 0.01);
  double scale_x = page.width / width_px;
  double scale_y = page.height / height_px;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  double confidence_sum = 0;
  bool line_ended = false;
  if (it != nullptr && !it->Empty(tesseract::RIL_WORD)) {
    do {
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
      bool ends_line = it->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD);
      int left = 0;
      int top = 0;
      int right = 0;
      int bottom = 0;
      if (text == nullptr || text[0] == '\0' ||
          !it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom)) {
        line_ended = line_ended || ends_line;
        continue;
      }
      if (!page.words.empty()) page.text += line_ended ? '\n' : ' ';
      Word w;
      w.text = text.get();
      double x0 = left;
      double y0 = top;
      double x1 = right;
      double y1 = bottom;
      Unturn(page.ocr_rotation, width_px, height_px, x0, y0);
      Unturn(page.ocr_rotation, width_px, height_px, x1, y1);
      w.box = Box{Round(std::min(x0, x1) * scale_x, 0.01), Round(std::min(y0, y1) * scale_y, 0.01),
                  Round(std::max(x0, x1) * scale_x, 0.01), Round(std::max(y0, y1) * scale_y, 0.01)};
      w.confidence = std::clamp(std::round(it->Confidence(tesseract::RIL_WORD)), 0.0f, 100.0f);
      w.start = static_cast<uint32_t>(page.text.size());
      page.text += w.text;
      w.end = static_cast<uint32_t>(page.text.size());
      confidence_sum += w.confidence;
      page.words.push_back(std::move(w));
      line_ended = ends_line;
      if (page.words.back().text.size() >= 3) {
        ++reading.long_words;
        tesseract::Orientation orientation = tesseract::ORIENTATION_PAGE_UP;
        tesseract::WritingDirection direction = tesseract::WRITING_DIRECTION_LEFT_TO_RIGHT;
        tesseract::TextlineOrder order = tesseract::TEXTLINE_ORDER_TOP_TO_BOTTOM;
        float deskew = 0;
        it->Orientation(&orientation, &direction, &order, &deskew);
        if (bottom - top > right - left || orientation != tesseract::ORIENTATION_PAGE_UP) {
          ++reading.turned_words;
        }
      }
    } while (it->Next(tesseract::RIL_WORD));
  }
  page.ocr_confidence =
      page.words.empty()
          ? 0.0f
          : static_cast<float>(std::round(confidence_sum / static_cast<double>(page.words.size())));
  return reading;
}

// Whether a read of the image as it is can be taken as the read of an upright page,
// with no orientation pass: enough words, read with confidence, and lying as words on
// an upright page do (wider than tall: a few short words such as "ill" are not). A
// page upside down reads as garbage of low confidence; a sideways one well, but in
// words taller than wide. Anything else goes through orientation detection.
bool TrustedAsUpright(const Reading& r, const EngineOptions& options) {
  return r.page.words.size() >= options.trusted_min_words &&
         r.page.ocr_confidence >= options.trusted_confidence && r.turned_words * 10 <= r.long_words;
}

}  // namespace

// Reads the image: first as it is, which for the usual upright scan is the only pass
// (one pass of the English model, as `tesseract` itself makes); only when that read is
// not trusted does Tesseract's orientation detection decide the turn, and a turned
// page is read again upright.
Result<Page> Recognise(Raster raster, const EngineOptions& options) {
  std::string datadir = LanguageDataDir(options.tessdata);
  if (Status data = CheckLanguageData(datadir); !data.ok()) return data;
  int dpi = static_cast<int>(std::lround(raster.dpi));
  double width_px = pixGetWidth(raster.pix.get());
  double height_px = pixGetHeight(raster.pix.get());

  Result<Reading> first = ReadWords(raster.pix, true, dpi, datadir, raster, width_px, height_px, 0);
  if (!first.ok()) return first.status();
  if (TrustedAsUpright(first.value(), options)) return std::move(first->page);

  Result<int> rotation = DetectRotation(raster.pix.get(), dpi, datadir, options);
  if (!rotation.ok()) return rotation.status();
  if (rotation.value() == 0) return std::move(first->page);
  first->page = Page{};  // its words go before the second read starts
  PixPtr upright(pixRotateOrth(raster.pix.get(), rotation.value() / 90));
  if (!upright) return Status(StatusCode::kLimit, "the page image could not be turned upright");
  raster.pix.reset();  // one page in memory, not two
  Result<Reading> second =
      ReadWords(upright, false, dpi, datadir, raster, width_px, height_px, rotation.value());
  if (!second.ok()) return second.status();
  return std::move(second->page);
}

// Leptonica prints errors with file names, which can be a person's name.
void Silence() {
  setMsgSeverity(L_SEVERITY_NONE);
  poppler::set_debug_error_function(DropPopplerMessage, nullptr);
}

namespace {

int SaneDpi(int dpi) { return dpi >= kMinDpi && dpi <= kMaxDpi ? dpi : 0; }

// The stated resolution of a PNG or JPEG file; 0 when it states none.
int StatedResolution(const std::string& path, int format) {
  if (format != IFF_PNG && format != IFF_JFIF_JPEG) return 0;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return 0;
  l_int32 xres = 0;
  l_int32 yres = 0;
  if (format == IFF_PNG) {
    fgetPngResolution(f, &xres, &yres);
  } else {
    fgetJpegResolution(f, &xres, &yres);
  }
  std::fclose(f);
  return SaneDpi(std::max(xres, yres));
}

struct FrameHeader {
  int width = 0;
  int height = 0;
  int dpi = 0;  // 0 when unstated
};

// How many frames the file has (TIFF may have many; other formats one).
Result<int> CountFrames(const std::string& path, int format) {
  if (!L_FORMAT_IS_TIFF(format)) return 1;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status(StatusCode::kUnreadable, "the image file could not be opened");
  l_int32 n = 0;
  bool ok = tiffGetCount(f, &n) == 0;
  std::fclose(f);
  if (!ok || n < 1) return Status(StatusCode::kUnreadable, "the TIFF file is damaged");
  return static_cast<int>(n);
}

Result<FrameHeader> ReadFrameHeader(const std::string& path, int format, int number) {
  FrameHeader h;
  l_int32 w = 0;
  l_int32 ht = 0;
  l_int32 bps = 0;
  l_int32 spp = 0;
  if (L_FORMAT_IS_TIFF(format)) {
    l_int32 res = 0;
    l_int32 cmap = 0;
    l_int32 compression = 0;
    if (readHeaderTiff(path.c_str(), number - 1, &w, &ht, &bps, &spp, &res, &cmap, &compression) !=
        0) {
      return Status(StatusCode::kUnreadable,
                    "frame " + std::to_string(number) + " of the TIFF file is damaged");
    }
    h.dpi = SaneDpi(res);
  } else {
    l_int32 fmt = 0;
    l_int32 iscmap = 0;
    if (pixReadHeader(path.c_str(), &fmt, &w, &ht, &bps, &spp, &iscmap) != 0) {
      return Status(StatusCode::kUnreadable, "the image file is damaged or of a kind not read");
    }
    h.dpi = StatedResolution(path, format);
  }
  if (w <= 0 || ht <= 0) return Status(StatusCode::kUnreadable, "the image has no pixels");
  h.width = w;
  h.height = ht;
  return h;
}

Result<int> ImageFormat(const std::string& path) {
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormat(path.c_str(), &format) != 0 || format == IFF_UNKNOWN) {
    return Status(StatusCode::kUnreadable, "the image file is damaged or of a kind not read");
  }
  return static_cast<int>(format);
}

Status TooLarge(const FrameHeader& h, uint64_t max_pixels) {
  uint64_t pixels = static_cast<uint64_t>(h.width) * static_cast<uint64_t>(h.height);
  if (pixels <= max_pixels) return Status::Ok();
  return Status(StatusCode::kLimit, "the image is " + std::to_string(h.width) + " x " +
                                        std::to_string(h.height) +
                                        " pixels, more than OCR reads (" +
                                        std::to_string(max_pixels / 1'000'000) + " million)");
}

// The page as displayed, in points: a /Rotate of 90 or 270 swaps its sides.
struct PageSize {
  double width = 0;
  double height = 0;
};
PageSize DisplayedSize(const poppler::page& p) {
  poppler::rectf crop = p.page_rect(poppler::crop_box);
  poppler::page::orientation_enum turn = p.orientation();
  bool sideways = turn == poppler::page::landscape || turn == poppler::page::seascape;
  return {std::fabs(sideways ? crop.height() : crop.width()),
          std::fabs(sideways ? crop.width() : crop.height())};
}

// Poppler's grey pixels into a Leptonica image, row by row (Leptonica packs bytes into
// 32-bit words).
Result<PixPtr> GreyPix(const poppler::image& img) {
  PixPtr pix(pixCreate(img.width(), img.height(), 8));
  if (!pix) return Status(StatusCode::kLimit, "no memory for the page image");
  l_uint32* data = pixGetData(pix.get());
  int wpl = pixGetWpl(pix.get());
  const auto* src = reinterpret_cast<const unsigned char*>(img.const_data());
  for (int y = 0; y < img.height(); ++y) {
    l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    const unsigned char* row = src + static_cast<ptrdiff_t>(y) * img.bytes_per_row();
    for (int x = 0; x < img.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return pix;
}

// Poppler's RGB pixels (format_rgb24: three bytes, R G B) into a Leptonica image: 32-bit
// RGB when they show colour, else 8-bit grey (Leptonica's luminance weights: 0.3, 0.5,
// 0.2), so that a black-and-white page costs a byte a pixel. The colour is counted
// first, so that only one image is made.
Result<PixPtr> ColourOrGreyPix(const poppler::image& img) {
  const auto* src = reinterpret_cast<const unsigned char*>(img.const_data());
  auto pixel = [&](int x, int y) {
    const unsigned char* p = src + static_cast<ptrdiff_t>(y) * img.bytes_per_row() + 3 * x;
    return std::array<int, 3>{p[0], p[1], p[2]};
  };
  uint64_t colour = 0;
  for (int y = 0; y < img.height(); ++y) {
    for (int x = 0; x < img.width(); ++x) {
      auto [r, g, b] = pixel(x, y);
      colour += IsColourPixel(r, g, b) ? 1 : 0;
    }
  }
  bool rgb =
      ShowsColour(colour, static_cast<uint64_t>(img.width()) * static_cast<uint64_t>(img.height()));
  PixPtr pix(pixCreate(img.width(), img.height(), rgb ? 32 : 8));
  if (!pix) return Status(StatusCode::kLimit, "no memory for the page image");
  l_uint32* data = pixGetData(pix.get());
  int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < img.height(); ++y) {
    l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    for (int x = 0; x < img.width(); ++x) {
      auto [r, g, b] = pixel(x, y);
      if (rgb) {
        composeRGBPixel(r, g, b, line + x);
      } else {
        SET_DATA_BYTE(line, x, static_cast<l_uint8>((3 * r + 5 * g + 2 * b + 5) / 10));
      }
    }
  }
  return pix;
}

// Renders `p` at `dpi` in `colours`: the `w` x `h` pixels from (x, y), or the whole page
// when they are -1. `what` names it in the message when it cannot be rendered.
Result<PixPtr> Render(poppler::page& p, double dpi, int x, int y, int w, int h, Colours colours,
                      const std::string& what) {
  poppler::page_renderer renderer;
  renderer.set_image_format(colours == Colours::kGrey ? poppler::image::format_gray8
                                                      : poppler::image::format_rgb24);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::image img = renderer.render_page(&p, dpi, dpi, x, y, w, h);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
    return Status(StatusCode::kUnreadable, what + " could not be rendered");
  }
  Result<PixPtr> pix = colours == Colours::kGrey ? GreyPix(img) : ColourOrGreyPix(img);
  if (pix.ok()) {
    pixSetResolution(pix->get(), static_cast<l_int32>(dpi), static_cast<l_int32>(dpi));
  }
  return pix;
}

}  // namespace

std::string LanguageDataDir(const std::string& tessdata) {
  if (!tessdata.empty()) return tessdata;
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env != nullptr && IsDirectory(env)) {
    return env;
  }
  for (const char* dir :
       {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata", "/usr/local/share/tessdata"}) {
    if (IsDirectory(dir)) return dir;
  }
  return "/usr/share/tesseract-ocr/5/tessdata";
}

Status CheckLanguageData(const std::string& dir) {
  struct Needed {
    const char* file;
    const char* package;
    const char* what;
  };
  for (const Needed& n : {Needed{"eng.traineddata", "tesseract-ocr-eng", "English text"},
                          Needed{"osd.traineddata", "tesseract-ocr-osd", "page orientation"}}) {
    std::string path = dir + "/" + n.file;
    if (!IsReadableFile(path)) {
      return Status(StatusCode::kUnsupported,
                    std::string("OCR language data is missing: ") + path + " (" + n.what +
                        ") was not found. Install the Debian package " + n.package +
                        " (scripts/setup.sh does), or set TESSDATA_PREFIX to the folder "
                        "that holds it.");
    }
  }
  return Status::Ok();
}

bool IsColourPixel(int r, int g, int b) { return std::max({r, g, b}) - std::min({r, g, b}) > 24; }

bool ShowsColour(uint64_t colour_pixels, uint64_t pixels) { return colour_pixels * 1000 > pixels; }

Result<Raster> RenderPdfPage(const std::string& path, int number,
                             const std::vector<std::string>& passwords,
                             const std::function<double(double, double)>& choose_dpi,
                             Colours colours, uint64_t max_pixels) {
  Silence();
  Result<extract::OpenedPage> opened = extract::OpenPdfPage(path, number, passwords);
  if (!opened.ok()) return opened.status();
  PageSize size = DisplayedSize(*opened->page);
  double area = size.width * size.height;  // in points
  if (area < 1) return Status(StatusCode::kUnreadable, "the page has no size");
  // Lower the resolution so the page fits in max_pixels, whatever its size.
  double fit = 72.0 * std::sqrt(static_cast<double>(max_pixels) / area);
  double dpi = std::min(choose_dpi(size.width, size.height), std::floor(fit));
  if (dpi < 10) return Status(StatusCode::kLimit, "the page is too large to render");
  Raster raster;
  Result<PixPtr> pix = Render(*opened->page, dpi, -1, -1, -1, -1, colours,
                              "page " + std::to_string(number) + " of the PDF");
  if (!pix.ok()) return pix.status();
  raster.pix = std::move(pix.value());
  raster.dpi = dpi;
  raster.width = size.width;
  raster.height = size.height;
  return raster;  // the document and Poppler's copy of the pixels go on return
}

Result<Raster> DecodeImageFrame(const std::string& path, int number, uint64_t max_pixels) {
  Silence();
  Result<int> format = ImageFormat(path);
  if (!format.ok()) return format.status();
  Result<int> frames = CountFrames(path, format.value());
  if (!frames.ok()) return frames.status();
  if (number < 1 || number > frames.value()) {
    return Status(StatusCode::kUnreadable,
                  "the image has no frame " + std::to_string(number) + " to read");
  }
  Result<FrameHeader> header = ReadFrameHeader(path, format.value(), number);
  if (!header.ok()) return header.status();
  if (Status big = TooLarge(header.value(), max_pixels); !big.ok()) return big;

  Raster raster;
  raster.pix.reset(L_FORMAT_IS_TIFF(format.value()) ? pixReadTiff(path.c_str(), number - 1)
                                                    : pixRead(path.c_str()));
  if (!raster.pix) return Status(StatusCode::kUnreadable, "the image could not be decoded");
  l_int32 xres = 0;
  l_int32 yres = 0;
  pixGetResolution(raster.pix.get(), &xres, &yres);
  xres = SaneDpi(xres);
  yres = SaneDpi(yres);
  if (xres == 0 || yres == 0) xres = yres = header->dpi != 0 ? header->dpi : kDefaultImageDpi;
  if (xres != yres) {
    // Fax resolutions (204 x 98 dpi): make the pixels square, or the letters are squashed.
    int dpi = std::max(xres, yres);
    PixPtr square(pixScale(raster.pix.get(), static_cast<float>(dpi) / static_cast<float>(xres),
                           static_cast<float>(dpi) / static_cast<float>(yres)));
    if (!square) return Status(StatusCode::kLimit, "no memory for the image");
    raster.pix = std::move(square);
    xres = yres = dpi;
  }
  raster.dpi = xres;
  pixSetResolution(raster.pix.get(), xres, xres);
  return raster;
}

Result<Page> ReadPdfPage(const std::string& path, int number,
                         const std::vector<std::string>& passwords, const EngineOptions& options) {
  auto dpi = [&options](double /*width*/, double /*height*/) {
    return static_cast<double>(options.dpi);
  };
  Result<Raster> raster =
      RenderPdfPage(path, number, passwords, dpi, Colours::kGrey, options.max_pixels);
  if (!raster.ok()) return raster.status();
  Result<Page> page = Recognise(std::move(raster.value()), options);
  if (page.ok()) page->number = number;
  return page;
}

Result<Page> ReadImagePage(const std::string& path, int number, const EngineOptions& options) {
  Result<Raster> raster = DecodeImageFrame(path, number, options.max_pixels);
  if (!raster.ok()) return raster.status();
  // Colour maps and alpha are dropped: Tesseract reads grey.
  PixPtr grey(pixConvertTo8(raster->pix.get(), 0));
  if (!grey) return Status(StatusCode::kUnreadable, "the image could not be converted to grey");
  raster->pix = std::move(grey);
  pixSetResolution(raster->pix.get(), static_cast<l_int32>(raster->dpi),
                   static_cast<l_int32>(raster->dpi));
  Result<Page> page = Recognise(std::move(raster.value()), options);
  if (page.ok()) page->number = number;
  return page;
}

Result<ImageFrames> ListImageFrames(const std::string& path, uint32_t max_frames,
                                    uint64_t max_pixels) {
  Silence();
  Result<int> format = ImageFormat(path);
  if (!format.ok()) return format.status();
  Result<int> frames = CountFrames(path, format.value());
  if (!frames.ok()) return frames.status();
  ImageFrames out;
  out.frames = frames.value();
  int listed =
      std::min<int>(out.frames, static_cast<int>(std::min<uint32_t>(max_frames, 1u << 20)));
  for (int n = 1; n <= listed; ++n) {
    Result<FrameHeader> header = ReadFrameHeader(path, format.value(), n);
    if (!header.ok()) return header.status();
    if (Status big = TooLarge(header.value(), max_pixels); !big.ok()) return big;
    double dpi = header->dpi != 0 ? header->dpi : kDefaultImageDpi;
    Page page;
    page.number = n;
    page.width = Round(header->width * 72.0 / dpi, 0.01);
    page.height = Round(header->height * 72.0 / dpi, 0.01);
    out.pages.push_back(std::move(page));
  }
  return out;
}

std::string EngineVersion() {
  const char* lept = getLeptonicaVersion();
  std::string out = std::string("tesseract ") + tesseract::TessBaseAPI::Version();
  if (lept != nullptr) {
    out += std::string(", ") + lept;
    lept_free(const_cast<char*>(lept));
  }
  return out;
}

void LimitThreadsOrReexec(int /*argc*/, char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  if (setenv("OMP_THREAD_LIMIT", "1", 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: the re-exec failed. The run goes on with OpenMP's own thread count;
  // slower, not wrong. The variable stays set for any process started from here.
}

}  // namespace qpm::ocr

// Pictures inside documents: additions to the page readers above.
namespace qpm::ocr {

Result<Page> ReadPdfPicture(const std::string& path, int number, const Box& box, int width_px,
                            const std::vector<std::string>& passwords,
                            const EngineOptions& options) {
  Silence();
  Raster raster;
  double page_width = 0;
  double page_height = 0;
  double left = 0;
  double top = 0;
  {
    Result<extract::OpenedPage> opened = extract::OpenPdfPage(path, number, passwords);
    if (!opened.ok()) return opened.status();
    PageSize size = DisplayedSize(*opened->page);
    page_width = size.width;
    page_height = size.height;
    double box_w = std::min(box.x1, page_width) - std::max(box.x0, 0.0);
    double box_h = std::min(box.y1, page_height) - std::max(box.y0, 0.0);
    if (box_w < 1 || box_h < 1) return Status(StatusCode::kUnreadable, "the picture has no size");
    // Its own pixels across it, so nothing it holds is lost; at least the pages'
    // resolution, so small type drawn from few pixels is enlarged as a page's would be.
    double own = 72.0 * width_px / box_w;
    double dpi = std::clamp(own, static_cast<double>(options.dpi), 2.0 * options.dpi);
    double fit = 72.0 * std::sqrt(static_cast<double>(options.max_pixels) / (box_w * box_h));
    dpi = std::min(dpi, std::floor(fit));
    if (dpi < 10) return Status(StatusCode::kLimit, "the picture is too large to render");
    int x = static_cast<int>(std::floor(std::max(box.x0, 0.0) * dpi / 72.0));
    int y = static_cast<int>(std::floor(std::max(box.y0, 0.0) * dpi / 72.0));
    int w = std::max(1, static_cast<int>(std::ceil(box_w * dpi / 72.0)));
    int h = std::max(1, static_cast<int>(std::ceil(box_h * dpi / 72.0)));
    Result<PixPtr> pix = Render(*opened->page, dpi, x, y, w, h, Colours::kGrey, "the picture");
    if (!pix.ok()) return pix.status();
    raster.pix = std::move(pix.value());
    raster.dpi = dpi;
    raster.width = Round(pixGetWidth(raster.pix.get()) * 72.0 / dpi, 0.01);
    raster.height = Round(pixGetHeight(raster.pix.get()) * 72.0 / dpi, 0.01);
    left = x * 72.0 / dpi;  // the crop's top left, in points
    top = y * 72.0 / dpi;
  }  // the document and the rendered copy go before recognition starts
  Result<Page> read = Recognise(std::move(raster), options);
  if (!read.ok()) return read;
  // Word boxes come back in the crop; these move them onto the page.
  for (Word& word : read->words) {
    word.box = Box{Round(word.box.x0 + left, 0.01), Round(word.box.y0 + top, 0.01),
                   Round(word.box.x1 + left, 0.01), Round(word.box.y1 + top, 0.01)};
  }
  read->number = number;
  read->width = Round(page_width, 0.01);
  read->height = Round(page_height, 0.01);
  return read;
}

Result<PixelSize> ImagePixelSize(const std::string& bytes) {
  Silence();
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  if (bytes.empty() ||
      pixReadHeaderMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size(), &format, &w,
                       &h, &bps, &spp, &cmap) != 0 ||
      w <= 0 || h <= 0) {
    return Status(StatusCode::kUnreadable, "the picture is damaged or of a kind OCR does not read");
  }
  return PixelSize{w, h};
}

Result<Page> ReadImageBytes(const std::string& bytes, const EngineOptions& options) {
  Result<PixelSize> size = ImagePixelSize(bytes);
  if (!size.ok()) return size.status();
  FrameHeader header{size->width, size->height, 0};
  if (Status big = TooLarge(header, options.max_pixels); !big.ok()) return big;
  Raster raster;
  raster.pix.reset(pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()));
  if (!raster.pix) return Status(StatusCode::kUnreadable, "the picture could not be decoded");
  l_int32 xres = 0;
  l_int32 yres = 0;
  pixGetResolution(raster.pix.get(), &xres, &yres);
  int dpi = SaneDpi(std::max(xres, yres));
  if (dpi == 0) dpi = kDefaultImageDpi;
  PixPtr grey(pixConvertTo8(raster.pix.get(), 0));
  if (!grey) return Status(StatusCode::kUnreadable, "the picture could not be converted to grey");
  raster.pix = std::move(grey);
  raster.dpi = dpi;
  pixSetResolution(raster.pix.get(), dpi, dpi);
  return Recognise(std::move(raster), options);
}

}  // namespace qpm::ocr
