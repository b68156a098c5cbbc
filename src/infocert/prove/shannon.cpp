#include "infocert/prove/shannon.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <set>
#include <stdexcept>

#include "infocert/error.hpp"
#include "infocert/prove/lp.hpp"
#include "infocert/query/query.hpp"

namespace infocert::prove {
namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

void add(Form& f, Mask s, const Rational& c) {
  if (s == 0 || c == 0) return;
  auto [it, fresh] = f.emplace(s, c);
  if (!fresh) {
    it->second += c;
    if (it->second == 0) f.erase(it);
  }
}

Form scaled(const Form& f, const Rational& s) {
  Form out;
  for (const auto& [m, c] : f) add(out, m, c * s);
  return out;
}

void add_form(Form& f, const Form& g, const Rational& s = Rational(1)) {
  for (const auto& [m, c] : g) add(f, m, c * s);
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

std::vector<std::string> names_of(Mask m, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (m >> i & 1u) out.push_back(names[i]);
  return out;
}


/// Splits at a separator that is not part of "..": used for `A . B . C`.
std::vector<std::string> split_independence(const std::string& s) {
  std::vector<std::string> parts;
  std::string cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dot = s[i] == '.';
    bool range = dot && ((i + 1 < s.size() && s[i + 1] == '.') || (i > 0 && s[i - 1] == '.'));
    if (dot && !range) {
      parts.push_back(trim(cur));
      cur.clear();
    } else {
      cur += s[i];
    }
  }
  parts.push_back(trim(cur));
  return parts;
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto at = s.find(sep, start);
    parts.push_back(trim(std::string_view(s).substr(start, at == std::string::npos ? std::string::npos : at - start)));
    if (at == std::string::npos) break;
    start = at + sep.size();
  }
  return parts;
}

/// A constraint written as a shorthand, expanded to typed claims (names read by the query
/// parser): "A -> B -> C" (a Markov chain), "A : B" (A a function of B), "A . B . C"
/// (mutual independence). nullopt for a constraint in the query language.
std::optional<std::vector<ClaimExpr>> expand_shorthand(const std::string& text) {
  auto fail = [&](const std::string& why) { throw InputError("prove: constraint \"" + text + "\": " + why); };
  if (text.find('(') != std::string::npos) return std::nullopt;
  const Query zero = q::constant(Rational(0));
  // A node's variable list, read by the query parser; its error names the constraint.
  auto parse_names = [&](const std::string& list) -> q::Names {
    try {
      return infocert::parse_names(list);
    } catch (const InputError& e) {
      throw InputError("prove: constraint \"" + text + "\": " + e.what());
    }
  };
  if (text.find("->") != std::string::npos) {
    auto nodes = split(text, "->");
    if (nodes.size() < 3) fail("a Markov chain needs at least three nodes (A -> B -> C)");
    std::vector<q::Names> vars;
    for (const auto& n : nodes) {
      if (n.empty()) fail("a Markov chain has an empty node");
      vars.push_back(parse_names(n));
    }
    std::vector<ClaimExpr> out;
    q::Names before;
    for (std::size_t i = 1; i + 1 < vars.size(); ++i) {
      before = q::join(before, vars[i - 1]);
      out.push_back(q::relation(q::I(before, vars[i + 1], vars[i]), Relation::eq, zero));
    }
    return out;
  }
  if (text.find(':') != std::string::npos) {
    auto sides = split(text, ":");
    if (sides.size() != 2 || sides[0].empty() || sides[1].empty())
      fail("a functional dependence is written A : B (A is a function of B)");
    return std::vector<ClaimExpr>{q::relation(q::H(parse_names(sides[0]), parse_names(sides[1])), Relation::eq, zero)};
  }
  auto parts = split_independence(text);
  if (parts.size() >= 2) {
    Query sum;
    q::Names all;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].empty()) fail("mutual independence is written A . B . C (at least two parts, none empty)");
      const q::Names part = parse_names(parts[i]);
      sum = i == 0 ? q::H(part) : sum + q::H(part);
      all = q::join(all, part);
    }
    return std::vector<ClaimExpr>{q::relation(sum, Relation::eq, q::H(all))};
  }
  return std::nullopt;
}

struct Parsed {
  std::string text;
  ClaimExpr claim;
};

void collect_names(const Query& q, const std::string& what, std::vector<std::string>& names,
                   const std::vector<std::string>& declared) {
  if (!q.constant.is_zero())
    throw InputError("prove: " + what + ": only H and I terms with rational coefficients (no constants such as ln 2 "
                     "or 1: information inequalities are homogeneous)");
  if (!q.values.empty())
    throw InputError("prove: " + what + ": P(...) and Pdiff(...) are not information quantities");
  for (const auto& [c, t] : q.terms)
    for (const auto* list : {&t.a, &t.b, &t.c})
      for (const auto& n : *list) {
        if (n.find("..") != std::string::npos)
          throw InputError("prove: " + what + ": the range " + n + " is not of the form X1..X5");
        if (!declared.empty() && std::find(declared.begin(), declared.end(), n) == declared.end())
          throw InputError("prove: " + what + ": unknown variable \"" + n + "\" (variables: " + join(declared, ", ") + ")");
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
      }
}

