"""Petition Miner: structured, source-grounded records from petition work summaries."""

__version__ = "0.1.0"
