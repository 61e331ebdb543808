// The message catalog: every sentence a report says to a person is written
// in English in the source, wrapped in tr() (or marked with msg() where it
// is chosen in one place and shown in another), and looked up by that
// English text in the chosen language's table (cli/messages_zh.cpp). Ids,
// flags, code names and file names are never wrapped; JSON stays English.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FormatVariadic.h"

#include <string>

namespace tangle {

enum class Language { English, Chinese };

/// The language of the reports this process prints (English by default).
void setLanguage(Language language);
Language currentLanguage();

/// "zh", "zh_CN", "zh_TW.UTF-8" are Chinese; "en", "en_US.UTF-8", "C",
/// "POSIX" English. False for anything else.
bool parseLanguage(llvm::StringRef value, Language &language);

/// Sets the language a --lang value names; false, and the language
/// unchanged, if it names none (the linter's --lang, analyzer/Lint.h).
bool chooseLanguage(const std::string &value);

/// The language the environment asks for, as POSIX orders it: LC_ALL, then
/// LC_MESSAGES, then LANG (the first that is set and not empty); English if
/// none is, or it names a language tangle has no catalog for.
Language languageFromEnvironment();

/// The translation of `english` in the current language; `english` itself
/// in English, or if the catalog has no entry (cli/tests/messages_test.cpp
/// keeps that from happening for the texts in the source).
const char *tr(const char *english);
inline std::string tr(const std::string &english) {
  return tr(english.c_str());
}

/// A sentence built from pieces: the translated format, with llvm::formatv
/// placeholders ({0}, {1}, ...) filled in, so that a language can put the
/// pieces in its own order.
template <typename T, typename... Ts>
std::string tr(const char *format, T &&first, Ts &&...rest) {
  return llvm::formatv(tr(format), std::forward<T>(first),
                       std::forward<Ts>(rest)...)
      .str();
}

/// Marks an English text as a catalog key without translating it: the text
/// is kept (in the explanation, in JSON) and translated where it is shown,
/// with tr(text).
constexpr const char *msg(const char *english) { return english; }

/// One entry of a language's catalog.
struct CatalogEntry {
  const char *english;
  const char *translation;
};

/// The Chinese catalog (cli/messages_zh.cpp).
llvm::ArrayRef<CatalogEntry> chineseCatalog();

} // namespace tangle
