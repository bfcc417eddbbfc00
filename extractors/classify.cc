#include "extractors/classify.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "extractors/page_layout.h"
#include "extractors/text_match.h"

namespace qpm::classify {
namespace {

// Where a clue was seen, and how much it weighs: a file's own name says most about
// it; the folder it was put in, its title and its first heading nearly as much;
// words in the body of its first page only a little.
struct Source {
  std::string label;   // "file name", "folder", "title", "heading", "first page"
  std::string folded;  // the text, folded
  double weight = 0;
};

struct Candidate {
  std::string role;
  std::string detail;
  double score = 0;
  std::vector<std::string> reasons;

  void Add(double weight, std::string reason) {
    score += weight;
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
      reasons.push_back(std::move(reason));
    }
  }
};

bool Readable(const Document& d) {
  return d.status == DocStatus::kRead || d.status == DocStatus::kPartlyRead ||
         (d.status == DocStatus::kFailed && !d.pages.empty());
}

bool Classifiable(const Document& d) {
  return d.role == "unknown" && d.set_aside.empty() && d.duplicate_of.empty();
}

std::string Quote(const std::string& cue) { return "'" + cue + "'"; }

std::vector<Source> SourcesOf(const Document& d) {
  std::vector<Source> out;
  std::string entry = d.origin.empty() ? "" : d.origin.back();
  size_t slash = entry.find_last_of('/');
  out.push_back({"file name", match::Fold(FileStem(d)), 0.6});
  if (slash != std::string::npos)
    out.push_back({"folder", match::Fold(entry.substr(0, slash)), 0.35});
  for (const auto& [key, value] : d.metadata) {
    if (key == "Title") out.push_back({"title", match::Fold(value), 0.5});
  }
  // The first page's headings, and the start of its text.
  for (const Page& p : d.pages) {
    if (p.text.empty()) continue;
    std::set<std::string> running = layout::RunningLines(d);
    std::string headings;
    int taken = 0;
    for (const layout::Line& line : layout::PageLines(p, running)) {
      if (!line.heading || line.running) continue;
      headings += std::string(line.text) + "\n";
      if (++taken == 3) break;
    }
    out.push_back({"heading", match::Fold(headings), 0.5});
    out.push_back({"first page", match::Fold(std::string_view(p.text).substr(0, 3000)), 0.2});
    break;
  }
  return out;
}

// The longest cue of `cues` found in `source`, or -1.
int LongestCueIn(const Source& source, const std::vector<std::string>& cues) {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < cues.size(); ++i) {
    std::string cue = match::Fold(cues[i]);
    if (cue.size() > best_len && match::HasPhrase(source.folded, cue)) {
      best = static_cast<int>(i);
      best_len = cue.size();
    }
  }
  return best;
}

// The words of four letters or more in `text`, folded.
std::set<std::string> LongWords(std::string_view text) {
  std::set<std::string> out;
  std::string folded = match::Fold(text);
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end - start >= 4) out.insert(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Lines, over the whole document, that start with an indicator id the profile
// knows and go on with words of that indicator's wording. The number alone is not
// enough: policies and papers number their sections "1.1", "2.3" too.
int IndicatorLines(const Document& d, const Profile& profile) {
  RE2 id_re("(" + profile.indicator_id + ")(?:\\s|$)");
  int count = 0;
  std::set<std::string> seen;
  for (const Page& p : d.pages) {
    std::vector<std::string_view> lines = match::Lines(p.text);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string_view line = lines[i];
      size_t lead = line.find_first_not_of(" \t");
      if (lead == std::string_view::npos) continue;
      std::string id;
      re2::StringPiece rest(line.data() + lead, line.size() - lead);
      if (!RE2::Consume(&rest, id_re, &id) || seen.count(id) != 0) continue;
      const Indicator* ind = profile.FindIndicator(id);
      if (ind == nullptr) continue;
      std::set<std::string> want = LongWords(ind->wording);
      std::string after(rest.data(), rest.size());
      if (i + 1 < lines.size()) after += " " + std::string(lines[i + 1]);
      size_t shared = 0;
      for (const std::string& w : LongWords(after)) shared += want.count(w);
      if (want.empty() || shared * 2 >= std::min<size_t>(want.size(), 6)) {
        seen.insert(id);
        ++count;
      }
    }
  }
  return count;
}

