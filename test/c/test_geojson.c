/* GeoJSON reader and writer: every type and form, member orders, property
 * and id ranges, errors (message and offset), on_invalid_null, the writer's
 * exact output, round trips, and the shared real-world files. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "geovec.h"

#define DATA_DIR "../shared/data/"

/* ---- helpers ------------------------------------------------------------------ */
typedef struct parsed {
  gv_status st;
  gv_array *a;
  gv_buf props;
  gv_errors err;
} parsed;

static parsed parse_n(const char *json, size_t len, int null_mode) {
  parsed p;
  memset(&p, 0, sizeof p);
  gv_parse_opts o = {.on_invalid_null = null_mode};
  p.st = gv_parse_geojson((const uint8_t *)json, len, &o, &p.a, &p.props, &p.err);
  return p;
}

static parsed parse(const char *json, int null_mode) { return parse_n(json, strlen(json), null_mode); }

static void parsed_free(parsed *p) {
  gv_array_release(p->a);
  gv_buf_free(&p->props);
  gv_errors_free(&p->err);
}

/* Every element written, joined by ';'. Caller frees. */
static char *write_joined(const gv_array *a, int precision) {
  gv_buf out = {0}, offs = {0};
  gv_write_opts o = {1, 0, precision};
  if (gv_write_geojson(a, 0, a->n, &o, &out, &offs) != GV_OK) return NULL;
  const int64_t *off = (const int64_t *)offs.data;
  gv_buf s = {0};
  for (int64_t i = 0; i < a->n; i++) {
    if (i) gv_buf_append(&s, ";", 1);
    gv_buf_append(&s, out.data + off[i], (size_t)(off[i + 1] - off[i]));
  }
  gv_buf_append(&s, "", 1);
  gv_buf_free(&out);
  gv_buf_free(&offs);
  return (char *)gv_buf_take(&s);
}

/* Parses json (mode 0) and compares the writer's output. */
static void check_rewrite(const char *json, const char *expected, int line) {
  parsed p = parse(json, 0);
  char *got = p.a ? write_joined(p.a, -1) : NULL;
  if (!got || strcmp(got, expected) != 0) {
    fprintf(stderr, "line %d: input %s\n  expected %s\n  got      %s\n  errors: %.*s\n", line, json,
            expected, got ? got : "(none)", (int)p.err.text.len, (const char *)p.err.text.data);
  }
  CHECK(got && strcmp(got, expected) == 0);
  free(got);
  parsed_free(&p);
}
#define REWRITE(json, expected) check_rewrite(json, expected, __LINE__)

/* The first error line without its newline (into buf). */
static const char *first_error(const parsed *p, char *buf, size_t cap) {
  buf[0] = 0;
  if (!p->err.text.len) return buf;
  const char *t = (const char *)p->err.text.data;
  size_t n = 0;
  while (n < p->err.text.len && t[n] != '\n' && n + 1 < cap) buf[n] = t[n], n++;
  buf[n] = 0;
  return buf;
}

/* [start, end) of element i's properties (k = 0) or id (k = 1) as a string;
 * "<absent>" for -1. */
static const char *range_text(const parsed *p, const char *json, int64_t i, int k, char *buf,
                              size_t cap) {
  const int64_t *r = (const int64_t *)p->props.data + 4 * i + 2 * k;
  if (r[0] < 0 || r[1] < 0) {
    snprintf(buf, cap, "<absent>");
    return buf;
  }
  snprintf(buf, cap, "%.*s", (int)(r[1] - r[0]), json + r[0]);
  return buf;
}

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* ---- every type and form ---------------------------------------------------------- */
static void test_types(void) {
  REWRITE("{\"type\":\"Point\",\"coordinates\":[1,2]}", "{\"type\":\"Point\",\"coordinates\":[1,2]}");
  REWRITE("{\"type\":\"Point\",\"coordinates\":[1.5,-2.25,3]}",
          "{\"type\":\"Point\",\"coordinates\":[1.5,-2.25,3]}");
  REWRITE("{\"type\":\"Point\",\"coordinates\":[1,2,3,4]}",
          "{\"type\":\"Point\",\"coordinates\":[1,2,3,4]}");
  REWRITE("{\"type\":\"Point\",\"coordinates\":[1e2,-0.5e-1]}",
          "{\"type\":\"Point\",\"coordinates\":[100,-0.05]}");
  REWRITE(" { \"type\" : \"LineString\" ,\n\t\"coordinates\" : [ [ 0 , 0 ] ,\r\n [ 1 , 1 ] ] } ",
          "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}");
  REWRITE("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[4,0],[4,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[4,0],[4,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}");
  REWRITE("{\"type\":\"MultiPoint\",\"coordinates\":[[1,2],[],[3,4]]}",
          "{\"type\":\"MultiPoint\",\"coordinates\":[[1,2],[],[3,4]]}");
  REWRITE("{\"type\":\"MultiLineString\",\"coordinates\":[[[0,0],[1,1]],[],[[2,2],[3,3],[4,4]]]}",
          "{\"type\":\"MultiLineString\",\"coordinates\":[[[0,0],[1,1]],[],[[2,2],[3,3],[4,4]]]}");
  REWRITE("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[],[[[5,5],[6,5],[6,6],[5,5]]]]}",
          "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[],[[[5,5],[6,5],[6,6],[5,5]]]]}");
  REWRITE("{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]},"
          "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}]}",
          "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]},"
          "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}]}");
  /* Feature, FeatureCollection and array forms */
  REWRITE("{\"type\":\"Feature\",\"properties\":{\"a\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}",
          "{\"type\":\"Point\",\"coordinates\":[1,2]}");
  REWRITE("{\"type\":\"Feature\",\"properties\":null,\"geometry\":null}", "null");
  REWRITE("{\"type\":\"FeatureCollection\",\"features\":[]}", "");
  REWRITE("[]", "");
  REWRITE("{\"type\":\"FeatureCollection\",\"features\":["
          "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{}},"
          "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}},"
          "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[3,4]},\"properties\":{}}]}",
          "{\"type\":\"Point\",\"coordinates\":[1,2]};null;{\"type\":\"Point\",\"coordinates\":[3,4]}");
  REWRITE("[{\"type\":\"Point\",\"coordinates\":[1,2]},"
          "{\"type\":\"Feature\",\"geometry\":null,\"properties\":null},"
          "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
          "{\"type\":\"Point\",\"coordinates\":[5,6]},\"properties\":{}}]},null,"
          "{\"type\":\"FeatureCollection\",\"features\":[]}]",
          "{\"type\":\"Point\",\"coordinates\":[1,2]};null;{\"type\":\"Point\",\"coordinates\":[5,6]};null");
  /* a UTF-8 BOM is skipped */
  REWRITE("\xef\xbb\xbf{\"type\":\"Point\",\"coordinates\":[1,2]}",
          "{\"type\":\"Point\",\"coordinates\":[1,2]}");
}

