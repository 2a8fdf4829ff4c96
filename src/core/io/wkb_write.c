/* WKB writer: ISO or EWKB, either byte order, from any array (parsed or
 * borrowed: identity offsets, separated coordinates, validity bitmaps), read
 * only through the accessors in geovec.h.
 *
 * The same walk runs twice: first without a destination to size every
 * element exactly, then into the output reserved once. Sharing the walk keeps
 * the two passes from ever disagreeing. */
#include <math.h>
#include <string.h>

#include "geovec.h"

#include "bytes.h"

/* ---- the writer ------------------------------------------------------------- */
typedef struct writer {
  const gv_array *a;
  uint8_t *p;    /* destination; NULL in the sizing pass */
  uint64_t n;    /* bytes written (or counted) so far */
  uint8_t order; /* the byte order byte: 1 little, 0 big */
  int swap;      /* output order differs from the host's */
  int ewkb;
  uint8_t fast_dims; /* dims whose coordinates can be copied as is, 0xff if none */
} writer;

static inline void put_u8(writer *w, uint8_t v) {
  if (w->p) w->p[w->n] = v;
  w->n += 1;
}

static inline void put_u32(writer *w, uint32_t v) {
  if (w->p) {
    if (w->swap) v = bswap32(v);
    memcpy(w->p + w->n, &v, 4);
  }
  w->n += 4;
}

static inline void put_f64(uint8_t *dst, double d, int swap) {
  uint64_t u;
  memcpy(&u, &d, 8);
  if (swap) u = bswap64(u);
  memcpy(dst, &u, 8);
}

static int ndims(uint8_t dims) { return 2 + !!(dims & GV_HAS_Z) + !!(dims & GV_HAS_M); }

static void put_header(writer *w, uint8_t base, uint8_t dims, int32_t srid) {
  uint32_t code = base;
  if (w->ewkb) {
    if (dims & GV_HAS_Z) code |= 0x80000000u;
    if (dims & GV_HAS_M) code |= 0x40000000u;
    if (srid) code |= 0x20000000u;
  } else {
    code += (dims & GV_HAS_Z ? 1000u : 0u) + (dims & GV_HAS_M ? 2000u : 0u);
  }
  put_u8(w, w->order);
  put_u32(w, code);
  if (w->ewkb && srid) put_u32(w, (uint32_t)srid);
}

/* Coordinates [first, first + count) with the geometry's dims. A column the
 * array lacks is written as NaN. */
static void put_coords(writer *w, int64_t first, int64_t count, uint8_t dims) {
  const gv_array *a = w->a;
  int nd = ndims(dims);
  uint64_t bytes = (uint64_t)count * (uint64_t)nd * 8;
  if (!w->p || count == 0) {
    w->n += bytes;
    return;
  }
  uint8_t *dst = w->p + w->n;
  w->n += bytes;
  if (!w->swap && dims == w->fast_dims) {
    memcpy(dst, a->x + first * a->stride, (size_t)bytes);
    return;
  }
  const double *z = (dims & GV_HAS_Z) ? a->z : NULL, *m = (dims & GV_HAS_M) ? a->m : NULL;
  for (int64_t i = first; i < first + count; i++) {
    put_f64(dst, GV_X(a, i), w->swap);
    put_f64(dst + 8, GV_Y(a, i), w->swap);
    dst += 16;
    if (dims & GV_HAS_Z) {
      put_f64(dst, z ? z[i * a->stride] : NAN, w->swap);
      dst += 8;
    }
    if (dims & GV_HAS_M) {
      put_f64(dst, m ? m[i * a->stride] : NAN, w->swap);
      dst += 8;
    }
  }
}

/* A point: its one coordinate, or all NaN for POINT EMPTY (x and y NaN, or
 * no coordinate at all). */
static void put_point_coord(writer *w, int64_t c, uint8_t dims) {
  const gv_array *a = w->a;
  if (c >= 0 && !(isnan(GV_X(a, c)) && isnan(GV_Y(a, c)))) {
    put_coords(w, c, 1, dims);
    return;
  }
  int nd = ndims(dims);
  if (w->p)
    for (int k = 0; k < nd; k++) put_f64(w->p + w->n + (size_t)k * 8, NAN, w->swap);
  w->n += (uint64_t)nd * 8;
}

