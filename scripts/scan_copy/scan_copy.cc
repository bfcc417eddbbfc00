#include "scripts/scan_copy/scan_copy.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <stdexcept>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#pragma GCC diagnostic pop

namespace qpm::scan_copy {
namespace {

[[noreturn]] void Fail(const std::string& message) { throw std::runtime_error(message); }

}  // namespace

Bitmap Render(const poppler::document& doc, int index, int dpi) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) Fail("Poppler cannot open page " + std::to_string(index + 1));
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) Fail("Poppler cannot render page " + std::to_string(index + 1));
  Bitmap out;
  out.width = image.width();
  out.height = image.height();
  out.grey.resize(static_cast<size_t>(out.width) * static_cast<size_t>(out.height));
  const char* data = image.const_data();
  for (int y = 0; y < out.height; ++y) {
    const char* row = data + static_cast<ptrdiff_t>(y) * image.bytes_per_row();
    for (int x = 0; x < out.width; ++x) out.at(x, y) = static_cast<uint8_t>(row[x]);
  }
  return out;
}

std::pair<double, double> Tilt(double x, double y, double degrees, double width, double height) {
  double a = degrees * 3.14159265358979323846 / 180;
  double cx = width / 2;
  double cy = height / 2;
  double dx = x - cx;
  double dy = y - cy;
  // y grows downwards, so an anticlockwise turn as seen is a clockwise one in these axes.
  return {cx + dx * std::cos(a) + dy * std::sin(a), cy - dx * std::sin(a) + dy * std::cos(a)};
}

Bitmap Copy(const Bitmap& page, double tilt_degrees, uint64_t seed) {
  Bitmap out = page;
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      // Where this pixel of the copy was on the page: the opposite turn.
      auto [sx, sy] = Tilt(x + 0.5, y + 0.5, -tilt_degrees, out.width, out.height);
      int ix = static_cast<int>(std::floor(sx));
      int iy = static_cast<int>(std::floor(sy));
      out.at(x, y) = ix >= 0 && iy >= 0 && ix < page.width && iy < page.height ? page.at(ix, iy)
                                                                               : uint8_t{255};
    }
  }
  Grain grain(seed);
  for (uint8_t& v : out.grey) {
    int noise = grain.Below(61) - 30;
    v = static_cast<uint8_t>(std::clamp(static_cast<int>(v) + noise, 0, 255));
  }
  int specks = out.width * out.height / 20000;
  for (int i = 0; i < specks; ++i) {
    int x = grain.Below(out.width - 2);
    int y = grain.Below(out.height - 2);
    int size = 1 + grain.Below(2);
    for (int dy = 0; dy < size; ++dy) {
      for (int dx = 0; dx < size; ++dx) out.at(x + dx, y + dy) = 0;
    }
  }
  return out;
}

Bitmap Turn(const Bitmap& in, int degrees) {
  if (degrees == 0) return in;
  Bitmap out;
  bool sideways = degrees == 90 || degrees == 270;
  out.width = sideways ? in.height : in.width;
  out.height = sideways ? in.width : in.height;
  out.grey.resize(in.grey.size());
  for (int y = 0; y < in.height; ++y) {
    for (int x = 0; x < in.width; ++x) {
      int nx = degrees == 90 ? in.height - 1 - y : degrees == 180 ? in.width - 1 - x : y;
      int ny = degrees == 90 ? x : degrees == 180 ? in.height - 1 - y : in.width - 1 - x;
      out.at(nx, ny) = in.at(x, y);
    }
  }
  return out;
}

std::string Threshold(const Bitmap& b) {
  size_t row_bytes = (static_cast<size_t>(b.width) + 7) / 8;
  std::string out(row_bytes * static_cast<size_t>(b.height), '\0');
  for (int y = 0; y < b.height; ++y) {
    for (int x = 0; x < b.width; ++x) {
      if (b.at(x, y) >= 140) {
        out[static_cast<size_t>(y) * row_bytes + static_cast<size_t>(x) / 8] |=
            static_cast<char>(0x80 >> (x % 8));
      }
    }
  }
  return out;
}

}  // namespace qpm::scan_copy
