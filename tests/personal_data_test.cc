// Vectors from ../shared/notes/pii.md §4 (Presidio [P], Datadog SDS [D],
// uk-fci/nhs-number [N], scrubadub [S]), checked there against several sources.
#include "redaction/personal_data.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qpm::redaction {
namespace {

std::vector<std::string> RulesIn(std::string_view text) {
  std::vector<std::string> out;
  for (const Match& m : FindPersonalData(text)) out.emplace_back(m.rule);
  return out;
}

TEST(NhsCheckDigit, ValidVectors) {
  for (const char* d : {"4010232137", "2213951837", "0032698674", "1234567881", "9077844449",
                        "7984284334", "1114311456", "0955581001", "6492618610", "6005625942",
                        "9876543210", "9990000018", "0607230002", "4000000632", "9434765919"}) {
    EXPECT_TRUE(NhsCheckDigitValid(d)) << d;
  }
}

TEST(NhsCheckDigit, InvalidVectors) {
  // 1234567890: the check value would be 10, which no NHS number has.
  for (const char* d : {"4010232138", "1234567890", "1234567882", "9434765918", "4857773456",
                        "9991234560", "9876544321", "123456789", "12345678810"}) {
    EXPECT_FALSE(NhsCheckDigitValid(d)) << d;
  }
}

TEST(NhsNumber, FoundInTheUsualWritings) {
  EXPECT_EQ(RulesIn("NHS number: 943 476 5919"), std::vector<std::string>{"pii.nhs-number"});
  EXPECT_EQ(RulesIn("NHS No 401-023-2137."), std::vector<std::string>{"pii.nhs-number"});
  EXPECT_EQ(RulesIn("nhs:9434765919"), std::vector<std::string>{"pii.nhs-number"});
  // Grouped 3-3-4 without a label is still an NHS number.
  EXPECT_EQ(RulesIn("seen at 221 395 1837 today"), std::vector<std::string>{"pii.nhs-number"});
  // A no-break space between the groups (pasted from a web form).
  EXPECT_EQ(RulesIn("NHS 943\u00a0476\u00a05919"), std::vector<std::string>{"pii.nhs-number"});
}

TEST(NhsNumber, ReportsOffsetsOfTheValue) {
  std::string text = "Patient NHS number 943 476 5919, seen today.";
  std::vector<Match> m = FindPersonalData(text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(text.substr(m[0].start, m[0].end - m[0].start), "943 476 5919");
}

TEST(NhsNumber, UnspacedTenDigitsCount) {
  // Case-management systems print NHS numbers without spaces.
  EXPECT_EQ(RulesIn("Client C 9434765919"), std::vector<std::string>{"pii.nhs-number"});
  EXPECT_EQ(RulesIn("case file; CF03; 9434765919"), std::vector<std::string>{"pii.nhs-number"});
}

TEST(NhsNumber, LabelledAsAnotherNumberIsOnlyPossible) {
  EXPECT_EQ(RulesIn("Invoice 9434765919 paid"),
            std::vector<std::string>{"pii.nhs-number-possible"});
  EXPECT_EQ(RulesIn("Tel: 943 476 5919"), std::vector<std::string>{"pii.nhs-number-possible"});
  // ... unless the NHS label is there too.
  EXPECT_EQ(RulesIn("NHS no. (ref) 943 476 5919"), std::vector<std::string>{"pii.nhs-number"});
}

TEST(NhsNumber, FailingCheckDigitNextToNhsIsPossible) {
  EXPECT_EQ(RulesIn("NHS number 943 476 5918"),
            std::vector<std::string>{"pii.nhs-number-possible"});
}

TEST(NhsNumber, HardNegatives) {
  EXPECT_TRUE(RulesIn("Invoice 943 476 5918 paid").empty());     // fails the check, no NHS context
  EXPECT_TRUE(RulesIn("NHS 000 000 0000 placeholder").empty());  // repeated digits pass mod 11
  EXPECT_TRUE(RulesIn("NHS 9999999999").empty());
  EXPECT_TRUE(RulesIn("case CR-2023-118-0456").empty());  // inside a reference
  EXPECT_TRUE(RulesIn("tel 94347659190").empty());        // eleven digits
  EXPECT_TRUE(RulesIn("NHS 943 476 591").empty());        // nine digits
  EXPECT_TRUE(RulesIn("A9434765919").empty());            // glued to letters
}

TEST(NiNumber, Valid) {
  for (const char* t : {"NI number AA 12 34 56 B", "hh 01 02 03 d", "tw987654a", "nino: PR 123612C",
                        "YZ 61 48 68 B", "ZY999999D", "AZ 123456 A", "AZ 123 456 A"}) {
    EXPECT_EQ(RulesIn(t), std::vector<std::string>{"pii.ni-number"}) << t;
  }
}

TEST(NiNumber, Invalid) {
  for (const char* t : {"AA 12 34 56 H", "AB 12 34 56 1", "FQ 00 00 00 C", "BG123612A",
                        "nt 99 88 77 a", "UV 98 76 54 B", "AB12345C", "AB1234567C", "1B123456C",
                        "QQ 12 34 56 C", "ZZ061251T", "DA123456A", "AO123456A", "GB123456A"}) {
    EXPECT_TRUE(RulesIn(t).empty()) << t;
  }
}

TEST(Email, FoundAndBounded) {
  std::string text = "Write to client.c@example.com, today.";
  std::vector<Match> m = FindPersonalData(text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].rule, "pii.email");
  EXPECT_EQ(text.substr(m[0].start, m[0].end - m[0].start), "client.c@example.com");
  EXPECT_TRUE(RulesIn("info@presidio.").empty());
  EXPECT_TRUE(RulesIn("a @ b").empty());
}

TEST(Mask, HidesAllButTheLastCharacters) {
  EXPECT_EQ(Mask("943 476 5919"), "*** *** *919");
  EXPECT_EQ(Mask("AB 12 34 56 C"), "** ** ** 56 C");
  EXPECT_EQ(Mask("client.c@example.com"), "******.*@*******.com");
  EXPECT_EQ(Mask("ab12"), "****");
  // Non-ASCII letters are hidden whole and the result stays valid UTF-8.
  EXPECT_EQ(Mask("Zoë"), "***");
}

TEST(MaskPersonalData, MasksEveryMatchAndKeepsTheRest) {
  EXPECT_EQ(MaskPersonalData("Case files/CF03 NHS 943 476 5919.pdf"),
            "Case files/CF03 NHS *** *** *919.pdf");
  EXPECT_EQ(MaskPersonalData("nothing here"), "nothing here");
}

bool SameMatches(const std::vector<Match>& a, const std::vector<Match>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].rule != b[i].rule || a[i].start != b[i].start || a[i].end != b[i].end) return false;
  }
  return true;
}

