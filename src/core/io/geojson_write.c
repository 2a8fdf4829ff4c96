/* GeoJSON writer: each element as a geometry object text, e.g.
 * {"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}.
 *
 * Everything is read through the accessors of geovec.h, so borrowed arrays
 * (identity offsets, separated coordinates, validity bitmaps) work as well
 * as parsed ones.
 *  - null elements are written as `null`;
 *  - POINT EMPTY (NaN x and y) as "coordinates":[], also inside a MultiPoint;
 *  - XYZ writes 3 numbers, XYZM 4; XYM drops M (GeoJSON positions have no M
 *    without Z, and a third number would be read back as Z);
 *  - numbers by gv_format_number (numbers.c): the shortest text that reads
 *    back to the same double (-0 is kept as "-0" so that a round trip is bit
 *    for bit), or, with precision >= 0, that many digits after the point,
 *    trailing zeros trimmed;
 *  - a non-finite coordinate (possible only in arrays built from foreign
 *    buffers, never in parsed ones) is written as null, as JSON.stringify
 *    does: the output stays JSON, and a GeoJSON reader will reject it;
 *  - collections are written from their token tree; a collection without
 *    one is written as a flat collection of its parts. */
#include <math.h>
#include <string.h>

#include "geovec.h"


typedef struct writer {
  const gv_array *a;
  gv_buf *out;
  int precision;
  gv_status st;
} writer;

static void put(writer *w, const char *s, size_t n) {
  if (gv_buf_append(w->out, s, n)) w->st = GV_ERR_NOMEM;
}
#define PUTS(w, lit) put(w, lit, sizeof(lit) - 1)

/* Writes v at d (room for GV_NUMBER_ROOM bytes) with gv_format_number. */
static int put_number(double v, int precision, char *d) {
  if (!isfinite(v)) {
    memcpy(d, "null", 4);
    return 4;
  }
  return gv_format_number(v, precision, d);
}

/* [x,y(,z(,m))] of coordinate c. */
static void put_position(writer *w, int64_t c, int nz, int nm) {
  size_t room = (size_t)(w->precision < 0 ? 33 : GV_NUMBER_ROOM) * 4 + 8;
  if (gv_buf_reserve(w->out, room)) {
    w->st = GV_ERR_NOMEM;
    return;
  }
  const gv_array *a = w->a;
  int64_t o = c * a->stride;
  char *d0 = (char *)w->out->data + w->out->len, *d = d0;
  *d++ = '[';
  d += put_number(a->x[o], w->precision, d);
  *d++ = ',';
  d += put_number(a->y[o], w->precision, d);
  if (nz) {
    *d++ = ',';
    d += put_number(a->z[o], w->precision, d);
    if (nm) {
      *d++ = ',';
      d += put_number(a->m[o], w->precision, d);
    }
  }
  *d++ = ']';
  w->out->len += (size_t)(d - d0);
}

/* Positions of ring r as an array. */
static void put_ring(writer *w, int32_t r, int nz, int nm) {
  int32_t cb = gv_ring_begin(w->a, r), ce = gv_ring_end(w->a, r);
  PUTS(w, "[");
  for (int32_t c = cb; c < ce && !w->st; c++) {
    if (c > cb) PUTS(w, ",");
    put_position(w, c, nz, nm);
  }
  PUTS(w, "]");
}

/* The coordinates of point part p: a position, or [] when empty. */
static void put_point(writer *w, int32_t p, int nz, int nm) {
  const gv_array *a = w->a;
  int32_t r = gv_part_begin(a, p);
  if (gv_part_end(a, p) <= r || gv_ring_end(a, r) <= gv_ring_begin(a, r)) {
    PUTS(w, "[]");
    return;
  }
  int32_t c = gv_ring_begin(a, r);
  if (isnan(GV_X(a, c)) && isnan(GV_Y(a, c))) PUTS(w, "[]");
  else put_position(w, c, nz, nm);
}

/* The coordinates of line part p: its first ring. */
static void put_line(writer *w, int32_t p, int nz, int nm) {
  if (gv_part_end(w->a, p) > gv_part_begin(w->a, p)) put_ring(w, gv_part_begin(w->a, p), nz, nm);
  else PUTS(w, "[]");
}

static void put_polygon(writer *w, int32_t p, int nz, int nm) {
  int32_t rb = gv_part_begin(w->a, p), re = gv_part_end(w->a, p);
  PUTS(w, "[");
  for (int32_t r = rb; r < re && !w->st; r++) {
    if (r > rb) PUTS(w, ",");
    put_ring(w, r, nz, nm);
  }
  PUTS(w, "]");
}

static void put_part(writer *w, uint8_t kind, int32_t p, int nz, int nm) {
  if (kind == GV_POINT) put_point(w, p, nz, nm);
  else if (kind == GV_LINESTRING) put_line(w, p, nz, nm);
  else put_polygon(w, p, nz, nm);
}

static const char *const type_names[] = {"",           "Point",           "LineString",
                                         "Polygon",    "MultiPoint",      "MultiLineString",
                                         "MultiPolygon", "GeometryCollection"};

/* A non-collection geometry of type byte t over parts [pb, pe). */
static void put_geometry(writer *w, uint8_t t, int32_t pb, int32_t pe) {
  const gv_array *a = w->a;
  uint8_t base = GV_BASE_TYPE(t);
  int nz = (t & GV_HAS_Z) && a->z, nm = nz && (t & GV_HAS_M) && a->m;
  PUTS(w, "{\"type\":\"");
  put(w, type_names[base], strlen(type_names[base]));
  PUTS(w, "\",\"coordinates\":");
  if (base <= GV_POLYGON) {
    if (pe > pb) put_part(w, base, pb, nz, nm);
    else PUTS(w, "[]");
  } else {
    uint8_t kind = (uint8_t)(base - 3);
    PUTS(w, "[");
    for (int32_t p = pb; p < pe && !w->st; p++) {
      if (p > pb) PUTS(w, ",");
      put_part(w, kind, p, nz, nm);
    }
    PUTS(w, "]");
  }
  PUTS(w, "}");
}

