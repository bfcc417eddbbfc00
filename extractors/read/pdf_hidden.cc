#include "extractors/read/pdf_hidden.h"

#include <Annot.h>
#include <Catalog.h>
#include <Error.h>
#include <FileSpec.h>
#include <GfxFont.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <JSInfo.h>
#include <OptionalContent.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <goo/GooString.h>
#include <goo/gfile.h>
#include <splash/SplashBitmap.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_set>
#include <utility>

#include "extractors/read/pdf_text.h"
#include "extractors/read/read_apart.h"
#include "pipeline/core/model_json.h"
#include "pipeline/core/rules.h"
#include "pipeline/core/utf8.h"

namespace qpm::extract {
namespace {

// The resolution pages are rendered at to compare them, and the most pixels one
// render may have (a poster-sized page is rendered smaller).
constexpr double kRenderDpi = 100;
constexpr double kMaxRenderPixels = 12e6;
// A glyph is hidden when at most this share of its box changes as its text goes.
constexpr double kHiddenDiffShare = 0.03;
// Text smaller than this, in points, cannot be read.
constexpr double kTinyPoints = 1.5;
// Earlier revisions looked at, the latest first.
constexpr int kMaxRevisions = 8;
// What one page's survey keeps, so that memory stays bounded by a page of sense: a
// page past these is judged by rendering every glyph kept.
constexpr size_t kMaxGlyphs = 200'000;
constexpr size_t kMaxPaints = 200'000;

// One glyph as drawn, in device space: points, origin at the top left of the crop
// box as displayed.
struct Glyph {
  Box box;
  std::string text;  // UTF-8; U+FFFD when the font gives no Unicode
  int mode = 0;      // text render mode: 3 invisible, 7 clip only
  double lum = 0;    // fill colour's luminance, 0 black to 1 white
  double alpha = 1;
  double size = 0;  // font size as drawn, points
  int seq = 0;      // drawing order among glyphs and paints
  bool clipped = false;
  bool letter = false;      // a letter, a digit, or a glyph with no Unicode
  bool annotation = false;  // drawn by an annotation (a comment, a form field), not the page
  // Where the glyph starts on its baseline and where the next one would, in device
  // space: lines are followed along them, so text turned on the page reads too.
  double ox = 0, oy = 0, ax = 0, ay = 0;
};

// Whether `next` follows `last` on the same line, and whether a space lies between
// them: measured along `last`'s advance and across it, in units of its size.
struct Step {
  bool same_line = false;
  bool gap = false;
};
Step StepBetween(const Glyph& last, const Glyph& next) {
  double len = std::hypot(last.ax, last.ay);
  double size = std::max(last.size, 1.0);
  Step step;
  if (len <= 1e-9) {
    // No advance to follow (a zero-width glyph): compare the boxes' centres.
    double h = std::max(1.0, last.box.y1 - last.box.y0);
    step.same_line =
        std::abs((next.box.y0 + next.box.y1) / 2 - (last.box.y0 + last.box.y1) / 2) < h / 2 &&
        next.box.x0 - last.box.x1 < 3 * h;
    step.gap = next.box.x0 - last.box.x1 > h / 4;
    return step;
  }
  double ux = last.ax / len, uy = last.ay / len;
  double dx = next.ox - (last.ox + last.ax), dy = next.oy - (last.oy + last.ay);
  double along = dx * ux + dy * uy;
  double across = std::abs(dx * uy - dy * ux);
  step.same_line = across < size / 2 && along > -size && along < 3 * size;
  step.gap = along > size / 4;
  return step;
}

// Something painted that is not text: a fill, a stroke, an image, a shading.
struct Paint {
  Box box;
  int seq = 0;
  double lum = -1;  // its colour's luminance; -1 when it has many (images, patterns)
};

double Area(const Box& b) { return std::max(0.0, b.x1 - b.x0) * std::max(0.0, b.y1 - b.y0); }

double Overlap(const Box& a, const Box& b) {
  Box i{std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
  return Area(i);
}

GfxRGB FillRGB(const GfxState* state) {
  GfxRGB rgb{};
  state->getFillRGB(&rgb);
  return rgb;
}

GfxRGB StrokeRGB(const GfxState* state) {
  GfxRGB rgb{};
  state->getStrokeRGB(&rgb);
  return rgb;
}

double Luminance(const GfxRGB& rgb) {
  return 0.299 * colToDbl(rgb.r) + 0.587 * colToDbl(rgb.g) + 0.114 * colToDbl(rgb.b);
}

bool IsLetter(const Unicode* u, int len) {
  if (len <= 0) return true;  // no Unicode: may be a name in a font that hides it
  for (int i = 0; i < len; ++i) {
    Unicode c = u[i];
    if (c < 0x80) {
      if (std::isalnum(static_cast<int>(c)) != 0) return true;
    } else if (c >= 0xC0 && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F) &&
               !(c >= 0xE000 && c <= 0xF8FF) && c != 0xD7 && c != 0xF7) {
      return true;
    }
  }
  return false;
}

// Records every glyph and every paint of a page, in drawing order; draws nothing.
class Survey : public OutputDev {
 public:
  std::vector<Glyph> glyphs;
  std::vector<Paint> paints;
  bool in_annotations = false;  // set by AnnotationsBegin once the page's own content is drawn
  bool overflow = false;        // more glyphs or paints than kept: judge every glyph by render
  double page_width = 0, page_height = 0;
  std::array<double, 6> base_ctm{};  // default user space → device, at the page's start

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return true; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }
  bool useShadedFills(int /*type*/) override { return true; }
  bool useTilingPatternFill() override { return true; }

