// tests/outlook_test.cc — the Outlook readers (outlook_message.h) and what they share
// (mapi.h), on Apache POI's test files (tests/data/third-party/outlook/, see SOURCES.tsv),
// on files the sample generator's writer makes (scripts/make_samples/outlook_writer.h),
// and on damaged and mutated bytes.
//
// Values asserted on POI's files are those POI's own tests state (the test named beside
// each); nothing else of their content is quoted.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/media_types.h"
#include "pipeline/core/rules.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/ingest/mapi.h"
#include "pipeline/ingest/outlook_message.h"
#include "pipeline/ingest/sniff.h"
#include "pipeline/platform/workdir.h"
#include "scripts/make_samples/outlook_writer.h"

namespace qpm::outlook {
namespace {

namespace fs = std::filesystem;
using mime::Attachment;
using mime::Message;
using samples::OutlookAttachment;
using samples::OutlookMail;

std::string Poi(const std::string& name) {
  return std::string(QPM_TEST_SOURCE_DIR) + "/data/third-party/outlook/" + name;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteAll(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t len = Utf8CharLength(s, i);
    if (len == 0 || s[i] == '\0') return false;
    i += len;
  }
  return true;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "outlook_test.XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  size_t Count() const {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(path_)) ++n;
    return n;
  }

