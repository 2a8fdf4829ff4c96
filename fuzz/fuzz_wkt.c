/* Fuzz target for the WKT reader and writer.
 *
 * The input is split on its first two '\n' into 1-3 elements (an empty
 * element is an error: an empty string is not WKT). It is parsed in both on_invalid_null modes; every
 * array that comes out is written (shortest numbers, EWKT SRIDs) and read
 * back, which must succeed, give the same array bit for bit, and write the
 * same text again. A write with a fixed precision must read back too.
 * Any mismatch aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"

#include "../test/c/same_array.h"


/* The writer gives a null element zero bytes: read it back as null. */
static gv_array *reparse(const gv_buf *out, const gv_buf *off, int64_t n) {
  gv_array *b = NULL;
  gv_errors err = {{0}, 0};
  const int64_t *f = (const int64_t *)off->data;
  uint8_t valid[1] = {0}; /* n <= 3 */
  for (int64_t i = 0; i < n; i++)
    if (f[i + 1] > f[i]) valid[0] |= (uint8_t)(1u << i);
  gv_parse_opts o = {.validity = valid};
  if (gv_parse_wkt(out->data, f, n, &o, &b, &err) != GV_OK || !b) abort();
  gv_errors_free(&err);
  return b;
}

static void round_trip(const gv_array *a, int precision) {
  gv_buf out = {0}, off = {0}, out2 = {0}, off2 = {0};
  gv_write_opts wo = {1, 1, -1};
  if (gv_write_wkt(a, 0, a->n, &wo, &out, &off) != GV_OK) abort();
  gv_array *b = reparse(&out, &off, a->n);
  if (!same_array(a, b)) abort();
  if (gv_write_wkt(b, 0, b->n, &wo, &out2, &off2) != GV_OK) abort();
  if (out.len != out2.len || (out.len && memcmp(out.data, out2.data, out.len))) abort();
  if (off.len != off2.len || memcmp(off.data, off2.data, off.len)) abort();
  gv_array_release(b);
  gv_buf_free(&out2);
  gv_buf_free(&off2);

  /* rounded numbers are still valid WKT of the same shape */
  out.len = off.len = 0;
  wo.precision = precision;
  if (gv_write_wkt(a, 0, a->n, &wo, &out, &off) != GV_OK) abort();
  b = reparse(&out, &off, a->n);
  for (int64_t i = 0; i < a->n; i++)
    if (gv_type_byte(a, i) != gv_type_byte(b, i)) abort();
  gv_array_release(b);
  gv_buf_free(&out);
  gv_buf_free(&off);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int64_t off[4] = {0};
  int64_t n = 0;
  for (size_t i = 0; i < size && n < 2; i++)
    if (data[i] == '\n') off[++n] = (int64_t)i; /* the '\n' starts the next element */
  off[++n] = (int64_t)size;
  int precision = size ? data[0] % 20 : 0;

  gv_array *strict = NULL, *lenient = NULL;
  gv_errors e1 = {{0}, 0}, e2 = {{0}, 0};
  gv_parse_opts o = {0};
  gv_status s1 = gv_parse_wkt(data, off, n, &o, &strict, &e1);
  o.on_invalid_null = 1;
  gv_status s2 = gv_parse_wkt(data, off, n, &o, &lenient, &e2);

  if (s1 == GV_OK) {
    if (!strict || e1.count != 0 || s2 != GV_OK || !lenient || e2.count != 0) abort();
    if (!same_array(strict, lenient)) abort();
  } else {
    if (strict || e1.count != 1) abort();
    if (s1 == GV_ERR_PARSE && (s2 != GV_OK || !lenient || e2.count < 1)) abort();
  }
  if (strict) round_trip(strict, precision);
  if (lenient) {
    if (lenient->n != n) abort();
    round_trip(lenient, precision);
  }
  gv_array_release(strict);
  gv_array_release(lenient);
  gv_errors_free(&e1);
  gv_errors_free(&e2);
  return 0;
}
