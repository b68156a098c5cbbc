#include "infocert/query/query.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "infocert/error.hpp"

namespace infocert {
namespace {

constexpr std::size_t kMaxRange = 100000;

enum class Tok { end, number, name, lparen, rparen, comma, semicolon, bar, plus, minus, star,
                 slash, range, relation };

struct Token {
  Tok kind;
  std::string text;
  std::size_t column;  // 1-based
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

class Parser {
 public:
  Parser(std::string_view text, std::string what, const QuerySymbols& symbols = {})
      : text_(text), what_(std::move(what)), symbols_(symbols) {
    lex();
  }

  [[noreturn]] void fail(const std::string& message, std::size_t column) const {
    // A long query is shown by its start and its length, so the error stays one short line.
    std::string shown(trim(text_));
    if (shown.size() > 80) shown = shown.substr(0, 60) + "... (" + std::to_string(shown.size()) + " characters)";
    throw InputError(what_ + " \"" + shown + "\": " + message + " at column " + std::to_string(column));
  }

  /// Nesting deeper than this (parentheses, unary minus, ln) is refused, not recursed into.
  static constexpr int kMaxDepth = 256;
  struct Nest {
    Parser& p;
    explicit Nest(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxDepth) p.fail("nested more than " + std::to_string(kMaxDepth) + " levels deep", p.peek().column);
    }
    ~Nest() { --p.depth_; }
  };

  const Token& peek() const { return tokens_[pos_]; }
  Token next() { return tokens_[pos_ == tokens_.size() - 1 ? pos_ : pos_++]; }
  bool accept(Tok kind) {
    if (peek().kind != kind) return false;
    ++pos_;
    return true;
  }
  void expect(Tok kind, const char* what) {
    if (!accept(kind)) fail(std::string("expected ") + what + describe(peek()), peek().column);
  }
  /// A token's text for a message: long ones by their start and length.
  static std::string shown(const std::string& text) {
    return text.size() <= 60 ? text : text.substr(0, 40) + "... (" + std::to_string(text.size()) + " characters)";
  }
  static std::string describe(const Token& t) {
    return t.kind == Tok::end ? " before the end" : ", found \"" + shown(t.text) + "\"";
  }

  Query expr() {
    Query q;
    bool negate = false;
    if (accept(Tok::plus)) {
    } else if (accept(Tok::minus)) {
      negate = true;
    }
    q = term();
    if (negate) scale(q, Rational(-1), peek().column);
    for (;;) {
      if (accept(Tok::plus)) {
        add(q, term(), Rational(1));
      } else if (accept(Tok::minus)) {
        add(q, term(), Rational(-1));
      } else {
        return q;
      }
    }
  }

  bool at_end() const { return peek().kind == Tok::end; }
  /// Nothing may follow what was read.
  void expect_end() {
    if (!at_end()) fail("unexpected \"" + shown(peek().text) + "\"", peek().column);
  }
  std::vector<std::string> names() { return var_list(); }

 private:
  static bool is_constant(const Query& q) { return q.terms.empty() && q.values.empty() && q.constant.is_rational(); }

  static void add(Query& into, const Query& other, const Rational& s) {
    into.constant += s * other.constant;
    for (const auto& [c, t] : other.terms) into.terms.emplace_back(s * c, t);
    for (const auto& [c, t] : other.values) into.values.emplace_back(s * c, t);
  }

  void scale(Query& q, const Rational& s, std::size_t) {
    q.constant *= s;
    for (auto& kv : q.terms) kv.first *= s;
    for (auto& kv : q.values) kv.first *= s;
  }

  bool starts_primary(const Token& t) const {
    return t.kind == Tok::number || t.kind == Tok::name || t.kind == Tok::lparen;
  }

  Query term() {
    Query q = unary();
    for (;;) {
      const Token& t = peek();
      bool divide = false;
      std::size_t column = t.column;
      if (accept(Tok::star)) {
      } else if (accept(Tok::slash)) {
        divide = true;
      } else if (!starts_primary(t)) {
        return q;
      }
      Query r = unary();
      if (divide) {
        if (!is_constant(r)) fail("can only divide by a rational number", column);
        if (r.constant.constant_term() == 0) fail("division by zero", column);
        scale(q, Rational(1) / r.constant.constant_term(), column);
      } else if (is_constant(q)) {
        Rational s = q.constant.constant_term();
        q = r;
        scale(q, s, column);
      } else if (is_constant(r)) {
        scale(q, r.constant.constant_term(), column);
      } else {
        fail("a product needs a rational number on one side (queries are linear)", column);
      }
    }
  }

