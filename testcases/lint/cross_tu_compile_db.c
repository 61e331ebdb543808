// -p with a compile_commands.json of three files: this main, the seller
// (Inputs/cross_tu/ticket_sell.c) and the file store
// (Inputs/cross_tu/ticket_store.c). Linked, the sellers read the count in
// one function and write it back in another, both in ticket_store.c, with
// nothing held: the ticket example across translation units. Each
// diagnostic points at its own file. SELLERS comes from the database.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -e "s|@DIR@|%S/Inputs/cross_tu|g" -e "s|@MAIN@|%s|g" -e "s|@SELL_FLAGS@||g" %S/Inputs/cross_tu/compile_commands.json.in > %t/compile_commands.json
// RUN: %tangle-lint -p %t > %t/out.txt; test $? -eq 1
// RUN: FileCheck %S/Inputs/cross_tu/ticket_store.c --check-prefix=TICKETS --input-file %t/out.txt --implicit-check-not=warning:
// RUN: FileCheck %s --input-file %t/out.txt
// RUN: FileCheck %S/Inputs/cross_tu/ticket_sell.c --check-prefix=TICKETS --input-file %t/out.txt
#include "tickets.h"
#include <pthread.h>

int main(void) {
  pthread_t sellers[SELLERS];
  for (int i = 0; i < SELLERS; i++)
    // CHECK: cross_tu_compile_db.c:[[@LINE+1]]:5: note: thread 'sell' is started here, more than once
    pthread_create(&sellers[i], NULL, sell, NULL);
  for (int i = 0; i < SELLERS; i++)
    pthread_join(sellers[i], NULL);
  return 0;
}
