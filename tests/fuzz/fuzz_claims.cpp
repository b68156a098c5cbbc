// libFuzzer harness: any bytes as a claim file, and as a post that the claims are located
// in. Bad input must end in an InputError; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "infocert/cases/post.hpp"
#include "infocert/cases/read_declarations.hpp"
#include "infocert/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace infocert;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<check::ClaimInfo> claims;
  try {
    for (const auto& c : read_claim_text("fuzz.json", text).claims) claims.push_back(c.info);
  } catch (const InputError&) {
  }
  // The same bytes as a post: every claim read, and two fixed sources, located in it.
  check::ClaimInfo fixed;
  fixed.id = "fixed";
  fixed.source = {"Lemma A / Proof", "the mixture", "fnv1a64:0000000000000000"};
  claims.push_back(fixed);
  fixed.source = {"Definitions", "$x$. y", ""};
  claims.push_back(fixed);
  sync_post(Post::parse("fuzz.md", text), claims);
  return 0;
}
