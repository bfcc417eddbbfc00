// pipeline/core/model_json.h — the model's full JSON form, every field, round-trip safe.
//
// Used to carry documents and findings between a reader process and the runner
// (as CBOR, which keeps bytes that are not UTF-8). This is NOT the report format:
// report.h builds the stable, documented report.json from the model.
#ifndef QPM_PIPELINE_CORE_MODEL_JSON_H_
#define QPM_PIPELINE_CORE_MODEL_JSON_H_

#include <nlohmann/json.hpp>

#include "pipeline/core/model.h"
#include "pipeline/core/safe_copy.h"

namespace qpm {

void to_json(nlohmann::json& j, const Box& b);
void from_json(const nlohmann::json& j, Box& b);
void to_json(nlohmann::json& j, const Word& w);
void from_json(const nlohmann::json& j, Word& w);
void to_json(nlohmann::json& j, const Page& p);
void from_json(const nlohmann::json& j, Page& p);
void to_json(nlohmann::json& j, const FormField& f);
void from_json(const nlohmann::json& j, FormField& f);
void to_json(nlohmann::json& j, const HiddenText& h);
void from_json(const nlohmann::json& j, HiddenText& h);
void to_json(nlohmann::json& j, const TextPart& t);
void from_json(const nlohmann::json& j, TextPart& t);
void to_json(nlohmann::json& j, const Finding& f);
void from_json(const nlohmann::json& j, Finding& f);
void to_json(nlohmann::json& j, const Limits& l);
void to_json(nlohmann::json& j, const CopyBox& b);
void from_json(const nlohmann::json& j, CopyBox& b);
void to_json(nlohmann::json& j, const CopyImage& i);
void from_json(const nlohmann::json& j, CopyImage& i);
void to_json(nlohmann::json& j, const CopyPage& p);
void from_json(const nlohmann::json& j, CopyPage& p);

// What kind of JSON value `j` is, in words for a message about a file a person wrote
// (a profile, a decisions file): "a text", "a list", "an object", "a number", "true or
// false", "null".
std::string JsonKind(const nlohmann::json& j);

// One frame between a reader process and the runner: CBOR keeps bytes that are not
// UTF-8. FromCbor gives a discarded value for bytes that are not CBOR.
std::string ToCbor(const nlohmann::json& j);
nlohmann::json FromCbor(const std::string& frame);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_MODEL_JSON_H_
