"""CPython side of the benchmark: one measurement of one workload in this fresh process, with multiprocessing (spawn).

    python3 bench/cpython_bench.py --run WORKLOAD --placement same-cpu|split [--quick]

prints one JSON object {"value": v}. The C# orchestrator (bench/Program.cs) alternates runs of this script with runs of
the same workload in C# (bench/Workloads*.cs), so both sides see the same minute of this shared machine. Every
workload here has a C# twin of the same name doing the same thing: same item counts, payloads and synchronisation.

Placement: this process pins itself to CPU 0; children are spawned while the spawning thread is pinned to CPU 0
(same-cpu) or CPU 1 (split), so they inherit that mask from birth (fork+exec keeps it), and afterwards every thread of
this process is pinned back to CPU 0 (threads a Pool constructor started meanwhile included).
"""
import itertools
import json
import multiprocessing as mp
import os
import sys
import time

QUICK = "--quick" in sys.argv
SCALE = 10 if QUICK else 1
PAYLOAD = b"x" * 1024


def pin_thread(cpu):
    os.sched_setaffinity(0, {cpu % os.cpu_count()})


def pin_all(cpu):
    for tid in os.listdir("/proc/self/task"):
        try:
            os.sched_setaffinity(int(tid), {cpu % os.cpu_count()})
        except OSError:
            pass  # a thread that ended meanwhile


class spawn_on:
    """with spawn_on(cpu): start processes (they inherit the mask); then all of this process back on CPU 0."""

    def __init__(self, cpu):
        self.cpu = cpu

    def __enter__(self):
        pin_thread(self.cpu)

    def __exit__(self, *exc):
        pin_all(0)


def micros_per_round_trip(n, round_trip):
    """One warm-up round trip (the children are running), then the mean of n timed ones, in us."""
    round_trip()
    t0 = time.perf_counter()
    for _ in range(n):
        round_trip()
    return (time.perf_counter() - t0) / n * 1e6


def vm_hwm_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024


# ---- children and pool functions (module level: spawn pickles them by reference) ----

def empty():
    pass


def produce(q, go, n, payload):
    go.wait()
    if payload is None:
        for i in range(n):
            q.put(i)
    else:
        for _ in range(n):
            q.put(payload)


def ping_pong(a, b, n):
    for _ in range(n):
        a.acquire()
        b.release()


def ping_pong_event(a, b, n):
    for _ in range(n):
        a.wait()
        a.clear()
        b.set()


def condition_waiter(cond, ready, ack, n):
    for _ in range(n):
        with cond:
            ready.release()  # under the lock: the parent can only notify once this process is inside wait()
            cond.wait()
        ack.release()


def joinable_consumer(q, n):
    for _ in range(n):
        q.get()
        q.task_done()


def pipe_echo(conn, n):
    for _ in range(n):
        conn.send(conn.recv())


def pipe_send(conn, go, n):
    go.wait()
    for i in range(n):
        conn.send(i)


def increment_locked(v, go, done, n):
    go.wait()
    lock = v.get_lock()
    for _ in range(n):
        with lock:
            v.value += 1
    done.release()


def namespace_setattr(ns, n, result):
    t0 = time.perf_counter()
    for i in range(n):
        ns.x = i
    result.put(time.perf_counter() - t0)


def idle(e):
    e.wait()


def identity(x):
    return x


def initializer_ran(sem):
    sem.release()


# ---- workloads: each returns one measurement; the comment says what it does (the C# twin does the same) ----

def start_join(cpu):
    """ms per start+join of an empty target, the mean of 5 in a row (one alone is mostly scheduler noise)."""
    k = 5
    t0 = time.perf_counter()
    for _ in range(k):
        with spawn_on(cpu):
            p = mp.Process(target=empty)
            p.start()
        p.join()
    return (time.perf_counter() - t0) * 1e3 / k


def queue_throughput(n, payload, cpu):
    """items/s: one child puts n items (ints 0..n-1, or the same 1 KiB bytes) once an Event is set; the parent gets them."""
    q, go = mp.Queue(), mp.Event()
    with spawn_on(cpu):
        p = mp.Process(target=produce, args=(q, go, n, payload))
        p.start()
    t0 = time.perf_counter()
    go.set()
    for _ in range(n):
        q.get()
    elapsed = time.perf_counter() - t0
    p.join()
    return n / elapsed


def ping_pong_sem(make, n, cpu):
    """us per round trip: the parent releases a, the child acquires a and releases b, the parent acquires b."""
    a, b = make(), make()
    with spawn_on(cpu):
        p = mp.Process(target=ping_pong, args=(a, b, n + 1))
        p.start()

    def round_trip():
        a.release()
        b.acquire()

    us = micros_per_round_trip(n, round_trip)
    p.join()
    return us


def acquired_lock():
    lock = mp.Lock()
    lock.acquire()  # a Lock as a binary semaphore: taken here, released by the other process
    return lock


