// Saying a sentence: its format looked up, its placeholders filled.
#include "analyzer/Sentence.h"

#include <cctype>

namespace tangle::analyzer {

std::string Sentence::str(Lookup Translate) const {
  if (!Translated)
    return Text;
  const char *Format = Translate ? Translate(Text.c_str()) : Text.c_str();
  std::string Out;
  for (const char *C = Format; *C; ++C) {
    // "{N}": argument N; any other brace is text (the catalog has none).
    if (*C == '{' && std::isdigit(static_cast<unsigned char>(C[1]))) {
      size_t Index = 0;
      const char *D = C + 1;
      while (std::isdigit(static_cast<unsigned char>(*D)))
        Index = Index * 10 + size_t(*D++ - '0');
      if (*D == '}' && Index < Args.size()) {
        Out += Args[Index].str(Translate);
        C = D;
        continue;
      }
    }
    Out += *C;
  }
  return Out;
}

} // namespace tangle::analyzer
