/* WKB parser: ISO and EWKB (PostGIS) well-known binary, both byte orders,
 * appended to a builder.
 *
 * Every count is checked against the bytes left before anything is reserved
 * for it, so a hostile count can never make us allocate more than the input
 * could describe. Coordinates of a ring are reserved in one go and, when the
 * input layout equals the builder's (same byte order as the host, same
 * dimensions), copied with one memcpy and then checked for finiteness in a
 * tight loop: this is the path nearly all real data takes. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "geovec.h"

#include "bytes.h"

/* Unaligned loads go through memcpy: input offsets are arbitrary. */
static inline uint32_t load_u32(const uint8_t *p, int swap) {
  uint32_t v;
  memcpy(&v, p, 4);
  return swap ? bswap32(v) : v;
}

static inline uint64_t load_u64(const uint8_t *p, int swap) {
  uint64_t v;
  memcpy(&v, p, 8);
  return swap ? bswap64(v) : v;
}

#define EXP_MASK 0x7ff0000000000000ull
#define MANT_MASK 0x000fffffffffffffull
static inline int bits_finite(uint64_t u) { return (u & EXP_MASK) != EXP_MASK; }
static inline int bits_nan(uint64_t u) { return (u & EXP_MASK) == EXP_MASK && (u & MANT_MASK); }

/* ---- names for messages ----------------------------------------------------- */
static const char *type_name(uint32_t base) {
  static const char *names[] = {"Geometry",        "Point",          "LineString",
                                "Polygon",         "MultiPoint",     "MultiLineString",
                                "MultiPolygon",    "GeometryCollection"};
  return base < 8 ? names[base] : "?";
}

static const char *dims_name(uint8_t dims) {
  switch (dims & (GV_HAS_Z | GV_HAS_M)) {
  case GV_HAS_Z: return "XYZ";
  case GV_HAS_M: return "XYM";
  case GV_HAS_Z | GV_HAS_M: return "XYZM";
  default: return "XY";
  }
}

/* ---- the reader --------------------------------------------------------------- */
typedef struct reader {
  const uint8_t *p; /* the element's bytes */
  size_t len;
  size_t pos;
  gv_builder *b;
  /* the first error: byte offset within the element and its message */
  size_t err_off;
  char msg[200];
} reader;

/* A geometry header: byte order, type code and optional EWKB SRID. */
typedef struct header {
  size_t off;    /* where the header starts (the byte order byte) */
  uint32_t code; /* the raw type code, for messages */
  uint8_t base;  /* GV_POINT .. GV_GEOMETRYCOLLECTION */
  uint8_t dims;  /* GV_HAS_Z | GV_HAS_M */
  int nd;        /* doubles per coordinate: 2..4 */
  int swap;      /* the element's byte order differs from the host's */
  int has_srid;
  int32_t srid;
} header;

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(reader *r, size_t off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->msg, sizeof r->msg, fmt, ap);
  va_end(ap);
  r->err_off = off;
  return -1;
}

static int fail_nomem(reader *r) { return fail(r, r->pos, "out of memory"); }

static int need(reader *r, size_t n, const char *what) {
  if (r->len - r->pos >= n) return 0;
  return fail(r, r->pos, "unexpected end of input, expected %s (%zu bytes, %zu left)", what, n,
              r->len - r->pos);
}

static int read_header(reader *r, header *h) {
  h->off = r->pos;
  if (need(r, 1, "a byte order byte")) return -1;
  uint8_t order = r->p[r->pos];
  if (order > 1) return fail(r, r->pos, "invalid byte order %u (expected 0 or 1)", order);
  h->swap = (order == 1) != HOST_LE;
  r->pos++;
  if (need(r, 4, "a geometry type")) return -1;
  uint32_t code = load_u32(r->p + r->pos, h->swap);
  uint32_t base = code;
  uint8_t dims = 0;
  if (code - 1u >= 7u) { /* not a plain 2D code (the common case) */
    /* EWKB flags in the top bits; ISO dimensions as thousands in the rest. */
    uint32_t rest = code & 0x1fffffffu, iso = rest / 1000;
    base = rest % 1000;
    if (base < GV_POINT || base > GV_GEOMETRYCOLLECTION || iso > 3)
      return fail(r, r->pos, "unknown geometry type code %u", code);
    if (iso == 1 || iso == 3 || (code & 0x80000000u)) dims |= GV_HAS_Z;
    if (iso == 2 || iso == 3 || (code & 0x40000000u)) dims |= GV_HAS_M;
  }
  h->code = code;
  h->base = (uint8_t)base;
  h->dims = dims;
  h->nd = 2 + !!(dims & GV_HAS_Z) + !!(dims & GV_HAS_M);
  r->pos += 4;
  h->has_srid = (code & 0x20000000u) != 0;
  h->srid = 0;
  if (h->has_srid) {
    if (need(r, 4, "an SRID")) return -1;
    h->srid = (int32_t)load_u32(r->p + r->pos, h->swap);
    r->pos += 4;
  }
  return 0;
}

