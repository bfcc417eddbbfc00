# Read by ctest after tests/browser_test.cc's discovered tests (tests/CMakeLists.txt): they
# carry both labels, e2e and browser.
if(browser_tests_TESTS)
  set_tests_properties(${browser_tests_TESTS} PROPERTIES LABELS "e2e;browser")
endif()
