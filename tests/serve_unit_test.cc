// The local page's parts that need no server: the names uploads are written under
// (pipeline/app/serve.h), the pages and their contract (pipeline/output/serve_html.h),
// and the zip the safe copy comes in (pipeline/ingest/zip_archive.h).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "pipeline/app/serve.h"
#include "pipeline/core/html_text.h"
#include "pipeline/ingest/zip_archive.h"
#include "pipeline/output/serve_html.h"
#include "pipeline/platform/workdir.h"

namespace qpm {
namespace {

namespace fs = std::filesystem;

TEST(SafeUploadPath, KeepsFoldersAsFolders) {
  EXPECT_EQ(SafeUploadPath("cases/CF01/notes.pdf"), "cases/CF01/notes.pdf");
  EXPECT_EQ(SafeUploadPath("notes.pdf"), "notes.pdf");
  EXPECT_EQ(SafeUploadPath("cases\\CF01\\notes.pdf"), "cases/CF01/notes.pdf");
  EXPECT_EQ(SafeUploadPath("Café notes.pdf"), "Café notes.pdf");
}

TEST(SafeUploadPath, NeverLeavesTheUploadFolder) {
  EXPECT_EQ(SafeUploadPath("../../etc/passwd"), "__/__/etc/passwd");
  EXPECT_EQ(SafeUploadPath("/etc/passwd"), "etc/passwd");
  EXPECT_EQ(SafeUploadPath("a/./b/../c.pdf"), "a/b/__/c.pdf");
  EXPECT_EQ(SafeUploadPath("..."), "___");
  EXPECT_EQ(SafeUploadPath(".."), "__");
  EXPECT_EQ(SafeUploadPath("//"), std::nullopt);
  EXPECT_EQ(SafeUploadPath(""), std::nullopt);
  EXPECT_EQ(SafeUploadPath("./."), std::nullopt);
  for (const char* name : {"../x", "a/../../x", "..\\..\\x", "/../x", "./../x"}) {
    std::optional<std::string> safe = SafeUploadPath(name);
    ASSERT_TRUE(safe.has_value()) << name;
    fs::path p(*safe);
    EXPECT_FALSE(p.is_absolute()) << name;
    for (const fs::path& part : p) EXPECT_NE(part.string(), "..") << name;
  }
}

TEST(SafeUploadPath, NoHiddenNamesNoControlCharactersValidUtf8) {
  EXPECT_EQ(SafeUploadPath(".hidden/.bashrc"), "_hidden/_bashrc");
  EXPECT_EQ(SafeUploadPath("a\nb\tc\x7f.pdf"), "a_b_c_.pdf");
  EXPECT_EQ(SafeUploadPath("a\xc2\x85z.pdf"), "a_z.pdf");  // U+0085, a C1 control
  std::string bad = SafeUploadPath("a\xff\xfe.pdf").value();
  EXPECT_EQ(bad, "a\xEF\xBF\xBD\xEF\xBF\xBD.pdf");
}

TEST(SafeUploadPath, BoundsLengthAndDepth) {
  std::string long_name(1000, 'x');
  std::string safe = SafeUploadPath(long_name).value();
  EXPECT_LE(safe.size(), 200u);
  // Cut on a character, not inside one: "é" is two bytes.
  std::string accents;
  for (int i = 0; i < 300; ++i) accents += "é";
  std::string cut = SafeUploadPath(accents).value();
  EXPECT_LE(cut.size(), 200u);
  EXPECT_EQ(cut.size() % 2, 0u);
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "d/";
  deep += "f.pdf";
  std::string shallow = SafeUploadPath(deep).value();
  size_t parts = 1;
  for (char c : shallow) parts += c == '/';
  EXPECT_LE(parts, 33u);
}

// Every value goes in escaped, and the policy's hash is that of the page's own style.
// RFC 4648's own test vectors: every padding.
TEST(Base64, GivesTheRfcVectors) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64(std::string("\xff\x00\xfe", 3)), "/wD+");
}

