// Reading and writing the trace of a recorded run (docs/trace-format.md,
// "Recorded runs"). The reader checks every length against the bytes left
// and every field against what this version knows before using it.
#include "model/trace/record_trace.h"

#include "model/trace/binary_io.h"

#include <cerrno>
#include <cstring>
#include <functional>
#include <queue>

namespace tangle {
namespace {

constexpr char Magic[8] = {'T', 'N', 'G', 'L', 'R', 'E', 'C', '\0'};
using trace_io::File;
using trace_io::Reader;
using trace_io::sizeLeft;
using trace_io::Writer;

constexpr uint32_t MaxThreads = 1u << 20;

/// What is wrong with thread `t`'s events, or "".
std::string checkEvents(const RecordedThread &t, size_t threadCount) {
  uint64_t last = 0;
  for (size_t i = 0; i < t.events.size(); ++i) {
    const RecordedEvent &e = t.events[i];
    std::string at = "thread " + std::to_string(t.id) + "'s event " +
                     std::to_string(i + 1) + " ";
    if (e.thread != t.id)
      return at + "belongs to thread " + std::to_string(e.thread);
    if (e.op.kind >= OpKind::Count_)
      return at + "has an unknown operation " +
             std::to_string(unsigned(e.op.kind));
    if (e.time < last)
      return at + "is earlier than the one before it";
    last = e.time;
  }
  if (t.parent != NoThread && t.parent >= threadCount)
    return "thread " + std::to_string(t.id) + " names a parent " +
           std::to_string(t.parent) + " that is not in the trace";
  return "";
}

} // namespace

const char *unwatchedName(Unwatched what) {
  switch (what) {
  case Unwatched::Pipes:
    return "pipes";
  case Unwatched::MessageQueues:
    return "message queues";
  case Unwatched::FileLocks:
    return "file locks";
  case Unwatched::Spawns:
    return "popen or vfork";
  case Unwatched::Clones:
    return "clone";
  case Unwatched::Cancellation:
    return "thread cancellation";
  case Unwatched::MemoryAccesses:
    return "memory accesses (data races)";
  case Unwatched::Futexes:
    // Waits and wakes are recorded (docs/runtime.md, "Record mode").
    return "futex operations other than wait and wake";
  case Unwatched::Count_:
    break;
  }
  return "?";
}

void makeStampsUnique(RecordedRun &run) {
  // The next event of each thread, smallest (stamp, thread) first.
  using Head = std::pair<uint64_t, uint32_t>;
  std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
  std::vector<size_t> next(run.threads.size(), 0);
  for (uint32_t t = 0; t < run.threads.size(); ++t)
    if (!run.threads[t].events.empty())
      heads.push({run.threads[t].events[0].time, t});
  uint64_t last = 0;
  bool first = true;
  while (!heads.empty()) {
    uint32_t t = heads.top().second;
    heads.pop();
    std::vector<RecordedEvent> &events = run.threads[t].events;
    RecordedEvent &e = events[next[t]];
    if (!first && e.time <= last)
      e.time = last + 1;
    last = e.time;
    first = false;
    if (++next[t] < events.size())
      heads.push({events[next[t]].time, t});
  }
}

std::string writeRecordedRun(const std::string &path, const RecordedRun &run) {
  File f(std::fopen(path.c_str(), "wb"));
  if (!f)
    return "cannot write " + path + ": " + std::strerror(errno);
  Writer w(f.get());
  w.bytes(Magic, sizeof Magic);
  w.value<uint32_t>(RecordTraceVersion);
  w.value<uint32_t>(sizeof(RecordedEvent));
  w.string(run.program);
  w.value<uint32_t>(run.modules.size());
  for (const RecordedModule &m : run.modules) {
    w.string(m.path);
    w.value<uint64_t>(m.loadBias);
    w.value<uint64_t>(m.begin);
    w.value<uint64_t>(m.end);
  }
  w.value<uint8_t>(static_cast<uint8_t>(run.end));
  w.value<int32_t>(run.status);
  w.value<uint64_t>(run.dropped);
  w.value<uint32_t>(run.unwatched.size());
  for (const UnwatchedUse &u : run.unwatched) {
    w.value<uint32_t>(uint32_t(u.what));
    w.value<uint64_t>(u.pc);
  }
  w.value<uint32_t>(run.threads.size());
  for (const RecordedThread &t : run.threads) {
    w.value<uint32_t>(t.id);
    w.value<uint32_t>(t.parent);
    w.value<int32_t>(t.osPid);
    w.value<int32_t>(t.osTid);
    w.value<uint64_t>(t.startRoutine);
    w.value<uint8_t>(t.ended);
    w.value<uint64_t>(t.events.size());
    w.bytes(t.events.data(), t.events.size() * sizeof(RecordedEvent));
  }
  if (!w.ok() || std::fflush(f.get()) != 0)
    return "cannot write " + path + ": " + std::strerror(errno);
  return "";
}

std::string readRecordedRun(const std::string &path, RecordedRun &run) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f)
    return "cannot read " + path + ": " + std::strerror(errno);
  return readRecordedRun(f.get(), path, run);
}

