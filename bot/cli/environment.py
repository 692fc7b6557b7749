"""What a command runs in: its standard streams and environment variables.

Commands read and write only through an `Environment`, never `sys.stdin` or `os.environ`, so a
test hands one in with `io.StringIO` streams and a plain dict instead of patching the process
(httpie's `Environment` is the model). The default is the process's own, read when the
object is made, so a test's captured `sys.stdout` is honoured too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TextIO


@dataclass(frozen=True)
class Environment:
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    variables: Mapping[str, str] = field(default_factory=lambda: os.environ)
