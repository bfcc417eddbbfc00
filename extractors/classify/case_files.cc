// Case files: which pages belong to which case, what each case is numbered, and
// where each part starts (extractors/classify/case_parts.h).
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "extractors/classify/case_parts.h"
#include "extractors/classify/classify.h"
#include "extractors/classify/page_layout.h"
#include "pipeline/core/text.h"

namespace qpm::classify {
namespace {

// Pages [first, last] of one document that belong to one case.
struct Span {
  size_t doc = 0;
  size_t first = 0, last = 0;  // indexes into Document::pages
  std::string id;              // the profile's id ("CF03"); "" until numbered
  std::string ref;             // the organisation's own case reference, when that told it apart
};

// What a page says near its top about the case it belongs to.
struct PageCase {
  std::string id;   // the profile's id: "Case reference: CF03"
  std::string ref;  // else the organisation's own reference: "Case reference ABC-2024-0126"
};

PageCase CaseOfPage(const Page& page, const std::set<std::string>& running,
                    const Profile& profile) {
  // A case reference of the organisation's own: a label, then a token with digits.
  static const RE2 kOwnRef(
      "(?i)\\b(?:case|client|file|service user)\\s*(?:ref(?:erence)?|no|number|id)\\b\\.?"
      "\\s*[:#]?\\s*([A-Za-z0-9][A-Za-z0-9/_-]*[0-9][A-Za-z0-9/_-]*)");
  PageCase out;
  int taken = 0;
  // Running lines count here: "Case reference: CF03" repeats on every page of a case.
  for (const layout::Line& line : layout::PageLines(page, running, 6)) {
    if (++taken > 6) break;
    if (std::string id = CaseIdIn(line.text, profile); !id.empty()) {
      out.id = id;
      return out;
    }
    std::string ref;
    if (out.ref.empty() &&
        RE2::PartialMatch(re2::StringPiece(line.text.data(), line.text.size()), kOwnRef, &ref)) {
      out.ref = ref;
    }
  }
  return out;
}

// An organisation's case reference as a key: capitals, no punctuation, and the letters
// OCR reads for digits read as those digits ("SCA-2024-O468" is "SCA20240468").
std::string RefKey(std::string_view ref) {
  std::string out;
  for (char c : ref) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) == 0) continue;
    char k = static_cast<char>(std::toupper(u));
    out.push_back(k == 'O' ? '0' : k == 'I' || k == 'L' ? '1' : k);
  }
  return out;
}

// Whether two keys differ by at most one character put in, left out or changed.
bool NearlySame(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a.size() < 6 || b.size() < 6) return false;
  const std::string& longer = a.size() >= b.size() ? a : b;
  const std::string& shorter = a.size() >= b.size() ? b : a;
  if (longer.size() - shorter.size() > 1) return false;
  size_t i = 0;
  while (i < shorter.size() && longer[i] == shorter[i]) ++i;
  size_t skip = longer.size() == shorter.size() ? 1 : 0;  // changed, or put in
  return longer.compare(i + 1, std::string::npos, shorter, i + skip, std::string::npos) == 0;
}

// Splits pages at every change of key; a page with no key goes on with the case before it.
std::vector<Span> SplitBy(size_t index, const std::vector<std::string>& keys,
                          const std::string& lead) {
  std::vector<Span> spans;
  std::string current = keys[0].empty() ? lead : keys[0];
  size_t start = 0;
  for (size_t i = 1; i <= keys.size(); ++i) {
    if (i == keys.size() || (!keys[i].empty() && keys[i] != current)) {
      spans.push_back({index, start, i - 1, current, ""});
      if (i < keys.size()) {
        current = keys[i];
        start = i;
      }
    }
  }
  return spans;
}

