// The ingest stage in process, over real archives and emails from ../shared/corpus.
#include "pipeline/ingest/ingest.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "pipeline/ingest/embedded_files.h"
#include "pipeline/ingest/mime_message.h"
#include "pipeline/platform/call.h"
#include "tests/test_util.h"

namespace qpm::ingest {
namespace {

using qpm::testing::CorpusDir;

struct Ingested {
  Submission s;
  Passwords passwords;
};

Ingested IngestPaths(const std::vector<std::string>& paths, const Limits& limits = {},
                     const std::vector<std::string>& passwords = {}) {
  Ingested r;
  for (const std::string& p : paths) r.s.inputs.push_back(Input{p, false, 0});
  for (const std::string& p : passwords) r.passwords.Add(p, "test");
  Result<WorkDir> work = WorkDir::Create();
  EXPECT_TRUE(work.ok());
  Options options;
  options.limits = limits;
  EXPECT_TRUE(Run(r.s, options, work.value(), r.passwords, {}));
  return r;
}

int Count(const Submission& s, std::string_view rule) {
  int n = 0;
  for (const Finding& f : s.findings) n += f.rule == rule;
  return n;
}

const Document* ByPath(const Submission& s, const std::string& path) {
  for (const Document& d : s.documents) {
    if (d.Path() == path) return &d;
  }
  return nullptr;
}

TEST(Passwords, FoundInEmailText) {
  EXPECT_EQ(FindPasswordsInText("Hello,\n\nThe password for the zip file is: Harbour-Tulip-2026\n"),
            std::vector<std::string>{"Harbour-Tulip-2026"});
  EXPECT_EQ(FindPasswordsInText("Password - 7yT!kq"), std::vector<std::string>{"7yT!kq"});
  EXPECT_EQ(FindPasswordsInText("pwd: abc123."), (std::vector<std::string>{"abc123", "abc123."}));
  // A password ending in "!" before the full stop: every trimmed form is tried.
  EXPECT_EQ(FindPasswordsInText("the password is Qpm-Autumn26!."),
            (std::vector<std::string>{"Qpm-Autumn26", "Qpm-Autumn26!", "Qpm-Autumn26!."}));
  EXPECT_EQ(FindPasswordsInText("pw - Hx7-kite"), std::vector<std::string>{"Hx7-kite"});
  EXPECT_EQ(FindPasswordsInText("PW: Hx7-kite"), std::vector<std::string>{"Hx7-kite"});
  EXPECT_EQ(FindPasswordsInText("Zip password Hx7-kite"), std::vector<std::string>{"Hx7-kite"});
  EXPECT_EQ(FindPasswordsInText("Password\nHx7-kite\n"), std::vector<std::string>{"Hx7-kite"});
  EXPECT_EQ(FindPasswordsInText("The password is:\n\n  \"Blue Sky 9\""),
            std::vector<std::string>{"Blue"});
  EXPECT_TRUE(FindPasswordsInText("The files are password protected; the password will be sent "
                                  "separately.")
                  .empty());
  EXPECT_TRUE(FindPasswordsInText("Please find our policies attached.").empty());
}

TEST(Passwords, NoRepeatsNoEmpties) {
  Passwords p;
  p.Add("a1b2", "x");
  p.Add("a1b2", "y");
  p.Add("", "z");
  EXPECT_EQ(p.size(), 1u);
  EXPECT_EQ(p.from(0), "x");
}

TEST(Ingest, NestedZipGivesOriginChains) {
  Ingested r = IngestPaths({CorpusDir() + "/zip/libarchive-nested.zip"});
  ASSERT_GE(r.s.documents.size(), 3u);
  const Document& top = r.s.documents[0];
  EXPECT_EQ(top.status, DocStatus::kUnpacked);
  EXPECT_EQ(top.media_type, "application/zip");
  EXPECT_EQ(top.sha256.size(), 64u);
  bool nested = false;
  for (const Document& d : r.s.documents) {
    if (d.origin.size() == 3) {
      nested = true;
      EXPECT_EQ(d.origin[0], "libarchive-nested.zip");
      EXPECT_NE(d.Path().find(" > "), std::string::npos);
      EXPECT_FALSE(d.parent.empty());
    }
  }
  EXPECT_TRUE(nested);
}

// Each archive holds the entries its manifest row names: the unsafe ones are
// refused (one finding each) and the safe ones become documents.
TEST(Ingest, EscapingNamesAreRefusedAndTheRestIsRead) {
  struct Case {
    const char* zip;
    int refused;
    std::vector<std::string> read;
  };
  for (const Case& c : std::vector<Case>{
           {"ztzip-zip-malicious-traversal.zip", 1, {"good.txt"}},
           {"ztzip-zip-malicious-traversal-backslashes.zip", 1, {"someroot\\good.txt"}},
           {"yauzl-absolute_path_atxt.zip", 1, {"b.txt"}},
           {"yauzl-absolute_path_C_xt.zip", 1, {"b.txt"}},
           {"yauzl-invalid_relative_path_xt.zip", 1, {"b.txt"}},
           {"zip2-symlink.zip", 1, {}},
           {"libarchive-symlink.zip", 1, {"file"}}}) {
    Ingested r = IngestPaths({CorpusDir() + "/zip/" + c.zip});
    EXPECT_EQ(Count(r.s, "ingest.unsafe-entry"), c.refused) << c.zip;
    std::vector<std::string> read;
    for (const Document& d : r.s.documents) {
      if (d.origin.size() == 2) read.push_back(d.origin[1]);
    }
    EXPECT_EQ(read, c.read) << c.zip;
  }
}

TEST(Ingest, DeclaredBombIsRefusedBeforeUnpacking) {
  Ingested r = IngestPaths({CorpusDir() + "/zip/libzip-bigzero-zip.zip"});
  EXPECT_EQ(Count(r.s, "ingest.zip-bomb"), 1);
}

// An entry that declares 1,000 bytes passes the check on declared sizes; it is
// stopped while unpacking, once its real output passes the ratio.
TEST(Ingest, RatioLimitCountsRealBytes) {
  Ingested r = IngestPaths(
      {std::string(QPM_TEST_SOURCE_DIR) + "/regressions/zip-entry-lying-about-its-size.zip"});
  ASSERT_EQ(Count(r.s, "ingest.zip-bomb"), 1);
  for (const Finding& f : r.s.findings) {
    if (f.rule == "ingest.zip-bomb") {
      EXPECT_NE(f.message.find("kept unpacking"), std::string::npos);
    }
  }
  EXPECT_EQ(r.s.documents.size(), 1u);  // nothing of it became a document
}

TEST(Ingest, TotalSizeLimit) {
  Limits limits;
  limits.max_total_bytes = 1000;
  Ingested r = IngestPaths({CorpusDir() + "/zip/zip4j-zip_with_different_passwords.zip"}, limits);
  EXPECT_EQ(Count(r.s, "ingest.size-limit"), 1);
}

TEST(Ingest, EntryCountLimit) {
  Limits limits;
  limits.max_entries = 1;
  Ingested r = IngestPaths({CorpusDir() + "/zip/libarchive-nested.zip"}, limits);
  EXPECT_EQ(Count(r.s, "ingest.entry-limit"), 1);
  size_t inside = 0;
  for (const Document& d : r.s.documents) inside += !d.parent.empty();
  EXPECT_EQ(inside, 1u);
}

TEST(Ingest, DepthLimit) {
  Limits limits;
  limits.max_depth = 1;
  Ingested r = IngestPaths({CorpusDir() + "/zip/libarchive-nested.zip"}, limits);
  EXPECT_EQ(Count(r.s, "ingest.too-deep"), 1);
}

TEST(Ingest, LockedEntriesNeedAPassword) {
  Ingested locked = IngestPaths({CorpusDir() + "/zip/zip2-aes_archive.zip"});
  EXPECT_EQ(Count(locked.s, "ingest.password-needed"), 1);
  Ingested opened =
      IngestPaths({CorpusDir() + "/zip/zip2-aes_archive.zip"}, {}, {"nope", "helloworld"});
  EXPECT_EQ(Count(opened.s, "ingest.password-needed"), 0);
  EXPECT_EQ(Count(opened.s, "ingest.password-used"), 4);  // four AES entries, per the manifest
}

TEST(Ingest, ZipCryptoWithPassword) {
  Ingested r = IngestPaths({CorpusDir() + "/zip/libarchive-traditional_encryption_data.zip"}, {},
                           {"12345678"});
  EXPECT_EQ(Count(r.s, "ingest.password-needed"), 0);
  EXPECT_EQ(Count(r.s, "ingest.password-used"), 2);
}

TEST(Ingest, EmailAttachmentsAndForwardedMessages) {
  Ingested r = IngestPaths({CorpusDir() + "/eml/mail-attachment_message_rfc822.eml"});
  // The email, the forwarded message inside it, and broken.pdf inside that.
  bool pdf = false;
  for (const Document& d : r.s.documents) {
    if (d.origin.size() == 3 && d.origin.back() == "broken.pdf") pdf = true;
  }
  EXPECT_TRUE(pdf);
  EXPECT_EQ(r.s.documents[0].role, "email");
  EXPECT_EQ(r.s.documents[0].pages.size(), 1u);
}

TEST(Ingest, RfcEncodedAttachmentNames) {
  Ingested r = IngestPaths({CorpusDir() + "/eml/mail-attachment_with_quoted_filename.eml"});
  EXPECT_NE(ByPath(r.s, "mail-attachment_with_quoted_filename.eml > Eelanalüüsi päring.jpg"),
            nullptr);
}

TEST(Ingest, JunkDuplicatesAndEmptyFilesAreSetAside) {
  qpm::testing::TempDir dir;
  namespace fs = std::filesystem;
  fs::create_directories(dir.path() + "/sub/__MACOSX");
  std::string pdf = qpm::testing::ReadFile(CorpusDir() + "/pdf/pdfjs-tracemonkey.pdf");
  auto write = [&](const std::string& name, const std::string& bytes) {
    FILE* f = fopen((dir.path() + "/sub/" + name).c_str(), "wb");
    fwrite(bytes.data(), 1, bytes.size(), f);
    fclose(f);
  };
  write("a.pdf", pdf);
  write("b copy.pdf", pdf);
  write(".DS_Store", std::string("\x00\x00\x00\x01"
                                 "Bud1",
                                 8));
  write("Thumbs.db", std::string("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8));
  write("~$Workbook.docx", "\x08QPM Lead");
  write("__MACOSX/._a.pdf", std::string("\x00\x05\x16\x07\x00\x02\x00\x00", 8));
  write("empty.pdf", "");
  Ingested r = IngestPaths({dir.path() + "/sub"});
  EXPECT_EQ(Count(r.s, "ingest.junk"), 4);
  EXPECT_EQ(Count(r.s, "ingest.duplicate"), 1);
  EXPECT_EQ(Count(r.s, "ingest.empty-file"), 1);
  const Document* copy = ByPath(r.s, "sub/b copy.pdf");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->status, DocStatus::kSetAside);
  EXPECT_EQ(copy->duplicate_of, ByPath(r.s, "sub/a.pdf")->id);
  EXPECT_EQ(ByPath(r.s, "sub/a.pdf")->status, DocStatus::kPending);
}

TEST(Ingest, FolderNamedWithATrailingSlash) {
  qpm::testing::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/Submission");
  FILE* f = fopen((dir.path() + "/Submission/note.txt").c_str(), "w");
  fputs("A note.\n", f);
  fclose(f);
  for (const std::string& named : {dir.path() + "/Submission/", dir.path() + "/Submission/."}) {
    Ingested r = IngestPaths({named});
    ASSERT_EQ(r.s.documents.size(), 1u) << named;
    EXPECT_EQ(r.s.documents[0].Path(), "Submission/note.txt") << named;
    EXPECT_TRUE(r.s.inputs[0].folder);
  }
}

TEST(Ingest, MissingInput) {
  Ingested r = IngestPaths({"/nonexistent/file.pdf"});
  EXPECT_EQ(Count(r.s, "ingest.input-not-found"), 1);
  EXPECT_TRUE(r.s.documents.empty());
}

TEST(Ingest, WorkDirectoryIsPrivateAndRemoved) {
  std::string path;
  {
    Result<WorkDir> work = WorkDir::Create();
    ASSERT_TRUE(work.ok());
    path = work->path();
    auto perms = std::filesystem::status(path).permissions();
    EXPECT_EQ(perms & std::filesystem::perms::all, std::filesystem::perms::owner_all);
    FILE* f = fopen(WorkDir::NewPathIn(work->path(), 1, 1).c_str(), "w");
    fclose(f);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

// What a reader process sends back is read as it was made: every field of each
// type a reader sends, with a value other than its default.
template <typename T>
T ThroughAReader(const T& sent) {
  sandbox::Budget budget;
  budget.timeout_seconds = 5;
  sandbox::Reply<sandbox::NoItems, T> reply = sandbox::Decode<sandbox::NoItems, T>(
      sandbox::RunOne([&sent](sandbox::Channel& ch) { sandbox::SendValue(ch, sent); }, budget));
  EXPECT_FALSE(reply.garbled);
  return reply.value.value_or(T{});
}

TEST(IngestFrames, AFileTakenOutOfAPdfComesBackWhole) {
  EmbeddedFile sent{"notes \xff.docx", 3, "no-data", "its stream is damaged", "/w/1-2", 1234};
  EmbeddedFile back = ThroughAReader(sent);
  EXPECT_EQ(back.name, sent.name);  // a name that is not UTF-8 stays as it was
  EXPECT_EQ(back.page, 3);
  EXPECT_EQ(back.state, "no-data");
  EXPECT_EQ(back.detail, sent.detail);
  EXPECT_EQ(back.path, "/w/1-2");
  EXPECT_EQ(back.size, 1234u);
}

TEST(IngestFrames, AnEmailComesBackWhole) {
  mime::Message sent;
  sent.headers = {{"From", "A Sender <a@example.org>"}, {"Subject", "Files \xff"}};
  sent.date = "2026-03-04";
  sent.subject = "Files \xff";
  sent.body = "The files are attached.";
  sent.attachments = {{"policy.pdf", "application/pdf", false, "/w/3-1", 10},
                      {"", "message/rfc822", true, "/w/3-2", 20}};
  sent.nesting_cut = true;
  mime::Message back = ThroughAReader(sent);
  EXPECT_EQ(back.headers, sent.headers);
  EXPECT_EQ(back.date, sent.date);
  EXPECT_EQ(back.subject, sent.subject);
  EXPECT_EQ(back.body, sent.body);
  EXPECT_TRUE(back.nesting_cut);
  ASSERT_EQ(back.attachments.size(), 2u);
  EXPECT_EQ(back.attachments[0].name, "policy.pdf");
  EXPECT_EQ(back.attachments[0].content_type, "application/pdf");
  EXPECT_EQ(back.attachments[0].path, "/w/3-1");
  EXPECT_EQ(back.attachments[0].size, 10u);
  EXPECT_FALSE(back.attachments[0].forwarded_message);
  EXPECT_TRUE(back.attachments[1].forwarded_message);
}

}  // namespace
}  // namespace qpm::ingest
