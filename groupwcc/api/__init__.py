"""Use cases: the only layer that combines storage, core and exporters.

Split by noun; the CLI, tests and notebooks import from here.
"""
