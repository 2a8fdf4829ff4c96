/* Strict JSON scanning (RFC 8259) over a byte range, without building
 * values: whitespace, strings, literals, numbers and whole values skipped
 * with validation. The GeoJSON reader walks the structure it cares about
 * itself and hands everything else to gv_json_skip.
 *
 * Every function keeps j->pos within [0, len]. On failure they return -1 and
 * leave the message and its byte offset in j->msg / j->err_off; they never
 * allocate and never recurse. */
#ifndef GV_JSON_SCAN_H
#define GV_JSON_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* Nesting limit of one skipped value: deeper input is an error, so the
 * explicit stack stays a fixed 512 bytes. */
#define GV_JSON_MAX_NEST 512

typedef struct gv_json {
  const uint8_t *s;
  size_t len;
  size_t pos;
  size_t err_off;
  char msg[160];
} gv_json;

static inline int gv_json_is_ws(uint8_t c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Skips whitespace. Compact documents have none and pretty ones mostly a
 * single blank, so the first test is the common exit. */
static inline void gv_json_ws(gv_json *j) {
  size_t i = j->pos;
  while (i < j->len && j->s[i] <= ' ' && gv_json_is_ws(j->s[i])) i++;
  j->pos = i;
}

/* Can c start a JSON value? Lets callers tell "valid JSON of the wrong
 * kind" (a GeoJSON error) from "not JSON at all" (a syntax error). */
static inline int gv_json_value_start(uint8_t c) {
  return c == '{' || c == '[' || c == '"' || c == 't' || c == 'f' || c == 'n' || c == '-' ||
         (c >= '0' && c <= '9');
}

/* Records an error at off; returns -1. */
int gv_json_fail(gv_json *j, size_t off, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* "expected <what>" at j->pos, or "unexpected end of input, expected <what>"
 * when the input is used up; returns -1. */
int gv_json_expected(gv_json *j, const char *what);

/* A string at j->pos (which must be '"'): checks escapes, rejects control
 * characters and invalid UTF-8, and leaves j->pos after the closing quote.
 * *escaped (if not NULL) tells whether the raw text holds a backslash. */
int gv_json_string(gv_json *j, int *escaped);

/* Skips one value at j->pos (after whitespace), validating all of it. */
int gv_json_skip(gv_json *j);

/* Decodes the raw text of a short string (between the quotes, already
 * validated by gv_json_string) into out when it is pure ASCII and fits in
 * cap bytes; returns its length, or -1 if it does not qualify. Used to
 * compare member names and type names that were written with escapes. */
int gv_json_short_ascii(const uint8_t *raw, size_t n, char *out, size_t cap);

#endif
