#pragma once
// The definition of decode_text<T>, for the .cpp files that instantiate it:
//   template Expected<ServerList, DecodeError> decode_text<ServerList>(std::string_view,
//                                                                      std::size_t);

#include "json_codec.hpp"

namespace metal::model {

namespace detail {
// Runs `read_root` on the document's root value; reports malformed text and trailing content.
Expected<bool, DecodeError> decode_root(std::string_view text, std::size_t readable,
                                        void (*read_root)(Decoder&, JsonValue, void*), void* out);
}  // namespace detail

// A thread's parser (and its buffers) is reused across calls.
template <class T>
Expected<T, DecodeError> decode_text(std::string_view text, std::size_t readable) {
  T value{};
  auto done = detail::decode_root(
      text, readable,
      [](Decoder& d, JsonValue root, void* target) { read(d, root, *static_cast<T*>(target)); },
      &value);
  if (!done) return Unexpected{done.error()};
  return value;
}

}  // namespace metal::model
