#include "pipeline/core/model.h"

#include <algorithm>

#include "pipeline/core/model_json.h"

namespace qpm {

std::string_view ToString(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kBlocker:
      return "blocker";
  }
  return "info";
}

std::string_view ToString(Category category) {
  switch (category) {
    case Category::kIngest:
      return "ingest";
    case Category::kExtract:
      return "extract";
    case Category::kCompleteness:
      return "completeness";
    case Category::kPersonalData:
      return "personal-data";
    case Category::kRedaction:
      return "redaction";
    case Category::kHiddenData:
      return "hidden-data";
  }
  return "ingest";
}

std::string_view ToString(TextSource source) {
  switch (source) {
    case TextSource::kNone:
      return "none";
    case TextSource::kTextLayer:
      return "text-layer";
    case TextSource::kWordBody:
      return "word-body";
    case TextSource::kPlain:
      return "plain-text";
    case TextSource::kHtml:
      return "html-text";
    case TextSource::kEmailBody:
      return "email-body";
    case TextSource::kOcr:
      return "ocr";
  }
  return "none";
}

std::string_view ToString(DocStatus status) {
  switch (status) {
    case DocStatus::kPending:
      return "pending";
    case DocStatus::kRead:
      return "read";
    case DocStatus::kPartlyRead:
      return "partly-read";
    case DocStatus::kFailed:
      return "failed";
    case DocStatus::kNotRead:
      return "not-read";
    case DocStatus::kSetAside:
      return "set-aside";
    case DocStatus::kUnpacked:
      return "unpacked";
  }
  return "pending";
}

std::string Document::Path() const {
  std::string path;
  for (const std::string& name : origin) {
    if (!path.empty()) path += " > ";
    path += name;
  }
  return path;
}

