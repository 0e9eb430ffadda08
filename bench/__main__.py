"""`python -m bench` (`make bench`): run every bench/bench_*.py module's main() in name order.

Each benchmark prints its report (with its ratio against a baseline measured in the same run); the printed
report is also written to bench/out/<name>.txt. A benchmark that fails (for example an answer mismatch) is
reported and the run exits non-zero after the others have run. `python -m bench clock` runs only the modules
whose name contains one of the given words.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"


class _Tee(io.TextIOBase):
    def __init__(self, *streams):
        self.streams = streams

    def write(self, s):
        for stream in self.streams:
            stream.write(s)
        return len(s)

    def flush(self):
        for stream in self.streams:
            stream.flush()


def main(argv: list[str]) -> int:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if argv:
        names = [n for n in names if any(word in n for word in argv)]
    OUT.mkdir(exist_ok=True)
    failed = []
    for name in names:
        print(f"== {name} ==", flush=True)
        report = io.StringIO()
        started = time.perf_counter()
        try:
            with contextlib.redirect_stdout(_Tee(sys.stdout, report)):
                importlib.import_module(f"bench.{name}").main()
        except Exception:
            traceback.print_exc()
            report.write("\nFAILED:\n" + traceback.format_exc())
            failed.append(name)
        (OUT / f"{name}.txt").write_text(report.getvalue(), encoding="utf-8")
        print(
            f"-- {name}: {time.perf_counter() - started:.1f} s, report in bench/out/{name}.txt\n", flush=True
        )
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