/* Reads a count and checks that count items of at least min_size bytes each
 * fit in what is left, before the caller reserves anything for them. */
static int read_count(reader *r, const header *h, size_t min_size, uint32_t *count) {
  if (need(r, 4, "a count")) return -1;
  size_t at = r->pos;
  uint32_t c = load_u32(r->p + r->pos, h->swap);
  r->pos += 4;
  size_t left = r->len - r->pos;
  if ((uint64_t)c * min_size > left) return fail(r, at, "count %u exceeds the bytes left (%zu)", c, left);
  *count = c;
  return 0;
}

/* Where input dimension k (x, y, z, m order) lands in a builder coordinate. */
static void slot_map(const gv_builder *b, uint8_t dims, int map[4]) {
  int k = 0;
  map[k++] = 0;
  map[k++] = 1;
  int zslot = (b->dims & GV_HAS_Z) ? 2 : -1;
  int mslot = (b->dims & GV_HAS_M) ? (zslot < 0 ? 2 : 3) : -1;
  if (dims & GV_HAS_Z) map[k++] = zslot;
  if (dims & GV_HAS_M) map[k++] = mslot;
}

/* Index of the first coordinate with a NaN or infinite value (error path). */
static size_t first_bad(const uint8_t *src, size_t count, int nd, int swap) {
  for (size_t i = 0; i < count; i++)
    for (int k = 0; k < nd; k++)
      if (!bits_finite(load_u64(src + (i * (size_t)nd + (size_t)k) * 8, swap))) return i;
  return count;
}

/* Copies `count` coordinates (count already checked against the input) into
 * freshly reserved builder slots; NaN and Infinity are errors. Returns the
 * destination through *out for the caller's ring checks. */
static int read_coords(reader *r, const header *h, uint32_t count, const double **out) {
  gv_builder *b = r->b;
  *out = NULL;
  if (count == 0) return 0;
  double *dst = gv_builder_coords_alloc(b, count);
  if (!dst) return fail_nomem(r);
  *out = dst;
  const uint8_t *src = r->p + r->pos;
  int nd = h->nd, stride = b->stride;
  size_t nvals = (size_t)count * (size_t)nd;
  int bad = 0;
  if (!h->swap && h->dims == b->dims) {
    /* Same layout as the builder: one copy, then a branch-free scan. */
    memcpy(dst, src, nvals * 8);
    uint64_t worst = 0;
    for (size_t i = 0; i < nvals; i++) {
      uint64_t u;
      memcpy(&u, dst + i, 8);
      worst |= (uint64_t)((u & EXP_MASK) == EXP_MASK);
    }
    bad = worst != 0;
  } else {
    int map[4];
    slot_map(b, h->dims, map);
    const double nan = NAN;
    for (uint32_t i = 0; i < count; i++) {
      double *d = dst + (size_t)i * (size_t)stride;
      for (int k = 2; k < stride; k++) d[k] = nan; /* columns this geometry lacks */
      const uint8_t *s = src + (size_t)i * (size_t)nd * 8;
      for (int k = 0; k < nd; k++) {
        uint64_t u = load_u64(s + (size_t)k * 8, h->swap);
        bad |= !bits_finite(u);
        memcpy(d + map[k], &u, 8);
      }
    }
  }
  if (bad) {
    size_t i = first_bad(src, count, nd, h->swap);
    return fail(r, r->pos + i * (size_t)nd * 8, "coordinate %zu is NaN or infinite", i);
  }
  r->pos += nvals * 8;
  return 0;
}

/* One point's coordinate; all-NaN is POINT EMPTY (stored as NaN). */
static int read_point(reader *r, const header *h) {
  gv_builder *b = r->b;
  if (need(r, (size_t)h->nd * 8, "a point's coordinates")) return -1;
  gv_builder_begin_ring(b);
  double *d = gv_builder_coords_alloc(b, 1);
  if (!d) return fail_nomem(r);
  int map[4];
  slot_map(b, h->dims, map);
  for (int k = 2; k < b->stride; k++) d[k] = NAN;
  int nan = 0, finite = 0;
  for (int k = 0; k < h->nd; k++) {
    uint64_t u = load_u64(r->p + r->pos + (size_t)k * 8, h->swap);
    nan += bits_nan(u);
    finite += bits_finite(u);
    memcpy(d + map[k], &u, 8);
  }
  if (nan == h->nd) {
    for (int k = 0; k < b->stride; k++) d[k] = NAN; /* one canonical NaN */
  } else if (finite != h->nd) {
    return fail(r, r->pos, "point has a NaN or infinite coordinate");
  }
  r->pos += (size_t)h->nd * 8;
  return 0;
}

