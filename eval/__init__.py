"""Quality evaluations over ../shared/data: each prints a table and JSON figures."""
