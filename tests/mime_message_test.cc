// tests/mime_message_test.cc — ReadMessage on the shared email corpus and on
// small invented messages written by the tests themselves.
#include "pipeline/ingest/mime_message.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qpm::mime {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kTenMegabytes = 10ull * 1024 * 1024;

// The shared corpus sits beside the repository (../shared/corpus/eml). The
// environment variable QPM_CORPUS_DIR, then a QPM_CORPUS_DIR compile
// definition, override where this source file says it is.
fs::path CorpusEmlDir() {
  if (const char* dir = std::getenv("QPM_CORPUS_DIR"); dir != nullptr && *dir != '\0') {
    return fs::path(dir) / "eml";
  }
#ifdef QPM_CORPUS_DIR
  return fs::path(QPM_CORPUS_DIR) / "eml";
#endif
  const fs::path repo = fs::absolute(fs::path(__FILE__)).parent_path().parent_path();
  return (repo / ".." / "shared" / "corpus" / "eml").lexically_normal();
}

std::string CorpusFile(const std::string& name) { return (CorpusEmlDir() / name).string(); }

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteAll(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    uint32_t code_point = 0;
    if (byte < 0x80) {
      if (byte == 0) return false;
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code_point = byte & 0x1Fu;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code_point = byte & 0x0Fu;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code_point = byte & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    const uint32_t minimum = length == 2 ? 0x80u : length == 3 ? 0x800u : 0x10000u;
    if (code_point < minimum || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

// A fresh directory per test, removed with everything in it afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mime_message_test.XXXXXX").string();
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

  std::set<std::string> Entries() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(path_)) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }

 private:
  std::string path_;
};

// Hands out att-0, att-1, ... under a directory and remembers the names asked for.
class Sink {
 public:
  explicit Sink(std::string dir) : dir_(std::move(dir)) {}
  PathForAttachment PathFor() {
    return [this](const std::string& name) {
      names_.push_back(name);
      return dir_ + "/att-" + std::to_string(next_++);
    };
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::string dir_;
  int next_ = 0;
  std::vector<std::string> names_;
};

struct Read {
  Result<Message> result = Status(StatusCode::kUnreadable, "not read");
  bool truncated = false;
};

Read ReadWithLimit(const std::string& path, const std::string& out_dir, uint64_t max_bytes,
                   Sink* sink_out = nullptr) {
  Sink local(out_dir);
  Sink& sink = sink_out != nullptr ? *sink_out : local;
  Read read;
  ReadOptions options;
  options.max_attachment_bytes = max_bytes;
  read.result = ReadMessage(path, sink.PathFor(), options, &read.truncated);
  return read;
}

Read ReadInto(const std::string& path, const TempDir& dir) {
  return ReadWithLimit(path, dir.path(), kTenMegabytes);
}

const Attachment* FindAttachment(const Message& message, const std::string& name) {
  for (const Attachment& attachment : message.attachments) {
    if (attachment.name == name) return &attachment;
  }
  return nullptr;
}

std::string HeaderValue(const Message& message, const std::string& name) {
  for (const auto& [key, value] : message.headers) {
    if (key == name) return value;
  }
  return "";
}

// ---------------------------------------------------------------------------
// The shared corpus. Expected names and sizes come from MANIFEST.tsv.

TEST(MimeMessageCorpus, PdfAttachmentIsDecoded) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-attachment_pdf.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  const Message& message = read.result.value();
  ASSERT_EQ(message.attachments.size(), 1u);
  const Attachment& pdf = message.attachments[0];
  EXPECT_EQ(pdf.name, "broken.pdf");
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_FALSE(pdf.forwarded_message);
  EXPECT_EQ(pdf.size, 1026u);
  const std::string bytes = ReadAll(pdf.path);
  EXPECT_EQ(bytes.size(), 1026u);
  EXPECT_EQ(bytes.substr(0, 4), "%PDF");
  EXPECT_FALSE(read.truncated);
  // The manifest says the subject carries emoji: RFC 2047 decoding must give
  // 4-byte UTF-8 sequences, not "=?UTF-8?...".
  EXPECT_EQ(message.subject.find("=?"), std::string::npos);
  EXPECT_NE(message.subject.find('\xF0'), std::string::npos);
  EXPECT_FALSE(message.body.empty());
  EXPECT_EQ(message.date, "2005-05-10");
}

