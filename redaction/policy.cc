#include "redaction/policy.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <map>

#include "redaction/lists.h"
#include "redaction/names.h"
#include "redaction/rule_ids.h"

namespace qpm::redaction {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The line `pos` is on, up to `pos`, lower case; and the line before it when `pos`
// starts its line (a label often ends the line above its value).
std::string LineBefore(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  size_t from = text.rfind('\n', pos == 0 ? 0 : pos - 1);
  from = from == std::string_view::npos ? 0 : from + 1;
  std::string_view line = text.substr(from, pos - from);
  bool blank = line.find_first_not_of(" \t") == std::string_view::npos;
  if (blank && from > 0) {
    size_t prev = text.rfind('\n', from >= 2 ? from - 2 : 0);
    prev = prev == std::string_view::npos || from < 2 ? 0 : prev + 1;
    line = text.substr(prev, from - prev);
  }
  if (line.size() > 60) line = line.substr(line.size() - 60);
  return Lower(line);
}

// Whether `window` holds `word` as a whole word.
bool HasWord(std::string_view window, std::string_view word) {
  for (size_t p = window.find(word); p != std::string_view::npos; p = window.find(word, p + 1)) {
    bool left = p == 0 || !std::isalpha(static_cast<unsigned char>(window[p - 1]));
    size_t e = p + word.size();
    bool right = e >= window.size() || !std::isalpha(static_cast<unsigned char>(window[e]));
    if (left && right) return true;
  }
  return false;
}

bool HasAnyWord(std::string_view window, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return HasWord(window, w); });
}

// Words that say a number, address or mailbox is the organisation's own.
bool OfficeWords(std::string_view window) {
  return HasAnyWord(
      window, {"office", "switchboard", "helpline", "reception", "freephone", "fax", "headquarters",
               "registered", "our", "main line", "main number", "enquiries", "team"});
}

bool PrivateWords(std::string_view window);

// Whether the text before a value on its line (lower case) labels it as the
// organisation's: "Office:", "Our helpline", "Registered office:", "Team: " — a few
// words, not a sentence that mentions a team ("Told the duty team her new address is").
bool OfficeLabel(std::string_view before) {
  size_t stop = before.find_last_of(".;!?");
  if (stop != std::string_view::npos) before = before.substr(stop + 1);
  int words = 0;
  bool in_word = false;
  for (char c : before) {
    bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (letter && !in_word) ++words;
    in_word = letter;
  }
  return words <= 4 && OfficeWords(before) && !PrivateWords(before);
}

// Words that say a value belongs to a private person: the client or someone of theirs.
bool PrivateWords(std::string_view window) {
  // "Home" in a care home's name ("Larchfield Nursing Home, tel ...") is no one's home
  // address: the home is where several live, a warning of its own.
  std::string w(window);
  for (std::string_view kind : {"care home", "nursing home", "residential home", "rest home"}) {
    for (size_t p = w.find(kind); p != std::string::npos; p = w.find(kind, p + 1)) {
      w.replace(p + kind.size() - 4, 4, "    ");
    }
  }
  window = w;
  return HasAnyWord(window, {"home",   "personal",  "private", "his",      "her",     "their",
                             "client", "client's",  "patient", "resident", "tenant",  "kin",
                             "nok",    "daughter",  "son",     "wife",     "husband", "partner",
                             "mother", "father",    "brother", "sister",   "carer",   "relative",
                             "friend", "neighbour", "lives",   "living",   "resides", "moved"});
}

// A mailbox anyone can open for themselves: whoever owns it is a private person.
bool PrivateDomain(std::string_view domain) {
  static const std::array<std::string_view, 22> kDomains = {
      "gmail.com",    "googlemail.com",  "hotmail.com",  "hotmail.co.uk",  "outlook.com",
      "live.com",     "live.co.uk",      "yahoo.com",    "yahoo.co.uk",    "icloud.com",
      "me.com",       "aol.com",         "aol.co.uk",    "btinternet.com", "sky.com",
      "talktalk.net", "virginmedia.com", "ntlworld.com", "mail.com",       "protonmail.com",
      "proton.me",    "msn.com"};
  return std::find(kDomains.begin(), kDomains.end(), domain) != kDomains.end();
}

std::string DomainOf(std::string_view address) {
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return "";
  std::string d = Lower(address.substr(at + 1));
  while (!d.empty() && (d.back() == '>' || d.back() == '.' || d.back() == ' ')) d.pop_back();
  return d;
}

