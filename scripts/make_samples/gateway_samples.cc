// scripts/make_samples/gateway_samples.cc — see gateway_samples.h.
#include "gateway_samples.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "docx_package.h"
#include "fixed_values.h"
#include "pdf_builder.h"
#include "word_workbook.h"
#include "zip_writer.h"

namespace qpm::samples {
namespace {

constexpr char kMicroProvider[] = "Example Micro Support";

struct GatewayQuestion {
  const char* id;
  const char* kind;  // "tick" | "narrative" | "contact"
  const char* wording;
  const char* answer;  // narrative and contact only
};

struct GatewaySection {
  const char* title;
  std::vector<GatewayQuestion> questions;
};

const std::vector<GatewaySection>& GatewayForm() {
  static const std::vector<GatewaySection> kForm = {
      {"About your service",
       {{"Q1", "narrative", "Describe the support you offer and who it is for.",
         "We support up to twelve older people in their own homes in and around the town with "
         "shopping, paperwork, appointments and getting out to local groups, mostly people who "
         "live alone and have no family nearby."},
        {"Q2", "tick",
         "You are a micro-provider: you employ or engage no more than five full-time-equivalent "
         "staff.",
         ""},
        {"Q3", "narrative", "Describe how the people you support have a say in how you work.",
         "Each person agrees the days, times and tasks of their visits with us and can change "
         "them at any time. Twice a year we ask everyone what we should do differently and "
         "share what we changed."}}},
      {"Keeping people safe",
       {{"Q4", "tick", "You hold public liability insurance that covers the support you provide.",
         ""},
        {"Q5", "tick",
         "Everyone who supports people has an enhanced DBS check, renewed at least every three "
         "years.",
         ""},
        {"Q6", "narrative",
         "Describe what you would do if you were worried that someone you support was being "
         "harmed.",
         "We would make sure the person is safe now, listen to what they want, write down what "
         "we saw and heard, and contact the council's adult safeguarding team the same day, as "
         "our safeguarding policy sets out."}}},
      {"Running your service well",
       {{"Q7", "tick",
         "You keep records securely and share them only with consent or where the law requires "
         "it.",
         ""},
        {"Q8", "narrative",
         "Describe how someone can complain, and what happened with the last complaint or "
         "compliment you received.",
         "People can complain by phone, by letter or in person, to us or to the council. Our "
         "last complaint was about a late visit; we apologised, changed the rota so visits are "
         "never back to back, and told the person what we had done."},
        {"Q9", "tick", "You have read and agree to the Quality Mark's code of conduct.", ""}}},
      {"Referees",
       {{"Q10", "contact",
         "Referee 1: name, how they know your service, and an email address or telephone "
         "number.",
         "Jordan Example, manager of the day centre we work with, jordan.example@example.org, "
         "01632 960418"},
        {"Q11", "contact",
         "Referee 2: name, how they know your service, and an email address or telephone "
         "number.",
         "Priya Example, volunteer coordinator at the community library, 07700 900731"},
        {"Q12", "contact",
         "Referee 3: name, how they know your service, and an email address or telephone "
         "number.",
         "Morgan Example, clerk to the parish council, morgan.example@example.org"}}},
  };
  return kForm;
}

// The application form as a Word file; `blank` names questions whose answer cell is left empty.
std::string RenderGatewayForm(const std::vector<std::string>& blank) {
  const std::string xml_head = kXmlHead;
  const std::string styles =
      xml_head + "<w:styles " + kWordNs +
      "><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
      "<w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:rPr><w:b/><w:sz w:val=\"40\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/>"
      "<w:sz w:val=\"28\"/></w:rPr></w:style></w:styles>";
  auto cell = [](const std::string& paragraphs, int width) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>" +
           paragraphs + "</w:tc>";
  };
  constexpr int kIdWidth = 800, kWordingWidth = 4300, kAnswerWidth = 3900;
  WordIds ids;
  std::string body;
  body += WordParagraph(WordRun("Quality Mark Gateway application form"), "Title");
  body += WordParagraph(WordRun("For micro-providers of care and support"));
  body += WordParagraph(WordRun(std::string("Organisation: ") + kMicroProvider));
  body += WordParagraph(WordRun("Form issued: 1 September 2026"));
  for (const GatewaySection& section : GatewayForm()) {
    body += WordParagraph(WordRun(section.title), "Heading1");
    std::string rows;
    for (const GatewayQuestion& q : section.questions) {
      bool left_blank = std::find(blank.begin(), blank.end(), q.id) != blank.end();
      std::string answer;
      if (std::string_view(q.kind) == "tick") {
        answer = WordParagraph(WordCheckBoxControl(ids, true) + WordRun(" Yes"));
      } else {
        if (std::string_view(q.kind) == "narrative" && CountWords(q.answer) < 25) {
          Fail(std::string("Gateway narrative ") + q.id + " has fewer than 25 words");
        }
        answer = WordParagraph(left_blank ? "" : WordRun(q.answer));
      }
      rows += "<w:tr>" + cell(WordParagraph(WordRun(q.id, "<w:b/>")), kIdWidth) +
              cell(WordParagraph(WordRun(q.wording)), kWordingWidth) + cell(answer, kAnswerWidth) +
              "</w:tr>";
    }
    body += "<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/>" + WordTableBorders() +
            "</w:tblPr>" + rows + "</w:tbl><w:p/>";
  }
  const std::string document =
      xml_head + "<w:document " + kWordNs +
      " xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
      "mc:Ignorable=\"w14\"><w:body>" +
      body + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";
  return DocxPackage(document, styles, "Gateway application form", kMicroProvider);
}

// One supporting document: a short PDF whose title is the profile's title for it.
std::string GatewayEvidence(const std::string& title, const std::vector<std::string>& paragraphs) {
  PdfBuilder b({title, title, "Gateway; supporting evidence", std::string(kMicroProvider)});
  b.Title(title);
  b.Paragraph(kMicroProvider);
  for (const std::string& p : paragraphs) b.Paragraph(p);
  return b.Finish();
}

// The application with the answers to `blank` left empty, and without the supporting
// document `left_out` (its path in the zip; "" for all four).
std::string GatewayZip(const std::vector<std::string>& blank, const std::string& left_out = "") {
  ZipWriter zip;
  auto add = [&](const std::string& path, const std::string& bytes) {
    if (path != left_out) zip.Add(path, bytes);
  };
  zip.Add("Gateway application form - Example Micro Support.docx", RenderGatewayForm(blank));
  add("Evidence/Safeguarding policy.pdf",
      GatewayEvidence("Safeguarding policy",
                      {"Everyone who works with us is trained to notice harm and abuse and to "
                       "report it the same day to the council's adult safeguarding team.",
                       "Review date: 2027-06-30."}));
  add("Evidence/Complaints procedure.pdf",
      GatewayEvidence("Complaints procedure",
                      {"Anyone can complain to us by phone, letter or in person. We reply "
                       "within ten working days and say how to take it further.",
                       "Review date: 2027-06-30."}));
  add("Evidence/Data protection policy.pdf",
      GatewayEvidence("Data protection policy",
                      {"We keep only the records we need, locked away or on encrypted "
                       "devices, and share them only with consent or where the law says so.",
                       "Review date: 2027-06-30."}));
  add("Evidence/Insurance certificate.pdf",
      GatewayEvidence("Public liability insurance certificate",
                      {"Insured: Example Micro Support. Cover: public liability, five "
                       "million pounds. Period: 1 April 2026 to 31 March 2027."}));
  return zip.Finish();
}

}  // namespace

