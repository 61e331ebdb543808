// A submission that does not compile is a row with verdict "error" and the
// reason, not the end of grading; a student's folder with one source file
// is that file; a folder with none adds nothing. Bad usage is one line and
// exit 2: no submissions, a path that is neither, an unknown option (the
// check's own options go after `--`), a malformed value.
//
// RUN: %tangle grade %S/Inputs/broken -- --max-executions 5 > %t.md; test $? -eq 0
// RUN: FileCheck %s --input-file %t.md
// RUN: %tangle grade 2> %t.none; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NONE --input-file %t.none
// RUN: %tangle grade %S/Inputs/missing 2> %t.missing; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.missing
// RUN: %tangle grade --max-executions 5 %S/Inputs/class 2> %t.unknown; test $? -eq 2
// RUN: FileCheck %s --check-prefix=UNKNOWN --input-file %t.unknown
// RUN: %tangle grade --jobs 0 %S/Inputs/class 2> %t.jobs; test $? -eq 2
// RUN: FileCheck %s --check-prefix=JOBS --input-file %t.jobs
// RUN: %tangle grade --format xml %S/Inputs/class 2> %t.format; test $? -eq 2
// RUN: FileCheck %s --check-prefix=FORMAT --input-file %t.format
//
// CHECK: | {{.*}}Inputs/broken/dave_syntax.c | error: {{.*}}dave_syntax.c does not compile (5:14: expected ';' at end of declaration) | | | 0 |
// CHECK-NEXT: | {{.*}}Inputs/broken/erin/main.c | clean |  | complete | 1 |
// CHECK: 2 submissions: 1 clean, 1 error
// NONE: tangle: error: no submissions: write 'tangle grade DIR' or 'tangle grade FILE.c...'
// MISSING: tangle: error: '{{.*}}missing' is neither a source file nor a folder
// UNKNOWN: tangle: error: unknown option '--max-executions' for 'tangle grade' (options of tangle check go after '--'; see docs/cli.md)
// JOBS: tangle: error: --jobs expects a whole number from 1 to 256, got '0'
// FORMAT: tangle: error: --format expects md, csv, json or html, got 'xml'
