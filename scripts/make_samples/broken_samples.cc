// scripts/make_samples/broken_samples.cc — see broken_samples.h.
#include "broken_samples.h"

#include <sys/stat.h>
#include <zip.h>

#include <ctime>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "case_file_content.h"
#include "fixed_values.h"
#include "mime_message.h"
#include "pdf_builder.h"
#include "policy_content.h"
#include "zip_writer.h"

namespace qpm::samples {
namespace {

// Sizes and packed sizes of a zip's entries, read back with libzip, for the expected files.
std::vector<zip_stat_t> ZipEntries(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) Fail("zip read-back source");
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    Fail(std::string("zip read-back: ") + zip_error_strerror(&error));
  }
  std::vector<zip_stat_t> out;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0) Fail("zip stat");
    out.push_back(stat);
  }
  zip_close(archive);  // also frees the source
  zip_error_fini(&error);
  return out;
}

struct ZipEntryContent {
  std::string name;
  zip_uint16_t encryption = 0;
  std::time_t mtime = 0;
  std::string data;
  bool operator==(const ZipEntryContent&) const = default;
};

// Every entry of a zip, decrypted with kZipPassword; nullopt if it cannot be read.
std::optional<std::vector<ZipEntryContent>> ReadZip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr) zip_source_free(source);
    return std::nullopt;
  }
  zip_set_default_password(archive, kZipPassword);
  std::vector<ZipEntryContent> entries;
  bool ok = true;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; ok && i < count; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    zip_file_t* file = nullptr;
    if (zip_stat_index(archive, index, 0, &stat) != 0 ||
        (file = zip_fopen_index(archive, index, 0)) == nullptr) {
      ok = false;
      break;
    }
    ZipEntryContent entry{stat.name, stat.encryption_method, stat.mtime,
                          std::string(static_cast<size_t>(stat.size), '\0')};
    ok = zip_fread(file, entry.data.data(), stat.size) == static_cast<zip_int64_t>(stat.size);
    zip_fclose(file);
    entries.push_back(std::move(entry));
  }
  zip_close(archive);  // also frees the source
  if (!ok) return std::nullopt;
  return entries;
}

// Encrypted zips differ on every run (libzip's random salt or header). When OUTDIR already
// holds one with the same entries, times, encryption and decrypted bytes, keep its bytes, so
// running the generator again leaves the committed samples untouched.
std::string KeepEquivalent(const fs::path& existing_path, std::string fresh) {
  std::ifstream in(existing_path, std::ios::binary);
  if (!in) return fresh;
  std::string existing((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto old_entries = ReadZip(existing);
  auto new_entries = ReadZip(fresh);
  if (!new_entries) Fail("cannot read back " + existing_path.string());
  return old_entries && *old_entries == *new_entries ? existing : fresh;
}

constexpr char kLockedReadme[] = "The policies are protected by a password sent separately.\n";

// The same two entries, the policy locked with `method`.
std::string LockedZip(const CleanSet& set, zip_uint16_t method) {
  ZipWriter zip;
  ZipEntryOptions locked;
  locked.encryption = method;
  zip.Add("Policies/01 Safeguarding Policy.pdf",
          set.Find("Policies/01 Safeguarding Policy.pdf").bytes, locked);
  zip.Add("README.txt", kLockedReadme);
  return zip.Finish();
}

Json LockedZipRuns(const std::string& top, int policy_pages) {
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 4, {FindingJson("ingest.password-needed")},
                         {"ingest.password-used"}, std::nullopt,
                         {DocJson(top + " > README.txt", kText, -1, "read")}));
  runs.push_back(
      RunJson("scan", {"--password", kZipPassword}, 0, {FindingJson("ingest.password-used")},
              {"ingest.password-needed"}, "info",
              {DocJson(top + " > Policies/01 Safeguarding Policy.pdf", kPdf, policy_pages, "read"),
               DocJson(top + " > README.txt", kText, -1, "read")}));
  return runs;
}

}  // namespace

