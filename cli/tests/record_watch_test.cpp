// The launcher's hand-over of a watched run to the full tangle
// (cli/record_watch.h): what it encodes is what the full tangle decodes, and
// a value it did not write is refused. A mutex's pair event in the record
// region (runtime/record_protocol.h) splits into the two events it stands
// for, and the summary counts the acquisitions still pending.
#include "cli/record_watch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <thread>

#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tangle {
namespace {

TEST(RunHandoffTest, ADecidedCycleSurvivesTheRoundTrip) {
  RunHandoff sent;
  sent.regionFd = 5;
  sent.startedNs = 123456789012345ull;
  sent.outcome.pid = 4242;
  sent.outcome.decided.found = true;
  sent.outcome.decided.kind = FindingKind::DeadlockCycle;
  sent.outcome.decided.threads = {2, 1};
  sent.outcome.decided.waitsOn = {{2, 1}, {1, 2}};
  RunHandoff got;
  ASSERT_TRUE(decodeHandoff(encodeHandoff(sent), got));
  EXPECT_EQ(got.regionFd, 5);
  EXPECT_EQ(got.startedNs, sent.startedNs);
  EXPECT_EQ(got.outcome.pid, 4242);
  EXPECT_FALSE(got.outcome.reaped);
  EXPECT_EQ(got.outcome.interruptSignal, 0);
  EXPECT_TRUE(got.outcome.decided.found);
  EXPECT_EQ(got.outcome.decided.kind, FindingKind::DeadlockCycle);
  EXPECT_EQ(got.outcome.decided.threads, sent.outcome.decided.threads);
  EXPECT_EQ(got.outcome.decided.waitsOn, sent.outcome.decided.waitsOn);
}

TEST(RunHandoffTest, AnEndedRunKeepsItsStatusAndTheInterrupt) {
  RunHandoff sent;
  sent.regionFd = 3;
  sent.startedNs = 1;
  sent.outcome.pid = 7;
  sent.outcome.reaped = true;
  sent.outcome.status = SIGSEGV; // a wait status: killed by SIGSEGV
  sent.outcome.interruptSignal = SIGINT;
  RunHandoff got;
  ASSERT_TRUE(decodeHandoff(encodeHandoff(sent), got));
  EXPECT_TRUE(got.outcome.reaped);
  EXPECT_TRUE(WIFSIGNALED(got.outcome.status));
  EXPECT_EQ(WTERMSIG(got.outcome.status), SIGSEGV);
  EXPECT_EQ(got.outcome.interruptSignal, SIGINT);
  EXPECT_FALSE(got.outcome.decided.found);
  EXPECT_TRUE(got.outcome.decided.threads.empty());
}

TEST(RunHandoffTest, AValueTheLauncherDidNotWriteIsRefused) {
  RunHandoff got;
  EXPECT_FALSE(decodeHandoff("", got));
  EXPECT_FALSE(decodeHandoff("garbage", got));
  // Another version, a bad descriptor or pid, an unknown finding kind, a
  // malformed list.
  EXPECT_FALSE(decodeHandoff("2 5 1 7 0 0 0 0 0 - -", got));
  EXPECT_FALSE(decodeHandoff("1 -1 1 7 0 0 0 0 0 - -", got));
  EXPECT_FALSE(decodeHandoff("1 5 1 0 0 0 0 0 0 - -", got));
  EXPECT_FALSE(decodeHandoff("1 5 1 7 0 0 0 1 250 - -", got));
  EXPECT_FALSE(decodeHandoff("1 5 1 7 0 0 0 1 0 1,x -", got));
  EXPECT_FALSE(decodeHandoff("1 5 1 7 0 0 0 1 0 1 1-2", got));
  EXPECT_TRUE(decodeHandoff("1 5 1 7 0 0 0 1 0 1 1>1", got));
}

TEST(PairedEventTest, SplitsIntoTheAcquisitionAndTheRelease) {
  rec::HeldRecord held = {};
  held.object = 0x7f0012345678;
  held.time = 5000000000ull;
  held.pc = 0x7fffabcd1234; // high half set: both halves must come back
  held.arg = uint64_t(MutexType::Default);
  held.kind = uint32_t(OpKind::MutexTryLock);
  uint64_t released = held.time + 1234;
  RecordedEvent pair;
  rec::packPair(pair, held, released, 0x401000);
  ASSERT_TRUE(rec::isPair(pair));
  RecordedEvent acquire, release;
  rec::unpackPair(pair, 3, acquire, release);
  EXPECT_EQ(acquire.time, held.time);
  EXPECT_EQ(acquire.thread, 3u);
  EXPECT_EQ(acquire.result, 0);
  EXPECT_EQ(acquire.op.kind, OpKind::MutexTryLock);
  EXPECT_EQ(acquire.op.flags, 0);
  EXPECT_EQ(acquire.op.object, held.object);
  EXPECT_EQ(acquire.op.arg, held.arg);
  EXPECT_EQ(acquire.pc, held.pc);
  EXPECT_EQ(release.time, released);
  EXPECT_EQ(release.thread, 3u);
  EXPECT_EQ(release.result, 0);
  EXPECT_EQ(release.op.kind, OpKind::MutexUnlock);
  EXPECT_EQ(release.op.flags, 0);
  EXPECT_EQ(release.op.reserved, 0u);
  EXPECT_EQ(release.op.object, held.object);
  EXPECT_EQ(release.op.arg, held.arg);
  EXPECT_EQ(release.pc, 0x401000u);
  // A plain unlock is no pair.
  EXPECT_FALSE(rec::isPair(release));
}

TEST(PairedEventTest, APairThatDoesNotFitIsTwoEvents) {
  EXPECT_TRUE(rec::fitsPair(10, 11, 0));
  EXPECT_TRUE(rec::fitsPair(10, 10 + uint64_t(UINT32_MAX), 0));
  EXPECT_FALSE(rec::fitsPair(10, 11 + uint64_t(UINT32_MAX), 0)); // held long
  EXPECT_FALSE(rec::fitsPair(10, 11, EPERM)); // the release failed
}

TEST(PairedEventTest, TheSummaryCountsPendingAcquisitions) {
  Region region;
  std::string error;
  ASSERT_TRUE(createRegion(region, 2, error)) << error;
  region.header->threadCount = 2;
  region.header->slotsUsed = 2;
  rec::ThreadRecord *threads = region.threads();
  threads[0].events = 5;
  threads[1].events = 2;
  threads[1].heldCount = 2;
  threads[1].held[0].pending = 1; // a mutex, its release not yet recorded
  threads[1].held[1].pending = 0; // a read lock: its event is written
  EXPECT_EQ(region.recordedOperations(), 8u);
}

// Thread slots are reused (docs/runtime.md, "Thread slots"): a thread's
// live state is its slot's only while the slot holds its number; the
// numbers, the trace's threads, are never reused.
TEST(ThreadSlotTest, ASlotIsAThreadsWhileItHoldsItsNumber) {
  Region region;
  std::string error;
  ASSERT_TRUE(createRegion(region, 2, error)) << error;
  EXPECT_EQ(region.header->maxNumbers, RecordThreadNumbers);
  EXPECT_GT(RecordThreadNumbers, RecordThreads);
  rec::ThreadRecord *threads = region.threads();
  rec::ThreadInfo *infos = region.infos();
  // Thread 0 in slot 0; thread 1 ended and was joined, its slot 1 went to
  // thread 2; thread 3's slot is being set up (no number yet).
  region.header->slotsUsed = 2;
  region.header->threadCount = 4;
  infos[0].slot = 0;
  threads[0].number = 0;
  infos[1].slot = 1;
  infos[2].slot = 1;
  threads[1].number = 2;
  infos[3].slot = 0; // (a stale index: slot 0 holds thread 0)
  EXPECT_EQ(region.slotOf(0), &threads[0]);
  EXPECT_EQ(region.slotOf(1), nullptr);
  EXPECT_EQ(region.slotOf(2), &threads[1]);
  EXPECT_EQ(region.slotOf(3), nullptr);
  EXPECT_EQ(region.slotOf(4), nullptr); // not handed out
  EXPECT_EQ(region.threadCount(), 4u);
  EXPECT_EQ(region.slotCount(), 2u);
  // A slot's count of events is every thread's it held, and the summary
  // counts each once.
  threads[0].events = 3;
  threads[1].events = 7; // 4 of thread 1, 3 of thread 2
  threads[1].eventsBase = 4;
  EXPECT_EQ(region.recordedOperations(), 10u);
}

// The watchdog claims a stall only of threads blocked for good: a futex
// wait with a timeout ends by itself, and a process-shared one on a shared
// page may be woken by a process outside the run (as tangle attach decides).
// Slot 0 is this thread, said to wait for a semaphore; slot 1 a thread
// really asleep in FUTEX_WAIT, said to wait with the flags given.
class FutexWaitWatch : public ::testing::Test {
protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(createRegion(region_, 2, error)) << error;
    region_.header->slotsUsed = 2;
    region_.header->threadCount = 2;
    sleeper_ = std::thread([this] {
      tid_.store(int32_t(syscall(SYS_gettid)));
      while (word_.load() == 0)
        syscall(SYS_futex, &word_, FUTEX_WAIT, 0, nullptr, nullptr, 0);
    });
    while (tid_.load() == 0)
      std::this_thread::yield();
    // Until the kernel has it asleep in the wait (the watchdog takes a
    // running thread for a loop).
    std::string stat =
        "/proc/self/task/" + std::to_string(tid_.load()) + "/stat";
    while (readState(stat) != 'S')
      std::this_thread::yield();
    describe(0, int32_t(syscall(SYS_gettid)), OpKind::SemWait, 0x1000, 0);
  }
  void TearDown() override {
    word_.store(1);
    syscall(SYS_futex, &word_, FUTEX_WAKE, 1, nullptr, nullptr, 0);
    sleeper_.join();
  }
  static char readState(const std::string &stat) {
    FILE *f = fopen(stat.c_str(), "r");
    char line[512] = {};
    if (f) {
      fgets(line, sizeof(line), f);
      fclose(f);
    }
    const char *paren = strrchr(line, ')');
    return paren && paren[1] ? paren[2] : 0;
  }
  void describe(uint32_t s, int32_t tid, OpKind kind, uint64_t object,
                uint16_t flags) {
    rec::ThreadRecord &slot = region_.threads()[s];
    slot.osPid = getpid();
    slot.osTid = tid;
    slot.number = s;
    slot.state = uint32_t(rec::ThreadState::Alive);
    slot.wait.op.kind = kind;
    slot.wait.op.object = object;
    slot.wait.op.flags = flags;
    slot.wait.waiting = 1;
  }
  /// The watchdog's verdict on the sleeper waiting on `word` with `flags`.
  bool stallClaimed(uint64_t word, uint16_t flags,
                    OpKind kind = OpKind::FutexResume) {
    describe(1, tid_.load(), kind, word, flags);
    Watchdog watchdog(region_, 0);
    WatchVerdict verdict;
    return watchdog.look(verdict) && verdict.found &&
           verdict.kind == FindingKind::DeadlockStall;
  }