constexpr char kLatin1Bytes[] = "bytes \xff\xfe 943 476 5919 \xe9t\xe9";

// The set decides which patterns run; it must never hide a match that the
// patterns find when each runs on its own.
TEST(PatternSet, FindsExactlyWhatThePatternsFindAlone) {
  std::vector<std::string> texts = {
      "NHS 943 476 5919",
      "AB123456C",
      "AZ 123 456 A",
      "x@example.org",
      "Invoice 9434765919",
      "NHS number 943 476 5918",
      "tel +44 161 496 0011",
      "nothing here at all",
      "AB123456C then NHS 943 476 5919 then x@example.org and rené.b@example.com",
      "mixed 401-023-2137 / 221 395 1837 / AA 12 34 56 B / QQ 12 34 56 C",
      std::string(kLatin1Bytes, sizeof kLatin1Bytes - 1)};
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "Client " + std::to_string(i) + " seen; ";
  long_text += "NHS 943 476 5919";
  texts.push_back(long_text);
  for (const std::string& t : texts) {
    EXPECT_TRUE(SameMatches(FindPersonalData(t), FindPersonalDataWithoutSet(t))) << t;
  }
  EXPECT_FALSE(FindPersonalDataWithoutSet("NHS 943 476 5919").empty());  // not vacuous
}

// Each text here holds one kind of value.
TEST(PatternSet, EachKindIsFoundOnItsOwn) {
  struct Case {
    const char* text;
    const char* rule;
  };
  for (const Case& c :
       {Case{"NHS 943 476 5919", "pii.nhs-number"}, Case{"AB123456C", "pii.ni-number"},
        Case{"AZ 123 456 A", "pii.ni-number"}, Case{"x@example.org", "pii.email"}}) {
    std::vector<std::string> rules = RulesIn(c.text);
    ASSERT_EQ(rules.size(), 1u) << c.text;
    EXPECT_EQ(rules[0], c.rule);
  }
  // Several kinds at once, in order of their place in the text.
  EXPECT_EQ(RulesIn("AB123456C then NHS 943 476 5919 then x@example.org"),
            (std::vector<std::string>{"pii.ni-number", "pii.nhs-number", "pii.email"}));
}

TEST(ScanDocument, PageMetadataAndFileName) {
  Document doc;
  doc.id = "D007";
  doc.origin = {"sub.zip", "CF01 9434765919.pdf"};
  Page page;
  page.number = 2;
  page.text = "Client A, NHS 943 476 5919.";
  Word w{"943", Box{10, 20, 30, 30}, 14, 17};
  Word w2{"476", Box{32, 20, 50, 30}, 18, 21};
  Word w3{"5919.", Box{52, 20, 80, 31}, 22, 27};
  page.words = {Word{"Client", Box{}, 0, 6}, w, w2, w3};
  doc.pages.push_back(page);
  doc.metadata = {{"Keywords", "client 4010232137"}};  // unspaced: still an NHS number
  std::vector<Finding> found = ScanDocument(doc);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].page, 2);
  EXPECT_EQ(found[0].document, "D007");
  EXPECT_EQ(*found[0].start, 14u);
  EXPECT_EQ(*found[0].end, 26u);
  EXPECT_EQ(found[0].masked, "*** *** *919");
  ASSERT_TRUE(found[0].bbox.has_value());
  EXPECT_EQ(*found[0].bbox, (Box{10, 20, 80, 31}));
  EXPECT_EQ(found[1].field, "metadata:Keywords");
  EXPECT_EQ(found[1].category, Category::kHiddenData);
  EXPECT_EQ(found[2].field, "file name");
}

