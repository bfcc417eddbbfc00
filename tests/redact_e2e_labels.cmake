# Read by ctest after tests/redact_e2e_test.cc's discovered tests (tests/CMakeLists.txt):
# they carry both labels, e2e and ocr.
if(redact_e2e_tests_TESTS)
  set_tests_properties(${redact_e2e_tests_TESTS} PROPERTIES LABELS "e2e;ocr")
endif()
