#include "extractors/word_text.h"

#include <cstring>
#include <pugixml.hpp>
#include <string_view>

#include "pipeline/rules.h"
#include "pipeline/zip_archive.h"

namespace qpm::extract {
namespace {

constexpr int kMaxDepth = 256;  // deeper XML is a trap, not a document

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Appends the visible text under `node`. Property elements (pPr, rPr, ...) hold no
// text but do hold <w:tab> tab-stop definitions, so they are skipped whole.
void AppendText(const pugi::xml_node& node, std::string& out, int depth) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    if (n == "t") {
      out += child.child_value();
    } else if (n == "tab" || n == "ptab") {
      out += '\t';
    } else if (n == "br" || n == "cr") {
      out += '\n';
    } else if (n == "noBreakHyphen") {
      out += '-';
    } else if (n == "delText" || n == "instrText" || n == "del" || n == "Fallback" || n == "pPr" ||
               n == "rPr" || n == "sectPr" || n == "tblPr" || n == "trPr" || n == "tcPr" ||
               n == "tblGrid" || n == "sdtPr" || n == "moveFrom") {
      // Deleted revisions, field codes, duplicate fallback content and properties:
      // none of it is body text a reader sees.
    } else if (n == "p") {
      AppendText(child, out, depth + 1);
      out += '\n';
    } else if (n == "tc") {
      AppendText(child, out, depth + 1);
      if (!out.empty() && out.back() == '\n') out.pop_back();
      out += '\t';
    } else if (n == "tr") {
      AppendText(child, out, depth + 1);
      if (!out.empty() && out.back() == '\t') out.pop_back();
      out += '\n';
    } else {
      AppendText(child, out, depth + 1);
    }
  }
}

// The package part holding the main document: usually word/document.xml, but the
// package's relationships are what decide.
std::string MainPartName(zip::Archive& archive) {
  if (archive.Find("word/document.xml") != nullptr) return "word/document.xml";
  Result<std::string> rels = archive.Read("_rels/.rels", 1 << 20);
  if (!rels.ok()) return "word/document.xml";
  pugi::xml_document xml;
  if (!xml.load_buffer(rels->data(), rels->size())) return "word/document.xml";
  for (pugi::xml_node r : xml.document_element().children()) {
    std::string_view type = r.attribute("Type").value();
    if (type.size() >= 15 && type.substr(type.size() - 15) == "/officeDocument") {
      std::string target = r.attribute("Target").value();
      while (!target.empty() && target[0] == '/') target.erase(0, 1);
      return target;
    }
  }
  return "word/document.xml";
}

void ReadProperties(zip::Archive& archive, const char* part,
                    std::vector<std::pair<std::string, std::string>>& out) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"title", "Title"},       {"subject", "Subject"},      {"creator", "Author"},
      {"keywords", "Keywords"}, {"description", "Comments"}, {"lastModifiedBy", "Last modified by"},
      {"category", "Category"}, {"Company", "Company"},      {"Manager", "Manager"}};
  if (archive.Find(part) == nullptr) return;
  Result<std::string> bytes = archive.Read(part, 1 << 20);
  if (!bytes.ok()) return;
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes->data(), bytes->size())) return;
  for (pugi::xml_node n : xml.document_element().children()) {
    std::string_view local = LocalName(n);
    for (const auto& [xml_name, shown] : kNames) {
      if (local == xml_name) {
        std::string value = n.child_value();
        if (!value.empty()) out.emplace_back(shown, value);
      }
    }
  }
}

// Text deleted with tracked changes (w:delText): gone from the page Word shows in
// "no markup" view, still in the file for anyone to read. One line per deletion.
void AppendDeleted(const pugi::xml_node& node, std::string& out, int depth) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    if (n == "delText") {
      out += child.child_value();
    } else {
      AppendDeleted(child, out, depth + 1);
      if (n == "del" && !out.empty() && out.back() != '\n') out += '\n';
    }
  }
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The text of one XML part of the package, or "" when it is missing or broken.
// `deleted` collects its tracked deletions.
// The most bytes one part may unpack to: Word's XML packs well, but not a
// thousand to one.
uint64_t PartCap(const zip::Archive& archive, const std::string& name, const Limits& limits) {
  constexpr uint64_t kHardCap = 256ull << 20;
  const zip::Entry* e = archive.Find(name);
  uint64_t packed = std::max<uint64_t>(e != nullptr ? e->packed_size : 0, 1);
  uint64_t by_ratio =
      packed > UINT64_MAX / limits.max_ratio ? UINT64_MAX : packed * limits.max_ratio;
  return std::min(kHardCap, std::max(limits.ratio_floor_bytes, by_ratio));
}

std::string PartText(zip::Archive& archive, const std::string& name, const Limits& limits,
                     std::string* deleted) {
  Result<std::string> bytes = archive.Read(name, PartCap(archive, name, limits));
  if (!bytes.ok()) return "";
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes->data(), bytes->size())) return "";
  std::string text;
  AppendText(xml.document_element(), text, 0);
  if (deleted != nullptr) AppendDeleted(xml.document_element(), *deleted, 0);
  return text;
}

