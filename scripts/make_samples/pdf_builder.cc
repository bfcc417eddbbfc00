// scripts/make_samples/pdf_builder.cc — see pdf_builder.h.
#include "pdf_builder.h"

#include <algorithm>
#include <iomanip>
#include <locale>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace qpm::samples {

std::string FormatNumber(double value) {
  std::ostringstream out;
  out.imbue(std::locale::classic());  // a decimal point, whatever the user's locale
  out << std::fixed << std::setprecision(2) << value;
  return out.str();
}

PoDoFo::PdfString PdfText(const std::string& utf8) {
  bool ascii = std::all_of(utf8.begin(), utf8.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return PoDoFo::PdfString(utf8);
  return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace qpm::samples
