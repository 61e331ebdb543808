// libFuzzer target: the schedule string of `tangle replay --schedule`. Any
// text is either refused as malformed, by scheduleLength and parseSchedule
// alike, or parsed into as many steps as scheduleLength counted, and
// formatSchedule's text for them parses back to the same schedule.
#include "model/explore/explorer.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  std::vector<tangle::ThreadId> schedule;
  uint64_t steps = 0;
  if (!tangle::scheduleLength(text, steps)) {
    if (tangle::parseSchedule(text, schedule))
      abort(); // one refuses what the other accepts
    return 0;
  }
  // tangle replay refuses a schedule longer than --max-steps before
  // expanding it (default 100000).
  if (steps > 1000000)
    return 0;
  if (!tangle::parseSchedule(text, schedule) || schedule.size() != steps)
    abort();
  std::vector<tangle::ThreadId> again;
  if (!tangle::parseSchedule(tangle::formatSchedule(schedule), again) ||
      again != schedule)
    abort(); // formatSchedule's output does not round-trip
  return 0;
}
