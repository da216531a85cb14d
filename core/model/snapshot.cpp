#include "snapshot.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<SnapshotEnvelope, DecodeError> decode_text<SnapshotEnvelope>(std::string_view,
                                                                               std::size_t);
template Expected<PrivateNicEnvelope, DecodeError> decode_text<PrivateNicEnvelope>(std::string_view,
                                                                                   std::size_t);
template Expected<UserDataKeys, DecodeError> decode_text<UserDataKeys>(std::string_view,
                                                                       std::size_t);
template Expected<SnapshotList, DecodeError> decode_text<SnapshotList>(std::string_view,
                                                                       std::size_t);
template Expected<PrivateNicList, DecodeError> decode_text<PrivateNicList>(std::string_view,
                                                                           std::size_t);

}  // namespace metal::model