// Labels of a name that say who the person is to the case: someone working with it.
bool ProfessionalLabel(std::string_view label) {
  return HasAnyWord(label, {"advocate",     "worker",    "manager",      "officer",   "coordinator",
                            "co-ordinator", "gp",        "consultant",   "nurse",     "sw",
                            "doctor",       "dr",        "clinician",    "amhp",      "bia",
                            "rc",           "imca",      "imha",         "solicitor", "interpreter",
                            "chaplain",     "lead",      "author",       "writer",    "referrer",
                            "caseworker",   "keyworker", "psychiatrist", "maker",     "completed",
                            "prepared",     "written",   "referred",     "contact",   "assessor"});
}

// Labels that say the name after them is a client's ("Client name", "Patient"), whoever
// else the submission shows the same name to be.
bool ClientLabel(std::string_view label) {
  return !ProfessionalLabel(label) &&
         HasAnyWord(label, {"client", "clients", "patient", "resident", "user", "supported"});
}

// Labels of a list of people whose role the list does not say.
bool ListOfPeopleLabel(std::string_view label) {
  return HasAnyWord(label, {"from", "to", "cc", "attendees", "present", "by"});
}

// Titles that professionals are named by.
bool ProfessionalTitle(std::string_view title) {
  return HasAnyWord(title,
                    {"dr", "prof", "professor", "cllr", "councillor", "rev", "revd", "reverend"});
}

// Properties that name whoever made or keeps the file.
bool AuthorProperty(std::string_view property) {
  std::string p = Lower(property);
  return p == "author" || p == "last modified by" || p == "manager" || p == "creator" ||
         p == "xmp:dc:creator" || p == "xmp:pdf:author" || p == "xmp:xmp:author";
}

// The element or attribute of an XMP packet that the byte at `pos` is in:
// "dc:creator", "dc:title", "pdf:Author"; "" when it cannot be told.
std::string XmpProperty(std::string_view xmp, size_t pos) {
  size_t open = xmp.rfind('<', pos);
  if (open == std::string_view::npos) return "";
  size_t close = xmp.find('>', open);
  if (close == std::string_view::npos || close > pos) {
    // Inside a tag: an attribute, pdf:Author="...".
    size_t eq = xmp.rfind("=\"", pos);
    if (eq == std::string_view::npos || eq < open) return "";
    size_t name_start = xmp.find_last_of(" \t\r\n", eq);
    if (name_start == std::string_view::npos || name_start < open) return "";
    return std::string(xmp.substr(name_start + 1, eq - name_start - 1));
  }
  // In an element's content: the nearest opening tag that is not RDF's own.
  while (open != std::string_view::npos) {
    std::string_view tag = xmp.substr(open + 1);
    size_t end = tag.find_first_of(" \t\r\n/>");
    std::string_view name = tag.substr(0, end);
    if (!name.empty() && name[0] != '/' && name[0] != '?' && name[0] != '!' &&
        !name.starts_with("rdf:") && !name.starts_with("x:")) {
      return std::string(name);
    }
    if (open == 0) break;
    open = xmp.rfind('<', open - 1);
  }
  return "";
}

void AddPerson(OwnSide& own, std::string_view name) {
  std::string key = ListKey(name);
  size_t words = static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
  if (key.empty() || words < 2 || words > 4) return;
  own.people.insert(key);
}

// The person's name that `text` starts with, as a name field would hold it; "" when
// it does not start with one of two words or more.
std::string NameAtStart(std::string_view text) {
  text = text.substr(0, std::min<size_t>(text.size(), 120));
  std::string probe = "Name: " + std::string(text);
  for (const NameHit& h : FindNames(probe)) {
    if (h.age || h.start != 6 || h.words < 2) continue;
    return probe.substr(h.start, h.end - h.start);
  }
  return "";
}

// "Imogen Tarrant <qpm@example.org>", "qpm@example.org"
void LearnAddressHeader(OwnSide& own, std::string_view value) {
  size_t from = 0;
  while (from < value.size()) {
    size_t comma = value.find(',', from);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view one = value.substr(from, comma - from);
    from = comma + 1;
    std::string domain = DomainOf(one);
    if (!domain.empty() && !PrivateDomain(domain)) own.domains.insert(domain);
    size_t lt = one.find('<');
    std::string_view name = lt == std::string_view::npos ? std::string_view() : one.substr(0, lt);
    while (!name.empty() && (name.front() == ' ' || name.front() == '"')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '"')) name.remove_suffix(1);
    if (!name.empty()) {
      std::string person = NameAtStart(name);
      if (!person.empty()) AddPerson(own, person);
    }
  }
}

