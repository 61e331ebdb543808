// The schedule string users copy into `tangle replay --schedule`.
#include "model/explore/explorer.h"

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

bool parseSchedule(const std::string &text, std::vector<ThreadId> &schedule) {
  schedule.clear();
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
    uint64_t thread = 0, run = 1;
    if (!number(thread))
      return false;
    if (i < text.size() && text[i] == 'x') {
      ++i;
      if (!number(run) || run == 0)
        return false;
    }
    schedule.insert(schedule.end(), run, static_cast<ThreadId>(thread));
    if (i < text.size() && text[i++] != ',')
      return false;
    if (i == text.size() && text.back() == ',')
      return false;
  }
  return true;
}

} // namespace tangle
