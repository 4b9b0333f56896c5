"""Messy debriefs played through the real chat, as a new user would: what the check asked, and every draft.

    python -m bench.debriefs [FILE.md ...] [--only N]

Plays each debrief of the files (default: tests/data/messy_debriefs.md) with tests/support/debriefs.py and
prints every question the check asked and every draft in full (thank-yous, second emails, chases), for a
person to read; the last line counts debriefs, questions and what the check still stops at. Not a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from tests.support.debriefs import MESSY, parse, run_one


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=[MESSY])
    parser.add_argument("--only", type=int, default=None, help="play only the N-th debrief (from 1)")
    args = parser.parse_args(argv)
    debriefs = [d for f in args.files for d in parse(f.read_text(encoding="utf-8"))]
    if args.only:
        debriefs = [debriefs[args.only - 1]]
    totals = {"debriefs": 0, "questions": 0, "most questions": 0, "thank-yous": 0, "second emails": 0, "left": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for n, debrief in enumerate(debriefs):
            result = await run_one(debrief, Path(tmp), n)
            print(f"\n{'=' * 100}\n## {result.title}\n")
            for q in result.questions:
                print(f"[check asked]\n{q}\n")
            for text in [*result.thank_yous, *result.seconds, *result.chases]:
                print(f"{'-' * 60}\n{text}\n")
            totals["debriefs"] += 1
            totals["questions"] += len(result.questions)
            totals["most questions"] = max(totals["most questions"], len(result.questions))
            totals["thank-yous"] += len(result.thank_yous)
            totals["second emails"] += len(result.seconds)
            totals["left"] += len(result.left)
            for line in result.left:
                print(f"[left] {line}")
    print("\n" + ", ".join(f"{k}: {v}" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
