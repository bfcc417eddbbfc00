// Reads real archives from ../shared/corpus/zip (see its MANIFEST.tsv for what
// each file holds and which passwords open it).
#include "pipeline/ingest/zip_archive.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/test_util.h"

namespace qpm::zip {
namespace {

using qpm::testing::CorpusDir;
using qpm::testing::ReadFile;
using qpm::testing::TempDir;

std::string Zip(const char* name) { return CorpusDir() + "/zip/" + name; }

TEST(ZipArchive, AesNeedsItsPassword) {
  Result<Archive> a = Archive::Open(Zip("libzip-encrypt-aes256.zip"));
  ASSERT_TRUE(a.ok()) << a.status().message();
  const Entry* e = a->Find("encrypted");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->encrypted);
  TempDir tmp;
  std::string dest = tmp.path() + "/out";
  EXPECT_EQ(a->ExtractTo(e->index, "", dest, 1 << 20).status().code(), StatusCode::kPasswordNeeded);
  EXPECT_EQ(a->ExtractTo(e->index, "notfoonotfoo", dest, 1 << 20).status().code(),
            StatusCode::kPasswordNeeded);
  EXPECT_FALSE(std::filesystem::exists(dest));  // no half-written file is left behind
  Result<uint64_t> ok = a->ExtractTo(e->index, "foofoofoo", dest, 1 << 20);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ReadFile(dest).size(), ok.value());
}

TEST(ZipArchive, ZipCryptoOpensWithThePassword) {
  Result<Archive> a = Archive::Open(Zip("libzip-encrypt.zip"));
  ASSERT_TRUE(a.ok());
  const Entry* e = a->Find("encrypted");
  ASSERT_NE(e, nullptr);
  TempDir tmp;
  std::string dest = tmp.path() + "/out";
  ASSERT_TRUE(a->ExtractTo(e->index, "foo", dest, 1 << 20).ok());
  EXPECT_EQ(ReadFile(dest), "foo\n");  // as the manifest states
}

TEST(ZipArchive, StopsAtTheCapAndLeavesNothing) {
  Result<Archive> a = Archive::Open(Zip("libzip-encrypt.zip"));
  ASSERT_TRUE(a.ok());
  TempDir tmp;
  std::string dest = tmp.path() + "/out";
  Result<uint64_t> r = a->ExtractTo(a->Find("encrypted")->index, "foo", dest, 2);
  EXPECT_EQ(r.status().code(), StatusCode::kLimit);
  EXPECT_FALSE(std::filesystem::exists(dest));
}

// The entry declares 1,000 bytes and inflates to 30 MiB (libzip does not stop at
// the declared size): only counting what is produced catches it.
TEST(ZipArchive, CountsRealBytesNotDeclaredOnes) {
  Result<Archive> a = Archive::Open(std::string(QPM_TEST_SOURCE_DIR) +
                                    "/regressions/zip-entry-lying-about-its-size.zip");
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->entries().size(), 1u);
  EXPECT_EQ(a->entries()[0].size, 1000u);
  TempDir tmp;
  std::string dest = tmp.path() + "/out";
  Result<uint64_t> capped = a->ExtractTo(0, "", dest, 10 << 20);
  EXPECT_EQ(capped.status().code(), StatusCode::kLimit);
  EXPECT_FALSE(std::filesystem::exists(dest));
  Result<uint64_t> all = a->ExtractTo(0, "", dest, 64 << 20);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value(), 30u << 20);
}

TEST(ZipArchive, NamesThatEscapeAreReportedAsText) {
  Result<Archive> a = Archive::Open(Zip("yauzl-invalid_relative_path_xt.zip"));
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->Find("../xt"), nullptr);
}

TEST(ZipArchive, LinksAndPipesAreMarked) {
  Result<Archive> links = Archive::Open(Zip("zip2-symlink.zip"));
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->entries().size(), 1u);
  EXPECT_TRUE(links->entries()[0].is_symlink);
  Result<Archive> fifo = Archive::Open(Zip("libzip-zip64.zip"));
  ASSERT_TRUE(fifo.ok());
  ASSERT_EQ(fifo->entries().size(), 1u);
  EXPECT_TRUE(fifo->entries()[0].is_special);
}

TEST(ZipArchive, UnsupportedMethodsAreMarked) {
  Result<Archive> a = Archive::Open(Zip("libzip-testfile-zstd.zip"));
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->entries().size(), 1u);
  EXPECT_FALSE(a->entries()[0].supported);
  EXPECT_EQ(a->entries()[0].method, "Zstandard");
}

TEST(ZipArchive, DamagedDataIsUnreadable) {
  Result<Archive> a = Archive::Open(Zip("zip4j-entry_with_checksum_mismatch.zip"));
  ASSERT_TRUE(a.ok());
  TempDir tmp;
  Result<uint64_t> r = a->ExtractTo(0, "", tmp.path() + "/out", 1 << 20);
  EXPECT_EQ(r.status().code(), StatusCode::kUnreadable);
}

TEST(ZipArchive, NotAZip) {
  Result<Archive> a = Archive::Open(Zip("libzip-bogus.zip"));
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kUnreadable);
  EXPECT_NE(a.status().message().find("not a zip"), std::string::npos);
}

TEST(ZipArchive, Cp437NamesAreDecoded) {
  Result<Archive> a = Archive::Open(Zip("libzip-testfile-cp437.zip"));
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->entries().size(), 1u);
  EXPECT_EQ(a->entries()[0].name, "üéâäàåçêëèïîìÄÅÉ");
}

}  // namespace
}  // namespace qpm::zip
