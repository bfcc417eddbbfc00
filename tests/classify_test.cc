// Classification: document roles, workbook answers and case-file components, read
// from text the way the extractors leave it, against the shipped profile.
#include "extractors/classify/classify.h"

#include <gtest/gtest.h>

#include "extractors/classify/case_parts.h"
#include "extractors/classify/page_layout.h"
#include "pipeline/core/text.h"

namespace qpm::classify {
namespace {

const Profile& Qpm() {
  static const Profile kProfile = [] {
    Result<Profile> p = LoadProfile(std::string(QPM_SOURCE_DIR) + "/profiles/qpm-v4.json");
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? p.value() : Profile{};
  }();
  return kProfile;
}

// A page whose lines stand 20 points apart, each word 6 points per letter wide, so
// that words and form fields can be placed on it.
Page MakePage(int number, const std::vector<std::string>& lines, double font = 10) {
  Page page;
  page.number = number;
  page.source = TextSource::kTextLayer;
  page.width = 595;
  page.height = 842;
  for (size_t i = 0; i < lines.size(); ++i) {
    double y = 60 + 20 * static_cast<double>(i);
    double x = 50;
    size_t pos = 0;
    const std::string& line = lines[i];
    while (pos < line.size()) {
      size_t end = line.find_first_of(" \t", pos);
      if (end == std::string::npos) end = line.size();
      if (end > pos) {
        Word w;
        w.text = line.substr(pos, end - pos);
        w.start = static_cast<uint32_t>(page.text.size() + pos);
        w.end = static_cast<uint32_t>(page.text.size() + end);
        double width = 6.0 * static_cast<double>(w.text.size());
        w.box = Box{x, y, x + width, y + font};
        x += width + 4;
        page.words.push_back(std::move(w));
      }
      pos = end + 1;
    }
    page.text += line;
    if (i + 1 < lines.size()) page.text += '\n';
  }
  return page;
}

Document MakeDoc(std::string id, std::string entry, std::vector<std::vector<std::string>> pages,
                 std::string title = "") {
  Document d;
  d.id = std::move(id);
  d.origin = {"submission.zip", std::move(entry)};
  d.parent = "D001";
  d.media_type = "application/pdf";
  d.status = DocStatus::kRead;
  for (size_t i = 0; i < pages.size(); ++i) {
    d.pages.push_back(MakePage(static_cast<int>(i) + 1, pages[i]));
  }
  d.page_count = static_cast<int>(d.pages.size());
  if (!title.empty()) d.metadata.emplace_back("Title", title);
  return d;
}

// A page whose lines each have their own print size in points: a running header in
// small print, a title in large print, body text at 10 points.
Page SizedPage(int number, const std::vector<std::pair<std::string, double>>& lines) {
  std::vector<std::string> text;
  for (const auto& [line, size] : lines) text.push_back(line);
  Page page = MakePage(number, text);
  uint32_t start = 0;  // of line i in page.text
  size_t w = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    uint32_t end = start + static_cast<uint32_t>(text[i].size());
    for (; w < page.words.size() && page.words[w].start < end; ++w) {
      page.words[w].box.y1 = page.words[w].box.y0 + lines[i].second;
    }
    start = end + 1;
  }
  return page;
}

// A case-file page: the organisation's header on every page, a title in large print,
// then `top` (a case reference) and the body.
Page PartPage(int number, const std::string& title, const std::vector<std::string>& body,
              const std::string& top = "") {
  std::vector<std::pair<std::string, double>> lines = {
      {"Northgate Advocacy - CONFIDENTIAL - NA/2031", 7}, {title, 16}};
  if (!top.empty()) lines.push_back({top, 10});
  for (const std::string& line : body) lines.push_back({line, 10});
  return SizedPage(number, lines);
}

Document PdfOf(std::string id, std::string entry, std::vector<Page> pages) {
  Document d = MakeDoc(std::move(id), std::move(entry), {});
  d.pages = std::move(pages);
  d.page_count = static_cast<int>(d.pages.size());
  return d;
}

// A Word document as the reader leaves it: its body as one page of text, no layout.
Document WordDoc(std::string id, std::string entry, std::string body) {
  Document d = MakeDoc(std::move(id), std::move(entry), {});
  d.media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  Page page;
  page.source = TextSource::kWordBody;
  page.text = std::move(body);
  d.pages.push_back(page);
  d.page_count = 1;
  return d;
}

// Invented case-file parts under titles no cue list holds, known by what they hold.
const std::vector<std::string> kReferralBody = {
    "Referrer: discharge nurse, Riverside Ward", "Date received 03/02/2026",
    "Why support was asked for", "Mr T wants to say where he lives after hospital."};
const std::vector<std::string> kPlanBody = {"What we agreed to work on together",
                                            "Step        Who         By when",
                                            "1  Ask for the care plan   Advocate   10/02/2026",
                                            "2  Go to the review        Mr T       17/02/2026"};
const std::vector<std::string> kConsentBody = {
    "I agree to Northgate Advocacy supporting me and seeing my records.",
    "Signed: (mark of the person)", "Date 03/02/2026"};
const std::vector<std::string> kNotesBody = {
    "04/02/2026  Visit  Met Mr T on the ward; he wants to go home.",
    "06/02/2026  Phone  Spoke to the social worker about the options.",
    "09/02/2026  Visit  Went through the plan with Mr T."};
const std::vector<std::string> kLetterBody = {"Dear Ms Okafor,", "Re: Mr T",
                                              "Thank you for meeting us on Monday.",
                                              "Kind regards,", "Advocate JB"};

// The first place of the component named `name` in case file `cf`, or nullptr.
const ComponentPlace* PlaceOf(const CaseFile& cf, const std::string& name) {
  for (const auto& [n, places] : cf.components) {
    if (n == name && !places.empty()) return &places.front();
  }
  return nullptr;
}

Submission With(std::vector<Document> docs) {
  Submission s;
  s.inputs.push_back(Input{"submission.zip", false, 0});
  s.documents = std::move(docs);
  return s;
}

const Document& Doc(const Submission& s, const std::string& id) {
  for (const Document& d : s.documents) {
    if (d.id == id) return d;
  }
  static const Document kNone;
  ADD_FAILURE() << "no document " << id;
  return kNone;
}

std::string Words(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i == 0 ? "" : " ") + std::string("word");
  return out;
}

// ---- roles

