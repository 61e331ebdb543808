// The verbs of file operations, as reports show them.
#include "model/file_identity.h"

namespace tangle {

const char *fileOpVerb(FileOp op) {
  switch (op) {
  case FileOp::Open:
    return "creates or truncates";
  case FileOp::OpenMiss:
    return "looks for";
  case FileOp::Read:
  case FileOp::StdioRead:
    return "reads";
  case FileOp::Write:
  case FileOp::StdioWrite:
    return "writes";
  case FileOp::Truncate:
    return "truncates";
  case FileOp::Rename:
    return "renames";
  case FileOp::Unlink:
    return "unlinks";
  }
  return "accesses";
}

} // namespace tangle
