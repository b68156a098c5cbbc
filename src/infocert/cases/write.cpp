#include "infocert/cases/write.hpp"

#include <algorithm>
#include <filesystem>

#include "infocert/cases/case_file.hpp"
#include "infocert/models/chain_properties.hpp"

namespace infocert {

using nlohmann::json;

namespace {
json row_of(const StateModel& m, std::size_t s) {
  json row = json::object();
  for (std::size_t x = 0; x < m.alphabet.size(); ++x) row[m.alphabet[x]] = m.emit[s][x].str();
  return row;
}
}  // namespace

json state_model_to_case(const StateModel& m) {
  json doc = json::object();
  doc["alphabet"] = m.alphabet;
  if (is_markov(m)) {
    doc["kind"] = "markov";
    doc["start"] = m.alphabet[m.initial];
    json t = json::object();
    for (std::size_t s = 0; s < m.emit.size(); ++s) t[m.alphabet[s]] = row_of(m, s);
    doc["transition"] = t;
    return doc;
  }
  doc["kind"] = "am";
  std::size_t k = 0;
  for (const auto& name : m.states)
    if (!name.empty()) k = std::max<std::size_t>(k, static_cast<std::size_t>(std::count(name.begin(), name.end(), ' ')) + 1);
  doc["horizon"] = k;
  json t = json::object();
  // A reachable context without a law (a tree model reaches it only after its last token)
  // gets the uniform law, so the file loads; it never acts within the model's horizon.
  StateModel filled = m;
  for (bool changed = true; changed;) {
    changed = false;
    auto reach = reachable_states(filled);
    for (std::size_t s = 0; s < filled.emit.size(); ++s) {
      bool empty = std::all_of(filled.emit[s].begin(), filled.emit[s].end(), [](const Rational& q) { return q == 0; });
      if (reach[s] && empty) {
        filled.emit[s].assign(m.alphabet.size(), Rational(1, static_cast<long>(m.alphabet.size())));
        changed = true;
      }
    }
  }
  auto reach = reachable_states(filled);
  for (std::size_t s = 0; s < filled.emit.size(); ++s)
    if (reach[s]) t[filled.states[s]] = row_of(filled, s);
  doc["table"] = t;
  return doc;
}

json mixture_to_case(const std::vector<StateModel>& models, const std::vector<Rational>& weights, unsigned tokens) {
  json comps = json::array();
  for (std::size_t i = 0; i < models.size(); ++i) {
    json c = {{"weight", weights[i].str()}, {"model", state_model_to_case(models[i])}};
    if (!models[i].name.empty()) c["name"] = models[i].name;
    comps.push_back(c);
  }
  return {{"kind", "mixture"}, {"components", comps}, {"tokens", tokens}};
}

json inline_model_files(json doc, const std::string& file) {
  const auto dir = std::filesystem::path(file).parent_path();
  for (const char* list : {"components", "pool"}) {
    if (!doc.contains(list) || !doc[list].is_array()) continue;
    for (auto& entry : doc[list]) {
      if (!entry.is_object() || !entry.contains("file")) continue;
      std::filesystem::path f = entry["file"].get<std::string>();
      if (f.is_relative()) f = dir / f;
      json model = load_case_document(f.string());
      for (const char* drop : {"description", "tokens", "name", "claim"}) model.erase(drop);
      entry.erase("file");
      entry["model"] = model;
    }
  }
  return doc;
}

}  // namespace infocert