void WriteZipSlip(Output& out, const CleanSet& set) {
  const Item& policy = set.Find("Policies/01 Safeguarding Policy.pdf");
  ZipWriter zip;
  zip.Add("policy.pdf", policy.bytes);
  zip.Add("../evil.txt", "This entry tries to climb out of the folder it is unpacked into.\n");
  zip.Add("/tmp/evil-absolute.txt", "This entry names an absolute path.\n");
  zip.Add("sub/../../evil2.txt", "This entry climbs out through a sub-folder.\n");
  ZipEntryOptions link;
  link.store = true;
  link.unix_mode = S_IFLNK | 0777;
  zip.Add("link-to-passwd", "/etc/passwd", link);
  out.Write("broken/zip-slip.zip", zip.Finish());
  Json runs = Json::array();
  runs.push_back(
      RunJson("scan", {}, 1, {FindingJson("ingest.unsafe-entry", "zip-slip.zip", -1, "", 4)},
              {"ingest.zip-bomb", "ingest.password-needed", "pii.nhs-number"}, std::nullopt,
              {DocJson("zip-slip.zip > policy.pdf", kPdf, policy.pages, "read")}));
  out.Expect("broken/zip-slip.zip",
             "A valid policy PDF beside four entries that must never be written: '../evil.txt', "
             "'/tmp/evil-absolute.txt', 'sub/../../evil2.txt' and a Unix symlink "
             "'link-to-passwd' pointing at /etc/passwd.",
             runs);
}

void WriteZipBomb(Output& out) {
  constexpr zip_uint64_t kZeros = 4ull << 30;  // 4 GiB: past 0xFFFFFFFF, so Zip64
  std::string inner;
  {
    ZipWriter zip;
    zip.AddZeros("zeros.bin", kZeros);
    inner = zip.Finish();
  }
  ZipWriter outer;
  outer.Add("inner.zip", inner);
  std::string bytes = outer.Finish();
  out.Write("broken/zip-bomb.zip", bytes);
  zip_stat_t zeros = ZipEntries(inner).at(0);
  zip_stat_t packed_inner = ZipEntries(bytes).at(0);
  std::string planted =
      "Gigabytes declared, kilobytes packed. zip-bomb.zip is " + std::to_string(bytes.size()) +
      " bytes and holds inner.zip (" + std::to_string(packed_inner.size) + " bytes, packed to " +
      std::to_string(packed_inner.comp_size) +
      "), which holds zeros.bin: " + std::to_string(zeros.size) +
      " zero bytes (4 GiB, Zip64) deflated to " + std::to_string(zeros.comp_size) + " bytes.";
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 1,
                         {FindingJson("ingest.zip-bomb", "zip-bomb.zip > inner.zip")},
                         {"ingest.unsafe-entry", "ingest.password-needed"}, std::nullopt, {}));
  out.Expect("broken/zip-bomb.zip", planted, runs);
}

void WriteNested(Output& out) {
  std::string name = "deepest.txt";
  std::string bytes = "This is the deepest file, inside twenty zips.\n";
  for (int level = 20; level >= 1; --level) {
    ZipWriter zip;
    zip.Add(name, bytes);
    bytes = zip.Finish();
    name = "level-" + TwoDigits(level) + ".zip";
  }
  out.Write("broken/nested-20.zip", bytes);
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 1, {FindingJson("ingest.too-deep", "", -1, "", 1)},
                         {"ingest.zip-bomb", "ingest.unsafe-entry"}, std::nullopt,
                         {DocJson("nested-20.zip", kZip, -1, "unpacked")}));
  out.Expect("broken/nested-20.zip",
             "Zips nested 20 deep: nested-20.zip > level-02.zip > ... > level-20.zip > "
             "deepest.txt, far past the default depth limit of 8.",
             runs);
}