static void test_empty_forms(void) {
  const char *types[] = {"Point", "LineString", "Polygon", "MultiPoint", "MultiLineString",
                         "MultiPolygon"};
  for (int t = 0; t < 6; t++) {
    char in[128];
    snprintf(in, sizeof in, "{\"type\":\"%s\",\"coordinates\":[]}", types[t]);
    REWRITE(in, in);
    parsed p = parse(in, 0);
    CHECK(p.st == GV_OK && p.a->n == 1);
    if (p.a) {
      CHECK(gv_type_byte(p.a, 0) == t + 1);
      int32_t parts = gv_geom_end(p.a, 0) - gv_geom_begin(p.a, 0);
      CHECK(parts == (t < 3 ? 1 : 0)); /* simple types keep their one part */
    }
    parsed_free(&p);
  }
  /* POINT EMPTY is a NaN coordinate */
  parsed p = parse("{\"type\":\"Point\",\"coordinates\":[]}", 0);
  CHECK(p.a && isnan(GV_X(p.a, 0)) && isnan(GV_Y(p.a, 0)));
  parsed_free(&p);
  REWRITE("{\"type\":\"GeometryCollection\",\"geometries\":[]}",
          "{\"type\":\"GeometryCollection\",\"geometries\":[]}");
  /* whitespace inside empty arrays */
  REWRITE("{\"type\":\"Point\",\"coordinates\":[ ]}", "{\"type\":\"Point\",\"coordinates\":[]}");
  REWRITE("{\"type\":\"Polygon\",\"coordinates\":[\n]}", "{\"type\":\"Polygon\",\"coordinates\":[]}");
}

/* ---- member orders -------------------------------------------------------------------- */
static void permute(int *v, int n, int k, void (*fn)(const int *, int, void *), void *ctx) {
  if (k == n) {
    fn(v, n, ctx);
    return;
  }
  for (int i = k; i < n; i++) {
    int t = v[k];
    v[k] = v[i], v[i] = t;
    permute(v, n, k + 1, fn, ctx);
    t = v[k], v[k] = v[i], v[i] = t;
  }
}

typedef struct order_ctx {
  const char **members;
  const char *geometry; /* for features: the geometry text inside */
  const char *expected;
  int count;
} order_ctx;

static void build_object(const char **members, const int *order, int n, const char *fill,
                         char *buf, size_t cap) {
  size_t k = 0;
  k += (size_t)snprintf(buf + k, cap - k, "{");
  for (int i = 0; i < n; i++) {
    char m[1024];
    snprintf(m, sizeof m, members[order[i]], fill ? fill : "");
    k += (size_t)snprintf(buf + k, cap - k, "%s%s", i ? "," : "", m);
  }
  snprintf(buf + k, cap - k, "}");
}

/* Geometry members in every order, inside Feature members in every order. */
static void geometry_order(const int *order, int n, void *vctx) {
  order_ctx *c = vctx;
  static const char *geom_members[] = {"\"type\":\"Polygon\"",
                                       "\"coordinates\":[[[0,0],[2,0],[2,2],[0,0]]]",
                                       "\"bbox\":[0,0,2,2]"};
  char geom[512];
  build_object(geom_members, order, n, NULL, geom, sizeof geom);
  const char *expected = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,2],[0,0]]]}";
  REWRITE(geom, expected);
  /* the same geometry inside a Feature, whose members are permuted too */
  static const char *feat_members[] = {"\"type\":\"Feature\"", "\"id\":\"f-1\"",
                                       "\"properties\":{\"type\":\"x\",\"geometry\":[1]}",
                                       "\"geometry\":%s", "\"coordinates\":{\"foreign\":true}"};
  int fo[5] = {0, 1, 2, 3, 4};
  /* a handful of feature orders per geometry order keeps this quick */
  static const int orders[][5] = {{0, 1, 2, 3, 4}, {3, 2, 1, 0, 4}, {4, 3, 0, 2, 1},
                                  {2, 3, 4, 1, 0}, {1, 4, 3, 0, 2}};
  for (size_t o = 0; o < sizeof orders / sizeof orders[0]; o++) {
    memcpy(fo, orders[o], sizeof fo);
    char feat[1024];
    build_object(feat_members, fo, 5, geom, feat, sizeof feat);
    parsed p = parse(feat, 0);
    CHECK(p.st == GV_OK && p.a && p.a->n == 1);
    if (p.a) {
      char *got = write_joined(p.a, -1);
      CHECK_STR(got, expected);
      free(got);
      char buf[256];
      CHECK_STR(range_text(&p, feat, 0, 0, buf, sizeof buf), "{\"type\":\"x\",\"geometry\":[1]}");
      CHECK_STR(range_text(&p, feat, 0, 1, buf, sizeof buf), "\"f-1\"");
    }
    parsed_free(&p);
  }
  c->count++;
}

static void collection_order(const int *order, int n, void *vctx) {
  order_ctx *c = vctx;
  static const char *members[] = {"\"type\":\"GeometryCollection\"",
                                  ("\"geometries\":[{\"coordinates\":[1,2],\"type\":\"Point\"},"
                                   "{\"geometries\":[{\"type\":\"MultiPoint\",\"coordinates\":[[3,4]]}],"
                                   "\"type\":\"GeometryCollection\"}]"),
                                  "\"foreign\":{\"geometries\":null}"};
  char buf[512];
  build_object(members, order, n, NULL, buf, sizeof buf);
  REWRITE(buf, "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]},"
               "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"MultiPoint\",\"coordinates\":[[3,4]]}]}]}");
  c->count++;
}

static void fc_order(const int *order, int n, void *vctx) {
  order_ctx *c = vctx;
  static const char *members[] = {
      "\"type\":\"FeatureCollection\"",
      ("\"features\":[{\"geometry\":{\"coordinates\":[1,2],\"type\":\"Point\"},\"properties\":{\"n\":1},"
       "\"type\":\"Feature\"},{\"properties\":{\"n\":2},\"type\":\"Feature\",\"geometry\":null}]"),
      "\"bbox\":[1,2,1,2]", "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"x\"}}"};
  char buf[1024];
  build_object(members, order, n, NULL, buf, sizeof buf);
  parsed p = parse(buf, 0);
  CHECK(p.st == GV_OK && p.a && p.a->n == 2);
  if (p.a && p.a->n == 2) {
    char *got = write_joined(p.a, -1);
    CHECK_STR(got, "{\"type\":\"Point\",\"coordinates\":[1,2]};null");
    free(got);
    char r[64];
    CHECK_STR(range_text(&p, buf, 0, 0, r, sizeof r), "{\"n\":1}");
    CHECK_STR(range_text(&p, buf, 1, 0, r, sizeof r), "{\"n\":2}");
    CHECK_STR(range_text(&p, buf, 1, 1, r, sizeof r), "<absent>");
  }
  parsed_free(&p);
  c->count++;
}

static void test_member_orders(void) {
  order_ctx c = {0};
  int v[4] = {0, 1, 2, 3};
  permute(v, 3, 0, geometry_order, &c);
  CHECK(c.count == 6);
  c.count = 0;
  permute(v, 3, 0, collection_order, &c);
  CHECK(c.count == 6);
  c.count = 0;
  permute(v, 4, 0, fc_order, &c);
  CHECK(c.count == 24);
}

