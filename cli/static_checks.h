// The static pass of `tangle check FILE.c`: the analyzer's checks run on the
// source with the flags tangle compiles it with, and each static finding set
// against what the exploration found (docs/cli.md, "Static and dynamic").
#pragma once

#include "analyzer/Finding.h"
#include "cli/options.h"
#include "model/explore/explorer.h"

#include <string>
#include <vector>

namespace tangle {

/// How a static finding stands against the exploration of the same program.
enum class Confirmation {
  Confirmed,    // the exploration reports a finding of the same kind
  NotConfirmed, // every interleaving explored and none shows it
  Unexplored,   // exploration stopped before it could show it or rule it out
  StaticOnly,   // a check the exploration does not do (files, globals, waits)
  RacesPartial, // a race warning; the race detector saw part of the accesses
};

struct StaticFinding {
  analyzer::Finding finding; // paths relative to the working directory
  Confirmation confirmation = Confirmation::StaticOnly;
  /// Whether it makes the verdict `bugs`.
  bool counted = true;
  /// For Confirmed: the id of the dynamic finding ("deadlock.cycle").
  std::string confirmedBy;
};

struct StaticPass {
  bool ran = false;
  std::vector<StaticFinding> findings;
  /// Why the analyzer could not read the source (its findings are missing).
  std::string error;
  size_t counted() const;
};

/// Runs the static checks on a source file (analyzer::runLint).
StaticPass runStaticChecks(const ProgramTarget &target);

/// Sets each finding's confirmation and whether it counts, from the report
/// of the exploration.
void confirmStaticFindings(StaticPass &pass, const Report &report);

const char *confirmationName(Confirmation confirmation);

/// A static warning's or note's words in the report's language (the
/// analyzer says them as data; the catalog, cli/messages.h, words them).
std::string reportLanguage(const analyzer::Sentence &text);

} // namespace tangle
