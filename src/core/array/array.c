/* Array lifetime: reference counting and owned blocks. */
#include "geovec.h"
#include "algorithm/predicates.h"

gv_array *gv_array_new(void) {
  gv_array *a = gv_calloc(1, sizeof *a);
  if (a) {
    a->refcount = 1;
    a->stride = 2;
  }
  return a;
}

void gv_array_retain(gv_array *a) {
  if (a) a->refcount++;
}

void gv_array_release(gv_array *a) {
  if (!a || --a->refcount > 0) return;
  if (a->host_free) a->host_free(a->host);
  gv_prepared_free(a->prepared);
  for (size_t i = 0; i < sizeof a->owned / sizeof a->owned[0]; i++) gv_free(a->owned[i]);
  gv_free(a);
}

gv_status gv_array_adopt(gv_array *a, void *block) {
  if (!block) return GV_OK;
  for (size_t i = 0; i < sizeof a->owned / sizeof a->owned[0]; i++) {
    if (!a->owned[i]) {
      a->owned[i] = block;
      return GV_OK;
    }
  }
  return GV_ERR_LIMIT;
}

/* Bytes of the array's own buffers (borrowed or owned). */
size_t gv_array_bytes(const gv_array *a) {
  int64_t n = a->n;
  int64_t nparts = gv_geom_begin(a, n), nrings = gv_part_begin(a, nparts);
  int64_t ncoords = gv_ring_begin(a, nrings);
  size_t b = sizeof *a;
  if (a->types) b += (size_t)n;
  if (a->validity) b += (size_t)((n + a->validity_offset + 7) / 8);
  if (a->geom_off) b += (size_t)(n + 1) * 4;
  if (a->part_off) b += (size_t)(nparts + 1) * 4;
  if (a->ring_off) b += (size_t)(nrings + 1) * 4;
  if (a->part_type) b += (size_t)nparts;
  if (a->gc_off) b += (size_t)(n + 1) * 4 + (size_t)a->gc_off[n] * 4;
  if (a->srid) b += (size_t)n * 4;
  int cols = 2 + (a->z != NULL) + (a->m != NULL);
  b += (size_t)ncoords * (size_t)(a->y == a->x + 1 ? a->stride : cols) * sizeof(double);
  return b;
}