TEST(Roles, FromNamesFoldersTitlesAndHeadings) {
  Submission s = With({
      MakeDoc("D002", "Case files/CF07.pdf", {{"Referral form", "Case reference: CF07"}}),
      MakeDoc("D003", "Safeguarding Adults Procedure.pdf",
              {{"Safeguarding adults procedure", "Version 2"}}),
      MakeDoc("D004", "scan0001.pdf",
              {{"Independent Mental Capacity Advocate report", "Decision: change of care home"}}),
      MakeDoc(
          "D005", "Misc/letter.pdf",
          {{"12 High Road", "Dear colleague,", "Thank you for your letter.", "Yours sincerely,"}}),
      MakeDoc("D006", "notes.pdf", {{"Shopping", "milk", "bread"}}),
      MakeDoc("D007", "Reports/Care Act/03.pdf", {{"Report", "Care Act advocacy report"}},
              "Care Act advocacy report"),
      MakeDoc("D008", "Our Data Protection and UK GDPR Policy.pdf", {{"Privacy"}}),
  });
  ClassifyDocuments(s, Qpm());
  EXPECT_EQ(Doc(s, "D002").role, "case-file");
  EXPECT_EQ(Doc(s, "D002").role_detail, "CF07");
  EXPECT_NE(Doc(s, "D002").role_reason.find("file name names case CF07"), std::string::npos)
      << Doc(s, "D002").role_reason;
  EXPECT_EQ(Doc(s, "D003").role, "policy");
  EXPECT_EQ(Doc(s, "D003").role_detail, "safeguarding");
  EXPECT_EQ(Doc(s, "D004").role, "report");
  EXPECT_EQ(Doc(s, "D004").role_detail, "imca");
  EXPECT_EQ(Doc(s, "D005").role, "correspondence");
  EXPECT_EQ(Doc(s, "D006").role, "unknown");
  EXPECT_EQ(Doc(s, "D006").role_confidence, 0);
  EXPECT_FALSE(Doc(s, "D006").role_reason.empty());
  EXPECT_EQ(Doc(s, "D007").role, "report");
  EXPECT_EQ(Doc(s, "D007").role_detail, "care-act");
  EXPECT_EQ(Doc(s, "D008").role, "policy");
  EXPECT_EQ(Doc(s, "D008").role_detail, "data-protection");
  for (const Document& d : s.documents) {
    EXPECT_GE(d.role_confidence, 0);
    EXPECT_LE(d.role_confidence, 1);
  }
}

TEST(Roles, ContainersAndJunkKeepTheirRoleAndADuplicateTakesItsFirstCopys) {
  Document zip = MakeDoc("D001", "submission.zip", {});
  zip.role = "container";
  zip.status = DocStatus::kUnpacked;
  Document first = MakeDoc("D002", "Case files/CF01.pdf", {{"Referral form"}});
  Document dup = MakeDoc("D003", "Case files/CF01 copy.pdf", {});
  dup.role = "duplicate";  // as ingest sets it aside
  dup.duplicate_of = "D002";
  dup.status = DocStatus::kSetAside;
  dup.set_aside = "an exact copy of D002";
  Document junk = MakeDoc("D004", ".DS_Store", {});
  junk.role = "junk";
  junk.status = DocStatus::kSetAside;
  junk.set_aside = "a macOS folder file";
  Submission s = With({zip, first, dup, junk});
  ClassifyDocuments(s, Qpm());
  EXPECT_EQ(s.documents[0].role, "container");
  EXPECT_EQ(s.documents[2].role, "case-file");  // a copy is what its first copy is
  EXPECT_EQ(s.documents[2].role_detail, "CF01");
  EXPECT_EQ(s.documents[2].role_label, "Case file CF01");
  EXPECT_EQ(s.documents[2].duplicate_of, "D002");  // and its status says it is a copy
  EXPECT_EQ(s.documents[2].status, DocStatus::kSetAside);
  EXPECT_NE(s.documents[2].role_reason.find("exact copy of D002"), std::string::npos);
  EXPECT_EQ(s.documents[3].role, "junk");
  // MapCaseFiles counts the case once, in its first copy.
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 1u);
  EXPECT_EQ(s.case_files[0].documents, std::vector<std::string>{"D002"});
}

TEST(Roles, AWorkbookIsKnownByTheIndicatorsItPrints) {
  std::vector<std::string> lines = {"Our answers"};
  for (const char* id : {"1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2"}) {
    lines.push_back(std::string(id) + " " + Qpm().FindIndicator(id)->wording);
  }
  Submission s = With({MakeDoc("D002", "Document1.pdf", {lines})});
  ClassifyDocuments(s, Qpm());
  EXPECT_EQ(s.documents[0].role, "workbook");
  EXPECT_NE(s.documents[0].role_reason.find("10 of the profile's 29 indicators"), std::string::npos)
      << s.documents[0].role_reason;
}

// Policies, papers and court filings number their sections and cases too.
TEST(Roles, NumberedSectionsAndCourtCaseNumbersAreNotWorkbooksOrCaseFiles) {
  std::vector<std::string> policy = {"Lone working"};
  for (const char* line : {"1.1 Purpose of this document", "1.2 Scope", "1.3 Definitions",
                           "2.1 Responsibilities of managers", "2.2 Responsibilities of staff",
                           "2.3 Training", "3.1 Risk assessment", "3.2 Reporting", "4.1 Review"}) {
    policy.push_back(line);
  }
  Submission s = With({
      MakeDoc("D002", "Lone working.pdf", {policy}),
      MakeDoc("D003", "filing.pdf",
              {{"Case 1:17-cv-00123-ABC Document 5 Filed 01/02/18 Page 1 of 9",
                "UNITED STATES DISTRICT COURT"}}),
  });
  ClassifyDocuments(s, Qpm());
  EXPECT_NE(s.documents[0].role, "workbook") << s.documents[0].role_reason;
  EXPECT_NE(s.documents[1].role, "case-file") << s.documents[1].role_reason;
}

// The structure of the submission says what a file is before its words do: a referral
// that mentions an IMCA is no IMCA report when it sits in a case's folder.
TEST(Roles, AFileInACasesFolderIsAPartOfThatCase) {
  std::vector<std::string> text = {"Independent Mental Capacity Advocate instruction",
                                   "IMCA instructed by the ward; Mental Capacity Act decision."};
  Submission s = With({
      MakeDoc("D002", "Sub/Case files/CF02 - IMCA/1 Instruction.pdf", {text}),
      MakeDoc("D003", "Sub/Reports/IMCA/IMCA report 1.pdf", {text}),
      MakeDoc("D004", "Sub/Case files/CF01-CF05/notes.pdf", {{"Shopping list"}}),
      MakeDoc("D005", "Sub/Case files/CF02 - IMCA/Assessment Workbook.pdf",
              {{"QPM Assessment Workbook", "1.1 Aims"}}),
      MakeDoc("D006", "Sub/CF01-CF05/Shopping.pdf", {{"Shopping list"}}),
  });
  s.documents[2].origin = {"Case 04.zip", "notes.pdf"};  // a zip named for one case
  ClassifyDocuments(s, Qpm());
  EXPECT_EQ(Doc(s, "D002").role, "case-file") << Doc(s, "D002").role_reason;
  EXPECT_EQ(Doc(s, "D002").role_detail, "CF02");
  EXPECT_NE(Doc(s, "D002").role_reason.find("its folder names case CF02"), std::string::npos)
      << Doc(s, "D002").role_reason;
  EXPECT_EQ(Doc(s, "D003").role, "report");  // the same words in a reports folder
  EXPECT_EQ(Doc(s, "D004").role, "case-file");
  EXPECT_EQ(Doc(s, "D004").role_detail, "CF04");
  // One whose own name says it is another kind of document is weighed with the rest.
  EXPECT_EQ(Doc(s, "D005").role, "workbook") << Doc(s, "D005").role_reason;
  // A folder for a run of cases names none of them.
  EXPECT_NE(Doc(s, "D006").role, "case-file") << Doc(s, "D006").role_reason;
}