Mask mask_of(const std::vector<std::string>& list, const std::vector<std::string>& names) {
  Mask m = 0;
  for (const auto& n : list) m |= Mask(1) << (std::find(names.begin(), names.end(), n) - names.begin());
  return m;
}

Form form_of(const Query& q, const std::vector<std::string>& names) {
  Form f;
  for (const auto& [c, t] : q.terms) {
    Mask a = mask_of(t.a, names), b = mask_of(t.b, names), z = mask_of(t.c, names);
    if (t.is_entropy) {
      add(f, a | z, c);
      add(f, z, -c);
    } else {
      add(f, a | z, c);
      add(f, b | z, c);
      add(f, a | b | z, -c);
      add(f, z, -c);
    }
  }
  return f;
}

}  // namespace

std::string set_text(Mask m, const std::vector<std::string>& names) { return join(names_of(m, names), ","); }

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::proved: return "proved";
    case Outcome::not_shannon: return "not-shannon-type";
    case Outcome::refuted: return "refuted";
  }
  return "?";
}

Rational value_at(const Form& f, const Form& h) {
  Rational v = 0;
  for (const auto& [m, c] : f) {
    auto it = h.find(m);
    if (it != h.end()) v += c * it->second;
  }
  return v;
}

Problem make_problem(std::string_view claim_text, const std::vector<std::string>& given,
                     const std::vector<std::string>& declared) {
  Problem p;
  p.text = trim(claim_text);
  ClaimExpr claim = parse_claim(claim_text);
  std::vector<std::string> names;
  collect_names(claim.lhs, "claim \"" + p.text + "\"", names, declared);
  collect_names(claim.rhs, "claim \"" + p.text + "\"", names, declared);
  struct G {
    std::string text;
    std::vector<ClaimExpr> parts;
  };
  std::vector<G> gs;
  for (const auto& g : given) {
    G entry{trim(g), {}};
    if (entry.text.empty()) throw InputError("prove: an empty constraint");
    auto expansion = expand_shorthand(entry.text);
    for (ClaimExpr c : expansion ? *expansion : std::vector<ClaimExpr>{parse_claim(entry.text)}) {
      if (c.op != Relation::eq && c.op != Relation::le && c.op != Relation::ge)
        throw InputError("prove: constraint \"" + entry.text + "\": a constraint is =, <= or >= (not " +
                         relation_symbol(c.op) + ")");
      collect_names(c.lhs, "constraint \"" + entry.text + "\"", names, declared);
      collect_names(c.rhs, "constraint \"" + entry.text + "\"", names, declared);
      entry.parts.push_back(std::move(c));
    }
    gs.push_back(std::move(entry));
  }
  if (names.empty())
    throw InputError("prove: claim \"" + p.text + "\": names no random variable (write H and I terms)");
  if (names.size() > kMaxVariables)
    throw InputError("prove: " + std::to_string(names.size()) + " variables (" + join(names, ", ") +
                     "); at most " + std::to_string(kMaxVariables) + " are supported");
  // Names in natural order (X2 before X10), so sets print the same whatever the claim's order.
  std::sort(names.begin(), names.end(), [](const std::string& x, const std::string& y) {
    auto split_num = [](const std::string& n) {
      std::size_t i = n.size();
      while (i > 0 && std::isdigit(static_cast<unsigned char>(n[i - 1]))) --i;
      std::string digits = n.substr(i);
      return std::make_tuple(n.substr(0, i), digits.size(), digits);
    };
    return split_num(x) < split_num(y);
  });
  p.variables = names;
  p.op = claim.op;
  p.lhs = query_text(claim.lhs);
  p.rhs = query_text(claim.rhs);
  Form l = form_of(claim.lhs, names), r = form_of(claim.rhs, names);
  bool flip = claim.op == Relation::le || claim.op == Relation::lt;
  p.form = flip ? r : l;
  add_form(p.form, flip ? l : r, Rational(-1));
  for (const auto& g : gs) {
    for (const auto& c : g.parts) {
      Constraint k;
      k.text = g.text;
      k.expansion.push_back(c.text);
      Form a = form_of(c.lhs, names), b = form_of(c.rhs, names);
      bool le = c.op == Relation::le;
      k.form = le ? b : a;
      add_form(k.form, le ? a : b, Rational(-1));
      k.equality = c.op == Relation::eq;
      p.given.push_back(std::move(k));
    }
  }
  return p;
}

Form basic_form(const Basic& b) {
  Form f;
  add(f, b.a | b.c, Rational(1));
  add(f, b.c, Rational(-1));
  if (b.b != 0) {
    add(f, b.b | b.c, Rational(1));
    add(f, b.a | b.b | b.c, Rational(-1));
  }
  return f;
}

