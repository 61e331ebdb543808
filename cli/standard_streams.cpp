// See standard_streams.h.
#include "cli/standard_streams.h"

#include "cli/interrupt.h"

#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace tangle {

void openStandardStreams() {
  for (int fd = 0; fd < 3; ++fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
      continue;
    // The lowest free descriptor: fd itself.
    int null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (null >= 0 && null != fd) {
      dup2(null, fd);
      close(null);
    }
  }
}

int finishStandardStreams(int code) {
  llvm::raw_fd_ostream &out = llvm::outs(), &err = llvm::errs();
  out.flush();
  err.flush();
  bool closed = (out.has_error() && out.error() == std::errc::broken_pipe) ||
                (err.has_error() && err.error() == std::errc::broken_pipe);
  if (out.has_error() && !closed) {
    // A full disk, a write error: the report is lost, and the exit code
    // must not pretend otherwise.
    err << "tangle: error: cannot write the report: " << out.error().message()
        << "\n";
    err.flush();
    code = 2;
  }
  // LLVM aborts at exit on a stream with an unchecked error.
  out.clear_error();
  err.clear_error();
  // Nobody reads any more (`| head`): nobody to tell either.
  return closed ? ExitOutputClosed : code;
}

} // namespace tangle
