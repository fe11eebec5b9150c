#ifndef GUANXI_CSQLITE_SHIM_H
#define GUANXI_CSQLITE_SHIM_H
// The system SQLite (Debian: libsqlite3-dev).
#include <sqlite3.h>

/// Turns off SQLite's memory statistics, which take a global mutex around every
/// allocation (sqlite3_config is variadic, which Swift cannot call). Effective only
/// before SQLite initialises, that is before the first connection opens.
static inline int guanxi_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
