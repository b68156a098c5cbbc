// cddlib in GMP rationals: GMPRATIONAL selects its mpq_t number type.
#define GMPRATIONAL
#include <gmp.h>
#include <cddlib/setoper.h>
#include <cddlib/cdd.h>
#include <glpk.h>

#include "infocert/prove/lp.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace infocert::prove::lp {
namespace {

void init_cdd() {
  static std::once_flag once;
  std::call_once(once, [] { dd_set_global_constants(); });
}

void set(mytype x, const Rational& r) { mpq_set(x, r.backend().data()); }
Rational get(const mytype x) {
  Rational r;
  mpq_set(r.backend().data(), x);
  return r;
}

struct MatrixFree {
  void operator()(dd_MatrixType* m) const { dd_FreeMatrix(m); }
};
struct LpFree {
  void operator()(dd_LPType* lp) const { dd_FreeLPData(lp); }
};
using Matrix = std::unique_ptr<dd_MatrixType, MatrixFree>;
using Lp = std::unique_ptr<dd_LPType, LpFree>;

Lp solve(dd_MatrixType* m) {
  dd_ErrorType err = dd_NoError;
  Lp lp(dd_Matrix2LP(m, &err));
  if (err != dd_NoError || !lp) throw std::runtime_error("cddlib: could not set up the linear programme (error " + std::to_string(err) + ")");
  dd_LPSolve(lp.get(), dd_DualSimplex, &err);
  if (err != dd_NoError) throw std::runtime_error("cddlib: the linear programme failed (error " + std::to_string(err) + ")");
  return lp;
}

}  // namespace

Solution minimise(const std::vector<Form>& rows, const std::vector<bool>& equality, const Form& objective, unsigned k) {
  init_cdd();
  long m = k == 0 ? 0 : (1L << k) - 1;
  long nrows = static_cast<long>(rows.size()) + 1;
  Matrix mat(dd_CreateMatrix(nrows, m + 1));
  mat->representation = dd_Inequality;
  mat->numbtype = dd_Rational;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (const auto& [s, c] : rows[i]) set(mat->matrix[i][s], c);
    if (equality[i]) set_addelem(mat->linset, static_cast<long>(i) + 1);
  }
  // 1 - h(full) >= 0: the cone is cut to a bounded polytope.
  set(mat->matrix[nrows - 1][0], Rational(1));
  set(mat->matrix[nrows - 1][m], Rational(-1));
  mat->objective = dd_LPmin;
  for (const auto& [s, c] : objective) set(mat->rowvec[s], c);
  Lp lp = solve(mat.get());
  if (lp->LPS != dd_Optimal) throw std::runtime_error("cddlib: no optimum (status " + std::to_string(lp->LPS) + ")");
  Solution out;
  out.optimum = get(lp->optvalue);
  for (long j = 1; j <= m; ++j) {
    Rational v = get(lp->sol[j]);
    if (v != 0) out.point[static_cast<Mask>(j)] = v;
  }
  // cddlib reports the dual of the minimisation as that of max -objective: negate it.
  // cddlib writes each equality as two inequalities: rows past the matrix's are the
  // equalities' negated copies, in order.
  std::vector<std::size_t> equalities;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (equality[i]) equalities.push_back(i);
  for (long j = 1; j < lp->d; ++j) {
    long row = lp->nbindex[j + 1];
    std::size_t index;
    if (row > 0 && row <= static_cast<long>(rows.size())) {
      index = static_cast<std::size_t>(row - 1);
    } else if (row > nrows && row <= nrows + static_cast<long>(equalities.size())) {
      index = equalities[static_cast<std::size_t>(row - nrows - 1)];
    } else {
      continue;
    }
    if (std::find(out.tight.begin(), out.tight.end(), index) == out.tight.end()) out.tight.push_back(index);
  }
  return out;
}

std::optional<FloatBasis> float_basis(const std::vector<Form>& rows, const std::vector<bool>& equality,
                                      const Form& objective, unsigned k) {
  int m = k == 0 ? 0 : (1 << k) - 1;
  if (m == 0) return std::nullopt;
  static std::once_flag quiet;
  std::call_once(quiet, [] { glp_term_out(GLP_OFF); });
  glp_prob* lp = glp_create_prob();
  std::unique_ptr<glp_prob, void (*)(glp_prob*)> guard(lp, glp_delete_prob);
  glp_set_obj_dir(lp, GLP_MIN);
  glp_add_cols(lp, m);
  for (int j = 1; j <= m; ++j) glp_set_col_bnds(lp, j, GLP_FR, 0, 0);
  for (const auto& [s, c] : objective) glp_set_obj_coef(lp, static_cast<int>(s), c.convert_to<double>());
  int nrows = static_cast<int>(rows.size()) + 1;
  glp_add_rows(lp, nrows);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    int r = static_cast<int>(i) + 1;
    glp_set_row_bnds(lp, r, equality[i] ? GLP_FX : GLP_LO, 0, 0);
    for (const auto& [s, c] : rows[i]) {
      ia.push_back(r);
      ja.push_back(static_cast<int>(s));
      ar.push_back(c.convert_to<double>());
    }
  }
  glp_set_row_bnds(lp, nrows, GLP_UP, 0, 1);
  ia.push_back(nrows);
  ja.push_back(m);
  ar.push_back(1);
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  if (glp_simplex(lp, &parm) != 0 || glp_get_status(lp) != GLP_OPT) return std::nullopt;
  FloatBasis b;
  b.optimum = glp_get_obj_val(lp);
  for (int r = 1; r <= nrows; ++r)
    if (glp_get_row_stat(lp, r) != GLP_BS) b.tight.push_back(static_cast<std::size_t>(r - 1));
  for (int j = 1; j <= m; ++j)
    if (glp_get_col_stat(lp, j) != GLP_BS) b.zero.push_back(static_cast<Mask>(j));
  return b;
}

