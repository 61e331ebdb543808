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

} // namespace
} // namespace tangle