std::string basic_text(const Basic& b, const std::vector<std::string>& names) {
  std::string c = b.c ? "|" + set_text(b.c, names) : "";
  if (b.b == 0) return "H(" + set_text(b.a, names) + c + ") >= 0";
  return "I(" + set_text(b.a, names) + ";" + set_text(b.b, names) + c + ") >= 0";
}

std::vector<Basic> elemental(unsigned n) {
  std::vector<Basic> out;
  Mask all = n == 0 ? 0 : (Mask(1) << n) - 1;
  for (unsigned i = 0; i < n; ++i) out.push_back({Mask(1) << i, 0, all & ~(Mask(1) << i)});
  for (unsigned i = 0; i < n; ++i)
    for (unsigned j = i + 1; j < n; ++j) {
      Mask rest = all & ~(Mask(1) << i) & ~(Mask(1) << j);
      // Every subset K of rest, in increasing order.
      for (Mask k = 0;; k = (k - rest) & rest) {
        out.push_back({Mask(1) << i, Mask(1) << j, k});
        if (k == rest) break;
      }
    }
  return out;
}

namespace {

/// Variables merged (always appear together) or dropped (appear nowhere).
struct Reduction {
  std::vector<Mask> groups;  ///< reduced variable r stands for the original variables groups[r]
  Mask reduce(Mask s) const {
    Mask r = 0;
    for (std::size_t i = 0; i < groups.size(); ++i)
      if (s & groups[i]) r |= Mask(1) << i;
    return r;
  }
  Mask expand(Mask r) const {
    Mask s = 0;
    for (std::size_t i = 0; i < groups.size(); ++i)
      if (r >> i & 1u) s |= groups[i];
    return s;
  }
  Form reduce(const Form& f) const {
    Form out;
    for (const auto& [m, c] : f) add(out, reduce(m), c);
    return out;
  }
};

Reduction reduction_of(const Problem& p) {
  std::vector<Mask> used;
  for (const auto& [m, c] : p.form) used.push_back(m);
  for (const auto& g : p.given)
    for (const auto& [m, c] : g.form) used.push_back(m);
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  std::map<std::vector<bool>, Mask> classes;
  std::vector<std::vector<bool>> order;
  for (std::size_t i = 0; i < p.variables.size(); ++i) {
    std::vector<bool> sig;
    bool any = false;
    for (Mask m : used) {
      sig.push_back(m >> i & 1u);
      any = any || (m >> i & 1u);
    }
    if (!any) continue;
    auto [it, fresh] = classes.emplace(sig, 0);
    if (fresh) order.push_back(sig);
    it->second |= Mask(1) << i;
  }
  Reduction r;
  for (const auto& sig : order) r.groups.push_back(classes[sig]);
  return r;
}

std::string reduction_text(const Reduction& r, const Problem& p) {
  std::vector<std::string> notes;
  Mask kept = 0;
  for (Mask g : r.groups) {
    kept |= g;
    if (__builtin_popcount(g) > 1) notes.push_back(set_text(g, p.variables) + " always appear together (one variable)");
  }
  Mask all = p.variables.empty() ? 0 : (Mask(1) << p.variables.size()) - 1;
  if (all & ~kept) notes.push_back(set_text(all & ~kept, p.variables) + " appear in no term (taken as constant)");
  return join(notes, "; ");
}

/// Σ y_j columns_j = target by exact Gaussian elimination: some solution (free unknowns
/// 0), or nullopt when there is none; `independent` says whether the columns are linearly
/// independent (then the solution is the only one).
struct Solve {
  std::optional<std::vector<Rational>> y;
  bool independent = false;
};

Solve solve_exact(const std::vector<const Form*>& columns, const Form& target) {
  std::set<Mask> rows_set;
  for (const auto& [m, c] : target) rows_set.insert(m);
  for (const Form* f : columns)
    for (const auto& [m, c] : *f) rows_set.insert(m);
  std::vector<Mask> rows(rows_set.begin(), rows_set.end());
  std::size_t n = columns.size();
  std::vector<std::vector<Rational>> a(rows.size(), std::vector<Rational>(n + 1));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      auto it = columns[j]->find(rows[i]);
      if (it != columns[j]->end()) a[i][j] = it->second;
    }
    auto it = target.find(rows[i]);
    if (it != target.end()) a[i][n] = it->second;
  }
  std::vector<std::size_t> pivot_col;
  std::size_t r = 0;
  for (std::size_t c = 0; c < n && r < rows.size(); ++c) {
    std::size_t piv = r;
    while (piv < rows.size() && a[piv][c] == 0) ++piv;
    if (piv == rows.size()) continue;
    std::swap(a[piv], a[r]);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i == r || a[i][c] == 0) continue;
      Rational factor = a[i][c] / a[r][c];
      for (std::size_t j = c; j <= n; ++j)
        if (a[r][j] != 0) a[i][j] -= factor * a[r][j];
    }
    pivot_col.push_back(c);
    ++r;
  }
  Solve out;
  out.independent = r == n;
  for (std::size_t i = r; i < rows.size(); ++i)
    if (a[i][n] != 0) return out;
  std::vector<Rational> y(n);
  for (std::size_t i = 0; i < r; ++i) y[pivot_col[i]] = a[i][n] / a[i][pivot_col[i]];
  out.y = std::move(y);
  return out;
}

