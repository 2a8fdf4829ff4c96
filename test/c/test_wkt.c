/* WKT reader and writer: grammar, dimensions, EMPTY forms, errors,
 * on_invalid_null, exact output, and round trips. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "geovec.h"

/* ---- helpers ----------------------------------------------------------------- */

/* Parses texts[0..n) (NULL = null element, marked in a validity bitmap;
 * "" is an empty string, an error). */
static gv_status parse_n(const char *const *texts, int64_t n, int null_mode, gv_array **out,
                         gv_errors *err) {
  gv_buf data = {0};
  int64_t *off = malloc((size_t)(n + 1) * sizeof *off);
  uint8_t *valid = calloc((size_t)(n + 8) / 8, 1);
  off[0] = 0;
  for (int64_t i = 0; i < n; i++) {
    if (texts[i]) gv_buf_append(&data, texts[i], strlen(texts[i]));
    if (texts[i]) valid[i >> 3] |= (uint8_t)(1u << (i & 7));
    off[i + 1] = (int64_t)data.len;
  }
  gv_parse_opts o = {.on_invalid_null = null_mode, .validity = valid};
  gv_status s = gv_parse_wkt(data.data, off, n, &o, out, err);
  free(valid);
  free(off);
  gv_buf_free(&data);
  return s;
}

/* A validity bitmap for writer output, where a null element is written as
 * zero bytes (caller frees). */
static uint8_t *validity_of_frames(const int64_t *off, int64_t n) {
  uint8_t *v = calloc((size_t)(n + 8) / 8, 1);
  for (int64_t i = 0; i < n; i++)
    if (off[i + 1] > off[i]) v[i >> 3] |= (uint8_t)(1u << (i & 7));
  return v;
}

/* Parses one element with an explicit length (may contain NUL bytes). */
static gv_status parse_bytes(const char *text, size_t len, gv_array **out, gv_errors *err) {
  int64_t off[2] = {0, (int64_t)len};
  gv_parse_opts o = {0};
  return gv_parse_wkt((const uint8_t *)text, off, 1, &o, out, err);
}

static gv_array *parse1(const char *text) {
  gv_array *a = NULL;
  gv_errors err = {0};
  gv_status s = parse_n(&text, 1, 0, &a, &err);
  if (s != GV_OK) {
    fprintf(stderr, "parse of \"%s\" failed (%d): %.*s", text, (int)s, (int)err.text.len,
            (const char *)err.text.data);
  }
  CHECK(s == GV_OK && a);
  gv_errors_free(&err);
  return a;
}

/* Writes element i as a NUL-terminated string into buf. */
static const char *write1(const gv_array *a, int64_t i, int precision, int ewkb, char *buf,
                          size_t cap) {
  gv_buf out = {0}, off = {0};
  gv_write_opts o = {1, ewkb, precision};
  gv_status s = gv_write_wkt(a, i, i + 1, &o, &out, &off);
  buf[0] = 0;
  if (s == GV_OK) {
    const int64_t *b = (const int64_t *)off.data;
    size_t n = (size_t)(b[1] - b[0]);
    if (n >= cap) n = cap - 1;
    if (n) memcpy(buf, out.data + b[0], n);
    buf[n] = 0;
  } else {
    snprintf(buf, cap, "<write failed %d>", (int)s);
  }
  gv_buf_free(&out);
  gv_buf_free(&off);
  return buf;
}

/* The message of the first error line ("index\toffset\tmessage\n"). */
static const char *first_error(const gv_errors *e, int64_t *index, int64_t *offset, char *buf,
                               size_t cap) {
  buf[0] = 0;
  if (!e->text.len) return buf;
  const char *t = (const char *)e->text.data;
  const char *nl = memchr(t, '\n', e->text.len);
  size_t n = nl ? (size_t)(nl - t) : e->text.len;
  if (n >= cap) n = cap - 1;
  memcpy(buf, t, n);
  buf[n] = 0;
  *index = strtoll(buf, NULL, 10);
  const char *tab1 = strchr(buf, '\t');
  *offset = tab1 ? strtoll(tab1 + 1, NULL, 10) : -99;
  const char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
  return tab2 ? tab2 + 1 : buf;
}

#include "same_array.h"


/* parse(text) then write must give `want`; parse(want) must give the same
 * array and write `want` again. */
static void check_write(const char *text, const char *want, int precision) {
  char got[1024], again[1024];
  gv_array *a = parse1(text);
  if (!a) return;
  CHECK_STR(write1(a, 0, precision, 1, got, sizeof got), want);
  gv_array *b = parse1(got);
  if (b) {
    CHECK_STR(write1(b, 0, precision, 1, again, sizeof again), got);
    if (precision < 0 && !same_array(a, b)) {
      fprintf(stderr, "round trip of \"%s\" changed the array\n", text);
      CHECK(0);
    }
  }
  gv_array_release(a);
  gv_array_release(b);
}

/* text must fail with a message containing `reason` at byte `offset`
 * (offset < 0: not checked). */
static void check_error(const char *text, size_t len, const char *reason, int64_t offset) {
  gv_array *a = NULL;
  gv_errors err = {0};
  gv_status s = parse_bytes(text, len, &a, &err);
  CHECK(s == GV_ERR_PARSE);
  CHECK(a == NULL);
  CHECK(err.count == 1);
  char buf[600];
  int64_t idx = -1, off = -1;
  const char *msg = first_error(&err, &idx, &off, buf, sizeof buf);
  CHECK(idx == 0);
  if (!strstr(msg, reason) || (offset >= 0 && off != offset)) {
    fprintf(stderr, "for \"%.*s\": expected \"%s\" at %lld, got \"%s\" at %lld\n", (int)len, text,
            reason, (long long)offset, msg, (long long)off);
    CHECK(0);
  }
  gv_array_release(a);
  gv_errors_free(&err);
}
#define CHECK_ERROR(text, reason, offset) check_error(text, strlen(text), reason, offset)

