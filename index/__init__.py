"""newsdesk engine: articles, storage, search, quotes and summaries, with no Discord in sight."""