def event_wake(n, cpu):
    """us per round trip: the parent sets a, the child's wait on a returns, it clears a and sets b, the parent's wait returns."""
    a, b = mp.Event(), mp.Event()
    with spawn_on(cpu):
        p = mp.Process(target=ping_pong_event, args=(a, b, n + 1))
        p.start()

    def round_trip():
        a.set()
        b.wait()
        b.clear()

    us = micros_per_round_trip(n, round_trip)
    p.join()
    return us


def condition_fan_out(n, cpu, waiters=4):
    """us per round: 4 children wait on a Condition; the parent notify_all()s and waits for 4 acknowledgements."""
    cond, ready, ack = mp.Condition(), mp.Semaphore(0), mp.Semaphore(0)
    with spawn_on(cpu):
        ps = [mp.Process(target=condition_waiter, args=(cond, ready, ack, n + 1)) for _ in range(waiters)]
        for p in ps:
            p.start()

    def one_round():
        for _ in range(waiters):
            ready.acquire()
        with cond:
            cond.notify_all()
        for _ in range(waiters):
            ack.acquire()

    us = micros_per_round_trip(n, one_round)
    for p in ps:
        p.join()
    return us


def uncontended(n, _cpu):
    """ns per acquire+release of a Lock nobody else holds, in this one process."""
    lock = mp.Lock()
    t0 = time.perf_counter()
    for _ in range(n):
        lock.acquire()
        lock.release()
    return (time.perf_counter() - t0) / n * 1e9


def joinable_round_trip(n, cpu):
    """us per round trip: the parent puts an int and join()s; the child gets it and task_done()s."""
    q = mp.JoinableQueue()
    with spawn_on(cpu):
        p = mp.Process(target=joinable_consumer, args=(q, n + 1))
        p.start()
    items = itertools.count()

    def round_trip():
        q.put(next(items))
        q.join()

    us = micros_per_round_trip(n, round_trip)
    p.join()
    return us


def pipe_round_trip(n, cpu):
    """us per round trip: the parent send()s an int over a duplex Pipe, the child recv()s and sends it back."""
    a, b = mp.Pipe()
    with spawn_on(cpu):
        p = mp.Process(target=pipe_echo, args=(b, n + 1))
        p.start()
    items = itertools.count()

    def round_trip():
        a.send(next(items))
        a.recv()

    us = micros_per_round_trip(n, round_trip)
    p.join()
    return us


def pipe_throughput(n, cpu):
    """messages/s: the child send()s ints 0..n-1 into a one-way Pipe once an Event is set; the parent recv()s them."""
    r, w = mp.Pipe(duplex=False)
    go = mp.Event()
    with spawn_on(cpu):
        p = mp.Process(target=pipe_send, args=(w, go, n))
        p.start()
    t0 = time.perf_counter()
    go.set()
    for _ in range(n):
        r.recv()
    elapsed = time.perf_counter() - t0
    p.join()
    return n / elapsed


def value_increments(n, cpu):
    """increments/s: the parent and one child each do `with v.get_lock(): v.value += 1` n times on one Value('i')."""
    v, go, done = mp.Value("i", 0), mp.Event(), mp.Semaphore(0)
    with spawn_on(cpu):
        p = mp.Process(target=increment_locked, args=(v, go, done, n))
        p.start()
    lock = v.get_lock()
    t0 = time.perf_counter()
    go.set()
    for _ in range(n):
        with lock:
            v.value += 1
    done.acquire()
    elapsed = time.perf_counter() - t0
    p.join()
    assert v.value == 2 * n, (v.value, 2 * n)
    return 2 * n / elapsed


def manager_dict(n, cpu):
    """us per operation: the parent does d['k'] = i then d['k'] on a Manager dict, n times (2n operations)."""
    with spawn_on(cpu):
        m = mp.Manager()
    try:
        d = m.dict()
        d["k"] = -1
        t0 = time.perf_counter()
        for i in range(n):
            d["k"] = i
            d["k"]
        return (time.perf_counter() - t0) / (2 * n) * 1e6
    finally:
        m.shutdown()


def manager_namespace(n, cpu):
    """us per setattr: a child does ns.x = i n times on a Manager Namespace it got as an argument; it times itself."""
    with spawn_on(cpu):
        m = mp.Manager()
    try:
        ns, result = m.Namespace(), mp.Queue()
        with spawn_on(cpu):
            p = mp.Process(target=namespace_setattr, args=(ns, n, result))
            p.start()
        elapsed = result.get(timeout=120)
        p.join()
        return elapsed / n * 1e6
    finally:
        m.shutdown()


def manager_start(cpu):
    """ms from Manager() to a started manager (its server process answering); shutdown not timed."""
    t0 = time.perf_counter()
    with spawn_on(cpu):
        m = mp.Manager()
    elapsed = time.perf_counter() - t0
    m.shutdown()
    return elapsed * 1e3


