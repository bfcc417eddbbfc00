// The pictures a Word package's parts show (extractors/read/pictures.h): every image
// a part's relationships name (word/_rels/document.xml.rels for the body and its
// text boxes, header1.xml.rels, footnotes.xml.rels, ...), once each, in package order.
#include <algorithm>
#include <pugixml.hpp>
#include <set>
#include <string_view>
#include <utility>

#include "extractors/read/ocr.h"
#include "extractors/read/pictures.h"
#include "pipeline/ingest/zip_archive.h"

namespace qpm::extract {
namespace {

constexpr uint64_t kMaxRelsBytes = 1 << 20;

bool EndsWith(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

// "word/" + "media/image1.png", with "../" and "./" resolved; "" when it leaves the package.
std::string Resolve(const std::string& dir, const std::string& target) {
  std::string joined = !target.empty() && target[0] == '/' ? target.substr(1) : dir + target;
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string piece = joined.substr(start, slash - start);
    if (piece == "..") {
      if (parts.empty()) return "";
      parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(std::move(piece));
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

}  // namespace

Result<std::vector<Picture>> ListWordPictures(const std::string& path, uint64_t max_bytes) {
  Result<zip::Archive> archive = zip::Archive::Open(path);
  if (!archive.ok()) return archive.status();
  std::set<std::string> shown;
  for (const zip::Entry& e : archive->entries()) {
    if (e.is_directory || e.name.rfind("word/_rels/", 0) != 0 || !EndsWith(e.name, ".rels")) {
      continue;
    }
    Result<std::string> rels = archive->Read(e.name, kMaxRelsBytes);
    pugi::xml_document xml;
    if (!rels.ok() || !xml.load_buffer(rels->data(), rels->size())) continue;
    for (pugi::xml_node r : xml.document_element().children()) {
      if (!EndsWith(r.attribute("Type").value(), "/image") ||
          std::string_view(r.attribute("TargetMode").value()) == "External") {
        continue;
      }
      std::string part = Resolve("word/", r.attribute("Target").value());
      if (!part.empty()) shown.insert(part);
    }
  }
  std::vector<Picture> out;
  for (const zip::Entry& e : archive->entries()) {
    if (e.is_directory || shown.count(e.name) == 0) continue;
    Picture p;
    p.number = static_cast<int>(out.size()) + 1;
    p.part = e.name;
    if (e.size <= max_bytes) {
      Result<std::string> bytes = archive->Read(e.name, max_bytes);
      if (bytes.ok()) {
        Result<ocr::PixelSize> size = ocr::ImagePixelSize(bytes.value());
        if (size.ok()) {
          p.width_px = size->width;
          p.height_px = size->height;
        }
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::string> ReadWordPart(const std::string& path, const std::string& part,
                                 uint64_t max_bytes) {
  Result<zip::Archive> archive = zip::Archive::Open(path);
  if (!archive.ok()) return archive.status();
  if (archive->Find(part) == nullptr) {
    return Status(StatusCode::kUnreadable, "the Word file has no part " + part);
  }
  return archive->Read(part, max_bytes);
}

}  // namespace qpm::extract
