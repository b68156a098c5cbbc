#include "infocert/engine/conjugate_source.hpp"

#include <algorithm>
#include <stdexcept>

#include "infocert/engine/conjugate.hpp"
#include "infocert/error.hpp"

namespace infocert {

ConjugateSource::ConjugateSource(std::vector<std::string> alphabet, std::vector<unsigned> alphas, unsigned long tokens)
    : alphabet_(std::move(alphabet)), alphas_(std::move(alphas)), tokens_(tokens) {
  if (alphabet_.size() != alphas_.size())
    throw std::invalid_argument("a Dirichlet prior needs one parameter per symbol: " + std::to_string(alphabet_.size()) +
                                " symbols, " + std::to_string(alphas_.size()) + " parameters");
  if (tokens_ < 1 || tokens_ > kMaxConjugateTokens)
    throw std::invalid_argument("the horizon must be from 1 to " + std::to_string(kMaxConjugateTokens) + " tokens");
  (void)dirichlet_conditional_entropy(alphas_, 1);  // checks the parameters
}

ConjugateSource::ConjugateSource(std::vector<std::string> alphabet, std::vector<std::vector<unsigned>> rows,
                                 unsigned start, unsigned long tokens)
    : alphabet_(std::move(alphabet)), rows_(std::move(rows)), start_(start), tokens_(tokens) {
  if (alphabet_.size() != 2 || rows_.size() != 2)
    throw std::invalid_argument("Beta rows of a Markov chain are read for two symbols only");
  if (tokens_ < 1 || tokens_ > kMaxConjugateTokens)
    throw std::invalid_argument("the horizon must be from 1 to " + std::to_string(kMaxConjugateTokens) + " tokens");
  (void)markov_beta_path_probability(rows_, {{0, 0}, {0, 0}});  // checks the parameters
  if (start_ > 1) throw std::invalid_argument("the start state is one of the two symbols");
}

void ConjugateSource::require_prefix(const VarSet& tokens) const {
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (tokens[i] != i)
      throw InputError("a chain with Beta rows is not exchangeable: entropies and events are of prefixes X1..Xn only");
}

VarSet ConjugateSource::resolve_name(std::string_view name) const {
  if (name == "theta") return {theta_index()};
  if (name.size() > 1 && name[0] == 'X' && name[1] != '0' &&
      std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; }) && name.size() <= 9) {
    const unsigned long i = std::stoul(std::string(name.substr(1)));
    if (i >= 1 && i <= tokens_) return {static_cast<std::size_t>(i - 1)};
  }
  throw std::out_of_range("unknown variable \"" + std::string(name) + "\" (variables: X1..X" + std::to_string(tokens_) +
                          ", theta)");
}

VarSet ConjugateSource::resolve_range(const std::string& first, const std::string& last) const {
  const VarSet a = resolve_name(first), b = resolve_name(last);
  if (a.front() == theta_index() || b.front() == theta_index() || a.front() > b.front())
    throw std::out_of_range("cannot resolve the range " + first + ".." + last + " (tokens in order, such as X1..X" +
                            std::to_string(tokens_) + ")");
  VarSet out;
  for (std::size_t i = a.front(); i <= b.front(); ++i) out.push_back(i);
  return out;
}

LogForm ConjugateSource::entropy(const VarSet&) {
  throw InputError("a Dirichlet prior's entropies are sums of logarithms of Beta functions: its measures are enclosures, "
                   "not exact forms");
}

Interval ConjugateSource::entropy_interval(const VarSet& vars, mpfr_prec_t precision) {
  const bool theta = std::find(vars.begin(), vars.end(), theta_index()) != vars.end();
  VarSet tokens = vars;
  if (theta) tokens.pop_back();  // θ has the largest index
  const unsigned long n = tokens.size();
  if (n == 0) return interval_of(Rational(0), precision);
  // I.i.d. tokens are exchangeable (any n of them are X1..Xn) and n E[H(θ)] given θ, rational;
  // a chain's are not, so only prefixes.
  if (markov()) require_prefix(tokens);
  if (!markov() && theta) return interval_of(dirichlet_conditional_entropy(alphas_, n), precision);
  const auto key = std::make_tuple(n, precision, theta);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  if (!markov()) return cache_.emplace(key, dirichlet_joint_entropy(alphas_, n, precision)).first->second;
  const MarkovBetaEntropies e = markov_beta_entropies(rows_, start_, n, precision);
  cache_.emplace(std::make_tuple(n, precision, false), e.joint);
  cache_.emplace(std::make_tuple(n, precision, true), e.conditional);
  return theta ? e.conditional : e.joint;
}

Rational ConjugateSource::event_probability(const VarSet& vars, const std::vector<std::string>& symbols) {
  for (std::size_t v : vars)
    if (v == theta_index())
      throw std::domain_error("theta is continuous: events P(...) are on the tokens X1..X" + std::to_string(tokens_));
  if (markov()) require_prefix(vars);
  std::vector<unsigned long> counts(alphabet_.size(), 0);
  std::vector<std::vector<unsigned long>> transitions(2, std::vector<unsigned long>(2, 0));
  unsigned state = start_;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    auto at = std::find(alphabet_.begin(), alphabet_.end(), symbols.at(i));
    if (at == alphabet_.end()) {
      std::string list;
      for (const auto& s : alphabet_) list += (list.empty() ? "" : ", ") + s;
      throw std::out_of_range("unknown symbol \"" + symbols[i] + "\" (alphabet: " + list + ")");
    }
    const std::size_t x = static_cast<std::size_t>(at - alphabet_.begin());
    ++counts[x];
    if (markov()) {
      ++transitions[state][x];
      state = static_cast<unsigned>(x);
    }
  }
  return markov() ? markov_beta_path_probability(rows_, transitions) : dirichlet_sequence_probability(alphas_, counts);
}

}  // namespace infocert
