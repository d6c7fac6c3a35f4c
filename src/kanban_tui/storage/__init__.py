"""SQLModel tables, the database file and the queries that return domain objects."""
