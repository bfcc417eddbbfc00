#include "extractors/read/word_text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/rules.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/zip_archive.h"

namespace qpm::extract {
namespace {

constexpr int kMaxDepth = 256;  // deeper XML is a trap, not a document

// How a part with text is parsed: pugixml drops text that is only spaces, but Word
// writes the space between two differently formatted words as a run of its own
// (<w:t xml:space="preserve"> </w:t>); an element's only text is kept, spaces or not.
constexpr unsigned kTextParse = pugi::parse_default | pugi::parse_ws_pcdata_single;

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Fonts whose characters are pictures: Word stores a ticked box drawn in
// Wingdings as the letter its picture replaces (0xFE, or 0xF0FE in the private
// use area), so the text means nothing until it is mapped.
enum class SymbolFont { kNone, kWingdings, kWingdings2, kOther };

SymbolFont SymbolFontNamed(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "wingdings") return SymbolFont::kWingdings;
  if (lower == "wingdings 2") return SymbolFont::kWingdings2;
  if (lower == "wingdings 3" || lower == "webdings" || lower == "symbol") return SymbolFont::kOther;
  return SymbolFont::kNone;
}

constexpr std::string_view kChecked = "\u2612";    // ☒
constexpr std::string_view kUnchecked = "\u2610";  // ☐

// What a symbol-font character shows, when it is a box, a ticked or crossed box
// (☐, ☒), or a bare tick or cross (✓, ✗); "" for any other picture. Codes
// checked against published Wingdings and Wingdings 2 to Unicode tables.
std::string_view BoxGlyph(SymbolFont font, uint32_t code) {
  if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
  if (font == SymbolFont::kWingdings) {
    switch (code) {
      case 0x6F:  // □ white square
      case 0x70:  // bold white square
      case 0x71:  // ❑ lower right shadowed white square
      case 0x72:  // ❒ upper right shadowed white square
      case 0xA8:  // ◻ white medium square
        return kUnchecked;
      case 0x78:  // ⌧ X in a rectangle box
      case 0xFD:  // ☒ ballot box with X
      case 0xFE:  // ☑ ballot box with check
        return kChecked;
      case 0xFB:
        return "\u2717";  // ✗ ballot X
      case 0xFC:
        return "\u2713";  // ✓ check mark
      default:
        return "";
    }
  }
  if (font == SymbolFont::kWingdings2) {
    switch (code) {
      case 0xA3:  // □ white square
        return kUnchecked;
      case 0x51:  // ballot box with script X
      case 0x52:  // ☑ ballot box with check
      case 0x53:  // ballot box with light X
      case 0x54:  // ☒ ballot box with X
        return kChecked;
      case 0x4F:
        return "\u2717";  // ballot script X, as ✗
      case 0x50:
        return "\u2713";  // light check mark, as ✓
      default:
        return "";
    }
  }
  return "";
}

// A character of a font that is not a symbol font: boxes as ☐ / ☒, anything
// else as itself.
void AppendUnicodeSymbol(uint32_t code, std::string& out) {
  switch (code) {
    case 0x2610:  // ☐
      out += kUnchecked;
      return;
    case 0x2611:   // ☑
    case 0x2612:   // ☒
    case 0x2BBD:   // ballot box with light X
    case 0x1F5F5:  // ballot box with script X
    case 0x1F5F7:  // ballot box with bold script X
    case 0x1F5F9:  // ballot box with bold check
      out += kChecked;
      return;
    default:
      if (code >= 0xE000 && code <= 0xF8FF) return;  // private use: a picture we cannot name
      if (code < 0x20) return;                       // a control character is no symbol
      AppendUtf8(code, out);
  }
}

// The value of `node`'s attribute with local name `name` (w:val, w14:val, ...).
const char* Attr(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view n = a.name();
    size_t colon = n.find(':');
    if ((colon == std::string_view::npos ? n : n.substr(colon + 1)) == name) return a.value();
  }
  return nullptr;
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  }
  return pugi::xml_node();
}

// An ST_OnOff element: <w:checked/> and <w:checked w:val="true"/> are on.
bool OnOff(const pugi::xml_node& node) {
  const char* v = Attr(node, "val");
  if (v == nullptr) return true;
  std::string_view s = v;
  return s == "1" || s == "true" || s == "on";
}

uint32_t HexCode(const char* text) {
  if (text == nullptr) return 0;
  char* end = nullptr;
  unsigned long v = std::strtoul(text, &end, 16);
  return end != text && *end == '\0' && v <= 0x10FFFF ? static_cast<uint32_t>(v) : 0;
}

// ---------------------------------------------------------------------------
// What a run looks like: the colour of its letters and of what lies behind them,
// so that text blacked out by a highlight or shading (a redaction that only looks
// done) can be told from text anyone reads on the page.

struct Rgb {
  double r = 0, g = 0, b = 0;  // 0 to 1
};

constexpr Rgb kBlack{0, 0, 0};
constexpr Rgb kWhite{1, 1, 1};

