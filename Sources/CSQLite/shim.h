#ifndef GUANXI_CSQLITE_SHIM_H
#define GUANXI_CSQLITE_SHIM_H
// The system SQLite (Debian: libsqlite3-dev).
#include <sqlite3.h>

/// Keeps sub-journals (the journals of statements and savepoints) in memory up to
/// `bytes` before they spill to a temporary file. `sqlite3_config` is variadic, so
/// Swift cannot call it; this takes effect only before the first connection opens.
static inline int guanxi_sqlite3_config_subjournal_spill(int bytes) {
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}
#endif
