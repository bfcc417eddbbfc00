// pipeline/ingest/mailbox.cc — see mailbox.h.
#include "pipeline/ingest/mailbox.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <map>
#include <numeric>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "pipeline/core/dates.h"
#include "pipeline/core/media_types.h"
#include "pipeline/ingest/mime_message.h"
#include "pipeline/ingest/outlook_message.h"
#include "pipeline/ingest/sniff.h"
#include "pipeline/platform/call.h"

namespace qpm::mailbox {
namespace {

namespace fs = std::filesystem;

// Mail domains anyone can have an address at: there the address, not the domain, is
// the organisation.
constexpr std::array<std::string_view, 24> kWebmail = {
    "aol.com",        "btinternet.com",  "gmail.com",   "gmx.com",        "gmx.co.uk",
    "googlemail.com", "hotmail.co.uk",   "hotmail.com", "icloud.com",     "live.co.uk",
    "live.com",       "mac.com",         "mail.com",    "me.com",         "msn.com",
    "ntlworld.com",   "outlook.com",     "proton.me",   "protonmail.com", "sky.com",
    "talktalk.net",   "virginmedia.com", "yahoo.co.uk", "yahoo.com"};

// Words a subject carries for the password's email, or for any email, that say nothing
// of which submission it belongs to.
constexpr std::array<std::string_view, 9> kNoiseWords = {
    "password", "passwords", "pw", "pwd", "for", "the", "zip", "of", "and"};

// Two emails of one organisation further apart than this, and not of one thread, are
// two submissions: a workbook is not accepted more than six months after it is issued.
constexpr int kSameSubmissionDays = 183;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The address in a From header: "Sam Reed <Sam.Reed@Example.org>" → "sam.reed@example.org".
std::string AddressIn(std::string_view from) {
  size_t open = from.rfind('<');
  size_t close = from.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    return Lower(Trim(from.substr(open + 1, close - open - 1)));
  }
  size_t at = from.find('@');
  if (at == std::string_view::npos) return "";
  size_t b = from.find_last_of(" \t,;\"'(", at);
  b = b == std::string_view::npos ? 0 : b + 1;
  size_t e = from.find_first_of(" \t,;\"')", at);
  return Lower(from.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
}

// Message ids in a header: "<a@b> <c@d>" → {"a@b", "c@d"}.
std::vector<std::string> MessageIds(std::string_view header) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = header.find('<', pos)) != std::string_view::npos) {
    size_t end = header.find('>', pos);
    if (end == std::string_view::npos) break;
    std::string id = Trim(header.substr(pos + 1, end - pos - 1));
    if (!id.empty()) out.push_back(std::move(id));
    pos = end + 1;
  }
  if (out.empty() && !Trim(header).empty() && header.find(' ') == std::string_view::npos) {
    out.push_back(Trim(header));  // one id written without brackets
  }
  return out;
}

