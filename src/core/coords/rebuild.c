/* Structure-preserving copies with mapped coordinates: the one routine
 * behind setCoordinates, the affine transforms and forceXY / forceXYZ. */
#include <math.h>

#include "coords.h"

void gv_append_mapped(gv_builder *b, const gv_array *a, int64_t i, uint8_t dims_set, uint8_t dims_clear,
                      gv_coord_fn fn, void *ctx) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) {
    gv_builder_null(b);
    return;
  }
  uint8_t nt = (uint8_t)((t | dims_set) & ~dims_clear);
  gv_builder_begin_geom(b, nt);
  if (a->srid) gv_builder_set_srid(b, a->srid[i]);
  int has_z = (t & GV_HAS_Z) && a->z, has_m = (t & GV_HAS_M) && a->m;
  int32_t pe = gv_geom_end(a, i);
  for (int32_t p = gv_geom_begin(a, i); p < pe; p++) {
    gv_builder_begin_part(b, gv_part_kind(a, t, p));
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      gv_builder_begin_ring(b);
      for (int32_t k = gv_ring_begin(a, r), ce = gv_ring_end(a, r); k < ce; k++) {
        int64_t o = (int64_t)k * a->stride;
        double v[4] = {a->x[o], a->y[o], has_z ? a->z[o] : NAN, has_m ? a->m[o] : NAN};
        if (fn) fn(ctx, i, isnan(v[0]) && isnan(v[1]), v);
        gv_builder_coord(b, v[0], v[1], (nt & GV_HAS_Z) ? v[2] : NAN, (nt & GV_HAS_M) ? v[3] : NAN);
      }
    }
  }
  if (a->gc_off) {
    for (int32_t k = a->gc_off[i]; k < a->gc_off[i + 1]; k++) {
      uint32_t tok = (uint32_t)a->gc_tok[k];
      uint8_t tt = (uint8_t)(((tok & 0xff) | dims_set) & ~dims_clear);
      gv_builder_token(b, tt, (int32_t)(tok >> 8));
    }
  }
  gv_builder_end_geom(b);
}