  void startPage(int /*page*/, GfxState* state, XRef* /*xref*/) override {
    glyphs.clear();
    paints.clear();
    seq_ = 0;
    in_annotations = false;
    overflow = false;
    if (state == nullptr) return;
    page_width = state->getPageWidth();
    page_height = state->getPageHeight();
    const double* m = state->getCTM();
    std::copy(m, m + 6, base_ctm.begin());
  }

  void fill(GfxState* state) override { AddPath(state, 0, FillRGB(state)); }
  void eoFill(GfxState* state) override { AddPath(state, 0, FillRGB(state)); }
  void stroke(GfxState* state) override {
    AddPath(state, state->getTransformedLineWidth() / 2, StrokeRGB(state));
  }
  bool tilingPatternFill(GfxState* state, Gfx* /*gfx*/, Catalog* /*cat*/,
                         GfxTilingPattern* /*pattern*/, const double* /*mat*/, int /*x0*/,
                         int /*y0*/, int /*x1*/, int /*y1*/, double /*xs*/,
                         double /*ys*/) override {
    AddClipArea(state);
    return true;
  }
  bool functionShadedFill(GfxState* state, GfxFunctionShading* /*s*/) override {
    AddClipArea(state);
    return true;
  }
  bool axialShadedFill(GfxState* state, GfxAxialShading* /*s*/, double /*t0*/,
                       double /*t1*/) override {
    AddClipArea(state);
    return true;
  }
  bool radialShadedFill(GfxState* state, GfxRadialShading* /*s*/, double /*s0*/,
                        double /*s1*/) override {
    AddClipArea(state);
    return true;
  }
  bool gouraudTriangleShadedFill(GfxState* state, GfxGouraudTriangleShading* /*s*/) override {
    AddClipArea(state);
    return true;
  }
  bool patchMeshShadedFill(GfxState* state, GfxPatchMeshShading* /*s*/) override {
    AddClipArea(state);
    return true;
  }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_image) override {
    AddImage(state, Luminance(FillRGB(state)));
    // The base class skips an inline image's data, so the content stream reads on.
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* map, bool interpolate, const int* mask_colors,
                 bool inline_image) override {
    AddImage(state, -1);
    OutputDev::drawImage(state, ref, str, width, height, map, interpolate, mask_colors,
                         inline_image);
  }

  void drawChar(GfxState* state, double x, double y, double dx, double dy, double /*ox*/,
                double /*oy*/, CharCode /*code*/, int /*bytes*/, const Unicode* u,
                int len) override {
    Glyph g;
    g.mode = state->getRender() & 7;
    g.size = state->getTransformedFontSize();
    double ascent = 0.9, descent = -0.2;
    double type3 = 1;  // a Type 3 font's own scale: its FontMatrix need not be 1/1000
    if (const std::shared_ptr<GfxFont>& font = state->getFont()) {
      ascent = std::clamp(font->getAscent(), 0.5, 1.1);
      descent = std::clamp(font->getDescent(), -0.4, 0.0);
      if (font->getType() == fontType3) {
        const double* m = font->getFontMatrix();
        double k = std::hypot(m[2], m[3]) / 0.001;
        if (std::isfinite(k) && k > 0) type3 = k;
      }
    }
    g.size *= type3;
    if (!std::isfinite(g.size)) return;
    double ux = 0, uy = 0;  // the glyph's "up", one font size long, in user space
    state->textTransformDelta(0, state->getFontSize() * type3, &ux, &uy);
    std::array<std::pair<double, double>, 4> corners = {{
        {x + descent * ux, y + descent * uy},
        {x + dx + descent * ux, y + dy + descent * uy},
        {x + ascent * ux, y + ascent * uy},
        {x + dx + ascent * ux, y + dy + ascent * uy},
    }};
    bool first = true;
    for (auto [cx, cy] : corners) {
      double px = 0, py = 0;
      state->transform(cx, cy, &px, &py);
      if (!std::isfinite(px) || !std::isfinite(py)) return;
      if (first) {
        g.box = Box{px, py, px, py};
        first = false;
      }
      g.box.x0 = std::min(g.box.x0, px);
      g.box.y0 = std::min(g.box.y0, py);
      g.box.x1 = std::max(g.box.x1, px);
      g.box.y1 = std::max(g.box.y1, py);
    }
    state->transform(x, y, &g.ox, &g.oy);
    state->transformDelta(dx, dy, &g.ax, &g.ay);
    if (!std::isfinite(g.ox) || !std::isfinite(g.oy) || !std::isfinite(g.ax) ||
        !std::isfinite(g.ay)) {
      return;
    }
    GfxRGB rgb = g.mode == 1 || g.mode == 5 ? StrokeRGB(state) : FillRGB(state);
    g.lum = Luminance(rgb);
    g.alpha = g.mode == 1 || g.mode == 5 ? state->getStrokeOpacity() : state->getFillOpacity();
    double cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0;
    state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
    double mx = (g.box.x0 + g.box.x1) / 2, my = (g.box.y0 + g.box.y1) / 2;
    g.clipped = mx < cx0 || mx > cx1 || my < cy0 || my > cy1;
    g.letter = IsLetter(u, len);
    if (len <= 0) {
      g.text = "\xEF\xBF\xBD";
    } else {
      for (int i = 0; i < len; ++i) AppendUtf8(u[i], g.text);
    }
    g.annotation = in_annotations;
    g.seq = seq_++;
    if (glyphs.size() >= kMaxGlyphs) {
      overflow = true;
      return;
    }
    glyphs.push_back(std::move(g));
  }

