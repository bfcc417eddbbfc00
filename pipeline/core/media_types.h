// pipeline/core/media_types.h — the types a document can be, as Document::media_type
// names them, and their names in words.
//
// Ingest decides a file's type from its bytes (pipeline/ingest/sniff.h); every later
// stage only reads the type it wrote, through these names.
#ifndef QPM_PIPELINE_CORE_MEDIA_TYPES_H_
#define QPM_PIPELINE_CORE_MEDIA_TYPES_H_

#include <string>
#include <string_view>

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
// An OLE (compound) file that is no Word, Excel or PowerPoint document and no Outlook
// message: another program's file.
inline constexpr std::string_view kMediaOle = "application/x-ole-storage";
// A message saved from Outlook (.msg): an OLE file told apart by its streams.
inline constexpr std::string_view kMediaOutlookMsg = "application/vnd.ms-outlook";
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
// Outlook's winmail.dat: a message's attachments and text in Outlook's own encoding.
inline constexpr std::string_view kMediaTnef = "application/vnd.ms-tnef";
inline constexpr std::string_view kMediaPkcs7 = "application/pkcs7-signature";
inline constexpr std::string_view kMediaOctets = "application/octet-stream";

// True for the Office types LibreOffice turns into PDF before they are read:
// .doc, .xls, .ppt, .rtf, .xlsx, .pptx, .odt, .ods, .odp (not .docx, read from its XML).
bool IsConvertedOffice(std::string_view media_type);

// A short plain-English name for a media type: "PDF", "zip archive", "Word (.docx)".
std::string_view DescribeMediaType(std::string_view media_type);

// The same with "a" or "an" in front: "a PDF", "an older Office file ...".
std::string DescribeWithArticle(std::string_view media_type);

}  // namespace qpm

#endif  // QPM_PIPELINE_CORE_MEDIA_TYPES_H_
