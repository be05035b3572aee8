"""`siie explain`: where one published number comes from, for auditors."""