/* ---- properties and id ranges ------------------------------------------------------------ */
static void test_props_ranges(void) {
  const char *json =
      "[{\"type\":\"Feature\",\"id\":17,\"properties\":{\"name\":\"A \\\"q\\\" \xc3\xa9\",\"n\":[1,{\"x\":null}]},"
      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
      "{\"type\":\"Point\",\"coordinates\":[3,4]},"
      "{\"type\":\"Feature\",\"geometry\":null,\"properties\":null,\"id\":\"x\\u0041\"},"
      "{\"type\":\"Feature\",\"geometry\":null},"
      "{\"type\":\"Feature\",\"properties\" :  {} , \"geometry\":null,\"id\": -1.5e3 }]";
  parsed p = parse(json, 0);
  CHECK(p.st == GV_OK && p.a && p.a->n == 5);
  CHECK(p.props.len == 5 * 4 * sizeof(int64_t));
  if (p.a && p.a->n == 5) {
    char b[256];
    CHECK_STR(range_text(&p, json, 0, 0, b, sizeof b),
              "{\"name\":\"A \\\"q\\\" \xc3\xa9\",\"n\":[1,{\"x\":null}]}");
    CHECK_STR(range_text(&p, json, 0, 1, b, sizeof b), "17");
    CHECK_STR(range_text(&p, json, 1, 0, b, sizeof b), "<absent>"); /* bare geometry */
    CHECK_STR(range_text(&p, json, 1, 1, b, sizeof b), "<absent>");
    CHECK_STR(range_text(&p, json, 2, 0, b, sizeof b), "null");
    CHECK_STR(range_text(&p, json, 2, 1, b, sizeof b), "\"x\\u0041\"");
    CHECK_STR(range_text(&p, json, 3, 0, b, sizeof b), "<absent>");
    CHECK_STR(range_text(&p, json, 3, 1, b, sizeof b), "<absent>");
    CHECK_STR(range_text(&p, json, 4, 0, b, sizeof b), "{}");
    CHECK_STR(range_text(&p, json, 4, 1, b, sizeof b), "-1.5e3");
    CHECK(gv_is_null(p.a, 2) && gv_is_null(p.a, 3) && !gv_is_null(p.a, 0));
  }
  parsed_free(&p);
  /* props == NULL is allowed */
  gv_array *a = NULL;
  gv_parse_opts o = {0};
  CHECK(gv_parse_geojson((const uint8_t *)json, strlen(json), &o, &a, NULL, NULL) == GV_OK);
  CHECK(a && a->n == 5);
  gv_array_release(a);
  /* props are appended after what the buffer already holds */
  gv_buf props = {0};
  int64_t junk = 42;
  gv_buf_append(&props, &junk, sizeof junk);
  CHECK(gv_parse_geojson((const uint8_t *)json, strlen(json), &o, &a, &props, NULL) == GV_OK);
  CHECK(props.len == sizeof junk + 5 * 32);
  gv_array_release(a);
  gv_buf_free(&props);
}

/* ---- strings, escapes, UTF-8 ------------------------------------------------------------------ */
static void test_strings(void) {
  const char *props = "{\"n\\u00e4me\":\"Z\xc3\xbcrich \\u00e9 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t "
                      "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80 \\ud83d\\ude00\",\"e\":\"\"}";
  char json[512];
  snprintf(json, sizeof json,
           "{\"typ\\u0065\":\"Feature\",\"properties\":%s,\"geom\\u0065try\":"
           "{\"\\u0074ype\":\"Po\\u0069nt\",\"coordinates\":[1,2]}}",
           props);
  parsed p = parse(json, 0);
  CHECK(p.st == GV_OK && p.a && p.a->n == 1);
  if (p.a && p.a->n == 1) {
    char b[256];
    CHECK_STR(range_text(&p, json, 0, 0, b, sizeof b), props);
    CHECK(gv_type_byte(p.a, 0) == GV_POINT);
  }
  parsed_free(&p);
  /* an escaped name that is not one of ours is a foreign member */
  REWRITE("{\"type\":\"Point\",\"coordinates\":[1,2],\"\\u00e9\":1,\"coordinates2\":[]}",
          "{\"type\":\"Point\",\"coordinates\":[1,2]}");
}

/* ---- nested collections and dimensions --------------------------------------------------------------- */
static void test_collections(void) {
  const char *json =
      "{\"type\":\"GeometryCollection\",\"geometries\":["
      "{\"type\":\"Point\",\"coordinates\":[1,2]},"
      "{\"type\":\"GeometryCollection\",\"geometries\":["
      "{\"type\":\"LineString\",\"coordinates\":[[0,0,1],[1,1,2]]},"
      "{\"type\":\"GeometryCollection\",\"geometries\":[]}]},"
      "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}]}";
  parsed p = parse(json, 0);
  CHECK(p.st == GV_OK && p.a && p.a->n == 1);
  if (p.a && p.a->n == 1) {
    const gv_array *a = p.a;
    CHECK(gv_type_byte(a, 0) == (GV_GEOMETRYCOLLECTION | GV_HAS_Z)); /* union of members */
    CHECK(a->gc_off && a->gc_tok);
    if (a->gc_off) {
      int32_t expect[] = {(3 << 8) | GV_GEOMETRYCOLLECTION | GV_HAS_Z,
                          (1 << 8) | GV_POINT,
                          (2 << 8) | GV_GEOMETRYCOLLECTION | GV_HAS_Z,
                          (1 << 8) | GV_LINESTRING | GV_HAS_Z,
                          (0 << 8) | GV_GEOMETRYCOLLECTION,
                          (2 << 8) | GV_MULTIPOLYGON};
      CHECK(a->gc_off[1] - a->gc_off[0] == 6);
      for (int k = 0; k < 6 && a->gc_off[1] - a->gc_off[0] == 6; k++) CHECK(a->gc_tok[a->gc_off[0] + k] == expect[k]);
    }
    CHECK(gv_geom_end(a, 0) - gv_geom_begin(a, 0) == 4); /* point, line, 2 polygons */
    CHECK(a->part_type && a->part_type[0] == GV_POINT && a->part_type[1] == GV_LINESTRING &&
          a->part_type[2] == GV_POLYGON);
    CHECK(a->z && isnan(a->z[0]) && a->z[a->stride] == 1); /* the point has no Z */
    char *got = write_joined(a, -1);
    CHECK_STR(got, "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]},"
                   "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"LineString\",\"coordinates\":[[0,0,1],[1,1,2]]},"
                   "{\"type\":\"GeometryCollection\",\"geometries\":[]}]},"
                   "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}]}");
    free(got);
  }
  parsed_free(&p);

  /* 64 nested collections are fine, 65 are not */
  for (int depth = 64; depth <= 65; depth++) {
    gv_buf b = {0};
    for (int i = 0; i < depth; i++) {
      const char *open = "{\"type\":\"GeometryCollection\",\"geometries\":[";
      gv_buf_append(&b, open, strlen(open));
    }
    size_t deepest = b.len - 1; /* the last "geometries" array */
    for (int i = 0; i < depth; i++) gv_buf_append(&b, "]}", 2);
    parsed q = parse_n((const char *)b.data, b.len, 0);
    if (depth == 64) {
      CHECK(q.st == GV_OK && q.a && q.a->n == 1);
    } else {
      char e[256], want[128];
      CHECK(q.st == GV_ERR_PARSE);
      snprintf(want, sizeof want, "0\t%zu\tGeometryCollection nested deeper than 64 levels", deepest);
      CHECK_STR(first_error(&q, e, sizeof e), want);
    }
    parsed_free(&q);
    gv_buf_free(&b);
  }
}

