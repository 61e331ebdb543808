// NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/END silence the named checks (or
// all) on their lines; a NOLINT for another check does not.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

// Each relock deadlocks its path, so every case is its own function.
void named(void) {
  pthread_mutex_lock(&m);
  pthread_mutex_lock(&m); // NOLINT(tangle-double-lock)
}

void all(void) {
  pthread_mutex_lock(&m);
  pthread_mutex_lock(&m); // NOLINT
}

void next_line(void) {
  pthread_mutex_lock(&m);
  // NOLINTNEXTLINE(tangle-*)
  pthread_mutex_lock(&m);
}

// NOLINTBEGIN(tangle-double-lock)
void region(void) {
  pthread_mutex_lock(&m);
  pthread_mutex_lock(&m);
}
// NOLINTEND(tangle-double-lock)

void other_check_named(void) {
  pthread_mutex_lock(&m);
  // CHECK: :[[@LINE+1]]:3: warning: 'm' is locked again {{.*}} [tangle-double-lock]
  pthread_mutex_lock(&m); // NOLINT(tangle-missing-unlock)
}

void next_line_too_far(void) {
  pthread_mutex_lock(&m);
  // NOLINTNEXTLINE(tangle-double-lock)

  // CHECK: :[[@LINE+1]]:3: warning: 'm' is locked again {{.*}} [tangle-double-lock]
  pthread_mutex_lock(&m);
}
