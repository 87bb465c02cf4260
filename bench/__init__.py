"""Benchmark: newsdesk's speed and memory on Reuters-21578 against rank-bm25, bm25s and tantivy."""
