"""Write bench/results.md from a `make bench` log: date, machine, command, the BENCH table,
the dataset generation times and the detail lines."""

import datetime
import platform
import subprocess
import sys
from pathlib import Path


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    models = [
        line.split(":", 1)[1].strip()
        for line in cpuinfo.splitlines()
        if line.startswith("model name")
    ]
    cpu = f"{len(models)} × {models[0]}" if models else platform.processor() or "unknown CPU"
    try:
        memory = subprocess.run(["free", "-h"], capture_output=True, text=True, check=True).stdout
        total = memory.splitlines()[1].split()[1]
    except (OSError, subprocess.CalledProcessError, IndexError):
        total = "?"
    return f"{cpu}, {total} RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def section(log_path: str, command: str, scale: str) -> list[str]:
    lines = Path(log_path).read_text(encoding="utf-8").splitlines()
    bench = [line.split() for line in lines if line.startswith("BENCH ")]
    out = [
        f"## BENCH_SCALE={scale}",
        "",
        f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Machine: {machine()}",
        f"- Command: `{command}`",
        "",
        "| benchmark | value | unit | ratio | against |",
        "|---|---:|---|---:|---|",
    ]
    for _, name, value, unit, ratio, limit in (b[:6] for b in bench if len(b) >= 6):
        out.append(
            f"| {name} | {value} | {unit} | {ratio.removeprefix('ratio=')} | {limit.removeprefix('limit=')} |"
        )
    out += ["", "### Dataset generation", ""]
    out += [f"- {line.removeprefix('GENERATE ')}" for line in lines if line.startswith("GENERATE ")]
    out += ["", "### Details", "", "```"]
    out += [line for line in lines if not line.startswith(("BENCH ", "GENERATE "))]
    out += ["```", ""]
    return out


HEADER = [
    "# Benchmark results",
    "",
    "Written by `make bench` (bench/run.sh → bench/report.py), one section per `BENCH_SCALE`,",
    "each replaced by the next run at that scale; the ratio is against a reference measured in",
    "the same run on the same machine (see README, “Scale and benchmarks”).",
    "",
]


def main(log_path: str, command: str, scale: str, results: str) -> None:
    """Replace this scale's section of `results`, keeping the other scales' sections."""
    path = Path(results)
    sections: dict[str, list[str]] = {}
    if path.exists():
        current = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("## BENCH_SCALE="):
                current = line.removeprefix("## BENCH_SCALE=").strip()
                sections[current] = []
            if current is not None:
                sections[current].append(line)
    sections[scale] = section(log_path, command, scale)
    order = ["full", "mid", "small"]
    out = list(HEADER)
    for name in sorted(sections, key=lambda n: order.index(n) if n in order else 99):
        out += sections[name]
    path.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:5])
