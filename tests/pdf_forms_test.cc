// Form fields read from PDFs built here with PoDoFo (what Word and Acrobat
// write: generic names, any export value, radio groups, /Parent chains, rotated
// and cropped pages), and from the forms in ../shared/corpus (see MANIFEST.tsv).
//
// A field's box must sit where Poppler puts the words drawn inside it: that is
// what ties a "Check Box7" to the indicator printed beside it.
#include "extractors/read/pdf_forms.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <podofo/podofo.h>
#pragma GCC diagnostic pop

#include "extractors/read/extract.h"
#include "extractors/read/pdf_text.h"
#include "pipeline/ingest/sniff.h"
#include "redaction/personal_data.h"
#include "tests/test_util.h"

namespace qpm::extract {
namespace {

using PoDoFo::PdfArray;
using PoDoFo::PdfDictionary;
using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::PdfVariant;
using qpm::testing::CorpusDir;
using qpm::testing::TempDir;

PdfVariant Number(int64_t n) { return PdfVariant(static_cast<PoDoFo::pdf_int64>(n)); }

PdfArray RectArray(double x1, double y1, double x2, double y2) {
  PdfArray a;
  for (double v : {x1, y1, x2, y2}) a.push_back(PdfVariant(v));
  return a;
}

// A PDF with an AcroForm, built object by object as form writers lay it out.
class FormPdf {
 public:
  FormPdf() {
    font_ = doc_.CreateFont("Helvetica", false, false, false,
                            PoDoFo::PdfEncodingFactory::GlobalWinAnsiEncodingInstance(),
                            PoDoFo::PdfFontCache::eFontCreationFlags_AutoSelectBase14, false);
    appearance_ = doc_.GetObjects().CreateObject("XObject");
    PdfDictionary& ap = appearance_->GetDictionary();
    ap.AddKey(PdfName("Subtype"), PdfName("Form"));
    ap.AddKey(PdfName("BBox"), RectArray(0, 0, 10, 10));
    appearance_->GetStream()->Set("");
  }

  PoDoFo::PdfDocument& doc() { return doc_; }

  // A new page of `width` x `height` points. PoDoFo may drop the PdfPage when the
  // next page is made: use it before that.
  PoDoFo::PdfPage* Page(double width = 595, double height = 842) {
    PoDoFo::PdfPage* page = doc_.CreatePage(PoDoFo::PdfRect(0, 0, width, height));
    annots_[page->GetObject()->Reference()];
    return page;
  }

  static void Set(PoDoFo::PdfPage* page, const char* key, const PdfObject& value) {
    page->GetObject()->GetDictionary().AddKey(PdfName(key), value);
  }

  // Draws `word` in 10 pt Helvetica with its baseline at (x, y), in user space.
  void Word(PoDoFo::PdfPage* page, double x, double y, const std::string& word) {
    PoDoFo::PdfPainter painter;
    painter.SetPage(page);
    font_->SetFontSize(10);
    painter.SetFont(font_);
    painter.DrawText(x, y, PoDoFo::PdfString(word));
    painter.FinishPage();
  }

  // A field dictionary with no widget of its own; a root field when `parent` is null.
  PdfObject* Field(const std::map<std::string, PdfObject>& keys, PdfObject* parent = nullptr) {
    PdfObject* f = doc_.GetObjects().CreateObject();
    for (const auto& [k, v] : keys) f->GetDictionary().AddKey(PdfName(k), v);
    Attach(f, parent);
    return f;
  }

  // A widget annotation on `page` at `rect` (user space), listed in the page's
  // /Annots. With `on_state`, it has a normal appearance for that state and /Off.
  PdfObject* Widget(PoDoFo::PdfPage* page, const PdfArray& rect,
                    const std::map<std::string, PdfObject>& keys, PdfObject* parent = nullptr,
                    const std::string& on_state = "") {
    PdfObject* w = doc_.GetObjects().CreateObject("Annot");
    PdfDictionary& d = w->GetDictionary();
    d.AddKey(PdfName("Subtype"), PdfName("Widget"));
    d.AddKey(PdfName("Rect"), rect);
    d.AddKey(PdfName("P"), page->GetObject()->Reference());
    d.AddKey(PdfName("F"), Number(4));
    for (const auto& [k, v] : keys) d.AddKey(PdfName(k), v);
    if (!on_state.empty()) {
      PdfDictionary normal;
      normal.AddKey(PdfName(on_state), appearance_->Reference());
      normal.AddKey(PdfName("Off"), appearance_->Reference());
      PdfDictionary ap;
      ap.AddKey(PdfName("N"), normal);
      d.AddKey(PdfName("AP"), ap);
    }
    annots_[page->GetObject()->Reference()].push_back(w->Reference());
    Attach(w, parent);
    return w;
  }

