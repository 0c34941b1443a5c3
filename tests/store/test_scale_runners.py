"""The map step on Dask gives what it gives here: same analyses, same story features."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from recoupe import ingest
from recoupe.scale import DaskRunner, LocalRunner, analyze_distributed

pytestmark = pytest.mark.model

MODEL = "fr_core_news_sm"  # the light model: this checks the plumbing, not the analysis


@pytest.fixture
def default_ports_taken() -> Iterator[None]:
    """Dask's usual ports (scheduler 8786, dashboard 8787) held, as by another cluster here.

    A local cluster on them would warn and move, and pytest makes warnings errors.
    """
    with ExitStack() as stack:
        for port in (8786, 8787):
            sock = stack.enter_context(socket.socket())
            try:
                sock.bind(("127.0.0.1", port))
                sock.listen()
            except OSError:
                pass  # held already: the same situation
        yield


@pytest.mark.usefixtures("default_ports_taken")
def test_dask_workers_return_what_a_local_run_returns(seed_paths):
    articles = list(ingest.read_all(seed_paths[:3]).articles)
    batches = [articles[:2], articles[2:]]
    local = LocalRunner(model=MODEL, encoder=False)
    want = [item for batch in local(batches) for item in batch]
    with DaskRunner(workers=1, model=MODEL, encoder=False) as runner:
        assert runner.pipeline == local.pipeline
        got = [item for batch in runner(batches) for item in batch]
        # The same map step with map_partitions, through the same scheduler.
        mapped = analyze_distributed(
            articles, scheduler=runner.address, model=MODEL, encoder=False, partition_size=2
        )
    assert got == want
    assert mapped == want


def test_forked_local_processes_return_what_one_process_returns(seed_paths):
    articles = list(ingest.read_all(seed_paths).articles)
    batches = [articles[:2], articles[2:4], articles[4:]]
    alone = LocalRunner(model=MODEL, encoder=True)
    shared = LocalRunner(model=MODEL, encoder=True, processes=2)
    assert list(shared(batches)) == list(alone(batches))


def test_a_runner_needs_a_scheduler_or_a_number_of_workers():
    with pytest.raises(ValueError, match="either"):
        DaskRunner()
    with pytest.raises(ValueError, match="either"):
        DaskRunner(scheduler="tcp://127.0.0.1:1", workers=2)
