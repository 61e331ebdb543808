// The words of a warning as data, so that the tangle command can say them
// in the reader's language: an English format with {0}, {1}, ... placeholders
// and its arguments, each a sentence of its own or a verbatim piece (a name
// from the program, a number). Formats are written with msg() and are the
// keys of the tangle command's message catalog (cli/messages.h).
#ifndef TANGLE_ANALYZER_SENTENCE_H
#define TANGLE_ANALYZER_SENTENCE_H

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace tangle::analyzer {

class Sentence {
public:
  // The text of an English format in the reader's language.
  using Lookup = const char *(*)(const char *English);

  Sentence() = default;
  // A piece said as it is, in every language: a name, a number.
  static Sentence verbatim(std::string Text) {
    Sentence S;
    S.Text = std::move(Text);
    return S;
  }
  // A format to translate, with its arguments (see msg()).
  static Sentence format(const char *English, std::vector<Sentence> Args) {
    Sentence S;
    S.Text = English;
    S.Args = std::move(Args);
    S.Translated = true;
    return S;
  }

  // The words in English, or through `Translate` (null: English).
  std::string str(Lookup Translate = nullptr) const;
  bool empty() const { return Text.empty() && Args.empty(); }

private:
  std::string Text; // the format, or the verbatim piece
  std::vector<Sentence> Args;
  bool Translated = false;
};

// An argument of msg(): a sentence, or a piece that is the same in every
// language. A literal is words to translate, so it has to be a msg() too.
inline Sentence piece(Sentence S) { return S; }
inline Sentence piece(std::string Text) {
  return Sentence::verbatim(std::move(Text));
}
template <typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
Sentence piece(T Number) {
  return Sentence::verbatim(std::to_string(Number));
}
Sentence piece(const char *) = delete;

// Marks an English format as a catalog key and fills its placeholders:
// msg("'{0}' was locked here", Display).
template <typename... Ts>
Sentence msg(const char *English, Ts &&...Args) {
  return Sentence::format(English, {piece(std::forward<Ts>(Args))...});
}

} // namespace tangle::analyzer

#endif