// What the reader process sends back: the message, and the names of its attachments,
// none of which was written.
struct HeaderRead {
  mime::Message message;
  std::vector<std::string> attachments;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(HeaderRead, message, attachments)

// Runs in the reader process: .eml, Outlook .msg and winmail.dat alike.
Result<HeaderRead> ReadHeadersInChild(const std::string& path, const std::string& type) {
  HeaderRead read;
  mime::PathForAttachment nowhere = [&read](const std::string& name) {
    read.attachments.push_back(name);
    return std::string();
  };
  Result<mime::Message> m =
      type == kMediaOutlookMsg ? outlook::ReadMsg(path, nowhere, mime::ReadOptions{}, nullptr)
      : type == kMediaTnef     ? outlook::ReadTnef(path, nowhere, mime::ReadOptions{}, nullptr)
                               : mime::ReadMessage(path, nowhere, mime::ReadOptions{}, nullptr);
  if (!m.ok()) return m.status();
  read.message = std::move(m.value());
  return read;
}

void ReadEmail(Item& item, const std::string& type, const sandbox::Budget& budget) {
  const std::string path = item.path;
  sandbox::Reply<sandbox::NoItems, HeaderRead> reply =
      sandbox::Decode<sandbox::NoItems, HeaderRead>(sandbox::RunOne(
          [&path, &type](sandbox::Channel& ch) {
            sandbox::SendResult(ch, ReadHeadersInChild(path, type));
          },
          budget));
  if (!reply.value) {
    item.error =
        reply.error ? reply.error->message() : "the reader " + reply.outcome.Describe(budget);
    return;
  }
  item.attachments = std::move(reply.value->attachments);
  mime::Message& m = reply.value->message;
  for (const auto& [key, value] : m.headers) {
    if (key == "From") item.from = AddressIn(value);
    if (key == "Message-ID") {
      std::vector<std::string> ids = MessageIds(value);
      if (!ids.empty()) item.message_id = ids.front();
    }
    if (key == "In-Reply-To" || key == "References") {
      for (std::string& id : MessageIds(value)) item.replies_to.push_back(std::move(id));
    }
  }
  item.subject = m.subject;
  item.date = m.date;
  item.time = m.time;
  item.body = std::move(m.body);
}

// Union-find over the items.
struct Sets {
  std::vector<size_t> parent;
  explicit Sets(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void Join(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// When an item arrived, for ordering: its time, else its date, else nothing (last).
std::string When(const Item& item) {
  if (!item.time.empty()) return item.time;
  if (!item.date.empty()) return item.date + "T00:00:00Z";
  return "~";  // after every date
}

// True when `later` is more than `days` after `earlier` (both as When gives them).
bool MoreThanDaysApart(const std::string& earlier, const std::string& later, int days) {
  std::optional<Date> a = ParseIsoDate(std::string_view(earlier).substr(0, 10));
  std::optional<Date> b = ParseIsoDate(std::string_view(later).substr(0, 10));
  return a && b && AddDays(*a, days) < *b;
}

// An organisation's emails, in order, are one submission until a gap of more than
// kSameSubmissionDays.
void JoinByOrganisation(const std::vector<Item>& items, const std::vector<size_t>& order,
                        Sets& sets) {
  std::map<std::string, size_t> last;  // organisation → its latest email so far
  for (size_t i : order) {
    const Item& item = items[i];
    std::string key = OrganisationKey(item.from);
    if (!item.email || key.empty()) continue;
    auto it = last.find(key);
    if (it != last.end() &&
        !MoreThanDaysApart(When(items[it->second]), When(item), kSameSubmissionDays)) {
      sets.Join(it->second, i);
    }
    last[key] = i;
  }
}

void JoinByThread(const std::vector<Item>& items, Sets& sets) {
  std::map<std::string, size_t> by_id;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].message_id.empty()) by_id.emplace(items[i].message_id, i);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    for (const std::string& id : items[i].replies_to) {
      auto it = by_id.find(id);
      if (it != by_id.end()) sets.Join(it->second, i);
    }
  }
}

// The subject's words that can tell one submission from another.
std::string TellingWords(const std::string& subject) {
  std::string out;
  std::string thread = ThreadSubject(subject);
  size_t pos = 0;
  while (pos < thread.size()) {
    size_t end = thread.find(' ', pos);
    if (end == std::string::npos) end = thread.size();
    std::string_view word(thread.data() + pos, end - pos);
    if (std::find(kNoiseWords.begin(), kNoiseWords.end(), word) == kNoiseWords.end()) {
      if (!out.empty()) out += ' ';
      out += word;
    }
    pos = end + 1;
  }
  return out;
}

// A set of emails none of which has an attachment (the password's email, sent from
// another address) joins the one set with attachments whose subject holds its own.
void JoinStrays(const std::vector<Item>& items, Sets& sets) {
  std::map<size_t, bool> has_files;                  // set → holds a file of its own
  std::map<size_t, std::vector<std::string>> words;  // set → its emails' telling words
  for (size_t i = 0; i < items.size(); ++i) {
    size_t root = sets.Find(i);
    const Item& item = items[i];
    has_files[root] = has_files[root] || !item.email || !item.attachments.empty();
    if (item.email) words[root].push_back(TellingWords(item.subject));
  }
  for (const auto& [stray, stray_files] : has_files) {
    if (stray_files) continue;
    std::optional<size_t> home;
    bool ambiguous = false;
    for (const std::string& w : words[stray]) {
      if (w.find(' ') == std::string::npos) continue;  // one word says too little, either side
      for (const auto& [root, files] : has_files) {
        if (!files || root == stray) continue;
        for (const std::string& theirs : words[root]) {
          if (theirs.find(' ') == std::string::npos ||
              (theirs.find(w) == std::string::npos && w.find(theirs) == std::string::npos)) {
            continue;
          }
          if (home && *home != root) ambiguous = true;
          home = root;
        }
      }
    }
    if (home && !ambiguous) sets.Join(*home, stray);
  }
}

}  // namespace