int IndicatorCount(const Profile& profile) {
  int n = 0;
  for (const ProfileSection& s : profile.sections) n += static_cast<int>(s.indicators.size());
  return n;
}

// The role in words: "Safeguarding policy", "IMCA report", "Case file CF03".
std::string Label(const std::string& role, const std::string& detail, const Profile& profile) {
  if (role == "workbook") return "Workbook";
  if (role == "correspondence") return "Letter or email";
  if (role == "case-file") return detail.empty() ? "Case file" : "Case file " + detail;
  if (role == "policy") {
    for (const RequiredPolicy& p : profile.policies) {
      if (p.id == detail) return match::AsHeading(p.title);
    }
    return "Other policy";
  }
  if (role == "report") {
    for (const ReportType& t : profile.reports) {
      if (t.id == detail) return t.name;
    }
    return "Report";
  }
  return "Not identified";
}

void Classify(Document& d, const Profile& profile) {
  std::vector<Source> sources = SourcesOf(d);
  Candidate workbook{"workbook", "", 0, {}};
  Candidate case_file{"case-file", "", 0, {}};
  Candidate correspondence{"correspondence", "", 0, {}};
  std::map<std::string, Candidate> reports;   // by type id
  std::map<std::string, Candidate> policies;  // by policy id; "" for a policy not required

  for (const Source& src : sources) {
    if (src.folded.empty()) continue;
    bool body = src.label == "first page";
    if (int i = LongestCueIn(src, profile.workbook_cues); i >= 0) {
      workbook.Add(src.weight, src.label + " says " + Quote(profile.workbook_cues[size_t(i)]));
    }
    if (int i = LongestCueIn(src, profile.case_file_cues); i >= 0 && !body) {
      case_file.Add(src.weight, src.label + " says " + Quote(profile.case_file_cues[size_t(i)]));
    }
    if (std::string id = CaseIdIn(src.folded, profile); !id.empty() && !body) {
      case_file.Add(src.weight, src.label + " names case " + id);
      if (case_file.detail.empty()) case_file.detail = id;
    }
    for (const ReportType& type : profile.reports) {
      if (int i = LongestCueIn(src, type.cues); i >= 0) {
        Candidate& c = reports[type.id];
        c.role = "report";
        c.detail = type.id;
        c.Add(src.weight, src.label + " says " + Quote(type.cues[size_t(i)]));
      }
    }
    if (!body) {
      // The required policy whose title or synonym is the longest match.
      const RequiredPolicy* best = nullptr;
      std::string best_cue;
      for (const RequiredPolicy& policy : profile.policies) {
        std::vector<std::string> names = policy.synonyms;
        names.insert(names.begin(), policy.title);
        if (int i = LongestCueIn(src, names); i >= 0 && names[size_t(i)].size() > best_cue.size()) {
          best = &policy;
          best_cue = names[size_t(i)];
        }
      }
      if (best != nullptr) {
        Candidate& c = policies[best->id];
        c.role = "policy";
        c.detail = best->id;
        c.Add(src.weight, src.label + " says " + Quote(best_cue));
      } else if (int i = LongestCueIn(src, profile.policy_cues); i >= 0) {
        Candidate& c = policies[""];
        c.role = "policy";
        c.Add(src.weight * 0.6, src.label + " says " + Quote(profile.policy_cues[size_t(i)]));
      }
    }
    if (src.label == "heading" || body) {
      if (int i = LongestCueIn(src, profile.correspondence_cues); i >= 0) {
        correspondence.Add(0.2,
                           src.label + " has " + Quote(profile.correspondence_cues[size_t(i)]));
      }
    }
  }
  // A policy found by a generic word in one place and by its title in another is one policy.
  if (policies.size() > 1 && policies.count("") != 0) {
    Candidate generic = policies[""];
    policies.erase("");
    Candidate& best = std::max_element(policies.begin(), policies.end(), [](auto& a, auto& b) {
                        return a.second.score < b.second.score;
                      })->second;
    for (std::string& r : generic.reasons) best.Add(0, r);
    best.score += generic.score;
  }
  // A workbook prints its indicators; many of the profile's ids, each at the start of a line.
  int total = IndicatorCount(profile);
  if (int found = IndicatorLines(d, profile); found >= std::max(3, total / 3)) {
    workbook.Add(0.6, std::to_string(found) + " of the profile's " + std::to_string(total) +
                          " indicators are printed in it");
  }
  // Pages that open with case-file components (referral, consent, case notes ...).
  std::set<std::string> components;
  std::set<std::string> running = layout::RunningLines(d);
  for (const Page& p : d.pages) {
    for (const layout::Line& line : layout::PageLines(p, running)) {
      if (!line.heading) continue;
      std::string folded = match::Fold(line.text);
      for (const CaseComponent& c : profile.components) {
        if (match::LongestLeadingCue(folded, c.cues) >= 0) components.insert(c.name);
      }
    }
  }
  // A letter's "Dear" is a correspondence cue and a component of a case file too.
  if (components.size() >= 2) {
    case_file.Add(0.4, "its pages open with " + std::to_string(components.size()) +
                           " case-file parts (" + *components.begin() + ", ...)");
  }
  if (case_file.detail.empty()) {
    for (const Page& p : d.pages) {
      int taken = 0;
      for (const layout::Line& line : layout::PageLines(p, running, 6)) {
        if (++taken > 6) break;
        if (std::string id = CaseIdIn(line.text, profile); !id.empty()) {
          case_file.detail = id;
          if (case_file.score > 0) case_file.Add(0.2, "it names case " + id + " at its top");
          break;
        }
      }
      break;
    }
  }

  std::vector<Candidate*> all = {&workbook, &case_file, &correspondence};
  for (auto& [id, c] : reports) all.push_back(&c);
  for (auto& [id, c] : policies) all.push_back(&c);
  std::stable_sort(all.begin(), all.end(),
                   [](const Candidate* a, const Candidate* b) { return a->score > b->score; });
  const Candidate& best = *all[0];
  double second = all.size() > 1 ? all[1]->score : 0;
  if (best.score < 0.3) {
    d.role = "unknown";
    d.role_confidence = 0;
    d.role_reason = "Nothing in its name, folder, title or first page says what it is.";
    if (!best.reasons.empty()) d.role_reason += " (Weak clue: " + best.reasons.front() + ".)";
    return;
  }
  d.role = best.role;
  d.role_detail = best.detail;
  d.role_label = Label(best.role, best.detail, profile);
  double certainty = std::min(1.0, best.score) * (0.5 + 0.5 * (best.score - second) / best.score);
  d.role_confidence = std::round(certainty * 100) / 100;
  std::string reason;
  for (size_t i = 0; i < best.reasons.size(); ++i) {
    reason += (i == 0 ? "" : "; ") + best.reasons[i];
  }
  if (second > 0 && all[1]->score >= best.score * 0.7 && !all[1]->reasons.empty()) {
    reason += ". It could also be " +
              (all[1]->role == "case-file" ? std::string("a case file") : "a " + all[1]->role) +
              ": " + all[1]->reasons.front();
  }
  d.role_reason = reason + ".";
}

}  // namespace

std::string FileStem(const Document& d) {
  std::string entry = d.origin.empty() ? "" : d.origin.back();
  size_t slash = entry.find_last_of('/');
  std::string name = slash == std::string::npos ? entry : entry.substr(slash + 1);
  if (size_t dot = name.find_last_of('.'); dot != std::string::npos && dot > 0) name.erase(dot);
  return name;
}

std::string CaseIdIn(std::string_view text, const Profile& profile) {
  static thread_local std::string pattern;
  static thread_local std::unique_ptr<RE2> re;
  if (!re || pattern != profile.case_id_pattern) {
    pattern = profile.case_id_pattern;
    re = std::make_unique<RE2>(pattern);
  }
  std::string number;
  if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re, &number)) return "";
  return CaseIdFromNumber(std::move(number), profile);
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

void ClassifyDocuments(Submission& s, const Profile& profile) {
  for (Document& d : s.documents) {
    if (!Classifiable(d) || !Readable(d)) continue;
    Classify(d, profile);
  }
}

}  // namespace qpm::classify
