"""CPython side of the benchmark: the same workloads as the C# side, with multiprocessing (spawn).

Prints one JSON object per line: {"workload", "placement", "median", "unit", "runs"}.
Placement "same-cpu" pins both processes to CPU 0; "split" pins the parent to CPU 0 and the child to CPU 1,
so a wake-up crosses CPUs (~34 us one way here) or stays on one (~1.2 us).

Usage: python3 bench/cpython_bench.py [--quick] [--only TEXT]
"""
import json
import multiprocessing as mp
import os
import statistics
import sys
import time

QUICK = "--quick" in sys.argv
SCALE = 10 if QUICK else 1
ONLY = sys.argv[sys.argv.index("--only") + 1].lower() if "--only" in sys.argv[:-1] else None


def pin(cpu):
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu % os.cpu_count()})


# ---- children (module level: spawn pickles them by reference) ----

def produce(q, go, n, payload, cpu):
    pin(cpu)
    go.wait()
    for i in range(n):
        q.put(payload if payload is not None else i)


def ping_pong_sem(a, b, n, cpu):
    pin(cpu)
    for _ in range(n):
        a.acquire()
        b.release()


def ping_pong_event(a, b, n, cpu):
    pin(cpu)
    for _ in range(n):
        a.wait()
        a.clear()
        b.set()


def joinable_consumer(q, n, cpu):
    pin(cpu)
    for _ in range(n):
        q.get()
        q.task_done()


def empty():
    pass


def increment_locked(v, go, done, n, cpu):
    pin(cpu)
    go.wait()
    lock = v.get_lock()
    for _ in range(n):
        with lock:
            v.value += 1
    done.release()


def value_locked_increments(n, second_cpu):
    v, go, done = mp.Value("i", 0), mp.Event(), mp.Semaphore(0)
    ps = [mp.Process(target=increment_locked, args=(v, go, done, n, cpu)) for cpu in (0, second_cpu)]
    for p in ps:
        p.start()
    t0 = time.perf_counter()
    go.set()
    done.acquire()
    done.acquire()
    elapsed = time.perf_counter() - t0
    for p in ps:
        p.join()
    assert v.value == 2 * n, (v.value, 2 * n)
    return 2 * n / elapsed


def idle(e):
    e.wait()


# ---- workloads: each returns one measurement ----

def queue_throughput(n, payload, child_cpu):
    q, go = mp.Queue(), mp.Event()
    p = mp.Process(target=produce, args=(q, go, n, payload, child_cpu))
    p.start()
    t0 = time.perf_counter()
    go.set()
    for _ in range(n):
        q.get()
    elapsed = time.perf_counter() - t0
    p.join()
    return n / elapsed


def semaphore_ping_pong(n, child_cpu):
    a, b = mp.Semaphore(0), mp.Semaphore(0)
    p = mp.Process(target=ping_pong_sem, args=(a, b, n, child_cpu))
    p.start()
    a.release()
    b.acquire()  # warm-up round: the child is running
    t0 = time.perf_counter()
    for _ in range(n - 1):
        a.release()
        b.acquire()
    elapsed = time.perf_counter() - t0
    p.join()
    return elapsed / (n - 1) * 1e6


def event_ping_pong(n, child_cpu):
    a, b = mp.Event(), mp.Event()
    p = mp.Process(target=ping_pong_event, args=(a, b, n, child_cpu))
    p.start()
    a.set()
    b.wait()
    b.clear()
    t0 = time.perf_counter()
    for _ in range(n - 1):
        a.set()
        b.wait()
        b.clear()
    elapsed = time.perf_counter() - t0
    p.join()
    return elapsed / (n - 1) * 1e6


def joinable_round_trip(n, child_cpu):
    q = mp.JoinableQueue()
    p = mp.Process(target=joinable_consumer, args=(q, n, child_cpu))
    p.start()
    q.put(0)
    q.join()
    t0 = time.perf_counter()
    for i in range(n - 1):
        q.put(i)
        q.join()
    elapsed = time.perf_counter() - t0
    p.join()
    return elapsed / (n - 1) * 1e6


def process_start_join(_child_cpu):
    t0 = time.perf_counter()
    p = mp.Process(target=empty)
    p.start()
    p.join()
    return (time.perf_counter() - t0) * 1e3


def idle_child_peak_memory(_child_cpu):
    e = mp.Event()
    p = mp.Process(target=idle, args=(e,))
    p.start()
    time.sleep(0.5)  # let the child finish importing and reach its wait: we measure an idle child, not a starting one
    with open(f"/proc/{p.pid}/status") as f:
        hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    e.set()
    p.join()
    return hwm / 1024


def main():
    mp.set_start_method("spawn")
    pin(0)
    placements = {"same-cpu": 0, "split": 1}
    plan = [
        ("queue 200k ints", "items/s", lambda c: queue_throughput(200_000 // SCALE, None, c), 3, placements),
        ("queue 50k x 1 KiB", "items/s", lambda c: queue_throughput(50_000 // SCALE, b"x" * 1024, c), 3, placements),
        ("semaphore ping-pong", "us/round trip", lambda c: semaphore_ping_pong(20_000 // SCALE, c), 5, placements),
        ("event set->wait ping-pong", "us/round trip", lambda c: event_ping_pong(10_000 // SCALE, c), 5, placements),
        ("joinable put/get/task_done/join", "us/round trip", lambda c: joinable_round_trip(10_000 // SCALE, c), 5, placements),
        ("Value += 1 under its lock, 2 procs", "increments/s", lambda c: value_locked_increments(200_000 // SCALE, c), 3, placements),
        ("process start+join (empty)", "ms", process_start_join, 15, {"any": None}),
        ("idle child peak RSS", "MiB", idle_child_peak_memory, 3, {"any": None}),
    ]
    for name, unit, fn, runs, where in plan:
        if ONLY is not None and ONLY not in name.lower():
            continue
        for placement, cpu in where.items():
            values = [fn(cpu) for _ in range(runs)]
            print(json.dumps({"workload": name, "placement": placement, "median": statistics.median(values),
                              "unit": unit, "runs": runs}), flush=True)


if __name__ == "__main__":
    main()