 private:
  void AddPath(GfxState* state, double pad, const GfxRGB& rgb) {
    const GfxPath* path = state->getPath();
    if (path == nullptr) return;
    std::optional<Box> b;
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      for (int j = 0; j < sub->getNumPoints(); ++j) {
        double px = 0, py = 0;
        state->transform(sub->getX(j), sub->getY(j), &px, &py);
        if (!std::isfinite(px) || !std::isfinite(py)) continue;
        if (!b) b = Box{px, py, px, py};
        b->x0 = std::min(b->x0, px);
        b->y0 = std::min(b->y0, py);
        b->x1 = std::max(b->x1, px);
        b->y1 = std::max(b->y1, py);
      }
    }
    if (!b) return;
    *b = Box{b->x0 - pad, b->y0 - pad, b->x1 + pad, b->y1 + pad};
    AddPaint(state, *b, Luminance(rgb));
  }
  void AddImage(GfxState* state, double lum) {
    std::optional<Box> b;
    for (auto [ix, iy] :
         std::array<std::pair<double, double>, 4>{{{0, 0}, {1, 0}, {0, 1}, {1, 1}}}) {
      double px = 0, py = 0;
      state->transform(ix, iy, &px, &py);
      if (!b) b = Box{px, py, px, py};
      b->x0 = std::min(b->x0, px);
      b->y0 = std::min(b->y0, py);
      b->x1 = std::max(b->x1, px);
      b->y1 = std::max(b->y1, py);
    }
    AddPaint(state, *b, lum);
  }
  void AddClipArea(GfxState* state) {
    Box b;
    state->getClipBBox(&b.x0, &b.y0, &b.x1, &b.y1);
    AddPaint(state, b, -1);
  }
  void AddPaint(GfxState* state, Box b, double lum) {
    // What is painted is at most what the clip lets through.
    Box clip;
    state->getClipBBox(&clip.x0, &clip.y0, &clip.x1, &clip.y1);
    Paint p;
    p.box = Box{std::max(b.x0, clip.x0), std::max(b.y0, clip.y0), std::min(b.x1, clip.x1),
                std::min(b.y1, clip.y1)};
    // A hostile matrix gives infinities and NaN, which no comparison below may meet.
    for (double v : {p.box.x0, p.box.y0, p.box.x1, p.box.y1}) {
      if (!std::isfinite(v)) return;
    }
    if (p.box.x1 < p.box.x0 || p.box.y1 < p.box.y0) return;
    p.lum = lum;
    p.seq = seq_++;
    if (paints.size() >= kMaxPaints) {
      overflow = true;
      return;
    }
    paints.push_back(p);
  }

  int seq_ = 0;
};

// Whether an annotation counts as drawn over the page. The icons of sticky notes,
// attached files and sounds are not: a reader shows them over the text, but moves
// or hides them at a click, and nobody draws one to hide a word. They are left out
// of the survey and of both renders alike.
bool DrawnOverPage(Annot* annot) {
  if (annot == nullptr) return false;
  switch (annot->getType()) {
    case Annot::typeText:
    case Annot::typePopup:
    case Annot::typeFileAttachment:
    case Annot::typeSound:
      return false;
    default:
      return true;
  }
}

bool OnlyDrawnOverPage(Annot* annot, void* /*device*/) { return DrawnOverPage(annot); }

// Called by Poppler before it draws each annotation, after the page's own content:
// from then on, text is an annotation's (a comment's, a form field's), not the page's.
template <typename Device>
bool AnnotationsBegin(Annot* annot, void* device) {
  static_cast<Device*>(device)->in_annotations = true;
  return DrawnOverPage(annot);
}

// Renders a page without the text of its own content: those glyphs are skipped,
// Type 3 ones too. Annotations are drawn whole, their text included, so that text
// an annotation draws over the page's own (a FreeText over a white box) is not
// taken for the page's.
class NoTextRenderer : public SplashOutputDev {
 public:
  using SplashOutputDev::SplashOutputDev;
  bool in_annotations = false;
  void startPage(int page, GfxState* state, XRef* refs) override {
    in_annotations = false;
    SplashOutputDev::startPage(page, state, refs);
  }
  void drawChar(GfxState* state, double x, double y, double dx, double dy, double ox, double oy,
                CharCode code, int bytes, const Unicode* u, int len) override {
    // Clip-only text (render mode 7) paints nothing, but what it clips must stay
    // clipped in this render too.
    if (in_annotations || (state->getRender() & 7) == 7) {
      SplashOutputDev::drawChar(state, x, y, dx, dy, ox, oy, code, bytes, u, len);
    }
  }
  bool beginType3Char(GfxState* state, double x, double y, double dx, double dy, CharCode code,
                      const Unicode* u, int len) override {
    if (in_annotations) return SplashOutputDev::beginType3Char(state, x, y, dx, dy, code, u, len);
    return true;  // "already drawn": Gfx skips the glyph's procedure
  }
};

// A rendered part of a page: `x`, `y` is its top left corner in the page's pixels.
struct Pixels {
  int x = 0, y = 0;
  int width = 0, height = 0, row = 0;
  std::vector<unsigned char> rgb;
};

Pixels Take(SplashOutputDev& out, int x, int y) {
  Pixels p;
  p.x = x;
  p.y = y;
  SplashBitmap* bitmap = out.getBitmap();
  if (bitmap == nullptr) return p;
  p.width = bitmap->getWidth();
  p.height = bitmap->getHeight();
  p.row = bitmap->getRowSize();
  const unsigned char* data = bitmap->getDataPtr();
  if (data == nullptr || p.row <= 0 || p.height <= 0) return Pixels{};
  p.rgb.assign(data, data + static_cast<size_t>(p.row) * static_cast<size_t>(p.height));
  return p;
}

// What the page shows in a glyph's box, with and without the text.
struct BoxLook {
  int pixels = 0;
  int changed = 0;  // pixels that differ between the two renders
  int dark = 0;     // pixels darker than a quarter of white, with the text
  int light = 0;    // pixels lighter than three quarters of white, with the text
  int blank = 0;    // pixels as light as paper (seven eighths of white and more)
};

