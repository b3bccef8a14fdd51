"""`python -m mlroute.tui`: the app itself, which `mlroute serve` starts for each browser session.

textual-serve talks to the app through pipes, so the CLI's check that input and output are a
terminal would turn every browser session away; this entry point skips the CLI.
"""

from mlroute.tui.app import run_app

raise SystemExit(run_app())
