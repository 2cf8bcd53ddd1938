/* prompt.c: reads one answer from the terminal. */
#include <stdio.h>

int prompt_read(char *answer) {
  if (gets(answer) == NULL) return -1;
  return 0;
}