/// h with eq.first · h = eq.second for every equation (coordinates 1..m, free unknowns 0),
/// nullopt when inconsistent: the transposed system solved by solve_exact, with equation i
/// as "set" i + 1.
std::optional<Form> solve_rows(const std::vector<std::pair<Form, Rational>>& eqs, unsigned m) {
  std::vector<Form> columns(m);
  Form rhs;
  for (std::size_t i = 0; i < eqs.size(); ++i) {
    for (const auto& [s, c] : eqs[i].first) add(columns[s - 1], static_cast<Mask>(i + 1), c);
    add(rhs, static_cast<Mask>(i + 1), eqs[i].second);
  }
  std::vector<const Form*> cols;
  for (const Form& c : columns) cols.push_back(&c);
  Solve solved = solve_exact(cols, rhs);
  if (!solved.y) return std::nullopt;
  Form h;
  for (unsigned j = 0; j < m; ++j) add(h, static_cast<Mask>(j + 1), (*solved.y)[j]);
  return h;
}

/// Σ z_k g_k = form over the given equalities (an identity modulo the constraints).
std::optional<std::vector<Rational>> combination_of_equalities(const Problem& p) {
  std::vector<std::size_t> eq;
  std::vector<const Form*> cols;
  for (std::size_t k = 0; k < p.given.size(); ++k)
    if (p.given[k].equality) {
      eq.push_back(k);
      cols.push_back(&p.given[k].form);
    }
  Solve s = solve_exact(cols, p.form);
  if (!s.y) return std::nullopt;
  std::vector<Rational> z(p.given.size());
  for (std::size_t j = 0; j < eq.size(); ++j) z[eq[j]] = (*s.y)[j];
  return z;
}

/// Rows of the programme in the reduced variables: the elemental inequalities, then the
/// given constraints.
struct Rows {
  std::vector<Basic> basics;      ///< reduced variables
  std::vector<Form> forms;        ///< basics' forms, then the constraints' (reduced)
  std::vector<bool> equality;
  std::vector<std::size_t> given_index;  ///< for rows past the basics
};

Rows rows_of(const Problem& p, const Reduction& red) {
  Rows rows;
  rows.basics = elemental(static_cast<unsigned>(red.groups.size()));
  for (const auto& b : rows.basics) {
    rows.forms.push_back(basic_form(b));
    rows.equality.push_back(false);
  }
  for (std::size_t k = 0; k < p.given.size(); ++k) {
    rows.forms.push_back(red.reduce(p.given[k].form));
    rows.equality.push_back(p.given[k].equality);
    rows.given_index.push_back(k);
  }
  return rows;
}

/// Checks Σ y_i rows_i = target exactly.
bool sums_to(const Rows& rows, const std::vector<std::pair<std::size_t, Rational>>& y, const Form& target) {
  Form s;
  for (const auto& [i, c] : y) add_form(s, rows.forms[i], c);
  return s == target;
}

/// Multipliers for `target` as a combination of rows (non-negative on inequality rows),
/// restricted to `allowed` rows; the sum of the inequality multipliers is minimal.
std::optional<std::vector<std::pair<std::size_t, Rational>>> combination(const Rows& rows,
                                                                         const std::vector<std::size_t>& allowed,
                                                                         const Form& target) {
  std::vector<lp::Column> cols;
  for (std::size_t i : allowed) cols.push_back({&rows.forms[i], !rows.equality[i]});
  auto y = lp::combination(cols, target);
  if (!y) return std::nullopt;
  std::vector<std::pair<std::size_t, Rational>> out;
  for (std::size_t j = 0; j < allowed.size(); ++j)
    if ((*y)[j] != 0) out.emplace_back(allowed[j], (*y)[j]);
  return out;
}

/// One direction: target >= 0 for every polymatroid meeting the constraints?
struct Direction {
  std::optional<std::vector<std::pair<std::size_t, Rational>>> certificate;  ///< row multipliers
  std::optional<Form> polymatroid;  ///< reduced
};

