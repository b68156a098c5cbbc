// infocert sync: fingerprints against published FNV-1a test vectors, headings, sections,
// sentences, and the three ways a post drifts from its claims (edited, deleted, new lemma).
#include <doctest/doctest.h>

#include "infocert/cases/post.hpp"

using namespace infocert;

namespace {

const char* kPost = R"(# A post

## Definitions {#defs}

The entropy is $\mathbb H(X) = -\sum p \log p$. It is *never* negative. Mutual information
is symmetric.

#### Lemma A:
Let $M_1$ and $M_2$ be chains. Then the mixture is not finite-horizon.

#### Proof:
- a) the posterior tends to one
- b) the posterior stays below one

$$\lim_{t} P = 1$$

#### Theorem X.1 ({{< cite "paper" >}})
$H(X) \le \ln d$
)";

check::ClaimInfo claim(const std::string& id, const std::string& section, const std::string& locate,
                       const std::string& fingerprint = "") {
  check::ClaimInfo c;
  c.id = id;
  c.source = {section, locate, fingerprint};
  return c;
}

}  // namespace

TEST_CASE("fingerprints: FNV-1a 64 of the normalised sentence") {
  // Published FNV-1a 64-bit test vectors: "" and "a".
  CHECK(sentence_fingerprint("") == "fnv1a64:cbf29ce484222325");
  CHECK(sentence_fingerprint("a") == "fnv1a64:af63dc4c8601ec8c");
  CHECK(sentence_fingerprint("A") == sentence_fingerprint("a"));
  CHECK(sentence_fingerprint("  It is *never*\n  negative. ") == sentence_fingerprint("it is never negative."));
  CHECK(sentence_fingerprint("it is never negative.") != sentence_fingerprint("it is not negative."));
  CHECK(normalise_text(" `x`  *y*\tz ") == "x y z");
}

TEST_CASE("headings, sections and sentences") {
  CHECK(normalise_heading("#### Theorem Jeon.3.2 ({{< cite \"jeon2024information\" >}})") == "theorem jeon.3.2");
  CHECK(normalise_heading("## Discusion of their Assumptions {#discussion-assumptions}") == "discusion of their assumptions");
  CHECK(normalise_heading("##### Proof of b)  ") == "proof of b");
  Post p = Post::parse("post.md", kPost);
  REQUIRE(p.headings().size() == 5);
  CHECK(p.headings()[1].key == "definitions");
  CHECK(p.headings()[1].end == 18);  // a level-2 section runs to the last line
  CHECK(p.headings()[2].end == 10);  // Lemma A ends before Proof (same level)
  // The second sentence of a paragraph, not the whole paragraph.
  Located l = locate(p, {"Definitions", "never negative", ""});
  REQUIRE(l.state == Located::State::found);
  CHECK(l.sentence == "it is never negative.");
  CHECK(l.line == 5);
  // Math is not split at its '.'; words spanning two sentences take both.
  CHECK(locate(p, {"Definitions", "negative. mutual", ""}).sentence == "it is never negative. mutual information is symmetric.");
  // A path: the first "Proof" after "Lemma A"; list items are paragraphs of their own.
  Located b = locate(p, {"Lemma A / Proof", "stays below", ""});
  REQUIRE(b.state == Located::State::found);
  CHECK(b.line == 13);
  CHECK(b.sentence == "- b) the posterior stays below one");
  CHECK(locate(p, {"Proof / Lemma A", "mixture", ""}).state == Located::State::section_gone);
  CHECK(locate(p, {"Lemma A", "stays below", ""}).state == Located::State::words_gone);  // outside Lemma A's part
  CHECK(locate(p, {"", "", ""}).state == Located::State::no_source);
}

TEST_CASE("sync: current, edited, deleted, and a new lemma no claim covers") {
  Post p = Post::parse("post.md", kPost);
  const std::string lemma_fp = locate(p, {"Lemma A", "not finite-horizon", ""}).fingerprint;
  const std::string thm_fp = locate(p, {"Theorem X.1", "\\le \\ln d", ""}).fingerprint;
  std::vector<check::ClaimInfo> claims = {claim("lemma", "Lemma A", "not finite-horizon", lemma_fp),
                                          claim("thm", "Theorem X.1", "\\le \\ln d", thm_fp),
                                          claim("loose", "Definitions", "symmetric")};
  SyncResult same = sync_post(p, claims);
  CHECK(same.stale() == 0);
  CHECK(same.claims[0].state == "current");
  CHECK(same.claims[2].state == "no fingerprint");
  // Uncovered: the display formula in the proof (no claim is located under "Proof").
  REQUIRE(same.uncovered.size() == 1);
  CHECK(same.uncovered[0].kind == "display formula");
  CHECK(same.uncovered[0].line == 15);

  std::string edited = kPost;
  edited.replace(edited.find("is not finite-horizon"), 21, "is not a finite-horizon process");
  // The words still locate the sentence? No: they changed, so the claim's words are gone.
  SyncResult e = sync_post(Post::parse("post.md", edited), claims);
  CHECK(e.claims[0].state == "sentence gone");
  // An edit elsewhere in the located sentence changes its fingerprint.
  std::string edited2 = kPost;
  edited2.replace(edited2.find("Then the mixture"), 16, "Then any mixture");
  SyncResult e2 = sync_post(Post::parse("post.md", edited2), claims);
  CHECK(e2.claims[0].state == "changed");
  CHECK(e2.stale() == 1);
  // Deleting the theorem's section.
  std::string deleted = kPost;
  deleted.erase(deleted.find("#### Theorem X.1"));
  SyncResult d = sync_post(Post::parse("post.md", deleted), claims);
  CHECK(d.claims[1].state == "section gone");
  // A new lemma that no claim covers.
  std::string added = std::string(kPost) + "\n#### Lemma C:\nEvery chain is a chain.\n";
  SyncResult a = sync_post(Post::parse("post.md", added), claims);
  CHECK(a.stale() == 0);
  REQUIRE(a.uncovered.size() == 2);
  CHECK(a.uncovered[1].kind == "heading");
  CHECK(a.uncovered[1].text == "Lemma C:");
}