TEST(MimeMessageCorpus, ForwardedMessageIsHandedBackWholeAndReadsOnItsOwn) {
  // Per the manifest broken.pdf sits inside the forwarded message, so the outer
  // message has one attachment (the forwarded message) and broken.pdf appears
  // when that is read as an email of its own.
  TempDir dir;
  Read outer = ReadInto(CorpusFile("mail-attachment_message_rfc822.eml"), dir);
  ASSERT_TRUE(outer.result.ok()) << outer.result.status().message();
  ASSERT_EQ(outer.result->attachments.size(), 1u);
  const Attachment& forwarded = outer.result->attachments[0];
  EXPECT_TRUE(forwarded.forwarded_message);
  EXPECT_EQ(forwarded.name, "ForwardedMessage.eml");
  EXPECT_EQ(forwarded.content_type, "message/rfc822");
  EXPECT_GT(forwarded.size, 1026u);
  EXPECT_EQ(fs::file_size(forwarded.path), forwarded.size);
  EXPECT_EQ(FindAttachment(outer.result.value(), "broken.pdf"), nullptr);

  TempDir inner_dir;
  Read inner = ReadInto(forwarded.path, inner_dir);
  ASSERT_TRUE(inner.result.ok()) << inner.result.status().message();
  ASSERT_EQ(inner.result->attachments.size(), 1u);
  const Attachment& pdf = inner.result->attachments[0];
  EXPECT_EQ(pdf.name, "broken.pdf");
  EXPECT_EQ(pdf.size, 1026u);
  EXPECT_EQ(ReadAll(pdf.path).substr(0, 4), "%PDF");
  EXPECT_FALSE(inner.result->body.empty());
  EXPECT_FALSE(HeaderValue(inner.result.value(), "From").empty());
}

TEST(MimeMessageCorpus, Rfc2231Iso88591FileNameIsDecoded) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-attachment_with_quoted_filename.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 1u);
  EXPECT_EQ(read.result->attachments[0].name, "Eelanalüüsi päring.jpg");
  EXPECT_EQ(read.result->attachments[0].content_type, "image/jpeg");
  EXPECT_GT(read.result->attachments[0].size, 0u);
}

TEST(MimeMessageCorpus, Rfc2231ContinuationsAreReassembled) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-japanese_attachment_long_name.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 1u);
  EXPECT_EQ(read.result->attachments[0].name,
            "かきくけこかきくけこかきくけこかきくけこかきくけこ.txt");
  // A text/plain part with a file name is an attachment, not body text.
  EXPECT_EQ(read.result->attachments[0].content_type, "text/plain");
}

TEST(MimeMessageCorpus, RawUtf8FileNameIsKept) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-attachment_nonascii_filename.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 1u);
  EXPECT_EQ(read.result->attachments[0].name, "ciële.txt");
  EXPECT_FALSE(read.result->body.empty());
}

TEST(MimeMessageCorpus, NameComesFromContentLocation) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-attachment_content_location.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 1u);
  const Attachment& image = read.result->attachments[0];
  EXPECT_EQ(image.name, "Photo25.jpg");
  EXPECT_EQ(image.content_type, "image/jpeg");
  EXPECT_GT(image.size, 0u);  // marked "inline", still an attachment
}

TEST(MimeMessageCorpus, WholeBodyIsAnAttachment) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-attachment_only_email.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 1u);
  const Attachment& gz = read.result->attachments[0];
  EXPECT_EQ(gz.name, "blah.gz");
  EXPECT_EQ(gz.content_type, "application/x-gzip");
  EXPECT_GT(gz.size, 0u);
  // Base64 was decoded: the bytes are not all base64 alphabet any more.
  const std::string bytes = ReadAll(gz.path);
  EXPECT_NE(bytes.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n"),
            std::string::npos);
  EXPECT_TRUE(read.result->body.empty());
}

TEST(MimeMessageCorpus, UuencodedPartOfTheFixtureIsEmpty) {
  // The fixture declares x-uuencode but its part holds no encoded lines at all
  // (only a blank line before the closing boundary), so the attachment is
  // present, named, and empty. Decoding real uuencoded data is tested below
  // with an invented message.
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-content_transfer_encoding_x_uuencode.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 1u);
  EXPECT_EQ(read.result->attachments[0].name, "PGP_Cmts_on_12-14-01_Pkg.doc");
  EXPECT_EQ(read.result->attachments[0].content_type, "application/msword");
  EXPECT_EQ(read.result->attachments[0].size, 0u);
  EXPECT_FALSE(read.result->body.empty());
}