std::optional<Rgb> HexColour(std::string_view hex) {
  if (hex.size() != 6) return std::nullopt;
  uint32_t v = 0;
  for (char c : hex) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    v = v * 16 +
        static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(c)) != 0
                                  ? c - '0'
                                  : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
  }
  return Rgb{((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}

// Brightness as the PDF check judges it (extractors/read/pdf_hidden.cc): 0 black, 1 white.
double Luma(const Rgb& c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b; }

// How far apart two colours are to the eye: WCAG's contrast ratio, 1 (the same) to 21
// (black on white).
double Contrast(const Rgb& a, const Rgb& b) {
  auto linear = [](double v) {
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  auto luminance = [&](const Rgb& c) {
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
  };
  double x = luminance(a), y = luminance(b);
  return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

// `c` with its HSL lightness L turned into f(L): how Word and DrawingML darken and
// lighten theme colours (themeShade, themeTint, lumMod, lumOff).
template <typename F>
Rgb WithLightness(const Rgb& c, F f) {
  double hi = std::max({c.r, c.g, c.b}), lo = std::min({c.r, c.g, c.b});
  double l = (hi + lo) / 2;
  double s = hi == lo ? 0 : l <= 0.5 ? (hi - lo) / (hi + lo) : (hi - lo) / (2 - hi - lo);
  double h = 0;
  if (hi != lo) {
    double d = hi - lo;
    h = hi == c.r   ? (c.g - c.b) / d + (c.g < c.b ? 6 : 0)
        : hi == c.g ? (c.b - c.r) / d + 2
                    : (c.r - c.g) / d + 4;
    h /= 6;
  }
  l = std::clamp(f(l), 0.0, 1.0);
  if (s == 0) return Rgb{l, l, l};
  double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  double p = 2 * l - q;
  auto channel = [&](double t) {
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1.0 / 6) return p + (q - p) * 6 * t;
    if (t < 0.5) return q;
    if (t < 2.0 / 3) return p + (q - p) * (2.0 / 3 - t) * 6;
    return p;
  };
  return Rgb{channel(h + 1.0 / 3), channel(h), channel(h - 1.0 / 3)};
}

Rgb Mix(const Rgb& under, const Rgb& over, double share) {
  return Rgb{under.r + (over.r - under.r) * share, under.g + (over.g - under.g) * share,
             under.b + (over.b - under.b) * share};
}

// The colours Word's highlighter has (ST_HighlightColor); nullopt for "none" or a
// name it does not have.
std::optional<Rgb> HighlightColour(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kColours[] = {
      {"black", "000000"},     {"blue", "0000FF"},       {"cyan", "00FFFF"},
      {"green", "00FF00"},     {"magenta", "FF00FF"},    {"red", "FF0000"},
      {"yellow", "FFFF00"},    {"white", "FFFFFF"},      {"darkBlue", "000080"},
      {"darkCyan", "008080"},  {"darkGreen", "008000"},  {"darkMagenta", "800080"},
      {"darkRed", "800000"},   {"darkYellow", "808000"}, {"darkGray", "808080"},
      {"lightGray", "C0C0C0"},
  };
  for (const auto& [n, hex] : kColours) {
    if (n == name) return HexColour(hex);
  }
  return std::nullopt;
}

// Office's own theme (2013 and later), for a document that carries none.
constexpr std::pair<std::string_view, std::string_view> kOfficeTheme[] = {
    {"dk1", "000000"},     {"lt1", "FFFFFF"},     {"dk2", "44546A"},     {"lt2", "E7E6E6"},
    {"accent1", "4472C4"}, {"accent2", "ED7D31"}, {"accent3", "A5A5A5"}, {"accent4", "FFC000"},
    {"accent5", "5B9BD5"}, {"accent6", "70AD47"}, {"hlink", "0563C1"},   {"folHlink", "954F72"},
};

// A share written as a hex byte (themeShade="BF") or in thousandths of a percent
// (DrawingML's lumMod val="75000"), as 0 to 1.
double HexShare(const char* v) {
  uint32_t code = HexCode(v);
  return code <= 0xFF ? code / 255.0 : 1.0;
}

double PerCentMille(const char* v) {
  return v == nullptr ? 0 : std::clamp(std::strtod(v, nullptr) / 100000.0, -1.0, 10.0);
}

// A document's styles and theme colours: what decides the colour of a run's letters
// and of what lies behind them when the run does not say so itself.
class Look {
 public:
  // `styles` and `theme` are the XML of word/styles.xml and word/theme/theme1.xml,
  // "" when the document has none; broken XML counts as none.
  Look(const std::string& styles, const std::string& theme) {
    for (const auto& [name, hex] : kOfficeTheme) theme_[std::string(name)] = *HexColour(hex);
    if (!theme.empty() && theme_xml_.load_buffer(theme.data(), theme.size())) {
      pugi::xml_node scheme =
          Child(Child(theme_xml_.document_element(), "themeElements"), "clrScheme");
      for (pugi::xml_node c = scheme.first_child(); c; c = c.next_sibling()) {
        if (std::optional<Rgb> rgb = DrawingColour(c)) theme_[std::string(LocalName(c))] = *rgb;
      }
    }
    if (styles.empty() || !styles_xml_.load_buffer(styles.data(), styles.size())) return;
    pugi::xml_node root = styles_xml_.document_element();
    pugi::xml_node defaults = Child(root, "docDefaults");
    run_defaults_ = Child(Child(defaults, "rPrDefault"), "rPr");
    paragraph_defaults_ = Child(Child(defaults, "pPrDefault"), "pPr");
    for (pugi::xml_node s = root.first_child(); s; s = s.next_sibling()) {
      if (LocalName(s) != "style") continue;
      const char* id = Attr(s, "styleId");
      if (id == nullptr) continue;
      styles_.emplace(id, s);
      const char* type = Attr(s, "type");
      const char* is_default = Attr(s, "default");
      if (type != nullptr && std::string_view(type) == "paragraph" && is_default != nullptr &&
          (std::string_view(is_default) == "1" || std::string_view(is_default) == "true")) {
        default_paragraph_ = id;
      }
    }
  }
  Look(const Look&) = delete;
  Look& operator=(const Look&) = delete;

  // The kind of HiddenText the run's text is (model.h: "dark-highlight", "dark-shading",
  // "dark-cell", "dark-text-box") when what lies behind it is not light and its
  // letters do not stand out from it; "" when they show.
  std::string_view Covered(const pugi::xml_node& run) const {
    std::string_view kind;
    std::optional<Rgb> behind = Behind(run, kind);
    if (!behind || Luma(*behind) >= kLightBehind) return "";
    return Contrast(Letters(run, *behind), *behind) < kMinContrast ? kind : "";
  }

  // Whether Word draws the run's letters white where its colour is "Automatic": on a dark
  // highlight, shading, cell or text box. LibreOffice draws them black there.
  bool AutoTurnsWhite(const pugi::xml_node& run) const {
    std::string_view kind;
    std::optional<Rgb> behind = Behind(run, kind);
    return behind && Luma(*behind) < kAutoWhite && !Colour(run);
  }

 private:
  // What lies behind the run's letters, and the kind of HiddenText it makes ("" when
  // nothing does).
  // The paragraph, table cell, table and text box a run is in.
  struct Place {
    pugi::xml_node paragraph, cell, table, text_box;
  };
  static Place PlaceOf(const pugi::xml_node& run) {
    Place p;
    for (pugi::xml_node a = run.parent(); a; a = a.parent()) {
      std::string_view n = LocalName(a);
      if (n == "p" && !p.paragraph) p.paragraph = a;
      if (n == "txbxContent") {
        p.text_box = a;
        break;  // what lies outside the text box is behind the box, not behind the text
      }
      if (n == "tc" && !p.cell) p.cell = a;
      if (n == "tbl" && p.cell && !p.table) p.table = a;
    }
    return p;
  }

  std::optional<Rgb> Behind(const pugi::xml_node& run, std::string_view& kind) const {
    auto [paragraph, cell, table, text_box] = PlaceOf(run);
    std::optional<Rgb> behind;
    if (std::optional<Rgb> mark =
            HighlightColour(Val(RunProperty(run, paragraph, table, "highlight")))) {
      behind = mark;
      kind = "dark-highlight";
    } else if ((behind = Fill(RunProperty(run, paragraph, table, "shd")))) {
      kind = "dark-shading";
    } else if ((behind = Fill(ParagraphProperty(paragraph, table, "shd")))) {
      kind = "dark-shading";
    } else if ((behind = CellFill(cell, table))) {
      kind = "dark-cell";
    } else if (text_box && (behind = BoxFill(text_box))) {
      kind = "dark-text-box";
    }
    return behind;
  }

  // The run's own colour (w:color, from it, its paragraph, table or styles); nullopt for
  // "Automatic".
  std::optional<Rgb> Colour(const pugi::xml_node& run) const {
    Place p = PlaceOf(run);
    return TextColour(RunProperty(run, p.paragraph, p.table, "color"));
  }

  // The colour Word draws the run's letters in over `behind`: its own, or for
  // "Automatic", black, or white on what is dark.
  Rgb Letters(const pugi::xml_node& run, const Rgb& behind) const {
    if (std::optional<Rgb> c = Colour(run)) return *c;
    return Luma(behind) < kAutoWhite ? kWhite : kBlack;
  }

  // What lies behind the text is light from here up (the PDF check's three quarters
  // of white): light text on it is background text, never a blacked-out bar.
  static constexpr double kLightBehind = 0.75;
  // Word turns "Automatic" text white on a background darker than about 30 %.
  static constexpr double kAutoWhite = 0.3;
  // Letters closer than this to what is behind them do not show: black on black
  // (1), black on Word's dark blue highlight (1.3). Black on dark red (1.9) or on
  // dark grey (5.3) is read, though with effort, and is not reported as blacked out.
  static constexpr double kMinContrast = 1.5;
  static constexpr int kMaxBasedOn = 16;  // styles based on styles: a loop is a trap

  static std::string_view Val(const pugi::xml_node& n) {
    const char* v = Attr(n, "val");
    return v == nullptr ? "" : v;
  }

  // The element `name` of the style's `props` (rPr, pPr, tcPr, tblPr), or of the
  // styles it is based on.
  pugi::xml_node FromStyle(std::string_view id, std::string_view props,
                           std::string_view name) const {
    for (int i = 0; i < kMaxBasedOn && !id.empty(); ++i) {
      auto it = styles_.find(id);
      if (it == styles_.end()) break;
      if (pugi::xml_node found = Child(Child(it->second, props), name)) return found;
      id = Val(Child(it->second, "basedOn"));
    }
    return pugi::xml_node();
  }

  std::string_view ParagraphStyle(const pugi::xml_node& paragraph) const {
    std::string_view id = Val(Child(Child(paragraph, "pPr"), "pStyle"));
    return id.empty() ? std::string_view(default_paragraph_) : id;
  }

  std::string_view TableStyle(const pugi::xml_node& table) const {
    return Val(Child(Child(table, "tblPr"), "tblStyle"));
  }

  // A run property as Word resolves it: the run's own, its character style's, its
  // paragraph style's, its table style's, the document's defaults.
  pugi::xml_node RunProperty(const pugi::xml_node& run, const pugi::xml_node& paragraph,
                             const pugi::xml_node& table, std::string_view name) const {
    pugi::xml_node props = Child(run, "rPr");
    if (pugi::xml_node found = Child(props, name)) return found;
    if (pugi::xml_node found = FromStyle(Val(Child(props, "rStyle")), "rPr", name)) return found;
    if (paragraph) {
      if (pugi::xml_node found = FromStyle(ParagraphStyle(paragraph), "rPr", name)) return found;
    }
    if (table) {
      if (pugi::xml_node found = FromStyle(TableStyle(table), "rPr", name)) return found;
    }
    return Child(run_defaults_, name);
  }

  pugi::xml_node ParagraphProperty(const pugi::xml_node& paragraph, const pugi::xml_node& table,
                                   std::string_view name) const {
    if (!paragraph) return pugi::xml_node();
    if (pugi::xml_node found = Child(Child(paragraph, "pPr"), name)) return found;
    if (pugi::xml_node found = FromStyle(ParagraphStyle(paragraph), "pPr", name)) return found;
    if (table) {
      if (pugi::xml_node found = FromStyle(TableStyle(table), "pPr", name)) return found;
    }
    return Child(paragraph_defaults_, name);
  }

  // A cell's shading: its own, else its table style's for every cell, else the
  // table's. The styles' shading of a first row, banded rows and the like
  // (w:tblStylePr) is not read.
  std::optional<Rgb> CellFill(const pugi::xml_node& cell, const pugi::xml_node& table) const {
    if (!cell) return std::nullopt;
    pugi::xml_node shd = Child(Child(cell, "tcPr"), "shd");
    if (!shd && table) shd = FromStyle(TableStyle(table), "tcPr", "shd");
    if (!shd && table) shd = Child(Child(table, "tblPr"), "shd");
    if (!shd && table) shd = FromStyle(TableStyle(table), "tblPr", "shd");
    return Fill(shd);
  }

  // A theme colour by the name Word gives it (w:themeColor, w:themeFill) with its
  // shade or tint applied.
  std::optional<Rgb> ThemeColour(std::string_view name, const char* shade, const char* tint) const {
    static const std::pair<std::string_view, std::string_view> kSlots[] = {
        {"dark1", "dk1"},       {"text1", "dk1"},
        {"light1", "lt1"},      {"background1", "lt1"},
        {"dark2", "dk2"},       {"text2", "dk2"},
        {"light2", "lt2"},      {"background2", "lt2"},
        {"hyperlink", "hlink"}, {"followedHyperlink", "folHlink"},
    };
    std::string slot(name);
    for (const auto& [word, drawing] : kSlots) {
      if (word == name) slot = drawing;
    }
    auto it = theme_.find(slot);
    if (it == theme_.end()) return std::nullopt;
    Rgb c = it->second;
    if (shade != nullptr) {
      double s = HexShare(shade);
      c = WithLightness(c, [s](double l) { return l * s; });
    }
    if (tint != nullptr) {
      double t = HexShare(tint);
      c = WithLightness(c, [t](double l) { return l * t + (1 - t); });
    }
    return c;
  }

  // A text colour (w:color); nullopt for "auto" and none.
  std::optional<Rgb> TextColour(const pugi::xml_node& color) const {
    if (!color) return std::nullopt;
    if (const char* theme = Attr(color, "themeColor")) {
      if (std::optional<Rgb> c =
              ThemeColour(theme, Attr(color, "themeShade"), Attr(color, "themeTint"))) {
        return c;
      }
    }
    return HexColour(Val(color));
  }

  // What a shading (w:shd) shows: its fill, with its pattern drawn over it in the
  // pattern's colour; nullopt when it shows nothing (no fill, no pattern).
  std::optional<Rgb> Fill(const pugi::xml_node& shd) const {
    if (!shd) return std::nullopt;
    std::string_view pattern = Val(shd);
    if (pattern == "nil") return std::nullopt;
    std::optional<Rgb> fill;
    if (const char* theme = Attr(shd, "themeFill")) {
      fill = ThemeColour(theme, Attr(shd, "themeFillShade"), Attr(shd, "themeFillTint"));
    }
    if (!fill) {
      if (const char* hex = Attr(shd, "fill")) fill = HexColour(hex);
    }
    double share = 0.5;  // stripes and crosses cover about half
    if (pattern.empty() || pattern == "clear") {
      share = 0;
    } else if (pattern == "solid") {
      share = 1;
    } else if (pattern.substr(0, 3) == "pct") {
      share = std::clamp(std::strtod(std::string(pattern.substr(3)).c_str(), nullptr), 0.0, 100.0) /
              100;
    }
    if (share == 0) return fill;
    Rgb ink = kBlack;  // an "auto" pattern is drawn in black
    std::optional<Rgb> drawn;
    if (const char* theme = Attr(shd, "themeColor")) {
      drawn = ThemeColour(theme, Attr(shd, "themeShade"), Attr(shd, "themeTint"));
    }
    if (!drawn) {
      if (const char* hex = Attr(shd, "color")) drawn = HexColour(hex);
    }
    if (drawn) ink = *drawn;
    return Mix(fill.value_or(kWhite), ink, share);
  }

  // A DrawingML colour element (a:srgbClr, a:schemeClr, a:sysClr) or one that
  // holds one (a:solidFill, a:fillRef, a:dk1), with its lightness changes applied.
  std::optional<Rgb> DrawingColour(const pugi::xml_node& node) const {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      std::string_view n = LocalName(c);
      std::optional<Rgb> rgb;
      if (n == "srgbClr") {
        rgb = HexColour(Val(c));
      } else if (n == "sysClr") {
        const char* last = Attr(c, "lastClr");
        rgb = HexColour(last != nullptr ? last : "");
      } else if (n == "schemeClr") {
        static const std::pair<std::string_view, std::string_view> kAliases[] = {
            {"tx1", "dk1"}, {"bg1", "lt1"}, {"tx2", "dk2"}, {"bg2", "lt2"}};
        std::string slot(Val(c));
        for (const auto& [alias, name] : kAliases) {
          if (alias == slot) slot = name;
        }
        auto it = theme_.find(slot);
        if (it != theme_.end()) rgb = it->second;
      } else {
        continue;
      }
      if (!rgb) return std::nullopt;
      for (pugi::xml_node m = c.first_child(); m; m = m.next_sibling()) {
        std::string_view how = LocalName(m);
        double v = PerCentMille(Attr(m, "val"));
        if (how == "lumMod" || how == "shade") {
          rgb = WithLightness(*rgb, [v](double l) { return l * v; });
        } else if (how == "lumOff") {
          rgb = WithLightness(*rgb, [v](double l) { return l + v; });
        } else if (how == "tint") {
          rgb = WithLightness(*rgb, [v](double l) { return l * v + (1 - v); });
        } else if (how == "alpha" && v < 0.5) {
          return std::nullopt;  // more see-through than not: what is behind shows
        }
      }
      return rgb;
    }
    return std::nullopt;
  }

  // The fill of the shape a text box is drawn in, when it has one of one colour.
  std::optional<Rgb> BoxFill(const pugi::xml_node& text_box) const {
    pugi::xml_node holder = text_box.parent();  // wps:txbx, or VML's v:textbox
    pugi::xml_node shape = holder.parent();     // wps:wsp, or v:shape / v:rect ...
    if (LocalName(holder) == "txbx") {
      pugi::xml_node props = Child(shape, "spPr");
      if (Child(props, "noFill")) return std::nullopt;
      if (pugi::xml_node solid = Child(props, "solidFill")) return DrawingColour(solid);
      if (Child(props, "gradFill") || Child(props, "pattFill") || Child(props, "blipFill")) {
        return std::nullopt;  // not one colour: not judged
      }
      pugi::xml_node ref = Child(Child(shape, "style"), "fillRef");
      if (ref && std::string_view(Attr(ref, "idx") != nullptr ? Attr(ref, "idx") : "0") != "0") {
        return DrawingColour(ref);
      }
      return std::nullopt;
    }
    if (LocalName(holder) == "textbox") {
      const char* filled = Attr(shape, "filled");
      if (filled != nullptr &&
          (std::string_view(filled) == "f" || std::string_view(filled) == "false")) {
        return std::nullopt;
      }
      const char* colour = Attr(shape, "fillcolor");
      if (colour == nullptr || colour[0] != '#') return std::nullopt;  // VML's default: white
      std::string hex;
      for (const char* c = colour + 1; std::isxdigit(static_cast<unsigned char>(*c)) != 0; ++c) {
        hex += *c;
      }
      if (hex.size() == 3) hex = {hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]};  // "#000"
      return HexColour(hex);
    }
    return std::nullopt;
  }

  pugi::xml_document styles_xml_, theme_xml_;
  std::map<std::string, pugi::xml_node, std::less<>> styles_;
  std::string default_paragraph_;
  pugi::xml_node run_defaults_, paragraph_defaults_;
  std::map<std::string, Rgb, std::less<>> theme_;
};

// The font a run is set in when it is a symbol font, from its own rPr.
SymbolFont RunSymbolFont(const pugi::xml_node& run) {
  pugi::xml_node fonts = Child(Child(run, "rPr"), "rFonts");
  if (!fonts) return SymbolFont::kNone;
  for (const char* which : {"ascii", "hAnsi"}) {
    const char* name = Attr(fonts, which);
    if (name == nullptr) continue;
    SymbolFont font = SymbolFontNamed(name);
    if (font != SymbolFont::kNone) return font;
  }
  return SymbolFont::kNone;
}

// The code point of the UTF-8 character of `length` bytes at s[i].
uint32_t CodePoint(std::string_view s, size_t i, size_t length) {
  auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (length) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

// Text typed in a symbol font: its boxes and ticks as Unicode, other characters as stored.
void AppendSymbolText(std::string_view text, SymbolFont font, std::string& out) {
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8CharLength(text, i);
    if (length == 0) {
      out += text[i++];
      continue;
    }
    std::string_view glyph = BoxGlyph(font, CodePoint(text, i, length));
    if (glyph.empty()) {
      out += text.substr(i, length);
    } else {
      out += glyph;
    }
    i += length;
  }
}

// `text` without the characters a check-box content control draws its state
// with: the control's own state is written in their place.
std::string WithoutBoxGlyphs(std::string_view text, const std::vector<uint32_t>& drawn) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8CharLength(text, i);
    if (length == 0) {
      out += text[i++];
      continue;
    }
    uint32_t code = CodePoint(text, i, length);
    bool box = code == 0x2610 || code == 0x2611 || code == 0x2612;
    for (uint32_t d : drawn) box = box || code == d || (d < 0x100 && code == (0xF000 | d));
    if (!box) out += text.substr(i, length);
    i += length;
  }
  return out;
}