TEST(Roles, AFileNamedForOneCaseAndNothingElseIsThatCase) {
  Submission s = With({
      MakeDoc("D002", "Files/Case 07.pdf",
              {{"Getting started", "Independent Mental Capacity Advocate involvement"}}),
      MakeDoc("D003", "IMCA report - CF03.pdf",
              {{"Independent Mental Capacity Advocate report", "Decision: a move"}}),
  });
  ClassifyDocuments(s, Qpm());
  EXPECT_EQ(Doc(s, "D002").role, "case-file") << Doc(s, "D002").role_reason;
  EXPECT_EQ(Doc(s, "D002").role_detail, "CF07");
  // A name that says "IMCA report" too is weighed with the rest.
  EXPECT_EQ(Doc(s, "D003").role, "report") << Doc(s, "D003").role_reason;
}

// Several different parts make a case file, whatever its first page mentions.
TEST(Roles, AFileHoldingSeveralPartsIsACaseFile) {
  Document d =
      PdfOf("D002", "Part 3.pdf",
            {PartPage(1, "Getting started", kReferralBody, "IMCA advocacy"),
             PartPage(2, "Going forward", kPlanBody), PartPage(3, "Saying yes", kConsentBody),
             PartPage(4, "Timeline", kNotesBody), PartPage(5, "Sent out", kLetterBody)});
  Submission s = With({d});
  ClassifyDocuments(s, Qpm());
  EXPECT_EQ(s.documents[0].role, "case-file") << s.documents[0].role_reason;
}

TEST(Roles, APolicyByItsFolderOrByHowItIsLaidOut) {
  Submission s = With({
      MakeDoc("D002", "Submission/02 Policies and procedures/Quality Standards.pdf",
              {{"Quality Standards", "How we keep our promises to people."}}),
      MakeDoc("D003", "Records Standards.pdf",
              {{"Records Standards", "Version 3.1", "Approved by the trustees", "1. Purpose",
                "Why we keep records.", "2. Scope", "Everyone who works for us.",
                "3. Roles and responsibilities", "Who does what.", "Next review due May 2027"}}),
      MakeDoc("D004", "Standards.pdf", {{"Standards", "We keep good records."}}),
      MakeDoc("D005", "IMCA report 2.pdf",
              {{"Independent Mental Capacity Advocate report", "Background", "The decision",
                "Options considered", "Version 2"}}),
  });
  s.documents[0].origin.insert(s.documents[0].origin.begin(), "Policies.zip");
  ClassifyDocuments(s, Qpm());
  EXPECT_EQ(Doc(s, "D002").role, "policy") << Doc(s, "D002").role_reason;
  EXPECT_EQ(Doc(s, "D003").role, "policy") << Doc(s, "D003").role_reason;
  EXPECT_NE(Doc(s, "D003").role_reason.find("laid out as a policy"), std::string::npos)
      << Doc(s, "D003").role_reason;
  EXPECT_EQ(Doc(s, "D004").role, "unknown") << Doc(s, "D004").role_reason;
  EXPECT_EQ(Doc(s, "D005").role, "report") << Doc(s, "D005").role_reason;
}

// An edition whose indicator ids look like case numbers ("CF-01", a Confidentiality
// section): the workbook is neither taken for a case file nor said to name one.
TEST(Roles, AWorkbookWhoseIndicatorIdsLookLikeCaseNumbersNamesNoCase) {
  Profile p = Qpm();
  p.indicator_id = "[A-Z]{2}-[0-9]{2}";
  p.sections = {{"CF", "Confidentiality", {}}};
  std::vector<std::string> lines = {"CF-01 Confidentiality"};
  for (int i = 1; i <= 4; ++i) {
    std::string id = "CF-0" + std::to_string(i);
    std::string wording =
        "Explain how records of advocacy are kept safe, step " + std::to_string(i);
    p.sections[0].indicators.push_back({id, "narrative", wording, 0});
    lines.push_back(id + " " + wording);
  }
  Submission s = With({MakeDoc("D002", "Document1.pdf", {lines})});
  ClassifyDocuments(s, p);
  EXPECT_EQ(s.documents[0].role, "workbook") << s.documents[0].role_reason;
  EXPECT_EQ(s.documents[0].role_detail, "");
  MapCaseFiles(s, p);
  EXPECT_TRUE(s.case_files.empty());
}

// ---- workbook answers from text (Word tables, printed and scanned workbooks)

Submission WorkbookFrom(std::vector<std::vector<std::string>> pages) {
  Document d = MakeDoc("D002", "Workbook.pdf", std::move(pages), "QPM Assessment Workbook");
  d.role = "workbook";
  d.role_confidence = 1;
  return With({d});
}

const WorkbookAnswer* Answer(const Submission& s, const std::string& id) {
  for (const WorkbookAnswer& a : s.workbook.answers) {
    if (a.indicator == id) return &a;
  }
  return nullptr;
}

TEST(WorkbookText, BoxGlyphsYesNoAndNarratives) {
  const Indicator* w12 = Qpm().FindIndicator("1.2");
  ASSERT_NE(w12, nullptr);
  Submission s = WorkbookFrom({{
      "Section 1: Clarity of purpose",
      "1.1 The organisation has a written statement of the aims of its advocacy service, "
      "approved by the board of trustees. ☒",
      "1.2 " + w12->wording,
      "Answer: " + Words(45),
      "1.3 Published information says who can use the service and how to make a referral.",
      "Yes ☐ No ☒",
      "2.1 The organisation is structurally independent. [x]",
      "2.2 Describe how conflicts of interest are identified, recorded and managed.",
      "Click or tap here to enter text.",
      "2.3 Advocates do not provide any other service. ☐",
      "3.2 Advocates record the person's views. Yes",
  }});
  ReadWorkbook(s, Qpm());
  const WorkbookAnswer* a11 = Answer(s, "1.1");
  ASSERT_NE(a11, nullptr);
  EXPECT_EQ(a11->kind, "tick");
  EXPECT_EQ(a11->state, "ticked");
  EXPECT_EQ(a11->source, "check box glyph");
  EXPECT_EQ(a11->page, 1);
  ASSERT_TRUE(a11->box.has_value());
  const WorkbookAnswer* a12 = Answer(s, "1.2");
  ASSERT_NE(a12, nullptr);
  EXPECT_EQ(a12->kind, "narrative");
  EXPECT_EQ(a12->state, "answered");
  EXPECT_EQ(a12->words, 45);  // the wording and the "Answer:" label are not counted
  EXPECT_EQ(Answer(s, "1.3")->state, "unticked");  // "No" is the box ticked
  EXPECT_EQ(Answer(s, "2.1")->state, "ticked");
  EXPECT_EQ(Answer(s, "2.2")->state, "empty");  // Word's placeholder is no answer
  EXPECT_EQ(Answer(s, "2.2")->words, 0);
  EXPECT_EQ(Answer(s, "2.3")->state, "unticked");
  EXPECT_EQ(Answer(s, "3.2")->state, "ticked");
}

