"""Every benchmark, one after the other.

python -m bench.run            # the full set (the scale benchmark takes about 20 minutes, the semantic one a few)
python -m bench.run --quick    # a smoke set on small sizes
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bench import compare_scale, corpus_ingest, scale_out, semantic


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats")
    args = parser.parse_args(argv)
    corpus_ingest.main(["--repeat", "1", "--copies", "20"] if args.quick else [])
    print()
    scale_out.main(["--quick"] if args.quick else [])
    print()
    compare_scale.main(["--quick"] if args.quick else [])
    if not args.quick:
        print()
        semantic.main([])


if __name__ == "__main__":
    main()
