// scripts/make_samples/outlook_writer.h — Outlook's own email files, written for samples and
// tests: a saved message (.msg, [MS-OXMSG]: a compound file, through libgsf's MS-OLE writer)
// and a winmail.dat (TNEF, [MS-OXTNEF], byte by byte). Both carry the same MAPI properties,
// so one OutlookMail gives either file. The output depends only on the OutlookMail: the
// same mail gives the same bytes.
#ifndef QPM_SCRIPTS_MAKE_SAMPLES_OUTLOOK_WRITER_H_
#define QPM_SCRIPTS_MAKE_SAMPLES_OUTLOOK_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qpm::samples {

struct OutlookAttachment {
  std::string file_name;  // UTF-8, written as the long file name and the display name
  std::string mime_type;  // "" writes none
  std::string bytes;
  // A link to a file kept elsewhere (PR_ATTACH_METHOD 2, "by reference"): no data is written.
  bool by_reference = false;
};

struct OutlookMail {
  std::string subject;  // UTF-8, as every string here
  // The text. With `html_body` set and `body` empty, the HTML alone is written
  // (PR_HTML, in UTF-8); with `rtf_body`, `body` is written only as the compressed
  // Rich Text Outlook keeps when it sends "Rich Text" (PR_RTF_COMPRESSED): pass RTF.
  std::string body;
  std::string html_body;
  bool rtf_body = false;
  std::string from_name;
  std::string from_address;
  std::vector<std::pair<std::string, std::string>> to;  // display name, address
  std::vector<std::pair<std::string, std::string>> cc;
  std::string sent;  // "YYYY-MM-DD HH:MM:SS", UTC; "" writes no date
  std::string message_id;
  // 0: strings in UTF-16 (PT_UNICODE), as Outlook has saved them since 2003; else 8-bit
  // strings (PT_STRING8) in this Windows code page, named by PR_MESSAGE_CODEPAGE.
  uint32_t code_page = 0;
  std::vector<OutlookAttachment> attachments;
  // Messages attached whole, after the files: in a .msg as storages of their own, in a
  // winmail.dat as TNEF streams of their own.
  std::vector<OutlookMail> attached_messages;
};

// The bytes of a .msg file holding `mail`.
std::string MsgBytes(const OutlookMail& mail);

// The bytes of a winmail.dat (TNEF stream) holding `mail`.
std::string TnefBytes(const OutlookMail& mail);

// `rtf` in Outlook's compressed RTF format ([MS-OXRTFCP], "LZFu") as literal runs: a valid
// stream that every reader must decompress, if not a small one.
std::string CompressedRtf(std::string_view rtf);

}  // namespace qpm::samples

#endif  // QPM_SCRIPTS_MAKE_SAMPLES_OUTLOOK_WRITER_H_
