"""Stage 3, search by words: the BM25 index and its C kernel, synonyms, and the answer
chooser that fuses word and meaning scores into attributed passages.
"""