static void test_dims(void) {
  const char *json = "[{\"type\":\"Point\",\"coordinates\":[1,2]},"
                     "{\"type\":\"LineString\",\"coordinates\":[[1,2,3],[4,5,6]]},"
                     "{\"type\":\"MultiPoint\",\"coordinates\":[[1,2,3,4],[]]},"
                     "{\"type\":\"Point\",\"coordinates\":[7,8]}]";
  parsed p = parse(json, 0);
  CHECK(p.st == GV_OK && p.a && p.a->n == 4);
  if (p.a && p.a->n == 4) {
    const gv_array *a = p.a;
    CHECK(a->dims == (GV_HAS_Z | GV_HAS_M) && a->stride == 4 && a->z && a->m);
    CHECK(gv_type_byte(a, 0) == GV_POINT);
    CHECK(gv_type_byte(a, 1) == (GV_LINESTRING | GV_HAS_Z));
    CHECK(gv_type_byte(a, 2) == (GV_MULTIPOINT | GV_HAS_Z | GV_HAS_M));
    CHECK(isnan(a->z[0]) && isnan(a->m[0]));                 /* XY point before any Z */
    CHECK(a->z[1 * 4] == 3 && isnan(a->m[1 * 4]));           /* XYZ: no M */
    CHECK(a->z[3 * 4] == 3 && a->m[3 * 4] == 4);             /* XYZM */
    CHECK(isnan(GV_X(a, 4)) && isnan(GV_Y(a, 4)));           /* empty point */
    CHECK(GV_X(a, 5) == 7 && isnan(a->z[5 * 4]));
    char *got = write_joined(a, -1);
    CHECK_STR(got, "{\"type\":\"Point\",\"coordinates\":[1,2]};"
                   "{\"type\":\"LineString\",\"coordinates\":[[1,2,3],[4,5,6]]};"
                   "{\"type\":\"MultiPoint\",\"coordinates\":[[1,2,3,4],[]]};"
                   "{\"type\":\"Point\",\"coordinates\":[7,8]}");
    free(got);
  }
  parsed_free(&p);
}

/* ---- errors ---------------------------------------------------------------------------------------- */
typedef struct err_case {
  const char *json;
  int index;
  const char *at; /* the error's offset is where this first occurs; NULL = end of input */
  const char *message;
} err_case;

static const err_case err_cases[] = {
    {"{\"type\":\"Pointt\",\"coordinates\":[1,2]}", 0, "\"Pointt\"", "unknown geometry type \"Pointt\""},
    {"{\"type\":\"point\",\"coordinates\":[1,2]}", 0, "\"point\"", "unknown geometry type \"point\""},
    {"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}", 0, "[[0,0]",
     "ring 0 of Polygon has 3 positions, at least 4 required"},
    {"{\"type\":\"Polygon\",\"coordinates\":[[]]}", 0, "[]]", "ring 0 of Polygon has 0 positions, at least 4 required"},
    {"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}", 0, "[[0,0]",
     "ring 0 of Polygon is not closed"},
    {"{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,0]],"
     "[[5,5],[6,5],[6,6],[5,6]]]]}",
     0, "[[5,5]", "ring 1 of polygon 1 of MultiPolygon is not closed"},
    {"{\"type\":\"LineString\",\"coordinates\":[[1,2]]}", 0, "[[1,2]",
     "LineString has 1 position, 0 or at least 2 required"},
    {"{\"type\":\"MultiLineString\",\"coordinates\":[[[0,0],[1,1]],[[2,2]]]}", 0, "[[2,2]",
     "line 1 of MultiLineString has 1 position, 0 or at least 2 required"},
    {"{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1,1]]}", 0, "[1,1,1]",
     "position 1 of LineString has 3 numbers but the first position has 2"},
    {"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1,5],[0,0]]]}", 0, "[1,1,5]",
     "position 2 of ring 0 of Polygon has 3 numbers but the first position has 2"},
    {"{\"type\":\"MultiPoint\",\"coordinates\":[[1,2,3],[],[4,5]]}", 0, "[4,5]",
     "point 2 of MultiPoint has 2 numbers but the first position has 3"},
    {"{\"type\":\"MultiLineString\",\"coordinates\":[[[0,0],[1,1]],[[2,2],[3]]]}", 0, "[3]",
     "position 1 of line 1 of MultiLineString has 1 number, at least 2 required"},
    {"{\"type\":\"Point\",\"coordinates\":[1]}", 0, "[1]", "position of Point has 1 number, at least 2 required"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2,3,4,5]}", 0, "[1,2", "position of Point has more than 4 numbers"},
    {"{\"type\":\"LineString\",\"coordinates\":[[0,0],[]]}", 0, "[]",
     "position 1 of LineString has 0 numbers, at least 2 required"},
    {"{\"type\":\"Point\",\"coordinates\":[1e999,2]}", 0, "1e999", "number out of range in position of Point"},
    {"{\"type\":\"Point\",\"coordinates\":[1,-1e400]}", 0, "-1e400", "number out of range in position of Point"},
    {"{\"type\":\"Point\",\"coordinates\":[1,\"2\"]}", 0, "\"2\"", "expected a number in position of Point"},
    {"{\"type\":\"Point\",\"coordinates\":[[1,2]]}", 0, "[1,2]", "expected a number in position of Point"},
    {"{\"type\":\"LineString\",\"coordinates\":[1,2]}", 0, "1,2", "expected a position (an array of numbers)"},
    {"{\"type\":\"Polygon\",\"coordinates\":{}}", 0, "{}", "expected an array of rings"},
    {"{\"type\":\"Point\",\"coordinates\":null}", 0, "null", "expected a position (an array of numbers)"},
    {"{\"coordinates\":[1,2]}", 0, "{", "object has no \"type\" member"},
    {"{}", 0, "{", "object has no \"type\" member"},
    {"{\"type\":1,\"coordinates\":[1,2]}", 0, "1,", "expected a string for \"type\""},
    {"{\"type\":\"Point\"}", 0, "{", "Point has no \"coordinates\" member"},
    {"{\"type\":\"GeometryCollection\"}", 0, "{", "GeometryCollection has no \"geometries\" member"},
    {"{\"type\":\"GeometryCollection\",\"coordinates\":[]}", 0, "{",
     "GeometryCollection has no \"geometries\" member"},
    {"{\"type\":\"Feature\",\"properties\":{}}", 0, "{", "Feature has no \"geometry\" member"},
    {"{\"type\":\"Point\",\"type\":\"Point\",\"coordinates\":[1,2]}", 0, "\"type\":\"Point\",\"coordinates\"",
     "duplicate \"type\" member"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"coordinates\":[1,2]}", 0, "\"coordinates\":[1,2]}",
     "duplicate \"coordinates\" member"},
    {"{\"type\":\"Feature\",\"geometry\":null,\"geometry\":null,\"properties\":{}}", 0,
     "\"geometry\":null,\"p", "duplicate \"geometry\" member"},
    {"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Feature\"},\"properties\":null}", 0, "\"Feature\"}",
     "expected a geometry, got \"Feature\""},
    {"{\"type\":\"Feature\",\"geometry\":5,\"properties\":null}", 0, "5,", "expected a geometry object or null"},
    {"{\"type\":\"GeometryCollection\",\"geometries\":[5]}", 0, "5]", "expected a geometry object"},
    {"{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"LineString\",\"coordinates\":[[1,2]]}]}", 0,
     "[[1,2]", "LineString has 1 position, 0 or at least 2 required"},
    {"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Point\",\"coordinates\":[1,2]}]}", 0, "\"Point\"",
     "expected a Feature in \"features\", got \"Point\""},
    {"{\"type\":\"FeatureCollection\",\"features\":[5]}", 0, "5]", "expected a Feature object"},
    {"{\"type\":\"FeatureCollection\"}", 0, "{", "FeatureCollection has no \"features\" member"},
    {"{\"type\":\"FeatureCollection\",\"features\":{}}", 0, "{}", "expected an array of features"},
    {"[5]", 0, "5", "expected a GeoJSON object"},
    {"[{\"type\":\"Point\",\"coordinates\":[1,2]},[]]", 1, "[]", "expected a GeoJSON object"},
    {"{\"type\":\"FeatureCollection\",\"features\":["
     "{\"type\":\"Feature\",\"properties\":null,\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
     "{\"type\":\"Feature\",\"properties\":null,\"geometry\":null},"
     "{\"type\":\"Feature\",\"properties\":null,\"geometry\":{\"type\":\"Pointt\",\"coordinates\":[]}}]}",
     2, "\"Pointt\"", "unknown geometry type \"Pointt\""},
    /* JSON syntax */
    {"{\"type\" \"Point\"}", 0, "\"Point\"", "expected ':' after member name"},
    {"{type:\"Point\"}", 0, "type", "expected a member name"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],}", 0, "}", "expected a member name"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2] \"x\":1}", 0, "\"x\"", "expected ',' or '}' after member value"},
    /* after the document the index is the element count */
    {"{\"type\":\"Point\",\"coordinates\":[1,2]} x", 1, "x", "unexpected data after the document"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2]}{}", 1, "{}", "unexpected data after the document"},
    {"{\"type\":\"FeatureCollection\",\"features\":[]}\n#", 0, "#", "unexpected data after the document"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2", 0, NULL, "unexpected end of input, expected ',' or ']' in position"},
    {"{\"type\":\"Point\",\"coordinates\":[1 2]}", 0, "2]", "expected ',' or ']' in position"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2]", 0, NULL, "unexpected end of input, expected ',' or '}' after member value"},
    {"{\"type\":\"LineString\",\"coordinates\":[[1,2],]}", 0, "]}", "expected a position (an array of numbers)"},
    {"{\"type\":\"Point\",\"coordinates\":[01,2]}", 0, "01", "invalid number"},
    {"{\"type\":\"Point\",\"coordinates\":[1.,2]}", 0, "1.", "invalid number"},
    {"{\"type\":\"Point\",\"coordinates\":[+1,2]}", 0, "+1", "expected a number"},
    {"{\"type\":\"Point\",\"coordinates\":[NaN,2]}", 0, "NaN", "expected a number"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":01}", 0, "01", "invalid number (leading zero)"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":-}", 0, "-}", "invalid number"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":1e}", 0, "1e}", "invalid number"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":tru}", 0, "tru", "invalid literal (expected true, false or null)"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":[1,]}", 0, "]}", "expected a value"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":[1 2]}", 0, "2]}", "expected ',' or ']' after array item"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":\"a\\qb\"}", 0, "\\q", "invalid escape '\\q' in string"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":\"\\u12G4\"}", 0, "\\u12",
     "invalid \\u escape in string (4 hex digits required)"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":\"a\tb\"}", 0, "\t",
     "control character 0x09 in string (must be escaped)"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":\"\xff\"}", 0, "\xff", "invalid UTF-8 in string"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":\"\xc0\xaf\"}", 0, "\xc0", "invalid UTF-8 in string"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":\"\xed\xa0\x80\"}", 0, "\xed", "invalid UTF-8 in string"},
    {"{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":\"abc", 0, "\"abc", "unterminated string"},
    {"{\"type\":\"Point", 0, "\"Point", "unterminated string"},
    {"", 0, NULL, "unexpected end of input, expected a GeoJSON object or array"},
    {"  \n ", 0, NULL, "unexpected end of input, expected a GeoJSON object or array"},
    {"5", 0, "5", "expected a GeoJSON object or array"},
    {"null", 0, "null", "expected a GeoJSON object or array"},
    {"[{\"type\":\"Point\",\"coordinates\":[1,2]} {}]", 1, "{}]", "expected ',' or ']' after array item"},
};

