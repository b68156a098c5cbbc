#pragma once
/// Opens any case file as something queries can be evaluated on: a joint distribution, or
/// a sequence model with its horizon (the joint law of its latents and tokens).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "infocert/distribution/joint.hpp"
#include "infocert/query/query.hpp"
#include "infocert/engine/enumerate.hpp"
#include "infocert/models/latent_mixture.hpp"

namespace infocert {

struct OpenCase {
  std::string file;
  std::string kind;
  std::optional<JointDistribution> joint;
  std::optional<LatentMixture> sequence;
  std::unique_ptr<InfoSource> source;
  std::vector<Query> default_queries;       ///< what `measure` shows without --query
  std::vector<std::string> notes;            ///< limits of the model (printed with results)
};

/// Loads and validates FILE. Horizon options apply to sequence models only; giving them
/// for a joint case is an error. Throws InputError naming the file.
std::unique_ptr<OpenCase> open_case(const std::string& file, const HorizonOptions& horizon,
                                    double max_work = kDefaultMaxWork);

}  // namespace infocert
