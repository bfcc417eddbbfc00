// The pictures a PDF's pages draw (extractors/read/pictures.h), by Poppler's own
// interpreter: an output device that draws nothing and notes each image as it is
// painted, with the graphics state's transform (where it lands on the page).
#include <Error.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <goo/GooString.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <utility>

#include "extractors/read/pdf_text.h"
#include "extractors/read/pictures.h"
#include "pipeline/core/utf8.h"

namespace qpm::extract {
namespace {

void Quiet(ErrorCategory /*category*/, Goffset /*pos*/, const char* /*msg*/) {}

// At most this many pictures are noted on one page: a page that draws more (a
// pattern of tiles, a mosaic of a scan) is noted as far as this.
constexpr size_t kMaxPicturesPerPage = 200;

class ImageNoter : public OutputDev {
 public:
  std::vector<Picture> found;
  int page = 0;

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }

  void startPage(int number, GfxState* state, XRef* /*xref*/) override {
    page = number;
    width_ = state != nullptr ? state->getPageWidth() : 0;
    height_ = state != nullptr ? state->getPageHeight() : 0;
    count_ = 0;
  }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_image) override {
    Note(state, ref, width, height);
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* map, bool interpolate, const int* mask_colors,
                 bool inline_image) override {
    Note(state, ref, width, height);
    OutputDev::drawImage(state, ref, str, width, height, map, interpolate, mask_colors,
                         inline_image);
  }
  // The base class draws a masked image as its image alone, through drawImage.

 private:
  void Note(GfxState* state, const Object* ref, int width, int height) {
    ++count_;  // numbered in drawing order, whether noted or not, so numbers are stable
    if (found.size() >= kMaxPicturesPerPage || width <= 0 || height <= 0) return;
    std::optional<Box> b;
    for (auto [ix, iy] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}}) {
      double px = 0, py = 0;
      state->transform(ix, iy, &px, &py);
      if (!std::isfinite(px) || !std::isfinite(py)) return;
      if (!b) b = Box{px, py, px, py};
      b->x0 = std::min(b->x0, px);
      b->y0 = std::min(b->y0, py);
      b->x1 = std::max(b->x1, px);
      b->y1 = std::max(b->y1, py);
    }
    // What shows of it: inside the clip and on the page.
    double cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0;
    state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
    Box shown{std::max({b->x0, cx0, 0.0}), std::max({b->y0, cy0, 0.0}),
              std::min({b->x1, cx1, width_}), std::min({b->y1, cy1, height_})};
    if (shown.x1 <= shown.x0 || shown.y1 <= shown.y0) return;
    // The pixels that show: a picture cropped by its clip shows only part of them.
    double fx = (shown.x1 - shown.x0) / std::max(b->x1 - b->x0, 1e-6);
    double fy = (shown.y1 - shown.y0) / std::max(b->y1 - b->y0, 1e-6);
    bool sideways = std::fabs(state->getCTM()[1]) > std::fabs(state->getCTM()[0]);
    double w = sideways ? height : width;
    double h = sideways ? width : height;
    Picture p;
    p.page = page;
    p.number = count_;
    p.box = shown;
    p.width_px = static_cast<int>(std::lround(w * std::min(fx, 1.0)));
    p.height_px = static_cast<int>(std::lround(h * std::min(fy, 1.0)));
    if (ref != nullptr && ref->isRef()) p.object = ref->getRef().num;
    found.push_back(std::move(p));
  }

  double width_ = 0, height_ = 0;
  int count_ = 0;
};

std::unique_ptr<PDFDoc> Open(const std::string& path, const std::vector<std::string>& passwords) {
  auto open = [&path](const std::string& pw) {
    std::optional<GooString> p;
    if (!pw.empty()) p = GooString(pw);
    return std::make_unique<PDFDoc>(std::make_unique<GooString>(path), p, p);
  };
  std::unique_ptr<PDFDoc> doc = open("");
  for (size_t k = 0; k < passwords.size() && !doc->isOk() && doc->getErrorCode() == errEncrypted;
       ++k) {
    for (const std::string& pw : {passwords[k], PasswordAsLatin1(passwords[k])}) {
      if (pw.empty()) continue;
      doc = open(pw);
      if (doc->isOk() || doc->getErrorCode() != errEncrypted) break;
    }
  }
  return doc;
}

}  // namespace

Result<std::vector<Picture>> ListPdfPictures(const std::string& path,
                                             const std::vector<std::string>& passwords,
                                             const std::vector<int>& pages) {
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  setErrorCallback(&Quiet);
  std::unique_ptr<PDFDoc> doc = Open(path, passwords);
  if (!doc->isOk()) {
    if (doc->getErrorCode() == errEncrypted) {
      return Status(StatusCode::kPasswordNeeded, "the PDF is locked with a password");
    }
    return Status(StatusCode::kUnreadable, "the PDF could not be opened");
  }
  ImageNoter noter;
  for (int n : pages) {
    if (n < 1 || n > doc->getNumPages()) continue;
    // As pdf_hidden.cc draws its survey: 72 dpi, the crop box, top left first, so
    // boxes are in the coordinates of the page's word boxes.
    doc->displayPage(&noter, n, 72, 72, 0, false, true, false);
  }
  return std::move(noter.found);
}

}  // namespace qpm::extract
