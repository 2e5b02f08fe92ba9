#!/usr/bin/env python3
"""Runs node v20's own `test/parallel` tests under rnode, as node's tools/test.py
runs them, and reports what passes.

    run.py --list passing.txt     run exactly those tests; fail if any does not pass
    run.py --all                  run every public test; per-area table, newly passing

A test runs with the node source root as cwd, its `// Flags:` as command-line
flags and its `// Env:` in the environment, NODE_SKIP_FLAG_CHECK=1, its own
TEST_THREAD_ID (one per worker slot, so tmp dirs never collide) and a timeout.
It passes when it exits 0; one that prints `1..0 # Skipped` skipped, which is
not a pass. Tests that need node's internals (--expose-internals,
internalBinding, require('internal/...')) are out of scope and not counted,
and so are the tests node's own status file marks flaky or skipped.
"""

import argparse
import concurrent.futures
import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import redirect_stdout
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = Path(os.environ.get("RNODE_NODE_TESTS", Path.home() / ".cache/rnode/node-v20.19.2"))
FLAGS_RE = re.compile(r"//\s+Flags:(.*)")
ENV_RE = re.compile(r"//\s+Env:(.*)")
INTERNALS_RE = re.compile(r"--expose[-_]internals|internalBinding|require\(['\"]internal/|from ['\"]internal/")
SKIPPED_MARK = "1..0 # Skipped"
STATUS_SECTIONS = {"[true]", "[$system==linux]", "[$system==linux || $system==win32]"}


def read_names(path):
    """Test names from a list file: one a line, `#` comments allowed."""
    if not path.exists():
        return []
    names = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


def excluded_by_status(source):
    """Tests node's parallel.status marks FLAKY or SKIP on Linux."""
    status = source / "test/parallel/parallel.status"
    out, active = set(), False
    for line in status.read_text().splitlines() if status.exists() else []:
        line = line.strip()
        if line.startswith("["):
            active = line.split("#", 1)[0].strip() in STATUS_SECTIONS
        elif active and ":" in line and not line.startswith("#"):
            name, verdict = line.split(":", 1)
            if "FLAKY" in verdict or "SKIP" in verdict:
                out.add(name.strip())
    return out


def public_tests(source):
    """Every test/parallel test that does not need node's internals."""
    excluded = excluded_by_status(source)
    tests = []
    for path in sorted((source / "test/parallel").iterdir()):
        if not path.name.startswith("test-") or path.suffix not in (".js", ".mjs"):
            continue
        if path.stem in excluded:
            continue
        if INTERNALS_RE.search(path.read_text(errors="replace")):
            continue
        tests.append(path.name)
    return tests


def area_of(name):
    """The word after `test-`: test-net-connect.js is in area `net`."""
    stem = name[len("test-"):].split(".", 1)[0]
    return re.split(r"[-_]", stem, maxsplit=1)[0]


def command_for(binary, path):
    source = path.read_text(errors="replace")
    flags = [flag for match in FLAGS_RE.findall(source) for flag in match.split()]
    env = {}
    for match in ENV_RE.findall(source):
        for pair in match.split():
            key, _, value = pair.partition("=")
            env[key] = value
    return [binary, *flags, str(path)], env


class Slots:
    """One TEST_THREAD_ID per concurrently running test, as test.py gives."""

    def __init__(self, count):
        self.free = list(range(count))
        self.lock = threading.Lock()

    def take(self):
        with self.lock:
            return self.free.pop()

    def give(self, slot):
        with self.lock:
            self.free.append(slot)


def run_one(binary, source, name, timeout, slots):
    path = source / "test/parallel" / name
    argv, extra_env = command_for(binary, path)
    slot = slots.take()
    env = dict(os.environ, NODE_SKIP_FLAG_CHECK="1", TEST_THREAD_ID=str(slot), **extra_env)
    env.pop("NODE_OPTIONS", None)
    started = time.monotonic()
    try:
        proc = subprocess.Popen(argv, cwd=source, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            code = "timeout"
    finally:
        slots.give(slot)
    text = out.decode(errors="replace")
    if code == 0 and SKIPPED_MARK in text:
        verdict = "skip"
    elif code == 0:
        verdict = "pass"
    else:
        verdict = "fail"
    detail = (err.decode(errors="replace") or text)[-2000:]
    return name, verdict, code, time.monotonic() - started, detail


def run_all(binary, source, names, jobs, timeout, progress):
    slots = Slots(jobs)
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_one, binary, source, n, timeout, slots) for n in names]
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            name, verdict, code, secs, detail = future.result()
            results[name] = (verdict, code, secs, detail)
            if progress and done % 100 == 0:
                print(f"  ... {done}/{len(names)}", file=sys.stderr, flush=True)
    return results


