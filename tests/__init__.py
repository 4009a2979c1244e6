"""The tests never reach the Hugging Face hub: set before any test module, conftest or plugin of
ours imports huggingface_hub or sentence-transformers (they read it on import), whatever the
shell that runs pytest exported."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