TEST(WorkbookText, WordTablesSeparateWordingAndAnswerByCell) {
  Submission s = WorkbookFrom({{
      "1.1\tThe organisation has a written statement of its aims.\t☒",
      "1.2\tDescribe how advocates explain advocacy.\t" + Words(50),
      "12.9\tA new indicator of a later edition?\t" + Words(12),
  }});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1")->state, "ticked");
  EXPECT_EQ(Answer(s, "1.2")->words, 50);
  const WorkbookAnswer* extra = Answer(s, "12.9");
  ASSERT_NE(extra, nullptr);
  EXPECT_FALSE(extra->in_profile);
  EXPECT_EQ(extra->kind, "narrative");
  EXPECT_EQ(extra->words, 12);  // its first cell is taken as its wording
}

TEST(WorkbookText, EditionDifferencesAreFindingsBothWays) {
  Submission s = WorkbookFrom({{"1.1 Aims. ☒", "1.2 Explain. " + Words(50), "12.9 New. ☒"}});
  ReadWorkbook(s, Qpm());
  int missing = 0, unknown = 0;
  for (const Finding& f : s.findings) {
    if (f.rule == "workbook.indicator-missing") ++missing;
    if (f.rule == "workbook.indicator-not-in-profile") {
      ++unknown;
      EXPECT_NE(f.message.find("12.9"), std::string::npos);
      EXPECT_EQ(f.page, 1);
      EXPECT_EQ(f.severity, Severity::kWarning);
    }
  }
  EXPECT_EQ(unknown, 1);
  EXPECT_EQ(missing, 29 - 2);  // every profile indicator but 1.1 and 1.2
}

TEST(WorkbookText, ANarrativeStopsAtTheNextSectionAndSkipsRunningFooters) {
  Submission s = WorkbookFrom({
      {"1.2 Describe how advocates explain what advocacy is.", Words(30),
       "Example Advocacy page 1"},
      {Words(12), "Section 2: Independence", "Advocacy is free from influence.",
       "Example Advocacy page 2", "2.1 Structurally independent ☒"},
  });
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.2")->words, 42);  // across the page, without the footer or section 2
  EXPECT_EQ(Answer(s, "2.1")->state, "ticked");
}

TEST(WorkbookText, AContentsPageDoesNotHideTheAnswer) {
  Submission s = WorkbookFrom({
      {"Contents", "1.1 Aims", "1.2 Explaining advocacy"},
      {"1.1 The organisation has aims. ☒", "1.2 Describe how. " + Words(41)},
  });
  ReadWorkbook(s, Qpm());
  ASSERT_EQ(s.workbook.answers.size(), 2u);  // each id once
  EXPECT_EQ(Answer(s, "1.1")->state, "ticked");
  EXPECT_EQ(Answer(s, "1.1")->page, 2);
  EXPECT_EQ(Answer(s, "1.2")->words, 41);
}

TEST(WorkbookText, IssueDateWteAndBand) {
  Submission s =
      WorkbookFrom({{"QPM Assessment Workbook", "Date of issue: 1st September 2026",
                     "Whole time equivalent (WTE) advocates: 12.5", "Band: 1", "1.1 Aims ☒"}});
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(s.workbook.issued, "2026-09-01");
  ASSERT_TRUE(s.workbook.wte.has_value());
  EXPECT_DOUBLE_EQ(*s.workbook.wte, 12.5);
  ASSERT_TRUE(s.workbook.band.has_value());
  EXPECT_EQ(*s.workbook.band, 1);
  Submission uk = WorkbookFrom({{"Workbook issued 01/09/2026", "1.1 Aims ☒"}});
  ReadWorkbook(uk, Qpm());
  EXPECT_EQ(uk.workbook.issued, "2026-09-01");
}

TEST(WorkbookText, NoWorkbookIsABlocker) {
  Submission s = With({MakeDoc("D002", "policy.pdf", {{"Safeguarding policy"}})});
  ReadWorkbook(s, Qpm());
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].rule, "workbook.not-found");
  EXPECT_EQ(s.findings[0].severity, Severity::kBlocker);
  EXPECT_TRUE(s.workbook.document.empty());
}

// ---- workbook answers from form fields, tied to indicators by position

FormField Field(std::string kind, int page, double y, bool on, std::string value = "") {
  FormField f;
  f.name = kind == "text" ? "Text1" : "Check Box1";  // generic, as Word's export names them
  f.kind = std::move(kind);
  f.page = page;
  f.on = on;
  f.value = std::move(value);
  f.box = Box{500, y, 513, y + 13};
  return f;
}

TEST(WorkbookFields, EachFieldBelongsToTheIndicatorBesideIt) {
  // Lines at y = 60, 80, 100, ...: 1.1 at 80, 1.2 at 100, 1.3 at 140.
  Submission s = WorkbookFrom({{"Section 1", "1.1 Aims.", "1.2 Describe how.", "", "1.3 Info."}});
  Document& d = s.documents[0];
  d.fields.push_back(Field("checkbox", 1, 79, true, "Ja"));  // any export value is "on"
  d.fields.push_back(Field("text", 1, 101, false, Words(44)));
  d.fields.push_back(Field("checkbox", 1, 139, false));
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1")->state, "ticked");
  EXPECT_EQ(Answer(s, "1.1")->source, "form field");
  EXPECT_EQ(Answer(s, "1.2")->state, "answered");
  EXPECT_EQ(Answer(s, "1.2")->words, 44);
  EXPECT_EQ(Answer(s, "1.3")->state, "unticked");  // its own box is off: not 1.1's
}

TEST(WorkbookFields, RadioNoAndHiddenFields) {
  Submission s = WorkbookFrom({{"1.1 Aims.", "1.3 Info.", "2.1 Independent."}});
  Document& d = s.documents[0];
  FormField no = Field("radio", 1, 59, true, "No");
  d.fields.push_back(no);
  FormField yes = Field("radio", 1, 79, true, "Yes");
  d.fields.push_back(yes);
  FormField hidden = Field("checkbox", 1, 99, true);
  hidden.hidden = true;
  d.fields.push_back(hidden);
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.1")->state, "unticked");
  EXPECT_EQ(Answer(s, "1.3")->state, "ticked");
  EXPECT_EQ(Answer(s, "2.1")->state, "unticked");  // a hidden box is not an answer
}

TEST(WorkbookFields, ANarrativeFieldOnTheNextPageStaysWithItsIndicator) {
  Submission s = WorkbookFrom({{"1.2 Describe how."}, {"", "", "", "1.3 Info."}});
  Document& d = s.documents[0];
  d.fields.push_back(Field("text", 2, 50, false, Words(60)));  // above 1.3 on page 2
  ReadWorkbook(s, Qpm());
  EXPECT_EQ(Answer(s, "1.2")->words, 60);
  EXPECT_EQ(Answer(s, "1.3")->state, "unticked");
}

// ---- case files

