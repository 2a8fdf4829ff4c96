/* Fuzz target for the GeoJSON reader and writer.
 *
 * The input is parsed in both modes with property ranges on. Invariants
 * (abort() on violation):
 *  - mode 0 succeeds with no error recorded, or fails with exactly one;
 *  - a document that parses in mode 0 parses the same in mode 1;
 *  - property / id ranges lie in the input and each covers exactly one JSON
 *    value;
 *  - for a successful parse, writing every element, wrapping the texts in a
 *    JSON array and parsing that succeeds with the same element count, and
 *    writing it again gives the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"
#include "io/json_scan.h"

static void check_ranges(const uint8_t *data, size_t size, const gv_buf *props, int64_t n) {
  if (props->len != (size_t)n * 4 * sizeof(int64_t)) abort();
  const int64_t *r = (const int64_t *)props->data;
  for (int64_t i = 0; i < 2 * n; i++) {
    int64_t s = r[2 * i], e = r[2 * i + 1];
    if (s == -1 && e == -1) continue;
    if (s < 0 || e <= s || (uint64_t)e > size) abort();
    gv_json j = {data, (size_t)e, (size_t)s, 0, {0}};
    if (gv_json_skip(&j) || j.pos != (size_t)e) abort();
  }
}

/* Writes all of a; the texts joined as a JSON array into *arr. */
static gv_status write_all(const gv_array *a, gv_buf *out, gv_buf *arr) {
  gv_buf offs = {0};
  gv_status st = gv_write_geojson(a, 0, a->n, NULL, out, &offs);
  if (st == GV_OK && arr) {
    const int64_t *o = (const int64_t *)offs.data;
    gv_buf_append(arr, "[", 1);
    for (int64_t i = 0; i < a->n; i++) {
      if (i) gv_buf_append(arr, ",", 1);
      gv_buf_append(arr, out->data + o[i], (size_t)(o[i + 1] - o[i]));
    }
    gv_buf_append(arr, "]", 1);
  }
  gv_buf_free(&offs);
  return st;
}

static void round_trip(const gv_array *a) {
  gv_buf out = {0}, arr = {0}, out2 = {0};
  if (write_all(a, &out, &arr) != GV_OK) abort();
  gv_array *b = NULL;
  gv_parse_opts o = {0};
  gv_status st = gv_parse_geojson(arr.data, arr.len, &o, &b, NULL, NULL);
  if (st == GV_ERR_NOMEM) goto done;
  if (st != GV_OK || b->n != a->n) abort();
  for (int64_t i = 0; i < a->n; i++)
    if (gv_type_byte(a, i) != gv_type_byte(b, i)) abort();
  if (write_all(b, &out2, NULL) != GV_OK) abort();
  if (out2.len != out.len || (out.len && memcmp(out2.data, out.data, out.len) != 0)) abort();
done:
  gv_array_release(b);
  gv_buf_free(&out);
  gv_buf_free(&arr);
  gv_buf_free(&out2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gv_status status[2];
  int64_t count[2] = {-1, -1};
  for (int mode = 0; mode < 2; mode++) {
    gv_parse_opts o = {.on_invalid_null = mode};
    gv_array *a = NULL;
    gv_buf props = {0};
    gv_errors err = {0};
    gv_status st = gv_parse_geojson(data, size, &o, &a, &props, &err);
    status[mode] = st;
    if (st == GV_OK) {
      if (!a) abort();
      if (mode == 0 && err.count != 0) abort();
      count[mode] = a->n;
      check_ranges(data, size, &props, a->n);
      round_trip(a);
    } else {
      if (a) abort();
      if (st == GV_ERR_PARSE && err.count < 1) abort();
      if (mode == 0 && st == GV_ERR_PARSE && err.count != 1) abort();
    }
    gv_array_release(a);
    gv_buf_free(&props);
    gv_errors_free(&err);
  }
  if (status[0] == GV_OK && (status[1] != GV_OK || count[1] != count[0])) abort();
  if (status[1] == GV_ERR_PARSE && status[0] != GV_ERR_PARSE) abort();
  return 0;
}
