"""Where the tests find the seeds and the fictional fixtures."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "corpus" / "texts"
OFFICIAL = TEXTS / "zhejiang-2023-2025-action-plan.official.txt"  # seed 002_c1bf1fddda72fa86.txt
ARTICLE = TEXTS / "zhejiang-2023-2025-action-plan.article.txt"  # seed 000_83f04e59e465262b.txt
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
ZHEJIANG = "zhejiang-2023-2025-action-plan"
