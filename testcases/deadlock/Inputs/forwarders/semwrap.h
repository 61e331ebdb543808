// Error-checking wrappers in the style of CS:APP's csapp.c: each forwards
// its parameters to one library call and stops the program if it fails.
// Pcounted also counts the waits in a global: it is code of its own, not a
// forwarder.
#include <pthread.h>
#include <semaphore.h>

void Sem_init(sem_t *sem, int pshared, unsigned value);
void P(sem_t *sem);
void V(sem_t *sem);
void Pcounted(sem_t *sem);
void Pthread_create(pthread_t *tid, pthread_attr_t *attr,
                    void *(*routine)(void *), void *arg);
void Pthread_join(pthread_t tid, void **result);
