/* Number parsing and formatting: every formatted double reads back bit for
 * bit, the text is as short as the shortest %.Ng that reads back, and the
 * parser agrees with strtod (correct rounding) on random decimals. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "geovec.h"

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return rng;
}

static double from_bits(uint64_t b) {
  double v;
  memcpy(&v, &b, 8);
  return v;
}

/* The fewest significant digits N (1..17) for which %.Ng reads back as v. */
static int shortest_len(double v) {
  char buf[64];
  for (int p = 1; p <= 17; p++) {
    snprintf(buf, sizeof buf, "%.*g", p, v);
    if (strtod(buf, NULL) == v) return p;
  }
  return 17;
}

static int sig_digits(const char *s) {
  /* significant digits of a decimal text (no exponent part counted) */
  int digits = 0, seen = 0, trailing_zeros = 0;
  for (; *s && *s != 'e' && *s != 'E'; s++) {
    if (*s == '.') continue;
    if (*s < '0' || *s > '9') continue;
    if (*s != '0') seen = 1;
    if (!seen) continue;
    digits++;
    trailing_zeros = *s == '0' ? trailing_zeros + 1 : 0;
  }
  return digits - trailing_zeros > 0 ? digits - trailing_zeros : 1;
}

static void check_value(double v) {
  char buf[GV_NUMBER_ROOM];
  int n = gv_format_double(v, buf);
  double back;
  size_t k = gv_parse_double(buf, (size_t)n, 1, &back);
  int ok = k == (size_t)n && memcmp(&back, &v, 8) == 0;
  if (!ok) fprintf(stderr, "round trip of %.17g gave \"%s\"\n", v, buf);
  CHECK(ok);
  int want = shortest_len(v), got = sig_digits(buf);
  if (got > want) fprintf(stderr, "%.17g written as \"%s\" (%d digits, %d possible)\n", v, buf, got, want);
  CHECK(got <= want);
}

static void test_format_random_bits(void) {
  for (int i = 0; i < 200000; i++) {
    double v = from_bits(next());
    if (isfinite(v)) check_value(v);
  }
}

static void test_format_short_decimals(void) {
  /* coordinates as they appear in data: few digits, every magnitude */
  for (int i = 0; i < 200000; i++) {
    int digits = 1 + (int)(next() % 12), exp = (int)(next() % 30) - 15;
    double m = (double)(next() % 1000000000000ull);
    for (int d = 12; d > digits; d--) m = floor(m / 10);
    check_value(m * pow(10, exp) * (next() & 1 ? -1 : 1));
  }
  double special[] = {0.1, 0.3, 1e-7, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                      123456789012345680000.0, 9007199254740993.0, 0.30000000000000004, -0.0};
  for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) check_value(special[i]);
}

static void test_parse_matches_strtod(void) {
  char buf[64];
  for (int i = 0; i < 200000; i++) {
    /* random digit strings with a random exponent: exercises both paths */
    int len = 1 + (int)(next() % 25), k = 0;
    if (next() & 1) buf[k++] = '-';
    for (int d = 0; d < len; d++) {
      if (d == len / 2 && (next() & 1)) buf[k++] = '.', buf[k++] = (char)('0' + next() % 10);
      buf[k++] = (char)('0' + next() % 10);
    }
    if (buf[k - len] == '0' && len > 1) buf[k - len] = '1'; /* JSON: no leading zeros */
    k += snprintf(buf + k, sizeof buf - (size_t)k, "e%d", (int)(next() % 700) - 350);
    double want = strtod(buf, NULL), got;
    size_t used = gv_parse_double(buf, (size_t)k, 0, &got);
    int ok = used == (size_t)k && memcmp(&got, &want, 8) == 0;
    if (!ok) fprintf(stderr, "parse \"%s\": got %.17g want %.17g\n", buf, got, want);
    CHECK(ok);
  }
}

static void test_json_grammar(void) {
  double v;
  const char *bad[] = {"01", "-", ".5", "5.", "+1", "1e", "1e+", "-.5"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    CHECK(gv_parse_double(bad[i], strlen(bad[i]), 1, &v) != strlen(bad[i]));
  const char *good[] = {"0", "-0", "0.5", "1e5", "1E+5", "-2.5e-3", "123456789012345678901234567890"};
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
    CHECK(gv_parse_double(good[i], strlen(good[i]), 1, &v) == strlen(good[i]));
  CHECK(gv_parse_double("+1", 2, 0, &v) == 2 && v == 1);
  CHECK(gv_parse_double(".5", 2, 0, &v) == 2 && v == 0.5);
}

static void test_fixed_precision(void) {
  char buf[GV_NUMBER_ROOM];
  gv_format_number(2.0049, 2, buf);
  CHECK_STR(buf, "2");
  gv_format_number(-0.001, 2, buf);
  CHECK_STR(buf, "0");
  gv_format_number(1.5, 3, buf);
  CHECK_STR(buf, "1.5");
  gv_format_number(-12.3456, 2, buf);
  CHECK_STR(buf, "-12.35");
  gv_format_number(-0.0, -1, buf);
  CHECK_STR(buf, "-0");
}

int main(void) {
  RUN(test_format_random_bits);
  RUN(test_format_short_decimals);
  RUN(test_parse_matches_strtod);
  RUN(test_json_grammar);
  RUN(test_fixed_precision);
  return check_report("test_numbers");
}
