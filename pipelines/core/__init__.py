"""What every stage shares: settings, periods, wording, progress lines, processes, retries,
locks."""
