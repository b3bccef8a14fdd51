"""The Textual app. Only `mlroute.cli` (with no command) and the tests import this package."""
