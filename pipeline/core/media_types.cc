#include "pipeline/core/media_types.h"

namespace qpm {

bool IsConvertedOffice(std::string_view media_type) {
  for (std::string_view t : {kMediaDoc, kMediaXls, kMediaPpt, kMediaRtf, kMediaXlsx, kMediaPptx,
                             kMediaOdt, kMediaOds, kMediaOdp}) {
    if (media_type == t) return true;
  }
  return false;
}

std::string_view DescribeMediaType(std::string_view media_type) {
  if (media_type == kMediaPdf) return "PDF";
  if (media_type == kMediaZip) return "zip archive";
  if (media_type == kMediaEmail) return "email";
  if (media_type == kMediaDocx) return "Word document (.docx)";
  if (media_type == kMediaText) return "plain text";
  if (media_type == kMediaText16) return "plain text in UTF-16 (Notepad's \"Unicode\")";
  if (media_type == kMediaHtml) return "web page (HTML)";
  if (media_type == kMediaPng) return "PNG image";
  if (media_type == kMediaJpeg) return "JPEG image";
  if (media_type == kMediaTiff) return "TIFF image";
  if (media_type == kMediaOle) return "OLE compound file (not Word, Excel, PowerPoint or Outlook)";
  if (media_type == kMediaOutlookMsg) return "Outlook message (.msg)";
  if (media_type == kMediaDoc) return "Word 97-2003 document (.doc)";
  if (media_type == kMediaXls) return "Excel 97-2003 workbook (.xls)";
  if (media_type == kMediaPpt) return "PowerPoint 97-2003 presentation (.ppt)";
  if (media_type == kMediaOds) return "OpenDocument spreadsheet (.ods)";
  if (media_type == kMediaOdp) return "OpenDocument presentation (.odp)";
  if (media_type == "application/vnd.oasis.opendocument.graphics") {
    return "OpenDocument drawing (.odg)";
  }
  if (media_type == kMediaOfficeEncrypted) return "password-protected Office file";
  if (media_type == kMediaTnef) return "Outlook winmail.dat (TNEF)";
  if (media_type == kMediaPkcs7) return "email signature (S/MIME)";
  if (media_type == "image/gif") return "GIF image";
  if (media_type == "image/bmp") return "BMP image";
  if (media_type == "image/webp") return "WebP image";
  if (media_type == "image/heic") return "HEIC photo";
  if (media_type == "application/gzip") return "gzip archive";
  if (media_type == "application/x-7z-compressed") return "7-Zip archive";
  if (media_type == "application/vnd.rar") return "RAR archive";
  if (media_type == "application/rtf") return "Rich Text (.rtf)";
  if (media_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    return "Excel workbook (.xlsx)";
  }
  if (media_type == "application/vnd.openxmlformats-officedocument.presentationml.presentation") {
    return "PowerPoint (.pptx)";
  }
  if (media_type == "application/vnd.oasis.opendocument.text") return "OpenDocument text (.odt)";
  return "file of an unknown type";
}

std::string DescribeWithArticle(std::string_view media_type) {
  std::string_view what = DescribeMediaType(media_type);
  bool vowel =
      !what.empty() && std::string_view("aeiouAEIOU").find(what[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(what);
}

}  // namespace qpm
