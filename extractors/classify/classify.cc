#include "extractors/classify/classify.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "extractors/classify/case_parts.h"
#include "extractors/classify/page_layout.h"
#include "pipeline/core/text.h"

namespace qpm::classify {
namespace {

// Where a clue was seen, and how much it weighs: a file's own name says most about
// it; the folder it was put in (or the zip or email it came in), its title and its
// first heading nearly as much; folders further out, and words in the body of its
// first page, only a little.
struct Source {
  std::string label;   // "file name", "folder", "outer folders", "title", "heading", "first page"
  std::string folded;  // the text, folded
  double weight = 0;
  bool name = false;  // a file's or folder's name, which may name what it holds in the plural
};

struct Candidate {
  std::string role;
  std::string detail;
  double score = 0;
  std::vector<std::string> reasons;
  bool decided = false;  // the structure of the submission says it, whatever the weights

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

// The names of the folders, zips and emails a document sits in, nearest first:
// "Submission.zip" > "Sub/Case files/CF01/notes.pdf" gives "CF01", "Case files",
// "Sub", "Submission.zip".
std::vector<std::string> FoldersOf(const Document& d) {
  std::vector<std::string> out;
  for (size_t k = d.origin.size(); k-- > 0;) {
    std::string entry = d.origin[k];
    if (k + 1 == d.origin.size()) {  // the document's own entry: its folders only
      size_t slash = entry.find_last_of('/');
      entry = slash == std::string::npos ? "" : entry.substr(0, slash);
    }
    while (!entry.empty()) {
      size_t slash = entry.find_last_of('/');
      std::string part = slash == std::string::npos ? entry : entry.substr(slash + 1);
      entry = slash == std::string::npos ? "" : entry.substr(0, slash);
      if (!part.empty() && part != ".") out.push_back(part);
    }
  }
  return out;
}

std::vector<Source> SourcesOf(const Document& d) {
  std::vector<Source> out;
  out.push_back({"file name", text::Fold(FileStem(d)), 0.6, true});
  std::vector<std::string> folders = FoldersOf(d);
  if (!folders.empty()) {
    out.push_back({"folder", text::Fold(folders[0]), 0.35, true});
    std::string outer;
    for (size_t i = 1; i < folders.size(); ++i) outer += folders[i] + "\n";
    if (!outer.empty()) out.push_back({"outer folders", text::Fold(outer), 0.15, true});
  }
  for (const auto& [key, value] : d.metadata) {
    if (key == "Title") out.push_back({"title", text::Fold(value), 0.5});
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
    out.push_back({"heading", text::Fold(headings), 0.5});
    out.push_back({"first page", text::Fold(std::string_view(p.text).substr(0, 3000)), 0.2});
    break;
  }
  return out;
}

// The longest cue of `cues` found in `source` (in a name, also in the plural), or -1.
int LongestCueIn(const Source& source, const std::vector<std::string>& cues) {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < cues.size(); ++i) {
    std::string cue = text::Fold(cues[i]);
    if (cue.size() <= best_len) continue;
    if (source.name ? text::HasPhraseOrPlural(source.folded, cue)
                    : text::HasPhrase(source.folded, cue)) {
      best = static_cast<int>(i);
      best_len = cue.size();
    }
  }
  return best;
}

// Whether the document is laid out as a policy or procedure, whatever its title:
// the sections policies have (purpose, scope, responsibilities, review ...), as
// headings, numbered or not, and a document-control block (version, approved by,
// review date). Returns what was seen, or "" when it is not laid out so. Reports
// and case files have sections too, but not these.
std::string PolicyLayout(const Document& d) {
  static const RE2 kNumbering(
      "^\\s*(?:(?i:section|part)\\s+)?(?:[0-9]{1,2}(?:\\.[0-9]{1,2})*[.):]?|[a-zA-Z][.)])\\s+");
  static const std::vector<std::string> kSections = {"purpose",
                                                     "aim",
                                                     "aims",
                                                     "scope",
                                                     "introduction",
                                                     "definitions",
                                                     "policy statement",
                                                     "statement of intent",
                                                     "principles",
                                                     "responsibilities",
                                                     "roles and responsibilities",
                                                     "procedure",
                                                     "procedures",
                                                     "implementation",
                                                     "monitoring",
                                                     "review",
                                                     "monitoring and review",
                                                     "related policies",
                                                     "related documents",
                                                     "legislation",
                                                     "legal framework",
                                                     "equality impact assessment",
                                                     "breaches of this policy"};
  static const std::vector<std::string> kControl = {
      "version",      "approved by",    "date approved",  "approval date",  "ratified",
      "review date",  "next review",    "date of review", "effective date", "effective from",
      "policy owner", "document owner", "author",         "date issued"};
  std::set<std::string> sections, control;
  int taken = 0;
  for (const Page& p : d.pages) {
    if (++taken > 2) break;
    for (std::string_view line : text::Lines(p.text)) {
      re2::StringPiece rest(line.data(), line.size());
      bool numbered = RE2::Consume(&rest, kNumbering);
      std::string folded = text::Fold(std::string_view(rest.data(), rest.size()));
      if (folded.empty()) continue;
      int words = text::CountWords(std::string_view(rest.data(), rest.size()));
      if (words <= 6) {
        for (const std::string& name : kSections) {
          // "Purpose", "2. Scope", "Purpose of this policy"; not a sentence that starts so.
          if (folded == name ||
              (text::StartsWithPhrase(folded, name) && (numbered || words <= 4))) {
            sections.insert(name);
          }
        }
      }
      for (const std::string& label : kControl) {
        if (text::StartsWithPhrase(folded, label)) control.insert(label);
      }
    }
  }
  if (sections.size() >= 3 || (sections.size() >= 2 && control.size() >= 2)) {
    std::string said;
    size_t n = 0;
    for (const std::string& name : sections) {
      if (++n > 3) break;
      said += (n == 1 ? "" : ", ") + name;
    }
    return "it is laid out as a policy (" + said + (sections.size() > 3 ? ", ..." : "") + ")";
  }
  return "";
}

// The words of four letters or more in `text`, folded.
std::set<std::string> LongWords(std::string_view text) {
  std::set<std::string> out;
  std::string folded = text::Fold(text);
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
    std::vector<std::string_view> lines = text::Lines(p.text);
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
      if (p.id == detail) return text::AsHeading(p.title);
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

// Every role a document could have, as the clues weigh them so far.
struct Candidates {
  Candidate workbook{"workbook", "", 0, {}};
  Candidate case_file{"case-file", "", 0, {}};
  Candidate correspondence{"correspondence", "", 0, {}};
  std::map<std::string, Candidate> reports;   // by type id
  std::map<std::string, Candidate> policies;  // by policy id; "" for a policy not required
  // It prints many of the workbook's indicator ids. Its ids may look like case numbers
  // ("CF-01" in a Confidentiality section): such a document names no case by its text.
  bool prints_indicators = false;
  // A report's or workbook's cue in the file's own name: then a case number there is
  // one clue among others ("IMCA report - CF03.pdf"), not the last word.
  bool name_says_other = false;
  bool name_names_case = false;
};

// A workbook prints its indicators; many of the profile's ids, each at the start of a line.
void WeighIndicatorLines(const Document& d, const Profile& profile, Candidates& c) {
  int total = IndicatorCount(profile);
  int indicators = IndicatorLines(d, profile);
  c.prints_indicators = indicators >= std::max(3, total / 3);
  if (c.prints_indicators) {
    c.workbook.Add(0.6, std::to_string(indicators) + " of the profile's " + std::to_string(total) +
                            " indicators are printed in it");
  }
}

// A case named in the file's name, or in its title or first headings.
void WeighCaseIds(const Document& d, const Source& src, const Profile& profile, Candidates& c) {
  Candidate& case_file = c.case_file;
  if (src.label == "file name") {
    if (std::string id = CaseIdInName(FileStem(d), profile); !id.empty()) {
      case_file.Add(0.8, "file name names case " + id);
      case_file.detail = id;
      c.name_names_case = true;
    }
  } else if ((src.label == "title" || src.label == "heading") && !c.prints_indicators) {
    if (std::string id = CaseIdIn(src.folded, profile); !id.empty()) {
      case_file.Add(src.weight, src.label + " names case " + id);
      if (case_file.detail.empty()) case_file.detail = id;
    }
  }
}

// A required policy's title or synonym where a policy is named (not in the body of its
// first page); else a generic policy word.
void WeighPolicyCues(const Source& src, const Profile& profile, Candidates& c) {
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
    Candidate& policy = c.policies[best->id];
    policy.role = "policy";
    policy.detail = best->id;
    policy.Add(src.weight, src.label + " says " + Quote(best_cue));
    c.name_says_other = c.name_says_other || src.label == "file name";
  } else if (int i = LongestCueIn(src, profile.policy_cues); i >= 0) {
    // A generic word ("procedure") in a title says less than a policy's own name;
    // a folder named for policies says what the organisation filed there.
    Candidate& policy = c.policies[""];
    policy.role = "policy";
    bool folder = src.label == "folder" || src.label == "outer folders";
    policy.Add(src.weight * (folder ? 1.0 : 0.6),
               src.label + " says " + Quote(profile.policy_cues[size_t(i)]));
    c.name_says_other = c.name_says_other || src.label == "file name";
  }
}

// The cues of every role in one source of clues.
void WeighSource(const Document& d, const Source& src, const Profile& profile, Candidates& c) {
  bool body = src.label == "first page";
  if (int i = LongestCueIn(src, profile.workbook_cues); i >= 0) {
    c.workbook.Add(src.weight, src.label + " says " + Quote(profile.workbook_cues[size_t(i)]));
    c.name_says_other = c.name_says_other || src.label == "file name";
  }
  if (int i = LongestCueIn(src, profile.case_file_cues); i >= 0 && !body) {
    c.case_file.Add(src.weight, src.label + " says " + Quote(profile.case_file_cues[size_t(i)]));
  }
  WeighCaseIds(d, src, profile, c);
  for (const ReportType& type : profile.reports) {
    if (int i = LongestCueIn(src, type.cues); i >= 0) {
      Candidate& report = c.reports[type.id];
      report.role = "report";
      report.detail = type.id;
      report.Add(src.weight, src.label + " says " + Quote(type.cues[size_t(i)]));
      c.name_says_other = c.name_says_other || src.label == "file name";
    }
  }
  if (!body) WeighPolicyCues(src, profile, c);
  if (src.label == "heading" || body) {
    if (int i = LongestCueIn(src, profile.correspondence_cues); i >= 0) {
      c.correspondence.Add(0.2,
                           src.label + " has " + Quote(profile.correspondence_cues[size_t(i)]));
    }
  }
}

// What a policy looks like, for a policy whose title has no policy word ("... Standards");
// and a policy found by a generic word in one place and by its title in another is one
// policy.
void WeighPolicyLayout(const Document& d, const Profile& profile, Candidates& c) {
  std::map<std::string, Candidate>& policies = c.policies;
  if (!profile.policy_cues.empty() || !profile.policies.empty()) {
    if (std::string layout = PolicyLayout(d); !layout.empty()) {
      Candidate& policy = policies[""];
      policy.role = "policy";
      policy.Add(0.5, layout);
    }
  }
  if (policies.size() > 1 && policies.count("") != 0) {
    Candidate generic = policies[""];
    policies.erase("");
    Candidate& best = std::max_element(policies.begin(), policies.end(), [](auto& a, auto& b) {
                        return a.second.score < b.second.score;
                      })->second;
    for (std::string& r : generic.reasons) best.Add(0, r);
    best.score += generic.score;
  }
}

// The parts of a case file (referral, consent, case notes ...), by heading or content.
void WeighCaseParts(const Document& d, const Profile& profile, Candidate& case_file) {
  if (profile.components.empty() || d.pages.empty()) return;
  std::set<int> held;
  for (const parts::PartStart& p : parts::PartsOf(d, 0, d.pages.size() - 1, profile)) {
    held.insert(p.component);
  }
  // Several different parts make a case file, whatever the words on its first page:
  // a report, a policy or a workbook holds one at most.
  if (held.size() >= 2) {
    case_file.Add(held.size() >= 4   ? 1.0
                  : held.size() == 3 ? 0.8
                                     : 0.3,
                  "it holds " + std::to_string(held.size()) + " parts of a case file (" +
                      profile.components[size_t(*held.begin())].name + ", ...)");
  }
}

// A case named in the first lines of its first page, when nothing named one before.
void FindCaseAtTop(const Document& d, const Profile& profile, Candidate& case_file) {
  std::set<std::string> running = layout::RunningLines(d);
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

// A file in a case's own folder (or zip, or email) is a part of that case, whatever
// its text says: a referral form that mentions an IMCA is no IMCA report. Its own
// name, if it names a case, says which. A file whose name says it is another kind of
// document ("IMCA report.pdf", "Workbook.pdf"), or that prints the workbook's
// indicators, is weighed with its other clues instead.
void DecideByCaseFolder(const Document& d, const Profile& profile, Candidates& c) {
  Candidate& case_file = c.case_file;
  bool own_kind = !c.name_says_other && !c.prints_indicators;
  if (!profile.components.empty()) {
    for (const std::string& folder : FoldersOf(d)) {
      std::string id = CaseIdInName(folder, profile);
      if (id.empty()) continue;
      if (case_file.detail.empty()) case_file.detail = id;
      case_file.score += 0.8;
      case_file.reasons.insert(case_file.reasons.begin(), "its folder names case " + id);
      case_file.decided = own_kind;
      break;
    }
  }
  // So is a file whose own name names a case and no other kind of document.
  if (c.name_names_case && own_kind) case_file.decided = true;
}

// Gives the document the role of the best candidate, with how sure that is and why,
// or leaves it unknown when no clue weighs enough.
void SetRole(Document& d, Candidates& c, const Profile& profile) {
  std::vector<Candidate*> all = {&c.workbook, &c.case_file, &c.correspondence};
  for (auto& [id, candidate] : c.reports) all.push_back(&candidate);
  for (auto& [id, candidate] : c.policies) all.push_back(&candidate);
  std::stable_sort(all.begin(), all.end(), [](const Candidate* a, const Candidate* b) {
    return a->decided != b->decided ? a->decided : a->score > b->score;
  });
  const Candidate& best = *all[0];
  double second = all.size() > 1 ? all[1]->score : 0;
  if (best.score < 0.3 && !best.decided) {
    d.role = "unknown";
    d.role_confidence = 0;
    d.role_reason = "Nothing in its name, folder, title or first page says what it is.";
    if (!best.reasons.empty()) d.role_reason += " (Weak clue: " + best.reasons.front() + ".)";
    return;
  }
  d.role = best.role;
  d.role_detail = best.detail;
  d.role_label = Label(best.role, best.detail, profile);
  double certainty =
      best.decided ? 0.95
                   : std::min(1.0, best.score) * (0.5 + 0.5 * (best.score - second) / best.score);
  d.role_confidence = std::round(certainty * 100) / 100;
  std::string reason;
  for (size_t i = 0; i < best.reasons.size(); ++i) {
    reason += (i == 0 ? "" : "; ") + best.reasons[i];
  }
  if (second > 0 && (best.decided ? second >= 0.3 : second >= best.score * 0.7) &&
      !all[1]->reasons.empty()) {
    reason += ". It could also be " +
              (all[1]->role == "case-file" ? std::string("a case file") : "a " + all[1]->role) +
              ": " + all[1]->reasons.front();
  }
  d.role_reason = reason + ".";
}

void Classify(Document& d, const Profile& profile) {
  Candidates c;
  WeighIndicatorLines(d, profile, c);
  for (const Source& src : SourcesOf(d)) {
    if (!src.folded.empty()) WeighSource(d, src, profile, c);
  }
  WeighPolicyLayout(d, profile, c);
  WeighCaseParts(d, profile, c.case_file);
  if (c.case_file.detail.empty() && !c.prints_indicators) FindCaseAtTop(d, profile, c.case_file);
  DecideByCaseFolder(d, profile, c);
  SetRole(d, c, profile);
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

std::string CaseIdInName(std::string_view name, const Profile& profile) {
  if (CaseRangeInName(name)) return "";
  std::string id = CaseIdIn(name, profile);
  if (!id.empty()) return id;
  // "Case 7", "Case_07 - IMCA": the word and a number open the name. Not in page text,
  // where "case 3" may be English, nor "Case 1:17-cv-00123", a court's number.
  static const RE2 kCaseNumber("(?i)^\\s*case[\\s_#-]*([0-9]{1,3})(?:$|[^0-9:/-])");
  std::string number;
  if (RE2::PartialMatch(re2::StringPiece(name.data(), name.size()), kCaseNumber, &number)) {
    return CaseIdFromNumber(number, profile);
  }
  return "";
}

std::optional<std::pair<int, int>> CaseRangeInName(std::string_view name) {
  static const RE2 kRange(
      "(?i)(?:^|[^a-z])(?:cases?|case\\s*files?|cf)[\\s_#-]*0*([0-9]{1,3})\\s*(?:-|\u2013|to|and)"
      "\\s*(?:cf)?\\s*0*([0-9]{1,3})(?:$|[^0-9])");
  std::string a, b;
  if (!RE2::PartialMatch(re2::StringPiece(name.data(), name.size()), kRange, &a, &b)) {
    return std::nullopt;
  }
  int from = std::atoi(a.c_str()), to = std::atoi(b.c_str());
  if (from < 1 || to <= from) return std::nullopt;
  return std::make_pair(from, to);
}

void ClassifyDocuments(Submission& s, const Profile& profile) {
  std::map<std::string, const Document*> by_id;
  for (Document& d : s.documents) {
    by_id[d.id] = &d;
    if (!Classifiable(d) || !Readable(d)) continue;
    Classify(d, profile);
  }
  // A file attached to or embedded in a case file's document, that is nothing of its
  // own, belongs to that case (a Word file of case notes attached to the case's PDF).
  // Parents come before their children, so a chain follows in one pass.
  for (Document& d : s.documents) {
    if (d.parent.empty() || d.role != "unknown" || !d.set_aside.empty() ||
        !d.duplicate_of.empty()) {
      continue;
    }
    auto it = by_id.find(d.parent);
    if (it == by_id.end() || it->second->role != "case-file") continue;
    const Document& parent = *it->second;
    d.role = parent.role;
    d.role_detail = parent.role_detail;
    d.role_label = parent.role_label;
    d.role_confidence = parent.role_confidence;
    d.role_reason = "It is carried inside " + parent.id + " (" +
                    (parent.role_label.empty() ? "a case file" : parent.role_label) +
                    "), and nothing in it says it is anything else.";
  }
  // An exact copy is what its first copy is: "duplicate" is its status (set aside,
  // duplicate_of), not what it is. Copies come after their first copy.
  for (Document& d : s.documents) {
    if (d.duplicate_of.empty()) continue;
    auto it = by_id.find(d.duplicate_of);
    if (it == by_id.end()) continue;
    const Document& first = *it->second;
    d.role = first.role == "duplicate" ? "unknown" : first.role;
    d.role_detail = first.role_detail;
    d.role_label = first.role_label;
    d.role_confidence = first.role_confidence;
    d.role_reason = "An exact copy of " + first.id +
                    (first.role_label.empty() ? "" : " (" + first.role_label + ")") +
                    "; it is set aside and the first copy is reviewed.";
  }
}

}  // namespace qpm::classify
