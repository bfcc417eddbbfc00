// pipeline/output/cover.h — what the bundle's cover says, in words (docs/bundle.md).
//
// Plain code over the model: the submission's reference, the date the assessment is
// due, its status and counts against the band, and why a bundle is withheld. What the
// cover calls the quality mark, its assessment and its references is the profile's
// (MarkWords). The PDF itself is bundle_pdf.cc's.
#ifndef QPM_PIPELINE_OUTPUT_COVER_H_
#define QPM_PIPELINE_OUTPUT_COVER_H_

#include <string>

#include "pipeline/core/model.h"
#include "pipeline/core/profile.h"
#include "pipeline/output/bundle.h"

namespace qpm::bundle {

// What triage was told to put on the cover.
struct CoverRequest {
  std::string id;            // --id: "1234" or "QPM-1234"; "" for one worked out from the files
  std::string organisation;  // the organisation's name; "" when not known
  std::string to_assessor;   // --to-assessor, YYYY-MM-DD; "" for the date received
  std::string version;       // qpm-intake's version
};

// The submission's reference: the profile's `prefix` ("QPM"), "-" and what was given
// ("--id 1234" and "--id QPM-1234" both give "QPM-1234"), else the prefix, "-" and the
// first eight hex digits of a hash over what was received, so that the same files give
// the same reference.
std::string Reference(const Submission& s, const std::string& given, const std::string& prefix);

// Blocking personal-data, redaction and hidden-data findings: while any remain, the
// bundle is withheld (unless --force).
int WithholdingFindings(const Submission& s);

// Why the bundle is withheld while `withholding` such findings remain, in words.
std::string WithheldReason(int withholding);

// The cover's words for `s`: the quality mark and its assessment, reference,
// organisation, dates (the assessment due the profile's assessment_weeks after the
// assessor receives it; none when the profile sets none), band, status, counts, and
// the warning of a bundle made with --force while `withholding` findings remain.
// Leaves passwords and jobs for the caller.
Options DescribeCover(const Submission& s, const Profile& profile, const CoverRequest& request,
                      int withholding);

}  // namespace qpm::bundle

#endif  // QPM_PIPELINE_OUTPUT_COVER_H_
