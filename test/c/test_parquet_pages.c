/* Parquet column chunk decoding (io/parquet_pages.c): pages built here by
 * hand (Thrift compact headers, v1 and v2 data pages, dictionary pages,
 * definition levels, snappy), decoded and compared with the WKB parser's
 * result; then each kind of corruption gives a parse error, never a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "geovec.h"
#include "io/parquet_pages.h"

typedef struct out {
  uint8_t b[8192];
  size_t n;
} out;
static void put(out *o, const void *p, size_t n) {
  memcpy(o->b + o->n, p, n);
  o->n += n;
}
static void u8(out *o, uint8_t v) { put(o, &v, 1); }
static void varint(out *o, uint64_t v) {
  while (v >= 0x80) {
    u8(o, (uint8_t)(v | 0x80));
    v >>= 7;
  }
  u8(o, (uint8_t)v);
}
static void i32f(out *o, int delta, int32_t v) { /* an i32 field, id = last + delta */
  u8(o, (uint8_t)(delta << 4 | 5));
  varint(o, ((uint64_t)(uint32_t)v << 1) ^ (uint64_t)(int64_t)(v >> 31));
}
static void le32(out *o, uint32_t v) {
  uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  put(o, b, 4);
}

/* WKB point (LE) */
static size_t wkb_point(uint8_t *b, double x, double y) {
  b[0] = 1;
  uint32_t t = 1;
  memcpy(b + 1, &t, 4);
  memcpy(b + 5, &x, 8);
  memcpy(b + 13, &y, 8);
  return 21;
}

/* Snappy made of literals only (valid snappy) with one copy when asked. */
static size_t snappy_literal(const uint8_t *src, size_t n, uint8_t *dst) {
  out o = {{0}, 0};
  varint(&o, n);
  size_t at = 0;
  while (at < n) {
    size_t k = n - at < 60 ? n - at : 60;
    u8(&o, (uint8_t)((k - 1) << 2));
    put(&o, src + at, k);
    at += k;
  }
  memcpy(dst, o.b, o.n);
  return o.n;
}

/* A page header: type, sizes, then the sub-header struct (field id fid, with its stop byte). */
static void header(out *o, int type, size_t usize, size_t csize, int fid, const out *sub) {
  i32f(o, 1, type);
  i32f(o, 1, (int32_t)usize);
  i32f(o, 1, (int32_t)csize);
  u8(o, (uint8_t)((fid - 3) << 4 | 12));
  put(o, sub->b, sub->n);
  u8(o, 0);
}

/* v1 data page of PLAIN values; rows[i] < 0 is a null (with max_def 1). */
static void page_v1(out *c, const double *xs, int n, int max_def, int snappy) {
  out body = {{0}, 0}, sub = {{0}, 0};
  if (max_def) {
    /* levels: bit-packed, one group per 8 values */
    out lv = {{0}, 0};
    int groups = (n + 7) / 8;
    varint(&lv, (uint64_t)groups << 1 | 1);
    for (int g = 0; g < groups; g++) {
      uint8_t bits = 0;
      for (int j = 0; j < 8 && g * 8 + j < n; j++)
        if (xs[g * 8 + j] >= 0) bits |= (uint8_t)(1u << j);
      u8(&lv, bits);
    }
    le32(&body, (uint32_t)lv.n);
    put(&body, lv.b, lv.n);
  }
  for (int i = 0; i < n; i++) {
    if (max_def && xs[i] < 0) continue;
    uint8_t w[21];
    le32(&body, (uint32_t)wkb_point(w, xs[i], 2 * xs[i]));
    put(&body, w, 21);
  }
  i32f(&sub, 1, n);
  i32f(&sub, 1, 0);
  i32f(&sub, 1, 3);
  i32f(&sub, 1, 3);
  u8(&sub, 0);
  if (snappy) {
    uint8_t z[8192];
    size_t zn = snappy_literal(body.b, body.n, z);
    header(c, 0, body.n, zn, 5, &sub);
    put(c, z, zn);
  } else {
    header(c, 0, body.n, body.n, 5, &sub);
    put(c, body.b, body.n);
  }
}

