/* WKT writer, in the format GEOS 3.12+ writes:
 *
 *   POINT (1 2)   POINT Z (1 2 3)   POINT M (1 2 4)   POINT ZM (1 2 3 4)
 *   POINT EMPTY   POINT Z EMPTY     LINESTRING (1 2, 3 4)
 *   POLYGON ((0 0, 1 0, 1 1, 0 0), (...))
 *   MULTIPOINT ((1 2), EMPTY)       MULTIPOLYGON (((...)), ((...)))
 *   GEOMETRYCOLLECTION (POINT (1 2), LINESTRING EMPTY)
 *
 * It reads arrays only through the accessors in geovec.h, so any layout
 * works (identity offsets, separated columns, a validity bitmap). Members
 * of a collection carry their own dimension tags, from their tokens.
 *
 * Numbers: gv_format_number (numbers.c): with precision < 0 the shortest
 * text that reads back as the same double (-0 is "-0", so it round-trips bit
 * for bit); with precision >= 0 (at most GV_MAX_PRECISION) fixed notation
 * with trailing zeros trimmed: precision 2 writes 1.5 as "1.5", 2.0049 as
 * "2", -0.001 as "0". Non-finite values, which valid arrays only hold as empty points, are
 * written "NaN", "Inf" and "-Inf" (the reader rejects them).
 *
 * With o->ewkb set, an element with a non-zero SRID gets EWKT's "SRID=n;"
 * prefix (the reader accepts it), so that SRIDs survive a round trip. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "geovec.h"


typedef struct wkt_writer {
  const gv_array *a;
  gv_buf *out;
  int precision; /* -1: shortest round trip */
  int ewkb;
  gv_status status; /* first failure: NOMEM, or ARG for an inconsistent array */
} wkt_writer;

static const char *const type_name[] = {
    "",           "POINT",           "LINESTRING",   "POLYGON",
    "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
};

static void put(wkt_writer *w, const char *s, size_t n) {
  if (!w->status && gv_buf_append(w->out, s, n)) w->status = GV_ERR_NOMEM;
}
#define PUT(w, lit) put(w, lit, sizeof lit - 1)

/* Writes v (gv_format_number: shortest round trip, or fixed precision).
 * NaN and infinities only reach here from a broken array; they are written
 * as words the reader refuses. */
static void put_number(wkt_writer *w, double v) {
  if (w->status) return;
  if (gv_buf_reserve(w->out, GV_NUMBER_ROOM)) {
    w->status = GV_ERR_NOMEM;
    return;
  }
  char *p = (char *)w->out->data + w->out->len;
  if (!isfinite(v)) {
    const char *s = isnan(v) ? "NaN" : v > 0 ? "Inf" : "-Inf";
    size_t n = strlen(s);
    memcpy(p, s, n);
    w->out->len += n;
    return;
  }
  w->out->len += (size_t)gv_format_number(v, w->precision, p);
}

/* "x y[ z][ m]" of coordinate k. */
static void put_coord(wkt_writer *w, int64_t k, uint8_t dims) {
  const gv_array *a = w->a;
  int64_t o = k * a->stride;
  put_number(w, a->x[o]);
  PUT(w, " ");
  put_number(w, a->y[o]);
  if (dims & GV_HAS_Z) {
    PUT(w, " ");
    put_number(w, a->z[o]);
  }
  if (dims & GV_HAS_M) {
    PUT(w, " ");
    put_number(w, a->m[o]);
  }
}

/* " Z", " M", " ZM" or nothing; fails if the array lacks the column. */
static void put_tag(wkt_writer *w, uint8_t dims) {
  if (((dims & GV_HAS_Z) && !w->a->z) || ((dims & GV_HAS_M) && !w->a->m)) {
    if (!w->status) w->status = GV_ERR_ARG;
    return;
  }
  static const char *const tags[] = {"", " Z", " M", " ZM"};
  const char *t = tags[((dims & GV_HAS_Z) ? 1 : 0) + ((dims & GV_HAS_M) ? 2 : 0)];
  put(w, t, strlen(t));
}

/* "(x y)" or EMPTY for point part p. */
static void put_point(wkt_writer *w, int32_t p, uint8_t dims) {
  const gv_array *a = w->a;
  int32_t r = gv_part_begin(a, p), k = gv_ring_begin(a, r);
  if (gv_ring_end(a, r) <= k || (isnan(GV_X(a, k)) && isnan(GV_Y(a, k)))) {
    PUT(w, "EMPTY");
    return;
  }
  PUT(w, "(");
  put_coord(w, k, dims);
  PUT(w, ")");
}

/* "(c, c, ...)" or EMPTY for ring r. */
static void put_ring(wkt_writer *w, int32_t r, uint8_t dims) {
  const gv_array *a = w->a;
  int32_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r);
  if (k >= e) {
    PUT(w, "EMPTY");
    return;
  }
  PUT(w, "(");
  for (; k < e && !w->status; k++) {
    put_coord(w, k, dims);
    if (k + 1 < e) PUT(w, ", ");
  }
  PUT(w, ")");
}

/* "((ring), (ring))" or EMPTY for polygon part p. */
static void put_polygon(wkt_writer *w, int32_t p, uint8_t dims) {
  const gv_array *a = w->a;
  int32_t r = gv_part_begin(a, p), e = gv_part_end(a, p);
  if (r >= e) {
    PUT(w, "EMPTY");
    return;
  }
  PUT(w, "(");
  for (; r < e && !w->status; r++) {
    put_ring(w, r, dims);
    if (r + 1 < e) PUT(w, ", ");
  }
  PUT(w, ")");
}