  Query unary() {
    if (accept(Tok::minus)) {
      Nest nest(*this);
      Query q = unary();
      scale(q, Rational(-1), 0);
      return q;
    }
    return primary();
  }

  Query primary() {
    Token t = next();
    Query q;
    switch (t.kind) {
      case Tok::number:
        try {
          q.constant = LogForm::constant(parse_rational(t.text));
        } catch (const std::invalid_argument&) {
          fail("\"" + shown(t.text) + "\" is not a number", t.column);
        }
        return q;
      case Tok::lparen: {
        Nest nest(*this);
        q = expr();
        expect(Tok::rparen, "\")\"");
        return q;
      }
      case Tok::name:
        if ((t.text == "H" || t.text == "I") && peek().kind == Tok::lparen) return info(t);
        if (t.text == "P" && peek().kind == Tok::lparen) return probability();
        if (t.text == "Pdiff" && peek().kind == Tok::lparen) return pdiff();
        if (auto it = symbols_.find(t.text); it != symbols_.end()) {
          q.constant = LogForm::constant(it->second);
          return q;
        }
        if (t.text == "ln") {
          Nest nest(*this);
          expect(Tok::lparen, "\"(\" after ln");
          std::size_t column = peek().column;
          Query arg = expr();
          expect(Tok::rparen, "\")\"");
          if (!is_constant(arg) || arg.constant.constant_term() <= 0)
            fail("ln takes a positive rational number", column);
          q.constant = LogForm::ln_rational(arg.constant.constant_term());
          return q;
        }
        if (t.text == "T")
          fail("T is the horizon: it is known in a claim file whose domain has a horizon, or with --horizon", t.column);
        fail("unknown name \"" + shown(t.text) + "\" (use H(...), I(...), P(...), Pdiff(...) or ln(...))", t.column);
      default:
        fail(t.kind == Tok::end ? "unexpected end" : "unexpected \"" + shown(t.text) + "\"", t.column);
    }
  }

  Query info(const Token& head) {
    InfoTerm term;
    term.is_entropy = head.text == "H";
    expect(Tok::lparen, ("\"(\" after " + head.text).c_str());
    term.a = var_list();
    std::vector<std::string> third;
    bool co = false;
    if (!term.is_entropy) {
      expect(Tok::semicolon, "\";\" in I(A;B)");
      term.b = var_list();
      if (accept(Tok::semicolon)) {
        co = true;
        third = var_list();
      }
    }
    if (accept(Tok::bar)) term.c = var_list();
    if (term.is_entropy && peek().kind == Tok::semicolon)
      fail("expected \")\"" + describe(peek()) + " (H takes one list; did you mean I(...;...)?)", peek().column);
    expect(Tok::rparen, "\")\"");
    Query q;
    if (co) {
      // Co-information: I(A;B;C|D) = I(A;B|D) - I(A;B|C,D).
      InfoTerm given_c = term;
      given_c.c.insert(given_c.c.end(), third.begin(), third.end());
      q.terms.emplace_back(Rational(1), std::move(term));
      q.terms.emplace_back(Rational(-1), std::move(given_c));
      return q;
    }
    q.terms.emplace_back(Rational(1), std::move(term));
    return q;
  }

  std::vector<std::pair<std::string, std::string>> event_list() {
    std::vector<std::pair<std::string, std::string>> out;
    do {
      Token name = next();
      if (name.kind != Tok::name) fail("expected a variable name" + describe(name), name.column);
      Token eq = next();
      if (eq.kind != Tok::relation || (eq.text != "=" && eq.text != "=="))
        fail("expected \"=\" and a symbol after " + shown(name.text) + describe(eq), eq.column);
      Token symbol = next();
      if (symbol.kind != Tok::name && symbol.kind != Tok::number)
        fail("expected a symbol" + describe(symbol), symbol.column);
      out.emplace_back(name.text, symbol.text);
    } while (accept(Tok::comma));
    return out;
  }