BoxLook Look(const Pixels& with, const Pixels& without, const Box& box, double scale) {
  BoxLook look;
  if (with.width != without.width || with.height != without.height || with.rgb.empty()) {
    return look;
  }
  // In the slice's pixels, clamped as doubles before they become ints.
  auto pixel = [](double v, double lo, double hi) {
    return static_cast<int>(std::clamp(v, lo, hi));
  };
  int x0 = pixel(std::floor(box.x0 * scale) - with.x, 0, with.width);
  int y0 = pixel(std::floor(box.y0 * scale) - with.y, 0, with.height);
  int x1 = pixel(std::ceil(box.x1 * scale) - with.x, 0, with.width);
  int y1 = pixel(std::ceil(box.y1 * scale) - with.y, 0, with.height);
  for (int y = y0; y < y1; ++y) {
    size_t row = static_cast<size_t>(y) * static_cast<size_t>(with.row);
    for (int x = x0; x < x1; ++x) {
      size_t i = row + static_cast<size_t>(x) * 3;
      const unsigned char* a = &with.rgb[i];
      const unsigned char* b = &without.rgb[i];
      ++look.pixels;
      if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2]) ++look.changed;
      int lum = (299 * a[0] + 587 * a[1] + 114 * a[2]) / 1000;
      if (lum < 64) ++look.dark;
      if (lum > 191) ++look.light;
      if (lum > 224) ++look.blank;
    }
  }
  return look;
}

// Words that only say a redaction was made, and may sit under its box.
bool IsRedactionLabel(const std::string& text) {
  std::string letters;
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  static const std::set<std::string> kLabels = {
      "redacted",     "redaction",  "confidential", "privileged",
      "privilege",    "withheld",   "removed",      "nameredacted",
      "exempt",       "anonymised", "anonymized",   "privilegedandconfidential",
      "personaldata", "deleted",
  };
  return kLabels.count(letters) != 0;
}

// True when `text` only fills the place of something removed: two or more of one
// and the same letter or digit ("XXXX", "0000"), or a lone "X". Letters beyond ASCII
// count as letters; glyphs with no Unicode (U+FFFD) are never filler: they may be a
// name in a font that hides it.
bool IsFiller(const std::string& text) {
  std::vector<std::string> letters;
  for (size_t i = 0; i < text.size();) {
    size_t bad = 0;
    size_t n = Utf8CharLength(text, i, &bad);
    if (n == 0) n = std::max<size_t>(bad, 1);
    std::string c = text.substr(i, n);
    i += n;
    unsigned char b = static_cast<unsigned char>(c[0]);
    if (b < 0x80) {
      if (std::isalnum(b) == 0) continue;
      c = std::string(1, static_cast<char>(std::tolower(b)));
    }
    if (c == "\xEF\xBF\xBD") return false;
    letters.push_back(c);
  }
  if (letters.empty()) return true;
  if (letters.size() == 1) return letters[0] == "x";
  return std::all_of(letters.begin(), letters.end(),
                     [&](const std::string& c) { return c == letters[0]; });
}

// Joins hidden glyphs of one kind that follow each other on a line into spans.
class SpanBuilder {
 public:
  SpanBuilder(int page, std::vector<HiddenText>& out) : page_(page), out_(out) {}
  ~SpanBuilder() { Close(); }
  SpanBuilder(const SpanBuilder&) = delete;
  SpanBuilder& operator=(const SpanBuilder&) = delete;

  // A glyph in drawing order; `kind` is "" when it is not hidden. `over`: something
  // painted after it lies over it.
  void Add(const Glyph& g, const std::string& kind, bool over = false) {
    if (!g.letter) {
      if (open_) pending_.push_back(&g);
      return;
    }
    if (kind.empty()) {
      Close();
      return;
    }
    if (open_ && (kind != span_.kind || !StepBetween(*last_, g).same_line)) Close();
    if (!open_) {
      open_ = true;
      span_ = HiddenText{kind, page_, g.box, ""};
      last_ = nullptr;
    } else {
      for (const Glyph* p : pending_) Append(*p);
    }
    pending_.clear();
    span_.drawn_over = span_.drawn_over || over;
    Append(g);
  }

  void Close() {
    if (open_ && !IsFiller(span_.text) && !IsRedactionLabel(span_.text)) {
      out_.push_back(span_);
    }
    open_ = false;
    pending_.clear();
  }

 private:
  void Append(const Glyph& g) {
    if (last_ != nullptr && !span_.text.empty() && span_.text.back() != ' ' && g.text != " " &&
        StepBetween(*last_, g).gap) {
      span_.text += ' ';
    }
    span_.text += g.text;
    Box& b = *span_.box;
    b = Box{std::min(b.x0, g.box.x0), std::min(b.y0, g.box.y0), std::max(b.x1, g.box.x1),
            std::max(b.y1, g.box.y1)};
    last_ = &g;
  }

  int page_;
  std::vector<HiddenText>& out_;
  bool open_ = false;
  HiddenText span_;
  const Glyph* last_ = nullptr;  // the glyph appended last; glyphs outlive the builder
  std::vector<const Glyph*> pending_;
};

bool Invisible(const Glyph& g) { return g.mode == 3 || g.mode == 7; }

// The paints of a page by the horizontal bands of the page they touch, so that a
// glyph is compared with the paints near it only (a map may have 100,000 paths).
class PaintIndex {
 public:
  static constexpr double kBand = 12;  // points
  static constexpr size_t kMaxBands = 1024;

  explicit PaintIndex(const std::vector<Paint>& paints) : paints_(paints) {
    for (size_t i = 0; i < paints.size(); ++i) {
      auto [first, last] = Bands(paints[i].box);
      if (last - first > 32) {
        wide_.push_back(i);  // a page-wide paint: compared with every glyph
        continue;
      }
      for (size_t b = first; b <= last; ++b) {
        if (bands_.size() <= b) bands_.resize(b + 1);
        bands_[b].push_back(i);
      }
    }
  }

