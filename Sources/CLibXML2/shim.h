#ifndef GUANXI_CLIBXML2_SHIM_H
#define GUANXI_CLIBXML2_SHIM_H
// The system libxml2 (Debian: libxml2-dev), found through pkg-config libxml-2.0.
//
// libxml2's encoding.h includes the system ICU's <unicode/ucnv.h> when libxml2 was
// built with ICU. Swift 6.3 on Linux bundles its own ICU for Foundation, and clang
// then sees two different definitions of ICU's enums in one program (swiftlang/swift
// issue 88485). Guanxi uses none of libxml2's ICU conversion, so the shim keeps the
// system header out: it claims ucnv.h's include guard and declares, opaquely, the
// only two ICU types encoding.h names.
#include <stdint.h>
#ifndef UCNV_H
#define UCNV_H
typedef struct UConverter UConverter;
typedef uint16_t UChar;
#endif
#include <libxml/xmlwriter.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlreader.h>
#endif
