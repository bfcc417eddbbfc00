// The band: the one the workbook states agrees with its own WTE figure; a band is
// known at all; a bespoke band's counts were given.
// Why: the band sets how many case files and reports the assessor reads (QPM FAQ).
#include <cstdio>

#include "checks/rule.h"

namespace qpm::checks {
namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string BandRange(const Profile& p, const Band& band) {
  double from = 0;
  for (const Band& b : p.bands) {
    if (&b == &band) break;
    if (b.wte_up_to) from = *b.wte_up_to;
  }
  if (!band.wte_up_to) return "over " + Number(from);
  if (from == 0) return "up to " + Number(*band.wte_up_to);
  return "over " + Number(from) + " and up to " + Number(*band.wte_up_to);
}

}  // namespace

// completeness.band-mismatch: the workbook's stated band is the band of its WTE figure.
Rule BandMatchesWte() {
  return {{"completeness.band-mismatch",
           "The band the workbook states is the band of the WTE figure it states",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            const Workbook& wb = c.submission.workbook;
            if (!wb.wte || !wb.band || c.profile.bands.empty()) return;
            const Band* by_wte = c.profile.BandForWte(*wb.wte);
            if (by_wte == nullptr || by_wte->band == *wb.band) return;
            std::string stated = "band " + std::to_string(*wb.band);
            if (c.profile.FindBand(*wb.band) == nullptr)
              stated += ", which " + c.profile.title + " does not have";
            out.Add(wb.document,
                    c.TheWorkbookStartingASentence() + " states " + stated +
                        ", but its own figure of " + Number(*wb.wte) +
                        " whole-time-equivalent advocates is band " + std::to_string(by_wte->band) +
                        " (" + BandRange(c.profile, *by_wte) +
                        "). This check counts case files and reports for " +
                        (c.submission.band ? "band " + std::to_string(*c.submission.band) + " (" +
                                                 c.submission.band_reason + ")"
                                           : std::string("no band")) +
                        ".",
                    "Ask the organisation which figure is right and to correct " + c.TheWorkbook() +
                        ". To check against another band, run again with --wte or --band.");
          }};
}

// completeness.band-unknown: a band was decided, so the counts can be checked.
Rule BandKnown() {
  return {{"completeness.band-unknown", "The band is known, so the counts can be checked",
           Severity::kWarning, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            if (c.submission.band || c.profile.bands.empty()) return;
            const Workbook& wb = c.submission.workbook;
            // As the band is decided: the WTE figure first, then the band stated.
            std::string why;
            if (wb.document.empty()) {
              why = "no " + c.profile.workbook_name + " was found";
            } else if (wb.wte) {
              why = c.TheWorkbook() + "'s figure of " + Number(*wb.wte) +
                    " whole-time-equivalent advocates is in no band of " + c.profile.title;
            } else if (wb.band) {
              why = c.TheWorkbook() + " states band " + std::to_string(*wb.band) + ", which " +
                    c.profile.title + " does not have";
            } else {
              why = c.TheWorkbook() +
                    " states neither the organisation's whole-time-equivalent "
                    "advocates nor its band";
            }
            out.Add(wb.document,
                    "The band could not be decided: " + why +
                        ", and no --wte or --band was given. The number of case files and "
                        "reports is not checked.",
                    "Run again with --wte N (the organisation's whole-time-equivalent "
                    "advocates) or --band N.");
          }};
}

// completeness.band-bespoke: the submission is in a bespoke band, whose numbers of
// case files and reports the assessor agrees with the organisation. Information, so
// that the team sees it goes to an assessor by hand, counts given or not.
Rule BandBespoke() {
  return {{"completeness.band-bespoke",
           "A submission in a bespoke band is marked for the assessor's agreed numbers",
           Severity::kInfo, Category::kCompleteness},
          [](const Context& c, Sink& out) {
            if (!c.submission.band) return;
            const Band* band = c.profile.FindBand(*c.submission.band);
            if (band == nullptr || !band->bespoke) return;
            Requirements need = Required(c);
            bool given = need.case_files.has_value() && !need.reports.empty();
            out.Add(c.submission.workbook.document,
                    "The submission is in band " + std::to_string(band->band) + " (" +
                        c.submission.band_reason +
                        "), which is bespoke: how many case files and reports it sends is "
                        "agreed with the assessor" +
                        (given ? "; the numbers given (" + need.source + ") are checked."
                               : ", so it needs the assessor's review of those numbers."),
                    given ? "Nothing to do, if those are the numbers agreed."
                          : "Agree the numbers with the assessor, and run again with "
                            "--case-files and --reports to check them.");
          }};
}

// completeness.bespoke-counts-needed: a bespoke band came with its agreed counts.
Rule BespokeCountsGiven() {
  return {{"completeness.bespoke-counts-needed",
           "A bespoke band's agreed counts are given (--case-files, --reports)", Severity::kWarning,
           Category::kCompleteness},
          [](const Context& c, Sink& out) {
            if (!c.submission.band) return;
            const Band* band = c.profile.FindBand(*c.submission.band);
            if (band == nullptr || !band->bespoke) return;
            Requirements need = Required(c);
            std::string missing;
            if (!need.case_files) missing += " --case-files N";
            for (const ReportType& t : c.profile.reports) {
              if (need.reports.count(t.id) == 0) missing += " --reports " + t.id + "=N";
            }
            if (missing.empty()) return;
            out.Add("",
                    "Band " + std::to_string(band->band) +
                        " is bespoke: how many case files and reports to send is agreed with "
                        "the assessor, and not all the agreed numbers were given, so those "
                        "counts are not checked.",
                    "Run again with the agreed numbers:" + missing +
                        " (--reports TYPE=0 for a type the organisation does not write).");
          }};
}

}  // namespace qpm::checks
