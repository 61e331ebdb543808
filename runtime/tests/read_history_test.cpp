// runtime/read_history.h: a poll's steps find the reads of their last turn
// again, whatever their keys (which hash the program's addresses).
#include "runtime/read_history.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

using tangle::rt::ReadHistory;

/// Runs `rounds` turns of a loop whose steps have `keys`, each step after
/// the same reads; returns how many steps of the turns after the first
/// were taken for news.
int newsAfterFirstTurn(const std::vector<uint64_t> &keys, int rounds) {
  static ReadHistory history; // zeroed, as the runtime's is
  history = ReadHistory{};
  int news = 0;
  for (int round = 0; round < rounds; ++round)
    for (uint64_t key : keys)
      if (!history.repeats(key, key * 7 + 1) && round > 0)
        ++news;
  return news;
}

TEST(ReadHistory, FirstSightAndChangedReadsAreNews) {
  ReadHistory history{};
  EXPECT_FALSE(history.repeats(42, 5));
  EXPECT_TRUE(history.repeats(42, 5));
  EXPECT_FALSE(history.repeats(42, 6)); // it read something else this time
  EXPECT_TRUE(history.repeats(42, 6));
}

// poll_locked_shutdown.c ran to the execution timeout in about 1 run of 30:
// three of main's steps (lock, unlock, unlock) had keys that the table
// before this one put into one set of two ways (the key times
// 0xC2B2AE3D27D4EB4F, top 4 bits), so each evicted another on every turn.
TEST(ReadHistory, ThreeStepsThatShareASetOfTheOldTableAreFoundAgain) {
  std::vector<uint64_t> keys;
  for (uint64_t key = 1; keys.size() < 3; ++key)
    if ((key * 0xC2B2AE3D27D4EB4Full) >> 60 == 5)
      keys.push_back(key);
  EXPECT_EQ(newsAfterFirstTurn(keys, 4), 0);
}

TEST(ReadHistory, ALoopOfAsManyStepsAsSlotsIsFoundAgain) {
  std::vector<uint64_t> keys;
  for (uint64_t i = 0; i < ReadHistory::Slots; ++i)
    keys.push_back((i + 1) * 0x9E3779B97F4A7C15ull);
  EXPECT_EQ(newsAfterFirstTurn(keys, 3), 0);
  // One step more than it keeps: least recently used out, every step is
  // news (a poll then runs on: never a turn taken for a poll wrongly).
  keys.push_back(7);
  EXPECT_EQ(newsAfterFirstTurn(keys, 3), 2 * int(keys.size()));
}

} // namespace
