#include "redaction/masking.h"

namespace qpm::redaction {

void StarOutPasswords(std::string& text, const std::vector<std::string>& passwords) {
  for (const std::string& pw : passwords) {
    if (pw.size() < 3) continue;
    for (size_t pos = text.find(pw); pos != std::string::npos;
         pos = text.find(pw, pos + pw.size())) {
      text.replace(pos, pw.size(), std::string(pw.size(), '*'));
    }
  }
}

}  // namespace qpm::redaction
