// A file as the model sees it: one 64-bit key per file identity (device and
// inode), or per path for a file that does not exist yet. File accesses in
// the access log (memory_access.h) and file locks (objects/file_lock.h) use
// these keys as their location; the tags keep them apart from addresses.
#pragma once

#include <cstdint>
#include <string>

namespace tangle {

/// Set in every file key: user-space addresses never have bit 63 set.
constexpr uint64_t FileKeyTag = 1ull << 63;
/// Set, besides FileKeyTag, in a path key (a file not created yet).
constexpr uint64_t PathKeyTag = 1ull << 62;
/// Set, besides FileKeyTag, in the key of a file's POSIX (fcntl/lockf) lock
/// record; the flock lock of a file is the file key itself. Linux keeps the
/// two kinds of lock apart: they never exclude each other.
constexpr uint64_t PosixLockTag = 1ull << 61;

inline uint64_t fileKey(uint64_t device, uint64_t inode) {
  uint64_t mixed = (device * 0x9E3779B97F4A7C15ull) ^ inode;
  return FileKeyTag | (mixed & ~(FileKeyTag | PathKeyTag | PosixLockTag));
}

inline uint64_t pathKey(const char *path) {
  uint64_t h = 14695981039346656037ull; // FNV-1a
  for (const char *p = path; *p; ++p)
    h = (h ^ uint8_t(*p)) * 1099511628211ull;
  return FileKeyTag | PathKeyTag |
         (h & ~(FileKeyTag | PathKeyTag | PosixLockTag));
}

inline bool isFileKey(uint64_t key) { return key & FileKeyTag; }
inline bool isPosixLockKey(uint64_t key) {
  return isFileKey(key) && (key & PosixLockTag);
}
inline uint64_t posixLockKey(uint64_t file) { return file | PosixLockTag; }
/// The file a lock key belongs to.
inline uint64_t fileOfLock(uint64_t key) { return key & ~PosixLockTag; }

/// What a file access did (MemoryAccess::size of a file access): the verb a
/// report shows.
enum class FileOp : uint16_t {
  Open,     // open that created or truncated the file (a write)
  OpenMiss, // open/stat of a path that does not exist (a read of the path)
  Read,     // read, pread
  Write,    // write, pwrite
  Truncate, // ftruncate, truncate
  Rename,
  Unlink,
  StdioRead,  // fread, fgets, fgetc, getc, fscanf
  StdioWrite, // fwrite, fputs, fputc, putc, fprintf
};

const char *fileOpVerb(FileOp op);

/// A file an execution touched, with the path as the program named it.
struct FileName {
  uint64_t key = 0;
  std::string path;
};

} // namespace tangle