  Region region_;
  std::atomic<uint32_t> word_{0};
  std::atomic<int32_t> tid_{0};
  std::thread sleeper_;
};

TEST_F(FutexWaitWatch, AnUntimedWaitIsBlockedForGood) {
  EXPECT_TRUE(stallClaimed(reinterpret_cast<uintptr_t>(&word_), 0));
}

TEST_F(FutexWaitWatch, ATimedWaitEndsByItself) {
  EXPECT_FALSE(stallClaimed(reinterpret_cast<uintptr_t>(&word_), FutexTimed));
}

TEST_F(FutexWaitWatch, AProcessSharedWaitOnASharedPageMayBeWokenFromOutside) {
  // Shared on private memory (libstdc++'s futures): nobody else maps it.
  EXPECT_TRUE(stallClaimed(reinterpret_cast<uintptr_t>(&word_), FutexShared));
  void *page = mmap(nullptr, 4096, PROT_READ | PROT_WRITE,
                    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(page, MAP_FAILED);
  EXPECT_FALSE(stallClaimed(reinterpret_cast<uintptr_t>(page), FutexShared));
  munmap(page, 4096);
}

// A timed wait (here a condition's) ends by itself: no stall while a thread
// is in one -- unless the thread timed out since anything else moved and
// waits again, a retry loop nothing left can end: blocked, once that lasted
// LivelockFactor x --hang-after (0 here).
TEST_F(FutexWaitWatch, ATimedConditionWaitEndsByItselfUntilItOnlyRetries) {
  EXPECT_TRUE(stallClaimed(0x2000, 0, OpKind::CondWait));
  EXPECT_FALSE(stallClaimed(0x2000, CondTimed, OpKind::CondWait));
  region_.threads()[1].timeouts = 1; // seen to move at the look
  EXPECT_TRUE(stallClaimed(0x2000, CondTimed, OpKind::CondWait));
}

// A timed lock is no edge of a wait-for cycle: the thread in it gives up by
// itself. Slot 0 holds a and wants b, slot 1 holds b and wants a.
TEST_F(FutexWaitWatch, ATimedLockIsNoEdgeOfACycle) {
  auto hold = [&](uint32_t s, uint64_t object) {
    region_.threads()[s].held[0].object = object;
    region_.threads()[s].held[0].count = 1;
    region_.threads()[s].heldCount = 1;
  };
  describe(0, int32_t(syscall(SYS_gettid)), OpKind::MutexLock, 0xb, 0);
  hold(0, 0xa);
  hold(1, 0xb);
  auto verdict = [&](OpKind kind) -> std::optional<FindingKind> {
    describe(1, tid_.load(), kind, 0xa, 0);
    Watchdog watchdog(region_, 0);
    WatchVerdict out;
    if (watchdog.look(out) && out.found)
      return out.kind;
    return std::nullopt;
  };
  EXPECT_EQ(verdict(OpKind::MutexLock), FindingKind::DeadlockCycle);
  EXPECT_EQ(verdict(OpKind::MutexTimedLock), std::nullopt);
}

/// Runs (does not sleep) until this thread has used `ns` of CPU time.
void spinFor(uint64_t ns) {
  auto cpuNs = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
  };
  for (uint64_t start = cpuNs(); cpuNs() - start < ns;) {
  }
}

