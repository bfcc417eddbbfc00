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

Summary ReadWord(const std::string& path, uint64_t max_part_bytes, const PageFn& on_page) {
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
  Result<std::string> xml = archive->Read(MainPartName(archive.value()), max_part_bytes);
  if (!xml.ok()) {
    fail(xml.status().code() == StatusCode::kLimit ? "its text part is larger than the limit"
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
  Page page;
  page.number = 1;
  page.source = TextSource::kWordBody;
  page.text = std::move(text.value());
  s.page_count = 1;
  on_page(std::move(page));
  return s;
}

}  // namespace qpm::extract
