#include <algorithm>

#include "infocert/cases/read.hpp"

namespace infocert {

using nlohmann::json;

Channel channel_from_case(const CaseReader& r) {
  const json& doc = r.doc();
  r.check_keys(doc, {}, {"kind", "name", "description", "claim", "hypotheses", "assert", "recheck", "inputs", "outputs", "rows"});
  Channel w;
  auto names = [&](const char* key, std::vector<std::string>& out) {
    const JsonPath p = JsonPath().key(key);
    const json& a = r.require(key);
    if (!a.is_array() || a.empty()) r.fail(p, "expected a non-empty array of names");
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string() || a[i].get<std::string>().empty()) r.fail(p.index(i), "expected a name, found " + a[i].dump());
      for (const auto& n : out)
        if (n == a[i].get<std::string>()) r.fail(p.index(i), a[i].dump() + " appears twice");
      out.push_back(a[i].get<std::string>());
    }
  };
  names("inputs", w.inputs);
  names("outputs", w.outputs);
  const JsonPath rp = JsonPath().key("rows");
  const json& rows = r.require("rows");
  if (!rows.is_object()) r.fail(rp, "expected an object from input to its output distribution");
  for (const auto& [k, v] : rows.items())
    if (std::find(w.inputs.begin(), w.inputs.end(), k) == w.inputs.end()) r.fail(rp.key(k), "not an input");
  for (const auto& x : w.inputs) {
    auto it = rows.find(x);
    if (it == rows.end()) r.fail(rp, "no row for input " + json_quote(x));
    const JsonPath p = rp.key(x);
    if (!it->is_object() || it->empty()) r.fail(p, "empty row: expected an object from output to probability");
    std::vector<Rational> row(w.outputs.size(), Rational(0));
    Rational total = 0;
    for (const auto& [y, q] : it->items()) {
      auto pos = std::find(w.outputs.begin(), w.outputs.end(), y);
      if (pos == w.outputs.end()) r.fail(p.key(y), "not an output");
      row[static_cast<std::size_t>(pos - w.outputs.begin())] = r.probability(q, p.key(y));
      total += r.probability(q, p.key(y));
    }
    if (total != 1) r.fail({}, p.str() + " sums to " + total.str() + ", not 1");
    w.rows.push_back(row);
  }
  return w;
}

}  // namespace infocert
