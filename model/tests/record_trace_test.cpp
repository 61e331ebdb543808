// The recorded-run trace (docs/trace-format.md, "Recorded runs"): a written
// run reads back the same, and every corrupt or truncated file is refused
// with one line.
#include "model/trace/record_trace.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <unistd.h>

using namespace tangle;

namespace {

RecordedRun sampleRun() {
  RecordedRun run;
  run.program = "abba.c";
  run.modules.push_back({"/tmp/abba", 0x1000, 0x1000, 0x2000});
  run.end = RecordedEnd::Stopped;
  run.unwatched = {{Unwatched::Pipes, 0x1111},
                   {Unwatched::MemoryAccesses, 0}};
  for (ThreadId t = 0; t < 2; ++t) {
    RecordedThread thread;
    thread.id = t;
    thread.parent = t == 0 ? NoThread : 0;
    for (uint64_t i = 0; i < 3; ++i) {
      RecordedEvent e;
      e.time = 100 * t + i;
      e.thread = t;
      e.op.kind = i == 2 ? OpKind::MutexUnlock : OpKind::MutexLock;
      e.op.object = 0x4000 + t;
      e.pc = 0x1234;
      thread.events.push_back(e);
    }
    run.threads.push_back(thread);
  }
  return run;
}

/// The temporary files path() named, removed when the test process ends.
struct TempFiles {
  std::set<std::string> names;
  ~TempFiles() {
    for (const std::string &name : names)
      std::remove(name.c_str());
  }
};

std::string path(const char *name) {
  static TempFiles files;
  // ctest runs the tests of this file in parallel processes: each its own.
  std::string file = testing::TempDir() + "/record_trace_" + name + "_" +
                     std::to_string(getpid());
  files.names.insert(file);
  return file;
}

std::string bytesOf(const std::string &file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const std::string &file, const std::string &bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

std::string readError(const std::string &bytes) {
  std::string file = path("corrupt");
  writeBytes(file, bytes);
  RecordedRun run;
  return readRecordedRun(file, run);
}

} // namespace

TEST(RecordTrace, RoundTrip) {
  std::string file = path("good");
  ASSERT_EQ(writeRecordedRun(file, sampleRun()), "");
  RecordedRun run;
  ASSERT_EQ(readRecordedRun(file, run), "");
  EXPECT_EQ(run.program, "abba.c");
  ASSERT_EQ(run.modules.size(), 1u);
  EXPECT_EQ(run.modules[0].end, 0x2000u);
  EXPECT_EQ(run.end, RecordedEnd::Stopped);
  ASSERT_EQ(run.unwatched.size(), 2u);
  EXPECT_EQ(run.unwatched[0].what, Unwatched::Pipes);
  EXPECT_EQ(run.unwatched[0].pc, 0x1111u);
  EXPECT_EQ(run.unwatched[1].what, Unwatched::MemoryAccesses);
  ASSERT_EQ(run.threads.size(), 2u);
  EXPECT_EQ(run.threads[1].parent, 0u);
  ASSERT_EQ(run.threads[1].events.size(), 3u);
  EXPECT_EQ(run.threads[1].events[2].op.kind, OpKind::MutexUnlock);
  EXPECT_EQ(run.threads[1].events[0].op.object, 0x4001u);
}

TEST(RecordTrace, EveryTruncationIsRefusedInOneLine) {
  std::string file = path("whole");
  ASSERT_EQ(writeRecordedRun(file, sampleRun()), "");
  std::string bytes = bytesOf(file);
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::string error = readError(bytes.substr(0, n));
    ASSERT_NE(error, "") << "accepted the first " << n << " bytes";
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  }
}

TEST(RecordTrace, CorruptFieldsAreRefused) {
  std::string file = path("fields");
  ASSERT_EQ(writeRecordedRun(file, sampleRun()), "");
  const std::string good = bytesOf(file);
  EXPECT_EQ(readError(good), "");
  // Magic, version, event size.
  std::string bad = good;
  bad[0] = 'X';
  EXPECT_NE(readError(bad).find("is not the trace of a recorded run"),
            std::string::npos);
  bad = good;
  bad[8] = 9;
  EXPECT_NE(readError(bad).find("version 9"), std::string::npos);
  bad = good;
  bad[12] = 47;
  EXPECT_NE(readError(bad).find("events of 47 bytes"), std::string::npos);
  // Bytes after the last thread.
  EXPECT_NE(readError(good + "x").find("after the last thread"),
            std::string::npos);
  // An unknown operation, an event of another thread, time going back:
  // the last event's fields, counted from the end of the file.
  const size_t eventSize = sizeof(RecordedEvent);
  const size_t last = good.size() - eventSize;
  bad = good;
  bad[last + 16] = char(0xff); // op.kind
  bad[last + 17] = char(0xff);
  EXPECT_NE(readError(bad).find("unknown operation"), std::string::npos);
  bad = good;
  bad[last + 8] = 0; // thread 1's event claims thread 0
  EXPECT_NE(readError(bad).find("belongs to thread 0"), std::string::npos);
  bad = good;
  for (int i = 0; i < 8; ++i)
    bad[last + i] = 0; // time 0, after 101
  EXPECT_NE(readError(bad).find("earlier than the one before it"),
            std::string::npos);
  // A refused file leaves nothing half-read behind (the fuzz target found
  // a run whose threads were read before the check that failed).
  std::string file2 = path("refused");
  writeBytes(file2, bad);
  RecordedRun run = sampleRun();
  EXPECT_NE(readRecordedRun(file2, run), "");
  EXPECT_TRUE(run.threads.empty());
  EXPECT_TRUE(run.program.empty());
}

