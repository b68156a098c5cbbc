"""infocert from Python: exact information measures, decisions and Shannon-type proofs.

    >>> from fractions import Fraction
    >>> import infocert
    >>> d = infocert.Distribution({("0", "0"): Fraction(1, 2), ("0", "1"): "1/4", ("1", "1"): "0.25"},
    ...                           variables=["X", "Y"])
    >>> v = infocert.mutual_information(d, ["X"], ["Y"])
    >>> str(v.exact)
    '3/2 ln 2 - 3/4 ln 3'
    >>> v.is_zero
    False

Probabilities are exact: fractions.Fraction, int, or a decimal or "p/q" string (never a
float). Values carry `.exact` (a LogForm: a rational constant plus rational multiples of
logarithms of pairwise coprime integers, in nats), `.enclosure` (two Fractions that
contain the value), `float()` and `.is_zero` (decided exactly). Bad input raises
infocert.InputError (a ValueError) with the command line's one-line message.
"""
from fractions import Fraction
from numbers import Integral
import json as _json

from . import _core

__all__ = [
    "InputError", "Distribution", "LogForm", "Value", "Decision", "Case", "Proof",
    "entropy", "conditional_entropy", "mutual_information", "coinformation", "measure", "decide",
    "prove", "certcheck",
]

InputError = _core.InputError


def _exact_text(x):
    """An exact probability as text for the library: Fraction, int or an exact string."""
    if isinstance(x, bool):
        raise InputError(f"Distribution: {x!r} is not a probability")
    if isinstance(x, Fraction):
        return f"{x.numerator}/{x.denominator}"
    if isinstance(x, Integral):
        return str(int(x))
    if isinstance(x, str):
        return x.strip()
    raise InputError(f"Distribution: {x!r} is not exact (give a Fraction, an int, or a string such as '1/3' or '0.25')")


def _names(xs):
    if isinstance(xs, str):
        return [xs]
    return [str(x) for x in xs]


class LogForm:
    """c + sum(q_b * ln b): `constant` a Fraction, `terms` {base (int): coefficient (Fraction)},
    bases pairwise coprime; the value is in nats."""

    def __init__(self, constant, terms):
        self.constant = Fraction(constant)
        self.terms = {int(b): Fraction(q) for b, q in terms}

    def __eq__(self, other):
        return isinstance(other, LogForm) and self.constant == other.constant and self.terms == other.terms

    def __hash__(self):
        return hash((self.constant, tuple(sorted(self.terms.items()))))

    def __str__(self):
        parts = []
        if self.constant != 0:
            parts.append(str(self.constant))
        for b, q in sorted(self.terms.items()):
            mag = abs(q)
            coef = "" if mag == 1 else f"{mag} "
            term = f"{coef}ln {b}"
            if not parts:
                parts.append(term if q > 0 else "-" + term)
            else:
                parts.append(("+ " if q > 0 else "- ") + term)
        return " ".join(parts) if parts else "0"

    def __repr__(self):
        return f"LogForm({str(self)!r})"

    def to_sympy(self):
        """The exact value as a SymPy expression (needs SymPy)."""
        import sympy
        expr = sympy.Rational(self.constant.numerator, self.constant.denominator)
        for b, q in sorted(self.terms.items()):
            expr += sympy.Rational(q.numerator, q.denominator) * sympy.log(b)
        return expr


class Value:
    """A certified quantity: `exact` (a LogForm in nats, or None where only enclosures exist),
    `enclosure` (lo, hi) as Fractions in `unit`, `float()`, `is_zero`."""

    def __init__(self, data):
        e = data["exact"]
        self.exact = LogForm(e[0], e[1]) if e is not None else None
        self.enclosure = (Fraction(data["lo"]), Fraction(data["hi"]))
        self.unit = data["unit"]

    @property
    def is_zero(self):
        return self.exact is not None and self.exact.constant == 0 and not self.exact.terms

    def __float__(self):
        lo, hi = self.enclosure
        return float((lo + hi) / 2)

    def __repr__(self):
        lo, hi = self.enclosure
        shown = str(self.exact) if self.exact is not None else "no exact form"
        return f"Value({shown}, in [{float(lo)!r}, {float(hi)!r}] {self.unit}s)"


class Decision:
    """`holds` (bool, when `decided`), `how` (exactly, by an enclosure, or why undecided), and
    the two sides as Values."""

    def __init__(self, data):
        self.decided = data["decided"]
        self.holds = data["holds"] if self.decided else None
        self.sign = data["sign"]
        self.how = data["how"]
        self.lhs = Value(data["lhs"])
        self.rhs = Value(data["rhs"])

    def __bool__(self):
        if not self.decided:
            raise ValueError("undecided: " + self.how)
        return self.holds

    def __repr__(self):
        return f"Decision(holds={self.holds}, {self.how})"


