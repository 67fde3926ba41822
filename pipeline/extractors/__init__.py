"""Extractors: pure functions from an analysed document (and resources) to grounded items."""
