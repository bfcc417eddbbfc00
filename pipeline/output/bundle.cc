// pipeline/output/bundle.cc — the order and titles of the review bundle; see bundle.h.
#include "pipeline/output/bundle.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "pipeline/core/utf8.h"
#include "redaction/masking.h"

namespace qpm::bundle {
namespace {

// "CF2.pdf" before "CF10.pdf": runs of digits compare as numbers.
bool NaturalLess(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      size_t ei = a.find_first_not_of("0123456789", i);
      size_t ej = b.find_first_not_of("0123456789", j);
      ei = ei == std::string::npos ? a.size() : ei;
      ej = ej == std::string::npos ? b.size() : ej;
      std::string na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
      nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
      continue;
    }
    char ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i])));
    char cb = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j])));
    if (ca != cb) return ca < cb;
    ++i;
    ++j;
  }
  if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
  return a < b;  // same but for case: a fixed order all the same
}

// Whether the bundle shows a document. An email that carried the submission (it
// and every email above it) is not shown: its attachments are. An email found
// inside the submission (a letter in a case file's folder) is correspondence, and
// its text is shown.
bool Shown(const Document& d, const std::set<std::string>& carriers) {
  // Junk, and a duplicate (which has its first copy's role): the first copy is shown.
  if (d.status == DocStatus::kSetAside || !d.duplicate_of.empty()) return false;
  if (d.role == "email") {
    if (carriers.count(d.id) != 0) return false;
    for (const Page& p : d.pages) {
      if (!p.text.empty()) return true;
    }
    return false;
  }
  if (d.status == DocStatus::kUnpacked) return false;
  static const std::set<std::string> kLeftOut = {"container", "junk"};
  return kLeftOut.count(d.role) == 0;
}

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

}  // namespace

std::vector<Entry> PlanEntries(const Submission& s, const Profile& profile) {
  struct Item {
    const Document* doc;
    int group;    // section, then order within it
    int rank;     // policy index, case file index, report type index
    int subrank;  // component index within a case file
    std::string path;
  };
  std::map<std::string, std::pair<int, int>> case_rank;  // document → (case index, component)
  for (size_t c = 0; c < s.case_files.size(); ++c) {
    const CaseFile& cf = s.case_files[c];
    for (const std::string& id : cf.documents) {
      int first = static_cast<int>(cf.components.size());
      for (size_t k = 0; k < cf.components.size(); ++k) {
        for (const ComponentPlace& place : cf.components[k].second) {
          if (place.document == id) first = std::min(first, static_cast<int>(k));
        }
      }
      case_rank.emplace(id, std::make_pair(static_cast<int>(c), first));
    }
  }
  std::set<std::string> carriers = CarrierEmails(s);
  std::vector<Item> items;
  for (const Document& d : s.documents) {
    if (!Shown(d, carriers)) continue;
    Item item{&d, 4, 0, 0, d.Path()};
    if (d.role == "workbook") {
      item.group = 0;
      item.rank = d.id == s.workbook.document ? 0 : 1;
    } else if (d.role == "policy") {
      item.group = 1;
      item.rank = static_cast<int>(profile.policies.size());
      for (size_t i = 0; i < profile.policies.size(); ++i) {
        if (profile.policies[i].id == d.role_detail) item.rank = static_cast<int>(i);
      }
    } else if (d.role == "case-file") {
      item.group = 2;
      auto it = case_rank.find(d.id);
      item.rank = it != case_rank.end() ? it->second.first : static_cast<int>(s.case_files.size());
      item.subrank = it != case_rank.end() ? it->second.second : 0;
    } else if (d.role == "report") {
      item.group = 3;
      item.rank = static_cast<int>(profile.reports.size());
      for (size_t i = 0; i < profile.reports.size(); ++i) {
        if (profile.reports[i].id == d.role_detail) item.rank = static_cast<int>(i);
      }
    }
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.group != b.group) return a.group < b.group;
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.subrank != b.subrank) return a.subrank < b.subrank;
    if (a.path != b.path) return NaturalLess(a.path, b.path);
    return a.doc->id < b.doc->id;
  });

  static const char* const kSections[] = {"", "Policies and procedures", "Case files", "Reports",
                                          "Other documents"};
  std::string workbook = Capitalised(s.workbook_name.empty() ? "workbook" : s.workbook_name);
  std::map<std::string, int> seen;  // title → how many so far, to number repeats
  std::vector<Entry> entries;
  for (const Item& item : items) {
    const Document& d = *item.doc;
    Entry e;
    e.document = d.id;
    e.section_letter = static_cast<char>('A' + item.group);
    e.section = item.group == 0 ? workbook : kSections[item.group];
    e.file = ValidUtf8(redaction::MaskPersonalData(d.Path()));
    std::string base;
    if (item.group == 0) {
      base = workbook;
    } else if (item.group == 1) {
      base = item.rank < static_cast<int>(profile.policies.size())
                 ? Capitalised(profile.policies[static_cast<size_t>(item.rank)].title)
                 : "Other policy";
    } else if (item.group == 2) {
      bool known = item.rank < static_cast<int>(s.case_files.size());
      e.case_file = known ? s.case_files[static_cast<size_t>(item.rank)].id : "";
      base = known ? "Case file " + e.case_file : "Case file (number not found)";
    } else if (item.group == 3) {
      base = item.rank < static_cast<int>(profile.reports.size())
                 ? Capitalised(profile.reports[static_cast<size_t>(item.rank)].name)
                 : "Report";
    } else {
      base = d.role == "correspondence" ? "Correspondence"
             : d.role == "email"        ? "Email"
                                        : "Other document";
    }
    int n = ++seen[base];
    // Reports and other documents are numbered; a second copy of anything else is.
    bool numbered = item.group >= 3 || n > 1 || (item.group == 2 && e.case_file.empty());
    e.title = numbered ? base + " " + std::to_string(n) : base;
    if (item.group == 2 && !e.case_file.empty()) {
      // A case file in several documents: "Case file CF04: action plan", by the
      // component it starts with, else "Case file CF04, part 2".
      const CaseFile& cf = s.case_files[static_cast<size_t>(item.rank)];
      bool several = cf.documents.size() > 1;
      std::string component = several && item.subrank < static_cast<int>(cf.components.size())
                                  ? cf.components[static_cast<size_t>(item.subrank)].first
                                  : "";
      e.title = !component.empty() ? base + ": " + component
                : n > 1            ? base + ", part " + std::to_string(n)
                                   : base;
    }
    e.reference = item.group == 2 && !e.case_file.empty() ? e.case_file : e.title;
    entries.push_back(std::move(e));
  }
  return entries;
}

