#ifndef POSTDESK_CQPDF_SHIM_H
#define POSTDESK_CQPDF_SHIM_H
#include <qpdf/qpdf-c.h>
#endif