std::string OrganisationKey(const std::string& address) {
  size_t at = address.rfind('@');
  if (at == std::string::npos || at + 1 >= address.size()) return "";
  std::string domain = Lower(address.substr(at + 1));
  if (std::find(kWebmail.begin(), kWebmail.end(), domain) != kWebmail.end()) return Lower(address);
  return domain;
}

std::string ThreadSubject(const std::string& subject) {
  std::string s = Lower(subject);
  // Take off leading prefixes and bracketed tags, as often as they come.
  for (bool again = true; again;) {
    again = false;
    size_t b = s.find_first_not_of(" \t");
    s.erase(0, b == std::string::npos ? s.size() : b);
    if (!s.empty() && s[0] == '[') {
      size_t close = s.find(']');
      if (close != std::string::npos) {
        s.erase(0, close + 1);
        again = true;
        continue;
      }
    }
    for (std::string_view prefix : {"re:", "fw:", "fwd:", "aw:", "sv:", "wg:", "tr:"}) {
      if (s.compare(0, prefix.size(), prefix) == 0) {
        s.erase(0, prefix.size());
        again = true;
        break;
      }
    }
  }
  std::string out;
  bool gap = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    // U+2000 to U+203F (dashes, curly quotes, ellipsis) part words as ASCII punctuation does.
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      gap = true;
      i += 2;
    } else if (std::isalnum(c) != 0 || c >= 0x80) {
      if (gap && !out.empty()) out += ' ';
      out += static_cast<char>(c);
      gap = false;
    } else {
      gap = true;
    }
  }
  return out;
}

Result<std::vector<Item>> ListMailbox(const std::string& dir, const sandbox::Budget& budget) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status(StatusCode::kUnreadable, "the inbox " + dir + " is not a folder");
  }
  std::vector<Item> items;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    Item item;
    item.path = it->path().string();
    item.name = name;
    item.folder = it->is_directory(ec);
    items.push_back(std::move(item));
  }
  if (ec)
    return Status(StatusCode::kIo, "the inbox " + dir + " could not be listed: " + ec.message());
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.name < b.name; });
  for (Item& item : items) {
    if (item.folder) continue;
    std::string type = SniffFile(item.path, item.name);
    if (type != kMediaEmail && type != kMediaOutlookMsg && type != kMediaTnef) continue;
    item.email = true;
    ReadEmail(item, type, budget);
  }
  return items;
}

std::vector<Group> GroupMailbox(const std::vector<Item>& items) {
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return When(items[a]) < When(items[b]); });
  Sets sets(items.size());
  // Files saved loose, and no email that carried anything: the folder is one
  // submission's attachments, saved beside the emails that came with them (the
  // password's).
  bool loose_files =
      std::any_of(items.begin(), items.end(), [](const Item& i) { return !i.email && !i.folder; });
  bool carriers = std::any_of(items.begin(), items.end(),
                              [](const Item& i) { return i.email && !i.attachments.empty(); });
  if (loose_files && !carriers) {
    for (size_t i = 1; i < items.size(); ++i) sets.Join(0, i);
  }
  JoinByOrganisation(items, order, sets);
  JoinByThread(items, sets);
  JoinStrays(items, sets);

  std::map<size_t, Group> by_root;
  std::vector<size_t> roots;  // in the order their first item arrived
  for (size_t i : order) {
    size_t root = sets.Find(i);
    auto [it, fresh] = by_root.try_emplace(root);
    if (fresh) roots.push_back(root);
    it->second.items.push_back(i);
    if (it->second.organisation.empty() && items[i].email) {
      it->second.organisation = OrganisationKey(items[i].from);
    }
  }
  std::vector<Group> groups;
  for (size_t root : roots) groups.push_back(std::move(by_root[root]));
  return groups;
}

}  // namespace qpm::mailbox
