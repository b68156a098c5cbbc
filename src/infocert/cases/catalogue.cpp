#include "infocert/cases/catalogue.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>

#include "infocert/cases/data_dir.hpp"
#include "infocert/cases/run_claims.hpp"
#include "infocert/error.hpp"

namespace infocert {

std::vector<std::string> claims_of(const std::string& checker) {
  std::vector<std::string> ids;
  for (const auto& c : check::catalogue())
    if (c.checker == checker) ids.push_back(c.id);
  if (ids.empty()) throw std::logic_error("no claims of checker " + checker + " are installed");
  return ids;
}

std::string builtin_case(const std::string& name) { return data_dir() + "/cases/" + name; }

const check::Declarations& declarations(const std::string& checker) {
  static std::mutex lock;
  static std::map<std::string, check::Declarations> read;
  std::lock_guard<std::mutex> guard(lock);
  auto it = read.find(checker);
  if (it == read.end())
    it = read.emplace(checker, read_declarations(data_dir() + "/checkers/" + checker + ".json", checker)).first;
  return it->second;
}

check::Checker declared_checker(const std::string& name, std::function<check::CheckReport(const check::CheckOptions&)> run) {
  const check::Declarations& d = declarations(name);
  // Every checker's claims get their proofs (claim files' "proofs") applied the same way.
  auto with_proofs = [run = std::move(run)](const check::CheckOptions& o) {
    check::CheckReport r = run(o);
    apply_proofs(r);
    return r;
  };
  return {name, d.description, d.title, d.summary, with_proofs};
}

check::CheckReport declared_report(check::Declarations d) {
  check::CheckReport r;
  r.checker = d.checker;
  r.tables = std::move(d.tables);
  r.figures = std::move(d.figures);
  return r;
}

const check::Checker* checker_named(const std::vector<check::Checker>& checkers, std::string_view name) {
  for (const auto& c : checkers)
    if (c.name == name) return &c;
  return nullptr;
}

namespace {
// A claim's procedure is "query" or a checker; anything else is an error at its JSON path.
void check_procedure(const std::string& file, const ClaimSpec& c, const std::vector<check::Checker>& checkers) {
  if (c.info.checker == "query" || checker_named(checkers, c.info.checker)) return;
  std::string known;
  for (const auto& x : checkers) known += (known.empty() ? "" : ", ") + x.name;
  throw InputError(file + ": " + c.at + ".procedure: unknown procedure \"" + c.info.checker + "\" (procedures: " +
                   known + ")");
}
}  // namespace

void load_builtin_claims(const std::vector<check::Checker>& checkers) {
  static std::once_flag once;
  std::call_once(once, [&] {
    const std::string folder = data_dir() + "/claims";
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
      if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    if (ec || files.empty()) throw InputError(folder + ": no claim files (set INFOCERT_DATA_DIR to infocert's data folder)");
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
      ClaimFile f = read_claim_file(file);
      std::vector<check::ClaimInfo> infos;
      for (const ClaimSpec& c : f.claims) {
        check_procedure(file, c, checkers);
        infos.push_back(c.info);
      }
      try {
        check::install_claims(infos);
      } catch (const std::invalid_argument& e) {
        throw InputError(file + ": " + e.what());
      }
    }
  });
}

std::vector<ClaimFile> load_claim_files(const std::vector<std::string>& files, const std::vector<check::Checker>& checkers) {
  load_builtin_claims(checkers);
  std::vector<ClaimFile> out;
  for (const std::string& file : files) {
    ClaimFile f = read_claim_file(file);
    for (const ClaimSpec& c : f.claims) {
      const check::ClaimInfo* known = check::find_claim(c.info.id);
      check_procedure(file, c, checkers);
      if (c.info.checker != "query") {
        if (!known || known->checker != c.info.checker)
          throw InputError(file + ": " + c.at + ".id: the procedure " + c.info.checker + " does not decide a claim " +
                           c.info.id + "; a procedure claim restates one of the procedure's claims (infocert claims "
                           "lists them), a new claim needs a \"conclusion\"");
      } else if (known) {
        throw InputError(file + ": " + c.at + ".id: the claim " + c.info.id + " is already stated in " + known->file +
                         "; choose another id");
      }
    }
    std::vector<check::ClaimInfo> infos;
    for (const ClaimSpec& c : f.claims) infos.push_back(c.info);
    check::install_claims(infos);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<check::CheckReport> run_claim_files(const std::vector<ClaimFile>& files) {
  std::vector<check::CheckReport> out;
  for (const ClaimFile& f : files) {
    bool any = false;
    for (const ClaimSpec& c : f.claims) any = any || c.is_query();
    if (any) {
      out.push_back(run_query_claims(f));
      apply_proofs(out.back());
    }
  }
  return out;
}

std::vector<const check::Checker*> procedures_of(const std::vector<ClaimFile>& files,
                                                 const std::vector<check::Checker>& checkers) {
  std::vector<const check::Checker*> out;
  for (const auto& checker : checkers)
    for (const ClaimFile& f : files)
      for (const ClaimSpec& c : f.claims)
        if (c.info.checker == checker.name && std::find(out.begin(), out.end(), &checker) == out.end())
          out.push_back(&checker);
  return out;
}

}  // namespace infocert
