#ifndef GUANXI_CEDITLINE_SHIM_H
#define GUANXI_CEDITLINE_SHIM_H
// libedit's readline interface (Debian: libedit-dev), for the query REPL's line
// editing and history.
#include <stdio.h>
#include <editline/readline.h>
#endif
