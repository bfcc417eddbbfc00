// pipeline/output/output.cc — see output.h.
#include "pipeline/output/output.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "pipeline/platform/atomic_file.h"
#include "pipeline/platform/sha256.h"
#include "pipeline/platform/workdir.h"

namespace qpm::output {
namespace {

namespace fs = std::filesystem;

// The report files triage writes, and a phrase each always holds: an existing
// file without it was not written by us, and is never replaced. report.html's title
// starts with the quality mark's name from the profile ("QPM intake report").
constexpr std::pair<const char*, const char*> kOutputs[] = {
    {"report.json", "\"schema\": \"qpm-intake-report\""},
    {"report.html", " intake report</title>"},
    {"manifest.json", "\"schema\": \"qpm-bundle\""}};

// RFC 8493: CR, LF and % in a manifest's paths are percent-encoded.
std::string BagPath(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\n') {
      out += "%0A";
    } else if (c == '\r') {
      out += "%0D";
    } else {
      out += c;
    }
  }
  return out;
}

// Copies a file and returns its SHA-256 and size, read once.
Status CopyFile(const fs::path& from, const fs::path& to, std::string& sha, uint64_t& size) {
  std::ifstream in(from, std::ios::binary);
  if (!in) return Status(StatusCode::kIo, "cannot read " + from.string() + " to copy it");
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  if (!out) return Status(StatusCode::kIo, "cannot write " + to.string());
  Sha256 hash;
  std::vector<char> buf(1 << 16);
  size = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    auto n = static_cast<size_t>(in.gcount());
    if (n == 0) break;
    hash.Update(std::string_view(buf.data(), n));
    out.write(buf.data(), static_cast<std::streamsize>(n));
    size += n;
  }
  out.close();
  if (!out) return Status(StatusCode::kIo, "cannot write " + to.string());
  sha = hash.HexDigest();
  return Status::Ok();
}

}  // namespace

Result<Staging> Staging::Create(const std::string& out_dir) {
  fs::path out = fs::absolute(out_dir).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  std::string templ =
      (out.parent_path() / ("." + out.filename().string() + ".qpm-new-XXXXXX")).string();
  std::vector<char> name(templ.begin(), templ.end());
  name.push_back('\0');
  if (mkdtemp(name.data()) == nullptr) {
    return Status(StatusCode::kIo,
                  "cannot make a folder beside " + out.string() + ": " + std::strerror(errno));
  }
  return Staging(out.string(), name.data());
}

Staging::Staging(Staging&& other) noexcept
    : out_(std::move(other.out_)), path_(std::move(other.path_)), committed_(other.committed_) {
  other.path_.clear();
}

Staging::~Staging() {
  if (!committed_ && !path_.empty()) RemoveTree(path_);
}

Status Staging::Commit() {
  std::error_code ec;
  bool exists = fs::exists(out_, ec);
  if (!exists || fs::is_empty(out_, ec)) {
    if (exists) fs::remove(out_, ec);
    if (rename(path_.c_str(), out_.c_str()) != 0) {
      return Status(StatusCode::kIo,
                    "cannot put the results in " + out_ + ": " + std::strerror(errno));
    }
    committed_ = true;
    return Status::Ok();
  }
  // Swap the two folders in one step, then remove the old results.
  if (renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) == 0) {
    committed_ = true;
    RemoveTree(path_);
    return Status::Ok();
  }
  // No exchange on this file system: move the old folder aside, then the new one in.
  std::string aside = path_ + ".old";
  if (rename(out_.c_str(), aside.c_str()) != 0) {
    return Status(StatusCode::kIo, "cannot replace " + out_ + ": " + std::strerror(errno));
  }
  if (rename(path_.c_str(), out_.c_str()) != 0) {
    int err = errno;
    rename(aside.c_str(), out_.c_str());
    return Status(StatusCode::kIo, "cannot replace " + out_ + ": " + std::strerror(err));
  }
  committed_ = true;
  RemoveTree(aside);
  return Status::Ok();
}