// Numbers, addresses and mailboxes in `text` become the organisation's own; with
// `labelled`, only those an office label stands before ("Office: ...").
void LearnContactDetails(OwnSide& own, std::string_view text, bool labelled = false) {
  for (const Match& m : FindPersonalData(text)) {
    std::string_view value = text.substr(m.start, m.end - m.start);
    if (labelled && !OfficeLabel(LineBefore(text, m.start))) continue;
    if (m.rule == kRulePhone) own.numbers.insert(ListKey(value));
    if (m.rule == kRulePostcode || m.rule == kRuleAddress) own.places.insert(ListKey(value));
    if (m.rule == kRuleEmail) {
      std::string domain = DomainOf(value);
      if (!PrivateDomain(domain)) own.domains.insert(domain);
    }
  }
}

// Labels at the start of a line that name the organisation's people: "Main contact
// Bartholomew Fenwick-Ade", "Completed by: ...", "Advocate: ...". Matched anchored.
const RE2& StaffLabel() {
  static const RE2* re = [] {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(false);
    auto* r = new RE2(
        R"([ \t|*>\-]*(?:)"
        R"((?:main|named|key|lead|primary|first) contact(?: name| person)?|)"
        R"(contact (?:name|person)|)"
        R"((?:completed|prepared|written|compiled|submitted) by|)"
        R"((?:report author|author|(?:named |lead |allocated )?advocate(?: name)?|service manager|)"
        R"(team leader|team manager|chief executive|director)[ \t]*[:|\t]))",
        o);
    if (!r->ok()) std::abort();
    return r;
  }();
  return *re;
}

// The words that open a declaration its signer makes for the organisation; a person's
// consent ("I confirm that I agree to ...") is none.
bool DeclarationLine(std::string_view lower_line) {
  auto has = [&](std::string_view w) { return lower_line.find(w) != std::string_view::npos; };
  if (has("consent") || has("happy for") || has("permission") ||
      (has("agree") && (has("advoca") || has("shar") || has("my records")))) {
    return false;
  }
  return lower_line.find("declar") != std::string_view::npos ||
         lower_line.find("i confirm") != std::string_view::npos ||
         lower_line.find("we confirm") != std::string_view::npos ||
         lower_line.find("on behalf of") != std::string_view::npos;
}

// Words that end a letter or an email: what follows is its writer's signature.
bool SignoffLine(std::string_view lower_line) {
  for (std::string_view w : {"regards", "sincerely", "faithfully", "best wishes", "many thanks",
                             "kind regards", "thank you"}) {
    if (lower_line.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// `labels`: whether the names its labels and declarations give are the organisation's
// people; not in a document about a client, where "Name:" under a statement is theirs.
void LearnFromText(OwnSide& own, std::string_view text, bool carrier, bool labels) {
  int declaration = 0;  // lines left in a declaration
  bool signature = false;
  size_t from = 0;
  while (from < text.size()) {
    size_t nl = text.find('\n', from);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(from, nl - from);
    from = nl + 1;
    if (line.size() > 400) continue;
    std::string lower = Lower(line);
    re2::StringPiece label;
    if (labels && StaffLabel().Match(re2::StringPiece(line.data(), line.size()), 0, line.size(),
                                     RE2::ANCHOR_START, &label, 1)) {
      size_t after = static_cast<size_t>(label.data() - line.data()) + label.size();
      std::string_view rest = line.substr(after);
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t' || rest.front() == ':' ||
                               rest.front() == '|')) {
        rest.remove_prefix(1);
      }
      std::string person = NameAtStart(rest);
      if (!person.empty()) AddPerson(own, person);
    }
    if (declaration > 0) {
      --declaration;
      std::string_view l = line;
      while (!l.empty() && (l.front() == ' ' || l.front() == '\t' || l.front() == '|')) {
        l.remove_prefix(1);
      }
      if (Lower(l.substr(0, 4)) == "name") {
        std::string_view rest = l.substr(4);
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':' ||
                                 rest.front() == '\t' || rest.front() == '|')) {
          rest.remove_prefix(1);
        }
        std::string person = NameAtStart(rest);
        if (!person.empty()) AddPerson(own, person);
      }
    }
    if (labels && DeclarationLine(lower)) declaration = 8;
    if (OfficeWords(lower)) LearnContactDetails(own, line, /*labelled=*/true);
    if (carrier) {
      if (signature) {
        std::string person = NameAtStart(line);
        if (!person.empty()) AddPerson(own, person);
        LearnContactDetails(own, line);
      }
      if (SignoffLine(lower)) signature = true;
    }
  }
}

