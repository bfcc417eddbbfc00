#include "pipeline/ingest/ingest.h"

#include <re2/re2.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <system_error>
#include <variant>

#include "pipeline/core/rules.h"
#include "pipeline/ingest/embedded_files.h"
#include "pipeline/ingest/mime_message.h"
#include "pipeline/ingest/outlook_message.h"
#include "pipeline/ingest/sniff.h"
#include "pipeline/ingest/zip_archive.h"
#include "pipeline/platform/call.h"
#include "pipeline/platform/interrupt.h"
#include "pipeline/platform/sandbox.h"
#include "pipeline/platform/sha256.h"

namespace qpm::ingest {
namespace {

using nlohmann::json;

std::string HumanBytes(uint64_t n) {
  char buf[64];
  if (n >= (1ull << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f GiB",
                  static_cast<double>(n) / static_cast<double>(1ull << 30));
  } else if (n >= (1ull << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB",
                  static_cast<double>(n) / static_cast<double>(1ull << 20));
  } else if (n >= 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(n) / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
  }
  return buf;
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Why an archive entry must not be unpacked, or "" when it is safe to.
std::string UnsafeReason(const zip::Entry& e) {
  if (e.is_symlink) return "it is a symbolic link, which could point anywhere on the computer";
  if (e.is_special) return "it is a device or pipe, not a file";
  std::string n = e.name;
  std::replace(n.begin(), n.end(), '\\', '/');
  if (!n.empty() && n[0] == '/') return "its name is an absolute path";
  if (n.size() >= 2 && std::isalpha(static_cast<unsigned char>(n[0])) && n[1] == ':') {
    return "its name is an absolute Windows path";
  }
  size_t start = 0;
  for (;;) {
    size_t slash = n.find('/', start);
    if (n.compare(start, slash == std::string::npos ? std::string::npos : slash - start, "..") ==
        0) {
      return "its name climbs out of the archive with \"..\"";
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return "";
}

// Office packages are zips too; they are documents, not containers. An OpenDocument
// file names its kind in its "mimetype" entry (a template reads as its kind).
std::string PackageType(zip::Archive& archive) {
  if (archive.Find("word/document.xml") != nullptr) return std::string(kMediaDocx);
  if (archive.Find("xl/workbook.xml") != nullptr) return std::string(kMediaXlsx);
  if (archive.Find("ppt/presentation.xml") != nullptr) return std::string(kMediaPptx);
  if (archive.Find("mimetype") != nullptr && archive.Find("content.xml") != nullptr) {
    Result<std::string> named = archive.Read("mimetype", 256);
    std::string_view kind = named.ok() ? std::string_view(named.value()) : std::string_view();
    for (std::string_view type :
         {kMediaOds, kMediaOdp, kMediaOdt,
          std::string_view("application/vnd.oasis.opendocument.graphics")}) {
      if (kind.substr(0, type.size()) == type) return std::string(type);
    }
    return std::string(kMediaOdt);
  }
  return "";
}

// Whether a zip entry belongs to an Office Open XML or OpenDocument package.
bool IsPackagePart(std::string_view name) {
  static const std::string_view kParts[] = {"[Content_Types].xml",
                                            "_rels/",
                                            "docProps/",
                                            "word/",
                                            "customXml/",
                                            "xl/",
                                            "ppt/",
                                            "mimetype",
                                            "META-INF/",
                                            "Configurations2/",
                                            "Thumbnails/",
                                            "Pictures/",
                                            "content.xml",
                                            "styles.xml",
                                            "meta.xml",
                                            "settings.xml",
                                            "manifest.rdf",
                                            "Object "};
  for (std::string_view part : kParts) {
    if (name.substr(0, part.size()) == part) return true;
  }
  return false;
}

// The package's own parts hold its text (read by the extract stage); files
// embedded in it (Office's "embeddings" folders) and files that are no part of such
// a package are taken out and read as documents of their own.
bool IsEmbedding(std::string_view name) {
  for (std::string_view folder : {"word/embeddings/", "xl/embeddings/", "ppt/embeddings/"}) {
    if (name.substr(0, folder.size()) == folder) return true;
  }
  return false;
}

bool TakenFromPackage(std::string_view name) { return IsEmbedding(name) || !IsPackagePart(name); }

// A Word part whose words only the document's printed copy shows: a drawing OCR
// cannot decode (EMF, WMF, packed or not), a chart, a SmartArt diagram.
bool IsWordDrawingPart(std::string_view name) {
  if (name.rfind("word/charts/", 0) == 0 || name.rfind("word/diagrams/", 0) == 0) return true;
  if (name.rfind("word/media/", 0) != 0 || name.size() < 4) return false;
  std::string tail(name.substr(name.size() - 4));
  for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".emf" || tail == ".wmf" || tail == ".emz" || tail == ".wmz";
}

// The name of a file inside a container without the folders it names: for
// people and for telling its type, never for writing.
std::string BaseName(const std::string& name) {
  size_t slash = name.find_last_of("/\\");
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// The body's largest size that is searched for shapes; a larger one is taken to hold some.
constexpr uint64_t kMaxBodySearched = 64ull << 20;

// Whether a Word package holds what only its printed copy shows: a drawing part
// (IsWordDrawingPart), or in its body a shape or picture that floats over the text
// (DrawingML's wp:anchor, a VML shape), which may lie over words and hide them.
bool HasWordDrawings(zip::Archive& archive) {
  if (std::any_of(archive.entries().begin(), archive.entries().end(),
                  [](const zip::Entry& e) { return IsWordDrawingPart(e.name); })) {
    return true;
  }
  Result<std::string> body = archive.Read("word/document.xml", kMaxBodySearched);
  if (!body.ok()) return body.status().code() == StatusCode::kLimit;
  for (std::string_view tag : {"<wp:anchor", "<v:rect", "<v:shape ", "<v:roundrect", "<v:oval"}) {
    if (body.value().find(tag) != std::string::npos) return true;
  }
  return false;
}

// What any unpacking process is given: the file, where to write, a task number
// for its file names, and what is left of the run-wide limits.
struct ReaderJob {
  std::string path;
  std::string work_dir;
  uint64_t task = 0;
  uint64_t remaining_entries = 0;
  uint64_t remaining_bytes = 0;
};

// What a zip-reading process is asked to do, besides.
struct ZipJob : ReaderJob {
  const Limits* limits = nullptr;
  const std::vector<std::string>* passwords = nullptr;
  std::set<uint64_t> only;  // when not empty: just these entries (a retry with new passwords)
};

// The value a reader that streams its results sends last: it got to the end of its
// work, or to a run-wide limit that its last item reports, so no item was lost to a
// crash, a hang or Ctrl-C.
struct ReachedTheEnd {};
void to_json(json& j, const ReachedTheEnd&) { j = true; }
void from_json(const json&, ReachedTheEnd&) {}

// What the zip reader says first when the zip is an Office package: the kind of
// document, and for a Word file whether it holds drawings (HasWordDrawings).
struct OfficePackage {
  std::string media_type;
  bool drawings = false;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OfficePackage, media_type, drawings)

// What became of one entry the zip reader examined.
struct ArchiveEntry {
  uint64_t index = 0;
  std::string name;  // as the archive names it: a label, never a path
  // "ok": unpacked to `path`, `size` bytes, opened with password number `password`
  // (-1: none was needed). Refused or failed, `detail` saying why or how: "unsafe",
  // "unsupported", "bomb" ("declared" or "actual"), "password", "damaged". A
  // run-wide limit reached: "size-limit", "entry-limit".
  std::string state;
  std::string detail;
  std::string path;
  uint64_t size = 0;
  int password = -1;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ArchiveEntry, index, name, state, detail, path,
                                                size, password)

// The zip reader's items: an OfficePackage first when the zip is one, then each entry.
using ZipNews = std::variant<OfficePackage, ArchiveEntry>;

// Runs in the reader process.
void UnpackZipInChild(const ZipJob& job, sandbox::Channel& out) {
  Result<zip::Archive> opened = zip::Archive::Open(job.path);
  if (!opened.ok()) {
    sandbox::SendError(out, opened.status());
    return;
  }
  zip::Archive& archive = opened.value();
  std::string package = PackageType(archive);
  if (!package.empty()) {
    // A .docx is a zip: the files embedded in it, and files added beside the
    // document's own parts, are taken out below as a zip's entries are, to be
    // read as documents of their own.
    bool drawings = package == kMediaDocx && HasWordDrawings(archive);
    sandbox::SendItem(out, ZipNews(OfficePackage{package, drawings}));
  }
  // Every entry examined counts toward the entry limit, refused ones included: a
  // zip of a million "../x" entries must not become a million findings.
  uint64_t examined = 0;
  uint64_t bytes = 0;
  uint64_t n = 0;
  for (const zip::Entry& e : archive.entries()) {
    if (!job.only.empty() && job.only.count(e.index) == 0) continue;
    if (e.is_directory && !e.is_symlink) continue;
    if (!package.empty() && !TakenFromPackage(e.name)) continue;
    ArchiveEntry report;
    report.index = e.index;
    report.name = e.name;
    auto send = [&](const char* state, const std::string& detail) {
      report.state = state;
      report.detail = detail;
      sandbox::SendItem(out, ZipNews(report));
    };
    if (examined >= job.remaining_entries) {
      send("entry-limit", "");
      break;
    }
    ++examined;
    if (std::string why = UnsafeReason(e); !why.empty()) {
      send("unsafe", why);
      continue;
    }
    if (!e.supported) {
      send("unsupported", e.method);
      continue;
    }
    const Limits& limits = *job.limits;
    uint64_t packed = std::max<uint64_t>(e.packed_size, 1);
    uint64_t ratio_cap =
        packed > UINT64_MAX / limits.max_ratio
            ? UINT64_MAX
            : std::max<uint64_t>(limits.ratio_floor_bytes, limits.max_ratio * packed);
    if (e.size > ratio_cap) {  // declared far bigger than packed: refuse before unpacking a byte
      send("bomb", "declared");
      continue;
    }
    uint64_t budget = job.remaining_bytes - bytes;
    uint64_t cap = std::min(ratio_cap, budget);
    std::string dest = WorkDir::NewPathIn(job.work_dir, job.task, ++n);
    std::vector<std::string> tries;
    if (e.encrypted) {
      tries = *job.passwords;
    } else {
      tries.push_back("");
    }
    Status last(StatusCode::kPasswordNeeded, "no password was given");
    int used = -1;
    uint64_t size = 0;
    for (size_t k = 0; k < tries.size(); ++k) {
      Result<uint64_t> r = archive.ExtractTo(e.index, tries[k], dest, cap);
      if (r.ok()) {
        size = r.value();
        used = e.encrypted ? static_cast<int>(k) : -1;
        last = Status::Ok();
        break;
      }
      last = r.status();
      if (last.code() != StatusCode::kPasswordNeeded) break;
    }
    if (last.ok()) {
      bytes += size;
      report.path = dest;
      report.size = size;
      report.password = used;
      send("ok", "");
      continue;
    }
    switch (last.code()) {
      case StatusCode::kPasswordNeeded:
        send("password", last.message());
        break;
      case StatusCode::kUnsupported:
        send("unsupported", e.method);
        break;
      case StatusCode::kLimit:
        if (cap == budget && budget < ratio_cap) {
          send("size-limit", "");
          sandbox::SendValue(out, ReachedTheEnd{});
          return;
        }
        send("bomb", "actual");
        break;
      case StatusCode::kInterrupted:
        return;
      default:
        send("damaged", last.message());
        break;
    }
  }
  sandbox::SendValue(out, ReachedTheEnd{});
}

// The extension that names an attached message by what it is: an .eml, an Outlook
// .msg, or the TNEF stream of a message attached in a winmail.dat.
std::string ForwardedExtension(std::string_view content_type) {
  if (content_type == kMediaOutlookMsg) return ".msg";
  if (content_type == kMediaTnef) return ".dat";
  return ".eml";
}

// What an email's reader sends back: the message, and whether the run's limits
// left any of its attachments out.
struct EmailRead {
  mime::Message message;
  bool truncated = false;   // one went past the bytes left (mime::ReadMessage)
  bool over_count = false;  // one went past the files left
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EmailRead, message, truncated, over_count)

// Runs in the reader process. The reader follows the type sniffed: an .eml (GMime),
// an Outlook .msg or a winmail.dat (pipeline/ingest/outlook_message.h); all three give
// the same mime::Message.
Result<EmailRead> ReadEmailInChild(const ReaderJob& job, std::string_view media_type) {
  uint64_t n = 0;
  uint64_t handed_out = 0;
  EmailRead read;
  mime::PathForAttachment path_for = [&](const std::string&) -> std::string {
    if (handed_out >= job.remaining_entries) {
      read.over_count = true;
      return "";
    }
    ++handed_out;
    return WorkDir::NewPathIn(job.work_dir, job.task, ++n);
  };
  mime::ReadOptions options;
  options.max_attachment_bytes = job.remaining_bytes;
  Result<mime::Message> message = Status(StatusCode::kUnreadable, "not read");
  if (media_type == kMediaOutlookMsg) {
    message = outlook::ReadMsg(job.path, path_for, options, &read.truncated);
  } else if (media_type == kMediaTnef) {
    message = outlook::ReadTnef(job.path, path_for, options, &read.truncated);
  } else {
    message = mime::ReadMessage(job.path, path_for, options, &read.truncated);
  }
  if (!message.ok()) return message.status();
  read.message = std::move(message.value());
  return read;
}

// Runs in the reader process: each file the PDF carries, then that it got to the end.
void TakeOutPdfFilesInChild(const ReaderJob& job, const std::vector<std::string>& passwords,
                            const TakeOutOptions& options, sandbox::Channel& out) {
  uint64_t n = 0;
  std::function<std::string()> next = [&]() {
    return WorkDir::NewPathIn(job.work_dir, job.task, ++n);
  };
  Result<std::vector<EmbeddedFile>> files = TakeOutPdfFiles(job.path, passwords, options, next);
  if (!files.ok()) {
    sandbox::SendError(out, files.status());
    return;
  }
  for (const EmbeddedFile& f : files.value()) sandbox::SendItem(out, f);
  sandbox::SendValue(out, ReachedTheEnd{});
}

class Ingester {
 public:
  Ingester(Submission& s, const Options& options, WorkDir& work, Passwords& passwords,
           const ProgressFn& progress)
      : s_(s), options_(options), work_(work), passwords_(passwords), progress_(progress) {
    budget_.timeout_seconds = options.limits.doc_timeout_seconds;
    budget_.max_memory_bytes = options.limits.max_memory_bytes;
    budget_.max_output_bytes = 256ull << 20;
  }

  bool Run() {
    for (size_t i = 0; i < s_.inputs.size(); ++i) {
      if (Interrupted()) return false;
      AddInput(static_cast<int>(i));
    }
    RetryLocked();
    return !Interrupted();
  }

 private:
  struct Locked {
    size_t doc;    // the archive
    int depth;     // of the archive
    size_t tried;  // how many passwords had been tried on it
    std::set<uint64_t> entries;
    std::vector<std::string> names;
  };

  const Limits& limits() const { return options_.limits; }

  void Add(Finding f) { s_.findings.push_back(std::move(f)); }

  void AddInputFinding(int input, std::string_view rule, std::string message, std::string remedy) {
    Finding f = ReadingFinding(rule, "", std::move(message), std::move(remedy));
    f.input = input;
    Add(std::move(f));
  }

  void AddDocFinding(size_t doc, std::string_view rule, std::string message, std::string remedy) {
    Finding f = ReadingFinding(rule, s_.documents[doc].id, std::move(message), std::move(remedy));
    f.input = s_.documents[doc].input;
    Add(std::move(f));
  }

  void AddInput(int input) {
    const std::string& path = s_.inputs[static_cast<size_t>(input)].path;
    std::error_code ec;
    std::filesystem::path p(path);
    std::filesystem::file_status st = std::filesystem::status(p, ec);
    // The origin chain starts with the input's own name: "folder/" and "folder/."
    // are "folder", "." is the current folder's name.
    std::filesystem::path named = std::filesystem::absolute(p, ec).lexically_normal();
    if (named.filename().empty()) named = named.parent_path();
    std::string base = named.filename().string();
    if (base.empty()) base = path;
    if (ec || !std::filesystem::exists(st)) {
      s_.inputs[static_cast<size_t>(input)].not_found = true;
      AddInputFinding(input, rule::kIngestInputNotFound,
                      "The input " + Quote(path) + " does not exist or cannot be reached.",
                      "Check the path and that the file or folder is still there.");
      return;
    }
    if (std::filesystem::is_directory(st)) {
      s_.inputs[static_cast<size_t>(input)].folder = true;
      size_t before = s_.documents.size();
      WalkFolder(p, base, input, 0);
      if (s_.documents.size() == before) {
        AddInputFinding(input, rule::kIngestEmptyFile,
                        "The folder " + Quote(path) + " holds no files.",
                        "Check that this is the folder the submission was saved in.");
      }
    } else if (std::filesystem::is_regular_file(st)) {
      AddFile({base}, path, input, "", 0);
    } else {
      s_.inputs[static_cast<size_t>(input)].not_found = true;
      AddInputFinding(input, rule::kIngestInputNotFound,
                      "The input " + Quote(path) + " is not a file or a folder.",
                      "Name the submission's files, a folder, a zip or an email.");
    }
  }

  void WalkFolder(const std::filesystem::path& dir, const std::string& prefix, int input,
                  int level) {
    std::error_code ec;
    std::vector<std::filesystem::directory_entry> children;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      children.push_back(*it);
    }
    if (ec) {
      AddInputFinding(input, rule::kIngestUnreadableFile,
                      "The folder " + Quote(prefix) + " could not be listed: " + ec.message() + ".",
                      "Check that you are allowed to read it.");
    }
    std::sort(children.begin(), children.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const auto& child : children) {
      if (Interrupted()) return;
      std::string name = prefix + "/" + child.path().filename().string();
      std::error_code sec;
      if (child.is_symlink(sec)) {
        AddInputFinding(
            input, rule::kIngestUnsafeEntry,
            "The folder holds a link named " + Quote(name) + "; links are not followed.",
            "Copy the real file into the folder instead of linking to it.");
      } else if (child.is_directory(sec)) {
        if (level >= 64) {  // a folder tree this deep is a loop or a trap
          AddInputFinding(input, rule::kIngestTooDeep,
                          "The folder " + Quote(name) +
                              " is nested more than 64 folders deep; it was not read.",
                          "Move its files to a folder nearer the top and run again.");
          continue;
        }
        WalkFolder(child.path(), name, input, level + 1);
      } else if (child.is_regular_file(sec)) {
        AddFile({name}, child.path().string(), input, "", 0);
      } else {
        AddInputFinding(input, rule::kIngestUnreadableFile,
                        Quote(name) + " is not a file (a pipe, socket or device); it was not read.",
                        "Nothing to do if it is not part of the submission.");
      }
    }
  }

  size_t NewDocument(std::vector<std::string> origin, const std::string& path, int input,
                     const std::string& parent) {
    Document d;
    char id[16];
    std::snprintf(id, sizeof id, "D%03zu", s_.documents.size() + 1);
    d.id = id;
    d.input = input;
    d.parent = parent;
    d.origin = std::move(origin);
    d.work_path = path;
    s_.documents.push_back(std::move(d));
    return s_.documents.size() - 1;
  }

  void SetAside(size_t doc, std::string role, std::string reason) {
    Document& d = s_.documents[doc];
    d.status = DocStatus::kSetAside;
    d.role = std::move(role);
    d.set_aside = std::move(reason);
  }

  // Returns the index of the Document made for this file (its contents, if it is
  // a container, come after it).
  // `named`: the file's own name when the origin names it otherwise ("embedded file 1
  // (Book1.xlsx)"), for telling its type and junk by name.
  size_t AddFile(std::vector<std::string> origin, const std::string& path, int input,
                 const std::string& parent, int depth, const std::string& named = "") {
    std::string name = named.empty() ? origin.back() : named;
    size_t doc = NewDocument(std::move(origin), path, input, parent);
    if (progress_) progress_("found " + std::to_string(s_.documents.size()) + " files");

    Result<FileDigest> digest = DigestFile(path);
    if (!digest.ok()) {
      if (digest.status().code() == StatusCode::kInterrupted) return doc;
      s_.documents[doc].status = DocStatus::kFailed;
      AddDocFinding(doc, rule::kIngestUnreadableFile,
                    "This file could not be read: " + digest.status().message() + ".",
                    "Check that it is still there and that you are allowed to read it.");
      return doc;
    }
    Document& d = s_.documents[doc];
    d.sha256 = digest->sha256;
    d.size = digest->size;
    if (d.size > 0) d.media_type = SniffFile(path, name);  // shown for set-aside files too

    // Junk is judged by its name inside its container (the last origin element),
    // confirmed by its first bytes: a real document with such a name is read.
    if (std::string reason = JunkReason(name, digest->head, d.size); !reason.empty()) {
      SetAside(doc, "junk", reason);
      AddDocFinding(doc, rule::kIngestJunk, "Set aside: " + reason + ".",
                    "Nothing to do; it is left out of the review.");
      return doc;
    }
    if (d.size == 0) {
      SetAside(doc, "junk", "empty file (0 bytes)");
      AddDocFinding(doc, rule::kIngestEmptyFile, "This file is empty (0 bytes).",
                    "If it should hold a document, ask the organisation to send it again.");
      return doc;
    }
    if (auto it = seen_.find(d.sha256); it != seen_.end()) {
      d.duplicate_of = s_.documents[it->second].id;
      SetAside(doc, "duplicate", "an exact copy of " + d.duplicate_of);
      AddDocFinding(doc, rule::kIngestDuplicate,
                    "Set aside: an exact copy of " + s_.documents[it->second].Path() + " (" +
                        d.duplicate_of + ").",
                    "Nothing to do; the first copy is reviewed.");
      return doc;
    }
    seen_.emplace(d.sha256, doc);

    Dispatch(doc, depth);
    // Office packages are only told apart from zips by unpacking: compare after.
    const Document& after = s_.documents[doc];
    if (!ExtensionMatches(name, after.media_type)) {
      size_t dot = name.rfind('.');
      AddDocFinding(doc, rule::kIngestTypeMismatch,
                    "This file is named \"" + name.substr(dot) + "\" but it is really " +
                        DescribeWithArticle(after.media_type) +
                        "; it was treated as what it really is.",
                    "Ask the organisation to check the file: it may have been saved wrongly, "
                    "renamed, or damaged.");
    }
    return doc;
  }

  // Sends a file on by its type: containers are unpacked now, documents wait for
  // the extract stage, the rest is set aside or reported.
  void Dispatch(size_t doc, int depth) {
    Document& d = s_.documents[doc];  // only used before anything grows s_.documents
    const std::string type = d.media_type;
    if (type == kMediaZip) {
      UnpackZip(doc, depth, {});
    } else if (type == kMediaEmail || type == kMediaOutlookMsg || type == kMediaTnef) {
      ReadEmail(doc, depth);
    } else if (type == kMediaPdf) {
      d.status = DocStatus::kPending;  // the extract stage reads it; its attached files, now
      TakeOutPdfFiles(doc, depth);
    } else if (type == kMediaDocx || type == kMediaText || type == kMediaText16 ||
               type == kMediaHtml || type.rfind("image/", 0) == 0 || IsConvertedOffice(type)) {
      // The extract stage reads it; other office files once LibreOffice has turned
      // them into PDF (pipeline/output/office.h).
      d.status = DocStatus::kPending;
    } else if (type == kMediaPkcs7) {
      SetAside(doc, "junk", "an email signature (S/MIME), not a document");
      AddDocFinding(doc, rule::kIngestJunk,
                    "Set aside: an email signature (S/MIME), not a document.", "Nothing to do.");
    } else if (type == kMediaOfficeEncrypted) {
      d.status = DocStatus::kFailed;
      d.encrypted = true;
      AddDocFinding(doc, rule::kIngestOfficeEncrypted,
                    "This Office file is protected with a password (Office encryption), which "
                    "this tool cannot open, so it was not checked.",
                    "Ask the organisation to remove the password in Word (File > Info > Protect "
                    "Document) and send it again, or to send it as a PDF.");
    } else {
      d.status = DocStatus::kNotRead;
      std::string what = DescribeWithArticle(type);
      AddDocFinding(
          doc, rule::kIngestUnsupportedType,
          "This file is " + what + ", which this tool cannot read, so it was not checked.",
          "Ask the organisation to send it as a PDF or a Word (.docx) file.");
    }
  }

  bool TooDeep(size_t doc, int depth, const char* what) {
    if (depth < static_cast<int>(limits().max_depth)) return false;
    s_.documents[doc].status = DocStatus::kNotRead;
    AddDocFinding(doc, rule::kIngestTooDeep,
                  std::string("This ") + what + " is nested " + std::to_string(depth) +
                      " levels deep, past the limit of " + std::to_string(limits().max_depth) +
                      "; what is inside it was not unpacked or checked.",
                  "Ask the organisation to send the files without wrapping archives inside "
                  "archives, or run again with a higher --max-depth.");
    return true;
  }

  ReaderJob NewJob(size_t doc) {
    return ReaderJob{s_.documents[doc].work_path, work_.path(), ++tasks_, RemainingEntries(),
                     RemainingBytes()};
  }

  uint64_t RemainingEntries() const {
    return entries_used_ >= limits().max_entries ? 0 : limits().max_entries - entries_used_;
  }
  uint64_t RemainingBytes() const {
    return bytes_used_ >= limits().max_total_bytes ? 0 : limits().max_total_bytes - bytes_used_;
  }

  // Run-wide limits are reported once, on the file where they were reached; later
  // containers are left unopened, and that first finding already says so.
  void EntryLimitReached(size_t doc, const std::string& at) {
    entries_used_ = limits().max_entries;
    if (entry_limit_reported_) return;
    entry_limit_reported_ = true;
    AddDocFinding(doc, rule::kIngestEntryLimit,
                  "Unpacking stopped at " + at + ": the submission holds more than " +
                      std::to_string(limits().max_entries) + " files. The rest was not checked.",
                  "If the submission really holds this many files, run again with a higher "
                  "--max-entries.");
  }

  void SizeLimitReached(size_t doc, const std::string& at) {
    bytes_used_ = limits().max_total_bytes;
    if (size_limit_reported_) return;
    size_limit_reported_ = true;
    AddDocFinding(doc, rule::kIngestSizeLimit,
                  "Unpacking stopped at " + at + ": the submission would unpack to more than " +
                      HumanBytes(limits().max_total_bytes) + ". The rest was not checked.",
                  "If the submission really is this large, run again with a higher "
                  "--max-total-size.");
  }

  // True (and the container left unopened) when a run-wide limit leaves nothing to unpack into.
  bool NoBudgetLeft(size_t doc) {
    if (RemainingEntries() > 0 && RemainingBytes() > 0) return false;
    s_.documents[doc].status = DocStatus::kNotRead;
    s_.documents[doc].role = "container";
    bool entries = RemainingEntries() == 0;
    bool reported = entries ? entry_limit_reported_ : size_limit_reported_;
    if (!reported) {
      if (entries) {
        EntryLimitReached(doc, "this file");
      } else {
        SizeLimitReached(doc, "this file");
      }
    } else {
      AddDocFinding(doc, entries ? rule::kIngestEntryLimit : rule::kIngestSizeLimit,
                    "This container was not opened: the submission had already reached the "
                    "limit of " +
                        (entries ? std::to_string(limits().max_entries) + " files"
                                 : HumanBytes(limits().max_total_bytes)) +
                        ". What is inside it was not checked.",
                    entries ? "Run again with a higher --max-entries."
                            : "Run again with a higher --max-total-size.");
    }
    return true;
  }

  void ReaderFailed(size_t doc, const sandbox::Outcome& outcome) {
    AddDocFinding(doc, rule::kIngestUnpackFailed,
                  "Unpacking this file stopped: the reader " + outcome.Describe(budget_) +
                      ". What was unpacked before that is listed; the rest was not checked.",
                  "Ask the organisation to send it again. If it is very large, run again with "
                  "a higher --doc-timeout.");
  }

  void UnpackZip(size_t doc, int depth, const std::set<uint64_t>& only) {
    if (only.empty()) {
      if (TooDeep(doc, depth, "archive") || NoBudgetLeft(doc)) return;
      if (progress_) progress_("unpacking " + std::to_string(s_.documents.size()) + " files");
    }
    ZipJob job;
    static_cast<ReaderJob&>(job) = NewJob(doc);
    job.limits = &limits();
    job.passwords = &passwords_.values();
    job.only = only;
    sandbox::Reply<ZipNews, ReachedTheEnd> reply = sandbox::Decode<ZipNews, ReachedTheEnd>(
        sandbox::RunOne([&job](sandbox::Channel& ch) { UnpackZipInChild(job, ch); }, budget_));
    const sandbox::Outcome& outcome = reply.outcome;

    Document& d = s_.documents[doc];
    if (reply.error) {
      d.status = DocStatus::kFailed;
      // A .docx is a zip inside: a damaged one fails here, and should be named as
      // what the organisation sent.
      std::string_view office = OfficeTypeByExtension(d.origin.back());
      if (!office.empty()) {
        d.media_type = std::string(office);
        AddDocFinding(doc, rule::kExtractUnreadable,
                      "This " + std::string(DescribeMediaType(office)) +
                          " could not be opened: " + reply.error->message() + ".",
                      "Ask the organisation to open it, save it again (or save it as a PDF) "
                      "and resend it.");
        return;
      }
      AddDocFinding(doc, rule::kIngestCorruptArchive,
                    "This zip archive could not be opened: " + reply.error->message() + ".",
                    "Ask the organisation to send it again; it may have been cut short "
                    "when it was sent.");
      return;
    }
    // The reader got to the end: no entry was lost to a crash, a hang or Ctrl-C.
    const bool saw_done = reply.value.has_value();
    std::vector<ArchiveEntry> entries;
    bool package = false;  // an Office file: a document, and its embedded files
    for (ZipNews& news : reply.items) {
      if (ArchiveEntry* entry = std::get_if<ArchiveEntry>(&news)) {
        entries.push_back(std::move(*entry));
        continue;
      }
      package = true;
      if (!only.empty()) continue;  // a retry with new passwords: the document is known
      const OfficePackage& found = std::get<OfficePackage>(news);
      d.media_type = found.media_type;
      d.word_drawings = d.media_type == kMediaDocx && found.drawings;
      if (d.media_type == kMediaDocx || IsConvertedOffice(d.media_type)) {
        d.status = DocStatus::kPending;
      } else {
        d.status = DocStatus::kNotRead;
        AddDocFinding(doc, rule::kIngestUnsupportedType,
                      "This file is " + DescribeWithArticle(d.media_type) +
                          ", which this tool cannot read yet, so it was not checked.",
                      "Ask the organisation to send it as a PDF or a Word (.docx) file.");
      }
    }
    if (only.empty() && !package) {
      d.status = DocStatus::kUnpacked;
      d.role = "container";
    }
    if (!saw_done && outcome.end != sandbox::End::kFinished) ReaderFailed(doc, outcome);
    if (package) {
      TakeEntries(doc, depth, only, entries, true);
      return;
    }
    if (!saw_done && outcome.end == sandbox::End::kFinished && entries.empty()) {
      // The reader ended without a word: treat the archive as unreadable.
      d.status = DocStatus::kFailed;
      AddDocFinding(doc, rule::kIngestCorruptArchive, "This zip archive could not be opened.",
                    "Ask the organisation to send it again.");
      return;
    }

    if (only.empty() && saw_done && entries.empty()) {
      AddDocFinding(doc, rule::kIngestEmptyFile, "This zip archive holds no files.",
                    "Ask the organisation to send the archive again with the documents in it.");
      return;
    }
    TakeEntries(doc, depth, only, entries, false);
  }

  // What a zip reader (UnpackZipInChild) sent about each entry: a Document for each
  // entry unpacked, a finding for each refused. In an Office package (`package`)
  // the entries are the files embedded in the document, named for what they are:
  // "notes.docx > embedded file 1 (Book1.xlsx)".
  void TakeEntries(size_t doc, int depth, const std::set<uint64_t>& only,
                   const std::vector<ArchiveEntry>& entries, bool package) {
    // AddFile() below grows s_.documents: keep copies, not references.
    const Document& d = s_.documents[doc];
    const std::vector<std::string> origin_base = d.origin;
    const std::string parent_id = d.id;
    const int input = d.input;
    Locked locked{doc, depth, passwords_.size(), {}, {}};
    int embedded = 0;
    for (const ArchiveEntry& e : entries) {
      const std::string& name = e.name;
      const std::string& state = e.state;
      const std::string& detail = e.detail;
      std::string shown = name.empty() ? "(an entry without a name)" : name;
      if (only.empty() && state != "entry-limit") ++entries_used_;
      bool embedding = package && IsEmbedding(name);
      if (embedding) {
        ++embedded;
        shown = "embedded file " + std::to_string(embedded) + " (" + BaseName(name) + ")";
      }
      if (state == "ok") {
        bytes_used_ += e.size;
        std::vector<std::string> origin = origin_base;
        origin.push_back(embedding      ? shown
                         : name.empty() ? "entry " + std::to_string(e.index + 1)
                                        : name);
        int used = e.password;
        size_t child = AddFile(std::move(origin), e.path, input, parent_id, depth + 1,
                               embedding ? BaseName(name) : "");
        if (used >= 0 && static_cast<size_t>(used) < passwords_.size()) {
          s_.documents[child].encrypted = true;
          AddDocFinding(child, rule::kIngestPasswordUsed,
                        "This file was locked in its archive; it was opened with the password "
                        "from " +
                            passwords_.from(static_cast<size_t>(used)) + ".",
                        "Nothing to do. Delete the password email once the review is done.");
        }
      } else if (state == "unsafe") {
        AddDocFinding(doc, rule::kIngestUnsafeEntry,
                      "The archive holds an entry named " + Quote(shown) +
                          ", which was refused "
                          "and not unpacked: " +
                          detail + ".",
                      "Ask the organisation to make the zip again from the original files (for "
                      "example with Windows' 'Send to > Compressed (zipped) folder').");
      } else if (state == "unsupported") {
        AddDocFinding(doc, rule::kIngestUnsupportedEntry,
                      Quote(shown) + " in this archive is packed with " + detail +
                          ", which this tool cannot unpack, so it was not checked.",
                      "Ask the organisation to zip it again with standard compression (for "
                      "example Windows' 'Send to > Compressed (zipped) folder').");
      } else if (state == "password") {
        locked.entries.insert(e.index);
        locked.names.push_back(shown);
      } else if (state == "bomb") {
        AddDocFinding(doc, rule::kIngestZipBomb,
                      Quote(shown) + " in this archive " +
                          (detail == "declared" ? "says it unpacks" : "kept unpacking") +
                          " to far more than it is packed, past the limit of " +
                          std::to_string(limits().max_ratio) +
                          " to 1; it was not unpacked. Files built this way (\"zip bombs\") "
                          "fill the disk of whoever opens them.",
                      "Do not open this archive elsewhere. If the file is genuine, run again "
                      "with a higher --max-ratio; otherwise ask for the documents again.");
      } else if (state == "size-limit") {
        SizeLimitReached(doc, Quote(shown));
      } else if (state == "entry-limit") {
        EntryLimitReached(doc, Quote(shown));
      } else if (state == "damaged") {
        AddDocFinding(doc, rule::kIngestCorruptEntry,
                      Quote(shown) + " in this archive could not be unpacked: " + detail + ".",
                      "Ask the organisation to send the archive again.");
      }
    }
    if (!locked.entries.empty()) {
      if (only.empty()) {
        locked_.push_back(std::move(locked));
      } else {
        still_locked_.push_back(std::move(locked));
      }
    }
  }

  // A PDF's attached files become documents of their own, as a zip's entries do,
  // under the same run-wide limits and depth: "case.pdf > attached.docx". Taken out
  // in a reader process (pipeline/ingest/embedded_files.h): a PDF is hostile input too.
  // Ingest does this, not the extract stage, so that every document exists, counted
  // against one set of limits, before anything is read. A locked PDF is tried again
  // when a later email gives another password.
  void TakeOutPdfFiles(size_t doc, int depth) {
    ReaderJob job = NewJob(doc);
    ingest::TakeOutOptions options;
    options.max_entries = job.remaining_entries;
    options.max_bytes = job.remaining_bytes;
    options.max_ratio = limits().max_ratio;
    options.ratio_floor_bytes = limits().ratio_floor_bytes;
    options.max_pages = limits().max_pages;
    options.list_only = depth >= static_cast<int>(limits().max_depth);
    const std::vector<std::string>& passwords = passwords_.values();
    sandbox::Reply<EmbeddedFile, ReachedTheEnd> reply =
        sandbox::Decode<EmbeddedFile, ReachedTheEnd>(sandbox::RunOne(
            [&](sandbox::Channel& ch) { TakeOutPdfFilesInChild(job, passwords, options, ch); },
            budget_));
    if (reply.error) {
      // Unreadable: the extract stage says so. Locked: perhaps a later password opens it.
      if (reply.error->code() == StatusCode::kPasswordNeeded) {
        locked_pdfs_.push_back({doc, depth, passwords_.size()});
      }
      return;
    }
    if (!reply.value && reply.outcome.end != sandbox::End::kInterrupted) {
      AddDocFinding(doc, rule::kExtractEmbeddedNotRead,
                    "Taking the files attached to this PDF out of it stopped: the reader " +
                        reply.outcome.Describe(budget_) +
                        ". Any attached file not listed was not opened or checked.",
                    "Open the PDF's attachments (the paper-clip panel in a PDF reader) and check "
                    "them, or ask for them as files of their own.");
    }
    const std::vector<std::string> origin_base = s_.documents[doc].origin;
    const std::string parent_id = s_.documents[doc].id;
    const int input = s_.documents[doc].input;
    int k = 0;
    std::vector<std::string> too_deep;
    for (const EmbeddedFile& f : reply.items) {
      ++k;
      std::string name = BaseName(f.name);
      if (name.empty()) name = "attached file " + std::to_string(k);
      std::string where =
          f.page > 0 ? " (attached to a comment on page " + std::to_string(f.page) + ")" : "";
      if (f.state != "entry-limit") ++entries_used_;
      if (f.state == "ok") {
        bytes_used_ += f.size;
        std::vector<std::string> origin = origin_base;
        origin.push_back(name);
        AddFile(std::move(origin), f.path, input, parent_id, depth + 1);
      } else if (f.state == "too-deep") {
        too_deep.push_back(Quote(name));
      } else if (f.state == "bomb") {
        AddDocFinding(doc, rule::kIngestZipBomb,
                      "The file " + Quote(name) + " attached to this PDF" + where +
                          " decodes to far more than it is stored, past the limit of " +
                          std::to_string(limits().max_ratio) +
                          " to 1; it was not taken out or checked.",
                      "Do not open the attachment elsewhere. If it is genuine, run again with a "
                      "higher --max-ratio; otherwise ask for the file on its own.");
      } else if (f.state == "size-limit") {
        SizeLimitReached(doc, "the file " + Quote(name) + " attached to this PDF");
      } else if (f.state == "entry-limit") {
        EntryLimitReached(doc, "the file " + Quote(name) + " attached to this PDF");
      } else {
        AddDocFinding(doc, rule::kExtractEmbeddedNotRead,
                      "The file " + Quote(name) + " attached to this PDF" + where +
                          " could not be taken out: " + f.detail + ". It was not checked.",
                      "Open the PDF's attachments (the paper-clip panel in a PDF reader) and "
                      "check it, or ask for it as a file of its own.");
      }
    }
    if (!too_deep.empty()) {
      std::string names;
      for (size_t i = 0; i < too_deep.size() && i < 3; ++i) names += (i ? ", " : "") + too_deep[i];
      if (too_deep.size() > 3) names += " and " + std::to_string(too_deep.size() - 3) + " more";
      AddDocFinding(doc, rule::kIngestTooDeep,
                    "This PDF is nested " + std::to_string(depth) +
                        " levels deep, past the "
                        "limit of " +
                        std::to_string(limits().max_depth) + "; the files attached to it (" +
                        names +
                        ") were not taken out or "
                        "checked.",
                    "Ask the organisation to send the attached files on their own, or run again "
                    "with a higher --max-depth.");
    }
  }

  void ReadEmail(size_t doc, int depth) {
    if (TooDeep(doc, depth, "email") || NoBudgetLeft(doc)) return;
    ReaderJob job = NewJob(doc);
    const std::string type = s_.documents[doc].media_type;
    sandbox::Reply<sandbox::NoItems, EmailRead> reply =
        sandbox::Decode<sandbox::NoItems, EmailRead>(sandbox::RunOne(
            [&job, &type](sandbox::Channel& ch) {
              sandbox::SendResult(ch, ReadEmailInChild(job, type));
            },
            budget_));
    Document& d = s_.documents[doc];
    if (!reply.value) {
      d.status = DocStatus::kFailed;
      std::string why =
          reply.error ? reply.error->message() : "the reader " + reply.outcome.Describe(budget_);
      AddDocFinding(doc, rule::kIngestEmailUnreadable, "This email could not be read: " + why + ".",
                    "Ask the organisation to send the email again, or to send its attachments "
                    "as files.");
      return;
    }
    const mime::Message& m = reply.value->message;
    d.role = "email";
    for (const auto& [key, value] : m.headers) {  // From, To, Cc, Date, Subject, Message-ID
      if (key == "From" || key == "To" || key == "Cc" || key == "Subject") {
        d.metadata.emplace_back(key, value);
      }
    }
    if (!m.date.empty()) d.metadata.emplace_back("Date", m.date);
    if (s_.received.empty() && !m.date.empty()) s_.received = m.date;
    Page page;
    page.number = 1;
    page.source = TextSource::kEmailBody;
    page.text = m.body;
    d.pages.push_back(std::move(page));
    d.page_count = 1;

    // Its own text is read here; with attachments it is a container as well.
    d.status = m.attachments.empty() ? DocStatus::kRead : DocStatus::kUnpacked;
    // Any email may state a password: usually a second one without attachments,
    // but an Outlook signature logo is an attachment too, and some people put the
    // password beside the zip. A wrong candidate only costs a try.
    if (options_.passwords_from_emails) {
      std::string from = "the email " + d.Path();
      for (const std::string& text : {m.subject, d.pages[0].text}) {
        for (std::string& candidate : FindPasswordsInText(text)) {
          passwords_.Add(std::move(candidate), from);
        }
      }
    }
    if (reply.value->truncated) SizeLimitReached(doc, "an attachment of this email");
    if (reply.value->over_count) EntryLimitReached(doc, "an attachment of this email");
    if (m.nesting_cut) {
      AddDocFinding(doc, rule::kIngestTooDeep,
                    "This email nests its parts more than 64 levels deep; what lies deeper was "
                    "not read or checked.",
                    "Ask the organisation to send the attachments in a plain email.");
    }
    for (const std::string& part : m.not_read) {
      AddDocFinding(doc, rule::kExtractEmbeddedNotRead,
                    "Part of this email could not be read: " + part + ". It was not checked.",
                    "Open the email in Outlook and check that part, or ask the organisation to "
                    "send it again as a file of its own.");
    }
    if (reply.outcome.end != sandbox::End::kFinished) ReaderFailed(doc, reply.outcome);

    size_t k = 0;
    std::vector<std::string> origin_base = d.origin;
    std::string parent_id = d.id;
    int input = d.input;
    for (const mime::Attachment& a : m.attachments) {
      ++k;
      if (a.path.empty()) continue;
      ++entries_used_;
      bytes_used_ += a.size;
      std::string name = a.name;
      if (name.empty()) {
        name = a.forwarded_message
                   ? "forwarded message " + std::to_string(k) + ForwardedExtension(a.content_type)
                   : "attachment " + std::to_string(k);
      }
      std::vector<std::string> origin = origin_base;
      origin.push_back(name);
      AddFile(std::move(origin), a.path, input, parent_id, depth + 1);
    }
  }

  // Archives whose locked entries no password opened may open with one found
  // later in another email of the submission.
  // Repeats until no new password turns up: what a retry opens may hold another
  // locked archive, or another email with another password.
  void RetryLocked() {
    for (bool again = true; again;) {
      if (Interrupted()) return;
      again = false;
      std::vector<Locked> pending = std::move(locked_);
      locked_.clear();
      for (Locked& l : still_locked_) pending.push_back(std::move(l));
      still_locked_.clear();
      for (Locked& l : pending) {
        if (passwords_.size() > l.tried) {
          UnpackZip(l.doc, l.depth, l.entries);
          again = true;
        } else {
          still_locked_.push_back(std::move(l));
        }
      }
      // A PDF no password opened: its own reading says so if none ever does.
      std::vector<LockedPdf> pdfs = std::move(locked_pdfs_);
      locked_pdfs_.clear();
      for (const LockedPdf& l : pdfs) {
        if (passwords_.size() > l.tried) {
          TakeOutPdfFiles(l.doc, l.depth);
          again = true;
        } else {
          locked_pdfs_.push_back(l);
        }
      }
    }
    for (const Locked& l : still_locked_) {
      std::string names;
      for (size_t i = 0; i < l.names.size() && i < 5; ++i) {
        names += (i ? ", " : "") + Quote(l.names[i]);
      }
      if (l.names.size() > 5) names += " and " + std::to_string(l.names.size() - 5) + " more";
      std::string tried = passwords_.size() == 0
                              ? "no password was given or found in the submission's emails"
                              : "none of the " + std::to_string(passwords_.size()) +
                                    " passwords given or found in the submission's emails opens "
                                    "them (or they are damaged)";
      s_.documents[l.doc].locked = true;
      AddDocFinding(l.doc, rule::kIngestPasswordNeeded,
                    std::to_string(l.names.size()) + " file" +
                        (l.names.size() == 1 ? " is" : "s are") +
                        " locked with a password in this archive (" + names + "), and " + tried +
                        ". They were not checked.",
                    "Ask the organisation for the password (by phone, or in a separate email), "
                    "then run again with --password or --password-file.");
    }
  }

  Submission& s_;
  const Options& options_;
  WorkDir& work_;
  Passwords& passwords_;
  const ProgressFn& progress_;
  sandbox::Budget budget_;
  std::map<std::string, size_t> seen_;  // sha256 → first document with those bytes
  uint64_t entries_used_ = 0;
  uint64_t bytes_used_ = 0;
  uint64_t tasks_ = 0;
  bool entry_limit_reported_ = false;
  bool size_limit_reported_ = false;
  std::vector<Locked> locked_;
  std::vector<Locked> still_locked_;
  struct LockedPdf {
    size_t doc;
    int depth;
    size_t tried;  // how many passwords had been tried on it
  };
  std::vector<LockedPdf> locked_pdfs_;
};

}  // namespace

void Passwords::Add(std::string password, std::string from) {
  if (password.empty()) return;
  if (std::find(values_.begin(), values_.end(), password) != values_.end()) return;
  values_.push_back(std::move(password));
  from_.push_back(std::move(from));
}

std::vector<std::string> FindPasswordsInText(std::string_view text) {
  constexpr size_t kMost = 20;
  // With a separator: "the password for the zip is: X", "Password - X", "pwd: X",
  // "PW= X", and the password on the next line after "The password is:".
  static const RE2 kStated(
      R"((?i)\b(?:password|passcode|passphrase|pass word|pwd|pw)\b[^\n]{0,80}?)"
      R"((?:\bis\b[ \t]*:?|:|=|[ \t][-–][ \t])[ \t]*(?:\r?\n[ \t]*){0,3})"
      R"(["'“‘]?([^\s"'“”‘’]{3,64}))");
  // Without one: "Zip password X", or "Password" alone on a line above it.
  static const RE2 kBare(R"((?i)\b(?:password|passcode|pwd|pw)[ \t]*(?:[ \t]|\r?\n[ \t]*)\s*)"
                         R"(["'“‘]?([^\s"'“”‘’]{3,64}))");
  // Words that follow "password" in sentences about it, not passwords.
  static const std::set<std::string> kNotPasswords = {
      "attached",  "below",     "above",  "sent",  "separately", "required", "needed",
      "protected", "the",       "to",     "in",    "on",         "for",      "will",
      "being",     "following", "was",    "has",   "and",        "from",     "via",
      "reset",     "change",    "please", "you",   "your",       "our",      "this",
      "that",      "should",    "would",  "shall", "can",        "is",       "are",
      "by",        "with",      "it",     "we",    "have",       "been",     "not"};
  std::vector<std::string> out;
  auto add = [&](std::string candidate) {
    std::string lower = candidate;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!lower.empty() &&
           std::string_view(".,;:!?)").find(lower.back()) != std::string_view::npos) {
      lower.pop_back();
    }
    if (kNotPasswords.count(lower) != 0) return;
    // A sentence may end right after the password, and a password may itself end
    // in "!" or ".": try it with each trailing mark taken off, shortest first.
    std::vector<std::string> variants = {candidate};
    while (!candidate.empty() &&
           std::string_view(".,;:!?)").find(candidate.back()) != std::string_view::npos) {
      candidate.pop_back();
      variants.insert(variants.begin(), candidate);
    }
    for (const std::string& v : variants) {
      if (v.size() >= 3 && out.size() < kMost &&
          std::find(out.begin(), out.end(), v) == out.end()) {
        out.push_back(v);
      }
    }
  };
  for (const RE2* pattern : {&kStated, &kBare}) {
    re2::StringPiece input(text.data(), text.size());
    std::string candidate;
    while (out.size() < kMost && RE2::FindAndConsume(&input, *pattern, &candidate)) add(candidate);
  }
  return out;
}

bool Run(Submission& submission, const Options& options, WorkDir& work, Passwords& passwords,
         const ProgressFn& progress) {
  Ingester ingester(submission, options, work, passwords, progress);
  return ingester.Run();
}

}  // namespace qpm::ingest
