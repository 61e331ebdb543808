// A call record mode does not watch, first made inside a library built
// without debug info (memcached's first pipe is libevent's): the note has
// no line to name, and before it named nothing ("did not watch pipes:"),
// leaving the user to guess where. Now it names the library. The library
// is this file built with -DLIBRARY (at -O0: the pipe call is no tail
// call, which would leave the program's line as the caller).
//
// RUN: %clang -O0 -fPIC -shared -DLIBRARY %s -o %t.dir.libchannel.so
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s %t.dir.libchannel.so -Wl,-rpath,%T -o %t.bin
// RUN: %tangle run --no-predict -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: note: this run did not watch pipes (first in {{.*}}libchannel.so): record mode does not record them
// CHECK: tangle: no hang in what this run recorded: the program exited with status 0
#include <unistd.h>

#ifdef LIBRARY
int open_channel(int fds[2]) { return pipe(fds); }
#else
int open_channel(int fds[2]);

int main(void) {
  int fds[2];
  if (open_channel(fds) != 0)
    return 1;
  close(fds[0]);
  close(fds[1]);
  return 0;
}
#endif
