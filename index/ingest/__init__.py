"""Stage 1, ingest: bytes, files, pages and feeds become an ArticleDraft.

fetch (safe HTTP) -> decode -> html, or layout for text and markdown files (markdown,
titles, bylines, dates, outlets' furniture) -> boilerplate -> limits -> draft; articles
sends each input to its reader; feeds polls RSS/Atom through the same fetcher.
"""
