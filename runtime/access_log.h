// The access log's name records (runtime/intercept_file.cpp): what a key
// that is not an address is called, for reports.
#pragma once

#include <cstdint>

namespace tangle::rt {

/// Records, once per execution, that `key` (a file key, see
/// model/file_identity.h) is called `name`; reports show that name.
void logObjectName(uint64_t key, const char *name);

} // namespace tangle::rt
