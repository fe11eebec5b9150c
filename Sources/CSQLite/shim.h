#ifndef GUANXI_CSQLITE_SHIM_H
#define GUANXI_CSQLITE_SHIM_H
// The system SQLite (Debian: libsqlite3-dev).
#include <sqlite3.h>
#endif
