#include "security_group.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<SecurityGroupEnvelope, DecodeError> decode_text<SecurityGroupEnvelope>(
    std::string_view, std::size_t);
template Expected<SecurityGroupList, DecodeError> decode_text<SecurityGroupList>(std::string_view,
                                                                                 std::size_t);
template Expected<SecurityGroupRuleEnvelope, DecodeError> decode_text<SecurityGroupRuleEnvelope>(
    std::string_view, std::size_t);
template Expected<SecurityGroupRuleList, DecodeError> decode_text<SecurityGroupRuleList>(
    std::string_view, std::size_t);

}  // namespace metal::model
