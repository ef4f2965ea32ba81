"""The dnadeck command's start, for ``python -m dnadeck`` and the installed ``dnadeck`` alike."""

import signal


def run() -> None:
    """Load the command line and run it.

    Ctrl-C while the command is still loading ends it at once, as before Python
    starts (nothing is written yet) rather than with a traceback from whatever
    was being imported; once loaded, Ctrl-C is KeyboardInterrupt again, which
    the command turns into removing its temporaries and one line.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    from .cli import main

    signal.signal(signal.SIGINT, signal.default_int_handler)
    main(prog_name="dnadeck")


if __name__ == "__main__":
    run()