// "Rosalind Ackerby", "Ackerby, Rosalind; Ann Lee": the people a property names.
void LearnAuthors(OwnSide& own, std::string_view value) {
  size_t from = 0;
  while (from < value.size()) {
    size_t sep = value.find_first_of(";\n", from);
    if (sep == std::string_view::npos) sep = value.size();
    std::string_view one = value.substr(from, sep - from);
    from = sep + 1;
    std::string person = NameAtStart(one);
    if (person.empty()) {
      // "Ackerby, Rosalind"
      size_t comma = one.find(',');
      if (comma != std::string_view::npos) {
        person = NameAtStart(std::string(one.substr(comma + 1)) + " " +
                             std::string(one.substr(0, comma)));
      }
    }
    if (!person.empty()) AddPerson(own, person);
  }
}

// The text of an XMP element's content or attribute value named `property`.
void LearnXmpAuthors(OwnSide& own, std::string_view xmp) {
  for (std::string_view tag : {"<dc:creator", "pdf:Author=\"", "<pdf:Author"}) {
    size_t p = xmp.find(tag);
    if (p == std::string_view::npos) continue;
    size_t end =
        xmp.find(tag[0] == '<' ? std::string_view("</") : std::string_view("\""), p + tag.size());
    if (end == std::string_view::npos) continue;
    std::string_view inner = xmp.substr(p + tag.size(), end - p - tag.size());
    // Strip the tags inside (rdf:Seq, rdf:li).
    std::string plain;
    bool in_tag = false;
    for (char c : inner) {
      if (c == '<') in_tag = true;
      if (!in_tag) plain.push_back(c);
      if (c == '>') {
        in_tag = false;
        plain.push_back(';');
      }
    }
    LearnAuthors(own, plain);
  }
}

// Whether the value of a match is the organisation's own.
bool OwnValue(const Match& m, std::string_view value, const OwnSide& own) {
  if (m.rule == kRulePhone) return own.numbers.contains(ListKey(value));
  if (m.rule == kRuleEmail) return own.domains.contains(DomainOf(value));
  if (m.rule == kRulePostcode || m.rule == kRuleAddress) {
    // The same place, or one inside the other word for word ("ls1 4ab" in "1 park
    // row, leeds ls1 4ab"); not "12 high street" inside "112 high street".
    auto within = [](std::string_view outer, std::string_view inner) {
      for (size_t p = outer.find(inner); p != std::string_view::npos;
           p = outer.find(inner, p + 1)) {
        bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(outer[p - 1]));
        size_t e = p + inner.size();
        bool right = e == outer.size() || !std::isalnum(static_cast<unsigned char>(outer[e]));
        if (left && right) return true;
      }
      return false;
    };
    std::string key = ListKey(value);
    if (key.empty()) return false;
    for (const std::string& place : own.places) {
      if (!place.empty() && (within(place, key) || within(key, place))) return true;
    }
  }
  return false;
}

Verdict Blocks(std::string why) { return {true, Severity::kBlocker, std::move(why)}; }
Verdict Warns(std::string why) { return {true, Severity::kWarning, std::move(why)}; }
Verdict Informs(std::string why) { return {true, Severity::kInfo, std::move(why)}; }

