/* Decimal numbers: a correctly rounded parser with a fast path, and a
 * shortest round-trip formatter. Both backends run this same code, so WKT
 * and GeoJSON text is identical whichever backend wrote it. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"

static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int is_digit(uint8_t c) { return (unsigned)(c - '0') < 10; }

/* Slow path: libc strtod on a NUL-terminated copy (correctly rounded in both
 * glibc and wasi-libc). */
static double slow_strtod(const char *s, size_t n) {
  char local[128];
  char *buf = n < sizeof local ? local : gv_malloc(n + 1);
  if (!buf) return NAN;
  memcpy(buf, s, n);
  buf[n] = 0;
  double v = strtod(buf, NULL);
  if (buf != local) gv_free(buf);
  return v;
}

size_t gv_parse_double(const char *str, size_t len, int json, double *out) {
  const uint8_t *s = (const uint8_t *)str;
  size_t i = 0;
  int neg = 0;
  if (i < len && (s[i] == '-' || (!json && s[i] == '+'))) neg = s[i++] == '-';
  uint64_t mant = 0;
  int ndig = 0;       /* significant digits kept in mant */
  int dropped = 0;    /* a non-zero digit was dropped (mant is inexact) */
  int exp10 = 0;
  size_t int_start = i;
  while (i < len && s[i] == '0') i++;
  int leading_zeros = (int)(i - int_start);
  while (i < len && is_digit(s[i])) {
    if (ndig < 19) mant = mant * 10 + (s[i] - '0'), ndig++;
    else exp10++, dropped |= s[i] != '0';
    i++;
  }
  size_t int_digits = i - int_start;
  if (json && (int_digits == 0 || (leading_zeros > 0 && int_digits > 1))) return 0;
  size_t frac_digits = 0;
  if (i < len && s[i] == '.') {
    size_t j = i + 1;
    while (j < len && is_digit(s[j])) {
      if (ndig == 0 && s[j] == '0') exp10--; /* zeros before the first digit */
      else if (ndig < 19) mant = mant * 10 + (s[j] - '0'), ndig++, exp10--;
      else dropped |= s[j] != '0';
      j++;
    }
    frac_digits = j - i - 1;
    if (frac_digits == 0 && (json || int_digits == 0)) return 0;
    i = j;
  }
  if (int_digits == 0 && frac_digits == 0) return 0;
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    int eneg = 0;
    if (j < len && (s[j] == '+' || s[j] == '-')) eneg = s[j++] == '-';
    if (j >= len || !is_digit(s[j])) return 0;
    int e = 0;
    while (j < len && is_digit(s[j])) {
      if (e < 100000) e = e * 10 + (s[j] - '0');
      j++;
    }
    exp10 += eneg ? -e : e;
    i = j;
  }
  /* Clinger's fast path: an exact mantissa and an exact power of ten give a
   * correctly rounded product or quotient. */
  if (!dropped && mant <= (1ULL << 53) && exp10 >= -22 && exp10 <= 22) {
    double v = (double)mant;
    v = exp10 < 0 ? v / p10[-exp10] : v * p10[exp10];
    *out = neg ? -v : v;
    return i;
  }
  if (mant == 0 && !dropped) {
    *out = neg ? -0.0 : 0.0;
    return i;
  }
  *out = slow_strtod(str, i);
  return i;
}

static int write_uint(uint64_t v, char *buf) {
  char tmp[24];
  int n = 0;
  do tmp[n++] = (char)('0' + v % 10), v /= 10;
  while (v);
  for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
  return n;
}

/* Writes t / 10^d as a fixed-point decimal. */
static int write_fixed(int neg, uint64_t t, int d, char *buf) {
  char digits[24];
  int nd = write_uint(t, digits), k = 0;
  if (neg) buf[k++] = '-';
  if (nd <= d) {
    buf[k++] = '0';
    buf[k++] = '.';
    for (int i = 0; i < d - nd; i++) buf[k++] = '0';
    memcpy(buf + k, digits, (size_t)nd);
    k += nd;
  } else {
    memcpy(buf + k, digits, (size_t)(nd - d));
    k += nd - d;
    if (d) {
      buf[k++] = '.';
      memcpy(buf + k, digits + nd - d, (size_t)d);
      k += d;
    }
  }
  buf[k] = 0;
  return k;
}

int gv_format_double(double v, char *buf) {
  if (v == 0) { /* -0 keeps its sign so that text round-trips bit for bit */
    int k = 0;
    if (signbit(v)) buf[k++] = '-';
    buf[k++] = '0';
    buf[k] = 0;
    return k;
  }
  int neg = v < 0;
  double a = neg ? -v : v;
  /* Fast path: the fewest decimals d (up to 9) such that an integer t with
   * t / 10^d == a exactly as a double division; t and 10^d are exact, so
   * the division is correctly rounded and the text reads back as a. */
  if (a < 9e15 && a >= 1e-9) {
    /* Nearly always the rounded product is the integer: try that for every
     * d first (one division each), then its neighbours. */
    for (int pass = 0; pass < 2; pass++) {
      for (int d = 0; d <= 9; d++) {
        double t = nearbyint(a * p10[d]);
        if (t >= 9007199254740992.0) break;
        for (int k = pass ? -1 : 0; k <= (pass ? 1 : 0); k += pass ? 2 : 1) {
          double c = t + k; /* the product may round across a half */
          if (c > 0 && c / p10[d] == a) return write_fixed(neg, (uint64_t)c, d, buf);
        }
      }
    }
  }
  /* Any decimal of at most 15 digits survives a round trip through a normal
   * double (DBL_DIG), so the shortest text has 15 digits or fewer exactly
   * when %.15g reads back; subnormals carry fewer digits, so they start at 1. */
  for (int prec = a < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
    int n = snprintf(buf, 32, "%.*g", prec, v);
    if (prec == 17 || strtod(buf, NULL) == v) return n;
  }
  return 0; /* unreachable */
}

int gv_format_number(double v, int precision, char *buf) {
  if (precision < 0) return gv_format_double(v, buf);
  if (precision > GV_MAX_PRECISION) precision = GV_MAX_PRECISION;
  int n = snprintf(buf, GV_NUMBER_ROOM, "%.*f", precision, v);
  if (n <= 0 || n >= GV_NUMBER_ROOM) return gv_format_double(v, buf);
  for (int i = 0; i < n; i++)
    if (buf[i] == ',') buf[i] = '.'; /* a host locale's decimal comma */
  if (memchr(buf, '.', (size_t)n)) { /* trim trailing zeros, then a bare point */
    while (buf[n - 1] == '0') n--;
    if (buf[n - 1] == '.') n--;
  }
  if (n == 2 && buf[0] == '-' && buf[1] == '0') { /* a value that rounds to zero is written "0" */
    buf[0] = '0';
    n = 1;
  }
  buf[n] = 0;
  return n;
}