static int read_linestring(reader *r, const header *h) {
  size_t at = r->pos;
  uint32_t count = 0;
  const double *c;
  if (read_count(r, h, (size_t)h->nd * 8, &count)) return -1;
  if (count == 1) return fail(r, at, "linestring has 1 coordinate, expected 0 or at least 2");
  gv_builder_begin_ring(r->b);
  return read_coords(r, h, count, &c);
}

static int read_polygon(reader *r, const header *h, uint32_t index) {
  uint32_t nrings = 0;
  if (read_count(r, h, 4, &nrings)) return -1;
  for (uint32_t k = 0; k < nrings; k++) {
    size_t at = r->pos;
    uint32_t count = 0;
    const double *c;
    if (read_count(r, h, (size_t)h->nd * 8, &count)) return -1;
    if (count < 4)
      return fail(r, at, "ring %u of polygon %u has %u coordinates, expected at least 4", k, index,
                  count);
    gv_builder_begin_ring(r->b);
    if (read_coords(r, h, count, &c)) return -1;
    const double *last = c + (size_t)(count - 1) * (size_t)r->b->stride;
    if (c[0] != last[0] || c[1] != last[1])
      return fail(r, at, "ring %u of polygon %u is not closed", k, index);
  }
  return 0;
}

/* The body of a simple geometry (after its header), as one part. */
static int read_simple(reader *r, const header *h, uint32_t index) {
  gv_builder_begin_part(r->b, h->base);
  switch (h->base) {
  case GV_POINT: return read_point(r, h);
  case GV_LINESTRING: return read_linestring(r, h);
  default: return read_polygon(r, h, index);
  }
}

/* Collection counts live in tokens next to an 8-bit type byte. */
#define MAX_TOKEN_COUNT 0xffffff

/* Multi geometry body: members are headers of the member type, same dims. */
static int read_multi(reader *r, const header *h, int in_collection) {
  uint8_t member = (uint8_t)(h->base - 3);
  size_t min_size = member == GV_POINT ? 5 + (size_t)h->nd * 8 : 9;
  size_t at = r->pos;
  uint32_t count = 0;
  if (read_count(r, h, min_size, &count)) return -1;
  if (in_collection) {
    if (count > MAX_TOKEN_COUNT)
      return fail(r, at, "%s in a collection has %u members (at most %d)", type_name(h->base),
                  count, MAX_TOKEN_COUNT);
    gv_builder_token(r->b, (uint8_t)(h->base | h->dims), (int32_t)count);
  }
  for (uint32_t j = 0; j < count; j++) {
    header m = {0};
    if (read_header(r, &m)) return -1;
    if (m.base != member)
      return fail(r, m.off, "member %u of %s is a %s, expected a %s", j, type_name(h->base),
                  type_name(m.base), type_name(member));
    if (m.dims != h->dims)
      return fail(r, m.off, "member %u of %s %s is %s", j, type_name(h->base), dims_name(h->dims),
                  dims_name(m.dims));
    if (read_simple(r, &m, j)) return -1;
  }
  return 0;
}

/* Collection body: any members, each recorded as a token. `depth` counts the
 * collections around this one. *dims collects the members' dimensions. */
static int read_collection(reader *r, const header *h, int depth, uint8_t *dims) {
  gv_builder *b = r->b;
  size_t at = r->pos;
  uint32_t count = 0;
  if (read_count(r, h, 9, &count)) return -1; /* an empty line string is 9 bytes */
  if (count > MAX_TOKEN_COUNT)
    return fail(r, at, "GeometryCollection has %u members (at most %d)", count, MAX_TOKEN_COUNT);
  gv_builder_token(b, (uint8_t)(GV_GEOMETRYCOLLECTION | h->dims), (int32_t)count);
  for (uint32_t j = 0; j < count; j++) {
    header m = {0};
    if (read_header(r, &m)) return -1;
    *dims |= m.dims;
    if (gv_builder_dims(b, m.dims)) return fail_nomem(r); /* columns before coordinates */
    switch (m.base) {
    case GV_POINT:
    case GV_LINESTRING:
    case GV_POLYGON:
      gv_builder_token(b, (uint8_t)(m.base | m.dims), 1);
      if (read_simple(r, &m, j)) return -1;
      break;
    case GV_GEOMETRYCOLLECTION:
      if (depth + 1 >= GV_MAX_DEPTH)
        return fail(r, m.off, "geometry collections nested deeper than %d levels", GV_MAX_DEPTH);
      if (read_collection(r, &m, depth + 1, dims)) return -1;
      break;
    default:
      if (read_multi(r, &m, 1)) return -1;
      break;
    }
  }
  return 0;
}

