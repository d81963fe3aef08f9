"""``Model.run`` on Dask: bit-identical to the local run, back to back on one cluster, and
a clean stop (nothing left running, the cluster usable) when a progress callback raises or
the time runs out. Each test has its own in-process ``LocalCluster`` (``processes=False``:
quick to start; one test uses worker processes), closed by ``simulate._local_cluster``."""

from __future__ import annotations

import gc
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from sharegov.errors import InvalidValue
from sharegov.simulate import BLOCK, _local_cluster
from test_simulate import three_council_model
from test_simulate_analysis import sensitivity_model

np = pytest.importorskip("numpy")
distributed = pytest.importorskip("dask.distributed")

GATE = threading.Event()  # holds the workers busy in the timeout test


@pytest.fixture
def client() -> Iterator[Any]:
    with _local_cluster(processes=False, n_workers=2, threads_per_worker=1) as c:
        yield c


def drained(client: Any) -> bool:
    """Whether the scheduler forgets every task (polled, bounded: never a hang)."""
    scheduler = client.cluster.scheduler
    for _ in range(300):
        if not scheduler.tasks:
            return True
        time.sleep(0.05)
    return False


def test_dask_gives_identical_results(client: Any) -> None:
    model = three_council_model()
    local = model.run(3 * BLOCK + 5, seed=42, chunk_size=BLOCK)
    remote = model.run(3 * BLOCK + 5, seed=42, chunk_size=BLOCK, client=client)
    assert np.array_equal(local.net, remote.net)
    assert local.quantiles() == remote.quantiles()


def test_dask_with_worker_processes_gives_identical_results() -> None:
    # The chunks' inputs and results are pickled across processes here, as on a real cluster.
    model = three_council_model()
    local = model.run(2 * BLOCK + 3, seed=5, chunk_size=BLOCK)
    with _local_cluster(processes=True, n_workers=1, threads_per_worker=1) as client:
        remote = model.run(2 * BLOCK + 3, seed=5, chunk_size=BLOCK, client=client)
    assert np.array_equal(local.net, remote.net)


def test_dask_runs_back_to_back_on_one_cluster(client: Any) -> None:
    # A reused cluster once failed 1 run in 40 ("lost dependencies" on a reused scatter
    # key) or hung in scatter. Seeds take turns, so a run that got another run's chunks
    # (a stale or shared key) would differ from its own local run.
    model = three_council_model()
    n = 2 * BLOCK + 5
    local = {seed: model.run(n, seed=seed, chunk_size=BLOCK).net for seed in range(4)}
    assert not np.array_equal(local[0], local[1])
    for i in range(40):
        remote = model.run(n, seed=i % 4, chunk_size=BLOCK, client=client, timeout=120)
        assert np.array_equal(local[i % 4], remote.net), i
        assert not client.futures, i  # every chunk released: nothing held on the cluster
    assert drained(client)


class Stop(Exception):
    pass


def test_progress_raising_stops_the_run_and_the_cluster_stays_usable(client: Any) -> None:
    model = three_council_model()
    n = 8 * BLOCK
    local = model.run(n, seed=9, chunk_size=BLOCK)
    seen: list[int] = []

    def stop_at(at: int) -> Any:
        def progress(done: int, total: int) -> None:
            seen.append(done)
            if done >= at:
                raise Stop(done)

        return progress

    for at in (1, n):  # at the first chunk (others still running), and at the last
        seen.clear()
        with pytest.raises(Stop):
            model.run(n, seed=9, chunk_size=BLOCK, client=client, progress=stop_at(at))
        assert seen[-1] >= at
        assert len(seen) == (1 if at == 1 else 8)
        assert not client.futures  # the rest were cancelled, not left running
        assert drained(client)
        again = model.run(n, seed=9, chunk_size=BLOCK, client=client, progress=lambda d, t: None)
        assert np.array_equal(local.net, again.net)


def blocked() -> bool:
    return GATE.wait(60)  # bounded, so a failing test never leaves a worker stuck