def area_table(names, results, baseline):
    """Markdown rows: area, node-passing public tests, passing under rnode, rate."""
    areas = {}
    for name in names:
        if baseline is not None and name not in baseline:
            continue
        total, passed = areas.get(area_of(name), (0, 0))
        areas[area_of(name)] = (total + 1, passed + (results[name][0] == "pass"))
    rows = sorted(areas.items(), key=lambda item: (-item[1][0], item[0]))
    lines = ["| area | tests | pass | rate |", "|---|---:|---:|---:|"]
    for area, (total, passed) in rows:
        lines.append(f"| {area} | {total} | {passed} | {100 * passed / total:.0f}% |")
    total = sum(t for t, _ in areas.values())
    passed = sum(p for _, p in areas.values())
    lines.append(f"| **all** | {total} | {passed} | {100 * passed / max(total, 1):.1f}% |")
    return lines


def report_failures(results, names, verdicts=("fail", "skip")):
    for name in names:
        verdict, code, secs, detail = results[name]
        if verdict in verdicts:
            print(f"--- {name}: {verdict} (exit {code}, {secs:.1f}s)")
            print("\n".join(detail.rstrip().splitlines()[-15:]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=str(HERE.parent.parent / "target/release/rnode"))
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--list", type=Path, help="run the tests named in this file")
    parser.add_argument("--all", action="store_true", help="run every public test/parallel test")
    parser.add_argument("--filter", default="", help="only tests whose name contains this")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("NODE_COMPAT_JOBS", "2")))
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--baseline", type=Path, default=HERE / "node_passing.txt",
                        help="tests node itself passes: the denominator of the table")
    parser.add_argument("--write-passing", type=Path, help="with --all: write the passing names here")
    parser.add_argument("--failures", type=Path, help="with --all: write each failure's output tail here")
    args = parser.parse_args()

    binary = str(Path(args.bin).resolve()) if os.sep in args.bin else args.bin
    if not (args.source / "test/common/index.js").exists():
        sys.exit(f"node's tests are not at {args.source}: run tests/node_compat/fetch-node-tests.sh")
    if args.list:
        names = read_names(args.list)
    elif args.all:
        names = public_tests(args.source)
    else:
        parser.error("give --list FILE or --all")
    names = [n for n in names if args.filter in n]
    missing = [n for n in names if not (args.source / "test/parallel" / n).exists()]
    if missing:
        sys.exit(f"not in node's test/parallel: {', '.join(missing[:10])}")

    started = time.monotonic()
    results = run_all(binary, args.source, names, args.jobs, args.timeout, progress=args.all)
    elapsed = time.monotonic() - started
    passing = sorted(n for n in names if results[n][0] == "pass")

    if args.list:
        report_failures(results, names)
        failed = len(names) - len(passing)
        print(f"node's test/parallel under {binary}: {elapsed:.0f}s")
        print(f"node-compat: {len(passing)} passed, {failed} failed")
        sys.exit(1 if failed else 0)

    baseline = set(read_names(args.baseline)) if args.baseline.exists() else None
    print("\n".join(area_table(names, results, baseline)))
    known = set(read_names(HERE / "passing.txt"))
    newly = [n for n in passing if n not in known]
    if newly:
        print(f"\nnewly passing ({len(newly)}), not yet in passing.txt:")
        print("\n".join(f"  {n}" for n in newly))
    lost = sorted(n for n in known if n in results and results[n][0] != "pass")
    if lost:
        print(f"\nin passing.txt but not passing now ({len(lost)}):")
        print("\n".join(f"  {n}" for n in lost))
    skipped = sum(1 for n in names if results[n][0] == "skip")
    print(f"\n{len(passing)} of {len(names)} public tests pass, {skipped} skipped ({elapsed:.0f}s)")
    if args.write_passing:
        args.write_passing.write_text("".join(f"{n}\n" for n in passing))
    if args.failures:
        with open(args.failures, "w") as out, redirect_stdout(out):
            report_failures(results, names, verdicts=("fail",))


if __name__ == "__main__":
    main()
