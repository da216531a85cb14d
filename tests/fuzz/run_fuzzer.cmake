# cmake -DFUZZER=bin -DSEEDS=dir -DHTTP_SEEDS=dir -DWORK=dir -DSECONDS=n -P run_fuzzer.cmake
# A fresh corpus seeded with every recorded body, a bounded run, findings kept beside it.
file(REMOVE_RECURSE "${WORK}/corpus")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/findings")
file(GLOB_RECURSE seeds "${SEEDS}/scaleway/*.json" "${SEEDS}/prometheus/*.json" "${HTTP_SEEDS}/*.http"
     "${HTTP_SEEDS}/*.route")
foreach(seed IN LISTS seeds)
  get_filename_component(name "${seed}" NAME)
  file(COPY_FILE "${seed}" "${WORK}/corpus/${name}")
endforeach()
execute_process(
  COMMAND "${FUZZER}" "${WORK}/corpus" -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 "-artifact_prefix=${WORK}/findings/"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the fuzzer found a problem: the input is in ${WORK}/findings/")
endif()
