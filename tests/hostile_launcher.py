"""Runs the ``dnadeck`` command for the hostile tests, many times, fast.

Started once with the library imported, it reads one JSON request a line
(args, folder, env, output files), forks a child that runs the command's
``main`` exactly as ``python -m dnadeck`` does (its argv, folder,
environment, stdout and stderr, the CPU and memory limits, exit handlers),
waits for it and answers with its exit status (negative: the signal that
ended it). Forking skips the interpreter's start and the imports, which
were most of each case's time.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import pkgutil
import resource
import sys
import traceback

import lxml.etree  # noqa: F401  (warmed before forking)
import PIL.Image  # noqa: F401
import pptx  # noqa: F401

import dnadeck
import dnadeck.cli

# The command loads the library lazily; load all of it once here, not in every fork.
for _module in pkgutil.walk_packages(dnadeck.__path__, "dnadeck."):
    importlib.import_module(_module.name)


def run(request: dict[str, object]) -> None:
    """In the child: set the case up and run the command; never returns."""
    code = 1
    try:
        memory, cpu = int(request["memory"]), int(request["cpu"])  # type: ignore[call-overload]
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        os.chdir(str(request["folder"]))
        os.environ.clear()
        os.environ.update(request["env"])  # type: ignore[arg-type]
        for fd, name in ((1, "stdout"), (2, "stderr")):
            target = os.open(str(request[name]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        sys.argv = ["dnadeck", *request["args"]]  # type: ignore[misc]
        try:
            dnadeck.cli.main(args=request["args"], prog_name="dnadeck")
            code = 0
        except SystemExit as exit:
            if isinstance(exit.code, str):
                print(exit.code, file=sys.stderr)
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        atexit._run_exitfuncs()
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def serve() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run(request)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        sys.stdout.write(json.dumps({"exit": code}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