// A file attached to a case file's PDF (or embedded in its Word file) that says nothing of
// its own is part of that case: one case, not two, whatever number the case is given.
TEST(CaseFiles, AFileCarriedInACaseFileFollowsItsCase) {
  Document parent =
      PdfOf("D002", "scan0007.pdf",
            {PartPage(1, "Referral", kReferralBody), PartPage(2, "Agreement", kPlanBody),
             PartPage(3, "Consent", kConsentBody)});
  Document notes = MakeDoc("D003", "notes.docx", {{"Contact notes"}, {"Met client"}});
  notes.origin = {"submission.zip", "scan0007.pdf", "notes.docx"};
  notes.parent = "D002";
  Document unread = MakeDoc("D004", "Book1.xlsx", {});
  unread.origin = {"submission.zip", "scan0007.pdf", "Book1.xlsx"};
  unread.parent = "D002";
  unread.status = DocStatus::kNotRead;
  // A file attached to something that is no case file is what it is on its own.
  Document policy = MakeDoc("D005", "minutes.pdf", {{"Team meeting", "Agenda"}});
  Document carried = MakeDoc("D006", "list.txt", {{"Shopping", "milk", "bread"}});
  carried.origin = {"submission.zip", "minutes.pdf", "list.txt"};
  carried.parent = "D005";
  Submission s = With({parent, notes, unread, policy, carried});
  ClassifyDocuments(s, Qpm());
  ASSERT_EQ(Doc(s, "D002").role, "case-file") << Doc(s, "D002").role_reason;
  EXPECT_EQ(Doc(s, "D003").role, "case-file");
  EXPECT_NE(Doc(s, "D003").role_reason.find("carried inside D002"), std::string::npos)
      << Doc(s, "D003").role_reason;
  EXPECT_EQ(Doc(s, "D004").role, "case-file");
  EXPECT_EQ(Doc(s, "D006").role, "unknown");
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 1u);  // numbered by order: the children take its number
  const CaseFile& cf = s.case_files[0];
  EXPECT_EQ(cf.documents, (std::vector<std::string>{"D002", "D003", "D004"}));
  EXPECT_EQ(Doc(s, "D003").role_detail, cf.id);
  EXPECT_EQ(Doc(s, "D004").role_detail, cf.id);
}

TEST(CaseFiles, OnePdfPerCaseWithComponentsByHeading) {
  Document d = MakeDoc("D002", "Case files/CF02.pdf",
                       {{"Advocacy Referral Form", "Case ref: CF02"},
                        {"Working agreement", "We agreed"},
                        {"Consent to share information", "I agree"},
                        {"Contact notes", "Met client"},
                        {"More notes", "Met again"},
                        {"Letters", "Dear colleague"}});
  d.role = "case-file";
  d.role_detail = "CF02";
  Submission s = With({d});
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 1u);
  const CaseFile& cf = s.case_files[0];
  EXPECT_EQ(cf.id, "CF02");
  ASSERT_EQ(cf.components.size(), 5u);
  auto place = [&](const std::string& name) {
    for (const auto& [n, places] : cf.components) {
      if (n == name) return places;
    }
    return std::vector<ComponentPlace>{};
  };
  ASSERT_EQ(place("referral form").size(), 1u);
  EXPECT_EQ(place("referral form")[0].cue, "Advocacy referral");
  EXPECT_EQ(place("advocacy agreement")[0].first_page, 2);
  EXPECT_EQ(place("consent form")[0].first_page, 3);
  EXPECT_EQ(place("case notes")[0].first_page, 4);
  EXPECT_EQ(place("case notes")[0].last_page, 5);  // "More notes" goes on with them
  EXPECT_EQ(place("correspondence")[0].first_page, 6);
}

TEST(CaseFiles, SeveralCasesInOnePdfAreSplitByTheCaseEachPageNames) {
  Document d = MakeDoc("D002", "Case files.pdf",
                       {{"Referral form", "Case reference: CF01"},
                        {"Consent form", "Case reference: CF01"},
                        {"Referral form", "Case reference: CF02"},
                        {"Case notes", "Case reference: CF02"},
                        {"continued"}});
  d.role = "case-file";
  Submission s = With({d});
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 2u);
  EXPECT_EQ(s.case_files[0].id, "CF01");
  EXPECT_EQ(s.case_files[1].id, "CF02");
  const auto& notes = s.case_files[1].components[3];
  EXPECT_EQ(notes.first, "case notes");
  ASSERT_EQ(notes.second.size(), 1u);
  EXPECT_EQ(notes.second[0].first_page, 4);
  EXPECT_EQ(notes.second[0].last_page, 5);
  EXPECT_TRUE(s.case_files[0].components[3].second.empty());  // CF01 has no notes
}

TEST(CaseFiles, AFolderPerCaseUsesFileNamesWhenPagesHaveNoHeading) {
  std::vector<Document> docs;
  const char* names[] = {"1 Referral.pdf", "2 Action plan.pdf", "3 Consent.pdf"};
  for (int i = 0; i < 3; ++i) {
    Document d = MakeDoc("D00" + std::to_string(i + 2), std::string("Case files/CF04/") + names[i],
                         {{"The quick text of a page with no heading at all in it"}});
    d.role = "case-file";
    d.role_detail = "CF04";
    docs.push_back(d);
  }
  Submission s = With(docs);
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 1u);
  EXPECT_EQ(s.case_files[0].documents.size(), 3u);
  EXPECT_EQ(s.case_files[0].components[0].second.at(0).document, "D002");
  EXPECT_EQ(s.case_files[0].components[1].second.at(0).document, "D003");
  EXPECT_EQ(s.case_files[0].components[2].second.at(0).document, "D004");
  EXPECT_TRUE(s.case_files[0].components[3].second.empty());
}

// A case with no number anywhere takes the first number free, never a file name (it
// may hold a person's name), and its document says so.
TEST(CaseFiles, ACaseWithoutANumberIsNumberedByOrderNotByFileName) {
  Document d = MakeDoc("D009", "Jane Example file.pdf", {{"Referral form"}});
  d.role = "case-file";
  Submission s = With({d});
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 1u);
  EXPECT_EQ(s.case_files[0].id, "CF01");
  EXPECT_EQ(s.documents[0].role_detail, "CF01");
  EXPECT_NE(s.documents[0].role_reason.find("no case number"), std::string::npos)
      << s.documents[0].role_reason;
  EXPECT_EQ(s.case_files[0].id.find("Jane"), std::string::npos);
}

// A heading names a part wherever its cue stands in it, under a running header.
TEST(Parts, AHeadingNamesAPartWhereverItsCueStands) {
  Document d = PdfOf("D002", "CF05.pdf",
                     {PartPage(1, "Self-Referral Form", {"Reasons", "He asked us himself."}),
                      PartPage(2, "Person-Led Action Plan", {"Things to do"}),
                      PartPage(3, "Consent to Share Information", {"Yes"}),
                      PartPage(4, "Notes of contact", {"Met him."}),
                      PartPage(5, "Emails and letters sent", {"One letter."})});
  d.role = "case-file";
  d.role_detail = "CF05";
  Submission s = With({d});
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 1u);
  const CaseFile& cf = s.case_files[0];
  int page = 0;
  for (const char* name :
       {"referral form", "advocacy agreement", "consent form", "case notes", "correspondence"}) {
    const ComponentPlace* place = PlaceOf(cf, name);
    ASSERT_NE(place, nullptr) << name;
    EXPECT_EQ(place->first_page, ++page) << name;
  }
  EXPECT_EQ(PlaceOf(cf, "advocacy agreement")->cue, "Action plan");
}

