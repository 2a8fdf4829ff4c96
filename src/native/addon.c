/* Node-API glue: a thin adapter from JavaScript values to the core's kernel
 * table (src/core/kernels.h). It knows no operation by name; every kernel
 * goes through call() / callAsync().
 *
 *   call(id, arrays, inputs, nums) -> { status, array, outs, nums, errors, errorCount }
 *
 * arrays: handles (objects made by make_handle) or null; inputs: typed
 * arrays / ArrayBuffers (read in place, no copy) or null; nums: numbers.
 * outs are ordinary (V8-allocated) ArrayBuffers, copied once from the
 * core's results, so that the GC reclaims them in a synchronous loop too. */
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

#include "../core/kernels.h"
#include "threads.h"

/* Marks the objects that are array handles (napi_unwrap alone would accept
 * any object some other addon wrapped). */
static const napi_type_tag HANDLE_TAG = {0x67656f7665632d61ULL, 0x727261792d68646cULL};

#define CHECK_NAPI(env, expr)                                                  \
  do {                                                                         \
    if ((expr) != napi_ok) {                                                   \
      napi_throw_error((env), "GEOVEC_NAPI", "geovec: Node-API call failed: " #expr); \
      return NULL;                                                             \
    }                                                                          \
  } while (0)

/* ---- array handles ---------------------------------------------------------- */

/* A JS handle is a plain object wrapping this struct: the array (NULL once
 * released) and the bytes it reported to V8, so that the GC sees native
 * memory and collects in time. The JS objects the array borrows memory from
 * (typed arrays adopted without a copy) hang off the handle object as a
 * property, so whatever holds the handle (a GeometryArray, an async call in
 * flight) keeps them alive, and the GC frees them together.
 *
 * The addon is built with NAPI_EXPERIMENTAL, so that handle_finalize is a
 * "basic" finalizer, run synchronously inside the GC (not from a
 * SetImmediate after it): a synchronous loop that never yields to the event
 * loop still gets its arrays' memory back. A basic finalizer may only call
 * node_api_basic_env functions, hence no napi_ref is ever deleted there. */
typedef struct handle {
  gv_array *a;
  int64_t bytes;
} handle;

static void handle_release(node_api_basic_env env, handle *h) {
  if (!h->a) return;
  int64_t ignored;
  napi_adjust_external_memory(env, -h->bytes, &ignored);
  gv_array_release(h->a);
  h->a = NULL;
}

static void handle_finalize(node_api_basic_env env, void *data, void *hint) {
  (void)hint;
  handle_release(env, data);
  free(data);
}

/* The handle behind a JS value, or NULL if the value is not one. */
static handle *handle_of(napi_env env, napi_value v) {
  napi_valuetype t;
  void *p = NULL;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_object) return NULL;
  bool tagged = false;
  if (napi_check_object_type_tag(env, v, &HANDLE_TAG, &tagged) != napi_ok || !tagged) return NULL;
  if (napi_unwrap(env, v, &p) != napi_ok) return NULL;
  return p;
}

/* ---- a call in flight ---------------------------------------------------------- */
typedef struct job {
  int id;
  gv_call call;
  gv_status status;
  napi_value inputs[GV_CALL_SPANS]; /* valid during a sync call only */
  napi_ref input_refs[GV_CALL_SPANS];
  napi_ref array_refs[GV_CALL_ARRAYS];
  napi_async_work work;
  napi_deferred deferred;
} job;