def pool_map(n, chunksize, cpu):
    """tasks/s: Pool(2).map(identity, range(n), chunksize) on a started pool (its start not timed)."""
    with spawn_on(cpu):
        pool = mp.Pool(2)
    try:
        pool.map(identity, range(8))  # both workers are up
        t0 = time.perf_counter()
        out = pool.map(identity, range(n), chunksize)
        elapsed = time.perf_counter() - t0
        assert len(out) == n and out[-1] == n - 1
        return n / elapsed
    finally:
        pool.terminate()
        pool.join()


def pool_apply_async(n, cpu):
    """us per round trip: pool.apply_async(identity, (i,)).get() on a started Pool(2), n times."""
    with spawn_on(cpu):
        pool = mp.Pool(2)
    try:
        pool.apply_async(identity, (0,)).get()
        t0 = time.perf_counter()
        for i in range(n):
            pool.apply_async(identity, (i,)).get()
        return (time.perf_counter() - t0) / n * 1e6
    finally:
        pool.terminate()
        pool.join()


def pool_start(cpu):
    """ms from Pool(4, initializer) until every worker's initializer released a Semaphore; terminate not timed."""
    sem = mp.Semaphore(0)
    t0 = time.perf_counter()
    with spawn_on(cpu):
        pool = mp.Pool(4, initializer_ran, (sem,))
    for _ in range(4):
        sem.acquire()
    elapsed = time.perf_counter() - t0
    pool.terminate()
    pool.join()
    return elapsed * 1e3


def memory_child(cpu):
    """MiB VmHWM of a child blocked on an Event, read 0.5 s after its start (an idle child, not a starting one)."""
    e = mp.Event()
    with spawn_on(cpu):
        p = mp.Process(target=idle, args=(e,))
        p.start()
    time.sleep(0.5)
    hwm = vm_hwm_mib(p.pid)
    e.set()
    p.join()
    return hwm


def memory_manager(cpu):
    """MiB VmHWM of a Manager's server process after a dict was created and 100 keys set and read."""
    with spawn_on(cpu):
        m = mp.Manager()
    try:
        d = m.dict()
        for i in range(100):
            d[i] = i
            d[i]
        return vm_hwm_mib(m._process.pid)
    finally:
        m.shutdown()


def memory_worker(cpu):
    """MiB VmHWM of a Pool(2) worker after a map of 10,000 trivial tasks (default chunksize)."""
    with spawn_on(cpu):
        pool = mp.Pool(2)
    try:
        pool.map(identity, range(10_000))
        return max(vm_hwm_mib(w.pid) for w in pool._pool)
    finally:
        pool.terminate()
        pool.join()


WORKLOADS = {
    "start-join": start_join,
    "queue-ints": lambda c: queue_throughput(200_000 // SCALE, None, c),
    "queue-1k": lambda c: queue_throughput(50_000 // SCALE, PAYLOAD, c),
    "joinable": lambda c: joinable_round_trip(3_000 // SCALE, c),
    "lock-pingpong": lambda c: ping_pong_sem(acquired_lock, 5_000 // SCALE, c),
    "semaphore-pingpong": lambda c: ping_pong_sem(lambda: mp.Semaphore(0), 5_000 // SCALE, c),
    "event-wake": lambda c: event_wake(3_000 // SCALE, c),
    "condition-fan-out": lambda c: condition_fan_out(1_000 // SCALE, c),
    "uncontended-lock": lambda c: uncontended(300_000 // SCALE, c),
    "pipe-round-trip": lambda c: pipe_round_trip(5_000 // SCALE, c),
    "pipe-throughput": lambda c: pipe_throughput(100_000 // SCALE, c),
    "value-increments": lambda c: value_increments(50_000 // SCALE, c),
    "manager-dict": lambda c: manager_dict(2_000 // SCALE, c),
    "manager-namespace": lambda c: manager_namespace(2_000 // SCALE, c),
    "manager-start": manager_start,
    "pool-map": lambda c: pool_map(200_000 // SCALE, None, c),
    "pool-map-chunk1": lambda c: pool_map(20_000 // SCALE, 1, c),
    "pool-apply-async": lambda c: pool_apply_async(2_000 // SCALE, c),
    "pool-start": pool_start,
    "memory-child": memory_child,
    "memory-manager": memory_manager,
    "memory-worker": memory_worker,
}


def main():
    mp.set_start_method("spawn")
    name = sys.argv[sys.argv.index("--run") + 1]
    placement = sys.argv[sys.argv.index("--placement") + 1]
    cpu = {"same-cpu": 0, "split": 1}[placement]
    pin_all(0)
    value = WORKLOADS[name](cpu)
    print(json.dumps({"value": value}), flush=True)


if __name__ == "__main__":
    main()
