"""Stage 4, quotes: quotation spans, their attribution to a speaker, names and bodies, and
the speaker look-ups built on them.
"""
