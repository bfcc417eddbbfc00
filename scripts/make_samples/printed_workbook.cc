// scripts/make_samples/printed_workbook.cc — see printed_workbook.h.
#include "printed_workbook.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fixed_values.h"
#include "pdf_builder.h"
#include "workbook_content.h"

namespace qpm::samples {
namespace {

// ZapfDingbats glyphs, each a small form XObject showing one character, as a form's
// appearance streams are kept when it is flattened. One XObject per character, reused.
class Dingbats {
 public:
  explicit Dingbats(PoDoFo::PdfMemDocument& doc) : doc_(doc) {
    font_ = doc_.GetObjects().CreateObject("Font");
    PoDoFo::PdfDictionary& dict = font_->GetDictionary();
    dict.AddKey(PoDoFo::PdfName("Subtype"), PoDoFo::PdfName("Type1"));
    dict.AddKey(PoDoFo::PdfName("BaseFont"), PoDoFo::PdfName("ZapfDingbats"));
  }

  // Draws `glyph` at 10 points with its box's lower left corner at (x, y).
  void Draw(PoDoFo::PdfPainter& painter, char glyph, double x, double y) {
    auto it = forms_.find(glyph);
    if (it == forms_.end()) {
      auto form = std::make_unique<PoDoFo::PdfXObject>(PoDoFo::PdfRect(0, 0, 10, 10), &doc_);
      form->AddResource(PoDoFo::PdfName("ZaDb"), font_->Reference(), PoDoFo::PdfName("Font"));
      std::string content =
          "BT\n/ZaDb 10 Tf\n0 g\n0.6 1.8 Td\n(" + std::string(1, glyph) + ") Tj\nET\n";
      form->GetContentsForAppending()->GetStream()->Set(
          content.c_str(), static_cast<PoDoFo::pdf_long>(content.size()));
      it = forms_.emplace(glyph, std::move(form)).first;
    }
    painter.DrawXObject(x, y, it->second.get());
  }