/* A simple geometry of kind `kind` from part p (p < 0: empty). */
static int put_simple(writer *w, uint8_t kind, uint8_t dims, int32_t srid, int64_t p) {
  const gv_array *a = w->a;
  put_header(w, kind, dims, srid);
  int32_t rb = 0, re = 0;
  if (p >= 0) {
    rb = gv_part_begin(a, p);
    re = gv_part_end(a, p);
    if (re < rb) return -1;
  }
  if (kind == GV_POINT) {
    int64_t c = -1;
    if (re > rb && gv_ring_end(a, rb) > gv_ring_begin(a, rb)) c = gv_ring_begin(a, rb);
    put_point_coord(w, c, dims);
  } else if (kind == GV_LINESTRING) {
    int32_t cb = 0, ce = 0;
    if (re > rb) {
      cb = gv_ring_begin(a, rb);
      ce = gv_ring_end(a, rb);
      if (ce < cb) return -1;
    }
    put_u32(w, (uint32_t)(ce - cb));
    put_coords(w, cb, ce - cb, dims);
  } else if (kind == GV_POLYGON) {
    put_u32(w, (uint32_t)(re - rb));
    for (int32_t r = rb; r < re; r++) {
      int32_t cb = gv_ring_begin(a, r), ce = gv_ring_end(a, r);
      if (ce < cb) return -1;
      put_u32(w, (uint32_t)(ce - cb));
      put_coords(w, cb, ce - cb, dims);
    }
  } else {
    return -1;
  }
  return 0;
}

/* Members of a multi geometry: parts [pb, pe), each of the member kind. */
static int put_members(writer *w, uint8_t base, uint8_t dims, int32_t pb, int32_t pe) {
  uint8_t member = (uint8_t)(base - 3);
  put_u32(w, (uint32_t)(pe - pb));
  for (int32_t p = pb; p < pe; p++) {
    if (w->a->part_type && w->a->part_type[p] != member) return -1;
    if (put_simple(w, member, dims, 0, p)) return -1;
  }
  return 0;
}

/* Walking a collection's tokens: next token, next part, and their ends. */
typedef struct cursor {
  int32_t tok, tok_end, part, part_end;
} cursor;

static int put_node(writer *w, cursor *c, int depth, int32_t srid) {
  const gv_array *a = w->a;
  if (c->tok >= c->tok_end || depth > GV_MAX_DEPTH) return -1;
  uint32_t tok = (uint32_t)a->gc_tok[c->tok++];
  uint8_t tb = (uint8_t)(tok & 0xff), base = GV_BASE_TYPE(tb), dims = tb & (GV_HAS_Z | GV_HAS_M);
  uint32_t count = tok >> 8;
  switch (base) {
  case GV_POINT:
  case GV_LINESTRING:
  case GV_POLYGON:
    if (c->part >= c->part_end || gv_part_kind(a, tb, c->part) != base) return -1;
    return put_simple(w, base, dims, srid, c->part++);
  case GV_MULTIPOINT:
  case GV_MULTILINESTRING:
  case GV_MULTIPOLYGON:
    if ((int64_t)count > (int64_t)(c->part_end - c->part)) return -1;
    put_header(w, base, dims, srid);
    c->part += (int32_t)count;
    return put_members(w, base, dims, c->part - (int32_t)count, c->part);
  case GV_GEOMETRYCOLLECTION:
    /* each child needs at least one token: a cheap bound against bad trees */
    if ((int64_t)count > (int64_t)(c->tok_end - c->tok)) return -1;
    put_header(w, base, dims, srid);
    put_u32(w, count);
    for (uint32_t j = 0; j < count; j++)
      if (put_node(w, c, depth + 1, 0)) return -1;
    return 0;
  default:
    return -1;
  }
}

