/* Per-element error reports, kept as text lines "index\toffset\tmessage\n". */
#include <stdarg.h>
#include <stdio.h>

#include "geovec.h"

void gv_errors_add(gv_errors *e, int64_t index, int64_t offset, const char *fmt, ...) {
  e->count++;
  if (e->count > GV_MAX_ERRORS) return;
  char line[512];
  int k = snprintf(line, sizeof line, "%lld\t%lld\t", (long long)index, (long long)offset);
  va_list ap;
  va_start(ap, fmt);
  int m = vsnprintf(line + k, sizeof line - (size_t)k - 1, fmt, ap);
  va_end(ap);
  if (m < 0) m = 0;
  size_t len = (size_t)k + ((size_t)m < sizeof line - (size_t)k - 1 ? (size_t)m : sizeof line - (size_t)k - 2);
  line[len++] = '\n';
  gv_buf_append(&e->text, line, len); /* on NOMEM the line is lost, the count is kept */
}

void gv_errors_free(gv_errors *e) {
  gv_buf_free(&e->text);
  e->count = 0;
}