TEST(MimeMessageCorpus, SmimeSignedMessageKeepsImageAndSignature) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mimekit-thunderbird-signed.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 2u);
  EXPECT_EQ(read.result->attachments[0].name, "signed.jpg");
  EXPECT_EQ(read.result->attachments[1].name, "smime.p7s");
  EXPECT_EQ(read.result->attachments[1].content_type, "application/pkcs7-signature");
  EXPECT_EQ(ReadAll(read.result->attachments[0].path).substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_FALSE(read.result->body.empty());
}

TEST(MimeMessageCorpus, AttachmentInsideNestedMultipartIsFound) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-raw_email_with_nested_attachment.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 2u);
  // Content-Disposition's filename wins over Content-Type's name.
  EXPECT_EQ(read.result->attachments[0].name, "truncated.png");
  EXPECT_EQ(ReadAll(read.result->attachments[0].path).substr(0, 4), "\x89PNG");
  EXPECT_EQ(read.result->attachments[1].name, "smime.p7s");
}

TEST(MimeMessageCorpus, NameSurvivesContentTypeWithoutSubtype) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mimekit-missing-subtype.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 1u);
  EXPECT_EQ(read.result->attachments[0].name, "document.xml.gz");
}

TEST(MimeMessageCorpus, DeliveryReportPartsAreAttachments) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-report_422.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_FALSE(read.result->body.empty());
  bool has_delivery_status = false;
  for (const Attachment& attachment : read.result->attachments) {
    if (attachment.content_type == "message/delivery-status") has_delivery_status = true;
    EXPECT_FALSE(attachment.forwarded_message);
  }
  EXPECT_TRUE(has_delivery_status);
}

TEST(MimeMessageCorpus, MessagePartialIsAnAttachment) {
  for (const char* name :
       {"mimekit-rfc2046-partial-1of2.eml", "mimekit-rfc2046-partial-2of2.eml"}) {
    TempDir dir;
    Read read = ReadInto(CorpusFile(name), dir);
    ASSERT_TRUE(read.result.ok()) << name;
    ASSERT_EQ(read.result->attachments.size(), 1u) << name;
    EXPECT_EQ(read.result->attachments[0].content_type, "message/partial") << name;
    EXPECT_FALSE(read.result->attachments[0].forwarded_message) << name;
    EXPECT_GT(read.result->attachments[0].size, 0u) << name;
  }
}

TEST(MimeMessageCorpus, Utf8HeadersStayReadable) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mail-utf8_headers.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->subject, "Säying Hello");
  const std::string from = HeaderValue(read.result.value(), "From");
  ASSERT_FALSE(from.empty());
  EXPECT_TRUE(IsValidUtf8(from));
  EXPECT_EQ(from.find("xn--"), std::string::npos) << "domains must not be shown as punycode";
}

TEST(MimeMessageCorpus, Koi8rBodyIsDecodedAndTnefIsAnAttachment) {
  TempDir dir;
  Read read = ReadInto(CorpusFile("mimekit-ukr-winmail.eml"), dir);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 1u);
  EXPECT_EQ(read.result->attachments[0].name, "winmail.dat");
  EXPECT_EQ(read.result->attachments[0].content_type, "application/ms-tnef");
  EXPECT_EQ(read.result->attachments[0].size, 9566u);
  // Cyrillic letters are U+0400..U+04FF: UTF-8 lead bytes 0xD0..0xD3.
  EXPECT_TRUE(read.result->body.find('\xD1') != std::string::npos ||
              read.result->body.find('\xD0') != std::string::npos);
  EXPECT_TRUE(IsValidUtf8(read.result->body));
}

