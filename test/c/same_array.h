/* Geometry-for-geometry equality of two arrays, shared by the C tests and
 * the fuzz targets. */
#ifndef GV_SAME_ARRAY_H
#define GV_SAME_ARRAY_H
#include <string.h>

#include "geovec.h"

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* Same geometries through the accessors: types, SRIDs, parts, kinds,
 * rings, coordinates bit for bit (x, y and the columns the type has), and
 * collection tokens. */
static int same_array(const gv_array *a, const gv_array *b) {
  if (a->n != b->n) return 0;
  for (int64_t i = 0; i < a->n; i++) {
    uint8_t t = gv_type_byte(a, i);
    if (t != gv_type_byte(b, i)) return 0;
    int32_t sa = a->srid ? a->srid[i] : 0, sb = b->srid ? b->srid[i] : 0;
    if (sa != sb) return 0;
    if (GV_BASE_TYPE(t) == GV_NULL) continue;
    int32_t pa = gv_geom_begin(a, i), pb = gv_geom_begin(b, i);
    if (gv_geom_end(a, i) - pa != gv_geom_end(b, i) - pb) return 0;
    for (; pa < gv_geom_end(a, i); pa++, pb++) {
      if (gv_part_kind(a, t, pa) != gv_part_kind(b, t, pb)) return 0;
      int32_t ra = gv_part_begin(a, pa), rb = gv_part_begin(b, pb);
      if (gv_part_end(a, pa) - ra != gv_part_end(b, pb) - rb) return 0;
      for (; ra < gv_part_end(a, pa); ra++, rb++) {
        int32_t ka = gv_ring_begin(a, ra), kb = gv_ring_begin(b, rb);
        if (gv_ring_end(a, ra) - ka != gv_ring_end(b, rb) - kb) return 0;
        for (; ka < gv_ring_end(a, ra); ka++, kb++) {
          int64_t oa = (int64_t)ka * a->stride, ob = (int64_t)kb * b->stride;
          if (!same_bits(a->x[oa], b->x[ob]) || !same_bits(a->y[oa], b->y[ob])) return 0;
          if ((t & GV_HAS_Z) && !same_bits(a->z[oa], b->z[ob])) return 0;
          if ((t & GV_HAS_M) && !same_bits(a->m[oa], b->m[ob])) return 0;
        }
      }
    }
    int32_t ta = a->gc_off ? a->gc_off[i] : 0, tae = a->gc_off ? a->gc_off[i + 1] : 0;
    int32_t tb = b->gc_off ? b->gc_off[i] : 0, tbe = b->gc_off ? b->gc_off[i + 1] : 0;
    if (tae - ta != tbe - tb) return 0;
    for (; ta < tae; ta++, tb++)
      if (a->gc_tok[ta] != b->gc_tok[tb]) return 0;
  }
  return 1;
}

#endif
