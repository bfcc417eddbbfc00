#include "pipeline/core/profile.h"

#include <re2/re2.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "pipeline/core/model_json.h"

namespace qpm {
namespace {

using nlohmann::json;

// A mistake in the profile, with the dotted path of the field it is in.
struct ProfileError {
  std::string field;
  std::string problem;
};

// Reads one JSON object, field by field, and complains about fields it does not know,
// since a misspelt field name would otherwise be silently ignored.
class Fields {
 public:
  Fields(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) throw ProfileError{Where(), "must be an object, not " + JsonKind(j_)};
  }

  std::string Where(std::string_view key = "") const {
    if (key.empty()) return path_.empty() ? "(top level)" : path_;
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  bool Has(const char* key) {
    seen_.insert(key);
    return j_.contains(key);
  }

  const json& Get(const char* key) {
    if (!Has(key)) throw ProfileError{Where(key), "is missing"};
    return j_.at(key);
  }

  std::string Text(const char* key, bool required = true) {
    if (!required && !Has(key)) return "";
    const json& v = Get(key);
    if (!v.is_string()) throw ProfileError{Where(key), "must be a text, not " + JsonKind(v)};
    std::string s = v.get<std::string>();
    if (required && s.empty()) throw ProfileError{Where(key), "must not be empty"};
    return s;
  }

  int Int(const char* key, int lo, int hi, std::optional<int> fallback = std::nullopt) {
    if (fallback && !Has(key)) return *fallback;
    const json& v = Get(key);
    if (!v.is_number_integer()) {
      throw ProfileError{Where(key), "must be a whole number, not " + JsonKind(v)};
    }
    long long n = v.get<long long>();
    if (n < lo || n > hi) {
      throw ProfileError{Where(key), "must be between " + std::to_string(lo) + " and " +
                                         std::to_string(hi) + ", not " + std::to_string(n)};
    }
    return static_cast<int>(n);
  }

  std::vector<std::string> Texts(const char* key, bool required = true) {
    if (!required && !Has(key)) return {};
    const json& v = Get(key);
    if (!v.is_array()) throw ProfileError{Where(key), "must be a list of texts"};
    std::vector<std::string> out;
    for (size_t i = 0; i < v.size(); ++i) {
      std::string where = Where(key) + "[" + std::to_string(i) + "]";
      if (!v[i].is_string() || v[i].get<std::string>().empty()) {
        throw ProfileError{where, "must be a text that is not empty"};
      }
      out.push_back(v[i].get<std::string>());
    }
    if (required && out.empty()) throw ProfileError{Where(key), "must hold at least one text"};
    return out;
  }

  // Each element of the list `key`, with its path. A required list must be there and,
  // unless `may_be_empty`, hold something.
  template <typename Fn>
  void Each(const char* key, Fn fn, bool required = true, bool may_be_empty = false) {
    if (!required && !Has(key)) return;
    const json& v = Get(key);
    if (!v.is_array()) throw ProfileError{Where(key), "must be a list, not " + JsonKind(v)};
    if (required && !may_be_empty && v.empty()) {
      throw ProfileError{Where(key), "must not be empty"};
    }
    for (size_t i = 0; i < v.size(); ++i) {
      fn(v[i], Where(key) + "[" + std::to_string(i) + "]");
    }
  }

  // Call last: any field not asked for is a mistake (a "note" is always allowed).
  void NoOthers() const {
    for (const auto& [key, value] : j_.items()) {
      if (key == "note" || seen_.count(key) != 0) continue;
      throw ProfileError{Where(key), "is not a field this version knows; check its spelling"};
    }
  }

 private:
  const json& j_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

// A text shown as a title or in a line of the outputs: no line breaks or tabs in it.
std::string OneLine(Fields& f, const char* key, bool required = true) {
  std::string s = f.Text(key, required);
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20) {
      throw ProfileError{f.Where(key), "must be one line, without line breaks or tabs"};
    }
  }
  return s;
}

void CheckPattern(const std::string& pattern, const std::string& where, int groups) {
  RE2 re(pattern, RE2::Quiet);
  if (!re.ok()) throw ProfileError{where, "is not a valid pattern: " + re.error()};
  if (re.NumberOfCapturingGroups() != groups) {
    throw ProfileError{where, "must have exactly " + std::to_string(groups) +
                                  " group(s) in brackets, and has " +
                                  std::to_string(re.NumberOfCapturingGroups())};
  }
}

void Unique(std::set<std::string>& seen, const std::string& id, const std::string& where) {
  if (!seen.insert(id).second) throw ProfileError{where, "\"" + id + "\" is used twice"};
}

Indicator ReadIndicator(Fields& f, const RE2& id_re, int default_min_words,
                        std::set<std::string>& ids) {
  Indicator ind;
  ind.id = f.Text("id");
  if (!RE2::FullMatch(ind.id, id_re)) {
    throw ProfileError{f.Where("id"), "\"" + ind.id +
                                          "\" does not match workbook.indicator_id, so it "
                                          "could never be found in a workbook"};
  }
  Unique(ids, ind.id, f.Where("id"));
  ind.kind = f.Text("kind");
  if (ind.kind != "tick" && ind.kind != "narrative" && ind.kind != "contact") {
    throw ProfileError{f.Where("kind"),
                       "must be \"tick\", \"narrative\" or \"contact\", not \"" + ind.kind + "\""};
  }
  ind.wording = f.Text("wording");
  ind.min_words = f.Int("min_words", 0, 10000, ind.kind == "narrative" ? default_min_words : 0);
  if (ind.kind != "narrative" && ind.min_words != 0) {
    throw ProfileError{f.Where("min_words"), "only a narrative indicator has a word count"};
  }
  f.NoOthers();
  return ind;
}

// The "workbook" object: how the workbook is recognised, and its sections of indicators.
void ReadWorkbookSection(Fields& top, Profile& p) {
  Fields wb(top.Get("workbook"), "workbook");
  p.workbook_name = wb.Text("name", false);
  if (p.workbook_name.empty()) p.workbook_name = "workbook";
  p.workbook_cues = wb.Texts("cues");
  p.indicator_id = wb.Text("indicator_id");
  CheckPattern(p.indicator_id, "workbook.indicator_id", 0);
  p.issue_date_cues = wb.Texts("issue_date_cues", false);
  p.wte_cues = wb.Texts("wte_cues", false);
  p.band_cues = wb.Texts("band_cues", false);
  p.min_words = wb.Int("min_words", 0, 10000, 0);
  RE2 id_re(p.indicator_id);
  std::set<std::string> ids;
  wb.Each("sections", [&](const json& sj, const std::string& where) {
    Fields sf(sj, where);
    ProfileSection section;
    section.id = sf.Text("id");
    section.title = sf.Text("title");
    sf.Text("summary", false);
    sf.Each("indicators", [&](const json& ij, const std::string& iwhere) {
      Fields f(ij, iwhere);
      section.indicators.push_back(ReadIndicator(f, id_re, p.min_words, ids));
    });
    sf.NoOthers();
    p.sections.push_back(std::move(section));
  });
  wb.NoOthers();
}

// `if_missing`: "blocker" (the default) or "warning", for a document the quality mark
// accepts in another form; a warning says why in `if_missing_note`, the mark's words.
void ReadIfMissing(Fields& f, RequiredPolicy& policy) {
  if (f.Has("if_missing")) {
    std::string severity = f.Text("if_missing");
    if (severity == "warning") {
      policy.if_missing = Severity::kWarning;
    } else if (severity != "blocker") {
      throw ProfileError{f.Where("if_missing"),
                         "must be \"blocker\" or \"warning\", not \"" + severity + "\""};
    }
  }
  policy.if_missing_note = OneLine(f, "if_missing_note", false);
  if (policy.if_missing == Severity::kWarning && policy.if_missing_note.empty()) {
    throw ProfileError{f.Where("if_missing_note"),
                       "is missing: a document that is only a warning when missing needs a "
                       "sentence saying why, in the quality mark's words"};
  }
}

// An edition may name no policy it requires (`"policies": []`): documents are then
// policies by policy_cues alone, and no policy is reported missing.
void ReadPolicies(Fields& top, Profile& p) {
  std::set<std::string> policy_ids;
  top.Each(
      "policies",
      [&](const json& pj, const std::string& where) {
        Fields f(pj, where);
        RequiredPolicy policy;
        policy.id = f.Text("id");
        Unique(policy_ids, policy.id, f.Where("id"));
        policy.title = f.Text("title");
        policy.synonyms = f.Texts("synonyms", false);
        ReadIfMissing(f, policy);
        f.NoOthers();
        p.policies.push_back(std::move(policy));
      },
      /*required=*/true, /*may_be_empty=*/true);
  p.policy_cues = top.Texts("policy_cues");
}

void ReadReports(Fields& top, Profile& p) {
  std::set<std::string> report_ids;
  top.Each(
      "reports",
      [&](const json& rj, const std::string& where) {
        Fields f(rj, where);
        ReportType type;
        type.id = f.Text("id");
        Unique(report_ids, type.id, f.Where("id"));
        type.name = f.Text("name");
        type.cues = f.Texts("cues");
        f.NoOthers();
        p.reports.push_back(std::move(type));
      },
      false);
}

// One band; `last_wte` is the WTE the band before it goes up to, and becomes this one's.
Band ReadBand(Fields& f, const Profile& p, std::set<std::string>& band_numbers,
              std::optional<double>& last_wte) {
  Band band;
  band.band = f.Int("band", 1, 99);
  Unique(band_numbers, std::to_string(band.band), f.Where("band"));
  if (f.Has("bespoke")) {
    const json& v = f.Get("bespoke");
    if (!v.is_boolean()) throw ProfileError{f.Where("bespoke"), "must be true or false"};
    band.bespoke = v.get<bool>();
  }
  if (f.Has("wte_up_to")) {
    const json& v = f.Get("wte_up_to");
    if (!v.is_number() || v.get<double>() <= 0) {
      throw ProfileError{f.Where("wte_up_to"), "must be a number above 0"};
    }
    band.wte_up_to = v.get<double>();
    if (last_wte && *band.wte_up_to <= *last_wte) {
      throw ProfileError{f.Where("wte_up_to"), "must be higher than the band before it"};
    }
    last_wte = band.wte_up_to;
  } else if (!band.bespoke) {
    throw ProfileError{f.Where("wte_up_to"), "is missing (only a bespoke band may leave it out)"};
  }
  if (!band.bespoke) {
    band.case_files = f.Int("case_files", 0, 1000);
    Fields rf(f.Get("reports"), f.Where("reports"));
    for (const ReportType& type : p.reports) {
      band.reports[type.id] = rf.Int(type.id.c_str(), 0, 1000, 0);
    }
    rf.NoOthers();
  }
  f.NoOthers();
  return band;
}

void ReadBands(Fields& top, Profile& p) {
  std::set<std::string> band_numbers;
  std::optional<double> last_wte;
  top.Each(
      "bands",
      [&](const json& bj, const std::string& where) {
        Fields f(bj, where);
        p.bands.push_back(ReadBand(f, p, band_numbers, last_wte));
      },
      false);
}

// A quality mark without case files (an application form) leaves the section out.
void ReadCaseFiles(Fields& top, Profile& p) {
  if (!top.Has("case_files")) {
    for (size_t i = 0; i < p.bands.size(); ++i) {
      if (p.bands[i].case_files > 0) {
        throw ProfileError{"bands[" + std::to_string(i) + "].case_files",
                           "asks for case files, but the profile has no case_files section to "
                           "say how they are recognised"};
      }
    }
    return;
  }
  Fields cf(top.Get("case_files"), "case_files");
  p.case_file_cues = cf.Texts("cues");
  p.case_id_pattern = cf.Text("id_pattern");
  CheckPattern(p.case_id_pattern, "case_files.id_pattern", 1);
  p.case_id_prefix = cf.Has("id_prefix") ? cf.Text("id_prefix") : "CF";
  std::set<std::string> component_names;
  cf.Each("components", [&](const json& cj, const std::string& where) {
    Fields f(cj, where);
    CaseComponent component;
    component.name = f.Text("name");
    Unique(component_names, component.name, f.Where("name"));
    component.cues = f.Texts("cues");
    f.NoOthers();
    p.components.push_back(std::move(component));
  });
  cf.NoOthers();
}

// Without `deadlines` the quality mark sets no timescale: nothing is judged late and
// no assessment is due by a date. Within it, the months come as a pair or not at all.
void ReadDeadlines(Fields& top, Profile& p) {
  if (!top.Has("deadlines")) return;
  Fields df(top.Get("deadlines"), "deadlines");
  if (df.Has("warning_months") || df.Has("final_months")) {
    p.warning_months = df.Int("warning_months", 1, 120);
    p.final_months = df.Int("final_months", 1, 120);
    if (p.final_months < p.warning_months) {
      throw ProfileError{"deadlines.final_months", "must not be before warning_months"};
    }
  }
  p.assessment_weeks = df.Int("assessment_weeks", 1, 104, 0);
  df.NoOthers();
}

// What the outputs call the quality mark: its titles, the bundle's cover, the
// references. Required, so that no output falls back on another mark's words.
void ReadWords(Fields& top, Profile& p) {
  p.words.title = p.title;
  p.words.mark = OneLine(top, "mark");
  p.words.mark_in_full = OneLine(top, "mark_in_full");
  p.words.submission = OneLine(top, "submission");
  p.words.assessment = OneLine(top, "assessment");
  p.words.reference_prefix = top.Text("reference_prefix");
  // It starts every reference, on every bundle page and in the bag's tag file.
  if (!RE2::FullMatch(p.words.reference_prefix, "[A-Za-z0-9]{1,12}")) {
    throw ProfileError{"reference_prefix", "must be 1 to 12 letters or digits, like \"QPM\""};
  }
}

// The whole profile, section by section; throws ProfileError at the first mistake.
Profile Read(const json& root) {
  Profile p;
  Fields top(root, "");
  p.name = top.Text("profile");
  p.title = OneLine(top, "title");
  ReadWords(top, p);
  ReadWorkbookSection(top, p);
  ReadPolicies(top, p);
  ReadReports(top, p);
  ReadBands(top, p);
  ReadCaseFiles(top, p);
  p.correspondence_cues = top.Texts("correspondence_cues", false);
  ReadDeadlines(top, p);
  top.NoOthers();
  return p;
}

}  // namespace

