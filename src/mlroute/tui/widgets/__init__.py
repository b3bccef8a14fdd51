"""Reusable widgets, each owning its messages."""