// A thread whose last recorded event ended its process (main returned,
// exit) is tearing the process down, which on a loaded machine can take
// longer than --hang-after while its CPU time grows: not a loop. Another
// thread running without a recorded operation is one (program.hang).
TEST(LoopWatch, AThreadEndingItsProcessIsNotALoop) {
  Region region;
  std::string error;
  ASSERT_TRUE(createRegion(region, 2, error)) << error;
  region.header->slotsUsed = 1;
  region.header->threadCount = 1;
  region.header->chunksUsed = 1;
  rec::ThreadRecord &slot = region.threads()[0];
  slot.osPid = getpid();
  slot.osTid = int32_t(syscall(SYS_gettid)); // this thread: running
  slot.number = 0;
  slot.state = uint32_t(rec::ThreadState::Alive);
  slot.currentChunk = 0;
  rec::Chunk &chunk = region.chunks()[0];
  chunk.thread = 0;
  chunk.events[0].op.kind = OpKind::ProcessExit;
  chunk.count = 1;
  // Two looks, this thread on a CPU for 20 ms between them: a loop is
  // measured between two looks (one runnable a moment, having just woken,
  // is none).
  auto verdict = [&]() -> std::optional<FindingKind> {
    Watchdog watchdog(region, 0);
    WatchVerdict out;
    if (watchdog.look(out) && out.found)
      return out.kind;
    spinFor(20 * 1000000);
    if (watchdog.look(out) && out.found)
      return out.kind;
    return std::nullopt;
  };
  EXPECT_EQ(verdict(), std::nullopt);
  chunk.events[0].op.kind = OpKind::MutexUnlock;
  EXPECT_EQ(verdict(), FindingKind::ProgramHang);
}

} // namespace
} // namespace tangle