  // A non-widget annotation (a sticky note, a highlight) on `page`.
  PdfObject* Annotation(PoDoFo::PdfPage* page, const std::map<std::string, PdfObject>& keys) {
    PdfObject* a = doc_.GetObjects().CreateObject("Annot");
    a->GetDictionary().AddKey(PdfName("Rect"), RectArray(100, 700, 120, 720));
    for (const auto& [k, v] : keys) a->GetDictionary().AddKey(PdfName(k), v);
    annots_[page->GetObject()->Reference()].push_back(a->Reference());
    return a;
  }

  void Write(const std::string& path, const std::string& user_password = "") {
    for (const auto& [page, refs] : annots_) {
      PdfArray list;
      for (const PoDoFo::PdfReference& r : refs) list.push_back(r);
      doc_.GetObjects().GetObject(page)->GetDictionary().AddKey(PdfName("Annots"), list);
    }
    PdfDictionary form;
    PdfArray roots;
    for (const PoDoFo::PdfReference& r : roots_) roots.push_back(r);
    form.AddKey(PdfName("Fields"), roots);
    doc_.GetCatalog()->GetDictionary().AddKey(PdfName("AcroForm"), form);
    if (!user_password.empty()) {
      // AES-256: PoDoFo's RC4 needs OpenSSL's legacy provider (see make_samples).
      doc_.SetEncrypted(
          user_password, "owner-" + user_password, PoDoFo::PdfEncrypt::ePdfPermissions_Print,
          PoDoFo::PdfEncrypt::ePdfEncryptAlgorithm_AESV3R6, PoDoFo::PdfEncrypt::ePdfKeyLength_256);
    }
    doc_.Write(path.c_str());
  }

 private:
  void Attach(PdfObject* child, PdfObject* parent) {
    if (parent == nullptr) {
      roots_.push_back(child->Reference());
      return;
    }
    child->GetDictionary().AddKey(PdfName("Parent"), parent->Reference());
    PdfDictionary& p = parent->GetDictionary();
    if (!p.HasKey(PdfName("Kids"))) p.AddKey(PdfName("Kids"), PdfArray());
    p.GetKey(PdfName("Kids"))->GetArray().push_back(child->Reference());
  }

  PoDoFo::PdfMemDocument doc_;
  PoDoFo::PdfFont* font_ = nullptr;
  PdfObject* appearance_ = nullptr;
  std::map<PoDoFo::PdfReference, std::vector<PoDoFo::PdfReference>> annots_;  // by page
  std::vector<PoDoFo::PdfReference> roots_;
};

PdfObject Name(const char* n) { return PdfObject(PdfName(n)); }
PdfObject Text(const std::string& utf8) {
  return PdfObject(PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str())));
}
PdfObject Bytes(const std::string& raw) {
  return PdfObject(PoDoFo::PdfString(raw.data(), static_cast<PoDoFo::pdf_long>(raw.size())));
}

std::vector<FormField> Fields(const std::string& path, const std::string& password = "") {
  Result<std::vector<FormField>> r = ReadPdfFormFields(path, password, 5000);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : std::vector<FormField>{};
}

const FormField* Named(const std::vector<FormField>& fields, const std::string& name,
                       size_t nth = 0) {
  for (const FormField& f : fields) {
    if (f.name == name && nth-- == 0) return &f;
  }
  return nullptr;
}

// The Poppler word boxes of a PDF's pages, by word.
std::map<std::string, std::pair<int, Box>> PopplerWords(const std::string& path) {
  std::map<std::string, std::pair<int, Box>> words;
  ReadPdf(path, {}, 100, [&](Page&& page) {
    for (const Word& w : page.words) words[w.text] = {page.number, w.box};
  });
  return words;
}

// `inner` lies within `outer` (give or take `slack` points).
::testing::AssertionResult Inside(const Box& inner, const Box& outer, double slack = 0.5) {
  if (inner.x0 >= outer.x0 - slack && inner.y0 >= outer.y0 - slack &&
      inner.x1 <= outer.x1 + slack && inner.y1 <= outer.y1 + slack) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "word [" << inner.x0 << ", " << inner.y0 << ", " << inner.x1 << ", " << inner.y1
         << "] is not inside field [" << outer.x0 << ", " << outer.y0 << ", " << outer.x1 << ", "
         << outer.y1 << "]";
}

class PdfFormsTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string Path(const std::string& name) const { return dir_.path() + "/" + name; }
};

// One page with every kind of field a workbook carries.
std::string BuildWorkbookForm(const std::string& path, const std::string& password = "") {
  FormPdf pdf;
  PoDoFo::PdfPage* page = pdf.Page();
  // A Word export in Dutch: the on-state is /Ja, not /Yes.
  pdf.Widget(
      page, RectArray(100, 700, 200, 720),
      {{"FT", Name("Btn")}, {"T", Text("Check Box1")}, {"V", Name("Ja")}, {"AS", Name("Ja")}},
      nullptr, "Ja");
  pdf.Word(page, 105, 706, "Alpha");
  pdf.Widget(
      page, RectArray(100, 660, 200, 680),
      {{"FT", Name("Btn")}, {"T", Text("Check Box2")}, {"V", Name("Off")}, {"AS", Name("Off")}},
      nullptr, "Yes");
  pdf.Word(page, 105, 666, "Bravo");
  // No /AS at all: the value decides, whatever the export value is called.
  pdf.Widget(page, RectArray(100, 620, 200, 640),
             {{"FT", Name("Btn")}, {"T", Text("Check Box3")}, {"V", Name("1")}});
  // A radio group: one field, two widgets, the second one chosen.
  PdfObject* group = pdf.Field(
      {{"FT", Name("Btn")}, {"Ff", Number(49152)}, {"T", Text("Keuze")}, {"V", Name("Twee")}});
  pdf.Widget(page, RectArray(100, 580, 200, 600), {{"AS", Name("Off")}}, group, "Een");
  pdf.Widget(page, RectArray(220, 580, 320, 600), {{"AS", Name("Twee")}}, group, "Twee");
  // Text: UTF-16 with a character outside the BMP, and PDFDocEncoding bytes.
  pdf.Widget(page, RectArray(100, 540, 300, 560),
             {{"FT", Name("Tx")},
              {"T", Text("Text12")},
              {"V", Text("Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m \xF0\x9F\x98\x80")}});
  pdf.Widget(page, RectArray(100, 500, 300, 520),
             {{"FT", Name("Tx")}, {"T", Text("Text13")}, {"V", Bytes("\x93le \x80 \x8Dq\x8E")}});
  // Hidden (/F 2) and no-view (/F 32) widgets.
  pdf.Widget(
      page, RectArray(100, 460, 300, 480),
      {{"FT", Name("Tx")}, {"T", Text("Secret")}, {"V", Text("hidden value")}, {"F", Number(2)}});
  pdf.Widget(page, RectArray(100, 420, 300, 440),
             {{"FT", Name("Tx")}, {"T", Text("NoView")}, {"V", Text("x")}, {"F", Number(32)}});
  // A /Parent chain: the type and the value are inherited, the name is dotted.
  PdfObject* root = pdf.Field({{"FT", Name("Btn")}, {"T", Text("Workbook")}});
  PdfObject* principle = pdf.Field({{"T", Text("Principle1")}}, root);
  pdf.Widget(page, RectArray(100, 380, 120, 400),
             {{"T", Text("Check Box7")}, {"V", Name("Yes")}, {"AS", Name("Yes")}}, principle,
             "Yes");
  // A list box with two values selected, a push button, an unsigned signature.
  pdf.Widget(page, RectArray(100, 300, 300, 360),
             {{"FT", Name("Ch")},
              {"Ff", Number(1 << 21)},
              {"T", Text("List")},
              {"V", PdfObject([] {
                 PdfArray a;
                 a.push_back(PoDoFo::PdfString("One"));
                 a.push_back(PoDoFo::PdfString("Two"));
                 return a;
               }())}});
  pdf.Widget(page, RectArray(400, 700, 500, 720),
             {{"FT", Name("Btn")}, {"Ff", Number(1 << 16)}, {"T", Text("Print")}});
  pdf.Widget(page, RectArray(0, 0, 0, 0), {{"FT", Name("Sig")}, {"T", Text("Signature1")}});
  // States numbered, named by /Opt.
  pdf.Widget(page, RectArray(400, 660, 420, 680),
             {{"FT", Name("Btn")},
              {"T", Text("Consent")},
              {"Opt", PdfObject([] {
                 PdfArray a;
                 a.push_back(PoDoFo::PdfString("Agree"));
                 return a;
               }())},
              {"V", Name("0")},
              {"AS", Name("0")}},
             nullptr, "0");
  // A field no page shows.
  pdf.Field({{"FT", Name("Tx")}, {"T", Text("Orphan")}, {"V", Text("left over")}});
  pdf.Write(path, password);
  return path;
}

