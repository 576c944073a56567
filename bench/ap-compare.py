#!/usr/bin/env python3
"""Two async-profiler CPU profiles side by side, per 1,000 requests: bench/ap-compare.py A.collapsed NA B.collapsed NB [N].

Each file is measure 7's BENCH_ASYNC output (collapsed stacks, per thread, 1 ms samples: a sample is 1 ms of CPU);
NA and NB are the requests each run sent (its "request count"). Prints the CPU by kind of thread (Gatling's event
loops, JIT, GC, ours, other), the event loops' samples by category (each sample in the first matching one, ours
first), then the N frames whose own time (the frame on the CPU) differs most between the two, in ms per 1,000 requests.
"""
import collections
import re
import sys

THREADS = [("loops", r"^gatling-"), ("jit", r"^C[12] CompilerThre"), ("gc", r"^(GC Thread|G1 )"), ("ours", r"^obp-")]
CATEGORIES = [
    ("ours (obp/loadtest)", "obp/loadtest/"),
    ("Gatling checks", "io/gatling/core/check/|io/gatling/http/check/"),
    ("Gatling", "io/gatling/"),
    ("Netty", "io/netty/"),
    ("JDK, Scala", "java/|jdk/|sun/|scala/"),
]


def read(path):
    kinds = collections.Counter()
    cats = collections.Counter()
    own = collections.Counter()
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        frames = stack.split(";")
        n = int(count)
        thread = re.sub(r"^\[(.*?)( tid=\d+)?\]$", r"\1", frames[0])
        kind = next((k for k, p in THREADS if re.match(p, thread)), "other")
        kinds[kind] += n
        if kind != "loops":
            continue
        body = frames[1:]
        cat = next((c for c, p in CATEGORIES if any(re.match(p, f) for f in body)), "native, kernel")
        cats[cat] += n
        own[re.sub(r"_\[[a-z]\]$", "", body[-1]) if body else "?"] += n
    return kinds, cats, own


def main():
    a, na, b, nb = sys.argv[1], float(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    top = int(sys.argv[5]) if len(sys.argv) > 5 else 25
    (ka, ca, oa), (kb, cb, ob) = read(a), read(b)
    per = lambda c, n: 1000.0 * c / n
    print(f"ms of CPU per 1,000 requests: A = {a} ({na:.0f} requests), B = {b} ({nb:.0f} requests)")
    print(f"{'':28} {'A':>8} {'B':>8} {'A - B':>8}")
    for k in ["loops", "jit", "gc", "ours", "other"]:
        print(f"  thread: {k:18} {per(ka[k], na):8.1f} {per(kb[k], nb):8.1f} {per(ka[k], na) - per(kb[k], nb):8.1f}")
    print("  the event loops, by what they run:")
    for c, _ in CATEGORIES + [("native, kernel", "")]:
        print(f"    {c:24} {per(ca[c], na):8.1f} {per(cb[c], nb):8.1f} {per(ca[c], na) - per(cb[c], nb):8.1f}")
    rows = sorted(((per(oa[f], na) - per(ob[f], nb), f) for f in set(oa) | set(ob)), reverse=True)
    print(f"  own time on the event loops, the {top} frames A spends most more on:")
    for d, f in rows[:top]:
        print(f"    {d:7.2f} {per(oa[f], na):7.2f} {per(ob[f], nb):7.2f}  {f}")


if __name__ == "__main__":
    main()
