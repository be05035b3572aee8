"""The specifications every stage reads: extract contracts, indicator catalog, code lists,
disclosure declaration and load-log columns (all from models/ and the seeds), and the names of
the assets one stage refers to in another."""
