// See program_file.h.
#include "cli/program_file.h"

#include <cerrno>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tangle {

namespace {

/// Reads exactly `size` bytes at `offset`; false when the file is shorter.
bool readAt(int fd, void *buffer, size_t size, off_t offset) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = pread(fd, static_cast<char *>(buffer) + done, size - done,
                      offset + off_t(done));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    done += size_t(n);
  }
  return true;
}

std::string machineName(unsigned machine) {
  switch (machine) {
  case EM_X86_64:
    return "x86-64";
  case EM_386:
    return "i386";
  case EM_ARM:
    return "32-bit ARM";
  case EM_AARCH64:
    return "aarch64";
  case EM_RISCV:
    return "RISC-V";
  case EM_PPC64:
    return "PowerPC";
  case EM_S390:
    return "s390";
  default:
    return "machine " + std::to_string(machine);
  }
}

#if defined(__x86_64__)
constexpr unsigned NativeMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr unsigned NativeMachine = EM_AARCH64;
#else
#error "tangle's runtime supports x86-64 and aarch64 hosts only"
#endif

/// Whether the program headers name an interpreter (the dynamic loader).
bool hasInterpreter(int fd, const Elf64_Ehdr &header) {
  if (header.e_phentsize != sizeof(Elf64_Phdr) || header.e_phnum > 4096)
    return false;
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr ph;
    if (!readAt(fd, &ph, sizeof(ph),
                off_t(header.e_phoff + uint64_t(i) * sizeof(ph))))
      return false;
    if (ph.p_type == PT_INTERP)
      return true;
  }
  return false;
}

} // namespace

std::string checkSourceFile(const std::string &path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0)
    return errno == ENOENT || errno == ENOTDIR
               ? "no such file: " + path
               : "cannot read " + path + ": " + strerror(errno);
  if (S_ISDIR(st.st_mode))
    return path + " is a directory, not a source file";
  if (!S_ISREG(st.st_mode))
    return path + " is not a regular file (a device, pipe or socket?)";
  if (access(path.c_str(), R_OK) != 0)
    return "cannot read " + path + ": " + strerror(errno);
  return "";
}

std::string checkProgramBinary(const std::string &path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return "cannot read " + path + ": " + strerror(errno) +
           " (tangle reads a program's header before running it)";
  Elf64_Ehdr header = {};
  bool whole = readAt(fd, &header, sizeof(header), 0);
  const unsigned char *ident = header.e_ident;
  std::string why;
  if (whole || readAt(fd, &header, 4, 0)) {
    if (ident[0] == '#' && ident[1] == '!')
      why = path + " is a script, not a compiled program: tangle checks the "
                   "C or C++ program itself (tangle check -- ./program args)";
    else if (memcmp(ident, ELFMAG, SELFMAG) != 0)
      why = path + " is not a program tangle can run (not an ELF "
                   "executable)";
  } else {
    why = path + " is not a program tangle can run (too short to be an ELF "
                 "executable)";
  }
  if (why.empty() && ident[EI_CLASS] == ELFCLASS32)
    why = path + " is a 32-bit program; tangle checks 64-bit programs "
                 "(build it without -m32)";
  else if (why.empty() && (!whole || ident[EI_CLASS] != ELFCLASS64))
    why = path + " is not a program tangle can run (a damaged ELF header)";
  else if (why.empty() && header.e_machine != NativeMachine)
    why = path + " is built for " + machineName(header.e_machine) +
          "; tangle runs programs built for " + machineName(NativeMachine);
  else if (why.empty() && header.e_type == ET_REL)
    why = path + " is an object file, not a program: link it first";
  else if (why.empty() && !hasInterpreter(fd, header))
    why = header.e_type == ET_EXEC
              ? path + " is statically linked; tangle's runtime needs a "
                       "dynamically linked program (build it without "
                       "-static)"
              : path + " is statically linked (static-pie) or a shared "
                       "library; tangle's runtime needs a dynamically linked "
                       "program";
  close(fd);
  return why;
}

} // namespace tangle