TEST_F(PdfFormsTest, CheckBoxesWithAnyExportValue) {
  std::vector<FormField> f = Fields(BuildWorkbookForm(Path("form.pdf")));
  const FormField* ja = Named(f, "Check Box1");
  ASSERT_NE(ja, nullptr);
  EXPECT_EQ(ja->kind, "checkbox");
  EXPECT_TRUE(ja->on);
  EXPECT_EQ(ja->value, "Ja");
  EXPECT_EQ(ja->page, 1);
  EXPECT_FALSE(ja->hidden);
  const FormField* off = Named(f, "Check Box2");
  ASSERT_NE(off, nullptr);
  EXPECT_FALSE(off->on);
  EXPECT_EQ(off->value, "");
  const FormField* by_value = Named(f, "Check Box3");
  ASSERT_NE(by_value, nullptr);
  EXPECT_TRUE(by_value->on);
  EXPECT_EQ(by_value->value, "1");
  const FormField* opt = Named(f, "Consent");
  ASSERT_NE(opt, nullptr);
  EXPECT_TRUE(opt->on);
  EXPECT_EQ(opt->value, "Agree");
}

TEST_F(PdfFormsTest, RadioGroupIsOneFieldPerWidget) {
  std::vector<FormField> f = Fields(BuildWorkbookForm(Path("form.pdf")));
  const FormField* first = Named(f, "Keuze", 0);
  const FormField* second = Named(f, "Keuze", 1);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(first->kind, "radio");
  EXPECT_FALSE(first->on);
  EXPECT_EQ(first->value, "");
  EXPECT_TRUE(second->on);
  EXPECT_EQ(second->value, "Twee");
  ASSERT_TRUE(first->box && second->box);
  EXPECT_LT(first->box->x0, second->box->x0);  // each widget where it is drawn
}

TEST_F(PdfFormsTest, TextValuesAreUtf8) {
  std::vector<FormField> f = Fields(BuildWorkbookForm(Path("form.pdf")));
  const FormField* utf16 = Named(f, "Text12");
  ASSERT_NE(utf16, nullptr);
  EXPECT_EQ(utf16->kind, "text");
  EXPECT_EQ(utf16->value, "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m \xF0\x9F\x98\x80");
  const FormField* doc_encoding = Named(f, "Text13");
  ASSERT_NE(doc_encoding, nullptr);
  // 0x93 fi ligature, 0x80 bullet, 0x8D and 0x8E curly double quotes.
  EXPECT_EQ(doc_encoding->value, "\xEF\xAC\x81le \xE2\x80\xA2 \xE2\x80\x9Cq\xE2\x80\x9D");
  const FormField* list = Named(f, "List");
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->kind, "choice");
  EXPECT_EQ(list->value, "One\nTwo");
}

TEST_F(PdfFormsTest, KindsHiddenWidgetsAndInheritedNames) {
  std::vector<FormField> f = Fields(BuildWorkbookForm(Path("form.pdf")));
  ASSERT_NE(Named(f, "Secret"), nullptr);
  EXPECT_TRUE(Named(f, "Secret")->hidden);
  EXPECT_EQ(Named(f, "Secret")->value, "hidden value");  // still read: it is in the file
  ASSERT_NE(Named(f, "NoView"), nullptr);
  EXPECT_TRUE(Named(f, "NoView")->hidden);
  const FormField* chained = Named(f, "Workbook.Principle1.Check Box7");
  ASSERT_NE(chained, nullptr);
  EXPECT_EQ(chained->kind, "checkbox");
  EXPECT_TRUE(chained->on);
  ASSERT_NE(Named(f, "Print"), nullptr);
  EXPECT_EQ(Named(f, "Print")->kind, "button");
  const FormField* sig = Named(f, "Signature1");
  ASSERT_NE(sig, nullptr);
  EXPECT_EQ(sig->kind, "signature");
  EXPECT_TRUE(sig->hidden);  // an invisible signature field: no area
  const FormField* orphan = Named(f, "Orphan");
  ASSERT_NE(orphan, nullptr);
  EXPECT_EQ(orphan->page, 0);
  EXPECT_TRUE(orphan->hidden);
  EXPECT_EQ(orphan->value, "left over");
  EXPECT_EQ(&f.back(), orphan);  // fields on no page come last
}

