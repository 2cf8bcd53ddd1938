/* greet.c: builds a greeting for the name a user typed.
 *
 * Version 2 adds an announcement hook: after greeting, the service can run
 * a configured command (for example, to ring a bell in the office).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "greet.h"

int greet_announce(const char *hook) {
  return system(hook);
}

void greet_copy_name(char *dest, const char *name) {
  strcpy(dest, name);
}

void greet_print(const char *name) {
  char line[128];
  greet_copy_name(line, name);
  printf("hello, %s\n", line);
}