// One page in a folder of parts: a header the file repeats on no other page, then the
// title in large print. The lines under a title are a form's rows, not headings.
TEST(Parts, ATitleInLargePrintUnderAHeaderAndNotAFormsRow) {
  Document plan = PdfOf("D002", "CF01/2.pdf", {PartPage(1, "Our Advocacy Agreement", {"Yes"})});
  std::vector<std::pair<std::string, double>> lines = {{"Getting started", 10},
                                                       {"Consent to share  Yes", 10}};
  for (const std::string& line : kReferralBody) lines.push_back({line, 10});
  Document referral = PdfOf("D003", "CF01/1.pdf", {SizedPage(1, lines)});
  ASSERT_EQ(parts::PartsOf(plan, 0, 0, Qpm()).size(), 1u);
  EXPECT_EQ(Qpm().components[size_t(parts::PartsOf(plan, 0, 0, Qpm())[0].component)].name,
            "advocacy agreement");
  std::vector<parts::PartStart> found = parts::PartsOf(referral, 0, 0, Qpm());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Qpm().components[size_t(found[0].component)].name, "referral form");
  EXPECT_NE(found[0].cue.find("By its content"), std::string::npos) << found[0].cue;
}

// Titles no list holds: each part is known by what it holds, and the report says so.
TEST(Parts, PartsWithTitlesNoListHoldsAreKnownByWhatTheyHold) {
  Document d =
      PdfOf("D002", "Case files/CF03.pdf",
            {PartPage(1, "Getting started", kReferralBody), PartPage(2, "Going forward", kPlanBody),
             PartPage(3, "Saying yes", kConsentBody), PartPage(4, "Timeline", kNotesBody),
             PartPage(5, "Timeline", {"More of the same, undated."}),
             PartPage(6, "Sent out", kLetterBody)});
  d.role = "case-file";
  d.role_detail = "CF03";
  Submission s = With({d});
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 1u);
  const CaseFile& cf = s.case_files[0];
  const ComponentPlace* referral = PlaceOf(cf, "referral form");
  ASSERT_NE(referral, nullptr);
  EXPECT_EQ(referral->first_page, 1);
  EXPECT_EQ(referral->cue, "By its content: who referred the person, when and why");
  ASSERT_NE(PlaceOf(cf, "advocacy agreement"), nullptr);
  EXPECT_EQ(PlaceOf(cf, "advocacy agreement")->first_page, 2);
  ASSERT_NE(PlaceOf(cf, "consent form"), nullptr);
  EXPECT_EQ(PlaceOf(cf, "consent form")->first_page, 3);
  const ComponentPlace* notes = PlaceOf(cf, "case notes");
  ASSERT_NE(notes, nullptr);
  EXPECT_EQ(notes->first_page, 4);
  EXPECT_EQ(notes->last_page, 5);  // a page that says nothing goes on with the part before
  ASSERT_NE(PlaceOf(cf, "correspondence"), nullptr);
  EXPECT_EQ(PlaceOf(cf, "correspondence")->first_page, 6);
}

// A referral form's consent question is part of the referral, not a consent form.
TEST(Parts, AReferralsConsentQuestionIsNoConsentPart) {
  std::vector<std::string> body = kReferralBody;
  body.push_back("Does the person consent to this referral? Yes");
  body.push_back("Signature of referrer: (signed)");
  Document d = PdfOf("D002", "CF02.pdf",
                     {PartPage(1, "Getting started", body), PartPage(2, "Timeline", kNotesBody)});
  d.role = "case-file";
  d.role_detail = "CF02";
  Submission s = With({d});
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 1u);
  EXPECT_NE(PlaceOf(s.case_files[0], "referral form"), nullptr);
  EXPECT_EQ(PlaceOf(s.case_files[0], "consent form"), nullptr);
}

// A case file as one Word document: one page, every part on it, each starting at a
// short line that opens a block.
TEST(Parts, AWordCaseFileHasEveryPartOnItsOnePage) {
  auto block = [](const std::string& title, const std::vector<std::string>& body) {
    std::string out = title + "\n";
    for (const std::string& line : body) out += line + "\n";
    return out + "\n\n";
  };
  std::vector<std::string> consent = kConsentBody;
  consent.insert(consent.end() - 1, "");  // the signature in a block of its own
  Document d = WordDoc("D002", "Case file 4.docx",
                       block("Getting started", kReferralBody) + block("Going forward", kPlanBody) +
                           block("Saying yes", consent) + block("Timeline", kNotesBody) +
                           block("Sent out", kLetterBody));
  d.role = "case-file";
  d.role_detail = "CF04";
  Submission s = With({d});
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 1u);
  for (const auto& [name, places] : s.case_files[0].components) {
    ASSERT_EQ(places.size(), 1u) << name;
    EXPECT_EQ(places[0].first_page, 1) << name;
  }
}

// A Word file with no space between its parts: a line that is nothing but a part's
// name starts it; a line of notes that mentions a letter does not.
TEST(Parts, AWordFileWithNoSpaceBetweenPartsIsSplitAtLinesThatNameOne) {
  std::string body = "Referral form\n";
  for (const std::string& line : kReferralBody) body += line + "\n";
  body += "Case notes\n";
  for (const std::string& line : kNotesBody) body += line + "\n";
  body += "Letter sent to the GP\n";
  Document d = WordDoc("D002", "Case file 6.docx", body);
  std::vector<parts::PartStart> found = parts::PartsOf(d, 0, 0, Qpm());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(Qpm().components[size_t(found[0].component)].name, "referral form");
  EXPECT_EQ(Qpm().components[size_t(found[1].component)].name, "case notes");
}

TEST(PartContent, EachKindByWhatItHolds) {
  auto kind = [](const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    return parts::ByContent(text).kind;
  };
  EXPECT_EQ(kind(kReferralBody), parts::Kind::kReferral);
  EXPECT_EQ(kind(kPlanBody), parts::Kind::kPlan);
  EXPECT_EQ(kind(kConsentBody), parts::Kind::kConsent);
  EXPECT_EQ(kind(kNotesBody), parts::Kind::kNotes);
  EXPECT_EQ(kind(kLetterBody), parts::Kind::kLetters);
  EXPECT_EQ(kind({"From: advocate@example.org", "To: ward@example.org", "Subject: Mr T",
                  "He would like to meet on Friday."}),
            parts::Kind::kLetters);
  EXPECT_EQ(kind({"We have agreed to work on getting Mr T home.", "Review date: 01/03/2026"}),
            parts::Kind::kPlan);
  // A referral form with no referrer named, but its other parts.
  EXPECT_EQ(kind({"About the person", "Type of advocacy: Care Act", "Reason for request",
                  "Communication needs: large print"}),
            parts::Kind::kReferral);
}

