/* Test helper: an array parsed from n WKT texts, a NULL text giving a null
 * element (marked in the validity bitmap, as the hosts do). The parse must
 * succeed; on failure it prints the core's errors and returns NULL. */
#ifndef GEOVEC_TEST_WKT_ARRAY_H
#define GEOVEC_TEST_WKT_ARRAY_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"

static gv_array *test_wkt_array(const char *const *texts, int64_t n) {
  gv_buf data = {0};
  int64_t *off = calloc((size_t)n + 1, sizeof *off);
  uint8_t *valid = calloc((size_t)n / 8 + 1, 1);
  for (int64_t i = 0; i < n; i++) {
    if (texts[i]) {
      gv_buf_append(&data, texts[i], strlen(texts[i]));
      valid[i >> 3] |= (uint8_t)(1u << (i & 7));
    }
    off[i + 1] = (int64_t)data.len;
  }
  gv_parse_opts o = {0};
  o.validity = valid;
  gv_array *a = NULL;
  gv_errors err = {0};
  gv_status s = gv_parse_wkt(data.data ? data.data : (const uint8_t *)"", off, n, &o, &a, &err);
  if (s != GV_OK) fprintf(stderr, "parse failed: %.*s\n", (int)err.text.len, err.text.data ? (const char *)err.text.data : "");
  gv_errors_free(&err);
  gv_buf_free(&data);
  free(off);
  free(valid);
  return s == GV_OK ? a : NULL;
}

#endif
