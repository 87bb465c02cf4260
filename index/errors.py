"""Typed errors whose message a user can read; the CLI and the bot show them as they are."""


class NewsdeskError(Exception):
    """Base of every error the engine raises on purpose."""


class InputError(NewsdeskError):
    """An input that cannot become an article (missing file, binary, empty, too large...)."""


class FetchError(InputError):
    """A URL that could not be fetched or is not an HTML page."""


class QuestionError(NewsdeskError):
    """A question or query the engine cannot search (empty, only stopwords, too long)."""


class ArticleNotFound(NewsdeskError):
    """No stored article matches the given id or title part."""


class AmbiguousArticle(NewsdeskError):
    """Several stored articles match; the message lists them."""

    def __init__(self, ref: str, candidates: list[tuple[str, str]]) -> None:
        self.candidates = candidates
        listed = "; ".join(f"{aid} ({title})" for aid, title in candidates[:10])
        more = f" and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(f"'{ref}' matches {len(candidates)} articles: {listed}{more}. Use an id.")


class ImportFormatError(NewsdeskError):
    """A damaged export file; nothing was imported."""


class StoreError(NewsdeskError):
    """The database could not be opened or is from a newer newsdesk."""


class FeedError(NewsdeskError):
    """A feed that cannot be followed or read (not a feed, an HTML page, not followed)."""


class FeedLimitReached(FeedError):
    """A library already follows as many feeds as it may."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"this library already follows {limit} feeds, the most it may; "
                         "remove one first")
