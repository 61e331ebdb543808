// tangle-lint: the static checks as a stand-alone command, worded in the
// language of --lang or the locale, as `tangle lint` is.
#include "analyzer/Lint.h"
#include "cli/messages.h"

int main(int argc, const char **argv) {
  std::vector<std::string> Args(argv + 1, argv + argc);
  tangle::setLanguage(tangle::languageFromEnvironment());
  tangle::analyzer::Wording Words{
      &tangle::chooseLanguage,
      static_cast<const char *(*)(const char *)>(&tangle::tr)};
  return tangle::analyzer::lintMain(Args, llvm::outs(), llvm::errs(), Words);
}
