#include "redaction/lists.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "redaction/names.h"

namespace qpm::redaction {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool nbsp = i + 1 < s.size() && static_cast<unsigned char>(c) == 0xC2 &&
                static_cast<unsigned char>(s[i + 1]) == 0xA0;
    if (IsAsciiSpace(c) || nbsp) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
      if (nbsp) ++i;
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Separators allowed between the words of an entry: spaces, no-break spaces, a line break.
constexpr std::string_view kGap = R"((?:[ \t\r\n]|\x{00A0})+)";

std::string Words(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += kGap;
    out += RE2::QuoteMeta(words[i]);
  }
  return out;
}

// A person's name: two to four words of letters (with ' - .), no digits.
bool LooksLikePersonName(const std::vector<std::string>& words) {
  if (words.size() < 2 || words.size() > 4) return false;
  for (const std::string& w : words) {
    for (char c : w) {
      if (std::isdigit(static_cast<unsigned char>(c)) || c == '@' || c == '/') return false;
    }
  }
  static const char* kPlaceWords[] = {
      "home", "house", "ward",   "court", "lodge", "hospital", "centre",  "unit",     "manor",
      "care", "road",  "street", "lane",  "close", "avenue",   "surgery", "practice", "hall"};
  for (const std::string& w : words) {
    std::string k;
    for (char c : w) k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (const char* p : kPlaceWords) {
      if (k == p) return false;
    }
  }
  return true;
}

void NameVariants(const std::vector<std::string>& w, std::vector<std::string>& out) {
  const std::string& first = w.front();
  const std::string& last = w.back();
  out.push_back(Words(w));
  if (w.size() > 2) out.push_back(Words({first, last}));
  out.push_back(RE2::QuoteMeta(last) + "," + std::string(kGap) + RE2::QuoteMeta(first));
  out.push_back(RE2::QuoteMeta(last) + "," + RE2::QuoteMeta(first));
  // Initials: "M Okafor", "M. Okafor", "M.A. Okafor"
  std::string initials;
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    initials += RE2::QuoteMeta(w[i].substr(0, 1)) + R"(\.?(?:[ \t]|\x{00A0})*)";
  }
  out.push_back(initials + RE2::QuoteMeta(last));
  out.push_back(RE2::QuoteMeta(last));
  if (first.size() >= 3) out.push_back(RE2::QuoteMeta(first));
}

}  // namespace

PersonalDataLists::PersonalDataLists() = default;
PersonalDataLists::~PersonalDataLists() = default;
PersonalDataLists::PersonalDataLists(PersonalDataLists&&) noexcept = default;
PersonalDataLists& PersonalDataLists::operator=(PersonalDataLists&&) noexcept = default;

std::vector<std::string> ParseListFile(std::string_view content) {
  std::vector<std::string> out;
  size_t pos = 0;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a byte-order mark from Notepad
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    while (!line.empty() && IsAsciiSpace(line.back())) line.remove_suffix(1);
    while (!line.empty() && IsAsciiSpace(line.front())) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    out.emplace_back(line);
  }
  return out;
}

std::string ListKey(std::string_view value) {
  std::string digits;
  size_t letters = 0;
  for (char c : value) {
    if (c >= '0' && c <= '9') digits.push_back(c);
    if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
  }
  if (digits.size() >= 6 && letters == 0) return digits;
  std::string out;
  for (const std::string& w : SplitWords(value)) {
    if (!out.empty()) out.push_back(' ');
    for (char c : w) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  for (std::string_view s : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
    if (out.size() > s.size() && out.compare(out.size() - s.size(), s.size(), s) == 0) {
      out.resize(out.size() - s.size());
    }
  }
  // "The Willows" and "Willows" (its "The" at the end of the line before) are one place.
  if (out.size() > 4 && out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  return out;
}

std::string PersonalDataLists::Set(const std::vector<std::string>& deny,
                                   const std::vector<std::string>& allow) {
  allow_.clear();
  for (const std::string& a : allow) allow_.insert(ListKey(a));
  deny_.reset();
  if (deny.empty()) return "";
  std::vector<std::string> alts;
  for (const std::string& entry : deny) {
    std::vector<std::string> words = SplitWords(entry);
    if (words.empty()) continue;
    if (HasDigit(entry) && entry.find('@') == std::string::npos) {
      // A number: its digits and letters in order, any separators between them.
      std::string re;
      for (char c : entry) {
        if (!std::isalnum(static_cast<unsigned char>(c))) continue;
        if (!re.empty()) re += R"re((?:[ \-./()]|\x{00A0})*)re";
        re += RE2::QuoteMeta(std::string(1, c));
      }
      if (!re.empty()) alts.push_back(re);
    } else if (LooksLikePersonName(words)) {
      NameVariants(words, alts);
    } else {
      alts.push_back(Words(words));
    }
  }
  if (alts.empty()) return "";
  // Longest first, so that at one place the fullest form is the one reported.
  std::sort(alts.begin(), alts.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  alts.erase(std::unique(alts.begin(), alts.end()), alts.end());
  std::string pattern = R"((?i)(?:^|[^\p{L}\p{N}])()";
  for (size_t i = 0; i < alts.size(); ++i) {
    if (i > 0) pattern += "|";
    pattern += alts[i];
  }
  pattern += R"()(?:[^\p{L}\p{N}]|$))";
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(256 << 20);
  auto re = std::make_unique<RE2>(pattern, o);
  if (!re->ok()) return "the deny-list is too large to use (" + re->error() + ")";
  deny_ = std::move(re);
  return "";
}

std::vector<std::pair<size_t, size_t>> PersonalDataLists::FindDenied(std::string_view text) const {
  std::vector<std::pair<size_t, size_t>> out;
  if (!deny_) return out;
  re2::StringPiece groups[2];
  size_t pos = 0;
  while (pos <= text.size() && out.size() < 10'000 &&
         deny_->Match(re2::StringPiece(text.data(), text.size()), pos, text.size(), RE2::UNANCHORED,
                      groups, 2)) {
    size_t start = static_cast<size_t>(groups[1].data() - text.data());
    size_t end = start + groups[1].size();
    if (end > start) out.emplace_back(start, end);
    pos = std::max(end, pos + 1);
  }
  return out;
}

bool PersonalDataLists::Allowed(std::string_view value) const {
  return !allow_.empty() && allow_.count(ListKey(value)) > 0;
}

}  // namespace qpm::redaction
