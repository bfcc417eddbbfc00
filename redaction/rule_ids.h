// redaction/rule_ids.h — the ids of the personal-data rules, each named once.
//
// The detectors (personal_data.cc), the policy that judges their candidates
// (policy.cc) and the hidden-data findings (hidden_data.cc) all tell rules apart by
// these; a rule's title, severity and what it checks are in PersonalDataRules().
#ifndef QPM_REDACTION_RULE_IDS_H_
#define QPM_REDACTION_RULE_IDS_H_

#include <string_view>

namespace qpm::redaction {

inline constexpr std::string_view kRuleNhs = "pii.nhs-number";
inline constexpr std::string_view kRuleNhsPossible = "pii.nhs-number-possible";
inline constexpr std::string_view kRuleNino = "pii.ni-number";
inline constexpr std::string_view kRuleEmail = "pii.email";
inline constexpr std::string_view kRulePhone = "pii.phone-number";
inline constexpr std::string_view kRulePostcode = "pii.postcode";
inline constexpr std::string_view kRuleAddress = "pii.street-address";
inline constexpr std::string_view kRuleDob = "pii.date-of-birth";
inline constexpr std::string_view kRuleAge = "pii.age";
inline constexpr std::string_view kRuleName = "pii.person-name";
inline constexpr std::string_view kRuleHospital = "pii.hospital-number";
inline constexpr std::string_view kRuleBank = "pii.bank-details";
inline constexpr std::string_view kRulePassport = "pii.passport-number";
inline constexpr std::string_view kRuleLicence = "pii.driving-licence";
inline constexpr std::string_view kRulePlace = "pii.care-place";
inline constexpr std::string_view kRuleDeny = "pii.deny-list";
inline constexpr std::string_view kRuleRedactedElsewhere = "pii.redacted-elsewhere";

}  // namespace qpm::redaction

#endif  // QPM_REDACTION_RULE_IDS_H_