void AppendText(const pugi::xml_node& node, std::string& out, int depth, const Look* look,
                SymbolFont font = SymbolFont::kNone);

// While a part is read with a Look, the text of each blacked-out run stands between
// markers: kOpenMark, the digit of its kind in kCoveredKinds and of its place in
// kCoveredPlaces, the text, kCloseMark. No text of the document holds these bytes
// (AppendText drops them), and TakeCovered takes the markers out again.
constexpr char kOpenMark = '\x01';
constexpr char kCloseMark = '\x02';
constexpr std::string_view kCoveredKinds[] = {"dark-highlight", "dark-shading", "dark-cell",
                                              "dark-text-box"};
constexpr std::string_view kCoveredPlaces[] = {"", "table", "text box"};  // "": the part itself

char KindDigit(std::string_view kind) {
  for (size_t i = 0; i < std::size(kCoveredKinds); ++i) {
    if (kCoveredKinds[i] == kind) return static_cast<char>('0' + i);
  }
  return '0';
}

// Where a run stands: in a text box, in a table, or in the flow of its part.
char PlaceDigit(const pugi::xml_node& run) {
  for (pugi::xml_node a = run.parent(); a; a = a.parent()) {
    std::string_view n = LocalName(a);
    if (n == "txbxContent") return '2';
    if (n == "tc") return '1';
  }
  return '0';
}

