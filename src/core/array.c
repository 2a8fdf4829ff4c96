/* Array lifetime: reference counting and owned blocks. */
#include "geovec.h"
#include "predicates.h"

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
