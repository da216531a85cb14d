# Nearly every file of the project includes simdjson.h and nlohmann/json.hpp (through
# model/json_codec.hpp); parsing them and instantiating their templates was most of each file's
# compile (~6 s of 6-12 s under g++ -O2 -g, a 40-minute `./metal test` on two cores). The core's
# libraries, metal-sandbox and the test programs compile as unity builds: a few files per
# translation unit, so that work is done once per batch. File-local names therefore must not
# repeat within a target; helpers that several tests need live in tests/support/.
function(metal_unity_build target)
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
endfunction()