TEST(ScanDocument, PartsAreNamedAndHiddenPartsAreHiddenData) {
  Document doc;
  doc.id = "D001";
  doc.origin = {"CF02.docx"};
  doc.parts = {TextPart{"header", "Client NHS 943 476 5919", false},
               TextPart{"deleted text", "old note AB123456C", true}};
  std::vector<Finding> found = ScanDocument(doc);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].field, "header");
  EXPECT_EQ(found[0].category, Category::kPersonalData);
  EXPECT_EQ(found[0].page, 0);
  EXPECT_FALSE(found[0].start.has_value());
  EXPECT_EQ(found[1].field, "deleted text");
  EXPECT_EQ(found[1].category, Category::kHiddenData);
  EXPECT_NE(found[1].remedy.find("Accept"), std::string::npos);
}

TEST(ScanDocument, AddressesOfCarrierEmailsAreNotScannedButEvidenceEmailsAre) {
  Document email;
  email.id = "D001";
  email.role = "email";
  email.origin = {"mail.eml"};
  email.metadata = {{"From", "staff@example.org"}, {"Subject", "Ref x@example.org"}};
  std::vector<Finding> own = ScanDocument(email, /*scan_addresses=*/false);
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].field, "email:Subject");
  // Found inside the submission (in a zip, say): evidence, headers and all.
  EXPECT_EQ(ScanDocument(email, /*scan_addresses=*/true).size(), 2u);
}

TEST(ScanDocument, InfoAndXmpRepeatsAreReportedOnce) {
  Document doc;
  doc.id = "D001";
  doc.origin = {"a.pdf"};
  doc.metadata = {{"Title", "NHS 943 476 5919"}, {"XMP", "<dc:title>NHS 943 476 5919</dc:title>"}};
  EXPECT_EQ(ScanDocument(doc).size(), 1u);
}

TEST(NhsNumber, UkPhoneNumbersInInternationalFormAreNot) {
  // 161 496 0011 (Ofcom's drama range) happens to pass the NHS check digit:
  ASSERT_EQ(RulesIn("ref: 161 496 0011"), std::vector<std::string>{"pii.nhs-number-possible"});
  ASSERT_EQ(RulesIn("seen 161 496 0011"), std::vector<std::string>{"pii.nhs-number"});
  // ... but after +44 or 0044 the whole is a phone number, not an NHS number.
  const std::vector<std::string> phone = {"pii.phone-number"};
  EXPECT_EQ(RulesIn("T: +44 161 496 0011"), phone);
  EXPECT_EQ(RulesIn("+44 (0)161 496 0011"), phone);
  EXPECT_EQ(RulesIn("0044 161 496 0011"), phone);
}

TEST(NhsNumber, SplitByALineWrap) {
  EXPECT_EQ(RulesIn("his NHS number is 943 476\n5919 and"),
            std::vector<std::string>{"pii.nhs-number"});
  EXPECT_EQ(RulesIn("NI number AZ 12 34\n56 A"), std::vector<std::string>{"pii.ni-number"});
}

TEST(Email, AccentedLocalPart) {
  EXPECT_EQ(RulesIn("rené.family@example.com"), std::vector<std::string>{"pii.email"});
}

// A file stuffed with values must not become a million findings in memory.
TEST(ScanDocument, FindingsOfOneKindAreCappedAndCounted) {
  Document doc;
  doc.id = "D001";
  doc.origin = {"list.txt"};
  Page page;
  for (int i = 0; i < 200; ++i) page.text += "person" + std::to_string(i) + "@example.com\n";
  doc.pages.push_back(page);
  std::vector<Finding> found = ScanDocument(doc);
  ASSERT_EQ(found.size(), 51u);
  EXPECT_EQ(found.back().rule, "pii.email");
  EXPECT_NE(found.back().message.find("150 more"), std::string::npos) << found.back().message;
}

TEST(Rules, IdsAreUnique) {
  std::vector<std::string> ids;
  for (const RuleInfo& r : PersonalDataRules()) ids.emplace_back(r.id);
  for (const RuleInfo& r : ReadingRules()) ids.emplace_back(r.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

}  // namespace
}  // namespace qpm::redaction