int BundlePage(const Bundle& bundle, const std::string& document, int page) {
  for (const PageRef& p : bundle.pages) {
    if (p.document == document && p.source_page == page) return p.page;
  }
  // A document shown as a placeholder or as text: its first bundle page.
  for (const Entry& e : bundle.entries) {
    if (e.document == document) return e.first_page;
  }
  return 0;
}

}  // namespace qpm::bundle

namespace qpm::bundle {

using nlohmann::json;

json BuildManifest(const Submission& s, const Outcome& outcome, const std::string& id,
                   const std::string& received) {
  std::map<std::string, const Entry*> entries;
  if (outcome.bundle != nullptr) {
    for (const Entry& e : outcome.bundle->entries) entries[e.document] = &e;
  }
  std::map<std::string, std::string> paths;
  json sources = json::array();
  for (const Document& d : s.documents) {
    json origin = json::array();
    for (const std::string& name : d.origin) {
      origin.push_back(ValidUtf8(redaction::MaskPersonalData(name)));
    }
    std::string path = ValidUtf8(redaction::MaskPersonalData(d.Path()));
    paths[d.id] = path;
    json j = {{"id", d.id},
              {"path", path},
              {"origin", origin},
              {"parent", d.parent},
              {"sha256", d.sha256},
              {"size", d.size},
              {"media_type", d.media_type},
              {"role", d.role},
              {"role_detail", d.role_detail},
              {"status", ToString(d.status)}};
    if (auto it = entries.find(d.id); it != entries.end()) {
      const Entry& e = *it->second;
      j["bundle"] = {{"first_page", e.first_page}, {"last_page", e.last_page},
                     {"title", e.title},           {"section", e.section},
                     {"shown_as", e.shown_as},     {"status", e.status}};
    } else {
      j["bundle"] = nullptr;
      j["not_in_bundle"] = !outcome.written       ? "no bundle was written"
                           : !d.set_aside.empty() ? "set aside: " + d.set_aside
                           : d.status == DocStatus::kUnpacked
                               ? "its contents are in the bundle, each file on its own"
                               : "not a document of the submission (" + d.role + ")";
    }
    sources.push_back(std::move(j));
  }
  json pages = json::array();
  if (outcome.bundle != nullptr) {
    for (const PageRef& p : outcome.bundle->pages) {
      json j = {{"page", p.page}, {"what", p.what}};
      if (!p.document.empty()) {
        j["document"] = p.document;
        j["file"] = paths[p.document];
        j["source_page"] = p.source_page;
      }
      pages.push_back(std::move(j));
    }
  }
  json bundle = {{"file", "bundle.pdf"}, {"written", outcome.written}, {"forced", outcome.forced}};
  if (outcome.written) {
    bundle["sha256"] = outcome.sha256;
    bundle["pages"] = pages.size();
  } else {
    bundle["reason"] = outcome.reason;
  }
  return {
      {"schema", "qpm-bundle"}, {"schema_version", 1},
      {"submission", id},       {"received", received},
      {"bundle", bundle},       {"sources", sources},
      {"pages", pages},         {"originals", {{"folder", "originals"}, {"format", "BagIt 1.0"}}}};
}

}  // namespace qpm::bundle
