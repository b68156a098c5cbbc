// The Python module's native part: thin bindings over the library. Values cross as exact
// text ("3/4") and are turned into fractions.Fraction by infocert/__init__.py; the library's
// InputError becomes infocert.InputError (a ValueError) with the same one-line message.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "infocert/cases/open.hpp"
#include "infocert/cases/read.hpp"
#include "infocert/cases/certcheck.hpp"
#include "infocert/cases/proof_files.hpp"
#include "infocert/distribution/joint.hpp"
#include "infocert/error.hpp"
#include "infocert/measure/measure.hpp"
#include "infocert/prove/shannon.hpp"
#include "infocert/query/query.hpp"

namespace py = pybind11;
using namespace infocert;

namespace {

/// A measurement as plain data: the exact form (constant, [(base, coefficient)]) when there
/// is one, and the enclosure's exact endpoints, all as exact text.
py::dict measurement(const Measurement& m) {
  py::dict d;
  if (m.exact) {
    std::vector<std::pair<std::string, std::string>> terms;
    for (const auto& [base, q] : m.exact->terms()) terms.emplace_back(to_string(base), to_string(q));
    d["exact"] = py::make_tuple(to_string(m.exact->constant_term()), terms);
  } else {
    d["exact"] = py::none();
  }
  d["lo"] = to_string(m.enclosure.lo);
  d["hi"] = to_string(m.enclosure.hi);
  d["unit"] = m.unit == Unit::bit ? "bit" : "nat";
  return d;
}

py::dict decision(const ClaimDecision& c) {
  py::dict d;
  d["decided"] = c.decided();
  d["holds"] = c.holds;
  d["sign"] = c.sign;
  d["how"] = c.how();
  d["lhs"] = measurement(c.lhs);
  d["rhs"] = measurement(c.rhs);
  return d;
}

MeasureOptions options(unsigned digits, bool bits) {
  MeasureOptions o;
  o.digits = digits;
  o.unit = bits ? Unit::bit : Unit::nat;
  return o;
}

/// A joint distribution from variables and (symbols, probability text) pairs.
struct Joint {
  std::unique_ptr<JointDistribution> p;
  Joint(const std::vector<std::string>& variables,
        const std::vector<std::pair<std::vector<std::string>, std::string>>& outcomes) {
    std::vector<std::vector<std::string>> alphabets(variables.size());
    for (const auto& [symbols, pr] : outcomes) {
      if (symbols.size() != variables.size())
        throw InputError("Distribution: an outcome has " + std::to_string(symbols.size()) + " symbols for " +
                         std::to_string(variables.size()) + " variables");
      for (std::size_t i = 0; i < symbols.size(); ++i)
        if (std::find(alphabets[i].begin(), alphabets[i].end(), symbols[i]) == alphabets[i].end())
          alphabets[i].push_back(symbols[i]);
    }
    for (auto& a : alphabets) std::sort(a.begin(), a.end());
    std::vector<JointDistribution::Outcome> out;
    for (const auto& [symbols, pr] : outcomes) {
      JointDistribution::Outcome o;
      for (std::size_t i = 0; i < symbols.size(); ++i)
        o.symbols.push_back(static_cast<std::uint32_t>(
            std::lower_bound(alphabets[i].begin(), alphabets[i].end(), symbols[i]) - alphabets[i].begin()));
      try {
        o.probability = parse_rational(pr);
      } catch (const std::invalid_argument&) {
        throw InputError("Distribution: the probability of (" + [&] {
          std::string t;
          for (const auto& s : symbols) t += (t.empty() ? "" : ", ") + s;
          return t;
        }() + ") is not an exact number: \"" + pr + "\"");
      }
      out.push_back(std::move(o));
    }
    try {
      p = std::make_unique<JointDistribution>(variables, alphabets, out);
    } catch (const std::invalid_argument& e) {
      std::string what = e.what();
      const std::string prefix = "JointDistribution: ";
      if (what.rfind(prefix, 0) == 0) what = what.substr(prefix.size());
      throw InputError("Distribution: " + what);
    }
  }
};

/// A case file (any kind measure accepts), opened at a horizon.
struct CaseHandle {
  std::unique_ptr<OpenCase> c;
};

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "infocert's native part; use the infocert package";
  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      input_error(e.what());
    } catch (const ExactFormTooLarge& e) {
      PyErr_SetString(PyExc_OverflowError, e.what());
    }
  });

  py::class_<Joint>(m, "Joint")
      .def(py::init<const std::vector<std::string>&, const std::vector<std::pair<std::vector<std::string>, std::string>>&>())
      .def("variables", [](const Joint& j) { return j.p->variables(); })
      .def("outcomes", [](const Joint& j) {
        std::vector<std::pair<std::vector<std::string>, std::string>> out;
        for (const auto& o : j.p->outcomes()) {
          std::vector<std::string> s;
          for (std::size_t i = 0; i < o.symbols.size(); ++i) s.push_back(j.p->alphabet(i)[o.symbols[i]]);
          out.emplace_back(s, to_string(o.probability));
        }
        return out;
      })
      .def("measure", [](const Joint& j, const std::string& query, unsigned digits, bool bits) {
        JointSource src(*j.p);
        return measurement(measure(src, parse_query(query), options(digits, bits)));
      })
      .def("decide", [](const Joint& j, const std::string& claim, unsigned digits) {
        JointSource src(*j.p);
        return decision(decide(src, parse_claim(claim), options(digits, false)));
      });

  py::class_<CaseHandle>(m, "Case")
      .def(py::init([](const std::string& file, std::optional<unsigned> tokens, std::optional<unsigned> documents) {
        HorizonOptions h;
        h.tokens = tokens;
        h.documents = documents;
        return CaseHandle{open_case(file, h)};
      }))
      .def("kind", [](const CaseHandle& c) { return c.c->kind(); })
      .def("measure", [](CaseHandle& c, const std::string& query, unsigned digits, bool bits) {
        QueryEvaluator ev(c.c->source());
        return measurement(measure(ev, parse_query(query, c.c->symbols()), options(digits, bits)));
      })
      .def("decide", [](CaseHandle& c, const std::string& claim, unsigned digits) {
        QueryEvaluator ev(c.c->source());
        return decision(decide(ev, parse_claim(claim, c.c->symbols()), options(digits, false)));
      });

  m.def("prove", [](const std::string& claim, const std::vector<std::string>& given,
                    const std::vector<std::string>& variables) {
    prove::Result r = prove::prove(prove::make_problem(claim, given, variables));
    py::dict d;
    d["outcome"] = prove::outcome_name(r.outcome);
    d["certificate"] = prove::certificate_json(r);
    d["text"] = prove::proof_text(r);
    d["counterexample"] = r.distribution ? py::object(py::str(prove::counterexample_case(r))) : py::object(py::none());
    return d;
  });
  m.def("certcheck", [](const std::string& text, const std::string& name) {
    certcheck::Report r = certcheck::check(text, name);
    return std::make_tuple(r.accepted, r.outcome, r.findings);
  });
}
