#pragma once
/// Case files: JSON documents with exact probabilities as strings, validated before use.
/// Every violation throws InputError("FILE: PATH: message") naming the file and JSON path.
#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

#include "infocert/cases/json_path.hpp"
#include "infocert/distribution/joint.hpp"
#include "infocert/error.hpp"
#include "infocert/exact/rational.hpp"

namespace infocert {

/// Largest case file read (bytes).
inline constexpr std::size_t kMaxCaseFileBytes = std::size_t(64) << 20;

/// Reads and parses a JSON file: malformed JSON reports line and column, duplicate keys
/// and files over kMaxCaseFileBytes are errors.
nlohmann::json read_json_file(const std::string& file);
/// Reads a regular file of at most kMaxCaseFileBytes as text (a folder, a FIFO, a device or
/// a larger file is an InputError naming it).
std::string read_text_file(const std::string& file);
/// Parses JSON text with the same checks; `file` names it in messages.
nlohmann::json parse_json_text(const std::string& text, const std::string& file);

/// The context of one case document for validation messages.
class CaseReader {
 public:
  CaseReader(std::string file, const nlohmann::json& doc) : file_(std::move(file)), doc_(doc) {}
  const std::string& file() const { return file_; }
  const nlohmann::json& doc() const { return doc_; }

  [[noreturn]] void fail(const JsonPath& path, const std::string& message) const;
  /// The same for an error from a computation on the file: a budget stays a budget (exit 3).
  [[noreturn]] void fail(const JsonPath& path, const InputError& e) const;
  /// Rejects keys of `object` (at `path`) outside `allowed`.
  void check_keys(const nlohmann::json& object, const JsonPath& path,
                  std::initializer_list<const char*> allowed) const;
  /// The member `key` of the root object; an error when it is missing.
  const nlohmann::json& require(const char* key) const;
  /// The case kind ("joint", ...).
  std::string kind() const;
  /// An exact rational from a string ("1/3", "0.25") or a JSON integer.
  Rational rational(const nlohmann::json& v, const JsonPath& path) const;
  /// A rational in [0, 1].
  Rational probability(const nlohmann::json& v, const JsonPath& path) const;

 private:
  std::string file_;
  const nlohmann::json& doc_;
};

/// Loads a case file and returns its root object, with `kind` checked to be a string.
/// Throws InputError.
nlohmann::json load_case_document(const std::string& file);

/// A `joint` case: variables, optional alphabets, pmf over outcomes "s1 s2 ...".
JointDistribution joint_from_case(const CaseReader& reader);
/// Loads FILE, which must be a case of kind `joint`.
JointDistribution load_joint_case(const std::string& file);

/// The case-file JSON of a joint distribution (kind joint), canonical and deterministic.
nlohmann::json joint_to_case(const JointDistribution& p, const std::string& description = "");

}  // namespace infocert
