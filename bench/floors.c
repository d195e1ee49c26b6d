/* The C floors of the benchmark: what the hardware and kernel give for the same patterns, with nothing above them.
 * Compiled by bench/ at bench time (cc -O2) and run beside every workload that has a floor, in the same minute.
 *
 *   floors MODE PLACEMENT N      MODE: ring | pipe8 | pipe1k | pipebulk | pingpong;  PLACEMENT: same-cpu | split
 *
 * Prints one number: messages/s (ring, pipe8, pipe1k, pipebulk: items/s) or microseconds per round trip (pingpong).
 * same-cpu: parent and child on CPU 0; split: parent on CPU 0, child on CPU 1 (fork inherits, then the child re-pins).
 *   ring     a single-producer single-consumer ring of 8-byte ints in shared memory (64 KiB, spin then sched_yield)
 *   pipe8    write(2)/read(2) of 8-byte messages through a pipe, one call per message on each side
 *   pipe1k   the same with 1 KiB messages
 *   pipebulk 8-byte items through a pipe in chunks of 25,000 (200 KB writes): Pool.map's default chunks of 200k items
 *            over 2 workers (items/s)
 *   pingpong two process-shared sem_t (futexes) in shared memory: parent posts a, waits b; child waits a, posts b
 */
#define _GNU_SOURCE
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu % sysconf(_SC_NPROCESSORS_ONLN), &set);
    sched_setaffinity(0, sizeof set, &set);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

#define RING_SLOTS 8192 /* 64 KiB of 8-byte slots, a pipe's capacity */

struct ring
{
    _Alignas(64) _Atomic uint64_t head; /* written by the producer */
    _Alignas(64) _Atomic uint64_t tail; /* written by the consumer */
    _Alignas(64) uint64_t slots[RING_SLOTS];
};

static void wait_a_little(int *spins)
{
    if (++*spins > 64) { sched_yield(); *spins = 0; }
}

static int full_read(int fd, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n)
    {
        ssize_t r = read(fd, buf + got, n - got);
        if (r <= 0) return -1;
        got += (size_t)r;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) { fprintf(stderr, "usage: floors ring|pipe8|pipe1k|pipebulk|pingpong same-cpu|split N\n"); return 2; }
    const char *mode = argv[1];
    int child_cpu = strcmp(argv[2], "split") == 0 ? 1 : 0;
    long n = atol(argv[3]);
    pin(0);

    if (strcmp(mode, "ring") == 0)
    {
        struct ring *r = mmap(NULL, sizeof *r, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (r == MAP_FAILED) { perror("mmap"); return 1; }
        pid_t pid = fork();
        if (pid == 0)
        {
            pin(child_cpu);
            int spins = 0;
            for (uint64_t i = 0; i < (uint64_t)n; i++)
            {
                uint64_t h = atomic_load_explicit(&r->head, memory_order_relaxed);
                while (h - atomic_load_explicit(&r->tail, memory_order_acquire) >= RING_SLOTS) wait_a_little(&spins);
                r->slots[h % RING_SLOTS] = i;
                atomic_store_explicit(&r->head, h + 1, memory_order_release);
            }
            _exit(0);
        }
        double t0 = now();
        uint64_t sum = 0;
        int spins = 0;
        for (uint64_t i = 0; i < (uint64_t)n; i++)
        {
            uint64_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
            while (atomic_load_explicit(&r->head, memory_order_acquire) == t) wait_a_little(&spins);
            sum += r->slots[t % RING_SLOTS];
            atomic_store_explicit(&r->tail, t + 1, memory_order_release);
        }
        double dt = now() - t0;
        waitpid(pid, NULL, 0);
        if (sum != (uint64_t)n * (uint64_t)(n - 1) / 2) { fprintf(stderr, "ring lost items\n"); return 1; }
        printf("%.1f\n", n / dt);
        return 0;
    }

    if (strcmp(mode, "pipe8") == 0 || strcmp(mode, "pipe1k") == 0)
    {
        size_t size = strcmp(mode, "pipe8") == 0 ? 8 : 1024;
        int fds[2];
        if (pipe(fds) < 0) { perror("pipe"); return 1; }
        pid_t pid = fork();
        if (pid == 0)
        {
            pin(child_cpu);
            close(fds[0]);
            char buf[1024];
            memset(buf, 'x', sizeof buf);
            for (long i = 0; i < n; i++)
            {
                memcpy(buf, &i, sizeof i);
                if (write(fds[1], buf, size) != (ssize_t)size) _exit(1);
            }
            _exit(0);
        }
        close(fds[1]);
        char buf[1024];
        double t0 = now();
        for (long i = 0; i < n; i++)
        {
            if (full_read(fds[0], buf, size) < 0) { fprintf(stderr, "pipe ended early\n"); return 1; }
        }
        double dt = now() - t0;
        waitpid(pid, NULL, 0);
        printf("%.1f\n", n / dt);
        return 0;
    }

    if (strcmp(mode, "pipebulk") == 0)
    {
        enum { CHUNK = 25000 };
        int fds[2];
        if (pipe(fds) < 0) { perror("pipe"); return 1; }
        pid_t pid = fork();
        if (pid == 0)
        {
            pin(child_cpu);
            close(fds[0]);
            static int64_t chunk[CHUNK];
            for (long i = 0; i < n; i += CHUNK)
            {
                long k = n - i < CHUNK ? n - i : CHUNK;
                for (long j = 0; j < k; j++) chunk[j] = i + j;
                if (write(fds[1], chunk, (size_t)k * 8) != (ssize_t)(k * 8)) _exit(1);
            }
            _exit(0);
        }
        close(fds[1]);
        static int64_t chunk[CHUNK];
        int64_t sum = 0;
        double t0 = now();
        for (long i = 0; i < n; i += CHUNK)
        {
            long k = n - i < CHUNK ? n - i : CHUNK;
            if (full_read(fds[0], (char *)chunk, (size_t)k * 8) < 0) { fprintf(stderr, "pipe ended early\n"); return 1; }
            for (long j = 0; j < k; j++) sum += chunk[j];
        }
        double dt = now() - t0;
        waitpid(pid, NULL, 0);
        if (sum != (int64_t)n * (n - 1) / 2) { fprintf(stderr, "pipebulk lost items\n"); return 1; }
        printf("%.1f\n", n / dt);
        return 0;
    }

    if (strcmp(mode, "pingpong") == 0)
    {
        sem_t *s = mmap(NULL, 2 * sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (s == MAP_FAILED) { perror("mmap"); return 1; }
        sem_init(&s[0], 1, 0);
        sem_init(&s[1], 1, 0);
        pid_t pid = fork();
        if (pid == 0)
        {
            pin(child_cpu);
            for (long i = 0; i < n + 1; i++)
            {
                while (sem_wait(&s[0]) != 0) { }
                sem_post(&s[1]);
            }
            _exit(0);
        }
        sem_post(&s[0]); /* warm-up round: the child is running */
        while (sem_wait(&s[1]) != 0) { }
        double t0 = now();
        for (long i = 0; i < n; i++)
        {
            sem_post(&s[0]);
            while (sem_wait(&s[1]) != 0) { }
        }
        double dt = now() - t0;
        waitpid(pid, NULL, 0);
        printf("%.3f\n", dt / n * 1e6);
        return 0;
    }

    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
}