// Text of the document as it is stored, less the marker bytes.
void AppendStored(std::string_view text, std::string& out) {
  for (char c : text) {
    if (c != kOpenMark && c != kCloseMark) out += c;
  }
}

// A run Word does not show: formatted as hidden (w:vanish, w:specVanish), or one
// point high or less (w:sz is in half-points). Not w:webHidden, which hides text in
// Web view only (Word sets it on every page number of a table of contents).
bool RunIsHidden(const pugi::xml_node& run) {
  pugi::xml_node props = Child(run, "rPr");
  if (!props) return false;
  for (const char* flag : {"vanish", "specVanish"}) {
    if (pugi::xml_node f = Child(props, flag); f && OnOff(f)) return true;
  }
  if (const char* size = Attr(Child(props, "sz"), "val")) {
    char* end = nullptr;
    double half_points = std::strtod(size, &end);
    if (end != size && half_points <= 2) return true;
  }
  return false;
}

// A fill that is not the page's white ("auto", "FFFFFF" or none).
bool Shaded(const pugi::xml_node& props) {
  const char* fill = Attr(Child(props, "shd"), "fill");
  if (fill == nullptr) return false;
  std::string_view f = fill;
  return !(f == "auto" || f == "FFFFFF" || f == "ffffff");
}

// A run in white on no shading of its own (its cell's and paragraph's are `on_shading`).
bool RunIsWhite(const pugi::xml_node& run, bool on_shading) {
  pugi::xml_node props = Child(run, "rPr");
  if (!props || on_shading || Shaded(props)) return false;
  if (const char* mark = Attr(Child(props, "highlight"), "val");
      mark != nullptr && std::string_view(mark) != "none") {
    return false;
  }
  pugi::xml_node color = Child(props, "color");
  // "White, Background 1, Darker 25%" is a grey: a shade or tint is not white.
  if (Attr(color, "themeShade") != nullptr || Attr(color, "themeTint") != nullptr) return false;
  const char* value = Attr(color, "val");
  const char* theme = Attr(color, "themeColor");
  return (value != nullptr &&
          (std::string_view(value) == "FFFFFF" || std::string_view(value) == "ffffff")) ||
         (theme != nullptr &&
          (std::string_view(theme) == "background1" || std::string_view(theme) == "light1"));
}

