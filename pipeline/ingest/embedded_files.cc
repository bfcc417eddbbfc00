#include "pipeline/ingest/embedded_files.h"

#include <Annot.h>
#include <Catalog.h>
#include <Error.h>
#include <FileSpec.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <fcntl.h>
#include <goo/GooString.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <optional>

#include "pipeline/core/utf8.h"

namespace qpm::ingest {
namespace {

void Quiet(ErrorCategory /*category*/, Goffset /*pos*/, const char* /*msg*/) {}

// A PDF text string: UTF-16 after a byte-order mark, else PDFDocEncoding, which is
// Latin-1 for the characters a file name uses.
std::string TextOf(const GooString* s) {
  if (s == nullptr) return "";
  std::string bytes = s->toStr();
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
      static_cast<unsigned char>(bytes[1]) == 0xFF) {
    return Utf16ToUtf8(bytes);
  }
  std::string out;
  for (char c : bytes) AppendUtf8(static_cast<unsigned char>(c), out);
  return out;
}

std::unique_ptr<PDFDoc> OpenPdf(const std::string& path, const std::vector<std::string>& passwords,
                                bool* locked) {
  *locked = false;
  auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path));
  if (doc->isOk()) return doc;
  if (doc->getErrorCode() != errEncrypted) return nullptr;
  *locked = true;
  for (const std::string& password : passwords) {
    for (const std::string& tried : {password, PasswordAsLatin1(password)}) {
      if (tried.empty()) continue;
      std::optional<GooString> pw = GooString(tried);
      doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path), pw, pw);
      if (doc->isOk()) {
        *locked = false;
        return doc;
      }
    }
  }
  return nullptr;
}

class TakeOut {
 public:
  TakeOut(const TakeOutOptions& options, const std::function<std::string()>& next_path)
      : options_(options), next_path_(next_path) {}

  // Each file, in turn, until a budget runs out.
  void Add(FileSpec& spec, int page) {
    if (stopped_) return;
    EmbeddedFile f;
    f.page = page;
    f.name = spec.isOk() ? ValidUtf8(TextOf(spec.getFileName())) : "";
    if (examined_ >= options_.max_entries) {
      f.state = "entry-limit";
      out_.push_back(std::move(f));
      stopped_ = true;
      return;
    }
    ++examined_;
    if (options_.list_only) {
      f.state = "too-deep";
      out_.push_back(std::move(f));
      return;
    }
    EmbFile* file = spec.isOk() ? spec.getEmbeddedFile() : nullptr;
    Stream* stream = file != nullptr && file->isOk() ? file->stream() : nullptr;
    if (stream == nullptr) {
      f.state = "no-data";
      f.detail = "the PDF names it but does not hold its contents";
      out_.push_back(std::move(f));
      return;
    }
    Write(*stream, f);
    out_.push_back(std::move(f));
  }

  std::vector<EmbeddedFile> Take() { return std::move(out_); }

 private:
  // Decodes the stream into a new file, a block at a time, never past the ratio
  // cap or the run's byte budget. The size the PDF declares is not trusted either
  // way: only the bytes decoded count.
  void Write(Stream& stream, EmbeddedFile& f) {
    uint64_t stored = 1;
    if (BaseStream* base = stream.getBaseStream(); base != nullptr && base->getLength() > 0) {
      stored = static_cast<uint64_t>(base->getLength());
    }
    uint64_t ratio_cap =
        stored > UINT64_MAX / std::max<uint32_t>(options_.max_ratio, 1)
            ? UINT64_MAX
            : std::max<uint64_t>(options_.ratio_floor_bytes, options_.max_ratio * stored);
    uint64_t budget = options_.max_bytes > written_ ? options_.max_bytes - written_ : 0;
    uint64_t cap = std::min(ratio_cap, budget);
    std::string path = next_path_();
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
      f.state = "no-data";
      f.detail = "it could not be written to the work folder";
      return;
    }
    uint64_t size = 0;
    bool over = false, failed = false;
    stream.reset();
    unsigned char buf[1 << 14];
    for (int got = 0; (got = stream.doGetChars(sizeof buf, buf)) > 0;) {
      if (size + static_cast<uint64_t>(got) > cap) {
        over = true;
        break;
      }
      size += static_cast<uint64_t>(got);
      for (ssize_t done = 0; done < got && !failed;) {
        ssize_t n = write(fd, buf + done, static_cast<size_t>(got - done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) failed = true;
        done += n > 0 ? n : 0;
      }
      if (failed) break;
    }
    stream.close();
    close(fd);
    if (over || failed) {
      unlink(path.c_str());
      if (failed) {
        f.state = "no-data";
        f.detail = "it could not be written to the work folder";
      } else if (cap == budget && budget < ratio_cap) {
        f.state = "size-limit";
        stopped_ = true;
      } else {
        f.state = "bomb";
      }
      return;
    }
    if (size == 0 && stored > 1) {
      // Stored bytes that decode to nothing: locked with a password of their own
      // (a crypt filter for attachments only), or damaged. Never "an empty file".
      unlink(path.c_str());
      f.state = "no-data";
      f.detail =
          "its contents could not be decoded (they may be locked with a password of their "
          "own, or damaged)";
      return;
    }
    written_ += size;
    f.state = "ok";
    f.path = std::move(path);
    f.size = size;
  }

  const TakeOutOptions& options_;
  const std::function<std::string()>& next_path_;
  std::vector<EmbeddedFile> out_;
  uint64_t examined_ = 0;
  uint64_t written_ = 0;
  bool stopped_ = false;
};

}  // namespace

Result<std::vector<EmbeddedFile>> TakeOutPdfFiles(const std::string& path,
                                                  const std::vector<std::string>& passwords,
                                                  const TakeOutOptions& options,
                                                  const std::function<std::string()>& next_path) {
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  setErrorCallback(&Quiet);
  bool locked = false;
  std::unique_ptr<PDFDoc> doc = OpenPdf(path, passwords, &locked);
  if (!doc) {
    if (locked) return Status(StatusCode::kPasswordNeeded, "no password given opens it");
    return Status(StatusCode::kUnreadable, "Poppler could not open it");
  }
  TakeOut take(options, next_path);
  Catalog* catalog = doc->getCatalog();
  int files = catalog != nullptr ? catalog->numEmbeddedFiles() : 0;
  for (int i = 0; i < files; ++i) {
    if (std::unique_ptr<FileSpec> spec = catalog->embeddedFile(i)) take.Add(*spec, 0);
  }
  int pages = std::min<int>(doc->getNumPages(), static_cast<int>(options.max_pages));
  for (int n = 1; n <= pages; ++n) {
    ::Page* page = doc->getPage(n);
    Annots* annots = page != nullptr ? page->getAnnots() : nullptr;
    if (annots == nullptr) continue;
    for (Annot* annot : annots->getAnnots()) {
      if (annot == nullptr || annot->getType() != Annot::typeFileAttachment) continue;
      // Read from the dictionary, not through AnnotFileAttachment: Poppler's annotation
      // classes carry no type information outside the library (UBSan's checks need it).
      Object fs = annot->getAnnotObj().dictLookup("FS");
      FileSpec spec(&fs);
      take.Add(spec, n);
    }
  }
  return take.Take();
}

}  // namespace qpm::ingest
