"""Scoring classifiers against human labels: `streamproc eval`."""
