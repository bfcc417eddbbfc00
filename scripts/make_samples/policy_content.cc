// scripts/make_samples/policy_content.cc — see policy_content.h.
#include "policy_content.h"

#include <optional>
#include <string>
#include <vector>

#include "fixed_values.h"

namespace qpm::samples {

const std::vector<Policy>& Policies() {
  static const std::vector<Policy> kPolicies = {
      {"01",
       "Safeguarding",
       "4.0",
       "2026-06-30",
       {{"Purpose",
         {"This policy sets out how Example Advocacy protects adults at risk of abuse or "
          "neglect and how staff and volunteers must respond to concerns. Safeguarding adults "
          "is everyone's business: every member of staff, volunteer and trustee has a duty to "
          "act on a concern."},
         {}},
        {"Scope",
         {"The policy applies to everyone who works for or on behalf of Example Advocacy, "
          "including sessional advocates, volunteers and trustees. It covers concerns raised by "
          "the people we support, by others, and concerns that staff notice themselves."},
         {}},
        {"Principles",
         {"We follow the six safeguarding principles of the Care Act 2014: empowerment, "
          "prevention, proportionality, protection, partnership and accountability. The person "
          "at risk is at the centre of every decision, and their wishes about what happens next "
          "are sought and recorded."},
         {}},
        {"Responding to a concern",
         {"An advocate who has a concern must make sure the person is safe from immediate harm, "
          "calling the emergency services if needed. They must then tell the Designated "
          "Safeguarding Lead the same working day."},
         {"Listen, do not investigate, and do not promise to keep the concern secret.",
          "Record what was said or seen, in the person's words, with the date and time.",
          "The Designated Safeguarding Lead decides, with the person where possible, whether to "
          "refer to the local authority.",
          "Where the person does not want a referral, their wishes are respected unless others "
          "are at risk, a crime has been committed or the person lacks capacity to decide."}},
        {"Advocacy in safeguarding enquiries",
         {"Where the local authority makes a safeguarding enquiry under section 42 of the Care "
          "Act 2014 and the person has substantial difficulty in being involved, Example "
          "Advocacy provides an independent advocate. The advocate supports the person to "
          "express their views and desired outcomes throughout the enquiry."},
         {}},
        {"Training and supervision",
         {"All staff complete safeguarding training at induction and refresher training every "
          "two years. Safeguarding concerns are a standing item in supervision."},
         {}}}},
      {"02",
       "Confidentiality",
       "3.2",
       "2026-06-30",
       {{"Purpose",
         {"People trust us with private information. This policy explains how we keep it "
          "confidential, when we may share it, and how we tell people about the limits of "
          "confidentiality."},
         {}},
        {"Our commitment",
         {"Information about a person who uses our service is shared only with their consent, "
          "or where the law requires or allows it. Advocates explain this at the first meeting "
          "and record that they have done so."},
         {}},
        {"Limits of confidentiality",
         {"We may share information without consent where:"},
         {"a person, or someone else, is at risk of serious harm;", "a child may be at risk;",
          "we are required to by a court order or another legal duty;",
          "information is needed to prevent or detect a serious crime."}},
        {"Sharing without consent",
         {"Any decision to share without consent is made by the service manager, recorded with "
          "the reasons, and the person is told unless telling them would increase the risk."},
         {}},
        {"Anonymised information",
         {"Case files used for quality assessment, audit or training are anonymised first. Names "
          "are replaced with labels such as Client A, and other identifying details are removed "
          "and marked [REDACTED]."},
         {}}}},
      {"03",
       "Complaints",
       "2.5",
       "2026-06-30",
       {{"Purpose",
         {"We welcome complaints because they help us improve. This policy explains how anyone "
          "can complain about our service and what will happen next."},
         {}},
        {"Who can complain",
         {"Anyone who uses our service, or someone acting for them, can complain. People may "
          "complain in writing, by phone, in person or through another organisation. Help to "
          "make a complaint is available, including from an advocate who has not worked with "
          "the person."},
         {}},
        {"Stage one: informal resolution",
         {"Most concerns can be resolved quickly by the advocate or service manager. We aim to "
          "respond within five working days."},
         {}},
        {"Stage two: formal complaint",
         {"If the person is not satisfied, the complaint is investigated by the chief officer, "
          "who replies in writing within twenty working days, explaining what was found and any "
          "action taken."},
         {}},
        {"Stage three: review by the board",
         {"If the person remains unhappy, a panel of two trustees reviews the complaint. Their "
          "decision is final within Example Advocacy, and the letter explains where the person "
          "can go next, such as the Local Government and Social Care Ombudsman."},
         {}},
        {"Learning from complaints",
         {"All complaints are logged. A summary of complaints, outcomes and changes made is "
          "reported to the board every quarter."},
         {}}}},
      {"04",
       "Equality and Diversity",
       "3.0",
       "2026-06-30",
       {{"Purpose",
         {"Example Advocacy is committed to equality of opportunity in the services we provide "
          "and as an employer. We value diversity and challenge discrimination."},
         {}},
        {"Legal framework",
         {"We meet our duties under the Equality Act 2010 and do not discriminate on the grounds "
          "of age, disability, gender reassignment, marriage or civil partnership, pregnancy or "
          "maternity, race, religion or belief, sex or sexual orientation."},
         {}},
        {"Service delivery",
         {"We make reasonable adjustments so that everyone can use our service, including "
          "interpreters, easy read information and meetings in accessible places. Advocates "
          "support people to challenge discrimination they experience from services."},
         {}},
        {"Monitoring",
         {"We ask people who use the service for anonymous equality information, which they may "
          "decline to give. We compare it with local population data every quarter and act on "
          "any gaps we find."},
         {}},
        {"Employment",
         {"Recruitment, training and promotion are based on ability and merit. Job adverts are "
          "placed where they will reach under-represented groups."},
         {}}}},
      {"05",
       "Independence and Conflicts of Interest",
       "2.1",
       "2026-06-30",
       {{"Purpose",
         {"Advocacy only works if it is independent. This policy explains how Example Advocacy "
          "stays independent of the bodies that fund it and how we manage conflicts of "
          "interest."},
         {}},
        {"Structural independence",
         {"Example Advocacy is a registered charity with its own board. We do not provide care, "
          "housing or assessment services. Funding agreements do not give commissioners any say "
          "over individual cases."},
         {}},
        {"Conflicts of interest",
         {"A conflict of interest arises when an advocate's personal or professional links could "
          "affect, or be seen to affect, their work for a person."},
         {"Staff and trustees declare interests on joining and every year.",
          "Advocates check for conflicts before accepting a case.",
          "Conflicts are recorded and the case is reallocated where needed.",
          "The board reviews the register of interests twice a year."}},
        {"Gifts and hospitality",
         {"Staff do not accept gifts from the people they support or from service providers, "
          "other than items of token value, which are recorded."},
         {}}}},
      {"06",
       "Supervision and Support",
       "2.0",
       "2026-06-30",
       {{"Purpose",
         {"Advocates do demanding work. This policy sets out the supervision, training and "
          "support that every advocate receives."},
         {}},
        {"Supervision",
         {"Every advocate has one-to-one supervision with the service manager at least every six "
          "weeks. Supervision covers caseload, case decisions, safeguarding, wellbeing and "
          "learning. A written record is agreed and kept securely."},
         {}},
        {"Training",
         {"New advocates complete an induction programme and work towards a recognised advocacy "
          "qualification within their first year. Each advocate has an annual training plan."},
         {}},
        {"Wellbeing",
         {"Advocates can ask for a debrief after a difficult case and can use a confidential "
          "counselling service paid for by the organisation. Peer support sessions are held "
          "every month."},
         {}},
        {"Appraisal",
         {"Every member of staff has an annual appraisal, which reviews their work, their "
          "development and their wellbeing."},
         {}}}},
      {"07",
       "Recording and Case Management",
       "3.1",
       "2026-06-30",
       {{"Purpose",
         {"Good records show what the person wanted, what the advocate did and what changed. "
          "This policy sets the standard for case recording."},
         {}},
        {"What every case file contains",
         {"Every case file holds the following, each kept up to date:"},
         {"a referral form;", "an advocacy agreement or action plan agreed with the person;",
          "a signed consent form, or an authorisation form for non-instructed advocacy;",
          "dated case notes of every contact;", "copies of correspondence sent and received."}},
        {"Standards of recording",
         {"Notes are factual, dated, written within two working days and, where possible, "
          "record the person's views in their own words. Opinions are clearly marked as the "
          "advocate's own."},
         {}},
        {"Closing a case",
         {"A case is closed when the agreed issues are resolved or the person asks to end "
          "advocacy. The advocate writes a closing summary and sends a closing letter within "
          "five working days."},
         {}},
        {"File audits",
         {"The service manager audits two open files per advocate every month and records the "
          "findings."},
         {}}}},
      {"08",
       "Data Protection",
       "3.3",
       "2026-06-30",
       {{"Purpose",
         {"This policy explains how Example Advocacy complies with the UK General Data "
          "Protection Regulation and the Data Protection Act 2018."},
         {}},
        {"Lawful basis",
         {"We process personal data to provide advocacy, relying on the performance of a task "
          "in the public interest for statutory advocacy and on legitimate interests for other "
          "advocacy. Health information is processed for the provision of social care."},
         {}},
        {"Keeping data secure",
         {"Case records are held on an encrypted system with role-based access. Laptops are "
          "encrypted and screens lock after five minutes. Paper notes are scanned and shredded "
          "within two working days."},
         {}},
        {"Retention",
         {"Case records are kept for six years after a case closes and are then securely "
          "deleted. A log of deletions is kept."},
         {}},
        {"Rights of individuals",
         {"People can ask to see the information we hold about them, ask for it to be corrected "
          "and, in some cases, ask for it to be deleted. Requests are answered within one "
          "month."},
         {}},
        {"Breaches",
         {"Any suspected data breach is reported to the data protection lead at once. Breaches "
          "that risk people's rights are reported to the Information Commissioner's Office "
          "within 72 hours."},
         {}}}},
  };
  return kPolicies;
}

std::string PolicyFileName(const Policy& policy) {
  return policy.number + " " + policy.title + " Policy.pdf";
}

RenderedPdf RenderPolicy(const Policy& policy, const std::optional<PdfEncryption>& encryption) {
  std::string title = policy.title + " Policy";
  PdfBuilder b({title, "Policy", "QPM; policy; " + policy.title,
                std::string(kOrganisation) + "    " + title});
  b.Title(title);
  b.Paragraph(kOrganisation);
  b.Paragraph("Version " + policy.version + ". Approved by the board of trustees: " +
              policy.approved + ". Review date: 2027-06-30");
  for (const Section& section : policy.sections) {
    b.Heading(section.heading);
    for (const std::string& p : section.paragraphs) b.Paragraph(p);
    for (const std::string& bullet : section.bullets) b.Bullet(bullet);
    if (!section.bullets.empty()) b.Space(4);
  }
  b.Heading("Monitoring and review");
  b.Paragraph(
      "The chief officer is responsible for this policy. It is reviewed every year, or "
      "sooner if the law or our practice changes. Next review: 2027-06-30.");
  RenderedPdf out;
  out.pages = b.current_page();
  out.bytes = b.Finish(encryption);
  if (out.pages < 1 || out.pages > 2) Fail(title + " should be 1-2 pages");
  return out;
}

}  // namespace qpm::samples
