"""The specifications every stage reads: extract contracts, indicator catalog, code lists,
disclosure declaration and load-log columns (all from models/ and the seeds)."""
