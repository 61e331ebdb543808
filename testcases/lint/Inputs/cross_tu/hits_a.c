// A static counter of its own, and a thread function that counts into it
// (cross_tu_statics.c). Expected diagnostics: prefix SHARED.
#ifdef SHARED_HITS
extern long hits;
#else
static long hits;
#endif

void *hit_a(void *arg) {
  // SHARED: hits_a.c:[[@LINE+1]]:3: warning: 'hits' is written in thread 'hit_a' and written in thread 'hit_b' with no lock held by both: a data race [tangle-shared-global-unlocked]
  hits++;
  return arg;
}
