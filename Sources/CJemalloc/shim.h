#ifndef GUANXI_CJEMALLOC_SHIM_H
#define GUANXI_CJEMALLOC_SHIM_H
// jemalloc (Debian: libjemalloc-dev). Linked into the executables, it replaces the C
// library's malloc and free for the whole process: nothing calls it by name.
#include <jemalloc/jemalloc.h>
#endif
