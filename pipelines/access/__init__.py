"""Analysts' access: `siie sql` on the current publication (read-only) and the data dictionary."""