Direction decide_direction(const Rows& rows, const Form& target, unsigned k, const Options& options) {
  Direction d;
  unsigned m = k == 0 ? 0 : (1u << k) - 1;
  if (target.empty()) {
    d.certificate.emplace();
    return d;
  }
  auto valid = [&](const std::vector<std::pair<std::size_t, Rational>>& y) {
    for (const auto& [i, c] : y)
      if (!rows.equality[i] && c < 0) return false;
    return sums_to(rows, y, target);
  };
  // Multipliers of some rows, solved exactly: the rows of a basis are independent, so the
  // solution is the only one.
  auto multipliers_on = [&](const std::vector<std::size_t>& basis, bool& independent) {
    std::vector<const Form*> cols;
    std::vector<std::size_t> used;
    for (std::size_t i : basis)
      if (i < rows.forms.size()) {
        cols.push_back(&rows.forms[i]);
        used.push_back(i);
      }
    std::vector<std::pair<std::size_t, Rational>> y;
    Solve b = solve_exact(cols, target);
    if (b.y) {
      for (std::size_t j = 0; j < cols.size(); ++j)
        if ((*b.y)[j] != 0) y.emplace_back(used[j], (*b.y)[j]);
      independent = b.independent;
    }
    return y;
  };
  std::vector<std::pair<std::size_t, Rational>> y;
  bool independent = false, certified = false;
  // First a floating-point solve proposes the optimal basis; the proposal counts only once
  // it is certified exactly (a certificate that sums to the target, or a vertex that meets
  // every row and violates the claim). Otherwise cddlib solves the programme in rationals.
  std::optional<lp::FloatBasis> fb;
  if (options.float_proposals) fb = lp::float_basis(rows.forms, rows.equality, target, k);
  if (fb) {
    if (fb->optimum > -1e-7) {
      y = multipliers_on(fb->tight, independent);
      certified = !y.empty() && valid(y);
    } else {
      std::vector<std::pair<Form, Rational>> eqs;
      for (std::size_t i : fb->tight)
        eqs.emplace_back(i < rows.forms.size() ? rows.forms[i] : Form{{static_cast<Mask>(m), Rational(1)}},
                         i < rows.forms.size() ? Rational(0) : Rational(1));
      for (Mask z : fb->zero) eqs.emplace_back(Form{{z, Rational(1)}}, Rational(0));
      if (auto h = solve_rows(eqs, m)) {
        bool ok = value_at(target, *h) < 0;
        auto full = h->find(static_cast<Mask>(m));
        ok = ok && (full == h->end() || full->second <= 1);
        for (std::size_t i = 0; ok && i < rows.forms.size(); ++i) {
          Rational v = value_at(rows.forms[i], *h);
          ok = rows.equality[i] ? v == 0 : v >= 0;
        }
        if (ok) {
          d.polymatroid = *h;
          return d;
        }
      }
    }
  }
  if (certified) {
    // A sparser certificate: the least total weight, proposed in floating point on the
    // basis's rows' whole set, certified exactly like the first.
    std::vector<std::size_t> sparse = lp::float_sparse_support(rows.forms, rows.equality, target);
    bool sparse_independent = false;
    auto z = multipliers_on(sparse, sparse_independent);
    if (!z.empty() && valid(z) && z.size() < y.size()) {
      y = z;
      independent = sparse_independent;
    }
  }
  if (!certified) {
    lp::Solution s = lp::minimise(rows.forms, rows.equality, target, k);
    if (s.optimum < 0) {
      d.polymatroid = s.point;
      return d;
    }
    y = multipliers_on(s.tight, independent);
    if (y.empty() || !valid(y)) {
      std::vector<std::size_t> all(rows.forms.size());
      for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
      auto direct = combination(rows, all, target);
      if (!direct) throw std::logic_error("prove: the programme's optimum is 0 but no certificate was found");
      y = *direct;
      independent = false;
    }
  }
  std::vector<std::size_t> support;
  for (const auto& [i, c] : y) support.push_back(i);
  if (!independent) {
    std::vector<const Form*> cols;
    for (std::size_t i : support) cols.push_back(&rows.forms[i]);
    independent = solve_exact(cols, target).independent;
  }
  // Linearly independent rows represent the target in one way only, so none can be dropped.
  // Otherwise drop inequalities while the rest still sums to the target.
  if (!independent) {
    for (std::size_t t = support.size(); t-- > 0;) {
      std::vector<std::size_t> fewer;
      for (std::size_t u = 0; u < support.size(); ++u)
        if (u != t) fewer.push_back(support[u]);
      if (auto z = combination(rows, fewer, target)) {
        support = fewer;
        y = *z;
      }
    }
  }
  if (!valid(y)) throw std::logic_error("prove: a certificate does not sum to the claim");
  d.certificate = y;
  return d;
}

ProofPart part_of(const std::vector<std::pair<std::size_t, Rational>>& y, const Rows& rows, const Reduction& red,
                  Relation direction) {
  ProofPart part;
  part.direction = direction;
  for (const auto& [i, c] : y) {
    if (i < rows.basics.size()) {
      const Basic& b = rows.basics[i];
      part.inequalities.emplace_back(c, Basic{red.expand(b.a), red.expand(b.b), red.expand(b.c)});
    } else {
      part.given.emplace_back(c, rows.given_index[i - rows.basics.size()]);
    }
  }
  std::sort(part.inequalities.begin(), part.inequalities.end(),
            [](const auto& x, const auto& y2) { return x.second < y2.second; });
  std::sort(part.given.begin(), part.given.end(), [](const auto& x, const auto& y2) { return x.second < y2.second; });
  return part;
}

