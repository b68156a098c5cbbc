#pragma once
/// Finite channels W(y | x) with rational entries: mutual information of a prior exactly,
/// and the capacity certified by the sandwich I(p) <= C <= max_x D(W(.|x) || pW).
#include <string>
#include <vector>

#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/logform.hpp"

namespace infocert {

struct Channel {
  std::vector<std::string> inputs, outputs;
  std::vector<std::vector<Rational>> rows;  ///< rows[x][y] = W(y | x), each summing to 1
};


/// I(X; Y) for X ~ prior, exactly.
LogForm channel_information(const Channel& w, const std::vector<Rational>& prior);

struct CapacityResult {
  Enclosure capacity;             ///< lo <= C <= hi (nats), hi - lo <= the width asked for
  std::vector<Rational> prior;    ///< the prior whose I(p) gives the lower end
  Enclosure prior_information;    ///< an enclosure of I(prior)
  unsigned iterations = 0;        ///< Blahut-Arimoto iterations
  unsigned newton_iterations = 0; ///< Newton steps on the KKT conditions (0: not used)
  std::size_t support = 0;        ///< inputs with positive weight in the prior
  bool width_met = false;         ///< false when the iteration budget ran out first
  unsigned iteration_limit = 0;   ///< the high-precision iterations allowed (the budget's cut)
  bool cut_by_work = false;       ///< true when the work limit, not max_iterations, set it
};

/// The capacity, certified: Blahut-Arimoto in MPFR finds the support of an optimal prior,
/// Newton's method on the KKT conditions on that support (D(W_x || pW) = C for x in it, the
/// weights summing to 1; an input with a negative weight leaves it, an input outside with
/// D(W_x || pW) > C joins it) gives the prior at the working precision, and the sandwich
/// I(p) <= C <= max_x D(W_x || pW), evaluated with MPFI for the prior rounded to rationals,
/// certifies it (the inputs outside the support are covered by the max). When Newton does not
/// reach `max_width`, Blahut-Arimoto continues until the sandwich does or `max_iterations`
/// is reached. `newton` false: Blahut-Arimoto alone (for comparisons). The work is
/// estimated first and refused above limits().work (BudgetExceeded, naming --max-work);
/// the high-precision iterations are cut to what the limit leaves (`iteration_limit`).
CapacityResult channel_capacity(const Channel& w, const Rational& max_width, unsigned max_iterations = 200000,
                                bool newton = true);

/// Blahut-Arimoto in doubles until max_x D(W_x || pW) - I(p) < gap or `limit` iterations:
/// the prior, I(p) and the iterations. Nothing certified: channel_capacity's starting point
/// and a baseline to compare with.
struct DoubleCapacity {
  std::vector<double> prior;
  double information = 0;
  unsigned iterations = 0;
};
DoubleCapacity double_blahut_arimoto(const Channel& w, double gap, unsigned limit);

/// The prior rounded to rationals with denominators 10^k summing to exactly 1 (the last
/// positive entry takes the remainder).
std::vector<Rational> round_prior(const std::vector<Rational>& p, unsigned digits);

}  // namespace infocert
