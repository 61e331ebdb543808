// --suppressions FILE: findings the user has looked at and accepts. One
// `id:pattern` per line, both globs; `#` starts a comment. A finding is
// suppressed when its id matches `id` and `pattern` matches the function or
// the file (as reported, or its base name) of one of its sites: the primary
// and other locations, each access of a race with its callers, where each
// involved thread waits. docs/cli.md.
#pragma once

#include "cli/explain.h"
#include "cli/static_checks.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace tangle {

struct Suppression {
  std::string id;    // glob over finding ids
  std::string where; // glob over functions and files
  unsigned line = 0;
  /// Whether the globs match (cli/glob.h).
  bool matchesId(llvm::StringRef findingId) const;
  bool matchesWhere(llvm::StringRef functionOrFile) const;
};

/// Parses the text of a suppressions file called `name`. Returns false
/// with a one-line `error` naming it and the line when a line is not text
/// (never echoing binary bytes) or is malformed.
bool parseSuppressions(llvm::StringRef text, const std::string &name,
                       std::vector<Suppression> &out, std::string &error);

/// Reads FILE. Returns false with a one-line `error` naming the file (and
/// the line) when it cannot be read or a line is malformed.
bool readSuppressions(const std::string &path, std::vector<Suppression> &out,
                      std::string &error);

/// The suppression that covers a dynamic finding, or nullptr.
const Suppression *suppressing(const std::vector<Suppression> &suppressions,
                               const Explanation &finding);

/// The same for a finding of the static checks (id = its check's name;
/// they name no function, so the pattern matches the file of the primary
/// site).
const Suppression *suppressing(const std::vector<Suppression> &suppressions,
                               const StaticFinding &finding);

} // namespace tangle
