#ifndef GREET_H
#define GREET_H

void greet_copy_name(char *dest, const char *name);
void greet_print(const char *name);

#endif
