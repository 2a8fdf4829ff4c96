/* Fuzz target for the WKB parser and writer.
 *
 * Input: one control byte, then the WKB bytes. The control byte chooses 1-3
 * elements and where the rest is cut (cuts may give empty elements: an
 * error, zero bytes are not WKB). Both error modes are parsed; every array that parses is written
 * in all four encodings (LE/BE x ISO/EWKB), and each output must parse again
 * and write back to the very same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"

/* write(a) -> parse -> write again, with the same options: identical bytes,
 * identical boundaries. Also the ISO LE form of both arrays must agree. */
static void round_trip(const gv_array *a, int le, int ewkb) {
  gv_write_opts o = {le, ewkb, -1};
  gv_buf out = {0}, offs = {0}, out2 = {0}, offs2 = {0};
  gv_status st = gv_write_wkb(a, 0, a->n, &o, &out, &offs);
  if (st == GV_ERR_NOMEM) goto done;
  if (st) abort();
  if (offs.len != (size_t)(a->n + 1) * sizeof(int64_t)) abort();
  gv_array *b = NULL;
  gv_errors err = {0};
  /* the writer gives a null element zero bytes: read it back as null */
  const int64_t *f = (const int64_t *)(void *)offs.data;
  uint8_t valid[1] = {0}; /* n <= 3 */
  for (int64_t i = 0; i < a->n; i++)
    if (f[i + 1] > f[i]) valid[0] |= (uint8_t)(1u << i);
  gv_parse_opts po = {.validity = valid};
  st = gv_parse_wkb(out.data, f, a->n, &po, &b, &err);
  gv_errors_free(&err);
  if (st == GV_ERR_NOMEM) goto done;
  if (st || !b || b->n != a->n) abort();
  for (int64_t i = 0; i < a->n; i++)
    if (gv_type_byte(a, i) != gv_type_byte(b, i)) abort();
  st = gv_write_wkb(b, 0, b->n, &o, &out2, &offs2);
  if (st) abort();
  if (out.len != out2.len || (out.len && memcmp(out.data, out2.data, out.len)) ||
      offs.len != offs2.len || memcmp(offs.data, offs2.data, offs.len))
    abort();
  gv_array_release(b);
done:
  gv_buf_free(&out);
  gv_buf_free(&offs);
  gv_buf_free(&out2);
  gv_buf_free(&offs2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  uint8_t ctl = data[0];
  const uint8_t *body = data + 1;
  size_t len = size - 1;
  int n = ctl % 3 + 1;
  /* cut points at eighths of the body, chosen by the control byte */
  size_t c1 = len * ((ctl >> 2) & 7) / 8, c2 = len * ((ctl >> 5) & 7) / 8;
  int64_t off[4] = {0, (int64_t)len, (int64_t)len, (int64_t)len};
  if (n == 2) off[1] = (int64_t)c1;
  if (n == 3) {
    off[1] = (int64_t)(c1 < c2 ? c1 : c2);
    off[2] = (int64_t)(c1 < c2 ? c2 : c1);
  }
  /* copy so that reads past the element show up under ASan */
  uint8_t *copy = malloc(len ? len : 1);
  if (!copy) return 0;
  memcpy(copy, body, len);
  for (int mode = 0; mode <= 1; mode++) {
    gv_parse_opts po = {.on_invalid_null = mode};
    gv_array *a = NULL;
    gv_errors err = {0};
    gv_status st = gv_parse_wkb(copy, off, n, &po, &a, &err);
    if (st == GV_OK) {
      if (!a || a->n != n) abort();
      if (mode == 0 && err.count) abort();
      for (int le = 0; le <= 1; le++)
        for (int ewkb = 0; ewkb <= 1; ewkb++) round_trip(a, le, ewkb);
    } else {
      if (a) abort();
      if (st == GV_ERR_PARSE && (mode == 1 || err.count != 1)) abort();
    }
    gv_array_release(a);
    gv_errors_free(&err);
  }
  free(copy);
  return 0;
}