static gv_status decode(const out *c, int64_t rows, int codec, int max_def, gv_array **a, gv_errors *err) {
  gv_pq_opts o = {.num_values = rows, .codec = codec, .max_def = max_def, .file_offset = 4, .first_row = 0};
  /* a copy of exactly the chunk, so that reads past it show under ASan */
  uint8_t *copy = malloc(c->n ? c->n : 1);
  memcpy(copy, c->b, c->n);
  gv_status s = gv_parse_parquet_wkb(copy, c->n, &o, a, err);
  free(copy);
  return s;
}

/* The error text (not NUL-terminated in the buffer) contains s. */
static int err_has(const gv_errors *e, const char *s) {
  char t[1024] = {0};
  size_t n = e->text.len < sizeof t - 1 ? e->text.len : sizeof t - 1;
  if (n) memcpy(t, e->text.data, n);
  return strstr(t, s) != NULL;
}
static void show(const gv_errors *e) {
  if (e->text.len) fprintf(stderr, "  error: %.*s", (int)e->text.len, (const char *)e->text.data);
}

static int point_is(const gv_array *a, int64_t i, double x, double y) {
  if (gv_type_byte(a, i) != GV_POINT) return 0;
  int32_t p = gv_geom_begin(a, i), r = gv_part_begin(a, p), k = gv_ring_begin(a, r);
  return GV_X(a, k) == x && GV_Y(a, k) == y;
}

static void test_plain_pages(void) {
  for (int snappy = 0; snappy <= 1; snappy++)
    for (int max_def = 0; max_def <= 1; max_def++) {
      double xs[] = {1, 2, -1, 4, 5, -1, -1, 8, 9, 10};
      if (!max_def)
        for (int i = 0; i < 10; i++) xs[i] = xs[i] < 0 ? 100 + i : xs[i];
      out c = {{0}, 0};
      page_v1(&c, xs, 6, max_def, snappy);
      page_v1(&c, xs + 6, 4, max_def, snappy);
      gv_array *a = NULL;
      gv_errors err = {0};
      CHECK(decode(&c, 10, snappy, max_def, &a, &err) == GV_OK);
      show(&err);
      CHECK(a && a->n == 10);
      for (int i = 0; a && i < 10; i++) {
        if (xs[i] < 0) CHECK(gv_is_null(a, i));
        else CHECK(point_is(a, i, xs[i], 2 * xs[i]));
      }
      gv_array_release(a);
      gv_errors_free(&err);
    }
}

static void test_dictionary_v2(void) {
  /* dictionary of 3 points, then a v2 page with 5 rows (1 null) by index */
  out c = {{0}, 0}, sub = {{0}, 0}, dict = {{0}, 0};
  for (int k = 0; k < 3; k++) {
    uint8_t w[21];
    le32(&dict, (uint32_t)wkb_point(w, k + 1, k + 11));
    put(&dict, w, 21);
  }
  i32f(&sub, 1, 3);
  i32f(&sub, 1, 0);
  u8(&sub, 0);
  uint8_t zd[512];
  size_t zdn = snappy_literal(dict.b, dict.n, zd);
  header(&c, 2, dict.n, zdn, 7, &sub);
  put(&c, zd, zdn);
  /* levels 1 1 0 1 1 as an RLE run and a bit-packed group; indices 2 0 1 2 */
  out lv = {{0}, 0}, vals = {{0}, 0};
  varint(&lv, 1 << 1 | 1);
  u8(&lv, 0x1b); /* 11011 */
  u8(&vals, 2);  /* bit width */
  varint(&vals, 1 << 1 | 1);
  u8(&vals, (uint8_t)(2 | 0 << 2 | 1 << 4 | 2 << 6));
  u8(&vals, 0);
  out body = {{0}, 0};
  put(&body, lv.b, lv.n);
  uint8_t z[256];
  size_t zn = snappy_literal(vals.b, vals.n, z);
  put(&body, z, zn);
  out v2 = {{0}, 0};
  i32f(&v2, 1, 5);          /* num_values */
  i32f(&v2, 1, 1);          /* num_nulls */
  i32f(&v2, 1, 5);          /* num_rows */
  i32f(&v2, 1, 8);          /* RLE_DICTIONARY */
  i32f(&v2, 1, (int)lv.n);  /* def levels length */
  i32f(&v2, 1, 0);          /* rep levels length */
  u8(&v2, 0);
  header(&c, 3, lv.n + vals.n, body.n, 8, &v2);
  put(&c, body.b, body.n);
  gv_array *a = NULL;
  gv_errors err = {0};
  CHECK(decode(&c, 5, 1, 1, &a, &err) == GV_OK);
  show(&err);
  CHECK(a && a->n == 5);
  if (a) {
    CHECK(point_is(a, 0, 3, 13));
    CHECK(point_is(a, 1, 1, 11));
    CHECK(gv_is_null(a, 2));
    CHECK(point_is(a, 3, 2, 12));
    CHECK(point_is(a, 4, 3, 13));
  }
  gv_array_release(a);
  gv_errors_free(&err);
}

