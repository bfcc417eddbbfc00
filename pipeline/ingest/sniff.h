// pipeline/ingest/sniff.h — what a file is, decided by its bytes, and which files are junk.
//
// Pure functions over bytes and names; no library. Extensions are never trusted:
// a ".pdf" that is a zip is a zip. The one exception is a tie: a block of mail
// headers that could also be a text note counts as an email when it is named .eml.
#ifndef QPM_PIPELINE_INGEST_SNIFF_H_
#define QPM_PIPELINE_INGEST_SNIFF_H_

#include <string>
#include <string_view>
#include <vector>

namespace qpm {

inline constexpr std::string_view kMediaPdf = "application/pdf";
inline constexpr std::string_view kMediaZip = "application/zip";
inline constexpr std::string_view kMediaEmail = "message/rfc822";
inline constexpr std::string_view kMediaDocx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
inline constexpr std::string_view kMediaText = "text/plain";
// Windows Notepad's "Unicode": the page text is the file converted to UTF-8.
inline constexpr std::string_view kMediaText16 = "text/plain; charset=utf-16";
inline constexpr std::string_view kMediaHtml = "text/html";
inline constexpr std::string_view kMediaPng = "image/png";
inline constexpr std::string_view kMediaJpeg = "image/jpeg";
inline constexpr std::string_view kMediaTiff = "image/tiff";
// An OLE (compound) file that is no Word, Excel or PowerPoint document: an Outlook
// .msg, or another program's file.
inline constexpr std::string_view kMediaOle = "application/x-ole-storage";
// Office documents LibreOffice reads (pipeline/output/office.h): the older binary formats
// (OLE files told apart by their streams), Rich Text, and the zip-based formats
// other than Word's own .docx.
inline constexpr std::string_view kMediaDoc = "application/msword";
inline constexpr std::string_view kMediaXls = "application/vnd.ms-excel";
inline constexpr std::string_view kMediaPpt = "application/vnd.ms-powerpoint";
inline constexpr std::string_view kMediaRtf = "application/rtf";
inline constexpr std::string_view kMediaXlsx =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr std::string_view kMediaPptx =
    "application/vnd.openxmlformats-officedocument.presentationml.presentation";
inline constexpr std::string_view kMediaOdt = "application/vnd.oasis.opendocument.text";
inline constexpr std::string_view kMediaOds = "application/vnd.oasis.opendocument.spreadsheet";
inline constexpr std::string_view kMediaOdp = "application/vnd.oasis.opendocument.presentation";
inline constexpr std::string_view kMediaOfficeEncrypted = "application/x-ms-office-encrypted";
inline constexpr std::string_view kMediaTnef = "application/vnd.ms-tnef";  // winmail.dat
inline constexpr std::string_view kMediaPkcs7 = "application/pkcs7-signature";
inline constexpr std::string_view kMediaOctets = "application/octet-stream";

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
// its directory: "WordDocument" is Word (.doc), "Workbook" or "Book" Excel (.xls),
// "PowerPoint Document" PowerPoint (.ppt); an Outlook message ("__substg1.0_...",
// "__properties_version1.0") or anything else is kMediaOle. With no names (the
// directory could not be read), the extension of `name` decides, else kMediaOle.
std::string_view OleOfficeType(const std::vector<std::string>& top_names, std::string_view name);

// True for the Office types LibreOffice turns into PDF before they are read:
// .doc, .xls, .ppt, .rtf, .xlsx, .pptx, .odt, .ods, .odp (not .docx, read from its XML).
bool IsConvertedOffice(std::string_view media_type);

// Why a file is junk, or "" when it is not. `name` is its path inside its
// container ("__MACOSX/._CF01.pdf", "Case files/Thumbs.db"); `head` its first bytes
// and `size` its size confirm it, so a real document that only has such a name
// is still read.
std::string JunkReason(std::string_view name, std::string_view head, uint64_t size);

// False when `name` ends in an extension that promises a type (.pdf, .docx, .zip,
// .eml, .txt, .png, .jpg, .tif) and `media_type` is not that type.
bool ExtensionMatches(std::string_view name, std::string_view media_type);

// A short plain-English name for a media type: "PDF", "zip archive", "Word (.docx)".
std::string_view DescribeMediaType(std::string_view media_type);

// The same with "a" or "an" in front: "a PDF", "an older Office file ...".
std::string DescribeWithArticle(std::string_view media_type);

// The Office type an extension promises (.docx, .xlsx, .pptx, .odt), or "".
std::string_view OfficeTypeByExtension(std::string_view name);

}  // namespace qpm

#endif  // QPM_PIPELINE_INGEST_SNIFF_H_
