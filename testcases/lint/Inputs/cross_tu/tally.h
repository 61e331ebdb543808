// Shared by cross_tu_two_programs.c and tally_main_b.c: a library unit
// (tally.c) whose thread function counts into a global.
extern long tally;

void *add_tally(void *arg);