/* ---- tests --------------------------------------------------------------------- */

/* Exact output for every type and dimension, EMPTY forms, both MULTIPOINT
 * forms, glued tags, and the fixed point write(parse(write(x))). */
static void test_write_table(void) {
  static const char *const cases[][2] = {
      {"POINT (1 2)", NULL},
      {"POINT Z (1 2 3)", NULL},
      {"POINT M (1 2 4)", NULL},
      {"POINT ZM (1 2 3 4)", NULL},
      {"POINT EMPTY", NULL},
      {"POINT Z EMPTY", NULL},
      {"POINT M EMPTY", NULL},
      {"POINT ZM EMPTY", NULL},
      {"POINT (1 2 3)", "POINT Z (1 2 3)"},
      {"POINT (1 2 3 4)", "POINT ZM (1 2 3 4)"},
      {"POINTZ (1 2 3)", "POINT Z (1 2 3)"},
      {"POINTM (1 2 3)", "POINT M (1 2 3)"},
      {"POINTZM (1 2 3 4)", "POINT ZM (1 2 3 4)"},
      {"POINT(-1.5 2.25)", "POINT (-1.5 2.25)"},
      {"LINESTRING (1 2, 3 4)", NULL},
      {"LINESTRING Z (1 2 3, 4 5 6)", NULL},
      {"LINESTRING M (1 2 3, 4 5 6)", NULL},
      {"LINESTRING ZM (1 2 3 4, 5 6 7 8)", NULL},
      {"LINESTRING (1 2 3 4, 5 6 7 8)", "LINESTRING ZM (1 2 3 4, 5 6 7 8)"},
      {"LINESTRING EMPTY", NULL},
      {"LINESTRING Z EMPTY", NULL},
      {"LINESTRINGM EMPTY", "LINESTRING M EMPTY"},
      {"POLYGON ((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))", NULL},
      {"POLYGON Z ((0 0 1, 1 0 2, 1 1 3, 0 0 4))", NULL},
      {"POLYGON M ((0 0 1, 1 0 2, 1 1 3, 0 0 4))", NULL},
      {"POLYGON ZM ((0 0 1 5, 1 0 2 6, 1 1 3 7, 0 0 4 8))", NULL},
      {"POLYGON EMPTY", NULL},
      {"POLYGON ZM EMPTY", NULL},
      {"MULTIPOINT ((1 2), (3 4))", NULL},
      {"MULTIPOINT (1 2, 3 4)", "MULTIPOINT ((1 2), (3 4))"},
      {"MULTIPOINT (EMPTY, (1 2))", NULL},
      {"MULTIPOINT (1 2, EMPTY)", "MULTIPOINT ((1 2), EMPTY)"},
      {"MULTIPOINT (EMPTY)", NULL},
      {"MULTIPOINT Z ((1 2 3), EMPTY)", NULL},
      {"MULTIPOINT M ((1 2 3))", NULL},
      {"MULTIPOINT ZM ((1 2 3 4))", NULL},
      {"MULTIPOINT EMPTY", NULL},
      {"MULTIPOINT M EMPTY", NULL},
      {"MULTILINESTRING ((1 2, 3 4), EMPTY, (5 6, 7 8, 9 10))", NULL},
      {"MULTILINESTRING Z ((1 2 3, 3 4 5))", NULL},
      {"MULTILINESTRING M ((1 2 3, 3 4 5))", NULL},
      {"MULTILINESTRING ZM ((1 2 3 4, 3 4 5 6))", NULL},
      {"MULTILINESTRING EMPTY", NULL},
      {"MULTILINESTRING (EMPTY)", NULL},
      {"MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), EMPTY, ((0 0, 4 0, 4 4, 0 0), (1 1, 2 1, 2 2, 1 1)))",
       NULL},
      {"MULTIPOLYGON Z (((0 0 0, 1 0 0, 1 1 0, 0 0 0)))", NULL},
      {"MULTIPOLYGON M (((0 0 0, 1 0 0, 1 1 0, 0 0 0)))", NULL},
      {"MULTIPOLYGON ZM (((0 0 0 1, 1 0 0 1, 1 1 0 1, 0 0 0 1)))", NULL},
      {"MULTIPOLYGON EMPTY", NULL},
      {"MULTIPOLYGON (EMPTY, EMPTY)", NULL},
      {"GEOMETRYCOLLECTION (POINT (1 2), LINESTRING EMPTY)", NULL},
      {"GEOMETRYCOLLECTION EMPTY", NULL},
      {"GEOMETRYCOLLECTION Z EMPTY", NULL},
      {"GEOMETRYCOLLECTION (POINT EMPTY)", NULL},
      {"GEOMETRYCOLLECTION (GEOMETRYCOLLECTION EMPTY)", NULL},
      {"GEOMETRYCOLLECTION Z (POINT Z (1 2 3), POINT (1 2))", NULL},
      {"GEOMETRYCOLLECTION (POINT Z (1 2 3), POINT M (1 2 4))",
       "GEOMETRYCOLLECTION ZM (POINT Z (1 2 3), POINT M (1 2 4))"},
      {"GEOMETRYCOLLECTION (POINT (1 2 3))", "GEOMETRYCOLLECTION Z (POINT Z (1 2 3))"},
      {"GEOMETRYCOLLECTION M (POINT (1 2 3))", "GEOMETRYCOLLECTION M (POINT M (1 2 3))"},
      {"GEOMETRYCOLLECTION M (GEOMETRYCOLLECTION (POINT (1 2 3)))",
       "GEOMETRYCOLLECTION M (GEOMETRYCOLLECTION M (POINT M (1 2 3)))"},
      {"GEOMETRYCOLLECTION Z (POINT (1 2))", NULL},
      {"GEOMETRYCOLLECTION (MULTIPOINT ((1 2), EMPTY), POLYGON ((0 0, 1 0, 1 1, 0 0)), "
       "GEOMETRYCOLLECTION (MULTILINESTRING ((1 2, 3 4)), MULTIPOLYGON EMPTY), POLYGON EMPTY)",
       NULL},
      {"GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (POINT (1 2))), POINT (3 4))",
       NULL},
      {"GEOMETRYCOLLECTIONZM (POINTZM (1 2 3 4))", "GEOMETRYCOLLECTION ZM (POINT ZM (1 2 3 4))"},
      {"SRID=4326;POINT (1 2)", NULL},
      {"srid = -1 ; point (1 2)", "SRID=-1;POINT (1 2)"},
      {"SRID=0;POINT (1 2)", "POINT (1 2)"},
      {"SRID=3857;GEOMETRYCOLLECTION (POINT (1 2))", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_write(cases[i][0], cases[i][1] ? cases[i][1] : cases[i][0], -1);
}

/* Keywords in any case, blanks (space, tab, CR, LF) anywhere between tokens. */
static void test_case_and_whitespace(void) {
  static const char *const cases[][2] = {
      {"point (1 2)", "POINT (1 2)"},
      {"PoInT Zm (1 2 3 4)", "POINT ZM (1 2 3 4)"},
      {"pointz(1 2 3)", "POINT Z (1 2 3)"},
      {"\t POINT\r\n(\n1\t2\r)\n ", "POINT (1 2)"},
      {"POINT(1 2)", "POINT (1 2)"},
      {"MultiPoint((1 2),(3 4))", "MULTIPOINT ((1 2), (3 4))"},
      {"multipoint(empty,1 2)", "MULTIPOINT (EMPTY, (1 2))"},
      {"LINESTRING(1 2,3 4)", "LINESTRING (1 2, 3 4)"},
      {"polygon((0 0,1 0,1 1,0 0))", "POLYGON ((0 0, 1 0, 1 1, 0 0))"},
      {"geometrycollection(point empty,linestring empty)",
       "GEOMETRYCOLLECTION (POINT EMPTY, LINESTRING EMPTY)"},
      {"GEOMETRYCOLLECTION\n(\nPOINT\n(\n1\n2\n)\n,\nPOINT\nEMPTY\n)",
       "GEOMETRYCOLLECTION (POINT (1 2), POINT EMPTY)"},
      {"  POINT   EMPTY  ", "POINT EMPTY"},
      {"POINT Z\tEMPTY", "POINT Z EMPTY"},
      {"SRID=4326;\n POINT(1 2)", "SRID=4326;POINT (1 2)"},
      {"POINT (+1 +2)", "POINT (1 2)"},
      {"POINT (007 .5)", "POINT (7 0.5)"},
      {"POINT (5. -.25)", "POINT (5 -0.25)"},
      {"POINT (1E2 2e-2)", "POINT (100 0.02)"},
      {"POINT (1e+2 -0)", "POINT (100 -0)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_write(cases[i][0], cases[i][1], -1);
}

/* The parsed structure itself: parts, rings, empty points, tokens, SRIDs. */
static void test_structure(void) {
  gv_array *a = parse1("MULTIPOINT (EMPTY, (1 2))");
  if (a) {
    CHECK(gv_type_byte(a, 0) == GV_MULTIPOINT);
    CHECK(gv_geom_end(a, 0) - gv_geom_begin(a, 0) == 2);
    int32_t k0 = gv_ring_begin(a, gv_part_begin(a, 0));
    CHECK(isnan(GV_X(a, k0)) && isnan(GV_Y(a, k0)));
    CHECK(GV_X(a, k0 + 1) == 1 && GV_Y(a, k0 + 1) == 2);
    CHECK(a->z == NULL && a->m == NULL);
  }
  gv_array_release(a);

  a = parse1("POINT EMPTY");
  if (a) {
    CHECK(gv_type_byte(a, 0) == GV_POINT);
    CHECK(gv_ring_end(a, 0) - gv_ring_begin(a, 0) == 1);
    CHECK(isnan(GV_X(a, 0)) && isnan(GV_Y(a, 0)));
  }
  gv_array_release(a);

  a = parse1("POLYGON EMPTY");
  if (a) CHECK(gv_part_end(a, gv_geom_begin(a, 0)) == gv_part_begin(a, gv_geom_begin(a, 0)));
  gv_array_release(a);

  a = parse1("LINESTRING EMPTY");
  if (a) {
    int32_t r = gv_part_begin(a, gv_geom_begin(a, 0));
    CHECK(gv_part_end(a, 0) - r == 1 && gv_ring_end(a, r) == gv_ring_begin(a, r));
  }
  gv_array_release(a);

  a = parse1("POINT M (1 2 4)");
  if (a) {
    CHECK(gv_type_byte(a, 0) == (GV_POINT | GV_HAS_M));
    CHECK(a->z == NULL && a->m && a->m[0] == 4);
  }
  gv_array_release(a);

  a = parse1("GEOMETRYCOLLECTION (POINT (1 2), MULTIPOINT Z ((3 4 5), (6 7 8)), "
             "GEOMETRYCOLLECTION EMPTY, POLYGON EMPTY)");
  if (a) {
    CHECK(gv_type_byte(a, 0) == (GV_GEOMETRYCOLLECTION | GV_HAS_Z));
    CHECK(a->gc_off && a->gc_off[0] == 0 && a->gc_off[1] == 5);
    if (a->gc_tok) {
      CHECK(a->gc_tok[0] == ((4 << 8) | GV_GEOMETRYCOLLECTION | GV_HAS_Z));
      CHECK(a->gc_tok[1] == ((1 << 8) | GV_POINT));
      CHECK(a->gc_tok[2] == ((2 << 8) | GV_MULTIPOINT | GV_HAS_Z));
      CHECK(a->gc_tok[3] == ((0 << 8) | GV_GEOMETRYCOLLECTION));
      CHECK(a->gc_tok[4] == ((1 << 8) | GV_POLYGON));
    }
    CHECK(gv_geom_end(a, 0) - gv_geom_begin(a, 0) == 4);
    CHECK(a->part_type && a->part_type[0] == GV_POINT && a->part_type[1] == GV_POINT &&
          a->part_type[3] == GV_POLYGON);
    CHECK(a->z && isnan(a->z[0]) && a->z[a->stride] == 5);
  }
  gv_array_release(a);

  a = parse1("SRID=4326;POINT (1 2)");
  if (a) CHECK(a->srid && a->srid[0] == 4326);
  gv_array_release(a);
}

/* Mixed types, dimensions and nulls in one array. */
static void test_mixed_array(void) {
  const char *texts[] = {"POINT (1 2)", NULL, "LINESTRING Z (1 2 3, 4 5 6)", NULL,
                         "SRID=3857;POINT M (1 2 4)", "GEOMETRYCOLLECTION (POINT (9 9))",
                         "MULTIPOLYGON EMPTY"};
  gv_array *a = NULL;
  gv_errors err = {0};
  CHECK(parse_n(texts, 7, 0, &a, &err) == GV_OK);
  CHECK(err.count == 0);
  if (!a) return;
  CHECK(a->n == 7);
  uint8_t want[] = {GV_POINT, 0, GV_LINESTRING | GV_HAS_Z, 0, GV_POINT | GV_HAS_M,
                    GV_GEOMETRYCOLLECTION, GV_MULTIPOLYGON};
  for (int i = 0; i < 7; i++) CHECK(gv_type_byte(a, i) == want[i]);
  CHECK(a->z && a->m);
  CHECK(isnan(a->z[0]) && isnan(a->m[0])); /* the XY point has no z or m */
  CHECK(a->srid && a->srid[4] == 3857 && a->srid[0] == 0);
  gv_buf out = {0}, off = {0};
  gv_write_opts o = {1, 1, -1};
  CHECK(gv_write_wkt(a, 0, 7, &o, &out, &off) == GV_OK);
  const char *all = "POINT (1 2)LINESTRING Z (1 2 3, 4 5 6)SRID=3857;POINT M (1 2 4)"
                    "GEOMETRYCOLLECTION (POINT (9 9))MULTIPOLYGON EMPTY";
  CHECK(out.len == strlen(all) && memcmp(out.data, all, out.len) == 0);
  CHECK(off.len == 8 * sizeof(int64_t));
  if (off.len == 8 * sizeof(int64_t)) {
    const int64_t *b = (const int64_t *)off.data;
    int64_t want_off[] = {0, 11, 11, 38, 38, 63, 95, 113};
    for (int i = 0; i < 8; i++) CHECK(b[i] == want_off[i]);
  }
  /* a sub-range, appended after existing output: boundaries are positions in out */
  gv_buf off2 = {0};
  size_t before = out.len;
  CHECK(gv_write_wkt(a, 1, 3, &o, &out, &off2) == GV_OK);
  if (off2.len == 3 * sizeof(int64_t)) {
    const int64_t *b = (const int64_t *)off2.data;
    CHECK(b[0] == (int64_t)before && b[1] == (int64_t)before && b[2] == (int64_t)before + 27);
  }
  CHECK(gv_write_wkt(a, 3, 2, &o, &out, &off2) == GV_ERR_ARG);
  CHECK(gv_write_wkt(a, 0, 8, &o, &out, &off2) == GV_ERR_ARG);

  /* write -> parse gives the same array (SRIDs included with ewkb) */
  gv_array *b = NULL;
  const int64_t *bo = (const int64_t *)off.data;
  uint8_t *valid = validity_of_frames(bo, 7);
  gv_parse_opts po = {.validity = valid};
  CHECK(gv_parse_wkt(out.data, bo, 7, &po, &b, &err) == GV_OK);
  free(valid);
  if (b) CHECK(same_array(a, b));
  gv_array_release(b);
  gv_buf_free(&out);
  gv_buf_free(&off);
  gv_buf_free(&off2);
  gv_array_release(a);
  gv_errors_free(&err);
}

/* Numbers that must survive write -> parse bit for bit. */
static void test_number_round_trip(void) {
  const double values[] = {0.1, 1e-7, -0.0, 123456789012345680000.0, 5e-324,
                           1.7976931348623157e308, -1.7976931348623157e308, 2.2250738585072014e-308,
                           1.0 / 3.0, 9007199254740993.0, 1e21, 1e-300, 0.30000000000000004,
                           -123.456, 4.35, 1e15, 1e16, 12345678.9};
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
    char text[128], got[256];
    /* %.17g reads back exactly; the writer must then reproduce the bits */
    snprintf(text, sizeof text, "POINT ZM (%.17g %.17g %.17g %.17g)", values[i], -values[i],
             values[i], values[i]);
    gv_array *a = parse1(text);
    if (!a) continue;
    CHECK(same_bits(GV_X(a, 0), values[i]) && same_bits(GV_Y(a, 0), -values[i]));
    write1(a, 0, -1, 0, got, sizeof got);
    gv_array *b = parse1(got);
    if (b) {
      CHECK(same_bits(GV_X(b, 0), values[i]) && same_bits(GV_Y(b, 0), -values[i]));
      CHECK(same_bits(b->z[0], values[i]) && same_bits(b->m[0], values[i]));
    }
    gv_array_release(a);
    gv_array_release(b);
  }
  /* the literal spellings from the brief parse to those doubles */
  gv_array *a = parse1("LINESTRING (0.1 1e-7, -0.0 123456789012345680000, 5e-324 "
                       "1.7976931348623157e308)");
  if (a) {
    CHECK(same_bits(GV_X(a, 0), 0.1) && same_bits(GV_Y(a, 0), 1e-7));
    CHECK(same_bits(GV_X(a, 1), -0.0) && same_bits(GV_Y(a, 1), 123456789012345680000.0));
    CHECK(same_bits(GV_X(a, 2), 5e-324) && same_bits(GV_Y(a, 2), 1.7976931348623157e308));
    char got[256];
    write1(a, 0, -1, 0, got, sizeof got);
    CHECK(strncmp(got, "LINESTRING (0.1 ", 16) == 0);
    gv_array *b = parse1(got);
    if (b) CHECK(same_array(a, b));
    gv_array_release(b);
  }
  gv_array_release(a);
  /* underflow to zero is a number, not an error */
  a = parse1("POINT (1e-400 -1e-400)");
  if (a) CHECK(same_bits(GV_X(a, 0), 0.0) && same_bits(GV_Y(a, 0), -0.0));
  gv_array_release(a);
}

/* precision >= 0: that many digits after the point, trailing zeros trimmed. */
static void test_precision(void) {
  check_write("POINT (1.5 2.25)", "POINT (1.5 2.25)", 3);
  check_write("POINT (1.23456 -7.654321)", "POINT (1.235 -7.654)", 3);
  check_write("POINT (2.0049 3)", "POINT (2 3)", 2);
  check_write("POINT (0.1 100)", "POINT (0 100)", 0);
  check_write("POINT (-0.001 0.5)", "POINT (0 0.5)", 2); /* rounds to zero: "0" */
  check_write("LINESTRING Z (1 2 3.33333, 4 5 6)", "LINESTRING Z (1 2 3.33, 4 5 6)", 2);
  check_write("POINT (1e20 1e-20)", "POINT (100000000000000000000 0)", 5);
  char got[2048];
  gv_array *a = parse1("POINT (1.7976931348623157e308 5e-324)");
  if (a) {
    write1(a, 0, 4, 0, got, sizeof got);
    CHECK(strncmp(got, "POINT (17976931348623157", 24) == 0 && strstr(got, " 0)") != NULL);
    write1(a, 0, 5000, 0, got, sizeof got); /* acts as GV_MAX_PRECISION */
    CHECK_STR(strstr(got, " "), " (179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368 0)");
  }
  gv_array_release(a);
}

/* Each error names its reason and the byte offset inside the element. */
static void test_errors(void) {
  CHECK_ERROR("POINTY (1 2)", "unknown geometry type 'POINTY'", 0);
  CHECK_ERROR("  TRIANGLE ((0 0, 1 0, 1 1, 0 0))", "unknown geometry type 'TRIANGLE'", 2);
  CHECK_ERROR("LINEARRING (0 0, 1 1, 1 0, 1 1)", "linearring at offset 11 is not closed", 11);
  CHECK_ERROR("LINEARRING (0 0, 0 0)", "linearring at offset 11 has 2 coordinates, expected 0 or at least 3", 11);
  CHECK_ERROR("LINEARRINGX (0 0, 1 1, 1 0, 0 0)", "unknown geometry type 'LINEARRINGX'", 0);
  /* an empty string is not a geometry (a null element is marked as null) */
  check_error("", 0, "empty WKT (an empty string) is not a geometry", 0);
  CHECK_ERROR("POINT (1 2 x)", "expected ',' or ')' at offset 11, found 'x'", 11);
  CHECK_ERROR("POINT (1 2", "unexpected end of input, expected ',' or ')'", 10);
  CHECK_ERROR("POINT (1 2 ", "unexpected end of input, expected ',' or ')'", 11);
  CHECK_ERROR("POINT (", "unexpected end of input, expected a number", 7);
  CHECK_ERROR("POINT", "unexpected end of input, expected 'Z', 'M', 'ZM', 'EMPTY' or '('", 5);
  CHECK_ERROR("POINT Z", "unexpected end of input, expected 'EMPTY' or '('", 7);
  CHECK_ERROR("POINT (1 2))", "unexpected ')' after the geometry at offset 11", 11);
  CHECK_ERROR("POINT (1 2) x", "unexpected 'x' after the geometry", 12);
  CHECK_ERROR("POINT EMPTY EMPTY", "unexpected 'EMPTY' after the geometry", 12);
  CHECK_ERROR("POINT (1 2, 3 4)", "expected ')' at offset 10, found ','", 10);
  CHECK_ERROR("POINT (1)", "has 1 number, expected 2 to 4", 7);
  CHECK_ERROR("POINT (1 2 3 4 5)", "has more than 4 numbers", 7);
  CHECK_ERROR("POINT (nan 1)", "NaN and infinite coordinates are not allowed", 7);
  CHECK_ERROR("POINT (1 -Infinity)", "NaN and infinite coordinates are not allowed", 9);
  CHECK_ERROR("POINT (1e999 1)", "number '1e999' at offset 7 is out of range", 7);
  CHECK_ERROR("POINT (1 -1e400)", "out of range", 9);
  CHECK_ERROR("POINT (1.2.3 4)", "invalid number '1.2.3'", 7);
  CHECK_ERROR("POINT (1 2x)", "invalid number '2x'", 9);
  CHECK_ERROR("POINT (1e 2)", "invalid number '1e'", 7);
  CHECK_ERROR("POINT (- 2)", "invalid number '-'", 7);
  CHECK_ERROR("POINT (0x10 2)", "invalid number '0x10'", 7);
  CHECK_ERROR("POINT (EMPTY)", "expected a number at offset 7, found 'EMPTY'", 7);
  CHECK_ERROR("POINT Z (1 2)", "has 2 numbers, expected 3 as the dimension tag says", 9);
  CHECK_ERROR("POINT M (1 2 3 4)", "has 4 numbers, expected 3", 9);
  CHECK_ERROR("LINESTRING (1 2, 3 4 5)", "has 3 numbers, expected 2 like the first coordinate",
              17);
  CHECK_ERROR("MULTIPOINT ((1 2), (3 4 5))", "has 3 numbers, expected 2", 20);
  CHECK_ERROR("POINT Z M (1 2 3)", "expected 'EMPTY' or '(' at offset 8, found 'M'", 8);
  CHECK_ERROR("POINTZ Z (1 2 3)", "second dimension tag 'Z'", 7);
  CHECK_ERROR("POINT ZZ (1 2 3)", "found 'ZZ'", 6);
  CHECK_ERROR("POINT 1 2", "expected 'Z', 'M', 'ZM', 'EMPTY' or '(' at offset 6, found '1'", 6);
  CHECK_ERROR("LINESTRING (1 2)", "linestring at offset 11 has 1 coordinate", 11);
  CHECK_ERROR("MULTILINESTRING ((1 2, 3 4), (5 6))", "linestring 1 at offset 29 has 1 coordinate",
              29);
  CHECK_ERROR("LINESTRING ()", "expected a number at offset 12, found ')'", 12);
  CHECK_ERROR("POLYGON ((0 0, 1 0, 1 1, 0 1))", "ring 0 of polygon 0 at offset 9 is not closed", 9);
  CHECK_ERROR("POLYGON ((0 0, 1 0, 0 0))",
              "ring 0 of polygon 0 at offset 9 has 3 coordinates, at least 4",
              9);
  CHECK_ERROR("POLYGON ((0 0, 1 0, 1 1, 0 0), (0 0, 1 0, 1 1, 0 1))",
              "ring 1 of polygon 0 at offset 31 is not closed", 31);
  CHECK_ERROR("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((0 0, 1 0, 1 1, 0 1)))",
              "ring 0 of polygon 1 at offset 39 is not closed", 39);
  CHECK_ERROR("POLYGON (EMPTY)", "ring 0 of polygon 0 at offset 9 is EMPTY", 9);
  CHECK_ERROR("POLYGON (0 0, 1 0, 1 1, 0 0)", "expected '(' at offset 9, found '0'", 9);
  CHECK_ERROR("POLYGON ((0 0, 1 0, 1 1, 0 0)", "unexpected end of input, expected ',' or ')'", 29);
  CHECK_ERROR("MULTIPOINT ()", "expected a number at offset 12, found ')'", 12);
  CHECK_ERROR("MULTIPOINT ((1 2) (3 4))", "expected ',' or ')' at offset 18, found '('", 18);
  CHECK_ERROR("MULTIPOINT ((1 2)", "unexpected end of input, expected ',' or ')'", 17);
  CHECK_ERROR("MULTIPOINT (((1 2)))", "expected a number at offset 13, found '('", 13);
  CHECK_ERROR("MULTILINESTRING ((1 2, 3 4), 5 6)",
              "expected 'EMPTY' or '(' at offset 29, found '5'",
              29);
  CHECK_ERROR("MULTIPOLYGON ((0 0, 1 0, 1 1, 0 0))", "expected '(' at offset 15, found '0'", 15);
  CHECK_ERROR("GEOMETRYCOLLECTION (POINT (1 2)", "unexpected end of input, expected ',' or ')'",
              31);
  CHECK_ERROR("GEOMETRYCOLLECTION (POINT (1 2),)",
              "expected a geometry type at offset 32, found ')'",
              32);
  CHECK_ERROR("GEOMETRYCOLLECTION ()", "expected a geometry type at offset 20, found ')'", 20);
  CHECK_ERROR("GEOMETRYCOLLECTION (SRID=4326;POINT (1 2))", "unknown geometry type 'SRID'", 20);
  CHECK_ERROR("GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2))",
              "linestring at offset 44 has 1 coordinate", 44);
  CHECK_ERROR("SRID=abc;POINT (1 2)", "expected an SRID number at offset 5, found 'abc'", 5);
  CHECK_ERROR("SRID=99999999999;POINT (1 2)", "SRID at offset 5 does not fit in 32 bits", 5);
  CHECK_ERROR("SRID=4326 POINT (1 2)", "expected ';' at offset 10, found 'POINT'", 10);
  CHECK_ERROR("SRID:4326;POINT (1 2)", "expected '=' at offset 4, found ':'", 4);
  CHECK_ERROR("SRID=4326;", "unexpected end of input, expected a geometry type", 10);
  CHECK_ERROR("   ", "unexpected end of input, expected a geometry type", 3);
  CHECK_ERROR("(1 2)", "expected a geometry type at offset 0, found '('", 0);
  CHECK_ERROR("POINT (1 2)\x01", "unexpected byte 0x01 after the geometry", 11);
  check_error("POINT (1 2)\0", 12, "unexpected byte 0x00 after the geometry", 11);
  check_error("POINT (1\0 2)", 12, "expected a number at offset 8, found byte 0x00", 8);
  CHECK_ERROR("POINT (1 2;", "expected ',' or ')' at offset 10, found ';'", 10);
  CHECK_ERROR("POINT (1 2(", "expected ',' or ')' at offset 10, found '('", 10);
  CHECK_ERROR("POINT (1 2\xc3\xa9)", "invalid number '2?" "?'", 9);
  CHECK_ERROR("POINT \xc3\xa9", "found byte 0xc3", 6);
  CHECK_ERROR("POINTYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY (1 2)",
              "unknown geometry type 'POINTYYYYYYYYYYYYYYYYYYY...'", 0);
}

static void test_depth(void) {
  char text[2000];
  for (int depth = 64; depth <= 65; depth++) {
    size_t k = 0;
    for (int i = 0; i < depth; i++) k += (size_t)sprintf(text + k, "GEOMETRYCOLLECTION (");
    k += (size_t)sprintf(text + k, "POINT (1 2)");
    for (int i = 0; i < depth; i++) text[k++] = ')';
    text[k] = 0;
    if (depth == 64) {
      gv_array *a = parse1(text);
      if (a) {
        char got[2000];
        CHECK_STR(write1(a, 0, -1, 0, got, sizeof got), text);
      }
      gv_array_release(a);
    } else {
      CHECK_ERROR(text, "geometry collections nested deeper than 64 levels", 64 * 20);
    }
  }
}

/* LINEARRING reads as GEOS reads it: a closed LineString. */
static void test_linearring(void) {
  const char *cases[][2] = {
      {"LINEARRING (0 0, 1 1, 1 0, 0 0)", "LINESTRING (0 0, 1 1, 1 0, 0 0)"},
      {"linearring EMPTY", "LINESTRING EMPTY"},
      {"LINEARRING (0 0, 1 1, 0 0)", "LINESTRING (0 0, 1 1, 0 0)"}, /* GEOS 3.13 reads it too */
      {"LINEARRING Z (0 0 1, 1 1 2, 1 0 3, 0 0 4)", "LINESTRING Z (0 0 1, 1 1 2, 1 0 3, 0 0 4)"},
      {"LINEARRINGM (0 0 1, 1 1 2, 1 0 3, 0 0 4)", "LINESTRING M (0 0 1, 1 1 2, 1 0 3, 0 0 4)"},
      {"GEOMETRYCOLLECTION (LINEARRING (0 0, 1 1, 1 0, 0 0), POINT (1 2))",
       "GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1, 1 0, 0 0), POINT (1 2))"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    gv_array *a = parse1(cases[i][0]);
    if (!a) {
      CHECK(0);
      continue;
    }
    char got[200];
    CHECK_STR(write1(a, 0, -1, 0, got, sizeof got), cases[i][1]);
    CHECK(GV_BASE_TYPE(gv_type_byte(a, 0)) == (i == 5 ? GV_GEOMETRYCOLLECTION : GV_LINESTRING));
    gv_array_release(a);
  }
}

/* on_invalid_null: 0 stops at the first error; 1 nulls bad elements. */
static void test_invalid_null(void) {
  const char *texts[] = {"POINT (1 2)", "POINT (1 x)", "", "LINESTRING (1 2, 3 4)",
                         "POLYGON ((0 0, 1 0, 1 1, 0 1))", "POINT (5 6)"};
  gv_array *a = NULL;
  gv_errors err = {0};
  CHECK(parse_n(texts, 6, 0, &a, &err) == GV_ERR_PARSE);
  CHECK(a == NULL);
  CHECK(err.count == 1);
  char buf[600];
  int64_t idx = -1, off = -1;
  const char *msg = first_error(&err, &idx, &off, buf, sizeof buf);
  CHECK(strstr(msg, "expected a number at offset 9, found 'x'") != NULL);
  CHECK(idx == 1 && off == 9);
  gv_errors_free(&err);

  CHECK(parse_n(texts, 6, 1, &a, &err) == GV_OK);
  CHECK(err.count == 3); /* element 2, the empty string, is listed too */
  if (a) {
    uint8_t want[] = {GV_POINT, 0, 0, GV_LINESTRING, 0, GV_POINT};
    for (int i = 0; i < 6; i++) CHECK(gv_type_byte(a, i) == want[i]);
    CHECK(GV_X(a, gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, 5)))) == 5);
    char got[128];
    CHECK_STR(write1(a, 5, -1, 0, got, sizeof got), "POINT (5 6)");
    CHECK_STR(write1(a, 4, -1, 0, got, sizeof got), "");
  }
  gv_array_release(a);
  gv_errors_free(&err);

  /* a failure after the coordinate columns grew must undo cleanly */
  const char *grow[] = {"POINT (1 2)", "POINT Z (7 8 x)", "LINESTRING (1 2 3 4, 5 6 7)",
                        "GEOMETRYCOLLECTION (POINT M (1 2 3), POINT (1 2 3 4 5))", "POINT (3 4)"};
  CHECK(parse_n(grow, 5, 1, &a, &err) == GV_OK);
  CHECK(err.count == 3);
  if (a) {
    CHECK(a->n == 5 && a->z && a->m);
    CHECK(gv_type_byte(a, 4) == GV_POINT && a->gc_off && a->gc_off[5] == 0);
    char got[128];
    CHECK_STR(write1(a, 0, -1, 0, got, sizeof got), "POINT (1 2)");
    CHECK_STR(write1(a, 4, -1, 0, got, sizeof got), "POINT (3 4)");
    CHECK(GV_X(a, 1) == 3 && GV_Y(a, 1) == 4 && isnan(a->z[a->stride]));
  }
  gv_array_release(a);
  gv_errors_free(&err);

  /* bad framing is a caller error */
  int64_t bad[] = {0, 5, 3};
  gv_parse_opts o = {0};
  CHECK(gv_parse_wkt((const uint8_t *)"POINT (1 2)", bad, 2, &o, &a, &err) == GV_ERR_ARG);
  CHECK(gv_parse_wkt(NULL, bad, 1, &o, &a, &err) == GV_ERR_ARG);
  CHECK(gv_parse_wkt(NULL, NULL, 0, &o, &a, &err) == GV_OK);
  if (a) CHECK(a->n == 0);
  gv_array_release(a);
  /* err may be NULL */
  const char *one = "POINT (1 2";
  int64_t off1[] = {0, (int64_t)strlen(one)};
  CHECK(gv_parse_wkt((const uint8_t *)one, off1, 1, NULL, &a, NULL) == GV_ERR_PARSE);
  gv_errors_free(&err);
}

/* The writer works on borrowed layouts: identity offsets, separated
 * columns, a validity bitmap instead of types. */
static void test_write_layouts(void) {
  /* points, separated x / y, validity 0b101 */
  double xs[] = {1, 3, 5}, ys[] = {2, 4, 6};
  uint8_t valid[] = {0x05};
  gv_array a = {0};
  a.n = 3;
  a.type = GV_POINT;
  a.validity = valid;
  a.x = xs;
  a.y = ys;
  a.stride = 1;
  gv_buf out = {0}, off = {0};
  gv_write_opts o = {1, 0, -1};
  CHECK(gv_write_wkt(&a, 0, 3, &o, &out, &off) == GV_OK);
  CHECK(out.len == 22 && memcmp(out.data, "POINT (1 2)POINT (5 6)", 22) == 0);
  if (off.len == 4 * sizeof(int64_t)) {
    const int64_t *b = (const int64_t *)off.data;
    CHECK(b[0] == 0 && b[1] == 11 && b[2] == 11 && b[3] == 22);
  }
  gv_buf_free(&out);
  gv_buf_free(&off);

  /* GeoArrow polygon Z: interleaved xyz, geom level identity */
  double xyz[] = {0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 5, 5, 5, 6, 5, 5, 6, 6, 5, 5, 5, 5};
  int32_t rings_of_poly[] = {0, 1, 1};
  int32_t coords_of_ring[] = {0, 4, 8};
  gv_array p = {0};
  p.n = 2;
  p.type = GV_POLYGON | GV_HAS_Z;
  p.dims = GV_HAS_Z;
  p.part_off = rings_of_poly;
  p.ring_off = coords_of_ring;
  p.x = xyz;
  p.y = xyz + 1;
  p.z = xyz + 2;
  p.stride = 3;
  char got[256];
  CHECK_STR(write1(&p, 0, -1, 0, got, sizeof got), "POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))");
  CHECK_STR(write1(&p, 1, -1, 0, got, sizeof got), "POLYGON Z EMPTY");

  /* a Z type without a z column is an inconsistent array */
  p.z = NULL;
  CHECK_STR(write1(&p, 0, -1, 0, got, sizeof got), "<write failed 3>");

  /* GeoArrow multipoint, separated columns */
  double mx[] = {1, 3, 5}, my[] = {2, 4, 6};
  int32_t pts_of_geom[] = {0, 2, 2, 3};
  gv_array m = {0};
  m.n = 3;
  m.type = GV_MULTIPOINT;
  m.geom_off = pts_of_geom;
  m.x = mx;
  m.y = my;
  m.stride = 1;
  CHECK_STR(write1(&m, 0, -1, 0, got, sizeof got), "MULTIPOINT ((1 2), (3 4))");
  CHECK_STR(write1(&m, 1, -1, 0, got, sizeof got), "MULTIPOINT EMPTY");
  CHECK_STR(write1(&m, 2, -1, 0, got, sizeof got), "MULTIPOINT ((5 6))");

  /* non-finite values are written, though the reader refuses them */
  double nx[] = {INFINITY}, ny[] = {-INFINITY};
  gv_array q = {0};
  q.n = 1;
  q.type = GV_LINESTRING;
  q.geom_off = NULL;
  int32_t ro[] = {0, 1};
  q.ring_off = ro;
  q.x = nx;
  q.y = ny;
  q.stride = 1;
  CHECK_STR(write1(&q, 0, -1, 0, got, sizeof got), "LINESTRING (Inf -Inf)");

  /* collection tokens that do not match the parts are rejected */
  gv_array *c = parse1("GEOMETRYCOLLECTION (POINT (1 2), POINT (3 4))");
  if (c) {
    int32_t *tok = (int32_t *)c->gc_tok;
    tok[0] = (3 << 8) | GV_GEOMETRYCOLLECTION;
    CHECK_STR(write1(c, 0, -1, 0, got, sizeof got), "<write failed 3>");
    tok[0] = (1 << 8) | GV_GEOMETRYCOLLECTION;
    CHECK_STR(write1(c, 0, -1, 0, got, sizeof got), "<write failed 3>");
  }
  gv_array_release(c);
}

/* Text from a write parses back to the same array and writes the same. */
static void test_fixed_point(void) {
  const char *texts[] = {
      "GEOMETRYCOLLECTION ZM (POINT (1 2), MULTIPOINT M ((1 2 3), EMPTY), "
      "GEOMETRYCOLLECTION (LINESTRING Z (1 2 3, 4 5 6)), MULTIPOLYGON ZM EMPTY)",
      "MULTIPOLYGON (((0.1 0.2, 1e-9 0.2, 1e-9 3e30, 0.1 0.2)), EMPTY)",
      "POINT (0.30000000000000004 -1e-320)",
      "SRID=2;MULTILINESTRING M ((0 0 -0, 1 1 1e300))",
      NULL,
      "POINT EMPTY",
  };
  gv_array *a = NULL;
  gv_errors err = {0};
  CHECK(parse_n(texts, 6, 0, &a, &err) == GV_OK);
  gv_buf out = {0}, off = {0}, out2 = {0}, off2 = {0};
  gv_write_opts o = {1, 1, -1};
  CHECK(gv_write_wkt(a, 0, a ? a->n : 0, &o, &out, &off) == GV_OK);
  gv_array *b = NULL;
  uint8_t *valid = validity_of_frames((const int64_t *)off.data, 6);
  gv_parse_opts po = {.validity = valid};
  CHECK(gv_parse_wkt(out.data, (const int64_t *)off.data, 6, &po, &b, &err) == GV_OK);
  free(valid);
  if (a && b) {
    CHECK(same_array(a, b));
    CHECK(gv_write_wkt(b, 0, 6, &o, &out2, &off2) == GV_OK);
    CHECK(out.len == out2.len && memcmp(out.data, out2.data, out.len) == 0);
    CHECK(off.len == off2.len && memcmp(off.data, off2.data, off.len) == 0);
  }
  gv_array_release(a);
  gv_array_release(b);
  gv_buf_free(&out);
  gv_buf_free(&off);
  gv_buf_free(&out2);
  gv_buf_free(&off2);
  gv_errors_free(&err);
}

int main(void) {
  RUN(test_write_table);
  RUN(test_case_and_whitespace);
  RUN(test_structure);
  RUN(test_mixed_array);
  RUN(test_number_round_trip);
  RUN(test_precision);
  RUN(test_errors);
  RUN(test_depth);
  RUN(test_invalid_null);
  RUN(test_linearring);
  RUN(test_write_layouts);
  RUN(test_fixed_point);
  return check_report("test_wkt");
}
