// Little-endian binary reading and writing shared by the trace formats
// (docs/trace-format.md): a reader that trusts a length field only as far as
// the bytes left in the file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace tangle::trace_io {

struct FileCloser {
  void operator()(FILE *f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

class Writer {
public:
  explicit Writer(FILE *f) : f_(f) {}
  void bytes(const void *p, size_t n) {
    if (ok_ && n && std::fwrite(p, 1, n, f_) != n)
      ok_ = false;
  }
  template <typename T> void value(T v) { bytes(&v, sizeof v); }
  void string(const std::string &s) {
    value<uint32_t>(s.size());
    bytes(s.data(), s.size());
  }
  template <typename T> void records(const std::vector<T> &v) {
    value<uint32_t>(v.size());
    bytes(v.data(), v.size() * sizeof(T));
  }
  bool ok() const { return ok_; }

private:
  FILE *f_;
  bool ok_ = true;
};

// Reads what the file holds and no more: a length field is trusted only as
// far as the bytes left in the file (a corrupt one asked for gigabytes).
class Reader {
public:
  Reader(FILE *f, uint64_t size) : f_(f), left_(size) {}
  void bytes(void *p, size_t n) {
    if (ok_ && n > left_)
      ok_ = false;
    if (ok_ && n && std::fread(p, 1, n, f_) != n)
      ok_ = false;
    if (ok_)
      left_ -= n;
  }
  template <typename T> T value() {
    T v{};
    bytes(&v, sizeof v);
    return v;
  }
  std::string string() {
    uint32_t n = value<uint32_t>();
    if (!ok_ || n > (1u << 24) || n > left_)
      return fail(), std::string();
    std::string s(n, '\0');
    bytes(s.data(), n);
    return s;
  }
  template <typename T> void records(std::vector<T> &v) {
    uint32_t n = value<uint32_t>();
    if (!ok_ || n > (1u << 26) || uint64_t(n) * sizeof(T) > left_)
      return fail();
    v.resize(n);
    bytes(v.data(), n * sizeof(T));
  }
  void fail() { ok_ = false; }
  uint64_t left() const { return left_; }
  bool ok() const { return ok_; }

private:
  FILE *f_;
  uint64_t left_;
  bool ok_ = true;
};

/// Bytes from the current position to the end of f; 0 when it cannot tell.
inline uint64_t sizeLeft(FILE *f) {
  long at = std::ftell(f);
  if (at < 0 || std::fseek(f, 0, SEEK_END) != 0)
    return 0;
  long end = std::ftell(f);
  std::fseek(f, at, SEEK_SET);
  return end > at ? uint64_t(end - at) : 0;
}


} // namespace tangle::trace_io
