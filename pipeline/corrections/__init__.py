"""Reviewers' corrections that last: a corrections file applied after extraction, a findings baseline, annotation export and import."""
