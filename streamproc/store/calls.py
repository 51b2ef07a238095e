"""One call to a dependency: timed, its connection-level failures counted and made transient."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from streamproc import metrics
from streamproc.errors import TransientError, describe_error

T = TypeVar("T")


async def dependency_call(
    dependency: str,
    operation: str,
    call: Callable[[], Awaitable[T]],
    transient: tuple[type[BaseException], ...],
) -> T:
    started = time.perf_counter()
    try:
        return await call()
    except transient as error:
        metrics.DEPENDENCY_ERRORS.labels(dependency=dependency, operation=operation).inc()
        elapsed = time.perf_counter() - started
        message = f"{operation}: {describe_error(error)} after {elapsed:.1f} s"
        raise TransientError(dependency, message) from error
    finally:
        metrics.DEPENDENCY_SECONDS.labels(dependency=dependency, operation=operation).observe(
            time.perf_counter() - started
        )
