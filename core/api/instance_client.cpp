#include "api/instance_client.hpp"

#include <algorithm>
#include <charconv>

namespace metal::api {
namespace {

// Pages of one listing in flight at once: enough to fill the pipe, few enough to leave room
// for the user's own clicks and to stay far below the API's rate limit.
constexpr int kConcurrentPages = 4;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

std::int64_t parse_total(const Response& response, std::int64_t fallback) {
  auto header = response.header("X-Total-Count");
  if (!header) return fallback;
  std::int64_t total = 0;
  auto [end, ec] = std::from_chars(header->data(), header->data() + header->size(), total);
  if (ec != std::errc() || end != header->data() + header->size() || total < 0) return fallback;
  return total;
}

// Sends a request and decodes a success body as `Body`; `extract` turns it into the result.
// Failures of any kind arrive as one ApiError that names the request, not its headers.
template <class Body, class T, class Extract>
void send_decoded(Transport& transport, Request request, std::function<void(ApiResult<T>)> done,
                  Extract extract) {
  Request described = request;
  described.headers.clear();
  transport.send(std::move(request), [described = std::move(described), done = std::move(done),
                                      extract = std::move(extract)](Response response) {
    if (!response.ok()) return done(Unexpected{error_from_response(described, response)});
    auto body = model::decode_text<Body>(response.body);
    if (!body) return done(Unexpected{error_from_decode(described, body.error().to_string())});
    done(extract(std::move(body).value(), response));
  });
}

}  // namespace

std::string InstanceClient::zone_base(std::string_view zone) {
  return "/instance/v1/zones/" + url_encode(zone);
}

std::string InstanceClient::list_servers_target(std::string_view zone,
                                                const ServerListQuery& query) {
  return zone_base(zone) + "/servers" +
         build_query({{"organization", query.organization},
                      {"project", query.project},
                      {"name", query.name},
                      {"state", query.state},
                      {"commercial_type", query.commercial_type},
                      {"tags", join(query.tags)},
                      {"servers", join(query.servers)},
                      {"order", query.order},
                      {"page", std::to_string(query.page)},
                      {"per_page", std::to_string(query.per_page)}});
}

Request InstanceClient::make_request(Method method, std::string target, std::string body) const {
  Request request;
  request.method = method;
  request.target = std::move(target);
  request.headers.emplace_back("X-Auth-Token", credentials_.secret_key);
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.body = std::move(body);
  return request;
}

void InstanceClient::list_servers(std::string zone, const ServerListQuery& query,
                                  std::function<void(ApiResult<ServerPage>)> done) {
  const int page = query.page;
  send_decoded<model::ServerList>(
      transport_, make_request(Method::get, list_servers_target(zone, query)), std::move(done),
      [page](model::ServerList list, const Response& response) {
        ServerPage result;
        result.total_count = parse_total(response, static_cast<std::int64_t>(list.servers.size()));
        result.servers = std::move(list.servers);
        result.page = page;
        return result;
      });
}

namespace {
// Shared by the callbacks of one multi-page listing.
struct ListingProgress {
  std::string zone;
  ServerListQuery query;
  std::function<void(ServerPage)> on_page;
  std::function<void(ApiResult<std::int64_t>)> done;
  int last_page = 1;
  int next_page = 2;
  int in_flight = 0;
  std::int64_t total = 0;
  bool finished = false;
};
}  // namespace

void InstanceClient::list_all_servers(std::string zone, ServerListQuery query,
                                      std::function<void(ServerPage)> on_page,
                                      std::function<void(ApiResult<std::int64_t>)> done) {
  auto progress = std::make_shared<ListingProgress>();
  progress->zone = std::move(zone);
  query.page = 1;
  progress->query = std::move(query);
  progress->on_page = std::move(on_page);
  progress->done = std::move(done);

  // Launches pages until kConcurrentPages are in flight or none are left; finishes when all landed.
  auto pump = std::make_shared<std::function<void()>>();
  *pump = [this, progress, weak_pump = std::weak_ptr<std::function<void()>>(pump)]() {
    auto self = weak_pump.lock();
    while (!progress->finished && progress->in_flight < kConcurrentPages &&
           progress->next_page <= progress->last_page) {
      ServerListQuery page_query = progress->query;
      page_query.page = progress->next_page++;
      ++progress->in_flight;
      list_servers(progress->zone, page_query, [progress, self](ApiResult<ServerPage> result) {
        --progress->in_flight;
        if (progress->finished) return;
        if (!result) {
          progress->finished = true;
          return progress->done(Unexpected{result.error()});
        }
        progress->on_page(std::move(result).value());
        (*self)();
      });
    }
    if (!progress->finished && progress->in_flight == 0 &&
        progress->next_page > progress->last_page) {
      progress->finished = true;
      progress->done(progress->total);
    }
  };

  list_servers(progress->zone, progress->query, [progress, pump](ApiResult<ServerPage> result) {
    if (!result) {
      progress->finished = true;
      return progress->done(Unexpected{result.error()});
    }
    const int per_page = std::max(1, progress->query.per_page);
    progress->total = result->total_count;
    progress->last_page =
        static_cast<int>(std::max<std::int64_t>(1, (progress->total + per_page - 1) / per_page));
    progress->on_page(std::move(result).value());
    (*pump)();
  });
}

void InstanceClient::get_server(std::string zone, std::string id,
                                std::function<void(ApiResult<model::Server>)> done) {
  send_decoded<model::ServerEnvelope>(
      transport_, make_request(Method::get, zone_base(zone) + "/servers/" + url_encode(id)),
      std::move(done),
      [](model::ServerEnvelope envelope, const Response&) { return std::move(envelope.server); });
}

void InstanceClient::server_action(std::string zone, std::string id, model::ServerAction action,
                                   std::function<void(ApiResult<model::Task>)> done) {
  const model::Json body{{"action", std::string(model::to_string(action))}};
  send_decoded<model::TaskEnvelope>(
      transport_,
      make_request(Method::post, zone_base(zone) + "/servers/" + url_encode(id) + "/action",
                   body.dump()),
      std::move(done),
      [](model::TaskEnvelope envelope, const Response&) { return std::move(envelope.task); });
}

}  // namespace metal::api