TEST_F(PdfFormsTest, BoxesAreWhereWordsAreOnAnUprightPage) {
  std::string path = BuildWorkbookForm(Path("form.pdf"));
  std::vector<FormField> f = Fields(path);
  const FormField* ja = Named(f, "Check Box1");
  ASSERT_TRUE(ja != nullptr && ja->box);
  // A4 is 842 points high: /Rect [100 700 200 720] is 122 to 142 from the top.
  EXPECT_EQ(*ja->box, (Box{100, 122, 200, 142}));
  std::map<std::string, std::pair<int, Box>> words = PopplerWords(path);
  ASSERT_EQ(words.count("Alpha"), 1u);
  EXPECT_EQ(words["Alpha"].first, ja->page);
  EXPECT_TRUE(Inside(words["Alpha"].second, *ja->box));
  ASSERT_EQ(words.count("Bravo"), 1u);
  EXPECT_TRUE(Inside(words["Bravo"].second, *Named(f, "Check Box2")->box));
  EXPECT_FALSE(Inside(words["Bravo"].second, *ja->box));
}

// Pages turned each way, cropped, and with boxes inherited from the page tree:
// the word drawn inside each field must stay inside its box as displayed.
TEST_F(PdfFormsTest, BoxesFollowRotationAndCropBox) {
  struct Case {
    int rotate;
    std::optional<Box> crop;  // x1 y1 x2 y2 in user space
    const char* word;
  };
  const Case cases[] = {{90, std::nullopt, "Charlie"},
                        {180, Box{30, 40, 565, 800}, "Delta"},
                        {270, Box{20, 10, 500, 830}, "Echo"},
                        {-90, std::nullopt, "Golf"},  // the same as 270
                        {0, Box{50, 60, 545, 782}, "Hotel"}};
  FormPdf pdf;
  for (const Case& c : cases) {
    PoDoFo::PdfPage* page = pdf.Page();
    FormPdf::Set(page, "Rotate", Number(c.rotate));
    if (c.crop)
      FormPdf::Set(page, "CropBox", RectArray(c.crop->x0, c.crop->y0, c.crop->x1, c.crop->y1));
    pdf.Widget(page, RectArray(100, 600, 200, 640),
               {{"FT", Name("Btn")}, {"T", Text(c.word)}, {"AS", Name("Yes")}}, nullptr, "Yes");
    pdf.Word(page, 110, 615, c.word);
  }
  std::string path = Path("turned.pdf");
  pdf.Write(path);
  std::vector<FormField> f = Fields(path);
  std::map<std::string, std::pair<int, Box>> words = PopplerWords(path);
  for (size_t i = 0; i < std::size(cases); ++i) {
    SCOPED_TRACE(cases[i].word);
    const FormField* field = Named(f, cases[i].word);
    ASSERT_TRUE(field != nullptr && field->box);
    ASSERT_EQ(words.count(cases[i].word), 1u);
    EXPECT_EQ(field->page, static_cast<int>(i + 1));
    EXPECT_EQ(words[cases[i].word].first, field->page);
    EXPECT_TRUE(Inside(words[cases[i].word].second, *field->box));
    bool sideways = cases[i].rotate == 90 || cases[i].rotate == 270 || cases[i].rotate == -90;
    EXPECT_DOUBLE_EQ(field->box->x1 - field->box->x0, sideways ? 40 : 100);
    EXPECT_DOUBLE_EQ(field->box->y1 - field->box->y0, sideways ? 100 : 40);
  }
  // Turned a quarter clockwise, the bottom-left corner of A4 is at the top left:
  // /Rect [100 600 200 640] is 600 to 640 across and 100 to 200 down.
  EXPECT_EQ(*Named(f, "Charlie")->box, (Box{600, 100, 640, 200}));
}

