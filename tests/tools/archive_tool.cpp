/// ferry_archive_tool: drives the escrow archive library (core/archive) from shell scripts
/// until the `ferry` CLI wires it in. Keys come from files (-i, -R) and passphrases from an
/// environment variable (--passphrase-env), never from the command line, where `ps` shows
/// them.
///
///     ferry_archive_tool encrypt-dir DIR OUT.age -r age1...
///     ferry_archive_tool decrypt OUT.age RESTORED -i key.txt
///     ferry_archive_tool verify OUT.age -i key.txt
///     ferry_archive_tool list OUT.age -i key.txt

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/archive/escrow.hpp"
#include "core/common/error.hpp"

namespace ferry::archive {
namespace {

/// Command-line values of every subcommand.
struct Options {
  std::string input;
  std::string output;
  std::vector<std::string> recipients;
  std::vector<std::string> recipient_files;
  std::vector<std::string> identity_files;
  std::string passphrase_env;
  unsigned scrypt_log_n = 18;
  unsigned max_scrypt_log_n = 22;
  EscrowOptions escrow;
};

std::string ReadKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read key file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Passphrase(const Options& options) {
  if (options.passphrase_env.empty()) return "";
  const char* value = std::getenv(options.passphrase_env.c_str());
  if (!value || !*value)
    throw PlanError("environment variable " + options.passphrase_env + " is empty or unset");
  return value;
}

AgeRecipients RecipientsOf(const Options& options) {
  AgeRecipients to{options.recipients, Passphrase(options), options.scrypt_log_n};
  for (const std::string& path : options.recipient_files)
    to.recipients.push_back(ReadKeyFile(path));
  return to;
}

AgeIdentities IdentitiesOf(const Options& options) {
  AgeIdentities with{{}, Passphrase(options), options.max_scrypt_log_n};
  for (const std::string& path : options.identity_files)
    with.identities.push_back(ReadKeyFile(path));
  return with;
}

std::uint64_t Resources(const std::vector<ManifestFile>& files) {
  std::uint64_t total = 0;
  for (const ManifestFile& file : files) total += file.count;
  return total;
}

int EncryptDir(const Options& options) {
  auto files =
      WriteEscrowArchive(options.input, options.output, RecipientsOf(options), options.escrow);
  std::cout << "wrote " << options.output << ": " << files.size() << " files, " << Resources(files)
            << " resources\n";
  return 0;
}

int Decrypt(const Options& options) {
  auto files = ReadEscrowArchive(options.input, IdentitiesOf(options), options.output);
  std::cout << "restored " << options.output << ": " << files.size() << " files, "
            << Resources(files) << " resources\n";
  return 0;
}

int Verify(const Options& options) {
  EscrowVerification result = VerifyEscrowArchive(options.input, IdentitiesOf(options));
  for (const std::string& problem : result.problems) std::cout << "mismatch: " << problem << "\n";
  if (!result.problems.empty()) return static_cast<int>(ExitCode::kVerifyMismatch);
  std::cout << "ok: " << result.files.size() << " files, " << Resources(result.files)
            << " resources\n";
  return 0;
}

/// `name` with anything but printable ASCII shown as '?' (names come from the archive).
std::string Printable(std::string name) {
  for (char& c : name) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  return name;
}

int List(const Options& options) {
  for (const TarEntry& entry : ListEscrowArchive(options.input, IdentitiesOf(options))) {
    std::cout << Printable(entry.name) << "\t" << entry.size << "\n";
  }
  return 0;
}

void AddKeyOptions(CLI::App* command, Options& options, bool encrypt) {
  if (encrypt) {
    command->add_option("-r,--recipient", options.recipients, "age1... recipient");
    command->add_option("-R,--recipients-file", options.recipient_files,
                        "file of age1... recipients");
    command->add_option("--scrypt-log-n", options.scrypt_log_n, "passphrase work factor (log2 N)");
    command->add_option("--zstd-level", options.escrow.zstd_level, "zstd level");
    command->add_option("--zstd-workers", options.escrow.zstd_workers, "zstd background threads");
  } else {
    command->add_option("-i,--identity", options.identity_files,
                        "AGE-SECRET-KEY-1... identity file");
    command->add_option("--max-scrypt-log-n", options.max_scrypt_log_n,
                        "highest work factor accepted");
  }
  command->add_option("--passphrase-env", options.passphrase_env,
                      "variable holding the passphrase");
}

int Main(int argc, char** argv) {
  CLI::App app{"Drives Ferry's escrow archive library (a test tool)."};
  app.require_subcommand(1);
  Options options;
  CLI::App* encrypt = app.add_subcommand("encrypt-dir", "archive DIR's NDJSON files to OUT");
  encrypt->add_option("dir", options.input)->required();
  encrypt->add_option("out", options.output)->required();
  AddKeyOptions(encrypt, options, true);
  CLI::App* decrypt = app.add_subcommand("decrypt", "restore IN into the new directory OUT");
  decrypt->add_option("in", options.input)->required();
  decrypt->add_option("out", options.output)->required();
  CLI::App* verify = app.add_subcommand("verify", "check IN against its manifest");
  verify->add_option("in", options.input)->required();
  CLI::App* list = app.add_subcommand("list", "list IN's entries");
  list->add_option("in", options.input)->required();
  for (CLI::App* command : {decrypt, verify, list}) AddKeyOptions(command, options, false);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return static_cast<int>(ExitCode::kUsage);
  }
  if (encrypt->parsed()) return EncryptDir(options);
  if (decrypt->parsed()) return Decrypt(options);
  if (verify->parsed()) return Verify(options);
  return List(options);
}

}  // namespace
}  // namespace ferry::archive

int main(int argc, char** argv) {
  try {
    return ferry::archive::Main(argc, argv);
  } catch (const ferry::Error& error) {
    std::cerr << "ferry_archive_tool: " << error.what() << "\n";
    return static_cast<int>(error.code());
  } catch (const std::exception& error) {
    std::cerr << "ferry_archive_tool: internal error: " << error.what() << "\n";
    return static_cast<int>(ferry::ExitCode::kInternal);
  }
}