const Indicator* Profile::FindIndicator(std::string_view id) const {
  for (const ProfileSection& section : sections) {
    for (const Indicator& ind : section.indicators) {
      if (ind.id == id) return &ind;
    }
  }
  return nullptr;
}

const Band* Profile::BandForWte(double wte) const {
  for (const Band& band : bands) {
    if (!band.wte_up_to || wte <= *band.wte_up_to) return &band;
  }
  return nullptr;
}

const Band* Profile::FindBand(int number) const {
  for (const Band& band : bands) {
    if (band.band == number) return &band;
  }
  return nullptr;
}

Result<Profile> ParseProfile(std::string_view json_text, const std::string& origin) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& e) {
    // Say where: nlohmann reports the byte; people want the line.
    size_t at = std::min<size_t>(e.byte, json_text.size());
    auto line = 1 + std::count(json_text.begin(), json_text.begin() + static_cast<long>(at), '\n');
    return Status(StatusCode::kUnreadable,
                  origin + ": line " + std::to_string(line) +
                      ": this is not valid JSON (look for a missing comma, quote or bracket)");
  }
  try {
    Profile p = Read(root);
    p.path = origin;
    return p;
  } catch (const ProfileError& e) {
    return Status(StatusCode::kUnreadable, origin + ": " + e.field + ": " + e.problem);
  }
}

