"""Provisions: the numbers, subsidies and targets read out of clauses, and the registry's facts.

It knows nothing of vectors or similarity: a provision is read from one clause's text."""