static void test_errors(void) {
  for (size_t k = 0; k < sizeof err_cases / sizeof err_cases[0]; k++) {
    const err_case *c = &err_cases[k];
    size_t len = strlen(c->json);
    size_t off = len;
    if (c->at) {
      const char *f = strstr(c->json, c->at);
      CHECK(f != NULL);
      off = f ? (size_t)(f - c->json) : 0;
    }
    char want[400], got[400];
    snprintf(want, sizeof want, "%d\t%zu\t%s", c->index, off, c->message);
    parsed p = parse(c->json, 0);
    CHECK(p.st == GV_ERR_PARSE && p.a == NULL);
    CHECK(p.err.count == 1); /* exactly the first error */
    first_error(&p, got, sizeof got);
    if (strcmp(got, want) != 0) fprintf(stderr, "case %zu: %s\n", k, c->json);
    CHECK_STR(got, want);
    parsed_free(&p);
  }
  /* a deep skipped value: 512 levels pass, 513 do not */
  for (int depth = 512; depth <= 513; depth++) {
    gv_buf b = {0};
    const char *head = "{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":";
    gv_buf_append(&b, head, strlen(head));
    for (int i = 0; i < depth; i++) gv_buf_append(&b, "[", 1);
    for (int i = 0; i < depth; i++) gv_buf_append(&b, "]", 1);
    gv_buf_append(&b, "}", 1);
    parsed p = parse_n((const char *)b.data, b.len, 0);
    if (depth == 512) {
      CHECK(p.st == GV_OK);
    } else {
      char want[128], got[256];
      snprintf(want, sizeof want, "0\t%zu\tJSON nested deeper than 512 levels", strlen(head) + 512);
      CHECK(p.st == GV_ERR_PARSE);
      CHECK_STR(first_error(&p, got, sizeof got), want);
    }
    parsed_free(&p);
    gv_buf_free(&b);
  }
  /* bad arguments */
  gv_array *a = (gv_array *)1;
  CHECK(gv_parse_geojson(NULL, 5, NULL, &a, NULL, NULL) == GV_ERR_ARG && a == NULL);
  CHECK(gv_parse_geojson((const uint8_t *)"[]", 2, NULL, NULL, NULL, NULL) == GV_ERR_ARG);
  CHECK(gv_parse_geojson((const uint8_t *)"[]", 2, NULL, &a, NULL, NULL) == GV_OK && a && a->n == 0);
  gv_array_release(a);
}

