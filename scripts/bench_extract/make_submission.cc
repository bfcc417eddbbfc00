// make_submission — writes the Band 2 submission that scripts/bench-extract triages: about
// 600 pages of text PDFs (a workbook, policies, ten case files, twenty reports) of which
// about 70 are scans, as a copier makes them: the page rendered by Poppler at 200 dpi, a
// little askew, with grain and specks, thresholded to black and white and stored as an
// image with no text layer. A few sheets went through sideways or upside down. The same
// seed gives the same bytes. A benchmark input: it plants no personal data.
//
// Usage: make_submission SEED DIR
//
// Writes DIR/submission/... and DIR/scans.json, the scanned pages: [{file, page, turn}],
// file relative to DIR/submission.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wall"
#pragma GCC diagnostic ignored "-Wextra"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wuseless-cast"
#include <podofo/podofo.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#pragma GCC diagnostic pop

#include "scripts/scan_copy/scan_copy.h"

namespace {

namespace fs = std::filesystem;
using qpm::scan_copy::Bitmap;
using qpm::scan_copy::Copy;
using qpm::scan_copy::Grain;
using qpm::scan_copy::Render;
using qpm::scan_copy::Threshold;
using qpm::scan_copy::Turn;

constexpr int kScanDpi = 200;  // as the scanned samples (scripts/make_samples)
constexpr double kA4Width = 595;
constexpr double kA4Height = 842;

[[noreturn]] void Fail(const std::string& message) { throw std::runtime_error(message); }

// The generator's numbers: the same on every machine (scripts/scan_copy), seeded apart
// from the copier's grain.
Grain Numbers(uint64_t seed) { return Grain(seed * 0x9E3779B97F4A7C15ull); }

// Case-note prose, a line at a time. No names, numbers or places: nothing to find.
std::string Line(Grain& r, size_t length) {
  static const char* const kWords[] = {
      "the",      "advocate", "met",      "with",     "client",    "at",      "home",
      "to",       "discuss",  "their",    "wishes",   "about",     "care",    "and",
      "support",  "plan",     "review",   "meeting",  "social",    "worker",  "was",
      "present",  "agreed",   "next",     "steps",    "for",       "a",       "follow-up",
      "visit",    "on",       "Monday",   "notes",    "record",    "what",    "said",
      "by",       "each",     "person",   "in",       "decision",  "options", "housing",
      "capacity", "letter",   "received", "referral", "telephone", "call",    "explained",
      "rights",   "consent",  "outcome",  "recorded", "week",      "later",   "because",
  };
  std::string line;
  while (line.size() < length) {
    if (!line.empty()) line += ' ';
    line += kWords[r.Below(static_cast<int>(sizeof kWords / sizeof kWords[0]))];
  }
  return line;
}

// One page of text: a heading and `lines` lines of prose at 11 points.
struct TextPage {
  std::string heading;
  std::vector<std::string> lines;
};

TextPage MakeTextPage(Grain& r, const std::string& heading) {
  TextPage p;
  p.heading = heading;
  int lines = 38 + r.Below(8);
  for (int i = 0; i < lines; ++i) p.lines.push_back(Line(r, 70 + static_cast<size_t>(r.Below(8))));
  return p;
}

void DrawText(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfPage* page, const TextPage& text) {
  PoDoFo::PdfFont* font = doc.CreateFont("Helvetica");
  PoDoFo::PdfPainter painter;
  painter.SetPage(page);
  font->SetFontSize(14);
  painter.SetFont(font);
  painter.DrawText(72, 790, PoDoFo::PdfString(text.heading));
  font->SetFontSize(11);
  painter.SetFont(font);
  for (size_t i = 0; i < text.lines.size(); ++i) {
    painter.DrawText(72, 760 - 16.5 * static_cast<double>(i), PoDoFo::PdfString(text.lines[i]));
  }
  painter.FinishPage();
}

std::string Written(PoDoFo::PdfMemDocument& doc, const std::string& title) {
  PoDoFo::PdfInfo* info = doc.GetInfo();
  info->SetTitle(PoDoFo::PdfString(title));
  info->SetCreator(PoDoFo::PdfString("qpm-intake bench-extract"));
  info->SetProducer(PoDoFo::PdfString("PoDoFo"));
  PoDoFo::PdfDictionary& dict = info->GetObject()->GetDictionary();
  dict.AddKey(PoDoFo::PdfName("CreationDate"), PoDoFo::PdfString("D:20261101090000Z"));
  dict.AddKey(PoDoFo::PdfName("ModDate"), PoDoFo::PdfString("D:20261101090000Z"));
  std::ostringstream out;
  PoDoFo::PdfOutputDevice device(&out);
  doc.Write(&device);
  return out.str();
}

// The page as the sheet the copier saw: rendered at kScanDpi in grey.
Bitmap Sheet(const TextPage& text) {
  PoDoFo::PdfMemDocument doc;
  DrawText(doc, doc.CreatePage(PoDoFo::PdfPage::CreateStandardPageSize(PoDoFo::ePdfPageSize_A4)),
           text);
  std::string pdf = Written(doc, "sheet");
  std::vector<char> data(pdf.begin(), pdf.end());
  std::unique_ptr<poppler::document> d(poppler::document::load_from_data(&data));
  if (!d) Fail("Poppler cannot open a page this program wrote");
  return Render(*d, 0, kScanDpi);
}

// A page of a document: text, or a scan of text.
struct PagePlan {
  std::string heading;
  bool scanned = false;
  int turn = 0;
};

struct Scanned {
  std::string file;
  int page;
  int turn;
};

void WritePdf(const fs::path& root, const std::string& file, const std::string& title,
              const std::vector<PagePlan>& plan, Grain& r, std::vector<Scanned>& scans) {
  PoDoFo::PdfMemDocument doc;
  std::deque<PoDoFo::PdfImage> images;  // alive until the document is written
  for (size_t i = 0; i < plan.size(); ++i) {
    const PagePlan& p = plan[i];
    TextPage text = MakeTextPage(r, p.heading);
    if (!p.scanned) {
      DrawText(doc,
               doc.CreatePage(PoDoFo::PdfPage::CreateStandardPageSize(PoDoFo::ePdfPageSize_A4)),
               text);
      continue;
    }
    Bitmap sheet = Sheet(text);
    double tilt = (r.Below(201) - 100) / 100.0;               // -1 to 1 degrees
    Bitmap copy = Turn(Copy(sheet, tilt, r.Next()), p.turn);  // askew, grainy, turned
    bool sideways = p.turn == 90 || p.turn == 270;
    double w = sideways ? kA4Height : kA4Width;
    double h = sideways ? kA4Width : kA4Height;
    PoDoFo::PdfPage* page = doc.CreatePage(PoDoFo::PdfRect(0, 0, w, h));
    PoDoFo::PdfImage& image = images.emplace_back(&doc);
    image.SetImageColorSpace(PoDoFo::ePdfColorSpace_DeviceGray);
    std::string bits = Threshold(copy);
    PoDoFo::PdfMemoryInputStream stream(bits.data(), static_cast<PoDoFo::pdf_long>(bits.size()));
    image.SetImageData(static_cast<unsigned>(copy.width), static_cast<unsigned>(copy.height), 1,
                       &stream);
    PoDoFo::PdfPainter painter;
    painter.SetPage(page);
    painter.DrawImage(0, 0, &image, w / copy.width, h / copy.height);
    painter.FinishPage();
    scans.push_back(Scanned{file, static_cast<int>(i) + 1, p.turn});
  }
  fs::create_directories((root / file).parent_path());
  std::ofstream(root / file, std::ios::binary) << Written(doc, title);
}

// `count` pages of text headed `heading` (page numbers added).
void Add(std::vector<PagePlan>& plan, const std::string& heading, int count) {
  for (int i = 1; i <= count; ++i) {
    plan.push_back(PagePlan{heading + " (page " + std::to_string(i) + ")", false, 0});
  }
}

void Scan(std::vector<PagePlan>& plan, int from, int to) {
  for (int i = from; i <= to; ++i) plan[static_cast<size_t>(i - 1)].scanned = true;
}

std::string Two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: make_submission SEED DIR\n";
    return 2;
  }
  try {
    Grain r = Numbers(std::strtoull(argv[1], nullptr, 10));
    fs::path dir = argv[2];
    fs::path root = dir / "submission";
    std::vector<Scanned> scans;

    std::vector<PagePlan> workbook;
    Add(workbook, "QPM Assessment Workbook: Band 2", 30);
    WritePdf(root, "QPM Assessment Workbook.pdf", "QPM Assessment Workbook", workbook, r, scans);

    for (const char* policy : {"Safeguarding", "Confidentiality", "Complaints",
                               "Equality and Diversity", "Data Protection", "Supervision",
                               "Lone Working", "Recruitment", "Training", "Conflict of Interest"}) {
      std::vector<PagePlan> plan;
      Add(plan, std::string(policy) + " Policy", 8);
      WritePdf(root, std::string("Policies/") + policy + " Policy.pdf",
               std::string(policy) + " Policy", plan, r, scans);
    }

    // Ten case files of 35 pages: one scanned whole (two sheets turned), one scanned from
    // its case notes on (one sheet turned), the rest typed.
    for (int cf = 1; cf <= 10; ++cf) {
      std::string id = "CF" + Two(cf);
      std::vector<PagePlan> plan;
      Add(plan, "Case file " + id + ": Referral form", 4);
      Add(plan, "Case file " + id + ": Advocacy agreement and action plan", 5);
      Add(plan, "Case file " + id + ": Consent form", 2);
      Add(plan, "Case file " + id + ": Case notes", 18);
      Add(plan, "Case file " + id + ": Correspondence", 6);
      if (cf == 3) {
        Scan(plan, 1, 35);
        plan[6].turn = 90;
        plan[20].turn = 180;
      } else if (cf == 8) {
        Scan(plan, 16, 35);
        plan[29].turn = 270;
      }
      WritePdf(root, "Case files/" + id + ".pdf", "Case file " + id, plan, r, scans);
    }

    // Twenty reports of 7 pages; three end (or start) with five scanned pages.
    for (const char* type : {"IMCA", "Care Act"}) {
      for (int n = 1; n <= 10; ++n) {
        std::string name = std::string(type) + " report " + Two(n);
        std::vector<PagePlan> plan;
        Add(plan, name, 7);
        std::string t = type;
        if (t == "IMCA" && n == 4) Scan(plan, 3, 7);
        if (t == "Care Act" && n == 6) Scan(plan, 3, 7);
        if (t == "Care Act" && n == 9) Scan(plan, 1, 5);
        WritePdf(root, "Reports/" + name + ".pdf", name, plan, r, scans);
      }
    }

    nlohmann::json out = nlohmann::json::array();
    for (const Scanned& s : scans) {
      out.push_back({{"file", s.file}, {"page", s.page}, {"turn", s.turn}});
    }
    std::ofstream(dir / "scans.json") << out.dump(1) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "make_submission: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
