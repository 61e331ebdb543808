// The Chinese message catalog: each English text the reports use (wrapped
// in tr() or msg() in the source) with its translation. Placeholders ({0},
// {1}, ...) are filled in the order the translation needs them; ids, flags,
// code names and file names stay as they are. cli/tests/messages_test.cpp
// checks that every text in the source has an entry here, and every entry
// a text in the source.
#include "cli/messages.h"

namespace tangle {
namespace {

const CatalogEntry entries[] = {
    {"start", "启动"},
    {"exit", "退出"},
    {"create", "创建"},
    {"join", "等待线程结束"},
    {"detach", "分离"},
    {"exit-process", "进程退出"},
    {"fork", "fork"},
    {"waitpid", "waitpid"},
    {"pipe", "pipe"},
    {"read", "read"},
    {"write", "write"},
    {"close", "close"},
    {"dup", "dup"},
    {"kill", "kill"},
    {"spawn", "spawn"},
    {"mq_open", "mq_open"},
    {"mq_send", "mq_send"},
    {"mq_receive", "mq_receive"},
    {"mq_close", "mq_close"},
    {"mq_unlink", "mq_unlink"},
    {"mq_getattr", "mq_getattr"},
    {"init", "初始化"},
    {"destroy", "销毁"},
    {"lock", "加锁"},
    {"trylock", "尝试加锁"},
    {"timedlock", "限时加锁"},
    {"unlock", "解锁"},
    {"cond_init", "cond_init"},
    {"cond_destroy", "cond_destroy"},
    {"wait", "等待"},
    {"wake", "被唤醒"},
    {"signal", "发信号"},
    {"broadcast", "广播"},
    {"sem_init", "sem_init"},
    {"sem_destroy", "sem_destroy"},
    {"sem_wait", "sem_wait"},
    {"sem_trywait", "sem_trywait"},
    {"sem_timedwait", "sem_timedwait"},
    {"sem_post", "sem_post"},
    {"sem_getvalue", "sem_getvalue"},
    {"barrier_init", "barrier_init"},
    {"barrier_destroy", "barrier_destroy"},
    {"arrive", "到达"},
    {"pass", "通过"},
    {"rwlock_init", "rwlock_init"},
    {"rwlock_destroy", "rwlock_destroy"},
    {"rdlock", "加读锁"},
    {"tryrdlock", "尝试加读锁"},
    {"timedrdlock", "限时加读锁"},
    {"wrlock", "加写锁"},
    {"trywrlock", "尝试加写锁"},
    {"timedwrlock", "限时加写锁"},
    {"once", "once"},
    {"once-done", "once 完成"},
    {"yield", "让出 CPU"},
    {"test lock", "测试锁"},
    {"exec", "exec"},
    {"atomic load", "原子读"},
    {"atomic store", "原子写"},
    {"atomic update", "原子更新"},
    {"futex wait", "futex 等待"},
    {"futex wake-up", "futex 被唤醒"},
    {"futex wake", "futex 唤醒"},
    {"cancel", "取消"},
    {"set-cancel", "设置取消状态"},
    {"testcancel", "testcancel"},
    {"vfork-wait", "vfork 等待"},
    {"close (unlocks)", "close（随之解锁）"},
    {"appends to", "追加写入"},
    {"frees", "释放"},
    {"atomically writes", "原子地写入"},
    {"atomically reads", "原子地读取"},
    {"writes", "写入"},
    {"reads", "读取"},
    {"main thread", "主线程"},
    {"a thread tangle did not record", "一个 tangle 未记录的线程"},
    {"process {0}", "进程 {0}"},
    {"{0} (forked by {1})", "{0}（由 {1} fork 创建）"},
    {"thread {0} of process {1}", "进程 {1} 的线程 {0}"},
    {"thread {0}", "线程 {0}"},
    {"see a change of", "观察到变化："},
    {"nobody is left to change its value and notify",
     "已没有线程能修改它的值并发出通知"},
    {"get the value of", "获取结果："},
    {"a std::future", "一个 std::future"},
    {"no thread will set it: its std::promise (or task) is never given a va"
     "lue, and no thread is left to give it one",
     "没有线程会设置它：它的 std::promise（或任务）从未被赋值，也已没有线程"
     "能为它赋值"},
    {"a std::latch", "一个 std::latch"},
    {"its counter will not reach zero: the count_down calls it needs will n"
     "ot come",
     "它的计数不会降到零：所需的 count_down 调用不会再来"},
    {"a std::barrier", "一个 std::barrier"},
    {"the other parties of this phase will not arrive",
     "这一阶段的其他参与者不会到达"},
    {"acquire", "获取"},
    {"a std::counting_semaphore", "一个 std::counting_semaphore"},
    {"its count is 0 and nobody is left to release it",
     "它的计数为 0，且已没有线程能释放它"},
    {"pipe {0}", "管道 {0}"},
    {" (read end)", "（读端）"},
    {" (write end)", "（写端）"},
    {"message queue {0}", "消息队列 {0}"},
    {"a command", "一条命令"},
    {"process {0} with {1}", "进程 {0}，信号 {1}"},
    {"any child", "任一子进程"},
    {", ", "、"},
    {"the first process", "第一个进程"},
    {" (its own)", "（它自己）"},
    {"no process has it open for {0}", "没有进程以{0}方式打开它"},
    {"it is open for {0} only in {1}, whose threads are all blocked or gone",
     "只有 {1} 以{0}方式打开了它，而这些进程的线程都已阻塞或结束"},
    {"wait on condition", "等待条件变量"},
    {"nobody is left to signal it", "已没有线程会发信号唤醒它"},
    {"; the {0} by {1}{2} (step {3}) came before the wait and was lost",
     "；{1}{2}的{0}（第 {3} 步）发生在这次等待之前，因而丢失了"},
    {" at line {0}", " 第 {0} 行"},
    {"wait on semaphore", "等待信号量"},
    {"its value is 0 and nobody is left to post it",
     "它的值为 0，且已没有线程会对它执行 post"},
    {"wait at barrier", "在屏障处等待"},
    {"barrier of {0} with {1} arrived",
     "屏障需要 {0} 个参与者，只到达了 {1} 个"},
    {"wait for the once routine of", "等待 once 例程完成："},
    {"wait in vfork for child", "在 vfork 中等待子进程"},
    {"the child has neither called exec nor exited, and will not",
     "子进程既没有调用 exec 也没有退出，而且以后也不会"},
    {"wait for child", "等待子进程"},
    {"the child has not exited and will not", "子进程没有退出，而且以后也不会"},
    {"read from", "读取"},
    {"write to", "写入"},
    {"the pipe is empty, and its write end is still open in {0}, so the rea"
     "d does not see the end of the data",
     "管道是空的，而它的写端在 {0} 中仍然打开，所以读操作等不到数据结束（EO"
     "F）"},
    {"the pipe is full and nobody reads it; its read end is open in {0}",
     "管道已满且没有人读取；它的读端在 {0} 中打开"},
    {"spin on", "自旋等待"},
    {"it reads the same value again and again, and no other thread can run "
     "to change it",
     "它一遍又一遍地读到同一个值，而没有其他线程能运行来改变它"},
    {"wait on", "等待"},
    {"no thread is left to wake it", "已没有线程能唤醒它"},
    {"poll", "轮询"},
    {"it sleeps and looks again and again, and no other thread can run to c"
     "hange what it looks at",
     "它反复睡眠、再查看，而没有其他线程能运行来改变它查看的东西"},
    {"receive from", "接收消息："},
    {"it is empty and nobody will send to it: {0}",
     "队列为空，且不会有人向它发送：{0}"},
    {"sending", "发送"},
    {"send to", "发送消息："},
    {"it is full ({0} messages, mq_maxmsg {1}) and nobody will receive from"
     " it: {2}",
     "队列已满（{0} 条消息，mq_maxmsg 为 {1}），且不会有人从中接收：{2}"},
    {"receiving", "接收"},
    {" in {0}", "（位于 {0}）"},
    {" and ", " 和 "},
    {"a thread", "某个线程"},
    {", which", "，后者"},
    {" waits for {0}", " 等待 {0}"},
    {" held by {0}", "（由 {0} 持有）"},
    {" before ", "、"},
    {"for example always lock {0}", "例如总是按 {0} 的顺序加锁"},
    {"accesses", "访问"},
    {"its init call", "它的初始化调用"},
    {"pthread_mutex_init (or PTHREAD_MUTEX_INITIALIZER)",
     "pthread_mutex_init（或 PTHREAD_MUTEX_INITIALIZER）"},
    {"pthread_rwlock_init (or PTHREAD_RWLOCK_INITIALIZER)",
     "pthread_rwlock_init（或 PTHREAD_RWLOCK_INITIALIZER）"},
    {"pthread_cond_init (or PTHREAD_COND_INITIALIZER)",
     "pthread_cond_init（或 PTHREAD_COND_INITIALIZER）"},
    {"sem_init or sem_open", "sem_init 或 sem_open"},
    {"a successful pthread_barrier_init (a count of 0 fails)",
     "一次成功的 pthread_barrier_init（计数为 0 会失败）"},
    {"{0} uses {1}", "{0} 使用了 {1}"},
    {"an object", "一个对象"},
    {" ({0})", "（{0}）"},
    {": the call fails with EINVAL and does nothing",
     "：该调用以 EINVAL 失败，什么也不做"},
    {": the behaviour is undefined (glibc lets the call go on as if the obj"
     "ect were alive)",
     "：其行为是未定义的（glibc 会让调用继续，就像对象仍然有效一样）"},
    {" after it was destroyed at {0}", "，而它已在 {0} 被销毁"},
    {" after the memory holding it was freed at {0}: the memory may already "
     "hold something else, and the behaviour is undefined",
     "，而存放它的内存已在 {0} 被释放：这块内存可能已另作他用，行为未定义"},
    {", which was never initialised with {0}", "，而它从未用 {0} 初始化"},
    {"{0} {1} it", "{0} {1}它"},
    {"the same step {0} more times, up to step {1}",
     "同一步又重复了 {0} 次，直到第 {1} 步"},
    {"the {0} steps above {1} more times, up to step {2}",
     "上面这 {0} 步又重复了 {1} 次，直到第 {2} 步"},
    {"{0} frees the memory holding it", "{0} 释放了存放它的内存"},
    {"another part of it", "它的另一部分"},
    {"{0} also {1} {2} here", "{0} 也在此处{1} {2}"},
    {" and {0} {1}{2}", "，并{0} {1}{2}"},
    {"; {0} also {1} {2}{3}", "；{0} 还{1} {2}{3}"},
    {" at {0}", "（{0}）"},
    {" holding {0}", "，持有 {0}"},
    {" holding no lock", "，未持有任何锁"},
    {"the file", "该文件"},
    {"fcntl and lockf locks belong to the process, not the thread (POSIX): "
     "threads of one process never exclude each other with them. ",
     "fcntl 和 lockf 锁属于进程而不属于线程（POSIX）：同一进程的线程之间无"
     "法用它们互斥。"},
    {"Make the whole read-modify-write of {0} one critical section: ",
     "把对 {0} 的整个“读-改-写”放进同一个临界区："},
    {"Order every access to {0}: ", "让对 {0} 的每次访问都有确定的先后顺序："},
    {"hold one pthread mutex across the read and the write-back in every th"
     "read, or flock(fd, LOCK_EX) ... flock(fd, LOCK_UN) on a descriptor ea"
     "ch thread opened itself (flock locks belong to the open file descript"
     "ion); or join the writing thread before reading.",
     "在每个线程中，从读取到写回的整个过程都持有同一个 pthread 互斥锁；或者"
     "在每个线程自己打开的描述符上用 flock(fd, LOCK_EX) ... flock(fd, LOCK_"
     "UN)（flock 锁属于打开的文件描述）；或者在读取之前先 join 写入的线程。"},
    {"the variable", "该变量"},
    {"{0} accesses {1} holding {2}: take {2} around the other access too (e"
     "very access to {1} under the same lock).",
     "{0} 访问 {1} 时持有 {2}：另一处访问也要加上 {2}（对 {1} 的每次访问都"
     "要在同一把锁的保护下进行）。"},
    {"Nothing orders these two accesses: protect every access to {0} with o"
     "ne mutex (pthread_mutex_t, std::mutex), or make it atomic (std::atomi"
     "c in C++, _Atomic in C) if it is a lone counter or flag; or join the "
     "writing thread before reading.",
     "没有任何同步规定这两次访问的先后：用同一个互斥锁（pthread_mutex_t、st"
     "d::mutex）保护对 {0} 的每次访问；如果它只是一个单独的计数器或标志，也"
     "可以把它改成原子变量（C++ 用 std::atomic，C 用 _Atomic）；或者在读取"
     "之前先 join 写入的线程。"},
    {"{0} then {1}", "先 {0} 后 {1}"},
    {"{0} takes {1}", "{0}：{1}"},
    {"these lock sections", "这些加锁代码段"},
    {"lock-order inversion: {0}; ", "加锁顺序颠倒：{0}；"},
    {"two", "两"},
    {", but it would if {0} ever ran in {1} threads at once",
     "，但如果 {0} 在{1}个线程中同时运行，就会死锁"},
    {"it cannot deadlock here, since one thread ({0}) takes both orders",
     "这里不会死锁，因为两种顺序都由同一个线程（{0}）执行"},
    {"it cannot deadlock here, since create and join keep {0} and {1} from "
     "running at once",
     "这里不会死锁，因为线程的创建和 join 使 {0} 和 {1} 不会同时运行"},
    {"it cannot deadlock here, since other synchronisation (a semaphore, co"
     "ndition, barrier, pipe or queue) keeps {0} and {1} from taking these "
     "locks at once",
     "这里不会死锁，因为其他同步手段（信号量、条件变量、屏障、管道或队列）"
     "使 {0} 和 {1} 不会同时获取这些锁"},
    {"nothing orders these threads, yet no interleaving of this input deadl"
     "ocks: the program's own logic keeps them apart; other input or a chan"
     "ge of that logic would deadlock",
     "没有任何同步约束这些线程的先后，但在这组输入下没有任何交错执行会死锁"
     "：是程序自身的逻辑把它们隔开了；换一组输入或修改这段逻辑就会死锁"},
    {"nothing orders these threads, and this interleaving does not deadlock"
     "; `tangle check` explores the others",
     "没有任何同步约束这些线程的先后，只是这次交错执行没有死锁；`tangle che"
     "ck` 会探索其他交错执行"},
    {"nothing orders these threads, but the exploration stopped ({0}) befor"
     "e it reached an interleaving where they deadlock: likely a deadlock, "
     "not shown yet",
     "没有任何同步约束这些线程的先后，但探索在到达会死锁的交错执行之前就停"
     "止了（{0}）：很可能存在死锁，只是尚未展示出来"},
    {"a limit", "某个限制"},
    {"polls", "轮询"},
    {"spins on", "自旋等待"},
    {"waits on condition", "等待条件变量"},
    {"waits on semaphore", "等待信号量"},
    {"waits at barrier", "在屏障处等待"},
    {"waits for the once routine of", "等待 once 例程完成："},
    {"waits in vfork for child", "在 vfork 中等待子进程"},
    {"waits for child", "等待子进程"},
    {"waits on", "等待"},
    {"waits to {0}", "阻塞于：{0}"},
    {"lock-order inversion", "加锁顺序颠倒"},
    {"deadlock: {0}", "死锁：{0}"},
    {"{0} waits to {1} {2}", "{0} 阻塞于：{1} {2}"},
    {"{0} {1}", "{0} {1}"},
    {"; ", "；"},
    {"deadlock: every live thread is blocked", "死锁：所有存活的线程都被阻塞"},
    {"deadlock: every live thread is blocked: {0}",
     "死锁：所有存活的线程都被阻塞：{0}"},
    {"{0} locks {1}, which it already holds: it waits for itself forever",
     "{0} 对已经持有的 {1} 再次加锁：它将永远等待自己"},
    {"a mutex", "一个互斥锁"},
    {"{0} unlocks {1}, which it does not hold", "{0} 解锁了它并不持有的 {1}"},
    {" ({0} holds it)", "（它由 {0} 持有）"},
    {"{0} unlocks {1}, which is not locked", "{0} 解锁了未加锁的 {1}"},
    {"{0} unlocks the recursive mutex {1} more often than it locked it",
     "{0} 对递归锁 {1} 解锁的次数多于加锁的次数"},
    {"{0} ends still holding the recursive mutex {1} (locked more often tha"
     "n unlocked)",
     "{0} 结束时仍持有递归锁 {1}（加锁次数多于解锁次数）"},
    {"the mutex {0} is destroyed while it is locked by {1}",
     "互斥锁 {0} 在被 {1} 锁住时被销毁"},
    {"the mutex {0} is destroyed while it is locked",
     "互斥锁 {0} 在加锁状态下被销毁"},
    {"{0} ends while still holding {1}", "{0} 结束时仍持有 {1}"},
    {"{0} waits on the condition {1} holding its recursive mutex more than "
     "once: the wait releases only one level, so the mutex stays held while"
     " it waits",
     "{0} 在多次持有递归锁的情况下等待条件变量 {1}：等待只释放一层，所以它"
     "在等待期间仍然持有该互斥锁"},
    {"{0} waits on the condition {1} without holding its mutex",
     "{0} 在没有持有互斥锁的情况下等待条件变量 {1}"},
    {"the condition {0} is used with two different mutexes",
     "条件变量 {0} 与两个不同的互斥锁一起使用"},
    {"{0} destroys {1} while threads still wait on it",
     "{0} 在仍有线程等待 {1} 时销毁了它"},
    {"{0} initialises the mutex {1} again while it is in use",
     "{0} 在互斥锁 {1} 使用期间再次初始化了它"},
    {": {0} holds it (locked at {1}), and the init unlocks it under that th"
     "read",
     "：{0} 正持有它（在 {1} 加锁），初始化会在该线程不知情时把它解锁"},
    {": threads wait to lock it", "：有线程正在等待对它加锁"},
    {"{0} releases a BoundedSemaphore more often than it was acquired: its "
     "value would exceed its initial value",
     "{0} 释放 BoundedSemaphore 的次数多于获取的次数：它的值将超过初始值"},
    {"{0} calls task_done() on a queue more times than items were put into "
     "it",
     "{0} 对队列调用 task_done() 的次数多于放入的元素个数"},
    {"{0} submits a task to a thread pool that is shut down",
     "{0} 向已关闭的线程池提交了任务"},
    {"{0} is neither joined nor detached", "{0} 既没有被 join 也没有被 detach"},
    {"the process ends while the detached {0} is still at work",
     "进程结束时，已分离的 {0} 仍在工作"},
    {", holding {0}", "，并持有 {0}"},
    {": its {0} {1} never happens", "：它的“{0} {1}”永远不会发生"},
    {"{0} stops here, before its {1} {2}", "{0} 停在这里，没有执行它的“{1} {2}”"},
    {"its parent", "它的父进程"},
    {"{0} exits, but its parent ({1}) never waits for it: it stays a zombie"
     " (its exit status and process-table entry kept) until its parent ends",
     "{0} 已退出，但它的父进程（{1}）从不等待它：在父进程结束之前它一直是僵"
     "尸进程（退出状态和进程表项都没有被回收）"},
    {"{0} is still running when the process of {1} (its parent) ends: it is"
     " orphaned and adopted by init, and nobody learns how it ends",
     "{1}（它的父进程）所在的进程结束时，{0} 仍在运行：它成为孤儿进程并被 i"
     "nit 收养，没有人知道它最终如何结束"},
    {"the program crashes with {0} in {1} under this interleaving",
     "在这次交错执行下，程序在 {1} 中因 {0} 崩溃"},
    {"the program crashes in {0} under this interleaving",
     "在这次交错执行下，程序在 {0} 中崩溃"},
    {"assertion failed in {0}: {1}", "{0} 中断言失败：{1}"},
    {"abort() called in {0} under this interleaving",
     "在这次交错执行下，{0} 调用了 abort()"},
    {"data race on {0}: {1}, while {2}, and nothing orders the two",
     "{0} 上的数据竞争：{1}；同时 {2}；没有任何同步规定这两者的先后"},
    {"a memory location", "某个内存位置"},
    {"; here the free came first: {0} uses freed memory",
     "；这里 free 先发生了：{0} 使用了已释放的内存"},
    {"; under another interleaving the free comes first and {0} uses freed "
     "memory",
     "；在另一种交错执行下 free 会先发生，{0} 就会使用已释放的内存"},
    {"use after free of {0}: {1}, after {2} (the free happens before the us"
     "e: the memory may belong to something else by now)",
     "{0} 释放后被使用：{1}，发生在 {2} 之后（free 先于使用：这块内存此时可"
     "能已分配给别的东西）"},
    {"a heap block", "某个堆内存块"},
    {"file race on {0}: {1}, while {2}, and nothing orders the two",
     "{0} 上的文件竞争：{1}；同时 {2}；没有任何同步规定这两者的先后"},
    {"a file", "某个文件"},
    {" (both hold {0}, but fcntl/lockf locks belong to the process: its thr"
     "eads do not exclude each other)",
     "（两者都持有 {0}，但 fcntl/lockf 锁属于进程：同一进程的线程之间并不互"
     "斥）"},
    {"; both threads read the file, then both wrote it: one update is lost",
     "；两个线程都先读了文件，然后都写了它：有一次更新丢失了"},
    {"the program does not repeat its behaviour: {0}",
     "程序的行为不可重复：{0}"},
    {"an execution does not end within the per-execution time limit: a thre"
     "ad may loop forever",
     "有一次执行没有在单次执行的时间限制内结束：可能有线程陷入了死循环"},
    {"an execution does not end within the per-execution step limit: a thre"
     "ad may loop forever",
     "有一次执行没有在单次执行的步数限制内结束：可能有线程陷入了死循环"},
    {"A get() waits for an item that nobody will put: every producer has en"
     "ded. Make the producers put as many items as the consumers get (one s"
     "entinel item per consumer tells it to stop), or use get_nowait() / a "
     "timeout where the queue may stay empty.",
     "get() 在等待一个不会有人放入的元素：所有生产者都已结束。让生产者放入"
     "的元素个数与消费者取出的一样多（给每个消费者放一个哨兵元素，通知它停"
     "止），或者在队列可能一直为空的地方使用 get_nowait() / 超时。"},
    {"A put() waits for room in a full queue that nobody will empty: make s"
     "ure a consumer keeps getting until the producers are done, or give th"
     "e queue a larger maxsize.",
     "put() 在等待一个已满且不会有人取走元素的队列腾出空间：确保在生产者完"
     "成之前一直有消费者在取，或者给队列更大的 maxsize。"},
    {"join() waits until task_done() was called once for every item put: ca"
     "ll it after processing each item, on every path.",
     "join() 要等到每个放入的元素都调用过一次 task_done()：在每条路径上，处"
     "理完每个元素后都调用它。"},
    {"Event wait() returns only after some thread calls set(): set it on ev"
     "ery path, including the error paths.",
     "Event 的 wait() 只有在某个线程调用 set() 之后才会返回：在每条路径上（"
     "包括出错路径）都调用 set()。"},
    {"A semaphore acquire waits for a release that never comes: release onc"
     "e after each acquire, on every path.",
     "信号量的 acquire 在等待一个永远不会到来的 release：在每条路径上，每次"
     " acquire 之后都 release 一次。"},
    {"A future's result() waits for a task that no worker will run: every w"
     "orker is busy, here waiting itself. Do not wait for a task from insid"
     "e a task of the same pool, or give the pool more workers than tasks t"
     "hat wait.",
     "future 的 result() 在等待一个没有工作线程会执行的任务：所有工作线程都"
     "在忙，而且都在这里等待。不要在同一个线程池的任务中等待另一个任务，或"
     "者让线程池的工作线程数多于会等待的任务数。"},
    {"Take these locks in one global order everywhere (always lock {0}), or"
     " take them together with std::scoped_lock / std::lock; in C, take a l"
     "ock that guards both orders first. The program is safe today only whi"
     "le these sections never run at once.",
     "在所有地方都按同一个全局顺序获取这些锁（总是按 {0} 的顺序加锁），或者"
     "用 std::scoped_lock / std::lock 一次性获取它们；在 C 中，先获取一把保"
     "护两种顺序的锁。目前程序只有在这些代码段从不同时运行时才是安全的。"},
    {"Make every thread take these file locks in one global order{0}, or gu"
     "ard the nested locking with one lock taken first.",
     "让每个线程都按同一个全局顺序获取这些文件锁{0}，或者先获取一把锁来保护"
     "嵌套的加锁。"},
    {"Make every thread take these locks in one global order{0}, or take th"
     "em together with std::scoped_lock / std::lock, which cannot deadlock",
     "让每个线程都按同一个全局顺序获取这些锁{0}，或者用 std::scoped_lock / "
     "std::lock 一次性获取它们，这样不会死锁"},
    {"; for locks in an array: the lower index first.",
     "；对于数组中的锁：先锁下标小的。"},
    {".", "。"},
    {"Wait for a condition in a loop over its predicate (`while (!ready) pt"
     "hread_cond_wait(&c, &m);`) and set the predicate under the mutex befo"
     "re signalling: a signal sent before the wait is lost. Make sure some "
     "thread is still alive to change the predicate and signal (a terminati"
     "on sentinel for consumers, for example).",
     "在检查谓词的循环中等待条件变量（`while (!ready) pthread_cond_wait(&c,"
     " &m);`），并在发信号之前持有互斥锁设置谓词：在等待之前发出的信号会丢"
     "失。还要确保仍有线程存活，能够修改谓词并发信号（例如给消费者一个结束"
     "哨兵）。"},
    {"A pipe read returns end-of-file only when every write end is closed, "
     "in every process: after fork, let each process close the ends it does"
     " not use (the reader closes its write end before reading), and let th"
     "e writer close its end when done.",
     "只有当所有进程中的所有写端都关闭后，读管道才会读到文件结束（EOF）：fo"
     "rk 之后，让每个进程关闭自己不用的那一端（读者在读之前关闭自己的写端）"
     "，写者写完后关闭它的写端。"},
    {"A receive from an empty message queue waits until someone sends, even"
     " when nobody is left who could: receive exactly as many messages as a"
     "re sent (count them, or send a final \"done\" message per consumer), "
     "or use mq_timedreceive or O_NONBLOCK where giving up is right.",
     "从空消息队列接收会一直等到有人发送，即使已经没有谁能发送：接收的消息"
     "数要与发送的完全相同（计数，或者给每个消费者发送一条最后的 \"done\" "
     "消息），或者在可以放弃的地方使用 mq_timedreceive 或 O_NONBLOCK。"},
    {"A send to a full message queue waits until someone receives: make sur"
     "e a receiver stays until every message is taken (wait for the produce"
     "r before the consumer exits), or send with O_NONBLOCK / mq_timedsend "
     "and handle EAGAIN / ETIMEDOUT.",
     "向已满的消息队列发送会一直等到有人接收：确保接收者一直留到所有消息都"
     "被取走（消费者退出前先等待生产者），或者用 O_NONBLOCK / mq_timedsend "
     "发送并处理 EAGAIN / ETIMEDOUT。"},
    {"After fork each process has its own copy of globals, heap and stack: "
     "a semaphore or mutex that processes share must live in shared memory "
     "(mmap with MAP_SHARED, or shm_open) and be initialised as process-sha"
     "red (sem_init(&s, 1, n)); or use a named semaphore (sem_open).",
     "fork 之后每个进程都有自己的一份全局变量、堆和栈：进程间共享的信号量或"
     "互斥锁必须放在共享内存中（用 MAP_SHARED 的 mmap，或 shm_open），并初"
     "始化为进程间共享（sem_init(&s, 1, n)）；或者使用命名信号量（sem_open"
     "）。"},
    {"A polling loop (look, sleep, look again) waits for another thread to "
     "change what it looks at, and here none can: the thread that would is "
     "blocked, finished, or polls itself, waiting for this one. Check that "
     "the thread meant to make the change is not waiting for the poller; be"
     "tter, wait on a condition variable, a semaphore or a join instead of "
     "polling.",
     "轮询循环（查看、睡眠、再查看）在等待另一个线程改变它所查看的东西，而"
     "这里没有线程能做到：本该做出改变的线程已阻塞、已结束，或者自己也在轮"
     "询、等待这个线程。检查本该做出改变的线程是否在等待轮询者；更好的做法"
     "是用条件变量、信号量或 join 代替轮询。"},
    {"A spin loop waits for another thread to change the variable, and here"
     " none can: the thread that would is blocked (or spins itself, waiting"
     " for this one). Check that the thread meant to set the flag is not wa"
     "iting for something the spinning thread holds; better, wait on a cond"
     "ition variable, a semaphore or a join instead of spinning.",
     "自旋循环在等待另一个线程修改变量，而这里没有线程能做到：本该修改它的"
     "线程已阻塞（或者自己也在自旋、等待这个线程）。检查本该设置标志的线程"
     "是否在等待自旋线程持有的东西；更好的做法是用条件变量、信号量或 join "
     "代替自旋。"},
    {"A parent that waits for a child must first give the child what it wai"
     "ts for: close pipe ends, post semaphores or write the data before cal"
     "ling waitpid.",
     "等待子进程的父进程必须先把子进程等待的东西给它：在调用 waitpid 之前关"
     "闭管道端、对信号量执行 post 或写入数据。"},
    {"Every live thread waits for something only another blocked thread can"
     " do. Check that each joined thread can finish, that every semaphore w"
     "ait has a matching post and every barrier enough parties, and that a "
     "thread releases what others wait for before it blocks itself.",
     "每个存活的线程都在等待只有另一个被阻塞的线程才能做的事。检查每个被 jo"
     "in 的线程都能结束，每次信号量等待都有对应的 post，每个屏障都有足够的"
     "参与者，并且线程在自己阻塞之前释放其他线程等待的东西。"},
    {"A condition wait releases a recursive mutex only once: unlock the ext"
     "ra levels before waiting (restructure so the wait happens at depth on"
     "e), or use a normal mutex with the condition.",
     "条件变量的等待只会释放递归锁的一层：在等待之前解开多余的层次（调整结"
     "构，让等待发生在只加锁一层时），或者给条件变量配一个普通互斥锁。"},
    {"Lock the condition's mutex before pthread_cond_wait and check the pre"
     "dicate under it; the wait releases and re-takes it for you.",
     "在 pthread_cond_wait 之前先对条件变量的互斥锁加锁，并在锁的保护下检查"
     "谓词；等待操作会替你释放并重新获取这把锁。"},
    {"Pair each condition variable with exactly one mutex, the one that pro"
     "tects its predicate.",
     "每个条件变量只配一个互斥锁，即保护其谓词的那一个。"},
    {"Wake and join every thread that may wait on it (broadcast, post, or l"
     "et all parties arrive) before destroying it.",
     "在销毁它之前，先唤醒并 join 所有可能在等待它的线程（广播、post，或让"
     "所有参与者到达）。"},
    {"Initialise every mutex, rwlock, condition and barrier once, before an"
     "y thread uses it (pthread_*_init, or the static initializers for mute"
     "xes, rwlocks and conditions), and destroy it only after every thread "
     "is done with it: join them first.",
     "每个互斥锁、读写锁、条件变量和屏障都要在任何线程使用之前初始化一次（p"
     "thread_*_init，或互斥锁、读写锁和条件变量的静态初始化器），并且只在所"
     "有线程都用完之后才销毁：先 join 这些线程。"},
    {"Call sem_init (or sem_open) before any thread uses the semaphore, and"
     " sem_destroy only after every thread is done with it: join them first"
     ".",
     "在任何线程使用信号量之前调用 sem_init（或 sem_open），并且只在所有线"
     "程都用完之后才调用 sem_destroy：先 join 这些线程。"},
    {"Initialise a mutex exactly once, before the threads that use it start"
     ". Re-initialising it while a thread holds it or waits for it breaks t"
     "he mutual exclusion: to reuse it, join those threads first.",
     "互斥锁只初始化一次，并且在使用它的线程启动之前。在有线程持有或等待它"
     "时重新初始化会破坏互斥：如要重用，先 join 这些线程。"},
    {"A normal mutex cannot be locked twice by the same thread. Unlock it b"
     "efore calling code that locks it again, or split the function into a "
     "locking wrapper and a `_locked` version that expects the lock held; i"
     "f re-entry is really intended, use a recursive mutex (PTHREAD_MUTEX_R"
     "ECURSIVE, std::recursive_mutex).",
     "同一个线程不能对普通互斥锁加锁两次。在调用会再次加锁的代码之前先解锁"
     "，或者把函数拆成一个负责加锁的包装函数和一个要求调用者已持有锁的 `_lo"
     "cked` 版本；如果确实需要重入，使用递归锁（PTHREAD_MUTEX_RECURSIVE、st"
     "d::recursive_mutex）。"},
    {"Only the thread that locked a mutex may unlock it. Unlock in the thre"
     "ad that locked; to let another thread continue, signal it with a sema"
     "phore or a condition variable instead.",
     "只有加锁的线程才能解锁互斥锁。在加锁的线程中解锁；若要让另一个线程继"
     "续，改用信号量或条件变量通知它。"},
    {"Each unlock must match an earlier lock by the same thread: look for a"
     " double unlock or an unlock on a path that never locked. std::lock_gu"
     "ard / std::unique_lock pair them automatically.",
     "每次解锁都必须对应同一线程之前的一次加锁：查找重复解锁，或在从未加锁"
     "的路径上的解锁。std::lock_guard / std::unique_lock 会自动配对加锁和解"
     "锁。"},
    {"Every lock of a recursive mutex needs exactly one unlock by the same "
     "thread before it ends; count locks and unlocks on every path (early r"
     "eturns too), or use std::lock_guard.",
     "递归锁的每次加锁都需要同一线程在结束前恰好解锁一次；在每条路径上（包"
     "括提前返回）数一数加锁和解锁的次数，或者使用 std::lock_guard。"},
    {"Unlock the mutex, and join every thread that may still use it, before"
     " pthread_mutex_destroy (or before the std::mutex goes out of scope).",
     "在 pthread_mutex_destroy 之前（或 std::mutex 离开作用域之前），先解锁"
     "互斥锁，并 join 所有可能还会使用它的线程。"},
    {"Release every lock before the thread returns: check early returns, `b"
     "reak`s and error paths between lock and unlock; std::lock_guard relea"
     "ses automatically.",
     "线程返回之前释放所有锁：检查加锁和解锁之间的提前返回、`break` 和出错"
     "路径；std::lock_guard 会自动释放。"},
    {"When main returns (or any thread calls exit) the process ends and its"
     " detached threads stop wherever they are, locks held and work unfinis"
     "hed. Join threads whose work must complete, or have main wait for the"
     "m (a semaphore or condition they signal when done) before it returns;"
     " pthread_exit in main lets the others finish.",
     "当 main 返回（或任何线程调用 exit）时，进程结束，已分离的线程在原地停"
     "止，锁仍被持有，工作没有完成。对必须完成工作的线程调用 join，或者让 m"
     "ain 在返回之前等待它们（它们完成时通知的信号量或条件变量）；在 main "
     "中调用 pthread_exit 可以让其他线程执行完。"},
    {"Wait for every child you fork: call waitpid(pid, &status, 0) (or wait"
     ") in the parent once the child's work is needed or at the latest befo"
     "re the parent goes on to other work; a parent that must not block can"
     " reap with waitpid(-1, &status, WNOHANG) in its loop or from a SIGCHL"
     "D handler.",
     "等待你 fork 出的每个子进程：在需要子进程的结果时，或者最晚在父进程转"
     "去做其他工作之前，在父进程中调用 waitpid(pid, &status, 0)（或 wait）"
     "；不能阻塞的父进程可以在循环中或 SIGCHLD 处理函数里用 waitpid(-1, &st"
     "atus, WNOHANG) 回收子进程。"},
    {"Make the parent waitpid() for each child before it exits (or returns "
     "from main), so that no child outlives it unobserved and its exit stat"
     "us is checked.",
     "让父进程在退出（或从 main 返回）之前对每个子进程调用 waitpid()，这样"
     "没有子进程会在无人察觉的情况下比它活得更久，并且子进程的退出状态会被"
     "检查。"},
    {"Release a BoundedSemaphore once per acquire, after the acquire: look "
     "for a release on a path that never acquired (an error path, a second "
     "release in a loop). If the count may really grow past its start, use "
     "a plain Semaphore.",
     "每次 acquire 之后对 BoundedSemaphore 恰好 release 一次：查找从未 acqu"
     "ire 的路径上的 release（出错路径、循环中的第二次 release）。如果计数"
     "确实可能超过初始值，使用普通的 Semaphore。"},
    {"Call task_done() exactly once for each item a consumer took with get("
     ") or get_nowait(), after processing it: not for a get_nowait() that f"
     "ound the queue empty, and not twice on one path.",
     "对消费者用 get() 或 get_nowait() 取出的每个元素，在处理完之后恰好调用"
     "一次 task_done()：发现队列为空的 get_nowait() 不要调用，同一路径上也"
     "不要调用两次。"},
    {"Submit every task before shutdown() (or before the pool is destroyed)"
     "; a task that submits more tasks must be waited for (its future's res"
     "ult()) before the pool shuts down.",
     "在 shutdown()（或线程池销毁）之前提交所有任务；会继续提交任务的任务，"
     "必须在线程池关闭之前等待它完成（调用它的 future 的 result()）。"},
    {"Call pthread_join (std::thread::join) on every thread you create, or "
     "pthread_detach it if nobody needs its result; otherwise main may end "
     "while it still runs, and its resources leak.",
     "对你创建的每个线程调用 pthread_join（std::thread::join），如果没人需"
     "要它的结果就调用 pthread_detach；否则 main 可能在它还在运行时结束，它"
     "的资源也会泄漏。"},
    {"The crash depends on the interleaving: replay it (the command below) "
     "under gdb and look for shared data that one thread changes while anot"
     "her uses it without holding the same lock.",
     "这次崩溃取决于交错执行：在 gdb 下重放它（见下面的命令），查找一个线程"
     "在修改、而另一个线程在未持有同一把锁的情况下使用的共享数据。"},
    {"The assertion holds in some interleavings only: another thread change"
     "s what it checks in between. Protect the update and the check with th"
     "e same lock, or wait (condition variable, join) until the state is re"
     "ady.",
     "这个断言只在部分交错执行中成立：另一个线程在中间修改了它检查的内容。"
     "用同一把锁保护更新和检查，或者等待（条件变量、join）直到状态就绪。"},
    {"A block is freed while another thread may still use it. Free it only "
     "after every thread that uses it is done: join (or wait for) them befo"
     "re the free, or let the last user free it.",
     "一块内存在另一个线程可能仍在使用时被释放。只在所有使用它的线程都用完"
     "之后才释放：在 free 之前 join（或等待）这些线程，或者让最后一个使用者"
     "释放它。"},
    {"The block is used after it was freed. Move the free after the last us"
     "e by every thread (join them first), and set the pointer to NULL once"
     " the block is freed so that a later use fails loudly.",
     "这块内存在释放之后被使用。把 free 移到所有线程最后一次使用之后（先 jo"
     "in 它们），并在释放后把指针置为 NULL，让之后的误用立即暴露出来。"},
    {"Under one schedule the program must do the same thing every run, or t"
     "angle cannot explore it: take the time, random seeds and the environm"
     "ent from a fixed source when testing (seed rand() with a constant, re"
     "ad the clock once and pass it in), and remove files such as pid files"
     " that a run leaves behind (or create them without O_EXCL in a fresh d"
     "irectory).",
     "在同一个调度下，程序每次运行都必须做同样的事，否则 tangle 无法探索它"
     "：测试时让时间、随机种子和环境来自固定的来源（用常数作为 rand() 的种"
     "子，只读一次时钟并传进去），并删除一次运行留下的文件（例如 pid 文件）"
     "，或者在新的目录中不带 O_EXCL 地创建它们。"},
    {"A thread never stops under this interleaving, typically a loop that s"
     "pins on a flag another thread never sets. Wait on a condition variabl"
     "e or semaphore instead of spinning, and make sure every loop terminat"
     "es; raise --max-steps or --execution-timeout if the program is just l"
     "ong.",
     "在这次交错执行下有一个线程永远不会停止，通常是一个循环在自旋等待另一"
     "个线程永远不会设置的标志。用条件变量或信号量代替自旋，并确保每个循环"
     "都会结束；如果程序只是运行得久，调大 --max-steps 或 --execution-timeo"
     "ut。"},
    {"declared at {0}:{1}", "声明于 {0}:{1}"},
    {"heap", "堆"},
    {", allocated at {0}", "，分配于 {0}"},
    {"heap block of {0} bytes", "{0} 字节的堆内存块"},
    {"it", "它"},
    {"held by", "被持有"},
    {"thread or process", "线程或进程"},
    {"object", "对象"},
    {"Threads involved", "涉及的线程"},
    {"thread", "线程"},
    {"holds", "持有"},
    {"waits for", "等待"},
    {"created at {0}", "创建于 {0}"},
    {"locked at {0} (step {1})", "加锁于 {0}（第 {1} 步）"},
    {"which it holds itself", "而它正由自己持有"},
    {"held by {0}", "被 {0} 持有"},
    {"The last recorded steps, one lane per thread",
     "最后记录的步骤，每个线程一条泳道"},
    {"The interleaving, one lane per thread: {0}, {1}",
     "交错执行过程，每个线程一条泳道：共 {0}，{1}"},
    {"{0} step", "{0} 步"},
    {"{0} steps", "{0} 步"},
    {"{0} preemption", "{0} 次抢占"},
    {"{0} preemptions", "{0} 次抢占"},
    {"blocked: {0}", "阻塞：{0}"},
    {"{0} step left out", "省略了 {0} 步"},
    {"{0} steps left out", "省略了 {0} 步"},
    {"Lock order", "加锁顺序"},
    {"then locks", "随后加锁"},
    {"Lock-order graph", "加锁顺序图"},
    {"Who accesses what", "谁访问了什么"},
    {"Wait-for graph", "等待图"},
    {"Fix", "修复建议"},
    {"Replay", "重放"},
    {"Static checks", "静态检查"},
    {"warning", "警告"},
    {"spins: {0}", "自旋：{0}"},
    {"cut off: {0}", "被截断：{0}"},
    {"polls: {0}", "轮询：{0}"},
    {"note", "附注"},
    {"{0} is created here", "{0} 在此创建"},
    {"{0} holds {1}, locked here (step {2})",
     "{0} 持有 {1}，在此加锁（第 {2} 步）"},
    {"{0} spins here on {1}", "{0} 在此自旋等待 {1}"},
    {"{0} polls here, sleeping between looks",
     "{0} 在此轮询，每次查看之间睡眠"},
    {"{0} waits here to {1} {2}", "{0} 在此阻塞：{1} {2}"},
    {", which it holds itself", "，而它正由自己持有"},
    {", held by {0}", "，它被 {0} 持有"},
    {"{0} {1} {2} here", "{0} 在此{1} {2}"},
    {"called from here", "从此处调用"},
    {"possible unsafe locking scenario{0}:", "可能的不安全加锁场景{0}："},
    {"*** DEADLOCK ***", "*** 死锁 ***"},
    {"the last recorded steps of the threads involved, {0} (in the order of"
     " their timestamps",
     "相关线程最后记录的步骤，共 {0}（按时间戳顺序"},
    {"the interleaving, {0} ({1}", "交错执行过程，共 {0}（{1}"},
    {", found by a random {0} schedule", "，由一次随机 {0} 调度发现"},
    {", found by the symmetric preemption search", "，由对称抢占搜索发现"},
    {", shortened from {0}", "，由 {0}缩减而来"},
    {"; {0} steps of other threads and objects left out",
     "；省略了其他线程和对象的 {0} 步"},
    {"):", "）："},
    {"the same step once more (step {0})", "同一步又重复了一次（第 {0} 步）"},
    {"the same step {0} more times (steps {1}-{2})",
     "同样的步骤又重复了 {0} 次（第 {1}-{2} 步）"},
    {" (step {0})", "（第 {0} 步）"},
    {"{0} locks {1} here{2} while holding {3}",
     "{0} 在持有 {3} 时在此对 {1} 加锁{2}"},
    {"{0} locked {1} here{2}", "{0} 在此对 {1} 加锁{2}"},
    {"error", "错误"},
    {"(dynamic)", "(动态)"},
    {"(dynamic, not counted)", "(动态，不计入结论)"},
    {"also involved here", "此处也有关"},
    {" if these ran in {0} threads at once",
     "（如果它们在 {0} 个线程中同时运行）"},
    {"the execution that showed these locks taken:",
     "显示这些加锁过程的那次执行："},
    {"fix: {0}", "修复建议：{0}"},
    {"recorded run: the program ran freely, so there is no schedule to repl"
     "ay; tangle check explores its interleavings",
     "记录的运行：程序是自由运行的，所以没有可以重放的调度；tangle check 会"
     "探索它的交错执行"},
    {"replay this interleaving: {0}", "重放这次交错执行：{0}"},
    {"replay: {0}", "重放：{0}"},
    {"confirmed by the exploration: see [{0}] above",
     "已被探索证实：见上面的 [{0}]"},
    {"not confirmed by the exploration: every interleaving was explored and"
     " none shows it; not counted in the verdict",
     "未被探索证实：所有交错执行都已探索，没有一个出现该问题；不计入结论"},
    {"not confirmed yet: the exploration stopped before every interleaving "
     "was explored",
     "尚未证实：探索在所有交错执行都被探索之前就停止了"},
    {"not confirmed: data races were checked in part (an execution made more "
     "memory accesses than the access log holds), so the exploration neither "
     "shows it nor rules it out; not counted in the verdict",
     "未证实：数据竞争只检查了一部分（某次执行的内存访问多于访问日志的容量），"
     "因此探索既没有显示它，也不能排除它；不计入结论"},
    {"found by the static checks only: the exploration does not check this",
     "仅由静态检查发现：探索不检查这一类问题"},
    {"found by the static checks only; not counted in the verdict (the expl"
     "oration does not check memory accesses yet, and this check can flag r"
     "ace-free code)",
     "仅由静态检查发现；不计入结论（探索尚未检查内存访问，而这项检查可能会"
     "标记没有竞争的代码）"},
    {"(static)", "(静态)"},
    {"; static checks: {0}", "；静态检查：{0}"},
    {"{0} finding", "{0} 个问题"},
    {"{0} findings", "{0} 个问题"},
    {", {0} not counted", "，其中 {0} 个不计入"},
    {"; plus {0}", "；另加 {0}"},
    {"{0} random schedule", "{0} 次随机调度"},
    {"{0} random schedules", "{0} 次随机调度"},
    {"; plus {0} of the symmetric preemption search (at most 2 preemptions "
     "each)",
     "；另加对称抢占搜索的 {0}（每次至多 2 次抢占）"},
    {"{0} schedule", "{0} 次调度"},
    {"{0} schedules", "{0} 次调度"},
    {" (PCT depth <= {0}: each finds a bug of depth d <= {0} with probabili"
     "ty >= 1/(n*k^(d-1)), n = {1} threads, k = {2} steps)",
     "（PCT 深度 <= {0}：每次调度以至少 1/(n*k^(d-1)) 的概率找到深度 d <= {"
     "0} 的缺陷，n = {1} 个线程，k = {2} 步）"},
    {"not even every search branch without preemptions explored",
     "连不含抢占的搜索分支都没有全部探索完"},
    {"every search branch without preemptions explored",
     "已探索所有不含抢占的搜索分支"},
    {"every search branch with at most {0} explored",
     "已探索所有至多含 {0}的搜索分支"},
    {" (an interleaving with as few can still wait behind a costlier branch"
     ")",
     "（抢占同样少的交错执行仍可能排在代价更高的分支后面）"},
    {", of about {0} in all", "，总数约为 {0}"},
    {"{0} of {1} recorded", "记录了 {1}的 {0}"},
    {"{0} event", "{0} 个事件"},
    {"{0} events", "{0} 个事件"},
    {"{0} thread", "{0} 个线程"},
    {"{0} threads", "{0} 个线程"},
    {"{0} in {1}", "{1}中的 {0}"},
    {"{0} process", "{0} 个进程"},
    {"{0} processes", "{0} 个进程"},
    {" ({0} dropped: the record region was full)",
     "（丢弃了 {0}：记录区已满）"},
    {"{0} in one recorded run ({1}, {2})",
     "一次记录的运行中发现 {0}（{1}，{2}）"},
    {"the run was {0} before it ended ({1}, {2})",
     "运行在结束之前被停止（{0}）（{1}，{2}）"},
    {"stopped", "已停止"},
    {"no finding in this run but {0} ({1}, {2})",
     "这次运行中除 {0}外没有发现问题（{1}，{2}）"},
    {"{0} suppressed one", "{0} 个被抑制的问题"},
    {"{0} suppressed ones", "{0} 个被抑制的问题"},
    {"no hang in this run: the program exited with status {0} ({1}, {2}); o"
     "ne run proves nothing about other interleavings (tangle check explore"
     "s them)",
     "这次运行没有挂起：程序以状态 {0} 退出（{1}，{2}）；一次运行不能说明其"
     "他交错执行的情况（tangle check 会探索它们）"},
    {"{0} execution", "{0} 次执行"},
    {"{0} executions", "{0} 次执行"},
    {"every interleaving explored, retry loops cut after {0}",
     "已探索所有交错执行，重试循环在 {0}后截断"},
    {"{0} failed attempt", "{0} 次失败尝试"},
    {"{0} failed attempts", "{0} 次失败尝试"},
    {"every interleaving explored", "已探索所有交错执行"},
    {"stopped by {0}", "因 {0} 停止"},
    {"; {0}, not counted", "；{0}，不计入结论"},
    {"{0} lock-order warning", "{0} 个加锁顺序警告"},
    {"{0} lock-order warnings", "{0} 个加锁顺序警告"},
    {"{0} in {1} ({2}, {3})", "在 {1}中发现 {0}（{2}，{3}）"},
    {"no deadlock or lock misuse", "没有死锁或锁误用"},
    {"no deadlock or lock misuse in {0} ({1}, {2})",
     "在 {0}中没有发现死锁或锁误用（{1}，{2}）"},
    {"no findings in {0}, {1} before every interleaving was explored; {2} ("
     "{3})",
     "在 {0}中没有发现问题，在探索完所有交错执行之前已{1}；{2}（{3}）"},
    {"data races were not checked: the program was not compiled with tangle"
     "'s memory instrumentation (tangle check FILE.c does it)",
     "没有检查数据竞争：程序没有用 tangle 的内存插桩编译（tangle check FILE"
     ".c 会这样编译）"},
    {"data races were checked in part: an execution made more memory access"
     "es than the access log holds",
     "只检查了部分数据竞争：有一次执行的内存访问次数超过了访问日志的容量"},
    {"{0} finding suppressed (--suppressions)",
     "{0} 个问题被抑制（--suppressions）"},
    {"{0} findings suppressed (--suppressions)",
     "{0} 个问题被抑制（--suppressions）"},
    {"the exploration stopped on an error: {0}; the interleavings not run "
     "yet were not explored (the findings above stand)",
     "探索因错误而停止：{0}；尚未运行的交错没有被探索（上面的问题仍然成立）"},
    {"{0}; that is a limit of the exploration, not a finding",
     "{0}；这是探索的限制，不是程序的问题"},
    {"atomics were explored in part: an execution made more atomic operatio"
     "ns than it may schedule (half of --max-steps); the rest ran unschedul"
     "ed, their interleavings unexplored",
     "只探索了部分原子操作：有一次执行的原子操作多于可调度的数量（--max-ste"
     "ps 的一半）；其余的未经调度直接运行，它们的交错执行没有被探索"},
    {"creates or truncates", "创建或截断"},
    {"looks for", "查找"},
    {"truncates", "截断"},
    {"renames", "重命名"},
    {"unlinks", "删除"},
    // Lost updates and processes (witnesses that show the failure).
    {"; both read it, then both wrote it: one update is lost",
     "；两边都先读了它，然后都写回：有一次更新丢失了"},
    {"; both processes read the file, then both wrote it: one update is lost",
     "；两个进程都先读了文件，然后都写回：有一次更新丢失了"},
    {"Both threads read {0} before either wrote it back, so one update is "
     "lost: make the whole read-modify-write one critical section (one mutex "
     "around it in every thread), or one atomic operation (atomic_fetch_add, "
     "std::atomic's ++); or join the first thread before the second starts.",
     "两个线程都在对方写回之前读了 {0}，所以有一次更新丢失了：把整个“读-改-写”"
     "放进一个临界区（每个线程都用同一个互斥锁包住它），或者改成一个原子操作"
     "（atomic_fetch_add、std::atomic 的 ++）；或者在第二个线程开始之前先 "
     "join 第一个线程。"},
    {"Make the whole read-modify-write of {0} one critical section across the "
     "processes: ",
     "让 {0} 的整个“读-改-写”在各进程之间成为一个临界区："},
    {"Order every access to {0} between the processes: ",
     "让各进程对 {0} 的每次访问都有确定的先后顺序："},
    {"flock(fd, LOCK_EX) ... flock(fd, LOCK_UN) on a descriptor each process "
     "opened itself, or a process-shared semaphore (sem_init(s, 1, 1) in a "
     "MAP_SHARED mapping, or sem_open) or a PTHREAD_PROCESS_SHARED mutex "
     "around the read and the write-back; or have the parent waitpid() for "
     "one child before the next one starts.",
     "在每个进程自己打开的描述符上用 flock(fd, LOCK_EX) ... flock(fd, "
     "LOCK_UN)，或者用进程间共享的信号量（放在 MAP_SHARED 映射中的 "
     "sem_init(s, 1, 1)，或 sem_open），或者用 PTHREAD_PROCESS_SHARED "
     "互斥锁包住读和写回；或者让父进程先 waitpid() 等一个子进程结束，再启动"
     "下一个。"},
    {"how one update is lost: nothing orders these operations, so they can "
     "also run in this order, and the second write overwrites the first:",
     "一次更新是怎样丢失的：没有任何同步规定这些操作的先后，所以它们也可以按"
     "下面的顺序执行，第二次写覆盖了第一次："},
    {"The check that leads to abort() holds in some interleavings only: "
     "another thread changes what it checks in between. Protect the update "
     "and the check with the same lock, or wait (condition variable, join) "
     "until the state is ready.",
     "导致 abort() 的那个检查只在部分交错执行下成立：另一个线程在中间改变了它"
     "检查的内容。用同一个互斥锁保护更新和检查，或者等待（条件变量、join）"
     "直到状态就绪。"},
    // One story per problem.
    {"the static checks warn of this too: {0} [{1}]",
     "静态检查也对此发出了警告：{0} [{1}]"},
    {"; {0} refuted by the exploration", "；{0}被探索否定"},
    {"{0} static warning", "{0} 个静态警告"},
    {"{0} static warnings", "{0} 个静态警告"},
    // Prediction.
    {", predicted from a recorded run and confirmed by this replay",
     "，由一次记录的运行预测，并经这次重放确认"},
    {"predicted from a recorded run, not confirmed: {0}",
     "由一次记录的运行预测，但未被确认：{0}"},
    {"{0} of {1} recorded, {2}", "记录了 {1} 的 {0}，{2}"},
    {"; {0} waits with a timeout, times out and waits again: nothing but its "
     "timeouts moved for {1} s",
     "；{0}带超时等待，超时后又再次等待：{1} 秒内除了它的超时没有任何进展"},
    {"{0} confirmed by replay ({1})", "{0}经重放确认（{1}）"},
    {"{0} predicted deadlock", "{0} 个预测的死锁"},
    {"{0} predicted deadlocks", "{0} 个预测的死锁"},
    {"no deadlock predicted and confirmed in this trace",
     "这份记录中没有被预测并确认的死锁"},
    {" ({0} not confirmed, not counted)", "（{0}未被确认，不计入）"},
    {"{0} prediction", "{0} 个预测"},
    {"{0} predictions", "{0} 个预测"},
    {" ({0}); prediction covers the reorderings of this one run",
     "（{0}）；预测只覆盖这一次运行的事件重排"},
    {"prediction: {0} lock-order cycles in {1} events, found in {2} s ({3} "
     "one thread only, {4} guarded by a gate lock, {5} ordered by "
     "create/join); {6} candidates decided in {7} s ({8} by the solver), {9} "
     "feasible, {10} confirmed by replay; {11}",
     "预测：在 {1} 个事件中找到 {0} 个锁序环，用时 {2} 秒（{3} 个只在一个线程"
     "中出现，{4} 个被门锁保护，{5} 个被创建/join 定序）；判定了 {6} 个候选，"
     "用时 {7} 秒（其中 {8} 个由求解器判定），{9} 个可行，{10} 个经重放确认；"
     "{11}"},
    {"{0} race in the replay of the recorded order",
     "按记录顺序重放时发现 {0} 个竞争"},
    {"{0} races in the replay of the recorded order",
     "按记录顺序重放时发现 {0} 个竞争"},
    {"races not checked (the replay of the recorded order stopped: {0})",
     "未检查竞争（按记录顺序的重放中止：{0}）"},
    {"prediction: its replays ran the program again, outside a sandbox "
     "(the kernel gives tangle none here): what the program writes was "
     "written again; --no-predict runs it once",
     "预测：其重放在沙箱之外再次运行了程序（此处内核不允许 tangle 创建沙箱）："
     "程序写入的内容被再次写入；使用 --no-predict 只运行一次"},
    {"races not checked (the run is too long to replay)",
     "没有检查竞争（这次运行太长，无法重放）"},
    {"races not checked (the program has no memory instrumentation)",
     "没有检查竞争（程序没有内存访问插桩）"},
    {"prediction: {0}", "预测：{0}"},
    {"prediction: the free run to predict from could not be recorded: {0}",
     "预测：无法记录用来预测的自由运行：{0}"},
    {"prediction: nothing could be confirmed: the trace names no source file "
     "that exists; give the program after -- to replay on it",
     "预测：无法确认任何预测：记录中没有指明存在的源文件；请在 -- 之后给出程序，"
     "以便在它上面重放"},
    {"thread {0} at {1}", "线程 {0} 在 {1}"},
    {": {0} in {1} s ({2} events, {3})", "：{0}，用时 {1} 秒（{2} 个事件，{3}）"},
    {"; confirmed by replay", "；经重放确认"},
    {"; not confirmed: {0}", "；未被确认：{0}"},
    {"sync-preserving closure", "保持同步的闭包"},
    {"closure, held sections last", "闭包，持有的临界区放在最后"},
    {"solver, sections in recorded order", "求解器，临界区保持记录顺序"},
    {"solver, sections reordered", "求解器，临界区重新排序"},
    {"feasible", "可行"},
    {"infeasible", "不可行"},
    {"unknown", "未知"},
    // Record mode: calls it does not watch.
    {"no hang in what this run recorded: the program exited with status {0} "
     "({1}, {2}), but it used {3} of call that record mode does not watch "
     "(see the note above)",
     "在这次运行记录下来的部分中没有挂起：程序以状态 {0} 退出（{1}，{2}），但"
     "它用了{3}记录模式不监视的调用（见上面的附注）"},
    {"{0} kind", " {0} 种"},
    {"{0} kinds", " {0} 种"},
    // tangle attach.
    {"attached to a process tangle did not start: there is no schedule to "
     "replay; tangle run reproduces a real hang and tangle check explores "
     "every interleaving",
     "附加到一个不是由 tangle 启动的进程：没有可以重放的调度；tangle run "
     "可以重现真实的挂起，tangle check 会探索每一种交错执行"},
    {"no finding but {0}", "除 {0}外没有发现问题"},
    {" in {0} ({1}, {2})", "，于 {0}（{1}，{2}）"},
    {"{0} holds {1}, locked here", "{0} 持有 {1}，在此加锁"},
    {"{0} holds {1}", "{0} 持有 {1}"},
    // The static checks (analyzer/): their warnings and notes, built as
    // analyzer::Sentence with msg(); `tangle lint`, tangle-lint and the
    // static warnings of `tangle check` word them through this catalog.
    {"thread running '{0}'", "运行 '{0}' 的线程"},
    {"thread running the lambda at line {0}", "运行第 {0} 行 lambda 的线程"},
    {"thread '{0}'", "线程 '{0}'"},
    {"child process", "子进程"},
    {"signal handler '{0}'", "信号处理函数 '{0}'"},
    {"{0} #{1}", "{0} #{1}"},
    {"another instance of {0}", "{0} 的另一个实例"},
    {"{0} is installed here", "{0} 在此注册"},
    {"{0} is started here, more than once", "{0} 在此启动，且不止一次"},
    {"{0} is started here", "{0} 在此启动"},
    {"in {0}, through this call", "在 {0} 中经由这次调用"},
    {"also read here in {0}", "{0} 也在此读取"},
    {"also written here in {0}", "{0} 也在此写入"},
    {"the same accesses also meet between two instances of {0}",
     "同样的访问冲突也出现在 {0} 的两个实例之间"},
    {"the same accesses also meet between {0} and {1}",
     "同样的访问冲突也出现在 {0} 与 {1} 之间"},
    {"and {0} more", "另有 {0} 处"},
    {"condition wait outside a loop: a spurious or stolen wake-up returns "
     "with the condition still false; wait in 'while (!condition)'",
     "条件等待不在循环中：虚假唤醒或被其他线程抢先的唤醒返回时，条件仍然为假；"
     "请在 'while (!condition)' 循环中等待"},
    {"this call locks '{0}', which the thread already holds; a "
     "non-recursive lock deadlocks here",
     "这次调用对 '{0}' 加锁，而本线程已经持有它；非递归锁会在此死锁"},
    {"'{0}' is locked again while this thread already holds it; a "
     "non-recursive lock deadlocks here",
     "本线程已经持有 '{0}'，却再次对它加锁；非递归锁会在此死锁"},
    {"the callee locks it here", "被调用的函数在此对它加锁"},
    {"'{0}' was first locked here", "'{0}' 第一次在此加锁"},
    {"{0} with argument {1}", "{0}（参数为 {1}）"},
    {"{0} locks '{1}' while holding '{2}'", "{0} 在持有 '{2}' 时对 '{1}' 加锁"},
    {"{0}, and {1}", "{0}，以及{1}"},
    {"{0}, {1}", "{0}，{1}"},
    {"lock-order cycle: {0}; the {1} threads can deadlock, each waiting for "
     "the next",
     "加锁顺序成环：{0}；这 {1} 个线程可能死锁，每个都在等待下一个"},
    {"'{0}' is locked here first, in {1}", "{1} 先在此对 '{0}' 加锁"},
    {"then '{0}' here while holding '{1}'",
     "然后在持有 '{1}' 时在此对 '{0}' 加锁"},
    {"lock-order inversion: {0} locks '{1}' while holding '{2}', and {3} "
     "locks them in the opposite order; the two can deadlock",
     "加锁顺序颠倒：{0} 在持有 '{2}' 时对 '{1}' 加锁，而 {3} "
     "以相反的顺序对它们加锁；两者可能死锁"},
    {"'{0}' is still held when the thread exits", "线程退出时仍持有 '{0}'"},
    {"'{0}' is still held when '{1}' returns and its thread ends",
     "'{1}' 返回、其线程结束时仍持有 '{0}'"},
    {"'{0}' is still held when '{1}' returns on this path",
     "'{1}' 沿这条路径返回时仍持有 '{0}'"},
    {"'{0}' was locked here", "'{0}' 在此加锁"},
    {"one of the locks '{0}' is still held when the thread exits",
     "线程退出时仍持有 '{0}' 中的某一个锁"},
    {"one of the locks '{0}' is still held when '{1}' returns and its thread "
     "ends",
     "'{1}' 返回、其线程结束时仍持有 '{0}' 中的某一个锁"},
    {"one of the locks '{0}' is still held when '{1}' returns on this path",
     "'{1}' 沿这条路径返回时仍持有 '{0}' 中的某一个锁"},
    {"one of them was locked here", "其中一个锁在此加锁"},
    {"file {0} is read and written back in {1} and read in {2} with no lock "
     "held by both; the reader can see a partial update",
     "文件 {0} 在 {1} 中被读取后写回，又在 {2} 中被读取，两者没有共同持有的"
     "锁；读取的一方可能看到只完成了一部分的更新"},
    {"file {0} is read and written back in {1} and written in {2} with no "
     "lock held by both across the update; concurrent updates can be lost",
     "文件 {0} 在 {1} 中被读取后写回，又在 {2} 中被写入，整个更新期间两者没有"
     "共同持有的锁；并发的更新可能丢失"},
    {"file {0} is written in {1} and read in {2} with no lock held by both; "
     "the reader can see a partial update",
     "文件 {0} 在 {1} 中被写入，又在 {2} 中被读取，两者没有共同持有的锁；"
     "读取的一方可能看到只完成了一部分的更新"},
    {"file {0} is written in {1} and written in {2} with no lock held by "
     "both across the update; concurrent updates can be lost",
     "文件 {0} 在 {1} 中被写入，又在 {2} 中被写入，整个更新期间两者没有共同"
     "持有的锁；并发的更新可能丢失"},
    {"the value written back is read here", "写回的值是在此读取的"},
    {"file {0} is read here in {1}", "{1} 在此读取文件 {0}"},
    {"file {0} is written here in {1}", "{1} 在此写入文件 {0}"},
    {"'{0}' is written in {1} and written in {2}",
     "'{0}' 在 {1} 中被写入，又在 {2} 中被写入"},
    {"'{0}' is written in {1} and read in {2}",
     "'{0}' 在 {1} 中被写入，又在 {2} 中被读取"},
    {"{0}; a signal handler interrupts at any point, so it must be volatile "
     "sig_atomic_t or a lock-free atomic",
     "{0}；信号处理函数可能在任何时刻打断执行，所以它必须是 volatile "
     "sig_atomic_t 或无锁的原子变量"},
    {"{0} with no lock held by both: a data race",
     "{0}，两者没有共同持有的锁：这是数据竞争"},
    {"written here in {0}", "{0} 在此写入"},
    {"read here in {0}", "{0} 在此读取"},
    {"{0} locks '{1}', which {2} also locks; if the signal arrives while {2} "
     "holds it, the handler waits forever for its own thread",
     "{0} 对 '{1}' 加锁，而 {2} 也对它加锁；如果信号在 {2} 持有它时到达，"
     "处理函数会永远等待它所打断的那个线程"},
    {"'{0}' is locked here in {1}", "{1} 在此对 '{0}' 加锁"},
    {"{0} is given the address of '{1}', which {2} changes before joining "
     "it while the thread reads it through its parameter: a data race, and "
     "the thread can see the changed value; {3}",
     "{0} 得到的是 '{1}' 的地址，而 {2} 在等待它结束（join）之前就修改了 "
     "'{1}'，同时该线程通过参数读取它：这是数据竞争，线程可能读到修改后的值；"
     "{3}"},
    {"pass the value instead, '(void *)(intptr_t){0}', or give each thread "
     "its own copy (an element of an array with one per thread, or a "
     "malloc'd copy the thread frees)",
     "改为传值，即 '(void *)(intptr_t){0}'，或者给每个线程一份自己的副本"
     "（每个线程一个数组元素，或者由线程自己释放的 malloc 副本）"},
    {"pass the value instead, '{0}' rather than '&{0}', with a parameter "
     "that takes it by value",
     "改为传值，即传 '{0}' 而不是 '&{0}'，并让参数按值接收它"},
    {"give each thread its own copy (an element of an array with one per "
     "thread, or a malloc'd copy the thread frees)",
     "给每个线程一份自己的副本（每个线程一个数组元素，或者由线程自己释放的 "
     "malloc 副本）"},
    {"'{0}' is changed here in {1} by the next iteration of the loop",
     "{1} 在循环的下一次迭代中于此处修改 '{0}'"},
    {"'{0}' is changed here in {1}", "{1} 在此修改 '{0}'"},
    {"read here in {0}, through the pointer it was given",
     "{0} 在此通过它得到的指针读取"},
    {"function '{0}'", "函数 '{0}'"},
    {"this call unlocks '{0}', which this path already unlocked",
     "这次调用对 '{0}' 解锁，而这条路径上已经解过锁"},
    {"this call unlocks '{0}', which is not held here",
     "这次调用对 '{0}' 解锁，而此处并未持有它"},
    {"'{0}' is unlocked again on this path", "'{0}' 在这条路径上被再次解锁"},
    {"'{0}' is unlocked but not held here", "'{0}' 被解锁，但此处并未持有它"},
    {"the callee unlocks it here", "被调用的函数在此对它解锁"},
    {"{0} finding by tangle-lint.", "tangle-lint 发现 {0} 个问题。"},
    {"{0} findings by tangle-lint.", "tangle-lint 发现 {0} 个问题。"},
    {"{0} known finding in baseline '{1}' not shown.",
     "基线 '{1}' 中已知的 {0} 个问题未显示。"},
    {"{0} known findings in baseline '{1}' not shown.",
     "基线 '{1}' 中已知的 {0} 个问题未显示。"},
    {"shard {0}/{1}: this run explored its part of the interleavings "
     "alone ({2} of the {3} subtrees at the top of the tree); tangle "
     "merge combines the JSON reports of all {1} shards into the report "
     "of one run",
     "分片 {0}/{1}：本次运行只探索了属于它的那部分交错（搜索树顶部 {3} "
     "棵子树中的 {2} 棵）；tangle merge 把全部 {1} 个分片的 JSON 报告"
     "合并为一次运行的报告"},
    {"shard {0}/{1}", "分片 {0}/{1}"},
    {"--reuse-process: {0} of the executions changed what a rewind of memory "
     "cannot undo ({1}): each ended its worker process, and the next began in "
     "a new one",
     "--reuse-process：其中 {0} 次执行改变了内存回退无法撤销的状态（{1}）：每次都结束"
     "了其工作进程，下一次执行在新的工作进程中开始"},
    {"--reuse-process: the first execution did what a worker process would "
     "have to end or refuse for ({0}), so every execution ran in a process of "
     "its own, as without the option",
     "--reuse-process：第一次执行做了工作进程必须为之结束或拒绝的操作（{0}），"
     "因此每次执行都像不加此选项时一样，各自在单独的进程中运行"},
    {"--reuse-process: a worker process could not run an execution ({0}); "
     "that one and the ones after it ran in a process each, as without the "
     "option",
     "--reuse-process：工作进程无法运行某次执行（{0}）；该次及之后的执行都像不加此"
     "选项时一样，各自在单独的进程中运行"},
    {"--reuse-process: the workers ran the program's threads as OS threads, "
     "not as fibers of one OS thread, because of {0}",
     "--reuse-process：工作进程以操作系统线程而非单个操作系统线程上的纤程运行程序的"
     "线程，原因：{0}"},
    {"the program ran one thread only: nothing ran concurrently, so there "
     "was nothing to interleave",
     "程序只运行了一个线程：没有任何东西并发运行，因此没有可交错的执行"},
    {"the program ran one thread only and exited with status {0}: nothing "
     "ran concurrently, so there was nothing to interleave; if it needs "
     "arguments, give them after its command line: {1}",
     "程序只运行了一个线程，并以状态 {0} 退出：没有任何东西并发运行，因此没有"
     "可交错的执行；如果它需要命令行参数，请写在命令之后：{1}"},
    {"shards missing: {0}; their parts of the interleavings were not "
     "explored",
     "缺少分片：{0}；它们那部分交错没有被探索"},
    {"{0} in {1} of {2} shards ({3} executions in all, each shard also ran "
     "{4} to split the tree){5}",
     "{2} 个分片中的 {1} 个共发现 {0}（总共 {3} 次执行，每个分片另外运行了 "
     "{4} 次来划分搜索树）{5}"},
    {": every interleaving explored", "：已探索所有交错执行"},
    {"every interleaving of shard {0}/{1} explored",
     "已探索分片 {0}/{1} 的所有交错执行"},
    {"every interleaving of shard {0}/{1} explored, retry loops cut after {2}",
     "已探索分片 {0}/{1} 的所有交错执行，重试循环在 {2}后截断"},
};

} // namespace

llvm::ArrayRef<CatalogEntry> chineseCatalog() { return entries; }

} // namespace tangle
