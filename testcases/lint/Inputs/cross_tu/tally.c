// A library unit used by two programs. Expected diagnostics are read by
// FileCheck from this file (prefix TWICE).
#include "tally.h"

long tally;

void *add_tally(void *arg) {
  // TWICE: tally.c:[[@LINE+1]]:3: warning: 'tally' is written in thread 'add_tally' #1 and written in thread 'add_tally' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
  tally++;
  return arg;
}
