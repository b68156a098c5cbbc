#pragma once
/// The post and the ledger in sync: reads a version of the post (Hugo Markdown or Quarto),
/// locates each claim's sentence by its source (section heading, a few words), compares the
/// sentence's fingerprint, and lists the mathematical statements no claim covers.
#include <string>
#include <string_view>
#include <vector>

#include "infocert/check/claims.hpp"

namespace infocert {

/// Lower case, Markdown emphasis and code marks (`*`, backtick) removed, runs of white space
/// as one space, trimmed. Math is kept as written.
std::string normalise_text(std::string_view text);
/// A heading's text normalised for matching: '#' marks, `{#anchor}` and `{{< shortcode >}}`
/// removed, then normalise_text, then trailing " :()." removed ("Proof of b)" -> "proof of b").
std::string normalise_heading(std::string_view heading);
/// "fnv1a64:" and the 16 hex digits of the 64-bit FNV-1a hash of normalise_text(sentence).
std::string sentence_fingerprint(std::string_view sentence);

/// A post split into headings and paragraphs.
class Post {
 public:
  /// Reads FILE (InputError naming it when it cannot be read).
  static Post read(const std::string& file);
  static Post parse(const std::string& file, const std::string& text);

  struct Heading {
    std::size_t line;   ///< 1-based
    int level;          ///< number of '#'
    std::string text;   ///< as written, without the '#' marks
    std::string key;    ///< normalise_heading
    std::size_t end;    ///< the line before the next heading of this level or higher (or the last line)
  };
  struct Paragraph {
    std::size_t first, last;  ///< 1-based lines
    std::string text;         ///< normalise_text of the lines joined
    std::string raw;          ///< the lines joined by spaces, as written
    bool display = false;     ///< a displayed formula: $$...$$, or one $...$ alone
  };
  const std::string& file() const { return file_; }
  const std::vector<Heading>& headings() const { return headings_; }
  const std::vector<Paragraph>& paragraphs() const { return paragraphs_; }

 private:
  std::string file_;
  std::vector<Heading> headings_;
  std::vector<Paragraph> paragraphs_;
};

/// Where a claim's source was found, if it was.
struct Located {
  enum class State { found, no_source, section_gone, words_gone } state = State::no_source;
  std::size_t line = 0;          ///< first line of the paragraph
  std::size_t heading = 0;       ///< the section heading's line
  std::string sentence;          ///< normalised
  std::string fingerprint;       ///< of the sentence found
};
/// Finds the source: the section path ("Lemma A / Proof": the first heading "Proof" after
/// "Lemma A", each inside the previous one's part of the post), then the first paragraph of
/// that section containing the words, then the sentence (split at '.', '?', '!' followed by
/// a space, outside $...$) that contains them.
Located locate(const Post& post, const check::ClaimSource& source);

struct SyncRow {
  std::string id;
  std::string section, locate;
  std::string state;             ///< "current", "changed", "section gone", "sentence gone", "no fingerprint", "no source"
  std::size_t line = 0;
  std::string recorded, found;   ///< fingerprints
  std::string sentence;          ///< the sentence found, normalised
  bool stale() const { return state == "changed" || state == "section gone" || state == "sentence gone"; }
};
struct UncoveredStatement {
  std::size_t line;
  std::string kind;   ///< "heading" or "display formula"
  std::string text;   ///< the heading, or the formula's first 80 characters
  std::string section;
};
struct SyncResult {
  std::string post;
  std::vector<SyncRow> claims;
  std::vector<UncoveredStatement> uncovered;
  std::size_t stale() const;
};

/// Every claim with a source located and compared; statements (Lemma, Theorem, Corollary,
/// Hypothesis, Definition headings, in the post's spellings, and displayed formulas) that
/// no located claim falls inside are listed as uncovered.
SyncResult sync_post(const Post& post, const std::vector<check::ClaimInfo>& claims);

}  // namespace infocert
