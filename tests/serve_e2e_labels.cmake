# Read by ctest after tests/serve_test.cc's discovered tests (tests/CMakeLists.txt): the
# safe copy runs redact, which reads every page by OCR, so they carry both labels, e2e
# and ocr.
if(serve_ocr_tests)
  set_tests_properties(${serve_ocr_tests} PROPERTIES LABELS "e2e;ocr")
endif()
