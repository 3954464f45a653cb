"""CPU seconds used so far by the processes whose command line contains each pattern, as JSON:
`python bench/cpu.py gunicorn "postgres: postgres bench"`. Read before and after a load run,
it splits a request's cost between the app servers and the database (Linux /proc only)."""

import json
import os
import sys

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pattern: str) -> float:
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if pattern.encode() not in f.read().replace(b"\0", b" "):
                    continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
    return total


if __name__ == "__main__":
    print(json.dumps({p: cpu_seconds(p) for p in sys.argv[1:]}))