TEST_F(PdfFormsTest, RotationAndCropBoxInheritedFromThePageTree) {
  FormPdf pdf;
  PoDoFo::PdfPage* page = pdf.Page();
  pdf.Widget(page, RectArray(100, 600, 200, 640),
             {{"FT", Name("Btn")}, {"T", Text("Foxtrot")}, {"AS", Name("Yes")}}, nullptr, "Yes");
  pdf.Word(page, 110, 615, "Foxtrot");
  PdfObject* pages = pdf.doc().GetPagesTree()->GetObject();
  pages->GetDictionary().AddKey(PdfName("Rotate"), Number(90));
  pages->GetDictionary().AddKey(PdfName("CropBox"), RectArray(50, 50, 545, 792));
  std::string path = Path("inherited.pdf");
  pdf.Write(path);
  std::vector<FormField> f = Fields(path);
  std::map<std::string, std::pair<int, Box>> words = PopplerWords(path);
  ASSERT_EQ(f.size(), 1u);
  ASSERT_TRUE(f[0].box);
  ASSERT_EQ(words.count("Foxtrot"), 1u);
  EXPECT_TRUE(Inside(words["Foxtrot"].second, *f[0].box));
  EXPECT_EQ(*f[0].box, (Box{550, 50, 590, 150}));
}

TEST_F(PdfFormsTest, LoopsAndHugeArraysEndQuickly) {
  FormPdf pdf;
  PoDoFo::PdfPage* page = pdf.Page();
  PdfObject* a = pdf.Field({{"FT", Name("Tx")}, {"T", Text("A")}});
  PdfObject* w = pdf.Widget(page, RectArray(100, 600, 200, 640), {{"V", Text("v")}}, a);
  // The field's parent is its own widget, and the field is its own kid.
  a->GetDictionary().AddKey(PdfName("Parent"), w->Reference());
  a->GetDictionary().GetKey(PdfName("Kids"))->GetArray().push_back(a->Reference());
  std::string path = Path("loops.pdf");
  pdf.Write(path);
  // Now list the widget 50,000 times on the page.
  {
    PoDoFo::PdfMemDocument doc;
    doc.Load(path.c_str());
    PdfArray many;
    for (int i = 0; i < 50'000; ++i) many.push_back(w->Reference());
    doc.GetPage(0)->GetObject()->GetDictionary().AddKey(PdfName("Annots"), many);
    doc.Write(path.c_str());
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<FormField> f = Fields(path);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, "text");
  EXPECT_EQ(f[0].value, "v");
  EXPECT_EQ(f[0].name.find("A"), 0u);
}

TEST_F(PdfFormsTest, LockedFormIsReadWithThePasswordThatOpenedIt) {
  std::string path = BuildWorkbookForm(Path("locked.pdf"), "s3cret");
  Result<std::vector<FormField>> none = ReadPdfFormFields(path, "", 5000);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kPasswordNeeded);
  EXPECT_EQ(none.status().message().find("s3cret"), std::string::npos);

  Document doc;
  doc.work_path = path;
  doc.media_type = std::string(kMediaPdf);
  Summary s = Extract(doc, {"wrong", "s3cret"}, Limits{}, [](Page&&) {});
  EXPECT_EQ(s.password_used, 1);
  for (const Finding& f : s.findings) EXPECT_NE(f.rule, "extract.forms-not-read") << f.message;
  // Read in a process of its own, and sent back whole: the same fields as unlocked.
  std::vector<FormField> plain = Fields(BuildWorkbookForm(Path("plain.pdf")));
  ASSERT_EQ(s.fields.size(), plain.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    SCOPED_TRACE(plain[i].name);
    EXPECT_EQ(s.fields[i].name, plain[i].name);  // AES padding taken off every string
    EXPECT_EQ(s.fields[i].kind, plain[i].kind);
    EXPECT_EQ(s.fields[i].value, plain[i].value);
    EXPECT_EQ(s.fields[i].on, plain[i].on);
    EXPECT_EQ(s.fields[i].hidden, plain[i].hidden);
    EXPECT_EQ(s.fields[i].page, plain[i].page);
    EXPECT_EQ(s.fields[i].box, plain[i].box);
  }
  const FormField* ja = Named(s.fields, "Check Box1");
  ASSERT_NE(ja, nullptr);
  EXPECT_TRUE(ja->on);
  EXPECT_EQ(ja->value, "Ja");
  EXPECT_EQ(Named(s.fields, "Text12")->value, "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m \xF0\x9F\x98\x80");
  EXPECT_EQ(Named(s.fields, "List")->value, "One\nTwo");
}