Result<Profile> LoadProfile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kIo, path + ": the profile cannot be opened");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status(StatusCode::kIo, path + ": the profile cannot be read");
  return ParseProfile(text.str(), path);
}

std::vector<std::string> ProfileDirs(const std::string& program_path) {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (const char* dir = std::getenv("QPM_PROFILE_DIR"); dir != nullptr && *dir != '\0') {
    candidates.emplace_back(dir);
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::path(program_path);
  candidates.push_back(exe.parent_path().parent_path() / "share/qpm-intake/profiles");
#ifdef QPM_SOURCE_PROFILES
  candidates.emplace_back(QPM_SOURCE_PROFILES);
#endif
  std::vector<std::string> out;
  for (const fs::path& p : candidates) {
    if (fs::is_directory(p, ec)) out.push_back(p.string());
  }
  return out;
}

std::string FindProfile(const std::string& name_or_path, const std::string& program_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(name_or_path, ec)) return name_or_path;
  // A bare name only: a path that does not exist is not looked for elsewhere.
  if (name_or_path.empty() || name_or_path.find('/') != std::string::npos) return "";
  std::string file = name_or_path;
  if (file.size() < 5 || file.compare(file.size() - 5, 5, ".json") != 0) file += ".json";
  for (const std::string& dir : ProfileDirs(program_path)) {
    fs::path p = fs::path(dir) / file;
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return "";
}

std::string DefaultProfilePath(const std::string& program_path) {
  return FindProfile("qpm-v4", program_path);
}

std::string CaseIdFromNumber(std::string number, const Profile& profile) {
  for (char& c : number) {
    if (c == 'O' || c == 'o') c = '0';
    if (c == 'l' || c == 'I' || c == 'i' || c == 'L') c = '1';
  }
  int n = std::atoi(number.c_str());
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return profile.case_id_prefix + buf;
}

}  // namespace qpm