def test_timeout_cancels_a_stalled_run_and_the_cluster_stays_usable(client: Any) -> None:
    model = three_council_model()
    n = 4 * BLOCK
    GATE.clear()
    blockers = [client.submit(blocked, pure=False) for _ in range(2)]  # both workers busy
    try:
        with pytest.raises(TimeoutError) as info:
            model.run(n, seed=2, chunk_size=BLOCK, client=client, timeout=0.5)
        message = str(info.value)
        assert message.startswith("timeout: the run on Dask did not finish within 0.5 seconds (")
        done = re.fullmatch(r".*\(([\d,]+) of 16,384 scenarios done\).*", message)
        assert done is not None
        assert int(done[1].replace(",", "")) < n
        # Only the blockers are held: the run's own tasks were cancelled.
        assert set(client.futures) == {f.key for f in blockers}
    finally:
        GATE.set()
    assert client.gather(blockers) == [True, True]
    del blockers
    assert np.array_equal(
        model.run(n, seed=2, chunk_size=BLOCK, client=client, timeout=120).net,
        model.run(n, seed=2, chunk_size=BLOCK).net,
    )
    for bad in (0, -1, float("nan"), float("inf"), True, "5"):
        with pytest.raises(InvalidValue, match=r"^timeout: expected a number of seconds > 0"):
            model.run(10, seed=1, client=client, timeout=bad)  # type: ignore[arg-type]


def test_a_client_that_is_not_the_default() -> None:
    # as_completed tracks futures on the default client's loop unless told otherwise: with
    # no default client at all it raised "No clients found".
    model = sensitivity_model()
    with pytest.raises(ValueError, match="No clients found"):
        distributed.default_client()
    with _local_cluster(
        processes=False, n_workers=1, threads_per_worker=1, set_as_default=False
    ) as client:
        remote = model.run(3 * BLOCK, seed=4, chunk_size=BLOCK, client=client)
    assert np.array_equal(remote.net, model.run(3 * BLOCK, seed=4).net)


def test_progress_on_dask_as_chunks_complete(client: Any) -> None:
    model = sensitivity_model()
    n = 3 * BLOCK + 5
    calls: list[int] = []
    local = model.run(n, seed=1, chunk_size=BLOCK)
    remote = model.run(n, seed=1, chunk_size=BLOCK, client=client,
                       progress=lambda d, t: calls.append(d))  # fmt: skip
    sized: list[int] = []  # by default, about four tasks for each of the 2 workers
    auto = model.run(16 * BLOCK, seed=1, client=client, progress=lambda d, t: sized.append(d))
    assert len(sized) == 8
    assert np.array_equal(auto.net, model.run(16 * BLOCK, seed=1).net)
    assert np.array_equal(local.net, remote.net)
    assert len(calls) == 4  # once per chunk, not once at the end
    assert calls == sorted(calls)
    assert calls[-1] == n


def test_closing_leaves_no_stream_to_fire_after_the_loop_stops() -> None:
    # distributed leaves two BatchedSend streams open at close (the client's, when the
    # scheduler closed its end first; the scheduler's to the cluster's worker watcher). A
    # stream still open may hold a tornado timeout when the event loop stops; fired in the
    # loop's last turn, its future is never read, and Python prints "Future exception was
    # never retrieved ... TimeoutError('Timeout')" (1 full test run in 3). _local_cluster
    # closes them before the loop stops.
    from distributed.batched import BatchedSend

    with _local_cluster(processes=False, n_workers=2, threads_per_worker=1) as client:
        loop = client.loop
        sensitivity_model().run(2 * BLOCK, seed=1, chunk_size=BLOCK, client=client)
    gc.collect()
    streams = [o for o in gc.get_objects() if isinstance(o, BatchedSend) and o.loop is loop]
    assert len(streams) >= 4  # client, scheduler to client and workers, workers, watcher
    assert [s for s in streams if not s.please_stop] == []
