"""Limited-memory BFGS: the minimiser that fits the answer head (head.py).

scipy.optimize.minimize(method="L-BFGS-B") does the same, but scipy is 113 MB installed and
importing scipy.optimize adds 47 MB to a process's memory (peak RSS before and after the
import, scipy 1.16 on Python 3.11: the README's Libraries), against the bot's 250 MB budget,
for one smooth, unconstrained problem. This is the textbook two-loop recursion (Nocedal and
Wright, Numerical Optimization, algorithm 7.4) with a backtracking line search on the Armijo
condition.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

# Float64 throughout: in float32 the rounding of a loss summed over thousands of rows is of
# the size of the tolerance, and the stopping and Armijo tests would decide on noise.
Array = npt.NDArray[np.float64]
# The objective and its gradient at a point, in one call (they share most of the work).
Objective = Callable[[Array], tuple[float, Array]]

_MEMORY = 5  # correction pairs kept (3 to 20 all work; each costs two copies of the weights)
_ARMIJO = 1e-4  # the sufficient-decrease constant of the line search
_SMALLEST_STEP = 1e-10
_CURVATURE = 1e-10  # a step and gradient change whose product is not above it are not kept


def minimise(
    objective: Objective,
    start: Array,
    max_steps: int,
    tolerance: float,
    check: Callable[[], None] | None = None,
) -> Array:
    """The point where `objective` stops falling by more than `tolerance` (relative) in a
    step, or after `max_steps` steps. `check` is called before each step: it raises to stop
    (the bot is shutting down)."""
    x = start
    value, gradient = objective(x)
    steps: deque[Array] = deque(maxlen=_MEMORY)
    changes: deque[Array] = deque(maxlen=_MEMORY)
    for _ in range(max_steps):
        if check is not None:
            check()
        direction = -_inverse_hessian_times(gradient, steps, changes)
        slope = _dot(gradient, direction)
        if slope >= 0:  # not a descent direction (numerical trouble): restart from the slope
            steps.clear()
            changes.clear()
            direction, slope = -gradient, -_dot(gradient, gradient)
        moved, new_value, new_gradient = _line_search(objective, x, value, direction, slope)
        step, change = moved - x, new_gradient - gradient
        if _dot(step, change) > _CURVATURE:  # else the pair would spoil the estimate
            steps.append(step)
            changes.append(change)
        converged = abs(value - new_value) <= tolerance * max(1.0, abs(value))
        x, value, gradient = moved, new_value, new_gradient
        if converged:
            break
    return x


def _dot(a: Array, b: Array) -> float:
    return float(np.vdot(a, b))


def _inverse_hessian_times(gradient: Array, steps: deque[Array], changes: deque[Array]) -> Array:
    """The two-loop recursion: the gradient times the inverse Hessian that the last steps
    and gradient changes imply (the gradient itself, scaled, before there are any)."""
    q = gradient.copy()
    if not steps:
        return q / max(1.0, float(np.abs(gradient).max()))
    alphas = []
    for s, y in zip(reversed(steps), reversed(changes), strict=True):
        rho = 1.0 / _dot(y, s)
        alpha = rho * _dot(s, q)
        q -= alpha * y
        alphas.append((rho, alpha))
    q *= _dot(steps[-1], changes[-1]) / _dot(changes[-1], changes[-1])
    oldest_first = zip(steps, changes, reversed(alphas), strict=True)
    for s, y, (rho, alpha) in oldest_first:
        q += (alpha - rho * _dot(y, q)) * s
    return q


def _line_search(
    objective: Objective, x: Array, value: float, direction: Array, slope: float
) -> tuple[Array, float, Array]:
    """The first of steps 1, 1/2, 1/4... that lowers the objective enough (Armijo)."""
    step = 1.0
    while True:
        moved = x + step * direction
        new_value, new_gradient = objective(moved)
        if new_value <= value + _ARMIJO * step * slope or step < _SMALLEST_STEP:
            return moved, new_value, new_gradient
        step /= 2
