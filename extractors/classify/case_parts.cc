#include "extractors/classify/case_parts.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "extractors/classify/classify.h"
#include "extractors/classify/page_layout.h"
#include "pipeline/core/text.h"

namespace qpm::parts {
namespace {

// A date as case files write them: 07/05/2025, 7.5.25, 2025-05-07, 7 May 2025,
// 7th May 2025, Wed 7 May.
constexpr char kDate[] =
    "(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|"
    "[0-9]{1,2}(?:st|nd|rd|th)?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?,?"
    "\\s+[0-9]{2,4}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+[0-9]{1,2}(?:st|nd|rd|th)?\\s+"
    "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))(?:[^0-9]|$)";

const RE2& LeadingDate() {
  static const RE2 kRe(std::string("(?i)^[\\s*\\-\u2022\u00b7]*") + kDate);
  return kRe;
}

const RE2& AnyDate() {
  static const RE2 kRe(std::string("(?i)(?:^|[^0-9])") + kDate);
  return kRe;
}

bool HasAny(std::string_view folded, std::initializer_list<std::string_view> phrases) {
  for (std::string_view p : phrases) {
    if (text::HasPhrase(folded, p)) return true;
  }
  return false;
}

bool StartsWithAny(std::string_view folded, std::initializer_list<std::string_view> phrases) {
  for (std::string_view p : phrases) {
    if (text::StartsWithPhrase(folded, p)) return true;
  }
  return false;
}

std::set<std::string> WordsOf(std::string_view folded) {
  std::set<std::string> out;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    out.emplace(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool HasWord(const std::set<std::string>& words, std::initializer_list<std::string_view> any) {
  for (std::string_view w : any) {
    if (words.count(std::string(w)) != 0) return true;
  }
  return false;
}

// A word that starts with one of `stems`: "authoris" finds "authorises", "authorisation".
bool HasStem(const std::set<std::string>& words, std::initializer_list<std::string_view> stems) {
  for (const std::string& w : words) {
    for (std::string_view s : stems) {
      if (w.compare(0, s.size(), s) == 0) return true;
    }
  }
  return false;
}

// A stretch of text as the weighing steps look at it: its lines, and all of it folded
// and as a set of words.
struct Stretch {
  explicit Stretch(std::string_view source)
      : text(source),
        lines(text::Lines(source)),
        all(text::Fold(source)),
        all_words(WordsOf(all)) {}
  std::string_view text;
  std::vector<std::string_view> lines;
  std::string all;
  std::set<std::string> all_words;
};

// How much one kind's content weighs in a stretch of text, and the signs seen; 0 when
// its signs are not all there.
struct Weight {
  int weight = 0;
  std::string why;
};

// Referral: a form about a person someone asked advocacy for: who referred them,
// why, when, what kind of advocacy, the person's details and needs. Who referred,
// and one more of these; or three of the others.
Weight WeighReferral(const Stretch& t) {
  const std::string& all = t.all;
  bool referrer =
      HasAny(all, {"referred by", "referred from", "referrer", "referral from", "referral source",
                   "source of referral", "referring agency", "referring organisation",
                   "referring organization", "referring professional", "referring person",
                   "who referred", "referral made by", "who made the referral",
                   "person making the referral", "instructed by", "instructing professional",
                   "instructing body", "decision maker instructing"});
  bool reason = HasAny(
      all, {"reason for referral", "reasons for referral", "reason for the referral",
            "referral reason", "reason for request", "reason for the request",
            "reason for instruction", "what is the referral for", "what is the referral about"});
  for (std::string_view line : t.lines) {
    // A short label that asks why: "Why advocacy is needed", "Reasons support was asked for".
    std::string folded = text::Fold(line);
    if (!reason && text::CountWords(line) <= 8 &&
        StartsWithAny(folded, {"why", "reason", "reasons"})) {
      reason = true;
    }
  }
  bool referred_on =
      HasAny(all, {"date of referral", "referral date", "date referred", "date referral received",
                   "date received", "date of instruction", "date instructed"});
  bool requested =
      HasAny(all, {"type of advocacy", "advocacy requested", "support requested", "type of support",
                   "service requested", "kind of advocacy", "advocacy type", "type of referral"});
  bool person = HasAny(all, {"about the person", "person s details", "personal details",
                             "client details", "details of the person", "about me"});
  bool needs = HasAny(all, {"communication needs", "access needs", "communication and access",
                            "how the person communicates", "support needs"});
  int others = int{reason} + int{referred_on} + int{requested} + int{person} + int{needs};
  if ((referrer && others >= 1) || others >= 3) {
    return {1 + int{referrer} + others, "who referred the person, when and why"};
  }
  return {};
}

// Whether a short line heads a table of actions: what is to be done, with who takes it
// or by when ("Action | Who | By when").
bool HeadsActionTable(std::string_view line) {
  if (text::CountWords(line) > 12) return false;
  std::string folded = text::Fold(line);
  std::set<std::string> words = WordsOf(folded);
  bool what = HasWord(
      words, {"action", "actions", "goal", "goals", "task", "tasks", "outcome", "outcomes", "step",
              "steps", "objective", "objectives", "aim", "aims", "issue", "issues"});
  bool who = HasWord(words, {"who", "responsible", "lead", "owner"}) || HasAny(folded, {"by whom"});
  bool when = HasWord(words, {"deadline", "deadlines", "timescale", "timescales", "when"}) ||
              HasAny(folded, {"target date", "due date", "due by", "date due", "completion date",
                              "to be completed by"});
  bool who_when = who || when;
  return (what && who_when) || (who && when);
}

// Plan: a table of actions with who takes them or by when; or what was agreed and
// when it is reviewed.
Weight WeighPlan(const Stretch& t) {
  bool action_table = std::any_of(t.lines.begin(), t.lines.end(), HeadsActionTable);
  bool agreed = HasAny(t.all, {"agreed to work on", "have agreed to", "agreed actions",
                               "agreed the following", "we agreed", "will work on together"});
  bool review = HasAny(t.all, {"review date", "date of review", "to be reviewed", "next review"});
  if (action_table) return {3 + int{agreed}, "a table of actions, who takes them and by when"};
  if (agreed && review) return {2, "what was agreed and when it is reviewed"};
  return {};
}

// Consent: a statement of consent or authorisation, signed or "authorised by". An
// agreement counts when it is to advocacy or to sharing what is known, not to a plan
// ("Mr P and the advocate agree to this plan. Signed: ...").
Weight WeighConsent(const Stretch& t) {
  bool statement =
      HasStem(t.all_words, {"consent", "authoris", "authoriz"}) || HasAny(t.all, {"permission"});
  for (std::string_view line : t.lines) {
    if (statement) break;
    std::string folded = text::Fold(line);
    std::set<std::string> words = WordsOf(folded);
    statement = HasAny(folded, {"i agree", "agree to", "agree for", "i am happy for"}) &&
                (HasStem(words, {"advoca", "shar", "record", "represent"}) ||
                 HasAny(folded, {"information", "on my behalf"})) &&
                !HasStem(words, {"plan", "action", "goal"});
  }
  bool signed_off = HasAny(t.all, {"signed", "signature", "signatures", "authorised by",
                                   "authorized by", "signed by", "witnessed by", "given by",
                                   "obtained by", "recorded by", "confirmed by", "agreed by"});
  if (statement && signed_off) {
    return {2, "a statement of consent or authorisation with a signature"};
  }
  return {};
}

// Notes written as paragraphs: many dates, and the contacts they record.
Weight WeighNotesInParagraphs(const Stretch& t) {
  int dates = 0;
  re2::StringPiece in(t.text.data(), t.text.size());
  while (dates < 4 && RE2::FindAndConsume(&in, AnyDate())) ++dates;
  // The ways of contact the notes record, each counted once however it is inflected
  // ("visit", "visited", "Visits"), as a verb or as a table's value ("Phone", "Email").
  int contacts = 0;
  for (std::string_view stem :
       {"visit", "call", "phon", "telephon", "email", "mail", "meet", "messag", "letter", "text"}) {
    contacts += HasStem(t.all_words, {stem}) ? 1 : 0;
  }
  for (std::string_view word : {"met", "rang", "spoke", "spoken"}) {
    contacts += t.all_words.count(std::string(word)) != 0 ? 1 : 0;
  }
  if (dates >= 4 && contacts >= 3) return {2, "dated records of contacts"};
  return {};
}

// Notes: a dated list of contacts.
Weight WeighNotes(const Stretch& t) {
  int dated = 0;
  bool log_header = false;
  for (std::string_view line : t.lines) {
    // An entry: a date, then what happened ("07/05/2025  Visit  Met the person ..."); not
    // a date alone, as a table's date column leaves when its rows wrap.
    re2::StringPiece rest(line.data(), line.size());
    if (RE2::Consume(&rest, LeadingDate()) &&
        text::CountWords(std::string_view(rest.data(), rest.size())) >= 2) {
      ++dated;
    }
    if (!log_header && text::CountWords(line) <= 10) {
      std::set<std::string> words = WordsOf(text::Fold(line));
      log_header = words.count("date") != 0 &&
                   HasWord(words, {"contact", "contacts", "note", "notes", "entry", "entries",
                                   "time", "duration", "activity", "type", "summary", "details",
                                   "detail", "method", "minutes", "mins", "outcome"});
    }
  }
  if (dated >= 3 || (log_header && dated >= 2)) {
    return {3 + int{log_header}, "a dated list of contacts"};
  }
  return WeighNotesInParagraphs(t);
}

// Letters: a salutation and a sign-off; emails: their From, To and Subject lines.
Weight WeighLetters(const Stretch& t) {
  bool salutation = false, sign_off = false;
  std::set<std::string> headers;
  for (std::string_view line : t.lines) {
    std::string folded = text::Fold(line);
    int words = text::CountWords(line);
    if (StartsWithAny(folded, {"dear", "to whom it may concern"}) ||
        (words <= 3 && StartsWithAny(folded, {"hello", "hi"}))) {
      salutation = true;
    }
    if (StartsWithAny(folded, {"yours sincerely", "yours faithfully", "yours truly", "kind regards",
                               "best regards", "warm regards", "best wishes", "with best wishes",
                               "many thanks", "regards", "with thanks"}) ||
        (words <= 3 && StartsWithAny(folded, {"thanks", "thank you"}))) {
      sign_off = true;
    }
    size_t lead = line.find_first_not_of(" \t");
    if (lead == std::string_view::npos) continue;
    std::string_view rest = line.substr(lead);
    for (std::string_view h : {"from", "to", "subject", "sent", "cc"}) {
      if (rest.size() > h.size() && rest[h.size()] == ':' &&
          text::Fold(rest.substr(0, h.size())) == h) {
        headers.emplace(h);
      }
    }
  }
  bool email = headers.size() >= 2 && (headers.count("from") != 0 || headers.count("subject") != 0);
  if ((salutation && sign_off) || email) {
    return {3 + int{salutation && sign_off && email}, email && !(salutation && sign_off)
                                                          ? "an email's From, To and Subject"
                                                          : "a letter's salutation and sign-off"};
  }
  return {};
}

// The kind names a profile's components are found by, most telling first.
std::vector<std::string_view> KindNames(Kind kind) {
  switch (kind) {
    case Kind::kReferral:
      return {"referral"};
    case Kind::kPlan:
      return {"action plan", "advocacy agreement", "advocacy plan", "agreement", "plan"};
    case Kind::kConsent:
      return {"consent", "authorisation", "authorization"};
    case Kind::kNotes:
      return {"case notes", "contact notes", "contact log", "notes"};
    case Kind::kLetters:
      return {"correspondence", "letters", "letter"};
    case Kind::kNone:
      break;
  }
  return {};
}

// Short enough, and shaped like a title rather than a row of a form ("Referred by<TAB>GP",
// "Signed by the person: ...") or a sentence.
bool HeadingShaped(std::string_view line) {
  if (line.find('\t') != std::string_view::npos) return false;
  // A label and its value: what follows the colon may be blacked out ("Signed: ████").
  if (size_t colon = line.find(':');
      colon != std::string_view::npos &&
      line.find_first_not_of(" \r", colon + 1) != std::string_view::npos) {
    return false;
  }
  if (text::CountWords(line) > 8) return false;
  size_t end = line.find_last_not_of(" \r");
  if (end == std::string_view::npos) return false;
  char last = line[end];
  return last != '.' && last != ',' && last != ';';
}

// Whether a line is a part's cue and nothing more ("Case notes", "Letters").
bool IsCue(std::string_view line, const Profile& profile) {
  std::string folded = text::Fold(line);
  for (const CaseComponent& c : profile.components) {
    for (const std::string& cue : c.cues) {
      std::string phrase = text::Fold(cue);
      if (!phrase.empty() && (folded == phrase || folded == text::Plural(phrase))) return true;
    }
  }
  return false;
}

}  // namespace

Judgement ByContent(std::string_view text) {
  const Stretch stretch(text);
  struct Option {
    Kind kind;
    Weight weight;
  };
  std::vector<Option> options = {{Kind::kReferral, WeighReferral(stretch)},
                                 {Kind::kPlan, WeighPlan(stretch)},
                                 {Kind::kConsent, WeighConsent(stretch)},
                                 {Kind::kNotes, WeighNotes(stretch)},
                                 {Kind::kLetters, WeighLetters(stretch)}};
  std::stable_sort(options.begin(), options.end(), [](const Option& a, const Option& b) {
    return a.weight.weight > b.weight.weight;
  });
  if (options[0].weight.weight == 0 || options[0].weight.weight == options[1].weight.weight) {
    return {};
  }
  return {options[0].kind, options[0].weight.why};
}

int ComponentFor(Kind kind, const Profile& profile) {
  for (std::string_view name : KindNames(kind)) {
    for (size_t c = 0; c < profile.components.size(); ++c) {
      if (text::HasPhrase(text::Fold(profile.components[c].name), name)) {
        return static_cast<int>(c);
      }
    }
    for (size_t c = 0; c < profile.components.size(); ++c) {
      for (const std::string& cue : profile.components[c].cues) {
        if (text::Fold(cue) == name) return static_cast<int>(c);
      }
    }
  }
  return -1;
}

int ComponentOfHeading(std::string_view line, const Profile& profile, std::string* cue,
                       int max_words) {
  if (text::CountWords(line) > max_words) return -1;
  if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), AnyDate())) return -1;
  std::string folded = text::Fold(line);
  int best = -1;
  size_t best_len = 0;
  for (size_t c = 0; c < profile.components.size(); ++c) {
    for (const std::string& raw : profile.components[c].cues) {
      std::string phrase = text::Fold(raw);
      if (phrase.size() <= best_len || !text::HasPhraseOrPlural(folded, phrase)) continue;
      best = static_cast<int>(c);
      best_len = phrase.size();
      if (cue != nullptr) *cue = raw;
    }
  }
  return best;
}

