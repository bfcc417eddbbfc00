// The redact use-case's own rules (pipeline/app/redact.h) and its page for people
// (pipeline/output/redactions_html.h). What a safe copy holds is tested end to end
// in redact_e2e_test.cc.
#include "pipeline/app/redact.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/output/redactions_html.h"

namespace qpm {
namespace {

namespace fs = std::filesystem;

class RedactFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::temp_directory_path() /
        ("qpm-redact-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "in");
    Write(root_ / "in" / "CF01.pdf", "%PDF-1.4\n");
  }
  void TearDown() override { fs::remove_all(root_); }
  static void Write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  fs::path root_;
};

TEST_F(RedactFolder, ANewOrEmptyFolderMayBeWritten) {
  EXPECT_EQ(RefusedRedactFolder((root_ / "out").string(), {(root_ / "in").string()}), "");
  fs::create_directories(root_ / "empty");
  EXPECT_EQ(RefusedRedactFolder((root_ / "empty").string(), {(root_ / "in").string()}), "");
}

TEST_F(RedactFolder, AFolderHoldingAnythingElseIsRefusedByName) {
  fs::create_directories(root_ / "out");
  Write(root_ / "out" / "notes.txt", "mine");
  std::string why = RefusedRedactFolder((root_ / "out").string(), {(root_ / "in").string()});
  EXPECT_NE(why.find("'notes.txt'"), std::string::npos) << why;
}

TEST_F(RedactFolder, AnEarlierRedactsFolderMayBeReplaced) {
  fs::create_directories(root_ / "out");
  Write(root_ / "out" / "CF01.redacted.pdf", "%PDF");
  Write(root_ / "out" / "redactions.html", "<html>");
  Write(root_ / "out" / "redactions.json", "{\n  \"command\": \"redact\"\n}\n");
  EXPECT_EQ(RefusedRedactFolder((root_ / "out").string(), {(root_ / "in").string()}), "");
  // Copies with no report redact wrote are not taken for its own.
  fs::remove(root_ / "out" / "redactions.json");
  EXPECT_NE(RefusedRedactFolder((root_ / "out").string(), {(root_ / "in").string()}), "");
}

TEST_F(RedactFolder, NeitherInsideAnInputNorHoldingOne) {
  EXPECT_NE(RefusedRedactFolder((root_ / "in" / "out").string(), {(root_ / "in").string()})
                .find("inside the input folder"),
            std::string::npos);
  EXPECT_NE(RefusedRedactFolder(root_.string(), {(root_ / "in" / "CF01.pdf").string()})
                .find("is inside the output folder"),
            std::string::npos);
  Write(root_ / "file", "x");
  EXPECT_NE(RefusedRedactFolder((root_ / "file").string(), {(root_ / "in").string()})
                .find("is not a folder"),
            std::string::npos);
}

nlohmann::json Report(bool reveal) {
  nlohmann::json removal = {{"id", "0123456789ab"},
                            {"rule", "pii.person-name"},
                            {"label", "name"},
                            {"masked", "M******* F*********"},
                            {"page", 1},
                            {"boxes", {{72, 90, 160, 102}}},
                            {"kept", false},
                            {"why", "A <name> is readable."}};
  if (reveal) removal["value"] = "Marjorie Fairweather";
  return {{"tool", "qpm-intake 0.1.0"},
          {"command", "redact"},
          {"exit_code", 0},
          {"options", {{"reveal", reveal}}},
          {"documents",
           {{{"path", "a&b <x>.pdf"},
             {"outcome", "copied"},
             {"copy", "a&b <x>.redacted.pdf"},
             {"removals", {removal}},
             {"boxed_pages",
              {{{"page", 1},
                {"width", 595.0},
                {"height", 842.0},
                {"boxes", {{{"box", {72, 90, 160, 102}}, {"label", "name"}}}}}}},
             {"proof", {{"clean", true}, {"read_back", "the text layer"}}}}}}};
}

TEST(RedactionsHtml, ShowsEachBoxOverItsPageAndEscapesWhatTheFilesName) {
  redactions_html::Pictures pictures;
  pictures[{0, 1}] = std::string("\xFF\xD8\xFF", 3);
  std::string html = redactions_html::Render(Report(false), pictures);
  EXPECT_NE(html.find("a&amp;b &lt;x&gt;.pdf"), std::string::npos);
  EXPECT_EQ(html.find("a&b <x>"), std::string::npos);
  EXPECT_NE(html.find("href=\"data:image/jpeg;base64,/9j/\""), std::string::npos);
  EXPECT_NE(html.find("<rect x=\"72.0\" y=\"90.0\" width=\"88.0\" height=\"12.0\"/>"),
            std::string::npos);
  EXPECT_NE(html.find("Page 1: 1 name"), std::string::npos);
  EXPECT_NE(html.find("A &lt;name&gt; is readable."), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(RedactionsHtml, ShowsValuesMaskedUnlessRevealed) {
  std::string masked = redactions_html::Render(Report(false), {});
  EXPECT_NE(masked.find("M******* F*********"), std::string::npos);
  EXPECT_EQ(masked.find("Fairweather"), std::string::npos);
  std::string revealed = redactions_html::Render(Report(true), {});
  EXPECT_NE(revealed.find("Marjorie Fairweather"), std::string::npos);
  EXPECT_NE(revealed.find("do not send this page"), std::string::npos);
}

}  // namespace
}  // namespace qpm
