// Trace files: what is written is read back; bad files are refused.
#include "model/trace/trace_file.h"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <unistd.h>

namespace tangle {
namespace {

std::string tempPath() {
  char path[] = "/tmp/tangle-trace-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  return path;
}

TEST(TraceFile, RoundTrips) {
  Trace t;
  t.program = "philosophers.c";
  t.modules.push_back({"/tmp/a.out", 0x555500000000});
  TraceExecution x;
  x.label = "deadlock.cycle";
  x.schedule = {0, 0, 1, 2};
  Event e;
  e.thread = 1;
  e.op.kind = OpKind::MutexLock;
  e.op.object = 0x1234;
  e.stack.frames[0] = 0x42;
  x.execution.events = {e, e};
  x.execution.end = EndReason::Deadlock;
  x.execution.pending.push_back({2, 0, e.op, e.stack});
  x.execution.crash.message = "none";
  t.executions.push_back(x);
  std::string path = tempPath();
  ASSERT_EQ(writeTrace(path, t), "");
  Trace back;
  ASSERT_EQ(readTrace(path, back), "");
  EXPECT_EQ(back.program, t.program);
  ASSERT_EQ(back.modules.size(), 1u);
  EXPECT_EQ(back.modules[0].loadBias, 0x555500000000u);
  ASSERT_EQ(back.executions.size(), 1u);
  const Execution &b = back.executions[0].execution;
  EXPECT_EQ(back.executions[0].schedule, x.schedule);
  EXPECT_EQ(b.end, EndReason::Deadlock);
  ASSERT_EQ(b.events.size(), 2u);
  EXPECT_EQ(b.events[1].op.object, 0x1234u);
  EXPECT_EQ(b.events[1].stack.frames[0], 0x42u);
  ASSERT_EQ(b.pending.size(), 1u);
  EXPECT_EQ(b.pending[0].thread, 2u);
  unlink(path.c_str());
}

TEST(TraceFile, RefusesCorruptAndMissingFiles) {
  std::string path = tempPath();
  {
    std::ofstream f(path);
    f << "not a trace";
  }
  Trace t;
  EXPECT_NE(readTrace(path, t), "");
  EXPECT_NE(readTrace("/nonexistent/trace", t), "");
  // A valid header followed by a truncated body.
  Trace small;
  small.program = "p";
  small.executions.resize(1);
  small.executions[0].execution.events.resize(3);
  ASSERT_EQ(writeTrace(path, small), "");
  truncate(path.c_str(), 60);
  EXPECT_NE(readTrace(path, t), "");
  unlink(path.c_str());
}

TEST(TraceFile, LengthsBeyondTheFileAreCorruptNotAllocated) {
  // One execution of 3 events, then its event count rewritten to 2^26: the
  // reader must refuse it without reserving 2^26 events (~20 GB).
  Trace small;
  small.program = "p";
  small.executions.resize(1);
  small.executions[0].execution.events.resize(3);
  std::string path = tempPath();
  ASSERT_EQ(writeTrace(path, small), "");
  std::string bytes;
  {
    std::ifstream f(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(f), {});
  }
  // The event count sits just before the 3 events and the pending count.
  size_t events = bytes.size() - 4 - 3 * sizeof(Event) - 4;
  uint32_t huge = 1u << 26;
  bytes.replace(events, 4, reinterpret_cast<const char *>(&huge), 4);
  FILE *file = fmemopen(bytes.data(), bytes.size(), "rb");
  ASSERT_NE(file, nullptr);
  Trace t;
  EXPECT_NE(readTrace(file, "corrupt", t).find("truncated or corrupt"),
            std::string::npos);
  fclose(file);
  unlink(path.c_str());
}

TEST(TraceFile, UnknownOperationKindIsCorrupt) {
  Trace one;
  one.program = "p";
  one.executions.resize(1);
  one.executions[0].execution.events.resize(1);
  one.executions[0].execution.events[0].op.kind = OpKind::Count_;
  std::string path = tempPath();
  ASSERT_EQ(writeTrace(path, one), "");
  Trace t;
  EXPECT_NE(readTrace(path, t), "");
  one.executions[0].execution.events[0].op.kind = OpKind::MutexLock;
  one.executions[0].execution.end = EndReason::LimitReached;
  ASSERT_EQ(writeTrace(path, one), "");
  EXPECT_EQ(readTrace(path, t), "");
  unlink(path.c_str());
}

} // namespace
} // namespace tangle
