// libFuzzer target: both trace readers (docs/trace-format.md), explored
// executions and recorded runs. Any bytes are
// either refused with a one-line message or read into executions whose
// operations all have kinds this tangle knows; and reading never asks for
// more memory than the file could fill.
#include "model/trace/record_trace.h"
#include "model/trace/trace_file.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // fmemopen refuses an empty buffer.
  if (size == 0)
    return 0;
  FILE *file = fmemopen(const_cast<uint8_t *>(data), size, "rb");
  if (!file)
    return 0;
  tangle::RecordedRun run;
  std::string recordError = tangle::readRecordedRun(file, "fuzz.trace", run);
  if (recordError.find('\n') != std::string::npos)
    abort();
  for (const tangle::UnwatchedUse &u : run.unwatched)
    if (u.what >= tangle::Unwatched::Count_ ||
        *tangle::unwatchedName(u.what) == '?')
      abort();
  for (const tangle::RecordedThread &t : run.threads)
    for (const tangle::RecordedEvent &event : t.events)
      if (!*tangle::opKindName(event.op.kind) || event.thread != t.id)
        abort();
  rewind(file);
  tangle::Trace trace;
  std::string error = tangle::readTrace(file, "fuzz.trace", trace);
  fclose(file);
  if (!error.empty()) {
    if (error.find('\n') != std::string::npos)
      abort(); // an error is one line
    return 0;
  }
  for (const tangle::TraceExecution &t : trace.executions) {
    (void)tangle::endReasonName(t.execution.end);
    for (const tangle::Event &event : t.execution.events)
      if (!*tangle::opKindName(event.op.kind))
        abort();
    for (const tangle::PendingOp &pending : t.execution.pending)
      if (!*tangle::opKindName(pending.op.kind))
        abort();
  }
  return 0;
}