class Distribution:
    """A finite joint distribution with exact probabilities.

    Distribution({("a", "x"): Fraction(1, 2), ...}, variables=["A", "B"]); outcomes may also be
    strings of one character per variable ("ax"), as in dit. Probabilities must sum to 1."""

    def __init__(self, pmf, variables=None):
        items = list(pmf.items())
        if not items:
            raise InputError("Distribution: no outcomes")
        first = items[0][0]
        n = len(first)
        if variables is None:
            variables = [f"X{i}" for i in range(n)] if n > 1 else ["X"]
        variables = _names(variables)
        outcomes = []
        for outcome, p in items:
            symbols = [str(s) for s in outcome] if not isinstance(outcome, str) or len(variables) > 1 else [outcome]
            outcomes.append((symbols, _exact_text(p)))
        self._joint = _core.Joint(variables, outcomes)
        self.variables = list(variables)

    def pmf(self):
        """{outcome tuple: Fraction} for the outcomes of positive probability."""
        return {tuple(s): Fraction(p) for s, p in self._joint.outcomes()}

    def measure(self, query, digits=40, bits=False):
        return Value(self._joint.measure(query, digits, bits))

    def decide(self, claim, digits=40):
        return Decision(self._joint.decide(claim, digits))

    def __repr__(self):
        return f"Distribution({self.pmf()!r}, variables={self.variables!r})"


class Case:
    """A case file (joint, sequence model, transformer) opened at a horizon: `tokens` per
    document T and `documents` M for sequence models."""

    def __init__(self, file, tokens=None, documents=None):
        self._case = _core.Case(str(file), tokens, documents)
        self.file = str(file)
        self.kind = self._case.kind()

    def measure(self, query, digits=40, bits=False):
        return Value(self._case.measure(query, digits, bits))

    def decide(self, claim, digits=40):
        return Decision(self._case.decide(claim, digits))


def _list(xs):
    return ",".join(_names(xs))


def _given(given):
    return "|" + _list(given) if given else ""


def entropy(d, rvs, given=None, bits=False):
    """H(rvs | given)."""
    return d.measure(f"H({_list(rvs)}{_given(given)})", bits=bits)


def conditional_entropy(d, rvs, crvs, bits=False):
    """H(rvs | crvs), as dit names it."""
    return entropy(d, rvs, given=crvs, bits=bits)


def mutual_information(d, rvs_a, rvs_b, given=None, bits=False):
    """I(rvs_a ; rvs_b | given)."""
    return d.measure(f"I({_list(rvs_a)};{_list(rvs_b)}{_given(given)})", bits=bits)


def coinformation(d, rvs, given=None, bits=False):
    """I(A;B;C...|given) for rvs = [A, B, C, ...] (each a list of names), at least two."""
    if len(rvs) < 2:
        raise InputError("coinformation: give at least two groups of variables")
    return d.measure("I(" + ";".join(_list(r) for r in rvs) + _given(given) + ")", bits=bits)


def measure(d, query, digits=40, bits=False):
    """Any query of the query language on a Distribution or a Case."""
    return d.measure(query, digits=digits, bits=bits)


def decide(d, claim, digits=40):
    """Decides 'EXPR OP EXPR' on a Distribution or a Case."""
    return d.decide(claim, digits=digits)


class Proof:
    """The outcome of `prove`: 'proved', 'refuted' or 'not-shannon-type'; `certificate` (a
    dict, as `infocert certcheck` reads it), `text` (the readable proof) and, when refuted,
    `counterexample` (a case file's text for `infocert verify`)."""

    def __init__(self, data):
        self.outcome = data["outcome"]
        self.certificate = _json.loads(data["certificate"])
        self.text = data["text"]
        self.counterexample = data["counterexample"]

    @property
    def proved(self):
        return self.outcome == "proved"

    def __repr__(self):
        return f"Proof({self.outcome!r})"


def prove(claim, given=(), variables=()):
    """Proves an information inequality or identity for every distribution (Shannon-type)."""
    return Proof(_core.prove(claim, list(given), _names(variables) if variables else []))


def certcheck(certificate, name="certificate"):
    """Re-checks a certificate (a dict or JSON text) independently: (accepted, findings)."""
    text = certificate if isinstance(certificate, str) else _json.dumps(certificate)
    accepted, _outcome, findings = _core.certcheck(text, name)
    return accepted, findings
