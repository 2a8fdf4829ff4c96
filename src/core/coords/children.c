/* The top-level members of a geometry, read from its parts and, for
 * collections, its tree of tokens (geovec.h): getNumGeometries,
 * getGeometry and getParts. */
#include <math.h>

#include "coords.h"

/* Skips one node of a collection tree: its tokens and its parts. -1 on a
 * damaged tree. */
static int skip_node(const gv_array *a, int32_t *t, int32_t te, int32_t *p, int32_t pe, int depth) {
  if (*t >= te || depth > GV_MAX_DEPTH) return -1;
  uint32_t tok = (uint32_t)a->gc_tok[(*t)++];
  uint8_t base = GV_BASE_TYPE((uint8_t)(tok & 0xff));
  int32_t count = (int32_t)(tok >> 8);
  if (base == GV_GEOMETRYCOLLECTION) {
    for (int32_t k = 0; k < count; k++)
      if (skip_node(a, t, te, p, pe, depth + 1)) return -1;
    return 0;
  }
  if (base == GV_NULL || base > GV_GEOMETRYCOLLECTION) return -1;
  *p += base <= GV_POLYGON ? 1 : count;
  return *p <= pe ? 0 : -1;
}

int32_t gv_members_begin(gv_member_iter *it, const gv_array *a, int64_t i) {
  it->a = a, it->i = i, it->bad = 0;
  it->type = gv_type_byte(a, i);
  it->p = gv_geom_begin(a, i), it->pe = gv_geom_end(a, i);
  it->t = it->te = 0;
  uint8_t base = GV_BASE_TYPE(it->type);
  if (base == GV_NULL) return it->left = 0;
  if (base <= GV_POLYGON) return it->left = 1;
  if (base < GV_GEOMETRYCOLLECTION) return it->left = it->pe - it->p;
  if (!a->gc_off || !a->gc_tok) {
    it->bad = 1;
    return it->left = 0;
  }
  it->t = a->gc_off[i], it->te = a->gc_off[i + 1];
  if (it->t >= it->te) {
    it->bad = 1;
    return it->left = 0;
  }
  uint32_t root = (uint32_t)a->gc_tok[it->t++];
  return it->left = (int32_t)(root >> 8);
}

int gv_members_next(gv_member_iter *it, gv_member *m) {
  if (it->left <= 0 || it->bad) return 0;
  it->left--;
  uint8_t base = GV_BASE_TYPE(it->type);
  if (base <= GV_POLYGON) {
    *m = (gv_member){it->type, it->p, it->pe, 0, 0};
    return 1;
  }
  if (base < GV_GEOMETRYCOLLECTION) {
    uint8_t kind = gv_part_kind(it->a, it->type, it->p);
    *m = (gv_member){(uint8_t)(kind | (it->type & (GV_HAS_Z | GV_HAS_M))), it->p, it->p + 1, 0, 0};
    it->p++;
    return 1;
  }
  int32_t t0 = it->t, p0 = it->p;
  uint8_t type = (uint8_t)(it->a->gc_tok[t0] & 0xff);
  if (skip_node(it->a, &it->t, it->te, &it->p, it->pe, 1)) {
    it->bad = 1;
    return 0;
  }
  /* a collection member keeps its tokens; others need none */
  int gc = GV_BASE_TYPE(type) == GV_GEOMETRYCOLLECTION;
  *m = (gv_member){type, p0, it->p, gc ? t0 : 0, gc ? it->t : 0};
  return 1;
}

void gv_append_parts(gv_builder *b, const gv_array *a, uint8_t t, uint8_t ot, int32_t p0, int32_t p1) {
  int has_z = (t & GV_HAS_Z) && (ot & GV_HAS_Z) && a->z, has_m = (t & GV_HAS_M) && (ot & GV_HAS_M) && a->m;
  for (int32_t p = p0; p < p1; p++) {
    gv_builder_begin_part(b, gv_part_kind(a, t, p));
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      gv_builder_begin_ring(b);
      for (int32_t k = gv_ring_begin(a, r), ce = gv_ring_end(a, r); k < ce; k++) {
        int64_t o = (int64_t)k * a->stride;
        gv_builder_coord(b, a->x[o], a->y[o], has_z ? a->z[o] : NAN, has_m ? a->m[o] : NAN);
      }
    }
  }
}

void gv_append_member(gv_builder *b, const gv_array *a, int64_t i, const gv_member *m) {
  gv_builder_begin_geom(b, m->type);
  if (a->srid) gv_builder_set_srid(b, a->srid[i]);
  gv_append_parts(b, a, gv_type_byte(a, i), m->type, m->p0, m->p1);
  for (int32_t k = m->t0; k < m->t1; k++) {
    uint32_t tok = (uint32_t)a->gc_tok[k];
    gv_builder_token(b, (uint8_t)(tok & 0xff), (int32_t)(tok >> 8));
  }
  gv_builder_end_geom(b);
}

void gv_append_ring_as_line(gv_builder *b, const gv_array *a, int64_t i, uint8_t t, int32_t r) {
  uint8_t lt = (uint8_t)(GV_LINESTRING | (t & (GV_HAS_Z | GV_HAS_M)));
  gv_builder_begin_geom(b, lt);
  if (a->srid) gv_builder_set_srid(b, a->srid[i]);
  int has_z = (t & GV_HAS_Z) && a->z, has_m = (t & GV_HAS_M) && a->m;
  gv_builder_begin_part(b, GV_LINESTRING);
  gv_builder_begin_ring(b);
  for (int32_t k = gv_ring_begin(a, r), ce = gv_ring_end(a, r); k < ce; k++) {
    int64_t o = (int64_t)k * a->stride;
    gv_builder_coord(b, a->x[o], a->y[o], has_z ? a->z[o] : NAN, has_m ? a->m[o] : NAN);
  }
  gv_builder_end_geom(b);
}
