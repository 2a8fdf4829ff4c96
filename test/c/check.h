/* A tiny test harness for the C core: CHECK records a failure and goes on;
 * each test file's main() calls RUN(test_fn) and returns check_report(). */
#ifndef GV_CHECK_H
#define GV_CHECK_H
#include <stdio.h>
#include <string.h>

static int check_failures, check_count;

#define CHECK(cond)                                                            \
  do {                                                                         \
    check_count++;                                                             \
    if (!(cond)) {                                                             \
      check_failures++;                                                        \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_STR(a, b)                                                        \
  do {                                                                         \
    const char *a_ = (a), *b_ = (b);                                           \
    check_count++;                                                             \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                   \
      check_failures++;                                                        \
      fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n", __FILE__,        \
              __LINE__, b_ ? b_ : "(null)", a_ ? a_ : "(null)");               \
    }                                                                          \
  } while (0)

#define RUN(fn)                                                                \
  do {                                                                         \
    int before_ = check_failures;                                              \
    fn();                                                                      \
    fprintf(stderr, "%s %s\n", check_failures == before_ ? "ok  " : "FAIL", #fn); \
  } while (0)

static inline int check_report(const char *name) {
  printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
  return check_failures ? 1 : 0;
}
#endif
