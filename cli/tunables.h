// GLIBC_TUNABLES between the launcher (cli/launcher.cpp) and the full
// tangle (cli/main.cpp): the launcher starts the full tangle with glibc's
// malloc backing large blocks with huge pages, and the full tangle gives
// the programs it starts (the compiler, the program under test) the user's
// own GLIBC_TUNABLES back, or none.
#pragma once

#include <cstdlib>
#include <string>

namespace tangle {

/// The user's GLIBC_TUNABLES as the launcher found it: "1" and the value,
/// or "0" when it was not set.
constexpr const char *UserTunablesEnv = "TANGLE_USER_GLIBC_TUNABLES";

/// malloc's mmap'd blocks and heap get MADV_HUGEPAGE (glibc 2.35 on).
constexpr const char *HugePagesTunable = "glibc.malloc.hugetlb=1";

/// The launcher, before it execs the full tangle: the tunable added, the
/// user's value kept.
inline void addHugePagesTunable() {
  const char *user = getenv("GLIBC_TUNABLES");
  setenv(UserTunablesEnv,
         (std::string(user ? "1" : "0") + (user ? user : "")).c_str(), 1);
  std::string tunables = user && *user ? std::string(user) + ":" : "";
  setenv("GLIBC_TUNABLES", (tunables + HugePagesTunable).c_str(), 1);
}

/// The full tangle, first thing: the user's GLIBC_TUNABLES back for the
/// programs it starts (glibc read them as this process started). Nothing
/// when the launcher did not start it.
inline void restoreUserTunables() {
  const char *user = getenv(UserTunablesEnv);
  if (!user)
    return;
  if (user[0] == '1')
    setenv("GLIBC_TUNABLES", user + 1, 1);
  else
    unsetenv("GLIBC_TUNABLES");
  unsetenv(UserTunablesEnv);
}

} // namespace tangle
