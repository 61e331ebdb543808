// See glob.h. The pattern is read into single-character items and stars;
// matching is the usual two-pointer walk that remembers only the last star:
// a later star makes retrying an earlier one unnecessary, which is what
// keeps it polynomial.
#include "cli/glob.h"

#include <bitset>
#include <vector>

namespace tangle {

namespace {

struct Item {
  bool star = false;
  std::bitset<256> accepts; // for a single-character item
};

/// Reads `pattern` into items; false with `error` when it is malformed.
bool compile(llvm::StringRef pattern, std::vector<Item> &items,
             std::string &error) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    Item item;
    char c = pattern[i];
    if (c == '*') {
      if (items.empty() || !items.back().star) // "**" is "*"
        item.star = true, items.push_back(item);
      continue;
    }
    if (c == '?') {
      item.accepts.set();
    } else if (c == '\\') {
      if (++i == pattern.size()) {
        error = "invalid glob pattern '" + pattern.str() + "': it ends with \\";
        return false;
      }
      item.accepts.set(static_cast<unsigned char>(pattern[i]));
    } else if (c == '[') {
      size_t j = i + 1;
      bool negated =
          j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^');
      if (negated)
        ++j;
      size_t first = j;
      // A ']' right after '[' (or '[!') is a member, not the end.
      while (j < pattern.size() && (pattern[j] != ']' || j == first))
        ++j;
      if (j >= pattern.size()) {
        error = "invalid glob pattern '" + pattern.str() + "': '[' not closed";
        return false;
      }
      for (size_t k = first; k < j; ++k) {
        auto from = static_cast<unsigned char>(pattern[k]);
        if (k + 2 < j && pattern[k + 1] == '-') {
          auto to = static_cast<unsigned char>(pattern[k + 2]);
          if (to < from) {
            error = "invalid glob pattern '" + pattern.str() + "': range " +
                    pattern.substr(k, 3).str() + " is empty";
            return false;
          }
          for (unsigned b = from; b <= to; ++b)
            item.accepts.set(b);
          k += 2;
        } else {
          item.accepts.set(from);
        }
      }
      if (negated)
        item.accepts.flip();
      i = j;
    } else {
      item.accepts.set(static_cast<unsigned char>(c));
    }
    items.push_back(item);
  }
  return true;
}

} // namespace

std::string globError(llvm::StringRef pattern) {
  std::vector<Item> items;
  std::string error;
  compile(pattern, items, error);
  return error;
}

bool globMatch(llvm::StringRef pattern, llvm::StringRef text) {
  std::vector<Item> items;
  std::string error;
  if (!compile(pattern, items, error))
    return false;
  size_t p = 0, t = 0;
  size_t star = std::string::npos, resume = 0;
  while (t < text.size()) {
    if (p < items.size() && items[p].star) {
      star = p++; // try the star with nothing first
      resume = t;
    } else if (p < items.size() &&
               items[p].accepts.test(static_cast<unsigned char>(text[t]))) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1; // the last star takes one more character
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < items.size() && items[p].star)
    ++p;
  return p == items.size();
}

} // namespace tangle