TEST(RecordTrace, TheUnwatchedListIsChecked) {
  // The list follows the header (magic 8, version 4, event size 4), the
  // program, the module and end, status, dropped: find it by writing a run
  // with no module and a one-letter program.
  RecordedRun run = sampleRun();
  run.program = "p";
  run.modules.clear();
  std::string file = path("unwatched");
  ASSERT_EQ(writeRecordedRun(file, run), "");
  const std::string good = bytesOf(file);
  const size_t list = 8 + 4 + 4 + (4 + 1) + 4 + 1 + 4 + 8;
  ASSERT_EQ(good[list], 2); // two kinds
  std::string bad = good;
  bad[list] = 100; // more kinds than there are
  EXPECT_NE(readError(bad).find("100 kinds of unwatched calls"),
            std::string::npos);
  bad = good;
  bad[list + 4] = 77; // an unknown kind
  EXPECT_NE(readError(bad).find("unwatched call kind 77"), std::string::npos);
  bad = good;
  bad[list + 4 + 12] = 0; // the second is pipes again: not increasing
  EXPECT_NE(readError(bad).find("unwatched call kind 0"), std::string::npos);
  for (Unwatched u = Unwatched::Pipes; u != Unwatched::Count_;
       u = Unwatched(uint32_t(u) + 1))
    EXPECT_STRNE(unwatchedName(u), "?");
}

TEST(RecordTrace, AnExploredTraceIsNotARecordedRun) {
  Trace trace;
  trace.program = "x.c";
  std::string file = path("explored");
  ASSERT_EQ(writeTrace(file, trace), "");
  RecordedRun run;
  EXPECT_NE(readRecordedRun(file, run).find("not the trace of a recorded run"),
            std::string::npos);
}

// The runtime's stamps increase within a thread but two threads may share
// one (runtime/record.cpp): makeStampsUnique merges the threads by (stamp,
// thread) and raises each stamp past the one before it in that merge.
// A forked child's thread is a thread of a process of its own; a thread
// numbered that never ran (pid 0) is of none.
TEST(RecordTrace, ProcessesAreCountedByTheirThreadsPids) {
  EXPECT_EQ(countProcesses(std::vector<int32_t>{}), 0u);
  EXPECT_EQ(countProcesses({40, 40, 40}), 1u);
  EXPECT_EQ(countProcesses({40, 41, 40, 0, 42}), 3u);
  RecordedRun run;
  run.threads.resize(3);
  run.threads[0].osPid = run.threads[1].osPid = 7;
  run.threads[2].osPid = 9;
  EXPECT_EQ(countProcesses(run), 2u);
}

TEST(MakeStampsUniqueTest, TiesBecomeUniqueAndTheMergeOrderStays) {
  RecordedRun run;
  std::vector<std::vector<uint64_t>> stamps = {
      {10, 11, 12, 40}, {10, 12, 13}, {5, 11, 11000}};
  for (ThreadId t = 0; t < stamps.size(); ++t) {
    RecordedThread thread;
    thread.id = t;
    for (uint64_t s : stamps[t]) {
      RecordedEvent e;
      e.time = s;
      e.thread = t;
      thread.events.push_back(e);
    }
    run.threads.push_back(thread);
  }
  makeStampsUnique(run);
  // By (stamp, thread): 5/2, 10/0, 10/1, 11/0, 11/2, 12/0, 12/1, 13/1,
  // 40/0, 11000/2, each raised to one past the one before it.
  EXPECT_EQ(run.threads[0].events[0].time, 10u);
  EXPECT_EQ(run.threads[1].events[0].time, 11u);
  EXPECT_EQ(run.threads[0].events[1].time, 12u);
  EXPECT_EQ(run.threads[2].events[1].time, 13u);
  EXPECT_EQ(run.threads[0].events[2].time, 14u);
  EXPECT_EQ(run.threads[1].events[1].time, 15u);
  EXPECT_EQ(run.threads[1].events[2].time, 16u);
  EXPECT_EQ(run.threads[0].events[3].time, 40u);
  EXPECT_EQ(run.threads[2].events[0].time, 5u);
  EXPECT_EQ(run.threads[2].events[2].time, 11000u);
  std::set<uint64_t> all;
  for (const RecordedThread &t : run.threads)
    for (size_t i = 0; i < t.events.size(); ++i) {
      EXPECT_TRUE(all.insert(t.events[i].time).second);
      if (i)
        EXPECT_LT(t.events[i - 1].time, t.events[i].time);
    }
}

TEST(MakeStampsUniqueTest, UniqueStampsAreLeftAsTheyAre) {
  RecordedRun run = sampleRun();
  RecordedRun before = run;
  makeStampsUnique(run);
  for (size_t t = 0; t < run.threads.size(); ++t)
    for (size_t i = 0; i < run.threads[t].events.size(); ++i)
      EXPECT_EQ(run.threads[t].events[i].time,
                before.threads[t].events[i].time);
}