void WriteGateway(Output& out) {
  const std::vector<std::string> args = {"--profile", "quality-mark-gateway", "--received",
                                         "2026-11-20"};
  // Referees' emails are asked for: each is a pii.email finding of severity info, not a
  // warning, so pii.email is allowed here and "info" is the worst severity.
  std::vector<std::string> absent;
  for (const std::string& rule : kAllProblemRules) {
    if (rule != "pii.email") absent.push_back(rule);
  }
  out.Write("gateway/example-gateway-application.zip", GatewayZip({}));
  out.Expect(
      "gateway/example-gateway-application.zip",
      "A complete application to the Gateway of the Quality Mark for micro-providers "
      "(profile quality-mark-gateway): the application form as a Word file (Q1-Q12, "
      "ticks as check-box content controls, issued 1 September 2026), three referees "
      "each with a name and an example.org email or a drama-range telephone number, and "
      "the four supporting documents as PDFs.",
      Json::array({RunJson("triage", args, 0, Json::array(), absent, "info", Json::array())}));
  Json run = RunJson("triage", args, 1, Json::array(), {}, std::nullopt, Json::array());
  Json finding = FindingJson("completeness.contact-missing", "", -1, "", 1);
  finding["message_contains"] = "Q12";
  run["findings"] = Json::array({finding});
  run["only_findings"] = true;
  out.Write("gateway/gateway-two-referees.zip", GatewayZip({"Q12"}));
  out.Expect("gateway/gateway-two-referees.zip",
             "The complete Gateway application with only two referees: the answer to Q12 "
             "(Referee 3) is left empty.",
             Json::array({run}));

  // The Gateway takes supporting documents "in whatever form is appropriate", so one
  // missing is a warning (exit 1), not a blocker; and the application has "no
  // timescale", so arriving nine months after the form's issue is not late (qpm-v4 would
  // call it expired after six). Later still, the documents' review dates would pass.
  const std::vector<std::string> late = {"--profile", "quality-mark-gateway", "--received",
                                         "2027-06-01"};
  Json missing = RunJson("triage", late, 1, Json::array(),
                         {"completeness.issue-date-unknown", "completeness.submission-late",
                          "completeness.submission-expired"},
                         "warning", Json::array());
  Json warning = FindingJson("completeness.policy-missing", "", -1, "", 1);
  warning["message_contains"] = "in whatever form is appropriate";
  missing["findings"] = Json::array({warning});
  missing["only_findings"] = true;
  out.Write("gateway/gateway-no-insurance-late.zip",
            GatewayZip({}, "Evidence/Insurance certificate.pdf"));
  out.Expect("gateway/gateway-no-insurance-late.zip",
             "The complete Gateway application without its public liability insurance "
             "certificate, received on 1 June 2027, nine months after the form was issued.",
             Json::array({missing}));
}

}  // namespace qpm::samples
