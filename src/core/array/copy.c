/* Copying geometries between arrays: the one routine behind take, slice
 * and concat. It goes through the accessors, so any array (parsed, borrowed,
 * separated coordinates) can be the source. */
#include <math.h>
#include <string.h>

#include "geovec.h"

void gv_builder_copy_parts(gv_builder *b, const gv_array *a, uint8_t t, int32_t pb, int32_t pe) {
  int has_z = (t & GV_HAS_Z) && a->z, has_m = (t & GV_HAS_M) && a->m;
  /* Same interleaved layout on both sides (the usual case): whole rings are copied at once. */
  int bulk = a->y == a->x + 1 && a->stride == b->stride && a->dims == b->dims &&
             (t & (GV_HAS_Z | GV_HAS_M)) == a->dims && has_z == !!a->z && has_m == !!a->m;
  for (int32_t p = pb; p < pe; p++) {
    gv_builder_begin_part(b, gv_part_kind(a, t, p));
    int32_t re = gv_part_end(a, p);
    for (int32_t r = gv_part_begin(a, p); r < re; r++) {
      gv_builder_begin_ring(b);
      int32_t ce = gv_ring_end(a, r);
      int32_t cb = gv_ring_begin(a, r);
      if (bulk && ce > cb) {
        double *dst = gv_builder_coords_alloc(b, ce - cb);
        if (dst) memcpy(dst, a->x + (int64_t)cb * a->stride, (size_t)(ce - cb) * (size_t)a->stride * sizeof(double));
        continue;
      }
      for (int32_t k = cb; k < ce; k++) {
        int64_t o = (int64_t)k * a->stride;
        gv_builder_coord(b, a->x[o], a->y[o], has_z ? a->z[o] : NAN, has_m ? a->m[o] : NAN);
      }
    }
  }
}

void gv_builder_append(gv_builder *b, const gv_array *a, int64_t i) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) {
    gv_builder_null(b);
    return;
  }
  gv_builder_begin_geom(b, t);
  if (a->srid) gv_builder_set_srid(b, a->srid[i]);
  gv_builder_copy_parts(b, a, t, gv_geom_begin(a, i), gv_geom_end(a, i));
  if (a->gc_off) {
    for (int32_t k = a->gc_off[i]; k < a->gc_off[i + 1]; k++) {
      uint32_t tok = (uint32_t)a->gc_tok[k];
      gv_builder_token(b, (uint8_t)(tok & 0xff), (int32_t)(tok >> 8));
    }
  }
  gv_builder_end_geom(b);
}
