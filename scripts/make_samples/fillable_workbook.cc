// scripts/make_samples/fillable_workbook.cc — see fillable_workbook.h.
#include "fillable_workbook.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "file_bits.h"
#include "fixed_values.h"
#include "pdf_builder.h"

namespace qpm::samples {
namespace {

class FormFields {
 public:
  explicit FormFields(PoDoFo::PdfMemDocument& doc) : doc_(doc) {
    form_ = doc_.GetAcroForm(PoDoFo::ePdfCreateObject, PoDoFo::ePdfAcroFormDefaultAppearance_None);
    // Plain base-14 font dictionaries for the form's default resources (/DR): what a viewer
    // uses if it ever rebuilds an appearance from /DA.
    helv_ = NewFont("Helvetica", true);
    zadb_ = NewFont("ZapfDingbats", false);
    PoDoFo::PdfDictionary fonts;
    fonts.AddKey(PoDoFo::PdfName("Helv"), helv_->Reference());
    fonts.AddKey(PoDoFo::PdfName("ZaDb"), zadb_->Reference());
    PoDoFo::PdfDictionary resources;
    resources.AddKey(PoDoFo::PdfName("Font"), fonts);
    PoDoFo::PdfDictionary& form = form_->GetObject()->GetDictionary();
    form.AddKey(PoDoFo::PdfName("DR"), resources);
    form.AddKey(PoDoFo::PdfName("DA"), PoDoFo::PdfString("/Helv 0 Tf 0 g"));
    form_->SetNeedAppearances(false);
  }

  // A ticked check box whose "on" appearance state is `on_state` (Word exports use "Yes",
  // other tools "On"; readers must not assume either).
  void AddTickedCheckBox(PoDoFo::PdfPage* page, const PoDoFo::PdfRect& rect,
                         const std::string& on_state) {
    PoDoFo::PdfCheckBox box(page, rect, form_);
    box.SetFieldName(PoDoFo::PdfString("Check Box" + std::to_string(++check_boxes_)));
    PoDoFo::PdfAnnotation* widget = box.GetWidgetAnnotation();
    PrepareWidget(widget);
    double w = rect.GetWidth();
    double h = rect.GetHeight();
    std::string frame =
        "0 G 0.8 w 0.4 0.4 " + FormatNumber(w - 0.8) + " " + FormatNumber(h - 0.8) + " re S\n";
    // The tick is a stroked path rather than a ZapfDingbats glyph, so it renders even where
    // no Dingbats font is installed.
    std::string tick = "1.6 w 1 J 1 j " + FormatNumber(w * 0.22) + " " + FormatNumber(h * 0.52) +
                       " m " + FormatNumber(w * 0.42) + " " + FormatNumber(h * 0.25) + " l " +
                       FormatNumber(w * 0.80) + " " + FormatNumber(h * 0.80) + " l S\n";
    PoDoFo::PdfObject* on = NewAppearance(w, h, "q\n" + frame + tick + "Q\n", false);
    PoDoFo::PdfObject* off = NewAppearance(w, h, "q\n" + frame + "Q\n", false);
    PoDoFo::PdfDictionary normal;
    normal.AddKey(PoDoFo::PdfName(on_state), on->Reference());
    normal.AddKey(PoDoFo::PdfName("Off"), off->Reference());
    PoDoFo::PdfDictionary appearance;
    appearance.AddKey(PoDoFo::PdfName("N"), normal);
    PoDoFo::PdfDictionary& field = box.GetFieldObject()->GetDictionary();
    field.AddKey(PoDoFo::PdfName("AP"), appearance);
    field.AddKey(PoDoFo::PdfName("V"), PoDoFo::PdfName(on_state));
    field.AddKey(PoDoFo::PdfName("AS"), PoDoFo::PdfName(on_state));
    field.AddKey(PoDoFo::PdfName("DA"), PoDoFo::PdfString("/ZaDb 0 Tf 0 g"));
    box.SetCaption(PoDoFo::PdfString("4"));  // /MK /CA: the Dingbats check a viewer would use
  }

