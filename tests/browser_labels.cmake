# Read by ctest after tests/browser_test.cc's discovered tests (tests/CMakeLists.txt): they
# carry three labels: e2e, browser, and ocr, since a safe copy's pages are read by Tesseract.
if(browser_tests_TESTS)
  set_tests_properties(${browser_tests_TESTS} PROPERTIES LABELS "e2e;browser;ocr")
endif()
