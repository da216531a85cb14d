#include "iam.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<SshKey, DecodeError> decode_text<SshKey>(std::string_view, std::size_t);
template Expected<SshKeyList, DecodeError> decode_text<SshKeyList>(std::string_view, std::size_t);
template Expected<ApiKey, DecodeError> decode_text<ApiKey>(std::string_view, std::size_t);
template Expected<ApiKeyList, DecodeError> decode_text<ApiKeyList>(std::string_view, std::size_t);

}  // namespace metal::model
