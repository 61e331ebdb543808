// The schedule string users copy into `tangle replay --schedule`.
#include "model/explore/explorer.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace tangle {

std::string formatSchedule(const std::vector<ThreadId> &schedule) {
  std::string out;
  for (size_t i = 0; i < schedule.size();) {
    size_t run = 1;
    while (i + run < schedule.size() && schedule[i + run] == schedule[i])
      ++run;
    if (!out.empty())
      out += ',';
    out += std::to_string(schedule[i]);
    if (run > 1)
      out += 'x' + std::to_string(run);
    i += run;
  }
  return out;
}

namespace {

/// Walks "T[xN],T[xN],...", calling run(thread, count) for each part; false
/// on malformed text.
template <class Run> bool walkSchedule(const std::string &text, Run run) {
  size_t i = 0;
  auto number = [&](uint64_t &value) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
      return false;
    value = 0;
    while (i < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[i]))) {
      value = value * 10 + (text[i++] - '0');
      if (value > 10000000)
        return false;
    }
    return true;
  };
  while (i < text.size()) {
    uint64_t thread = 0, count = 1;
    if (!number(thread))
      return false;
    if (i < text.size() && text[i] == 'x') {
      ++i;
      if (!number(count) || count == 0)
        return false;
    }
    if (!run(static_cast<ThreadId>(thread), count))
      return false;
    if (i < text.size() && text[i++] != ',')
      return false;
    if (i == text.size() && text.back() == ',')
      return false;
  }
  return true;
}

} // namespace

bool scheduleLength(const std::string &text, uint64_t &steps) {
  steps = 0;
  return walkSchedule(text, [&](ThreadId, uint64_t count) {
    // Past the maximum the count stops mattering (and cannot overflow).
    steps = std::min(steps + count, MaxScheduleSteps + 1);
    return true;
  });
}

bool parseSchedule(const std::string &text, std::vector<ThreadId> &schedule) {
  schedule.clear();
  // Measured first: "0x9999999,..." must not allocate before it is refused.
  uint64_t steps;
  if (!scheduleLength(text, steps) || steps > MaxScheduleSteps)
    return false;
  schedule.reserve(steps);
  return walkSchedule(text, [&](ThreadId thread, uint64_t count) {
    schedule.insert(schedule.end(), count, thread);
    return true;
  });
}

} // namespace tangle
