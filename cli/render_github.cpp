// The report as GitHub Actions workflow commands (`--format github`): one
// `::error` or `::warning` annotation per finding at its source line, then
// the closing line as plain text. One story per problem, as in the text
// report: a static warning the exploration refutes is left out, one it
// confirms is a line of the dynamic finding's annotation.
#include "cli/render.h"

namespace tangle {

std::string escapeWorkflowData(llvm::StringRef text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%')
      escaped += "%25";
    else if (c == '\r')
      escaped += "%0D";
    else if (c == '\n')
      escaped += "%0A";
    else
      escaped += c;
  }
  return escaped;
}

std::string escapeWorkflowProperty(llvm::StringRef text) {
  std::string escaped;
  for (char c : escapeWorkflowData(text)) {
    if (c == ':')
      escaped += "%3A";
    else if (c == ',')
      escaped += "%2C";
    else
      escaped += c;
  }
  return escaped;
}

namespace {

void annotation(llvm::raw_ostream &out, const char *level,
                const std::string &file, unsigned line, unsigned column,
                const std::string &title, const std::string &message) {
  out << "::" << level;
  const char *separator = " ";
  if (!file.empty()) {
    out << separator << "file=" << escapeWorkflowProperty(file)
        << ",line=" << line;
    if (column)
      out << ",col=" << column;
    separator = ",";
  }
  out << separator << "title=" << escapeWorkflowProperty(title)
      << "::" << escapeWorkflowData(message) << "\n";
}

} // namespace

void renderGithub(llvm::raw_ostream &out, const RunSummary &run,
                  const std::vector<Explanation> &findings) {
  FoldedStatic folded = foldStatic(run, findings);
  for (size_t i = 0; i < findings.size(); ++i) {
    const Explanation &e = findings[i];
    std::string message = e.summary;
    for (const StaticFinding *f : folded.under[i])
      message += "\n" + tr("the static checks warn of this too: {0} [{1}]",
                             reportLanguage(f->finding.Text),
                             f->finding.CheckId);
    message += "\n" + tr("fix: {0}", e.hint);
    if (!e.replayCommand.empty())
      message += "\n" + tr("replay: {0}", e.replayCommand);
    annotation(out, e.counted ? "error" : "warning", e.location.file,
               e.location.line, e.location.column, "tangle " + e.id, message);
  }
  for (const StaticFinding *f : folded.alone)
    annotation(out, "warning", f->finding.Where.File, f->finding.Where.Line,
               f->finding.Where.Column,
               "tangle " + f->finding.CheckId + " " + tr("(static)"),
               reportLanguage(f->finding.Text));
  size_t counted = size_t(
      llvm::count_if(findings, [](const Explanation &e) { return e.counted; }));
  out << summaryLine(run, counted, findings.size() - counted) << "\n";
}

} // namespace tangle
