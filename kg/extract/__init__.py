"""From a spaCy Doc to extraction records. spaCy types never leave this package."""

from __future__ import annotations

from ..records import Article, ArticleExtraction
from .attributions import find_attributions
from .boilerplate import find_boilerplate_start
from .mentions import find_mentions
from .relations import find_relations

# Bump when extraction changes, so cached records of older extractors are not reused.
EXTRACTOR_VERSION = "1"


def extract(doc, article: Article) -> ArticleExtraction:
    """Mentions, attributed statements and relations of one parsed article."""
    limit = find_boilerplate_start(article.text)
    mentions = find_mentions(doc, article, limit)
    mentions, attributions = find_attributions(doc, article, mentions, limit)
    relations = find_relations(doc, article, mentions, limit)
    return ArticleExtraction(
        article_id=article.id,
        input_sha256=article.extraction_key,
        mentions=tuple(mentions),
        attributions=tuple(attributions),
        relations=tuple(relations),
        boilerplate_start=limit,
        date_published=article.date_published,
    )
