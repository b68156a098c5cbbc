#pragma once
/// Sequence models written back as self-contained case files (for counterexamples).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "infocert/models/state_model.hpp"

namespace infocert {

/// A Markov chain as kind markov; any other state model as kind am, with a row for every
/// context reachable from the start (contexts are the state names).
nlohmann::json state_model_to_case(const StateModel& m);
/// A finite mixture (kind mixture) with inline component models.
nlohmann::json mixture_to_case(const std::vector<StateModel>& models, const std::vector<Rational>& weights, unsigned tokens);
/// The case document with every {"file": ...} component replaced by its model, inline,
/// so the document stands on its own (paths are relative to `file`).
nlohmann::json inline_model_files(nlohmann::json doc, const std::string& file);

}  // namespace infocert
