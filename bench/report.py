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
    out += before_issue_19(bench, scale)
    out += ["", "### Dataset generation", ""]
    out += [f"- {line.removeprefix('GENERATE ')}" for line in lines if line.startswith("GENERATE ")]
    out += ["", "### Details", "", "```"]
    out += [line for line in lines if not line.startswith(("BENCH ", "GENERATE "))]
    out += ["```", ""]
    return out


BASELINE = Path(__file__).with_name("baseline.txt")


def before_issue_19(bench: list[list[str]], scale: str) -> list[str]:
    """The figures measured before issue #19 (bench/baseline.txt) next to this run's, for
    the benchmarks both have: above all the autosave's ratio to the save floor, which the
    counters kept on write must not lower beyond noise."""
    if not BASELINE.exists():
        return []
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    before = {b[1]: b for b in (line.split() for line in lines if line.startswith("BENCH "))}
    before_scale = next(
        (line.split(":", 1)[1].strip() for line in lines if line.startswith("scale:")), "?"
    )
    rows = [(b, before[b[1]]) for b in bench if len(b) >= 6 and b[1] in before]
    if not rows:
        return []
    note = "the same scale" if before_scale == scale else f"BENCH_SCALE={before_scale}"
    out = [
        "",
        "### Before issue #19 (counts kept on write)",
        "",
        f"Measured on {note} before the counts were kept on write (bench/baseline.txt says",
        "how). Compare ratios, not times: the machine is shared and its speed drifts.",
        "",
        "| benchmark | before | ratio before | now | ratio now |",
        "|---|---:|---:|---:|---:|",
    ]
    for now, then in rows:
        out.append(
            f"| {now[1]} | {then[2]} {then[3]} | {then[4].removeprefix('ratio=')} "
            f"({then[5].removeprefix('limit=')}) | {now[2]} {now[3]} | "
            f"{now[4].removeprefix('ratio=')} ({now[5].removeprefix('limit=')}) |"
        )
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
