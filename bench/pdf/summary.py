"""The table of bench/pdf/run.sh from its lines: medians per mode, against the ceiling."""
import re
import statistics
import subprocess
import sys

rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    fields = dict(re.findall(r"([\w/-]+)=([\d.]+)", line))
    rows.setdefault(line.split()[0], []).append(fields)


def median(mode, key):
    values = [float(r[key]) for r in rows[mode] if key in r]
    return statistics.median(values) if values else None


model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
loads = [float(r["load"]) for mode in rows for r in rows[mode]]
print(f"machine: {nproc} cores ({model}); load average 1 min after each mode {min(loads):.1f}-{max(loads):.1f}")
print(f"{sys.argv[2]} letters, median of {len(rows['engine'])} runs; engine: {sys.argv[3]} letters per print")
print()
print("| mode | pages | pages/s | of ceiling | CPU ms/page | ceiling's CPU / mode's | peak RSS MB | peak PSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
ceiling_rate, ceiling_cpu = median("ceiling", "pages/s"), median("ceiling", "cpu-ms/page")
for mode in ["engine", "single", "ceiling", "weasyprint"]:
    rate, cpu, pss = median(mode, "pages/s"), median(mode, "cpu-ms/page"), median(mode, "peak-pss")
    print(
        f"| {mode} | {rows[mode][0]['pages']} | {rate:.1f} | {rate / ceiling_rate:.0%} | {cpu:.1f} "
        f"| {ceiling_cpu / cpu:.0%} | {median(mode, 'peak-rss'):.0f} | {'-' if pss is None else f'{pss:.0f}'} |"
    )