/* ---- on_invalid_null ------------------------------------------------------------------------------------- */
static void test_null_mode(void) {
  /* geometry errors become nulls; a Feature keeps its properties and id */
  const char *fc =
      "{\"type\":\"FeatureCollection\",\"features\":["
      "{\"type\":\"Feature\",\"properties\":{\"k\":0},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
      "{\"type\":\"Feature\",\"id\":7,\"properties\":{\"k\":1},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
      "[[[0,0,0],[1,0,0],[1,1,0],[0,1,0]]]}},"
      "{\"type\":\"Feature\",\"properties\":{\"k\":2},\"geometry\":null},"
      "{\"type\":\"Point\",\"coordinates\":[1,2]},"
      "{\"geometry\":{\"type\":\"Pointt\",\"coordinates\":[1,2]},\"properties\":{\"k\":4},\"type\":\"Feature\"},"
      "{\"type\":\"Feature\",\"properties\":{\"k\":5},\"geometry\":{\"type\":\"Point\",\"coordinates\":[5,6]}},"
      "{\"type\":\"Feature\",\"properties\":{\"k\":6},\"geometry\":[1,{\"a\":[]}]},"
      "{\"type\":\"Feature\",\"properties\":{},\"properties\":{},\"geometry\":null},"
      "{\"type\":\"Feature\",\"properties\":{\"k\":8},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2],\"x\":[1 2]}}"
      "]}";
  parsed p = parse(fc, 1);
  CHECK(p.st == GV_ERR_PARSE && p.a == NULL); /* the last feature has a syntax error */
  parsed_free(&p);

  /* without the syntax error at the end */
  char ok[2048];
  const char *cut = strstr(fc, ",{\"type\":\"Feature\",\"properties\":{\"k\":8}");
  snprintf(ok, sizeof ok, "%.*s]}", (int)(cut - fc), fc);
  p = parse(ok, 1);
  CHECK(p.st == GV_OK && p.a && p.a->n == 8);
  CHECK(p.err.count == 5);
  if (p.a && p.a->n == 8) {
    char *got = write_joined(p.a, -1);
    CHECK_STR(got, "{\"type\":\"Point\",\"coordinates\":[1,2]};null;null;null;null;"
                   "{\"type\":\"Point\",\"coordinates\":[5,6]};null;null");
    free(got);
    char b[128];
    CHECK_STR(range_text(&p, ok, 1, 0, b, sizeof b), "{\"k\":1}"); /* kept */
    CHECK_STR(range_text(&p, ok, 1, 1, b, sizeof b), "7");
    CHECK_STR(range_text(&p, ok, 2, 0, b, sizeof b), "{\"k\":2}");
    CHECK_STR(range_text(&p, ok, 3, 0, b, sizeof b), "<absent>"); /* not a Feature */
    CHECK_STR(range_text(&p, ok, 4, 0, b, sizeof b), "{\"k\":4}");
    CHECK_STR(range_text(&p, ok, 6, 0, b, sizeof b), "{\"k\":6}");
    CHECK_STR(range_text(&p, ok, 7, 0, b, sizeof b), "<absent>"); /* the feature itself is bad */
    /* one line per bad element, with its index */
    gv_buf_append(&p.err.text, "", 1); /* NUL-terminate for strstr */
    const char *t = (const char *)p.err.text.data;
    CHECK(strncmp(t, "1\t", 2) == 0 && strstr(t, "ring 0 of Polygon is not closed"));
    CHECK(strstr(t, "\n3\t") && strstr(t, "expected a Feature in \\\"features\\\"") == NULL);
    CHECK(strstr(t, "\n3\t") != NULL && strstr(t, "got \"Point\"") != NULL);
    CHECK(strstr(t, "\n4\t") != NULL && strstr(t, "unknown geometry type \"Pointt\"") != NULL);
    CHECK(strstr(t, "\n6\t") != NULL && strstr(t, "expected a geometry object or null") != NULL);
    CHECK(strstr(t, "\n7\t") != NULL && strstr(t, "duplicate \"properties\" member") != NULL);
    /* the Z polygon that failed left no trace in the coordinates */
    CHECK(p.a->dims == GV_HAS_Z && GV_X(p.a, 1) == 5 && GV_Y(p.a, 1) == 6);
  }
  parsed_free(&p);

  /* top-level array: bad items become null */
  const char *arr = "[{\"type\":\"Point\",\"coordinates\":[1,2]},"
                    "{\"type\":\"LineString\",\"coordinates\":[[1,2,3],[4,5]]},"
                    "5, \"x\", [1,[2]], null,"
                    "{\"coordinates\":[1],\"type\":\"Point\"},"
                    "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[9,9]},"
                    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[0,0]]]}]},"
                    "{\"type\":\"Point\",\"coordinates\":[3,4]}]";
  p = parse(arr, 1);
  CHECK(p.st == GV_OK && p.a && p.a->n == 9);
  CHECK(p.err.count == 6);
  if (p.a && p.a->n == 9) {
    char *got = write_joined(p.a, -1);
    CHECK_STR(got, "{\"type\":\"Point\",\"coordinates\":[1,2]};null;null;null;null;null;null;null;"
                   "{\"type\":\"Point\",\"coordinates\":[3,4]}");
    free(got);
    CHECK(p.a->gc_off == NULL || p.a->gc_off[8] == p.a->gc_off[9]);
  }
  parsed_free(&p);
  /* the same input stops at the first bad element in mode 0 */
  p = parse(arr, 0);
  char e[256];
  CHECK(p.st == GV_ERR_PARSE && p.err.count == 1);
  CHECK(strncmp(first_error(&p, e, sizeof e), "1\t", 2) == 0);
  parsed_free(&p);

  /* a geometry error followed by a syntax error: both reported, parse stops */
  p = parse("[{\"type\":\"Point\",\"coordinates\":[1,\"a\"]},{\"type\":\"Point\",\"coordinates\":[1,2]},{]", 1);
  CHECK(p.st == GV_ERR_PARSE && p.a == NULL && p.err.count == 2);
  parsed_free(&p);
  /* a syntax error inside a bad geometry is found when it is skipped */
  p = parse("[{\"type\":\"Point\",\"coordinates\":[1,\"a\" 2]}]", 1);
  CHECK(p.st == GV_ERR_PARSE && p.err.count == 2);
  parsed_free(&p);
  /* FeatureCollection-level errors stop in both modes */
  p = parse("[{\"type\":\"FeatureCollection\"},{\"type\":\"Point\",\"coordinates\":[1,2]}]", 1);
  CHECK(p.st == GV_ERR_PARSE && p.err.count == 1);
  parsed_free(&p);
  p = parse("{\"type\":\"FeatureCollection\",\"features\":[],\"features\":[]}", 1);
  CHECK(p.st == GV_ERR_PARSE && p.err.count == 1);
  parsed_free(&p);
}

/* ---- the writer on its own ----------------------------------------------------------------------------------- */
static char *write_range(const gv_array *a, int64_t b, int64_t e, int precision) {
  gv_buf out = {0}, offs = {0};
  gv_write_opts o = {1, 0, precision};
  gv_status st = gv_write_geojson(a, b, e, &o, &out, &offs);
  CHECK(st == GV_OK);
  CHECK(offs.len == (size_t)(e - b + 1) * 8);
  gv_buf_append(&out, "", 1);
  gv_buf_free(&offs);
  return (char *)gv_buf_take(&out);
}

