/* Fuzz target for the Parquet column chunk decoder (io/parquet_pages.c).
 *
 * Input: one control byte, then the chunk. The control byte chooses the
 * codec (bit 0: snappy), the definition level (bit 1: OPTIONAL), whether
 * the pages count as decompressed by the host (bit 2) and the row count
 * (bits 3-7: 1..32). The decoder must give an array of exactly that many
 * rows or one error, never crash, hang or leak; the snappy decoder alone
 * must fill its output exactly or fail. The chunk is also decoded twice in
 * one call (two row groups): the same outcome, twice the rows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"
#include "io/parquet_pages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  uint8_t ctl = data[0];
  size_t len = size - 1;
  uint8_t *copy = malloc(len ? len : 1); /* exactly the chunk: reads past it show under ASan */
  if (!copy) return 0;
  memcpy(copy, data + 1, len);
  gv_pq_opts o = {.num_values = (ctl >> 3) + 1, .codec = ctl & 1, .max_def = (ctl >> 1) & 1,
                  .host_decompressed = (ctl >> 2) & 1, .file_offset = 4, .first_row = 0};
  gv_array *a = NULL;
  gv_errors err = {0};
  gv_status s = gv_parse_parquet_wkb(copy, len, &o, &a, &err);
  if (s == GV_OK) {
    if (!a || a->n != o.num_values) abort();
  } else {
    if (a) abort();
    if ((s == GV_ERR_PARSE || s == GV_ERR_LIMIT) && err.count != 1) abort();
  }
  gv_array_release(a);
  gv_errors_free(&err);
  /* the same chunk twice, as two row groups in one call: the same outcome, twice the rows */
  {
    gv_pq_chunk two[2] = {{copy, len, o}, {copy, len, o}};
    two[1].opts.first_row = o.num_values;
    gv_array *b = NULL;
    gv_errors err2 = {0};
    gv_status s2 = gv_parse_parquet_wkb_chunks(two, 2, &b, &err2);
    if ((s2 == GV_OK) != (s == GV_OK)) abort();
    if (s2 == GV_OK && (!b || b->n != 2 * o.num_values)) abort();
    if (s2 != GV_OK && b) abort();
    if ((s2 == GV_ERR_PARSE || s2 == GV_ERR_LIMIT) && err2.count != 1) abort();
    gv_array_release(b);
    gv_errors_free(&err2);
  }
  /* the chunk as one snappy stream */
  uint64_t ulen;
  if (gv_snappy_length(copy, len, &ulen) > 0 && ulen <= 1u << 20) {
    uint8_t *out = malloc(ulen ? ulen : 1);
    size_t at;
    const char *why;
    if (out && gv_snappy_decompress(copy, len, out, ulen, &at, &why) != 0 && at > len) abort();
    free(out);
  }
  free(copy);
  return 0;
}
