// See program_input.h.
#include "cli/program_input.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tangle {

namespace {

/// Reads fd to its end. A signal interrupts the read (tangle's handlers do
/// not restart it): then the interrupt flag decides.
bool readAll(int fd, std::string &data, std::string &error,
             const std::atomic<int> &interrupt) {
  char buffer[65536];
  for (;;) {
    if (interrupt.load()) {
      error = "interrupted";
      return false;
    }
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      error = strerror(errno);
      return false;
    }
    if (n == 0)
      return true;
    data.append(buffer, size_t(n));
  }
}

} // namespace

bool readProgramInput(const std::string &option, std::string &data,
                      std::string &error, const std::atomic<int> &interrupt) {
  data.clear();
  if (option.empty())
    return true;
  if (option == "-") {
    if (readAll(STDIN_FILENO, data, error, interrupt))
      return true;
    if (error != "interrupted")
      error = "cannot read tangle's standard input for --stdin -: " + error;
    return false;
  }
  int fd = open(option.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    error = "--stdin " + option + " is a directory, not a file";
    return false;
  }
  if (fd < 0 || !readAll(fd, data, error, interrupt)) {
    if (error != "interrupted")
      error = "cannot read --stdin " + option + ": " +
              (fd < 0 ? std::string(strerror(errno)) : error);
    if (fd >= 0)
      close(fd);
    return false;
  }
  close(fd);
  return true;
}

} // namespace tangle
