// scripts/make_samples/case_file_content.cc — see case_file_content.h.
#include "case_file_content.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fixed_values.h"
#include "pdf_builder.h"

namespace qpm::samples {
namespace {

// `c` under another case number and client: every mention of its client is renamed.
CaseFile Renumbered(CaseFile c, const std::string& id, const std::string& client) {
  const std::string old = c.client;
  auto rename = [&](std::string& text) {
    for (size_t pos = text.find(old); pos != std::string::npos;
         pos = text.find(old, pos + client.size())) {
      text.replace(pos, old.size(), client);
    }
  };
  for (std::string* field :
       {&c.client, &c.advocacy_type, &c.referred_by, &c.reason, &c.communication, &c.plan_intro}) {
    rename(*field);
  }
  for (std::string& item : c.plan_items) rename(item);
  for (CaseNote& note : c.notes) rename(note.text);
  for (Letter& letter : c.letters) {
    rename(letter.to);
    rename(letter.subject);
    for (std::string& p : letter.paragraphs) rename(p);
  }
  c.id = id;
  return c;
}

// Writes component `index` (0-4) of case file `c` on the builder's current page onwards.
void RenderComponent(PdfBuilder& b, const CaseFile& c, size_t index,
                     const std::optional<Plant>& plant) {
  const std::vector<std::string> headings = ComponentHeadings(c);
  b.Title(headings[index]);
  b.Row("Case reference:", c.id);
  b.Row("Client:", c.client);
  b.Row("Advocate:", c.advocate);
  b.Space(6);
  switch (index) {
    case 0:
      b.Row("Date of referral:", c.referral_date);
      b.Row("Referred by:", c.referred_by);
      b.Row("Type of advocacy:", c.advocacy_type);
      b.Row("Address:", "[REDACTED]");
      b.Row("Reason for referral:", c.reason);
      b.Row("Communication needs:", c.communication);
      b.Row("Risks to advocate:", "None known at referral.");
      b.Row("Referral accepted:", c.referral_date + ", by the service manager.");
      break;
    case 1:
      b.Paragraph(c.plan_intro);
      b.Heading(c.action_plan ? "Actions" : "What we agreed");
      for (const std::string& item : c.plan_items) b.Bullet(item);
      b.Space(6);
      b.Paragraph("This " + std::string(c.action_plan ? "plan" : "agreement") +
                  " will be reviewed at every meeting and can be changed at any time at " +
                  c.client + "'s request.");
      b.Row("Agreed on:", c.notes.front().date);
      break;
    case 2:
      if (c.authorisation) {
        b.Paragraph(c.client +
                    " cannot instruct an advocate. This form authorises "
                    "non-instructed advocacy, so that an advocate can act to make sure " +
                    c.client + "'s rights, wishes and interests are taken into account.");
        b.Row("Reason:",
              "Client does not use words to communicate and cannot give consent to "
              "advocacy. Assessed by the advocate and the care home manager.");
        b.Row("Approach:", "Observation, and talking with people who know the client well.");
        b.Row("Authorised by:", "Service manager, Example Advocacy");
        b.Row("Date:", c.referral_date);
        b.Row("Review:", "At the care review, or sooner if circumstances change.");
      } else {
        b.Paragraph("I agree that Example Advocacy may support me as my advocate.");
        b.Paragraph(
            "I understand that my advocate works for me and will only share information "
            "about me with my agreement, except where someone is at risk of serious "
            "harm or the law requires it.");
        b.Paragraph("I agree that my advocate may speak to the following people about my case:");
        b.Bullet(c.referred_by + ".");
        b.Bullet("Other professionals involved in my care, when I agree at the time.");
        b.Space(6);
        b.Row("Signed:", "[REDACTED]");
        b.Row("Date:", c.notes.front().date);
        b.Row("Witnessed by:", c.advocate);
      }
      break;
    case 3:
      for (const CaseNote& note : c.notes) {
        b.Row(note.date, note.text);
        b.Space(2);
      }
      if (plant) {
        for (const std::string& line : plant->case_notes_lines) b.Paragraph(line);
      }
      break;
    case 4:
      for (size_t i = 0; i < c.letters.size(); ++i) {
        const Letter& letter = c.letters[i];
        if (i > 0) b.Space(14);
        b.Row("Date:", letter.date);
        b.Row("To:", letter.to);
        b.Row("Subject:", letter.subject);
        b.Space(4);
        for (const std::string& p : letter.paragraphs) b.Paragraph(p);
        b.Paragraph("Yours sincerely,");
        b.Paragraph(c.advocate + ", Example Advocacy");
      }
      break;
    default:
      Fail("no such component");
  }
}

}  // namespace

const std::vector<std::string> kComponentKeys = {"referral form", "advocacy agreement",
                                                 "consent form", "case notes", "correspondence"};

std::vector<std::string> ComponentHeadings(const CaseFile& c) {
  return {"Referral form", c.action_plan ? "Action plan" : "Advocacy agreement",
          c.authorisation ? "Authorisation form" : "Consent form", "Case notes", "Correspondence"};
}

const std::vector<CaseFile>& CaseFiles() {
  static const std::vector<CaseFile> kCases = {
      {"CF01",
       "Client A",
       "Advocate B",
       "Care Act advocacy - needs assessment",
       "Social worker, Adult Social Care Team 2",
       "2026-02-09",
       "Client A is having a Care Act needs assessment after a stay in hospital. They have "
       "substantial difficulty understanding and retaining information about the assessment "
       "and there is no appropriate person to support them.",
       "Prefers short meetings in the morning. Written information in large print.",
       false,
       false,
       "Client A and Advocate B agreed that the advocate will support Client A to take part in "
       "their needs assessment and to say what matters to them. Client A wants to stay in "
       "their own home.",
       {"Explain the assessment process in large print before the first assessment meeting.",
        "Support Client A at the assessment meeting and check the draft assessment with them.",
        "Make sure Client A's wish to remain at home is recorded in the assessment."},
       {{"2026-02-11",
         "First visit at home. Explained the advocacy role and the assessment. "
         "Client A said they want to manage at home with help in the mornings."},
        {"2026-02-18",
         "Went through the large print assessment guide. Client A listed the tasks "
         "they find hard: washing, shopping and taking medication on time."},
        {"2026-02-25",
         "Attended the assessment with the social worker. Client A explained their "
         "mornings. Asked for the assessment to note their wish to stay at home."},
        {"2026-03-06",
         "Read the draft assessment with Client A. They agreed it reflects their "
         "views. Support plan meeting booked for 2026-03-13."},
        {"2026-03-13",
         "Support plan agreed: morning calls seven days a week. Client A is happy "
         "with the outcome and agreed that advocacy can end."}},
       {{"2026-03-16",
         "Client A",
         "End of advocacy support",
         {"Thank you for working with Example Advocacy. As we agreed on 2026-03-13, your "
          "advocacy support has now ended because your support plan is in place.",
          "If you need advocacy again in future, you or someone on your behalf can contact us "
          "at any time."}}}},
      {"CF02",
       "Client B",
       "Advocate C",
       "Community advocacy - housing repairs",
       "Self-referral by telephone",
       "2026-03-02",
       "Client B has asked their landlord several times to repair damp in their flat. They feel "
       "they are not being listened to and want help to raise the issue formally.",
       "Uses British Sign Language. A qualified interpreter is booked for every meeting.",
       true,
       false,
       "Client B and Advocate C agreed the following actions. Client B will lead the "
       "conversation with the landlord, with the advocate supporting.",
       {"Help Client B write a formal repair request to the landlord.",
        "Support Client B at a meeting with the housing officer.",
        "If repairs are not made within the landlord's timescale, support Client B to use the "
        "landlord's complaints procedure."},
       {{"2026-03-05",
         "Met Client B at our office with a BSL interpreter. Client B described "
         "the damp in two rooms and the requests made since last winter."},
        {"2026-03-12",
         "Client B drafted the repair request; the advocate helped with the "
         "wording. Client B sent it the same day."},
        {"2026-03-26",
         "Housing officer visit. Client B showed the damage. Repairs agreed for "
         "April. Client B said they felt listened to for the first time."},
        {"2026-04-23", "Repairs completed. Client B is satisfied and asked to close the case."}},
       {{"2026-03-12",
         "Housing officer, [REDACTED] Housing Association",
         "Repair request",
         {"I am writing with Client B, who has asked me to support them as their advocate.",
          "Client B has reported damp in the bedroom and bathroom of their flat several times. "
          "Client B asks for an inspection and a date for the repairs. Please reply to Client B "
          "directly, with a copy to Example Advocacy."}},
        {"2026-04-27",
         "Client B",
         "Closing your case",
         {"As you asked, we have now closed your case because the repairs are complete. You can "
          "contact us again at any time."}}}},
      {"CF03",
       "Client C",
       "Advocate B",
       "Care Act advocacy - safeguarding enquiry",
       "Safeguarding team, [REDACTED] Council",
       "2026-04-14",
       "A safeguarding enquiry has started about money going missing from Client C's account. "
       "Client C has substantial difficulty in being involved in the enquiry and has no "
       "appropriate person to support them.",
       "Communicates well verbally but tires quickly. Meetings no longer than 45 minutes.",
       false,
       false,
       "Client C and Advocate B agreed that the advocate will support Client C through the "
       "safeguarding enquiry so that their views and wishes are at the centre of it.",
       {"Explain the enquiry process and what Client C can expect.",
        "Help Client C say what outcome they want from the enquiry.",
        "Attend the enquiry meetings with Client C and check the outcome with them."},
       {{"2026-04-16",
         "First meeting. Explained the safeguarding enquiry. Client C said they "
         "want their money to be safe and do not want to fall out with their "
         "family."},
        {"2026-04-23",
         "Client C said the outcome they want is for the bank to stop others "
         "using their card. Recorded in their words."},
        {"2026-05-07",
         "Enquiry meeting. Client C's wishes were shared. Agreed plan: new card, "
         "bank support with budgeting, review in two months."},
        {"2026-07-09",
         "Review meeting. No further concerns. Client C happy for advocacy to "
         "end."}},
       {{"2026-05-08",
         "Safeguarding team, [REDACTED] Council",
         "Views of Client C",
         {"As Client C's advocate I attended the enquiry meeting on 2026-05-07.",
          "Client C's desired outcome is that their money is safe and that they keep their "
          "relationships with their family. Client C agreed to the plan made at the meeting."}},
        {"2026-07-10",
         "Client C",
         "End of advocacy support",
         {"Your advocacy support has ended as agreed at the review meeting on 2026-07-09. Thank "
          "you for working with us."}}}},
      {"CF04",
       "Client D",
       "Advocate D",
       "Non-instructed Care Act advocacy - care review",
       "Care home manager, [REDACTED] House",
       "2026-05-04",
       "Client D lives in a care home and is having a Care Act review. Client D does not use "
       "words to communicate and cannot instruct an advocate.",
       "Does not use words. Responds to music and familiar objects. Staff who know Client D "
       "well should be present.",
       true,
       true,
       "Because Client D cannot instruct an advocate, Advocate D will use a non-instructed "
       "approach, agreed with the service manager.",
       {"Observe Client D at different times of day and record responses.",
        "Talk with staff and others who know Client D well.",
        "Attend the review and ask questions on Client D's behalf."},
       {{"2026-05-07",
         "Observed Client D in the lounge and garden. Client D smiled and moved "
         "towards the garden door several times."},
        {"2026-05-14",
         "Spoke with two care staff. Both said Client D is calmer outdoors and "
         "enjoys music sessions."},
        {"2026-05-28",
         "Review meeting. Asked that daily time outdoors and music sessions be "
         "written into the care plan. Agreed."},
        {"2026-06-11", "Care plan updated. Case closed with the service manager's agreement."}},
       {{"2026-05-29",
         "Social worker, Adult Social Care Team 1",
         "Care review for Client D",
         {"Following the review on 2026-05-28, I confirm the questions I raised as Client D's "
          "non-instructed advocate: whether Client D's care plan includes daily time outdoors "
          "and regular music sessions.",
          "Thank you for agreeing to add both to the care plan."}}}},
      {"CF05",
       "Client E",
       "Advocate C",
       "Care Act advocacy - care and support planning",
       "Social worker, Adult Social Care Team 3",
       "2026-01-19",
       "Client E is moving from hospital to a new home and a care and support plan is being "
       "written. Client E has substantial difficulty weighing up the options.",
       "Prefers information in writing and time to think between meetings.",
       false,
       false,
       "Client E and Advocate C agreed that the advocate will support Client E to take part "
       "fully in planning their care and support.",
       {"Help Client E understand each option for where they could live.",
        "Support Client E at planning meetings.",
        "Check the final plan with Client E and help them challenge anything they disagree "
        "with."},
       {{"2026-01-21",
         "First meeting on the ward. Explained the advocacy role and how it "
         "differs from the social worker's role. Client E is worried about "
         "leaving hospital and wants to know what the options are. Agreed to meet "
         "weekly on Wednesdays after lunch, when Client E is least tired."},
        {"2026-01-28",
         "Went through three options with Client E: return home with support, "
         "extra care housing, or a care home. Left a written summary of each, in "
         "large print, so that Client E could read them again before the next "
         "meeting."},
        {"2026-02-02",
         "Client E had read the summaries and asked questions about extra care "
         "housing, especially about having their own front door and whether they "
         "could bring their cat. Agreed to find out and report back."},
        {"2026-02-04",
         "Telephoned the extra care scheme. Pets are allowed with the manager's "
         "agreement. Passed this on to Client E by letter, as they prefer."},
        {"2026-02-09",
         "Visited an extra care scheme with Client E and a ward nurse. Client E "
         "liked the flat, the communal lounge and the garden. Client E asked "
         "about the cost; the social worker will explain the financial "
         "assessment."},
        {"2026-02-16",
         "Planning meeting on the ward. Client E said clearly, in their own "
         "words, that they want extra care housing. The social worker agreed to "
         "look for a vacancy and to start the financial assessment."},
        {"2026-02-23",
         "Financial assessment. Supported Client E to ask questions about "
         "charges. Client E understood the contribution and was content with "
         "it."},
        {"2026-03-02",
         "Vacancy found. Client E wants to see the flat again before deciding, "
         "and wants to check that their furniture will fit. Visit arranged for "
         "next week."},
        {"2026-03-09",
         "Second visit. Client E accepted the flat. Worried about the cost of new "
         "furniture; the social worker agreed to refer for a grant. Client E "
         "asked me to check the tenancy agreement with them."},
        {"2026-03-12",
         "Read the tenancy agreement with Client E, section by section. Client E "
         "asked about repairs and visitors; both answered from the agreement."},
        {"2026-03-16",
         "Draft care and support plan received. Read it with Client E. They "
         "asked for help with shopping to be added, and for visits to be in the "
         "morning."},
        {"2026-03-23",
         "Plan revised to include shopping support and morning visits. Client E "
         "agreed the plan and signed it."},
        {"2026-04-06",
         "Client E moved into the flat. Visited the next day; they are settling "
         "in well and the grant has paid for a new bed and chair."},
        {"2026-04-20",
         "Final visit. Client E is happy in the new flat and agreed that advocacy "
         "can end. Explained how to contact us again. Closing summary written."},
        {"2026-04-21",
         "Case reviewed with the service manager and closed. Closing letter "
         "sent."}},
       {{"2026-02-17",
         "Social worker, Adult Social Care Team 3",
         "Client E's preferred option",
         {"Following the planning meeting on 2026-02-16, I confirm that Client E's preferred "
          "option is extra care housing.",
          "Client E would like to visit any flat offered before deciding, and would like time "
          "to think between meetings."}},
        {"2026-04-21",
         "Client E",
         "End of advocacy support",
         {"Your advocacy support has now ended, as we agreed on 2026-04-20. We wish you well in "
          "your new home."}}}},
  };
  return kCases;
}

const std::vector<CaseFile>& MergedCaseFiles() {
  static const std::vector<CaseFile> kCases = {
      {"CF07",
       "Client H",
       "Advocate B",
       "Care Act advocacy - review of care and support plan",
       "Social worker, Adult Social Care Team 4",
       "2026-06-01",
       "Client H's care and support plan is being reviewed after a fall at home. Client H has "
       "substantial difficulty weighing up the changes suggested and has no appropriate person "
       "to support them.",
       "Wears hearing aids. Prefers meetings at home in the afternoon.",
       false,
       false,
       "Client H and Advocate B agreed that the advocate will support Client H to take part in "
       "the review and to say what help they want after the fall.",
       {"Explain the review and the changes the social worker is suggesting.",
        "Support Client H at the review meeting.",
        "Check the revised plan with Client H before it is signed."},
       {{"2026-06-03",
         "First visit at home. Explained the review. Client H wants to keep going to the "
         "lunch club and is worried about being moved."},
        {"2026-06-10",
         "Review meeting at home. Client H asked for a pendant alarm rather than more visits. "
         "Agreed by the social worker."},
        {"2026-06-24",
         "Read the revised plan with Client H. They agreed it and were happy for advocacy to "
         "end."}},
       {{"2026-06-25",
         "Client H",
         "End of advocacy support",
         {"Your advocacy support has ended, as we agreed on 2026-06-24, now that your revised "
          "plan is in place.",
          "You can contact Example Advocacy again at any time."}}}},
      {"CF08",
       "Client I",
       "Advocate D",
       "IMCA - serious medical treatment",
       "Consultant, [REDACTED] Hospital",
       "2026-07-06",
       "A decision is needed about dental treatment under general anaesthetic. Client I "
       "cannot make the decision and has no family or friends to consult.",
       "Does not use words. Shows distress with raised voices. Calmer with music.",
       true,
       true,
       "Because Client I cannot instruct an advocate, Advocate D will represent Client I's "
       "wishes, feelings and beliefs as far as they can be found out.",
       {"Meet Client I at home and observe how they respond to people and places.",
        "Speak with the support workers who know Client I best.",
        "Write an IMCA report for the decision maker before the best interests meeting."},
       {{"2026-07-08",
         "Met Client I at home with a support worker. Client I pointed to their jaw and "
         "pushed food away at lunch."},
        {"2026-07-15",
         "Spoke with two support workers. Both said Client I has been eating less for a "
         "month and is calmer with music playing."},
        {"2026-07-22",
         "Best interests meeting. Asked that music be played before the anaesthetic. Agreed "
         "and written into the treatment plan."}},
       {{"2026-07-16",
         "Consultant, [REDACTED] Hospital",
         "IMCA report for Client I",
         {"Please find my report attached. Client I shows signs of pain when eating and is "
          "calmer with music.",
          "I ask that the best interests meeting considers how the treatment day can be made "
          "less distressing for Client I."}}}},
      Renumbered(CaseFiles()[4], "CF09", "Client J"),
  };
  return kCases;
}

RenderedCaseFile RenderCaseFile(const CaseFile& c, bool split, const std::optional<Plant>& plant) {
  RenderedCaseFile out;
  const std::vector<std::string> headings = ComponentHeadings(c);
  std::string footer = std::string(kOrganisation) + "    " + c.id;
  std::string keywords = plant ? plant->keywords : "QPM; case file; " + c.id;
  if (!split) {
    PdfBuilder b({c.id + " case file", "Anonymised case file", keywords, footer});
    for (size_t i = 0; i < headings.size(); ++i) {
      b.NewPage();
      int first = b.current_page();
      RenderComponent(b, c, i, plant);
      out.ranges.emplace_back(first, b.current_page());
    }
    out.pages.push_back(b.current_page());
    out.files.emplace_back(c.id + ".pdf", b.Finish());
    return out;
  }
  for (size_t i = 0; i < headings.size(); ++i) {
    PdfBuilder b({c.id + " " + headings[i], "Anonymised case file", keywords, footer});
    RenderComponent(b, c, i, plant);
    out.ranges.emplace_back(1, b.current_page());
    out.pages.push_back(b.current_page());
    out.files.emplace_back(c.id + "/" + std::to_string(i + 1) + " " + headings[i] + ".pdf",
                           b.Finish());
  }
  return out;
}

}  // namespace qpm::samples
