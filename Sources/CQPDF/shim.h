#ifndef POSTDESK_CQPDF_SHIM_H
#define POSTDESK_CQPDF_SHIM_H
#include <qpdf/qpdf-c.h>
/* zlib, which qpdf links and libqpdf-dev depends on: the cut compresses the font streams it
   rewrites itself, at a faster level than qpdf's. */
#include <zlib.h>
#endif