TEST_F(PdfFormsTest, FormPoDoFoCannotParseCostsOnlyTheFields) {
  std::string path = BuildWorkbookForm(Path("form.pdf"));
  std::string bytes = qpm::testing::ReadFile(path);
  // Point startxref at nothing: Poppler rebuilds the cross-reference table,
  // PoDoFo gives up.
  size_t at = bytes.rfind("startxref");
  ASSERT_NE(at, std::string::npos);
  bytes = bytes.substr(0, at) + "startxref\n12\n%%EOF\n";
  std::string broken = Path("broken.pdf");
  std::ofstream(broken, std::ios::binary) << bytes;
  ASSERT_FALSE(ReadPdfFormFields(broken, "", 5000).ok());

  Document doc;
  doc.work_path = broken;
  doc.media_type = std::string(kMediaPdf);
  std::vector<Page> pages;
  Summary s = Extract(doc, {}, Limits{}, [&](Page&& p) { pages.push_back(std::move(p)); });
  EXPECT_EQ(s.status, DocStatus::kRead);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_NE(pages[0].text.find("Alpha"), std::string::npos);
  EXPECT_TRUE(s.fields.empty());
  bool reported = false;
  for (const Finding& finding : s.findings) {
    if (finding.rule != "extract.forms-not-read") continue;
    reported = true;
    EXPECT_EQ(finding.severity, Severity::kInfo);
  }
  EXPECT_TRUE(reported);
}

TEST_F(PdfFormsTest, PlainPdfHasNoFieldsAndNoFinding) {
  Document doc;
  doc.work_path = CorpusDir() + "/pdf/pdfjs-tracemonkey.pdf";
  doc.media_type = std::string(kMediaPdf);
  Summary s = Extract(doc, {}, Limits{}, [](Page&&) {});
  EXPECT_TRUE(s.fields.empty());
  for (const Finding& finding : s.findings) EXPECT_NE(finding.rule, "extract.forms-not-read");
}

// What the corpus manifest states of its forms.
TEST(PdfFormsCorpus, ExportValuesAreNotHardCodedYes) {
  // "checkbox on-state is named '/privacy', not '/Yes'".
  std::vector<FormField> f = Fields(CorpusDir() + "/pdf/pdfjs-checkbox-bad-appearance.pdf");
  const FormField* privacy = Named(f, "privacy");
  ASSERT_NE(privacy, nullptr);
  EXPECT_TRUE(privacy->on);
  EXPECT_EQ(privacy->value, "privacy");
  // "9 /Btn fields, e.g. Selectievakje3 = /1".
  f = Fields(CorpusDir() + "/pdf/pdfjs-annotation-button-widget.pdf");
  EXPECT_EQ(f.size(), 9u);
  const FormField* three = Named(f, "formulier1[0].#subform[0].Selectievakje3[0]");
  ASSERT_NE(three, nullptr);
  EXPECT_TRUE(three->on);
  EXPECT_EQ(three->value, "1");
}

TEST(PdfFormsCorpus, FilledFormsGiveTheirValues) {
  // "Text Box 1='abc potato', radio r1=/1".
  std::vector<FormField> acrobat = Fields(CorpusDir() + "/pdf/qpdf-form-filled-by-acrobat.pdf");
  ASSERT_NE(Named(acrobat, "Text Box 1"), nullptr);
  EXPECT_EQ(Named(acrobat, "Text Box 1")->value, "abc potato");
  std::string r1;
  for (const FormField& f : acrobat) {
    if (f.name == "r1" && f.on) r1 += f.value;
  }
  EXPECT_EQ(r1, "1");
  // "Text Box 1='Hagoogamagoogle', radio r1=/3".
  std::vector<FormField> atril = Fields(CorpusDir() + "/pdf/qpdf-form-filled-with-atril.pdf");
  EXPECT_EQ(Named(atril, "Text Box 1")->value, "Hagoogamagoogle");
  r1.clear();
  for (const FormField& f : atril) {
    if (f.name == "r1" && f.on) r1 += f.value;
  }
  EXPECT_EQ(r1, "3");
  // "readOnlyCheckbox=/Yes, readOnlyRadioButton=/value3".
  std::vector<FormField> click = Fields(CorpusDir() + "/pdf/pdfium-click_form.pdf");
  EXPECT_TRUE(Named(click, "readOnlyCheckbox")->on);
  EXPECT_EQ(Named(click, "readOnlyRadioButton", 2)->value, "value3");
  // "field foo='Bar'" and "First Name='Alice'".
  EXPECT_EQ(Named(Fields(CorpusDir() + "/pdf/pypdf-form_acrobatReader.pdf"), "foo")->value, "Bar");
  EXPECT_EQ(Named(Fields(CorpusDir() + "/pdf/pypdf-libreoffice-form.pdf"), "First Name")->value,
            "Alice");
  // "one multi-select value is an ARRAY".
  std::vector<FormField> choice = Fields(CorpusDir() + "/pdf/pdfjs-annotation-choice-widget.pdf");
  EXPECT_EQ(choice.size(), 5u);
  EXPECT_EQ(Named(choice, "formulier1[0].#subform[0].Keuzelijst2[0]")->value,
            "Ipsum\nAmet\nConsectetur\nElit");
  // "2 /Sig fields".
  std::vector<FormField> signed_pdf = Fields(CorpusDir() + "/pdf/pdfium-two_signatures.pdf");
  ASSERT_EQ(signed_pdf.size(), 2u);
  for (const FormField& f : signed_pdf) EXPECT_EQ(f.kind, "signature");
}

