// What each finding id says to a student: the one-line summary and the fix
// hint, specific to the id and to the names in the explanation.
#pragma once

#include "cli/explain.h"

namespace tangle {

/// The one-line summary of the finding (`explanation` has its threads,
/// object and steps filled in).
std::string findingSummary(const Finding &finding,
                           const Explanation &explanation);

/// How to fix it.
std::string findingHint(const Finding &finding, const Explanation &explanation);

} // namespace tangle
