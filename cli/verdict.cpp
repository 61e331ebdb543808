// The verdict of a run and the exit code that goes with it (docs/report-format.md).
#include "cli/render.h"

#include <algorithm>

namespace tangle {

Verdict verdictOf(const Report &report, const StaticPass &staticChecks) {
  bool counted = std::any_of(report.findings.begin(), report.findings.end(),
                             [](const Finding &f) { return f.counted; });
  if (counted || staticChecks.counted())
    return Verdict::Bugs;
  return report.stats.complete ? Verdict::Clean : Verdict::Incomplete;
}

const char *verdictName(Verdict verdict) {
  switch (verdict) {
  case Verdict::Bugs:
    return "bugs";
  case Verdict::Clean:
    return "clean";
  case Verdict::Incomplete:
    return "incomplete";
  case Verdict::NoHang:
    return "no-hang";
  }
  return "?";
}

int exitCodeOf(Verdict verdict) {
  switch (verdict) {
  case Verdict::Bugs:
    return 1;
  case Verdict::Clean:
    return 0;
  case Verdict::Incomplete:
    return 3;
  case Verdict::NoHang:
    return 0;
  }
  return 4;
}

} // namespace tangle