std::vector<PartStart> PartsOf(const Document& d, size_t first, size_t last,
                               const Profile& profile) {
  std::vector<PartStart> out;
  std::set<std::string> running = layout::RunningLines(d);
  auto add = [&](size_t page, int component, std::string cue) {
    if (!out.empty() && out.back().page == page && out.back().component == component) return;
    out.push_back({page, component, std::move(cue)});
  };
  for (size_t i = first; i <= last && i < d.pages.size(); ++i) {
    const Page& page = d.pages[i];
    bool laid_out = !page.words.empty();
    std::vector<layout::Line> body;
    for (const layout::Line& line : layout::PageLines(page, running, 4, 10)) {
      if (!line.running) body.push_back(line);
    }
    // Where parts may start on this page: its top, and a heading further down that
    // names a part (in larger print), or, in text with no layout, any short line
    // that opens a block, or a line that is nothing but a part's cue ("Case notes"
    // between two paragraphs of a Word file with no space or break between parts).
    std::vector<size_t> starts = {0};
    for (size_t k = 1; k < body.size(); ++k) {
      const layout::Line& line = body[k];
      if (laid_out ? line.heading && k >= 4 && ComponentOfHeading(line.text, profile, nullptr) >= 0
                   : HeadingShaped(line.text) && (line.block_start || IsCue(line.text, profile))) {
        starts.push_back(k);
      }
    }
    for (size_t s = 0; s < starts.size() && !body.empty(); ++s) {
      size_t from = starts[s];
      size_t to = s + 1 < starts.size() ? starts[s + 1] : body.size();
      // Its heading: its first line, or a line in larger print among its first few (a
      // title under a running header the page repeats on no other page). The lines
      // below a title are a form's rows ("Consent to share  Yes"), not headings.
      int component = -1;
      std::string cue;
      for (size_t k = from; k < to && k < from + 4 && component < 0; ++k) {
        bool eligible = laid_out ? body[k].heading && (k == from || body[k].larger)
                                 : k == from && HeadingShaped(body[k].text);
        if (eligible) component = ComponentOfHeading(body[k].text, profile, &cue);
      }
      if (component >= 0) {
        add(i, component, text::AsHeading(cue));
        continue;
      }
      // A file per part: its name says which ("3 Consent.pdf").
      if (i == 0 && s == 0) {
        std::string name = classify::FileStem(d);
        size_t lead = name.find_first_not_of("0123456789 ._-");
        if (lead != std::string::npos) {
          component = ComponentOfHeading(name.substr(lead), profile, &cue);
          if (component >= 0) {
            add(i, component, text::AsHeading(cue));
            continue;
          }
        }
      }
      std::string text;
      for (size_t k = from; k < to; ++k) text += std::string(body[k].text) + "\n";
      Judgement j = ByContent(text);
      if (int c = ComponentFor(j.kind, profile); c >= 0) add(i, c, "By its content: " + j.why);
    }
  }
  return out;
}

}  // namespace qpm::parts
