/* Strict JSON scanning: strings, literals, numbers and whole values, checked
 * but not built. See json_scan.h. */
#include "json_scan.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int gv_json_fail(gv_json *j, size_t off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(j->msg, sizeof j->msg, fmt, ap);
  va_end(ap);
  j->err_off = off;
  return -1;
}

int gv_json_expected(gv_json *j, const char *what) {
  if (j->pos >= j->len) return gv_json_fail(j, j->pos, "unexpected end of input, expected %s", what);
  return gv_json_fail(j, j->pos, "expected %s", what);
}

/* Bytes that end the plain run of a string: '"', '\\', controls, non-ASCII. */
static inline int plain_char(uint8_t c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

static int hex_digit(uint8_t c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static int hex_value(uint8_t c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

/* Length of the valid UTF-8 sequence at s[0..n) (n >= 1, s[0] >= 0x80), or 0.
 * Rejects overlong forms, surrogates and code points above U+10FFFF. */
static size_t utf8_seq(const uint8_t *s, size_t n) {
  uint8_t c = s[0];
  size_t k;
  uint8_t lo = 0x80, hi = 0xbf; /* bounds of the second byte */
  if (c >= 0xc2 && c <= 0xdf) k = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    k = 3;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    k = 4;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (n < k || s[1] < lo || s[1] > hi) return 0;
  for (size_t i = 2; i < k; i++)
    if ((s[i] & 0xc0) != 0x80) return 0;
  return k;
}

int gv_json_string(gv_json *j, int *escaped) {
  const uint8_t *s = j->s;
  size_t len = j->len, start = j->pos, i = j->pos + 1;
  int esc = 0;
  for (;;) {
    while (i < len && plain_char(s[i])) i++;
    if (i >= len) return gv_json_fail(j, start, "unterminated string");
    uint8_t c = s[i];
    if (c == '"') break;
    if (c == '\\') {
      esc = 1;
      if (i + 1 >= len) return gv_json_fail(j, start, "unterminated string");
      uint8_t e = s[i + 1];
      if (e == 'u') {
        if (len - i < 6 || !hex_digit(s[i + 2]) || !hex_digit(s[i + 3]) || !hex_digit(s[i + 4]) ||
            !hex_digit(s[i + 5]))
          return gv_json_fail(j, i, "invalid \\u escape in string (4 hex digits required)");
        i += 6;
      } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' ||
                 e == 'r' || e == 't') {
        i += 2;
      } else if (e >= 0x20 && e < 0x7f) {
        return gv_json_fail(j, i, "invalid escape '\\%c' in string", e);
      } else {
        return gv_json_fail(j, i, "invalid escape in string");
      }
    } else if (c < 0x20) {
      return gv_json_fail(j, i, "control character 0x%02x in string (must be escaped)", c);
    } else {
      size_t k = utf8_seq(s + i, len - i);
      if (!k) return gv_json_fail(j, i, "invalid UTF-8 in string");
      i += k;
    }
  }
  j->pos = i + 1;
  if (escaped) *escaped = esc;
  return 0;
}

int gv_json_short_ascii(const uint8_t *raw, size_t n, char *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    uint8_t c = raw[i];
    if (c == '\\') {
      uint8_t e = raw[i + 1]; /* validated: an escape is complete */
      if (e == 'u') {
        unsigned v = 0;
        for (int d = 2; d < 6; d++) v = v * 16 + (unsigned)hex_value(raw[i + d]);
        if (v >= 0x80) return -1;
        c = (uint8_t)v;
        i += 6;
      } else {
        switch (e) {
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        default: c = e; break; /* '"', '\\', '/' */
        }
        i += 2;
      }
    } else {
      if (c >= 0x80) return -1;
      i++;
    }
    if (k >= cap) return -1;
    out[k++] = (char)c;
  }
  return (int)k;
}

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int skip_number(gv_json *j) {
  const uint8_t *s = j->s;
  size_t len = j->len, i = j->pos;
  if (s[i] == '-') i++;
  if (i >= len || !is_digit(s[i])) return gv_json_fail(j, j->pos, "invalid number");
  if (s[i] == '0') {
    i++;
    if (i < len && is_digit(s[i])) return gv_json_fail(j, j->pos, "invalid number (leading zero)");
  } else {
    while (i < len && is_digit(s[i])) i++;
  }
  if (i < len && s[i] == '.') {
    i++;
    if (i >= len || !is_digit(s[i])) return gv_json_fail(j, j->pos, "invalid number");
    while (i < len && is_digit(s[i])) i++;
  }
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < len && (s[i] == '+' || s[i] == '-')) i++;
    if (i >= len || !is_digit(s[i])) return gv_json_fail(j, j->pos, "invalid number");
    while (i < len && is_digit(s[i])) i++;
  }
  j->pos = i;
  return 0;
}

static int skip_literal(gv_json *j) {
  const char *word = j->s[j->pos] == 't' ? "true" : j->s[j->pos] == 'f' ? "false" : "null";
  size_t n = strlen(word);
  if (j->len - j->pos < n || memcmp(j->s + j->pos, word, n) != 0)
    return gv_json_fail(j, j->pos, "invalid literal (expected true, false or null)");
  j->pos += n;
  return 0;
}

/* Iterative: containers are pushed on a fixed stack (1 = object, 0 = array),
 * so hostile nesting costs an error, not the C stack. */
int gv_json_skip(gv_json *j) {
  uint8_t stack[GV_JSON_MAX_NEST];
  int depth = 0;
  const uint8_t *s = j->s;
  size_t len = j->len;
value:
  gv_json_ws(j);
  if (j->pos >= len) return gv_json_expected(j, "a value");
  switch (s[j->pos]) {
  case '{':
  case '[': {
    int obj = s[j->pos] == '{';
    if (depth == GV_JSON_MAX_NEST)
      return gv_json_fail(j, j->pos, "JSON nested deeper than %d levels", GV_JSON_MAX_NEST);
    stack[depth++] = (uint8_t)obj;
    j->pos++;
    gv_json_ws(j);
    if (j->pos < len && s[j->pos] == (obj ? '}' : ']')) {
      j->pos++;
      depth--;
      goto after;
    }
    if (obj) goto member;
    goto value;
  }
  case '"':
    if (gv_json_string(j, NULL)) return -1;
    goto after;
  case 't':
  case 'f':
  case 'n':
    if (skip_literal(j)) return -1;
    goto after;
  default:
    if (s[j->pos] == '-' || is_digit(s[j->pos])) {
      if (skip_number(j)) return -1;
      goto after;
    }
    return gv_json_expected(j, "a value");
  }
member:
  if (j->pos >= len || s[j->pos] != '"') return gv_json_expected(j, "a member name");
  if (gv_json_string(j, NULL)) return -1;
  gv_json_ws(j);
  if (j->pos >= len || s[j->pos] != ':') return gv_json_expected(j, "':' after member name");
  j->pos++;
  goto value;
after:
  if (depth == 0) return 0;
  gv_json_ws(j);
  {
    int obj = stack[depth - 1];
    if (j->pos < len && s[j->pos] == ',') {
      j->pos++;
      gv_json_ws(j);
      if (obj) goto member;
      goto value;
    }
    if (j->pos < len && s[j->pos] == (obj ? '}' : ']')) {
      j->pos++;
      depth--;
      goto after;
    }
    return gv_json_expected(j, obj ? "',' or '}' after member value" : "',' or ']' after array item");
  }
}
