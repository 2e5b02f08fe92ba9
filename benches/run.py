#!/usr/bin/env python3
"""Benchmark runner: rnode vs node on the workloads in benches/workloads/.

    python3 benches/run.py --rnode target/release/rnode [--only timers] [--runs 5]

Each workload is run N times under rnode and under node (when found on PATH),
interleaved (rnode, node, rnode, node, ...) so that machine noise hits both
alike. Wall time of the whole process is recorded; the table shows medians
and the ratio rnode/node (below 1.0 means rnode is faster).

A workload file may carry header comments (in its first lines):
    // bench-args: -e 0            arguments instead of the file itself
                                   ($FILE stands for the workload's path)
    // bench-runs: 20              default run count for this workload
    // bench-env: K=1 | K=2        one table row per variant, each with its
                                   extra environment (K=1 A=b for several vars)

A workload that measures itself (a load generator running for a fixed time)
prints a line `bench-ms: <number>` on stdout; that number replaces the wall
time (e.g. milliseconds per 100,000 requests).
"""

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = os.path.join(HERE, "workloads")
DEFAULT_RUNS = 10
TIMEOUT_S = 300


class Workload:
    def __init__(self, path):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.args = [path]
        self.runs = DEFAULT_RUNS
        self.env_variants = [{}]
        with open(path, encoding="utf-8") as f:
            head = [next(f, "") for _ in range(15)]
        for line in head:
            m = re.match(r"\s*//\s*bench-(args|runs|env):\s*(.*?)\s*$", line)
            if not m:
                continue
            key, value = m.groups()
            if key == "args":
                self.args = [a.replace("$FILE", path) for a in shlex.split(value)]
            elif key == "runs":
                self.runs = int(value)
            elif key == "env":
                self.env_variants = []
                for variant in value.split("|"):
                    env = {}
                    for pair in variant.split():
                        k, _, v = pair.partition("=")
                        env[k] = v
                    self.env_variants.append(env)

    def rows(self):
        for env in self.env_variants:
            label = self.name
            if env:
                label += " " + " ".join(f"{k}={v}" for k, v in env.items())
            yield label, env


def run_once(binary, args, env):
    """Wall time in ms of one run, or None (with a message) on failure."""
    full_env = dict(os.environ)
    full_env.pop("NODE_OPTIONS", None)
    full_env.update(env)
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [binary] + args,
            cwd=WORKLOADS,
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return None, f"timed out after {TIMEOUT_S}s"
    except OSError as e:
        return None, str(e)
    elapsed = (time.perf_counter() - start) * 1000.0
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip().splitlines()
        return None, f"exit {proc.returncode}: {err[-1] if err else ''}"
    reported = re.search(rb"^bench-ms: ([0-9.]+)$", proc.stdout, re.M)
    return (float(reported.group(1)) if reported else elapsed), None


def fmt_ms(samples):
    return f"{statistics.median(samples):.1f}" if samples else "error"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rnode", default="target/release/rnode", help="rnode binary (default: %(default)s)")
    p.add_argument("--node", default=shutil.which("node"), help="node binary (default: node on PATH)")
    p.add_argument("--no-node", action="store_true", help="run rnode only")
    p.add_argument("--only", default="", help="run only workloads whose name contains this substring")
    p.add_argument("--runs", type=int, help="runs per workload and runtime (overrides the defaults)")
    p.add_argument("--list", action="store_true", help="list workloads and exit")
    opts = p.parse_args()

    rnode = os.path.abspath(opts.rnode)
    node = None if opts.no_node or not opts.node else opts.node
    if not os.access(rnode, os.X_OK):
        sys.exit(f"rnode binary not found or not executable: {rnode} (run `make build`)")

    files = sorted(f for f in os.listdir(WORKLOADS) if f.endswith(".js"))
    workloads = [Workload(os.path.join(WORKLOADS, f)) for f in files]
    workloads = [w for w in workloads if opts.only in w.name]
    if opts.list:
        for w in workloads:
            for label, _ in w.rows():
                print(label)
        return
    if not workloads:
        sys.exit(f"no workload matches {opts.only!r}")

    print(f"rnode: {rnode}", file=sys.stderr)
    print(f"node:  {node or '(not found; rnode only)'}", file=sys.stderr)
    results = []
    failures = []
    for w in workloads:
        runs = opts.runs or w.runs
        for label, env in w.rows():
            samples = {"rnode": [], "node": []}
            runtimes = [("rnode", rnode)] + ([("node", node)] if node else [])
            for i in range(runs):
                for name, binary in runtimes:
                    ms, err = run_once(binary, w.args, env)
                    if err:
                        failures.append(f"{label} [{name}]: {err}")
                    else:
                        samples[name].append(ms)
            row = [label, fmt_ms(samples["rnode"])]
            if node:
                row.append(fmt_ms(samples["node"]))
                if samples["rnode"] and samples["node"]:
                    row.append(f"{statistics.median(samples['rnode']) / statistics.median(samples['node']):.2f}")
                else:
                    row.append("-")
            results.append(row)
            print(f"  {label}: {' / '.join(row[1:])}", file=sys.stderr)

    header = ["workload", "rnode median ms"] + (["node median ms", "ratio rnode/node"] if node else [])
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for row in results:
        print("| " + " | ".join(row) + " |")
    if failures:
        print()
        print("Failed runs:")
        seen = set()
        for f in failures:
            if f not in seen:
                seen.add(f)
                print(f"- {f}")
        sys.exit(1)


if __name__ == "__main__":
    main()
