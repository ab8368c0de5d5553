#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  const int code = claimcheck::cli::Run(args, std::cin, std::cout, std::cerr);
  std::cout.flush();
  return std::cout.good() ? code : claimcheck::cli::kExitError;
}
