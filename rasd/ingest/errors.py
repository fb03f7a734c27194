"""Input problems, reported as one line that names the file (and line) and what is wrong."""

from __future__ import annotations


class InputRejected(Exception):
    """One input (a file, or one record of it) that cannot be used. The run goes on with the others."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        super().__init__(str(self))

    def __reduce__(self):
        # Workers return rejections to the driver: the default Exception pickling would call
        # InputRejected(message) and fail in the pool's result thread, hanging the pool.
        return (InputRejected, (self.path, self.problem, self.line))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.problem}"
