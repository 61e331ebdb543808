// Error-checking wrappers in the style of CS:APP's csapp.h: each forwards
// its parameters to the pthread call and stops the program if it fails.
#include <pthread.h>

void Pthread_create(pthread_t *tid, const pthread_attr_t *attr,
                    void *(*routine)(void *), void *arg);
void Pthread_join(pthread_t tid, void **result);
