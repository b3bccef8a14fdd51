"""Allow `python -m mlroute`."""

from mlroute.cli import main

raise SystemExit(main())
