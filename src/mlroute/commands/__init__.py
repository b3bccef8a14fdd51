"""The headless subcommands, one module each; none imports Textual."""