std::vector<Span> SpansOf(size_t index, const Document& d, const Profile& profile) {
  if (d.pages.empty()) return {};
  std::set<std::string> running = layout::RunningLines(d);
  std::vector<std::string> ids, refs;
  std::set<std::string> distinct_ids, distinct_refs;
  for (const Page& p : d.pages) {
    PageCase c = CaseOfPage(p, running, profile);
    ids.push_back(c.id);
    refs.push_back(c.ref);
    if (!c.id.empty()) distinct_ids.insert(c.id);
    if (!c.ref.empty()) {
      std::string key = RefKey(c.ref);
      // Two references a character apart are one misread on a scan; in a text layer they
      // are two cases (an organisation may number its cases one after another).
      for (const std::string& seen : distinct_refs) {
        if (p.source == TextSource::kOcr && NearlySame(key, seen)) {
          key = seen;
          break;
        }
      }
      refs.back() = key;
      distinct_refs.insert(key);
    }
  }
  // Several cases in one PDF, numbered as the profile numbers them: a case runs from
  // the page that names it to the next.
  if (distinct_ids.size() >= 2) return SplitBy(index, ids, d.role_detail);
  Span whole{index, 0, d.pages.size() - 1, "", ""};
  // One case named by the file (or its folder), or by its pages.
  if (!d.role_detail.empty() || !distinct_ids.empty()) {
    whole.id = !d.role_detail.empty() ? d.role_detail : *distinct_ids.begin();
    return {whole};
  }
  // Several cases the organisation tells apart by its own references: numbered later.
  if (distinct_refs.size() >= 2) {
    std::vector<Span> spans = SplitBy(index, refs, "");
    for (Span& span : spans) {
      span.ref = span.id;
      span.id.clear();
    }
    return spans;
  }
  return {whole};
}

std::string CaseIdOf(int n, const Profile& profile) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return profile.case_id_prefix + buf;
}

// The number in a case id the profile writes ("CF07" → 7), or 0.
int NumberOf(const std::string& id, const Profile& profile) {
  const std::string& prefix = profile.case_id_prefix;
  if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0) return 0;
  for (size_t i = prefix.size(); i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return 0;
  }
  return std::atoi(id.c_str() + prefix.size());
}

// Gives every span without an id one: a combined file's own run ("Case files 1-5")
// when it has as many cases as the run and the numbers are free; else the numbers
// missing from the run of numbered cases, in the order the files came, then on from
// the highest. Spans of one file with the same reference are one case.
void NumberCases(std::vector<Span>& spans, Submission& s, const Profile& profile) {
  std::set<int> used;
  for (const Span& span : spans) {
    if (int n = NumberOf(span.id, profile); n > 0) used.insert(n);
  }
  // The cases to number, in order: (document, reference) → the spans of that case.
  std::vector<std::vector<Span*>> cases;
  std::map<std::pair<size_t, std::string>, size_t> case_of;
  for (Span& span : spans) {
    if (!span.id.empty()) continue;
    std::pair<size_t, std::string> key{
        span.doc, span.ref.empty() ? "p" + std::to_string(span.first) : "r" + span.ref};
    auto [it, fresh] = case_of.emplace(key, cases.size());
    if (fresh) cases.emplace_back();
    cases[it->second].push_back(&span);
  }
  if (cases.empty()) return;
  std::map<size_t, std::string> why;  // document → what numbered its cases
  // A combined file whose name gives the run of its cases.
  std::map<size_t, std::vector<size_t>> by_doc;
  for (size_t c = 0; c < cases.size(); ++c) by_doc[cases[c].front()->doc].push_back(c);
  for (const auto& [doc, list] : by_doc) {
    if (list.size() < 2) continue;
    std::optional<std::pair<int, int>> run = CaseRangeInName(FileStem(s.documents[doc]));
    if (!run || run->second - run->first + 1 != static_cast<int>(list.size())) continue;
    bool free = true;
    for (int n = run->first; n <= run->second; ++n) free = free && used.count(n) == 0;
    if (!free) continue;
    for (size_t k = 0; k < list.size(); ++k) {
      for (Span* span : cases[list[k]])
        span->id = CaseIdOf(run->first + static_cast<int>(k), profile);
      used.insert(run->first + static_cast<int>(k));
    }
    why[doc] = "It holds " + std::to_string(list.size()) +
               " case files, told apart by the case reference on their pages; its name gives "
               "their numbers, " +
               CaseIdOf(run->first, profile) + " to " + CaseIdOf(run->second, profile) + ".";
  }
  // The rest: the gaps first, then on from the highest.
  int highest = used.empty() ? 0 : *used.rbegin();
  int next = 1;
  std::map<size_t, std::vector<std::string>> given;
  for (std::vector<Span*>& list : cases) {
    if (!list.front()->id.empty()) continue;
    while (used.count(next) != 0) ++next;
    std::string id = CaseIdOf(next, profile);
    used.insert(next);
    for (Span* span : list) span->id = id;
    given[list.front()->doc].push_back(id);
  }
  for (const auto& [doc, ids] : given) {
    std::string list;
    for (size_t i = 0; i < ids.size(); ++i) {
      list += (i == 0 ? "" : i + 1 == ids.size() ? " and " : ", ") + ids[i];
    }
    bool gap = NumberOf(ids.front(), profile) < highest;
    why[doc] = std::string(ids.size() == 1 ? "It has no case number on its pages or in its name"
                                           : "It holds " + std::to_string(ids.size()) +
                                                 " case files with no case number") +
               "; taken as " + list + ", by the order the files came in" +
               (gap ? " and the numbers missing from the run" : "") + ".";
  }
  for (const auto& [doc, text] : why) {
    Document& d = s.documents[doc];
    if (given.count(doc) != 0 && given[doc].size() == 1 && by_doc[doc].size() == 1) {
      d.role_detail = given[doc].front();
      d.role_label = "Case file " + d.role_detail;
    }
    d.role_reason += (d.role_reason.empty() ? "" : " ") + text;
  }
}

}  // namespace

