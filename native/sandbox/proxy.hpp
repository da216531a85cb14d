#pragma once
// metal-sandbox --proxy URL: API paths go to a real API (or another sandbox) and come back as
// they are, so a browser console served by the sandbox reaches that API from its own origin.

#include <string>

#include "api/http.hpp"

namespace metal::native {

/// Once, before threads start (libcurl's global state).
void init_proxy();

/// Sends `request` to `base` + its target, blocking the calling thread; a failure to reach the
/// upstream API is a 502 in the API's error shape (the key never appears in it).
api::Response forward_request(const std::string& base, const api::Request& request, bool insecure);

}  // namespace metal::native