TEST(PdfFormsCorpus, WidgetsWithoutAnAcroFormAreStillRead) {
  // "no /AcroForm at all ... field data only reachable via page annotations"; of
  // its ~109 widgets, those on its one reachable page.
  std::vector<FormField> f = Fields(CorpusDir() + "/pdf/pypdf-SF424_page2.pdf");
  const FormField* agency = Named(f, "FederalAgencyName");
  ASSERT_NE(agency, nullptr);
  EXPECT_EQ(agency->value, "U.S. Department of Interior, Fish and Wildlife Service");
  for (const FormField& field : f) EXPECT_EQ(field.page, 1);
}

TEST(PdfFormsCorpus, FieldBoxesMeetTheirLabelsInARealForm) {
  // qpdf-field-types.pdf: a check box field sits beside its printed label.
  std::string path = CorpusDir() + "/pdf/qpdf-form-filled-by-acrobat.pdf";
  std::vector<FormField> f = Fields(path);
  std::map<std::string, std::pair<int, Box>> words = PopplerWords(path);
  const FormField* text = Named(f, "Text Box 1");
  ASSERT_TRUE(text != nullptr && text->box);
  // The value Acrobat drew into the field's appearance is text Poppler reads.
  ASSERT_EQ(words.count("potato"), 1u);
  EXPECT_TRUE(Inside(words["potato"].second, *text->box, 1));
}

// Comments, bookmarks and attached files' names are text the PDF carries: they
// reach the personal-data scan, each named as where it was found.
TEST_F(PdfFormsTest, CommentsBookmarksAndAttachmentNamesAreScanned) {
  FormPdf pdf;
  PoDoFo::PdfPage* page = pdf.Page();
  pdf.Word(page, 72, 720, "Case notes");
  pdf.Annotation(page, {{"Subtype", PdfName("Text")},
                        {"T", PoDoFo::PdfString("Jane Whitfield")},
                        {"Contents", PoDoFo::PdfString("Ring her son on 07700 900123")}});
  pdf.Annotation(page,
                 {{"Subtype", PdfName("Link")}, {"Contents", PoDoFo::PdfString("Mr Okafor")}});
  PoDoFo::PdfPage* first = pdf.doc().GetPage(0);
  PoDoFo::PdfOutlineItem* root = pdf.doc().GetOutlines()->CreateRoot("Notes");
  root->CreateChild("Visit to Margaret Okafor", PoDoFo::PdfDestination(first));
  PoDoFo::PdfFileSpec spec("Letter to Margaret Okafor.txt",
                           reinterpret_cast<const unsigned char*>("x"), 1, &pdf.doc());
  pdf.doc().AttachFile(spec);
  std::string path = Path("commented.pdf");
  pdf.Write(path);

  Document doc;
  doc.id = "D001";
  doc.work_path = path;
  doc.media_type = std::string(kMediaPdf);
  Summary s = Extract(doc, {}, Limits{}, [&](Page&& p) { doc.pages.push_back(std::move(p)); });
  ASSERT_EQ(s.status, DocStatus::kRead);
  doc.fields = s.fields;
  doc.parts = s.parts;
  std::map<std::string, std::string> rule_by_field;
  for (const Finding& f : redaction::ScanDocument(doc)) {
    rule_by_field[f.field] = f.rule;
    EXPECT_EQ(f.category, Category::kHiddenData) << f.field;
  }
  EXPECT_EQ(rule_by_field["comment author"], "pii.person-name");
  EXPECT_EQ(rule_by_field["comment"], "pii.phone-number");
  EXPECT_EQ(rule_by_field["bookmarks"], "pii.person-name");
  EXPECT_EQ(rule_by_field["attachment names"], "pii.person-name");
  // A link's text is not a comment.
  for (const FormField& f : s.fields) EXPECT_NE(f.value, "Mr Okafor");
}

}  // namespace

}  // namespace qpm::extract