std::vector<std::size_t> float_sparse_support(const std::vector<Form>& rows, const std::vector<bool>& equality,
                                              const Form& target) {
  std::vector<Mask> sets;
  for (const auto& [s, c] : target) sets.push_back(s);
  for (const auto& f : rows)
    for (const auto& [s, c] : f) sets.push_back(s);
  std::sort(sets.begin(), sets.end());
  sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
  if (rows.empty() || sets.empty()) return {};
  glp_prob* lp = glp_create_prob();
  std::unique_ptr<glp_prob, void (*)(glp_prob*)> guard(lp, glp_delete_prob);
  glp_set_obj_dir(lp, GLP_MIN);
  int n = static_cast<int>(rows.size());
  glp_add_cols(lp, n);
  for (int j = 1; j <= n; ++j) {
    bool eq = equality[static_cast<std::size_t>(j - 1)];
    glp_set_col_bnds(lp, j, eq ? GLP_FR : GLP_LO, 0, 0);
    glp_set_obj_coef(lp, j, eq ? 0 : 1);
  }
  glp_add_rows(lp, static_cast<int>(sets.size()));
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  for (std::size_t r = 0; r < sets.size(); ++r) {
    auto t = target.find(sets[r]);
    double rhs = t == target.end() ? 0.0 : t->second.convert_to<double>();
    glp_set_row_bnds(lp, static_cast<int>(r) + 1, GLP_FX, rhs, rhs);
  }
  for (int j = 1; j <= n; ++j)
    for (const auto& [s, c] : rows[static_cast<std::size_t>(j - 1)]) {
      ia.push_back(static_cast<int>(std::lower_bound(sets.begin(), sets.end(), s) - sets.begin()) + 1);
      ja.push_back(j);
      ar.push_back(c.convert_to<double>());
    }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  if (glp_simplex(lp, &parm) != 0 || glp_get_status(lp) != GLP_OPT) return {};
  std::vector<std::size_t> support;
  for (int j = 1; j <= n; ++j)
    if (glp_get_col_stat(lp, j) == GLP_BS) support.push_back(static_cast<std::size_t>(j - 1));
  return support;
}

std::optional<std::vector<Rational>> combination(const std::vector<Column>& columns, const Form& target) {
  init_cdd();
  long n = static_cast<long>(columns.size());
  long nonneg = 0;
  for (const auto& c : columns) nonneg += c.nonnegative;
  // Only the sets some column or the target mentions give an equation (others read 0 = 0).
  std::vector<Mask> sets;
  for (const auto& [s, c] : target) sets.push_back(s);
  for (const auto& c : columns)
    for (const auto& [s, v] : *c.form) sets.push_back(s);
  std::sort(sets.begin(), sets.end());
  sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
  long nrows = nonneg + static_cast<long>(sets.size());
  if (nrows == 0) return std::vector<Rational>(columns.size());
  Matrix mat(dd_CreateMatrix(nrows, n + 1));
  mat->representation = dd_Inequality;
  mat->numbtype = dd_Rational;
  long r = 0;
  for (long j = 0; j < n; ++j)
    if (columns[j].nonnegative) set(mat->matrix[r++][j + 1], Rational(1));
  // For each set S: -target(S) + Σ y_j column_j(S) = 0.
  for (Mask s : sets) {
    auto t = target.find(s);
    if (t != target.end()) set(mat->matrix[r][0], -t->second);
    for (long j = 0; j < n; ++j) {
      auto it = columns[j].form->find(s);
      if (it != columns[j].form->end()) set(mat->matrix[r][j + 1], it->second);
    }
    set_addelem(mat->linset, r + 1);
    ++r;
  }
  mat->objective = dd_LPmin;
  for (long j = 0; j < n; ++j)
    if (columns[j].nonnegative) set(mat->rowvec[j + 1], Rational(1));
  Lp lp = solve(mat.get());
  if (lp->LPS == dd_Inconsistent) return std::nullopt;
  if (lp->LPS != dd_Optimal) throw std::runtime_error("cddlib: no optimum (status " + std::to_string(lp->LPS) + ")");
  std::vector<Rational> y(columns.size());
  for (long j = 0; j < n; ++j) y[j] = get(lp->sol[j + 1]);
  return y;
}

}  // namespace infocert::prove::lp
