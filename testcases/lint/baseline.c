// --write-baseline records the warnings a program has; --baseline then
// reports only the others. The key is the code at the site, not its line:
// a line added above and a line changed elsewhere keep the known warning
// known, while a new unlocked update is reported (the twin). A baseline
// that is not one is one line on stderr and exit 2.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %S/Inputs/baseline/counters.c %t.dir/
// RUN: cd %t.dir && %tangle-lint counters.c -- > %t.before.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.txt
// BEFORE: counters.c:10:3: warning: 'hits' is written in thread 'work' #1 and written in thread 'work' #2
// BEFORE: 1 finding by tangle-lint.
//
// RUN: cd %t.dir && %tangle-lint --write-baseline=base.txt counters.c -- > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=WROTE --input-file %t.err
// WROTE: tangle-lint: wrote 1 warning to base.txt
// RUN: FileCheck %s --check-prefix=FILE --input-file %t.dir/base.txt
// FILE: # tangle-lint baseline v1
// FILE-NEXT: tangle-shared-global-unlocked{{	}}counters.c{{	}}hits++;{{	}}'hits' is written
//
// Known: no warning, exit 0, and one line saying the baseline held one
// back; also after lines move and another changes.
// RUN: cd %t.dir && %tangle-lint --baseline base.txt counters.c -- > %t.same.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=SAME --input-file %t.same.txt --implicit-check-not=warning:
// SAME: {{^}}1 known finding in baseline 'base.txt' not shown.{{$}}
// RUN: test $(wc -l < %t.same.txt) -eq 1
// RUN: sed -i -e '1i // a line added at the top moves every line down' \
// RUN:        -e 's|return 0; // end of work|return 0; /* end of work */|' %t.dir/counters.c
// RUN: cd %t.dir && %tangle-lint counters.c -- > %t.moved.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=MOVED --input-file %t.moved.txt
// MOVED: counters.c:11:3: warning: 'hits' is written
// RUN: cd %t.dir && %tangle-lint --baseline base.txt counters.c -- > %t.known.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=SAME --input-file %t.known.txt --implicit-check-not=warning:
//
// Twin: a new unlocked update of 'misses' is reported, the known one is not.
// RUN: sed -i 's|return 0; /\* end of work \*/|misses--;\n  return 0;|' %t.dir/counters.c
// RUN: cd %t.dir && %tangle-lint --baseline base.txt counters.c -- > %t.new.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=NEW --input-file %t.new.txt --implicit-check-not=warning:
// NEW: counters.c:{{[0-9]+}}:{{[0-9]+}}: warning: 'misses' is {{.*}}[tangle-shared-global-unlocked]
// NEW: 1 finding by tangle-lint.
// NEW-NEXT: 1 known finding in baseline 'base.txt' not shown.
// RUN: cd %t.dir && %tangle-lint --baseline base.txt --format=json counters.c -- > %t.new.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.new.json --implicit-check-not='"hits'
// JSON: "baseline": {
// JSON-NEXT: "file": "base.txt",
// JSON-NEXT: "suppressed": 1
// JSON: "id": "tangle-shared-global-unlocked"
// JSON: "summary": "'misses' is
// RUN: cd %t.dir && %tangle-lint --baseline base.txt --format=sarif counters.c -- > %t.new.sarif; test $? -eq 1
// RUN: FileCheck %s --check-prefix=SARIF --input-file %t.new.sarif --implicit-check-not='"text": "'"'"'hits'
// SARIF: "properties": {
// SARIF-NEXT: "tangleBaseline": {
// SARIF-NEXT: "file": "base.txt",
// SARIF-NEXT: "suppressed": 1
// SARIF: "text": "'misses' is
// Without a baseline the JSON has no baseline member.
// RUN: cd %t.dir && %tangle-lint --format=json counters.c -- > %t.plain.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=PLAIN --input-file %t.plain.json
// PLAIN-NOT: "baseline"
//
// `tangle lint` takes the same options: the known warning is held back.
// RUN: cd %t.dir && %tangle lint --baseline base.txt counters.c -- > %t.cli.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=NEW --input-file %t.cli.txt --implicit-check-not=warning:
//
// Bad baselines: one line, exit 2, before any analysis.
// RUN: printf 'not a baseline\n' > %t.dir/junk.txt
// RUN: cd %t.dir && %tangle-lint --baseline junk.txt counters.c -- > %t.out 2> %t.err; test $? -eq 2
// RUN: test $(wc -l < %t.err) -eq 1
// RUN: FileCheck %s --check-prefix=JUNK --input-file %t.err
// JUNK: tangle-lint: error: 'junk.txt' is not a tangle-lint baseline
// RUN: printf '# tangle-lint baseline v1\ntangle-double-lock\tonly two fields\n' > %t.dir/cut.txt
// RUN: cd %t.dir && %tangle-lint --baseline cut.txt counters.c -- > %t.out 2> %t.err; test $? -eq 2
// RUN: test $(wc -l < %t.err) -eq 1
// RUN: FileCheck %s --check-prefix=CUT --input-file %t.err
// CUT: tangle-lint: error: corrupt baseline 'cut.txt': line 2 is not
// RUN: cd %t.dir && %tangle-lint --baseline missing.txt counters.c -- 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.err
// MISSING: tangle-lint: error: cannot read baseline 'missing.txt'
int main(void) { return 0; }
