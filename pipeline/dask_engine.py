"""The Dask engine of process_many: chunks of files as tasks on a LocalCluster or a remote scheduler."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

from pipeline.errors import ConfigError
from pipeline.tasks import process_chunk

CONNECT_TIMEOUT = "20s"


def _distributed():
    try:
        from dask import distributed
    except ImportError as error:
        raise ConfigError("the Dask engine needs Dask: install the extra with "
                          "`pip install -e '.[dask]'` (on this machine and on every worker)") from error
    return distributed


@contextmanager
def dask_submitter(workers: int, scheduler: str | None, classify: bool, config,
                   processes: bool = True, limits=None) -> Iterator[tuple]:
    """(submit, slots): submit(jobs) returns a Dask future of process_chunk; slots = worker threads.

    With `scheduler` None a LocalCluster of `workers` single-threaded worker processes is started
    and closed afterwards; otherwise the client connects to the running scheduler at that address."""
    distributed = _distributed()

    cluster = None
    try:
        if scheduler:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            cluster = distributed.LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                               processes=processes, dashboard_address=None,
                                               silence_logs=logging.ERROR)
            client = distributed.Client(cluster)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler or 'a new LocalCluster'} "
                          f"({error.__class__.__name__}: {error}); start it with `dask scheduler` "
                          "and pass its address, e.g. --scheduler tcp://host:8786") from error
    try:
        slots = max(1, sum(client.nthreads().values()))

        def submit(jobs):
            return client.submit(process_chunk, jobs, classify, config, limits, pure=False)

        yield submit, slots
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
