"""Helpers for the automated tests: factories and the one way to skip the second factor."""