static int read_args(napi_env env, napi_callback_info info, job *j, int keep_refs) {
  size_t argc = 4;
  napi_value argv[4];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 4) {
    napi_throw_type_error(env, NULL, "geovec: call(id, arrays, inputs, nums) expects 4 arguments");
    return 0;
  }
  int32_t id;
  if (napi_get_value_int32(env, argv[0], &id) != napi_ok || id < 0 || id >= gv_kernel_count) {
    napi_throw_range_error(env, NULL, "geovec: unknown kernel id");
    return 0;
  }
  j->id = id;
  uint32_t len;
  /* arrays */
  napi_get_array_length(env, argv[1], &len);
  for (uint32_t i = 0; i < len && i < GV_CALL_ARRAYS; i++) {
    napi_value v;
    napi_get_element(env, argv[1], i, &v);
    handle *h = handle_of(env, v);
    if (!h) continue;
    if (!h->a) {
      napi_throw_error(env, "GEOVEC_DISPOSED", "geovec: this GeometryArray has been disposed");
      return 0;
    }
    j->call.arr[i] = h->a;
    gv_array_retain(j->call.arr[i]); /* a dispose() during an async call must not free it */
    /* the handle object also holds the memory the array borrows */
    if (keep_refs) napi_create_reference(env, v, 1, &j->array_refs[i]);
  }
  /* input buffers */
  napi_get_array_length(env, argv[2], &len);
  for (uint32_t i = 0; i < len && i < GV_CALL_SPANS; i++) {
    napi_value v;
    napi_get_element(env, argv[2], i, &v);
    bool is;
    void *data = NULL;
    size_t bytes = 0;
    if (napi_is_typedarray(env, v, &is) == napi_ok && is) {
      napi_typedarray_type tt;
      size_t length, offset;
      napi_value ab;
      napi_get_typedarray_info(env, v, &tt, &length, &data, &ab, &offset);
      static const size_t width[] = {1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8};
      bytes = length * ((size_t)tt < sizeof width / sizeof width[0] ? width[tt] : 1);
    } else if (napi_is_arraybuffer(env, v, &is) == napi_ok && is) {
      napi_get_arraybuffer_info(env, v, &data, &bytes);
    } else if (napi_is_dataview(env, v, &is) == napi_ok && is) {
      napi_value ab;
      size_t offset;
      napi_get_dataview_info(env, v, &bytes, &data, &ab, &offset);
    } else {
      continue;
    }
    j->call.in[i].data = data;
    j->call.in[i].len = bytes;
    j->inputs[i] = v;
    if (keep_refs) napi_create_reference(env, v, 1, &j->input_refs[i]);
  }
  /* numbers */
  napi_get_array_length(env, argv[3], &len);
  for (uint32_t i = 0; i < len && i < GV_CALL_NUMS; i++) {
    napi_value v;
    napi_get_element(env, argv[3], i, &v);
    napi_get_value_double(env, v, &j->call.num[i]);
  }
  return 1;
}

/* Wraps a new array in a handle object. The inputs it borrows become a
 * property of that object (see struct handle). */
static napi_value make_handle(napi_env env, job *j) {
  gv_call *c = &j->call;
  gv_array *a = c->out_arr;
  napi_value h;
  if (napi_create_object(env, &h) != napi_ok) return NULL;
  if (c->out_borrows) {
    napi_value keep;
    if (napi_create_array(env, &keep) != napi_ok) return NULL;
    uint32_t k = 0;
    for (int i = 0; i < GV_CALL_SPANS; i++) {
      if (!(c->out_borrows & (1u << i))) continue;
      napi_value v = NULL;
      if (j->input_refs[i]) napi_get_reference_value(env, j->input_refs[i], &v);
      else v = j->inputs[i];
      if (v && napi_set_element(env, keep, k++, v) != napi_ok) return NULL;
    }
    if (napi_set_named_property(env, h, "borrows", keep) != napi_ok) return NULL;
  }
  handle *hd = calloc(1, sizeof *hd);
  if (!hd) return NULL;
  hd->a = a;
  hd->bytes = (int64_t)gv_array_bytes(a);
  if (napi_wrap(env, h, hd, handle_finalize, NULL, NULL) != napi_ok) {
    free(hd);
    return NULL;
  }
  napi_type_tag_object(env, h, &HANDLE_TAG);
  int64_t ignored;
  napi_adjust_external_memory(env, hd->bytes, &ignored);
  c->out_arr = NULL; /* the handle owns it now */
  return h;
}

static napi_value make_result(napi_env env, job *j) {
  gv_call *c = &j->call;
  napi_value res, v;
  CHECK_NAPI(env, napi_create_object(env, &res));
  napi_create_int32(env, (int32_t)j->status, &v);
  napi_set_named_property(env, res, "status", v);
  napi_get_null(env, &v);
  if (!j->status && c->out_arr) {
    v = make_handle(env, j);
    if (!v) {
      napi_throw_range_error(env, "GEOVEC_NOMEM", "geovec: out of memory for an array handle");
      return NULL;
    }
  }
  napi_set_named_property(env, res, "array", v);
  napi_value outs;
  napi_create_array_with_length(env, GV_CALL_SPANS, &outs);
  for (int i = 0; i < GV_CALL_SPANS; i++) {
    gv_span *s = &c->out[i];
    napi_get_null(env, &v);
    if (!j->status && s->data) {
      /* Copied once into memory V8 allocates and the GC frees like any other
       * ArrayBuffer (an external ArrayBuffer's finalizer would only run after
       * an event-loop turn). The core's block is freed by job_free, at once;
       * a view into an array's memory is copied too, so that it pins nothing. */
      void *dst = NULL;
      if (napi_create_arraybuffer(env, s->len, &dst, &v) != napi_ok) {
        napi_throw_range_error(env, "GEOVEC_NOMEM", "geovec: out of memory for a result buffer");
        return NULL;
      }
      if (s->len) memcpy(dst, s->data, s->len);
    }
    napi_set_element(env, outs, (uint32_t)i, v);
  }
  napi_set_named_property(env, res, "outs", outs);
  napi_value nums;
  napi_create_array_with_length(env, GV_CALL_NUMS, &nums);
  for (int i = 0; i < GV_CALL_NUMS; i++) {
    napi_create_double(env, c->out_num[i], &v);
    napi_set_element(env, nums, (uint32_t)i, v);
  }
  napi_set_named_property(env, res, "nums", nums);
  napi_create_string_utf8(env, c->err.text.data ? (const char *)c->err.text.data : "", c->err.text.len, &v);
  napi_set_named_property(env, res, "errors", v);
  napi_create_double(env, (double)c->err.count, &v);
  napi_set_named_property(env, res, "errorCount", v);
  return res;
}

