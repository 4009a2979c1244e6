"""Briefing: the tables a researcher hands in (brief, overview, side by side) and their exports.

The top of ``compare``: it combines similarity and provisions into what a reader cites."""
