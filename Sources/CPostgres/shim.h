#ifndef GUANXI_CPOSTGRES_SHIM_H
#define GUANXI_CPOSTGRES_SHIM_H
// libpq, PostgreSQL's C client library (Debian: libpq-dev).
#include <libpq-fe.h>
#endif