  // A multi-line text field holding `value`, already wrapped into `lines` for the appearance.
  void AddTextField(PoDoFo::PdfPage* page, const PoDoFo::PdfRect& rect, const std::string& value,
                    const std::vector<std::string>& lines, float font_size, double leading) {
    PoDoFo::PdfTextField field(page, rect, form_);
    field.SetFieldName(PoDoFo::PdfString("Text" + std::to_string(++text_fields_)));
    field.SetMultiLine(true);
    field.SetText(PoDoFo::PdfString(value));
    PrepareWidget(field.GetWidgetAnnotation());
    PoDoFo::PdfDictionary& dict = field.GetFieldObject()->GetDictionary();
    dict.RemoveKey(PoDoFo::PdfName("DS"));  // PoDoFo's 12pt rich-text default; we use 9pt plain
    std::string size = FormatNumber(font_size);
    dict.AddKey(PoDoFo::PdfName("DA"), PoDoFo::PdfString("/Helv " + size + " Tf 0 g"));
    double w = rect.GetWidth();
    double h = rect.GetHeight();
    std::string content = "/Tx BMC\nq\n1 1 " + FormatNumber(w - 2) + " " + FormatNumber(h - 2) +
                          " re W n\nBT\n/Helv " + size + " Tf\n0 g\n" + FormatNumber(leading) +
                          " TL\n4 " + FormatNumber(h - 3 - font_size) + " Td\n";
    for (size_t i = 0; i < lines.size(); ++i) {
      content += (i == 0 ? "" : "T* ") + PdfLiteral(lines[i]) + " Tj\n";
    }
    content += "ET\nQ\nEMC\n";
    PoDoFo::PdfObject* normal = NewAppearance(w, h, content, true);
    PoDoFo::PdfDictionary appearance;
    appearance.AddKey(PoDoFo::PdfName("N"), normal->Reference());
    dict.AddKey(PoDoFo::PdfName("AP"), appearance);
  }

  int check_boxes() const { return check_boxes_; }
  int text_fields() const { return text_fields_; }

 private:
  static void PrepareWidget(PoDoFo::PdfAnnotation* widget) {
    widget->SetFlags(PoDoFo::ePdfAnnotationFlags_Print);
    widget->SetBorderStyle(0, 0, 0);  // the appearance streams draw what is needed
    // PoDoFo stamps each annotation's /M with the wall clock.
    widget->GetObject()->GetDictionary().AddKey(PoDoFo::PdfName("M"), PoDoFo::PdfString(kPdfDate));
  }

  PoDoFo::PdfObject* NewFont(const char* base_font, bool win_ansi) {
    PoDoFo::PdfObject* font = doc_.GetObjects().CreateObject("Font");
    PoDoFo::PdfDictionary& dict = font->GetDictionary();
    dict.AddKey(PoDoFo::PdfName("Subtype"), PoDoFo::PdfName("Type1"));
    dict.AddKey(PoDoFo::PdfName("BaseFont"), PoDoFo::PdfName(base_font));
    if (win_ansi) dict.AddKey(PoDoFo::PdfName("Encoding"), PoDoFo::PdfName("WinAnsiEncoding"));
    return font;
  }

  // A form XObject of size w x h with the given content stream.
  PoDoFo::PdfObject* NewAppearance(double w, double h, const std::string& content, bool uses_helv) {
    PoDoFo::PdfXObject xobject(PoDoFo::PdfRect(0, 0, w, h), &doc_);
    if (uses_helv) {
      xobject.AddResource(PoDoFo::PdfName("Helv"), helv_->Reference(), PoDoFo::PdfName("Font"));
    }
    xobject.GetContentsForAppending()->GetStream()->Set(
        content.c_str(), static_cast<PoDoFo::pdf_long>(content.size()));
    return xobject.GetObject();
  }

  PoDoFo::PdfMemDocument& doc_;
  PoDoFo::PdfAcroForm* form_ = nullptr;
  PoDoFo::PdfObject* helv_ = nullptr;
  PoDoFo::PdfObject* zadb_ = nullptr;
  int check_boxes_ = 0;
  int text_fields_ = 0;
};

// Principles() as an edition has them.
std::vector<Principle> EditionPrinciples(const WorkbookEdition& edition) {
  std::vector<Principle> out = Principles();
  for (size_t p = 0; p < out.size(); ++p) {
    std::vector<Indicator>& list = out[p].indicators;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const Indicator& i) {
                                return std::find(edition.dropped.begin(), edition.dropped.end(),
                                                 i.id) != edition.dropped.end();
                              }),
               list.end());
    std::string prefix = std::to_string(p + 1) + ".";
    for (const Indicator& i : edition.added) {
      if (std::string_view(i.id).substr(0, prefix.size()) == prefix) list.push_back(i);
    }
  }
  size_t before = 0, after = 0;
  for (const Principle& p : Principles()) before += p.indicators.size();
  for (const Principle& p : out) after += p.indicators.size();
  if (after != before - edition.dropped.size() + edition.added.size()) {
    Fail("a dropped indicator is not in Principles(), or an added one names no principle");
  }
  return out;
}

}  // namespace