static void job_free(napi_env env, job *j) {
  for (int i = 0; i < GV_CALL_SPANS; i++)
    if (j->input_refs[i]) napi_delete_reference(env, j->input_refs[i]);
  for (int i = 0; i < GV_CALL_ARRAYS; i++) {
    if (j->array_refs[i]) napi_delete_reference(env, j->array_refs[i]);
    gv_array_release(j->call.arr[i]);
  }
  /* gv_call_dispose frees the owned outputs (copied out by make_result);
   * views point into arr[0] and are never freed here */
  gv_call_dispose(&j->call);
  free(j);
}

static napi_value call_sync(napi_env env, napi_callback_info info) {
  job *j = calloc(1, sizeof *j);
  if (!j) {
    napi_throw_error(env, "GEOVEC_NOMEM", "geovec: out of memory");
    return NULL;
  }
  if (!read_args(env, info, j, 0)) {
    job_free(env, j);
    return NULL;
  }
  j->status = gv_invoke(j->id, &j->call);
  napi_value res = make_result(env, j);
  job_free(env, j);
  return res;
}

/* ---- async: the kernel runs on a libuv worker; results are made on the main thread */
static void async_execute(napi_env env, void *data) {
  (void)env;
  job *j = data;
  j->status = gv_invoke(j->id, &j->call);
}

static void async_complete(napi_env env, napi_status status, void *data) {
  job *j = data;
  napi_value res = NULL;
  if (status == napi_ok) res = make_result(env, j);
  if (res) {
    napi_resolve_deferred(env, j->deferred, res);
  } else {
    napi_value msg, err;
    napi_create_string_utf8(env, "geovec: async call failed", NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, NULL, msg, &err);
    napi_reject_deferred(env, j->deferred, err);
  }
  napi_delete_async_work(env, j->work);
  job_free(env, j);
}

static napi_value call_async(napi_env env, napi_callback_info info) {
  job *j = calloc(1, sizeof *j);
  if (!j) {
    napi_throw_error(env, "GEOVEC_NOMEM", "geovec: out of memory");
    return NULL;
  }
  if (!read_args(env, info, j, 1)) {
    job_free(env, j);
    return NULL;
  }
  napi_value promise, name;
  napi_create_promise(env, &j->deferred, &promise);
  napi_create_string_utf8(env, "geovec", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, async_execute, async_complete, j, &j->work);
  napi_queue_async_work(env, j->work);
  return promise;
}

/* release(handle): frees the array now (GeometryArray.dispose). Buffers
 * already handed out are copies and stay valid. */
static napi_value release(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  handle *h = argc > 0 ? handle_of(env, argv[0]) : NULL;
  if (h) handle_release(env, h);
  return NULL;
}

/* ---- module ---------------------------------------------------------------------- */
static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], v;
  int32_t n = 0;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc > 0) napi_get_value_int32(env, argv[0], &n);
  napi_create_int32(env, gv_pool_set_threads(n), &v);
  return v;
}

static napi_value get_threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  napi_create_int32(env, gv_threads(), &v);
  return v;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value names, v;
  napi_create_array_with_length(env, (size_t)gv_kernel_count, &names);
  for (int i = 0; i < gv_kernel_count; i++) {
    napi_create_string_utf8(env, gv_kernels[i].name, NAPI_AUTO_LENGTH, &v);
    napi_set_element(env, names, (uint32_t)i, v);
  }
  napi_set_named_property(env, exports, "kernels", names);
  napi_property_descriptor props[] = {
      {"call", NULL, call_sync, NULL, NULL, NULL, napi_default, NULL},
      {"callAsync", NULL, call_async, NULL, NULL, NULL, napi_default, NULL},
      {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_default, NULL},
      {"release", NULL, release, NULL, NULL, NULL, napi_default, NULL},
      {"threads", NULL, get_threads, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  gv_pool_start();
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
