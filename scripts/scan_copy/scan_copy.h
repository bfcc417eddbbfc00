// scripts/scan_copy — pages made to look as a copier scans them, for the generators of
// test inputs (scripts/make_samples, scripts/bench_extract): a page rendered in grey by
// Poppler, set a little askew on the glass, with the copier's grain and specks of dust,
// turned the way the sheet went through, and thresholded to black and white. The same
// seed gives the same pixels on every machine. Not part of qpm-intake.
#ifndef QPM_SCRIPTS_SCAN_COPY_SCAN_COPY_H_
#define QPM_SCRIPTS_SCAN_COPY_SCAN_COPY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace poppler {
class document;
}

namespace qpm::scan_copy {

// A grey image: 0 is black, 255 white; rows top to bottom.
struct Bitmap {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> grey;
  uint8_t& at(int x, int y) {
    return grey[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
  }
  uint8_t at(int x, int y) const {
    return grey[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
  }
};

// xorshift64*: the same numbers on every machine, unlike std:: distributions.
class Grain {
 public:
  explicit Grain(uint64_t seed) : state_(seed | 1) {}
  uint64_t Next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 2685821657736338717ull;
  }
  // Uniform in [0, n).
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t state_;
};

// Page `index` (0-based) of `doc` rendered in grey at `dpi`. Throws std::runtime_error
// when Poppler cannot open or render it.
Bitmap Render(const poppler::document& doc, int index, int dpi);

// A point of the page turned `degrees` (a small angle, anticlockwise as seen) about the
// centre of a `width` x `height` page.
std::pair<double, double> Tilt(double x, double y, double degrees, double width, double height);

// The sheet slightly askew on the glass, and the copier's grain: a little noise on every
// pixel, so edges come out ragged at the threshold, and a few specks of dust.
Bitmap Copy(const Bitmap& page, double tilt_degrees, uint64_t seed);

// The bitmap turned clockwise by `degrees` (0, 90, 180 or 270).
Bitmap Turn(const Bitmap& in, int degrees);

// Black and white, 1 bit a pixel, rows padded to whole bytes, most significant bit first;
// 1 is white, as PDF's DeviceGray and PNG's greyscale both read it.
std::string Threshold(const Bitmap& b);

}  // namespace qpm::scan_copy

#endif  // QPM_SCRIPTS_SCAN_COPY_SCAN_COPY_H_
