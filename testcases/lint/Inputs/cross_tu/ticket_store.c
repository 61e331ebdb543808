// Reads and writes the ticket count. Expected diagnostics are read by
// FileCheck from this file (prefix TICKETS).
#include "tickets.h"
#include <stdio.h>

int read_count(void) {
  int left = 0;
  FILE *f = fopen(TICKETS_PATH, "r");
  // TICKETS: ticket_store.c:[[@LINE+8]]:13: warning: file 'tickets.txt' is read and written back in thread 'sell' and written in another instance of thread 'sell' with no lock held by both across the update; concurrent updates can be lost [tangle-shared-file-unlocked]
  // TICKETS-NEXT: ticket_store.c:[[@LINE+1]]:3: note: the value written back is read here
  fscanf(f, "%d", &left);
  fclose(f);
  return left;
}

void write_count(int left) {
  FILE *f = fopen(TICKETS_PATH, "w");
  fprintf(f, "%d\n", left);
  fclose(f);
}