Form expand_polymatroid(const Form& reduced, const Reduction& red, std::size_t n) {
  Form h;
  for (Mask s = 1; s < (Mask(1) << n); ++s) {
    auto it = reduced.find(red.reduce(s));
    if (it != reduced.end() && it->second != 0) h[s] = it->second;
  }
  return h;
}

/// Checks the polymatroid against every elemental inequality and constraint of the
/// original problem, and that it violates the claim in `violated`'s direction.
void check_polymatroid(const Problem& p, const Form& h, Relation violated) {
  for (const auto& b : elemental(static_cast<unsigned>(p.variables.size())))
    if (value_at(basic_form(b), h) < 0) throw std::logic_error("prove: a polymatroid violates " + basic_text(b, p.variables));
  for (const auto& g : p.given) {
    Rational v = value_at(g.form, h);
    if (g.equality ? v != 0 : v < 0) throw std::logic_error("prove: a polymatroid violates " + g.text);
  }
  Rational v = value_at(p.form, h);
  if (violated == Relation::ge ? !(v < 0) : !(v > 0)) throw std::logic_error("prove: a polymatroid does not violate the claim");
}

// --- GF(2)-linear distributions -------------------------------------------------------

/// The subspaces of GF(2)^bits as sets of their vectors (bit v: vector v belongs).
struct Subspaces {
  unsigned bits = 0;
  std::vector<std::uint32_t> members;  ///< subspace index -> member set
  std::vector<unsigned> dim;
  std::vector<std::vector<std::uint32_t>> sum;  ///< index of V + W
  std::vector<std::vector<unsigned>> basis;     ///< a basis of each (vectors as integers)
};

Subspaces subspaces(unsigned bits) {
  Subspaces s;
  s.bits = bits;
  unsigned size = 1u << bits;
  std::map<std::uint32_t, std::size_t> index;
  auto span = [&](const std::vector<unsigned>& gens) {
    std::uint32_t set = 1;  // the zero vector
    for (unsigned g : gens) {
      std::uint32_t next = set;
      for (unsigned v = 0; v < size; ++v)
        if (set >> v & 1u) next |= std::uint32_t(1) << (v ^ g);
      set = next;
    }
    return set;
  };
  // Enumerate by generator sets in increasing order so the order is fixed.
  std::vector<std::pair<std::uint32_t, std::vector<unsigned>>> found;
  for (unsigned choice = 0; choice < (1u << size); ++choice) {
    std::vector<unsigned> gens;
    for (unsigned v = 1; v < size; ++v)
      if (choice >> v & 1u) gens.push_back(v);
    if (choice & 1u) continue;
    if (gens.size() > bits) continue;
    std::uint32_t set = span(gens);
    if (index.count(set)) continue;
    unsigned d = 0;
    while ((1u << d) < static_cast<unsigned>(__builtin_popcount(set))) ++d;
    if (gens.size() != d) continue;  // keep independent generators as the basis
    index[set] = s.members.size();
    s.members.push_back(set);
    s.dim.push_back(d);
    s.basis.push_back(gens);
  }
  std::size_t n = s.members.size();
  s.sum.assign(n, std::vector<std::uint32_t>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      std::vector<unsigned> gens = s.basis[i];
      gens.insert(gens.end(), s.basis[j].begin(), s.basis[j].end());
      s.sum[i][j] = static_cast<std::uint32_t>(index.at(span(gens)));
    }
  return s;
}

/// A form scaled to integer coefficients, over reduced masks; nullopt if they do not fit.
std::optional<std::vector<std::pair<Mask, std::int64_t>>> integer_form(const Form& f) {
  Integer l = 1;
  for (const auto& [m, c] : f) l = boost::multiprecision::lcm(l, denominator_of(c));
  std::vector<std::pair<Mask, std::int64_t>> out;
  for (const auto& [m, c] : f) {
    Integer v = numerator_of(c * Rational(l));
    if (abs(v) > Integer(std::int64_t(1) << 40)) return std::nullopt;
    out.emplace_back(m, v.convert_to<std::int64_t>());
  }
  return out;
}

constexpr std::size_t kSearchBudget = std::size_t(1) << 20;