TEST(PartContent, NotesInATableThatWrapsAreFoundByTheirWaysOfContact) {
  auto kind = [](const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    return parts::ByContent(text).kind;
  };
  // A narrow table read cell by cell: each date alone on its line, the contact's kind
  // a table value ("Phone", "Email"), a longer one broken across lines.
  std::vector<std::string> table = {"Date",
                                    "Contact",
                                    "Entry",
                                    "03/11/20",
                                    "25",
                                    "Phone",
                                    "Left a message for the ward.",
                                    "05/11/20",
                                    "25",
                                    "Visit",
                                    "Sat with Mr K in the day room.",
                                    "09/11/20",
                                    "25",
                                    "Email",
                                    "Sent the summary to the social worker.",
                                    "12/11/20",
                                    "25",
                                    "Meetin",
                                    "g",
                                    "Best interests discussion held."};
  EXPECT_EQ(kind(table), parts::Kind::kNotes);
  // Two ways of contact are not yet notes: a plan's dated steps mention a call and a visit.
  EXPECT_EQ(kind({"Steps", "03/11/2025", "Call the ward", "05/11/2025", "Visit Mr K", "09/11/2025",
                  "Review", "12/11/2025", "Close"}),
            parts::Kind::kNone);
}

TEST(PartContent, LooksAlikeDecideNothing) {
  auto kind = [](const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    return parts::ByContent(text).kind;
  };
  // Consent without a signature; a signature without consent.
  EXPECT_EQ(kind({"I agree to the advocate seeing my records."}), parts::Kind::kNone);
  // A plan signed by the person and the advocate is no consent form.
  EXPECT_EQ(kind({"Mr P and the advocate agree to this plan.", "Signed: Mr P", "Signed: advocate"}),
            parts::Kind::kNone);
  EXPECT_EQ(kind({"Signed by the manager", "Date 03/02/2026"}), parts::Kind::kNone);
  // A table's date column, left alone on its lines as the rows wrap, is no list of contacts.
  EXPECT_EQ(kind({"Ask for the care plan", "10/02/2026", "Go to the review", "17/02/2026",
                  "Write to the GP", "24/02/2026"}),
            parts::Kind::kNone);
  // A policy and a report are no parts.
  EXPECT_EQ(kind({"1. Purpose", "This policy sets out how consent is recorded.", "2. Scope",
                  "Approved by the trustees"}),
            parts::Kind::kNone);
  EXPECT_EQ(kind({"Background", "The decision to be made", "Options considered"}),
            parts::Kind::kNone);
  // A letter needs both ends.
  EXPECT_EQ(kind({"Dear Ms Okafor,", "Thank you for meeting us."}), parts::Kind::kNone);
}

TEST(PartContent, EachKindCountsForTheProfilesComponentThatNamesIt) {
  EXPECT_EQ(parts::ComponentFor(parts::Kind::kReferral, Qpm()), 0);
  EXPECT_EQ(parts::ComponentFor(parts::Kind::kPlan, Qpm()), 1);
  EXPECT_EQ(parts::ComponentFor(parts::Kind::kConsent, Qpm()), 2);
  EXPECT_EQ(parts::ComponentFor(parts::Kind::kNotes, Qpm()), 3);
  EXPECT_EQ(parts::ComponentFor(parts::Kind::kLetters, Qpm()), 4);
  EXPECT_EQ(parts::ComponentFor(parts::Kind::kNone, Qpm()), -1);
  Profile none = Qpm();
  none.components.clear();  // a quality mark with no case files
  EXPECT_EQ(parts::ComponentFor(parts::Kind::kNotes, none), -1);
}

TEST(Parts, AHeadingNamesNoPartWhenItIsALineOfText) {
  std::string cue;
  EXPECT_EQ(parts::ComponentOfHeading("Person-Led Action Plan", Qpm(), &cue), 1);
  EXPECT_EQ(cue, "action plan");
  EXPECT_EQ(parts::ComponentOfHeading("Letters", Qpm(), &cue), 4);
  EXPECT_EQ(parts::ComponentOfHeading("Copies of letters sent", Qpm(), &cue), 4);
  // Too long, or dated: a line of the part, not its title.
  EXPECT_EQ(parts::ComponentOfHeading("Letter to the GP - 07/05/2026", Qpm(), &cue), -1);
  EXPECT_EQ(parts::ComponentOfHeading(
                "We talked about the action plan and what the person wants to happen next week",
                Qpm(), &cue),
            -1);
}

// Several cases in one PDF, numbered by nothing but the organisation's own references.
TEST(CaseFiles, CasesToldApartByTheirOwnReferencesTakeTheRunTheNameGives) {
  std::vector<Page> pages;
  int n = 0;
  for (const char* ref : {"NA-2026-0101", "NA-2026-0117", "NA-2026-0093"}) {
    std::string top = "Case reference " + std::string(ref) + " - Care Act advocacy";
    pages.push_back(PartPage(++n, "Getting started", kReferralBody, top));
    pages.push_back(PartPage(++n, "Going forward", kPlanBody, top));
    pages.push_back(PartPage(++n, "Timeline", kNotesBody, top));
  }
  Document d = PdfOf("D002", "Case files 1-3.pdf", pages);
  d.role = "case-file";
  Submission s = With({d});
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(s.case_files[size_t(i)].id, "CF0" + std::to_string(i + 1));
    const ComponentPlace* notes = PlaceOf(s.case_files[size_t(i)], "case notes");
    ASSERT_NE(notes, nullptr);
    EXPECT_EQ(notes->first_page, 3 * i + 3);
  }
  EXPECT_NE(s.documents[0].role_reason.find("CF01 to CF03"), std::string::npos)
      << s.documents[0].role_reason;
  // With no run in its name, the cases take the first numbers free.
  s = With({d});
  s.documents[0].origin.back() = "Bundle.pdf";
  Document cf01 = MakeDoc("D003", "CF01.pdf", {{"Referral form"}});
  cf01.role = "case-file";
  cf01.role_detail = "CF01";
  s.documents.push_back(cf01);
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 4u);
  EXPECT_EQ(s.case_files[0].documents, std::vector<std::string>{"D003"});
  EXPECT_EQ(s.case_files[3].id, "CF04");
}

// A scan's misread reference is the same case; on a text layer, references a digit apart
// are two cases, as an organisation may number its cases one after another.
TEST(CaseFiles, AReferenceOcrMisreadIsOneCaseAndNeighbouringNumbersAreTwo) {
  auto bundle = [](TextSource source, const char* second_ref) {
    std::vector<Page> pages;
    int n = 0;
    for (const char* ref : {"NA-2026-0101", second_ref}) {
      std::string top = "Client ref: " + std::string(ref);
      pages.push_back(PartPage(++n, "Getting started", kReferralBody, top));
      pages.push_back(PartPage(++n, "Timeline", kNotesBody, top));
      pages.push_back(PartPage(++n, "Sent out", kLetterBody, top));
    }
    for (Page& p : pages) p.source = source;
    Document d = PdfOf("D002", "SCAN_0001.pdf", pages);
    d.role = "case-file";
    Submission s = With({d});
    MapCaseFiles(s, Qpm());
    return s.case_files.size();
  };
  EXPECT_EQ(bundle(TextSource::kOcr, "NA-2026-O1O1"), 1u);  // O read for 0
  EXPECT_EQ(bundle(TextSource::kOcr, "NA-2026-0181"), 1u);  // 0 read as 8
  EXPECT_EQ(bundle(TextSource::kTextLayer, "NA-2026-0102"), 2u);
  EXPECT_EQ(bundle(TextSource::kOcr, "NA-2025-0777"), 2u);
}