TEST(MimeMessageCorpus, EveryFileReadsCleanly) {
  const fs::path corpus = CorpusEmlDir();
  ASSERT_TRUE(fs::is_directory(corpus)) << corpus;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string name = entry.path().filename().string();
    TempDir dir;
    Sink sink(dir.path());
    Read read = ReadWithLimit(entry.path().string(), dir.path(), kTenMegabytes, &sink);
    if (!read.result.ok()) {
      EXPECT_EQ(read.result.status().code(), StatusCode::kUnreadable) << name;
      EXPECT_FALSE(read.result.status().message().empty()) << name;
      continue;
    }
    const Message& message = read.result.value();
    EXPECT_TRUE(IsValidUtf8(message.body)) << name;
    EXPECT_TRUE(IsValidUtf8(message.subject)) << name;
    for (const auto& [key, value] : message.headers) {
      EXPECT_TRUE(IsValidUtf8(value)) << name << " " << key;
    }
    EXPECT_TRUE(message.date.empty() || message.date.size() == 10) << name;
    uint64_t total = 0;
    std::set<std::string> written;
    for (const Attachment& attachment : message.attachments) {
      EXPECT_TRUE(IsValidUtf8(attachment.name)) << name;
      ASSERT_TRUE(fs::exists(attachment.path)) << name;
      EXPECT_EQ(fs::file_size(attachment.path), attachment.size) << name;
      total += attachment.size;
      written.insert(fs::path(attachment.path).filename().string());
      if (attachment.forwarded_message) {
        TempDir inner_dir;
        Read inner = ReadInto(attachment.path, inner_dir);
        EXPECT_TRUE(inner.result.ok()) << name << ": forwarded message does not read back";
      }
    }
    EXPECT_LE(total, kTenMegabytes) << name;
    EXPECT_EQ(dir.Entries(), written) << name << ": stray or missing files";
    EXPECT_EQ(sink.names().size(), message.attachments.size()) << name;
  }
  EXPECT_GE(files, 30);
}

// ---------------------------------------------------------------------------
// Invented messages.

class MimeMessageSynthetic : public ::testing::Test {
 protected:
  // Writes `text` (LF line ends are fine for GMime) and reads it back.
  Read ReadText(std::string_view text, uint64_t max_bytes = kTenMegabytes) {
    const std::string path = input_.File("message.eml");
    WriteAll(path, text);
    return ReadWithLimit(path, out_.path(), max_bytes);
  }

  TempDir input_;
  TempDir out_;
};

