"""Publication (write-audit-publish): the version's tables under disclosure control, the refusal of
personal data, manifest, data dictionary, the switch of `current` and the history of versions."""
