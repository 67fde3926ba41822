"""The LSH bands and rows datasketch picks for a threshold, worked out once per machine (loading it and SciPy takes ~0.4 s)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.build_cache import cached_build


def _is_pair(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(n, int) and n > 0 for n in value)


def _picked(threshold: float, num_perm: int) -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


@lru_cache(maxsize=8)
def band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) of datasketch's MinHashLSH for this threshold and number of
    permutations; read from the build cache when a process with the same datasketch worked them
    out before, so that a run does not import datasketch (and the SciPy it loads) for two numbers."""
    from importlib.metadata import version

    identity = ("lsh-bands", float(threshold), int(num_perm), version("datasketch"))
    return cached_build("lsh-bands", identity, lambda: _picked(threshold, num_perm), _is_pair)
