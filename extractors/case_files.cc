// Case files: which pages belong to which case, and where each component starts.
#include <algorithm>
#include <map>

#include "extractors/classify.h"
#include "extractors/page_layout.h"
#include "extractors/text_match.h"

namespace qpm::classify {
namespace {

// Pages [first, last] of one document that belong to one case.
struct Span {
  size_t doc = 0;
  size_t first = 0, last = 0;  // indexes into Document::pages
  std::string id;
};

// The case a page names near its top ("Case reference: CF03"), or "".
std::string PageCaseId(const Page& page, const std::set<std::string>& running,
                       const Profile& profile) {
  int taken = 0;
  // Running lines count here: "Case reference: CF03" repeats on every page of a case.
  for (const layout::Line& line : layout::PageLines(page, running, 6)) {
    if (++taken > 6) break;
    if (std::string id = CaseIdIn(line.text, profile); !id.empty()) return id;
  }
  return "";
}

std::vector<Span> SpansOf(size_t index, const Document& d, const Profile& profile) {
  std::set<std::string> running = layout::RunningLines(d);
  std::vector<std::string> ids;
  std::set<std::string> distinct;
  for (const Page& p : d.pages) {
    ids.push_back(PageCaseId(p, running, profile));
    if (!ids.back().empty()) distinct.insert(ids.back());
  }
  std::vector<Span> spans;
  // One case named by the file (or by its pages): the whole document is that case.
  if (distinct.size() < 2) {
    std::string id = !d.role_detail.empty() ? d.role_detail
                     : !distinct.empty()    ? *distinct.begin()
                                            : "";
    if (!d.pages.empty()) spans.push_back({index, 0, d.pages.size() - 1, id});
    return spans;
  }
  // Several cases in one PDF: a case runs from the page that names it to the next.
  std::string current = ids[0].empty() ? d.role_detail : ids[0];
  size_t start = 0;
  for (size_t i = 1; i <= ids.size(); ++i) {
    if (i == ids.size() || (!ids[i].empty() && ids[i] != current)) {
      spans.push_back({index, start, i - 1, current});
      if (i < ids.size()) {
        current = ids[i];
        start = i;
      }
    }
  }
  return spans;
}

// The component a heading line starts, or -1: the profile component with the
// longest cue the line opens with.
int ComponentOf(std::string_view line, const Profile& profile, std::string* cue) {
  std::string folded = match::Fold(line);
  int best = -1;
  size_t best_len = 0;
  for (size_t c = 0; c < profile.components.size(); ++c) {
    const std::vector<std::string>& cues = profile.components[c].cues;
    int i = match::LongestLeadingCue(folded, cues);
    if (i < 0) continue;
    size_t len = match::Fold(cues[size_t(i)]).size();
    if (len > best_len) {
      best = static_cast<int>(c);
      best_len = len;
      *cue = cues[size_t(i)];
    }
  }
  return best;
}

// A component named by a file's own name: "2 Action plan.pdf".
int ComponentOfName(const Document& d, const Profile& profile, std::string* cue) {
  std::string name = FileStem(d);
  size_t lead = name.find_first_not_of("0123456789 ._-");
  if (lead == std::string::npos) return -1;
  return ComponentOf(name.substr(lead), profile, cue);
}

}  // namespace

void MapCaseFiles(Submission& s, const Profile& profile) {
  std::vector<Span> spans;
  for (size_t i = 0; i < s.documents.size(); ++i) {
    const Document& d = s.documents[i];
    if (d.role != "case-file") continue;
    for (Span& span : SpansOf(i, d, profile)) {
      if (span.id.empty()) span.id = "case " + d.id;  // never a file name: it may hold a name
      spans.push_back(std::move(span));
    }
  }
  // Cases in the order of their ids, numbered ones first; spans keep document order.
  std::map<std::string, std::vector<Span>> by_id;
  for (Span& span : spans) by_id[span.id].push_back(std::move(span));
  std::vector<std::string> order;
  for (const auto& [id, list] : by_id) order.push_back(id);
  std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
    bool na = a.rfind(profile.case_id_prefix, 0) == 0;
    bool nb = b.rfind(profile.case_id_prefix, 0) == 0;
    return na != nb ? na : a < b;
  });

  for (const std::string& id : order) {
    CaseFile cf;
    cf.id = id;
    std::vector<std::vector<ComponentPlace>> places(profile.components.size());
    int current = -1;
    for (const Span& span : by_id[id]) {
      const Document& d = s.documents[span.doc];
      if (std::find(cf.documents.begin(), cf.documents.end(), d.id) == cf.documents.end()) {
        cf.documents.push_back(d.id);
      }
      std::set<std::string> running = layout::RunningLines(d);
      bool first_page_of_doc = true;
      for (size_t i = span.first; i <= span.last && i < d.pages.size(); ++i) {
        const Page& page = d.pages[i];
        std::vector<int> started;
        std::string cue;
        for (const layout::Line& line : layout::PageLines(page, running)) {
          if (!line.heading) continue;
          std::string this_cue;
          int c = ComponentOf(line.text, profile, &this_cue);
          if (c < 0) continue;
          if (!started.empty() && started.back() == c) continue;
          started.push_back(c);
          if (started.size() == 1) cue = this_cue;
          places[size_t(c)].push_back({d.id, page.number, page.number, match::AsHeading(this_cue)});
        }
        if (started.empty() && first_page_of_doc) {
          // A file per component, whose pages carry no heading: its name says which.
          if (int c = ComponentOfName(d, profile, &cue); c >= 0) {
            started.push_back(c);
            places[size_t(c)].push_back({d.id, page.number, page.number, match::AsHeading(cue)});
          }
        }
        first_page_of_doc = false;
        if (started.empty()) {
          // The page goes on with the component before it.
          if (current >= 0 && !places[size_t(current)].empty()) {
            ComponentPlace& last = places[size_t(current)].back();
            if (last.document == d.id && last.last_page + 1 == page.number) {
              last.last_page = page.number;
            } else {
              places[size_t(current)].push_back({d.id, page.number, page.number, last.cue});
            }
          }
          continue;
        }
        current = started.back();
      }
    }
    for (size_t c = 0; c < profile.components.size(); ++c) {
      cf.components.emplace_back(profile.components[c].name, places[c]);
    }
    s.case_files.push_back(std::move(cf));
  }
}

}  // namespace qpm::classify
