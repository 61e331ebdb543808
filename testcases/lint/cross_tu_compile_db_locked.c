// The clean twin of cross_tu_compile_db.c: the same three files, but the
// database compiles ticket_sell.c with -DSELL_LOCKED, so the seller holds a
// mutex across the read in one function and the write in the other.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -e "s|@DIR@|%S/Inputs/cross_tu|g" -e "s|@MAIN@|%s|g" -e "s|@SELL_FLAGS@|-DSELL_LOCKED|g" %S/Inputs/cross_tu/compile_commands.json.in > %t/compile_commands.json
// RUN: %tangle-lint -p %t > %t/out.txt; test $? -eq 0
// RUN: test ! -s %t/out.txt
#include "tickets.h"
#include <pthread.h>

int main(void) {
  pthread_t sellers[SELLERS];
  for (int i = 0; i < SELLERS; i++)
    pthread_create(&sellers[i], NULL, sell, NULL);
  for (int i = 0; i < SELLERS; i++)
    pthread_join(sellers[i], NULL);
  return 0;
}