  // Whether a glyph needs the renders to be judged: something was painted over it,
  // or under it in a colour close to its own; it is invisible, faint, light or clipped.
  bool MayBeHidden(const Glyph& g) const {
    if (Invisible(g) || g.alpha < 0.5 || g.lum > 0.75 || g.clipped) return true;
    double area = Area(g.box);
    if (area <= 0) return false;
    auto near = [&](size_t i) {
      const Paint& p = paints_[i];
      if (Overlap(g.box, p.box) / area < 0.3) return false;
      if (p.seq > g.seq) return true;                     // painted over it
      return p.lum < 0 || std::abs(p.lum - g.lum) < 0.3;  // under it, close in colour
    };
    if (std::any_of(wide_.begin(), wide_.end(), near)) return true;
    auto [first, last] = Bands(g.box);
    for (size_t b = first; b <= last && b < bands_.size(); ++b) {
      if (std::any_of(bands_[b].begin(), bands_[b].end(), near)) return true;
    }
    return false;
  }

  // Whether something painted after `g` lies over at least 30 % of it (a shape or a
  // picture laid over the text, not the colour beneath it).
  bool PaintedOver(const Glyph& g) const {
    double area = Area(g.box);
    if (area <= 0) return false;
    auto over = [&](size_t i) {
      const Paint& p = paints_[i];
      return p.seq > g.seq && Overlap(g.box, p.box) / area >= 0.3;
    };
    if (std::any_of(wide_.begin(), wide_.end(), over)) return true;
    auto [first, last] = Bands(g.box);
    for (size_t b = first; b <= last && b < bands_.size(); ++b) {
      if (std::any_of(bands_[b].begin(), bands_[b].end(), over)) return true;
    }
    return false;
  }

 private:
  static std::pair<size_t, size_t> Bands(const Box& b) {
    auto band = [](double y) {
      double k = std::clamp(y / kBand, 0.0, static_cast<double>(kMaxBands - 1));
      return static_cast<size_t>(k);
    };
    return {band(b.y0), band(b.y1)};
  }

  const std::vector<Paint>& paints_;
  std::vector<std::vector<size_t>> bands_;
  std::vector<size_t> wide_;
};

std::string WordsKey(const std::string& word) {
  std::string out;
  for (char c : word) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u) != 0) {
      out += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    }
  }
  return out;
}

// The words of a page as drawn, split where a space is drawn or a gap is left.
std::vector<std::pair<std::string, Box>> Words(const std::vector<Glyph>& glyphs) {
  std::vector<std::pair<std::string, Box>> words;
  std::string word;
  int letters = 0;  // in `word`: a word is two letters or digits at least, not "●"
  Box box;
  const Glyph* last = nullptr;
  auto flush = [&]() {
    if (letters >= 2) words.emplace_back(word, box);
    word.clear();
    letters = 0;
  };
  for (const Glyph& g : glyphs) {
    bool space = g.text == " " || g.text == "\t";
    bool gap = false;
    if (!word.empty() && last != nullptr) {
      Step step = StepBetween(*last, g);
      gap = !step.same_line || step.gap;
    }
    if (space || gap) flush();
    if (space) continue;
    if (word.empty()) box = g.box;
    word += g.text;
    if (g.letter) ++letters;
    box = Box{std::min(box.x0, g.box.x0), std::min(box.y0, g.box.y0), std::max(box.x1, g.box.x1),
              std::max(box.y1, g.box.y1)};
    last = &g;
  }
  flush();
  return words;
}

struct Opened {
  std::unique_ptr<GooFile> file;  // outlives the document, which reads through it
  std::unique_ptr<PDFDoc> doc;
};

// Opens the first `length` bytes of the file (all of it when 0) with the password.
Opened Open(const std::string& path, const std::string& password, Goffset length) {
  Opened o;
  std::optional<GooString> pw;
  if (!password.empty()) pw = GooString(password);
  if (length == 0) {
    o.doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path), pw, pw);
    if (!o.doc->isOk() && !password.empty() && o.doc->getErrorCode() == errEncrypted) {
      std::string latin1 = PasswordAsLatin1(password);
      if (!latin1.empty() && latin1 != password) {
        std::optional<GooString> pw1 = GooString(latin1);
        o.doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path), pw1, pw1);
      }
    }
    return o;
  }
  o.file = GooFile::open(path);
  if (!o.file) return o;
  auto* stream = new FileStream(o.file.get(), 0, true, length, Object(objNull));
  o.doc = std::make_unique<PDFDoc>(stream, pw, pw);  // takes the stream
  return o;
}