// The text of the runs under `node` that Word does not show (`hidden`) and of those
// in white on white (`white`), one line per paragraph.
void CollectUnseenRuns(const pugi::xml_node& node, std::string& hidden, std::string& white,
                       int depth, bool on_shading = false) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    if (n == "r") {
      std::string text;
      for (pugi::xml_node t = child.first_child(); t; t = t.next_sibling()) {
        if (LocalName(t) == "t") text += t.child_value();
      }
      if (text.empty()) continue;
      // Word splits words across runs ("Jo" "hn"): runs that follow each other are
      // joined as they are; a run that shows parts them.
      if (RunIsHidden(child)) {
        hidden += text;
      } else if (RunIsWhite(child, on_shading)) {
        white += text;
      } else {
        for (std::string* s : {&hidden, &white}) {
          if (!s->empty() && s->back() != ' ' && s->back() != '\n') *s += ' ';
        }
      }
    } else if (n == "txbxContent") {
      // A text box: its own fill, which this reader does not see, may be dark.
      CollectUnseenRuns(child, hidden, white, depth + 1, true);
    } else if (n == "tc" || n == "p" || n == "tbl") {
      pugi::xml_node props = Child(child, n == "tc" ? "tcPr" : n == "p" ? "pPr" : "tblPr");
      CollectUnseenRuns(child, hidden, white, depth + 1, on_shading || Shaded(props));
      if (n == "p") {
        for (std::string* s : {&hidden, &white}) {
          if (!s->empty() && s->back() == ' ') s->back() = '\n';
          if (!s->empty() && s->back() != '\n') *s += '\n';
        }
      }
    } else if (n != "del" && n != "moveFrom" && n != "rPr" && n != "pPr" && n != "Fallback") {
      CollectUnseenRuns(child, hidden, white, depth + 1, on_shading);
    }
  }
}

// A table cell's text on one line, so that a row reads "1.1<TAB>wording<TAB>☒":
// empty lines at its start and end are dropped, each run of paragraph and line
// breaks inside it becomes one space, and each tab a space.
std::string CellText(const pugi::xml_node& cell, int depth, const Look* look) {
  std::string text;
  AppendText(cell, text, depth, look);
  size_t begin = text.find_first_not_of("\n\t");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of("\n\t") + 1;
  std::string line;
  for (size_t i = begin; i < end; ++i) {
    if (text[i] == '\n') {
      if (line.empty() || line.back() != ' ' || text[i - 1] != '\n') line += ' ';
    } else {
      line += text[i] == '\t' ? ' ' : text[i];
    }
  }
  return line;
}

// A check-box content control (w14:checkbox): its state, then whatever else its
// content shows besides the glyph Word drew for that state.
void AppendCheckBoxControl(const pugi::xml_node& sdt, const pugi::xml_node& box, std::string& out,
                           int depth, const Look* look) {
  pugi::xml_node checked = Child(box, "checked");
  bool on = checked && OnOff(checked);
  std::vector<uint32_t> drawn;
  for (const char* state : {"checkedState", "uncheckedState"}) {
    if (uint32_t code = HexCode(Attr(Child(box, state), "val")); code != 0) drawn.push_back(code);
  }
  std::string content;
  AppendText(Child(sdt, "sdtContent"), content, depth + 1, look);
  out += on ? kChecked : kUnchecked;
  out += WithoutBoxGlyphs(content, drawn);
}

// Appends the visible text under `node`. Property elements (pPr, rPr, ...) hold no
// text but do hold <w:tab> tab-stop definitions, so they are skipped whole.
// `font` is the symbol font of the run being read, if it is set in one. With a
// `look`, blacked-out runs are marked (kOpenMark).
void AppendText(const pugi::xml_node& node, std::string& out, int depth, const Look* look,
                SymbolFont font) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    if (n == "t") {
      std::string stored;
      AppendStored(child.child_value(), stored);
      if (font == SymbolFont::kWingdings || font == SymbolFont::kWingdings2) {
        AppendSymbolText(stored, font, out);
      } else {
        out += stored;
      }
    } else if (n == "r") {
      // Hidden runs are no text a reader sees: ReadParts keeps them apart.
      if (RunIsHidden(child)) continue;
      std::string_view kind = look != nullptr && Child(child, "t") ? look->Covered(child) : "";
      if (!kind.empty()) {
        out += kOpenMark;
        out += KindDigit(kind);
        out += PlaceDigit(child);
      }
      AppendText(child, out, depth + 1, look, RunSymbolFont(child));
      if (!kind.empty()) out += kCloseMark;
    } else if (n == "sym") {
      SymbolFont sym_font = SymbolFontNamed(Attr(child, "font") ? Attr(child, "font") : "");
      uint32_t code = HexCode(Attr(child, "char"));
      if (sym_font == SymbolFont::kNone) {
        if (code != 0) AppendUnicodeSymbol(code, out);
      } else {
        out += BoxGlyph(sym_font, code);
      }
    } else if (n == "fldChar") {
      // A legacy form check box (FORMCHECKBOX) stands where its field begins;
      // Word draws it, so its result holds no text.
      pugi::xml_node box = Child(Child(child, "ffData"), "checkBox");
      if (box) {
        pugi::xml_node state = Child(box, "checked");
        if (!state) state = Child(box, "default");
        out += state && OnOff(state) ? kChecked : kUnchecked;
      }
    } else if (n == "sdt") {
      pugi::xml_node properties = Child(child, "sdtPr");
      pugi::xml_node box = Child(properties, "checkbox");
      pugi::xml_node placeholder = Child(properties, "showingPlcHdr");
      if (box) {
        AppendCheckBoxControl(child, box, out, depth, look);
      } else if (placeholder && OnOff(placeholder)) {
        // A control nobody has typed into shows the template's prompt ("Click or tap
        // here to enter text.", or any prompt the template's author wrote) in grey:
        // the prompt is no text of this document, and no answer.
      } else {
        AppendText(child, out, depth + 1, look);
      }
    } else if (n == "tab" || n == "ptab") {
      out += '\t';
    } else if (n == "br" || n == "cr") {
      out += '\n';
    } else if (n == "noBreakHyphen") {
      out += '-';
    } else if (n == "delText" || n == "instrText" || n == "del" || n == "Fallback" || n == "pPr" ||
               n == "rPr" || n == "sectPr" || n == "tblPr" || n == "trPr" || n == "tcPr" ||
               n == "tblGrid" || n == "sdtPr" || n == "moveFrom") {
      // Deleted revisions, field codes, duplicate fallback content and properties:
      // none of it is body text a reader sees.
    } else if (n == "p") {
      AppendText(child, out, depth + 1, look);
      out += '\n';
    } else if (n == "tc") {
      out += CellText(child, depth + 1, look);
      out += '\t';
    } else if (n == "tr") {
      std::string row;
      AppendText(child, row, depth + 1, look);
      if (!row.empty() && row.back() == '\t') row.pop_back();
      out += row;
      out += '\n';
    } else {
      AppendText(child, out, depth + 1, look, font);
    }
  }
}

