#!/bin/sh
# Where record mode's fixed cost goes (docs/bench.md, "Record mode's
# overhead", "Record mode's fixed cost"): bench/phases.c runs each command
# once a round, in turn, and splits the median wall time of a program built
# with bench/phase_clock.h into before its own constructors, its own run,
# and after its exit (and gives the CPU time and the page faults of the
# command and its children).
#
#   bench/record_phases.sh [BUILD_DIR] [ROUNDS]        (default: build 101)
#   PEER=OTHER_BUILD_DIR bench/record_phases.sh ...    adds that build's rows
#
# Rows: bench/lock_heavy.c (4 x 100,000 pairs, the issue's benchmark; and 4
# x 1,000, where the threads' start and end weigh most) and an empty main,
# native and under `tangle run --no-predict`; for the empty main also a
# static launcher that only vforks, execs and waits (what any second
# process costs), an empty library preloaded (what any preload costs) and
# the runtime preloaded in passthrough mode.
#
# The files' place in the page cache counts: a file written in small pieces
# (as a linker writes) sits in 4 KiB folios until evicted, a copy in large
# ones, and an empty recorded run maps bin/tangle and libtangle_rt.so with
# 3 more page faults and 0.2-0.4 ms more CPU in the first case
# (docs/bench.md, "Record mode's fixed cost"). The build copies both once
# linked (CMakeLists.txt, tangle_copy_after_link): a PEER made by cp
# compares fairly with it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
rounds=${2:-101}
peer=${PEER:-}
peer=${peer:+$(cd "$peer" && pwd)}
clang=${CLANG:-clang-14}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$clang" -O2 "$here/phases.c" -o "$work/phases"
"$clang" -O2 -g -fno-omit-frame-pointer -pthread \
  -include "$here/phase_clock.h" "$here/lock_heavy.c" -o "$work/lock"
printf 'int main(void) { return 0; }\n' > "$work/empty.c"
"$clang" -O2 -include "$here/phase_clock.h" "$work/empty.c" -o "$work/empty"
printf 'int tangle_bench_nothing;\n' > "$work/nothing.c"
"$clang" -O2 -shared -fPIC "$work/nothing.c" -o "$work/nothing.so"
cat > "$work/launch.c" <<'C'
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv) {
  pid_t pid = vfork();
  if (pid == 0) {
    execv(argv[1], argv + 1);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WEXITSTATUS(status);
}
C
"$clang" -O2 -static "$work/launch.c" -o "$work/launch"

run="run --no-predict --hang-after 60 --"
set -- "$work/lock" :: "$build/bin/tangle" $run "$work/lock"
[ -n "$peer" ] && set -- "$@" :: "$peer/bin/tangle" $run "$work/lock"
set -- "$@" :: "$work/lock" 1000 :: "$build/bin/tangle" $run "$work/lock" 1000
[ -n "$peer" ] && set -- "$@" :: "$peer/bin/tangle" $run "$work/lock" 1000
set -- "$@" :: "$work/empty" :: "$work/launch" "$work/empty" \
  :: LD_PRELOAD="$work/nothing.so" "$work/empty" \
  :: LD_PRELOAD="$build/lib/libtangle_rt.so" "$work/empty" \
  :: "$build/bin/tangle" $run "$work/empty"
[ -n "$peer" ] && set -- "$@" :: "$peer/bin/tangle" $run "$work/empty"
load() { uptime | sed 's/.*load average: //'; }
echo "load: $(load) (1, 5, 15 min); median of $rounds rounds"
"$work/phases" "$rounds" "$@" |
  sed "s|$work/||g; s|$build/|BUILD/|g${peer:+; s|$peer/|PEER/|g}"
echo "load after: $(load)"
