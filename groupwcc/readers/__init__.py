"""Readers: files people write (rosters, YAML configuration, curricula, reference data,
attendance sheets) turned into validated models, with every problem located by row/line."""
