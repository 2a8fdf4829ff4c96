/* A typed in-place sort for the noder and the overlay graph: introsort
 * (median-of-three quicksort, insertion sort below 16 elements, heapsort
 * when the recursion gets too deep), with the comparison inlined. It is
 * not stable; the callers' orders are total up to elements they merge or
 * treat alike. It replaces qsort there: the C library's qsort calls the
 * comparison through a pointer (and in wasi-libc is a smoothsort), which
 * made sorting the largest cost of a big overlay.
 *
 * GV_SORT_DEFINE(name, T, LESS) defines static void name(T *a, size_t n)
 * where LESS(p, q) is an expression true when *p sorts before *q. */
#ifndef GEOVEC_SORT_IMPL_H
#define GEOVEC_SORT_IMPL_H

#include <stddef.h>

#define GV_SORT_DEFINE(name, T, LESS)                                                                      \
  static void name##_sift(T *a, size_t root, size_t n) {                                                 \
    T v = a[root];                                                                                       \
    for (;;) {                                                                                           \
      size_t c = 2 * root + 1;                                                                           \
      if (c >= n) break;                                                                                 \
      if (c + 1 < n && LESS((&a[c]), (&a[c + 1]))) c++;                                                  \
      if (!LESS((&v), (&a[c]))) break;                                                                   \
      a[root] = a[c];                                                                                    \
      root = c;                                                                                          \
    }                                                                                                    \
    a[root] = v;                                                                                         \
  }                                                                                                      \
  static void name##_rec(T *a, size_t n, int depth) {                                                    \
    while (n > 16) {                                                                                     \
      if (depth-- <= 0) { /* heapsort */                                                                 \
        for (size_t i = n / 2; i-- > 0;) name##_sift(a, i, n);                                           \
        for (size_t i = n - 1; i > 0; i--) {                                                             \
          T t = a[0];                                                                                    \
          a[0] = a[i];                                                                                   \
          a[i] = t;                                                                                      \
          name##_sift(a, 0, i);                                                                          \
        }                                                                                                \
        return;                                                                                          \
      }                                                                                                  \
      size_t m = n / 2;                                                                                  \
      T t;                                                                                               \
      /* median of three into a[0] */                                                                    \
      if (LESS((&a[m]), (&a[0]))) t = a[m], a[m] = a[0], a[0] = t;                                       \
      if (LESS((&a[n - 1]), (&a[m]))) {                                                                  \
        t = a[m], a[m] = a[n - 1], a[n - 1] = t;                                                         \
        if (LESS((&a[m]), (&a[0]))) t = a[m], a[m] = a[0], a[0] = t;                                     \
      }                                                                                                  \
      t = a[0], a[0] = a[m], a[m] = t;                                                                   \
      T piv = a[0];                                                                                      \
      size_t i = 0, j = n;                                                                               \
      for (;;) { /* Hoare partition around piv (elements equal to it go either way) */                   \
        do i++; while (i < n && LESS((&a[i]), (&piv)));                                                  \
        do j--; while (LESS((&piv), (&a[j])));                                                           \
        if (i >= j) break;                                                                               \
        t = a[i], a[i] = a[j], a[j] = t;                                                                 \
      }                                                                                                  \
      a[0] = a[j];                                                                                       \
      a[j] = piv;                                                                                        \
      /* recurse into the smaller side, loop on the larger */                                            \
      if (j < n - j - 1) {                                                                               \
        name##_rec(a, j, depth);                                                                         \
        a += j + 1;                                                                                      \
        n -= j + 1;                                                                                      \
      } else {                                                                                           \
        name##_rec(a + j + 1, n - j - 1, depth);                                                         \
        n = j;                                                                                           \
      }                                                                                                  \
    }                                                                                                    \
    for (size_t i = 1; i < n; i++) {                                                                     \
      T v = a[i];                                                                                        \
      size_t k = i;                                                                                      \
      while (k > 0 && LESS((&v), (&a[k - 1]))) a[k] = a[k - 1], k--;                                     \
      a[k] = v;                                                                                          \
    }                                                                                                    \
  }                                                                                                      \
  static void name(T *a, size_t n) {                                                                     \
    int depth = 0;                                                                                       \
    for (size_t k = n; k > 1; k >>= 1) depth += 2;                                                       \
    if (n > 1) name##_rec(a, n, depth);                                                                  \
  }

#endif