// True when `text` only stands where something was removed, as the PDF check judges
// its hidden spans (extractors/read/pdf_hidden.cc): nothing but one letter or digit
// repeated ("XXXX", "████", "0000") or a lone "X"; no letter or digit at all; or a
// label that says a removal was made ("[redacted]", "Withheld").
bool MarksARemoval(std::string_view text) {
  std::vector<std::string_view> letters;
  std::string folded;
  for (size_t i = 0; i < text.size();) {
    size_t n = std::max<size_t>(Utf8CharLength(text, i), 1);
    std::string_view c = text.substr(i, n);
    i += n;
    unsigned char b = static_cast<unsigned char>(c[0]);
    if (b < 0x80) {
      if (std::isalnum(b) == 0) continue;
      folded += static_cast<char>(std::tolower(b));
    }
    if (c == kReplacementCharacter) return false;  // a glyph with no Unicode: may be a name
    letters.push_back(c);
  }
  if (letters.empty()) return true;
  static const std::set<std::string, std::less<>> kLabels = {
      "redacted",     "redaction",  "confidential", "privileged",
      "privilege",    "withheld",   "removed",      "nameredacted",
      "exempt",       "anonymised", "anonymized",   "privilegedandconfidential",
      "personaldata", "deleted",
  };
  if (folded.size() == letters.size() && kLabels.count(folded) != 0) return true;
  auto same = [&](std::string_view a, std::string_view b) {
    return a.size() == 1 && b.size() == 1 ? std::tolower(static_cast<unsigned char>(a[0])) ==
                                                std::tolower(static_cast<unsigned char>(b[0]))
                                          : a == b;
  };
  if (letters.size() == 1) return same(letters[0], "x");
  return std::all_of(letters.begin(), letters.end(),
                     [&](std::string_view c) { return same(c, letters[0]); });
}

// A blacked-out span of a part's text.
struct CoveredSpan {
  std::string_view kind;   // one of kCoveredKinds
  std::string_view place;  // one of kCoveredPlaces
  size_t start = 0, end = 0;
};

// Takes the markers AppendText put in `text` out of it, and returns the spans they
// marked: runs that follow each other with nothing but spaces between them (Word
// splits a name into runs as it pleases) are one span, trimmed of the spaces at its
// ends; spans that only mark a removal (MarksARemoval) are dropped.
std::vector<CoveredSpan> TakeCovered(std::string& text) {
  std::vector<CoveredSpan> marked;
  if (text.find(kOpenMark) == std::string::npos) return marked;
  std::string clean;
  clean.reserve(text.size());
  int open = 0;  // a run inside a text box inside a marked run: the outer mark holds
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == kOpenMark && i + 2 < text.size()) {
      if (open++ == 0) {
        size_t kind =
            std::min<size_t>(static_cast<size_t>(text[i + 1] - '0'), std::size(kCoveredKinds) - 1);
        size_t place =
            std::min<size_t>(static_cast<size_t>(text[i + 2] - '0'), std::size(kCoveredPlaces) - 1);
        marked.push_back({kCoveredKinds[kind], kCoveredPlaces[place], clean.size(), clean.size()});
      }
      i += 2;
    } else if (c == kCloseMark) {
      if (open > 0 && --open == 0) marked.back().end = clean.size();
    } else if (c != kOpenMark) {
      clean += c;
    }
  }
  if (open > 0) marked.back().end = clean.size();
  text = std::move(clean);
  std::vector<CoveredSpan> spans;
  for (const CoveredSpan& m : marked) {
    if (!spans.empty() && spans.back().kind == m.kind && spans.back().place == m.place &&
        text.find_first_not_of(' ', spans.back().end) >= m.start) {
      spans.back().end = m.end;
    } else {
      spans.push_back(m);
    }
  }
  std::vector<CoveredSpan> out;
  for (CoveredSpan span : spans) {
    while (span.start < span.end && std::isspace(static_cast<unsigned char>(text[span.start]))) {
      ++span.start;
    }
    while (span.end > span.start && std::isspace(static_cast<unsigned char>(text[span.end - 1]))) {
      --span.end;
    }
    if (!MarksARemoval(std::string_view(text).substr(span.start, span.end - span.start))) {
      out.push_back(span);
    }
  }
  return out;
}

// The package part holding the main document: usually word/document.xml, but the
// package's relationships are what decide.
std::string MainPartName(zip::Archive& archive) {
  if (archive.Find("word/document.xml") != nullptr) return "word/document.xml";
  Result<std::string> rels = archive.Read("_rels/.rels", 1 << 20);
  if (!rels.ok()) return "word/document.xml";
  pugi::xml_document xml;
  if (!xml.load_buffer(rels->data(), rels->size())) return "word/document.xml";
  for (pugi::xml_node r : xml.document_element().children()) {
    std::string_view type = r.attribute("Type").value();
    if (type.size() >= 15 && type.substr(type.size() - 15) == "/officeDocument") {
      std::string target = r.attribute("Target").value();
      while (!target.empty() && target[0] == '/') target.erase(0, 1);
      return target;
    }
  }
  return "word/document.xml";
}

void ReadProperties(zip::Archive& archive, const char* part,
                    std::vector<std::pair<std::string, std::string>>& out) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"title", "Title"},       {"subject", "Subject"},      {"creator", "Author"},
      {"keywords", "Keywords"}, {"description", "Comments"}, {"lastModifiedBy", "Last modified by"},
      {"category", "Category"}, {"Company", "Company"},      {"Manager", "Manager"}};
  if (archive.Find(part) == nullptr) return;
  Result<std::string> bytes = archive.Read(part, 1 << 20);
  if (!bytes.ok()) return;
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes->data(), bytes->size())) return;
  for (pugi::xml_node n : xml.document_element().children()) {
    std::string_view local = LocalName(n);
    for (const auto& [xml_name, shown] : kNames) {
      if (local == xml_name) {
        std::string value = n.child_value();
        if (!value.empty()) out.emplace_back(shown, value);
      }
    }
  }
}

// Text deleted with tracked changes (w:delText): gone from the page Word shows in
// "no markup" view, still in the file for anyone to read. One line per deletion.
void AppendDeleted(const pugi::xml_node& node, std::string& out, int depth) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    if (n == "delText") {
      out += child.child_value();
    } else {
      AppendDeleted(child, out, depth + 1);
      if (n == "del" && !out.empty() && out.back() != '\n') out += '\n';
    }
  }
}

// Who made the tracked changes and the comments of a document, and how many
// insertions there are: accepted or not, changes stay in the file.
struct Revisions {
  std::set<std::string> authors;          // of w:ins, w:del, w:moveFrom, w:moveTo
  std::set<std::string> comment_authors;  // of w:comment
  int insertions = 0;
};

