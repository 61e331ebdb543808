// The blind-update reduction of `tangle check FILE.c` (docs/exploration.md,
// Atomics): the compile loads the tangle_blind plugin, which lists the atomic
// updates whose result the program discards (analyzer/BlindUpdates.h); then
// the binary's debug info turns those source places into code ranges that
// the runtime matches against each update's stack (model/blind_sites.h).
// Whatever goes wrong -- no plugin, no debug info, a place the line table
// does not show -- means fewer blind updates, never a wrong one.
#pragma once

#include "cli/compile.h"
#include "model/blind_sites.h"

#include <string>
#include <vector>

namespace tangle {

/// File addresses in the executable (add its load bias at run time).
struct BlindCode {
  std::vector<CodeRange> sites;    // calls whose result is discarded
  std::vector<CodeRange> wrappers; // library functions between
  /// The program's functions that only forward their parameters to a
  /// library call (analyzer::BlindUpdates::Forwarders): not the reduction's,
  /// the reports' (Symbolizer::setForwarders).
  std::vector<CodeRange> forwarders;
  /// The program's loops whose turns only load and compare
  /// (analyzer/SpinLoops.h), and the library functions between one and
  /// its load when not inlined: the loads made there are AtomicSpinTurn.
  std::vector<CodeRange> spins, spinWrappers;
  bool empty() const { return sites.empty(); }
};

class BlindUpdatePass {
public:
  /// `plugin` is libTangleBlind.so; its output goes into `directory`.
  BlindUpdatePass(std::string plugin, const ScratchDirectory &directory);

  /// Flags that load the plugin into the compile (none when it is
  /// missing: then there is no reduction).
  std::vector<std::string> compilerFlags() const;

  /// After the compile: the blind updates of `binary`. Empty, with
  /// `warning` set when something unexpected happened (no plugin output,
  /// unreadable debug info).
  BlindCode resolve(const std::string &binary, std::string &warning) const;

private:
  std::string plugin_;
  std::string output_;
};

/// libTangleBlind.so, beside the runtime library libtangle_rt.so.
std::string blindUpdatePluginPath(const std::string &runtimeLibrary);

/// The code of libstdc++'s spin before a futex wait in `binary`, as file
/// addresses: every instantiation of std::__detail::__atomic_spin with its
/// default policy, from the symbol table (empty when there is none, or the
/// file cannot be read). A load whose stack passes through it is marked
/// AtomicSpinTurn (model/event.h; docs/exploration.md, "libstdc++'s
/// spin").
std::vector<CodeRange> librarySpinCode(const std::string &binary);

/// The code ranges of `sites` (absolute file, line, column) in `binary`:
/// rows of its line table at a site, and inlined calls made from one (a
/// library function inlined there, such as std::atomic's fetch_add, which
/// is always inlined), plus the functions named in `wrappers` (mangled). For
/// tests and for `resolve`. And the functions named as forwarders.
BlindCode blindCodeOf(const std::string &binary,
                      const std::string &pluginOutput, std::string &error);

} // namespace tangle
