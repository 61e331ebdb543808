// The stable ids of the static checks: the one place they are spelled, shared
// by the checks, the suppression parser and the SARIF rules table.
#ifndef TANGLE_ANALYZER_CHECKIDS_H
#define TANGLE_ANALYZER_CHECKIDS_H

namespace tangle::analyzer::ids {
inline constexpr const char *SharedFileUnlocked = "tangle-shared-file-unlocked";
inline constexpr const char *SharedGlobalUnlocked =
    "tangle-shared-global-unlocked";
inline constexpr const char *DoubleLock = "tangle-double-lock";
inline constexpr const char *MissingUnlock = "tangle-missing-unlock";
inline constexpr const char *UnlockNotHeld = "tangle-unlock-not-held";
inline constexpr const char *LockOrderInversion = "tangle-lock-order-inversion";
inline constexpr const char *CondWaitNoLoop = "tangle-cond-wait-no-loop";
inline constexpr const char *SignalHandlerLock = "tangle-signal-handler-lock";
inline constexpr const char *ThreadArgChanged = "tangle-thread-arg-changed";
} // namespace tangle::analyzer::ids

#endif