RenderedWorkbook RenderWorkbook(const WorkbookEdition& edition) {
  PdfBuilder b({"QPM Assessment Workbook - Example Advocacy", "QPM Assessment Workbook",
                "QPM; workbook; Band " + std::to_string(edition.band),
                "QPM Assessment Workbook    Example Advocacy"});
  FormFields fields(b.doc());
  RenderedWorkbook out;

  b.Title("QPM Assessment Workbook");
  if (!edition.edition.empty()) b.Paragraph(edition.edition);
  b.Paragraph("Advocacy Quality Performance Mark - desktop assessment");
  b.Space(12);
  b.Paragraph("Organisation: Example Advocacy");
  b.Paragraph("Whole-time equivalent advocates: " + edition.wte);
  b.Paragraph("Band " + std::to_string(edition.band));
  b.Paragraph("Workbook issued: " + edition.issued);
  b.Paragraph("Submitted: 2026-11-20");
  b.Space(12);
  b.Heading("How to complete this workbook");
  b.Paragraph(
      "The workbook has ten sections, one for each principle of the Advocacy Charter. "
      "For each indicator, either tick the box to confirm that the organisation meets "
      "it, or write a narrative in the box provided. Narratives should describe "
      "current practice and must not identify any person who uses the service.");
  b.Paragraph(
      "Send the completed workbook with your policies, anonymised case files and "
      "advocacy reports as one desktop submission.");

  constexpr double kIdX = kMarginLeft;
  constexpr double kWordingX = kMarginLeft + 34;
  constexpr double kBoxSize = 13;
  constexpr double kBoxX = kPageWidth - kMarginRight - kBoxSize;
  constexpr double kTickWordingWidth = kBoxX - 16 - kWordingX;
  constexpr double kFieldWidth = kPageWidth - kMarginRight - kWordingX;
  constexpr float kFieldFont = 9;
  constexpr double kFieldLeading = 11;
  constexpr double kLeading = 14;

  int principle_number = 0;
  for (const Principle& principle : EditionPrinciples(edition)) {
    ++principle_number;
    b.NewPage();
    b.Title("Section " + std::to_string(principle_number) + ": " + principle.name);
    b.Paragraph(principle.summary);
    b.Space(6);
    for (const Indicator& indicator : principle.indicators) {
      double wording_width = indicator.tick ? kTickWordingWidth : kFieldWidth;
      size_t wording_lines = b.Wrap(indicator.wording, b.regular(), 10.5f, wording_width).size();
      std::vector<std::string> answer_lines;
      double field_height = 0;
      auto planted = edition.answers.find(indicator.id);
      const bool replaced = planted != edition.answers.end();
      const std::string text = indicator.tick ? ""
                               : replaced     ? planted->second
                                              : std::string(indicator.answer);
      if (!indicator.tick) {
        answer_lines = b.Wrap(text, b.regular(), kFieldFont, kFieldWidth - 8);
        field_height = static_cast<double>(answer_lines.size()) * kFieldLeading + 8;
      }
      b.EnsureSpace(static_cast<double>(wording_lines) * kLeading + field_height + 16);
      double top = b.y();
      b.DrawAt(indicator.id, b.bold(), 10.5f, kIdX, top - 10.5);
      out.page_of[indicator.id] = b.current_page();
      b.Draw(indicator.wording, b.regular(), 10.5f, kWordingX, wording_width, kLeading);
      Json answer;
      answer["indicator"] = indicator.id;
      if (indicator.tick) {
        // Alternate the on-state name so readers cannot rely on "/Yes".
        std::string on_state = fields.check_boxes() % 2 == 0 ? "Yes" : "On";
        fields.AddTickedCheckBox(b.page(), PoDoFo::PdfRect(kBoxX, top - 12.5, kBoxSize, kBoxSize),
                                 on_state);
        answer["kind"] = "tick";
        answer["state"] = "ticked";
        answer["words"] = 0;
        b.Space(10);
      } else {
        int words = CountWords(text);
        if (!replaced && (words < 40 || words > 120)) {
          Fail(std::string("narrative for ") + indicator.id + " has " + std::to_string(words) +
               " words; want 40-120");
        }
        b.Space(4);
        double bottom = b.y() - field_height;
        PoDoFo::PdfPainter& painter = b.painter();
        painter.SetStrokingColor(0.6, 0.6, 0.6);
        painter.SetStrokeWidth(0.5);
        painter.Rectangle(kWordingX, bottom, kFieldWidth, field_height);
        painter.Stroke();
        painter.SetStrokingColor(0, 0, 0);
        fields.AddTextField(b.page(), PoDoFo::PdfRect(kWordingX, bottom, kFieldWidth, field_height),
                            text, answer_lines, kFieldFont, kFieldLeading);
        b.set_y(bottom - 14);
        answer["kind"] = "narrative";
        answer["state"] = words > 0 ? "answered" : "empty";
        answer["words"] = words;
      }
      out.answers.push_back(answer);
    }
  }
  out.pages = b.current_page();
  out.bytes = b.Finish();
  return out;
}

}  // namespace qpm::samples
