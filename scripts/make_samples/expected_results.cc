// scripts/make_samples/expected_results.cc — see expected_results.h.
#include "expected_results.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qpm::samples {

Json FindingJson(std::string rule, std::string file, int page, std::string field, int count) {
  Json f;
  f["rule"] = std::move(rule);
  if (!file.empty()) f["file"] = std::move(file);
  if (page >= 0) f["page"] = page;
  if (!field.empty()) f["field"] = std::move(field);
  if (count > 0) f["count"] = count;
  return f;
}

Json DocJson(std::string path, std::string media_type, int pages, std::string status) {
  Json d;
  d["path"] = std::move(path);
  if (!media_type.empty()) d["media_type"] = std::move(media_type);
  if (pages >= 0) d["pages"] = pages;
  if (!status.empty()) d["status"] = std::move(status);
  return d;
}

Json RunJson(std::string command, std::vector<std::string> args, std::optional<int> exit_code,
             Json findings, std::vector<std::string> absent_rules,
             std::optional<std::string> max_severity, Json documents) {
  Json run;
  run["command"] = std::move(command);
  run["args"] = std::move(args);
  run["exit_code"] = exit_code ? Json(*exit_code) : Json(nullptr);
  run["findings"] = findings.is_null() ? Json::array() : std::move(findings);
  run["absent_rules"] = std::move(absent_rules);
  run["max_severity"] = max_severity ? Json(*max_severity) : Json(nullptr);
  run["documents"] = documents.is_null() ? Json::array() : std::move(documents);
  return run;
}

const std::vector<std::string> kAllProblemRules = {
    "ingest.unsafe-entry", "ingest.zip-bomb",   "ingest.too-deep",  "ingest.password-needed",
    "ingest.junk",         "ingest.empty-file", "ingest.duplicate", "extract.truncated",
    "extract.unreadable",  "pii.nhs-number",    "pii.email"};

const std::vector<std::string> kReadProblemRules = {"extract.unreadable",
                                                    "extract.truncated",
                                                    "extract.timeout",
                                                    "extract.crashed",
                                                    "extract.page-limit",
                                                    "extract.no-text",
                                                    "extract.forms-not-read",
                                                    "extract.annotations-not-read",
                                                    "extract.embedded-not-read",
                                                    "extract.images-not-read",
                                                    "pii.nhs-number",
                                                    "pii.email"};

Json WithRole(Json doc, const std::string& role) {
  doc["role"] = role;
  return doc;
}

}  // namespace qpm::samples