// Where each revision of the file ends: the byte after each "%%EOF", in order.
std::vector<Goffset> RevisionEnds(const std::string& path) {
  std::vector<Goffset> ends;
  std::ifstream in(path, std::ios::binary);
  std::string carry;
  std::vector<char> buf(1 << 16);
  Goffset base = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    std::streamsize n = in.gcount();
    if (n <= 0) break;
    std::string chunk = carry + std::string(buf.data(), static_cast<size_t>(n));
    Goffset chunk_start = base - static_cast<Goffset>(carry.size());
    for (size_t at = chunk.find("%%EOF"); at != std::string::npos;
         at = chunk.find("%%EOF", at + 5)) {
      ends.push_back(chunk_start + static_cast<Goffset>(at) + 5);
    }
    base += n;
    carry = chunk.size() >= 4 ? chunk.substr(chunk.size() - 4) : chunk;
    if (ends.size() > 10'000) break;
  }
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  // A revision of this file ends in "startxref N %%EOF" where N, counted from the
  // file's start, is where its cross-reference is: "xref", or an "n g obj" holding an
  // xref stream. A PDF stored whole inside this one (an attachment) ends in a
  // %%EOF too, whose N counts from its own start and points nowhere of the kind.
  in.clear();
  auto read_at = [&in](Goffset at, size_t length) {
    std::string out(length, '\0');
    in.seekg(static_cast<std::streamoff>(std::max<Goffset>(at, 0)));
    in.read(out.data(), static_cast<std::streamsize>(length));
    out.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    in.clear();
    return out;
  };
  Goffset header = 0;
  if (size_t at = read_at(0, 1024).find("%PDF-"); at != std::string::npos) {
    header = static_cast<Goffset>(at);
  }
  std::erase_if(ends, [&](Goffset end) {
    Goffset from = std::max<Goffset>(end - 5 - 1024, 0);
    std::string tail = read_at(from, static_cast<size_t>(end - 5 - from));
    size_t key = tail.rfind("startxref");
    if (key == std::string::npos) return true;
    char* stop = nullptr;
    long long xref = std::strtoll(tail.c_str() + key + 9, &stop, 10);
    if (stop == tail.c_str() + key + 9 || xref < 0 || xref + header >= end) return true;
    // Offsets count from "%PDF-", wherever it is in the first kilobyte; and a
    // writer may point at the end of line before the keyword.
    std::string at = read_at(static_cast<Goffset>(xref) + header, 40);
    size_t i = 0;
    while (i < 4 && i < at.size() && std::isspace(static_cast<unsigned char>(at[i])) != 0) ++i;
    if (at.compare(i, 4, "xref") == 0) return false;
    for (int number = 0; number < 2; ++number) {  // "12 0 obj"
      size_t digits = i;
      while (i < at.size() && std::isdigit(static_cast<unsigned char>(at[i])) != 0) ++i;
      if (i == digits) return true;
      while (i < at.size() && std::isspace(static_cast<unsigned char>(at[i])) != 0) ++i;
    }
    return at.compare(i, 3, "obj") != 0;
  });
  return ends;
}

void Quiet(ErrorCategory /*category*/, Goffset /*pos*/, const char* /*msg*/) {}

class Finder {
 public:
  Finder(PDFDoc& doc, uint32_t max_pages) : doc_(doc), max_pages_(max_pages) {}

  std::vector<HiddenText> Run(const std::string& path, const std::string& password) {
    int pages = std::min<int>(doc_.getNumPages(), static_cast<int>(max_pages_));
    Scripts();
    std::vector<OptionalContentGroup*> off;
    if (OCGs* ocgs = doc_.getCatalog()->getOptContentConfig()) {
      for (const auto& [ref, group] : ocgs->getOCGs()) {
        if (group && group->getState() == OptionalContentGroup::Off) off.push_back(group.get());
      }
    }
    for (int n = 1; n <= pages; ++n) {
      Survey survey;
      doc_.displayPage(&survey, n, 72, 72, 0, false, true, false, nullptr, nullptr,
                       &AnnotationsBegin<Survey>, &survey);
      JudgePage(n, survey);
      RedactMarks(n, survey);
      if (!off.empty()) HiddenLayers(n, survey, off);
      for (const auto& [word, box] : Words(survey.glyphs)) words_.insert(WordsKey(word));
    }
    EarlierRevisions(path, password, pages);
    return std::move(out_);
  }

 private:
  void JudgePage(int n, const Survey& survey) {
    const std::vector<Glyph>& glyphs = survey.glyphs;
    std::vector<std::string> kinds(glyphs.size());
    bool render = false;
    Box page{0, 0, survey.page_width, survey.page_height};
    PaintIndex paints(survey.paints);
    for (size_t i = 0; i < glyphs.size(); ++i) {
      const Glyph& g = glyphs[i];
      if (!g.letter || g.annotation) continue;
      double mx = (g.box.x0 + g.box.x1) / 2, my = (g.box.y0 + g.box.y1) / 2;
      if (mx < page.x0 || mx > page.x1 || my < page.y0 || my > page.y1) {
        kinds[i] = "off-page";
      } else if (!Invisible(g) && g.size < kTinyPoints) {
        kinds[i] = "tiny";
      } else if (survey.overflow || paints.MayBeHidden(g)) {
        kinds[i] = "?";
        render = true;
      }
    }
    if (render) Render(n, survey, kinds);
    // Off-page text is listed on its own: the spans of the page keep to the page.
    SpanBuilder spans(n, out_);
    for (size_t i = 0; i < glyphs.size(); ++i) {
      std::string kind = kinds[i] == "?" ? std::string() : kinds[i];
      bool hidden = kind == "covered" || kind == "background";
      spans.Add(glyphs[i], kind, hidden && paints.PaintedOver(glyphs[i]));
    }
  }