Verdict JudgeName(const Match& m, std::string_view value, const Place& place, const OwnSide& own) {
  bool full = m.name_words >= 2 || (m.cue == NameCue::kTitle && m.name_words == 1);
  // A name a label gives as a client's is one, though the same name made the file (a
  // case file saved under the client's name) or is the organisation's elsewhere.
  bool client = m.cue == NameCue::kLabel && ClientLabel(m.cue_word);
  if (!client && (own.Person(value) || AuthorProperty(place.property))) {
    return Informs(
        "It is the name of someone at the organisation (a file's author, the sender of the "
        "submission, or a contact or signatory it names), not a client's: it may stay.");
  }
  std::string professional;
  if (m.cue == NameCue::kRole) professional = m.cue_word;
  if (m.cue == NameCue::kLabel && ProfessionalLabel(m.cue_word)) professional = m.cue_word;
  if (m.cue == NameCue::kTitle && ProfessionalTitle(m.cue_word)) professional = m.cue_word;
  if (!professional.empty()) {
    return Warns("It reads as a professional's name (beside '" + professional +
                 "'), not a client's; remove it unless they agreed to be named.");
  }
  if (m.cue == NameCue::kSignoff) {
    return Warns(
        "Whoever signs a letter is most often a member of staff or a professional; if it is "
        "a client or a relative, remove it.");
  }
  if (m.cue == NameCue::kLabel && ListOfPeopleLabel(m.cue_word)) {
    return Warns("A name in a list of people ('" + m.cue_word +
                 "'): if it is a client's or a relative's, remove it.");
  }
  if (!full) {
    return Warns(
        "A first name or a surname alone does not identify someone; check it is not a "
        "client's or a relative's that the rest of the file would point to.");
  }
  // A policy names the organisation's people (its lead for safeguarding, its chair);
  // the workbook does not get this excuse: its narratives tell clients' stories.
  bool cued_to_a_person = m.cue == NameCue::kTitle || m.cue == NameCue::kRelation ||
                          m.cue == NameCue::kSalutation || m.cue == NameCue::kLabel;
  if (place.role == "policy" && !cued_to_a_person) {
    return Warns(
        "In the organisation's policies a full name is most often a member of staff's; if it "
        "is a client's or a relative's, remove it.");
  }
  return Blocks(
      "A full name identifies the person, so the bundle waits until it is removed or replaced "
      "by the pseudonym used elsewhere.");
}

}  // namespace

bool OwnSide::Person(std::string_view name) const {
  std::string key = ListKey(name);
  if (key.empty()) return false;
  if (people.contains(key)) return true;
  // Every word of it in one learned person's name ("Quenby", "Harriet Quenby"): words
  // of two people ("Ann" of Ann Smith, "Lee" of Tom Lee) make no one of theirs.
  auto words_of = [](std::string_view s) {
    std::set<std::string, std::less<>> out;
    size_t from = 0;
    while (from < s.size()) {
      size_t sp = s.find(' ', from);
      if (sp == std::string_view::npos) sp = s.size();
      out.emplace(s.substr(from, sp - from));
      from = sp + 1;
    }
    return out;
  };
  std::set<std::string, std::less<>> mine = words_of(key);
  for (const std::string& person : people) {
    std::set<std::string, std::less<>> theirs = words_of(person);
    if (std::includes(theirs.begin(), theirs.end(), mine.begin(), mine.end())) return true;
  }
  return false;
}

OwnSide LearnOwnSide(const std::vector<const Document*>& docs,
                     const std::set<std::string>& carriers) {
  OwnSide own;
  for (const Document* d : docs) {
    bool carrier = carriers.contains(d->id);
    for (const auto& [key, value] : d->metadata) {
      if (key == "Author" || key == "Last modified by" || key == "Manager") {
        LearnAuthors(own, value);
      } else if (key == "XMP") {
        LearnXmpAuthors(own, value);
      } else if (carrier && (key == "From" || key == "To" || key == "Cc")) {
        LearnAddressHeader(own, value);
      }
    }
    bool about_a_client =
        d->role == "case-file" || d->role == "report" || d->role == "correspondence";
    for (const Page& p : d->pages) {
      LearnFromText(own, p.text, carrier && d->role == "email", !about_a_client);
    }
  }
  return own;
}

