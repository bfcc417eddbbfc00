// redaction/removal.h — what a safe copy removes (`qpm-intake redact`, docs/redact.md),
// and where on its pages: the plan the page maker burns in.
//
// What is removed, by the policy of docs/personal-data.md:
//   - every personal-data finding that blocks (a direct identifier: policy.h), and,
//     with `also_warnings`, the quasi-identifiers that warn; never the organisation's
//     own (info) nor what the allow-list excuses (the scan already leaves it out);
//   - every failed redaction (category "redaction") and every hidden text with a
//     place on a page (category "hidden-data" with a page and box);
//   - the deny-list's values (their findings, "pii.deny-list");
//   - what a decisions file adds: a value to remove wherever it is read, an area of
//     a page.
// A decision can keep a finding (by its id) or a value (wherever it is found).
// What has no place on a page (file properties, attachments, comments, form data,
// scripts, earlier revisions) is listed with page 0 and no box: a safe copy is made
// of pixels and carries none of it.
//
// Where: each removed value is boxed over the words it was read in (a finding's byte
// range on its page, word by word, never the union of two lines), and wherever else
// it is read on any page (FindValues: the same value elsewhere, in any case and
// spacing, as the deny-list matches); a finding with a box and no words (hidden text,
// a form field) is boxed over its box.
//
// Pure: no I/O. Safe from any thread.
#ifndef QPM_REDACTION_REMOVAL_H_
#define QPM_REDACTION_REMOVAL_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/model.h"
#include "pipeline/core/safe_copy.h"
#include "pipeline/core/status.h"

namespace qpm::redaction {

// A decisions file (--decisions FILE), as docs/redact.md gives its form:
//   {"decisions_version": 1,
//    "keep":   [{"id": "3fa2b0c91d4e"}, {"value": "Alex Carter"}],
//    "remove": [{"value": "Sunnybank House"},
//               {"file": "CF01.pdf", "page": 2, "area": [72, 100, 300, 120]}]}
// "id" is a removal's id in redactions.json; "file" is a document's path as
// redactions.json gives it, or its file name alone; "area" is x0, y0, x1, y1 in points
// from the top left of the page as displayed.
struct Decisions {
  std::vector<std::string> keep_ids;
  std::vector<std::string> keep_values;
  std::vector<std::string> remove_values;
  struct Area {
    std::string file;
    int page = 1;
    Box box;
  };
  std::vector<Area> remove_areas;
};

// Reads a decisions file's text. Fails with kUnsupported and a message naming what is
// wrong ("remove[2]: \"page\" must be a whole number from 1"; lists count from 0) for
// anything that is not this form: unknown keys are refused, not ignored, so a typing
// error never silently keeps personal data in a copy. Also refused: an id that is not
// 12 hex digits, a value to remove with fewer than 3 letters or digits (it would box
// stray letters), and a value both kept and removed.
Result<Decisions> ParseDecisions(std::string_view json_text);

struct RemovalOptions {
  bool also_warnings = false;            // --also-warnings
  const Decisions* decisions = nullptr;  // --decisions; may be null
};

// One thing a safe copy removes, or that a decision keeps: what redactions.json lists.
struct Removal {
  // Stable across runs over the same files, and holding nothing of the value: a hash
  // of the document's path, the page, the rule, where on the page (the byte offset or
  // the field) and the count of earlier removals with all of these the same. 12 hex.
  std::string id;
  std::string rule;        // the finding's rule; "decision.value" or "decision.area"
  std::string label;       // what is drawn on the box: "name", "NHS number", "hidden text"
  std::string why;         // the finding's message (masked as the finding is)
  std::string value;       // the value; never written out without --reveal
  std::string masked;      // the value masked, as findings mask it
  std::string field;       // where it was when not on a page ("metadata:Author")
  int page = 0;            // 1-based; 0: not on one page
  std::vector<Box> boxes;  // on `page`, in points
  bool kept = false;       // a decision keeps it: nothing is boxed for it
};

struct RemovalPlan {
  std::vector<Removal> removals;  // in the order of the findings, then the decisions
  // The values (not kept) to box wherever they are read, each with its label.
  std::vector<std::pair<std::string, std::string>> values;  // value, label
  // Per page (1-based), the boxes to burn in, with their labels: each removal's own
  // boxes and every place on the page where one of `values` is read (FindValues).
  // Boxes that overlap or touch on one line are joined into one, keeping one label.
  std::map<int, std::vector<CopyBox>> boxes;
};

// The plan for `doc`, from its findings (with their values: run the scan with
// reveal, and mask what is written). `doc.pages` are the pages the copy is made
// from when their geometry is the copy's (a PDF, an image); a Word document's pages
// have no boxes, so only values and decisions reach its copy (the page maker finds
// the values on the printed copy's own text).
// Findings of another document are skipped. Personal data in a property or a part
// (category hidden-data, rule pii.*) is judged by its severity as on a page, and its
// value boxed wherever read. A removal that has no box on its page is listed with page
// 0. pii.redacted-elsewhere lists nothing: it points at its first slip, which is a
// removal of its own. What the decisions name and nothing matches (an id, an area's
// file, an area on a page `doc` does not have: listed with that page and box) is for
// the caller to report.
RemovalPlan PlanRemovals(const Document& doc, const std::vector<const Finding*>& findings,
                         const RemovalOptions& options);

// The label a box over what `f` found carries: "name", "NHS number", "hidden text".
std::string RemovalLabel(const Finding& f);

// Every place on `page` where one of `values` (value, label) is read, in any case and
// spacing, across line breaks, with any separators between digits: the boxes of the
// words the match covers, one box per line. A person's name also as "Okafor, Margaret",
// "M. Okafor" and the surname alone, never as the first name alone (a member of staff
// may share it). A value of fewer than 3 letters or digits is not looked for.
std::vector<CopyBox> FindValues(const Page& page,
                                const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace qpm::redaction

#endif  // QPM_REDACTION_REMOVAL_H_
