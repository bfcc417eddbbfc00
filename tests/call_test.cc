#include "pipeline/platform/call.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/model_json.h"

namespace qpm::sandbox {
namespace {

Budget Short() {
  Budget b;
  b.timeout_seconds = 2;
  return b;
}

TEST(Call, AValueComesBackAsItWasMade) {
  Result<Page> r = Call<Page>(
      [] {
        Page p;
        p.number = 7;
        p.text = "Caf\xc3\xa9 and tea";
        return Result<Page>(p);
      },
      Short(), "the test reader");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->number, 7);
  EXPECT_EQ(r->text, "Caf\xc3\xa9 and tea");
}

TEST(Call, TheWorksOwnFailureKeepsItsCodeAndMessage) {
  Result<int> r =
      Call<int>([] { return Result<int>(Status(StatusCode::kPasswordNeeded, "locked")); }, Short(),
                "the test reader");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPasswordNeeded);
  EXPECT_EQ(r.status().message(), "locked");
}

TEST(Call, ACrashAndAHangAreNamedWithTheWork) {
  Result<int> crashed =
      Call<int>([]() -> Result<int> { std::abort(); }, Short(), "the test reader");
  ASSERT_FALSE(crashed.ok());
  EXPECT_EQ(crashed.status().code(), StatusCode::kCrashed);
  EXPECT_EQ(crashed.status().message().rfind("the test reader stopped by signal", 0), 0u)
      << crashed.status().message();

  Budget one;
  one.timeout_seconds = 1;
  Result<int> hung = Call<int>(
      []() -> Result<int> {
        for (;;) pause();
      },
      one, "the test reader");
  ASSERT_FALSE(hung.ok());
  EXPECT_EQ(hung.status().code(), StatusCode::kTimeout);
}

TEST(Decode, ItemsComeInOrderAndTheValueLast) {
  Reply<int, std::string> r = Decode<int, std::string>(RunOne(
      [](Channel& ch) {
        for (int i = 1; i <= 3; ++i) SendItem(ch, i * 10);
        SendValue(ch, std::string("done"));
      },
      Short()));
  EXPECT_FALSE(r.garbled);
  EXPECT_EQ(r.items, (std::vector<int>{10, 20, 30}));
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(*r.value, "done");
  EXPECT_TRUE(r.outcome.frames.empty());
}

TEST(Decode, AFrameOutsideTheFormatStopsTheReadingThere) {
  // Not CBOR, a CBOR object of another form, and an item of the wrong type: each
  // keeps what came before and nothing after.
  for (const std::string& bad : {std::string("\xff\x00garbage", 9), ToCbor({{"page", 1}}),
                                 ToCbor({{"i", "not a number"}})}) {
    Reply<int, int> r = Decode<int, int>(RunOne(
        [&bad](Channel& ch) {
          SendItem(ch, 1);
          ch.Send(bad);
          SendItem(ch, 2);
          SendValue(ch, 3);
        },
        Short()));
    EXPECT_TRUE(r.garbled);
    EXPECT_EQ(r.items, std::vector<int>{1});
    EXPECT_FALSE(r.answered());
    EXPECT_EQ(Failure(r, Short(), "the test reader").code(), StatusCode::kCrashed);
  }
}

TEST(Decode, NothingMaySendAfterTheAnswer) {
  Reply<int, int> r = Decode<int, int>(RunOne(
      [](Channel& ch) {
        SendValue(ch, 1);
        SendItem(ch, 2);
      },
      Short()));
  EXPECT_TRUE(r.garbled);
  EXPECT_TRUE(r.items.empty());
}

TEST(Decode, AnUnknownStatusCodeIsACrash) {
  Reply<NoItems, int> r = Decode<NoItems, int>(RunOne(
      [](Channel& ch) {
        ch.Send(ToCbor({{"e", {{"code", 999}, {"message", "odd"}}}}));
      },
      Short()));
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code(), StatusCode::kCrashed);
  EXPECT_EQ(r.error->message(), "odd");
}

TEST(Decode, ItemsOfTwoKindsComeBackEachAsItsOwn) {
  using News = std::variant<std::string, Box>;
  Reply<News, int> r = Decode<News, int>(RunOne(
      [](Channel& ch) {
        SendItem(ch, News(std::string("a Word file")));
        SendItem(ch, News(Box{1, 2, 3, 4}));
        SendValue(ch, 2);
      },
      Short()));
  EXPECT_FALSE(r.garbled);
  ASSERT_EQ(r.items.size(), 2u);
  ASSERT_TRUE(std::holds_alternative<std::string>(r.items[0]));
  EXPECT_EQ(std::get<std::string>(r.items[0]), "a Word file");
  ASSERT_TRUE(std::holds_alternative<Box>(r.items[1]));
  EXPECT_EQ(std::get<Box>(r.items[1]).y1, 4);
  ASSERT_TRUE(r.value.has_value());

  // A kind the type does not have, and a value that is not of its kind.
  for (const nlohmann::json& bad :
       {nlohmann::json::array({2, "x"}), nlohmann::json::array({1, "x"}),
        nlohmann::json("a Word file")}) {
    Reply<News, int> g = Decode<News, int>(RunOne(
        [&bad](Channel& ch) {
          ch.Send(ToCbor({{"i", bad}}));
          SendValue(ch, 1);
        },
        Short()));
    EXPECT_TRUE(g.garbled) << bad.dump();
    EXPECT_TRUE(g.items.empty());
  }
}

TEST(Request, ARequestReadsBackAndBadBytesAreNone) {
  Box box{1, 2, 3, 4};
  std::optional<Box> back = ReadRequest<Box>(EncodeRequest(box));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->x1, 3);
  EXPECT_FALSE(ReadRequest<Box>("not cbor").has_value());
  EXPECT_FALSE(ReadRequest<Box>(EncodeRequest(std::string("a string, not a box"))).has_value());
}

}  // namespace
}  // namespace qpm::sandbox