/// The distribution of `assignment` (a subspace per reduced variable): uniform seeds u in
/// GF(2)^bits, each variable the values <g, u> for g in its subspace's basis.
JointDistribution linear_distribution(const Problem& p, const Reduction& red, const Subspaces& s,
                                      const std::vector<std::size_t>& assignment) {
  std::size_t n = p.variables.size();
  std::vector<std::vector<std::string>> values(n);
  std::map<std::vector<std::string>, Rational> outcomes;
  Rational each(1, 1u << s.bits);
  for (unsigned u = 0; u < (1u << s.bits); ++u) {
    std::vector<std::string> symbols(n, "0");
    for (std::size_t r = 0; r < red.groups.size(); ++r) {
      const auto& basis = s.basis[assignment[r]];
      if (basis.empty()) continue;
      std::string sym;
      for (unsigned g : basis) sym += (__builtin_popcount(g & u) & 1) ? '1' : '0';
      for (std::size_t i = 0; i < n; ++i)
        if (red.groups[r] >> i & 1u) symbols[i] = sym;
    }
    outcomes[symbols] += each;
  }
  std::vector<std::vector<std::string>> alphabets(n);
  for (const auto& [sym, pr] : outcomes)
    for (std::size_t i = 0; i < n; ++i) alphabets[i].push_back(sym[i]);
  for (auto& a : alphabets) {
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
  }
  std::vector<JointDistribution::Outcome> out;
  for (const auto& [sym, pr] : outcomes) {
    JointDistribution::Outcome o;
    for (std::size_t i = 0; i < n; ++i)
      o.symbols.push_back(static_cast<std::uint32_t>(
          std::lower_bound(alphabets[i].begin(), alphabets[i].end(), sym[i]) - alphabets[i].begin()));
    o.probability = pr;
    out.push_back(std::move(o));
  }
  return JointDistribution(p.variables, alphabets, out);
}

/// Every variable constant: all entropies 0.
JointDistribution constant_distribution(const Problem& p) {
  std::size_t n = p.variables.size();
  JointDistribution::Outcome o{std::vector<std::uint32_t>(n, 0), Rational(1)};
  return JointDistribution(p.variables, std::vector<std::vector<std::string>>(n, {"0"}), {o});
}

/// Searches GF(2)-linear distributions (2 then 3 seed bits) for one that meets every
/// constraint and violates the claim (in either direction for an identity).
std::optional<JointDistribution> search_distribution(const Problem& p, const Reduction& red, std::size_t& searched) {
  std::size_t k = red.groups.size();
  auto claim = integer_form(red.reduce(p.form));
  if (!claim || k == 0) return std::nullopt;
  std::vector<std::vector<std::pair<Mask, std::int64_t>>> eqs, ineqs;
  for (const auto& g : p.given) {
    auto f = integer_form(red.reduce(g.form));
    if (!f) return std::nullopt;
    (g.equality ? eqs : ineqs).push_back(*f);
  }
  bool identity = p.op == Relation::eq;
  Mask full = (Mask(1) << k) - 1;
  std::vector<std::uint32_t> h(full + 1);
  for (unsigned bits : {2u, 3u}) {
    Subspaces s = subspaces(bits);
    std::size_t options = s.members.size();
    std::vector<std::size_t> a(k, 0);
    while (true) {
      if (++searched > kSearchBudget) return std::nullopt;
      h[0] = 0;  // index 0 is the zero subspace
      std::vector<std::uint32_t> idx(full + 1, 0);
      for (Mask m = 1; m <= full; ++m) {
        unsigned low = static_cast<unsigned>(__builtin_ctz(m));
        idx[m] = s.sum[idx[m & (m - 1)]][a[low]];
        h[m] = s.dim[idx[m]];
      }
      auto value = [&](const std::vector<std::pair<Mask, std::int64_t>>& f) {
        std::int64_t v = 0;
        for (const auto& [m, c] : f) v += c * static_cast<std::int64_t>(h[m]);
        return v;
      };
      bool ok = true;
      for (const auto& f : eqs) ok = ok && value(f) == 0;
      for (const auto& f : ineqs) ok = ok && value(f) >= 0;
      std::int64_t v = ok ? value(*claim) : 0;
      if (ok && (v < 0 || (identity && v > 0))) return linear_distribution(p, red, s, a);
      std::size_t i = 0;
      while (i < k && ++a[i] == options) a[i++] = 0;
      if (i == k) break;
    }
  }
  return std::nullopt;
}

/// The claim's negation and the constraints decided on the distribution by the query
/// language's exact evaluation: a second route for the search's rank arithmetic.
void check_distribution(const Problem& p, const JointDistribution& d) {
  JointSource src(d);
  QueryEvaluator ev(src);
  auto holds = [&](const std::string& text) {
    ClaimExpr c = parse_claim(text);
    return decide(ev.evaluate(c.lhs), c.op, ev.evaluate(c.rhs)).holds;
  };
  for (const auto& g : p.given)
    for (const auto& e : g.expansion)
      if (!holds(e)) throw std::logic_error("prove: a found distribution does not meet " + e);
  if (holds(p.text)) throw std::logic_error("prove: a found distribution satisfies the claim");
}

}  // namespace

