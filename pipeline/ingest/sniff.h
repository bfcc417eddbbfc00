// pipeline/ingest/sniff.h — what a file is, decided by its bytes, and which files are junk.
//
// Pure functions over bytes and names; no library. The media types it answers
// with are the model's (pipeline/core/media_types.h). Extensions are never trusted:
// a ".pdf" that is a zip is a zip. The one exception is a tie: a block of mail
// headers that could also be a text note counts as an email when it is named .eml.
#ifndef QPM_PIPELINE_INGEST_SNIFF_H_
#define QPM_PIPELINE_INGEST_SNIFF_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/media_types.h"

namespace qpm {

// Sniffs the file at `path`. `name` (the last element of its origin) only breaks
// the email-or-text tie, and names an OLE file's type when its directory cannot be
// read. Reads at most a few hundred KiB, except for OLE files, whose directory is
// read (OleOfficeType) and which are scanned in chunks for Office's
// "EncryptedPackage" stream.
// Returns kMediaOctets when the file cannot be read or is not recognised.
std::string SniffFile(const std::string& path, std::string_view name);

// The same decision over bytes already in memory: `head` is the start of the file,
// `tail` its last bytes (may overlap `head` for small files).
std::string SniffBytes(std::string_view head, std::string_view tail, std::string_view name);

// The type of an OLE file from the names of the streams and storages at the top of
// its directory: "__properties_version1.0" beside a "__substg1.0_..." property is an
// Outlook message (kMediaOutlookMsg), whatever it carries; "WordDocument" is Word
// (.doc), "Workbook" or "Book" Excel (.xls), "PowerPoint Document" PowerPoint (.ppt);
// only one of Outlook's two names, or anything else, is kMediaOle. With no names (the
// directory could not be read), the extension of `name` decides between Word, Excel
// and PowerPoint, else kMediaOle: an Outlook message is never told by its name.
std::string_view OleOfficeType(const std::vector<std::string>& top_names, std::string_view name);

// Why a file is junk, or "" when it is not. `name` is its path inside its
// container ("__MACOSX/._CF01.pdf", "Case files/Thumbs.db"); `head` its first bytes
// and `size` its size confirm it, so a real document that only has such a name
// is still read.
std::string JunkReason(std::string_view name, std::string_view head, uint64_t size);

// False when `name` ends in an extension that promises a type (.pdf, .docx, .zip,
// .eml, .msg, .txt, .png, .jpg, .tif) and `media_type` is not that type.
bool ExtensionMatches(std::string_view name, std::string_view media_type);

// The Office type an extension promises (.docx, .xlsx, .pptx, .odt), or "".
std::string_view OfficeTypeByExtension(std::string_view name);

}  // namespace qpm

#endif  // QPM_PIPELINE_INGEST_SNIFF_H_
