#include "cli/archive.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/common.hpp"
#include "cli/exit.hpp"
#include "core/archive/escrow.hpp"
#include "core/common/error.hpp"

namespace ferry::cli {

namespace {

/// Command-line values of `ferry archive verify` and `ferry archive list`.
struct Options {
  std::string archive;
  std::vector<std::string> identity_files;
  std::string passphrase_env;
};

std::string ReadIdentityFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PlanError("cannot read identity file " + path + "; check the path and its permissions");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The keys to open the archive with; exactly one kind, never echoed.
archive::AgeIdentities IdentitiesOf(const Options& options) {
  if (options.identity_files.empty() && options.passphrase_env.empty())
    throw PlanError("give the key: --identity FILE or --passphrase-env NAME");
  archive::AgeIdentities with;
  for (const std::string& path : options.identity_files) with.identities.push_back(ReadIdentityFile(path));
  if (!options.passphrase_env.empty()) {
    const char* value = std::getenv(options.passphrase_env.c_str());
    if (value == nullptr || *value == '\0')
      throw PlanError("environment variable " + options.passphrase_env + " is empty or unset; export the passphrase in it");
    with.passphrase = value;
  }
  return with;
}

std::uint64_t Resources(const std::vector<archive::ManifestFile>& files) {
  std::uint64_t total = 0;
  for (const archive::ManifestFile& file : files) total += file.count;
  return total;
}

/// `name` with anything but printable ASCII shown as '?' (names come from the archive).
std::string Printable(std::string name) {
  for (char& c : name) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  return name;
}

int RunVerify(const Options& options) {
  archive::EscrowVerification result = archive::VerifyEscrowArchive(options.archive, IdentitiesOf(options));
  for (const std::string& problem : result.problems) std::printf("mismatch: %s\n", problem.c_str());
  if (!result.problems.empty()) {
    Say("archive verify: " + options.archive + " does not match its manifest");
    return static_cast<int>(ExitCode::kVerifyMismatch);
  }
  std::printf("ok: %zu files, %llu resources\n", result.files.size(),
              static_cast<unsigned long long>(Resources(result.files)));
  return static_cast<int>(ExitCode::kOk);
}

int RunList(const Options& options) {
  for (const archive::TarEntry& entry : archive::ListEscrowArchive(options.archive, IdentitiesOf(options))) {
    std::printf("%s\t%llu\n", Printable(entry.name).c_str(), static_cast<unsigned long long>(entry.size));
  }
  return static_cast<int>(ExitCode::kOk);
}

/// Adds ARCHIVE and the mutually exclusive key options to `command`.
void AddArchiveOptions(CLI::App* command, Options& options) {
  command->add_option("archive", options.archive, "The escrow archive (.age)")->required()->check(CLI::ExistingFile);
  CLI::Option* identity =
      command->add_option("-i,--identity", options.identity_files, "File with an AGE-SECRET-KEY-1... identity")
          ->check(CLI::ExistingFile);
  CLI::Option* passphrase = command->add_option("--passphrase-env", options.passphrase_env,
                                                "Environment variable that holds the passphrase");
  identity->excludes(passphrase);
  passphrase->excludes(identity);
}

}  // namespace

void SetupArchive(CLI::App& app) {
  CLI::App* group = app.add_subcommand("archive", "Check and list encrypted escrow archives");
  group->footer(R"(Archives are written by a plan whose target is the archive adapter (see ferry adapters).

Examples:
  ferry archive verify escrow.age --identity key.txt
  ferry archive list escrow.age --identity key.txt)");
  group->require_subcommand(1);
  auto options = std::make_shared<Options>();

  CLI::App* verify = group->add_subcommand("verify", "Decrypt an archive to its end and check it against its manifest");
  AddArchiveOptions(verify, *options);
  verify->footer(R"(Decrypts the archive without writing anything and checks each NDJSON file's size,
SHA-256 and count against manifest.json. Keys come from files and passphrases from the
environment, never from the command line; neither is ever printed.

Examples:
  ferry archive verify escrow.age --identity key.txt
  FERRY_PASS=... ferry archive verify escrow.age --passphrase-env FERRY_PASS

Exit status: 0 the archive is intact; 3 it cannot be read or the key does not open it;
4 its files do not match its manifest.)");
  verify->callback([options] { throw ExitWith(RunVerify(*options)); });

  CLI::App* list = group->add_subcommand("list", "List an archive's entries (name and size)");
  AddArchiveOptions(list, *options);
  list->footer(R"(Prints one line per entry, `NAME<TAB>BYTES`, after reading the archive to its
authenticated end.

Examples:
  ferry archive list escrow.age --identity key.txt
  ferry archive list escrow.age --passphrase-env FERRY_PASS

Exit status: 0 ok; 3 the archive cannot be read or the key does not open it.)");
  list->callback([options] { throw ExitWith(RunList(*options)); });
}

}  // namespace ferry::cli
