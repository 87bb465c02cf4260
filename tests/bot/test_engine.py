"""The fair engine: per-server queues served round robin by one thread, so one server's
burst delays another server's job by at most one job per busy server."""

from __future__ import annotations

import threading

import pytest

from bot.engine import FairEngine


def _run_bursts(bursts: dict[str, int]) -> list[str]:
    """Hold the engine with a first job, queue the bursts, release; the order jobs ran."""
    engine = FairEngine()
    order: list[str] = []
    gate = threading.Event()
    try:
        first = engine.submit("A", lambda: (gate.wait(5), order.append("A0")))
        futures = [first]
        for server, count in bursts.items():
            for n in range(1, count + 1):
                futures.append(engine.submit(server, lambda s=server, n=n: order.append(f"{s}{n}")))
        gate.set()
        for future in futures:
            future.result(timeout=5)
    finally:
        engine.shutdown()
    return order


def test_a_burst_of_one_server_does_not_queue_another_behind_it():
    order = _run_bursts({"A": 50, "B": 1})
    # B waits for the running job and at most one more job of A, not for A's fifty
    assert order.index("B1") <= 2
    assert len(order) == 52


def test_each_busy_server_gets_one_turn_per_round():
    order = _run_bursts({"A": 30, "B": 30, "C": 1})
    assert order.index("C1") <= 3  # the running job, then at most one of A's and one of B's
    head = order[1:13]
    assert sorted(head[:3]) == ["A1", "B1", "C1"]
    assert all(abs(head.count(f"A{n}") - head.count(f"B{n}")) == 0 for n in range(2, 6))


def test_a_job_failure_reaches_its_caller_and_the_engine_goes_on():
    engine = FairEngine()
    try:
        def fail() -> None:
            raise KeyError("boom")

        with pytest.raises(KeyError):
            engine.submit("A", fail).result(timeout=5)
        assert engine.submit("A", lambda: 42).result(timeout=5) == 42
    finally:
        engine.shutdown()


def test_shutdown_cancels_what_is_still_queued():
    engine = FairEngine()
    gate, started = threading.Event(), threading.Event()
    running = engine.submit("A", lambda: (started.set(), gate.wait(5))[1])
    assert started.wait(5)
    queued = engine.submit("B", lambda: 1)
    engine.shutdown()
    gate.set()
    assert running.result(timeout=5) is True and queued.cancelled()
    with pytest.raises(RuntimeError):
        engine.submit("A", lambda: 1)