// Scans with no case number among numbered case files take the numbers missing from
// the run, in the order they came.
TEST(CaseFiles, UnnumberedCasesTakeTheMissingNumbersInTheOrderTheyCame) {
  std::vector<Document> docs;
  for (const char* name : {"CF01.pdf", "SCAN_0930.pdf", "CF03.pdf", "SCAN_1015.pdf", "CF05.pdf"}) {
    Document d = MakeDoc("D00" + std::to_string(docs.size() + 2), name, {{"Referral form"}});
    d.role = "case-file";
    d.role_detail = CaseIdInName(FileStem(d), Qpm());
    docs.push_back(d);
  }
  Submission s = With(docs);
  MapCaseFiles(s, Qpm());
  ASSERT_EQ(s.case_files.size(), 5u);
  EXPECT_EQ(s.case_files[1].id, "CF02");
  EXPECT_EQ(s.case_files[1].documents, std::vector<std::string>{"D003"});
  EXPECT_EQ(s.case_files[3].id, "CF04");
  EXPECT_EQ(s.case_files[3].documents, std::vector<std::string>{"D005"});
  EXPECT_EQ(Doc(s, "D003").role_detail, "CF02");
  EXPECT_NE(Doc(s, "D003").role_reason.find("taken as CF02"), std::string::npos)
      << Doc(s, "D003").role_reason;
  EXPECT_NE(Doc(s, "D003").role_reason.find("numbers missing from the run"), std::string::npos);
}

TEST(CaseIds, NamesOfFilesAndFoldersNameOneCaseOrARun) {
  EXPECT_EQ(CaseIdInName("Case 07", Qpm()), "CF07");
  EXPECT_EQ(CaseIdInName("case_3 - Care Act", Qpm()), "CF03");
  EXPECT_EQ(CaseIdInName("CF01 - IMCA", Qpm()), "CF01");
  EXPECT_EQ(CaseIdInName("Case file 12 (IMCA)", Qpm()), "CF12");
  EXPECT_EQ(CaseIdInName("Case Files 6-10", Qpm()), "");
  EXPECT_EQ(CaseIdInName("CF01-CF05", Qpm()), "");
  EXPECT_EQ(CaseIdInName("Cases 1 to 5", Qpm()), "");
  EXPECT_EQ(CaseIdInName("03 Case Files", Qpm()), "");
  EXPECT_EQ(CaseIdInName("Case 1:17-cv-00123", Qpm()), "");
  EXPECT_EQ(CaseIdInName("Casework guidance 2", Qpm()), "");
  EXPECT_EQ(CaseRangeInName("Part 3 - Case files 1-5"), std::make_pair(1, 5));
  EXPECT_EQ(CaseRangeInName("CF06 to CF10"), std::make_pair(6, 10));
  EXPECT_FALSE(CaseRangeInName("Case 4").has_value());
  EXPECT_FALSE(CaseRangeInName("Case files 2025-26").has_value());
}

TEST(CaseIds, WrittenTheSameWayWhateverTheSpelling) {
  EXPECT_EQ(CaseIdIn("CF3", Qpm()), "CF03");
  EXPECT_EQ(CaseIdIn("Case file 12", Qpm()), "CF12");
  EXPECT_EQ(CaseIdIn("case-ref: 007", Qpm()), "CF07");
  EXPECT_EQ(CaseIdIn("Care Act report 01", Qpm()), "");
  EXPECT_EQ(CaseIdIn("Case 1:17-cv-00123", Qpm()), "");  // a court's case number
  EXPECT_EQ(CaseIdIn("in this case 3 people came", Qpm()), "");
  EXPECT_EQ(CaseIdIn("Recording and Case Management Policy", Qpm()), "");
}

// What Tesseract read on the scanned CF06 sample: a 0 as O.
TEST(CaseIds, OcrLettersForDigitsAreReadAsTheDigits) {
  EXPECT_EQ(CaseIdIn("Case reference: CFO06", Qpm()), "CF06");
  EXPECT_EQ(CaseIdIn("Example Advocacy CFO6 Page 2", Qpm()), "CF06");
  EXPECT_EQ(CaseIdIn("CF1O", Qpm()), "CF10");
  EXPECT_EQ(CaseIdIn("CF OK", Qpm()), "");  // a letter alone is no number
  EXPECT_EQ(CaseIdIn("CF Ol", Qpm()), "");
}

TEST(TextMatch, CuesMatchWholeWordsIgnoringCaseAndPunctuation) {
  EXPECT_EQ(text::Fold("Case-file  CF03:"), "case file cf03");
  EXPECT_TRUE(text::HasPhrase(text::Fold("Our CONSENT-FORM here"), "consent form"));
  EXPECT_FALSE(text::HasPhrase(text::Fold("nonconsent formal"), "consent form"));
  EXPECT_EQ(text::CountWords("one, two  three – ☒"), 3);
}

TEST(TextMatch, NamesMatchCuesInThePlural) {
  EXPECT_EQ(text::Plural("case file"), "case files");
  EXPECT_EQ(text::Plural("policy"), "policies");
  EXPECT_EQ(text::Plural("day"), "days");
  EXPECT_EQ(text::Plural("process"), "processes");
  EXPECT_TRUE(text::HasPhraseOrPlural(text::Fold("03 Case Files"), "case file"));
  EXPECT_TRUE(text::HasPhraseOrPlural(text::Fold("02 Policies and Procedures"), "policy"));
  EXPECT_FALSE(text::HasPhraseOrPlural(text::Fold("Case Filers"), "case file"));
  EXPECT_EQ(text::FindPhrase("the case file here", "case file"), 4u);
  EXPECT_EQ(text::FindPhrase("the case filer", "case file"), std::string_view::npos);
}

TEST(Layout, BlocksOpenAfterAnEmptyLineAndLargePrintIsMarked) {
  Page word;
  word.text = "Title\nfirst line\n\n\nNext title\nmore\n\u2500\u2500\u2500\nAfter a rule";
  std::vector<layout::Line> lines = layout::PageLines(word, {});
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_TRUE(lines[0].block_start);
  EXPECT_FALSE(lines[1].block_start);
  EXPECT_TRUE(lines[2].block_start);
  EXPECT_FALSE(lines[3].block_start);
  EXPECT_TRUE(lines[4].block_start);
  Page pdf = SizedPage(1, {{"Header", 7}, {"Big title", 16}, {"body text", 10}, {"more", 10}});
  lines = layout::PageLines(pdf, {});
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_TRUE(lines[1].larger);
  EXPECT_FALSE(lines[0].larger);
  EXPECT_FALSE(lines[2].larger);
}

TEST(TextMatch, SymbolsBeyondAsciiSeparateWordsAndLettersStay) {
  // OCR of the scanned CF06 read a speck before the heading as a quote mark.
  EXPECT_EQ(text::Fold("\u2018Advocacy agreement"), "advocacy agreement");
  EXPECT_EQ(text::Fold("Consent\u2013form \u2612 \u2022 done\u00a0now"), "consent form done now");
  EXPECT_EQ(text::Fold("Caf\u00e9 \u00c9tude"), "caf\u00e9 \u00c9tude");
  EXPECT_TRUE(text::StartsWithPhrase(text::Fold("\u2018Advocacy agreement"), "advocacy agreement"));
}

}  // namespace
}  // namespace qpm::classify
