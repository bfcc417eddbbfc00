#include "scripts/bench_pii/pii_set.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "redaction/personal_data.h"

namespace qpm::bench {
namespace {

const std::set<std::string>& KnownTypes() {
  static const std::set<std::string> t = {
      "nhs",     "nhs-possible", "nino",     "postcode", "email",    "phone",   "name",
      "address", "dob",          "hospital", "bank",     "passport", "licence", "place"};
  return t;
}

// Turns one case's raw lines into its text and labels.
bool ParseCase(const std::string& raw, Case& c, const std::string& where, std::string& error) {
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t open = raw.find("[[", pos);
    if (open == std::string::npos) {
      c.text += raw.substr(pos);
      break;
    }
    c.text += raw.substr(pos, open - pos);
    size_t close = raw.find("]]", open + 2);
    size_t colon = raw.find(':', open + 2);
    if (close == std::string::npos || colon == std::string::npos || colon > close) {
      error = where + ": a label without 'type:' or without ']]'";
      return false;
    }
    std::string type = raw.substr(open + 2, colon - open - 2);
    if (KnownTypes().count(type) == 0) {
      error = where + ": unknown label type '" + type + "'";
      return false;
    }
    std::string value = raw.substr(colon + 1, close - colon - 1);
    Label l;
    l.type = type;
    l.start = c.text.size();
    c.text += value;
    l.end = c.text.size();
    c.labels.push_back(std::move(l));
    pos = close + 2;
  }
  return true;
}

bool Overlap(size_t a0, size_t a1, size_t b0, size_t b1) { return a0 < b1 && b0 < a1; }

}  // namespace

bool LoadCases(const std::string& dir, std::vector<Case>& cases, std::string& error) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  if (ec) {
    error = dir + ": " + ec.message();
    return false;
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    Case current;
    std::string raw;
    size_t line_no = 0;
    size_t case_line = 0;
    auto finish = [&]() {
      if (current.id.empty()) return true;
      while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.pop_back();
      while (!raw.empty() && raw.front() == '\n') raw.erase(0, 1);
      std::string where = path.filename().string() + ":" + std::to_string(case_line);
      if (!ParseCase(raw, current, where, error)) return false;
      cases.push_back(std::move(current));
      current = Case();
      raw.clear();
      return true;
    };
    while (std::getline(in, line)) {
      ++line_no;
      if (line.rfind("=== ", 0) == 0) {
        if (!finish()) return false;
        std::string head = line.substr(4);
        size_t bar = head.find(" |");
        current.id = head.substr(0, bar);
        current.file = path.filename().string();
        case_line = line_no;
        continue;
      }
      if (!current.id.empty()) raw += line + "\n";
    }
    if (!finish()) return false;
  }
  return true;
}

std::string TypeOfRule(std::string_view rule) {
  static const std::map<std::string, std::string, std::less<>> kTypes = {
      {"pii.nhs-number", "nhs"},
      {"pii.nhs-number-possible", "nhs-possible"},
      {"pii.ni-number", "nino"},
      {"pii.email", "email"},
      {"pii.phone-number", "phone"},
      {"pii.postcode", "postcode"},
      {"pii.street-address", "address"},
      {"pii.date-of-birth", "dob"},
      {"pii.age", "dob"},
      {"pii.person-name", "name"},
      {"pii.hospital-number", "hospital"},
      {"pii.bank-details", "bank"},
      {"pii.passport-number", "passport"},
      {"pii.driving-licence", "licence"},
      {"pii.care-place", "place"}};
  auto it = kTypes.find(rule);
  return it == kTypes.end() ? "" : it->second;
}

std::map<std::string, Score> Evaluate(const std::vector<Case>& cases, std::vector<Slip>* slips) {
  std::map<std::string, Score> scores;
  for (const std::string& t : KnownTypes()) scores[t];
  for (const Case& c : cases) {
    std::vector<redaction::Match> found = redaction::FindPersonalData(c.text);
    std::vector<bool> hit(c.labels.size(), false);
    for (const redaction::Match& m : found) {
      std::string type = TypeOfRule(m.rule);
      if (type.empty()) continue;
      Score& s = scores[type];
      ++s.predicted;
      bool ok = false;
      for (size_t i = 0; i < c.labels.size(); ++i) {
        if (c.labels[i].type == type &&
            Overlap(m.start, m.end, c.labels[i].start, c.labels[i].end)) {
          ok = true;
          hit[i] = true;
        }
      }
      if (ok) {
        ++s.predicted_correct;
      } else if (slips != nullptr) {
        slips->push_back({c.id, type, c.text.substr(m.start, m.end - m.start), true});
      }
    }
    for (size_t i = 0; i < c.labels.size(); ++i) {
      Score& s = scores[c.labels[i].type];
      ++s.labelled;
      if (hit[i]) {
        ++s.labelled_found;
      } else if (slips != nullptr) {
        const Label& l = c.labels[i];
        slips->push_back({c.id, l.type, c.text.substr(l.start, l.end - l.start), false});
      }
    }
  }
  Score all;
  for (const auto& [type, s] : scores) {
    all.predicted += s.predicted;
    all.predicted_correct += s.predicted_correct;
    all.labelled += s.labelled;
    all.labelled_found += s.labelled_found;
  }
  scores["overall"] = all;
  return scores;
}

const std::vector<Target>& Targets() {
  static const std::vector<Target> t = {
      {"nhs", 0.99, 0.99},   {"nino", 0.99, 0.99}, {"postcode", 0.99, 0.99}, {"email", 0.99, 0.99},
      {"phone", 0.99, 0.99}, {"name", 0.85, 0.90}, {"address", 0.85, 0.90}};
  return t;
}

}  // namespace qpm::bench
