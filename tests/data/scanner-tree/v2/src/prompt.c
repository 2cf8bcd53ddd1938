/* prompt.c: reads one answer from the terminal. */
#include <stdio.h>

int prompt_read(char *answer, int size) {
  if (fgets(answer, size, stdin) == NULL) return -1;
  return 0;
}
