"""Runs a command and measures it with every process it starts (PostDesk and its browsers).

Prints one line: wall seconds, CPU seconds of the whole tree (user + system: the kernel's
account of waited-for children, or the sampled processes' own counts where larger), and the
peak over time of the tree's memory,
sampled every 0.2 s: PSS summed (a page shared by Chromium's processes counted once, in
shares) and RSS summed (a shared page counted in every process).

    python3 bench/batch/treemem.py -- COMMAND ARGS...
"""
import os
import resource
import subprocess
import sys
import threading
import time


def children():
    """Parent pid -> child pids, from /proc."""
    tree = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(parent, []).append(int(entry))
    return tree


CPU = {}  # pid -> the most CPU ticks (user + system) seen, for processes never waited for


def memory(root):
    """(PSS kB, RSS kB) summed over root and its descendants; notes their CPU ticks."""
    tree = children()
    todo, pss, rss = [root], 0, 0
    while todo:
        pid = todo.pop()
        todo += tree.get(pid, [])
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            CPU[pid] = max(CPU.get(pid, 0), int(fields[11]) + int(fields[12]))
        except (OSError, IndexError, ValueError):
            pass
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            pass
    return pss, rss


command = sys.argv[sys.argv.index("--") + 1:]
start = time.monotonic()
process = subprocess.Popen(command)
peak = [0, 0]


def sample():
    while process.poll() is None:
        pss, rss = memory(process.pid)
        peak[0], peak[1] = max(peak[0], pss), max(peak[1], rss)
        time.sleep(0.2)


sampler = threading.Thread(target=sample)
sampler.start()
status = process.wait()
wall = time.monotonic() - start
sampler.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
# The kernel counts a process's CPU in its parent's children's time only once it is waited
# for; the browsers' helpers are not always, so the samples' sum is taken where larger.
sampled = sum(CPU.values()) / os.sysconf("SC_CLK_TCK")
cpu = max(usage.ru_utime + usage.ru_stime, sampled)
print(f"status={status} wall={wall:.2f} cpu={cpu:.2f} "
      f"peak-pss={peak[0] // 1024} peak-rss={peak[1] // 1024}")
sys.exit(status)