void CollectRevisions(const pugi::xml_node& node, Revisions& r, int depth) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view n = LocalName(child);
    bool change = n == "ins" || n == "del" || n == "moveFrom" || n == "moveTo";
    if (change || n == "comment") {
      if (n == "ins" || n == "moveTo") ++r.insertions;
      std::set<std::string>& authors = change ? r.authors : r.comment_authors;
      if (const char* author = Attr(child, "author"); author != nullptr && *author != '\0') {
        if (authors.size() < 100) authors.insert(author);
      }
    }
    CollectRevisions(child, r, depth + 1);
  }
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The text of one XML part of the package, or "" when it is missing or broken.
// `deleted` collects its tracked deletions.
// The most bytes one part may unpack to: Word's XML packs well, but not a
// thousand to one.
uint64_t PartCap(const zip::Archive& archive, const std::string& name, const Limits& limits) {
  constexpr uint64_t kHardCap = 256ull << 20;
  const zip::Entry* e = archive.Find(name);
  uint64_t packed = std::max<uint64_t>(e != nullptr ? e->packed_size : 0, 1);
  uint64_t by_ratio =
      packed > UINT64_MAX / limits.max_ratio ? UINT64_MAX : packed * limits.max_ratio;
  return std::min(kHardCap, std::max(limits.ratio_floor_bytes, by_ratio));
}

// `hidden` and `white` collect the runs CollectUnseenRuns finds, and `revisions`
// who made tracked changes and comments, when given. With a `look`, `covered`
// collects the part's blacked-out text (TakeCovered), with `where` as its place.
std::string PartText(zip::Archive& archive, const std::string& name, const Limits& limits,
                     std::string* deleted, std::string* hidden = nullptr,
                     std::string* white = nullptr, Revisions* revisions = nullptr,
                     const Look* look = nullptr, std::vector<HiddenText>* covered = nullptr,
                     const char* where = "") {
  Result<std::string> bytes = archive.Read(name, PartCap(archive, name, limits));
  if (!bytes.ok()) return "";
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes->data(), bytes->size(), kTextParse)) return "";
  std::string text;
  AppendText(xml.document_element(), text, 0, covered != nullptr ? look : nullptr);
  if (covered != nullptr) {
    for (const CoveredSpan& span : TakeCovered(text)) {
      covered->push_back(HiddenText{std::string(span.kind), 0, std::nullopt,
                                    text.substr(span.start, span.end - span.start), where});
    }
  }
  if (deleted != nullptr) AppendDeleted(xml.document_element(), *deleted, 0);
  if (hidden != nullptr && white != nullptr) {
    CollectUnseenRuns(xml.document_element(), *hidden, *white, 0);
  }
  if (revisions != nullptr) {
    CollectRevisions(xml.document_element(), *revisions, 0);
  }
  return text;
}

// Custom document properties (docProps/custom.xml): name and value of each.
void ReadCustomProperties(zip::Archive& archive,
                          std::vector<std::pair<std::string, std::string>>& out) {
  if (archive.Find("docProps/custom.xml") == nullptr) return;
  Result<std::string> bytes = archive.Read("docProps/custom.xml", 1 << 20);
  if (!bytes.ok()) return;
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes->data(), bytes->size())) return;
  for (pugi::xml_node property : xml.document_element().children()) {
    std::string name = property.attribute("name").value();
    pugi::xml_node value = property.first_child();
    std::string text = value ? value.child_value() : "";
    if (!name.empty() && !text.empty()) out.emplace_back("Custom: " + name, text);
  }
}

// The text outside the body: headers, footers, notes, comments, deletions.
void ReadParts(zip::Archive& archive, const std::string& main_part, const Limits& limits,
               const Look& look, Summary& s) {
  std::string deleted, hidden, white;
  Revisions revisions;
  // The body's own deletions, hidden runs, white text and tracked changes.
  PartText(archive, main_part, limits, &deleted, &hidden, &white, &revisions);
  struct Kind {
    const char* prefix;
    const char* name;
    bool hidden;
  };
  static const Kind kKinds[] = {{"word/header", "header", false},
                                {"word/footer", "footer", false},
                                {"word/footnotes", "footnotes", false},
                                {"word/endnotes", "endnotes", false},
                                {"word/comments", "comments", true}};
  for (const Kind& kind : kKinds) {
    std::string joined;
    for (const zip::Entry& e : archive.entries()) {
      if (!StartsWith(e.name, kind.prefix) || e.name.size() < 4 ||
          e.name.substr(e.name.size() - 4) != ".xml" || e.name.find('/', 5) != std::string::npos) {
        continue;  // word/header1.xml, not word/_rels/header1.xml.rels
      }
      // Comments are hidden data already, whatever their colours.
      std::string text = PartText(archive, e.name, limits, &deleted, &hidden, &white, &revisions,
                                  &look, kind.hidden ? nullptr : &s.hidden, kind.name);
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      if (!joined.empty()) joined += '\n';
      joined += text;
    }
    if (!joined.empty()) s.parts.push_back(TextPart{kind.name, joined, kind.hidden});
  }
  if (!deleted.empty()) s.parts.push_back(TextPart{"deleted text", deleted, true});
  if (!hidden.empty()) s.parts.push_back(TextPart{"hidden text", hidden, true});
  // White text stays in the body's text too (it is in the flow of the page), so the
  // personal-data scan reads it there, with its place; this part only says it is white.
  if (!white.empty()) s.parts.push_back(TextPart{"white text", white, true});
  // Insertions show as text, but the changes (who, when, what was there before)
  // travel with the file until they are accepted: their authors are a part.
  if (revisions.insertions > 0 || !revisions.authors.empty()) {
    std::string authors;
    for (const std::string& a : revisions.authors) authors += a + "\n";
    if (authors.empty()) authors = "(no author named)\n";
    s.parts.push_back(TextPart{"change authors", authors, true});
  }
  if (!revisions.comment_authors.empty()) {
    std::string authors;
    for (const std::string& a : revisions.comment_authors) authors += a + "\n";
    s.parts.push_back(TextPart{"comment authors", authors, true});
  }
}

// The images in the package. The body's page carries how many (Page::pictures_to_read),
// so that the OCR stage (extractors/read/ocr_stage.h) lists and reads them, or says
// they were not read. (Embedded files are documents of their own: ingest takes them
// out of the package.)
int CountImages(const zip::Archive& archive) {
  int images = 0;
  for (const zip::Entry& e : archive.entries()) {
    if (e.is_directory) continue;
    if (StartsWith(e.name, "word/media/")) ++images;
  }
  return images;
}

// The text of a document.xml; with a `look`, blacked-out runs are marked in it.
Result<std::string> BodyText(const std::string& document_xml, const Look* look) {
  pugi::xml_document xml;
  // parse_default does not process the DOCTYPE, so no entity is ever expanded or fetched.
  pugi::xml_parse_result parsed =
      xml.load_buffer(document_xml.data(), document_xml.size(), kTextParse);
  if (!parsed) {
    return Status(StatusCode::kUnreadable,
                  std::string("its text is damaged (") + parsed.description() + ")");
  }
  std::string text;
  for (pugi::xml_node body : xml.document_element().children()) {
    if (LocalName(body) == "body") AppendText(body, text, 0, look);
  }
  return text;
}

