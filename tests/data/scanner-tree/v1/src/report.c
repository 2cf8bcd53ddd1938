/* report.c: writes a one-line status report. */
#include <stdio.h>

int report_status(char *out, const char *service, int code) {
  return sprintf(out, "service %s returned %d", service, code);
}