namespace {
std::string readRun(FILE *f, const std::string &name, RecordedRun &run) {
  uint64_t size = sizeLeft(f);
  Reader r(f, size);
  char magic[8];
  r.bytes(magic, sizeof magic);
  if (!r.ok() || std::memcmp(magic, Magic, sizeof Magic) != 0)
    return name + " is not the trace of a recorded run (tangle run --trace)";
  uint32_t version = r.value<uint32_t>();
  uint32_t eventSize = r.value<uint32_t>();
  if (!r.ok())
    return name + " is truncated (in its header)";
  if (version != RecordTraceVersion)
    return name + " is a recorded-run trace of version " +
           std::to_string(version) + "; this tangle reads version " +
           std::to_string(RecordTraceVersion);
  if (eventSize != sizeof(RecordedEvent))
    return name + " has events of " + std::to_string(eventSize) +
           " bytes; this tangle reads " + std::to_string(sizeof(RecordedEvent));
  run.program = r.string();
  uint32_t modules = r.value<uint32_t>();
  if (!r.ok() || modules > 4096)
    return name + " is " + (r.ok() ? "corrupt (module count)" : "truncated");
  for (uint32_t i = 0; i < modules && r.ok(); ++i) {
    RecordedModule m;
    m.path = r.string();
    m.loadBias = r.value<uint64_t>();
    m.begin = r.value<uint64_t>();
    m.end = r.value<uint64_t>();
    run.modules.push_back(std::move(m));
  }
  uint8_t end = r.value<uint8_t>();
  run.status = r.value<int32_t>();
  run.dropped = r.value<uint64_t>();
  uint32_t unwatched = r.value<uint32_t>();
  if (!r.ok())
    return name + " is truncated (before its unwatched calls)";
  if (unwatched > uint32_t(Unwatched::Count_))
    return name + " is corrupt: " + std::to_string(unwatched) +
           " kinds of unwatched calls";
  for (uint32_t i = 0; i < unwatched; ++i) {
    UnwatchedUse u;
    uint32_t what = r.value<uint32_t>();
    u.pc = r.value<uint64_t>();
    if (!r.ok())
      return name + " is truncated (in its unwatched calls)";
    // Each kind once, in order: a strictly increasing list.
    if (what >= uint32_t(Unwatched::Count_) ||
        (i > 0 && what <= uint32_t(run.unwatched.back().what)))
      return name + " is corrupt: unwatched call kind " + std::to_string(what);
    u.what = Unwatched(what);
    run.unwatched.push_back(u);
  }
  uint32_t threads = r.value<uint32_t>();
  if (!r.ok())
    return name + " is truncated (before its threads)";
  if (end >= uint8_t(RecordedEnd::Count_))
    return name + " is corrupt: unknown end " + std::to_string(end);
  run.end = RecordedEnd(end);
  if (threads > MaxThreads)
    return name + " is corrupt: " + std::to_string(threads) + " threads";
  for (uint32_t i = 0; i < threads; ++i) {
    RecordedThread t;
    t.id = r.value<uint32_t>();
    t.parent = r.value<uint32_t>();
    t.osPid = r.value<int32_t>();
    t.osTid = r.value<int32_t>();
    t.startRoutine = r.value<uint64_t>();
    t.ended = r.value<uint8_t>() != 0;
    uint64_t count = r.value<uint64_t>();
    if (!r.ok())
      return name + " is truncated (in thread " + std::to_string(i) + ")";
    if (t.id != i)
      return name + " is corrupt: thread " + std::to_string(i) +
             " is numbered " + std::to_string(t.id);
    if (count > r.left() / sizeof(RecordedEvent))
      return name + " is truncated (thread " + std::to_string(i) + " has " +
             std::to_string(count) + " events, the file holds fewer)";
    t.events.resize(count);
    r.bytes(t.events.data(), count * sizeof(RecordedEvent));
    run.threads.push_back(std::move(t));
  }
  if (!r.ok())
    return name + " is truncated";
  if (r.left() != 0)
    return name + " is corrupt: " + std::to_string(r.left()) +
           " bytes after the last thread";
  for (const RecordedThread &t : run.threads) {
    std::string problem = checkEvents(t, run.threads.size());
    if (!problem.empty())
      return name + " is corrupt: " + problem;
  }
  return "";
}
} // namespace

std::string readRecordedRun(FILE *f, const std::string &name,
                            RecordedRun &run) {
  run = RecordedRun();
  std::string error = readRun(f, name, run);
  if (!error.empty())
    run = RecordedRun(); // nothing half-read is left to use
  return error;
}

} // namespace tangle
