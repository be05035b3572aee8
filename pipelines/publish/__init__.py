"""Publication (write-audit-publish), disclosure control, manifest and the auditors' report."""
