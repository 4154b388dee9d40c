"""The CI gate: configuration, inline suppression, running rules, baselines."""