/* Walking a collection's tokens: next token, next part, and their ends. */
typedef struct cursor {
  int32_t tok, tok_end, part, part_end;
} cursor;

/* One node of a collection tree; -1 when the tree does not fit the array. */
static int put_node(writer *w, cursor *c, int depth) {
  const gv_array *a = w->a;
  if (c->tok >= c->tok_end || depth > GV_MAX_DEPTH) return -1;
  uint32_t tok = (uint32_t)a->gc_tok[c->tok++];
  uint8_t t = (uint8_t)(tok & 0xff), base = GV_BASE_TYPE(t);
  uint32_t count = tok >> 8;
  switch (base) {
  case GV_POINT:
  case GV_LINESTRING:
  case GV_POLYGON:
    if (c->part >= c->part_end || gv_part_kind(a, t, c->part) != base) return -1;
    put_geometry(w, t, c->part, c->part + 1);
    c->part++;
    return 0;
  case GV_MULTIPOINT:
  case GV_MULTILINESTRING:
  case GV_MULTIPOLYGON:
    if ((int64_t)count > (int64_t)(c->part_end - c->part)) return -1;
    for (uint32_t k = 0; k < count; k++)
      if (gv_part_kind(a, t, c->part + (int32_t)k) != base - 3) return -1;
    put_geometry(w, t, c->part, c->part + (int32_t)count);
    c->part += (int32_t)count;
    return 0;
  case GV_GEOMETRYCOLLECTION:
    /* each child needs at least one token: a cheap bound against bad trees */
    if ((int64_t)count > (int64_t)(c->tok_end - c->tok)) return -1;
    PUTS(w, "{\"type\":\"GeometryCollection\",\"geometries\":[");
    for (uint32_t k = 0; k < count && !w->st; k++) {
      if (k) PUTS(w, ",");
      if (put_node(w, c, depth + 1)) return -1;
    }
    PUTS(w, "]}");
    return 0;
  default:
    return -1;
  }
}

static int put_collection(writer *w, int64_t i, uint8_t t, int32_t pb, int32_t pe) {
  const gv_array *a = w->a;
  int32_t tb = 0, te = 0;
  if (a->gc_off && a->gc_tok) {
    tb = a->gc_off[i];
    te = a->gc_off[i + 1];
  }
  if (te <= tb) { /* no tree recorded: a flat collection of the parts */
    PUTS(w, "{\"type\":\"GeometryCollection\",\"geometries\":[");
    for (int32_t p = pb; p < pe && !w->st; p++) {
      uint8_t kind = gv_part_kind(a, t, p);
      if (kind < GV_POINT || kind > GV_POLYGON) return -1;
      if (p > pb) PUTS(w, ",");
      put_geometry(w, (uint8_t)(kind | (t & (GV_HAS_Z | GV_HAS_M))), p, p + 1);
    }
    PUTS(w, "]}");
    return 0;
  }
  if (GV_BASE_TYPE(a->gc_tok[tb]) != GV_GEOMETRYCOLLECTION) return -1;
  cursor c = {tb, te, pb, pe};
  if (put_node(w, &c, 0)) return -1;
  return w->st || (c.tok == te && c.part == pe) ? 0 : -1; /* the tree must cover the geometry */
}

static gv_status write_all(writer *w, int64_t begin, int64_t end, gv_buf *offsets) {
  const gv_array *a = w->a;
  for (int64_t i = begin; i <= end; i++) {
    if (offsets) {
      int64_t at = (int64_t)w->out->len;
      gv_buf_append(offsets, &at, sizeof at); /* reserved by the caller */
    }
    if (i == end) break;
    uint8_t t = gv_type_byte(a, i), base = GV_BASE_TYPE(t);
    int32_t pb = gv_geom_begin(a, i), pe = gv_geom_end(a, i);
    if (base == GV_NULL) {
      PUTS(w, "null");
    } else if (base > GV_GEOMETRYCOLLECTION || pe < pb) {
      return GV_ERR_ARG;
    } else if (base == GV_GEOMETRYCOLLECTION) {
      if (put_collection(w, i, t, pb, pe)) return w->st ? w->st : GV_ERR_ARG;
    } else {
      put_geometry(w, t, pb, pe);
    }
    if (w->st) return w->st;
  }
  return GV_OK;
}

/* On failure out and offsets are left as they were. */
gv_status gv_write_geojson(const gv_array *a, int64_t begin, int64_t end, const gv_write_opts *o,
                           gv_buf *out, gv_buf *offsets) {
  if (!a || !out || begin < 0 || end < begin || end > a->n) return GV_ERR_ARG;
  writer w = {a, out, o ? o->precision : -1, GV_OK};
  if (offsets) {
    int64_t count = end - begin;
    if ((uint64_t)count + 1 > SIZE_MAX / 8 ||
        gv_buf_reserve(offsets, (size_t)(count + 1) * sizeof(int64_t)))
      return GV_ERR_NOMEM;
  }
  size_t out_len = out->len, offsets_len = offsets ? offsets->len : 0;
  gv_status st = write_all(&w, begin, end, offsets);
  if (st) {
    out->len = out_len;
    if (offsets) offsets->len = offsets_len;
  }
  return st;
}
