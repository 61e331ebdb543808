// libFuzzer target: the suppressions file (--suppressions). Any bytes are
// either refused with one line that holds no byte of the file that is not
// text, or read into suppressions whose globs can be matched.
#include "cli/suppressions.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  std::vector<tangle::Suppression> suppressions;
  std::string error;
  if (!tangle::parseSuppressions(text, "fuzz.supp", suppressions, error)) {
    for (char c : error) {
      auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte == 0x7f)
        abort(); // a control byte of the file reached the terminal
    }
    return 0;
  }
  for (const tangle::Suppression &s : suppressions) {
    (void)s.matchesId("deadlock.cycle");
    (void)s.matchesWhere("philosophers.c");
    (void)s.matchesWhere(text);
  }
  return 0;
}
