#pragma once
// Test helper: the verdict of one claim in a checker's report (the test fails without one).
#include <doctest/doctest.h>

#include <string>

#include "infocert/check/claims.hpp"

namespace infocert::testing {

inline const check::ClaimVerdict& verdict(const check::CheckReport& r, const std::string& id) {
  for (const auto& v : r.claims)
    if (v.id == id) return v;
  FAIL("no verdict for " << id);
  throw;
}

}  // namespace infocert::testing