  Query probability() {
    expect(Tok::lparen, "\"(\" after P");
    ValueTerm v;
    v.event = event_list();
    if (accept(Tok::bar)) v.given = event_list();
    expect(Tok::rparen, "\")\"");
    Query q;
    q.values.emplace_back(Rational(1), std::move(v));
    return q;
  }

  unsigned count_argument(const char* what, unsigned least) {
    std::size_t column = peek().column;
    Nest nest(*this);
    Query arg = expr();
    if (!is_constant(arg) || denominator(arg.constant.constant_term()) != 1 || arg.constant.constant_term() < least ||
        arg.constant.constant_term() > 100000)
      fail(std::string(what) + " must be an integer from " + std::to_string(least) + " to 100000", column);
    return static_cast<unsigned>(numerator(arg.constant.constant_term()));
  }

  Query pdiff() {
    expect(Tok::lparen, "\"(\" after Pdiff");
    ValueTerm v;
    v.kind = ValueTerm::Kind::predictors_differ;
    v.d = count_argument("the window d of Pdiff(d, T)", 0);
    expect(Tok::comma, "\",\" in Pdiff(d, T)");
    v.horizon = count_argument("the horizon T of Pdiff(d, T)", 1);
    expect(Tok::rparen, "\")\"");
    Query q;
    q.values.emplace_back(Rational(1), std::move(v));
    return q;
  }

  std::vector<std::string> var_list() {
    std::vector<std::string> names;
    do {
      Token first = next();
      if (first.kind != Tok::name) fail("expected a variable name" + describe(first), first.column);
      if (accept(Tok::range)) {
        Token last = next();
        if (last.kind != Tok::name) fail("expected a variable name after \"..\"" + describe(last), last.column);
        expand_range(first, last, names);
      } else {
        names.push_back(first.text);
      }
    } while (accept(Tok::comma));
    return names;
  }

  void expand_range(const Token& first, const Token& last_written, std::vector<std::string>& out) {
    // X1..XT: a range may end at a symbol (the horizon), written after the prefix.
    Token last = last_written;
    for (const auto& [name, value] : symbols_)
      if (last.text.size() > name.size() && last.text.compare(last.text.size() - name.size(), name.size(), name) == 0 &&
          denominator(value) == 1 && value >= 0) {
        last.text = last.text.substr(0, last.text.size() - name.size()) + numerator(value).str();
        break;
      }
    auto split = [](const std::string& s) {
      std::size_t i = s.size();
      while (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) --i;
      return std::pair<std::string, std::string>(s.substr(0, i), s.substr(i));
    };
    auto [p1, n1] = split(first.text);
    auto [p2, n2] = split(last.text);
    if (n1.empty() || n2.empty() || p1 != p2 || n1.size() > 6 || n2.size() > 6) {
      // Not X1..X5: the source resolves it (tokens of several documents, in order).
      out.push_back(first.text + ".." + last.text);
      return;
    }
    // X01..X03 would silently become X1..X3: numbers in a range have no leading zeros.
    if ((n1.size() > 1 && n1[0] == '0') || (n2.size() > 1 && n2[0] == '0'))
      fail("a range's numbers have no leading zeros (write " + p1 + std::to_string(std::stoul(n1)) + ".." + p2 +
               std::to_string(std::stoul(n2)) + ")",
           first.column);
    unsigned long lo = std::stoul(n1), hi = std::stoul(n2);
    if (lo > hi) fail("empty range " + shown(first.text) + ".." + shown(last.text), first.column);
    if (hi - lo >= kMaxRange) fail("range too long", first.column);
    for (unsigned long i = lo; i <= hi; ++i) out.push_back(p1 + std::to_string(i));
  }

