// The same name as hits_a.c's static counter, in another unit: another
// variable, unless compiled with -DSHARED_HITS (then one global, defined
// here).
#ifdef SHARED_HITS
long hits;
#else
static long hits;
#endif

void *hit_b(void *arg) {
  hits++;
  return arg;
}
