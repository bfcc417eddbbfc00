// scripts/make_samples/report_content.cc — see report_content.h.
#include "report_content.h"

#include <string>
#include <vector>

#include "fixed_values.h"
#include "pdf_builder.h"

namespace qpm::samples {

const std::vector<Report>& Reports() {
  static const std::vector<Report> kReports = {
      {"IMCA",
       1,
       "2026-02-20",
       "Long-term accommodation after discharge from hospital",
       "Discharge coordinator, [REDACTED] Hospital",
       "P was admitted to hospital after a fall at home. The hospital team has assessed that P "
       "lacks capacity to decide where to live after discharge. P has no family or friends "
       "who can be consulted.",
       "I met P twice on the ward, in private. I read the capacity assessment and the "
       "occupational therapy report, and spoke with the ward manager and the discharge "
       "coordinator.",
       "P told me several times that they want to go home. P spoke warmly about their garden "
       "and their neighbours. P became upset when a care home was mentioned.",
       "The occupational therapist believes P could manage at home with four calls a day and "
       "equipment. The ward manager is worried about further falls at night.",
       {"Return home with a package of care and a falls alarm.",
        "A trial period in a residential care home.",
        "Return home with a package of care and a review after six weeks."},
       "I ask the decision maker to give weight to P's clear and consistent wish to go home, "
       "and to consider whether the risk of falls could be reduced with equipment before a "
       "care home is chosen. The decision maker decided that P will return home with four "
       "calls a day, a falls alarm and a review after six weeks."},
      {"IMCA",
       2,
       "2026-03-18",
       "Serious medical treatment: dental treatment under general "
       "anaesthetic",
       "Consultant in special care dentistry, [REDACTED] Dental Service",
       "P has severe tooth decay that is causing pain. The dental team has assessed that P "
       "lacks capacity to consent to treatment under general anaesthetic.",
       "I met P at their supported living home with a support worker P knows well. I read the "
       "dental assessment and the capacity assessment, and spoke with the consultant.",
       "P showed signs of pain when eating and pointed to their mouth. P was anxious in "
       "clinical settings during past appointments, according to their support records.",
       "Support staff say P has been eating less and has been more withdrawn. The consultant "
       "believes treatment would relieve P's pain.",
       {"Treatment under general anaesthetic, with familiar staff present before and after.",
        "Pain relief only, with a review in three months."},
       "I raised whether the appointment could be at a quiet time, with a familiar support "
       "worker present, to reduce P's anxiety. The decision maker agreed to treatment under "
       "general anaesthetic with these adjustments."},
      {"IMCA",
       3,
       "2026-04-22",
       "Review of accommodation arranged by the local authority",
       "Reviewing officer, [REDACTED] Council",
       "P has lived in a care home for one year following an IMCA-supported decision. This is "
       "the review of that arrangement.",
       "I visited P at the care home twice, at different times of day. I read P's care plan "
       "and daily notes and spoke with the home manager and P's key worker.",
       "P appeared relaxed and settled. P showed me their room and their photographs, and "
       "joined in an afternoon music session with other residents.",
       "Staff report that P sleeps well, eats well and takes part in activities. The home "
       "manager has no concerns about the placement.",
       {"P remains at the care home with the current care plan.",
        "P moves to a smaller home nearer to their former neighbourhood."},
       "There is no evidence that P is unhappy at the home, and a move would cause disruption. "
       "I asked that P's interest in music be written into the care plan. The decision maker "
       "decided that P remains at the home, with music added to the care plan."},
      {"IMCA",
       4,
       "2026-06-10",
       "Adult safeguarding: protective measures",
       "Safeguarding lead, [REDACTED] Council",
       "Concerns were raised that P may be being financially exploited by an acquaintance. P "
       "lacks capacity to decide on protective measures and has no one appropriate to "
       "consult.",
       "I met P at a day centre they attend, and again at home. I read the safeguarding "
       "referral and spoke with the day centre manager and the social worker.",
       "P said the acquaintance is their friend and that they like the visits. P also said "
       "they sometimes have no money left for food at the end of the week.",
       "The day centre manager has noticed P arriving hungry. The social worker is concerned "
       "that P's benefits are being taken.",
       {"An appointee to manage P's benefits, with weekly spending money for P.",
        "Support from a money advice service, with P keeping control of their account.",
        "No change, with monitoring by the day centre."},
       "I asked the decision maker to choose the least restrictive option that keeps P's "
       "friendship, which matters to P. The decision maker chose support from a money advice "
       "service with weekly checks, to be reviewed in three months."},
      {"IMCA",
       5,
       "2026-08-27",
       "Serious medical treatment: treatment options for cancer",
       "Consultant oncologist, [REDACTED] Hospital",
       "P has been diagnosed with cancer. The treating team has assessed that P lacks capacity "
       "to decide between the treatment options offered.",
       "I met P three times, twice at home and once at the clinic. I read the medical notes "
       "and the capacity assessment and spoke with the consultant and P's GP.",
       "P said they do not want to stay in hospital. P has always avoided hospitals, according "
       "to their GP records, and was distressed at the clinic.",
       "The consultant explained that surgery offers the best chance of cure but needs a long "
       "stay in hospital. The GP feels P would cope better with treatment at home.",
       {"Surgery followed by a stay in hospital.",
        "Radiotherapy as an outpatient, with transport and a familiar companion.",
        "Palliative care at home."},
       "I asked the decision maker to weigh P's strong and lasting wish to avoid hospital "
       "stays against the benefit of surgery. The decision maker chose outpatient "
       "radiotherapy with transport and a familiar companion."},
      {"Care Act",
       1,
       "2026-02-12",
       "Needs assessment",
       "Social worker, Adult Social Care Team 2",
       "P is having a Care Act needs assessment. P has substantial difficulty understanding "
       "the process and no appropriate person to support them.",
       "I met P three times at home and attended the assessment meeting with them. I went "
       "through easy read information about the assessment before each meeting.",
       "P wants to keep going to their allotment and to see their friends at the community "
       "centre. P said they need help with cooking and with letters.",
       "The social worker agreed that P's wellbeing depends on staying active in their "
       "community.",
       {"P's wish to keep their allotment and friendships was recorded as a wellbeing outcome.",
        "P asked for help with letters; this was added as an eligible need.",
        "P was given the draft assessment in easy read before it was finalised."},
       "P took part fully in the assessment and agreed with the final version. Advocacy "
       "ended when the assessment was complete."},
      {"Care Act",
       2,
       "2026-04-08",
       "Care and support planning",
       "Social worker, Adult Social Care Team 1",
       "P has eligible needs and a care and support plan is being prepared. P has substantial "
       "difficulty weighing up the options for support.",
       "I met P twice at home and once by video call, and attended the planning meeting.",
       "P wants support workers who speak their first language and who arrive at the same "
       "time each day.",
       "P's daughter, who P asked to be involved, supports P's wishes.",
       {"P asked for support workers who speak their first language; the provider agreed.",
        "P asked for regular call times; the plan sets a fixed morning call.",
        "P chose a direct payment for their day activity."},
       "The plan reflects P's wishes. P signed the plan and advocacy ended."},
      {"Care Act",
       3,
       "2026-05-20",
       "Review of care and support plan",
       "Reviewing officer, [REDACTED] Council",
       "P's care and support plan is being reviewed after six months. P has substantial "
       "difficulty being involved and no appropriate person.",
       "I met P at their supported living home and attended the review meeting.",
       "P said they are happy with their support but would like to go swimming again, which "
       "they did before.",
       "Support staff said they could support P to go swimming once a week.",
       {"Swimming once a week was added to the plan.",
        "P asked for the review letter in easy read; this was agreed."},
       "The review concluded with the plan updated. P was pleased and advocacy ended."},
      {"Care Act",
       4,
       "2026-07-15",
       "Safeguarding enquiry under section 42",
       "Safeguarding team, [REDACTED] Council",
       "A safeguarding enquiry was opened after P reported being shouted at by a member of "
       "staff at their day service. P has substantial difficulty being involved in the "
       "enquiry.",
       "I met P three times, explained the enquiry, and attended two enquiry meetings with "
       "them.",
       "P wants to keep attending the day service but does not want to work with that member "
       "of staff.",
       "The day service manager agreed to change staffing arrangements while the enquiry "
       "continued.",
       {"P's desired outcome was recorded in their own words.",
        "P was kept informed of progress in easy read letters.",
        "P was supported to say whether they felt safe at the end of the enquiry."},
       "The enquiry concluded with new staffing arrangements and training at the day service. "
       "P said they feel safe and advocacy ended."},
      {"Care Act",
       5,
       "2026-09-16",
       "Carer's assessment",
       "Carers' support worker, [REDACTED] Council",
       "P cares for their adult son and is having a carer's assessment. P has substantial "
       "difficulty retaining information because of a memory condition.",
       "I met P twice at home, left written notes after each meeting and attended the "
       "assessment.",
       "P wants a break one afternoon a week and help to understand their son's support plan.",
       "The carers' support worker agreed that P is at risk of carer breakdown without a "
       "break.",
       {"A weekly sitting service was agreed so that P can have a break.",
        "A written summary of their son's support plan was provided."},
       "P's needs as a carer were assessed and a support plan agreed. Advocacy ended."},
  };
  return kReports;
}

std::string ReportPath(const Report& r) {
  return "Reports/" + r.kind + "/" + r.kind + " report " + TwoDigits(r.number) + ".pdf";
}

RenderedPdf RenderReport(const Report& r) {
  bool imca = r.kind == "IMCA";
  std::string title =
      imca ? "Independent Mental Capacity Advocate report" : "Care Act advocacy report";
  std::string reference = (imca ? "IMCA-2026-" : "CAA-2026-") + TwoDigits(r.number);
  PdfBuilder b({title + " " + reference, "Anonymised advocacy report", "QPM; report; " + r.kind,
                std::string(kOrganisation) + "    " + reference});
  b.Title(title);
  b.Row("Report reference:", reference);
  b.Row("Date of report:", r.date);
  b.Row(imca ? "Decision:" : "Care Act process:", r.subject);
  b.Row("Instructed by:", r.instructed_by);
  b.Row("Person:", "P (name withheld in this anonymised copy)");
  b.Row("Advocate:", "Advocate B, Example Advocacy");
  b.Heading("Background");
  b.Paragraph(r.background);
  b.Heading("What I did");
  b.Paragraph(r.what_i_did);
  b.Heading(imca ? "P's wishes, feelings, beliefs and values" : "What P told me");
  b.Paragraph(r.wishes);
  b.Heading("Views of others");
  b.Paragraph(r.others);
  b.Heading(imca ? "Options considered" : "Issues raised on P's behalf");
  for (const std::string& point : r.points) b.Bullet(point);
  b.Heading(imca ? "Representations and outcome" : "Outcome");
  b.Paragraph(r.conclusion);
  b.Paragraph("Advocate B, Example Advocacy, " + r.date + ".");
  RenderedPdf out;
  out.pages = b.current_page();
  out.bytes = b.Finish();
  if (out.pages < 1 || out.pages > 2) Fail(reference + " should be 1-2 pages");
  return out;
}

}  // namespace qpm::samples
