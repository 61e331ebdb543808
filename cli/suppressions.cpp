// See suppressions.h.
#include "cli/suppressions.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace tangle {

bool readSuppressions(const std::string &path, std::vector<Suppression> &out,
                      std::string &error) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    error = "cannot read the suppressions file " + path + ": " +
            buffer.getError().message();
    return false;
  }
  llvm::SmallVector<llvm::StringRef, 32> lines;
  (*buffer)->getBuffer().split(lines, '\n');
  for (unsigned i = 0; i < lines.size(); ++i) {
    llvm::StringRef line = lines[i].split('#').first.trim();
    if (line.empty())
      continue;
    auto fail = [&](const std::string &why) {
      error = path + ":" + std::to_string(i + 1) + ": " + why;
      return false;
    };
    auto [id, where] = line.split(':');
    id = id.trim();
    where = where.trim();
    if (!line.contains(':') || id.empty() || where.empty())
      return fail("expected 'id:function-or-file', e.g. "
                  "'race.data:legacy_*', got '" + line.str() + "'");
    for (llvm::StringRef glob : {id, where})
      if (auto pattern = llvm::GlobPattern::create(glob); !pattern)
        return fail(llvm::toString(pattern.takeError()));
    out.push_back({id.str(), where.str(), i + 1});
  }
  return true;
}

namespace {

bool matches(const std::string &glob, llvm::StringRef text) {
  auto pattern = llvm::GlobPattern::create(glob);
  if (!pattern) { // checked when read
    llvm::consumeError(pattern.takeError());
    return false;
  }
  return pattern->match(text);
}

bool matchesSite(const Suppression &s, const SourceLocation &site) {
  if (!site.function.empty() && s.matchesWhere(site.function))
    return true;
  if (site.file.empty())
    return false;
  return s.matchesWhere(site.file) ||
         s.matchesWhere(llvm::sys::path::filename(site.file));
}

} // namespace

bool Suppression::matchesId(llvm::StringRef findingId) const {
  return matches(id, findingId);
}

bool Suppression::matchesWhere(llvm::StringRef functionOrFile) const {
  return matches(where, functionOrFile);
}

const Suppression *suppressing(const std::vector<Suppression> &suppressions,
                               const Explanation &finding) {
  std::vector<const SourceLocation *> sites;
  sites.push_back(&finding.location);
  for (const SourceLocation &at : finding.locations)
    sites.push_back(&at);
  for (const AccessView &access : finding.accesses) {
    sites.push_back(&access.at);
    for (const SourceLocation &at : access.stack)
      sites.push_back(&at);
  }
  for (const InvolvedThread &thread : finding.threads)
    if (thread.waits)
      sites.push_back(&thread.waits->at);
  for (const Suppression &s : suppressions) {
    if (!s.matchesId(finding.id))
      continue;
    for (const SourceLocation *site : sites)
      if (matchesSite(s, *site))
        return &s;
  }
  return nullptr;
}

const Suppression *suppressing(const std::vector<Suppression> &suppressions,
                               const StaticFinding &finding) {
  SourceLocation where;
  where.file = finding.finding.Where.File;
  where.line = finding.finding.Where.Line;
  for (const Suppression &s : suppressions) {
    if (!s.matchesId(finding.finding.CheckId))
      continue;
    if (matchesSite(s, where))
      return &s;
  }
  return nullptr;
}

} // namespace tangle
