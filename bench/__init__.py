"""Benchmark harness of Petition Miner: a synthetic corpus generator and `python -m bench`."""
