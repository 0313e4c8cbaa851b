"""Evaluation: score coded events and resolved dates against gold files."""