void MapCaseFiles(Submission& s, const Profile& profile) {
  std::vector<Span> spans;
  std::map<std::string, size_t> index;
  // Files carried inside a case file's document (attached to its PDF, embedded in its
  // Word file) that name no case of their own: they are part of their parent's case,
  // whatever number it is given.
  std::vector<size_t> followers;
  for (size_t i = 0; i < s.documents.size(); ++i) {
    const Document& d = s.documents[i];
    index[d.id] = i;
    // A duplicate is listed, never counted twice: its first copy is the case file.
    if (d.role != "case-file" || !d.duplicate_of.empty()) continue;
    auto parent = index.find(d.parent);
    if ((d.role_detail.empty() || d.pages.empty()) && parent != index.end() &&
        s.documents[parent->second].role == "case-file") {
      followers.push_back(i);
      continue;
    }
    for (Span& span : SpansOf(i, d, profile)) spans.push_back(std::move(span));
  }
  NumberCases(spans, s, profile);
  std::map<std::string, std::string> case_of;  // document id → the case of its first pages
  for (const Span& span : spans) case_of.emplace(s.documents[span.doc].id, span.id);
  std::map<std::string, std::vector<std::string>> pageless;  // case → followers not read
  for (size_t i : followers) {
    Document& d = s.documents[i];
    auto it = case_of.find(d.parent);
    if (it == case_of.end()) continue;
    d.role_detail = it->second;
    d.role_label = "Case file " + d.role_detail;
    case_of.emplace(d.id, d.role_detail);
    if (d.pages.empty()) {
      pageless[d.role_detail].push_back(d.id);
    } else {
      spans.push_back({i, 0, d.pages.size() - 1, d.role_detail, ""});
    }
  }
  // Cases in the order of their numbers; spans keep document order.
  std::map<std::pair<int, std::string>, std::vector<Span>> by_case;
  for (Span& span : spans) {
    std::pair<int, std::string> key{NumberOf(span.id, profile), span.id};
    by_case[key].push_back(std::move(span));
  }

  for (auto& [key, list] : by_case) {
    CaseFile cf;
    cf.id = key.second;
    std::vector<std::vector<ComponentPlace>> places(profile.components.size());
    int current = -1;
    for (const Span& span : list) {
      const Document& d = s.documents[span.doc];
      if (std::find(cf.documents.begin(), cf.documents.end(), d.id) == cf.documents.end()) {
        cf.documents.push_back(d.id);
      }
      std::vector<parts::PartStart> starts = parts::PartsOf(d, span.first, span.last, profile);
      size_t next = 0;
      for (size_t i = span.first; i <= span.last && i < d.pages.size(); ++i) {
        int page = d.pages[i].number;
        bool started = false;
        for (; next < starts.size() && starts[next].page == i; ++next) {
          const parts::PartStart& start = starts[next];
          std::vector<ComponentPlace>& where = places[size_t(start.component)];
          // A part that goes on from the page before (notes over two pages) is one place.
          if (start.component == current && !where.empty() && where.back().document == d.id &&
              where.back().last_page + 1 >= page) {
            where.back().last_page = page;
          } else {
            where.push_back({d.id, page, page, start.cue});
          }
          current = start.component;
          started = true;
        }
        if (started || current < 0 || places[size_t(current)].empty()) continue;
        // The page goes on with the part before it.
        ComponentPlace& last = places[size_t(current)].back();
        if (last.document == d.id && last.last_page + 1 == page) {
          last.last_page = page;
        } else if (last.document != d.id || last.last_page < page) {
          places[size_t(current)].push_back({d.id, page, page, last.cue});
        }
      }
    }
    for (const std::string& id : pageless[cf.id]) cf.documents.push_back(id);
    for (size_t c = 0; c < profile.components.size(); ++c) {
      cf.components.emplace_back(profile.components[c].name, places[c]);
    }
    s.case_files.push_back(std::move(cf));
  }
}

}  // namespace qpm::classify
