// See suppressions.h.
#include "cli/suppressions.h"

#include "cli/glob.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace tangle {

namespace {

/// Whether a line is text: UTF-8 without control characters, tabs aside
/// (and the '\r' of a CRLF line end). A binary file fails on its first
/// line that is not.
bool isText(llvm::StringRef line) {
  line.consume_back("\r");
  for (char c : line) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f)
      return false;
  }
  const auto *begin = reinterpret_cast<const llvm::UTF8 *>(line.data());
  return llvm::isLegalUTF8String(&begin, begin + line.size());
}

} // namespace

bool parseSuppressions(llvm::StringRef text, const std::string &name,
                       std::vector<Suppression> &out, std::string &error) {
  llvm::SmallVector<llvm::StringRef, 32> lines;
  text.split(lines, '\n');
  for (unsigned i = 0; i < lines.size(); ++i) {
    auto fail = [&](std::string why) {
      // Quoted parts of the line (a glob's error quotes it) show tabs as
      // spaces: nothing but printable text reaches the terminal.
      std::replace(why.begin(), why.end(), '\t', ' ');
      error = name + ":" + std::to_string(i + 1) + ": " + why;
      return false;
    };
    if (!isText(lines[i]))
      return fail("not text (binary bytes; is this a suppressions file?)");
    llvm::StringRef line = lines[i].split('#').first.trim();
    if (line.empty())
      continue;
    auto [id, where] = line.split(':');
    id = id.trim();
    where = where.trim();
    if (!line.contains(':') || id.empty() || where.empty()) {
      // Quoted, but never more than a line's worth.
      size_t cut = std::min<size_t>(line.size(), 80);
      while (cut < line.size() && (line[cut] & 0xC0) == 0x80)
        --cut; // not inside a UTF-8 character
      std::string shown = line.take_front(cut).str();
      if (cut < line.size())
        shown += "...";
      return fail("expected 'id:function-or-file', e.g. "
                  "'race.data:legacy_*', got '" +
                  shown + "'");
    }
    for (llvm::StringRef glob : {id, where})
      if (std::string why = globError(glob); !why.empty())
        return fail(why);
    out.push_back({id.str(), where.str(), i + 1});
  }
  return true;
}

bool readSuppressions(const std::string &path, std::vector<Suppression> &out,
                      std::string &error) {
  if (llvm::sys::fs::is_directory(path)) {
    error = "the suppressions file " + path + " is a directory";
    return false;
  }
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    error = "cannot read the suppressions file " + path + ": " +
            buffer.getError().message();
    return false;
  }
  return parseSuppressions((*buffer)->getBuffer(), path, out, error);
}

namespace {

bool matches(const std::string &glob, llvm::StringRef text) {
  return globMatch(glob, text); // checked when read
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
