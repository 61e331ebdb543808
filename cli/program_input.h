// --stdin: the program's standard input, the same bytes for every
// execution. By default it is empty (tangle never reads its own standard
// input then, so `while read f; do tangle check "$f"; done < list` works).
#pragma once

#include <atomic>
#include <string>

namespace tangle {

/// Reads what --stdin names into `data`: nothing for "", tangle's own
/// standard input for "-", else the file. False with a one-line `error`
/// when it cannot, or when `interrupt` becomes non-zero while waiting
/// (error = "interrupted").
bool readProgramInput(const std::string &option, std::string &data,
                      std::string &error, const std::atomic<int> &interrupt);

} // namespace tangle
