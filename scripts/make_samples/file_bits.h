// scripts/make_samples/file_bits.h — the pieces of PDF and PNG files written by hand,
// shared by the sample writers that build them byte by byte (fillable_workbook.cc, scans.cc,
// pictures_samples.cc, embedded_samples.cc, redaction_samples.cc), so every such file is put
// together the same way.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_FILE_BITS_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_FILE_BITS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qpm::samples {

// `text` as a PDF literal string: in parentheses, with ( ) and \ escaped.
std::string PdfLiteral(std::string_view text);

// A PDF file of objects 1, 2, ... (object 1 the catalog) in order, with its cross-reference
// table and trailer, its header saying PDF `version` ("1.4", "1.7").
std::string PdfFile(const std::vector<std::string>& objects, std::string_view version);

// `raw` compressed with zlib at its best (a FlateDecode stream's bytes).
std::string Deflate(const std::string& raw);

// `v` as 4 bytes, most significant first (PNG's numbers).
std::string BigEndian32(uint32_t v);

// A PNG chunk: its length, `type`, `data` and CRC.
std::string PngChunk(std::string_view type, std::string_view data);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_FILE_BITS_H_
