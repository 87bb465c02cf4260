"""Stage 5, summaries: the extractive summary of one article and the digest of many."""
