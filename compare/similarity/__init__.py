"""Similarity: clause vectors, top-k, matching, alignment, containment and the policy matrix.

The maths half of ``compare``: it knows nothing of subsidies, targets or briefs."""
