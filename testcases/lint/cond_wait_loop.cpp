// Clean twin of cond_wait_if.c: the wait re-checks its condition in a loop,
// or uses the predicate overload, which loops by itself.
//
// RUN: %tangle-lint %s -- -std=c++17 > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <condition_variable>
#include <mutex>
#include <pthread.h>
#include <thread>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static int items;

std::mutex q_lock;
std::condition_variable q_ready;
int queued;

void *consumer(void *) {
  pthread_mutex_lock(&m);
  while (items == 0)
    pthread_cond_wait(&nonempty, &m);
  items--;
  pthread_mutex_unlock(&m);
  return nullptr;
}

void cpp_consumer() {
  std::unique_lock<std::mutex> lk(q_lock);
  q_ready.wait(lk, [] { return queued > 0; });
  queued--;
}

int main() {
  pthread_t c;
  pthread_create(&c, nullptr, consumer, nullptr);
  std::thread t(cpp_consumer);
  {
    std::lock_guard<std::mutex> g(q_lock);
    queued++;
  }
  q_ready.notify_one();
  pthread_mutex_lock(&m);
  items++;
  pthread_cond_signal(&nonempty);
  pthread_mutex_unlock(&m);
  pthread_join(c, nullptr);
  t.join();
}