TEST_F(MimeMessageSynthetic, QuotedPrintableBodyAndEncodedSubjectAreDecoded) {
  Read read = ReadText(
      "From: =?UTF-8?Q?Zo=C3=AB_Example?= <zoe@example.org>\n"
      "To: case.worker@example.org\n"
      "Subject: =?UTF-8?B?Q2Fmw6kgbWVldGluZw==?= notes\n"
      "Date: Mon, 3 Feb 2025 10:00:00 +0000\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=UTF-8\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "Caf=C3=A9 at noon, na=C3=AFve plan =E2=82=AC5 each.=\n"
      " Soft break joined.\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->subject, "Café meeting notes");
  EXPECT_EQ(read.result->body, "Café at noon, naïve plan €5 each. Soft break joined.");
  EXPECT_EQ(HeaderValue(read.result.value(), "From"), "Zoë Example <zoe@example.org>");
  EXPECT_TRUE(read.result->attachments.empty());
}

TEST_F(MimeMessageSynthetic, HtmlOnlyBodyIsStrippedToText) {
  Read read = ReadText(
      "From: a@example.org\n"
      "Subject: html\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/html; charset=ISO-8859-1\n"
      "\n"
      "<html><head><title>T</title><style>p { color: red; }</style>\n"
      "<script type=\"text/javascript\">var x = 1 < 2;</script></head>\n"
      "<body><p>Dear   Sam,</p><div>Fish &amp; chips &lt;today&gt; &quot;ok&quot;"
      " it&#39;s &#8364;3&nbsp;each, caf\xE9</div>\n"
      "<!-- a comment with <p>tags</p> -->Line<br>break<BR/>again"
      "<table><tr><td>a</td><td>b</td></tr></table></body></html>\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body,
            "T\n\nDear Sam,\n\nFish & chips <today> \"ok\" it's €3 each, café\n"
            "Line\nbreak\nagain\na b");
}

TEST_F(MimeMessageSynthetic, AlternativeKeepsOnlyThePlainText) {
  Read read = ReadText(
      "From: a@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=\"alt\"\n"
      "\n"
      "--alt\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "plain version\n"
      "--alt\n"
      "Content-Type: text/html; charset=us-ascii\n"
      "\n"
      "<p>html version</p>\n"
      "--alt--\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body, "plain version");
  EXPECT_TRUE(read.result->attachments.empty());
}

// The plain part of an alternative is often a stub: the HTML then says more, and a
// privacy scan must read it.
TEST_F(MimeMessageSynthetic, AlternativeWithAStubPlainPartAlsoKeepsTheHtml) {
  Read read = ReadText(
      "From: a@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=\"alt\"\n"
      "\n"
      "--alt\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "This message is in HTML format.\n"
      "--alt\n"
      "Content-Type: text/html; charset=us-ascii\n"
      "\n"
      "<p>Client C was seen on Tuesday at the ward review meeting.</p>\n"
      "--alt--\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body,
            "This message is in HTML format.\n\nClient C was seen on Tuesday at the ward review "
            "meeting.");
}

// Outside an alternative, an HTML part is text of its own, not a rendering.
TEST_F(MimeMessageSynthetic, MixedPlainAndHtmlPartsAreBothText) {
  Read read = ReadText(
      "From: a@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"mix\"\n"
      "\n"
      "--mix\n"
      "Content-Type: text/plain\n"
      "\n"
      "Covering note.\n"
      "--mix\n"
      "Content-Type: text/html\n"
      "\n"
      "<p>Referral details</p>\n"
      "--mix--\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body, "Covering note.\n\nReferral details");
}

TEST_F(MimeMessageSynthetic, AlternativeWithTwoPlainRenderingsKeepsTheFirst) {
  Read read = ReadText(
      "From: a@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=\"alt\"\n"
      "\n"
      "--alt\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "first rendering\n"
      "--alt\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "\n"
      "second rendering\n"
      "--alt--\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body, "first rendering");
}

TEST_F(MimeMessageSynthetic, AlternativeWithEmptyPlainFallsBackToHtml) {
  Read read = ReadText(
      "From: a@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=\"alt\"\n"
      "\n"
      "--alt\n"
      "Content-Type: text/plain\n"
      "\n"
      "\n"
      "--alt\n"
      "Content-Type: multipart/related; boundary=\"rel\"\n"
      "\n"
      "--rel\n"
      "Content-Type: text/html\n"
      "\n"
      "<p>only in html</p>\n"
      "--rel\n"
      "Content-Type: image/png; name=\"logo.png\"\n"
      "Content-Disposition: inline\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "iVBORw0KGgo=\n"
      "--rel--\n"
      "--alt--\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body, "only in html");
  ASSERT_EQ(read.result->attachments.size(), 1u);
  EXPECT_EQ(read.result->attachments[0].name, "logo.png");
  EXPECT_EQ(ReadAll(read.result->attachments[0].path), "\x89PNG\r\n\x1A\n");
}

TEST_F(MimeMessageSynthetic, SeveralTextPartsAreJoinedByABlankLine) {
  Read read = ReadText(
      "From: a@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\n"
      "\n"
      "--b\n"
      "Content-Type: text/plain\n"
      "\n"
      "first\r\n"
      "--b\n"
      "Content-Type: text/plain\n"
      "Content-Disposition: inline\n"
      "\n"
      "second\n"
      "--b--\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body, "first\n\nsecond");
}

TEST_F(MimeMessageSynthetic, EveryNonTextLeafIsAnAttachmentWhateverItsDisposition) {
  Read read = ReadText(
      "From: a@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\n"
      "\n"
      "--b\n"
      "Content-Type: text/plain\n"
      "\n"
      "the body\n"
      "--b\n"
      "Content-Type: application/pdf\n"
      "Content-Disposition: inline\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "JVBERi0xLjQK\n"
      "--b\n"
      "Content-Type: text/plain\n"
      "Content-Disposition: attachment\n"
      "\n"
      "attached notes\n"
      "--b\n"
      "Content-Type: text/plain; name=\"notes.txt\"\n"
      "\n"
      "named notes\n"
      "--b\n"
      "Content-Type: text/calendar\n"
      "\n"
      "BEGIN:VCALENDAR\n"
      "--b--\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body, "the body");
  ASSERT_EQ(read.result->attachments.size(), 4u);
  EXPECT_EQ(read.result->attachments[0].content_type, "application/pdf");
  EXPECT_EQ(read.result->attachments[0].name, "");
  EXPECT_EQ(ReadAll(read.result->attachments[0].path), "%PDF-1.4\n");
  EXPECT_EQ(read.result->attachments[1].content_type, "text/plain");
  EXPECT_EQ(read.result->attachments[2].name, "notes.txt");
  EXPECT_EQ(read.result->attachments[3].content_type, "text/calendar");
}

TEST_F(MimeMessageSynthetic, UuencodedAttachmentIsDecoded) {
  // "Hello, uuencode!\n" uuencoded.
  Read read = ReadText(
      "From: a@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\n"
      "\n"
      "--b\n"
      "Content-Type: application/octet-stream; name=\"hello.txt\"\n"
      "Content-Transfer-Encoding: x-uuencode\n"
      "\n"
      "begin 644 hello.txt\n"
      "12&5L;&\\L('5U96YC;V1E(0H`\n"
      "`\n"
      "end\n"
      "--b--\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.result->attachments.size(), 1u);
  EXPECT_EQ(read.result->attachments[0].name, "hello.txt");
  EXPECT_EQ(ReadAll(read.result->attachments[0].path), "Hello, uuencode!\n");
  EXPECT_EQ(read.result->attachments[0].size, 17u);
}

constexpr std::string_view kTwoAttachments =
    "From: a@example.org\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"b\"\n"
    "\n"
    "--b\n"
    "Content-Type: application/octet-stream; name=\"small.bin\"\n"
    "\n"
    "0123456789\n"  // 10 bytes: the line end before a boundary belongs to the boundary
    "--b\n"
    "Content-Type: application/octet-stream; name=\"large.bin\"\n"
    "\n"
    "0123456789012345678901234567890123456789012345678901234567890123456789\n"
    "0123456789012345678901234567890123456789012345678901234567890123456789\n"
    "--b\n"
    "Content-Type: application/octet-stream; name=\"tiny.bin\"\n"
    "\n"
    "ab\n"
    "--b--\n";

TEST_F(MimeMessageSynthetic, AttachmentOverTheLimitIsDroppedAndFlagged) {
  Read read = ReadText(kTwoAttachments, /*max_bytes=*/20);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_TRUE(read.truncated);
  ASSERT_EQ(read.result->attachments.size(), 2u);
  EXPECT_EQ(read.result->attachments[0].name, "small.bin");
  EXPECT_EQ(read.result->attachments[0].size, 10u);
  // The cut one left no partial file; a later one that still fits is kept.
  EXPECT_EQ(read.result->attachments[1].name, "tiny.bin");
  EXPECT_EQ(out_.Entries(), (std::set<std::string>{"att-0", "att-2"}));
}

TEST_F(MimeMessageSynthetic, AttachmentsExactlyAtTheLimitAreKept) {
  Read read = ReadText(kTwoAttachments, /*max_bytes=*/10 + 141 + 2);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_FALSE(read.truncated);
  ASSERT_EQ(read.result->attachments.size(), 3u);
  EXPECT_EQ(read.result->attachments[1].size, 141u);
  Read one_less = ReadText(kTwoAttachments, /*max_bytes=*/10 + 141 + 1);
  ASSERT_TRUE(one_less.result.ok());
  EXPECT_TRUE(one_less.truncated);
  EXPECT_EQ(one_less.result->attachments.size(), 2u);
}

TEST_F(MimeMessageSynthetic, ZeroLimitWritesNothing) {
  Read read = ReadText(kTwoAttachments, /*max_bytes=*/0);
  ASSERT_TRUE(read.result.ok());
  EXPECT_TRUE(read.truncated);
  EXPECT_TRUE(read.result->attachments.empty());
  EXPECT_TRUE(out_.Entries().empty());
}

TEST_F(MimeMessageSynthetic, EmptyPathSkipsTheAttachment) {
  const std::string path = input_.File("message.eml");
  WriteAll(path, kTwoAttachments);
  int calls = 0;
  auto result = ReadMessage(
      path,
      [&calls](const std::string&) {
        ++calls;
        return std::string();
      },
      ReadOptions(), nullptr);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(calls, 3);
  EXPECT_TRUE(result->attachments.empty());
  EXPECT_TRUE(out_.Entries().empty());
}

TEST_F(MimeMessageSynthetic, NotAnEmailIsUnreadable) {
  // GMime's parser returns no message at all for these (not an empty one), so
  // ReadMessage reports kUnreadable.
  std::mt19937 random(12345);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(random() & 0xFF);
  const std::vector<std::string> inputs = {"", noise, "just a line of text\nand another\n",
                                           std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n")};
  for (size_t i = 0; i < inputs.size(); ++i) {
    Read read = ReadText(inputs[i]);
    ASSERT_FALSE(read.result.ok()) << "input " << i;
    EXPECT_EQ(read.result.status().code(), StatusCode::kUnreadable) << "input " << i;
    EXPECT_FALSE(read.result.status().message().empty());
  }
  EXPECT_TRUE(out_.Entries().empty());
}

TEST_F(MimeMessageSynthetic, MissingFileIsAnIoError) {
  Read read = ReadWithLimit(input_.File("does-not-exist.eml"), out_.path(), kTenMegabytes);
  ASSERT_FALSE(read.result.ok());
  EXPECT_EQ(read.result.status().code(), StatusCode::kIo);
}

TEST_F(MimeMessageSynthetic, UnwritableOutputIsAnIoError) {
  const std::string path = input_.File("message.eml");
  WriteAll(path, kTwoAttachments);
  bool truncated = false;
  int calls = 0;
  auto result = ReadMessage(
      path,
      [this, &calls](const std::string&) {
        // The first attachment can be written, the second cannot.
        return ++calls == 1 ? out_.File("first") : out_.File("no-such-dir/file");
      },
      ReadOptions(), &truncated);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kIo);
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(out_.Entries().empty()) << "a failed read leaves no files behind";
}

TEST_F(MimeMessageSynthetic, HeadersComeInAFixedOrderAndDateIsTheUtcDay) {
  Read read = ReadText(
      "Message-ID: <id-1@example.org>\n"
      "Subject: order\n"
      "Date: Tue, 31 Dec 2024 23:30:00 -0500\n"
      "Cc: \"Smith, Jo\" <jo@example.org>, helper@example.org\n"
      "To: Team: one@example.org, two@example.org;\n"
      "X-Other: ignored\n"
      "From: Sam <sam@example.org>\n"
      "\n"
      "body\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  const auto& headers = read.result->headers;
  ASSERT_EQ(headers.size(), 6u);
  EXPECT_EQ(headers[0], (std::pair<std::string, std::string>{"From", "Sam <sam@example.org>"}));
  EXPECT_EQ(headers[1].first, "To");
  EXPECT_EQ(headers[1].second, "Team: one@example.org, two@example.org;");
  EXPECT_EQ(headers[2].first, "Cc");
  EXPECT_EQ(headers[2].second, "\"Smith, Jo\" <jo@example.org>, helper@example.org");
  EXPECT_EQ(headers[3].first, "Date");
  EXPECT_EQ(headers[4], (std::pair<std::string, std::string>{"Subject", "order"}));
  EXPECT_EQ(headers[5], (std::pair<std::string, std::string>{"Message-ID", "<id-1@example.org>"}));
  EXPECT_EQ(read.result->date, "2025-01-01");  // 04:30 UTC the next day
}

TEST_F(MimeMessageSynthetic, UnparseableOrMissingDateIsEmpty) {
  Read bad = ReadText("From: a@example.org\nDate: sometime last week\n\nbody\n");
  ASSERT_TRUE(bad.result.ok());
  EXPECT_EQ(bad.result->date, "");
  EXPECT_EQ(HeaderValue(bad.result.value(), "Date"), "sometime last week");
  Read none = ReadText("From: a@example.org\n\nbody\n");
  ASSERT_TRUE(none.result.ok());
  EXPECT_EQ(none.result->date, "");
  EXPECT_EQ(HeaderValue(none.result.value(), "Date"), "");
}

TEST_F(MimeMessageSynthetic, BadBytesBecomeReplacementCharacters) {
  Read declared_utf8 = ReadText(
      "From: a@example.org\n"
      "Subject: bad \xFF\xFE bytes\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "\n"
      "ok \xC3 then \xFF end\n");
  ASSERT_TRUE(declared_utf8.result.ok());
  EXPECT_TRUE(IsValidUtf8(declared_utf8.result->body));
  EXPECT_TRUE(IsValidUtf8(declared_utf8.result->subject));
  EXPECT_NE(declared_utf8.result->body.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(declared_utf8.result->body.find(" end"), std::string::npos);

  // No charset and 8-bit bytes: GMime's fallback (UTF-8, then ISO-8859-1).
  Read undeclared = ReadText("From: a@example.org\n\ncaf\xE9 cr\xE8me\n");
  ASSERT_TRUE(undeclared.result.ok());
  EXPECT_EQ(undeclared.result->body, "café crème");

  // A declared charset the text does not fit keeps the letters rather than dropping them.
  Read ascii =
      ReadText("From: a@example.org\nContent-Type: text/plain; charset=us-ascii\n\nna\xEFve\n");
  ASSERT_TRUE(ascii.result.ok());
  EXPECT_EQ(ascii.result->body, "naïve");
}

TEST_F(MimeMessageSynthetic, ForwardedMessageIsNotReadInto) {
  Read read = ReadText(
      "From: outer@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\n"
      "\n"
      "--outer\n"
      "Content-Type: text/plain\n"
      "\n"
      "see below\n"
      "--outer\n"
      "Content-Type: message/rfc822\n"
      "\n"
      "From: inner@example.org\n"
      "Subject: inner\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"inner\"\n"
      "\n"
      "--inner\n"
      "Content-Type: text/plain\n"
      "\n"
      "inner text\n"
      "--inner\n"
      "Content-Type: application/octet-stream; name=\"inner.bin\"\n"
      "\n"
      "xyz\n"
      "--inner--\n"
      "--outer--\n");
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body, "see below");
  ASSERT_EQ(read.result->attachments.size(), 1u);
  const Attachment& forwarded = read.result->attachments[0];
  EXPECT_TRUE(forwarded.forwarded_message);
  EXPECT_EQ(forwarded.name, "");
  EXPECT_EQ(forwarded.content_type, "message/rfc822");

  TempDir inner_dir;
  Read inner = ReadInto(forwarded.path, inner_dir);
  ASSERT_TRUE(inner.result.ok()) << inner.result.status().message();
  EXPECT_EQ(inner.result->subject, "inner");
  EXPECT_EQ(inner.result->body, "inner text");
  ASSERT_EQ(inner.result->attachments.size(), 1u);
  EXPECT_EQ(inner.result->attachments[0].name, "inner.bin");
  EXPECT_EQ(ReadAll(inner.result->attachments[0].path), "xyz");
}

// A message whose only attachment, deep.bin, sits `levels` multiparts down,
// with some text at the top level.
std::string NestedMessage(int levels) {
  std::string text = "From: a@example.org\nMIME-Version: 1.0\n";
  for (int i = 0; i < levels; ++i) {
    text += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n";
    text += "--b" + std::to_string(i) + "\n";
    if (i == 0) text += "Content-Type: text/plain\n\nshallow text\n--b0\n";
  }
  text += "Content-Type: application/octet-stream; name=\"deep.bin\"\n\ndeep\n";
  for (int i = levels - 1; i >= 0; --i) text += "--b" + std::to_string(i) + "--\n";
  return text;
}

TEST_F(MimeMessageSynthetic, ModerateNestingIsWalked) {
  Read read = ReadText(NestedMessage(30));
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body, "shallow text");
  ASSERT_NE(FindAttachment(read.result.value(), "deep.bin"), nullptr);
}

TEST_F(MimeMessageSynthetic, DeepNestingStopsWithWhatItHas) {
  // 100 levels: GMime parses them all (it stops at 1024), the walk stops at 64.
  Read read = ReadText(NestedMessage(100));
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  EXPECT_EQ(read.result->body, "shallow text");
  EXPECT_EQ(FindAttachment(read.result.value(), "deep.bin"), nullptr);
  // 3000 levels: past GMime's own limit too; still no crash.
  Read deeper = ReadText(NestedMessage(3000));
  ASSERT_TRUE(deeper.result.ok()) << deeper.result.status().message();
  EXPECT_EQ(deeper.result->body, "shallow text");
}

TEST_F(MimeMessageSynthetic, HostileHtmlStaysLinear) {
  // Unclosed tags, script and comments must not make the stripper quadratic or
  // read past the end.
  std::string html = "From: a@example.org\nContent-Type: text/html\n\n";
  for (int i = 0; i < 20000; ++i) html += "<a x=\"&#99999999;<script>&#x;<!-";
  html += "<script>never closed";
  Read read = ReadText(html);
  ASSERT_TRUE(read.result.ok());
  EXPECT_TRUE(IsValidUtf8(read.result->body));
  Read tail = ReadText("From: a@example.org\nContent-Type: text/html\n\nkeep <b");
  ASSERT_TRUE(tail.result.ok());
  EXPECT_EQ(tail.result->body, "keep");
}

}  // namespace
}  // namespace qpm::mime
