"""Compare policies: match, align, search, the policy matrix, and provisions (subsidies, targets)."""