Status WriteBag(const std::vector<std::string>& inputs, const std::string& bag,
                const BagInfo& info) {
  std::error_code ec;
  fs::path root(bag);
  fs::path data = root / "data";
  fs::create_directories(data, ec);
  if (ec) return Status(StatusCode::kIo, "cannot make " + data.string() + ": " + ec.message());
  std::map<std::string, std::string> manifest;  // data/path → sha256, sorted
  uint64_t bytes = 0, files = 0, skipped = 0;
  std::map<std::string, int> used;
  for (const std::string& input : inputs) {
    fs::path in(input);
    std::string name = fs::absolute(in, ec).lexically_normal().filename().string();
    if (name.empty())
      name = fs::absolute(in, ec).lexically_normal().parent_path().filename().string();
    if (name.empty() || name == "." || name == "..") name = "input";
    // Two inputs of the same name: the second becomes "name (2)".
    int n = ++used[name];
    if (n > 1) name += " (" + std::to_string(n) + ")";
    std::vector<std::pair<fs::path, std::string>> todo;  // source, bag path under data/
    if (fs::is_directory(in, ec)) {
      fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec);
      std::vector<fs::path> found;
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
        found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      for (const fs::path& f : found) {
        todo.emplace_back(f, name + "/" + f.lexically_relative(in).generic_string());
      }
    } else if (fs::is_regular_file(in, ec)) {
      todo.emplace_back(in, name);
    }
    for (const auto& [from, rel] : todo) {
      fs::path to = data / rel;
      fs::create_directories(to.parent_path(), ec);
      std::string sha;
      uint64_t size = 0;
      if (Status s = CopyFile(from, to, sha, size); !s.ok()) {
        // A file that cannot be read now (its permissions, or gone since it was
        // read): left out and counted, never a reason to lose the whole result.
        fs::remove(to, ec);
        ++skipped;
        continue;
      }
      manifest["data/" + rel] = sha;
      bytes += size;
      ++files;
    }
  }
  std::string manifest_text;
  for (const auto& [path, sha] : manifest) manifest_text += sha + "  " + BagPath(path) + "\n";
  std::string bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  std::string bag_info =
      "Source-Organization: " +
      (info.organisation.empty() ? std::string("not stated") : info.organisation) +
      "\nExternal-Identifier: " + info.external_id +
      "\nExternal-Description: A submission as received, unchanged\n";
  if (!info.bagging_date.empty()) bag_info += "Bagging-Date: " + info.bagging_date + "\n";
  bag_info += "Payload-Oxum: " + std::to_string(bytes) + "." + std::to_string(files) + "\n";
  if (skipped > 0) {
    bag_info += "Internal-Sender-Description: " + std::to_string(skipped) +
                " file(s) received could not be read when the bag was made and are not in it\n";
  }
  std::string tags;
  for (const auto& [name, text] :
       {std::pair<const char*, const std::string*>{"bag-info.txt", &bag_info},
        {"bagit.txt", &bagit},
        {"manifest-sha256.txt", &manifest_text}}) {
    if (Status s = WriteFileAtomically((root / name).string(), *text); !s.ok()) return s;
    tags += Sha256Hex(*text) + "  " + name + "\n";
  }
  return WriteFileAtomically((root / "tagmanifest-sha256.txt").string(), tags);
}

// Refuses an output folder that could overwrite an original or be read as part of
// the submission. Paths are compared as the system resolves them (links and "..").
std::string RefusedOutputFolder(const std::string& out_dir,
                                const std::vector<std::string>& inputs) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(out_dir, ec), ec);
  if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
    return "the output " + out_dir + " exists and is not a folder";
  }
  for (const std::string& input : inputs) {
    fs::path in = fs::weakly_canonical(fs::absolute(input, ec), ec);
    if (fs::is_directory(in, ec)) {
      fs::path rel = out.lexically_relative(in);
      bool inside = !rel.empty() && *rel.begin() != "..";
      if (inside) {
        return "the output folder " + out_dir + " is inside the input folder " + input +
               "; choose an output folder elsewhere, so the report is not read as "
               "part of the submission";
      }
    }
    for (const auto& [name, marker] : kOutputs) {
      std::error_code eq;
      if (fs::equivalent(out / name, in, eq) || (out / name) == in) {
        return "the output " + (out / name).string() + " would overwrite the input " + input +
               "; choose another output folder";
      }
    }
  }
  // The whole folder is replaced by the new results, so it may hold nothing else.
  if (fs::is_directory(out, ec)) {
    std::set<std::string> ours(std::begin(kOutputNames), std::end(kOutputNames));
    std::vector<std::string> others;
    for (const auto& entry : fs::directory_iterator(out, ec)) {
      std::string name = entry.path().filename().string();
      if (ours.count(name) == 0) others.push_back(name);
    }
    std::sort(others.begin(), others.end());
    bool have_report = fs::exists(out / "report.json", ec);
    if (!others.empty() || (!have_report && !fs::is_empty(out, ec))) {
      return "the output folder " + out_dir + " holds " +
             (others.empty() ? std::string("files") : "'" + others.front() + "'") +
             ", which qpm-intake did not write; triage replaces the whole folder, so "
             "give an empty or new folder, or one an earlier triage wrote";
    }
  }
  for (const auto& [name, marker] : kOutputs) {
    fs::path existing = out / name;
    if (!fs::exists(existing, ec)) continue;
    // The whole file: report.json's keys are sorted, so its marker comes after the
    // findings, however many there are.
    std::ifstream in(existing, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find(marker) == std::string::npos) {
      return existing.string() +
             " exists and was not written by qpm-intake; it is not replaced. Choose "
             "an empty output folder";
    }
  }
  return "";
}

}  // namespace qpm::output
