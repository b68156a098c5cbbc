"""The Python module against independent computations: SymPy's exact logarithms, hand-derived
values, and the command line's certificate checker."""
import json
import os
from fractions import Fraction

import pytest

import infocert

DATA = os.environ.get("INFOCERT_DATA_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "data"))


def venn():
    return infocert.Distribution({("0", "0"): Fraction(1, 2), ("0", "1"): "1/4", ("1", "1"): "0.25"},
                                 variables=["X", "Y"])


def xor():
    return infocert.Distribution({"000": "1/4", "011": "1/4", "101": "1/4", "110": "1/4"}, variables=["X", "Y", "Z"])


def sympy_entropy(pmf):
    sympy = pytest.importorskip("sympy")
    return sympy.expand_log(-sum(sympy.Rational(p.numerator, p.denominator) * sympy.log(sympy.Rational(p.numerator, p.denominator))
                                 for p in pmf if p), force=True)


def test_venn_exact_forms_match_sympy():
    sympy = pytest.importorskip("sympy")
    d = venn()
    h_x = infocert.entropy(d, ["X"])
    assert str(h_x.exact) == "2 ln 2 - 3/4 ln 3"
    assert sympy.simplify(h_x.exact.to_sympy() - sympy_entropy([Fraction(3, 4), Fraction(1, 4)])) == 0
    i = infocert.mutual_information(d, ["X"], ["Y"])
    assert str(i.exact) == "3/2 ln 2 - 3/4 ln 3"
    assert i.exact.constant == 0 and i.exact.terms == {2: Fraction(3, 2), 3: Fraction(-3, 4)}
    # I = H(X) + H(Y) - H(X,Y), each by SymPy from the pmf.
    expected = (sympy_entropy([Fraction(3, 4), Fraction(1, 4)]) + sympy_entropy([Fraction(1, 2), Fraction(1, 2)])
                - sympy_entropy([Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)]))
    assert sympy.simplify(i.exact.to_sympy() - expected) == 0
    # The enclosure holds SymPy's 60-digit value and is at most 1e-40 wide.
    lo, hi = i.enclosure
    value = sympy.Rational(str(sympy.N(expected, 60)))
    assert sympy.Rational(lo.numerator, lo.denominator) <= value <= sympy.Rational(hi.numerator, hi.denominator)
    assert hi - lo <= Fraction(1, 10**40)
    assert abs(float(i) - 0.21576155433883569558) < 1e-15
    assert not i.is_zero


def test_probabilities_exact_in_every_spelling():
    a = infocert.Distribution({("a",): Fraction(1, 3), ("b",): "2/3"}, variables=["X"])
    b = infocert.Distribution({"a": "1/3", "b": Fraction(2, 3)}, variables=["X"])
    assert infocert.entropy(a, "X").exact == infocert.entropy(b, "X").exact
    c = infocert.Distribution({"a": "0.5", "b": 0, "c": Fraction(1, 2)}, variables=["X"])
    assert c.pmf() == {("a",): Fraction(1, 2), ("c",): Fraction(1, 2)}
    assert str(infocert.entropy(c, "X").exact) == "ln 2"
    assert infocert.entropy(c, "X", bits=True).enclosure == (Fraction(1), Fraction(1))


def test_bad_input_raises_input_error_with_one_line():
    with pytest.raises(infocert.InputError) as e:
        infocert.Distribution({"a": "1/3"}, variables=["X"])
    assert str(e.value) == "Distribution: probabilities sum to 1/3, not 1"
    with pytest.raises(infocert.InputError):
        infocert.Distribution({"a": 0.5, "b": 0.5}, variables=["X"])  # floats are not exact
    with pytest.raises(infocert.InputError) as e:
        infocert.entropy(venn(), ["Q"])
    assert "Q" in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(ValueError):  # InputError is a ValueError
        infocert.decide(venn(), "H(X) <=")


def test_xor_zero_and_coinformation():
    d = xor()
    assert infocert.mutual_information(d, ["X"], ["Y"]).is_zero
    assert str(infocert.mutual_information(d, ["X"], ["Y"], given=["Z"]).exact) == "ln 2"
    co = infocert.coinformation(d, [["X"], ["Y"], ["Z"]])
    assert co.exact == infocert.LogForm(0, [(2, -1)])
    assert str(infocert.conditional_entropy(d, ["Z"], ["X", "Y"]).exact) == "0"


def test_decide():
    d = venn()
    yes = infocert.decide(d, "I(X;Y) <= H(Y)")
    assert yes.decided and yes.holds and bool(yes)
    no = infocert.decide(d, "I(X;Y) = 0")
    assert no.decided and not no.holds and "exactly" in no.how


def test_case_sequence_model():
    c = infocert.Case(os.path.join(DATA, "cases", "mixture-ab.json"), tokens=3)
    assert c.kind == "mixture"
    i = c.measure("I(X1..X3;theta)")
    parts = c.measure("H(X1..X3)").exact, c.measure("H(X1..X3|theta)").exact
    # I = H - H(.|theta): the two forms subtracted term by term.
    terms = dict(parts[0].terms)
    for b, q in parts[1].terms.items():
        terms[b] = terms.get(b, 0) - q
    assert i.exact == infocert.LogForm(parts[0].constant - parts[1].constant, [(b, q) for b, q in terms.items() if q])
    assert c.decide("I(X1..X3;theta) <= 3 ln(2)").holds


def test_prove_and_certcheck():
    p = infocert.prove("I(X;Z) <= I(X;Y)", given=["X -> Y -> Z"])
    assert p.proved and "I(X;Y|Z) >= 0" in p.text
    assert infocert.certcheck(p.certificate)[0]
    tampered = json.loads(json.dumps(p.certificate))
    tampered["proof"][0]["inequalities"][0]["multiplier"] = "2"
    accepted, findings = infocert.certcheck(tampered)
    assert not accepted and "do not sum" in findings[0]
    r = infocert.prove("I(A;B|C) <= I(A;B)")
    assert r.outcome == "refuted" and json.loads(r.counterexample)["kind"] == "joint"
    z = infocert.prove("2 I(C;D) <= I(A;B) + I(A;C,D) + 3 I(C;D|A) + I(C;D|B)")
    assert z.outcome == "not-shannon-type" and infocert.certcheck(z.certificate)[0]
    with pytest.raises(infocert.InputError):
        infocert.prove("H(X) <= 1")
