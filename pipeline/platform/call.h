// pipeline/platform/call.h — the one format in which work done in a child process
// (sandbox.h) sends its results back.
//
// Every frame is CBOR of one JSON object with one key:
//   {"i": item}                              one item of a stream (a page, an archive entry), in
//   order
//   {"v": value}                             the work's result: the last frame of work that
//   finished
//   {"e": {"code": n, "message": "..."}}     the work failed, with a Status: the last frame
// A Spawner's request is CBOR of the request's own JSON (EncodeRequest, ReadRequest).
// Items and values travel through their own to_json and from_json (pipeline/core/model_json.h
// for the model's types), so a new reader writes no format of its own.
//
// The parent decodes what came back into a Reply: the items, then the value or the
// error, and how the child ended. A child met a hostile file, so a frame that cannot be
// read as this format says costs only that child's work: decoding stops there and the
// Reply says so (`garbled`); nothing is thrown.
#ifndef QPM_PIPELINE_PLATFORM_CALL_H_
#define QPM_PIPELINE_PLATFORM_CALL_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "pipeline/core/model_json.h"
#include "pipeline/core/status.h"
#include "pipeline/platform/sandbox.h"

namespace qpm::sandbox {

// The child's side.
template <typename T>
void SendItem(Channel& channel, const T& item) {
  channel.Send(ToCbor(nlohmann::json{{"i", item}}));
}

template <typename T>
void SendValue(Channel& channel, const T& value) {
  channel.Send(ToCbor(nlohmann::json{{"v", value}}));
}

inline void SendError(Channel& channel, const Status& status) {
  channel.Send(ToCbor(nlohmann::json{
      {"e", {{"code", static_cast<int>(status.code())}, {"message", status.message()}}}}));
}

template <typename T>
void SendResult(Channel& channel, const Result<T>& result) {
  if (result.ok()) {
    SendValue(channel, result.value());
  } else {
    SendError(channel, result.status());
  }
}

// A request for a Spawner's reader (sandbox.h), in the same form: the request's
// own to_json. ReadRequest gives nothing for bytes that are not such a request.
template <typename Req>
std::string EncodeRequest(const Req& request) {
  return ToCbor(nlohmann::json(request));
}

template <typename Req>
std::optional<Req> ReadRequest(std::string_view bytes) {
  nlohmann::json j = FromCbor(std::string(bytes));
  if (j.is_discarded()) return std::nullopt;
  try {
    return j.get<Req>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// The item type of work that sends no items.
struct NoItems {};
inline void to_json(nlohmann::json& j, const NoItems&) { j = nullptr; }
inline void from_json(const nlohmann::json&, NoItems&) {}

// The parent's side: what a child sent, decoded.
template <typename Item, typename Value>
struct Reply {
  std::vector<Item> items;      // every item, in the order sent
  std::optional<Value> value;   // the result, when the work finished
  std::optional<Status> error;  // the work's own failure, when it sent one
  // A frame could not be read as this format says (not CBOR, not one of the three
  // forms, or an item or value that does not fit its type): what came before it is
  // kept, nothing after it is read.
  bool garbled = false;
  Outcome outcome;  // how the child ended; its frames are consumed

  // The work said how it ended: a value or an error.
  bool answered() const { return value.has_value() || error.has_value(); }
};

// A status a child sent: a code outside the known ones is read as kCrashed, since
// only a broken reader sends one.
inline Status StatusFromChild(int code, std::string message) {
  if (code <= static_cast<int>(StatusCode::kOk) ||
      code > static_cast<int>(StatusCode::kInterrupted)) {
    return Status(StatusCode::kCrashed, std::move(message));
  }
  return Status(static_cast<StatusCode>(code), std::move(message));
}

template <typename Item, typename Value>
Reply<Item, Value> Decode(Outcome&& outcome) {
  Reply<Item, Value> reply;
  std::vector<std::string> frames = std::move(outcome.frames);
  reply.outcome = std::move(outcome);
  reply.outcome.frames.clear();
  for (std::string& frame : frames) {
    nlohmann::json j = FromCbor(frame);
    std::string().swap(frame);  // each frame's bytes go as soon as it is read
    try {
      if (j.is_discarded() || !j.is_object() || j.size() != 1 || reply.answered()) {
        reply.garbled = true;
      } else if (auto i = j.find("i"); i != j.end()) {
        reply.items.push_back(i->get<Item>());
      } else if (auto v = j.find("v"); v != j.end()) {
        reply.value = v->get<Value>();
      } else if (auto e = j.find("e"); e != j.end()) {
        reply.error =
            StatusFromChild(e->at("code").get<int>(), e->at("message").get<std::string>());
      } else {
        reply.garbled = true;
      }
    } catch (const nlohmann::json::exception&) {
      reply.garbled = true;
    }
    if (reply.garbled) break;
  }
  return reply;
}

// The Status of a reply with no value: the work's own error, else how the child
// ended. `what` names the work in the message: "the form reader".
template <typename Item, typename Value>
Status Failure(const Reply<Item, Value>& reply, const Budget& budget, const std::string& what) {
  if (reply.error) return *reply.error;
  switch (reply.outcome.end) {
    case End::kInterrupted:
      return Status(StatusCode::kInterrupted, "interrupted");
    case End::kTimedOut:
      return Status(StatusCode::kTimeout, what + " " + reply.outcome.Describe(budget));
    case End::kFinished:
      return Status(StatusCode::kCrashed,
                    what + (reply.garbled ? " sent back something that could not be read"
                                          : " ended without an answer"));
    default:
      return Status(StatusCode::kCrashed, what + " " + reply.outcome.Describe(budget));
  }
}

// Runs `work` in a child within `budget` and returns its result as if it had run
// here. Fails as `work` does, or with kTimeout, kInterrupted or kCrashed.
template <typename T>
Result<T> Call(const std::function<Result<T>()>& work, const Budget& budget,
               const std::string& what) {
  Reply<NoItems, T> reply = Decode<NoItems, T>(
      RunOne([&work](Channel& channel) { SendResult(channel, work()); }, budget));
  if (reply.value && !reply.garbled) return std::move(*reply.value);
  return Failure(reply, budget, what);
}

}  // namespace qpm::sandbox

// A stream whose items are of more than one kind (a reader that first says what a
// file is, then sends its parts) sends a std::variant of them, as [which kind,
// its value]. A kind out of range does not fit the type, as any other mismatch.
namespace nlohmann {
template <typename... Ts>
struct adl_serializer<std::variant<Ts...>> {
  template <typename Json>
  static void to_json(Json& j, const std::variant<Ts...>& v) {
    std::visit([&j, &v](const auto& x) { j = Json::array({v.index(), Json(x)}); }, v);
  }
  template <typename Json>
  static void from_json(const Json& j, std::variant<Ts...>& v) {
    if (!j.is_array() || j.size() != 2) {
      throw detail::type_error::create(302, "a variant is [kind, value]", &j);
    }
    Read(j[1], j[0].template get<size_t>(), v, std::index_sequence_for<Ts...>{});
  }

 private:
  template <typename Json, size_t... I>
  static void Read(const Json& j, size_t which, std::variant<Ts...>& v, std::index_sequence<I...>) {
    bool known = ((which == I && (v.template emplace<I>(j.template get<Ts>()), true)) || ...);
    if (!known) throw detail::out_of_range::create(401, "no such kind in the variant", &j);
  }
};
}  // namespace nlohmann

#endif  // QPM_PIPELINE_PLATFORM_CALL_H_