// The part a relationship of the main part names (its styles, its theme), by the
// end of the relationship's type; `fallback` when the package does not say.
std::string RelatedPart(zip::Archive& archive, const std::string& main_part,
                        std::string_view type_end, const std::string& fallback) {
  size_t slash = main_part.rfind('/');
  std::string dir = slash == std::string::npos ? "" : main_part.substr(0, slash + 1);
  std::string rels_name = dir + "_rels/" + main_part.substr(dir.size()) + ".rels";
  if (archive.Find(rels_name) == nullptr) return fallback;
  Result<std::string> rels = archive.Read(rels_name, 1 << 20);
  pugi::xml_document xml;
  if (!rels.ok() || !xml.load_buffer(rels->data(), rels->size())) return fallback;
  for (pugi::xml_node r : xml.document_element().children()) {
    std::string_view type = r.attribute("Type").value();
    if (type.size() < type_end.size() || type.substr(type.size() - type_end.size()) != type_end ||
        std::string_view(r.attribute("TargetMode").value()) == "External") {
      continue;
    }
    std::string target = r.attribute("Target").value();
    if (!target.empty() && target[0] == '/') return target.substr(1);
    return dir + target;
  }
  return fallback;
}

// The XML of a part, or "" when it is missing, too big or unreadable.
std::string PartXml(zip::Archive& archive, const std::string& name, const Limits& limits) {
  if (archive.Find(name) == nullptr) return "";
  Result<std::string> bytes = archive.Read(name, PartCap(archive, name, limits));
  return bytes.ok() ? std::move(bytes.value()) : "";
}

}  // namespace

Result<std::string> WordBodyText(const std::string& document_xml) {
  return BodyText(document_xml, nullptr);
}

Summary ReadWord(const std::string& path, const Limits& limits, const PageFn& on_page) {
  Summary s;
  auto fail = [&s](const std::string& why) {
    s.status = DocStatus::kFailed;
    s.findings.push_back(ReadingFinding(
        rule::kExtractUnreadable, "", "This Word document could not be read: " + why + ".",
        "Ask the organisation to open it in Word, save it again (or save it as a PDF) and "
        "resend it."));
  };
  Result<zip::Archive> archive = zip::Archive::Open(path);
  if (!archive.ok()) {
    fail(archive.status().message());
    return s;
  }
  std::string main_part = MainPartName(archive.value());
  Result<std::string> xml = archive->Read(main_part, PartCap(archive.value(), main_part, limits));
  if (!xml.ok()) {
    fail(xml.status().code() == StatusCode::kLimit
             ? "its text unpacks to far more than it is packed, past the limit of " +
                   std::to_string(limits.max_ratio) + " to 1 (built like a \"zip bomb\")"
             : "its text part " + xml.status().message());
    return s;
  }
  const Look look(
      PartXml(archive.value(),
              RelatedPart(archive.value(), main_part, "/styles", "word/styles.xml"), limits),
      PartXml(archive.value(),
              RelatedPart(archive.value(), main_part, "/theme", "word/theme/theme1.xml"), limits));
  Result<std::string> text = BodyText(xml.value(), &look);
  if (!text.ok()) {
    fail(text.status().message());
    return s;
  }
  for (const CoveredSpan& span : TakeCovered(text.value())) {
    s.hidden.push_back(HiddenText{
        std::string(span.kind), 1, std::nullopt, text->substr(span.start, span.end - span.start),
        span.place.empty() ? "body" : std::string(span.place), static_cast<uint32_t>(span.start),
        static_cast<uint32_t>(span.end)});
  }
  ReadProperties(archive.value(), "docProps/core.xml", s.metadata);
  ReadProperties(archive.value(), "docProps/app.xml", s.metadata);
  ReadCustomProperties(archive.value(), s.metadata);
  ReadParts(archive.value(), main_part, limits, look, s);
  Page page;
  page.number = 1;
  page.source = TextSource::kWordBody;
  page.text = std::move(text.value());
  page.pictures_to_read = CountImages(archive.value());
  s.page_count = 1;
  on_page(std::move(page));
  return s;
}

namespace {

// Gives the run an explicit white colour, in its run properties (w:rPr, the run's first
// child), where the schema puts w:color: before spacing, size, highlight and the rest.
void MakeWhite(pugi::xml_node run) {
  std::string name = run.name();
  std::string prefix = name.substr(0, name.size() - LocalName(run).size());
  pugi::xml_node props = Child(run, "rPr");
  if (!props) props = run.prepend_child((prefix + "rPr").c_str());
  pugi::xml_node color = Child(props, "color");
  if (color) {
    props.remove_child(color);  // with its theme colour, shade and tint
  }
  static const std::set<std::string_view> kAfter = {
      "spacing",    "w",     "kern",     "position", "sz",   "szCs",
      "highlight",  "u",     "effect",   "bdr",      "shd",  "fitText",
      "vertAlign",  "rtl",   "cs",       "em",       "lang", "eastAsianLayout",
      "specVanish", "oMath", "rPrChange"};
  pugi::xml_node before;
  for (pugi::xml_node c = props.first_child(); c && !before; c = c.next_sibling()) {
    if (kAfter.count(LocalName(c)) != 0) before = c;
  }
  pugi::xml_node added = before ? props.insert_child_before((prefix + "color").c_str(), before)
                                : props.append_child((prefix + "color").c_str());
  added.append_attribute((prefix + "val").c_str()) = "FFFFFF";
}

// Marks white every run of `node` that Word draws white; how many.
int WhitenAutomaticRuns(pugi::xml_node node, const Look& look, int depth) {
  if (depth > kMaxDepth) return 0;
  int changed = 0;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    if (LocalName(child) == "r" && look.AutoTurnsWhite(child)) {
      MakeWhite(child);
      ++changed;
    }
    changed += WhitenAutomaticRuns(child, look, depth + 1);
  }
  return changed;
}

}  // namespace

Result<bool> WriteWordAsDrawn(const std::string& path, const std::string& dest,
                              const Limits& limits) {
  Result<zip::Archive> archive = zip::Archive::Open(path);
  if (!archive.ok()) return archive.status();
  std::string main_part = MainPartName(archive.value());
  const Look look(
      PartXml(archive.value(),
              RelatedPart(archive.value(), main_part, "/styles", "word/styles.xml"), limits),
      PartXml(archive.value(),
              RelatedPart(archive.value(), main_part, "/theme", "word/theme/theme1.xml"), limits));
  std::vector<std::string> parts = {main_part};
  for (const zip::Entry& e : archive->entries()) {
    for (const char* prefix : {"word/header", "word/footer", "word/footnotes", "word/endnotes"}) {
      if (StartsWith(e.name, prefix) && e.name.size() > 4 &&
          e.name.substr(e.name.size() - 4) == ".xml" && e.name.find('/', 5) == std::string::npos) {
        parts.push_back(e.name);
      }
    }
  }
  // Whitespace-only text kept (a run's " "), whitespace between elements not needed.
  constexpr unsigned kKeep = pugi::parse_default | pugi::parse_ws_pcdata_single;
  std::map<std::string, std::string> replaced;
  for (const std::string& part : parts) {
    if (archive->Find(part) == nullptr) continue;
    Result<std::string> bytes = archive->Read(part, PartCap(archive.value(), part, limits));
    if (!bytes.ok()) return bytes.status();
    pugi::xml_document xml;
    if (!xml.load_buffer(bytes->data(), bytes->size(), kKeep)) {
      return Status(StatusCode::kUnreadable, part + " is not well-formed XML");
    }
    if (WhitenAutomaticRuns(xml.document_element(), look, 0) == 0) continue;
    std::ostringstream out;
    xml.save(out, "", pugi::format_raw, pugi::encoding_utf8);
    replaced.emplace(part, out.str());
  }
  if (replaced.empty()) return false;
  if (Status copied = archive->CopyTo(dest, replaced); !copied.ok()) return copied;
  return true;
}

}  // namespace qpm::extract