/* The body of one part of the given kind. */
static void put_part(wkt_writer *w, uint8_t kind, int32_t p, uint8_t dims) {
  if (kind == GV_POINT) put_point(w, p, dims);
  else if (kind == GV_LINESTRING) put_ring(w, gv_part_begin(w->a, p), dims);
  else put_polygon(w, p, dims);
}

/* A simple or multi geometry of type byte t using `count` parts from *p
 * (the parts end at pe): name, tag and body. */
static void put_simple_or_multi(wkt_writer *w, uint8_t t, int64_t count, int32_t *p, int32_t pe) {
  uint8_t base = GV_BASE_TYPE(t), dims = t & (GV_HAS_Z | GV_HAS_M);
  uint8_t kind = base > GV_POLYGON ? (uint8_t)(base - 3) : base;
  const char *name = type_name[base];
  put(w, name, strlen(name));
  put_tag(w, dims);
  PUT(w, " ");
  if (count < 0 || count > pe - *p) { /* more parts than the geometry has */
    if (!w->status) w->status = GV_ERR_ARG;
    return;
  }
  if (base <= GV_POLYGON) {
    put_part(w, kind, (*p)++, dims);
    return;
  }
  if (count == 0) {
    PUT(w, "EMPTY");
    return;
  }
  PUT(w, "(");
  for (int64_t j = 0; j < count && !w->status; j++) {
    put_part(w, kind, (*p)++, dims);
    if (j + 1 < count) PUT(w, ", ");
  }
  PUT(w, ")");
}

/* One node of a collection tree: token *tok (tokens end at te), parts
 * from *p (ending at pe). depth counts the collections around it. */
static void put_node(wkt_writer *w, int32_t *tok, int32_t te, int32_t *p, int32_t pe, int depth) {
  const gv_array *a = w->a;
  if (*tok >= te) {
    if (!w->status) w->status = GV_ERR_ARG;
    return;
  }
  uint32_t token = (uint32_t)a->gc_tok[(*tok)++];
  uint8_t t = (uint8_t)(token & 0xff), base = GV_BASE_TYPE(t);
  int64_t count = (int64_t)(token >> 8);
  if (base == GV_NULL || base > GV_GEOMETRYCOLLECTION) {
    if (!w->status) w->status = GV_ERR_ARG;
    return;
  }
  if (base != GV_GEOMETRYCOLLECTION) {
    put_simple_or_multi(w, t, base <= GV_POLYGON ? 1 : count, p, pe);
    return;
  }
  if (depth > GV_MAX_DEPTH) { /* as the readers allow */
    if (!w->status) w->status = GV_ERR_ARG;
    return;
  }
  PUT(w, "GEOMETRYCOLLECTION");
  put_tag(w, t & (GV_HAS_Z | GV_HAS_M));
  if (count == 0) {
    PUT(w, " EMPTY");
    return;
  }
  PUT(w, " (");
  for (int64_t j = 0; j < count && !w->status; j++) {
    put_node(w, tok, te, p, pe, depth + 1);
    if (j + 1 < count) PUT(w, ", ");
  }
  PUT(w, ")");
}

static void put_element(wkt_writer *w, int64_t i) {
  const gv_array *a = w->a;
  uint8_t t = gv_type_byte(a, i), base = GV_BASE_TYPE(t);
  if (base == GV_NULL) return;
  if (base > GV_GEOMETRYCOLLECTION) {
    w->status = GV_ERR_ARG;
    return;
  }
  if (w->ewkb && a->srid && a->srid[i]) {
    char s[24];
    int n = snprintf(s, sizeof s, "SRID=%d;", (int)a->srid[i]);
    put(w, s, (size_t)n);
  }
  int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i);
  if (base != GV_GEOMETRYCOLLECTION) {
    put_simple_or_multi(w, t, base <= GV_POLYGON ? 1 : pe - p, &p, pe);
    return;
  }
  if (!a->gc_off || !a->gc_tok) {
    w->status = GV_ERR_ARG;
    return;
  }
  int32_t tok = a->gc_off[i], te = a->gc_off[i + 1];
  put_node(w, &tok, te, &p, pe, 1);
  /* the tree must account for exactly the geometry's tokens and parts */
  if (!w->status && (tok != te || p != pe)) w->status = GV_ERR_ARG;
}

gv_status gv_write_wkt(const gv_array *a, int64_t begin, int64_t end, const gv_write_opts *o,
                       gv_buf *out, gv_buf *offsets) {
  if (!a || !out || !offsets || begin < 0 || end < begin || end > a->n) return GV_ERR_ARG;
  int precision = o ? o->precision : -1;
  wkt_writer w = {a, out, precision < 0 ? -1 : precision, o && o->ewkb, GV_OK};
  int64_t pos = (int64_t)out->len;
  if (gv_buf_append(offsets, &pos, sizeof pos)) return GV_ERR_NOMEM;
  for (int64_t i = begin; i < end; i++) {
    put_element(&w, i);
    if (w.status) return w.status;
    pos = (int64_t)out->len;
    if (gv_buf_append(offsets, &pos, sizeof pos)) return GV_ERR_NOMEM;
  }
  return GV_OK;
}
