// Reading and writing trace files; the layout is documented in
// docs/trace-format.md. Integers are little-endian; events are stored as the
// in-memory Event/PendingOp records of this version.
#include "model/trace/trace_file.h"

#include "model/trace/binary_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace tangle {
namespace {

constexpr char Magic[8] = {'T', 'N', 'G', 'L', 'T', 'R', 'C', '\0'};
using trace_io::File;
using trace_io::Reader;
using trace_io::sizeLeft;
using trace_io::Writer;

bool knownKind(const Operation &op) { return op.kind < OpKind::Count_; }

} // namespace

std::string writeTrace(const std::string &path, const Trace &trace) {
  File f(std::fopen(path.c_str(), "wb"));
  if (!f)
    return "cannot write " + path + ": " + std::strerror(errno);
  Writer w(f.get());
  w.bytes(Magic, sizeof Magic);
  w.value<uint32_t>(TraceFormatVersion);
  w.value<uint32_t>(sizeof(Event));
  w.string(trace.program);
  w.value<uint32_t>(trace.modules.size());
  for (const TraceModule &m : trace.modules) {
    w.string(m.path);
    w.value<uint64_t>(m.loadBias);
  }
  w.value<uint32_t>(trace.executions.size());
  for (const TraceExecution &t : trace.executions) {
    const Execution &e = t.execution;
    w.string(t.label);
    w.records(t.schedule);
    w.value<uint8_t>(static_cast<uint8_t>(e.end));
    w.value<int32_t>(e.exitStatus);
    w.value<int32_t>(e.crash.signal);
    w.value<uint32_t>(e.crash.thread);
    w.value<uint8_t>(e.crash.assertion);
    w.string(e.crash.message);
    w.value(e.crash.stack);
    w.string(e.error);
    w.records(e.events);
    w.records(e.pending);
  }
  if (!w.ok())
    return "cannot write " + path + ": " + std::strerror(errno);
  return "";
}

std::string readTrace(const std::string &path, Trace &trace) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f)
    return "cannot read " + path + ": " + std::strerror(errno);
  return readTrace(f.get(), path, trace);
}

std::string readTrace(FILE *f, const std::string &name, Trace &trace) {
  Reader r(f, sizeLeft(f));
  char magic[8];
  r.bytes(magic, sizeof magic);
  if (!r.ok() || std::memcmp(magic, Magic, sizeof Magic) != 0)
    return name + " is not a tangle trace";
  uint32_t version = r.value<uint32_t>();
  uint32_t eventSize = r.value<uint32_t>();
  if (version != TraceFormatVersion || eventSize != sizeof(Event))
    return name + ": trace format version " + std::to_string(version) +
           " is not supported (this tangle reads version " +
           std::to_string(TraceFormatVersion) + ")";
  trace = Trace();
  trace.program = r.string();
  uint32_t modules = r.value<uint32_t>();
  for (uint32_t i = 0; r.ok() && i < modules && i < 4096; ++i) {
    TraceModule m;
    m.path = r.string();
    m.loadBias = r.value<uint64_t>();
    trace.modules.push_back(m);
  }
  uint32_t executions = r.value<uint32_t>();
  for (uint32_t i = 0; r.ok() && i < executions && i < 65536; ++i) {
    TraceExecution t;
    Execution &e = t.execution;
    t.label = r.string();
    r.records(t.schedule);
    uint8_t end = r.value<uint8_t>();
    if (end > static_cast<uint8_t>(EndReason::LimitReached))
      r.fail();
    e.end = static_cast<EndReason>(end);
    e.exitStatus = r.value<int32_t>();
    e.crash.signal = r.value<int32_t>();
    e.crash.thread = r.value<uint32_t>();
    e.crash.assertion = r.value<uint8_t>() != 0;
    e.crash.message = r.string();
    e.crash.stack = r.value<Stack>();
    e.error = r.string();
    r.records(e.events);
    r.records(e.pending);
    // Operations are stored as they are in memory: a kind this tangle does
    // not know is a corrupt file, not something to look up.
    for (const Event &event : e.events)
      if (!knownKind(event.op))
        r.fail();
    for (const PendingOp &pending : e.pending)
      if (!knownKind(pending.op))
        r.fail();
    trace.executions.push_back(std::move(t));
  }
  if (!r.ok())
    return name + ": the trace is truncated or corrupt";
  return "";
}

} // namespace tangle
