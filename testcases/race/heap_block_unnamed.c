// A node malloc'd straight into a function's argument: no pointer receives
// the block on the allocating line, so tangle does not guess a name; the
// race on it is named by the block's size and the offset in it.
// Twin: deadlock/heap_assigned_names.c (blocks assigned to a pointer are
// named through it).
//
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: error: data race on heap block of 16 bytes (offset 8){{.*}}[race.data]
// CHECK: note: fix: {{.*}}protect every access to heap block of 16 bytes (offset 8)
#include <pthread.h>
#include <stdlib.h>

struct node {
  struct node *next;
  long value;
};

static struct node *head;

static void push(struct node *n) { n->next = head, head = n; }

static void *bump(void *arg) {
  head->value++;
  return arg;
}

int main(void) {
  push(malloc(sizeof(struct node)));
  head->value = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump, NULL);
  head->value++;
  pthread_join(t, NULL);
  return 0;
}
