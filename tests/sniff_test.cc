#include "pipeline/ingest/sniff.h"

#include <gtest/gtest.h>

#include <string>

namespace qpm {
namespace {

std::string Sniff(std::string_view bytes, std::string_view name = "x") {
  return SniffBytes(bytes, bytes, name);
}

TEST(Sniff, ByContentNotName) {
  EXPECT_EQ(Sniff("%PDF-1.7\n...", "a.docx"), kMediaPdf);
  EXPECT_EQ(Sniff(std::string("PK\x03\x04", 4) + "rest", "a.pdf"), kMediaZip);
  EXPECT_EQ(Sniff("\x89PNG\r\n\x1a\n....", "a.jpg"), kMediaPng);
  EXPECT_EQ(Sniff("\xff\xd8\xff\xe0....", "a.png"), kMediaJpeg);
  EXPECT_EQ(Sniff(std::string("II*\0....", 8)), kMediaTiff);
  EXPECT_EQ(Sniff(std::string("MM\0*....", 8)), kMediaTiff);
  EXPECT_EQ(Sniff("Just a note about the meeting.\n", "a.pdf"), kMediaText);
  EXPECT_EQ(Sniff(std::string("\0\1\2\3binary", 10)), kMediaOctets);
}

TEST(Sniff, PdfWithJunkBeforeOrNoHeader) {
  EXPECT_EQ(Sniff("junk junk\n%PDF-1.4\n"), kMediaPdf);
  EXPECT_EQ(Sniff(" 1 0 obj<</Type/Catalog>>\nendobj\ntrailer<</Root 1 0 R>>"), kMediaPdf);
  EXPECT_NE(Sniff("We discussed the object of the meeting."), kMediaPdf);
}

TEST(Sniff, EmailHeaders) {
  EXPECT_EQ(Sniff("From: a@example.org\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nbody", "m.eml"),
            kMediaEmail);
  // The same lines head a note: without a field only mail carries, it stays text
  // (and its offsets index the file).
  EXPECT_EQ(
      Sniff("From: a@example.org\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nbody", "note.txt"),
      kMediaText);
  EXPECT_EQ(Sniff("Received: from x\n  by y\nMIME-Version: 1.0\n\nbody"), kMediaEmail);
  EXPECT_EQ(Sniff("From someone@example.org Mon Jan  1 00:00:00 2024\nSubject: x\n\nbody"),
            kMediaEmail);
  // One common header alone: a note, unless the file is named .eml.
  EXPECT_EQ(Sniff("Subject: visit\n\nnotes", "notes.txt"), kMediaText);
  EXPECT_EQ(Sniff("Subject: visit\n\nnotes", "mail.eml"), kMediaEmail);
  EXPECT_EQ(Sniff("Dear colleague: thank you.\nMore text"), kMediaText);
}

TEST(Sniff, OfficeFiles) {
  std::string ole("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
  EXPECT_EQ(Sniff(ole + std::string(100, '\0')), kMediaOle);
  std::string encrypted = ole + std::string("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
  EXPECT_EQ(Sniff(encrypted), kMediaOfficeEncrypted);
}

TEST(Sniff, EmptyIsUnknown) { EXPECT_EQ(Sniff(""), kMediaOctets); }

const std::string kAppleDouble("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X", 16);
const std::string kDsStore(
    "\x00\x00\x00\x01"
    "Bud1\x00\x00\x10\x00",
    12);
const std::string kOle("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);

TEST(Junk, NamesConfirmedByContent) {
  EXPECT_NE(JunkReason("__MACOSX/._CF01.pdf", kAppleDouble, 4096), "");
  EXPECT_NE(JunkReason("Policies/._Safeguarding.pdf", kAppleDouble, 4096), "");
  EXPECT_NE(JunkReason("Case files/.DS_Store", kDsStore, 6148), "");
  EXPECT_NE(JunkReason("Thumbs.db", kOle, 10240), "");
  EXPECT_NE(JunkReason("~$Workbook.docx", "\x08QPM Lead", 162), "");
  EXPECT_EQ(JunkReason("Case files/CF01.pdf", "%PDF-1.7", 9000), "");
  EXPECT_EQ(JunkReason("MACOSX notes.pdf", "%PDF-1.7", 9000), "");
}

// A real document that only has a junk-like name is read, not set aside.
TEST(Junk, ARealDocumentWithAJunkNameIsNotJunk) {
  EXPECT_EQ(JunkReason("__MACOSX/CF01 notes.txt", "Client NHS number", 2000), "");
  EXPECT_EQ(JunkReason("._referral.pdf", "%PDF-1.4", 50000), "");
  EXPECT_EQ(JunkReason("Thumbs.db", "Notes about", 300), "");
  EXPECT_EQ(JunkReason("~$Case notes.docx", std::string("PK\x03\x04", 4), 40000), "");
}

TEST(ExtensionMatches, OnlyPromisesAreChecked) {
  EXPECT_TRUE(ExtensionMatches("a.pdf", kMediaPdf));
  EXPECT_FALSE(ExtensionMatches("a.pdf", kMediaText));
  EXPECT_TRUE(ExtensionMatches("a.docx", kMediaOfficeEncrypted));
  EXPECT_FALSE(ExtensionMatches("a.zip", kMediaText));
  EXPECT_TRUE(ExtensionMatches("README", kMediaText));
  EXPECT_TRUE(ExtensionMatches("dir.pdf/file", kMediaText));
  EXPECT_TRUE(ExtensionMatches("a.odt", kMediaZip));
}

}  // namespace
}  // namespace qpm
