// The schedule string: compact, and parsed back exactly.
#include "model/explore/explorer.h"

#include <gtest/gtest.h>

namespace tangle {
namespace {

TEST(ScheduleString, RoundTrips) {
  std::vector<ThreadId> s = {0, 0, 0, 1, 2, 2, 0};
  EXPECT_EQ(formatSchedule(s), "0x3,1,2x2,0");
  std::vector<ThreadId> back;
  ASSERT_TRUE(parseSchedule(formatSchedule(s), back));
  EXPECT_EQ(back, s);
  ASSERT_TRUE(parseSchedule("", back));
  EXPECT_TRUE(back.empty());
}

TEST(ScheduleString, RejectsMalformed) {
  std::vector<ThreadId> out;
  for (const char *bad :
       {"x", "1,", ",1", "1x", "1x0", "a", "1;2", "1xx2", "99999999999"})
    EXPECT_FALSE(parseSchedule(bad, out)) << bad;
}

TEST(ScheduleString, LengthIsMeasuredBeforeExpanding) {
  uint64_t steps = 0;
  ASSERT_TRUE(scheduleLength("0x5,1,2x3", steps));
  EXPECT_EQ(steps, 9u);
  EXPECT_FALSE(scheduleLength("0x5,", steps));
  // 400 runs of 10^7 - 1 steps: measured (capped just past the maximum),
  // refused by parseSchedule without allocating 16 GB.
  std::string huge;
  for (int i = 0; i < 400; ++i)
    huge += (i ? "," : "") + std::string("0x9999999");
  ASSERT_TRUE(scheduleLength(huge, steps));
  EXPECT_EQ(steps, MaxScheduleSteps + 1);
  std::vector<ThreadId> out;
  EXPECT_FALSE(parseSchedule(huge, out));
  EXPECT_TRUE(out.empty());
}

} // namespace
} // namespace tangle