 private:
  PoDoFo::PdfMemDocument& doc_;
  PoDoFo::PdfObject* font_ = nullptr;
  std::map<char, std::unique_ptr<PoDoFo::PdfXObject>> forms_;
};

constexpr char kDingbatTick = '4';         // ✔
constexpr char kDingbatBox = 'o';          // ❏
constexpr char kDingbatShadowedBox = 'q';  // ❑

// How a printed tick indicator shows its answer.
enum class PrintedTick {
  kBox,    // a box drawn beside the wording, with ✔ in it when ticked
  kYesNo,  // a line under the wording: "Yes ✔   No ❑"
};

struct PrintedTickAnswer {
  const char* id;
  PrintedTick how;
  const char* yes_no;  // kYesNo: the glyphs after "Yes" and after "No" ("4q": Yes ✔ No ❑)
  bool ticked;
};

const std::vector<PrintedTickAnswer>& PrintedTicks() {
  using T = PrintedTick;
  static const std::vector<PrintedTickAnswer> k = {
      {"1.1", T::kBox, "", true},      {"1.3", T::kYesNo, "4q", true},
      {"2.1", T::kBox, "", true},      {"2.3", T::kBox, "", false},
      {"3.2", T::kYesNo, "o4", false}, {"4.1", T::kBox, "", true},
      {"4.3", T::kYesNo, "4o", true},  {"5.1", T::kBox, "", true},
      {"5.3", T::kYesNo, "qq", false}, {"6.1", T::kBox, "", true},
      {"6.3", T::kYesNo, "4q", true},  {"7.1", T::kBox, "", true},
      {"7.3", T::kBox, "", false},     {"8.1", T::kYesNo, "4o", true},
      {"8.2", T::kBox, "", true},      {"9.1", T::kYesNo, "q4", false},
      {"9.3", T::kBox, "", true},      {"10.1", T::kYesNo, "4q", true},
      {"10.3", T::kBox, "", true},
  };
  return k;
}

// The narrative the printed workbook leaves blank: the next indicator follows its wording.
constexpr char kPrintedBlankNarrative[] = "6.2";

}  // namespace

RenderedWorkbook RenderPrintedWorkbook(const WorkbookEdition& edition) {
  PdfOptions options{"QPM Assessment Workbook - Example Advocacy", "QPM Assessment Workbook",
                     "QPM; workbook; Band 1",
                     "QPM Assessment Workbook \xE2\x80\x93 Example Advocacy"};
  options.footer_at_top = true;  // "QPM Assessment Workbook – Example Advocacy    Page N"
  PdfBuilder b(options);
  Dingbats dingbats(b.doc());
  RenderedWorkbook out;

  b.Title("QPM Assessment Workbook");
  b.Paragraph("Advocacy Quality Performance Mark - desktop assessment");
  b.Space(12);
  b.Paragraph("Organisation: Example Advocacy");
  b.Paragraph("Whole-time equivalent advocates: " + edition.wte);
  b.Paragraph("Band " + std::to_string(edition.band));
  b.Paragraph("Workbook issued: " + edition.issued);
  b.Paragraph("Submitted: 2026-11-20");
  b.Space(12);
  b.Paragraph(
      "For each indicator, tick Yes or the box to confirm that the organisation meets it, or "
      "write a narrative under it. Narratives must not identify any person who uses the "
      "service.");

  constexpr double kIdX = kMarginLeft;
  constexpr double kWordingX = kMarginLeft + 34;
  constexpr double kBoxSize = 12;
  constexpr double kBoxX = kPageWidth - kMarginRight - kBoxSize;
  constexpr double kTickWordingWidth = kBoxX - 16 - kWordingX;
  constexpr double kWidth = kPageWidth - kMarginRight - kWordingX;
  constexpr double kLeading = 14;

  size_t ticks_used = 0;
  int number = 0;
  for (const Principle& principle : Principles()) {
    b.Heading("Section " + std::to_string(++number) + ": " + principle.name);
    b.Paragraph(principle.summary);
    for (const Indicator& indicator : principle.indicators) {
      const PrintedTickAnswer* tick = nullptr;
      for (const PrintedTickAnswer& t : PrintedTicks()) {
        if (std::string_view(t.id) == indicator.id) tick = &t;
      }
      if (indicator.tick && tick == nullptr)
        Fail(std::string("no printed tick for ") + indicator.id);
      bool box = tick != nullptr && tick->how == PrintedTick::kBox;
      double wording_width = box ? kTickWordingWidth : kWidth;
      size_t wording_lines = b.Wrap(indicator.wording, b.regular(), 10.5f, wording_width).size();
      b.EnsureSpace(static_cast<double>(wording_lines + 2) * kLeading);
      double top = b.y();
      b.DrawAt(indicator.id, b.bold(), 10.5f, kIdX, top - 10.5);
      out.page_of[indicator.id] = b.current_page();
      b.Draw(indicator.wording, b.regular(), 10.5f, kWordingX, wording_width, kLeading);
      Json answer;
      answer["indicator"] = indicator.id;
      if (indicator.tick) {
        ++ticks_used;
        if (box) {
          PoDoFo::PdfPainter& painter = b.painter();
          painter.SetStrokeWidth(0.8);
          painter.Rectangle(kBoxX, top - 12, kBoxSize, kBoxSize);
          painter.Stroke();
          if (tick->ticked) dingbats.Draw(painter, kDingbatTick, kBoxX + 1.2, top - 11.4);
        } else {
          std::string_view glyphs = tick->yes_no;
          if (glyphs.size() != 2) Fail("a Yes/No line needs two glyphs");
          bool yes = glyphs[0] == kDingbatTick, no = glyphs[1] == kDingbatTick;
          if (yes == no ? tick->ticked : yes != tick->ticked)
            Fail("Yes/No glyphs and state differ");
          b.Space(2);
          double line = b.y() - 10.5;
          b.DrawAt("Yes", b.regular(), 10.5f, kWordingX, line);
          dingbats.Draw(b.painter(), glyphs[0], kWordingX + 22, line - 1.5);
          b.DrawAt("No", b.regular(), 10.5f, kWordingX + 48, line);
          dingbats.Draw(b.painter(), glyphs[1], kWordingX + 64, line - 1.5);
          b.Space(kLeading);
        }
        answer["kind"] = "tick";
        answer["state"] = tick->ticked ? "ticked" : "unticked";
        answer["words"] = 0;
      } else {
        bool blank = std::string_view(indicator.id) == kPrintedBlankNarrative;
        if (!blank) {
          b.Space(3);
          int first_page = b.current_page();
          b.Draw(indicator.answer, b.regular(), 10.5f, kWordingX, kWidth, kLeading);
          if (b.current_page() != first_page) out.across_pages.push_back(indicator.id);
        }
        answer["kind"] = "narrative";
        answer["state"] = blank ? "empty" : "answered";
        answer["words"] = blank ? 0 : CheckedWords(indicator.answer);
      }
      b.Space(8);
      out.answers.push_back(answer);
    }
  }
  if (ticks_used != PrintedTicks().size()) Fail("a printed tick names no tick indicator");
  if (out.across_pages.empty()) Fail("the printed workbook should break a narrative over pages");
  out.pages = b.current_page();
  out.bytes = b.Finish();
  return out;
}

}  // namespace qpm::samples
