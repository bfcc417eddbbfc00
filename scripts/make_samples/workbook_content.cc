// scripts/make_samples/workbook_content.cc — see workbook_content.h.
#include "workbook_content.h"

#include <vector>

namespace qpm::samples {

const std::vector<Principle>& Principles() {
  static const std::vector<Principle> kPrinciples = {
      {"Clarity of purpose",
       "The organisation is clear about what its advocacy is for and tells people about it.",
       {{"1.1", true,
         "The organisation has a written statement of the aims of its advocacy service, "
         "approved by the board of trustees.",
         nullptr},
        {"1.2", false,
         "Describe how advocates explain what advocacy is, and what it is not, at the first "
         "meeting with a person.",
         "At the first meeting the advocate uses our one-page leaflet, which is also available "
         "in easy read and large print. The advocate explains that they work only for the "
         "person, that they will not make decisions for them, and that they cannot give legal "
         "or medical advice. They check understanding by asking the person to say in their own "
         "words what will happen next. The explanation is repeated at the second meeting and "
         "recorded in the case notes."},
        {"1.3", true,
         "Published information says who can use the service and how to make a referral.",
         nullptr}}},
      {"Independence",
       "Advocacy is free from the influence of the bodies that fund or provide services.",
       {{"2.1", true,
         "The organisation is structurally independent of the bodies that commission or "
         "provide the services people receive.",
         nullptr},
        {"2.2", false, "Describe how conflicts of interest are identified, recorded and managed.",
         "Every member of staff and every trustee completes a declaration of interests when "
         "they join and each April. Advocates check for a possible conflict before accepting a "
         "case, for example if they know the person or the care provider. Any conflict is "
         "recorded on the case file and discussed with the service manager, who reallocates the "
         "case where needed. The board reviews the register of interests twice a year. In the "
         "last year three cases were reallocated for this reason."},
        {"2.3", true,
         "Advocates do not provide any other service, such as care, support or assessment, to "
         "the people they advocate for.",
         nullptr}}},
      {"Person-centred approach",
       "Advocacy is led by the wishes, needs and pace of the person.",
       {{"3.1", false,
         "Give an example of how advocacy was shaped around one person's own wishes, "
         "communication and pace.",
         "One person we supported found meetings in offices stressful and communicated best "
         "with pictures. The advocate met them in a quiet room at their day centre, used a "
         "picture board agreed with the person, and kept each meeting short. The person chose "
         "which topics to cover first. With this approach the person was able to tell their "
         "review meeting, in their own way, that they wanted to move closer to their family, "
         "and this was added to their support plan."},
        {"3.2", true, "Advocates record the person's views in their own words wherever possible.",
         nullptr}}},
      {"Empowerment",
       "Advocacy supports people to have their voice heard and to speak for themselves.",
       {{"4.1", true,
         "People are supported to speak for themselves wherever they wish to, with the "
         "advocate stepping in only as far as the person wants.",
         nullptr},
        {"4.2", false, "Describe how people who use the service influence the way it is run.",
         "People who use the service are invited to a feedback group that meets every quarter. "
         "Two places on the board are held for people with lived experience of advocacy. "
         "Feedback forms are offered at the end of every case, in standard and easy read "
         "versions. Last year the group asked for evening appointments, and we now offer them "
         "one day a week. Changes made after feedback are reported in our newsletter."},
        {"4.3", true,
         "Advocacy ends in a planned way agreed with the person, and the reasons are recorded.",
         nullptr}}},
      {"Equal opportunity",
       "The service is open to everyone who needs it and challenges discrimination.",
       {{"5.1", true,
         "The organisation has an equality and diversity policy that covers both service "
         "delivery and employment.",
         nullptr},
        {"5.2", false,
         "Describe how you monitor who uses the service and what you have changed as a result.",
         "We collect anonymous equality information at referral, which the person may decline "
         "to give. Each quarter the service manager compares it with local population figures. "
         "This showed that few referrals came for older people living in care homes, so we ran "
         "information sessions with care home managers and referrals from that group doubled. "
         "The figures and actions are reported to the board."},
        {"5.3", true, "Interpreters and accessible formats are provided at no cost to the person.",
         nullptr}}},
      {"Accountability",
       "The organisation checks the quality of its work and answers for it.",
       {{"6.1", true, "The board receives a report on the advocacy service at least every quarter.",
         nullptr},
        {"6.2", false, "Describe how you check the quality of advocacy casework.",
         "Each month the service manager reviews two open case files for every advocate, using "
         "a checklist that covers consent, recording of the person's views, timeliness and case "
         "closure. Findings are discussed in supervision and themes are shared at the team "
         "meeting. Once a year a trustee and an advocate from a partner organisation audit a "
         "random sample of closed files. The last audit led us to improve how we record the "
         "end of a case."},
        {"6.3", true,
         "Policies and procedures are reviewed at least every three years and show a review "
         "date.",
         nullptr}}},
      {"Accessibility",
       "Advocacy is easy to find, easy to reach and free to use.",
       {{"7.1", true, "The service is free at the point of use.", nullptr},
        {"7.2", false,
         "Describe how you make sure people who do not use words to communicate can access "
         "advocacy.",
         "Advocates are trained in non-instructed advocacy and use approaches such as watching "
         "how the person responds, talking with people who know them well and looking at "
         "their history and preferences. We keep a set of communication tools, including "
         "picture cards and objects of reference. Where a person uses signing, we book an "
         "interpreter. Non-instructed work is authorised and reviewed by the service manager."},
        {"7.3", true, "Meetings take place at times and in places that suit the person.",
         nullptr}}},
      {"Supporting advocates",
       "Advocates are trained, supervised and supported to do their work well.",
       {{"8.1", true, "Every advocate receives one-to-one supervision at least every six weeks.",
         nullptr},
        {"8.2", true,
         "Advocates hold, or are working towards, a recognised advocacy qualification.", nullptr},
        {"8.3", false,
         "Describe how advocates are supported after a difficult or distressing case.",
         "After a difficult case the advocate can ask for a debrief with the service manager "
         "within two working days. Advocates can also use a confidential counselling line paid "
         "for by the organisation. Peer support sessions run monthly. When a case involves a "
         "death or a serious safeguarding concern, the manager contacts the advocate the same "
         "day and agrees any change to their caseload."}}},
      {"Confidentiality",
       "Information about people is kept private and shared only with consent or when the law "
       "requires it.",
       {{"9.1", true,
         "The confidentiality policy explains the limits of confidentiality, including "
         "safeguarding.",
         nullptr},
        {"9.2", false, "Describe how case records are stored and who can see them.",
         "Case records are kept on an encrypted case management system. Each advocate can see "
         "only their own cases; the service manager can see all cases for supervision. Paper "
         "notes made during meetings are scanned within two working days and then shredded. "
         "Records are kept for six years after a case closes and then deleted. Access is "
         "reviewed when staff join or leave."},
        {"9.3", true, "People are told how their information is used when advocacy begins.",
         nullptr}}},
      {"Complaints",
       "People can complain easily and complaints lead to learning.",
       {{"10.1", true, "The complaints procedure is available in accessible formats.", nullptr},
        {"10.2", false,
         "Describe the last complaint you received, without identifying anyone, and what you "
         "learned from it.",
         "A relative complained that they had not been told when a case was closed. We "
         "explained that the person had asked us not to share information with family, and "
         "that we had followed their wishes. We apologised that our letter to the person had "
         "been sent late. As a result we now send closure letters within five working days and "
         "check this in file audits."},
        {"10.3", true, "Complaints and their outcomes are reported to the board.", nullptr}}},
  };
  return kPrinciples;
}

}  // namespace qpm::samples
