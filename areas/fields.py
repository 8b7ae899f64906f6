from django.db import models


class PathField(models.CharField):
    """A CharField compared byte by byte. Path ranges assume "/" sorts just below "0"; PostgreSQL's
    locale collations may ignore punctuation, so the column gets the "C" collation there (SQLite's
    default BINARY collation already compares bytes)."""

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
