"""What the benchmarks share: the best of several timed runs (the least disturbed by the machine)."""

import time


def best_time(function, runs):
    """Return (the shortest time in seconds, the last result) of calling function runs times."""
    best, result = None, None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, result