static int put_collection(writer *w, int64_t i, uint8_t dims, int32_t srid, int32_t pb,
                          int32_t pe) {
  const gv_array *a = w->a;
  int32_t tb = 0, te = 0;
  if (a->gc_off && a->gc_tok) {
    tb = a->gc_off[i];
    te = a->gc_off[i + 1];
  }
  if (te <= tb) {
    /* No tree recorded: a flat collection of the parts, with the
     * geometry's dims. */
    put_header(w, GV_GEOMETRYCOLLECTION, dims, srid);
    put_u32(w, (uint32_t)(pe - pb));
    for (int32_t p = pb; p < pe; p++)
      if (put_simple(w, gv_part_kind(a, GV_GEOMETRYCOLLECTION | dims, p), dims, 0, p)) return -1;
    return 0;
  }
  cursor c = {tb, te, pb, pe};
  if (GV_BASE_TYPE(a->gc_tok[tb]) != GV_GEOMETRYCOLLECTION) return -1;
  if (put_node(w, &c, 0, srid)) return -1;
  return c.tok == te && c.part == pe ? 0 : -1; /* the tree must cover the geometry */
}

/* Element i; nulls write nothing. -1 on an inconsistent array. */
static int put_geom(writer *w, int64_t i) {
  const gv_array *a = w->a;
  uint8_t t = gv_type_byte(a, i), base = GV_BASE_TYPE(t), dims = t & (GV_HAS_Z | GV_HAS_M);
  if (base == GV_NULL) return 0;
  int32_t srid = (w->ewkb && a->srid) ? a->srid[i] : 0;
  int32_t pb = gv_geom_begin(a, i), pe = gv_geom_end(a, i);
  if (pe < pb) return -1;
  switch (base) {
  case GV_POINT:
  case GV_LINESTRING:
  case GV_POLYGON:
    return put_simple(w, base, dims, srid, pe > pb ? pb : -1);
  case GV_MULTIPOINT:
  case GV_MULTILINESTRING:
  case GV_MULTIPOLYGON:
    put_header(w, base, dims, srid);
    return put_members(w, base, dims, pb, pe);
  case GV_GEOMETRYCOLLECTION:
    return put_collection(w, i, dims, srid, pb, pe);
  default:
    return -1;
  }
}

/* The dims whose coordinates sit in memory exactly as WKB (little endian)
 * lays them out, so that whole rings can be copied. */
static uint8_t interleaved_dims(const gv_array *a) {
  if (!a->x || a->y != a->x + 1) return 0xff;
  int hz = a->z == a->x + 2, hm2 = a->m == a->x + 2, hm3 = a->m == a->x + 3;
  if (a->stride == 2) return 0;
  if (a->stride == 3 && hz) return GV_HAS_Z;
  if (a->stride == 3 && hm2) return GV_HAS_M;
  if (a->stride == 4 && hz && hm3) return GV_HAS_Z | GV_HAS_M;
  return 0xff;
}

gv_status gv_write_wkb(const gv_array *a, int64_t begin, int64_t end, const gv_write_opts *o,
                       gv_buf *out, gv_buf *offsets) {
  if (!a || !out || !offsets || begin < 0 || end < begin || end > a->n) return GV_ERR_ARG;
  writer w = {0};
  w.a = a;
  w.order = (uint8_t)(o ? o->byte_order != 0 : 1);
  w.swap = (w.order == 1) != HOST_LE;
  w.ewkb = o ? o->ewkb != 0 : 0;
  w.fast_dims = interleaved_dims(a);
  int64_t count = end - begin;
  if ((uint64_t)count + 1 > SIZE_MAX / 8 ||
      gv_buf_reserve(offsets, (size_t)(count + 1) * sizeof(int64_t)))
    return GV_ERR_NOMEM;
  /* Pass 1: sizes, straight into the offsets (relative to out's start). */
  uint8_t *offs = offsets->data + offsets->len;
  int64_t base = (int64_t)out->len, at = base;
  memcpy(offs, &at, sizeof at);
  for (int64_t i = begin; i < end; i++) {
    if (put_geom(&w, i)) return GV_ERR_ARG;
    at = base + (int64_t)w.n;
    memcpy(offs + (size_t)(i - begin + 1) * sizeof at, &at, sizeof at);
  }
  uint64_t total = w.n;
  if (total > SIZE_MAX / 2 || gv_buf_reserve(out, (size_t)total)) return GV_ERR_NOMEM;
  /* Pass 2: the bytes. */
  if (total) {
    w.p = out->data + out->len;
    w.n = 0;
    for (int64_t i = begin; i < end; i++) put_geom(&w, i);
    if (w.n != total) return GV_ERR_ARG; /* cannot happen: both passes walk alike */
  }
  out->len += (size_t)total;
  offsets->len += (size_t)(count + 1) * sizeof(int64_t);
  return GV_OK;
}