std::string WriteLockedZips(Output& out, const CleanSet& set) {
  int pages = set.Find("Policies/01 Safeguarding Policy.pdf").pages;
  // Not reproducible: libzip draws a fresh random salt for every WinZip AES entry.
  std::string aes =
      KeepEquivalent(out.root() / "broken/aes-no-password.zip", LockedZip(set, ZIP_EM_AES_256));
  out.Write("broken/aes-no-password.zip", aes);
  out.Expect("broken/aes-no-password.zip",
             "The clean Safeguarding policy locked with WinZip AES-256 (password "
             "'Harbour-Tulip-2026'), beside an unlocked README.txt saying the password was sent "
             "separately. Not byte-for-byte reproducible (random AES salt).",
             LockedZipRuns("aes-no-password.zip", pages), Json::array(), {kZipPassword});
  // Not reproducible either: ZipCrypto starts each entry with 12 random header bytes.
  out.Write("broken/zipcrypto.zip", KeepEquivalent(out.root() / "broken/zipcrypto.zip",
                                                   LockedZip(set, ZIP_EM_TRAD_PKWARE)));
  out.Expect("broken/zipcrypto.zip",
             "The same two entries with traditional PKWARE (ZipCrypto) encryption and the same "
             "password. Not byte-for-byte reproducible (random encryption header).",
             LockedZipRuns("zipcrypto.zip", pages), Json::array(), {kZipPassword});
  return aes;
}

void WritePasswordInSecondEmail(Output& out, const CleanSet& set, const std::string& aes_zip) {
  const std::string first_id = "<qpm-submission-locked-20261120101500@example.org>";
  std::string first = Message(
      {{"From", "QPM Lead <qpm.lead@example.org>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", "QPM desktop submission"},
       {"Date", "Fri, 20 Nov 2026 10:15:00 +0000"},
       {"Message-ID", first_id}},
      "=_qpm_sample_locked_1",
      {TextPart("Hello,\n\nPlease find attached our QPM submission. The zip file is protected "
                "with a password, which I will send in a separate email.\n\n"
                "Kind regards,\nQPM Lead\nExample Advocacy\n",
                false),
       AttachmentPart("application/zip; name=\"QPM submission.zip\"",
                      "attachment; filename=\"QPM submission.zip\"", aes_zip)});
  std::string second =
      Headers({{"From", "QPM Lead <qpm.lead@example.org>"},
               {"To", "QPM Support <qpm@example.com>"},
               {"Subject", "Re: QPM desktop submission"},
               {"Date", "Fri, 20 Nov 2026 10:20:00 +0000"},
               {"Message-ID", "<qpm-password-20261120102000@example.org>"},
               {"In-Reply-To", first_id},
               {"References", first_id},
               {"MIME-Version", "1.0"},
               {"Content-Type", "text/plain; charset=UTF-8"},
               {"Content-Transfer-Encoding", "7bit"}}) +
      "\r\n" +
      CrLf(
          "Hello,\n\nThe password for the zip file is: Harbour-Tulip-2026\n\nKind regards,\n"
          "QPM Lead\nExample Advocacy\n");
  out.Write("broken/password-in-second-email/1 submission.eml", first);
  out.Write("broken/password-in-second-email/2 password.eml", second);
  std::string zip = "password-in-second-email/1 submission.eml > QPM submission.zip";
  Json runs = Json::array();
  runs.push_back(RunJson(
      "triage", {}, 1, {FindingJson("ingest.password-used"), FindingJson("workbook.not-found")},
      {"ingest.password-needed"}, "blocker",
      {DocJson("password-in-second-email/1 submission.eml", kEml, -1, "unpacked"),
       DocJson(zip, kZip, -1, "unpacked"),
       DocJson(zip + " > Policies/01 Safeguarding Policy.pdf", kPdf,
               set.Find("Policies/01 Safeguarding Policy.pdf").pages, "read"),
       DocJson("password-in-second-email/2 password.eml", kEml)}));
  out.Expect("broken/password-in-second-email",
             "A folder of two emails: the first carries the AES-locked zip from "
             "aes-no-password.zip as 'QPM submission.zip'; the second, a reply to it, gives the "
             "password in its body. The tool should find the password and open the zip. The "
             "first email is not byte-for-byte reproducible (it carries the AES zip).",
             runs, Json::array(), {kZipPassword});
}

