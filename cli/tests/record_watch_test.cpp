// The launcher's hand-over of a watched run to the full tangle
// (cli/record_watch.h): what it encodes is what the full tangle decodes, and
// a value it did not write is refused.
#include "cli/record_watch.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

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

} // namespace
} // namespace tangle