/* One element: a whole geometry that must use up all its bytes. The caller
 * has called gv_builder_begin_geom, so a failure is undone by abort. */
static int read_element(reader *r) {
  gv_builder *b = r->b;
  header h = {0}; /* (zeroed: GCC cannot see read_header sets it when inlined into gv_wkb_read_value) */
  if (read_header(r, &h)) return -1;
  gv_builder_set_type(b, (uint8_t)(h.base | h.dims));
  if (h.has_srid) gv_builder_set_srid(b, h.srid);
  if (b->status) return fail_nomem(r);
  int rc;
  if (h.base <= GV_POLYGON) {
    rc = read_simple(r, &h, 0);
  } else if (h.base < GV_GEOMETRYCOLLECTION) {
    rc = read_multi(r, &h, 0);
  } else {
    uint8_t dims = h.dims;
    rc = read_collection(r, &h, 0, &dims);
    if (!rc) gv_builder_set_type(b, (uint8_t)(GV_GEOMETRYCOLLECTION | dims));
  }
  if (rc) return rc;
  if (b->status) return fail_nomem(r);
  if (r->pos != r->len) return fail(r, r->pos, "%zu trailing bytes after geometry", r->len - r->pos);
  return 0;
}

gv_status gv_parse_wkb(const uint8_t *data, const int64_t *offsets, int64_t n,
                       const gv_parse_opts *opts, gv_array **out, gv_errors *err) {
  if (!out) return GV_ERR_ARG;
  *out = NULL;
  if (n < 0 || (n > 0 && !offsets)) return GV_ERR_ARG;
  /* Framing errors are the caller's: check them all before parsing. */
  for (int64_t i = 0; i < n; i++)
    if (offsets[i] < 0 || offsets[i + 1] < offsets[i] || (offsets[i + 1] > offsets[i] && !data))
      return GV_ERR_ARG;
  int null_on_error = opts && opts->on_invalid_null;
  gv_builder b;
  gv_builder_init(&b);
  /* 2D coordinates never take more bytes than the WKB holding them: one
   * reservation up front saves the copies and page faults of growing. */
  if (n > 0 && offsets[n] > offsets[0] && (uint64_t)(offsets[n] - offsets[0]) < SIZE_MAX / 2)
    gv_buf_reserve(&b.coords, (size_t)(offsets[n] - offsets[0])); /* a hint: failure is fine */
  gv_status st = GV_OK;
  for (int64_t i = 0; i < n; i++) {
    int64_t start = offsets[i], end = offsets[i + 1];
    if (opts && opts->validity && !((opts->validity[i >> 3] >> (i & 7)) & 1)) {
      gv_builder_null(&b);
    } else if (end == start) {
      if (err) gv_errors_add(err, i, 0, "empty WKB (0 bytes) is not a geometry; give a null element as null");
      if (!null_on_error) {
        st = GV_ERR_PARSE;
        break;
      }
      gv_builder_null(&b);
    } else {
      reader r = {data + start, (size_t)(end - start), 0, &b, 0, {0}};
      gv_builder_begin_geom(&b, GV_NULL);
      if (read_element(&r) == 0) {
        gv_builder_end_geom(&b);
      } else if (b.status) {
        break; /* out of memory: reported as such, not as a parse error */
      } else {
        if (err) gv_errors_add(err, i, (int64_t)r.err_off, "%s", r.msg);
        gv_builder_abort_geom(&b);
        if (!null_on_error) {
          st = GV_ERR_PARSE;
          break;
        }
        gv_builder_null(&b);
      }
    }
    if (b.status) break;
  }
  if (!st) st = b.status;
  if (st) {
    gv_builder_free(&b);
    return st;
  }
  *out = gv_builder_finish(&b);
  return *out ? GV_OK : GV_ERR_NOMEM;
}

#include "parquet_pages.h"

/* One value for readers of containers that hold WKB (Parquet pages, see
 * parquet_pages.h): the same per-geometry parse as gv_parse_wkb. */
int gv_wkb_read_value(gv_builder *b, const uint8_t *p, size_t len, size_t *err_off, char *msg,
                      size_t msg_size) {
  reader r;
  r.p = p;
  r.len = len;
  r.pos = 0;
  r.b = b;
  r.err_off = 0;
  r.msg[0] = 0;
  gv_builder_begin_geom(b, GV_NULL);
  if (read_element(&r) == 0) {
    gv_builder_end_geom(b);
    return 0;
  }
  gv_builder_abort_geom(b);
  *err_off = r.err_off;
  snprintf(msg, msg_size, "%s", r.msg);
  return -1;
}