  void Render(int n, const Survey& survey, std::vector<std::string>& kinds) {
    double dpi = kRenderDpi;
    double pixels = survey.page_width * survey.page_height * (dpi / 72) * (dpi / 72);
    if (pixels > kMaxRenderPixels) dpi *= std::sqrt(kMaxRenderPixels / pixels);
    double scale = dpi / 72;
    const std::vector<Glyph>& glyphs = survey.glyphs;
    // Only the part of the page where the glyphs to judge lie is rasterised.
    std::optional<Box> area;
    for (size_t i = 0; i < glyphs.size(); ++i) {
      if (kinds[i] != "?") continue;
      const Box& b = glyphs[i].box;
      area = area ? Box{std::min(area->x0, b.x0), std::min(area->y0, b.y0),
                        std::max(area->x1, b.x1), std::max(area->y1, b.y1)}
                  : b;
    }
    if (!area) return;
    // Clamped as doubles first: a glyph's box may be finite and still far too big
    // for an int (a hostile matrix), and only the page can be rendered anyway.
    double page_w = std::ceil(survey.page_width * scale);
    double page_h = std::ceil(survey.page_height * scale);
    auto pixel = [](double v, double hi) { return static_cast<int>(std::clamp(v, 0.0, hi)); };
    int sx = pixel(std::floor(area->x0 * scale) - 2, page_w);
    int sy = pixel(std::floor(area->y0 * scale) - 2, page_h);
    int sw = pixel(std::ceil(area->x1 * scale) + 2, page_w) - sx;
    int sh = pixel(std::ceil(area->y1 * scale) + 2, page_h) - sy;
    if (sw <= 0 || sh <= 0) return;
    if (!with_text_) {
      // Made once a document: each loads its fonts and colour profiles as it starts.
      SplashColor paper;
      paper[0] = paper[1] = paper[2] = 255;
      with_text_ = std::make_unique<SplashOutputDev>(splashModeRGB8, 1, false, paper);
      without_text_ = std::make_unique<NoTextRenderer>(splashModeRGB8, 1, false, paper);
      for (SplashOutputDev* out :
           {with_text_.get(), static_cast<SplashOutputDev*>(without_text_.get())}) {
        out->setFontAntialias(false);
        out->setVectorAntialias(false);
        out->startDoc(&doc_);
      }
    }
    doc_.displayPageSlice(with_text_.get(), n, dpi, dpi, 0, false, true, false, sx, sy, sw, sh,
                          nullptr, nullptr, &OnlyDrawnOverPage, nullptr);
    Pixels with = Take(*with_text_, sx, sy);
    doc_.displayPageSlice(without_text_.get(), n, dpi, dpi, 0, false, true, false, sx, sy, sw, sh,
                          nullptr, nullptr, &AnnotationsBegin<NoTextRenderer>, without_text_.get());
    Pixels without = Take(*without_text_, sx, sy);
    for (size_t i = 0; i < glyphs.size(); ++i) {
      if (kinds[i] != "?") continue;
      const Glyph& g = glyphs[i];
      BoxLook look = Look(with, without, g.box, scale);
      kinds[i].clear();
      if (look.pixels == 0) continue;
      if (look.changed > kHiddenDiffShare * look.pixels) continue;  // it shows
      double dark = static_cast<double>(look.dark) / look.pixels;
      double light = static_cast<double>(look.light) / look.pixels;
      double blank = static_cast<double>(look.blank) / look.pixels;
      if (Invisible(g)) {
        // An OCR layer lies over the scan's own glyphs; over an even area it hides.
        if (dark >= 0.9) {
          kinds[i] = "covered-scan";
        } else if (blank >= 0.99) {
          // Blank paper: not the pale print of a scan (a faint stamp, a light watermark).
          kinds[i] = "invisible";
        }
      } else {
        kinds[i] = light >= 0.97 ? "background" : "covered";
      }
    }
  }

  // Redact annotations are instructions to remove what is under them, never
  // carried out while they are still annotations.
  void RedactMarks(int n, const Survey& survey) {
    ::Page* page = doc_.getPage(n);
    if (page == nullptr) return;
    Annots* annots = page->getAnnots();
    if (annots == nullptr) return;
    const std::array<double, 6>& m = survey.base_ctm;
    int marks = 0;  // Redact marks read on this page: past 1,000, a file is an attack
    for (Annot* annot : annots->getAnnots()) {
      if (annot == nullptr) continue;
      const Object& obj = annot->getAnnotObj();
      if (!obj.isDict()) continue;
      // A link or button that starts a program (read from the dictionary: Poppler's
      // annotation classes carry no type information outside the library).
      if (Object action = obj.dictLookup("A"); action.isDict()) {
        if (action.dictLookup("S").isName("Launch")) {
          out_.push_back(HiddenText{"script", n, std::nullopt, "a link that starts a program"});
        }
      }
      // (A comment's attached file is a document of its own: ingest takes it out.)
      Object subtype = obj.dictLookup("Subtype");
      if (!subtype.isName("Redact") || ++marks > 1000) continue;
      double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
      annot->getRect(&x1, &y1, &x2, &y2);
      std::optional<Box> box;
      for (auto [ax, ay] :
           std::array<std::pair<double, double>, 4>{{{x1, y1}, {x2, y1}, {x1, y2}, {x2, y2}}}) {
        double px = m[0] * ax + m[2] * ay + m[4], py = m[1] * ax + m[3] * ay + m[5];
        if (!box) box = Box{px, py, px, py};
        box = Box{std::min(box->x0, px), std::min(box->y0, py), std::max(box->x1, px),
                  std::max(box->y1, py)};
      }
      HiddenText mark{"redact-mark", n, box, ""};
      const Glyph* last = nullptr;
      for (const Glyph& g : survey.glyphs) {
        double area = Area(g.box);
        if (area <= 0 || Overlap(g.box, *box) < area / 2) continue;
        if (last != nullptr && !mark.text.empty() && mark.text.back() != ' ' && g.text != " " &&
            g.box.x0 - last->box.x1 > (last->box.y1 - last->box.y0) / 4) {
          mark.text += ' ';  // a gap with no space drawn in it
        }
        mark.text += g.text;
        last = &g;
      }
      out_.push_back(std::move(mark));
    }
  }

  // Text in layers switched off: what the page draws with every layer on, and not
  // as it is.
  void HiddenLayers(int n, const Survey& as_is, const std::vector<OptionalContentGroup*>& off) {
    for (OptionalContentGroup* g : off) g->setState(OptionalContentGroup::On);
    Survey all_on;
    doc_.displayPage(&all_on, n, 72, 72, 0, false, true, false, nullptr, nullptr,
                     &AnnotationsBegin<Survey>, &all_on);
    for (OptionalContentGroup* g : off) g->setState(OptionalContentGroup::Off);
    std::multiset<std::pair<std::string, std::pair<long, long>>> seen;
    for (const Glyph& g : as_is.glyphs) {
      seen.insert({g.text, {std::lround(g.box.x0), std::lround(g.box.y0)}});
    }
    SpanBuilder spans(n, out_);
    for (const Glyph& g : all_on.glyphs) {
      auto it = seen.find({g.text, {std::lround(g.box.x0), std::lround(g.box.y0)}});
      if (it != seen.end()) {
        seen.erase(it);
        spans.Add(g, "");
      } else {
        spans.Add(g, "hidden-layer");
      }
    }
  }

