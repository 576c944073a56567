#!/usr/bin/env python3
"""Where Gatling's event loops spend, from a JFR recording: bench/jfr-top.py FILE.jfr [N].

Reads `jfr print --events jdk.ExecutionSample --stack-depth 96` (the JDK's own tool), keeps the samples taken on
Gatling's event-loop threads (gatling-1-N), and prints:
  - each sample put in the first matching category (ours first), as shares of those samples;
  - the top N frames by self time (the frame on the CPU) and the top N of ours by inclusive time.
A share from a few hundred samples is good to a few points: compare two recordings of the same machine state.
"""
import collections
import re
import subprocess
import sys

CATEGORIES = [
    ("ours (obp.loadtest)", ("obp.loadtest.",)),
    ("Gatling checks", ("io.gatling.core.check.", "io.gatling.http.check.")),
    ("Gatling: request building, response processing, session, actions", ("io.gatling.",)),
    ("Netty: I/O, HTTP codec", ("io.netty.",)),
    ("JDK, Scala collections", ("java.", "jdk.", "sun.", "scala.")),
]


def samples(path):
    out = subprocess.run(
        ["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
        check=True, capture_output=True, text=True).stdout
    for event in out.split("jdk.ExecutionSample {")[1:]:
        m = re.search(r'sampledThread = "([^"]*)"', event)
        thread = m.group(1) if m else ""
        frames = [re.sub(r"\s+line:.*$", "", f.strip())
                  for f in re.findall(r"^\s{4,}(\S.*)$", event.split("stackTrace = [", 1)[-1], re.M)
                  if not f.strip().startswith("...") and f.strip() not in ("]", "}")]
        yield thread, frames


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    loops = [f for t, f in samples(path) if t.startswith("gatling-1-") and f]
    total = len(loops)
    if not total:
        print(f"{path}: no samples on Gatling's event loops")
        return
    cats = collections.Counter()
    self_frames = collections.Counter()
    ours = collections.Counter()
    for frames in loops:
        for name, prefixes in CATEGORIES:
            if any(fr.startswith(prefixes) for fr in frames):
                cats[name] += 1
                break
        else:
            cats["other"] += 1
        self_frames[frames[0]] += 1
        for fr in set(f for f in frames if f.startswith("obp.loadtest.")):
            ours[re.sub(r"\(.*$", "", fr)] += 1
    print(f"{path}: {total} samples on Gatling's event loops")
    for name, _ in CATEGORIES + [("other", ())]:
        print(f"  {100 * cats[name] / total:5.1f}%  {name}")
    print(f"  top {n} frames on the CPU (self):")
    for fr, c in self_frames.most_common(n):
        print(f"  {100 * c / total:5.1f}%  {fr}")
    print(f"  top {n} frames of ours (inclusive):")
    for fr, c in ours.most_common(n):
        print(f"  {100 * c / total:5.1f}%  {fr}")


if __name__ == "__main__":
    main()
