#pragma once
// metal-sandbox as a child process for tests: started with the given flags, its printed keys and
// URL read back, stopped with SIGTERM and reaped at the end.

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "sim/world.hpp"

namespace metal::test {

class SandboxProcess {
 public:
  explicit SandboxProcess(std::vector<std::string> args) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(METAL_SANDBOX_BIN));
      for (auto& a : args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(METAL_SANDBOX_BIN, argv.data());
      _exit(127);
    }
    close(out[1]);
    output_ = fdopen(out[0], "r");
    char line[512];
    while (std::fgets(line, sizeof line, output_)) {
      const std::string text(line);
      if (text.starts_with("key ")) {
        sim::ApiKey key;
        key.secret_key = text.substr(4, text.find(' ', 4) - 4);
        auto field = [&](const std::string& name) {
          const auto at = text.find(" " + name + "=");
          if (at == std::string::npos) return std::string();
          const auto from = at + name.size() + 2;
          return text.substr(from, text.find_first_of(" \n", from) - from);
        };
        key.organization_id = field("org");
        key.project_id = field("project");
        keys_.push_back(key);
      } else if (text.starts_with("listening on ")) {
        url_ = text.substr(13);
        while (!url_.empty() && (url_.back() == '\n' || url_.back() == '\r'))
          url_.pop_back();
        break;
      }
    }
    REQUIRE_FALSE(url_.empty());
  }
  ~SandboxProcess() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::fclose(output_);
  }
  const std::string& url() const { return url_; }
  const std::vector<sim::ApiKey>& keys() const { return keys_; }

 private:
  pid_t pid_ = -1;
  FILE* output_ = nullptr;
  std::string url_;
  std::vector<sim::ApiKey> keys_;
  int exit_status_ = -1;
};

}  // namespace metal::test
