#pragma once
/// Test helper: starts tests/servers/scripted_http.py on 127.0.0.1 (port chosen by the
/// OS), scripts its routes, reads back what it received, and kills it when destroyed.
///
///     ScriptedServer server;
///     server.Script(R"({"routes": {"/a": [{"status": 503}, {"status": 200, "body": "ok"}]}})");
///     auto response = client.Send({.url = server.Url("/a")});
///     rapidjson::Document log = server.Log();   // one object per request received

#include <rapidjson/document.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "adapters/http/http_client.hpp"

namespace ferry::test {

class ScriptedServer {
 public:
  /// Plain HTTP; or HTTPS with `cert_file`/`key_file` (PEM), trusted by the control client.
  explicit ScriptedServer(const std::string& cert_file = "", const std::string& key_file = "")
      : scheme_(cert_file.empty() ? "http" : "https"), control_(ControlOptions(cert_file)) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      std::string script = std::string(FERRY_SOURCE_DIR) + "/tests/servers/scripted_http.py";
      if (cert_file.empty())
        execlp("python3", "python3", script.c_str(), static_cast<char*>(nullptr));
      else
        execlp("python3", "python3", script.c_str(), "--tls", cert_file.c_str(), key_file.c_str(),
               static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    std::FILE* out = fdopen(fds[0], "r");
    char line[32] = {};
    if (out == nullptr || std::fgets(line, sizeof line, out) == nullptr) {
      Stop();
      throw std::runtime_error("scripted_http.py did not start");
    }
    std::fclose(out);
    port_ = std::stoi(line);
  }
  ~ScriptedServer() { Stop(); }
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  std::string Url(const std::string& path) const {
    return scheme_ + "://127.0.0.1:" + std::to_string(port_) + path;
  }

  void Script(const std::string& json) {
    http::Request request;
    request.method = "POST";
    request.url = Url("/_script");
    request.body = json;
    if (control_.Send(std::move(request)).status != 204) throw std::runtime_error("scripting the server failed");
  }

  rapidjson::Document Log() {
    http::Request request;
    request.url = Url("/_log");
    http::Response response = control_.Send(std::move(request));
    rapidjson::Document log;
    log.Parse(response.body.c_str());
    if (log.HasParseError() || !log.IsArray()) throw std::runtime_error("bad /_log");
    return log;
  }

 private:
  static http::ClientOptions ControlOptions(const std::string& cert_file) {
    http::ClientOptions options;
    options.ca_bundle = cert_file;
    return options;
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  std::string scheme_;
  pid_t pid_ = -1;
  int port_ = 0;
  http::Client control_;
};

}  // namespace ferry::test