static void test_writer_borrowed(void) {
  /* points in separated columns, identity offsets, a validity bitmap */
  double xs[3] = {1, 2, 3.25}, ys[3] = {4, 5, -6};
  uint8_t valid = 0x05; /* element 1 is null */
  gv_array a;
  memset(&a, 0, sizeof a);
  a.n = 3;
  a.type = GV_POINT;
  a.validity = &valid;
  a.x = xs;
  a.y = ys;
  a.stride = 1;
  char *s = write_range(&a, 0, 3, -1);
  CHECK_STR(s, "{\"type\":\"Point\",\"coordinates\":[1,4]}null{\"type\":\"Point\",\"coordinates\":[3.25,-6]}");
  free(s);
  s = write_range(&a, 1, 3, -1);
  CHECK_STR(s, "null{\"type\":\"Point\",\"coordinates\":[3.25,-6]}");
  free(s);
  s = write_range(&a, 2, 2, -1);
  CHECK_STR(s, "");
  free(s);

  /* XYM line string (M is dropped), interleaved xym */
  double xym[] = {0, 0, 7, 1, 1, 8};
  int32_t geom_off[] = {0, 1};
  gv_array l;
  memset(&l, 0, sizeof l);
  l.n = 1;
  l.type = GV_LINESTRING | GV_HAS_M;
  l.dims = GV_HAS_M;
  l.geom_off = geom_off;
  l.ring_off = (const int32_t[]){0, 2};
  l.x = xym;
  l.y = xym + 1;
  l.m = xym + 2;
  l.stride = 3;
  s = write_range(&l, 0, 1, -1);
  CHECK_STR(s, "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}");
  free(s);

  /* XYZM polygon */
  double xyzm[] = {0, 0, 1, 2, 1, 0, 1, 2, 1, 1, 1, 2, 0, 0, 1, 2};
  gv_array pg;
  memset(&pg, 0, sizeof pg);
  pg.n = 1;
  pg.type = GV_POLYGON | GV_HAS_Z | GV_HAS_M;
  pg.dims = GV_HAS_Z | GV_HAS_M;
  pg.ring_off = (const int32_t[]){0, 4};
  pg.x = xyzm, pg.y = xyzm + 1, pg.z = xyzm + 2, pg.m = xyzm + 3;
  pg.stride = 4;
  s = write_range(&pg, 0, 1, -1);
  CHECK_STR(s, "{\"type\":\"Polygon\",\"coordinates\":[[[0,0,1,2],[1,0,1,2],[1,1,1,2],[0,0,1,2]]]}");
  free(s);

  /* offsets are positions in out, after what it held */
  gv_buf out = {0}, offs = {0};
  gv_buf_append(&out, "xy", 2);
  CHECK(gv_write_geojson(&a, 0, 3, NULL, &out, &offs) == GV_OK);
  const int64_t *o = (const int64_t *)offs.data;
  CHECK(offs.len == 4 * 8 && o[0] == 2 && o[1] == 2 + 36 && o[2] == o[1] + 4 && o[3] == (int64_t)out.len);
  /* bad arguments leave the buffers alone */
  CHECK(gv_write_geojson(&a, 0, 4, NULL, &out, &offs) == GV_ERR_ARG);
  CHECK(gv_write_geojson(&a, 2, 1, NULL, &out, &offs) == GV_ERR_ARG);
  CHECK(gv_write_geojson(NULL, 0, 0, NULL, &out, &offs) == GV_ERR_ARG);
  CHECK(offs.len == 4 * 8);
  /* offsets are optional */
  CHECK(gv_write_geojson(&a, 0, 1, NULL, &out, NULL) == GV_OK);
  gv_buf_free(&out);
  gv_buf_free(&offs);

  /* an inconsistent collection tree is an argument error, not a crash */
  int32_t tok[] = {(5 << 8) | GV_GEOMETRYCOLLECTION, (1 << 8) | GV_POINT};
  int32_t gc_off[] = {0, 2};
  uint8_t types[] = {GV_GEOMETRYCOLLECTION};
  double pt[] = {1, 2};
  gv_array g;
  memset(&g, 0, sizeof g);
  g.n = 1;
  g.types = types;
  g.gc_off = gc_off;
  g.gc_tok = tok;
  g.part_type = (const uint8_t[]){GV_POINT};
  g.x = pt, g.y = pt + 1, g.stride = 2;
  gv_buf o2 = {0};
  CHECK(gv_write_geojson(&g, 0, 1, NULL, &o2, NULL) == GV_ERR_ARG);
  CHECK(o2.len == 0);
  tok[0] = (1 << 8) | GV_GEOMETRYCOLLECTION;
  CHECK(gv_write_geojson(&g, 0, 1, NULL, &o2, NULL) == GV_OK);
  gv_buf_append(&o2, "", 1);
  CHECK_STR((const char *)o2.data, "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]}]}");
  gv_buf_free(&o2);
  /* no tree: a flat collection of the parts */
  g.gc_off = NULL;
  g.gc_tok = NULL;
  CHECK(gv_write_geojson(&g, 0, 1, NULL, &o2, NULL) == GV_OK);
  gv_buf_append(&o2, "", 1);
  CHECK_STR((const char *)o2.data, "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]}]}");
  gv_buf_free(&o2);
}

static void test_writer_numbers(void) {
  struct {
    const char *in;
    int precision;
    const char *out;
  } cases[] = {
      {"[1.23456,-0.001]", 2, "[1.23,0]"},
      {"[2.6,100]", 0, "[3,100]"},
      {"[0.5,1.25]", 3, "[0.5,1.25]"},
      {"[-1.23456789,1e-7]", 5, "[-1.23457,0]"},
      {"[123456789.5,1e21]", 1, "[123456789.5,1000000000000000000000]"},
      {"[0.1,0.2]", -1, "[0.1,0.2]"},
      {"[-0,0]", -1, "[-0,0]"},
      {"[-0.0,1e-7]", -1, "[-0,0.0000001]"},
      {"[5e-324,1.7976931348623157e308]", -1, "[5e-324,1.7976931348623157e+308]"},
      {"[0.30000000000000004,1e21]", -1, "[0.30000000000000004,1e+21]"},
      {"[123456789012345680000,-2.5e-10]", -1, "[1.2345678901234568e+20,-2.5e-10]"},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    char in[160], want[200];
    snprintf(in, sizeof in, "{\"type\":\"Point\",\"coordinates\":%s}", cases[k].in);
    snprintf(want, sizeof want, "{\"type\":\"Point\",\"coordinates\":%s}", cases[k].out);
    parsed p = parse(in, 0);
    CHECK(p.a != NULL);
    if (p.a) {
      char *got = write_joined(p.a, cases[k].precision);
      CHECK_STR(got, want);
      free(got);
    }
    parsed_free(&p);
  }
}

/* ---- round trips ----------------------------------------------------------------------------------------------- */
/* Writes all of a, wraps the texts in a JSON array, parses that, and checks
 * that the coordinates are bit for bit the same and a second write is equal. */
