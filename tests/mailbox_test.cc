// Tests of pipeline/ingest/mailbox.h: what a saved mailbox holds, and which of it is one
// submission. The emails are written here, by hand, so each test shows the headers it
// turns on.
#include "pipeline/ingest/mailbox.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/test_util.h"

namespace qpm::mailbox {
namespace {

using qpm::testing::TempDir;

struct Mail {
  std::string name;  // the file's name in the mailbox
  std::string from;
  std::string date;  // RFC 5322
  std::string subject;
  std::string id;           // Message-ID, "" for none
  std::string in_reply_to;  // "" for none
  bool attachment = true;
};

Mail M(std::string name, std::string from, std::string date, std::string subject,
       std::string id = "", std::string in_reply_to = "", bool attachment = true) {
  return Mail{std::move(name), std::move(from),        std::move(date), std::move(subject),
              std::move(id),   std::move(in_reply_to), attachment};
}

void Write(const std::string& dir, const Mail& m) {
  std::ofstream out(dir + "/" + m.name, std::ios::binary);
  out << "From: " << m.from << "\r\nTo: support@quality.example\r\nDate: " << m.date
      << "\r\nSubject: " << m.subject << "\r\n";
  if (!m.id.empty()) out << "Message-ID: <" << m.id << ">\r\n";
  if (!m.in_reply_to.empty()) out << "In-Reply-To: <" << m.in_reply_to << ">\r\n";
  out << "MIME-Version: 1.0\r\n";
  if (!m.attachment) {
    out << "Content-Type: text/plain\r\n\r\nThe password is Orchard-Lamp-42.\r\n";
    return;
  }
  out << "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
         "Content-Type: text/plain\r\n\r\nPlease find our submission attached.\r\n--b\r\n"
         "Content-Type: application/pdf; name=\"Workbook.pdf\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
}

// The groups as lists of item names, earliest first.
std::vector<std::vector<std::string>> Groups(const std::string& dir) {
  Result<std::vector<Item>> items = ListMailbox(dir, sandbox::Budget{});
  EXPECT_TRUE(items.ok()) << items.status().message();
  std::vector<std::vector<std::string>> out;
  if (!items.ok()) return out;
  for (const Group& g : GroupMailbox(items.value())) {
    std::vector<std::string> names;
    for (size_t i : g.items) names.push_back(items.value()[i].name);
    out.push_back(names);
  }
  return out;
}

using Names = std::vector<std::vector<std::string>>;

TEST(Mailbox, ReadsAnEmailsHeadersWithoutWritingItsAttachments) {
  TempDir dir;
  Write(dir.path(),
        M("a.eml", "Sam Reed <Sam.Reed@Bright.example>", "Tue, 3 Nov 2026 09:15:00 +0000",
          "RE: QPM submission", "one@bright.example", "zero@bright.example"));
  Result<std::vector<Item>> items = ListMailbox(dir.path(), sandbox::Budget{});
  ASSERT_TRUE(items.ok()) << items.status().message();
  ASSERT_EQ(items->size(), 1u);
  const Item& item = items->front();
  EXPECT_TRUE(item.email);
  EXPECT_EQ(item.error, "");
  EXPECT_EQ(item.from, "sam.reed@bright.example");
  EXPECT_EQ(item.subject, "RE: QPM submission");
  EXPECT_EQ(item.date, "2026-11-03");
  EXPECT_EQ(item.time, "2026-11-03T09:15:00Z");
  EXPECT_EQ(item.message_id, "one@bright.example");
  EXPECT_EQ(item.replies_to, std::vector<std::string>{"zero@bright.example"});
  EXPECT_EQ(item.attachments, std::vector<std::string>{"Workbook.pdf"});
  // Only the email itself is in the folder: no attachment was written beside it.
  EXPECT_EQ(qpm::testing::ListFiles(dir.path()), std::vector<std::string>{"a.eml"});
}

TEST(Mailbox, OneOrganisationsEmailsAreOneSubmission) {
  TempDir dir;
  Write(dir.path(), M("1.eml", "a@bright.example", "Mon, 2 Nov 2026 10:00:00 +0000", "Submission"));
  Write(dir.path(), M("2.eml", "b@other.example", "Mon, 2 Nov 2026 11:00:00 +0000", "Submission"));
  Write(dir.path(),
        M("3.eml", "c@Bright.example", "Mon, 23 Nov 2026 10:00:00 +0000", "Corrected CF03"));
  EXPECT_EQ(Groups(dir.path()), (Names{{"1.eml", "3.eml"}, {"2.eml"}}));
}

TEST(Mailbox, WebmailAddressesAreOrganisationsEachAndAThreadJoinsThem) {
  TempDir dir;
  Write(dir.path(),
        M("1.eml", "one@gmail.com", "Mon, 2 Nov 2026 10:00:00 +0000", "Our files", "m1@x"));
  Write(dir.path(),
        M("2.eml", "two@gmail.com", "Mon, 2 Nov 2026 11:00:00 +0000", "Our files", "m2@x"));
  // A colleague at another address replies in the first one's thread.
  Write(dir.path(), M("3.eml", "three@outlook.com", "Mon, 2 Nov 2026 12:00:00 +0000",
                      "Re: Our files", "m3@x", "m1@x"));
  EXPECT_EQ(Groups(dir.path()), (Names{{"1.eml", "3.eml"}, {"2.eml"}}));
}

TEST(Mailbox, APasswordFromAnotherAddressGoesWithTheSubmissionItNames) {
  TempDir dir;
  Write(dir.path(), M("zip.eml", "office@bright.example", "Mon, 2 Nov 2026 10:00:00 +0000",
                      "QPM submission - Bright Advocacy"));
  Write(dir.path(), M("other.eml", "office@calm.example", "Mon, 2 Nov 2026 10:30:00 +0000",
                      "QPM submission - Calm Voices"));
  Write(dir.path(), M("pw.eml", "manager@hotmail.co.uk", "Mon, 2 Nov 2026 10:05:00 +0000",
                      "Password for QPM submission Bright Advocacy", "", "", false));
  // A submission whose subject is one word ("QPM") says too little to take it.
  Write(dir.path(),
        M("generic.eml", "office@third.example", "Mon, 2 Nov 2026 09:00:00 +0000", "QPM"));
  // A lone email naming nothing particular stays on its own.
  Write(dir.path(), M("vague.eml", "someone@yahoo.com", "Mon, 2 Nov 2026 10:06:00 +0000",
                      "Password", "", "", false));
  EXPECT_EQ(Groups(dir.path()),
            (Names{{"generic.eml"}, {"zip.eml", "pw.eml"}, {"vague.eml"}, {"other.eml"}}));
}

TEST(Mailbox, EmailsMonthsApartAreTwoSubmissions) {
  TempDir dir;
  Write(dir.path(), M("old.eml", "a@bright.example", "Mon, 2 Feb 2026 10:00:00 +0000", "QPM"));
  Write(dir.path(), M("new.eml", "a@bright.example", "Mon, 2 Nov 2026 10:00:00 +0000", "QPM"));
  EXPECT_EQ(Groups(dir.path()), (Names{{"old.eml"}, {"new.eml"}}));
}

TEST(Mailbox, FoldersAndLooseFilesAreSubmissionsOfTheirOwn) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() + "/Calm Voices");
  std::ofstream(dir.path() + "/Calm Voices/Workbook.pdf") << "%PDF-1.4\n";
  std::ofstream(dir.path() + "/loose.zip") << "PK\x05\x06" << std::string(18, '\0');
  std::ofstream(dir.path() + "/.DS_Store") << "junk";
  Write(dir.path(), M("mail.eml", "a@bright.example", "Mon, 2 Nov 2026 10:00:00 +0000", "QPM"));
  // Emails by date first; then what has no date, by name.
  EXPECT_EQ(Groups(dir.path()), (Names{{"mail.eml"}, {"Calm Voices"}, {"loose.zip"}}));
}

