/* The GeoArrow collection kernels: collection_members splits collections
 * into their top-level members and collection_build builds them back; the round
 * trip must give the same WKT, nested collections, dimensions, empties and
 * nulls included. Bad offsets, null members and non-collections are refused. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "wkt_array.h"
#include "geovec.h"
#include "kernels.h"

static int kernel_id(const char *name) {
  for (int k = 0; k < gv_kernel_count; k++)
    if (strcmp(gv_kernels[k].name, name) == 0) return k;
  return -1;
}

static gv_array *parse(const char **wkt, int n) {
  gv_array *a = test_wkt_array(wkt, n);
  CHECK(a != NULL);
  return a;
}

/* WKT of element i ("" for null), in a static buffer. */
static const char *wkt_of(const gv_array *a, int64_t i) {
  static char text[4096];
  gv_buf out = {0}, off = {0};
  gv_write_opts o = {.byte_order = 1, .precision = -1};
  CHECK(gv_write_wkt(a, i, i + 1, &o, &out, &off) == GV_OK);
  size_t len = out.len < sizeof text - 1 ? out.len : sizeof text - 1;
  memcpy(text, out.data ? (const char *)out.data : "", len);
  text[len] = 0;
  gv_buf_free(&out);
  gv_buf_free(&off);
  return text;
}

static const char *GCS[] = {
    "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1), POLYGON ((0 0, 1 0, 1 1, 0 0)))",
    NULL,
    "GEOMETRYCOLLECTION EMPTY",
    "GEOMETRYCOLLECTION (MULTIPOINT ((1 2), (3 4)), MULTILINESTRING ((0 0, 1 1), (2 2, 3 3)), MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5))))",
    "GEOMETRYCOLLECTION (POINT EMPTY, LINESTRING EMPTY, POLYGON EMPTY, MULTIPOINT EMPTY)",
    "GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION EMPTY), POINT (3 4))",
    "GEOMETRYCOLLECTION Z (POINT Z (1 2 3), LINESTRING Z (0 0 1, 1 1 2))",
    "GEOMETRYCOLLECTION M (POINT M (1 2 3))",
    "GEOMETRYCOLLECTION ZM (MULTIPOINT ZM ((1 2 3 4)), POLYGON ZM ((0 0 1 2, 1 0 1 2, 1 1 1 2, 0 0 1 2)))",
};
#define NGC ((int)(sizeof GCS / sizeof GCS[0]))

static void test_round_trip(void) {
  gv_array *a = parse(GCS, NGC);
  if (!a) return;
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = a;
  CHECK(gv_invoke(kernel_id("collection_members"), &c) == GV_OK);
  gv_array *m = c.out_arr;
  c.out_arr = NULL; /* taken: released below */
  const int32_t *off = c.out[0].data;
  CHECK(c.out[0].len == (NGC + 1) * sizeof(int32_t));
  int32_t want[NGC + 1] = {0, 3, 3, 3, 6, 10, 12, 14, 15, 17};
  for (int i = 0; i <= NGC; i++) CHECK(off[i] == want[i]);
  CHECK(m && m->n == 17);
  if (m && m->n == 17) {
    CHECK_STR(wkt_of(m, 0), "POINT (1 2)");
    CHECK_STR(wkt_of(m, 5), "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))");
    CHECK_STR(wkt_of(m, 6), "POINT EMPTY");
    CHECK_STR(wkt_of(m, 10), "GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION EMPTY)");
    CHECK_STR(wkt_of(m, 12), "POINT Z (1 2 3)");
    CHECK_STR(wkt_of(m, 14), "POINT M (1 2 3)");
    CHECK_STR(wkt_of(m, 15), "MULTIPOINT ZM ((1 2 3 4))");
  }
  /* and back: the same collections */
  uint8_t valid[2] = {0xfd, 0x01}; /* element 1 is null */
  for (int dims = 0; dims < 4; dims++) {
    gv_call k;
    memset(&k, 0, sizeof k);
    k.arr[0] = m;
    k.in[0].data = (void *)off, k.in[0].len = (NGC + 1) * sizeof(int32_t);
    k.in[1].data = valid, k.in[1].len = sizeof valid;
    k.num[0] = NGC, k.num[1] = 0, k.num[2] = dims == 0 ? 0 : dims == 1 ? GV_HAS_Z : dims == 2 ? GV_HAS_M : GV_HAS_Z | GV_HAS_M;
    CHECK(gv_invoke(kernel_id("collection_build"), &k) == GV_OK);
    gv_array *b = k.out_arr;
    k.out_arr = NULL;
    CHECK(b && b->n == NGC);
    for (int i = 0; b && i < NGC; i++) {
      if (!GCS[i]) {
        CHECK(gv_is_null(b, i));
        continue;
      }
      /* the requested dimension is the collections' own: it adds to what the members carry */
      if (dims == 0) CHECK_STR(wkt_of(b, i), GCS[i]);
      else if (dims == 3) CHECK(strncmp(wkt_of(b, i), "GEOMETRYCOLLECTION ZM ", 22) == 0);
    }
    if (b && dims == 1) CHECK_STR(wkt_of(b, 2), "GEOMETRYCOLLECTION Z EMPTY");
    if (b && dims == 2) CHECK_STR(wkt_of(b, 2), "GEOMETRYCOLLECTION M EMPTY");
    gv_call_dispose(&k);
    gv_array_release(b);
  }
  gv_call_dispose(&c);
  gv_array_release(m);
  gv_array_release(a);
}