void WriteTruncated(Output& out, const CleanSet& set) {
  const std::string& whole = set.Find("Policies/02 Confidentiality Policy.pdf").bytes;
  out.Write("broken/truncated.pdf", whole.substr(0, whole.size() / 2));
  Json runs = Json::array();
  runs.push_back(
      RunJson("scan", {}, std::nullopt, {FindingJson("extract.truncated", "truncated.pdf")},
              {"ingest.password-needed"}, std::nullopt, {DocJson("truncated.pdf", kPdf)}));
  out.Expect("broken/truncated.pdf",
             "The clean Confidentiality policy cut to the first half of its " +
                 std::to_string(whole.size()) +
                 " bytes: no cross-reference table, no trailer, "
                 "no %EOF.",
             runs);
}

void WriteForwarded(Output& out, const CleanSet& set) {
  const Item& policy = set.Find("Policies/01 Safeguarding Policy.pdf");
  const Item& cf01 = set.Find("Case files/CF01.pdf");
  const Item& cf02 = set.Find("Case files/CF02.pdf");
  const Item& cf03 = set.Find("Case files/CF03.pdf");
  ZipWriter zip;
  zip.Add(policy.name, policy.bytes);
  zip.Add(cf01.name, cf01.bytes);
  std::string small_zip = zip.Finish();

  const std::string en_dash = "\xE2\x80\x93";
  std::string original = Message(
      {{"From", "QPM Lead <qpm.lead@example.org>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", "QPM submission"},
       {"Date", "Thu, 19 Nov 2026 16:40:00 +0000"},
       {"Message-ID", "<qpm-original-20261119164000@example.org>"}},
      "=_qpm_sample_original",
      {TextPart("Hello,\n\nHere is the first part of our QPM submission " + en_dash +
                    " the safeguarding policy and three case files. The workbook and reports "
                    "will follow.\n\nKind regards,\nQPM Lead\nExample Advocacy\n",
                true),
       AttachmentPart("application/zip; name=\"QPM submission.zip\"",
                      "attachment; filename=\"QPM submission.zip\"", small_zip),
       // The name has an en dash, so it travels RFC 2231-encoded.
       AttachmentPart(
           "application/pdf",
           "attachment; filename*=UTF-8''" + PercentEncode("Case file " + en_dash + " B.pdf"),
           cf02.bytes),
       AttachmentPart("application/pdf", "inline; filename=\"CF03.pdf\"", cf03.bytes)});
  std::string forwarded_once =
      Message({{"From", "QPM Support <qpm@example.com>"},
               {"To", "QPM Assessor <qpm.assessor@example.com>"},
               {"Subject", "Fwd: QPM submission"},
               {"Date", "Fri, 20 Nov 2026 09:05:00 +0000"},
               {"Message-ID", "<qpm-forward-1-20261120090500@example.com>"}},
              "=_qpm_sample_forward_1",
              {TextPart("Forwarding the submission below as it arrived.\n\nQPM Support\n", false),
               ForwardedPart("QPM submission.eml", original)});
  std::string forwarded_twice = Message(
      {{"From", "QPM Assessor <qpm.assessor@example.com>"},
       {"To", "QPM Support <qpm@example.com>"},
       {"Subject", "Fwd: Fwd: QPM submission"},
       {"Date", "Fri, 20 Nov 2026 09:30:00 +0000"},
       {"Message-ID", "<qpm-forward-2-20261120093000@example.com>"}},
      "=_qpm_sample_forward_2",
      {TextPart("Sending this back to the support inbox for intake.\n\nQPM Assessor\n", false),
       ForwardedPart("Fwd QPM submission.eml", forwarded_once)});
  out.Write("broken/forwarded.eml", forwarded_twice);

  std::string fwd = "forwarded.eml > Fwd QPM submission.eml";
  std::string orig = fwd + " > QPM submission.eml";
  std::string zipped = orig + " > QPM submission.zip";
  Json runs = Json::array();
  runs.push_back(
      RunJson("scan", {}, 0, {},
              {"pii.nhs-number", "pii.email", "ingest.too-deep", "ingest.password-needed"}, "info",
              {DocJson("forwarded.eml", kEml, -1, "unpacked"), DocJson(fwd, kEml, -1, "unpacked"),
               DocJson(orig, kEml, -1, "unpacked"), DocJson(zipped, kZip, -1, "unpacked"),
               DocJson(zipped + " > " + policy.name, kPdf, policy.pages, "read"),
               DocJson(zipped + " > " + cf01.name, kPdf, cf01.pages, "read"),
               DocJson(orig + " > Case file " + en_dash + " B.pdf", kPdf, cf02.pages, "read"),
               DocJson(orig + " > CF03.pdf", kPdf, cf03.pages, "read")}));
  out.Expect("broken/forwarded.eml",
             "An email forwarded twice: each forward carries the previous message as a "
             "message/rfc822 attachment. The original carries a zip (Safeguarding policy and "
             "CF01), CF02 as 'Case file \xE2\x80\x93 B.pdf' (RFC 2231 filename*) and CF03 as an "
             "inline PDF. Its body is quoted-printable; attachments are base64.",
             runs);
}

