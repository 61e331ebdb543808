// Two locks taken one by one and released in a loop over their indices:
// the loop runs twice, so both are released. Lint does not count the turns
// of a loop, but a loop between constants runs at least once (`i = 0` is
// below 2), and a turn that releases more than it takes may be followed by
// more: after the loop neither lock is said to be held, nor is the release
// taken for one of a lock nobody took.
//
// With -DWRONG_ARRAY the thread took the locks of the other array: the loop
// unlocks locks it never took, and the thread ends holding both.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// RUN: %tangle-lint %s -- -DWRONG_ARRAY > %t.wrong.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=WRONG --input-file %t.wrong.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t shelf[2], cart[2];
static int books[2];

#ifdef WRONG_ARRAY
#define TAKEN cart
#else
#define TAKEN shelf
#endif

static void *move_book(void *arg) {
  pthread_mutex_lock(&TAKEN[0]);
  pthread_mutex_lock(&TAKEN[1]);
  books[0]--;
  books[1]++;
  for (int i = 0; i < 2; i++)
    // WRONG: :[[@LINE+1]]:5: warning: 'shelf[i]' is unlocked but not held here [tangle-unlock-not-held]
    pthread_mutex_unlock(&shelf[i]);
  // WRONG: :[[@LINE+4]]:3: warning: 'cart[0]' is still held when 'move_book' returns and its thread ends [tangle-missing-unlock]
  // WRONG-NEXT: note: 'cart[0]' was locked here
  // WRONG: :[[@LINE+2]]:3: warning: 'cart[1]' is still held when 'move_book' returns and its thread ends [tangle-missing-unlock]
  // WRONG-NEXT: note: 'cart[1]' was locked here
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, move_book, NULL);
  pthread_join(t, NULL);
  return 0;
}
