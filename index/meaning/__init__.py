"""Stage 3b, search by meaning: the offline MiniLM embedder, the int8 vector index and the
background worker that fills paragraph vectors after an article is stored.
"""