  void lex() {
    std::size_t i = 0;
    const std::string_view s = text_;
    auto push = [&](Tok k, std::size_t start, std::size_t len) {
      tokens_.push_back({k, std::string(s.substr(start, len)), start + 1});
      i = start + len;
    };
    while (i < s.size()) {
      char c = s[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
        continue;
      }
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        std::size_t j = i;
        while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
        push(Tok::name, i, j - i);
      } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
        std::size_t j = i;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        if (j < s.size() && s[j] == '.' && !(j + 1 < s.size() && s[j + 1] == '.')) {
          ++j;
          while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        }
        if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
          std::size_t k = j + 1;
          if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
          if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
            while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
            j = k;
          }
        }
        // A number that runs into another decimal point ("1.2.3") is not a number.
        if (j < s.size() && s[j] == '.' && !(j + 1 < s.size() && s[j + 1] == '.'))
        {
          std::size_t k = j;
          while (k < s.size() && (s[k] == '.' || std::isdigit(static_cast<unsigned char>(s[k])))) ++k;
          fail("\"" + std::string(s.substr(i, k - i)) + "\" is not a number", i + 1);
        }
        push(Tok::number, i, j - i);
      } else if (s.substr(i, 2) == "..") {
        push(Tok::range, i, 2);
      } else if (s.substr(i, 2) == "<=" || s.substr(i, 2) == ">=" || s.substr(i, 2) == "!=" ||
                 s.substr(i, 2) == "==") {
        push(Tok::relation, i, 2);
      } else {
        Tok k;
        switch (c) {
          case '(': k = Tok::lparen; break;
          case ')': k = Tok::rparen; break;
          case ',': k = Tok::comma; break;
          case ';': k = Tok::semicolon; break;
          case '|': k = Tok::bar; break;
          case '+': k = Tok::plus; break;
          case '-': k = Tok::minus; break;
          case '*': k = Tok::star; break;
          case '/': k = Tok::slash; break;
          case '<': case '>': case '=': k = Tok::relation; break;
          default:
            // Likely slips: I(X:Y) for I(X;Y), H(X,Y|Z) written with a comma for the bar.
            fail(std::string("unexpected character '") + c + "'" +
                     (c == ':' ? " (write I(X;Y): a ';' separates the sides of I)" : ""),
                 i + 1);
        }
        push(k, i, 1);
      }
    }
    tokens_.push_back({Tok::end, "", s.size() + 1});
  }

  std::string_view text_;
  std::string what_;
  const QuerySymbols& symbols_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Query parse_query(std::string_view text, const QuerySymbols& symbols) {
  Parser parser(text, "query", symbols);
  if (parser.at_end()) parser.fail("empty query", 1);
  Query q = parser.expr();
  parser.expect_end();
  q.text = std::string(trim(text));
  return q;
}

std::vector<std::string> parse_names(std::string_view text, const QuerySymbols& symbols) {
  Parser parser(text, "variable list", symbols);
  std::vector<std::string> names = parser.names();
  parser.expect_end();
  return names;
}

ClaimExpr parse_claim(std::string_view text, const QuerySymbols& symbols) {
  Parser parser(text, "claim", symbols);
  if (parser.at_end()) parser.fail("empty claim", 1);
  ClaimExpr c;
  c.text = std::string(trim(text));
  std::size_t lhs_start = 0;
  c.lhs = parser.expr();
  Token rel = parser.next();
  if (rel.kind != Tok::relation)
    parser.fail(rel.kind == Tok::end ? "expected a relation (=, !=, <, <=, >, >=)"
                                     : "expected a relation (=, !=, <, <=, >, >=), found \"" + rel.text + "\"",
                rel.column);
  c.op = *parse_relation(rel.text);
  std::size_t rhs_start = parser.peek().column - 1;
  c.rhs = parser.expr();
  if (!parser.at_end()) {
    const Token& t = parser.peek();
    parser.fail(t.kind == Tok::relation ? "only one relation is allowed" : "unexpected \"" + Parser::shown(t.text) + "\"",
                t.column);
  }
  c.lhs.text = std::string(trim(text.substr(lhs_start, rel.column - 1 - lhs_start)));
  c.rhs.text = std::string(trim(text.substr(rhs_start)));
  return c;
}