static void check_round_trip(const gv_array *a, const char *label) {
  gv_buf out = {0}, offs = {0};
  CHECK(gv_write_geojson(a, 0, a->n, NULL, &out, &offs) == GV_OK);
  const int64_t *o = (const int64_t *)offs.data;
  gv_buf arr = {0};
  gv_buf_append(&arr, "[", 1);
  for (int64_t i = 0; i < a->n; i++) {
    if (i) gv_buf_append(&arr, ",\n", 2);
    gv_buf_append(&arr, out.data + o[i], (size_t)(o[i + 1] - o[i]));
  }
  gv_buf_append(&arr, "]", 1);
  parsed q = parse_n((const char *)arr.data, arr.len, 0);
  CHECK(q.st == GV_OK && q.a && q.a->n == a->n);
  if (q.st != GV_OK) fprintf(stderr, "%s: %.*s\n", label, (int)q.err.text.len, (const char *)q.err.text.data);
  if (q.a && q.a->n == a->n) {
    const gv_array *b = q.a;
    int same = 1;
    for (int64_t i = 0; i < a->n && same; i++) {
      same &= gv_type_byte(a, i) == gv_type_byte(b, i);
      if (gv_is_null(a, i)) continue;
      int64_t c0 = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
      int64_t c1 = gv_ring_begin(a, gv_part_begin(a, gv_geom_end(a, i)));
      int64_t d0 = gv_ring_begin(b, gv_part_begin(b, gv_geom_begin(b, i)));
      int64_t d1 = gv_ring_begin(b, gv_part_begin(b, gv_geom_end(b, i)));
      same &= c1 - c0 == d1 - d0;
      uint8_t t = gv_type_byte(a, i);
      for (int64_t k = 0; k < c1 - c0 && same; k++) {
        double ax = GV_X(a, c0 + k), bx = GV_X(b, d0 + k);
        if (isnan(ax)) {
          same &= isnan(bx) && isnan(GV_Y(b, d0 + k));
          continue;
        }
        same &= same_bits(ax, bx) && same_bits(GV_Y(a, c0 + k), GV_Y(b, d0 + k));
        if ((t & GV_HAS_Z) && a->z && !(GV_BASE_TYPE(t) == GV_GEOMETRYCOLLECTION))
          same &= same_bits(a->z[(c0 + k) * a->stride], b->z[(d0 + k) * b->stride]);
      }
    }
    if (!same) fprintf(stderr, "%s: coordinates differ after a round trip\n", label);
    CHECK(same);
    gv_buf out2 = {0}, offs2 = {0};
    CHECK(gv_write_geojson(b, 0, b->n, NULL, &out2, &offs2) == GV_OK);
    CHECK(out2.len == out.len && memcmp(out2.data, out.data, out.len) == 0);
    CHECK(offs2.len == offs.len && memcmp(offs2.data, offs.data, offs.len) == 0);
    gv_buf_free(&out2);
    gv_buf_free(&offs2);
  }
  parsed_free(&q);
  gv_buf_free(&arr);
  gv_buf_free(&out);
  gv_buf_free(&offs);
}

static void test_round_trips(void) {
  const char *docs[] = {
      "[{\"type\":\"Point\",\"coordinates\":[5e-324,2.2250738585072014e-308]},"
      "{\"type\":\"Point\",\"coordinates\":[1.7976931348623157e308,-0.0]},"
      "{\"type\":\"Point\",\"coordinates\":[0.1,0.3333333333333333,-1e-300]},"
      "{\"type\":\"LineString\",\"coordinates\":[[123456789.123456789,9007199254740993],[1e21,1e-7]]},"
      "{\"type\":\"Point\",\"coordinates\":[]},null,"
      "{\"type\":\"MultiPoint\",\"coordinates\":[[1,2,3,4],[],[5,6,7,8]]},"
      "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]},"
      "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"LineString\",\"coordinates\":[[0,0,1],[1,1,2]]}]},"
      "{\"type\":\"MultiPolygon\",\"coordinates\":[[],[[[0,0],[1,0],[1,1],[0,0]]]]},"
      "{\"type\":\"Point\",\"coordinates\":[]},{\"type\":\"MultiLineString\",\"coordinates\":[[]]}]},"
      "{\"type\":\"Polygon\",\"coordinates\":[[[0.1,0.2],[1.3,0.2],[1.3,1.7],[0.1,0.2]]]}]",
  };
  for (size_t k = 0; k < sizeof docs / sizeof docs[0]; k++) {
    parsed p = parse(docs[k], 0);
    CHECK(p.st == GV_OK && p.a);
    if (p.a) check_round_trip(p.a, "round trip doc");
    parsed_free(&p);
  }
  /* -0 keeps its sign bit */
  parsed p = parse("{\"type\":\"Point\",\"coordinates\":[-0,-0.0e5]}", 0);
  CHECK(p.a && signbit(GV_X(p.a, 0)) && signbit(GV_Y(p.a, 0)));
  parsed_free(&p);
}

/* ---- the shared real-world files ------------------------------------------------------------------------------------ */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *d = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (d && fread(d, 1, (size_t)n, f) != (size_t)n) {
    free(d);
    d = NULL;
  }
  fclose(f);
  *len = d ? (size_t)n : 0;
  return d;
}

static void test_shared_data(void) {
  struct {
    const char *name;
    int64_t features;
    int round_trip;
  } files[] = {
      {"us-counties.geojson", 3230, 1},     {"us-states.geojson", 56, 0},
      {"ne-countries-10m.geojson", 254, 0}, {"ne-admin1-10m.geojson", 4596, 0},
      {"ne-countries-110m.geojson", 177, 1}, {"nybb.geojson", 5, 1},
      {"ne-cities-110m.geojson", 243, 1},   {"world-cities.geojson", 44691, 0},
      {"tg-shapes.geojson", 5, 1},
  };
  size_t len;
  char *probe = read_file(DATA_DIR "us-counties.geojson", &len);
  if (!probe) {
    printf("note: %s not found, skipping the shared data files\n", DATA_DIR);
    return;
  }
  free(probe);
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
    char path[256];
    snprintf(path, sizeof path, DATA_DIR "%s", files[k].name);
    char *d = read_file(path, &len);
    if (!d) {
      printf("note: %s not found, skipped\n", path);
      continue;
    }
    parsed p = parse_n(d, len, 0);
    if (p.st) fprintf(stderr, "%s: %.*s\n", files[k].name, (int)p.err.text.len, (const char *)p.err.text.data);
    CHECK(p.st == GV_OK && p.a && p.a->n == files[k].features);
    CHECK(p.props.len == (size_t)files[k].features * 32);
    if (p.a && p.a->n > 0) {
      /* every feature has properties, and they look like objects */
      const int64_t *r = (const int64_t *)p.props.data;
      int good = 1;
      for (int64_t i = 0; i < p.a->n; i++)
        good &= r[4 * i] >= 0 && d[r[4 * i]] == '{' && d[r[4 * i + 1] - 1] == '}';
      CHECK(good);
      if (files[k].round_trip) check_round_trip(p.a, files[k].name);
    }
    parsed_free(&p);
    free(d);
  }
}

int main(void) {
  RUN(test_types);
  RUN(test_empty_forms);
  RUN(test_member_orders);
  RUN(test_props_ranges);
  RUN(test_strings);
  RUN(test_collections);
  RUN(test_dims);
  RUN(test_errors);
  RUN(test_null_mode);
  RUN(test_writer_borrowed);
  RUN(test_writer_numbers);
  RUN(test_round_trips);
  RUN(test_shared_data);
  return check_report("test_geojson");
}
