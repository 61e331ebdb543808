// The virtual clock of controlled mode (model/virtual_clock.h): how reads,
// sleeps and timeouts move a thread's time.
#include "model/virtual_clock.h"

#include <gtest/gtest.h>

using namespace tangle;

namespace {

// Reads until `seconds` have passed since the first read, as a loop bounded
// by elapsed time does; returns how many reads it took, the first included.
int readsToPoll(VirtualClock &clock, uint64_t seconds) {
  uint64_t start = clock.read();
  int reads = 1;
  do
    ++reads;
  while (clock.read() - start < seconds * NsPerSecond);
  return reads;
}

} // namespace

TEST(VirtualClock, EachReadAdvancesByADoublingTick) {
  VirtualClock clock;
  EXPECT_EQ(clock.read(), 1000u);
  EXPECT_EQ(clock.read(), 3000u);
  EXPECT_EQ(clock.read(), 7000u);
  EXPECT_EQ(clock.cpuNs, 7000u);
}

TEST(VirtualClock, TheTickStopsGrowingAtOneSecond) {
  VirtualClock clock;
  uint64_t last = clock.read();
  for (int i = 0; i < 40; ++i) {
    uint64_t now = clock.read();
    EXPECT_GT(now, last);
    EXPECT_LE(now - last, MaxTickNs);
    last = now;
  }
  EXPECT_EQ(clock.read() - last, MaxTickNs);
}

TEST(VirtualClock, APollBoundedByTimeEndsInFewReads) {
  VirtualClock oneSecond;
  EXPECT_LE(readsToPoll(oneSecond, 1), 20); // C-Thread-Pool's thpool_destroy
  VirtualClock oneMinute;
  EXPECT_LE(readsToPoll(oneMinute, 60), 20 + 60);
}

TEST(VirtualClock, ASleepPassesItsLengthAndNotTheCpuClock) {
  VirtualClock clock;
  clock.read();
  clock.pass(2 * NsPerSecond);
  EXPECT_EQ(clock.elapsedNs, 2 * NsPerSecond + 1000);
  EXPECT_EQ(clock.cpuNs, 1000u);
  clock.pass(UINT64_MAX);
  EXPECT_EQ(clock.elapsedNs, UINT64_MAX);
}

TEST(VirtualClock, ATimeoutReachesItsDeadlineButNeverGoesBack) {
  VirtualClock clock;
  clock.reach(5 * NsPerSecond);
  EXPECT_EQ(clock.elapsedNs, 5 * NsPerSecond);
  clock.reach(NsPerSecond); // a deadline already past
  EXPECT_EQ(clock.elapsedNs, 5 * NsPerSecond);
  EXPECT_GT(clock.read(), 5 * NsPerSecond);
}

TEST(VirtualClock, ANewThreadStartsAtItsCreatorsTime) {
  VirtualClock creator;
  for (int i = 0; i < 10; ++i)
    creator.read();
  VirtualClock created = creator.forNewThread();
  EXPECT_EQ(created.elapsedNs, creator.elapsedNs);
  EXPECT_EQ(created.cpuNs, 0u);
  EXPECT_EQ(created.read(), creator.elapsedNs + FirstTickNs);
}

TEST(VirtualClock, DeadlinesAreTakenRelativeToTheBase) {
  EXPECT_EQ(sinceBase(VirtualRealtimeBaseNs + 42, VirtualRealtimeBaseNs), 42u);
  EXPECT_EQ(sinceBase(7, VirtualMonotonicBaseNs), 0u);
}
