"""python -m dnadeck: the same as the dnadeck command."""

import signal

# Ctrl-C while the command is still loading ends it at once, as before Python starts (nothing is
# written yet) rather than with a traceback from whatever was being imported; once loaded, Ctrl-C
# is KeyboardInterrupt again, which the command turns into removing its temporaries and one line.
signal.signal(signal.SIGINT, signal.SIG_DFL)
from .cli import main  # noqa: E402

signal.signal(signal.SIGINT, signal.default_int_handler)
main(prog_name="dnadeck")
