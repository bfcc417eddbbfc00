// make_samples — writes the invented sample submissions in samples/ and, beside each one, the
// result qpm-intake is expected to give for it.
//
// Usage: make_samples OUTDIR
//
// Every person, organisation, address and case in these files is invented. Personal data is
// planted only where a sample exists to test a detector, and then only in ranges that can never
// belong to anyone: NHS numbers from the never-issued 999 range, example.com/example.org email
// addresses. The expected results are written from what this program planted, never from what
// the tool reports, so that a test over samples/ checks the tool against the truth.
//
// Output is byte-for-byte reproducible (fixed dates, times, IDs, boundaries and entry order)
// except where the format demands randomness: WinZip AES and traditional PKWARE (ZipCrypto)
// encryption draw a random salt / header inside libzip, so broken/aes-no-password.zip,
// broken/zipcrypto.zip and the email that carries the AES zip
// (broken/password-in-second-email/1 submission.eml) differ from one fresh run to the next.
// When OUTDIR already holds those zips with the same decrypted contents, their old bytes are
// kept, so regenerating samples/ leaves unchanged files unchanged.
//
// The writers are the files beside this one: what they share (fixed_values.h, pdf_builder.h,
// zip_writer.h, mime_message.h, docx_package.h, file_bits.h, and expected_results.h for the
// expected results and samples/README.md); the documents a submission is made of
// (workbook_content.h, policy_content.h, case_file_content.h, report_content.h, and the
// workbook fillable, printed and in Word); and the samples, a file per folder of samples/
// (clean_samples.h, gaps_samples.h, broken_samples.h ...). WriteAll below writes them, in order.
//
// This is a build-time tool, not part of the product, so it talks to PoDoFo and libzip
// directly rather than through the pipeline's adapters, and it stops at the first error.

#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "broken_samples.h"
#include "case_file_samples.h"
#include "clean_samples.h"
#include "docx_package.h"
#include "embedded_samples.h"
#include "expected_results.h"
#include "fail_closed_samples.h"
#include "fixed_values.h"
#include "gaps_samples.h"
#include "gateway_samples.h"
#include "inbox_samples.h"
#include "pdf_builder.h"
#include "redaction_word_samples.h"
#include "scans.h"
#include "word_samples.h"
#include "workbook_samples.h"

namespace qpm::samples {
namespace {

void WriteAll(Output& out) {
  CleanSet set = BuildCleanSet();
  WriteClean(out, set);
  WriteGaps(out, set);
  WriteGateway(out);
  WriteZipSlip(out, set);
  WriteZipBomb(out);
  WriteNested(out);
  std::string aes = WriteLockedZips(out, set);
  WritePasswordInSecondEmail(out, set, aes);
  WriteTruncated(out, set);
  WriteForwarded(out, set);
  WriteJunk(out, set);
  WritePlantedPii(out);
  WriteLockedPdfs(out);
  WriteDocx(out);
  WriteWordWorkbook(out);
  WritePrintedWorkbook(out);
  WriteNewEditionWorkbook(out);
  WriteSeveralCases(out);
  WriteScannedCaseFile(out);
  WriteScannedLetter(out);
  WriteRedaction(out);
  WriteFailClosed(out);
  WriteFailClosed(out, AttachmentInPdfSample([](const std::vector<std::string>& paragraphs) {
                    std::string body;
                    for (const std::string& p : paragraphs)
                      body += "<w:p><w:r><w:t>" + p + "</w:t></w:r></w:p>";
                    return DocxPackage(std::string(kXmlHead) + "<w:document " + kWordNs +
                                           "><w:body>" + body + "</w:body></w:document>",
                                       std::string(kXmlHead) + "<w:styles " + kWordNs + "/>",
                                       "Case notes", kOrganisation);
                  }));
  WriteOffice(out);
  WriteFailClosedPictures(out);
  WriteInbox(out, set, aes);  // reads back samples written above
  out.Write("README.md", out.Readme());
}

}  // namespace
}  // namespace qpm::samples

// PoDoFo 0.9.8 draws the AES-256 file key and every AES IV from rand(), after calling
// srand(time(NULL)) (PdfEncrypt.cpp, PdfEncryptSHABase::ComputeEncryptionKey), so each run
// would encrypt differently. This definition pre-empts libc's srand for this program only:
// rand() keeps glibc's default seed and the encrypted sample PDFs come out the same every run.
// The keys of invented samples need no secrecy; nothing else here uses rand().
extern "C" void srand(unsigned int /*seed*/) noexcept {}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_samples OUTDIR\n";
    return 2;
  }
  // libzip turns entry times into DOS times with localtime(): pin the zone so the bytes do not
  // depend on where the generator runs.
  setenv("TZ", "UTC", 1);
  tzset();
  // PoDoFo logs warnings to stderr; they are noise here.
  PoDoFo::PdfError::EnableLogging(false);
  qpm::samples::Output out{std::filesystem::path(argv[1])};
  try {
    qpm::samples::WriteAll(out);
  } catch (const PoDoFo::PdfError& error) {
    std::cerr << "make_samples: PoDoFo: " << error.what() << "\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "make_samples: " << error.what() << "\n";
    return 1;
  }
  size_t total = 0;
  for (const auto& [path, size] : out.written()) {
    std::cout << std::setw(9) << size << "  " << (out.root() / path).string() << "\n";
    total += size;
  }
  std::cout << out.written().size() << " files, " << total << " bytes\n";
  return 0;
}