// Custom document properties (docProps/custom.xml): name and value of each.
void ReadCustomProperties(zip::Archive& archive,
                          std::vector<std::pair<std::string, std::string>>& out) {
  if (archive.Find("docProps/custom.xml") == nullptr) return;
  Result<std::string> bytes = archive.Read("docProps/custom.xml", 1 << 20);
  if (!bytes.ok()) return;
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes->data(), bytes->size())) return;
  for (pugi::xml_node property : xml.document_element().children()) {
    std::string name = property.attribute("name").value();
    pugi::xml_node value = property.first_child();
    std::string text = value ? value.child_value() : "";
    if (!name.empty() && !text.empty()) out.emplace_back("Custom: " + name, text);
  }
}

// The text outside the body: headers, footers, notes, comments, deletions.
void ReadParts(zip::Archive& archive, const std::string& main_part, const Limits& limits,
               Summary& s) {
  std::string deleted;
  PartText(archive, main_part, limits, &deleted);  // the body's own deletions
  struct Kind {
    const char* prefix;
    const char* name;
    bool hidden;
  };
  static const Kind kKinds[] = {{"word/header", "header", false},
                                {"word/footer", "footer", false},
                                {"word/footnotes", "footnotes", false},
                                {"word/endnotes", "endnotes", false},
                                {"word/comments", "comments", true}};
  for (const Kind& kind : kKinds) {
    std::string joined;
    for (const zip::Entry& e : archive.entries()) {
      if (!StartsWith(e.name, kind.prefix) || e.name.size() < 4 ||
          e.name.substr(e.name.size() - 4) != ".xml" || e.name.find('/', 5) != std::string::npos) {
        continue;  // word/header1.xml, not word/_rels/header1.xml.rels
      }
      std::string text = PartText(archive, e.name, limits, &deleted);
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      if (!joined.empty()) joined += '\n';
      joined += text;
    }
    if (!joined.empty()) s.parts.push_back(TextPart{kind.name, joined, kind.hidden});
  }
  if (!deleted.empty()) s.parts.push_back(TextPart{"deleted text", deleted, true});
}

// Images and embedded objects in the package: listed, since their content is
// not read in this version.
void ReportUnreadContent(const zip::Archive& archive, Summary& s) {
  int images = 0;
  int embedded = 0;
  for (const zip::Entry& e : archive.entries()) {
    if (e.is_directory) continue;
    if (StartsWith(e.name, "word/media/")) ++images;
    if (StartsWith(e.name, "word/embeddings/")) ++embedded;
  }
  if (images > 0) {
    s.findings.push_back(ReadingFinding(
        "extract.images-not-read", "",
        "This Word document holds " + std::to_string(images) +
            (images == 1 ? " image" : " images") +
            " (logos, photos, scans or screenshots). Text inside images is not read in this "
            "version, so it was not checked.",
        "Look at the images before sending; replace any that show personal details."));
  }
  if (embedded > 0) {
    s.findings.push_back(ReadingFinding(
        "extract.embedded-not-read", "",
        "This Word document carries " + std::to_string(embedded) +
            (embedded == 1 ? " embedded file" : " embedded files") +
            " (such as a spreadsheet or another document), which this version does not open; "
            "they were not checked.",
        "Open the embedded files and check them, or remove them and send them separately."));
  }
}

}  // namespace

Result<std::string> WordBodyText(const std::string& document_xml) {
  pugi::xml_document xml;
  // parse_default does not process the DOCTYPE, so no entity is ever expanded or fetched.
  pugi::xml_parse_result parsed = xml.load_buffer(document_xml.data(), document_xml.size());
  if (!parsed) {
    return Status(StatusCode::kUnreadable,
                  std::string("its text is damaged (") + parsed.description() + ")");
  }
  std::string text;
  for (pugi::xml_node body : xml.document_element().children()) {
    if (LocalName(body) == "body") AppendText(body, text, 0);
  }
  return text;
}

Summary ReadWord(const std::string& path, const Limits& limits, const PageFn& on_page) {
  Summary s;
  auto fail = [&s](const std::string& why) {
    s.status = DocStatus::kFailed;
    s.findings.push_back(ReadingFinding(
        "extract.unreadable", "", "This Word document could not be read: " + why + ".",
        "Ask the organisation to open it in Word, save it again (or save it as a PDF) and "
        "resend it."));
  };
  Result<zip::Archive> archive = zip::Archive::Open(path);
  if (!archive.ok()) {
    fail(archive.status().message());
    return s;
  }
  std::string main_part = MainPartName(archive.value());
  Result<std::string> xml = archive->Read(main_part, PartCap(archive.value(), main_part, limits));
  if (!xml.ok()) {
    fail(xml.status().code() == StatusCode::kLimit
             ? "its text unpacks to far more than it is packed, past the limit of " +
                   std::to_string(limits.max_ratio) + " to 1 (built like a \"zip bomb\")"
             : "its text part " + xml.status().message());
    return s;
  }
  Result<std::string> text = WordBodyText(xml.value());
  if (!text.ok()) {
    fail(text.status().message());
    return s;
  }
  ReadProperties(archive.value(), "docProps/core.xml", s.metadata);
  ReadProperties(archive.value(), "docProps/app.xml", s.metadata);
  ReadCustomProperties(archive.value(), s.metadata);
  ReadParts(archive.value(), main_part, limits, s);
  ReportUnreadContent(archive.value(), s);
  Page page;
  page.number = 1;
  page.source = TextSource::kWordBody;
  page.text = std::move(text.value());
  s.page_count = 1;
  on_page(std::move(page));
  return s;
}

}  // namespace qpm::extract