  void Scripts() {
    JSInfo info(&doc_);
    info.scanJS(std::min<int>(doc_.getNumPages(), static_cast<int>(max_pages_)), true);
    bool js = info.containsJS();
    bool launch = false;
    // JSInfo reads the name tree, pages and annotations, not what the file does on opening.
    if (XRef* xref = doc_.getXRef()) {
      Object catalog = xref->getCatalog();
      if (catalog.isDict()) {
        Object open = catalog.dictLookup("OpenAction");
        if (open.isDict()) {
          Object kind = open.dictLookup("S");
          js = js || kind.isName("JavaScript");
          launch = kind.isName("Launch");
        }
      }
    }
    if (js) out_.push_back(HiddenText{"script", 0, std::nullopt, "JavaScript"});
    if (launch) {
      out_.push_back(HiddenText{"script", 0, std::nullopt, "an action that starts a program"});
    }
  }

  // Words each earlier revision had on a page that the last revision has on none of
  // its pages (a word moved to another page is not gone).
  void EarlierRevisions(const std::string& path, const std::string& password, int max_pages) {
    std::vector<Goffset> ends = RevisionEnds(path);
    if (ends.size() < 2) return;
    ends.pop_back();  // the last revision is the document as read
    if (ends.size() > static_cast<size_t>(kMaxRevisions)) {
      ends.erase(ends.begin(), ends.end() - kMaxRevisions);
    }
    // page → the words gone, in the order the earlier revision drew them, and where
    std::map<int, std::vector<std::pair<std::string, Box>>> gone;
    std::map<int, std::set<std::string>> listed;
    for (Goffset end : ends) {
      Opened earlier = Open(path, password, end);
      if (!earlier.doc || !earlier.doc->isOk()) continue;
      int pages = std::min<int>(earlier.doc->getNumPages(), max_pages);
      for (int n = 1; n <= pages; ++n) {
        Survey survey;
        earlier.doc->displayPage(&survey, n, 72, 72, 0, false, true, false, nullptr, nullptr,
                                 &AnnotationsBegin<Survey>, &survey);
        for (const auto& [word, box] : Words(survey.glyphs)) {
          std::string key = WordsKey(word);
          if (words_.count(key) == 0 && listed[n].insert(key).second) {
            gone[n].emplace_back(word, box);
          }
        }
      }
    }
    // No box: the words are no longer on the page, and a box around them would take
    // in what the page shows now.
    for (const auto& [n, words] : gone) {
      HiddenText h{"earlier-revision", n, std::nullopt, ""};
      for (const auto& [word, box] : words) {
        if (!h.text.empty()) h.text += ' ';
        h.text += word;
      }
      out_.push_back(std::move(h));
    }
  }

  PDFDoc& doc_;
  uint32_t max_pages_;
  std::unique_ptr<SplashOutputDev> with_text_;
  std::unique_ptr<NoTextRenderer> without_text_;
  std::vector<HiddenText> out_;
  std::unordered_set<std::string> words_;  // every word the document shows, on any page
};

}  // namespace

Result<std::vector<HiddenText>> FindHiddenText(const std::string& path, const std::string& password,
                                               uint32_t max_pages) {
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  setErrorCallback(&Quiet);
  Opened opened = Open(path, password, 0);
  if (!opened.doc || !opened.doc->isOk()) {
    if (opened.doc && opened.doc->getErrorCode() == errEncrypted) {
      return Status(StatusCode::kPasswordNeeded, "the password did not open it");
    }
    return Status(StatusCode::kUnreadable, "Poppler could not open it");
  }
  Finder finder(*opened.doc, max_pages);
  std::vector<HiddenText> found = finder.Run(path, password);
  std::stable_sort(found.begin(), found.end(),
                   [](const HiddenText& a, const HiddenText& b) { return a.page < b.page; });
  return found;
}

Result<std::vector<HiddenText>> FindHiddenTextApart(const std::string& path,
                                                    const std::string& password,
                                                    const Limits& limits,
                                                    uint32_t timeout_seconds) {
  return ReadPdfApart(FindHiddenText, path, password, limits, timeout_seconds, "the check");
}

void AddPdfHiddenText(const std::string& path, const std::vector<std::string>& passwords,
                      const Limits& limits, std::chrono::steady_clock::time_point started,
                      Summary& s) {
  if (s.status == DocStatus::kFailed) return;
  Result<std::vector<HiddenText>> hidden = ReadAfterPdf<std::vector<HiddenText>>(
      FindHiddenTextApart, path, passwords, limits, started, s);
  if (hidden.ok()) {
    for (HiddenText& h : hidden.value()) s.hidden.push_back(std::move(h));
    // Mark-ups are now checked, what they say and what they cover: hidden_data.h
    // reports them.
    s.markups_checked = true;
    return;
  }
  if (hidden.status().code() == StatusCode::kInterrupted) return;
  s.findings.push_back(ReadingFinding(
      rule::kExtractHiddenNotChecked, "",
      "Whether this PDF hides text (under black boxes, in white, in layers or earlier "
      "versions) could not be checked: " +
          hidden.status().message() + ".",
      "Open the PDF and check its redactions by eye, or ask the organisation to print it to "
      "an image-only PDF and resend it."));
}

}  // namespace qpm::extract
