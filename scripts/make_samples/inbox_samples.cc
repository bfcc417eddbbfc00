// scripts/make_samples/inbox_samples.cc — see inbox_samples.h.
#include "inbox_samples.h"

#include <fstream>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "case_file_content.h"
#include "fixed_values.h"
#include "mime_message.h"
#include "outlook_writer.h"
#include "zip_writer.h"

namespace qpm::samples {
namespace {

// One email the mailbox saved.
struct Mail {
  std::string file;  // its name in samples/inbox/
  std::string from;
  std::string date;  // RFC 5322, always +0000 so the day is the day received
  std::string subject;
  std::string id;           // Message-ID without brackets
  std::string in_reply_to;  // "" when none
  std::string body;
  std::string attachment;  // its name; "" for none
  std::string bytes;
};

std::string EmailBytes(const Mail& m) {
  std::vector<Header> headers = {{"From", m.from},
                                 {"To", "QPM Support <qpm@example.com>"},
                                 {"Subject", m.subject},
                                 {"Date", m.date},
                                 {"Message-ID", "<" + m.id + ">"}};
  if (!m.in_reply_to.empty()) {
    headers.push_back({"In-Reply-To", "<" + m.in_reply_to + ">"});
    headers.push_back({"References", "<" + m.in_reply_to + ">"});
  }
  if (m.attachment.empty()) {
    headers.push_back({"MIME-Version", "1.0"});
    headers.push_back({"Content-Type", "text/plain; charset=UTF-8"});
    headers.push_back({"Content-Transfer-Encoding", "7bit"});
    return Headers(headers) + "\r\n" + CrLf(m.body);
  }
  // Outlook's Rich Text mail carries its files in a winmail.dat (TNEF).
  const std::string type =
      m.attachment == "winmail.dat" ? "application/ms-tnef" : "application/zip";
  return Message(headers, "=_qpm_inbox_" + m.id.substr(0, m.id.find('@')),
                 {TextPart(m.body, false),
                  AttachmentPart(type + "; name=\"" + m.attachment + "\"",
                                 "attachment; filename=\"" + m.attachment + "\"", m.bytes)});
}

std::string ReadBack(const Output& out, const std::string& relative) {
  std::ifstream in(out.root() / relative, std::ios::binary);
  if (!in) Fail("inbox: " + relative + " must be written before the inbox");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// What the register must say of one submission, worked out by hand from what is planted.
struct Planted {
  std::vector<std::string> files;  // in samples/inbox/, earliest first
  std::string sender;              // the organisation's mail domain, or a webmail address
  std::string profile;
  int exit_code = 0;
  std::string received;  // the first email's day; "" for a folder
  // From the workbook's issue date (2026-09-01 for every clean-set workbook): + 3 and + 6
  // months; "" when there is no workbook or the profile has no deadlines.
  std::string recommended_by;
  std::string final_by;
  std::string assessment_due;  // received + 4 weeks for QPM; "" for the Gateway
  std::string why;
  int replaced = 0;  // files a later email replaced: ingest.replaced findings
};

Json PlantedJson(const Planted& p) {
  auto date = [](const std::string& d) { return d.empty() ? Json(nullptr) : Json(d); };
  return Json{{"files", p.files},
              {"sender", p.sender},
              {"profile", p.profile},
              {"exit_code", p.exit_code},
              {"received", date(p.received)},
              {"recommended_by", date(p.recommended_by)},
              {"final_by", date(p.final_by)},
              {"assessment_due", date(p.assessment_due)},
              {"replaced", p.replaced},
              {"planted", p.why}};
}

constexpr char kQpm[] = "qpm-v4";
constexpr char kGateway[] = "quality-mark-gateway";

}  // namespace

void WriteInbox(Output& out, const CleanSet& set, const std::string& aes_zip) {
  const std::string clean = set.zip;
  const std::string gateway = ReadBack(out, "gateway/example-gateway-application.zip");
  const std::string missing_policy = ReadBack(out, "gaps/missing-policy.zip");
  const std::string missing_consent = ReadBack(out, "gaps/missing-consent-form.zip");
  const std::string blank_narrative = ReadBack(out, "gaps/blank-narrative.zip");
  const std::string planted_pii = ReadBack(out, "broken/planted-pii.zip");
  const std::string sign_off = "\n\nKind regards,\nThe QPM lead\n";
  // The re-submission. First: the clean set with CF03's personal data left in (as in
  // broken/planted-pii.zip) and CF04 without its consent part. Three weeks later:
  // CF03 anonymised, and CF04 whole (four of its five files unchanged).
  Plant plant;
  plant.case_notes_lines = {std::string("NHS number: ") + kNhsOnPage,
                            std::string("Email: ") + kPlantedEmail};
  plant.keywords = std::string("QPM; case file; CF03; ") + kNhsInKeywords;
  const std::string cf03_leaky = RenderCaseFile(CaseFiles()[2], false, plant).files[0].second;
  ZipWriter first_send;
  for (const Item& item : set.items) {
    if (item.name == "Case files/CF04/3 Authorisation form.pdf") continue;
    first_send.Add(item.name, item.name == "Case files/CF03.pdf" ? cf03_leaky : item.bytes);
  }
  const std::string oakridge = first_send.Finish();
  ZipWriter corrected;
  for (const Item& item : set.items) {
    if (item.name == "Case files/CF03.pdf" || item.name.rfind("Case files/CF04/", 0) == 0) {
      corrected.Add(item.name, item.bytes);
    }
  }
  const std::string corrections = corrected.Finish();
  std::vector<Mail> mails = {
      {"01 Bright Advocacy.eml", "Office <office@brightadvocacy.example>",
       "Mon, 2 Nov 2026 09:00:00 +0000", "QPM desktop submission - Bright Advocacy",
       "bright-1@brightadvocacy.example", "",
       "Hello,\n\nOur QPM desktop submission is attached." + sign_off, "Bright Advocacy QPM.zip",
       clean},
      {"02 Riverside submission.eml", "QPM lead <qpm@riversideadvocacy.example>",
       "Wed, 18 Nov 2026 10:00:00 +0000", "QPM desktop submission - Riverside Advocacy",
       "riverside-1@riversideadvocacy.example", "",
       "Hello,\n\nOur submission is attached. The zip is locked; the password follows in "
       "another email." +
           sign_off,
       "Riverside QPM.zip", aes_zip},
      // From the manager's own address, not in the thread: only its subject ties it.
      {"03 password.eml", "R Manager <r.manager.riverside@hotmail.co.uk>",
       "Wed, 18 Nov 2026 10:07:00 +0000",
       "Password for QPM desktop submission - Riverside Advocacy", "riverside-2@hotmail.co.uk", "",
       std::string("Hello,\n\nThe password for the zip file is: ") + kZipPassword + sign_off, "",
       ""},
      {"04 Small Steps.eml", "Hello <hello@smallsteps.example>", "Thu, 5 Nov 2026 14:00:00 +0000",
       "Quality Mark Gateway application - Small Steps Support", "steps-1@smallsteps.example", "",
       "Hello,\n\nPlease find our Gateway application form and supporting documents." + sign_off,
       "Gateway application.zip", gateway},
      {"05 Late Bloom.eml", "Team <team@latebloom.example>", "Mon, 7 Dec 2026 08:30:00 +0000",
       "QPM desktop submission - Late Bloom Advocacy", "late-1@latebloom.example", "",
       "Hello,\n\nSorry this is later than planned; our submission is attached." + sign_off,
       "Late Bloom QPM.zip", clean},
      {"06 Northfield.eml", "Admin <admin@northfield.example>", "Tue, 10 Nov 2026 11:00:00 +0000",
       "QPM desktop submission - Northfield Advocacy", "north-1@northfield.example", "",
       "Hello,\n\nOur submission is attached." + sign_off, "Northfield QPM.zip", missing_policy},
      // The chair writes from another organisation's domain, in the thread.
      {"07 Re Northfield.eml", "Chair <chair@northfield-trustees.example>",
       "Tue, 10 Nov 2026 15:00:00 +0000", "Re: QPM desktop submission - Northfield Advocacy",
       "north-2@northfield-trustees.example", "north-1@northfield.example",
       "Hello,\n\nThe trustees have approved this submission." + sign_off, "", ""},
      {"08 Jo Green.eml", "Jo Green <jo.green.advocacy@gmail.com>",
       "Fri, 20 Nov 2026 09:00:00 +0000", "QPM submission", "jo-1@gmail.com", "",
       "Hello,\n\nMy organisation's submission is attached." + sign_off, "QPM.zip", clean},
      {"09 Sam Hill.eml", "Sam Hill <sam.hill.advocacy@gmail.com>",
       "Sat, 21 Nov 2026 09:00:00 +0000", "QPM submission", "sam-1@gmail.com", "",
       "Hello,\n\nOur submission is attached." + sign_off, "QPM.zip", missing_consent},
      {"10 Meadowbank.eml", "Info <info@meadowbank.example>", "Tue, 24 Nov 2026 16:00:00 +0000",
       "QPM files - Meadowbank Advocacy", "meadow-1@meadowbank.example", "",
       "Hello,\n\nOur case files are attached." + sign_off, "Meadowbank.zip", planted_pii},
      {"11 Cedar.eml", "Hello <hello@cedaradvocacy.example>", "Thu, 12 Nov 2026 10:00:00 +0000",
       "QPM desktop submission - Cedar Advocacy", "cedar-1@cedaradvocacy.example", "",
       "Hello,\n\nOur submission is attached." + sign_off, "Cedar QPM.zip", blank_narrative},
      {"12 Oakridge.eml", "Office <office@oakridge.example>", "Mon, 26 Oct 2026 10:00:00 +0000",
       "QPM desktop submission - Oakridge Advocacy", "oak-1@oakridge.example", "",
       "Hello,\n\nOur submission is attached." + sign_off, "Oakridge QPM.zip", oakridge},
      {"13 Re Oakridge.eml", "Office <office@oakridge.example>", "Mon, 16 Nov 2026 10:00:00 +0000",
       "Re: QPM desktop submission - Oakridge Advocacy", "oak-2@oakridge.example",
       "oak-1@oakridge.example",
       "Hello,\n\nSorry: case file CF03 still had a client's details in it, and CF04 was "
       "missing its consent form. Here they are again, corrected." +
           sign_off,
       "Corrections.zip", corrections},
  };
  for (const Mail& m : mails) out.Write("inbox/" + m.file, EmailBytes(m));

  // Saved from Outlook: a .msg, and an email whose files came in a winmail.dat.
  OutlookMail calm;
  calm.subject = "QPM desktop submission - Calm Voices";
  calm.body = "Hello,\n\nOur submission is attached." + sign_off;
  calm.from_name = "Office";
  calm.from_address = "office@calmvoices.example";
  calm.to = {{"QPM Support", "qpm@example.com"}};
  calm.sent = "2026-11-25 10:00:00";
  calm.message_id = "<calm-1@calmvoices.example>";
  calm.attachments = {{"Calm Voices QPM.zip", "application/zip", clean, false}};
  out.Write("inbox/14 Calm Voices.msg", MsgBytes(calm));
  OutlookMail harbour = calm;
  harbour.subject = "QPM desktop submission - Harbour Advocacy";
  harbour.from_address = "qpm@harbouradvocacy.example";
  harbour.message_id = "";
  harbour.attachments = {{"Harbour QPM.zip", "application/zip", clean, false}};
  out.Write(
      "inbox/15 Harbour.eml",
      EmailBytes({"15 Harbour.eml", "QPM lead <qpm@harbouradvocacy.example>",
                  "Thu, 26 Nov 2026 09:00:00 +0000", "QPM desktop submission - Harbour Advocacy",
                  "harbour-1@harbouradvocacy.example", "",
                  "Hello,\n\nOur submission is attached." + sign_off, "winmail.dat",
                  TnefBytes(harbour)}));
  // Attachments saved into a folder by hand, with no email: a submission of its own.
  out.Write("inbox/Willow Care Gateway application/Gateway application.zip", gateway);

  std::vector<Planted> planted = {
      {{"12 Oakridge.eml", "13 Re Oakridge.eml"},
       "oakridge.example",
       kQpm,
       0,
       "2026-10-26",
       "2026-12-01",
       "2027-03-01",
       "2026-11-23",
       "a re-submission: CF03 with personal data left in and CF04 without its consent part, "
       "then both again, corrected, three weeks later; the new CF03 replaces the old, CF04's "
       "missing part is added, and nothing blocks",
       1},
      {{"01 Bright Advocacy.eml"},
       "brightadvocacy.example",
       kQpm,
       0,
       "2026-11-02",
       "2026-12-01",
       "2027-03-01",
       "2026-11-30",
       "the clean submission"},
      {{"04 Small Steps.eml"},
       "smallsteps.example",
       kGateway,
       0,
       "2026-11-05",
       "",
       "",
       "",
       "a complete Gateway application; its email names the Gateway, so its profile is chosen"},
      {{"06 Northfield.eml", "07 Re Northfield.eml"},
       "northfield.example",
       kQpm,
       1,
       "2026-11-10",
       "2026-12-01",
       "2027-03-01",
       "2026-12-08",
       "one policy missing; the chair's reply from another domain joins by In-Reply-To"},
      {{"11 Cedar.eml"},
       "cedaradvocacy.example",
       kQpm,
       1,
       "2026-11-12",
       "2026-12-01",
       "2027-03-01",
       "2026-12-10",
       "one narrative answer left blank"},
      {{"02 Riverside submission.eml", "03 password.eml"},
       "riversideadvocacy.example",
       kQpm,
       1,
       "2026-11-18",
       "",
       "",
       "2026-12-16",
       "an AES-locked zip (one policy, no workbook) whose password comes from a webmail "
       "address, tied only by the subject; opened with it"},
      {{"08 Jo Green.eml"},
       "jo.green.advocacy@gmail.com",
       kQpm,
       0,
       "2026-11-20",
       "2026-12-01",
       "2027-03-01",
       "2026-12-18",
       "the clean submission, from a webmail address"},
      {{"09 Sam Hill.eml"},
       "sam.hill.advocacy@gmail.com",
       kQpm,
       1,
       "2026-11-21",
       "2026-12-01",
       "2027-03-01",
       "2026-12-19",
       "a consent form missing, from another address at the same webmail domain"},
      {{"10 Meadowbank.eml"},
       "meadowbank.example",
       kQpm,
       1,
       "2026-11-24",
       "",
       "",
       "2026-12-22",
       "planted personal data: the bundle is withheld"},
      {{"14 Calm Voices.msg"},
       "calmvoices.example",
       kQpm,
       0,
       "2026-11-25",
       "2026-12-01",
       "2027-03-01",
       "2026-12-23",
       "the clean submission in an Outlook .msg"},
      {{"15 Harbour.eml"},
       "harbouradvocacy.example",
       kQpm,
       0,
       "2026-11-26",
       "2026-12-01",
       "2027-03-01",
       "2026-12-24",
       "the clean submission inside the winmail.dat (TNEF) of an email sent as Rich Text"},
      {{"05 Late Bloom.eml"},
       "latebloom.example",
       kQpm,
       1,
       "2026-12-07",
       "2026-12-01",
       "2027-03-01",
       "2027-01-04",
       "the clean submission sent after the recommended 3 months: late"},
      {{"Willow Care Gateway application"},
       "",
       kGateway,
       0,
       "",
       "",
       "",
       "",
       "a folder of saved attachments, no email: its name names the Gateway"},
  };
  Json submissions = Json::array();
  for (const Planted& p : planted) submissions.push_back(PlantedJson(p));
  Json doc = {{"today", kInboxToday},
              {"note", "What `qpm-intake inbox samples/inbox --today " + std::string(kInboxToday) +
                           "` must give, planted by scripts/make_samples/inbox_samples.cc: each "
                           "submission's files (earliest first), sender, profile, triage exit code "
                           "and dates. Every clean-set workbook was issued on 2026-09-01."},
              {"submissions", submissions}};
  out.Write("inbox-planted.json", doc.dump(2) + "\n");
}

}  // namespace qpm::samples
