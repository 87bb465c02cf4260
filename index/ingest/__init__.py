"""Stage 1, ingest: bytes, files, pages and feeds become an ArticleDraft.

fetch (safe HTTP) -> decode -> html or text -> bylines and dates -> boilerplate -> draft;
feeds polls RSS/Atom through the same fetcher.
"""