VarSet QueryEvaluator::resolve(const std::vector<std::string>& names, const Query& q) {
  VarSet s;
  for (const auto& n : names) {
    try {
      auto dots = n.find("..");
      VarSet v = dots == std::string::npos ? source_.resolve_name(n)
                                           : source_.resolve_range(n.substr(0, dots), n.substr(dots + 2));
      s.insert(s.end(), v.begin(), v.end());
    } catch (const std::out_of_range& e) {
      throw InputError("query \"" + q.text + "\": " + e.what());
    }
  }
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

Rational QueryEvaluator::value_of(const ValueTerm& t, const Query& q) {
  try {
    if (t.kind == ValueTerm::Kind::predictors_differ) return source_.predictors_differ(t.d, t.horizon);
    // P(E | C) = P(E, C) / P(C), the variables of E and C merged (a variable given two
    // different symbols makes the event impossible).
    auto joint = [&](const std::vector<std::pair<std::string, std::string>>& parts) -> Rational {
      std::map<std::size_t, std::string> fixed;
      for (const auto& [name, symbol] : parts) {
        VarSet v = resolve({name}, q);
        if (v.size() != 1) throw InputError("query \"" + q.text + "\": " + name + " is not a single variable");
        auto [it, fresh] = fixed.emplace(v.front(), symbol);
        if (!fresh && it->second != symbol) return Rational(0);
      }
      if (fixed.empty()) return Rational(1);
      VarSet vars;
      std::vector<std::string> symbols;
      for (const auto& [v, symbol] : fixed) {
        vars.push_back(v);
        symbols.push_back(symbol);
      }
      return source_.event_probability(vars, symbols);
    };
    std::vector<std::pair<std::string, std::string>> all = t.event;
    all.insert(all.end(), t.given.begin(), t.given.end());
    const Rational both = joint(all);
    if (t.given.empty()) return both;
    const Rational condition = joint(t.given);
    if (condition == 0) throw InputError("query \"" + q.text + "\": the condition of a P(... | ...) has probability 0");
    return both / condition;
  } catch (const std::out_of_range& e) {
    throw InputError("query \"" + q.text + "\": " + e.what());
  } catch (const std::domain_error& e) {
    throw InputError("query \"" + q.text + "\": " + e.what());
  }
}

LogForm QueryEvaluator::entropy_of(const VarSet& vars) {
  auto it = cache_.find(vars);
  if (it != cache_.end()) return it->second;
  LogForm h = vars.empty() ? LogForm() : source_.entropy(vars);
  cache_.emplace(vars, h);
  return h;
}

std::vector<std::pair<VarSet, int>> QueryEvaluator::signed_sets(const InfoTerm& t, const Query& q) {
  const VarSet a = resolve(t.a, q), c = resolve(t.c, q);
  if (t.is_entropy) return {{var_union(a, c), 1}, {c, -1}};  // H(a | c) = H(a, c) - H(c)
  const VarSet b = resolve(t.b, q);
  // I(a; b | c) = H(a, c) + H(b, c) - H(a, b, c) - H(c)
  return {{var_union(a, c), 1}, {var_union(b, c), 1}, {var_union(var_union(a, b), c), -1}, {c, -1}};
}

void QueryEvaluator::require_cancelling(const Query& q) {
  const VarSet continuous = source_.continuous_variables();
  if (continuous.empty()) return;
  // The coefficient of H(v) carried by each continuous v: the sum over the entropies of sets
  // containing it; the query is defined only when every such sum is 0.
  std::map<std::size_t, Rational> carried;
  for (const auto& [coef, t] : q.terms)
    for (const auto& [set, sign] : signed_sets(t, q))
      for (std::size_t v : continuous)
        if (std::find(set.begin(), set.end(), v) != set.end()) carried[v] += sign * coef;
  for (const auto& [v, c] : carried)
    if (c != 0)
      throw InputError("query \"" + q.text + "\": theta is continuous and has no entropy here; use it where its entropies "
                       "cancel, as in I(X1..XT; theta) or H(X1..XT | theta)");
}

Interval QueryEvaluator::evaluate_interval(const Query& q, Unit unit, mpfr_prec_t precision) {
  if (unit == Unit::bit && !q.constant.is_rational())
    throw InputError("query \"" + q.text + "\": ln(...) is a number of nats; it cannot be used with bits");
  // Constants are exact: c nats, or c bits = c ln 2 nats. Values (P, Pdiff) count as constants.
  Rational numbers = 0;
  for (const auto& [coef, t] : q.values) numbers += coef * value_of(t, q);
  LogForm c = q.constant + LogForm::constant(numbers);
  if (unit == Unit::bit) c = LogForm::ln(Integer(2), q.constant.constant_term() + numbers);
  Interval value = infocert::evaluate(c, precision);
  Interval term(precision);
  require_cancelling(q);
  auto h = [&](const VarSet& s) { return s.empty() ? infocert::evaluate(LogForm(), precision) : source_.entropy_interval(s, precision); };
  for (const auto& [coef, t] : q.terms) {
    mpfi_set_ui(term.get(), 0);
    for (const auto& [set, sign] : signed_sets(t, q)) {
      const Interval x = h(set);
      if (sign > 0)
        mpfi_add(term.get(), term.get(), x.get());
      else
        mpfi_sub(term.get(), term.get(), x.get());
    }
    mpfi_mul_q(term.get(), term.get(), coef.backend().data());
    mpfi_add(value.get(), value.get(), term.get());
  }
  convert_to_unit(value, unit);
  return value;
}

LogForm QueryEvaluator::evaluate(const Query& q, Unit unit) {
  Rational numbers = 0;
  for (const auto& [coef, t] : q.values) numbers += coef * value_of(t, q);
  LogForm value = q.constant + LogForm::constant(numbers);
  if (unit == Unit::bit) {
    if (!q.constant.is_rational())
      throw InputError("query \"" + q.text + "\": ln(...) is a number of nats; it cannot be used with bits");
    // A rational constant c means c bits = c ln 2 nats.
    Rational c = q.constant.constant_term() + numbers;
    value -= LogForm::constant(c);
    value += LogForm::ln(Integer(2), c);
  }
  for (const auto& [coef, t] : q.terms) {
    LogForm v;
    for (const auto& [set, sign] : signed_sets(t, q)) {
      if (sign > 0)
        v += entropy_of(set);
      else
        v -= entropy_of(set);
    }
    value += coef * v;
  }
  return value;
}

namespace {

/// "X1..X4" for a run of consecutive numbered names with one prefix, else the names.
std::string names_text(const std::vector<std::string>& names) {
  auto split = [](const std::string& n, std::string* prefix, unsigned long* number) {
    std::size_t i = n.size();
    while (i > 0 && std::isdigit(static_cast<unsigned char>(n[i - 1]))) --i;
    if (i == n.size() || i == 0 || n[i] == '0' || n.size() - i > 9) return false;
    *prefix = n.substr(0, i);
    *number = std::stoul(n.substr(i));
    return true;
  };
  std::string out;
  for (std::size_t i = 0; i < names.size();) {
    std::string p0, p;
    unsigned long n0 = 0, n = 0;
    std::size_t j = i + 1;
    if (split(names[i], &p0, &n0))
      while (j < names.size() && split(names[j], &p, &n) && p == p0 && n == n0 + (j - i)) ++j;
    out += out.empty() ? "" : ",";
    out += j - i >= 3 ? names[i] + ".." + names[j - 1] : names[i];
    if (j - i == 2) out += "," + names[i + 1];
    i = j;
  }
  return out;
}

std::string rational_text(const Rational& r) { return r.str(); }

std::string events_text(const std::vector<std::pair<std::string, std::string>>& e) {
  std::string out;
  for (const auto& [name, symbol] : e) out += (out.empty() ? "" : ",") + name + "=" + symbol;
  return out;
}

std::string value_text(const ValueTerm& t) {
  if (t.kind == ValueTerm::Kind::predictors_differ)
    return "Pdiff(" + std::to_string(t.d) + "," + std::to_string(t.horizon) + ")";
  return "P(" + events_text(t.event) + (t.given.empty() ? "" : "|" + events_text(t.given)) + ")";
}

std::string term_text(const InfoTerm& t) {
  std::string s = t.is_entropy ? "H(" + names_text(t.a) : "I(" + names_text(t.a) + ";" + names_text(t.b);
  if (!t.c.empty()) s += "|" + names_text(t.c);
  return s + ")";
}

}  // namespace

std::string query_text(const Query& q) {
  std::string out;
  auto append = [&](const Rational& coef, const std::string& what) {
    bool negative = coef < 0;
    Rational a = negative ? Rational(-coef) : coef;
    if (out.empty()) {
      out = negative ? "-" : "";
    } else {
      out += negative ? " - " : " + ";
    }
    out += (a == 1 && !what.empty()) ? what : rational_text(a) + (what.empty() ? "" : " " + what);
  };
  for (const auto& [coef, t] : q.terms) append(coef, term_text(t));
  for (const auto& [coef, t] : q.values) append(coef, value_text(t));
  if (q.constant.is_rational()) {
    if (q.constant.constant_term() != 0 || (q.terms.empty() && q.values.empty())) append(q.constant.constant_term(), "");
  } else {
    if (q.constant.constant_term() != 0) append(q.constant.constant_term(), "");
    for (const auto& [base, coef] : q.constant.terms()) append(coef, "ln(" + base.str() + ")");
  }
  return out;
}

namespace q {

Query with_text(Query x) {
  x.text = query_text(x);
  return x;
}

Names tokens(unsigned first, unsigned last, const std::string& prefix) {
  Names out;
  for (unsigned t = first; t <= last; ++t) out.push_back(prefix + std::to_string(t));
  return out;
}

Names span(const std::string& first, const std::string& last) { return {first + ".." + last}; }

Names join(Names a, const Names& b) {
  for (const auto& n : b)
    if (std::find(a.begin(), a.end(), n) == a.end()) a.push_back(n);
  return a;
}

Query H(const Names& a, const Names& given) {
  Query x;
  x.terms.push_back({Rational(1), InfoTerm{true, a, {}, given}});
  return with_text(std::move(x));
}

Query I(const Names& a, const Names& b, const Names& given) {
  Query x;
  x.terms.push_back({Rational(1), InfoTerm{false, a, b, given}});
  return with_text(std::move(x));
}

Query constant(const Rational& c) {
  Query x;
  x.constant = LogForm::constant(c);
  return with_text(std::move(x));
}

Query P(const std::vector<std::pair<std::string, std::string>>& event,
        const std::vector<std::pair<std::string, std::string>>& given) {
  Query x;
  ValueTerm v;
  v.event = event;
  v.given = given;
  x.values.push_back({Rational(1), v});
  return with_text(std::move(x));
}

Query Pdiff(unsigned d, unsigned horizon) {
  Query x;
  ValueTerm v;
  v.kind = ValueTerm::Kind::predictors_differ;
  v.d = d;
  v.horizon = horizon;
  x.values.push_back({Rational(1), v});
  return with_text(std::move(x));
}

Query ln(const Rational& r) {
  if (r <= 0) throw std::invalid_argument("q::ln: the argument must be positive");
  Query x;
  x.constant = LogForm::ln_rational(r);
  return with_text(std::move(x));
}

ClaimExpr relation(const Query& lhs, Relation op, const Query& rhs) {
  ClaimExpr c;
  c.lhs = lhs;
  c.op = op;
  c.rhs = rhs;
  c.text = lhs.text + " " + relation_symbol(op) + " " + rhs.text;
  return c;
}

}  // namespace q

Query operator+(Query a, const Query& b) {
  a.constant += b.constant;
  a.terms.insert(a.terms.end(), b.terms.begin(), b.terms.end());
  a.values.insert(a.values.end(), b.values.begin(), b.values.end());
  return q::with_text(std::move(a));
}

Query operator*(const Rational& s, Query a) {
  a.constant *= s;
  for (auto& kv : a.terms) kv.first *= s;
  for (auto& kv : a.values) kv.first *= s;
  return q::with_text(std::move(a));
}

Query operator-(Query a) { return Rational(-1) * std::move(a); }
Query operator-(Query a, const Query& b) { return std::move(a) + (-b); }

Rational JointSource::event_probability(const VarSet& vars, const std::vector<std::string>& symbols) {
  std::vector<std::uint32_t> key;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const auto& alphabet = p_.alphabet(vars[i]);
    auto it = std::find(alphabet.begin(), alphabet.end(), symbols[i]);
    if (it == alphabet.end()) {
      std::string known;
      for (const auto& a : alphabet) known += (known.empty() ? "" : ", ") + a;
      throw std::out_of_range("unknown symbol \"" + symbols[i] + "\" of " + p_.variables()[vars[i]] + " (symbols: " + known + ")");
    }
    key.push_back(static_cast<std::uint32_t>(it - alphabet.begin()));
  }
  const auto m = p_.marginal(vars);
  auto it = m.find(key);
  return it == m.end() ? Rational(0) : it->second;
}

}  // namespace infocert