TEST(ServeHtml, PoliciesNameTheStyleThePageHolds) {
  serve_html::DocumentView doc;
  doc.name = "CF01 <notes>.pdf";
  doc.findings.push_back({"0123456789ab", "A name is readable here: page 1.", "**** ***th",
                          "Jane <b>Smith</b>", 1, Box{10, 20, 30, 25}});
  serve_html::Page page = serve_html::Results("0123", {doc});
  std::smatch style;
  ASSERT_TRUE(std::regex_search(page.html, style, std::regex("<style>([^<]*)</style>")));
  EXPECT_NE(page.csp.find("style-src '" + serve_html::StyleHash(style[1].str()) + "'"),
            std::string::npos);
  for (const char* part : {"default-src 'none'", "img-src 'self'", "form-action 'self'",
                           "frame-ancestors 'none'", "base-uri 'none'"}) {
    EXPECT_NE(page.csp.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(page.html.find("<script"), std::string::npos);
  EXPECT_EQ(page.html.find("style=\""), std::string::npos);  // the policy allows no attribute
  EXPECT_EQ(page.html.find("Jane <b>"), std::string::npos);
  EXPECT_NE(page.html.find("<details><summary>Show the value</summary>Jane &lt;b&gt;Smith"),
            std::string::npos);
  EXPECT_NE(page.html.find("CF01 &lt;notes&gt;.pdf"), std::string::npos);
  // The box is placed in per cent of the page.
  EXPECT_NE(page.html.find("#box-1{left:10.00%;top:20.00%;width:20.00%;height:5.00%}"),
            std::string::npos);
  // A known digest: "sha256-" and the base64 of SHA-256("abc").
  EXPECT_EQ(serve_html::StyleHash("abc"), "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

TEST(ServeHtml, ResultsCarryTheContractsIdsAndLabels) {
  serve_html::DocumentView found;
  found.name = "a.pdf";
  found.findings.push_back({"aaaaaaaaaaaa", "An NHS number is readable here: page 2.",
                            "*** *** *338", "999 217 5338", 2, Box{1, 1, 2, 2}});
  serve_html::DocumentView clean;
  clean.name = "b.pdf";
  std::string html = serve_html::Results("tok", {found, clean}).html;
  for (const char* part :
       {"<h1>What was found</h1>", "<section class=\"document\" id=\"doc-0\">",
        "<section class=\"document\" id=\"doc-1\">", "<figure class=\"page\">",
        "<img class=\"page-picture\" src=\"/tok/page/0/2.jpg\" alt=\"Page 2 of a.pdf\">",
        "<span class=\"box\" id=\"box-1\" aria-hidden=\"true\">1</span>", "<ol id=\"findings\">",
        "<li class=\"finding\" id=\"finding-aaaaaaaaaaaa\">",
        "<input type=\"checkbox\" name=\"remove\" value=\"aaaaaaaaaaaa\" "
        "id=\"remove-aaaaaaaaaaaa\" checked><label for=\"remove-aaaaaaaaaaaa\">Remove this</label>",
        "<label for=\"also-remove\">Also remove everywhere (one per line)</label>",
        "<textarea id=\"also-remove\" name=\"also_remove\">",
        "<form id=\"download-form\" method=\"post\" action=\"/tok/safe-copy\">",
        "<button id=\"download-copy\" type=\"submit\">Download a safe copy</button>",
        "<a id=\"download-list\" href=\"/tok/report.html\" download>Download the list</a>",
        "<form method=\"post\" action=\"/tok/finish\"><button id=\"finish\" "
        "type=\"submit\">Finish and delete everything</button></form>",
        "Nothing was found in this file."}) {
    EXPECT_NE(html.find(part), std::string::npos) << part;
  }
  // The value in full only inside "Show the value".
  const std::string open = "<details><summary>Show the value</summary>";
  size_t details = html.find(open + "999 217 5338</details>");
  ASSERT_NE(details, std::string::npos);
  EXPECT_EQ(html.find("999 217 5338"), details + open.size());
  EXPECT_EQ(html.find("999 217 5338", details + open.size() + 1), std::string::npos);
}

TEST(ServeHtml, StartAndProgressCarryTheContractsIdsAndLabels) {
  std::string start = serve_html::Start("tok", {}).html;
  for (const char* part :
       {"<form id=\"check-form\" method=\"post\" action=\"/tok/check\" "
        "enctype=\"multipart/form-data\">",
        "<input type=\"file\" id=\"files\" name=\"files\" multiple>",
        "<label for=\"files\">Files to check</label>",
        "<input type=\"file\" id=\"folder\" name=\"files\" webkitdirectory multiple>",
        "<label for=\"folder\">Or a whole folder</label>",
        "<label for=\"deny\">Names or numbers that must be removed (one per line)</label>",
        "<textarea id=\"deny\" name=\"deny\">",
        "<label for=\"allow\">Names or numbers that are fine to keep (one per line)</label>",
        "<textarea id=\"allow\" name=\"allow\">",
        "<button id=\"check\" type=\"submit\">Check</button>", "200 MB", "500 files",
        "30 minutes"}) {
    EXPECT_NE(start.find(part), std::string::npos) << part;
  }
  std::string progress = serve_html::Progress("tok", {{"a.pdf", "Waiting"}, {"b.pdf", "Read"}},
                                              "Reading documents: 1 of 2")
                             .html;
  EXPECT_NE(progress.find("<meta http-equiv=\"refresh\" content=\"1\">"), std::string::npos);
  EXPECT_NE(progress.find("<ul id=\"progress\">\n<li>a.pdf: Waiting</li>\n<li>b.pdf: Read</li>"),
            std::string::npos);
}

TEST(WriteZip, WritesEachFileUnderItsNameAndRefusesToOverwrite) {
  Result<WorkDir> dir = WorkDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string a = dir->path() + "/a";
  std::ofstream(a) << "first file";
  std::string b = dir->path() + "/b";
  std::ofstream(b) << std::string(100000, 'z');
  std::string dest = dir->path() + "/out.zip";
  ASSERT_TRUE(zip::WriteZip(dest, {{"copy.redacted.pdf", a}, {"redactions/x.json", b}}).ok());
  Result<zip::Archive> zip = zip::Archive::Open(dest);
  ASSERT_TRUE(zip.ok());
  ASSERT_EQ(zip->entries().size(), 2u);
  EXPECT_EQ(zip->Read("copy.redacted.pdf", 1 << 20).value(), "first file");
  EXPECT_EQ(zip->Read("redactions/x.json", 1 << 20).value(), std::string(100000, 'z'));
  EXPECT_FALSE(zip::WriteZip(dest, {{"a", a}}).ok());  // it exists
  std::string missing = dir->path() + "/missing.zip";
  EXPECT_FALSE(zip::WriteZip(missing, {{"a", dir->path() + "/no-such-file"}}).ok());
  EXPECT_FALSE(fs::exists(missing));
}

}  // namespace
}  // namespace qpm