TEST(Mailbox, SavedAttachmentsWithTheirPasswordEmailAreOneSubmission) {
  TempDir dir;
  std::ofstream(dir.path() + "/Workbook.pdf") << "%PDF-1.4\n";
  std::ofstream(dir.path() + "/Locked.zip") << "PK\x05\x06" << std::string(18, '\0');
  Write(dir.path(), M("Password.eml", "a@bright.example", "Mon, 2 Nov 2026 10:00:00 +0000",
                      "Password", "", "", false));
  EXPECT_EQ(Groups(dir.path()), (Names{{"Password.eml", "Locked.zip", "Workbook.pdf"}}));
}

TEST(Mailbox, NoFolderIsNotFound) {
  Result<std::vector<Item>> items = ListMailbox("/nonexistent/inbox", sandbox::Budget{});
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.status().code(), StatusCode::kUnreadable);
}

// The sample mailbox's submissions are those its generator planted
// (scripts/make_samples/inbox_samples.cc), file for file, and in order of arrival.
TEST(Mailbox, TheSampleInboxGroupsAsPlanted) {
  nlohmann::json planted = nlohmann::json::parse(
      qpm::testing::ReadFile(qpm::testing::SamplesDir() + "/inbox-planted.json"));
  Names want;
  for (const auto& s : planted["submissions"]) want.push_back(s["files"]);
  EXPECT_EQ(Groups(qpm::testing::SamplesDir() + "/inbox"), want);
}

TEST(Mailbox, OrganisationKey) {
  EXPECT_EQ(OrganisationKey("sam@bright.example"), "bright.example");
  EXPECT_EQ(OrganisationKey("Sam@Bright.Example"), "bright.example");
  EXPECT_EQ(OrganisationKey("jo.bloggs@gmail.com"), "jo.bloggs@gmail.com");
  EXPECT_EQ(OrganisationKey("jo@hotmail.co.uk"), "jo@hotmail.co.uk");
  EXPECT_EQ(OrganisationKey("no address"), "");
  EXPECT_EQ(OrganisationKey("trailing@"), "");
}

TEST(Mailbox, ThreadSubject) {
  EXPECT_EQ(ThreadSubject("RE: Fw: QPM submission – Bright Advocacy"),
            ThreadSubject("QPM Submission - Bright Advocacy"));
  EXPECT_EQ(ThreadSubject("[EXTERNAL] Re: QPM submission"), "qpm submission");
  EXPECT_EQ(ThreadSubject("AW: SV: Fwd:  Case files (part 2)"), "case files part 2");
  EXPECT_EQ(ThreadSubject(""), "");
}

}  // namespace
}  // namespace qpm::mailbox
