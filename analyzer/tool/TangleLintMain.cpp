// tangle-lint: the static checks as a stand-alone command.
#include "analyzer/Lint.h"

int main(int argc, const char **argv) {
  std::vector<std::string> Args(argv + 1, argv + argc);
  return tangle::analyzer::lintMain(Args, llvm::outs(), llvm::errs());
}
