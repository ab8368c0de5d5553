// The subcommand table and the glue between layers. Only main() exits.
#ifndef CLAIMCHECK_CLI_COMMANDS_H_
#define CLAIMCHECK_CLI_COMMANDS_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace claimcheck::cli {

/// Exit codes of DESIGN.md §6.
enum ExitCode : int { kExitOk = 0, kExitFindings = 1, kExitError = 2 };

/// Runs the command line (without argv[0]) with the given streams; returns the
/// exit code.
int Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLI_COMMANDS_H_