/* Every single byte flip and every truncation of a small chunk: an error or
 * an array, never a crash (ASan/UBSan watch). */
static void test_corruptions(void) {
  double xs[] = {1, 2, -1, 4, 5, 6, -1, 8};
  for (int snappy = 0; snappy <= 1; snappy++) {
    out c = {{0}, 0};
    page_v1(&c, xs, 5, 1, snappy);
    page_v1(&c, xs + 5, 3, 1, snappy);
    int errors = 0;
    for (size_t i = 0; i < c.n; i++)
      for (int bit = 0; bit < 8; bit += 3) {
        out d = c;
        d.b[i] ^= (uint8_t)(1u << bit);
        gv_array *a = NULL;
        gv_errors err = {0};
        gv_status s = decode(&d, 8, snappy, 1, &a, &err);
        CHECK((s == GV_OK) == (a != NULL));
        if (s == GV_ERR_PARSE) {
          errors++;
          CHECK(err.count == 1);
        }
        gv_array_release(a);
        gv_errors_free(&err);
      }
    CHECK(errors > 0);
    for (size_t n = 0; n < c.n; n++) {
      out d = c;
      d.n = n;
      gv_array *a = NULL;
      gv_errors err = {0};
      CHECK(decode(&d, 8, snappy, 1, &a, &err) == GV_ERR_PARSE);
      CHECK(a == NULL && err.count == 1);
      gv_errors_free(&err);
    }
  }
  /* rows beyond the chunk's values */
  out c = {{0}, 0};
  page_v1(&c, xs, 5, 1, 0);
  gv_array *a = NULL;
  gv_errors err = {0};
  CHECK(decode(&c, 6, 0, 1, &a, &err) == GV_ERR_PARSE);
  CHECK(err_has(&err, "ends after 5 of its 6 rows"));
  gv_errors_free(&err);
  /* fewer rows than the page holds */
  CHECK(decode(&c, 4, 0, 1, &a, &err) == GV_ERR_PARSE);
  CHECK(err_has(&err, "row group has 4 rows left"));
  gv_errors_free(&err);
}

static void test_snappy(void) {
  /* "abcabcabcabc" as a literal "abc" and a copy of 9 at offset 3 */
  const uint8_t z[] = {12, 2 << 2, 'a', 'b', 'c', (uint8_t)((9 - 4) << 2 | 1), 3};
  uint8_t d[12];
  size_t at;
  const char *why;
  CHECK(gv_snappy_decompress(z, sizeof z, d, 12, &at, &why) == 0);
  CHECK(memcmp(d, "abcabcabcabc", 12) == 0);
  CHECK(gv_snappy_decompress(z, sizeof z, d, 11, &at, &why) == -1); /* length differs */
  uint8_t bad[sizeof z];
  memcpy(bad, z, sizeof z);
  bad[6] = 4; /* offset beyond the output */
  CHECK(gv_snappy_decompress(bad, sizeof bad, d, 12, &at, &why) == -1 && at == 5);
  CHECK(gv_snappy_decompress(z, sizeof z - 1, d, 12, &at, &why) == -1); /* truncated */
  const uint8_t varint_bad[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  CHECK(gv_snappy_decompress(varint_bad, sizeof varint_bad, d, 12, &at, &why) == -1);
}

int main(void) {
  RUN(test_plain_pages);
  RUN(test_dictionary_v2);
  RUN(test_snappy);
  RUN(test_corruptions);
  return check_report("test_parquet_pages");
}
