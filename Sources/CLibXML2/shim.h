#ifndef POSTDESK_CLIBXML2_SHIM_H
#define POSTDESK_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, so <libxml/encoding.h> would pull in the system's ICU
// headers, whose types clash with the ICU that Foundation bundles ("'UErrorCode' has
// different definitions in different modules"). PostDesk never touches the ICU fields of
// xmlCharEncodingHandler (only pointers to it), so the headers are read without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlstring.h>

/// `xmlFree` is a global function pointer, which Swift cannot call directly.
static inline void postdesk_xmlFree(void *pointer) {
  xmlFree(pointer);
}

/// Installs a structured error handler on one parser context (not the global one), so that
/// every error of that parse reaches the handler with its line and column.
static inline void postdesk_setStructuredErrorHandler(xmlParserCtxtPtr context, xmlStructuredErrorFunc handler) {
  if (context != NULL && context->sax != NULL) {
    context->sax->initialized = XML_SAX2_MAGIC;
    context->sax->serror = handler;
    context->sax->error = NULL;
    context->sax->warning = NULL;
  }
}

#endif