void WriteJunk(Output& out, const CleanSet& set) {
  const Item& policy = set.Find("Policies/01 Safeguarding Policy.pdf");
  ZipWriter zip;
  zip.Add("policy.pdf", policy.bytes);
  zip.Add("copy of policy.pdf", policy.bytes);
  // The first bytes of each kind of clutter, enough for a reader that sniffs magic numbers.
  zip.Add("__MACOSX/._policy.pdf",
          std::string("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x00", 26));
  zip.Add(".DS_Store", std::string("\x00\x00\x00\x01"
                                   "Bud1\x00\x00\x10\x00\x00\x00\x08\x00",
                                   16));
  zip.Add("Thumbs.db", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00", 12));
  zip.Add("~$Workbook.docx", std::string("\x08QPM Lead\x00\x00\x00\x00", 13));
  zip.Add("empty.pdf", "");
  out.Write("broken/junk.zip", zip.Finish());
  Json runs = Json::array();
  runs.push_back(RunJson(
      "scan", {}, 1,
      {FindingJson("ingest.junk", "", -1, "", 4), FindingJson("ingest.empty-file", "", -1, "", 1),
       FindingJson("ingest.duplicate", "", -1, "", 1)},
      {"ingest.unsafe-entry", "pii.nhs-number"}, std::nullopt,
      {DocJson("junk.zip > policy.pdf", kPdf, policy.pages, "read"),
       DocJson("junk.zip > copy of policy.pdf", kPdf, -1, "set-aside"),
       DocJson("junk.zip > __MACOSX/._policy.pdf", "", -1, "set-aside"),
       DocJson("junk.zip > .DS_Store", "", -1, "set-aside"),
       DocJson("junk.zip > Thumbs.db", "", -1, "set-aside"),
       DocJson("junk.zip > ~$Workbook.docx", "", -1, "set-aside"),
       DocJson("junk.zip > empty.pdf")}));
  out.Expect("broken/junk.zip",
             "A policy PDF with the clutter real zips carry: an identical 'copy of policy.pdf', "
             "__MACOSX/._policy.pdf, .DS_Store, Thumbs.db, a Word lock file ~$Workbook.docx and "
             "a 0-byte empty.pdf.",
             runs);
}

void WritePlantedPii(Output& out) {
  const CaseFile& cf03 = CaseFiles()[2];
  Plant plant;
  plant.case_notes_lines = {std::string("NHS number: ") + kNhsOnPage,
                            std::string("Email: ") + kPlantedEmail};
  plant.keywords = std::string("QPM; case file; CF03; ") + kNhsInKeywords;
  RenderedCaseFile rendered = RenderCaseFile(cf03, false, plant);
  if (rendered.ranges[3] != std::make_pair(4, 4)) Fail("planted CF03: case notes not on page 4");
  ZipWriter zip;
  zip.Add("Case files/CF03.pdf", rendered.files[0].second);
  out.Write("broken/planted-pii.zip", zip.Finish());
  std::string file = "planted-pii.zip > Case files/CF03.pdf";
  Json runs = Json::array();
  runs.push_back(RunJson("scan", {}, 1,
                         {FindingJson("pii.nhs-number", file, 4),
                          FindingJson("pii.nhs-number", file, 0, "metadata:Keywords"),
                          FindingJson("pii.email", file, 4)},
                         {"ingest.password-needed", "extract.truncated"}, std::nullopt,
                         {DocJson(file, kPdf, rendered.pages[0], "read")}));
  out.Expect("broken/planted-pii.zip",
             "The clean CF03 with personal data planted: an NHS number (999 range, 3-3-4 "
             "spacing) and an email address on the case-notes page (page 4), and a second NHS "
             "number as ten digits in the PDF's Info /Keywords.",
             runs, {kNhsOnPage, kNhsInKeywords, kPlantedEmail});
}

void WriteLockedPdfs(Output& out) {
  const Policy& policy = Policies()[7];  // Data Protection
  PdfEncryption user;
  user.user_password = kPdfUserPassword;
  user.owner_password = kPdfOwnerPassword;
  user.permissions = PoDoFo::PdfEncrypt::ePdfPermissions_Print |
                     PoDoFo::PdfEncrypt::ePdfPermissions_Copy |
                     PoDoFo::PdfEncrypt::ePdfPermissions_Accessible |
                     PoDoFo::PdfEncrypt::ePdfPermissions_HighPrint;
  RenderedPdf locked = RenderPolicy(policy, user);
  out.Write("broken/user-password.pdf", locked.bytes);
  Json runs = Json::array();
  runs.push_back(
      RunJson("scan", {}, 4, {FindingJson("ingest.password-needed", "user-password.pdf")},
              {"ingest.password-used"}, std::nullopt, {DocJson("user-password.pdf", kPdf)}));
  runs.push_back(RunJson("scan", {"--password", kPdfUserPassword}, 0,
                         {FindingJson("ingest.password-used", "user-password.pdf")},
                         {"ingest.password-needed"}, "info",
                         {DocJson("user-password.pdf", kPdf, locked.pages, "read")}));
  out.Expect("broken/user-password.pdf",
             "The Data Protection policy encrypted with AES-256 (R6): user password "
             "'Orchard-Lantern-7', owner password 'Owner-Key-99'.",
             runs, Json::array(), {kPdfUserPassword, kPdfOwnerPassword});

  PdfEncryption owner;
  owner.owner_password = kPdfOwnerPassword;
  // Opens without a password, but printing is not allowed.
  owner.permissions =
      PoDoFo::PdfEncrypt::ePdfPermissions_Copy | PoDoFo::PdfEncrypt::ePdfPermissions_Accessible;
  RenderedPdf restricted = RenderPolicy(policy, owner);
  out.Write("broken/owner-only.pdf", restricted.bytes);
  Json owner_runs = Json::array();
  owner_runs.push_back(RunJson("scan", {}, 0, {}, {"ingest.password-needed", "extract.unreadable"},
                               "info",
                               {DocJson("owner-only.pdf", kPdf, restricted.pages, "read")}));
  out.Expect("broken/owner-only.pdf",
             "The same policy encrypted with AES-256 (R6), an empty user password and owner "
             "password 'Owner-Key-99': it opens without a password, printing is restricted.",
             owner_runs, Json::array(), {kPdfOwnerPassword});
}

}  // namespace qpm::samples
