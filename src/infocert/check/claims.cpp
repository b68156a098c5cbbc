#include "infocert/check/claims.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace infocert::check {

const char* status_name(Status s) {
  switch (s) {
    case Status::proved: return "proved";
    case Status::verified_exact: return "verified-exact";
    case Status::checked_exact: return "checked-exact";
    case Status::not_informative: return "not-informative";
    case Status::verified_numeric: return "verified-numeric";
    case Status::refuted: return "refuted";
    case Status::transcription_differs: return "transcription-differs";
    case Status::supported: return "supported";
    case Status::not_checkable: return "not-checkable";
    case Status::hypotheses_fail: return "hypotheses-fail";
    case Status::not_implemented: return "not-implemented";
  }
  return "?";
}

const char* status_meaning(Status s) {
  switch (s) {
    case Status::proved: return "a certificate covers the claim's whole domain (every length, every distribution, or the limit)";
    case Status::verified_exact: return "a statement about one distribution, model or number, decided exactly";
    case Status::checked_exact:
      return "a general statement decided exactly on a finite domain; the scope lists every bound of that domain";
    case Status::verified_numeric: return "estimated numerically with confidence intervals, not certified";
    case Status::supported: return "a numeric trend measured over a range where it could have failed, stated in the scope";
    case Status::not_informative: return "holds where checked, but could not have failed there";
    case Status::refuted: return "a counterexample that meets every hypothesis; infocert verify re-checks it";
    case Status::transcription_differs: return "the post's form differs from the source's; both are evaluated";
    case Status::not_checkable: return "no finite computation decides it, or the measurement settles nothing";
    case Status::hypotheses_fail: return "(one case) the case does not meet the claim's hypotheses";
    case Status::not_implemented: return "no checker covers it yet";
  }
  return "?";
}

const std::vector<Status>& all_statuses() {
  static const std::vector<Status> all = {Status::proved,          Status::verified_exact,  Status::checked_exact,
                                          Status::verified_numeric, Status::supported,       Status::not_informative,
                                          Status::refuted,         Status::transcription_differs, Status::not_checkable,
                                          Status::hypotheses_fail, Status::not_implemented};
  return all;
}

namespace {
std::vector<ClaimInfo>& installed() {
  static std::vector<ClaimInfo> claims;
  return claims;
}
}  // namespace

const std::vector<ClaimInfo>& catalogue() { return installed(); }

void install_claims(const std::vector<ClaimInfo>& claims) {
  for (const auto& c : claims) {
    auto& all = installed();
    auto it = std::find_if(all.begin(), all.end(), [&](const ClaimInfo& x) { return x.id == c.id; });
    if (it == all.end()) {
      all.push_back(c);
    } else if (it->checker == c.checker && c.checker != "query") {
      *it = c;
    } else {
      throw std::invalid_argument("claim " + c.id + " is already stated in " + it->file +
                                  (it->checker == "query" ? "" : " (procedure " + it->checker + ")") +
                                  "; choose another id");
    }
  }
}

std::optional<Status> status_from_name(std::string_view name) {
  for (Status s : all_statuses())
    if (name == status_name(s)) return s;
  return std::nullopt;
}

const ClaimInfo* find_claim(std::string_view id) {
  for (const auto& c : catalogue())
    if (c.id == id) return &c;
  return nullptr;
}

std::vector<std::string> CheckReport::unexpected() const {
  std::vector<std::string> out;
  for (const auto& v : claims) {
    const ClaimInfo* info = find_claim(v.id);
    if (user_cases && v.status == Status::hypotheses_fail) continue;
    if (!info || (info->expected ? *info->expected != v.status : v.status == Status::refuted)) out.push_back(v.id);
  }
  return out;
}

Status aggregate(const std::vector<CaseVerdict>& cases) {
  // The weakest positive status among the cases, unless one refutes.
  static const Status weakest_first[] = {Status::not_checkable, Status::transcription_differs, Status::not_informative, Status::supported,
                                         Status::verified_numeric,      Status::checked_exact,   Status::verified_exact,
                                         Status::proved};
  for (const auto& c : cases)
    if (c.status == Status::refuted) return Status::refuted;
  for (Status s : weakest_first)
    for (const auto& c : cases)
      if (c.status == s) return s;
  return Status::hypotheses_fail;
}

Table& Declarations::table(const std::string& name) {
  for (auto& t : tables)
    if (t.name == name) return t;
  throw std::logic_error("checker " + checker + " declares no table " + name);
}

std::string list_text(const std::vector<Rational>& values) {
  std::string out;
  for (const auto& x : values) out += (out.empty() ? "" : ", ") + x.str();
  return out;
}

std::string list_text(const std::vector<unsigned>& values) {
  std::string out;
  for (unsigned x : values) out += (out.empty() ? "" : ", ") + std::to_string(x);
  return out;
}

std::string general(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return buf;
}

std::string Declarations::text(const std::string& name,
                               const std::vector<std::pair<std::string, std::string>>& values) const {
  auto it = texts.find(name);
  if (it == texts.end()) throw std::logic_error("checker " + checker + " declares no text " + name);
  const std::string& t = it->second;
  std::string out;
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t close = t[i] == '{' ? t.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += t[i++];
      continue;
    }
    const std::string key = t.substr(i + 1, close - i - 1);
    auto v = std::find_if(values.begin(), values.end(), [&](const auto& kv) { return kv.first == key; });
    if (v == values.end()) throw std::logic_error("text " + name + " of checker " + checker + ": {" + key + "} not filled");
    out += v->second;
    i = close + 1;
  }
  for (const auto& [key, value] : values)
    if (t.find("{" + key + "}") == std::string::npos)
      throw std::logic_error("text " + name + " of checker " + checker + ": no placeholder {" + key + "}");
  return out;
}

}  // namespace infocert::check
