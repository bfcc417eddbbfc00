// pipeline/core/profile.h — what a quality mark asks for, read from a profile file.
//
// Everything that is specific to one quality mark, and may change with a new
// edition of its workbook, is data in profiles/*.json rather than code: the
// workbook's sections and indicators, the required policies, the bands, the
// case-file components and their cue phrases, the report types, the deadlines, and
// the words every output uses for the quality mark (MarkWords).
// A profile is checked when it is loaded; the error names the field that is wrong,
// so the support team can mend the file themselves.
#ifndef QPM_PIPELINE_CORE_PROFILE_H_
#define QPM_PIPELINE_CORE_PROFILE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/status.h"

namespace qpm {

struct Indicator {
  std::string id;       // as the workbook prints it: "3.2"
  std::string kind;     // "tick" | "narrative" | "contact" (someone's name and how to reach them)
  std::string wording;  // the indicator's text, as the workbook prints it
  int min_words = 0;    // narrative only: the fewest words a real answer has
};

struct ProfileSection {
  std::string id;
  std::string title;  // "Clarity of purpose"
  std::vector<Indicator> indicators;
};

struct RequiredPolicy {
  std::string id;                     // "safeguarding"
  std::string title;                  // "Safeguarding policy"
  std::vector<std::string> synonyms;  // other titles organisations give it
  // How much it matters when none is sent: a blocker, or a warning where the quality
  // mark accepts it in another form; then `if_missing_note` says so, in its words.
  Severity if_missing = Severity::kBlocker;
  std::string if_missing_note;
};

struct Band {
  int band = 0;
  std::optional<double> wte_up_to;  // the band covers WTE above the previous band's, up to this
  bool bespoke = false;             // counts are agreed case by case, not set here
  int case_files = 0;
  std::map<std::string, int> reports;  // report type id → how many
};

struct CaseComponent {
  std::string name;               // "consent form"
  std::vector<std::string> cues;  // headings and phrases that start this component
};

struct ReportType {
  std::string id;    // "imca"
  std::string name;  // "IMCA report"
  std::vector<std::string> cues;
};

struct Profile {
  std::string name;   // "qpm-v4"
  std::string title;  // for people
  std::string path;   // the file it was read from
  MarkWords words;    // what outputs call the quality mark (words.title is `title`)

  // The workbook (or application form) and its indicators. `workbook_name` is what
  // messages call it: "Assessment Workbook", "Gateway application form".
  std::string workbook_name = "workbook";
  std::vector<std::string> workbook_cues;
  std::string
      indicator_id;  // RE2 pattern for an indicator id as printed: "[0-9]{1,2}\\.[0-9]{1,2}"
  std::vector<std::string> issue_date_cues;
  std::vector<std::string> wte_cues;
  std::vector<std::string> band_cues;
  int min_words = 0;  // default for narrative indicators
  std::vector<ProfileSection> sections;

  std::vector<RequiredPolicy> policies;
  std::vector<std::string> policy_cues;  // words that make a document a policy at all
  std::vector<Band> bands;               // in order, lowest first; none when there are no bands

  // Empty when the quality mark asks for no case files.
  std::vector<std::string> case_file_cues;
  std::string case_id_pattern;  // RE2 with one capture group: the case's number
  std::string case_id_prefix;   // how reports write a case's id: prefix + two digits, "CF03"
  std::vector<CaseComponent> components;

  std::vector<ReportType> reports;
  std::vector<std::string> correspondence_cues;

  // After the workbook's issue date: sent later than warning_months is a warning,
  // later than final_months a blocker. Both 0 when the quality mark sets no timescale
  // (the profile has no deadlines): then nothing is judged late. See SetsDeadlines().
  int warning_months = 0;
  int final_months = 0;
  // The assessor's time after a submission is received: the date the assessment is
  // due (the bundle's cover, the inbox's register). 0 when the quality mark sets none.
  int assessment_weeks = 0;

  // True when the quality mark sets a time to send the workbook in.
  bool SetsDeadlines() const { return final_months > 0; }

  // The indicator with this id, or nullptr.
  const Indicator* FindIndicator(std::string_view id) const;
  // The band for a whole-time-equivalent figure, or nullptr when no band covers it.
  const Band* BandForWte(double wte) const;
  const Band* FindBand(int band) const;
};

// Reads and checks a profile. On failure the Status message names the file and the
// field, e.g. `qpm-v4.json: workbook.sections[2].indicators[0].kind: must be "tick"
// or "narrative", not "box"`.
Result<Profile> LoadProfile(const std::string& path);
Result<Profile> ParseProfile(std::string_view json_text, const std::string& origin);

// The folders profiles are looked for in, in order: `QPM_PROFILE_DIR`, the installed
// share directory beside the program (../share/qpm-intake/profiles), and the source
// tree the program was built from. Only those that exist.
std::vector<std::string> ProfileDirs(const std::string& program_path);

// The profile file `name_or_path` means: a file of that path when one exists, else
// `<name>.json` in the first of ProfileDirs that has it ("quality-mark-gateway").
// Returns "" when there is none.
std::string FindProfile(const std::string& name_or_path, const std::string& program_path);

// The default profile, qpm-v4, as FindProfile finds it; "" when it is nowhere.
std::string DefaultProfilePath(const std::string& program_path);

// The case id for the number the profile's pattern captured: "7" or OCR's "O7" →
// "CF07" (OCR reads 0 as O and 1 as l or I, and the pattern may let them through).
std::string CaseIdFromNumber(std::string number, const Profile& profile);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_PROFILE_H_
