// extractors/classify/replaced.cc — re-submissions: a file sent again in a later email
// replaces the one sent before (classify.h, SetAsideReplaced).
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "extractors/classify/classify.h"
#include "pipeline/core/rules.h"

namespace qpm::classify {
namespace {

// The email a document came in, nearest first: the index of that email document in
// s.documents, or -1 when it came in none (a file or folder given as it is).
int CarryingEmail(const Submission& s, const std::map<std::string, size_t>& index,
                  const Document& d) {
  std::string parent = d.parent;
  for (int guard = 0; !parent.empty() && guard < 256; ++guard) {
    auto it = index.find(parent);
    if (it == index.end()) return -1;
    const Document& p = s.documents[it->second];
    if (p.role == "email") return static_cast<int>(it->second);
    parent = p.parent;
  }
  return -1;
}

std::string DateOf(const Document& email) {
  for (const auto& [key, value] : email.metadata) {
    if (key == "Date") return value;
  }
  return "";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// What makes two documents the same one sent twice: the same case file, the same
// policy, the workbook, or, for anything else, the same name (with the folders it was
// in inside its zip: "CF01/Notes.pdf" is not "CF02/Notes.pdf").
std::vector<std::string> SameAs(const Document& d) {
  if (d.role == "case-file" && !d.role_detail.empty()) return {"case " + d.role_detail};
  if (d.role == "workbook") return {"workbook"};
  std::vector<std::string> keys;
  if (d.role == "policy" && !d.role_detail.empty()) keys.push_back("policy " + d.role_detail);
  if (!d.origin.empty()) keys.push_back("name " + Lower(d.origin.back()));
  return keys;
}

// Documents that take part: what the submission is made of, and exact copies (a copy
// in a later email says its first copy was sent again, unchanged).
bool TakesPart(const Document& d) {
  static const std::set<std::string> kNot = {"container", "email", "junk"};
  if (!d.duplicate_of.empty()) return true;
  return kNot.count(d.role) == 0 && d.status != DocStatus::kSetAside &&
         d.status != DocStatus::kUnpacked;
}

// A document and the email it came in, in the order emails were sent.
struct Sent {
  size_t doc;
  size_t email;      // index of the email in s.documents
  std::string date;  // that email's, YYYY-MM-DD
};

bool SentBefore(const Sent& a, const Sent& b) {
  if (a.date != b.date) return a.date < b.date;
  return a.email < b.email;  // the same day: in the order the emails were given
}

}  // namespace

void SetAsideReplaced(Submission& s) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < s.documents.size(); ++i) index[s.documents[i].id] = i;
  std::map<std::string, std::vector<Sent>> by_key;
  for (size_t i = 0; i < s.documents.size(); ++i) {
    const Document& d = s.documents[i];
    if (!TakesPart(d)) continue;
    int email = CarryingEmail(s, index, d);
    if (email < 0) continue;
    std::string date = DateOf(s.documents[static_cast<size_t>(email)]);
    if (date.empty()) continue;  // no date, no order
    for (std::string& key : SameAs(d)) {
      by_key[key].push_back({i, static_cast<size_t>(email), date});
    }
  }
  // Each document replaced, by the newest that has one of its keys. A document sent
  // again unchanged (the newest email holds an exact copy of it) is not replaced, and
  // a copy replaces nothing: its first copy stands for it.
  std::map<size_t, Sent> newer;
  for (auto& [key, sent] : by_key) {
    std::stable_sort(sent.begin(), sent.end(), SentBefore);
    const size_t newest = sent.back().email;
    std::set<std::string> again;  // first copies the newest email sends again
    std::optional<Sent> by;       // the newest email's own document, not a copy
    for (const Sent& x : sent) {
      if (x.email != newest) continue;
      const Document& d = s.documents[x.doc];
      if (!d.duplicate_of.empty()) {
        again.insert(d.duplicate_of);
      } else if (!by) {
        by = x;
      }
    }
    if (!by) continue;
    for (const Sent& x : sent) {
      const Document& d = s.documents[x.doc];
      if (x.email == newest || !d.duplicate_of.empty() || again.count(d.id) != 0) continue;
      auto it = newer.find(x.doc);
      if (it == newer.end() || SentBefore(it->second, *by)) newer[x.doc] = *by;
    }
  }
  for (const auto& [doc, by] : newer) {
    Document& old = s.documents[doc];
    const Document& replacement = s.documents[by.doc];
    int old_email = CarryingEmail(s, index, old);
    std::string old_date = old_email < 0 ? "" : DateOf(s.documents[static_cast<size_t>(old_email)]);
    old.replaced_by = replacement.id;
    old.set_aside = "replaced by " + replacement.id + ", sent on " + by.date;
    old.role = "replaced";
    old.status = DocStatus::kSetAside;
    s.findings.push_back(ReadingFinding(
        rule::kIngestReplaced, old.id,
        "Replaced: this file, sent on " + old_date + ", was sent again on " + by.date + " as " +
            replacement.Path() + ". The bundle shows the newer one; both are kept in originals/.",
        "Nothing to do, unless the newer file was not meant to replace this one."));
  }
}

void QuietReplaced(const Submission& s, std::vector<Finding>& findings) {
  std::set<std::string> replaced;
  for (const Document& d : s.documents) {
    if (!d.replaced_by.empty()) replaced.insert(d.id);
  }
  for (Finding& f : findings) {
    if (replaced.count(f.document) == 0 || f.rule == rule::kIngestReplaced) continue;
    if (f.severity == Severity::kInfo) continue;
    f.severity = Severity::kInfo;
    f.message +=
        " (This file was replaced by a later one: it is not in the bundle, and is kept "
        "in originals/ only.)";
  }
}

}  // namespace qpm::classify
