#include "infocert/cases/read.hpp"

namespace infocert {

using nlohmann::json;

namespace {

unsigned read_size(const CaseReader& r, const char* key, unsigned lo, unsigned hi) {
  const json& v = r.require(key);
  if (!v.is_number_unsigned() || v.get<unsigned long>() < lo || v.get<unsigned long>() > hi)
    r.fail(JsonPath().key(key), "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", found " + v.dump());
  return v.get<unsigned>();
}

RationalMatrix read_matrix(const CaseReader& r, const json& m, const JsonPath& at, std::size_t rows, std::size_t cols) {
  if (!m.is_array() || m.size() != rows) r.fail(at, "expected " + std::to_string(rows) + " rows");
  RationalMatrix out;
  for (std::size_t i = 0; i < rows; ++i) {
    if (!m[i].is_array() || m[i].size() != cols) r.fail(at.index(i), "expected " + std::to_string(cols) + " numbers");
    std::vector<Rational> row;
    for (std::size_t j = 0; j < cols; ++j) row.push_back(r.rational(m[i][j], at.index(i).index(j)));
    out.push_back(row);
  }
  return out;
}

}  // namespace

Transformer transformer_from_case(const CaseReader& r) {
  const json& doc = r.doc();
  r.check_keys(doc, {}, {"kind", "name", "description", "claim", "hypotheses", "assert", "recheck", "d", "K", "L", "r", "embeddings",
                         "normalise", "first", "weights", "seed", "tokens"});
  Transformer m;
  m.d = read_size(r, "d", 2, 16);
  m.K = read_size(r, "K", 1, 8);
  m.L = read_size(r, "L", 1, 8);
  m.r = read_size(r, "r", 1, 16);
  for (unsigned i = 1; i <= m.d; ++i) m.alphabet.push_back(std::to_string(i));
  m.embeddings = read_matrix(r, r.require("embeddings"), JsonPath().key("embeddings"), m.d, m.r);
  for (std::size_t i = 0; i < m.d; ++i) {
    Rational norm2 = 0;
    for (const auto& x : m.embeddings[i]) norm2 += x * x;
    if (norm2 == 0) r.fail(JsonPath().key("embeddings").index(i), "the zero vector cannot be normalised");
  }
  if (doc.contains("normalise")) {
    if (!doc["normalise"].is_boolean()) r.fail(JsonPath().key("normalise"), "expected true or false");
    m.normalise = doc["normalise"].get<bool>();
    if (!m.normalise)
      for (std::size_t i = 0; i < m.d; ++i) {
        Rational norm2 = 0;
        for (const auto& x : m.embeddings[i]) norm2 += x * x;
        if (norm2 != 1) r.fail(JsonPath().key("embeddings").index(i), "has squared norm " + norm2.str() + ", not 1 (or set \"normalise\": true)");
      }
  }
  const JsonPath fp = JsonPath().key("first");
  const json& first = r.require("first");
  if (!first.is_object()) r.fail(fp, "expected an object from token (1..d) to probability");
  m.first.assign(m.d, Rational(0));
  Rational total = 0;
  for (const auto& [k, v] : first.items()) {
    auto it = std::find(m.alphabet.begin(), m.alphabet.end(), k);
    if (it == m.alphabet.end()) r.fail(fp.key(k), "unknown token (tokens are 1.." + std::to_string(m.d) + ")");
    Rational p = r.probability(v, fp.key(k));
    m.first[static_cast<std::size_t>(it - m.alphabet.begin())] = p;
    total += p;
  }
  if (total != 1) r.fail({}, "first sums to " + total.str() + ", not 1");
  bool fixed = doc.contains("weights"), seeded = doc.contains("seed");
  if (fixed == seeded) r.fail({}, "give exactly one of \"weights\" (fixed, read exactly) and \"seed\" (Gaussian weights)");
  if (seeded) {
    if (!doc["seed"].is_number_unsigned()) r.fail(JsonPath().key("seed"), "expected a non-negative integer");
    m.seed = doc["seed"].get<std::uint64_t>();
    return m;
  }
  const JsonPath wp = JsonPath().key("weights");
  const json& w = doc["weights"];
  if (!w.is_object()) r.fail(wp, "expected {\"A\": [...], \"V\": [...]}");
  r.check_keys(w, wp, {"A", "V"});
  if (!w.contains("A") || !w["A"].is_array() || w["A"].size() != m.L) r.fail(wp.key("A"), "expected L = " + std::to_string(m.L) + " matrices");
  if (!w.contains("V") || !w["V"].is_array() || w["V"].size() != m.L) r.fail(wp.key("V"), "expected L = " + std::to_string(m.L) + " matrices");
  for (unsigned l = 0; l < m.L; ++l) {
    m.A.push_back(read_matrix(r, w["A"][l], wp.key("A").index(l), m.r, m.r));
    m.V.push_back(read_matrix(r, w["V"][l], wp.key("V").index(l), l + 1 == m.L ? m.d : m.r, m.r));
  }
  return m;
}

}  // namespace infocert
