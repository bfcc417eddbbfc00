// Required policies: each one present, and sent once.
// Why: the assessor reads a fixed set of policies (the profile's list); a quality mark
// may take some in whatever form is appropriate (`if_missing`: a warning then).
#include <map>

#include "checks/rule.h"

namespace qpm::checks {

// completeness.policy-missing: every policy the profile requires is among the files.
// A blocker, or a warning for one the profile accepts in another form.
Rule PolicyPresent() {
  return {
      {"completeness.policy-missing",
       "Every policy the profile requires is sent (a warning, not a blocker, for one the profile "
       "accepts in another form)",
       Severity::kBlocker, Category::kCompleteness},
      [](const Context& c, Sink& out) {
        std::map<std::string, int> found;
        for (const Document* d : c.WithRole("policy")) ++found[d->role_detail];
        for (const RequiredPolicy& p : c.profile.policies) {
          if (found[p.id] > 0) continue;
          std::vector<std::string> names = {p.title};
          for (size_t i = 0; i < p.synonyms.size() && i < 2; ++i) {
            names.push_back(p.synonyms[i]);
          }
          std::string said;
          for (size_t i = 0; i < names.size(); ++i) {
            said += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + ("'" + names[i] + "'");
          }
          std::string message = "No " + p.title +
                                " was found: no file's name, title or first page says " + said +
                                ".";
          if (p.if_missing == Severity::kBlocker) {
            out.Add("", message,
                    "Ask the organisation for their " + p.title +
                        ". If it is part of another document, its title or first page should "
                        "say so, or the covering email should say where it is.");
            continue;
          }
          // The profile's words say why it is only a warning.
          Finding& f = out.Add("", message + " " + p.if_missing_note,
                               "See whether another file holds it in another form; if none "
                               "does, ask the organisation for their " +
                                   p.title + ".");
          f.severity = p.if_missing;
        }
      }};
}

// completeness.policy-duplicate: each required policy is sent once. Exact copies are
// set aside when the files are unpacked (ingest.duplicate); this is two different files.
Rule PolicyNotDuplicated() {
  return {{"completeness.policy-duplicate",
           "Each required policy is sent once, not in two different versions", Severity::kWarning,
           Category::kCompleteness},
          [](const Context& c, Sink& out) {
            std::map<std::string, std::vector<const Document*>> by_policy;
            for (const Document* d : c.WithRole("policy")) {
              if (!d->role_detail.empty()) by_policy[d->role_detail].push_back(d);
            }
            for (const RequiredPolicy& p : c.profile.policies) {
              const auto& docs = by_policy[p.id];
              if (docs.size() < 2) continue;
              std::string names;
              for (size_t i = 0; i < docs.size(); ++i) {
                names += (i == 0                 ? ""
                          : i + 1 == docs.size() ? " and "
                                                 : ", ") +
                         (docs[i]->origin.empty() ? docs[i]->id : docs[i]->origin.back());
              }
              out.Add(docs[1]->id,
                      std::to_string(docs.size()) + " different files are the " + p.title + ": " +
                          names + ".",
                      "Ask the organisation which is current, and send the "
                      "assessor that one only.");
            }
          }};
}

}  // namespace qpm::checks
