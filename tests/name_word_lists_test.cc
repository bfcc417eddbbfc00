// The name detector's word lists (redaction/data/*.txt) are built into the program
// by CMake, and each decides what a word next to a name is. The texts are invented.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "redaction/name_lists.h"
#include "redaction/names.h"

namespace qpm::redaction {
namespace {

// The words of a list: its lines but the blank ones and the '#' comments.
std::vector<std::string_view> WordsIn(std::string_view data) {
  std::vector<std::string_view> words;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
    if (!line.empty() && line.front() != '#') words.push_back(line);
  }
  return words;
}

bool Holds(std::string_view data, std::string_view word) {
  for (std::string_view w : WordsIn(data)) {
    if (w == word) return true;
  }
  return false;
}

// The one name FindNames reports in `text`, or a hit with no cue word when it
// reports none or several.
NameHit OnlyName(std::string_view text) {
  std::vector<NameHit> hits = FindNames(text);
  return hits.size() == 1 ? hits[0] : NameHit{};
}

TEST(WordLists, EachIsBuiltIntoTheProgram) {
  // A list CMake did not read would be empty: every word would then look like a name.
  struct List {
    std::string_view data;
    std::string_view word;
    size_t at_least;
  };
  for (const List& l : {List{kStopWordsData, "january", 400},
                        {kOrganisationWordsData, "council", 200},
                        {kRelationsData, "daughter", 50},
                        {kRolesData, "advocate", 40},
                        {kLabelWordsData, "witness", 80},
                        {kStrongLabelWordsData, "surname", 20},
                        {kAmbiguousFirstNamesData, "florence", 150}}) {
    EXPECT_GE(WordsIn(l.data).size(), l.at_least) << l.word;
    EXPECT_TRUE(Holds(l.data, l.word)) << l.word;
    // What a list is for is said in its comments, not read as a word.
    EXPECT_EQ(l.data.substr(0, 2), "# ") << l.word;
    EXPECT_FALSE(Holds(l.data, "#")) << l.word;
  }
}

TEST(WordLists, ARelationFromTheListCuesTheNameAfterIt) {
  NameHit hit = OnlyName("Spoke to her neighbour Priya Shah about it.");
  EXPECT_EQ(hit.cue, NameCue::kRelation);
  EXPECT_EQ(hit.cue_word, "neighbour");
  // A word of no list cues nothing: the name is found by the name lists alone.
  EXPECT_EQ(OnlyName("Spoke to her colleague Priya Shah about it.").cue, NameCue::kLists);
}

TEST(WordLists, AnAccentedWordOfTheTextMatchesTheListFolded) {
  // relations.txt holds "fiancee"; the text's word is compared without its accent.
  EXPECT_EQ(OnlyName("Spoke to her fiancée Priya Shah about it.").cue, NameCue::kRelation);
}

TEST(WordLists, ARoleAndALabelFromTheListsCueTheName) {
  NameHit role = OnlyName("Jenny Marsh (physio) agreed.");
  EXPECT_EQ(role.cue, NameCue::kRole);
  EXPECT_EQ(role.cue_word, "physio");
  NameHit label = OnlyName("Witness: Ruth Baptiste");
  EXPECT_EQ(label.cue, NameCue::kLabel);
  EXPECT_EQ(label.cue_word, "witness");
}

}  // namespace
}  // namespace qpm::redaction
