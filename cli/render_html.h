// The HTML report: one self-contained page (inline CSS and SVG, nothing
// fetched) with, per finding, the swimlanes of its interleaving, the
// wait-for or lock-order graph, holders and waiters, the hint and the replay
// command (docs/html-report.md).
#pragma once

#include "cli/render.h"

#include <string>

namespace tangle {

/// Writes the page for `run` and its findings to `out`, in the current
/// language (cli/messages.h). Every text that comes from the program (names,
/// paths, messages) is escaped.
void renderHtml(llvm::raw_ostream &out, const RunSummary &run,
                const std::vector<Explanation> &findings);

/// `text` with the characters HTML gives a meaning escaped: safe in element
/// content and in quoted attributes alike.
std::string htmlEscape(llvm::StringRef text);

/// renderHtml into the file `path`; "" or a one-line error.
std::string writeHtmlReport(const std::string &path, const RunSummary &run,
                            const std::vector<Explanation> &findings);

} // namespace tangle
