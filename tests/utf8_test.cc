#include "pipeline/core/utf8.h"

#include <gtest/gtest.h>

namespace qpm {
namespace {

TEST(Utf8, ValidTextIsUnchanged) {
  for (const char* s : {"", "plain", "Zoë Łódź", "かきくけこ", "emoji \xF0\x9F\x98\x80"}) {
    EXPECT_EQ(ValidUtf8(s), s);
  }
}

TEST(Utf8, InvalidBytesBecomeOneReplacementEach) {
  const std::string r(kReplacementCharacter);
  EXPECT_EQ(ValidUtf8("a\xFF"
                      "b"),
            "a" + r + "b");
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), r + r);          // overlong '/': C0 never starts one
  EXPECT_EQ(ValidUtf8("\xE0\x80\xAF"), r + r + r);  // overlong three-byte form
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80.txt"), r + r + r + ".txt");  // a UTF-16 surrogate
  EXPECT_EQ(ValidUtf8("\xF4\x90\x80\x80"), r + r + r + r);       // above U+10FFFF
  EXPECT_EQ(ValidUtf8("ab\xE2\x82"), "ab" + r);                  // cut short: one maximal subpart
  EXPECT_EQ(ValidUtf8("\xE9t\xE9"), r + "t" + r);                // Latin-1 "été"
}

TEST(Utf8, CharLength) {
  size_t invalid = 0;
  EXPECT_EQ(Utf8CharLength("é", 0), 2u);
  EXPECT_EQ(Utf8CharLength("\xE2\x82\xAC", 0), 3u);
  EXPECT_EQ(Utf8CharLength("\xE2\x82", 0, &invalid), 0u);
  EXPECT_EQ(invalid, 2u);
}

}  // namespace
}  // namespace qpm