 private:
  std::string path_;
};

struct Read {
  Result<Message> result = Status(StatusCode::kUnreadable, "not read");
  bool truncated = false;
};

enum class Format { kMsg, kTnef };

// Reads `path` with its attachments under `out` (att-0, att-1, ...), at most
// `max_bytes` of them and `max_files` files.
Read ReadFile(Format format, const std::string& path, const TempDir& out,
              uint64_t max_bytes = 64ull << 20, int max_files = 1000) {
  int next = 0;
  mime::PathForAttachment path_for = [&](const std::string&) -> std::string {
    if (next >= max_files) return "";
    return out.File("att-" + std::to_string(next++));
  };
  mime::ReadOptions options;
  options.max_attachment_bytes = max_bytes;
  Read read;
  read.result = format == Format::kMsg ? ReadMsg(path, path_for, options, &read.truncated)
                                       : ReadTnef(path, path_for, options, &read.truncated);
  return read;
}

std::string Header(const Message& m, const std::string& name) {
  for (const auto& [key, value] : m.headers) {
    if (key == name) return value;
  }
  return "";
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// ---------------------------------------------------------------------------------------
// Apache POI's .msg files.

TEST(OutlookPoi, QuickMsg) {
  TempDir dir;
  Read read = ReadFile(Format::kMsg, Poi("quick.msg"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  const Message& m = read.result.value();
  // POI TestBasics: testSubject, testBody, testRecipientEmail.
  EXPECT_EQ(m.subject, "Test the content transformer");
  EXPECT_EQ(m.body, "The quick brown fox jumps over the lazy dog");
  EXPECT_TRUE(Contains(Header(m, "To"), "kevin.roast@alfresco.org")) << Header(m, "To");
  // The sender's only address is Exchange's own ("/O=..."): the name alone is shown.
  EXPECT_FALSE(Header(m, "From").empty());
  EXPECT_FALSE(Contains(Header(m, "From"), "/O="));
  EXPECT_EQ(m.date.size(), 10u);
  EXPECT_EQ(Header(m, "Subject"), m.subject);
  EXPECT_TRUE(m.attachments.empty());
  EXPECT_TRUE(m.not_read.empty());
  EXPECT_EQ(dir.Count(), 0u);
}

TEST(OutlookPoi, AttachedMessageAndPdf) {
  TempDir dir;
  Read read = ReadFile(Format::kMsg, Poi("attachment_msg_pdf.msg"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  const Message& m = read.result.value();
  // POI TestFileWithAttachmentsRead.testReadMsgAttachments: two attachments, the first a
  // message named "Test Attachment", the second a 13539-byte PDF.
  ASSERT_EQ(m.attachments.size(), 2u);
  const Attachment& inner = m.attachments[0];
  EXPECT_TRUE(inner.forwarded_message);
  EXPECT_EQ(inner.name, "Test Attachment.msg");
  EXPECT_EQ(inner.content_type, kMediaOutlookMsg);
  const Attachment& pdf = m.attachments[1];
  EXPECT_FALSE(pdf.forwarded_message);
  EXPECT_EQ(pdf.name, "smbprn.00009008.KdcPjl.pdf");
  EXPECT_EQ(pdf.size, 13539u);
  EXPECT_EQ(ReadAll(pdf.path).substr(0, 5), "%PDF-");
  EXPECT_EQ(ReadAll(pdf.path).size(), 13539u);
  EXPECT_FALSE(read.truncated);

  // The attached message is a .msg of its own, read again the same way; POI says its
  // one recipient is "Nick Booth".
  EXPECT_EQ(SniffFile(inner.path, inner.name), kMediaOutlookMsg);
  TempDir inner_dir;
  Read again = ReadFile(Format::kMsg, inner.path, inner_dir);
  ASSERT_TRUE(again.result.ok()) << again.result.status().message();
  EXPECT_TRUE(Contains(Header(again.result.value(), "To"), "Nick Booth"));
  EXPECT_FALSE(again.result->subject.empty());
}

TEST(OutlookPoi, AttachedMessageTextStaysInTheAttachedMessage) {
  TempDir dir;
  Read read = ReadFile(Format::kMsg, Poi("58214_with_attachment.msg"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  const Message& m = read.result.value();
  // POI TestOutlookTextExtractor.testWithAttachedMessage: the outer message's text, and
  // not the attached one's.
  EXPECT_EQ(m.subject, "Master mail");
  EXPECT_TRUE(Contains(m.body, "ante in lacinia euismod"));
  EXPECT_FALSE(Contains(m.body, "Lorem ipsum dolor sit"));
  ASSERT_EQ(m.attachments.size(), 1u);
  ASSERT_TRUE(m.attachments[0].forwarded_message);
  TempDir inner_dir;
  Read inner = ReadFile(Format::kMsg, m.attachments[0].path, inner_dir);
  ASSERT_TRUE(inner.result.ok()) << inner.result.status().message();
  EXPECT_EQ(inner.result->subject, "Test mail attachment");
  EXPECT_TRUE(Contains(inner.result->body, "Lorem ipsum dolor sit"));
}

TEST(OutlookPoi, UnicodeStrings) {
  TempDir dir;
  Read read = ReadFile(Format::kMsg, Poi("example_received_unicode.msg"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  const Message& m = read.result.value();
  // POI TestBasics.testBody.
  EXPECT_EQ(m.body.rfind("..less you are Nick.....", 0), 0u);
  EXPECT_FALSE(m.subject.empty());
  EXPECT_FALSE(Header(m, "Cc").empty());
  for (const auto& [key, value] : m.headers) EXPECT_TRUE(IsValidUtf8(value)) << key;
  EXPECT_TRUE(IsValidUtf8(m.body));
}

TEST(OutlookPoi, BlankMessage) {
  TempDir dir;
  Read read = ReadFile(Format::kMsg, Poi("blank.msg"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  // POI TestBlankFileRead: no subject, no body, no sender.
  EXPECT_EQ(read.result->subject, "");
  EXPECT_EQ(read.result->body, "");
  EXPECT_EQ(Header(read.result.value(), "From"), "");
  EXPECT_TRUE(read.result->attachments.empty());
}

TEST(OutlookPoi, EightBitStringsInTheLocalesCodePage) {
  TempDir dir;
  // POI Test7BitCodepage: strings in code page 1251, named only by the message's locale.
  Read read = ReadFile(Format::kMsg, Poi("ASCII_CP1251_LCID1049.msg"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->subject, "Subject автоматически Subject");
  EXPECT_EQ(read.result->body, "Body автоматически Body");
  // The HTML body alone, stored as bytes in the body's code page (PR_INTERNET_CPID 1251)
  // whatever its <meta> says; the subject in the locale's (German: 1252).
  Read html = ReadFile(Format::kMsg, Poi("HTMLBodyBinary_CP1251.msg"), dir);
  ASSERT_TRUE(html.result.ok()) << html.result.status().message();
  EXPECT_EQ(html.result->subject, "Subject öäü Subject");
  EXPECT_EQ(html.result->body, "HTML автоматически");
}

TEST(OutlookPoi, FuzzedMessageHasAClearOutcome) {
  TempDir dir;
  // POI leaves this one out of its own runs (TestAllFiles): a fuzzed, damaged file.
  Read read = ReadFile(
      Format::kMsg, Poi("clusterfuzz-testcase-minimized-POIHSMFFuzzer-4848576776503296.msg"), dir);
  if (read.result.ok()) {
    EXPECT_TRUE(IsValidUtf8(read.result->body));
    EXPECT_TRUE(IsValidUtf8(read.result->subject));
  } else {
    EXPECT_EQ(read.result.status().code(), StatusCode::kUnreadable);
    EXPECT_FALSE(read.result.status().message().empty());
  }
}

// ---------------------------------------------------------------------------------------
// Apache POI's TNEF files.

TEST(OutlookPoi, QuickWinmail) {
  TempDir dir;
  Read read = ReadFile(Format::kTnef, Poi("quick-winmail.dat"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  const Message& m = read.result.value();
  // POI TestAttachments.testBasicAttachments: five, with these long file names.
  std::vector<std::string> names;
  for (const Attachment& a : m.attachments) names.push_back(a.name);
  EXPECT_EQ(names, (std::vector<std::string>{"quick.doc", "quick.html", "quick.pdf", "quick.txt",
                                             "quick.xml"}));
  ASSERT_EQ(m.attachments.size(), 5u);
  EXPECT_EQ(ReadAll(m.attachments[2].path).substr(0, 5), "%PDF-");
  // POI TestHMEFMessage.testBasics: its subject is in the conversation topic only, and
  // its body is compressed RTF: read here as text, no RTF left in it.
  EXPECT_EQ(m.subject, "This is a test message");
  EXPECT_FALSE(m.body.empty());
  EXPECT_FALSE(Contains(m.body, "\\rtf"));
  EXPECT_FALSE(Contains(m.body, "{"));
  EXPECT_TRUE(IsValidUtf8(m.body));
  EXPECT_TRUE(m.not_read.empty());
}

TEST(OutlookPoi, WinmailWithAttachmentsAndHtmlBody) {
  TempDir dir;
  Read read = ReadFile(Format::kTnef, Poi("bug52400-winmail-with-attachments.dat"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  // POI TestBugs.test52400ReadAttachedTNEF: two attachments, and this in the HTML body.
  EXPECT_EQ(read.result->attachments.size(), 2u);
  EXPECT_TRUE(Contains(read.result->body, "There are also two attachments."));
  // The file ends in a line break after its last attribute: not damage.
  EXPECT_TRUE(read.result->not_read.empty());
  EXPECT_EQ(read.result->date.size(), 10u);
}

TEST(OutlookPoi, MalformedTnefIsRefusedWithoutRunningOutOfMemory) {
  TempDir dir;
  // POI TestTNEFAttributes.testMalformedTNEF: a property count far beyond the bytes.
  Read read = ReadFile(Format::kTnef, Poi("oom.tnef"), dir);
  if (read.result.ok()) {
    EXPECT_FALSE(read.result->not_read.empty());
    EXPECT_TRUE(read.result->attachments.empty());
  } else {
    EXPECT_EQ(read.result.status().code(), StatusCode::kUnreadable);
  }
  EXPECT_EQ(dir.Count(), 0u);
}

// ---------------------------------------------------------------------------------------
// Damaged files and limits.

TEST(OutlookDamaged, NotAMessageIsUnreadable) {
  TempDir dir;
  const std::string garbage = dir.File("garbage");
  WriteAll(garbage, "this is not an Outlook file at all");
  Read msg = ReadFile(Format::kMsg, garbage, dir);
  ASSERT_FALSE(msg.result.ok());
  EXPECT_EQ(msg.result.status().code(), StatusCode::kUnreadable);
  Read tnef = ReadFile(Format::kTnef, garbage, dir);
  ASSERT_FALSE(tnef.result.ok());
  EXPECT_EQ(tnef.result.status().code(), StatusCode::kUnreadable);
  // TNEF's signature and key, then nothing.
  const std::string bare = dir.File("bare.dat");
  WriteAll(bare, std::string("\x78\x9f\x3e\x22\x01\x00", 6));
  Read cut = ReadFile(Format::kTnef, bare, dir);
  ASSERT_FALSE(cut.result.ok());
  EXPECT_EQ(cut.result.status().code(), StatusCode::kUnreadable);
  EXPECT_EQ(dir.Count(), 2u);  // the two inputs; nothing written
}

TEST(OutlookDamaged, TruncatedMsgIsUnreadable) {
  TempDir dir;
  const std::string cut = dir.File("cut.msg");
  WriteAll(cut, ReadAll(Poi("quick.msg")).substr(0, 1024));
  Read read = ReadFile(Format::kMsg, cut, dir);
  ASSERT_FALSE(read.result.ok());
  EXPECT_EQ(read.result.status().code(), StatusCode::kUnreadable);
  // An OLE file that is no message (a Word file, say) is refused too.
  OutlookMail mail;
  mail.subject = "x";
  std::string msg = samples::MsgBytes(mail);
  const std::string empty_ole = dir.File("empty.ole");
  // The same compound file with its streams renamed so that none is a property.
  for (size_t at = msg.find("_\0_\0s\0u\0b\0s\0t\0g\0", 0, 16); at != std::string::npos;
       at = msg.find("_\0_\0s\0u\0b\0s\0t\0g\0", at + 1, 16)) {
    msg[at] = 'X';
  }
  for (size_t at = msg.find("_\0_\0p\0r\0o\0p\0", 0, 12); at != std::string::npos;
       at = msg.find("_\0_\0p\0r\0o\0p\0", at + 1, 12)) {
    msg[at] = 'X';
  }
  WriteAll(empty_ole, msg);
  Read other = ReadFile(Format::kMsg, empty_ole, dir);
  ASSERT_FALSE(other.result.ok());
  EXPECT_EQ(other.result.status().code(), StatusCode::kUnreadable);
}

TEST(OutlookDamaged, TruncatedTnefKeepsWhatCameBeforeAndSaysSo) {
  TempDir dir;
  const std::string whole = ReadAll(Poi("quick-winmail.dat"));
  const std::string cut = dir.File("cut.dat");
  WriteAll(cut, whole.substr(0, whole.size() / 2));
  TempDir out;
  Read read = ReadFile(Format::kTnef, cut, out);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_FALSE(read.result->not_read.empty());
  EXPECT_LT(read.result->attachments.size(), 5u);
  for (const Attachment& a : read.result->attachments) EXPECT_EQ(ReadAll(a.path).size(), a.size);
}

TEST(OutlookLimits, AttachmentsPastTheByteBoundAreLeftOutAndSmallerOnesKept) {
  TempDir dir;
  // quick.doc 19968, quick.html 428, quick.pdf 18638, quick.txt 235, quick.xml 143 bytes.
  Read read = ReadFile(Format::kTnef, Poi("quick-winmail.dat"), dir, 19968 + 235 + 143);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_TRUE(read.truncated);
  std::vector<std::string> names;
  for (const Attachment& a : read.result->attachments) names.push_back(a.name);
  EXPECT_EQ(names, (std::vector<std::string>{"quick.doc", "quick.txt", "quick.xml"}));
  EXPECT_EQ(dir.Count(), 3u);  // nothing partial left behind
}

TEST(OutlookLimits, AnAttachedMessagePastTheBoundIsLeftOut) {
  TempDir dir;
  Read read = ReadFile(Format::kMsg, Poi("attachment_msg_pdf.msg"), dir, 14000);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_TRUE(read.truncated);
  ASSERT_EQ(read.result->attachments.size(), 1u);
  EXPECT_EQ(read.result->attachments[0].size, 13539u);
  EXPECT_EQ(dir.Count(), 1u);
}

TEST(OutlookLimits, NoMoreFilesThanPathForHandsOut) {
  TempDir dir;
  Read read = ReadFile(Format::kTnef, Poi("quick-winmail.dat"), dir, 64ull << 20, 2);
  ASSERT_TRUE(read.result.ok());
  EXPECT_EQ(read.result->attachments.size(), 2u);
  EXPECT_FALSE(read.truncated);  // the count is the caller's limit: it says so itself
  EXPECT_EQ(dir.Count(), 2u);
}

// ---------------------------------------------------------------------------------------
// What the sample generator's writer makes, read back.

OutlookMail FullMail() {
  OutlookMail mail;
  mail.subject = "Visite à domicile — résumé";
  mail.body = "Hello,\r\nthe case files are attached.\r\n";
  mail.from_name = "Advocacy Lead";
  mail.from_address = "lead@advocacy.example";
  mail.to = {{"Assessor, QPM", "assessor@qpm.example"}};
  mail.cc = {{"Office", "office@advocacy.example"}};
  mail.sent = "2025-02-03 09:30:00";
  mail.message_id = "<1@advocacy.example>";
  mail.attachments = {{"Case file 1.pdf", "application/pdf", "%PDF-1.4 fake\n%%EOF\n", false},
                      {"notes.bin", "", std::string("\0\x01\x02\xff", 4), false}};
  OutlookMail inner;
  inner.subject = "Earlier message";
  inner.body = "Inner text";
  inner.attachments = {{"inner.txt", "text/plain", "inside", false}};
  mail.attached_messages = {inner};
  return mail;
}

void ExpectFullMail(const Read& read, Format format) {
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  const Message& m = read.result.value();
  EXPECT_EQ(m.subject, "Visite à domicile — résumé");
  EXPECT_EQ(m.body, "Hello,\nthe case files are attached.");
  EXPECT_EQ(Header(m, "From"), "Advocacy Lead <lead@advocacy.example>");
  EXPECT_EQ(Header(m, "To"), "\"Assessor, QPM\" <assessor@qpm.example>");
  EXPECT_EQ(Header(m, "Cc"), "Office <office@advocacy.example>");
  EXPECT_EQ(Header(m, "Date"), "Mon, 3 Feb 2025 09:30:00 +0000");
  EXPECT_EQ(Header(m, "Message-ID"), "<1@advocacy.example>");
  EXPECT_EQ(m.date, "2025-02-03");
  ASSERT_EQ(m.attachments.size(), 3u);
  EXPECT_EQ(m.attachments[0].name, "Case file 1.pdf");
  EXPECT_EQ(m.attachments[0].content_type, "application/pdf");
  EXPECT_EQ(ReadAll(m.attachments[0].path), "%PDF-1.4 fake\n%%EOF\n");
  EXPECT_EQ(m.attachments[1].name, "notes.bin");
  EXPECT_EQ(m.attachments[1].content_type, "application/octet-stream");
  EXPECT_EQ(ReadAll(m.attachments[1].path), std::string("\0\x01\x02\xff", 4));
  EXPECT_EQ(m.attachments[1].size, 4u);
  const Attachment& inner = m.attachments[2];
  EXPECT_TRUE(inner.forwarded_message);
  EXPECT_EQ(inner.name, format == Format::kMsg ? "Earlier message.msg" : "Earlier message.dat");
  EXPECT_EQ(SniffFile(inner.path, inner.name),
            format == Format::kMsg ? kMediaOutlookMsg : kMediaTnef);
  TempDir again;
  Read read_inner = ReadFile(format, inner.path, again);
  ASSERT_TRUE(read_inner.result.ok()) << read_inner.result.status().message();
  EXPECT_EQ(read_inner.result->subject, "Earlier message");
  EXPECT_EQ(read_inner.result->body, "Inner text");
  ASSERT_EQ(read_inner.result->attachments.size(), 1u);
  EXPECT_EQ(read_inner.result->attachments[0].name, "inner.txt");
  EXPECT_EQ(ReadAll(read_inner.result->attachments[0].path), "inside");
  EXPECT_TRUE(m.not_read.empty());
}

TEST(OutlookWriter, MsgReadsBackWhatWasWritten) {
  TempDir dir;
  WriteAll(dir.File("mail.msg"), samples::MsgBytes(FullMail()));
  EXPECT_EQ(SniffFile(dir.File("mail.msg"), "mail"), kMediaOutlookMsg);
  TempDir out;
  ExpectFullMail(ReadFile(Format::kMsg, dir.File("mail.msg"), out), Format::kMsg);
}

TEST(OutlookWriter, TnefReadsBackWhatWasWritten) {
  TempDir dir;
  WriteAll(dir.File("winmail.dat"), samples::TnefBytes(FullMail()));
  EXPECT_EQ(SniffFile(dir.File("winmail.dat"), "winmail.dat"), kMediaTnef);
  TempDir out;
  ExpectFullMail(ReadFile(Format::kTnef, dir.File("winmail.dat"), out), Format::kTnef);
}

TEST(OutlookWriter, EightBitStringsInTheMessagesCodePage) {
  OutlookMail mail;
  mail.code_page = 1251;
  mail.subject = "Отчёт";
  mail.body = "Текст письма";
  mail.attachments = {{"файл.txt", "text/plain", "x", false}};
  for (Format format : {Format::kMsg, Format::kTnef}) {
    TempDir dir;
    WriteAll(dir.File("in"),
             format == Format::kMsg ? samples::MsgBytes(mail) : samples::TnefBytes(mail));
    TempDir out;
    Read read = ReadFile(format, dir.File("in"), out);
    ASSERT_TRUE(read.result.ok()) << read.result.status().message();
    EXPECT_EQ(read.result->subject, "Отчёт");
    EXPECT_EQ(read.result->body, "Текст письма");
    ASSERT_EQ(read.result->attachments.size(), 1u);
    EXPECT_EQ(read.result->attachments[0].name, "файл.txt");
  }
}

TEST(OutlookWriter, RichTextAndHtmlOnlyBodies) {
  OutlookMail rtf;
  rtf.rtf_body = true;
  rtf.body =
      "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red0\\green0\\blue0;}"
      "Dear team,\\par W\\'e9 enclose \\u8364? 40 for {\\b bold} text.}";
  OutlookMail html;
  html.html_body = "<html><body><p>First&nbsp;line</p><p>Second &amp; last</p></body></html>";
  for (Format format : {Format::kMsg, Format::kTnef}) {
    TempDir dir;
    WriteAll(dir.File("rtf"),
             format == Format::kMsg ? samples::MsgBytes(rtf) : samples::TnefBytes(rtf));
    WriteAll(dir.File("html"),
             format == Format::kMsg ? samples::MsgBytes(html) : samples::TnefBytes(html));
    TempDir out;
    Read from_rtf = ReadFile(format, dir.File("rtf"), out);
    ASSERT_TRUE(from_rtf.result.ok()) << from_rtf.result.status().message();
    EXPECT_EQ(from_rtf.result->body, "Dear team,\nWé enclose € 40 for bold text.");
    Read from_html = ReadFile(format, dir.File("html"), out);
    ASSERT_TRUE(from_html.result.ok()) << from_html.result.status().message();
    EXPECT_EQ(from_html.result->body, "First line\n\nSecond & last");
  }
}

TEST(OutlookWriter, ALinkToAFileElsewhereIsNamedAsNotRead) {
  OutlookMail mail;
  mail.subject = "Linked";
  mail.attachments = {{"on the shared drive.docx", "", "", true},
                      {"here.txt", "text/plain", "here", false}};
  for (Format format : {Format::kMsg, Format::kTnef}) {
    TempDir dir;
    WriteAll(dir.File("in"),
             format == Format::kMsg ? samples::MsgBytes(mail) : samples::TnefBytes(mail));
    TempDir out;
    Read read = ReadFile(format, dir.File("in"), out);
    ASSERT_TRUE(read.result.ok()) << read.result.status().message();
    ASSERT_EQ(read.result->attachments.size(), 1u);
    EXPECT_EQ(read.result->attachments[0].name, "here.txt");
    ASSERT_EQ(read.result->not_read.size(), 1u);
    EXPECT_TRUE(Contains(read.result->not_read[0], "\"on the shared drive.docx\""));
    EXPECT_TRUE(Contains(read.result->not_read[0], "link"));
  }
}

// A .msg may carry an encrypted Office file, whose "EncryptedPackage" stream name then
// sits among the message's bytes: the message's own streams decide what it is.
TEST(OutlookWriter, AMessageCarryingAnEncryptedOfficeFileIsStillAMessage) {
  std::string utf16;
  for (char c : std::string_view("EncryptedPackage")) {
    utf16 += c;
    utf16 += '\0';
  }
  OutlookMail mail;
  mail.subject = "Locked file";
  mail.attachments = {{"locked.docx", "", "\xd0\xcf\x11\xe0" + utf16, false}};
  TempDir dir;
  WriteAll(dir.File("m.msg"), samples::MsgBytes(mail));
  EXPECT_EQ(SniffFile(dir.File("m.msg"), "m.msg"), kMediaOutlookMsg);
  EXPECT_TRUE(ExtensionMatches("m.msg", kMediaOutlookMsg));
  EXPECT_FALSE(ExtensionMatches("m.msg", kMediaOle));
  EXPECT_EQ(DescribeWithArticle(kMediaOutlookMsg), "an Outlook message (.msg)");
}

// ---------------------------------------------------------------------------------------
// Through ingest: the same path as an .eml, in a reader process.

Submission Ingest(const std::string& path, const Limits& limits = {}) {
  Submission s;
  s.inputs.push_back(Input{path, false, 0});
  Result<WorkDir> work = WorkDir::Create();
  EXPECT_TRUE(work.ok());
  ingest::Options options;
  options.limits = limits;
  ingest::Passwords passwords;
  EXPECT_TRUE(ingest::Run(s, options, work.value(), passwords, {}));
  return s;
}

int Count(const Submission& s, std::string_view rule) {
  int n = 0;
  for (const Finding& f : s.findings) n += f.rule == rule;
  return n;
}

TEST(OutlookIngest, MessagesAttachmentsAndWhatCouldNotBeTakenOut) {
  OutlookMail mail = FullMail();
  mail.attachments.push_back({"on the shared drive.docx", "", "", true});
  TempDir dir;
  WriteAll(dir.File("mail.msg"), samples::MsgBytes(mail));
  WriteAll(dir.File("winmail.dat"), samples::TnefBytes(mail));
  for (const std::string name : {"mail.msg", "winmail.dat"}) {
    Submission s = Ingest(dir.File(name));
    ASSERT_GE(s.documents.size(), 5u) << name;
    const Document& top = s.documents[0];
    EXPECT_EQ(top.role, "email");
    EXPECT_EQ(top.media_type, name == "mail.msg" ? kMediaOutlookMsg : kMediaTnef);
    EXPECT_EQ(top.status, DocStatus::kUnpacked);
    ASSERT_EQ(top.pages.size(), 1u);
    EXPECT_EQ(top.pages[0].text, "Hello,\nthe case files are attached.");
    EXPECT_EQ(s.received, "2025-02-03");
    std::set<std::string> paths;
    for (const Document& d : s.documents) paths.insert(d.Path());
    const std::string inner =
        name + (name == "mail.msg" ? " > Earlier message.msg" : " > Earlier message.dat");
    EXPECT_TRUE(paths.count(name + " > Case file 1.pdf")) << name;
    EXPECT_TRUE(paths.count(inner)) << name;
    EXPECT_TRUE(paths.count(inner + " > inner.txt")) << name;
    EXPECT_EQ(Count(s, rule::kExtractEmbeddedNotRead), 1) << name;
    // Only the four bytes of notes.bin are of no type this tool reads.
    for (const Finding& f : s.findings) {
      if (f.rule != rule::kIngestUnsupportedType) continue;
      for (const Document& d : s.documents) {
        if (d.id == f.document) {
          EXPECT_EQ(d.Path(), name + " > notes.bin");
        }
      }
    }
    EXPECT_EQ(Count(s, rule::kIngestUnsupportedType), 1) << name;
  }
}

TEST(OutlookIngest, LimitsAndDepthAreTheEmailsOwn) {
  TempDir dir;
  WriteAll(dir.File("mail.msg"), samples::MsgBytes(FullMail()));
  Limits few;
  few.max_entries = 1;
  Submission s = Ingest(dir.File("mail.msg"), few);
  EXPECT_EQ(Count(s, rule::kIngestEntryLimit), 1);
  EXPECT_EQ(s.documents.size(), 2u);
  Limits shallow;
  shallow.max_depth = 1;  // the attached message is read no further
  Submission d = Ingest(dir.File("mail.msg"), shallow);
  EXPECT_EQ(Count(d, rule::kIngestTooDeep), 1);
  // A .msg cut short before its directory is told by its streams, not its name: an OLE
  // file of no known kind, reported as not read.
  WriteAll(dir.File("cut.msg"), samples::MsgBytes(FullMail()).substr(0, 700));
  Submission cut = Ingest(dir.File("cut.msg"));
  ASSERT_EQ(cut.documents.size(), 1u);
  EXPECT_EQ(cut.documents[0].media_type, kMediaOle);
  EXPECT_EQ(Count(cut, rule::kIngestUnsupportedType), 1);
}

// ---------------------------------------------------------------------------------------
// The shared pieces.

TEST(OutlookMapi, FileTimes) {
  std::optional<uint64_t> t = mapi::FileTimeOf(2025, 2, 3, 9, 30, 0);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(mapi::FileTimeIsoDate(*t), "2025-02-03");
  EXPECT_EQ(mapi::FileTimeHeader(*t), "Mon, 3 Feb 2025 09:30:00 +0000");
  EXPECT_EQ(mapi::FileTimeIsoDate(*mapi::FileTimeOf(2024, 2, 29, 23, 59, 59)), "2024-02-29");
  EXPECT_EQ(mapi::FileTimeIsoDate(*mapi::FileTimeOf(1601, 1, 1, 0, 0, 0) + 1), "1601-01-01");
  EXPECT_FALSE(mapi::FileTimeOf(2023, 2, 29, 0, 0, 0).has_value());
  EXPECT_FALSE(mapi::FileTimeOf(2025, 13, 1, 0, 0, 0).has_value());
  EXPECT_EQ(mapi::FileTimeIsoDate(0), "");
  EXPECT_EQ(mapi::FileTimeIsoDate(UINT64_MAX), "");  // past the year 9999
}

TEST(OutlookMapi, CodePages) {
  EXPECT_EQ(mapi::FromCodePage("caf\xe9", 1252), "café");
  EXPECT_EQ(mapi::FromCodePage("\xcf\xf0\xe8", 1251), "При");
  EXPECT_EQ(mapi::FromCodePage("\x93\xfa\x96\x7b", 932), "日本");
  EXPECT_EQ(mapi::FromCodePage("caf\xc3\xa9", 65001), "café");
  // A byte the code page lacks, and a code page nobody knows: never dropped in silence.
  EXPECT_EQ(mapi::FromCodePage("a\x81z", 1252), "a\xEF\xBF\xBDz");
  EXPECT_EQ(mapi::FromCodePage("caf\xe9", 99999), "café");
  EXPECT_EQ(mapi::FromUtf16(std::string("h\0i\0\0\0junk", 10)), "hi");
}

TEST(OutlookMapi, CompressedRtf) {
  // [MS-OXRTFCP] 3.1.1's example of a compressed stream, with back references.
  const std::string example(
      "\x2d\x00\x00\x00\x2b\x00\x00\x00\x4c\x5a\x46\x75\xf1\xc5\xc7\xa7\x03\x00\x0a\x00\x72\x63"
      "\x70\x67\x31\x32\x35\x42\x32\x0a\xf3\x20\x68\x65\x6c\x09\x00\x20\x62\x77\x05\xb0\x6c\x64"
      "\x7d\x0a\x80\x0f\xa0",
      49);
  Result<std::string> rtf = mapi::DecompressRtf(example, 1 << 20);
  ASSERT_TRUE(rtf.ok()) << rtf.status().message();
  EXPECT_EQ(rtf.value(), "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
  const std::string text = "{\\rtf1 abcdefghijklmnopqrstuvwxyz 0123456789}";
  EXPECT_EQ(mapi::DecompressRtf(samples::CompressedRtf(text), 1 << 20).value(), text);
  EXPECT_EQ(mapi::DecompressRtf("short", 1 << 20).status().code(), StatusCode::kUnreadable);
  std::string not_lzfu = samples::CompressedRtf(text);
  not_lzfu[8] = 'X';
  EXPECT_EQ(mapi::DecompressRtf(not_lzfu, 1 << 20).status().code(), StatusCode::kUnreadable);
  EXPECT_EQ(mapi::DecompressRtf(samples::CompressedRtf(text), 10).status().code(),
            StatusCode::kLimit);
}

TEST(OutlookMapi, RtfToText) {
  EXPECT_EQ(mapi::RtfToText("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\*\\generator x;}Hi\\par "
                            "there\\tab!}"),
            "Hi\nthere\t!");
  // \uN with its fallback characters skipped (\uc2: two), and a surrogate pair.
  EXPECT_EQ(mapi::RtfToText("{\\rtf1\\uc2 a\\u233\\'3f\\'3fb\\u-10179?\\u-8704?}"),
            "aéb\xF0\x9F\x98\x80");
  // Two bytes of a double-byte code page, written as two \'hh.
  EXPECT_EQ(mapi::RtfToText("{\\rtf1\\ansi\\ansicpg932 \\'93\\'fa}"), "日");
  // HTML that Outlook wrapped in RTF: the HTML's text, not the RTF's stand-ins.
  EXPECT_EQ(mapi::RtfToText("{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag19 <p>}\\htmlrtf {\\b "
                            "\\htmlrtf0 Hello & bye\\htmlrtf }\\htmlrtf0 {\\*\\htmltag64 </p>}"
                            "\\htmlrtf \\par \\htmlrtf0 {\\*\\htmltag64 <p>}After"
                            "{\\*\\htmltag64 </p>}}"),
            "Hello & bye\n\nAfter");
  // Nesting far past the bound, and raw \bin bytes: no text from either, no crash.
  EXPECT_EQ(mapi::RtfToText(std::string(100000, '{') + "deep" + std::string(100000, '}') +
                            "\\bin4 abcdok"),
            "ok");
  EXPECT_EQ(mapi::RtfToText(""), "");
}

// ---------------------------------------------------------------------------------------
// Mutated files: whatever the bytes, a result or a clear failure, valid UTF-8, and never
// more written than allowed. Deterministic (a fixed seed); the ASan build runs it too.

TEST(OutlookRobustness, MutatedFilesNeverCrashAndKeepTheirPromises) {
  const std::vector<std::pair<Format, std::string>> seeds = {
      {Format::kMsg, samples::MsgBytes(FullMail())},
      {Format::kTnef, samples::TnefBytes(FullMail())},
      {Format::kTnef, ReadAll(Poi("quick-winmail.dat"))},
  };
  std::mt19937 rng(20260415);
  TempDir dir;
  const std::string input = dir.File("input");
  for (int n = 0; n < 240; ++n) {
    const auto& [format, seed] = seeds[static_cast<size_t>(n) % seeds.size()];
    std::string bytes = seed;
    const int edits = 1 + static_cast<int>(rng() % 12);
    for (int e = 0; e < edits && !bytes.empty(); ++e) {
      const size_t at = rng() % bytes.size();
      switch (rng() % 4) {
        case 0:
          bytes[at] = static_cast<char>(rng() & 0xff);
          break;
        case 1:
          bytes[at] = static_cast<char>(0xff);  // lengths and counts at their largest
          break;
        case 2:
          bytes.resize(at);
          break;
        default:
          bytes.insert(at, bytes.substr(at, rng() % 64));
      }
    }
    WriteAll(input, bytes);
    TempDir out;
    constexpr uint64_t kBound = 40000;
    Read read = ReadFile(format, input, out, kBound);
    if (!read.result.ok()) {
      EXPECT_NE(read.result.status().code(), StatusCode::kIo) << "case " << n;
      EXPECT_EQ(out.Count(), 0u) << "case " << n;
      continue;
    }
    const Message& m = read.result.value();
    uint64_t written = 0;
    for (const Attachment& a : m.attachments) {
      written += a.size;
      EXPECT_EQ(fs::file_size(a.path), a.size) << "case " << n;
      EXPECT_TRUE(IsValidUtf8(a.name)) << "case " << n;
    }
    EXPECT_LE(written, kBound) << "case " << n;
    EXPECT_EQ(out.Count(), m.attachments.size()) << "case " << n;
    EXPECT_TRUE(IsValidUtf8(m.body)) << "case " << n;
    for (const auto& [key, value] : m.headers) EXPECT_TRUE(IsValidUtf8(value)) << "case " << n;
  }
}

}  // namespace
}  // namespace qpm::outlook
