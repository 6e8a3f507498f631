"""A small who-talks-about-whom graph written for the analytics and viewer tests (plain helpers, no plugin).

The store is built from records, not by extraction, so the tests pin analytics and the viewer
whatever the extractor finds. Every sentence here is written for the tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from kg import graph
from kg.records import Article, Entity, Evidence, Resolution, Statement
from kg.store import load_lines, new_generation, swap_in

TOWN_TEXT = (
    '📣 Mayor Ann Lee attacked the Harbour Board on Tuesday. "The board has failed this town," Lee said. '
    'A board spokesman answered that the mayor was wrong about the budget. '
    'Councillor Bob Stone backed her. "She is right, and I admire her courage," Stone said. '
    'Stone also said the board must publish its accounts. '
    'Lee called the Harbour Report "a careful piece of work".'
)
# Markup and quotes in every field the page shows: none of it may run or become markup.
HOSTILE_TEXT = (
    '<script>window.kgInjected = 1</script> Critic Eve Marsh wrote on a "href" blog. '
    '"<img src=x onerror="window.kgInjected = 2">The mayor\'s plan is a <b>disaster</b>," Marsh said.'
)


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _statement(key, speaker, about, act, article, words, speaker_words, mode="Direct", earliest=None):
    """`speaker_words`: words around the speaker's mention, which is their first word."""
    start, end = _span(article.text, words)
    s_start, _ = _span(article.text, speaker_words)
    s_end = s_start + len(speaker_words.split()[0])
    return Statement(
        key=key, speaker=speaker, text=words, act=act, about=about,
        evidence=(Evidence(article.id, start, end, mode, "said", s_start, s_end),),
        earliest=earliest, latest=earliest, confidence=0.9,
    )


def town_records(hostile: bool = True) -> tuple[list[Article], Resolution]:
    """Two articles: a mayor and a board attack each other, a councillor backs the mayor; a hostile one."""
    town = Article(id="town", text=TOWN_TEXT, source="<test town>", headline="Mayor and board clash",
                   publisher="The Example Courier", url="https://news.example/town",
                   date_published=date(2021, 3, 5))
    articles = [town]
    statements = [
        _statement("s-lee-board", "ann-lee", ("harbour-board",), "Criticize", town,
                   "The board has failed this town", "Lee", earliest=date(2021, 3, 2)),
        _statement("s-board-lee", "harbour-board", ("ann-lee",), "Criticize", town,
                   "the mayor was wrong about the budget", "spokesman answered", mode="Indirect"),
        _statement("s-stone-lee", "bob-stone", ("ann-lee",), "Praise", town,
                   "She is right, and I admire her courage", "Stone said"),
        _statement("s-stone-board", "bob-stone", ("harbour-board",), "Demand", town,
                   "the board must publish its accounts", "Stone also", mode="Indirect"),
        _statement("s-lee-report", "ann-lee", ("harbour-report",), "Praise", town,
                   "a careful piece of work", "Lee called"),
    ]
    entities = [
        Entity("ann-lee", "Ann Lee", "Person", alternate_names=("Lee",)),
        Entity("harbour-board", "Harbour Board", "Organization"),
        Entity("bob-stone", "Bob Stone", "Person", alternate_names=("Stone",)),
        Entity("example-courier", "The Example Courier", "Organization"),
        Entity("quiet-town", "Quiet Town", "Place"),
        Entity("harbour-report", "Harbour Report", "CreativeWork"),
    ]
    publishers = {"The Example Courier": "example-courier"}
    if hostile:
        bad = Article(id="hostile", text=HOSTILE_TEXT, source="<test hostile>",
                      headline='<script>window.kgInjected = 3</script>"Quotes" & <i>tags</i>',
                      publisher='The "href" <b>Gazette</b>', url="javascript:window.kgInjected=4",
                      date_published=date(2021, 3, 6))
        articles.append(bad)
        statements.append(_statement(
            "s-marsh-lee", "eve-marsh", ("ann-lee",), "Criticize", bad,
            "<img src=x onerror=\"window.kgInjected = 2\">The mayor's plan is a <b>disaster</b>", "Marsh said"))
        entities.append(Entity("eve-marsh", 'Eve "<script>window.kgInjected=5</script>" Marsh', "Person"))
        entities.append(Entity("hostile-gazette", 'The "href" <b>Gazette</b>', "Organization"))
        publishers['The "href" <b>Gazette</b>'] = "hostile-gazette"
    return articles, Resolution(entities=tuple(entities), statements=tuple(statements), publishers=publishers)


def write_store(root: Path, articles: list[Article], resolution: Resolution) -> Path:
    """A store at `root` holding exactly the graph of these records."""
    run = graph.Run(tuple(a.id for a in articles), "test-model",
                    datetime(2021, 3, 7, tzinfo=UTC), datetime(2021, 3, 7, tzinfo=UTC))
    root.mkdir(parents=True, exist_ok=True)
    generation, store = new_generation(root)
    load_lines(store, [graph.quad_line(q).encode() for q in graph.quads(articles, resolution, run)])
    store.flush()
    del store
    swap_in(root, generation)
    return root


def crowd_records(people: int = 450, speakers: int = 150) -> tuple[list[Article], Resolution]:
    """A larger graph: `people` entities, of whom the first `speakers` each criticise the next one."""
    text = " ".join(f'"Number {i} is wrong," said Person {i}.' for i in range(speakers))
    article = Article(id="crowd", text=text, source="<test crowd>", headline="Everyone disagrees",
                      date_published=date(2022, 1, 1))
    entities = tuple(Entity(f"p{i:03d}", f"Person {i}", "Person") for i in range(people))
    statements = tuple(
        _statement(f"s{i:03d}", f"p{i:03d}", (f"p{i + 1:03d}",), "Criticize", article, f"Number {i} is wrong",
                   f"Person {i}.")
        for i in range(speakers)
    )
    return [article], Resolution(entities=entities, statements=statements)
