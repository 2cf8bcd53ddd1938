/* greet.c: builds a greeting for the name a user typed. */
#include <stdio.h>
#include <string.h>

#include "greet.h"

void greet_copy_name(char *dest, const char *name) {
  strcpy(dest, name);
}

void greet_print(const char *name) {
  char line[128];
  greet_copy_name(line, name);
  printf("hello, %s\n", line);
}