static void test_refused(void) {
  const char *mixed[] = {"GEOMETRYCOLLECTION (POINT (1 2))", "POINT (1 2)"};
  gv_array *a = parse(mixed, 2);
  if (!a) return;
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = a;
  CHECK(gv_invoke(kernel_id("collection_members"), &c) == GV_ERR_ARG);
  CHECK(c.out_arr == NULL);
  gv_call_dispose(&c);

  /* collect: wrong offset count, decreasing, past the members, NaN count, a null member */
  const char *pts[] = {"POINT (1 2)", NULL, "LINESTRING (0 0, 1 1)"};
  gv_array *m = parse(pts, 3);
  int32_t bad[][3] = {{0, 2, 1}, {0, 1, 4}, {-1, 0, 1}};
  for (int k = 0; k < 3; k++) {
    memset(&c, 0, sizeof c);
    c.arr[0] = m;
    c.in[0].data = bad[k], c.in[0].len = sizeof bad[k];
    c.num[0] = 2;
    CHECK(gv_invoke(kernel_id("collection_build"), &c) == GV_ERR_ARG);
    CHECK(c.out_arr == NULL);
    gv_call_dispose(&c);
  }
  int32_t ok[3] = {0, 1, 3};
  memset(&c, 0, sizeof c);
  c.arr[0] = m;
  c.in[0].data = ok, c.in[0].len = sizeof ok;
  c.num[0] = 3; /* length does not match the offsets */
  CHECK(gv_invoke(kernel_id("collection_build"), &c) == GV_ERR_ARG);
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  c.arr[0] = m;
  c.in[0].data = ok, c.in[0].len = sizeof ok;
  c.num[0] = NAN;
  CHECK(gv_invoke(kernel_id("collection_build"), &c) == GV_ERR_ARG);
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  c.arr[0] = m;
  c.in[0].data = ok, c.in[0].len = sizeof ok;
  c.num[0] = 2;
  CHECK(gv_invoke(kernel_id("collection_build"), &c) == GV_ERR_ARG); /* member 1 is null */
  CHECK(c.out_arr == NULL);
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  CHECK(gv_invoke(kernel_id("collection_build"), &c) == GV_ERR_ARG); /* no array */
  CHECK(gv_invoke(kernel_id("collection_members"), &c) == GV_ERR_ARG);
  gv_call_dispose(&c);
  gv_array_release(m);
  gv_array_release(a);
}

int main(void) {
  RUN(test_round_trip);
  RUN(test_refused);
  return check_report("test_arrow");
}
