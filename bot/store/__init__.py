"""Storage: SQLAlchemy 2 rows, the engine and the migrations."""
