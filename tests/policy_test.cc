// What blocks, what warns and what is not reported (redaction/policy.h), and the
// pseudonyms the name finder must leave alone. Every case here was written for these
// tests: invented people, places and numbers (01632 and 07700 900 are Ofcom's drama
// ranges).
#include "redaction/policy.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "redaction/names.h"
#include "redaction/personal_data.h"

namespace qpm::redaction {
namespace {

using V = std::vector<std::string>;

Document DocumentOf(std::vector<std::string> pages, std::string role = "unknown") {
  Document d;
  d.id = "D001";
  d.role = std::move(role);
  int n = 0;
  for (std::string& text : pages) {
    Page p;
    p.number = ++n;
    p.text = std::move(text);
    d.pages.push_back(std::move(p));
  }
  return d;
}

// The names FindNames reports in `text`, as written.
V NamesIn(std::string_view text) {
  V out;
  for (const NameHit& h : FindNames(text)) {
    if (!h.age) out.emplace_back(text.substr(h.start, h.end - h.start));
  }
  return out;
}

// rule → severity of the first finding of each rule in a scan of `doc`.
std::map<std::string, Severity> Severities(const std::vector<Finding>& findings) {
  std::map<std::string, Severity> out;
  for (const Finding& f : findings) out.emplace(f.rule, f.severity);
  return out;
}

const Finding* FindingOf(const std::vector<Finding>& findings, std::string_view value) {
  for (const Finding& f : findings) {
    if (f.value == value) return &f;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Pseudonyms are not names

TEST(Pseudonyms, ATitleAndAnInitialWithAPossessiveIsAPseudonym) {
  EXPECT_TRUE(NamesIn("We recorded Mrs J's views about the move.").empty());
  EXPECT_TRUE(NamesIn("Mr T\xE2\x80\x99s sister was present.").empty());
  EXPECT_TRUE(NamesIn("MS K'S wishes were written down.").empty());
  // A surname with a possessive is still a name.
  EXPECT_EQ(NamesIn("We recorded Mrs Hollister's views."), V{"Hollister"});
}

TEST(Pseudonyms, AnInitialThenAFullStopEndsTheSentence) {
  EXPECT_TRUE(NamesIn("Went through the plan with Mr R. Three goals were set.").empty());
  EXPECT_TRUE(NamesIn("Phoned Miss D. Agreed to meet on Friday.").empty());
  // A listed surname after the stop is a name, unless the text uses the pseudonym alone.
  EXPECT_EQ(NamesIn("Mr R. Thompson attended the review."), V{"R. Thompson"});
  EXPECT_TRUE(NamesIn("Mr R said he was tired. Later Mr R. Baker rang.").empty());
}

TEST(Pseudonyms, AnOrdinaryWordAndALetterIsAPseudonym) {
  // Whatever word the organisation chose for its clients.
  EXPECT_TRUE(
      NamesIn("Name: Resident M\nReviewed the plan with Resident M. Two actions done.").empty());
  EXPECT_TRUE(NamesIn("Client name: Learner Q").empty());
  EXPECT_TRUE(NamesIn("Spoke with Tenant K. Three repairs are overdue.").empty());
  // A listed first name or surname before the letter is still a name.
  EXPECT_EQ(NamesIn("Name: Priya S"), V{"Priya"});
  EXPECT_EQ(NamesIn("Name: Hollister R"), V{"Hollister"});
}

TEST(Pseudonyms, ATitleAnInitialAndASurnameNoListKnowsIsAName) {
  EXPECT_EQ(NamesIn("Visited Mrs T. Wojciechowska at home."), V{"T. Wojciechowska"});
  // A listed surname in capitals after a title is no set of initials.
  EXPECT_EQ(NamesIn("Visited Mr LEE at home."), V{"LEE"});
  EXPECT_TRUE(NamesIn("Visited Mr TR at home.").empty());
}

TEST(Pseudonyms, APseudonymUsedOnAnotherPageDecidesToo) {
  Document d = DocumentOf({"Mr R told us about his garden.", "Met Mr R. Baker came too."});
  for (const Finding& f : ScanDocument(d)) {
    EXPECT_NE(f.rule, "pii.person-name") << f.value;
  }
}

TEST(Pseudonyms, InitialsAfterARoleOrASalutationAreNoName) {
  EXPECT_TRUE(NamesIn("Allocated to Advocate TR, who visited twice.").empty());
  EXPECT_TRUE(NamesIn("Advocate AL and advocate KB met the team.").empty());
  EXPECT_TRUE(NamesIn("Dear QPM team,\nPlease find attached our files.").empty());
  EXPECT_TRUE(NamesIn("Seen by TR (advocate) on Monday.").empty());
  EXPECT_TRUE(NamesIn("Worker: AL\nName: KB\n").empty());
  // A name after a role is still a name.
  EXPECT_EQ(NamesIn("Allocated to advocate Priya Shah."), V{"Priya Shah"});
}

// ---------------------------------------------------------------------------
// Severity follows harm

TEST(Policy, AFullNameOfAClientOrRelativeBlocks) {
  Document d = DocumentOf({"Her daughter Priya Shah rang. Mrs Hollister was upset."});
  std::vector<Finding> f = ScanDocument(d);
  const Finding* relative = FindingOf(f, "Priya Shah");
  const Finding* titled = FindingOf(f, "Hollister");
  ASSERT_NE(relative, nullptr);
  ASSERT_NE(titled, nullptr);
  EXPECT_EQ(relative->severity, Severity::kBlocker);
  EXPECT_EQ(titled->severity, Severity::kBlocker);  // a title and a surname
  EXPECT_NE(relative->message.find("A full name identifies the person"), std::string::npos)
      << relative->message;
}

// The workbook's narratives tell clients' stories; a policy names the organisation's
// people.
TEST(Policy, AFullNameInTheWorkbookBlocksAndInAPolicyWarns) {
  const std::string text = "Last spring Margaret Okafor asked for help with her tenancy.";
  std::vector<Finding> workbook = ScanDocument(DocumentOf({text}, "workbook"));
  std::vector<Finding> policy = ScanDocument(DocumentOf({text}, "policy"));
  ASSERT_NE(FindingOf(workbook, "Margaret Okafor"), nullptr);
  ASSERT_NE(FindingOf(policy, "Margaret Okafor"), nullptr);
  EXPECT_EQ(FindingOf(workbook, "Margaret Okafor")->severity, Severity::kBlocker);
  EXPECT_EQ(FindingOf(policy, "Margaret Okafor")->severity, Severity::kWarning);
}

TEST(Policy, QuasiIdentifiersWarn) {
  Document d =
      DocumentOf({"Priya rang from Larchfield Nursing Home.\nMr Davies, 87, was on Heron Ward."});
  std::map<std::string, Severity> s = Severities(ScanDocument(d));
  EXPECT_EQ(s["pii.care-place"], Severity::kWarning);
  EXPECT_EQ(s["pii.age"], Severity::kWarning);
  std::vector<Finding> f = ScanDocument(d);
  const Finding* first_name = FindingOf(f, "Priya");
  ASSERT_NE(first_name, nullptr);
  EXPECT_EQ(first_name->severity, Severity::kWarning);
}

TEST(Policy, AProfessionalNamedWithTheirRoleWarns) {
  Document d = DocumentOf({"Spoke to SW Jenny Marsh.\nDr Okonjo agreed the plan."});
  std::vector<Finding> f = ScanDocument(d);
  const Finding* sw = FindingOf(f, "Jenny Marsh");
  const Finding* doctor = FindingOf(f, "Okonjo");
  ASSERT_NE(sw, nullptr);
  ASSERT_NE(doctor, nullptr);
  EXPECT_EQ(sw->severity, Severity::kWarning);
  EXPECT_EQ(doctor->severity, Severity::kWarning);
  EXPECT_NE(sw->message.find("professional"), std::string::npos) << sw->message;
}

TEST(Policy, DirectIdentifiersBlockWhateverTheirPlace) {
  Document d = DocumentOf({"NHS number 943 476 5919\nDate of birth: 02/11/1944"});
  d.metadata = {{"Title", "Referral for Harriet Quenby"}};
  std::vector<Finding> f = ScanDocument(d);
  std::map<std::string, Severity> s = Severities(f);
  EXPECT_EQ(s["pii.nhs-number"], Severity::kBlocker);
  EXPECT_EQ(s["pii.date-of-birth"], Severity::kBlocker);
  // A client's full name in the file's Title property blocks like one on a page.
  const Finding* title = FindingOf(f, "Harriet Quenby");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->severity, Severity::kBlocker);
  EXPECT_EQ(title->field, "metadata:Title");
}

TEST(Policy, PhonesEmailsAndAddressesByTheirLabel) {
  Document d =
      DocumentOf({"Office: 01632 960011\nHome tel: 07700 900123\nMobile 07700 900456\n"
                  "Her email: priya.shah@gmail.com\nSW email: j.marsh@council.example.gov.uk\n"
                  "Home address: 14 Mill Lane, Leeds\nMeeting at 3 Station Road, Halifax"});
  std::vector<Finding> f = ScanDocument(d);
  EXPECT_EQ(FindingOf(f, "01632 960011"), nullptr);  // the organisation's own: not reported
  ASSERT_NE(FindingOf(f, "07700 900123"), nullptr);
  EXPECT_EQ(FindingOf(f, "07700 900123")->severity, Severity::kBlocker);
  ASSERT_NE(FindingOf(f, "07700 900456"), nullptr);
  EXPECT_EQ(FindingOf(f, "07700 900456")->severity, Severity::kWarning);
  ASSERT_NE(FindingOf(f, "priya.shah@gmail.com"), nullptr);
  EXPECT_EQ(FindingOf(f, "priya.shah@gmail.com")->severity, Severity::kBlocker);
  ASSERT_NE(FindingOf(f, "j.marsh@council.example.gov.uk"), nullptr);
  EXPECT_EQ(FindingOf(f, "j.marsh@council.example.gov.uk")->severity, Severity::kWarning);
  ASSERT_NE(FindingOf(f, "14 Mill Lane, Leeds"), nullptr);
  EXPECT_EQ(FindingOf(f, "14 Mill Lane, Leeds")->severity, Severity::kBlocker);
  ASSERT_NE(FindingOf(f, "3 Station Road, Halifax"), nullptr);
  EXPECT_EQ(FindingOf(f, "3 Station Road, Halifax")->severity, Severity::kWarning);
}

TEST(Policy, EveryMessageSaysWhyItBlocksOrNot) {
  Document d = DocumentOf({"Her son Tom Okafor rang from Heron Ward on 07700 900123."});
  std::vector<Finding> found = ScanDocument(d);
  ASSERT_EQ(found.size(), 3u);  // the name, the ward, the number
  for (const Finding& f : found) {
    bool why = f.message.find("bundle waits") != std::string::npos ||
               f.message.find("does not") != std::string::npos ||
               f.message.find("narrows down") != std::string::npos;
    EXPECT_TRUE(why) << f.rule << ": " << f.message;
  }
}

// ---------------------------------------------------------------------------
// The organisation's own

TEST(OwnSide, LearnedFromAuthorsContactsDeclarationsAndOfficeLines) {
  Document workbook = DocumentOf(
      {"Section A\nOrganisation name Fenwick Advocacy\nMain contact Harriet Quenby\n",
       "Declaration\nI confirm the case files are anonymised.\n\nName: Tomasz Wilkins Date: "
       "3 May 2025\nOffice: 01632 960311"});
  workbook.metadata = {{"Author", "Oluwaseun Adebayo"}};
  OwnSide own = LearnOwnSide({&workbook}, {});
  EXPECT_TRUE(own.Person("Harriet Quenby"));
  EXPECT_TRUE(own.Person("Tomasz Wilkins"));
  EXPECT_TRUE(own.Person("Oluwaseun Adebayo"));
  EXPECT_TRUE(own.Person("Quenby"));  // a surname alone, after a title, is hers too
  EXPECT_FALSE(own.Person("Harriet Okafor"));
  // Words of two of its people make none of them.
  EXPECT_FALSE(own.Person("Harriet Wilkins"));
  EXPECT_TRUE(own.numbers.contains("01632960311"));
}

TEST(Policy, ACareHomesNumberIsNoPrivateNumber) {
  std::vector<Finding> f =
      ScanDocument(DocumentOf({"Rang Larchfield Nursing Home on 01632 960456 to book a visit.\n"
                               "Her home number is 07700 900987."}));
  ASSERT_NE(FindingOf(f, "01632 960456"), nullptr);
  EXPECT_EQ(FindingOf(f, "01632 960456")->severity, Severity::kWarning);
  ASSERT_NE(FindingOf(f, "07700 900987"), nullptr);
  EXPECT_EQ(FindingOf(f, "07700 900987")->severity, Severity::kBlocker);
}

TEST(OwnSide, AnOwnAddressIsMatchedWordForWord) {
  Document workbook = DocumentOf({"Registered office: 12 High Street, Leeds"});
  OwnSide own = LearnOwnSide({&workbook}, {});
  Document notes =
      DocumentOf({"Visited her at 112 High Street, Leeds.\n"
                  "Met at our office, 12 High Street, Leeds."});
  std::vector<Finding> f = ScanDocument(notes, true, nullptr, &own);
  EXPECT_NE(FindingOf(f, "112 High Street, Leeds"), nullptr);
  EXPECT_EQ(FindingOf(f, "12 High Street, Leeds"), nullptr);
}

TEST(OwnSide, LearnedFromTheEmailsThatCarriedTheSubmission) {
  Document mail = DocumentOf(
      {"Dear QPM team,\nPlease find our files attached.\n\nKind regards,\nHarriet Quenby\n"
       "Fenwick Advocacy\nTel 01632 960311"},
      "email");
  mail.id = "D009";
  mail.metadata = {{"From", "Harriet Quenby <h.quenby@fenwick.example.org>"},
                   {"To", "qpm@qualitymark.example.org"}};
  OwnSide own = LearnOwnSide({&mail}, {"D009"});
  EXPECT_TRUE(own.Person("Harriet Quenby"));
  EXPECT_TRUE(own.domains.contains("fenwick.example.org"));
  EXPECT_TRUE(own.numbers.contains("01632960311"));
  // An email found inside the submission is evidence, not the organisation's word.
  OwnSide none = LearnOwnSide({&mail}, {});
  EXPECT_FALSE(none.Person("Harriet Quenby"));
}

TEST(OwnSide, ItsPeopleAndNumbersAreNoClientsFindings) {
  Document workbook = DocumentOf({"Main contact Harriet Quenby\nOffice: 01632 960311"});
  workbook.id = "D001";
  OwnSide own = LearnOwnSide({&workbook}, {});
  Document letter = DocumentOf(
      {"Yours sincerely,\nHarriet Quenby\nFor queries call 01632 960311.\nHarriet Quenby "
       "visited."});
  letter.id = "D002";
  std::vector<Finding> f = ScanDocument(letter, true, nullptr, &own);
  EXPECT_EQ(FindingOf(f, "01632 960311"), nullptr);
  for (const Finding& x : f) {
    if (x.value == "Harriet Quenby") {
      EXPECT_EQ(x.severity, Severity::kInfo) << x.message;
    }
  }
}

TEST(OwnSide, AClientsConsentAndASentenceAboutATeamAreNotTheOrganisations) {
  // In a case file, the name under "I confirm that I agree ..." is the client's.
  Document consent =
      DocumentOf({"Consent to advocacy\nI confirm that I agree to the advocate seeing my records.\n"
                  "Name: Rosalind Ackerby\nSigned: R Ackerby"},
                 "case-file");
  EXPECT_FALSE(LearnOwnSide({&consent}, {}).Person("Rosalind Ackerby"));
  // Nor, where the role is not known, under a consent statement.
  Document unknown =
      DocumentOf({"I confirm that I consent to information being shared.\nName: Rosalind Ackerby"});
  EXPECT_FALSE(LearnOwnSide({&unknown}, {}).Person("Rosalind Ackerby"));
  // A sentence that mentions a team does not make the address in it the team's.
  Document notes =
      DocumentOf({"Rang the housing team: her new flat is at 4 Brindle Court, Wakefield WF1 3XY.\n"
                  "Office: 01632 960311"});
  OwnSide own = LearnOwnSide({&notes}, {});
  EXPECT_FALSE(own.places.contains("wf1 3xy"));
  EXPECT_TRUE(own.numbers.contains("01632960311"));
  std::vector<Finding> f = ScanDocument(notes, true, nullptr, &own);
  ASSERT_NE(FindingOf(f, "WF1 3XY"), nullptr);
  EXPECT_NE(FindingOf(f, "WF1 3XY")->severity, Severity::kInfo);
}

TEST(OwnSide, AFilesAuthorIsInformation) {
  Document d = DocumentOf({"Case notes"});
  d.metadata = {{"Author", "Tomasz Wilkins"}};
  std::vector<Finding> f = ScanDocument(d);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kInfo);
}

// A name the page labels a client's is one, though the same name is the file's author (a
// case file saved under the client's name) or the organisation's elsewhere.
TEST(OwnSide, ANameLabelledAClientsIsNeverTheOrganisations) {
  Document d = DocumentOf({"Case notes: CF12\nClient name: Tomasz Wilkins\nVisit at the centre."});
  d.metadata = {{"Author", "Tomasz Wilkins"}};
  d.id = "D001";
  OwnSide own = LearnOwnSide({&d}, {});
  ASSERT_TRUE(own.Person("Tomasz Wilkins"));
  std::vector<Finding> f = ScanDocument(d, true, nullptr, &own);
  bool on_page = false;
  for (const Finding& x : f) {
    if (x.value != "Tomasz Wilkins") continue;
    if (x.page == 0) {
      EXPECT_EQ(x.severity, Severity::kInfo);  // the Author property itself
    } else {
      on_page = true;
      EXPECT_EQ(x.severity, Severity::kBlocker) << x.message;
    }
  }
  EXPECT_TRUE(on_page);
}

// ---------------------------------------------------------------------------
// Values shared by several people, and repeats in one document

TEST(Shared, AValueInTheFilesOfSeveralPeopleIsNoOneClients) {
  Document a = DocumentOf({"Tel 07700 900123. Visit to Larchfield Nursing Home."});
  Document b = DocumentOf({"Rang 07700 900123 from Larchfield Nursing Home."});
  Document c = DocumentOf({"Her daughter Priya Shah called on 07700 900123."});
  std::vector<Finding> fa = ScanDocument(a);
  std::vector<Finding> fb = ScanDocument(b);
  std::vector<Finding> fc = ScanDocument(c);
  ExcuseValuesSharedBySubjects({&fa, &fb, &fc});
  EXPECT_EQ(FindingOf(fa, "07700 900123")->severity, Severity::kInfo);
  // In two files, it may be one client's case file and report: it stays.
  EXPECT_EQ(FindingOf(fa, "Larchfield Nursing Home")->severity, Severity::kWarning);
  // A name in two people's files may be one client's case file and report: it stays.
  Document d = DocumentOf({"Her daughter Priya Shah was there."});
  std::vector<Finding> fd = ScanDocument(d);
  std::vector<Finding> fc2 = ScanDocument(c);
  ExcuseValuesSharedBySubjects({&fc2, &fd});
  EXPECT_EQ(FindingOf(fd, "Priya Shah")->severity, Severity::kBlocker);
}

TEST(Shared, PrivateMailboxesAreComparedWholeAndAHomeInTwoFilesStillBlocks) {
  // Three clients' relatives' gmail addresses share a domain and nothing else.
  Document a = DocumentOf({"Her daughter's email: ria.dunmore@gmail.com"});
  Document b = DocumentOf({"His son's email: kit.abara@gmail.com"});
  Document c = DocumentOf({"Her niece's email: lou.prentiss@gmail.com"});
  std::vector<Finding> fa = ScanDocument(a);
  std::vector<Finding> fb = ScanDocument(b);
  std::vector<Finding> fc = ScanDocument(c);
  ExcuseValuesSharedBySubjects({&fa, &fb, &fc});
  ASSERT_NE(FindingOf(fa, "ria.dunmore@gmail.com"), nullptr);
  EXPECT_EQ(FindingOf(fa, "ria.dunmore@gmail.com")->severity, Severity::kBlocker);
  // A client's home address in her case file and in her report: two subjects, one person.
  Document cf = DocumentOf({"Home address: 4 Brindle Court, Wakefield"});
  Document report = DocumentOf({"Home address: 4 Brindle Court, Wakefield"});
  std::vector<Finding> fcf = ScanDocument(cf);
  std::vector<Finding> freport = ScanDocument(report);
  ExcuseValuesSharedBySubjects({&fcf, &freport});
  ASSERT_NE(FindingOf(fcf, "4 Brindle Court, Wakefield"), nullptr);
  EXPECT_EQ(FindingOf(fcf, "4 Brindle Court, Wakefield")->severity, Severity::kBlocker);
  // The same home in three people's files is where several live: a warning, not nothing.
  Document third = DocumentOf({"Home address: 4 Brindle Court, Wakefield"});
  std::vector<Finding> fthird = ScanDocument(third);
  ExcuseValuesSharedBySubjects({&fcf, &freport, &fthird});
  EXPECT_EQ(FindingOf(fcf, "4 Brindle Court, Wakefield")->severity, Severity::kWarning);
}

TEST(Shared, APlaceWithItsTheOnTheLineBeforeIsTheSamePlace) {
  Document a = DocumentOf({"Moved to The Larchfield Nursing Home last week."});
  Document b = DocumentOf({"Visit to The Larchfield Nursing Home."});
  Document c = DocumentOf({"Called the manager at The\nLarchfield Nursing Home today."});
  std::vector<Finding> fa = ScanDocument(a);
  std::vector<Finding> fb = ScanDocument(b);
  std::vector<Finding> fc = ScanDocument(c);
  ExcuseValuesSharedBySubjects({&fa, &fb, &fc});
  const Finding* split = nullptr;
  for (const Finding& x : fc) {
    if (x.rule == "pii.care-place") split = &x;
  }
  ASSERT_NE(split, nullptr);
  EXPECT_EQ(split->severity, Severity::kInfo) << split->value << ": " << split->message;
  EXPECT_NE(split->message.find("files of 3 different people"), std::string::npos);
}

TEST(Shared, AWarningRepeatedInOneDocumentIsListedOnce) {
  Document d =
      DocumentOf({"We visited Larchfield Nursing Home.", "Back at Larchfield Nursing Home.",
                  "Larchfield Nursing Home again. Her son Tom Okafor. Tom Okafor."});
  std::vector<Finding> f = ScanDocument(d);
  int places = 0;
  int names = 0;
  for (const Finding& x : f) {
    if (x.rule == "pii.care-place") {
      ++places;
      EXPECT_NE(x.message.find("3 times (pages 1"), std::string::npos) << x.message;
    }
    if (x.value == "Tom Okafor") ++names;
  }
  EXPECT_EQ(places, 1);
  EXPECT_EQ(names, 2);  // each blocker stays on its own place
}

}  // namespace
}  // namespace qpm::redaction
