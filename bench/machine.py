"""What a benchmark ran on: printed at the top of every benchmark's output."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata


def describe(packages: tuple[str, ...] = ()) -> str:
    """One block of text: CPU, cores, memory, Python and package versions."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            mem_kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
        memory = f"{mem_kb / 2**20:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "?"
    versions = []
    for name in packages:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    lines = [
        f"machine: {cpu}, {os.cpu_count()} cores, {memory} RAM, {platform.system()} {platform.release()}",
        f"python:  {sys.version.split()[0]}",
    ]
    if versions:
        lines.append("versions: " + ", ".join(versions))
    return "\n".join(lines)
