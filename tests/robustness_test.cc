// Our own parsers of untrusted bytes, fed seeded random and mutated inputs: no
// crash (the sanitizer build runs this too) and the invariants each promises.
// Deterministic: a fixed seed, so a failure is reproducible by its case number.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "extractors/read/word_text.h"
#include "pipeline/core/html_text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/ingest/sniff.h"
#include "redaction/personal_data.h"

namespace qpm {
namespace {

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = Utf8CharLength(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// Inputs shaped like what arrives: random bytes, and real-looking text with
// random bytes cut, repeated or flipped.
std::vector<std::string> Inputs() {
  static const std::vector<std::string> kSeeds = {
      "<html><body><p>NHS&nbsp;number 943&#160;476 "
      "5919</p><script>x<y</script>&#x1F600;&bogus;</p>",
      "From: a@example.org\nTo: b@example.org\nSubject: the password is: Tulip-9\n\nbody\n",
      "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>Client 943 476 5919</w:t></w:r>"
      "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p><w:tbl><w:tr><w:tc><w:p/>"
      "</w:tc></w:tr></w:tbl></w:body></w:document>",
      "%PDF-1.7\n1 0 obj <</Type/Catalog>> endobj trailer <</Root 1 0 R>> %%EOF",
      "NI AB 12 34 56 C, rené.b@example.com, +44 161 496 0011, Password - X.y!.",
      std::string("PK\x03\x04\x14\x00\x00\x00", 8),
      std::string("\xff\xfe"
                  "C\0l\0i\0e\0n\0t\0",
                  14),
  };
  std::mt19937 rng(20261123);
  std::vector<std::string> out;
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    if (i % 3 == 0) {
      size_t len = rng() % 300;
      for (size_t k = 0; k < len; ++k) s.push_back(static_cast<char>(rng() & 0xff));
    } else {
      s = kSeeds[rng() % kSeeds.size()];
      int edits = 1 + static_cast<int>(rng() % 8);
      for (int e = 0; e < edits && !s.empty(); ++e) {
        size_t at = rng() % s.size();
        switch (rng() % 4) {
          case 0:
            s[at] = static_cast<char>(rng() & 0xff);
            break;
          case 1:
            s.erase(at, rng() % 16);
            break;
          case 2:
            s.insert(at, s.substr(at, rng() % 32));
            break;
          default:
            s.insert(at, 1, static_cast<char>("<>&;\n\r\0\xc2\xed\xf4"[rng() % 11]));
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

TEST(Robustness, OwnParsersKeepTheirPromisesOnHostileInput) {
  std::vector<std::string> inputs = Inputs();
  for (size_t n = 0; n < inputs.size(); ++n) {
    const std::string& in = inputs[n];
    SCOPED_TRACE("case " + std::to_string(n));

    EXPECT_FALSE(SniffBytes(in, in, "x.eml").empty());
    (void)JunkReason("__MACOSX/._" + in, in, in.size());

    std::string valid = ValidUtf8(in);
    ASSERT_TRUE(IsValidUtf8(valid));
    ASSERT_EQ(ValidUtf8(valid), valid);  // repairing twice changes nothing
    ASSERT_TRUE(IsValidUtf8(Utf16ToUtf8(in)));
    for (char c : Printable(in)) ASSERT_FALSE(static_cast<unsigned char>(c) < 0x20);

    std::string text = HtmlToText(in);
    ASSERT_LE(text.size(), in.size() * 4 + 16);

    std::vector<std::string> passwords = ingest::FindPasswordsInText(in);
    ASSERT_LE(passwords.size(), 20u);
    for (const std::string& p : passwords) ASSERT_GE(p.size(), 3u);

    size_t last_end = 0;
    for (const redaction::Match& m : redaction::FindPersonalData(in)) {
      ASSERT_LE(m.end, in.size());
      ASSERT_LT(m.start, m.end);
      ASSERT_GE(m.start, last_end);  // sorted, no overlaps
      last_end = m.end;
    }
    ASSERT_TRUE(IsValidUtf8(redaction::Mask(in)));

    (void)extract::WordBodyText(in);
  }
}

}  // namespace
}  // namespace qpm
