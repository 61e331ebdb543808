// Which renderer a --format names.
#include "cli/render.h"

namespace tangle {

void renderReport(llvm::raw_ostream &out, OutputFormat format,
                  const RunSummary &run,
                  const std::vector<Explanation> &findings) {
  switch (format) {
  case OutputFormat::Text:
    return renderText(out, run, findings);
  case OutputFormat::Json:
    return renderJson(out, run, findings);
  case OutputFormat::Sarif:
    return renderSarif(out, run, findings);
  case OutputFormat::Github:
    return renderGithub(out, run, findings);
  }
}

} // namespace tangle
