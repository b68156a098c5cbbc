#include "infocert/cases/write.hpp"

#include <nlohmann/json.hpp>

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
json state_model_json(const StateModel& m) {
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

json mixture_json(const std::vector<StateModel>& models, const std::vector<Rational>& weights, unsigned tokens) {
  json comps = json::array();
  for (std::size_t i = 0; i < models.size(); ++i) {
    json c = {{"weight", weights[i].str()}, {"model", state_model_json(models[i])}};
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

json detail_to_json(const check::Detail& d) {
  if (d.is_list()) {
    json a = json::array();
    for (const auto& x : d.items()) a.push_back(detail_to_json(x));
    return a;
  }
  if (d.is_object()) {
    json o = json::object();
    for (const auto& [k, v] : d.members()) o[k] = detail_to_json(v);
    return o;
  }
  using K = check::Cell::Kind;
  const check::Cell& c = d.cell();
  switch (c.kind()) {
    case K::empty: return nullptr;
    case K::integer: return c.integer();
    case K::boolean: return c.boolean();
    case K::text: return c.text();
    case K::rational: return c.rational_value().str();
    case K::value: case K::form: case K::form_value: return c.log_form().str();
    default: throw std::logic_error("a case file holds exact values only");
  }
}

check::Detail json_to_detail(const json& j) {
  if (j.is_array()) {
    check::Detail d = check::Detail::list();
    for (const auto& x : j) d.push(json_to_detail(x));
    return d;
  }
  if (j.is_object()) {
    check::Detail d = check::Detail::object();
    for (const auto& [k, v] : j.items()) d.set(k, json_to_detail(v));
    return d;
  }
  if (j.is_null()) return check::Detail();
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_integer()) return j.get<long long>();
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

}  // namespace

struct CaseDocument::Doc {
  json value;
};

CaseDocument::CaseDocument(std::unique_ptr<Doc> doc) : doc_(std::move(doc)) {}
CaseDocument::CaseDocument(const CaseDocument& other) : doc_(std::make_unique<Doc>(*other.doc_)) {}
CaseDocument& CaseDocument::operator=(const CaseDocument& other) {
  doc_ = std::make_unique<Doc>(*other.doc_);
  return *this;
}
CaseDocument::~CaseDocument() = default;

CaseDocument CaseDocument::joint(const JointDistribution& p, const std::string& description) {
  return CaseDocument(std::make_unique<Doc>(Doc{joint_to_case(p, description)}));
}

CaseDocument CaseDocument::state_model(const StateModel& m) {
  return CaseDocument(std::make_unique<Doc>(Doc{state_model_json(m)}));
}

CaseDocument CaseDocument::mixture(const std::vector<StateModel>& models, const std::vector<Rational>& weights,
                                   unsigned tokens) {
  return CaseDocument(std::make_unique<Doc>(Doc{mixture_json(models, weights, tokens)}));
}

CaseDocument CaseDocument::inlined(const std::string& file) {
  return CaseDocument(std::make_unique<Doc>(Doc{inline_model_files(load_case_document(file), file)}));
}

CaseDocument CaseDocument::from_text(const std::string& text, const std::string& name) {
  return CaseDocument(std::make_unique<Doc>(Doc{parse_json_text(text, name)}));
}

CaseDocument& CaseDocument::set(const std::string& key, const check::Detail& value) {
  doc_->value[key] = detail_to_json(value);
  return *this;
}

std::string CaseDocument::text() const { return doc_->value.dump(2) + "\n"; }

check::Detail CaseDocument::detail() const { return json_to_detail(doc_->value); }

}  // namespace infocert