Result prove(const Problem& p, const Options& options) {
  Result r;
  r.problem = p;
  if (p.op == Relation::lt || p.op == Relation::gt || p.op == Relation::ne) {
    // Every constraint is homogeneous: the all-constant distribution meets it, and makes
    // both sides 0.
    r.outcome = Outcome::refuted;
    r.polymatroid = Form{};
    r.distribution = constant_distribution(p);
    check_distribution(p, *r.distribution);
    return r;
  }
  if (p.op == Relation::eq) {
    if (auto z = combination_of_equalities(p)) {
      ProofPart part;
      part.direction = Relation::eq;
      for (std::size_t k = 0; k < z->size(); ++k)
        if ((*z)[k] != 0) part.given.emplace_back((*z)[k], k);
      r.proof.push_back(part);
      return r;
    }
  }
  Reduction red = reduction_of(p);
  r.reduction = reduction_text(red, p);
  Rows rows = rows_of(p, red);
  unsigned k = static_cast<unsigned>(red.groups.size());
  Form target = red.reduce(p.form);
  std::vector<Relation> directions{Relation::ge};
  if (p.op == Relation::eq) directions.push_back(Relation::le);
  for (Relation dir : directions) {
    Form t = dir == Relation::ge ? target : scaled(target, Rational(-1));
    Direction d = decide_direction(rows, t, k, options);
    if (d.certificate) {
      r.proof.push_back(part_of(*d.certificate, rows, red, dir));
      continue;
    }
    r.proof.clear();
    r.outcome = Outcome::not_shannon;
    r.violated = dir;
    r.polymatroid = expand_polymatroid(*d.polymatroid, red, p.variables.size());
    check_polymatroid(p, *r.polymatroid, dir);
    r.distribution = search_distribution(p, red, r.searched);
    if (r.distribution) {
      check_distribution(p, *r.distribution);
      r.outcome = Outcome::refuted;
    }
    return r;
  }
  return r;
}

// --- output ----------------------------------------------------------------------------

namespace {

std::string multiple(const Rational& c, const std::string& what) {
  if (c == 1) return what;
  return to_string(c) + " * " + what;
}

}  // namespace

std::string proof_text(const Result& r) {
  const Problem& p = r.problem;
  std::string out = "claim: " + p.text + "\n";
  for (const auto& g : p.given)
    out += "given: " + g.text + (g.expansion.front() != g.text ? "   (" + g.expansion.front() + ")" : "") + "\n";
  out += "variables: " + join(p.variables, ", ") + "\n";
  if (!r.reduction.empty()) out += "reduced: " + r.reduction + "\n";
  if (r.outcome == Outcome::proved) {
    out += "verdict: proved for every distribution (Shannon-type)\n";
    auto paren = [](const std::string& t) {
      return t.find(" + ") != std::string::npos || t.find(" - ") != std::string::npos || t.rfind("-", 0) == 0 ? "(" + t + ")" : t;
    };
    // The form the part proves non-negative (or zero), in the claim's words.
    std::string big = p.op == Relation::le ? p.rhs : p.lhs, small = p.op == Relation::le ? p.lhs : p.rhs;
    for (const auto& part : r.proof) {
      auto difference = [&](const std::string& x, const std::string& y) {
        return y == "0" ? x : x == "0" ? "-" + paren(y) : paren(x) + " - " + paren(y);
      };
      std::string side = part.direction == Relation::eq ? difference(p.lhs, p.rhs) + " = 0"
                         : part.direction == Relation::ge ? difference(big, small) + " >= 0"
                                                          : difference(small, big) + " >= 0";
      out += "\n  " + side +
             (part.inequalities.empty() && part.given.empty() ? ": both sides are the same form\n" : " is the sum of\n");
      for (const auto& [c, b] : part.inequalities) out += "    " + multiple(c, basic_text(b, p.variables)) + "\n";
      for (const auto& [c, k] : part.given)
        out += "    " + multiple(c, "[" + p.given[k].expansion.front() + "]") +
               (p.given[k].text != p.given[k].expansion.front() ? "   (given " + p.given[k].text + ")" : "   (given)") + "\n";
    }
    return out;
  }
  if (r.outcome == Outcome::refuted && r.proof.empty() && r.polymatroid && r.polymatroid->empty() && p.op != Relation::eq &&
      (p.op == Relation::lt || p.op == Relation::gt || p.op == Relation::ne)) {
    out += "verdict: refuted: with every variable constant all entropies are 0, every constraint holds and both sides "
           "are equal, so a strict inequality or != fails\n";
    return out;
  }
  // The direction the polymatroid (or distribution) violates, in the claim's words.
  bool lhs_smaller = (p.op == Relation::le) ? r.violated != Relation::ge : r.violated == Relation::ge;
  std::string want = p.lhs + (lhs_smaller ? " < " : " > ") + p.rhs;
  out += r.outcome == Outcome::refuted
             ? "verdict: refuted: a distribution meets every constraint and has " + want + "\n"
             : "verdict: not Shannon-type: a polymatroid meets every elemental inequality and constraint and has " + want +
                   "; no GF(2)-linear distribution tried (" + std::to_string(r.searched) +
                   ") violates the claim, so it may still hold (a non-Shannon inequality)\n";
  out += "  polymatroid (nats, up to scale):";
  for (const auto& [m, c] : *r.polymatroid) out += " h(" + set_text(m, p.variables) + ")=" + to_string(c);
  out += "\n";
  if (r.distribution) {
    out += "  distribution:";
    for (const auto& o : r.distribution->outcomes()) out += " [" + r.distribution->outcome_text(o) + "]=" + to_string(o.probability);
    out += "\n";
  }
  return out;
}

}  // namespace infocert::prove
