// pipeline/platform/atomic_file.h — outputs appear whole or not at all.
#ifndef QPM_PIPELINE_PLATFORM_ATOMIC_FILE_H_
#define QPM_PIPELINE_PLATFORM_ATOMIC_FILE_H_

#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace qpm {

// Writes `contents` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`, so a reader sees the old file or the new one, never half.
// The temporary file is removed on failure. Fails with kIo naming the path.
Status WriteFileAtomically(const std::string& path, std::string_view contents);

}  // namespace qpm

#endif  // QPM_PIPELINE_PLATFORM_ATOMIC_FILE_H_