Verdict Judge(const Match& m, std::string_view text, const Place& place, const OwnSide& own) {
  std::string_view value =
      text.substr(std::min(m.start, text.size()),
                  std::min(m.end, text.size()) - std::min(m.start, text.size()));
  std::string property(place.property);
  if (property == "XMP") property = "xmp:" + XmpProperty(text, m.start);
  Place where = place;
  where.property = property;
  if (m.rule == kRuleName) return JudgeName(m, value, where, own);
  if (m.rule == kRuleDeny) return Blocks("It is on your organisation's deny-list.");
  if (m.rule == kRuleDob) {
    return Blocks(
        "A date of birth identifies a person with very little else, so the bundle waits until "
        "it is removed.");
  }
  if (m.rule == kRuleAge) {
    return Warns(
        "An age alone does not identify anyone; with other details it may, so keep it only "
        "if the assessor needs it.");
  }
  if (m.rule == kRulePlace) {
    return Warns(
        "A named care home or ward narrows down who the person is without naming them: "
        "remove it if, with the other details, it would point to one person.");
  }
  if (m.rule == kRuleNhsPossible) {
    return Warns("Check whether it is an NHS number: if it is, it must go.");
  }
  std::string before = LineBefore(text, m.start);
  if (m.rule == kRulePhone || m.rule == kRuleEmail || m.rule == kRulePostcode ||
      m.rule == kRuleAddress) {
    if (OwnValue(m, value, own) || OfficeLabel(before)) {
      return {false, Severity::kInfo, "the organisation's own"};
    }
  }
  if (m.rule == kRuleEmail) {
    std::string domain = DomainOf(value);
    if (PrivateDomain(domain)) {
      return Blocks("A private email address (" + domain +
                    ") identifies its owner, so the bundle waits until it is removed.");
    }
    if (PrivateWords(before)) {
      return Blocks(
          "It is labelled as a private person's address, so the bundle waits until it is "
          "removed.");
    }
    return Warns("It looks like a work address; if it is a client's or a relative's, remove it.");
  }
  if (m.rule == kRulePhone) {
    if (PrivateWords(before)) {
      return Blocks(
          "It is labelled as a private person's number, so the bundle waits until it is "
          "removed.");
    }
    return Warns(std::string(kOwnerNotSaid) +
                 " a client's or a relative's must go; the organisation's own may stay (list it "
                 "with --allow-list).");
  }
  if (m.rule == kRulePostcode || m.rule == kRuleAddress) {
    if (PrivateWords(before) || HasAnyWord(before, {"address", "postcode", "post code"})) {
      return Blocks("It is given as where someone lives, so the bundle waits until it is removed.");
    }
    return Warns(std::string(kOwnerNotSaid) +
                 " a client's or a relative's must go; the organisation's own may stay (list it "
                 "with --allow-list).");
  }
  // NHS, National Insurance, hospital, passport and licence numbers, bank details.
  return Blocks("It identifies one person directly, so the bundle waits until it is removed.");
}

void ExcuseValuesSharedBySubjects(const std::vector<std::vector<Finding>*>& subjects) {
  // An organisation's staff write from one domain; a mailbox anyone can open is one
  // person's, so it is compared whole.
  auto key = [](const Finding& f) {
    std::string domain = f.rule == kRuleEmail ? DomainOf(f.value) : "";
    bool by_domain = !domain.empty() && !PrivateDomain(domain);
    return std::make_pair(f.rule, by_domain ? domain : ListKey(f.value));
  };
  auto shareable = [](const Finding& f) {
    return !f.value.empty() &&
           (f.rule == kRuleName || f.rule == kRulePhone || f.rule == kRuleEmail ||
            f.rule == kRulePostcode || f.rule == kRuleAddress || f.rule == kRulePlace);
  };
  std::map<std::pair<std::string, std::string>, std::set<size_t>> seen_in;  // (rule, key) →
  for (size_t c = 0; c < subjects.size(); ++c) {
    for (const Finding& f : *subjects[c]) {
      if (shareable(f)) seen_in[key(f)].insert(c);
    }
  }
  for (std::vector<Finding>* findings : subjects) {
    for (Finding& f : *findings) {
      if (!shareable(f) || f.severity == Severity::kInfo) continue;
      // A case file and the report about the same person are two subjects, so it
      // takes three.
      size_t n = seen_in[key(f)].size();
      if (n < 3) continue;
      std::string count = " It is in the files of " + std::to_string(n) + " different people";
      if (f.severity == Severity::kBlocker && f.rule != kRuleName) {
        // Labelled as someone's home or private: a place where several live is still
        // where they live.
        f.severity = Severity::kWarning;
        f.message += count +
                     ", so it is no one client's alone: check whether it is where they live "
                     "(a care home, supported housing) or the organisation's own.";
        continue;
      }
      f.severity = Severity::kInfo;
      f.message += count +
                   ", so it is no one client's: the organisation's own, a professional's who "
                   "works with several, or a place where several stay.";
    }
  }
}

}  // namespace qpm::redaction
