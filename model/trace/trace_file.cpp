// Reading and writing trace files; the layout is documented in
// docs/trace-format.md. Integers are little-endian; events are stored as the
// in-memory Event/PendingOp records of this version.
#include "model/trace/trace_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace tangle {
namespace {

constexpr char Magic[8] = {'T', 'N', 'G', 'L', 'T', 'R', 'C', '\0'};

struct FileCloser {
  void operator()(FILE *f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

class Writer {
public:
  explicit Writer(FILE *f) : f_(f) {}
  void bytes(const void *p, size_t n) {
    if (ok_ && n && std::fwrite(p, 1, n, f_) != n)
      ok_ = false;
  }
  template <typename T> void value(T v) { bytes(&v, sizeof v); }
  void string(const std::string &s) {
    value<uint32_t>(s.size());
    bytes(s.data(), s.size());
  }
  template <typename T> void records(const std::vector<T> &v) {
    value<uint32_t>(v.size());
    bytes(v.data(), v.size() * sizeof(T));
  }
  bool ok() const { return ok_; }

private:
  FILE *f_;
  bool ok_ = true;
};

// Reads what the file holds and no more: a length field is trusted only as
// far as the bytes left in the file (a corrupt one asked for gigabytes).
class Reader {
public:
  Reader(FILE *f, uint64_t size) : f_(f), left_(size) {}
  void bytes(void *p, size_t n) {
    if (ok_ && n > left_)
      ok_ = false;
    if (ok_ && n && std::fread(p, 1, n, f_) != n)
      ok_ = false;
    if (ok_)
      left_ -= n;
  }
  template <typename T> T value() {
    T v{};
    bytes(&v, sizeof v);
    return v;
  }
  std::string string() {
    uint32_t n = value<uint32_t>();
    if (!ok_ || n > (1u << 24) || n > left_)
      return fail(), std::string();
    std::string s(n, '\0');
    bytes(s.data(), n);
    return s;
  }
  template <typename T> void records(std::vector<T> &v) {
    uint32_t n = value<uint32_t>();
    if (!ok_ || n > (1u << 26) || uint64_t(n) * sizeof(T) > left_)
      return fail();
    v.resize(n);
    bytes(v.data(), n * sizeof(T));
  }
  void fail() { ok_ = false; }
  bool ok() const { return ok_; }

private:
  FILE *f_;
  uint64_t left_;
  bool ok_ = true;
};

/// Bytes from the current position to the end of f; 0 when it cannot tell.
uint64_t sizeLeft(FILE *f) {
  long at = std::ftell(f);
  if (at < 0 || std::fseek(f, 0, SEEK_END) != 0)
    return 0;
  long end = std::ftell(f);
  std::fseek(f, at, SEEK_SET);
  return end > at ? uint64_t(end - at) : 0;
}

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