std::string JsonKind(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "true or false";
    case nlohmann::json::value_t::string:
      return "a text";
    case nlohmann::json::value_t::array:
      return "a list";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

void to_json(nlohmann::json& j, const Box& b) {
  j = nlohmann::json::array({b.x0, b.y0, b.x1, b.y1});
}

void from_json(const nlohmann::json& j, Box& b) {
  b = Box{j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<double>(),
          j.at(3).get<double>()};
}

void to_json(nlohmann::json& j, const Word& w) {
  j = nlohmann::json{{"t", w.text}, {"b", w.box}, {"s", w.start}, {"e", w.end}};
  if (w.confidence >= 0) j["c"] = w.confidence;
}

void from_json(const nlohmann::json& j, Word& w) {
  j.at("t").get_to(w.text);
  j.at("b").get_to(w.box);
  j.at("s").get_to(w.start);
  j.at("e").get_to(w.end);
  if (j.contains("c")) j.at("c").get_to(w.confidence);
}

void to_json(nlohmann::json& j, const CopyBox& b) {
  j = nlohmann::json{{"box", b.box}, {"label", b.label}};
}

void from_json(const nlohmann::json& j, CopyBox& b) {
  j.at("box").get_to(b.box);
  j.at("label").get_to(b.label);
}

void to_json(nlohmann::json& j, const CopyImage& i) {
  j = nlohmann::json{
      {"width_px", i.width_px}, {"height_px", i.height_px}, {"components", i.components},
      {"encoding", i.encoding}, {"data", i.data},           {"file", i.file}};
}

void from_json(const nlohmann::json& j, CopyImage& i) {
  j.at("width_px").get_to(i.width_px);
  j.at("height_px").get_to(i.height_px);
  j.at("components").get_to(i.components);
  j.at("encoding").get_to(i.encoding);
  j.at("data").get_to(i.data);
  j.at("file").get_to(i.file);
}

void to_json(nlohmann::json& j, const CopyPage& p) {
  j = nlohmann::json{{"number", p.number},
                     {"width", p.width},
                     {"height", p.height},
                     {"dpi", p.dpi},
                     {"image", p.image},
                     {"words", p.words},
                     {"text_turn", p.text_turn},
                     {"boxes", p.boxes},
                     {"preview_jpeg", p.preview_jpeg},
                     {"preview_dpi", p.preview_dpi}};
}

void from_json(const nlohmann::json& j, CopyPage& p) {
  j.at("number").get_to(p.number);
  j.at("width").get_to(p.width);
  j.at("height").get_to(p.height);
  j.at("dpi").get_to(p.dpi);
  j.at("image").get_to(p.image);
  j.at("words").get_to(p.words);
  j.at("text_turn").get_to(p.text_turn);
  j.at("boxes").get_to(p.boxes);
  j.at("preview_jpeg").get_to(p.preview_jpeg);
  j.at("preview_dpi").get_to(p.preview_dpi);
}

void to_json(nlohmann::json& j, const Page& p) {
  j = nlohmann::json{{"number", p.number}, {"source", static_cast<int>(p.source)},
                     {"text", p.text},     {"words", p.words},
                     {"width", p.width},   {"height", p.height}};
  if (p.source == TextSource::kOcr) {
    j["ocr_confidence"] = p.ocr_confidence;
    j["ocr_rotation"] = p.ocr_rotation;
  }
  // Only when set, so that a page with nothing left to OCR reads as it always has.
  if (p.needs_ocr != OcrNeed::kNone) j["needs_ocr"] = static_cast<int>(p.needs_ocr);
  if (p.pictures_to_read != 0) j["pictures_to_read"] = p.pictures_to_read;
}

void from_json(const nlohmann::json& j, Page& p) {
  j.at("number").get_to(p.number);
  p.source = static_cast<TextSource>(j.at("source").get<int>());
  j.at("text").get_to(p.text);
  j.at("words").get_to(p.words);
  j.at("width").get_to(p.width);
  j.at("height").get_to(p.height);
  if (j.contains("ocr_confidence")) j.at("ocr_confidence").get_to(p.ocr_confidence);
  if (j.contains("ocr_rotation")) j.at("ocr_rotation").get_to(p.ocr_rotation);
  if (j.contains("needs_ocr")) {
    // From a reader that met a hostile file: a reason it cannot have is no page.
    int need = j.at("needs_ocr").get<int>();
    if (need < static_cast<int>(OcrNeed::kNone) || need > static_cast<int>(OcrNeed::kImage)) {
      throw nlohmann::json::other_error::create(501, "a reason for OCR out of range", &j);
    }
    p.needs_ocr = static_cast<OcrNeed>(need);
  }
  if (j.contains("pictures_to_read")) j.at("pictures_to_read").get_to(p.pictures_to_read);
}

void to_json(nlohmann::json& j, const FormField& f) {
  j = nlohmann::json{{"name", f.name}, {"kind", f.kind},     {"value", f.value},
                     {"on", f.on},     {"hidden", f.hidden}, {"page", f.page}};
  if (f.box) j["box"] = *f.box;
}

void from_json(const nlohmann::json& j, FormField& f) {
  j.at("name").get_to(f.name);
  j.at("kind").get_to(f.kind);
  j.at("value").get_to(f.value);
  j.at("on").get_to(f.on);
  j.at("hidden").get_to(f.hidden);
  j.at("page").get_to(f.page);
  if (j.contains("box")) f.box = j.at("box").get<Box>();
}

void to_json(nlohmann::json& j, const HiddenText& h) {
  j = nlohmann::json{{"kind", h.kind}, {"page", h.page}, {"text", h.text}};
  if (h.box) j["box"] = *h.box;
  if (!h.where.empty()) j["where"] = h.where;
  if (h.start) j["start"] = *h.start;
  if (h.end) j["end"] = *h.end;
  if (h.drawn_over) j["drawn_over"] = true;
}

void from_json(const nlohmann::json& j, HiddenText& h) {
  j.at("kind").get_to(h.kind);
  j.at("page").get_to(h.page);
  j.at("text").get_to(h.text);
  if (j.contains("box")) h.box = j.at("box").get<Box>();
  if (j.contains("where")) j.at("where").get_to(h.where);
  if (j.contains("start")) h.start = j.at("start").get<uint32_t>();
  if (j.contains("end")) h.end = j.at("end").get<uint32_t>();
  if (j.contains("drawn_over")) j.at("drawn_over").get_to(h.drawn_over);
}

void to_json(nlohmann::json& j, const TextPart& t) {
  j = nlohmann::json{{"name", t.name}, {"text", t.text}, {"hidden", t.hidden}};
}

void from_json(const nlohmann::json& j, TextPart& t) {
  j.at("name").get_to(t.name);
  j.at("text").get_to(t.text);
  j.at("hidden").get_to(t.hidden);
}

void to_json(nlohmann::json& j, const Finding& f) {
  j = nlohmann::json{{"rule", f.rule},
                     {"category", static_cast<int>(f.category)},
                     {"severity", static_cast<int>(f.severity)},
                     {"document", f.document},
                     {"input", f.input},
                     {"file", f.file},
                     {"page", f.page},
                     {"field", f.field},
                     {"message", f.message},
                     {"remedy", f.remedy},
                     {"masked", f.masked},
                     {"value", f.value},
                     {"confidence", f.confidence}};
  if (f.start) j["start"] = *f.start;
  if (f.end) j["end"] = *f.end;
  if (f.bbox) j["bbox"] = *f.bbox;
}

void from_json(const nlohmann::json& j, Finding& f) {
  j.at("rule").get_to(f.rule);
  f.category = static_cast<Category>(j.at("category").get<int>());
  f.severity = static_cast<Severity>(j.at("severity").get<int>());
  j.at("document").get_to(f.document);
  j.at("input").get_to(f.input);
  j.at("file").get_to(f.file);
  j.at("page").get_to(f.page);
  j.at("field").get_to(f.field);
  j.at("message").get_to(f.message);
  j.at("remedy").get_to(f.remedy);
  j.at("masked").get_to(f.masked);
  j.at("value").get_to(f.value);
  f.confidence = j.value("confidence", "");
  if (j.contains("start")) f.start = j.at("start").get<uint32_t>();
  if (j.contains("end")) f.end = j.at("end").get<uint32_t>();
  if (j.contains("bbox")) f.bbox = j.at("bbox").get<Box>();
}

std::string ToCbor(const nlohmann::json& j) {
  std::vector<uint8_t> bytes = nlohmann::json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}

nlohmann::json FromCbor(const std::string& frame) {
  return nlohmann::json::from_cbor(frame, /*strict=*/true, /*allow_exceptions=*/false);
}

void to_json(nlohmann::json& j, const Limits& l) {
  j = nlohmann::json{{"max_entries", l.max_entries},
                     {"max_total_bytes", l.max_total_bytes},
                     {"max_ratio", l.max_ratio},
                     {"ratio_floor_bytes", l.ratio_floor_bytes},
                     {"max_depth", l.max_depth},
                     {"doc_timeout_seconds", l.doc_timeout_seconds},
                     {"max_memory_bytes", l.max_memory_bytes},
                     {"max_pages", l.max_pages},
                     {"max_inflate_bytes", l.max_inflate_bytes},
                     {"ocr_page_timeout_seconds", l.ocr_page_timeout_seconds}};
}

std::set<std::string> CarrierEmails(const Submission& s) {
  // Documents come in the order found, so a parent is always judged before its children.
  std::set<std::string> carriers;
  for (const Document& d : s.documents) {
    if (d.role == "email" && (d.parent.empty() || carriers.count(d.parent) != 0)) {
      carriers.insert(d.id);
    }
  }
  return carriers;
}

}  // namespace qpm
